"""The PDF reader's tables whose cells wrap, and raised calls in places a report puts them: a row
drawn over several lines is one row again, a word a narrow cell cut is one word again; a call after
a unit's exponent or on a heading calls its note, and a note may open with a number."""

from __future__ import annotations

from pdf_maker import PageSpec, line, make_pdf, report_pages
from test_pdf_source import _body, _normalise

PROSE = ("The Trust keeps a glossary of the terms its reports use; swimming",
         "and the maintenance of its buildings are set out in the annex.")


def _table_page(rows: list[list[tuple[float, str]]], top: float = 700, pitch: float = 13,
                row_gap: float = 8, after: str = "The table above was agreed by the Board in March.") -> PageSpec:
    """A page: a paragraph, then a table whose rows are given as lines of (x, text) pieces (a
    row's first line, then the lines of its wrapped cells), then a paragraph."""
    lines = [line(760, PROSE[0]), line(746, PROSE[1])]
    y = top
    for row in rows:
        for number, pieces in enumerate(row):
            for x, text in pieces:
                lines.append(line(y, text, x=x))
            y -= pitch
        y -= row_gap
    lines.append(line(y - 10, after))
    lines.append(line(40, "3", x=290, size=9))
    return PageSpec(lines)


def _paragraphs(tmp_path, page: PageSpec) -> list[str]:
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([page, *report_pages(2)]))
    assert status == 0, stderr
    return [p.strip() for p in _body(out.read_text(encoding="utf-8")).split("\n\n") if p.strip()]


def test_a_text_cell_wrapped_over_lines_joins_its_row(tmp_path):
    """A glossary: each term's meaning wraps under the second cell (leisure-accounts in
    pressroom's and typst's PDFs, read back: `AHU air handling unit, the plant that heats` and
    `and ventilates the pool halls` were two paragraphs)."""
    rows = [[[(72, "Term"), (150, "Meaning")]],
            [[(72, "AHU"), (150, "air handling unit, the plant that heats")],
             [(150, "and ventilates the pool halls")]],
            [[(72, "CHP"), (150, "combined heat and power, a gas engine")],
             [(150, "that makes electricity and heat")],
             [(150, "together")]],
            [[(72, "PV"), (150, "photovoltaic panels")]]]
    paragraphs = _paragraphs(tmp_path, _table_page(rows))
    assert "AHU air handling unit, the plant that heats and ventilates the pool halls" in paragraphs, paragraphs
    assert "CHP combined heat and power, a gas engine that makes electricity and heat together" in paragraphs
    assert "PV photovoltaic panels" in paragraphs
    assert "Term Meaning" in paragraphs  # the header row: no heading
    assert "The table above was agreed by the Board in March." in paragraphs


def test_a_first_cell_cut_in_a_word_is_one_word_again(tmp_path):
    """A narrow first column: `Swim-` / `ming lessons` beside the row's numbers, and a word cut
    twice (`main-` / `te-` / `nance`), words the document prints whole elsewhere (leisure-accounts
    in typst's two-column PDF, read back: `Swim-` and `ming lessons` were two paragraphs, and
    `Mem- ber- ships` kept its hyphens)."""
    rows = [[[(72, "Item"), (160, "2024"), (220, "2023")]],
            [[(72, "Swim-"), (160, "724"), (220, "690")], [(72, "ming lessons")]],
            [[(72, "Main-"), (160, "(318)"), (220, "(262)")], [(72, "te-")], [(72, "nance")]],
            [[(72, "Café sales"), (160, "143"), (220, "128")]]]
    paragraphs = _paragraphs(tmp_path, _table_page(rows))
    joined = "\n".join(paragraphs)
    assert "Swimming lessons 724 690" in joined, joined
    assert "Maintenance (318) (262)" in joined, joined
    assert "Café sales 143 128" in joined


def test_lines_below_a_row_that_are_no_cell_of_it_stay_apart(tmp_path):
    """No continuation: a row whose first cell is empty (`2020  50` under `North  2019  45`,
    grouped rows), a capitalised line under a cell, and the paragraph after the table, though it
    opens in lower case at the table's left edge."""
    rows = [[[(72, "Region"), (160, "Year"), (220, "Sites")]],
            [[(72, "North"), (160, "2019"), (220, "45")], [(160, "2020"), (220, "50")]],
            [[(72, "South"), (160, "2019"), (220, "38")]],
            [[(72, "Notes"), (160, "Compiled by the survey team")], [(160, "Checked in the spring")]]]
    page = _table_page(rows, after="and the counts above were checked twice by the survey team before the board met.")
    paragraphs = _paragraphs(tmp_path, page)
    joined = "\n".join(paragraphs)
    assert "North 2019 45" in paragraphs and "2020 50" in joined and "North 2019 45 2020" not in joined, joined
    assert "Compiled by the survey team Checked" not in joined
    assert "and the counts above were checked twice" in joined
    assert "Sites and the counts" not in joined and "team and the counts" not in joined


def test_a_note_opening_with_a_number_and_a_call_after_a_units_exponent(tmp_path):
    """A raised call right after a unit's raised exponent (`24 m³⁵`) calls note 5, the exponent
    stays; and a note whose text opens with a number (`⁵30 m³ is recommended…`) is a note, its
    raised marker told apart from the number by the raise (a design standard in typst's PDF,
    read back: `24 m³⁵` stayed text and note 5 ran into note 3's text)."""
    from pdf_maker import Run

    lines = [line(760, "The standard sets the soil each tree must have, by the size the tree"),
             line(746, "will reach, and the rules for the pits that hold it."),
             line(720, Run("Large trees need 24 m"), Run("3", size=7, rise=4), Run("5", size=7, rise=4),
                  Run(" of soil, and medium trees 12 m")),
             line(706, Run("of soil, in every pit that the works make."), Run("6", size=7, rise=4)),
             line(692, "The pits are dug by the contractor and checked by the Council."),
             line(100, Run("5", size=6, rise=3), Run("30 m", size=8), Run("3", size=5, rise=2),
                  Run(" is recommended where space allows.", size=8)),
             line(90, Run("6", size=6, rise=3), Run(" The test is in para. 7.2 of the Design Guide.", size=8)),
             line(40, "3", x=290, size=9)]
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([PageSpec(lines), *report_pages(2)]))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "Large trees need 24 m³[^1] of soil" in text, text
    assert "[^1]: 30 m³ is recommended where space allows.\n" in text, text
    assert "make.[^2]" in text and "[^2]: The test is in para. 7.2 of the Design Guide.\n" in text, text


def test_a_raised_call_on_a_heading_calls_its_note(tmp_path):
    """A heading the reader finds by its type may carry a raised call (`3.3 Root barriers⁶`): the
    call is the note's, not a digit glued to the heading's last word."""
    from pdf_maker import Run

    lines = [line(760, "The standard sets the soil each tree must have, by the size the tree"),
             line(746, "will reach, and the rules for the pits that hold it."),
             line(716, Run("3.3 Root barriers", font="F2", size=14), Run("6", size=8, rise=5, font="F2")),
             line(692, "A barrier shall be laid wherever a pit lies within 3 m of a service."),
             line(100, Run("6", size=6, rise=3), Run(" See also section 3.4 on services.", size=8)),
             line(40, "3", x=290, size=9)]
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([PageSpec(lines), *report_pages(2)]))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "3.3 Root barriers[^1]\n" in text and "[^1]: See also section 3.4 on services.\n" in text, text


def test_a_bold_question_is_a_heading_and_a_bold_sentence_is_not(tmp_path):
    """Headings set bold at the body's size (troff's ms): a question is a heading too (an FAQ's
    questions, a consultation's `Question 1: …?`); a bold line closing a sentence is a label or a
    bold sentence of the text."""
    lines = [line(760, "The Association answers the six questions of the consultation paper in"),
             line(746, "turn, and sets out its own proposals after them."),
             line(716, "Question 1: How do you use the ferry?", font="F2"),
             line(702, "Our members use it for almost everything: work, school and the shops."),
             line(672, "The ferry is the only link to the mainland in winter.", font="F2"),
             line(658, "Every household on the island depends on it from November to March."),
             line(40, "3", x=290, size=9)]
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([PageSpec(lines), *report_pages(2)]))
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    assert "# Question 1: How do you use the ferry?\n" in body, body
    assert "# The ferry is the only link" not in body and "The ferry is the only link to the mainland" in body
