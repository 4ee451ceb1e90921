"""``ask``: the one path from a question to a verified, cited, audited answer.

The work is a chain of named steps over one state (``steps.STEPS``: screen, understand,
retrieve, select, scope, conflicts, compose, verify, decide); any step may end it early with a
refusal, an out-of-scope notice or an abstention. Whatever the chain ends with then goes through
``finish``: the output gate and the audit entry, which carries the chain's transcript. The gate
is therefore run first (``screen``) and last on every path, so no caller (CLI, Python, HTTP, MCP)
can get an answer around it.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from typing import Callable

from .. import __version__
from ..audit import AuditLog
from ..config import Config, load_config
from ..errors import AuditError, InvalidInput
from ..records import Answer, RequestContext
from ..safety.gate import check_output
from ..safety.policy import load_policy
from . import trail
from .chain import AskState, run_chain
from .steps import STEPS

MODES = ("generate", "extractive")


def _mode(mode: str | None, cfg: Config) -> str:
    m = (mode or cfg.answer.mode).lower()
    if m not in MODES:
        raise InvalidInput(f"Unknown answer mode '{m}'.", "Use --mode generate or --mode extractive.")
    return m


def ask(question: str, *, mode: str | None = None, as_of: date | None = None, model=None, kb=None,
        cfg: Config | None = None, ctx: RequestContext | None = None,
        stream_callback: Callable[[str], None] | None = None, judge: bool = False, rewrite: bool = False,
        replay_of: str | None = None) -> Answer:
    """Answer a medical question from the knowledge base, every statement cited and verified.

    ``cfg`` is the configuration to run under, policy included (default: ``load_config()``, the
    effective configuration); ``ctx`` says who asks (default: a local clinician through Python).
    ``model`` and ``kb`` take a name or a loaded object; ``stream_callback`` receives the prose as
    the model writes it (generate mode); ``judge`` adds a model verdict to each sentence's check;
    ``rewrite`` lets the model widen the search query. Raises ``InvalidInput`` for an empty or
    over-long question. The returned answer is the one written to the audit log
    (``answer.audit_id``), with the chain's transcript.
    """
    t_start = time.perf_counter()
    cfg = cfg or load_config()
    state = AskState(question=question, cfg=cfg, ctx=ctx or RequestContext(channel="python"),
                     policy=load_policy(cfg), mode=_mode(mode, cfg), as_of=as_of,
                     asked_at=datetime.now(timezone.utc), model_spec=model, kb_spec=kb, judge=judge,
                     rewrite=rewrite, stream_callback=stream_callback, replay_of=replay_of)
    requested_mode = state.mode
    run_chain(STEPS, state)
    return finish(state, requested_mode=requested_mode, started=t_start)


def finish(state: AskState, *, requested_mode: str, started: float) -> Answer:
    """The output gate and the audit entry, for whatever answer the chain ended with."""
    out = check_output(state.answer, state.ctx, state.policy, kb=state.kb)
    out.provenance.code_version = __version__
    out.transcript = list(state.transcript)
    out.timings = {**{s.step: s.seconds for s in state.transcript}, "total": round(time.perf_counter() - started, 4)}
    extra = {"replay_of": state.replay_of} if state.replay_of else {}
    payload = trail.payload(out, draft=state.draft, selection=state.selection, query=state.q.query if state.q else None,
                            kb_name=state.kb_name, as_of=state.as_of, asked_on=state.asked_at.date(),
                            requested_mode=requested_mode, channel=state.ctx.channel,
                            api_key_id=state.ctx.api_key_id, extra=extra)
    entry = AuditLog(state.cfg.audit_path).append(trail.ACTION, payload, actor=state.ctx.actor, role=state.ctx.role,
                                                  policy_version=out.provenance.policy_version)
    out.audit_id = entry.id
    return out


def replay(audit_id: str, *, cfg: Config | None = None, model=None, kb=None,
           ctx: RequestContext | None = None) -> trail.ReplayResult:
    """Re-run a recorded ask against the KB as it stood then and the recorded model, and list
    what changed. The replay is itself an audited ask (``replay_of``)."""
    cfg = cfg or load_config()
    rec = AuditLog(cfg.audit_path).get(audit_id)
    if rec.action != trail.ACTION:
        raise AuditError(f"Audit record {rec.id} is a '{rec.action}' entry, not an answer.",
                         "Pick an id from `mfm audit list --action ask`.")
    p = rec.payload
    as_of = date.fromisoformat(p["as_of"] or p["asked_on"])
    new = ask(p["question"], mode=p.get("requested_mode") or p["mode"], as_of=as_of, model=model or p.get("model"),
              kb=kb or p.get("kb"), cfg=cfg, ctx=ctx, replay_of=rec.id)
    same_model = p.get("model") == new.provenance.model and p.get("model_sha256") == new.provenance.model_sha256
    return trail.ReplayResult(original_id=rec.id, replay=new, same_snapshot=p.get("kb_snapshot") == new.provenance.kb_snapshot,
                              same_model=same_model, differences=trail.compare(p, new))
