"""Word accounting: what counts as a word, so that "nothing lost" can be checked."""

from __future__ import annotations

import unicodedata
from collections import Counter
from .lazy_re import lazy_compile

# Letters and decimal digits; other numbers (circled ①, superscript ¹) are markers, not words.
_WORD = lazy_compile(r"[^\W_]+")
_CARET_NUMBER = lazy_compile(r"\^(\d+)")


def words(text: str) -> Counter:
    return words_of_tokens(Counter(text.split()))


def words_of_tokens(tokens: Counter) -> Counter:
    """The words of a text given as its whitespace-separated tokens and their counts.

    Words never span whitespace, so each distinct token is read once: the regular expression
    runs over the vocabulary rather than the whole text (about twice faster)."""
    counted: dict[str, int] = {}
    get = counted.get
    for token, times in tokens.items():
        if "^" in token:  # a caret number (`^1`) is a note marker: it separates words too
            token = _CARET_NUMBER.sub(r" \1 ", token)
        if token.isascii():
            if token.isalpha():  # most tokens: one word as it stands
                word = token.lower()
                counted[word] = get(word, 0) + times
                continue
            found = _WORD.findall(token.lower())
        else:
            if any(unicodedata.category(ch) == "No" for ch in token if not ch.isascii()):
                # a marker separates words: `others."①Fostering`, `0¹0` are two words
                token = "".join(" " if not ch.isascii() and unicodedata.category(ch) == "No"
                                else ch for ch in token)
            found = _WORD.findall(token.casefold())
        for word in found:
            counted[word] = get(word, 0) + times
    return Counter(counted)
