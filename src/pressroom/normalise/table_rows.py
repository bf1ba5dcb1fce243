"""The rows of a table printed by a layout-preserving export stay rows.

`pdftotext -layout` prints a table as lines whose cells are parted by wide runs of spaces that
line up from row to row. Read as a paragraph, its rows would run into one another and into the
paragraph below (`Public water supply 31.5 22.4 Spray irrigation 9.8 4.1 …`). Lines of a block
that share such a blank band, several in a row, are each a row of their own (kind `table_row`):
no later pass joins them, and each is written as a line of its own text, its cells parted by
one space. Nothing is dropped; the text keeps its order but for a wrapped row's pieces, put
back in their columns.

A cell too wide for its column wraps. Below a row, a line holding only a first-column cell, no
wider than that column, continues the row's first cell (`Industry and` / `quarrying`); header
lines above the first row with numbers, one of which fills fewer columns than the table has,
are one header whose cells wrapped (`Licensed (Mm³/` over `yr)`). Such lines make one row, each
column's pieces joined top to bottom.
"""

from __future__ import annotations


from collections import Counter
from typing import Callable

from .model import BULLETS, Block, State, strip_tokens
from .lazy_re import lazy_compile

# A table has at least this many rows printed one under another (a header and two rows).
MIN_TABLE_ROWS = 3
# Cells are parted by at least this many spaces: justified text leaves one or two between words.
MIN_CELL_GAP = 3
# A table's body (its rows of figures) has at least this many rows for its columns to be read
# from them alone (`_band_lines`).
MIN_BODY_ROWS = 2
# A table read from its body's bands holds no line of running text in its body: no piece of a
# cell on one line holds more than this many words.
MAX_BODY_CELL_WORDS = 7
# A table's cells are short: the median cell holds at most this many words (a column of running
# text, set beside another, holds a line of eight or more).
MAX_CELL_WORDS = 5

# A table of text cells whose cells wrap is read row by row (`_text_row_starts`) only when at least
# this many of its lines open a row (a header and two rows).
MIN_TEXT_ROWS = 3

# A header wraps over at most this many lines.
MAX_HEADER_LINES = 4

# A table of running-text cells: some column's pieces (a cell's piece on one line) hold at least
# this many words in the median, a sentence wrapped in a column (`missing receipt will lead to
# the`), and at least `MIN_TEXT_ROWS` lines leave the table's left edge blank (its cells wrapped
# below their row's first line); a column of labels holds fewer words a line (`Ferries and`,
# `Public water supply`), and the rows of a table of figures open at its left edge. Such a
# table's other cells wrap with it, and a figure among them is a piece of a cell (`31` over
# `March` over `2025`), no row of figures.
MIN_TEXT_CELL_WORDS = 4

_GAP = lazy_compile(r" {%d,}" % MIN_CELL_GAP)
_GAP_CELL = lazy_compile(r"\S+(?: {1,%d}\S+)*" % (MIN_CELL_GAP - 1))
_NUMBER = lazy_compile(r"^[(+−-]?\d[\d.,–%]*%?\)?$")
# A list item's marker: a bullet, or a number or a letter and its stop.
_MARKER = lazy_compile(rf"^(?:[{BULLETS}•◦▪‣●○■□]|\d{{1,3}}[.)]|[a-z][.)])$")
# A cell's piece ending in a word cut at a hyphen (or a soft one) where the cell wrapped.
_CUT_WORD = lazy_compile(r"[^\W\d_][-\u00ad]$")


def table_rows(state: State) -> State:
    blocks = state.blocks
    tables: list[list[list[tuple[int, int]]]] = []  # each table's rows, each row its (block, line)s
    spans: list[list[tuple[int, int]]] = []  # each table's columns, as `_segments` finds them
    run: list[tuple[int, int, str]] = []
    indents = _indents(state)
    placed: dict[tuple[int, int], str] = {}

    extended: set[tuple[int, int]] = set()  # lines taken by the rules for wrapped text cells

    def found(lines_run: list[tuple[int, int, str]]) -> bool:
        """Whether the run reads as a table (then kept in `tables`)."""
        lines = [line for _, _, line in lines_run]
        if sum(len(_cells(line)) >= 2 for line in lines) < MIN_TABLE_ROWS or _list_items(lines):
            return False
        # Its columns are the bands all its lines leave blank or, failing that, the bands its
        # body's rows of figures leave blank (a header's cells set freely above them).
        for body in (False, True):
            if body and _band_lines(lines) is lines:
                break
            if _aligned(lines, body):
                table_spans = _segments(lines, body)
                if _running_text(lines, table_spans):
                    table_spans = _edges_one_space_apart(lines, table_spans)
                tables.append([[lines_run[i][:2] for i in group] for group in _rows(lines, body, table_spans)])
                spans.append(table_spans)
                return True
        return False

    def close() -> None:
        pending = [list(run)]
        while pending:
            part = pending.pop()
            while part and len(_cells(part[-1][2])) < 2 and not _is_row_end(part):
                part.pop()  # a single cell that is no row's continuation
            if part and len(_cells(part[0][2])) < 2 and not _header_cell_above(part[0][2], [l for _, _, l in part[1:]]):
                del part[0]  # a line above the table, no header cell of it
            if not part or found(part):
                continue
            # No table with the lines the wrapped cells' rules took: read without the first of
            # them, the run cut there, as the lines of one cell a row each would be read.
            cut = next((k for k, (index, offset, _) in enumerate(part) if (index, offset) in extended), None)
            if cut is None:
                continue
            rest = part[cut + 1:]
            while rest and len(_cells(rest[0][2])) < 2:
                rest.pop(0)
            pending.extend([rest, part[:cut]])

    previous: tuple[int, int] | None = None
    for index, block in enumerate(blocks):
        if block.kind != "para" or block.plain_note is not None:  # a page's note is no table
            close()
            run, previous = [], None
            continue
        for offset, raw in enumerate(block.lines):
            line = placed[index, offset] = _placed(raw, block.start + offset, indents)
            # The rows run on line after line: inside a block, or from a block to the next one
            # on the next source line (`reflow` may have set short lines apart already).
            follows = previous is not None and (
                previous == (index, offset - 1)
                or offset == 0 and previous == (index - 1, len(blocks[index - 1].lines) - 1)
                and not block.page_break_before and block.start == blocks[index - 1].end + 1)
            if len(_cells(line)) >= 2:
                if not (run and follows):
                    close()
                    run = []
                run.append((index, offset, line))
            elif run and follows and (len(run) >= 2 or len(_cells(run[0][2])) >= 2) and (
                    _continues_first_cell(line, [text for _, _, text in run])
                    or _continues_header(line, [text for _, _, text in run])):
                run.append((index, offset, line))
            elif run and follows and (len(run) >= 2 or len(_cells(run[0][2])) >= 2) and (
                    _continues_first_cell(line, [text for _, _, text in run], wide=True)
                    or _continues_row(line, [text for _, _, text in run])):
                run.append((index, offset, line))
                extended.add((index, offset))
            else:
                close()
                # A line of one cell, no figure, may be the first line of a header cell that wraps
                # above the table's first line (`What passengers and` over `Problem   drivers
                # said   What we propose`): `close` keeps it only if a table follows it.
                run = [(index, offset, line)] if len(_cells(line)) == 1 and not _has_figure(line) else []
                extended.add((index, offset))
            previous = (index, offset)
    close()
    if not tables:
        return state
    first_line: dict[tuple[int, int], list[tuple[int, int]]] = {}  # a row's first line -> the row
    columns: dict[tuple[int, int], list[tuple[int, int]]] = {}  # a row's first line -> its table's columns
    taken: set[tuple[int, int]] = set()
    for table, table_spans in zip(tables, spans):
        for row in table:
            first_line[row[0]] = row
            columns[row[0]] = table_spans
            taken.update(row)
    measured = state.vocabulary is not None

    def join(above: str, below: str, line: int) -> str:
        """A cell's piece cut at a hyphen (`tempera-` / `ture`, `Covered out-` / `doors`) and
        the piece below it, decided as `unwrap_lines` decides a hyphen ending a line."""
        from .unwrap_lines import document_vocabulary, join_lines

        return join_lines(above, below, document_vocabulary(state), state, line)

    out: list[Block] = []
    for index, block in enumerate(blocks):
        if any((index, offset) in taken for offset in range(len(block.lines))):
            out.extend(_split(blocks, index, first_line, columns, taken, placed, join))
        else:
            out.append(block)
    if not measured:
        state.vocabulary = None  # measured on the lines before their rows were made one
    state.diagnostics.info("table-rows", blocks[tables[0][0][0][0]].start, f"{len(tables)} table(s) of "
                           "aligned cells: each row kept a line of its own")
    state.blocks = out
    return state


def _list_items(lines: list[str]) -> bool:
    """A list's items, each opening with its marker set apart from its text (`•    carry out…`,
    `2.   make…`), the text's wrapped lines under it: every line of two cells or more opens
    with a list marker, a first column of markers is no table's."""
    rows = [_cells(line) for line in lines if len(_cells(line)) >= 2]
    return all(_MARKER.match(cells[0]) for cells in rows)


def _continues_first_cell(line: str, above: list[str], wide: bool = False) -> bool:
    """A line holding one cell, set where the table's first column starts and no wider than it,
    with no number: the rest of a first cell too wide for its column (with `wide`, in a table of
    text cells, ending clear of the second column)."""
    cells = _cells(line)
    if len(cells) != 1 or any(_NUMBER.match(token) for token in cells[0].split()):
        return False
    rows = [strip_tokens(text) for text in above if len(_cells(text)) >= 2]
    if not rows:
        return False
    indent = min(len(text) - len(text.lstrip()) for text in rows)
    spans = _segments(rows)
    first_low, first_high = spans[0]  # the first column (a cell's words stretched apart in it)
    first_width = first_high - max(first_low, indent)
    plain = strip_tokens(line)
    if len(plain) - len(plain.lstrip()) != indent:
        return False
    if len(cells[0]) <= first_width:
        return True
    if not wide:
        return False
    # With `wide`: in a table of text cells, the first column is as wide as its widest piece, which may come
    # below the rows read so far (`times on the`): a piece ending clear of the second column.
    return len(spans) >= 2 and not any(_has_number(text) for text in rows) \
        and indent + len(cells[0]) <= spans[1][0] - MIN_CELL_GAP


def _continues_header(line: str, above: list[str]) -> bool:
    """A line of one cell, no number, below header lines (no row with numbers yet): the rest of
    a header cell that wrapped (`Actual, 2020–2024 mean` over `(Mm³/yr)`)."""
    return len(_cells(line)) == 1 and not _has_number(line) and not any(_has_number(text) for text in above) \
        and len(above) < MAX_HEADER_LINES


def _continues_row(line: str, above: list[str]) -> bool:
    """A line whose first column is blank, no row of figures, below a row: the rest of that
    row's cells that wrapped (`N1   City     Harlow   23:40` over `     Centre   Park`). Its
    cells start inside the table's columns, right of the first one, or, going on in small
    letters, where a later column's cells start in a row above (`High     Remind …` over
    `         card being …`: the header's first cell set one space from the second, `Priority
    Action`, joins their bands; a word opening with a capital there may be a row's own cell
    set one space from its first, `N6   Kingsmere Airport`, and is left to the bands, unless the
    line above goes on there with a sentence: `… enforce this from` over `April 2025.`). One figure
    alone is a piece of a cell that wrapped (`28` / `February` / `2025`), no row of figures."""
    rows = [text for text in above if len(_cells(text)) >= 2]
    if not rows:
        return False
    plain = strip_tokens(line)
    if _has_number(line) and len(plain.split()) != 1:
        return False
    spans = _segments(rows)
    start = len(plain) - len(plain.lstrip())
    edges = {cell.start() for text in rows for cell in list(_GAP_CELL.finditer(strip_tokens(text)))[1:]}
    # A row of the table's own stands above it (its first cell filled), not only header lines.
    return (_first_column_blank(line, spans) or start > 0 and start in edges
            and (plain[start].islower() or _sentence_goes_on(above[-1], start))) \
        and any(not _first_column_blank(text, spans) for text in rows)


def _sentence_goes_on(above: str, start: int) -> bool:
    """Whether the line above holds, from character `start`, a piece of running text (at least
    `MIN_TEXT_CELL_WORDS` words) that closes no sentence: the line below goes on with it."""
    piece = next((cell.group(0) for cell in _GAP_CELL.finditer(strip_tokens(above)) if cell.start() == start), "")
    return len(piece.split()) >= MIN_TEXT_CELL_WORDS and not piece.endswith((".", "!", "?", ":", ";"))


def _first_column_blank(line: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the line leaves the table's first column blank, its text starting inside a later
    column."""
    plain = strip_tokens(line)
    start = len(plain) - len(plain.lstrip())
    return len(spans) >= 2 and start >= spans[0][1] and any(low <= start < high for low, high in spans[1:])


def _header_cell_above(line: str, below: list[str]) -> bool:
    """A line of one cell, no figure, right above the table's first line and inside one of its
    later columns, the first blank: the first line of a header cell that wraps (`What
    passengers and` over `Problem   drivers said   What we propose`)."""
    rows = [text for text in below if len(_cells(text)) >= 2]
    if not rows or not below or len(_cells(below[0])) < 2 or _has_figure(line):
        return False
    spans = _segments(rows)
    plain = strip_tokens(line).rstrip()
    start = len(plain) - len(plain.lstrip())
    return _first_column_blank(line, spans) and any(low <= start and len(plain) <= high + MIN_CELL_GAP
                                                    for low, high in spans[1:])


def _has_figure(line: str) -> bool:
    """Whether any word of the line is a number (`23:40` is no number; `4,210`, `(96)`, `30` are)."""
    return any(_NUMBER.match(token) for token in strip_tokens(line).split())


def _is_row_end(run: list[tuple[int, int, str]]) -> bool:
    """Whether the run's last line, a single cell, continues a row above it (not a header's): a
    row of figures stands above it, or it goes on in small letters, right of the table's left
    edge, with a sentence that the lines above set in a column of running text (`Publish the
    berth fees on the website with the tide` over `tables.`)."""
    last = strip_tokens(run[-1][2])
    start = len(last) - len(last.lstrip())
    rows = [text for _, _, text in run if len(_cells(text)) >= 2]
    if len(run) >= 2 and rows and last.lstrip()[:1].islower() and start > min(
            len(strip_tokens(text)) - len(strip_tokens(text).lstrip()) for text in rows) \
            and any(cell.start() == start and len(cell.group(0).split()) >= MIN_TEXT_CELL_WORDS
                    for text in rows for cell in _GAP_CELL.finditer(strip_tokens(text))):
        return True
    for _, _, text in reversed(run):
        if len(_cells(text)) >= 2:
            return _has_number(text)
    return False


def _has_number(line: str) -> bool:
    """Whether the line is a row of figures: a cell of it is a number (`31.5`, `61 %`), not words
    with a year in them, and every cell after it too. A row's label comes first and its figures
    after it; words after a number are a header cell wrapped (`Actual, 2020–` over `2024    mean`
    over `(Mm³/yr)`, its words stretched across a narrow column)."""
    figures = [all(_NUMBER.match(token) or token == "%" for token in cell.split()) for cell in _cells(line)]
    return True in figures and all(figures[figures.index(True):])


def _rows(lines: list[str], body: bool = False,
          spans: list[tuple[int, int]] | None = None) -> list[list[int]]:
    """The table's rows as groups of its lines: a wrapped header (the lines above the first
    row with numbers, when one of them fills fewer columns than the table has) is one row, a
    line of one cell joins the row above it, and so does a line leaving the first column blank
    that is no row of figures (the rest of a row's cells that wrapped); in a table of text cells only,
    whose cells wrap, a row opens where every column is filled and the first cell opens with no
    small letter (`_text_row_starts`). Every other line is a row of its own. `body`: the columns
    are read from the body's rows of figures (`_segments`); `spans`, the columns where the caller
    has read them already (`_edges_one_space_apart`)."""
    if spans is None:
        spans = _segments(lines, body)
    columns = len(spans)
    text = _running_text(lines, spans)
    first = next((i for i, line in enumerate(lines) if _has_number(line)), 0)
    rows: list[list[int]] = []
    if len(_cells(lines[0])) < 2 and len(lines) > 1:
        rows.append([0])  # a header cell's first line, above the table's first line
        start = 1
    else:
        start = 0
    if not text and 2 <= first <= MAX_HEADER_LINES and any(len(_cells(line)) < columns for line in lines[:first]) \
            and len(_cells(lines[start])) >= 2:
        rows = [list(range(first))]
    else:
        first = start
    starts = _text_row_starts(lines, spans, first, text)
    for i in range(first, len(lines)):
        if rows and i > first and (starts is not None and i not in starts and not _total(lines[i], spans)
                                   or starts is None and _first_column_blank(lines[i], spans)
                                   and not _has_number(lines[i])):
            rows[-1].append(i)
        elif len(_cells(lines[i])) >= 2 or not rows:
            if rows and rows[-1] == [0] and start == 1 and i == 1:
                rows[-1].append(i)  # the header cell's first line joins the row below it
            else:
                rows.append([i])
        else:
            rows[-1].append(i)
    return rows


def _text_row_starts(lines: list[str], spans: list[tuple[int, int]], first: int,
                     text: bool = False) -> set[int] | None:
    """In a table of text cells (no line is a row of figures) whose cells wrap, the lines that open a
    row: cells are set at the top of their row, so a row's first line fills every column and its
    first cell opens a new entry (no small letter); the lines below it, some column blank or the
    first cell going on in small letters (`Hourly` over `service on` over `the N4`), are its
    wrapped cells. None when the table shows no such line (each line is a row) or is no text table.
    `text`: a column holds running text (`_running_text`), and figures are pieces of cells."""
    if not text and any(_has_number(line) for line in lines[first:]):
        return None
    starts = {i for i in range(first, len(lines))
              if len(_pieces(lines[i], spans)) == len(spans) and not _first_column_blank(lines[i], spans)
              and not _cells(lines[i])[0][:1].islower()}
    if text and starts and first not in starts and min(starts) - first <= MAX_HEADER_LINES:
        # A header set freely above a table of running text (`Priority Action` over the columns
        # of `High     Remind …`): its lines before the first row are one row.
        starts.add(first)
    if len(starts) < MIN_TEXT_ROWS or len(starts) == len(lines) - first or first not in starts:
        return None
    return starts


def _running_text(lines: list[str], spans: list[tuple[int, int]]) -> bool:
    """Whether a column of the table holds running text: its pieces hold `MIN_TEXT_CELL_WORDS`
    words or more in the median, and `MIN_TEXT_ROWS` lines or more wrap its cells (they open
    right of the table's left edge)."""
    plain = [strip_tokens(line).rstrip() for line in lines]
    edge = min(len(line) - len(line.lstrip()) for line in plain if line.strip())
    if sum(len(line) - len(line.lstrip()) > edge for line in plain if line.strip()) < MIN_TEXT_ROWS:
        return False
    words: list[list[int]] = [[] for _ in spans]
    for line in plain:
        for cell in _GAP_CELL.finditer(line):
            words[_column(cell.start(), cell.end(), spans)].append(len(cell.group(0).split()))
    return any(column and sorted(column)[len(column) // 2] >= MIN_TEXT_CELL_WORDS for column in words)


def _edges_one_space_apart(lines: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The table's columns, a column parted in two where a cell of the next one starts one space
    after a wide cell of its own (`administrator 2025`, `Priority Action`): a character column
    that every line leaves blank, right of which at least `MIN_TEXT_ROWS` lines open a cell after
    a wide gap (the column's edge, shown by the rows whose cells part widely)."""
    plain = [strip_tokens(line).rstrip() for line in lines]
    opened = Counter(cell.start() for line in plain for cell in _GAP_CELL.finditer(line))
    out: list[tuple[int, int]] = []
    for low, high in spans:
        for edge in range(low + 2, high):
            if opened[edge] >= MIN_TEXT_ROWS and all(edge - 1 >= len(line) or line[edge - 1] == " " for line in plain):
                out.append((low, edge - 1))
                low = edge
        out.append((low, high))
    return out


def _pieces(line: str, spans: list[tuple[int, int]], tokens: bool = False) -> dict[int, list[str]]:
    """The line's pieces of cells by the column they stand in (in order), a piece parted where
    one of the columns starts one space after its words (`_edges_one_space_apart`); with
    `tokens`, the line as it is, its tokens kept (as the columns were measured on it)."""
    plain = line if tokens else strip_tokens(line)
    starts = {low for low, _ in spans}
    pieces: dict[int, list[str]] = {}
    for cell in _GAP_CELL.finditer(plain):
        begin = cell.start()
        cuts = [edge for edge in range(cell.start() + 1, cell.end()) if edge in starts and plain[edge - 1] == " "]
        for end in cuts + [cell.end()]:
            piece = plain[begin:end].strip()
            if piece:
                pieces.setdefault(_column(begin, end, spans), []).append(piece)
            begin = end
    return pieces


def _total(line: str, spans: list[tuple[int, int]]) -> bool:
    """A line of figures only in two cells or more, its first column blank: a total, a row of its
    own (one figure alone is a piece of a cell that wrapped: `28` / `February` / `2025`)."""
    cells = _cells(line)
    return _first_column_blank(line, spans) and len(cells) >= 2 \
        and all(_NUMBER.match(token) for cell in cells for token in cell.split())


def _segments(lines: list[str], body: bool = False) -> list[tuple[int, int]]:
    """The character columns the table's columns take: the spans between the bands, at least
    `MIN_CELL_GAP` wide, that every line leaves blank (with `body`, every line of the table's
    body: `_band_lines`)."""
    plain = [line.rstrip() for line in (_band_lines(lines) if body else lines)]
    width = max(len(line) for line in plain)
    used = [any(column < len(line) and line[column] != " " for line in plain) for column in range(width)]
    spans: list[tuple[int, int]] = []
    column = 0
    while column < width:
        if not used[column]:
            column += 1
            continue
        end = column
        while end < width and (used[end] or not all(not u for u in used[end:end + MIN_CELL_GAP])):
            end += 1
        spans.append((column, end))
        column = end
    return spans


def _band_lines(lines: list[str]) -> list[str]:
    """The lines whose blank bands part the table's columns: from its first row of figures on,
    when at least `MIN_BODY_ROWS` rows hold figures. A header's cells are set freely above the
    columns (`23 Change`: two headers one space apart over two columns of figures); the rows of
    figures below them line up."""
    first = next((i for i, line in enumerate(lines) if _has_number(line)), None)
    if first is None or first == 0 or sum(_has_number(line) for line in lines) < MIN_BODY_ROWS:
        return lines
    return lines[first:]


def _column(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """The column a cell's piece from character `start` to `end` stands in: the one its start
    falls in, or else the one it overlaps most, or else the nearest (a header cell set wider
    than its column of figures)."""
    for i, (low, high) in enumerate(spans):
        if low <= start < high:
            return i
    return max(range(len(spans)), key=lambda i: (min(end, spans[i][1]) - max(start, spans[i][0]),
                                                 -abs(start - spans[i][0])))


def _merged(lines: list[str], spans: list[tuple[int, int]], join: Callable[[str, str], str]) -> str:
    """One row's lines as one line: each column's pieces (by the table's columns: a cell's words
    stretched apart stay in their column) top to bottom, the columns in order, parted by one
    space; a cell wrapped after a number range's dash or after a slash is joined without one."""
    pieces: list[str] = ["" for _ in spans]
    for line in lines:
        for column, texts in _pieces(line, spans, tokens=True).items():
            for piece in texts:
                pieces[column] = _wrapped(pieces[column], piece, join)
    return " ".join(column for column in pieces if column)


def _wrapped(above: str, below: str, join: Callable[[str, str], str]) -> str:
    """A cell's text with its piece on the line below, as `unwrap_lines` joins running text's
    lines: a typesetter breaks a line after a number range's dash (`2020–` / `2024`) or a slash
    (`(Mm³/` / `yr)`) without a hyphen, inside one word; a word cut at a hyphen (`tempera-` /
    `ture`) is decided by `join`, as a hyphen ending a line of text is."""
    if not above:
        return below
    if _CUT_WORD.search(above) and below[:1].isalpha():
        return join(above, below)
    if above.endswith(("–", "‒")) and above[-2:-1].isdigit() and below[:1].isdigit():
        return above + below
    if above.endswith("/") and above[-2:-1].strip() and below[:1].isalnum():
        return above + below
    return f"{above} {below}"


def _indents(state: State) -> dict[int, str]:
    """Each source line's text as the export printed it, its indentation kept (`split_blocks`
    drops it; a header line whose first cell is blank starts far to the right)."""
    lines = state.text.split("\n")
    return {number: line.rsplit("\f", 1)[-1].rstrip()
            for number, line in zip(state.line_numbers or range(1, len(lines) + 1), lines)}


def _placed(line: str, number: int, indents: dict[int, str]) -> str:
    """The block's line with the indentation it had in the export, where the export's line is
    the same text (no pass changed it)."""
    source = indents.get(number)
    if source is not None and source.strip() == line.strip():
        return source
    return line


def _cells(line: str) -> list[str]:
    return [cell for cell in _GAP.split(strip_tokens(line).strip()) if cell]


def _aligned(lines: list[str], body: bool = False) -> bool:
    """A table's rows: every wide gap between two cells of every row falls in a band of character
    columns that all the rows leave blank (the cells of a column line up), and the cells are
    short. Running text set with wide spaces (pdfminer pads justified lines) has its gaps
    wherever its words end, and no band runs through all of them. With `body`, the bands are
    those of the body's rows of figures (`_band_lines`)."""
    plain = [strip_tokens(line).rstrip() for line in lines]
    width = max(len(line) for line in plain)
    banded = [strip_tokens(line).rstrip() for line in (_band_lines(lines) if body else lines)]
    blank = [all(column >= len(line) or line[column] == " " for line in banded) for column in range(width)]
    spans = _segments(lines, body)
    if len(spans) < 2:
        return False
    for number, line in enumerate(plain):
        below = plain[number + 1] if number + 1 < len(plain) else ""
        for gap in _GAP.finditer(line, len(line) - len(line.lstrip())):
            if any(blank[column] for column in range(gap.start(), gap.end())):
                continue
            # A gap inside one column: a cell set justified in a narrow column stretches its
            # words on every line but its last, so the cell goes on in the line below.
            span = next(((low, high) for low, high in spans if low <= gap.start() and gap.end() <= high), None)
            if span is None or not below[span[0]:span[1]].strip():
                return False
    words = sorted(len(cell.split()) for line in lines for cell in _cells(line))
    if body and any(len(cell.split()) > MAX_BODY_CELL_WORDS for line in banded for cell in _cells(line)):
        return False  # a line of running text beside the figures (a column of a page's text)
    return words[len(words) // 2] <= MAX_CELL_WORDS


def _split(blocks: list[Block], index: int, first_line: dict[tuple[int, int], list[tuple[int, int]]],
           columns: dict[tuple[int, int], list[tuple[int, int]]], taken: set[tuple[int, int]],
           placed: dict[tuple[int, int], str], join: Callable[[str, str, int], str]) -> list[Block]:
    """The block cut into its table rows (one block each, a row's lines made one) and the text
    between them."""
    block = blocks[index]
    pieces: list[Block] = []
    pending: list[int] = []

    def add(lines: list[str], start: int, end: int, kind: str) -> None:
        pieces.append(Block(lines, start, end, kind,
                            page_break_before=block.page_break_before and not pieces).carry(block))

    def text() -> None:
        if pending:
            add([block.lines[o] for o in pending], block.start + pending[0], block.start + pending[-1], "para")
            pending.clear()

    for offset in range(len(block.lines)):
        row = first_line.get((index, offset))
        if row is not None:
            text()
            merged = (" ".join(_GAP.split(block.lines[offset].strip())) if len(row) == 1
                      else _merged([placed[line] for line in row], columns[index, offset],
                                   lambda above, below: join(above, below, block.start + offset)))
            last = row[-1]
            add([merged], block.start + offset, blocks[last[0]].start + last[1], "table_row")
        elif (index, offset) not in taken:
            pending.append(offset)
    text()
    return pieces
