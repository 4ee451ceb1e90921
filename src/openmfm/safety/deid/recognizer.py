"""The base class every custom recognizer derives from: a Presidio ``EntityRecognizer`` driven
by regular expressions, with an optional value group, a validator and context words.

One identifier type is one subclass (patterns, context and validation together), registered in
``registry.RECOGNIZERS``; adding a type never means editing the engine. Context is matched in
the recognizer itself rather than by Presidio's lemma-based enhancer, because the Chinese
pipeline has no lemmas and Chinese context words span several characters.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult


class RegexRecognizer(EntityRecognizer):
    """Subclasses set ``ENTITY`` and ``PATTERNS`` (regex, score); a named group ``v`` marks the
    value when the pattern also matches a label. ``CONTEXT`` words within ``WINDOW`` characters
    before the value raise the score by ``CONTEXT_BOOST``; ``validate`` may re-type, re-score
    or reject a match."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[tuple[str, float]]]
    LANGS: ClassVar[tuple[str, ...]] = ("zh", "en")
    CONTEXT: ClassVar[str | None] = None
    WINDOW: ClassVar[int] = 24
    CONTEXT_BOOST: ClassVar[float] = 0.35
    FLAGS: ClassVar[int] = re.IGNORECASE

    def __init__(self, language: str):
        self._compiled = [(re.compile(p, self.FLAGS), s) for p, s in self.patterns()]
        self._context = re.compile(self.CONTEXT, re.IGNORECASE) if self.CONTEXT else None
        super().__init__(supported_entities=[self.ENTITY], supported_language=language,
                         name=f"{type(self).__name__}[{language}]")

    def patterns(self) -> list[tuple[str, float]]:
        return self.PATTERNS

    def load(self) -> None:  # patterns are compiled in __init__
        return None

    def validate(self, value: str, text: str, start: int, end: int) -> tuple[str, float] | float | None:
        """Return a score (or (entity, score)) to keep the match, None to drop it."""
        return 1.0

    def has_context(self, text: str, start: int) -> bool:
        return bool(self._context and self._context.search(text, max(0, start - self.WINDOW), start))

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for rx, base in self._compiled:
            for m in rx.finditer(text):
                start, end = (m.span("v") if "v" in rx.groupindex and m.group("v") is not None else m.span())
                if start == end:
                    continue
                verdict = self.validate(text[start:end], text, start, end)
                if verdict is None:
                    continue
                entity, factor = verdict if isinstance(verdict, tuple) else (self.ENTITY, verdict)
                score = base * factor
                if self.has_context(text, start):
                    score += self.CONTEXT_BOOST
                results.append(RecognizerResult(
                    entity_type=entity, start=start, end=end, score=min(score, 1.0),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
