"""The surname anchors of a Chinese paragraph: every single and compound surname present."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yiwen.bilingual.pairing import _surname_patterns
from yiwen.glossary.surnames import COMPOUND, SINGLE

_PIECES = st.sampled_from([*COMPOUND, "的", "了", "医院", "王", "欧", "阳", "司", "马", "，"])


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_surname_scan_finds_what_a_search_for_each_finds(text: str) -> None:
    single, compound = _surname_patterns()
    expected = {r for zh, r in COMPOUND.items() if zh in text}
    expected |= {SINGLE[ch] for ch in text if ch in SINGLE}
    found = {COMPOUND[zh] for zh in compound.findall(text)}
    found |= {SINGLE[ch] for ch in set(single.findall(text))}
    assert found == expected


def test_overlapping_compound_surnames_are_both_found() -> None:
    _, compound = _surname_patterns()
    a = next(zh for zh in COMPOUND if any(o[0] == zh[-1] for o in COMPOUND))
    b = next(o for o in COMPOUND if o[0] == a[-1])
    assert {a, b} <= set(compound.findall(a + b[1:]))
