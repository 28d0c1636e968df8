"""The surname anchors of a Chinese paragraph: every single and compound surname present,
or every one the other side can have."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yiwen.bilingual.pairing import _surname_patterns
from yiwen.glossary.surnames import COMPOUND, SINGLE

_PIECES = st.sampled_from([*COMPOUND, "的", "了", "医院", "王", "欧", "阳", "司", "马", "，"])


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_surname_scan_finds_what_a_search_for_each_finds(text: str) -> None:
    single, compound = _surname_patterns(None)
    expected = {r for zh, r in COMPOUND.items() if zh in text}
    expected |= {SINGLE[ch] for ch in text if ch in SINGLE}
    found = {COMPOUND[zh] for zh in compound.findall(text)}
    found |= {SINGLE[ch] for ch in set(single.findall(text))}
    assert found == expected


@given(
    st.lists(_PIECES, max_size=12).map("".join),
    st.frozensets(st.sampled_from([*list(SINGLE.values())[:40], *COMPOUND.values()])),
)
def test_a_scan_for_some_surnames_finds_those_of_the_full_scan(text: str, families) -> None:
    single, compound = _surname_patterns(None)
    full = {SINGLE[ch] for ch in single.findall(text)} | {
        COMPOUND[zh] for zh in compound.findall(text)
    }
    some_single, some_compound = _surname_patterns(families)
    found = {SINGLE[ch] for ch in some_single.findall(text)} if some_single else set()
    if some_compound:
        found |= {COMPOUND[zh] for zh in some_compound.findall(text)}
    assert found == full & families


def test_overlapping_compound_surnames_are_both_found() -> None:
    _, compound = _surname_patterns(None)
    a = next(zh for zh in COMPOUND if any(o[0] == zh[-1] for o in COMPOUND))
    b = next(o for o in COMPOUND if o[0] == a[-1])
    assert {a, b} <= set(compound.findall(a + b[1:]))
