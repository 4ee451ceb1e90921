"""Any OpenAI-compatible server (vLLM, SGLang, Ollama, llama.cpp server, hosted APIs): how a
deployment scales serving past one machine.

Servers differ in what they support beyond plain chat, so each optional feature is tried in the
standard form first and degrades to the next form the server accepts, remembered per instance:
JSON output (``json_schema`` response format, then ``json_object`` with a schema, then plain
``json_object``; always validated afterwards), token counting (vLLM's ``/tokenize``,
llama-cpp-python's ``/extras/tokenize``, llama.cpp's ``/tokenize``, else an estimate), and usage
in streams. Retries are the openai client's own (``max_retries``: exponential backoff with jitter
on connection errors, timeouts, 408, 409, 429 and 5xx, honouring ``Retry-After``); once they are
spent the failure is reported as ``BackendUnavailable`` naming the URL. A stream that already
produced text is never retried (that would duplicate output).
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from typing import Any, Callable, Iterator, Sequence, TypeVar

import httpx
import openai

from ..config import Config
from ..errors import BackendUnavailable, ContextOverflow, InvalidInput, ModelNotFound
from ..records import ChoiceScores, GenerationParams, GenerationRecord, Message
from .base import ChatModel, MessagesIn, Usage, as_messages, best_choice, fit_completion

T = TypeVar("T")
TOP_LOGPROBS = 20  # the OpenAI API's maximum
JSON_MODES = ("json_schema", "json_object+schema", "json_object")


class OpenAIModel(ChatModel):
    backend = "openai"

    def __init__(self, *, base_url: str, model: str, name: str | None = None, api_key: str | None = None,
                 max_retries: int = 3, concurrency: int = 4, timeout_s: float | None = 300.0,
                 context_length: int = 4096, defaults: GenerationParams | None = None):
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.name = name or model
        self.sha256 = None  # the server's weights are not ours to hash; params name the server
        self.max_retries = max_retries
        self.concurrency = concurrency
        self.timeout_s = timeout_s
        self._configured_context = context_length
        self.defaults = defaults or GenerationParams()
        self._client = openai.OpenAI(base_url=self.base_url, api_key=api_key or "not-needed", max_retries=max_retries,
                                     timeout=openai.Timeout(timeout_s or 600.0, connect=5.0))
        self._json_mode: str | None = None  # the first JSON_MODES entry the server accepted
        self._tokenize: Callable[[str], list[int]] | bool | None = None  # False: no endpoint
        self._server_context: int | None = None
        self._probe_lock = threading.Lock()

    @classmethod
    def from_config(cls, cfg: Config, name: str, defaults: GenerationParams | None = None) -> "OpenAIModel":
        o = cfg.openai
        return cls(base_url=o.base_url, model=o.model or name, name=name, api_key=os.environ.get(o.api_key_env),
                   max_retries=o.max_retries, concurrency=o.concurrency, timeout_s=cfg.model.timeout_s,
                   context_length=cfg.model.n_ctx, defaults=defaults)

    def _record_params(self) -> dict[str, Any]:
        return {"base_url": self.base_url, "server_model": self.model}

    # ------------------------------------------------------------------ errors
    def _call(self, fn: Callable[[], T], what: str,
              unsupported: Callable[[Exception], bool] | None = None) -> T:
        """``fn()`` (a client call, which retries by itself), its failure turned into our errors."""
        try:
            return fn()
        except openai.APIError as e:
            if unsupported is not None and unsupported(e):
                raise _Unsupported() from None
            raise api_error(e, self.base_url, what, self.max_retries + 1, served=self.served_models,
                            model=self.model, section="openai") from None

    @property
    def context_length(self) -> int:  # type: ignore[override]
        """The server's window when it tells (vLLM's max_model_len, llama.cpp's /props), else
        the configured [model] n_ctx."""
        with self._probe_lock:
            if self._server_context is None:
                self._server_context = self._probe_context()
        return self._server_context or self._configured_context

    def _probe_context(self) -> int | None:
        """0 when the server does not say; None when it could not be reached (ask again)."""
        root = re.sub(r"/v1$", "", self.base_url)
        try:
            for m in httpx.get(f"{self.base_url}/models", timeout=5.0).json().get("data", []):
                if m.get("id") == self.model and isinstance(m.get("max_model_len"), int):
                    return m["max_model_len"]
            r = httpx.get(f"{root}/props", timeout=5.0)
            n = (r.json().get("default_generation_settings") or {}).get("n_ctx") if r.status_code == 200 else None
            return n if isinstance(n, int) else 0
        except httpx.TransportError:
            return None
        except (httpx.HTTPError, ValueError, AttributeError):
            return 0

    def served_models(self) -> list[str]:
        try:
            return [m.id for m in self._client.models.list().data]
        except Exception:  # noqa: BLE001 - only used to enrich an error message
            return []

    # ------------------------------------------------------------------ tokens
    def _find_tokenizer(self) -> Callable[[str], list[int]] | bool | None:
        """The server's tokenize endpoint as a function; False when it has none; None when the
        server could not be reached (ask again next time)."""
        root = re.sub(r"/v1$", "", self.base_url)
        forms = [
            (f"{root}/tokenize", lambda t: {"model": self.model, "prompt": t, "add_special_tokens": False}),
            (f"{root}/extras/tokenize", lambda t: {"model": self.model, "input": t}),
            (f"{root}/tokenize", lambda t: {"content": t}),
        ]
        reached = False
        for url, body in forms:
            try:
                r = httpx.post(url, json=body("probe"), timeout=5.0)
                reached = True
                if r.status_code == 200 and isinstance(r.json().get("tokens"), list):
                    return lambda t, url=url, body=body: httpx.post(url, json=body(t), timeout=30.0).json()["tokens"]
            except httpx.TransportError:
                continue
            except (httpx.HTTPError, ValueError):
                reached = True
        return False if reached else None

    @property
    def exact_token_counts(self) -> bool:
        """Whether the server exposes its tokenizer (otherwise counts are estimates)."""
        self.count_tokens("")
        return bool(self._tokenize)

    def count_tokens(self, text: str) -> int:
        with self._probe_lock:
            if self._tokenize is None:
                self._tokenize = self._find_tokenizer()
        if self._tokenize:
            try:
                return len(self._tokenize(text))  # type: ignore[operator]
            except (httpx.HTTPError, ValueError, KeyError) as e:
                raise BackendUnavailable(f"The model server at {self.base_url} could not count tokens: {e}",
                                         "Start the server or fix [openai] base_url (MFM_OPENAI_BASE_URL).") from None
        # No tokenizer endpoint: about 3.5 UTF-8 bytes per token (Latin) and one per Han character.
        return math.ceil(len(text.encode("utf-8")) / 3.5)

    def count_message_tokens(self, messages: MessagesIn) -> int:
        """Content tokens plus about four per message for the template's role markers: the
        server's template is not visible through the API, so this is an estimate."""
        msgs = as_messages(messages)
        return sum(self.count_tokens(m.content) + 4 for m in msgs) + 3

    # ------------------------------------------------------------------ generation
    def _response_format(self, mode: str, schema: dict[str, Any]) -> dict[str, Any]:
        if mode == "json_schema":
            return {"type": "json_schema", "json_schema": {"name": "output", "schema": schema, "strict": True}}
        if mode == "json_object+schema":
            return {"type": "json_object", "schema": schema}
        return {"type": "json_object"}

    def _open_stream(self, kwargs: dict[str, Any], schema: dict[str, Any] | None) -> Any:
        if schema is None:
            return self._call(lambda: self._client.chat.completions.create(**kwargs), "chat completion")
        modes = [self._json_mode] if self._json_mode else list(JSON_MODES)
        for mode in modes:
            kw = {**kwargs, "response_format": self._response_format(mode, schema)}
            try:
                stream = self._call(lambda kw=kw: self._client.chat.completions.create(**kw), "chat completion",
                                    unsupported=_format_rejected)
            except _Unsupported:
                continue
            self._json_mode = mode
            return stream
        raise InvalidInput(f"The server at {self.base_url} accepts none of the JSON response formats "
                           f"({', '.join(modes)}).", "Request plain text and parse it, or use another server.")

    def _generate(self, messages: list[Message], params: GenerationParams, schema: dict[str, Any] | None,
                  abort: threading.Event) -> Iterator[str | Usage]:
        usage = Usage(prompt_tokens=0, completion_tokens=0)
        try:
            # The content alone is a lower bound on the prompt: past the window it cannot fit.
            # (Servers that fail inside a stream would otherwise just end it silently.)
            content = sum(self.count_tokens(m.content) for m in messages) if self.exact_token_counts else 0
        except BackendUnavailable:
            content = 0  # the request below retries and reports the server properly
        if content:
            fit_completion(content, 1, self.context_length)
        yield usage
        kwargs: dict[str, Any] = {
            "model": self.model, "messages": [m.model_dump() for m in messages], "stream": True,
            "temperature": params.temperature, "top_p": params.top_p, "max_tokens": params.max_tokens,
            "stream_options": {"include_usage": True},
        }
        if params.seed is not None:
            kwargs["seed"] = params.seed
        if params.stop:
            kwargs["stop"] = list(params.stop)[:4]  # the API's limit; the rest are applied locally
        stream = self._open_stream(kwargs, schema)
        got_usage, emitted = False, False
        try:
            for chunk in self._iterate(stream):
                if abort.is_set():
                    break
                if getattr(chunk, "usage", None):
                    usage.prompt_tokens = chunk.usage.prompt_tokens or usage.prompt_tokens
                    usage.completion_tokens = chunk.usage.completion_tokens or usage.completion_tokens
                    got_usage = True
                for choice in chunk.choices or []:
                    if choice.delta and choice.delta.content:
                        if not got_usage:
                            usage.completion_tokens += 1  # servers stream about one token per chunk
                        emitted = True
                        yield choice.delta.content
                    if choice.finish_reason:
                        usage.finish_reason = choice.finish_reason
        finally:
            stream.close()
        if not got_usage and not usage.prompt_tokens:
            usage.prompt_tokens = self.count_message_tokens(messages)
        if usage.finish_reason is None and not abort.is_set():
            if emitted:
                raise BackendUnavailable(
                    f"The model server at {self.base_url} ended the stream before finishing the reply.",
                    "Check the server's log; the partial output was discarded.")
            # Some servers (llama-cpp-python's) fail inside a stream without a status; the same
            # request without streaming returns either the reply or the error with its reason.
            kw = {k: v for k, v in kwargs.items() if k not in ("stream", "stream_options")}
            if schema is not None and self._json_mode:
                kw["response_format"] = self._response_format(self._json_mode, schema)
            resp = self._call(lambda: self._client.chat.completions.create(**kw), "chat completion")
            if resp.usage:
                usage.prompt_tokens, usage.completion_tokens = resp.usage.prompt_tokens, resp.usage.completion_tokens
            if resp.choices:
                usage.finish_reason = resp.choices[0].finish_reason
                yield resp.choices[0].message.content or ""

    def _iterate(self, stream: Any) -> Iterator[Any]:
        try:
            yield from stream
        except (openai.APIError, httpx.HTTPError, OSError) as e:
            raise BackendUnavailable(f"The model server at {self.base_url} failed mid-stream: {e}",
                                     "Check the server and its log; the partial output was discarded.") from None

    # ------------------------------------------------------------------ scoring
    def score_choices(self, messages: MessagesIn, choices: Sequence[str]) -> ChoiceScores:
        """First-token log-probabilities from the server's top-20 list: each choice gets the best
        log-prob among listed tokens that begin it; a choice with no listed token gets the lowest
        listed value (an upper bound). Exact for single-token options (A-E, yes/no)."""
        if not choices or len(set(choices)) != len(choices):
            raise InvalidInput("score_choices needs at least one choice and no duplicates.")
        msgs = as_messages(messages)
        t0 = time.perf_counter()
        resp = self._call(lambda: self._client.chat.completions.create(
            model=self.model, messages=[m.model_dump() for m in msgs], max_tokens=1, temperature=0.0,
            logprobs=True, top_logprobs=TOP_LOGPROBS), "chat completion with logprobs")
        lp = resp.choices[0].logprobs if resp.choices else None
        if not lp or not lp.content or not lp.content[0].top_logprobs:
            raise BackendUnavailable(f"The server at {self.base_url} returned no log-probabilities, so choices "
                                     "cannot be scored.", "Use a server that returns logprobs (vLLM, llama.cpp "
                                     "server), or the llama-cpp / transformers backend.")
        top = [(t.token, t.logprob) for t in lp.content[0].top_logprobs]
        floor = min(v for _, v in top)
        out: dict[str, float] = {}
        for c in choices:
            key = c.strip()
            match = [v for t, v in top if t.strip() and key.startswith(t.strip())]
            out[c] = max(match) if match else floor
        usage = getattr(resp, "usage", None)
        record = GenerationRecord(
            backend=self.backend, model=self.name, model_sha256=None,
            params={"method": f"first-token top-{TOP_LOGPROBS} log-probs", **self._record_params()},
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0, completion_tokens=0,
            latency_s=round(time.perf_counter() - t0, 4))
        return ChoiceScores(logprobs=out, best=best_choice(out), record=record)

    def close(self) -> None:
        self._client.close()


class _Unsupported(Exception):
    """The server rejected an optional request feature; the caller tries the next form."""


def _format_rejected(e: Exception) -> bool:
    status = getattr(e, "status_code", None)
    text = str(e)
    if "response_format" in text or status == 422:
        return True
    return status == 400 and not re.search(r"context|too long|exceed", text, re.I)


def api_error(e: Exception, base_url: str, what: str, attempts: int, *, served: Callable[[], list[str]],
              model: str, section: str) -> Exception:
    """The error to raise for an openai client failure, once the client's own retries are spent:
    what a user can act on (start the server, fix the URL, the key or the model name), never a
    traceback from the HTTP stack. Shared by the chat backend and the embeddings client."""
    if isinstance(e, (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError,
                      openai.ConflictError)) or getattr(e, "status_code", None) == 408:
        kind = "timed out" if isinstance(e, openai.APITimeoutError) else f"failed ({type(e).__name__}: {e})"
        return BackendUnavailable(
            f"The model server at {base_url} {kind} after {attempts} attempt(s) of {what}.",
            f"Start the server or fix [{section}] base_url (MFM_{section.upper()}_BASE_URL); check it with "
            f"`curl {base_url}/models`.")
    if isinstance(e, openai.AuthenticationError):
        return BackendUnavailable(f"The server at {base_url} refused the API key ({e.status_code}).",
                                  f"Put the key in the environment variable named by [{section}] api_key_env.")
    if isinstance(e, openai.NotFoundError):
        return ModelNotFound(f"The server at {base_url} does not serve a model named '{model}' "
                             f"(or has no {what} endpoint).",
                             f"Served models: {', '.join(served()) or 'unknown'}; "
                             f"set [{section}] model (MFM_{section.upper()}_MODEL).")
    if isinstance(e, (openai.BadRequestError, openai.UnprocessableEntityError)):
        msg = str(getattr(e, "message", e))
        if re.search(r"context|too long|exceed", msg, re.I):
            return ContextOverflow(f"The server at {base_url} refused the input as too long for its context: {msg}",
                                   "Shorten the input, or serve the model with a longer context.")
        return InvalidInput(f"The server at {base_url} rejected the request: {msg}")
    return BackendUnavailable(f"The model server at {base_url} answered {what} with an error: {e}")
