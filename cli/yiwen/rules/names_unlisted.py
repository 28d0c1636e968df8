"""Chinese names nobody listed (N101–N199): shapes of one name that disagree within a document.

Without a glossary entry there is no canonical form to compare with, so these rules compare a
document with itself: the same two name parts in both orders, a surname in capitals in one
place and not in another, a given name split in two where it is also written joined. Two rules
look at a single mention: a lower-case given name after a surname ("Guo yongjin"), and a full
name run together where a name is expected ("Dr. Wangyu").

House order: the glossary's `name_order` when a glossary is loaded (it already carries the
config's override), else `name_order` from yiwen.toml, else none: then the form used less
often for that person is flagged, ties broken by the document's majority order and then by the
form used first, and the fix is marked unsafe. People the glossary knows are left to the
glossary rules (N001–N099), so nothing is reported twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from yiwen.glossary.names import (
    NameMention,
    RunTogether,
    find_run_together,
    resolve_splits,
    scan_mentions,
)
from yiwen.models import Applicability, Finding, Language, Severity
from yiwen.rules.registry import RuleContext, rule

_EN = (Language.EN, Language.MIXED)
_ORDERS = ("family-given", "given-family")


def _arrangement(family_first: bool) -> str:
    return "family-given" if family_first else "given-family"


def house_order(ctx: RuleContext) -> str:
    """Return the house name order ("family-given" / "given-family"), or "" when none is set."""
    order = getattr(ctx.glossary, "name_order", "") if ctx.glossary is not None else ""
    order = order or ctx.config.name_order
    return order if order in _ORDERS else ""


def _glossary_people(ctx: RuleContext) -> tuple[list[tuple[int, int]], set[tuple[str, str]]]:
    """Return the spans of glossary people in the English paragraphs and their (family, given).

    The spans come from the glossary matches the N001-N005 rules already found for this
    document; the (family, given) keys depend on the glossary only, so they are built once.
    """
    g = ctx.glossary
    if g is None:
        return [], set()
    from yiwen.rules.names import en_matches

    spans = [(m.start, m.end) for m in en_matches(ctx) if hasattr(m.entry, "family")]
    return spans, _people_keys(g)


_KEYS: dict[int, tuple[object, set[tuple[str, str]]]] = {}


def _people_keys(g: object) -> set[tuple[str, str]]:
    """(family, given) of every glossary person, lower case, cached per glossary object."""
    hit = _KEYS.get(id(g))
    if hit is None or hit[0] is not g:
        keys = {
            (p.family.lower(), p.given.lower().replace("-", "").replace(" ", ""))
            for p in getattr(g, "people", ())
        }
        hit = _KEYS[id(g)] = (g, keys)
    return hit[1]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def mentions(ctx: RuleContext) -> list[NameMention]:
    """Return the unlisted name mentions of the document's English prose (computed once)."""
    key = "names.unlisted.mentions"
    if key not in ctx.cache:
        pairs: list[NameMention] = []
        splits: list[NameMention] = []
        for start, text in ctx.paragraphs(*_EN):
            p, s = scan_mentions(text)
            pairs += [_shift(m, start) for m in p]
            splits += [_shift(m, start) for m in s]
        spans, known = _glossary_people(ctx)
        found = sorted([*pairs, *resolve_splits(pairs, splits)], key=lambda m: m.start)
        ctx.cache[key] = [
            m for m in found if m.key not in known and not _overlaps(spans, m.start, m.end)
        ]
        ctx.cache["names.unlisted.glossary"] = (spans, known)
    return ctx.cache[key]


def _shift(m: NameMention, by: int) -> NameMention:
    from dataclasses import replace

    return replace(m, start=m.start + by, end=m.end + by)


def _groups(ms: list[NameMention]) -> dict[tuple[str, str], list[NameMention]]:
    out: dict[tuple[str, str], list[NameMention]] = {}
    for m in ms:
        out.setdefault(m.key, []).append(m)
    return out


def document_order(ms: list[NameMention]) -> str:
    """Return the order most names in the document are written in, or "" on a tie."""
    counts = Counter(_arrangement(m.family_first) for m in ms if m.order != "unknown")
    a, b = counts["family-given"], counts["given-family"]
    return "family-given" if a > b else "given-family" if b > a else ""


def _majority(values: list[Any]) -> Any:
    """Return the most frequent value; on a tie the one seen first."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


@rule(
    "N101",
    "name-order-mixed",
    Severity.ERROR,
    "{text!r} is written in the other order elsewhere in this document: write {replacement!r}",
    explanation="""The same two name parts appear in both orders in one document ("Hongyi Liu"
… "Liu Hongyi"), so a reader cannot tell which part is the family name. The form that breaks
the house order (the glossary's or yiwen.toml's `name_order`) is flagged; with no house order,
the form this person is written in less often is (ties: the order most names in the document
use, then the form used first). The fix is safe only when a house order is set.""",
    bad="Hongyi Liu opened the clinic. … Liu Hongyi thanked the team.",
    good="Liu Hongyi opened the clinic. … Liu Hongyi thanked the team.",
    applicability=Applicability.SAFE,
)
def name_order_mixed(ctx: RuleContext) -> Iterator[Finding]:
    """Flag the mentions of a person written in the order that loses."""
    ms = mentions(ctx)
    house = house_order(ctx)
    doc_order = document_order(ms)
    for group in _groups(ms).values():
        arrangements = [_arrangement(m.family_first) for m in group]
        if len(set(arrangements)) < 2:
            continue
        if house:
            keep, why = house, f"the house writes {_describe(house)}"
        else:
            counts = Counter(arrangements)
            if counts["family-given"] != counts["given-family"]:
                keep, why = _majority(arrangements), "most mentions of this person do"
            elif doc_order:
                keep, why = doc_order, "most names in this document do"
            else:
                keep, why = arrangements[0], "the first mention does"
        safety = Applicability.SAFE if house else Applicability.UNSAFE
        for m in group:
            if _arrangement(m.family_first) == keep:
                continue
            fix = m.arranged(not m.family_first)
            yield ctx.finding(
                name_order_mixed,
                m.start,
                m.end,
                [fix],
                message=f"{m.text!r} is written in the other order elsewhere: write {fix!r} "
                f"({_describe(keep)}, as {why})",
                applicability=safety,
            )


def _describe(order: str) -> str:
    return "family name first" if order == "family-given" else "given name first"


def _caps(m: NameMention) -> bool:
    return len(m.family_written) > 1 and m.family_written.isupper()


@rule(
    "N102",
    "surname-caps-mixed",
    Severity.ERROR,
    "{text!r}: this surname is in capitals in one place and not in another",
    explanation="""One person's surname is written in capitals in one place ("XU Yongjian")
and not in another ("Xu Yongjian"). Capitals that mark the surname are a house choice; mixing
them is not. With a glossary loaded its `surname_caps` setting decides (safe fix); otherwise
the form used more often wins (ties: the first), and the fix is unsafe.""",
    bad="XU Yongjian chaired the meeting. … Xu Yongjian said the ward would open in May.",
    good="Xu Yongjian chaired the meeting. … Xu Yongjian said the ward would open in May.",
    applicability=Applicability.SAFE,
)
def surname_caps_mixed(ctx: RuleContext) -> Iterator[Finding]:
    """Flag the mentions whose surname capitals disagree with the person's other mentions."""
    house_caps = getattr(ctx.glossary, "surname_caps", None) if ctx.glossary is not None else None
    for group in _groups(mentions(ctx)).values():
        styles = [_caps(m) for m in group]
        if len(set(styles)) < 2:
            continue
        keep = bool(house_caps) if house_caps is not None else _majority(styles)
        safety = Applicability.SAFE if house_caps is not None else Applicability.UNSAFE
        for m in group:
            if _caps(m) == keep:
                continue
            fam = m.family_written.upper() if keep else m.family
            fix = m.arranged(m.family_first, fam)
            yield ctx.finding(
                surname_caps_mixed,
                m.start,
                m.end,
                [fix],
                message=f"{m.text!r}: the surname is written "
                f"{'in capitals' if keep else 'in ordinary case'} elsewhere: write {fix!r}",
                applicability=safety,
            )


@rule(
    "N103",
    "given-name-lowercase",
    Severity.ERROR,
    "Capitalise the given name: {replacement!r}",
    explanation="""A given name in lower case after a surname ("Guo yongjin", "Du juan").
Only a pair that is clearly a name is flagged: a surname from the surname table followed by a
pinyin given name that is not an English word ("He ran" is left alone).""",
    bad="The award went to Guo yongjin of the Emergency Department.",
    good="The award went to Guo Yongjin of the Emergency Department.",
    applicability=Applicability.SAFE,
)
def given_name_lowercase(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Guo yongjin" and offer "Guo Yongjin"."""
    for m in mentions(ctx):
        if m.given_written.islower():
            fix = f"{m.family_written} {m.given}"  # only read surname-first ("Guo yongjin")
            yield ctx.finding(given_name_lowercase, m.start, m.end, [fix])


@rule(
    "N104",
    "given-name-split",
    Severity.WARNING,
    "{text!r} splits the given name; {replacement!r} is written elsewhere",
    explanation="""A two-syllable given name is one word (GB/T 28039: Weimin, not "Wei Min").
Reported when the same name is written joined elsewhere in the document ("Wu Yong Zhong" and
"Wu Yongzhong"); a person decides, because some people write their own name split.""",
    bad="Wu Yong Zhong led the ward round. … Wu Yongzhong said the results were good.",
    good="Wu Yongzhong led the ward round. … Wu Yongzhong said the results were good.",
    applicability=Applicability.UNSAFE,
)
def given_name_split(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Wu Yong Zhong" when "Wu Yongzhong" is also used, offering the joined form."""
    for m in mentions(ctx):
        if m.split:
            fam = m.family_written
            fix = f"{fam} {m.given}" if m.family_first else f"{m.given} {fam}"
            yield ctx.finding(given_name_split, m.start, m.end, [fix])


@rule(
    "N105",
    "name-run-together",
    Severity.WARNING,
    "{text!r} looks like a full name written as one word: {replacement!r}?",
    explanation="""A surname and a given name run together into one word ("Wangyu") where a
name is expected: after an honorific (Dr., Prof., Mr., Director …) or before ", director" and
other titles. A surname alone ("Dr. Wang"), an English word, a place or a word the document
also uses as a given name is left alone. The fix follows the house order (else the document's,
else family name first) and is unsafe: a person checks it.""",
    bad="Dr. Wangyu examined the patient.",
    good="Dr. Wang Yu examined the patient.",
    applicability=Applicability.UNSAFE,
)
def name_run_together(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "Dr. Wangyu" and offer "Dr. Wang Yu" (in the house order)."""
    ms = mentions(ctx)
    spans, known = ctx.cache["names.unlisted.glossary"]
    known_joined = {f + g for f, g in known}
    givens = {m.given.lower() for m in ms}
    order = house_order(ctx) or document_order(ms) or "family-given"
    for start, text in ctx.paragraphs(*_EN):
        for r in find_run_together(text):
            if _skip_run_together(r, start, spans, givens, known_joined):
                continue
            fix = f"{r.given} {r.family}" if order == "given-family" else f"{r.family} {r.given}"
            yield ctx.finding(name_run_together, start + r.start, start + r.end, [fix])


def _skip_run_together(
    r: RunTogether,
    offset: int,
    spans: list[tuple[int, int]],
    givens: set[str],
    known_joined: set[str],
) -> bool:
    word = r.text.lower()
    return (
        word in givens or word in known_joined or _overlaps(spans, offset + r.start, offset + r.end)
    )
