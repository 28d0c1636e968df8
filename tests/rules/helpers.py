"""The one helper the rule tests share: run selected rules on a text and check every span."""

from __future__ import annotations

from yiwen.checking import make_checker
from yiwen.config import Config
from yiwen.document import load_document
from yiwen.models import Finding


def run_rules(
    text: str, select: tuple[str, ...], name: str = "draft.txt", **config
) -> list[Finding]:
    """Run the selected rules on `text` loaded as `name`; every span must match its text."""
    doc = load_document(name, data=text.encode("utf-8"))
    findings = make_checker(Config(select=select, **config)).check_document(doc)
    for f in findings:
        assert doc.text[f.offset : f.offset + f.length] == f.text
    return findings
