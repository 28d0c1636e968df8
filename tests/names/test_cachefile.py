"""The cache files built from a library (jieba's dictionary, pypinyin's readings) heal when bad."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from yiwen.glossary.cachefile import load_or_build, read_checked, write_checked

KEY = ["lib", "1.0"]


def _build() -> tuple[list[str], dict[str, int]]:
    _build.calls += 1  # type: ignore[attr-defined]
    return ["head"], {"word": 1}


def _fresh(path: Path) -> tuple[object, object]:
    _build.calls = 0  # type: ignore[attr-defined]
    return load_or_build(path, KEY, _build)


def test_built_once_then_read(tmp_path: Path) -> None:
    path = tmp_path / "data.marshal"
    assert _fresh(path) == (["head"], {"word": 1}) and _build.calls == 1  # type: ignore[attr-defined]
    assert _fresh(path) == (["head"], {"word": 1}) and _build.calls == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal at all",
        marshal.dumps([["lib", "0.9"], ["head"], 0, marshal.dumps({})]),
        marshal.dumps([1, 2]),
        b"\xff" * 64,
    ],
    ids=["empty", "garbage", "stale key", "wrong shape", "bad bytes"],
)
def test_a_bad_or_stale_file_is_rebuilt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.marshal"
    path.write_bytes(content)
    assert _fresh(path) == (["head"], {"word": 1}) and _build.calls == 1  # type: ignore[attr-defined]
    assert read_checked(path, KEY) == (["head"], {"word": 1})


def test_a_flipped_byte_is_caught_by_the_checksum(tmp_path: Path) -> None:
    path = tmp_path / "data.marshal"
    write_checked(path, KEY, ["head"], {"word": 12345})
    data = bytearray(path.read_bytes())
    data[data.index(marshal.dumps(12345)[1:])] ^= 0x01  # the body still unmarshals
    path.write_bytes(bytes(data))
    assert read_checked(path, KEY) is None
    assert _fresh(path) == (["head"], {"word": 1}) and _build.calls == 1  # type: ignore[attr-defined]


def test_a_body_of_the_wrong_shape_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "data.marshal"
    write_checked(path, KEY, ["head"], ["not", "a", "dict"])
    got = load_or_build(path, KEY, _build, lambda head, body: isinstance(body, dict))
    assert got == (["head"], {"word": 1})


def test_an_unwritable_folder_still_gives_the_data(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    path = blocker / "yiwen" / "data.marshal"
    assert _fresh(path) == (["head"], {"word": 1})
    assert not path.exists()
