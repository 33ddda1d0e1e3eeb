"""OpenAI-compatible /v1 routes, so OpenAI-style clients and profiles can talk to the same backend.
Errors here use OpenAI's `{"error": {...}}` shape (see app/__init__.py)."""
from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any, Dict, List, Optional, Union

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from app.dependencies.chat import Knobs, get_knobs, require_api_key
from app.schemas.chat import ChatCompletionRequest, dump
from app.utils.chat import (
    STREAM_HEADERS,
    StreamReply,
    dumps,
    echo_text,
    filler_tokens,
    paced,
    reply_for,
    simulated_failure_body,
    sse,
    tokens_of,
)

router = APIRouter(prefix="/v1", tags=["openai"], dependencies=[Depends(require_api_key)])

MODELS = ["kha-echo-1", "kha-echo-2"]


def text_of(content: Union[str, List[Dict[str, Any]], None]) -> str:
    """A message's text: the string, or the joined `text` parts of a content-part list."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(str(p.get("text", "")) for p in content if p.get("type") == "text")


@router.get("/models")
async def list_models() -> Dict[str, Any]:
    return {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "kha"} for m in MODELS]}


@router.post("/chat/completions")
async def chat_completions(request: Request, body: ChatCompletionRequest, knobs: Knobs = Depends(get_knobs)) -> Response:
    if knobs.fail_status is not None:
        return JSONResponse(simulated_failure_body(knobs.fail_status, openai=True), status_code=knobs.fail_status)
    last_user: Optional[str] = next((text_of(m.content) for m in reversed(body.messages) if m.role == "user"), None)
    if last_user is None:
        raise HTTPException(400, "messages must contain at least one message with role 'user'")
    if knobs.echo:
        fields = {"model": body.model, "messages": [dump(m) for m in body.messages], "stream": body.stream}
        text = echo_text(request.method, request.url.path, dict(request.query_params), dict(request.headers), fields)
    elif knobs.reply is not None:
        text = knobs.reply
    else:
        text = reply_for(last_user)
    tokens = tokens_of(text) + filler_tokens(knobs.tokens)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())

    if not body.stream:
        if knobs.delay_ms:
            await asyncio.sleep(knobs.delay_ms * len(tokens) / 1000)
        prompt_tokens = sum(len(tokens_of(text_of(m.content))) for m in body.messages)
        return JSONResponse(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": body.model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(tokens)}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(tokens), "total_tokens": prompt_tokens + len(tokens)},
            }
        )

    def chunk(delta: Dict[str, str], finish_reason: Optional[str] = None) -> bytes:
        return sse(
            dumps(
                {
                    "id": completion_id,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": body.model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
                }
            )
        )

    stream = paced(
        (chunk({"content": token}) for token in tokens),
        [chunk({}, "stop"), sse("[DONE]")],
        head=[chunk({"role": "assistant"})],
        delay_ms=knobs.delay_ms,
        drop_after=knobs.drop_after,
        split_utf8=knobs.split_utf8,
    )
    return StreamReply(stream, media_type="text/event-stream", headers=STREAM_HEADERS)
