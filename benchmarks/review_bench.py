"""Review speed figures: `yiwen diff` core vs difflib, diff scaling, and `fix` vs `check`.

Prints each figure beside its baseline, measured in this run:
- diff of two 1 MB English articles differing in 5% of paragraphs vs difflib.SequenceMatcher
  over the same two word lists (get_opcodes);
- scaling: the same diff on 2 MB (goal: ≤ 2× the 1 MB time + 10%);
- `fix` (load, fix rounds, render) on 1 MB with ~2,000 fixable findings vs `check` (load,
  check) on the same file (goal: ≤ 2×).

Run from the repository root: `python -m benchmarks.review_bench`.
"""

from __future__ import annotations

import random
import time
from difflib import SequenceMatcher

from benchmarks.synth import english_corpus
from benchmarks.timing import best_of

MB = 1_000_000


def plant_doubles(text: str, target: int, seed: int = 5) -> str:
    """Double `target` occurrences of ' the ' at random, on top of synth's planted errors."""
    rng = random.Random(seed)
    parts = text.split(" the ")
    picks = set(rng.sample(range(len(parts) - 1), min(target, len(parts) - 1)))
    return (
        "".join(p + (" the the " if k in picks else " the ") for k, p in enumerate(parts[:-1]))
        + parts[-1]
    )


def edited_copy(text: str, share: float = 0.05, seed: int = 1) -> str:
    """Return `text` with `share` of its paragraphs edited: words changed, some added/removed."""
    rng = random.Random(seed)
    paras = text.split("\n\n")
    out = []
    for p in paras:
        r = rng.random()
        if r < share * 0.6:  # edit a few words
            words = p.split(" ")
            for _ in range(3):
                k = rng.randrange(len(words))
                words[k] = rng.choice(("revised", "new", "the", "hospital", "team"))
            out.append(" ".join(words))
        elif r < share * 0.8:  # a paragraph inserted after this one
            out += [p, "An inserted paragraph about the hospital's new outpatient building."]
        elif r < share:  # deleted
            continue
        else:
            out.append(p)
    return "\n\n".join(out)


def diff_figures() -> None:
    """Time the diff core on 1 MB and 2 MB and difflib on the 1 MB word lists."""
    from yiwen.review.diff import diff_texts

    results = {}
    for size in (1, 2):
        old = english_corpus(size * MB, seed=7, errors=False)
        new = edited_copy(old)
        results[size] = best_of(lambda o=old, n=new: diff_texts(o, n))
        if size == 1:
            wa, wb = old.split(), new.split()
            t0 = time.perf_counter()
            SequenceMatcher(None, wa, wb).get_opcodes()
            base = time.perf_counter() - t0
            print(f"diff 1 MB ({len(wa):,} words, 5% of paragraphs edited)")
            print(f"  yiwen diff core        {results[1]:8.3f} s")
            print(f"  difflib on word lists  {base:8.3f} s")
            print(f"  ratio yiwen/difflib    {results[1] / base:8.3f}x")
    limit = 2 * results[1] * 1.10
    print("diff scaling")
    print(
        f"  1 MB {results[1]:.3f} s   2 MB {results[2]:.3f} s   ratio {results[2] / results[1]:.2f}x"
    )
    print(f"  goal 2 MB <= {limit:.3f} s (2x + 10%): {'OK' if results[2] <= limit else 'MISSED'}")


def fix_figures() -> None:
    """Time fix vs check on the same 1 MB draft with planted errors."""
    from yiwen.checking import make_checker
    from yiwen.config import Config
    from yiwen.document import LoadOptions, load_document, render_document
    from yiwen.review.fix import choose_fixes, fix_document

    text = plant_doubles(english_corpus(MB, seed=3, errors=True), 1200)
    data = text.encode("utf-8")
    checker = make_checker(Config())

    def check() -> list:
        return checker.check_document(load_document("draft.md", LoadOptions(), data=data))

    def fix():
        doc = load_document("draft.md", LoadOptions(), data=data)
        result = fix_document(doc, checker)
        render_document(doc, result.edits)
        return result

    findings = check()
    fixable = len(choose_fixes(findings))
    t_check, t_fix = float("inf"), float("inf")
    for _ in range(3):  # interleaved, so both see the same load on the shared machine
        t_check = min(t_check, best_of(check, 1))
        t_fix = min(t_fix, best_of(fix, 1))
    result = fix()
    print(f"fix vs check on 1 MB ({len(findings):,} findings, {fixable:,} fixable in round one)")
    print(f"  check (load + rules)          {t_check:8.3f} s")
    print(f"  fix (load + rounds + render)  {t_fix:8.3f} s   ({result.rounds} fixing rounds)")
    print(
        f"  ratio fix/check               {t_fix / t_check:8.2f}x   goal <= 2x: "
        f"{'OK' if t_fix <= 2 * t_check else 'MISSED'}"
    )


def main() -> None:
    """Print every figure."""
    diff_figures()
    fix_figures()


if __name__ == "__main__":
    main()
