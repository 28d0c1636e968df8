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
from yiwen.glossary.variants import Shape, shape_templates

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


def _rank(cand: Candidate) -> int:
    return _RANK[cand.form]


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


def _key(form: str) -> str:
    """Return the automaton key of a glossary form."""
    # Glossary forms are ASCII or CJK without line breaks: lower() is their fold (fast path).
    return form.lower() if form.isascii() and form.isprintable() else fold(form)


class Matcher:
    """The automaton over every form of a Glossary, and the candidates each form stands for.

    Building stores only each key and the entries with a form of that key (57k forms of a
    10,000-entry glossary build in a fraction of the time a Candidate per form would take);
    a key's candidates are worked out the first time the key is matched or looked up. (A
    pickled automaton with its candidates took longer to unpickle than this whole build.)
    """

    def __init__(self, glossary: Glossary) -> None:
        """Build the automaton over every form of every entry of `glossary`."""
        import ahocorasick

        self.glossary = glossary
        # key -> the entries with a form of that key, in glossary order
        self.table: dict[str, list[Person | Term]] = {}
        self._candidates: dict[str, tuple[Candidate, ...]] = {}
        # folded surname -> the first person with it, who owns the "Dr. Wang" forms
        self._surnames: dict[str, Person] = {}
        table = self.table
        for entry in (*glossary.people, *glossary.terms):
            for form in self._forms(entry):
                text = form[0]
                # _key(text), inlined: this loop runs once per form (57k for 10,000 entries)
                key = text.lower() if text.isascii() and text.isprintable() else fold(text)
                owners = table.get(key)
                if owners is None:
                    if key:
                        table[key] = [entry]
                elif owners[-1] is not entry:  # an entry's forms come together
                    owners.append(entry)
        # The automaton stores only key lengths: the key of a hit is the text it matched.
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        add_word = self.automaton.add_word
        for key in table:
            add_word(key)
        if table:
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

    def _forms(self, entry: Person | Term) -> list[tuple[str, str, str | None, str, str]]:
        """Return (text, form, shape text, shape order, shape given) of every form of `entry`.

        Terms and Chinese forms have no shape (shape text None).
        """
        if isinstance(entry, Term):
            out = [(entry.en, "canonical", None, "", "")]
            out += [(a, "also", None, "", "") for a in entry.also]
            out += [(a, "avoid", None, "", "") for a in entry.avoid]
            if entry.zh:
                out.append((entry.zh, "zh", None, "", ""))
            return out
        g = self.glossary
        canonical = g.canonical(entry)
        out = []
        if entry.en:
            out.append((entry.en, "canonical", entry.en, "own", "joined"))
        family = entry.family.upper() if g.surname_caps else entry.family
        for before, after, order, kind in shape_templates(entry.given, g.name_order):
            text = before + family + after
            out.append((text, "canonical" if text == canonical else "variant", text, order, kind))
        if entry.zh:
            out.append((entry.zh, "zh", None, "", ""))
        # "Dr. Wang" stands for the first glossary person with that surname: the rules use only
        # the surname, and one candidate per key keeps the build linear in the glossary's size.
        if self._surnames.setdefault(family.lower(), entry) is entry:
            for h in g.honorifics:
                core = h.rstrip(".")
                for sep in _SEPARATORS:
                    text = f"{core}{sep}{family}"
                    form = "canonical" if text == f"{h} {family}" else "variant"
                    out.append((text, form, f"{h} {family}", "surname", ""))
        return out

    def candidates_for(self, key: str) -> tuple[Candidate, ...]:
        """Return the candidates of one automaton key, best-ranked first (worked out once)."""
        cands = self._candidates.get(key)
        if cands is None:
            out: list[Candidate] = []
            seen: set[tuple[int, str]] = set()  # one candidate per entry and form
            for entry in self.table.get(key, ()):
                for text, form, shape_text, order, kind in self._forms(entry):
                    if (id(entry), form) not in seen and _key(text) == key:
                        seen.add((id(entry), form))
                        shape = None if shape_text is None else Shape(shape_text, order, kind)
                        out.append(Candidate(entry, form, text, shape))
            out.sort(key=_rank)  # stable: entries keep glossary order within a rank
            cands = self._candidates[key] = tuple(out)
        return cands

    def candidates(self, text: str) -> list[Candidate]:
        """Return every candidate entry for a form as written (any case)."""
        return list(self.candidates_for(fold(text)))

    def find(self, text: str) -> list[GlossaryMatch]:
        """Return every non-overlapping occurrence of any form in `text`, longest first."""
        if not self.table or not text:
            return []
        low = fold(text)
        n = len(low)
        hits: list[tuple[int, int]] = []
        append = hits.append
        for last, klen in self.automaton.iter(low):
            start = last - klen + 1
            # A Latin form must not start or end inside a word (low[start] is the key's first
            # character, low[last] its last).
            if start and is_word_char(low[start - 1]) and is_word_char(low[start]):
                continue
            end = last + 1
            if end < n and is_word_char(low[end]) and is_word_char(low[last]):
                continue
            append((start, end))
        if not hits:
            return []
        get = self.candidates_for
        return [self._match(text, s, e, get(low[s:e])) for s, e in _resolve(hits)]

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


def _resolve(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop overlapping hits, keeping the longest (then the leftmost) of each overlapping group."""
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []
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


def _flush(group: list[tuple[int, int]], out: list[tuple[int, int]]) -> None:
    if len(group) == 1:
        out.append(group[0])
        return
    taken: list[tuple[int, int]] = []
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
