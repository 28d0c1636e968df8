"""The one-pass route over many blocks, and the blocks name finding skips, held to jieba itself.

`zhtagger.route_blocks` joins the blocks of a text and routes them in one pass; each block's
route must still be jieba's own (`get_DAG` + `calc`) for that block alone. `find_chinese_names`
leaves out the blocks where no name can start (no surname, or only tokens `_head_class` rates
too low); every name posseg's tags give must lie in a block it kept.
"""

from __future__ import annotations

import random

import pytest
from benchmarks.synth import chinese_article, parallel_article
from jieba.posseg import char_state_tab_P

from yiwen.glossary import zhnames, zhtagger
from yiwen.glossary.surnames import COMPOUND, SINGLE
from yiwen.glossary.zhnames import find_chinese_names, names_in_tokens

# Sentences of our own around the cases the skipping reasons about: characters that only
# begin compound surnames inside ordinary words (上海, 增长, 百分之, 东方) and as surnames; bare
# surnames that need a title (床位12张, 张医生); titles in the same block or across a comma;
# 据 … 介绍; names at the very start and end of the text; characters jieba does not know.
CRAFTED = [
    "上海市第一人民医院召开会议。长孙无忌和上官婉儿出席，同比增长百分之十。东方红医生说。",
    "新病区共有床位12张。院长张说，张医生到了；3张床位已启用。",
    "据王刚介绍，手术成功。据称新药有效。另据金华介绍，病人出院。",
    "科主任李明表示感谢。主任，王刚到了。王刚，主任到了。",
    "欧阳出席会议。欧阳文出席会议。司马说，诸葛亮医生值班。",
    "万俟卨护士长表示，百里挑一的团队完成手术。公孙医生",
    "丄丄王刚医生。王丄说。院长郑兴东介绍，护士长单丽华和欧阳文医生于2023年赴青海援助。",
    "席地而坐的谈话，召开座谈会，支持青年医生成长，该项目覆盖12个县。",
    "ICU主任MRI检查后说：a+b=3.5万。CT室张伟和5G团队。",
]


def _random_soup(rng: random.Random, n: int) -> str:
    """Characters drawn from surnames, compound surnames, titles, words and posseg's alphabet."""
    pool = (
        list(SINGLE)[:120]
        + list(COMPOUND)
        + ["院长", "主任", "医生", "据", "介绍", "的", "和", "上海", "增长", "12", "A"]
        + sorted(char_state_tab_P)[:1500]
    )
    out = []
    for _ in range(n):
        out.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 12))))
        out.append(rng.choice("，。、 \n；"))
    return "".join(out)


def _corpora() -> list[tuple[str, str]]:
    rng = random.Random(20240917)
    out = [(f"crafted {k}", text) for k, text in enumerate(CRAFTED)]
    out += [("chinese_article", chinese_article(random.Random(11), paragraphs=10))]
    out += [("parallel_article", parallel_article(random.Random(12), paragraphs=12)[0])]
    out += [(f"soup {k}", _random_soup(rng, 150)) for k in range(4)]
    return out


CORPORA = _corpora()


def _jieba_steps(blk: str) -> list[int]:
    """Where jieba's route (get_DAG + calc) goes from each position of one block."""
    tokenizer = zhtagger._posseg().dt.tokenizer
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(blk, tokenizer.get_DAG(blk), route)
    return [route[k][1] + 1 for k in range(len(blk))]


@pytest.mark.parametrize(("label", "text"), CORPORA, ids=[c[0] for c in CORPORA])
def test_each_joined_block_routes_as_jieba_routes_it_alone(label: str, text: str) -> None:
    route = zhtagger.route_blocks(text)
    blocks = zhtagger.RE_HAN_INTERNAL.split(text)[1::2]
    assert len(route.starts) == len(blocks) > 0
    for b, blk in enumerate(blocks):
        start, end, shift = route.starts[b], route.ends[b], route.shifts[b]
        assert route.joined[start:end] == blk
        assert text[start + shift : end + shift] == blk
        assert [y - start for y in route.step[start:end]] == _jieba_steps(blk), blk


def test_one_block_routes_as_jieba_routes_it() -> None:
    lexicon = zhtagger._lexicon()
    for blk in ("王", "丄", "A", "医院", "上海市第一人民医院召开", "12张", "院长郑兴东介绍"):
        assert zhtagger._route(lexicon, blk) == [*_jieba_steps(blk), len(blk) + 1]


def test_pair_keys_are_what_the_route_reads() -> None:
    text = "院长郑兴东介绍王丄A1医"
    read = memoryview(text.encode(zhtagger._UTF16)).cast("I").tolist()
    pairs = zip(text[::2], text[1::2], strict=True)
    assert read == [zhtagger._pair_key(ord(a), ord(b)) for a, b in pairs]


def _kept_ranges(text: str) -> list[tuple[int, int]]:
    """The text ranges of the blocks `find_chinese_names` segments."""
    route = zhtagger.route_blocks(text, zhnames._SINGLE_SURNAME, zhnames._COMPOUND_SURNAME)
    rates = zhtagger.rate_blocks(route, zhnames._NAME_STARTS, zhnames._head_class, 2)
    out = []
    for b, rate in enumerate(rates):
        start, end, shift = route.starts[b], route.ends[b], route.shifts[b]
        if rate == 2 or (rate == 1 and zhnames._TITLE_TEXT.search(route.joined, start, end)):
            out.append((start + shift, end + shift))
    return out


@pytest.mark.parametrize(("label", "text"), CORPORA, ids=[c[0] for c in CORPORA])
def test_every_name_lies_in_a_block_that_is_kept(label: str, text: str) -> None:
    reference = names_in_tokens(text, zhtagger.reference_tokens(text))
    kept = _kept_ranges(text)
    for name in reference:
        assert any(s <= name.start and name.end <= e for s, e in kept), name
    found = [(n.start, n.end, n.zh, n.family, n.given) for n in find_chinese_names(text)]
    assert found == [(n.start, n.end, n.zh, n.family, n.given) for n in reference]


def test_some_blocks_with_surname_characters_are_skipped() -> None:
    # Proves the test above is not vacuous: these blocks hold surname characters (召 谈 成 长
    # 百 张 项) but no token that can start a name.
    text = "医院召开座谈会，团队完成手术，同比增长百分之十，新病区共有床位，该项目覆盖全县。"
    assert zhtagger.route_blocks(text, zhnames._SINGLE_SURNAME, zhnames._COMPOUND_SURNAME).starts
    assert _kept_ranges(text) == []
    assert find_chinese_names(text) == []
    # A title in the block keeps a bare surname's block; across a comma it does not.
    assert [n.zh for n in find_chinese_names("床位张，院长张伟说")] == ["张伟"]
    assert len(_kept_ranges("院长，张")) == 0 and len(_kept_ranges("院长张")) == 1


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_pieces_are_poseggs_tokens(text: str) -> None:
    assert zhtagger.expand(zhtagger.pieces(text)) == zhtagger.reference_tokens(text)


@pytest.mark.parametrize(("label", "text"), CORPORA, ids=[c[0] for c in CORPORA])
def test_pieces_left_out_are_none_a_name_decision_reads(label: str, text: str) -> None:
    route = zhtagger.route_blocks(text)
    blocks = range(len(route.starts))
    keep = zhnames._SURNAME_CODES
    full: list[zhtagger.Piece] = []
    trimmed: list[zhtagger.Piece] = []
    zhtagger.block_pieces(route, blocks, full, keep=keep, gaps=True)
    zhtagger.block_pieces(route, blocks, trimmed, keep=keep, gaps=True, reach=zhnames._AFTER)
    # Articles have pieces far from any surname; the short crafted texts may not.
    assert len(trimmed) < len(full) or label.startswith("crafted")
    at = {piece: i for i, piece in enumerate(trimmed)}
    assert [piece for piece in full if piece in at] == trimmed  # in order, none changed

    def holds_keep(piece: zhtagger.Piece) -> bool:
        word = piece[1]
        return bool(word) and (
            not keep.isdisjoint(map(ord, word)) if piece[2] is None else ord(word[0]) in keep
        )

    for i, piece in enumerate(full):
        if not holds_keep(piece):
            continue
        j = at[piece]
        if i:
            assert j and trimmed[j - 1] == full[i - 1]  # the piece before it
        reach = piece[0] + len(piece[1]) + zhnames._AFTER
        k = i + 1
        while k < len(full) and full[k][1] and full[k][0] <= reach:
            assert trimmed[j + k - i] == full[k]  # the pieces after it, up to the reach
            k += 1
