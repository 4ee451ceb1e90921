"""One error shape for every route: OpenAI's error object plus ``next``, the step to take.

OpenAI clients read ``error.message``/``type``/``code``; everyone else reads ``next``, which carries
the same hint an ``MFMError`` prints in the terminal. Messages never quote the request (they name
lengths, fields and limits), so an error can be logged or shown without leaking what was sent.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import errors as E

# status -> the OpenAI error type a client library expects for it
TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error",
         405: "invalid_request_error", 409: "conflict_error", 413: "invalid_request_error",
         415: "invalid_request_error", 422: "invalid_request_error", 429: "rate_limit_error", 500: "server_error",
         503: "server_error", 504: "timeout_error"}

# an MFMError subclass -> (status, code); the first match in this order wins
STATUS: list[tuple[type[E.MFMError], int, str]] = [
    (E.PermissionDenied, 403, "permission_denied"),
    (E.PolicyViolation, 422, "refused_by_policy"),
    (E.ModelNotPulled, 503, "model_not_pulled"),
    (E.ModelNotFound, 404, "model_not_found"),
    (E.BackendUnavailable, 503, "backend_unavailable"),
    (E.GenerationTimeout, 504, "generation_timeout"),
    (E.AuditError, 404, "audit_record_not_found"),
    (E.KnowledgeBaseError, 404, "not_found"),
    (E.IngestError, 422, "ingest_failed"),
    (E.ContextOverflow, 400, "context_overflow"),
    (E.ConfigError, 503, "server_misconfigured"),  # the server's own files, not the request
    (E.PolicyError, 503, "server_misconfigured"),
    (E.MFMError, 400, "invalid_input"),
]


CODES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}
HINTS = {404: "See the routes in /openapi.json.", 405: "See the methods each route takes in /openapi.json.",
         413: "Send less (split the document), or start the server with a higher limit."}


class ApiError(Exception):
    """An error a route answers with; ``headers`` carries Retry-After or WWW-Authenticate."""

    def __init__(self, status: int, code: str, message: str, next: str | None = None, *,
                 param: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.next = status, code, message, next
        self.param, self.headers = param, headers or {}


def body(status: int, code: str, message: str, next: str | None = None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": TYPES.get(status, "invalid_request_error"), "param": param,
                      "code": code, "next": next}}


def respond(err: ApiError) -> JSONResponse:
    return JSONResponse(body(err.status, err.code, err.message, err.next, err.param), status_code=err.status,
                        headers=err.headers)


def from_mfm(e: E.MFMError) -> ApiError:
    status, code = next((s, c) for cls, s, c in STATUS if isinstance(e, cls))
    return ApiError(status, code, e.message, e.hint)


def _validation(e: RequestValidationError) -> ApiError:
    """Pydantic's errors as one message naming each field, never echoing the values sent."""
    errs = e.errors()
    if any(x.get("type") == "json_invalid" for x in errs):
        return ApiError(400, "invalid_json", "The request body is not valid JSON.",
                        "Send a JSON object with Content-Type: application/json (see /openapi.json).")
    parts, unknown = [], []
    for x in errs:
        loc = [str(p) for p in x.get("loc", ()) if p != "body"]
        where = ".".join(loc) or "body"
        if x.get("type") == "extra_forbidden":
            unknown.append(where)
        else:
            parts.append(f"{where}: {x.get('msg', 'invalid')}")
    if unknown:
        return ApiError(422, "unknown_field", f"Unknown field(s): {', '.join(unknown)}.",
                        "Remove them; the accepted fields are listed in /openapi.json.", param=unknown[0])
    first = ".".join(str(p) for p in errs[0].get("loc", ()) if p != "body") if errs else None
    return ApiError(422, "invalid_field", "; ".join(parts) or "The request is invalid.",
                    "Fix the fields named; the schema is at /openapi.json.", param=first or None)


def internal(request_id: str) -> ApiError:
    return ApiError(500, "internal_error", f"Internal error (request {request_id}).",
                    "Report it with the request id; the server log has the traceback.")


def install(app) -> None:
    """Every failure a request can meet, as the one JSON error shape (a crash is answered by
    ``access_log.AccessLog``, which logs it without the exception's message)."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, e: ApiError):
        return respond(e)

    @app.exception_handler(E.MFMError)
    async def _mfm(request: Request, e: E.MFMError):
        return respond(from_mfm(e))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, e: RequestValidationError):
        return respond(_validation(e))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, e: StarletteHTTPException):
        return respond(ApiError(e.status_code, CODES.get(e.status_code, "http_error"), str(e.detail),
                                HINTS.get(e.status_code), headers=dict(e.headers or {})))

