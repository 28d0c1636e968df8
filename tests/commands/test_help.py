"""Every command answers --help with an example, and the root shows every command."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from yiwen.app import register_commands


def _leaves(cmd, path=()):
    subs = getattr(cmd, "commands", None)
    if not subs:
        yield path
        return
    yield path  # a group's own --help too
    for name, sub in sorted(subs.items()):
        yield from _leaves(sub, (*path, name))


COMMANDS = [p for p in _leaves(typer.main.get_command(register_commands())) if p]


def test_the_tree_has_every_documented_command() -> None:
    names = {" ".join(p) for p in COMMANDS}
    for expected in [
        "check",
        "fix",
        "diff",
        "translate",
        "rules list",
        "rules explain",
        "glossary list",
        "glossary lookup",
        "glossary validate",
        "glossary import",
        "glossary export",
        "glossary names",
        "batch check",
        "batch fix",
        "batch translate",
        "batch report",
        "models install",
        "models list",
        "models remove",
        "tm export",
        "tm import",
    ]:
        assert expected in names


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_has_an_example(cli, path) -> None:
    r = cli(*path, "--help")
    assert r.exit_code == 0, r.stderr
    assert "Example: yiwen" in r.stdout


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "yiwen", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("yiwen ")
