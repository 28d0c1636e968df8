"""XLIFF 1.2 and 2.0: targets checked, pairs exposed, fixes written back, hostile XML refused."""

from __future__ import annotations

import json

import pytest

from yiwen.document import load_document, render_document
from yiwen.document.xliff import write_xliff, xliff_pairs
from yiwen.errors import InputError
from yiwen.models import MASK, Fix, Language

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>林医生周一前往县医院。</source>
        <target>Dr. Lin left for the the county hospital on Monday &amp; stayed.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment>
        <source>他说：“我们会尽力。”</source>
        <target>He said: <pc id="1">“We will do our best and and more.”</pc></target>
      </segment>
    </unit>
    <unit id="u3">
      <segment><source>未翻译</source></segment>
    </unit>
  </file>
</xliff>
"""

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="news.txt" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>医疗队出发了。</source>
        <target>The medical team set off the the same day.</target>
        <alt-trans><target>An old suggestion with the the error.</target></alt-trans>
      </trans-unit>
      <!-- <target>commented out the the</target> -->
      <trans-unit id="2">
        <source>欢迎！</source>
        <target>Welcome<x id="1"/> back!</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_xliff20_targets_are_the_prose(tmp_path):
    doc = load_document(str(write(tmp_path, "a.xlf", XLIFF_20)))
    assert doc.format == "xliff" and doc.language is Language.EN
    visible = doc.prose.replace(MASK, "")
    assert "Dr. Lin left for" in visible and "We will do our best" in visible
    assert "林医生" not in visible and "pc id" not in visible and "&amp;" not in visible
    pairs = xliff_pairs(doc)
    assert [(u, s) for u, s, _ in pairs] == [
        ("u1", "林医生周一前往县医院。"),
        ("u2", "他说：“我们会尽力。”"),
        ("u3", "未翻译"),
    ]
    start, end = pairs[0][2]
    assert doc.text[start:end].startswith("Dr. Lin left") and pairs[2][2] is None


def test_xliff12_ignores_alt_trans_and_comments(tmp_path, cli):
    p = write(tmp_path, "a.xliff", XLIFF_12)
    doc = load_document(str(p))
    visible = doc.prose.replace(MASK, "")
    assert "old suggestion" not in visible and "commented out" not in visible
    assert [u for u, _, _ in xliff_pairs(doc)] == ["1", "2"]
    r = cli("check", "--format", "json", "--select", "E001", p)
    (f,) = json.loads(r.stdout)["files"][0]["findings"]
    assert f["text"] == "the the" and f["line"] == 7


def test_fix_writes_into_targets_only(tmp_path):
    doc = load_document(str(write(tmp_path, "a.xlf", XLIFF_20)))
    edits = []
    for word in ("the the", "and and"):
        i = doc.text.index(word)
        edits.append(Fix(i, len(word), word.split()[0]))
    tag = doc.text.index('<pc id="1">')
    edits.append(Fix(tag, 4, "<zz"))  # markup: never rewritten
    out = render_document(doc, edits).decode("utf-8")
    assert out == XLIFF_20.replace("the the", "the").replace("and and", "and")
    assert render_document(doc, []) == XLIFF_20.encode("utf-8")


def test_fix_escapes_markup_characters(tmp_path):
    doc = load_document(str(write(tmp_path, "a.xlf", XLIFF_20)))
    i = doc.text.index("on Monday")
    out = render_document(doc, [Fix(i, 2, "<on> &")]).decode("utf-8")
    assert "&lt;on&gt; &amp; Monday" in out


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_other_encodings_and_crlf_round_trip(tmp_path, encoding):
    text = XLIFF_20.replace("UTF-8", encoding.upper()).replace("\n", "\r\n")
    p = write(tmp_path, "a.xlf", text, encoding)
    doc = load_document(str(p))
    assert len(xliff_pairs(doc)) == 3
    assert render_document(doc, []) == p.read_bytes()


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_write_xliff_reads_back(tmp_path, version):
    units = [("1", "医院新闻", "Hospital news"), ("2", "A<B & C", "a “quoted” & <tagged> word")]
    data = write_xliff(units, "zh-CN", "en", version=version)
    p = tmp_path / "out.xlf"
    p.write_bytes(data)
    doc = load_document(str(p))
    got = [(u, s, doc.text[a:b]) for u, s, (a, b) in xliff_pairs(doc)]
    assert got[0] == ("1", "医院新闻", "Hospital news")
    assert got[1][1] == "A<B & C"
    assert got[1][2] == "a “quoted” &amp; &lt;tagged&gt; word"
    assert doc.payload.version == version and doc.payload.tgt_lang == "en"


def test_write_xliff_rejects_duplicate_ids():
    with pytest.raises(InputError, match="distinct ids"):
        write_xliff([("1", "a", "b"), ("1", "c", "d")], "zh", "en")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<xliff version='2.0'><file id='f'><unit id='u'>", "not well-formed"),
        ("<html><body/></html>", "not an XLIFF file"),
        (
            XLIFF_20.replace('<unit id="u2">', '<unit id="u1">'),
            "duplicate unit id 'u1'",
        ),
        (
            XLIFF_20.replace('<segment id="s1">', '<segment id="s1"/><segment id="s1">'),
            "duplicate segment id 's1'",
        ),
        (
            XLIFF_12.replace('<trans-unit id="2">', '<trans-unit id="1">'),
            "duplicate trans-unit id '1'",
        ),
        (
            XLIFF_12.replace(
                "<source>欢迎！</source>",
                '<source>欢迎！</source><seg-source><mrk mtype="seg" mid="1">欢迎！</mrk>'
                "</seg-source>",
            ).replace(
                '<target>Welcome<x id="1"/> back!</target>',
                '<target><mrk mtype="seg" mid="7">Welcome back!</mrk></target>',
            ),
            "do not match seg-source",
        ),
        (XLIFF_20.replace('version="2.0"', 'version="3.1"'), "unsupported XLIFF version"),
    ],
)
def test_bad_xliff_is_one_input_error(tmp_path, cli, content, message):
    p = write(tmp_path, "bad.xlf", content)
    with pytest.raises(InputError, match=message) as err:
        load_document(str(p))
    assert "bad.xlf" in str(err.value) and "\n" not in str(err.value)
    r = cli("check", p)
    assert r.exit_code == 2 and r.stderr.strip().count("\n") == 0


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
<file id="f"><unit id="u"><segment><source>a</source><target>&lol9;</target></segment></unit>
</file></xliff>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
<file id="f"><unit id="u"><segment><source>a</source><target>&xxe;</target></segment></unit>
</file></xliff>
"""


@pytest.mark.timeout(20)
@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_is_refused(tmp_path, cli, content):
    p = write(tmp_path, "evil.xlf", content)
    with pytest.raises(InputError, match="refused") as err:
        load_document(str(p))
    assert "root:" not in str(err.value)
    r = cli("check", "--format", "json", p)
    assert r.exit_code == 2 and "root:" not in r.stdout + r.stderr


def test_safe_parser_does_not_expand_even_without_the_guard(tmp_path, monkeypatch):
    """Belt and braces: with the entity-declaration guard off, lxml still expands nothing."""
    import yiwen.document.xliff as xliff

    monkeypatch.setattr(xliff, "_ENTITY_DECL", xliff.re.compile(r"(?!x)x"))
    for content in (EXTERNAL_ENTITY, BILLION_LAUGHS):
        p = write(tmp_path, "evil.xlf", content)
        try:
            doc = load_document(str(p))
        except InputError:
            continue
        assert "root:" not in doc.text and len(doc.text) < 5000
        assert "lollol" not in doc.prose
