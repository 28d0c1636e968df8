"""Word .docx: which text of a paragraph is checked (revisions, text boxes, fields, tab stops)."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml

from yiwen.document import load_document, render_document
from yiwen.document.markdown import mask_text_urls
from yiwen.models import MASK, Fix

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)

# One paragraph with everything a Word editor leaves behind: tab stops in its properties, a
# tracked deletion and insertion, moved-away text, a field (instruction and shown result),
# a tab, a page break, a line break, a non-breaking hyphen, and a text box whose alternate
# content repeats its text in the fallback.
TRICKY = f"""<w:p {NS}>
  <w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
  <w:r><w:t xml:space="preserve">Kept </w:t></w:r>
  <w:del w:id="1" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del>
  <w:del w:id="2" w:author="a"><w:r><w:t>odd-deleted </w:t></w:r></w:del>
  <w:ins w:id="3" w:author="a"><w:r><w:t xml:space="preserve">inserted </w:t></w:r></w:ins>
  <w:moveFrom w:id="4" w:author="a"><w:r><w:t>moved </w:t></w:r></w:moveFrom>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r>
  <w:r><w:instrText>PAGE</w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="separate"/></w:r>
  <w:r><w:t>7</w:t></w:r>
  <w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:r><w:tab/><w:t>after tab</w:t><w:br w:type="page"/><w:t>x</w:t><w:br/><w:t>y</w:t></w:r>
  <w:r><w:t>COVID</w:t><w:noBreakHyphen/><w:t>19</w:t></w:r>
  <w:r><mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p>
    </w:txbxContent></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><w:t>fallback copy</w:t></w:pict></mc:Fallback>
  </mc:AlternateContent></w:r>
  <w:hyperlink><w:r><w:t xml:space="preserve"> linked</w:t></w:r></w:hyperlink>
</w:p>"""


def test_paragraph_text_leaves_out_deleted_moved_boxed_and_field_code(tmp_path):
    d = docx.Document()
    d.add_paragraph("First paragraph.")
    body = d.element.body
    body.insert(1, parse_xml(TRICKY))
    path = tmp_path / "tricky.docx"
    d.save(str(path))
    doc = load_document(str(path))
    assert doc.text == (
        "First paragraph.\n\nKept inserted 7\tafter tabx\ny" + "COVID\u201119 linked"
    )
    assert doc.locations.label(doc.text.index("inserted")) == "¶2"
    # Writing back still finds each piece: an edit inside the inserted run lands there.
    i = doc.text.index("inserted")
    out = load_document("again.docx", data=render_document(doc, [Fix(i, 8, "added")]))
    assert out.text == doc.text.replace("inserted", "added")


def test_urls_are_masked_as_in_plain_text(tmp_path):
    d = docx.Document()
    d.add_paragraph("Read more at https://example.org/news/1 or www.example.org today.")
    d.add_paragraph("No address in this paragraph at all.")
    d.add_paragraph("Write to press@example.org, or to the office.")
    path = tmp_path / "urls.docx"
    d.save(str(path))
    doc = load_document(str(path))
    assert doc.prose == mask_text_urls(doc.text)
    assert "example" not in doc.prose.replace(MASK, " ")
    assert "today." in doc.prose and "or to the office." in doc.prose
