"""Systems under test (the "solvers"): a bare model, or the ``ask`` application, behind one interface.

The harness never talks to a model or a knowledge base directly: it hands an item to a
``System`` and gets a ``Response``. ``ClosedBook`` puts the question to the model as a user's
message after the same input safety gate a user goes through; ``AskSystem`` calls
``openmfm.answering.ask``, the public function behind ``mfm ask``. Adding a system (a consultation
agent, a remote API) is one class.
"""

from __future__ import annotations

import math
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..config import Config
from ..errors import InvalidInput
from ..records import EvalItem, GenerationParams, Message, RequestContext
from ..safety.gate import check_input
from ..safety.policy import load_policy
from . import prompts


@dataclass
class Response:
    text: str
    latency_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    choice_logprobs: dict[str, float] | None = None  # label -> total log-prob (log-prob scoring)
    refused: bool = False
    abstained: bool = False  # the system declined to answer (e.g. no evidence): no prediction, not a guess
    flags: list[str] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    cached: bool = False  # served from the output cache: its latency is the original call's


def _max_tokens(item: EvalItem) -> int:
    return {"mcq": 32, "yes_no_maybe": 32, "classification": 32, "safety": 160, "numeric": 256}.get(item.task, 384)


class System(ABC):
    """What the harness can ask of a system under test."""

    name: str
    #: parallel requests the system tolerates (HTTP backends: several; one local model: 1)
    concurrency: int = 1
    #: whether ``choose`` gives option log-probs (else choice tasks are generated and parsed)
    scores_choices: bool = False

    @abstractmethod
    def describe(self) -> dict[str, Any]:
        """Everything that identifies what produced the outputs (goes into the run manifest)."""

    @abstractmethod
    def generate(self, item: EvalItem) -> Response:
        """A free-text answer to the item, as a user of the system would get it."""

    def choose(self, item: EvalItem) -> Response | None:
        """Log-prob scores of the item's options, or None when the system cannot give them."""
        return None

    def chat(self, messages: Sequence[Message], max_tokens: int = 256) -> Response:
        """One turn of a conversation (multi-turn simulation)."""
        raise NotImplementedError(f"{self.name} does not hold conversations")


def model_description(model: Any) -> dict[str, Any]:
    return {"model": model.name, "backend": model.backend, "model_sha256": model.sha256}


class ClosedBook(System):
    """The model alone, answering from its weights, behind the input safety gate."""

    name = "closed-book"
    scores_choices = True

    def __init__(self, model: Any, cfg: Config, *, use_context: bool = False, guard: bool = True,
                 params: GenerationParams | None = None):
        self.model = model
        self.cfg = cfg
        self.use_context = use_context
        self.guard = guard
        self.params = params or GenerationParams(temperature=0.0, seed=cfg.model.seed)
        self.concurrency = cfg.eval.concurrency if model.backend == "openai" else 1

    def describe(self) -> dict[str, Any]:
        d = {"system": self.name, "use_context": self.use_context, "guard": self.guard,
             "prompt_version": prompts.PROMPT_VERSION, **model_description(self.model)}
        if self.guard:
            d["policy_version"] = _policy_version(self.cfg)
        return d

    def _gate(self, item: EvalItem) -> tuple[Response | None, list[Any]]:
        """The input check a user's request passes: a refusal is the system's answer, and flags
        that let the request through (a red flag's escalation) are shown above the answer."""
        if not self.guard:
            return None, []
        t0 = time.perf_counter()
        decision = check_input(prompts.question_text(item, use_context=self.use_context), RequestContext(),
                               load_policy(self.cfg))
        if decision.allowed:
            return None, decision.flags
        return Response(text=decision.refusal or "", latency_s=time.perf_counter() - t0, refused=True,
                        flags=[f.kind for f in decision.flags]), decision.flags

    def generate(self, item: EvalItem) -> Response:
        refused, flags = self._gate(item)
        if refused is not None:
            return refused
        params = self.params.model_copy(update={"max_tokens": _max_tokens(item)})
        r = self._chat(prompts.messages(item, use_context=self.use_context), params)
        if flags:
            r.text = "\n\n".join([*(f.message for f in flags), r.text])
            r.flags = [f.kind for f in flags]
        return r

    def choose(self, item: EvalItem) -> Response | None:
        refused, _ = self._gate(item)
        if refused is not None:
            return refused
        strings = prompts.choice_strings(item)
        t0 = time.perf_counter()
        msgs = prompts.messages(item, use_context=self.use_context)
        scores = self.model.score_choices(msgs, list(strings.values()))
        rec = scores.record
        return Response(text=next(k for k, s in strings.items() if s == scores.best),
                        latency_s=rec.latency_s or time.perf_counter() - t0,
                        prompt_tokens=rec.prompt_tokens, completion_tokens=rec.completion_tokens,
                        choice_logprobs={k: scores.logprobs[s] for k, s in strings.items()},
                        provenance=model_description(self.model))

    def chat(self, messages: Sequence[Message], max_tokens: int = 256) -> Response:
        return self._chat(list(messages), self.params.model_copy(update={"max_tokens": max_tokens}))

    def _chat(self, messages: list[Message], params: GenerationParams) -> Response:
        t0 = time.perf_counter()
        gen = self.model.chat(messages, params)
        rec = gen.record
        return Response(text=gen.text, latency_s=rec.latency_s or time.perf_counter() - t0,
                        prompt_tokens=rec.prompt_tokens, completion_tokens=rec.completion_tokens,
                        provenance=model_description(self.model))

class AskSystem(System):
    """The evidence-grounded answering pipeline, called exactly as ``mfm ask`` calls it."""

    name = "ask"

    def __init__(self, model: Any, cfg: Config, *, kb: str | None = None, mode: str | None = None):
        from ..knowledge.kb import open_kb  # deferred: opening a KB loads faiss, bm25s and jieba

        self.model = model
        self.cfg = cfg
        self.kb = kb or cfg.kb.name
        self.mode = mode
        self.concurrency = 1  # retrieval indexes and the audit log are shared per process
        # the KB state answers come from: part of the manifest and of every cache key
        self.kb_snapshot = open_kb(cfg, self.kb).snapshot_id

    def describe(self) -> dict[str, Any]:
        return {"system": self.name, "kb": self.kb, "kb_snapshot": self.kb_snapshot,
                "mode": self.mode or self.cfg.answer.mode, "prompt_version": prompts.PROMPT_VERSION,
                "policy_version": _policy_version(self.cfg), **model_description(self.model)}

    def generate(self, item: EvalItem) -> Response:
        from ..answering import ask  # deferred: the answering stack opens KBs and models

        t0 = time.perf_counter()
        # A yes/no/maybe item is asked as the question alone: ``ask`` gives such questions an explicit
        # verdict, and an appended "Answer yes, no or maybe." only pollutes retrieval.
        question = item.question if item.task == "yes_no_maybe" else prompts.question_first(item)
        answer = ask(question, mode=self.mode, model=self.model, kb=self.kb, cfg=self.cfg)
        gen = answer.generation
        prov = answer.provenance.model_dump(exclude_none=True)
        text = answer.verdict if item.task == "yes_no_maybe" and answer.verdict else answer.text
        return Response(text=text, latency_s=time.perf_counter() - t0,
                        prompt_tokens=gen.prompt_tokens if gen else 0,
                        completion_tokens=gen.completion_tokens if gen else 0,
                        refused=answer.abstained and any(f.kind in ("harmful_request", "injection") for f in answer.flags),
                        abstained=answer.abstained,
                        flags=[f.kind for f in answer.flags], provenance=prov)


def _policy_version(cfg: Config) -> str | None:
    return load_policy(cfg).version or None


def build_system(kind: str, cfg: Config, *, model: str | None = None, backend: str | None = None,
                 use_context: bool = False, guard: bool = True, kb: str | None = None) -> System:
    """The system under test named on the command line: ``closed-book`` or ``ask``."""
    from ..models import load_model  # deferred: the model layer loads llama.cpp / torch on use

    if kind not in ("closed-book", "ask"):
        raise InvalidInput(f"Unknown system {kind!r}.", "Use --system closed-book or --system ask.")
    chat_model = load_model(cfg, name=model, backend=backend)
    if kind == "ask":
        return AskSystem(chat_model, cfg, kb=kb)
    return ClosedBook(chat_model, cfg, use_context=use_context, guard=guard)


def softmax(logprobs: dict[str, float]) -> dict[str, float]:
    """Normalised option probabilities from total log-probs (for AUC and calibration)."""
    m = max(logprobs.values())
    ex = {k: math.exp(v - m) for k, v in logprobs.items()}
    z = sum(ex.values())
    return {k: v / z for k, v in ex.items()}
