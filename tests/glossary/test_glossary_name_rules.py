"""N001–N005: every shape of a glossary person's name, both house orders, with and without honorific."""

from __future__ import annotations

import pytest

# (written, expected code or None, expected fix) for the house order family-given.
FAMILY_FIRST = [
    ("Wang Ruitao", None, None),
    ("Ruitao Wang", "N001", "Wang Ruitao"),
    ("WANG Ruitao", "N003", "Wang Ruitao"),
    ("Wang ruitao", "N003", "Wang Ruitao"),
    ("wang ruitao", "N003", "Wang Ruitao"),
    ("Wang Rui-tao", "N002", "Wang Ruitao"),
    ("Wang Rui Tao", "N002", "Wang Ruitao"),
    ("Rui-tao Wang", "N001", "Wang Ruitao"),
    ("Rui Tao Wang", "N001", "Wang Ruitao"),
    ("Wangruitao", "N002", "Wang Ruitao"),
    ("RuitaoWang", "N001", "Wang Ruitao"),
    ("Ruitao WANG", "N001", "Wang Ruitao"),
]

# The same shapes when the house writes given name first.
GIVEN_FIRST = [
    ("Ruitao Wang", None, None),
    ("Wang Ruitao", "N001", "Ruitao Wang"),
    ("Ruitao WANG", "N003", "Ruitao Wang"),
    ("ruitao Wang", "N003", "Ruitao Wang"),
    ("Rui-tao Wang", "N002", "Ruitao Wang"),
    ("Rui Tao Wang", "N002", "Ruitao Wang"),
    ("Wang Rui-tao", "N001", "Ruitao Wang"),
    ("Wang Rui Tao", "N001", "Ruitao Wang"),
    ("RuitaoWang", "N002", "Ruitao Wang"),
    ("Wangruitao", "N001", "Ruitao Wang"),
]


def _one(findings):
    assert len(findings) <= 1, findings
    return findings[0] if findings else None


@pytest.mark.parametrize(("written", "code", "fix"), FAMILY_FIRST)
def test_family_first_shapes(gloss, run_check, written, code, fix):
    text = f"Yesterday {written} visited the ward.\n"
    f = _one(run_check(text, gloss, ("N",)))
    if code is None:
        assert f is None
        return
    assert (f.code, f.text, f.replacements) == (code, written, (fix,))
    assert f.offset == text.index(written)
    assert f.applicability.value == "safe"


@pytest.mark.parametrize(("written", "code", "fix"), GIVEN_FIRST)
def test_given_first_shapes(make_glossary, run_check, written, code, fix):
    g = make_glossary(name_order="given-family")
    f = _one(run_check(f"Yesterday {written} visited the ward.\n", g, ("N",)))
    if code is None:
        assert f is None
    else:
        assert (f.code, f.text, f.replacements) == (code, written, (fix,))


@pytest.mark.parametrize(("written", "code", "fix"), FAMILY_FIRST)
@pytest.mark.parametrize("honorific", ["Dr. ", "Dr.", "Dr, ", "Dr "])
def test_shapes_with_honorific(gloss, run_check, written, code, fix, honorific):
    """An honorific in any punctuation joins the finding; the fix spaces it as "Dr. "."""
    full = honorific + written
    f = _one(run_check(f"We thanked {full} for the visit.\n", gloss, ("N",)))
    if code is None and honorific == "Dr. ":
        assert f is None
        return
    assert f is not None
    assert f.text == full
    assert f.replacements == ("Dr. Wang Ruitao",)
    assert f.code == (code or "N004")
    if honorific != "Dr. ":
        assert "honorific spaced" in f.message


@pytest.mark.parametrize(("written", "code", "fix"), GIVEN_FIRST)
def test_given_first_with_joined_honorific(make_glossary, run_check, written, code, fix):
    g = make_glossary(name_order="given-family")
    f = _one(run_check(f"We thanked Prof.{written} today.\n", g, ("N",)))
    assert f.text == f"Prof.{written}"
    assert f.replacements == ("Prof. Ruitao Wang",)
    assert f.code == (code or "N004")


@pytest.mark.parametrize(
    ("written", "code", "fix"),
    [
        ("Dr.Wang", "N004", "Dr. Wang"),
        ("Dr, Wang", "N004", "Dr. Wang"),
        ("Dr Wang", "N004", "Dr. Wang"),
        ("Dr.,Wang", "N004", "Dr. Wang"),
        ("Prof.Wang", "N004", "Prof. Wang"),
        ("Dr. WANG", "N003", "Dr. Wang"),
        ("Dr. Wang", None, None),
        ("Dr. Shen", None, None),
    ],
)
def test_honorific_and_surname_alone(gloss, run_check, written, code, fix):
    f = _one(run_check(f"Then {written} left for the airport.\n", gloss, ("N",)))
    if code is None:
        assert f is None
    else:
        assert (f.code, f.text, f.replacements) == (code, written, (fix,))


def test_british_honorific_house_style(gloss, run_check, short):
    """With honorific = "Dr" the stop-less form is right and "Dr." is the finding."""
    text = "Dr Wang Ruitao met Dr. Wang Ruitao and Prof Wang.\n"
    got = short(run_check(text, gloss, ("N",), honorific="Dr"))
    assert got == [
        ("N004", "Dr. Wang Ruitao", "Dr Wang Ruitao"),
        ("N004", "Prof Wang", "Prof. Wang"),
    ]


def test_own_english_name(gloss, run_check, short):
    text = "Jack Wang spoke. Later Wang Jianguo and Jianguo Wang and jack wang spoke.\n"
    assert short(run_check(text, gloss, ("N",))) == [
        ("N005", "Wang Jianguo", "Jack Wang"),
        ("N005", "Jianguo Wang", "Jack Wang"),
        ("N003", "jack wang", "Jack Wang"),
    ]


def test_house_writes_surnames_in_capitals(make_glossary, run_check, short, small_text):
    g = make_glossary(small_text.replace('honorifics = ["Dr.", "Prof."]', "surname_caps = true"))
    text = "WANG Ruitao came. Wang Ruitao came. Ruitao WANG came.\n"
    assert short(run_check(text, g, ("N",))) == [
        ("N003", "Wang Ruitao", "WANG Ruitao"),
        ("N001", "Ruitao WANG", "WANG Ruitao"),
    ]


def test_not_names(gloss, run_check):
    """Words containing a name, a surname alone and other people named Wang are left alone."""
    text = (
        "We walked down Wangfujing to meet Wang, Jack Wang's brother Wang Fang and "
        "Wang Ruitaos. Yo-Yo Ma played; Shenjingbing is not a name here? Wang Fu came.\n"
    )
    got = [(f.code, f.text) for f in run_check(text, gloss, ("N",))]
    # "Wang Fu" is a glossary person written right; "Shenjingbing" holds "Shenjing" inside a word.
    assert got == []


def test_name_across_line_break_and_no_break_space(gloss, run_check, short):
    text = (
        "The surgeon Wang\nRuitao and his colleague Wang\u00a0Ruitao and Ruitao\u00a0Wang came.\n"
    )
    assert short(run_check(text, gloss, ("N",))) == [
        ("N001", "Ruitao\u00a0Wang", "Wang Ruitao"),
    ]


def test_config_name_order_overrides_glossary(tmp_path, small_text):
    from yiwen.glossary import load_glossaries

    p = tmp_path / "g.toml"
    p.write_text(small_text, "utf-8")
    g = load_glossaries([str(p)], name_order="given-family")
    person = next(x for x in g.people if x.given == "Ruitao")
    assert g.canonical(person) == "Ruitao Wang"
