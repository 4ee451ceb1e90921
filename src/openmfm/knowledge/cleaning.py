"""Text cleaning before chunking, and the suspicious-instruction check.

Offsets in citations index the *clean* text of a version, so cleaning happens once, here, and
the clean text is what the store keeps. NFKC turns full-width digits and Latin letters (常见于
中文文档: １２３ｍｇ) into half-width ones, so "１２mg" and "12mg" match; Chinese full-width
punctuation (，：；！？（）) is left as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# NFKC would also turn Chinese full-width punctuation into ASCII (，-> ,); Chinese readers and
# quotes keep it, so these characters are protected from the normalisation.
_CJK_PUNCT = re.compile(r"([，：；！？（）]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_BOILERPLATE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|第\s*\d+\s*页(?:\s*[,，/共]\s*\d+\s*页)?|-\s*\d+\s*-|\d+\s*/\s*\d+"
    r"|all rights reserved\.?|版权所有.*|copyright\s+©?.{0,80}|©.{0,80}|skip to (?:main )?content"
    r"|(?:this (?:site|website) uses cookies|we use cookies).{0,200})\s*$",
    re.IGNORECASE,
)

# Phrases that try to steer a model reading this text. They are kept as data (a guideline about
# prompt injection is a legitimate document) and only flag the version.
_SUSPICIOUS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
        r"(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|rules|directions)",
        r"\byou\s+are\s+now\s+(?:a|an|in)\b",
        r"\b(?:reveal|print|show|output)\s+(?:your\s+|the\s+)?(?:system\s+prompt|hidden\s+instructions?)",
        r"\bnew\s+instructions?\s*:",
        r"\bdo\s+not\s+(?:cite|mention)\s+(?:any\s+)?(?:sources?|evidence)",
        r"(?:忽略|无视|忽视|不要理会|忘记|跳过)(?:掉)?(?:你)?(?:之前|以上|前面|上述|先前|此前|所有|全部|系统)(?:的)?(?:所有|全部)?(?:的)?(?:指令|指示|提示|规则|要求|设定)",
        r"你现在(?:是|扮演)",
        r"(?:输出|显示|泄露|告诉我)(?:你的)?系统提示",
    )
]


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


def nfkc(text: str) -> str:
    """NFKC except for Chinese full-width punctuation."""
    parts = _CJK_PUNCT.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def suspicious_instructions(text: str) -> list[str]:
    """The instruction-like phrases found in a document (empty when none)."""
    found = []
    for pat in _SUSPICIOUS:
        for m in pat.finditer(text):
            found.append(m.group(0))
    return found
