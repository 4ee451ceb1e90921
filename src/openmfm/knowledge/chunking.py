"""Structure-following chunking with exact character offsets into the clean text.

A chunk never crosses a heading, keeps a list or table together when it fits, and splits a long
paragraph at sentence ends found by ``openmfm.text.sentences``, the splitter answering quotes
with, so a chunk never ends inside what answering takes for one sentence (after "e.g." or
"Dr."). Every chunk is ``text[start:end]`` of the version's clean text, so a citation can quote
its span verbatim. The target size is a speed decision as much as a quality one: the embedder's
cost grows faster than linearly with length, and ~600 characters keeps one clinical point per
chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import sentences

TARGET = 600
MAX = 1000
MIN = 120

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)、]|[（(]?\d+[）)]|[一二三四五六七八九十]+、)\s+|^\s*(?:[-*+•])\S")


@dataclass
class Span:
    start: int
    end: int
    section: str | None


@dataclass
class _Block:
    kind: str  # heading | para | list | table
    start: int
    end: int
    path: tuple[str, ...]


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    path: list[tuple[int, str]] = []
    pos = 0
    cur: _Block | None = None
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            cur = None
            continue
        h = _HEADING.match(stripped)
        if h:
            level = len(h.group(1))
            path = [(l, t) for l, t in path if l < level] + [(level, h.group(2).strip())]
            blocks.append(_Block("heading", start, end, tuple(t for _, t in path)))
            cur = None
            continue
        kind = "table" if stripped.startswith("|") else "list" if _LIST.match(line) else "para"
        if cur is not None and (cur.kind == kind or (cur.kind == "list" and kind == "para" and line.startswith(" "))):
            cur.end = end
            continue
        cur = _Block(kind, start, end, tuple(t for _, t in path))
        blocks.append(cur)
    return blocks


def _split_long(text: str, b: _Block) -> list[tuple[int, int]]:
    """Pieces of an over-long block: at line ends for lists and tables, sentence ends for prose."""
    seg = text[b.start : b.end]
    if b.kind in ("list", "table"):
        cuts = [m.end() for m in re.finditer(r"\n", seg)]
    else:
        # A paragraph's line breaks are wrapping, not sentence ends.
        cuts = [sp.end for sp in sentences(seg, line_breaks=False)]
    cuts = sorted({c for c in cuts if 0 < c < len(seg)} | {len(seg)})
    pieces, s, last = [], 0, 0
    for c in cuts:
        if c - s > TARGET and last > s:
            pieces.append((s, last))
            s = last
        last = c
    pieces.append((s, len(seg)))
    out = []
    for a, z in pieces:  # a sentence longer than MAX is cut hard
        while z - a > MAX:
            out.append((a, a + TARGET))
            a += TARGET
        out.append((a, z))
    return [(b.start + a, b.start + z) for a, z in out]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def chunk_text(text: str, target: int = TARGET) -> list[Span]:
    """Spans covering the text's content, in order, following its headings, lists and tables."""
    spans: list[Span] = []
    cur_start: int | None = None
    cur_end = 0
    cur_path: tuple[str, ...] = ()
    heading_only = False

    def flush():
        nonlocal cur_start
        if cur_start is not None:
            s, e = _trim(text, cur_start, cur_end)
            if e > s:
                spans.append(Span(s, e, " > ".join(cur_path) or None))
        cur_start = None

    for b in _blocks(text):
        if b.kind == "heading":
            if not heading_only:
                flush()
            if cur_start is None:
                cur_start = b.start
            cur_end, cur_path, heading_only = b.end, b.path, True
            continue
        pieces = _split_long(text, b) if b.end - b.start > target else [(b.start, b.end)]
        for s, e in pieces:
            if cur_start is not None and not heading_only and (e - cur_start > target or b.path != cur_path):
                flush()
            if cur_start is None:
                cur_start = s
            cur_end, cur_path, heading_only = e, b.path, False
    flush()
    # fold a short tail into its predecessor of the same section
    merged: list[Span] = []
    for sp in spans:
        if merged and sp.end - sp.start < MIN and merged[-1].section == sp.section and sp.end - merged[-1].start <= MAX:
            merged[-1] = Span(merged[-1].start, sp.end, sp.section)
        else:
            merged.append(sp)
    return merged
