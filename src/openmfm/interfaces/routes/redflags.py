"""`POST /v1/redflags/check`: the input gate's verdict on a text, red flags first."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...records import RequestContext
from ..auth import needs
from ..schemas import RedFlagReport, TextRequest
from . import services_of

router = APIRouter(tags=["safety"])


@router.post("/v1/redflags/check", response_model=RedFlagReport)
async def check(body: TextRequest, request: Request, ctx: RequestContext = needs("ask")) -> RedFlagReport:
    """Emergency red flags (with the escalation text for the caller's locale) and the other input flags."""
    if body.locale:
        ctx = ctx.model_copy(update={"locale": body.locale})
    svc = services_of(request)
    return await svc.work_lane.run(svc.red_flags, ctx, body.text)
