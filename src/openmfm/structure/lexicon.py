"""The structuring layer's data files (``data/structure/``), read and checked once.

Sections, assertion triggers, units and the supplementary lexicon are data so that a hospital can
add its headings or drugs without touching code; a malformed file fails at load with its name.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..errors import ConfigError
from .records import ENTITY_TYPES

_DIR = resources.files("openmfm").joinpath("data/structure")
LEXICON_TYPES = (*ENTITY_TYPES, "ignore")


def _read(name: str) -> str:
    return _DIR.joinpath(name).read_text(encoding="utf-8")


def toml_file(name: str) -> dict:
    try:
        return tomllib.loads(_read(name))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"data/structure/{name} is not valid TOML: {e}", "Fix the file.") from None


@dataclass(frozen=True)
class LexiconRow:
    type: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    code: str | None  # ICD-10 (WHO) for conditions; the vital kind for vitals

    @property
    def canonical(self) -> str:
        return (self.en or self.zh)[0]


@dataclass(frozen=True)
class Trigger:
    phrase: str
    category: str
    direction: str
    lang: str
    max_chars: int


@dataclass
class ContextRules:
    triggers: list[Trigger] = field(default_factory=list)
    terminate: dict[str, list[str]] = field(default_factory=dict)
    clause_ends: dict[str, str] = field(default_factory=dict)
    pseudo: list[str] = field(default_factory=list)
    allergy: dict[str, list[str]] = field(default_factory=dict)


def _names(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(";") if x.strip())


@cache
def lexicon() -> tuple[LexiconRow, ...]:
    rows = []
    for n, line in enumerate(_read("lexicon.txt").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        if len(parts) != 4 or parts[0] not in LEXICON_TYPES:
            raise ConfigError(f"data/structure/lexicon.txt line {n}: expected type|zh|en|code with a known type.",
                              f"Types: {', '.join(LEXICON_TYPES)}.")
        rows.append(LexiconRow(parts[0], _names(parts[1]), _names(parts[2]), parts[3].strip() or None))
    return tuple(rows)


@cache
def sections() -> list[dict]:
    return toml_file("sections.toml")["section"]


@cache
def units() -> dict:
    return toml_file("units.toml")


@cache
def schema() -> dict:
    return toml_file("schema.toml")


@cache
def context_rules() -> ContextRules:
    raw = toml_file("context.toml")
    rules = ContextRules(allergy=raw.get("allergy", {}))
    for lang in ("zh", "en"):
        part = raw[lang]
        rules.terminate[lang] = part["terminate"]
        rules.clause_ends[lang] = "".join(part["clause_ends"])
        rules.pseudo += part["pseudo"]
        for t in part["trigger"]:
            if t["direction"] not in ("forward", "backward", "both"):
                raise ConfigError(f"data/structure/context.toml: unknown direction {t['direction']!r}.",
                                  "Use forward, backward or both.")
            for p in t["phrases"]:
                rules.triggers.append(Trigger(p, t["category"], t["direction"], lang, t.get("max_chars", part["max_chars"])))
    return rules


@cache
def data_fingerprint() -> str:
    """What the rules read: part of the automaton's cache key, so an edited file rebuilds it."""
    h = hashlib.sha256()
    for name in ("lexicon.txt", "sections.toml", "context.toml", "units.toml", "schema.toml", "icd10cm_map.toml"):
        h.update(_read(name).encode())
    return h.hexdigest()[:12]


def alternation(words, *, latin_bounds: bool = True) -> str:
    """A regex alternation, longest first; Latin words only on word boundaries."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if latin_bounds and re.match(r"[A-Za-z]", w):
            p = r"(?<![A-Za-z])" + p
        if latin_bounds and re.search(r"[A-Za-z.]$", w):
            p += r"(?![A-Za-z])"
        out.append(p)
    return "|".join(out)
