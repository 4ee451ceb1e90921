"""Assertions, ConText-style: triggers with a direction and a scope that ends at the clause.

ConText (Chapman et al.) and medspaCy's implementation of it decide negation, uncertainty,
history, family and hypothetical status from trigger phrases whose scope runs until a
termination term or the sentence end. The same idea carries to Chinese with its own triggers
(否认, 无, 未见, 待排, 家族中 ...) and one difference: a Chinese clause also ends at "，", while a
list under one trigger is written with "、" (否认高血压、糖尿病). Triggers live in
``data/structure/context.toml``; a trigger that overlaps an entity's own characters (非 in
非ST段抬高型心肌梗死) is part of the name, not a trigger.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import Trigger, alternation, context_rules

# When several categories reach an entity, the strongest statement wins.
PRECEDENCE = ("negated", "family", "hypothetical", "possible", "historical")


@cache
def _compiled() -> tuple[re.Pattern, dict[str, list[Trigger]], re.Pattern, dict[str, re.Pattern]]:
    rules = context_rules()
    by_phrase: dict[str, list[Trigger]] = {}
    for t in rules.triggers:
        by_phrase.setdefault(t.phrase.casefold(), []).append(t)
    trig = re.compile(alternation(by_phrase), re.IGNORECASE)
    pseudo = re.compile(alternation(rules.pseudo), re.IGNORECASE)
    term = {lang: re.compile(alternation(words), re.IGNORECASE) for lang, words in rules.terminate.items()}
    return trig, by_phrase, pseudo, term


def triggers(text: str, entity_spans: list[tuple[int, int]]) -> list[tuple[int, int, Trigger]]:
    trig, by_phrase, pseudo, _ = _compiled()
    blocked = bytearray(len(text))
    for s, e in entity_spans:
        blocked[s:e] = b"\x01" * (e - s)
    for m in pseudo.finditer(text):
        blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    out = []
    for m in trig.finditer(text):
        if any(blocked[m.start():m.end()]):
            continue
        for t in by_phrase[m.group(0).casefold()]:
            out.append((m.start(), m.end(), t))
    return out


_ENUM = re.compile(r"(?:^|\s)\d{1,2}[.、)）]\s*\S")


def _open(text: str, a: int, b: int, t: Trigger, backward: bool = False) -> bool:
    """Whether the characters between a trigger and an entity keep the entity in the trigger's scope."""
    if b - a > t.max_chars:
        return False
    gap = text[a:b]
    rules = context_rules()
    if any(ch in rules.clause_ends[t.lang] for ch in gap) or (backward and ("," in gap or "，" in gap)):
        return False
    if _ENUM.search(gap):
        return False
    return not _compiled()[3][t.lang].search(gap)


def assertion_for(text: str, start: int, end: int, found: list[tuple[int, int, Trigger]]) -> tuple[set[str], list[int]]:
    """The categories whose triggers reach [start, end), and the positions of those triggers."""
    cats: set[str] = set()
    where: list[int] = []
    for ts, te, t in found:
        forward = t.direction in ("forward", "both") and te <= start and _open(text, te, start, t)
        backward = t.direction in ("backward", "both") and ts >= end and _open(text, end, ts, t, backward=True)
        if forward or backward:
            cats.add(t.category)
            where.append(ts)
    return cats, where


def resolve(cats: set[str]) -> str:
    return next((c for c in PRECEDENCE if c in cats), "present")


def dangling(text: str, found: list[tuple[int, int, Trigger]], used: set[int]) -> list[tuple[int, int]]:
    """Negations that govern nothing and end a line or a heading ("否认：" then a list): the
    items below may be negated or not, so a reviewer has to look."""
    out = []
    for ts, te, t in found:
        if t.category != "negated" or ts in used or t.direction == "backward":
            continue
        rest = text[te:te + 3]
        if re.match(r"\s*(?:[:：]|\n|$)", rest):
            out.append((ts, te))
    return out
