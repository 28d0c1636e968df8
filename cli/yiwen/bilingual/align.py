"""Length-based alignment (Gale & Church 1993) of source and draft paragraphs or sentences.

Each side is a list of lengths; the result is a list of beads, each pairing 0–2 source items
with 0–2 draft items (1-1, 1-0, 0-1, 2-1, 1-2, 2-2). Lengths are compared after scaling by the
ratio of the two texts' total lengths, so Chinese characters and English letters align without
a fixed constant. The dynamic programme is limited to a band around the diagonal, which keeps a
1,000-paragraph article linear in practice.

Speed: the programme skips the moves that cannot win a cell (see `_banded`) instead of scoring
all six, which gives bit-identical costs, tie-breaks and beads (tests/bilingual/
test_bilingual_align_golden.py holds the beads recorded before; benchmarks/align_bench.py keeps
the plain programme as its baseline).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import repeat
from operator import mul, sub, truediv

# Prior probabilities of each bead shape (Gale & Church, Table 5).
# Omissions are raised from 0.0099 to 0.02 (a dropped paragraph is the error we hunt) and 2-2
# beads lowered from 0.011: with anchors, a 2-2 bead mostly hides one omission plus one addition.
_PRIORS = {
    (1, 1): 0.87,
    (1, 0): 0.02 / 2,
    (0, 1): 0.02 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.002,
}
# Weight of anchor disagreement (numbers, names, terms found on one side and not the other).
_ANCHOR_WEIGHT = 6.0
_COST = {shape: -math.log(p) for shape, p in _PRIORS.items()}
# Variance of the length difference per unit of length; zh-en varies more than the
# European pairs Gale & Church measured (6.8), so the distribution is widened.
_VARIANCE = 9.0


@dataclass(frozen=True)
class Bead:
    """One aligned group: source indexes and draft indexes (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]


# The moves in tie-break order (of equally cheap moves into a cell, the first listed wins);
# a move's code in the back-pointer rows is its index here.
_MOVES = list(_COST)
_P11, _P10, _P01, _P21, _P12, _P22 = (_COST[shape] for shape in _MOVES)
_SQRT2 = math.sqrt(2)
# Lower bounds of the length cost -log(erfc(|delta| / sqrt 2)), indexed by the whole part of
# d² / (l1 + x + 2) (d = x - l1): that is at most delta² * _VARIANCE / 2, because
# max((l1 + x) / 2, 1) <= (l1 + x + 2) / 2, and needs no max() or sqrt(). Entry q is the cost
# at delta² = q * 2 / _VARIANCE less a margin far above rounding error; the cost grows with
# |delta|, so a move's entry never exceeds its cost. The last entry (delta² = 64, a cost of
# about 34) stands for everything beyond.
_FLOOR = [
    max(0.0, -math.log(math.erfc(math.sqrt(q * 2 / _VARIANCE) / _SQRT2)) - 1e-9)
    for q in range(int(64 * _VARIANCE / 2) + 1)
]


def _match_cost(l1: float, l2: float, ratio: float) -> float:
    """Return the cost of pairing lengths l1 and l2: -log of the chance of so large a gap.

    The reference formula: `_banded` computes the very same operations inline.
    """
    if l1 == 0 and l2 == 0:
        return 0.0
    mean = (l1 + l2 / ratio) / 2
    delta = (l2 / ratio - l1) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    # Two-tailed probability of a difference at least this large under a normal distribution.
    p = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(p, 1e-300))


def _anchor_cost(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """Return the cost of anchor disagreement (the reference formula, inline in `_banded`)."""
    union = a | b
    return _ANCHOR_WEIGHT * len(a ^ b) / len(union) if union else 0.0


# _FLOOR as a dict, padded with its last entry: a float equal to an int finds the int's key,
# so a move's index d² // (l1 + x + 2) needs no int() call. Built once and never changed (safe
# to share between threads); an alignment that needs more keys gets its own larger copy.
_FLOOR_MAP = dict(enumerate(_FLOOR + [_FLOOR[-1]] * ((1 << 11) - len(_FLOOR))))


def _floor_map(reach: int) -> dict[int, float]:
    """Return _FLOOR as a dict with every index below `reach`."""
    if reach <= len(_FLOOR_MAP):
        return _FLOOR_MAP
    return {**_FLOOR_MAP, **dict.fromkeys(range(len(_FLOOR_MAP), reach), _FLOOR[-1])}


def _anchor_row(size: int) -> list[float]:
    """Return _anchor_cost for two sets whose sizes add up to `size`, by their intersection."""
    # |a | b| = size - shared and |a ^ b| = size - 2 * shared, computed as _anchor_cost does.
    return [
        _ANCHOR_WEIGHT * (size - 2 * shared) / (size - shared) if size else 0.0
        for shared in range(size // 2 + 1)
    ]


# _anchor_cost by (|a| + |b|, |a & b|), built once like _FLOOR_MAP.
_ANCHOR_TABLE = [_anchor_row(size) for size in range(65)]


def _anchor_table(total: int) -> list[list[float]]:
    """Return _ANCHOR_TABLE, or a longer copy, covering sets whose sizes add up to `total`."""
    if total < len(_ANCHOR_TABLE):
        return _ANCHOR_TABLE
    return _ANCHOR_TABLE + [_anchor_row(size) for size in range(len(_ANCHOR_TABLE), total + 1)]


def align(
    source: list[int],
    target: list[int],
    band: int | None = None,
    source_anchors: list[frozenset[Hashable]] | None = None,
    target_anchors: list[frozenset[Hashable]] | None = None,
) -> list[Bead]:
    """Align two lists of segment lengths; return beads in order covering every index once.

    Anchors are language-neutral tokens of each segment (a number's value, a glossary entry's
    key): a bead whose two sides share them is cheaper, one where they differ dearer, which
    lets a dropped paragraph show up as an omission instead of a merge.
    """
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    if min(source) < 0 or min(target) < 0:  # the length cost's lower bounds assume >= 0
        raise ValueError("segment lengths must not be negative")
    if source_anchors is None or target_anchors is None:
        source_anchors = target_anchors = None
    # Start with a narrow band; if the best path runs along its edge, the true path may lie
    # outside it, so widen and align again (most drafts follow the source closely).
    width = band if band is not None else 3 + abs(n - m)
    while True:
        path = _banded(source, target, width, source_anchors, target_anchors)
        if path is not None and (width >= max(n, m) or not path[1]):
            return path[0]
        width = min(max(n, m), max(width * 4, 1))


def _banded(
    source: list[int],
    target: list[int],
    width: int,
    source_anchors: list[frozenset[Hashable]] | None,
    target_anchors: list[frozenset[Hashable]] | None,
) -> tuple[list[Bead], bool] | None:
    """Return the band's cheapest path and whether it nears the edge; None if (n, m) is outside.

    The path comes near the edge when one of its cells is within one cell of the band's edge.

    Each cell takes the cheapest of six moves into it: 1-0 and 0-1 cost their prior; the four
    that pair segments add a length cost (_match_cost) and an anchor cost (_anchor_cost), both
    >= 0. So a pairing move is scored only while it can still win: first its predecessor's cost
    plus prior, then plus a lower bound of the length cost (_FLOOR), then plus the anchor cost,
    and only then erfc and log. Survivors are summed exactly as the reference formulas do, in
    the same order, so every cost and tie-break is bit for bit that of the plain programme.
    The four pairing moves are written out because a call per move costs more than the cell.
    """
    n, m = len(source), len(target)
    ratio = max(sum(target), 1) / max(sum(source), 1)
    ps = [0, *itertools.accumulate(source)]
    pt = [0, *itertools.accumulate(target)]
    # Per draft index j: the lengths of the runs of one and of two draft segments ending
    # before j, divided by the ratio as _match_cost divides them (index 0, and 1 for two,
    # unused).
    x1s = [0.0, *map(truediv, map(sub, pt[1:], pt), repeat(ratio))]
    x2s = [0.0, 0.0, *map(truediv, map(sub, pt[2:], pt), repeat(ratio))]
    none: frozenset[Hashable] = frozenset()
    sa1 = [none, *source_anchors] if source_anchors is not None else [none] * (n + 1)
    # The anchors of those runs by k = j + 2, the index of cell j in a row of costs (unions of
    # two built when first needed), and the sizes of the single ones.
    ta1 = [none, none, none, *target_anchors] if target_anchors is not None else [none] * (m + 3)
    tn1 = list(map(len, ta1))
    # Anchor cost by (size of one side + size of the other, size of their intersection).
    anchor = _anchor_table(2 * max(map(len, sa1)) + 2 * max(tn1))
    ta2: list[frozenset[Hashable] | None] = [None] * (m + 3)
    p11, p10, p01, p21, p12, p22 = _P11, _P10, _P01, _P21, _P12, _P22
    # d² / (l1 + x + 2) < l1 + x, and a run of two is at most twice the longest segment:
    # extended that far, _FLOOR needs no bounds check.
    reach = int(2 * max(source) + 2 * max(target) / ratio) + 3
    floor = _floor_map(reach)
    erfc, log, sqrt, sqrt2, var = math.erfc, math.log, math.sqrt, _SQRT2, _VARIANCE
    inf = float("inf")
    # Three rolling rows of costs (rows i, i - 1, i - 2 in cur, up, up2), cell j at index
    # j + 2 so that j - 2 stays in the row; cells outside the band stay infinite (unreachable).
    # Row 0 has 0-1 moves only.
    hi = min(m, width + 1)
    up, up2 = [inf] * (m + 3), [inf] * (m + 3)
    cur = [inf, inf, *itertools.accumulate([p01] * hi, initial=0.0)] + [inf] * (m - hi)
    back = [(0, bytearray([0] + [2] * hi))]
    span, span1, span2 = (0, hi), (0, -1), (0, -1)  # the bands of the rows in cur, up, up2
    # Per row i: int(i * m / n), the centre of its band, and the lengths of the source runs
    # of one and two segments ending before i.
    centres = map(int, map(truediv, map(mul, range(1, n + 1), repeat(m)), repeat(n)))
    s2s = [0, *map(sub, ps[2:], ps)]
    for i, centre, s1, s2, a1 in zip(
        range(1, n + 1), centres, map(sub, ps[1:], ps), s2s, sa1[1:], strict=True
    ):
        up2, up, cur = up, cur, up2
        old_lo, old_hi = span2  # cur held row i - 3: make its cells unreachable again
        cur[old_lo + 2 : old_hi + 3] = [inf] * (old_hi - old_lo + 1)
        lo = centre - width
        if lo < 0:
            lo = 0
        hi = centre + width + 1
        if hi > m:
            hi = m
        span2, span1, span = span1, span, (lo, hi)
        s1p, s2p = s1 + 2, s2 + 2
        n1 = len(a1)
        a2: frozenset[Hashable] | None = None
        n2 = 0
        moves = bytearray()
        base = lo + 2
        best = inf  # the cell to the left, (i, j - 1): outside the band at j = lo
        # Each cell's predecessors: u0, u1, u2 = (i-1, j), (i-1, j-1), (i-1, j-2) and w1, w2 =
        # (i-2, j-1), (i-2, j-2), read in step with the draft runs of one and two ending
        # before j; the cell to the right finds u1, u2 and w2 in this cell's u0, u1 and w1.
        u1, u2, w2 = up[base - 1], up[base - 2], up2[base - 2]
        k = base - 1
        for u0, w1, x1, x2 in zip(
            up[base : hi + 3],
            up2[base - 1 : hi + 2],
            x1s[lo : hi + 1],
            x2s[lo : hi + 1],
            strict=True,
        ):
            k += 1
            c = best + p01
            best, move = u0 + p10, 1
            if c < best:
                best, move = c, 2
            # 1-1: first in _MOVES, so it wins a tie with 1-0 and 0-1 (<=, not <).
            a = u1 + p11
            if a <= best:
                d = x1 - s1
                lb = a + floor[d * d // (s1p + x1)]
                if lb <= best:
                    g = anchor[n1 + tn1[k]][len(a1 & ta1[k])]
                    if lb + g <= best:
                        if s1 or x1:
                            v = (s1 + x1) / 2
                            v = (v if v > 1.0 else 1.0) * var
                            p = erfc(abs(d / sqrt(v)) / sqrt2)
                            a -= log(p if p > 1e-300 else 1e-300)
                        a += g
                        if a <= best:
                            best, move = a, 0
            # 2-1
            a = w1 + p21
            if a < best:
                d = x1 - s2
                lb = a + floor[d * d // (s2p + x1)]
                if lb < best:
                    if a2 is None:
                        a2 = sa1[i - 1] | a1
                        n2 = len(a2)
                    g = anchor[n2 + tn1[k]][len(a2 & ta1[k])]
                    if lb + g < best:
                        if s2 or x1:
                            v = (s2 + x1) / 2
                            v = (v if v > 1.0 else 1.0) * var
                            p = erfc(abs(d / sqrt(v)) / sqrt2)
                            a -= log(p if p > 1e-300 else 1e-300)
                        a += g
                        if a < best:
                            best, move = a, 3
            # 1-2
            a = u2 + p12
            if a < best:
                d = x2 - s1
                lb = a + floor[d * d // (s1p + x2)]
                if lb < best:
                    b = ta2[k]
                    if b is None:
                        b = ta2[k] = ta1[k - 1] | ta1[k]
                    g = anchor[n1 + len(b)][len(a1 & b)]
                    if lb + g < best:
                        if s1 or x2:
                            v = (s1 + x2) / 2
                            v = (v if v > 1.0 else 1.0) * var
                            p = erfc(abs(d / sqrt(v)) / sqrt2)
                            a -= log(p if p > 1e-300 else 1e-300)
                        a += g
                        if a < best:
                            best, move = a, 4
            # 2-2
            a = w2 + p22
            if a < best:
                d = x2 - s2
                lb = a + floor[d * d // (s2p + x2)]
                if lb < best:
                    if a2 is None:
                        a2 = sa1[i - 1] | a1
                        n2 = len(a2)
                    b = ta2[k]
                    if b is None:
                        b = ta2[k] = ta1[k - 1] | ta1[k]
                    g = anchor[n2 + len(b)][len(a2 & b)]
                    if lb + g < best:
                        if s2 or x2:
                            v = (s2 + x2) / 2
                            v = (v if v > 1.0 else 1.0) * var
                            p = erfc(abs(d / sqrt(v)) / sqrt2)
                            a -= log(p if p > 1e-300 else 1e-300)
                        a += g
                        if a < best:
                            best, move = a, 5
            cur[k] = best
            moves.append(move)
            u2, u1, w2 = u1, u0, w1
        back.append((lo, moves))
    if cur[m + 2] == inf:  # cur holds row n
        return None
    beads: list[Bead] = []
    edge = False  # does the path come within one cell of the band's edge?
    i, j = n, m
    while i or j:
        lo, moves = back[i]
        move = moves[j - lo]
        if move:
            di, dj = _MOVES[move]
            beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        else:  # 1-1, by far the most common
            di = dj = 1
            beads.append(Bead((i - 1,), (j - 1,)))
        if abs(j - i * m / n) >= width - 1:
            edge = True
        i, j = i - di, j - dj
    beads.reverse()
    return beads, edge
