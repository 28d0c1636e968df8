"""Timing helpers every benchmark shares (the machine is shared, so take the fastest run)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Return the fastest of `repeat` timings of fn() in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def process_time(argv: list[str]) -> float:
    """Return the wall time of one process run to its end (its output discarded)."""
    import subprocess

    t0 = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False)
    return time.perf_counter() - t0
