#!/usr/bin/env python3
"""Generate a CheckList-style behavioural test matrix (cases.jsonl) for a French
extractor of cyber-attribution claims.

Standard library only; deterministic (all choices are rotations over fixed lists,
and the final trimming uses random.Random with a fixed seed).

    python3 generate.py            # writes cases.jsonl next to this file
    python3 generate.py --stdout   # prints instead

Each case is built from three independent layers:
  * an actor layer (principal code -> French noun phrases of several forms),
  * an act layer (attack said by a noun phrase or by a verb, with a target),
  * a construction layer (predicate x syntactic form), which also knows the
    expected (accuser, accused) and (rebutter, accuser) pairs.
"""
import json
import os
import random
import sys
from collections import OrderedDict, defaultdict

SEED = 20240611
HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Noun phrases and French morphology helpers
# --------------------------------------------------------------------------

VOWELS = "aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ"
H_MUET = ("hôp", "hom", "hist", "hab", "heur", "hôt")


def elides(word):
    return bool(word) and (word[0] in VOWELS or word.lower().startswith(H_MUET))


def cap(s):
    return s[0].upper() + s[1:] if s else s


def de_(s):
    """« de » before a word without article (elided)."""
    return ("d'" + s) if elides(s) else ("de " + s)


def que_(s):
    return ("qu'" + s) if elides(s) else ("que " + s)


class NP:
    """A noun phrase with its determiner, gender and number.

    art: '' (proper name without article), 'le', 'la', "l'", 'les', 'des',
    'un', 'une'.
    """

    def __init__(self, art, text, g="m", n="s", code=None, form=None):
        self.art, self.text, self.g, self.n = art, text, g, n
        self.code, self.form = code, form

    @property
    def bare(self):
        if self.art == "":
            return self.text
        if self.art == "l'":
            return "l'" + self.text
        return self.art + " " + self.text

    @property
    def cap(self):
        return cap(self.bare)

    @property
    def de(self):
        a, t = self.art, self.text
        if a == "":
            return de_(t)
        if a == "le":
            return "du " + t
        if a == "les":
            return "des " + t
        if a == "des":
            return de_(t)
        if a == "la":
            return "de la " + t
        if a == "l'":
            return "de l'" + t
        return "d'" + a + " " + t  # un / une

    @property
    def a(self):
        a, t = self.art, self.text
        if a == "":
            return "à " + t
        if a == "le":
            return "au " + t
        if a == "les":
            return "aux " + t
        if a == "l'":
            return "à l'" + t
        return "à " + a + " " + t

    @property
    def par(self):
        return "par " + self.bare

    @property
    def codes(self):
        return [self.code]


class Coord:
    """Coordination of noun phrases (« Londres et Washington »)."""

    def __init__(self, parts, form=None):
        self.parts = parts
        self.n = "p"
        self.g = "f" if all(p.g == "f" for p in parts) else "m"
        self.form = form or parts[0].form

    def _join(self, items):
        if len(items) == 2:
            return items[0] + " et " + items[1]
        return ", ".join(items[:-1]) + " et " + items[-1]

    @property
    def bare(self):
        return self._join([p.bare for p in self.parts])

    @property
    def cap(self):
        return cap(self.bare)

    @property
    def de(self):
        return self._join([p.de for p in self.parts])

    @property
    def a(self):
        return self._join([p.a for p in self.parts])

    @property
    def par(self):
        return "par " + self.bare

    @property
    def codes(self):
        out = []
        for p in self.parts:
            if p.code not in out:
                out.append(p.code)
        return out


def agree(stem, g, n):
    """Past participle / adjective agreement: accusé -> accusée(s), mis -> mise(s)."""
    s = stem
    if g == "f":
        s += "e"
    if n == "p" and not s.endswith("s"):
        s += "s"
    return s


def pron(np):
    return {("m", "s"): "il", ("f", "s"): "elle", ("m", "p"): "ils", ("f", "p"): "elles"}[(np.g, np.n)]


def meme(np):
    return {("m", "s"): "lui-même", ("f", "s"): "elle-même", ("m", "p"): "eux-mêmes",
            ("f", "p"): "elles-mêmes"}[(np.g, np.n)]


def poss(np):
    return "son" if np.n == "s" else "leur"


def poss_pl(np):
    return "ses" if np.n == "s" else "leurs"


def aux(tense, n):
    return {
        "present": "",
        "pc": "a" if n == "s" else "ont",
        "pqp": "avait" if n == "s" else "avaient",
        "cond": "aurait" if n == "s" else "auraient",
    }[tense]


def etre(tense, n):
    return {
        "present": "est" if n == "s" else "sont",
        "pc": "a été" if n == "s" else "ont été",
        "pqp": "avait été" if n == "s" else "avaient été",
        "past": "était" if n == "s" else "étaient",
        "cond": "serait" if n == "s" else "seraient",
    }[tense]


# --------------------------------------------------------------------------
# Actor layer
# --------------------------------------------------------------------------

def S(art, text, g="m", n="s"):
    return (art, text, g, n)


STATES = OrderedDict()


def state(code, name, adj, capital=None, government=(), ministry=(), agency=(), official=(),
          groups=(), hackers=(), parl=None, embassy=None, no_targets=()):
    STATES[code] = dict(code=code, name=name, adj=adj, capital=capital, government=list(government),
                        ministry=list(ministry), agency=list(agency), official=list(official),
                        groups=list(groups), hackers=list(hackers), parl=parl, embassy=embassy,
                        no_targets=set(no_targets))


def adj4(ms, fs=None, mp=None, fp=None):
    fs = fs or ms + "e"
    mp = mp or (ms if ms.endswith("s") else ms + "s")
    fp = fp or fs + "s"
    return dict(ms=ms, fs=fs, mp=mp, fp=fp)


state("NO", S("la", "Norvège", "f"), adj4("norvégien", "norvégienne"), S("", "Oslo"),
      [S("le", "gouvernement norvégien")], [S("le", "ministère norvégien des Affaires étrangères")],
      [S("le", "PST norvégien")], [S("le", "ministre norvégien des Affaires étrangères")],
      parl=S("le", "Parlement norvégien"), embassy="de Norvège")
state("DE", S("l'", "Allemagne", "f"), adj4("allemand"), S("", "Berlin"),
      [S("le", "gouvernement allemand")], [S("le", "ministère allemand de l'Intérieur")],
      [S("le", "BfV"), S("l'", "Office fédéral de protection de la Constitution")],
      [S("le", "chancelier allemand")], parl=S("le", "Bundestag"), embassy="d'Allemagne")
state("GB", S("le", "Royaume-Uni"), adj4("britannique", "britannique"), S("", "Londres"),
      [S("le", "gouvernement britannique")], [S("le", "ministère britannique des Affaires étrangères")],
      [S("le", "NCSC britannique")], [S("le", "chef de la diplomatie britannique")],
      groups=[S("le", "GCHQ")], hackers=[S("des", "hackers britanniques", "m", "p")],
      parl=S("le", "Parlement britannique"), embassy="du Royaume-Uni")
state("FR", S("la", "France", "f"), adj4("français", "française"), S("", "Paris"),
      [S("le", "gouvernement français")], [S("le", "ministère français des Affaires étrangères")],
      [S("l'", "ANSSI", "f")], [S("le", "ministre français des Affaires étrangères")],
      parl=S("l'", "Assemblée nationale", "f"), embassy="de France")
state("NL", S("les", "Pays-Bas", "m", "p"), adj4("néerlandais", "néerlandaise"), S("", "La Haye"),
      [S("le", "gouvernement néerlandais")], [S("le", "ministère néerlandais de la Défense")],
      [S("l'", "AIVD"), S("le", "MIVD néerlandais")], [S("le", "ministre néerlandais de la Défense")],
      parl=S("le", "Parlement néerlandais"), embassy="des Pays-Bas")
state("CZ", S("la", "République tchèque", "f"), adj4("tchèque", "tchèque"), S("", "Prague"),
      [S("le", "gouvernement tchèque")], [S("le", "ministère tchèque des Affaires étrangères")],
      [S("l'", "agence tchèque de cybersécurité", "f")], [S("le", "ministre tchèque des Affaires étrangères")],
      parl=S("le", "Parlement tchèque"), embassy="de République tchèque")
state("EE", S("l'", "Estonie", "f"), adj4("estonien", "estonienne"), S("", "Tallinn"),
      [S("le", "gouvernement estonien")], [S("le", "ministère estonien des Affaires étrangères")],
      [S("le", "service de renseignement extérieur estonien")],
      [S("le", "ministre estonien des Affaires étrangères")],
      parl=S("le", "Parlement estonien"), embassy="d'Estonie")
state("LT", S("la", "Lituanie", "f"), adj4("lituanien", "lituanienne"), S("", "Vilnius"),
      [S("le", "gouvernement lituanien")], [S("le", "ministère lituanien de la Défense")],
      [S("le", "centre national de cybersécurité lituanien")], [S("le", "ministre lituanien de la Défense")],
      parl=S("le", "Parlement lituanien"), embassy="de Lituanie")
state("PL", S("la", "Pologne", "f"), adj4("polonais", "polonaise"), S("", "Varsovie"),
      [S("le", "gouvernement polonais")], [S("le", "ministère polonais des Affaires numériques")],
      [S("l'", "Agence de sécurité intérieure polonaise", "f")], [S("le", "vice-Premier ministre polonais")],
      parl=S("le", "Parlement polonais"), embassy="de Pologne")
state("AU", S("l'", "Australie", "f"), adj4("australien", "australienne"), S("", "Canberra"),
      [S("le", "gouvernement australien")], [S("le", "ministère australien des Affaires étrangères")],
      [S("l'", "agence australienne de cybersécurité", "f")],
      [S("la", "ministre australienne des Affaires étrangères", "f")],
      parl=S("le", "Parlement australien"), embassy="d'Australie")
state("JP", S("le", "Japon"), adj4("japonais", "japonaise"), S("", "Tokyo"),
      [S("le", "gouvernement japonais")], [S("le", "ministère japonais des Affaires étrangères")],
      [S("la", "police nationale japonaise", "f")], [S("le", "porte-parole du gouvernement japonais")],
      parl=S("le", "Parlement japonais"), embassy="du Japon")
state("KR", S("la", "Corée du Sud", "f"), adj4("sud-coréen", "sud-coréenne"), S("", "Séoul"),
      [S("le", "gouvernement sud-coréen")], [S("le", "ministère sud-coréen de l'Unification")],
      [S("le", "service national de renseignement sud-coréen")], [S("le", "président sud-coréen")],
      parl=S("le", "Parlement sud-coréen"), embassy="de Corée du Sud")
state("CA", S("le", "Canada"), adj4("canadien", "canadienne"), S("", "Ottawa"),
      [S("le", "gouvernement canadien")], [S("le", "ministère canadien des Affaires étrangères")],
      [S("le", "Centre canadien pour la cybersécurité")], [S("la", "ministre canadienne des Affaires étrangères", "f")],
      parl=S("le", "Parlement canadien"), embassy="du Canada")
state("NZ", S("la", "Nouvelle-Zélande", "f"), adj4("néo-zélandais", "néo-zélandaise"), S("", "Wellington"),
      [S("le", "gouvernement néo-zélandais")], [S("le", "ministère néo-zélandais des Affaires étrangères")],
      [S("le", "GCSB néo-zélandais")], [S("le", "vice-Premier ministre néo-zélandais")],
      parl=S("le", "Parlement néo-zélandais"), embassy="de Nouvelle-Zélande")
state("BE", S("la", "Belgique", "f"), adj4("belge", "belge"), None,  # « Bruxelles » avoided: EU or BE
      [S("le", "gouvernement belge")], [S("le", "ministère belge des Affaires étrangères")],
      [S("la", "Sûreté de l'État belge", "f")], [S("le", "ministre belge des Affaires étrangères")],
      parl=S("le", "Parlement belge"), embassy="de Belgique")
state("US", S("les", "États-Unis", "m", "p"), adj4("américain"), S("", "Washington"),
      [S("le", "gouvernement américain"), S("l'", "administration américaine", "f")],
      [S("le", "département d'État américain"), S("le", "ministère américain de la Justice")],
      [S("le", "FBI"), S("la", "CISA américaine", "f")], [S("le", "secrétaire d'État américain")],
      groups=[S("la", "NSA", "f")], hackers=[S("des", "pirates informatiques américains", "m", "p")],
      parl=S("le", "Congrès américain"), embassy="des États-Unis")
state("RU", S("la", "Russie", "f"), adj4("russe", "russe"), S("", "Moscou"),
      [S("le", "gouvernement russe"), S("le", "Kremlin")], [S("le", "ministère russe des Affaires étrangères")],
      [S("le", "FSB")], [S("le", "porte-parole du Kremlin"), S("la", "porte-parole de la diplomatie russe", "f")],
      groups=[S("", "APT28"), S("le", "groupe APT29"), S("le", "groupe Sandworm"), S("le", "GRU"),
              S("le", "renseignement militaire russe")],
      hackers=[S("des", "hackers liés à l'État russe", "m", "p"), S("des", "pirates informatiques russes", "m", "p")],
      parl=S("la", "Douma", "f"), embassy="de Russie")
state("CN", S("la", "Chine", "f"), adj4("chinois", "chinoise"), S("", "Pékin"),
      [S("le", "gouvernement chinois")], [S("le", "ministère chinois des Affaires étrangères")],
      [S("le", "Centre national chinois de réponse aux virus informatiques")],
      [S("le", "porte-parole de la diplomatie chinoise")],
      groups=[S("", "APT31"), S("le", "groupe APT40"), S("", "APT41"),
              S("le", "ministère chinois de la Sécurité d'État")],
      hackers=[S("des", "pirates informatiques chinois", "m", "p"),
               S("des", "hackers soutenus par l'État chinois", "m", "p")],
      parl=None, embassy="de Chine", no_targets={"elec", "finance"})
state("IR", S("l'", "Iran"), adj4("iranien", "iranienne"), S("", "Téhéran"),
      [S("le", "gouvernement iranien")], [S("le", "ministère iranien des Affaires étrangères")],
      [], [S("le", "porte-parole de la diplomatie iranienne")],
      groups=[S("", "APT33"), S("le", "groupe APT35"), S("le", "groupe Charming Kitten")],
      hackers=[S("des", "pirates informatiques iraniens", "m", "p"),
               S("des", "hackers liés aux Gardiens de la révolution", "m", "p")],
      parl=S("le", "Parlement iranien"), embassy="d'Iran")
state("KP", S("la", "Corée du Nord", "f"), adj4("nord-coréen", "nord-coréenne"), S("", "Pyongyang"),
      [S("le", "régime nord-coréen")], [S("le", "ministère nord-coréen des Affaires étrangères")],
      [], [S("l'", "agence officielle nord-coréenne KCNA", "f")],
      groups=[S("le", "groupe Lazarus"), S("", "Lazarus"), S("le", "groupe Kimsuky"), S("", "APT38")],
      hackers=[S("des", "pirates informatiques nord-coréens", "m", "p"),
               S("des", "hackers à la solde de Pyongyang", "m", "p")],
      parl=None, embassy="de Corée du Nord", no_targets={"elec", "finance"})
state("EU", S("l'", "Union européenne", "f"), adj4("européen", "européenne"), None,
      [S("la", "Commission européenne", "f")], [S("le", "Conseil de l'UE")],
      [S("le", "Service européen pour l'action extérieure")],
      [S("le", "haut représentant de l'UE pour les affaires étrangères")],
      parl=S("le", "Parlement européen"), no_targets={"elec", "finance", "grid"})
state("NATO", S("l'", "OTAN", "f"), None, None,
      [S("l'", "Alliance atlantique", "f")], [S("le", "Conseil de l'Atlantique Nord")],
      [], [S("le", "secrétaire général de l'OTAN")], parl=None)

ACCUSER_FORMS = ["state", "capital", "government", "ministry", "agency", "official"]
ACCUSED_FORMS = ["state", "capital", "government", "group", "hackers"]
REBUTTER_FORMS = ["state", "capital", "government", "ministry", "official"]


def actor(code, form, k=0):
    """The k-th variant of actor `code` in `form`, or None if French has none."""
    st = STATES[code]
    if form == "state":
        cands = [st["name"]]
    elif form == "capital":
        cands = [st["capital"]] if st["capital"] else []
    elif form in ("government", "ministry", "agency", "official", "groups", "hackers"):
        cands = st[form]
    elif form == "group":
        cands = st["groups"]
    else:
        raise ValueError(form)
    if not cands:
        return None
    art, text, g, n = cands[k % len(cands)]
    return NP(art, text, g, n, code=code, form=form)


def adj_fp(code):
    a = STATES[code]["adj"]
    return a["fp"] if a else None


def accusations_of(code):
    """« les accusations norvégiennes » or « les accusations de l'OTAN »."""
    a = adj_fp(code)
    return ("les accusations " + a) if a else ("les accusations " + actor(code, "state").de)


# --------------------------------------------------------------------------
# Act layer: targets, attack nouns, attack verbs
# --------------------------------------------------------------------------

def targets(victim):
    st = STATES[victim]
    a = st["adj"]
    out = OrderedDict()
    if st["parl"]:
        out["parl"] = NP(*st["parl"])
    out["elec"] = NP("la", "commission électorale " + a["fs"], "f")
    out["hosp"] = NP("des", "hôpitaux " + a["mp"], "m", "p")
    out["grid"] = NP("le", "réseau électrique " + a["ms"])
    if victim == "EU":
        out["admin"] = NP("des", "institutions européennes", "f", "p")
    else:
        out["admin"] = NP("des", "administrations " + a["fp"], "f", "p")
    out["defense"] = NP("des", "entreprises " + a["fp"] + " de défense", "f", "p")
    out["univ"] = NP("des", "universités " + a["fp"], "f", "p")
    out["finance"] = NP("le", "ministère " + a["ms"] + " des Finances")
    for k in st["no_targets"]:
        out.pop(k, None)
    return out


class NounAct(NP):
    kind = "noun"


class VerbAct:
    kind = "verb"

    def __init__(self, pp, obj):
        self.pp, self.obj = pp, obj

    @property
    def inf(self):
        return "avoir " + self.pp + " " + self.obj

    @property
    def de(self):
        return "d'" + self.inf

    def finite(self, tense, n):
        return aux(tense, n) + " " + self.pp + " " + self.obj


NOUN_ACTS = [  # art, gender, number, template, allowed target keys
    ("la", "f", "s", "cyberattaque contre {bare}", ["parl", "elec", "hosp", "grid", "admin", "finance"]),
    ("des", "f", "p", "cyberattaques contre {bare}", ["hosp", "admin", "grid", "univ", "parl"]),
    ("l'", "f", "s", "intrusion dans le réseau informatique {de}", ["parl", "elec", "finance", "admin", "univ"]),
    ("le", "m", "s", "piratage {de}", ["parl", "elec", "finance", "admin", "hosp"]),
    ("une", "f", "s", "campagne de cyberespionnage visant {bare}", ["defense", "univ", "admin", "parl", "finance"]),
    ("l'", "f", "s", "attaque informatique contre {bare}", ["grid", "hosp", "elec", "parl"]),
]
VERB_ACTS = [  # past participle, template, allowed target keys
    ("piraté", "les courriels {de}", ["parl", "finance", "elec", "admin"]),
    ("infiltré", "le réseau informatique {de}", ["parl", "elec", "finance", "univ"]),
    ("paralysé", "les sites internet {de}", ["admin", "hosp", "parl", "finance", "elec"]),
    ("espionné", "{bare}", ["defense", "univ", "parl"]),
    ("volé", "des données sensibles {de}", ["hosp", "defense", "univ", "finance"]),
    ("attaqué", "{bare}", ["grid", "hosp"]),
]


def victim_of(accuser_code):
    # NATO has no adjective: its cases are about attacks on a member (Estonia).
    return "EE" if accuser_code == "NATO" else accuser_code


def make_act(kind, victim, k, allowed=None):
    tg = targets(victim)
    if kind == "noun":
        pool = [NOUN_ACTS[i] for i in (allowed or range(len(NOUN_ACTS)))]
        art, g, n, tpl, keys = pool[k % len(pool)]
        keys = [x for x in keys if x in tg]
        t = tg[keys[(k // len(pool)) % len(keys)]]
        return NounAct(art, tpl.format(bare=t.bare, de=t.de), g, n)
    pool = [VERB_ACTS[i] for i in (allowed or range(len(VERB_ACTS)))]
    pp, tpl, keys = pool[k % len(pool)]
    keys = [x for x in keys if x in tg]
    t = tg[keys[(k // len(pool)) % len(keys)]]
    return VerbAct(pp, tpl.format(bare=t.bare, de=t.de))


def neg_obj(act):
    """Direct object under negation: « des » becomes « de » (n'a pas imputé de cyberattaques)."""
    return de_(act.text) if act.art in ("des", "un", "une") else act.bare


def anaphor(act):
    """« cette attaque » / « ces attaques » for use in a follow-up sentence."""
    return "ces attaques" if getattr(act, "n", "s") == "p" else "cette attaque"


# --------------------------------------------------------------------------
# Principal pairs
# --------------------------------------------------------------------------

PAIRS = [
    ("NO", "RU"), ("DE", "RU"), ("GB", "CN"), ("CZ", "CN"), ("EE", "RU"), ("AU", "CN"),
    ("JP", "KP"), ("US", "IR"), ("NL", "RU"), ("LT", "CN"), ("KR", "KP"), ("CA", "CN"),
    ("FR", "RU"), ("NZ", "CN"), ("PL", "RU"), ("GB", "RU"), ("US", "KP"), ("BE", "CN"),
    ("EU", "RU"), ("NATO", "RU"), ("CN", "US"), ("DE", "CN"), ("RU", "US"), ("GB", "IR"),
    ("NO", "CN"), ("US", "CN"), ("JP", "CN"), ("AU", "RU"), ("CZ", "RU"), ("EU", "CN"),
    ("GB", "KP"), ("LT", "RU"), ("US", "RU"), ("RU", "GB"), ("CA", "RU"), ("NATO", "CN"),
    ("FR", "CN"), ("IR", "US"), ("NL", "CN"), ("RU", "NATO"),
]
STATE_LIKE = {"RU", "CN", "IR", "KP", "US", "GB", "NATO"}


class Rot:
    """Deterministic rotating picker."""

    def __init__(self):
        self.c = defaultdict(int)

    def __call__(self, key, seq):
        i = self.c[key]
        self.c[key] += 1
        return seq[i % len(seq)]

    def k(self, key):
        i = self.c[key]
        self.c[key] += 1
        return i


ROT = Rot()


def forms_for(actor_form):
    """actor_form dimension -> (accuser form, accused form)."""
    if actor_form in ("state", "capital", "government"):
        return actor_form, actor_form
    if actor_form in ("ministry", "agency", "official"):
        return actor_form, "state"
    if actor_form in ("group", "hackers"):
        return "capital", actor_form
    raise ValueError(actor_form)


def pick_pair(key, actor_form, need=None):
    """Next (A, B) actor NPs for this key, skipping pairs French cannot express."""
    af, bf = forms_for(actor_form)
    for _ in range(len(PAIRS) * 3):
        ca, cb = ROT(("pair", key), PAIRS)
        k = ROT.k(("var", key))
        a = actor(ca, af, k) or (actor(ca, "state") if actor_form in ("group", "hackers") else None)
        b = actor(cb, bf, k)
        if a is None or b is None:
            continue
        if need and not need(a, b):
            continue
        return a, b
    return None


# --------------------------------------------------------------------------
# Neutral continuations (no claim)
# --------------------------------------------------------------------------

def cont_accused(b, k):
    if b.form in ("group", "hackers"):
        actif = {("m", "s"): "actif", ("f", "s"): "active", ("m", "p"): "actifs", ("f", "p"): "actives"}[(b.g, b.n)]
        opts = [("est " + actif + " depuis plusieurs années", "sont " + actif + " depuis plusieurs années"),
                ("est déjà " + agree("connu", b.g, b.n) + " des chercheurs en sécurité",
                 "sont déjà " + agree("connu", b.g, b.n) + " des chercheurs en sécurité")]
    else:
        opts = [("n'a pas réagi dans l'immédiat", "n'ont pas réagi dans l'immédiat"),
                ("n'a pas répondu aux sollicitations de la presse", "n'ont pas répondu aux sollicitations de la presse"),
                ("n'a pas souhaité commenter", "n'ont pas souhaité commenter")]
    o = opts[k % len(opts)]
    return o[0] if b.n == "s" else o[1]


def cont_accuser(a, k):
    opts = [("a annoncé de nouvelles mesures de protection", "ont annoncé de nouvelles mesures de protection"),
            ("a renforcé la sécurité de ses réseaux", "ont renforcé la sécurité de leurs réseaux"),
            ("a publié un rapport technique détaillé", "ont publié un rapport technique détaillé")]
    o = opts[k % len(opts)]
    return o[0] if a.n == "s" else o[1]


def cont_act(act, k):
    if k % 2 == 0:
        return "remonte à l'été dernier" if act.n == "s" else "remontent à l'été dernier"
    return ("avait été " if act.n == "s" else "avaient été ") + agree("détecté", act.g, act.n) + " en mars"


# --------------------------------------------------------------------------
# Verbal accusation predicates
# --------------------------------------------------------------------------

class VerbPred:
    """accused = direct object; act in a complement."""

    def __init__(self, slug, inf, pres, pp, particle="", acts=("noun", "verb"), par_after=False,
                 ctrl=None):
        self.slug, self.inf, self.pres, self.pp = slug, inf, pres, pp
        self.particle, self.acts, self.par_after = particle, acts, par_after
        self.ctrl = ctrl

    def finite(self, tense, n):
        if tense == "present":
            v = self.pres[0 if n == "s" else 1]
        else:
            v = aux(tense, n) + " " + self.pp
        return v + (" " + self.particle if self.particle else "")

    def compl(self, b, act):
        raise NotImplementedError

    # forms --------------------------------------------------------------
    def active(self, a, b, act, tense, k):
        return f"{a.cap} {self.finite(tense, a.n)} {b.bare} {self.compl(b, act)}."

    def passive(self, a, b, act, tense, k):
        v = etre(tense, b.n) + " " + agree(self.pp, b.g, b.n) + (" " + self.particle if self.particle else "")
        if self.par_after:
            return f"{b.cap} {v} {self.compl(b, act)} {a.par}."
        return f"{b.cap} {v} {a.par} {self.compl(b, act)}."

    def participial(self, a, b, act, tense, k, main=None):
        p = cap(agree(self.pp, b.g, b.n)) + (" " + self.particle if self.particle else "")
        main = main or cont_accused(b, k)
        if self.par_after:
            return f"{p} {self.compl(b, act)} {a.par}, {b.bare} {main}."
        return f"{p} {a.par} {self.compl(b, act)}, {b.bare} {main}."

    def relative_accuser(self, a, b, act, tense, k):
        return f"{a.cap}, qui {self.finite(tense, a.n)} {b.bare} {self.compl(b, act)}, {cont_accuser(a, k)}."

    def relative_accused(self, a, b, act, tense, k, main=None):
        if tense == "present":
            v = self.pres[0 if a.n == "s" else 1]
        else:  # preceding direct object: the participle agrees with the antecedent
            v = aux("pc", a.n) + " " + agree(self.pp, b.g, b.n)
        v += (" " + self.particle if self.particle else "")
        main = main or cont_accused(b, k)
        return f"{b.cap}, {que_(a.bare)} {v} {self.compl(b, act)}, {main}."

    def infinitive(self, a, b, act, tense, k):
        ctrls = self.ctrl or [("a décidé", "ont décidé", "de"), ("n'a pas hésité", "n'ont pas hésité", "à"),
                              ("a choisi", "ont choisi", "de"), ("s'apprête", "s'apprêtent", "à")]
        s, p, prep = ctrls[k % len(ctrls)]
        inf = self.inf + (" " + self.particle if self.particle else "")
        if prep == "de":
            head = de_(inf)
        elif prep == "à":
            head = "à " + inf
        else:
            head = inf
        return f"{a.cap} {s if a.n == 's' else p} {head} {b.bare} {self.compl(b, act)}."


class DePred(VerbPred):  # accuser, soupçonner: « de » + infinitive or noun
    def compl(self, b, act):
        return act.de


class DansPred(VerbPred):  # incriminer, mettre en cause: « dans » + noun, « pour avoir » + verb
    def compl(self, b, act):
        return ("pour " + act.inf) if act.kind == "verb" else ("dans " + act.bare)


class RolePred(VerbPred):  # pointer du doigt: « pour son rôle dans » / « pour avoir »
    def compl(self, b, act):
        return ("pour " + act.inf) if act.kind == "verb" else (f"pour {poss(b)} rôle dans " + act.bare)


class RespPred(VerbPred):  # tenir pour / désigner comme responsable de
    def __init__(self, *a, prep="pour", **kw):
        super().__init__(*a, **kw)
        self.prep = prep

    def compl(self, b, act):
        r = "responsable" if b.n == "s" else "responsables"
        return f"{self.prep} {r} {act.de}"


class DativePred(VerbPred):
    """imputer, attribuer: act = direct object, accused = « à »."""

    def compl(self, b, act):
        return b.a

    def active(self, a, b, act, tense, k):
        adv = " publiquement" if k % 3 == 1 else ""
        return f"{a.cap} {self.finite(tense, a.n)}{adv} {act.bare} {b.a}."

    def passive(self, a, b, act, tense, k):
        v = etre(tense, act.n) + " " + agree(self.pp, act.g, act.n)
        if k % 2 or b.form == "hackers":
            return f"{act.cap} {v} {a.par} {b.a}."
        return f"{act.cap} {v} {b.a} {a.par}."

    def participial(self, a, b, act, tense, k, main=None):
        p = cap(agree(self.pp, act.g, act.n))
        return f"{p} {a.par} {b.a}, {act.bare} {cont_act(act, k)}."

    def relative_accuser(self, a, b, act, tense, k):
        return f"{a.cap}, qui {self.finite(tense, a.n)} {act.bare} {b.a}, {cont_accuser(a, k)}."

    def relative_accused(self, a, b, act, tense, k, main=None):
        v = self.finite(tense, a.n)
        main = main or cont_accused(b, k)
        return f"{b.cap}, à qui {a.bare} {v} {act.bare}, {main}."

    def infinitive(self, a, b, act, tense, k):
        ctrls = [("a décidé", "ont décidé", "de"), ("n'a pas hésité", "n'ont pas hésité", "à"),
                 ("a fini par", "ont fini par", "")]
        s, p, prep = ctrls[k % len(ctrls)]
        head = de_(self.inf) if prep == "de" else ("à " + self.inf if prep == "à" else self.inf)
        return f"{a.cap} {s if a.n == 's' else p} {head} {act.bare} {b.a}."


VERB_PREDS = [
    DePred("accuser", "accuser", ("accuse", "accusent"), "accusé"),
    DativePred("imputer", "imputer", ("impute", "imputent"), "imputé", acts=("noun",)),
    DativePred("attribuer", "attribuer", ("attribue", "attribuent"), "attribué", acts=("noun",)),
    RespPred("designer", "désigner", ("désigne", "désignent"), "désigné", acts=("noun",), prep="comme"),
    DePred("soupconner", "soupçonner", ("soupçonne", "soupçonnent"), "soupçonné",
           ctrl=[("dit", "disent", ""), ("affirme", "affirment", ""), ("a fini par", "ont fini par", "")]),
    DansPred("incriminer", "incriminer", ("incrimine", "incriminent"), "incriminé", acts=("noun",)),
    DansPred("mettre-en-cause", "mettre", ("met", "mettent"), "mis", particle="en cause"),
    RolePred("pointer-du-doigt", "pointer", ("pointe", "pointent"), "pointé", particle="du doigt"),
    RespPred("tenir-pour-responsable", "tenir", ("tient", "tiennent"), "tenu", acts=("noun",),
             par_after=True, prep="pour"),
]
VP = {p.slug: p for p in VERB_PREDS}


# --------------------------------------------------------------------------
# Copular / reported predicates (« être derrière », « selon X, Y a piraté »)
# --------------------------------------------------------------------------

class CopPred:
    def __init__(self, slug, acts):
        self.slug, self.acts = slug, acts

    def pred(self, b, act, tense):
        """Predicate said of the accused, finite, given tense (present/past/cond/pc)."""
        s = self.slug
        if s == "acte-direct":
            t = {"present": "pc", "past": "pc", "pc": "pc", "cond": "cond"}[tense]
            return act.finite(t, b.n)
        v = etre(tense, b.n)
        if s == "etre-derriere":
            return f"{v} derrière {act.bare}"
        if s == "etre-a-l-origine":
            return f"{v} à l'origine {act.de}"
        if s == "etre-responsable":
            return f"{v} {'responsable' if b.n == 's' else 'responsables'} {act.de}"
        raise ValueError(s)

    def active(self, a, b, act, tense, k):
        says = [("affirme", "affirment"), ("estime", "estiment"), ("a déclaré", "ont déclaré"),
                ("avait conclu", "avaient conclu")]
        sv = says[k % len(says)]
        v = sv[0] if a.n == "s" else sv[1]
        t = "present" if k % len(says) < 2 else "past"
        return f"{a.cap} {v} {que_(b.bare)} {self.pred(b, act, t)}."

    def selon(self, a, b, act, tense, k):
        heads = ["Selon " + a.bare, "D'après " + a.bare, "Pour " + a.bare]
        h = heads[k % len(heads)]
        return f"{h}, {b.bare} {self.pred(b, act, 'present')}."

    def conditional(self, a, b, act, tense, k):
        forms = k % 3
        if forms == 0:
            return f"{b.cap} {self.pred(b, act, 'cond')}, selon {a.bare}."
        if forms == 1:
            return f"D'après {a.bare}, {b.bare} {self.pred(b, act, 'cond')}."
        v = "affirme" if a.n == "s" else "affirment"
        return f"{cap(b.bare)} {self.pred(b, act, 'cond')}, {v} {a.bare}."

    def relative_accuser(self, a, b, act, tense, k):
        v = "estime" if a.n == "s" else "estiment"
        return f"{a.cap}, qui {v} {que_(b.bare)} {self.pred(b, act, 'present')}, {cont_accuser(a, k)}."

    def relative_accused(self, a, b, act, tense, k, main=None):
        main = main or cont_accused(b, k)
        return f"{b.cap}, qui, selon {a.bare}, {self.pred(b, act, 'present')}, {main}."


COP_PREDS = [CopPred("etre-derriere", ("noun",)), CopPred("etre-a-l-origine", ("noun",)),
             CopPred("etre-responsable", ("noun",)), CopPred("acte-direct", ("verb",))]
CP = {p.slug: p for p in COP_PREDS}


# --------------------------------------------------------------------------
# Nominal predicates
# --------------------------------------------------------------------------

def nominal(slug, a, b, act, k):
    v = k % 2
    if slug == "nom-accusation":
        if act.kind == "verb":
            return (f"Les accusations {a.de} selon lesquelles {b.bare} {act.finite('cond', b.n)} "
                    f"ont tendu les relations bilatérales.")
        if v == 0:
            return (f"L'accusation lancée {a.par} contre {b.bare} au sujet {act.de} "
                    f"a provoqué de vives tensions diplomatiques.")
        return (f"Les accusations formulées {a.par} à l'encontre {b.de} "
                f"portent sur {act.bare}.")
    if slug == "nom-attribution":
        if v == 0:
            return f"L'attribution {a.par} {act.de} {b.a} marque un tournant."
        return f"{a.cap} {'a' if a.n == 's' else 'ont'} procédé à l'attribution officielle {act.de} {b.a}."
    if slug == "nom-imputation":
        if v == 0:
            return f"L'imputation {act.de} {b.a} {a.par} a surpris les observateurs."
        return f"L'imputation {a.par} {act.de} {b.a} intervient après des mois d'enquête."
    if slug == "nom-allegations":
        if act.kind == "verb":
            return (f"Les allégations {a.de} selon lesquelles {b.bare} {act.finite('cond', b.n)} "
                    f"ont été rendues publiques lundi.")
        return f"Les allégations {a.de} concernant le rôle {b.de} dans {act.bare} se sont multipliées."
    if slug == "nom-soupcons":
        if v == 0:
            return f"Les soupçons {a.de} se portent sur {b.bare} après {act.bare}."
        return f"Après {act.bare}, les soupçons {a.de} pèsent sur {b.bare}."
    if slug == "nom-mise-en-cause":
        return f"La mise en cause {b.de} {a.par} dans {act.bare} intervient après des mois d'enquête."
    if slug == "nom-inculpation":
        if act.kind == "verb":
            return f"L'inculpation {a.par} {b.de} soupçonnés {act.de} a été annoncée jeudi."
        return f"L'inculpation {a.par} {b.de} pour {act.bare} a été annoncée jeudi."
    raise ValueError(slug)


NOMINALS = [
    ("nom-accusation", ("noun", "verb")), ("nom-attribution", ("noun",)), ("nom-imputation", ("noun",)),
    ("nom-allegations", ("noun", "verb")), ("nom-soupcons", ("noun",)), ("nom-mise-en-cause", ("noun",)),
    ("nom-inculpation", ("noun", "verb")),
]

# Indicted people for « l'inculpation par X de … »: plural, maps to a State.
INDICTED = {
    "CN": [("", "hackers chinois", "m", "p"), ("", "membres du groupe APT31", "m", "p")],
    "RU": [("", "officiers du GRU", "m", "p"), ("", "hackers russes", "m", "p")],
    "KP": [("", "programmeurs nord-coréens liés au groupe Lazarus", "m", "p")],
    "IR": [("", "pirates informatiques iraniens", "m", "p")],
    "US": [("", "agents de la NSA", "m", "p")],
}


# --------------------------------------------------------------------------
# Case assembly
# --------------------------------------------------------------------------

CASES = defaultdict(list)  # construction -> list of cases


def pairs_of(accusers, accuseds):
    out = []
    for x in accusers:
        for y in accuseds:
            if x != y and [x, y] not in out:
                out.append([x, y])
    return out


def add(construction, predicate, actor_form, act_form, polarity, text, accusations=(), rebuttals=(),
        strategies=None, optional_strategies=None, prefix="acc", **extra):
    case = OrderedDict()
    case["id"] = None
    case["construction"] = construction
    case["predicate"] = predicate
    case["actor_form"] = actor_form
    case["act_form"] = act_form
    case["polarity"] = polarity
    case["text"] = text
    case["accusations"] = [list(p) for p in accusations]
    case["rebuttals"] = [list(p) for p in rebuttals]
    if strategies:
        case["strategies"] = strategies
    if optional_strategies:
        case["optional_strategies"] = optional_strategies
    for k2, v2 in extra.items():
        case[k2] = v2
    case["_prefix"] = prefix
    CASES[construction].append(case)


TENSES = ["present", "pc", "pqp"]


def gen_verbal():
    for p in VERB_PREDS:
        dative = isinstance(p, DativePred)
        for act_form in p.acts:
            for af in ["state", "capital", "government", "ministry", "agency", "official", "group", "hackers"]:
                for t_i, tense in enumerate(TENSES):
                    for cons in ["active", "passive", "participial", "relative-accuser", "relative-accused",
                                 "infinitive"]:
                        key = ("verbal", cons)
                        need = None
                        if cons in ("participial", "relative-accused") and af == "hackers" and not dative:
                            continue  # indefinite antecedent of an appositive: unnatural
                        if cons == "passive" and af == "hackers" and tense == "pqp":
                            continue
                        pr = pick_pair(key, af, need)
                        if pr is None:
                            continue
                        a, b = pr
                        k = ROT.k(("k", key))
                        act = make_act(act_form, victim_of(a.code), k)
                        if cons == "relative-accused" and tense == "pqp":
                            tense_used = "pc"
                        elif cons in ("participial", "infinitive"):
                            tense_used = "pc"
                        else:
                            tense_used = tense
                        if cons in ("participial", "infinitive") and t_i > 0:
                            continue
                        fn = {"active": p.active, "passive": p.passive, "participial": p.participial,
                              "relative-accuser": p.relative_accuser, "relative-accused": p.relative_accused,
                              "infinitive": p.infinitive}[cons]
                        text = fn(a, b, act, tense_used, k)
                        add(cons, p.slug, af, act_form, "positive", text, [(a.code, b.code)],
                            tense=tense_used if cons not in ("participial",) else "participe")


def gen_copular():
    for p in COP_PREDS:
        for act_form in p.acts:
            for af in ["state", "capital", "government", "ministry", "agency", "official", "group", "hackers"]:
                for cons in ["active", "selon", "conditional", "relative-accuser", "relative-accused"]:
                    if cons == "relative-accused" and af == "hackers":
                        continue
                    for _rep in range(2):
                        key = ("copular", cons)
                        pr = pick_pair(key, af)
                        if pr is None:
                            continue
                        a, b = pr
                        k = ROT.k(("k", key))
                        act = make_act(act_form, victim_of(a.code), k)
                        fn = {"active": p.active, "selon": p.selon, "conditional": p.conditional,
                              "relative-accuser": p.relative_accuser,
                              "relative-accused": p.relative_accused}[cons]
                        text = fn(a, b, act, "present", k)
                        tense = "conditionnel" if cons == "conditional" else (
                            "passé composé" if p.slug == "acte-direct" else "présent")
                        add(cons, p.slug, af, act_form, "positive", text, [(a.code, b.code)], tense=tense)


def gen_nominal():
    for slug, acts in NOMINALS:
        for act_form in acts:
            afs = ["state", "capital", "government", "ministry", "agency", "official", "group", "hackers"]
            if slug == "nom-inculpation":
                afs = ["state", "capital", "ministry"]
            for af in afs:
                for _rep in range(2):
                    key = ("nominal", "noun-phrase" if slug != "nom-inculpation" else slug)
                    if slug == "nom-inculpation":
                        pr = pick_pair(key, af, need=lambda a, b: b.code in INDICTED)
                        if pr is None:
                            continue
                        a, b0 = pr
                        if af == "ministry":
                            a = NP("la", "justice " + STATES[a.code]["adj"]["fs"], "f", code=a.code) \
                                if STATES[a.code]["adj"] else a
                        k = ROT.k(("k", key))
                        art, text, g, n = INDICTED[b0.code][k % len(INDICTED[b0.code])]
                        b = NP(art, text, g, n, code=b0.code, form="indicted")
                    else:
                        pr = pick_pair(key, af)
                        if pr is None:
                            continue
                        a, b = pr
                        k = ROT.k(("k", key))
                    act = make_act(act_form, victim_of(a.code), k)
                    text = nominal(slug, a, b, act, k)
                    add("noun-phrase", slug, af, act_form, "positive", text, [(a.code, b.code)], tense="—")


COORD_ACCUSED_SETS = [("RU", "CN"), ("CN", "KP"), ("RU", "IR"), ("KP", "RU"), ("IR", "CN")]


def coord_accusers(key, af, cb):
    """Two or three accusers of `cb` (distinct principals) in form af."""
    accs = [x for x, y in PAIRS if y == cb]
    k = ROT.k(("ca", key))
    n = 3 if k % 4 == 3 else 2
    out = []
    for i in range(len(accs)):
        c = accs[(k + i) % len(accs)]
        if c in [o.code for o in out]:
            continue
        np_ = actor(c, forms_for(af)[0], k)
        if np_ is None:
            continue
        out.append(np_)
        if len(out) == n:
            break
    return Coord(out) if len(out) >= 2 else None


def gen_coordination():
    preds = [("accuser", "verb"), ("soupconner", "noun"), ("attribuer", "noun"), ("mettre-en-cause", "verb"),
             ("designer", "noun"), ("tenir-pour-responsable", "noun"), ("etre-derriere", "noun"),
             ("acte-direct", "verb"), ("accuser", "noun"), ("pointer-du-doigt", "noun")]
    for slug, act_form in preds:
        for af in ["state", "capital", "government", "ministry", "agency", "official", "group", "hackers"]:
            # coordination of accusers
            key = (slug, "coord-accusers")
            cb = ROT(("cb", key), ["RU", "CN", "KP", "IR", "RU", "CN"])
            b = actor(cb, forms_for(af)[1], ROT.k(("v", key)))
            A = coord_accusers(key, af, cb)
            if b is not None and A is not None:
                k = ROT.k(("k", key))
                act = make_act(act_form, victim_of(A.parts[0].code), k)
                text = _coord_text(slug, A, b, act, k)
                add("coord-accusers", slug, af, act_form, "positive", text, pairs_of(A.codes, [b.code]),
                    tense="présent")
            # coordination of accused
            key = (slug, "coord-accused")
            k = ROT.k(("k", key))
            bf = forms_for(af)[1]
            if af == "group" and k % 2 == 0:  # two groups of the same State: one pair only
                cb = ["RU", "CN", "KP", "IR"][k // 2 % 4]
                g1, g2 = actor(cb, "group", k), actor(cb, "group", k + 1)
                B = Coord([g1, g2])
            else:
                c1, c2 = COORD_ACCUSED_SETS[k % len(COORD_ACCUSED_SETS)]
                if bf == "hackers":
                    B = Coord([actor(c1, "hackers", k), actor(c2, "hackers", k)])
                else:
                    B = Coord([actor(c1, bf, k), actor(c2, bf, k)])
            cands = [x for x, y in PAIRS if y in B.codes and x not in B.codes]
            ca = cands[k % len(cands)]
            a = actor(ca, forms_for(af)[0], k) or actor(ca, "state")
            act = make_act(act_form, victim_of(a.code), k)
            text = _coord_text(slug, a, B, act, k)
            add("coord-accused", slug, af, act_form, "positive", text, pairs_of([a.code], B.codes),
                tense="présent")


def _coord_text(slug, a, b, act, k):
    if slug in VP:
        p = VP[slug]
        if isinstance(p, DativePred):
            if act.n == "s":
                act = NounAct("des", "cyberattaques contre " + targets(victim_of(_first_code(a)))["admin"].bare,
                              "f", "p")
            return p.active(a, b, act, "present", k)
        return p.active(a, b, act, "present" if k % 2 == 0 else "pc", k)
    p = CP[slug]
    return p.selon(a, b, act, "present", k) if k % 2 else p.active(a, b, act, "present", k)


def _first_code(x):
    return x.parts[0].code if isinstance(x, Coord) else x.code


# --------------------------------------------------------------------------
# Rebuttals
# --------------------------------------------------------------------------

def rebutter(code, form, k, accuser_code=None):
    if form == "embassy":
        emb = STATES[code].get("embassy")
        cap_ = STATES[accuser_code]["capital"] if accuser_code else None
        if emb and cap_:
            return NP("l'", f"ambassade {emb} à {cap_[1]}", "f", code=code, form="embassy")
        form = "state"
    r = actor(code, form, k)
    return r or actor(code, "state")


def state_np(code):
    return actor(code, "state")


# Each template: (predicate, function(r, A_codes, A_np, act) -> text, strategies, optional, counter)
def _rb_active():
    def t(s, p):
        return lambda r: s if r.n == "s" else p
    T = []

    def add_t(pred, f, strat=(), opt=(), counter=False):
        T.append((pred, f, list(strat), list(opt), counter))

    add_t("nier", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} nié ces accusations.", opt=["Denial"])
    add_t("nier", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} nié toute implication.", ["Denial"])
    add_t("dementir", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} démenti ces accusations.", opt=["Denial"])
    add_t("dementir", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} démenti toute implication dans {anaphor(act)}.",
          ["Denial"])
    add_t("rejeter", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} rejeté {accusations_of(a.code)}.", opt=["Denial"])
    add_t("rejeter", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} fermement rejeté ces accusations, "
                                         f"dénonçant une « manipulation politique »."), ["Politicization"])
    add_t("refuter", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} réfuté ces allégations, affirmant "
                                         f"qu'elles ne reposent sur « aucune preuve »."), ["LackOfEvidence"])
    add_t("contester", lambda r, a, act: (f"{r.cap} {'conteste' if r.n == 's' else 'contestent'} ces accusations "
                                           f"et {'appelle' if r.n == 's' else 'appellent'} {state_np(a.code).bare} au dialogue."),
          ["CallForCooperation"])
    add_t("recuser", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} récusé ces accusations et exhorté {state_np(a.code).bare} "
                                         f"à les retirer."), ["DemandToStop"])
    add_t("balayer", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} balayé ces accusations, rappelant "
                                         + (f"être {meme(r)} victime{'s' if r.n == 'p' else ''}"
                                            if r.form in ("state", "capital") else
                                            f"que {state_np(r.code).bare} {etre('present', state_np(r.code).n)} "
                                            f"{meme(state_np(r.code))} victime{'s' if state_np(r.code).n == 'p' else ''}")
                                         + " de nombreuses cyberattaques."), ["Victimhood"])
    add_t("qualifier", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} qualifié ces accusations de « sans fondement ».",
          ["LackOfEvidence"])
    add_t("denoncer", lambda r, a, act: f"{r.cap} {aux('pc', r.n)} dénoncé des accusations « infondées ».",
          ["LackOfEvidence"])
    add_t("rejeter", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} rejeté ces accusations et menacé de prendre "
                                         f"des « contre-mesures »."), ["Retaliation"])
    add_t("rejeter", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} rejeté ces accusations, exprimant "
                                         f"{poss(r)} « vif mécontentement »."), ["Protest"])
    add_t("nier", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} nié ces accusations, assurant s'opposer "
                                      f"« fermement à toute forme de cyberattaque »."), ["OppositionToCyberattacks"])
    add_t("dementir", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} démenti ces accusations, soulignant que "
                                          f"l'origine d'une cyberattaque est « très difficile à établir »."),
          ["AttributionDifficulty"])
    add_t("rejeter", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} rejeté ces accusations et accusé à "
                                         f"{poss(r)} tour {state_np(a.code).bare} de mener des cyberattaques "
                                         f"contre {poss_pl(r)} infrastructures."), ["CounterAccusation"],
          counter=True)
    add_t("contester", lambda r, a, act: (f"{r.cap} {'conteste' if r.n == 's' else 'contestent'} ces accusations, "
                                           f"{que_(pron(r))} {'juge' if r.n == 's' else 'jugent'} "
                                           f"« sans fondement »."), ["LackOfEvidence"])
    add_t("nier", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} nié « toute implication » et dénoncé des "
                                      f"accusations portées « sans aucune preuve »."), ["Denial", "LackOfEvidence"])
    add_t("affirmer", lambda r, a, act: (f"{r.cap} {aux('pc', r.n)} assuré n'avoir « rien à voir » avec "
                                          f"{anaphor(act)}."), ["Denial"])
    return T


def _rb_first_person():
    T = []

    def add_t(pred, q, strat=(), opt=(), counter=False):
        T.append((pred, q, list(strat), list(opt), counter))

    add_t("rejeter", lambda r, a, act: "Nous rejetons catégoriquement ces allégations", opt=["Denial"])
    add_t("rejeter", lambda r, a, act: "Nous rejetons ces accusations, qui ne reposent sur aucune preuve",
          ["LackOfEvidence"])
    add_t("manipulation", lambda r, a, act: "Ces accusations relèvent de la pure manipulation politique",
          ["Politicization"])
    add_t("nier", lambda r, a, act: f"Nous n'avons jamais mené la moindre cyberattaque contre {state_np(a.code).bare}",
          ["Denial"])
    add_t("rejeter", lambda r, a, act: (f"Nous rejetons ces accusations. {state_np(r.code).cap} "
                                        f"{etre('present', state_np(r.code).n)} {meme(state_np(r.code))} "
                                        f"victime{'s' if state_np(r.code).n == 'p' else ''} de cyberattaques"),
          ["Victimhood"])
    add_t("rejeter", lambda r, a, act: "Nous rejetons ces allégations et nous appelons au dialogue",
          ["CallForCooperation"])
    add_t("rejeter", lambda r, a, act: (f"Nous rejetons ces accusations et exhortons {state_np(a.code).bare} "
                                        f"à les retirer immédiatement"), ["DemandToStop"])
    add_t("rejeter", lambda r, a, act: ("Nous rejetons ces accusations et nous prendrons les mesures "
                                        "nécessaires pour défendre nos intérêts"), ["Retaliation"])
    add_t("rejeter", lambda r, a, act: ("Nous nous opposons fermement à toute forme de cyberattaque et "
                                        "rejetons ces accusations"), ["OppositionToCyberattacks"])
    add_t("rejeter", lambda r, a, act: ("Il est extrêmement difficile de remonter à l'origine d'une "
                                        "cyberattaque : nous rejetons ces accusations"), ["AttributionDifficulty"])
    add_t("protester", lambda r, a, act: ("Nous exprimons notre vif mécontentement et notre ferme opposition "
                                          "à ces accusations"), ["Protest"])
    add_t("rejeter", lambda r, a, act: "Ces accusations sont sans fondement", ["LackOfEvidence"])
    add_t("nier", lambda r, a, act: f"Nous n'avons rien à voir avec {anaphor(act)}", ["Denial"])
    add_t("rejeter", lambda r, a, act: (f"Nous rejetons ces accusations : ce sont {state_np(a.code).bare} qui "
                                        f"mènent des cyberattaques contre nous") if state_np(a.code).n == "p" else
          (f"Nous rejetons ces accusations : c'est {state_np(a.code).bare} qui mène des cyberattaques contre nous"),
          ["CounterAccusation"], counter=True)
    return T


def _rb_passive():
    T = []

    def add_t(pred, f, strat=(), opt=()):
        T.append((pred, f, list(strat), list(opt), False))

    add_t("dementir", lambda r, a, act: f"Ces accusations ont été démenties {r.par}.", opt=["Denial"])
    add_t("rejeter", lambda r, a, act: (f"Ces allégations ont été fermement rejetées {r.par}, qui "
                                        f"{'dénonce' if r.n == 's' else 'dénoncent'} une « manipulation politique »."),
          ["Politicization"])
    add_t("refuter", lambda r, a, act: (f"Ces accusations ont été réfutées {r.par}, qui les "
                                        f"{'juge' if r.n == 's' else 'jugent'} « sans fondement »."),
          ["LackOfEvidence"])
    add_t("contester", lambda r, a, act: f"{cap(accusations_of(a.code))} ont été contestées {r.par}.",
          opt=["Denial"])
    add_t("recuser", lambda r, a, act: (f"Ces accusations ont été récusées {r.par}, qui "
                                        f"{'affirme' if r.n == 's' else 'affirment'} n'avoir « rien à voir » avec "
                                        f"{anaphor(act)}."), ["Denial"])
    add_t("balayer", lambda r, a, act: (f"Ces allégations ont été balayées {r.par}, qui "
                                        f"{'appelle' if r.n == 's' else 'appellent'} à la coopération "
                                        f"internationale contre la cybercriminalité."), ["CallForCooperation"])
    add_t("qualifier", lambda r, a, act: f"Ces accusations ont été qualifiées de « sans fondement » {r.par}.",
          ["LackOfEvidence"])
    add_t("nier", lambda r, a, act: f"Ces accusations ont été niées {r.par}.", opt=["Denial"])
    add_t("rejeter", lambda r, a, act: (f"Ces allégations ont été rejetées {r.par}, qui "
                                        f"{'exhorte' if r.n == 's' else 'exhortent'} {state_np(a.code).bare} "
                                        f"à cesser ces accusations."), ["DemandToStop"])
    add_t("rejeter", lambda r, a, act: (f"Ces accusations ont été rejetées {r.par}, qui "
                                        f"{'menace' if r.n == 's' else 'menacent'} de riposter."),
          ["Retaliation"])
    return T


RB_ACTIVE, RB_FIRST, RB_PASSIVE = _rb_active(), _rb_first_person(), _rb_passive()

SPEAK = ["a déclaré", "a affirmé", "a réagi", "a répondu"]

# Rebuttal phrases usable as the main clause after a participial adjunct or relative clause
# (subject = the accused itself). (predicate, fn(b, a), strategies, optional)
RB_MAIN = [
    ("rejeter", lambda b, a: f"{aux('pc', b.n)} rejeté ces allégations", [], ["Denial"]),
    ("dementir", lambda b, a: f"{aux('pc', b.n)} démenti toute implication", ["Denial"], []),
    ("denoncer", lambda b, a: f"{aux('pc', b.n)} dénoncé des accusations « infondées »", ["LackOfEvidence"], []),
    ("nier", lambda b, a: f"{aux('pc', b.n)} nié ces accusations", [], ["Denial"]),
    ("qualifier", lambda b, a: f"{aux('pc', b.n)} qualifié ces accusations de « sans fondement »",
     ["LackOfEvidence"], []),
    ("refuter", lambda b, a: f"{aux('pc', b.n)} réfuté ces accusations, dénonçant une « campagne de diffamation »",
     ["Politicization"], []),
    ("contester", lambda b, a: f"{'conteste' if b.n == 's' else 'contestent'} ces accusations et "
                               f"{'appelle' if b.n == 's' else 'appellent'} au dialogue",
     ["CallForCooperation"], []),
    ("balayer", lambda b, a: f"{aux('pc', b.n)} balayé ces accusations, se disant {meme(b)} "
                             f"victime{'s' if b.n == 'p' else ''} de cyberattaques", ["Victimhood"], []),
]


def _accusation_sentence(a, b, act, k):
    """A plain first sentence stating the accusation (varied predicate)."""
    choices = ["accuser", "soupconner", "attribuer", "mettre-en-cause", "etre-derriere", "designer",
               "pointer-du-doigt", "imputer"]
    slug = choices[k % len(choices)]
    if slug in VP:
        p = VP[slug]
        if act.kind == "verb" and "verb" not in p.acts:
            slug = "accuser"
            p = VP[slug]
        return slug, p.active(a, b, act, "pc" if k % 2 else "present", k)
    return slug, CP[slug].active(a, b, act, "present", k)


def _strat_key(r_code, a_code):
    return f"{r_code}>{a_code}"


def gen_rebuttals():
    # single-rebutter, two-sentence cases: active, first-person, passive
    for cons, table in [("rebuttal-active", RB_ACTIVE), ("rebuttal-first-person", RB_FIRST),
                        ("rebuttal-passive", RB_PASSIVE)]:
        for _ti, (rpred, fn, strat, opt, counter) in enumerate(table):
            for af in ["state", "capital", "government", "ministry", "agency", "official", "group", "hackers"]:
                key = ("reb", cons)
                pr = pick_pair(key, af)
                if pr is None:
                    continue
                a, b = pr
                k = ROT.k(("k", key))
                act_form = "verb" if k % 2 else "noun"
                act = make_act(act_form, victim_of(a.code), k)
                apred, s1 = _accusation_sentence(a, b, act, k)
                if cons == "rebuttal-first-person":
                    rform = ["official", "ministry", "embassy", "government"][k % 4]
                    r = rebutter(b.code, rform, k, accuser_code=a.code)
                    s2 = f"« {fn(r, a, act)} », {SPEAK[k % len(SPEAK)]} {r.bare}."
                else:
                    rform = REBUTTER_FORMS[k % len(REBUTTER_FORMS)]
                    r = rebutter(b.code, rform, k)
                    s2 = fn(r, a, act)
                accs = [(a.code, b.code)]
                if counter:
                    accs.append((b.code, a.code))
                sk = _strat_key(b.code, a.code)
                add(cons, rpred, af, act_form, "positive", s1 + " " + s2, accs, [(b.code, a.code)],
                    {sk: strat} if strat else None, {sk: opt} if opt else None, prefix="reb",
                    accusation_predicate=apred, rebutter_form=r.form)

    # one sentence: participial adjunct or relative clause on the accused + rebuttal main clause
    for cons in ["rebuttal-participial", "rebuttal-relative"]:
        for slug in ["accuser", "soupconner", "mettre-en-cause", "designer", "pointer-du-doigt",
                     "tenir-pour-responsable", "incriminer"]:
            p = VP[slug]
            for af in ["state", "capital", "government", "ministry", "agency", "official"]:
                for _rep in range(2):
                    key = ("reb", cons)
                    pr = pick_pair(key, af, need=lambda a, b: b.form in ("state", "capital", "government"))
                    if pr is None:
                        continue
                    a, b = pr
                    k = ROT.k(("k", key))
                    act_form = "verb" if (k % 2 and "verb" in p.acts) else "noun"
                    act = make_act(act_form, victim_of(a.code), k)
                    rpred, mf, strat, opt = RB_MAIN[k % len(RB_MAIN)]
                    main = mf(b, a)
                    if cons == "rebuttal-participial":
                        text = p.participial(a, b, act, "pc", k, main=main)
                    else:
                        text = p.relative_accused(a, b, act, "present" if k % 2 else "pc", k, main=main)
                    sk = _strat_key(b.code, a.code)
                    add(cons, rpred, af, act_form, "positive", text, [(a.code, b.code)], [(b.code, a.code)],
                        {sk: strat} if strat else None, {sk: opt} if opt else None, prefix="reb",
                        accusation_predicate=slug, rebutter_form=b.form)

    # coordinated accusers answered by one rebuttal
    for af in ["state", "capital", "government", "ministry", "agency", "official", "group", "hackers"]:
        for _rep in range(3):
            key = ("reb", "rebuttal-coordination")
            k = ROT.k(("k", key))
            cb = ["RU", "CN", "KP", "IR"][k % 4]
            b = actor(cb, forms_for(af)[1], k)
            A = coord_accusers(key, af, cb)
            if b is None or A is None:
                continue
            act_form = "verb" if k % 2 else "noun"
            act = make_act(act_form, victim_of(A.parts[0].code), k)
            s1 = VP["accuser"].active(A, b, act, "pc" if k % 2 else "present", k)
            # templates that name a single accuser (or counter-accuse it) are left out here
            usable = [t for t in RB_ACTIVE if not t[4] and t[0] not in ("contester", "recuser")
                      and "accusations_of" not in t[1].__code__.co_names]
            rpred, fn, strat, opt, counter = usable[k % len(usable)]
            r = rebutter(cb, REBUTTER_FORMS[k % len(REBUTTER_FORMS)], k)
            s2 = fn(r, A.parts[0], act)
            rebs = [(cb, x) for x in A.codes]
            add("rebuttal-coordination", rpred, af, act_form, "positive", s1 + " " + s2,
                pairs_of(A.codes, [cb]), rebs,
                {_strat_key(cb, x): strat for x in A.codes} if strat else None,
                {_strat_key(cb, x): opt for x in A.codes} if opt else None, prefix="reb",
                accusation_predicate="accuser", rebutter_form=r.form)


# --------------------------------------------------------------------------
# Negatives
# --------------------------------------------------------------------------

CRIMINALS = [NP("le", "groupe de rançongiciel LockBit"), NP("le", "groupe cybercriminel Cl0p"),
             NP("le", "gang de rançongiciel BlackCat"), NP("le", "collectif cybercriminel Scattered Spider"),
             NP("des", "cybercriminels motivés par l'appât du gain", "m", "p")]
AVER = {"s": "s'avérait", "p": "s'avéraient"}
TAIWAN = ["des entreprises taïwanaises", "des hôpitaux taïwanais", "le réseau électrique ukrainien",
          "des banques sud-africaines"]


def gen_negatives():
    def neg(cons, pred, af, act_form, text):
        add(cons, pred, af, act_form, "negative", text, [], [], prefix="neg")

    afs = ["state", "capital", "government", "ministry", "agency", "official"]
    for _rep in range(4):
        for af in afs:
            # --- negation
            key = ("neg", "negation")
            a, b = pick_pair(key, af if af != "agency" else "agency")
            k = ROT.k(("k", key))
            v = k % 7
            act = make_act("verb" if v in (0, 3) else "noun", victim_of(a.code), k)
            hv = "a" if a.n == "s" else "ont"
            if v == 0:
                neg("negation", "accuser", af, act.kind, f"{a.cap} n'{hv} pas accusé {b.bare} {act.de}.")
            elif v == 1:
                neg("negation", "attribuer", af, act.kind, f"{a.cap} n'{hv} jamais attribué {neg_obj(act)} {b.a}.")
            elif v == 2:
                neg("negation", "mettre-en-cause", af, act.kind,
                    f"{a.cap} n'{hv} pas mis en cause {b.bare} dans {act.bare}.")
            elif v == 3:
                sp = "soupçonne" if a.n == "s" else "soupçonnent"
                neg("negation", "soupconner", af, act.kind, f"{a.cap} ne {sp} pas {b.bare} {act.de}.")
            elif v == 4:
                neg("negation", "etre-derriere", af, act.kind,
                    f"Rien ne permet d'affirmer {que_(b.bare)} {'soit' if b.n == 's' else 'soient'} derrière "
                    f"{act.bare}, {'a' if a.n == 's' else 'ont'} estimé {a.bare}.")
            elif v == 5:
                neg("negation", "imputer", af, act.kind, f"{a.cap} n'{hv} pas imputé {neg_obj(act)} {b.a}.")
            else:
                ac = "accuse" if a.n == "s" else "accusent"
                neg("negation", "accuser", af, act.kind,
                    f"Contrairement à certaines informations de presse, {a.bare} n'{ac} pas {b.bare} "
                    f"d'être à l'origine {act.de}.")
            # --- refusal to attribute
            key = ("neg", "refusal")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 6
            act = make_act("noun", victim_of(a.code), k)
            if v == 0:
                neg("refusal", "designer", af, "noun",
                    f"{a.cap} {'refuse' if a.n == 's' else 'refusent'} de désigner un responsable après {act.bare}.")
            elif v == 1:
                neg("refusal", "designer", af, "noun",
                    f"{a.cap} n'{'a' if a.n == 's' else 'ont'} pas désigné de responsable pour {act.bare}.")
            elif v == 2:
                neg("refusal", "attribuer", af, "noun",
                    f"{a.cap} s'{'est' if a.n == 's' else 'sont'} {agree('refusé', a.g, a.n)} à attribuer "
                    f"{act.bare} à un État en particulier.")
            elif v == 3:
                neg("refusal", "designer", af, "noun",
                    f"{cap(agree('interrogé', a.g, a.n))} sur {act.bare}, {a.bare} s'{'est' if a.n == 's' else 'sont'} "
                    f"{agree('gardé', a.g, a.n)} de désigner un coupable.")
            elif v == 4:
                neg("refusal", "imputer", af, "noun",
                    f"{a.cap} {'a' if a.n == 's' else 'ont'} refusé d'imputer {act.bare} {b.a}, faute de preuves "
                    f"suffisantes.")
            else:
                neg("refusal", "pointer-du-doigt", af, "noun",
                    f"{a.cap} se {'refuse' if a.n == 's' else 'refusent'} à pointer du doigt {b.bare} à ce stade "
                    f"de l'enquête sur {act.bare}.")
            # --- denies having accused
            key = ("neg", "denies-accusing")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 4
            act = make_act("verb" if v == 0 else "noun", victim_of(a.code), k)
            if v == 0:
                neg("denies-accusing", "accuser", af, act.kind,
                    f"{a.cap} {'dément' if a.n == 's' else 'démentent'} avoir accusé {b.bare} {act.de}.")
            elif v == 1:
                neg("denies-accusing", "mettre-en-cause", af, act.kind,
                    f"{a.cap} {'a' if a.n == 's' else 'ont'} démenti avoir mis en cause {b.bare} dans {act.bare}.")
            elif v == 2:
                neg("denies-accusing", "attribuer", af, act.kind,
                    f"{a.cap} {'nie' if a.n == 's' else 'nient'} avoir attribué {act.bare} {b.a}.")
            else:
                neg("denies-accusing", "accuser", af, act.kind,
                    f"{a.cap} {'a' if a.n == 's' else 'ont'} formellement démenti avoir accusé {b.bare} d'être "
                    f"derrière {act.bare}.")
            # --- accusations about something other than cyber
            key = ("neg", "non-cyber")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 6
            acc = "accuse" if a.n == "s" else "accusent"
            badj = STATES[b.code]["adj"]
            pred = "accuser"
            if v == 0:
                t = f"{a.cap} {acc} {b.bare} de violations des droits de l'homme."
            elif v == 1:
                t = f"{a.cap} {acc} {b.bare} de pratiques commerciales déloyales."
            elif v == 2 and badj:
                t = (f"{a.cap} {'a' if a.n == 's' else 'ont'} expulsé deux diplomates {badj['mp']}, "
                     f"accusés d'espionnage.")
                pred = "accuser-participe"
            elif v == 3:
                t = f"{a.cap} {acc} {b.bare} de violer l'espace aérien {STATES[victim_of(a.code)]['adj']['ms']}."
            elif v == 4:
                t = (f"{a.cap} {'tient' if a.n == 's' else 'tiennent'} {b.bare} pour "
                     f"{'responsable' if b.n == 's' else 'responsables'} de l'escalade des tensions militaires dans la région.")
                pred = "tenir-pour-responsable"
            else:
                t = f"{a.cap} {acc} {b.bare} d'avoir arraisonné un navire de pêche dans ses eaux territoriales."
            neg("non-cyber", pred, af, "noun", t)
            # --- victims only
            key = ("neg", "victim-only")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 5
            tg = targets(victim_of(a.code))
            tk = list(tg)
            T = tg[tk[k % len(tk)]]
            if v == 0:
                t = f"La cyberattaque qui a visé {TAIWAN[k % len(TAIWAN)]} n'a pas été revendiquée."
            elif v == 1:
                t = (f"{a.cap} {'a' if a.n == 's' else 'ont'} signalé une intrusion dans le réseau informatique "
                     f"{T.de}.")
            elif v == 2:
                t = (f"Des pirates informatiques ont infiltré le réseau {T.de}, a annoncé {a.bare}, sans se "
                     f"prononcer sur leur origine.")
            elif v == 3:
                t = (f"{cap(T.bare)} {'a' if T.n == 's' else 'ont'} été {agree('visé', T.g, T.n)} par une "
                     f"cyberattaque, a confirmé {a.bare}.")
            else:
                t = f"Une cyberattaque contre {T.bare} a perturbé les services pendant plusieurs jours, selon {a.bare}."
            neg("victim-only", "none", af, "noun", t)
            # --- impersonation
            key = ("neg", "impersonation")
            a, b = pick_pair(key, af, need=lambda a, b: b.code in STATE_LIKE and STATES[b.code]["adj"]
                             and STATES[b.code]["groups"])
            k = ROT.k(("k", key))
            v = k % 4
            badj = STATES[b.code]["adj"]
            T = targets(victim_of(a.code))["admin"]
            if v == 0:
                t = f"Des pirates se faisant passer pour des hackers {badj['mp']} ont visé {T.bare}, selon {a.bare}."
            elif v == 1:
                g = actor(b.code, "group", k)
                t = (f"{a.cap} {'estime' if a.n == 's' else 'estiment'} que les attaquants ont usurpé l'identité "
                     f"{g.de} pour brouiller les pistes.")
            elif v == 2:
                t = (f"Les auteurs de l'attaque contre {T.bare} ont imité les méthodes de hackers {badj['mp']} "
                     f"afin de faire accuser {b.bare}, selon {a.bare}.")
            else:
                t = (f"Selon {a.bare}, l'attaque a été conçue pour ressembler à une opération {badj['fs']}, "
                     f"mais ses auteurs restent inconnus.")
            neg("impersonation", "none", af, "noun", t)
            # --- hypotheticals
            key = ("neg", "hypothetical")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 4
            act = make_act("noun", victim_of(a.code), k)
            if v == 0:
                t = (f"Si {b.bare} {'était' if b.n == 's' else 'étaient'} derrière {act.bare}, la riposte serait "
                     f"ferme, {'a' if a.n == 's' else 'ont'} averti {a.bare}.")
            elif v == 1:
                t = (f"{a.cap} {'a' if a.n == 's' else 'ont'} prévenu {que_(pron(a))} "
                     f"{'réagirait' if a.n == 's' else 'réagiraient'} si {b.bare} "
                     f"{AVER[b.n]} être à l'origine {act.de}.")
            elif v == 2:
                t = (f"Dans l'hypothèse où {b.bare} {'serait' if b.n == 's' else 'seraient'} "
                     f"{'responsable' if b.n == 's' else 'responsables'} {act.de}, {a.bare} "
                     f"{'envisagerait' if a.n == 's' else 'envisageraient'} des sanctions.")
            else:
                t = (f"« Si {b.bare} {'devait' if b.n == 's' else 'devaient'} être {agree('impliqué', b.g, b.n)} "
                     f"dans {act.bare}, nous en tirerions les conséquences », {'a' if a.n == 's' else 'ont'} "
                     f"déclaré {a.bare}.")
            neg("hypothetical", "etre-derriere", af, "noun", t)
            # --- questions
            key = ("neg", "question")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 3
            act = make_act("verb" if v == 1 else "noun", victim_of(a.code), k)
            if v == 0:
                t = (f"{b.cap} {etre('present', b.n)}-{pron(b)} derrière {act.bare} ? {a.cap} "
                     f"n'{'a' if a.n == 's' else 'ont'} pas encore tiré de conclusions.")
            elif v == 1:
                hv = "a" if b.n == "s" else "ont"
                t = (f"{b.cap} {hv}-{'t-' if hv == 'a' else ''}{pron(b)} {act.pp} {act.obj} ? {a.cap} "
                     f"{'refuse' if a.n == 's' else 'refusent'} pour l'instant de se prononcer.")
            else:
                t = (f"Qui est derrière {act.bare} ? {a.cap} ne s'{'est' if a.n == 's' else 'sont'} pas encore "
                     f"{agree('prononcé', a.g, a.n)}.")
            neg("question", "etre-derriere", af, act.kind, t)
            # --- criminal groups with no State
            key = ("neg", "criminal")
            a, b = pick_pair(key, af)
            k = ROT.k(("k", key))
            v = k % 4
            c = CRIMINALS[k % len(CRIMINALS)]
            if v == 0:
                act = make_act("verb", victim_of(a.code), k, allowed=[0, 2, 4])
                t = f"{a.cap} {'accuse' if a.n == 's' else 'accusent'} {c.bare} {act.de}."
                pred = "accuser"
            elif v == 1:
                act = make_act("noun", victim_of(a.code), k, allowed=[0, 1, 3])
                t = f"{a.cap} {'attribue' if a.n == 's' else 'attribuent'} {act.bare} {c.a}."
                pred = "attribuer"
            elif v == 2:
                act = make_act("noun", victim_of(a.code), k, allowed=[0, 1, 3])
                t = f"Selon {a.bare}, {c.bare} {etre('present', c.n)} derrière {act.bare}."
                pred = "etre-derriere"
            else:
                act = make_act("verb", victim_of(a.code), k, allowed=[0, 2, 4])
                t = f"{a.cap} {'soupçonne' if a.n == 's' else 'soupçonnent'} {c.bare} {act.de}."
                pred = "soupconner"
            neg("criminal", pred, af, act.kind, t)


# --------------------------------------------------------------------------
# Trimming and output
# --------------------------------------------------------------------------

CAPS = OrderedDict([
    ("active", 45), ("passive", 35), ("participial", 30), ("relative-accuser", 30), ("relative-accused", 30),
    ("infinitive", 25), ("noun-phrase", 55), ("selon", 25), ("conditional", 25), ("coord-accusers", 25),
    ("coord-accused", 25),
    ("rebuttal-active", 45), ("rebuttal-first-person", 35), ("rebuttal-passive", 30),
    ("rebuttal-participial", 25), ("rebuttal-relative", 20), ("rebuttal-coordination", 18),
    ("negation", 18), ("refusal", 18), ("denies-accusing", 15), ("non-cyber", 18), ("victim-only", 15),
    ("impersonation", 15), ("hypothetical", 15), ("question", 15), ("criminal", 15),
])


def balance_key(c):
    """What a construction's selection is balanced over: the predicate, or for rebuttals the
    strategy set (so that rare strategies survive the trimming)."""
    if c["_prefix"] == "reb":
        st = sorted(set(sum((v for v in (c.get("strategies") or {}).values()), [])))
        return "+".join(st) or "bare"
    return c["predicate"]


def trim(cases, cap_, rng):
    """Seeded, stratified selection: round-robin over balance keys; within a key, round-robin
    over actor forms, so every predicate (or strategy) and actor form is represented."""
    groups = OrderedDict()
    for c in cases:
        groups.setdefault(balance_key(c), OrderedDict()).setdefault(c["actor_form"], []).append(c)
    queues = OrderedDict()
    for g, strata in groups.items():
        keys = list(strata)
        rng.shuffle(keys)
        for kk in keys:
            rng.shuffle(strata[kk])
        q, depth = [], 0
        while any(len(strata[kk]) > depth for kk in keys):
            q.extend(strata[kk][depth] for kk in keys if len(strata[kk]) > depth)
            depth += 1
        queues[g] = q
    order = list(queues)
    rng.shuffle(order)
    out = []
    while len(out) < cap_ and any(queues.values()):
        for g in order:
            if queues[g] and len(out) < cap_:
                out.append(queues[g].pop(0))
    return out


def build():
    CASES.clear()
    gen_verbal()
    gen_copular()
    gen_nominal()
    gen_coordination()
    gen_rebuttals()
    gen_negatives()
    rng = random.Random(SEED)
    final, seen = [], set()
    for cons, cap_ in CAPS.items():
        uniq = []
        for c in CASES.get(cons, []):  # rotations can produce the same sentence twice
            if c["text"] not in seen:
                seen.add(c["text"])
                uniq.append(c)
        final.extend(trim(uniq, cap_, rng))
    missing = set(CASES) - set(CAPS)
    assert not missing, missing
    counters = defaultdict(int)
    out = []
    for c in final:
        base = f"{c['_prefix']}-{c['predicate']}-{c['construction']}-{c['actor_form']}-{c['act_form']}"
        counters[base] += 1
        c["id"] = f"{base}-{counters[base]:03d}"
        del c["_prefix"]
        out.append(c)
    return out


def main():
    cases = build()
    lines = [json.dumps(c, ensure_ascii=False) for c in cases]
    if "--stdout" in sys.argv:
        print("\n".join(lines))
        return
    with open(os.path.join(HERE, "cases.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    counts = defaultdict(int)
    for c in cases:
        counts[c["construction"]] += 1
    for k in CAPS:
        print(f"{k:24s} {counts[k]}")
    print(f"{'total':24s} {len(cases)}")


if __name__ == "__main__":
    main()
