"""The red-flag lexicon: reads and checks the data files under ``data/redflags/`` and compiles them.

The data format is documented at the top of ``_shared.yaml``. Files are checked against a schema
(pydantic) and every pattern is compiled when loaded, so a typo in a rule fails at start-up with
the file and key named, not in the middle of a patient's message. The matching itself is in
``redflags``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

_REF = re.compile(r"\$\{(\w+)\}")  # ${MACRO} or ${group}
_BUILTIN = Path(str(resources.files("openmfm") / "data" / "redflags"))
Patterns = dict[Literal["en", "zh", "any"], list[str]]  # a group: its patterns per language ("any": both)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Reading(_Spec):
    pattern: str  # its first capture group is the number
    below: float


class Condition(_Spec):
    when: list[str] = []
    unless: list[str] = []
    shorter_than: int | None = None
    readings_below: list[Reading] = []

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not (self.when or self.readings_below):
            raise ValueError("a condition needs `when` or `readings_below` (an empty one would hold for every message)")
        return self


class RuleSpec(_Spec):
    strong: list[str] = []
    named: list[str] = []
    all: list[str] = []
    combos: list[list[str]] = []
    unless: list[str] = []


class Labels(_Spec):
    zh: str
    en: str


Urgency = Literal["emergency", "same_day", "routine"]  # the product's three levels (docs/triage-taxonomy.md)


class CategoryFile(_Spec):
    id: str
    order: int
    labels: Labels
    urgency: Urgency
    emergency_if: list[str] = []  # groups that make a hit of a lower-urgency category an emergency
    source: str
    clarify: Labels
    ask_when: list[str] = []  # groups that make a message the category did not fire on worth the clarify question
    rule: RuleSpec
    findings: dict[str, Patterns] = {}
    cancellers: dict[str, Patterns] = {}
    veto: list[Condition] = []

    @model_validator(mode="after")
    def _consistent(self) -> CategoryFile:
        if not self.source.strip():
            raise ValueError("source: name the triage systems and discriminators the category comes from")
        if self.emergency_if and self.urgency == "emergency":
            raise ValueError("emergency_if: the category is an emergency already")
        return self


class Dialect(_Spec):
    markers: str
    replace: list[tuple[str, str]]


class SharedFile(_Spec):
    macros: dict[str, str] = {}
    skip: list[Condition] = []
    findings: dict[str, Patterns] = {}
    patterns: dict[str, Patterns] = {}
    textspeak: list[tuple[str, str]] = []
    traditional: dict[Literal["from", "to"], str] = {}
    dialect: Dialect | None = None


class RedFlagDataError(ValueError):
    """A red-flag data file is malformed; the message names the file and the key."""


def _read(path: Path, model: type[_Spec]):
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except yaml.YAMLError as e:
        raise RedFlagDataError(f"{path}: not valid YAML: {e}") from e
    except ValidationError as e:
        err = e.errors()[0]
        raise RedFlagDataError(f"{path}: {'.'.join(map(str, err['loc'])) or '(top level)'}: {err['msg']}") from e


def _lowered(src: str) -> str:
    """The pattern for lowercased text: each letter lowered, except the one after a backslash, so
    \\D, \\S, \\W and \\B keep their meaning. Matching lowercased text without re.IGNORECASE finds
    the same matches about twice as fast, which the input check's time budget needs."""
    return re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group().startswith("\\") else m.group().lower(), src, flags=re.DOTALL)


def _compile(src: str, path: Path, key: str, lowered: bool = True) -> re.Pattern[str]:
    """``lowered``: for the lowercased message (see ``_lowered``); else case-insensitive, for the
    text speak that is folded before the message is lowercased."""
    try:
        return re.compile(_lowered(src)) if lowered else re.compile(src, re.IGNORECASE)
    except re.error as e:
        raise RedFlagDataError(f"{path}: {key}: bad pattern: {e}") from e


class _Scope:
    """Named groups of one file (a category's, falling back to the shared ones): each group is one
    alternation of its patterns in the order written, with ${...} expanded, compiled once."""

    def __init__(self, macros: dict[str, str], parent: _Scope | None = None) -> None:
        self.macros, self.parent, self.groups, self.compiled = macros, parent, {}, {}

    def add(self, path: Path, section: str, groups: dict[str, Patterns]) -> None:
        for name, pats in groups.items():
            if name in self.groups:
                raise RedFlagDataError(f"{path}: {section}.{name}: group {name!r} is defined twice")
            self.groups[name] = (path, [(f"{section}.{name}.{lang}[{i}]", p) for lang, ps in pats.items() for i, p in enumerate(ps)])

    def expand(self, pattern: str, path: Path, key: str, seen: tuple[str, ...] = ()) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in self.macros:
                return self.macros[name]
            if name in seen:
                raise RedFlagDataError(f"{path}: {key}: ${{{name}}} includes itself")
            return self.source(name, path, key, (*seen, name))
        return _REF.sub(sub, pattern)

    def source(self, name: str, path: Path, key: str, seen: tuple[str, ...] = ()) -> str:
        if name not in self.groups:
            if self.parent is None:
                raise RedFlagDataError(f"{path}: {key}: unknown group or macro {name!r}")
            return self.parent.source(name, path, key, seen)
        home, items = self.groups[name]
        return "|".join(f"(?:{self.expand(p, home, k, (*seen, name))})" for k, p in items)

    def get(self, name: str, path: Path, key: str) -> re.Pattern[str]:
        if name not in self.compiled:
            try:
                self.compiled[name] = re.compile(_lowered(self.source(name, path, key)))
            except re.error as e:  # name the pattern that does not compile
                scope = self if name in self.groups else self.parent
                home, items = scope.groups[name]
                for k, p in items:
                    _compile(scope.expand(p, home, k, (name,)), home, k)
                raise RedFlagDataError(f"{home}: {name}: bad pattern: {e}") from e
        return self.compiled[name]


@dataclass(frozen=True)
class Cond:
    """A compiled ``Condition``: a veto of one category, or a reason to read no category at all."""

    when: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    shorter_than: int | None
    readings: tuple[tuple[re.Pattern[str], float], ...]

    def holds(self, t: str) -> bool:
        if self.shorter_than is not None and len(t) >= self.shorter_than:
            return False
        if not all(p.search(t) for p in self.when) or any(p.search(t) for p in self.unless):
            return False
        values = [(float(m.group(1)), below) for rx, below in self.readings for m in rx.finditer(t)]
        return not self.readings or (bool(values) and all(v < below for v, below in values))

    @classmethod
    def build(cls, c: Condition, scope: _Scope, path: Path, key: str) -> Cond:
        return cls(tuple(scope.get(n, path, f"{key}.when") for n in c.when), tuple(scope.get(n, path, f"{key}.unless") for n in c.unless),
                   c.shorter_than, tuple((_compile(scope.expand(r.pattern, path, f"{key}.readings_below[{i}]"), path,
                                                   f"{key}.readings_below[{i}]"), r.below) for i, r in enumerate(c.readings_below)))


@dataclass(frozen=True)
class Category:
    id: str
    order: int
    labels: tuple[str, str]  # (zh, en)
    urgency: str  # emergency, same_day or routine
    source: str  # the triage systems and discriminators it comes from
    clarify: tuple[str, str]  # (zh, en): the one question that decides an ambiguous message
    emergency_if: tuple[re.Pattern[str], ...]
    ask_when: tuple[re.Pattern[str], ...]
    strong: tuple[re.Pattern[str], ...]
    named: tuple[re.Pattern[str], ...]  # count only when the message describes someone
    groups: tuple[tuple[re.Pattern[str], ...], ...]  # ``all``, then each combination
    unless: tuple[re.Pattern[str], ...]
    veto: tuple[Cond, ...]


def _category(path: Path, common: _Scope) -> Category:
    c = _read(path, CategoryFile)
    scope, r = _Scope(common.macros, common), c.rule
    scope.add(path, "findings", c.findings)
    scope.add(path, "cancellers", c.cancellers)
    pats = {k: tuple(scope.get(n, path, f"rule.{k}") for n in getattr(r, k)) for k in ("strong", "named", "unless")}
    groups = tuple(tuple(scope.get(n, path, "rule.all" if i == 0 and r.all else "rule.combos") for n in g)
                   for i, g in enumerate(([r.all] if r.all else []) + r.combos))
    if not (pats["strong"] or pats["named"] or groups):
        raise RedFlagDataError(f"{path}: rule: names no strong, named, all or combos group, so it can never fire")
    veto = tuple(Cond.build(v, scope, path, f"veto[{i}]") for i, v in enumerate(c.veto))
    return Category(c.id, c.order, (c.labels.zh, c.labels.en), c.urgency, c.source.strip(), (c.clarify.zh, c.clarify.en),
                    tuple(scope.get(n, path, "emergency_if") for n in c.emergency_if),
                    tuple(scope.get(n, path, "ask_when") for n in c.ask_when),
                    pats["strong"], pats["named"], groups, pats["unless"], veto)


_LANG = ("negation_en", "negation_zh", "not_negation_zh", "clause", "subclause", "list_separator", "list_negation", "list_break",
         "past", "resolved", "personal", "about_condition", "happening")  # the shared groups ``redflags`` reads messages with


@dataclass(frozen=True)
class Lexicon:
    """Everything the data files say, compiled; ``redflags.detect_red_flags`` reads a message with it."""

    categories: tuple[Category, ...]  # in ``order``
    skip: tuple[Cond, ...]  # messages no category is read in
    rx: dict[str, re.Pattern[str]]  # the _LANG groups
    textspeak: tuple[tuple[re.Pattern[str], str], ...]
    traditional: dict[int, int]
    dialect: Dialect | None


@lru_cache(maxsize=8)
def load_lexicon(*extra_dirs: Path | str) -> Lexicon:
    """The built-in data, plus the category files in ``extra_dirs`` (only those the caller names:
    nothing is read from the environment). Compiled once per set of directories."""
    shared = [(p, _read(p, SharedFile)) for p in sorted(_BUILTIN.glob("_*.yaml"))]
    common = _Scope({k: v for _, s in shared for k, v in s.macros.items()})
    for p, s in shared:
        common.add(p, "findings", s.findings)
        common.add(p, "patterns", s.patterns)
    cats: dict[str, Category] = {}
    for d in (_BUILTIN, *map(Path, extra_dirs)):
        if not d.is_dir():
            raise RedFlagDataError(f"{d}: not a directory of red-flag category files")
        for path in (p for p in sorted(d.glob("*.yaml")) if not p.name.startswith("_")):
            cat = _category(path, common)
            if cat.id in cats:
                raise RedFlagDataError(f"{path}: id: category {cat.id!r} is defined twice")
            cats[cat.id] = cat
    first = shared[0][0] if shared else _BUILTIN
    trad = next(((p, s.traditional) for p, s in shared if s.traditional), (first, {}))
    if len(trad[1].get("from", "")) != len(trad[1].get("to", "")):
        raise RedFlagDataError(f"{trad[0]}: traditional: `from` and `to` must have the same number of characters")
    return Lexicon(categories=tuple(sorted(cats.values(), key=lambda c: (c.order, c.id))),
                   skip=tuple(Cond.build(c, common, p, f"skip[{i}]") for p, s in shared for i, c in enumerate(s.skip)),
                   rx={k: common.get(k, first, k) for k in _LANG},
                   textspeak=tuple((_compile(a, p, f"textspeak[{i}]", lowered=False), b) for p, s in shared for i, (a, b) in enumerate(s.textspeak)),
                   traditional=str.maketrans(trad[1].get("from", ""), trad[1].get("to", "")),
                   dialect=next((s.dialect for _, s in shared if s.dialect), None))
