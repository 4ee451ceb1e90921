"""The one model interface every backend implements (llama-cpp, openai, transformers).

Callers never import a backend module: they call ``openmfm.models.load_model`` and get a
``ChatModel``. Every result carries a ``GenerationRecord`` naming what produced it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Iterator, Sequence

from ..records import ChoiceScores, Generation, GenerationParams, Message


class ChatModel(ABC):
    backend: str
    name: str
    sha256: str | None = None
    context_length: int

    @abstractmethod
    def chat(self, messages: Sequence[Message], params: GenerationParams | None = None, *,
             json_schema: dict[str, Any] | None = None, timeout_s: float | None = None) -> Generation:
        """Messages in, text out; with ``json_schema`` the output is constrained and validated."""

    @abstractmethod
    def stream(self, messages: Sequence[Message], params: GenerationParams | None = None, *,
               timeout_s: float | None = None) -> Iterator[str | Generation]:
        """Yield text pieces as they arrive, then one final ``Generation`` with the full record."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens in ``text`` under this model's tokenizer."""

    @abstractmethod
    def score_choices(self, messages: Sequence[Message], choices: Sequence[str]) -> ChoiceScores:
        """Total log-probability of each choice as the assistant's reply (multiple-choice scoring)."""

    def batch(self, requests: Sequence[Sequence[Message]], params: GenerationParams | None = None, *,
              concurrency: int = 4) -> list[Generation]:
        """Run many chats with bounded concurrency; results keep the input order."""
        return [self.chat(m, params) for m in requests]

    def close(self) -> None:
        """Release weights or connections."""
