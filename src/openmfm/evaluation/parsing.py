"""Reading a model's free-text answer back into an option label, a yes/no/maybe, a number or spans.

Generation-based scoring lives or dies by this: small models write "The answer is (C)", "答案：B",
"C. Aspirin", or just "yes". Patterns are tried from the most explicit ("answer is X") to the
least (a bare label at the start), and an option's text counts when it is the only one quoted.
"""

from __future__ import annotations

import re

from ..text import HAN_RANGES

_FW = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(94)})

_EXPLICIT = [
    r"(?:final\s+)?answer\s*(?:is|:|=)?\s*(?:option\s*)?[\(\[]?\s*([A-J])\b",
    r"(?:correct|best)\s+(?:option|choice|answer)\s*(?:is|:)?\s*[\(\[]?([A-J])\b",
    r"option\s*[\(\[]?([A-J])[\)\]]?\s*is\s+(?:correct|right)",
    r"答案(?:是|为|应该?是|应选|选)?\s*[:：]?\s*[\(（【\[]?\s*([A-J])",
    r"(?:选择?|应选|故选|正确(?:选项|答案)?(?:是|为)?)\s*[:：]?\s*[\(（【\[]?\s*([A-J])",
    r"([A-J])\s*(?:选项)?\s*(?:是|为)?正确",
]
_LEADING = r"^\s*[\(\[（【]?\s*([A-J])\s*(?:[\)\]）】\.:：、,，]|\s|$)"

_YNM_EN = {"yes": "yes", "no": "no", "maybe": "maybe", "uncertain": "maybe", "unclear": "maybe"}
_YNM_ZH = [("不确定", "maybe"), ("可能", "maybe"), ("也许", "maybe"), ("不是", "no"), ("否", "no"), ("不", "no"),
           ("是", "yes"), ("对", "yes"), ("会", "yes"), ("有", "yes")]


def normalise(text: str) -> str:
    """Full-width to half-width, so "答案：Ｂ" reads like "答案:B"."""
    return text.translate(_FW).replace("\u3000", " ")


def parse_choice(text: str, options: dict[str, str]) -> str | None:
    """The option label a free-text answer picks, or None when it picks none or several."""
    if not text:
        return None
    labels = set(options)
    t = normalise(text)
    if labels <= {"yes", "no", "maybe"}:
        return parse_yes_no_maybe(t, labels)
    for pat in _EXPLICIT:
        for m in re.finditer(pat, t, flags=re.IGNORECASE):
            label = m.group(1).upper()
            if label in labels:
                return label
    m = re.match(_LEADING, t)
    if m and m.group(1) in labels:
        return m.group(1)
    low = t.lower()
    hits = [k for k, v in options.items() if len(v.strip()) > 1 and v.strip().lower() in low]
    if len(hits) == 1:
        return hits[0]
    bare = set(re.findall(r"(?<![A-Za-z])([A-J])(?![A-Za-z])", t)) & labels
    return bare.pop() if len(bare) == 1 else None


def parse_yes_no_maybe(text: str, labels: set[str] | None = None) -> str | None:
    """The first yes/no/maybe word, in English or Chinese ("答案：是" -> yes)."""
    labels = labels or {"yes", "no", "maybe"}
    t = normalise(text)
    # "answer is X" / "answer: X", never a bare "Answer yes, no or maybe" echoed from the prompt
    m = re.search(r"(?:answer|答案|结论)\s*(?:is|是|为|[:：])\s*[:：]?\s*\**\s*(yes|no|maybe)\b", t, re.IGNORECASE)
    if m and m.group(1).lower() in labels:
        return m.group(1).lower()
    first = re.split(r"(?<=[.!?;])\s|\n", t.strip(), maxsplit=1)[0]  # "There is no evidence..." later is not a verdict
    for w in re.findall(r"[A-Za-z]+", first):
        v = _YNM_EN.get(w.lower())
        if v in labels:
            return v
    zh = re.sub(f"[^{HAN_RANGES}]", "", t.split("答案")[-1] if "答案" in t else t)[:12]
    best: tuple[int, str] | None = None
    for word, v in _YNM_ZH:
        i = zh.find(word)
        if i >= 0 and v in labels and (best is None or i < best[0]):
            best = (i, v)
    return best[1] if best else None


def parse_number(text: str) -> float | None:
    """The number an answer ends on (MedCalc-style outputs reason first, then give the value)."""
    t = normalise(text).replace(",", "")
    m = re.search(r"(?:answer|答案|结果)\s*(?:is|是|为)?\s*[:：]?\s*(-?\d+(?:\.\d+)?)", t, re.IGNORECASE)
    if m:
        return float(m.group(1))
    nums = re.findall(r"-?\d+(?:\.\d+)?", t)
    return float(nums[-1]) if nums else None


def parse_spans(text: str) -> list[str]:
    """Spans listed one per line or separated by semicolons/commas (en and zh punctuation)."""
    parts = re.split(r"[\n;；,，、]+", normalise(text))
    return [p.strip(" -*•\t.。") for p in parts if p.strip(" -*•\t.。")]
