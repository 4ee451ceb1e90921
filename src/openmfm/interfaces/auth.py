"""Who is calling: ``Authorization: Bearer mfm_...`` keys from the key store, mapped to roles.

Identity is settled before any route reads the request (``Identity``), so a caller without a valid
key gets 401 before a malformed body could tell them anything. Each route then names the one
permission it needs (``needs``); the check is ``safety.access.require``, which audits a denial.

Without any key configured the server only listens on loopback (``serving`` refuses other
addresses) and a keyless request acts as the local clinician: ask, search, de-identify. Reading
the audit log, managing keys and changing the knowledge base always take a key (``KEY_ONLY``),
whatever the policy gives the clinician role. A bearer token that is not shaped like an OpenMFM
key is the placeholder OpenAI clients insist on sending and counts as no key.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from ..config import Config
from ..errors import PermissionDenied
from ..records import RequestContext
from ..safety.access import KeyStore, require
from .errors import ApiError, respond
from .settings import is_loopback

KEY_ONLY = frozenset({"read_audit", "manage_keys", "manage_kb", "reidentify"})
PUBLIC = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json"})
GUARDED = ("/v1/", "/mcp")  # paths that answer 401 at the door; other paths (pages) decide per route
KEY_PREFIX = "mfm_"
BEARER = HTTPBearer(auto_error=False, description="An OpenMFM API key, mfm_<id>_<secret>")  # for the schema
_HINT = "Send Authorization: Bearer mfm_... (an admin creates keys with `mfm policy keys add NAME --role ROLE`)."


def unauthenticated(message: str) -> ApiError:
    return ApiError(401, "api_key_required", message, _HINT, headers={"WWW-Authenticate": "Bearer"})


class Authenticator:
    """Keys to request contexts. The scrypt check (tens of ms by design) runs once per key; the
    key list is re-read every ``ttl`` seconds, so a revoked key stops working within that time."""

    def __init__(self, cfg: Config, ttl: float = 5.0):
        self.store = KeyStore(cfg)
        self.ttl = ttl
        self._lock = threading.Lock()
        self._verified: dict[str, tuple[str, str, str]] = {}  # sha256(key) -> (actor, role, key id)
        self._active: set[str] = set()
        self._read_at = -1e9

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._read_at > self.ttl:
            active = {k.key_id for k in self.store.list() if not k.revoked}
            with self._lock:
                self._active, self._read_at = active, now

    @staticmethod
    def _digest(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()

    def known(self, token: str) -> bool:
        """True when the key was verified before (resolving it will not run scrypt)."""
        return not token.startswith(KEY_PREFIX) or self._digest(token) in self._verified

    def keys_configured(self) -> bool:
        self._refresh()
        return bool(self._active)

    def resolve(self, token: str | None, client: str | None, channel: str, locale: str | None) -> RequestContext:
        """The caller's context, or ApiError 401. Blocking (scrypt on a key's first use)."""
        self._refresh()
        if token and token.startswith(KEY_PREFIX):
            digest = self._digest(token)
            hit = self._verified.get(digest)
            if hit is None:
                try:
                    ctx = self.store.authenticate(token, channel=channel)
                except PermissionDenied:
                    raise unauthenticated("The API key is not valid (unknown, mistyped or revoked).") from None
                hit = (ctx.actor, ctx.role, ctx.api_key_id)
                with self._lock:
                    self._verified[digest] = hit
                    self._active.add(ctx.api_key_id)
            actor, role, key_id = hit
            if key_id not in self._active:
                with self._lock:
                    self._verified.pop(digest, None)
                raise unauthenticated("The API key has been revoked.")
            return RequestContext(actor=actor, role=role, channel=channel, locale=locale, api_key_id=key_id)
        if self._active:
            raise unauthenticated("This server requires an API key.")
        if not is_loopback(client):
            raise unauthenticated("Keyless requests are accepted from this machine only.")
        return RequestContext(channel=channel, locale=locale)


def _locale(headers: dict[bytes, bytes]) -> str | None:
    """The first language of Accept-Language (e.g. en-GB): the policy picks the emergency number by it."""
    first = headers.get(b"accept-language", b"").decode("latin-1").split(",")[0].split(";")[0].strip()
    return first if first and first != "*" and len(first) <= 35 else None


class Identity:
    """Settles the caller of every non-public request into ``scope["state"]["ctx"]``."""

    def __init__(self, app, auth: Authenticator):
        self.app, self.auth = app, auth

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in PUBLIC:
            return await self.app(scope, receive, send)
        path = scope["path"]
        headers = dict(scope.get("headers") or [])
        raw = headers.get(b"authorization", b"").decode("latin-1").strip()
        scheme, _, token = raw.partition(" ")
        state = scope.setdefault("state", {})
        channel = "mcp" if path.startswith("/mcp") else "http"
        try:
            if raw and scheme.lower() != "bearer":
                raise unauthenticated("Only Bearer authorization is accepted.")
            client = (scope.get("client") or (None,))[0]
            token = token.strip() or None
            args = (token, client, channel, _locale(headers))
            slow = token is not None and not self.auth.known(token)
            ctx = await asyncio.to_thread(self.auth.resolve, *args) if slow else self.auth.resolve(*args)
            if channel == "mcp" and ctx.api_key_id is None:
                raise unauthenticated("The MCP endpoint over HTTP requires an API key (`mfm mcp` serves this machine over stdio).")
            state["ctx"] = ctx
        except ApiError as e:
            if path.startswith(GUARDED):
                return await respond(e)(scope, receive, send)
            state["auth_error"] = e
        await self.app(scope, receive, send)


def caller(request: Request) -> RequestContext:
    ctx = request.scope.get("state", {}).get("ctx")
    if ctx is None:
        raise request.scope.get("state", {}).get("auth_error") or unauthenticated("No caller could be identified.")
    return ctx


def needs(permission: str) -> Callable:
    """A route's one permission, as a dependency returning the caller's context. ``permission``
    is kept on the function so the app can publish it (``x-openmfm-permission``) and a test can
    check that no route lacks one."""

    def check(request: Request, _documented=Depends(BEARER)) -> RequestContext:
        ctx = caller(request)
        if permission in KEY_ONLY and ctx.api_key_id is None:
            raise unauthenticated(f"This route needs an API key with the '{permission}' permission.")
        svc = request.app.state.services
        require(ctx, permission, policy=svc.policy, cfg=svc.cfg)
        return ctx

    check.permission = permission  # type: ignore[attr-defined]
    return Depends(check)
