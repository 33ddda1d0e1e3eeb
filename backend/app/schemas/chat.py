"""Request bodies. Plain pydantic fields only, so this works on pydantic v1 (Debian 12) and v2."""
from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, Field

ReplyFormat = Literal["json", "text", "sse", "ndjson"]


class ChatMessage(BaseModel):
    role: Literal["user", "assistant", "system"]
    content: str


class ChatRequest(BaseModel):
    """POST /api_chat. Unknown fields are ignored, so clients may send extra parameters."""

    # min_length=1 makes an empty message FastAPI's ordinary 422, same as a missing one.
    message: str = Field(..., min_length=1)
    history: Optional[List[ChatMessage]] = None
    # Without `format`, stream=true picks SSE (see routes/v0/chat.py: pick_format).
    stream: Optional[bool] = None
    format: Optional[ReplyFormat] = None


class OpenAIMessage(BaseModel):
    role: str  # any role (tool, developer, ...) is accepted; only "user" feeds the reply
    # A string, or OpenAI content parts ([{"type": "text", "text": ...}, ...]), or null.
    content: Union[str, List[Dict[str, Any]], None] = None


class ChatCompletionRequest(BaseModel):
    """POST /v1/chat/completions. Sampling options (temperature, ...) are accepted and ignored."""

    model: str = "kha-echo-1"
    messages: List[OpenAIMessage]
    stream: bool = False


def dump(model: BaseModel) -> Dict[str, Any]:
    """model_dump() on pydantic v2, dict() on v1."""
    return model.model_dump() if hasattr(model, "model_dump") else model.dict()
