"""Text cleaning before chunking, and the suspicious-instruction check.

Offsets in citations index the *clean* text of a version, so cleaning happens once, here, and
the clean text is what the store keeps. ``openmfm.text.nfkc`` turns full-width digits and Latin
letters (常见于中文文档: １２３ｍｇ) into half-width ones, so "１２mg" and "12mg" match; Chinese
full-width punctuation (，：；！？（）) is left as written.
"""

from __future__ import annotations

import re
from collections import Counter

from ..safety.injection import document_instructions
from ..text import HAN, nfkc

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_HAN_SPACE = re.compile(rf"(?<={HAN}) (?={HAN})")
_BOILERPLATE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|第\s*\d+\s*页(?:\s*[,，/共]\s*\d+\s*页)?|-\s*\d+\s*-|\d+\s*/\s*\d+"
    r"|all rights reserved\.?|版权所有.*|copyright\s+©?.{0,80}|©.{0,80}|skip to (?:main )?content"
    r"|(?:this (?:site|website) uses cookies|we use cookies).{0,200})\s*$",
    re.IGNORECASE,
)


def clean_text(text: str, *, drop_repeated_lines: bool = False) -> str:
    """NFKC, control characters out, whitespace collapsed, boilerplate lines removed.

    ``drop_repeated_lines`` removes short lines that recur on many pages (running headers and
    footers of a PDF); it is off for authored formats, where a repeated line is content.
    """
    text = nfkc(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        body = _SPACES.sub(" ", line).strip()
        body = _HAN_SPACE.sub("", body)
        if _BOILERPLATE.match(body):
            continue
        lines.append((" " * min(indent, 8) + body) if body else "")
    if drop_repeated_lines:
        counts = Counter(l.strip() for l in lines if l.strip())
        repeated = {l for l, n in counts.items() if n >= 3 and len(l) <= 80 and not l.startswith(("|", "-", "*", "#"))}
        lines = [l for l in lines if l.strip() not in repeated]
    out = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", out).strip()


def suspicious_instructions(text: str) -> list[str]:
    """The instruction-like phrases found in a document (empty when none). The text is stored
    unchanged (a guideline about prompt injection is a legitimate document); they only flag the
    version, and answering cuts the sentences that hold them from evidence."""
    return document_instructions(text)
