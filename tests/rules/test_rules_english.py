"""English mechanics rules (E001–E015): texts that must fail (code, span, fix) and must pass."""

from __future__ import annotations

import pytest
from tests.rules.helpers import run_rules

from yiwen.models import Applicability, Finding, Severity
from yiwen.rules.english import needs_an, ordinal_suffix
from yiwen.rules.registry import load_rules


def check(
    text: str, select: tuple[str, ...] = ("E",), name: str = "draft.txt", **config
) -> list[Finding]:
    """Run the E rules (or `select`) on `text`."""
    return run_rules(text, select, name, **config)


# (text, code, flagged span, first replacement)
FAILS = [
    # E001 doubled word
    ("We will bring the the experience home.", "E001", "the the", "the"),
    ("We will bring the\nthe experience home.", "E001", "the\nthe", "the"),
    ("The the ward opened.", "E001", "The the", "The"),
    ('He will promote the "the Spirit of Service" widely.', "E001", 'the "the', '"the'),
    ("She said it was a a good day.", "E001", "a a", "a"),
    # E002 missing space after punctuation
    ("The team arrived on Monday.Next week they start.", "E002", ".", ". "),
    ("Read the article:https://example.org/news today.", "E002", ":", ": "),
    ("The hospital is in Shanghai,China and has 2000 beds.", "E002", ",", ", "),
    ("Was it ready?Yes, it was.", "E002", "?", "? "),
    ("It opened in 2023.The ward has 40 beds.", "E002", ".", ". "),
    ("He trained at St.Luke's Hospital.", "E002", ".", ". "),
    ("They brought beds, monitors, etc.The rest came later.", "E002", ".", ". "),
    # E003 honorific glued to the name
    ("Dr.Wang Ruitao joined the team.", "E003", "Dr.Wang", "Dr. Wang"),
    ("We thanked Prof.Zhang for the lecture.", "E003", "Prof.Zhang", "Prof. Zhang"),
    ("Mrs.Li met the nurses.", "E003", "Mrs.Li", "Mrs. Li"),
    # E004 wrong mark in an honorific
    ("The surgeon Dr, Wang Ruitao joined the team.", "E004", "Dr, Wang", "Dr. Wang"),
    ("We met Prof; Li Hua at noon.", "E004", "Prof; Li", "Prof. Li"),
    ("We met Ms·Chen at noon.", "E004", "Ms·Chen", "Ms. Chen"),
    ("We met Dr .Zhou at noon.", "E004", "Dr .Zhou", "Dr. Zhou"),
    # E005 honorific style (default house style "Dr.")
    ("Dr Wang Ruitao joined the team.", "E005", "Dr", "Dr."),
    ("We met Prof Li Hua at noon.", "E005", "Prof", "Prof."),
    # E006 space before punctuation
    ("The ward opened on Monday , and patients came.", "E006", " ", ""),
    ("Patients arrived early .", "E006", " ", ""),
    ("Is the ward open ?", "E006", " ", ""),
    ("The plan has three parts : care, teaching and research.", "E006", " ", ""),
    # E007 multiple spaces
    ("The new  ward has 40 beds.", "E007", "  ", " "),
    ("The new ward has   40 beds.", "E007", "   ", " "),
    # E008 Chinese punctuation in English
    ("The team arrived on Monday，and the ward opened.", "E008", "，", ", "),
    ("The ward opened in May。 Patients came.", "E008", "。", "."),
    ("The list covers nurses、doctors and staff.", "E008", "、", ", "),
    ("The plan has one goal：better care.", "E008", "：", ": "),
    ("Is it ready？ Yes.", "E008", "？", "?"),
    ("The hospital（SGH）opened a ward.", "E008", "（SGH）", " (SGH) "),
    ("The form has a blank（）to fill.", "E008", "（）", " () "),  # an empty pair
    ("The results——all good, as hoped.", "E008", "——", "—"),
    ("We waited……and waited.", "E008", "……", "…"),
    ("It was that simple！", "E008", "！", "!"),
    # E009 full-width letters and digits
    ("The hospital opened in ２０２３ with a new scanner.", "E009", "２０２３", "2023"),
    ("A new ＣＴ scanner arrived.", "E009", "ＣＴ", "CT"),
    ("The ward\u3000opened on Monday.", "E009", "\u3000", " "),
    # E012 ordinal suffix
    ("On July 22th, the team left.", "E012", "22th", "22nd"),
    ("It was the 21th meeting.", "E012", "21th", "21st"),
    ("It was their 2st visit.", "E012", "2st", "2nd"),
    ("It was the 11st meeting.", "E012", "11st", "11th"),
    ("It was the 3th meeting.", "E012", "3th", "3rd"),
    ("It was the 113rd meeting.", "E012", "113rd", "113th"),
    ("THE 22TH MEETING was held.", "E012", "22TH", "22ND"),
    # E013 capital after a comma or semicolon
    ("The old ward closed in May; The new one opens in June.", "E013", "The", "the"),
    ("The team worked hard, And the patients were grateful.", "E013", "And", "and"),
    ("The nurses, Who had trained for years, were honored.", "E013", "Who", "who"),
    # E014 a/an
    ("He spent a hour with the team.", "E014", "a hour", "an hour"),
    ("It is an hospital in Shanghai.", "E014", "an hospital", "a hospital"),
    ("She joined an university team.", "E014", "an university", "a university"),
    ("The patient needed a MRI before surgery.", "E014", "a MRI", "an MRI"),
    ("He went on an one-year mission.", "E014", "an one-year", "a one-year"),
    ("It was a honest answer.", "E014", "a honest", "an honest"),
    ("They built an unit for burns.", "E014", "an unit", "a unit"),
    ("She is an European expert.", "E014", "an European", "a European"),
    ("It is a ICU bed.", "E014", "a ICU", "an ICU"),
    ("They treated a 8-year-old boy.", "E014", "a 8-year-old", "an 8-year-old"),
    ("They treated a 11-year-old boy.", "E014", "a 11-year-old", "an 11-year-old"),
    ("It took a X-ray.", "E014", "a X-ray", "an X-ray"),
    ("It was a useful visit, an useful one.", "E014", "an useful", "a useful"),
    ("A hour later the team left.", "E014", "A hour", "An hour"),
    ("We saw a elderly patient.", "E014", "a elderly", "an elderly"),
    ("It was an big day.", "E014", "an big", "a big"),
]


@pytest.mark.parametrize(("text", "code", "span", "fix"), FAILS)
def test_rule_fires_with_span_and_fix(text: str, code: str, span: str, fix: str) -> None:
    found = [f for f in check(text) if f.code == code]
    assert len(found) == 1, [(f.code, f.text) for f in check(text)]
    assert found[0].text == span
    assert found[0].replacements[0] == fix


# Texts each rule must leave alone (its own code must not appear).
PASSES = [
    ("E001", "He had had enough; that that was true is clear."),
    ("E001", "Dr. Li Li and Dr. Yang Yang joined the team."),
    ("E001", "The theory of the thesis is sound."),
    ("E002", "The dose rose from 3.5 mg to 4.0 mg at 10:30 a.m. on Monday."),
    ("E002", "Visit shgh.cn or www.example.org/news for details."),
    ("E002", "The U.S. team, e.g. the surgeons, met the Ph.D students."),
    ("E002", "Dr.Wang is covered by its own rule."),
    ("E002", "It cost 1,000 yuan; the ratio was 3:1."),
    ("E002", "See https://example.org/a:b,c for the report."),
    ("E003", "Dr. Wang and Prof. Zhang met Mr. Li and Mrs. Chen."),
    ("E003", "The drug names are Dr.x and MDr.Test."),
    ("E004", "Please call your Dr, who will help."),
    ("E004", "He has an MS, a PhD and an MD."),
    ("E005", "Dr. Wang and Prof. Zhang met Mr. Li."),
    ("E005", "Dr and Prof are honorifics."),
    ("E006", "He paused ... and then spoke."),
    ("E006", "The .NET team scored .5 points; the ratio was 3 : 1."),
    ("E007", "The ward opened.  Patients came on Monday."),
    ("E007", "    Indented line of text.\nAnother line."),
    ("E007", "Name     Title      Department\nWang     Surgeon    Surgery"),
    ("E008", "Dr. Wang Ruitao (王瑞涛（外科）) joined the team in 2023."),
    ("E008", "He said “welcome” and left — quickly… as planned."),
    ("E009", "The hospital opened in 2023 with a new CT scanner."),
    ("E011", "Steps: 1) register, 2) wait, a) sit. The room (Ward 3) is open."),
    ("E011", "He said “we are ready” and (she agreed)."),
    ("E012", "The 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 23rd, 101st and 111th."),
    ("E013", "Qiu Zhengjun, Director of Surgery, and Jing Qin, Secretary, attended."),
    ("E013", "In Shanghai, I met the team; IT staff, US doctors and The Lancet editors came."),
    ("E013", "Dr. Wang, A Specialist from Shanghai, Joins the Team in Qinghai"),
    ("E013", "They took vitamins C, A and E."),
    ("E014", "An hour, a university, a one-year stint, a European team, an honest man."),
    ("E014", "An MRI, a CT scan, an ICU bed, a US team, an NHS ward, a NATO team, an FAQ."),
    ("E014", "A 10-day course, an 18-month plan, an 80-bed ward and a 1100 budget."),
    ("E014", "Vitamin A intake and Plan A or B; Prof. An Ying spoke."),
    (
        "E014",
        "A unique case, an umbrella, a usual day, an unusual day, a urologist, an urgent case.",
    ),
    ("E014", "He used the letter a in a word; the a.m. shift."),
]


@pytest.mark.parametrize(("code", "text"), PASSES)
def test_rule_stays_quiet(code: str, text: str) -> None:
    assert [(f.code, f.text) for f in check(text) if f.code == code] == []


def test_doubled_word_keeps_severity_and_safe_fix() -> None:
    (f,) = check("Bring the the team.")
    assert f.severity is Severity.ERROR
    assert f.applicability is Applicability.SAFE
    assert f.rule == "doubled-word"


def test_honorific_house_style_without_period() -> None:
    text = "Dr. Wang met Dr Li, then Dr.Zhou and Dr, Chen."
    found = {(f.code, f.text, f.replacements[0]) for f in check(text, honorific="Dr")}
    assert found == {
        ("E005", "Dr.", "Dr"),
        ("E003", "Dr.Zhou", "Dr Zhou"),
        ("E004", "Dr, Chen", "Dr Chen"),
    }


def test_honorific_house_style_with_period_is_default() -> None:
    found = [(f.code, f.text) for f in check("Dr. Wang met Dr Li.")]
    assert found == [("E005", "Dr")]


def test_book_title_marks_become_quotes_unsafe() -> None:
    found = [f for f in check("He read 《Health News》 every week.") if f.code == "E008"]
    assert [(f.text, f.replacements[0], f.applicability) for f in found] == [
        ("《", '"', Applicability.UNSAFE),
        ("》", '"', Applicability.UNSAFE),
    ]


def test_chinese_punctuation_left_alone_in_chinese_sentences_of_mixed_paragraph() -> None:
    text = "The team left on Monday. 医疗队今天出发，前往青海。大家都来送行，场面感人。"
    assert [f for f in check(text) if f.code in ("E008", "E009")] == []


def test_chinese_punctuation_found_in_english_sentence_of_mixed_paragraph() -> None:
    text = "The medical team left for Qinghai on Monday，and returned in a year. 医疗队今天出发，前往青海。"
    found = [(f.text, f.replacements[0]) for f in check(text) if f.code == "E008"]
    assert found == [("，", ", ")]


def test_mixed_quotes_flag_the_minority_style() -> None:
    text = (
        "He said “we are ready” and “we will go”.\n\n"
        'The nurse said "welcome" to the team.\n\n'
        "Dr. Wang’s team and the hospital’s staff met Li's group."
    )
    found = [(f.text, f.replacements[0], f.applicability) for f in check(text) if f.code == "E010"]
    assert found == [
        ('"', "“", Applicability.UNSAFE),
        ('"', "”", Applicability.UNSAFE),
        ("'", "’", Applicability.UNSAFE),
    ]


def test_mixed_quotes_curly_minority_gets_safe_straight_fix() -> None:
    text = 'He said "yes" and "no" and "maybe".\n\nShe said “fine”.'
    found = [(f.text, f.replacements[0], f.applicability) for f in check(text) if f.code == "E010"]
    assert found == [("“", '"', Applicability.SAFE), ("”", '"', Applicability.SAFE)]


def test_mixed_quotes_ignore_primes_and_single_style() -> None:
    assert [f for f in check('He is 5\'10" tall and said "fine".') if f.code == "E010"] == []
    assert [f for f in check("He said “fine” and “good”.") if f.code == "E010"] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The centre (opened in 2020 has 40 beds.", "("),
        ("The centre opened in 2020) and has 40 beds.", ")"),
        ("He said “we are ready and left.", "“"),
        ('He said "we are ready and left.', '"'),
        ("The list [of wards) is long.", ")"),
    ],
)
def test_unbalanced_marks(text: str, span: str) -> None:
    found = [f for f in check(text) if f.code == "E011"]
    assert span in [f.text for f in found]
    assert all(f.replacements == () for f in found)


def test_quotation_continued_over_paragraphs_is_balanced() -> None:
    text = "“We arrived in spring,” she said. “The work was hard.\n\n“But we finished it.”"
    assert [f for f in check(text) if f.code == "E011"] == []


def test_capital_after_comma_unsafe_and_skips_headline_lines() -> None:
    text = (
        "Dr. Wang, A Surgeon from Shanghai, Joins the Team\n\nThe ward closed; The new one opens."
    )
    found = [f for f in check(text) if f.code == "E013"]
    assert [(f.text, f.applicability) for f in found] == [("The", Applicability.UNSAFE)]


def test_page_furniture_lines() -> None:
    text = (
        "• News\n\nHome > News > Hospital News\n\n"
        "Link of the original article: https://example.org/s/abc\n\n"
        "The team left on Monday. Share the news with your friends.\n\n"
        "Find a Doctor\nBack to top\n\nShare\n\nPrint\n"
    )
    found = [f for f in check(text) if f.code == "E015"]
    assert [f.text for f in found] == [
        "• News",
        "Home > News > Hospital News",
        "Link of the original article: https://example.org/s/abc",
        "Find a Doctor",
        "Back to top",
        "Share",
        "Print",
    ]
    assert all(f.severity is Severity.WARNING for f in found)
    assert all(f.applicability is Applicability.UNSAFE and f.replacements == ("",) for f in found)


def test_page_furniture_house_option_off() -> None:
    assert check("• News\n\nFind a Doctor\n", page_furniture=False) == []


def test_page_furniture_needs_the_whole_line() -> None:
    text = "News of the award reached the ward.\n\nPrint media covered the ceremony."
    assert check(text) == []


def test_markdown_code_and_urls_are_not_prose() -> None:
    text = (
        "# Title\n\nSee `the the` and [the site](https://x.org/a.B) ok.\n\n```\nteam.Next  x\n```\n"
    )
    assert check(text, name="draft.md") == []


@pytest.mark.parametrize(
    ("n", "suffix"),
    [
        (1, "st"),
        (2, "nd"),
        (3, "rd"),
        (4, "th"),
        (11, "th"),
        (12, "th"),
        (13, "th"),
        (21, "st"),
        (112, "th"),
        (1001, "st"),
    ],
)
def test_ordinal_suffix(n: int, suffix: str) -> None:
    assert ordinal_suffix(n) == suffix


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("hour", True),
        ("hospital", False),
        ("university", False),
        ("unimportant", True),
        ("MRI", True),
        ("CT", False),
        ("NATO", None),
        ("FAQ", None),
        ("8", True),
        ("18,000", True),
        ("180", False),
        ("1100", None),
        ("one-year", False),
        ("onerous", True),
    ],
)
def test_needs_an(word: str, expected: bool | None) -> None:
    assert needs_an(word) is expected


def test_every_rule_documented() -> None:
    rules = {c: r for c, r in load_rules().items() if c[0] in "EZ"}
    assert {f"E{n:03d}" for n in range(1, 16)} <= set(rules)
    for r in rules.values():
        assert len(r.explanation) > 80 and r.bad and r.good and r.bad != r.good


def test_rules_explain_prints_examples(cli) -> None:
    r = cli("rules", "explain", "E014")
    assert r.exit_code == 0
    assert "a hour" in r.stdout and "an hour" in r.stdout
