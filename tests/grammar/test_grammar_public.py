"""Public-API mode: its limits, enforced against a local stand-in that counts what it gets."""

from __future__ import annotations

import pytest

from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.grammar.backend import PUBLIC_MAX_REQUEST
from yiwen.grammar.offsets import utf16_len


@pytest.fixture
def public(standin, monkeypatch):
    """Point public mode at the stand-in and give the backend's limiter a fake clock."""
    monkeypatch.setenv("YIWEN_LT_PUBLIC_URL", standin.url)
    now = [0.0]
    standin.clock = lambda: now[0]

    def build(**grammar):
        checker = make_checker(
            Config(grammar="languagetool", lt_mode="public", sections={"languagetool": grammar})
        )
        limiter = checker.grammar.limiter
        limiter.clock = lambda: now[0]
        limiter.sleep = lambda s: now.__setitem__(0, now[0] + s)
        return checker

    return build


def _windows_ok(times, sizes, requests=20, chars=75_000):
    for i, t in enumerate(times):
        inside = [j for j, u in enumerate(times) if t <= u < t + 60]
        assert len(inside) <= requests, (i, len(inside))
        assert sum(sizes[j] for j in inside) <= chars


def test_twenty_requests_a_minute(public, standin, tmp_path):
    checker = public(chunk_chars=200)  # two paragraphs a request
    para = "He go to the clinic every week and the nurses help the patients there."
    path = tmp_path / "many.md"
    path.write_text("\n\n".join(f"{para} Visit {i}." for i in range(50)), encoding="utf-8")
    report = checker.check_path(str(path))
    assert len(standin.texts) == 25  # more requests than one minute allows
    assert max(standin.times) >= 60.0  # so the limiter waited (on the fake clock)
    _windows_ok(standin.times, [utf16_len(t) for t in standin.texts])
    assert len([f for f in report.findings if f.code == "LT.HE_VERB_AGR"]) == 50


def test_request_size_and_characters_a_minute(public, standin, tmp_path):
    checker = public()
    sentence = "The nurses of the new ward help every patient who comes to the clinic. "
    para = (sentence * 280).strip()  # ~20,000 characters a paragraph
    path = tmp_path / "long.md"
    path.write_text("\n\n".join([para] * 5) + "\n\nHe go home.\n", encoding="utf-8")
    report = checker.check_path(str(path))
    sizes = [utf16_len(t) for t in standin.texts]
    assert max(sizes) <= PUBLIC_MAX_REQUEST
    assert sum(sizes) > 75_000  # more than a minute's worth
    assert max(standin.times) >= 60.0
    _windows_ok(standin.times, sizes)
    assert [f.text for f in report.findings if f.code.startswith("LT.")] == ["go"]


def test_public_mode_warns_once_that_text_leaves_the_machine(cli, standin, tmp_path, monkeypatch):
    monkeypatch.setenv("YIWEN_LT_PUBLIC_URL", standin.url)
    path = tmp_path / "a.md"
    path.write_text("He go to the clinic.\n", encoding="utf-8")
    first = cli("check", str(path), "--lt-mode", "public")
    assert first.exit_code == 1
    assert "LT.HE_VERB_AGR" in first.stdout
    warnings = [ln for ln in first.stderr.splitlines() if "leaves this machine" in ln]
    assert len(warnings) == 1 and standin.url in warnings[0]
    monkeypatch.setenv("YIWEN_LT_PUBLIC_URL", standin.url)
    second = cli("check", str(path), "--lt-mode", "public")
    assert "leaves this machine" not in second.stderr  # same process, same backend: once
