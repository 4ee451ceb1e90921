"""Evidence selection: keep the passages that bear on the question, narrowed to the exact span.

Most top-k passages from a retriever do not help answer a medical question, and showing them to
a model lowers accuracy (MedRAG; "Towards Omni-RAG"), so every retrieved passage gets a kept or
dropped decision with its reason, recorded in the audit log. A kept passage is narrowed to the
sentences that match the question (with their heading), which is the span the answer cites and
keeps the prompt small for a 2-core CPU. Instruction-like sentences are cut out here, before
either composer sees them.

Relevance is the share of the question's terms (or of their terminology synonyms and translations)
a passage contains. For a passage in the other language, whose sentences cannot contain the
question's own words and rarely all its translated terms, the retriever's cross-lingual dense
similarity may stand in, and when none of its sentences matches lexically it is shown from its
start rather than dropped as "only a heading matches" (on one language dense similarity rates any
two clinical texts as similar, so there it never stands in). A passage is kept when it clears an
absolute bar and is within a factor of the best passage; whether it states what was asked is
the next step's question (``relevance``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..records import Evidence
from ..text import sentences as sentence_spans
from . import terms
from .injection import is_instruction_like
from .sentences import is_heading

MIN_RELEVANCE = 0.34
RELATIVE = 0.5
MAX_KEPT = 5
MAX_SPAN_CHARS = 700
# Cross-lingual query-passage similarities of the default embedder (multilingual-e5-small, whole
# chunks with their section path): Chinese questions against English guideline chunks sit at
# 0.82-0.88 for other guidelines and 0.83-0.89 for the one that answers (retrieval dev set,
# 5th-95th percentiles); rescaled to [0, 1] between those bounds.
DENSE_LOW, DENSE_HIGH = 0.80, 0.88
DENSE_WEIGHT = 0.8  # dense alone is weaker evidence of relevance than matching terms
# Terminology synonyms name the topic only (not "first-line", "dose"), so matching them all counts
# for somewhat less than matching the question's own words.
BRIDGE_WEIGHT = 0.8
# A passage whose sentences match nothing while its section path does counts for somewhat less
# than one whose own statements match.
SECTION_WEIGHT = 0.8
# Below this share of the question's terms, a sentence's match is chance (one shared word in a
# list item), not where the passage answers: the passage is then shown from its start.
WEAK_BODY = 0.2


@dataclass
class Decision:
    chunk_id: str
    source_id: str
    title: str
    relevance: float
    kept: bool
    reason: str
    removed_instructions: int = 0

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class Selection:
    kept: list[Evidence]
    decisions: list[Decision] = field(default_factory=list)

    @property
    def suspicious(self) -> list[Decision]:
        return [d for d in self.decisions if d.removed_instructions]


def dense_relevance(ev: Evidence) -> float | None:
    d = ev.scores.get("dense")
    if d is None:
        return None
    return max(0.0, min(1.0, (d - DENSE_LOW) / (DENSE_HIGH - DENSE_LOW)))


def relevance(query_terms: set[str], ev: Evidence, question_lang: str,
              bridge_terms: set[str] = frozenset()) -> tuple[float, str]:
    if ev.chunk.kind == "fact" and ev.chunk.fact:
        # graph facts are fetched for a concept named in the question and a relation it asks about
        return ev.score, f"graph facts: {ev.chunk.fact[0]} > {ev.chunk.fact[1]}"
    # A chunk is read with its section path (document title > heading): a list item deep in a
    # pneumonia guideline is about pneumonia even when it does not repeat the word.
    text = f"{ev.chunk.section}\n{ev.chunk.text}" if ev.chunk.section else ev.chunk.text
    lexical = terms.overlap(query_terms, text)
    bridged = BRIDGE_WEIGHT * terms.overlap(bridge_terms, text)
    dense = dense_relevance(ev)
    if dense is not None and ev.chunk.language != question_lang and DENSE_WEIGHT * dense > max(lexical, bridged):
        return DENSE_WEIGHT * dense, f"cross-lingual dense similarity {dense:.2f}"
    if bridged > lexical:
        return bridged, f"{bridged / BRIDGE_WEIGHT:.0%} of the question's synonym / translated terms"
    return lexical, f"{lexical:.0%} of the question's terms"


def narrow(ev: Evidence, query_terms: set[str], from_start: bool = False) -> tuple[Evidence, int, float]:
    """The evidence with its span set to the matching sentences (plus their heading), how many
    instruction-like sentences were cut out, and how well its best statement (not a heading)
    matches the question. ``from_start``: the span runs from the passage's first sentence as far
    as the span limit allows (a passage in the other language, located by meaning, not words)."""
    if ev.chunk.kind == "fact":
        return ev, 0, 1.0
    text = ev.chunk.text
    spans = sentence_spans(text)
    clean = [(s, e) for s, e in spans if not is_instruction_like(text[s:e])]
    removed = len(spans) - len(clean)
    if not clean:
        return ev, removed, 0.0
    scored = [terms.overlap(query_terms, text[s:e]) for s, e in clean]
    heading = [is_heading(text[s:e]) for s, e in clean]
    body = [i for i in range(len(clean)) if not heading[i]]
    pool = body if body and max(scored[i] for i in body) > 0 else range(len(clean))
    best = 0 if from_start else max(pool, key=lambda i: (scored[i], -i))
    lo = best
    while lo > 0 and heading[lo - 1] and best - lo < 2:  # the headings right above give context
        lo -= 1
    hi = best
    while (hi + 1 < len(clean) and (from_start or (scored[hi + 1] > 0 and not heading[hi + 1]))
           and clean[hi + 1][1] - clean[lo][0] <= MAX_SPAN_CHARS):
        hi += 1
    # A cut-out instruction inside the window must not come back through the span: stop before it.
    window = list(clean[lo:hi + 1])
    for k in range(1, len(window)):
        gap = text[window[k - 1][1]:window[k][0]]
        if is_instruction_like(gap):
            window = window[:k]
            break
    start, end = window[0][0], window[-1][1]
    body_score = scored[best] if not heading[best] else 0.0
    if from_start:  # whether the window holds a statement at all, not only headings
        body_score = float(any(not is_heading(text[a:b]) for a, b in window))
    narrowed = ev.model_copy(update={"span_start": ev.chunk.start + start, "span_end": ev.chunk.start + end})
    return narrowed, removed, body_score


def select(query_terms: set[str], evidence: Sequence[Evidence], question_lang: str, *,
           bridge_terms: set[str] = frozenset(), max_kept: int = MAX_KEPT,
           min_relevance: float = MIN_RELEVANCE) -> Selection:
    scored = []
    for ev in evidence:
        rel, why = relevance(query_terms, ev, question_lang, bridge_terms)
        scored.append((rel, why, ev))
    best = max((r for r, _, _ in scored), default=0.0)
    sel = Selection(kept=[])
    ranked: list[tuple[float, int, Evidence]] = []
    for rel, why, ev in scored:
        narrowed, removed, body = narrow(ev, query_terms | bridge_terms)
        if body < WEAK_BODY and ev.chunk.kind != "fact" and rel >= min_relevance:
            # Only its section path (or, in the other language, its meaning) matches: a list of
            # regimens under "Outpatient > Healthy adults" repeats neither the disease nor "treatment".
            narrowed, removed, statement = narrow(ev, query_terms | bridge_terms, from_start=True)
            body = statement * rel * (1.0 if ev.chunk.language != question_lang else SECTION_WEIGHT)
        d = Decision(ev.chunk.id, ev.source.id, ev.source.title, round(rel, 3), False, "",
                     removed_instructions=removed)
        sel.decisions.append(d)
        if rel < min_relevance:
            d.reason = f"does not bear on the question ({why}; bar {min_relevance:.0%})"
        elif rel < RELATIVE * best:
            d.reason = f"much weaker than the best passage ({why})"
        elif not narrowed.quote.strip() or is_instruction_like(narrowed.quote):
            d.reason = "nothing left once instruction-like text was removed"
        elif body == 0:
            d.reason = f"only a heading matches the question ({why})"
        elif any(terms.coverage(narrowed.quote, k.quote) >= 0.9 for _, _, k in ranked):
            d.reason = "repeats a passage already kept"
        else:
            d.kept, d.reason = True, why
            ranked.append(((rel + body) / 2, len(ranked), narrowed))
            d.relevance = round((rel + body) / 2, 3)
    # The passages whose own statements match best come first; the rest beyond max_kept are dropped.
    ranked.sort(key=lambda x: (-x[0], x[1]))
    for _, _, ev in ranked[max_kept:]:
        d = next(x for x in sel.decisions if x.chunk_id == ev.chunk.id and x.kept)
        d.kept, d.reason = False, f"beyond the {max_kept} passages shown"
    sel.kept = [ev for _, _, ev in ranked[:max_kept]]
    return sel
