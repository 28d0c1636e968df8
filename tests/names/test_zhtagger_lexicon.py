"""The tagger's own copy of jieba's dictionary: the same facts as jieba's, kept in a file that heals.

`zhtagger` reads jieba's dictionary from a file in yiwen's cache folder instead of
`jieba.initialize()`, and posseg's HMM tables without importing `jieba.posseg`. These tests hold
the copy to jieba's own tables, and check that a missing, stale or corrupt file is rebuilt.
"""

from __future__ import annotations

import marshal
import os
import random
import subprocess
import sys
import zlib
from math import log
from pathlib import Path

import jieba.posseg as posseg
import pytest

from yiwen.glossary import zhtagger
from yiwen.glossary.zhnames import find_chinese_names

_TEXT = "院长郑兴东介绍，护士长单丽华和欧阳文医生于2023年赴青海援助。"
_NAMES = ["郑兴东", "单丽华", "欧阳文"]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point yiwen's cache at an empty folder and forget the lexicon before and after."""
    monkeypatch.setenv("YIWEN_CACHE_DIR", str(tmp_path))
    zhtagger._lexicon.cache_clear()
    yield tmp_path
    zhtagger._lexicon.cache_clear()


def test_patterns_are_poseggs() -> None:
    for name in ("re_han_detail", "re_skip_detail", "re_han_internal", "re_skip_internal"):
        assert getattr(zhtagger, name.upper()).pattern == getattr(posseg, name).pattern
    assert zhtagger.RE_ENG.pattern == posseg.re_eng.pattern
    assert zhtagger.RE_NUM.pattern == posseg.re_num.pattern


def test_every_entry_scores_and_tags_as_in_jieba() -> None:
    tokenizer = zhtagger._posseg().dt.tokenizer
    tags = zhtagger._posseg().dt.word_tag_tab
    total, groups = zhtagger._build_lexicon_data()
    assert total == tokenizer.total
    lexicon = zhtagger._Lexicon(total, groups)
    for ch in {word[0] for word in tokenizer.FREQ}:
        lexicon.load(ch)
    assert not lexicon.groups
    logtotal = log(tokenizer.total)
    assert len(lexicon.logp) == len(tokenizer.FREQ)
    for word, freq in tokenizer.FREQ.items():
        # Bit for bit jieba's calc score: log(FREQ.get(word) or 1) - logtotal.
        assert lexicon.logp[word] == (log(freq) - logtotal if freq else 0.0), word
    assert lexicon.tags == {w: t for w, t in tags.items() if w in tokenizer.FREQ}
    # The route's tables, by code point: each character's score alone (jieba's frequency-1
    # score when it is no word) and each entry of two characters with what continues it.
    bmp = [w for w in tokenizer.FREQ if all(ord(c) < 0x10000 for c in w)]
    lone = -logtotal
    for w in bmp:
        if len(w) == 1:
            assert lexicon.single[ord(w)] == (lexicon.logp[w] or lone), w
    assert sum(x is not None for x in lexicon.single) == 1 + sum(len(w) == 1 for w in bmp)
    thirds: dict[str, set[int]] = {}
    for w in tokenizer.FREQ:
        if len(w) > 2:
            thirds.setdefault(w[:2], set()).add(ord(w[2]))
    expected = {
        zhtagger._pair_key(ord(w[0]), ord(w[1])): (
            lexicon.logp[w],
            lexicon.logp[w[0]] or float("-inf"),
            frozenset(thirds[w]) if w in thirds else None,
        )
        for w in bmp
        if len(w) == 2
    }
    assert lexicon.pairs == expected


def test_a_character_no_entry_starts_with_is_a_lone_character() -> None:
    lexicon = zhtagger._lexicon()
    assert "丄" not in zhtagger._posseg().dt.tokenizer.FREQ  # a Han character jieba lacks
    lexicon.load("丄")
    # Scored like a prefix that starts no word, and no entry starts with it.
    assert lexicon.single[ord("丄")] == lexicon.lone == -log(zhtagger._posseg().dt.tokenizer.total)
    assert not any(zhtagger._pair_key(ord("丄"), ord(c)) in lexicon.pairs for c in "丄王说医")
    assert "丄" not in lexicon.logp and "丄" not in lexicon.tags
    for text in ("丄丄", "王丄说", "丄王刚医生"):
        assert zhtagger.expand(zhtagger.pieces(text)) == zhtagger.reference_tokens(text)
    assert zhtagger.pieces("丄丄") == [(0, "丄丄", None)]


def test_the_file_is_built_once_then_read(cache_dir: Path) -> None:
    path = zhtagger.lexicon_path()
    assert path.parent == cache_dir and not path.exists()
    assert [n.zh for n in find_chinese_names(_TEXT)] == _NAMES
    assert path.exists()
    total, groups = zhtagger._read_lexicon(path, zhtagger._lexicon_key())
    built_total, built = zhtagger._build_lexicon_data()
    assert total == built_total and groups.keys() == built.keys()
    for ch in "郑单欧护院A1":
        assert marshal.loads(groups[ch]) == marshal.loads(built[ch])
    stamp = path.stat().st_mtime_ns
    zhtagger._lexicon.cache_clear()
    assert [n.zh for n in find_chinese_names(_TEXT)] == _NAMES
    assert path.stat().st_mtime_ns == stamp  # read, not built again


def _flip_a_byte_inside_the_groups(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # deep inside one group's marshal: only the checksum sees it
    path.write_bytes(bytes(data))


def test_a_damaged_group_is_caught_and_the_file_rebuilt(cache_dir: Path) -> None:
    zhtagger._lexicon()
    path = zhtagger.lexicon_path()
    _flip_a_byte_inside_the_groups(path)
    key, _, crc, payload = marshal.loads(path.read_bytes())  # the outer layer reads fine
    assert key == zhtagger._lexicon_key() and zlib.crc32(payload) != crc
    assert zhtagger._read_lexicon(path, zhtagger._lexicon_key()) is None
    zhtagger._lexicon.cache_clear()
    assert [n.zh for n in find_chinese_names(_TEXT)] == _NAMES
    assert zhtagger._read_lexicon(path, zhtagger._lexicon_key()) is not None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps([[0, "old dict.txt", 1, 2], 5, 0, marshal.dumps({})]),
        marshal.dumps([1, 2]),
        b"\xff" * 64,
    ],
    ids=["empty", "garbage", "stale key", "wrong shape", "bad bytes"],
)
def test_a_bad_or_stale_file_is_rebuilt(cache_dir: Path, content: bytes) -> None:
    path = zhtagger.lexicon_path()
    path.write_bytes(content)
    assert [n.zh for n in find_chinese_names(_TEXT)] == _NAMES
    assert zhtagger._read_lexicon(path, zhtagger._lexicon_key()) is not None


def test_an_unwritable_cache_path_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("YIWEN_CACHE_DIR", str(blocker / "yiwen"))
    zhtagger._lexicon.cache_clear()
    try:
        assert [n.zh for n in find_chinese_names(_TEXT)] == _NAMES
    finally:
        zhtagger._lexicon.cache_clear()


def test_names_in_a_fresh_process_import_neither_jieba_nor_pypinyin(cache_dir: Path) -> None:
    from yiwen.glossary import readings

    zhtagger._lexicon()  # both cache files built in cache_dir: the jieba lexicon, the readings
    readings._readings.cache_clear()
    readings._readings()
    readings._readings.cache_clear()
    code = (
        "import sys\n"
        "from yiwen.glossary.zhnames import find_chinese_names\n"
        f"print([(n.zh, n.family, n.given) for n in find_chinese_names({_TEXT!r})])\n"
        "print(sorted({'jieba', 'pypinyin'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "YIWEN_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    names, imported = done.stdout.splitlines()
    assert names == repr([(n.zh, n.family, n.given) for n in find_chinese_names(_TEXT)])
    assert [n.zh for n in find_chinese_names(_TEXT)] == _NAMES
    assert imported == "[]"


def test_the_file_lives_where_the_translation_cache_does(cache_dir: Path) -> None:
    from yiwen.translate.cache import default_path

    assert zhtagger.lexicon_path().parent == default_path().parent == cache_dir


def test_threads_reading_groups_at_once_find_the_same_names() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.synth import chinese_article

    paras = [p for s in range(3) for p in chinese_article(random.Random(s), 10).split("\n") if p]
    expected = [[n.zh for n in find_chinese_names(p)] for p in paras]
    zhtagger._lexicon.cache_clear()  # a fresh lexicon: every group is read again, in the threads
    try:
        with ThreadPoolExecutor(8) as pool:
            found = list(pool.map(lambda p: [n.zh for n in find_chinese_names(p)], paras))
    finally:
        zhtagger._lexicon.cache_clear()
    assert found == expected and any(expected)
