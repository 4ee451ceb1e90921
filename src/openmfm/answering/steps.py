"""The steps of ``ask``, in order: screen, understand, retrieve, select, scope, conflicts,
answerable, verdict, compose, verify, decide. Each reads and fills the shared ``AskState`` and may end the chain early.

The output gate and the audit entry are not steps: ``pipeline.finish`` runs them on whatever the
chain produced, so no step can skip them.
"""

from __future__ import annotations

from ..errors import InvalidInput
from ..knowledge.kb import MAX_QUERY_CHARS
from ..records import Answer, Flag, GenerationParams
from ..safety.access import require
from ..safety.gate import check_input
from . import compose as composer
from . import conflicts as conflict_rules
from .chain import AskState, step
from .phrases import say
from .question import understand as understand_question
from .relevance import MIN_RELEVANCE, answer_relevance, is_graph
from .retrieve import retrieve as retrieve_evidence
from .scope import in_scope
from .select import select as select_evidence
from .verdict import read_verdict
from .verify import answer_support
from .verify import verify as verify_claims

LOW_SUPPORT = 0.6  # an answer whose mean support is below this gets an uncertainty flag
ANSWER_MAX_TOKENS = 320


def _model(state: AskState):
    """The chat model, loaded on first need (generate mode, a rewrite or a judge)."""
    if state.model is None:
        spec = state.model_spec
        if spec is not None and not isinstance(spec, str):
            state.model = spec
        else:
            from ..models import load_model  # deferred: llama.cpp loads only when a step needs a model

            state.model = load_model(state.cfg, name=spec)
        p = state.provenance
        p.model, p.model_sha256, p.backend = state.model.name, state.model.sha256, state.model.backend
    return state.model


@step("screen", reads=("question", "mode"))
def screen(state: AskState) -> dict:
    """Access control and the input gate: the one place a question is validated."""
    limit = min(state.cfg.answer.max_question_chars, state.policy.input.max_chars)
    if not isinstance(state.question, str) or not state.question.strip():
        raise InvalidInput("The question is empty.", 'Ask a medical question, e.g. mfm ask "What is the first-line '
                           'treatment for community-acquired pneumonia?"')
    if len(state.question) > limit:
        raise InvalidInput(f"The question has {len(state.question):,} characters; the limit is {limit:,}.",
                           "Ask a shorter question (the limit is the smaller of [answer] max_question_chars and the "
                           "policy's [input] max_chars); to work on a long document, de-identify or structure it first.")
    require(state.ctx, "ask", policy=state.policy, cfg=state.cfg)
    decision = check_input(state.question, state.ctx, state.policy)
    state.text, state.language = decision.text, decision.language
    state.flags.extend(decision.flags)
    state.provenance.policy_version = decision.policy_version
    if not decision.allowed:
        state.answer = Answer(**state.base(), text=decision.refusal or "", flags=list(state.flags), abstained=True,
                              provenance=state.provenance)
    return {"allowed": decision.allowed, "language": decision.language, "flags": [f.kind for f in decision.flags]}


@step("understand", reads=("text", "language", "rewrite"))
def understand(state: AskState) -> dict:
    model = _model(state) if state.rewrite else None
    state.q = q = understand_question(state.text, state.language, state.cfg, model=model, use_rewrite=state.rewrite)
    return {"query": q.query, "concepts": q.concepts, "terms": q.terms, "expansions": q.expansions}


@step("retrieve", reads=("as_of",))
def retrieve(state: AskState) -> dict:
    """Hybrid search at twice the configured depth (selection is cheap and drops most of it)."""
    if state.kb_spec is not None and not isinstance(state.kb_spec, str):
        state.kb = state.kb_spec
    else:
        from ..knowledge import open_kb  # deferred: opening a KB loads its indexes

        state.kb = open_kb(state.cfg, name=state.kb_spec)
    q = state.q
    query = q.query[:MAX_QUERY_CHARS]  # a model's rewrite widens the query; it never makes it refused
    state.retrieved = retrieve_evidence(state.kb, q, k=2 * state.cfg.kb.top_k, as_of=state.as_of, query=query)
    state.snapshot = state.provenance.kb_snapshot = state.kb.snapshot(state.as_of)
    return {"kb": state.kb_name, "snapshot": state.snapshot, "query": query, "retrieved": len(state.retrieved)}


@step("select")
def select(state: AskState) -> dict:
    q = state.q
    state.selection = sel = select_evidence(q.terms, state.retrieved, state.language, bridge_terms=q.bridge_terms)
    return {"kept": [d.chunk_id for d in sel.decisions if d.kept], "dropped": sum(not d.kept for d in sel.decisions)}


@step("scope")
def scope(state: AskState) -> dict:
    """Out of scope or nothing kept ends the chain; an answer never rests on no evidence."""
    from ..models.embeddings import load_embedder  # deferred: the embedder loads its weights

    state.embedder = load_embedder(state.cfg)
    sel, lang = state.selection, state.language
    best = max((d.relevance for d in sel.decisions), default=0.0)
    medical, why = in_scope(state.q.text, state.embedder, medical_terms=len(state.q.concepts), best_relevance=best)
    if not medical:
        state.flags.append(Flag(kind="out_of_scope", severity="info", message=say("out_of_scope", lang),
                                details={"reason": why}))
        state.answer = Answer(**state.base(), text=say("out_of_scope", lang), flags=list(state.flags), abstained=True,
                              provenance=state.provenance)
        return {"medical": False, "reason": why}
    state.flags.extend(_suspicious_flags(state))
    if not sel.kept:
        state.answer = abstain(state, say("abstain", lang))
    return {"medical": True, "reason": why, "best_relevance": round(best, 4), "kept": len(sel.kept)}


@step("conflicts")
def conflicts(state: AskState) -> dict:
    """Order the kept passages by source priority and flag what disagrees."""
    kept = state.selection.kept
    found = conflict_rules.find_conflicts(kept)
    order = conflict_rules.order_by_priority(kept, found)
    state.evidence = [kept[i] for i in order]
    numbers = [order.index(i) + 1 for i in range(len(kept))]
    state.flags.extend(conflict_rules.conflict_flags(kept, found, numbers, state.language))
    return {"conflicts": len(found), "order": [e.chunk.id for e in state.evidence]}


@step("answerable")
def answerable(state: AskState) -> dict:
    """The kept passages must answer the question asked (its subject and the thing it asks for),
    not just share its topic; graph facts stay only as the relation asked for."""
    state.relevance = rel = answer_relevance(state.q, state.evidence)
    facts_off = [i for i, e in enumerate(state.evidence) if is_graph(e) and i not in rel.answering]
    if facts_off and len(facts_off) < len(state.evidence):
        state.evidence = [e for i, e in enumerate(state.evidence) if i not in facts_off]
    if rel.score < MIN_RELEVANCE:
        lang = state.language
        missing = ("、" if lang == "zh" else "; ").join(say(f"missing_{m}", lang, topic=state.q.topic) for m in rel.missing)
        state.answer = abstain(state, say("not_answered", lang, missing=missing or say("missing_link", lang)))
        state.answer.relevance_score = rel.score
    return {"asked": rel.asked, "relevance": rel.score, "subject": rel.subject, "missing": rel.missing,
            "answering": len(rel.answering), "facts_dropped": len(facts_off)}


@step("verdict", reads=("mode",))
def verdict(state: AskState) -> dict:
    """A yes/no question gets an explicit verdict read from the evidence (generate mode: it needs
    the model); the composed sentences then give the evidence for it."""
    if state.mode != "generate" or state.relevance is None or state.relevance.asked != "yes_no":
        return {"verdict": None}
    state.verdict, probs = read_verdict(state.q.text, state.evidence, state.language, _model(state))
    return {"verdict": state.verdict, "probabilities": probs}


@step("compose", reads=("mode",))
def compose(state: AskState) -> dict:
    """The model drafts from the evidence (generate) or the evidence is quoted (extractive); a
    model that writes nothing usable falls back to quoting, and says so."""
    q, cfg = state.q, state.cfg
    if state.mode == "generate":
        model = _model(state)
        params = GenerationParams(temperature=cfg.model.temperature, seed=cfg.model.seed,
                                  max_tokens=min(cfg.model.max_tokens, ANSWER_MAX_TOKENS))
        draft = composer.generate(q.text, state.evidence, state.language, model, params, on_text=state.stream_callback)
        if not draft.sentences:
            fallback = composer.extractive(q.terms | q.bridge_terms, state.evidence, lang=state.language)
            fallback.raw, fallback.notes = draft.raw, draft.notes + ["composed extractively instead"]
            state.flags.append(Flag(kind="uncertainty", severity="info",
                                    message=say("fallback", state.language, model=model.name),
                                    details={"notes": draft.notes}))
            draft, state.mode = fallback, "extractive"
        else:
            composer.restore_conditions(draft, state.evidence, state.language, q.text)
    else:
        draft = composer.extractive(q.terms | q.bridge_terms, state.evidence, lang=state.language)
    state.draft = draft
    return {"mode": state.mode, "sentences": len(draft.sentences), "notes": draft.notes}


@step("verify")
def verify(state: AskState) -> dict:
    state.claims = verify_claims(state.draft.sentences, state.evidence, min_support=state.cfg.answer.min_support,
                                 embedder=state.embedder, judge=_model(state) if state.judge else None,
                                 question=state.q.text)
    return {"support": [c.support for c in state.claims]}


@step("decide")
def decide(state: AskState) -> dict:
    """Apply the unsupported-statement policy; nothing shown means an abstention, not an answer."""
    lang, claims, policy = state.language, state.claims, state.cfg.answer.unsupported
    bad = [c for c in claims if c.support == "unsupported"]
    if bad:
        which = " | ".join(c.text for c in bad)
        details = {"statements": [{"text": c.text, "reasons": c.reasons} for c in bad]}
        if policy == "remove":
            for c in bad:
                c.removed = True
            state.flags.append(Flag(kind="unsupported_removed", message=say("removed", lang, n=len(bad), which=which),
                                    details=details))
        else:
            state.flags.append(Flag(kind="unsupported_marked", message=say("marked", lang, n=len(bad), which=which),
                                    details=details))
    generation = state.draft.generation
    if not any(not c.removed for c in claims):
        ans = abstain(state, say("all_unsupported", lang) if claims else say("abstain", lang))
        ans.claims, ans.generation = claims, generation
        state.answer = ans
        return {"shown": 0, "abstained": True}
    evidence_langs = {e.chunk.language for e in state.evidence}
    lead = say("quoted_other_language", lang) if state.mode == "extractive" and lang not in evidence_langs else ""
    if state.verdict:
        lead = "\n".join(x for x in (say("verdict", lang, verdict=say(f"verdict_{state.verdict}", lang)), lead) if x)
    support = answer_support(claims)
    if support < LOW_SUPPORT:
        state.flags.append(Flag(kind="uncertainty", message=say("low_support", lang, score=support),
                                details={"support_score": support}))
    state.answer = Answer(**state.base(), text=render(claims, lang, policy, lead), claims=claims,
                          evidence=state.evidence, flags=list(state.flags), support_score=support,
                          relevance_score=state.relevance.score if state.relevance else None, verdict=state.verdict,
                          provenance=state.provenance, generation=generation)
    return {"shown": sum(not c.removed for c in claims), "support_score": support}


STEPS = (screen, understand, retrieve, select, scope, conflicts, answerable, verdict, compose, verify, decide)


def _suspicious_flags(state: AskState) -> list[Flag]:
    seen: dict[str, Flag] = {}
    for d in state.selection.suspicious:
        if d.source_id not in seen:
            seen[d.source_id] = Flag(kind="suspicious_source", message=say("suspicious", state.language, title=d.title),
                                     details={"source_id": d.source_id, "removed_sentences": d.removed_instructions})
    return list(seen.values())


def abstain(state: AskState, reason: str) -> Answer:
    """An abstention that names the KB, snapshot and query searched, the closest passage, and what to add."""
    q, sel, lang = state.q, state.selection, state.language
    kb_label = state.kb_name or "default"
    if state.retrieved:
        top = max(sel.decisions, key=lambda d: d.relevance)
        best = f"“{top.title}”（{top.reason}）" if lang == "zh" else f"'{top.title}' ({top.reason})"
        searched = say("searched", lang, kb=kb_label, snapshot=state.snapshot, query=q.text, n=len(state.retrieved),
                       best=best)
    else:
        searched = say("searched_none", lang, kb=kb_label, snapshot=state.snapshot, query=q.text)
    suggestion = say("suggest", lang, topic=q.topic)
    flags = [*state.flags, Flag(kind="insufficient_evidence", message=reason,
                                details={"searched": q.query, "passages": len(state.retrieved), "suggestion": suggestion})]
    return Answer(**state.base(), text="\n".join([reason, searched, suggestion]), flags=flags, abstained=True,
                  provenance=state.provenance)


def _with_markers(claim, lang: str, mark: str = "") -> str:
    nums = "".join(f"[{c.n}]" for c in claim.citations)
    text = claim.text
    end = text[-1] if text and text[-1] in "。！？.!?" else ""
    body = text[:-1] if end else text
    sep = "" if lang == "zh" else " "
    return f"{body}{sep + nums if nums else ''}{mark}{end}"


def render(claims, lang: str, policy: str, lead: str = "") -> str:
    """The answer's prose: shown claims with their [n] markers, in the question's language."""
    joiner = "" if lang == "zh" else " "
    parts = []
    for c in claims:
        if c.removed:
            continue
        mark = say("unsupported_mark", lang) if c.support == "unsupported" and policy == "mark" else ""
        parts.append(_with_markers(c, lang, mark))
    body = joiner.join(parts)
    return f"{lead}\n{body}" if lead and body else body
