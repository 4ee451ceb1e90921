"""``create_app``: the HTTP API (OpenAI-compatible and native routes), MCP at ``/mcp``, the web app at ``/``,
metrics and health, in one FastAPI app over one ``Services``.

Requests pass, outermost first: ``AccessLog`` (request id, JSON log line, metrics, crash guard),
``Identity`` (the caller, or 401), ``BodyLimits`` (size and content type), then the route, whose
``needs`` dependency checks the one permission it names. The KB, the embedder and the model load
once, in the background from the start, so ``/healthz`` answers at once and ``/readyz`` says when
everything is in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from .. import __version__
from ..config import Config, load_config
from . import errors
from .access_log import AccessLog
from .auth import Authenticator, Identity
from .limits import BodyLimits
from .mcp_server import build_mcp, mount_http
from .metrics import Metrics
from .routes import ask, audit, deid, health, kb, openai_compat, policy, redflags, terms
from .services import Services
from .settings import ServeSettings
from .web import mount as mount_web

ROUTERS = [health.router, openai_compat.router, ask.router, kb.router, deid.router, terms.router, redflags.router,
           audit.router, policy.router]
PERMISSION = "x-openmfm-permission"
DESCRIPTION = """Evidence-grounded, verifiable medical answers in Chinese and English, over HTTP.

* **OpenAI-compatible**: `POST /v1/chat/completions` with model `openmfm` (the local model writes from cited
  evidence) or `openmfm-extractive` (quotes the evidence, no model); the evidence is in the `openmfm` field.
* **Native**: ask, knowledge-base search / sources / versions / diff / upload, de-identification, terminology,
  red-flag check, audit log, policy and keys.
* **MCP** (streamable HTTP) at `/mcp`, with an API key.

Send `Authorization: Bearer mfm_...`. Without any key configured the server listens on loopback only and a keyless
request acts as the local clinician (ask, search, de-identify). Each route names its permission in
`x-openmfm-permission`; errors are `{"error": {"message", "type", "code", "param", "next"}}`.
"""


def route_permission(route: APIRoute) -> str | None:
    """The permission a route's ``needs`` dependency checks, if it has one."""
    for dep in route.dependant.dependencies:
        found = getattr(dep.call, "permission", None)
        if found:
            return found
    return None


def iter_routes(routes) -> Iterator[BaseRoute]:
    """Every route an app serves, through included routers (FastAPI keeps them as wrappers)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from iter_routes(inner.routes)
        else:
            yield route


def create_app(cfg: Config | None = None, settings: ServeSettings | None = None) -> FastAPI:
    cfg = cfg or load_config()
    settings = settings or ServeSettings()
    metrics = Metrics()
    svc = Services(cfg, settings, metrics)
    mcp = build_mcp(svc) if settings.mcp else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if settings.preload:  # a daemon thread: stopping the server never waits for a load to finish
            threading.Thread(target=svc.load, name="mfm-preload", daemon=True).start()
        async with AsyncExitStack() as stack:
            if mcp is not None:
                await stack.enter_async_context(mcp.session_manager.run())
            yield
        svc.close()

    app = FastAPI(title="OpenMFM", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # the docs pages load scripts from a CDN; the schema is enough
    app.state.services, app.state.metrics, app.state.mcp = svc, metrics, mcp
    errors.install(app)
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and (perm := route_permission(route)):
                route.openapi_extra = {**(route.openapi_extra or {}), PERMISSION: perm}
        app.include_router(router)
    if mcp is not None:
        mount_http(app, mcp, settings.host)
    mount_web(app)  # the pages hold no data; their script calls the routes above
    app.add_middleware(BodyLimits, max_body=settings.max_body_bytes,
                       max_upload=int(settings.max_upload_files * settings.max_upload_mb * 1024 * 1024) + 65536)
    app.add_middleware(Identity, auth=Authenticator(cfg))
    templates = [(r.path_regex, r.path) for r in iter_routes(app.routes) if hasattr(r, "path_regex")]
    app.add_middleware(AccessLog, metrics=metrics, templates=templates)
    return app


def app_from_env() -> FastAPI:
    """The app each `mfm serve --workers N` process builds (uvicorn imports it by name)."""
    return create_app(load_config(), ServeSettings.from_env())
