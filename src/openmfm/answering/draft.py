"""What composition hands to verification: sentences with the evidence numbers they cite.

Both composers (extractive and generate) produce a ``Draft``; the verifier turns its sentences
into shared ``Claim`` records. Keeping the draft separate from the final answer is what lets the
audit log store both, and shows which sentences the verifier removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import GenerationRecord


@dataclass
class DraftSentence:
    text: str
    cites: list[int]  # 1-based numbers into the evidence list, as printed [n]


@dataclass
class Draft:
    mode: str
    sentences: list[DraftSentence]
    raw: str = ""  # the composer's raw output (model JSON) for the audit log
    generation: GenerationRecord | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)
