"""Lines that open with a number like a note's definition but are the page's text (page_notes):
a wrapped line of a sentence at a page's foot whose number skips far ahead of the document's
notes, and a list's item whose number goes on with the list's count below an item ending with a
call. Each family has its counterpart: the real notes of the same shapes stay notes."""

from __future__ import annotations

import pytest

from exports import body, normalise

FILLER = ("Cemetery Review\n\nThe cemetery was opened by the burial board in {year} and extended "
          "later.\n\n{folio}\n\n")
PROSE = ("The committee met in the spring to review the state of the cemetery and\n"
         "its many graves. Members asked for a full account of the space left so\n"
         "far, and for a plan of what remains to be done over the coming years.\n")


def _between_fillers(tmp_path, page: str):
    """`page` normalised as the middle page of three, between two pages of plain text."""
    pages = [FILLER.format(year=1852, folio=2), page, FILLER.format(year=1853, folio=4)]
    return normalise(tmp_path, "\f".join(pages))


# A sentence wrapped before a quantity (`approx.` / `120 graves`, `within` / `30 days`), and the
# same quantity in the page's text above after a comma or an abbreviation and a space: the shape
# of a call pdftotext writes after a space, and of a definition at the page's foot. The
# document has no notes at all: the number would skip ahead of note 1 by a hundred.
WRAPPED_QUANTITIES = [
    ("the nursery ground behind the lodge (approx. 120 graves) could be used",
     "5. approve the preparation of the nursery ground as a reserve of approx.",
     "120 graves, at a cost of up to £48,000 from the cemetery reserve fund;"),
    ("Of the 31 cardholders who left in the year, 30 had their cards cancelled",
     "itemised receipt or invoice, uploaded to the expenses system within",
     "30 days of the statement date. The results of our test were as follows."),
    ("The board wrote to all of the families, 45 of whom replied by the date",
     "The replies were read by the clerk, who reported the views of",
     "45 households to the board at its meeting in the following spring."),
]


@pytest.mark.parametrize("above, wrapped, quantity", WRAPPED_QUANTITIES, ids=["approx", "within", "of"])
def test_a_wrapped_line_opening_with_a_quantity_at_a_pages_foot_is_no_note(tmp_path, above, wrapped, quantity):
    page = ("Cemetery Review\n\n"
            "The committee met to review the space left in the cemetery, and\n"
            f"{above}\n"
            "quickly if the purchase of the glebe field were delayed.\n"
            f"{wrapped}\n"
            f"{quantity}\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    text = body(state)
    assert state.notes == {}
    flat = " ".join(text.split())
    assert above in flat
    assert f"{wrapped.split()[-1]} {quantity}" in flat
    assert "note-doubted" in [d.code for d in state.diagnostics.items]


def test_a_note_skipping_ahead_called_by_a_glued_digit_at_the_foot_is_still_a_note(tmp_path):
    # The document's first note found is note 3 (notes 1 and 2 missed on earlier pages): its
    # call is glued to its word (`working.3`) and it stands at the page's very foot.
    page = ("Cemetery Review\n\n"
            "The committee met to review the space left in the cemetery, and found\n"
            "that the new system the card provider installed is working.3 It asked\n"
            "for a report on the space left in the old ground by the autumn.\n\n"
            "3 The blocked categories include gambling and cash withdrawals.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == [
        "The blocked categories include gambling and cash withdrawals."]


def test_a_wrapped_quantity_in_sequence_with_a_glued_call_stays_a_note(tmp_path):
    # The counterpart: the same page where the number opening the foot's line is note 1, called
    # by a digit glued to its word: a note, whatever the line above it.
    page = ("Cemetery Review\n\n"
            "The committee met to review the space left in the cemetery, and\n"
            "asked for the figures of the nursery ground behind the lodge.1 It\n"
            "would be used if the purchase of the glebe field were delayed.\n\n"
            "1 The figures are those of the survey made in the spring.\n\n"
            "3\n\n")
    state = _between_fillers(tmp_path, page)
    assert [n.text for n in state.notes.values()] == ["The figures are those of the survey made in the spring."]


# An endnotes document: a list's second item ends with a call (`paid;3`) and the list goes on
# with `3.` right below it, mid-page; the notes stand under `Notes` at the end. No page of the
# document has notes at its foot: item 3 would be a note skipping ahead of its sequence.
def _endnotes_document(item_delimiter: str) -> str:
    d = item_delimiter
    return ("Rural Pharmacies\n\n"
            "Community pharmacies dispense prescriptions and provide clinical\n"
            "services such as vaccinations and checks of blood pressure.1 For people\n"
            "in rural areas the pharmacy is often the nearest part of the service.\n\n"
            + PROSE +
            "Its income comes from three main sources:\n"
            f"1{d} fees and allowances for dispensing prescriptions, set\n"
            "nationally and paid per item;\n"
            f"2{d} reimbursement of the cost of the medicines dispensed, at a\n"
            "listed price that may be above or below what the pharmacy\n"
            "paid;3\n"
            f"3{d} retail sales and, increasingly, payments for clinical services\n"
            "commissioned locally.\n"
            "The first two account for about 80% of the income of a typical\n"
            "pharmacy in the region.2 The funding has been fixed since 2019.\n\n"
            "2\n\f"
            + PROSE + "\n3\n\f"
            "Notes\n\n"
            "1. The range of services commissioned differs between boards.\n"
            "2. Calculated from the published funding settlements.\n"
            "3. The difference between the listed price and the price paid.\n\n"
            "4\n")


@pytest.mark.parametrize("delimiter", [".", ")"])
def test_a_lists_next_item_below_an_item_ending_with_a_call_is_no_note_of_an_endnotes_document(
        tmp_path, delimiter):
    state = normalise(tmp_path, _endnotes_document(delimiter))
    text = body(state)
    assert not any(n.text.startswith("retail sales") for n in state.notes.values())
    assert "retail sales and, increasingly, payments for clinical services commissioned locally." in text
    assert "note-doubted" in [d.code for d in state.diagnostics.items]


def test_notes_going_on_with_a_lists_count_in_the_documents_sequence_stay_notes(tmp_path):
    # The counterpart: notes 1 and 2 stood at the feet of the pages before; the page's list
    # counts `1.`, `2.`, and its foot, right below the list, defines note 3, the document's next
    # note, called in the text above (`rose.3`): a note.
    first = ("Cemetery Review\n\n"
             "The cemetery was opened by the burial board in 1852.1\n\n"
             "1 The board's minutes record the opening.\n\n2\n\n")
    second = ("Cemetery Review\n\n"
              "The ground was extended in 1890.2\n\n"
              "2 The conveyance is held by the council.\n\n3\n\n")
    page = ("Cemetery Review\n\n"
            "The committee found that demand rose.3 The findings were these:\n"
            "1. take-up rose;\n"
            "2. costs rose.\n"
            "3. The figures are those of the register kept at the lodge.\n\n"
            "4\n\n")
    last = "Cemetery Review\n\nThe committee's report was adopted in 1990.\n\n5\n\n"
    state = normalise(tmp_path, "\f".join([first, second, page, last]))
    assert [n.text for n in state.notes.values()] == [
        "The board’s minutes record the opening.", "The conveyance is held by the council.",
        "The figures are those of the register kept at the lodge."]


def test_a_lists_items_above_their_numbers_foot_written_amid_the_list_are_items(tmp_path):
    # pypdfium2 on groff: no page end shows, and the page's foot (`1 The range…`, `2 The
    # lists…`) is written in the middle of the list the page break cut (`1. fees…`, `2.
    # reimbursement…`, then the next page's `below what the pharmacy paid;`). The items' numbers
    # are defined again below them in the foot's shape: the items are the list's, the lower
    # lines the notes.
    text = (PROSE * 2 +
            "Community pharmacies dispense prescriptions and provide clinical\n"
            "services such as vaccinations and checks of blood pressure.1 The figures\n"
            "are from the lists published by the health board unless stated otherwise.2\n"
            "A pharmacy's income comes from three main sources:\n"
            "1. fees and allowances for dispensing prescriptions, set nationally and paid per item;\n"
            "2. reimbursement of the cost of the medicines dispensed, at a listed price that may be above or\n"
            "1 The range of services commissioned differs between health boards.\n"
            "2 The lists are published monthly and record each pharmacy's address.\n"
            "below what the pharmacy paid.\n"
            + PROSE * 2)
    state = normalise(tmp_path, text)
    text_out = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The range of services commissioned differs between health boards.",
        "The lists are published monthly and record each pharmacy’s address."]
    assert "fees and allowances for dispensing prescriptions" in text_out


# A list's first item (`1. Replace the vessel…`, its call's number, called above: `them.1`) and
# the list's next items at the next page's top (`2. Reduce…`): corpus ferry-consultation-response.
ITEM_ONE = ("1. Replace the vessel with a smaller, electric ferry. The present vessel was\n"
            "built in 1987 for a route with twice the present traffic and is expensive to\n"
            "run. A vessel of the kind now in service on two routes would cost about\n")
ITEM_ONE_END = "four million pounds, and the fund for ferry replacement would meet most of it.\n"
NEXT_ITEMS = ("2. Reduce the timetable in winter. The first and last crossings of the day\n"
              "carry few passengers, and we accept that they could be dropped.\n"
              "3. Raise the fare for vehicles, but not for foot passengers.\n\n")
INTRO = ("Question 5: Are there other options?\n"
         "The Council has not asked the people who use the ferry, and we ask it to\n"
         "consult them.1 Our members suggested many options, and we have grouped them\n"
         "under three headings, in what we think is the order of their merit:\n")


def test_a_lists_first_item_cut_at_a_pages_end_is_no_note_when_the_list_goes_on_overleaf(tmp_path):
    # The endnotes design: no note on the page; the item runs on to the next page, whose top
    # goes on with the item's sentence and then the list's count (`2.`).
    text = ("Ferry Users\n\n" + PROSE + INTRO + ITEM_ONE + "\n5\n\f"
            "Ferry Users\n\n" + ITEM_ONE_END + NEXT_ITEMS + PROSE + "\n6\n\f"
            "Notes\n\n1. We recognise that the Council may have made an assessment.\n\n7\n")
    state = normalise(tmp_path, text)
    assert [n.text for n in state.notes.values()] == ["We recognise that the Council may have made an assessment."]
    assert "Replace the vessel with a smaller, electric ferry." in body(state)


def test_a_lists_first_item_above_the_pages_note_of_its_number_is_no_note(tmp_path):
    # The page's foot defines note 1 in the list's own shape (`1. We recognise…`); the item
    # `1.` stands above it, whole, and the list goes on at the next page's top.
    text = ("Ferry Users\n\n" + PROSE + INTRO + ITEM_ONE + ITEM_ONE_END + "\n"
            "1. We recognise that the Council may have made an assessment that was not\n"
            "published with the paper. If so, we ask that it be published.\n\n5\n\f"
            "Ferry Users\n\n" + NEXT_ITEMS + PROSE + "\n6\n\f"
            "Ferry Users\n\n" + PROSE + "\n7\n")
    state = normalise(tmp_path, text)
    assert [n.text for n in state.notes.values()] == [
        "We recognise that the Council may have made an assessment that was not published with the "
        "paper. If so, we ask that it be published."]
    assert "Replace the vessel with a smaller, electric ferry." in body(state)


def test_a_whole_note_at_a_pages_end_stays_a_note_whatever_list_opens_the_next_page(tmp_path):
    # The counterpart: the page ends with note 1, whole (its sentence ended), and the next page
    # opens with a list counting on from it (`2.`): the note stays a note.
    text = ("Ferry Users\n\n" + PROSE + INTRO.replace(":\n", ".\n") + PROSE + "\n"
            "1. We recognise that the Council may have made an assessment.\n\n5\n\f"
            "Ferry Users\n\n" + NEXT_ITEMS + PROSE + "\n6\n\f"
            "Ferry Users\n\n" + PROSE + "\n7\n")
    state = normalise(tmp_path, text)
    assert [n.text for n in state.notes.values()] == ["We recognise that the Council may have made an assessment."]


def test_a_foot_going_on_from_list_shaped_notes_whose_calls_were_unread_stays_notes(tmp_path):
    # The counterpart of the list's next item: notes 1 and 2 found on the page before; this
    # page's foot counts `3.` to `6.` in a list's shape, notes 3 and 4 called where no call can
    # be read (a table's cell), 5 and 6 called in the text. The foot's last notes go on with the
    # count of the lines above them, but that count opens with the document's next note, below
    # no introduction: the foot's notes, not a list.
    first = ("Tree Standard\n\n"
             "Schemes adopted under the Act must meet this standard.1 Trees are supplied\n"
             "as root-balled stock.2\n\n"
             "1. Schemes adopted before 2020 are exempt.\n"
             "2. British Standards Institution, BS 8545.\n\n2\n\n")
    page = ("Tree Standard\n\n"
            "Every pit shall be drained. A pit that holds water for more than two days\n"
            "shall be taken to have failed.5 Root barriers shall be installed wherever\n"
            "the rooting volume lies within 1.5 m of a foundation.6 The designer shall\n"
            "obtain the records of all buried services before the layout is fixed.\n\n"
            "3. Root surveys of limes found most fine roots in the top metre.\n"
            "4. Thirty cubic metres is recommended where space allows.\n"
            "5. The test is described in the Highway Design Guide.\n"
            "6. See also the section on services.\n\n3\n\n")
    last = "Tree Standard\n\nThe standard was adopted by the Council in 2024.\n\n4\n\n"
    state = normalise(tmp_path, "\f".join([first, page, last]))
    texts = [n.text for n in state.notes.values()]
    assert "The test is described in the Highway Design Guide." in texts
    assert "See also the section on services." in texts
