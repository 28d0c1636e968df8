"""Tell Chinese, English and mixed text apart from the characters alone (fast, no model)."""

from __future__ import annotations

import re

from yiwen.models import Language

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Language:
    """Return ZH, EN, MIXED or UNKNOWN for `text`.

    A Han character carries about as much as a four-letter English word, so Latin letters are
    weighed at a quarter: an English paragraph with a name in characters stays English, and a
    Chinese paragraph with "CT" or "Dr. Wang" in it stays Chinese.
    """
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text)) / 4
    total = han + latin
    if total == 0:
        return Language.UNKNOWN
    share = han / total
    if share >= 0.6:
        return Language.ZH
    if share <= 0.15:
        return Language.EN
    return Language.MIXED


def is_han(ch: str) -> bool:
    """True for a Chinese (Han) character."""
    return bool(_HAN.match(ch))
