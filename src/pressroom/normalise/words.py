"""Word accounting: what counts as a word, so that "nothing lost" can be checked."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Letters and decimal digits; other numbers (circled ①, superscript ¹) are markers, not words.
_WORD = re.compile(r"[^\W_]+")


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch) != "No"


def words(text: str) -> Counter:
    out: Counter = Counter()
    for match in _WORD.finditer(text):
        token = "".join(ch for ch in match.group() if _is_word_char(ch))
        if token:
            out[token.casefold()] += 1
    return out
