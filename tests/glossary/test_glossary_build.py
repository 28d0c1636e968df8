"""Building a large glossary fast without changing what it finds: lazy candidates, line numbers."""

from __future__ import annotations

import random

import pytest
from benchmarks.synth import synthetic_glossary

from yiwen.errors import GlossaryError
from yiwen.glossary import load_glossaries

from .conftest import brief, check


def _load(tmp_path, text, name="g.toml"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return load_glossaries([str(p)])


def _error(tmp_path, text) -> str:
    with pytest.raises(GlossaryError) as exc:
        _load(tmp_path, text)
    return str(exc.value).replace(str(tmp_path) + "/", "")


def test_every_entry_of_a_large_glossary_is_found_by_its_canonical_form(tmp_path):
    g = _load(tmp_path, synthetic_glossary(1500, seed=11))
    rng = random.Random(5)
    sample = rng.sample(g.entries(), 200)
    text = ". ".join(g.canonical(e) for e in sample) + "."
    found = g.find(text)
    assert [m.text for m in found] == [g.canonical(e) for e in sample]
    for m, e in zip(found, sample, strict=True):
        assert m.form == "canonical" and g.canonical(m.entry) == g.canonical(e)


def test_a_key_shared_by_entries_lists_every_candidate_best_rank_first(make_glossary):
    g = make_glossary(
        "[[person]]\nfamily = 'Fu'\ngiven = 'Wang'\n\n"
        "[[person]]\nfamily = 'Wang'\ngiven = 'Fu'\n\n"
        "[[term]]\nen = 'Fu Wang Hall'\navoid = ['Wang Fu']\n"
    )
    cands = g.matcher.candidates("WANG FU")
    # The person written this way comes first (canonical), then the other order of Fu Wang,
    # then the term's avoid form; each once, whichever way the key is reached.
    assert [(c.entry.label(), c.form, c.surface) for c in cands] == [
        ("Wang Fu", "canonical", "Wang Fu"),
        ("Fu Wang", "variant", "Wang Fu"),
        ("Fu Wang Hall", "avoid", "Wang Fu"),
    ]
    assert g.find("Wang Fu came.")[0].entry.label() == "Wang Fu"
    assert g.matcher.candidates("Wang Fu") == cands
    assert g.matcher.candidates("nobody") == []


def test_one_person_gets_the_honorific_surname_forms(make_glossary):
    g = make_glossary(
        "[[person]]\nfamily = 'Wang'\ngiven = 'Ruitao'\n\n[[person]]\nfamily = 'Wang'\ngiven = 'Fu'\n"
    )
    owners = {c.entry.given for c in g.matcher.candidates("Dr. Wang")}
    assert owners == {"Ruitao"}
    m = g.find("Dr Wang spoke.")[0]
    assert (m.form, m.canonical, m.shape.order) == ("variant", "Dr. Wang", "surname")


def test_capital_surname_after_a_given_name_that_contains_it(make_glossary):
    # The given name "Wenli" holds the surname "Li": only the surname is written in capitals,
    # so the split shape is "Wen Li LI" and its one problem is the split given name.
    g = make_glossary(
        '[glossary]\nname_order = "given-family"\nsurname_caps = true\n'
        '[[person]]\nfamily = "Li"\ngiven = "Wenli"\n'
    )
    assert g.find("Wen Li LI spoke.")[0].shape.text == "Wen Li LI"
    findings = check("Wen Li LI spoke. Wenli LI spoke.\n", g)
    assert brief(findings) == [("N002", "Wen Li LI", "Wenli LI")]
    assert findings[0].message == "Write 'Wenli LI' (given name as one word)"


def test_error_line_is_the_key_inside_its_own_table(tmp_path):
    text = (
        '[[term]]\nen = "A"\nkind = "title"\n\n'
        '[[term]]\nen = "B"\nkind = "ward"\n\n'
        '[[term]]\nen = "C"\nkind = "title"\n'
    )
    assert _error(tmp_path, text).startswith("g.toml:7: term 'B': 'kind' must be one of")


def test_error_line_counts_toml_lines_only(tmp_path):
    # A line separator inside a string is not a TOML line break; CRLF files count lines too.
    text = (
        '[[term]]\r\nen = "A"\r\nnote = "one\u2028two"\r\n\r\n[[term]]\r\nen = "B"\r\nkind = 3\r\n'
    )
    assert _error(tmp_path, text).startswith("g.toml:7: term 'B': 'kind' must be a string")
    g = _load(tmp_path, text.replace("kind = 3", 'kind = "place"'))
    assert [t.origin.rsplit(":", 1)[1] for t in g.terms] == ["1", "5"]


def test_entries_written_as_an_inline_array_name_its_line(tmp_path):
    text = '# terms\n\nterm = [{ en = "A" }, { en = "B", kind = 3 }]\n\n[glossary]\nname = "x"\n'
    assert _error(tmp_path, text) == "g.toml:3: term 'B': 'kind' must be a string"
    assert _load(tmp_path, text.replace(", kind = 3", "")).terms[1].origin.endswith(":3")
