"""Severity, name/glossary noise, built-in duplicates and the rate limiter (no server)."""

from __future__ import annotations

import pytest

from yiwen.grammar.filters import (
    covered_by,
    is_name_noise,
    is_spelling,
    name_detector,
    severity_for,
)
from yiwen.grammar.ratelimit import RateLimiter
from yiwen.models import Finding, Severity


def _match(rule_id: str, category: str, issue: str = "grammar") -> dict:
    return {"rule": {"id": rule_id, "issueType": issue, "category": {"id": category}}}


def _f(code: str, offset: int, length: int) -> Finding:
    return Finding(code, code.lower(), Severity.ERROR, "m", offset, length, "x" * length)


def test_severity_from_category():
    assert severity_for(_match("HE_VERB_AGR", "GRAMMAR")) is Severity.ERROR
    assert severity_for(_match("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling")) is Severity.WARNING
    assert severity_for(_match("EXTREME_ADJECTIVES", "STYLE", "style")) is Severity.INFO


def test_spelling_is_morfologik_or_misspelling():
    assert is_spelling(_match("MORFOLOGIK_RULE_EN_GB", "TYPOS", "misspelling"))
    assert not is_spelling(_match("HE_VERB_AGR", "GRAMMAR"))


def test_pinyin_names_are_noise_english_misspellings_are_not():
    is_name = name_detector()
    assert is_name_noise("Xingdong", 0, 8, [], is_name)
    assert is_name_noise("Zhengjun", 0, 8, [], is_name)
    assert is_name_noise("Rui-tao", 0, 7, [], is_name)
    assert not is_name_noise("recieved", 0, 8, [], is_name)
    assert not is_name_noise("hospitel", 0, 8, [], is_name)


def test_glossary_span_makes_any_spelling_match_noise():
    assert is_name_noise("Medivance", 10, 19, [(10, 26)], lambda t: False)
    assert not is_name_noise("Medivance", 10, 19, [(30, 40)], lambda t: False)


def test_covered_by_same_words_not_by_a_comma_in_a_long_match():
    e001 = _f("E001", 10, 7)
    assert covered_by(_f("LT.ENGLISH_WORD_REPEAT_RULE", 10, 7), [e001])
    assert covered_by(_f("LT.X", 14, 3), [e001])  # the second word of the double
    assert not covered_by(_f("LT.X", 20, 5), [e001])
    assert not covered_by(_f("LT.LONG_STYLE", 0, 80), [_f("E010", 30, 1)])


def test_rate_limiter_keeps_twenty_requests_and_75000_chars_a_minute():
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    stamps = []
    for _ in range(45):
        limiter.acquire(100)
        stamps.append(now[0])
    assert stamps[19] == 0.0 and stamps[20] == 60.0 and stamps[40] == 120.0
    now[0], limiter = (
        0.0,
        RateLimiter(clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s)),
    )
    for _ in range(4):
        limiter.acquire(20_000)  # the fourth would make 80,000 characters in a minute
    assert now[0] == 60.0
    with pytest.raises(ValueError):
        limiter.acquire(75_001)
