"""The one model interface every backend implements (llama-cpp, openai, transformers).

Callers never import a backend module: they call ``openmfm.models.load_model`` and get a
``ChatModel``. The parts every backend must get identically right live here, once: parameter
defaults, stop sequences, timeouts and cancellation, time to first token, JSON validation, the
``GenerationRecord`` and bounded-concurrency batches. A backend only turns a prompt into a stream
of text pieces (``_generate``), counts tokens and scores choices.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence, Union

from pydantic import ValidationError

from ..config import Config
from ..errors import ContextOverflow, GenerationCancelled, GenerationTimeout, InvalidInput, MFMError
from ..records import ChoiceScores, Generation, GenerationParams, GenerationRecord, Message
from .json_output import JsonSpec, parse_json_output, schema_dict

MessagesIn = Sequence[Union[Message, Mapping[str, Any]]]


@dataclass
class Usage:
    """Counts a backend's ``_generate`` yields once (as soon as the prompt is tokenised) and keeps
    current in place, so they stay right when the caller stops the stream early."""

    prompt_tokens: int
    completion_tokens: int
    finish_reason: str | None = None


def as_messages(messages: MessagesIn) -> list[Message]:
    try:
        out = [m if isinstance(m, Message) else Message.model_validate(dict(m)) for m in messages]
    except (ValidationError, TypeError, ValueError) as e:
        raise InvalidInput(f"Malformed chat messages: {e}",
                           'Give a list of {"role": "system"|"user"|"assistant", "content": "..."}.') from None
    if not out:
        raise InvalidInput("No messages were given to the model.", "Pass at least one user message.")
    return out


def fit_completion(prompt_tokens: int, max_tokens: int, context_length: int) -> int:
    """Context policy: a prompt that leaves no room for an answer is an error naming both lengths;
    otherwise the completion is capped at the room left (and ends with finish_reason "length")."""
    room = context_length - prompt_tokens
    if room < 1:
        raise ContextOverflow(
            f"The prompt is {prompt_tokens} tokens but the model's context window is {context_length} tokens.",
            "Shorten the prompt (fewer or shorter evidence passages), or raise [model] n_ctx "
            "(MFM_MODEL_N_CTX) if the model supports a longer context.")
    return max(1, min(max_tokens, room))


class ChatModel(ABC):
    backend: str
    name: str
    sha256: str | None = None
    context_length: int
    defaults: GenerationParams = GenerationParams()
    timeout_s: float | None = None
    concurrency: int = 1  # how many requests the backend can usefully serve at once

    # ------------------------------------------------------------------ what a backend provides
    @abstractmethod
    def _generate(self, messages: list[Message], params: GenerationParams, schema: dict[str, Any] | None,
                  abort: threading.Event) -> Iterator[str | Usage]:
        """Yield text pieces and one ``Usage`` (kept current); stop early once ``abort`` is set.

        With ``schema`` the backend constrains decoding where it can (grammar, JSON mode); the
        caller validates either way. Raise ``ContextOverflow`` before generating when the prompt
        does not fit.
        """

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens in ``text`` under this model's tokenizer."""

    @abstractmethod
    def count_message_tokens(self, messages: MessagesIn) -> int:
        """Prompt tokens these messages take once the chat template is applied."""

    @abstractmethod
    def score_choices(self, messages: MessagesIn, choices: Sequence[str]) -> ChoiceScores:
        """Total log-probability of each choice as the assistant's reply (multiple-choice scoring)."""

    @classmethod
    def from_config(cls, cfg: Config, name: str, defaults: GenerationParams | None = None) -> "ChatModel":
        """The model ``name`` as configured by ``cfg``: what ``load_model`` calls on the class a
        backend plugin registers (entry point group ``openmfm.backends``)."""
        raise NotImplementedError(f"{cls.__name__} does not implement from_config, so it cannot be a backend plugin.")

    def _record_params(self) -> dict[str, Any]:
        """Backend settings that shape outputs, recorded with every generation."""
        return {}

    # ------------------------------------------------------------------ the shared surface
    def stream(self, messages: MessagesIn, params: GenerationParams | None = None, *,
               json_schema: JsonSpec | None = None, timeout_s: float | None = None,
               cancel: threading.Event | None = None) -> Iterator[str | Generation]:
        """Yield text pieces as they arrive, then one final ``Generation`` with the full record.

        Stops at the first stop sequence (never emitting it), raises ``GenerationTimeout`` past
        ``timeout_s`` and ``GenerationCancelled`` once ``cancel`` is set (both carry the partial
        text); closing the iterator early stops the backend too.
        """
        msgs = as_messages(messages)
        params = params or self.defaults
        schema = schema_dict(json_schema) if json_schema is not None else None
        timeout = timeout_s if timeout_s is not None else self.timeout_s
        deadline = time.monotonic() + timeout if timeout else None
        stops = [s for s in params.stop if s]
        hold = max((len(s) for s in stops), default=1) - 1

        abort = threading.Event()
        t0 = time.perf_counter()
        ttft: float | None = None
        text, emitted = "", 0
        usage = Usage(0, 0, None)
        gen = self._generate(msgs, params, schema, abort)
        try:
            for item in gen:
                if isinstance(item, Usage):
                    usage = item
                    continue
                if not item:
                    continue
                if ttft is None:
                    ttft = time.perf_counter() - t0
                text += item
                cut = min((i for i in (text.find(s) for s in stops) if i >= 0), default=-1)
                if cut >= 0:
                    text = text[:cut]
                    usage.finish_reason = "stop"
                    abort.set()
                    break
                safe = len(text) - hold if stops else len(text)
                if safe > emitted:
                    yield text[emitted:safe]
                    emitted = safe
                if cancel is not None and cancel.is_set():
                    abort.set()
                    raise _stopped(GenerationCancelled, "The generation was cancelled.", text)
                if deadline is not None and time.monotonic() > deadline:
                    abort.set()
                    raise _stopped(GenerationTimeout, f"The generation ran past its {timeout:g} s limit.", text,
                                   "Raise [model] timeout_s, lower max_tokens, or use a smaller model.")
        finally:
            abort.set()
            gen.close()
        if len(text) > emitted:
            yield text[emitted:]
        latency = time.perf_counter() - t0
        parsed = parse_json_output(text, json_schema) if json_schema is not None else None
        record = GenerationRecord(
            backend=self.backend, model=self.name, model_sha256=self.sha256,
            params={**params.model_dump(), **self._record_params(),
                    **({"json_schema": schema} if schema is not None else {})},
            prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
            latency_s=round(latency, 4), ttft_s=None if ttft is None else round(ttft, 4),
            finish_reason=usage.finish_reason)
        yield Generation(text=text, record=record, parsed=parsed)

    def chat(self, messages: MessagesIn, params: GenerationParams | None = None, *,
             json_schema: JsonSpec | None = None, timeout_s: float | None = None,
             cancel: threading.Event | None = None) -> Generation:
        """Messages in, text out; with ``json_schema`` (a JSON Schema dict or a pydantic model
        class) the output is constrained where the backend can, always validated, and returned
        parsed in ``Generation.parsed``; unrepairable output raises ``OutputFormatError``."""
        final: Generation | None = None
        for item in self.stream(messages, params, json_schema=json_schema, timeout_s=timeout_s, cancel=cancel):
            if isinstance(item, Generation):
                final = item
        assert final is not None
        return final

    def batch(self, requests: Sequence[MessagesIn], params: GenerationParams | None = None, *,
              json_schema: JsonSpec | None = None, concurrency: int | None = None,
              return_exceptions: bool = False) -> list[Generation | MFMError]:
        """Run many chats with at most ``concurrency`` in flight; results keep the input order.

        With ``return_exceptions`` a failed item yields its ``MFMError`` in place, so one bad item
        does not lose an evaluation run's other results.
        """
        workers = max(1, min(concurrency or self.concurrency, len(requests) or 1))

        def one(msgs: MessagesIn) -> Generation | MFMError:
            try:
                return self.chat(msgs, params, json_schema=json_schema)
            except MFMError as e:
                if return_exceptions:
                    return e
                raise

        if workers == 1:
            return [one(r) for r in requests]
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"mfm-{self.backend}") as pool:
            return list(pool.map(one, requests))

    def close(self) -> None:
        """Release weights or connections."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} ({self.backend})>"


def _stopped(cls: type[MFMError], message: str, partial: str, hint: str | None = None) -> MFMError:
    err = cls(message, hint)
    err.partial = partial  # type: ignore[attr-defined]
    return err


def best_choice(logprobs: dict[str, float]) -> str:
    return max(logprobs, key=lambda k: logprobs[k])


__all__ = ["ChatModel", "MessagesIn", "Usage", "as_messages", "best_choice", "fit_completion"]
