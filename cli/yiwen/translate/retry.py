"""Bounded retries with exponential backoff and jitter, honouring Retry-After."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from yiwen.translate.engines import EngineUnreachable, RateLimited

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry a failed request.

    `tries` counts every attempt (the first one too). The wait before retry n (1-based) is
    uniform in [0.5, 1] × min(cap, base × 2^(n-1)) ("equal jitter", so parallel workers that
    failed together do not retry together), or exactly the provider's Retry-After when it gave
    one — unless that is longer than `max_retry_after`, which gives up at once.
    """

    tries: int = 4
    base: float = 0.5
    cap: float = 8.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Return the backoff before retry number `attempt` (1-based), with jitter."""
        r = rng or random
        return min(self.cap, self.base * 2 ** (attempt - 1)) * r.uniform(0.5, 1.0)


def retryable(exc: BaseException) -> bool:
    """True for failures worth another try: 429, 5xx and timeouts (not DNS or refused)."""
    if isinstance(exc, RateLimited):
        return True
    return isinstance(exc, EngineUnreachable) and exc.retryable


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
    on_retry: Callable[[int, BaseException, float], None] | None = None,
) -> T:
    """Call `fn`, retrying retryable engine errors per `policy`; re-raise the last one."""
    policy = policy or RetryPolicy()
    attempt = 0
    while True:
        attempt += 1
        try:
            return fn()
        except (RateLimited, EngineUnreachable) as exc:
            if not retryable(exc) or attempt >= policy.tries:
                if attempt > 1:
                    exc.message = f"{exc.message} (gave up after {attempt} tries)"
                raise
            wait = policy.delay(attempt, rng)
            if isinstance(exc, RateLimited) and exc.retry_after is not None:
                if exc.retry_after > policy.max_retry_after:
                    exc.message = (
                        f"{exc.message} (the provider asks to wait {exc.retry_after:g} s; "
                        "try again later)"
                    )
                    raise
                wait = max(exc.retry_after, 0.0)
            if on_retry:
                on_retry(attempt, exc, wait)
            sleep(wait)
