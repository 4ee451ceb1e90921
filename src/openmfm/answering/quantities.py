"""Numbers that matter clinically (doses, units, frequencies, durations) in a comparable form.

A statement that says "750 mg" when its source says "500 mg", or "twice daily" when the source
says "TDS", is the most dangerous kind of unsupported sentence, and lexical or embedding
similarity barely notices it. So quantities are compared exactly, after normalising units
(1 g = 1000 mg), frequencies (TDS = t.i.d. = three times daily = 每日3次 = q8h) and Chinese
numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# unit spelling -> (dimension, factor to the base unit of that dimension)
_UNITS: dict[str, tuple[str, float]] = {
    "mg/kg/day": ("mg/kg/d", 1), "mg/kg/d": ("mg/kg/d", 1), "mg/kg": ("mg/kg", 1), "mcg/kg": ("mg/kg", 1e-3),
    "μg/kg": ("mg/kg", 1e-3), "µg/kg": ("mg/kg", 1e-3), "mg/day": ("mg/d", 1), "mg/d": ("mg/d", 1),
    "mg/dl": ("mg/dl", 1), "mmol/l": ("mmol/l", 1), "mmhg": ("mmhg", 1), "ml/min": ("ml/min", 1),
    "mg": ("mg", 1), "g": ("mg", 1000), "mcg": ("mg", 1e-3), "μg": ("mg", 1e-3), "µg": ("mg", 1e-3),
    "ug": ("mg", 1e-3), "kg": ("mg", 1e6), "毫克": ("mg", 1), "克": ("mg", 1000), "微克": ("mg", 1e-3),
    "ml": ("ml", 1), "l": ("ml", 1000), "毫升": ("ml", 1), "升": ("ml", 1000),
    "iu": ("iu", 1), "units": ("iu", 1), "unit": ("iu", 1), "u": ("iu", 1), "单位": ("iu", 1),
    "mmol": ("mmol", 1), "meq": ("meq", 1), "%": ("%", 1), "°c": ("°c", 1), "℃": ("°c", 1),
    "hours": ("h", 1), "hour": ("h", 1), "hrs": ("h", 1), "h": ("h", 1), "小时": ("h", 1),
    "days": ("d", 1), "day": ("d", 1), "天": ("d", 1), "日": ("d", 1),
    "weeks": ("d", 7), "week": ("d", 7), "周": ("d", 7), "wk": ("d", 7),
    "months": ("d", 30), "month": ("d", 30), "个月": ("d", 30), "月": ("d", 30),
    "years": ("y", 1), "year": ("y", 1), "岁": ("y", 1), "年": ("y", 1),
}
_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_NUM = r"(?<!\d)\d++(?:[.,]\d++)?"  # possessive, started at a run's first digit: linear on long digit runs
_QTY = re.compile(
    rf"(?P<a>{_NUM})\s*(?P<ua>{_UNIT_RE})?(?:\s*(?:-|–|—|~|～|to|至|到)\s*(?P<b>{_NUM}))?\s*(?P<u>{_UNIT_RE})(?![a-z])",
    re.IGNORECASE,
)
_BARE = re.compile(rf"(?<![\w.]){_NUM}(?![\w.])")

_FREQ_WORDS: list[tuple[str, float]] = [
    (r"\b(?:q\.?d\.?s|qds|q\.?i\.?d|qid|four times (?:a |per )?da(?:y|ily))\b|每[日天]\s*(?:4|四)\s*次", 4),
    (r"\b(?:t\.?d\.?s|tds|t\.?i\.?d|tid|three times (?:a |per )?da(?:y|ily)|thrice daily)\b|每[日天]\s*(?:3|三)\s*次", 3),
    (r"\b(?:b\.?d|bd|b\.?i\.?d|bid|twice (?:a |per )?da(?:y|ily)|two times (?:a |per )?day)\b|每[日天]\s*(?:2|两|二)\s*次", 2),
    (r"\b(?:o\.?d|od|q\.?d|qd|once (?:a |per )?da(?:y|ily)|daily)\b|每[日天]\s*(?:1|一)\s*次|每[日天]一剂", 1),
    (r"\bq\s*(\d+)\s*h\b|\bevery (\d+) hours?\b|每\s*(\d+)\s*小时", -1),
]


@dataclass(frozen=True)
class Quantity:
    dim: str  # "mg", "ml", "d", "/d" (frequency per day), "" (bare number) ...
    low: float
    high: float
    text: str

    def within(self, other: "Quantity") -> bool:
        """True when this value is stated by ``other`` (equal, or inside its range)."""
        if self.dim != other.dim:
            return False
        eps = 1e-6 * max(1.0, abs(other.high))
        return other.low - eps <= self.low and self.high <= other.high + eps

    def __str__(self) -> str:
        return self.text


def _zh_numerals(text: str) -> str:
    """Small Chinese numbers to digits ("每日三次" -> "每日3次", "十四天" -> "14天")."""

    def conv(m: re.Match) -> str:
        s = m.group(0)
        if "十" in s:
            a, _, b = s.partition("十")
            return str((_ZH_DIGITS.get(a, 1) if a else 1) * 10 + (_ZH_DIGITS.get(b, 0) if b else 0))
        return "".join(str(_ZH_DIGITS[c]) for c in s)

    return re.sub(r"[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九](?=\s*(?:次|天|日|周|个月|小时|岁|片|粒|剂))", conv, text)


_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "twenty": 20, "thirty": 30}
_EN_NUMBER_UNIT = re.compile(
    r"\b(" + "|".join(_EN_NUMBERS) + r")(?=[\s-]+(?:hours?|days?|weeks?|months?|years?|tablets?|doses?|mg|g)\b)",
    re.IGNORECASE)


def _en_numerals(text: str) -> str:
    """Number words before a unit to digits ("two hours" -> "2 hours"); "three times daily" stays a
    frequency phrase."""
    return _EN_NUMBER_UNIT.sub(lambda m: str(_EN_NUMBERS[m.group(1).lower()]), text)


def _num(s: str) -> float:
    return float(s.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", s) else s.replace(",", "."))


def extract(text: str) -> list[Quantity]:
    """Doses, durations and other unit-bearing numbers, frequencies per day, and bare numbers."""
    t = _en_numerals(_zh_numerals(text))
    out: list[Quantity] = []
    taken = [False] * len(t)

    def free(m: re.Match) -> bool:
        return not any(taken[m.start(): m.end()])

    def take(m: re.Match) -> None:
        for i in range(m.start(), m.end()):
            taken[i] = True

    # Frequencies first, most specific first, so "q8h" is not also "8 h" and "three times
    # daily" is not also "daily".
    lowered = t.lower()
    for pattern, per_day in _FREQ_WORDS:
        for m in re.finditer(pattern, lowered):
            if not free(m):
                continue
            value = per_day
            if per_day < 0:
                hours = float(next(g for g in m.groups() if g))
                if hours <= 0:
                    continue
                value = 24.0 / hours
            out.append(Quantity("/d", value, value, t[m.start(): m.end()]))
            take(m)
    for m in _QTY.finditer(t):
        if not free(m):
            continue
        dim, f = _UNITS[m.group("u").lower()]
        a = _num(m.group("a"))
        b = _num(m.group("b")) if m.group("b") else a
        fa = f
        if m.group("ua"):  # "500 mg–1 g": each end carries its own unit
            da, fa = _UNITS[m.group("ua").lower()]
            if da != dim:
                continue
        out.append(Quantity(dim, min(a * fa, b * f), max(a * fa, b * f), m.group(0)))
        take(m)
    for m in _BARE.finditer(t):
        if not any(taken[m.start(): m.end()]):
            v = _num(m.group(0))
            out.append(Quantity("", v, v, m.group(0)))
    return out


def unmatched(claim: str, support: str) -> list[Quantity]:
    """Quantities the claim states that the support does not; empty means the numbers agree.

    A bare number in the claim may match any number in the support (a count, a score, a year);
    a unit-bearing one must match in dimension and value.
    """
    have = extract(support)
    values = {q.low for q in have} | {q.high for q in have}
    missing = []
    for q in extract(claim):
        if q.dim == "":
            if not any(abs(q.low - v) < 1e-9 for v in values):
                missing.append(q)
        elif not any(q.within(h) for h in have):
            missing.append(q)
    return missing


def dose_quantities(text: str) -> list[Quantity]:
    """Doses only (mass, volume, units, per-kg), the quantities two sources can disagree on."""
    return [q for q in extract(text) if q.dim in ("mg", "ml", "iu", "mg/kg", "mg/kg/d", "mg/d", "mmol")]
