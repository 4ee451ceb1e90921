"""Red-flag detection: emergency presentations in Chinese and English messages.

Rules, not a model, because a missed heart attack must be explainable and fixable by a clinician
reading a diff. The lexicon is data (``data/redflags/``: one YAML file per category, plus
``_shared.yaml`` and ``_language.yaml``; read by ``redflag_lexicon``), so a rule changes by editing
a list and a new category is one new file with no code. This module is only the matching: a
category fires on a strong phrase alone, or on a combination of findings (chest pain *with*
sweating; fever *in* an infant under three months); a finding negated in its own clause ("no chest
pain", "否认胸痛"), explained away there by a canceller, or in a past episode that has since
resolved does not count. Detection runs on normalised text (see ``normalize``), so zero-width
characters and full-width digits cannot hide a symptom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import normalize_text
from .redflag_lexicon import Lexicon, RedFlagDataError, load_lexicon

__all__ = ["CATEGORY_URGENCY", "CLARIFY", "LABELS", "RED_FLAG_CATEGORIES", "Lexicon", "RedFlagDataError", "RedFlagHit",
           "detect_red_flags", "load_lexicon", "read_red_flags", "to_clarify"]


@dataclass
class RedFlagHit:
    """``urgency`` is the category's level (``emergency``, ``same_day``, ``routine``), raised to
    ``emergency`` by the category's ``emergency_if`` findings; a hit made without one (the learned
    classifier names only a category) takes the category's level, and an unknown category counts
    as an emergency, the safer reading."""

    category: str
    evidence: list[str] = field(default_factory=list)
    urgency: str = ""

    def __post_init__(self) -> None:
        self.urgency = self.urgency or CATEGORY_URGENCY.get(self.category, "emergency")

    @property
    def clarify(self) -> tuple[str, str]:
        """(zh, en): the one question that decides whether this is the emergency it looks like."""
        return CLARIFY.get(self.category, ("", ""))


def _fold(lex: Lexicon, text: str) -> str:
    """Traditional characters, dialect words and text speak, in the forms the rules are written in."""
    text = text.translate(lex.traditional)
    if lex.dialect is not None and re.search(lex.dialect.markers, text):
        for a, b in lex.dialect.replace:
            text = text.replace(a, b)
    for rx, repl in lex.textspeak:
        text = rx.sub(repl, text)
    return text


def _clause_start(lex: Lexicon, text: str, pos: int) -> int:
    return max((m.end() for m in lex.rx["clause"].finditer(text, 0, pos)), default=0)


def _negated_list(lex: Lexicon, before: str) -> bool:
    """Triage shorthand ("no fever, cough or ...", "无发热、咳嗽及..."): a finding right after a
    separator, in a list opened by a negation whose earlier items are short and verbless, so that a
    new statement ("no fever, then suddenly ...") ends the list."""
    items = lex.rx["list_separator"].split(before)
    if len(items) < 2 or items[-1].strip():
        return False
    for item in (i.strip() for i in reversed(items[:-1])):
        if not item:
            continue
        if lex.rx["list_negation"].match(item):
            return len(item.split()) <= 4 and len(item) <= 24
        if lex.rx["list_break"].search(item) or len(item.split()) > 3 or len(item) > 12 and " " not in item:
            return False
    return False


def _negated(lex: Lexicon, text: str, start: int) -> bool:
    before = text[_clause_start(lex, text, start):start]
    if lex.rx["negation_en"].search(before) or _negated_list(lex, before):
        return True
    m = lex.rx["negation_zh"].search(before)
    return bool(m) and not lex.rx["not_negation_zh"].match(before, m.start())


def _past_resolved(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """A past episode ("had sepsis 5 years ago") in the match's own comma-clause, in a message that
    says it got better."""
    a = max((m.end() for m in lex.rx["subclause"].finditer(text, 0, start)), default=0)
    b = lex.rx["subclause"].search(text, end)
    return bool(lex.rx["past"].search(text[a:b.start() if b else len(text)]) and lex.rx["resolved"].search(text))


def _lower(text: str) -> str:
    """Lowercased, character for character (the lexicon is compiled for lowercased text; offsets
    must still point into the original, which the evidence is quoted from)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _find(lex: Lexicon, pattern: re.Pattern[str], text: str, unless: tuple[re.Pattern[str], ...], shown: str) -> str | None:
    """The first match in ``text`` (lowercased) that is not negated, not explained away in its
    clause and not past, quoted from ``shown``."""
    for m in pattern.finditer(text):
        if _negated(lex, text, m.start()):
            continue
        if unless:
            end = lex.rx["clause"].search(text, m.end())
            clause = text[_clause_start(lex, text, m.start()):end.start() if end else len(text)]
            if any(u.search(clause) for u in unless):
                continue
        if not _past_resolved(lex, text, m.start(), m.end()):
            return shown[m.start():m.end()]
    return None


def _reader(lex: Lexicon, text: str, shown: str):
    """``_find`` on this text, each (group, cancellers) pair read once: the shared findings
    (fever, vomiting, drowsy, ...) and a category's own groups recur across its combinations.
    Keyed by identity: hashing a compiled pattern hashes its whole program."""
    memo: dict[tuple[int, int], str | None] = {}

    def find(pattern: re.Pattern[str], unless: tuple[re.Pattern[str], ...]) -> str | None:
        key = (id(pattern), id(unless))
        if key not in memo:
            memo[key] = _find(lex, pattern, text, unless, shown)
        return memo[key]
    return find


def _read(lex: Lexicon, text: str, categories: list[str] | tuple[str, ...] | None):
    """The text's reader, the categories to read it for (none when a skip condition holds), the
    hits, and whether a skip condition held."""
    shown = _fold(lex, normalize_text(text))
    t = _lower(shown)
    find = _reader(lex, t, shown)
    if any(c.holds(t) for c in lex.skip):
        return find, [], [], True
    cats = [c for c in lex.categories if (categories is None or c.id in categories) and not any(v.holds(t) for v in c.veto)]
    # A condition's name counts only for a message about someone that is not a question about the
    # condition itself ("my friend says tight jeans cause torsion, is that true?"), unless the message
    # says it may be happening now ("I think my dad is having a stroke, is it true aspirin helps?").
    personal = bool(lex.rx["personal"].search(t)) and (not lex.rx["about_condition"].search(t) or bool(lex.rx["happening"].search(t)))
    hits = []
    for cat in cats:
        evidence = [e for e in (find(p, cat.unless) for p in cat.strong + (cat.named if personal else ())) if e]
        for group in () if evidence else cat.groups:  # ``all``, then each combination: the first complete one
            found = []
            for p in group:
                e = find(p, cat.unless)
                if not e:
                    break
                found.append(e)
            else:
                evidence = found
                break
        if evidence:
            raised = [e for e in (find(p, cat.unless) for p in cat.emergency_if) if e]
            hits.append(RedFlagHit(cat.id, evidence + raised, "emergency" if raised else cat.urgency))
    return find, cats, hits, False


def detect_red_flags(text: str, categories: list[str] | tuple[str, ...] | None = None, *,
                     lexicon: Lexicon | None = None) -> list[RedFlagHit]:
    """Every emergency category the message describes, with the phrases that triggered it.
    ``lexicon`` is the built-in one unless the caller loads another (``load_lexicon(extra_dir)``)."""
    return _read(lexicon or load_lexicon(), text, categories)[2]


def read_red_flags(text: str, categories: list[str] | tuple[str, ...] | None = None, *,
                   lexicon: Lexicon | None = None) -> tuple[list[RedFlagHit], bool]:
    """The hits, and whether the message describes nobody now (a ``skip`` condition holds: an exam
    or training question, a general question about a condition). The gate then leaves the learned
    classifier silent too: it scores how much a message sounds like an emergency, and a nursing
    exam question about status epilepticus sounds exactly like one."""
    _, _, hits, skipped = _read(lexicon or load_lexicon(), text, categories)
    return hits, skipped


def to_clarify(text: str, categories: list[str] | tuple[str, ...] | None = None, *, lexicon: Lexicon | None = None) -> list[str]:
    """Categories the message touches without firing (a swallowed object not named, a fit of no
    stated length): their ``ask_when`` findings match, so the consultation asks the category's
    clarify question instead of guessing. Empty when any category fired: that one is answered."""
    find, cats, hits, _ = _read(lexicon or load_lexicon(), text, categories)
    return [] if hits else [c.id for c in cats if any(find(p, c.unless) for p in c.ask_when)]


LABELS: dict[str, tuple[str, str]] = {c.id: c.labels for c in load_lexicon().categories}  # id -> (zh, en)
CATEGORY_URGENCY: dict[str, str] = {c.id: c.urgency for c in load_lexicon().categories}  # id -> emergency | same_day | routine
CLARIFY: dict[str, tuple[str, str]] = {c.id: c.clarify for c in load_lexicon().categories}  # id -> (zh, en) question
RED_FLAG_CATEGORIES: tuple[str, ...] = tuple(LABELS)
