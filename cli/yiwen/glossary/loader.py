"""Read glossary TOML files into a Glossary, naming file:line and the entry for every error.

Several files merge in order; a later entry replaces an earlier one with the same key (a
person's `zh`, else family+given; a term's `zh`, else its English). Within one file the same key
twice is an error: a duplicate when the entries agree, a contradiction when one `zh` has two
different English forms.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yiwen.errors import GlossaryError
from yiwen.glossary.model import DEFAULT_HONORIFICS, KINDS, NAME_ORDERS, Glossary, Person, Term

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_PERSON_KEYS = ("zh", "family", "given", "en", "note")
_TERM_KEYS = ("zh", "en", "kind", "avoid", "also", "scope", "note")
_HEADER_KEYS = ("name", "name_order", "honorifics", "surname_caps")
_LIST_KEYS = frozenset(("avoid", "also", "scope"))
_PERSON_KEYSET = frozenset(_PERSON_KEYS)
_TERM_KEYSET = frozenset(_TERM_KEYS)
# One search over the whole text finds every [[person]] / [[term]] header; TOML counts lines by
# "\n" (str.splitlines would also break at U+2028 inside a string and miscount).
_TABLE = re.compile(r"^[ \t]*\[\[[ \t]*(person|term)[ \t]*\]\][ \t]*(?:#.*)?\r?$", re.MULTILINE)
_SECTION = re.compile(r"^\s*\[")
_GLOSSARY = re.compile(r"^[ \t]*\[[ \t]*glossary[ \t]*\]", re.MULTILINE)
_SPACE = re.compile(r"\s").search


def bundled_glossary_path(name: str = "shanghai-general-hospital") -> Path:
    """Return the path of a glossary shipped with yiwen (source checkout or installed wheel)."""
    here = Path(__file__).resolve()
    candidates = [
        here.parents[1] / "data" / "glossaries" / f"{name}.toml",  # wheel: yiwen/data/glossaries
        here.parents[3] / "glossaries" / f"{name}.toml",  # checkout: <root>/glossaries
    ]
    for path in candidates:
        if path.is_file():
            return path
    raise GlossaryError(f"no bundled glossary named {name!r}")


@dataclass
class _Raw:
    """What one file contributed before merging."""

    path: str
    header: dict[str, Any]
    header_lines: dict[str, int]
    people: list[Person]
    terms: list[Term]


def load_glossaries(paths: list[str] | tuple[str, ...], name_order: str | None = None) -> Glossary:
    """Load and merge glossary files (later ones win); `name_order` overrides the files' order."""
    raws = []
    for p in paths:
        errors: list[str] = []
        raw = read_glossary(str(p), errors)
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise GlossaryError(errors[0] + more)
        raws.append(raw)
    if name_order and name_order not in NAME_ORDERS:
        raise GlossaryError(f"name order must be given-family or family-given, not {name_order!r}")
    return merge(raws, name_order)


def validate_file(path: str) -> list[str]:
    """Return every error message of one glossary file (empty when it is valid)."""
    errors: list[str] = []
    read_glossary(path, errors)
    return errors


def merge(raws: list[_Raw], name_order: str | None = None) -> Glossary:
    """Merge files in order: header values and entries of later files replace earlier ones."""
    header: dict[str, Any] = {}
    people: dict[Any, Person] = {}
    terms: dict[Any, Term] = {}
    for raw in raws:
        header.update(raw.header)
        for person in raw.people:
            people[_person_key(person)] = person
        for term in raw.terms:
            terms[_term_key(term)] = term
    names = [r.header["name"] for r in raws if r.header.get("name")]
    return Glossary(
        name=" + ".join(dict.fromkeys(names)),
        name_order=name_order or header.get("name_order", "family-given"),
        honorifics=tuple(header.get("honorifics", DEFAULT_HONORIFICS)),
        people=list(people.values()),
        terms=list(terms.values()),
        surname_caps=bool(header.get("surname_caps", False)),
        sources=tuple(r.path for r in raws),
    )


def _person_key(p: Person) -> Any:
    return ("zh", p.zh) if p.zh else ("name", p.family.lower(), p.given.lower())


def _term_key(t: Term) -> Any:
    return ("zh", t.zh) if t.zh else ("en", t.en.lower(), t.kind)


def read_glossary(path: str, errors: list[str]) -> _Raw:
    """Parse and validate one file, appending each error message to `errors`."""
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError:
        errors.append(f"{path}: no such glossary file")
        return _Raw(path, {}, {}, [], [])
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        errors.append(f"{path}: cannot be read ({reason})")
        return _Raw(path, {}, {}, [], [])
    return parse_glossary(text, path, errors)


def parse_glossary(text: str, path: str, errors: list[str]) -> _Raw:
    """Parse glossary TOML `text` (named `path` in messages), appending errors to `errors`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        errors.append(f"{path}:{m.group(1) if m else 1}: invalid TOML: {reason}")
        return _Raw(path, {}, {}, [], [])
    source = _Source(path, text)
    raw = _Raw(path, {}, {}, [], [])
    _read_header(data, source, raw, errors)
    for key in data:
        if key not in ("glossary", "person", "term"):
            errors.append(f"{source.at_key(key)}: unknown table {key!r}")
    headers = _table_lines(text)
    for kind in ("person", "term"):
        items = data.get(kind, [])
        if not isinstance(items, list):
            errors.append(f"{source.at_key(kind)}: {kind!r} must be [[{kind}]] tables")
            continue
        firsts = headers[kind]
        if len(firsts) < len(items):  # written as "person = [{...}]": name that line
            line = _key_line(source.lines, kind, 1, len(source.lines))
            firsts = firsts + [line] * (len(items) - len(firsts))
        read = _person if kind == "person" else _term
        out = raw.people if kind == "person" else raw.terms
        for i, item in enumerate(items):
            where = _Where(source, firsts[i])
            if not isinstance(item, dict):
                errors.append(f"{where.origin}: {kind} #{i + 1} must be a table")
                continue
            entry = read(item, where, errors)
            if entry is not None:
                out.append(entry)
    _check_duplicates(raw, errors)
    return raw


class _Source:
    """One file's text; its lines are split only when an error message needs a key's line."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """Return the file's lines (TOML lines: split at "\\n")."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def at_key(self, key: str, first: int = 0, last: int | None = None) -> str:
        """Return "path:line" of `key` between lines first..last (default: the whole file)."""
        lines = self.lines
        return f"{self.path}:{_key_line(lines, key, first, len(lines) if last is None else last)}"


class _Where:
    """Where one [[table]] starts, and (on demand) the line of a key inside it, for messages."""

    __slots__ = ("first", "origin", "source")

    def __init__(self, source: _Source, first: int) -> None:
        self.source, self.first = source, first
        self.origin = f"{source.path}:{first}"

    def at(self, key: str | None = None) -> str:
        """Return "path:line" of `key` in this table (the table header when absent)."""
        if key is None:
            return self.origin
        lines = self.source.lines
        # The table runs to the line before the next table or section header.
        last = next(
            (i for i in range(self.first + 1, len(lines) + 1) if _SECTION.match(lines[i - 1])),
            len(lines) + 1,
        )
        return self.source.at_key(key, self.first, last - 1)


def _table_lines(text: str) -> dict[str, list[int]]:
    """Return the 1-based header line of each [[person]] and [[term]] table, in file order."""
    out: dict[str, list[int]] = {"person": [], "term": []}
    line, pos, count = 1, 0, text.count
    for m in _TABLE.finditer(text):
        start = m.start()
        line += count("\n", pos, start)
        pos = start
        out[m.group(1)].append(line)
    return out


def _key_line(lines: list[str], key: str, first: int, last: int) -> int:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for i in range(max(first, 1), min(last, len(lines)) + 1):
        if pattern.match(lines[i - 1]):
            return i
    m = re.compile(rf"^\s*\[+\s*{re.escape(key)}\s*\]+").search
    for i, line in enumerate(lines, 1):
        if m(line):
            return i
    return max(first, 1)


def _read_header(data: dict[str, Any], source: _Source, raw: _Raw, errors: list[str]) -> None:
    head = data.get("glossary", {})
    path = raw.path
    if not isinstance(head, dict):
        errors.append(f"{path}:1: 'glossary' must be a table")
        return

    def at(key: str) -> str:  # only called for an error: finding the line costs a scan
        m = _GLOSSARY.search(source.text)
        start = source.text.count("\n", 0, m.start()) + 1 if m else 1
        return source.at_key(key, start)

    for key, value in head.items():
        if key not in _HEADER_KEYS:
            errors.append(f"{at(key)}: [glossary]: unknown key {key!r}")
            continue
        if key == "name_order" and value not in NAME_ORDERS:
            errors.append(
                f"{at(key)}: [glossary]: 'name_order' must be 'given-family' or "
                f"'family-given', not {value!r}"
            )
            continue
        if key == "honorifics" and not _str_list(value):
            errors.append(f"{at(key)}: [glossary]: 'honorifics' must be a list of strings")
            continue
        if key == "surname_caps" and not isinstance(value, bool):
            errors.append(f"{at(key)}: [glossary]: 'surname_caps' must be true or false")
            continue
        if key == "name" and not isinstance(value, str):
            errors.append(f"{at(key)}: [glossary]: 'name' must be a string")
            continue
        raw.header[key] = value


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _label(kind: str, item: dict[str, Any]) -> str:
    def s(k: str) -> str:
        v = item.get(k)
        return v.strip() if isinstance(v, str) else ""

    if kind == "person":
        name = s("en") or " ".join(x for x in (s("family"), s("given")) if x) or s("zh")
    else:
        name = s("en") or s("zh")
    return f"{kind} {name!r}" if name else kind


def _clean(item: dict[str, Any], keyset: frozenset[str]) -> dict[str, Any] | None:
    """Return the stripped values of a well-formed entry, or None when anything is off."""
    if not item.keys() <= keyset:
        return None
    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in _LIST_KEYS:
            if type(value) is not list or not _str_list(value):
                return None
            out[key] = tuple(v.strip() for v in value)
        elif type(value) is str:
            out[key] = value.strip()
        else:
            return None
    return out


def _strings(
    item: dict[str, Any], keys: tuple[str, ...], label: str, where: _Where, errors: list[str]
) -> dict[str, Any] | None:
    """Check keys and types; return cleaned values, or None after appending errors."""
    ok = True
    for key in item:
        if key not in keys:
            errors.append(f"{where.at(key)}: {label}: unknown key {key!r}")
            ok = False
    out: dict[str, Any] = {}
    for key in keys:
        value = item.get(key)
        if value is None:
            continue
        if key in _LIST_KEYS:
            if not _str_list(value):
                errors.append(f"{where.at(key)}: {label}: {key!r} must be a list of strings")
                ok = False
                continue
            out[key] = tuple(v.strip() for v in value)
        elif not isinstance(value, str):
            errors.append(f"{where.at(key)}: {label}: {key!r} must be a string")
            ok = False
        else:
            out[key] = value.strip()
    return out if ok else None


def _person(item: dict[str, Any], where: _Where, errors: list[str]) -> Person | None:
    # The common case (known keys, right types) skips the message-building checks.
    v = _clean(item, _PERSON_KEYSET)
    if v is None:
        v = _strings(item, _PERSON_KEYS, _label("person", item), where, errors)
        if v is None:
            return None
    family, given = v.get("family"), v.get("given")
    if not family or not given or _SPACE(family) or _SPACE(given):
        label = _label("person", item)
        for key in ("family", "given"):
            if not v.get(key):
                errors.append(f"{where.at()}: {label}: {key!r} is missing")
            elif _SPACE(v[key]):
                errors.append(
                    f"{where.at(key)}: {label}: {key!r} must be one word "
                    f"({v[key].replace(' ', '')!r}, not {v[key]!r})"
                )
        return None
    return Person(
        v.get("zh") or None, family, given, v.get("en") or None, v.get("note", ""), where.origin
    )


def _term(item: dict[str, Any], where: _Where, errors: list[str]) -> Term | None:
    v = _clean(item, _TERM_KEYSET)
    if v is None:
        v = _strings(item, _TERM_KEYS, _label("term", item), where, errors)
        if v is None:
            return None
    en = v.get("en")
    if not en:
        errors.append(f"{where.at()}: {_label('term', item)}: 'en' is missing")
        return None
    kind = v.get("kind", "other")
    if kind not in KINDS:
        errors.append(
            f"{where.at('kind')}: {_label('term', item)}: 'kind' must be one of "
            f"{', '.join(KINDS)}, not {kind!r}"
        )
        return None
    avoid, also, scope = v.get("avoid", ()), v.get("also", ()), v.get("scope", ())
    bad = [s for s in scope if s not in KINDS]
    if bad:
        errors.append(
            f"{where.at('scope')}: {_label('term', item)}: 'scope' must name kinds "
            f"({', '.join(KINDS)}), not {bad[0]!r}"
        )
        return None
    for key, forms in (("avoid", avoid), ("also", also)):
        if en in forms:
            errors.append(
                f"{where.at(key)}: {_label('term', item)}: {key} form {en!r} is the canonical form"
            )
            return None
    if also and avoid:
        clash = set(avoid) & set(also)
        if clash:
            errors.append(
                f"{where.at('also')}: {_label('term', item)}: "
                f"{sorted(clash)[0]!r} is both 'avoid' and 'also'"
            )
            return None
    return Term(v.get("zh") or None, en, kind, avoid, v.get("note", ""), where.origin, also, scope)


def _line(origin: str) -> str:
    return origin.rsplit(":", 1)[-1]


def _check_duplicates(raw: _Raw, errors: list[str]) -> None:
    """Duplicates and contradictions inside one file (across files, later entries win)."""
    seen_zh: dict[str, Person | Term] = {}
    seen_name: dict[tuple[str, str], Person] = {}
    for p in raw.people:
        if p.zh and p.zh in seen_zh:
            label = f"person {p.label()!r}"
            other = seen_zh[p.zh]
            if isinstance(other, Person) and (other.family, other.given, other.en) == (
                p.family,
                p.given,
                p.en,
            ):
                errors.append(
                    f"{p.origin}: {label}: duplicate of the entry at line {_line(other.origin)}"
                )
            else:
                errors.append(
                    f"{p.origin}: {label}: contradicts line {_line(other.origin)}: "
                    f"zh {p.zh!r} is {other.label()!r} there"
                )
            continue
        name = (p.family.lower(), p.given.lower())
        prev = seen_name.get(name)
        if prev is not None and (prev.zh is None or p.zh is None or prev.zh == p.zh):
            errors.append(
                f"{p.origin}: person {p.label()!r}: duplicate of the entry at line "
                f"{_line(prev.origin)}"
            )
            continue
        if p.zh:
            seen_zh[p.zh] = p
        seen_name[name] = p
    seen_en: dict[tuple[str, str | None], Term] = {}
    canonical: dict[str, Term] = {}
    for t in raw.terms:
        if t.zh and t.zh in seen_zh:
            label = f"term {t.en!r}"
            other = seen_zh[t.zh]
            if isinstance(other, Term) and other.en == t.en:
                errors.append(
                    f"{t.origin}: {label}: duplicate of the entry at line {_line(other.origin)}"
                )
            else:
                errors.append(
                    f"{t.origin}: {label}: contradicts line {_line(other.origin)}: "
                    f"zh {t.zh!r} is {other.label()!r} there"
                )
            continue
        low = t.en.lower()
        key = (low, t.zh)
        if key in seen_en:
            errors.append(
                f"{t.origin}: term {t.en!r}: duplicate of the entry at line "
                f"{_line(seen_en[key].origin)}"
            )
            continue
        if t.zh:
            seen_zh[t.zh] = t
        seen_en[key] = t
        canonical.setdefault(low, t)
    for t in raw.terms:
        for form in t.avoid:
            other = canonical.get(form.lower())
            if other is not None and other is not t and form == other.en:
                errors.append(
                    f"{t.origin}: term {t.en!r}: avoid form {form!r} is the canonical form of "
                    f"term at line {_line(other.origin)}"
                )
