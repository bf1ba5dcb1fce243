"""The lines of a quotation that a layout export indents from its page's margin.

`pdftotext -layout` prints each line at its place on the page: a block quote's lines stand a few
columns right of the body's, below the line that introduces the quote with a colon, often with
no blank line between (`…at a public meeting in January:` / `     When I started we dredged…`).
`split_blocks` strips the indentation; this pass reads it first and hands the quote's lines (their
indices in the text, as `split_blocks` reads it right after: a row of a two-column page that
`columns` cut in two gives both halves one source line number) to `split_blocks`
(`State.quote_lines`), which makes them a block of their own, marked `quote` (see
`block_quotes` for the reading-order exports, which keep no indentation).

The page's own lines decide: its margin is the indentation most of its lines share, its measure
the length its full lines reach (WIDTH_PERCENTILE of `reflow`). A quote is a run of at least
`block_quotes.MIN_QUOTE_LINES` consecutive lines

- indented alike (within INDENT_TOLERANCE columns), by MIN_INDENT columns to MAX_LEFT_INDENT_SHARE of
  the measure (a centred heading or a second column stands further in);
- whose wrapped lines (all but the last) reach at least 1 - `block_quotes.MAX_INDENT_SHARE` of the
  measure from the margin (short lines fill no measure: a table's cells, a list, an address);
- opening as a sentence does (a capital, a quotation mark), not with a list's marker, a note's
  number, a lower-case word going on from the colon or a contents entry's leaders;
- below a line at the margin that ends with a colon (the nearest line with text, on the page).

Indented runs of any other kind (hanging indents of list items and notes, contents entries,
tables) are left as they are.
"""

from __future__ import annotations

from collections import Counter

from .block_quotes import INTRODUCES, MAX_INDENT_SHARE, MIN_QUOTE_LINES
from .model import State
from .reflow import WIDTH_PERCENTILE
from .unwrap_lines import starts_item
from .lazy_re import lazy_compile

# A quote stands at least this many columns right of the margin (pdftotext prints an indent of
# an em or more as two columns or more; one column is the rounding of a line's position).
MIN_INDENT = 2
# ...and at most this share of the page's measure (a centred line or a second column further).
MAX_LEFT_INDENT_SHARE = 0.15
# The quote's lines share their indentation within this many columns (rounding of positions).
INDENT_TOLERANCE = 1
# A page measures its margin and measure from at least this many lines of text.
MIN_PAGE_LINES = 10
# A contents entry's leaders.
_LEADERS = lazy_compile(r"(?:\. ?){4,}")


def quote_indents(state: State) -> State:
    if state.blocks:  # a reader that sees structure (PDF) made the blocks already
        return state
    lines = state.text.split("\n")
    page: list[int] = []
    for index, line in enumerate(lines + ["\f"]):
        if "\f" in line and page:
            state.quote_lines.update(_page_quotes(lines, page))
            page = []
        page.append(index)
    return state


def _indent(line: str) -> int:
    text = line.replace("\f", "")
    return len(text) - len(text.lstrip(" "))


def _page_quotes(lines: list[str], page: list[int]) -> list[int]:
    """The indices of the page's lines that stand in an indented quote."""
    texts = [i for i in page if lines[i].strip()]
    if len(texts) < MIN_PAGE_LINES:
        return []
    margin = Counter(_indent(lines[i]) for i in texts).most_common(1)[0][0]
    lengths = sorted(len(lines[i].rstrip()) - margin for i in texts)
    measure = lengths[min(len(lengths) - 1, int(WIDTH_PERCENTILE * len(lengths)))]
    found: list[int] = []
    position = 0
    while position < len(texts):
        run = _run(lines, texts, position, margin, measure)
        if run:
            found.extend(run)
            position += len(run)
        else:
            position += 1
    return found


def _run(lines: list[str], texts: list[int], position: int, margin: int, measure: int) -> list[int]:
    """The quote opening at texts[position], or [] when no quote opens there."""
    first = lines[texts[position]]
    indent = _indent(first) - margin
    if not MIN_INDENT <= indent <= MAX_LEFT_INDENT_SHARE * measure or not position:
        return []
    intro = lines[texts[position - 1]]
    if _indent(intro) != margin or not INTRODUCES.search(intro.rstrip()):
        return []
    opening = first.strip()
    if not opening[:1].isupper() and opening[:1] not in "“‘\"'(…":
        return []  # a note's number (`5Underwater…`), a list's marker, a sentence going on
    run = [texts[position]]
    for index in texts[position + 1:]:
        if index != run[-1] + 1 or abs(_indent(lines[index]) - margin - indent) > INDENT_TOLERANCE:
            break
        run.append(index)
    plain = [lines[i].strip() for i in run]
    if len(run) < MIN_QUOTE_LINES or any(_LEADERS.search(text) for text in plain) \
            or any(starts_item(plain, i) for i in range(len(plain))):
        return []
    filled = (1 - MAX_INDENT_SHARE) * measure
    if any(len(lines[i].rstrip()) - margin < filled for i in run[:-1]):
        return []
    return run
