"""Tables in reading-order text exports (pypdf, pypdfium2, pdftotext, pdfminer.six): their rows
stay rows, their header one block, and the text around them stays text. Small exports in the
shapes those extractors give, end to end."""

from __future__ import annotations

import re

from exports import MORE, OPENING, body, normalise, page_among_prose, pages


def _among_prose(tmp_path, table: str) -> str:
    """The body normalised from a page of wrapped prose, the table, and more prose."""
    return body(normalise(tmp_path, page_among_prose(WRAPPED + table + MORE, WRAPPED)))

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
    text = _among_prose(tmp_path, table)
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
    text = _among_prose(tmp_path, table)
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


def test_layout_cells_wrapped_with_the_first_column_blank_join_their_row(tmp_path):
    # pdftotext -layout: a text cell wraps in a middle column (`City` over `Centre`), the line
    # below leaving the first column blank; two header lines, the first column blank on the first.
    table = ("\n                                      First    Last     Every    Weekly\n"
             " Route        From        To           bus      bus     (min)     trips\n"
             " N1           City        Harlow      23:40   04:40        30       4,210\n"
             "              Centre      Park\n"
             " N2           City        Saltings    23:55   04:25        30       3,640\n"
             "              Centre\n"
             " N4           Brenton     Fenmouth    23:30   05:30        60       2,905\n"
             "                          Docks\n"
             " N6           Kingsmere   Airport     23:45   05:45        45       1,530\n\n")
    text = _among_prose(tmp_path, table)
    assert ("as follows.\n\nRoute From To First bus Last bus Every (min) Weekly trips\n\n"
            "N1 City Centre Harlow Park 23:40 04:40 30 4,210\n\nN2 City Centre Saltings 23:55 04:25 30 3,640\n\n"
            "N4 Brenton Fenmouth Docks 23:30 05:30 60 2,905\n\nN6 Kingsmere Airport 23:45 05:45 45 1,530\n\n"
            "The engineers then set out") in text


# A table of text cells in three columns whose cells wrap over lines, set at the top of their
# row, and a header cell that wraps above the header line (pdftotext -layout).
TEXT_TABLE = ("\n                      What passengers and\n"
              " Problem              drivers said                    What we propose\n"
              " Hourly               Workers at the warehouses       Run every 30 minutes\n"
              " service on           wait up to an hour after        between 01:00 and 05:00\n"
              " the N4               their shift ends\n"
              " Unreliable           Passengers do not know          Fix the tracking fault in\n"
              " arrival              whether a bus has passed        the docks and show\n"
              " boards                                               cancelled buses\n"
              " Tight                Buses run late while the        Add five minutes to each\n"
              " running              bypass works continue           trip until the works end\n"
              " times on the\n"
              " N4\n"
              " No link              Infirmary staff living near     Extend the N3 to\n"
              " between the          the airport change twice        Kingsmere on alternate\n"
              " N3 and N6                                            trips\n\n")


def test_layout_text_cells_wrapped_over_lines_make_one_row_each(tmp_path):
    text = _among_prose(tmp_path, TEXT_TABLE)
    assert ("as follows.\n\nProblem What passengers and drivers said What we propose\n\n"
            "Hourly service on the N4 Workers at the warehouses wait up to an hour after their shift ends "
            "Run every 30 minutes between 01:00 and 05:00\n\n"
            "Unreliable arrival boards Passengers do not know whether a bus has passed "
            "Fix the tracking fault in the docks and show cancelled buses\n\n"
            "Tight running times on the N4 Buses run late while the bypass works continue "
            "Add five minutes to each trip until the works end\n\n"
            "No link between the N3 and N6 Infirmary staff living near the airport change twice "
            "Extend the N3 to Kingsmere on alternate trips\n\nThe engineers then set out") in text
    assert "#" not in text


def test_layout_text_table_whose_cells_do_not_wrap_keeps_a_row_a_line(tmp_path):
    # Every line fills every column: nothing wraps, each line is a row, even one whose cell
    # opens with a small letter (a unit), and a line above at the margin stays text.
    table = ("\nThe units used are these.\n"
             " Unit                 Meaning                 Used for\n"
             " kWh                  kilowatt hour           energy\n"
             " m³                   cubic metre             water\n"
             " t                    tonne                   waste\n\n")
    text = _among_prose(tmp_path, table)
    assert ("Unit Meaning Used for\n\nkWh kilowatt hour energy\n\nm³ cubic metre water\n\n"
            "t tonne waste\n\nThe engineers then set out") in text
    assert "The units used are these.\n\nUnit Meaning" in text


def test_layout_table_of_terms_whose_meanings_wrap_makes_a_row_a_term(tmp_path):
    # Two columns of text: a term and its meaning, the meaning wrapped below with the first
    # column blank (one wrapped line holds a number: `week of 37 hours`).
    table = ("\n Term                   Meaning\n"
             " AHU                    air handling unit, the plant that heats and ventilates the\n"
             "                        pool halls\n"
             " CHP                    combined heat and power, a gas engine that makes\n"
             "                        electricity and heat together\n"
             " FTE                    full-time equivalent, hours worked divided by a standard\n"
             "                        week of 37 hours\n"
             " PV                     photovoltaic, solar panels that make electricity\n\n")
    text = _among_prose(tmp_path, table)
    assert ("as follows.\n\nTerm Meaning\n\n"
            "AHU air handling unit, the plant that heats and ventilates the pool halls\n\n"
            "CHP combined heat and power, a gas engine that makes electricity and heat together\n\n"
            "FTE full-time equivalent, hours worked divided by a standard week of 37 hours\n\n"
            "PV photovoltaic, solar panels that make electricity\n\nThe engineers then set out") in text


def test_layout_accounts_with_header_cells_set_over_two_columns_keep_their_figures(tmp_path):
    # A statement of accounts: header cells wrapped after a year range's dash (`2023–` over
    # `24`), two header cells one space apart (`23 Change`) over two columns of figures,
    # figures in brackets, labels wrapped below their figures.
    table = ("\n                              2023–     2022–             Change     Budget\n"
             " Line                            24        23 Change         (%)    2023–24\n"
             " Memberships                   1,982     1,745     237      13.6       1,900\n"
             " Swimming                        724       690      34       4.9         740\n"
             " lessons\n"
             " Staff                        (2,588)   (2,430)   (158)      6.5      (2,560)\n"
             " Energy                        (894)    (1,090)    196     (18.0)      (930)\n"
             " Operating                      (96)     (406)     310     (76.4)      (180)\n"
             " result\n\n")
    text = _among_prose(tmp_path, table)
    assert ("as follows.\n\nLine 2023–24 2022–23 Change Change (%) Budget 2023–24\n\n"
            "Memberships 1,982 1,745 237 13.6 1,900\n\nSwimming lessons 724 690 34 4.9 740\n\n"
            "Staff (2,588) (2,430) (158) 6.5 (2,560)\n\nEnergy (894) (1,090) 196 (18.0) (930)\n\n"
            "Operating result (96) (406) 310 (76.4) (180)\n\nThe engineers then set out") in text


def test_a_table_is_read_from_its_figures_bands_only_when_no_running_text_stands_among_them():
    # The bands of a table's body (its rows of figures) part its columns when its header's cells
    # are set across them; a line of running text beside the figures (a page's text column next
    # to a narrow table) is no cell, and no table is read from those bands.
    from pressroom.normalise.table_rows import _aligned

    header = ["                              2022–             Change",
              " Line                            23 Change         (%)"]
    figures = [" Memberships                   1,745     237      13.6",
               " Swimming                        690      34       4.9",
               " Casual use                      502      59      11.8"]
    assert not _aligned(header + figures) and _aligned(header + figures, body=True)
    prose = [" The popular picture of the night bus is of    1,745     237      13.6",
             " young people going home from the city at      690      34       4.9",
             " the end of a long Saturday night out, and     502      59      11.8"]
    assert not _aligned(header + prose, body=True)


def test_layout_row_of_figures_with_its_first_column_blank_stays_a_row(tmp_path):
    # A total whose label cell is blank is a row of figures, no wrapped cell of the row above.
    table = ("\n Vessel                 Berths         Fee\n"
             " Small fishing boats        14       62.50\n"
             " Ferries and                 9       71.00\n"
             " excursion boats\n"
             "                            23      133.50\n\n")
    text = _among_prose(tmp_path, table)
    assert ("as follows.\n\nVessel Berths Fee\n\nSmall fishing boats 14 62.50\n\n"
            "Ferries and excursion boats 9 71.00\n\n23 133.50\n\nThe engineers then set out") in text


# Accounts whose header cells wrap after a year range's dash (`2023–` over `24`), one of them
# with the next column's header one space on (`23 Change`, the shape of a numbered heading).
ACCOUNTS_ROWS = ["Memberships 1,982 1,745 237 13.6 1,900", "Swimming 724 690 34 4.9 740",
                 "Staff (2,588) (2,430) (158) 6.5 (2,560)", "Energy (894) (1,090) 196 (18.0) (930)"]
ACCOUNTS_WRITTEN = ("Line 2023–24 2022–23 Change Change (%) Budget 2023–24\n\n" + "\n\n".join(ACCOUNTS_ROWS))


def test_rows_of_figures_under_a_header_wrapped_after_a_range_dash_keep_the_range(tmp_path):
    # pypdf: the rows one a line, the header's cells each wrapped over two lines above them.
    header = "Line\n2023–\n24\n2022–\n23 Change\nChange\n(%)\nBudget\n2023–24\n"
    page = WRAPPED + header + "\n".join(ACCOUNTS_ROWS) + "\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    _rows_written(ACCOUNTS_WRITTEN, text)
    assert "#" not in text


def test_cells_under_a_header_wrapped_after_a_range_dash_keep_the_range(tmp_path):
    # pdftotext (reading order): a cell a block, row by row; the year ranges' header cells
    # wrapped at their dash are header cells, not figures.
    cells = ["2023–\n24", "2022–\n23 Change", "Change\n(%)", "Budget\n2023–24"]
    for row in ACCOUNTS_ROWS:
        label, figures = row.split(" ", 1)
        cells += [label, *figures.split()]
    page = WRAPPED + "Line\n\n" + "\n\n".join(cells) + "\n\n" + MORE
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    _rows_written(ACCOUNTS_WRITTEN, text)
    assert "#" not in text


def test_only_a_range_open_at_its_dash_carries_a_numbered_line_on():
    # `23 Change` below `2022–` ends the range; below a line of text or a year it is a
    # numbered heading's shape.
    from pressroom.normalise.number_rows import numbered_heading

    assert not numbered_heading(["2022–", "23 Change"], 1)
    assert numbered_heading(["as the table shows.", "23 Change"], 1)
    assert numbered_heading(["in 2022", "3 Results"], 1) and numbered_heading(["3 Results"], 0)


# A plan of actions (pdftotext -layout): a column of running text whose cells wrap over lines, and
# beside it short text cells that wrap with them, dates among them (`28` / `February` / `2026`).
PLAN_ROWS = ["High Replace the worn fenders on the north quay before the winter storms begin, and "
             "record their condition each month. Dock superintendent 31 October 2025",
             "High Close the slipway to the public while its surface is repaired and its handrails "
             "are renewed. Site manager 28 February 2026",
             "Medium Agree a new schedule of dredging with the port authority for the outer channel. "
             "Port office 30 April 2026",
             "Low Publish the berth fees on the website with the tide tables. Clerk Complete"]
PLAN_WRITTEN = "Priority Action Owner Due\n\n" + "\n\n".join(PLAN_ROWS)
PLAN_LINES = [("Priority", "Action", "Owner", "Due"),
              ("High", "Replace the worn fenders on the north quay before the", "Dock", "31 October"),
              ("", "winter storms begin, and record their condition each", "superintendent", "2025"),
              ("", "month.", "", ""),
              ("High", "Close the slipway to the public while its surface is", "Site", "28"),
              ("", "repaired and its handrails are renewed.", "manager", "February"),
              ("", "", "", "2026"),
              ("Medium", "Agree a new schedule of dredging with the port", "Port", "30 April"),
              ("", "authority for the outer channel.", "office", "2026"),
              ("Low", "Publish the berth fees on the website with the tide", "Clerk", "Complete"),
              ("", "tables.", "", "")]


def _plan(edges: tuple[int, ...]) -> str:
    """The plan's lines, each cell set from its column's edge (character columns `edges`)."""
    lines = []
    for cells in PLAN_LINES:
        line = ""
        for edge, cell in zip(edges, cells):
            if cell:
                line = line.ljust(edge) + cell
        lines.append(line)
    return "\n" + "\n".join(lines) + "\n\n"


def _sentences_joined(text: str) -> str:
    """The body with a paragraph's sentences (written a line each) joined by spaces."""
    return re.sub(r"(?<=\S)\n(?=\S)", " ", text)


def test_layout_plan_of_wrapped_text_cells_makes_one_row_each(tmp_path):
    # The columns part widely: each row's lines are the row, the dates' pieces with their cell.
    text = _among_prose(tmp_path, _plan((0, 12, 70, 88)))
    assert "as follows.\n\n" + PLAN_WRITTEN + "\n\nThe engineers then set out" in _sentences_joined(text)
    assert "#" not in text


def test_layout_plan_whose_columns_edges_stand_one_space_apart_makes_one_row_each(tmp_path):
    # The header's first cell one space from the second (`Priority Action`) and the owner's
    # longest piece one space from the date (`superintendent 2025`): the columns' edges are where the
    # other rows open their cells after wide gaps.
    text = _among_prose(tmp_path, _plan((0, 9, 65, 80)))
    assert "as follows.\n\n" + PLAN_WRITTEN + "\n\nThe engineers then set out" in _sentences_joined(text)
    assert "#" not in text


TIMETABLE = ("\n    Route From       To              First     Last     Every       Weekly\n"
             "                                      bus       bus     (min)         trips\n"
             "    N1   City        Harlow          23:40    04:40         30         4,210\n"
             "         Centre      Park\n"
             "    N2   City        Saltings        23:55    04:25         30         3,640\n"
             "         Centre\n"
             "    N4   Brenton     Fenmouth        23:30    05:30         60         2,905\n"
             "                     Docks\n"
             "    N6   Kingsmere Airport           23:45    05:45         45         1,530\n\n")


def test_layout_short_cells_one_space_apart_keep_their_columns(tmp_path):
    # A timetable of short cells (no running text): a header cell and a row's cell set one space
    # from the next column's (`Route From`, `Kingsmere Airport`), and a cell wrapped below its row
    # with a capital (`City` over `Centre`): the wrapped pieces stay in their own columns, not
    # read as a sentence going on at the second column's edge. (The rows below, a cell wrapped
    # alone, `Centre`, are not rebuilt yet: the run of the table ends there.)
    text = _among_prose(tmp_path, TIMETABLE)
    assert "\n\nN1 City Centre Harlow Park 23:40 04:40 30 4,210\n\n" in text


def test_rows_under_a_header_too_long_for_a_row_holding_years_keep_their_header(tmp_path):
    # pypdf in a narrow measure: the header, one line, holds years (`2030`, `2029–2075`) and is
    # longer than a row may be; the rows below it are rows, and it is their header.
    header = "Site Share Visits a year, 2030 Visits, 2029–2075 Area (ha)\n"
    rows = "North 19.5% 74 3,950 2.6\nCentral 23.4% 91 4,860 3.2\nSouth 28.0% 109 5,820 3.8\n"
    text = _among_prose(tmp_path, header + rows)
    assert ("as follows.\n\nSite Share Visits a year, 2030 Visits, 2029–2075 Area (ha)\n\n"
            "North 19.5% 74 3,950 2.6\n\nCentral 23.4% 91 4,860 3.2\n\nSouth 28.0% 109 5,820 3.8\n\n"
            "The engineers then set out") in text


def test_a_line_of_text_with_years_above_rows_and_no_stop_above_it_is_no_header(tmp_path):
    # A line of a paragraph holding years, run on from the line above (no stop there): the
    # paragraph is text, not a table's header.
    page = (OPENING + "harbour master counted the berths let in 2022 and in 2023 and gave\n"
            "North 19.5% 74 3,950 2.6\nCentral 23.4% 91 4,860 3.2\nSouth 28.0% 109 5,820 3.8\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "Visits" not in text and "let in 2022 and in 2023 and gave\n\nNorth" not in text
