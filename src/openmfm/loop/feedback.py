"""Clinicians' feedback on audited answers: a rating, the statement it concerns, a correction.

Each feedback row names the audit entry it rates, so it always points at exactly the question,
evidence, model and KB snapshot that were judged; it is written in the same transaction as its
own audit entry (which holds the correction only as a hash and a length). The rater is kept as a
role; the identity too only where the policy says so (``[monitor] feedback_actor``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel

from ..audit import AuditLog
from ..config import Config, load_config
from ..errors import AuditError, InvalidInput, PolicyViolation
from ..migrations import migrate, script, write_transaction
from ..records import RequestContext, utcnow
from ..safety.access import require
from ..safety.gate import check_input
from ..safety.policy import Policy, load_policy

Rating = Literal["correct", "partly", "wrong", "unsafe"]
RATINGS: tuple[str, ...] = get_args(Rating)
ACTION = "feedback"

_V1 = """
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY, audit_id TEXT NOT NULL, created TEXT NOT NULL, role TEXT NOT NULL, actor TEXT,
    rating TEXT NOT NULL, statement INTEGER, correction TEXT, source TEXT, language TEXT, audit_entry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_audit ON feedback(audit_id);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback(created);
"""
MIGRATIONS = [script(_V1, "v1_feedback")]


class Feedback(BaseModel):
    id: str
    audit_id: str  # the rated answer's audit entry
    created: datetime
    role: str
    actor: str | None = None
    rating: Rating
    statement: int | None = None  # 1-based, as the claims are listed by `mfm audit show`
    correction: str | None = None
    source: str | None = None  # where the correction comes from: a guideline, a URL, a KB source id
    language: str | None = None  # the rated answer's
    audit_entry: str  # this feedback's own audit entry


class FeedbackStore:
    """``data_home/feedback.db``."""

    def __init__(self, cfg: Config):
        self.path = cfg.data_home / "feedback.db"
        con = self.connect()
        try:
            migrate(con, MIGRATIONS, what="feedback store", path=self.path)
        finally:
            con.close()

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def list(self, *, audit_id: str | None = None, ratings: tuple[str, ...] = RATINGS) -> list[Feedback]:
        q = f"SELECT * FROM feedback WHERE rating IN ({','.join('?' * len(ratings))})"
        args: list = list(ratings)
        if audit_id:
            q += " AND audit_id = ?"
            args.append(audit_id)
        con = self.connect()
        try:
            rows = con.execute(q + " ORDER BY created", args).fetchall()
        finally:
            con.close()
        keys = list(Feedback.model_fields)
        return [Feedback(**dict(zip(keys, r))) for r in rows]


def give_feedback(audit_id: str, rating: str, *, statement: int | None = None, correction: str | None = None,
                  source: str | None = None, cfg: Config | None = None, ctx: RequestContext | None = None,
                  policy: Policy | None = None) -> Feedback:
    """Rate an audited answer (correct / partly / wrong / unsafe), optionally one statement of it,
    with a correction and its source. Needs the ``feedback`` permission; the correction is screened
    like any request. Raises ``AuditError`` for an unknown audit id or an entry that is not an answer.
    """
    cfg = cfg or load_config()
    pol = policy or load_policy(cfg)
    ctx = ctx or RequestContext()
    require(ctx, "feedback", policy=pol, cfg=cfg)
    if rating not in RATINGS:
        raise InvalidInput(f"Unknown rating '{rating}'.", f"Use one of: {', '.join(RATINGS)}.")
    log = AuditLog(cfg.audit_path)
    rec = log.get(audit_id)
    if rec.action != "ask":
        raise AuditError(f"Audit record {rec.id} is a '{rec.action}' entry, not an answer.",
                         "Rate an answer: pick an id from `mfm audit list --action ask`.")
    claims = rec.payload.get("claims") or []
    if statement is not None and not 1 <= statement <= len(claims):
        raise InvalidInput(f"Answer {rec.id} has {len(claims)} statement(s); there is no statement {statement}.",
                           f"Number them as `mfm audit show {rec.id}` lists the verified claims, from 1.")
    texts = {}
    for name, text in (("correction", correction), ("source", source)):
        if text is None or not text.strip():
            continue
        decision = check_input(text, ctx, pol)
        if not decision.allowed:
            raise PolicyViolation(f"The {name} was refused by the input screen.", decision.refusal)
        texts[name] = decision.text
    fb = Feedback(id=uuid.uuid4().hex[:16], audit_id=rec.id, created=utcnow(), role=ctx.role,
                  actor=ctx.actor if pol.monitor.feedback_actor else None, rating=rating, statement=statement,
                  correction=texts.get("correction"), source=texts.get("source"), language=rec.payload.get("language"),
                  audit_entry="")
    store = FeedbackStore(cfg)
    with write_transaction(store.connect()) as con:
        fp = {k: {"sha256": hashlib.sha256(v.encode("utf-8")).hexdigest()[:16], "chars": len(v)} for k, v in texts.items()}
        entry = log.append(ACTION, {"channel": ctx.channel, "api_key_id": ctx.api_key_id, "feedback_id": fb.id,
                                    "audit_id": rec.id, "rating": rating, "statement": statement, **fp},
                           actor=ctx.actor, role=ctx.role, policy_version=pol.version)
        fb.audit_entry = entry.id
        con.execute("INSERT INTO feedback VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (fb.id, fb.audit_id, fb.created.isoformat(), fb.role, fb.actor, fb.rating, fb.statement,
                     fb.correction, fb.source, fb.language, fb.audit_entry))
    return fb
