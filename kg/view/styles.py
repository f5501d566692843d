"""How each kind of node and edge looks: one table read by the model (actor groups), the nodes and
edges (legend texts in tooltips) and the page (vis-network options, legend and its CSS).
"""

# Node groups: vis shape, background, border, legend text. Order = legend order.
_NODE_STYLES = {
    "State": ("dot", "#4e79a7", "#2b4a6f", "State"),
    "InternationalOrganization": ("hexagon", "#59a14f", "#356b2f", "International organisation"),
    "Organization": ("square", "#f28e2b", "#a35a10", "Organisation (ministry, agency, media…)"),
    "Person": ("triangle", "#b07aa1", "#6f4a66", "Person"),
    "ThreatActor": ("diamond", "#e15759", "#9c2b2d", "Threat actor"),
    "Actor": ("dot", "#bab0ac", "#7a7370", "Other actor"),
    "Accusation": ("box", "#f8d7d7", "#c0392b", "Accusation"),
    "CounterAccusation": ("box", "#fde3c8", "#d9822b", "Counter-accusation"),
    "Rebuttal": ("box", "#d5ecd4", "#2e7d32", "Rebuttal"),
    "Incident": ("ellipse", "#fff2c6", "#b8860b", "Incident"),
    "Response": ("box", "#d6e4f0", "#2c5f8a", "Response (indictment, sanction…)"),
    "Dispute": ("box", "#ececec", "#555555", "Dispute across documents (kg.disputes)"),
}
_ACTOR_GROUPS = ("State", "InternationalOrganization", "ThreatActor", "Person", "Organization")

# Edge kinds: colour, vis dashes, CSS border style for the legend, curve roundness, legend text.
_EDGE_STYLES = {
    "accusation": ("#c0392b", False, "solid", 0.08, "accuses"),
    "counter-accusation": (
        "#d9822b",
        [10, 4, 2, 4],
        "dashed",
        0.22,
        "counter-accuses (answers an accusation)",
    ),
    "rebuttal": ("#2e7d32", [6, 6], "dashed", 0.36, "rebuts (rebutter → accuser)"),
    "accuser": ("#c0392b", False, "solid", 0.1, "accusation → accuser"),
    "accused": ("#7f1d1d", [6, 4], "dashed", 0.1, "accusation → accused"),
    "counterTo": ("#d9822b", [10, 4, 2, 4], "dashed", 0.1, "counter-accusation → what it answers"),
    "concerns": ("#b8860b", [2, 4], "dotted", 0.1, "accusation → incident"),
    "rebutter": ("#2e7d32", False, "solid", 0.1, "rebuttal → rebutter"),
    "rebuts": ("#2e7d32", [6, 6], "dashed", 0.1, "rebuttal → accusation"),
    "target": ("#b8860b", False, "solid", 0.1, "incident → target"),
    "by": ("#2c5f8a", False, "solid", 0.1, "response → by"),
    "against": ("#2c5f8a", [6, 6], "dashed", 0.1, "response → against"),
    "inDispute": ("#9a9a9a", [2, 3], "dotted", 0.0, "claim → its dispute"),
    "affiliation": ("#7a7370", [2, 3], "dotted", 0.0, "acts for (akg:affiliatedWith)"),
}
# Spring lengths (canvas pixels): a dispute's claims gather round it and an agent stands by its
# principal, while a claim's links to its actors stretch, so that the claims view groups by dispute
# rather than round the States every claim names. Others keep the physics' default.
_EDGE_LENGTHS = {"inDispute": 40, "affiliation": 70, "concerns": 60, "rebuts": 60, "counterTo": 60}
_EDGE_LENGTHS |= dict.fromkeys(("accuser", "accused", "rebutter", "target", "by", "against"), 220)
