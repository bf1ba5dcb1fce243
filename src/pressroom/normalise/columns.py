"""Pages set in two columns, as a layout-preserving export prints them side by side.

`pdftotext -layout` keeps each printed line a line, so a two-column page comes out as rows that
hold a line of the left column, a gutter of spaces, and a line of the right column. The gutter
is found on the page itself: a band of character columns that is blank in nearly every row while
many rows have text on both sides of it. Such a page is read column by column (lines that cross
the gutter at the top or bottom, heads and folios, stay where they are), each line keeping the
number of the source line it came from; each side of the gutter may be columns again (a page in
three columns). Where the columns' lines share the rows, a row empty on one side only is that
column's blank line. A page whose sides are a wide table's cells, or without a gutter, is left
alone.
"""

from __future__ import annotations


from .model import SENTENCE_END, State
from .lazy_re import lazy_compile

# A gutter is at least this many blank character columns wide (justified text never leaves
# more than a couple of spaces between words).
MIN_GUTTER = 3
# It lies in the middle of the page: no column is narrower than this share of the widest row.
MIN_COLUMN_SHARE = 0.25
# The right column's lines start at one character column (its left margin), give or take this
# many: the layout export rounds each line's position on its own.
EDGE_JITTER = 1
# Left of the character column where most of the right column's lines start, its margin is where
# at least this many of its lines start that run on across it (a list's numbers hanging left of
# its items' further lines; a heading or an item's marker may stand alone there).
MIN_MARGIN_LINES = 2
# A column holds at least this many lines on each side of the gutter: fewer are a table's cells
# or a margin note, not a column of text.
MIN_COLUMN_LINES = 3
# Columns of running text hold several words a line; a table's columns hold a figure or two.
# The median line on each side holds at least this many words.
MIN_COLUMN_WORDS = 4
# A column of text holds a table's rows now and then; when more than this share of one side's
# lines hold a gap as wide as a gutter, the page is a table of several columns on each side.
MAX_CELL_LINE_SHARE = 0.5
# A page is set in at most this many columns (each side of a gutter is looked at for columns
# again, up to that many).
MAX_COLUMNS = 4
# Between the rows where the right column has lines, at most this share of the rows cross the
# gutter (a wide table row, a centred line): more, and the page is set in one column.
MAX_CROSSING_SHARE = 0.15
# The columns end at a run of at least this many blank rows or at a row that crosses the gutter:
# what stands beyond (a page's notes set across the page, its folio, a running head) is read
# before or after both columns, where the page prints it. Inside a column, paragraphs are
# parted by one blank row, a heading by two.
MIN_FOOT_GAP = 3

_INNER_GAP = lazy_compile(r"\S {%d,}\S" % MIN_GUTTER)  # a gap between two cells
_RUN_BEFORE_TEXT = lazy_compile(r" {%d,}(?=\S)" % MIN_GUTTER)  # a run of spaces with text after it


def columns(state: State) -> State:
    if "\f" not in state.text and state.text.count("\n") < 20:
        return state
    source = state.text.split("\n")
    numbers = state.line_numbers or list(range(1, len(source) + 1))
    out_lines: list[str] = []
    out_numbers: list[int] = []
    split_pages = 0
    start = 0
    # Pages end at form feeds; a form feed stays at the start of its page's first line.
    boundaries = [i for i, line in enumerate(source) if "\f" in line] + [len(source)]
    for end in boundaries:
        page = source[start:end] if end > start else []
        page_numbers = numbers[start:end]
        if end < len(source) and "\f" in source[end]:
            before, _, after = source[end].rpartition("\f")
            if before.strip():  # text before the form feed on the same line ends this page
                page = page + [before]
                page_numbers = page_numbers + [numbers[end]]
                source[end] = "\f" + after
        reordered = _read_columns(page, page_numbers)
        if reordered is not None:
            split_pages += 1
            page, page_numbers = reordered
        out_lines.extend(page)
        out_numbers.extend(page_numbers)
        start = end
    if not split_pages:
        return state
    state.text = "\n".join(out_lines)
    state.line_numbers = out_numbers
    state.columns_read = True
    state.diagnostics.info("columns", None, f"{split_pages} page(s) in two columns, read column by column")
    return state


def _read_columns(lines: list[str], numbers: list[int], depth: int = 0) -> tuple[list[str], list[int]] | None:
    rows = [line.replace("\f", " ") for line in lines]
    found = _gutter(rows, depth)
    if found is None:
        return None
    (low, high), (first, last) = found
    first = _below_the_head(rows, low, high, first, last)
    # Each row of the columns parted at the gutter: its left and right lines ("" for a side it
    # leaves empty), or None for a row crossing the gutter.
    sides: dict[int, tuple[str, str] | None] = {}
    for index in range(first, last + 1):
        line, row = lines[index], rows[index]
        split = _split_point(row, low, high)
        if split is None:
            sides[index] = None
            continue
        prefix = "\f" if line.startswith("\f") else ""
        left_text, right_text = row[:split[0]].rstrip(), _aligned(row, split[1], high)
        sides[index] = (prefix + left_text if left_text.strip() else "", right_text if right_text.strip() else "")
    gaps = _column_gaps(sides)
    top, left, right, bottom = [], [], [], []
    for index, (line, number) in enumerate(zip(lines, numbers)):
        if index < first:
            top.append((line, number))
            continue
        if index > last:
            bottom.append((line, number))
            continue
        parts = sides[index]
        if parts is None:  # a row crossing the gutter inside the columns: kept in place
            left.append((line, number))
            continue
        for column, text, side in ((left, parts[0], 0), (right, parts[1], 1)):
            if text:
                column.append((text, number))
            elif (index, side) in gaps or not any(parts) and not _runs_across(column, sides, index, side):
                column.append(("", number))  # a gap in that column: a paragraph ends
    # Each column may be columns again (a page in three columns): read the same way. A right
    # column's lines keep the indentation they have from its margin (a table's cells their place).
    left = _columns_again(left, depth) or left
    right = _columns_again(right, depth) or right
    # A blank line between the columns: a paragraph that runs on is joined again by its text.
    ordered = top + left + [("", left[-1][1] if left else numbers[0])] + right + bottom
    out = [line for line, _ in ordered]
    if lines and lines[0].startswith("\f") and not out[0].startswith("\f"):
        # the page opened on a row of the right column only (a chapter's heading dropping the
        # left one): its form feed, which went with the left side, still opens the page
        out[0] = "\f" + out[0]
    return out, [number for _, number in ordered]


def _runs_across(column: list[tuple[str, int]], sides: dict[int, tuple[str, str] | None],
                 index: int, side: int) -> bool:
    """Whether the column's sentence runs on across the blank row `index`: its line above stops
    inside a sentence (or a word) and its next line goes on in lower case. The export writes a
    blank row where the two columns' lines do not share a height (notes set smaller, beside the
    other column's text), and that row parts neither column's paragraphs."""
    above = column[-1][0].rstrip() if column else ""
    if not above or SENTENCE_END.search(above) or above.endswith(":"):
        return False
    for row in range(index + 1, max(sides) + 1):
        parts = sides.get(row)
        if parts is None:
            return False
        if parts[side].strip():
            return parts[side].lstrip()[:1].islower()
    return False


def _below_the_head(rows: list[str], low: int, high: int, first: int, last: int) -> int:
    """The columns' first row, below the page's running head where one stands at the top of
    the columns: the page's first line of text, opening inside the gutter and reaching past the
    right column's margin (a head centred on the page, over the gutter; a heading of the right
    column opens at its margin), a blank row below it."""
    text = [index for index in range(first, last + 1) if rows[index].strip()]
    if len(text) < 2 or text[0] + 1 >= len(rows) or rows[text[0] + 1].strip():
        return first
    row = rows[text[0]]
    begin, end = len(row) - len(row.lstrip()), len(row.rstrip())
    if low <= begin < high - EDGE_JITTER and end > high:
        return text[1]
    return first


def _columns_again(column: list[tuple[str, int]], depth: int) -> list[tuple[str, int]] | None:
    """One side of the gutter read column by column in its turn, or None when it is one column."""
    if depth >= MAX_COLUMNS - 2 or not column:
        return None
    again = _read_columns([text for text, _ in column], [number for _, number in column], depth + 1)
    return list(zip(*again)) if again is not None else None


def _aligned(row: str, start: int, margin: int) -> str:
    """The right column's part of a row from `start`, indented as far as it stands right of the
    column's margin."""
    return " " * max(0, start - margin) + row[start:].rstrip()


def _column_gaps(sides: dict[int, tuple[str, str] | None]) -> set[tuple[int, int]]:
    """The (row, side) of rows where one column leaves a gap while the other goes on: a run of
    rows empty on that side only, with rows holding both columns' lines right above and below.
    Where the two columns' lines share the rows, the row left empty is the column's blank line
    (a paragraph's end, the space above a heading). Where their lines fall between each other's
    (rows with one side only, one after the other), an empty side is no gap."""
    gaps: set[tuple[int, int]] = set()
    rows = sorted(sides)
    for side in (0, 1):
        run: list[int] = []
        above_both = False
        for index in rows:
            parts = sides[index]
            both = parts is not None and all(parts)
            if parts is not None and parts[1 - side] and not parts[side]:
                run.append(index)
                continue
            if both and above_both and run:
                gaps.update((row, side) for row in run)
            run = []
            above_both = both
    return gaps


def _split_point(row: str, low: int, high: int) -> tuple[int, int] | None:
    """Where this row's two columns part: the gutter, or a run of spaces reaching into it (a
    left line a little longer than most). None for a row whose text crosses the gutter."""
    if len(row) <= low or not row[low:high].strip():
        return low, high
    end = len(row.rstrip())
    begin = len(row) - len(row.lstrip())
    if begin >= low and end <= high:  # a line set in the gutter alone (a centred head, a folio)
        return None
    if end < high - 1:  # a left line ending in the gutter, nothing right of it: left alone
        return end, high
    if begin > low:  # a right line starting in the gutter (an item's marker), nothing left of it
        return begin, begin
    for start in range(min(high, len(row)) - 1, low - MIN_GUTTER, -1):
        if row[start:start + 2] == "  " and (start == 0 or row[start - 1] != " "):
            end = start
            while end < len(row) and row[end] == " ":
                end += 1
            if end >= low and end - start >= 2:
                return start, end
    return None


def _gutter(rows: list[str], depth: int = 0) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((first, end) character columns of the gutter, (first, last) rows of the columns), or None.

    The gutter shows itself as a character column that many rows leave blank, inside a run of
    spaces before a right column's line, and few rows print on. The right column's left margin
    is where most of those lines start, or a little left of it where a list's numbers hang; the
    gutter is the band left of the margin that the rows between the right column's first and
    last lines at it leave blank. The columns reach up and down from there until a wide blank gap
    or a row across the gutter (heads, notes set across the page, folios stand beyond)."""
    text_rows = [row for row in rows if row.strip()]
    if len(text_rows) < 2 * MIN_COLUMN_LINES:
        return None
    width = max(len(row) for row in text_rows)
    lowest, highest = int(MIN_COLUMN_SHARE * width), width - int(MIN_COLUMN_SHARE * width)
    edge_rows = _rows_blank_at_the_gutter(rows, lowest, highest)
    if edge_rows is None:
        return None
    middle, blank = edge_rows
    at_edge = _right_margin(rows, middle, blank)
    if at_edge is None:
        return None
    edge, lines = at_edge
    # The gutter is the band left of it that the rows from the first to the last of those lines
    # leave blank.
    first, last = min(lines), max(lines)
    low = _gutter_start(rows[first:last + 1], edge)
    if low is None:
        return None
    # The columns reach beyond the right column's first and last lines (the left column of a
    # chapter's first page starts lower, the last page's right column may stop short); the
    # gutter is measured again on all their rows.
    first = _reach(rows, first, -1, max(low, lowest), edge)
    last = _reach(rows, last, 1, max(low, lowest), edge)
    low = _gutter_start(rows[first:last + 1], edge)
    if low is None or low < lowest:
        return None
    if not _columns_of_text(rows[first:last + 1], low, edge, depth):
        return None
    return (low, edge), (first, last)


def _rows_blank_at_the_gutter(rows: list[str], lowest: int, highest: int) -> tuple[int, set[int]] | None:
    """(the character column the gutter holds, the rows that leave it blank before a right
    column's line), or None when too few rows do."""
    # Every character column in the middle of the page, with the rows that leave it inside a
    # blank run as wide as a gutter before text (a right column's line stands beyond it), and
    # the number of rows that print on it.
    covered: dict[int, set[int]] = {}
    ink = [0] * (highest + 1)  # (only the middle's columns are compared: a long row costs no more)
    for index, row in enumerate(rows):
        for match in _RUN_BEFORE_TEXT.finditer(row):
            for column in range(max(match.start(), lowest), min(match.end(), highest + 1)):
                covered.setdefault(column, set()).add(index)
        for column, char in enumerate(row[lowest:highest + 1], start=lowest):
            if char != " ":
                ink[column] += 1
    # The gutter holds the character column that most rows leave blank before a right column's
    # line and fewest print on: inside the left column its short lines leave a column so but its
    # long ones print on it, inside the right column only its indented lines leave it blank.
    middle = max(range(lowest, highest + 1), key=lambda column: len(covered.get(column, ())) - ink[column])
    blank = covered.get(middle, set())
    return (middle, blank) if len(blank) >= MIN_COLUMN_LINES else None


def _right_margin(rows: list[str], middle: int, edge_rows: set[int]) -> tuple[int, list[int]] | None:
    """(the right column's left margin, the rows whose line starts there), or None.

    It is where most of its lines start (give or take the jitter), or left of that where more
    than one line starts whose text runs on across the margin: a list's numbers hang left of its
    items' further lines, a heading may start left of indented paragraphs. A running head, a
    folio or an item's marker may start anywhere, but seldom two at one column, and a table's
    cells left of the gutter stop short of it."""
    starts = {index: _text_after(rows[index], middle) for index in edge_rows}

    def at(edge: int) -> list[int]:
        return [index for index, start in starts.items() if edge <= start <= edge + EDGE_JITTER]

    margin = max(sorted(set(starts.values())), key=lambda edge: len(at(edge)))
    at_margin = at(margin)
    if len(at_margin) < MIN_COLUMN_LINES:
        return None
    edge = margin
    for candidate in sorted(set(starts.values())):
        if candidate >= margin:
            break
        # (Lines of the column: near its lines at the margin, not a table set across the page
        # below the columns, its cells starting anywhere.)
        runs_on = [index for index in at(candidate) if " " * MIN_GUTTER not in rows[index][candidate:margin]
                   and len(rows[index]) > margin
                   and any(abs(index - other) <= MIN_FOOT_GAP for other in at_margin)]
        if len(runs_on) >= MIN_MARGIN_LINES:
            edge = candidate
            break
    return edge, at(edge)


def _columns_of_text(rows: list[str], low: int, edge: int, depth: int) -> bool:
    """Whether the rows split at the gutter (`low`, `edge`) are two columns of text: enough lines
    each side, words enough on a line (a table's columns hold a word or two), neither side a
    table's cells, and few rows across the gutter."""
    lefts, rights = [], []
    for row in rows:
        split = _split_point(row, low, edge)
        if split is None:
            continue
        if row[:split[0]].strip():
            lefts.append(row[:split[0]].rstrip())
        if row[split[1]:].strip():
            rights.append(_aligned(row, split[1], edge))
    if min(len(lefts), len(rights)) < MIN_COLUMN_LINES:
        return False
    if min(_median([len(line.split()) for line in lefts]), _median([len(line.split()) for line in rights])) \
            < MIN_COLUMN_WORDS:
        return False  # a table's columns, not columns of text
    for side in (lefts, rights):
        # Many lines of one side parted again by a gap as wide as a gutter: that side is columns
        # of text itself (a page in three columns), or the page a wide table's columns. (Two
        # lists of terms and their meanings side by side are read across, as printed.)
        if sum(bool(_INNER_GAP.search(line.strip())) for line in side) > MAX_CELL_LINE_SHARE * len(side) \
                and (depth >= MAX_COLUMNS - 2 or _gutter(side, depth + 1) is None):
            return False
    crossing = sum(1 for row in rows if row.strip() and _split_point(row, low, edge) is None)
    return crossing <= MAX_CROSSING_SHARE * sum(1 for row in rows if row.strip())


def _gutter_start(rows: list[str], edge: int) -> int | None:
    """The first character column of the blank band left of the right column's margin `edge`
    that these rows leave blank, bar a share of them (a head, a folio, a left line a little
    longer than most), or None when the band is narrower than a gutter."""
    band = [row for row in rows if row.strip()]
    ink = [0] * edge
    for row in band:
        for column, char in enumerate(row[:edge]):
            if char != " ":
                ink[column] += 1
    allowed = MAX_CROSSING_SHARE * len(band)
    low = edge
    while low > 0 and ink[low - 1] <= allowed:
        low -= 1
    return low if edge - low >= MIN_GUTTER else None


def _reach(rows: list[str], index: int, step: int, low: int, high: int) -> int:
    """The last row, going from `index` by `step`, that still belongs to the columns."""
    blank = 0
    reached = index
    probe = index + step
    while 0 <= probe < len(rows):
        row = rows[probe]
        if not row.strip():
            blank += 1
            if blank >= MIN_FOOT_GAP:
                break
        else:
            if _split_point(row, low, high) is None:
                break
            blank = 0
            reached = probe
        probe += step
    return reached


def _text_after(row: str, column: int) -> int:
    """The character column where the text after `column` (a blank one) starts in this row."""
    return len(row) - len(row[column:].lstrip())


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
