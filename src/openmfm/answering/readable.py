"""How an evidence item reads as text: a passage is its quoted span; a graph fact is its triple.

A fact's span is only the object ("阿莫西林、头孢呋辛"); what the statement rests on is the whole
triple, so the verifier, the prompt and extractive answers all read a fact as a sentence
("社区获得性肺炎 药物治疗：阿莫西林、头孢呋辛") while the citation keeps the exact span.
"""

from __future__ import annotations

from ..records import Evidence


def evidence_text(ev: Evidence) -> str:
    if ev.chunk.kind == "fact" and ev.chunk.fact:
        subject, relation, _ = ev.chunk.fact
        return f"{subject} {relation}：{ev.quote}"
    return ev.quote
