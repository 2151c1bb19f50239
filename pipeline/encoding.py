"""Bytes of an HTML page -> text, with Norwegian letters (æ ø å) intact.

Declared charsets are often wrong on news and municipal sites (pages saved as UTF-8 but
still declaring iso-8859-1, or no declaration at all), so a declaration is only trusted
when the text it produces looks plausible. Order of evidence:

1. a byte-order mark;
2. a strict UTF-8 decode (single-byte text with æøå almost never passes it by accident),
   with UTF-8 that was once misread as 1252 and saved again ("FÃ¸rde") repaired;
3. the declared charset (HTTP header, then <meta charset>), if its text is plausible;
4. UTF-8 with replacement when the bytes are mostly UTF-8 (a template with a few stray
   latin-1 bytes), or when reading them as 1252 shows mojibake such as "Ã¸";
5. Windows-1252, if plausible: Norwegian pages that are not UTF-8 nearly always are;
6. charset-normalizer's guess, then Windows-1252 regardless.

iso-8859-1 is read as Windows-1252, as browsers do: the two agree on every printable
byte and 1252 also has the curly quotes and dashes that pages in "latin-1" contain.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)

# Charsets a browser reads as Windows-1252.
_AS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "l1", "iso8859-1", "us-ascii", "ascii", "cp819"}

# UTF-8 read as 1252: "Ã¸" (ø), "Ã¥" (å), "Ã¦" (æ), "Ã©" (é), "â€" (curly quotes, dashes).
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc]|â€|Â[\u00a0-\u00bf]")

_WIDE_UNICODE = ("utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2")
_NON_ASCII = re.compile("[^\x00-\x7f]")

# C1 control characters never appear in real text; seeing them means the wrong codec.
_C1_CONTROLS = re.compile("[\u0080-\u009f]")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes; ``declared`` is the charset from the HTTP header, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for encoding in _declared_charsets(data, declared):
        text = _try_decode(data, encoding)
        if text is not None and _plausible(text):
            return text
    as_cp1252 = _decode_cp1252(data)
    if _count_mojibake(as_cp1252) >= 2 or _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    if _plausible(as_cp1252):
        return as_cp1252
    guess = from_bytes(data[:200_000]).best()
    if guess is not None and guess.encoding:
        text = _try_decode(data, guess.encoding)
        if text is not None and _plausible(text):
            return text
    return as_cp1252


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as 1252 and re-saved as UTF-8 ("FÃ¸rde" -> "Førde")."""
    if _count_mojibake(text) < 2:
        return text
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    return fixed if _count_mojibake(fixed) < _count_mojibake(text) else text


def _count_mojibake(text: str) -> int:
    return len(_MOJIBAKE.findall(text))


def _declared_charsets(data: bytes, declared: str | None) -> list[str]:
    names = [declared] if declared else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        names.append(match.group(1).decode("ascii", errors="ignore"))
    # A UTF-16/32 declaration without a BOM is a copy-paste error (browsers ignore it too).
    return [
        _normalise_name(name)
        for name in names
        if name and not name.lower().startswith(_WIDE_UNICODE)
    ]


def _normalise_name(name: str) -> str:
    name = name.strip().strip("\"'").lower()
    if name in _AS_CP1252:
        return "cp1252"
    return name


def _try_decode(data: bytes, encoding: str) -> str | None:
    encoding = _normalise_name(encoding)
    if encoding == "cp1252":
        return _decode_cp1252(data)
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_cp1252(data: bytes) -> str:
    # Via latin-1 plus a table, because Python's cp1252 fails on the five bytes 1252
    # leaves undefined, which browsers pass through as latin-1.
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252)


def _cp1252_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_LATIN1_TO_CP1252 = _cp1252_table()


def _plausible(text: str) -> bool:
    """Reject decodes that show the classic signs of the wrong codec."""
    if "\ufffd" in text or _count_mojibake(text) >= 2:
        return False
    # A stray undefined byte is tolerated; many C1 controls mean the wrong codec.
    controls = len(_C1_CONTROLS.findall(text))
    return controls <= 2 or controls * 1000 <= len(text)


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte sequences outnumber broken bytes two to one."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = len(_NON_ASCII.findall(text)) - broken
    return multibyte > 0 and broken * 2 < multibyte
