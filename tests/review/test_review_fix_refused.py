"""A fix the file's format cannot write (it would cross a tag) is left out and said so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import load_document, render_document
from yiwen.document.formats import refused_edits
from yiwen.models import Applicability, Document, Finding, Fix, Severity
from yiwen.review.fix import fix_document

PAGE = (
    "<html><body><article><p>He met Ruitao <b>Wang</b> at the the ward.</p></article></body></html>"
)


def _doc() -> Document:
    return load_document("page.html", data=PAGE.encode())


def _name_fix(doc: Document) -> Fix:
    start = doc.text.index("Ruitao")
    end = doc.text.index("</b>") + len("</b>")
    return Fix(start, end - start, "Wang Ruitao", "N001")


def test_an_edit_across_a_tag_is_refused_and_one_inside_the_text_is_not() -> None:
    doc = _doc()
    crossing = _name_fix(doc)
    inside = Fix(doc.text.index("the the"), len("the the"), "the", "E001")
    assert refused_edits(doc, [crossing, inside]) == [crossing]
    assert refused_edits(load_document("a.md", data=b"the the\n"), [inside]) == []


@dataclass
class _Checker:
    """The real checker's findings plus one name fix that crosses <b>…</b>."""

    real: object

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)  # load options, glossary: the real checker's

    def check_document(self, doc: Document) -> list[Finding]:
        found = list(self.real.check_document(doc))  # type: ignore[attr-defined]
        if "Ruitao <b>Wang</b>" in doc.text:
            e = _name_fix(doc)
            found.append(
                Finding(
                    "N001",
                    "name-order",
                    Severity.ERROR,
                    "Write the family name first",
                    e.offset,
                    e.length,
                    doc.text[e.offset : e.end],
                    ("Wang Ruitao",),
                    Applicability.SAFE,
                )
            )
        return found


def test_fix_document_leaves_out_what_the_writer_cannot_write() -> None:
    doc = _doc()
    result = fix_document(doc, _Checker(make_checker(Config())))
    assert [e.code for e in result.refused] == ["N001"]
    assert "N001" not in result.applied and result.applied["E001"] == 1
    assert "N001" in {f.code for f in result.remaining}  # still reported, for the editor
    written = render_document(doc, result.edits).decode()
    assert "at the ward" in written and "Ruitao <b>Wang</b>" in written


def test_yiwen_fix_says_when_a_change_is_left_out(cli, tmp_path: Path, monkeypatch) -> None:
    from yiwen.commands import _options

    build = _options.build_checker
    monkeypatch.setattr(_options, "build_checker", lambda *a, **k: _Checker(build(*a, **k)))
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "fixed.html"
    r = cli("fix", str(page), "-o", str(out))
    assert r.exit_code == 0
    assert "1 change left out" in r.stderr and "page.html" in r.stderr
    written = out.read_text(encoding="utf-8")
    assert "at the ward" in written and "Ruitao <b>Wang</b>" in written
