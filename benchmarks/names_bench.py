"""Speed of name finding without a glossary, each beside a baseline run on the same text.

English: find_name_mentions over 1 MB of synthetic hospital news vs. a bare regex word scan.
Chinese: find_chinese_names over 100 KB vs. jieba posseg alone (the tagger it builds on).
Run: python benchmarks/names_bench.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))

from synth import chinese_corpus, english_corpus
from yiwen.glossary.names import find_name_mentions
from yiwen.glossary.zhnames import _jieba, find_chinese_names


def timed(fn, *args):
    """Return (seconds, result) of one call."""
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    """Print each figure and its ratio to the baseline."""
    en = english_corpus(1_000_000, seed=1)
    base, words = timed(lambda s: re.findall(r"[A-Za-z]+", s), en)
    ours, found = timed(find_name_mentions, en)
    print(
        f"english {len(en):,} chars: regex word scan {base:.3f} s ({len(words):,} words); "
        f"find_name_mentions {ours:.3f} s ({len(found):,} names); ratio {ours / base:.1f}x"
    )
    zh = chinese_corpus(100_000, seed=1)
    init, _ = timed(_jieba)
    posseg = _jieba()
    base, toks = timed(lambda s: list(posseg.cut(s)), zh)
    ours, names = timed(find_chinese_names, zh)
    print(
        f"chinese {len(zh):,} chars: jieba init {init:.3f} s; posseg.cut {base:.3f} s "
        f"({len(toks):,} tokens); find_chinese_names {ours:.3f} s ({len(names):,} names); "
        f"ratio {ours / base:.2f}x"
    )


if __name__ == "__main__":
    main()
