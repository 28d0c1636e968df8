"""A local HTTP stand-in for every translation provider yiwen drives through deep-translator.

One ThreadingHTTPServer on 127.0.0.1 serves each provider under its own path prefix, with the
request and answer shapes of the real service. Where each shape comes from:

* google    GET  /google/m?sl&tl&q -> HTML, translation in <div class="t0"> (deep-translator
            google.py parses div.t0, falling back to div.result-container).
* deepl     GET  /deepl/v2/translate?auth_key&source_lang&target_lang&text ->
            {"translations": [{"detected_source_language", "text"}]}; 403 for a wrong key,
            456 quota exceeded (DeepL API reference, "translate" and "HTTP errors"; deep-translator
            deepl.py sends exactly these parameters).
* microsoft POST /microsoft/translate?api-version=3.0&from&to, header Ocp-Apim-Subscription-Key,
            body [{"text"}] -> [{"translations": [{"text", "to"}]}]; errors are
            {"error": {"code", "message"}} with HTTP 401/429 (Microsoft Translator v3.0
            "Translate" reference; deep-translator microsoft.py).
* baidu     POST /baidu/api/trans/vip/translate?appid&q&from&to&salt&sign ->
            {"from", "to", "trans_result": [{"src", "dst"}, ...]}, one item per non-empty line of
            q (Baidu general translation FAQ: separate paragraphs with \\n); sign =
            md5(appid+q+salt+appkey); errors are HTTP 200 {"error_code", "error_msg"}
            (Baidu error code list: 54001 bad sign, 54003 rate limit, 54004 balance).
* libre     POST /libre/translate?q&source&target&format[&api_key] -> {"translatedText"}
            (LibreTranslate API docs /translate; deep-translator libre.py sends params).
* mymemory  GET  /mymemory/get?q&langpair=zh-CN|en-US[&de] ->
            {"responseData": {"translatedText", "match"}, "responseStatus", "matches"}; q is
            at most 500 bytes (MyMemory API spec, /get).

The "translation" is a scrambler that models a hostile engine: it changes every word it is not
protected from (Latin words reversed and upper-cased, each Chinese character turned into a
pseudo-word) and leaves ⟦n⟧ placeholders alone, keeping line breaks. Faults can be queued per
provider: ("status", code, headers, body), ("hang",), ("truncate",), ("drop_line",).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = re.compile(r"⟦\s*\d+\s*⟧")
WORD = re.compile(r"⟦\s*\d+\s*⟧|[A-Za-z][A-Za-z'.-]*|[\u4e00-\u9fff]")


def scramble(text: str) -> str:
    """Translate like a hostile engine: change every word, keep placeholders and line breaks."""

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        if TOKEN.fullmatch(w):
            return w
        if "\u4e00" <= w[0] <= "\u9fff":
            return f"x{ord(w[0]) % 997} "
        return w[::-1].upper()

    return "\n".join(WORD.sub(one, line).strip() for line in text.split("\n"))


@dataclass
class Seen:
    """One request the stand-in received."""

    provider: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """The text sent for translation, wherever this provider carries it."""
        q = self.query
        if self.provider == "microsoft":
            return json.loads(self.body)[0]["text"]
        return q.get("q") or q.get("text") or ""


@dataclass
class StandIn:
    """The running server: base URLs per provider, the requests seen, queued faults."""

    latency: float = 0.0
    translate: Any = scramble
    deepl_key: str = "deepl-secret-key-123:fx"
    microsoft_key: str = "msft-secret-key-456"
    baidu_appid: str = "20240001"
    baidu_appkey: str = "baidu-secret-appkey-789"
    libre_key: str = ""
    seen: list[Seen] = field(default_factory=list)
    faults: dict[str, list[tuple]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                standin._handle(self, "GET")

            def do_POST(self) -> None:
                standin._handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # -- addresses --------------------------------------------------------------------------
    @property
    def root(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """Environment variables that point every provider (and its keys) at this server."""
        r = self.root
        env = {
            "YIWEN_GOOGLE_URL": f"{r}/google/m",
            "YIWEN_DEEPL_URL": f"{r}/deepl/v2/",
            "YIWEN_MICROSOFT_URL": f"{r}/microsoft/translate?api-version=3.0",
            "YIWEN_BAIDU_URL": f"{r}/baidu/api/trans/vip/translate",
            "YIWEN_LIBRE_URL": f"{r}/libre/",
            "YIWEN_MYMEMORY_URL": f"{r}/mymemory/get",
            "YIWEN_DEEPL_KEY": self.deepl_key,
            "YIWEN_MICROSOFT_KEY": self.microsoft_key,
            "YIWEN_BAIDU_APPID": self.baidu_appid,
            "YIWEN_BAIDU_KEY": self.baidu_appkey,
        }
        if self.libre_key:
            env["YIWEN_LIBRE_KEY"] = self.libre_key
        return env

    def fault(self, provider: str, *fault: Any) -> None:
        """Queue a fault for the provider's next request."""
        with self._lock:
            self.faults.setdefault(provider, []).append(fault)

    def requests_for(self, provider: str) -> list[Seen]:
        """The requests one provider received."""
        return [s for s in self.seen if s.provider == provider]

    def close(self) -> None:
        """Stop the server (and release hanging handlers)."""
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    # -- handling ---------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(h.path)
        provider = parts.path.strip("/").split("/")[0]
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        seen = Seen(provider, method, parts.path, query, dict(h.headers), body)
        with self._lock:
            self.seen.append(seen)
            queue = self.faults.get(provider) or []
            fault = queue.pop(0) if queue else None
        if self.latency:
            time.sleep(self.latency)
        if fault and fault[0] == "hang":
            self._stop.wait(30)  # accept, never answer
            return
        if fault and fault[0] == "status":
            code = fault[1]
            headers = fault[2] if len(fault) > 2 else {}
            payload = fault[3] if len(fault) > 3 else b'{"error": "fault"}'
            return self._send(h, code, payload, "application/json", headers)
        handler = getattr(self, f"_{provider}", None)
        if handler is None:
            return self._send(h, 404, b"not found", "text/plain")
        code, payload, ctype = handler(seen, fault)
        if fault and fault[0] == "truncate":
            payload = payload[: max(1, len(payload) // 2)]
        self._send(h, code, payload, ctype)

    def _send(self, h, code: int, payload: bytes, ctype: str, headers: dict | None = None) -> None:
        h.send_response(code)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(payload)

    def _out(self, text: str, fault: tuple | None) -> str:
        out = self.translate(text)
        if fault and fault[0] == "drop_line":
            out = "\n".join(out.split("\n")[:-1])
        return out

    def _google(self, seen: Seen, fault):
        out = self._out(seen.query["q"], fault)
        page = (
            "<!DOCTYPE html><html><head><title>Google Translate</title></head><body>"
            f'<div class="t0">{html.escape(out)}</div></body></html>'
        )
        return 200, page.encode(), "text/html; charset=utf-8"

    def _deepl(self, seen: Seen, fault):
        if seen.query.get("auth_key") != self.deepl_key:
            msg = {"message": f"Wrong endpoint or key {seen.query.get('auth_key')}"}
            return 403, json.dumps(msg).encode(), "application/json"
        out = self._out(seen.query["text"], fault)
        data = {"translations": [{"detected_source_language": "ZH", "text": out}]}
        return 200, json.dumps(data, ensure_ascii=False).encode(), "application/json"

    def _microsoft(self, seen: Seen, fault):
        if seen.headers.get("Ocp-Apim-Subscription-Key") != self.microsoft_key:
            err = {
                "error": {
                    "code": 401000,
                    "message": "The request is not authorized because "
                    f"credentials {seen.headers.get('Ocp-Apim-Subscription-Key')} are "
                    "missing or invalid.",
                }
            }
            return 401, json.dumps(err).encode(), "application/json"
        items = json.loads(seen.body)
        data = [
            {"translations": [{"text": self._out(it["text"], fault), "to": seen.query["to"]}]}
            for it in items
        ]
        return 200, json.dumps(data, ensure_ascii=False).encode(), "application/json"

    def _baidu(self, seen: Seen, fault):
        q = seen.query
        sign = hashlib.md5(
            (q.get("appid", "") + q.get("q", "") + q.get("salt", "") + self.baidu_appkey).encode()
        ).hexdigest()
        if q.get("appid") != self.baidu_appid or q.get("sign") != sign:
            err = {"error_code": "54001", "error_msg": "Invalid Sign"}
            return 200, json.dumps(err).encode(), "application/json"
        lines = [ln for ln in q["q"].split("\n") if ln.strip()]  # Baidu drops empty lines
        out = self._out("\n".join(lines), fault).split("\n")
        data = {
            "from": q["from"],
            "to": q["to"],
            "trans_result": [{"src": s, "dst": d} for s, d in zip(lines, out, strict=False)],
        }
        return 200, json.dumps(data, ensure_ascii=False).encode(), "application/json"

    def _libre(self, seen: Seen, fault):
        if self.libre_key and seen.query.get("api_key") != self.libre_key:
            err = {"error": "Invalid API key"}
            return 403, json.dumps(err).encode(), "application/json"
        out = self._out(seen.query["q"], fault)
        return (
            200,
            json.dumps({"translatedText": out}, ensure_ascii=False).encode(),
            "application/json",
        )

    def _mymemory(self, seen: Seen, fault):
        q = seen.query["q"]
        if len(q.encode("utf-8")) > 500:
            data = {
                "responseData": {
                    "translatedText": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS",
                    "match": 0,
                },
                "responseStatus": 403,
                "matches": [],
            }
            return 200, json.dumps(data).encode(), "application/json"
        out = self._out(q, fault)
        data = {
            "responseData": {"translatedText": out, "match": 0.85},
            "quotaFinished": False,
            "responseStatus": 200,
            "matches": [{"id": "0", "segment": q, "translation": out, "quality": "74"}],
        }
        return 200, json.dumps(data, ensure_ascii=False).encode(), "application/json"
