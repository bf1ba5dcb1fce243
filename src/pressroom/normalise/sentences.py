"""One sentence per line inside paragraphs, so that a review diff shows the changed sentence.

Where a line may start is the Markdown writer's to say (it passes `can_start_line`)."""

from __future__ import annotations

import re
from typing import Callable

from .model import NOTE_CLOSE, NOTE_OPEN, TOKENS
from .lazy_re import lazy_compile

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "cf",
                 "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                 "dec", "fig", "vol", "pp", "p", "ed", "eds", "inc", "ltd", "co", "corp", "gen",
                 "gov", "sen", "rep", "jr", "sr", "approx", "dept", "est", "op", "cit", "al"}
_CLOSERS = f"”’\"')\\]{TOKENS[1::2]}"
_BOUNDARY = lazy_compile(
    rf"[.!?…][{_CLOSERS}]*(?:{NOTE_OPEN}\d+{NOTE_CLOSE}[{_CLOSERS}]*)*(?= +[“‘\"'(\[{TOKENS[::2]}]*[A-Z])")
# (Never before a digit: pandoc's writer turns a line break before a digit into spaces.)


def split_sentences(text: str, can_start_line: Callable[[str, int], bool]) -> list[str]:
    """The sentences of a paragraph; a boundary where `can_start_line(text, position)` is false
    (the next sentence would read as block syntax) is not one."""
    lines: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if _is_abbreviation(text[start:match.start() + 1]):
            continue
        rest = end
        while rest < len(text) and text[rest] == " ":
            rest += 1
        if not can_start_line(text, rest):
            continue
        lines.append(text[start:end].strip())
        start = end
    lines.append(text[start:].strip())
    return [line for line in lines if line]


def _is_abbreviation(sentence: str) -> bool:
    parts = sentence.rstrip(".").rsplit(None, 1)
    last = parts[-1] if parts else ""
    last = last.strip("(“‘\"'" + TOKENS)
    if not sentence.rstrip().endswith("."):
        return False
    if len(last) == 1 and last.isupper():  # an initial: "J. Smith"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", last):  # "U.S", "e.g"
        return True
    return last.casefold() in ABBREVIATIONS

