"""Chunking and UTF-16 offset mapping (no server needed)."""

from __future__ import annotations

from yiwen.document import LoadOptions, load_document
from yiwen.grammar.chunking import JOINER, make_chunks, split_span
from yiwen.grammar.offsets import OffsetMap, astral_positions, utf16_len
from yiwen.models import MASK


def _doc(text: str, name: str = "a.md"):
    return load_document(name, LoadOptions(), data=text.encode("utf-8"))


def _runs(chunk):
    """Yield (sent text, document offset) for every non-joiner run of a chunk."""
    m = chunk.offsets
    bounds = [*m.sent, len(chunk.text)]
    for i, origin in enumerate(m.origin):
        if origin >= 0:
            yield chunk.text[bounds[i] : bounds[i + 1]], origin


def test_utf16_counts_non_bmp_twice():
    assert utf16_len("a😀b𠀀") == 6
    assert astral_positions("a😀b𠀀c") == [1, 4]


def test_offset_map_skips_non_bmp_characters_before_a_match():
    text = "😀 𠀀 He go home."
    m = OffsetMap(sent=[0], origin=[100], astral=astral_positions(text))
    u16 = len(text[: text.index("go")].encode("utf-16-le")) // 2
    assert u16 == text.index("go") + 2  # LanguageTool's offset is two units further on
    assert m.span(u16, 2) == (100 + text.index("go"), 100 + text.index("go") + 2)


def test_offset_map_refuses_spans_on_a_joiner():
    m = OffsetMap(sent=[0, 5, 7], origin=[10, -1, 40])
    assert m.span(0, 5) == (10, 15)
    assert m.span(7, 3) == (40, 43)
    assert m.span(4, 2) is None  # ends on the joiner
    assert m.span(5, 1) is None


def test_chunks_map_every_character_back_exactly():
    text = (
        "# Heading 😀\n\nDr. Wang 𠀀 met the team at https://example.org/x today.\n\n"
        "王医生今天出诊。\n\nThe nurse said `code here` was fine.\n"
    )
    doc = _doc(text)
    chunks = make_chunks(doc, 2000)
    assert len(chunks) == 1
    sent = chunks[0].text
    assert "https" not in sent and "code here" not in sent  # masked, not sent
    assert "王医生" not in sent  # Chinese paragraphs are never sent
    for piece, origin in _runs(chunks[0]):
        assert doc.text[origin : origin + len(piece)] == piece
        assert MASK not in piece


def test_mixed_paragraph_sends_only_its_english_sentences():
    doc = _doc("张医生说：他很满意。He go to the clinic every week with the nurses of the ward.\n")
    assert doc.paragraphs[0].language.value == "mixed"
    chunks = make_chunks(doc, 2000)
    assert [c.text for c in chunks] == [
        "He go to the clinic every week with the nurses of the ward."
    ]
    assert _runs(chunks[0]).__next__()[1] == doc.text.index("He go")


def test_chunks_stay_under_the_limit_and_end_at_paragraph_ends():
    para = "The ward opened a new clinic for patients. " * 9  # ~390 characters
    doc = _doc("\n\n".join(para.strip() for _ in range(12)))
    chunks = make_chunks(doc, 1000)
    assert len(chunks) == 6  # two ~390-character paragraphs (plus a joiner) fit in 1,000
    for c in chunks:
        assert c.size <= 1000
        assert not c.text.startswith(JOINER) and not c.text.endswith(JOINER)
        assert all(p == para.strip() for p in c.text.split(JOINER))


def test_exactly_at_the_limit_is_one_chunk_and_one_more_is_two():
    a = "Alpha beta gamma delta."
    doc = _doc(f"{a}\n\n{a}")
    limit = 2 * len(a) + len(JOINER)
    assert len(make_chunks(doc, limit)) == 1
    assert len(make_chunks(doc, limit - 1)) == 2


def test_long_paragraph_cut_at_sentence_ends_then_whitespace():
    sentence = "Doctors in the new ward treated many patients this spring. "
    prose = sentence * 40
    spans = list(split_span(prose, 0, len(prose.rstrip()), 300))
    assert all(utf16_len(prose[s:e]) <= 300 for s, e in spans)
    assert all(prose[s:e].endswith("spring.") for s, e in spans)  # cut at sentence ends
    word_run = "word " * 200  # one "sentence" with no end: cut at whitespace
    spans = list(split_span(word_run, 0, len(word_run), 97))
    assert all(utf16_len(word_run[s:e]) <= 97 for s, e in spans)
    assert all(
        word_run[s:e].endswith("word") and word_run[s:e].startswith("word") for s, e in spans
    )
    assert "".join(word_run[s:e] + " " for s, e in spans) == word_run


def test_the_limit_counts_utf16_units():
    text = "😀" * 30  # 60 UTF-16 units
    spans = list(split_span(text, 0, len(text), 20))
    assert [e - s for s, e in spans] == [10, 10, 10]
