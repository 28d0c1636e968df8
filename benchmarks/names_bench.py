"""Speed of name finding without a glossary, each beside a baseline run on the same text.

English: find_name_mentions over 1 MB of synthetic hospital news vs. a bare regex word scan.
Chinese: find_chinese_names over 100 KB vs. jieba posseg alone (the tagger it builds on) and vs.
the same name rules over posseg's tags of the whole text (how names were found before the lazy
tagger, `zhtagger`); a second line replaces every name by a new one so that no tagging repeats.
Run: python benchmarks/names_bench.py
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))

from synth import ZH_NAMES, chinese_corpus, english_corpus
from yiwen.glossary import zhtagger
from yiwen.glossary.names import find_name_mentions
from yiwen.glossary.surnames import SINGLE
from yiwen.glossary.zhnames import find_chinese_names, names_in_tokens, romanise_name

# Given-name characters for `fresh_names`.
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红建国志文斌辉宇浩鹏飞云龙海波晓东"


def timed(fn, *args):
    """Return (seconds, result) of one call."""
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def fresh_names(text: str, seed: int) -> str:
    """Replace each of synth's ten names by a new random one, so that no name repeats."""
    rng = random.Random(seed)
    surnames = list(SINGLE)[:150]
    return re.sub(
        "|".join(ZH_NAMES),
        lambda _: rng.choice(surnames) + "".join(rng.sample(_GIVEN, rng.choice((1, 2, 2)))),
        text,
    )


def chinese_line(label: str, zh: str) -> None:
    """Time posseg.cut, the names found the old way (posseg over everything) and the new way."""
    base, toks = timed(lambda s: list(zhtagger._posseg().cut(s)), zh)
    romanise_name.cache_clear()
    before, old = timed(lambda s: names_in_tokens(s, zhtagger.reference_tokens(s)), zh)
    romanise_name.cache_clear()
    zhtagger.tag_stretch.cache_clear()  # only repeats within this text may hit the caches
    after, new = timed(find_chinese_names, zh)
    print(
        f"chinese {label} {len(zh):,} chars: posseg.cut {base:.3f} s ({len(toks):,} tokens); "
        f"find_chinese_names before (posseg over all) {before:.3f} s, after {after:.3f} s "
        f"({len(new):,} names, same as before: {new == old}); speed-up {before / after:.1f}x; "
        f"after/posseg.cut {after / base:.2f}x"
    )


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
    init, _ = timed(zhtagger._posseg)
    romanise_name("王瑞涛")  # load pypinyin's tables outside the timings
    print(f"jieba init {init:.3f} s")
    chinese_line("synthetic corpus", zh)
    chinese_line("same corpus, every name new", fresh_names(zh, seed=1))


if __name__ == "__main__":
    main()
