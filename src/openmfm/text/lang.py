"""Language and script: every text in OpenMFM is Chinese (``zh``) or English (``en``).

One Han character class serves every layer, so a rule, a tokenizer and a language guess never
disagree about what counts as Chinese. It spans the CJK Unified Ideographs, Extension A (rare
characters that do occur in names and older drug names) and the compatibility ideographs; the
knowledge base's stored tokens were computed with exactly these ranges, so widening them would
change what existing knowledge bases match.

A ratio of Han characters is enough to tell the two languages apart and costs nothing; clinical
Chinese routinely carries Latin abbreviations (CT, MRI, mg), so a minority share of Han characters
(a quarter, counting a character against a word) already means Chinese.
"""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["zh", "en"]

# Ranges without brackets, for composing classes such as ``[^{HAN_RANGES}0-9]``.
HAN_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = f"[{HAN_RANGES}]"
HAN_RE = re.compile(HAN)
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def has_han(text: str) -> bool:
    return bool(HAN_RE.search(text))


def detect_language(text: str) -> Lang:
    """``zh`` when Han characters make up at least a quarter of the "words", else ``en``."""
    han = len(HAN_RE.findall(text))
    if han == 0:
        return "en"
    # One Han character ~ one English word.
    return "zh" if han / (han + len(_LATIN_WORD.findall(text))) >= 0.25 else "en"
