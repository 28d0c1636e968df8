"""Bilingual check cost: a 1,000-paragraph draft checked with --source vs the draft alone.

Goal (issue 7): checking the pair takes ≤ 2× the time of checking the draft alone. Both runs
use the same Checker set-up (built-in rules, the bundled glossary) in this process.
Run from the repository root: `python -m benchmarks.bilingual_bench`.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from benchmarks.synth import parallel_article
from benchmarks.timing import best_of
from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import load_document
from yiwen.glossary import bundled_glossary_path


def main() -> None:
    """Measure and print the pair/alone ratio."""
    zh, en = parallel_article(random.Random(7), paragraphs=1000)
    with tempfile.TemporaryDirectory() as tmp:
        src, draft = Path(tmp, "a.zh.md"), Path(tmp, "a.en.md")
        src.write_text(zh, encoding="utf-8")
        draft.write_text(en, encoding="utf-8")
        glossary = [str(bundled_glossary_path())]
        alone = make_checker(Config(), glossary_paths=glossary)
        paired = make_checker(Config(), glossary_paths=glossary, source_path=str(src))
        no_names = make_checker(
            Config(ignore=("B004",)), glossary_paths=glossary, source_path=str(src)
        )
        doc = load_document(str(draft))
        paired.check_document(doc)  # warm-up: jieba's dictionary loads once per process
        t_alone = best_of(lambda: alone.check_path(str(draft)))
        t_pair = best_of(lambda: paired.check_path(str(draft)))
        t_lean = best_of(lambda: no_names.check_path(str(draft)))
        found = paired.check_document(doc)
        b = [f for f in found if f.code.startswith("B")]
        print(
            f"1,000-paragraph pair ({len(en) // 1000} kB draft, {len(zh) // 1000} kB source): "
            f"draft alone {t_alone:.3f} s | with --source {t_pair:.3f} s | "
            f"ratio {t_pair / t_alone:.2f}x (goal <= 2x); B findings on a faithful pair: {len(b)}"
        )
        print(
            f"  without B004 (no jieba name detection in the source): {t_lean:.3f} s | "
            f"ratio {t_lean / t_alone:.2f}x; jieba's share of the pair: {t_pair - t_lean:.3f} s"
        )


if __name__ == "__main__":
    main()
