"""The lines that may define a page's notes (see page_notes): a definition's shape, whether a
foot's numbers fit the document's sequence of notes, and the numbered lines that are the page's
text instead: a section's head, a list's items (going on with a count begun above, above the
same number's note, or going on below or overleaf).
"""

from __future__ import annotations

import re

from .lazy_re import lazy_compile
from .note_calls import _unordered_calls

# A definition line: the number, then `.`/`)` or a space, or the text glued to it (`1Text`);
# not a section number (`2.2 The heat pumps`).
DEFINITION_START = lazy_compile(r"^(\d{1,3})(?:[.)](?!\d)\s*|\s+|(?=[^\W\d_]|[<(“\"]))(?=\S)")
# `2. How We Evaluated the Scheme`: a short numbered line with no closing punctuation.
_HEADING_LIKE = lazy_compile(r"^\d{1,3}\.?\s+[A-Z][^.!?]{0,70}$")
# A list's item: its number and delimiter, then a space (`2. take`, `3) rebuild`).
_LIST_SHAPE = lazy_compile(r"^(\d{1,3})([.)])\s+\S")
# A list's item above the next one wraps over at most this many lines.
MAX_ITEM_LINES = 6


def _entry_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _definition(text: str, entries: frozenset[str]) -> re.Match | None:
    """The number opening a line that may define a note; a line that repeats an entry of the
    printed contents (`1. Introduction`, a chapter's head the extractor put at the page's foot)
    is that heading, never a note."""
    match = DEFINITION_START.match(text)
    return None if match is None or (entries and _entry_key(text) in entries) else match


def _in_sequence(numbers: list[int], numbering: list[int], first_line: str, glued: bool,
                 at_foot: bool) -> bool:
    """Notes are numbered afresh on each page or on through the document: a foot opens with 1
    or with the number after the last note found. One that skips ahead (a note missed before)
    needs two notes, or one at the very foot of the page, called by a digit glued to its word
    (`glued`: `working.3`, `2018,5`; a number after a space, `the year, 30 had` or `approx. 120
    graves`, is the text's own quantity as often, and the line opening with it at the page's
    foot a wrapped line of the text: `within` / `30 days of the statement date`), that does not
    look like a numbered heading (`16 litres per hour` wrapped to a line start, `above 16
    litres` before it, is neither)."""
    first = numbers[0]
    if first in (1, numbering[0] + 1):
        return True
    if first <= numbering[0]:
        return False
    return len(numbers) >= 2 or (glued and at_foot and not _HEADING_LIKE.match(first_line))


def _heads_a_section(lines: list[tuple[int, int, str]], first: int, end: int,
                     entries: frozenset[str]) -> bool:
    """Does the numbered line `first`, opening a foot that ends at `end`, head a section rather
    than define a note? Its shape is a heading's (a number, a capital, no stop) and the line
    below it opens with the same number and a further one: the section's first subsection
    (`1. Introduction` / `1.1 Purpose of this report`), which a page's foot may hold as well as
    any other part of it. A note's next line goes on with its sentence, or defines the next
    note. (How long the line is says little here: a page read across two columns has lines of
    both measures.)"""
    text = lines[first][2]
    match = _definition(text, entries)
    if match is None or not _HEADING_LIKE.match(text) or first + 1 >= end:
        return False
    return re.match(rf"{int(match.group(1))}\.\d", lines[first + 1][2]) is not None


def _defined_again(lines: list[tuple[int, int, str]], end: int, first: int,
                   entries: frozenset[str], reach: int | None) -> bool:
    """Is note `first` defined again below line `end` on the page (within `reach` lines where no
    page end is known)?"""
    stop = len(lines) if reach is None else min(len(lines), end + reach)
    return any((match := _definition(lines[i][2], entries)) is not None and int(match.group(1)) == first
               for i in range(end, stop))


def _continues_a_list(lines: list[tuple[int, int, str]], base: int, start: int, first: int,
                      entries: frozenset[str]) -> bool:
    """Does the run of numbered lines opening at `start` (`2. take and label…`) go on with a
    count begun just above it, in the same shape (`1. mark out…;`, its number and delimiter)?
    With the same number defined again below it on the page (`2Harwick…` at the foot), it is a
    list of the text, not a foot: a note is defined once, and a foot's first note is the first
    called on its page. So it is where the number is not the next of the document's notes
    (the caller's test): item `3. retail sales…` below `2. … what the pharmacy paid;3`, where
    no note 1 or 2 was found (an endnotes document: no note stands on the page at all), would
    be a note skipping ahead of its sequence. (The count going on alone is no evidence: notes
    set right below a list go on with its count, `2. costs rose.` / `3. Figure…`, then the
    document's next notes; a list in a page's second column repeats the number of the first
    column's note.) The item above may wrap over a few lines
    (MAX_ITEM_LINES); a line numbered otherwise ends the search."""
    shape = _LIST_SHAPE.match(lines[start][2])
    if shape is None or first < 2:
        return False
    for index in range(start - 1, max(base, start - MAX_ITEM_LINES) - 1, -1):
        text = lines[index][2]
        if _definition(text, entries) is None:
            continue  # a line of the item above, wrapped
        above = _LIST_SHAPE.match(text)
        return above is not None and int(above.group(1)) == first - 1 and above.group(2) == shape.group(2)
    return False


def _item_above_its_number(lines: list[tuple[int, int, str]], start: int, end: int,
                           entries: frozenset[str]) -> bool:
    """Is the numbered line at `start`, in a list item's shape (`1. speak at a normal level…`),
    followed by the same number in another shape right below its block (`1 Figures from the
    county…`, within MAX_ITEM_LINES lines)? A note is defined once: of two such, the lower, at
    the page's foot, is the note and the upper an item of the text (a list set just above
    the foot). The list's next items may stand between, in its shape and count (`1. fees…`,
    `2. reimbursement…`, then `1 The range…` and `2 The lists…`: pypdfium2 writes a groff
    page's foot in the middle of a list cut by the page), each within MAX_ITEM_LINES lines of
    the one above. (The same number in the same shape below is a list's or a foot's repeat,
    which _continues_a_list and _defined_again weigh.)"""
    shape = _LIST_SHAPE.match(lines[start][2])
    if shape is None:
        return False
    item, limit = int(shape.group(1)), end + MAX_ITEM_LINES
    index = start + 1
    while index < min(len(lines), limit):
        below = _definition(lines[index][2], entries)
        same_shape = _LIST_SHAPE.match(lines[index][2]) if below is not None else None
        if below is not None and same_shape is not None and same_shape.group(2) == shape.group(2) \
                and int(below.group(1)) == item + 1:
            item, limit = item + 1, max(limit, index + 1 + MAX_ITEM_LINES)  # the list's next item
        elif below is not None and index >= end or below is not None and int(below.group(1)) == int(shape.group(1)):
            return int(below.group(1)) == int(shape.group(1)) and (
                same_shape is None or same_shape.group(2) != shape.group(2))
        index += 1
    return False


def _list_goes_on(lines: list[tuple[int, int, str]], start: int, end: int, last: int,
                  entries: frozenset[str]) -> bool:
    """Does the count of the numbered lines `start`-`end` go on just below them, in the shape of
    a list's items (`1. install…`, `2. relocate…`; a sentence, then `3. install…`)? A list that
    a sentence of the text interrupts, not a foot: a page's notes end it. Unless the text
    between calls that number (`authority,2` above `2. The authority…`): then it is the next
    page's note, that page's end not found. The item below stands within a few lines
    (MAX_ITEM_LINES); a line numbered otherwise ends the search. Below a foot that ends its page
    the caller gives the next page's first lines too: a list's item cut by the page's end (`1.
    Replace the vessel… would cost about £4.1 million, and the`) goes on at the next page's top
    (`Scottish Government's fund… 80% of that.` / `2. Reduce the timetable…`), where no
    page's note is continued (a note cut by the page goes on in the next page's foot); that
    only where the page ends inside a sentence (else the same list may open the next page
    below a whole note), or where the page's foot defines the item's number again."""
    shape = _LIST_SHAPE.match(lines[start][2])
    if shape is None:
        return False
    for index in range(end, min(len(lines), end + MAX_ITEM_LINES)):
        text = lines[index][2]
        if _definition(text, entries) is None:
            continue
        below = _LIST_SHAPE.match(text)
        if below is None or int(below.group(1)) != last + 1 or below.group(2) != shape.group(2):
            return False
        return _unordered_calls(lines[end:index], [last + 1]) is None
    return False


def _notes_run_above(lines: list[tuple[int, int, str]], base: int, start: int, first: int,
                     last_note: int, entries: frozenset[str]) -> bool:
    """Is the run of numbered lines in a list's shape that the line `start` (numbered `first`)
    goes on with the document's notes, their calls unread: it opens with the note after the
    last found (`last_note`), not below a line that introduces a list (ending with a colon) nor
    at the page's top?
    (`3. Root surveys…`, `4. 30 m³…`, then `5. The test…` at a page's foot, notes 1 and 2 found
    before: the foot. `1. fees…`, `2. reimbursement…`, then `3. retail sales…`, below `three
    main sources:`: a list.) Each line of the run within MAX_ITEM_LINES of the next."""
    shape = _LIST_SHAPE.match(lines[start][2])
    count, opening = first, start
    for index in range(start - 1, base - 1, -1):
        if opening - index > MAX_ITEM_LINES:
            break
        if _definition(lines[index][2], entries) is None:
            continue
        above = _LIST_SHAPE.match(lines[index][2])
        if above is None or shape is None or above.group(2) != shape.group(2) or int(above.group(1)) != count - 1:
            break
        count, opening = count - 1, index
    # (a run opening the page goes on from the page before: a foot does not open a page)
    introduced = opening == 0 or lines[opening - 1][2].rstrip().endswith(":")
    return count == last_note + 1 and not introduced
