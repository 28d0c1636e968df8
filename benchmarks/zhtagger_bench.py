"""Speed of Chinese name finding's tagger (`zhtagger`), each figure beside a baseline in the same run.

In-process, over the 1,000 Chinese paragraphs of `parallel_article(seed 7)` (the bilingual
benchmark's source) and over 1,000 paragraphs of jieba dictionary words drawn by frequency
(a realistic vocabulary, no repeated sentences): find_chinese_names vs. the same name rules over
posseg's tags of every paragraph, and the dictionary route (`_route`) vs. jieba's own
`get_DAG` + `calc` over the same blocks. Cold start, in fresh processes: the first name lookup
with the lexicon and readings files in place vs. the same reading names with pypinyin (as before
`readings`), and vs. what posseg needs before its first tag (`import jieba.posseg` and
`jieba.initialize()`).
Run from the repository root: `python -m benchmarks.zhtagger_bench`.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.synth import parallel_article
from yiwen.glossary import readings, zhtagger
from yiwen.glossary.zhnames import find_chinese_names, names_in_tokens

_COLD_NEW = """
import time
t = time.perf_counter()
from yiwen.glossary.zhnames import find_chinese_names
find_chinese_names("院长郑兴东介绍，护士长单丽华和欧阳文医生于2023年赴青海援助。")
import sys
print(time.perf_counter() - t, "jieba" in sys.modules, "pypinyin" in sys.modules)
"""
# The same, reading names with pypinyin as before the readings file (`readings`).
_COLD_PYPINYIN = _COLD_NEW.replace(
    "from yiwen.glossary.zhnames import find_chinese_names\n",
    "from yiwen.glossary import zhnames\n"
    "from yiwen.glossary.readings import _lazy\n"
    "from yiwen.glossary.zhnames import find_chinese_names\n"
    "zhnames._read = lambda zh: list(_lazy(zh))\n",
)
_COLD_JIEBA = """
import logging, time
t = time.perf_counter()
import jieba
jieba.setLogLevel(logging.WARNING)
import jieba.posseg
jieba.initialize()
print(time.perf_counter() - t, True)
"""


def best_of(fn, runs: int = 7) -> float:
    """Return the best CPU time of `runs` calls, in seconds."""
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def word_soup(paragraphs: int, seed: int) -> list[str]:
    """Paragraphs of jieba dictionary words drawn by frequency, with punctuation."""
    rng = random.Random(seed)
    freq = zhtagger._posseg().dt.tokenizer.FREQ
    words = [w for w, f in freq.items() if f]
    weights = [freq[w] for w in words]
    out = []
    for _ in range(paragraphs):
        parts = []
        for w in rng.choices(words, weights, k=rng.randint(15, 45)):
            parts.append(w)
            if rng.random() < 0.1:
                parts.append(rng.choice("，。、：；"))
        out.append("".join(parts) + "。")
    return out


def in_process(label: str, paras: list[str]) -> None:
    """Print find_chinese_names and the route beside their posseg/jieba baselines."""
    tokenizer = zhtagger._posseg().dt.tokenizer
    find_chinese_names(paras[0])
    same = all(
        find_chinese_names(p) == names_in_tokens(p, zhtagger.reference_tokens(p)) for p in paras
    )
    ours = best_of(lambda: [find_chinese_names(p) for p in paras])
    theirs = best_of(lambda: [names_in_tokens(p, zhtagger.reference_tokens(p)) for p in paras], 3)
    print(
        f"{label} ({len(paras)} paragraphs, {sum(map(len, paras)):,} chars): "
        f"find_chinese_names {ours * 1000:.1f} ms; posseg over all {theirs * 1000:.1f} ms; "
        f"ratio {ours / theirs:.2f} (same names: {same})"
    )
    blocks = [b for p in paras for b in zhtagger.RE_HAN_INTERNAL.split(p)[1::2]]
    # The route as names use it: every block of a paragraph routed in one pass.
    routes = best_of(lambda: [zhtagger.route_blocks(p) for p in paras])

    def jieba_route(blk: str) -> dict[int, tuple[float, int]]:
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(blk, tokenizer.get_DAG(blk), route)
        return route

    def same_route(paragraph: str) -> bool:
        r = zhtagger.route_blocks(paragraph)
        for a, b in zip(r.starts, r.ends, strict=True):
            jieba = jieba_route(r.joined[a:b])
            if [y - a for y in r.step[a:b]] != [jieba[k][1] + 1 for k in range(b - a)]:
                return False
        return True

    same = all(map(same_route, paras))
    base = best_of(lambda: [jieba_route(b) for b in blocks])
    print(
        f"{label}: route of {len(blocks):,} blocks {routes * 1000:.1f} ms; jieba get_DAG+calc "
        f"{base * 1000:.1f} ms; ratio {routes / base:.2f} (same route: {same})"
    )


def cold(code: str) -> tuple[float, list[str]]:
    """Run `code` in a fresh interpreter; return (best of 3 seconds printed, the rest printed)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "cli")}
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout.split()
        runs.append((float(out[0]), out[1:]))
    return min(runs)


def main() -> None:
    """Print each figure and its ratio to the baseline."""
    zhtagger._lexicon()  # the lexicon file exists before the cold runs
    readings._readings()  # and so does the readings file
    new, (jieba_in, pypinyin_in) = cold(_COLD_NEW)
    with_pypinyin, _ = cold(_COLD_PYPINYIN)
    old, _ = cold(_COLD_JIEBA)
    print(
        f"cold start: first find_chinese_names {new:.3f} s (imports jieba: {jieba_in}, "
        f"pypinyin: {pypinyin_in}); reading names with pypinyin {with_pypinyin:.3f} s, "
        f"ratio {new / with_pypinyin:.2f}; jieba.posseg import + jieba.initialize() alone "
        f"{old:.3f} s, ratio {new / old:.2f}"
    )
    zh, _ = parallel_article(random.Random(7), paragraphs=1000)
    in_process("parallel_article seed 7", zh.split("\n\n"))
    in_process("dictionary-word soup", word_soup(1000, seed=5))


if __name__ == "__main__":
    main()
