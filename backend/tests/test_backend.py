"""End-to-end tests of the reference backend: a real uvicorn in a subprocess, stdlib clients only.

Debian 12 has no python3-httpx, so FastAPI's TestClient is unavailable; a real server is also the
only way to check what goes over the wire (chunk boundaries, a truncated chunked body).

    cd backend && /usr/bin/python3 -m unittest discover -s tests -v
"""
from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
from typing import Any, Dict, List, Optional, Tuple

BACKEND = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, BACKEND)

from app.utils.chat import split_mid_char, tokens_of  # noqa: E402

API_KEY = "test-key-123"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn main:app on a free loopback port."""

    def __init__(self, env: Dict[str, str], extra_args: Tuple[str, ...] = ()) -> None:
        self.port = free_port()
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", "KHA_TEST_MODE": "", "KHA_API_KEY": "", **env}
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "main:app", "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", *extra_args],
            cwd=BACKEND,
            env=full_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"uvicorn exited: {self.log.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("uvicorn did not start listening")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Reply:
    def __init__(self, status: int, headers: Dict[str, str], chunks: List[bytes], complete: bool) -> None:
        self.status, self.headers, self.chunks, self.complete = status, headers, chunks, complete
        self.body = b"".join(chunks)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)

    def lines(self) -> List[Any]:
        return [json.loads(line) for line in self.text.splitlines() if line]

    def sse(self) -> List[str]:
        """The `data:` payloads, in order."""
        return [event[len("data: ") :] for event in self.text.split("\n\n") if event.startswith("data: ")]


def raw_request(port: int, method: str, path: str, body: Any = None, headers: Optional[Dict[str, str]] = None, timeout: float = 10) -> Reply:
    """HTTP/1.1 over a plain socket, keeping every chunk of a chunked body as the server framed it.

    Each ASGI body message becomes one HTTP chunk under uvicorn, so the chunk list shows exactly
    how the server split its writes, and a body without the final 0-size chunk shows a drop.
    """
    data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    head = {"Host": f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    if body is not None:
        head.setdefault("Content-Type", "application/json")
        head["Content-Length"] = str(len(data))
    request = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request.encode("latin-1") + data)
        raw = b""
        while True:
            piece = sock.recv(65536)
            if not piece:
                break
            raw += piece
    header_blob, _, rest = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = header_blob.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    hdrs = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in header_lines)}
    if hdrs.get("transfer-encoding") != "chunked":
        length = int(hdrs.get("content-length", len(rest)))
        return Reply(status, hdrs, [rest[:length]], len(rest) >= length)
    chunks: List[bytes] = []
    while True:
        size_line, sep, rest = rest.partition(b"\r\n")
        if not sep:
            return Reply(status, hdrs, chunks, False)
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            return Reply(status, hdrs, chunks, True)
        if len(rest) < size + 2:
            chunks.append(rest[:size])
            return Reply(status, hdrs, chunks, False)
        chunks.append(rest[:size])
        rest = rest[size + 2 :]


def q(path: str, **params: Any) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}" if params else path


class BackendTest(unittest.TestCase):
    server: Server

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Server({"KHA_TEST_MODE": "1", "KHA_API_KEY": API_KEY})

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def setUp(self) -> None:
        self.call("DELETE", "/_test/knobs")

    def call(self, method: str, path: str, body: Any = None, headers: Optional[Dict[str, str]] = None) -> Reply:
        return raw_request(self.server.port, method, path, body, headers)

    # --- basics -----------------------------------------------------------------------------

    def test_tokens_of_keeps_whitespace_with_the_word(self) -> None:
        self.assertEqual(tokens_of("Echo: 안녕 하세요"), ["Echo: ", "안녕 ", "하세요"])
        for text in ["", "  lead", "a\n\nb  c\t", "   ", "x"]:
            self.assertEqual("".join(tokens_of(text)), text)
        self.assertEqual(split_mid_char("a안".encode()), [b"a\xec", b"\x95\x88"])
        self.assertEqual(split_mid_char(b"ascii"), [b"ascii"])

    def test_health(self) -> None:
        r = self.call("GET", "/health")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["status"], "ok")
        self.assertEqual(r.json()["service"], "kha_backend")
        self.assertIn("version", r.json())

    def test_get_json_default(self) -> None:
        r = self.call("GET", q("/api_chat", message="안녕 하세요"))
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers["content-type"].startswith("application/json"))
        self.assertEqual(r.json(), {"reply": "Echo: 안녕 하세요"})

    def test_post_json_with_history(self) -> None:
        body = {"message": "두 번째", "history": [{"role": "user", "content": "첫"}, {"role": "assistant", "content": "Echo: 첫"}]}
        r = self.call("POST", "/api_chat", body)
        self.assertEqual((r.status, r.json()), (200, {"reply": "Echo: 두 번째"}))

    def test_every_stream_format_joins_to_the_json_reply(self) -> None:
        message = "안녕 하세요, 서버 B"
        expected = "Echo: " + message
        for method in ("GET", "POST"):
            for where in ("query", "body") if method == "POST" else ("query",):
                for fmt in ("text", "sse", "ndjson"):
                    with self.subTest(method=method, fmt=fmt, where=where):
                        if method == "GET":
                            r = self.call("GET", q("/api_chat", message=message, format=fmt))
                        elif where == "query":
                            r = self.call("POST", q("/api_chat", format=fmt), {"message": message})
                        else:
                            r = self.call("POST", "/api_chat", {"message": message, "format": fmt})
                        self.assertEqual(r.status, 200)
                        self.assertTrue(r.complete)
                        tokens = tokens_of(expected)
                        if fmt == "text":
                            self.assertEqual(r.headers["content-type"], "text/plain; charset=utf-8")
                            self.assertEqual(r.text, expected)
                            self.assertEqual([c.decode() for c in r.chunks], tokens)  # one chunk per token
                        elif fmt == "sse":
                            self.assertTrue(r.headers["content-type"].startswith("text/event-stream"))
                            events = r.sse()
                            self.assertEqual(events[-1], "[DONE]")
                            self.assertEqual([json.loads(e)["delta"] for e in events[:-1]], tokens)
                            self.assertTrue(r.text.startswith('data: {"delta": "Echo: "}\n\n'))
                        else:
                            self.assertEqual(r.headers["content-type"], "application/x-ndjson")
                            lines = r.lines()
                            self.assertEqual(lines[-1], {"done": True})
                            self.assertEqual([line["delta"] for line in lines[:-1]], tokens)

    def test_format_from_accept_or_stream_flag_when_not_given(self) -> None:
        r = self.call("GET", q("/api_chat", message="hi"), headers={"Accept": "text/event-stream"})
        self.assertEqual(r.sse()[-1], "[DONE]")
        r = self.call("GET", q("/api_chat", message="hi"), headers={"Accept": "application/json, text/plain, */*"})
        self.assertEqual(r.json(), {"reply": "Echo: hi"})
        r = self.call("POST", "/api_chat", {"message": "hi", "stream": True})
        self.assertEqual(r.sse()[-1], "[DONE]")
        r = self.call("GET", q("/api_chat", message="hi", format="ndjson"), headers={"Accept": "text/event-stream"})
        self.assertEqual(r.lines()[-1], {"done": True})

    def test_missing_or_empty_message_is_fastapi_422(self) -> None:
        cases = [
            ("GET", "/api_chat", None, ["query", "message"]),
            ("GET", q("/api_chat", message=""), None, ["query", "message"]),
            ("POST", "/api_chat", {}, ["body", "message"]),
            ("POST", "/api_chat", {"message": ""}, ["body", "message"]),
            ("GET", q("/api_chat", message="x", format="xml"), None, ["query", "format"]),
        ]
        for method, path, body, loc in cases:
            with self.subTest(path=path, body=body):
                r = self.call(method, path, body)
                self.assertEqual(r.status, 422)
                self.assertEqual(r.json()["detail"][0]["loc"], loc)

    # --- knobs ------------------------------------------------------------------------------

    def test_fail_status(self) -> None:
        r = self.call("GET", q("/api_chat", message="x", fail_status=422))
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json(), {"detail": [{"loc": ["body", "message"], "msg": "simulated validation error", "type": "value_error"}]})
        r = self.call("POST", "/api_chat", {"message": "x"}, headers={"X-Test-Fail-Status": "503"})
        self.assertEqual((r.status, r.json()), (503, {"detail": "simulated failure 503"}))
        r = self.call("GET", q("/api_chat", message="x", fail_status="abc"))
        self.assertEqual(r.status, 400)

    def test_drop_after_truncates_the_chunked_body(self) -> None:
        for fmt in ("text", "sse", "ndjson"):
            with self.subTest(fmt=fmt):
                r = self.call("GET", q("/api_chat", message="one two three four", format=fmt, drop_after=2))
                self.assertEqual(r.status, 200)
                self.assertFalse(r.complete, "the body must end without the terminating chunk")
                if fmt == "text":
                    self.assertEqual(r.text, "Echo: one ")
                elif fmt == "sse":
                    self.assertEqual(len(r.sse()), 2)
                    self.assertNotIn("[DONE]", r.text)
                else:
                    self.assertEqual(len(r.lines()), 2)
        # Also as an ordinary client sees it: an incomplete read, not a clean end.
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.request("GET", q("/api_chat", message="a b c", format="text"), headers={"X-Test-Drop-After": "1"})
        with self.assertRaises(http.client.IncompleteRead):
            conn.getresponse().read()
        conn.close()

    def test_drop_after_beyond_the_reply_still_drops_before_the_end_marker(self) -> None:
        r = self.call("GET", q("/api_chat", message="x", format="sse", drop_after=99))
        self.assertFalse(r.complete)
        self.assertEqual([json.loads(e)["delta"] for e in r.sse()], ["Echo: ", "x"])

    def test_split_utf8_splits_characters_across_writes(self) -> None:
        for fmt in ("text", "sse", "ndjson"):
            with self.subTest(fmt=fmt):
                r = self.call("GET", q("/api_chat", message="한국어 문장입니다", format=fmt, split_utf8=1))
                self.assertTrue(r.complete)
                undecodable = 0
                for chunk in r.chunks:
                    try:
                        chunk.decode("utf-8")
                    except UnicodeDecodeError:
                        undecodable += 1
                self.assertGreaterEqual(undecodable, 4, "each Korean token should arrive as two broken halves")
                if fmt == "text":
                    self.assertEqual(r.text, "Echo: 한국어 문장입니다")
                    self.assertEqual(len(r.chunks), 1 + 2 * 2)  # "Echo: " whole, two Korean tokens in halves
                elif fmt == "sse":
                    self.assertEqual("".join(json.loads(e)["delta"] for e in r.sse()[:-1]), "Echo: 한국어 문장입니다")
                else:
                    self.assertEqual("".join(x.get("delta", "") for x in r.lines()), "Echo: 한국어 문장입니다")

    def test_tokens_adds_filler_tokens(self) -> None:
        r = self.call("GET", q("/api_chat", message="hi", tokens=3, format="ndjson"))
        self.assertEqual([x["delta"] for x in r.lines()[:-1]], ["Echo: ", "hi", " w1", " w2", " w3"])
        r = self.call("GET", q("/api_chat", message="hi"), headers={"X-Test-Tokens": "2"})
        self.assertEqual(r.json(), {"reply": "Echo: hi w1 w2"})

    def test_delay_ms_paces_tokens(self) -> None:
        start = time.monotonic()
        r = self.call("GET", q("/api_chat", message="a b c", format="sse", delay_ms=100))
        elapsed = time.monotonic() - start
        self.assertEqual(len(r.sse()), 5)  # "Echo: ", "a ", "b ", "c", [DONE]
        self.assertGreaterEqual(elapsed, 0.38)  # 4 tokens x 100 ms

    def test_reply_from_query_and_base64_header(self) -> None:
        hostile = '<img src=x onerror="alert(1)">\n\n[link](javascript:alert(1)) **안녕**'
        r = self.call("GET", q("/api_chat", message="x", reply=hostile))
        self.assertEqual(r.json(), {"reply": hostile})
        header = base64.b64encode(hostile.encode()).decode()
        r = self.call("GET", q("/api_chat", message="x", format="text"), headers={"X-Test-Reply": header})
        self.assertEqual(r.text, hostile)
        r = self.call("GET", q("/api_chat", message="x"), headers={"X-Test-Reply": "%%%"})
        self.assertEqual(r.status, 400)

    def test_echo_reports_what_the_server_received(self) -> None:
        r = self.call("GET", q("/api_chat", message="안녕", echo=1), headers={"Authorization": "Bearer abc"})
        seen = json.loads(r.json()["reply"])
        self.assertEqual((seen["method"], seen["path"], seen["message"]), ("GET", "/api_chat", "안녕"))
        self.assertEqual(seen["headers"]["authorization"], "Bearer abc")
        r = self.call("POST", "/api_chat", {"message": "m", "history": [{"role": "user", "content": "h"}]}, headers={"X-Test-Echo": "1"})
        seen = json.loads(r.json()["reply"])
        self.assertEqual((seen["method"], seen["history"]), ("POST", [{"role": "user", "content": "h"}]))

    def test_knobs_in_a_post_body(self) -> None:
        r = self.call("POST", "/api_chat", {"message": "hi", "tokens": 1})
        self.assertEqual(r.json(), {"reply": "Echo: hi w1"})

    # --- knob store and request log ---------------------------------------------------------

    def test_knob_store_persistent_once_and_override(self) -> None:
        self.assertEqual(self.call("POST", "/_test/knobs", {"fail_status": 500}).status, 200)
        self.assertEqual(self.call("GET", "/_test/knobs").json(), {"fail_status": 500})
        self.assertEqual(self.call("GET", q("/api_chat", message="x")).status, 500)
        self.assertEqual(self.call("GET", q("/api_chat", message="x")).status, 500)
        # A header overrides the store.
        self.assertEqual(self.call("GET", q("/api_chat", message="x"), headers={"X-Test-Fail-Status": "502"}).status, 502)
        self.call("DELETE", "/_test/knobs")
        self.assertEqual(self.call("GET", q("/api_chat", message="x")).status, 200)

        self.call("POST", "/_test/knobs", {"fail_status": 503, "once": True})
        self.assertEqual(self.call("GET", q("/api_chat", message="x")).status, 503)
        self.assertEqual(self.call("GET", "/_test/knobs").json(), {})
        self.assertEqual(self.call("GET", q("/api_chat", message="x")).json(), {"reply": "Echo: x"})

        self.call("POST", "/_test/knobs", {"drop_after": 1, "tokens": 5})
        self.assertFalse(self.call("GET", q("/api_chat", message="x", format="sse")).complete)
        self.assertEqual(self.call("POST", "/_test/knobs", {"nope": 1}).status, 400)
        self.assertEqual(self.call("POST", "/_test/knobs", {"delay_ms": "slow"}).status, 400)

    def test_request_log(self) -> None:
        self.call("DELETE", "/_test/requests")
        self.call("POST", q("/api_chat", format="json"), {"message": "기록"}, headers={"X-Custom": "1"})
        log = self.call("GET", "/_test/requests").json()
        self.assertEqual(len(log), 1)
        self.assertEqual(log[0]["method"], "POST")
        self.assertEqual(log[0]["path"], "/api_chat")
        self.assertEqual(log[0]["query"], {"format": "json"})
        self.assertEqual(log[0]["body"], {"message": "기록"})
        self.assertEqual(log[0]["headers"]["x-custom"], "1")
        for _ in range(60):
            self.call("GET", "/health")
        self.assertEqual(len(self.call("GET", "/_test/requests").json()), 50)

    # --- OpenAI-compatible routes -------------------------------------------------------------

    def completion(self, body: Dict[str, Any], headers: Optional[Dict[str, str]] = None, path: str = "/v1/chat/completions") -> Reply:
        return self.call("POST", path, body, headers={**AUTH, **(headers or {})})

    def test_openai_non_stream(self) -> None:
        messages = [{"role": "system", "content": "be nice"}, {"role": "user", "content": "first"}, {"role": "assistant", "content": "Echo: first"}, {"role": "user", "content": "안녕 하세요"}]
        r = self.completion({"model": "kha-echo-1", "messages": messages})
        self.assertEqual(r.status, 200)
        data = r.json()
        self.assertEqual(data["object"], "chat.completion")
        self.assertEqual(data["model"], "kha-echo-1")
        self.assertEqual(data["choices"], [{"index": 0, "message": {"role": "assistant", "content": "Echo: 안녕 하세요"}, "finish_reason": "stop"}])
        self.assertEqual(data["usage"]["completion_tokens"], 3)
        self.assertEqual(data["usage"]["total_tokens"], data["usage"]["prompt_tokens"] + 3)
        # Content parts are accepted too.
        r = self.completion({"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "parts"}]}]})
        self.assertEqual(r.json()["choices"][0]["message"]["content"], "Echo: parts")

    def test_openai_image_parts(self) -> None:
        png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg=="
        content = [{"type": "text", "text": "what is this"}, {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{png}"}}]
        r = self.completion({"model": "m", "messages": [{"role": "user", "content": content}]})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["choices"][0]["message"]["content"], "Echo: what is this [image: image/png, 67 bytes]")
        bad = [{"type": "text", "text": "x"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,@@@"}}]
        self.assertEqual(self.completion({"model": "m", "messages": [{"role": "user", "content": bad}]}).status, 400)
        local = [{"type": "image_url", "image_url": {"url": "file:///etc/passwd"}}]
        self.assertEqual(self.completion({"model": "m", "messages": [{"role": "user", "content": local}]}).status, 400)

    def test_openai_stream(self) -> None:
        r = self.completion({"model": "kha-echo-2", "messages": [{"role": "user", "content": "안녕 하세요"}], "stream": True})
        self.assertTrue(r.headers["content-type"].startswith("text/event-stream"))
        events = r.sse()
        self.assertEqual(events[-1], "[DONE]")
        chunks = [json.loads(e) for e in events[:-1]]
        self.assertTrue(all(c["object"] == "chat.completion.chunk" and c["model"] == "kha-echo-2" for c in chunks))
        self.assertEqual(len({c["id"] for c in chunks}), 1)
        self.assertEqual(chunks[0]["choices"][0]["delta"], {"role": "assistant"})
        self.assertEqual(chunks[-1]["choices"][0], {"index": 0, "delta": {}, "finish_reason": "stop"})
        content = [c["choices"][0]["delta"]["content"] for c in chunks[1:-1]]
        self.assertEqual(content, ["Echo: ", "안녕 ", "하세요"])
        self.assertTrue(all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1]))

    def test_openai_knobs(self) -> None:
        body = {"model": "m", "messages": [{"role": "user", "content": "a b c"}], "stream": True}
        r = self.completion(body, {"X-Test-Drop-After": "1"})
        self.assertFalse(r.complete)
        self.assertNotIn("[DONE]", r.text)
        r = self.completion({**body, "stream": False}, {"X-Test-Fail-Status": "429"})
        self.assertEqual(r.status, 429)
        self.assertEqual(r.json()["error"]["message"], "simulated failure 429")
        r = self.completion({**body, "stream": False}, path=q("/v1/chat/completions", tokens=2))
        self.assertEqual(r.json()["choices"][0]["message"]["content"], "Echo: a b c w1 w2")
        r = self.completion({**body, "stream": False}, {"X-Test-Echo": "1"})
        seen = json.loads(r.json()["choices"][0]["message"]["content"])
        self.assertEqual((seen["path"], seen["model"], seen["messages"][0]["content"]), ("/v1/chat/completions", "m", "a b c"))
        self.assertEqual(seen["headers"]["authorization"], f"Bearer {API_KEY}")
        r = self.completion(body, {"X-Test-Split-Utf8": "1", "X-Test-Reply": base64.b64encode("가나 다라".encode()).decode()})
        text = "".join(json.loads(e)["choices"][0]["delta"].get("content", "") for e in r.sse()[:-1])
        self.assertEqual(text, "가나 다라")

    def test_openai_api_key(self) -> None:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
            with self.subTest(headers=headers):
                r = self.call("POST", "/v1/chat/completions", {"model": "m", "messages": [{"role": "user", "content": "x"}]}, headers=headers)
                self.assertEqual(r.status, 401)
                error = r.json()["error"]
                self.assertTrue(error["message"].startswith("Invalid API key"))
                self.assertEqual((error["type"], error["code"]), ("invalid_request_error", "invalid_api_key"))
                self.assertEqual(self.call("GET", "/v1/models", headers=headers).status, 401)
        # /api_chat is not behind the key.
        self.assertEqual(self.call("GET", q("/api_chat", message="x")).status, 200)

    def test_openai_models(self) -> None:
        r = self.call("GET", "/v1/models", headers=AUTH)
        data = r.json()
        self.assertEqual(data["object"], "list")
        self.assertEqual([(m["id"], m["object"], m["owned_by"]) for m in data["data"]], [("kha-echo-1", "model", "kha"), ("kha-echo-2", "model", "kha")])

    def test_openai_errors_use_openai_shape(self) -> None:
        r = self.completion({"model": "m", "messages": "not a list"})
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["param"], "messages")
        r = self.completion({"model": "m", "messages": [{"role": "system", "content": "only system"}]})
        self.assertEqual(r.status, 400)
        self.assertIn("user", r.json()["error"]["message"])
        r = self.call("GET", "/v1/unknown", headers=AUTH)
        self.assertEqual((r.status, r.json()["error"]["message"]), (404, "Not Found"))

    # --- bulk -------------------------------------------------------------------------------

    def test_bulk(self) -> None:
        n = 3 * 65536 + 123
        r = self.call("GET", q("/bulk", bytes=n))
        self.assertTrue(r.complete)
        self.assertEqual(len(r.body), n)
        self.assertEqual([len(c) for c in r.chunks], [65536, 65536, 65536, 123])
        self.assertTrue(r.headers["content-type"].startswith("text/plain"))
        self.assertTrue(r.body.isascii())
        self.assertEqual(self.call("GET", q("/bulk", bytes=0)).body, b"")
        self.assertEqual(self.call("GET", q("/bulk", bytes=-1)).status, 422)


class PlainModeTest(unittest.TestCase):
    """Without KHA_TEST_MODE and KHA_API_KEY: no /_test routes, /v1 open, .env not required."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = Server({"KHA_SERVICE_NAME": "kha_backend_b"})

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def test_plain_mode(self) -> None:
        port = self.server.port
        self.assertEqual(raw_request(port, "GET", "/health").json()["service"], "kha_backend_b")
        self.assertEqual(raw_request(port, "POST", "/_test/knobs", {"fail_status": 500}).status, 404)
        self.assertEqual(raw_request(port, "GET", "/_test/requests").status, 404)
        self.assertEqual(raw_request(port, "GET", "/v1/models").status, 200)
        # Header/query knobs still work (this is a reference backend for tests and demos).
        self.assertEqual(raw_request(port, "GET", q("/api_chat", message="x", fail_status=500)).status, 500)


@unittest.skipUnless(shutil.which("openssl"), "openssl not installed")
class TlsTest(unittest.TestCase):
    def test_https_with_uvicorn_ssl_options(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert],
                check=True,
                capture_output=True,
            )
            server = Server({}, ("--ssl-certfile", cert, "--ssl-keyfile", key))
            try:
                ctx = ssl.create_default_context(cafile=cert)
                ctx.check_hostname = False
                conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=ctx, timeout=10)
                conn.request("GET", q("/api_chat", message="tls", format="sse"))
                resp = conn.getresponse()
                self.assertEqual(resp.status, 200)
                self.assertIn('data: {"delta": "tls"}', resp.read().decode())
                conn.close()
            finally:
                server.stop()


if __name__ == "__main__":
    unittest.main()
