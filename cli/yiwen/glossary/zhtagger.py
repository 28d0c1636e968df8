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

The dictionary route reads jieba's dictionary, but `jieba.initialize()` unmarshals all of it
(498k entries, 0.6 s) and `import jieba.posseg` reads dict.txt again for the tags (0.2 s). So
`_Lexicon` keeps the same entries grouped by first character in one file in yiwen's cache
folder (built once from jieba itself, rebuilt when jieba's dict.txt changes or the file is
unreadable) and reads a group only when a character of it is first seen; the HMM tables
are read from jieba's files without importing `jieba.posseg`. Both assume jieba's default
dictionary, untouched (`jieba.add_word`, user dictionaries), as yiwen uses it.
"""

from __future__ import annotations

import marshal
import re
import threading
from collections.abc import Container, Iterable
from functools import cache, lru_cache
from importlib.util import module_from_spec, spec_from_file_location
from math import log
from pathlib import Path
from typing import Any

from yiwen.glossary.cachefile import load_or_build, package_dir, read_checked, stamp

# jieba's floor for an unseen emission (jieba/posseg/viterbi.py MIN_FLOAT).
_MIN_FLOAT = -3.14e100

# Below every route score: "no word found yet".
_NO_WORD = float("-inf")

# posseg's patterns (jieba/posseg/__init__.py), copied so that cutting needs no jieba import;
# tests/names/test_zhtagger_lexicon.py checks they are still posseg's.
RE_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
RE_HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
RE_SKIP_INTERNAL = re.compile("(\r\n|\\s)")
RE_ENG = re.compile("[a-zA-Z0-9]+")
RE_NUM = re.compile(r"[\.0-9]+")

# Bump when the layout of the lexicon file changes.
_LEXICON_FORMAT = 3

Token = tuple[int, str, str]
Piece = tuple[int, str, "str | None"]


@cache
def _posseg() -> Any:
    """Import and initialise jieba and its tagger once per process, without start-up chatter."""
    import logging

    import jieba
    import jieba.posseg as posseg

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.initialize()
    return posseg


def _jieba_dir() -> Path:
    """Return jieba's package folder, found without importing jieba (its import costs 0.1 s)."""
    return package_dir("jieba")


class _Lexicon:
    """jieba's dictionary entries as route scores and tags, read one first character at a time.

    `logp[entry]` is jieba's score of a word, log(freq) - log(total), or 0.0 for an entry that
    is only the prefix of longer words (jieba's frequency 0); `tags[word]` is posseg's tag;
    `firsts[ch]` is (logp[ch], {next character: logp of the two}), the first two steps of the
    route from any position, looked up with one-character keys in small tables. All three
    hold only the groups `load` has read: a character missing from `firsts` must be loaded
    before the absence of an entry starting with it means anything.
    """

    def __init__(self, total: int, groups: dict[str, bytes]) -> None:
        self.logtotal = log(total)
        # first character -> marshal of ({entry: score}, {word: tag}, {next character: score})
        self.groups = groups
        self.logp: dict[str, float] = {}
        self.tags: dict[str, str] = {}
        self.firsts: dict[str, tuple[float, dict[str, float]]] = {}
        self._lock = threading.Lock()  # a thread must not see a group half read

    def load(self, ch: str) -> None:
        """Read the entries that start with `ch`, once; after it `firsts` holds `ch` in any case.

        A character that starts no entry scores 0.0 there, like a prefix that starts no word:
        to the route both are a lone character.
        """
        with self._lock:
            group = self.groups.pop(ch, None)
            if group is None:
                self.firsts.setdefault(ch, (0.0, {}))
                return
            scores, tags, seconds = marshal.loads(group)
            self.logp.update(scores)
            self.tags.update(tags)
            self.firsts[ch] = (scores[ch], seconds)  # last: jieba holds every prefix of a word


def _lexicon_key() -> list[Any]:
    """Say which jieba dictionary a lexicon file was built from (format, dict.txt path, size, time)."""
    return [_LEXICON_FORMAT, *stamp(_jieba_dir() / "dict.txt")]


def lexicon_path() -> Path:
    """Return where the lexicon file lives: yiwen's cache folder."""
    from yiwen.cachedir import cache_dir

    return cache_dir() / f"jieba-lexicon-{_LEXICON_FORMAT}.marshal"


def _build_lexicon_data() -> tuple[int, dict[str, bytes]]:
    """Group jieba's own loaded dictionary (scores and posseg's tags) by first character."""
    posseg = _posseg()
    tokenizer = posseg.dt.tokenizer
    word_tags: dict[str, str] = posseg.dt.word_tag_tab
    logtotal = log(tokenizer.total)
    groups: dict[str, tuple[dict[str, float], dict[str, str], dict[str, float]]] = {}
    for word, freq in tokenizer.FREQ.items():
        scores, tags, seconds = groups.setdefault(word[0], ({}, {}, {}))
        # jieba's calc: log(FREQ.get(word) or 1) - logtotal, the same operations in the same
        # order; marshal keeps the float bit for bit.
        scores[word] = log(freq) - logtotal if freq else 0.0
        if len(word) == 2:
            seconds[word[1]] = scores[word]
        if word in word_tags:
            tags[word] = word_tags[word]
    return tokenizer.total, {ch: marshal.dumps(group) for ch, group in groups.items()}


def _valid_lexicon(total: Any, groups: Any) -> bool:
    """True when a lexicon file's (head, body) has the shape (total, groups) should have."""
    return isinstance(total, int) and isinstance(groups, dict)


def _read_lexicon(path: Path, key: list[Any]) -> tuple[int, dict[str, bytes]] | None:
    """Return (total, groups) from a lexicon file built for `key`, or None if it is not one."""
    data = read_checked(path, key)
    return data if data is not None and _valid_lexicon(*data) else None


@cache
def _lexicon() -> _Lexicon:
    """Return jieba's dictionary from the lexicon file, building the file first if need be."""
    return _Lexicon(
        *load_or_build(lexicon_path(), _lexicon_key(), _build_lexicon_data, _valid_lexicon)
    )


def _hmm_table(name: str) -> Any:
    """Return the table `P` of jieba/posseg/NAME.py, read without importing jieba.posseg."""
    spec = spec_from_file_location(f"_yiwen_jieba_{name}", _jieba_dir() / "posseg" / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot read jieba's posseg/{name}.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


class _Model:
    """posseg's HMM tables, plus each state's possible predecessors (built once)."""

    def __init__(self) -> None:
        trans_P: dict[Any, dict[Any, float]] = _hmm_table("prob_trans")
        self.states: dict[str, tuple[Any, ...]] = _hmm_table("char_state_tab")
        self.start: dict[Any, float] = _hmm_table("prob_start")
        self.emit: dict[Any, dict[str, float]] = _hmm_table("prob_emit")
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
    return _Model()


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
    out: list[tuple[str, str]] = []
    for blk in RE_HAN_DETAIL.split(stretch):
        if RE_HAN_DETAIL.match(blk):
            out += _cut_han(blk)
            continue
        for x in RE_SKIP_DETAIL.split(blk):
            if x:
                out.append((x, "m" if RE_NUM.match(x) else "eng" if RE_ENG.match(x) else "x"))
    return tuple(out)


def pieces(
    text: str,
    keep: frozenset[str] | None = None,
    *,
    stretches: list[int] | None = None,
    heads: list[int] | None = None,
) -> list[Piece]:
    """Return posseg's tokens of `text` as (start, word, flag), unknown stretches left whole.

    An unknown stretch (a run of characters the dictionary route leaves single, which posseg
    would hand to its HMM) comes as one piece with flag None; `tag_stretch` tags it. With
    `keep`, a block (a run of Han and alphanumeric characters, which posseg segments on its
    own) holding none of those characters is not segmented: it comes as one piece flagged "x",
    and so does each run of text between blocks (punctuation, spaces), which posseg cuts into
    one "x" token per character or space. When given, `stretches` receives the index of each
    unknown stretch and `heads` (with `keep`) the index of each piece that starts with a
    character of `keep` and is not a stretch.
    """
    lexicon = _lexicon()
    out: list[Piece] = []
    at = 0
    # split() with one group alternates text between blocks (even) and blocks (odd), which is
    # what posseg tells apart with a second match() per piece.
    for odd, blk in enumerate(RE_HAN_INTERNAL.split(text)):
        if not odd & 1:
            if not blk:
                continue
            if keep is None:
                _cut_other(blk, at, out)
            else:
                out.append((at, blk, "x"))
        elif keep is None:
            _cut_block(lexicon, blk, at, out, stretches, None, frozenset())
        elif not keep.isdisjoint(blk):
            _cut_block(lexicon, blk, at, out, stretches, heads, keep)
        else:
            out.append((at, blk, "x"))
        at += len(blk)
    return out


def _cut_other(blk: str, at: int, out: list[Piece]) -> None:
    """Append the tokens of text between blocks: spaces and line breaks whole, the rest by character.

    posseg flags a character "m" when it is a digit or ".", "eng" when the run it is in starts
    with an ASCII letter or digit, else "x"; a block holds every such character, so text
    between blocks is all "x".
    """
    for odd, x in enumerate(RE_SKIP_INTERNAL.split(blk)):
        if odd & 1:  # a space or line break (the split's group)
            out.append((at, x, "x"))
            at += len(x)
            continue
        for ch in x:
            out.append((at, ch, "x"))
            at += 1


def _cut_block(
    lexicon: _Lexicon,
    blk: str,
    at: int,
    out: list[Piece],
    stretches: list[int] | None,
    heads: list[int] | None,
    keep: frozenset[str],
) -> None:
    """Append the pieces of one Han/alphanumeric block (posseg's `__cut_DAG`) starting at `at`.

    The route's words of two or more characters are tokens as they are; a run of single
    characters between them is one token when it is one character, one unknown stretch when
    it is not a word, else one token per character (jieba: `FREQ.get(buf)`), as posseg does.
    """
    step = _route(lexicon, blk)
    tags = lexicon.tags
    logp = lexicon.logp
    append = out.append
    mark = heads.append if heads is not None else None
    x = run = 0  # run: where the current run of single characters began
    n = len(blk)
    while x <= n:
        y = step[x] if x < n else n + 2  # past the end: flush the last run
        if y - x > 1:
            if run < x:
                if x - run == 1 or logp.get(blk[run:x]):  # known single characters
                    for k in range(run, x):
                        if mark and blk[k] in keep:
                            mark(len(out))
                        append((at + k, blk[k], tags.get(blk[k], "x")))
                else:
                    if stretches is not None:
                        stretches.append(len(out))
                    append((at + run, blk[run:x], None))
            if x < n:
                word = blk[x:y]
                if mark and blk[x] in keep:
                    mark(len(out))
                append((at + x, word, tags.get(word, "x")))
            run = y
        x = y


def _route(lexicon: _Lexicon, blk: str) -> list[int]:
    """Return, for each position of `blk`, where the best dictionary word from it ends (exclusive).

    jieba's `get_DAG` and `calc` in one pass: the same words (every entry from the position on
    until the text stops being a prefix of one), the same scores added in the same order and
    the same tie-break (of equal scores the longer word wins, as with jieba's `max` over
    (score, end) tuples).
    """
    get = lexicon.logp.get
    firsts = lexicon.firsts
    first = firsts.get
    lone = 0.0 - lexicon.logtotal  # a character no word starts at: frequency 1, log 1 = 0
    n = len(blk)
    last = n - 1
    best = [0.0] * (n + 1)
    step = list(range(1, n + 2))
    after = 0.0  # best[k + 1]
    for k in range(last, -1, -1):
        entry = first(blk[k])
        if entry is None:  # first sight of this character
            lexicon.load(blk[k])
            entry = firsts[blk[k]]
        v, seconds = entry
        w = seconds.get(blk[k + 1]) if k < last else None
        if w is None:  # no longer entry: the character alone, a word or not
            after = best[k] = v + after if v else lone + after
            continue
        # The character alone is a candidate when it is a word; any longer word that scores
        # at least as well wins (every score is finite, so any word beats -inf).
        top = v + after if v else _NO_WORD
        end = k + 1
        i = k + 2
        while True:
            if w:
                score = w + best[i]
                if score >= top:
                    top, end = score, i
            i += 1
            if i > n:
                break
            w = get(blk[k:i])
            if w is None:
                break
        after = best[k] = top if top != _NO_WORD else lone + after
        step[k] = end
    return step


def expand(
    text_pieces: list[Piece],
    wanted: Container[int] | None = None,
    stretches: Iterable[int] | None = None,
) -> list[Token]:
    """Tag the unknown stretches of `text_pieces` whose index is in `wanted` (all when None).

    A stretch not wanted stays one token flagged "x". `stretches`, the indices of all the
    unknown stretches in order, saves looking for them when the caller knows them.
    """
    if stretches is None:
        stretches = [i for i, piece in enumerate(text_pieces) if piece[2] is None]
    out: list[Any] = []
    done = 0
    for i in stretches:
        out += text_pieces[done:i]  # known tokens, as they are
        start, word, _ = text_pieces[i]
        if wanted is None or i in wanted:
            for w, f in tag_stretch(word):
                out.append((start, w, f))
                start += len(w)
        else:
            out.append((start, word, "x"))
        done = i + 1
    out += text_pieces[done:]
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
