"""Word accounting: what counts as a word, so that "nothing lost" can be checked."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections import Counter

# Letters and decimal digits; other numbers (circled ①, superscript ¹) are markers, not words.
_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _other_numbers() -> dict[int, None]:
    return {c: None for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "No"}


def words(text: str) -> Counter:
    tokens = _WORD.findall(text)
    if not text.isascii():
        table = _other_numbers()
        tokens = [t.translate(table) for t in tokens]
    return Counter(t.casefold() for t in tokens if t)
