"""The text toolkit every layer uses: language and Han script, normalisation, tokens, sentences.

One module per concern (``lang``, ``normalize``, ``tokens``, ``sentences``), so that the
knowledge base, answering, safety and evaluation agree on what a Chinese character, a token and
a sentence are. Nothing here imports another OpenMFM layer.
"""

from __future__ import annotations

from .lang import HAN, HAN_RANGES, HAN_RE, Lang, detect_language, has_han
from .normalize import Normalized, nfkc, normalize, normalize_text
from .sentences import Span, sentence_texts, sentences
from .tokens import (
    EN_STOPWORDS,
    ZH_STOPWORDS,
    content_terms,
    en_terms,
    segments,
    stem,
    tokenize,
    zh_bigrams,
    zh_terms,
)

__all__ = [
    "EN_STOPWORDS", "HAN", "HAN_RANGES", "HAN_RE", "Lang", "Normalized", "Span", "ZH_STOPWORDS",
    "content_terms", "detect_language", "en_terms", "has_han", "nfkc", "normalize", "normalize_text",
    "segments", "sentence_texts", "sentences", "stem", "tokenize", "zh_bigrams", "zh_terms",
]
