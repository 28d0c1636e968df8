"""Where yiwen keeps what it can rebuild: $YIWEN_CACHE_DIR or the user's cache folder.

A module of its own so that any part (the translation memory, models, the Chinese
dictionary file) finds the folder without importing the others.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Return yiwen's cache folder: $YIWEN_CACHE_DIR or the platform's user cache directory."""
    env = os.environ.get("YIWEN_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yiwen"))
