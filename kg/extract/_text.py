"""The text and sentences of a spaCy ``Doc``, computed once.

``Doc.text`` and ``Span.text`` join their tokens each time they are read, and ``Doc.sents`` walks
every token; extraction reads them thousands of times per document. Reading the document text
took about two thirds of extraction time before it was cached; sentence texts and sentences,
rebuilt the same way, about a twentieth of what was left.
"""


def text_of(doc) -> str:
    text = doc.user_data.get("akg_text")
    if text is None:
        text = doc.user_data["akg_text"] = doc.text
    return text


def span_text(span) -> str:
    """``span.text``, sliced from the cached document text (a token's trailing whitespace is one
    character at most, and a span's text ends before it, as ``span.end_char`` does)."""
    return text_of(span.doc)[span.start_char:span.end_char]


def sentences(doc) -> list:
    """``list(doc.sents)``; the boundaries are kept as token indices (spans would hold the doc and
    make a reference cycle)."""
    bounds = doc.user_data.get("akg_sents")
    if bounds is None:
        bounds = doc.user_data["akg_sents"] = [(s.start, s.end) for s in doc.sents]
    return [doc[start:end] for start, end in bounds]
