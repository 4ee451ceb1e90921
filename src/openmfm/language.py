"""Language of a text: every text in OpenMFM is either Chinese (``zh``) or English (``en``).

A ratio of CJK ideographs is enough for the two languages we serve and costs nothing; clinical
Chinese text routinely carries Latin abbreviations (CT, MRI, mg), so a minority share of Han
characters (a quarter, counting a character against a word) already means Chinese.
"""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["zh", "en"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Lang:
    """Return ``zh`` when Han characters make up at least a quarter of the "words", else ``en``."""
    han = len(_HAN.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    if han == 0:
        return "en"
    # Compare characters of Chinese with words of English: one Han character ~ one word.
    return "zh" if han / (han + latin_words) >= 0.25 else "en"


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))
