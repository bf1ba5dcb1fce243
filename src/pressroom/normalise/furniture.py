"""Shared measures for page furniture: the repetition key and the thresholds."""

from __future__ import annotations

import functools

from .model import CIRCLED, SENTENCE_END, SUPERSCRIPTS, strip_tokens
from .lazy_re import lazy_compile

# A line repeated at least this often across the document is page furniture (running head,
# footer or page number), not content: a body sentence is almost never repeated three times.
MIN_REPEATS = 3
# Furniture is short; a long repeated block is content (a refrain), never removed.
MAX_FURNITURE_CHARS = 160
# A recurring line that ends a sentence and has this many words is body text (a refrain, a
# closing instruction repeated on every page), never a head: kept, and reported.
MIN_SENTENCE_WORDS = 6

# Every digit run is masked, whatever its length: folios run to five digits (a Federal
# Register page, 47698) and a head's date or volume may change with its issue.
_DIGITS = lazy_compile(r"\d+")
_ROMAN = lazy_compile(r"^[ivxlc]{1,6}$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_SPACE = lazy_compile(r"\s+")  # justified heads spread their words with runs of spaces
# A folio printed before or after a head (`7 | Title`, `Title   8`): odd and even pages put it
# on opposite sides of one head, which must stay one key.
_LEADING_FOLIO = lazy_compile(r"^#(?:\s*[|·•—–-])?\s+(?=\S)")
_TRAILING_FOLIO = lazy_compile(r"(?<=\S)\s+(?:[|·•—–-]\s*)?#$")


# A footnote definition is never furniture, however alike two of them look.
NOTE_START = lazy_compile(rf"^\s*\^?[{CIRCLED}{SUPERSCRIPTS}†‡]")


# The keys and folio tests are pure functions of a line, asked again and again of the same lines
# by several passes: memoised (bounded; a document has a few thousand distinct edge lines).
MEMO_LINES = 8192


@functools.lru_cache(maxsize=MEMO_LINES)
def furniture_key(text: str) -> str:
    """What two occurrences of one running head share: case, digits and spacing aside."""
    key = _SPACE.sub(" ", strip_tokens(text)).strip().casefold()
    key = _DIGITS.sub("#", key)
    if NOTE_START.match(key):
        return ""
    start, end = 0, len(key)
    while start < end and not key[start].isalnum():  # [\W_] at either edge
        start += 1
    while end > start and not key[end - 1].isalnum():
        end -= 1
    key = key[start:end] or key
    return key if is_page_number(text) else drop_folio(key)


def drop_folio(key: str) -> str:
    """A key without the folio printed before or after the head (`# | title`, `title #`)."""
    return _TRAILING_FOLIO.sub("", _LEADING_FOLIO.sub("", key))


def carries_folio(text: str) -> bool:
    """A head printed with its page number (`47698   Federal Register / …`, `Title | 7`)."""
    key = _SPACE.sub(" ", _DIGITS.sub("#", strip_tokens(text).casefold())).strip()
    return not is_page_number(text) and bool(_LEADING_FOLIO.match(key) or _TRAILING_FOLIO.search(key))


_FOLIO_SHAPE = lazy_compile(r"(page |p\. ?)?#( ?(of|/) ?#)?|[ivxlc]{1,6}")


@functools.lru_cache(maxsize=MEMO_LINES)
def is_page_number(text: str) -> bool:
    """`7`, `— 7 —`, `- 7 -`, `Page 7`, `Page 7 of 30`, `7/30`, `vii`."""
    key = _SPACE.sub(" ", _DIGITS.sub("#", strip_tokens(text).casefold())).strip(" —–-·|.[]()")
    return bool(_FOLIO_SHAPE.fullmatch(key))


def folio_number(text: str) -> int | None:
    """The page number a folio line carries (`7`, `— 7 —`, `Page 7 of 30`, `vii`), or None."""
    if not is_page_number(text):
        return None
    digits = _DIGITS.search(text)
    if digits:
        return int(digits.group(0))
    roman = strip_tokens(text).strip(" —–-·|.[]()").casefold()
    if not _ROMAN.match(roman):
        return None
    total = 0
    for char, following in zip(roman, roman[1:] + " "):
        value = _ROMAN_VALUES[char]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def reads_as_sentence(text: str) -> bool:
    """A complete sentence of the body, not a head: it ends one and has MIN_SENTENCE_WORDS."""
    text = strip_tokens(text).strip()
    return bool(SENTENCE_END.search(text)) and len(text.split()) >= MIN_SENTENCE_WORDS
