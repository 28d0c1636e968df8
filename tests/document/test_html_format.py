"""Web pages: article body only, positions in the source, edits only inside text nodes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from yiwen.document import LoadOptions, WriteOptions, load_document, render_document
from yiwen.errors import InputError
from yiwen.models import MASK, Fix

DATA = Path(__file__).parent / "data"
HOSPITAL = DATA / "hospital-page.html"
WECHAT = DATA / "wechat-page.html"


def visible(doc) -> str:
    return doc.prose.replace(MASK, "")


def test_hospital_page_article_only():
    doc = load_document(str(HOSPITAL))
    text = visible(doc)
    assert doc.payload.source == "container"  # its <div class="article-body">
    assert "Surgeons from Riverside travel west" in text  # the <h1> title
    assert "minimally invasive" in text
    for furniture in ("Find a Doctor", "• News", "Plan Your Visit", "Home", "Copyright"):
        assert furniture not in text, furniture
    assert "Link of the original article" not in text
    assert "font-family" not in text and "var menu" not in text
    assert doc.paragraphs[0].kind == "heading"


def test_whole_page_checks_everything_but_code():
    doc = load_document(str(HOSPITAL), LoadOptions(whole_page=True))
    text = visible(doc)
    assert "Find a Doctor" in text and "Copyright" in text and "minimally invasive" in text
    assert "font-family" not in text and "var menu" not in text and "charset" not in text


def test_entities_and_tags_stay_masked():
    doc = load_document(str(HOSPITAL))
    src = doc.text
    amp = src.index("&amp;")
    assert doc.prose[amp : amp + 5] == MASK * 5
    bold = src.index("<b>")
    assert doc.prose[bold : bold + 3] == MASK * 3
    # indentation inside a text node is one collapsible space, not "two spaces"
    wrapped = src.index("invasive\n") + len("invasive\n")
    assert doc.prose[wrapped : wrapped + 4] == MASK * 4


def test_positions_are_in_the_original_file(cli):
    r = cli("check", "--format", "json", HOSPITAL)
    assert r.exit_code == 1
    (f,) = [f for f in json.loads(r.stdout)["files"][0]["findings"] if f["code"] == "E001"]
    lines = HOSPITAL.read_text(encoding="utf-8").splitlines()
    assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == "the the"
    assert HOSPITAL.read_text(encoding="utf-8")[f["offset"] :].startswith("the the")


def test_fix_changes_only_the_text_node():
    doc = load_document(str(HOSPITAL))
    start = doc.text.index("the the team")
    out = render_document(doc, [Fix(start, 7, "the")]).decode("utf-8")
    assert out == doc.text.replace("the the team", "the team", 1)


def test_no_edit_round_trip_is_identical():
    for page in (HOSPITAL, WECHAT):
        doc = load_document(str(page))
        assert render_document(doc, []) == page.read_bytes()


def test_edit_never_crosses_a_tag_or_entity():
    doc = load_document(str(HOSPITAL))
    src = doc.text
    tag = src.index("<b>")
    amp = src.index("&amp;")
    edits = [
        Fix(tag - 5, 10, "XXXXXXXXXX"),  # would rewrite "<b>"
        Fix(amp - 1, 3, " and"),  # would cut "&amp;" in half
    ]
    assert render_document(doc, edits) == HOSPITAL.read_bytes()


def test_replacement_is_escaped():
    doc = load_document(str(HOSPITAL))
    start = doc.text.index("four nurses")
    out = render_document(doc, [Fix(start, 4, "4 <5> & ")]).decode("utf-8")
    assert "4 &lt;5&gt; &amp;  nurses" in out


def test_edit_that_keeps_the_tag_is_narrowed():
    doc = load_document(str(HOSPITAL))
    src = doc.text
    start = src.index("first <b>day")
    old = src[start : start + len("first <b>day")]
    out = render_document(doc, [Fix(start, len(old), old.replace("first", "1st"))])
    assert "1st <b>day-surgery ward</b>" in out.decode("utf-8")


def test_wechat_page_recognised():
    doc = load_document(str(WECHAT))
    text = visible(doc)
    assert doc.payload.source == "wechat"
    assert "河畔医院医疗队出发支援县医院" in text and "林浩然表示" in text
    for furniture in ("点击上方蓝字关注我们", "分享", "阅读", "微信扫一扫", "河畔医院官方"):
        assert furniture not in text, furniture
    assert doc.language.value == "zh"


def test_wechat_finding_in_source_coordinates(cli, tmp_path):
    page = WECHAT.read_text(encoding="utf-8")
    page = page.replace("分享", "share the the page").replace(
        '<p><img data-src="https://mmbiz.qpic.cn/x.png" class="rich_pages"></p>',
        "<p>In English: the the team left on Monday.</p>",
    )
    p = tmp_path / "wechat.html"
    p.write_text(page, encoding="utf-8")
    r = cli("check", "--format", "json", p)
    findings = json.loads(r.stdout)["files"][0]["findings"]
    body = range(page[: page.index('id="js_content"')].count("\n") + 1, page.count("\n"))
    assert findings and all(f["line"] in body for f in findings)
    assert all(page[f["offset"] : f["offset"] + f["length"]] == f["text"] for f in findings)
    (e001,) = [f for f in findings if f["code"] == "E001"]
    assert "In English" in page.splitlines()[e001["line"] - 1]
    assert "share" not in page.splitlines()[e001["line"] - 1]


def test_gbk_page_with_meta_charset_round_trips(tmp_path):
    page = WECHAT.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    data = page.replace("\n", "\r\n").encode("gb18030")
    p = tmp_path / "page.htm"
    p.write_bytes(data)
    doc = load_document(str(p))
    assert doc.encoding == "gb18030" and doc.newline == "\r\n"
    assert "林浩然表示" in visible(doc)
    assert render_document(doc, []) == data
    i = doc.text.index("病房。。")
    assert render_document(doc, [Fix(i + 2, 2, "。")]) == data.replace(
        "病房。。".encode("gb18030"), "病房。".encode("gb18030")
    )
    as_utf8 = render_document(doc, [], WriteOptions(output_encoding="utf-8"))
    assert as_utf8.decode("utf-8") == doc.text


def test_page_without_article_body(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text(
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li>Find a Doctor</li></ul></nav>"
        "<footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"menu\.html: no article body found.*--whole-page"):
        load_document(str(p))
    doc = load_document(str(p), LoadOptions(whole_page=True))
    assert "Find a Doctor" in visible(doc)


def test_no_body_is_exit_2_one_line(cli, tmp_path):
    p = tmp_path / "empty-body.html"
    p.write_text("<html><head><title>x</title></head><body><nav>Menu</nav></body></html>")
    r = cli("check", p)
    assert r.exit_code == 2
    assert r.stderr.strip().count("\n") == 0 and "empty-body.html" in r.stderr


def test_big_article_block_structure():
    doc = load_document(str(HOSPITAL))
    for p in doc.paragraphs:
        chunk = doc.text[p.start : p.end]
        assert not re.match(r"\s", chunk) and not re.search(r"\s$", chunk)
