"""Chinese side: names in Chinese text (jieba + titles + surnames) and their romanisation."""

from __future__ import annotations

import pytest

from yiwen.glossary.zhnames import (
    ZhName,
    english_name,
    find_chinese_names,
    romanise_name,
)


def found(text: str, **kw: object) -> list[str]:
    return [n.zh for n in find_chinese_names(text, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("zh", "family", "given"),
    [
        ("单丽华", "Shan", "Lihua"),
        ("曾国强", "Zeng", "Guoqiang"),
        ("解晓东", "Xie", "Xiaodong"),
        ("仇晓明", "Qiu", "Xiaoming"),
        ("区志华", "Ou", "Zhihua"),
        ("查良镛", "Zha", "Liangyong"),
        ("朴成浩", "Piao", "Chenghao"),
        ("盖晓明", "Ge", "Xiaoming"),
        ("覃建军", "Qin", "Jianjun"),
        ("翟丽", "Zhai", "Li"),
        ("吕晓东", "Lü", "Xiaodong"),
        ("欧阳文", "Ouyang", "Wen"),
        ("司马相南", "Sima", "Xiangnan"),
        ("诸葛亮", "Zhuge", "Liang"),
        ("上官婉儿", "Shangguan", "Wan'er"),
        ("尉迟恭", "Yuchi", "Gong"),
        ("万俟卨", "Moqi", "Xie"),
        ("王瑞涛", "Wang", "Ruitao"),
        ("张建安", "Zhang", "Jian'an"),
    ],
)
def test_romanise_name(zh: str, family: str, given: str) -> None:
    assert romanise_name(zh) == (family, given)


def test_english_name_in_both_orders() -> None:
    assert english_name(("Wang", "Ruitao"), "family-given") == "Wang Ruitao"
    assert english_name(("Wang", "Ruitao"), "given-family") == "Ruitao Wang"
    n = ZhName(0, 3, "欧阳文", "欧阳", "文", "Ouyang", "Wen")
    assert english_name(n, "given-family") == "Wen Ouyang"


def test_seven_people_in_one_sentence_with_titles() -> None:
    # jieba alone splits 秦 + 净 and tags 郑兴东 (after 院长) as a place.
    text = (
        "医院党委书记秦净，党委副书记、院长郑兴东，党委副书记沈静，普外科主任邱正军，"
        "援青队员王瑞涛医生，以及欧阳文教授、护士长单丽华出席了会议。"
    )
    names = find_chinese_names(text)
    assert [n.zh for n in names] == [
        "秦净",
        "郑兴东",
        "沈静",
        "邱正军",
        "王瑞涛",
        "欧阳文",
        "单丽华",
    ]
    assert [text[n.start : n.end] for n in names] == [n.zh for n in names]
    assert [(n.family, n.given) for n in names][5:] == [("Ouyang", "Wen"), ("Shan", "Lihua")]
    assert (names[1].family_zh, names[1].given_zh) == ("郑", "兴东")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("院长郑兴东表示，医院将全力支持。", "郑兴东"),
        ("副院长曾国强介绍了情况。", "曾国强"),
        ("据刘宏毅介绍，手术很成功。", "刘宏毅"),
        ("司马相南主任医师查房。", "司马相南"),
        ("护士长单丽华说，病房已经准备好了。", "单丽华"),
    ],
)
def test_names_after_and_before_titles(text: str, name: str) -> None:
    assert found(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "今年以来，医院门诊量高达三百万人次，同比增长百分之十。",
        "王院长和李主任在会上讲话。",  # surname + title: no given name to romanise
        "院长曾表示，医院将继续支持援建工作。",  # 曾 "once", not a surname here
        "黄浦江畔的医院迎来了新的发展。",
        "主任高度重视患者满意度。",
    ],
)
def test_no_names_in_ordinary_sentences(text: str) -> None:
    assert found(text) == []


def test_known_names_are_always_found() -> None:
    text = "马力主任查房。"  # 马力 ("horsepower") is a word to jieba
    assert found(text, known=["马力"]) == ["马力"]


def test_jieba_is_quiet(capfd: pytest.CaptureFixture[str]) -> None:
    find_chinese_names("院长郑兴东出席。")
    assert "prefix dict" not in capfd.readouterr().err
