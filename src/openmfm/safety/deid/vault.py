"""The pseudonym vault: reversible pseudonymisation whose mapping is encrypted at rest.

Pseudonyms are keyed hashes (the same value always gets the same token, so records still link);
the original values are stored only as Fernet ciphertext in SQLite. The key lives in the data
home with owner-only permissions, separate from the database, so a copied vault file alone
reveals nothing. Who may reverse a token is decided by ``access.require``, not here.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import sqlite3
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from ...errors import IntegrityError
from ...migrations import migrate, script

TOKEN = re.compile(r"\[([A-Z_]+)#([0-9a-f]{12})\]")


def load_key(home: Path) -> bytes:
    """The Fernet key from ``home/secrets/deid.key``, created (mode 600) on first use."""
    path = home / "secrets" / "deid.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(Fernet.generate_key())
    return path.read_bytes().strip()


def hash_key(fernet_key: bytes) -> bytes:
    """A separate key for surrogate seeds and tokens, so hashing never reuses the cipher key."""
    return hashlib.sha256(b"openmfm-deid-hmac\x00" + fernet_key).digest()


class Vault:
    def __init__(self, home: Path):
        self.path = home / "deid_vault.db"
        key = load_key(home)
        self._fernet = Fernet(key)
        self._hkey = hash_key(key)
        con = self._connect()
        try:
            migrate(con, self.MIGRATIONS, what="pseudonym vault", path=self.path)
        finally:
            con.close()

    # schema versions (openmfm.migrations); version 1 is the table as first released, kept verbatim
    MIGRATIONS = [script("CREATE TABLE IF NOT EXISTS vault (token TEXT PRIMARY KEY, entity_type TEXT NOT NULL, "
                         "ciphertext BLOB NOT NULL, created TEXT DEFAULT CURRENT_TIMESTAMP)", "v1_vault")]

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def token_for(self, entity_type: str, value: str) -> str:
        digest = hmac.new(self._hkey, f"{entity_type}\x1f{value}".encode("utf-8"), hashlib.sha256).hexdigest()[:12]
        return f"[{entity_type}#{digest}]"

    def put_many(self, items: list[tuple[str, str, str]]) -> None:
        """Store (token, entity_type, value) rows in one transaction."""
        rows = [(t, e, self._fernet.encrypt(v.encode("utf-8"))) for t, e, v in items]
        with self._connect() as con:
            con.executemany("INSERT OR IGNORE INTO vault(token, entity_type, ciphertext) VALUES (?,?,?)", rows)

    def lookup(self, tokens: list[str]) -> dict[str, str]:
        if not tokens:
            return {}
        out: dict[str, str] = {}
        with self._connect() as con:
            for token in set(tokens):
                row = con.execute("SELECT ciphertext FROM vault WHERE token = ?", (token,)).fetchone()
                if row is None:
                    continue
                try:
                    out[token] = self._fernet.decrypt(row[0]).decode("utf-8")
                except InvalidToken:
                    raise IntegrityError("The pseudonym vault cannot be decrypted with the key in the data home.",
                                         "Restore the matching secrets/deid.key; without it the vault is unreadable.") from None
        return out
