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

The dictionary route (`route_blocks`) joins the blocks it needs into one string and routes
them in one pass, each on its own, with what each position needs from the dictionary looked
up in C beforehand. It reads jieba's dictionary, but `jieba.initialize()` unmarshals all of
it (498k entries, 0.6 s) and `import jieba.posseg` reads dict.txt again for the tags (0.2 s). So
`_Lexicon` keeps the same entries grouped by first character in one file in yiwen's cache
folder (built once from jieba itself, rebuilt when jieba's dict.txt changes or the file is
unreadable) and reads a group only when a character of it is first seen; the HMM tables
are read from jieba's files without importing `jieba.posseg`. Both assume jieba's default
dictionary, untouched (`jieba.add_word`, user dictionaries), as yiwen uses it.
"""

from __future__ import annotations

import marshal
import re
import sys
import threading
from collections.abc import Callable, Container, Iterable, Mapping
from functools import cache, lru_cache
from heapq import merge
from importlib.util import module_from_spec, spec_from_file_location
from itertools import islice, repeat
from math import log
from operator import add
from pathlib import Path
from typing import Any

from yiwen.glossary.cachefile import load_or_build, package_dir, read_checked, stamp

# jieba's floor for an unseen emission (jieba/posseg/viterbi.py MIN_FLOAT).
_MIN_FLOAT = -3.14e100

# Below every route score: "no word found yet".
_NO_WORD = float("-inf")

# Joins the blocks of a text into one string for the route: no block holds it, no entry
# starts with it or holds it, so no word reads across it.
_SEP = "\x00"
# How the route reads code points: a block holds only characters of the Basic Multilingual
# Plane (RE_HAN_INTERNAL), one UTF-16 unit each, in the machine's byte order, so that a
# memoryview cast reads one character as a 16-bit int and two as a 32-bit int (`_pair_key`).
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_BMP = 0x10000
# What the route reads at a `_SEP`, where one block ends and the one before starts.
_BLOCK_END = (0.0, _NO_WORD, None)

# posseg's patterns (jieba/posseg/__init__.py), copied so that cutting needs no jieba import;
# tests/names/test_zhtagger_lexicon.py checks they are still posseg's.
RE_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
RE_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
RE_HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
RE_SKIP_INTERNAL = re.compile("(\r\n|\\s)")
RE_ENG = re.compile("[a-zA-Z0-9]+")
RE_NUM = re.compile(r"[\.0-9]+")

# Bump when the layout of the lexicon file changes.
_LEXICON_FORMAT = 5

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


def _pair_key(first: int, second: int) -> int:
    """Key two BMP code points as `_route_joined` reads them: their UTF-16 as one native int."""
    return first | second << 16 if sys.byteorder == "little" else first << 16 | second


class _Lexicon:
    """jieba's dictionary entries as route scores and tags, read one first character at a time.

    `logp[entry]` is jieba's score of a word, log(freq) - log(total), or 0.0 for an entry that
    is only the prefix of longer words (jieba's frequency 0); `tags[word]` is posseg's tag.
    The route reads two tables by code point (ints hash and compare faster than new
    one-character strings): `single[code]`, a list over the BMP, is what a character scores
    alone (its word score, or jieba's frequency-1 score when it is no word), and
    `pairs[_pair_key(a, b)]` is, for every entry of two characters, (its score, the first
    character's word score or -inf, the code points that continue it into a longer entry or
    None). All hold only the groups `load` has read: a character that `single` holds as None
    must be loaded before the absence of an entry starting with it means anything.
    """

    def __init__(self, total: int, groups: dict[str, bytes]) -> None:
        self.logtotal = log(total)
        # A character no word starts at: frequency 1, log 1 = 0 (jieba's calc).
        self.lone = 0.0 - self.logtotal
        # first character -> marshal of its group (`_build_lexicon_data`)
        self.groups = groups
        self.logp: dict[str, float] = {}
        self.tags: dict[str, str] = {}
        self.pairs: dict[int, tuple[float, float, frozenset[int] | None]] = {}
        # The separator that joins blocks (`_SEP`) is read like a character, and never loaded.
        self.single: list[float | None] = [None] * _BMP  # None: not read yet
        self.single[ord(_SEP)] = 0.0
        self._lock = threading.Lock()  # a thread must not see a group half read

    def load(self, ch: str) -> None:
        """Read the entries that start with `ch`, once; after it `single` holds `ch` in any case.

        A character that starts no entry scores as a lone character, like a prefix that
        starts no word: to the route both are a lone character.
        """
        with self._lock:
            group = self.groups.pop(ch, None)
            code = ord(ch)
            if group is None:
                if code < _BMP and self.single[code] is None:
                    self.single[code] = self.lone
                return
            scores, tags, (seconds, continued) = marshal.loads(group)
            self.logp.update(scores)
            self.tags.update(tags)
            if code >= _BMP:
                return  # never in a block: the route never reads it
            first = scores[ch]  # jieba holds every prefix of a word
            if seconds:
                # Each pair as the route reads it: its UTF-16 as one int (`_pair_key`).
                words = list(map(add, repeat(ch), seconds))
                keys = memoryview("".join(words).encode(_UTF16)).cast("I")
                entries = zip(
                    map(scores.__getitem__, words),
                    repeat(first if first else _NO_WORD),  # endless: strict would fail
                    continued,
                    strict=False,
                )
                self.pairs.update(zip(keys, entries, strict=True))
            self.single[code] = first if first else self.lone  # last: the group is all there


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
    # first character -> ({entry: score}, {word: tag}, (second characters, what continues
    # each pair)); the pairs' keys and scores are made at load time, in C (`_Lexicon.load`).
    groups: dict[str, tuple[dict[str, float], dict[str, str], tuple[Any, list[Any]]]] = {}
    thirds: dict[str, set[int]] = {}  # entry of two characters -> what continues it
    for word, freq in tokenizer.FREQ.items():
        scores, tags, _ = groups.setdefault(word[0], ({}, {}, ([], [])))
        # jieba's calc: log(FREQ.get(word) or 1) - logtotal, the same operations in the same
        # order; marshal keeps the float bit for bit.
        scores[word] = log(freq) - logtotal if freq else 0.0
        if word in word_tags:
            tags[word] = word_tags[word]
        if len(word) > 2:
            thirds.setdefault(word[:2], set()).add(ord(word[2]))
    for word in tokenizer.FREQ:
        # jieba holds every prefix: each longer entry has its pair here. The route reads only
        # characters of the BMP.
        if len(word) == 2 and ord(word[0]) < _BMP and ord(word[1]) < _BMP:
            seconds, continued = groups[word[0]][2]
            seconds.append(word[1])
            more = thirds.get(word)
            continued.append(frozenset(more) if more else None)
    for ch, (scores, tags, (seconds, continued)) in groups.items():
        groups[ch] = (scores, tags, ("".join(seconds), continued))  # type: ignore[assignment]
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


class Route:
    """The dictionary route through some blocks of a text: posseg's `__cut_DAG` before tagging.

    A block is a run of Han and alphanumeric characters, which posseg segments on its own.
    The chosen blocks, each followed by `_SEP`, make `joined`, so that one pass reads them
    all: block b is joined[starts[b]:ends[b]] and joined offset k is text offset
    k + shifts[b]. `step[k]` is where the route's word from offset k ends (exclusive);
    `codes` holds the code points of `joined`; `lexicon` is the dictionary read.
    """

    __slots__ = ("codes", "ends", "joined", "lexicon", "shifts", "starts", "step")

    def __init__(self, chosen: list[str], starts: list[int], shifts: list[int]) -> None:
        self.joined = _SEP.join(chosen) + _SEP
        self.starts = starts
        self.ends = list(map(add, starts, map(len, chosen)))
        self.shifts = shifts
        # One lexicon for the route and the pieces: another thread may replace _lexicon()'s.
        self.lexicon = _lexicon()
        self.codes, self.step = _route_joined(self.lexicon, self.joined, self.ends)


def route_blocks(
    text: str, find: re.Pattern[str] | None = None, also: re.Pattern[str] | None = None
) -> Route:
    """Route the blocks of `text` in which `find` or `also` finds something (all when no `find`).

    `also` is only tried on the blocks where `find` finds nothing.
    """
    parts = RE_HAN_INTERNAL.split(text)
    chosen: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    at = len(parts[0])
    j = 0
    search = find.search if find is not None else None
    # split() with one group alternates text between blocks (even) and blocks (odd).
    for blk, gap in zip(islice(parts, 1, None, 2), islice(parts, 2, None, 2), strict=True):
        if search is None or search(blk) or (also is not None and also.search(blk)):
            chosen.append(blk)
            starts.append(j)
            shifts.append(at - j)
            j += len(blk) + 1
        at += len(blk) + len(gap)
    return Route(chosen, starts, shifts)


@cache
def char_class(chars: frozenset[str]) -> re.Pattern[str]:
    """Return a pattern that matches any one of `chars`."""
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")


@cache
def code_points(chars: frozenset[str]) -> frozenset[int]:
    """Return the code points of a set of characters (what `block_pieces` takes as `keep`)."""
    return frozenset(map(ord, chars))


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
    route = route_blocks(text, char_class(keep) if keep is not None else None)
    keep_codes = code_points(keep) if keep is not None else frozenset()
    marks = heads if keep is not None else None
    out: list[Piece] = []
    at = b = 0
    routed = len(route.starts)
    for odd, blk in enumerate(RE_HAN_INTERNAL.split(text)):
        if not odd & 1:
            if blk and keep is None:
                _cut_other(blk, at, out)
            elif blk:
                out.append((at, blk, "x"))
        elif b < routed and route.starts[b] + route.shifts[b] == at:
            block_pieces(route, (b,), out, stretches, marks, keep_codes)
            b += 1
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


def block_pieces(
    route: Route,
    blocks: Iterable[int],
    out: list[Piece],
    stretches: list[int] | None = None,
    heads: list[int] | None = None,
    keep: frozenset[int] = frozenset(),
    *,
    gaps: bool = False,
    reach: int | None = None,
) -> None:
    """Append the pieces of the given blocks of `route` (posseg's `__cut_DAG`), at text offsets.

    The route's words of two or more characters are tokens as they are; a run of single
    characters between them is one token when it is one character, one unknown stretch when
    it is not a word, else one token per character (jieba: `FREQ.get(buf)`), as posseg does.
    `stretches` receives the index in `out` of each unknown stretch, `heads` of each other
    piece that starts with a code point of `keep`. With `gaps`, the text between two of the
    blocks stands as one empty "x" piece.

    With `reach`, only what a reader needs who looks at the pieces that start with a code
    point of `keep` or are stretches holding one, at the piece before each, and at the
    pieces that start at most `reach` characters past its end: every other piece is left
    out, and those the reader sees are the same as with none left out.
    """
    lexicon = route.lexicon
    tags = lexicon.tags
    logp = lexicon.logp
    joined, step, codes = route.joined, route.step, route.codes
    starts, ends, shifts = route.starts, route.ends, route.shifts
    append = out.append
    mark = heads.append if heads is not None and keep else None
    shift = 0

    def put(x: int, y: int, stretch: bool) -> None:
        """Append the piece joined[x:y]."""
        if stretch:
            if stretches is not None:
                stretches.append(len(out))
            append((x + shift, joined[x:y], None))
            return
        if mark and codes[x] in keep:
            mark(len(out))
        word = joined[x:y]
        append((x + shift, word, tags.get(word, "x")))

    first = True
    for b in blocks:
        x, end, shift = starts[b], ends[b], shifts[b]
        if gaps:
            if not first:
                append((x + shift - 1, "", "x"))  # stands for the text between the blocks
            first = False
        horizon = end if reach is None else -1  # pieces that start up to here are needed
        held = -1  # where the last piece left out starts (-1: none), its end, a stretch?
        held_end, held_stretch = 0, False
        known = x  # up to here, a run of known single characters: one piece each
        while x < end:
            stretch = False
            if x < known:
                y = x + 1
            else:
                y = step[x]
                if y - x == 1:  # a run of single characters, up to the next word or the end
                    while y < end and step[y] == y + 1:
                        y += 1
                    if y - x == 1:
                        pass
                    elif logp.get(joined[x:y]):
                        known, y = y, x + 1
                    else:
                        stretch = True
            key = not keep.isdisjoint(codes[x:y]) if stretch else codes[x] in keep
            if key or x <= horizon:
                if key:
                    if held >= 0:
                        put(held, held_end, held_stretch)  # the piece before this one
                    if reach is not None:
                        horizon = y + reach
                put(x, y, stretch)
                held = -1
            else:
                held, held_end, held_stretch = x, y, stretch
            x = y


def rate_blocks(
    route: Route,
    keep: Mapping[int, Container[str] | None],
    rate: Callable[[str, str], int],
    top: int,
) -> list[int]:
    """Rate each block of `route`: the highest rate(word, flag) of its pieces that start on `keep`.

    `keep` maps a code point to None (every position of it counts) or to the strings of two
    characters one of which must start there. The pieces are those `block_pieces` gives,
    without building them; a block without such pieces rates 0. A block rates `top` (and
    is read no further) once a piece does, or when a position that counts holds a character
    alone next to another lone character: it may lie in an unknown stretch, whose tokens
    only `tag_stretch` knows.
    """
    tags = route.lexicon.tags
    joined, step, codes = route.joined, route.step, route.codes
    out: list[int] = []
    for x, end in zip(route.starts, route.ends, strict=True):
        high = 0
        prev = x - 2  # where the token before x starts: none yet
        while x < end:
            y = step[x]
            if codes[x] in keep:
                twos = keep[codes[x]]
                if twos is not None and joined[x : x + 2] not in twos:
                    pass
                elif y - x > 1 or not (x - prev == 1 or (y < end and step[y] == y + 1)):
                    word = joined[x:y]
                    high = max(high, rate(word, tags.get(word, "x")))
                    if high >= top:
                        break
                else:
                    high = top
                    break
            prev = x
            x = y
        out.append(high)
    return out


def _route_joined(lexicon: _Lexicon, joined: str, ends: list[int]) -> tuple[list[int], list[int]]:
    """Return (code points, step) of `joined`: step[k] is where the best word from k ends.

    `joined` is blocks each followed by `_SEP`, which stands at the offsets `ends`. This is
    jieba's `get_DAG` and `calc` in one pass over each block, from its end: the same words
    (every entry from the position on until the text stops being a prefix of one), the
    same scores added in the same order and the same tie-break (of equal scores the longer
    word wins, as with jieba's `max` over (score, end) tuples), each block on its own (a
    word never holds `_SEP`). What each position needs from the lexicon (its score alone,
    the entry of it and the next character) is looked up for all positions at once, in C,
    by code point: the loop itself only adds and compares.
    """
    n = len(joined)
    raw = joined.encode(_UTF16)
    codes = memoryview(raw).cast("H").tolist()
    single = lexicon.single
    alone = list(map(single.__getitem__, codes))
    if None in alone:  # first sight of some characters: read their groups
        for ch in set(joined):
            if single[ord(ch)] is None:
                lexicon.load(ch)
        alone = list(map(single.__getitem__, codes))
    # The entry of two characters from each position: even positions are the 32-bit words
    # of the UTF-16 text, odd ones those of the text one character on.
    pairs = lexicon.pairs.get
    nexts: list[Any] = [None] * n
    nexts[0 : n - 1 : 2] = map(pairs, memoryview(raw[: n // 2 * 4]).cast("I"))
    nexts[1 : n - 1 : 2] = map(pairs, memoryview(raw[2 : 2 + (n - 1) // 2 * 4]).cast("I"))
    for end in ends:
        nexts[end] = _BLOCK_END
    get = lexicon.logp.get
    # best[k]: the route's score from k on, written over alone[k] once read; 0.0 at each
    # `_SEP` (a character no entry starts with), what follows the end of a block.
    best = alone
    step = list(range(1, n + 1))
    after = 0.0  # best[k + 1]
    for k in range(n - 1, -1, -1):
        pair = nexts[k]
        if pair is None:  # no longer entry: the character alone, a word or not
            after = best[k] = alone[k] + after
            continue
        if pair is _BLOCK_END:  # the block before starts from nothing
            after = 0.0
            continue
        # The character alone is a candidate when it is a word (else top is -inf); any
        # longer word that scores at least as well wins (every score is finite).
        w, top, more = pair
        top += after
        if w:
            score = w + best[k + 2]
            if score >= top:
                top = score
                step[k] = k + 2
        if more is not None and codes[k + 2] in more:  # an entry of three or more
            i = k + 3
            while True:
                w = get(joined[k:i])
                if w is None:  # at the latest where joined[k:i] reaches `_SEP`
                    break
                if w:
                    score = w + best[i]
                    if score >= top:
                        top = score
                        step[k] = i
                i += 1
        after = best[k] = top if top != _NO_WORD else alone[k] + after
    return codes, step


def _route(lexicon: _Lexicon, blk: str) -> list[int]:
    """Return, for each position of `blk`, where the best dictionary word from it ends."""
    return _route_joined(lexicon, blk + _SEP, [len(blk)])[1]


def expand(
    text_pieces: list[Piece],
    wanted: Container[int] | None = None,
    stretches: Iterable[int] | None = None,
    *,
    heads: Iterable[int] = (),
    keep: Container[str] = (),
    landed: list[int] | None = None,
) -> list[Token]:
    """Tag the unknown stretches of `text_pieces` whose index is in `wanted` (all when None).

    A stretch not wanted stays one token flagged "x". `stretches`, the indices of all the
    unknown stretches in order, saves looking for them when the caller knows them. With
    `landed`, it receives in order the index in the result of each piece of `heads` (indices
    of known tokens, in order) and of each token of a tagged stretch that starts with a
    character of `keep`.
    """
    if stretches is None:
        stretches = [i for i, piece in enumerate(text_pieces) if piece[2] is None]
    out: list[Any] = []
    done = 0
    for i in merge(stretches, heads) if heads else stretches:
        out += text_pieces[done:i]  # known tokens, as they are
        start, word, flag = text_pieces[i]
        if flag is not None:  # a head
            landed.append(len(out))  # type: ignore[union-attr]  # heads come with landed
            out.append(text_pieces[i])
        elif wanted is None or i in wanted:
            for w, f in tag_stretch(word):
                if landed is not None and w[0] in keep:
                    landed.append(len(out))
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
