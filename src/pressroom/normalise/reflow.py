"""Paragraph ends in hard-wrapped text that has no blank line between paragraphs.

Reading-order extractors (`pdftotext`, pypdf, pdfminer.six, pypdfium2) write each printed line
as a line and put nothing between paragraphs. As calibre's unwrap does, the document's own line
lengths decide: a line is wrapped when the next line's first word would not have fitted on it,
so a line that ends a sentence with room to spare ends its paragraph. Short lines with no closing
punctuation between paragraphs (headings) stand alone; an indented line opens a paragraph.

Only blocks of several lines are split, and only in documents that are hard-wrapped; the
blank-line style of export (one paragraph per line) passes through untouched.
"""

from __future__ import annotations

import re

from .model import Block, State, strip_tokens
from .unwrap_lines import starts_item

# A document is hard-wrapped when at least this share of its lines sit in blocks of several
# lines (the blank-line style has one line per paragraph).
MIN_WRAPPED_SHARE = 0.5
# The wrap width is this percentile of the line lengths: nearly all full lines reach it.
WIDTH_PERCENTILE = 0.9
# A full (wrapped) line is at least this percentile of the lengths of lines that run on into the
# next: justified lines vary a little, ragged ones more; a line with room to spare beyond it
# for the next word was not wrapped.
FULL_LINE_PERCENTILE = 0.2
# A line longer than this share of a full line holds several printed lines (see `fits`).
JOINED_LINE_SHARE = 1.5
# Lines shorter than this share of the width never count as full when measuring (headings).
MIN_FULL_SHARE = 0.5
# A heading line is at most this share of the wrap width.
MAX_HEADING_SHARE = 0.75
# Blank lines already separate paragraphs when the blocks hold fewer candidate paragraph ends
# (sentence ends with room to spare) than this on average: a page-long block of an extractor
# holds several, a paragraph block at most a stray one. Then only list items are split off.
MIN_ENDS_PER_BLOCK = 0.5
# A block this long is a page or a column run together (a two-column page read column by
# column), never one paragraph: its paragraph ends are found by line length whatever the rest of
# the document does.
MIN_PAGE_BLOCK_LINES = 25

_SENTENCE_END = re.compile(r"[.!?…:][”’\"')\]]*(?:\s*\d{1,3})?$")  # `achieved. 2`: a flattened call
_CLOSING = re.compile(r"[.!?;,:…]$")
_FIRST_WORD = re.compile(r"^\S+")


def reflow(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) found the paragraphs by their geometry
        return state
    measured = measure(state.blocks)
    if measured is None:
        return state
    width, full = measured
    multi = [block for block in state.blocks if len(block.lines) > 1 and block.kind == "para"]
    ends = sum(fits(strip_tokens(a), strip_tokens(b), full) and bool(_SENTENCE_END.search(strip_tokens(a)))
               for block in multi for a, b in zip(block.lines, block.lines[1:]))
    # Where blank lines are the paragraph ends, only headings run into their paragraph are split.
    by_length = ends >= MIN_ENDS_PER_BLOCK * len(multi) or state.columns_read
    out: list[Block] = []
    for block in state.blocks:
        # an item found by its marker; a table's header or row (number_rows); a quote (its lines
        # are set to a narrower measure than the body's: block_quotes) is one block
        if len(block.lines) == 1 or block.kind != "para" or block.item or block.table or block.quote:
            out.append(block)
            continue
        out.extend(_split(block, full, width, by_length or len(block.lines) >= MIN_PAGE_BLOCK_LINES))
    state.blocks = out
    return state


def measure(blocks: list[Block]) -> tuple[int, int] | None:
    """The wrap width and the length of a full line, from the document's own lines; None when
    the document is not hard-wrapped."""
    lengths = [len(line) for block in blocks if len(block.lines) > 1 for line in block.lines]
    all_lines = sum(len(block.lines) for block in blocks)
    if not all_lines or len(lengths) < MIN_WRAPPED_SHARE * all_lines:
        return None
    width = _percentile(lengths, WIDTH_PERCENTILE)
    running_on = [len(line) for block in blocks for line in block.lines[:-1]
                  if len(line) >= MIN_FULL_SHARE * width and not _SENTENCE_END.search(strip_tokens(line))]
    return width, (_percentile(running_on, FULL_LINE_PERCENTILE) if running_on else width)


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _split(block: Block, full: int, width: int, by_length: bool) -> list[Block]:
    lines = [strip_tokens(line) for line in block.lines]
    breaks = [False] * len(lines)  # breaks[i]: a new block starts at line i
    for i in range(1, len(lines)):
        before, line = lines[i - 1], lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else None
        ends = bool(_SENTENCE_END.search(before))
        if starts_item(lines, i):
            breaks[i] = by_length or breaks[i]
        elif ends and by_length and fits(before, line, full):
            breaks[i] = True
        elif _heading_shaped(before, line, width, full) and (i == 1 or breaks[i - 1]
                                                             or _SENTENCE_END.search(lines[i - 2])):
            breaks[i - 1] = breaks[i - 1] or i - 1 > 0
            breaks[i] = True
        elif by_length and ends and _heading_shaped(line, following, width, full):
            breaks[i] = True
    pieces: list[Block] = []
    for offset, raw in enumerate(block.lines):
        if not pieces or breaks[offset]:
            piece = Block([raw], block.start + offset, block.start + offset, block.kind,
                          page_break_before=block.page_break_before and not pieces)
            pieces.append(piece if pieces else piece.carry(block))  # evidence stays with its start
        else:
            pieces[-1].lines.append(raw)
            pieces[-1].end = block.start + offset
    return pieces


def fits(line: str, following: str, full: int) -> bool:
    """Would the next line's first word have fitted at the end of this line?

    pdftotext joins a printed line ending in a hyphen to the next one: such a line holds two
    or more printed lines, the last of which is what was left after the full ones."""
    word = _FIRST_WORD.match(following.lstrip())
    length = len(line.rstrip())
    while length > JOINED_LINE_SHARE * full:
        length -= full
    return bool(word) and length + 1 + len(word.group(0)) < full


def _heading_shaped(line: str, following: str | None, width: int, full: int) -> bool:
    """A short line with no closing punctuation, followed by a line that opens a sentence."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_SHARE * width or _CLOSING.search(text):
        return False
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if following is None:
        return True
    nxt = following.lstrip()
    return (nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "“\"‘(") and fits(text, nxt, full)
