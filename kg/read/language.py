"""Language detection: a text in, its ISO 639-1 code out (or None when it is too short to tell);
and the codes a document's metadata may name its language with."""

from __future__ import annotations

import functools
import re

# The extractor's lexicons and patterns are French: other languages are refused, not mis-read.
SUPPORTED_LANGUAGES = ("fr",)
# Below this many letters a language guess is noise (a title, a one-line quote): not judged.
MIN_LANGUAGE_LETTERS = 200
# The language is judged on the opening of the text: enough for a confident guess, and a
# 20 MB file costs no more than a short one.
_LANGUAGE_SAMPLE = 20_000
# A guess below this probability is no evidence against a document.
_LANGUAGE_CONFIDENCE = 0.5

_URLS = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+")

_LANGUAGE_ALIASES = {"fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
                     "eng": "en", "english": "en"}


# py3langid, chosen over the alternatives on the index: it ships its model inside the package
# (4.5 MB, numpy only), is deterministic (naive Bayes, no sampling: langdetect is random unless
# seeded and unmaintained since 2021), small (lingua-language-detector's models are tens of MB),
# kept (by trafilatura's author; 2026 release), and needs no download at run time
# (fasttext-langdetect does, which is not allowed here).
@functools.cache
def _identifier_model():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell.

    >>> detect_language("Trop court.") is None
    True
    """
    sample = _URLS.sub(" ", text[:_LANGUAGE_SAMPLE])
    if sum(c.isalpha() for c in sample) < MIN_LANGUAGE_LETTERS:
        return None
    lang, confidence = _identifier_model().classify(sample)
    return lang if confidence >= _LANGUAGE_CONFIDENCE else None


def language_code(value: str | None) -> str | None:
    """The ISO 639-1 code a metadata value names (« fr-FR », « fra », « French »), or None.

    >>> language_code("fr_FR"), language_code("Français"), language_code(" ")
    ('fr', 'fr', None)
    """
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_ALIASES.get(code, code) or None
