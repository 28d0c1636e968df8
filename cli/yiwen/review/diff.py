"""Diff two versions of an article the way an editor reads them.

Paragraphs are aligned first (difflib over paragraph texts, then replaced blocks paired up by
similarity) so a moved or inserted paragraph stays one clean block; paired paragraphs are then
diffed word by word (English) or character by character (Chinese). Tokens carry their trailing
whitespace, so joining a paragraph's ops gives back its exact text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from yiwen.document.language import detect_language
from yiwen.document.segment import split_paragraphs
from yiwen.models import Language

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# One Han character, or a run of letters/digits (with inner apostrophes and hyphens), or one
# punctuation mark — each followed by the whitespace after it.
_TOKEN = re.compile(rf"([{_HAN}]|[^\W{_HAN}]+(?:['’\-][^\W{_HAN}]+)*|[^\w\s])(\s*)")
# Paired paragraphs must be at least this similar (0-1) to be shown as one edited paragraph.
PAIR_THRESHOLD = 0.5
_PAIR_DP_LIMIT = 2500  # cells; larger replaced blocks are paired greedily in order


@dataclass(frozen=True)
class Op:
    """One step inside a paragraph: equal, insert, delete or replace, with the texts."""

    tag: str
    old: str
    new: str
    old_tokens: int = 0
    new_tokens: int = 0


@dataclass(frozen=True)
class ParaDiff:
    """One aligned paragraph pair: equal, replace (edited), insert, delete, or a moved one."""

    tag: str  # equal | replace | insert | delete
    old_index: int | None
    new_index: int | None
    old: str
    new: str
    ops: tuple[Op, ...] = ()
    moved: bool = False  # an insert/delete whose exact text appears on the other side


@dataclass
class DocDiff:
    """The whole comparison: aligned paragraphs and what the tokens were."""

    old: str
    new: str
    language: Language
    paragraphs: list[ParaDiff] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        """True when the two texts are exactly the same."""
        return self.old == self.new

    @property
    def unit(self) -> str:
        """'characters' for Chinese, else 'words'."""
        return "characters" if self.language == Language.ZH else "words"


@dataclass(frozen=True)
class DiffStats:
    """Post-editing figures: tokens inserted, deleted, substituted, % changed, TER."""

    unit: str
    old_tokens: int
    new_tokens: int
    inserted: int
    deleted: int
    substituted: int
    moved: int
    percent_changed: float
    ter: float | None

    def as_dict(self) -> dict[str, object]:
        """Return the figures as a plain dict (for JSON)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def tokenize(text: str) -> list[str]:
    """Split text into tokens (word, Han character or punctuation) each with trailing space."""
    out = [m.group(0) for m in _TOKEN.finditer(text)]
    lead = len(text) - len(text.lstrip())
    if lead:  # leading whitespace rides on the first token so the tokens join back exactly
        if out:
            out[0] = text[:lead] + out[0]
        else:
            out.append(text[:lead])
    return out


def _space(token: str) -> str:
    """The class of a token's trailing whitespace: none, a space, or a run of spaces.

    A line break counts as a space (re-wrapped text is not a change) but a run of spaces does
    not ("two  spaces" fixed to one is a change an editor should see).
    """
    ws = token[len(token.rstrip()) :]
    if not ws:
        return ""
    return " " if "\n" in ws or len(ws) == 1 else "  "


def paragraphs_of(text: str) -> list[str]:
    """Split text into paragraphs (blank lines; one-line Chinese paragraphs), exact slices."""
    return [text[s:e] for s, e in split_paragraphs(text, text)]


def diff_paragraph(old: str, new: str) -> tuple[Op, ...]:
    """Diff two paragraphs token by token; whitespace differences alone are not changes."""
    a, b = tokenize(old), tokenize(new)
    ka, kb = [t.strip() for t in a], [t.strip() for t in b]
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag != "equal":
            ops.append(Op(tag, "".join(a[i1:i2]), "".join(b[j1:j2]), i2 - i1, j2 - j1))
            continue
        # Same words: split out the tokens whose spacing changed ("Dr.Wang" -> "Dr. Wang").
        run = i1
        for k in range(i2 - i1):
            if _space(a[i1 + k]) != _space(b[j1 + k]):
                if run < i1 + k:
                    ops.append(_equal(a, b, run, i1 + k, j1 + (run - i1)))
                ops.append(Op("replace", a[i1 + k], b[j1 + k], 1, 1))
                run = i1 + k + 1
        if run < i2:
            ops.append(_equal(a, b, run, i2, j1 + (run - i1)))
    return tuple(ops)


def _equal(a: list[str], b: list[str], i1: int, i2: int, j1: int) -> Op:
    n = i2 - i1
    return Op("equal", "".join(a[i1:i2]), "".join(b[j1 : j1 + n]), n, n)


def spacing_only(op: Op) -> bool:
    """True for an op that changes only the spaces between the same tokens."""
    return op.tag == "replace" and [t.strip() for t in tokenize(op.old)] == [
        t.strip() for t in tokenize(op.new)
    ]


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100.0


def _pair(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pair paragraphs of a replaced block in order, maximising total similarity."""
    n, m = len(old), len(new)
    if n * m > _PAIR_DP_LIMIT:
        pairs: list[tuple[int | None, int | None]] = []
        j = 0
        for i in range(n):
            if j < m and _similarity(old[i], new[j]) >= PAIR_THRESHOLD:
                pairs.append((i, j))
                j += 1
            else:
                pairs.append((i, None))
        pairs.extend((None, k) for k in range(j, m))
        return pairs
    sim = [[_similarity(old[i], new[j]) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= PAIR_THRESHOLD else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= PAIR_THRESHOLD and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out.extend((k, None) for k in range(i, n))
    out.extend((None, k) for k in range(j, m))
    return out


def align(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes for two sequences, anchored on items unique to both (patience).

    SequenceMatcher alone is quadratic when edits are spread through a long article; anchoring
    on the longest increasing run of unique shared paragraphs first keeps it near-linear, and
    SequenceMatcher only aligns the short stretches between anchors.
    """
    count_a: dict[str, int] = {}
    count_b: dict[str, int] = {}
    for x in a:
        count_a[x] = count_a.get(x, 0) + 1
    where_b: dict[str, int] = {}
    for j, x in enumerate(b):
        count_b[x] = count_b.get(x, 0) + 1
        where_b[x] = j
    pairs = [(i, where_b[x]) for i, x in enumerate(a) if count_a[x] == 1 and count_b.get(x) == 1]
    anchors = _longest_increasing(pairs)
    ops: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj in [*anchors, (len(a), len(b))]:
        if i < ai or j < bj:
            sm = SequenceMatcher(None, list(a[i:ai]), list(b[j:bj]), autojunk=False)
            for tag, i1, i2, j1, j2 in sm.get_opcodes():
                _push(ops, tag, i + i1, i + i2, j + j1, j + j2)
        if ai < len(a):
            _push(ops, "equal", ai, ai + 1, bj, bj + 1)
        i, j = ai + 1, bj + 1
    return ops


def _push(ops: list[tuple[str, int, int, int, int]], tag: str, i1: int, i2: int, j1: int, j2: int):
    if ops and ops[-1][0] == tag == "equal":
        ops[-1] = ("equal", ops[-1][1], i2, ops[-1][3], j2)
    else:
        ops.append((tag, i1, i2, j1, j2))


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    tails: list[int] = []  # tails[k] = smallest j ending an increasing run of length k+1
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_idx.append(n)
        else:
            tails[k] = j
            tail_idx[k] = n
        prev[n] = tail_idx[k - 1] if k else -1
    out = []
    n = tail_idx[-1] if tail_idx else -1
    while n != -1:
        out.append(pairs[n])
        n = prev[n]
    return out[::-1]


def diff_paragraph_lists(old: Sequence[str], new: Sequence[str]) -> list[ParaDiff]:
    """Align two lists of paragraphs, then diff each edited pair token by token."""
    out: list[ParaDiff] = []
    for tag, i1, i2, j1, j2 in align(old, new):
        if tag == "equal":
            out.extend(
                ParaDiff("equal", i1 + k, j1 + k, old[i1 + k], new[j1 + k]) for k in range(i2 - i1)
            )
            continue
        for pi, pj in _pair(old[i1:i2], new[j1:j2]):
            if pi is not None and pj is not None:
                a, b = old[i1 + pi], new[j1 + pj]
                out.append(ParaDiff("replace", i1 + pi, j1 + pj, a, b, diff_paragraph(a, b)))
            elif pi is not None:
                out.append(ParaDiff("delete", i1 + pi, None, old[i1 + pi], ""))
            else:
                assert pj is not None
                out.append(ParaDiff("insert", None, j1 + pj, "", new[j1 + pj]))
    _mark_moves(out)
    return out


def _mark_moves(paras: list[ParaDiff]) -> None:
    deleted: dict[str, list[int]] = {}
    for k, p in enumerate(paras):
        if p.tag == "delete":
            deleted.setdefault(p.old, []).append(k)
    if not deleted:
        return
    for k, p in enumerate(paras):
        if p.tag == "insert" and deleted.get(p.new):
            d = deleted[p.new].pop(0)
            paras[d] = ParaDiff(
                "delete", paras[d].old_index, None, paras[d].old, "", paras[d].ops, True
            )
            paras[k] = ParaDiff("insert", None, p.new_index, "", p.new, p.ops, True)


def diff_texts(old: str, new: str, language: Language | None = None) -> DocDiff:
    """Diff two texts: paragraphs aligned first, then words (en) or characters (zh)."""
    if language is None:
        language = detect_language(new[:20000] or old[:20000])
    paras = diff_paragraph_lists(paragraphs_of(old), paragraphs_of(new))
    return DocDiff(old, new, language, paras)


def _count(text: str) -> int:
    return len(_TOKEN.findall(text))


def diff_stats(d: DocDiff, ter: bool = True) -> DiffStats:
    """Count tokens inserted, deleted and substituted; % changed; TER (old = hypothesis).

    A replaced run of n old and m new tokens is min(n, m) substitutions plus the surplus as
    insertions or deletions. Moved paragraphs count as moved, not as inserted and deleted.
    `percent_changed` = changed / (unchanged + changed) aligned positions, so it stays ≤ 100.
    """
    ins = dele = sub = equal = moved = 0
    for p in d.paragraphs:
        if p.tag == "equal":
            equal += _count(p.old)
        elif p.moved:
            moved += _count(p.old)  # counted once, on the side it left
        elif p.tag == "insert":
            ins += _count(p.new)
        elif p.tag == "delete":
            dele += _count(p.old)
        else:
            for op in p.ops:
                if op.tag == "equal" or spacing_only(op):
                    equal += op.old_tokens
                elif op.tag == "insert":
                    ins += op.new_tokens
                elif op.tag == "delete":
                    dele += op.old_tokens
                else:
                    s = min(op.old_tokens, op.new_tokens)
                    sub += s
                    dele += op.old_tokens - s
                    ins += op.new_tokens - s
    changed = ins + dele + sub
    total = equal + moved + changed
    pct = 100.0 * changed / total if total else 0.0
    return DiffStats(
        d.unit,
        _count(d.old),
        _count(d.new),
        ins,
        dele,
        sub,
        moved,
        round(pct, 2),
        translation_edit_rate(d) if ter else None,
    )


def translation_edit_rate(d: DocDiff) -> float:
    """TER (sacrebleu) of the old text against the new as reference, over aligned paragraphs.

    Only changed pairs go through sacrebleu (TER is costly); unchanged paragraphs add their
    reference length with zero edits, which is what TER over all segments would give.
    """
    from sacrebleu.metrics import TER

    metric = TER(normalized=True, asian_support=True, case_sensitive=True)
    hyps, refs = [], []
    same = 0
    for p in d.paragraphs:
        if p.tag == "equal":
            same += len(metric.tokenizer(p.new.rstrip()).split())
        else:
            hyps.append(p.old)
            refs.append(p.new)
    edits, ref_len = 0.0, 0.0
    if hyps:
        score = metric.corpus_score(hyps, [refs])
        edits, ref_len = score.num_edits, score.ref_length
    total = ref_len + same
    if total:
        return round(100.0 * edits / total, 2)
    return 100.0 if edits else 0.0
