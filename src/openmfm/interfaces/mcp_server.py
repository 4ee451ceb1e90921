"""The MCP server (official ``mcp`` SDK): OpenMFM's answers, search, terminology, de-identification
and red-flag check as tools for agents, and source versions as resources.

The same server runs over stdio (``mfm mcp``: the caller is this machine's user, or the API key it
was started with) and mounted in ``mfm serve`` at ``/mcp`` (streamable HTTP: every request carries
an API key, settled by ``auth.Identity`` before the SDK sees it). Tools are thin calls of
``services``, so each one passes the same permission check, gate and audit as the HTTP routes, and
``ask`` output passes the output gate for the caller's role. A refusal or a denied permission is a
tool error the agent can read, with the next step to take.
"""

from __future__ import annotations

from typing import Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.server.transport_security import TransportSecuritySettings

from .. import __version__
from ..errors import MFMError
from ..records import RequestContext
from .errors import ApiError
from .services import Services
from .settings import is_loopback
from .views import extension

INSTRUCTIONS = ("OpenMFM answers medical questions in Chinese or English from a versioned knowledge base: every "
                "sentence cites an exact source span and is verified; red flags carry escalation advice. Use `ask` "
                "for an answer, `kb_search` for evidence, `terms_lookup` for codes and synonyms, `deid` before "
                "sharing a clinical note, and `red_flag_check` to screen a text for emergencies.")


def _fail(e: MFMError | ApiError, kind: type[Exception] = ToolError) -> Exception:
    message, hint = e.message, getattr(e, "hint", None) or getattr(e, "next", None)
    return kind(f"{message} Next: {hint}" if hint else message)


def build_mcp(svc: Services, stdio_caller: RequestContext | None = None) -> MCPServer:
    """The MCP server over ``svc``; ``stdio_caller`` is who calls when no HTTP request is present."""
    server = MCPServer("openmfm", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING")

    def caller(ctx: Context) -> RequestContext:
        request = ctx.request_context.request
        if request is None:
            if stdio_caller is None:
                raise ToolError("No caller: this server answers over HTTP only.")
            return stdio_caller
        found = request.scope.get("state", {}).get("ctx")
        if found is None:
            raise ToolError("No caller could be identified. Next: send Authorization: Bearer mfm_...")
        return found

    async def call(lane, fn, *args, **kwargs) -> Any:
        try:
            return await lane.run(fn, *args, **kwargs)
        except (MFMError, ApiError) as e:
            raise _fail(e) from None

    @server.tool()
    async def ask(question: str, ctx: Context, mode: Literal["generate", "extractive"] | None = None) -> dict[str, Any]:
        """Answer a medical question (Chinese or English) from the knowledge base. Returns the answer text,
        each claim with its citations and support, the evidence cards, flags (red flags first) and the audit id.
        `extractive` quotes the evidence without a model (instant); `generate` lets the model write (slower)."""
        who = caller(ctx)
        a = await call(svc.lane(mode), svc.ask, who, question, mode=mode)
        return {"text": a.text, **extension(a).model_dump(mode="json")}

    @server.tool()
    async def kb_search(query: str, ctx: Context, k: int = 5,
                        languages: list[Literal["zh", "en"]] | None = None) -> dict[str, Any]:
        """Search the knowledge base (BM25 + dense, Chinese and English); each hit is an evidence card
        with source, version, date, licence and the quoted span."""
        who = caller(ctx)
        if not 1 <= k <= 50:
            raise ToolError("k must be between 1 and 50.")
        found = await call(svc.work_lane, svc.search, who, query, k=k, languages=languages)
        return found.model_dump(mode="json")

    @server.tool()
    async def terms_lookup(term: str, ctx: Context, limit: int = 5) -> dict[str, Any]:
        """Clinical concepts for a name, synonym, abbreviation or ICD-10 code: codes, names in both
        languages, synonyms and their sources."""
        who = caller(ctx)
        if not 1 <= limit <= 50:
            raise ToolError("limit must be between 1 and 50.")
        concepts = await call(svc.work_lane, svc.terms_lookup, who, term, limit)
        return {"concepts": [c.model_dump(mode="json") for c in concepts]}

    @server.tool()
    async def deid(ctx: Context, text: str | None = None, data: dict[str, Any] | list[Any] | None = None,
                   operator: Literal["redact", "mask", "surrogate", "pseudonymize"] | None = None) -> dict[str, Any]:
        """De-identify a clinical note (`text`) or a JSON record / FHIR resource (`data`), Chinese or
        English: identifiers are found and replaced; the result lists each with its type and place."""
        who = caller(ctx)
        if (text is None) == (data is None):
            raise ToolError("Give exactly one of `text` (a note) or `data` (JSON or FHIR).")
        result = await call(svc.work_lane, svc.deid, who, text if text is not None else data, operator=operator)
        return result.model_dump(mode="json")

    @server.tool()
    async def red_flag_check(text: str, ctx: Context) -> dict[str, Any]:
        """Screen a text for emergency red flags (chest pain, stroke, anaphylaxis, suicidal intent ...):
        the categories found and the escalation advice for the caller's locale."""
        who = caller(ctx)
        report = await call(svc.work_lane, svc.red_flags, who, text)
        return report.model_dump(mode="json")

    @server.resource("openmfm://source/{+source_id}@{version}", mime_type="text/plain")
    async def source_version(source_id: str, version: str, ctx: Context) -> str:
        """The clean text of one version of a source: the text every citation's offsets index."""
        if not version.isdigit():
            raise ResourceError("The version must be a number, e.g. openmfm://source/my-protocol@2.")
        try:
            return await svc.work_lane.run(svc.version_text, caller(ctx), source_id, int(version))
        except (MFMError, ApiError) as e:
            raise _fail(e, ResourceError) from None

    return server


def mount_http(app, server: MCPServer, host: str) -> None:
    """Serve ``server`` at /mcp of ``app`` (streamable HTTP); the app's lifespan runs its sessions."""
    security = None
    if is_loopback(host):
        security = TransportSecuritySettings(enable_dns_rebinding_protection=True,
                                             allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"],
                                             allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"])
    sub = server.streamable_http_app(streamable_http_path="/mcp", host=host, transport_security=security)
    app.router.routes.extend(sub.routes)

