"""Page geometry → roles: running heads and folios, footnote areas, headings, paragraphs.

Every measure comes from the document itself (`pdf_measure`: body size, line spacing, columns).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from ..normalise.furniture import furniture_key, is_page_number
from ..normalise.model import EMPH_OPEN, LINK_OPEN, STRONG_OPEN
from .pdf_extract import SUPERSCRIPT_DIGITS, Line, Page, PdfText, Span
# The measures, and what the reader asks of them through this module (`layout.measure`, …).
from .pdf_measure import (_TERMINAL, Measures, closes_paragraph, column,  # noqa: F401
                          ends_sentence, is_full, measure)

# Lines at a page's top or bottom edge, set apart from the rest by more than this many body line
# spacings, are candidates for running heads, footers and folios.
EDGE_SEPARATION = 1.5
MAX_EDGE_LINES = 2  # per edge: a head and a folio, a footer of two lines
# An edge line that ends a sentence of at least this many words is body text (a refrain, a
# closing instruction, a note), never furniture.
MIN_SENTENCE_WORDS = 6
# A candidate is furniture when its text (digits aside) stands at an edge of this many pages.
MIN_EDGE_REPEATS = 2
# A running head or footer recurs on at least this share of the pages (odd/even heads each on
# about half); a chapter's own head on fewer, but then on consecutive pages.
MIN_PAGE_SHARE = 0.3
# Footnotes are set smaller than the body: at most this share of its size.
NOTE_SIZE = 0.92
# A column's foot holds notes only when its last line stands within this many body line
# spacings of the page's lowest line (each column's notes end at the page's foot).
FOOT_REACH = 2.0
# A heading is set at least this much larger than the body (or bold at body size, on its own).
HEADING_SIZE = 1.1
# A vertical gap above this many line spacings separates paragraphs.
PARAGRAPH_GAP = 1.25
# A first line indented by more than this share of the body size opens a paragraph.
INDENT = 0.8
# A bold line ending this many body sizes short of its column's right edge may be a heading.
SHORT_LINE = 2.0
# A title page holds few lines, the largest set well above the body size.
MAX_TITLE_PAGE_LINES = 12
TITLE_SIZE = 1.6  # its title set at least this many times the body size
# A centred line's middle lies within this many body sizes of the column's middle.
CENTRED = 1.0
# Font sizes closer than this (points) are one size: a size is rounded to the half point.
SIZE_STEP = 0.25
# A table cell's lines follow one another at most this many of their sizes apart (a row's
# wrapped first cell); a header's lines (at most body size) stand at most this many sizes above
# the first row.
ROW_WRAP = 1.6
# A wrapped cell's next line starts where its cell starts in the row, within this many of its
# sizes (cells are set flush left; a justified or centred cell's line starts further off).
CELL_ALIGN = 0.3
# A line cut in a word: letters, then the hyphen (the word's part before it is group 1).
_CUT_END = re.compile(r"([^\W\d_]+)[-\u2010]$")
# Where a cell's line ended in a cut word, until the cell is whole: a noncharacter.
CUT = "\ufffe"
_CUT_WORD = re.compile(r"[^\W\d_]+(?:\ufffe[^\W\d_]+)+")
_WORD_START = re.compile(r"[^\W\d_]+")
MAX_HEADER_DEPTH = 8.0
# A list item's marker drawn on its own: a bullet or dash, or a number with `.` or `)`.
_ITEM_START = re.compile(r"^(?:[•◦▪‣●○■□–—]|\d{1,3}[.)]|[a-z][.)])\s")
_LIST_MARKER = re.compile(r"[•◦▪‣●○■□–—-]|\d{1,3}[.)]|[a-z][.)]")
# A note's marker: raised digits, a number followed by a space, `.` or `)` or glued to a word
# (`1Text`), or symbols. Raised digits are a marker whatever follows them: a note may open with
# a number (`⁵30 m³ is recommended`), which the raise tells apart from the marker.
_MARKER = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,3}(?!\d)|[*†‡§¶]{1,3})"
                     r"(?:[.)](?=\s)|\s|(?=[^\W\d_])|(?<=[⁰¹²³⁴⁵⁶⁷⁸⁹])(?=\S))\s*")
# The marker of a note's first line as _inline writes it: before an emphasis, strong or link
# token too (`⁶` + italic `Ślady nici`).
_STYLED_MARKER = re.compile(rf"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{{1,3}}(?!\d)|[*†‡§¶]{{1,3}})"
                            rf"(?:[.)](?=\s)|\s|(?=[^\W\d_]|[{EMPH_OPEN}{STRONG_OPEN}{LINK_OPEN}])"
                            rf"|(?<=[⁰¹²³⁴⁵⁶⁷⁸⁹])(?=\S))\s*")
_CALL_ONLY = re.compile(r"[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|[*†‡§¶]{1,3}")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")



@dataclass
class Note:
    marker: str  # as printed: "1", "*"
    lines: list[Line]


@dataclass
class PageRoles:
    page: Page
    furniture: list[Line] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    continued_note: list[Line] = field(default_factory=list)  # the top of the area, no marker
    body: list[Line] = field(default_factory=list)
    title_page: bool = False
    title_block: list[Line] = field(default_factory=list)  # a title opening the first text page



def assign_roles(pdf: PdfText, m: Measures, lang: str | None = None) -> list[PageRoles]:
    """`lang`: the document's language (its hyphenation patterns decide a cell's cut words)."""
    from ..normalise.unwrap_lines import DEFAULT_LANG

    pages = [PageRoles(page) for page in pdf.pages]
    vocabulary = _vocabulary(pdf)
    for roles in pages:
        lang = lang or DEFAULT_LANG
        lines = _join_wrapped_cells(_join_row_cells(_attach_markers(roles.page.lines), vocabulary, lang),
                                    vocabulary, lang)
        roles.page.lines = _attach_calls(_join_header_cells(_join_wrapped_header(lines), m), m)
    if len(pages) > 1 and _is_title_page(pages[0].page.lines, m, pages[1:]):  # a page alone is none
        pages[0].title_page = True  # its lines are the title, never furniture (a head repeats it)
    if pages and pages[0].title_page:
        _furniture(pages[1:], m, _set_texts(pages[0].page.lines))
    else:
        _furniture(pages, m, set())
    for roles in pages:
        rest = [line for line in roles.page.lines if not any(line is f for f in roles.furniture)]
        roles.body = rest
        if roles is pages[0] and not roles.title_page:
            roles.title_block = _title_block(rest, m)
            roles.body = rest[len(roles.title_block):]
        if not roles.title_page:
            _notes(roles, m)
    return pages


def _attach_calls(lines: list[Line], m: Measures) -> list[Line]:
    """A note call the typesetter wrapped onto a line of its own (small digits, nothing else)
    belongs at the end of the line above it."""
    out: list[Line] = []
    for line in lines:
        text = line.text.strip()
        previous = out[-1] if out else None
        if previous is not None and _CALL_ONLY.fullmatch(text) and line.size <= NOTE_SIZE * m.body and \
                0 < line.baseline - previous.baseline <= PARAGRAPH_GAP * m.leading and \
                previous.size >= NOTE_SIZE * m.body:
            previous.spans.append(Span(text.translate(SUPERSCRIPT_DIGITS), line.size, False, False, True))
            continue
        out.append(line)
    return out


def _join_header_cells(lines: list[Line], m: Measures) -> list[Line]:
    """Bold lines side by side on one baseline are a table's header cells, drawn one by one:
    one line again, the cells apart by tabs (a table row). Not two lines each opening a column
    of the page at its left edge: headings side by side, one in each column (groff's pages)."""
    bold = [line for line in lines if line.bold and line.text.strip()]
    lefts = [left for left, _ in m.columns] if len(m.columns) > 1 else []

    def opens_column(line: Line) -> bool:
        return any(abs(line.x0 - left) <= 1 for left in lefts)

    joined: set[int] = set()
    for line in bold:
        if id(line) in joined:
            continue
        mates = [other for other in bold if other is not line and id(other) not in joined
                 and abs(other.baseline - line.baseline) <= 0.05 * line.size and other.x0 > line.x1
                 and not (opens_column(line) and opens_column(other))]
        if not mates:
            continue
        for mate in sorted(mates, key=lambda other: other.x0):
            line.spans.append(Span("\t", line.size, True, False))
            line.spans.extend(mate.spans)
            line.x1 = max(line.x1, mate.x1)
            joined.add(id(mate))
    return [line for line in lines if id(line) not in joined]


def _is_row(line: Line) -> bool:
    """A table's body row as drawn: cells apart by tab-wide gaps, not bold (a header's)."""
    return "\t" in line.text.strip() and not line.bold


def _table_left(lines: list[Line]) -> float | None:
    """Where the page's table rows start (their first column's left edge: the leftmost of the
    rows, as a row drawn apart from its first cell starts further right), if it has any."""
    starts = [line.x0 for line in lines if _is_row(line)]
    return min(starts) if len(starts) >= 2 else None


def _same_baseline(a: Line, b: Line) -> bool:
    return abs(a.baseline - b.baseline) <= 0.05 * max(a.size, b.size)


def _join_row_cells(lines: list[Line], vocabulary: Counter, lang: str) -> list[Line]:
    """A table row whose first cell wraps is drawn apart: its numbers (`5.2  2.6`) on the
    baseline of the cell's first line (`Industry and`), the rest of the cell below
    (`quarrying`). The numbers join the first line, after a tab, and the rest of the cell joins
    the first cell, so the row is one line again. Only in a table (rows starting at one left
    edge), for lines starting at that edge and ending left of the row's numbers; or, after a
    line cut in a word (`Swim-`), opening lower-case (`ming lessons`) and ending before the
    row's numbers end (numbers set flush right start further right than their column does)."""
    left = _table_left(lines)
    if left is None:
        return lines
    at_left = [line for line in lines if abs(line.x0 - left) <= 1 and "\t" not in line.text and not line.bold
               and line.text.strip()]
    gone: set[int] = set()
    rows = [line for line in lines if _is_row(line)]
    for numbers in [line for line in rows if line.x0 > left + 1]:
        first = next((line for line in at_left if id(line) not in gone and _same_baseline(line, numbers)
                      and line.x1 < numbers.x0), None)
        if first is None:
            continue
        cell = list(first.spans)
        gone.add(id(numbers))
        below = first
        for rest in sorted((line for line in at_left if id(line) not in gone and line is not first
                            and 0 < line.baseline - first.baseline and line.x1 < numbers.x1),
                           key=lambda line: line.baseline):
            cut = _CUT_END.search("".join(span.text for span in cell)) and rest.text.lstrip()[:1].islower()
            if rest.baseline - below.baseline > ROW_WRAP * rest.size \
                    or any(_same_baseline(rest, row) for row in rows) \
                    or not (rest.x1 < numbers.x0 or cut):  # the next row's first cell, or text below
                break
            _continue_cell(cell, list(rest.spans), vocabulary, lang, rest.size)
            gone.add(id(rest))
            below = rest
        first.spans = [*_settle_cuts(cell, vocabulary, lang), Span("\t", first.size, False, False),
                       *numbers.spans]
        first.x1 = numbers.x1
        first.cells = [numbers.x0, *numbers.cells]
    return [line for line in lines if id(line) not in gone]


def _continue_cell(cell: list[Span], piece: list[Span], vocabulary: Counter, lang: str, size: float) -> None:
    """Append a cell's next printed line to it: after a space, or, after a line cut in a word
    (`con-` / `tact`), with a CUT mark between the word's parts, for _settle_cuts to decide
    once the cell is whole (a narrow cell cuts one word twice: `main-` / `te-` / `nance`)."""
    piece = [span for span in piece if span.text]
    if not piece:
        return
    piece[0] = replace(piece[0], text=piece[0].text.lstrip())
    cut = _CUT_END.search("".join(span.text for span in cell).rstrip())
    opening = _WORD_START.match(piece[0].text)
    if cut and opening:
        while not cell[-1].text.strip():
            cell.pop()
        last = cell[-1]
        cell[-1] = replace(last, text=last.text.rstrip()[:-1] + CUT)
        if _style(last) == _style(piece[0]):  # one span, for the word to be decided whole
            cell[-1] = replace(cell[-1], text=cell[-1].text + piece[0].text)
            piece = piece[1:]
    elif cell and not cell[-1].text.endswith((" ", "/")):
        cell.append(Span(" ", size, False, False))
    cell.extend(piece)


def _style(span: Span) -> tuple:
    return span.size, span.bold, span.italic, span.raised, span.link


def _settle_cuts(spans: list[Span], vocabulary: Counter, lang: str) -> list[Span]:
    """Decide each word a cell's line ends cut (CUT between its parts), as unwrap_lines decides a
    paragraph's: the word whole when the document prints it whole (`maintenance`), else at each
    cut the document's words and the language's patterns decide whether the hyphen is the
    word's own (`well-` / `being`) or the typesetter's."""
    from ..normalise.unwrap_lines import keep_hyphen

    def decided(match: re.Match) -> str:
        parts = match.group(0).split(CUT)
        if vocabulary["".join(parts).casefold()]:
            return "".join(parts)
        out = parts[0]
        for part in parts[1:]:
            keep = keep_hyphen(out.rsplit("-", 1)[-1].casefold(), part.casefold(), vocabulary, lang)
            out += ("-" if keep else "") + part
        return out

    settled = [replace(span, text=_CUT_WORD.sub(decided, span.text)) if CUT in span.text else span
               for span in spans]
    return [replace(span, text=span.text.replace(CUT, "-")) if CUT in span.text else span for span in settled]


def _vocabulary(pdf: PdfText) -> Counter:
    """The words of the whole document as printed, for deciding a hyphen where a cell wraps."""
    from ..normalise.unwrap_lines import text_vocabulary

    return text_vocabulary("\n".join(line.text for page in pdf.pages for line in page.lines))


def _cells(line: Line) -> list[list[Span]]:
    """A row's spans cell by cell (a tab may end a span's text or stand inside it)."""
    cells: list[list[Span]] = [[]]
    for span in line.spans:
        for number, piece in enumerate(span.text.split("\t")):
            if number:
                cells.append([])
            if piece:
                cells[-1].append(replace(span, text=piece))
    return cells


def _join_wrapped_cells(lines: list[Line], vocabulary: Counter, lang: str) -> list[Line]:
    """A table row whose text cells wrap is drawn as the row (cells apart by tab-wide gaps) and,
    right below it at the line pitch, the rest of each wrapped cell, each piece starting where its
    cell starts in the row (`AHU  air handling unit, the plant that heats` / `and ventilates the
    pool halls` under the second cell). The pieces join their cells, so the row is one line again.

    A piece must start within CELL_ALIGN of one of the row's cells, with a lower-case letter (a
    new row's cell, or a paragraph after the table, opens with a capital, a digit or a sign), at
    most ROW_WRAP of its size below the line above it, in the row's size and weight; a piece
    under the first cell must end before the second cell starts. A line of cells opening the
    next row (text under the first cell that is not such a piece) is no continuation. A hyphen
    ending a cell's line is decided as at a paragraph's line end, from the document's words."""
    gone: set[int] = set()
    for index, row in enumerate(lines):
        if id(row) in gone or not _is_row(row) or len(row.cells) != row.text.count("\t"):
            continue
        starts = [row.x0, *row.cells]
        cells = _cells(row)
        below, joined = row, False
        for line in lines[index + 1:]:
            if not 0 < line.baseline - below.baseline <= ROW_WRAP * line.size or line.bold != row.bold \
                    or abs(line.size - row.size) > SIZE_STEP or len(line.cells) != line.text.count("\t"):
                break
            pieces = _cells(line)
            at = [next((k for k, x in enumerate(starts) if abs(x - piece_x) <= CELL_ALIGN * line.size), None)
                  for piece_x in [line.x0, *line.cells]]
            texts = ["".join(span.text for span in piece).strip() for piece in pieces]
            if None in at or len(set(at)) != len(at) or not all(text[:1].islower() for text in texts) \
                    or at[0] == 0 and len(starts) > 1 and line.x1 >= starts[1]:
                break
            for k, piece in zip(at, pieces):
                _continue_cell(cells[k], piece, vocabulary, lang, row.size)
            gone.add(id(line))
            below, joined = line, True
        if joined:
            spans: list[Span] = []
            for number, cell in enumerate(cells):
                if number:
                    spans.append(Span("\t", row.size, False, False))
                spans.extend(_settle_cuts(cell, vocabulary, lang))
            row.spans = spans
            row.x1 = max(row.x1, below.x1)
    return [line for line in lines if id(line) not in gone]


def _join_wrapped_header(lines: list[Line]) -> list[Line]:
    """A table's header whose cells wrap over lines, each cell on its own baselines (bold, set
    side by side, right above a row): one line, each column's pieces top to bottom (columns
    are the cells overlapping one another across), the columns apart by tabs."""
    out = list(lines)
    for row in [line for line in lines if _is_row(line)]:
        index = next(i for i, line in enumerate(out) if line is row)
        start = index
        while start > 0 and out[start - 1].bold and out[start - 1].text.strip() \
                and out[start - 1].size <= row.size * HEADING_SIZE \
                and 0 < row.baseline - out[start - 1].baseline <= MAX_HEADER_DEPTH * row.size:
            start -= 1
        header = out[start:index]
        if len(header) < 2 or not any(_same_baseline(a, b) for a in header for b in header if a is not b):
            continue
        columns = _header_columns(header)
        if columns is None:
            continue
        spans: list[Span] = []
        for number, column in enumerate(columns):
            if number:
                spans.append(Span("\t", row.size, True, False))
            for piece_number, piece in enumerate(column):
                if piece_number and not spans[-1].text.endswith("/"):  # `(Mm³/` / `yr)`: one word
                    spans.append(Span(" ", row.size, True, False))
                spans.extend(piece)
        joined = Line(header[0].page, spans, min(line.x0 for line in header), max(line.x1 for line in header),
                      max(line.baseline for line in header), header[0].size, header[0].number)
        out[start:index] = [joined]
    return out


def _header_columns(header: list[Line]) -> list[list[list[Span]]] | None:
    """The header's cells by column, left to right, each column's pieces top to bottom: lines
    that overlap across are one column; a line of several cells (tabs) starts in a column and
    its last cell ends at the line's right edge. None when a line holds more than two cells."""
    cells: list[tuple[float, float, float, list[Span]]] = []  # left, right, baseline, spans
    for line in header:
        parts: list[list[Span]] = [[]]
        for span in line.spans:
            if span.text == "\t":
                parts.append([])
            else:
                parts[-1].append(span)
        if len(parts) > 2:
            return None
        if len(parts) == 2:  # the first cell at the line's start, the last at its end
            cells.append((line.x0, line.x0, line.baseline, parts[0]))
            cells.append((line.x1, line.x1, line.baseline, parts[1]))
        else:
            cells.append((line.x0, line.x1, line.baseline, parts[0]))
    groups: list[list[tuple[float, float, float, list[Span]]]] = []
    for cell in sorted(cells, key=lambda cell: cell[0]):
        group = next((g for g in groups if any(c[0] <= cell[1] and cell[0] <= c[1] for c in g)), None)
        if group is None:
            groups.append([cell])
        else:
            group.append(cell)
    return [[c[3] for c in sorted(group, key=lambda c: c[2])] for group in groups]


def _attach_markers(lines: list[Line]) -> list[Line]:
    """A list item's marker (`•`, `1.`) that the PDF draws apart from its text, on the same
    baseline just left of it, opens that line again."""
    markers = [line for line in lines if _LIST_MARKER.fullmatch(line.text.strip())]
    if not markers:
        return lines
    dropped = set()
    for marker in markers:
        for line in lines:
            if line is not marker and id(line) not in dropped and \
                    abs(line.baseline - marker.baseline) <= 0.3 * line.size and \
                    -0.2 * line.size <= line.x0 - marker.x1 <= 3 * line.size:
                line.spans.insert(0, Span(marker.text.strip() + " ", line.size, False, False))
                line.x0 = marker.x0
                dropped.add(id(marker))
                break
    return [line for line in lines if id(line) not in dropped]


def _edges(lines: list[Line], m: Measures) -> list[Line]:
    """Lines at the top or bottom edge, set apart from their neighbours inwards."""
    ordered = sorted(lines, key=lambda line: line.baseline)
    found = []
    for sequence in (ordered, ordered[::-1]):
        for index, line in enumerate(sequence[:MAX_EDGE_LINES]):
            following = sequence[index + 1] if index + 1 < len(sequence) else None
            if following is None or abs(following.baseline - line.baseline) > EDGE_SEPARATION * m.leading:
                if not _is_sentence(line.text):
                    found.append(line)
            else:
                break
    return found


def _is_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip())) and len(text.split()) >= MIN_SENTENCE_WORDS


def _set_texts(lines: list[Line]) -> set[str]:
    """The keys of what a title page sets: each line, and each run of consecutive lines in one
    size joined (a title wrapped over two lines is one text a running head can repeat)."""
    keys, run = set(), []
    for line in sorted(lines, key=lambda line: line.baseline) + [None]:
        if run and (line is None or abs(line.size - run[-1].size) > 0.05 * run[-1].size):
            keys.add(furniture_key(" ".join(part.text for part in run)))
            run = []
        if line is not None:
            keys.add(furniture_key(line.text))
            run.append(line)
    return keys - {""}


def _furniture(pages: list[PageRoles], m: Measures, title: set[str]) -> None:
    """Edge lines repeated at the same edge of other pages (digits aside), folios, and edge lines
    in the same slot and style as those (a chapter's own head seen on one page only). `title`
    holds the keys of the title page's texts: a head smaller than the body repeating the
    document's title is furniture like one repeating a chapter's."""
    edges = {roles.page.number: _edges(roles.page.lines, m) for roles in pages}
    where: dict[tuple, list[int]] = {}  # (key, edge) → the pages it stands on
    for number, lines in edges.items():
        for line in lines:
            where.setdefault((furniture_key(line.text), _side(line, number, edges)), []).append(number)
    slots = set()
    for roles in pages:
        number = roles.page.number
        for line in edges[number]:
            key = furniture_key(line.text)
            on = where.get((key, _side(line, number, edges)), [])
            if (key and _recurs(on, len(pages), line, m)) or is_page_number(line.text):
                roles.furniture.append(line)
                slots.add(_slot(line))
    headings = set(title)  # keys of the headings seen so far, this page's included
    for roles in pages:
        headings.update(furniture_key(line.text) for line in roles.page.lines
                        if line.size >= HEADING_SIZE * m.body)
        for line in edges[roles.page.number]:
            if any(line is f for f in roles.furniture):
                continue
            # In the same place and style as other furniture; or smaller than the body, or in
            # its size but italic, and repeating a heading already set (the current chapter's
            # title as its head: groff's -ms sets it in the text's own size, italic, above the
            # chapter's later pages). A line of the text in its own style that happens to end
            # with a heading's words (`…effects on pupils.`) is none.
            if _slot(line) in slots or ((line.size < m.body or line.size == m.body and line.italic)
                                        and furniture_key(line.text) in headings):
                roles.furniture.append(line)


def _side(line: Line, page: int, edges: dict) -> str:
    lines = edges[page]
    return "top" if line.baseline <= min(l.baseline for l in lines) + 1e-6 or \
        line.baseline < statistics.median(l.baseline for l in lines) else "bottom"


def _recurs(pages_on: list[int], page_count: int, line: Line, m: Measures) -> bool:
    """Recurring at one edge: on MIN_PAGE_SHARE of the pages, or (a chapter's head) on two
    consecutive pages; a line set as large as a heading only on MIN_PAGE_SHARE of them."""
    distinct = sorted(set(pages_on))
    if len(distinct) < MIN_EDGE_REPEATS:
        return False
    if len(distinct) >= MIN_PAGE_SHARE * page_count:
        return True
    return line.size < HEADING_SIZE * m.body and any(b - a == 1 for a, b in zip(distinct, distinct[1:]))


def _slot(line: Line) -> tuple:
    return round(line.baseline / 2), round(line.size), line.italic, line.bold


def _notes(roles: PageRoles, m: Measures) -> None:
    """The footnote area: smaller lines closing the page, the first starting with a marker (or
    continuing the previous page's last note)."""
    # Each column's foot: its closing run of smaller lines (a note may go on at the foot of the
    # next column, under that column's last line of text). Read column by column: notes set in
    # two columns at the page foot share their baselines.
    by_column: dict[float, list[Line]] = {}
    for line in sorted(roles.body, key=lambda line: line.baseline):
        by_column.setdefault(column(line, m)[0], []).append(line)
    area = []
    bottom = max((line.baseline for line in roles.body), default=0.0)
    for left in sorted(by_column):
        lines = by_column[left]
        if lines[-1].baseline < bottom - FOOT_REACH * m.leading:
            continue  # small lines ending a column high on the page (a figure's labels): no foot
        start = len(lines)
        while start > 0 and lines[start - 1].size <= NOTE_SIZE * m.body:
            start -= 1
        if start > 0:  # a column of small lines only is no foot (a page of notes, a caption)
            area += lines[start:]
    if not area:
        return
    notes: list[Note] = []
    continued: list[Line] = []
    expected = None
    for line in area:
        match = _MARKER.match(line.text)
        marker = match.group(1).translate(_SUPERSCRIPT) if match else None
        # A marker out of sequence opens a note only set left of the last note's first line and
        # after a line that closed its sentence: a note's second line, flush left under an
        # indented first, may open with a number (`112 (2011), pp. 291–300`).
        if match and (not notes or _next_marker(marker, expected) or
                      line.x0 < notes[-1].lines[0].x0 - 1 and ends_sentence(notes[-1].lines[-1])):
            notes.append(Note(marker, [line]))
            expected = marker
        elif notes:
            notes[-1].lines.append(line)
        else:
            continued.append(line)
    if not notes:
        return
    roles.notes, roles.continued_note = notes, continued
    taken = {id(line) for line in area}
    roles.body = [line for line in roles.body if id(line) not in taken]


def _next_marker(marker: str, previous: str | None) -> bool:
    if previous is None or not marker.isdecimal() or not previous.isdecimal():  # int() reads these
        return not marker.isdecimal() or previous is None
    return int(marker) == int(previous) + 1


def _title_block(lines: list[Line], m: Measures) -> list[Line]:
    """A title set at the top of the first text page (a short document's compact layout): a
    first line at least TITLE_SIZE times the body, and the centred lines under it (subtitle,
    authors) down to the first line that is not centred or is set smaller than the body."""
    ordered = sorted(lines, key=lambda line: line.baseline)
    if not ordered or ordered[0].size < TITLE_SIZE * m.body:
        return []
    middle = (m.left + m.right) / 2
    block = []
    for line in ordered:
        centred = abs((line.x0 + line.x1) / 2 - middle) <= CENTRED * m.body and \
            (line.size >= TITLE_SIZE * m.body or not is_full(line, m))
        if not centred or line.size < NOTE_SIZE * m.body or len(block) >= MAX_TITLE_PAGE_LINES:
            break
        block.append(line)
    return block if ordered[0] in block else []


def _is_title_page(lines: list[Line], m: Measures, rest: list[PageRoles]) -> bool:
    """A first page of few lines whose title is set TITLE_SIZE times the body; or, a cover set
    with a smaller title (troff's ms sets it two points up), one whose top line is a heading's
    size, centred, and larger than any line of the pages after it (the document's largest type:
    a chapter opening a page has headings as large after it)."""
    if not 0 < len(lines) <= MAX_TITLE_PAGE_LINES:
        return False
    largest = max(line.size for line in lines)
    if largest >= TITLE_SIZE * m.body:
        return True
    top = min(lines, key=lambda line: line.baseline)
    later = max((line.size for roles in rest for line in roles.page.lines), default=0.0)
    middle = (m.left + m.right) / 2
    return top.size == largest >= HEADING_SIZE * m.body and largest > later + SIZE_STEP and \
        abs((top.x0 + top.x1) / 2 - middle) <= CENTRED * m.body


def table_rows(lines: list[Line]) -> tuple[set[int], set[int]]:
    """Lines of a table: rows (cells apart by tab-wide gaps), and the header above the first
    row: a line starting where the row does, or the run of bold lines right above it (cells
    wrapped and centred on their own baselines)."""
    rows = {id(line) for line in lines if "\t" in line.text.strip()}
    headers: set[int] = set()
    for index, line in enumerate(lines):
        if id(line) not in rows or (index and id(lines[index - 1]) in rows):
            continue
        above = index - 1
        while above >= 0 and lines[above].bold and id(lines[above]) not in rows and \
                not _TERMINAL.search(lines[above].text.rstrip()) and lines[above].x0 >= line.x0 - 1:
            headers.add(id(lines[above]))
            above -= 1
        if above == index - 1 and index and abs(lines[above].x0 - line.x0) <= 1.0 and \
                not _TERMINAL.search(lines[above].text.rstrip()):
            rows.add(id(lines[above]))
    return rows, headers


def is_heading_line(line: Line, m: Measures) -> bool:
    text = line.text.strip()
    if not text or len(text) > 200:
        return False
    if line.size >= HEADING_SIZE * m.body:
        return True
    # A bold line closing a sentence is a run-in label or a bold sentence; one asking a question
    # is a heading too (`Question 1: How do you use the ferry?`, an FAQ's questions).
    closes = _TERMINAL.search(text) and not _QUESTION.search(text)
    return line.bold and not m.bold_body and line.size >= NOTE_SIZE * m.body and not closes and \
        line.x1 < column(line, m)[1] - SHORT_LINE * m.body


_QUESTION = re.compile(r"\?[”’\"')\]]*$")


def starts_paragraph(previous: Line, line: Line, m: Measures) -> bool:
    """Evidence that `line` opens a new paragraph after `previous` on the same page."""
    gap = line.baseline - previous.baseline
    left, right = column(line, m)
    if gap < 0 and column(previous, m) != (left, right):
        # The text goes on at the top of the next column: a paragraph opens there only as at a
        # page break, after a short line closing a sentence, or at an indent or a list item.
        return closes_paragraph(previous, line, m) or line.x0 > left + INDENT * m.body or \
            bool(_ITEM_START.match(line.text))
    if gap > PARAGRAPH_GAP * m.leading * max(1.0, line.size / m.body) or gap < 0:
        return True
    if _ITEM_START.match(line.text) and line.x0 <= previous.x0 + INDENT * m.body:
        return True  # a list item opens at its marker, left of or level with the text before
    indented = line.x0 > left + INDENT * m.body
    hanging = _ITEM_START.match(previous.text) and line.x0 > previous.x0  # an item's second line
    if indented and previous.x0 <= left + INDENT * m.body and not hanging:
        return True
    return closes_paragraph(previous, line, m) and line.text.lstrip()[:1].isupper()



def is_indented(line: Line, m: Measures) -> bool:
    return line.x0 > column(line, m)[0] + INDENT * m.body


def starts_item(text: str) -> bool:
    return bool(_ITEM_START.match(text))



def strip_marker(text: str) -> str:
    match = _STYLED_MARKER.match(text)
    return text[match.end():] if match else text
