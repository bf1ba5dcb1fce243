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
    # Words never span whitespace: each distinct whitespace-separated token is read once, so the
    # regular expression runs over the vocabulary rather than the whole text (about twice faster).
    counted: dict[str, int] = {}
    get = counted.get
    for token, times in Counter(text.split()).items():
        if token.isascii() and token.isalpha():  # most tokens: one word as it stands
            word = token.lower()
            counted[word] = get(word, 0) + times
            continue
        for word in _WORD.findall(token.casefold()):
            counted[word] = get(word, 0) + times
    return Counter(counted)
