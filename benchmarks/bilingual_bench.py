"""Bilingual check cost: a 1,000-paragraph draft checked with --source vs the draft alone.

Goal (issue 7): checking the pair takes ≤ 2× the time of checking the draft alone. Each timed
run builds its Checker (glossary, and for the pair the source article, loaded afresh) and
checks the draft, as one `yiwen check` does; built-in rules and the bundled glossary. jieba's
dictionary is loaded once per process before timing (a fixed cost, printed on its own line:
measured in a fresh interpreter).
Run from the repository root: `python -m benchmarks.bilingual_bench`.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synth import write_parallel_pair
from benchmarks.timing import best_of, process_time
from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import load_document
from yiwen.glossary import bundled_glossary_path
from yiwen.models import Language

_COLD = """
import time
t = time.perf_counter()
from yiwen.glossary.zhnames import find_chinese_names
find_chinese_names("院长王瑞涛出席会议。")
print(time.perf_counter() - t)
"""


def parts(src: Path, draft: Path) -> list[tuple[str, float]]:
    """Time the pieces a pair check adds, each on its own (fastest of 3)."""
    from yiwen.bilingual.align import align
    from yiwen.bilingual.numbers import quantities_in
    from yiwen.bilingual.pairing import pair
    from yiwen.glossary.loader import load_glossaries
    from yiwen.glossary.zhnames import find_chinese_names

    glossary = load_glossaries([str(bundled_glossary_path())])
    s, d = load_document(str(src)), load_document(str(draft))
    zh = [s.prose[p.start : p.end] for p in s.paragraphs]
    en = [d.prose[p.start : p.end] for p in d.paragraphs]
    zh_at, en_at = [p.start for p in s.paragraphs], [p.start for p in d.paragraphs]
    p = pair(s, d, glossary, [])
    lengths = (
        [x.end - x.start for x in p.source.paragraphs],
        [x.end - x.start for x in p.draft.paragraphs],
    )
    anchors = (
        [p.source.anchors(i) for i in range(len(p.source.paragraphs))],
        [p.draft.anchors(i) for i in range(len(p.draft.paragraphs))],
    )
    return [
        ("load the source", best_of(lambda: load_document(str(src)))),
        ("English quantities", best_of(lambda: quantities_in(en, Language.EN, en_at))),
        ("Chinese quantities", best_of(lambda: quantities_in(zh, Language.ZH, zh_at))),
        ("Chinese names", best_of(lambda: find_chinese_names(s.prose))),
        (
            "paragraph alignment",
            best_of(lambda: align(*lengths, source_anchors=anchors[0], target_anchors=anchors[1])),
        ),
        ("pairing in all", best_of(lambda: pair(s, d, glossary, []))),
    ]


def main() -> None:
    """Measure and print the pair/alone ratio, the pieces, and jieba's one-off load."""
    with tempfile.TemporaryDirectory() as tmp:
        src, draft = write_parallel_pair(tmp)
        zh, en = src.read_text(encoding="utf-8"), draft.read_text(encoding="utf-8")
        glossary = [str(bundled_glossary_path())]

        def alone() -> object:
            return make_checker(Config(), glossary_paths=glossary).check_path(str(draft))

        def paired() -> object:
            checker = make_checker(Config(), glossary_paths=glossary, source_path=str(src))
            return checker.check_path(str(draft))

        report = paired()  # warm-up: jieba's dictionary loads once per process
        t_alone, t_pair = best_of(alone, 7), best_of(paired, 7)
        b = [f for f in report.findings if f.code.startswith("B")]
        print(
            f"1,000-paragraph pair ({len(en) // 1000} kB draft, {len(zh) // 1000} kB source): "
            f"draft alone {t_alone:.3f} s | with --source {t_pair:.3f} s | "
            f"ratio {t_pair / t_alone:.2f}x (goal <= 2x); B findings on a faithful pair: {len(b)}"
        )
        for name, t in parts(src, draft):
            print(f"  {name:20s} {1000 * t:6.1f} ms")
        cli_alone, cli_pair = (
            min(
                process_time(
                    [sys.executable, "-m", "yiwen", "check", str(draft), "-g", *glossary, *extra]
                )
                for _ in range(3)
            )
            for extra in ([], ["--source", str(src)])
        )
        print(
            f"  end to end, `yiwen check` as typed: draft alone {cli_alone:.3f} s | with --source "
            f"{cli_pair:.3f} s | ratio {cli_pair / cli_alone:.2f}x (start-up and the once-per-"
            "process load below included)"
        )
        t0 = time.perf_counter()
        cold = subprocess.run(
            [sys.executable, "-c", _COLD], capture_output=True, text=True, check=True
        ).stdout
        print(
            f"  once per process: jieba's dictionary and tagger {float(cold):.2f} s "
            f"(fresh interpreter, {time.perf_counter() - t0:.2f} s in all)"
        )


if __name__ == "__main__":
    main()
