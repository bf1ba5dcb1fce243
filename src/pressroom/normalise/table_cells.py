"""A table whose cells an extractor printed one a block stays a table, its rows rebuilt.

`pdftotext` (reading order) writes a simple table cell by cell, row after row, each cell a block
of its own between blank lines (`40 °C or lower` / `7` / `3.5` / `41–45 °C` / …); pdfminer.six
writes it column by column, one box per column (`40 °C or lower` / `41–45 °C` / `46–50 °C` /
`7` / `9` / `6` / …). Read as text, the cells run into one paragraph (none closes a sentence).

A run of such cells is the short blocks (closing no clause, no numbered heading, no caption, no
leaders) that follow a line closing a text, a numbered heading or a caption, with the short
lines the text's block ends with (the header's first cells are often printed on the text's last
lines). A cell is numeric when it is numbers only (`3.5`, `61 %`). The run is a table when the
numeric cells fall into columns, read one of four ways, and only one:

- row by row: from the label cell before the first numeric cell, the cells repeat with a period
  of `columns` (2 to `MAX_COLUMNS`), at least `MIN_ROWS` rows, perhaps followed by fewer text
  cells than a row (pdftotext prints a header cell set lower than the others after the rows:
  they stay as printed after the table, each a block of its own); in each column at least
  `MIN_COLUMN_AGREEMENT` of the cells are of the same kind (`below 40` in a column of numbers),
  the first column is labels, another is numbers, and the first row is of every column's kind;
- column by column: the run ends with numeric cells only, R for each numeric column; the R
  cells before them are the label column, all text; R is the only divisor of the numeric cells
  (at least `MIN_ROWS`) for which text cells remain before the labels for a header;
- column by column, each column's box opening with its header cell (`Homes` / `7` / `9` / `6`):
  the run is equal parts, the first all text, each other a text cell over numbers only;
- column by column, the label column's box last: the numeric columns' header cells, their
  numbers, R a column, then the label column's header and its R labels;
- figures only after a header of text cells (the labels are figures too: years), row by row or
  column by column: the fewest columns (or the most rows) whose figures agree in form (`_agrees`:
  a percentage, a range, the decimal places, the magnitude within `MAX_DIGIT_SPREAD` digits);
  figures that all agree, read any way, are a list, no table.

A run and its transpose often both read (a header row of one cell a column over rows of a label
and figures reads as boxes each opening with its header cell): the reading whose columns'
figures disagree least in form (`_disagreement`) is the table; at equal cost a reading with text
labels goes before one of figures only.

The cells before the first row are the header, one block; each row becomes a block, its cells
in the printed order parted by spaces. Header and rows are marked `table` (see `number_rows`).
A run that reads no way, or several ways, stays as it is; when it holds numeric cells enough to
be a table's (`_unread_table`), the text after it opens a paragraph of its own, no cell's rest.
"""

from __future__ import annotations

from collections import Counter

from .model import Block, State, strip_tokens
from .number_rows import CAPTION, MIN_ROWS, _CLOSES, _ENDS_TEXT, _LEADER, _SECTION, _numbers_only, numbered_heading
from .reflow import measure
from .lazy_re import lazy_compile

# A table has at most this many columns (a run of cells read with a longer period is text).
MAX_COLUMNS = 8
# A column's cells are of one kind (text or numbers) in at least this share of its rows: a
# column of numbers may hold a cell such as `below 40`.
MIN_COLUMN_AGREEMENT = 0.75
# A cell printed as a block of its own holds at most this many lines (a header cell wrapped in
# a narrow column: `Actual, 2020–` / `2024` / `mean` / `(Mm³/yr)`).
MAX_CELL_BLOCK_LINES = 4
# The text's block ends with at most this many lines of the table's header.
MAX_HEADER_LINES = 8
# Figures of one column agree in magnitude within this many digits (`19` and `112` in a column of
# sample counts; `41,200` and `139,500`); a row's figures spread wider (`2021` / `3` / `41,200`).
MAX_DIGIT_SPREAD = 1
# In an export with no hard-wrapped paragraphs to measure, a full line is this percentile of
# the lengths of all lines (a cell is no longer than a full line).
FULL_LINE_PERCENTILE = 0.9

# A number's first figure (its digits before and after the point) and a range's dash between figures.
_FIGURE = lazy_compile(r"\d[\d,]*(?:\.\d+)?")
_RANGE = lazy_compile(r"\d\s?[–-]\s?\d")
# A cell's lines joined where a number range wrapped after its dash (`2023– 24`).
_WRAPPED_RANGE = lazy_compile(r"\d[–‒] \d")

Unit = tuple[int, list[int]]  # (block index, line offsets): one cell


def measured_lines(blocks: list[Block]) -> tuple[list[list[str]], int | None]:
    """Each block's lines as plain text, and the length of a full line of the body
    (`reflow.measure`), or where the export sets a paragraph a line (pdfminer's boxes), the
    FULL_LINE_PERCENTILE of the lines' lengths; None for a document with no lines."""
    plain = [[strip_tokens(line).strip() for line in block.lines] for block in blocks]
    measured = measure(blocks)
    if measured is not None:
        return plain, measured[1]
    lengths = sorted(len(line) for lines in plain for line in lines)
    return plain, lengths[int(FULL_LINE_PERCENTILE * (len(lengths) - 1))] if lengths else None


def table_cells(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) found the table by its geometry
        return state
    blocks = state.blocks
    plain, full = measured_lines(blocks)
    if full is None:
        return state
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        tail = _tail(block, plain[index], full)
        end = index + 1
        while tail is not None and end < len(blocks) and _is_cell_block(blocks[end], plain[end], full,
                                                                        plain[end - 1][-1] if plain[end - 1] else ""):
            end += 1
        if tail is None or end == index + 1 and not tail:
            out.append(block)
            index += 1
            continue
        units: list[Unit] = [(index, [offset]) for offset in tail]
        units += [(j, list(range(len(blocks[j].lines)))) for j in range(index + 1, end)]
        cells = [" ".join(plain[j][o] for o in offsets) for j, offsets in units]
        layout = _layout(cells)
        if layout is None:
            if end < len(blocks) and _unread_table(cells) and blocks[end].continues is None \
                    and not (blocks[end].page_break_before and plain[end][0][:1].islower()):
                blocks[end].continues = False  # the text after a table's cells goes on none of them
            out.append(block)
            index += 1
            continue
        header, rows = layout
        if tail:  # the text, without the header's lines it ends with
            out.append(Block(block.lines[:tail[0]], block.start, block.start + tail[0] - 1, block.kind,
                             page_break_before=block.page_break_before).carry(block))
        else:
            out.append(block)
        for cells in ([header] if header else []) + rows:
            out.append(_joined(blocks, [units[u] for u in cells]))
        used = {u for cells in [header, *rows] for u in cells}
        for u in range(len(units)):
            if u not in used:  # a cell of the table no row takes: as printed, a block of its own
                left = blocks[units[u][0]]
                left.table, left.continues = True, False
                out.append(left)
        state.diagnostics.info("table-cells", block.start + (tail[0] if tail else len(block.lines)),
                               f"a table of {len(rows)} rows printed cell by cell: each row made "
                               "a line of its own")
        index = end
    state.blocks = out
    return state


def _unread_table(cells: list[str]) -> bool:
    """Cells that read as no table (pdfminer's boxes in an order no reading explains) but are
    one: at least `MIN_ROWS` numeric cells among twice as many."""
    return len(cells) >= 2 * MIN_ROWS and sum(_numbers_only(cell) for cell in cells) >= MIN_ROWS


def _tail(block: Block, lines: list[str], full: int) -> list[int] | None:
    """The offsets of the short lines the block ends with after its last line closing a text (or
    a numbered heading, or a caption), perhaps none; None when no line of the block closes a
    text or the block is no text."""
    if block.kind != "para" or block.item or block.table or not lines:
        return None
    last = next((i for i in range(len(lines) - 1, -1, -1)
                 if _ENDS_TEXT.search(lines[i]) or numbered_heading(lines, i) or CAPTION.match(lines[i])), None)
    if last is None:
        return None
    tail = list(range(last + 1, len(lines)))
    if len(tail) > MAX_HEADER_LINES or not all(_is_cell_line(lines[i], full, numbered_heading(lines, i)) for i in tail):
        return None
    return tail


def _is_cell_line(line: str, full: int, heading: bool | None = None) -> bool:
    """A short line closing nothing, no caption, and no numbered heading (`heading`: whether it
    has one's shape, where the caller knows its context)."""
    if heading is None:
        heading = bool(_SECTION.match(line))
    return bool(line) and len(line) <= full and not _CLOSES.search(line) and not _LEADER.search(line) \
        and not heading and not CAPTION.match(line)


def _is_cell_block(block: Block, lines: list[str], full: int, above: str = "") -> bool:
    """A block of a cell's lines; a header cell wrapped after a range's dash (`2022–` over
    `23 Change`, in this block or ending the cell `above` it) holds no numbered heading."""
    context = [above, *lines]
    return block.kind == "para" and not block.item and not block.table and not block.page_break_before \
        and 0 < len(lines) <= MAX_CELL_BLOCK_LINES \
        and all(_is_cell_line(line, full, numbered_heading(context, i + 1)) for i, line in enumerate(lines))


def _layout(cells: list[str]) -> tuple[list[int], list[list[int]]] | None:
    """(the header's cells, each row's cells in printed order), indices into `cells`; None when
    the cells read as a table no way, or several ways that its numbers' forms do not decide."""
    # A year range wrapped after its dash (`2023–` over `24`) is a header cell set in a narrow
    # column, not a figure of the body: no body cell of figures wraps (a figure is never broken).
    numeric = [_numbers_only(cell) and not _WRAPPED_RANGE.search(cell) for cell in cells]
    labelled = [layout for layout in (_by_rows(numeric), _by_columns(cells, numeric), _by_headed_columns(numeric),
                                      _by_label_column_last(numeric)) if layout is not None]
    if not labelled:  # the header cells of later columns printed amid the figures (set lower)
        labelled = [layout for layout in (_by_columns_headed_between(cells, numeric),
                                          _by_columns_last_row_apart(cells, numeric)) if layout is not None]
    # the labels may be figures too (years): a reading of figures only, after a text header
    figures = [layout for layout in (_by_figure_rows(cells, numeric), _by_figure_columns(cells, numeric))
               if layout is not None]
    found = labelled + figures
    if len(found) > 1:
        # A run of cells and its transpose often both read (a header row over rows of a label and
        # figures; or a box a column, each opening with its header): a table's column holds
        # figures of one form, a row mixes them, so the reading whose columns disagree least is
        # the table, when only one does; at equal cost, a reading with a column of text labels
        # is preferred to one taking them for the header.
        costs = [(_disagreement(cells, rows), number >= len(labelled)) for number, (_, rows) in enumerate(found)]
        best = min(costs)
        found = [layout for layout, cost in zip(found, costs) if cost == best]
    return found[0] if len(found) == 1 else None


def _form(cell: str) -> tuple[tuple[bool, bool, int], int]:
    """A numeric cell's form (a percentage, a range, how many decimal places) and its magnitude
    (how many digits before the point): `96.1%` is ((True, False, 1), 2), `1,380` ((False, False,
    0), 4)."""
    first = _FIGURE.search(cell)
    whole, _, decimals = (first.group(0) if first else "").replace(",", "").partition(".")
    return ("%" in cell, bool(_RANGE.search(cell)), len(decimals)), len(whole)


def _disagreement(cells: list[str], rows: list[list[int]]) -> int:
    """How far a reading's columns are from holding numbers of one form each: in each column, the
    forms beyond its first, and the spread of its magnitudes (in digits)."""
    cost = 0
    for column in range(max(len(row) for row in rows)):
        forms = [_form(cells[row[column]]) for row in rows
                 if column < len(row) and _numbers_only(cells[row[column]])]
        if forms:
            cost += len({form for form, _ in forms}) - 1
            cost += max(size for _, size in forms) - min(size for _, size in forms)
    return cost


def _agrees(column: list[str], spread: int | None = MAX_DIGIT_SPREAD) -> bool:
    """A column of figures of one form whose magnitudes spread over at most `spread` digits (any,
    when None)."""
    forms = [_form(cell) for cell in column]
    return len({form for form, _ in forms}) == 1 and (
        spread is None or max(size for _, size in forms) - min(size for _, size in forms) <= spread)


def _figure_run(cells: list[str], numeric: list[bool]) -> int | None:
    """Where a run of cells' figures start, when its header (text cells, at least one) is all
    that comes before them and no text cell after, and the figures do not all agree in form
    (a list of years: no period is evidence of columns)."""
    first = next((i for i, n in enumerate(numeric) if n), None)
    if not first or not all(numeric[first:]) or len(numeric) - first < 2 * MIN_ROWS \
            or _agrees(cells[first:]):
        return None
    return first


def _by_figure_rows(cells: list[str], numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    """Row by row, every cell a figure (the labels too: `2021` / `3` / `148` / `41,200` / `2022`
    …) after a header of text cells: the fewest columns (2 to `MAX_COLUMNS`, at least `MIN_ROWS`
    rows) for which every column's figures agree in form (`_agrees`); a multiple of them agrees
    too, and is no other table."""
    first = _figure_run(cells, numeric)
    if first is None:
        return None
    figures = len(cells) - first
    for columns in range(2, MAX_COLUMNS + 1):
        if figures % columns or figures // columns < MIN_ROWS:
            continue
        if all(_agrees(cells[first + column::columns]) for column in range(columns)):
            return (list(range(first)),
                    [list(range(start, start + columns)) for start in range(first, len(cells), columns)])
    return None


def _by_figure_columns(cells: list[str], numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    """Column by column, every cell a figure, after a header of text cells: the most rows (at
    least `MIN_ROWS`, at most `MAX_COLUMNS` columns of them) for which every column's figures
    agree in form; a column's part agrees too, and is no other table."""
    first = _figure_run(cells, numeric)
    if first is None:
        return None
    figures = len(cells) - first
    for rows in range(figures // 2, MIN_ROWS - 1, -1):
        if figures % rows or figures // rows > MAX_COLUMNS:
            continue
        columns = figures // rows
        if all(_agrees(cells[first + column * rows:first + (column + 1) * rows]) for column in range(columns)):
            return (list(range(first)),
                    [[first + column * rows + row for column in range(columns)] for row in range(rows)])
    return None


def _by_rows(numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    first = next((i for i, n in enumerate(numeric) if n), None)
    if first is None or first == 0 or numeric[first - 1]:
        return None
    start = first - 1  # the first row's label
    if any(numeric[:start]):
        return None
    for columns in range(2, MAX_COLUMNS + 1):
        body = numeric[start:]
        left = len(body) % columns  # cells after the last row: text, fewer than a row, not the table's
        if left and any(body[-left:]):
            continue
        body = body[:len(body) - left]
        if len(body) // columns < MIN_ROWS:
            continue
        rows = [body[r:r + columns] for r in range(0, len(body), columns)]
        kinds = []
        for column in range(columns):
            kind, count = Counter(row[column] for row in rows).most_common(1)[0]
            if count < MIN_COLUMN_AGREEMENT * len(rows):
                break
            kinds.append(kind)
        else:
            if kinds[0] or not any(kinds) or rows[0] != kinds:
                continue
            return (list(range(start)),
                    [list(range(start + r * columns, start + (r + 1) * columns)) for r in range(len(rows))])
    return None


def _by_columns(cells: list[str], numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    first = next((i for i, n in enumerate(numeric) if n), None)
    if first is None or not all(numeric[first:]):
        return None
    figures, texts = len(numeric) - first, first
    found = []
    for rows in range(MIN_ROWS, figures + 1):
        if figures % rows == 0 and rows < texts:  # the labels, and a header before them
            found.append(_columns_of(first, figures // rows, rows))
    if len(found) > 1:  # several counts of rows: the one whose columns' figures agree best, if one
        costs = [_disagreement(cells, layout[1]) for layout in found]
        found = [layout for layout, cost in zip(found, costs) if cost == min(costs)]
    return found[0] if len(found) == 1 else None


def _by_columns_headed_between(cells: list[str], numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    """Column by column, the header cells of later columns printed amid the figures, each before
    its column's (`Valley` / `Sirens` / `Valtelle` / `Oberau` / `Sarnen` / `14` / `11` / `13` /
    `Buildings` / `3,912` / …): text cells, the last R of them the labels; then runs of figures,
    each R a column whose figures agree in form (`_agrees`), parted by text cells (header cells);
    the run ends with figures. R is the count (at least `MIN_ROWS`) for which this reads, the
    one whose columns agree best when several do."""
    first = next((i for i, n in enumerate(numeric) if n), None)
    if first is None or first < MIN_ROWS + 1 or not numeric[-1]:
        return None
    runs: list[tuple[int, int]] = []  # (start, end) of each run of figures
    for index in range(first, len(cells)):
        if numeric[index] and runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        elif numeric[index]:
            runs.append((index, index + 1))
    if len(runs) < 2:
        return None  # no header cell amid the figures: `_by_columns` reads it
    found = []
    for rows in range(MIN_ROWS, first):
        if any((end - start) % rows for start, end in runs):
            continue
        columns = [list(range(start, start + rows)) for begin, end in runs for start in range(begin, end, rows)]
        if len(columns) > MAX_COLUMNS or not all(_agrees([cells[i] for i in column]) for column in columns):
            continue
        labels = list(range(first - rows, first))
        header = list(range(first - rows)) + [i for i in range(first, len(cells)) if not numeric[i]]
        found.append((header, [[labels[r]] + [column[r] for column in columns] for r in range(rows)]))
    if len(found) > 1:
        costs = [_disagreement(cells, layout[1]) for layout in found]
        found = [layout for layout, cost in zip(found, costs) if cost == min(costs)]
    return found[0] if len(found) == 1 else None


def _by_columns_last_row_apart(cells: list[str], numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    """Column by column after the header cells, the last row's cells of the first k columns boxed
    apart after those columns' other R - 1 (a last row taller than the others: its label wraps),
    then the other columns whole (`Good` / `Fair` / `Poor` / `80–100` / `65–79` / `40–64` /
    `Very poor` / `below 40` / `251` / `111` / `41` / `9` / …). The first column is the labels
    (text), every other column numbers in at least `MIN_COLUMN_AGREEMENT` of its cells, and
    those figures agree in form (`_agrees`). Of the counts (columns, rows, k) that read so, the
    one whose columns agree best, when one does."""
    counts = [0]  # how many figures before each cell: a column's figures counted in one step
    for number in numeric:
        counts.append(counts[-1] + number)

    def enough(low: int, high: int, extra: int) -> bool:
        """Whether cells low to high, and the cell `extra`, are figures in the share a column of
        figures holds."""
        return counts[high] - counts[low] + numeric[extra] >= MIN_COLUMN_AGREEMENT * (high - low + 1)

    found = []
    for columns in range(2, MAX_COLUMNS + 1):
        for rows in range(MIN_ROWS, (len(cells) - 1) // columns + 1):
            header = len(cells) - columns * rows
            if counts[header]:
                continue
            for apart in range(1, columns):
                last = header + apart * (rows - 1)  # where the last row's box starts
                if counts[header + rows - 1] or numeric[last] or not all(
                        enough(header + c * (rows - 1), header + (c + 1) * (rows - 1), last + c)
                        for c in range(1, apart)) or not all(
                        enough(start, start + rows - 1, start + rows - 1)
                        for start in range(last + apart, len(cells), rows)):
                    continue  # counted first: the label column text, the others figures enough
                table = [list(range(header + c * (rows - 1), header + (c + 1) * (rows - 1))) + [last + c]
                         for c in range(apart)]
                table += [list(range(start, start + rows)) for start in range(last + apart, len(cells), rows)]
                if not all(_figures(cells, numeric, column) for column in table[1:]):
                    continue
                found.append((list(range(header)), [[column[r] for column in table] for r in range(rows)]))
    if len(found) > 1:
        costs = [_disagreement(cells, layout[1]) for layout in found]
        found = [layout for layout, cost in zip(found, costs) if cost == min(costs)]
    return found[0] if len(found) == 1 else None


def _figures(cells: list[str], numeric: list[bool], column: list[int]) -> bool:
    """A column of figures: numbers in at least `MIN_COLUMN_AGREEMENT` of its cells (`below 40`
    among them), all of one form (their magnitudes may spread: `251` bridges, `9`)."""
    figures = [cells[i] for i in column if numeric[i]]
    return len(figures) >= MIN_COLUMN_AGREEMENT * len(column) and _agrees(figures, spread=None)


def _columns_of(first: int, columns: int, rows: int) -> tuple[list[int], list[list[int]]]:
    """The header, and the rows, of a run whose last `columns` x `rows` cells are figures column
    by column after the label column's `rows` cells."""
    labels = first - rows
    return (list(range(labels)),
            [[labels + r] + [first + c * rows + r for c in range(columns)] for r in range(rows)])


def _by_headed_columns(numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    """Column by column, each column's box opening with its header cell: the run is `columns`
    equal parts, the first all text (its header and the labels), each other a text cell (its
    header) over numbers only."""
    found = []
    for columns in range(2, MAX_COLUMNS + 1):
        height = len(numeric) // columns
        if len(numeric) % columns or height - 1 < MIN_ROWS:
            continue
        parts = [numeric[c * height:(c + 1) * height] for c in range(columns)]
        if not any(parts[0]) and all(not part[0] and all(part[1:]) for part in parts[1:]):
            found.append(columns)
    if len(found) != 1:
        return None
    columns = found[0]
    height = len(numeric) // columns
    return ([c * height for c in range(columns)],
            [[c * height + r for c in range(columns)] for r in range(1, height)])


def _by_label_column_last(numeric: list[bool]) -> tuple[list[int], list[list[int]]] | None:
    """Column by column, the label column's box last: the numeric columns' header cells (k of
    them), their numbers (R a column), then the label column's header and its R labels."""
    first = next((i for i, n in enumerate(numeric) if n), None)
    if first is None or first == 0 or any(numeric[:first]):
        return None
    last = max(i for i, n in enumerate(numeric) if n) + 1
    columns, figures, labels = first, last - first, len(numeric) - last - 1
    if not all(numeric[first:last]) or any(numeric[last:]) or labels < MIN_ROWS \
            or figures != labels * columns:
        return None
    return ([last] + list(range(first)),
            [[last + 1 + r] + [first + c * labels + r for c in range(columns)] for r in range(labels)])


def _joined(blocks: list[Block], units: list[Unit]) -> Block:
    """One block of the units' lines, in the units' order, marked `table`: it continues nothing."""
    lines = [blocks[j].lines[o] for j, offsets in units for o in offsets]
    numbers = [blocks[j].start + o for j, offsets in units for o in offsets]
    block = Block(lines, min(numbers), max(numbers), "para")
    block.table = True
    block.continues = False
    return block
