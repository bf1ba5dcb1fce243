"""Tables in reading-order text exports (pypdf, pypdfium2, pdftotext, pdfminer.six): their rows
stay rows, their header one block, and the text around them stays text. Small exports in the
shapes those extractors give, end to end."""

from __future__ import annotations

from exports import MORE, OPENING, body, normalise, page_among_prose, pages

# Hard-wrapped body text (about 65 characters a line), so that the document has a measure.
WRAPPED = OPENING + "harbour master set out the berths and their fees as follows.\n"


def test_a_header_whose_cells_wrap_is_one_block_above_the_rows(tmp_path):
    # pypdf: each header cell wrapped in its column, printed line by line above the rows.
    page = (WRAPPED + "Vessel length on the\nwaterline Berths\nAnnual fee per\nmetre\n"
            "Under 8 m 14 62.50\n8–12 m 9 71.00\nOver 12 m 5 88.25\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("as follows.\n\nVessel length on the waterline Berths Annual fee per metre\n\n"
            "Under 8 m 14 62.50\n\n8–12 m 9 71.00\n\nOver 12 m 5 88.25\n\nThe engineers then set out") in text


def test_text_cells_wrapped_above_their_numbers_join_their_row(tmp_path):
    # pypdfium2: a text cell too wide for its column is printed over two lines above its numbers,
    # the first row's too; a unit in the header (`(Mt/yr)`) is no photo credit, also on a page
    # whose foot holds a note (its lines are read again there).
    page = (WRAPPED.replace("follows.", "follows.1") + "Purpose Share Landings (Mt/yr)\nCommercial\nfishing\n"
            "38 41.2\nFerries 28 30.5\nLeisure and\nvisiting craft\n20 22.0\nWorks and\ndredging\n14 15.1\n"
            + MORE + "1 The harbour master's figures, checked by the council.\n")
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    text = body(state)
    assert len(state.notes) == 1 and "as follows.[^1]\n" in text
    assert ("\n\nPurpose Share Landings (Mt/yr)\n\nCommercial fishing 38 41.2\n\nFerries 28 30.5\n\n"
            "Leisure and visiting craft 20 22.0\n\nWorks and dredging 14 15.1\n\nThe engineers then") in text
    assert "caption" not in text and "credit" not in text


def test_a_table_ending_a_page_is_not_joined_to_the_next_page(tmp_path):
    # The last row closes no sentence; the next page's paragraph is not its continuation.
    page = WRAPPED + "Vessel length Berths Fee\nUnder 8 m 14 62.50\n8–12 m 9 71.00\nOver 12 m 5 88.25\n"
    text = body(normalise(tmp_path, pages(WRAPPED + MORE, page, MORE + WRAPPED, WRAPPED + MORE)))
    assert "\n\nOver 12 m 5 88.25\n\nThe engineers then set out" in text


def test_pdftotext_cells_one_a_block_row_by_row_become_rows(tmp_path):
    # pdftotext (reading order): every cell a block of its own, row after row; the header's
    # first cell on the text's last line; a cell of words (`on request`) in a column of figures.
    cells = ["Berths", "Annual fee", "Under 8 m", "14", "62.50", "8–12 m", "9", "71.00",
             "Over 12 m", "5", "88.25", "Multihulls", "on request", "120.00"]
    page = WRAPPED + "Vessel length\n\n" + "\n\n".join(cells) + "\n\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("as follows.\n\nVessel length Berths Annual fee\n\nUnder 8 m 14 62.50\n\n8–12 m 9 71.00\n\n"
            "Over 12 m 5 88.25\n\nMultihulls on request 120.00\n\nThe engineers then set out") in text


def test_pdfminer_cells_column_by_column_become_rows(tmp_path):
    # pdfminer.six: one box per column, each box's cells a block; the rows are rebuilt across them.
    cells = ["Vessel length Berths Annual fee", "Under 8 m", "8–12 m", "Over 12 m",
             "14", "9", "5", "62.50", "71.00", "88.25"]
    page = WRAPPED + "\n" + "\n\n".join(cells) + "\n\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("as follows.\n\nVessel length Berths Annual fee\n\nUnder 8 m 14 62.50\n\n8–12 m 9 71.00\n\n"
            "Over 12 m 5 88.25\n\nThe engineers then set out") in text


def _cells_page(cells: list[str]) -> str:
    """A page whose table an extractor printed a cell a block (pdftotext, pdfminer.six) after the
    text's last line."""
    return WRAPPED + "\n" + "\n\n".join(cells) + "\n\n" + MORE


def _rows_written(cells_text: str, text: str) -> None:
    assert "as follows.\n\n" + cells_text + "\n\nThe engineers then set out" in text


def test_pdftotext_cells_row_by_row_with_a_header_cell_a_column_become_rows(tmp_path):
    # pdftotext: a header of one cell a column, then label and figures row by row. The cells
    # read column by column too (the header a box, each row a column headed by its label): the
    # figures' forms decide, one form to a column (`14` / `9` / `5`, `62.50` / `71.00` / `88.25`).
    cells = ["Vessel", "Berths", "Fee", "Share", "Small boats", "14", "62.50", "51 %", "Ferries", "9",
             "71.00", "31 %", "Yachts", "5", "88.25", "18 %"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Vessel Berths Fee Share\n\nSmall boats 14 62.50 51 %\n\nFerries 9 71.00 31 %\n\n"
                  "Yachts 5 88.25 18 %", text)


def test_pdftotext_cells_of_five_columns_and_four_rows_become_rows(tmp_path):
    # The same with more rows than columns, figures of like form in a row (`28` / `412`) but not
    # of like magnitude down a column of the transposed reading.
    cells = ["Quay", "Boats", "Median", "Highest", "Over 20 m", "North Quay", "28", "412", "1,380", "22",
             "Mill Pier", "31", "238", "611", "15", "Old Dock", "24", "118", "264", "2",
             "Five others", "112", "71", "186", "0"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Quay Boats Median Highest Over 20 m\n\nNorth Quay 28 412 1,380 22\n\n"
                  "Mill Pier 31 238 611 15\n\nOld Dock 24 118 264 2\n\nFive others 112 71 186 0", text)


def test_pdfminer_boxes_each_opening_with_its_header_become_rows(tmp_path):
    # pdfminer.six: a box a column, each opening with its header cell; read row by row the cells
    # would make rows of `Berths 14 9 5`. The forms decide for the columns.
    cells = ["Vessel", "Small boats", "Ferries", "Yachts", "Berths", "14", "9", "5", "Fee", "62.50", "71.00",
             "88.25", "Share", "51 %", "31 %", "18 %"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Vessel Berths Fee Share\n\nSmall boats 14 62.50 51 %\n\nFerries 9 71.00 31 %\n\n"
                  "Yachts 5 88.25 18 %", text)


def test_pdfminer_columns_whose_rows_could_be_counted_two_ways_become_rows(tmp_path):
    # pdfminer.six: the header on two blocks, the labels, then four columns of figures: 12
    # figures under 5 text cells read as 3 rows or 4; the figures' forms decide for 3.
    cells = ["Vessel Berths", "Fee Share Boats", "Small boats", "Ferries", "Yachts", "14", "9", "5", "62.50",
             "71.00", "88.25", "51 %", "31 %", "18 %", "120", "85", "40"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Vessel Berths Fee Share Boats\n\nSmall boats 14 62.50 51 % 120\n\n"
                  "Ferries 9 71.00 31 % 85\n\nYachts 5 88.25 18 % 40", text)


def test_pdfminer_columns_whose_header_cells_stand_amid_the_figures_become_rows(tmp_path):
    # pdfminer.six: the later columns' header cells, set lower, printed before their figures,
    # after the first columns'; each is the header's, in the order printed.
    cells = ["Vessel", "Berths", "Small boats", "Ferries", "Yachts", "14", "9", "5", "Fee", "Share", "62.50",
             "71.00", "88.25", "51 %", "31 %", "18 %"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Vessel Berths Fee Share\n\nSmall boats 14 62.50 51 %\n\nFerries 9 71.00 31 %\n\n"
                  "Yachts 5 88.25 18 %", text)
    # figures that make no columns of one form are left as printed
    cells[10:13] = ["62.50", "7", "1,288"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    assert "as follows.\n\n" + " ".join(cells) + "\n\n" in text, text


def test_cells_of_figures_only_row_by_row_become_rows(tmp_path):
    # pdftotext: the label column is figures too (years); the columns are the fewest whose
    # figures agree in form (`2021` … / `3` … / `148` … / `41,200` …).
    cells = ["Year", "Visits", "Objects lent", "Visitors", "2021", "3", "148", "41,200", "2022", "6", "377",
             "139,500", "2023", "8", "512", "248,900"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Year Visits Objects lent Visitors\n\n2021 3 148 41,200\n\n2022 6 377 139,500\n\n"
                  "2023 8 512 248,900", text)


def test_cells_of_figures_only_column_by_column_become_rows(tmp_path):
    # pdfminer.six: the same table a box a column, the header cells first on one line.
    cells = ["Year Visits Objects lent Visitors", "2021", "2022", "2023", "3", "6", "8", "148", "377", "512",
             "41,200", "139,500", "248,900"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Year Visits Objects lent Visitors\n\n2021 3 148 41,200\n\n2022 6 377 139,500\n\n"
                  "2023 8 512 248,900", text)


def test_a_list_of_figures_of_one_form_is_no_table(tmp_path):
    # Years a block each under a label: any period reads them as columns of one form, so none
    # is evidence of a table; nor are figures whose forms agree with no period.
    for cells in (["Years of the surveys", "1998", "2004", "2009", "2013", "2017", "2021"],
                  ["Counts", "2019", "14", "3.5", "1,200", "7 %", "61", "2020", "0.25", "18 %"]):
        text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
        assert "as follows.\n\n" + " ".join(cells) + "\n\n" in text, text


def test_a_unit_broken_after_its_slash_is_one_word_again(tmp_path):
    # A header cell wrapped after a slash (`(£/` / `metre)`), as typesetters break without a
    # hyphen: the unit is one word again.
    page = (WRAPPED + "Vessel length Berths\nAnnual fee (£/\nmetre)\n"
            "Under 8 m 14 62.50\n8–12 m 9 71.00\nOver 12 m 5 88.25\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "\n\nVessel length Berths Annual fee (£/metre)\n\nUnder 8 m 14 62.50\n\n" in text


def test_a_unit_in_brackets_ending_a_block_is_no_photo_credit(tmp_path):
    # `(Mt/yr)` closing a short block is a unit, not a news photo's `(Agency/Photographer)`.
    page = WRAPPED + "\nLandings at the fish quay (Mt/yr)\n\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "Landings at the fish quay (Mt/yr)" in text
    assert "caption" not in text and "credit" not in text


def test_a_word_broken_at_a_soft_hyphen_does_not_take_a_number(tmp_path):
    # pdftotext read a table's cells out of order: `irriga­` (soft hyphen) then the next cell
    # `9.8`; no word goes on with digits, so the number stays as printed.
    page = WRAPPED + "\nSpray irriga\u00ad\n\n9.8\n\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "9.8" in text.split() and "irriga9.8" not in text


def test_layout_cells_wrapped_over_lines_make_one_row(tmp_path):
    # pdftotext -layout: a header whose cells wrap (the first one blank on the first line, one
    # cell alone on the last) and first cells wrapped below their row's numbers.
    table = ("\n                              Berths let in           Fee per metre\n"
             " Vessel                          the season              (pounds)\n"
             " Small fishing boats                     14                  62.50\n"
             " Ferries and                              9                  71.00\n"
             " excursion boats\n"
             " Visiting yachts                          5                  88.25\n"
             " and motor cruisers\n\n")
    text = body(normalise(tmp_path, page_among_prose(WRAPPED + table + MORE, WRAPPED)))
    assert ("as follows.\n\nVessel Berths let in the season Fee per metre (pounds)\n\n"
            "Small fishing boats 14 62.50\n\nFerries and excursion boats 9 71.00\n\n"
            "Visiting yachts and motor cruisers 5 88.25\n\nThe engineers then set out") in text


def test_a_narrow_table_set_justified_keeps_its_cells_and_numbers_whole(tmp_path):
    # pdftotext -layout of a table in a narrow column set justified: a wrapped cell's words are
    # stretched apart on every line but its last (`Ferries     and`), a header cell wraps after a
    # number range's dash and its next line holds the range's end and a word (`2019–` over
    # `2024    mean`), another after a slash (`(pounds/` over `m)`).
    table = ("\n Vessel                   Berths (per        Fee, 2019–\n"
             "                             season)        2024      mean\n"
             "                                                  (pounds/\n"
             "                                                        m)\n"
             " Small fishing                     14                62.50\n"
             " boats\n"
             " Ferries      and                   9                71.00\n"
             " excursion boats\n"
             " Visiting yachts                    5                88.25\n\n")
    text = body(normalise(tmp_path, page_among_prose(WRAPPED + table + MORE, WRAPPED)))
    assert ("as follows.\n\nVessel Berths (per season) Fee, 2019–2024 mean (pounds/m)\n\n"
            "Small fishing boats 14 62.50\n\nFerries and excursion boats 9 71.00\n\n"
            "Visiting yachts 5 88.25\n\nThe engineers then set out") in text


def test_pdfminer_columns_whose_last_row_is_boxed_apart_become_rows(tmp_path):
    # pdfminer.six boxed the last row apart (its label wraps, taller than the others): the first
    # columns' other cells, then the last row's, then the other columns whole.
    cells = ["Vessel length Berths", "Fee", "Small", "Medium", "Large", "14", "9", "5",
             "Multihulls", "on request", "62.50", "71.00", "88.25", "120.00"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Vessel length Berths Fee\n\nSmall 14 62.50\n\nMedium 9 71.00\n\nLarge 5 88.25\n\n"
                  "Multihulls on request 120.00", text)
    # the same with four columns, two of them boxed with the last row
    cells = ["Condition Range Bridges", "Share", "Good", "Fair", "Poor", "80–100", "65–79", "40–64",
             "Very poor", "below 40", "251", "111", "41", "9", "61 %", "27 %", "10 %", "2 %"]
    text = body(normalise(tmp_path, page_among_prose(_cells_page(cells), WRAPPED)))
    _rows_written("Condition Range Bridges Share\n\nGood 80–100 251 61 %\n\nFair 65–79 111 27 %\n\n"
                  "Poor 40–64 41 10 %\n\nVery poor below 40 9 2 %", text)


def test_cells_that_read_as_no_table_stay_and_the_text_after_opens_a_paragraph(tmp_path):
    # pdfminer.six boxed the last row apart from its columns, but a column's figures are not of
    # one form (`120` among prices in pence): no reading puts the cells back in rows, so they stay
    # as printed; the paragraph after them is no cell's rest.
    cells = ["Vessel length Berths", "Fee", "Small", "Medium", "Large", "14", "9", "5",
             "Multihulls", "on request", "62.50", "71.00", "88.25", "120"]
    page = WRAPPED + "\n" + "\n\n".join(cells) + "\n\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert " ".join(cells) in " ".join(text.split())
    assert "120\n\nThe engineers then set out" in text


TABLE_HTML = """<html><head><style>
@page { size: A5; margin: 20mm }
body { font: 11pt serif }
table { border-collapse: collapse; margin: 1em 0 }
th, td { padding: 2pt 6pt; vertical-align: top }
th { vertical-align: bottom }
td.n, th.n { text-align: right }
</style></head><body>
<p>The harbour master keeps a register of the boats that use the quays, and the fees they paid
over the last season are summarised in the table below, with the berths let.</p>
<table><thead><tr><th style="width: 28mm">Vessel</th><th class="n" style="width: 22mm">Berths let
(per/season)</th><th class="n" style="width: 24mm">Fee per metre (pounds)</th></tr></thead><tbody>
<tr><td>Small boats</td><td class="n">14</td><td class="n">62.50</td></tr>
<tr><td>Ferries and excursion boats</td><td class="n">9</td><td class="n">71.00</td></tr>
<tr><td>Yachts</td><td class="n">5</td><td class="n">88.25</td></tr>
</tbody></table>
<p>The fees will rise by the rate of inflation next year, and the council will review them again
when the new pontoons are open to visitors.</p></body></html>"""


def test_pdf_table_cells_wrapped_over_lines_make_one_row(tmp_path):
    # Pressroom's PDF reader: the header's cells wrap (bottom-aligned, each on its own
    # baselines), a first cell wraps below its row's numbers; each is one row again.
    import weasyprint

    from pressroom.normalise.source import normalise_file

    source = tmp_path / "table.pdf"
    source.write_bytes(weasyprint.HTML(string=TABLE_HTML).write_pdf())
    (tmp_path / "table.yaml").write_text("title: Fees\nlang: en\n", encoding="utf-8")
    state = normalise_file(source)
    text = body(state)
    assert "\n\nVessel Berths let (per/season) Fee per metre (pounds)\n\n" in text
    assert "\n\nFerries and excursion boats 9 71.00\n\n" in text
    assert "\n\nSmall boats 14 62.50\n\n" in text and "\n\nYachts 5 88.25\n\n" in text


# The document's own words, which decide a hyphen where a cell wraps: `temperature` and
# `performance` are printed whole elsewhere, `north-facing` with its hyphen.
VOCABULARY = ("The flow temperature and the performance of each pump were read on the north-facing\n"
              "walls of the homes, and the temperature was logged with the performance each day.\n")


def test_a_header_cell_cut_at_a_hyphen_where_it_wraps_is_decided_as_running_text(tmp_path):
    # pdftotext -layout: header cells wrap inside a word (`tempera-` over `ture`, `perfor-` over
    # `mance`) as the typesetter hyphenates them; a compound's hyphen (`north-` over `facing`)
    # stays: the document's vocabulary decides, as it does for a line of text.
    table = ("\n Flow tempera-          Homes       Median perfor-     Walls north-\n"
             " ture on design                     mance factor       facing\n"
             " 40 °C or lower            7                  3.5           4\n"
             " 41–45 °C                  9                  3.1           2\n"
             " 46–50 °C                  6                  2.7           1\n\n")
    page = WRAPPED + VOCABULARY + table + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("\n\nFlow temperature on design Homes Median performance factor Walls north-facing\n\n"
            "40 °C or lower 7 3.5 4\n\n") in text
    assert "tempera-ture" not in text and "tempera- ture" not in text


def test_a_list_whose_markers_stand_apart_from_its_items_is_no_table(tmp_path):
    # pdftotext -layout sets a bullet apart from its item's text by a wide gap, and the item's
    # wrapped lines under its text: the markers line up like a table's first column, but the
    # items are a list's, their lines joined as text (`be-` / `fore;` one word).
    for marker in ("•", "1."):
        items = (f"\n{marker}    carry out the heat loss calculation after the fabric work, not be-\n"
                 "     fore;\n"
                 f"{marker.replace('1', '2')}    make radiator enlargement part of the standard job, budgeted\n"
                 "     from the start;\n"
                 f"{marker.replace('1', '3')}    set the backup heater to run only for the weekly cycle.\n\n")
        page = WRAPPED + "before the works began, and after them.\n" + items + MORE
        text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
        assert "not before;" in text and "be-fore" not in text, marker
        assert "budgeted from the start;" in text, marker
        assert "•" not in text, marker
