"""A sliding-window limiter for the public LanguageTool API (requests and characters a minute)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Block until one more request of `chars` characters fits the per-window limits.

    The public API allows 20 requests and 75,000 characters a minute; `clock` and `sleep` are
    injectable so tests can run a minute of traffic in no time.
    """

    def __init__(
        self,
        requests: int = 20,
        chars: int = 75_000,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.requests = requests
        self.chars = chars
        self.window = window
        self.clock = clock
        self.sleep = sleep
        self.waited = 0.0  # total seconds spent waiting, for reports and tests
        self._sent: deque[tuple[float, int]] = deque()
        self._lock = threading.Lock()

    def acquire(self, chars: int) -> None:
        """Wait until a request of `chars` characters is allowed, then record it."""
        if chars > self.chars:
            raise ValueError(f"a request of {chars} characters exceeds the limit of {self.chars}")
        with self._lock:  # one waiter at a time keeps the order fair and the counts exact
            while True:
                now = self.clock()
                while self._sent and now - self._sent[0][0] >= self.window:
                    self._sent.popleft()
                used = sum(n for _, n in self._sent)
                if len(self._sent) < self.requests and used + chars <= self.chars:
                    self._sent.append((now, chars))
                    return
                pause = self._sent[0][0] + self.window - now
                self.waited += pause
                self.sleep(max(pause, 0.0))
