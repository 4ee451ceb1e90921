"""Retrieval for a question: hybrid search over the KB plus knowledge-graph facts.

Text passages come from the KB's hybrid search. When the terminology recognised a concept in the
question and the question asks for something a graph relation holds (treatment, dose, symptoms,
tests, contraindications, adverse effects, causes), the concept's facts for that relation are
added as evidence, so a graph fact is cited like any text span: the span is the relation's
values exactly as they stand in the graph source's text ("阿莫西林、头孢呋辛").
"""

from __future__ import annotations

import re
from datetime import date

from ..records import Chunk, Evidence
from .question import Question

# question cue -> graph relations that answer it (CMeKG relation names)
INTENTS: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"治疗|首选|用药|用什么药|吃什么药|treat|therap|first-line|drug|medication|antibiotic", re.I),
     ("药物治疗", "治疗方案", "治疗")),
    (re.compile(r"剂量|用量|用法|多少毫克|dose|dosing|dosage|how much", re.I), ("用法用量",)),
    (re.compile(r"症状|表现|symptom|sign", re.I), ("临床症状及体征", "常见症状")),
    (re.compile(r"诊断|检查|化验|diagnos|test|exam", re.I), ("检查", "实验室检查", "影像学检查")),
    (re.compile(r"禁忌|contraindicat", re.I), ("禁忌症", "禁忌")),
    (re.compile(r"不良反应|副作用|side effect|adverse", re.I), ("不良反应",)),
    (re.compile(r"病因|原因|cause", re.I), ("病因", "常见病因")),
]
MAX_VALUES = 8  # values quoted per relation: the informative head of long lists
FACT_RELEVANCE = 0.6


def relations_for(question: str) -> list[str]:
    rels: list[str] = []
    for pattern, names in INTENTS:
        if pattern.search(question):
            rels += [r for r in names if r not in rels]
    return rels


def fact_evidence(kb, concept: str, relation: str, as_of: date | None) -> Evidence | None:
    """One evidence item for (concept, relation): the run of values as one contiguous span."""
    facts = kb.facts(concept, relation, as_of=as_of) if hasattr(kb, "facts") else []
    facts = [f for f in facts if f.chunk.fact and f.chunk.fact[1] == relation][:MAX_VALUES]
    if not facts:
        return None
    first, last = facts[0], facts[-1]
    if any(b.chunk.start != a.chunk.end + 1 for a, b in zip(facts, facts[1:])):
        facts, last = facts[:1], first  # not one run of "、"-separated values: quote the first only
    text = "、".join(f.chunk.fact[2] for f in facts)
    subject = first.chunk.fact[0]
    chunk = Chunk(id=f"{first.chunk.id}+{len(facts)}", source_id=first.chunk.source_id, version=first.chunk.version,
                  text=text, start=first.chunk.start, end=last.chunk.end, language=first.chunk.language,
                  section=f"{subject} > {relation}", kind="fact", fact=(subject, relation, text))
    return first.model_copy(update={"chunk": chunk, "span_start": chunk.start, "span_end": chunk.end,
                                    "scores": {"fact": 1.0}, "score": FACT_RELEVANCE})


def retrieve(kb, q: Question, *, k: int, as_of: date | None, query: str | None = None) -> list[Evidence]:
    """Passages for ``query`` (default: the question's query), expanded with the terms ``understand``
    already found and fused with the weights of the question's language (a model's English
    rewrite does not make a Chinese question English), plus the graph facts of the concepts it
    recognised."""
    passages = kb.search(query or q.query, k=k, as_of=as_of, expansion=q.expansions, language=q.language)
    facts = []
    # The graph (CMeKG) is Chinese: its facts answer Chinese questions; in an English answer they
    # would be untranslated quotes the verifier can only match by embedding.
    for concept in (q.graph_entities if q.language == "zh" else []):
        for rel in relations_for(q.text):
            ev = fact_evidence(kb, concept, rel, as_of)
            if ev is not None:
                facts.append(ev)
                break  # the first relation the graph has for this intent
    return passages + facts
