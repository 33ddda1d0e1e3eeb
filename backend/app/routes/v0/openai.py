"""OpenAI-compatible /v1 routes, so OpenAI-style clients and profiles can talk to the same backend.
Errors here use OpenAI's `{"error": {...}}` shape (see app/__init__.py)."""
from __future__ import annotations

import asyncio
import base64
import binascii
import re
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


DATA_URL = re.compile(r"^data:(image/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$")


def images_of(content: Union[str, List[Dict[str, Any]], None]) -> List[str]:
    """What the image parts of a message hold, one line each ("image/png, 68 bytes"), so clients
    can see their images arrived intact. A data URL that is not base64 image data is a 400, like a
    vision model's server answers; an http(s) URL is named, never fetched."""
    if not isinstance(content, list):
        return []
    found: List[str] = []
    for part in content:
        if part.get("type") != "image_url":
            continue
        url = str((part.get("image_url") or {}).get("url", ""))
        match = DATA_URL.match(url)
        if match:
            try:
                size = len(base64.b64decode(match.group(2), validate=True))
            except (binascii.Error, ValueError):
                raise HTTPException(400, "image_url data is not valid base64")
            found.append(f"{match.group(1)}, {size} bytes")
        elif url.startswith(("http://", "https://")):
            found.append(f"remote {url}")
        else:
            raise HTTPException(400, "image_url.url must be a data:image/...;base64 URL or an http(s) URL")
    return found


@router.get("/models")
async def list_models() -> Dict[str, Any]:
    return {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "kha"} for m in MODELS]}


@router.post("/chat/completions")
async def chat_completions(request: Request, body: ChatCompletionRequest, knobs: Knobs = Depends(get_knobs)) -> Response:
    if knobs.fail_status is not None:
        return JSONResponse(simulated_failure_body(knobs.fail_status, openai=True), status_code=knobs.fail_status)
    last = next((m for m in reversed(body.messages) if m.role == "user"), None)
    if last is None:
        raise HTTPException(400, "messages must contain at least one message with role 'user'")
    last_user = text_of(last.content)
    images = images_of(last.content)
    if knobs.echo:
        fields = {"model": body.model, "messages": [dump(m) for m in body.messages], "stream": body.stream}
        text = echo_text(request.method, request.url.path, dict(request.query_params), dict(request.headers), fields)
    elif knobs.reply is not None:
        text = knobs.reply
    else:
        text = reply_for(last_user) + "".join(f" [image: {image}]" for image in images)
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
