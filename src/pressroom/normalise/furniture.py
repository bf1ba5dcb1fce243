"""Shared measures for page furniture: the repetition key and the thresholds."""

from __future__ import annotations

import re

from .model import strip_tokens

# A line repeated at least this often across the document is page furniture (running head,
# footer or page number), not content: a body sentence is almost never repeated three times.
MIN_REPEATS = 3
# Furniture is short; a long repeated block is content (a refrain), never removed.
MAX_FURNITURE_CHARS = 160

# Page numbers are short; longer digit runs (in URLs, dates) tell two lines apart.
_DIGITS = re.compile(r"(?<!\d)\d{1,4}(?!\d)")
_SPACE = re.compile(r"\s+")


# A footnote definition is never furniture, however alike two of them look.
NOTE_START = re.compile(r"^\s*\^?[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf¹²³⁴⁵⁶⁷⁸⁹⁰†‡]")


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
    return key[start:end] or key


def is_page_number(text: str) -> bool:
    """`7`, `— 7 —`, `- 7 -`, `Page 7`, `Page 7 of 30`, `7/30`, `vii`."""
    key = _SPACE.sub(" ", re.sub(r"\d+", "#", strip_tokens(text).casefold())).strip(" —–-·|.[]()")
    return bool(re.fullmatch(r"(page |p\. ?)?#( ?(of|/) ?#)?|[ivxlc]{1,6}", key))
