"""The audit log: list, one record, verify the hash chain, replay an answer. A key with
``read_audit`` is always required; each read is itself audited."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request

from ...records import AuditRecord, RequestContext
from ..auth import needs
from ..views import audit_summary
from . import services_of

router = APIRouter(tags=["audit"])
RecordId = Path(..., min_length=4, max_length=64, pattern=r"^[0-9a-f]+$")


@router.get("/v1/audit", response_model=list[dict[str, Any]])
async def audit_list(request: Request, limit: int = Query(50, ge=1, le=1000),
                     action: str | None = Query(None, max_length=64), ctx: RequestContext = needs("read_audit")):
    """The newest entries, newest first, as summaries (the full record is at /v1/audit/{id})."""
    svc = services_of(request)
    return [audit_summary(r) for r in await svc.work_lane.run(svc.audit_list, ctx, limit, action)]


@router.get("/v1/audit/verify", response_model=dict[str, Any])
async def audit_verify(request: Request, ctx: RequestContext = needs("read_audit")):
    """Check the whole hash chain: edited, deleted or truncated entries are listed as problems."""
    svc = services_of(request)
    report = await svc.work_lane.run(svc.audit_verify, ctx)
    return {"ok": report.ok, "checked": report.checked, "problems": report.problems}


@router.get("/v1/audit/{record_id}", response_model=AuditRecord)
async def audit_show(request: Request, record_id: str = RecordId, ctx: RequestContext = needs("read_audit")):
    """One entry (an id or a prefix of one): for an answer, the evidence, draft, claims and steps."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.audit_get, ctx, record_id)


@router.post("/v1/audit/{record_id}/replay", response_model=dict[str, Any])
async def audit_replay(request: Request, record_id: str = RecordId, ctx: RequestContext = needs("read_audit")):
    """Re-run an audited answer against the KB as it stood then and the recorded model; the differences."""
    svc = services_of(request)
    r = await svc.model_lane.run(svc.replay, ctx, record_id)
    return {"original_id": r.original_id, "replay": r.replay.model_dump(mode="json"), "same_snapshot": r.same_snapshot,
            "same_model": r.same_model, "identical": r.identical, "differences": r.differences}
