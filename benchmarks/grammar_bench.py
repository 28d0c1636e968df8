"""LanguageTool through yiwen vs posting the same chunks to /v2/check with requests.

Goal (issue 6): yiwen's grammar backend checks ≥ 0.8× the characters per second of posting the
same chunks directly with `requests` (same server, same number of concurrent requests), and a
batch of 100 articles starts exactly one server. The server is started once, by yiwen's local
mode through scripts/languagetool-server. Run from the repository root:
`python -m benchmarks.grammar_bench [--articles 100] [--workers 4]`.
"""

from __future__ import annotations

import argparse
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from benchmarks.synth import english_article
from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import LoadOptions, load_document
from yiwen.grammar.chunking import make_chunks
from yiwen.grammar.server import STARTS

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int, seed: int):
    """Return n synthetic English hospital-news articles as loaded Documents."""
    rng = random.Random(seed)
    return [
        load_document(f"a{i}.md", LoadOptions(), data=english_article(rng).encode("utf-8"))
        for i in range(n)
    ]


def run_yiwen(backend, docs) -> float:
    """Check every document through the backend (chunk, send, map, filter); return seconds."""
    t0 = time.perf_counter()
    for doc in docs:
        backend.findings(doc, [], None)
    return time.perf_counter() - t0


def run_direct(url: str, chunks_per_doc, workers: int) -> float:
    """Post the same chunks to /v2/check with requests, document by document; return seconds."""
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=workers))

    def post(text: str) -> list:
        r = session.post(f"{url}/v2/check", data={"language": "en-US", "text": text}, timeout=60)
        r.raise_for_status()
        return r.json()["matches"]

    t0 = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        for chunks in chunks_per_doc:
            list(pool.map(post, [c.text for c in chunks]))
    return time.perf_counter() - t0


def main() -> None:
    """Start one server, check a batch through yiwen and directly, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    config = Config(
        grammar="languagetool",
        lt_mode="local",
        sections={
            "languagetool": {
                "server_command": str(ROOT / "scripts" / "languagetool-server"),
                "workers": args.workers,
            }
        },
    )
    t0 = time.perf_counter()
    checker = make_checker(config)
    backend = checker.grammar
    start_s = time.perf_counter() - t0
    try:
        # Warm the JVM on other text first, so neither side pays for it.
        run_yiwen(backend, articles(10, seed=99))

        docs = articles(args.articles, seed=1)
        t0 = time.perf_counter()
        findings = sum(len(checker.check_document(doc)) for doc in docs)
        batch_s = time.perf_counter() - t0

        chunks = [make_chunks(doc, backend.settings.chunk_chars) for doc in docs]
        chars = sum(c.size for cs in chunks for c in cs)
        url = backend.client.url.rstrip("/")
        # Alternate the order so drift (JIT, other load on the machine) hits both sides.
        y = run_yiwen(backend, docs) + 0.0
        d = run_direct(url, chunks, args.workers)
        d += run_direct(url, chunks, args.workers)
        y += run_yiwen(backend, docs)
        y_rate, d_rate = 2 * chars / y, 2 * chars / d
        print(f"server start (script, to first answer): {start_s:.2f} s")
        print(
            f"batch of {len(docs)} articles through `check` (built-in + LanguageTool): "
            f"{batch_s:.2f} s, {findings} findings; servers started: {STARTS['count']} "
            f"(backend.starts={backend.starts})"
        )
        print(
            f"chunks: {sum(map(len, chunks))}, {chars:,} UTF-16 units, "
            f"{args.workers} concurrent requests"
        )
        print(f"yiwen backend : {y_rate:>10,.0f} chars/s  ({y:.2f} s for 2 passes)")
        print(f"direct POST   : {d_rate:>10,.0f} chars/s  ({d:.2f} s for 2 passes)")
        print(f"ratio yiwen/direct: {y_rate / d_rate:.2f} (goal >= 0.8)")
    finally:
        backend.close()


if __name__ == "__main__":
    main()
