"""Romanised Chinese personal names in English prose, found by their shape alone (no glossary).

A name here is two name parts next to each other, each Hanyu Pinyin: a surname from the
surname table (one syllable, or a compound such as Ouyang) and a given name of one or two
syllables, in either order ("Liu Hongyi", "Hongyi Liu"). Capitals mark the surname when the
house writes it so ("XU Yongjian"); a lower-case given name after a surname is a shape of its
own ("Guo yongjin"). Which part is the surname: the part that can be one; of two that both can,
a compound, else the more common surname ("Jing Shen": Shen). When both parts are plain
surnames the order is reported as "unknown".

Ordinary English words are shaped like pinyin too ("Long", "Fang", "He", "Can", "Sun"), so
a pair made only of English words is not a name ("Can Ban", "Long Men"), nor is a run of three
or more capitalised words (headlines), a place ("Hong Kong", "Shanghai") or a name with a
non-pinyin part ("Jack Wang").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yiwen.glossary.pinyin import is_pinyin, join_syllables, split_syllables
from yiwen.glossary.surnames import is_compound_surname, surname_rank

# English words and Western given names that are also valid pinyin (lower case). A pair of two
# such words is never taken for a name; a lower-case given name must not be one.
ENGLISH_WORDS: frozenset[str] = frozenset(
    """
    a ache aero age amen an anew anna area aria ate ban banana bandana bane bang bean ben bin
    binge bingo bite bone bongo bueno cabana can canine canoe cease chai chance change chi
    china chine chute cinema cite cue dan dana dance dane data daze dean deanna demo den dense
    diana diane die din dina dine dingo due dune duo ease fa famine fan fang fen fence foe gala
    gang gaze gene genie genre gong guano guinea gun ha hana hang haze he hen hence here hose
    house hue hula human humane ken kenya la lama lana lance lane laze lea lean lease lee leila
    lena lie lime limo lina line lingo lingua lo loan lone long longer lose louse lounge ma
    machine mama man mane mango mania marina maria maze me mean media memo men mere mi mia mine
    mini mite mo moan mocha mona mouse mu na nana nan niche nina nine no nu nuance nun o oboe
    ode omen one opine pa page pagan pan panama pane pang papa patio pen pence penne pi piano
    pie pier pin pine ping pique po pose pun puma queue ran rang range re rene rio rite rouge
    rouse routine rue run rune sage saline samoa sane sang sea sean seance sedan semen sense
    sepia she shen shine shea shun sine site song sue sun sushi tan tang tango tea tease tee ti tiana
    tibia tie tina tine tinge tonga tongan tuna tune wage wan wane woe woman women won wore
    yang ye yemen yen yin yo yoga you zen
    cane ding dang dun gen hun nene bong tun lido qua
    """.split()
)

# Romanised Chinese place names and other proper nouns that look like two-part names, lower case.
PLACES: frozenset[str] = frozenset(
    """
    anhui aomen baoshan beijing changsha chengdu chongqing dalian fujian fuzhou gansu guangdong
    guangxi guangzhou guilin guiyang guoluo hainan hangzhou harbin hebei hefei henan hongkou
    huashan hubei hunan jiading jiangsu jiangxi jilin jinan jing'an kunming lanzhou lhasa
    liaoning minhang nanchang nanjing nanning ningbo ningxia pudong putuo qingdao qinghai
    ruijin shaanxi shandong shanghai shantou shanxi shenyang shenzhen shijiazhuang sichuan suzhou
    taiyuan tianjin urumqi wenzhou wuhan wuxi xiamen xi'an xinjiang xining xizang xuhui yangpu
    yangzhou yunnan zhejiang zhengzhou zhongshan zhuhai
    """.split()
)
PLACE_PHRASES: frozenset[str] = frozenset(
    {"hong kong", "jiao tong", "fu dan", "tong ji", "zhong shan", "sun yat", "xin hua", "tian an"}
)

# A word (letters, with inner apostrophes or hyphens: "Xi'an", "Yo-Yo"), then a possessive.
_WORD = re.compile(r"[A-Za-zÜü]+(?:['’-][A-Za-zÜü]+)*")
_POSSESSIVE = ("'s", "’s")
# What may stand between two parts of one name: spaces, or one line break of a wrapped line.
_GAP = re.compile(r"[ \t]+|[ \t]*\r?\n[ \t]*")


@dataclass(frozen=True)
class NameMention:
    """A pinyin-shaped personal name in English text.

    `family` and `given` are normalised ("Xu", "Yongjian": capitalised, given as one word);
    `order` is "family-given", "given-family", or "unknown" when both parts could be the
    surname; `family_first` is the arrangement assumed then. `family_written` and
    `given_written` are the parts as written ("XU", "yongjin", "Yong Zhong").
    """

    start: int
    end: int
    text: str
    family: str
    given: str
    order: str
    family_written: str = ""
    given_written: str = ""
    family_first: bool = True
    split: bool = False  # the given name is written as two words ("Wu Yong Zhong")

    @property
    def key(self) -> tuple[str, str]:
        """Return (family, given) lower-cased: the same person whatever the shape."""
        return self.family.lower(), self.given.lower()

    def arranged(self, family_first: bool, family: str | None = None) -> str:
        """Return the name with its written parts in the given arrangement."""
        fam = self.family_written if family is None else family
        return f"{fam} {self.given_written}" if family_first else f"{self.given_written} {fam}"


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str
    shape: str  # cap | caps | lower | other
    possessive: bool


def _shape(word: str) -> str:
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    if len(letters) > 1 and letters.isupper():
        return "caps"
    if letters.islower():
        return "lower"
    parts = re.split(r"['’-]", word)
    if parts[0][:1].isupper() and all(p[1:].islower() or not p[1:] for p in parts):
        return "cap"
    return "other"


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        possessive = word.lower().endswith(_POSSESSIVE)
        if possessive:
            word, end = word[:-2], end - 2
        if word:
            out.append(_Token(m.start(), end, word, _shape(word), possessive))
    return out


def _adjacent(text: str, a: _Token, b: _Token) -> bool:
    return not a.possessive and _GAP.fullmatch(text, a.end, b.start) is not None


@cache
def _syllables(word: str) -> int:
    parts = split_syllables(word)
    return len(parts) if parts else 0


def normalise(word: str) -> str:
    """Write a romanised name part the standard way: "XU" -> "Xu", "Rui-tao" -> "Ruitao"."""
    parts = split_syllables(word)
    return join_syllables(parts) if parts else word[:1].upper() + word[1:].lower()


def _english(word: str) -> bool:
    return word.lower() in ENGLISH_WORDS


def _place(word: str) -> bool:
    return word.lower().replace("’", "'") in PLACES


def _name_part(tok: _Token) -> bool:
    return tok.shape in ("cap", "caps") and is_pinyin(tok.word, 3) and not _place(tok.word)


def _surname(word: str) -> int | None:
    """Frequency rank of `word` as a surname (compounds too), None when it is none."""
    if "-" in word:
        return None
    return surname_rank(word)


def _given_ok(word: str) -> bool:
    return 1 <= _syllables(word) <= 2


def looks_like_chinese_name(token: str) -> bool:
    """True when `token` is shaped like a romanised Chinese name (part): "Ruitao", "XU", "Wang Li".

    Each word must be capitalised (or all capitals) pinyin of one to three syllables and not an
    ordinary English word; used to keep spelling checkers quiet about names.
    """
    words = token.split()
    if not words:
        return False
    for w in words:
        if w.lower().endswith(_POSSESSIVE):
            w = w[:-2]
        if _shape(w) not in ("cap", "caps") or not is_pinyin(w, 3) or _english(w):
            return False
    return True


def _mention(
    text: str, first: _Token, second: _Token, family_first: bool, order: str, split: str = ""
) -> NameMention:
    fam, giv = (first, second) if family_first else (second, first)
    given_written = split or giv.word
    start, end = first.start, second.end
    return NameMention(
        start,
        end,
        text[start:end],
        normalise(fam.word),
        normalise(given_written.replace(" ", "")),
        order,
        fam.word,
        given_written,
        family_first,
        bool(split),
    )


def _pair(text: str, a: _Token, b: _Token) -> NameMention | None:
    """Read two adjacent capitalised name parts as a name, or None."""
    if f"{a.word} {b.word}".lower() in PLACE_PHRASES:
        return None
    if a.shape == "caps" and b.shape == "caps":
        return None  # a heading in capitals: no way to tell the surname
    ra, rb = _surname(a.word), _surname(b.word)
    if a.shape == "caps" and ra is not None and _given_ok(b.word):
        return _mention(text, a, b, True, "family-given")
    if b.shape == "caps" and rb is not None and _given_ok(a.word):
        return _mention(text, a, b, False, "given-family")
    if a.shape != "cap" or b.shape != "cap":
        return None
    if _english(a.word) and _english(b.word):
        return None
    a_family = ra is not None and _given_ok(b.word)
    b_family = rb is not None and _given_ok(a.word)
    if a_family and not b_family:
        return _mention(text, a, b, True, "family-given")
    if b_family and not a_family:
        return _mention(text, a, b, False, "given-family")
    if not (a_family and b_family):
        return None
    ca, cb = is_compound_surname(a.word), is_compound_surname(b.word)
    if ca != cb:
        return _mention(text, a, b, ca, "family-given" if ca else "given-family")
    # Both plain surnames ("Jing Shen"): guess the commoner one, and say the order is unknown.
    return _mention(text, a, b, (ra or 0) <= (rb or 0), "unknown")


def _lower_given(text: str, a: _Token, b: _Token) -> NameMention | None:
    """Read "Guo yongjin": a capitalised surname, then a lower-case given name that is not English."""
    if a.shape != "cap" or b.shape != "lower" or _surname(a.word) is None:
        return None
    if not _given_ok(b.word) or _english(b.word) or "-" in b.word:
        return None
    return _mention(text, a, b, True, "family-given")


def _split(text: str, run: list[_Token]) -> list[NameMention]:
    """Read three one-syllable name parts as a surname and a given name split in two.

    Both arrangements are returned when both ends can be surnames; `resolve_splits` keeps the
    one whose joined form the text also uses.
    """
    if any(t.shape != "cap" or _syllables(t.word) != 1 for t in run):
        return []
    first, mid, last = run
    out = []
    if _surname(first.word) is not None:
        out.append(_mention(text, first, last, True, "family-given", f"{mid.word} {last.word}"))
    if _surname(last.word) is not None:
        out.append(_mention(text, first, last, False, "given-family", f"{first.word} {mid.word}"))
    return out


def scan_mentions(text: str) -> tuple[list[NameMention], list[NameMention]]:
    """Return (two-part names, split-given candidates) in `text`; see find_name_mentions."""
    toks = _tokens(text)
    pairs: list[NameMention] = []
    splits: list[NameMention] = []
    i = 0
    while i < len(toks):
        if not _name_part(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and _name_part(toks[j]) and _adjacent(text, toks[j - 1], toks[j]):
            j += 1
        run = toks[i:j]
        if len(run) == 2:
            m = _pair(text, *run)
            if m is not None:
                pairs.append(m)
        elif len(run) == 3:
            splits.extend(_split(text, run))
        elif len(run) == 1 and j < len(toks) and _adjacent(text, run[0], toks[j]):
            m = _lower_given(text, run[0], toks[j])
            if m is not None:
                pairs.append(m)
        i = j
    return pairs, splits


def resolve_splits(pairs: list[NameMention], splits: list[NameMention]) -> list[NameMention]:
    """Keep the split-given candidates whose joined form appears among `pairs` ("Wu Yongzhong")."""
    joined = {m.key for m in pairs if not m.split}
    kept: dict[int, NameMention] = {}
    for m in splits:
        if m.key in joined:
            kept.setdefault(m.start, m)
    return list(kept.values())


def find_name_mentions(text: str) -> list[NameMention]:
    """Find pinyin-shaped two-part personal names in English `text`, in text order.

    A given name split in two ("Wu Yong Zhong") is reported only when the same name is also
    written joined ("Wu Yongzhong") in `text`.
    """
    pairs, splits = scan_mentions(text)
    return sorted([*pairs, *resolve_splits(pairs, splits)], key=lambda m: m.start)


# Where a name is expected: after an honorific or a title used as one, or before ", director".
_HONORIFIC = re.compile(
    r"\b(?:(?:Dr|Prof|Mr|Mrs|Ms)(?:\.[ \t]*|[ \t]+)"
    r"|(?:Professor|Doctor|Director|President|Dean|Nurse|Academician|Madam|Miss|Surgeon)[ \t]+)"
    r"(?P<w>[A-Z][a-z]+)\b(?!['’-]\w)"
)
_BEFORE_TITLE = re.compile(
    r"(?<![A-Za-z][ \t])(?<![A-Za-z])(?P<w>[A-Z][a-z]+),[ \t]+(?:the[ \t]+)?"
    r"(?:director|deputy|president|vice|secretary|surgeon|physician|doctor|nurse|professor|"
    r"head|chief|dean|chair|chairman|chairwoman|member|researcher|associate|attending|resident|"
    r"pharmacist|technician|academician)\b"
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][A-Za-z'’-]*)")


@dataclass(frozen=True)
class RunTogether:
    """A full name written as one word where a name is expected ("Dr. Wangyu")."""

    start: int
    end: int
    text: str
    family: str
    given: str


def split_run_together(word: str) -> tuple[str, str] | None:
    """Split "Wangyu" into ("Wang", "Yu") when it is a surname plus a 1–2 syllable given name."""
    if _english(word) or _place(word) or _surname(word) is not None:
        return None
    parts = split_syllables(word)
    if parts is None or not 2 <= len(parts) <= 4:
        return None
    for n in (2, 1):  # a compound surname first ("Ouyangwen")
        fam, given = parts[:n], parts[n:]
        if not 1 <= len(given) <= 2:
            continue
        joined = "".join(fam)
        if (n == 2 and is_compound_surname(joined)) or (
            n == 1 and surname_rank(joined) is not None
        ):
            return join_syllables(fam), join_syllables(given)
    return None


def find_run_together(text: str) -> list[RunTogether]:
    """Find one-word names ("Wangyu") after an honorific or before ", director" in `text`."""
    out: dict[int, RunTogether] = {}
    for rx in (_HONORIFIC, _BEFORE_TITLE):
        for m in rx.finditer(text):
            word = m.group("w")
            nxt = _NEXT_WORD.match(text, m.end("w"))
            if rx is _HONORIFIC and nxt and is_pinyin(nxt.group(1), 3):
                continue  # "Dr. Ruitao Wang": a given name, then the surname
            parts = split_run_together(word)
            if parts is not None:
                out.setdefault(m.start("w"), RunTogether(m.start("w"), m.end("w"), word, *parts))
    return [out[k] for k in sorted(out)]
