"""Ctrl-C half way through a real `python -m yiwen batch check`, then `--resume`."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

# Imported first by the interrupted run's interpreter (and inherited by its forked workers):
# it makes every file take 20 ms longer, so the batch is still running when SIGINT arrives.
SLOW = """
import time
import yiwen.checking as checking
_check = checking.Checker.check_document
def _slow(self, doc, source=None):
    time.sleep(0.02)
    return _check(self, doc, source)
checking.Checker.check_document = _slow
"""


def _run(args, env, **kw):
    return subprocess.Popen(
        [sys.executable, "-m", "yiwen", "batch", "check", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,
    )


def test_sigint_saves_state_and_resume_finishes_exactly_once(tmp_path, tree_maker, state_rows):
    root = tmp_path / "in"
    expected = tree_maker(root, 60, 60)
    out = tmp_path / "out"
    slow = tmp_path / "slow"
    slow.mkdir()
    (slow / "sitecustomize.py").write_text(SLOW, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "YIWEN_PROGRESS_INTERVAL": "0"}
    slow_env = {**env, "PYTHONPATH": os.pathsep.join([str(slow), env.get("PYTHONPATH", "")])}

    p = _run([root, "-o", out, "-j", "2"], slow_env)
    assert p.stderr is not None
    done = 0
    deadline = time.monotonic() + 60
    for line in p.stderr:  # one plain progress line per finished file
        m = re.search(r"(\d+)/120 files", line)
        if m and int(m.group(1)) >= 30:
            done = int(m.group(1))
            p.send_signal(signal.SIGINT)
            break
        assert time.monotonic() < deadline
    assert done, "the batch finished before it could be interrupted"
    rest_err = p.stderr.read()
    p.wait(timeout=60)
    assert p.returncode == 130, rest_err
    assert "--resume" in rest_err and "Traceback" not in rest_err

    first = state_rows(out / "yiwen-batch.sqlite")
    assert set(first) == set(expected)  # every file is known: done or pending
    ok = {rel for rel, row in first.items() if row["outcome"] == "ok"}
    pending = {rel for rel, row in first.items() if row["outcome"] == "pending"}
    assert ok | pending == set(expected)
    assert done <= len(ok) < len(expected)
    assert all(first[rel]["attempts"] == 1 for rel in ok)

    q = _run([root, "-o", out, "-j", "2", "--resume"], env)
    _, stderr = q.communicate(timeout=120)
    assert q.returncode == 1, stderr  # the tree has doubled words: findings at error
    assert f"{len(pending)} files to do ({len(ok)} already done)" in stderr

    final = state_rows(out / "yiwen-batch.sqlite")
    assert set(final) == set(expected)  # nothing lost
    assert all(row["outcome"] == "ok" for row in final.values())
    assert all(row["attempts"] == 1 for row in final.values())  # nothing recorded twice
    for rel, n in expected.items():
        assert final[rel]["n_error"] == n
