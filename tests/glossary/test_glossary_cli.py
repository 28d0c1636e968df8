"""`yiwen glossary list|lookup|validate|import|export` through the real CLI."""

from __future__ import annotations

from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[2] / "glossaries" / "shanghai-general-hospital.toml"


def test_list_defaults_to_bundled(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no yiwen.toml here: the bundled glossary is used
    r = cli("glossary", "list", "--kind", "place")
    assert r.exit_code == 0
    assert "Golog" in r.stdout and "Guoluo" in r.stdout and "果洛州" in r.stdout
    assert "Orthopedics" not in r.stdout


def test_list_uses_config_glossaries(cli, tmp_path, monkeypatch):
    (tmp_path / "mine.toml").write_text(
        '[[term]]\nzh = "药剂科"\nen = "Pharmacy Department"\nkind = "department"\n', "utf-8"
    )
    (tmp_path / "yiwen.toml").write_text('glossaries = ["mine.toml"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("glossary", "list")
    assert "Pharmacy Department" in r.stdout and "Orthopedics" not in r.stdout


def test_list_bad_kind(cli):
    r = cli("glossary", "list", "--kind", "ward")
    assert r.exit_code == 2 and "--kind must be" in r.stderr


def test_lookup_both_languages(cli):
    r = cli("glossary", "lookup", "Osteopathy", "--glossary", GLOSSARY, "-n", "1")
    assert r.exit_code == 0 and "Orthopedics" in r.stdout and "100" in r.stdout
    r = cli("glossary", "lookup", "果洛州", "--glossary", GLOSSARY, "-n", "1")
    assert "Golog Prefecture" in r.stdout
    r = cli("glossary", "lookup", "zzzzzzzzzz", "--glossary", GLOSSARY)
    assert r.exit_code == 1 and "no entry like" in r.stdout


def test_validate_ok_and_bad(cli, tmp_path):
    r = cli("glossary", "validate", GLOSSARY)
    assert r.exit_code == 0 and "ok (5 people" in r.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[[person]]\nfamily = "Wang"\n\n[[term]]\nen = "X"\nkind = "ward"\n', "utf-8")
    r = cli("glossary", "validate", bad)
    assert r.exit_code == 2
    assert f"{bad}:1: person 'Wang': 'given' is missing" in r.stderr
    assert f"{bad}:6: term 'X': 'kind' must be one of" in r.stderr
    assert "Traceback" not in r.stderr


def test_import_export_round_trip_through_cli(cli, tmp_path):
    for fmt in ("csv", "tsv", "tbx"):
        out = tmp_path / f"g.{fmt}"
        assert (
            cli("glossary", "export", "--format", fmt, "-o", out, "--glossary", GLOSSARY).exit_code
            == 0
        )
        toml = tmp_path / f"from-{fmt}.toml"
        r = cli("glossary", "import", out, "-o", toml, "--name-order", "family-given")
        assert r.exit_code == 0, r.stderr
        again = tmp_path / f"again.{fmt}"
        cli("glossary", "export", "--format", fmt, "-o", again, "--glossary", toml)
        assert again.read_text("utf-8") == out.read_text("utf-8")
        assert cli("glossary", "validate", toml).exit_code == 0


def test_import_to_stdout_and_errors(cli, tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("zh,en,kind,avoid\n骨科,Orthopedics,department,Osteopathy\n", "utf-8")
    r = cli("glossary", "import", src)
    assert r.exit_code == 0
    assert 'avoid = ["Osteopathy"]' in r.stdout and 'name = "t"' in r.stdout
    r = cli("glossary", "import", tmp_path / "missing.csv")
    assert r.exit_code == 2 and "cannot be read" in r.stderr
    r = cli("glossary", "export", "--format", "xlsx", "--glossary", GLOSSARY)
    assert r.exit_code == 2 and "unknown export format" in r.stderr


def test_check_uses_glossary_option(cli, tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("Dr.Ruitao Wang went to Guoluo.\n", "utf-8")
    r = cli("check", draft, "--glossary", GLOSSARY, "--select", "N0", "--select", "T0")
    assert r.exit_code == 1
    assert "N001" in r.stdout and "Dr. Wang Ruitao" in r.stdout and "T001" in r.stdout
