"""Fixtures for the translation tests: a provider stand-in, private cache and data folders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The stand-in module sits next to this file; tests and the benchmark import it by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from translate_standin import StandIn


@pytest.fixture
def standin():
    """A running stand-in for every provider (127.0.0.1, random port)."""
    server = StandIn()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path):
    """Every test gets its own cache and model folders, and no real keys or URLs.

    A MonkeyPatch of its own: the shared `cli` fixture undoes the test's `monkeypatch` after
    every run, which would drop these settings between two runs in one test.
    """
    import os

    monkeypatch = pytest.MonkeyPatch()
    for var in list(os.environ):
        if var.startswith("YIWEN_") or var in (
            "DEEPL_API_KEY",
            "MICROSOFT_API_KEY",
            "BAIDU_APPID",
            "BAIDU_APPKEY",
            "LIBRE_API_KEY",
        ):
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("YIWEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("YIWEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    monkeypatch.undo()


@pytest.fixture
def provider_env(standin):
    """Point every provider at the stand-in and give it its keys."""
    monkeypatch = pytest.MonkeyPatch()
    for k, v in standin.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("YIWEN_TRANSLATE_TIMEOUT", "2")
    yield standin
    monkeypatch.undo()
