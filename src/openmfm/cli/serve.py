"""`mfm serve` (HTTP API, OpenAI-compatible, with MCP at /mcp) and `mfm mcp` (MCP over stdio)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import config_from_flags, console


def register(app: typer.Typer) -> None:
    """Add the `serve` and `mcp` commands to the top-level app."""
    @app.command("serve")
    def serve_cmd(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; other than loopback only with API keys configured."),
        port: int = typer.Option(8765, "--port", help="TCP port."),
        workers: int = typer.Option(1, "--workers", min=1, help="Processes (each loads the model and KB)."),
        queue: int = typer.Option(4, "--queue", min=0, help="Generate-mode answers that may wait behind the one being written."),
        threads: int = typer.Option(4, "--threads", min=1, help="Searches, extractive answers and de-identifications in parallel."),
        max_body_kb: int = typer.Option(1000, "--max-body-kb", min=1, help="Largest JSON request body."),
        max_upload_mb: float = typer.Option(25.0, "--max-upload-mb", help="Largest uploaded document."),
        no_mcp: bool = typer.Option(False, "--no-mcp", help="Do not serve MCP at /mcp."),
        openapi: Optional[Path] = typer.Option(None, "--write-openapi", help="Write the OpenAPI schema to this file and exit."),
    ) -> None:
        """Serve the HTTP API: OpenAI-compatible /v1/chat/completions, native /v1 routes, MCP at /mcp.

        Every request passes the same gate, permission check and audit log as `mfm ask`.
        Example: mfm serve --port 8765   (then: curl http://127.0.0.1:8765/v1/models)
        """
        from ..interfaces.serving import serve, write_openapi  # deferred: FastAPI and the answering stack
        from ..interfaces.settings import ServeSettings  # deferred: as above

        cfg = config_from_flags()
        if openapi is not None:
            write_openapi(cfg, openapi)
            console.print(f"wrote {openapi}")
            return
        serve(cfg, ServeSettings(host=host, port=port, workers=workers, model_waiting=queue, work_threads=threads,
                                 max_body_bytes=max_body_kb * 1000, max_upload_mb=max_upload_mb, mcp=not no_mcp))

    @app.command("mcp")
    def mcp_cmd(
        api_key: Optional[str] = typer.Option(None, "--api-key", envvar="MFM_API_KEY",
                                              help="Act with this key's role (default: the local clinician)."),
    ) -> None:
        """Serve the MCP tools (ask, kb_search, terms_lookup, deid, red_flag_check) over stdio.

        Example client config: {"command": "mfm", "args": ["mcp"]}
        """
        from ..interfaces.serving import serve_mcp_stdio  # deferred: the MCP SDK and the answering stack

        serve_mcp_stdio(config_from_flags(), api_key)
