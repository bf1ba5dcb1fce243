"""A quotation set apart from the text (a block quote) is a block of its own, marked `quote`.

A typesetter sets a block quote on a narrower measure than the body (indented on the left, often
on both sides), after a line that introduces it with a colon (`…in a letter to his sister:`),
and goes back to the body's measure after it. Reading-order exports (`pdftotext`, pypdf,
pypdfium2, pdfminer.six) keep neither the indentation nor a blank line around it: read as text,
the quote runs into the paragraph that introduces it and into the one after. Two kinds of
evidence are left, and either makes a quote:

- indentation: a layout export (`pdftotext -layout`) keeps it; `quote_indents` found the runs
  of lines indented from the page's margin below an introducing line, and `split_blocks` made
  each a block marked `quote`;
- the measure: the quote's wrapped lines are shorter than the body's. After a line ending in a
  colon, a run of at least MIN_QUOTE_LINES lines (opening as a sentence does, not in lower case;
  none opening a list item; the colon's line no list item's) is a quote when each of its
  wrapped lines (all but its last) is shorter than a full body line (`reflow.measure`) by
  MIN_INDENT_SHARE to MAX_INDENT_SHARE of it and was wrapped at the run's own measure (its
  longest line: the next word would not have fitted), on one at least where the body's wrap
  width would have held the next word; its last line is shorter than a full line and ends a
  sentence, and after it the body's measure comes back (a full line, longer than the quote's
  lines by MEASURE_STEP of it) or the block ends (a blank line, a page's end).

Anything else (a line of the body's measure inside the run, a run that never ends a sentence
before the body's measure returns, short lines that fill no measure) leaves the text as it is: a
short paragraph, a list or a reference after a colon is no quote. A document that is not
hard-wrapped (one paragraph a line) has no measure to compare; a PDF read with its geometry
(readers/pdf) made its blocks itself; both are left alone.
"""

from __future__ import annotations


from .model import Block, State, strip_tokens
from .reflow import measure
from .unwrap_lines import starts_item
from .lazy_re import lazy_compile

# A quote set apart holds at least this many printed lines: one short line after a colon is as
# likely a short paragraph's end.
MIN_QUOTE_LINES = 2
# A quote's wrapped lines are shorter than a full body line by at least this share of it (the
# indentation a typesetter gives a quote: an em or two on each side, 3–10 per cent of a measure
# of 50–100 characters)...
MIN_INDENT_SHARE = 0.03
# ...and by at most this share: lines shorter still fill no measure (a list's items, an
# address, a reference's parts), and a quote is not set on a measure much narrower than this.
MAX_INDENT_SHARE = 0.25
# The line after the quote is back at the body's measure when it is a full line and longer than
# every line of the quote by at least this share of a full line: justified lines of one measure
# differ by a character or two, and a quote's lines that reach a full line's length now and then
# are no narrower measure.
MEASURE_STEP = 0.05
# A line that introduces what follows: it ends with a colon (a note's call may follow it).
INTRODUCES = lazy_compile(r":[”’\"')\]]*(?:\d{1,3})?$")
# A line that ends a sentence (a note's call may follow it: `…so glad to be slow.20`).
_SENTENCE_END = lazy_compile(r"[.!?…][”’\"')\]]*(?:\d{1,3})?$")


def block_quotes(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) set the blocks by their geometry
        return state
    measured = measure(state.blocks)
    if measured is None:
        return state
    width, full = measured
    out: list[Block] = []
    for block in state.blocks:
        if block.kind != "para" or block.item or block.table or len(block.lines) < MIN_QUOTE_LINES:
            out.append(block)
            continue
        before = out[-1] if out and out[-1].kind == "para" and not out[-1].item and not out[-1].table else None
        if block.quote:  # an indented quote is a block already (split_blocks)
            out.append(block)
            continue
        out.extend(_split(block, _measured_runs(block, before, full, width)))
    state.blocks = out
    return state


def _measured_runs(block: Block, before: Block | None, full: int, width: int) -> list[tuple[int, int]]:
    lines = [strip_tokens(line).rstrip() for line in block.lines]
    above = [strip_tokens(line).rstrip() for line in before.lines] if before is not None else []
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        end = None
        previous = lines[index - 1] if index else above[-1] if above else ""
        if INTRODUCES.search(previous) and _introduced(above + lines[:index]):
            end = _quote_end(lines, index, full, width)
        if end is None:
            index += 1
            continue
        runs.append((index, end))
        index = end + 1
    return runs


def _introduced(lines: list[str]) -> bool:
    """Does the last of these lines introduce what follows, in a paragraph that is no list item
    (a reference's title may end in a colon: `Five Years On:` / `Water Quality…`)?"""
    if not lines or not INTRODUCES.search(lines[-1]):
        return False
    start = len(lines) - 1  # the introducing sentence's first line
    while start and not _SENTENCE_END.search(lines[start - 1]):
        start -= 1
    return not any(starts_item(lines, index) for index in range(start, len(lines)))


def _quote_end(lines: list[str], first: int, full: int, width: int) -> int | None:
    """The offset of the last line of the quote opening at `first`, or None when the lines
    from there are no quote."""
    if lines[first][:1].islower():
        return None  # the sentence goes on after its colon (or a list's item lost its marker)
    longest = full * (1 - MIN_INDENT_SHARE)
    shortest = full * (1 - MAX_INDENT_SHARE)
    measure = 0  # the quote's: its longest line so far
    for index in range(first, len(lines)):
        line = lines[index]
        if len(line) >= full or starts_item(lines, index):
            return None  # the body's measure (or a list) before the run ended a sentence
        measure = max(measure, len(line))
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _SENTENCE_END.search(line) and (following is None or len(following) >= max(
                full, measure + MEASURE_STEP * full)):
            run = lines[first:index + 1]
            if len(run) < MIN_QUOTE_LINES or not _one_measure(run, width):
                return None
            return index
        if not shortest <= len(line) < longest:
            return None  # a wrapped line of the run at no narrower measure than the body's
    return None


def _one_measure(run: list[str], width: int) -> bool:
    """Each line of the run but its last was wrapped at the run's own measure (its longest
    line): the next line's first word would not have fitted on it (a line with room to spare
    ended a paragraph: the run is no quote set on one measure); and on one of them at least it
    would have fitted within the body's wrap width (`reflow.measure`: a body line wrapped early
    before a long word is short for that reason only)."""
    measure = max(len(line) for line in run)
    pairs = [(len(line), len(following.split()[0])) for line, following in zip(run, run[1:])
             if following.split()]
    return all(length + 1 + word >= measure for length, word in pairs) \
        and any(length + 1 + word < width for length, word in pairs)


def _split(block: Block, runs: list[tuple[int, int]]) -> list[Block]:
    """The block in pieces: text, each quote, text; or the block itself when it holds none."""
    if not runs:
        return [block]
    cuts = sorted({0, len(block.lines)} | {offset for first, last in runs for offset in (first, last + 1)})
    quoted = {first for first, _ in runs}
    pieces: list[Block] = []
    for first, after in zip(cuts, cuts[1:]):
        piece = Block(block.lines[first:after], block.start + first, block.start + after - 1, block.kind,
                      page_break_before=block.page_break_before and not first)
        if not first:
            piece.carry(block)  # the block's evidence stays with its start
        piece.quote = first in quoted
        pieces.append(piece)
    return pieces
