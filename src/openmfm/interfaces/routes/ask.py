"""`POST /v1/ask`: the typed ``Answer``, or its stream (``draft`` events, then the ``answer``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...records import Answer, RequestContext
from .. import streaming
from ..auth import needs
from ..schemas import AskRequest
from ..services import ClientGone
from . import services_of

router = APIRouter(tags=["ask"])


@router.post("/v1/ask", response_model=Answer,
             responses={200: {"content": {"text/event-stream": {}}, "description": "The Answer, or SSE with stream: true"}})
async def ask(body: AskRequest, request: Request, ctx: RequestContext = needs("ask")):
    """Answer a medical question from the KB: every sentence cited and verified, the answer audited."""
    if body.locale:
        ctx = ctx.model_copy(update={"locale": body.locale})
    svc = services_of(request)
    if body.stream:
        return await streaming.stream_native(request, svc, ctx, body.question, mode=body.mode, as_of=body.as_of)
    try:
        return await streaming.answer(request, svc, ctx, body.question, mode=body.mode, as_of=body.as_of)
    except ClientGone:
        return Response(status_code=streaming.GONE)
