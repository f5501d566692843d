"""Synthetic corpora and graphs for the benchmarks: seed paragraphs recombined with other actors.

``write_corpus(folder, n)`` writes ``n`` documents of the genre (press conferences, statements,
dispatches: paragraphs of the five seed documents, shuffled, with the accused and accusing States,
their capitals, demonyms and threat groups swapped) as ``.txt`` files, the same ones for the same
``n`` and ``seed``. No text is invented: every sentence is a seed sentence with other names in it.

``akg_quads(n_triples)`` yields N-Quads lines of a synthetic graph in the akg vocabulary
(documents, actors, accusations, rebuttals, strategies, evidence spans, responses, statistics),
about ``n_triples`` of them.

Run as a script to write a corpus: ``python benchmarks/synth.py OUT_DIR 1000``.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# (name, capital, demonym singular, demonym plural/feminine plural): epicene demonyms only, so a
# swap keeps agreement (« les autorités russes », « le gouvernement russe »).
ACCUSED = [
    ("Chine", "Pékin", "chinois", "chinoises"),
    ("Russie", "Moscou", "russe", "russes"),
    ("Biélorussie", "Minsk", "biélorusse", "biélorusses"),
]
ACCUSERS = [
    ("Belgique", "Bruxelles", "belge", "belges"),
    ("Suisse", "Berne", "suisse", "suisses"),
    ("Tchéquie", "Prague", "tchèque", "tchèques"),
    ("Slovaquie", "Bratislava", "slovaque", "slovaques"),
]
GROUPS = ["APT31", "APT28", "APT40", "Lazarus Group", "Sandworm", "APT29", "Volt Typhoon", "Charming Kitten"]


def _paragraphs() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            para = para.strip()
            if len(para) > 80:  # headings and bylines alone make poor documents
                out.append(para)
    return out


def _swap(text: str, old: tuple[str, ...], new: tuple[str, ...]) -> str:
    name, capital, demonym, plural = old
    new_name, new_capital, new_demonym, new_plural = new
    text = re.sub(rf"\b{name}\b", new_name, text)
    text = re.sub(rf"\b{capital}\b", new_capital, text)
    text = re.sub(rf"\b{plural}\b", new_plural, text)
    return re.sub(rf"\b{demonym}\b", new_demonym, text)


def document(i: int, paragraphs: list[str], seed: int = 0) -> str:
    """The ``i``-th synthetic document: 4 to 8 seed paragraphs with actors swapped."""
    rng = random.Random(seed * 1_000_003 + i)
    picked = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 8)))
    accused, accuser = rng.choice(ACCUSED), rng.choice(ACCUSERS)
    text = "\n\n".join(picked)
    text = _swap(text, ACCUSERS[0], accuser)
    text = _swap(text, ACCUSED[0], accused)
    text = re.sub(r"\bAPT\d+\b", rng.choice(GROUPS), text)
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    return f"Déclaration du {day} {_MONTHS[month - 1]} {2014 + i % 12}\n\n{text}\n"


_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def texts(n: int, seed: int = 0) -> Iterator[str]:
    paragraphs = _paragraphs()
    for i in range(n):
        yield document(i, paragraphs, seed)


def write_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` synthetic documents to ``folder`` (in sub-folders of 1,000); returns ``folder``."""
    folder = Path(folder)
    for i, text in enumerate(texts(n, seed)):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


# --- a synthetic graph in the akg vocabulary ---------------------------------------------------------

AKG = "https://w3id.org/akg/ontology#"
ID = "https://w3id.org/akg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
STRATEGIES = ["Denial", "LackOfEvidence", "Politicization", "Protest", "Victimhood", "CounterAccusation",
              "OppositionToCyberattacks", "AttributionDifficulty", "CallForCooperation", "DemandToStop",
              "Retaliation"]
STATES = ["CN", "RU", "US", "BE", "FR", "GB", "DE", "KP", "IR", "AU", "CA", "NZ", "JP", "NL", "CZ", "CH",
          "IL", "UA", "BY", "SE"]


def akg_quads(n_triples: int, seed: int = 0) -> Iterator[str]:
    """N-Quads lines of a synthetic akg graph of about ``n_triples`` quads, one named graph per document
    (about 100 quads each), in the shape of a build: States with codes, spokespersons affiliated with
    ministries affiliated with States, accusations, rebuttals with strategies, responses and statistics,
    each claim with its evidence span."""
    rng = random.Random(seed)

    def q(s, p, o, g):
        return f"{s} {p} {o} {g} .\n"

    def iri(x):
        return f"<{ID}{x}>"

    def lit(x, dt=None, lang=None):
        x = str(x).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{x}"' + (f"^^<{XSD}{dt}>" if dt else f"@{lang}" if lang else "")

    def _evidence(claim, where, quote, doc, g):
        # every claim of a real build carries its evidence span
        span = iri(f"span/{where}")
        start, end = where.rsplit("/", 1)[1].split("-")
        return [q(claim, f"<{AKG}evidence>", span, g), q(span, t, f"<{AKG}TextSpan>", g),
                q(span, f"<{AKG}quote>", lit(quote), g), q(span, f"<{AKG}start>", lit(start, "integer"), g),
                q(span, f"<{AKG}end>", lit(end, "integer"), g), q(span, f"<{AKG}statedIn>", doc, g)]

    t = f"<{RDF_TYPE}>"
    for s in STRATEGIES:
        yield f"<{AKG}{s}> {t} <http://www.w3.org/2004/02/skos/core#Concept> .\n"
    made = 0
    d = 0
    while made < n_triples:
        g = iri(f"graph/doc{d:07d}.txt")
        doc = iri(f"doc/doc{d:07d}.txt")
        lines = [q(doc, t, f"<{AKG}Document>", g), q(doc, f"<{DCT}identifier>", lit(f"doc{d:07d}.txt"), g),
                 q(doc, f"<{AKG}contentHash>", lit(f"{rng.getrandbits(64):016x}"), g),
                 q(doc, f"<{DCT}date>", lit(f"{2010 + d % 15}-{1 + d % 12:02d}-{1 + d % 28:02d}", "date"), g),
                 q(doc, f"<{DCT}title>", lit(f"Conférence de presse {d}"), g)]
        states = rng.sample(STATES, 4)
        for code in states:
            st = iri(f"state/{code}")
            lines += [q(st, t, f"<{AKG}State>", g), q(st, t, f"<{AKG}Actor>", g),
                      q(st, f"<{AKG}code>", lit(code), g), q(st, f"<{RDFS_LABEL}>", lit(code, lang="fr"), g),
                      q(st, f"<{AKG}mentionedIn>", doc, g)]
        ministry = iri(f"actor/mfa-{states[0].lower()}")
        person = iri(f"person/spokesperson-{states[0].lower()}-{d % 7}")
        lines += [q(ministry, t, f"<{AKG}Organization>", g), q(ministry, t, f"<{AKG}Actor>", g),
                  q(ministry, f"<{AKG}affiliatedWith>", iri(f"state/{states[0]}"), g),
                  q(ministry, f"<{RDFS_LABEL}>", lit(f"ministère des Affaires étrangères ({states[0]})"), g),
                  q(person, t, f"<{AKG}Person>", g), q(person, t, f"<{AKG}Actor>", g),
                  q(person, f"<{AKG}affiliatedWith>", ministry, g),
                  q(person, f"<{RDFS_LABEL}>", lit(f"porte-parole {d % 7}"), g),
                  q(person, f"<{AKG}mentionedIn>", doc, g)]
        for k in range(3):
            acc = iri(f"accusation/{d:07d}-{k}")
            span = iri(f"span/{d:07d}/{k * 100}-{k * 100 + 90}")
            accuser, accused = rng.sample(states[1:], 2) if k else (states[1], states[0])
            lines += [q(acc, t, f"<{AKG}Accusation>", g), q(acc, f"<{AKG}accuser>", iri(f"state/{accuser}"), g),
                      q(acc, f"<{AKG}accused>", iri(f"state/{accused}"), g), q(acc, f"<{AKG}statedIn>", doc, g),
                      q(acc, f"<{AKG}date>", lit(f"{2010 + d % 15}-{1 + d % 12:02d}", "gYearMonth"), g),
                      q(acc, f"<{AKG}evidence>", span, g), q(span, t, f"<{AKG}TextSpan>", g),
                      q(span, f"<{AKG}quote>", lit(f"{accuser} accuse {accused} de cyberattaques ({d}, {k})"), g),
                      q(span, f"<{AKG}start>", lit(k * 100, "integer"), g),
                      q(span, f"<{AKG}end>", lit(k * 100 + 90, "integer"), g),
                      q(span, f"<{AKG}statedIn>", doc, g)]
            if k == 0:
                reb = iri(f"rebuttal/{d:07d}")
                lines += [q(reb, t, f"<{AKG}Rebuttal>", g), q(reb, f"<{AKG}rebutter>", person, g),
                          q(reb, f"<{AKG}rebuts>", acc, g), q(reb, f"<{AKG}statedIn>", doc, g)]
                lines += [q(reb, f"<{AKG}strategy>", f"<{AKG}{s}>", g) for s in rng.sample(STRATEGIES, 3)]
                lines += _evidence(reb, f"{d:07d}/900-990", f"{states[0]} rejette les accusations ({d})", doc, g)
        resp, stat = iri(f"response/{d:07d}"), iri(f"statistic/{d:07d}")
        lines += [q(resp, t, f"<{AKG}Response>", g), q(resp, t, f"<{AKG}Sanction>", g),
                  q(resp, f"<{AKG}by>", iri(f"state/{states[1]}"), g),
                  q(resp, f"<{AKG}against>", iri(f"state/{states[0]}"), g), q(resp, f"<{AKG}statedIn>", doc, g),
                  q(resp, f"<{AKG}date>", lit(f"{2010 + d % 15}-{1 + d % 12:02d}-15", "date"), g),
                  q(stat, t, f"<{AKG}Statistic>", g), q(stat, f"<{AKG}value>", lit(rng.randint(1, 10**6), "decimal"), g),
                  q(stat, f"<{RDFS_LABEL}>", lit("serveurs de contrôle"), g), q(stat, f"<{AKG}source>", ministry, g),
                  q(stat, f"<{AKG}statedIn>", doc, g)]
        lines += _evidence(resp, f"{d:07d}/1000-1090", f"{states[1]} sanctionne {states[0]} ({d})", doc, g)
        lines += _evidence(stat, f"{d:07d}/1100-1190", f"serveurs de contrôle ({d})", doc, g)
        inc = iri(f"incident/{d:07d}")
        lines += [q(inc, t, f"<{AKG}Incident>", g), q(inc, f"<{RDFS_LABEL}>", lit(f"cyberattaque {d}"), g),
                  q(inc, f"<{AKG}target>", iri(f"state/{states[1]}"), g), q(inc, f"<{AKG}statedIn>", doc, g),
                  q(iri(f"accusation/{d:07d}-0"), f"<{AKG}concerns>", inc, g)]
        yield from lines
        made += len(lines)
        d += 1


if __name__ == "__main__":
    out, n = Path(sys.argv[1]), int(sys.argv[2])
    write_corpus(out, n)
    print(f"{out}: {n} documents")
