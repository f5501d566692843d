"""The text of a spaCy ``Doc``, computed once.

``Doc.text`` joins every token each time it is read; extraction reads it thousands of times per
document, which took about two thirds of extraction time before it was cached.
"""


def text_of(doc) -> str:
    text = doc.user_data.get("akg_text")
    if text is None:
        text = doc.user_data["akg_text"] = doc.text
    return text
