"""Batch progress: a rich bar on a terminal, plain periodic lines in CI logs, or nothing (--quiet)."""

from __future__ import annotations

import time
from typing import Any, TextIO

from rich.console import Console


class Progress:
    """Quiet progress (the base): counts files, findings and failures, shows nothing."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.total = 0
        self.already = 0
        self.done = 0
        self.findings = 0
        self.failed = 0
        self.t0 = time.monotonic()

    def start(self, total: int, already: int = 0) -> None:
        """Begin: `total` files to do now, `already` done by an earlier run (--resume)."""
        self.total, self.already, self.t0 = total, already, time.monotonic()

    def advance(self, findings: int, failed: bool) -> None:
        """Count one finished file."""
        self.done += 1
        self.findings += findings
        self.failed += int(failed)

    def tick(self) -> None:
        """Called while waiting for results (lets periodic output keep its rhythm)."""

    def close(self) -> None:
        """Stop showing progress."""

    def eta(self) -> float | None:
        """Return the estimated seconds left, or None before the first file is done."""
        if not self.done:
            return None
        elapsed = time.monotonic() - self.t0
        return elapsed / self.done * (self.total - self.done)


class PlainProgress(Progress):
    """One line every `interval` seconds (and at the end): for logs, where a bar is noise."""

    def __init__(self, label: str, stream: TextIO, interval: float = 5.0) -> None:
        super().__init__(label)
        self.stream = stream
        self.interval = interval
        self._last = 0.0

    def start(self, total: int, already: int = 0) -> None:
        """Print what is about to happen."""
        super().start(total, already)
        self._last = time.monotonic()
        more = f" ({already:,} already done)" if already else ""
        self._line(f"{self.label}: {total:,} files to do{more}")

    def advance(self, findings: int, failed: bool) -> None:
        """Count a file; print a line when the interval has passed."""
        super().advance(findings, failed)
        self.tick()

    def tick(self) -> None:
        """Print a status line when `interval` seconds have passed since the last one."""
        now = time.monotonic()
        if now - self._last >= self.interval and self.done < self.total:
            self._last = now
            self._status()

    def close(self) -> None:
        """Print the final status line."""
        self._status()

    def _status(self) -> None:
        pct = 100 * self.done / self.total if self.total else 100
        eta = self.eta()
        left = f", ETA {_duration(eta)}" if eta is not None and self.done < self.total else ""
        self._line(
            f"{self.label}: {self.done:,}/{self.total:,} files ({pct:.0f}%), "
            f"{self.findings:,} findings, {self.failed:,} failed, "
            f"{_duration(time.monotonic() - self.t0)}{left}"
        )

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class RichProgress(Progress):
    """A live rich bar: files done/total, findings so far, failures, elapsed and ETA."""

    def __init__(self, label: str, console: Console) -> None:
        super().__init__(label)
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.bar = Bar(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · [magenta]{task.fields[findings]}[/] findings"),
            TextColumn("· {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task: Any = None

    def start(self, total: int, already: int = 0) -> None:
        """Show the bar."""
        super().start(total, already)
        more = f" ({already:,} done before)" if already else ""
        self.bar.start()
        self.task = self.bar.add_task(
            self.label + more, total=total, findings=0, failed=self._failed_text()
        )

    def advance(self, findings: int, failed: bool) -> None:
        """Move the bar one file on."""
        super().advance(findings, failed)
        self.bar.update(
            self.task, advance=1, findings=f"{self.findings:,}", failed=self._failed_text()
        )

    def _failed_text(self) -> str:
        return f"[red]{self.failed:,} failed[/]" if self.failed else "0 failed"

    def close(self) -> None:
        """Stop the live display, leaving the last state on screen."""
        if self.task is not None:
            self.bar.stop()


def make_progress(
    label: str, console: Console, quiet: bool = False, interval: float | None = None
) -> Progress:
    """Choose the progress display: nothing, a rich bar on a terminal, plain lines otherwise."""
    if quiet:
        return Progress(label)
    if console.is_terminal and interval is None:
        return RichProgress(label, console)
    return PlainProgress(label, console.file, 5.0 if interval is None else interval)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    m, s = divmod(int(seconds), 60)
    return f"{m} min {s:02d} s" if m < 60 else f"{m // 60} h {m % 60:02d} min"
