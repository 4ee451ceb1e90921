"""The server's own settings: where it listens and the limits that keep one caller from starving
the rest. They are flags of `mfm serve`, not part of ``Config``: they describe one process, not
how answers are made, and two servers on one data home may differ in them."""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import asdict, dataclass

ENV = "OPENMFM_SERVE_SETTINGS"  # how `--workers N` hands the settings to each worker process


@dataclass
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 1
    max_body_bytes: int = 1_000_000  # a JSON request; a long note to de-identify fits, a dump does not
    max_upload_mb: float = 25.0  # per uploaded file, as `mfm kb add --max-mb`
    max_upload_files: int = 20
    model_waiting: int = 4  # generate-mode answers queued behind the one being written
    work_threads: int = 4  # searches, extractive answers, de-identification in parallel
    work_waiting: int = 64
    preload: bool = True  # load the KB, embedder and model at start instead of on the first request
    mcp: bool = True  # mount the MCP server at /mcp

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> ServeSettings:
        raw = os.environ.get(ENV)
        return cls(**json.loads(raw)) if raw else cls()


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"; a name that is not an address is not trusted."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
