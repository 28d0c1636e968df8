"""`yiwen batch translate` against a LibreTranslate stand-in that fails every third request.

The stand-in speaks the exchange deep-translator's LibreTranslator has with a LibreTranslate
server (read in deep_translator/libre.py): `POST {url}translate` with q, source, target and
format in the query string, answered by `{"translatedText": ...}`; failures are HTTP status
codes. It echoes the text back (the test is about the batch, not the translation), answers
every third request with 503 + `Retry-After: 0` (a flaky service the retries must ride out)
and every request for a text containing 故障 with 500 (a file that fails after its retries).
"""

from __future__ import annotations

import http.server
import json
import threading
from urllib.parse import parse_qs, urlparse

import pytest

POISON = "故障"


class FlakyLibre:
    """A local LibreTranslate stand-in on 127.0.0.1 that counts and fails requests."""

    def __init__(self) -> None:
        self.count = 0
        self.failed = 0
        self.poison = True
        lock = threading.Lock()
        me = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
                with lock:
                    me.count += 1
                    n = me.count
                if n % 3 == 0 or (me.poison and POISON in q):
                    with lock:
                        me.failed += 1
                    self.send_response(503 if n % 3 == 0 else 500)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = json.dumps({"translatedText": q}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def libre(tmp_path):
    # Its own MonkeyPatch: the `cli` fixture undoes the shared one after every run.
    mp = pytest.MonkeyPatch()
    server = FlakyLibre()
    mp.setenv("YIWEN_LIBRE_URL", server.url)
    mp.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield server
    server.close()
    mp.undo()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_flaky_provider_batch_goes_on_and_exits_3(cli, libre, tmp_path, state_rows, jobs):
    root = tmp_path / "zh"
    (root / "2024").mkdir(parents=True)
    texts = {
        f"2024/news-{i}.zh.md": f"# 第{i}条新闻\n\n医院今天开设了新的门诊。\n\n护士们欢迎了病人。\n"
        for i in range(6)
    }
    texts["2024/broken.zh.md"] = f"# 新闻\n\n这一段会让服务{POISON}。\n"
    for rel, text in texts.items():
        (root / rel).write_text(text, encoding="utf-8")
    out = tmp_path / "en"
    args = ["batch", "translate", root, "-o", out, "--engine", "libre", "--to", "en"]
    r = cli(*args, "--from", "zh", "--no-cache", "-j", jobs, "-q")
    assert r.exit_code == 3, r.stdout + r.stderr
    assert libre.failed >= 3  # the every-third failures happened and were retried through
    db = state_rows(out / "yiwen-batch.sqlite")
    assert db["2024/broken.zh.md"]["outcome"] == "engine"
    assert "broken.zh.md" in db["2024/broken.zh.md"]["error"]
    for rel in texts:
        if rel.endswith("broken.zh.md"):
            continue
        assert db[rel]["outcome"] == "ok", db[rel]["error"]
        dest = out / rel.replace(".zh.md", ".en.md")
        assert db[rel]["output"] == str(dest)
        assert "医院今天开设了新的门诊" in dest.read_text(encoding="utf-8")  # the echo
    assert not (out / "2024/broken.en.md").exists()
    assert "engine failed" in r.stdout

    # The service recovers: --resume sends only the failed file again.
    libre.poison = False
    before = libre.count
    r = cli(*args, "--from", "zh", "--no-cache", "-j", jobs, "-q", "--resume")
    assert r.exit_code == 0, r.stdout + r.stderr
    db = state_rows(out / "yiwen-batch.sqlite")
    assert {rel for rel, row in db.items() if row["attempts"] == 2} == {"2024/broken.zh.md"}
    assert (out / "2024/broken.en.md").exists()
    assert libre.count - before <= 3  # one article: a request or two (plus a retried 503)
