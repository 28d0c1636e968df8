"""B004's whole-word search gives what rf"\\b{word}\\b" gives, without compiling a pattern."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from yiwen.rules.bilingual import _has_word

_TEXT = st.text(alphabet="ab _.-'’WangLié1\u00a0", max_size=14)


@given(
    _TEXT,
    st.sampled_from(["Wang", "Li", "a", "Wang Li", "é1", "_a", "Li'"]),
    st.integers(0, 14),
    st.integers(0, 14),
)
def test_has_word_agrees_with_a_word_boundary_regex(text: str, word: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    expected = re.search(rf"\b{re.escape(word)}\b", text[start:end]) is not None
    assert _has_word(text, start, end, word) == expected


def test_has_word_examples() -> None:
    text = "Dr. Wang Lihua met Wang Li."
    assert _has_word(text, 0, len(text), "Wang Li")
    assert not _has_word(text, 0, 18, "Wang Li")  # only "Wang Lihua" in the first 18
    assert not _has_word("Wangs", 0, 5, "Wang")
