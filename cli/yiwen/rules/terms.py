"""Glossary terms and titles (T001–T099): avoided forms, proper-name case, consistency.

T001 replaces an `avoid` form with the canonical English. T002 corrects the case of an
organisation or place name ("qinghai province"). T003 flags a title, department or other term
written with two capitalisations in one document; one occurrence alone is never a finding,
because newsroom style writes a title after a name in lower case ("Qiu Zhengjun, director of
the General Surgery Center") and before a name in capitals ("Director Qiu") — so occurrences at
the start of a sentence, in a Title Case headline, in capitals, or right before a name are not
compared at all. T004 flags one post rendered two ways ("Director" in the headline, "President"
in the body) when the glossary lists the renderings as `en` and `also` of one term.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from yiwen.models import Applicability, Finding, Language, Severity
from yiwen.rules.names import en_matches
from yiwen.rules.registry import RuleContext, rule

_PROPER = ("organization", "place")
_CONSISTENT = ("title", "department", "other")
_OF = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?")
_BEFORE = re.compile(r"(?:'s|’s)?\s+$")


def _terms(ctx: RuleContext) -> list[Any]:
    from yiwen.glossary.model import Term

    return [m for m in en_matches(ctx) if isinstance(m.entry, Term) and m.form != "zh"]


@rule(
    "T001",
    "term-avoid",
    Severity.ERROR,
    "Write {replacement!r}, not {text!r}",
    explanation="""A form the glossary lists under `avoid` for a term: an old or wrong name of a
body ("National Health and Family Planning Commission" for today's National Health Commission),
a false friend ("Osteopathy" for 骨科, Orthopedics), a misspelling ("Clinic Pharmacology") or
another transliteration of a place ("Guoluo" for Golog). The fix is the canonical English.""",
    bad="She trained in the Osteopathy department.",
    good="She trained in the Orthopedics department.",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def term_avoid(ctx: RuleContext) -> Iterator[Finding]:
    """Flag every avoided form of a glossary term and offer the canonical English."""
    for m in _terms(ctx):
        if m.form == "avoid":
            yield ctx.finding(term_avoid, m.start, m.end, [m.entry.en])


@rule(
    "T002",
    "term-case",
    Severity.ERROR,
    "Write {replacement!r}",
    explanation="""An organisation or place from the glossary written in another case ("shanghai
general hospital", "Qinghai province"): proper names are capitalised as the glossary writes
them. Text in capitals (a headline) is left alone.""",
    bad="the medical team aiding Qinghai province",
    good="the medical team aiding Qinghai Province",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def term_case(ctx: RuleContext) -> Iterator[Finding]:
    """Flag an organisation or place name written in a case other than the glossary's."""
    for m in _terms(ctx):
        term = m.entry
        if term.kind not in _PROPER or m.form not in ("canonical", "also") or m.text.isupper():
            continue
        surface = term.en if m.form == "canonical" else _surface(term.also, m.text)
        if m.text != surface and " ".join(m.text.split()) != surface:
            yield ctx.finding(term_case, m.start, m.end, [surface])


def _surface(forms: tuple[str, ...], written: str) -> str:
    return next((f for f in forms if f.lower() == written.lower()), written)


class _Paragraphs:
    """Which paragraph an offset is in, and whether that paragraph reads as a headline."""

    def __init__(self, ctx: RuleContext) -> None:
        self.pieces = ctx.paragraphs(Language.EN, Language.MIXED)
        self.starts = [s for s, _ in self.pieces]
        self.kinds = {p.start: p.kind for p in ctx.document.paragraphs}

    def at(self, offset: int) -> tuple[int, str]:
        """Return (start, text) of the paragraph containing `offset`."""
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.pieces[i]

    def is_headline(self, offset: int) -> bool:
        """True for a heading, or a short line in Title Case without a closing full stop."""
        start, text = self.at(offset)
        if self.kinds.get(start) == "heading":
            return True
        words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
        if not words or len(text) > 300 or text.rstrip().endswith((".", "!", "?", "。")):
            return False
        return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:;\n\ufffc"


def _compared(ctx: RuleContext, m: Any, paras: _Paragraphs) -> bool:
    """True when this occurrence's capitalisation is a choice worth comparing."""
    if m.text.isupper() or paras.is_headline(m.start):
        return False
    start, text = paras.at(m.start)
    if _sentence_start(text, m.start - start):
        return False
    after = text[m.end - start : m.end - start + 3]
    # A title right before a capitalised word is a title before a name ("Director Qiu").
    return not (m.entry.kind == "title" and re.match(r"\s[A-Z]", after))


@rule(
    "T003",
    "term-case-inconsistent",
    Severity.WARNING,
    "{text!r} is capitalised differently elsewhere: write {replacement!r}",
    explanation="""The same title, department or other glossary term written with two
capitalisations in one document ("executive director" … "Executive Director", "Party
committee" … "Party Committee"). The spelling that matches the glossary wins; otherwise the
majority. One lower-case title alone is fine — "Qiu Zhengjun, director of the General Surgery
Center" is standard newsroom style — and a capital at the start of a sentence, in a headline or
before a name ("Director Qiu") is not a casing choice, so those are not compared.""",
    bad="the Party committee … the Party Committee",
    good="the Party Committee … the Party Committee",
    applicability=Applicability.UNSAFE,
    needs_glossary=True,
)
def term_case_inconsistent(ctx: RuleContext) -> Iterator[Finding]:
    """Flag the minority (or non-glossary) capitalisation of a term cased two ways."""
    paras = _Paragraphs(ctx)
    groups: dict[str, list[Any]] = {}
    for m in _terms(ctx):
        if (
            m.entry.kind in _CONSISTENT
            and m.form in ("canonical", "also")
            and _compared(ctx, m, paras)
        ):
            groups.setdefault(" ".join(m.text.lower().split()), []).append(m)
    for key, ms in groups.items():
        spellings = Counter(" ".join(m.text.split()) for m in ms)
        if len(spellings) < 2:
            continue
        glossary_case = next(
            (f for f in (ms[0].entry.en, *ms[0].entry.also) if f.lower() == key), None
        )
        if glossary_case in spellings:
            keep = glossary_case
        else:
            keep = max(spellings, key=lambda s: (spellings[s], -_first(ms, s)))
        for m in ms:
            if " ".join(m.text.split()) != keep:
                yield ctx.finding(term_case_inconsistent, m.start, m.end, [keep])


def _first(ms: list[Any], spelling: str) -> int:
    return next(m.start for m in ms if " ".join(m.text.split()) == spelling)


def _post(ctx: RuleContext, m: Any, by_start: dict[int, Any], by_end: dict[int, Any]) -> Any:
    """Return the term (post) an occurrence renders, using its context when it is ambiguous."""
    from yiwen.glossary.model import Term

    owners = [
        c.entry
        for c in ctx.glossary.matcher.candidates(m.text)
        if isinstance(c.entry, Term) and c.form in ("canonical", "also")
    ]
    owners = list(dict.fromkeys(owners))
    if len(owners) <= 1:
        return owners[0] if owners else m.entry
    text = ctx.document.prose
    kinds = []
    after = _OF.match(text, m.end)
    if after and after.end() in by_start:
        kinds.append(by_start[after.end()].entry)
    before = _BEFORE.search(text, max(0, m.start - 4), m.start)
    if before and before.start() in by_end:
        kinds.append(by_end[before.start()].entry)
    for other in kinds:
        kind = getattr(other, "kind", None)
        scoped = [t for t in owners if kind in t.scope]
        if scoped:
            return scoped[0]
    # No telling context: the post this is the canonical rendering of.
    return next((t for t in owners if t.en.lower() == m.text.lower()), owners[0])


@rule(
    "T004",
    "post-renderings",
    Severity.WARNING,
    "{text!r} and {replacement!r} both render one post here: use one",
    explanation="""One Chinese post rendered two ways in one document, when the glossary lists the
renderings as one term's `en` and `also` (院长: "President", also "Director" or "Dean"): a
headline calling a person "Director" and the body "President". A rendering that is also another
post's name ("Director" is 主任 too) counts for the post whose `scope` matches what it is tied
to ("Director of Shanghai General Hospital": an organization → 院长; "director of the General
Surgery Center": a department → 主任). The rendering used most wins; on a tie, the glossary's
canonical one.""",
    bad="Hospital Director Zheng Xingdong … Zheng Xingdong, President of the hospital",
    good="Hospital President Zheng Xingdong … Zheng Xingdong, President of the hospital",
    applicability=Applicability.UNSAFE,
    needs_glossary=True,
)
def post_renderings(ctx: RuleContext) -> Iterator[Finding]:
    """Flag the minority rendering of a post written two ways in one document."""
    ms = _terms(ctx)
    if not any(t.also for t in ctx.glossary.terms):
        return
    by_start = {m.start: m for m in ms}
    by_end = {m.end: m for m in ms}
    uses: dict[Any, list[tuple[Any, str]]] = {}
    for m in ms:
        if m.form not in ("canonical", "also") or m.entry.kind != "title":
            continue
        post = _post(ctx, m, by_start, by_end)
        if post.also:
            rendering = _surface((post.en, *post.also), m.text)
            uses.setdefault(post, []).append((m, rendering))
    for post, items in uses.items():
        counts = Counter(r for _, r in items)
        if len(counts) < 2:
            continue
        keep = max(counts, key=lambda r: (counts[r], r == post.en))
        for m, rendering in items:
            if rendering != keep:
                fix = keep.lower() if m.text.islower() else keep
                yield ctx.finding(
                    post_renderings,
                    m.start,
                    m.end,
                    [fix],
                    message=(
                        f"{m.text!r} and {keep!r} both render {post.zh or post.en} here: "
                        f"write {fix!r}"
                    ),
                )
