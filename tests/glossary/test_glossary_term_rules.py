"""T001–T004: avoided forms, proper-name case, one term cased two ways, one post rendered two ways."""

from __future__ import annotations


def test_avoid_form_gets_canonical(gloss, run_check, short):
    text = "She trained in osteopathy at Shanghai First People’s Hospital.\n"
    assert short(run_check(text, gloss, ("T001",))) == [
        ("T001", "osteopathy", "Orthopedics"),
        ("T001", "Shanghai First People’s Hospital", "Shanghai General Hospital"),
    ]
    assert all(f.applicability.value == "safe" for f in run_check(text, gloss, ("T001",)))


def test_proper_name_case(gloss, run_check, short):
    text = (
        "The team left for Qinghai province from shanghai general hospital. "
        "SHANGHAI GENERAL HOSPITAL is in capitals. Qinghai Province is right.\n"
    )
    assert short(run_check(text, gloss, ("T002",))) == [
        ("T002", "Qinghai province", "Qinghai Province"),
        ("T002", "shanghai general hospital", "Shanghai General Hospital"),
    ]


def test_lower_case_title_after_a_name_alone_is_fine(gloss, run_check):
    text = (
        "Qiu Zhengjun, director of the General Surgery Center, spoke. "
        "Director Qiu thanked the team. Executive Director Li and the executive director met.\n"
    )
    assert run_check(text, gloss, ("T003",)) == []


def test_same_title_cased_two_ways(gloss, run_check, short):
    text = (
        "The plan came from the executive director of the center. "
        "Members of the Party committee met, and the Party Committee agreed. "
        "The decision of the Executive Director was final.\n"
    )
    got = short(run_check(text, gloss, ("T003",)))
    # Party Committee: the glossary's casing wins; Executive Director: also the glossary's.
    assert got == [
        ("T003", "executive director", "Executive Director"),
        ("T003", "Party committee", "Party Committee"),
    ]
    assert all(f.applicability.value == "unsafe" for f in run_check(text, gloss, ("T003",)))


def test_minority_casing_wins_when_glossary_casing_absent(
    tmp_path, make_glossary, run_check, short, small_text
):
    g = make_glossary(small_text.replace('en = "Party Committee"', 'en = "PARTY COMMITTEE"'))
    text = "the Party committee met; the Party committee agreed; the Party Committee voted.\n"
    assert short(run_check(text, g, ("T003",))) == [("T003", "Party Committee", "Party committee")]


def test_headline_and_sentence_start_are_not_compared(gloss, run_check):
    text = (
        "Party Committee Holds Annual Meeting on Aiding Qinghai\n\n"
        "Party committee members met on Monday. The Party committee agreed.\n"
    )
    assert run_check(text, gloss, ("T003",)) == []


def test_one_post_two_renderings(gloss, run_check, short):
    text = (
        "Shanghai General Hospital Director Zheng Xingdong Visits Golog\n\n"
        "Zheng Xingdong, President of Shanghai General Hospital, met the team. "
        "The President thanked them. Qiu Zhengjun, director of the General Surgery Center, "
        "also spoke.\n"
    )
    got = short(run_check(text, gloss, ("T004",)))
    assert got == [("T004", "Director", "President")]
    f = run_check(text, gloss, ("T004",))[0]
    assert "院长" in f.message and f.severity.value == "warning"


def test_department_director_is_not_the_president(gloss, run_check):
    text = (
        "Zheng Xingdong, President of Shanghai General Hospital, met Qiu Zhengjun, "
        "Director of the General Surgery Center, and the director of Internal Medicine.\n"
    )
    assert run_check(text, gloss, ("T004",)) == []


def test_majority_rendering_wins(gloss, run_check, short):
    text = (
        "The Dean of Shanghai General Hospital opened the meeting. Later the Dean of "
        "Shanghai General Hospital spoke, and the President of Shanghai General Hospital closed it.\n"
    )
    assert short(run_check(text, gloss, ("T004",))) == [("T004", "President", "Dean")]


def test_rules_need_a_glossary(tmp_path):
    from yiwen.checking import Checker
    from yiwen.config import Config

    codes = {r.code for r in Checker(Config(select=("N", "T"))).rules()}
    assert not {"N001", "N004", "T001", "T004"} & codes
