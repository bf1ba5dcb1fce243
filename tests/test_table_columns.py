"""Tables that reading-order extractors write column by column, one box a column (pdfminer.six on
every engine, pdftotext on groff's tables): their rows rebuilt when the boxes' counts agree, the
text kept as printed when they do not, and lists or prose never taken for a table. Small exports
in the shapes those extractors give, end to end."""

from __future__ import annotations

from exports import MORE, OPENING, body, normalise, page_among_prose

# Hard-wrapped body text (about 65 characters a line), so that the document has a measure.
WRAPPED = OPENING + "harbour master set out the berths and their fees as follows.\n"
ROWS = ("\n\nUnder 8 m 14 62.50\n\n8–12 m 9 71.00\n\nOver 12 m 5 88.25\n\nMultihulls 3 120.00\n\n"
        "The engineers then set out")


def _boxes(*boxes: list[str]) -> str:
    return "\n\n".join("\n".join(lines) for lines in boxes)


def test_pdftotext_label_column_on_the_texts_last_lines_and_a_box_a_column(tmp_path):
    # pdftotext (groff): the label column's header and labels on the text's last lines, then a
    # box a column, a header cell wrapped over two lines.
    page = (WRAPPED + "Vessel length\nUnder 8 m\n8–12 m\nOver 12 m\nMultihulls\n\n"
            + _boxes(["Berths", "14", "9", "5", "3"],
                     ["Annual fee, 2024", "(£/metre)", "62.50", "71.00", "88.25", "120.00"]) + "\n\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    assert "as follows.\n\nVessel length Berths Annual fee, 2024 (£/metre)" + ROWS in body(state)
    assert any(d.code == "table-columns" for d in state.diagnostics.items)


def test_pdfminer_label_column_a_box_of_its_own_with_words_and_percentages_in_figures(tmp_path):
    # pdfminer.six (groff): every column a box, the label column's too; a cell of words (`below
    # 40`) in a column of figures, cells with a per cent sign.
    page = (WRAPPED + "\n" + _boxes(["Condition", "Good", "Fair", "Poor", "Very poor"],
                                    ["Index range", "80–100", "65–79", "40–64", "below 40"],
                                    ["Bridges", "251", "111", "41", "9"],
                                    ["Share", "61 %", "27 %", "10 %", "2 %"]) + "\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("as follows.\n\nCondition Index range Bridges Share\n\nGood 80–100 251 61 %\n\n"
            "Fair 65–79 111 27 %\n\nPoor 40–64 41 10 %\n\nVery poor below 40 9 2 %\n\n"
            "The engineers then set out") in text


def test_pdfminer_header_cells_first_then_the_columns_bodies(tmp_path):
    # pdfminer.six: the header cells a box each (one wrapped over two lines), then each column's
    # body a box.
    page = (WRAPPED + "\n" + _boxes(["Vessel length"], ["Berths"], ["Annual fee, 2024", "(£/metre)"],
                                    ["Under 8 m", "8–12 m", "Over 12 m", "Multihulls"],
                                    ["14", "9", "5", "3"], ["62.50", "71.00", "88.25", "120.00"])
            + "\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "as follows.\n\nVessel length Berths Annual fee, 2024 (£/metre)" + ROWS in text


def test_a_label_column_of_years_is_a_table_too(tmp_path):
    # The label column may be numbers itself (years): the counts still agree.
    page = (WRAPPED + "\n" + _boxes(["Year", "2021", "2022", "2023"], ["Exhibitions", "3", "6", "8"],
                                    ["Visitors", "41,200", "139,500", "248,900"]) + "\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("as follows.\n\nYear Exhibitions Visitors\n\n2021 3 41,200\n\n2022 6 139,500\n\n"
            "2023 8 248,900\n\nThe engineers then set out") in text


def test_boxes_whose_counts_disagree_stay_as_printed_with_a_diagnostic(tmp_path):
    # A column one number short: no row can be trusted; every line stays, in its order.
    page = (WRAPPED + "\n" + _boxes(["Vessel length", "Under 8 m", "8–12 m", "Over 12 m", "Multihulls"],
                                    ["Berths", "14", "9", "5"],
                                    ["Annual fee", "62.50", "71.00", "88.25", "120.00"]) + "\n\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    text = body(state)
    assert "Under 8 m 14" not in text
    order = ["Vessel length", "Multihulls", "Berths", "5", "Annual fee", "120.00", "The engineers"]
    assert [text.index(word) for word in order] == sorted(text.index(word) for word in order)
    assert any(d.code == "table-columns-unread" for d in state.diagnostics.items)
    assert not any(d.code == "table-columns" for d in state.diagnostics.items)


def test_a_list_of_short_items_in_one_box_is_no_table(tmp_path):
    # One box of short lines (a list without markers), then prose: no second column, no table.
    page = (WRAPPED + "\nLondon Road\nMill Lane\nStation Yard\nThe Quay\n\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    assert not any(d.code == "table-columns" for d in state.diagnostics.items)
    assert "London Road" in body(state) and "The Quay" in body(state)


def test_boxes_of_short_text_lines_with_equal_counts_are_no_table(tmp_path):
    # Two boxes of four short lines each, no column of numbers: a poem's stanzas, not a table.
    page = (WRAPPED + "\n" + _boxes(["The tide came in", "over the sand", "and the boats", "rose with it"],
                                    ["The gulls went up", "over the quay", "and the nets", "dried in the sun"])
            + "\n\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    assert not any(d.code == "table-columns" for d in state.diagnostics.items)
    assert "rose with it" in body(state) and "dried in the sun" in body(state)


def test_boxes_with_headers_longer_than_a_wrapped_cell_are_no_table(tmp_path):
    # A box with three text lines above its numbers is no column whose header wrapped once.
    page = (WRAPPED + "\n" + _boxes(["Vessel length", "Under 8 m", "8–12 m", "Over 12 m"],
                                    ["Berths", "moored", "in the inner", "harbour", "14", "9", "5"])
            + "\n\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    assert not any(d.code == "table-columns" for d in state.diagnostics.items)
    assert "Under 8 m 14" not in body(state)


def test_a_tables_bare_numbers_are_no_folio_and_its_percentages_no_note(tmp_path):
    # A table column by column on a page with notes at its foot, the text calling `61`: once its
    # rows are rebuilt, a cell such as `111` is no page number (a column's end), `61 %` opens no
    # note, and the page's notes are still read, the table's rows whole.
    text_above = ("The council met in the spring to review the harbour project and\n"
                  "its many costs: 61 per cent of the berths were let, and 27 per cent\n"
                  "were empty.1 Members asked for a full account of the work done so\n"
                  "far.2 The harbour master set out the berths and their states.3\n")
    page = (text_above + "\n"
            + _boxes(["Condition", "Good", "Fair", "Poor"], ["Index", "80–100", "65–79", "40–64"],
                     ["Berths", "251", "111", "41"], ["Share", "61 %", "27 %", "10 %"])
            + "\n\n" + MORE + "\n1 The harbour master's figures.\n2 The budget of the year before.\n"
            "3 As at the end of March.\n")
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    text = body(state)
    assert ("\n\nCondition Index Berths Share\n\nGood 80–100 251 61 %\n\nFair 65–79 111 27 %\n\n"
            "Poor 40–64 41 10 %\n\nThe engineers then set out") in text
    assert "costs: 61 per cent" in text and len(state.notes) == 3


def test_header_cells_first_then_columns_printed_with_their_headers(tmp_path):
    # pdftotext (groff): the first columns' header cells a block each, their bodies a box each,
    # then the columns whose header cells were set lower (wrapped), each a box with its header.
    page = (WRAPPED + "\n" + _boxes(["Valley"], ["Sirens"], ["Valtelle", "Oberau", "Sarnen"], ["14", "11", "13"],
                                    ["Covered", "outdoors", "96.1%", "93.7%", "97.5%"],
                                    ["Covered", "indoors", "89.4%", "84.0%", "88.9%"]) + "\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("as follows.\n\nValley Sirens Covered outdoors Covered indoors\n\nValtelle 14 96.1% 89.4%\n\n"
            "Oberau 11 93.7% 84.0%\n\nSarnen 13 97.5% 88.9%\n\nThe engineers then set out") in text


def test_a_run_that_reads_no_way_makes_no_table_of_its_last_boxes(tmp_path):
    # The last two columns hold four numbers, the others three: the two alone would read as a
    # table (a column of numbers can be labels, as years are); the run stays whole as printed.
    page = (WRAPPED + "\n" + _boxes(["Valley"], ["Sirens"], ["Valtelle", "Oberau", "Sarnen"], ["14", "11", "13"],
                                    ["Covered", "outdoors", "96.1%", "93.7%", "97.5%", "90.0%"],
                                    ["Covered", "indoors", "89.4%", "84.0%", "88.9%", "80.0%"]) + "\n\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    text = body(state)
    assert "96.1% 89.4%" not in text and "Valtelle 14" not in text
    assert not any(d.code == "table-columns" for d in state.diagnostics.items)
    assert any(d.code == "table-columns-unread" for d in state.diagnostics.items)
