"""Speed of paragraph alignment (`yiwen.bilingual.align.align`) beside the pre-optimisation code.

Input: the 1,000 × 1,000-paragraph benchmark pair of issue 7 (`parallel_article`, seed 7), with
the lengths and anchor sets `pairing.pair` builds, plus harder drafts derived from it (paragraphs
deleted, inserted, merged, split, 30% fewer). Each line prints the current time, the baseline
(`baseline_align`: the dictionary-based programme as it was before, kept verbatim) in the same
run, their ratio, and whether both produced the same beads.
Run from the repository root: `python -m benchmarks.align_bench`.
"""

from __future__ import annotations

import itertools
import random
import tempfile

from benchmarks.synth import write_parallel_pair
from benchmarks.timing import best_of
from yiwen.bilingual.align import _COST, Bead, _anchor_cost, _match_cost, align

Anchors = list[frozenset[str]]
Case = tuple[list[int], list[int], Anchors | None, Anchors | None]


def benchmark_input() -> Case:
    """Return the lengths and anchors `pairing.pair` aligns for the benchmark pair."""
    from yiwen.bilingual import pairing
    from yiwen.document import load_document
    from yiwen.glossary import bundled_glossary_path
    from yiwen.glossary.loader import load_glossaries

    with tempfile.TemporaryDirectory() as tmp:
        src, draft = write_parallel_pair(tmp)
        src_doc, draft_doc = load_document(str(src)), load_document(str(draft))
    glossary = load_glossaries([str(bundled_glossary_path())])
    calls: list[Case] = []
    real = pairing.align

    def spy(source, target, band=None, source_anchors=None, target_anchors=None):
        calls.append((list(source), list(target), source_anchors, target_anchors))
        return real(source, target, band, source_anchors, target_anchors)

    pairing.align = spy  # pair() imported align by name: record its one paragraph-level call
    try:
        pairing.pair(src_doc, draft_doc, glossary, [])
    finally:
        pairing.align = real
    return calls[0]


def perturb(case: Case, seed: int, edits: dict[str, int]) -> Case:
    """Return `case` with its draft side edited: `edits` counts per kind of edit.

    Kinds: delete (a paragraph dropped), insert (an unrelated paragraph added), merge (two
    neighbours joined), split (one cut in two), mistranslate (an anchor replaced by a new one).
    """
    rng = random.Random(seed)
    src, tgt, sa, ta = case
    tgt = list(tgt)
    ta = list(ta) if ta is not None else None
    fresh = itertools.count()
    for kind, count in edits.items():
        for _ in range(count):
            j = rng.randrange(len(tgt) - 1)
            if kind == "delete":
                del tgt[j]
                if ta is not None:
                    del ta[j]
            elif kind == "insert":
                tgt.insert(j, rng.randint(40, 900))
                if ta is not None:
                    ta.insert(j, frozenset(f"new{next(fresh)}" for _ in range(rng.randint(0, 4))))
            elif kind == "merge":
                tgt[j : j + 2] = [tgt[j] + 1 + tgt[j + 1]]
                if ta is not None:
                    ta[j : j + 2] = [ta[j] | ta[j + 1]]
            elif kind == "split":
                cut = rng.randint(1, max(1, tgt[j] - 1))
                tgt[j : j + 1] = [cut, max(0, tgt[j] - cut - 1)]
                if ta is not None:
                    toks = sorted(ta[j])
                    k = rng.randint(0, len(toks))
                    ta[j : j + 1] = [frozenset(toks[:k]), frozenset(toks[k:])]
            elif kind == "mistranslate" and ta is not None and ta[j]:
                toks = sorted(ta[j])
                toks[rng.randrange(len(toks))] = f"wrong{next(fresh)}"
                ta[j] = frozenset(toks)
    return src, tgt, sa, ta


def baseline_align(
    source: list[int],
    target: list[int],
    band: int | None = None,
    source_anchors: Anchors | None = None,
    target_anchors: Anchors | None = None,
) -> list[Bead]:
    """Align as the module did before optimisation (per-cell dicts and function calls).

    The cost formulas are the module's own reference functions, unchanged.
    """
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    ratio = max(sum(target), 1) / max(sum(source), 1)
    width = band if band is not None else 3 + abs(n - m)
    ps = [0, *itertools.accumulate(source)]
    pt = [0, *itertools.accumulate(target)]
    sa = _groups(source_anchors, n)
    ta = _groups(target_anchors, m)
    moves = list(_COST.items())
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m / n
        lo = max(0, int(centre) - width)
        hi = min(m, int(centre) + width + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, move = inf, (0, 0)
            for (di, dj), prior in moves:
                base = cost.get((i - di, j - dj))
                if base is None:
                    continue
                c = base + prior
                if di and dj:
                    c += _match_cost(ps[i] - ps[i - di], pt[j] - pt[j - dj], ratio)
                    if sa is not None and ta is not None:
                        c += _anchor_cost(sa[di][i - di], ta[dj][j - dj])
                if c < best:
                    best, move = c, (di, dj)
            if best < inf:
                cost[(i, j)] = best
                back[(i, j)] = move
    full = width >= max(n, m)
    if (n, m) not in cost:
        return baseline_align(
            source, target, min(max(n, m), width * 4), source_anchors, target_anchors
        )
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[(i, j)]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    if not full and _touches_edge(beads, n, m, width):
        return baseline_align(
            source, target, min(max(n, m), width * 4), source_anchors, target_anchors
        )
    return beads


def _groups(anchors: Anchors | None, n: int) -> dict[int, Anchors] | None:
    if anchors is None:
        return None
    return {
        1: list(anchors),
        2: [anchors[k] | anchors[k + 1] for k in range(n - 1)] + [frozenset()],
    }


def _touches_edge(beads: list[Bead], n: int, m: int, width: int) -> bool:
    i = j = 0
    for b in beads:
        i += len(b.source)
        j += len(b.target)
        if abs(j - i * m / n) >= width - 1:
            return True
    return False


def main() -> None:
    """Time `align` and `baseline_align` on the benchmark pair and harder drafts."""
    base = benchmark_input()
    cases = {
        "benchmark pair 1000x1000": base,
        "20 deleted, 20 inserted": perturb(base, 1, {"delete": 20, "insert": 20}),
        "30 merged, 30 split, 50 mistranslated": perturb(
            base, 2, {"merge": 30, "split": 30, "mistranslate": 50}
        ),
        "draft 30% shorter (300 deleted)": perturb(base, 3, {"delete": 300}),
    }
    for name, case in cases.items():
        now, before = _best(align, case, 5), _best(baseline_align, case, 3)
        same = _run(align, case) == _run(baseline_align, case)
        print(
            f"{name:40} align {now * 1000:8.1f} ms | baseline {before * 1000:8.1f} ms | "
            f"{before / now:5.1f}x faster | same beads: {same}"
        )


def _run(fn, case: Case) -> list[Bead]:
    src, tgt, sa, ta = case
    return fn(src, tgt, source_anchors=sa, target_anchors=ta)


def _best(fn, case: Case, repeat: int) -> float:
    return best_of(lambda: _run(fn, case), repeat)


if __name__ == "__main__":
    main()
