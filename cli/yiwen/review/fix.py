"""Apply fixes: every safe fix (unsafe ones on request), re-checking until nothing changes.

Each round's edits are over that round's text. They are composed back onto the ORIGINAL text
(`compose`) so the result is one list of non-overlapping edits over `doc.text`, and the format
writer keeps every byte outside them. A later edit that touches an earlier one is merged with it
into a single edit over the original span.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from yiwen.document import apply_edits
from yiwen.models import Applicability, Document, Finding, Fix


@dataclass
class FixResult:
    """What `fix_document` did: edits over the original text, the new text, what is left."""

    edits: list[Fix]  # over the ORIGINAL doc.text, non-overlapping, sorted
    new_text: str
    applied: Counter[str] = field(default_factory=Counter)  # fixes applied per rule code
    remaining: list[Finding] = field(default_factory=list)  # findings on new_text
    rounds: int = 0
    document: Document | None = None  # the fixed document (for locating `remaining`)
    # Changes the file's format cannot write (an HTML or XLIFF edit crossing a tag): left out
    # of `edits` and `applied`, so their findings are among `remaining`.
    refused: list[Fix] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the fixed text differs from the original."""
        return bool(self.edits)


def fixable(f: Finding, unsafe: bool = False) -> bool:
    """True when `f` offers a replacement that `fix` may apply without asking."""
    allowed = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    return bool(f.replacements) and f.applicability in allowed and f.replacements[0] != f.text


def choose_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    """Pick the fixable findings to apply: by offset then code, never two that overlap.

    Two edits at the same offset also conflict (an insertion and a replacement there could be
    applied in either order), so only the first is taken; the next round picks up the other.
    """
    chosen: list[Finding] = []
    end = -1
    last_start = -1
    for f in sorted(findings, key=lambda f: (f.offset, f.code, f.length)):
        if not fixable(f, unsafe):
            continue
        if f.offset < end or f.offset == last_start:
            continue
        chosen.append(f)
        end, last_start = f.end, f.offset
    return chosen


def as_fix(f: Finding, replacement: str | None = None) -> Fix:
    """Return the edit that applies finding `f` (its first replacement unless one is given)."""
    rep = f.replacements[0] if replacement is None else replacement
    return Fix(f.offset, f.length, rep, f.code)


def compose(base: Sequence[Fix], later: Sequence[Fix], current: str) -> list[Fix]:
    """Compose edits: `base` over the original text, `later` over `current` (base applied).

    Returns edits over the original text whose result equals applying `later` to `current`.
    A later edit that overlaps or touches a base edit's output is merged with it.
    """
    base = sorted(base, key=lambda e: (e.offset, e.length))
    later = sorted(later, key=lambda e: (e.offset, e.length))
    if not later:
        return list(base)
    # Base edits in `current` coordinates: (k_start, k_end, fix, delta_before).
    items: list[tuple[int, int, Fix]] = []
    delta = 0
    for e in base:
        k = e.offset + delta
        items.append((k, k + len(e.replacement), e))
        delta += len(e.replacement) - e.length
    # Intervals in `current`: ("b", k0, k1, fix) and ("l", k0, k1, fix), swept by start.
    intervals = [(k0, k1, 0, e) for k0, k1, e in items] + [(e.offset, e.end, 1, e) for e in later]
    intervals.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[Fix] = []
    delta = 0  # current - original, in the unchanged region before the next cluster
    i = 0
    n = len(intervals)
    while i < n:
        k0, k1, _, _ = intervals[i]
        members = [intervals[i]]
        j = i + 1
        while j < n and intervals[j][0] <= k1:  # touching counts: merge rather than guess order
            k1 = max(k1, intervals[j][1])
            members.append(intervals[j])
            j += 1
        bases = [m for m in members if m[2] == 0]
        growth = sum(len(m[3].replacement) - m[3].length for m in bases)
        if all(m[2] == 0 for m in members):
            out.extend(m[3] for m in bases)
        else:
            lat = [m[3] for m in members if m[2] == 1]
            piece = current[k0:k1]
            rep = apply_edits(piece, [dataclasses.replace(e, offset=e.offset - k0) for e in lat])
            o0, o1 = k0 - delta, k1 - delta - growth
            codes = dict.fromkeys(c for m in members for c in m[3].code.split("+") if c)
            out.append(Fix(o0, o1 - o0, rep, "+".join(codes)))
        delta += growth
        i = j
    return out


def map_offsets(edits: Sequence[Fix], positions: Sequence[int], end_side: bool) -> list[int]:
    """Map offsets in a text through `edits` (sorted, non-overlapping) to the edited text.

    A position inside an edit moves to the edit's start (or, with `end_side`, its end);
    insertions at a position count as inside the range that starts or ends there.
    """
    starts = [e.offset for e in edits]
    cum = [0]
    for e in edits:
        cum.append(cum[-1] + len(e.replacement) - e.length)
    out = []
    for p in positions:
        if end_side:
            idx = bisect.bisect_right(starts, p)  # edits starting at or before p
            while idx > 0 and edits[idx - 1].offset == p and edits[idx - 1].length > 0:
                idx -= 1  # an edit starting at an end position lies after the range
        else:
            idx = bisect.bisect_left(starts, p)  # edits starting before p
        if idx and edits[idx - 1].end > p:  # p inside edit idx-1
            e = edits[idx - 1]
            q = e.offset + cum[idx - 1]
            out.append(q + len(e.replacement) if end_side else q)
        else:
            out.append(p + cum[idx])
    return out


def apply_to_document(doc: Document, edits: Sequence[Fix]) -> Document:
    """Return the document with `edits` applied: text, prose and paragraph spans moved.

    Inserted text counts as prose. Format payload is kept (rules never read it); the locator
    refers to the old offsets, so it is dropped.
    """
    edits = sorted(edits, key=lambda e: (e.offset, e.length))
    if not edits:
        return doc
    text = apply_edits(doc.text, edits)
    prose = apply_edits(doc.prose, edits)
    paras = doc.paragraphs
    starts = map_offsets(edits, [p.start for p in paras], end_side=False)
    ends = map_offsets(edits, [p.end for p in paras], end_side=True)
    new_paras = tuple(
        dataclasses.replace(p, start=s, end=max(s, e))
        for p, s, e in zip(paras, starts, ends, strict=True)
    )
    return dataclasses.replace(doc, text=text, prose=prose, paragraphs=new_paras, locations=None)


def fix_document(
    doc: Document, checker: Any, unsafe: bool = False, max_rounds: int = 5
) -> FixResult:
    """Apply every safe (and with `unsafe`, unsafe) fix, re-checking until nothing changes.

    `checker` is a yiwen.checking.Checker (anything with `check_document(doc)`).
    """
    edits: list[Fix] = []
    applied: Counter[str] = Counter()
    current = doc
    findings = checker.check_document(current)
    rounds = 0
    while rounds < max_rounds:
        chosen = choose_fixes(findings, unsafe)
        if not chosen:
            break
        rounds += 1
        round_edits = [as_fix(f) for f in chosen]
        applied.update(f.code for f in chosen)
        edits = compose(edits, round_edits, current.text)
        current = apply_to_document(current, round_edits)
        findings = checker.check_document(current)
    from yiwen.document.formats import refused_edits

    refused = refused_edits(doc, edits)
    if refused:
        edits = [e for e in edits if e not in refused]
        applied = applied - Counter(e.code for e in refused)
        current = apply_to_document(doc, edits)
        findings = checker.check_document(current)
    return FixResult(
        edits=edits,
        new_text=current.text,
        applied=applied,
        remaining=list(findings),
        rounds=rounds,
        document=current,
        refused=refused,
    )
