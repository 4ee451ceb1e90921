"""``ask``: the one path from a question to a verified, cited, audited answer.

Stages (each its own module): safety input check -> understand -> retrieve -> select evidence ->
scope / abstention -> conflicts and priority -> compose (extractive | generate) -> verify ->
unsupported-statement policy -> safety output check -> audit. The safety gate is called first
and last on every path, including refusals, out-of-scope notices and abstentions, so no caller
(CLI, Python, HTTP) can get an answer around it.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from typing import Any, Callable

from .. import __version__
from ..audit import AuditLog
from ..config import Config, load_config
from ..errors import InvalidInput
from ..records import Answer, Claim, Flag, GenerationParams, Provenance
from . import compose, conflicts, trail
from .draft import Draft
from .phrases import say
from .question import Question, understand
from .retrieve import retrieve
from .scope import in_scope
from .select import Selection, select
from .verify import answer_support, verify

MODES = ("generate", "extractive")
LOW_SUPPORT = 0.6  # an answer whose mean support is below this gets an uncertainty flag
ANSWER_MAX_TOKENS = 320


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _check_question(question: Any, cfg: Config) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InvalidInput("The question is empty.", 'Ask a medical question, e.g. mfm ask "What is the first-line '
                           'treatment for community-acquired pneumonia?"')
    limit = cfg.answer.max_question_chars
    if len(question) > limit:
        raise InvalidInput(f"The question has {len(question):,} characters; the limit is {limit:,}.",
                           "Ask a shorter question (raise [answer] max_question_chars to change the limit); "
                           "to work on a long document, de-identify or structure it first.")
    return question


def _mode(mode: str | None, cfg: Config) -> str:
    m = (mode or cfg.answer.mode).lower()
    if m not in MODES:
        raise InvalidInput(f"Unknown answer mode '{m}'.", "Use --mode generate or --mode extractive.")
    return m


def _open_kb(kb, cfg: Config):
    if kb is not None and not isinstance(kb, str):
        return kb
    from ..knowledge import open_kb

    return open_kb(cfg, name=kb)


def _load_model(model, cfg: Config):
    if model is not None and not isinstance(model, str):
        return model
    from ..models import load_model

    return load_model(cfg, name=model)


def _with_markers(claim: Claim, lang: str, mark: str = "") -> str:
    nums = "".join(f"[{c.n}]" for c in claim.citations)
    text = claim.text
    end = text[-1] if text and text[-1] in "。！？.!?" else ""
    body = text[:-1] if end else text
    sep = "" if lang == "zh" else " "
    return f"{body}{sep + nums if nums else ''}{mark}{end}"


def render(claims: list[Claim], lang: str, policy: str, lead: str = "") -> str:
    joiner = "" if lang == "zh" else " "
    parts = []
    for c in claims:
        if c.removed:
            continue
        mark = say("unsupported_mark", lang) if c.support == "unsupported" and policy == "mark" else ""
        parts.append(_with_markers(c, lang, mark))
    body = joiner.join(parts)
    return f"{lead}\n{body}" if lead and body else body


def ask(question: str, *, mode: str | None = None, as_of: date | None = None, model=None, kb=None,
        cfg: Config | None = None, ctx=None, stream_callback: Callable[[str], None] | None = None,
        judge: bool = False, rewrite: bool = False, replay_of: str | None = None) -> Answer:
    """Answer a medical question from the knowledge base, every statement cited and verified.

    ``model`` and ``kb`` take a name or a loaded object; ``stream_callback`` receives the prose as
    the model writes it (generate mode); ``judge`` adds a model verdict to each sentence's check;
    ``rewrite`` lets the model widen the search query. Raises ``InvalidInput`` for an empty or
    over-long question. The returned answer is the one written to the audit log
    (``answer.audit_id``).
    """
    from ..safety.gate import RequestContext, check_input, check_output

    t_start = time.perf_counter()
    cfg = cfg or load_config()
    ctx = ctx or RequestContext(channel="python")
    question = _check_question(question, cfg)
    mode = _mode(mode, cfg)
    asked_at = _now()
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 4)
        return now

    decision = check_input(question, ctx)
    t = lap("input_check", t_start)
    lang = decision.language
    flags: list[Flag] = list(decision.flags)
    base = dict(question=question, language=lang, mode=mode)
    log_ctx = dict(kb_name=kb if isinstance(kb, str) or kb is None else getattr(kb, "name", None),
                   as_of=as_of, asked_on=asked_at.date(), requested_mode=mode)

    def finish(answer: Answer, *, kb_obj=None, draft: Draft | None = None, selection: Selection | None = None,
               q: Question | None = None) -> Answer:
        out = check_output(answer, ctx, kb=kb_obj)
        out.provenance.code_version = __version__
        out.timings = {**timings, "total": round(time.perf_counter() - t_start, 4)}
        entry = AuditLog(cfg.audit_path).append(
            trail.ACTION,
            trail.payload(out, draft=draft, selection=selection, query=q.query if q else None,
                          extra={"replay_of": replay_of} if replay_of else None, **log_ctx),
            actor=ctx.actor, role=ctx.role, policy_version=out.provenance.policy_version)
        out.audit_id = entry.id
        return out

    if not decision.allowed:
        return finish(Answer(**base, text=decision.refusal or "", flags=flags, abstained=True,
                             provenance=Provenance(policy_version=decision.policy_version)))

    model_obj = None
    if mode == "generate" or rewrite or judge:
        model_obj = _load_model(model, cfg)
        t = lap("model_load", t)
    q = understand(decision.text, model=model_obj, use_rewrite=rewrite, cfg=cfg)
    t = lap("understand", t)

    kb_obj = _open_kb(kb, cfg)
    log_ctx["kb_name"] = getattr(kb_obj, "name", log_ctx["kb_name"])
    # twice the configured depth: selection is cheap and drops most of it anyway
    retrieved = retrieve(kb_obj, q, k=2 * cfg.kb.top_k, as_of=as_of)
    snapshot = kb_obj.snapshot(as_of)  # the KB state the answer rests on (content hash of visible versions)
    t = lap("retrieve", t)
    selection = select(q.terms, retrieved, lang, bridge_terms=q.bridge_terms)
    t = lap("select", t)
    provenance = Provenance(kb_snapshot=snapshot)
    if model_obj is not None:
        provenance.model, provenance.model_sha256, provenance.backend = model_obj.name, model_obj.sha256, model_obj.backend

    from ..models.embeddings import load_embedder

    embedder = load_embedder(cfg)
    best = max((d.relevance for d in selection.decisions), default=0.0)
    medical, why = in_scope(q.text, embedder, medical_terms=len(q.concepts), best_relevance=best)
    t = lap("scope", t)
    if not medical:
        flags.append(Flag(kind="out_of_scope", severity="info", message=say("out_of_scope", lang),
                          details={"reason": why}))
        return finish(Answer(**base, text=say("out_of_scope", lang), flags=flags, abstained=True,
                             provenance=provenance), kb_obj=kb_obj, selection=selection, q=q)

    flags.extend(_suspicious_flags(selection, lang))
    if not selection.kept:
        return finish(_abstain(base, q, selection, retrieved, snapshot, log_ctx["kb_name"], flags, provenance, lang,
                               say("abstain", lang)), kb_obj=kb_obj, selection=selection, q=q)

    found = conflicts.find_conflicts(selection.kept)
    order = conflicts.order_by_priority(selection.kept, found)
    evidence = [selection.kept[i] for i in order]
    numbers = [order.index(i) + 1 for i in range(len(selection.kept))]
    flags.extend(conflicts.conflict_flags(selection.kept, found, numbers, lang))
    t = lap("conflicts", t)

    if mode == "generate":
        params = GenerationParams(temperature=cfg.model.temperature, seed=cfg.model.seed,
                                  max_tokens=min(cfg.model.max_tokens, ANSWER_MAX_TOKENS))
        draft = compose.generate(q.text, evidence, lang, model_obj, params, on_text=stream_callback)
        if not draft.sentences:
            # The model wrote nothing usable: answer from the evidence itself, and say so.
            fallback = compose.extractive(q.terms | q.bridge_terms, evidence)
            fallback.raw, fallback.notes = draft.raw, draft.notes + ["composed extractively instead"]
            flags.append(Flag(kind="uncertainty", severity="info", message=say("fallback", lang, model=model_obj.name),
                              details={"notes": draft.notes}))
            draft, mode, base["mode"] = fallback, "extractive", "extractive"
    else:
        draft = compose.extractive(q.terms | q.bridge_terms, evidence)
    t = lap("compose", t)

    claims = verify(draft.sentences, evidence, min_support=cfg.answer.min_support, embedder=embedder,
                    judge=model_obj if judge else None)
    t = lap("verify", t)
    policy = cfg.answer.unsupported
    bad = [c for c in claims if c.support == "unsupported"]
    if bad:
        which = " | ".join(c.text for c in bad)
        if policy == "remove":
            for c in bad:
                c.removed = True
            flags.append(Flag(kind="unsupported_removed", message=say("removed", lang, n=len(bad), which=which),
                              details={"statements": [{"text": c.text, "reasons": c.reasons} for c in bad]}))
        else:
            flags.append(Flag(kind="unsupported_marked", message=say("marked", lang, n=len(bad), which=which),
                              details={"statements": [{"text": c.text, "reasons": c.reasons} for c in bad]}))

    shown = [c for c in claims if not c.removed]
    if not shown:
        reason = say("all_unsupported", lang) if claims else say("abstain", lang)
        ans = _abstain(base, q, selection, retrieved, snapshot, log_ctx["kb_name"], flags, provenance, lang, reason)
        ans.claims, ans.generation = claims, draft.generation
        return finish(ans, kb_obj=kb_obj, draft=draft, selection=selection, q=q)

    evidence_langs = {e.chunk.language for e in evidence}
    lead = say("quoted_other_language", lang) if mode == "extractive" and lang not in evidence_langs else ""
    support = answer_support(claims)
    if support < LOW_SUPPORT:
        flags.append(Flag(kind="uncertainty", message=say("low_support", lang, score=support),
                          details={"support_score": support}))
    answer = Answer(**base, text=render(claims, lang, policy, lead), claims=claims, evidence=evidence, flags=flags,
                    support_score=support, provenance=provenance, generation=draft.generation)
    return finish(answer, kb_obj=kb_obj, draft=draft, selection=selection, q=q)


def _suspicious_flags(selection: Selection, lang: str) -> list[Flag]:
    seen: dict[str, Flag] = {}
    for d in selection.suspicious:
        if d.source_id not in seen:
            seen[d.source_id] = Flag(kind="suspicious_source", message=say("suspicious", lang, title=d.title),
                                     details={"source_id": d.source_id, "removed_sentences": d.removed_instructions})
    return list(seen.values())


def _abstain(base: dict, q: Question, selection: Selection, retrieved: list, snapshot: str | None, kb_name: str | None,
             flags: list[Flag], provenance: Provenance, lang: str, reason: str) -> Answer:
    kb_label = kb_name or "default"
    if retrieved:
        top = max(selection.decisions, key=lambda d: d.relevance)
        best = f"“{top.title}”（{top.reason}）" if lang == "zh" else f"'{top.title}' ({top.reason})"
        searched = say("searched", lang, kb=kb_label, snapshot=snapshot, query=q.text, n=len(retrieved), best=best)
    else:
        searched = say("searched_none", lang, kb=kb_label, snapshot=snapshot, query=q.text)
    suggestion = say("suggest", lang, topic=q.topic)
    text = "\n".join([reason, searched, suggestion])
    flags = [*flags, Flag(kind="insufficient_evidence", message=reason,
                          details={"searched": q.query, "passages": len(retrieved), "suggestion": suggestion})]
    return Answer(**base, text=text, flags=flags, abstained=True, provenance=provenance)
