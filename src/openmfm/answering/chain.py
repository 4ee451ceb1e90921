"""A request as named steps over one state, with a transcript of what each step did.

Each step is a small function of the shared ``AskState`` that returns what it produced (for the
transcript) and may end the chain by setting ``state.answer`` (a refusal, an out-of-scope notice,
an abstention). The runner times every step and records its declared inputs and its outputs, so
the audit log shows the path a question took, not just where it ended. inspect_ai's solver chain
is the model: small composable units over one state, and a log that is a first-class artefact.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..config import Config
from ..records import Answer, Claim, Evidence, Flag, Lang, Provenance, RequestContext, StepRecord
from ..safety.policy import Policy
from .draft import Draft
from .question import Question
from .relevance import Relevance
from .select import Selection

MAX_SUMMARY_CHARS = 200  # a transcript entry names what a step saw, it does not copy it


@dataclass
class AskState:
    """Everything one ``ask`` knows, filled in by the steps in order."""

    question: str
    cfg: Config
    ctx: RequestContext
    policy: Policy
    mode: str
    as_of: date | None
    asked_at: datetime
    model_spec: Any = None  # a model name or a loaded model, as the caller gave it
    kb_spec: Any = None  # a KB name or an open knowledge base
    judge: bool = False
    rewrite: bool = False
    stream_callback: Callable[[str], None] | None = None
    replay_of: str | None = None

    text: str = ""  # the screened, normalised question every later step uses
    language: Lang = "en"
    flags: list[Flag] = field(default_factory=list)
    model: Any = None
    kb: Any = None
    embedder: Any = None
    q: Question | None = None
    retrieved: list[Evidence] = field(default_factory=list)
    snapshot: str | None = None
    selection: Selection | None = None
    evidence: list[Evidence] = field(default_factory=list)  # kept passages in citation order
    relevance: Relevance | None = None  # whether they answer the question asked (not only its topic)
    verdict: str | None = None  # yes / no / maybe, for a yes/no question in generate mode
    draft: Draft | None = None
    claims: list[Claim] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    answer: Answer | None = None  # set by the step that ends the chain, or by the last one
    transcript: list[StepRecord] = field(default_factory=list)

    @property
    def kb_name(self) -> str | None:
        if self.kb is not None:
            return getattr(self.kb, "name", None)
        return self.kb_spec if isinstance(self.kb_spec, str) else None

    def base(self) -> dict[str, Any]:
        """The fields every Answer of this request shares."""
        return {"question": self.question, "language": self.language, "mode": self.mode}


@dataclass(frozen=True)
class Step:
    """A named unit of the chain; ``reads`` names the state fields its transcript entry shows."""

    name: str
    run: Callable[[AskState], dict[str, Any] | None]
    reads: tuple[str, ...] = ()


def step(name: str, *, reads: Sequence[str] = ()) -> Callable[[Callable], Step]:
    def wrap(fn: Callable[[AskState], dict[str, Any] | None]) -> Step:
        return Step(name, fn, tuple(reads))

    return wrap


def summarise(value: Any) -> Any:
    """A JSON-safe, bounded picture of a value for the transcript."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if len(value) <= MAX_SUMMARY_CHARS else value[:MAX_SUMMARY_CHARS] + "…"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): summarise(v) for k, v in list(value.items())[:20]}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if all(isinstance(x, (str, int, float)) for x in items):
            return [summarise(x) for x in items[:20]]
        return {"count": len(items)}
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else type(value).__name__


def run_chain(steps: Sequence[Step], state: AskState) -> AskState:
    """Run ``steps`` in order until one sets ``state.answer``; every step that ran is transcribed."""
    for s in steps:
        inputs = {k: summarise(getattr(state, k)) for k in s.reads}
        t0 = time.perf_counter()
        outputs = s.run(state) or {}
        state.transcript.append(StepRecord(step=s.name, seconds=round(time.perf_counter() - t0, 4), inputs=inputs,
                                           outputs={k: summarise(v) for k, v in outputs.items()},
                                           ended=state.answer is not None))
        if state.answer is not None:
            break
    return state
