"""A table's rows, printed one a line with single spaces among hard-wrapped text, stay one a line.

pypdf and pypdfium2 write a simple table row by row, its cells parted by spaces (`Good 80–100
251 61 %`), inside the page's run of lines. Read as wrapped text, the rows would be joined into
one paragraph with the header and the text around them.

A table is a run of short lines (well short of the document's full line, as `reflow` measures
it) that close no clause, at least `MIN_ROWS` of which carry several numbers (its rows). A cell
of text too wide for its column wraps: its lines, which carry no numbers, stand above the line
that ends its row with the row's numbers (`Industry and` / `quarrying` / `5.2 2.6`), so a row is
its own line with numbers and the wrapped lines just above it. A row printed as numbers only,
first in the table, has its text cell above it over as many lines as the table's other wrapped
rows take. The header is the lines between the last line that closes a text and the first row
(its cells wrap too: `Flow temperature on design` / `day Homes` / `Median performance` /
`factor`). A table opens after a line that closes a text, a numbered heading or a caption
(`Table 2. Night shifts by site`), or at a block's start.

The header and each row become a block of their own (`table`: no later pass splits it by line
length, takes it for a caption or joins the next page's text to it), and the text after the
table opens a paragraph.
(`table_rows` finds a layout-preserving export's tables by their aligned gaps, later.)
"""

from __future__ import annotations

from collections import Counter

from .model import Block, State, strip_tokens
from .reflow import measure
from .lazy_re import lazy_compile

# A row is at most this share of the document's full line (a wrapped line of text is near 1).
MAX_ROW_SHARE = 0.75
# A row carries at least this many numbers (a line of text may hold one; a contents entry its
# section number and its page).
MIN_ROW_NUMBERS = 2
# A table has at least this many rows with numbers: two short lines could be anything.
MIN_ROWS = 3
# A wrapped cell of a row takes at most this many lines above the row's numbers (a text cell
# wrapped in a narrow column: two or three lines; more is text, not a cell).
MAX_CELL_LINES = 3
# A header takes at most this many lines (each of its cells wrapped over two or three lines),
# or `HEADER_LINES_A_COLUMN` for each of the table's columns (its label and its numbers).
MAX_HEADER_LINES = 8
HEADER_LINES_A_COLUMN = 2

_NUMBER = lazy_compile(r"^[(+−-]?\d[\d.,–%]*%?\)?$")
_CLOSES = lazy_compile(r"[.;:!?,…][”’\"')\]]*$")
_LEADER = lazy_compile(r"(?:\.\s?){3,}")
# A numbered heading or contents entry (`2.1 The homes 4`) is no row.
_SECTION = lazy_compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\s+[^\W\d_]")
# A line ending in a number range's open dash (`2022–`): the range goes on on the next line.
_OPEN_RANGE = lazy_compile(r"\d[–‒]$")
_ENDS_TEXT = lazy_compile(r"[.;:!?…][”’\"')\]]*\d{0,3}\s*$")
# A table's caption (`Table 2. Night shifts by site`) is a text of its own above the table, no
# header cell: the table opens after it.
CAPTION = lazy_compile(r"^(?:Table|Figure|Fig\.)\s+\d+(?:\.\d+)*[.:]?(?:\s|$)")


def number_rows(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) found the table by its geometry
        return state
    measured = measure(state.blocks)
    if measured is None:
        return state
    full = measured[1]
    out: list[Block] = []
    for block in state.blocks:
        plain = [strip_tokens(line).strip() for line in block.lines]
        if len(plain) < MIN_ROWS or block.kind != "para" or block.item:
            out.append(block)
            continue
        groups = _tables(plain, full)
        out.extend(_split(block, groups) if groups else [block])
    state.blocks = out
    return state


def _numbers(line: str) -> int:
    return sum(bool(_NUMBER.match(token)) for token in line.split())


def _short(line: str, full: int) -> bool:
    return bool(line) and len(line) <= MAX_ROW_SHARE * full and not _CLOSES.search(line) \
        and not _LEADER.search(line) and not _SECTION.match(line)


def _is_row(line: str, full: int) -> bool:
    return _short(line, full) and _numbers(line) >= MIN_ROW_NUMBERS


def _is_cell_line(line: str, full: int) -> bool:
    """A line of a wrapped text cell: short, closing nothing, no number of its own."""
    return _short(line, full) and _numbers(line) == 0


def _numbers_only(line: str) -> bool:
    return all(_NUMBER.match(token) or token == "%" for token in line.split())


def _tables(plain: list[str], full: int) -> list[list[int]]:
    """The groups of line offsets that become blocks of their own: each table's header (if
    any), then each of its rows with the lines of its wrapped cell."""
    groups: list[list[int]] = []
    index = 0
    while index < len(plain):
        if not _is_row(plain[index], full):
            index += 1
            continue
        rows: list[list[int]] = [[index]]
        end = index + 1  # the line after the table's last row
        pending: list[int] = []
        while end + len(pending) < len(plain):
            offset = end + len(pending)
            if _is_row(plain[offset], full):
                rows.append(pending + [offset])
                end, pending = offset + 1, []
            elif _is_cell_line(plain[offset], full) and len(pending) < MAX_CELL_LINES:
                pending.append(offset)
            else:
                break
        if len(rows) < MIN_ROWS:
            index = end
            continue
        first = _first_row_start(plain, rows, full)
        header = _header(plain, first, full)
        if header is not None:
            if header:
                groups.append(header)
            groups.append(list(range(first, index + 1)))
            groups.extend(rows[1:])
        index = end
    return groups


def _first_row_start(plain: list[str], rows: list[list[int]], full: int) -> int:
    """Where the first row starts: on its line, or, when it is numbers only and the table's
    other rows printed as numbers only carry their text cell above them, as many lines up as
    they most often do."""
    first = rows[0][0]
    if not _numbers_only(plain[first]):
        return first
    above = Counter(len(row) - 1 for row in rows[1:] if _numbers_only(plain[row[-1]]) and len(row) > 1)
    if not above:
        return first
    lines = above.most_common(1)[0][0]
    start = first
    while start > 0 and first - start < lines and _is_cell_line(plain[start - 1], full):
        start -= 1
    return start


def _header(plain: list[str], first: int, full: int) -> list[int] | None:
    """The header's lines above the first row (perhaps none), or None when no line closing a
    text or a numbered heading (or the block's start) stands within reach above it: then it is
    no table. A header cell wrapped after a year range's dash goes on with the range's end
    (`2022–` over `23 Change`): that line is no numbered heading. Each of the table's columns
    may wrap its header cell over two lines (`HEADER_LINES_A_COLUMN`), the header taking
    `MAX_HEADER_LINES` at least."""
    columns = 1 + max(_numbers(plain[first + k]) for k in range(min(MIN_ROWS, len(plain) - first)))
    reach = max(MAX_HEADER_LINES, HEADER_LINES_A_COLUMN * columns)

    def opens(offset: int) -> bool:  # the line above the header opens the table
        line = plain[offset]
        return bool(_ENDS_TEXT.search(line) or CAPTION.match(line) or numbered_heading(plain, offset))

    start = first
    while start > 0 and first - start < reach:
        line = plain[start - 1]
        if opens(start - 1):
            break
        if not line or _CLOSES.search(line) or _LEADER.search(line) or _numbers(line) >= MIN_ROW_NUMBERS \
                and not (start == first and _header_of_figures(line, plain[first], full)
                         and (start == 1 or opens(start - 2))):  # the header's one line: text closes above it
            return None
        start -= 1
    if start > 0 and not opens(start - 1):
        return None
    return list(range(start, first))


def _header_of_figures(line: str, row: str, full: int) -> bool:
    """Whether a line right above a table's first row, too long to be a row, is its header
    though it holds figures (years: `Case Share Graves a year, 2030 Graves, 2029–2075 Land (ha)`
    in a narrow measure): fewer figures than the row below, and more words than figures (a row
    is figures after a label). The caller asks, too, that a text close right above it (a line
    of a paragraph run on into the table is no header)."""
    figures = _numbers(line)
    return not _short(line, full) and figures < _numbers(row) and len(line.split()) >= 2 * figures


def numbered_heading(lines: list[str], offset: int) -> bool:
    """Whether the line at `offset` has a numbered heading's shape (`2.1 The homes`), and is no
    number range's end going on from the line above (`2022–` over `23 Change`, a header cell
    wrapped after the range's dash)."""
    return bool(_SECTION.match(lines[offset])) and not (offset > 0 and _OPEN_RANGE.search(lines[offset - 1]))


def _split(block: Block, groups: list[list[int]]) -> list[Block]:
    """The block cut into the groups (one block each, marked `table`) and the text between."""
    owner = {offset: number for number, group in enumerate(groups) for offset in group}
    pieces: list[Block] = []
    previous: int | None = None  # the group of the previous line (None: text)
    for offset, raw in enumerate(block.lines):
        group = owner.get(offset)
        if not pieces or group != previous:
            piece = Block([raw], block.start + offset, block.start + offset, block.kind,
                          page_break_before=block.page_break_before and not pieces)
            if pieces:
                piece.continues = False  # a row, or the text after a table, continues nothing
            else:
                piece.carry(block)
            piece.table = group is not None
            pieces.append(piece)
        else:
            pieces[-1].lines.append(raw)
            pieces[-1].end = block.start + offset
        previous = group
    return pieces
