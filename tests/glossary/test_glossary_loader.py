"""Loading glossary TOML: the bundled file, merging, and every error with file:line and the entry."""

from __future__ import annotations

import pytest

from yiwen.errors import GlossaryError
from yiwen.glossary import bundled_glossary_path, load_glossaries, validate_file


def _load(tmp_path, text, name="g.toml"):
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return load_glossaries([str(p)])


def _error(tmp_path, text) -> str:
    with pytest.raises(GlossaryError) as exc:
        _load(tmp_path, text)
    return str(exc.value).replace(str(tmp_path) + "/", "")


def test_bundled_glossary_loads():
    g = load_glossaries([str(bundled_glossary_path())])
    assert g.name == "Shanghai General Hospital" and g.name_order == "family-given"
    assert {g.canonical(p) for p in g.people} == {
        "Zheng Xingdong", "Qin Jing", "Shen Jing", "Qiu Zhengjun", "Wang Ruitao",
    }  # fmt: skip
    assert [p.zh for p in g.people if p.zh] == ["郑兴东"]  # unknown characters are not guessed
    assert sum(t.kind == "department" for t in g.terms) >= 25
    by_en = {t.en: t for t in g.terms}
    assert "Osteopathy" in by_en["Orthopedics"].avoid
    assert "Clinic Pharmacology" in by_en["Clinical Pharmacology"].avoid
    assert "Health and Health Commission" in by_en["Health Commission"].avoid
    assert "Health and Family Planning Committee" in by_en["National Health Commission"].avoid
    assert {"Guoluo", "Golok"} <= set(by_en["Golog"].avoid)
    assert by_en["President"].also == ("Director", "Dean")
    assert validate_file(str(bundled_glossary_path())) == []


def test_later_files_win(tmp_path):
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text(
        '[glossary]\nname = "A"\nname_order = "given-family"\n'
        '[[term]]\nzh = "院长"\nen = "President"\nkind = "title"\n'
        '[[person]]\nfamily = "Wang"\ngiven = "Ruitao"\n',
        "utf-8",
    )
    b.write_text(
        '[glossary]\nname = "B"\nname_order = "family-given"\n'
        '[[term]]\nzh = "院长"\nen = "Director"\nkind = "title"\n',
        "utf-8",
    )
    g = load_glossaries([str(a), str(b)])
    assert g.name == "A + B" and g.name_order == "family-given"
    assert [t.en for t in g.terms] == ["Director"]
    assert g.terms[0].origin == f"{b}:4"
    assert len(g.people) == 1
    assert load_glossaries([str(a), str(b)], name_order="given-family").name_order == "given-family"


BAD = [
    ('[glossary\nname = "x"\n', "g.toml:1: invalid TOML: "),
    (
        '[[person]]\nzh = "王瑞涛"\nfamily = "Wang"\n',
        "g.toml:1: person 'Wang': 'given' is missing",
    ),
    (
        '[glossary]\nname = "x"\n\n[[person]]\nfamily = "Wang"\ngiven = "Ruitao"\n\n'
        '[[person]]\nen = "Wang Ruitao"\nfamily = "Wang"\n',
        "g.toml:8: person 'Wang Ruitao': 'given' is missing",
    ),
    (
        '[[person]]\nfamily = "Wang"\ngiven = 3\n',
        "g.toml:3: person 'Wang': 'given' must be a string",
    ),
    (
        '[[person]]\nfamily = "Wang"\ngiven = "Rui Tao"\n',
        "g.toml:3: person 'Wang Rui Tao': 'given' must be one word ('RuiTao', not 'Rui Tao')",
    ),
    (
        '[[term]]\nen = "Orthopedics"\navoid = "Osteopathy"\n',
        "g.toml:3: term 'Orthopedics': 'avoid' must be a list of strings",
    ),
    ('[[term]]\nzh = "骨科"\nkind = "department"\n', "g.toml:1: term '骨科': 'en' is missing"),
    (
        '[[term]]\nen = "Orthopedics"\nkind = "ward"\n',
        "g.toml:3: term 'Orthopedics': 'kind' must be one of organization, department, "
        "title, place, other, not 'ward'",
    ),
    (
        '[[term]]\nen = "Orthopedics"\navoids = ["Osteopathy"]\n',
        "g.toml:3: term 'Orthopedics': unknown key 'avoids'",
    ),
    (
        '[[term]]\nen = "Orthopedics"\navoid = ["Osteopathy", "Orthopedics"]\n',
        "g.toml:3: term 'Orthopedics': avoid form 'Orthopedics' is the canonical form",
    ),
    (
        '[[term]]\nzh = "骨科"\nen = "Orthopedics"\n\n[[term]]\nzh = "骨科"\nen = "Orthopedics"\n',
        "g.toml:5: term 'Orthopedics': duplicate of the entry at line 1",
    ),
    (
        '[[term]]\nzh = "院长"\nen = "President"\n\n[[term]]\nzh = "院长"\nen = "Director"\n',
        "g.toml:5: term 'Director': contradicts line 1: zh '院长' is 'President' there",
    ),
    (
        '[[person]]\nfamily = "Wang"\ngiven = "Ruitao"\n\n[[person]]\nfamily = "wang"\ngiven = "ruitao"\n',
        "g.toml:5: person 'wang ruitao': duplicate of the entry at line 1",
    ),
    (
        '[[person]]\nzh = "王瑞涛"\nfamily = "Wang"\ngiven = "Ruitao"\n\n'
        '[[person]]\nzh = "王瑞涛"\nfamily = "Wang"\ngiven = "Ruidao"\n',
        "g.toml:6: person 'Wang Ruidao': contradicts line 1: zh '王瑞涛' is 'Wang Ruitao' there",
    ),
    (
        '[[term]]\nen = "Orthopedics"\n\n[[term]]\nen = "Osteopathy"\navoid = ["Orthopedics"]\n',
        "g.toml:4: term 'Osteopathy': avoid form 'Orthopedics' is the canonical form of term at line 1",
    ),
    ('[glossary]\nname_order = "surname-first"\n', "g.toml:2: [glossary]: 'name_order' must be"),
    ('[glossary]\nhonorifics = "Dr."\n', "g.toml:2: [glossary]: 'honorifics' must be a list"),
    ('[glossary]\nlanguage = "en"\n', "g.toml:2: [glossary]: unknown key 'language'"),
    ('[[term]]\nen = "X"\nscope = ["ward"]\n', "g.toml:3: term 'X': 'scope' must name kinds"),
    ("[people]\nx = 1\n", "g.toml:1: unknown table 'people'"),
    ("person = 3\n", "g.toml:1: 'person' must be [[person]] tables"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_error_messages(tmp_path, text, message):
    assert _error(tmp_path, text).startswith(message)


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossaries([str(tmp_path / "nope.toml")])
    p = tmp_path / "latin1.toml"
    p.write_bytes(b'[glossary]\nname = "\xe9"\n')
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load_glossaries([str(p)])


def test_several_errors_are_all_reported(tmp_path):
    p = tmp_path / "g.toml"
    p.write_text('[[term]]\nkind = "x"\n\n[[person]]\nfamily = "Li"\n', "utf-8")
    errors = validate_file(str(p))
    assert len(errors) == 2
    with pytest.raises(GlossaryError, match=r"\(and 1 more\)"):
        load_glossaries([str(p)])
