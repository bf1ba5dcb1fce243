"""A justified line's last words that pdfminer.six boxed apart go back to the end of their line.

pdfminer.six writes a page's text box by box. Where a justified line ends with words set in
another face (an italic title in a note or a reference: `Environment Agency (2021). Ecological
Flow Indicators:`), the stretched word space before them may part them into a box of their own,
written before the box holding the rest of the line or after it: a box of one line that opens
with that word space (` Ecological   Flow   Indicators:`). The line it was cut from is evident in
the other box: its word spaces are stretched (it was justified to the measure), yet it is far
shorter than the document's justified lines (`Environment   Agency   (2021).`).

The piece goes back to the end of that line where exactly one line shows it: the first line of
the box right after the piece, or a line of the box right before it, on the same page, with a
stretched word space, shorter than SHORT_SHARE of the document's justified lines (their median
length, word spaces single) and no longer than the longest of them once the piece is added.
Anything else (no such line, or two) leaves the text as it is. Needs MIN_JUSTIFIED justified
lines to measure (an export that keeps no stretched spaces has none, and never this shape).
"""

from __future__ import annotations

from .model import State
from .lazy_re import lazy_compile

# A box of one line opening with one word space, then a word: the piece cut from a line's end.
_PIECE = lazy_compile(r"^ (?=[^\W\d_]|[“\"‘'(\[])")
# A stretched word space: a run of spaces between two words (pdfminer writes the width a justified
# line gave it). A justified line holds at least MIN_STRETCHED_GAPS of them (a run after a
# stop alone may be a typist's two spaces); the line a piece was cut from one at least (its words
# before the piece may be two: `K.   Lindqvist,`).
_GAP = lazy_compile(r"(?<=\S) {2,}(?=\S)")
MIN_STRETCHED_GAPS = 2
# Fewer justified lines than this measure no line.
MIN_JUSTIFIED = 5
# A line cut short of the measure by a piece is shorter than this share of the median justified
# line (the pieces seen are a title's last two words at least: a quarter of a line and more).
SHORT_SHARE = 0.75
_SPACES = lazy_compile(r"\s+")


def boxed_line_ends(state: State) -> State:
    if state.blocks:  # a reader that saw the pages (PDF) made its lines and blocks by position
        return state
    lines = state.text.split("\n")
    justified = sorted(_length(line) for line in lines if len(_GAP.findall(line)) >= MIN_STRETCHED_GAPS)
    if len(justified) < MIN_JUSTIFIED or not any(_PIECE.match(line) for line in lines):
        return state
    short, longest = SHORT_SHARE * justified[len(justified) // 2], justified[-1]
    boxes = _boxes(lines)
    moves: dict[int, int] = {}  # the piece's line -> the line it ends
    for at, box in enumerate(boxes):
        if len(box) != 1 or not _PIECE.match(lines[box[0]]) or "\f" in lines[box[0]]:
            continue
        piece = lines[box[0]]
        candidates = []
        if at + 1 < len(boxes) and _same_page(lines, box[0], boxes[at + 1][0]):
            candidates.append(boxes[at + 1][0])
        if at > 0 and _same_page(lines, boxes[at - 1][-1], box[0]):
            candidates += boxes[at - 1]
        cut = [index for index in candidates if index not in moves.values() and _GAP.search(lines[index])
               and not _PIECE.match(lines[index]) and _length(lines[index]) < short
               and _length(lines[index]) + 1 + _length(piece) <= longest]
        if len(cut) == 1:
            moves[box[0]] = cut[0]
    if not moves:
        return state
    numbers = state.line_numbers or list(range(1, len(lines) + 1))
    for piece, line in moves.items():
        state.audit.change("boxed_line_ends", numbers[piece], lines[piece].strip(),
                           f"joined to the end of line {numbers[line]}, which it was cut from")
        lines[line] = f"{lines[line].rstrip()} {lines[piece].strip()}"
    keep = [index for index in range(len(lines)) if index not in moves]
    state.text = "\n".join(lines[index] for index in keep)
    state.line_numbers = [numbers[index] for index in keep]
    return state


def _length(line: str) -> int:
    """A line's length in letters, its word spaces single."""
    return len(_SPACES.sub(" ", line.strip()))


def _boxes(lines: list[str]) -> list[list[int]]:
    """The runs of lines with text, parted by blank lines (a page's first line, which opens with
    its form feed, opens a run)."""
    boxes: list[list[int]] = []
    previous_blank = True
    for index, line in enumerate(lines):
        if not line.strip("\f ").strip():
            previous_blank = True
            continue
        if previous_blank or "\f" in line:
            boxes.append([index])
        else:
            boxes[-1].append(index)
        previous_blank = False
    return boxes


def _same_page(lines: list[str], first: int, last: int) -> bool:
    """No page ends between line `first` and line `last` (a form feed opening `last` ends one)."""
    return not any("\f" in line for line in lines[first + 1:last + 1])
