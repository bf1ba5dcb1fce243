"""The flattened calls of numbered endnotes, where some of them cannot be read.

`footnotes` takes plain digits in the body for the calls of the notes under a `Notes` heading
when every number 1…N is called, in order (page_notes.calls). One call an extractor made
unreadable (`in the second 58.5 The tower`: the call `5` glued after a number ending a
sentence, read as a decimal) then lost every note of the document. Here the sequence proves
what it can: the longest run of glued calls (`summers.4`, the strongest shape: a number after
a stop and a space, `years, 4 miles`, is as often the text's own) whose numbers rise as the
text goes on is taken, and each number it misses (a hole) is looked for between the calls of
its two neighbours only: a call of the strong shape, the decimal reading of one
(decimal_calls), or a call of the loose shape, one and only one there. Numbers still missing
keep their digits as text and their notes stay where they are, with a diagnostic; no call is
ever invented. Without enough glued calls in sequence (MIN_PROVEN_SHARE) nothing is taken.
"""

from __future__ import annotations

import bisect
import math

from .decimal_calls import decimal_call_between
from .lazy_re import lazy_compile
from .model import State
from .note_calls import CALL, GLUED_CALL, LOOSE_CALL, _line_calls

# Of the N notes, at least this share must be called by glued calls in sequence for any call
# to be taken, holes filled or not: three of four notes, 24 of 32. Less is not a sequence but
# numbers that happen to rise.
MIN_PROVEN_SHARE = 0.75
# A sequence with holes proves nothing with fewer notes than this (two of three called
# might be any two numbers of the text).
MIN_NOTES_WITH_HOLES = 4

Position = tuple[int, int]
Call = tuple[int, int, int]  # (line, start, end)


def _candidates(lines: list[tuple[int, int, str]], pattern, wanted: set[int],
                spaced: bool = False) -> list[tuple[int, int, int, int]]:
    """(line, start, end, number) of every call of the pattern's shape of a wanted number. A
    `spaced` shape (a number after a space) followed by another number is a table row's cell
    (`Carpinus (hornbeam) 9 163 4`, a table read into one line), never a call."""
    return [(index, start, end, number) for index, (_, _, text) in enumerate(lines)
            for number, start, end in _line_calls(pattern, text)
            if number in wanted and not (spaced and _NEXT_CELL.match(text, end))]


# Another number after the candidate's: `9 163`, `9 (1,090)`, `9 £12`.
_NEXT_CELL = lazy_compile(r"\s+[(£$€−-]?\d")


def _longest_rising(candidates: list[tuple[int, int, int, int]]) -> dict[int, Call]:
    """Of calls in reading order, the longest run whose numbers strictly rise (of equal runs,
    the one ending earliest): number → call."""
    tails: list[int] = []  # tails[k]: the least last number of a rising run of k + 1
    tail_at: list[int] = []  # the candidate ending that run
    parent: list[int | None] = []
    for at, (_, _, _, number) in enumerate(candidates):
        k = bisect.bisect_left(tails, number)
        parent.append(tail_at[k - 1] if k else None)
        if k == len(tails):
            tails.append(number)
            tail_at.append(at)
        else:
            tails[k] = number
            tail_at[k] = at
    chain: dict[int, Call] = {}
    at = tail_at[-1] if tail_at else None
    while at is not None:
        line, start, end, number = candidates[at]
        chain[number] = (line, start, end)
        at = parent[at]
    return chain


def _one_between(candidates: list[tuple[int, int, int, int]], number: int, after: Position,
                 before: Position | None) -> Call | None:
    inside = [(line, start, end) for line, start, end, found in candidates
              if found == number and (line, start) >= after and (before is None or (line, start) < before)]
    return inside[0] if len(inside) == 1 else None


def proven_calls(state: State, lines: list[tuple[int, int, str]], numbers: list[int],
                 where: int) -> list[Call] | None:
    """(line, start, end) of the calls the sequence proves, for notes numbered `numbers` (1…N),
    or None when it proves too little. Diagnostics name the numbers left uncalled (`where`: the
    notes heading's line)."""
    if len(numbers) < MIN_NOTES_WITH_HOLES:
        return None
    wanted = set(numbers)
    chain = _longest_rising(_candidates(lines, GLUED_CALL, wanted))
    # The holes a decimal reading fills count as proven: its shape is narrower than a glued
    # call's. Those a call after a space fills (`ten years, 4 miles`) do not.
    _fill(chain, numbers, lambda number, after, before: decimal_call_between(lines, number, after, before))
    if len(chain) < math.ceil(MIN_PROVEN_SHARE * len(numbers)):
        return None  # too few calls in sequence: the numbers may be anything
    strong = _candidates(lines, CALL, wanted, spaced=True)
    loose = _candidates(lines, LOOSE_CALL, wanted, spaced=True)
    _fill(chain, numbers, lambda number, after, before: _one_between(strong, number, after, before)
          or _one_between(loose, number, after, before))
    missing = [number for number in numbers if number not in chain]
    if missing:
        state.diagnostics.warning("endnote-call-unread", where,
                                  f"no call of endnote{'s' if len(missing) > 1 else ''} "
                                  f"{', '.join(map(str, missing))} found between the calls of "
                                  "the notes around it; the rest are linked, these kept as text")
    return [chain[number] for number in numbers if number in chain]


def _fill(chain: dict[int, Call], numbers: list[int], find) -> None:
    """Each number missing from `chain` taken where `find(number, after, before)` finds its
    call between the calls of its neighbours in the chain (in order: a hole filled is the next
    one's neighbour)."""
    for number in numbers:
        if number in chain:
            continue
        after = max(((c[0], c[2]) for n, c in chain.items() if n < number), default=(0, 0))
        before = min(((c[0], c[1]) for n, c in chain.items() if n > number), default=None)
        call = find(number, after, before)
        if call is not None:
            chain[number] = call
