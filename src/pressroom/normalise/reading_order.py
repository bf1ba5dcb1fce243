"""Pages of a reading-order export whose blocks came out of two columns interleaved.

`pdftotext` without `-layout` writes each paragraph of a page as a block of lines, blocks parted
by a blank line. On some two-column pages it does not read the left column and then the right:
it writes the blocks of both columns as they stand from top to bottom, so that the top of the
right column (often the end of a sentence the left column cut: `…in mind, and` / `neither is
likely…`) comes before the left column's first paragraph. Each column's own blocks keep their
order; the page is the two sequences merged by height.

Which block belongs to which column is read from evidence in the text itself, never from the
page's look alone:

- sentence continuity: a block opening in lower case continues a block ending mid-sentence;
- note calls: the page's note definitions (`1. …` at its foot) give the order of its calls
  (where the notes stand right below a column's last line, as they do at the foot of the left
  column in a design that sets them there, pdftotext writes them in that line's block: a run of
  definitions in sequence ending a block, each called above it, is the foot all the same);
- headings: the printed contents list gives the order of the headings;
- and, to choose between orders the evidence above finds equally good, the merge itself: a
  block's top is the height of the blocks above it in its column (their lines, measured by the
  document's own line length), and the export lists the blocks by their tops.

A page is reordered only when its order breaks the first three kinds of evidence and a split into
two columns mends at least part of it; when nothing mends it, the extractor's order is kept and
a diagnostic says so. Every line keeps the number of the source line it came from.

Where every line holds a column's measure (a design that sets each column's notes at its foot,
as wide as its text), the widths say nothing of columns: a page is read as two only on plain
evidence at both ends of a cut sentence. A block opens in lower case after a finished sentence
(pdfminer lists the right column's top, higher than the left column's chapter heading, first;
pdftotext merges the columns' blocks by height), the page's last block stops mid-sentence and
the next page does not go on with it; and the split must mend every break of positive evidence
and add no weak one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import unicodedata

from .model import BULLETS, CIRCLED, SENTENCE_END, SUPERSCRIPTS, SYMBOLS, State
from .lazy_re import lazy_compile

# A page with more movable blocks than this is not searched (2^n splits): its order is kept.
MAX_BLOCKS = 12
# A column holds about half of a page's width (less the gutter); a note or a line set across the
# page is set in a smaller size, holding more characters still. A document whose lines hold more
# than this share of its widest line (leaders aside) is set in one column.
MAX_COLUMN_SHARE = 0.6
# Page furniture repeats: a line standing first or last on at least this many pages is a
# running head or footer, and stays where the page prints it.
MIN_FURNITURE_PAGES = 2
# A page's head (or foot) is at most this many lines: a running head and a folio, each a line of
# its own (pdftotext writes an odd-even design's `2` and `Title` apart).
HEAD_LINES = 2
# A folio is a short line with a number (`7`, `Page 7 of 30`, `— 7 —`).
MAX_FOLIO_WORDS = 4
# A note definition at a page's foot: `1. Text`, `1 Text`, `1) Text`, `1Text`, `^1 Text`, `[1] Text`
# (a note number has at most three digits: a year opening a sentence is no definition; a bracket
# is followed by a word).
_DEFINITION = lazy_compile(r"^\s*(?:\^?(\d{1,3})(?:[.)]?\s+\S|(?=[A-Z“‘\"'(]))|\[(\d{1,3})\]\s*[^\W\d_])")
# ... or a marker of the footnote alphabet (`① Text`, `¹ Text`, `* Text`)
_MARKED_DEFINITION = lazy_compile(f"^\\s*\\^?([{CIRCLED}{SUPERSCRIPTS}]+|[{SYMBOLS}]+)\\s*\\S")
# pdfminer boxes the last line or two of a note apart from its definition (and a page whose two
# columns each end in notes has their lines side by side, `12…` / `13…` / `12's end` / `13's
# end`): a block of at most this many lines below definitions whose numbers count up is a note's.
MAX_NOTE_TAIL_LINES = 2
# A block below a note's line cut inside a word, opening with the word's rest, is that note's
# next lines (pdftotext -layout parts them with a blank line): a note runs to at most this many.
MAX_CUT_TAIL_LINES = 8
# ... and a note's lines keep its measure: a tail's line is at most this much longer than the
# definition's longest (a ragged right margin leaves the first line a little short).
MAX_TAIL_STRETCH = 1.2
# A page with at least this many of its notes' definitions amid its movable blocks sets its
# notes at each column's foot: its order is left to merged_columns.
MIN_NOTES_AMID = 2
# A heading standing alone on a line is short and carries no end punctuation.
MAX_HEADING_WORDS = 10
# A line cut where its column or page ends is full: at least this share of the column's measure
# (a ragged right margin leaves lines a little shorter than the longest).
FULL_LINE_SHARE = 0.6
# pdftotext writes each cell of a table as a block of its own: a run of at least this many
# short blocks (at most this many lines of at most this many words, no sentence) is a table's,
# and moves as one.
MIN_TABLE_CELLS = 4
MAX_CELL_LINES = 3
MAX_CELL_WORDS = 4
# A table's cells stand side by side, at least two to a row: it stands about this share of its
# cells' lines high.
TABLE_HEIGHT_SHARE = 0.5
# A heading printed on the first line of its paragraph's block is shorter than a line of text:
# at most this share of the measure.
MAX_HEADING_SHARE = 0.8
# A heading is set larger than the text and with space above it: it stands about this many
# text lines high in its column.
HEADING_LINES = 2.0
# The space between two blocks of a column, in text lines.
BLOCK_GAP = 1.0
# How much a line of difference between the two columns' heights weighs against a split, next to
# a line of the export's order against the blocks' tops.
BALANCE_WEIGHT = 0.25
# A split that breaks the evidence this many times more is worse, however well its blocks' tops
# follow the export's order (the tops are estimates: a tie-breaker, never evidence on their own).
EVIDENCE_WEIGHT = 1000.0

_LEADER_ENTRY = lazy_compile(r"^(?P<title>\S.*?)\s*(?:\.\s?){3,}\W*\d{1,4}\s*$")
_HEAD_WORDS = lazy_compile(r"[^\W\d_]{3}")  # a running head holds a word or more
_LEADERS = lazy_compile(r"\.\s?\.\s?\.")
_NUMBERING = lazy_compile(r"^\s*((?:[IVXLC]+|[A-Z]|\d+)[.)]|\d+(?:\.\d+)+\.?)\s+")
# A block opening in lower case, or with a number or year followed by lower case (`1970s the
# channel`, `1905 the company`), continues a sentence; a list's `3. item` does not.
_OPENS_LOWER = lazy_compile(r"^[“‘\"'(]?(?:[a-z]|\d[\d,.]*s?\s+[a-z])")
_LIST_MARKER = lazy_compile(r"^\d+[.)]\s")
# A flattened note call after punctuation: `harbour. 1`, `newspaper." 15`, `2018,5`.
_CALL = lazy_compile(r"(?:(?<=[^\W\d_][.,;:!?])|(?<=[.,;:!?][”’\"')\]]))\s?(\d{1,3})(?![\d]|[.,]\d)")
# Any number after punctuation, a year's stop too (`after 1890.18 Excursion`): a looser call,
# taken only to check that the notes glued to a block's end are the page's own.
_ANY_CALL = lazy_compile(r"(?<=[.,;:!?”’\"')\]])\s?(\d{1,3})(?=[\s.,;:!?)\]”’\"]|$)")
# A line ending in a word cut by a hyphen (`prosper-`, or a soft one).
_WORD_CUT = lazy_compile(r"[^\W\d_][-\u00ad\u2010]$")
# A block's end after its trailing note call is taken off (`…the harbour. 1`).
_TRAILING_CALL = lazy_compile(r"(?<=[.!?…:;,”’\"')\]])\s?\d{1,3}$")
# A list item's marker on a line of its own (`•`, `2.`, `b)`, `(b)`): pdftotext writes it apart from the
# item's text, often as the last line of the block that introduces the list (`…findings are:` /
# `•`); the item's text, in lower case, goes on from it.
_MARKER_LINE = lazy_compile(rf"^(?:[{BULLETS}▪●○■□]|\d{{1,3}}[.)]|[a-z][.)]|\([a-z]\))$")
# A number after an abbreviation that introduces one (`No. 4 in the network's numbering`, `p. 12`,
# `vol. 3`) is that number, not a note's call.
_NUMBERING_ABBREVIATION = lazy_compile(
    r"(?:^|[\s(])(?i:pp?|vols?|nos?|chs?|figs?|paras?|secs?|cols?|art)\.\s?$")


@dataclass
class _Block:
    lines: list[str]
    numbers: list[int]
    heading: int | None = None  # the contents entry its first line (or two) prints
    heading_like: bool = False
    opens_lower: bool = False
    ends_mid: bool = False  # ends mid-sentence
    ends_open: bool = False  # what follows may open in lower case (mid-sentence, a colon, a marker)
    opens_chapter: bool = False  # its first line is the page's running head: the chapter's heading
    table: bool = False  # a table's cells, one block each in the export, moving together
    definition: bool = False  # a note's definition, its sentence finished (a page's or column's foot)

    @property
    def text(self) -> str:
        return " ".join(self.lines)
    calls: list[int] = field(default_factory=list)
    height: float = 0.0


@dataclass
class PagedText:
    """A paged export as the column passes read it: its lines, their source line numbers, its
    pages, the contents list's headings and the page furniture's keys."""
    lines: list[str]
    numbers: list[int]
    pages: list[list[tuple[str, int]]]
    contents: dict[str, int]
    furniture: set[str]


def paged_text(state: State) -> PagedText | None:
    """The export's pages, or None when there are no two pages to read (or columns were read)."""
    if state.columns_read or "\f" not in state.text:
        return None
    lines = state.text.split("\n")
    numbers = state.line_numbers or list(range(1, len(lines) + 1))
    pages = _pages(lines, numbers)
    if len(pages) < 2:
        return None
    return PagedText(lines, numbers, pages, _contents_keys(lines), _furniture_keys(pages))


def reading_order(state: State) -> State:
    paged = paged_text(state)
    if paged is None:
        return state
    lines, pages, contents, furniture = paged.lines, paged.pages, paged.contents, paged.furniture
    page_blocks = [_blocks(page) for page in pages]
    measure = _measure(page_blocks)
    widest = max((len(line.replace("\f", "").strip()) for line in lines
                  if not _LEADER_ENTRY.match(line.replace("\f", "").strip())), default=0)
    if measure is None:
        return state
    # the text's lines as wide as its widest: one column, or columns that hold notes as wide as
    # the text (a design that sets each column's notes at its foot)
    one_column = measure > MAX_COLUMN_SHARE * widest
    parts = [_partition(blocks, furniture, contents) for blocks in page_blocks]
    for _, movable, _, notes in parts:
        for block in movable:
            _read(block, contents, measure, notes)
    out_lines: list[str] = []
    out_numbers: list[int] = []
    previous_open: bool | None = None  # how the previous page's text ended (None: no text yet)
    reordered, kept = [], []
    for index, page in enumerate(pages):
        first_line = page[0][0] if page else ""
        feed = "\f" if first_line.startswith("\f") else ""
        top, movable, foot, notes = parts[index]
        following = parts[index + 1][1] if index + 1 < len(parts) else []
        # Definitions of notes the page calls standing amid its blocks: each column's notes at
        # its foot, merged with the other column's (merged_columns reads such a page)
        found = movable if _notes_amid(movable) else \
            _page_order(movable, previous_open, bool(following) and following[0].opens_lower, one_column)
        if found is None:
            kept.append(movable[0].numbers[0])
        elif found is not movable:
            reordered.append(movable[0].numbers[0])
        order = movable if found is None else found
        # A page without furniture (a title page) may end anyhow: no evidence for the next one.
        furnished = bool(top) or bool(foot)
        # A page never ends on a heading: a short line ending it is a sentence's first line, cut
        # (no evidence either way).
        if order:
            last = order[-1]
            unsure = not furnished or (last.heading_like and last.heading is None)
            previous_open = None if unsure else last.ends_open
        new_page = page
        if order is not movable:
            new_page = _assemble(page, top, order, foot)
            if feed:
                new_page[0] = (feed + new_page[0][0], new_page[0][1])
        out_lines.extend(line for line, _ in new_page)
        out_numbers.extend(number for _, number in new_page)
    if reordered:
        state.text = "\n".join(out_lines)
        state.line_numbers = out_numbers
        state.diagnostics.info(
            "columns-reading-order", reordered[0],
            f"{len(reordered)} page(s) whose blocks came from two columns interleaved were read "
            "left column then right, by sentence continuity, note calls and the contents list")
    for line in kept:
        state.diagnostics.info(
            "columns-order-kept", line,
            "the blocks of this page break sentence, note or heading order, but no reading of two "
            "columns mends it: the extractor's order was kept")
    return state


def _notes_amid(movable: list[_Block]) -> bool:
    """Whether MIN_NOTES_AMID of the movable blocks open with the definition of a note that
    another block of the page calls."""
    called = {int(m.group(1)) for block in movable for line in block.lines
              for m in _ANY_CALL.finditer(line.rstrip())}
    opening = [_note_number(block.lines[0]) for block in movable]
    return sum(1 for number in opening if number and number in called) >= MIN_NOTES_AMID


def _page_order(movable: list[_Block], previous_open: bool | None, next_opens_lower: bool,
                one_column: bool) -> list[_Block] | None:
    """A page's movable blocks in reading order: `movable` itself when nothing says otherwise,
    another order when one mends the evidence, None when the evidence is broken and nothing
    mends it. In a one-column-wide export only a page plainly cut at both ends is looked at."""
    if one_column:
        if not _cut_on_the_page(movable, previous_open, next_opens_lower):
            return movable
        return _column_top_first(movable, previous_open) \
            or _best_order(movable, previous_open, plain=True)
    if len(movable) < 2:
        return movable
    return _best_order(movable, previous_open)


def _pages(lines: list[str], numbers: list[int]) -> list[list[tuple[str, int]]]:
    pages: list[list[tuple[str, int]]] = [[]]
    for line, number in zip(lines, numbers):
        if "\f" in line and pages[-1]:
            head, _, rest = line.rpartition("\f")
            if head.strip("\f").strip():  # text before the form feed ends the page
                pages[-1].append((head.replace("\f", ""), number))
                line = "\f" + rest
            else:
                line = "\f" + rest
            pages.append([])
        pages[-1].append((line, number))
    return pages


def _blocks(page: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """(first, last) indexes of each run of non-blank lines of the page."""
    spans, start = [], None
    for index, (line, _) in enumerate(page):
        if line.replace("\f", "").strip():
            if start is None:
                start = index
        elif start is not None:
            spans.append((start, index - 1))
            start = None
    if start is not None:
        spans.append((start, len(page) - 1))
    return [(page, span) for span in spans]  # type: ignore[misc]


def _key(text: str) -> str:
    text = _NUMBERING.sub("", text.replace("\f", ""))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def _furniture_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", " ", _key(text)).split())


def _contents_keys(lines: list[str]) -> dict[str, int]:
    """The printed contents entries (dot leaders and a page number), key → position; a title
    printed twice is no evidence of order and is left out."""
    found: dict[str, int] = {}
    twice: set[str] = set()
    for line in lines:
        # (leaders and a final figure first: the entry's pattern is slow on a long line of leaders
        # that ends in none)
        match = line.rstrip()[-1:].isdigit() and _LEADERS.search(line) \
            and _LEADER_ENTRY.match(line.replace("\f", "").strip())
        if match:
            key = _key(match.group("title"))
            if key in found:
                twice.add(key)
            found.setdefault(key, len(found))
    return {key: index for key, index in found.items() if key and key not in twice}


def _furniture_keys(pages: list[list[tuple[str, int]]]) -> set[str]:
    tops: Counter = Counter()
    feet: Counter = Counter()
    for page in pages:
        text = [line for line, _ in page if line.replace("\f", "").strip()]
        if text:
            tops.update({_furniture_key(line) for line in text[:HEAD_LINES]})
            feet.update({_furniture_key(line) for line in text[-HEAD_LINES:]})
    return {key for counts in (tops, feet) for key, count in counts.items() if count >= MIN_FURNITURE_PAGES}


def _single(page, span) -> str | None:
    first, last = span
    return page[first][0].replace("\f", "").strip() if first == last else None


def _is_folio(text: str) -> bool:
    return any(c.isdigit() for c in text) and len(text.split()) <= MAX_FOLIO_WORDS \
        and not SENTENCE_END.search(text)


def _cell(page, span, contents: dict[str, int]) -> bool:
    first, last = span
    if _key(" ".join(page[i][0] for i in range(first, last + 1))) in contents:
        return False  # a heading the contents list prints
    return last - first < MAX_CELL_LINES and all(
        len(page[i][0].split()) <= MAX_CELL_WORDS and not SENTENCE_END.search(page[i][0].strip())
        for i in range(first, last + 1))


def _tables(page, spans, contents: dict[str, int]):
    """The spans with each run of a table's cells (short blocks in a row) made one."""
    out: list[tuple[tuple[int, int], bool]] = []
    index = 0
    while index < len(spans):
        end = index
        while end < len(spans) and _cell(page, spans[end], contents):
            end += 1
        if end - index >= MIN_TABLE_CELLS:
            out.append(((spans[index][0], spans[end - 1][1]), True))
            index = end
        else:
            out.append((spans[index], False))
            index += 1
    return out


def _partition(blocks, furniture: set[str], contents: dict[str, int]):
    """The page's blocks: its head (kept first), the movable body, its foot (notes, folio: kept
    last)."""
    if not blocks:
        return [], [], [], set()
    page = blocks[0][0]
    spans = [span for _, span in blocks]
    top_end = 0
    pinned: list[str] = []  # the head's lines
    while top_end < min(HEAD_LINES, len(spans)):  # a folio, then the head (odd-even designs)
        first = _single(page, spans[top_end])
        if first is None:
            break
        key = _furniture_key(first)
        # the page's heading printed again below it (perhaps over two lines): a chapter's head
        repeated = any(_key(first) in (_key(page[a][0]), _key(page[a][0] + " " + page[min(a + 1, b)][0]))
                       for _, (a, b) in blocks[top_end + 1:])
        if not (key in furniture or repeated or _is_folio(first)):
            break
        # Below a first line of furniture (an odd-even design's folio), only a running head of
        # words: a bullet, a list's `2.` or a folio standing second on a page stays movable.
        if pinned and not (_HEAD_WORDS.search(key) and key in furniture):
            break
        pinned.append(first)
        top_end += 1
    foot_start = len(spans)
    notes: list[int] = []
    tails = 0  # blocks below the definitions found so far that may be notes' ends boxed apart
    while foot_start - tails > top_end:
        at = foot_start - tails - 1
        span = spans[at]
        text = _single(page, span)
        if not tails and text is not None and (_is_folio(text) or _furniture_key(text) in furniture):
            foot_start -= 1
            continue
        numbers = [_note_number(page[i][0]) for i in range(span[0], span[1] + 1)]
        numbers = [number for number in numbers if number is not None]
        symbols = set(numbers) == {0} and (not notes or set(notes) == {0})
        if numbers and _note_number(page[span[0]][0]) is not None and (symbols or (
                _in_sequence(numbers, notes))) and _tails_fit(page, span, spans[at + 1:at + 1 + tails]):
            if not notes and _numbered_heading(page, span, spans[top_end:at]):
                break  # the page's text ends with a numbered heading and its section, no notes
            notes = numbers + notes
            foot_start, tails = at, 0
            continue
        if span[1] - span[0] < MAX_NOTE_TAIL_LINES or _word_goes_on(page, spans, at, top_end):
            tails += 1  # the foot's only if definitions stand above it
            continue
        # The page's text and its first notes in one block: pdftotext leaves out the blank line
        # when the notes stand right below the column's last line (a two-column page whose notes
        # sit at the foot of its left column, the right column's text beside them).
        glued = _glued_notes(page, span, notes, spans[top_end:at])
        if glued is not None:
            start, numbers = glued
            spans[at:at + 1] = [(span[0], start - 1), (start, span[1])]
            notes = numbers + notes
            foot_start = at + 1
        break
    movable = [_Block([page[i][0].replace("\f", "") for i in range(a, b + 1)],
                      [page[i][1] for i in range(a, b + 1)], table=table)
               for (a, b), table in _tables(page, spans[top_end:foot_start], contents)]
    heads = {_key(text) for text in pinned[:1]}  # the page's own head: its first line
    for block in movable:
        block.opens_chapter = bool(heads & {_key(block.lines[0]), _key(" ".join(block.lines[:2]))})
    return spans[:top_end], movable, spans[foot_start:], set(notes)


def _word_goes_on(page, spans, at: int, top_end: int) -> bool:
    """Does the block `at` open with the rest of a word the block above it cut at its end
    (`…reformed sev-` / blank line / `eral times…`, pdftotext -layout writing a note's first
    line apart from its next ones), in at most MAX_CUT_TAIL_LINES lines? Then it goes on with
    that block whatever its length: a note's tail when a definition stands above it."""
    if at <= top_end or spans[at][1] - spans[at][0] >= MAX_CUT_TAIL_LINES:
        return False
    above = page[spans[at - 1][1]][0].replace("\f", "").rstrip()
    return bool(_WORD_CUT.search(above)) and page[spans[at][0]][0].replace("\f", "").lstrip()[:1].islower()


def _tails_fit(page, span, tails) -> bool:
    """Whether the blocks below a definition can be its note's last lines boxed apart: none of
    their lines is much longer than the definition's longest (a note's lines keep its measure; a
    paragraph below a short `1. Heading`, or an export that prints each paragraph on one line,
    has longer ones: body text, which the foot never takes)."""
    if not tails:
        return True
    longest = max(len(page[i][0].strip()) for i in range(span[0], span[1] + 1))
    return all(len(page[i][0].strip()) <= MAX_TAIL_STRETCH * longest for a, b in tails for i in range(a, b + 1))


def _in_sequence(numbers: list[int], notes: list[int]) -> bool:
    """The numbers count up by one, into the notes found below them (if any)."""
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) \
        and (not notes or numbers[-1] + 1 == notes[0])


def _glued_notes(page, span, notes: list[int], above) -> tuple[int, list[int]] | None:
    """(index of its first line, numbers) of the run of note definitions ending the block
    `span`, when its lines above are the page's text: the run's numbers count up by one into
    the notes below it, and each is called in the page's text above the run. None otherwise."""
    first, last = span
    found: tuple[int, list[int]] | None = None
    numbers: list[int] = []
    for index in range(last, first, -1):  # the block's first line is text: its own block else
        number = _note_number(page[index][0])
        if number is None or number == 0:
            continue  # a note's continued line (or a symbol: no sequence to check)
        numbers.insert(0, number)
        if not _in_sequence(numbers, notes):
            break
        found = (index, list(numbers))
    if found is None:
        return None
    start, numbers = found
    text = [page[i][0] for a, b in above for i in range(a, b + 1)] \
        + [page[i][0] for i in range(first, start)]
    called = {int(m.group(1)) for line in text
              for m in _ANY_CALL.finditer(line.replace("\f", "").rstrip())}
    if not set(numbers) <= called:
        return None
    return found


def _numbered_heading(page, span, above) -> bool:
    """Does the block `span`, the last of its page, open with a numbered heading rather than a
    note's definition (`2. The Homes and the Installations`, then its first section)? Its first
    line has a heading's shape (short, no closing punctuation) and its number is called nowhere
    in the page's text above it: a definition's number is (a page's notes are its calls')."""
    first = page[span[0]][0].replace("\f", "").strip()
    number = _note_number(first)
    if not number or not _heading_shaped(first):
        return False
    called = {int(m.group(1)) for a, b in above for i in range(a, b + 1)
              for m in _ANY_CALL.finditer(page[i][0].replace("\f", "").rstrip())}
    return number not in called


def _note_number(line: str) -> int | None:
    """The number of the note a line defines (a symbol counts as 0), or None."""
    line = line.replace("\f", "")
    match = _DEFINITION.match(line)
    if match:
        return int(match.group(1) or match.group(2))
    match = _MARKED_DEFINITION.match(line)
    if not match:
        return None
    try:
        return int("".join(str(int(unicodedata.numeric(c))) for c in match.group(1)))
    except (TypeError, ValueError):
        return 0  # a symbol: *, †


def _heading_shaped(line: str) -> bool:
    """Short, opening in upper case (after its numbering), no end punctuation."""
    return len(line.split()) <= MAX_HEADING_WORDS and _NUMBERING.sub("", line)[:1].isupper() \
        and not re.search(r"[.,;:!?]\W*$", line)


def _read(block: _Block, contents: dict[str, int], measure: float, notes: set[int]) -> None:
    if block.table:  # no sentence, heading or call to read in its cells
        block.height = TABLE_HEIGHT_SHARE * sum(1 for line in block.lines if line.strip())
        return
    lines = [line.strip() for line in block.lines]
    for count in (1, 2):
        if len(lines) >= count and _key(" ".join(lines[:count])) in contents:
            block.heading = contents[_key(" ".join(lines[:count]))]
            body = lines[count:]
            break
    else:
        body = lines
    last = lines[-1]
    block.heading_like = not body or (len(lines) == 1 and _heading_shaped(last))
    opening = body[0] if body else ""
    # (a short line alone in lower case is a title's or a label's second line, no evidence)
    block.opens_lower = bool(body) and bool(_OPENS_LOWER.match(opening)) \
        and not _LIST_MARKER.match(opening) and not (len(lines) == 1 and len(last.split()) <= MAX_HEADING_WORDS)
    ending = _TRAILING_CALL.sub("", last)
    # a list's marker printed apart (`1.`, `•`), alone or ending the block that leads into its list
    marker = not any(c.isalpha() for c in block.text) or bool(_MARKER_LINE.match(last))
    # A paragraph cut at a column's or a page's foot has full lines, its last one too; a block
    # of shorter lines without a stop is a title page's, an address's, a label's.
    glued = len(body) > 1 and _heading_shaped(body[0]) and len(body[0]) < MAX_HEADING_SHARE * measure
    wrapped = body[1:] if glued else body
    # pdftotext may write several paragraphs of a column as one block (a design that parts them
    # by no space): a block in which a sentence ends is prose, whose short lines end its
    # paragraphs; its last paragraph is the one cut, full to its last line.
    prose = any(SENTENCE_END.search(_TRAILING_CALL.sub("", line)) for line in wrapped[:-1])
    cut = wrapped[_last_short(wrapped, measure) + 1:] if prose else wrapped
    block.ends_mid = bool(body) and not block.heading_like and not marker \
        and not _LEADER_ENTRY.match(last) \
        and not SENTENCE_END.search(ending) and not ending.endswith(":") \
        and (bool(cut) and all(len(line) >= FULL_LINE_SHARE * measure for line in cut)
             or bool(_WORD_CUT.search(last)))  # a word cut at its end goes on, however short its line
    # what follows a colon or a marker may open in lower case (a list's items)
    block.ends_open = block.ends_mid or marker or ending.endswith(":")
    # A note's definition standing amid the page's blocks is the foot of a page (or column) whose
    # end the export did not mark: a sentence its text left unfinished goes on below it. (A
    # note's text ends a sentence, and its number opens no sentence going on: a table's row
    # `40 °C or lower 7 3.5`, a page's top `21 per cent; homes…` is no note.)
    block.definition = _note_number(lines[0]) is not None and not block.heading_like \
        and block.heading is None and not block.ends_open and not block.opens_lower \
        and bool(SENTENCE_END.search(ending))
    block.calls = [int(m.group(1)) for line in body for m in _CALL.finditer(line)
                   if int(m.group(1)) in notes
                   and not _NUMBERING_ABBREVIATION.search(line[max(0, m.start(1) - 8):m.start(1)])]
    # a heading's line (printed in the contents, or alone, or opening its block in its shape)
    # stands taller than a line of text
    text = [] if block.heading_like else wrapped if block.heading is None else body
    heading_line = block.heading is not None or block.heading_like or glued
    block.height = sum(max(1.0, round(len(line) / measure)) for line in text) \
        + (HEADING_LINES if heading_line else 0.0)


def _last_short(lines: list[str], measure: float) -> int:
    """The index of the last line shorter than a full one (-1: none)."""
    short = [i for i, line in enumerate(lines) if len(line) < FULL_LINE_SHARE * measure]
    return short[-1] if short else -1


def _measure(page_blocks) -> float | None:
    """The length of a column's full line: the median of the lines that do not end a block."""
    lengths = [len(page[i][0].strip()) for blocks in page_blocks for page, (a, b) in blocks
               for i in range(a, b) if not _LEADER_ENTRY.match(page[i][0].replace("\f", "").strip())]
    import statistics  # (its import costs more than most pages' reading: only pages in columns)

    return float(statistics.median(lengths)) if lengths else None


def _evidence(order: list[_Block], previous_open: bool | None, column_end: int = -1) -> tuple[int, int]:
    """(breaks of positive evidence, all breaks) of the blocks read in this order: a block
    opening in lower case after no sentence to continue, note calls going back, headings out of
    the contents' order; and a sentence left unfinished before a block that does not go on, a
    heading ending a column (`column_end`: the left column's last block)."""
    positive = weak = 0
    before = previous_open
    text_before: _Block | None = None  # the last block of text read (notes' definitions aside)
    for block in order:
        if block.opens_lower and before is not None and not before:
            positive += 1
        if block.definition:
            continue  # a foot's notes between a sentence's halves: the sentence goes on below them
        if text_before is not None and text_before.ends_mid and not block.opens_lower:
            weak += 1
        before = block.ends_open
        text_before = block
    if order[-1].heading_like or order[column_end].heading_like:
        weak += 1  # a heading is kept with the text it opens: it never ends a column
    if any(b.table for b in order[:column_end + 1]) and any(b.table for b in order[column_end + 1:]):
        weak += 1  # the pieces of a table the export cut apart stand in one column
    calls = [call for block in order for call in block.calls]
    positive += sum(1 for a, b in zip(calls, calls[1:]) if b < a)
    headings = [block.heading for block in order if block.heading is not None]
    positive += sum(1 for a, b in combinations(headings, 2) if b < a)
    # a chapter opens its page: its heading, which the page's running head repeats, comes first
    positive += sum(1 for block in order[1:] if block.opens_chapter)
    return positive, positive + weak


def _disorder(blocks: list[_Block], right: list[bool]) -> float:
    """How far the export's order strays from the blocks' tops in their columns (0: the export
    lists them exactly as they stand from top to bottom)."""
    tops = [0.0] * len(blocks)
    heights = {False: 0.0, True: 0.0}
    for index, block in enumerate(blocks):
        column = right[index]
        tops[index] = heights[column]
        heights[column] += block.height + BLOCK_GAP
    # Columns are filled (or balanced) to the same height: the left one is no shorter than the right
    # one, and no longer than it by more than its last paragraph.
    stray = abs(heights[False] - heights[True]) * BALANCE_WEIGHT
    for i, j in combinations(range(len(blocks)), 2):
        if right[i] != right[j] and tops[i] > tops[j]:
            stray += tops[i] - tops[j]
    return stray


def _best_order(blocks: list[_Block], previous_open: bool | None,
                plain: bool = False) -> list[_Block] | None:
    """The blocks in reading order: `blocks` itself when their order breaks no evidence, another
    list when a split into two columns mends it, None when nothing mends it. `plain`: only a
    split that mends every break of positive evidence and adds no weak one will do (a page whose
    widths do not say it has two columns)."""
    positive, total = _evidence(blocks, previous_open)
    if positive == 0:
        return blocks
    if len(blocks) > MAX_BLOCKS:
        return None
    best: tuple[float, list[_Block]] | None = None
    best_evidence = (positive, total)
    for mask in range(1, 2 ** len(blocks)):
        right = [bool(mask >> i & 1) for i in range(len(blocks))]
        order = [b for b, r in zip(blocks, right) if not r] + [b for b, r in zip(blocks, right) if r]
        evidence = _evidence(order, previous_open, right.count(False) - 1)
        cost = EVIDENCE_WEIGHT * evidence[1]
        if best is not None and cost >= best[0]:
            continue  # the disorder only adds to a cost already no better (exact; most splits)
        cost += _disorder(blocks, right)
        if best is None or cost < best[0]:
            best = (cost, order)
            best_evidence = evidence
    assert best is not None
    if plain:
        # (the weak breaks the extractor's order has inside the page, such as pdfminer's boxes
        # that cut a list item, stay in any order)
        mended = best_evidence[0] == 0 and best_evidence[1] <= total - positive
    else:
        mended = best_evidence[0] < positive and best_evidence[1] < total
    return best[1] if mended else None


def _cut_on_the_page(blocks: list[_Block], previous_open: bool | None,
                     next_opens_lower: bool) -> bool:
    """A block of the page opens in lower case after one that ended its sentence (or, first,
    after a page that did), and the page's last block stops mid-sentence with no lower-case
    text opening the next page: a sentence cut whose other piece is on the page itself, out of
    place."""
    if len(blocks) < 2 or next_opens_lower or not blocks[-1].ends_mid:
        return False
    before = previous_open
    for block in blocks:
        if block.opens_lower and before is False:
            return True
        before = block.ends_open
    return False


def _column_top_first(blocks: list[_Block], previous_open: bool | None) -> list[_Block] | None:
    """The page read with the top of its right column, which the extractor wrote first (it
    stands higher than the left column's chapter heading: pdfminer lists its boxes by their
    tops), moved after the left column's last block: the shortest leading run of blocks whose
    move breaks no positive evidence and no more of the weak than the extractor's order. It is
    tried before any other split (and on a page of more blocks than are searched). None when no
    such run mends the page."""
    if not blocks[0].opens_lower:
        return None
    positive, total = _evidence(blocks, previous_open)
    for count in range(1, len(blocks)):
        order = blocks[count:] + blocks[:count]
        moved = _evidence(order, previous_open, len(blocks) - count - 1)
        if moved[0] == 0 and moved[1] <= total - positive:
            return order
    return None


def _assemble(page, top, order: list[_Block], foot) -> list[tuple[str, int]]:
    """The page's lines with its movable blocks in `order`, one blank line between them."""
    begin = top[-1][1] + 1 if top else 0
    end = foot[0][0] if foot else len(page)
    # the lines up to the first movable block, as the page has them; then the blocks; then the rest
    lines = [(line.replace("\f", ""), n) for line, n in page]
    head = lines[:begin]
    while begin < end and not lines[begin][0].strip():
        head.append(lines[begin])
        begin += 1
    tail_start = end
    while tail_start > begin and not lines[tail_start - 1][0].strip():
        tail_start -= 1
    body: list[tuple[str, int]] = []
    for index, block in enumerate(order):
        if index:
            body.append(("", block.numbers[0]))
        body.extend(zip(block.lines, block.numbers))
    return head + body + lines[tail_start:]
