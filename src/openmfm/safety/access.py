"""Access control: roles, hashed API keys, and the one place permissions are checked.

``require(ctx, permission)`` is the only permission check in OpenMFM; the role table it reads is
part of the policy file, so "who may re-identify" is reviewed like any other rule. API keys are
stored as salted scrypt hashes in SQLite in the data home: a leaked database does not leak keys.
Every denial is written to the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from ..audit import AuditLog
from ..config import Config
from ..errors import InvalidInput, PermissionDenied
from ..migrations import migrate, script
from ..records import Channel, RequestContext
from .policy import ROLES, Policy

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def _hash(key: str, salt: bytes) -> bytes:
    return hashlib.scrypt(key.encode("utf-8"), salt=salt, **_SCRYPT)


@dataclass
class ApiKey:
    key_id: str
    name: str
    role: str
    created: str
    revoked: bool


class KeyStore:
    """API keys as ``mfm_<id>_<secret>``: the id finds the row, the secret is checked by hash."""

    # schema versions (openmfm.migrations); version 1 is the table as first released, kept verbatim
    MIGRATIONS = [script("CREATE TABLE IF NOT EXISTS api_keys (key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
                         "salt BLOB NOT NULL, hash BLOB NOT NULL, created TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)",
                         "v1_api_keys")]

    def __init__(self, cfg: Config):
        self.path = cfg.data_home / "access.db"
        con = self._connect()
        try:
            migrate(con, self.MIGRATIONS, what="API key store", path=self.path)
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def add(self, name: str, role: str) -> str:
        """Create a key and return it; only its hash is kept, so this is the one time it is shown."""
        if role not in ROLES:
            raise InvalidInput(f"Unknown role '{role}'.", f"Use one of: {', '.join(ROLES)}.")
        key_id, secret = secrets.token_hex(4), secrets.token_urlsafe(24)
        salt = secrets.token_bytes(16)
        with self._connect() as con:
            con.execute("INSERT INTO api_keys VALUES (?,?,?,?,?,?,0)",
                        (key_id, name, role, salt, _hash(secret, salt), datetime.now(timezone.utc).isoformat()))
        return f"mfm_{key_id}_{secret}"

    def list(self) -> list[ApiKey]:
        with self._connect() as con:
            rows = con.execute("SELECT key_id, name, role, created, revoked FROM api_keys ORDER BY created").fetchall()
        return [ApiKey(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    def revoke(self, key_id: str) -> None:
        with self._connect() as con:
            if con.execute("UPDATE api_keys SET revoked = 1 WHERE key_id = ?", (key_id,)).rowcount == 0:
                raise InvalidInput(f"No API key with id '{key_id}'.", "List keys with `mfm policy keys list`.")

    def authenticate(self, api_key: str, channel: Channel = "python", locale: str | None = None) -> RequestContext:
        """The request context an API key stands for; raises PermissionDenied for a bad key."""
        parts = api_key.strip().split("_", 2)
        denied = PermissionDenied("The API key is not valid.", "Ask an admin for a key (`mfm policy keys add`).")
        if len(parts) != 3 or parts[0] != "mfm":
            raise denied
        with self._connect() as con:
            row = con.execute("SELECT name, role, salt, hash, revoked FROM api_keys WHERE key_id = ?", (parts[1],)).fetchone()
        if row is None or row[4] or not hmac.compare_digest(_hash(parts[2], row[2]), row[3]):
            raise denied
        return RequestContext(actor=row[0], role=row[1], channel=channel, locale=locale, api_key_id=parts[1])


def request_context(cfg: Config, *, api_key: str | None = None, channel: Channel = "python",
                    locale: str | None = None) -> RequestContext:
    """The caller of a request: the API key's identity and role when a key is given, else the
    local user as a clinician. Every door (CLI, HTTP, MCP) resolves its caller here, so a key means
    the same thing whichever way it arrives."""
    if api_key:
        return KeyStore(cfg).authenticate(api_key, channel=channel, locale=locale)
    return RequestContext(channel=channel, locale=locale)


def require(ctx: RequestContext, permission: str, *, policy: Policy, cfg: Config) -> None:
    """Raise PermissionDenied (and audit the denial) unless the policy gives ctx.role ``permission``."""
    pol = policy
    if pol.allows(ctx.role, permission):
        return
    AuditLog(cfg.audit_path).append(f"{permission}_denied", {"channel": ctx.channel, "api_key_id": ctx.api_key_id, "reason": "role"},
                                    actor=ctx.actor, role=ctx.role, policy_version=pol.version)
    allowed = sorted(r for r, perms in pol.roles.items() if permission in perms)
    raise PermissionDenied(f"Role '{ctx.role}' may not '{permission}' under policy {pol.version}.",
                           f"Roles allowed: {', '.join(allowed) or 'none'}; use an API key for one of them.")
