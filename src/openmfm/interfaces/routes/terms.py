"""Terminology: concepts for a term (ICD-10, zh/en names, synonyms) and how a query is normalised."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...knowledge.terminology import Concept, NormalizedQuery
from ...records import RequestContext
from ..auth import needs
from ..schemas import NormalizeRequest, TermRequest
from . import services_of

router = APIRouter(tags=["terminology"])


@router.post("/v1/terms/lookup", response_model=list[Concept])
async def lookup(body: TermRequest, request: Request, ctx: RequestContext = needs("ask")):
    """Concepts for a name, synonym, abbreviation or ICD-10 code, in Chinese or English."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.terms_lookup, ctx, body.term, body.limit)


@router.post("/v1/terms/normalize", response_model=NormalizedQuery)
async def normalize(body: NormalizeRequest, request: Request, ctx: RequestContext = needs("ask")):
    """The concepts a query names and the terms retrieval adds for it."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.terms_normalize, ctx, body.query)
