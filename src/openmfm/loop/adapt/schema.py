"""The typed nouns of the adaptation recipe: a training example, the recipe, and a run's record.

A training example is what the answering pipeline produces and what the local model should learn
to write: a question, the numbered evidence it was answered from, and an answer whose every
statement cites that evidence as ``[n]``. One schema serves the three sources (a teacher's
answers, clinicians' corrections, a user's own file), so they can be mixed and hashed alike.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CITATION = re.compile(r"\[(\d+)\]")
Device = Literal["cpu", "cuda"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvidenceRef(_Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Example(_Strict):
    """One line of the instruction JSONL (docs: the README's adaptation section)."""

    question: str = Field(min_length=1)
    evidence: list[EvidenceRef] = Field(min_length=1)
    answer: str = Field(min_length=1)
    origin: Literal["user", "teacher", "correction"] = "user"

    @field_validator("question", "answer")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("is blank")
        return v

    @model_validator(mode="after")
    def _citations(self) -> Example:
        cited = [int(n) for n in CITATION.findall(self.answer)]
        if not cited:
            raise ValueError("answer: cites no evidence; mark each statement with [n], n the evidence's position")
        bad = sorted({n for n in cited if not 1 <= n <= len(self.evidence)})
        if bad:
            raise ValueError(f"answer: cites {bad} but there are {len(self.evidence)} evidence items")
        return self


class Recipe(_Strict):
    """Everything that shapes the trained weights besides the base and the data."""

    rank: int = Field(8, ge=1)
    alpha: int = Field(16, ge=1)
    dropout: float = Field(0.0, ge=0.0, lt=1.0)
    targets: list[str] = Field(default_factory=lambda: ["q_proj", "v_proj"])
    learning_rate: float = Field(2e-4, gt=0)
    steps: int = Field(60, ge=0)
    batch_size: int = Field(2, ge=1)
    max_tokens: int = Field(256, ge=16)  # per example, prompt + answer
    checkpoint_every: int = Field(20, ge=1)
    seed: int = 1234
    quantisation: str = "Q8_0"


class StepDone(_Strict):
    at: datetime
    outputs: dict[str, Any] = Field(default_factory=dict)


class AdaptRun(_Strict):
    """A run's record: what went in, what each step wrote (with hashes), and the gate's verdict.
    Every `mfm adapt` step reads it and adds its own entry, so any step can be re-run or resumed."""

    name: str
    base: str
    base_sha256: str
    base_family: str
    created: datetime
    recipe: Recipe = Field(default_factory=Recipe)
    data: dict[str, Any] | None = None
    steps: dict[str, StepDone] = Field(default_factory=dict)
    gate: dict[str, Any] | None = None
    registered: str | None = None


_SYSTEM = {
    "en": "Answer the question from the numbered evidence only. Cite every statement as [n].",
    "zh": "仅根据编号的证据回答问题，每句话都用[n]标注出处。",
}


def prompt_messages(question: str, evidence: list[EvidenceRef], language: str) -> list[dict[str, str]]:
    """How an example is put to a model, in training and in the gate's grounded items alike, so
    the gate measures what training taught."""
    lang = "zh" if language == "zh" else "en"
    numbered = "\n".join(f"[{i}] {e.text} ({e.source})" for i, e in enumerate(evidence, 1))
    label = ("证据", "问题") if lang == "zh" else ("Evidence", "Question")
    return [{"role": "system", "content": _SYSTEM[lang]},
            {"role": "user", "content": f"{label[0]}:\n{numbered}\n\n{label[1]}: {question}"}]
