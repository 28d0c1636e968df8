"""Property tests: any text in any supported encoding loads (or is one InputError), spans hold."""

from __future__ import annotations

import codecs
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yiwen.document import LoadOptions, load_document
from yiwen.document.segment import sentences
from yiwen.errors import InputError

# Text that looks like bilingual news plus arbitrary characters, so both the realistic paths
# (abbreviations, Chinese punctuation, Markdown markup) and the odd ones get exercised.
PIECES = st.sampled_from(
    [
        "Dr. ",
        "Prof.",
        "No. 5",
        " the the ",
        "J. K.",
        "3.5",
        "。",
        "！",
        "？",
        "；",
        "……",
        "”",
        "“",
        "医院",
        "医生",
        "Wang",
        "\n",
        "\n\n",
        "\r\n",
        "  ",
        "`",
        "**",
        "_",
        "[a](b)",
        "<!--",
        "-->",
        "---\n",
        "```\n",
        "# ",
        "- ",
        "http://x.org/a.",
        "&amp;",
        "\t",
        ",",
        ".",
        " ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-16", "gb18030", "gbk", "big5"]
)
SUFFIX = st.sampled_from(["txt", "md"])
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _encode(text: str, encoding: str) -> bytes:
    data = text.encode(encoding, errors="replace")
    if encoding in ("utf-16-le", "utf-16-be") and len(text) % 3 == 0:
        data = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding] + data
    return data


@FAST
@given(text=TEXT, encoding=ENCODINGS, suffix=SUFFIX)
def test_any_text_loads_or_is_input_error(text, encoding, suffix):
    data = _encode(text, encoding)
    try:
        doc = load_document(f"prop.{suffix}", LoadOptions(), data=data)
    except InputError as exc:
        assert "\n" not in str(exc) and "prop." in str(exc)
        return
    assert len(doc.prose) == len(doc.text)
    assert all(p == t for p, t in zip(doc.prose, doc.text, strict=True) if t in "\r\n")
    for para in doc.paragraphs:
        assert 0 <= para.start < para.end <= len(doc.text)
        for s in sentences(doc.prose, para.start, para.end, para.language):
            assert para.start <= s.start < s.end <= para.end


@FAST
@given(data=st.binary(max_size=300))
def test_any_bytes_load_or_are_input_error(data):
    try:
        doc = load_document("bytes.txt", LoadOptions(), data=data)
    except InputError as exc:
        assert "\n" not in str(exc) and "bytes.txt" in str(exc)
        return
    assert len(doc.prose) == len(doc.text)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXT, suffix=SUFFIX)
def test_every_finding_span_is_its_text(cli, tmp_path_factory, text, suffix):
    path = tmp_path_factory.mktemp("prop") / f"a.{suffix}"
    path.write_bytes(text.encode("utf-8"))
    r = cli("check", "--format", "json", path)
    if r.exit_code == 2:
        assert r.stderr.strip().count("\n") == 0 and str(path) in r.stderr
        return
    assert r.exit_code in (0, 1), r.stderr
    report = json.loads(r.stdout)
    decoded = path.read_bytes().decode("utf-8")
    for f in report["files"][0]["findings"]:
        assert 0 <= f["offset"] <= f["offset"] + f["length"] <= len(decoded)
        assert decoded[f["offset"] : f["offset"] + f["length"]] == f["text"]
