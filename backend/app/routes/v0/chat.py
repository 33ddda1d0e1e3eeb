"""/api_chat: the original kha_backend route (GET ?message=, as the old front end called it),
plus POST with JSON, in four reply formats."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from app.dependencies.chat import Knobs, get_knobs
from app.schemas.chat import ChatRequest, ReplyFormat, dump
from app.utils.chat import (
    STREAM_HEADERS,
    StreamReply,
    echo_text,
    filler_tokens,
    frame,
    paced,
    reply_for,
    simulated_failure_body,
    tail,
    tokens_of,
)

router = APIRouter(tags=["chat"])

# Starlette appends "; charset=utf-8" to text/* itself.
MEDIA_TYPES = {"text": "text/plain", "sse": "text/event-stream", "ndjson": "application/x-ndjson"}
# Accept header -> format, used only when no `format` is given: the desktop client always sends
# the Accept matching its profile's reply format, so a profile works without a `format` param.
ACCEPT_FORMATS = {"application/json": "json", "text/plain": "text", "text/event-stream": "sse", "application/x-ndjson": "ndjson"}


def pick_format(request: Request, *explicit: Optional[str], stream: Optional[bool] = None) -> str:
    """Query `format`, then body `format`, then the first known type in Accept, then stream=true
    (SSE), else json. `*/*` (curl, browsers) therefore gets the original JSON reply."""
    for fmt in explicit:
        if fmt:
            return fmt
    for part in request.headers.get("accept", "").split(","):
        fmt = ACCEPT_FORMATS.get(part.split(";")[0].strip().lower())
        if fmt:
            return fmt
    return "sse" if stream else "json"


async def respond(request: Request, fmt: str, knobs: Knobs, message: str, fields: Dict[str, Any]) -> Response:
    if knobs.fail_status is not None:
        return JSONResponse(simulated_failure_body(knobs.fail_status), status_code=knobs.fail_status)
    if knobs.echo:
        text = echo_text(request.method, request.url.path, dict(request.query_params), dict(request.headers), fields)
    elif knobs.reply is not None:
        text = knobs.reply
    else:
        text = reply_for(message)
    tokens: List[str] = tokens_of(text) + filler_tokens(knobs.tokens)
    if fmt == "json":
        # Same total time as the stream would take, so idle-timeout tests work with JSON too.
        if knobs.delay_ms:
            await asyncio.sleep(knobs.delay_ms * len(tokens) / 1000)
        return JSONResponse({"reply": "".join(tokens)})
    body = paced(
        (frame(fmt, token) for token in tokens),
        tail(fmt),
        delay_ms=knobs.delay_ms,
        drop_after=knobs.drop_after,
        split_utf8=knobs.split_utf8,
    )
    return StreamReply(body, media_type=MEDIA_TYPES[fmt], headers=STREAM_HEADERS)


@router.get("/api_chat")
async def api_chat_get(
    request: Request,
    message: str = Query(..., min_length=1),
    fmt: Optional[ReplyFormat] = Query(None, alias="format"),
    knobs: Knobs = Depends(get_knobs),
) -> Response:
    fields = {"message": message, "history": None}
    return await respond(request, pick_format(request, fmt), knobs, message, fields)


@router.post("/api_chat")
async def api_chat_post(
    request: Request,
    body: ChatRequest,
    fmt: Optional[ReplyFormat] = Query(None, alias="format"),
    knobs: Knobs = Depends(get_knobs),
) -> Response:
    history = [dump(m) for m in body.history] if body.history is not None else None
    fields = {"message": body.message, "history": history, "stream": body.stream}
    return await respond(request, pick_format(request, fmt, body.format, stream=body.stream), knobs, body.message, fields)
