"""Running the server: the binding rule, JSON logs, and uvicorn.

Without API keys there is no way to tell callers apart, so the server refuses any address but
loopback; with keys it listens where it is told and every request needs one.
"""

from __future__ import annotations

import json
import logging
import logging.config
import os
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import uvicorn

from ..config import Config
from ..errors import ConfigError
from ..safety import request_context
from .app import create_app
from .auth import Authenticator
from .mcp_server import build_mcp
from .metrics import Metrics
from .services import Services
from .settings import ENV, ServeSettings, is_loopback


class JsonLines(logging.Formatter):
    """Every server log line as JSON; OpenMFM's own lines already are, uvicorn's are wrapped."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name.startswith("openmfm."):
            return record.getMessage()
        out = {"ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "level": record.levelname,
               "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            out["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(out, ensure_ascii=False)


def log_config(dup: bool = True) -> dict:
    """Logging for the server process. The handler writes to a duplicate of stderr's descriptor:
    llama.cpp points descriptor 2 at /dev/null while it loads a model (in a background thread
    here), which would otherwise swallow the log lines of requests served meanwhile. Worker
    processes (``dup=False``) get the configuration by pickling, which a file cannot survive."""
    stream = os.fdopen(os.dup(2), "w", buffering=1, encoding="utf-8") if dup else "ext://sys.stderr"
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLines}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": stream}},
        "loggers": {"uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
                    "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
                    "openmfm": {"handlers": ["stderr"], "level": "INFO", "propagate": False}},
        "root": {"handlers": ["stderr"], "level": "WARNING"},  # libraries' warnings too (MCP would add a text handler)
    }


def check_binding(cfg: Config, host: str) -> bool:
    """True when keys are configured; raises for a non-loopback address without them."""
    keyed = Authenticator(cfg).keys_configured()
    if not keyed and not is_loopback(host):
        raise ConfigError(f"Refusing to listen on {host}: no API keys are configured, so anyone who can reach "
                          "the port would act as a clinician.",
                          "Create a key first (mfm policy keys add NAME --role ROLE), or listen on 127.0.0.1.")
    return keyed


def banner(settings: ServeSettings, keyed: bool) -> str:
    url = f"http://{settings.host}:{settings.port}"
    who = ("API keys are required (Authorization: Bearer mfm_...)." if keyed else
           "No API keys configured: listening on loopback only; keyless requests act as the local clinician "
           "(ask, search, de-identify). Audit, keys and KB uploads need a key.")
    return (f"OpenMFM serving on {url}  (OpenAI base_url {url}/v1, MCP {url}/mcp, schema {url}/openapi.json)\n{who}")


def serve(cfg: Config, settings: ServeSettings) -> None:
    keyed = check_binding(cfg, settings.host)
    print(banner(settings, keyed), file=sys.stderr, flush=True)
    common = dict(host=settings.host, port=settings.port, access_log=False, timeout_graceful_shutdown=5)
    if settings.workers > 1:
        os.environ[ENV] = settings.to_env()
        uvicorn.run("openmfm.interfaces.app:app_from_env", factory=True, workers=settings.workers,
                    log_config=log_config(dup=False), **common)
        return
    uvicorn.run(create_app(cfg, settings), log_config=log_config(), **common)


def write_openapi(cfg: Config, path: Path) -> None:
    """The schema the app serves, written where it is committed (docs/openapi.json)."""
    schema = create_app(cfg, ServeSettings(preload=False)).openapi()
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def serve_mcp_stdio(cfg: Config, api_key: str | None) -> None:
    """`mfm mcp`: the MCP tools over stdio, as the key's role or this machine's clinician."""
    caller = request_context(cfg, api_key=api_key, channel="mcp")
    svc = Services(cfg, ServeSettings(), Metrics())
    logging.config.dictConfig(log_config())
    # what most tool calls need; the model and Presidio load on the first call that needs them
    threading.Thread(target=svc.load, args=(("policy", "audit", "kb", "embedder"),), daemon=True).start()
    build_mcp(svc, stdio_caller=caller).run("stdio")
