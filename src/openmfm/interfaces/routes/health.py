"""Liveness, readiness and metrics: public, instant, and never behind a lane."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..schemas import Health, Ready
from . import services_of

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process answers (it does not wait for the model or the KB)."""
    return Health()


@router.get("/readyz", response_model=Ready, responses={503: {"model": Ready}})
async def readyz(request: Request):
    """200 once the policy, audit log, KB, embedder and model are loaded; 503 with what is missing."""
    svc = services_of(request)
    ready = Ready(ready=svc.ready(), parts=dict(svc.parts))
    return JSONResponse(ready.model_dump(), status_code=200 if ready.ready else 503)


@router.get("/metrics", response_class=Response)
async def metrics(request: Request) -> Response:
    """Prometheus text: requests, latency, answers, abstentions, flags, queue depth."""
    m = request.app.state.metrics
    return Response(m.render(), media_type=m.content_type)
