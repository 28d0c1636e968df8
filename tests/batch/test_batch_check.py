"""`yiwen batch check`: discovery, per-file isolation, exit codes, JSON Lines, resume, shards."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from yiwen.batch import discover, in_shard

STATE = "yiwen-batch.sqlite"


def test_discover_nested_skips_hidden_output_and_other_formats(tree):
    root, expected = tree
    out = root / "news" / "out"  # an output folder inside the input tree is never read
    out.mkdir()
    (out / "copy.md").write_text("the the\n", encoding="utf-8")
    items = discover([str(root)], skip=[str(out)])
    assert sorted(i.rel for i in items) == sorted(expected)


def test_discover_include_exclude(tree):
    root, expected = tree
    only_md = discover([str(root)], include=["*.md"])
    assert {i.rel for i in only_md} == {r for r in expected if r.endswith(".md")}
    no_notes = discover([str(root)], exclude=["notes"])
    assert {i.rel for i in no_notes} == {r for r in expected if not r.startswith("notes/")}
    no_2021 = discover([str(root)], exclude=["news/2021/*"])
    assert {i.rel for i in no_2021} == {r for r in expected if "/2021/" not in r}


def test_discover_several_inputs_are_prefixed(tmp_path, tree_maker):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    tree_maker(a, 1, 0), tree_maker(b, 0, 1)
    rels = {i.rel for i in discover([str(a), str(b)])}
    assert rels == {"a/news/2020/story-0.md", "b/notes/deep/er/note-0.txt"}


def test_check_tree_counts_findings_and_exits_1(cli, tree, tmp_path, state_rows):
    root, expected = tree
    out = tmp_path / "out"
    r = cli("batch", "check", root, "-o", out, "--jobs", "1")
    assert r.exit_code == 1, r.stderr
    db = state_rows(out / STATE)
    assert set(db) == set(expected)
    for rel, n in expected.items():
        assert db[rel]["outcome"] == "ok"
        assert db[rel]["n_error"] == n, rel
    assert "E001" in r.stdout and "doubled-word" in r.stdout
    # The totals table: 6 files, 3 findings.
    assert "│ files" in r.stdout and " 6 │" in r.stdout and " 3 │" in r.stdout
    assert not list(out.rglob("*.md")), "check writes no article copies"


def test_clean_tree_exits_0_and_fail_on(cli, tmp_path, tree_maker):
    root = tmp_path / "in"
    tree_maker(root, 0, 2)
    assert cli("batch", "check", root, "-o", tmp_path / "o", "-q").exit_code == 0


def test_bad_files_are_isolated_and_exit_2(cli, tree, tmp_path, state_rows, monkeypatch):
    root, expected = tree
    bad = root / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "empty.md").write_bytes(b"")
    # GBK without a BOM is a perfectly good Chinese article: it must be decoded and checked.
    (bad / "gbk.txt").write_bytes("医院今天开设了新的门诊。\n".encode("gbk"))
    locked = bad / "locked.md"
    locked.write_text("Locked text with with a doubled word.\n", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        # Tests run as root here, and root reads a mode-000 file anyway. So the OS refusal is
        # simulated at the one place yiwen reads article bytes (pathlib's read_bytes, called
        # by yiwen.document.read_bytes) by raising the PermissionError a real refusal raises.
        real = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self.name == "locked.md":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    try:
        out = tmp_path / "out"
        r = cli("batch", "check", root, "-o", out, "--jobs", "1")
    finally:
        locked.chmod(0o644)
    assert r.exit_code == 2, r.stdout + r.stderr
    db = state_rows(out / STATE)
    assert db["bad/binary.txt"]["outcome"] == "input"
    assert "binary" in db["bad/binary.txt"]["error"]
    assert db["bad/empty.md"]["outcome"] == "input"
    assert "empty" in db["bad/empty.md"]["error"]
    assert db["bad/locked.md"]["outcome"] == "input"
    assert "permission denied" in db["bad/locked.md"]["error"]
    assert db["bad/gbk.txt"]["outcome"] == "ok"
    assert db["bad/gbk.txt"]["language"] == "zh"
    # Every good file was still checked.
    assert all(db[rel]["outcome"] == "ok" for rel in expected)
    assert "Traceback" not in r.stderr + r.stdout
    assert "Failures" in r.stdout and "permission denied" in r.stdout


def test_json_lines_one_finding_per_line(cli, tree, tmp_path):
    root, expected = tree
    r = cli("batch", "check", root, "-o", tmp_path / "out", "--format", "json", "-j", "1")
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) == sum(expected.values())
    assert {d["file"] for d in lines} == {rel for rel, n in expected.items() if n}
    for d in lines:
        assert d["code"] == "E001" and d["text"] == "the the"
        assert (d["line"], d["column"]) == (3, 26)
    assert "files" in r.stderr  # the summary moves to standard error


def test_parallel_results_equal_serial(cli, tmp_path, tree_maker, state_rows):
    root = tmp_path / "in"
    tree_maker(root, 12, 12)
    one, two = tmp_path / "o1", tmp_path / "o2"
    assert cli("batch", "check", root, "-o", one, "-j", "1", "-q").exit_code == 1
    assert cli("batch", "check", root, "-o", two, "-j", "2", "-q").exit_code == 1
    a, b = state_rows(one / STATE), state_rows(two / STATE)
    assert set(a) == set(b) and len(a) == 24
    for rel in a:
        assert json.loads(a[rel]["findings"]) == json.loads(b[rel]["findings"])


def test_resume_redoes_only_changed_failed_and_new(cli, tree, tmp_path, state_rows, monkeypatch):
    root, _ = tree
    (root / "broken.md").write_bytes(b"")
    out = tmp_path / "out"
    assert cli("batch", "check", root, "-o", out, "-j", "1").exit_code == 2
    first = state_rows(out / STATE)
    assert all(row["attempts"] == 1 for row in first.values())

    changed = "news/2020/story-0.md"
    (root / changed).write_text("# Story\n\nNothing doubled here now.\n", encoding="utf-8")
    (root / "broken.md").write_text("Mended now and and fine.\n", encoding="utf-8")
    (root / "news" / "new.md").write_text("A brand new story.\n", encoding="utf-8")
    monkeypatch.setenv("YIWEN_PROGRESS_INTERVAL", "0")
    r = cli("batch", "check", root, "-o", out, "-j", "1", "--resume")
    assert r.exit_code == 1
    assert "3 files to do (5 already done)" in r.stderr
    second = state_rows(out / STATE)
    redone = {rel for rel, row in second.items() if row["attempts"] == 2}
    assert redone == {changed, "broken.md"}
    assert second["news/new.md"]["attempts"] == 1
    assert second[changed]["n_error"] == 0
    assert second["broken.md"]["outcome"] == "ok" and second["broken.md"]["n_error"] == 1

    # Nothing changed: nothing is done, and the findings are all still reported.
    r = cli("batch", "check", root, "-o", out, "-j", "1", "--resume", "--format", "json")
    assert "0 files to do (8 already done)" in r.stderr
    assert len(r.stdout.splitlines()) == 3  # story-1, story-2 and broken.md
    assert all(row["attempts"] <= 2 for row in state_rows(out / STATE).values())

    # Other options are other results: everything is redone.
    r = cli("batch", "check", root, "-o", out, "-j", "1", "--resume", "--ignore", "E001")
    assert r.exit_code == 0
    assert "8 files to do" in r.stderr


def test_touched_but_identical_file_is_not_redone(cli, tree, tmp_path, state_rows):
    root, _ = tree
    out = tmp_path / "out"
    cli("batch", "check", root, "-o", out, "-q", "-j", "1")
    f = root / "notes/deep/er/note-0.txt"
    os.utime(f, ns=(1, 1))  # new mtime, same bytes: the content hash decides
    cli("batch", "check", root, "-o", out, "-q", "-j", "1", "--resume")
    assert state_rows(out / STATE)["notes/deep/er/note-0.txt"]["attempts"] == 1


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_fix_mirrors_tree_and_never_touches_inputs(cli, tree, tmp_path, state_rows):
    root, expected = tree
    before = _digest(root)
    out = tmp_path / "fixed"
    r = cli("batch", "fix", root, "-o", out, "-j", "2", "--report", tmp_path / "fix.html")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert _digest(root) == before
    for rel, n in expected.items():
        text = (out / rel).read_text(encoding="utf-8")
        assert "the the" not in text
        if n:
            assert "its the new wing" in text
        else:
            assert text == (root / rel).read_text(encoding="utf-8")
    db = state_rows(out / STATE)
    assert sum(json.loads(row["extra"])["fixes"] for row in db.values()) == 3
    page = (tmp_path / "fix.html").read_text(encoding="utf-8")
    assert "<del>the </del>" in page or "<del>the</del>" in page  # the diff is in the report
    assert "Fixes applied" in page


def test_fix_needs_output_dir(cli, tree):
    root, _ = tree
    r = cli("batch", "fix", root)
    assert r.exit_code == 2 and "-o OUT_DIR" in r.stderr


def test_fix_in_place_keeps_backups(cli, tree, tmp_path):
    root, expected = tree
    rel = next(rel for rel, n in expected.items() if n)
    original = (root / rel).read_bytes()
    r = cli("batch", "fix", root, "--in-place", "-o", tmp_path / "state", "-q", "-j", "1")
    assert r.exit_code == 0, r.stderr
    assert (root / (rel + ".orig")).read_bytes() == original
    assert b"the the" not in (root / rel).read_bytes()
    # A resume sees the rewritten files as done, not as changed.
    r = cli("batch", "fix", root, "--in-place", "-o", tmp_path / "state", "-j", "1", "--resume")
    assert r.exit_code == 0 and "0 files to do" in r.stderr


def test_shards_cover_every_file_exactly_once(cli, tmp_path, tree_maker, state_rows):
    root = tmp_path / "in"
    expected = tree_maker(root, 20, 20)
    rels = [i.rel for i in discover([str(root)])]
    owners = {rel: [k for k in (1, 2, 3) if in_shard(rel, (k, 3))] for rel in rels}
    assert all(len(v) == 1 for v in owners.values())
    merged = tmp_path / "merged"
    seen: list[str] = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard{k}"
        r = cli("batch", "check", root, "-o", out, "--shard", f"{k}/3", "-q", "-j", "1")
        assert r.exit_code in (0, 1)
        (db,) = out.glob("yiwen-batch*.sqlite")
        assert db.name == f"yiwen-batch.shard-{k}-of-3.sqlite"
        part = state_rows(db)
        assert 0 < len(part) < len(expected)
        seen += part
        shutil.copytree(out, merged, dirs_exist_ok=True)  # shards merge by copying folders
    assert sorted(seen) == sorted(expected)
    report = tmp_path / "all.html"
    r = cli("batch", "report", merged, "--report", report)
    assert r.exit_code == 1
    assert " 40 │" in r.stdout and " 20 │" in r.stdout  # 40 files, 20 findings
    assert report.read_text(encoding="utf-8").count('class="file"') == 20


def test_bad_shard_and_missing_input(cli, tree, tmp_path):
    root, _ = tree
    r = cli("batch", "check", root, "--shard", "4/3")
    assert r.exit_code == 2 and "--shard" in r.stderr
    r = cli("batch", "check", tmp_path / "nope")
    assert r.exit_code == 2 and "no such file or folder" in r.stderr


def test_worker_setup_error_is_one_line(cli, tree, tmp_path):
    root, _ = tree
    r = cli("batch", "check", root, "-o", tmp_path / "o", "-j", "2", "-g", tmp_path / "no.toml")
    assert r.exit_code == 2
    assert "no.toml" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_script_in_article_is_inert_in_report(cli, tmp_path, jobs):
    root = tmp_path / "in"
    root.mkdir()
    (root / "evil.md").write_text(
        "We saw the the <script>document.title='PWNED'</script> ward "
        '<img src=x onerror="alert(1)">.\n',
        encoding="utf-8",
    )
    report = tmp_path / "r.html"
    cli("batch", "check", root, "-o", tmp_path / "o", "--report", report, "-j", jobs, "-q")
    page = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    assert "<script>document" not in page and "<img src=x" not in page
    assert page.count("<script") == 1  # the page's own filter script, nothing else


def test_check_format_html_uses_the_same_report(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("Doctors and and nurses.\n", encoding="utf-8")
    r = cli("check", f, "--format", "html")
    assert r.exit_code == 1
    assert "<svg" in r.stdout and "<mark>and and</mark>" in r.stdout
    assert "Doubled word" in r.stdout
