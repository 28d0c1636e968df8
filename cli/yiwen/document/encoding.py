"""Decode article bytes: BOMs, UTF-8, UTF-16, GB18030/GBK/Big5, with detection and --encoding."""

from __future__ import annotations

import codecs

from yiwen.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FOR = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}
# Encodings charset-normalizer may propose that we accept; anything else on a non-UTF-8 file is
# far more likely a misdetection of a Chinese or binary file than a real Latin-1 article.
_CHINESE_FAMILY = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp936", "hz"}
# Candidates tried, in order of preference on a tie, when a file is neither UTF-8 nor BOM-marked.
_CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be")
_SAMPLE = 4000  # characters scored per candidate decoding


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Return (text, encoding, had_bom) for `data`, or raise InputError naming `path`."""
    if encoding:
        return _decode_as(data, path, encoding)
    if not data:
        raise InputError(f"{path}: file is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name, True
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: not valid {name} after its byte-order mark ({exc.reason})"
                ) from None
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, False
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data, path)
    if "\x00" in text:
        raise InputError(f"{path}: looks like a binary file, not an article")
    return text, "utf-8", False


def _decode_as(data: bytes, path: str, encoding: str) -> tuple[str, str, bool]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    bom = False
    mark = _BOM_FOR.get(name)
    if mark and data.startswith(mark):
        data, bom = data[len(mark) :], True
    elif name == "utf-8-sig":
        bom = data.startswith(codecs.BOM_UTF8)
    elif name == "utf-16":
        bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        return data.decode(encoding), encoding, bom
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot be decoded as {encoding} (byte {exc.start})") from None


def _sniff_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes of ASCII characters."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes, path: str) -> tuple[str, str, bool]:
    """Pick the Chinese-family (or BOM-less UTF-16) decoding whose text looks most like prose.

    GB18030 and Big5 byte ranges overlap, so a strict decode succeeding proves little: Big5
    bytes read as GB18030 come out as kana, Cyrillic and rare characters. Each candidate is
    scored by the share of characters that are ASCII, CJK punctuation, or one of the few
    thousand common Han characters (GB2312 level 1 or Big5 "frequent" block).
    """
    best: tuple[float, str, str] | None = None
    for name in _CANDIDATES:
        if name.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        score = _prose_score(text[:_SAMPLE])
        if best is None or score > best[0]:
            best = (score, name, text)
    if best is not None and best[0] >= 0.8:
        return best[2], best[1], False
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not an article")
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is not None and guess.encoding.replace("_", "") in _CHINESE_FAMILY:
        return str(guess), guess.encoding, False
    if best is None or best[0] < 0.5:
        raise InputError(
            f"{path}: looks like a binary file or an unknown encoding "
            "(not UTF-8, UTF-16, GB18030 or Big5); name it with --encoding"
        )
    return best[2], best[1], False


def _prose_score(text: str) -> float:
    """Return the share of characters in `text` that are plausible in a news article."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        code = ord(ch)
        if (
            0x20 <= code < 0x7F
            or ch in "\t\r\n"
            or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF
            or 0x2010 <= code <= 0x2027
            or _common_han(ch)
        ):
            good += 1
    return good / len(text)


def _common_han(ch: str) -> bool:
    """True for one of the common simplified (GB2312 level 1) or traditional (Big5) characters."""
    if not 0x4E00 <= ord(ch) <= 0x9FFF:
        return False
    try:
        b = ch.encode("gb2312")
        if 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def encode(text: str, encoding: str, bom: bool, path: str = "output") -> bytes:
    """Encode `text` back into the bytes of its original encoding (and BOM)."""
    name = codecs.lookup(encoding).name
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise InputError(
            f"{path}: {bad!r} cannot be written in {encoding}; choose --output-encoding utf-8"
        ) from None
    if bom and name in _BOM_FOR and not data.startswith(_BOM_FOR[name]):
        data = _BOM_FOR[name] + data
    return data
