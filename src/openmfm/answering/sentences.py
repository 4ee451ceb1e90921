"""Sentence boundaries in Chinese and English clinical text, as character offsets.

Citations point at exact spans, so splitting must return offsets into the original text rather
than cleaned copies. Clinical text breaks naive splitters in predictable places: decimal doses
("0.5 mg"), abbreviations ("e.g.", "i.v."), numbered lists and Markdown bullets; each line of a
list is its own statement.
"""

from __future__ import annotations

import re

# A sentence ends at Chinese terminal punctuation, at ". ! ?" followed by whitespace (not inside
# "e.g. " or a decimal), or at a line break (lists, headings, table rows).
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|vs|etc|approx|incl|fig|no|dr|mr|mrs|i\.v|p\.o|b\.i\.d|t\.i\.d|q\.d)|\b[A-Z])\.$",
                     re.IGNORECASE)
_END_ZH = "。！？；"
_END_EN = ".!?;"
_MARKUP = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)、]|#{1,6}|>)\s+")
_TRAILING_MARKUP = re.compile(r"[\s*_`|]+$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of each non-empty sentence, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        cut = None
        if ch == "\n":
            cut = i
        elif ch in _END_ZH:
            cut = i + 1
        elif ch in _END_EN and (i + 1 == n or text[i + 1].isspace()):
            if ch != "." or not _ABBREV.search(text[max(start, i - 8): i + 1]):
                cut = i + 1
        if cut is not None:
            _push(text, start, cut, spans)
            start = cut
        i += 1
    _push(text, start, n, spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if not seg:
        return
    # Headings and bullets carry markup that is not part of the statement's words; keep the span
    # on the words so a quoted span reads cleanly.
    m = _MARKUP.match(seg)
    if m:
        lead += m.end()
        seg = seg[m.end():]
    seg_clean = _TRAILING_MARKUP.sub("", seg)
    if re.search(r"\w", seg_clean):
        s = start + lead
        spans.append((s, s + len(seg_clean)))


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def clean_statement(text: str) -> str:
    """A span as a readable sentence: Markdown emphasis removed, one space, final punctuation."""
    t = re.sub(r"\*\*|__|`", "", text)
    t = re.sub(r"\s+", " ", t).strip()
    if t and t[-1] not in _END_ZH + _END_EN + "：:":
        t += "。" if re.search(r"[\u4e00-\u9fff]$", t) else "."
    return t


def is_heading(sentence: str) -> bool:
    """A short line without terminal punctuation: a title or list heading, context for what follows."""
    return not sentence.rstrip("*_ ").endswith(tuple(_END_ZH + _END_EN)) and len(sentence) < 90
