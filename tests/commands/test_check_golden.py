"""Golden outputs of `yiwen check` (text and JSON) on the bundled examples.

Regenerate on purpose with YIWEN_REGEN_GOLDENS=1 and review the diff before committing.
"""

from __future__ import annotations

import json
import os

import pytest
from tests.conftest import DATA, ROOT

GOLDEN = DATA / "golden"
GLOSSARY = "glossaries/shanghai-general-hospital.toml"
CASES = [
    ("news-en.md", "text"),
    ("news-en.md", "json"),
    ("news-zh.md", "text"),
    ("news-zh.md", "json"),
]


@pytest.mark.parametrize(("example", "fmt"), CASES)
def test_check_examples_golden(cli, monkeypatch, example: str, fmt: str) -> None:
    monkeypatch.chdir(ROOT)
    r = cli("check", f"examples/{example}", "--glossary", GLOSSARY, "--format", fmt)
    assert r.exit_code == 1, r.stderr  # the examples are drafts with mistakes
    golden = GOLDEN / f"check-{example}.{'json' if fmt == 'json' else 'txt'}"
    if os.environ.get("YIWEN_REGEN_GOLDENS"):
        golden.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == golden.read_text(encoding="utf-8")


def test_golden_json_spans_point_at_their_text() -> None:
    for example in ("news-en.md", "news-zh.md"):
        data = json.loads((GOLDEN / f"check-{example}.json").read_text(encoding="utf-8"))
        text = (ROOT / "examples" / example).read_text(encoding="utf-8")
        lines = text.split("\n")
        assert data["summary"]["findings"] == len(data["files"][0]["findings"]) > 0
        for f in data["files"][0]["findings"]:
            assert text[f["offset"] : f["offset"] + f["length"]] == f["text"]
            if f["line"] == f["end_line"]:
                line = lines[f["line"] - 1]
                assert line[f["column"] - 1 : f["end_column"] - 1] == f["text"]
