"""A note's lines that poppler's pdftotext (no -layout) writes apart from the note on a page set
by groff: the rest of a note's first line cut at a sentence's wide space, and its next lines,
written as blocks of their own below the page's last note, between two notes, after the footer
(`Page 2 of 4`), even before the line they follow (stranded_notes, page_notes). Each case a small
export of four pages written here, in the shape pdftotext prints, not a corpus copy."""

from __future__ import annotations

from exports import body, normalise

TITLE = "Canal Review\nThe Ashby Canal, 1790-1860\n\nCanal History Society\n\n2024-05-01\n\n"
# The pages' text, wrapped at about 100 characters as groff sets a report's page; each page calls
# its notes, and its last line ends a sentence with room to spare (the next page opens anew).
PARAGRAPHS = [
    ("The canal company was formed in 1790 by the coal owners of the valley and the merchants of the\n"
     "town, who had long complained of the cost of carting coal over the hills to the wharves at Ashby.\n"
     "Its first boats ran in the summer of 1794, and the tolls paid a dividend every year until the\n"
     "railway came to the valley in 1846.{a} The company kept its accounts with great care, and most of\n"
     "its ledgers survive in the county record office, where they were deposited in 1931.{b}\n"
     "The accounts show a steady trade until the middle of the century.\n"),
    ("The railway took the coal traffic within five years of its opening, and the canal company cut its\n"
     "tolls twice in a vain attempt to keep it. By 1852 the company could no longer pay its engineer,\n"
     "and the shareholders agreed to sell the canal to the railway for a sum that covered its debts.{a}\n"
     "The new owners let the upper pound silt up within a decade, as the town had feared they would,\n"
     "and the last commercial boat reached Ashby wharf in the winter of 1861.{b}\n"
     "Only the lower reach was kept in water after that.\n"),
    ("The lower reach was kept in water to feed the mills at Hollins, which had bought the right to\n"
     "draw from it when the canal was built. The mill owners paid the railway a small rent for the\n"
     "water until 1904, when the last mill closed and the rent lapsed without anyone noticing it.{a}\n"
     "The towpath remained a public right of way, and it is now the best walk in the valley from\n"
     "the town to the old wharf and the lock cottages below it, which were restored in 1988.{b}\n"
     "A society was formed in that year to care for what remains of the canal.\n"),
    ("The society has restored two of the locks and cleared the towpath along its whole length. It\n"
     "hopes to water the upper pound again, but the cost is beyond its means for the present.\n"
     "The survey of the canal that the society commissioned in 2019 sets out what would be needed\n"
     "and puts the cost of the whole scheme at about four million pounds at present prices.\n"),
]
# The notes of pages 1-3, as whole sentences: note n of the document, its first sentence and the
# second (which pdftotext may write apart).
NOTES = {
    1: ("The Act of incorporation was passed in the spring of that year.",
        "Its text is printed in the society's first volume."),
    2: ("The ledgers run from 1790 to 1852 without a gap.", "They fill forty-one volumes."),
    3: ("The deed of sale is dated 12 March 1852.", "A copy is held by the society."),
    4: ("The date is given in the wharfinger's book.", "No later boat is recorded there."),
    5: ("The rent was four pounds a year.", "It was paid at Lady Day."),
    6: ("The restoration was paid for by a national grant.", "The society raised a third of it."),
}


def _page(number: int, foot: str) -> str:
    """Page `number` (1-4): its text with its calls, `foot` below it and its footer."""
    calls = {"a": 2 * number - 1, "b": 2 * number} if number < 4 else {}
    text = PARAGRAPHS[number - 1].format(**calls)
    return f"{text}{foot}\nPage {number} of 4\n\n"


def _plain_foot(number: int) -> str:
    """Page `number`'s two notes, each whole on its line."""
    first, second = 2 * number - 1, 2 * number
    return "".join(f"{n} {NOTES[n][0]} {NOTES[n][1]}\n" for n in (first, second))


def _export(feet: dict[int, str], footer_at: dict[int, str] | None = None) -> str:
    """Four pages; the feet of pages 1-3 are `feet[n]` or whole notes. `footer_at[n]`: page n
    written whole (its foot, the footer and what follows it), replacing `_page`'s."""
    pages = []
    for number in range(1, 5):
        if footer_at and number in footer_at:
            pages.append(PARAGRAPHS[number - 1].format(a=2 * number - 1, b=2 * number) + footer_at[number])
        else:
            pages.append(_page(number, feet.get(number, _plain_foot(number) if number < 4 else "")))
    return TITLE + "\f" + "\f".join(pages)


def _whole(n: int) -> str:
    return f"{NOTES[n][0]} {NOTES[n][1]}"


def _notes(state) -> list[str]:
    return [note.text.replace("\u2019", "'") for note in state.notes.values()]


def _body(state) -> str:
    """The text without the notes' definitions."""
    return "\n".join(line for line in body(state).replace("\u2019", "'").split("\n")
                     if not line.startswith("[^"))


def _codes(state) -> list[str]:
    return [d.code for d in state.diagnostics.items]


def test_a_notes_second_sentence_between_two_notes_is_the_first_notes(tmp_path):
    # `1 …year.`, a blank line, `Its text is printed…`, a blank line, `2 …`: the notes of a foot
    # are set together, so the line between them is the end of note 1, not the page's text.
    foot = (f"3 {NOTES[3][0]}\n\n{NOTES[3][1]}\n\n4 {_whole(4)}\n")
    state = normalise(tmp_path, _export({2: foot}))
    assert _notes(state) == [_whole(n) for n in range(1, 7)]
    assert NOTES[3][1] not in _body(state)


def test_a_notes_line_written_after_the_footer_before_its_own_earlier_line_is_put_back(tmp_path):
    # The river-basin shape: the note's second sentence cut in a word (`an-` / `nual`) and its two
    # lines written on either side of the footer, the later line first. The hyphen join makes a
    # word the document writes (`annual`): the lines go back in order, the footer is removed.
    page = (f"3 {NOTES[3][0]}\n4 {NOTES[4][0]}\n\n"
            "nual accounts of the railway for 1852.\n\n"
            "Page 2 of 4\n\n"
            "It is also entered in the an-\n\n")
    text = _export({}, footer_at={2: page}).replace(
        "The accounts show a steady trade", "The annual accounts show a steady trade")
    state = normalise(tmp_path, text)
    notes = _notes(state)
    assert notes[2] == NOTES[3][0]
    assert notes[3] == f"{NOTES[4][0]} It is also entered in the annual accounts of the railway for 1852."
    assert "Page 2 of 4" not in _body(state) and "nual accounts of" not in _body(state)


def test_pieces_below_the_last_note_go_to_the_notes_in_order(tmp_path):
    # Two notes cut at their sentences' space, their rests written below the last note in the
    # notes' order, one of them going on in lower case after the footer: the first rest is
    # note 3's, the second note 4's (the lower-case line can only go on from a line left open).
    page = (f"3 {NOTES[3][0]}\n4 {NOTES[4][0]}\n\n"
            f"{NOTES[3][1]}\n\n"
            "No later boat is recorded in the book after\n\n"
            "Page 2 of 4\n\n"
            "that winter.\n\n")
    state = normalise(tmp_path, _export({}, footer_at={2: page}))
    notes = _notes(state)
    assert notes[2:4] == [_whole(3), f"{NOTES[4][0]} No later boat is recorded in the book after that winter."]
    assert "that winter" not in _body(state) and "Page 2 of 4" not in _body(state)


def weak_foot_export() -> str:
    """An export whose page 2 has a whole sentence below its last note (and nothing else that
    shows a note's lines written apart): the `note-lines-apart` case."""
    return _export({2: f"3 {_whole(3)}\n4 {NOTES[4][0]}\n\n{NOTES[4][1]}\n"})


def test_a_whole_sentence_below_the_last_note_stays_text_where_nothing_else_shows_the_habit(tmp_path):
    # The heat-pumps shape alone: a sentence below the page's last note, before the footer. It
    # may be the note's second sentence, or text of the page: with no page of the document
    # showing its extractor writing a note's lines apart, it is kept, and reported.
    state = normalise(tmp_path, weak_foot_export())
    assert _notes(state)[3] == NOTES[4][0]
    assert NOTES[4][1] in _body(state)
    assert "note-lines-apart" in _codes(state)


def test_a_whole_sentence_below_the_last_note_is_the_notes_where_another_page_shows_the_habit(tmp_path):
    # The same page, in a document whose page 1 has a note's sentence written between two notes:
    # the extractor's habit, shown by the document itself, takes the weaker case too.
    first = f"1 {NOTES[1][0]}\n\n{NOTES[1][1]}\n\n2 {_whole(2)}\n"
    second = f"3 {_whole(3)}\n4 {NOTES[4][0]}\n\n{NOTES[4][1]}\n"
    state = normalise(tmp_path, _export({1: first, 2: second}))
    assert _notes(state) == [_whole(n) for n in range(1, 7)]
    assert "note-lines-apart" not in _codes(state)


def test_a_paragraph_going_on_below_the_notes_stays_the_pages_text(tmp_path):
    # The page's text stops inside a sentence above its notes and goes on below them (`…where
    # they were` / notes / `deposited in 1931.`), the next page opening anew: the line is the
    # text's end, not a note's (a note's piece would have left the text above whole).
    page1 = PARAGRAPHS[0].format(a=1, b=2).replace(
        "office, where they were deposited in 1931.2\nThe accounts show a steady trade until the middle "
        "of the century.\n", "office,2 where they were deposited\n")
    text = TITLE + "\f" + page1 + f"1 {_whole(1)}\n2 {_whole(2)}\n\nin 1931, and show a steady trade.\n\n" \
        "Page 1 of 4\n\n" + "\f" + "\f".join(_page(n, _plain_foot(n) if n < 4 else "") for n in range(2, 5))
    state = normalise(tmp_path, text)
    assert _notes(state)[:2] == [_whole(1), _whole(2)]
    assert "where they were deposited in 1931, and show a steady trade." in _body(state)


def test_a_long_paragraph_below_the_notes_stays_the_pages_text(tmp_path):
    # More lines below the page's last note than a note's rest runs to (MAX_STRANDED_LINES): the
    # page's text, kept where it stands.
    rest = ("The canal company then met again and agreed to sell.\n"
            "It asked the railway for a price that covered the debts,\n"
            "and the railway agreed to it within the month, after\n"
            "a meeting at which the shareholders voted by a large\n"
            "majority to accept the offer.\n")
    foot = f"3 {_whole(3)}\n4 {NOTES[4][0]}\n\n{rest}"
    state = normalise(tmp_path, _export({1: f"1 {NOTES[1][0]}\n\n{NOTES[1][1]}\n\n2 {_whole(2)}\n", 2: foot}))
    assert _notes(state)[3] == NOTES[4][0]
    assert "majority to accept the offer." in _body(state)


def test_a_head_printed_with_its_page_number_below_the_notes_is_no_notes_line(tmp_path):
    # A line below the last note that ends no sentence would go on in a note's rest, but one
    # printed with a page number (`Ashby Waterways Trust 12`: a head or footer an extractor writes
    # after the page's text, as pypdfium2 does) is the page's furniture, never a note's words.
    foot = f"3 {_whole(3)}\n4 {_whole(4)}\n\nAshby Waterways Trust 12\n"
    state = normalise(tmp_path, _export({2: foot}))
    assert _notes(state)[2:4] == [_whole(3), _whole(4)]


def test_a_lone_letter_below_the_notes_is_no_roman_page_number(tmp_path):
    # A formula's letter that pdftotext writes on a line of its own (`x`, `C`) after a page's last
    # note reads as a Roman folio; only a worded page number in figures (`Page 2 of 4`) amid the
    # foot is the footer (a LaTeX book from py-pdf's sample files lost `X`, `C`, `c`, `x` so).
    for letter in ("x", "C"):
        foot = f"3 {_whole(3)}\n4 {_whole(4)}\n\n{letter}\n"
        state = normalise(tmp_path, _export({2: foot}))
        removed = [entry["text"] for entry in state.audit.removed.get("page_numbers", [])]
        assert letter not in removed, removed
        assert "Page 2 of 4" in removed


def test_a_piece_below_the_last_note_is_its_own_where_the_text_above_ends_with_a_call(tmp_path):
    # The page's text ends its last sentence with a note's call (`…winter of 1861.4`): the
    # sentence has ended (the call is no word of it), so a piece below the last note that ends
    # no sentence, the next page opening anew, is the note's rest (river-basin: `agreed.6`, then
    # `The partner-` written apart from note 6), not the page's text going on.
    page2 = PARAGRAPHS[1].format(a=3, b=4).replace("Only the lower reach was kept in water after that.\n", "")
    foot = f"3 {_whole(3)}\n4 {NOTES[4][0]}\n\nNo later boat is recorded in the book after\n"
    text = TITLE + "\f" + "\f".join(
        [_page(1, _plain_foot(1)), f"{page2}{foot}\nPage 2 of 4\n\n", _page(3, _plain_foot(3)), _page(4, "")])
    state = normalise(tmp_path, text)
    assert _notes(state)[3] == f"{NOTES[4][0]} No later boat is recorded in the book after"
    assert "No later boat" not in _body(state)


def test_a_piece_below_the_last_note_stays_text_where_the_text_above_stops_amid_a_sentence(tmp_path):
    # Negative: the text above ends inside a sentence (`…in the winter of`), so the line below
    # the notes may be its end; the next page opening anew, nothing shows it is the note's.
    page2 = PARAGRAPHS[1].format(a=3, b=4).replace("Only the lower reach was kept in water after that.\n", "") \
        .replace("in the winter of 1861.4\n", "in the winter of4\n")
    foot = f"3 {_whole(3)}\n4 {NOTES[4][0]}\n\n1861 the last boat came, and the town\n"
    text = TITLE + "\f" + "\f".join(
        [_page(1, _plain_foot(1)), f"{page2}{foot}\nPage 2 of 4\n\n", _page(3, _plain_foot(3)), _page(4, "")])
    state = normalise(tmp_path, text)
    assert "1861 the last boat came, and the town" in _body(state)


def test_a_line_below_the_last_note_that_the_document_prints_elsewhere_is_no_notes_rest(tmp_path):
    # Negative: the same page, the line below the last note ending no sentence, but the document
    # prints it elsewhere too (`The Lower Reach`, the next chapter's heading: a head pypdf writes
    # after the page's text). It is that head or heading, not the note's words.
    page2 = PARAGRAPHS[1].format(a=3, b=4).replace("Only the lower reach was kept in water after that.\n", "")
    foot = f"3 {_whole(3)}\n4 {NOTES[4][0]}\n\nThe Lower Reach\n"
    text = TITLE + "\f" + "\f".join(
        [_page(1, _plain_foot(1)), f"{page2}{foot}\nPage 2 of 4\n\n", "The Lower Reach\n\n" + _page(3, _plain_foot(3)),
         _page(4, "")])
    state = normalise(tmp_path, text)
    assert _notes(state)[3] == NOTES[4][0]
