"""Request and response bodies of the HTTP API, as pydantic models: they are the OpenAPI schema.

Requests forbid unknown fields (a typo in a field name is an error, not a silent default) and
refuse text that cannot be UTF-8 (lone surrogates), which would otherwise fail deep inside a
store. The records an answer is made of (``Answer``, ``Evidence``, ``Flag``) are reused as they
are, so the API and the audit log describe an answer the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..records import Flag

MAX_K = 50


def _utf8(v: str) -> str:
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains characters that are not valid Unicode (a lone surrogate)") from None
    return v


Text = Annotated[str, AfterValidator(_utf8)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- OpenAI-compatible
class TextPart(Body):
    type: Literal["text"]
    text: Text


class ChatMessage(Body):
    role: Literal["system", "developer", "user", "assistant"]
    content: Text | list[TextPart] | None = None
    name: str | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content)
        return self.content or ""


class StreamOptions(Body):
    include_usage: bool = False


class ChatRequest(Body):
    """The OpenAI chat-completions request. Sampling settings are accepted for compatibility and
    recorded nowhere: answers are grounded and verified with the server's own settings."""

    model: str
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False
    stream_options: StreamOptions | None = None
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, ge=0, le=1)
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    n: int | None = Field(None, ge=1, le=1)
    seed: int | None = None
    stop: str | list[str] | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    user: str | None = None
    metadata: dict[str, str] | None = None


class ChatChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatChoiceMessage
    finish_reason: Literal["stop", "length"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class Card(BaseModel):
    """An evidence card: the quoted span with everything needed to cite and check it."""

    n: int
    chunk_id: str
    source_id: str
    title: str
    publisher: str | None = None
    doc_type: str
    language: str
    version: int
    published: date | None = None
    effective: date | None = None
    licence: str | None = None
    attribution: str | None = None
    url: str | None = None
    doi: str | None = None
    section: str | None = None
    quote: str
    span_start: int | None = None
    span_end: int | None = None
    score: float
    flags: list[str] = Field(default_factory=list)


class Extension(BaseModel):
    """What OpenMFM adds to an OpenAI object: the evidence behind the text and how it was checked."""

    audit_id: str | None
    mode: str
    language: str
    abstained: bool
    support_score: float
    relevance_score: float | None = None
    verdict: str | None = None
    claims: list[dict[str, Any]]
    evidence: list[Card]
    flags: list[Flag]
    provenance: dict[str, Any]
    context_turns: int = 0  # earlier messages of the conversation (not used for retrieval)


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage
    openmfm: Extension


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "openmfm"
    description: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


# --------------------------------------------------------------------------- native
class AskRequest(Body):
    question: Text
    mode: Literal["generate", "extractive"] | None = None
    as_of: date | None = None
    locale: str | None = Field(None, max_length=35)
    stream: bool = False


class SearchRequest(Body):
    query: Text
    k: int = Field(5, ge=1, le=MAX_K)
    languages: list[Literal["zh", "en"]] | None = None
    doc_types: list[str] | None = None
    source_ids: list[str] | None = None
    as_of: date | None = None


class SearchResponse(BaseModel):
    snapshot: str
    hits: list[Card]
    flags: list[Flag]
    audit_id: str


class DiffResponse(BaseModel):
    source_id: str
    v1: int
    v2: int
    diff: str
    same: bool


class VersionText(BaseModel):
    source_id: str
    version: int
    text: str


class DeidRequest(Body):
    """Exactly one of ``text`` (a note) or ``data`` (a JSON record or FHIR resource)."""

    text: Text | None = None
    data: dict[str, Any] | list[Any] | None = None
    operator: Literal["redact", "mask", "surrogate", "pseudonymize"] | None = None
    language: Literal["zh", "en"] | None = None
    patient_id: str | None = Field(None, max_length=200)


class DeidEntityOut(BaseModel):
    """``safety.deid.DeidEntity`` as the API returns it (mirrored so that serving the schema does not
    import Presidio; a test checks the two agree)."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    replacement: str
    path: str | None = None


class DeidOut(BaseModel):
    """``safety.deid.DeidResult`` as the API returns it (mirrored, as ``DeidEntityOut``)."""

    text: str | None = None
    data: Any | None = None
    entities: list[DeidEntityOut] = Field(default_factory=list)
    operator: str
    language: str | None = None
    policy_version: str


class TermRequest(Body):
    term: Text
    limit: int = Field(5, ge=1, le=50)


class NormalizeRequest(Body):
    query: Text


class TextRequest(Body):
    text: Text
    locale: str | None = Field(None, max_length=35)


class RedFlagReport(BaseModel):
    allowed: bool
    language: str
    red_flags: list[Flag]
    flags: list[Flag]
    policy_version: str
    audit_id: str


class KeyRequest(Body):
    name: Text = Field(min_length=1, max_length=100)
    role: str


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Ready(BaseModel):
    ready: bool
    parts: dict[str, str]
