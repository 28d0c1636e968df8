"""pypinyin's toneless readings of short names, kept in a cache file so that reading needs no import.

Importing pypinyin costs about 0.13 s (its phrase and character tables), most of the first name
lookup in a process. A name's given part is one or two Han characters, and for those
`lazy_pinyin(zh, style=Style.NORMAL, errors="ignore")` is fixed by two tables: pypinyin
segments a two-character string as one word when it is in `phrases_dict` (and both characters
are in its Han ranges), else character by character, each read alone (no context, no tone
sandhi by default). So the file holds, built by pypinyin itself, the reading of every
character of U+3400–U+9FFF (those of `pinyin_dict` and the rest, read as nothing) and of the
two-character words of `phrases_dict` that it reads otherwise than character by character.
Anything longer or outside U+3400–U+9FFF asks pypinyin.
tests/names/test_name_readings.py holds `read` to `lazy_pinyin` over every entry.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from yiwen.glossary.cachefile import load_or_build, package_dir, stamp

# Bump when the layout of the readings file changes.
_READINGS_FORMAT = 1
# The characters whose one- and two-character strings the file answers for (zhnames' _HAN).
_FIRST, _LAST = 0x3400, 0x9FFF
_SHORT_HAN = re.compile(r"^[\u3400-\u9fff]{1,2}$")
_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.M)


def _pypinyin_key() -> list[Any]:
    """Say which pypinyin a readings file was built from, without importing it (0.13 s).

    Its version, and the path, size and time of its two tables; and PYPINYIN_NO_PHRASES, which
    makes pypinyin drop its phrase table.
    """
    folder = package_dir("pypinyin")
    found = _VERSION.search((folder / "__init__.py").read_text(encoding="utf-8"))
    key: list[Any] = [_READINGS_FORMAT, found.group(1) if found else ""]
    for name in ("pinyin_dict.py", "phrases_dict.py"):
        key += stamp(folder / name)
    return [*key, bool(os.environ.get("PYPINYIN_NO_PHRASES"))]


def readings_path() -> Path:
    """Return where the readings file lives: yiwen's cache folder."""
    from yiwen.cachedir import cache_dir

    return cache_dir() / f"pypinyin-readings-{_READINGS_FORMAT}.marshal"


def _lazy(zh: str) -> tuple[str, ...]:
    """Read `zh` with pypinyin itself, lower-cased: what `read` must give."""
    from pypinyin import Style, lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(zh, style=Style.NORMAL, errors="ignore"))


def _build_readings() -> tuple[list[str], list[Any]]:
    """Read, with pypinyin, every character of U+3400–U+9FFF and every two-character word.

    Returns (syllables, [chars, words]): a reading is stored as a string of codes, chr(1 + its
    index in `syllables`) per syllable. `chars` holds one code per character of the range
    (NUL: no reading); `words` the one- and two-character strings whose reading is not that,
    character by character: the phrases pypinyin reads otherwise (and any character read as
    more than one syllable, which pypinyin 0.55 has none of).
    """
    from pypinyin.constants import PHRASES_DICT

    index: dict[str, int] = {}

    def code(reading: tuple[str, ...]) -> str:
        return "".join(chr(1 + index.setdefault(s, len(index))) for s in reading)

    chars: list[str] = []
    words: dict[str, str] = {}
    for point in range(_FIRST, _LAST + 1):
        reading = code(_lazy(chr(point)))
        chars.append(reading if len(reading) == 1 else "\0")
        if len(reading) > 1:
            words[chr(point)] = reading
    table = "".join(chars)
    for word in PHRASES_DICT:
        if len(word) == 2 and _SHORT_HAN.match(word):
            reading = code(_lazy(word))
            if reading != _by_character(table, words, word):
                words[word] = reading
    return list(index), [table, words]


def _by_character(table: str, words: dict[str, str], zh: str) -> str:
    """Return the codes of `zh` read character by character (from `words` when a character is there)."""
    return "".join(words.get(ch) or table[ord(ch) - _FIRST] for ch in zh).replace("\0", "")


def _valid(syllables: Any, body: Any) -> bool:
    """True when a readings file's (head, body) are (syllables, [chars, words])."""
    return (
        isinstance(syllables, list)
        and isinstance(body, list)
        and len(body) == 2
        and isinstance(body[0], str)
        and len(body[0]) == _LAST - _FIRST + 1
        and isinstance(body[1], dict)
    )


@cache
def _readings() -> tuple[list[str], str, dict[str, str]]:
    """Return (syllables, chars, words) from the readings file, building it if need be."""
    syllables, (chars, words) = load_or_build(
        readings_path(), _pypinyin_key(), _build_readings, _valid
    )
    return syllables, chars, words


def read(zh: str) -> list[str]:
    """Read characters as toneless lower-case pinyin syllables ("v" for "ü"), as pypinyin does.

    Exactly `lazy_pinyin(zh, style=Style.NORMAL, errors="ignore")` lower-cased; one or two
    characters of U+3400–U+9FFF come from the readings file, anything else from pypinyin.
    """
    if not _SHORT_HAN.match(zh):
        return list(_lazy(zh))
    syllables, chars, words = _readings()
    codes = words.get(zh)
    if codes is None:
        codes = _by_character(chars, words, zh)
    return [syllables[ord(c) - 1] for c in codes]
