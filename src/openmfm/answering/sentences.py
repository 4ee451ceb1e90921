"""Sentences as answering presents them: a cited span made readable, and headings told apart.

Splitting itself is ``openmfm.text.sentences`` (offsets into the original text), shared with
chunking so a chunk boundary and a cited sentence never disagree about where a sentence ends.
"""

from __future__ import annotations

import re

from ..text import HAN
from ..text.sentences import END_EN, END_ZH

_ENDS_HAN = re.compile(f"{HAN}$")


def clean_statement(text: str) -> str:
    """A span as a readable sentence: Markdown emphasis removed, one space, final punctuation."""
    t = re.sub(r"\*\*|__|`", "", text)
    t = re.sub(r"\s+", " ", t).strip()
    if t and t[-1] not in END_ZH + END_EN + "：:":
        t += "。" if _ENDS_HAN.search(t) else "."
    return t


def is_heading(sentence: str) -> bool:
    """A short line without terminal punctuation: a title or list heading, context for what follows."""
    return not sentence.rstrip("*_ ").endswith(tuple(END_ZH + END_EN)) and len(sentence) < 90
