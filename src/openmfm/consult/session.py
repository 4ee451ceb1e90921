"""``start`` / ``reply`` / ``record``: one pre-consultation, turn by turn.

Every patient message goes through the safety gate before anything reads it (red flags end the
questioning at that very turn with the escalation message; injection is refused and the question
asked again), then through extraction, then the policy picks the next question or stops. The
session is stored and audited after every turn, so a killed process resumes where it stopped.
"""

from __future__ import annotations

import re
import time

from .. import __version__
from ..audit import AuditLog
from ..config import Config, load_config
from ..errors import InvalidInput, ModelNotPulled, PermissionDenied
from ..records import Flag, RequestContext, utcnow
from ..safety.access import require
from ..safety.gate import check_input, escalation_flag, red_flags_in
from ..safety.policy import Policy, load_policy
from ..safety.redflags import CATEGORY_URGENCY, CLARIFY, RedFlagHit
from ..text import detect_language, has_han
from . import questioning
from .extract import extract_model, extract_rules, has_any, mentions, merge, uncovered
from .records import ConsultSession, Contradiction, SlotValue, Turn
from .slots import (
    complaint_key,
    complaints,
    lexicon,
    next_slot,
    required_done,
    say,
    schema,
)
from .store import SessionStore

ACTION = "consult_turn"
_CHECK = "red_flag_check:"  # pending slot of a deciding red-flag question
# The red-flag classifier alone escalates from this probability; below it, it asks the deciding
# question. On plain dialogue replies ("I don't know.", "It came on slowly, and I'm a heavy
# smoker") it fired at 0.80-0.97 in our dev sessions, and at 1.00 on a crushing pain into the left
# arm with sweating that no rule worded. Retrained classifiers move these figures: recheck them.
CLASSIFIER_ALONE = 0.99


def _model(mode: str, model, cfg: Config):
    """The chat model for model mode (a name or a loaded one); None in rules mode, or with a
    note when the default model is not pulled (rules still run, so the session still works)."""
    if mode == "rules":
        return None, None
    if model is not None and not isinstance(model, str):
        return model, None
    # deferred: loading a model takes seconds; rules mode never needs it
    from ..models import load_model

    try:
        return load_model(cfg, name=model), None
    except ModelNotPulled as e:
        return None, f"model not available, rules only: {e.message}"


def _words_lang(text: str, fallback: str) -> str:
    """The reply's language, or the session's when the reply has no words (emoji, digits)."""
    if has_han(text):
        return detect_language(text)
    return detect_language(text) if any(c.isalpha() for c in text) else fallback


def start(complaint: str, *, cfg: Config | None = None, ctx: RequestContext | None = None, model=None,
          mode: str = "model", strategy: str = "slots", max_turns: int = 12) -> ConsultSession:
    """Open a session from the chief complaint (zh or en) and ask the first question.

    ``mode`` "model" phrases questions and reads replies with ``model`` (a name or a loaded
    ``ChatModel``; default the configured model) besides the rules; "rules" uses no model.
    ``strategy`` is "slots" (the product), or a baseline: "checklist" or "freeform".
    """
    if mode not in ("model", "rules") or strategy not in ("slots", "checklist", "freeform"):
        raise InvalidInput(f"Unknown consult mode '{mode}' or strategy '{strategy}'.",
                           "Use mode model|rules and strategy slots|checklist|freeform.")
    cfg = cfg or load_config()
    ctx = ctx or RequestContext(channel="python")
    policy = load_policy(cfg)
    require(ctx, "consult", policy=policy, cfg=cfg)
    t0 = time.perf_counter()
    decision = check_input(complaint, ctx, policy)
    chat, note = _model(mode, model, cfg)
    s = ConsultSession(complaint=decision.text, complaint_key=complaint_key(decision.text), language=decision.language,
                       mode="model" if chat is not None else "rules", strategy=strategy,
                       model=getattr(chat, "name", None), max_turns=max_turns, actor=ctx.actor, role=ctx.role,
                       policy_version=policy.version)
    turn = Turn(index=0, reply=decision.text, language=decision.language, flags=decision.flags,
                notes=[note] if note else [])
    s.turns.append(turn)
    if not decision.allowed:
        turn.said = decision.refusal
        _end(s, "stopped", "refused")
    else:
        cc = SlotValue(slot="chief_complaint", value=decision.text, turn=0, start=0, end=len(decision.text),
                       source="complaint")
        found = [m for m in mentions(decision.text, cfg) if m.kind != "drug"]
        if found:
            cc = cc.model_copy(update={"term": found[0].term, "code": found[0].code, "concept_id": found[0].concept_id})
        values = [cc] + [v for v in extract_rules(decision.text, 0, "chief_complaint", cfg,
                                                   complaint_terms=_complaint_terms(s, cfg)) if v.slot != "chief_complaint"]
        _add(s, values, turn)
        if not _escalate(s, turn, decision.text, policy, ctx) and s.pending_question is None:
            _ask_next(s, turn, chat, cfg)
    return _commit(s, turn, t0, cfg, ctx, policy)


def _complaint_terms(s: ConsultSession, cfg: Config) -> set[str]:
    ms = mentions(s.complaint, cfg)
    return {m.term.casefold() for m in ms} | {m.surface.casefold() for m in ms} | {s.complaint.casefold()}


def reply(session: ConsultSession | str, text: str, *, cfg: Config | None = None, ctx: RequestContext | None = None,
          model=None) -> ConsultSession:
    """The patient's answer to the pending question; returns the session with the next question,
    or ended (complete, stopped, turn budget, or escalated)."""
    cfg = cfg or load_config()
    ctx = ctx or RequestContext(channel="python")
    policy = load_policy(cfg)
    require(ctx, "consult", policy=policy, cfg=cfg)
    s = resume(session, cfg=cfg, ctx=ctx) if isinstance(session, str) else session
    if s.done:
        raise InvalidInput(f"Consultation {s.id} has ended ({s.stop_reason}).", "Read its record, or start a new one.")
    t0 = time.perf_counter()
    chat, note = _model(s.mode, model if model is not None else s.model, cfg)
    text = text if isinstance(text, str) else ""
    lang = _words_lang(text, s.language)
    turn = Turn(index=len(s.turns), question=s.pending_question, question_slot=s.pending_slot, reply=text, language=lang,
                notes=[note] if note else [])
    s.turns.append(turn)
    if not any(c.isalnum() for c in text):  # nothing said: blank, or only emoji and symbols
        turn.notes.append("empty reply")
        turn.said = say("empty", s.language)
        return _after(s, turn, chat, cfg, ctx, policy, t0, repeat=True)
    if len(text) > policy.input.max_chars:
        turn.notes.append(f"reply of {len(text)} characters not read (policy max {policy.input.max_chars})")
        turn.reply = text[:policy.input.max_chars]
        if not _escalate(s, turn, text, policy, ctx, decide=False):
            turn.said = say("too_long", lang)
        return _after(s, turn, chat, cfg, ctx, policy, t0, repeat=True)
    decision = check_input(text, ctx, policy)
    turn.reply, turn.flags = decision.text, list(decision.flags)
    s.language = lang
    if not decision.allowed:
        turn.said = decision.refusal
        turn.notes.append("refused: " + ", ".join(f.kind for f in decision.flags if f.severity == "critical"))
        turn.flags = [f for f in turn.flags if f.kind not in ("red_flag", "triage_question") or f.severity == "critical"]
        if not _escalate(s, turn, decision.text, policy, ctx, decide=False):
            return _after(s, turn, chat, cfg, ctx, policy, t0, repeat=True)
        return _commit(s, turn, t0, cfg, ctx, policy)
    asked = s.pending_slot if s.pending_slot in schema() and s.strategy != "freeform" else None
    values = extract_rules(decision.text, turn.index, asked, cfg,
                           complaint_terms=_complaint_terms(s, cfg), ros=_ros(s),
                           duration_known=any(v.slot == "duration" and v.status == "present" for v in s.values))
    if chat is not None and uncovered(decision.text, values):
        more, notes = extract_model(decision.text, turn.index, asked, chat, lang)
        values = merge(values, more)
        turn.notes += notes
    _add(s, values, turn)
    pending = s.pending_question
    if _escalate(s, turn, decision.text, policy, ctx):
        return _commit(s, turn, t0, cfg, ctx, policy)
    deciding = s.pending_question != pending  # a possible red flag: its deciding question comes next
    answers = lexicon()["answers"]
    if has_any(decision.text, answers["diagnosis"]["zh"] + answers["diagnosis"]["en"]) >= 0:
        turn.said = say("decline", lang)
        s.patient_requests.append(decision.text)
    if has_any(decision.text, answers["stop"]["zh"] + answers["stop"]["en"]) >= 0:
        _end(s, "stopped", "patient_stopped")
        turn.said = say("stopped", lang)
        return _commit(s, turn, t0, cfg, ctx, policy)
    # the gate's below-threshold leanings (triage_question flags) stay in the turn for the
    # clinician; asking each one would turn a history into a string of alarm questions
    return _after(s, turn, chat, cfg, ctx, policy, t0, repeat=deciding)


def _ros(s: ConsultSession) -> list[str]:
    ros = complaints()[s.complaint_key]["ros"]
    return ros["zh"] + ros["en"]


def _after(s, turn, chat, cfg, ctx, policy, t0, repeat: bool = False) -> ConsultSession:
    if s.done:
        return _commit(s, turn, t0, cfg, ctx, policy)
    if len(s.turns) - 1 >= s.max_turns:
        _end(s, "budget", "turn_budget")
        turn.said = ((turn.said + "\n") if turn.said else "") + say("budget", s.language)
    elif not repeat:
        _ask_next(s, turn, chat, cfg)
    return _commit(s, turn, t0, cfg, ctx, policy)


def _ask_next(s: ConsultSession, turn: Turn, chat, cfg: Config) -> None:
    if s.strategy == "freeform":
        q = questioning.freeform(s, s.language, chat)
        if q is None:
            _end(s, "complete", "questions_done")
            turn.said = ((turn.said + "\n") if turn.said else "") + say("done", s.language)
            return
        s.pending_question, s.pending_slot = q, None
        return
    slot = next_slot(s)
    if slot is None or (s.strategy == "slots" and required_done(s)):
        _end(s, "complete", "slots_filled")
        turn.said = ((turn.said + "\n") if turn.said else "") + say("done", s.language)
        return
    s.pending_question, _ = questioning.phrase(slot, s, s.language, chat)
    s.pending_slot = slot
    s.asked.append(slot)


def _end(s: ConsultSession, status: str, reason: str) -> None:
    s.status, s.stop_reason, s.pending_question, s.pending_slot = status, reason, None, None


def _escalate(s: ConsultSession, turn: Turn, text: str, policy: Policy, ctx: RequestContext, decide: bool = True) -> bool:
    """Red flags in this message, or in it together with the complaint (a headache told first and
    a stiff neck told now); worded for the patient, whoever runs the session.

    A rule hit ends the questioning at once. A hit from the learned classifier alone (no rule
    fired) asks the category's deciding question first: out of its training distribution, the
    classifier fires on plain dialogue replies, and ending every such interview would lose the
    history without making anyone safer; a "yes" to that question then escalates. It is asked
    once per category: the classifier fires again on "I don't know". A refused
    reply (``decide`` False) escalates on rules only: its text is not the patient's history.
    """
    if not policy.red_flags.enabled:
        return False
    hits = red_flags_in(text, policy) or (red_flags_in(f"{s.complaint}\n{text}", policy) if turn.index else [])
    rule_hits = [h for h in hits if not all(e.startswith("classifier") for e in h.evidence) or _p(h) >= CLASSIFIER_ALONE]
    checking = (turn.question_slot or "").startswith(_CHECK)
    if not rule_hits and checking and _affirmative(text):
        rule_hits = [RedFlagHit(turn.question_slot[len(_CHECK):], ["confirmed by the patient"],
                                urgency=CATEGORY_URGENCY[turn.question_slot[len(_CHECK):]])]
    if not rule_hits:
        if hits:
            cat = hits[0].category
            turn.flags = [f for f in turn.flags if f.kind != "red_flag"]
            turn.flags.append(Flag(kind="triage_question", severity="warning", message=CLARIFY[cat][turn.language != "zh"],
                                   details={"category": cat, "evidence": hits[0].evidence}))
            if not checking and decide and _CHECK + cat not in s.asked:  # once per category per session
                s.pending_question, s.pending_slot = CLARIFY[cat][turn.language != "zh"], _CHECK + cat
                s.asked.append(_CHECK + cat)
                turn.notes.append(f"possible red flag ({cat}, {hits[0].evidence[0]}): asking the deciding question")
        return False
    flag: Flag = escalation_flag(rule_hits, turn.language, policy, ctx.locale, "person")
    turn.flags = [f for f in turn.flags if f.kind != "red_flag"]
    turn.flags.insert(0, flag)
    s.escalation, s.urgent = flag, True
    turn.said = flag.message
    _end(s, "escalated", "red_flag")
    return True


def _p(hit: RedFlagHit) -> float:
    m = re.search(r"p=([0-9.]+)", " ".join(hit.evidence))
    return float(m.group(1)) if m else 0.0


def _affirmative(text: str) -> bool:
    words = lexicon()["answers"]
    low = text.strip().casefold()
    if has_any(low, words["no"]["zh"] + words["no"]["en"]) == 0:
        return False
    return any(low.startswith(w) for w in words["yes"]["zh"] + words["yes"]["en"])


def _same(a: SlotValue, b: SlotValue) -> bool:
    """Whether two values of a single-valued slot agree; free text (two ways of telling an onset)
    is never called a contradiction, only normalised values are compared."""
    if a.days is not None and b.days is not None:
        return abs(a.days - b.days) <= 0.25 * max(a.days, b.days)
    if schema()[a.slot]["kind"] == "yesno":
        return a.status == b.status
    if a.term and b.term:
        return a.term.casefold() == b.term.casefold()
    return True


def _add(s: ConsultSession, values: list[SlotValue], turn: Turn) -> None:
    """File the values; a single-valued slot that gets a different answer, or a symptom both
    affirmed and denied, is kept twice and flagged as a contradiction."""
    for v in values:
        single = schema()[v.slot].get("single", False)
        if v.status in ("present", "absent"):
            if single:
                old = [o for o in s.values if o.slot == v.slot and o.status in ("present", "absent") and o.turn != v.turn]
                for o in old:
                    if not _same(o, v) and (v.slot != "duration" or turn.question_slot == "duration"):
                        s.contradictions.append(Contradiction(slot=v.slot, turns=[o.turn, v.turn], values=[o.value, v.value]))
                if old and v.slot == "duration" and turn.question_slot != "duration":
                    continue
            if v.term and v.slot in ("associated", "negatives", "review_of_systems"):
                for o in s.values:
                    if o.slot in ("associated", "negatives", "review_of_systems") and o.term == v.term and o.status != v.status:
                        s.contradictions.append(Contradiction(slot=f"{o.slot}/{v.slot}", turns=[o.turn, v.turn],
                                                              values=[o.value, v.value]))
        s.values.append(v)
        if v.slot not in turn.filled:
            turn.filled.append(v.slot)


def _commit(s: ConsultSession, turn: Turn, t0: float, cfg: Config, ctx: RequestContext, policy: Policy) -> ConsultSession:
    turn.seconds = round(time.perf_counter() - t0, 4)
    s.updated = utcnow()
    payload = {"session_id": s.id, "turn": turn.index, "question": turn.question, "question_slot": turn.question_slot,
               "reply": turn.reply, "language": turn.language, "filled": turn.filled, "said": turn.said,
               "flags": [{"kind": f.kind, "severity": f.severity, "details": f.details} for f in turn.flags],
               "notes": turn.notes, "status": s.status, "stop_reason": s.stop_reason, "next_question": s.pending_question,
               "mode": s.mode, "strategy": s.strategy, "model": s.model, "channel": ctx.channel,
               "api_key_id": ctx.api_key_id, "code_version": __version__}
    entry = AuditLog(cfg.audit_path).append(ACTION, payload, actor=ctx.actor, role=ctx.role, policy_version=policy.version)
    turn.audit_id = entry.id
    SessionStore(cfg).save(s)
    return s


def resume(session_id: str | ConsultSession, *, cfg: Config | None = None, ctx: RequestContext | None = None) -> ConsultSession:
    """A stored session, for its own actor or a role that may see other people's health data."""
    if isinstance(session_id, ConsultSession):
        return session_id
    cfg = cfg or load_config()
    ctx = ctx or RequestContext(channel="python")
    policy = load_policy(cfg)
    require(ctx, "consult", policy=policy, cfg=cfg)
    s = SessionStore(cfg).load(session_id)
    if s.actor != ctx.actor and not policy.allows(ctx.role, "view_phi"):
        raise PermissionDenied(f"Consultation {session_id} belongs to another user.",
                               "Ask the clinician who runs it, or use a key whose role may view patient data.")
    return s
