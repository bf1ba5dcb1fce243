"""Word accounting: what counts as a word, so that "nothing lost" can be checked."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Letters and decimal digits; other numbers (circled ①, superscript ¹) are markers, not words.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> Counter:
    if not text.isascii():
        others = {ch for ch in set(text) if not ch.isascii() and unicodedata.category(ch) == "No"}
        if others:  # a marker separates words: `others."①Fostering`, `0¹0` are two words
            text = re.sub("[" + "".join(re.escape(ch) for ch in others) + "]", " ", text)
    return Counter(_WORD.findall(text.casefold()))
