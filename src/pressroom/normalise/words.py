"""Word accounting: what counts as a word, so that "nothing lost" can be checked."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Letters and decimal digits; other numbers (circled ①, superscript ¹) are markers, not words.
_WORD = re.compile(r"[^\W_]+")


def _without_other_numbers(token: str) -> str:
    if token.isascii():
        return token
    return "".join(ch for ch in token if unicodedata.category(ch) != "No")


def words(text: str) -> Counter:
    tokens = _WORD.findall(text)
    if not text.isascii():
        tokens = [_without_other_numbers(t) for t in tokens]
    return Counter(t.casefold() for t in tokens if t)
