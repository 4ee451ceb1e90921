"""The consultation's typed nouns: one session record that holds everything, so that storing,
resuming, auditing and rendering all read the same object.

Every slot value keeps where it came from (turn, character span in the patient's words as the
gate normalised them) so a clinician can check it, and a status, so that "I don't know" is
recorded as such and never turned into a value.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from ..records import Flag, Lang, Record, utcnow

Status = Literal["present", "absent", "unknown", "declined"]
SessionStatus = Literal["open", "complete", "escalated", "stopped", "budget"]
Strategy = Literal["slots", "checklist", "freeform"]


class SlotValue(Record):
    """One thing the patient said, filed under a slot."""

    slot: str
    value: str  # the patient's words (or the normalised reading of them: "P14D", "yes")
    status: Status = "present"
    turn: int
    start: int
    end: int
    term: str | None = None  # the terminology's preferred name
    code: str | None = None  # ICD-10 when the terminology has one
    concept_id: str | None = None
    dose: str | None = None  # medications: "10 mg daily" as said
    days: float | None = None  # durations in days
    confidence: float = 1.0
    source: Literal["rules", "model", "complaint"] = "rules"


class Contradiction(Record):
    """Two values of one slot that cannot both hold; both stay in the record."""

    slot: str
    turns: list[int]
    values: list[str]


class Turn(Record):
    """A question and the patient's reply to it (turn 0 is the chief complaint itself)."""

    index: int
    question: str | None = None
    question_slot: str | None = None
    reply: str = ""
    language: Lang = "en"
    flags: list[Flag] = Field(default_factory=list)
    filled: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    said: str | None = None  # what the assistant said besides the question (decline, refusal)
    seconds: float = 0.0
    audit_id: str | None = None


class ConsultSession(Record):
    """The whole state of one pre-consultation."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:16])
    complaint: str
    complaint_key: str = "default"
    language: Lang = "en"
    mode: Literal["model", "rules"] = "rules"
    strategy: Strategy = "slots"
    model: str | None = None
    status: SessionStatus = "open"
    stop_reason: str | None = None
    urgent: bool = False
    escalation: Flag | None = None
    turns: list[Turn] = Field(default_factory=list)
    values: list[SlotValue] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    asked: list[str] = Field(default_factory=list)  # slots asked, in order (a slot may be asked twice)
    pending_question: str | None = None
    pending_slot: str | None = None
    patient_requests: list[str] = Field(default_factory=list)  # diagnosis / prescription questions for the doctor
    max_turns: int = 12
    actor: str = "local"
    role: str = "clinician"
    policy_version: str | None = None
    created: datetime = Field(default_factory=utcnow)
    updated: datetime = Field(default_factory=utcnow)

    def filled(self, slot: str) -> list[SlotValue]:
        return [v for v in self.values if v.slot == slot]

    @property
    def done(self) -> bool:
        return self.status != "open"


class RecordLine(Record):
    """One line of the outpatient record and the turns it came from."""

    section: str
    heading: str
    text: str
    turns: list[int]


class ConsultRecord(Record):
    """What the clinician gets: the session, the readable record, FHIR, and suggestions."""

    session_id: str
    status: SessionStatus
    stop_reason: str | None
    urgent: bool
    escalation: Flag | None
    language: Lang
    chief_complaint: str
    slots: list[SlotValue]
    contradictions: list[Contradiction]
    outpatient: list[RecordLine]
    outpatient_text: str
    fhir: dict[str, Any]
    fhir_valid: bool
    fhir_errors: list[str] = Field(default_factory=list)
    suggestions: dict[str, Any] = Field(default_factory=dict)  # clinician only: open questions, differential
