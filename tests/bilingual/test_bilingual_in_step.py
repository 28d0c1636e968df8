"""B005's shortcut for values in step: the same result as matching them one by one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiwen.bilingual.numbers import Quantity
from yiwen.rules import bilingual

_KINDS = ("number", "ordinal", "percent", "time", "date")
_PART = st.one_of(st.none(), st.integers(1, 3))


@st.composite
def _quantity(draw: st.DrawFn) -> Quantity:
    kind = draw(st.sampled_from(_KINDS))
    if kind == "date":
        value: tuple = tuple(draw(_PART) for _ in range(3))
    elif kind == "time":
        value = (draw(st.integers(1, 2)), 0)
    else:
        value = (draw(st.sampled_from([1, 2, 2.0, 3])),)
    start = draw(st.integers(0, 500))
    return Quantity(kind, value, start, start + 2, "x")


def _one_by_one(src: list[Quantity], tgt: list[Quantity]) -> tuple:
    """`_unmatched` with its shortcut switched off: each value searched for on its own."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(bilingual, "_in_step", lambda a, b: False)
        return bilingual._unmatched(src, tgt)


@settings(max_examples=300, deadline=None)
@given(st.lists(_quantity(), max_size=6), st.lists(_quantity(), max_size=6), st.booleans())
def test_the_shortcut_gives_what_matching_one_by_one_gives(src, tgt, twin) -> None:
    if twin:  # the same values in the same order, elsewhere in the text
        tgt = [q._replace(start=q.start + 1000, end=q.end + 1000) for q in src]
    assert bilingual._unmatched(src, tgt) == _one_by_one(src, tgt)


def test_values_in_step_take_the_shortcut_and_leave_nothing() -> None:
    src = [
        Quantity("date", (2023, 7, 21), 0, 9, "2023年7月21日"),
        Quantity("number", (90,), 12, 14, "90"),
    ]
    tgt = [
        Quantity("date", (2023, 7, 21), 3, 16, "July 21, 2023"),
        Quantity("number", (90,), 30, 32, "90"),
    ]
    assert bilingual._in_step(src, tgt)
    assert bilingual._unmatched(src, tgt) == ([], [])


def test_a_date_of_no_parts_is_not_in_step_with_itself() -> None:
    empty = [Quantity("date", (None, None, None), 0, 1, "x")]
    assert not bilingual._in_step(empty, list(empty))
