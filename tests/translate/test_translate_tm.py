"""The cache and translation memory: never send a segment twice; TMX out and in."""

from __future__ import annotations

import pytest

ARTICLE = "# 新闻\n\n医生在医院完成了手术。\n\n护士在病房看望了病人。\n"


def test_second_run_sends_nothing(provider_env, cli, tmp_path):
    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    first = cli("translate", "a.zh.md", "--engine", "google")
    assert first.exit_code == 0, first.stderr
    n = len(provider_env.seen)
    assert n >= 1
    second = cli("translate", "a.zh.md", "--engine", "google")
    assert second.exit_code == 0
    assert len(provider_env.seen) == n
    assert "0 requests, 3 from cache" in second.stderr
    third = cli("translate", "a.zh.md", "--engine", "google", "--no-cache")
    assert third.exit_code == 0 and len(provider_env.seen) == n + 1


def test_a_changed_paragraph_is_the_only_one_sent(provider_env, cli, tmp_path):
    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    cli("translate", "a.zh.md", "--engine", "google")
    (tmp_path / "a.zh.md").write_text(ARTICLE.replace("病人", "老人"), "utf-8")
    provider_env.seen.clear()
    cli("translate", "a.zh.md", "--engine", "google")
    assert [s.text for s in provider_env.seen] == ["护士在病房看望了老人。"]


def test_tmx_round_trip_and_approved_entries_first(provider_env, cli, tmp_path):
    from defusedxml.ElementTree import fromstring

    (tmp_path / "a.zh.md").write_text(ARTICLE, "utf-8")
    cli("translate", "a.zh.md", "--engine", "google")
    r = cli("tm", "export", "--format", "tmx", "-o", "mem.tmx")
    assert r.exit_code == 0
    root = fromstring((tmp_path / "mem.tmx").read_bytes())
    assert root.get("version") == "1.4" and len(root.findall("body/tu")) == 3
    # A translator corrects one unit in a CAT tool and sends it back.
    approved = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'creationtool="cat" creationtoolversion="1" segtype="paragraph" o-tmf="x" adminlang="en" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="zh-CN"><seg>医生在医院完成了手术。</seg>'
        '</tuv><tuv xml:lang="en-US"><seg>The surgeon completed the operation.</seg></tuv></tu>'
        "</body></tmx>"
    )
    (tmp_path / "fixed.tmx").write_text(approved, "utf-8")
    r = cli("tm", "import", "fixed.tmx")
    assert r.exit_code == 0 and "imported 1 approved" in r.stdout
    provider_env.seen.clear()
    r = cli("translate", "a.zh.md", "--engine", "deepl", "-o", "b.en.md")
    assert r.exit_code == 0, r.stderr
    assert "1 from memory" in r.stderr
    assert "The surgeon completed the operation." in (tmp_path / "b.en.md").read_text("utf-8")
    assert "医生在医院完成了手术。" not in "".join(s.text for s in provider_env.seen)


@pytest.mark.parametrize(
    "payload, message",
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b"<tmx><body/></tmx>",
            "refused unsafe XML",
        ),
        (b"<tmx><body><tu>", "not well-formed"),
        (b"<xliff/>", "not a TMX file"),
    ],
)
def test_bad_tmx_is_one_clear_line(cli, tmp_path, payload, message):
    (tmp_path / "x.tmx").write_bytes(payload)
    r = cli("tm", "import", "x.tmx")
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.stderr
