"""One sentence per line inside paragraphs, so that a review diff shows the changed sentence."""

from __future__ import annotations

import re

from .model import NOTE_CLOSE, NOTE_OPEN, TOKENS

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "cf",
                 "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                 "dec", "fig", "vol", "pp", "p", "ed", "eds", "inc", "ltd", "co", "corp", "gen",
                 "gov", "sen", "rep", "jr", "sr", "approx", "dept", "est", "op", "cit", "al"}
_CLOSERS = f"”’\"')\\]{TOKENS[1::2]}"
_BOUNDARY = re.compile(
    rf"[.!?…][{_CLOSERS}]*(?:{NOTE_OPEN}\d+{NOTE_CLOSE}[{_CLOSERS}]*)*(?= +[“‘\"'(\[{TOKENS[::2]}]*[A-Z])")
# (Never before a digit: pandoc's writer turns a line break before a digit into spaces.)
# A line must never start with what Markdown reads as block syntax.
_BLOCK_START_AT = re.compile(rf"(?:[{TOKENS[::2]}“‘\"'(\[]*)(?:\d+[.)]|[A-Za-z][.)]|[IVXLCivxlc]+[.)]|[-+*#>|:~%=<])(?:\s|$)")


def split_sentences(text: str) -> list[str]:
    lines: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if _is_abbreviation(text[start:match.start() + 1]):
            continue
        rest = end
        while rest < len(text) and text[rest] == " ":
            rest += 1
        if _BLOCK_START_AT.match(text, rest):  # no copy of the rest: paragraphs can be long
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

