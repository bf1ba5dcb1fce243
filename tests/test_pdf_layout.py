"""The PDF reader's page geometry on synthetic lines: text columns, and where a paragraph ends
when a column or page break hides the gap that would show it."""

from __future__ import annotations

from pressroom.readers import pdf_layout as layout
from pressroom.readers.pdf_extract import Line, Page, PdfText, Span

BODY = 10.0
LEADING = 12.0


def _line(text: str, x0: float, x1: float, baseline: float, call: str = "") -> Line:
    spans = [Span(text, BODY, False, False)] + ([Span(call, 6.0, False, False, raised=True)] if call else [])
    return Line(page=1, spans=spans, x0=x0, x1=x1, baseline=baseline, size=BODY)


def _page(columns: list[tuple[float, float]], rows: int, last_short: float = 0.0,
          ragged: bool = False) -> list[Line]:
    lines = []
    for left, right in columns:
        for row in range(rows):
            end = right - (row * 13 % 70 if ragged else 0)  # ragged: lines end up to 70 pt short
            lines.append(_line("the works went on through the season", left, end, 100 + row * LEADING))
    return lines


def _pdf(lines: list[Line]) -> PdfText:
    return PdfText([Page(1, 595, 842, lines)], [], [])


def test_two_justified_columns_are_found_each_with_its_edges():
    lines = _page([(50, 280), (310, 545)], 30)
    lines.append(_line("Contents . . . . . . . . . . . . . . . . . . . . . . . 3", 50, 545, 600))
    m = layout.measure(_pdf(lines))
    assert m.columns == [(50.0, 280.0), (310.0, 545.0)] and m.justified
    assert layout.column(_line("x", 67, 200, 10), m) == (50.0, 280.0)  # an indented first line


def test_an_indent_or_a_hanging_list_is_no_column():
    lines = _page([(50, 545)], 30) + [_line("the works went on", 68, 545, 500 + i * LEADING) for i in range(20)]
    assert layout.measure(_pdf(lines)).columns == [(50.0, 545.0)]


def test_a_paragraph_goes_on_at_the_next_columns_top_unless_its_line_closed_it():
    lines = _page([(50, 280), (310, 545)], 30)
    m = layout.measure(_pdf(lines))
    top = _line("The answer was a narrow gauge line in the valley", 310, 545, 100)
    full = _line("so the capital for the line was scarce.", 50, 280, 448, call="5")
    short = _line("the capital was scarce.", 50, 240, 448, call="5")
    assert not layout.starts_paragraph(full, top, m)   # a full line: the sentence ends by chance
    assert layout.starts_paragraph(short, top, m)      # short, after its stop and its raised call
    going_on = _line("so the capital for the line was", 50, 240, 448)
    assert not layout.starts_paragraph(going_on, top, m)  # no stop: it goes on


def test_ragged_text_ends_a_paragraph_where_the_next_word_would_have_fitted():
    lines = _page([(50, 545)], 40, ragged=True)
    m = layout.measure(_pdf(lines))
    assert not m.justified
    following = _line("The reservoir was completed in 1968 and holds back floods.", 50, 500, 200)
    # ~5.6 points a character: `The ` needs about 22 points of room.
    roomy = _line("the floods carried that sediment out again.", 50, 290, 188)
    tight = _line("the winter floods carried that sediment back out of the harbour again.", 50, 530, 188)
    assert layout.closes_paragraph(roomy, following, m)
    assert not layout.closes_paragraph(tight, following, m)


def _small(text: str, x0: float, x1: float, baseline: float) -> Line:
    return Line(page=1, spans=[Span(text, 8.0, False, False)], x0=x0, x1=x1, baseline=baseline, size=8.0)


def test_notes_set_in_two_columns_are_read_column_by_column():
    """A page foot whose notes continue in the second column: note 12's second line and note
    13's first line share a baseline; each note keeps its own lines (corpus bridge-inspection,
    chapter-heads, typst, read directly: `state-changes significantly. ment`)."""
    lines = _page([(50, 280), (310, 545)], 30)
    lines += [_small("12 Assessments are reviewed whenever the condition of a bridge", 50, 280, 769),
              _small("changes significantly.", 50, 130, 780),
              _small("13 The planning authority has agreed a standard method state-", 310, 545, 769),
              _small("ment that covers most routine repairs.", 310, 450, 780)]
    pdf = _pdf(lines)
    (roles,) = layout.assign_roles(pdf, layout.measure(pdf))
    notes = {note.marker: " ".join(line.text for line in note.lines) for note in roles.notes}
    assert notes == {"12": "12 Assessments are reviewed whenever the condition of a bridge changes significantly.",
                     "13": "13 The planning authority has agreed a standard method state- ment that covers "
                           "most routine repairs."}


def test_bold_tells_no_heading_apart_when_the_body_is_bold():
    """A document set wholly in a bold face: its short lines (a paragraph's last, a line
    without a stop) are body text, not bold headings."""
    lines = []
    for row in range(40):
        line = _line("the works went on through the season and the board met", 50, 545 - (row % 3) * 60,
                     100 + row * LEADING)
        line.spans[0].bold = True
        lines.append(line)
    m = layout.measure(_pdf(lines))
    assert m.bold_body
    assert not any(layout.is_heading_line(line, m) for line in lines)


def test_a_tables_cells_are_no_columns_though_a_short_column_is():
    """A left edge on one page holding MIN_COLUMN_LINES lines is a column when its lines are a
    column's width (a chapter's short last column); a table's short cells, as many, are not."""
    from pdf_maker import PageSpec, line, make_pdf

    from pressroom.readers.pdf_extract import extract
    from pressroom.readers.pdf_measure import measure

    prose = [line(760 - 14 * row, f"Row {row} of the prose tells of the harbour", size=11)
             for row in range(40)]
    cells = [line(180 - 14 * row, text, x=x, size=11) for row in range(6)
             for x, text in ((330, f"Site {row}"), (420, f"{row}.4"), (480, "low"))]
    page = PageSpec(prose[:30] + cells)
    short = PageSpec(prose + [line(760 - 14 * row, f"Row {row} on the right goes on with the", x=330, size=11)
                              for row in range(6)])
    tables, columns = (measure(extract(make_pdf([p, PageSpec(prose)]), "x.pdf")).columns for p in (page, short))
    assert len(tables) == 1, tables
    assert len(columns) == 2, columns


def _bold_statement_page() -> list[Line]:
    """A page of justified text (50–545 pt) with a bold line at body size, a whole statement,
    running almost to the column's edge (`Limits were mostly appropriate, …`)."""
    lines = _page([(50, 545)], 12)
    statement = "Limits were mostly appropriate, but some were far higher than use"
    lines.insert(6, Line(page=1, spans=[Span(statement, BODY, True, False)], x0=50, x1=538,
                         baseline=100 + 5.5 * LEADING, size=BODY))
    return lines


def test_a_bold_line_at_body_size_the_outline_names_is_a_heading_however_long():
    """Set bold at body size and reaching the column's edge, the line reads as a bold run-in
    label (`is_heading_line` asks a bold line to end short of the edge); the PDF's outline names
    it on its page: a heading, at the outline's level."""
    from pressroom.readers import pdf as reader
    lines = _bold_statement_page()
    statement = lines[6].text
    m = layout.measure(_pdf(lines))
    assert not layout.is_heading_line(lines[6], m)
    with_outline = PdfText([Page(1, 595, 842, lines)], [(1, "Findings", 1), (3, statement, 1)], [])
    blocks = reader._body_blocks(lines, m, lambda line: line.number, with_outline)
    headings = [(b.level, b.plain()) for b in blocks if b.kind == "heading"]
    assert headings == [(3, statement)]
    # without an outline (troff's PDFs), or naming another title, it stays text
    for outline in ([], [(3, "Limits were appropriate", 1)], [(3, statement, 5)]):
        blocks = reader._body_blocks(lines, m, lambda line: line.number, PdfText([Page(1, 595, 842, lines)], outline, []))
        assert not any(b.kind == "heading" for b in blocks)
