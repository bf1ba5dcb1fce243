"""A table whose columns a reading-order extractor printed one a box stays a table, its rows rebuilt.

pdfminer.six (every engine) and pdftotext without `-layout` (groff's tables) often write a simple
table column by column: each column a box of short lines, its header cell (perhaps wrapped over
two lines) over one line a row. pdftotext prints the label column on the text's last lines:

    … Table 1 shows the main uses.        Licensed (Mm³/yr)     Actual, 2020–2024 mean
    Use                                   31.5                  (Mm³/yr)
    Public water supply                   9.8                   22.4
    Spray irrigation                      …                     …

(each column a block, read top to bottom, left to right); pdfminer.six sometimes prints the header
cells first, a box each, then the columns' bodies, a box each. Read as text, the cells run into
one paragraph (none closes a sentence) or stay a block a column.

The evidence is the counts agreeing: a run of boxes of cell lines (short, closing no clause, no
numbered heading, caption or leaders) read one of two ways:

- headed columns: every box is its header (1 to `MAX_HEADER_WRAP` lines of text) over R body
  lines, the same R (at least `MIN_ROWS`) in every box; the first box is the label column (the
  short lines a text block ends with, after its last line closing a text, may be it); every other
  box's body is numbers in at least `MIN_COLUMN_AGREEMENT` of its lines;
- headers first: k boxes of header cells (1 to `MAX_HEADER_WRAP` lines of text each), then k
  boxes of R body lines each (R at least `MIN_ROWS`), the first the labels, the others numbers;
  perhaps followed by headed columns of R numbers (header cells set lower print with their column).

Every box of the run that ends with `MIN_ROWS` numbers or more must be the table's; a run that
reads no way is kept whole (no table is made of its last boxes).

The header (each column's header lines in column order) becomes one block, each row a block (its
cells in column order, parted by spaces), all marked `table` (see `number_rows`). Only the table's
own lines move. Boxes that hold numeric columns enough to be a table's but read neither way stay
as printed, with a diagnostic. A list of short items in one box is no table (a table has at least
two columns, one of them numbers); neither are boxes of prose lines (they close clauses, or are
longer than a cell).
"""

from __future__ import annotations

from .model import Block, State
from .number_rows import CAPTION, MIN_ROWS, _CLOSES, _ENDS_TEXT, _LEADER, _SECTION, _numbers_only
from .table_cells import MAX_COLUMNS, MIN_COLUMN_AGREEMENT, measured_lines

# A header cell set in a narrow column wraps over at most this many lines (`Actual, 2020–2024
# mean` / `(Mm³/yr)`); a box with more lines above its body is no column of the table.
MAX_HEADER_WRAP = 2
# A cell line is at most this share of the document's full line: a column is narrower than the
# text, and a wrapped line of prose is near 1.
MAX_CELL_SHARE = 0.6
# A table's boxes are at most a header box and a body box a column: a run is read no further
# (so that every block opens at most one run this long: no quadratic reading of short blocks).
MAX_RUN_BOXES = 2 * MAX_COLUMNS


def table_columns(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) found the table by its geometry
        return state
    blocks = state.blocks
    plain, full = measured_lines(blocks)
    if full is None:
        return state
    limit = MAX_CELL_SHARE * full
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        tail = _tail(block, plain[index], limit)
        end = index + 1
        while end < len(blocks) and end - index <= MAX_RUN_BOXES and _is_box(blocks[end], plain[end], limit):
            end += 1
        boxes: list[tuple[int, list[int]]] = []  # (block index, line offsets): one column's box
        if tail:
            boxes.append((index, tail))
        elif _is_box(block, plain[index], limit, first=True):
            boxes.append((index, list(range(len(block.lines)))))
        else:  # text: the next block may open a table
            out.append(block)
            index += 1
            continue
        boxes += [(j, list(range(len(blocks[j].lines)))) for j in range(index + 1, end)]
        texts = [[plain[j][o] for o in offsets] for j, offsets in boxes]
        layout = _layout(texts) if len(boxes) >= 2 else None
        if layout is None:
            if len(boxes) >= 2 and _numeric_columns(texts) >= 2:
                # a table's boxes read no way: kept as printed, all of them (a later box opens
                # no table of the run's last columns)
                state.diagnostics.notice("table-columns-unread", block.start,
                                         "boxes of cells whose counts agree on no table: kept as printed")
                out += blocks[index:end]
                index = end
                continue
            out.append(block)
            index += 1
            continue
        header, rows, used = layout
        if tail:  # the text, without the label column it ends with
            out.append(Block(block.lines[:tail[0]], block.start, block.start + tail[0] - 1, block.kind,
                             page_break_before=block.page_break_before).carry(block))
        for cells in [header, *rows]:
            out.append(_joined(blocks, [(boxes[b][0], boxes[b][1][o]) for b, o in cells]))
        if not tail:  # the table's first line opens the page it opened
            out[len(out) - len(rows) - 1].page_break_before = block.page_break_before
        state.diagnostics.info("table-columns", block.start,
                               f"a table of {len(rows)} rows printed column by column: each row made "
                               "a line of its own")
        index = boxes[used - 1][0] + 1
    state.blocks = out
    return state


def _is_cell_line(line: str, limit: float) -> bool:
    return bool(line) and len(line) <= limit and not _CLOSES.search(line) and not _LEADER.search(line) \
        and not _SECTION.match(line) and not CAPTION.match(line)


def _is_box(block: Block, lines: list[str], limit: float, first: bool = False) -> bool:
    """A box of cell lines; only the table's first opens a page."""
    return block.kind == "para" and not block.item and not block.table and not block.quote \
        and (first or not block.page_break_before) and bool(lines) and all(_is_cell_line(line, limit) for line in lines)


def _tail(block: Block, lines: list[str], limit: float) -> list[int]:
    """The offsets of the cell lines a text block ends with after its last line closing a text
    (perhaps none)."""
    if block.kind != "para" or block.item or block.table or block.quote or not lines:
        return []
    last = next((i for i in range(len(lines) - 1, -1, -1)
                 if _ENDS_TEXT.search(lines[i]) or _SECTION.match(lines[i]) or CAPTION.match(lines[i])), None)
    if last is None:
        return []
    tail = list(range(last + 1, len(lines)))
    return tail if all(_is_cell_line(lines[i], limit) for i in tail) else []


def _numeric(lines: list[str]) -> bool:
    """A column of numbers: at least `MIN_COLUMN_AGREEMENT` of its lines (`below 40` among them)."""
    return bool(lines) and sum(_numbers_only(line) for line in lines) >= MIN_COLUMN_AGREEMENT * len(lines)


def _trailing(lines: list[str]) -> int:
    """How many lines of numbers the box ends with."""
    count = 0
    while count < len(lines) and _numbers_only(lines[len(lines) - 1 - count]):
        count += 1
    return count


def _numeric_columns(texts: list[list[str]]) -> int:
    """How many boxes end with at least `MIN_ROWS` numbers: evidence of a table's columns."""
    return sum(_trailing(lines) >= MIN_ROWS for lines in texts)


Cell = list[tuple[int, int]]  # (box, line offset in the box)


def _layout(texts: list[list[str]]) -> tuple[Cell, list[Cell], int] | None:
    """(the header's lines, each row's lines, how many boxes the table takes); None when the
    boxes read as a table neither way, or both."""
    found = [layout for layout in (_headed_columns(texts), _headers_first(texts)) if layout is not None]
    return found[0] if len(found) == 1 else None


def _headed_columns(texts: list[list[str]]) -> tuple[Cell, list[Cell], int] | None:
    # R is the count of the numbers ending the boxes that end with numbers: one count, or none
    counts = [_trailing(lines) for lines in texts[1:]]
    agreed = {count for count in counts if count >= MIN_ROWS}
    if len(agreed) != 1:
        return None
    rows = agreed.pop()
    used = 0
    for number, lines in enumerate(texts[:MAX_COLUMNS]):
        head = len(lines) - rows
        if not 1 <= head <= MAX_HEADER_WRAP or any(_numbers_only(line) for line in lines[:head]):
            break
        if number and not _numeric(lines[head:]):
            break
        used = number + 1
    if used < 2 or any(count >= MIN_ROWS for count in counts[used - 1:]):
        return None  # a column of numbers the table does not take: the counts disagree
    heads = [len(texts[b]) - rows for b in range(used)]
    header = [(b, o) for b in range(used) for o in range(heads[b])]
    body = [[(b, heads[b] + r) for b in range(used)] for r in range(rows)]
    return header, body, used


def _headers_first(texts: list[list[str]]) -> tuple[Cell, list[Cell], int] | None:
    for columns in range(2, min(MAX_COLUMNS, len(texts) // 2) + 1):
        heads, bodies = texts[:columns], texts[columns:2 * columns]
        if not all(1 <= len(lines) <= MAX_HEADER_WRAP and not any(_numbers_only(l) for l in lines)
                   for lines in heads):
            return None  # a header box with more lines, or numbers: no longer run reads
        rows = len(bodies[0])
        if rows < MIN_ROWS or any(len(lines) != rows for lines in bodies) \
                or not all(_numeric(lines) for lines in bodies[1:]):
            continue
        used = 2 * columns
        while used < len(texts) and columns + used // 2 < MAX_COLUMNS \
                and 1 <= len(texts[used]) - rows <= MAX_HEADER_WRAP \
                and not any(_numbers_only(line) for line in texts[used][:-rows]) \
                and _numeric(texts[used][-rows:]):
            used += 1  # a column after them printed with its header (the header cells set lower)
        if any(_trailing(lines) >= MIN_ROWS for lines in texts[used:]):
            return None  # a column of numbers the table does not take: the counts disagree
        more = range(2 * columns, used)
        header = [(b, o) for b in range(columns) for o in range(len(heads[b]))] \
            + [(b, o) for b in more for o in range(len(texts[b]) - rows)]
        body = [[(columns + b, r) for b in range(columns)] + [(b, len(texts[b]) - rows + r) for b in more]
                for r in range(rows)]
        return header, body, used
    return None


def _joined(blocks: list[Block], lines: list[tuple[int, int]]) -> Block:
    """One block of the lines, in that order, marked `table`: it continues nothing."""
    numbers = [blocks[j].start + o for j, o in lines]
    block = Block([blocks[j].lines[o] for j, o in lines], min(numbers), max(numbers), "para")
    block.table = True
    block.continues = False
    return block
