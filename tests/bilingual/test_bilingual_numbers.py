"""The number/date parser on a table of Chinese/English equivalents (and non-equivalents)."""

from __future__ import annotations

import pytest

from yiwen.bilingual.numbers import en_number_words, quantities, same, zh_numeral
from yiwen.models import Language

# (Chinese, English): each side must yield exactly one quantity, and the two must be `same`.
EQUIVALENTS = [
    ("十四", "fourteen"),
    ("十四", "14"),
    ("两名", "two"),
    ("一百二十", "120"),
    ("一百二十", "one hundred and twenty"),
    ("三千零五", "3,005"),
    ("一万二千", "12,000"),
    ("3.5万", "35,000"),
    ("3.5万", "35 thousand"),
    ("2.6亿", "260 million"),
    ("五百", "500"),
    ("二十二", "twenty-two"),
    ("九十九", "ninety-nine"),
    ("一千", "one thousand"),
    ("两千", "2,000"),
    ("十个", "10"),
    ("零点", None),
    ("百分之三十", "30%"),
    ("百分之三十", "30 percent"),
    ("百分之三十", "30 per cent"),
    ("百分之十五", "fifteen percent"),
    ("12.5%", "12.5 percent"),
    ("百分之4.5", "4.5%"),
    ("80%", "80 per cent"),
    ("2023年7月21日", "July 21, 2023"),
    ("2023年7月21日", "21 July 2023"),
    ("2023年7月21日", "July 21st, 2023"),
    ("7月21日", "July 21"),
    ("7月21日", "21 July"),
    ("7月21日", "July 21st"),
    ("2024年5月12日", "May 12, 2024"),
    ("2024年5月", "May 2024"),
    ("2019年", "2019"),
    ("二〇二三年", "2023"),
    ("12月31日", "December 31"),
    ("1月1日", "Jan. 1"),
    ("9月10日", "Sept. 10"),
    ("3月8号", "March 8"),
    ("十月一日", "October 1"),
    ("上午10时30分", "10:30 a.m."),
    ("上午10时30分", "10:30"),
    ("下午3点", None),
    ("下午3点半", "3:30 p.m."),
    ("下午3时", "3 p.m."),
    ("晚上8点半", "8:30 pm"),
    ("14:00", "2 p.m."),
    ("第一", "first"),
    ("第一次", "the first time"),
    ("首次", "for the first time"),
    ("第二", "second"),
    ("第三届", "third"),
    ("第21", "21st"),
    ("第十", "10th"),
    ("为期一年", "one-year"),
    ("一名", "one"),
    ("三台", "three"),
    ("45张", "45"),
    ("120台", "120"),
    ("2000余名", "2,000"),
    ("300余名", "more than 300"),
    ("5.6", "5.6"),
    ("1,200", "1200"),
    ("六十", "sixty"),
    ("七十五", "seventy-five"),
]


@pytest.mark.parametrize(("zh", "en"), [e for e in EQUIVALENTS if e[1] is not None])
def test_equivalents(zh: str, en: str) -> None:
    (a,) = quantities(zh, Language.ZH)
    (b,) = quantities(en, Language.EN)
    assert same(a, b), (a, b)


def test_table_is_large_enough() -> None:
    assert len([e for e in EQUIVALENTS if e[1]]) >= 60


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("一百二十", "12"),
        ("2023年7月21日", "July 21, 2022"),
        ("2023年7月21日", "July 12, 2023"),
        ("百分之三十", "13 percent"),
        ("3.5万", "3,500"),
        ("上午10时30分", "10:30 p.m."),
        ("第一", "second"),
        ("两名", "three"),
        ("百分之三十", "30"),
    ],
)
def test_differences(zh: str, en: str) -> None:
    (a,) = quantities(zh, Language.ZH)
    (b,) = quantities(en, Language.EN)
    assert not same(a, b)


@pytest.mark.parametrize(
    "text",
    [
        "一起工作",
        "一些医生",
        "一直坚持",
        "十分感谢",
        "万一发生",
        "百姓健康",
        "过去一年来",
        "每一位患者",
    ],
)
def test_words_made_of_numerals_are_not_numbers(text: str) -> None:
    assert quantities(text, Language.ZH) == []


@pytest.mark.parametrize("text", ["a new ward and a team", "the hospital", "someone said"])
def test_english_without_numbers(text: str) -> None:
    assert quantities(text, Language.EN) == []


def test_zh_numeral_values() -> None:
    assert [
        zh_numeral(s) for s in ["十", "十一", "二十", "一百零一", "一万二", "两万", "一亿"]
    ] == [
        10,
        11,
        20,
        101,
        12000,
        20000,
        100_000_000,
    ]


def test_en_number_words_values() -> None:
    assert en_number_words("one hundred and five") == 105
    assert en_number_words("twenty-two") == 22
    assert en_number_words("three thousand two hundred") == 3200
    assert en_number_words("hospital") is None


def test_positions_point_at_the_text() -> None:
    text = "手术一百二十台，增长百分之三十。"
    for q in quantities(text, Language.ZH):
        assert text[q.start : q.end] == q.text


def test_month_alone_after_a_preposition() -> None:
    (a,) = quantities("团队将于7月出发", Language.ZH)
    (b,) = quantities("The team leaves in July.", Language.EN)
    assert same(a, b)
    assert quantities("It may rain; we may go.", Language.EN) == []
