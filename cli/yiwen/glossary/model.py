"""The glossary's value types: Person, Term, GlossaryMatch, and the Glossary that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yiwen.glossary.matcher import Matcher

NAME_ORDERS = ("given-family", "family-given")
KINDS = ("organization", "department", "title", "place", "other")
DEFAULT_HONORIFICS = ("Dr.", "Prof.")
# Honorifics that end in their word's last letter: British style writes them without a stop.
_CONTRACTIONS = frozenset({"dr", "mr", "mrs", "ms", "st"})


@dataclass(frozen=True)
class Person:
    """A person the house writes one way: pinyin family and given name, or their own `en`."""

    zh: str | None
    family: str
    given: str
    en: str | None
    note: str
    origin: str  # "file:line" of the [[person]] table

    def label(self) -> str:
        """Return how messages name this person ("Wang Ruitao", or the en override)."""
        return self.en or " ".join(p for p in (self.family, self.given) if p) or (self.zh or "?")


@dataclass(frozen=True)
class Term:
    """An organisation, department, title, place or other term with one canonical English form.

    `avoid` forms are wrong and are replaced by `en`; `also` forms are accepted renderings of
    the same post, but a document must use only one of `en` and `also` (e.g. 院长 "President",
    also "Director"); `scope` lists the kinds of entry a title belongs to ("organization" for a
    hospital's President, "department" for a department's Director) and settles which post an
    ambiguous rendering ("Director") is when the text ties it to one ("Director of …").
    """

    zh: str | None
    en: str
    kind: str
    avoid: tuple[str, ...]
    note: str
    origin: str  # "file:line" of the [[term]] table
    also: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()

    def label(self) -> str:
        """Return how messages name this term."""
        return self.en


Entry = Person | Term


@dataclass(frozen=True)
class GlossaryMatch:
    """One occurrence of a glossary form in a text.

    `form` is "canonical", "variant" (another shape of a person's name, or an honorific written
    another way), "avoid", "also" (an accepted alternative rendering) or "zh". `canonical` is
    the form to write instead (with the honorific, spaced, when the match includes one);
    `honorific` is the glossary's spelling of an honorific the match starts with ("Dr."), and
    `prefix` how many characters of `text` that honorific and its separator take; `shape` is
    the name shape (yiwen.glossary.variants.Shape) a person match was written in.
    """

    start: int
    end: int
    entry: Person | Term
    form: str
    canonical: str
    text: str
    honorific: str = ""
    prefix: int = 0
    shape: Any = field(default=None, repr=False, compare=False)  # variants.Shape of a person match

    @property
    def name_text(self) -> str:
        """Return the matched text without a leading honorific."""
        return self.text[self.prefix :]


@dataclass
class Glossary:
    """Every person and term of one or more merged glossary files, and their matcher."""

    name: str = ""
    name_order: str = "family-given"
    honorifics: tuple[str, ...] = DEFAULT_HONORIFICS
    people: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    surname_caps: bool = False  # the house writes surnames in capitals ("WANG Ruitao")
    sources: tuple[str, ...] = ()
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)

    def canonical(self, entry: Person | Term) -> str:
        """Return the one right English form: a person's `en`, else given+family in house order."""
        if isinstance(entry, Term):
            return entry.en
        if entry.en:
            return entry.en
        family = entry.family.upper() if self.surname_caps else entry.family
        if self.name_order == "given-family":
            return f"{entry.given} {family}"
        return f"{family} {entry.given}"

    @property
    def matcher(self) -> Matcher:
        """Return the Aho-Corasick matcher over every form, built on first use and cached."""
        if self._matcher is None:
            from yiwen.glossary.matcher import Matcher

            self._matcher = Matcher(self)
        return self._matcher

    def find(self, text: str) -> list[GlossaryMatch]:
        """Return every non-overlapping occurrence of any form in `text`, in text order."""
        return self.matcher.find(text)

    def entries(self) -> list[Person | Term]:
        """Return people then terms."""
        return [*self.people, *self.terms]

    def honorific_for(self, core: str, house: str = "") -> str:
        """Return the house spelling of an honorific ("dr" -> "Dr.").

        With the British house style (`house` "Dr"), contractions lose their full stop
        ("Dr", "Mr") while abbreviations keep it ("Prof.").
        """
        for h in self.honorifics:
            if h.rstrip(".").lower() == core.lower():
                if house == "Dr" and h.rstrip(".").lower() in _CONTRACTIONS:
                    return h.rstrip(".")
                return h
        return core
