"""The shared nouns of OpenMFM: one definition each, imported by every layer.

Records are pydantic models so that they validate at layer boundaries, serialise to JSON for the
audit log, the HTTP API and evaluation logs, and read back identically.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .text.lang import Lang  # the one definition, beside the Han ranges and language detection


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


# --------------------------------------------------------------------------- requests
Channel = Literal["cli", "python", "http", "web", "mcp"]


class RequestContext(Record):
    """Who is asking, through which door: the identity of every request. The role decides what
    the caller may see and do; the channel and API key id go into every audit entry."""

    actor: str = "local"
    role: str = "clinician"
    channel: Channel = "python"
    locale: str | None = None
    api_key_id: str | None = None


class StepRecord(Record):
    """One step of a request's chain as the audit log keeps it: what went in, what came out, how
    long it took, and whether it ended the chain (a refusal, an out-of-scope notice, an abstention)."""

    step: str
    seconds: float
    inputs: dict[str, Any] = Field(default_factory=dict)
    outputs: dict[str, Any] = Field(default_factory=dict)
    ended: bool = False


# --------------------------------------------------------------------------- model layer
class Message(Record):
    role: Literal["system", "user", "assistant"]
    content: str


class GenerationParams(Record):
    temperature: float = 0.0
    top_p: float = 1.0
    max_tokens: int = 512
    seed: int | None = 42
    stop: list[str] = Field(default_factory=list)


class GenerationRecord(Record):
    """What produced a generation: stored in the audit log next to every answer."""

    backend: str
    model: str
    model_sha256: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    ttft_s: float | None = None
    finish_reason: str | None = None


class Generation(Record):
    text: str
    record: GenerationRecord
    parsed: Any | None = None  # the validated object when a JSON schema was requested


class ChoiceScores(Record):
    """Multiple-choice scoring by log-probabilities: one total log-prob per option."""

    logprobs: dict[str, float]
    best: str
    record: GenerationRecord


# --------------------------------------------------------------------------- knowledge layer
DocType = Literal[
    "guideline", "label", "textbook", "article", "local_protocol", "kg_fact", "terminology", "other"
]


class Source(Record):
    """A document identity; its content lives in immutable ``SourceVersion``s."""

    id: str
    title: str
    publisher: str | None = None
    author: str | None = None
    doc_type: DocType = "other"
    language: Lang = "en"
    licence: str | None = None
    attribution: str | None = None
    url: str | None = None
    doi: str | None = None
    path: str | None = None


class SourceVersion(Record):
    source_id: str
    version: int
    content_sha256: str
    published: date | None = None
    effective: date | None = None
    edition: str | None = None
    original_encoding: str | None = None
    ingested_at: datetime = Field(default_factory=utcnow)
    superseded_at: datetime | None = None
    flags: list[str] = Field(default_factory=list)  # e.g. "suspicious_instructions"


class Chunk(Record):
    """A retrievable unit of a source version; ``start``/``end`` index the version's clean text."""

    id: str
    source_id: str
    version: int
    text: str
    start: int
    end: int
    language: Lang = "en"
    section: str | None = None
    kind: Literal["text", "fact"] = "text"
    fact: tuple[str, str, str] | None = None  # (subject, relation, object) for kind="fact"


class Evidence(Record):
    """A chunk as a retrieval result: the exact span, its score, and the KB state it came from."""

    chunk: Chunk
    source: Source
    source_version: SourceVersion
    snapshot_id: str
    score: float
    rank: int = 0
    scores: dict[str, float] = Field(default_factory=dict)  # per retriever: bm25, dense, rrf
    span_start: int | None = None  # defaults to the whole chunk
    span_end: int | None = None

    @property
    def quote(self) -> str:
        if self.span_start is None or self.span_end is None:
            return self.chunk.text
        return self.chunk.text[self.span_start - self.chunk.start : self.span_end - self.chunk.start]


# --------------------------------------------------------------------------- answers
FlagKind = Literal[
    "uncertainty",
    "conflict",
    "unsupported_removed",
    "unsupported_marked",
    "out_of_scope",
    "insufficient_evidence",
    "red_flag",
    "triage_question",
    "injection",
    "harmful_request",
    "phi",
    "dose_out_of_range",
    "disclaimer",
    "suspicious_source",
]


class Flag(Record):
    kind: FlagKind
    message: str
    severity: Literal["info", "warning", "critical"] = "warning"
    details: dict[str, Any] = Field(default_factory=dict)


class Citation(Record):
    """A pointer from a statement into one evidence item (1-based ``n`` as printed: [n])."""

    n: int
    chunk_id: str
    source_id: str
    version: int
    span_start: int
    span_end: int
    quote: str


Support = Literal["supported", "partial", "unsupported"]


class Claim(Record):
    """One sentence of an answer, with what it cites and how well the citations support it."""

    text: str
    citations: list[Citation] = Field(default_factory=list)
    support: Support = "unsupported"
    support_score: float = 0.0
    reasons: list[str] = Field(default_factory=list)
    removed: bool = False


class Provenance(Record):
    """Names everything that produced a result a user sees."""

    kb_snapshot: str | None = None
    model: str | None = None
    model_sha256: str | None = None
    backend: str | None = None
    policy_version: str | None = None
    code_version: str | None = None


class Answer(Record):
    question: str
    language: Lang
    text: str
    mode: Literal["generate", "extractive"]
    claims: list[Claim] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    support_score: float = 0.0
    relevance_score: float | None = None  # does the evidence answer the question asked (0-1); None: not assessed
    verdict: Literal["yes", "no", "maybe"] | None = None  # a yes/no question's verdict, read by the model from the evidence
    abstained: bool = False
    provenance: Provenance = Field(default_factory=Provenance)
    generation: GenerationRecord | None = None
    timings: dict[str, float] = Field(default_factory=dict)
    transcript: list[StepRecord] = Field(default_factory=list)
    audit_id: str | None = None


# --------------------------------------------------------------------------- audit
class AuditRecord(Record):
    """One append-only, hash-chained entry; ``hash`` covers every other field and ``prev_hash``."""

    id: str
    seq: int
    ts: datetime
    actor: str
    role: str | None = None
    action: str
    payload: dict[str, Any] = Field(default_factory=dict)
    policy_version: str | None = None
    prev_hash: str
    hash: str


# --------------------------------------------------------------------------- evaluation
class EvalItem(Record):
    id: str
    dataset: str
    task: Literal[
        "mcq", "yes_no_maybe", "classification", "extraction", "generation", "rubric", "dialogue",
        "numeric", "safety",
    ]
    question: str
    options: dict[str, str] = Field(default_factory=dict)
    answer: str | list[str] | None = None
    context: str | None = None
    language: Lang = "en"
    rubric: list[dict[str, Any]] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)


class EvalResult(Record):
    item_id: str
    prediction: str | None = None
    correct: bool | None = None
    score: float | None = None
    scores: dict[str, float] = Field(default_factory=dict)
    latency_s: float | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    raw: str | None = None
    error: str | None = None
    perturbation: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
