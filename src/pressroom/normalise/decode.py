"""Bytes to text: detect the encoding (BOM, UTF-8, UTF-16, else Latin-1) and refuse non-text."""

from __future__ import annotations


from ..errors import InputError
from .lazy_re import lazy_compile

# Above this share of control characters a file is binary, not text.
MAX_CONTROL_SHARE = 0.01
# A paragraph on one line is normal (a few thousand characters); a line this long is not text
# from a PDF export, and pandoc's parser would take minutes on it.
MAX_LINE_CHARS = 200_000
_CONTROLS = lazy_compile("[\x00-\x08\x0b\x0e-\x1f]")  # below space, but \t \n \f \r


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding name). Raise InputError for empty or binary input."""
    if not data:
        raise InputError("the file is empty (no text to normalise)", path)
    text, encoding = _decode(data, path)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("the file contains NUL bytes: it looks binary, not text", path, line)
    controls = len(_CONTROLS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError("the file is mostly control characters: it looks binary, not text", path)
    if not text.strip(" \t\r\n\f\ufeff\u00a0"):
        raise InputError("the file contains only whitespace (no text to normalise)", path)
    if len(text) > MAX_LINE_CHARS:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise InputError(f"line is {len(line):,} characters long, above the limit of "
                                 f"{MAX_LINE_CHARS:,}: not a text export", path, number)
    return text, encoding


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path), "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without BOM: every other byte of ASCII text is NUL.
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > even_nuls * 4:
            return _strict(data, "utf-16-le", path), "utf-16-le"
        if even_nuls > odd_nuls * 4:
            return _strict(data, "utf-16-be", path), "utf-16-be"
        raise InputError("the file contains NUL bytes: it looks binary, not text", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _UTF8_SEQUENCE.search(data):
            # Real UTF-8 sequences beside invalid ones: damaged UTF-8, guessing would mangle it.
            raise InputError(f"undecodable byte 0x{data[exc.start:exc.start + 1].hex()} "
                             "in UTF-8 text", path, line) from exc
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
        text = data.decode("latin-1")
        if any("\x80" <= ch <= "\x9f" for ch in text):
            raise InputError(f"undecodable byte 0x{data[exc.start:exc.start + 1].hex()} "
                             "(not UTF-8, UTF-16 or Latin-1 text)", path, line) from exc
        return text, "latin-1"


# A well-formed multi-byte UTF-8 sequence (lead byte + continuation bytes).
_UTF8_SEQUENCE = lazy_compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not valid {encoding.upper()}", path) from exc
