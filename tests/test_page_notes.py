"""Notes at the foot of a page in the shapes extractors give them (page_notes, raised_lines):
each case a small export written here, in the shape one extractor prints, not a corpus copy."""

from __future__ import annotations

import pytest

from exports import body, normalise

FILLER = "Canal Review\n\nThe canal was sold to the railway in {year} and closed later.\n\n{folio}\n\n"


def _between_fillers(tmp_path, page: str):
    """`page` normalised as the middle page of three, between two pages of plain text."""
    pages = [FILLER.format(year=1852, folio=2), page, FILLER.format(year=1853, folio=4)]
    return normalise(tmp_path, "\f".join(pages))


def test_a_notes_tail_boxed_apart_by_pdfminer_stays_with_its_note(tmp_path):
    # pdfminer boxes a wrapped note's last line apart, a blank line above it. The tail may open
    # with a year (`1789 and 1790 …`) or, below a full line that ends a sentence, with a capital
    # (`Both companies …`): followed by the next note or by the page's folio, it is the note's.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.2\n\n"
            "1The Act of incorporation was passed in the spring of that year, after\n\n"
            "1789 and 1790 had been spent raising the money.\n\n"
            "2The railway's accounts show the coal traffic it took from the canal.\n\n"
            "Both companies agreed on the figure.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of that year, after 1789 and 1790 "
        "had been spent raising the money.",
        "The railway’s accounts show the coal traffic it took from the canal. Both companies "
        "agreed on the figure."]
    assert "1794.[^1]" in text and "traffic.[^2]" in text


def test_a_line_below_a_note_with_room_to_spare_is_the_pages_text(tmp_path):
    # The note ends its sentence well short of the measure: the capitalised line below it is
    # text of the page, not the note's.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1The Act was passed that spring.\n\n"
            "Both companies agreed on the figure.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == ["The Act was passed that spring."]
    assert "Both companies agreed on the figure." in body(state)


def test_a_body_line_pypdfium2_joined_to_the_first_note_is_split_again(tmp_path):
    # pypdfium2 joins a line that ends in a hyphen to the next line it reads, marking the join
    # with U+FFFE. When the page's last body line ends in `de-`, the next line is its first
    # note: `de\ufffe1A second line…`. A word never goes on with a digit, so the two are split
    # again: the note is the note's text alone, and the lines below keep their source numbers.
    page = ("The canal company was formed in 1790 and its boats ran from 1794.1 The tolls\r\n"
            "were cut in 1846.2 The coal owners of the valley de\ufffe1The Act was passed in 1789.\r\n"
            "2The figure is from the company's ledger.\r\n"
            "Canal Review {folio}\f")
    first = ("The canal was sold to the railway in 1852 and closed to traffic later.\r\n"
             "Canal Review 2\f")
    last = ("pended on it for their trade. The railway took the coal traffic.\r\n"
            "The end.\r\nCanal Review 4")
    state = normalise(tmp_path, first + page.format(folio=3) + last)
    notes = list(state.notes.values())
    assert [n.text for n in notes] == ["The Act was passed in 1789.",
                                       "The figure is from the company’s ledger."]
    # Source lines: the joined line is line 3 of the file, the second note line 4.
    assert [n.definition_line for n in notes] == [3, 4]
    assert "1794.[^1]" in body(state) and "1846.[^2]" in body(state)
    assert "the valley depended on it" in body(state)  # the word joined across the notes


def test_a_call_pypdfium2_sets_alone_after_its_paragraph_is_glued_back(tmp_path):
    # pypdfium2 writes a raised call that closes a paragraph on a line of its own
    # (`kilowatts.` / `1`). A line below on the same page opens with that number as a note does:
    # the number is the paragraph's call, not a folio or a heading's number (`1 2.2 Pumps`).
    page = ("Before the work, the homes lost heat at a rate that ranged from five to\r\n"
            "eleven kilowatts.\r\n"
            "1\r\n"
            "2.2 The heat pumps\r\n"
            "Each pump was sized from a heat loss calculation made room by room.\r\n"
            "1. The heat loss was measured in four homes and estimated in the rest.\r\n"
            "Heat Pump Trial {folio}\f")
    first = "The trial ran for one winter in twenty-four homes.\r\nHeat Pump Trial 2\f"
    last = "The pumps ran through the winter without a fault.\r\nHeat Pump Trial 4"
    state = normalise(tmp_path, first + page.format(folio=3) + last)
    text = body(state)
    assert "eleven kilowatts.[^1]" in text
    assert "## 2.2 The heat pumps" in text or "# 2.2 The heat pumps" in text
    notes = list(state.notes.values())
    assert [n.text for n in notes] == ["The heat loss was measured in four homes and estimated in the rest."]
    assert notes[0].definition_line == 7  # the source's own line, below the call's


def test_a_bare_number_in_a_table_is_no_call(tmp_path):
    # A folio just after the form feed, and a table's cell below its label, stay what they are
    # even where a note of the same number is defined below them on the page.
    page = ("\f{folio}\r\n"
            "The survey counted the users of each branch in the {season}.{n}\r\n"
            "Branch\r\n"
            "{n}\r\n"
            "Total users in the county were counted by the door.\r\n"
            "{n}. The counts are for one week.\r\n"
            "Library Survey {folio}\r\n")
    first = "The report was written in the spring and the last pages in the summer.\r\n"
    pages = [page.format(season=season, n=n, folio=n + 10) for n, season in
             enumerate(["spring", "summer", "autumn"], start=11)]
    state = normalise(tmp_path, first + "".join(pages))
    text = body(state)
    assert "the last pages in the summer.\n" in text and "Branch 11 Total" in text
    # Each page's own call found its note.
    assert all(f"in the {season}.[^{n}]" in text for n, season in enumerate(["spring", "summer", "autumn"], 1))


def test_a_compounds_hyphen_after_a_glued_note_number_is_printed(tmp_path):
    # typst writes a compound's printed hyphen as U+00AD, and pypdf glues a note's number to
    # its first word: `2First­time visitors…`. The halves `first` and `time` are words of the
    # document, so the hyphen is printed, the number glued to it notwithstanding.
    page = ("Library Review\n"
            "Most visitors who answered {how} come often; few come for the first time.{n}\n"
            "{n}First\u00adtime visitors answered {how}, usually after a computer session.\n"
            "{folio}\n")
    pages = [page.format(n=n, folio=n + 1, how=how) for n, how in
             enumerate(["online", "on paper", "by telephone"], start=1)]
    state = normalise(tmp_path, "\f".join(pages))
    assert [n.text for n in state.notes.values()] == [
        f"First-time visitors answered {how}, usually after a computer session."
        for how in ["online", "on paper", "by telephone"]]


def test_a_note_pdftotext_glued_to_the_pages_last_line_is_split_off(tmp_path):
    # pdftotext joins a line ending in a hyphen to the next line it reads and drops the hyphen:
    # below the page's last line of text (`every-`) that line is the first note, so the export
    # reads `almost every1. The Act…`. The next line defines note 2: the first note is split off,
    # and the word goes on on the next page (`every` + `thing`).
    page = ("Canal Review\n"
            "The canal company was formed in 1790 and its boats ran from 1794.1 The tolls\n"
            "were cut in 1846.2 The coal owners of the valley depended on the canal for almost every1. The Act was passed in 1789.\n"
            "2. The figure is from the company's ledger.\n"
            "\n{folio}\n")
    first = "Canal Review\nThe canal was sold to the railway in 1852 and closed later.\n\n2\n"
    last = ("\fCanal Review\nthing they sold. The railway took the coal traffic in the end.\n\n4\n")
    state = normalise(tmp_path, first + "\f" + page.format(folio=3) + last)
    text = body(state)
    assert [n.text for n in state.notes.values()] == ["The Act was passed in 1789.",
                                                      "The figure is from the company’s ledger."]
    assert "1794.[^1]" in text and "1846.[^2]" in text
    assert "for almost everything they sold." in text


def test_a_number_glued_inside_a_line_without_the_next_note_below_stays(tmp_path):
    # `model A1. The` with no note 2 defined on the next line: no evidence of a glued foot.
    page = ("Canal Review\n"
            "The boats were of the type known as model a1. The company built {n} of them.\n"
            "They worked the canal until it closed in the winter of {year}.\n"
            "\n{folio}\n")
    pages = [page.format(n=n, year=1900 + n, folio=n + 1) for n in (1, 2, 3)]
    state = normalise(tmp_path, "\f".join(pages))
    assert not state.notes
    assert body(state).count("model a1.") == 3 and "\u00ad" not in body(state)


def test_two_notes_side_by_side_read_row_by_row_get_their_own_tails(tmp_path):
    # A foot set in two columns, note 1 below the left one and note 2 below the right one:
    # pdfminer reads it row by row, each line a box, so both first lines come before both
    # tails. Each note was cut at the measure; the tails come in the order the notes began.
    page = ("Bridge Review\n\n"
            "The county has four hundred bridges, and each is inspected\n"
            "at least once in every six years by its own engineers.1 The\n"
            "repairs that follow need the consent of the planning office,\n"
            "which has agreed a method for the most common of them.2\n\n"
            "1Assessments are reviewed whenever the state of a bridge\n\n"
            "2The planning office has agreed a standard method state\u00ad\n\n"
            "changes significantly.\n\n"
            "ment that covers most routine repairs.\n\n"
            "{folio}\n\n")
    filler = "Bridge Review\n\nThe bridges of the county were counted in {year}.\n\n{folio}\n\n"
    pages = [filler.format(year=2019, folio=2), page.format(folio=3), filler.format(year=2020, folio=4)]
    state = normalise(tmp_path, "\f".join(pages))
    assert [n.text for n in state.notes.values()] == [
        "Assessments are reviewed whenever the state of a bridge changes significantly.",
        "The planning office has agreed a standard method statement that covers most routine repairs."]


def test_a_folio_after_a_form_feed_is_no_call_of_the_note_it_numbers(tmp_path):
    # pdftotext puts a page's top folio right after the form feed, below the previous page's
    # last sentence; the page's foot may define a note of the same number. Not a call.
    page = ("\f{n}\r\n"
            "The survey counted the users of each branch in the {season}.{n}\r\n"
            "Total users in the county were counted by the door.\r\n"
            "{n}. The counts are for one week.\r\n"
            "Library Survey\r\n")
    first = "The report was written in the spring and the last pages in the summer.\r\n"
    pages = [page.format(season=season, n=n) for n, season in
             enumerate(["spring", "summer", "autumn"], start=2)]
    state = normalise(tmp_path, first + "".join(pages))
    text = body(state)
    assert "the last pages in the summer.\n" in text
    assert all(f"in the {season}.[^{n}]" in text for n, season in enumerate(["spring", "summer", "autumn"], 1))


def test_a_paragraph_cut_by_notes_set_mid_page_goes_on_after_them(tmp_path):
    # A two-column page whose notes are set at the foot of its LEFT column, as pypdf reads it
    # (no form feeds; each column in turn): the left column's text stops mid-word, the notes
    # follow, then the right column goes on with the word's second half, then the folio. The
    # paragraph is one across the notes, as across a page break.
    page = ("Canal Review\n"
            "The canal company was formed in 1790 and its first\n"
            "boats ran in the summer of 1794.1 The company paid\n"
            "a dividend every year until the railway came,2 and\n"
            "the coal owners of the valley had always de-\n"
            "1The Act was passed in the spring of that year.\n"
            "2The ledger gives the dividend paid in each year.\n"
            "pended on it for their trade, until the tolls were\n"
            "cut in 1846 to keep the coal traffic on the water.\n"
            "3\n")
    first = ("Canal Review\nThe canal was sold to the railway in 1852 and it was\n"
             "closed to all traffic a few years later, in 1861.\n2\n")
    last = ("Canal Review\nThe railway took the coal traffic all the same, and\n"
            "the last boat passed the top lock in 1861.\n4\n")
    state = normalise(tmp_path, first + page + last)
    text = body(state)
    assert "had always depended on it for their trade, until the tolls" in text
    assert [n.text for n in state.notes.values()] == [
        "The Act was passed in the spring of that year.",
        "The ledger gives the dividend paid in each year."]
    assert "1794.[^1]" in text and "came,[^2]" in text


def test_a_numbered_heading_below_a_call_is_no_note_of_the_page(tmp_path):
    # Chapters that do not open a page (troff, a report in one flow): `1. Introduction` stands
    # amid the page below the text that calls note 1, as the note's definition would, and
    # `1.1 Purpose` below it. The note is the numbered line at the page's foot; the heading
    # stays a heading. (corpus groff: `[^1]: Introduction` invented, its heading and the real
    # note lost.)
    page = ("Canal Review\n\n"
            "The basin drains the upland pasture and three market towns before the river\n"
            "reaches the weir, and the summer share of rain fell by a quarter.1 Licences\n"
            "were written for a river whose summer flows no longer exist.\n\n"
            "1. Introduction\n"
            "1.1 Purpose of this report\n"
            "The partnership was formed by the water company, the councils and the farmers\n"
            "of the valley, and its agreement required a review every five years.\n"
            "1 Seasonal shares are computed from the daily record at the upper gauge.\n\n"
            "2\n\n")
    pages = [FILLER.format(year=1852, folio=1), page, FILLER.format(year=1853, folio=3)]
    state = normalise(tmp_path, "\f".join(pages))
    assert [n.text for n in state.notes.values()] == [
        "Seasonal shares are computed from the daily record at the upper gauge."]
    headings = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert headings[-2:] == [(1, "1. Introduction"), (2, "1.1 Purpose of this report")]
    assert "quarter.[^1]" in body(state)


def test_a_column_foot_whose_first_line_fills_the_measure_is_the_columns_notes(tmp_path):
    # A page of narrow columns read one after the other (the Federal Register's three): the
    # first column ends with its notes, the next column's text below them. The first note's
    # first line has no stop and reads like a heading, but it fills the column's measure and
    # the note runs on below it: a foot, not a heading (its notes were lost to the text).
    column = ["recorders, as summarized in reports7 of", "the two accidents, the sensor failed",
              "and the trim moved the nose down on", "each flight. The system8 acted on the",
              "reading of one sensor alone, and the", "crews had no means to tell it apart."]
    foot = ["7 Ethiopian Aircraft Accident Investigation", "Preliminary Report AI-01/19, dated March",
            "2019, can be found in the AD docket.", "8 MCAS is a function of the Speed Trim",
            "System, which is part of the airplane's", "flight control system."]
    after = ["In addition to these four design", "changes, the FAA also proposes to",
             "require revisions to the flight manual", "and training for all the crews.9 The",
             "manual will say how to respond."]
    last_foot = ["9 The revision is in the docket with the", "other documents named in this notice."]
    page = ("Canal Review\n\n" + "\n".join(column + foot) + "\n\n" + "\n".join(after + last_foot)
            + "\n\n2\n\n")
    pages = [FILLER.format(year=1852, folio=1), page, FILLER.format(year=1853, folio=3)]
    state = normalise(tmp_path, "\f".join(pages))
    assert [n.text.split()[:3] for n in state.notes.values()] == [
        ["Ethiopian", "Aircraft", "Accident"], ["MCAS", "is", "a"], ["The", "revision", "is"]]
    assert "reports[^1] of" in body(state)


def test_a_paragraphs_last_line_at_two_page_feet_is_no_footer(tmp_path):
    # Two pages end with the last line of a paragraph, each of one shape (`2022–23.`,
    # `291–300.`: digits, a dash, a stop) on pages two apart, as an odd/even footer stands; each
    # closes the sentence the line above it leaves open: text, not furniture.
    def page(head: str, folio: int, last: str) -> str:
        return (f"{head}\n\n{folio}\n\nThe branch libraries lent more books to children than to adults\n"
                "in every year of the survey, and the gap widened after the new\n"
                f"reading scheme began in the autumn of the year {last}\n\n")
    pages = [page("Public Libraries", 2, "2020."), page("Ruth Adeyemi", 3, "2021."),
             page("Public Libraries", 4, "2021 and\n2022–23."), page("Ruth Adeyemi", 5, "2023."),
             page("Public Libraries", 6, "in pages\n291–300.")]
    state = normalise(tmp_path, "\f".join(pages))
    removed = [entry["text"] for entries in state.audit.removed.values() for entry in entries]
    assert "2022–23." not in removed and "291–300." not in removed
    assert "2022–23." in body(state) and "291–300." in body(state)


def test_rows_of_figures_alone_are_no_running_heads():
    # pypdf on a table with wrapped cells, no page separators and no folio lines: each row's
    # figures close a block of its own (`Public water sup-` / `ply` / `31.5 22.4`), after a
    # block that ends no sentence (an edge, as far as the text shows), three of one shape
    # (`#.# #.#`): figures alone are a folio or a table's row, never a running head.
    from pressroom.normalise.model import Block, State
    from pressroom.normalise.page_furniture import _furniture_keys

    texts = [["The table gives the volumes by use, licensed and used, in"], ["Use Licensed Actual"],
             ["Public water sup-", "ply", "31.5 22.4"], ["Spray irrigation 9.8 4.1"],
             ["Industry and quar-", "rying", "5.2 2.6"], ["Fish farms and", "other", "1.7 0.5"],
             ["The licences will be reviewed when they come up for renewal."]]
    blocks, line = [], 1
    for lines in texts:
        blocks.append(Block(lines, line, line + len(lines) - 1))
        line += len(lines)
    state = State(path="x.txt", text="\n".join(l for lines in texts for l in lines))
    state.blocks = blocks
    assert _furniture_keys(state, [], set()) == set()


def test_a_numbered_list_inside_the_page_is_no_foot_when_the_foot_defines_its_number(tmp_path):
    # pdftotext's shape: the page's call `ledger.2` is defined at the very foot, glued
    # (`2The…`); a numbered list stands in the middle of the page, its second item opening with
    # the same number. A note is defined once, at the foot: the item is the list's, and the note
    # the foot's (corpus allotment-soil: `2. take and label the cores` became note 2).
    page = ("Canal Review\n"
            "The tolls were cut in 1846, as the company's ledger.2 shows for the year. The\n"
            "engineer listed the works in the order they were done:\n"
            "1. raise the towpath along the lower pound;\n"
            "2. rebuild the lock gates at the top of the flight.\n"
            "The work took two winters, and the canal stayed open for most of the time,\n"
            "although the boatmen complained of the delays at the locks in both years.\n\n"
            "2The figure is from the ledger kept at the company's office.\n\f")
    first = ("Canal Review\n"
             "The canal was sold to the railway in 1852 and closed to traffic soon after.1\n\n"
             "1The sale is recorded in the railway's minutes.\n\f")
    last = ("Canal Review\n"
            "The canal company's last meeting was held in 1853, when its books were closed.\n\f")
    state = normalise(tmp_path, first + page + last)
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The sale is recorded in the railway’s minutes.",
        "The figure is from the ledger kept at the company’s office."]
    assert "2.  rebuild the lock gates at the top of the flight." in text


def test_numbers_after_words_alone_are_no_calls_of_a_numbered_foot(tmp_path):
    # The page's last lines are numbered in sequence (a section's head and the next one), and
    # the text above names the same numbers only after words and a space (`priority 3`,
    # `priority 4`): a table's, a list's or a priority's number, not a raised call, which an
    # extractor glues to its word or stop. Without one call of that shape there is no foot.
    page = ("Canal Review\n\n"
            "The works are ranked by urgency in the annex. In summary, priority 3\n"
            "accounts for most of the cost of the programme, and priority 4 for the\n"
            "rest of it, which the council agreed to spread over ten years.\n\n"
            "3. Funding and Risk\n"
            "The budget is enough for the repointing but not for the rebuilding.\n"
            "If no grant is found, the weight limits will have to stay in place.\n"
            "4. References\n"
            "Canal Board (2017). Manual for Canal Structures, volume 1.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert state.notes == {}
    assert "priority 3 accounts" in text and "priority 4 for the rest" in text
    assert "The budget is enough for the repointing" in text


def test_a_numbered_section_opening_at_a_pages_foot_is_no_note(tmp_path):
    # A page ends with a section's first lines: its head `1. Introduction`, then its first
    # subsection `1.1 Scope`, both numbered as a note might be, and a number glued to a word
    # above (`dry.1`, an endnote's call). The line below the head opens with its number and a
    # further one: a section and its subsection, not a note and its next line.
    page = ("The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794, when the summer was unusually dry.1 The company paid a\n"
            "dividend every year until the railway came to the valley in 1846.\n\n"
            "1. Introduction\n"
            "1.1 Scope of this review\n"
            "The review covers the canal from its opening to its closure, and the\n"
            "records of the company that survive in the county archive.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert state.notes == {}
    assert "1. Introduction" in text and "1.1 Scope of this review" in text
    assert "The review covers the canal" in text


def test_a_numbered_list_that_a_sentence_interrupts_is_no_foot(tmp_path):
    # An export with no page ends to go by (pypdf, no form feeds): the first items of a list
    # (`1. rebuild…`, `2. dredge…`) stand below text whose numbers glued to words (`1794.1`,
    # `company,2`) look like their calls. A sentence, then the list goes on with `3.` in the
    # same shape: a list of the text, not a foot.
    prose = ("The trustees met in the spring to review the state of the canal and\n"
             "its many structures. Members asked for a full account of the work done\n"
             "so far, and for a plan of what remains to be done in the next years.\n")
    text = ("The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The tolls were cut in 1846 to keep the coal traffic,\n"
            "and the railway bought the whole of the company,2 which kept the canal\n"
            "open for a time after the line was built along the valley floor.\n"
            + prose * 4 +
            "The trustees now propose the following works, in order of priority:\n"
            " 1. rebuild the top lock, whose gates were last replaced in the year\n"
            "of the canal's closure;\n"
            " 2. dredge the summit pound, which has silted to half its depth over\n"
            "the years.\n"
            "The remaining works follow once the first two are finished:\n"
            " 3. restore the towpath between the two aqueducts, where it has\n"
            "fallen into the water;\n"
            " 4. reopen the basin at the head of the canal.\n"
            + prose * 2)
    state = normalise(tmp_path, text)
    out = body(state)
    assert state.notes == {}
    assert "summer of 1794.1 The tolls" in out
    assert "rebuild the top lock" in out and "dredge the summit pound" in out


def test_the_next_pages_note_called_below_a_foot_is_no_list_item(tmp_path):
    # No page end found between two feet (pypdf, odd pages without a head): note 1's foot, the
    # next page's text calling note 2 (`company,2`), then note 2 in the same shape. The count
    # goes on below the foot as a list's would, but its number is called in between: a note.
    prose = ("The trustees met in the spring to review the state of the canal and\n"
             "its many structures. Members asked for a full account of the work done\n"
             "so far, and for a plan of what remains to be done in the next years.\n")
    text = (prose * 3 +
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The tolls were cut in 1846 to keep the coal traffic.\n"
            "1. The Act of incorporation was passed in the spring of that year.\n"
            "The Railway\n"
            "The railway bought the whole of the company,2 and kept the canal open\n"
            "for a time after the line was built along the valley floor.\n"
            "2. The price was agreed by arbitration and never published.\n"
            "4 Canal Review\n"
            + prose * 3)
    state = normalise(tmp_path, text)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of that year.",
        "The price was agreed by arbitration and never published."]


def test_a_notes_call_pushed_to_the_next_pages_first_line_is_its_call(tmp_path):
    # troff sets a note at the foot of the page where it read the note's text; the line holding
    # the call then had no room and opens the next page (`…with a grant for` / foot: notes 1
    # and 2 / next page: `three years of work,2 later…`). The foot is the page's notes all the
    # same: note 2 is called in the next page's first line, the sentence above the foot goes on
    # there. A number in that line the foot does not define stays text.
    pages = [
        "Canal Review\n\n"
        "The canal company was formed in 1790 and its first boats ran in the\n"
        "summer of 1794.1 The company paid a dividend every year until the\n"
        "railway came, and the trustees were given a grant for\n"
        "1 The Act of incorporation was passed in the spring of that year.\n"
        "2 The grant is recorded in the minutes of the trustees.\n\n"
        "2\n",
        "Canal Review\n\n"
        "three years of work,2 later extended to five. In 1846 the tolls were\n"
        "cut to keep the coal traffic, and 12 boats were laid up that winter.\n\n"
        "3\n",
        FILLER.format(year=1853, folio=4),
    ]
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of that year.",
        "The grant is recorded in the minutes of the trustees."]
    assert "1794.[^1]" in text and "a grant for three years of work,[^2] later" in text
    assert "and 12 boats" in text


def test_a_call_on_the_next_page_below_a_finished_sentence_is_not_taken(tmp_path):
    # The same foot below a sentence that ends on its page: nothing goes on at the next page's
    # top, so a number glued there is no call of this page's note (`…in 1852,2 the…`), and the
    # foot whose last note has no call on its page is left as text.
    pages = [
        "Canal Review\n\n"
        "The canal company was formed in 1790 and its first boats ran in the\n"
        "summer of 1794.1 The company paid a dividend every year until the\n"
        "railway came and the trustees were given a grant.\n"
        "1 The Act of incorporation was passed in the spring of that year.\n"
        "2 The grant is recorded in the minutes of the trustees.\n\n"
        "2\n",
        "Canal Review\n\n"
        "The lease was signed in 1852,2 the year the tolls were cut to keep the\n"
        "coal traffic, and the boats were laid up that winter.\n\n"
        "3\n",
        FILLER.format(year=1853, folio=4),
    ]
    state = normalise(tmp_path, "\f".join(pages))
    assert "[^2]" not in body(state)
    assert "1852,2 the year" in body(state)


def test_a_line_in_lower_case_below_a_finished_note_goes_on_with_the_sentence_above_the_foot(tmp_path):
    # pypdf reads a two-column page column by column: the left column, its notes at its foot,
    # then the right column, which goes on with the sentence the left column's last line left
    # open (`…by 140 holders, a` / notes / `response rate of…`). Below a note that ended its
    # sentence, that line is the text's, not the note's.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran\n"
            "in the summer of 1794.1 The company sent a survey to every\n"
            "holder in March 1795, and it was returned by 140 holders, a\n"
            "1 The Act of incorporation was passed in the spring of 1790.\n"
            "response rate of 41 per cent. The tolls were cut in 1846, and the\n"
            "coal traffic stayed on the water for a decade longer.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of 1790."]
    assert "returned by 140 holders, a response rate of 41 per cent." in body(state)


def test_a_note_closing_on_an_initial_goes_on_in_lower_case(tmp_path):
    # A note's line that ends on an initial (`See J.`) has not ended the note: the line in lower
    # case below it is the note's, even below text left open above the foot.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran\n"
            "in the summer of 1794.1 The company sent a survey to every\n"
            "holder in March 1795, and it was returned by 140 holders in\n"
            "1 The Act of incorporation is printed in full, with the plans, by J.\n"
            "van Damme, Canal Acts (Leiden, 1961), pp. 4–9.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation is printed in full, with the plans, by J. van Damme, Canal "
        "Acts (Leiden, 1961), pp. 4–9."]


def test_a_section_number_after_a_stop_is_no_call():
    # `… in advance. 4.1 Samples were…`: digits going on with a point and a digit are a section's
    # number (or a decimal, `1,340` a thousands group), never a note's call, though a stop and a
    # space stand before them as before a call pdftotext set apart (`future. 4 As…`).
    from importlib import import_module
    page_notes = import_module("pressroom.normalise.page_notes")
    lines = [(0, 0, "The company was formed in 1864.1 Its method was agreed in"),
             (0, 1, "advance. 2.1 Samples were taken by 1,340 officers, 2 and the"),
             (0, 2, "plots were marked out.")]
    found = page_notes.calls(lines, [1, 2])
    assert found is not None
    assert [lines[at][2][begin:end].strip() for at, begin, end in found] == ["1", "2"]
    assert found[1][0] == 1 and lines[1][2][found[1][1] - 1:found[1][2] + 4] == ", 2 and"


def test_a_lists_items_whose_markers_stood_apart_are_no_notes(tmp_path):
    # pdftotext on troff's tagged items: `1.` / blank / the item's text, each item its own block,
    # numbered as the page's notes are. The list (list_markers joins each marker to its item)
    # stays a list; the notes are the numbered lines at the page's foot.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the traffic.2\n"
            "The committee then agreed on two steps:\n1.\n\n"
            "close the upper locks for the winter;\n\n2.\n\n"
            "sell the company's two warehouses at the basin.\n\n"
            "The engineer reported to the committee on the state of the locks\n"
            "and on the cost of the repairs that the winter would call for.\n\n"
            "1 The Act of incorporation was passed in the spring of that year.\n"
            "2 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of that year.",
        "The railway’s accounts show the coal traffic it took from the canal."]
    assert ("1.  close the upper locks for the winter;\n\n"
            "2.  sell the company’s two warehouses at the basin.") in text


def test_a_symbols_index_is_no_call():
    # `x1`, `f1`: digits glued to a word of one letter are a symbol's index (a formula, an array
    # in code), never a note's call; the call is the number glued to the stop further on.
    from importlib import import_module
    page_notes = import_module("pressroom.normalise.page_notes")
    lines = [(0, 0, "The gauge gave the reading x1 at dawn and f1 at noon, as the"),
             (0, 1, "keeper's log shows.1 The rest were lost.")]
    found = page_notes.calls(lines, [1])
    assert found is not None and found[0][0] == 1
    assert lines[1][2][found[0][1] - 6:found[0][2]] == "shows.1"


@pytest.mark.parametrize("abbreviation, number", [("collection no.", "2871, the company's ledgers"),
                                                  ("Waterways, pp.", "291–300, with the maps"),
                                                  ("the survey of 1851, p.", "14, the table of tolls")])
def test_a_note_broken_after_an_abbreviation_goes_on_with_the_number(tmp_path, abbreviation, number):
    # pdftotext breaks a note's printed line after an abbreviation that introduces a number
    # (`…collection no.` / blank line / `2871, …`): the stop closes no sentence, the note goes on
    # with the number, and the next note below is found with it.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.2\n\n"
            f"1 County Record Office, {abbreviation}\n\n"
            f"{number}.\n\n"
            "2 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        f"County Record Office, {abbreviation} {number}.".replace("'", "’"),
        "The railway’s accounts show the coal traffic it took from the canal."]
    assert "1794.[^1]" in body(state) and "traffic.[^2]" in body(state)


def test_a_line_opening_with_a_number_below_a_finished_note_is_the_pages_text(tmp_path):
    # The note ends on a word that is no abbreviation (`…ledgers.`): the line below it that opens
    # with a number is the page's text, not the note's.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1 County Record Office, the company's ledgers.\n\n"
            "20 of the ledgers survive in the record office.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == ["County Record Office, the company’s ledgers."]
    assert "20 of the ledgers survive" in body(state)


# A pypdf export of two sections (no page ends): the first section's note is cut at its page's
# foot (`…of the valley and`), the next section's heading and text follow.
_CUT_NOTE_PAGES = ("Canal Review\n"
                    "Contents\n"
                    "The Company . . . . . . . . 1\n"
                    "Silences . . . . . . . . 2\n"
                    "The Company\n"
                    "The canal company was formed in 1790 and its first boats ran\n"
                    "in the summer of 1794. The company paid a dividend in most\n"
                    "years until the railway came, and the tolls were cut in 1846\n"
                    "to keep the coal on the water for a decade longer.1\n"
                    "1The Act of incorporation was passed in the spring of 1790, after two years\n"
                    "spent raising the money from the coal owners of the valley and\n"
                    "Silences\n"
                    "Some subjects were hard to raise. The railway bought the canal\n"
                    "in 1852 and ran it down, and the last boat passed the top lock\n")


def test_a_note_cut_at_the_page_end_does_not_run_into_the_next_sections_heading(tmp_path):
    # pypdf writes no page ends: a note cut at its page's foot (`…of the valley and`) is followed
    # by the next page's heading and text, its rest further down. The heading is an entry of the
    # printed contents: never a note's text, so the note stops above it and the section keeps its
    # heading and its text.
    text = (_CUT_NOTE_PAGES +
            "in the winter of 1931, when the cut was filled in by the county.\n"
            "the merchants of the town, who held most of the shares.\n"
            "2\n")
    state = normalise(tmp_path, text)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of 1790, after two years spent "
        "raising the money from the coal owners of the valley and"]
    assert "\n# Silences\n\nSome subjects were hard to raise." in body(state)


def test_a_bibliographys_entry_going_on_with_its_count_is_no_note_defined_again_below(tmp_path):
    # pdfminer boxes a page's foot out of order: the bibliography's `1.`–`4.` above the notes,
    # note 5 before note 4. `4. Brennan…` goes on with the list's count, and the foot defines 4
    # again (`4 Staff…`): a note is defined once, so the entry is the list's, never note 4. No
    # foot is then found (the notes' order is lost): the calls stay text, nothing is invented.
    page = ("Library Review\n\n"
            "Staff at several branches told us that this work takes a growing share\n"
            "of their time and that they have had no training for it.4 The service\n"
            "should agree with the job centre that it helps at Kelsby.5\n\n"
            "Bibliography\n\n"
            "1. County Library Service (2023). Annual Plan and Report.\n\n"
            "2. Hart, L. and Osei, K. (2020). Who uses public libraries now?\n\n"
            "3. Department for Culture (2021). Measuring the Public Library.\n\n"
            "4. Brennan, P. (2017). Hours or branches? Evidence from rural library\n"
            "services. Journal of Librarianship, 49(3), pages 291–300.\n\n"
            "5 The Kelsby arrangement began as a pilot in 2022.\n\n"
            "4 Staff at seven of the eleven branches raised this unprompted.\n\n"
            "3\n\n")
    state = normalise(tmp_path, "\f".join([FILLER.format(year=1852, folio=2), page]))
    assert not any("Brennan" in n.text for n in state.notes.values())
    assert "4.  Brennan, P. (2017)" in body(state)


def test_the_next_columns_text_below_a_columns_notes_is_no_note(tmp_path):
    # pypdf reads a two-column page column by column, with no page ends: the left column's notes,
    # then at once the right column's text (`Motor buses… 1921. 3 Within five…`). A new sentence
    # below a finished note that calls the note after the foot's last is that text, not the
    # note's: it keeps its calls, which find the next foot's notes.
    text = ("Quarry Review\n"
            "The slate trade peaked in the 1890s and declined\n"
            "steadily after 1903.1 Cheaper tiles, foreign slate and a\n"
            "long strike at the largest quarry in 1900–1903 took away\n"
            "customers who never returned. The railways, built al-\n"
            "most entirely for slate, had little else to carry.2\n"
            " \n"
            "1 Output of the valley's quarries fell by half between\n"
            "1898 and 1913.\n"
            "2 Slate made up 91 per cent of goods tonnage in 1900.\n"
            "Motor buses reached the valleys in 1921. 3 Within five\n"
            "years they had taken most of the Light Railway's pas-\n"
            "sengers, and in 1927 the company ended its mail con-\n"
            "tract.4 The Afon Lwyd Tramway closed in 1925 when\n"
            "the Penrhos quarry shut, and the last train ran on the\n"
            "thirtieth of September in the year of 1934.\n"
            "What Remains\n"
            "Much of the trackbed survives as footpaths, and the sta-\n"
            "tion building at Llanfair Junction is now a house.\n"
            " \n"
            "3 The first service ran from Llanfair to the coast.\n"
            "4 The contract passed to a motor carrier.\n")
    state = normalise(tmp_path, text)
    assert [n.text for n in state.notes.values()] == [
        "Output of the valley’s quarries fell by half between 1898 and 1913.",
        "Slate made up 91 per cent of goods tonnage in 1900.",
        "The first service ran from Llanfair to the coast.",
        "The contract passed to a motor carrier."]
    assert "Motor buses reached the valleys in 1921.[^3]" in body(state)


def test_a_note_wrapped_after_a_citations_locator_goes_on_with_its_figures(tmp_path):
    # A citation wraps after its locator (`pp.`, `vol.`, `no.`): the figures opening the next
    # line start no sentence, so they stay the note's, wrapped in one block (pypdf, pdftotext)
    # or boxed apart (pdfminer); a line of text below a note is still the page's.
    for gap in ("", "\n"):
        page = ("Canal Review\n\n"
                "The canal company was formed in 1790 and its first boats ran in the\n"
                "summer of 1794.1 The company paid a dividend every year until the\n"
                "railway came, and the tolls were cut in 1846 to keep the coal traffic.2\n\n"
                f"1 K. Lindqvist, Canals of the North (Leeds, 1994), pp.\n{gap}"
                "112–140.\n"
                "2 Minutes of the company, vol.\n{gap}"
                "3, for the year 1846.\n\n"
                "3\n\n").replace("{gap}", gap)
        state = _between_fillers(tmp_path, page)
        assert [n.text for n in state.notes.values()] == [
            "K. Lindqvist, Canals of the North (Leeds, 1994), pp. 112–140.",
            "Minutes of the company, vol. 3, for the year 1846."], gap
        assert "\n112–140" not in body(state) and "\n3, for" not in body(state)


def test_a_line_calling_the_next_note_below_a_cut_note_is_the_text_that_calls_it(tmp_path):
    # Two columns, each with its notes at its foot (groff ms), read column by column: the left
    # column's text and its last note both stop mid-sentence, and the right column opens going
    # on with the text (`traffic.4`), calling the note that comes next. A note's tail calls no
    # note: the line is the sentence's end, not note 3's.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend2 every year until the\n\n"
            "railway came,3 and the tolls were cut in 1846 to keep the coal\n"
            "1 The Act of incorporation was passed in the spring of that year.\n\n"
            "2 The company's minutes record the opening of the canal in 1794.\n"
            "3 The railway's accounts show the coal traffic it took from the canal in\n\n"
            "traffic.4\n\n"
            "The canal was sold to the railway in 1852,5 and the new owners let it\n"
            "silt up within a decade of the sale, as the town had feared.\n\n"
            "the years after 1846.\n"
            "4 Minutes of the company, 1846.\n"
            "5 Deed of sale, 1852.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert "to keep the coal traffic.[^4]" in text, text
    assert [n.text for n in state.notes.values()][3:] == ["Minutes of the company, 1846.", "Deed of sale, 1852."]


def test_a_foot_goes_on_below_a_piece_of_a_note_boxed_apart(tmp_path):
    # A page whose two columns' notes were written one column after the other (merged_columns):
    # a note's second sentence written apart below it (`Both sat at Leeds.`), then the next
    # notes, each called in the text above. The foot does not end at that piece: every note of
    # the page is found, and every call marked (not the first note's only).
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846.2 The coal traffic went\n"
            "to the railway in 1850,3 and the wool traffic in 1852.4\n\n"
            "1 The Act of incorporation was passed in the spring.\n"
            "2 The tolls are in the minute books of the company.\n\n"
            "Both sat at Leeds.\n\n"
            "3 The railway's accounts show the coal it carried.\n"
            "4 The wool merchants moved their trade the same year.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert len(state.notes) == 4, text
    assert "in 1850,[^3]" in text and "1852.[^4]" in text
    assert "Both sat at Leeds." in text


def test_a_foot_ends_above_a_piece_when_the_next_number_is_not_called(tmp_path):
    # The same shape, but the text above calls the first two notes only: `3 …` below the piece
    # is not the foot's (a count, a list), and the foot of two notes stands.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846.2 The coal traffic went\n"
            "to the railway in 1850, and the wool traffic in 1852.\n\n"
            "1 The Act of incorporation was passed in the spring.\n"
            "2 The tolls are in the minute books of the company.\n\n"
            "Both sat at Leeds.\n\n"
            "3 boats were sold in 1853 and the rest in 1860.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert len(state.notes) == 2, text
    assert "1794.[^1]" in text and "1846.[^2]" in text
    assert "3 boats were sold" in text


def test_a_note_cut_at_a_page_end_takes_no_paragraph_from_amid_the_next_page(tmp_path):
    # A note left unfinished at the foot of a page (its rest was written elsewhere, or lost).
    # The next page has no notes of its own; amid it stand a paragraph in lower case that stops
    # at a colon (a column's text going on, a two-column page read by height) and list items
    # after a lead-in or an item ending in `;`. None is the note's rest: the note stays as it
    # is, and every paragraph stays text of the page.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1 The company's clerk names two of its agents, at Leeds\n\n"
            "2\n\n")
    following = ("Canal Review\n\n"
                 "Would the company sell the canal to the railway?\n\n"
                 "the shareholders were asked. Most of them answered in writing, and one of\n"
                 "them, a miller at Skipton, told us:\n\n"
                 "We recommend that the company:\n\n"
                 "sells the canal to the railway;\n\n"
                 "keeps the wharves at Leeds for its own boats.\n\n"
                 "The shareholders agreed to both at their meeting in the spring.\n\n"
                 "3\n\n")
    state = normalise(tmp_path, "\f".join([FILLER.format(year=1852, folio=1), page, following]))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The company’s clerk names two of its agents, at Leeds"], text
    assert "the shareholders were asked." in text and "keeps the wharves at Leeds" in text


@pytest.mark.parametrize("tail", ["", "the merchants of the town, who held most of the shares, and of the\n"
                                     "bank in the market square, whose ledgers for the years before\n"
                                     "1790 are lost.\n\n",
                                     "1791; the merchants of the town, who held most of the shares,\n"
                                     "and the bank in the market square, whose ledgers are lost.\n\n"])
@pytest.mark.parametrize("folio", ["", "2\n"])
def test_the_next_columns_foot_is_called_from_below_the_heading_that_ends_a_cut_note(tmp_path, tail, folio):
    # A page of two columns, a foot under each (typst), read one column after the other with no
    # block break between them (pypdf): the first column's note is cut (`…of the valley and`),
    # the second column opens with a section's heading (an entry of the printed contents: the note stops
    # above it) and calls its own foot's note (`…county.2`). The next foot's calls are looked
    # for from the heading down (the text resumes there), so note 2 is found and called; the
    # rest of note 1, atop the second column's foot, goes on with note 1 (a block in lower case
    # or opening with a year, right above the next foot, below a finished sentence).
    state = _two_columns_two_feet(tmp_path, tail, folio)
    notes = [n.text for n in state.notes.values()]
    first = ("The Act of incorporation was passed in the spring of 1790, after two years spent "
             "raising the money from the coal owners of the valley and")
    if tail:  # the rest of note 1, atop the second column's foot, goes on with it
        first += " " + " ".join(tail.split())
    assert notes == [first, "The county’s minutes record the vote to fill in the cut in 1931."], notes
    assert "filled in by the county.[^2]" in body(state), body(state)
    assert "\n# Silences\n\nSome subjects were hard to raise." in body(state)


@pytest.mark.parametrize("last", ["The merchants of the town held most of the shares.\n\n",
                                  "20 of the ledgers survive in the record office.\n\n"])
def test_the_second_columns_last_paragraph_is_no_cut_notes_rest(tmp_path, last):
    # The negative: above the second column's foot, a paragraph opening with a capital, or with
    # a number that could be a note's, is the column's text: note 1 stays as it was cut.
    state = _two_columns_two_feet(tmp_path, last, "2\n")
    notes = [n.text for n in state.notes.values()]
    assert notes[0].endswith("coal owners of the valley and"), notes
    assert last.strip() in body(state), body(state)


def _two_columns_two_feet(tmp_path, tail: str, folio: str):
    text = (_CUT_NOTE_PAGES +
            "in the winter of 1931, when the cut was filled in by the county.2\n\n"
            "We did not press the point with the company's old clerks, who\n"
            "had lost their posts when the railway came, and who spoke\n"
            "of the company as of a family.\n\n"
            f"{tail}"
            "2The county's minutes record the vote to fill in the cut in 1931.\n\n"
            f"{folio}")
    return normalise(tmp_path, text)


@pytest.mark.parametrize("locator, rest", [
    ("Waterways, pp.", ["291–300, gives the company's accounts for its last six years, in which",
                        "tolls fell from a half to a quarter of its income."]),
    ("the minutes, vol.", ["3, where the clerk records the vote of the shareholders and the names of",
                            "those who spoke against the sale."])])
def test_a_notes_rest_written_in_one_block_with_the_next_notes_goes_on_with_its_note(tmp_path, locator, rest):
    # pdftotext cuts a groff note's printed line after a citation's locator (`…pp.`), a blank
    # line below it, and writes the note's rest and the foot's next notes as one block: the rest
    # ends above the next note's definition, and every note below it is still the foot's.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came,2 and the tolls were cut in 1846 to keep the coal traffic.3\n\n"
            "1 The Act of incorporation was passed in the spring of that year.\n"
            f"2 Lindqvist, {locator}\n\n"
            + "\n".join(rest) + "\n"
            "3 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of that year.",
        " ".join([f"Lindqvist, {locator}"] + rest).replace("'", "’"),
        "The railway’s accounts show the coal traffic it took from the canal."]
    assert "railway came,[^2]" in body(state) and "traffic.[^3]" in body(state)


def test_lines_below_a_finished_note_in_one_block_with_the_next_note_stay_the_pages(tmp_path):
    # The same block, but the note above ended its sentence with room to spare and the lines
    # below it are more than a note's rest (three lines): they are not taken for the note.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came,2 and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1 Lindqvist, Waterways, pp.\n\n"
            "291–300 were lost in the fire at the company's office, with the maps\n"
            "that the surveyors drew in the first years of the canal, and the\n"
            "ledgers of the tolls.\n"
            "2 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert not any("ledgers of the tolls" in n.text for n in state.notes.values())
    assert "ledgers of the tolls" in body(state)



@pytest.mark.parametrize("apart", [False, True])
def test_a_notes_number_written_alone_above_its_text_defines_the_note(tmp_path, apart):
    # pypdfium2 writes the number of a groff page's first note alone on its line, its text on
    # the next (`1` / `The Act of…`), in one block with the notes below or, the number taken
    # for a line of its own, as a block apart. Called in the text above, it defines the note.
    gap = "\n\n" if apart else "\n"
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came,2 and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "Tolls\n\n"
            f"1{gap}"
            "The Act of incorporation was passed in the spring of that year.\n"
            "2 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of that year.",
        "The railway’s accounts show the coal traffic it took from the canal."]
    assert "1794.[^1]" in body(state) and "railway came,[^2]" in body(state)


def test_a_number_alone_above_a_line_that_no_text_calls_stays_as_it_was(tmp_path):
    # Negative: nothing above calls 1 (`1794. The`: no digit glued to a word): the number alone
    # is no note's, and the line below it stays text of the page.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794. The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1\n"
            "The Act of incorporation was passed in the spring of that year.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert not state.notes
    assert "The Act of incorporation was passed" in body(state)



@pytest.mark.parametrize("time", ["1:01", "10:05", "2:1"])
def test_a_times_minutes_are_no_call_of_a_number_alone_at_the_foot(tmp_path, time):
    # Negative: a time or a ratio (`at 1:01 p.m.`) is no call, and a digit run opening with a
    # nought is no note's number: the page's folio alone above the reporter's name at its foot
    # (`1` / `Alderson Reporting Company`, a court transcript through pypdf) stays as it was.
    page = ("Canal Review\n\n"
            "The canal company met in the hall of the town and the meeting began at\n"
            f"exactly {time}. The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1\n"
            "Alderson Reporting Company\n\n")
    state = _between_fillers(tmp_path, page)
    assert not state.notes
    assert f"exactly {time}." in body(state) and "Alderson Reporting Company" in body(state)


def test_a_notes_tail_opening_with_a_volumes_number_goes_on_with_the_note(tmp_path):
    # pdftotext -layout breaks a note's line amid its sentence (`…Archeion`), a blank line below,
    # and writes the rest apart, opening with a number (`112 (2011), pp. 291–300…`: a volume) that
    # defines no next note: the note's tail. The next note's number below it still opens a note.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came,2 and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1 On the company's records see A. Nowak, \"The canal archives after 1852,\" Archeion\n\n"
            "112 (2011), pp. 291–300.\n"
            "2 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        "On the company’s records see A. Nowak, “The canal archives after 1852,” Archeion 112 (2011), "
        "pp. 291–300.",
        "The railway’s accounts show the coal traffic it took from the canal."]
    assert "\n112 (2011)" not in body(state)


def _initial_page(rest: str) -> str:
    return ("Canal Review\n\n"
            "The canal company was formed in 1790 and its first boats ran in the\n"
            "summer of 1794.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.2\n\n"
            "1 J.\n\n" + rest +
            "2 The railway's accounts show the coal traffic it took from the canal.\n\n"
            "3\n\n")


def test_a_note_cut_at_a_names_initial_goes_on_in_the_block_below():
    # An extractor reading a two-column foot boxes a note's initial apart from the surname that
    # follows it (`1 J.` / `Macrae, Forty Years…`), and the foot's reading left the surname's
    # block out of the note (the footnotes pass as page_notes hands it the page): a note never
    # ends at an initial, and the block right below, opening with a surname, is its rest.
    from pressroom.normalise.footnotes import footnotes
    from pressroom.normalise.model import CALL_CLOSE, CALL_OPEN, Block, State

    state = State(path="notes.txt", text="")
    state.blocks = [
        Block([f"The masons worked at low water.{CALL_OPEN}1{CALL_CLOSE} The tower was lit in "
               f"1851.{CALL_OPEN}2{CALL_CLOSE}"], 1, 1),
        Block(["1 J."], 2, 2, plain_note=1),
        Block(["Macrae, Forty Years on the Rocks (Inverness, 1962)."], 3, 3),
        Block(["2 Ibid., pp. 23–24."], 4, 4, plain_note=2),
    ]
    state = footnotes(state)
    assert [n.text for n in state.notes.values()] == [
        "J. Macrae, Forty Years on the Rocks (Inverness, 1962).", "Ibid., pp. 23–24."]


def test_a_note_cut_at_an_initial_whose_rest_is_not_found_is_no_note(tmp_path):
    # Its rest is nowhere below it: a note `J.` would be a note invented (the text of none). The
    # definition and its call stay text as printed, with a diagnostic; the other note is made.
    state = _between_fillers(tmp_path, _initial_page(""))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The railway’s accounts show the coal traffic it took from the canal."]
    assert "1794.1 The company" in text or "1794.1\nThe company" in text
    assert "1 J." in text
    assert "footnote-unfinished" in [d.code for d in state.diagnostics.items]


def _list_above_foot(tmp_path, note: str, item: str = "1. close"):
    """A page whose nested list's first item stands right above the page's note (a block of its
    own, as groff's pdftotext output gives it), the list going on at the top of the next page."""
    page = ("Canal Review\n\n"
            "Most of the locks were rebuilt in the years after the sale, when the\n"
            "railway still hoped to sell the traffic back to the carriers.1\n"
            "We recommend a simple weekly check:\n"
            "• open each paddle in turn and watch the level in the chamber;\n"
            "• listen for the hum of a paddle rod that has worked loose;\n"
            f"{item} the top gates and open the bottom paddles;\n\n"
            f"{note}\n\n"
            "3\n\n")
    following = ("2. open the bottom gates when the levels are equal;\n"
                 "3. record the check in the lock log, with the date.\n"
                 "The check takes five minutes and finds most faults.\n\n4\n\n")
    return normalise(tmp_path, "\f".join([FILLER.format(year=1852, folio=2), page, following]))


def test_a_lists_first_item_just_above_the_note_of_its_number_stays_an_item(tmp_path):
    # groff sets a nested list's first item (`1. close the top gates…;`) right above the page's
    # note 1 (`1 Company minutes…`, no stop after its number). A note is defined once: the lower
    # one, at the foot, is the note; the item stays the list's.
    state = _list_above_foot(tmp_path, "1 Company minutes for 1853, the year of the sale.")
    text = body(state)
    assert [n.text for n in state.notes.values()] == ["Company minutes for 1853, the year of the sale."]
    assert "carriers.[^1]" in text
    assert "close the top gates and open the bottom paddles;" in text
    assert "[^1]: close" not in text


def test_a_list_item_above_a_line_numbered_in_its_own_shape_is_left_to_the_foot_rules(tmp_path):
    # The same number in the same shape below (`1. Company minutes…`): nothing tells the item
    # from the note by their shapes, and the rule stays out of it; nothing is lost either way.
    state = _list_above_foot(tmp_path, "1. Company minutes for 1853, the year of the sale.")
    text = body(state)
    assert "Company minutes for 1853" in text and "the top gates" in text


def test_a_foot_called_on_its_page_keeps_its_call_though_the_text_runs_on_to_the_next(tmp_path):
    # The page's text stops inside a sentence (it goes on over the page), and the next page's
    # first line has a glued `1` of its own (`buildings).1`, that page's note 1). The foot's note
    # 1 is called on its own page (`replaced.1`, glued, above the foot): that is its call, not
    # the next page's (the troff shape of a call carried to the next page is for notes the
    # page's text does not call).
    first = FILLER.format(year=1852, folio=2)
    page = ("Canal Review\n\n"
            "Loops in leisure centres did worst; most were counter loops in reception areas with high\n"
            "background noise, and several had been disconnected when the reception desk was replaced.1\n\n"
            "What Did Users Tell Us?\n"
            "We spoke to 87 hearing-aid users, recruited through two local clubs and the audiology clinic\n\n"
            "1In three centres the loop amplifier was still in place, connected to nothing.\n\n"
            "3\n\n")
    following = ("(most of them over 65, and all of them regular users of public buildings).1 Their views were\n"
                 "consistent. Almost all said that a working loop made a real difference to them.\n\n"
                 "1The sample is not random, and its views may not be those of all users.\n\n"
                 "4\n\n")
    state = normalise(tmp_path, "\f".join([first, page, following]))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "In three centres the loop amplifier was still in place, connected to nothing.",
        "The sample is not random, and its views may not be those of all users."]
    assert "desk was replaced.[^1]" in text and "public buildings).[^2]" in text


def test_a_notes_line_opening_with_the_number_its_abbreviation_introduces_stays_the_notes(tmp_path):
    # pdftotext on groff breaks a note after `no.` and puts blank lines inside it: `13 Gow
    # letters, no.` / `17. The letters are held … /gow-` / `letters.`. The `17.` goes on with the
    # abbreviation (no note 17 follows 13): the note's line, and the foot goes on with note 14.
    page = ("Canal Review\n\n"
            "The family letters tell us the hand had been crushed in the crane.1 The great storms are\n"
            "recorded in the logbooks at length, and they are the passages most often quoted.2 The\n"
            "storm of January 1884 broke the lantern glazing and put the light out for three hours.3\n"
            "1 Gow letters, no.\n\n"
            "17. The letters are held privately; a transcript is available at https://example.org/gow-\n\n"
            "letters.\n"
            "2 For example, D. Finlay, The Western Lights (Glasgow, 1931), pp. 88–104.\n"
            "3 LH/4/21, entries for 26–27 January 1884.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    notes = [n.text for n in state.notes.values()]
    assert len(notes) == 3
    assert notes[0].startswith("Gow letters, no. 17. The letters are held privately")
    assert notes[2] == "LH/4/21, entries for 26–27 January 1884."


def _decimal_page(text: str) -> str:
    return ("Canal Review\n\n" + text +
            "1 Commissioners' minutes, 1847.\n"
            "2 Logbook, entry for 1 November 1851.\n\n"
            "3\n\n")


def test_a_call_glued_after_a_number_ending_a_sentence_is_read_on_its_page(tmp_path):
    # `in the second 58.1 The tower`: note 1's call read as a decimal; note 2's call follows it,
    # a sentence opens after it, and the page's foot defines note 1: the call (decimal_calls).
    state = _between_fillers(tmp_path, _decimal_page(
        "Building took four summers; in the first season the masons managed 31 working days, in\n"
        "the second 58.1 The tower was lit for the first time on 1 November 1851.2 The keepers\n"
        "kept the logbook from that night on.\n\n"))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "Commissioners’ minutes, 1847.", "Logbook, entry for 1 November 1851."]
    assert "the second 58.[^1]" in text and "1851.[^2]" in text


def test_a_sections_number_opening_its_paragraph_is_no_call(tmp_path):
    # `4.1 Samples were taken` opens its paragraph: a section's number, never a call, although
    # note 1's call is missing on the page and a capital follows. Nothing is read as a call; the
    # page's notes, their evidence short, stay text.
    state = _between_fillers(tmp_path, _decimal_page(
        "The keepers kept the logbook from that night on, as the rules required.\n\n"
        "4.1 Samples were taken in September by officers of the service, following the\n"
        "standard procedure for the site and the plots around it.2\n\n"))
    text = body(state)
    assert "4.1 Samples were taken" in text and "4.[^" not in text


# A call glued after a year range whose second year is written short (`2025/26.1`, a fiscal
# year ending its sentence): the range is a whole number, as a year is, so the digits after its
# point are no part of it but the call.
@pytest.mark.parametrize("year_range", ["2025/26", "2017–24", "1999/00"])
def test_a_call_after_a_short_year_range_ending_a_sentence_is_a_call(tmp_path, year_range):
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its accounts were audited in\n"
            f"{year_range}.1 The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1The audit of that year was the first the company published.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == ["The audit of that year was the first the company published."]
    assert f"{year_range}.[^1] The company" in " ".join(body(state).split())


@pytest.mark.parametrize("number", ["3.1", "25/26.1", "1920/45.1", "2025/26.01"])
def test_a_decimal_or_a_ratio_before_a_point_is_no_year_range_and_takes_no_call(tmp_path, number):
    # `3.1` is a decimal, `25/26.1` has no four-digit first year, `1920/45` spans more than a
    # range's years, `.01` opens with a nought: the digits stay the number's, the note unlinked.
    page = ("Canal Review\n\n"
            "The canal company was formed in 1790 and its accounts show a ratio of\n"
            f"{number} The company paid a dividend every year until the\n"
            "railway came, and the tolls were cut in 1846 to keep the coal traffic.\n\n"
            "1The audit of that year was the first the company published.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert state.notes == {}
    assert f"{number} The company" in " ".join(body(state).split())
