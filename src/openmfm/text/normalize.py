"""Normalisation: the folding every rule relies on, and the NFKC that documents are stored in.

Two entry points because they serve two contracts. ``normalize`` is for rules (injection, red
flags, de-identification): attackers and copy-pasted records hide words and identifiers behind
zero-width characters, full-width or exotic digits, mathematical letters and Cyrillic/Greek
look-alikes, and what a rule cannot see it cannot catch; it keeps an offset map from every
normalised character back to the original, so de-identification can find an identifier in the
normalised text and still redact the exact original characters. ``nfkc`` is for stored text
(knowledge-base documents): plain NFKC, so "１２mg" and "12mg" match, except that Chinese
full-width punctuation (，：；！？（）) stays as written because readers and quotes keep it.
Both keep Chinese punctuation; neither is applied behind a caller's back.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Zero-width and invisible format characters (ZWSP..RLM, bidi controls, word joiners, BOM, soft hyphen).
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2060\u2061\u2062\u2063\u2064\ufeff")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# NFKC would turn these into ASCII (，-> ,); they are split out and kept.
_CJK_PUNCT = re.compile(r"([，：；！？（）]+)")


@cache
def _confusables() -> dict[str, str]:
    """Cyrillic and Greek letters that look like Latin ones (data/text/confusables.toml)."""
    raw = resources.files("openmfm").joinpath("data/text/confusables.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(raw)["latin"])


def _keep_as_is(ch: str) -> bool:
    """Chinese punctuation and CJK symbols stay as written: they carry meaning, not disguise."""
    o = ord(ch)
    if 0x3000 <= o <= 0x303F:  # CJK symbols and punctuation (ideographic space is folded below)
        return o != 0x3000
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII: fold letters and digits, keep punctuation
        return not ch.isalnum()
    return 0xFF5F <= o <= 0xFFEF and not ch.isalnum()


def _fold_char(ch: str) -> str:
    if ch in _INVISIBLE:
        return ""
    if ch.isascii() or _keep_as_is(ch):
        return ch
    if ch.isdecimal():  # Arabic-Indic, Devanagari ... digits
        return str(unicodedata.decimal(ch))
    folded = unicodedata.normalize("NFKC", ch)
    if unicodedata.category(ch) == "Zs":
        return " "
    return folded


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original: str

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> Normalized:
    """Fold disguises for rules, with an offset map back to ``text``."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            out.append(f)
            starts.append(i)
            ends.append(i + 1)
    joined = "".join(out)
    # Look-alikes are folded only inside words that mix them with Latin ("іgnоre"), so genuine
    # Greek or Russian text is left alone.
    table = _confusables()
    chars = list(joined)
    for m in _WORD.finditer(joined):
        word = m.group()
        if _LATIN.search(word) and any(c in table for c in word):
            for j in range(m.start(), m.end()):
                chars[j] = table.get(chars[j], chars[j])
    return Normalized("".join(chars), tuple(starts), tuple(ends), text)


def normalize_text(text: str) -> str:
    return normalize(text).text


def nfkc(text: str) -> str:
    """NFKC except for Chinese full-width punctuation (the form documents are stored in)."""
    parts = _CJK_PUNCT.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))
