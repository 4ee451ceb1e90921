"""Structured access logs, request ids, request metrics and the last line of defence for crashes.

One JSON line per request names the route template (never the path, which can hold an id, nor the
query string, which can hold a question), the status, the time, and who called by role and key id
(never the key). A crash is logged as its type and stack without its message, because a message can
quote the request; the caller gets the generic 500 with the request id to report.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
import uuid
from datetime import datetime, timezone

from . import errors
from .metrics import Metrics

LOG = logging.getLogger("openmfm.access")
BUGS = logging.getLogger("openmfm.server")
_RID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _route(scope, templates) -> str:
    """The route template; for a request refused before routing (401, 413), the first that matches."""
    route = scope.get("route")
    if route is not None:
        return route.path
    return next((path for regex, path in templates if regex.match(scope["path"])), "(unmatched)")


def log_bug(request_id: str, route: str, exc: BaseException) -> None:
    frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    BUGS.error(json.dumps({"event": "crash", "request_id": request_id, "route": route, "error": type(exc).__name__,
                           "stack": frames}))


class AccessLog:
    """The outermost middleware: every request gets an id, a metric and a log line."""

    def __init__(self, app, metrics: Metrics, templates: list[tuple[re.Pattern, str]]):
        self.app, self.metrics, self.templates = app, metrics, templates

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        sent = dict(scope.get("headers") or [])
        given = sent.get(b"x-request-id", b"").decode("latin-1")
        rid = given if _RID.match(given) else uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = rid
        t0 = time.perf_counter()
        out = {"status": 500, "started": False, "bytes": 0}

        async def send_logged(msg):
            if msg["type"] == "http.response.start":
                out["status"], out["started"] = msg["status"], True
                msg = {**msg, "headers": [*msg.get("headers", []), (b"x-request-id", rid.encode())]}
            elif msg["type"] == "http.response.body":
                out["bytes"] += len(msg.get("body", b""))
            await send(msg)

        try:
            await self.app(scope, receive, send_logged)
        except Exception as e:  # a bug: answered here, logged without its message, never re-raised
            log_bug(rid, _route(scope, self.templates), e)
            if not out["started"]:
                resp = errors.respond(errors.internal(rid))
                await resp(scope, receive, send_logged)
        finally:
            seconds = time.perf_counter() - t0
            route = _route(scope, self.templates)
            self.metrics.requests.labels(route, scope["method"], str(out["status"])).inc()
            self.metrics.latency.labels(route).observe(seconds)
            ctx = scope["state"].get("ctx")
            LOG.info(json.dumps({
                "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "request_id": rid,
                "method": scope["method"], "route": route, "status": out["status"], "ms": round(seconds * 1000, 2),
                "bytes": out["bytes"], "client": (scope.get("client") or ("-",))[0],
                "role": getattr(ctx, "role", None), "api_key_id": getattr(ctx, "api_key_id", None),
            }))
