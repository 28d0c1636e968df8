"""`quantities_in` (all paragraphs of a document at once) finds exactly what `quantities` finds.

Exactly: the same Quantity tuples in the same order, value types included (35000 is not
35000.0). The inputs are the golden inputs (tests/data/golden/quantities.json) taken as the
paragraphs of one document, the benchmark pair, and paragraphs glued from random pieces of the
golden inputs, cut anywhere (mid-number, mid-word, on a space) so that every pattern meets a
paragraph's edge in every state.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiwen.bilingual.numbers import Quantity, quantities, quantities_in
from yiwen.models import Language

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden" / "quantities.json"
LANGS = [Language.EN, Language.ZH]


def _golden() -> list[dict]:
    # One entry a line; not splitlines(), which also splits at \x1c-\x1e, \x85 and \u2028.
    return [json.loads(line) for line in GOLDEN.read_text("utf-8").split("\n") if line]


GOLDEN_ENTRIES = _golden()
GOLDEN_TEXTS = [e["text"] for e in GOLDEN_ENTRIES]


def _typed(found: list[list[Quantity]]) -> str:
    """The results as JSON text, so that an int where a float was is a difference."""
    return json.dumps(
        [[[q.kind, list(q.value), q.start, q.end, q.text] for q in qs] for qs in found]
    )


def _assert_same_as_one_by_one(texts: list[str], language: Language, offsets: list[int]) -> None:
    together = quantities_in(texts, language, offsets)
    one_by_one = [quantities(t, language, o) for t, o in zip(texts, offsets, strict=True)]
    assert len(together) == len(texts)
    for text, got, want in zip(texts, together, one_by_one, strict=True):
        assert _typed([got]) == _typed([want]), text
    assert all(type(qs) is list and all(type(q) is Quantity for q in qs) for qs in together)


@pytest.mark.parametrize("language", LANGS, ids=["en", "zh"])
def test_golden_inputs_as_one_document_match_the_golden(language: Language) -> None:
    # Checked against the golden itself, not only against `quantities`.
    rng = random.Random(11)
    offsets = [rng.randrange(0, 10**6) for _ in GOLDEN_TEXTS]
    found = quantities_in(GOLDEN_TEXTS, language, offsets)
    for entry, offset, qs in zip(GOLDEN_ENTRIES, offsets, found, strict=True):
        want = [[k, v, a + offset, b + offset, t] for k, v, a, b, t in entry[language.value]]
        assert json.dumps([[q.kind, list(q.value), q.start, q.end, q.text] for q in qs]) == (
            json.dumps(want)
        ), entry["text"]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("language", LANGS, ids=["en", "zh"])
def test_golden_inputs_in_other_groupings_and_orders(language: Language, seed: int) -> None:
    rng = random.Random(seed)
    texts = GOLDEN_TEXTS[:]
    rng.shuffle(texts)
    k = 0
    while k < len(texts):  # runs of 1 to 300 paragraphs, each a call
        n = rng.choice([1, 2, 3, 17, 300])
        chunk = texts[k : k + n]
        _assert_same_as_one_by_one(chunk, language, [rng.randrange(0, 5000) for _ in chunk])
        k += n


@pytest.mark.parametrize("language", LANGS, ids=["en", "zh"])
def test_benchmark_pair_under_both_rule_sets(language: Language, tmp_path: Path) -> None:
    # Both files under both rule sets: the Chinese rules meet Latin text and the reverse.
    from benchmarks.synth import write_parallel_pair

    from yiwen.document import load_document

    for path in write_parallel_pair(str(tmp_path)):
        doc = load_document(str(path))
        texts = [doc.prose[p.start : p.end] for p in doc.paragraphs]
        assert len(texts) >= 1000
        _assert_same_as_one_by_one(texts, language, [p.start for p in doc.paragraphs])


# Pieces are glued with these, and paragraphs begin and end with them.
GLUE = ["", "", " ", "  ", "\n", "\t", "\xa0", "\u3000", ",", ".", "-", "\x1c", "\x85", "%", "年"]


def _glued(rng: random.Random, n: int) -> list[str]:
    """Paragraphs made of random slices of golden inputs, cut anywhere, glued anyhow."""
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
            text = rng.choice(GOLDEN_TEXTS) or " "
            a = rng.randrange(len(text))
            b = rng.randrange(a, min(len(text), a + rng.choice([1, 3, 12, 40, 200])) + 1)
            parts.append(text[a:b])
            parts.append(rng.choice(GLUE))
        out.append(rng.choice(GLUE) + "".join(parts))
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("language", LANGS, ids=["en", "zh"])
def test_random_pieces_glued_into_paragraphs(language: Language, seed: int) -> None:
    rng = random.Random(seed)
    texts = _glued(rng, 1500)
    assert "" in texts and any(t[:1].isdigit() for t in texts)
    _assert_same_as_one_by_one(texts, language, [rng.randrange(0, 10**5) for _ in texts])


@pytest.mark.parametrize("language", LANGS, ids=["en", "zh"])
def test_edges_that_differ_from_a_separator(language: Language) -> None:
    # A bare Chinese time at a paragraph's end counts ("" is in "整钟"); one before a \x00
    # inside a paragraph does not. ASCII, ASCII with \x1c-\x1f and non-ASCII paragraphs mixed.
    texts = [
        "下午3点",
        "3点",
        "3点\x00整",
        "上午10时\x00",
        "\x00",
        "",
        "in\x00May 5, 2023",
        "on May\x1c5, 2023 at 3\x1fpm",
        "İn May, ſeptember 5, a hundred",
        "a",
        "hundred percent",
        "in",
        "May",
        "21",
        "st of June",
        "mid-",
        "  July 4",
        "twenty-",
        "two percent",
        "3.",
        "5%",
    ]
    _assert_same_as_one_by_one(texts, language, list(range(0, 100 * len(texts), 100)))
    # Touching texts (no gap for a separator) and offsets out of order take the other layout.
    _assert_same_as_one_by_one(texts, language, [0] * len(texts))
    _assert_same_as_one_by_one(texts, language, list(range(10_000, 0, -400))[: len(texts)])
    assert quantities_in([], language, []) == []
    with pytest.raises(ValueError, match="2 texts but 1 offsets"):
        quantities_in(["a", "b"], language, [0])


def test_d_is_isdecimal_and_s_is_isspace_in_the_patterns() -> None:
    # `_starts` reads the text around a month with str.isspace and str.isdecimal where the
    # patterns say \s and \d; they must agree on every character (re.ASCII: on ASCII, but
    # for \x1c-\x1f, which the ASCII patterns never meet).
    import re
    import sys

    digit, space = re.compile(r"\d"), re.compile(r"\s")
    for ch in map(chr, range(sys.maxunicode + 1)):
        assert bool(digit.match(ch)) == ch.isdecimal(), hex(ord(ch))
        assert bool(space.match(ch)) == ch.isspace(), hex(ord(ch))
    ascii_space = re.compile(r"\s", re.ASCII)
    odd = [c for c in map(chr, range(128)) if bool(ascii_space.match(c)) != c.isspace()]
    assert odd == ["\x1c", "\x1d", "\x1e", "\x1f"]


TOKENS = (
    "in May may June 21 21st 2023 1,000 3.5 % percent per cent a hundred twenty-two first "
    "fourth fourteen 10:30 p.m. 3 pm since mid- Sept. 十 一 两 百分之 三十 第一 首次 年 月 日 "
    "下午 3点 半 整 万 2023年7月21日"
).split()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(TOKENS + GLUE), max_size=8).map("".join), min_size=1, max_size=12
    ),
    st.sampled_from(LANGS),
)
def test_any_paragraphs_of_the_tokens(texts: list[str], language: Language) -> None:
    _assert_same_as_one_by_one(texts, language, [7 * i for i in range(len(texts))])
