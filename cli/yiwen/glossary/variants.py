"""The shapes a Chinese name drifts into in English text, and what is wrong with one of them.

For family "Wang", given "Ruitao" the shapes are both orders ("Wang Ruitao", "Ruitao Wang"),
each with the given name joined, hyphenated ("Rui-tao") or split ("Rui Tao") at its pinyin
syllables, and the whole name run together ("Wangruitao", "RuitaoWang"). Case is not part of a
shape: the matcher ignores case and `problems` compares the written case with the shape's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from yiwen.glossary.pinyin import split_syllables

# Problems, in the order they decide which rule reports a finding.
ORDER, OWN_NAME, GIVEN_SHAPE, CAPS, LOWER, CASE, HONORIFIC = (
    "order",
    "own-name",
    "given-shape",
    "caps",
    "lower",
    "case",
    "honorific",
)

_WORDS = re.compile(r"[^\s\-']+")


class Shape(NamedTuple):
    """One way of writing a name, cased the way that shape would be if nothing else were wrong."""

    text: str
    # "house" | "other" | "own" (a person's en override) | "surname" (honorific + surname)
    order: str
    given: str  # "joined" | "hyphen" | "split" | "run-together"


@lru_cache(maxsize=16384)
def given_forms(given: str) -> tuple[tuple[str, str], ...]:
    """Return (text, shape) for the given name joined, hyphenated and split at its syllables."""
    out = [(given, "joined")]
    syllables = split_syllables(given)
    if syllables and len(syllables) > 1:
        # Rebuild from the original letters so a capital inside ("Ruitao") is kept as written.
        parts, i = [], 0
        plain = given.replace("'", "").replace("’", "").replace("-", "")
        for s in syllables:
            parts.append(plain[i : i + len(s)])
            i += len(s)
        hyphen = "-".join([parts[0].capitalize(), *(p.lower() for p in parts[1:])])
        split = " ".join(p.capitalize() for p in parts)
        for text, kind in ((hyphen, "hyphen"), (split, "split")):
            if text.lower() != given.lower():
                out.append((text, kind))
    return tuple(out)


@lru_cache(maxsize=16384)
def shape_templates(given: str, name_order: str) -> tuple[tuple[str, str, str, str], ...]:
    """Return (before, after, order, given shape) for every shape: its text is before+family+after.

    The shapes of a given name are the same for every family name, so they are worked out once
    per given name; the first template is the house form.
    """
    family_first = name_order == "family-given"
    house, other = ("house", "other") if family_first else ("other", "house")
    out: list[tuple[str, str, str, str]] = []
    for text, kind in given_forms(given):
        fg = ("", f" {text}", house, kind)
        gf = (f"{text} ", "", other, kind)
        out.extend((fg, gf) if family_first else (gf, fg))
    plain = given.replace("'", "").replace("’", "").replace("-", "")
    out.append(("", plain.lower(), house, "run-together"))
    out.append((plain, "", other, "run-together"))
    return tuple(out)


def name_shapes(family: str, given: str, name_order: str) -> list[Shape]:
    """Return every shape of a family/given name; the first is the house form."""
    return [
        Shape(before + family + after, order, kind)
        for before, after, order, kind in shape_templates(given, name_order)
    ]


def case_problems(written: str, expected: str, family: str, surname_caps: bool) -> list[str]:
    """Return CAPS, LOWER or CASE when `written` differs from `expected` only in letter case."""
    written = " ".join(written.split())  # a no-break space or line break is not a case problem
    if written == expected:
        return []
    words, want = _WORDS.findall(written), _WORDS.findall(expected)
    out: list[str] = []
    for w, e in zip(words, want, strict=False):
        if w == e:
            continue
        if e.lower() == family.lower() and w == e.upper() and len(w) > 1:
            out.append(CAPS)
        elif w == e.lower() or w[:1].islower():
            out.append(LOWER)
        else:
            out.append(CASE)
    if not out and written != expected:
        out.append(CASE)
    if surname_caps:  # the house writes "WANG": a capitalised surname is the case problem
        out = [CASE if p == CAPS else p for p in out]
    return sorted(set(out), key=[CAPS, LOWER, CASE].index)


def describe(problems: list[str], order: str) -> str:
    """Return a short human reason for a list of problems ("given name split; surname in capitals")."""
    words = {
        ORDER: "family name first" if order == "family-given" else "given name first",
        OWN_NAME: "the person's own English name",
        GIVEN_SHAPE: "given name as one word",
        CAPS: "surname not in capitals",
        LOWER: "given name and surname capitalised",
        CASE: "capitalised as in the glossary",
        HONORIFIC: "honorific spaced",
    }
    return "; ".join(words[p] for p in problems)
