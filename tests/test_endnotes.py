"""Notes gathered at the end of a document under a `Notes` heading, in the shapes extractors give
them: each case a small export written here, not a corpus copy."""

from __future__ import annotations

from exports import body, normalise, pages

CHAPTER_ONE = ("The Canal Company\n\n"
               "The canal company was formed in 1790 and its first boats ran in the\n"
               "summer of 1794.1 The company paid a dividend in most years until the\n"
               "railway came, and the tolls were cut in 1846,2 which kept the coal on\n"
               "the water for a decade longer than the directors had feared.\n\n"
               "2\n")
CHAPTER_TWO = ("The Railway\n\n"
               "The railway bought the canal in 1852 and ran it down.3 The last boat\n"
               "passed the top lock in the winter of 1931, and the cut was filled in\n"
               "by the county over the next ten years, 4 miles of it by 1940.4\n\n"
               "3\n")
NOTES = ("Notes\n\n"
         "1. The Act of incorporation was passed in the spring of 1790, after two\n"
         "years spent raising the money.\n"
         "2. By a third, on the advice of the company's engineer.\n"
         "3. The price was never published.\n"
         "4. County surveyor's report, 1940.\n\n"
         "4\n")


def test_endnotes_called_by_plain_digits_glued_to_their_words_become_notes(tmp_path):
    # A raised call comes out of a text export as digits glued to the word or stop before it
    # (`1794.1`, `1846,2`); the notes' list numbers them 1 to 4 and each is called in order.
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, CHAPTER_TWO, NOTES))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of 1790, after two years spent "
        "raising the money.",
        "By a third, on the advice of the company’s engineer.",
        "The price was never published.",
        "County surveyor’s report, 1940."]
    assert "summer of 1794.[^1]\nThe company" in text and "in 1846,[^2] which" in text
    assert "ran it down.[^3]" in text and "by 1940.[^4]" in text
    # `10 years, 4 miles` is a number of the text, not a call: the call of note 4 comes later.
    assert "ten years, 4 miles of it" in text
    assert "Notes" not in text and "\n1. " not in text


def test_a_numbered_list_under_notes_whose_numbers_are_not_all_called_stays_a_list(tmp_path):
    # Only notes 1 and 2 have calls: the evidence is missing, so nothing becomes a note and
    # no digit of the text is taken for a call.
    uncalled = NOTES.replace("3. The price", "3. Another matter: the price")
    text_two = CHAPTER_TWO.replace("down.3", "down.").replace("1940.4", "1940.")
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, text_two, uncalled))
    text = body(state)
    assert state.notes == {}
    assert "summer of 1794.1 The company" in text
    assert "\n# Notes\n" in text or "\nNotes\n" in text  # the heading stays with its list
    assert "Another matter: the price was never published." in text


def test_a_notes_lines_boxed_apart_by_pdfminer_stay_with_their_note(tmp_path):
    # pdfminer boxes a numbered note's first line apart from the rest (its hanging indent): the
    # blocks between two notes numbered in sequence are the first one's; below the last note, a
    # line in lower case goes on a note that has not ended its sentence.
    boxed = ("Notes\n\n"
             "1. The Act of incorporation was passed in the spring of 1790, after two\n\n"
             "years spent raising the money.\n\n"
             "2. By a third, on the advice of the company's engineer.\n\n"
             "3. The price was never published.\n\n"
             "4. County surveyor's report, the copy kept at the record office\n\n"
             "in the county town.\n\n"
             "4\n")
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, CHAPTER_TWO, boxed))
    assert [n.text for n in state.notes.values()] == [
        "The Act of incorporation was passed in the spring of 1790, after two years spent "
        "raising the money.",
        "By a third, on the advice of the company’s engineer.",
        "The price was never published.",
        "County surveyor’s report, the copy kept at the record office in the county town."]


def test_a_bracketed_citation_is_no_call_where_the_endnotes_are_called_by_digits(tmp_path):
    # `[1]` cites a reference; the notes' calls are the digits glued to their words.
    cited = CHAPTER_ONE.replace("formed in 1790 and", "formed in 1790 [1] and")
    state = normalise(tmp_path, pages("Canal Review\n\n", cited, CHAPTER_TWO, NOTES))
    text = body(state)
    assert "formed in 1790 \\[1\\] and" in text
    assert "summer of 1794.[^1]" in text and len(state.notes) == 4


def test_a_call_set_apart_above_the_folio_is_glued_to_its_sentence(tmp_path):
    # A raised call closing a page's last line comes out on a line of its own above the folio
    # (`…a decade longer.` / `2` / `2`): the `Notes` list below defines a note 2, so it is the call.
    foot = CHAPTER_ONE.replace("in 1846,2 which", "in 1846, which").replace(
        "directors had feared.\n\n2\n", "directors had feared.\n2\n\n2\n")
    state = normalise(tmp_path, pages("Canal Review\n\n", foot, CHAPTER_TWO, NOTES))
    text = body(state)
    assert "than the directors had feared.[^2]" in text and len(state.notes) == 4
    assert [entry["text"] for entry in state.audit.removed["page_numbers"]][:1] == ["2"]


def test_a_lone_number_above_the_folio_without_its_note_stays_text(tmp_path):
    # The same shape, but no note 7 is listed: the number is no call (kept as printed).
    foot = CHAPTER_ONE.replace("directors had feared.\n\n2\n", "directors had feared.\n7\n\n2\n")
    state = normalise(tmp_path, pages("Canal Review\n\n", foot, CHAPTER_TWO, NOTES))
    assert "feared.[^" not in body(state) and "7" in body(state)
