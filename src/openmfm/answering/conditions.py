"""The conditions a piece of evidence is limited by, and whether a statement keeps them.

"Co-amoxiclav 1.2 g TDS IV plus clarithromycin" is true of pneumonia only under the heading
"High Severity (CURB-65 3-5, inpatient/ICU)"; a statement that drops the heading shares every
word with its source and still says something false of most patients. So each cited sentence is
read with what limits it: the section headings above it (the chunk's section path and Markdown
headings before it), its list label ("Penicillin allergy:"), its clauses ("unless ...", 若 ...,
...除外) and the qualifiers inside it (pregnancy, eGFR < 30, aged >= 65 years). A statement keeps
a condition when it names it in either language (重症, ICU and CURB-65 3-5 all keep that
heading), changes it when it names another value of the same kind ("outpatients"), and
generalises when it says "always" or "all patients" where its evidence does not. The same
lexicon names drugs, so a statement that names an agent its evidence does not is caught too.

What counts as a qualifier is data (``data/answering/conditions.yaml``), not code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from ..records import Evidence
from ..text import HAN, detect_language, sentence_texts
from ..text import sentences as sentence_spans
from . import quantities, terms
from .phrases import say
from .readable import evidence_text

_CMP = (r"(?P<cmp><=|>=|≤|≥|<|>|＜|＞|≦|≧|=|less than|more than|greater than|below|above|under|over|at least|at most|"
        r"低于|小于|高于|大于|超过|不足|不低于|不高于|达到|至少|≥)")
_NUMBER = r"(?P<a>\d+(?:\.\d+)?)(?:\s*(?:--|-|–|—|~|～|to|至|到)\s*(?P<b>\d+(?:\.\d+)?))?"
# Any named threshold ("RCRI >= 3", "LVEF ≥ 50%", "肌酐>1"): a condition even when the lexicon does not
# know the measure; the same name with another bound is a changed condition.
_THRESHOLD = re.compile(rf"(?P<name>[A-Za-z][A-Za-z0-9+\-]{{0,14}}|{HAN}{{1,6}})\s*(?P<cmp><=|>=|≤|≥|<|>|＜|＞)\s*"
                        r"(?P<a>\d+(?:\.\d+)?)")
_UNIT = r"(?:\s*(?:mL/min(?:/1\.73\s*m[²2])?|ml/min|years?|yrs?|岁|周|weeks?|%|mmHg|kg/m[²2]|分|points?|×10\^?9/L))?"
_POST = (r"(?P<post>or (?:more|higher|above|greater|older|over)|and (?:above|over|older)|or (?:less|lower|below|under|"
         r"younger)|and (?:below|under)|\+|及以上|或以上|以上|及以下|或以下|以下|以内)?")
# comparators that bound from above; the rest bound from below
_UP = frozenset({"<", "<=", "≤", "＜", "≦", "less than", "below", "under", "at most", "低于", "小于", "不足", "不高于"})
_LABEL = re.compile(r"^\s*(?:\*\*|__)(?P<a>[^*_\n]{1,60}?)[:：]?(?:\*\*|__)\s*[:：]?\s*(?=\S)|^\s*(?P<b>[^:：.。\n]{1,40})(?::\s+|：\s*)(?=\S)")
_HEADING_MD = re.compile(r"^(#{1,6})\s+")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)、])\s")
_DELIM = re.compile(r"[,;.:()\[\]，。；：（）\n]")
_BEFORE_DELIM = re.compile(r".*[,;.:()\[\]，。；：（）\n、]", re.DOTALL)
# A free-text condition is kept when the statement holds this share of its words (or, when it uses
# the same kind of marker, "if" for "if", this lower share).
KEEP_WORDS, KEEP_WORDS_SAME_KIND = 0.6, 0.4
# A piece of a statement is matched to its own cited sentence when it has this many terms and that
# sentence holds this share of them.
SEGMENT_TERMS, SEGMENT_COVER = 3, 0.6
_JOINED = re.compile(r"\s*(?:-|–|-to-|to|or|and|/|、|或|和|至)?\s*", re.IGNORECASE)
_SEGMENT = re.compile(r"[,;:，；：。！？\n]|[.!?](?=\s|$)")
_EXAMPLES = re.compile(r"[(（]\s*(?:e\.g\.?|eg|i\.e\.?|such as|for example|如|例如|比如)[^)）]*[)）]", re.IGNORECASE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Atom(_Strict):
    dim: str
    family: str
    label: dict[str, str]
    en: list[str] = []
    zh: list[str] = []
    weak: bool = False
    implies: list[str] = []


class _Measure(_Strict):
    family: str
    names: dict[str, list[str]]
    units: dict[str, list[str]] = {}
    range: tuple[float, float]
    suffix: dict[str, str] = {}


class _Agents(_Strict):
    stems: dict[str, list[str]]
    exclude: dict[str, list[str]] = {}
    names: dict[str, list[str]]
    pairs: list[tuple[str, str]]


class _Lexicon(_Strict):
    atoms: dict[str, _Atom]
    measures: dict[str, _Measure]
    clauses: dict[str, dict[str, str]]
    universal: dict[str, list[str]]
    subgroup: dict[str, list[str]]
    agents: _Agents


@dataclass(frozen=True)
class Mention:
    """One qualifier named in a text: an atom ("ICU") or a measure with its interval ("eGFR < 30")."""

    id: str
    dim: str
    family: str
    strong: bool
    text: str
    start: int
    end: int
    low: float | None = None
    high: float | None = None


@dataclass
class Condition:
    """One thing that limits a statement: a heading, a list label, a clause or a qualifier."""

    text: str
    source: str  # heading | label | clause | qualifier
    mentions: list[Mention] = field(default_factory=list)
    kind: str = ""  # the clause marker's kind (if, unless, except ...)
    body: str = ""  # a clause without its marker: the words a statement must keep

    @property
    def required(self) -> bool:
        """A clause always limits, and so does a heading holding one; a heading or label otherwise only
        when it names a qualifier that is not the default case ("Local resistance data:" and
        "First-line:" limit nothing)."""
        return self.source == "clause" or bool(self.kind) or any(m.strong for m in self.mentions)


@dataclass
class Unit:
    """One cited sentence with the conditions that limit it; ``context`` (the document title's
    qualifiers) can contradict a statement but need not be restated."""

    text: str
    conditions: list[Condition]
    headings: list[str]
    context: list[Mention] = field(default_factory=list)

    @property
    def full(self) -> str:
        return "\n".join([*self.headings, self.text])


@dataclass
class Finding:
    """What a statement did to its evidence's conditions."""

    dropped: list[Condition] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (what the statement says, what the evidence says)
    generalised: list[str] = field(default_factory=list)
    unit: Unit | None = None

    @property
    def ok(self) -> bool:
        return not (self.dropped or self.changed or self.generalised)

    def reasons(self, lang: str) -> list[str]:
        shown = [_zh_condition(c) if lang == "zh" and not re.search(HAN, c.text) else c.text for c in self.dropped]
        out = [say("condition_dropped", lang, conditions="；".join(shown) if lang == "zh" else "; ".join(shown))] if shown else []
        out += [say("condition_changed", lang, said=a, evidence=b) for a, b in self.changed]
        out += [say("condition_generalised", lang, said=w) for w in self.generalised]
        return out


# --------------------------------------------------------------------------- lexicon
@dataclass
class _Compiled:
    lex: _Lexicon
    atoms: list[tuple[str, re.Pattern]]
    measures: list[tuple[str, re.Pattern, bool]]  # (id, pattern, found by its unit rather than its name)
    clauses: list[tuple[str, re.Pattern, bool]]  # (kind, marker, the clause stands before the marker)
    universal: re.Pattern
    subgroup: re.Pattern
    agent_names: re.Pattern
    agent_stems_en: re.Pattern
    agent_stems_zh: list[tuple[str, re.Pattern]]
    agent_prefix_zh: re.Pattern
    exclude: re.Pattern
    pairs: list[tuple[list[str], list[str]]]


def _alt(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def lexicon() -> _Compiled:
    raw = resources.files("openmfm").joinpath("data/answering/conditions.yaml").read_text(encoding="utf-8")
    lex = _Lexicon.model_validate(yaml.safe_load(raw))
    atoms = [(aid, re.compile(_alt(a.en + a.zh), re.IGNORECASE)) for aid, a in lex.atoms.items()]
    measures = []
    for mid, m in lex.measures.items():
        names = _alt(m.names.get("en", []) + m.names.get("zh", []))
        measures.append((mid, re.compile(rf"(?<![A-Za-z0-9])(?:{names})\s*(?:score|class|评分|分级|为|of|is|:|：)?\s*{_CMP}?\s*{_NUMBER}{_UNIT}\s*{_POST}",
                                          re.IGNORECASE), False))
        units = _alt(m.units.get("en", []) + m.units.get("zh", []))
        if units:
            measures.append((mid, re.compile(rf"{_CMP}?\s*{_NUMBER}\s*(?:{units})(?![a-z])\s*{_POST}", re.IGNORECASE), True))
    clauses = [(kind, re.compile(p, re.IGNORECASE), False) for lang in ("en", "zh") for kind, p in lex.clauses[lang].items()]
    clauses += [(kind, re.compile(p), True) for kind, p in lex.clauses.get("before_zh", {}).items()]
    ag = lex.agents
    prefixes = [s for s in ag.stems["zh"] if s.endswith("\\w{1,4}")]
    stems_zh = [s for s in ag.stems["zh"] if s not in prefixes]
    return _Compiled(
        lex=lex, atoms=atoms, measures=measures, clauses=clauses,
        universal=re.compile(_alt(lex.universal["en"] + lex.universal["zh"]), re.IGNORECASE),
        subgroup=re.compile(_alt(lex.subgroup["en"] + lex.subgroup["zh"]), re.IGNORECASE),
        agent_names=re.compile(r"(?<![A-Za-z])(?:" + _alt(sorted(ag.names["en"] + ag.names["zh"], key=len, reverse=True))
                               + r")(?![a-z])", re.IGNORECASE),
        agent_stems_en=re.compile(r"\b(?:" + _alt(ag.stems["en"]) + r")\b", re.IGNORECASE),
        agent_stems_zh=[(s, re.compile(rf"{HAN}{{0,3}}{s}")) for s in stems_zh],
        agent_prefix_zh=re.compile(_alt(p.replace("\\w{1,4}", f"{HAN}{{2}}") for p in prefixes)),
        exclude=re.compile(r"^(?:" + _alt(ag.exclude.get("en", []) + ag.exclude.get("zh", [])) + r")$", re.IGNORECASE),
        pairs=[([x.strip().lower() for x in en.split("|")], [x.strip() for x in zh.split("|")]) for en, zh in ag.pairs],
    )


# --------------------------------------------------------------------------- mentions
def _interval(mid: str, m: re.Match) -> tuple[float, float]:
    lo, hi = lexicon().lex.measures[mid].range
    a = float(m.group("a"))
    b = float(m.group("b")) if m.group("b") else None
    cmp, post = (m.group("cmp") or "").lower(), (m.group("post") or "").lower()
    if b is not None:
        return min(a, b), max(a, b)
    if cmp in _UP or post.startswith(("or less", "or lower", "or below", "or under", "or younger", "and below",
                                      "and under", "及以下", "或以下", "以下", "以内")):
        return lo, a
    if cmp and cmp != "=" or post:
        return a, hi
    return a, a


def mentions(text: str) -> list[Mention]:
    """The qualifiers a text names, in order, never overlapping (the longer match wins)."""
    lx = lexicon()
    found: list[Mention] = []
    for mid, pat, by_unit in lx.measures:
        for m in pat.finditer(text):
            if by_unit and not (m.group("cmp") or m.group("post")):
                continue  # "for 5 years" is a duration, "65 years or older" an age
            low, high = _interval(mid, m)
            found.append(Mention(mid, mid, lx.lex.measures[mid].family, True, m.group(0).strip(), m.start(), m.end(),
                                 low, high))
    for aid, pat in lx.atoms:
        a = lx.lex.atoms[aid]
        for m in pat.finditer(text):
            if m.end() > m.start():
                found.append(Mention(aid, a.dim, a.family, not a.weak, m.group(0), m.start(), m.end()))
    for m in _THRESHOLD.finditer(text):
        name = m.group("name")
        key = name.lower() if name.isascii() else name[-2:]
        a = float(m.group("a"))
        low, high = (-1e9, a) if m.group("cmp") in _UP else (a, 1e9)
        found.append(Mention(f"threshold:{key}", f"threshold:{key}", "threshold", True, m.group(0), m.start(), m.end(),
                             low, high))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for f in found:
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out


def masked(text: str) -> str:
    """The text with its qualifiers and examples blanked: "without comorbidities", 非妊娠 or "(e.g.
    uncontrolled infection)" carry a negation word that belongs to the condition (checked here) or
    to an example, not to the statement's polarity."""
    out = list(text)
    for m in [*mentions(text), *_EXAMPLES.finditer(text)]:
        a, b = (m.start, m.end) if isinstance(m, Mention) else m.span()
        out[a:b] = " " * (b - a)
    return "".join(out)


def _implies(a: str, b: str) -> bool:
    atoms = lexicon().lex.atoms
    return a == b or (a in atoms and any(_implies(x, b) for x in atoms[a].implies))


def _keeps(said: Mention, need: Mention) -> bool:
    """True when what a statement says states the evidence's qualifier (same value or narrower)."""
    if said.low is not None and need.low is not None:
        return said.id == need.id and need.low - 1e-9 <= said.low and said.high <= need.high + 1e-9
    return _implies(said.id, need.id)


def _compatible(said: Mention, have: Mention) -> bool:
    return _keeps(said, have) or _keeps(have, said)


# --------------------------------------------------------------------------- conditions of a sentence
def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*\*|__|`|^#+\s*", "", s)).strip().strip("-–—:：,，;；").strip()


def clauses(text: str) -> list[Condition]:
    """The free-text conditions a sentence states: what follows "if", "unless", 若, 对于 ... up to the
    next comma or stop, and what stands before 除外, 禁用 ..."""
    out: list[Condition] = []
    for kind, pat, before in lexicon().clauses:
        for m in pat.finditer(text):
            if before:
                head = text[: m.start()]
                cut = _BEFORE_DELIM.match(head)
                span = (cut.end() if cut else 0, m.start())
                if m.start() - span[0] > 30:
                    span = (m.start() - 30, m.start())
            else:
                d = _DELIM.search(text, m.end())
                span = (m.end(), min(d.start() if d else len(text), m.end() + 100))
            body = text[span[0]: span[1]].strip()
            if not re.search(r"\w", body):
                continue
            joint = "" if before or re.search(f"{HAN}$", m.group(0)) else " "
            shown = f"{body}{m.group(0)}" if before else f"{m.group(0)}{joint}{body}"
            ms = [x for x in mentions(text) if span[0] <= x.start < span[1]]
            cond = Condition(_clean(shown), "clause", ms, kind, body)
            if all(c.text != cond.text for c in out):
                out.append(cond)
    return out


def sentence_conditions(sentence: str) -> list[Condition]:
    """A sentence's own conditions: its list label, its clauses, and the qualifiers left outside
    them (those inside one pair of brackets are one condition)."""
    out: list[Condition] = []
    body_start = 0
    lab = _LABEL.match(sentence)
    if lab:
        label = lab.group("a") or lab.group("b")
        body_start = lab.end()
        out.append(Condition(_clean(label), "label", mentions(label)))
    rest = sentence[body_start:]
    cl = clauses(rest)
    out += cl
    taken = {(m.start, m.end) for c in cl for m in c.mentions}
    taken |= {(m.start, m.end) for x in _EXAMPLES.finditer(rest) for m in mentions(rest) if x.start() <= m.start < x.end()}
    groups: dict[object, list[Mention]] = {}
    last: tuple[object, Mention] | None = None
    for m in mentions(rest):
        if (m.start, m.end) in taken or not m.strong:
            continue
        if last is not None and _JOINED.fullmatch(rest[last[1].end: m.start]):
            groups[last[0]].append(m)  # "mild-to-moderate", 轻中度: one condition said two ways
            last = (last[0], m)
            continue
        opened = rest.rfind("(", 0, m.start), rest.rfind("（", 0, m.start)
        o = max(opened)
        closed = max(rest.rfind(")", 0, m.start), rest.rfind("）", 0, m.start))
        key = o if o > closed else (m.start,)
        groups.setdefault(key, []).append(m)
        last = (key, m)
    for key, ms in groups.items():
        if isinstance(key, int):
            close = re.compile(r"[)）]").search(rest, key)
            text = rest[key + 1: close.start() if close else len(rest)]
        else:
            text = ms[0].text
        out.append(Condition(_clean(text), "qualifier", ms))
    return out


# --------------------------------------------------------------------------- evidence units
def _path(ev: Evidence) -> list[str]:
    parts = [p.strip() for p in (ev.chunk.section or "").split(" > ") if p.strip()]
    return [p for p in parts if p != ev.source.title]


def _heading_lines(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, level, text) of each heading line: Markdown headings, and short lines without
    end punctuation that are neither list items nor "label: text" lines (level 7, below any #)."""
    out, pos = [], 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        body = line.strip()
        md = _HEADING_MD.match(body)
        rest = any(x.strip() for x in lines[k + 1:])
        if md:
            out.append((start, start + len(line), len(md.group(1)), _clean(body)))
        elif (body and rest and len(body) < 90 and not _BULLET.match(line) and not _LABEL.match(body)
              and not re.search(r"[.。!?！？;；]\s*$", body)):
            out.append((start, start + len(line), 7, _clean(body)))
    return out


def units(ev: Evidence) -> list[Unit]:
    """The cited sentences of one evidence item, each with the headings above it (section path,
    then headings in the chunk before it), the label of its list item, and its own conditions."""
    if ev.chunk.kind == "fact":
        return [Unit(evidence_text(ev), [], [])]
    text = ev.chunk.text
    lo = (ev.span_start - ev.chunk.start) if ev.span_start is not None else 0
    hi = (ev.span_end - ev.chunk.start) if ev.span_end is not None else len(text)
    stack: list[tuple[int, str]] = [(i + 1, p) for i, p in enumerate(_path(ev))]
    context: list[Mention] = mentions(ev.source.title)
    heads = _heading_lines(text)
    out: list[Unit] = []
    label_line, label = -1, []
    for s, e in sentence_spans(text):
        while heads and heads[0][1] <= s:  # heading lines that end before this sentence
            _, _, level, h_text = heads.pop(0)
            stack = [(lv, t) for lv, t in stack if lv < level] + [(level, h_text)]
        if heads and heads[0][0] <= s:
            continue  # a piece of a heading line, applied as a whole once passed
        line = text.rfind("\n", 0, s) + 1
        sent = text[s:e]
        own = sentence_conditions(sent)
        if line != label_line:  # a list item's label ("Penicillin allergy:") limits all its sentences
            label_line, label = line, [c for c in own if c.source == "label"]
        elif label:
            own = label + [c for c in own if c.source != "label"]
        if e <= lo or s >= hi:
            continue
        out.append(_unit(sent, own, stack, context))
    if not out:  # a span of headings only: the quote itself, under the headings above it
        out.append(_unit(ev.quote, sentence_conditions(ev.quote), stack, context))
    return out


def _unit(sent: str, own: list[Condition], stack: list[tuple[int, str]], context: list[Mention]) -> Unit:
    # The document title (the top of a path with more than one level) names what the whole document
    # is about: it may contradict a statement ("children" in an adult guideline) but need not be restated.
    titled = len(stack) > 1 and stack[0][0] == 1
    top = stack[1:] if titled else stack
    ctx = context + (mentions(stack[0][1]) if titled else [])
    heads = [_heading_condition(t) for t in dict.fromkeys(t for _, t in top)]
    return Unit(_clean(sent), [h for h in heads if h.required] + own, [t for _, t in stack], ctx)


def _heading_condition(text: str) -> Condition:
    """A heading limits what is under it when it names a qualifier or holds a clause ("Dose Reduction
    When Glucose < 250", "Patients with Inhalation Injury", 伴尿源性菌血症)."""
    kinds = [k for k, _, _ in _clause_markers(text)] + [m.group(0) for m in lexicon().subgroup.finditer(text)]
    return Condition(text, "heading", mentions(text), kind=kinds[0] if kinds else "")


def context_text(ev: Evidence) -> str:
    """The headings above an evidence item's span, as lines: part of what the evidence says."""
    if ev.chunk.kind == "fact":
        return ""
    heads = list(dict.fromkeys(h for u in units(ev) for h in u.headings))
    quote = ev.quote
    return "\n".join(h for h in heads if h not in quote)


# --------------------------------------------------------------------------- checking a statement
def _kept(c: Condition, said: list[Mention], stated: str, cross: bool) -> bool:
    """Whether ``stated`` keeps condition ``c``: each family of qualifier it names (acuity, population,
    renal ...) by a mention that equals or narrows one of them, or a threshold by its bound; a
    condition the lexicon finds nothing in, by its words."""
    strong = [m for m in c.mentions if m.strong]

    def stated_one(group: list[Mention]) -> bool:
        return any(any(_keeps(s, n) for s in said) or (n.low is not None and _number_kept(n, stated)) for n in group)

    # An unnamed threshold ("EPDS >= 20" beside 重度) is one more way of saying the named qualifiers
    # beside it, and is required on its own only where nothing named is there.
    unnamed = [m for m in strong if m.family == "threshold"]
    families = {m.family for m in strong} - {"threshold"}
    if families and all(stated_one([m for m in strong if m.family == f] + unnamed) for f in families):
        return True
    if strong and not families and stated_one(unnamed):
        return True
    if any(m.low is not None for m in strong):
        return False  # a measured condition is kept by its value, not by words around it
    if cross:
        # Across languages free text cannot be compared word for word: a condition the lexicon
        # finds nothing in is given the benefit of the doubt.
        return not strong
    same_kind = bool(c.kind) and any(k == c.kind for k, _, _ in _clause_markers(stated))
    words = terms.content_terms(c.body or c.text) | terms.zh_bigrams(c.body or c.text)
    if not words:
        return True
    have = terms.content_terms(stated) | terms.zh_bigrams(stated)
    share = len(words & have) / len(words)
    return share >= KEEP_WORDS or (same_kind and share >= KEEP_WORDS_SAME_KIND)


def _number_kept(m: Mention, stated: str) -> bool:
    """The statement gives the threshold's bound(s) as a bound: "≥ 35", "15-50", "65岁以上"."""
    lo, hi = (m.low, m.high) if m.low is not None and m.high is not None else (None, None)
    n = r"(?<![\d.]){}(?![\d]|\.\d)"
    if lo is not None and abs(lo) < 1e8 and abs(hi) < 1e8 and lo != hi:
        pat = n.format(re.escape(f"{lo:g}")) + r"\s*(?:--|-|–|—|~|～|to|至|到)\s*" + n.format(re.escape(f"{hi:g}"))
    else:
        v = next((x for x in (lo, hi) if x is not None and abs(x) < 1e8), None)
        if v is None:
            return False
        num = n.format(re.escape(f"{v:g}"))
        pat = rf"(?:<=|>=|≤|≥|<|>|＜|＞|below|above|under|over|at least|低于|小于|高于|大于|超过|不足)\s*{num}|{num}\S{{0,8}}?(?:以上|以下|or more|or less|or older|\+)"
    return re.search(pat, stated, re.IGNORECASE) is not None


def _clause_markers(text: str) -> list[tuple[str, str, bool]]:
    return [(kind, m.group(0), before) for kind, pat, before in lexicon().clauses for m in pat.finditer(text)]


def _evaluate(claim: str, said: list[Mention], stated: str, unit: Unit) -> Finding:
    cross = detect_language(claim) != detect_language(unit.text)
    have = [m for c in unit.conditions for m in c.mentions] + unit.context
    f = Finding(unit=unit)
    changed_dims = set()
    for s in mentions(claim):
        same = [h for h in have if h.dim == s.dim]
        if same and not any(_compatible(s, h) for h in same):
            where = next((c.text for c in unit.conditions if any(h.dim == s.dim for h in c.mentions)), same[0].text)
            f.changed.append((s.text, where))
            changed_dims.add(s.dim)
    for c in unit.conditions:
        if c.required and not _kept(c, said, stated, cross) and not any(m.dim in changed_dims for m in c.mentions):
            f.dropped.append(c)
    evidence_words = unit.full + " " + " ".join(m.text for m in unit.context)
    if not lexicon().universal.search(evidence_words):
        f.generalised = list(dict.fromkeys(m.group(0) for m in lexicon().universal.finditer(claim)))
    return f


def segments(text: str) -> list[str]:
    """A text cut at line and sentence ends, commas, semicolons and colons: the pieces a statement combines
    ("For penicillin allergy, levofloxacin 500 mg" rests on the label and on the item)."""
    return [p.strip() for p in _SEGMENT.split(text) if re.search(r"\w", p)]


def anchors(text: str, *, qualifiers: bool = True) -> set:
    """What a text shares with its translation: quantity values, drugs (by their names in both
    languages) and, unless ``qualifiers`` is false, the qualifiers it names."""
    found = {(q.dim, round(q.low, 6)) for q in quantities.extract(text)}
    found |= {n.lower() for _, key in agents(text) for n in translations(key)}
    return found | ({m.id for m in mentions(text)} if qualifiers else set())


def _match(text: str, unit: Unit) -> float:
    """How well a cited sentence matches a piece of a statement: word coverage in one language,
    the share of its anchors across languages (words cannot be compared there)."""
    if detect_language(text) == detect_language(unit.text):
        return terms.coverage(text, unit.full)
    mine = anchors(text)
    return len(mine & anchors(unit.full)) / len(mine) if mine else 0.0


def _best(text: str, pool: list[Unit], said: list[Mention], stated: str) -> tuple[float, Finding]:
    scored = [(_match(text, u), u) for u in pool]
    top = max(sc for sc, _ in scored)
    found = [_evaluate(text, said, stated, u) for sc, u in scored if sc >= top - 0.05]
    return top, min(found, key=lambda f: len(f.changed) + len(f.dropped) + len(f.generalised))


def check(claim: str, evidence: Sequence[Evidence], given: str = "") -> Finding:
    """How ``claim`` treats the conditions of the cited sentences it rests on: for each of its
    sentences, the cited sentence it covers best (among near-ties, the one it treats best), and the
    one each of its pieces covers best when it combines several. ``given``: text whose qualifiers
    the reader already has (the question, the sentence before), counted as stated."""
    pool = [u for ev in evidence for u in units(ev)]
    if not pool:
        return Finding()
    f = Finding()
    stated = f"{given}\n{claim}" if given else claim
    said = mentions(stated)
    for sent in sentence_texts(claim) or [claim]:
        _, g = _best(sent, pool, said, stated)
        found = [g]
        for piece in segments(sent) if len(pool) > 1 else []:
            if len(terms.content_terms(piece) | terms.zh_bigrams(piece)) >= SEGMENT_TERMS:
                cover, h = _best(piece, pool, said, stated)
                if cover >= SEGMENT_COVER and h.unit is not g.unit:
                    found.append(h)
        for h in found:
            f.unit = f.unit or h.unit
            f.dropped += [c for c in h.dropped if all(c.text != d.text for d in f.dropped)]
            f.changed += [c for c in h.changed if c not in f.changed]
            f.generalised += [w for w in h.generalised if w not in f.generalised]
    return f


def restate(statement: str, conds: Sequence[Condition], lang: str) -> str:
    """The statement with the conditions it leaves unsaid put in front of it, in ``lang``:
    "For high severity (CURB-65 3-5, inpatient/ICU): ..." / "对于重症（CURB-65 3-5分，住院/ICU）患者：..."."""
    if not conds:
        return statement
    if lang == "zh":
        shown = "；".join(_zh_condition(c) for c in conds)
        return say("condition_prefix", "zh", conditions=shown) + statement
    parts = []
    for c in conds:
        if re.search(HAN, c.text):
            parts.append(_en_condition(c))
        else:
            parts.append(" ".join(w.lower() if re.fullmatch(r"[A-Z][a-z]+", w) else w for w in c.text.split(" ")))
    return say("condition_prefix", "en", conditions="; ".join(parts)) + statement


def _render(c: Condition, lang: str) -> list[str]:
    lx = lexicon().lex
    by_dim: dict[str, list[str]] = {}
    for m in c.mentions:
        if m.id in lx.atoms:
            shown = lx.atoms[m.id].label[lang]
        else:
            body = re.sub(r"\s*(?:score|评分|分)$", "", m.text)
            shown = body + (lx.measures[m.id].suffix.get(lang, "") if m.id in lx.measures else "")
        by_dim.setdefault(m.dim, [])
        if shown not in by_dim[m.dim]:
            by_dim[m.dim].append(shown)
    return ["/".join(v) for v in by_dim.values()]


def _zh_condition(c: Condition) -> str:
    if not c.mentions:
        return c.text
    first, *rest = _render(c, "zh")
    return f"{first}（{'，'.join(rest)}）" if rest else first


def _en_condition(c: Condition) -> str:
    if not c.mentions:
        return c.text
    first, *rest = _render(c, "en")
    return f"{first} ({', '.join(rest)})" if rest else first


# --------------------------------------------------------------------------- agents
def translations(name: str) -> list[str]:
    """A drug's names in both languages (itself when the lexicon has no translation)."""
    low = name.lower()
    return [x for en, zh in lexicon().pairs if low in en or name in zh for x in en + zh] or [name]


def agents(text: str) -> list[tuple[str, str]]:
    """(name as written, the part compared) for each drug a text names."""
    lx = lexicon()
    out: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for m in lx.agent_names.finditer(text):
        out.append((m.group(0), m.group(0)))
        taken.append(m.span())

    def free(m: re.Match) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    for m in lx.agent_stems_en.finditer(text):
        if free(m) and not lx.exclude.match(m.group(0)):
            out.append((m.group(0), m.group(0)))
    for m in lx.agent_prefix_zh.finditer(text):
        if free(m):
            out.append((m.group(0), m.group(0)))
            taken.append(m.span())
    for stem, pat in lx.agent_stems_zh:
        for m in pat.finditer(text):
            # Han text has no word boundaries: the stem and the character before it name the drug
            # (氧氟沙星, 莫西沙星), the characters further left may be any word (首选, 改用).
            key = m.group(0)[-(len(stem) + 1):]
            # a known name the match ends with (诺氟沙星 in 改用诺氟沙星) is compared whole
            key = next((z for _, zh in lx.pairs for z in zh if m.group(0).endswith(z) and len(z) > len(key)), key)
            if free(m) and not lx.exclude.match(key):
                out.append((m.group(0), key))
    return out


def missing_agents(claim: str, support: str) -> list[str]:
    """Drugs the claim names that the support does not (in its language or, for names with a
    known translation, the other one). A name without a translation is not judged across languages."""
    low = support.lower()
    cross = detect_language(claim) != detect_language(support)
    missing = []
    for shown, key in agents(claim):
        if key.lower() in low:
            continue
        others = [o for o in translations(key) if o != key]
        if any(o.lower() in low for o in others):
            continue
        if cross and not others:
            continue
        missing.append(key if len(key) > 2 or shown == key else shown)
    return list(dict.fromkeys(missing))
