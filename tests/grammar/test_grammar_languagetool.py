"""`yiwen check --lt-server URL` against a real LanguageTool server (see conftest.lt_url)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.languagetool


def _check(cli, tmp_path, text: str, *args: str, name: str = "draft.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = cli("check", str(path), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["files"][0]["findings"], text


def test_agreement_error_is_a_grammar_finding_with_the_right_span(cli, tmp_path, lt_url):
    findings, _ = _check(cli, tmp_path, "He go to the hospital every day.\n", "--lt-server", lt_url)
    lt = [f for f in findings if f["code"].startswith("LT.")]
    assert len(lt) == 1
    (f,) = lt
    assert f["severity"] == "error"
    assert (f["offset"], f["length"], f["text"]) == (3, 2, "go")
    assert f["applicability"] == "unsafe" and "goes" in f["replacements"]


def test_non_bmp_characters_before_a_match_do_not_shift_it(cli, tmp_path, lt_url):
    text = (
        "The ward 😀 welcomed 𠀀 everyone 😀😀 warmly.\n\nThen he go to the hospital every day.\n"
    )
    findings, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT")
    go = [f for f in findings if f["text"] == "go"]
    assert go, findings
    assert go[0]["offset"] == text.index("he go") + 3
    assert go[0]["line"] == 3 and go[0]["column"] == text.splitlines()[2].index("go") + 1


def test_pinyin_names_get_no_spelling_finding_but_misspellings_do(cli, tmp_path, lt_url):
    text = "Dr. Zheng Xingdong met Qiu Zhengjun and the nurses recieved them warmly.\n"
    findings, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT")
    spelled = {f["text"] for f in findings if f["code"].startswith("LT.MORFOLOGIK")}
    assert spelled == {"recieved"}


def test_glossary_terms_get_no_spelling_finding(cli, tmp_path, lt_url):
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[glossary]\nname = "Test"\n\n[[term]]\nzh = "美迪万斯中心"\nen = "Medivance Centre"\n'
        'kind = "organization"\n',
        encoding="utf-8",
    )
    text = "The Medivance Centre opened a new ward this spring.\n"
    without, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT")
    assert any(f["text"] == "Medivance" for f in without)  # LanguageTool does flag it
    with_glossary, _ = _check(
        cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT", "--glossary", str(glossary)
    )
    assert not any(f["text"] == "Medivance" for f in with_glossary)


def test_doubled_word_reported_once_under_the_builtin_code(cli, tmp_path, lt_url):
    text = "We bring the the experience of our surgeons to every patient.\n"
    findings, _ = _check(cli, tmp_path, text, "--lt-server", lt_url)
    on_double = [
        f for f in findings if f["offset"] <= text.index("the the") < f["offset"] + f["length"]
    ]
    assert [f["code"] for f in on_double] == ["E001"]
    # With E001 ignored, LanguageTool's own repeat rule shows: the drop above was a dedupe.
    findings, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--ignore", "E001")
    assert any(f["code"] == "LT.ENGLISH_WORD_REPEAT_RULE" for f in findings)


def test_ignore_an_lt_rule_and_picky(cli, tmp_path, lt_url):
    text = "The nurse recieved us. Wait... the doctor came.\n"
    base, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT")
    assert "LT.MORFOLOGIK_RULE_EN_US" in {f["code"] for f in base}
    assert "LT.ELLIPSIS" not in {f["code"] for f in base}
    ignored, _ = _check(
        cli,
        tmp_path,
        text,
        "--lt-server",
        lt_url,
        "--select",
        "LT",
        "--ignore",
        "LT.MORFOLOGIK_RULE_EN_US",
    )
    assert "LT.MORFOLOGIK_RULE_EN_US" not in {f["code"] for f in ignored}
    picky, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT", "--picky")
    assert "LT.ELLIPSIS" in {f["code"] for f in picky}


def test_chinese_text_and_code_are_not_sent(cli, tmp_path, lt_url):
    text = "他 go 医院。张医生每天都去医院看病人。\n\n```\nHe go home\n```\n"
    findings, _ = _check(cli, tmp_path, text, "--lt-server", lt_url, "--select", "LT")
    assert findings == []
