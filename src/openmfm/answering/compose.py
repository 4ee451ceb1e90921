"""Composition: turn selected evidence into a draft whose every sentence cites it.

``extractive`` needs no model and is instant: it picks the evidence sentences that bear on the
question, joins a list item to its heading so it keeps its context, puts in front of it the
conditions that only a heading further up states ("For high severity (CURB-65 3-5, inpatient/ICU):
..."), groups sentences by the subgroup they apply to, and cites each. ``generate``
asks the model for schema-constrained JSON (sentences with evidence numbers), streaming the
prose to ``on_text`` as it arrives. Either way the draft goes to the verifier next.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from ..errors import GenerationTimeout, OutputFormatError
from ..records import Evidence, GenerationParams
from ..text import HAN
from ..text import sentences as sentence_spans
from . import conditions, terms
from .draft import Draft, DraftSentence
from .injection import is_instruction_like
from .prompt import ANSWER_SCHEMA, answer_messages
from .readable import evidence_text
from .sentences import clean_statement, is_heading
from .stream_view import StreamView

MAX_SENTENCES = 5
PER_EVIDENCE = 2


def evidence_statements(ev: Evidence) -> list[str]:
    """The quoted span as statements: headings folded into the item that follows them."""
    if ev.chunk.kind == "fact":
        return [clean_statement(evidence_text(ev))]
    quote = ev.quote
    raw = [quote[s:e] for s, e in sentence_spans(quote)]
    out: list[str] = []
    heading = ""
    for i, s in enumerate(raw):
        if is_instruction_like(s):
            continue
        if is_heading(s) and i + 1 < len(raw):
            heading = re.sub(r"\*\*|__|[【】]", "", s).strip().rstrip("：:")
            continue
        text = clean_statement(s)
        if heading and not text.lower().startswith(heading.lower()):
            sep = "：" if re.search(HAN, heading) else ": "
            text = f"{heading}{sep}{text}"
        out.append(text)
    return out


def with_conditions(statement: str, ev: Evidence, lang: str | None = None) -> tuple[str, tuple[str, ...]]:
    """The statement with the heading conditions it does not state put in front of it, and the
    subgroup it applies to. In an answer whose language is not the quote's, every condition is
    restated in the answer's language, even one the quoted heading already gives."""
    lang = lang or ev.chunk.language
    finding = conditions.check(statement, [ev])
    unit = finding.unit
    heads = [c for c in (unit.conditions if unit else []) if c.source == "heading" and c.required]
    missing = heads if lang != ev.chunk.language else [c for c in finding.dropped if c.source == "heading"]
    return conditions.restate(statement, missing, lang), tuple(c.text for c in heads)


def extractive(query_terms: set[str], evidence: Sequence[Evidence], *, max_sentences: int = MAX_SENTENCES,
               lang: str | None = None) -> Draft:
    """Chosen, ordered and lightly joined evidence sentences; evidence order is kept (it already
    reflects relevance and source priority), except that sentences for one subgroup stay together.
    ``lang``: the answer's language, for restated conditions (default: each quote's own)."""
    picked: list[DraftSentence] = []
    groups: list[tuple[str, ...]] = []
    for n, ev in enumerate(evidence, 1):
        stmts = evidence_statements(ev)
        if ev.chunk.kind == "fact":
            ranked = stmts[:1]
        else:
            scored = [(terms.overlap(query_terms, s), i, s) for i, s in enumerate(stmts)]
            scored = [x for x in scored if x[0] > 0] or scored[:1]
            best = sorted(scored, key=lambda x: (-x[0], x[1]))[:PER_EVIDENCE]
            ranked = [s for _, _, s in sorted(best, key=lambda x: x[1])]  # document order reads better
        for s in ranked:
            if any(terms.coverage(s, p.text) >= 0.9 for p in picked):
                continue
            text, group = with_conditions(s, ev, lang) if ev.chunk.kind != "fact" else (s, ())
            picked.append(DraftSentence(text, [n]))
            groups.append(group)
        if len(picked) >= max_sentences:
            break
    first = {g: i for i, g in reversed(list(enumerate(groups)))}
    order = sorted(range(len(picked)), key=lambda i: (first[groups[i]], i))
    return Draft(mode="extractive", sentences=[picked[i] for i in order][:max_sentences])


def restore_conditions(draft: Draft, evidence: Sequence[Evidence], lang: str, question: str = "") -> int:
    """Put back, in front of a generated sentence, the conditions of its cited evidence that it
    dropped (the model was asked to state them; a small one often does not). Only a dropped
    condition is restored: a changed or generalised one is a different claim, left to the
    verifier. The reader then sees the subgroup the quote is true for, as an extractive answer
    shows it. How many sentences were restated."""
    n = 0
    for s in draft.sentences:
        cited = [evidence[i - 1] for i in dict.fromkeys(s.cites) if 1 <= i <= len(evidence)]
        if not cited:
            continue
        finding = conditions.check(s.text, cited, given=question)
        if finding.dropped and not (finding.changed or finding.generalised):
            s.text = conditions.restate(s.text, finding.dropped, lang)
            n += 1
    if n:
        draft.notes.append(f"{n} sentence(s) restated with the conditions of their cited evidence")
    return n


def generate(question: str, evidence: Sequence[Evidence], lang: str, model, params: GenerationParams, *,
             on_text: Callable[[str], None] | None = None) -> Draft:
    """The model writes from numbered evidence; its JSON is parsed into cited sentences."""
    messages = answer_messages(question, evidence, lang)
    view = StreamView()
    final = None
    try:
        for item in model.stream(messages, params, json_schema=ANSWER_SCHEMA):
            if isinstance(item, str):
                if on_text is not None:
                    shown = view.feed(item)
                    if shown:
                        on_text(shown)
            else:
                final = item
    except (OutputFormatError, GenerationTimeout) as e:
        # A small model can still break the schema, and a busy CPU can run past the time limit;
        # the caller decides what to fall back to.
        return Draft(mode="generate", sentences=[], raw=getattr(e, "partial", "") or view.buffer,
                     notes=[f"no usable model output: {e.message}"])
    parsed = final.parsed or {}
    sentences = []
    for s in parsed.get("sentences", []):
        text = " ".join(str(s.get("text", "")).split())
        if text:
            cites = [int(c) for c in s.get("citations", []) if isinstance(c, int) or str(c).isdigit()]
            sentences.append(DraftSentence(text, cites))
    return Draft(mode="generate", sentences=sentences, raw=final.text, generation=final.record)
