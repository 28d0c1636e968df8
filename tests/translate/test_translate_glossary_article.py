"""A Chinese article with 15+ glossary people and terms comes out with every one exactly right,
through a stand-in engine that scrambles every word it is not protected from."""

from __future__ import annotations

import re
from pathlib import Path

GLOSSARY = """
[glossary]
name = "Test Hospital"
name_order = "family-given"
honorifics = ["Dr.", "Prof."]

[[person]]
zh = "林雪梅"
family = "Lin"
given = "Xuemei"

[[person]]
zh = "高振宇"
family = "Gao"
given = "Zhenyu"

[[person]]
zh = "欧阳明哲"
family = "Ouyang"
given = "Mingzhe"

[[person]]
zh = "曾文涛"
family = "Zeng"
given = "Wentao"

[[person]]
zh = "韩晓燕"
family = "Han"
given = "Xiaoyan"
en = "Helen Han"

[[person]]
zh = "陆建国"
family = "Lu"
given = "Jianguo"

[[term]]
zh = "上海市第一人民医院"
en = "Shanghai General Hospital"
kind = "organization"
avoid = ["Shanghai First People's Hospital"]

[[term]]
zh = "国家卫生健康委员会"
en = "National Health Commission"
kind = "organization"

[[term]]
zh = "普外科"
en = "Department of General Surgery"
kind = "department"

[[term]]
zh = "骨科"
en = "Department of Orthopedics"
kind = "department"
avoid = ["Osteopathy"]

[[term]]
zh = "心内科"
en = "Department of Cardiology"
kind = "department"

[[term]]
zh = "急诊科"
en = "Emergency Department"
kind = "department"

[[term]]
zh = "党委书记"
en = "Secretary of the Party Committee"
kind = "title"

[[term]]
zh = "主任医师"
en = "Chief Physician"
kind = "title"

[[term]]
zh = "果洛藏族自治州"
en = "Golog Tibetan Autonomous Prefecture"
kind = "place"

[[term]]
zh = "青海省"
en = "Qinghai Province"
kind = "place"

[[term]]
zh = "上海交通大学"
en = "Shanghai Jiao Tong University"
kind = "organization"
"""

# Written for this test (not taken from the seed article).
ARTICLE = """# 上海市第一人民医院医疗队抵达青海省

上海市第一人民医院党委书记林雪梅和普外科主任医师高振宇今天带领医疗队抵达果洛藏族自治州。

骨科欧阳明哲医生和心内科曾文涛医生在当地开展了**为期一周**的义诊，急诊科韩晓燕护士长负责协调。

- 国家卫生健康委员会的专家陆建国参加了[培训活动](https://example.org/training)。
- 上海交通大学的学生也参加了志愿服务。

高振宇说，青海省的同行给医疗队留下了深刻印象。林雪梅表示，医院将继续支持果洛藏族自治州的医疗建设。
"""

EXPECTED = [
    "Shanghai General Hospital",
    "Qinghai Province",
    "Secretary of the Party Committee",
    "Lin Xuemei",
    "Department of General Surgery",
    "Chief Physician",
    "Gao Zhenyu",
    "Golog Tibetan Autonomous Prefecture",
    "Department of Orthopedics",
    "Ouyang Mingzhe",
    "Department of Cardiology",
    "Zeng Wentao",
    "Emergency Department",
    "Helen Han",
    "National Health Commission",
    "Lu Jianguo",
    "Shanghai Jiao Tong University",
]


def _write(tmp: Path) -> tuple[Path, Path]:
    g = tmp / "test-glossary.toml"
    g.write_text(GLOSSARY, "utf-8")
    a = tmp / "mission.zh.md"
    a.write_text(ARTICLE, "utf-8")
    return g, a


def test_every_glossary_person_and_term_survives_a_scrambling_engine(provider_env, cli, tmp_path):
    g, a = _write(tmp_path)
    r = cli("translate", a, "--engine", "google", "--glossary", g, "--no-cache")
    assert r.exit_code == 0, r.stderr
    out = (tmp_path / "mission.en.md").read_text("utf-8")
    # Every person and term, exactly, as many times as the source has it.
    for form in EXPECTED:
        assert form in out, form
    assert out.count("Gao Zhenyu") == 2
    assert out.count("Lin Xuemei") == 2
    assert out.count("Golog Tibetan Autonomous Prefecture") == 2
    # The engine really did scramble everything else: no Chinese left, no placeholder left.
    assert not re.search(r"[\u4e00-\u9fff]", out)
    assert "⟦" not in out
    # Markdown structure: heading, emphasis, list items, the link target.
    lines = out.splitlines()
    assert lines[0].startswith("# ")
    assert "**" in out and out.count("**") == 2
    assert sum(1 for ln in lines if ln.startswith("- ")) == 2
    assert "](https://example.org/training)" in out
    assert "protected 22/22 terms" in r.stderr


def test_only_prose_is_sent(provider_env, cli, tmp_path):
    g, a = _write(tmp_path)
    cli("translate", a, "--engine", "google", "--glossary", g, "--no-cache")
    sent = "\n".join(s.text for s in provider_env.requests_for("google"))
    for leaked in ("https://example.org", "**", "# ", "林雪梅", "上海市第一人民医院"):
        assert leaked not in sent
    assert "⟦1⟧" in sent


def test_inline_strategy_loses_terms_on_a_scrambling_engine(provider_env, cli, tmp_path):
    """The measurement behind the default: canonical forms put into the source do not survive
    an engine that rewrites Latin words; placeholders do (test above)."""
    g, a = _write(tmp_path)
    r = cli(
        "translate", a, "--engine", "google", "--glossary", g, "--no-cache", "--protect", "inline"
    )
    assert r.exit_code == 0, r.stderr
    assert "B003" in r.stderr  # missing protected terms are findings
    out = (tmp_path / "mission.en.md").read_text("utf-8")
    assert "Gao Zhenyu" not in out
