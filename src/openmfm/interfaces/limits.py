"""What keeps one caller from starving the rest: request size and type limits, and bounded lanes
in front of the work.

Two lanes: ``model`` (generate-mode answers: one model, one answer at a time, a short queue) and
``work`` (searches, extractive answers, de-identification: a few threads, a longer queue). A lane
that is full answers 429 with ``Retry-After`` at once instead of piling requests up, and
generation never blocks the event loop, so ``/healthz`` answers while an answer is written.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

from starlette.exceptions import HTTPException

from . import errors
from .metrics import Metrics

T = TypeVar("T")
UPLOAD_PATH = "/v1/kb/upload"
MCP_PATH = "/mcp"
_BODY_METHODS = {"POST", "PUT", "PATCH"}


class Lane:
    """A fixed pool of threads with a bounded queue before it."""

    def __init__(self, name: str, workers: int, waiting: int, metrics: Metrics):
        self.name, self.workers, self.capacity = name, workers, workers + waiting
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix=f"mfm-{name}")
        self.inside = 0
        self.typical_s = 1.0  # moving average of a call's time, for Retry-After
        self._lock = threading.Lock()
        self.metrics = metrics

    def retry_after(self) -> int:
        ahead = max(1, self.inside - self.workers + 1)
        return max(1, math.ceil(self.typical_s * ahead / self.workers))

    @contextmanager
    def admitted(self) -> Iterator[None]:
        """A place in the lane for the duration of the block, or 429 now when there is none."""
        with self._lock:
            if self.inside >= self.capacity:
                self.metrics.rejected.labels(self.name).inc()
                wait = self.retry_after()
                raise errors.ApiError(429, "queue_full", f"The server is busy: the {self.name} queue is full.",
                                      f"Retry after {wait} s.", headers={"Retry-After": str(wait)})
            self.inside += 1
            self.metrics.queue_depth.labels(self.name).set(self.inside)
        try:
            yield
        finally:
            with self._lock:
                self.inside -= 1
                self.metrics.queue_depth.labels(self.name).set(self.inside)

    def submit(self, fn: Callable[[], T]) -> asyncio.Future[T]:
        """Run ``fn`` on the lane's threads (the caller holds ``admitted``); timed for Retry-After."""
        def timed() -> T:
            t0 = time.perf_counter()
            try:
                return fn()
            finally:
                self.typical_s = 0.8 * self.typical_s + 0.2 * (time.perf_counter() - t0)

        return asyncio.get_running_loop().run_in_executor(self.pool, timed)

    async def run(self, fn: Callable[..., T], *args, **kwargs) -> T:
        with self.admitted():
            return await self.submit(partial(fn, *args, **kwargs))

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class TooLarge(HTTPException):
    """Raised from inside the body stream: an HTTPException, so a framework that wraps errors
    met while reading a body (FastAPI does) passes it on as the 413 it is."""

    def __init__(self, limit: int):
        super().__init__(413, f"The request body is larger than {limit:,} bytes.")


class BodyLimits:
    """Size and content type of request bodies, checked before any route reads them."""

    def __init__(self, app, max_body: int, max_upload: int):
        self.app, self.max_body, self.max_upload = app, max_body, max_upload

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            return await self.app(scope, receive, send)
        path = scope["path"]
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        limit = self.max_upload if path == UPLOAD_PATH else self.max_body
        length = headers.get(b"content-length")
        has_body = b"transfer-encoding" in headers or (length is not None and length.strip() not in (b"", b"0"))
        problem = None
        if not has_body:
            pass  # a POST without a body (a replay) has no type to check
        elif path == UPLOAD_PATH and ctype != "multipart/form-data":
            problem = errors.ApiError(415, "unsupported_media_type", "Uploads must be multipart/form-data.",
                                      "Send the files as form fields named 'files' (curl -F files=@guide.md).")
        elif path.startswith("/v1/") and path != UPLOAD_PATH and not (ctype == "application/json" or ctype.endswith("+json")):
            problem = errors.ApiError(415, "unsupported_media_type",
                                      f"This route takes JSON, not {ctype or 'a body without a Content-Type'}.",
                                      "Send the body as JSON with the header Content-Type: application/json.")
        if problem is None and length is not None:
            try:
                if int(length) > limit:
                    problem = self.too_large(limit)
            except ValueError:
                problem = errors.ApiError(400, "bad_content_length", "The Content-Length header is not a number.",
                                          "Send a valid Content-Length, or none with chunked encoding.")
        if problem is not None:
            return await errors.respond(problem)(scope, receive, send)
        seen = {"bytes": 0, "started": False}

        async def counted():
            msg = await receive()
            if msg["type"] == "http.request":
                seen["bytes"] += len(msg.get("body", b""))
                if seen["bytes"] > limit:
                    raise TooLarge(limit)
            return msg

        async def watched(msg):
            if msg["type"] == "http.response.start":
                seen["started"] = True
            await send(msg)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if seen["started"]:
                raise
            await errors.respond(self.too_large(limit))(scope, receive, send)

    @staticmethod
    def too_large(limit: int) -> errors.ApiError:
        return errors.ApiError(413, "body_too_large", f"The request body is larger than {limit:,} bytes.",
                               errors.HINTS[413])
