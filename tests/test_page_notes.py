"""Notes at the foot of a page in the shapes extractors give them (page_notes, raised_lines):
each case a small export written here, in the shape one extractor prints, not a corpus copy."""

from __future__ import annotations

from exports import body, normalise

FILLER = "Canal Review\n\nThe canal was sold to the railway in {year} and closed later.\n\n{folio}\n\n"


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
    pages = [FILLER.format(year=1852, folio=2), page, FILLER.format(year=1853, folio=4)]
    state = normalise(tmp_path, "\f".join(pages))
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
    pages = [FILLER.format(year=1852, folio=2), page, FILLER.format(year=1853, folio=4)]
    state = normalise(tmp_path, "\f".join(pages))
    assert [n.text for n in state.notes.values()] == ["The Act was passed that spring."]
    assert "Both companies agreed on the figure." in body(state)
