"""Decode article bytes: BOMs, UTF-8, UTF-16, GB18030/GBK/Big5, with detection and --encoding."""

from __future__ import annotations

import codecs
import re

from yiwen.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HAN = re.compile(r"[\u3400-\u9fff]")
# Encodings charset-normalizer may propose that we accept; anything else on a non-UTF-8 file is
# far more likely a misdetection of a Chinese or binary file than a real Latin-1 article.
_CHINESE_FAMILY = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "cp936", "hz"}


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
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file, not an article")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def _decode_as(data: bytes, path: str, encoding: str) -> tuple[str, str, bool]:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    bom = False
    for mark, name in _BOMS:
        if data.startswith(mark) and codecs.lookup(name).name == codecs.lookup(encoding).name:
            data, bom = data[len(mark) :], True
    if encoding.lower().replace("_", "-") in ("utf-8-sig",):
        bom = data.startswith(codecs.BOM_UTF8)
    try:
        return data.decode(encoding), encoding, bom
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot be decoded as {encoding} (byte {exc.start})") from None


def _sniff_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes of ASCII characters."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes, path: str) -> tuple[str, str, bool]:
    # GB18030 first: it is what Chinese Windows writes, and a strict decode that yields mostly
    # Han characters is a far stronger signal than a statistical guess on a short file.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_chinese(text):
        return text, "gb18030", False
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding.replace("_", "") in _CHINESE_FAMILY:
        return str(best), best.encoding, False
    if text is not None and _HAN.search(text):
        return text, "gb18030", False
    raise InputError(
        f"{path}: cannot detect the text encoding (not UTF-8, UTF-16 or GB18030); "
        "name it with --encoding"
    )


def _plausible_chinese(text: str) -> bool:
    """True when decoded text is mostly Han characters and ASCII, not mojibake symbols."""
    han = len(_HAN.findall(text))
    if not han:
        return False
    odd = sum(1 for ch in text if ord(ch) > 0x7F and not _HAN.match(ch) and not _cjk_punct(ch))
    return odd <= han * 0.15


def _cjk_punct(ch: str) -> bool:
    code = ord(ch)
    return 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Encode `text` back into the bytes of its original encoding (and BOM)."""
    name = codecs.lookup(encoding).name
    data = text.encode(encoding)
    if bom and not data.startswith(codecs.BOM_UTF8):
        marks = {
            "utf-8": codecs.BOM_UTF8,
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
        }
        data = marks.get(name, b"") + data
    return data
