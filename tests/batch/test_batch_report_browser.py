"""The batch report in a real browser (Debian's chromium, headless): content and no network."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI") != "true":
    pytest.skip("chromium is not installed (.ci/run installs it)", allow_module_level=True)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Server:
    """A local HTTP server over one folder that remembers every path requested."""

    def __init__(self, folder: Path) -> None:
        self.paths: list[str] = []
        seen = self.paths

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=str(folder), **kw)

            def do_GET(self):
                seen.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _chromium(profile: Path, *args: str) -> str:
    assert CHROMIUM, "CI=true: chromium must be installed"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_renders_offline_with_totals_chart_and_findings(cli, tmp_path, tree_maker):
    site = tmp_path / "site"
    site.mkdir()
    server = _Server(site)
    try:
        root = tmp_path / "in"
        tree_maker(root, 4, 3)
        # An article that tries to run a script and to load an image from our own server:
        # if any article text reached the page unescaped, the server would see /leak.png.
        (root / "evil.md").write_text(
            f"Staff met the the <script>document.title='PWNED'</script> visitors "
            f'<img src="http://127.0.0.1:{server.port}/leak.png"> today.\n',
            encoding="utf-8",
        )
        (root / "bad.txt").write_bytes(b"")
        report = site / "report.html"
        r = cli("batch", "check", root, "-o", tmp_path / "out", "--report", report, "-q")
        assert r.exit_code == 2  # bad.txt is empty

        url = f"http://127.0.0.1:{server.port}/report.html"
        dom = _chromium(tmp_path / "profile", "--dump-dom", url)
        requested = list(server.paths)
        shot = tmp_path / "report.png"
        _chromium(tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1280,2000", url)
    finally:
        server.close()

    # Totals: 9 files, 5 findings (5 errors), 1 failed file.
    assert '<div class="card " data-total="files"><div class="num">9</div>' in dom
    assert 'data-total="findings"><div class="num">5</div>' in dom
    assert 'data-total="failed"><div class="num">1</div>' in dom
    assert "<svg" in dom and 'id="chart-rules"' in dom and "E001 doubled-word" in dom
    assert "Doubled word: 'the'" in dom and "<mark>the the</mark>" in dom
    # The filter script ran (the page's own inline script is allowed by its CSP)...
    assert "5 findings in 6 files shown" in dom
    # ...and the article's did not: it is text on the page, and the title is ours.
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "<title>yiwen batch check report</title>" in dom
    # The browser asked the server for the page and nothing else (no fonts, scripts, images).
    # (The page names a data: icon, so not even /favicon.ico is fetched.)
    assert requested == ["/report.html"]
    assert "/leak.png" not in server.paths
    assert shot.stat().st_size > 10_000
    shutil.copy(shot, Path(os.environ.get("YIWEN_SCREENSHOT", tmp_path / "copy.png")))
