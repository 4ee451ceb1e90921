"""Local Hugging Face models through transformers: a model directory, or a registered GGUF file
dequantised with ``gguf_file=`` (5-7x slower than llama.cpp and 6x the memory, but it is plain
PyTorch: the base for LoRA work and for exact log-probabilities over any text).

``generate`` runs in a worker thread feeding a ``TextIteratorStreamer``; a stopping criterion
counts tokens and ends generation as soon as the caller aborts (stop sequence, timeout, cancel).
JSON output is constrained by lm-format-enforcer's prefix function when that package is installed
and validated either way.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

try:
    import torch
    from transformers import (
        AutoModelForCausalLM,
        AutoTokenizer,
        StoppingCriteria,
        StoppingCriteriaList,
        TextIteratorStreamer,
    )
except ImportError as e:  # an optional extra: say which, since the plugin loader reports this message
    raise ImportError(f"{e}; the transformers backend needs: pip install 'openmfm[transformers]'") from e

from ..config import Config
from ..errors import ConfigError, InvalidInput
from ..records import ChoiceScores, GenerationParams, GenerationRecord, Message
from .base import ChatModel, MessagesIn, Usage, as_messages, best_choice, fit_completion
from .registry import local_file, pulled_sha256

try:  # optional: without it JSON output is validated but not constrained
    from lmformatenforcer import JsonSchemaParser, TokenEnforcer
    from lmformatenforcer.tokenenforcer import TokenEnforcerTokenizerData
except ImportError:
    TokenEnforcer = None  # type: ignore[assignment,misc]

REPETITION_PENALTY = 1.1  # as llama-cpp's chat default, so the backends behave alike


class TransformersModel(ChatModel):
    backend = "transformers"

    def __init__(self, source: str | Path, *, name: str, sha256: str | None = None, gguf_file: str | None = None,
                 n_ctx: int | None = None, n_threads: int = 0, device: str = "cpu",
                 defaults: GenerationParams | None = None, timeout_s: float | None = None):
        # torch's OpenMP workers spin while waiting: on a machine shared with other work, using
        # every core made generation 15x slower here, so "0" (auto) means half the cores.
        self.n_threads = n_threads or max(1, (os.cpu_count() or 2) // 2)
        torch.set_num_threads(self.n_threads)
        kw: dict[str, Any] = {"local_files_only": True}
        if gguf_file:
            kw["gguf_file"] = gguf_file
        try:
            self._tok = AutoTokenizer.from_pretrained(str(source), **kw)
            self._model = AutoModelForCausalLM.from_pretrained(str(source), dtype=torch.float32, **kw).to(device)
        except (OSError, ValueError) as e:
            raise ConfigError(f"transformers could not load {source}{'/' + gguf_file if gguf_file else ''}: {e}",
                              "Give a local Hugging Face model directory or a pulled GGUF model name.") from None
        self._model.eval()
        self.name, self.sha256, self.device = name, sha256, device
        trained = getattr(self._model.config, "max_position_embeddings", None) or 4096
        self.context_length = min(n_ctx, trained) if n_ctx else trained
        self.defaults = defaults or GenerationParams()
        self.timeout_s = timeout_s
        self._lock = threading.Lock()  # one generate at a time: torch's RNG and threads are shared
        self._json_prefix_fn: Callable[[dict[str, Any]], Any] | None = _json_enforcer(self._tok)

    @classmethod
    def from_config(cls, cfg: Config, name: str, defaults: GenerationParams | None = None) -> "TransformersModel":
        """``name`` is a local model directory, or a registered GGUF model (pulled on demand the
        same way as for llama-cpp)."""
        common = dict(n_ctx=cfg.model.n_ctx, n_threads=cfg.model.n_threads, defaults=defaults,
                      timeout_s=cfg.model.timeout_s)
        p = Path(name).expanduser()
        if p.is_dir():
            return cls(p, name=p.name, sha256=None, **common)
        path = local_file(name, cfg)
        return cls(path.parent, name=name, sha256=pulled_sha256(name, cfg), gguf_file=path.name, **common)

    def _record_params(self) -> dict[str, Any]:
        return {"repetition_penalty": REPETITION_PENALTY, "device": self.device, "n_ctx": self.context_length,
                "n_threads": self.n_threads}

    # ------------------------------------------------------------------ tokens
    def _prompt_text(self, messages: list[Message]) -> str:
        return self._tok.apply_chat_template([m.model_dump() for m in messages], tokenize=False,
                                             add_generation_prompt=True)

    def _ids(self, text: str) -> list[int]:
        return list(self._tok(text, add_special_tokens=False)["input_ids"])

    def count_tokens(self, text: str) -> int:
        return len(self._ids(text))

    def count_message_tokens(self, messages: MessagesIn) -> int:
        return len(self._ids(self._prompt_text(as_messages(messages))))

    # ------------------------------------------------------------------ generation
    def _generate(self, messages: list[Message], params: GenerationParams, schema: dict[str, Any] | None,
                  abort: threading.Event) -> Iterator[str | Usage]:
        ids = self._ids(self._prompt_text(messages))
        max_tokens = fit_completion(len(ids), params.max_tokens, self.context_length)
        usage = Usage(prompt_tokens=len(ids), completion_tokens=0)
        yield usage

        aborted: list[bool] = []

        class Step(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **kw: Any) -> Any:
                usage.completion_tokens = input_ids.shape[-1] - len(ids)
                if abort.is_set():
                    aborted.append(True)
                return torch.full((input_ids.shape[0],), abort.is_set(), dtype=torch.bool)

        streamer = TextIteratorStreamer(self._tok, skip_prompt=True, skip_special_tokens=True)
        sample = params.temperature > 0
        kwargs: dict[str, Any] = {
            "input_ids": torch.tensor([ids], device=self.device),
            "attention_mask": torch.ones((1, len(ids)), dtype=torch.long, device=self.device),
            "max_new_tokens": max_tokens, "do_sample": sample, "streamer": streamer,
            "stopping_criteria": StoppingCriteriaList([Step()]), "repetition_penalty": REPETITION_PENALTY,
            "pad_token_id": self._tok.pad_token_id if self._tok.pad_token_id is not None else self._tok.eos_token_id,
        }
        if sample:
            kwargs.update(temperature=params.temperature, top_p=params.top_p)
        else:
            kwargs.update(temperature=None, top_p=None, top_k=None)
        if schema is not None and self._json_prefix_fn is not None:
            kwargs["prefix_allowed_tokens_fn"] = self._json_prefix_fn(schema)
        failure: list[BaseException] = []

        def run() -> None:
            try:
                with self._lock, torch.inference_mode():
                    if params.seed is not None:
                        torch.manual_seed(params.seed)
                    out = self._model.generate(**kwargs)
                new = out.shape[-1] - len(ids)
                usage.completion_tokens = new
                last = int(out[0, -1]) if new else None
                eos = self._model.generation_config.eos_token_id
                eos_ids = set(eos if isinstance(eos, list) else [eos])
                usage.finish_reason = "stop" if (last in eos_ids or aborted) else "length"
            except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
                failure.append(e)
                streamer.end()

        worker = threading.Thread(target=run, name="mfm-transformers-generate", daemon=True)
        worker.start()
        try:
            for piece in streamer:
                yield piece
        finally:
            abort.set()
            worker.join()
        if failure:
            raise failure[0]

    # ------------------------------------------------------------------ scoring
    def score_choices(self, messages: MessagesIn, choices: Sequence[str]) -> ChoiceScores:
        """Exact log-probabilities: one forward pass over prompt + choice per choice, summing the
        log-softmax of each choice token at its position."""
        if not choices or len(set(choices)) != len(choices):
            raise InvalidInput("score_choices needs at least one choice and no duplicates.")
        t0 = time.perf_counter()
        prompt = self._ids(self._prompt_text(as_messages(messages)))
        out: dict[str, float] = {}
        with self._lock, torch.inference_mode():
            for c in choices:
                cids = self._ids(c)
                if not cids:
                    raise InvalidInput(f"The choice {c!r} has no tokens.", "Give non-empty choices.")
                fit_completion(len(prompt), len(cids), self.context_length)
                seq = torch.tensor([prompt + cids], device=self.device)
                logits = self._model(seq).logits[0, len(prompt) - 1 : -1].float()
                logp = torch.log_softmax(logits, dim=-1)
                out[c] = float(logp.gather(1, torch.tensor(cids, device=self.device)[:, None]).sum())
        record = GenerationRecord(backend=self.backend, model=self.name, model_sha256=self.sha256,
                                  params={"method": "exact token log-probs", **self._record_params()},
                                  prompt_tokens=len(prompt), latency_s=round(time.perf_counter() - t0, 4))
        return ChoiceScores(logprobs=out, best=best_choice(out), record=record)

    def close(self) -> None:
        self._model = None  # type: ignore[assignment]


def _json_enforcer(tokenizer: Any) -> Callable[[dict[str, Any]], Any] | None:
    """A factory of ``prefix_allowed_tokens_fn`` constraining output to a JSON schema through
    lm-format-enforcer's framework-neutral ``TokenEnforcer`` (its transformers adapter predates
    transformers 5), or None when the package is absent (output is then only validated).

    The vocabulary table is built on first use: it decodes every token once (seconds).
    """
    if TokenEnforcer is None:
        return None
    table: list[TokenEnforcerTokenizerData] = []

    def tokenizer_data() -> TokenEnforcerTokenizerData:
        if not table:
            special = set(tokenizer.all_special_ids)
            zero = tokenizer.encode("0", add_special_tokens=False)[-1]
            regular = []
            for i in range(len(tokenizer)):
                if i in special:
                    continue
                # decoding after a "0" keeps the leading space a word-start token carries
                after_zero = tokenizer.decode([zero, i])[1:]
                regular.append((i, after_zero, len(after_zero) > len(tokenizer.decode([i]))))
            table.append(TokenEnforcerTokenizerData(
                regular, lambda ids: tokenizer.decode(ids).rstrip("\ufffd"), tokenizer.eos_token_id, False,
                len(tokenizer)))
        return table[0]

    def make(schema: dict[str, Any]) -> Callable[[int, Any], list[int]]:
        enforcer = TokenEnforcer(tokenizer_data(), JsonSchemaParser(schema))
        return lambda _batch, sent: enforcer.get_allowed_tokens(sent.tolist()).allowed_tokens

    return make
