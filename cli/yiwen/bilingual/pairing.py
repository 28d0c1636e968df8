"""Pair a draft with its source: aligned paragraph groups, sentences, quantities, glossary hits.

Built once per (source, draft) check and shared by every B rule through the rule context cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yiwen.bilingual.align import Bead, align
from yiwen.bilingual.numbers import Quantity, quantities
from yiwen.document.segment import sentences
from yiwen.models import Document, Language, Segment, SourceRef


@dataclass
class Side:
    """One side's paragraphs with what was found in each."""

    doc: Document
    paragraphs: list[Segment]
    quantities: list[list[Quantity]] = field(default_factory=list)  # offsets absolute
    terms: list[list[Any]] = field(default_factory=list)  # GlossaryMatch, offsets absolute

    def anchors(self, i: int) -> frozenset[str]:
        """Return the language-neutral tokens of paragraph i (values, glossary entries)."""
        out = {f"{q.kind}:{q.label()}" for q in self.quantities[i] if q.kind != "ordinal"}
        out.update(f"g:{id(m.entry)}" for m in self.terms[i])
        return frozenset(out)

    def sentence_at(self, offset: int) -> Segment:
        """Return the sentence of this side's document that contains `offset`."""
        for p in self.paragraphs:
            if p.start <= offset <= p.end:
                for s in sentences(self.doc.prose, p.start, p.end, p.language):
                    if s.start <= offset <= s.end:
                        return s
                return p
        return Segment(offset, offset, Language.UNKNOWN, "sentence")

    def ref(self, offset: int) -> SourceRef:
        """Return a SourceRef to the sentence around `offset` (for a finding's `source`)."""
        s = self.sentence_at(offset)
        line, col = self.doc.position(s.start)
        return SourceRef(self.doc.path, line, col, self.doc.text[s.start : s.end])


@dataclass
class Pairing:
    """The aligned source and draft."""

    source: Side
    draft: Side
    beads: list[Bead]


def _side(doc: Document, glossary: Any) -> Side:
    paras = [p for p in doc.paragraphs if p.language != Language.UNKNOWN]
    side = Side(doc, paras)
    for p in paras:
        text = doc.prose[p.start : p.end]
        lang = Language.ZH if p.language == Language.ZH else Language.EN
        side.quantities.append(
            [
                Quantity(q.kind, q.value, q.start + p.start, q.end + p.start, q.text)
                for q in quantities(text, lang)
            ]
        )
        hits = glossary.find(text) if glossary is not None else []
        side.terms.append([_shift(m, p.start) for m in hits])
    return side


def _shift(match: Any, by: int) -> Any:
    from dataclasses import replace

    return replace(match, start=match.start + by, end=match.end + by)


def pair(source: Document, draft: Document, glossary: Any) -> Pairing:
    """Align `draft` with `source` paragraph by paragraph (lengths plus anchors)."""
    src, tgt = _side(source, glossary), _side(draft, glossary)
    beads = align(
        [p.end - p.start for p in src.paragraphs],
        [p.end - p.start for p in tgt.paragraphs],
        source_anchors=[src.anchors(i) for i in range(len(src.paragraphs))],
        target_anchors=[tgt.anchors(i) for i in range(len(tgt.paragraphs))],
    )
    return Pairing(src, tgt, beads)
