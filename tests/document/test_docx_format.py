"""Word .docx: paragraphs, tables, headers; labels; run-preserving fixes; tracked changes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile

import docx
import pytest
from lxml import etree

from yiwen.document import LoadOptions, WriteOptions, load_document, render_document
from yiwen.errors import InputError
from yiwen.models import Fix

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make_docx(path) -> None:
    """A small news draft: heading, formatted runs, a table, a header and a footer."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Riverside General Hospital News"
    d.sections[0].footer.paragraphs[0].text = "Draft for the the editor"
    d.add_heading("Surgeons travel west to help a county hospital", level=1)
    p = d.add_paragraph()
    p.add_run("Dr. Lin said that the ")
    p.add_run("the team").bold = True
    p.add_run(" will train local doctors ")
    p.add_run("for three months").italic = True
    p.add_run(".")
    d.add_paragraph("")
    d.add_paragraph("The hospital has sent the the 23 teams since 2015.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Team"
    t.cell(0, 1).text = "Members"
    t.cell(1, 0).text = "Surgery"
    t.cell(1, 1).text = "four nurses and and two doctors"
    d.save(str(path))


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.docx"
    make_docx(path)
    return path


def fixes(doc, pairs):
    """Return Fix records replacing each `old` (first occurrence) with `new`."""
    out = []
    for old, new in pairs:
        i = doc.text.index(old)
        out.append(Fix(i, len(old), new))
    return out


def runs(data: bytes) -> list[tuple[str, tuple[str, ...]]]:
    """Return (text, run properties) for every run of the main document."""
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    out = []
    for r in xml.iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        rpr = r.find(f"{W}rPr")
        props = tuple(sorted(c.tag for c in rpr)) if rpr is not None else ()
        if text:
            out.append((text, props))
    return out


def test_labels_and_text(draft):
    doc = load_document(str(draft))
    assert doc.format == "docx"
    labels = [doc.locations.label(p.start) for p in doc.paragraphs]
    assert labels == [
        "¶1",
        "¶2",
        "¶3",
        "table 1 r1c1",
        "table 1 r1c2",
        "table 1 r2c1",
        "table 1 r2c2",
        "header ¶1",
        "footer ¶1",
    ]
    assert doc.paragraphs[0].kind == "heading" and doc.paragraphs[3].kind == "table-cell"
    assert (
        doc.text.split("\n\n")[1]
        == "Dr. Lin said that the the team will train local doctors for three months."
    )


def test_check_reports_paragraph_labels(cli, draft):
    r = cli("check", "--select", "E001", draft)
    assert r.exit_code == 1
    assert f"{draft}:¶2 E001" in r.stdout
    assert f"{draft}:table 1 r2c2 E001" in r.stdout
    assert f"{draft}:footer ¶1 E001" in r.stdout
    assert "four nurses and and two doctors" in r.stdout  # the excerpt
    data = json.loads(cli("check", "--format", "json", "--select", "E001", draft).stdout)
    f = data["files"][0]["findings"][0]
    assert (f["line"], f["column"], f["end_column"]) == (2, 19, 26) and f["text"] == "the the"


def test_no_edit_round_trip_is_the_same_file(draft):
    doc = load_document(str(draft))
    assert render_document(doc, []) == draft.read_bytes()


def test_fix_keeps_run_formatting(draft, tmp_path):
    doc = load_document(str(draft))
    before = runs(draft.read_bytes())
    edits = fixes(doc, [("the the team", "the team"), ("and and", "and"), ("for three", "for 3")])
    out = render_document(doc, edits)
    again = load_document("out.docx", data=out)
    assert "said that the team will" in again.text and "and two" in again.text
    assert "for 3 months" in again.text
    after = runs(out)
    # the bold run is untouched; the first "the " went from the plain run; italics kept
    assert ("the team", (f"{W}b",)) in after and ("the team", (f"{W}b",)) in before
    assert ("for 3 months", (f"{W}i",)) in after
    assert [p for _, p in after] == [p for _, p in before]
    # untouched parts: header, styles, settings are byte-identical XML
    zin, zout = zipfile.ZipFile(draft), zipfile.ZipFile(io.BytesIO(out))
    for name in ("word/styles.xml", "word/header1.xml"):
        if name in zin.namelist():
            assert etree.tostring(etree.fromstring(zin.read(name))) == etree.tostring(
                etree.fromstring(zout.read(name))
            )


def test_replacement_spanning_runs_takes_first_run_format(draft):
    doc = load_document(str(draft))
    out = render_document(doc, fixes(doc, [("that the the team", "that our crew")]))
    texts = runs(out)
    assert ("Dr. Lin said that our crew", ()) in texts
    assert not any(t == "the team" for t, _ in texts)


def test_tracked_changes_are_word_revisions(draft):
    doc = load_document(str(draft))
    edits = fixes(doc, [("the the team", "the team"), ("and and", "and"), ("three", "3")])
    out = render_document(doc, edits, WriteOptions(track_changes=True))
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml"))
    dels, inss = list(xml.iter(f"{W}del")), list(xml.iter(f"{W}ins"))
    assert dels and inss
    assert {d.get(f"{W}author") for d in dels + inss} == {"yiwen"}
    assert all(d.get(f"{W}date") for d in dels + inss)
    ids = [d.get(f"{W}id") for d in dels + inss]
    assert len(set(ids)) == len(ids)
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in dels]
    inserted = ["".join(t.text for t in i.iter(f"{W}t")) for i in inss]
    assert "the " in deleted and "and " in deleted and "three" in deleted and "3" in inserted
    # the inserted "3" keeps the italic of the run it replaced
    (ins3,) = [i for i in inss if "".join(t.text for t in i.iter(f"{W}t")) == "3"]
    assert ins3.find(f"{W}r/{W}rPr/{W}i") is not None
    # reading it back shows the text as if every revision were accepted
    again = load_document("tracked.docx", data=out)
    assert "said that the team will" in again.text and "for 3 months" in again.text


def test_insertion_as_revision(draft):
    doc = load_document(str(draft))
    i = doc.text.index("23 teams")
    out = render_document(doc, [Fix(i, 0, "about ")], WriteOptions(track_changes=True))
    assert "sent the the about 23 teams" in load_document("x.docx", data=out).text


def _office() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found and os.environ.get("CI") == "true":
        pytest.fail("LibreOffice (soffice) is required in CI")
    return found


@pytest.mark.timeout(240)
def test_libreoffice_opens_fixed_and_tracked_output(draft, tmp_path):
    soffice = _office()
    if not soffice:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer)")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    doc = load_document(str(draft))
    edits = fixes(doc, [("the the team", "the team"), ("three months", "twelve weeks")])
    plain = tmp_path / "fixed.docx"
    plain.write_bytes(render_document(doc, edits))
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(render_document(doc, edits, WriteOptions(track_changes=True)))
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(plain),
            str(tracked),
        ],
        check=True,
        capture_output=True,
        timeout=200,
        env=env,
    )
    pdf = tmp_path / "fixed.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "twelve weeks" in text and "three months" not in text
    assert "said that the team" in text
    assert "Riverside General Hospital News" in text  # the header survived
    # LibreOffice shows revisions in the PDF: the deleted words and the inserted ones
    shown = subprocess.run(
        ["pdftotext", str(tmp_path / "tracked.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    shown = " ".join(shown.split())  # the PDF text wraps lines anywhere
    assert "twelve weeks" in shown and "for three months" in shown


def test_corrupt_docx_is_one_input_error(tmp_path, cli):
    not_zip = tmp_path / "notzip.docx"
    not_zip.write_bytes(b"this is not a zip file at all")
    with pytest.raises(InputError, match=r"notzip\.docx: not a Word \.docx"):
        load_document(str(not_zip))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(InputError, match=r"broken\.docx: corrupt \.docx"):
        load_document(str(broken))
    missing = tmp_path / "missing.docx"
    make_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(tmp_path / "good.docx") as zin, zipfile.ZipFile(missing, "w") as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
    with pytest.raises(InputError, match=r"missing\.docx: corrupt \.docx"):
        load_document(str(missing))
    r = cli("check", missing)
    assert r.exit_code == 2 and r.stderr.strip().count("\n") == 0


def test_external_entity_in_docx_is_not_resolved(tmp_path):
    src = tmp_path / "good.docx"
    make_docx(src)
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(evil, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(
                    b"?>",
                    b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                    1,
                ).replace(b"Team</w:t>", b"Team &xxe;</w:t>", 1)
            zout.writestr(item, data)
    try:
        doc = load_document(str(evil), LoadOptions())
    except InputError:
        return  # refusing it is fine too
    assert "root:" not in doc.text
