"""jieba's part-of-speech tags exactly as `jieba.posseg.cut` gives them, paying only for what is asked.

`posseg.cut` spends nearly all its time in one place: the HMM it runs over every stretch of
characters that its dictionary does not cover (names, new words). The dictionary part (the word
graph and the best route through it) is cheap and shared with `jieba.cut`. So `pieces(text)`
walks the text the way posseg does but leaves each unknown stretch untagged (flag None), and
`tag_stretch(stretch)` tags one stretch on demand with the same HMM. A caller expands only the
stretches it needs; expanding every one gives posseg's output token for token
(`reference_tokens` is posseg itself, kept to prove that).

The Viterbi search here is jieba's (`jieba/posseg/viterbi.py`: same model, same arithmetic,
same tie-breaking), minus the work that cannot change the result: jieba scores every pair of
(previous, next) states and lets impossible transitions score minus infinity; here each state
looks only at the previous states that can lead to it, about a quarter of the pairs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache, lru_cache
from math import log
from typing import Any

# jieba's floor for an unseen emission (jieba/posseg/viterbi.py MIN_FLOAT).
_MIN_FLOAT = -3.14e100

Token = tuple[int, str, str]
Piece = tuple[int, str, "str | None"]


@cache
def _posseg() -> Any:
    """Import and initialise jieba and its tagger once per process, without start-up chatter."""
    import jieba
    import jieba.posseg as posseg

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()
    return posseg


class _Model:
    """posseg's HMM tables, plus each state's possible predecessors (built once)."""

    def __init__(self, posseg: Any) -> None:
        from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

        self.states: dict[str, tuple[Any, ...]] = char_state_tab_P
        self.start: dict[Any, float] = start_P
        self.emit: dict[Any, dict[str, float]] = emit_P
        self.all_states = tuple(trans_P)
        self.next: dict[Any, frozenset[Any]] = {s: frozenset(t) for s, t in trans_P.items()}
        preds: dict[Any, dict[Any, float]] = {s: {} for s in trans_P}
        for before, targets in trans_P.items():
            for after, p in targets.items():
                preds.setdefault(after, {})[before] = p
        self.preds = preds


@cache
def _model() -> _Model:
    """Return the HMM tables, built on first use."""
    return _Model(_posseg())


def viterbi(obs: str) -> list[Any]:
    """Return the best (BMES, tag) state of each character of `obs`: jieba's posseg Viterbi.

    Same scores, same order of additions and the same tie-break (the greater state wins a tie,
    as with jieba's `max` over (score, state) tuples), so the same route as jieba's.
    """
    m = _model()
    states, emit, preds, nexts = m.states, m.emit, m.preds, m.next
    c = obs[0]
    score = {y: m.start[y] + emit[y].get(c, _MIN_FLOAT) for y in states.get(c, m.all_states)}
    back: list[dict[Any, Any]] = []
    for c in obs[1:]:
        reachable: set[Any] = set().union(*[nexts[s] for s in score])
        candidates = reachable.intersection(states.get(c, m.all_states)) or reachable
        new: dict[Any, float] = {}
        came: dict[Any, Any] = {}
        before = score.keys()
        for y in candidates:
            e = emit[y].get(c, _MIN_FLOAT)
            p = preds[y]
            # jieba adds trans_p[y0].get(y, -inf) for every y0: those without the transition
            # score -inf and can never win while one with it exists (always, by construction).
            new[y], came[y] = max([(score[s] + p[s] + e, s) for s in p.keys() & before])
        back.append(came)
        score = new
    _, state = max([(v, s) for s, v in score.items()])
    route = [state] * len(obs)
    for i in range(len(obs) - 1, 0, -1):
        state = back[i - 1][state]
        route[i - 1] = state
    return route


def _cut_han(run: str) -> list[tuple[str, str]]:
    """Tag one run of Han characters with the HMM (posseg's `__cut`)."""
    route = viterbi(run)
    out: list[tuple[str, str]] = []
    begin = nexti = 0
    for i, char in enumerate(run):
        bmes, flag = route[i]
        if bmes == "B":
            begin = i
        elif bmes == "E":
            out.append((run[begin : i + 1], flag))
            nexti = i + 1
        elif bmes == "S":
            out.append((char, flag))
            nexti = i + 1
    if nexti < len(run):
        out.append((run[nexti:], route[nexti][1]))
    return out


@lru_cache(maxsize=8192)
def tag_stretch(stretch: str) -> tuple[tuple[str, str], ...]:
    """Tag one unknown stretch of `pieces` as posseg does: (word, flag) pairs (posseg's `__cut_detail`).

    Cached: the same stretches (a person's name, a new term) recur through an article.
    """
    posseg = _posseg()
    out: list[tuple[str, str]] = []
    for blk in posseg.re_han_detail.split(stretch):
        if posseg.re_han_detail.match(blk):
            out += _cut_han(blk)
            continue
        for x in posseg.re_skip_detail.split(blk):
            if x:
                out.append(
                    (x, "m" if posseg.re_num.match(x) else "eng" if posseg.re_eng.match(x) else "x")
                )
    return tuple(out)


def pieces(text: str, keep: frozenset[str] | None = None) -> list[Piece]:
    """Return posseg's tokens of `text` as (start, word, flag), unknown stretches left whole.

    An unknown stretch (a run of characters the dictionary route leaves single, which posseg
    would hand to its HMM) comes as one piece with flag None; `tag_stretch` tags it. With
    `keep`, a block (a run of Han and alphanumeric characters, which posseg segments on its
    own) holding none of those characters is not segmented: it comes as one piece flagged "x".
    """
    posseg = _posseg()
    tagger = posseg.dt
    tagger.makesure_userdict_loaded()
    tagger.tokenizer.check_initialized()
    tags: dict[str, str] = tagger.word_tag_tab
    out: list[Piece] = []
    at = 0
    for blk in posseg.re_han_internal.split(text):
        if not posseg.re_han_internal.match(blk):
            _cut_other(posseg, blk, at, out)
        elif keep is None or not keep.isdisjoint(blk):
            _cut_block(tagger.tokenizer, tags, blk, at, out)
        else:
            out.append((at, blk, "x"))
        at += len(blk)
    return out


def _cut_other(posseg: Any, blk: str, at: int, out: list[Piece]) -> None:
    """Append the tokens of a block between Han blocks: spaces whole, anything else by character."""
    for x in posseg.re_skip_internal.split(blk):
        if posseg.re_skip_internal.match(x):
            out.append((at, x, "x"))
            at += len(x)
            continue
        eng = posseg.re_eng.match(x)  # posseg tests the whole run here, not the character
        for ch in x:
            out.append((at, ch, "m" if posseg.re_num.match(ch) else "eng" if eng else "x"))
            at += 1


def _cut_block(tokenizer: Any, tags: dict[str, str], blk: str, at: int, out: list[Piece]) -> None:
    """Append the pieces of one Han/alphanumeric block (posseg's `__cut_DAG`) starting at `at`."""
    freq = tokenizer.FREQ
    step = _route(freq, log(tokenizer.total), blk)
    x, n, buf_start = 0, len(blk), 0
    while x < n:
        y = step[x] + 1
        if y - x > 1:
            if buf_start < x:
                _flush(freq, tags, blk[buf_start:x], at + buf_start, out)
            word = blk[x:y]
            out.append((at + x, word, tags.get(word, "x")))
            buf_start = y
        x = y
    if buf_start < n:
        _flush(freq, tags, blk[buf_start:], at + buf_start, out)


def _route(freq: dict[str, int], logtotal: float, blk: str) -> list[int]:
    """Return, for each position of `blk`, where the best dictionary word from it ends.

    jieba's `get_DAG` and `calc` in one pass (same words, same scores, same tie-break), without
    building the word graph as a dict of lists first.
    """
    n = len(blk)
    best = [0.0] * (n + 1)
    step = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        cands = []
        i, frag = k, blk[k]
        while i < n and frag in freq:
            f = freq[frag]
            if f:
                cands.append((log(f) - logtotal + best[i + 1], i))
            i += 1
            frag = blk[k : i + 1]
        if cands:
            best[k], step[k] = max(cands)
        else:  # no word starts here: the character alone, frequency 1 (log 1 = 0)
            best[k], step[k] = 0.0 - logtotal + best[k + 1], k
    return step


def _flush(freq: dict[str, int], tags: dict[str, str], buf: str, at: int, out: list[Piece]) -> None:
    """Emit a run of single characters as posseg does: known, each alone, or one unknown stretch."""
    if len(buf) == 1:
        out.append((at, buf, tags.get(buf, "x")))
    elif not freq.get(buf):
        out.append((at, buf, None))
    else:
        out.extend((at + k, ch, tags.get(ch, "x")) for k, ch in enumerate(buf))


def expand(text_pieces: list[Piece], wanted: Callable[[int], bool] | None = None) -> list[Token]:
    """Tag the unknown stretches of `text_pieces` that `wanted(index)` asks for (all when None).

    A stretch not wanted stays one token flagged "x".
    """
    out: list[Token] = []
    for i, (start, word, flag) in enumerate(text_pieces):
        if flag is not None:
            out.append((start, word, flag))
        elif wanted is None or wanted(i):
            for w, f in tag_stretch(word):
                out.append((start, w, f))
                start += len(w)
        else:
            out.append((start, word, "x"))
    return out


def reference_tokens(text: str) -> list[Token]:
    """Return (start, word, flag) for every token of `jieba.posseg.cut(text)`: the reference."""
    out: list[Token] = []
    pos = 0
    for pair in _posseg().cut(text):
        word, flag = pair.word, pair.flag
        at = text.find(word, pos)
        if at < 0:  # jieba dropped or changed something: resynchronise on the next token
            continue
        out.append((at, word, flag))
        pos = at + len(word)
    return out
