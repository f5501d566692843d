"""The nodes and edges of a view, with their tooltips, as vis-network reads them.

Input: a ``_Model`` and a ``_Selection``. Output: lists of node and edge dicts (JSON-ready; edges get
stable ids ``e1``, ``e2``… in sorted order) for the ``actors`` view (actors linked by who accuses and
rebuts whom, merged per pair and kind) or the ``claims`` view (claims linked to the actors and claims
they name, and to the dispute each belongs to). With ``aggregate``, actors are merged into their
nearest principal; without, the actors view draws each actor's affiliation (``akg:affiliatedWith``)
up to its principal, adding the principal when no claim names it.
"""

from __future__ import annotations

from kg.view.model import _Claim, _claim_of, _clip, _local, _Model
from kg.view.names import names_of
from kg.view.selection import _Selection
from kg.view.styles import _EDGE_STYLES, _NODE_STYLES

_LABEL_CHARS = 48
_CLAIMS_PER_TIP = 30


def _date_text(claim: _Claim) -> str:
    return " / ".join(claim.dates) if claim.dates else "undated"


_KIND_NAMES = {
    "Accusation": "Accusation",
    "CounterAccusation": "Counter-accusation",
    "Rebuttal": "Rebuttal",
    "Incident": "Incident",
}


def _short(model: _Model, iri: str) -> str:
    """One line naming a claim: « accusation by X against Y (date) »."""
    claim = _claim_of(model, iri)
    if claim is None:
        return _local(iri)
    name = _KIND_NAMES.get(claim.kind, claim.kind).lower()
    if claim.kind == "Incident":
        return f"incident {names_of(model).incident(claim).line}"
    by = claim.get("accuser") + claim.get("rebutter") + claim.get("by")
    against = claim.get("accused") + claim.get("against")
    text = name
    if by:
        text += " by " + ", ".join(model.describe_actor(a) for a in by)
    if against:
        text += " against " + ", ".join(model.describe_actor(a) for a in against)
    return f"{text} ({_date_text(claim)})"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _claim_block(model: _Model, claim: _Claim, context: set[str]) -> dict:
    def names(prop: str) -> str:
        return ", ".join(model.describe_actor(a) for a in claim.get(prop))

    lines = []
    for prop, caption in (
        ("accuser", "By"),
        ("rebutter", "By"),
        ("by", "By"),
        ("accused", "Against"),
        ("against", "Against"),
        ("target", "Targets"),
    ):
        if claim.get(prop):
            lines.append(f"{caption}: {names(prop)}")
    if claim.kind == "Incident":
        named = names_of(model).incident(claim)
        lines.insert(0, f"Named « {named.name} » after {named.how}")
        if claim.label:
            lines.insert(0, claim.label)
    for dispute in model.in_dispute.get(claim.iri, ()):
        lines.append(f"Dispute: {names_of(model).dispute(dispute)}")
    for prop, caption in (("rebuts", "Rebuts"), ("counterTo", "Answers"), ("concerns", "Concerns")):
        lines += [f"{caption}: {_short(model, x)}" for x in claim.get(prop)]
    if claim.get("strategy"):
        labels = sorted(model.strategy_label(s) for s in claim.get("strategy"))
        lines.append(f"Strategies: {', '.join(labels)}")
    if claim.iri in context:
        lines.append("Shown as context: outside the filters.")
    docs = [model.docs[d] for d in claim.docs if d in model.docs]
    return {
        "head": f"{_KIND_NAMES.get(claim.kind, claim.kind)} · {_date_text(claim)}",
        "lines": lines,
        "quotes": list(claim.quotes),
        "docs": [
            {"title": f"{d.title} ({d.identifier})" if d.identifier != d.title else d.title, "href": d.href}
            for d in docs
        ],
    }


def _claims_tip(model: _Model, title: str, claims: list[_Claim], context: set[str]) -> dict:
    ordered = sorted(claims, key=lambda c: (c.bounds or ((9999,), (9999,)), c.iri))
    tip = {"title": title, "claims": [_claim_block(model, c, context) for c in ordered[:_CLAIMS_PER_TIP]]}
    if len(ordered) > _CLAIMS_PER_TIP:
        tip["more"] = f"… and {len(ordered) - _CLAIMS_PER_TIP} more"
    return tip


def _actor_node(model: _Model, node: str, members: set[str], value: int | None, stats: str | None) -> dict:
    actor = model.actor(node)
    lines = [_NODE_STYLES[actor.group][3]]
    if actor.codes:
        lines.append(f"Code: {', '.join(actor.codes)}")
    others = [model.actor(p) for p in actor.principals if p != node]
    if others:
        lines.append("Acts for: " + ", ".join(f"{p.label} ({', '.join(p.codes)})" for p in others))
    if actor.aliases:
        lines.append("Also called: " + ", ".join(actor.aliases))
    if stats:
        lines.append(stats)
    merged = sorted((model.actor(m).label for m in members if m != node), key=lambda t: (t.casefold(), t))
    if merged:
        lines.append("Stands for: " + ", ".join(merged))
    lines.append(node)
    search = " ".join([actor.label, *actor.codes, *actor.aliases, *merged])
    out = {
        "id": node,
        "label": _clip(actor.label, _LABEL_CHARS),
        "group": actor.group,
        "search": search,
        "tip": {"title": actor.label, "lines": lines},
    }
    if value is not None:
        out["value"] = value
    return out


def _finish_edges(edges: dict[tuple[str, str, str], dict]) -> list[dict]:
    out = []
    for n, key in enumerate(sorted(edges), start=1):
        edge = edges[key]
        edge["id"] = f"e{n}"
        out.append(edge)
    return out


def _actors_view(model: _Model, sel: _Selection, aggregate: bool) -> tuple[list[dict], list[dict]]:
    node = lambda iri: model.node_for(iri, aggregate)  # noqa: E731
    pairs: dict[tuple[str, str, str], dict[str, _Claim]] = {}
    members: dict[str, set[str]] = {}
    stats: dict[str, dict[str, set[str]]] = {}

    def touch(actor: str, role: str, claim: str) -> str:
        shown = node(actor)
        members.setdefault(shown, set()).add(actor)
        stats.setdefault(shown, {"accuses": set(), "accused": set(), "rebuts": set()})[role].add(claim)
        return shown

    for iri in sel.accusations:
        claim = model.accusations[iri]
        kind = "counter-accusation" if claim.kind == "CounterAccusation" else "accusation"
        for source in claim.get("accuser"):
            for target in claim.get("accused"):
                key = (touch(source, "accuses", iri), touch(target, "accused", iri), kind)
                pairs.setdefault(key, {})[iri] = claim
    for iri in sel.rebuttals:
        claim = model.rebuttals[iri]
        for rebutted in claim.get("rebuts"):
            accusers = model.accusations[rebutted].get("accuser") if rebutted in model.accusations else ()
            for source in claim.get("rebutter"):
                for target in accusers:
                    shown_target = node(target)
                    members.setdefault(shown_target, set()).add(target)
                    stats.setdefault(shown_target, {"accuses": set(), "accused": set(), "rebuts": set()})
                    pairs.setdefault((touch(source, "rebuts", iri), shown_target, "rebuttal"), {})[iri] = (
                        claim
                    )

    nodes = []
    for shown in sorted(members):
        s = stats[shown]
        text = f"Accuses: {len(s['accuses'])} · accused: {len(s['accused'])} · rebuts: {len(s['rebuts'])}"
        nodes.append(_actor_node(model, shown, members[shown], 1 + len(s["accuses"] | s["accused"]), text))
    nouns = {"accusation": "accusation", "counter-accusation": "counter-accusation", "rebuttal": "rebuttal"}
    edges = {}
    for (source, target, kind), claims in pairs.items():
        count = len(claims)
        plural = nouns[kind] + ("s" if count > 1 else "")
        title = f"{model.actor(source).label} → {model.actor(target).label}: {count} {plural}"
        edges[(source, target, kind)] = {
            "from": source,
            "to": target,
            "kind": kind,
            "value": count,
            "label": f"×{count}" if count > 1 else "",
            "tip": _claims_tip(model, title, list(claims.values()), sel.context),
        }
    _add_affiliations(model, nodes, edges, aggregate)
    return nodes, _finish_edges(edges)


def _add_affiliations(model: _Model, nodes: list[dict], edges: dict, aggregate: bool) -> None:
    """Edges actor → each actor it is akg:affiliatedWith, up to its principals, so that a ministry or
    a threat group stands by its State; an actor no claim names is added to end the chain."""
    shown = {n["id"] for n in nodes}
    pending = sorted(shown)
    added: dict[str, set[str]] = {}
    while pending:
        iri = pending.pop(0)
        for target in model.actor(iri).affiliations:
            to = model.node_for(target, aggregate)
            if to == iri or (iri, to, "affiliation") in edges:
                continue
            if to not in shown:
                shown.add(to)
                pending.append(to)
            added.setdefault(to, set()).add(iri)
            title = f"{model.actor(iri).label} acts for {model.actor(to).label}"
            edges[(iri, to, "affiliation")] = {
                "from": iri, "to": to, "kind": "affiliation", "value": 1, "label": "",
                "tip": {"title": title, "lines": [_EDGE_STYLES["affiliation"][4]]},
            }
    existing = {n["id"] for n in nodes}
    for iri in sorted(set(added) - existing):
        names = ", ".join(sorted(model.actor(a).label for a in added[iri]))
        nodes.append(_actor_node(model, iri, {iri}, 1, f"Drawn as the principal of {names}; no claim names it here."))
    nodes.sort(key=lambda n: n["id"])


def _claim_label(model: _Model, claim: _Claim) -> str:
    if claim.kind == "Incident":
        return names_of(model).incident(claim).label
    head = _KIND_NAMES.get(claim.kind, claim.kind)
    return f"{head}\n{claim.dates[0]}" if claim.dates else head


def _claims_view(model: _Model, sel: _Selection, aggregate: bool) -> tuple[list[dict], list[dict]]:
    kept = {
        iri: table[iri]
        for table, iris in (
            (model.accusations, sel.accusations),
            (model.rebuttals, sel.rebuttals),
            (model.incidents, sel.incidents),
            (model.responses, sel.responses),
        )
        for iri in iris
    }
    members: dict[str, set[str]] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    disputes: dict[str, list[_Claim]] = {}

    def link(source: str, target: str, kind: str, actor: bool) -> None:
        if actor:
            shown = model.node_for(target, aggregate)
            members.setdefault(shown, set()).add(target)
            target = shown
        elif target not in kept:
            return
        key = (source, target, kind)
        if key in edges:
            edges[key]["value"] += 1
        else:
            edges[key] = {"from": source, "to": target, "kind": kind, "value": 1, "label": ""}

    for iri, claim in kept.items():
        for prop in ("accuser", "accused", "rebutter", "target", "by", "against"):
            for target in claim.get(prop):
                link(iri, target, prop, actor=True)
        for prop in ("rebuts", "counterTo", "concerns"):
            for target in claim.get(prop):
                link(iri, target, prop, actor=False)
        for dispute in model.in_dispute.get(iri, ())[:1]:
            disputes.setdefault(dispute, []).append(claim)
            edges[(iri, dispute, "inDispute")] = {
                "from": iri, "to": dispute, "kind": "inDispute", "value": 1, "label": ""}

    nodes = []
    for iri in sorted(kept):
        claim = kept[iri]
        group = claim.kind if claim.kind in _NODE_STYLES else "Response"
        block = _claim_block(model, claim, sel.context)
        search = " ".join([_claim_label(model, claim), claim.label or "", *claim.quotes])
        nodes.append(
            {
                "id": iri,
                "label": _claim_label(model, claim),
                "group": group,
                "search": search,
                "tip": {"title": _capitalised(_short(model, iri)), "claims": [block], "lines": [iri]},
            }
        )
    nodes += [_actor_node(model, shown, members[shown], None, None) for shown in sorted(members)]
    for dispute, claims in sorted(disputes.items()):
        label = names_of(model).dispute(dispute)
        nodes.append({
            "id": dispute,
            "label": "Dispute\n" + _clip(label, _LABEL_CHARS),
            "group": "Dispute",
            "search": label,
            "tip": _claims_tip(model, f"Dispute: {label}", claims, sel.context) | {"lines": [dispute]},
        })
    nodes.sort(key=lambda n: n["id"])

    labels = {n["id"]: n["label"].replace("\n", " ") for n in nodes}
    for edge in edges.values():
        edge["tip"] = {
            "title": f"{labels[edge['from']]} —{edge['kind']}→ {labels[edge['to']]}",
            "lines": [_EDGE_STYLES[edge["kind"]][4]],
        }
    return nodes, _finish_edges(edges)
