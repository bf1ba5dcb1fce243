"""A table's rows, printed one a line with single spaces among hard-wrapped text, stay one a line.

pypdf and pypdfium2 write a simple table row by row, its cells parted by spaces (`Good 80–100
251 61 %`), inside the page's run of lines. Read as wrapped text, the rows would be joined into
one paragraph with the header and the text around them.

A table is a run of consecutive short lines (well short of the document's full line, as `reflow`
measures it) that close no clause and each carry several numbers, perhaps under one such line
without numbers (its header) after a line that closes its text. Each row becomes a block of its
own, and the text after the table opens a paragraph. (`table_rows` finds a layout-preserving
export's tables by their aligned gaps, later.)
"""

from __future__ import annotations

import re

from .model import Block, State, strip_tokens
from .reflow import measure

# A row is at most this share of the document's full line (a wrapped line of text is near 1).
MAX_ROW_SHARE = 0.75
# A row carries at least this many numbers (a line of text may hold one; a contents entry its
# section number and its page).
MIN_ROW_NUMBERS = 2
# A table has at least this many rows with numbers: two short lines could be anything.
MIN_ROWS = 3

_NUMBER = re.compile(r"^[(+−-]?\d[\d.,–%]*%?\)?$")
_CLOSES = re.compile(r"[.;:!?,…][”’\"')\]]*$")
_LEADER = re.compile(r"(?:\.\s?){3,}")
# A numbered heading or contents entry (`2.1 The homes 4`) is no row.
_SECTION = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\s+[^\W\d_]")
_ENDS_TEXT = re.compile(r"[.;:!?…][”’\"')\]]*\d{0,3}\s*$")


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
        rows = _table_lines(plain, full)
        if not rows:
            out.append(block)
            continue
        out.extend(_split(block, rows))
    state.blocks = out
    return state


def _is_row(line: str, full: int) -> bool:
    if not line or len(line) > MAX_ROW_SHARE * full or _CLOSES.search(line) or _LEADER.search(line) \
            or _SECTION.match(line):
        return False
    return sum(bool(_NUMBER.match(token)) for token in line.split()) >= MIN_ROW_NUMBERS


def _is_header(line: str, before: str | None, full: int) -> bool:
    return bool(line) and len(line) <= MAX_ROW_SHARE * full and not _CLOSES.search(line) \
        and (before is None or bool(_ENDS_TEXT.search(before)))


def _table_lines(plain: list[str], full: int) -> set[int]:
    """The lines of the block that are table rows (and headers)."""
    found: set[int] = set()
    index = 0
    while index < len(plain):
        if not _is_row(plain[index], full):
            index += 1
            continue
        end = index
        while end < len(plain) and _is_row(plain[end], full):
            end += 1
        if end - index >= MIN_ROWS:
            start = index
            before = plain[index - 2] if index >= 2 else None
            if index and _is_header(plain[index - 1], before, full):
                start = index - 1
            if start == 0 or _ENDS_TEXT.search(plain[start - 1]):  # a table opens after a whole text
                found.update(range(start, end))
        index = end
    return found


def _split(block: Block, rows: set[int]) -> list[Block]:
    pieces: list[Block] = []
    for offset, raw in enumerate(block.lines):
        row = offset in rows
        if not pieces or row or offset - 1 in rows:
            piece = Block([raw], block.start + offset, block.start + offset, block.kind,
                          page_break_before=block.page_break_before and not pieces)
            if pieces:
                piece.continues = False  # a row, or the text after a table, continues nothing
            pieces.append(piece.carry(block) if not pieces else piece)
            if row and offset:
                piece.continues = False
        else:
            pieces[-1].lines.append(raw)
            pieces[-1].end = block.start + offset
    return pieces
