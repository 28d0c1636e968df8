"""Pair a draft with its source: aligned paragraph groups, sentences, quantities, glossary hits.

Built once per (source, draft) check and shared by every B rule through the rule context cache.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from yiwen.bilingual.align import Bead, align
from yiwen.bilingual.numbers import Quantity, quantities_in
from yiwen.document.segment import sentences
from yiwen.models import Document, Language, Segment, SourceRef


@dataclass
class Side:
    """One side's paragraphs with what was found in each."""

    doc: Document
    paragraphs: list[Segment]
    quantities: list[list[Quantity]] = field(default_factory=list)  # offsets absolute
    terms: list[list[Any]] = field(default_factory=list)  # GlossaryMatch, offsets absolute
    families: list[set[str]] = field(default_factory=list)  # romanised surnames, lower case
    refs: list[SourceRef] | None = None  # XLIFF: where each unit stands in the file
    _names: dict[int, list[Any]] = field(default_factory=dict)
    _starts: list[int] | None = None

    def index_at(self, offset: int) -> int | None:
        """Return the index of the first paragraph with start <= offset <= end, if any."""
        if self._starts is None:
            self._starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i > 0 and self.paragraphs[i - 1].end >= offset:
            i -= 1  # two paragraphs touch at `offset`: the first one has it
        return i if i >= 0 and offset <= self.paragraphs[i].end else None

    def names(self, i: int) -> list[Any]:
        """Return the Chinese personal names of paragraph i (offsets absolute, as the document's).

        Found for every paragraph on first use, in one pass over the document's prose: a
        name never crosses the line break between two paragraphs, and one call over the text
        as it stands gives the offsets without shifting a copy of each name.
        """
        if not self._names:
            from yiwen.glossary.zhnames import find_chinese_names

            self._names = {k: [] for k in range(len(self.paragraphs))}
            for name in find_chinese_names(self.doc.prose):
                k = self.index_at(name.start)
                if k is not None and name.end <= self.paragraphs[k].end:
                    self._names[k].append(name)
        return self._names[i]

    def anchors(self, i: int, families: set[str] | None = None) -> frozenset[tuple]:
        """Return the language-neutral tokens of paragraph i (values, names, glossary entries).

        Besides exact values, a number gives its two leading digits and a date its month-day,
        so a mistranslated value (3,500 for 3.5万, 2022 for 2023) still ties its paragraph to
        the right source paragraph instead of looking like unrelated text.
        """
        out: set[tuple] = set()
        for q in self.quantities[i]:
            # (kind, value) says what (kind, label) says: the label is a function of the
            # value, and equal values (35000 and 35000.0) hash and compare equal.
            out.add((q.kind, q.value))
            if q.kind in ("number", "percent"):
                digits = str(q.value[0]).replace(".", "").lstrip("0")
                out.add(("~", digits[:2]))
            elif q.kind == "date" and q.value[1]:
                out.add(("~", q.value[1], q.value[2]))
        out.update(("g", id(m.entry)) for m in self.terms[i])
        fams = self.families[i] if families is None else self.families[i] & families
        out.update(("f", f) for f in fams)
        return frozenset(out)

    def sentences(self, i: int) -> list[Segment]:
        """Return the sentences of paragraph i."""
        p = self.paragraphs[i]
        return sentences(self.doc.prose, p.start, p.end, p.language) or [p]

    def span_anchors(self, span: Segment) -> frozenset[tuple]:
        """Return the anchors (values, glossary entries) found inside one span."""
        i = self.index_at(span.start)
        if i is None:
            return frozenset()
        out: set[tuple] = {
            (q.kind, q.value) for q in self.quantities[i] if span.start <= q.start < span.end
        }
        out.update(("g", id(m.entry)) for m in self.terms[i] if span.start <= m.start < span.end)
        return frozenset(out)

    def sentence_at(self, offset: int) -> Segment:
        """Return the sentence of this side's document that contains `offset`."""
        i = self.index_at(offset)
        if i is None:
            return Segment(offset, offset, Language.UNKNOWN, "sentence")
        p = self.paragraphs[i]
        for s in sentences(self.doc.prose, p.start, p.end, p.language):
            if s.start <= offset <= s.end:
                return s
        return p

    def ref(self, offset: int) -> SourceRef:
        """Return a SourceRef to the sentence around `offset` (for a finding's `source`)."""
        if self.refs is not None:  # XLIFF: the unit's place in the file, the source sentence
            s = self.sentence_at(offset)
            i = self.index_at(offset)
            assert i is not None
            r = self.refs[i]
            return SourceRef(r.path, r.line, r.column, self.doc.text[s.start : s.end])
        s = self.sentence_at(offset)
        line, col = self.doc.position(s.start)
        return SourceRef(self.doc.path, line, col, self.doc.text[s.start : s.end])


@dataclass
class Pairing:
    """The aligned source and draft."""

    source: Side
    draft: Side
    beads: list[Bead]
    _sentences: dict[int, list[tuple[Segment, list[Segment]]]] = field(default_factory=dict)

    def draft_sentence_for(self, bead_index: int, source_offset: int) -> Segment:
        """Return the draft span aligned to the source sentence around `source_offset`.

        Within a paragraph bead the sentences are aligned the same way as the paragraphs
        (lengths and anchors), so a term or number missing from the translation is reported
        on the sentence that should have carried it.
        """
        pairs = self._sentence_pairs(bead_index)
        for src, tgts in pairs:
            if src.start <= source_offset <= src.end and tgts:
                return Segment(tgts[0].start, tgts[-1].end, tgts[0].language, "sentence")
        bead = self.beads[bead_index]
        first = self.draft.paragraphs[bead.target[0]]
        return self.draft.sentence_at(first.start)

    def _sentence_pairs(self, k: int) -> list[tuple[Segment, list[Segment]]]:
        if k not in self._sentences:
            bead = self.beads[k]
            src = [s for i in bead.source for s in self.source.sentences(i)]
            tgt = [s for j in bead.target for s in self.draft.sentences(j)]
            beads = align(
                [s.end - s.start for s in src],
                [t.end - t.start for t in tgt],
                source_anchors=[self.source.span_anchors(s) for s in src],
                target_anchors=[self.draft.span_anchors(t) for t in tgt],
            )
            out: list[tuple[Segment, list[Segment]]] = []
            for b in beads:
                for i in b.source:
                    out.append((src[i], [tgt[j] for j in b.target]))
            self._sentences[k] = out
        return self._sentences[k]


def _side(
    doc: Document,
    glossary: Any,
    mentions: list[Any],
    paras: list[Segment] | None = None,
    en_terms: list[Any] | None = None,
    families: frozenset[str] | None = None,
) -> Side:
    """Analyse one side; `mentions` are the pinyin names already found in the English side.

    `paras` defaults to the document's paragraphs that have a language. `en_terms`: the
    glossary matches of the document's English and mixed paragraphs, when the N rules have
    found them already (offsets absolute, in order); other paragraphs are searched here.
    `families`: the only surnames (romanised, lower case) the Chinese paragraphs are searched
    for, when the other side's are known (the anchors count no others); all when None.
    """
    from yiwen.glossary.surnames import COMPOUND, SINGLE

    if paras is None:
        paras = [p for p in doc.paragraphs if p.language != Language.UNKNOWN]
    side = Side(doc, paras)
    names = _Cursor(sorted(mentions, key=lambda m: m.start))
    terms = _Cursor(en_terms or [])
    texts = [doc.prose[p.start : p.end] for p in paras]
    values = _quantities(texts, [p.start for p in paras], [p.language for p in paras])
    for p, text, found in zip(paras, texts, values, strict=True):
        if p.language == Language.ZH:
            # Surname readings of the characters present: a cheap, soft anchor (a surname
            # character in another word adds a little noise, jieba would cost 10x the check).
            single, compound = _surname_patterns(families)
            fams = {SINGLE[ch] for ch in set(single.findall(text))} if single else set()
            if compound:
                fams.update(COMPOUND[zh] for zh in compound.findall(text))
            side.families.append(fams)
        else:
            side.families.append({m.family.lower() for m in names.take(p.start, p.end)})
        if glossary is None:
            hits = []
        elif en_terms is not None and p.language in (Language.EN, Language.MIXED):
            hits = terms.take(p.start, p.end)
        else:
            hits = [_shift(m, p.start) for m in glossary.find(text)]
        side.terms.append(hits)
        if hits:
            # A numeral inside a name ("第一人民医院", "No. 1 People's Hospital") is not a quantity.
            found = [q for q in found if not any(h.start < q.end and q.start < h.end for h in hits)]
        side.quantities.append(found)
    return side


def _quantities(
    texts: list[str], starts: list[int], languages: list[Language]
) -> list[list[Quantity]]:
    """Return the quantities of each paragraph: Chinese rules for Chinese ones, else English.

    All paragraphs of one language are scanned in one call, not one call a paragraph.
    """
    out: list[list[Quantity]] = [[] for _ in texts]
    zh = [k for k, language in enumerate(languages) if language == Language.ZH]
    en = [k for k, language in enumerate(languages) if language != Language.ZH]
    for lang, chosen in ((Language.ZH, zh), (Language.EN, en)):
        if chosen:
            found = quantities_in([texts[k] for k in chosen], lang, [starts[k] for k in chosen])
            for k, qs in zip(chosen, found, strict=True):
                out[k] = qs
    return out


class _Cursor:
    """Walk a list of things sorted by `.start`, paragraph after paragraph in document order."""

    def __init__(self, items: list[Any]) -> None:
        self.items, self.k = items, 0

    def take(self, start: int, end: int) -> list[Any]:
        """Return the things starting in [start, end), passing over those before `start`."""
        items, k, out = self.items, self.k, []
        while k < len(items) and items[k].start < end:
            if items[k].start >= start:
                out.append(items[k])
            k += 1
        self.k = k
        return out


@lru_cache(maxsize=16)
def _surname_patterns(
    families: frozenset[str] | None,
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The single-character surnames as one character class, and the compound ones (欧阳,
    司马 …) as one alternation: a scan in C each, not a Python loop over every character.

    Only the surnames read as one of `families` (all when None); None for a pattern with
    nothing to find.
    """
    from yiwen.glossary.surnames import COMPOUND, SINGLE

    single = "".join(sorted(ch for ch, r in SINGLE.items() if families is None or r in families))
    compound = [zh for zh, r in COMPOUND.items() if families is None or r in families]
    firsts = "".join(sorted({zh[0] for zh in compound}))
    # The lookaheads find every occurrence, overlapping ones too (as `zh in text` would);
    # the character class first lets re skip to where a compound surname can start.
    return (
        re.compile(f"[{single}]") if single else None,
        re.compile(f"(?=[{firsts}])(?=({'|'.join(compound)}))") if compound else None,
    )


def _shift(match: Any, by: int) -> Any:
    return replace(match, start=match.start + by, end=match.end + by)


def pair(
    source: Document,
    draft: Document,
    glossary: Any,
    mentions: list[Any] | None = None,
    draft_terms: list[Any] | None = None,
) -> Pairing:
    """Align `draft` with `source` paragraph by paragraph (lengths plus anchors).

    `mentions`: pinyin name mentions of whichever side is English (found by the caller once,
    shared with the N rules); surname anchors count only surnames both sides can have.
    `draft_terms`: the glossary matches of the draft's English paragraphs, if already found.
    """
    # The English side first: the other side's Chinese paragraphs look only for its surnames.
    if source.language != Language.ZH:
        src = _side(source, glossary, mentions or [])
        shared = frozenset().union(*src.families)
        tgt = _side(draft, glossary, [], en_terms=draft_terms, families=shared)
    else:
        tgt = _side(draft, glossary, mentions or [], en_terms=draft_terms)
        shared = frozenset().union(*tgt.families)
        src = _side(source, glossary, [], families=shared)
    beads = align(
        [p.end - p.start for p in src.paragraphs],
        [p.end - p.start for p in tgt.paragraphs],
        source_anchors=[src.anchors(i, shared) for i in range(len(src.paragraphs))],
        target_anchors=[tgt.anchors(i, shared) for i in range(len(tgt.paragraphs))],
    )
    return Pairing(src, tgt, beads)


# The marker an XLIFF file's synthetic source document carries in its payload.
XLIFF_SOURCE = "xliff-source"


def xliff_source(doc: Document) -> Document:
    """Build the source side of an XLIFF file: one paragraph per unit's <source> text."""
    from yiwen.document.language import detect_language
    from yiwen.document.xliff import xliff_pairs

    units = xliff_pairs(doc)
    text = "\n\n".join(" ".join(src.split()) for _, src, _ in units)
    paras, pos = [], 0
    for _, src, _ in units:
        flat = " ".join(src.split())
        paras.append(Segment(pos, pos + len(flat), detect_language(flat)))
        pos += len(flat) + 2
    language = detect_language(text)
    return Document(
        path=doc.path,
        text=text,
        prose=text,
        encoding="utf-8",
        format="xliff-source",
        language=language,
        paragraphs=tuple(paras),
        payload=(XLIFF_SOURCE, units),
    )


def pair_xliff(doc: Document, source: Document, glossary: Any) -> Pairing:
    """Pair each XLIFF unit's source with its target: no alignment, the file says which is which."""
    _, units = source.payload
    src = _side(source, glossary, [], list(source.paragraphs))
    src.refs = []
    targets: list[Segment] = []
    beads: list[Bead] = []
    from yiwen.document.language import detect_language

    for k, (_, _, span) in enumerate(units):
        anchor = span[0] if span else 0
        line, col = doc.position(anchor)
        src.refs.append(SourceRef(doc.path, line, col, ""))
        if span is None or not doc.text[span[0] : span[1]].strip():
            beads.append(Bead((k,), ()))
            continue
        targets.append(Segment(span[0], span[1], detect_language(doc.prose[span[0] : span[1]])))
        beads.append(Bead((k,), (len(targets) - 1,)))
    return Pairing(src, _side(doc, glossary, [], targets), beads)
