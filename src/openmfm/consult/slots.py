"""The slot schema, the complaint priorities and the question policy, all read from data files
(``data/consult/``) so a clinician can change what is asked without touching code."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from ..text import has_han, normalize_text
from .records import ConsultSession


def _load(name: str) -> dict[str, Any]:
    text = resources.files("openmfm").joinpath(f"data/consult/{name}").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def schema() -> dict[str, dict[str, Any]]:
    return _load("slots.toml")


@cache
def complaints() -> dict[str, dict[str, Any]]:
    return _load("complaints.toml")


@cache
def questions() -> dict[str, Any]:
    return _load("questions.toml")


@cache
def lexicon() -> dict[str, Any]:
    return _load("lexicon.toml")


def label(slot: str, lang: str) -> str:
    return schema()[slot][lang]


def complaint_key(complaint: str) -> str:
    """The complaints.toml entry whose names occur in the chief complaint (longest name wins)."""
    text = normalize_text(complaint).casefold()
    best, best_len = "default", 0
    for key, entry in complaints().items():
        for name in entry["names"]:
            if name in text and len(name) > best_len:
                best, best_len = key, len(name)
    return best


def addressed(session: ConsultSession, slot: str) -> bool:
    """A slot with any value, a "don't know" or a refusal needs no further question."""
    return any(v.slot == slot for v in session.values)


def next_slot(session: ConsultSession) -> str | None:
    """The most informative missing slot: the first unaddressed one in the complaint's priority
    order that was not already asked twice (a patient who will not answer is not asked forever).
    The checklist baseline asks every slot in schema order instead."""
    if session.strategy == "checklist":
        order = [s for s in schema() if s != "chief_complaint"]
        return next((s for s in order if s not in session.asked), None)
    entry = complaints()[session.complaint_key]
    open_slots = [s for s in entry["priorities"] if not addressed(session, s) and session.asked.count(s) < 2]
    # a reply that told something else leaves the slot open; ask it again later, not at once
    later = [s for s in open_slots if not session.asked or s != session.asked[-1]]
    return (later or open_slots or [None])[0]


def required_done(session: ConsultSession) -> bool:
    """Every slot the complaint needs has a value or a recorded "don't know" (or was asked twice)."""
    entry = complaints()[session.complaint_key]
    return all(addressed(session, s) or session.asked.count(s) >= 2 for s in entry["required"])


def template(slot: str, session: ConsultSession, lang: str) -> str:
    """The data file's question for this slot and complaint, filled in."""
    q = questions()
    text = q.get(session.complaint_key, {}).get(slot, q["slot"][slot])[lang]
    ros = complaints()[session.complaint_key]["ros"][lang]
    complaint = session.complaint if (lang == "zh") == has_han(session.complaint) \
        else ("不适" if lang == "zh" else "problem")
    return text.format(complaint=complaint, ros=("、" if lang == "zh" else ", ").join(ros))


def say(key: str, lang: str) -> str:
    return questions()["say"][key][lang]


def open_question(n: int, lang: str) -> str | None:
    """The free-form baseline's n-th open question, or None when it has run out."""
    items = questions()["open"][lang]
    return items[n] if n < len(items) else None
