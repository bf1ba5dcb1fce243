"""The rows of a table printed by a layout-preserving export stay rows.

`pdftotext -layout` prints a table as lines whose cells are parted by wide runs of spaces that
line up from row to row. Read as a paragraph, its rows would run into one another and into the
paragraph below (`Public water supply 31.5 22.4 Spray irrigation 9.8 4.1 …`). Lines of a block
that share such a blank band, several in a row, are each a row of their own (kind `table_row`):
no later pass joins them, and each is written as a line of its own text, its cells parted by
one space. Nothing is dropped or reordered.
"""

from __future__ import annotations

import re

from .model import Block, State, strip_tokens

# A table has at least this many rows printed one under another (a header and two rows).
MIN_TABLE_ROWS = 3
# Cells are parted by at least this many spaces: justified text leaves one or two between words.
MIN_CELL_GAP = 3
# A table's cells are short: the median cell holds at most this many words (a column of running
# text, set beside another, holds a line of eight or more).
MAX_CELL_WORDS = 5

_GAP = re.compile(r" {%d,}" % MIN_CELL_GAP)


def table_rows(state: State) -> State:
    blocks = state.blocks
    rows: set[tuple[int, int]] = set()  # (block, line) of each table row
    tables = 0
    run: list[tuple[int, int, str]] = []

    def close() -> None:
        nonlocal tables
        if len(run) >= MIN_TABLE_ROWS and _aligned([line for _, _, line in run]):
            rows.update((index, offset) for index, offset, _ in run)
            tables += 1

    previous: tuple[int, int] | None = None
    for index, block in enumerate(blocks):
        if block.kind != "para":
            close()
            run, previous = [], None
            continue
        for offset, line in enumerate(block.lines):
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
            else:
                close()
                run = []
            previous = (index, offset)
    close()
    if not rows:
        return state
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if any((index, offset) in rows for offset in range(len(block.lines))):
            out.extend(_split(block, [offset for offset in range(len(block.lines)) if (index, offset) in rows]))
        else:
            out.append(block)
    state.diagnostics.info("table-rows", blocks[min(rows)[0]].start, f"{tables} table(s) of aligned cells: "
                           "each row kept a line of its own")
    state.blocks = out
    return state


def _cells(line: str) -> list[str]:
    return [cell for cell in _GAP.split(strip_tokens(line).strip()) if cell]


def _aligned(lines: list[str]) -> bool:
    """A table's rows: every wide gap between two cells of every row falls in a band of character
    columns that all the rows leave blank (the cells of a column line up), and the cells are
    short. Running text set with wide spaces (pdfminer pads justified lines) has its gaps
    wherever its words end, and no band runs through all of them."""
    plain = [strip_tokens(line).strip() for line in lines]
    width = max(len(line) for line in plain)
    blank = [all(column >= len(line) or line[column] == " " for line in plain) for column in range(width)]
    for line in plain:
        for gap in _GAP.finditer(line):
            if not any(blank[column] for column in range(gap.start(), gap.end())):
                return False
    words = sorted(len(cell.split()) for line in lines for cell in _cells(line))
    return words[len(words) // 2] <= MAX_CELL_WORDS


def _split(block: Block, rows: list[int]) -> list[Block]:
    """The block cut into its table rows (one block each) and the text between them."""
    pieces: list[Block] = []
    pending: list[int] = []

    def piece(offsets: list[int], kind: str) -> None:
        lines = [block.lines[o] if kind == "para" else " ".join(_GAP.split(block.lines[o].strip()))
                 for o in offsets]
        pieces.append(Block(lines, block.start + offsets[0], block.start + offsets[-1], kind,
                            page_break_before=block.page_break_before and not pieces).carry(block))

    for offset in range(len(block.lines)):
        if offset in rows:
            if pending:
                piece(pending, "para")
                pending = []
            piece([offset], "table_row")
        else:
            pending.append(offset)
    if pending:
        piece(pending, "para")
    return pieces
