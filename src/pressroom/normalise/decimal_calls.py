"""A note call glued after a whole number that ends a sentence, read as a decimal.

`in the second 58.⁵ The tower`, `can trace the origins of 71.²⁵ Most came`: an extractor
flattens the raised call, and `58.5`, `71.25` read as decimals (note_calls.CALL refuses digits
after a number and a point, rightly: `20.4`, `2.1`). Such a reading is only ever taken for a
note number whose call the sequence of calls is missing, between the calls of its neighbours
(page_notes, endnote_calls): never alone. The shape itself is narrow: a whole number of three
digits at most (a year ending a sentence, `1939.21`, is a call already), then the point, then
the note's number ending the word, and the next word opening a sentence (a capital), or the
paragraph ending there; and the number itself going on with a sentence, after a word in
lower case (a section's number, `4.1 Samples were taken`, opens its paragraph). A decimal in a
sentence goes on in lower case (`14.5 years`, `54.8 per cent`), and one in a table is
followed by another cell (`54.8 33.3`).
"""

from __future__ import annotations

import functools

from .lazy_re import lazy_compile

# The number before (not part of a longer number, `1,204.5`, or a section's `2.4.1`), its point,
# then the call's digits (no leading nought: a note's number has none), ending the word.
_DECIMAL = lazy_compile(r"(?<![\d.,])\d{1,3}\.((?!0)\d{1,3})(?=\s|$)")
# The sentence the number ends goes on before it: a word in lower case (`second`, `of`, `than`).
_GOES_ON = lazy_compile(r"[a-zà-ÿ]$")
# What follows a sentence's end: a capital, perhaps after an opening quote or parenthesis.
_OPENS_SENTENCE = lazy_compile(r"^\s*[“‘\"'(]?[A-Z]")


@functools.lru_cache(maxsize=4096)
def _in_line(text: str) -> tuple[tuple[int, int, int, bool], ...]:
    """(number, start, end, at the line's end) of each decimal-shaped call in a line whose next
    word, in the line, opens a sentence (or that ends the line: the next line decides)."""
    found = []
    for match in _DECIMAL.finditer(text):
        rest = text[match.end():]
        if not rest.strip():
            found.append((int(match.group(1)), match.start(1), match.end(1), True))
        elif _OPENS_SENTENCE.match(rest):
            found.append((int(match.group(1)), match.start(1), match.end(1), False))
    return tuple(found)


def decimal_calls(lines: list[tuple[int, int, str]], index: int) -> list[tuple[int, int, int]]:
    """(number, start, end) of the decimal-shaped calls in line `index` of `lines` ((block
    index, line offset, text) each): the number goes on with a sentence, after a word in lower
    case (`in the second 58.5`; at a line's start, the block's line above ends so), which a
    section's number (`4.1 Samples were taken`, opening its paragraph or after a sentence's end)
    never does; at a line's end, the next line of the same block must open a sentence; the
    block's last line ends its paragraph, which ends the sentence."""
    found = []
    block, text = lines[index][0], lines[index][2]
    for number, start, end, at_end in _in_line(text):
        before = text[:_number_start(text, start)].rstrip()
        if not before and index > 0 and lines[index - 1][0] == block:
            before = lines[index - 1][2].rstrip()
        if not _GOES_ON.search(before):
            continue
        if at_end and index + 1 < len(lines) and lines[index + 1][0] == block \
                and not _OPENS_SENTENCE.match(lines[index + 1][2]):
            continue
        found.append((number, start, end))
    return found


def _number_start(text: str, call_start: int) -> int:
    """Where the whole number before a decimal-shaped call's point begins."""
    at = call_start - 1  # the point
    while at > 0 and text[at - 1].isdigit():
        at -= 1
    return at


def decimal_call_between(lines: list[tuple[int, int, str]], number: int, after: tuple[int, int],
                         before: tuple[int, int] | None) -> tuple[int, int, int] | None:
    """The one decimal-shaped call of `number` strictly after position `after` (line, column) and
    before `before` (the next number's call; None: the lines' end), as (line, start, end); None
    when there is none, or more than one (which one is the call is not known)."""
    last = len(lines) - 1 if before is None else min(before[0], len(lines) - 1)
    found = []
    for index in range(after[0], last + 1):
        if "." not in lines[index][2]:
            continue
        for found_number, start, end in decimal_calls(lines, index):
            if found_number != number or (index, start) < after:
                continue
            if before is not None and (index, start) >= before:
                continue
            found.append((index, start, end))
    return found[0] if len(found) == 1 else None
