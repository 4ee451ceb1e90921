"""One answer on its lane, as a sequence of events: draft pieces while the model writes, then the
verified answer; and the stop when the client goes away.

The draft is not the answer: verification may still remove a sentence, and the gate puts any
escalation first and the disclaimer last. So the OpenAI stream's ``content`` carries only the
verified text, sent once it exists; the draft travels beside it in the ``openmfm.draft`` extension
of otherwise empty chunks, for a client that wants to show progress. The native stream names the
two as ``draft`` and ``answer`` events.

A request that fails in its first second (empty, too long, not allowed) gets its proper status;
later failures arrive as an error event, as OpenAI's streams send them.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse

from ..errors import MFMError
from ..records import Answer, RequestContext
from . import errors
from .services import ClientGone, Services
from .views import chunk, extension, usage

FIRST_WINDOW_S = 1.0  # how long a stream waits for an early error before it commits to 200
POLL_S = 0.5  # how often a waiting request checks that its client is still there
KEEPALIVE_S = 10.0
PIECE_CHARS = 80
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
GONE = 499  # the client closed the request (nginx's convention); never seen by the client


class AnswerRun:
    def __init__(self, svc: Services, ctx: RequestContext, question: str, *, mode: str | None,
                 as_of: date | None = None):
        self.svc, self.ctx, self.question, self.as_of = svc, ctx, question, as_of
        self.mode = mode or svc.cfg.answer.mode
        self.lane = svc.lane(self.mode)
        self.cancel = threading.Event()
        self.loop = asyncio.get_running_loop()
        self.pieces: asyncio.Queue[str] = asyncio.Queue()
        self.future: asyncio.Future | None = None

    def _on_text(self, piece: str) -> None:
        if self.cancel.is_set():
            raise ClientGone
        self.loop.call_soon_threadsafe(self.pieces.put_nowait, piece)

    def _run(self) -> Answer:
        if self.cancel.is_set():  # the client left while this waited in the queue: nothing was started
            raise ClientGone
        return self.svc.ask(self.ctx, self.question, mode=self.mode, as_of=self.as_of, on_text=self._on_text)

    def start(self) -> None:
        """Take a place in the lane (429 when it is full) and start the answer."""
        place = self.lane.admitted()
        place.__enter__()
        self.future = self.lane.submit(self._run)

        def done(fut: asyncio.Future) -> None:
            place.__exit__(None, None, None)  # the place is held until the thread is free again
            if not fut.cancelled():
                fut.exception()  # retrieved here, so a stopped run is not reported as unhandled

        self.future.add_done_callback(done)

    def stop(self) -> None:
        """A queued run ends as it starts; a running one at the model's next piece of text."""
        self.cancel.set()

    def stop_unfinished(self) -> None:
        """Stop the run unless it has finished: the stream ended early (error, disconnect)."""
        if self.future is not None and not self.future.done():
            self.stop()

    async def next(self, request: Request, timeout: float | None = None) -> str | Answer | None:
        """The next draft piece, or the answer, or None after ``timeout``; raises what ``ask`` raised,
        and ClientGone (after stopping the run) once the client has disconnected."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if not self.pieces.empty():
                return self.pieces.get_nowait()
            if self.future.done():
                return self.future.result()
            left = POLL_S if deadline is None else min(POLL_S, deadline - time.monotonic())
            if left <= 0:
                return None
            getter = asyncio.ensure_future(self.pieces.get())
            done, _ = await asyncio.wait({getter, self.future}, timeout=left, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                return getter.result()
            getter.cancel()
            if not self.future.done() and await request.is_disconnected():
                self.stop()
                raise ClientGone


async def _begin(request: Request, svc: Services, ctx: RequestContext, question: str, mode: str | None,
                 as_of: date | None) -> tuple[AnswerRun, str | Answer | None]:
    run = AnswerRun(svc, ctx, question, mode=mode, as_of=as_of)
    run.start()
    try:
        return run, await run.next(request, timeout=FIRST_WINDOW_S)
    except BaseException:
        run.stop()
        raise


async def answer(request: Request, svc: Services, ctx: RequestContext, question: str, *, mode: str | None,
                 as_of: date | None = None) -> Answer:
    """The whole answer (the client waits); the generation stops if the client leaves first."""
    run, item = await _begin(request, svc, ctx, question, mode, as_of)
    while not isinstance(item, Answer):
        item = await run.next(request)
    return item


def sse(data: Any, event: str | None = None) -> str:
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"


def _error(e: BaseException) -> dict[str, Any]:
    err = errors.from_mfm(e) if isinstance(e, MFMError) else e if isinstance(e, errors.ApiError) else None
    if err is None:
        raise e
    return errors.body(err.status, err.code, err.message, err.next)


async def _events(run: AnswerRun, request: Request, first: str | Answer | None) -> AsyncIterator[str | Answer]:
    """Draft pieces, None for a quiet interval, then the answer."""
    item = first
    while not isinstance(item, Answer):
        yield item
        item = await run.next(request, timeout=KEEPALIVE_S)
    yield item


def _pieces(text: str) -> list[str]:
    return [text[i:i + PIECE_CHARS] for i in range(0, len(text), PIECE_CHARS)] or [""]


async def stream_openai(request: Request, svc: Services, ctx: RequestContext, question: str, *, mode: str,
                        model: str, context_turns: int, include_usage: bool) -> Response:
    try:
        run, first = await _begin(request, svc, ctx, question, mode, None)
    except ClientGone:
        return Response(status_code=GONE)

    async def body() -> AsyncIterator[str]:
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        yield sse(chunk(cid, model, created, {"role": "assistant", "content": ""}))
        try:
            async for item in _events(run, request, first):
                if item is None:
                    yield ": keep-alive\n\n"
                elif isinstance(item, str):
                    yield sse(chunk(cid, model, created, {}, openmfm={"draft": item}))
                else:
                    for piece in _pieces(item.text):
                        yield sse(chunk(cid, model, created, {"content": piece}))
                    ext = extension(item, context_turns).model_dump(mode="json")
                    yield sse(chunk(cid, model, created, {}, "stop", openmfm=ext))
                    if include_usage:
                        yield sse({**chunk(cid, model, created, {}), "choices": [],
                                   "usage": usage(item).model_dump()})
        except ClientGone:
            return
        except (MFMError, errors.ApiError) as e:
            yield sse(_error(e))
        finally:
            run.stop_unfinished()
        yield "data: [DONE]\n\n"

    return StreamingResponse(body(), media_type="text/event-stream", headers=SSE_HEADERS)


async def stream_native(request: Request, svc: Services, ctx: RequestContext, question: str, *, mode: str | None,
                        as_of: date | None) -> Response:
    try:
        run, first = await _begin(request, svc, ctx, question, mode, as_of)
    except ClientGone:
        return Response(status_code=GONE)

    async def body() -> AsyncIterator[str]:
        try:
            async for item in _events(run, request, first):
                if item is None:
                    yield ": keep-alive\n\n"
                elif isinstance(item, str):
                    yield sse({"text": item}, "draft")
                else:
                    yield sse(item.model_dump(mode="json"), "answer")
        except ClientGone:
            return
        except (MFMError, errors.ApiError) as e:
            yield sse(_error(e), "error")
        finally:
            run.stop_unfinished()

    return StreamingResponse(body(), media_type="text/event-stream", headers=SSE_HEADERS)
