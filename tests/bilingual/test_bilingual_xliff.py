"""An XLIFF file is its own bilingual pair: each unit's <source> is checked against its <target>."""

from __future__ import annotations

import json

from tests.conftest import GLOSSARIES

GLOSSARY = str(GLOSSARIES / "shanghai-general-hospital.toml")

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>院长郑兴东出席会议。</source>
        <target>President Xingdong Zheng attended the meeting.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment>
        <source>医院去年完成手术一百二十台。</source>
        <target>The hospital completed 12 operations last year.</target>
      </segment>
    </unit>
    <unit id="u3">
      <segment><source>新病区共有床位45张。</source></segment>
    </unit>
    <unit id="u4">
      <segment>
        <source>护士节表彰大会于5月12日举行。</source>
        <target>The Nurses Day ceremony was held on May 12.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_units_are_checked_against_their_own_sources(cli, tmp_path) -> None:
    f = tmp_path / "news.xlf"
    f.write_text(XLIFF, encoding="utf-8")
    r = cli("check", f, "-g", GLOSSARY, "--select", "B", "--format", "json")
    found = json.loads(r.stdout)["files"][0]["findings"]
    by_code = {(x["code"], x["text"]) for x in found}
    assert ("B003", "Xingdong Zheng") in by_code  # the name, fixed from its unit's source
    assert ("B005", "12") in by_code  # 一百二十 in the source
    assert any(x["code"] == "B001" and "45" in x["message"] for x in found)  # u3 has no target
    assert not any(x["line"] == 22 for x in found)  # u4 is a faithful translation
    ref = next(x["source"] for x in found if x["code"] == "B005")
    assert ref["path"] == str(f) and ref["line"] == 13 and "一百二十" in ref["text"]
    text = f.read_text(encoding="utf-8")
    for x in found:
        assert text[x["offset"] : x["offset"] + x["length"]] == x["text"]


def test_fix_writes_back_into_the_xliff_targets(cli, tmp_path) -> None:
    f = tmp_path / "news.xlf"
    f.write_text(XLIFF, encoding="utf-8")
    out = tmp_path / "fixed.xlf"
    r = cli("fix", f, "-g", GLOSSARY, "--select", "B", "-o", out)
    assert r.exit_code == 0, r.stderr
    fixed = out.read_text(encoding="utf-8")
    assert "<target>President Zheng Xingdong attended the meeting.</target>" in fixed
    assert "<source>院长郑兴东出席会议。</source>" in fixed
