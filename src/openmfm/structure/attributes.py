"""Values written after a medication, lab test or vital sign: dose, unit, route, frequency,
duration; result, unit, reference range and abnormal flag; a vital's reading and unit.

The parser reads the NFKC-folded note (so "３ｍｇ" is "3mg") from the end of the entity to the
next entity or clause end, and never guesses: what it cannot parse stays None. A unit that does
not fit the vital it follows ("体温 120 mmHg") is kept and flagged, not corrected.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import alternation, units
from .records import Attributes

_NUM = r"(\d+(?:\.\d+)?)"


@cache
def _patterns() -> dict[str, re.Pattern]:
    u = units()
    return {
        "dose": re.compile(rf"{_NUM}\s*(?:-|~|至)?\s*(?:\d+(?:\.\d+)?)?\s*({alternation(u['dose']['units'])})(?![A-Za-z])"),
        "route": re.compile(alternation(u["route"]["zh"] + u["route"]["en"]), re.IGNORECASE),
        "frequency": re.compile("|".join([alternation(u["frequency"]["zh"] + u["frequency"]["en"]),
                                          *u["frequency"]["zh_patterns"]]), re.IGNORECASE),
        "duration": re.compile("|".join(u["duration"]["zh"] + u["duration"]["en"]), re.IGNORECASE),
        "lab": re.compile(rf"^[\s:：=为是|]*([<>≤≥]?\s*\d+(?:\.\d+)?)[\s|]*({alternation(u['lab']['units'])})?"),
        "qual": re.compile(r"^[\s:：=为是|]*(阴性|阳性|弱阳性|negative|positive|neg|pos|\(\+\)|\(-\)|（\+）|（-）)", re.IGNORECASE),
        "range": re.compile(r"[(（\[]?\s*(?:参考值|参考范围|正常值|ref(?:erence)?(?: range)?|normal|nl)?\s*[:：]?\s*"
                            r"(\d+(?:\.\d+)?\s*(?:-|–|~|～|至)\s*\d+(?:\.\d+)?)\s*[)）\]]?", re.IGNORECASE),
        "flag": re.compile(r"^\s*(?:[)）\]]\s*)?(" + alternation(u["lab"]["high"] + u["lab"]["low"]) + r")"),
        "vital": re.compile(r"^[\s:：=为是|]*(\d+(?:\.\d+)?)(?:\s*[/／]\s*(\d+(?:\.\d+)?))?[\s|]*([^\s\d,，;；。|]{0,12})"),
    }


def _window(text: str, end: int, limit: int, stop: str) -> str:
    w = text[end:limit]
    cut = min((i for i, ch in enumerate(w) if ch in stop), default=len(w))
    return w[:cut]


def medication(text: str, end: int, limit: int) -> Attributes:
    p = _patterns()
    w = _window(text, end, min(limit, end + 60), "。；;\n")
    a = Attributes()
    m = p["dose"].search(w)
    if m:
        a.dose, a.unit = float(m.group(1)), m.group(2)
    for key in ("route", "frequency"):
        m = p[key].search(w)
        if m:
            setattr(a, key, m.group(0))
    m = p["duration"].search(w)
    if m:
        a.duration = m.group(0)
    return a


def lab(text: str, end: int, limit: int) -> Attributes:
    p = _patterns()
    w = _window(text, end, min(limit, end + 50), "。；;\n，,")
    a = Attributes()
    m = p["lab"].match(w)
    if m:
        raw = m.group(1).replace(" ", "")
        try:
            a.value = float(raw)
        except ValueError:
            a.value = raw
        a.unit = m.group(2)
        rest = w[m.end():]
        f = p["flag"].match(rest)
        if f:
            a.abnormal = "high" if f.group(1) in units()["lab"]["high"] else "low"
        r = p["range"].search(rest)
        if r:
            a.range = re.sub(r"\s+", "", r.group(1))
            if a.abnormal is None and isinstance(a.value, float):
                lo, hi = (float(x) for x in re.split(r"-|–|~|～|至", a.range))
                a.abnormal = "high" if a.value > hi else "low" if a.value < lo else None
    else:
        q = p["qual"].match(w)
        if q:
            a.value = q.group(1)
    return a


def vital(text: str, end: int, limit: int, kind: str | None) -> tuple[Attributes, bool]:
    """The reading, and whether its unit fits the vital (False: flag it)."""
    p = _patterns()
    w = _window(text, end, min(limit, end + 30), "。；;\n，,")
    a = Attributes(vital=kind)
    m = p["vital"].match(w)
    if not m:
        return a, True
    unit = m.group(3).strip() or None
    if m.group(2):
        a.systolic, a.diastolic = float(m.group(1)), float(m.group(2))
        a.value = f"{m.group(1)}/{m.group(2)}"
    else:
        a.value = float(m.group(1))
    fits = True
    if unit:
        allowed = units()["vital"].get(kind or "", [])
        known = next((u for u in sorted(allowed, key=len, reverse=True) if unit.startswith(u)), None)
        if known:
            unit = known
        else:
            every = {u for us in units()["vital"].values() for u in us}
            fits = not any(unit.startswith(u) for u in every if len(u) > 1)
            if fits:
                unit = None  # a word after the number, not a unit
    a.unit = unit
    return a, fits
