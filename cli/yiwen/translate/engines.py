"""The engine protocol, the str-Enum that names engines, their limits, and the error hierarchy."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, runtime_checkable

from yiwen.errors import EngineError


class EngineName(str, Enum):
    """Every translation engine yiwen can use (`--engine NAME`)."""

    GOOGLE = "google"
    DEEPL = "deepl"
    MICROSOFT = "microsoft"
    BAIDU = "baidu"
    LIBRE = "libre"
    MYMEMORY = "mymemory"
    LOCAL = "local"
    NONE = "none"

    @classmethod
    def parse(cls, value: str) -> EngineName:
        """Return the engine called `value`, or raise a usage error listing the choices."""
        from yiwen.errors import InputError

        try:
            return cls(value.strip().lower())
        except ValueError:
            choices = ", ".join(e.value for e in cls)
            raise InputError(f"--engine must be one of {choices}, not {value!r}") from None


@runtime_checkable
class Engine(Protocol):
    """A translation engine: translate a list of texts, one answer per text, in order."""

    name: str

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate every text from `source` to `target` ("zh" or "en")."""
        ...


@dataclass(frozen=True)
class EngineSpec:
    """What the pipeline must know about an engine to pack requests for it.

    `limit` is the most characters one request may carry; `zh_limit` the lower figure used when
    the text sent is Chinese (URL-encoded CJK costs 9 bytes a character, and some providers count
    bytes). `separator` joins packed paragraphs; it was chosen by measuring which separator each
    provider stand-in keeps (tests/translate/test_translate_separators.py).
    """

    name: EngineName
    limit: int
    zh_limit: int
    separator: str = "\n"
    key_vars: tuple[str, ...] = ()  # environment variables for the key (first set one wins)
    url_vars: tuple[str, ...] = ()  # environment variables for the base URL
    host: str = ""  # for messages only (never a URL with parameters)

    def limit_for(self, language: str) -> int:
        """Return the request size limit for text in `language`."""
        return self.zh_limit if language.startswith("zh") else self.limit


SPECS: dict[EngineName, EngineSpec] = {
    # deep-translator refuses len(text) >= 5000 for Google and >= 500 for MyMemory.
    EngineName.GOOGLE: EngineSpec(
        EngineName.GOOGLE, 4900, 1800, "\n", (), ("YIWEN_GOOGLE_URL",), "translate.google.com"
    ),
    EngineName.DEEPL: EngineSpec(
        EngineName.DEEPL,
        4900,
        1800,
        "\n",
        ("YIWEN_DEEPL_KEY", "DEEPL_API_KEY"),
        ("YIWEN_DEEPL_URL",),
        "api-free.deepl.com",
    ),
    # Microsoft takes a JSON body (no URL length problem); 50,000 characters per request.
    EngineName.MICROSOFT: EngineSpec(
        EngineName.MICROSOFT,
        10000,
        5000,
        "\n",
        ("YIWEN_MICROSOFT_KEY", "MICROSOFT_API_KEY"),
        ("YIWEN_MICROSOFT_URL",),
        "api.cognitive.microsofttranslator.com",
    ),
    # Baidu: "6000 bytes (about 2000 Chinese characters)" per query; lines are split on \n.
    EngineName.BAIDU: EngineSpec(
        EngineName.BAIDU,
        5800,
        1900,
        "\n",
        ("YIWEN_BAIDU_APPID", "BAIDU_APPID"),
        ("YIWEN_BAIDU_URL",),
        "fanyi-api.baidu.com",
    ),
    EngineName.LIBRE: EngineSpec(
        EngineName.LIBRE,
        2000,
        700,
        "\n",
        ("YIWEN_LIBRE_KEY", "LIBRE_API_KEY"),
        ("YIWEN_LIBRE_URL",),
        "the LibreTranslate server",
    ),
    # MyMemory: q is "max 500 bytes" UTF-8; deep-translator refuses 500 characters and more.
    EngineName.MYMEMORY: EngineSpec(
        EngineName.MYMEMORY,
        480,
        160,
        "\n",
        ("YIWEN_MYMEMORY_EMAIL",),
        ("YIWEN_MYMEMORY_URL",),
        "api.mymemory.translated.net",
    ),
    EngineName.LOCAL: EngineSpec(EngineName.LOCAL, 600, 300, "\n"),
    EngineName.NONE: EngineSpec(EngineName.NONE, 100000, 100000, "\n"),
}

ALTERNATIVES = (
    "work offline with `--engine local` (see `yiwen models install`), or use a LibreTranslate "
    "server with `--engine libre` (set YIWEN_LIBRE_URL)"
)


class EngineUnreachable(EngineError):
    """The engine cannot be reached (no network, DNS, refused, timed out, 5xx)."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class RateLimited(EngineError):
    """The provider said "too many requests" (HTTP 429); `retry_after` seconds if it said so."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class KeyRejected(EngineError):
    """The provider refused the key (missing, wrong, not allowed)."""


class QuotaExceeded(KeyRejected):
    """The key is fine but its character quota is used up."""


class TextTooLong(EngineError):
    """The provider refused a request as too long."""


class BadAnswer(EngineError):
    """The provider answered something yiwen cannot use (truncated JSON, wrong segment count)."""


def setting(
    config_section: Mapping[str, Any] | None,
    key: str,
    env_vars: tuple[str, ...],
    environ: Mapping[str, str] | None = None,
) -> str:
    """Return a secret or URL: the first set environment variable, else `[translate] key`."""
    env = os.environ if environ is None else environ
    for var in env_vars:
        value = env.get(var, "").strip()
        if value:
            return value
    value = (config_section or {}).get(key, "")
    return str(value).strip() if value else ""


def make_engine(
    name: EngineName | str,
    config_section: Mapping[str, Any] | None = None,
    timeout: float | None = None,
) -> Engine:
    """Build the engine `name` from environment variables and the `[translate]` config table."""
    engine = EngineName.parse(name) if isinstance(name, str) else name
    section = dict(config_section or {})
    if engine is EngineName.NONE:
        return IdentityEngine()
    if engine is EngineName.LOCAL:
        from yiwen.translate.local import LocalEngine

        return LocalEngine.from_settings(section)
    from yiwen.translate.providers import ProviderEngine

    return ProviderEngine.from_settings(engine, section, timeout=timeout)


class IdentityEngine:
    """`--engine none`: returns every text unchanged (dry runs and tests)."""

    name = EngineName.NONE.value
    spec = SPECS[EngineName.NONE]

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Return the texts unchanged."""
        return list(texts)
