"""The policy in force (its version, roles and what the caller may do) and API keys."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Request

from ...records import RequestContext
from ..auth import needs
from ..schemas import KeyRequest
from . import services_of

router = APIRouter(tags=["policy"])


@router.get("/v1/policy", response_model=dict[str, Any])
async def policy(request: Request, ctx: RequestContext = needs("ask")):
    """The policy's name and version (recorded with every answer), its roles, and the caller's permissions."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.policy_info, ctx)


@router.get("/v1/keys", response_model=list[dict[str, Any]])
async def keys_list(request: Request, ctx: RequestContext = needs("manage_keys")):
    """API keys: ids, names, roles, revoked or not (never the keys)."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.keys_list, ctx)


@router.post("/v1/keys", response_model=dict[str, str], status_code=201)
async def keys_add(body: KeyRequest, request: Request, ctx: RequestContext = needs("manage_keys")):
    """Create a key: it is returned this once; only its hash is stored."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.keys_add, ctx, body.name, body.role)


@router.delete("/v1/keys/{key_id}", response_model=dict[str, str])
async def keys_revoke(request: Request, key_id: str = Path(..., pattern=r"^[0-9a-f]{8}$"),
                      ctx: RequestContext = needs("manage_keys")):
    """Revoke a key; the server stops accepting it within seconds."""
    svc = services_of(request)
    return await svc.work_lane.run(svc.keys_revoke, ctx, key_id)
