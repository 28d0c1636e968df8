"""One Aho-Corasick automaton over every form of every glossary entry, built once per Glossary.

Keys are the forms lower-cased (Latin) or exact (Chinese), after folding curly apostrophes and
line breaks so "People’s" and a name broken over two lines still match. A Latin match must
stand on word boundaries — the characters before and after it must not be Latin letters or
digits — so a form never matches inside a longer word ("Wang Fu" is not found in "Wangfujing");
Chinese has no word boundaries to check. Overlapping matches are resolved longest-first.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, NamedTuple

from yiwen.glossary.model import Glossary, GlossaryMatch, Person, Term
from yiwen.glossary.variants import Shape, name_shapes

# Length-preserving folds applied to both keys and text before matching.
_FOLD_PAIRS = (("’", "'"), ("‘", "'"), ("\n", " "), ("\r", " "), ("\t", " "), ("\xa0", " "))
_FOLD = str.maketrans(dict(_FOLD_PAIRS))
# Honorific separators tried before a surname alone ("Dr.Wang", "Dr Wang", "Dr, Wang" …).
_SEPARATORS = (". ", ".", " ", ", ", ",", ".,", "., ")
# How forms rank when one key belongs to several candidates and none is written exactly.
_RANK = {"canonical": 0, "variant": 1, "also": 2, "avoid": 3, "zh": 4}


class Candidate(NamedTuple):
    """One entry a key may stand for: the entry, its form, the form as cased, and its shape."""

    entry: Person | Term
    form: str
    surface: str
    shape: Shape | None


def fold(text: str) -> str:
    """Lower-case `text` for matching, keeping its length (so offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters ("İ") lower-case to two code points
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    # str.replace runs in C and skips absent characters quickly; translate() is ~30x slower.
    for a, b in _FOLD_PAIRS:
        if a in low:
            low = low.replace(a, b)
    return low


def is_word_char(c: str) -> bool:
    """True for a Latin letter or digit (CJK characters are not word characters for boundaries)."""
    return c.isalnum() and c < "\u2e80"


class Matcher:
    """The automaton and its candidate table for one Glossary."""

    def __init__(self, glossary: Glossary) -> None:
        """Build the automaton over every form of every entry of `glossary`."""
        import ahocorasick

        self.glossary = glossary
        self.table: dict[str, list[Candidate]] = {}
        self._seen: set[tuple[str, int, str]] = set()
        self._surnames: set[str] = set()
        for person in glossary.people:
            self._add_person(person)
        for term in glossary.terms:
            self._add(term.en, Candidate(term, "canonical", term.en, None))
            for a in term.also:
                self._add(a, Candidate(term, "also", a, None))
            for a in term.avoid:
                self._add(a, Candidate(term, "avoid", a, None))
            if term.zh:
                self._add(term.zh, Candidate(term, "zh", term.zh, None))
        self.automaton = ahocorasick.Automaton()
        add_word = self.automaton.add_word
        for key, cands in self.table.items():
            if len(cands) > 1:
                cands.sort(key=lambda c: _RANK[c.form])
            add_word(key, (len(key), is_word_char(key[0]), is_word_char(key[-1]), tuple(cands)))
        if self.table:
            self.automaton.make_automaton()
        cores = sorted({h.rstrip(".") for h in glossary.honorifics}, key=len, reverse=True)
        self._honorific = (
            re.compile(
                r"(?:^|(?<![A-Za-z]))(" + "|".join(map(re.escape, cores)) + r")(\.?\s*,?\s*)$",
                re.IGNORECASE,
            )
            if cores
            else None
        )

    def _add(self, form: str, cand: Candidate) -> None:
        # Glossary forms are ASCII or CJK without line breaks: lower() is their fold (fast path).
        key = form.lower() if form.isascii() and form.isprintable() else fold(form)
        mark = (key, id(cand.entry), cand.form)
        if key and mark not in self._seen:
            self._seen.add(mark)
            self.table.setdefault(key, []).append(cand)

    def _add_person(self, person: Person) -> None:
        g = self.glossary
        canonical = g.canonical(person)
        if person.en:
            self._add(
                person.en,
                Candidate(person, "canonical", person.en, Shape(person.en, "own", "joined")),
            )
        for shape in name_shapes(person.family, person.given, g.name_order):
            text = shape.text
            if g.surname_caps and shape.order != "own":
                text = text.replace(person.family, person.family.upper(), 1)
                shape = Shape(text, shape.order, shape.given)
            form = "canonical" if text == canonical else "variant"
            self._add(text, Candidate(person, form, text, shape))
        if person.zh:
            self._add(person.zh, Candidate(person, "zh", person.zh, None))
        family = person.family.upper() if g.surname_caps else person.family
        # "Dr. Wang" stands for the first glossary person with that surname: the rules use only
        # the surname, and one candidate per key keeps the build linear in the glossary's size.
        if family.lower() in self._surnames:
            return
        self._surnames.add(family.lower())
        for h in g.honorifics:
            core = h.rstrip(".")
            for sep in _SEPARATORS:
                text = f"{core}{sep}{family}"
                form = "canonical" if text == f"{h} {family}" else "variant"
                self._add(
                    text, Candidate(person, form, text, Shape(f"{h} {family}", "surname", ""))
                )

    def candidates(self, text: str) -> list[Candidate]:
        """Return every candidate entry for a form as written (any case)."""
        return list(self.table.get(fold(text), ()))

    def find(self, text: str) -> list[GlossaryMatch]:
        """Return every non-overlapping occurrence of any form in `text`, longest first."""
        if not self.table or not text:
            return []
        low = fold(text)
        n = len(low)
        hits: list[tuple[int, int, tuple[Candidate, ...]]] = []
        append = hits.append
        for last, (klen, check_start, check_end, cands) in self.automaton.iter(low):
            start = last - klen + 1
            if check_start and start and low[start - 1].isalnum() and low[start - 1] < "\u2e80":
                continue
            end = last + 1
            if check_end and end < n and low[end].isalnum() and low[end] < "\u2e80":
                continue
            append((start, end, cands))
        if not hits:
            return []
        return [self._match(text, s, e, c) for s, e, c in _resolve(hits)]

    def _match(
        self, text: str, start: int, end: int, cands: tuple[Candidate, ...]
    ) -> GlossaryMatch:
        written = text[start:end]
        flat = written.translate(_FOLD)
        cand = next((c for c in cands if c.surface == flat), cands[0])
        entry = cand.entry
        if not isinstance(entry, Person):
            return GlossaryMatch(start, end, entry, cand.form, entry.en, written)
        g = self.glossary
        if cand.form == "zh":
            return GlossaryMatch(start, end, entry, "zh", g.canonical(entry), written)
        if cand.shape is not None and cand.shape.order == "surname":
            core = re.match(r"[A-Za-z]+", written)
            hon = g.honorific_for(core.group(0) if core else "")
            canonical = cand.shape.text
            form = "canonical" if flat == canonical else "variant"
            prefix = len(written) - len(entry.family)
            return GlossaryMatch(
                start, end, entry, form, canonical, written, hon, prefix, cand.shape
            )
        canonical = g.canonical(entry)
        hon, prefix = "", 0
        if self._honorific is not None:
            m = self._honorific.search(text, max(0, start - 16), start)
            if m is not None:
                hon = g.honorific_for(m.group(1))
                prefix = start - m.start()
                start = m.start()
                written = text[start:end]
                canonical = f"{hon} {canonical}"
        form = "canonical" if written.translate(_FOLD) == canonical else "variant"
        return GlossaryMatch(start, end, entry, form, canonical, written, hon, prefix, cand.shape)


def _resolve(
    hits: list[tuple[int, int, Any]],
) -> list[tuple[int, int, Any]]:
    """Drop overlapping hits, keeping the longest (then the leftmost) of each overlapping group."""
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, Any]] = []
    group: list[tuple[int, int, Any]] = []
    group_end = -1
    for h in hits:
        if h[0] >= group_end:
            _flush(group, out)
            group = [h]
        else:
            group.append(h)
        group_end = max(group_end, h[1])
    _flush(group, out)
    return out


def _flush(group: list[tuple[int, int, Any]], out: list[tuple[int, int, Any]]) -> None:
    if len(group) == 1:
        out.append(group[0])
        return
    taken: list[tuple[int, int, Any]] = []
    for h in sorted(group, key=lambda h: (h[0] - h[1], h[0])):
        if all(h[1] <= t[0] or h[0] >= t[1] for t in taken):
            taken.append(h)
    out.extend(sorted(taken, key=lambda h: h[0]))


def find_in(glossary: Glossary, pieces: list[tuple[int, str]]) -> list[GlossaryMatch]:
    """Find matches in each (start offset, text) piece, with offsets into the whole document."""
    out: list[GlossaryMatch] = []
    for offset, text in pieces:
        for m in glossary.find(text):
            out.append(replace(m, start=m.start + offset, end=m.end + offset) if offset else m)
    return out


def fuzzy_lookup(glossary: Glossary, query: str, limit: int = 5) -> list[tuple[float, Any, str]]:
    """Return up to `limit` (score, entry, form matched) for `query`, best first (rapidfuzz)."""
    from rapidfuzz import fuzz, process, utils

    forms: list[str] = []
    owners: list[Person | Term] = []
    for e in glossary.entries():
        names = [glossary.canonical(e), e.zh or ""]
        if isinstance(e, Term):
            names += [*e.also, *e.avoid]
        else:
            names += [f"{e.given} {e.family}", f"{e.family} {e.given}"]
        for f in dict.fromkeys(n for n in names if n):
            forms.append(f)
            owners.append(e)
    out: list[tuple[float, Any, str]] = []
    seen: set[int] = set()
    hits = process.extract(
        query, forms, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit * 6
    )
    for form, score, i in hits:
        if id(owners[i]) in seen or score < 50:
            continue
        seen.add(id(owners[i]))
        out.append((score, owners[i], form))
        if len(out) == limit:
            break
    return out
