"""Test knobs, the knob store, the request log, and the /v1 API-key check.

A knob can come from (first wins): an `X-Test-*` header, a query parameter, a field of a POST JSON
body, or the global store (`POST /_test/knobs`, KHA_TEST_MODE=1 only). Header and query knobs are
always on: this is a reference/test backend, not a production one.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Deque, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl

from fastapi import Header, HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _int_in(lo: int, hi: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("expected an integer")
        number = int(value)
        if not lo <= number <= hi:
            raise ValueError(f"expected {lo}..{hi}")
        return number

    return parse


def _ms(value: Any) -> float:
    number = float(value)
    if not 0 <= number <= 600_000:
        raise ValueError("expected 0..600000 ms")
    return number


# knob name (query / body / store key) -> (header, parser)
KNOBS: Dict[str, Tuple[str, Callable[[Any], Any]]] = {
    "delay_ms": ("x-test-delay-ms", _ms),
    "fail_status": ("x-test-fail-status", _int_in(400, 599)),
    "drop_after": ("x-test-drop-after", _int_in(0, 1_000_000)),
    "tokens": ("x-test-tokens", _int_in(0, 1_000_000)),
    "split_utf8": ("x-test-split-utf8", _bool),
    "reply": ("x-test-reply", str),  # header: base64 of UTF-8 (headers can't carry raw UTF-8/newlines)
    "echo": ("x-test-echo", _bool),
}


@dataclass(frozen=True)
class Knobs:
    delay_ms: float = 0
    fail_status: Optional[int] = None
    drop_after: Optional[int] = None
    tokens: int = 0
    split_utf8: bool = False
    reply: Optional[str] = None
    echo: bool = False


def parse_knob(name: str, value: Any) -> Any:
    """Raise HTTPException(400) naming the knob, so a typo in a test is loud, not ignored."""
    try:
        return KNOBS[name][1](value)
    except (TypeError, ValueError) as exc:
        raise HTTPException(400, f"test knob {name}: {exc}") from None


class TestStore:
    """Process-wide state behind /_test/*. Single event loop, so no locking is needed."""

    def __init__(self) -> None:
        self.knobs: Dict[str, Any] = {}
        self.requests: Deque[Dict[str, Any]] = deque(maxlen=50)

    def set_knobs(self, raw: Dict[str, Any]) -> Dict[str, Any]:
        unknown = sorted(set(raw) - set(KNOBS) - {"once"})
        if unknown:
            raise HTTPException(400, f"unknown test knobs: {', '.join(unknown)}")
        for name, value in raw.items():
            if name != "once":
                parse_knob(name, value)  # validate now; stored raw, parsed again on use
        self.knobs = dict(raw)
        return self.knobs

    def take_knobs(self) -> Dict[str, Any]:
        """The store's knobs for one chat request; `once: true` clears them as they are taken."""
        knobs = {k: v for k, v in self.knobs.items() if k != "once"}
        if _bool(self.knobs.get("once", False)):
            self.knobs = {}
        return knobs


store = TestStore()


async def _json_body(request: Request) -> Dict[str, Any]:
    if request.method != "POST":
        return {}
    try:
        body = await request.json()  # cached by Starlette: FastAPI already read it for the model
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


async def get_knobs(request: Request) -> Knobs:
    """FastAPI dependency: the knobs in effect for this chat request."""
    stored = store.take_knobs() if get_settings().test_mode else {}
    body = await _json_body(request)
    values: Dict[str, Any] = {}
    for name, (header, _) in KNOBS.items():
        if header in request.headers:
            raw: Any = request.headers[header]
            if name == "reply":
                try:
                    raw = base64.b64decode(raw, validate=True).decode("utf-8")
                except (binascii.Error, UnicodeDecodeError):
                    raise HTTPException(400, "test knob reply: X-Test-Reply must be base64 of UTF-8") from None
        elif name in request.query_params:
            raw = request.query_params[name]
        elif name in body:
            raw = body[name]
        elif name in stored:
            raw = stored[name]
        else:
            continue
        values[name] = parse_knob(name, raw)
    return Knobs(**values)


async def require_api_key(authorization: Optional[str] = Header(None)) -> None:
    """FastAPI dependency for /v1/*: Bearer KHA_API_KEY when that is set (constant-time compare)."""
    key = get_settings().api_key
    if key is None:
        return
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), key.encode()):
        # A dict detail is passed through as the OpenAI `error` object by app/__init__.py.
        raise HTTPException(
            401,
            detail={"message": "Invalid API key provided.", "type": "invalid_request_error", "param": None, "code": "invalid_api_key"},
            headers={"WWW-Authenticate": "Bearer"},
        )


class RequestRecorder:
    """Pure ASGI middleware (KHA_TEST_MODE only) that logs each request into `store.requests`.

    Not BaseHTTPMiddleware: that one interferes with streaming bodies and with reading the body
    twice. Here the body is read up front and replayed to the app unchanged.
    """

    MAX_TEXT = 64 * 1024

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_test"):
            await self.app(scope, receive, send)
            return
        chunks: List[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        store.requests.append(
            {
                "at": time.time(),
                "method": scope["method"],
                "path": scope["path"],
                "query": dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)),
                "headers": {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]},
                "body": self._decode(body),
            }
        )
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # later calls: disconnect detection for streaming replies

        await self.app(scope, replay, send)

    def _decode(self, body: bytes) -> Any:
        if not body:
            return None
        text = body.decode("utf-8", errors="replace")
        try:
            return json.loads(text)
        except ValueError:
            return text[: self.MAX_TEXT]
