"""Packing, splitting and restoring, on their own."""

from __future__ import annotations

from yiwen.translate.protect import Span, missing_terms, restore
from yiwen.translate.segments import pack, split_text


def test_pack_respects_the_limit_and_order():
    texts = ["a" * 40, "b" * 40, "c" * 40, "d" * 90, "e" * 5]
    groups = pack(texts, 100, 1)
    assert groups == [[0, 1], [2], [3, 4]]
    for g in groups:
        assert sum(len(texts[i]) for i in g) + len(g) - 1 <= 100


def test_split_text_cuts_only_at_sentence_ends():
    text = "".join(f"第{i}句话说完了。" for i in range(30))
    pieces = split_text(text, 50, "zh")
    assert "".join(pieces) == text
    assert all(len(p) <= 50 and p.endswith("。") for p in pieces)
    en = " ".join(f"Sentence number {i} ends here." for i in range(20))
    pieces = split_text(en, 80, "en")
    assert " ".join(pieces) == en and all(p.endswith(".") for p in pieces)


def test_restore_spaces_terms_that_come_back_to_back():
    tokens = {
        1: Span(0, 3, "Shanghai General Hospital", "term"),
        2: Span(3, 5, "President", "term"),
        3: Span(5, 8, "Zheng Xingdong", "person"),
        4: Span(8, 10, "**", "markup"),
    }
    out, lost = restore("⟦1⟧⟦2⟧⟦ 3 ⟧said ⟦4⟧hello⟦4⟧.", tokens, "en")
    assert out == "Shanghai General Hospital President Zheng Xingdong said **hello**."
    assert lost == []
    out, lost = restore("the ⟦1⟧", tokens, "en")
    assert [s.target for s in lost] == ["President", "Zheng Xingdong", "**"]


def test_missing_terms_counts_occurrences():
    a = Span(0, 1, "Lin Xuemei", "person")
    b = Span(5, 6, "Lin Xuemei", "person")
    assert missing_terms("Lin Xuemei spoke.", [a, b]) == [a]
    assert missing_terms("Lin Xuemei and Lin Xuemei", [a, b]) == []
