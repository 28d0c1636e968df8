"""`align` reproduces, bead for bead, the alignments recorded before it was optimised.

The golden file holds the lengths and anchors of the issue-7 benchmark pair (anchor tokens
renamed, which changes nothing: only their equality matters) and the beads of every case below.
Regenerate deliberately with `YIWEN_REGEN_GOLDENS=1 python -m pytest
tests/bilingual/test_bilingual_align_golden.py` and review the diff: a changed bead here means a
paragraph that was paired one way is now paired another.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.align_bench import Case, baseline_align, benchmark_input, perturb
from hypothesis import given, settings
from hypothesis import strategies as st

from yiwen.bilingual.align import Bead, align

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "align_beads.json"
REGEN = bool(os.environ.get("YIWEN_REGEN_GOLDENS"))

# Draft-side edits applied to the benchmark pair (or a prefix of it): (name, size, seed, edits).
EDITS: list[tuple[str, int, int, dict[str, int]]] = [
    ("faithful", 1000, 0, {}),
    ("deleted", 1000, 11, {"delete": 25}),
    ("inserted", 1000, 12, {"insert": 25}),
    ("merged", 1000, 13, {"merge": 40}),
    ("split", 1000, 14, {"split": 40}),
    ("mistranslated", 1000, 15, {"mistranslate": 200}),
    ("mixed", 1000, 16, {"delete": 10, "insert": 10, "merge": 10, "split": 10, "mistranslate": 50}),
    ("deleted-run", 400, 17, {"delete": 8}),
    ("30pct-fewer", 300, 18, {"delete": 90}),
    ("30pct-fewer", 1000, 22, {"delete": 300}),
    ("30pct-more", 300, 19, {"insert": 90}),
    ("mixed-small", 60, 20, {"delete": 2, "insert": 2, "merge": 2, "split": 2}),
    ("mixed-tiny", 12, 21, {"delete": 1, "merge": 1, "split": 1}),
]


def _encode(beads: list[Bead]) -> str:
    return " ".join(f"{len(b.source)}{len(b.target)}" for b in beads)


def _decode(shapes: str) -> list[Bead]:
    beads, i, j = [], 0, 0
    for s in shapes.split():
        di, dj = int(s[0]), int(s[1])
        beads.append(Bead(tuple(range(i, i + di)), tuple(range(j, j + dj))))
        i, j = i + di, j + dj
    return beads


def _renamed(case: Case) -> dict:
    """The case as JSON, each anchor token replaced by a short stable name."""
    src, tgt, sa, ta = case
    names: dict[str, str] = {}
    out = {}
    for key, sets in (("source_anchors", sa), ("target_anchors", ta)):
        out[key] = [[names.setdefault(t, f"t{len(names)}") for t in sorted(s)] for s in sets]
    return {"source": src, "target": tgt, **out}


def _base(data: dict) -> Case:
    b = data["base"]
    return (
        b["source"],
        b["target"],
        [frozenset(s) for s in b["source_anchors"]],
        [frozenset(s) for s in b["target_anchors"]],
    )


def _random_case(rng: random.Random, n_max: int, length_max: int, tokens: str) -> Case:
    """Short lists of small lengths and anchors from a tiny alphabet: many exact cost ties."""
    n, m = rng.randint(0, n_max), rng.randint(0, n_max)
    src = [rng.randint(0, length_max) for _ in range(n)]
    tgt = [rng.randint(0, length_max) for _ in range(m)]
    if not tokens or rng.random() < 0.3:
        return src, tgt, None, None
    pick = lambda: frozenset(t for t in tokens if rng.random() < 0.3)  # noqa: E731
    return src, tgt, [pick() for _ in src], [pick() for _ in tgt]


def _cases(base: Case) -> Iterator[tuple[str, Case, int | None]]:
    """Every (name, case, band) the golden file records."""
    src, tgt, sa, ta = base
    for name, size, seed, edits in EDITS:
        prefix = (src[:size], tgt[:size], sa[:size], ta[:size])
        edited = perturb(prefix, seed, edits)
        yield f"{name}-{size}", edited, None
        yield f"{name}-{size}-no-anchors", (edited[0], edited[1], None, None), None
        # The same edits on the source side: paragraphs added to / missing from the draft.
        s2, t2, sa2, ta2 = perturb((tgt[:size], src[:size], ta[:size], sa[:size]), seed, edits)
        yield f"{name}-{size}-source-side", (t2, s2, ta2, sa2), None
    for band in (1, 2, 5):
        yield f"faithful-200-band-{band}", (src[:200], tgt[:200], sa[:200], ta[:200]), band
    rng = random.Random(5)
    for k in range(40):
        yield f"random-medium-{k}", _random_case(rng, 120, 400, "abcdefgh"), None
    for k in range(600):
        yield f"random-small-{k}", _random_case(rng, 8, 6, "abc"), rng.choice([None, 1, 2])


def _dump(data: dict) -> str:
    """JSON with one line per input list and per case, so a regenerated file diffs by case."""
    lines = [
        f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}" for k, v in data["base"].items()
    ]
    cases = [f"{json.dumps(k)}:{json.dumps(v)}" for k, v in data["beads"].items()]
    return '{"base":{\n' + ",\n".join(lines) + '\n},\n"beads":{\n' + ",\n".join(cases) + "\n}}\n"


def _run(fn, case: Case, band: int | None) -> list[Bead]:
    src, tgt, sa, ta = case
    return fn(src, tgt, band, source_anchors=sa, target_anchors=ta)


@pytest.fixture(scope="module")
def golden() -> dict:
    if REGEN:
        data = {"base": _renamed(benchmark_input())}
        base = _base(data)
        data["beads"] = {name: _encode(_run(align, c, b)) for name, c, b in _cases(base)}
        GOLDEN.write_text(_dump(data), "utf-8")
    return json.loads(GOLDEN.read_text("utf-8"))


def test_golden_beads_unchanged(golden: dict) -> None:
    cases = list(_cases(_base(golden)))
    assert {name for name, _, _ in cases} == set(golden["beads"])
    for name, case, band in cases:
        assert _run(align, case, band) == _decode(golden["beads"][name]), name


def test_benchmark_pair_is_one_to_one(golden: dict) -> None:
    # The benchmark draft translates its source paragraph by paragraph.
    n = len(golden["base"]["source"])
    assert golden["beads"]["faithful-1000"] == " ".join(["11"] * n)


def test_matches_baseline_on_fresh_random_inputs() -> None:
    # Beyond the recorded cases: inputs the golden file has never seen, against the old code.
    rng = random.Random(20240607)
    for _ in range(300):
        case, band = _random_case(rng, 10, 8, "abcd"), rng.choice([None, 1, 2, 3])
        assert _run(align, case, band) == _run(baseline_align, case, band), case


def test_baseline_still_reproduces_the_golden_file(golden: dict) -> None:
    # The oracle above is only as good as its faithfulness to the recorded beads.
    for name, case, band in _cases(_base(golden)):
        if name.startswith("random-"):
            assert _run(baseline_align, case, band) == _decode(golden["beads"][name]), name


_sizes = st.lists(st.integers(0, 12), max_size=9)
_sets = st.frozensets(st.sampled_from("abcde"), max_size=3)


@settings(max_examples=300, deadline=None)
@given(
    src=_sizes,
    tgt=_sizes,
    anchors=st.booleans(),
    band=st.none() | st.integers(1, 4),
    data=st.data(),
)
def test_matches_baseline_property(src, tgt, anchors, band, data) -> None:
    sa = ta = None
    if anchors:
        sa = data.draw(st.lists(_sets, min_size=len(src), max_size=len(src)))
        ta = data.draw(st.lists(_sets, min_size=len(tgt), max_size=len(tgt)))
    case = (src, tgt, sa, ta)
    assert _run(align, case, band) == _run(baseline_align, case, band)


def test_negative_length_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        align([3, -1], [4, 5])
