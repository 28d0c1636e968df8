"""Names of glossary people (N001–N099): every other shape of a listed person's name.

Each occurrence of a person that is not written in the canonical form gets ONE finding, whose
span is the whole occurrence — honorific included — and whose fix is the canonical form with
the honorific spaced ("Dr.Wang Ruitao" -> "Dr. Wang Ruitao"). The code says the most important
thing wrong (order, then own English name, then the given name's shape, then case, then the
honorific); the message lists everything.

Why the whole span, even when only the honorific is wrong: the English mechanics rules (E) also
flag "Dr.Wang" and "Dr, Wang" over the honorific alone. The fixer never applies overlapping
fixes, so of the two overlapping findings it applies one per pass. Both replacements produce the
same text ("Dr. Wang Ruitao"), so whichever is applied, the next pass finds nothing left for the
other: the fixes converge instead of fighting. Reporting the name-level fix over the whole
occurrence also keeps an order or case fix and an honorific fix for one person in one finding,
never two findings with different replacements for overlapping text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from yiwen.glossary.variants import (
    CAPS,
    CASE,
    GIVEN_SHAPE,
    HONORIFIC,
    LOWER,
    ORDER,
    OWN_NAME,
    case_problems,
    describe,
)
from yiwen.models import Applicability, Finding, Language, Severity
from yiwen.rules.registry import RuleContext, rule

_EN = (Language.EN, Language.MIXED)


def en_matches(ctx: RuleContext) -> list[Any]:
    """Return the glossary matches in the document's English paragraphs (computed once)."""
    key = "glossary.en-matches"
    if key not in ctx.cache:
        from yiwen.glossary.matcher import find_in

        ctx.cache[key] = find_in(ctx.glossary, ctx.paragraphs(*_EN))
    return ctx.cache[key]


def house_honorific(ctx: RuleContext, written: str) -> str:
    """Return the house spelling of the honorific `written` begins with."""
    m = re.match(r"\s*([A-Za-z]+)", written)
    return ctx.glossary.honorific_for(m.group(1), ctx.config.honorific) if m else ""


def name_problems(ctx: RuleContext, m: Any) -> tuple[list[str], str]:
    """Return (problems, replacement) for one person match; no problems means it is right."""
    g = ctx.glossary
    person = m.entry
    shape = m.shape
    problems: list[str] = []
    hon = house_honorific(ctx, m.text[: m.prefix]) if m.prefix else ""
    if shape is not None and shape.order == "surname":
        family = person.family.upper() if g.surname_caps else person.family
        name, replacement_name = m.name_text, family
        problems += case_problems(name, family, person.family, g.surname_caps)
    else:
        name, replacement_name = m.name_text, g.canonical(person)
        if person.en and (shape is None or shape.order != "own"):
            problems.append(OWN_NAME)
        elif shape is not None and shape.order == "other":
            problems.append(ORDER)
        if shape is not None and shape.given != "joined":
            problems.append(GIVEN_SHAPE)
        if shape is not None and shape.given != "run-together":
            problems += case_problems(name, shape.text, person.family, g.surname_caps)
    if hon and m.text[: m.prefix] != f"{hon} ":
        problems.append(HONORIFIC)
    replacement = f"{hon} {replacement_name}" if hon else replacement_name
    return problems, replacement


_PRIMARY = {
    ORDER: "N001",
    OWN_NAME: "N005",
    GIVEN_SHAPE: "N002",
    CAPS: "N003",
    LOWER: "N003",
    CASE: "N003",
    HONORIFIC: "N004",
}
_PRIORITY = [OWN_NAME, ORDER, GIVEN_SHAPE, CAPS, LOWER, CASE, HONORIFIC]


def _person_findings(ctx: RuleContext, code: str) -> Iterator[tuple[Any, str, list[str]]]:
    """Yield (match, replacement, problems) for person matches whose main problem is `code`."""
    from yiwen.glossary.model import Person

    for m in en_matches(ctx):
        if not isinstance(m.entry, Person) or m.form == "zh":
            continue
        problems, replacement = name_problems(ctx, m)
        if not problems:
            continue
        problems.sort(key=_PRIORITY.index)
        if _PRIMARY[problems[0]] == code:
            yield m, replacement, problems


def _findings(ctx: RuleContext, fn: Any, code: str) -> Iterator[Finding]:
    order = ctx.glossary.name_order
    for m, replacement, problems in _person_findings(ctx, code):
        yield ctx.finding(
            fn,
            m.start,
            m.end,
            [replacement],
            message=f"Write {replacement!r} ({describe(problems, order)})",
        )


@rule(
    "N001",
    "name-order",
    Severity.ERROR,
    "Write {replacement!r}",
    explanation="""A person in the glossary written in the other order: the house writes every
Chinese name one way (the glossary's `name_order`, or `name_order` in yiwen.toml), family name
first ("Wang Ruitao", the national standard GB/T 28039) or given name first ("Ruitao Wang").
The fix is the glossary's canonical form, with any honorific spaced.""",
    bad="Ruitao Wang joined the team.",
    good="Wang Ruitao joined the team.",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def name_order(ctx: RuleContext) -> Iterator[Finding]:
    """Flag a glossary person written in the order the house does not use."""
    yield from _findings(ctx, name_order, "N001")


@rule(
    "N002",
    "name-given-shape",
    Severity.ERROR,
    "Write {replacement!r}",
    explanation="""A glossary person's two-syllable given name written hyphenated ("Rui-tao") or
split ("Rui Tao"), or the whole name run together ("Wangruitao"). The standard writes a given
name as one word.""",
    bad="Wang Rui-tao and Wang Rui Tao",
    good="Wang Ruitao",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def name_given_shape(ctx: RuleContext) -> Iterator[Finding]:
    """Flag a glossary person's given name hyphenated, split, or the name run together."""
    yield from _findings(ctx, name_given_shape, "N002")


@rule(
    "N003",
    "name-case",
    Severity.ERROR,
    "Write {replacement!r}",
    explanation="""A glossary person written in the wrong case: the surname in capitals ("WANG
Ruitao") when the house does not use them (`surname_caps = true` in the glossary turns that
round), a lower-case given name ("Wang ruitao") or any other casing.""",
    bad="WANG Ruitao, Wang ruitao",
    good="Wang Ruitao",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def name_case(ctx: RuleContext) -> Iterator[Finding]:
    """Flag a glossary person's name in capitals, lower case or another wrong case."""
    yield from _findings(ctx, name_case, "N003")


@rule(
    "N004",
    "name-honorific",
    Severity.ERROR,
    "Write {replacement!r}",
    explanation="""An honorific joined to a glossary person's name or mis-punctuated ("Dr.Wang",
"Dr, Wang", "Dr Wang" when the house writes "Dr."; `honorific = "Dr"` in yiwen.toml is the
British style). The finding covers the whole name, so its fix and the English mechanics rule's
fix of the honorific alone give the same text and `yiwen fix` converges.""",
    bad="Dr.Wang Ruitao; Dr, Wang",
    good="Dr. Wang Ruitao; Dr. Wang",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def name_honorific(ctx: RuleContext) -> Iterator[Finding]:
    """Flag an honorific joined to or mis-punctuated before a glossary person's name."""
    yield from _findings(ctx, name_honorific, "N004")


@rule(
    "N005",
    "name-own-english",
    Severity.ERROR,
    "Write {replacement!r}",
    explanation="""A glossary person who has their own English name (`en`, e.g. "Jack Wang")
written as the pinyin of their Chinese name instead.""",
    bad="Wang Jianguo (whose glossary entry says en = 'Jack Wang')",
    good="Jack Wang",
    applicability=Applicability.SAFE,
    needs_glossary=True,
)
def name_own_english(ctx: RuleContext) -> Iterator[Finding]:
    """Flag a pinyin shape of a person who writes their name in their own English form."""
    yield from _findings(ctx, name_own_english, "N005")
