"""`yiwen diff` and the diff core: alignment, stats by hand, goldens, HTML safety, exit codes.

Goldens live in tests/data/review/. Regenerate them deliberately with
`YIWEN_REGEN_GOLDENS=1 python -m pytest tests/review/test_review_diff.py` and review the change.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yiwen.models import Language
from yiwen.review.diff import align, diff_paragraph, diff_stats, diff_texts, tokenize

DATA = Path(__file__).resolve().parents[1] / "data" / "review"
REGEN = bool(os.environ.get("YIWEN_REGEN_GOLDENS"))


def golden(name: str, actual: str) -> None:
    path = DATA / name
    if REGEN:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"golden {name} differs"


@pytest.fixture
def in_data(cli, monkeypatch):
    """Run the CLI from tests/data/review with a fixed width, so goldens are stable."""

    def run(*args, **kw):
        monkeypatch.chdir(DATA)
        monkeypatch.setenv("COLUMNS", "100")
        return cli(*args, **kw)

    return run


# --- core ------------------------------------------------------------------------------------


def test_tokens_join_back_exactly():
    for text in ["  Dr. Li's  ward,\nnew-built! ", "医院今天举行 CT 会议。", ""]:
        assert "".join(tokenize(text)) == text


def test_stats_hand_computed_english():
    # old: the cat sat on the mat (6 words) -> new: the cat sat on a red mat (7 words)
    # "the" -> "a" is one substitution, "red" one insertion; 5 unchanged.
    s = diff_stats(diff_texts("the cat sat on the mat", "the cat sat on a red mat"))
    assert (s.unit, s.old_tokens, s.new_tokens) == ("words", 6, 7)
    assert (s.inserted, s.deleted, s.substituted) == (1, 0, 1)
    assert s.percent_changed == round(100 * 2 / 7, 2)  # 2 changed of 7 aligned positions
    assert s.ter == round(100 * 2 / 7, 2)  # TER: 2 edits / 7 reference words


def test_stats_hand_computed_chinese_characters():
    # 医院开了新病房。(8) -> 医院开设了新的病房。(10): 设, 的 inserted.
    s = diff_stats(diff_texts("医院开了新病房。", "医院开设了新的病房。", Language.ZH))
    assert (s.unit, s.old_tokens, s.new_tokens) == ("characters", 8, 10)
    assert (s.inserted, s.deleted, s.substituted) == (2, 0, 0)
    assert s.ter == 20.0  # 2 insertions / 10 reference characters


def test_stats_deletion_and_spacing_only():
    s = diff_stats(diff_texts("We  saw the ward today.", "We saw the ward."))
    assert (s.inserted, s.deleted, s.substituted) == (0, 1, 0)  # "today"; the spaces don't count


def test_inserted_paragraph_does_not_smear():
    old = "Alpha one two.\n\nBravo three four.\n\nCharlie five six.\n"
    new = "Alpha one two.\n\nA new paragraph here.\n\nBravo three four.\n\nCharlie five six.\n"
    d = diff_texts(old, new)
    assert [p.tag for p in d.paragraphs] == ["equal", "insert", "equal", "equal"]


def test_moved_paragraph_is_one_block_each_side_and_not_counted_as_edits():
    old = "First para text.\n\nSecond para text.\n\nThird para text.\n"
    new = "Second para text.\n\nThird para text.\n\nFirst para text.\n"
    d = diff_texts(old, new)
    moved = [p for p in d.paragraphs if p.moved]
    assert len(moved) == 2 and {p.tag for p in moved} == {"insert", "delete"}
    s = diff_stats(d)
    assert (s.inserted, s.deleted, s.moved) == (0, 0, 4)


def test_edited_paragraphs_pair_up_by_similarity():
    old = "The ward opened on Monday.\n\nIt has forty beds.\n"
    new = "A short new intro.\n\nThe ward opened on Tuesday.\n\nIt has fifty beds.\n"
    tags = [(p.tag, p.old_index, p.new_index) for p in diff_texts(old, new).paragraphs]
    assert tags == [("insert", None, 0), ("replace", 0, 1), ("replace", 1, 2)]


def test_word_ops():
    ops = diff_paragraph("on Monday, with twelve rooms", "on Tuesday, with twelve rooms")
    assert [(o.tag, o.old.strip(), o.new.strip()) for o in ops if o.tag != "equal"] == [
        ("replace", "Monday", "Tuesday")
    ]


# --- command ---------------------------------------------------------------------------------


def test_unified_golden_and_exit_1(in_data):
    r = in_data("diff", "old.md", "new.md")
    assert r.exit_code == 1
    golden("unified.txt", r.stdout)


def test_side_by_side_golden(in_data):
    r = in_data("diff", "old.md", "new.md", "--side-by-side")
    assert r.exit_code == 1
    golden("side-by-side.txt", r.stdout)


def test_chinese_side_by_side_and_stats_golden(in_data):
    r = in_data("diff", "old-zh.txt", "new-zh.txt", "--side-by-side", "--stats")
    assert r.exit_code == 1
    golden("side-by-side-zh.txt", r.stdout)
    assert "characters before" in r.stdout


def test_html_golden(in_data, tmp_path):
    out = tmp_path / "diff.html"
    r = in_data("diff", "old.md", "new.md", "--html", out, "--stats")
    assert r.exit_code == 1
    golden("diff.html", out.read_text(encoding="utf-8"))


def test_identical_exits_0(in_data):
    r = in_data("diff", "old.md", "old.md")
    assert r.exit_code == 0
    assert "identical" in r.stdout


def test_missing_file_exits_2(in_data):
    r = in_data("diff", "old.md", "nope.md")
    assert r.exit_code == 2
    assert "nope.md: no such file" in r.stderr


def test_empty_old_file_is_all_inserted(cli, tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A new article.\n", encoding="utf-8")
    r = cli("diff", tmp_path / "a.txt", tmp_path / "b.txt", "--stats")
    assert r.exit_code == 1
    assert "+ {+A new article.+}" in r.stdout


def test_gb18030_against_utf8_same_text_is_identical(cli, tmp_path):
    text = "上海市第一人民医院举行国际交流会议，来自各地的专家参加了会议。\n"
    (tmp_path / "a.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-8"))
    assert cli("diff", tmp_path / "a.txt", tmp_path / "b.txt").exit_code == 0


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_parses_and_escapes_article_text(cli, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("Safe paragraph.\n\nOld text & more.\n", encoding="utf-8")
    b.write_text(
        'Safe paragraph.\n\nNew <script>alert(1)</script> text & "more".\n\n<img src=x onerror=alert(2)>\n',
        encoding="utf-8",
    )
    out = tmp_path / "d.html"
    assert cli("diff", a, b, "--html", out).exit_code == 1
    page = out.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    parser.close()
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    joined = "".join(parser.text)
    assert "<script>alert(1)</script>" in joined  # shown to the reader as text
    assert "http" not in page.replace("http-equiv", "")  # no network resources


@given(
    st.lists(st.sampled_from("abcdefg"), max_size=14),
    st.lists(st.sampled_from("abcdefg"), max_size=14),
)
def test_align_covers_both_sequences_and_equal_means_equal(a, b):
    ra, rb = [], []
    for tag, i1, i2, j1, j2 in align(a, b):
        ra += a[i1:i2]
        rb += b[j1:j2]
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
    assert (ra, rb) == (a, b)


@given(st.text("ab .\n", max_size=40), st.text("ab .\n", max_size=40))
def test_diff_ops_rebuild_both_texts(old, new):
    d = diff_texts(old, new)
    for p in d.paragraphs:
        if p.tag == "replace":
            assert "".join(o.old for o in p.ops) == p.old
            assert "".join(o.new for o in p.ops) == p.new
    assert d.identical == (old == new)
