"""Name readings without importing pypinyin: the cache file must read exactly as `lazy_pinyin`.

`readings.read` answers one- and two-character Han strings from a file that pypinyin built in
yiwen's cache folder. These tests hold it to `lazy_pinyin(zh, style=Style.NORMAL,
errors="ignore")` over every character, every two-character phrase and random pairs, and check
that a missing, stale, corrupt or unwritable file still gives the same readings.
"""

from __future__ import annotations

import marshal
import random
import zlib
from collections.abc import Iterator
from pathlib import Path

import pypinyin
import pytest
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from yiwen.glossary import readings
from yiwen.glossary.zhnames import romanise_name

_TEXT = "院长郑兴东介绍，护士长单丽华和欧阳文医生于2023年赴青海援助。"
_ROMAN = [("Zheng", "Xingdong"), ("Shan", "Lihua"), ("Ouyang", "Wen")]
# The range `read` answers from the file, and characters beyond it that fall back to pypinyin.
_RANGE = [chr(c) for c in range(0x3400, 0xA000)]


def reference(zh: str) -> list[str]:
    """What `read` must give: pypinyin's own answer, lower-cased."""
    return [s.lower() for s in lazy_pinyin(zh, style=Style.NORMAL, errors="ignore")]


def _fresh(folder: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YIWEN_CACHE_DIR", str(folder))
        readings._readings.cache_clear()
        yield folder
        readings._readings.cache_clear()


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    """Point yiwen's cache at an empty folder and forget the readings before and after."""
    yield from _fresh(tmp_path)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One readings file, built in a folder of its own, for the exhaustive comparisons."""
    for folder in _fresh(tmp_path_factory.mktemp("readings")):
        readings._readings()
        assert readings.readings_path().exists()
        yield folder


def test_every_character_reads_as_pypinyin_reads_it(built: Path) -> None:
    chars = sorted({chr(c) for c in PINYIN_DICT} | set(_RANGE))
    wrong = [ch for ch in chars if readings.read(ch) != reference(ch)]
    assert not wrong
    assert readings.read("涛") == ["tao"] and readings.read("吕") == ["lv"]


def test_every_two_character_phrase_reads_as_pypinyin_reads_it(built: Path) -> None:
    phrases = [w for w in PHRASES_DICT if len(w) == 2]
    assert len(phrases) > 10_000
    wrong = [w for w in phrases if readings.read(w) != reference(w)]
    assert not wrong
    # A phrase read otherwise than its characters: 行 alone is xing, in 银行 hang.
    assert readings.read("银行") == ["yin", "hang"] and readings.read("行") == ["xing"]


def test_random_pairs_read_as_pypinyin_reads_them(built: Path) -> None:
    rng = random.Random(20261125)
    common = [chr(c) for c in PINYIN_DICT if 0x4E00 <= c <= 0x9FFF]
    # Pairs of common characters, of any in the range (some with no reading, some outside
    # pypinyin's Han ranges such as U+4DC0 ䷀), and halves of phrases recombined.
    firsts = [w[0] for w in PHRASES_DICT if len(w) == 2]
    pairs = [rng.choice(common) + rng.choice(common) for _ in range(2000)]
    pairs += [rng.choice(_RANGE) + rng.choice(_RANGE) for _ in range(2000)]
    pairs += [rng.choice(firsts) + rng.choice(common) for _ in range(1000)]
    pairs += ["䷀中", "中䷀", "䷀䷁"]
    wrong = [w for w in pairs if readings.read(w) != reference(w)]
    assert not wrong


@pytest.mark.parametrize("zh", ["中国人", "王瑞涛", "𠀀", "A", "瑞A", "", "〇"])
def test_other_strings_are_read_by_pypinyin(cache_dir: Path, zh: str) -> None:
    assert readings.read(zh) == reference(zh)


def test_the_file_is_keyed_on_pypinyins_version(cache_dir: Path) -> None:
    key = readings._pypinyin_key()
    assert key[1] == pypinyin.__version__
    assert readings.readings_path().parent == cache_dir


def test_the_file_is_built_once_then_read(cache_dir: Path) -> None:
    path = readings.readings_path()
    assert not path.exists()
    assert romanise_name.__wrapped__("王瑞涛") == ("Wang", "Ruitao")
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    readings._readings.cache_clear()
    assert readings.read("瑞涛") == ["rui", "tao"]
    assert path.stat().st_mtime_ns == stamp  # read, not built again


def test_a_damaged_table_is_caught_and_the_file_rebuilt(cache_dir: Path) -> None:
    readings._readings()
    path = readings.readings_path()
    data = bytearray(path.read_bytes())
    data[-len(data) // 4] ^= 0xFF  # inside the payload: only the checksum sees it
    path.write_bytes(bytes(data))
    key, _, crc, payload = marshal.loads(path.read_bytes())
    assert key == readings._pypinyin_key() and zlib.crc32(payload) != crc
    readings._readings.cache_clear()
    assert readings.read("瑞涛") == ["rui", "tao"]
    assert path.read_bytes() != bytes(data)  # written again
    key, _, crc, payload = marshal.loads(path.read_bytes())
    assert zlib.crc32(payload) == crc


def test_a_right_key_with_the_wrong_shape_is_rebuilt(cache_dir: Path) -> None:
    from yiwen.glossary.cachefile import read_checked, write_checked

    path = readings.readings_path()
    write_checked(path, readings._pypinyin_key(), ["rui"], ["\x01", {}])  # table cut short
    assert readings.read("瑞涛") == ["rui", "tao"]
    rebuilt = read_checked(path, readings._pypinyin_key())
    assert rebuilt is not None and readings._valid(*rebuilt)
