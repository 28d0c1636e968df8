"""The lazy tagger finds exactly the names that jieba posseg over the whole text finds.

`find_chinese_names` tags only the unknown stretches a name could touch, with its own copy of
posseg's Viterbi search; `names_in_tokens(text, reference_tokens(text))` is the old way
(posseg.cut over everything). They must agree name for name on every corpus here.
"""

from __future__ import annotations

import random

import pytest
from benchmarks.synth import chinese_article, parallel_article
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from yiwen.glossary import zhtagger
from yiwen.glossary.surnames import COMPOUND, SINGLE, SURNAME_INITIALS
from yiwen.glossary.zhnames import TITLES, find_chinese_names, names_in_tokens

_WORDS = (
    "医院 医生 患者 手术 会议 出席 表示 介绍 团队 工作 援助 青海 果洛 今年 同比 增长 门诊 病房 "
    "护理 专家 培训 指导 开展 完成 成功 发展 全力 支持 继续 召开 座谈 讲话 感谢 代表 党委 "
    "上海 黄浦江 高度 重视 和 与 及 在 是 的 了 据 说 称 也 将 已 于 向 为 曾 以及 同时 并"
).split()
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红建国志文斌辉宇浩鹏飞云龙海波晓东瑞永健宏毅正兴净"
_PUNCT = ("，", "。", "、", "：", "“", "”", "（", "）", " ", "\n", "；", "！")
_ODD = ("3.5万", "2023年", "CT", "MRI检查", "ICU", "5G", "a+b", "㐀", "𠀀", "—", "%")


def _random_text(rng: random.Random, n_sentences: int) -> str:
    """Sentences of hospital words, titles, surnames, odd given names, ASCII and punctuation."""
    singles = list(SINGLE)[:250]
    compounds = list(COMPOUND)
    titles = sorted(TITLES)
    out = []
    for _ in range(n_sentences):
        parts = []
        for _ in range(rng.randint(3, 14)):
            r = rng.random()
            if r < 0.30:
                parts.append(rng.choice(_WORDS))
            elif r < 0.55:  # a name: surname + 0..3 given characters (0 and 3 are not names)
                sur = rng.choice(compounds) if rng.random() < 0.1 else rng.choice(singles)
                parts.append(sur + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(0, 3))))
            elif r < 0.70:
                parts.append(rng.choice(titles))
            elif r < 0.80:
                parts.append(rng.choice(_PUNCT))
            elif r < 0.87:
                parts.append(rng.choice(_ODD))
            else:  # any character posseg's model knows: new words galore
                parts.append("".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 4))))
        out.append("".join(parts) + rng.choice("。！？\n"))
    return "".join(out)


_CHARS = sorted(char_state_tab_P)[:4000]


def _corpora() -> list[tuple[str, str]]:
    rng = random.Random(20240601)
    out = [
        (f"chinese_article seed {s}", chinese_article(random.Random(s), paragraphs=12))
        for s in range(4)
    ]
    out += [
        (f"parallel_article seed {s}", parallel_article(random.Random(s), paragraphs=15)[0])
        for s in range(2)
    ]
    out += [(f"random text {k}", _random_text(rng, 60)) for k in range(6)]
    return out


CORPORA = _corpora()


def _names(found: list) -> list[tuple[int, int, str, str, str]]:
    return [(n.start, n.end, n.zh, n.family, n.given) for n in found]


@pytest.mark.parametrize(("label", "text"), CORPORA, ids=[c[0] for c in CORPORA])
def test_same_names_as_posseg_over_the_whole_text(label: str, text: str) -> None:
    old = names_in_tokens(text, zhtagger.reference_tokens(text))
    assert old, f"{label}: a corpus without names proves nothing"
    assert _names(find_chinese_names(text)) == _names(old)


@pytest.mark.parametrize(("label", "text"), CORPORA[4:8], ids=[c[0] for c in CORPORA[4:8]])
def test_same_names_paragraph_by_paragraph_and_with_known_names(label: str, text: str) -> None:
    known = ["马力", "王瑞涛", "欧阳文"]
    for para in text.split("\n"):
        old = names_in_tokens(para, zhtagger.reference_tokens(para), known)
        assert _names(find_chinese_names(para, known=known)) == _names(old)


@pytest.mark.parametrize(("label", "text"), CORPORA, ids=[c[0] for c in CORPORA])
def test_all_stretches_tagged_give_posseg_tokens(label: str, text: str) -> None:
    assert zhtagger.expand(zhtagger.pieces(text)) == zhtagger.reference_tokens(text)


def test_viterbi_route_equals_jiebas() -> None:
    rng = random.Random(7)
    surnames = "".join(list(SINGLE)[:60])
    for _ in range(400):
        pool = _CHARS if rng.random() < 0.5 else surnames + _GIVEN
        obs = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        _, route = jieba_viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)
        assert zhtagger.viterbi(obs) == route, obs


def _count_tagging(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    tagged: list[str] = []
    real = zhtagger.tag_stretch.__wrapped__

    def counting(stretch: str) -> tuple[tuple[str, str], ...]:
        tagged.append(stretch)
        return real(stretch)

    monkeypatch.setattr(zhtagger, "tag_stretch", counting)
    return tagged


def test_only_stretches_near_a_surname_are_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    text = chinese_article(random.Random(3), paragraphs=20)
    stretches = {w for _, w, f in zhtagger.pieces(text) if f is None}
    tagged = _count_tagging(monkeypatch)
    find_chinese_names(text)
    assert tagged, "names are unknown words: some stretches must be tagged"
    assert set(tagged) < stretches


def test_a_stretch_far_from_surnames_is_left_untagged(monkeypatch: pytest.MonkeyPatch) -> None:
    # 援青 is unknown to jieba's dictionary; no surname character stands in or near it.
    text = "这是援青工作。护士长单丽华说，秦净医生将赴青海。"
    assert (0, "这是援青", None) in zhtagger.pieces(text)
    tagged = _count_tagging(monkeypatch)
    assert [n.zh for n in find_chinese_names(text)] == ["单丽华", "秦净"]
    assert "这是援青" not in tagged and "单丽华说" in tagged


def test_a_block_without_surnames_is_not_segmented() -> None:
    text = "正式启用援青工作，王瑞涛医生出席。"
    parts = zhtagger.pieces(text, keep=SURNAME_INITIALS)
    assert parts[0] == (0, "正式启用援青工作", "x")
    ref = zhtagger.reference_tokens(text)
    tail = zhtagger.expand(parts)[1:]
    assert tail == ref[len(ref) - len(tail) :]
    assert [n.zh for n in find_chinese_names(text)] == ["王瑞涛"]


@pytest.mark.parametrize("text", ["另据金华介绍，手术很成功。", "而据江南介绍，病人已出院。"])
def test_the_unknown_stretch_right_before_a_name_is_tagged(text: str) -> None:
    # "另据" is an unknown stretch with no surname in it; only its last token (据) makes the
    # next word a source's name (据…介绍), so the stretch before a surname must be tagged too.
    assert zhtagger.pieces(text)[0][2] is None
    name = text[2:4]
    assert [n.zh for n in names_in_tokens(text, zhtagger.reference_tokens(text))] == [name]
    assert [n.zh for n in find_chinese_names(text)] == [name]


@pytest.mark.parametrize(("label", "text"), CORPORA, ids=[c[0] for c in CORPORA])
def test_pieces_report_their_stretches_and_surname_heads(label: str, text: str) -> None:
    stretches: list[int] = []
    heads: list[int] = []
    parts = zhtagger.pieces(text, SURNAME_INITIALS, stretches=stretches, heads=heads)
    assert stretches == [i for i, p in enumerate(parts) if p[2] is None]
    assert heads == [
        i for i, p in enumerate(parts) if p[2] is not None and p[1][0] in SURNAME_INITIALS
    ]
    assert heads and stretches
    # Only runs of text that cannot hold a name are merged: what is left is posseg's tokens.
    whole = {(s, w, f) for s, w, f in zhtagger.reference_tokens(text)}
    merged = [p for p in parts if p[2] is not None and p not in whole]
    assert all(SURNAME_INITIALS.isdisjoint(w) for _, w, _ in merged)
