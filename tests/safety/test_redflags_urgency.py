"""What the gate needs besides "is this an emergency": the urgency of each hit (so the message fits
it), the one question that decides an ambiguous message, and evidence quoted as the person wrote it.
Sentences written for these tests, in both languages; none is in the lexicon or the example bank
(checked in test_redflags_rules.py for its sentences, and below for these)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from openmfm.safety.redflags import (
    CATEGORY_URGENCY,
    CLARIFY,
    RedFlagHit,
    detect_red_flags,
    to_clarify,
)


def _hit(text: str, category: str) -> RedFlagHit | None:
    return next((h for h in detect_red_flags(text) if h.category == category), None)


# (same-day disclosure, the same disclosure with a danger that is present now)
SAFEGUARDING = [
    ("My brother-in-law slaps my sister when he's been drinking",
     "My brother-in-law slaps my sister when he's been drinking and he's outside the house right now"),
    ("我继父经常打我妈",
     "我继父经常打我妈，现在拿着菜刀在客厅"),
]


@pytest.mark.parametrize("disclosure,danger", SAFEGUARDING)
def test_safeguarding_is_same_day_unless_the_danger_is_now(disclosure, danger):
    """MTS and NHS guidance: a disclosure is acted on today; a weapon, strangling or an attacker
    still there is a call to the emergency number now (``emergency_if``)."""
    assert CATEGORY_URGENCY["safeguarding"] == "same_day"
    calm, now = _hit(disclosure, "safeguarding"), _hit(danger, "safeguarding")
    assert calm is not None and calm.urgency == "same_day", calm
    assert now is not None and now.urgency == "emergency", now


def test_emergency_categories_are_emergencies_in_their_hits():
    hit = _hit("Dad's left foot went white and freezing this afternoon and he can hardly bear the pain", "limb_ischaemia")
    assert hit is not None and hit.urgency == "emergency"


def test_a_hit_made_without_urgency_takes_its_categorys_level():
    """The learned classifier names only a category; its hit must still carry the urgency, and a
    category the lexicon does not know is read as an emergency, the safer reading."""
    assert RedFlagHit("safeguarding", ["classifier p=0.91"]).urgency == "same_day"
    assert RedFlagHit("torsion", []).urgency == "emergency"
    assert RedFlagHit("a_category_from_elsewhere", []).urgency == "emergency"
    assert RedFlagHit("seizure", []).clarify == CLARIFY["seizure"]


AMBIGUOUS = [
    # (message that touches a category without deciding it, category, the same topic decided)
    ("My toddler swallowed something off the floor and I can't see what", "foreign_body",
     "My toddler swallowed a round flat battery off the floor"),
    ("Our daughter had a seizure at the swimming pool", "seizure",
     "Our daughter had a seizure at the swimming pool and it went on for twelve minutes"),
    ("我爸刚才抽搐了", "seizure", "我爸刚才抽搐了，抽了十来分钟还没停"),
    ("孩子吞了个东西下去，不知道是什么", "foreign_body", "孩子吞了一颗遥控器里的电池"),
]


@pytest.mark.parametrize("ambiguous,category,decided", AMBIGUOUS)
def test_an_ambiguous_message_gets_the_deciding_question_not_a_guess(ambiguous, category, decided):
    assert detect_red_flags(ambiguous) == [], ambiguous
    assert category in to_clarify(ambiguous)
    assert category in [h.category for h in detect_red_flags(decided)], decided
    assert to_clarify(decided) == []  # decided: the escalation is the answer, not a question


def test_nothing_to_clarify_in_a_message_about_something_else():
    assert to_clarify("Which moisturiser is best for dry winter skin?") == []
    assert to_clarify("冬天皮肤干用什么润肤霜好？") == []


def test_evidence_is_quoted_as_written():
    """Matching runs on lowercased text; the evidence shown to people is the original wording."""
    hit = _hit("The CO Alarm keeps going off and all of us have headaches", "poisoning")
    assert hit is not None and any("CO Alarm" in e for e in hit.evidence), hit


def test_these_sentences_are_not_in_the_bank():
    bank = resources.files("openmfm") / "data" / "safety" / "redflag_examples.jsonl"
    texts = {json.loads(line)["text"].strip().lower() for line in bank.read_text(encoding="utf-8").splitlines() if line.strip()}
    mine = [t for pair in SAFEGUARDING for t in pair] + [t for a, _, d in AMBIGUOUS for t in (a, d)]
    assert not [t for t in mine if t.strip().lower() in texts]
