"""Speed of glossary matching: a 10,000-entry glossary over 1 MB of English hospital news.

Prints, in one run, side by side:
- Glossary.find (boundaries, candidates, honorifics, overlap resolution, GlossaryMatch objects)
  vs raw pyahocorasick `iter` over the same automaton and the same (folded) text (goal <= 3x);
- vs one regex alternation of the same forms with word boundaries (goal: find >= 50x faster);
  the regex is timed on a slice and extrapolated linearly when the whole text would take more
  than ~20 s, and the output says so;
- loading the glossary TOML and building the automaton (goal <= 0.5 s), cold: best of 3 runs
  with the glossary modules' caches emptied before each, then split into TOML parsing, checking
  the entries and building the automaton, and once more in a fresh Python process. There is no
  on-disk cache of the built glossary: every figure is the whole load and build.

Run from the repository root: `python -m benchmarks.glossary_bench`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synth import english_corpus, synthetic_glossary
from yiwen.glossary import load_glossaries, pinyin, variants
from yiwen.glossary import matcher as matcher_module
from yiwen.glossary.loader import tomllib
from yiwen.glossary.matcher import fold

ENTRIES = 10_000
TEXT_BYTES = 1_000_000
REGEX_BUDGET = 20.0  # seconds: above this the regex is timed on a slice and extrapolated


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    """Return (best wall time, last result) of `repeat` calls of fn()."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def _empty_caches() -> None:
    """Empty every lru_cache of the glossary modules, so a timed load starts cold."""
    for module in (pinyin, variants, matcher_module):
        for obj in vars(module).values():
            if hasattr(obj, "cache_clear"):
                obj.cache_clear()


# Times one load and build in a new interpreter (imports are done before the clock starts).
_FRESH = """
import sys, time
from yiwen.glossary import load_glossaries
t0 = time.perf_counter()
g = load_glossaries([sys.argv[1]])
g.matcher
print(time.perf_counter() - t0)
"""


def main() -> None:
    """Run the benchmark and print the figures and ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.toml"
        path.write_text(synthetic_glossary(ENTRIES, seed=7), "utf-8")
        parts: list[tuple[float, float]] = []

        def load_and_build():
            _empty_caches()
            t0 = time.perf_counter()
            g = load_glossaries([str(path)])
            t1 = time.perf_counter()
            g.matcher  # noqa: B018 - build the automaton now
            parts.append((t1 - t0, time.perf_counter() - t1))
            return g

        t_load, g = _best(load_and_build)
        t_read, t_build = min(parts, key=sum)
        t_toml, _ = _best(lambda: tomllib.loads(path.read_text("utf-8")))
        fresh = subprocess.run(
            [sys.executable, "-c", _FRESH, str(path)], capture_output=True, text=True, check=True
        )
        t_fresh = float(fresh.stdout.strip())
    text = english_corpus(TEXT_BYTES, seed=3)
    matcher = g.matcher  # type: ignore[attr-defined]
    keys = list(matcher.table)
    print(
        f"glossary: {len(g.people)} people + {len(g.terms)} terms = {len(keys)} forms "  # type: ignore[attr-defined]
        f"(all variant shapes); text: {len(text.encode('utf-8')):,} bytes"
    )

    t_find, found = _best(lambda: g.find(text))  # type: ignore[attr-defined]
    low = fold(text)
    automaton = matcher.automaton

    def raw() -> int:
        n = 0
        for _ in automaton.iter(low):
            n += 1
        return n

    t_raw, raw_hits = _best(raw)

    alternation = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")
    probe = low[:20_000]
    t_probe, _ = _best(lambda: pattern.findall(probe), repeat=1)
    estimate = t_probe * len(low) / len(probe)
    if estimate > REGEX_BUDGET:
        piece = low[: max(20_000, int(len(low) * REGEX_BUDGET / 4 / estimate))]
        t_piece, _ = _best(lambda: pattern.findall(piece), repeat=1)
        t_regex = t_piece * len(low) / len(piece)
        regex_note = f"(timed on {len(piece):,} characters, extrapolated linearly)"
    else:
        t_regex, _ = _best(lambda: pattern.findall(low), repeat=1)
        regex_note = "(whole text)"

    print(f"matches kept by Glossary.find: {len(found):,}; raw automaton hits: {raw_hits:,}")  # type: ignore[arg-type]
    print(f"Glossary.find             {t_find:8.3f} s")
    print(
        f"raw pyahocorasick iter    {t_raw:8.3f} s   find/raw   = {t_find / t_raw:6.2f}x  (goal <= 3x)"
    )
    print(
        f"regex alternation         {t_regex:8.3f} s   regex/find = {t_regex / t_find:6.1f}x  "
        f"(goal >= 50x) {regex_note}"
    )
    print(f"load + build (10k TOML)   {t_load:8.3f} s   (goal <= 0.5 s)")
    print(
        f"  cold, best of 3: TOML parse {t_toml:.3f} s + checking entries "
        f"{max(t_read - t_toml, 0):.3f} s + building the automaton {t_build:.3f} s; "
        f"in a fresh process {t_fresh:.3f} s; no on-disk cache"
    )


if __name__ == "__main__":
    main()
