"""Keep glossary people and terms, unknown Chinese names and inline markup away from the engine.

Two strategies, chosen per engine by measurement (README, "Protection"):

* ``placeholder``: each protected span becomes a token ``⟦n⟧`` in the text sent; the engine moves
  it but leaves it alone; restoring puts the canonical target form (or the original markup) back.
* ``inline``: a glossary span is replaced by its canonical target form in the source text itself
  (engines usually copy Latin names through a Chinese sentence); markup still uses tokens.

Either way every protected term is looked for in the output afterwards (`missing_terms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from yiwen.models import MASK, Document, Segment

PLACEHOLDER = "placeholder"
INLINE = "inline"
STRATEGIES = (PLACEHOLDER, INLINE)

TOKEN = "⟦{}⟧"
# Engines may add spaces inside the brackets; accept those (but no other brackets: "[1]" is
# ordinary text in a plain-text article).
TOKEN_RE = re.compile(r"⟦\s*(\d{1,3})\s*⟧")


@dataclass(frozen=True)
class Span:
    """A protected span of the source (absolute offsets) and what goes back in its place."""

    start: int
    end: int
    target: str
    kind: str  # markup | person | term | name
    source: str = ""


@dataclass
class Prepared:
    """One paragraph ready to send: the text, its tokens, and where it sits in the document."""

    start: int
    end: int
    text: str
    tokens: dict[int, Span] = field(default_factory=dict)
    terms: list[Span] = field(default_factory=list)  # glossary/name spans, for the output check
    original: str = ""  # the paragraph's source text, normalised (translation-memory key)


def markup_spans(doc: Document, seg: Segment) -> list[Span]:
    """Return the masked (non-prose) runs inside a paragraph: inline markup, code, links."""
    out: list[Span] = []
    prose, text = doc.prose, doc.text
    i = seg.start
    while i < seg.end:
        if prose[i] == MASK:
            j = i
            while j < seg.end and (prose[j] == MASK or prose[j] in " \t\r\n"):
                j += 1
            # Keep the trailing whitespace outside the token so words stay apart.
            k = j
            while k > i and prose[k - 1] in " \t\r\n":
                k -= 1
            out.append(Span(i, k, text[i:k], "markup", text[i:k]))
            i = k if k > i else j
        else:
            i += 1
    return out


def prepare(
    doc: Document,
    seg: Segment,
    spans: Sequence[Span],
    strategy: str,
    source_lang: str,
) -> Prepared:
    """Build the text to send for one paragraph, replacing protected spans per `strategy`."""
    text = doc.text
    glue = "" if source_lang.startswith("zh") else " "
    parts: list[str] = []
    tokens: dict[int, Span] = {}
    terms: list[Span] = []
    pos = seg.start
    n = 0
    for sp in _non_overlapping(spans, seg.start, seg.end):
        parts.append(_flatten(text[pos : sp.start], glue))
        if sp.kind != "markup":
            terms.append(sp)
        if sp.kind != "markup" and strategy == INLINE:
            parts.append(sp.target)
        else:
            n += 1
            tokens[n] = sp
            parts.append(TOKEN.format(n))
        pos = sp.end
    parts.append(_flatten(text[pos : seg.end], glue))
    original = _flatten(text[seg.start : seg.end], glue).strip()
    return Prepared(seg.start, seg.end, "".join(parts).strip(), tokens, terms, original)


def _flatten(chunk: str, glue: str) -> str:
    """Join a paragraph's soft line breaks (one paragraph is one line for the engine)."""
    if "\n" not in chunk:
        return chunk
    lines = chunk.split("\n")
    out = lines[0].rstrip()
    for line in lines[1:]:
        line = line.strip()
        if out and line:
            out += glue + line
        else:
            out += line
    return out


def _non_overlapping(spans: Iterable[Span], start: int, end: int) -> list[Span]:
    """Spans inside [start, end), longest first where they overlap, in document order."""
    chosen: list[Span] = []
    taken: list[tuple[int, int]] = []
    for sp in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if sp.start < start or sp.end > end or sp.end <= sp.start:
            continue
        if any(sp.start < b and a < sp.end for a, b in taken):
            continue
        chosen.append(sp)
        taken.append((sp.start, sp.end))
    return sorted(chosen, key=lambda s: s.start)


def restore(answer: str, tokens: dict[int, Span], target_lang: str) -> tuple[str, list[Span]]:
    """Put protected text back for every token; return the text and the tokens not found."""
    seen: set[int] = set()
    english = not target_lang.startswith("zh")

    def put(m: re.Match[str]) -> str:
        n = int(m.group(1))
        sp = tokens.get(n)
        if sp is None:
            return m.group(0)
        seen.add(n)
        if english and sp.kind != "markup":
            return f"\x00{sp.target}\x01"  # word edges, settled below
        return sp.target

    out = TOKEN_RE.sub(put, answer)
    if english:
        # A term restored next to a word (engines given Chinese "医院院长郑兴东" may return
        # the tokens back to back) gets a space; next to punctuation or a space it gets none.
        out = out.replace("\x01\x00", "\x01 \x00")  # two terms back to back
        out = re.sub(r"(?<=[\w)\]])\x00", " ", out)
        out = re.sub(r"\x01(?=[\w(\[])", " ", out)
        out = out.replace("\x00", "").replace("\x01", "")
    else:
        # Chinese needs no spaces around a restored Chinese term.
        out = re.sub(
            r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])[ \t]+(?=[\u4e00-\u9fff])", "", out
        )
    lost = [sp for n, sp in sorted(tokens.items()) if n not in seen]
    return out, lost


def missing_terms(text: str, terms: Sequence[Span]) -> list[Span]:
    """Return the protected terms whose target form occurs fewer times in `text` than needed."""
    need: dict[str, int] = {}
    first: dict[str, Span] = {}
    for sp in terms:
        need[sp.target] = need.get(sp.target, 0) + 1
        first.setdefault(sp.target, sp)
    return [first[t] for t, k in need.items() if text.count(t) < k]


def glossary_spans(glossary: Any, text: str, source_lang: str, target_lang: str) -> list[Span]:
    """Return spans for every glossary person/term found in `text`, with its target form."""
    if glossary is None:
        return []
    out: list[Span] = []
    for m in glossary.find(text):
        target = target_form(glossary, m.entry, target_lang)
        if not target:
            continue
        matched = text[m.start : m.end]
        if source_lang.startswith("zh") and not _has_cjk(matched):
            continue  # an English name already in a Chinese article: leave it to the engine
        kind = "person" if type(m.entry).__name__ == "Person" else "term"
        out.append(Span(m.start, m.end, target, kind, matched))
    return out


def target_form(glossary: Any, entry: Any, target_lang: str) -> str:
    """The form of a glossary entry to write in `target_lang` (canonical English, or zh)."""
    if target_lang.startswith("zh"):
        return getattr(entry, "zh", "") or ""
    try:
        return glossary.canonical(entry) or ""
    except Exception:  # a glossary without canonical(): fall back to the entry's own field
        return getattr(entry, "en", "") or ""


def name_spans(text: str, order: str, known: Sequence[Span]) -> list[Span]:
    """Spans for Chinese personal names the glossary does not know, romanised in `order`."""
    from yiwen.glossary.zhnames import english_name, find_chinese_names

    taken = [(s.start, s.end) for s in known]
    out: list[Span] = []
    for found in find_chinese_names(text):
        if any(found.start < b and a < found.end for a, b in taken):
            continue
        english = english_name(found, order)
        if english:
            out.append(Span(found.start, found.end, english, "name", found.zh))
    return out


def _has_cjk(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in s)
