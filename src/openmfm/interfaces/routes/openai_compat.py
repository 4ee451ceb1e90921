"""The OpenAI-compatible routes: any OpenAI client asks grounded questions unchanged.

The last user message is the question; earlier turns are counted in ``openmfm.context_turns`` but
not used (``ask`` answers one question from the evidence, and a conversation's earlier claims are
not evidence). The model name picks the answer mode.
"""

from __future__ import annotations

import time

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...records import RequestContext
from .. import streaming
from ..auth import needs
from ..errors import ApiError
from ..schemas import ChatCompletion, ChatRequest, ModelCard, ModelList
from ..services import ClientGone
from ..views import MODEL_TEXT, MODELS, completion
from . import services_of

router = APIRouter(tags=["openai"])
STARTED = int(time.time())


@router.get("/v1/models", response_model=ModelList)
async def models(request: Request, ctx: RequestContext = needs("ask")) -> ModelList:
    """The two answer modes as OpenAI models: `openmfm` (generate) and `openmfm-extractive`."""
    svc = services_of(request)
    names = await svc.work_lane.run(svc.models, ctx)
    return ModelList(data=[ModelCard(id=n, created=STARTED, description=MODEL_TEXT[n]) for n in names])


@router.post("/v1/chat/completions", response_model=ChatCompletion,
             responses={200: {"content": {"text/event-stream": {}}, "description": "JSON, or SSE chunks with stream: true"}})
async def chat_completions(body: ChatRequest, request: Request, ctx: RequestContext = needs("ask")):
    """A grounded answer as a chat completion; the evidence is in the `openmfm` field."""
    if body.model not in MODELS:
        raise ApiError(404, "model_not_found", f"The model '{body.model}' does not exist.",
                       f"Use one of: {', '.join(MODELS)} (GET /v1/models).", param="model")
    users = [i for i, m in enumerate(body.messages) if m.role == "user"]
    if not users:
        raise ApiError(400, "no_user_message", "The messages contain no user message.",
                       "End the conversation with the question as a user message.", param="messages")
    question = body.messages[users[-1]].text()
    turns = len(body.messages) - 1
    mode = MODELS[body.model]
    svc = services_of(request)
    if body.stream:
        include = bool(body.stream_options and body.stream_options.include_usage)
        return await streaming.stream_openai(request, svc, ctx, question, mode=mode, model=body.model,
                                             context_turns=turns, include_usage=include)
    try:
        answer = await streaming.answer(request, svc, ctx, question, mode=mode)
    except ClientGone:
        return Response(status_code=streaming.GONE)
    return completion(answer, body.model, turns)
