"""Foundation speed figures: `yiwen --help` start-up and `yiwen check` on 1 MB / 10 MB of news.

Prints each figure beside its baseline, measured in this run:
- `yiwen --help` wall time vs a minimal Typer app with one command (goal: ≤ 2×);
- `yiwen check` on 1 MB of English news vs proselint on the same text;
- linearity: `yiwen check` on 10 MB vs 1 MB (goal: ≤ 11×).

Run from the repository root: `python -m benchmarks.foundation_bench`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synth import english_corpus

MINIMAL_TYPER = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x") -> None:
    print(name)
@app.command()
def other() -> None:
    pass
app()
"""


def wall(cmd: list[str], repeat: int = 5) -> float:
    """Return the median wall time of running `cmd` `repeat` times (output discarded)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    """Measure and print the foundation figures."""
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        minimal = tmpdir / "minimal.py"
        minimal.write_text(MINIMAL_TYPER)
        base = wall([py, str(minimal), "--help"], 7)
        ours = wall([py, "-m", "yiwen", "--help"], 7)
        print(
            f"help: yiwen --help {ours * 1000:.0f} ms | minimal Typer app {base * 1000:.0f} ms"
            f" | ratio {ours / base:.2f}x (goal <= 2x)"
        )

        one = tmpdir / "news-1mb.md"
        one.write_text(english_corpus(1_000_000, seed=1), encoding="utf-8")
        ten = tmpdir / "news-10mb.md"
        ten.write_text(english_corpus(10_000_000, seed=2), encoding="utf-8")
        check = [py, "-m", "yiwen", "check", "--format", "json", "--fail-on", "info"]
        t1 = wall([*check, str(one)], 3)
        prose = wall([py, "-m", "proselint", "check", str(one)], 1)
        print(
            f"check 1 MB: yiwen {t1:.2f} s | proselint {prose:.2f} s | ratio {t1 / prose:.3f}x"
            " (yiwen/proselint)"
        )
        t10 = wall([*check, str(ten)], 1)
        print(
            f"check 10 MB: yiwen {t10:.2f} s | 1 MB {t1:.2f} s | ratio {t10 / t1:.2f}x (goal <= 11x)"
        )
        findings = subprocess.run([*check, str(one)], capture_output=True, text=True).stdout
        count = findings.count('"code"')
        print(f"findings on the 1 MB text: {count}")


if __name__ == "__main__":
    main()
