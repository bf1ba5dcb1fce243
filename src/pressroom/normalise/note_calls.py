"""The calls of the notes an extractor flattened into plain digits (see page_notes): their
shapes in the text (`grow.1`, `2018,5`, `future. 1 As`), the calls of a foot's numbers found in
the text above it (in order, in any order, or in the next page's first line), and their marks.
"""

from __future__ import annotations

import functools
import re

from .decimal_calls import decimal_call_between
from .lazy_re import lazy_compile
from .model import CALL_CLOSE, CALL_OPEN, SENTENCE_END, Block, plain_offsets, strip_tokens

# A flattened call: digits glued to a lower-case word or closing punctuation (`grow.1`,
# `2018,5`, `end”3`), or set off by a space after sentence punctuation (`future. 1 As`, as
# pdftotext writes a raised number). Capitals and digits before are excluded: `G20`, `A4`,
# `COVID-19` are names, not calls; so are digits going on with a point or comma and a digit
# (`4.1`, a section's number; `1,340`); so are the minutes of a time or the terms of a ratio
# (`1:01`, `3:2`), and digits opening with a nought (`01`): a note's number has none.
# After a space, a number another number follows (`(hornbeam) 9 163 4`) is a table row's cell.
CALL = lazy_compile(r"(?:(?<=[a-zà-ÿ.,;:!?”’\")\]])(?<!\b[a-zà-ÿ])(?<!\d:)"
                    r"|(?<=[.,;:!?”’\")\]])\s(?=\d{1,3}(?!\d)(?!\s+[(£$€−-]?\d)))"
                    r"(?!0)(\d{1,3})(?=[\s.,;:!?)\]”’\"]|$)(?![.,]\d)")
# The same, glued only (`grow.1`, `2018,5`): stronger evidence than a number after a space.
# Neither follows a word of one letter: `f1`, `v0`, `x2` are a symbol's index, never a call.
GLUED_CALL = lazy_compile(r"(?<=[a-zà-ÿ.,;:!?”’\")\]])(?<!\b[a-zà-ÿ])(?<!\d:)(?!0)(\d{1,3})(?=[\s.,;:!?)\]”’\"]|$)(?![.,]\d)")
# Weaker: a number set off by spaces after a word (`budget 10 and`). Only ever taken for a note
# number that has no call of the strong shape on the page, in a foot that has one call of that
# shape at least: alone, it is the text's own number (`Table 2`, `priority 3`).
LOOSE_CALL = lazy_compile(r"(?<=[a-zà-ÿ])\s(\d{1,3})(?=\s|$)")


def _glued_calls(lines: list[tuple[int, int, str]], numbers: list[int]) -> bool:
    """Is each of the numbers called in the lines by a digit glued to its word or stop (the
    strongest shape of a flattened call, GLUED_CALL)?"""
    finder = _CallFinder(lines)
    return all(finder.first(GLUED_CALL, number, (0, 0)) is not None for number in numbers)


def _spilled_calls(above: list[tuple[int, int, str]], after: list[tuple[int, int, str]],
                   numbers: list[int]) -> list[tuple[int, int, int]] | None:
    """The calls of a foot at a page's end whose last notes are called in the next page's first
    line (`after`, NEXT_PAGE_CALL_LINES): the line that had no room left on the page. Evidence:
    the page's text above the foot stops inside a sentence (it goes on in that line), the
    notes before are called in order on the page, and each later one by a digit glued to its
    word (`coordination,9`), in order, in that line. None otherwise."""
    text_above = next((text for _, _, text in reversed(above) if text.strip()), "")
    if not after or not text_above or SENTENCE_END.search(text_above.rstrip()):
        return None
    for keep in range(len(numbers) - 1, -1, -1):
        head = _calls(above, numbers[:keep]) if keep else []
        if head is None:
            continue
        tail: list[tuple[int, int, int]] = []
        finder, position = _CallFinder(after), (0, 0)
        for number in numbers[keep:]:
            call = finder.first(GLUED_CALL, number, position)
            if call is None:
                break
            tail.append((len(above) + call[0], call[1], call[2]))
            position = (call[0], call[2])
        else:
            return head + tail
    return None


def calls(lines: list[tuple[int, int, str]], numbers: list[int]) -> list[tuple[int, int, int]] | None:
    """(line, start, end) of each note number's call in `lines` ((block index, line offset,
    text without tokens) each), in order where they stand in order, or None when one is missing:
    the evidence `footnotes` asks of the calls of numbered endnotes."""
    return _calls(lines, numbers)


def _calls(lines: list[tuple[int, int, str]], numbers: list[int],
           finder: _CallFinder | None = None) -> list[tuple[int, int, int]] | None:
    """(line, start, end) of each note number's call, in order, or None when one is missing.
    Each number takes its first strong call after the previous one; failing that, a loose one,
    but loose ones alone are no evidence (None). Before a loose one, the decimal reading of a
    call glued after a number ending a sentence (decimal_calls, a narrower shape), between the
    previous call and the next number's.
    Of the strong shapes a glued call (`by 1940.4`) is the stronger evidence: a number set off
    by a space before it (`ten years, 4 miles`) is taken only when the next number's call stands
    between the two, so that the glued one cannot be this number's.
    (`finder`: the calls of these lines, if already read.)"""
    found: list[tuple[int, int, int]] = []
    position = (0, 0)
    finder = finder or _CallFinder(lines)
    strong = False  # a call of the strong shape among them
    for at, number in enumerate(numbers):
        call = finder.first(CALL, number, position)
        strong = strong or call is not None
        glued = finder.first(GLUED_CALL, number, position) if call is not None else None
        if glued is not None and call[:2] < glued[:2]:
            following = (finder.first(CALL, numbers[at + 1], (call[0], call[2]))
                         if at + 1 < len(numbers) else None)
            if following is None or following[:2] >= glued[:2]:
                call = glued
        if call is None:  # `second 58.5 The`: read as a decimal, before the next call found
            following = next((later_call for later in numbers[at + 1:]
                              if (later_call := finder.first(CALL, later, position)) is not None), None)
            call = decimal_call_between(lines[:finder.limit], number, position,
                                        following[:2] if following else None)
        if call is None:
            call = finder.first(LOOSE_CALL, number, position)
        if call is None:
            return _unordered_calls(lines, numbers, finder)
        found.append(call)
        position = (call[0], call[2])
    if not strong:  # only words and numbers (`Table 2`, `priority 3`): no evidence of a call
        return None
    return found


def _unordered_calls(lines: list[tuple[int, int, str]], numbers: list[int],
                     finder: _CallFinder | None = None) -> list[tuple[int, int, int]] | None:
    """Calls of the strong shape only, one per number, in any order: an extractor that reads a
    page's columns out of order (right before left) scrambles the calls but not their notes."""
    finder = finder or _CallFinder(lines)
    found = []
    for number in numbers:
        # Out of order, a glued call is preferred to one after a space (`found, 12 needed`).
        call = finder.first(GLUED_CALL, number, (0, 0)) or finder.first(CALL, number, (0, 0))
        if call is None:
            return None
        found.append(call)
    return found


class _CallFinder:
    """The calls of each shape in some lines, by number, read once (a page's feet are tried
    against the same lines for every note number: scanning them each time was quadratic)."""

    def __init__(self, lines: list[tuple[int, int, str]], limit: int | None = None,
                 by_pattern: dict | None = None) -> None:
        self.lines = lines
        self.limit = len(lines) if limit is None else limit  # lines from here on are not read
        self.by_pattern: dict[re.Pattern, dict[int, list[tuple[int, int, int]]]] = \
            {} if by_pattern is None else by_pattern

    def up_to(self, limit: int) -> _CallFinder:
        """The same lines' calls above line `limit` only (sharing what was read)."""
        return _CallFinder(self.lines, limit, self.by_pattern)

    def first(self, pattern: re.Pattern, number: int,
              position: tuple[int, int]) -> tuple[int, int, int] | None:
        """The first call of `number` at or after `position` (line, column), in reading order."""
        calls = self.by_pattern.get(pattern)
        if calls is None:
            calls = self.by_pattern[pattern] = {}
            for index, (_, _, text) in enumerate(self.lines):
                for found, start, end in _line_calls(pattern, text):
                    calls.setdefault(found, []).append((index, start, end))
        line_index, column = position
        for index, start, end in calls.get(number, ()):
            if index >= self.limit:
                break
            if index > line_index or index == line_index and start >= column:
                return index, start, end
        return None


@functools.lru_cache(maxsize=4096)
def _line_calls(pattern: re.Pattern, text: str) -> tuple[tuple[int, int, int], ...]:
    """(number, start, end) of the plausible calls of one shape in a line (the feet of a page are
    tried against the same lines many times)."""
    return tuple((int(m.group(1)), m.start(), m.end()) for m in pattern.finditer(text)
                 if _plausible(text, m.start(1)) and not _counts_something(text, m.start(1), m.end(1)))


_NUMBER_BEFORE = lazy_compile(r"(\d+)([.,])$")
# The short second year of a year range (`2025/26.`, `2023–24,`), after its first year's four
# digits: a whole number, as a year is (`in 2025/26.1`: the call of note 1, not `26.1`).
_SHORT_YEAR_BEFORE = lazy_compile(r"(?<!\d)\d\d(\d\d)[/\u2013-](\d\d)[.,]$")
# A range's short year follows its first year by at most this many years (`2025/26`, a fiscal
# year; `2017–24`, a period): `3.2015/16` or a ratio `1920/45.` read otherwise are no year ranges.
MAX_SHORT_YEAR_SPAN = 10


def _plausible(text: str, start: int) -> bool:
    """Digits after a number and a point are a decimal or a section number (`20.4`, `2.1`), after
    a number and a comma a thousands group (`1,340`); only a year (or a range of years whose
    second year is written short, `2025/26`) then a comma or full stop (`2018,5`, `in 2003.2`,
    `in 2025/26.1`) is followed by a call: a year is whole, the digits after it are no part of
    it. Digits inside square brackets are a citation."""
    if text.rfind("[", 0, start) > text.rfind("]", 0, start):  # `[1, 2]`: a citation, printed
        return False
    window = text[max(0, start - 12):start]
    before = _NUMBER_BEFORE.search(window)
    if before is None or len(before.group(1)) == 4:
        return True
    short = _SHORT_YEAR_BEFORE.search(window)
    return short is not None and 0 < (int(short.group(2)) - int(short.group(1))) % 100 <= MAX_SHORT_YEAR_SPAN


# A number after a space that the next words make a quantity or a date, never a call: a day
# before its month (`from 1 August 2023`: the month's name, in full or cut short), or the first
# term of a proportion (`1 in 7`, `3 out of 5`, `2 of 9`: the words, then another number).
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_COUNTS_AFTER = lazy_compile(rf"\s+(?:(?:{_MONTHS})\b|(?:in|out\s+of|of)\s+[(£$€]?\d)")
# The abbreviation of what a number after it numbers, and its stop (`s. 4`, `p. 14`, `No. 3`,
# `para. 12`, `v. 2`): a section, a page, an item of a series, never a call printed apart
# after a sentence's end.
_NUMBERS_AFTER = lazy_compile(r"(?:^|[\s(])(?i:pp?|vols?|nos?|chs?|figs?|paras?|secs?|cols?|ss?|arts?|cl|sch|v|vers?)\.$")


def _counts_something(text: str, start: int, end: int) -> bool:
    """A number set off by a space before it (a call printed apart, or the text's own number)
    that a month's name or a proportion's words follow, or that an abbreviation numbering
    something precedes: a date's day, a proportion's term, a section's or a page's number."""
    if start == 0 or not text[start - 1].isspace():
        return False
    return _COUNTS_AFTER.match(text, end) is not None \
        or _NUMBERS_AFTER.search(text, 0, start - 1) is not None


def _mark_calls(page: list[Block], lines: list[tuple[int, int, str]], numbers: list[int],
                found: list[tuple[int, int, int]] | None = None) -> None:
    """Wrap each call found in CALL_OPEN/CLOSE (with the space before it, which the call
    replaces), from the end of each line so that earlier columns stay valid. The columns are
    the text's without tokens: where the line has some before the call (emphasis, or a call
    marked already, from the page before), they are put back where the line has them."""
    for index, begin, end in sorted(found or _calls(lines, numbers) or [], reverse=True):
        block_index, offset, _ = lines[index]
        block = page[block_index]
        line = block.lines[offset]
        if strip_tokens(line[:end]) != line[:end]:
            offsets = plain_offsets(line)
            first, last = offsets[begin], offsets[end - 1] + 1
            if strip_tokens(line[first:last]) != line[first:last]:  # a token inside the call
                continue
            begin, end = first, last
        block.lines[offset] = f"{line[:begin]}{CALL_OPEN}{line[begin:end]}{CALL_CLOSE}{line[end:]}"
