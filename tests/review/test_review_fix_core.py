"""fix_document and its edit algebra: composition, offset mapping, outside-span, idempotence."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import LoadOptions, apply_edits, load_document
from yiwen.models import Fix
from yiwen.review.fix import apply_to_document, choose_fixes, compose, fix_document, map_offsets

CHECKER = make_checker(Config())


def load(text: str, name: str = "draft.txt", encoding: str = "utf-8"):
    return load_document(name, LoadOptions(), data=text.encode(encoding))


# --- edit algebra ----------------------------------------------------------------------------


@st.composite
def edits_over(draw, text: str, alphabet: str = "xyz ") -> list[Fix]:
    """Random non-overlapping edits over `text` (insertions, deletions, replacements)."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    out, pos = [], 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < pos or (out and a == out[-1].offset):
            continue
        out.append(Fix(a, b - a, draw(st.text(alphabet, max_size=4)), "X1"))
        pos = b
    return out


@given(st.data(), st.text("abc \n", max_size=30))
def test_compose_equals_applying_rounds_in_turn(data, text):
    first = data.draw(edits_over(text))
    middle = apply_edits(text, first)
    second = data.draw(edits_over(middle))
    composed = compose(first, second, middle)
    assert apply_edits(text, composed) == apply_edits(middle, second)
    spans = sorted((e.offset, e.end) for e in composed)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "overlap"


@given(st.data(), st.text("ab\n", max_size=20))
def test_map_offsets_tracks_unchanged_text(data, text):
    edits = sorted(data.draw(edits_over(text)), key=lambda e: (e.offset, e.length))
    new = apply_edits(text, edits)
    for p in range(len(text) + 1):
        inside = any(e.offset < p < e.end for e in edits)
        (s,) = map_offsets(edits, [p], end_side=False)
        (t,) = map_offsets(edits, [p], end_side=True)
        assert s <= t
        if not inside and not any(e.offset == p or e.end == p for e in edits):
            assert s == t
            assert new[s:] == apply_edits(text[p:], [_shift(e, -p) for e in edits if e.offset >= p])


def _shift(e: Fix, by: int) -> Fix:
    return Fix(e.offset + by, e.length, e.replacement, e.code)


def test_choose_fixes_never_overlaps_and_orders_by_offset_then_code():
    doc = load("We saw the the the ward and and the lab.\n")
    findings = CHECKER.check_document(doc)
    chosen = choose_fixes(findings)
    assert [f.offset for f in chosen] == sorted(f.offset for f in chosen)
    for a, b in itertools.pairwise(chosen):
        assert a.end <= b.offset


def test_apply_to_document_moves_paragraphs():
    doc = load("One the the two.\n\nThree four.\n")
    new = apply_to_document(doc, [Fix(4, 7, "the")])
    assert new.text == "One the two.\n\nThree four.\n"
    assert [new.text[p.start : p.end] for p in new.paragraphs] == ["One the two.", "Three four."]
    assert len(new.prose) == len(new.text)


# --- fix_document ----------------------------------------------------------------------------


def test_triple_word_needs_two_rounds_and_edits_are_over_the_original():
    doc = load("Bring the the the experience.\n")
    r = fix_document(doc, CHECKER)
    assert r.new_text == "Bring the experience.\n"
    assert r.rounds == 2
    assert r.applied["E001"] == 2
    assert apply_edits(doc.text, r.edits) == r.new_text
    assert len(r.edits) == 1  # round two's edit touched round one's, so they merged
    assert r.remaining == []


def test_max_rounds_bounds_the_work():
    doc = load("Bring the the the the the experience.\n")
    r = fix_document(doc, CHECKER, max_rounds=1)
    assert r.rounds == 1
    assert "the the" in r.new_text
    assert any(f.code == "E001" for f in r.remaining)


def test_masked_code_is_left_alone_in_markdown():
    doc = load("Text with `the the` code and the the words.\n", "a.md")
    r = fix_document(doc, CHECKER)
    assert r.new_text == "Text with `the the` code and the words.\n"


class Recorder:
    """Wrap a checker and keep every round's text and findings."""

    def __init__(self, inner):
        self.inner, self.rounds = inner, []

    def check_document(self, doc):
        findings = self.inner.check_document(doc)
        self.rounds.append((doc.text, findings))
        return findings


# A tiny vocabulary so doubled words happen often, plus shapes other rules fix: a missing
# space after an honorific, Chinese punctuation, double spaces, "a" before a vowel, ordinals.
WORDS = [
    "the",
    "The",
    "and",
    "a",
    "ward",
    "team",
    "doctor",
    "had",
    "is",
    "Wang",
    "new",
    "Dr.Wang",
    "，",
    "  ",
    "apple",
    "21th",
    "hospital,",
    "(",
    ")",
    "Dr,",
    "“",
    '"',
    ".",
]
ZH = ["医院", "今天", "举行", "会议", ",", "，", "。", " ", "专家", "CT", "!", "《", "》"]


@st.composite
def drafts(draw) -> str:
    """Small English drafts from a tiny vocabulary, so doubled words happen often."""
    paras = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
        seps = [draw(st.sampled_from([" ", " ", " ", "\n", "  ", ' "'])) for _ in words]
        body = "".join(w + s for w, s in zip(words, seps, strict=True)).rstrip(' "\n')
        if draw(st.booleans()):
            body += " see https://example.org/the/the page"
        paras.append(body + draw(st.sampled_from([".", "!", ""])))
        if draw(st.booleans()):
            zh = draw(st.lists(st.sampled_from(ZH), min_size=2, max_size=12))
            paras.append("".join(zh) + "。")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (newline * 2).join(paras).replace("\n", newline) + newline


def _only_spans_changed(before: str, after: str, spans: list[tuple[int, int]]) -> bool:
    """True when `after` is `before` with only the text inside `spans` replaced.

    The text outside the (merged) spans must appear in `after` in order and unchanged, and
    nothing else may be added between those pieces except where a span was.
    """
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    pattern, pos = [], 0
    for a, b in merged:
        pattern.append(re.escape(before[pos:a]) + "(.*?)")
        pos = b
    pattern.append(re.escape(before[pos:]))
    return re.fullmatch("".join(pattern), after, re.S) is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts(), st.sampled_from(["draft.txt", "draft.md"]))
def test_fix_changes_only_finding_spans_and_is_idempotent(text, name):
    assume(text.strip())  # a blank file is refused on loading ("file is empty"), by design
    doc = load(text, name)
    rec = Recorder(CHECKER)
    r = fix_document(doc, rec)
    assert apply_edits(doc.text, r.edits) == r.new_text
    # Each round changes text only inside the spans of findings that round reported.
    for (before, findings), (after, _) in zip(rec.rounds, rec.rounds[1:], strict=False):
        spans = [(f.offset, f.end) for f in findings if f.replacements]
        assert _only_spans_changed(before, after, spans), (before, after, spans)
    # Line endings kept: a CRLF file gains no bare LF (a fix may join two lines, though).
    if "\r\n" in text:
        assert r.new_text.count("\n") == r.new_text.count("\r\n")
    # Idempotent: fixing the fixed file (loaded afresh) changes nothing.
    again = fix_document(load(r.new_text, name), CHECKER)
    assert again.edits == []
    assert again.new_text == r.new_text
    assert not any(f.code == "E001" and f.replacements for f in r.remaining if _fixable(f))


def _fixable(f) -> bool:
    return f.applicability.value == "safe"


def test_only_spans_changed_detects_a_change_outside():
    assert _only_spans_changed("ab the the cd", "ab the cd", [(3, 10)])
    assert not _only_spans_changed("ab the the cd", "xb the cd", [(3, 10)])
