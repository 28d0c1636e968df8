"""Loading .txt and .md: encodings, line endings, masking, languages, paragraphs, sentences."""

from __future__ import annotations

import codecs

import pytest

from yiwen.document import LoadOptions, WriteOptions, load_document, render_document
from yiwen.document.encoding import decode
from yiwen.document.markdown import mask_markdown
from yiwen.document.segment import sentences
from yiwen.errors import InputError
from yiwen.models import MASK, Fix, Language

ZH = "河畔医院胸外科林浩然医生昨天前往县医院，开展为期三个月的帮扶。\n他说：“我们会尽力。”\n"
BIG5 = "河畔醫院的醫生今天前往縣醫院，開展為期三個月的幫扶工作。\n"
EN = "The surgical team left on Monday.\nThey will stay for three months.\n"


def load(tmp_path, name: str, data: bytes, **kw):
    p = tmp_path / name
    p.write_bytes(data)
    return load_document(str(p), LoadOptions(**kw))


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (ZH.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), "utf-16-be", True),
        (ZH.encode("utf-16-le"), "utf-16-le", False),
        (EN.encode("utf-16-be"), "utf-16-be", False),
        (ZH.encode("gb18030"), "gb18030", False),
        (ZH.encode("gbk"), "gb18030", False),
        (BIG5.encode("big5"), "big5", False),
    ],
)
def test_detects_encoding(data, encoding, bom):
    text, enc, had_bom = decode(data, "a.txt")
    assert codecs.lookup(enc).name == codecs.lookup(encoding).name
    assert had_bom == bom
    assert "醫院" in text or "医院" in text or "surgical" in text


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [(e, False) for e in ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be")]
    + [(e, True) for e in ("utf-8", "utf-16-le", "utf-16-be")],
)
def test_written_back_in_same_encoding_with_crlf(tmp_path, encoding, bom):
    text = (
        "醫院今天開會。\r\nthe the 團隊出發。\r\n"
        if encoding == "big5"
        else "医院今天开会。\r\nthe the 团队出发。\r\n"
    )
    mark = {
        "utf-8": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }
    data = (mark[encoding] if bom else b"") + text.encode(encoding)
    doc = load(tmp_path, "a.txt", data)
    assert doc.text == text and doc.newline == "\r\n"
    assert render_document(doc, []) == data
    start = text.index("the the")
    out = render_document(doc, [Fix(start, 7, "the")])
    assert out == (mark[encoding] if bom else b"") + text.replace("the the", "the").encode(encoding)


def test_output_encoding_overrides(tmp_path):
    doc = load(tmp_path, "a.txt", ZH.encode("gb18030"))
    out = render_document(doc, [], WriteOptions(output_encoding="utf-8"))
    assert out.decode("utf-8") == ZH


def test_unencodable_replacement_is_input_error(tmp_path):
    doc = load(tmp_path, "a.txt", "医院\n".encode("gb2312"), encoding="gb2312")
    with pytest.raises(InputError, match=r"a\.txt.*cannot be written in gb2312"):
        render_document(doc, [Fix(0, 0, "😀")])


def test_explicit_encoding(tmp_path):
    data = "Café news\n".encode("latin-1")
    doc = load(tmp_path, "a.txt", data, encoding="latin-1")
    assert doc.text == "Café news\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \r\n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_input_one_line(tmp_path, content, message):
    with pytest.raises(InputError, match=message) as err:
        load(tmp_path, "bad.txt", content)
    assert "bad.txt" in str(err.value) and "\n" not in str(err.value)


def test_undecodable_with_named_encoding(tmp_path):
    with pytest.raises(InputError, match=r"bad\.txt: cannot be decoded as utf-8"):
        load(tmp_path, "bad.txt", b"ok \xff\xfe\xfa", encoding="utf-8")


def test_unknown_encoding(tmp_path):
    with pytest.raises(InputError, match="unknown encoding"):
        load(tmp_path, "a.txt", b"hello", encoding="no-such-codec")


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        load_document(str(tmp_path))


# --- language --------------------------------------------------------------------------------


def test_language_per_document_and_paragraph(tmp_path):
    doc = load(tmp_path, "a.txt", ("医院今天开会。\n\nThe meeting began at nine.\n").encode())
    langs = [p.language for p in doc.paragraphs]
    assert langs == [Language.ZH, Language.EN]
    assert doc.language is Language.MIXED
    forced = load(tmp_path, "b.txt", b"The meeting began.\n", lang=Language.ZH)
    assert forced.language is Language.ZH and forced.paragraphs[0].language is Language.ZH


# --- paragraphs ------------------------------------------------------------------------------


def paras(doc):
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def test_hard_wrapped_english_is_one_paragraph(tmp_path):
    text = (
        "The team said “yes.”\nThen the director thanked the nurses\nfor their work.\n\nNext one.\n"
    )
    doc = load(tmp_path, "a.txt", text.encode())
    assert paras(doc) == [
        "The team said “yes.”\nThen the director thanked the nurses\nfor their work.",
        "Next one.",
    ]


def test_one_paragraph_per_line_english(tmp_path):
    line = "The hospital sent a team of surgeons and nurses to the county hospital this week, the director said. They return in May."
    doc = load(tmp_path, "a.txt", f"{line}\n{line}\n".encode())
    assert len(doc.paragraphs) == 2


def test_chinese_one_paragraph_per_line(tmp_path):
    text = "援助工作\n5月6日，医疗队出发。\n他说：“会尽力。”\n当地医院表示感谢！\n"
    doc = load(tmp_path, "a.txt", text.encode())
    assert paras(doc) == [
        "援助工作",
        "5月6日，医疗队出发。",
        "他说：“会尽力。”",
        "当地医院表示感谢！",
    ]


def test_paragraph_offsets_with_crlf(tmp_path):
    text = "First paragraph here.\r\n\r\n第二段。\r\n第三段。\r\n"
    doc = load(tmp_path, "a.txt", text.encode())
    assert paras(doc) == ["First paragraph here.", "第二段。", "第三段。"]
    assert doc.position(text.index("第三")) == (4, 1)


# --- sentences -------------------------------------------------------------------------------


def split(text: str, lang: Language = Language.EN) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text, 0, len(text), lang)]


def test_english_sentences_keep_abbreviations_initials_numbers():
    text = (
        "Dr. Lin met Prof. Zhou in Room No. 5 on Monday. Mr. J. K. Rowe paid 3.5 million "
        "dollars. The answer was no. Then they left!"
    )
    assert split(text) == [
        "Dr. Lin met Prof. Zhou in Room No. 5 on Monday.",
        "Mr. J. K. Rowe paid 3.5 million dollars.",
        "The answer was no.",
        "Then they left!",
    ]


def test_chinese_sentences_with_closing_quotes():
    text = "他说：“我们出发了。”大家鼓掌！真的吗？是的；好……结束"
    assert split(text, Language.ZH) == [
        "他说：“我们出发了。”",
        "大家鼓掌！",
        "真的吗？",
        "是的；",
        "好……",
        "结束",
    ]


# --- markdown --------------------------------------------------------------------------------


def visible(text: str) -> str:
    return mask_markdown(text).replace(MASK, "")


def test_markdown_masks_everything_but_prose():
    md = (
        "---\ntitle: the the\n---\n"
        "# A heading\n\n"
        "Prose with `the the` code, a [link text](http://x.org/the the) and https://a.b/c.\n\n"
        "```\nthe the\n```\n\n"
        "<!-- the the -->\n\n"
        "    indented code the the\n\n"
        "Emphasis **strong** and *em* and 中文**重点**文字 and snake_case_name.\n"
    )
    masked = mask_markdown(md)
    assert len(masked) == len(md)
    assert "the the" not in masked
    out = visible(md)
    assert "A heading" in out and "link text" in out
    assert "strong" in out and "**" not in out and "重点" in out
    assert "snake_case_name" in out
    assert "http" not in out and "c." not in out.replace("c.\n", "")


def test_markdown_crlf_fence_closes():
    md = "```\r\ncode the the\r\n```\r\nAfter the fence.\r\n"
    assert "After the fence." in visible(md)
    assert "code" not in visible(md)


def test_markdown_stray_backtick_does_not_mask_the_rest():
    md = "A stray ` here.\n\nNext paragraph ` too.\n"
    assert "Next paragraph" in visible(md)


def test_markdown_setext_and_escapes():
    md = "Title\n=====\n\nA literal \\*star\\* here.\n"
    out = visible(md)
    assert "=" not in out and "*star*" in out and "\\" not in out


def test_markdown_list_continuation_is_prose(tmp_path):
    md = "- first item\n\n    continued text of the item\n"
    assert "continued text" in visible(md)


def test_markdown_positions_are_original(tmp_path):
    md = "# Heading\n\nWe saw **the the** ward.\n"
    doc = load(tmp_path, "a.md", md.encode())
    assert doc.format == "md" and doc.prose.index("the the") == md.index("the the")


def test_format_modules_table_matches_what_each_module_registers():
    """Files are routed to a format module by the static suffix table before it is imported."""
    from yiwen.document.formats import FORMAT_MODULES, FORMATS, load_format
    from yiwen.suffixes import all_suffixes

    for name, suffixes in FORMAT_MODULES.items():
        assert load_format(name).suffixes == suffixes
    assert set(all_suffixes()) == {s for f in FORMATS.values() for s in f.suffixes}


def test_checking_markdown_does_not_import_the_markup_formats():
    import subprocess
    import sys

    code = (
        "import sys, tempfile, pathlib\n"
        "from yiwen.document import load_document\n"
        "p = pathlib.Path(tempfile.mkdtemp()) / 'a.md'\n"
        "p.write_text('# Hi\\n\\nText.\\n')\n"
        "load_document(str(p))\n"
        "print(sorted(m for m in sys.modules if m in ('yiwen.document.html', 'yiwen.document.docx', 'yiwen.document.xliff')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
