"""Faults: 429 with Retry-After, 500, timeouts, truncated JSON, fewer segments than sent."""

from __future__ import annotations

import random
import re
import time

import pytest

from yiwen.translate.engines import BadAnswer, EngineUnreachable, RateLimited, make_engine
from yiwen.translate.retry import RetryPolicy, call_with_retry


def _engine(name="google", tries=4):
    e = make_engine(name, {"tries": tries})
    e.waits = []
    e.sleep = e.waits.append  # record instead of sleeping
    return e


def test_429_retry_after_is_honoured(provider_env):
    provider_env.fault("google", "status", 429, {"Retry-After": "7"})
    e = _engine()
    assert e.translate_batch(["你好。"], "zh", "en")[0]
    assert e.waits == [7.0]
    assert len(provider_env.requests_for("google")) == 2


def test_500_is_retried_with_backoff(provider_env):
    provider_env.fault("deepl", "status", 500)
    provider_env.fault("deepl", "status", 503)
    e = _engine("deepl")
    assert e.translate_batch(["你好。"], "zh", "en")[0]
    assert len(e.waits) == 2 and 0.25 <= e.waits[0] <= 0.5 and 0.5 <= e.waits[1] <= 1.0


def test_retries_are_bounded_then_a_clear_error(provider_env):
    for _ in range(5):
        provider_env.fault("microsoft", "status", 502)
    e = _engine("microsoft", tries=3)
    with pytest.raises(EngineUnreachable) as info:
        e.translate_batch(["你好。"], "zh", "en")
    assert "gave up after 3 tries" in str(info.value) and "HTTP 502" in str(info.value)
    assert len(provider_env.requests_for("microsoft")) == 3


def test_a_provider_that_never_answers_is_bounded(provider_env, monkeypatch):
    monkeypatch.setenv("YIWEN_TRANSLATE_TIMEOUT", "0.5")
    for _ in range(3):
        provider_env.fault("google", "hang")
    e = _engine(tries=2)
    began = time.monotonic()
    with pytest.raises(EngineUnreachable) as info:
        e.translate_batch(["你好。"], "zh", "en")
    assert time.monotonic() - began < 5
    assert "did not answer within 0.5 s" in str(info.value)


def test_truncated_json_is_a_bad_answer(provider_env):
    provider_env.fault("libre", "truncate")
    with pytest.raises(BadAnswer) as info:
        _engine("libre").translate_batch(["你好。"], "zh", "en")
    assert "not valid JSON" in str(info.value)


def test_fewer_segments_than_sent_falls_back_to_one_request_each(provider_env):
    provider_env.fault("google", "drop_line")
    e = _engine()
    out = e.translate_batch(["你好。", "再见。", "谢谢。"], "zh", "en")
    assert len(out) == 3 and all(out)
    sent = provider_env.requests_for("google")
    assert len(sent) == 4  # the packed request, then one per paragraph


def test_baidu_rate_limit_error_code_is_rate_limited(provider_env):
    provider_env.fault(
        "baidu", "status", 200, {}, b'{"error_code": "54003", "error_msg": "Invalid Access Limit"}'
    )
    e = _engine("baidu")
    assert e.translate_batch(["你好。"], "zh", "en")[0]
    assert len(e.waits) == 1


def test_deepl_quota(provider_env):
    from yiwen.translate.engines import QuotaExceeded

    provider_env.fault("deepl", "status", 456)
    with pytest.raises(QuotaExceeded):
        _engine("deepl").translate_batch(["你好。"], "zh", "en")


def test_what_was_translated_is_kept_when_a_later_request_fails(provider_env, cli, tmp_path):
    paras = "\n\n".join(f"第{i}段：医生在医院完成了手术。" * 20 for i in range(6))
    (tmp_path / "a.zh.md").write_text(paras + "\n", "utf-8")
    # mymemory's 160-character Chinese limit gives one request per paragraph piece.
    for _ in range(200):
        provider_env.fault("mymemory", "status", 500)
    provider_env.faults["mymemory"] = [()] * 3 + provider_env.faults["mymemory"]
    r = cli("translate", "a.zh.md", "--engine", "mymemory", "--jobs", "1")
    assert r.exit_code == 3
    kept = re.search(r"(\d+) of (\d+) segments were translated and kept in the cache", r.stderr)
    assert kept and 0 < int(kept.group(1)) < int(kept.group(2))
    n_first = len(provider_env.requests_for("mymemory"))
    provider_env.faults["mymemory"] = []
    r = cli("translate", "a.zh.md", "--engine", "mymemory", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    # Identical pieces share one cache entry, so at least the kept ones come from the cache.
    hits = re.search(r"(\d+) from cache", r.stderr)
    assert hits and int(hits.group(1)) >= int(kept.group(1))
    assert len(provider_env.requests_for("mymemory")) > n_first


def test_call_with_retry_jitter_and_cap():
    calls = []

    def flaky():
        calls.append(1)
        raise RateLimited("busy", retry_after=None)

    waits: list[float] = []
    with pytest.raises(RateLimited):
        call_with_retry(flaky, RetryPolicy(tries=5, base=1, cap=3), waits.append, random.Random(1))
    assert len(calls) == 5 and len(waits) == 4
    assert all(0.5 * min(3, 2**i) <= w <= min(3, 2**i) for i, w in enumerate(waits))


def test_retry_after_too_long_gives_up_at_once():
    waits: list[float] = []
    with pytest.raises(RateLimited) as info:
        call_with_retry(
            lambda: (_ for _ in ()).throw(RateLimited("x", 3600)), RetryPolicy(), waits.append
        )
    assert waits == [] and "3600" in str(info.value)
