"""`yiwen fix` end to end: destinations, byte preservation, dry run, and interactive sessions."""

from __future__ import annotations

import codecs

import pytest

DRAFT = "The nurses will share the the results.\n\nThe ward and and the clinic opened.\n"
FIXED = "The nurses will share the results.\n\nThe ward and the clinic opened.\n"


@pytest.fixture
def draft(tmp_path):
    f = tmp_path / "draft.md"
    f.write_text(DRAFT, encoding="utf-8")
    return f


def test_fix_to_stdout_and_summary_on_stderr(cli, draft):
    r = cli("fix", draft)
    assert r.exit_code == 0
    assert r.stdout == FIXED
    assert "fixed 2 problems (E001 ×2)" in r.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT  # the source is never touched


def test_fix_to_output_file(cli, draft, tmp_path):
    out = tmp_path / "out" / "fixed.md"
    r = cli("fix", draft, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert out.read_text(encoding="utf-8") == FIXED
    assert r.stdout == ""


def test_output_equal_to_input_is_refused(cli, draft):
    r = cli("fix", draft, "-o", draft)
    assert r.exit_code == 2
    assert "use --in-place" in r.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_in_place_keeps_orig_and_refuses_to_clobber_it(cli, draft):
    r = cli("fix", draft, "--in-place")
    assert r.exit_code == 0, r.stderr
    assert draft.read_text(encoding="utf-8") == FIXED
    orig = draft.with_name("draft.md.orig")
    assert orig.read_text(encoding="utf-8") == DRAFT
    draft.write_text(DRAFT, encoding="utf-8")
    r = cli("fix", draft, "--in-place")
    assert r.exit_code == 2
    assert "draft.md.orig: backup already exists" in r.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT  # refused before writing anything
    orig.write_text("older backup\n", encoding="utf-8")
    r = cli("fix", draft, "--in-place", "--force")
    assert r.exit_code == 0
    assert orig.read_text(encoding="utf-8") == DRAFT
    assert draft.read_text(encoding="utf-8") == FIXED


def test_in_place_with_output_or_stdin_is_a_usage_error(cli, draft, tmp_path):
    assert cli("fix", draft, "--in-place", "-o", tmp_path / "x.md").exit_code == 2
    r = cli("fix", "-", "--in-place", stdin=DRAFT)
    assert r.exit_code == 2
    assert "standard input" in r.stderr


def test_dry_run_exit_codes_and_diff(cli, draft, tmp_path):
    r = cli("fix", draft, "--dry-run")
    assert r.exit_code == 1
    assert "~ The nurses will share the [-the-] results." in r.stdout
    assert "would fix 2 problems" in r.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT
    clean = tmp_path / "clean.md"
    clean.write_text(FIXED, encoding="utf-8")
    r = cli("fix", clean, "--dry-run")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "nothing to fix" in r.stderr


def test_gb18030_crlf_file_keeps_every_other_byte(cli, tmp_path):
    text = (
        "上海市第一人民医院今天举行了国际交流会议，来自各地的专家参加了会议。\r\n"
        "\r\n"
        "The delegation visited the the new ward.\r\n"
        "医院表示将继续加强合作。\r\n"
    )
    src = tmp_path / "news.txt"
    data = text.encode("gb18030")
    src.write_bytes(data)
    out = tmp_path / "fixed.txt"
    r = cli("fix", src, "-o", out)
    assert r.exit_code == 0, r.stderr
    want = text.replace("the the new", "the new").encode("gb18030")
    assert out.read_bytes() == want
    # Only the fixed span differs: the bytes before and after it are identical.
    cut = data.index(b"the the")
    assert out.read_bytes()[:cut] == data[:cut]
    assert out.read_bytes().endswith(data[cut + len(b"the the") :])


def test_utf8_bom_is_kept(cli, tmp_path):
    src = tmp_path / "bom.txt"
    src.write_bytes(codecs.BOM_UTF8 + b"We met the the team.\r\n")
    r = cli("fix", src, "-o", tmp_path / "o.txt")
    assert r.exit_code == 0
    assert (tmp_path / "o.txt").read_bytes() == codecs.BOM_UTF8 + b"We met the team.\r\n"


def test_output_encoding(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("医院的专家说 the the team 很好。\n", encoding="utf-8")
    out = tmp_path / "b.txt"
    assert cli("fix", src, "-o", out, "--output-encoding", "gb18030", "--lang", "en").exit_code == 0
    assert out.read_bytes() == "医院的专家说 the team 很好。\n".encode("gb18030")
    r = cli("fix", src, "-o", out, "--output-encoding", "latin-1", "--lang", "en")
    assert r.exit_code == 2
    assert "latin-1" in r.stderr and "cannot be written" in r.stderr
    assert cli("fix", src, "--output-encoding", "nope").exit_code == 2


def test_select_ignore_pass_through(cli, draft):
    r = cli("fix", draft, "--ignore", "E001")
    assert r.stdout == DRAFT
    assert "nothing to fix" in r.stderr


def test_missing_file_is_one_line(cli, tmp_path):
    r = cli("fix", tmp_path / "nope.md")
    assert r.exit_code == 2
    assert "nope.md: no such file" in r.stderr
    assert "Traceback" not in r.stderr


# --- interactive, driven through stdin -------------------------------------------------------

THREE = "We saw the the ward. It had the the best team.\n\nThey they came and and left.\n"


@pytest.fixture
def three(tmp_path):
    f = tmp_path / "three.txt"
    f.write_text(THREE, encoding="utf-8")
    return f


def run_keys(cli, f, keys: str, tmp_path):
    out = tmp_path / "out.txt"
    r = cli("fix", f, "--interactive", "-o", out, stdin=keys)
    return r, out.read_text(encoding="utf-8") if out.exists() else None


def test_interactive_accept_reject_quit(cli, three, tmp_path):
    r, text = run_keys(cli, three, "y\nn\nq\n", tmp_path)
    assert r.exit_code == 0, r.stderr
    assert text == "We saw the ward. It had the the best team.\n\nThey they came and and left.\n"
    assert "1/4" in r.stderr and "2/4" in r.stderr and "3/4" in r.stderr
    assert "before: We saw [-the the-] ward." in r.stderr
    assert "after:  We saw {+the+} ward." in r.stderr
    assert "1 accepted, 1 rejected, 2 left undecided" in r.stderr


def test_interactive_edit_types_own_replacement(cli, three, tmp_path):
    r, text = run_keys(cli, three, "e\nthis\nn\nn\nn\n", tmp_path)
    assert r.exit_code == 0
    assert text.startswith("We saw this ward.")


def test_interactive_edit_empty_line_goes_back(cli, three, tmp_path):
    r, text = run_keys(cli, three, "e\n\ny\nq\n", tmp_path)
    assert text.startswith("We saw the ward.")
    assert r.stderr.count("1/4") == 2  # shown again after backing out


def test_interactive_accept_all_of_rule(cli, three, tmp_path):
    r, text = run_keys(cli, three, "a\n", tmp_path)
    assert r.exit_code == 0
    assert text == "We saw the ward. It had the best team.\n\nThey came and left.\n"
    assert "4 accepted, 0 rejected, 0 left undecided" in r.stderr


def test_interactive_reject_all_of_rule(cli, three, tmp_path):
    r, text = run_keys(cli, three, "y\nr\n", tmp_path)
    assert text == "We saw the ward. It had the the best team.\n\nThey they came and and left.\n"
    assert "1 accepted, 3 rejected" in r.stderr


def test_interactive_undo(cli, three, tmp_path):
    r, text = run_keys(cli, three, "y\nu\nn\ny\nq\n", tmp_path)
    assert text == "We saw the the ward. It had the best team.\n\nThey they came and and left.\n"
    assert r.stderr.count("1/4") == 2  # the undone proposal comes back
    r, _ = run_keys(cli, three, "u\nq\n", tmp_path)
    assert "nothing to undo" in r.stderr


def test_bulk_decision_that_ends_the_review_writes_at_once(cli, three, tmp_path):
    r, text = run_keys(cli, three, "r\nu\ny\n", tmp_path)  # nothing left after r: u, y unread
    assert text == THREE
    assert "0 accepted, 4 rejected, 0 left undecided" in r.stderr


def test_interactive_help_and_unknown_key(cli, three, tmp_path):
    r, text = run_keys(cli, three, "?\nz\nq\n", tmp_path)
    assert "accept this and every remaining change of this rule" in r.stderr
    assert "unknown key 'z'" in r.stderr
    assert text == THREE


def test_interactive_eof_midway_keeps_decisions(cli, three, tmp_path):
    r, text = run_keys(cli, three, "y\ny\n", tmp_path)  # stdin ends: like closing the pipe
    assert r.exit_code == 0
    assert text == "We saw the ward. It had the best team.\n\nThey they came and and left.\n"


def test_interactive_ctrl_c_keeps_decisions(cli, three, tmp_path, monkeypatch):
    """Ctrl-C at the second proposal: the first decision is written, exit 130."""
    import io

    import yiwen.commands.fix as fixcmd

    class CtrlCAfterOneLine(io.StringIO):
        def readline(self, *args):
            line = super().readline(*args)
            if not line:
                raise KeyboardInterrupt
            return line

    monkeypatch.setattr(fixcmd, "_stdin", lambda: CtrlCAfterOneLine("y\n"))
    out = tmp_path / "out.txt"
    r = cli("fix", three, "--interactive", "-o", out)
    assert r.exit_code == 130
    assert out.read_text(encoding="utf-8").startswith("We saw the ward. It had the the best")
    assert "1 accepted, 0 rejected, 3 left undecided" in r.stderr


def test_interactive_in_place_then_clean(cli, three):
    r = cli("fix", three, "--interactive", "--in-place", stdin="y\ny\ny\ny\n")
    assert r.exit_code == 0
    assert three.read_text(encoding="utf-8") == (
        "We saw the ward. It had the best team.\n\nThey came and left.\n"
    )
    assert three.with_name("three.txt.orig").read_text(encoding="utf-8") == THREE
