"""CSV/TSV/TBX import and export: round trips without loss, real TBX-Basic shapes, bad input."""

from __future__ import annotations

import pytest

from yiwen.errors import GlossaryError
from yiwen.glossary import bundled_glossary_path, load_glossaries
from yiwen.glossary.exchange import export, import_file, to_toml


def _entries(g):
    """Everything about every entry except where it was read from."""
    return [
        (type(e).__name__, *(v for k, v in vars(e).items() if k != "origin")) for e in g.entries()
    ]


@pytest.fixture
def bundled():
    return load_glossaries([str(bundled_glossary_path())])


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx"])
def test_round_trip_bundled(tmp_path, bundled, fmt):
    text = export(bundled, fmt)
    path = tmp_path / f"g.{fmt}"
    path.write_text(text, "utf-8")
    back = import_file(str(path))
    assert _entries(back) == _entries(bundled)
    assert export(back, fmt) == text  # export -> import -> export is stable
    toml = tmp_path / "g.toml"
    toml.write_text(to_toml(back), "utf-8")
    assert _entries(load_glossaries([str(toml)])) == _entries(bundled)


def test_round_trip_own_name_and_scope(tmp_path, gloss):
    for fmt in ("csv", "tsv", "tbx"):
        path = tmp_path / f"g.{fmt}"
        path.write_text(export(gloss, fmt), "utf-8")
        assert _entries(import_file(str(path))) == _entries(gloss)


def test_csv_import_columns_and_separators(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text(
        "zh,en,kind,avoid,note\n"
        "骨科,Orthopedics,department,Osteopathy | Orthopaedics,false friend\n"
        '国家卫生健康委员会,National Health Commission,organization,"Health and Family Planning Committee; '
        'National Health and Health Commission",\n'
        "\n",
        "utf-8",
    )
    g = import_file(str(path))
    assert [(t.zh, t.en, t.kind, t.avoid, t.note) for t in g.terms] == [
        ("骨科", "Orthopedics", "department", ("Osteopathy", "Orthopaedics"), "false friend"),
        (
            "国家卫生健康委员会",
            "National Health Commission",
            "organization",
            ("Health and Family Planning Committee", "National Health and Health Commission"),
            "",
        ),
    ]


def test_tsv_people(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text(
        "kind\tzh\tfamily\tgiven\tnote\nperson\t郑兴东\tZheng\tXingdong\tPresident\n", "utf-8"
    )
    g = import_file(str(path))
    assert [(p.zh, g.canonical(p), p.note) for p in g.people] == [
        ("郑兴东", "Zheng Xingdong", "President")
    ]


def test_tbx_v2_martif_import(tmp_path):
    """TBX 2008 (martif/termEntry/langSet/tig), as many CAT tools still write it."""
    path = tmp_path / "old.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>CAT export</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="t1">
   <descrip type="subjectField">department</descrip>
   <langSet xml:lang="zh-CN"><tig><term>骨科</term></tig></langSet>
   <langSet xml:lang="en-US">
    <tig><term>Orthopedics</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>Osteopathy</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
 </body></text>
</martif>""",
        "utf-8",
    )
    g = import_file(str(path))
    assert [(t.zh, t.en, t.kind, t.avoid) for t in g.terms] == [
        ("骨科", "Orthopedics", "department", ("Osteopathy",))
    ]


def test_tbx_entities_are_refused(tmp_path):
    path = tmp_path / "evil.tbx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<tbx><text><body></body></text></tbx>",
        "utf-8",
    )
    with pytest.raises(GlossaryError, match="refused unsafe XML"):
        import_file(str(path))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "zh,english\n骨科,Orthopedics\n", "a.csv:1: unknown column 'english'"),
        (
            "b.csv",
            "zh,en,kind\n骨科,Orthopedics,ward\n",
            "b.csv:2: term 'Orthopedics': 'kind' must be one of",
        ),
        ("c.csv", "kind,family\nperson,Wang\n", "c.csv:2: person 'Wang': 'given' is missing"),
        ("d.tbx", "<tbx><text>", "d.tbx:1: invalid XML"),
        ("e.tbx", "<html/>", "e.tbx: not a TBX file"),
        ("f.xlsx", "x", "f.xlsx: unknown glossary format 'xlsx'"),
    ],
)
def test_bad_imports(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(GlossaryError) as exc:
        import_file(str(path))
    assert str(exc.value).replace(str(tmp_path) + "/", "").startswith(message)
