"""The page's measures, from the document itself: the body font size and line spacing (the
commonest ones), the text columns and their edges (the commonest left and right ends of body
lines), whether the text is justified or ragged; and what a line's length says about the end
of its paragraph.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .pdf_extract import Line, PdfText

# A line reaching within this share of the body size of the right edge is full (justified text
# ends within a point or two of it): the paragraph goes on after it.
FULL_LINE = 0.5
# A left edge shared by at least this share of the body lines may open a column of its own...
COLUMN_SHARE = 0.2
MIN_COLUMN_LINES = 5  # and on a page, by at least this many lines
# ...when it lies this many body sizes right of the previous column's left edge (a column is
# wider than an indent or a list's hanging text) and that column's lines end before it.
MIN_COLUMN_WIDTH = 8
# Text is justified when at least this share of its body lines reach their column's right edge
# (every line but a paragraph's last): there a line short of the edge closes its paragraph.
JUSTIFIED_SHARE = 0.5
# Ragged text's right edge: this quantile of its lines' ends (its longest lines, a stray wider one
# such as a table row aside).
RAGGED_EDGE = 0.95
_TERMINAL = re.compile(r"[.!?:…][”’\"')\]]*$")


@dataclass
class Measures:
    body: float  # font size of the body text
    leading: float  # baseline-to-baseline distance of body lines
    left: float  # the text's left edge (its first column's)
    right: float  # and right edge (its last column's)
    columns: list[tuple[float, float]] = field(default_factory=list)  # (left, right), left to right
    justified: bool = False  # most body lines reach their column's right edge
    bold_body: bool = False  # the body itself is set in bold: bold tells nothing apart


def measure(pdf: PdfText) -> Measures:
    sizes: Counter = Counter()
    for page in pdf.pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    gaps, ends, page_lefts = [], [], set()
    for page in pdf.pages:
        previous = None
        lefts: Counter = Counter()
        widths: dict[int, list[float]] = {}
        for line in page.lines:
            if abs(line.size - body) < 0.05 * body:
                ends.append((round(line.x0), round(line.x1)))
                lefts[round(line.x0)] += 1
                if "\t" not in line.text:  # a table's row is no line of prose
                    widths.setdefault(round(line.x0), []).append(line.x1 - line.x0)
                if previous is not None and 0 < line.baseline - previous.baseline < 3 * body:
                    gaps.append(line.baseline - previous.baseline)
                previous = line
        total = sum(lefts.values())
        # A column closing a chapter may be short (ten lines beside forty): on its page, a left
        # edge of MIN_COLUMN_LINES lines of a column's width (prose, not a table's cells) is a
        # candidate too; _columns keeps it only where the lines of the column before end short of it.
        page_lefts.update(x for x, count in lefts.items()
                          if count >= max(MIN_COLUMN_LINES, COLUMN_SHARE * total)
                          or count >= MIN_COLUMN_LINES
                          and statistics.median(widths.get(x, [0.0])) >= MIN_COLUMN_WIDTH * body)
    leading = statistics.median(gaps) if gaps else 1.2 * body
    columns = _columns(ends, body, page_lefts)
    bold = Counter(span.bold for page in pdf.pages for line in page.lines if abs(line.size - body) < 0.05 * body
                   for span in line.spans for _ in span.text)
    bold_body = bold[True] > bold[False]
    left = columns[0][0] if columns else 0.0
    right = columns[-1][1] if columns else left + 30 * body
    # The measure: where each column's longest lines end. Justified text has most lines there;
    # ragged text few (its commonest end is then no edge, its measure is).
    longest = Measures(body, leading, left, right,
                       [(start, _measure_end(ends, start, index, columns, body))
                        for index, (start, _) in enumerate(columns)])
    full = sum(1 for x0, x1 in ends if x1 >= _right_of(x0, longest) - FULL_LINE * body)
    if ends and full < JUSTIFIED_SHARE * len(ends):
        longest.right = longest.columns[-1][1] if longest.columns else right
        longest.bold_body = bold_body
        return longest
    m = Measures(body, leading, left, right, columns)
    m.justified = bool(ends)
    m.bold_body = bold_body
    return m


def _measure_end(ends, start: float, index: int, columns, body: float) -> float:
    stop = columns[index + 1][0] - body if index + 1 < len(columns) else float("inf")
    rights = sorted(x1 for x0, x1 in ends if (start - body <= x0 or index == 0) and x0 < stop
                    and x1 < stop + body)
    return float(rights[int(RAGGED_EDGE * (len(rights) - 1))]) if rights else columns[index][1]


def _columns(ends: list[tuple[int, int]], body: float, page_lefts: set[int]) -> list[tuple[float, float]]:
    """The text columns: left edges shared by COLUMN_SHARE of the body lines of the document or
    of a page (a second column may fill one page only), each at least MIN_COLUMN_WIDTH body
    sizes right of the one before, whose lines mostly end before it; each column's right edge
    the commonest end of its longer lines."""
    if not ends:
        return []
    lefts = Counter(x0 for x0, _ in ends)
    candidates = sorted({x for x, count in lefts.items() if count >= COLUMN_SHARE * len(ends)}
                        | page_lefts)
    starts = [lefts.most_common(1)[0][0]] if not candidates else candidates[:1]
    for x in candidates[1:]:
        if x - starts[-1] < MIN_COLUMN_WIDTH * body:
            continue
        before = [x1 for x0, x1 in ends if starts[-1] - body <= x0 < x - body]
        if before and sum(1 for x1 in before if x1 < x) > len(before) / 2:  # full-width contents
            starts.append(x)                                                # or tables aside
    columns = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] - body if index + 1 < len(starts) else float("inf")
        rights = Counter(x1 for x0, x1 in ends if (start - body <= x0 or index == 0) and x0 < stop
                         and x1 < stop + body)
        columns.append((float(start), float(_upper(rights)) if rights else start + 30 * body))
    return columns


def column(line: Line, m: Measures) -> tuple[float, float]:
    """The (left, right) edges of the column a line stands in."""
    found = (m.left, m.right)
    for left, right in m.columns:
        if line.x0 >= left - m.body:
            found = (left, right)
    if line.x1 > found[1] + m.body:  # across the gutter: a page set in one column
        return found[0], m.right
    return found


def _right_of(x0: float, m: Measures) -> float:
    right = m.right
    for left, edge in m.columns:
        if x0 >= left - m.body:
            right = edge
    return right


def closes_paragraph(last: Line, following: Line, m: Measures) -> bool:
    """Does `last` end its paragraph, judged by its own length? It closes a sentence and falls
    short of its column's right edge: in justified text, by anything (only a paragraph's last
    line does); in ragged text, by room for the next line's first word, which the typesetter
    would have set there had the paragraph gone on."""
    if not ends_sentence(last):
        return False
    right = column(last, m)[1]
    if m.justified:
        return last.x1 < right - FULL_LINE * m.body
    word = following.text.split()[0] if following.text.split() else ""
    char = (last.x1 - last.x0) / max(1, len(last.text))  # the line's mean advance per character
    return last.x1 + (len(word) + 1) * char < right


def _upper(counts: Counter) -> float:
    """The right edge of justified text: the commonest right end among the longer lines."""
    ends = sorted(counts.elements())
    tail = ends[len(ends) // 2:]
    return Counter(tail).most_common(1)[0][0]

def is_full(line: Line, m: Measures) -> bool:
    return line.x1 >= column(line, m)[1] - FULL_LINE * m.body

def ends_sentence(line: Line) -> bool:
    """The line closes a sentence, a note call raised after its stop aside (`scarce.⁵`)."""
    return bool(_TERMINAL.search("".join(s.text for s in line.spans if not s.raised).rstrip()))
