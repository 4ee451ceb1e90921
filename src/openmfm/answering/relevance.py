"""Does the evidence answer the question that was asked, not merely share its topic?

A quoted span always "supports" itself, so citation support says nothing about whether an answer
answers anything: a list of a drug's indications that shares one word with a question about its
dose is perfectly supported and useless. Before composing, the kept passages are checked for the
question's subject (a concept the terminology recognised, in either language) and for the kind of
thing it asks for (a dose needs an amount with a unit, a threshold a number, a choice of treatment
a recommendation, a timing a time). Relevance is scored separately from support and both are
shown; a question no kept passage answers ends in an abstention that says what is missing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..records import Evidence
from .question import Question

# The score is the share of: the subject is in a kept passage; the thing asked for is; one passage
# holds both. Anything less than all three is not an answer to this question.
MIN_RELEVANCE = 1.0


@dataclass(frozen=True)
class Kind:
    name: str
    question: tuple[re.Pattern[str], ...]
    evidence: re.Pattern[str]
    relations: tuple[str, ...]


@dataclass
class Relevance:
    score: float
    asked: str
    subject: list[str] = field(default_factory=list)  # names of the question's concepts found in the evidence
    missing: list[str] = field(default_factory=list)  # what no kept passage states
    answering: list[int] = field(default_factory=list)  # indices of the passages that answer it


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    data = tomllib.loads(resources.files("openmfm").joinpath("data/answering/asked.toml").read_text(encoding="utf-8"))

    def rx(table: dict, lang: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in table.get(lang, []) + table.get("any", [])) or "(?!)", re.IGNORECASE)

    return tuple(Kind(name, (rx(spec["question"], "en"), rx(spec["question"], "zh")), rx(spec["evidence"], "any"),
                      tuple(spec["relations"])) for name, spec in data.items())


def asked_for(question: str, language: str) -> Kind:
    """The first kind whose question pattern matches (``other`` matches anything)."""
    i = 1 if language == "zh" else 0
    return next(k for k in kinds() if k.question[i].search(question))


def _names(q: Question) -> set[str]:
    """The recognised concepts under every name they may appear as in a passage (both languages)."""
    return {n.lower() for n in [*q.concepts, *q.expansions] if n.strip()}


_RELATION_LABEL = re.compile(r"(?<![^\s】：:])([^\s：:【】、]{1,12})[：:]")


def is_graph(e: Evidence) -> bool:
    """A knowledge-graph fact, or a graph entity's summary (lines of "relation：values")."""
    return e.chunk.kind == "fact" or e.source.doc_type == "kg_fact"


def graph_relations(e: Evidence) -> set[str]:
    """The relations a graph passage's quote states."""
    if e.chunk.kind == "fact" and e.chunk.fact:
        return {e.chunk.fact[1]}
    return {m.group(1) for m in _RELATION_LABEL.finditer(e.quote)}


def answer_relevance(q: Question, evidence: list[Evidence]) -> Relevance:
    kind = asked_for(q.text, q.language)
    texts = [f"{e.chunk.fact[0] if e.chunk.fact else ''}\n{e.chunk.section or ''}\n{e.chunk.text}".lower() for e in evidence]
    quotes = [e.quote for e in evidence]
    names = _names(q)
    subject = sorted(n for n in names if any(n in t for t in texts))[:5]
    has_subject = [not names or any(n in t for n in names) for t in texts]
    states = [bool(kind.evidence.search(quote)) and (not is_graph(e) or bool(graph_relations(e) & set(kind.relations)))
              for e, quote in zip(evidence, quotes)]
    answering = [i for i in range(len(evidence)) if has_subject[i] and states[i]]
    missing = []
    if names and not any(has_subject):
        missing.append("subject")
    if not any(states):
        missing.append(kind.name)
    parts = [any(has_subject), any(states), bool(answering)]
    return Relevance(round(sum(parts) / len(parts), 3), kind.name, subject, missing, answering)
