"""Gale–Church alignment with anchors: inserted, deleted, split and merged paragraphs."""

from __future__ import annotations

import random

from yiwen.bilingual.align import Bead, align


def A(*tokens: str) -> frozenset[str]:
    return frozenset(tokens)


def test_one_to_one() -> None:
    beads = align([30, 40, 50, 20], [100, 130, 160, 60])
    assert beads == [Bead((i,), (i,)) for i in range(4)]


def test_deleted_paragraph_found_by_anchors() -> None:
    beads = align(
        [30, 40, 50, 20],
        [100, 160, 60],
        source_anchors=[A("n:1"), A("n:2", "d:3"), A("n:4"), A()],
        target_anchors=[A("n:1"), A("n:4"), A()],
    )
    assert Bead((1,), ()) in beads
    assert Bead((2,), (1,)) in beads


def test_inserted_paragraph() -> None:
    beads = align(
        [30, 40, 50],
        [100, 130, 90, 160],
        source_anchors=[A("a"), A("b"), A("c")],
        target_anchors=[A("a"), A("b"), A("x", "y"), A("c")],
    )
    assert Bead((), (2,)) in beads
    assert Bead((2,), (3,)) in beads


def test_split_paragraph_is_one_to_two() -> None:
    beads = align([30, 40, 20], [100, 60, 70, 65])
    assert Bead((1,), (1, 2)) in beads


def test_merged_paragraphs_are_two_to_one() -> None:
    beads = align([30, 20, 22, 40], [100, 140, 130])
    assert Bead((1, 2), (1,)) in beads


def test_every_index_covered_once_in_order() -> None:
    rng = random.Random(3)
    src = [rng.randint(10, 200) for _ in range(300)]
    tgt = [int(x * 3.1 * rng.uniform(0.7, 1.3)) for x in src]
    del tgt[100]
    tgt.insert(200, 250)
    beads = align(src, tgt)
    assert [i for b in beads for i in b.source] == list(range(len(src)))
    assert [j for b in beads for j in b.target] == list(range(len(tgt)))


def test_empty_sides() -> None:
    assert align([], [5]) == [Bead((), (0,))]
    assert align([5], []) == [Bead((0,), ())]
