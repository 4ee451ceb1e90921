"""Every call the HTTP API and the MCP server make, guarded the same way whichever door it came in.

``ask``, ``replay`` and ``deid`` already run the permission check, the gate and the audit entry
themselves, so they are called as they are. The other calls (search, terminology, red-flag check,
reading the KB or the audit log, uploads, keys) have no such wrapper in the Python API, so each
one here does what ``ask`` does around them: ``require`` the permission, screen free text with
``check_input`` (and use its normalised text), call the API, and append one audit entry naming the
caller's role, channel and key id. Free text is audited as a hash and a length, never verbatim.

One ``Services`` per server process holds the KB, the model and the audit log, each loaded once.
Calls are blocking; the routes run them on a ``limits.Lane``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from ..answering import ask as api_ask
from ..answering import replay as api_replay
from ..audit import AuditLog, VerifyReport
from ..config import Config
from ..errors import KnowledgeBaseError, MFMError, PolicyViolation
from ..knowledge import IngestReport, SourceInfo, open_kb, terminology
from ..models import load_model
from ..records import Answer, AuditRecord, RequestContext
from ..safety import InputDecision, Policy, check_input, load_policy, require
from ..safety.access import KeyStore
from .errors import ApiError
from .limits import Lane
from .metrics import Metrics
from .schemas import RedFlagReport, SearchResponse
from .settings import ServeSettings
from .views import MODELS, card

PARTS = ("policy", "audit", "kb", "embedder", "model", "deid")


class ClientGone(Exception):
    """Raised inside a generation's text callback once its client has disconnected: the model
    stops at its next piece instead of writing an answer nobody will read."""


def fingerprint(text: str) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16], "chars": len(text)}


class Services:
    def __init__(self, cfg: Config, settings: ServeSettings, metrics: Metrics):
        self.cfg, self.settings, self.metrics = cfg, settings, metrics
        self.model_lane = Lane("model", 1, settings.model_waiting, metrics)
        self.work_lane = Lane("work", settings.work_threads, settings.work_waiting, metrics)
        self.audit_log = AuditLog(cfg.audit_path)
        self.parts = {p: "not loaded" for p in PARTS}
        self._kb = None
        self._lock = threading.Lock()
        self._upload_lock = threading.Lock()

    # ------------------------------------------------------------------ what is loaded once
    @property
    def policy(self) -> Policy:
        return load_policy(self.cfg)  # cached per file and mtime: an edited policy applies at once

    def kb(self):
        with self._lock:
            if self._kb is None:
                try:
                    self._kb = open_kb(self.cfg)
                except KnowledgeBaseError as e:
                    raise ApiError(503, "kb_unavailable", e.message, e.hint) from None
                self.parts["kb"] = "ready"
            return self._kb

    def model(self):
        model = load_model(self.cfg)
        self.parts["model"] = "ready"
        return model

    def load(self, parts: tuple[str, ...] = PARTS) -> None:
        """Load ``parts`` now (the server's start), recording what failed instead of raising."""
        steps: dict[str, Callable[[], Any]] = {
            "policy": lambda: self.policy, "audit": lambda: AuditLog(self.cfg.audit_path),
            "kb": self.kb, "embedder": lambda: self.kb().embedder, "model": self.model, "deid": self._warm_deid}
        for part, load in steps.items():
            if part not in parts:
                continue
            try:
                load()
                self.parts[part] = "ready"
            except Exception as e:  # noqa: BLE001 - /readyz reports it; a background thread must not die silently
                self.parts[part] = f"error: {e.message if isinstance(e, (MFMError, ApiError)) else type(e).__name__}"

    def _warm_deid(self) -> None:
        from ..safety.deid.pipeline import redact_text  # deferred: as in deid

        redact_text("warm-up", "en", self.policy)  # loads Presidio, spaCy and the recognisers; audits nothing

    def ready(self) -> bool:
        return all(v == "ready" for v in self.parts.values())

    def lane(self, mode: str | None) -> Lane:
        return self.model_lane if (mode or self.cfg.answer.mode) == "generate" else self.work_lane

    # ------------------------------------------------------------------ guards
    def _audit(self, ctx: RequestContext, action: str, **details: Any) -> str:
        payload = {"channel": ctx.channel, "api_key_id": ctx.api_key_id, **details}
        return self.audit_log.append(action, payload, actor=ctx.actor, role=ctx.role,
                                     policy_version=self.policy.version).id

    def _require(self, ctx: RequestContext, permission: str) -> None:
        require(ctx, permission, policy=self.policy, cfg=self.cfg)

    def _screen(self, ctx: RequestContext, text: str, action: str) -> InputDecision:
        decision = check_input(text, ctx, self.policy)
        if not decision.allowed:
            self._audit(ctx, action, refused=True, flags=[f.kind for f in decision.flags], **fingerprint(text))
            raise PolicyViolation(decision.refusal or "The request was refused by the safety policy.",
                                  "Send a medical question or clinical terms; instructions to the assistant are refused.")
        return decision

    # ------------------------------------------------------------------ answers
    def ask(self, ctx: RequestContext, question: str, *, mode: str | None = None, as_of: date | None = None,
            on_text: Callable[[str], None] | None = None) -> Answer:
        mode = mode or self.cfg.answer.mode
        try:
            answer = api_ask(question, mode=mode, as_of=as_of, model=self.model() if mode == "generate" else None,
                             kb=self.kb(), cfg=self.cfg, ctx=ctx, stream_callback=on_text)
        except ClientGone:
            self.metrics.cancelled.inc()
            self._audit(ctx, "ask_cancelled", mode=mode, reason="client disconnected", **fingerprint(question))
            raise
        self.metrics.answer(answer, ctx.channel)
        return answer

    def replay(self, ctx: RequestContext, audit_id: str):
        self._require(ctx, "read_audit")
        rec = self.audit_log.get(audit_id)
        kb = self.kb()
        same_kb = rec.payload.get("kb") == kb.name
        model = self.model() if rec.payload.get("model") == self.cfg.model.name else None
        result = api_replay(rec.id, cfg=self.cfg, ctx=ctx, kb=kb if same_kb else None, model=model)
        self.metrics.answer(result.replay, ctx.channel)
        return result

    def models(self, ctx: RequestContext) -> list[str]:
        self._require(ctx, "ask")
        self._audit(ctx, "models_list")
        return list(MODELS)

    # ------------------------------------------------------------------ knowledge base
    def search(self, ctx: RequestContext, query: str, *, k: int = 5, languages=None, doc_types=None,
               source_ids=None, as_of: date | None = None) -> SearchResponse:
        self._require(ctx, "ask")
        decision = self._screen(ctx, query, "kb_search")
        kb = self.kb()
        hits = kb.search(decision.text, k=k, languages=languages, doc_types=doc_types, source_ids=source_ids,
                         as_of=as_of)
        snap = kb.snapshot(as_of)
        aid = self._audit(ctx, "kb_search", hits=len(hits), snapshot=snap, flags=[f.kind for f in decision.flags],
                          **fingerprint(query))
        return SearchResponse(snapshot=snap, hits=[card(h.rank, h) for h in hits], flags=decision.flags, audit_id=aid)

    def sources(self, ctx: RequestContext) -> list[SourceInfo]:
        self._require(ctx, "ask")
        infos = self.kb().sources()
        self._audit(ctx, "kb_read", what="sources")
        return infos

    def source(self, ctx: RequestContext, source_id: str) -> dict[str, Any]:
        self._require(ctx, "ask")
        kb = self.kb()
        out = {"source": kb.source(source_id), "versions": kb.versions(source_id)}
        self._audit(ctx, "kb_read", what="source", source_id=source_id)
        return out

    def version_text(self, ctx: RequestContext, source_id: str, version: int) -> str:
        self._require(ctx, "ask")
        kb = self.kb()
        if version not in {v.version for v in kb.versions(source_id)}:
            raise KnowledgeBaseError(f"Source {source_id!r} has no version {version}.",
                                     "List its versions at /v1/kb/sources/{id}.")
        text = kb.text(source_id, version)
        self._audit(ctx, "kb_read", what="version", source_id=source_id, version=version)
        return text

    def diff(self, ctx: RequestContext, source_id: str, v1: int, v2: int) -> str:
        self._require(ctx, "ask")
        kb = self.kb()
        known = {v.version for v in kb.versions(source_id)}
        missing = sorted({v1, v2} - known)
        if missing:
            raise KnowledgeBaseError(f"Source {source_id!r} has no version {missing[0]}.",
                                     f"Its versions are {', '.join(map(str, sorted(known)))}.")
        out = kb.diff(source_id, v1, v2)
        self._audit(ctx, "kb_read", what="diff", source_id=source_id, v1=v1, v2=v2)
        return out

    def upload(self, ctx: RequestContext, files: list[tuple[str, bytes]], metadata: dict[str, Any]) -> IngestReport:
        """Each file becomes a source, or a new immutable version of the source uploaded under the
        same name before: files are kept under the data home's uploads/ so a name keeps its id."""
        self._require(ctx, "manage_kb")
        kb = self.kb()
        folder = self.cfg.data_home / "uploads" / kb.name
        folder.mkdir(parents=True, exist_ok=True)
        with self._upload_lock:
            paths = []
            for name, data in files:
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-")
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, folder / name)
                paths.append(folder / name)
            try:
                report = kb.add_paths(paths, max_mb=self.settings.max_upload_mb, **metadata)
            except KnowledgeBaseError as e:
                raise ApiError(409, "kb_busy", e.message, e.hint) from None
        for r in report.results:
            r.path = Path(r.path).name  # the caller's file name, not the server's folders
        self._audit(ctx, "kb_upload", snapshot=report.snapshot_id,
                    files=[{"file": r.path, "status": r.status, "source_id": r.source_id, "version": r.version,
                            "chunks": r.chunks} for r in report.results])
        return report

    # ------------------------------------------------------------------ safety and terminology
    def deid(self, ctx: RequestContext, data: str | dict | list, **options: Any):
        self._require(ctx, "deid")  # before the import: a refusal should not wait for Presidio
        from ..safety.deid import deid  # deferred: Presidio and spaCy take seconds to import

        return deid(data, ctx=ctx, cfg=self.cfg, policy=self.policy, **options)

    def red_flags(self, ctx: RequestContext, text: str) -> RedFlagReport:
        self._require(ctx, "ask")
        d = check_input(text, ctx, self.policy)
        red = [f for f in d.flags if f.kind in ("red_flag", "triage_question")]
        aid = self._audit(ctx, "redflag_check", allowed=d.allowed, flags=[f.kind for f in d.flags],
                          categories=[c for f in red for c in f.details.get("categories", [f.details.get("category")]) if c],
                          **fingerprint(text))
        return RedFlagReport(allowed=d.allowed, language=d.language, red_flags=red, flags=d.flags,
                             policy_version=d.policy_version, audit_id=aid)

    def terms_lookup(self, ctx: RequestContext, term: str, limit: int = 5) -> list[terminology.Concept]:
        self._require(ctx, "ask")
        d = self._screen(ctx, term, "terms_lookup")
        found = terminology.lookup(d.text, self.cfg, limit=limit)
        self._audit(ctx, "terms_lookup", found=len(found), **fingerprint(term))
        return found

    def terms_normalize(self, ctx: RequestContext, query: str) -> terminology.NormalizedQuery:
        self._require(ctx, "ask")
        d = self._screen(ctx, query, "terms_normalize")
        nq = terminology.normalize_query(d.text, self.cfg)
        self._audit(ctx, "terms_normalize", concepts=len(nq.concepts), **fingerprint(query))
        return nq

    # ------------------------------------------------------------------ audit, policy, keys
    def audit_list(self, ctx: RequestContext, limit: int, action: str | None) -> list[AuditRecord]:
        self._require(ctx, "read_audit")
        rows = self.audit_log.list(limit=limit, action=action)
        self._audit(ctx, "audit_read", what="list", count=len(rows))
        return rows

    def audit_get(self, ctx: RequestContext, record_id: str) -> AuditRecord:
        self._require(ctx, "read_audit")
        rec = self.audit_log.get(record_id)
        self._audit(ctx, "audit_read", what="record", id=rec.id)
        return rec

    def audit_verify(self, ctx: RequestContext) -> VerifyReport:
        self._require(ctx, "read_audit")
        report = self.audit_log.verify()
        self._audit(ctx, "audit_verify", ok=report.ok, checked=report.checked)
        return report

    def policy_info(self, ctx: RequestContext) -> dict[str, Any]:
        self._require(ctx, "ask")
        pol = self.policy
        self._audit(ctx, "policy_read")
        return {"name": pol.name, "version": pol.version, "code_version": __version__, "roles": pol.roles,
                "default_locale": pol.default_locale, "locales": sorted(pol.locales),
                "caller": {"actor": ctx.actor, "role": ctx.role, "permissions": pol.roles.get(ctx.role, [])}}

    def keys_list(self, ctx: RequestContext) -> list[dict[str, Any]]:
        self._require(ctx, "manage_keys")
        keys = [vars(k) for k in KeyStore(self.cfg).list()]
        self._audit(ctx, "keys_list", count=len(keys))
        return keys

    def keys_add(self, ctx: RequestContext, name: str, role: str) -> dict[str, str]:
        self._require(ctx, "manage_keys")
        key = KeyStore(self.cfg).add(name, role)
        key_id = key.split("_", 2)[1]
        self._audit(ctx, "keys_add", key_id=key_id, name=name, key_role=role)
        return {"key": key, "key_id": key_id, "name": name, "role": role}

    def keys_revoke(self, ctx: RequestContext, key_id: str) -> dict[str, str]:
        self._require(ctx, "manage_keys")
        KeyStore(self.cfg).revoke(key_id)
        self._audit(ctx, "keys_revoke", key_id=key_id)
        return {"key_id": key_id, "revoked": "yes"}

    def close(self) -> None:
        self.model_lane.close()
        self.work_lane.close()
