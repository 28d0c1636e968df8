"""Speed of glossary matching: a 10,000-entry glossary over 1 MB of English hospital news.

Prints, in one run, side by side:
- Glossary.find (boundaries, candidates, honorifics, overlap resolution, GlossaryMatch objects)
  vs raw pyahocorasick `iter` over the same automaton and the same (folded) text (goal <= 3x);
- vs one regex alternation of the same forms with word boundaries (goal: find >= 50x faster);
  the regex is timed on a slice and extrapolated linearly when the whole text would take more
  than ~20 s, and the output says so;
- loading the glossary TOML and building the automaton (goal <= 0.5 s).

Run from the repository root: `python -m benchmarks.glossary_bench`.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from benchmarks.synth import english_corpus, synthetic_glossary
from yiwen.glossary import load_glossaries
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


def main() -> None:
    """Run the benchmark and print the figures and ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.toml"
        path.write_text(synthetic_glossary(ENTRIES, seed=7), "utf-8")

        def load_and_build():
            g = load_glossaries([str(path)])
            g.matcher  # noqa: B018 - build the automaton now
            return g

        t_load, g = _best(load_and_build)
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


if __name__ == "__main__":
    main()
