"""Bilingual rules (B): a draft checked against its source (`yiwen check DRAFT --source SRC`)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from yiwen.bilingual.numbers import Quantity, same
from yiwen.bilingual.pairing import Pairing, pair
from yiwen.models import Applicability, Finding, Language, Severity
from yiwen.rules.registry import RuleContext, rule


def _pairing(ctx: RuleContext) -> Pairing:
    if (
        "pairing" not in ctx.cache
        and ctx.source is not None
        and ctx.source.format == "xliff-source"
    ):
        from yiwen.bilingual.pairing import pair_xliff

        ctx.cache["pairing"] = pair_xliff(ctx.document, ctx.source, ctx.glossary)
    if "pairing" not in ctx.cache:
        assert ctx.source is not None
        from yiwen.glossary.names import find_name_mentions

        english = ctx.document if ctx.document.language != Language.ZH else ctx.source
        terms = None
        if english is ctx.document:
            from yiwen.rules.names_unlisted import mentions  # shared with the N rules

            found = mentions(ctx)
            if ctx.glossary is not None:
                from yiwen.rules.names import en_matches  # the N rules' glossary matches

                terms = en_matches(ctx)
        else:
            found = [m for s, t in _paras(english) for m in _shifted(find_name_mentions(t), s)]
        ctx.cache["pairing"] = pair(ctx.source, ctx.document, ctx.glossary, found, terms)
    return ctx.cache["pairing"]


def _paras(doc) -> list[tuple[int, str]]:
    return [(p.start, doc.prose[p.start : p.end]) for p in doc.paragraphs]


def _shifted(found: list, by: int) -> list:
    from dataclasses import replace

    return [replace(m, start=m.start + by, end=m.end + by) for m in found]


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@rule(
    "B001",
    "missing-translation",
    Severity.ERROR,
    "Source paragraph not translated: {excerpt}",
    explanation="""A paragraph of the source has no counterpart in the draft. Paragraphs are
aligned by length (Gale–Church, allowing one paragraph to be split in two or two merged into
one) and by anchors both sides share: numbers, dates, glossary names and terms. The finding
stands where the translation is missing and quotes the source paragraph.""",
    bad="source: 3 paragraphs; draft: the 2nd is missing",
    good="every source paragraph translated",
    needs_source=True,
)
def missing_translation(ctx: RuleContext) -> Iterator[Finding]:
    """Flag source paragraphs aligned to nothing in the draft."""
    p = _pairing(ctx)
    cursor = 0  # where the missing translation would go: after the last aligned draft paragraph
    for bead in p.beads:
        if bead.target:
            cursor = p.draft.paragraphs[bead.target[-1]].end
            continue
        for i in bead.source:
            para = p.source.paragraphs[i]
            text = p.source.doc.text[para.start : para.end]
            yield ctx.finding(
                missing_translation,
                cursor,
                cursor,
                excerpt=_excerpt(text),
                source=p.source.ref(para.start),
            )


@rule(
    "B002",
    "added-text",
    Severity.WARNING,
    "Draft paragraph has no counterpart in the source",
    explanation="""A paragraph of the draft matches nothing in the source: text added in
translation, or a source paragraph the alignment could not find (then look for B001 nearby).""",
    bad="a draft paragraph the source does not have",
    good="draft and source say the same",
    needs_source=True,
)
def added_text(ctx: RuleContext) -> Iterator[Finding]:
    """Flag draft paragraphs aligned to nothing in the source."""
    p = _pairing(ctx)
    for bead in p.beads:
        if not bead.source:
            for j in bead.target:
                para = p.draft.paragraphs[j]
                yield ctx.finding(added_text, para.start, para.end)


@rule(
    "B003",
    "source-term-missing",
    Severity.ERROR,
    "The source names {zh}: write {replacement!r}",
    explanation="""Every glossary person and term in a source paragraph must appear in its
canonical form in the aligned draft paragraph. When another shape of the same entry is there
(a name in the other order, a form the glossary avoids), the fix replaces it; when nothing of it
is there, the finding names the expected form on the draft paragraph.""",
    bad="源：院长郑兴东 → draft: President Xingdong Zheng",
    good="President Zheng Xingdong",
    applicability=Applicability.SAFE,
    needs_source=True,
    needs_glossary=True,
)
def source_term_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Check each glossary entry of a source paragraph is written canonically in the draft."""
    p = _pairing(ctx)
    glossary = ctx.glossary
    to_zh = ctx.document.language == Language.ZH
    for k, bead in enumerate(p.beads):
        if not bead.source or not bead.target:
            continue
        draft_hits = [m for j in bead.target for m in p.draft.terms[j]]
        draft_text = " ".join(
            ctx.document.text[p.draft.paragraphs[j].start : p.draft.paragraphs[j].end]
            for j in bead.target
        )
        seen: set[int] = set()
        for i in bead.source:
            for m in p.source.terms[i]:
                entry = m.entry
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                expected = entry.zh if to_zh else glossary.canonical(entry)
                if not expected:
                    continue
                same_entry = [h for h in draft_hits if h.entry is entry]
                if to_zh:
                    if expected in draft_text:
                        continue
                elif any(h.form in ("canonical", "also") for h in same_entry) or _adjectival(
                    entry, draft_text
                ):
                    continue
                zh = entry.zh or m.text
                ref = p.source.ref(m.start)
                wrong = [h for h in same_entry if h.form in ("variant", "avoid")]
                if wrong:
                    for h in wrong:
                        yield ctx.finding(
                            source_term_missing, h.start, h.end, [h.canonical], zh=zh, source=ref
                        )
                    continue
                sent = p.draft_sentence_for(k, m.start)
                yield ctx.finding(
                    source_term_missing,
                    sent.start,
                    sent.end,
                    message=f"The source names {zh}; the draft does not have {expected!r}",
                    source=ref,
                )


def _adjectival(entry: object, draft: str) -> bool:
    """True when a department is named by its adjective ("骨科医生" -> "orthopedic surgeon")."""
    if getattr(entry, "kind", "") != "department":
        return False
    stem = entry.en.split()[0].lower()[:7]  # type: ignore[attr-defined]
    return len(stem) >= 6 and stem in draft.lower()


@rule(
    "B004",
    "source-name-order",
    Severity.ERROR,
    "The source names {zh}: write {replacement!r} (house order)",
    explanation="""A Chinese personal name in the source that the glossary does not know is
romanised with pinyin (with the surname readings of names, 单 Shan, 曾 Zeng …) and must appear
in the draft in the house order (the glossary's name_order, else family name first). The other
order gets a fix; a name missing entirely is a warning.""",
    bad="源：刘宏毅 → draft: Hongyi Liu",
    good="Liu Hongyi",
    applicability=Applicability.SAFE,
    needs_source=True,
)
def source_name_order(ctx: RuleContext) -> Iterator[Finding]:
    """Check unknown Chinese names of the source appear romanised in the house order."""
    if (
        ctx.source is None
        or ctx.source.language != Language.ZH
        or ctx.document.language == Language.ZH
    ):
        return
    from yiwen.glossary.zhnames import english_name

    p = _pairing(ctx)
    order = ctx.config.name_order or getattr(ctx.glossary, "name_order", "") or "family-given"
    other = "given-family" if order == "family-given" else "family-given"
    for k, bead in enumerate(p.beads):
        if not bead.source or not bead.target:
            continue
        known = {m.text for i in bead.source for m in p.source.terms[i]}
        paras = [p.draft.paragraphs[j] for j in bead.target]
        seen: set[str] = set()
        for i in bead.source:
            for name in p.source.names(i):
                if name.zh in seen or any(name.zh in k for k in known):
                    continue
                seen.add(name.zh)
                want, wrong = english_name(name, order), english_name(name, other)
                if any(_has_word(ctx.document.text, d.start, d.end, want) for d in paras):
                    continue
                hit = None
                for d in paras:
                    m = re.search(
                        rf"\b{re.escape(wrong)}\b", ctx.document.text[d.start : d.end], re.I
                    )
                    if m and want != wrong:
                        hit = (d.start + m.start(), d.start + m.end())
                        break
                ref = p.source.ref(name.start)
                if hit:
                    yield ctx.finding(source_name_order, *hit, [want], zh=name.zh, source=ref)
                else:
                    sent = p.draft_sentence_for(k, name.start)
                    yield ctx.finding(
                        source_name_order,
                        sent.start,
                        sent.end,
                        severity=Severity.WARNING,
                        message=f"The source names {name.zh}; expected {want!r} in the draft",
                        source=ref,
                    )


def _has_word(text: str, start: int, end: int, word: str) -> bool:
    """True when `word` stands in text[start:end] between word boundaries, as rf"\\b{word}\\b".

    A plain search plus a look at the characters either side: the check runs once per name
    of the source, and compiling a pattern per name cost more than the rest of the rule.
    """
    at = text.find(word, start, end)
    while at >= 0:
        stop = at + len(word)
        before = text[at - 1] if at > start else ""
        after = text[stop] if stop < end else ""
        if _word_char(before) != _word_char(word[0]) and _word_char(word[-1]) != _word_char(after):
            return True
        at = text.find(word, at + 1, end)
    return False


def _word_char(ch: str) -> bool:
    """True for a character regex \\w matches ("" is the edge of the text: not one)."""
    return ch.isalnum() or ch == "_"


@rule(
    "B005",
    "number-mismatch",
    Severity.ERROR,
    "Number differs from the source: {detail}",
    explanation="""Numbers, dates, times, percentages and ordinals must agree between a source
paragraph and its translation. Chinese and English forms are compared by value: 2023年7月21日 =
July 21, 2023 = 21 July 2023; 百分之三十 = 30%; 3.5万 = 35,000; 两 = two; 为期一年 = one-year;
第一 = first. A value on one side with no equal on the other is a finding naming both values.""",
    bad="源：手术一百二十台 → draft: 12 operations",
    good="120 operations",
    needs_source=True,
)
def number_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """Compare the quantities of each aligned paragraph group, both ways."""
    p = _pairing(ctx)
    for k, bead in enumerate(p.beads):
        if not bead.source or not bead.target:
            continue
        src = [q for i in bead.source for q in p.source.quantities[i]]
        tgt = [q for j in bead.target for q in p.draft.quantities[j]]
        lone_src, lone_tgt = _unmatched(src, tgt)
        # Pair what is left by kind and order: that is most often one value mistranslated.
        for s in lone_src:
            kin = [t for t in lone_tgt if _kindred(s, t)]
            # The likeliest partner shares the most leading characters ("120" vs "12").
            partner = max(
                kin,
                key=lambda t: len(os.path.commonprefix([s.label(), t.label()])),  # noqa: RUF071 (strings, not paths)
                default=None,
            )
            ref = p.source.ref(s.start)
            if partner is not None:
                lone_tgt.remove(partner)
                yield ctx.finding(
                    number_mismatch,
                    partner.start,
                    partner.end,
                    detail=f"the source says {s.label()} ({s.text}), the draft {partner.label()}",
                    source=ref,
                )
            else:
                sent = p.draft_sentence_for(k, s.start)
                yield ctx.finding(
                    number_mismatch,
                    sent.start,
                    sent.end,
                    detail=f"the source says {s.label()} ({s.text}); the draft has no such value",
                    source=ref,
                )
        for t in lone_tgt:
            yield ctx.finding(
                number_mismatch,
                t.start,
                t.end,
                severity=Severity.WARNING,
                detail=f"the draft says {t.label()}; the source has no such value",
                source=p.source.ref(p.source.paragraphs[bead.source[0]].start),
            )


def _unmatched(src: list[Quantity], tgt: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    if _in_step(src, tgt):
        return [], []
    left = list(tgt)
    lone: list[Quantity] = []
    for s in src:
        match = next((t for t in left if same(s, t)), None)
        if match is None and s.kind == "date":
            # A full date may be written as a date plus a separate year in the other language.
            match = next((t for t in left if t.kind == "date" and same(s, t)), None)
        if match is None:
            lone.append(s)
        else:
            left.remove(match)
    # A date on one side can cover a year and a month-day on the other ("2023年7月21日" vs
    # "July 21 ... in 2023"): drop lone years that a matched date of the other side contains.
    lone = [q for q in lone if not _covered(q, tgt)]
    left = [q for q in left if not _covered(q, src)]
    return lone, left


def _in_step(src: list[Quantity], tgt: list[Quantity]) -> bool:
    """True when both sides give the same kinds and values in the same order (most beads).

    Then the matching below pairs each value with its twin, the first equal one left on the
    other side, and leaves nothing over: each is `same` as itself, a date because it has at
    least one part. Checked as a whole first, it saves a search per value.
    """
    return (
        len(src) == len(tgt)
        and [q[:2] for q in src] == [q[:2] for q in tgt]
        and _NO_DATE not in [q.value for q in src]
    )


_NO_DATE = (None, None, None)  # a date of no parts: `same` as nothing, itself included


def _covered(q: Quantity, others: list[Quantity]) -> bool:
    if q.kind != "date":
        return False
    return any(o.kind == "date" and same(q, o) for o in others)


def _kindred(a: Quantity, b: Quantity) -> bool:
    groups = {"number": "n", "ordinal": "n", "percent": "p", "date": "d", "time": "t"}
    return groups[a.kind] == groups[b.kind]


_HAN_RUN = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff][\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]*"
)
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)*")


@rule(
    "B006",
    "untranslated-chinese",
    Severity.ERROR,
    "Chinese left untranslated in the English draft: {text!r}",
    explanation="""Chinese characters in an English draft are text the translation missed (a
name's characters in brackets after its pinyin are the one common exception: remove them or
keep them by house style).""",
    bad="The ceremony was held in 礼堂.",
    good="The ceremony was held in the auditorium.",
    needs_source=True,
)
def untranslated_chinese(ctx: RuleContext) -> Iterator[Finding]:
    """Flag runs of Han characters in the paragraphs of an English draft."""
    if ctx.document.language == Language.ZH:
        return
    for start, text in ctx.paragraphs(Language.EN, Language.MIXED, Language.ZH):
        for m in _HAN_RUN.finditer(text):
            yield ctx.finding(untranslated_chinese, start + m.start(), start + m.end())


@rule(
    "B007",
    "untranslated-english",
    Severity.WARNING,
    "English left untranslated in the Chinese draft: {text!r}",
    explanation="""Latin-script words in a Chinese draft are text the translation missed,
beyond names, acronyms (CT, MRI, ICU) and terms the glossary keeps in English.""",
    bad="医院举行了 annual meeting。",
    good="医院举行了年会。",
    needs_source=True,
)
def untranslated_english(ctx: RuleContext) -> Iterator[Finding]:
    """Flag runs of ordinary English words in the paragraphs of a Chinese draft."""
    if ctx.document.language != Language.ZH:
        return
    from yiwen.glossary.pinyin import is_pinyin

    keep: set[str] = set()
    if ctx.glossary is not None:
        for m in ctx.glossary.find(ctx.document.prose):
            keep.add(m.text.lower())
    for start, text in ctx.paragraphs(Language.ZH, Language.MIXED):
        for m in _LATIN_RUN.finditer(text):
            words = m.group(0).split()
            if m.group(0).lower() in keep:
                continue
            # Acronyms, units and capitalised pinyin names are kept in Chinese text by design.
            if all(w.isupper() or len(w) <= 2 or (w[0].isupper() and is_pinyin(w)) for w in words):
                continue
            yield ctx.finding(untranslated_english, start + m.start(), start + m.end())


# Inline Markdown structure a translation must carry over: links, bold, inline code, images;
# each with the strings any match of it contains (most paragraphs have none: no regex runs).
_MARKUP = {
    "link": (re.compile(r"(?<!!)\[[^\]\n]*\]\("), ("](",)),
    "image": (re.compile(r"!\[[^\]\n]*\]\("), ("](",)),
    "bold": (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), ("**", "__")),
    "inline code": (re.compile(r"`[^`\n]+`"), ("`",)),
}


@rule(
    "B008",
    "markup-lost",
    Severity.WARNING,
    "The source paragraph has {detail}",
    explanation="""A Markdown source paragraph and its translation should carry the same inline
structure: links, images, bold text and inline code. A translation engine, or a translator
pasting plain text, drops them; this compares the counts in each aligned paragraph.""",
    bad="source: 详见[官网](https://example.org) → draft: see the website",
    good="see the [website](https://example.org)",
    needs_source=True,
)
def markup_lost(ctx: RuleContext) -> Iterator[Finding]:
    """Compare links, images, bold and inline code per aligned paragraph of two Markdown files."""
    if ctx.source is None or ctx.source.format != "md" or ctx.document.format != "md":
        return
    marks = {m for _, ms in _MARKUP.values() for m in ms}
    if not any(m in ctx.source.text or m in ctx.document.text for m in marks):
        return  # no markup anywhere in either file: no paragraph pair can differ
    p = _pairing(ctx)
    for bead in p.beads:
        if not bead.source or not bead.target:
            continue
        src = " ".join(
            p.source.doc.text[p.source.paragraphs[i].start : p.source.paragraphs[i].end]
            for i in bead.source
        )
        first = p.draft.paragraphs[bead.target[0]]
        last = p.draft.paragraphs[bead.target[-1]]
        tgt = ctx.document.text[first.start : last.end]
        lost = []
        for name, (pattern, marks) in _MARKUP.items():
            if not any(m in src or m in tgt for m in marks):
                continue
            a, b = len(pattern.findall(src)), len(pattern.findall(tgt))
            if a != b:
                lost.append(f"{a} {name}{'' if a == 1 else 's'}, the draft {b}")
        if lost:
            yield ctx.finding(
                markup_lost,
                first.start,
                last.end,
                detail="; ".join(lost),
                source=p.source.ref(p.source.paragraphs[bead.source[0]].start),
            )
