"""Machine translation with the glossary protected: engines, packing, cache, the pipeline."""

from __future__ import annotations

from yiwen.translate.engines import (
    BadAnswer,
    Engine,
    EngineName,
    EngineUnreachable,
    KeyRejected,
    QuotaExceeded,
    RateLimited,
    TextTooLong,
    make_engine,
)
from yiwen.translate.pipeline import (
    ProtectedTerm,
    TranslateOptions,
    TranslateOutcome,
    default_dest,
    translate_file,
)

__all__ = [
    "BadAnswer",
    "Engine",
    "EngineName",
    "EngineUnreachable",
    "KeyRejected",
    "ProtectedTerm",
    "QuotaExceeded",
    "RateLimited",
    "TextTooLong",
    "TranslateOptions",
    "TranslateOutcome",
    "default_dest",
    "make_engine",
    "translate_file",
]
