"""English mechanics (E): doubled words, spacing, honorifics, Chinese punctuation in English…"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yiwen.models import Applicability, Finding, Language, Severity
from yiwen.rules.registry import RuleContext, rule

_EN = (Language.EN, Language.MIXED)

# A word, whitespace (a line break too), optionally an opening quote, and the same word again.
_DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+[\"'“‘]?)(\1)\b", re.IGNORECASE)
# Doubles that are correct English ("had had", "that that") are left to a person.
_LEGIT_DOUBLES = frozenset(
    {"had", "that", "is", "do", "bye", "no", "yeah", "ha", "so", "very", "now"}
)


@rule(
    "E001",
    "doubled-word",
    Severity.ERROR,
    "Doubled word: {text!r}",
    explanation="""A word written twice in a row, usually left behind by an edit. The check
ignores case, spans line breaks and an opening quotation mark between the two words, and leaves
legitimate doubles such as "had had" and "that that" alone.""",
    bad="bring the the experience",
    good="bring the experience",
    applicability=Applicability.SAFE,
)
def doubled_word(ctx: RuleContext) -> Iterator[Finding]:
    """Flag "the the" (and "the "the") and offer to delete the second word."""
    for start, text in ctx.paragraphs(*_EN):
        for m in _DOUBLED.finditer(text):
            if m.group(1).lower() in _LEGIT_DOUBLES:
                continue
            # Keep the second word (and a quote that opens it): 'the "the' -> '"the'.
            between = m.group(2).strip()
            yield ctx.finding(
                doubled_word,
                start + m.start(),
                start + m.end(),
                [between + m.group(3) if between else m.group(1)],
                message=f"Doubled word: {m.group(1)!r}",
            )
