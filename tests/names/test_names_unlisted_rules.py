"""N101–N105: name shapes that disagree within a document, with and without a glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from yiwen.config import Config
from yiwen.document import LoadOptions, load_document
from yiwen.models import Applicability, Finding, Severity
from yiwen.rules.registry import RuleContext, load_rules

SMALL_GLOSSARY = """
[glossary]
name = "Test Hospital"
name_order = "{order}"

[[person]]
zh = "刘宏毅"
family = "Liu"
given = "Hongyi"
"""


def check(text: str, glossary: object = None, **config: object) -> list[Finding]:
    doc = load_document("t.md", LoadOptions(), data=text.encode("utf-8"))
    ctx = RuleContext(doc, Config(**config), glossary=glossary)  # type: ignore[arg-type]
    out: list[Finding] = []
    for code, r in sorted(load_rules().items()):
        if "N101" <= code <= "N199":
            out += r.check(ctx)
    return sorted(out, key=Finding.sort_key)


def brief(fs: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.code, f.text, f.replacements[0] if f.replacements else "") for f in fs]


@pytest.fixture
def small_glossary(tmp_path: Path):
    from yiwen.glossary import load_glossaries

    def make(order: str):
        p = tmp_path / f"g-{order}.toml"
        p.write_text(SMALL_GLOSSARY.format(order=order), encoding="utf-8")
        return load_glossaries([str(p)])

    return make


# --- N101: both orders -------------------------------------------------------------------


def test_minority_order_flagged_without_house_order() -> None:
    text = "Zhao Mingyu opened the ward. Mingyu Zhao thanked staff. Zhao Mingyu left."
    fs = check(text)
    assert brief(fs) == [("N101", "Mingyu Zhao", "Zhao Mingyu")]
    assert fs[0].applicability is Applicability.UNSAFE
    assert fs[0].severity is Severity.ERROR


def test_minority_order_the_other_way() -> None:
    text = "Mingyu Zhao opened the ward. Zhao Mingyu thanked staff. Mingyu Zhao left."
    assert brief(check(text)) == [("N101", "Zhao Mingyu", "Mingyu Zhao")]


@pytest.mark.parametrize(
    ("order", "flagged", "fix"),
    [
        ("family-given", "Mingyu Zhao", "Zhao Mingyu"),
        ("given-family", "Zhao Mingyu", "Mingyu Zhao"),
    ],
)
def test_house_order_from_config_wins_over_the_majority(order: str, flagged: str, fix: str) -> None:
    text = "Mingyu Zhao came. Mingyu Zhao spoke. Zhao Mingyu left."
    fs = check(text, name_order=order)
    assert [(f.text, f.replacements[0]) for f in fs if f.code == "N101"] == [
        (flagged, fix)
    ] * text.count(flagged)
    assert all(f.applicability is Applicability.SAFE for f in fs)


def test_one_order_only_is_not_flagged() -> None:
    assert check("Mingyu Zhao came. Mingyu Zhao left.", name_order="family-given") == []


def test_tie_uses_the_documents_majority_then_first_seen() -> None:
    text = "Fang Weiming spoke. Weiming Fang left. Zhou Xinyi and Deng Yuhang came."
    assert brief(check(text)) == [("N101", "Weiming Fang", "Fang Weiming")]
    text = "Weiming Fang spoke. Fang Weiming left."
    assert brief(check(text)) == [("N101", "Fang Weiming", "Weiming Fang")]


def test_ambiguous_single_syllable_names_in_both_orders() -> None:
    text = "Jing Shen spoke first. Later Shen Jing saw the team off."
    assert brief(check(text, name_order="family-given")) == [("N101", "Jing Shen", "Shen Jing")]


def test_glossary_order_with_a_glossary(small_glossary) -> None:
    g = small_glossary("given-family")
    text = "Zhao Mingyu came. Zhao Mingyu spoke. Mingyu Zhao left."
    fs = check(text, glossary=g)
    assert brief(fs) == [("N101", "Zhao Mingyu", "Mingyu Zhao")] * 2


def test_people_the_glossary_knows_are_left_to_the_glossary_rules(small_glossary) -> None:
    text = "Hongyi Liu came. Liu Hongyi spoke. Liu hongyi left. Mingyu Zhao and Zhao Mingyu."
    fs = check(text, glossary=small_glossary("family-given"))
    assert brief(fs) == [("N101", "Mingyu Zhao", "Zhao Mingyu")]
    # Without the glossary the same text gives findings for Liu Hongyi too.
    assert {f.text for f in check(text)} >= {"Liu hongyi"}


def test_bundled_glossary_people_are_skipped() -> None:
    from yiwen.glossary import bundled_glossary_path, load_glossaries

    path = bundled_glossary_path()
    if not path.exists():
        pytest.skip("bundled glossary not present")
    g = load_glossaries([str(path)])
    text = (
        "Xingdong Zheng spoke. Zheng Xingdong left. Hao Yuming came. Yuming Hao left. Hao Yuming."
    )
    assert brief(check(text, glossary=g)) == [("N101", "Yuming Hao", "Hao Yuming")]


# --- N102: capitals ----------------------------------------------------------------------


def test_caps_surname_minority() -> None:
    text = "XU Yongjian chaired. Xu Yongjian spoke. Xu Yongjian left."
    fs = check(text)
    assert brief(fs) == [("N102", "XU Yongjian", "Xu Yongjian")]
    assert fs[0].applicability is Applicability.UNSAFE


def test_caps_surname_majority_given_first() -> None:
    text = "Yongjian XU chaired. Yongjian Xu spoke. Yongjian XU left."
    assert brief(check(text)) == [("N102", "Yongjian Xu", "Yongjian XU")]


def test_caps_only_is_consistent() -> None:
    assert check("XU Yongjian chaired. XU Yongjian left.") == []


def test_caps_with_glossary_house_style(small_glossary) -> None:
    g = small_glossary("family-given")
    text = "XU Yongjian chaired. XU Yongjian spoke. Xu Yongjian left."
    fs = check(text, glossary=g)
    # The glossary does not write surnames in capitals: the capitals lose, however many.
    assert brief(fs) == [("N102", "XU Yongjian", "Xu Yongjian")] * 2
    assert all(f.applicability is Applicability.SAFE for f in fs)


# --- N103: lower-case given name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fix"), [("Guo yongjin spoke.", "Guo Yongjin"), ("Then Du juan came.", "Du Juan")]
)
def test_lower_case_given_name(text: str, fix: str) -> None:
    fs = check(text)
    assert brief(fs) == [("N103", fix.split()[0] + " " + fix.split()[1].lower(), fix)]
    assert fs[0].applicability is Applicability.SAFE


def test_lower_case_given_with_and_without_glossary(small_glossary) -> None:
    text = "Guo yongjin spoke."
    assert brief(check(text, glossary=small_glossary("given-family"))) == [
        ("N103", "Guo yongjin", "Guo Yongjin")
    ]


def test_lower_case_english_after_surname_is_fine() -> None:
    assert check("He ran. Long sang. Ma said. Wang also came. Sun rose.") == []


# --- N104: split given name --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bad", "fix"),
    [
        ("Wu Yong Zhong led. Wu Yongzhong spoke.", "Wu Yong Zhong", "Wu Yongzhong"),
        ("Yong Zhong Wu led. Yongzhong Wu spoke.", "Yong Zhong Wu", "Yongzhong Wu"),
    ],
)
def test_split_given_name(text: str, bad: str, fix: str) -> None:
    fs = check(text)
    assert brief(fs) == [("N104", bad, fix)]
    assert fs[0].severity is Severity.WARNING


def test_split_without_joined_form_is_left_alone() -> None:
    assert check("Wu Yong Zhong led the round.") == []


# --- N105: run together ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "order", "fix"),
    [
        ("Dr. Wangyu examined the patient.", "", "Wang Yu"),
        ("Dr.Wangyu examined the patient.", "family-given", "Wang Yu"),
        ("Dr. Wangyu examined the patient.", "given-family", "Yu Wang"),
        ("Zhaolei, director of the clinic, agreed.", "", "Zhao Lei"),
        ("Professor Ouyangwen agreed.", "", "Ouyang Wen"),
    ],
)
def test_run_together(text: str, order: str, fix: str) -> None:
    fs = check(text, name_order=order)
    assert [(f.code, f.replacements[0]) for f in fs] == [("N105", fix)]
    assert fs[0].severity is Severity.WARNING
    assert fs[0].applicability is Applicability.UNSAFE


def test_run_together_follows_the_documents_order() -> None:
    text = "Mingyu Zhao and Weiming Fang came. Dr. Wangyu spoke."
    assert [f.replacements[0] for f in check(text) if f.code == "N105"] == ["Yu Wang"]


def test_run_together_given_name_used_elsewhere_is_not_flagged() -> None:
    assert check("Zhang Lianghua came. Later Dr. Lianghua spoke.") == []


def test_the_seed_shapes_without_a_glossary() -> None:
    text = (
        "Dr.Ruitao Wang joined. Dr, Wang Ruitao spoke. Jing Qin, Secretary, and Xingdong Zheng, "
        "President, came; Zheng Xingdong thanked Dr.Wang Ruitao."
    )
    codes = brief(check(text, name_order="family-given"))
    assert ("N101", "Ruitao Wang", "Wang Ruitao") in codes
    assert ("N101", "Xingdong Zheng", "Zheng Xingdong") in codes
    assert all(code == "N101" for code, _, _ in codes)
