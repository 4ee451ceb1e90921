"""The default backend: llama-cpp-python over a registered GGUF file, in process.

We apply the GGUF's own chat template with llama-cpp-python's ``Jinja2ChatFormatter`` (exactly
what its ``create_chat_completion`` does) and generate from the token ids, so the prompt is
tokenised once and its length is known before generation: that is what makes the context check,
token counts and choice scoring exact. One ``Llama`` context is not thread-safe, so calls are
serialised by a lock; batches therefore run one at a time here (use the openai backend against a
server for parallel throughput).
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

import llama_cpp
import numpy as np
from llama_cpp import Llama, LlamaGrammar, StoppingCriteriaList
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from ..config import Config
from ..errors import ConfigError, InvalidInput
from ..records import ChoiceScores, GenerationParams, GenerationRecord, Message
from .base import ChatModel, MessagesIn, Usage, as_messages, best_choice, fit_completion
from .registry import local_file, pulled_sha256

# llama-cpp-python's own chat defaults, kept so that our outputs match a direct call to it.
SAMPLING = {"top_k": 40, "min_p": 0.05, "repeat_penalty": 1.1}

# ChatML, for a GGUF that carries no chat template.
CHATML = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content']"
          " + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")


class LlamaCppModel(ChatModel):
    backend = "llama-cpp"

    def __init__(self, path: str | Path, *, name: str, sha256: str | None, n_ctx: int = 4096,
                 n_threads: int = 0, seed: int = 42, defaults: GenerationParams | None = None,
                 timeout_s: float | None = None):
        self.name, self.sha256, self.path = name, sha256, Path(path)
        self.n_threads = n_threads or os.cpu_count() or 1
        try:
            self._llm = Llama(model_path=str(path), n_ctx=n_ctx, n_threads=self.n_threads, seed=seed, verbose=False)
        except ValueError as e:
            raise ConfigError(f"llama.cpp could not load {path}: {e}",
                              f"Check the file with `mfm models verify {name}`.") from None
        self.context_length = self._llm.n_ctx()
        self.defaults = defaults or GenerationParams()
        self.timeout_s = timeout_s
        eos, bos = self._llm.token_eos(), self._llm.token_bos()
        model = self._llm._model
        self._formatter = Jinja2ChatFormatter(
            template=self._llm.metadata.get("tokenizer.chat_template") or CHATML,
            eos_token=model.token_get_text(eos) if eos != -1 else "",
            bos_token=model.token_get_text(bos) if bos != -1 else "",
            stop_token_ids=[eos] if eos != -1 else None,
        )
        self._lock = threading.RLock()

    @classmethod
    def from_config(cls, cfg: Config, name: str, defaults: GenerationParams | None = None) -> "LlamaCppModel":
        """``name`` is a registered model, pulled (see ``registry.local_file``)."""
        return cls(local_file(name, cfg), name=name, sha256=pulled_sha256(name, cfg), n_ctx=cfg.model.n_ctx,
                   n_threads=cfg.model.n_threads, seed=cfg.model.seed, defaults=defaults,
                   timeout_s=cfg.model.timeout_s)

    # ------------------------------------------------------------------ tokens
    def _prompt(self, messages: list[Message], add_generation_prompt: bool = True) -> tuple[list[int], list[str]]:
        self._formatter.add_generation_prompt = add_generation_prompt
        res = self._formatter(messages=[m.model_dump() for m in messages])
        tokens = self._llm.tokenize(res.prompt.encode("utf-8"), add_bos=not res.added_special, special=True)
        stop = res.stop if isinstance(res.stop, list) else ([res.stop] if res.stop else [])
        return tokens, stop

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def count_message_tokens(self, messages: MessagesIn) -> int:
        with self._lock:
            return len(self._prompt(as_messages(messages))[0])

    def _record_params(self) -> dict[str, Any]:
        return {**SAMPLING, "n_ctx": self.context_length, "n_threads": self.n_threads}

    # ------------------------------------------------------------------ generation
    def _generate(self, messages: list[Message], params: GenerationParams, schema: dict[str, Any] | None,
                  abort: threading.Event) -> Iterator[str | Usage]:
        with self._lock:
            tokens, template_stop = self._prompt(messages)
            max_tokens = fit_completion(len(tokens), params.max_tokens, self.context_length)
            usage = Usage(prompt_tokens=len(tokens), completion_tokens=0)
            yield usage
            grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False) if schema else None

            def step(_ids: Any, _logits: Any) -> bool:  # called once per sampled token
                usage.completion_tokens += 1
                return abort.is_set()

            # llama.cpp evaluates a single token through other kernels than a batch, so reusing a
            # cached prompt prefix shifts logits slightly and can flip a greedy choice: forget
            # the cache, so that the same request always gives the same answer.
            self._llm.reset()
            chunks = self._llm.create_completion(
                prompt=tokens, max_tokens=max_tokens, temperature=params.temperature, top_p=params.top_p,
                seed=params.seed, stop=list(params.stop) + template_stop, stream=True, grammar=grammar,
                stopping_criteria=StoppingCriteriaList([step]), **SAMPLING)
            try:
                for chunk in chunks:
                    choice = chunk["choices"][0]
                    if choice["text"]:
                        yield choice["text"]
                    if choice.get("finish_reason"):
                        usage.finish_reason = choice["finish_reason"]
                # Each kept token is evaluated before the next is sampled; the last one is not
                # (an EOS is not kept; the max_tokens-th is kept but never evaluated).
                evaluated = self._llm.n_tokens - len(tokens)
                usage.completion_tokens = evaluated + (usage.finish_reason == "length")
            finally:
                chunks.close()

    # ------------------------------------------------------------------ scoring
    def score_choices(self, messages: MessagesIn, choices: Sequence[str]) -> ChoiceScores:
        """Exact log-probabilities: the prompt is evaluated once, then each choice token by token
        from the same position (its KV cache kept), reading the logits llama.cpp returns."""
        if not choices or len(set(choices)) != len(choices):
            raise InvalidInput("score_choices needs at least one choice and no duplicates.")
        msgs = as_messages(messages)
        t0 = time.perf_counter()
        llm = self._llm
        out: dict[str, float] = {}
        with self._lock:
            prompt, _ = self._prompt(msgs)
            n_choice_max = max(len(self._choice_ids(c)) for c in choices)
            fit_completion(len(prompt), n_choice_max, self.context_length)
            n_vocab = llm.n_vocab()

            def logprobs_last() -> np.ndarray:
                ptr = llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1)
                logits = np.ctypeslib.as_array(ptr, shape=(n_vocab,)).astype(np.float64)
                m = logits.max()
                return logits - (m + np.log(np.exp(logits - m).sum()))

            llm.reset()  # see _generate: reproducible numbers need the prompt evaluated whole
            llm.eval(prompt)
            first = logprobs_last()
            base = llm.n_tokens
            for c in choices:
                ids = self._choice_ids(c)
                total = float(first[ids[0]])
                llm.n_tokens = base
                for prev, nxt in zip(ids[:-1], ids[1:]):
                    llm.eval([prev])
                    total += float(logprobs_last()[nxt])
                out[c] = total
            llm.n_tokens = base
        record = GenerationRecord(backend=self.backend, model=self.name, model_sha256=self.sha256,
                                  params={"method": "exact token log-probs", **self._record_params()},
                                  prompt_tokens=len(prompt), completion_tokens=0,
                                  latency_s=round(time.perf_counter() - t0, 4))
        return ChoiceScores(logprobs=out, best=best_choice(out), record=record)

    def _choice_ids(self, text: str) -> list[int]:
        ids = self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        if not ids:
            raise InvalidInput(f"The choice {text!r} has no tokens.", "Give non-empty choices.")
        return ids

    def close(self) -> None:
        with self._lock:
            self._llm.close()
