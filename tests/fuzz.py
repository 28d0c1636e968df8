"""Random test strings: tokens glued together in awkward ways (shared by the golden tests)."""

from __future__ import annotations

import random


def glued(
    rng: random.Random, pools: list[list[str]], glue: list[str], n: int, most: int
) -> list[str]:
    """Return n strings, each 2..`most` tokens of one pool, each token followed by some glue.

    With several pools each string draws its pool first; with one, no draw is spent on it
    (so the strings a seed gives stay those the goldens were written from).
    """
    out = []
    for _ in range(n):
        pool = pools[0] if len(pools) == 1 else rng.choice(pools)
        parts = []
        for _ in range(rng.randint(2, most)):
            parts.append(rng.choice(pool))
            parts.append(rng.choice(glue))
        out.append("".join(parts))
    return out
