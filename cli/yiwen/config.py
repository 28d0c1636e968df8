"""House style and defaults from yiwen.toml or [tool.yiwen] in pyproject.toml; flags override."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from yiwen.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Config:
    """Every setting yiwen reads from a config file; each has a CLI flag that overrides it."""

    select: tuple[str, ...] = ()  # code prefixes to run ("E", "N001"); empty = all
    ignore: tuple[str, ...] = ()  # code prefixes to skip
    fail_on: str = "error"
    honorific: str = "Dr."  # "Dr." (US/Chinese media) or "Dr" (British style)
    zh_latin_spacing: str = "off"  # require | forbid | off
    page_furniture: bool = True  # report menu text ("Find a Doctor") copied into an article
    glossaries: tuple[str, ...] = ()  # default glossaries, relative to the config file
    name_order: str = ""  # given-family | family-given; "" = the glossary's, else none
    grammar: str = "builtin"  # builtin | languagetool | off
    lt_server: str = ""  # URL of a LanguageTool server
    lt_mode: str = ""  # server | local | public
    lt_picky: bool = False
    engine: str = "google"
    source: str = ""  # where this config came from, for messages
    sections: dict[str, Any] = field(default_factory=dict, compare=False)  # other tables, raw

    def override(self, **values: Any) -> Config:
        """Return a copy with every non-None value replaced (how CLI flags win)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_KEYS = {f.name for f in fields(Config)} - {"source", "sections"}
_CHOICES = {
    "fail_on": ("error", "warning", "info"),
    "honorific": ("Dr.", "Dr"),
    "zh_latin_spacing": ("require", "forbid", "off"),
    "name_order": ("", "given-family", "family-given"),
    "grammar": ("builtin", "languagetool", "off"),
    "lt_mode": ("", "server", "local", "public"),
}


def find_config(start: Path | None = None) -> Path | None:
    """Return the nearest yiwen.toml, or pyproject.toml with [tool.yiwen], from `start` upward."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "yiwen.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.yiwen" in pyproject.read_text("utf-8", "replace"):
            return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load the config at `path` (or the nearest one); a missing file gives the defaults."""
    path = path or find_config(start)
    if path is None:
        return Config()
    try:
        raw_text = path.read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}:{_toml_line(exc)}: {_toml_reason(exc)}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("yiwen", {})
    values: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if isinstance(value, dict):
            sections[name] = value
            continue
        if name not in _KEYS:
            raise ConfigError(f"{path}:{_line_of(raw_text, key)}: unknown setting {key!r}")
        values[name] = _check(path, raw_text, key, name, value)
    if "glossaries" in values:
        values["glossaries"] = tuple(str((path.parent / g).resolve()) for g in values["glossaries"])
    return Config(source=str(path), sections=sections, **values)


def _check(path: Path, raw: str, key: str, name: str, value: Any) -> Any:
    default = getattr(Config(), name)
    where = f"{path}:{_line_of(raw, key)}"
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key!r} must be a list of strings")
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {key!r} must be true or false")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string")
    if name in _CHOICES and value not in _CHOICES[name]:
        choices = ", ".join(repr(c) for c in _CHOICES[name] if c)
        raise ConfigError(f"{where}: {key!r} must be one of {choices}, not {value!r}")
    return value


def _line_of(raw: str, key: str) -> int:
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", raw, re.M)
    return raw.count("\n", 0, m.start()) + 1 if m else 1


def _toml_line(exc: Exception) -> int:
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) if m else 1


def _toml_reason(exc: Exception) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
