"""`POST /v1/deid`: de-identify a note (``text``), a JSON record or a FHIR resource (``data``)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...records import RequestContext
from ..auth import needs
from ..errors import ApiError
from ..schemas import DeidOut, DeidRequest
from . import services_of

router = APIRouter(tags=["safety"])


@router.post("/v1/deid", response_model=DeidOut)
async def deid(body: DeidRequest, request: Request, ctx: RequestContext = needs("deid")):
    """Find and replace identifiers (names, IDs, phones, dates, addresses ...) in Chinese or English."""
    if (body.text is None) == (body.data is None):
        raise ApiError(422, "text_or_data", "Send exactly one of 'text' (a note) or 'data' (JSON or FHIR).",
                       'e.g. {"text": "..."} or {"data": {"resourceType": "Patient", ...}}', param="text")
    svc = services_of(request)
    data = body.text if body.text is not None else body.data
    return await svc.work_lane.run(svc.deid, ctx, data, operator=body.operator, language=body.language,
                                   patient_id=body.patient_id)
