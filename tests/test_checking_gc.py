"""Garbage collection while a check runs: seldom during the rules, as before afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from yiwen.checking import _CHECK_THRESHOLD, make_checker
from yiwen.config import Config
from yiwen.document import load_document


class _Probe:
    """A stand-in rule that records the young-generation threshold it runs under."""

    def __init__(self, fail: bool = False) -> None:
        self.seen: list[int] = []
        self.fail = fail

    def check(self, ctx: object) -> list:
        """Record the threshold; raise when asked to."""
        self.seen.append(gc.get_threshold()[0])
        if self.fail:
            raise RuntimeError("rule failed")
        return []


@pytest.fixture
def threshold() -> Iterator[None]:
    """Keep the process's thresholds as they were whatever a test sets."""
    old = gc.get_threshold()
    yield
    gc.set_threshold(*old)


def _checker_with(probe: _Probe, tmp_path):
    checker = make_checker(Config())
    checker.rules = lambda bilingual=None: [probe]  # type: ignore[method-assign]
    path = tmp_path / "a.md"
    path.write_text("The hospital held a meeting.\n", encoding="utf-8")
    return checker, load_document(str(path))


def test_rules_run_with_few_collections_and_the_threshold_comes_back(tmp_path, threshold) -> None:
    gc.set_threshold(700, 10, 10)
    probe = _Probe()
    checker, doc = _checker_with(probe, tmp_path)
    checker.check_document(doc)
    assert probe.seen == [_CHECK_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)


def test_the_threshold_comes_back_when_a_rule_fails(tmp_path, threshold) -> None:
    gc.set_threshold(700, 10, 10)
    checker, doc = _checker_with(_Probe(fail=True), tmp_path)
    with pytest.raises(RuntimeError):
        checker.check_document(doc)
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("young", [0, 2 * _CHECK_THRESHOLD])
def test_collection_switched_off_or_already_seldom_is_left_alone(
    tmp_path, threshold, young
) -> None:
    gc.set_threshold(young, 10, 10)
    probe = _Probe()
    checker, doc = _checker_with(probe, tmp_path)
    checker.check_document(doc)
    assert probe.seen == [young]
    assert gc.get_threshold() == (young, 10, 10)
