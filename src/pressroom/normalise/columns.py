"""Pages set in two columns, as a layout-preserving export prints them side by side.

`pdftotext -layout` keeps each printed line a line, so a two-column page comes out as rows that
hold a line of the left column, a gutter of spaces, and a line of the right column. The gutter
is found on the page itself: a band of character columns that is blank in nearly every row while
many rows have text on both sides of it. Such a page is read column by column (lines that cross
the gutter at the top or bottom, heads and folios, stay where they are), each line keeping the
number of the source line it came from. Pages without a gutter are left alone.
"""

from __future__ import annotations

import re

from .model import State

_INNER_GAP = re.compile(r"\S {3,}\S")  # MIN_GUTTER spaces between words

# A gutter is at least this many blank character columns wide (justified text never leaves
# more than a couple of spaces between words).
MIN_GUTTER = 3
# It lies in the middle of the page: no column is narrower than this share of the widest row.
MIN_COLUMN_SHARE = 0.25
# At least this share of the page's text rows have text on both sides of the gutter...
MIN_TWO_SIDED_SHARE = 0.3
# ...and at most this share cross it (a centred head, a wide table row), kept in place.
MAX_CROSSING_SHARE = 0.15


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
    state.diagnostics.info("columns", None, f"{split_pages} page(s) in two columns, read column by column")
    return state


def _read_columns(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]] | None:
    rows = [line.replace("\f", " ") for line in lines]
    text_rows = [row for row in rows if row.strip()]
    # Two columns side by side leave a run of spaces inside most rows; reading order does not.
    if len(text_rows) < 6 or sum(1 for row in text_rows if _INNER_GAP.search(row)) < MIN_TWO_SIDED_SHARE * len(text_rows):
        return None
    width = max(len(row) for row in text_rows)
    gutter = _gutter(text_rows, width)
    if gutter is None:
        return None
    low, high = gutter
    top, left, right, bottom = [], [], [], []
    first_two_sided = next(i for i, row in enumerate(rows) if _two_sided(row, low, high))
    last_two_sided = max(i for i, row in enumerate(rows) if _two_sided(row, low, high))
    for index, (line, row, number) in enumerate(zip(lines, rows, numbers)):
        split = _split_point(row, low, high)
        crossing = split is None
        if not crossing:
            row_low, row_high = split
        else:
            row_low, row_high = low, high
        if crossing and index < first_two_sided:
            top.append((line, number))
        elif crossing and index > last_two_sided:
            bottom.append((line, number))
        elif crossing:
            left.append((line, number))
        else:
            prefix = "\f" if line.startswith("\f") else ""
            if row[:row_low].strip():  # a row empty on one side is no line of that column
                left.append((prefix + row[:row_low].rstrip(), number))
            if row[row_high:].strip():
                right.append((row[row_high:].rstrip(), number))
            if not row.strip():  # a gap in both columns: a paragraph ends in each
                left.append(("", number))
                right.append(("", number))
    # A blank line between the columns: a paragraph that runs on is joined again by its text.
    ordered = top + left + [("", left[-1][1] if left else numbers[0])] + right + bottom
    return [line for line, _ in ordered], [number for _, number in ordered]


def _split_point(row: str, low: int, high: int) -> tuple[int, int] | None:
    """Where this row's two columns part: the gutter, or a run of spaces reaching into it (a
    left line a little longer than most). None for a row whose text crosses the gutter."""
    if len(row) <= low or not row[low:high].strip():
        return low, high
    for start in range(min(high, len(row)) - 1, low - MIN_GUTTER, -1):
        if row[start:start + 2] == "  " and (start == 0 or row[start - 1] != " "):
            end = start
            while end < len(row) and row[end] == " ":
                end += 1
            if end >= low and end - start >= 2:
                return start, end
    return None


def _gutter(rows: list[str], width: int) -> tuple[int, int] | None:
    """(first, end) character columns of the gutter, or None."""
    blank = [0] * width  # rows with a character in each column
    for row in rows:
        for column, char in enumerate(row):
            if char != " ":
                blank[column] += 1
    allowed = MAX_CROSSING_SHARE * len(rows)
    best: tuple[int, int] | None = None
    column = int(MIN_COLUMN_SHARE * width)
    while column < width - int(MIN_COLUMN_SHARE * width):
        if blank[column] <= allowed:
            end = column
            while end < width and blank[end] <= allowed:
                end += 1
            if end - column >= MIN_GUTTER and (best is None or end - column > best[1] - best[0]):
                best = (column, end)
            column = end
        column += 1
    if best is None:
        return None
    low, high = best
    two_sided = sum(1 for row in rows if _two_sided(row, low, high))
    return best if two_sided >= MIN_TWO_SIDED_SHARE * len(rows) else None


def _two_sided(row: str, low: int, high: int) -> bool:
    """Text on both sides of the gutter, parted by it or by a run of spaces reaching into it (a
    left line a little longer than most, as `_split_point` reads it)."""
    split = _split_point(row, low, high)
    return split is not None and bool(row[:split[0]].strip()) and bool(row[split[1]:].strip())
