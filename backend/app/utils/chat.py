"""The deterministic "model" and the byte-level streaming shared by /api_chat and /v1.

No model runs here: replies are derived from the message, so tests can assert exact text, and the
streamed tokens always join to exactly the non-streamed reply.
"""
from __future__ import annotations

import asyncio
import json
import re
from typing import Any, AsyncIterator, Dict, Iterable, List, Optional

from starlette.responses import StreamingResponse
from starlette.types import Send

# A word plus the whitespace after it; leading whitespace sticks to the first word, and text that
# is only whitespace is one token. Joining the matches gives the input back exactly.
_TOKEN = re.compile(r"\s*\S+\s*|\s+")
SPLIT_PAUSE_S = 0.02  # between the halves of a split character: long enough to be separate TCP segments


def reply_for(message: str) -> str:
    return f"Echo: {message}"


def tokens_of(text: str) -> List[str]:
    """'Echo: 안녕 하세요' -> ['Echo: ', '안녕 ', '하세요']."""
    return _TOKEN.findall(text)


def filler_tokens(n: int) -> List[str]:
    """' w1', ' w2', ... kept as separate tokens (re-tokenizing would glue the spaces differently)."""
    return [f" w{i}" for i in range(1, n + 1)]


def dumps(obj: Any) -> str:
    # Compact like most servers, and raw UTF-8 (no \\uXXXX) so split_utf8 has multi-byte chars to split.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def sse(data: str) -> bytes:
    return f"data: {data}\n\n".encode("utf-8")


def frame(fmt: str, token: str) -> bytes:
    """One token as it goes on the wire for each streamed format of /api_chat."""
    if fmt == "sse":
        return sse(json.dumps({"delta": token}, ensure_ascii=False))
    if fmt == "ndjson":
        return (json.dumps({"delta": token}, ensure_ascii=False) + "\n").encode("utf-8")
    return token.encode("utf-8")


def tail(fmt: str) -> List[bytes]:
    """What a cleanly finished stream ends with (never sent when the stream is dropped)."""
    if fmt == "sse":
        return [sse("[DONE]")]
    if fmt == "ndjson":
        return [b'{"done": true}\n']
    return []


def split_mid_char(data: bytes) -> List[bytes]:
    """Cut inside the first multi-byte UTF-8 character: b'\\xec\\x95\\x88' -> [b'\\xec', b'\\x95\\x88'].

    Returns [data] when there is no multi-byte character to cut.
    """
    for i, byte in enumerate(data):
        if byte >= 0xC0:  # lead byte of a 2-4 byte sequence
            return [data[: i + 1], data[i + 1 :]]
    return [data]


class StreamDropped(Exception):
    """Raised by the body iterator to abort the HTTP response mid-body (test knob drop_after)."""


async def paced(
    frames: Iterable[bytes],
    end: Iterable[bytes],
    *,
    delay_ms: float = 0,
    drop_after: Optional[int] = None,
    split_utf8: bool = False,
    head: Iterable[bytes] = (),
) -> AsyncIterator[bytes]:
    """Yield head, then each token frame (after delay_ms), then end.

    With drop_after=K, stop after min(K, tokens) frames and raise StreamDropped instead of sending
    `end`, so a client always sees a truncated body whenever the knob is set.
    """
    for chunk in head:
        yield chunk
    for sent, chunk in enumerate(frames):
        if drop_after is not None and sent >= drop_after:
            raise StreamDropped
        if delay_ms > 0:
            await asyncio.sleep(delay_ms / 1000)
        pieces = split_mid_char(chunk) if split_utf8 else [chunk]
        for i, piece in enumerate(pieces):
            if i:
                await asyncio.sleep(SPLIT_PAUSE_S)
            yield piece
    if drop_after is not None:
        raise StreamDropped
    for chunk in end:
        yield chunk


class StreamReply(StreamingResponse):
    """A StreamingResponse that can end without the final empty body message.

    On StreamDropped we simply return: the ASGI app finishes with the response incomplete, so
    uvicorn logs "ASGI callable returned without completing response." and closes the socket
    without the terminating 0-length chunk. The client sees a truncated chunked body (curl: exit
    18, "transfer closed with outstanding read data remaining"), not a clean end. Raising a plain
    exception would do the same but print a traceback for every test run.
    """

    async def stream_response(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        try:
            async for chunk in self.body_iterator:
                if not isinstance(chunk, bytes):
                    chunk = chunk.encode(self.charset)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except StreamDropped:
            return
        await send({"type": "http.response.body", "body": b"", "more_body": False})


# Proxies (nginx) buffer streamed bodies unless told otherwise; harmless without a proxy.
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def simulated_failure_body(status: int, openai: bool = False) -> Dict[str, Any]:
    """Body for the fail_status knob: FastAPI's shapes on /api_chat, OpenAI's on /v1."""
    if openai:
        kind = "server_error" if status >= 500 else "invalid_request_error"
        return {"error": {"message": f"simulated failure {status}", "type": kind, "param": None, "code": None}}
    if status == 422:
        return {"detail": [{"loc": ["body", "message"], "msg": "simulated validation error", "type": "value_error"}]}
    return {"detail": f"simulated failure {status}"}


BULK_MAX = 200 * 1024 * 1024
BULK_CHUNK = 64 * 1024
_BULK_LINE = b"kha-bulk 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOP\n"  # 64 bytes
_BULK_BLOCK = _BULK_LINE * (BULK_CHUNK // len(_BULK_LINE))


async def bulk_chunks(n: int) -> AsyncIterator[bytes]:
    """n bytes of a repeating ASCII pattern in 64 KiB chunks (every chunk starts a line)."""
    while n > 0:
        size = min(n, BULK_CHUNK)
        n -= size
        yield _BULK_BLOCK[:size]


def echo_text(method: str, path: str, query: Dict[str, str], headers: Dict[str, str], fields: Dict[str, Any]) -> str:
    """Reply for the echo knob: what the server received, as compact JSON (for client tests)."""
    return dumps({"method": method, "path": path, "query": query, **fields, "headers": headers})
