"""Golden output of `quantities()`: the faster extractor must find exactly what the plain one did.

The golden (tests/data/golden/quantities.json) was written by the straightforward one-regex-per-
kind extractor before it was optimised; every input is run through both the English and the
Chinese rules and each quantity is compared as (kind, value, start, end, text), value types
included (35000 is not 35000.0). Regenerate on purpose with
`YIWEN_REGEN_GOLDENS=1 python -m pytest tests/bilingual/test_bilingual_numbers_golden.py`
and review the diff before committing.
"""

from __future__ import annotations

import ast
import json
import os
import random
import re
from pathlib import Path

import pytest
from tests.fuzz import glued

from yiwen.bilingual.numbers import quantities
from yiwen.models import Language

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden" / "quantities.json"

# Hand-written cases around the edges of the English and Chinese rules.
TRICKY = [
    "The ceremony was held on JULY 21, 2023 AT 10:30 A.M.",
    "IN MAY the team left; in may they may return. They may 5 times.",
    "May 2024 and may 2024 and MAY 12TH, 2024 and 12 May and the 3rd of June, 2022.",
    "a hundred doctors, A Hundred nurses, a thousand beds, a dozen, a million yuan",
    "twenty-two percent, Twenty Two Per Cent, one hundred and five percent, forty percent.",
    "3:30 p.m., 3:30 pm, 3 PM, 11am, 12:00, 25:00, 9:75, 3.30 p.m.",
    "1st, 2nd, 3rd, 4th, 21st, 101st, first, Second, TWELFTH, thirteenth",
    "İstanbul 3 percent, Iİ 4 percent, ıııı, ſeptember 5, ſept. 9, K 7, Kelvin K8",
    "Straße 5 per cent, café 12%, naïve 30 ％, résumé 1,000",
    "full-width digits ３ and ２０２３, Arabic-Indic ٣ ٤ ٥, superscript ² and ①",
    "At 8:00 on Sept. 10, in Sept. 2019, since Jan. 2020, mid-March, mid March, until Dec.",
    "Omar 5, summary 7, inmay 9, amay 2023, decimal 12.5.6 and 1,23% and 1,234,567.89",
    "v1.2 build 2023 3.5 million 35 thousand 260 billion 2.6 Million",
    "one two three four five six seven eight nine ten eleven twelve nineteen ninety",
    "zero hundred, a  hundred, hundred and and five, one-hundred-and-two",
    "He was born in 1899, graduated in 2031, retired in 2100 and in 1799.",
    "第一人民医院和第六人民医院、第一附属医院、第三中学、第十小学",
    "十分感谢，一起出发，一些医生，一直努力，万一，千万，百姓，一一介绍",
    "下午3点半，上午10时30分，晚上8点，3点整，5点钟，3点，十二时，中午12:30，早上七点",
    "百分之三十，百分之4.5，30%，12.5 ％，百分之一百二十",
    "2023年7月21日，二〇二三年，2019年，十月一日，13月5日，3月8号，2024年5月，五月",
    "3.5万名，2.6亿元，一万二千，三千零五，两名，十个，一年，过去一年，每一位，首次，首批",
    "第1次，第一次，第十二届，首位，首，第一",
    "这一年，近一年，同一天，全一个，上一届，任何一个，其中一例",
    "",
    "   ",
    "No numbers here at all, just words like percent and per cent.",
    "On May\x1c5,\x1d2023 at 3\x1fpm, 7\x1epercent; June\x855 and 4\u2009p.m.",
]


def _test_strings() -> list[str]:
    """Every string literal in the number-parser test table."""
    tree = ast.parse((ROOT / "tests/bilingual/test_bilingual_numbers.py").read_text("utf-8"))
    seen = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) < 300
    }
    return sorted(seen)


def _paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text("utf-8").split("\n\n") if p.strip()]


_FUZZ_EN = (
    "January JAN Jan. jan Sept. sept SEPTEMBER May may MAY June jun Dec. march Mar in In since "
    "by mid- mid early late before from of the 21 1 31 32 2023 1999 2100 1850 12 3 05 1,000 "
    "35,000 3.5 12.5 0.75 1,23 10:30 3:30 25:61 a.m. p.m. am pm PM A.M. % ％ percent per cent "
    "PERCENT Per st nd rd th 1st 22nd first First twelfth THIRD one two twenty twenty-two "
    "Twenty hundred a and thousand million billion zero nineteen ninety x İ ı ſ \u212a k é ３ "
    "٣ ① ² _ ' ( ) / $ word doctors Omar stone"
).split()
_FUZZ_ZH = (
    "一 二 两 三 十 百 千 万 亿 零 〇 壹 贰 九 年 月 日 号 时 点 分 半 ： : 上午 下午 晚上 中午 早上 "
    "百分之 第 首 次 个 位 批 届 例 医院 人民 中学 附属医院 小学 起 些 姓 过去 近 每 这 名 台 天 ， 。 "
    "2023 12 7 21 3.5 1,000 10 整 钟"
).split()
_FUZZ_GLUE = ["", "", "", " ", " ", " ", "  ", "\n", "\t", "\xa0", "\u3000", ",", ", ", ".", "-"]
_FUZZ_GLUE += ["\x1c", "\x1f", "\x85", "\u2009"]  # whitespace to re, and not all of it to ASCII


def _inputs() -> list[str]:
    """The inputs of a fresh golden: benchmark paragraphs, test tables, examples, fuzz."""
    from benchmarks.synth import parallel_article

    rng = random.Random(2024)
    zh, en = parallel_article(random.Random(7), paragraphs=1000)
    texts = rng.sample(en.split("\n\n"), 200) + rng.sample(zh.split("\n\n"), 200)
    texts += _test_strings()
    for folder in ("examples", "tests/data/bilingual"):
        for path in sorted((ROOT / folder).glob("*.md")):
            texts += _paragraphs(path)
    texts += TRICKY
    texts += glued(rng, [_FUZZ_EN, _FUZZ_ZH, _FUZZ_EN + _FUZZ_ZH], _FUZZ_GLUE, 800, 24)
    return list(dict.fromkeys(texts))


def _found(text: str, language: Language) -> list[list[object]]:
    return [[q.kind, list(q.value), q.start, q.end, q.text] for q in quantities(text, language)]


def _entry(text: str) -> dict[str, object]:
    return {"text": text, "en": _found(text, Language.EN), "zh": _found(text, Language.ZH)}


def _load() -> list[dict[str, object]]:
    # One entry a line; not splitlines(), which also splits at \x1c-\x1e, \x85 and \u2028.
    return [json.loads(line) for line in GOLDEN.read_text("utf-8").split("\n") if line]


def _regenerate() -> None:
    lines = []
    for text in _inputs():
        try:
            lines.append(json.dumps(_entry(text), ensure_ascii=False) + "\n")
        except KeyError:  # the plain extractor crashed on ſ/ı/K spellings; see the tests below
            continue
    GOLDEN.write_text("".join(lines), "utf-8")


if os.environ.get("YIWEN_REGEN_GOLDENS"):
    _regenerate()


def test_quantities_match_golden_exactly() -> None:
    golden = _load()
    mismatched = [
        e["text"]
        for e in golden
        # Compare as JSON text so that an int where a float was (or the reverse) is a mismatch.
        if json.dumps(_entry(e["text"]), ensure_ascii=False) != json.dumps(e, ensure_ascii=False)
    ]
    assert not mismatched, f"{len(mismatched)} of {len(golden)} differ, e.g. {mismatched[:3]}"


def test_golden_covers_every_kind_in_both_languages() -> None:
    golden = _load()
    assert len(golden) > 1000
    for lang in ("en", "zh"):
        kinds = {q[0] for e in golden for q in e[lang]}
        assert kinds == {"number", "percent", "date", "time", "ordinal"}, (lang, kinds)


def test_fold_maps_every_letter_re_ignorecase_matched() -> None:
    # The English patterns run without re.I on text folded by _FOLD: every character that
    # re.I matched to an ASCII letter must fold to that letter, one character for one.
    from yiwen.bilingual.numbers import _FOLD

    letter = re.compile("[a-z]", re.I)
    for ch in map(chr, range(0x110000)):
        if letter.fullmatch(ch):
            folded = ch.translate(_FOLD)
            assert len(folded) == 1 and re.fullmatch(folded, ch, re.I), (hex(ord(ch)), folded)
            assert "a" <= folded <= "z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ſeptember 5", [("date", (None, 9, 5), "ſeptember 5")]),
        ("the fırst time", [("ordinal", (1,), "fırst")]),
        ("5 mıllion", [("number", (5_000_000,), "5 mıllion")]),
        ("İn May", [("date", (None, 5, None), "İn May")]),
    ],
)
def test_letters_re_ignorecase_folds_no_longer_crash(text: str, expected: list) -> None:
    # The plain extractor matched these with re.I and then raised KeyError looking the
    # lower-cased word up (the golden leaves such inputs out); now they read as their twins.
    found = [(q.kind, q.value, q.text) for q in quantities(text, Language.EN)]
    assert found == expected
