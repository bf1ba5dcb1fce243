"""Notes gathered at the end of a document under a `Notes` heading, in the shapes extractors give
them: each case a small export written here, not a corpus copy."""

from __future__ import annotations

import re

import pytest
import textwrap

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


def test_bracketed_citations_are_no_calls_where_raised_digits_call_the_endnotes(tmp_path):
    # A PDF reader keeps raised calls raised (`1794.¹`); the bracketed numbers among them cite
    # references, and calling fewer of the notes' numbers they are no calls.
    raised = {"1794.1": "1794.¹", "1846,2": "1846,²", "down.3": "down.³", "1940.4": "1940.⁴"}
    one, two = CHAPTER_ONE, CHAPTER_TWO
    for flat, up in raised.items():
        one, two = one.replace(flat, up), two.replace(flat, up)
    one = one.replace("formed in 1790 and", "formed in 1790 [1] and")
    two = two.replace("ran it down.", "ran it down [2].")
    state = normalise(tmp_path, pages("Canal Review\n\n", one, two, NOTES))
    text = body(state)
    assert "formed in 1790 \\[1\\] and" in text and "ran it down \\[2\\]." in text
    assert "summer of 1794.[^1]" in text and "1940.[^4]" in text and len(state.notes) == 4


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


def marker_notes_export(calls_at_line_start: bool = False) -> tuple[str, list[str]]:
    """pypdfium2's shape (pages parted by form feeds, no blank lines, WeasyPrint's list markers
    after the page's text): four pages of text, three paragraphs each, every sentence closed by
    an endnote's call and every paragraph by a short line; then sixteen notes of two lines under
    `Notes`. With `calls_at_line_start`, the shape of a raised call nearly the text's size: the
    call opens the next line with the text after it (`…of the tide.` / `3 The company…`)."""
    words = ("the harbour company built a new quay wall and dredged the channel so that "
             "larger boats could reach the fish market at every state of the tide").split()
    number, pages_text, paragraphs = 0, [], []
    for page in range(4):
        lines = []
        for start in range(3):
            sentences = []
            for offset in range(2):
                number += 1
                chosen = [words[(page * 11 + start * 7 + offset * 3 + k) % len(words)] for k in range(17)]
                sentences.append(" ".join(chosen).capitalize() + f".{number}")
            paragraph = " ".join(sentences) + " The works went on."
            paragraphs.append(paragraph)
            lines += textwrap.wrap(paragraph, 62)
        text = "\n".join(lines)
        if calls_at_line_start:
            text = re.sub(r"\.(\d+) ", r".\n\1 ", text)
        pages_text.append(("Harbour Review\n" if page == 0 else "") + text + f"\n{page + 1}\n")
    notes = "".join(f"The record of the works of item {n} is kept at the office of the county\n"
                    f"surveyor in the town hall.\n" for n in range(1, 25))
    markers = "".join(f"{n}. \n" for n in range(1, 25))
    return "\f".join(pages_text + [f"Notes\n{notes}{markers}5\n"]), paragraphs


def test_many_endnotes_found_by_their_markers_do_not_hide_the_texts_paragraph_ends(tmp_path):
    # The notes, each a block once list_markers has placed its marker, outnumber the text's
    # blocks: the text's short lines that end a sentence still end its paragraphs.
    text, paragraphs = marker_notes_export()
    state = normalise(tmp_path, text)
    assert len(state.notes) == 24
    out = body(state)
    blocks = [b for b in out.split("\n\n") if b and not b.startswith(("[^", "#"))]
    assert len(blocks) == len(paragraphs), blocks


def test_calls_carried_to_the_next_lines_start_go_back_to_their_sentence(tmp_path):
    text, paragraphs = marker_notes_export(calls_at_line_start=True)
    state = normalise(tmp_path, text)
    assert len(state.notes) == 24
    out = body(state)
    assert not re.search(r"^\d+ ", out, re.M) and ".[^1]" in out and ".[^24]" in out


def test_note_numbers_set_in_the_margin_open_their_notes(tmp_path):
    # troff's indented paragraphs set a note's number in the margin: pdftotext writes it as a
    # line of its own, a blank line, then the note's text.
    margin = ("Notes\n\n" + "".join(f"{n}.\n\n{text}\n\n" for n, text in enumerate(
        ["The Act of incorporation was passed in the spring of 1790, after two\n"
         "years spent raising the money.", "By a third, on the advice of the company's engineer.",
         "The price was never published.", "County surveyor's report, 1940."], start=1)) + "4\n")
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, CHAPTER_TWO, margin))
    assert len(state.notes) == 4
    assert [n.text for n in state.notes.values()][2] == "The price was never published."
    assert "summer of 1794.[^1]" in body(state)


def test_a_margin_number_under_a_notes_last_line_and_a_note_cut_by_the_page(tmp_path):
    # troff's numbers in the margin again, as pdftotext gives them when a note runs on to the
    # next page: note 1 stops inside its sentence above the folio, and the next page opens with
    # the rest of it, which opens with a number (`112 (1998), pp. 4–9`: a volume, not note 112);
    # note 2's number stands right below that last line, no blank line between.
    margin = ("Notes\n\n1.\n\n"
              "On the company's records see A. Hale, \"The canal archives,\" Waterways\n\n"
              "4\n\f"
              "112 (1998), pp. 4–9; and the county's survey of canal papers, 2004.\n"
              "2.\n\n"
              "By a third, on the advice of the company's engineer.\n\n"
              "3.\n\nThe price was never published.\n\n"
              "4.\n\nCounty surveyor's report, 1940.\n\n5\n")
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, CHAPTER_TWO, margin))
    notes = [n.text for n in state.notes.values()]
    assert notes[:2] == [
        "On the company’s records see A. Hale, “The canal archives,” Waterways 112 (1998), "
        "pp. 4–9; and the county’s survey of canal papers, 2004.",
        "By a third, on the advice of the company’s engineer."]
    assert len(notes) == 4
    assert "summer of 1794.[^1]" in body(state) and "by 1940.[^4]" in body(state)


def test_margin_numbers_pdfminer_boxed_before_their_notes_are_given_their_texts(tmp_path):
    # pdfminer boxes a run of troff's margin numbers (`1.`, `2.`) before the notes' texts, each
    # text a box of its own, in order; the tail of a note cut at the measure (`…survive for` /
    # `1851 to 1866.`) may come first, after the next run of numbers. k numbers and k texts
    # (k + 1 with that tail) before the next numbered block pair off in order.
    chapter = ("The Quarry Line\n\n"
               "The company was formed in 1864.1 Its engineer surveyed the valley in the\n"
               "spring,2 and the carriers' accounts show the slate it would carry.3 The\n"
               "line opened in 1867,4 two years late, and its first dividend was paid\n"
               "in 1879.5 The last train ran in 1946, when the quarry closed.\n\n2\n")
    notes = ("Notes\n\n1.\n\n2.\n\n"
             "The minute books are held in the county record office.\n\n"
             "The survey was printed with the prospectus.\n\n"
             "3. Carriers' accounts for the Cwm Dulas quarry survive for\n\n"
             "4.\n\n5.\n\n"
             "1851 to 1866.\n\n"
             "The Board of Trade inspector passed it in the autumn.\n\n"
             "Of 1 per cent, on the ordinary shares.\n\n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n\n", chapter, notes))
    assert [n.text for n in state.notes.values()] == [
        "The minute books are held in the county record office.",
        "The survey was printed with the prospectus.",
        "Carriers’ accounts for the Cwm Dulas quarry survive for 1851 to 1866.",
        "The Board of Trade inspector passed it in the autumn.",
        "Of 1 per cent, on the ordinary shares."]
    assert "in 1864.[^1]" in body(state) and "in 1879.[^5]" in body(state)


# A page calling three notes, its text finished (the notes' numbers and texts vary below it).
THREE_CALLS = ("The Quarry Line\n\n"
               "The company was formed in 1864.1 Its engineer surveyed the valley in the\n"
               "spring,2 and the carriers' accounts show the slate it would carry.3 The\n"
               "line opened in 1867, two years late.\n\n2\n")


def test_margin_numbers_and_texts_that_do_not_pair_off_stay_as_they_are(tmp_path):
    # Two numbers, three blocks of text below them, the note above them finished: which text is
    # whose is not known, so no text is given a number (note 1, written whole, is a note).
    chapter = THREE_CALLS
    notes = ("Notes\n\n1. The minute books are held in the county record office.\n\n2.\n\n3.\n\n"
             "The survey was printed with the prospectus.\n\n"
             "Carriers' accounts for the quarry survive.\n\n"
             "Both are in the county record office.\n\n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n\n", chapter, notes))
    assert [n.text for n in state.notes.values()] == [
        "The minute books are held in the county record office."]
    text = body(state)
    assert "The survey was printed with the prospectus." in text
    assert "2. The survey" not in text and "3. Carriers" not in text


def test_a_word_cut_at_a_notes_line_end_is_joined_when_its_tail_is_boxed_apart(tmp_path):
    # pdfminer boxes a note's last line apart (`…through the embank-` / `ment at Pont Dulas.`):
    # the line's hyphen is decided as any line end's is, not left inside the word.
    notes = NOTES.replace("3. The price was never published.\n",
                          "3. Most of the overrun came from the cutting through the embank-\n\n"
                          "ment at the top lock.\n\n")
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, CHAPTER_TWO, notes))
    assert [n.text for n in state.notes.values()][2] == \
        "Most of the overrun came from the cutting through the embankment at the top lock."


def test_a_definition_cut_at_a_page_end_that_no_call_takes_leaves_its_parts_as_they_were(tmp_path):
    # A note's first part at one page's foot (`¹ …in the devel-`), its rest above the next page's
    # note (`opment office…`), and no call in the text: no note; both parts stay where they stood,
    # and the words their join booked are taken back (the accounting balanced without the join).
    pages = ["Harbour Works\n\nThe council met in the spring to review the harbour project.\n\n"
             "¹ The minutes of the meeting are kept in the devel-\n\n1\n",
             "The second page opens with a sentence of its own that ends here.\n\n"
             "opment office of the harbour board.\n\n² The engineers' letter is lost.\n\n2\n"]
    state = normalise(tmp_path, "\f".join(pages))  # asserts the accounting balanced
    text = body(state)
    assert not state.notes and "kept in the devel-" in text and "opment office" in text, text


def test_endnote_numbers_boxed_apart_from_texts_run_together_get_a_text_each(tmp_path):
    # WeasyPrint sets an ordered list's numbers outside its text; pdfminer boxes the numbers
    # first (`3.` and `4.` in one box) and the notes' texts after them, run together in fewer
    # boxes than notes. A note ends at a line that ends a sentence with room to spare; a
    # sentence ending on a full line (`…the Board. See J.` / `Hollis, …`) goes on in its note.
    chapter = ("The Quarry Line\n\n"
               "The company was formed in 1864.1 Its engineer surveyed the valley in the\n"
               "spring,2 and the carriers' accounts show the slate it would carry.3 The\n"
               "line opened in 1867,4 two years late, and its first dividend was paid\n"
               "in 1879. The last train ran in 1946, when the quarry closed.\n\n2\n")
    notes = ("Notes\n\n1.\n\n2.\n\n3.\n4.\n\n"
             "The minute books are held in the county record office at\n"
             "Dolgellau, with the plans deposited in 1863.\n"
             "The survey was printed with the prospectus and sent to the\n"
             "shareholders, who approved it at a meeting of the Board. See J.\n"
             "Hollis, The Slate Railways (Bangor, 1961), pp. 12–19.\n"
             "Carriers' accounts for the quarry survive for 1851 to 1866.\n"
             "The Board of Trade inspector passed the line in the autumn.\n\n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n\n", chapter, notes))
    assert [n.text for n in state.notes.values()] == [
        "The minute books are held in the county record office at Dolgellau, with the plans "
        "deposited in 1863.",
        "The survey was printed with the prospectus and sent to the shareholders, who approved "
        "it at a meeting of the Board. See J. Hollis, The Slate Railways (Bangor, 1961), "
        "pp. 12–19.",
        "Carriers’ accounts for the quarry survive for 1851 to 1866.",
        "The Board of Trade inspector passed the line in the autumn."]
    assert "in 1864.[^1]" in body(state) and "in 1867,[^4]" in body(state)


def test_endnote_texts_run_together_with_too_few_note_ends_stay_as_they_are(tmp_path):
    # Three numbers boxed apart, and texts with two places a note may end: which text is whose
    # is not known, so none is given a number.
    chapter = THREE_CALLS
    notes = ("Notes\n\n1.\n\n2.\n\n3.\n\n"
             "The minute books are held in the county record office at\n"
             "Dolgellau, with the plans deposited in 1863.\n"
             "The survey was printed with the prospectus and sent to the\n"
             "shareholders, who approved it at a meeting of the Board.\n\n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n\n", chapter, notes))
    assert state.notes == {}
    assert "Dolgellau, with the plans deposited in 1863." in body(state)


def test_a_notes_number_opening_a_page_whose_folio_is_found_is_no_folio(tmp_path):
    # troff's endnotes read by pdftotext: a note's number alone on its line (`3.`), then its
    # text. Pages that open on a note's number show a number alone at their top on page after
    # page, like a folio; but each page's folio is found at its foot, counting with the pages,
    # and a page has one folio: the number at the top is the note's.
    chapter = ("The Quarry Line\n\n"
               "The company was formed in 1864.1 Its engineer surveyed the valley in the\n"
               "spring,2 and the carriers' accounts show the slate it would carry.3 The\n"
               "line opened in 1867,4 two years late, and its first dividend was paid\n"
               "in 1879.5 The last train ran in 1946,6 when the quarry closed.\n\n2\n")
    notes = [("Notes\n\n1.\n\nThe minute books are held in the county record office.\n\n"
              "2.\n\nThe survey was printed with the prospectus.\n\n3\n"),
             ("3.\n\nCarriers' accounts for the Cwm Dulas quarry survive.\n\n"
              "4.\n\nThe Board of Trade inspector passed it in the autumn.\n\n4\n"),
             ("5.\n\nOf 1 per cent, on the ordinary shares.\n\n"
              "6.\n\nThe quarry's own records end in that year.\n\n5\n")]
    state = normalise(tmp_path, pages("Quarry Review\n\n1\n", chapter, *notes))
    assert [n.text for n in state.notes.values()] == [
        "The minute books are held in the county record office.",
        "The survey was printed with the prospectus.",
        "Carriers’ accounts for the Cwm Dulas quarry survive.",
        "The Board of Trade inspector passed it in the autumn.",
        "Of 1 per cent, on the ordinary shares.",
        "The quarry’s own records end in that year."]
    assert "in 1946,[^6]" in body(state)


def raised_alone_export(second: str = "2", fourth: str = "4") -> str:
    """pypdfium2's shape of raised calls: the line ends after the call and the rest of the
    printed line opens the next line with a space (`…in 1794.1` / ` The company…`). Calls
    `second` and `fourth` stand alone between the text they close and the rest of their line
    (`1846,` / `2` / ` which kept…`), as pypdfium2 sets a call it reads on a baseline of its own."""
    one = ("Canal Review\n"
           "The canal company was formed in 1790 and its first boats ran in 1794.1\n"
           " The company paid a dividend in most years until the railway came,\n"
           "and the tolls were cut in\n"
           f"1846,\n{second}\n"
           " which kept the coal on the water for a decade longer than feared.\n"
           "2\n")
    two = ("The railway bought the canal in 1852 and over the next eighty years\n"
           "it slowly ran the whole of the waterway down.3\n"
           " The last boat passed the top lock in the winter of the year\n"
           f"1931.\n{fourth}\n"
           " The cut was filled in by the county over the next ten years.\n"
           "3\n")
    notes = ("Notes\n"
             "1. The Act of incorporation was passed in the spring of 1790.\n"
             "2. By a third, on the advice of the company's engineer.\n"
             "3. The price was never published.\n"
             "4. County surveyor's report, 1940.\n"
             "4\n")
    return "\f".join([one, two, notes])


def test_a_raised_call_set_alone_before_the_rest_of_its_line_is_glued_back(tmp_path):
    # The number alone is a call: the line below opens with a space (the number was raised) and
    # a note of that number is listed under `Notes`. After a comma as after a stop.
    state = normalise(tmp_path, raised_alone_export())
    text = body(state)
    assert len(state.notes) == 4
    assert "cut in 1846,[^2] which kept" in text
    assert "the year 1931.[^4]" in text and "The cut was filled" in text
    assert not re.search(r"^\d+$", text, re.M)


def test_a_lone_raised_number_no_note_is_listed_for_stays_text(tmp_path):
    # The same shape, but no note 7 is listed: not a call, kept as printed. Note 4 is uncalled:
    # it stays text under its heading, while notes 1 to 3, called in sequence, are linked
    # (endnote_calls: a hole in the sequence loses its own note only).
    state = normalise(tmp_path, raised_alone_export(fourth="7"))
    text = body(state)
    assert "the year 1931.\n\n7 The cut" in text
    assert len(state.notes) == 3 and "County surveyor’s report, 1940." in text
    assert "endnote-call-unread" in [d.code for d in state.diagnostics.items]


# A chapter calling four notes by digits glued to their words, wrapped at about 62 letters.
FOUR_CALLS = ("The Quarry Line\n"
              "The company was formed in 1864.1 Its engineer surveyed the valley\n"
              "in the spring, and the shareholders approved his line at once.2\n"
              "The carriers' accounts show the slate it would carry from the\n"
              "quarry to the quay, and the passengers it might take as well.3\n"
              "The line opened in 1867, two years late, and its first dividend\n"
              "was paid in 1879, when the Board of Trade had passed it.4 The\n"
              "last train ran in 1946, when the quarry closed for the last time.\n"
              "2\n")


def test_endnote_texts_written_before_their_numbers_get_a_text_each(tmp_path):
    # pypdf and pypdfium2 write WeasyPrint's list numbers after the list's text: under `Notes`
    # the notes' texts run together, then `1.` to `4.`. A note ends where a line closes a
    # sentence and the next opens one; a sentence closing a full line goes on in its note
    # (`…by the station yard.` / `The plans…`), and so does one closing at an initial (`See J.`
    # / `Hollis, …`); a colon closing a line opens no note (`Traffic Returns:` / `freight…`).
    notes = ("Notes\n"
             "The minute books are held in the county record office at the\n"
             "quarry company's old offices in Dolgellau, by the station yard.\n"
             "The plans were deposited with the clerk of the peace.\n"
             "The survey was printed with the prospectus and sent to the\n"
             "shareholders, who approved it at a meeting of the Board. See J.\n"
             "Hollis, The Slate Railways (1961), p. 12.\n"
             "Carriers' accounts, in the Quarry Papers, third series, Traffic:\n"
             "freight and passengers, 1851 to 1866.\n"
             "The Board of Trade inspector passed the line in the autumn.\n"
             "1. \n2. \n3. \n4. \n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n", FOUR_CALLS, notes))
    assert [n.text for n in state.notes.values()] == [
        "The minute books are held in the county record office at the quarry company’s old "
        "offices in Dolgellau, by the station yard. The plans were deposited with the clerk of "
        "the peace.",
        "The survey was printed with the prospectus and sent to the shareholders, who approved "
        "it at a meeting of the Board. See J. Hollis, The Slate Railways (1961), p. 12.",
        "Carriers’ accounts, in the Quarry Papers, third series, Traffic: freight and "
        "passengers, 1851 to 1866.",
        "The Board of Trade inspector passed the line in the autumn."]
    text = body(state)
    assert "in 1864.[^1]" in text and "passed it.[^4]" in text


def test_references_written_before_their_numbers_keep_an_entry_each(tmp_path):
    # The same shape under `References`: an entry whose title ends a line with a colon
    # (`Indicators:` / `Method Statement.`) is one entry, and the list stays a list (no notes).
    references = ("References\n"
                  "Ashford Catchment Partnership (2015). Five Years On: Water\n"
                  "Quality in the Upper Ashford. Ashford Market: ACP.\n"
                  "Okafor, N. and Lindqvist, M. (2023). Attributing summer\n"
                  "low-flow decline in a mixed upland catchment. Journal of\n"
                  "Hydrology and Land Use, 44(3), pages 291–300.\n"
                  "Environment Agency (2021). Ecological Flow Indicators:\n"
                  "Method Statement. Bristol.\n"
                  "1. \n2. \n3. \n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n", FOUR_CALLS.replace(".4", "."), references))
    assert state.notes == {}
    text = body(state)
    assert "1.  Ashford Catchment Partnership (2015). Five Years On: Water Quality" in text
    assert "3.  Environment Agency (2021). Ecological Flow Indicators: Method Statement. Bristol." in text


def test_endnote_texts_with_more_note_ends_than_numbers_are_not_guessed(tmp_path):
    # Three numbers and four places a note may end, each line with room to spare: which
    # sentence ends a note is not known, so the notes section's reading does not decide (what
    # the notes become is left to the other readings, and no note is invented).
    notes = ("Notes\n"
             "The minute books are held in the county record office.\n"
             "The survey was printed with the prospectus.\n"
             "Carriers' accounts for the quarry survive.\n"
             "Both are in the county record office.\n"
             "1. \n2. \n3. \n3\n")
    chapter = FOUR_CALLS.replace("closed for the last time.", "closed.").replace(".4", ".")
    state = normalise(tmp_path, pages("Quarry Review\n", chapter, notes))
    assert len(state.notes) <= 3
    assert "Both are in the county record office." in body(state) + " ".join(
        n.text for n in state.notes.values())


def test_endnote_texts_before_their_numbers_a_note_ending_on_a_line_pypdfium2_joined(tmp_path):
    # pypdfium2 joins a printed line ending in a hyphen to the next (U+FFFE between): note 1's
    # last line holds its last two printed lines, longer than a full line, so its length says
    # nothing of its room; note 2's line closing at an initial (`See J.`) still ends no note.
    notes = ("Notes\n"
             "The minute books are held in the county record office in the old\n"
             "quarry offices. The plans are in the collection of the Dolgel\ufffelau, 1863.\n"
             "The survey was printed with the prospectus and sent to the\n"
             "shareholders, who approved it at a meeting of the Board. See J.\n"
             "Hollis, The Slate Railways (1961), p. 12.\n"
             "Carriers' accounts for the quarry survive for 1851 to 1866.\n"
             "The Board of Trade inspector passed the line in the autumn.\n"
             "1. \n2. \n3. \n4. \n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n", FOUR_CALLS, notes))
    assert [n.text for n in state.notes.values()][:2] == [
        "The minute books are held in the county record office in the old quarry offices. The "
        "plans are in the collection of the Dolgellau, 1863.",
        "The survey was printed with the prospectus and sent to the shareholders, who approved "
        "it at a meeting of the Board. See J. Hollis, The Slate Railways (1961), p. 12."]
    assert len(state.notes) == 4


def test_references_entry_ending_at_a_letter_with_room_to_spare_ends_there(tmp_path):
    # A stop after a single letter (`appendix B.`) may close an initial, but a line with room to
    # spare ends its entry all the same; the sentence closing a full line inside an entry
    # (`…masonry arches.` / `Proceedings…`) is the one that ends none.
    references = ("References\n"
                  "Highways Board (2017). Inspection Manual, volume 2,\n"
                  "appendix B.\n"
                  "Structures Group (2019). Bridge Indicators.\n"
                  "Harvey, W. J. and Smith, F. W. (2016). Assessing masonry arches.\n"
                  "Proceedings of the Institution of Civil Engineers, 169(2).\n"
                  "1. \n2. \n3. \n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n", FOUR_CALLS.replace(".4", "."), references))
    text = body(state)
    assert "1.  Highways Board (2017). Inspection Manual, volume 2, appendix B.\n" in text
    assert "2.  Structures Group (2019). Bridge Indicators.\n" in text
    assert ("3.  Harvey, W. J. and Smith, F. W. (2016). Assessing masonry arches. Proceedings of the "
            "Institution of Civil Engineers, 169(2).") in text


def test_a_call_pypdfium2_carried_to_a_lines_start_goes_back_with_the_rest_of_its_line(tmp_path):
    # pypdfium2 breaks a printed line after a raised call, and may write the call with the rest
    # (`years.` / `30 The Light Railway…`): the call goes back to its sentence and, where the
    # line above has room for the rest, the two were one printed line and the paragraph goes on.
    # A call the typesetter carried below a full line (`after 1903.` / `32 Cheaper tiles…`)
    # leaves the rest a line of its own.
    chapter = ("The Quarry Line\n"
               "The company was formed in 1864.1\n"
               " Its engineer surveyed the valley in the spring of that year, and\n"
               "the line opened in 1867, two years late; it worked for more than fifty\n"
               "years.\n"
               "2 The Light Railway, richer and more ambitious, bought six\n"
               "engines between 1879 and 1904 for the sharp curves above Llanfair.\n"
               "The slate trade peaked in the 1890s and declined steadily after 1903.\n"
               "3 Cheaper tiles and a long strike at the largest quarry took away the\n"
               "customers, who never came back to the railway in the years after.4\n"
               " The last train ran in 1946, when the quarry closed for good.\n"
               "2\n")
    notes = ("Notes\n1. The minute books are held in the county record office.\n"
             "2. Builder's list numbers 312 and 313.\n3. The strike lasted from 1900 to 1903.\n"
             "4. The line was lifted in 1948.\n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n", chapter, notes))
    text = body(state)
    assert len(state.notes) == 4
    assert "for more than fifty years.[^2]\nThe Light Railway, richer" in text
    assert "steadily after 1903.[^3]\nCheaper tiles" in text


SOURCES = ["[1] Hale, S. (2004). The Discourse of Court Interpreting. Amsterdam: Benjamins.",
           "[2] FAO (2014). Genebank Standards for Plant Genetic Resources. Rome: FAO.",
           "[3] Ellis, R. H. and Roberts, E. H. (1980). Improved equations for seed longevity."]


@pytest.mark.parametrize("heading", ["Appendix: Sources", "Appendix A: References", "Annex 2 — Bibliography",
                                     "Part IV. Works Cited", "Sources"])
@pytest.mark.parametrize("shared_block", [False, True])
def test_a_short_source_list_under_a_labelled_heading_before_the_endnotes_stays_a_list(
        tmp_path, heading, shared_block):
    # Three numbered sources (fewer than a bibliography found by its run alone needs) under a
    # heading that names them after a division's label, then the endnotes numbered 1 to 4: the
    # sources are no notes, so the endnotes' numbers are defined once and every call is linked
    # (seed bank: `[1]`–`[4]` under `Appendix: Sources` left all eleven notes unlinked). pdftotext
    # may give the entries as one block, with no blank line between them.
    sources = ("\n" if shared_block else "\n\n").join(SOURCES)
    state = normalise(tmp_path, pages("Canal Review\n\n", CHAPTER_ONE, CHAPTER_TWO,
                                      f"{heading}\n\n{sources}\n\n" + NOTES))
    text = body(state)
    assert len(state.notes) == 4
    assert "summer of 1794.[^1]\nThe company" in text and "by 1940.[^4]" in text
    assert all(source.replace("[", r"\[").replace("]", r"\]") in " ".join(text.split()) for source in SOURCES)


@pytest.mark.parametrize("heading", ["Appendix: Survey Questions", "Part of the Sources", "Sources of Error"])
def test_a_heading_naming_no_reference_list_makes_no_bracketed_run_a_bibliography(heading):
    # Only the name after a division's label counts: these headings name something else, and
    # their three bracketed entries are no bibliography.
    from pressroom.normalise.model import Block
    from pressroom.normalise.reference_lists import reference_entries
    blocks = [Block([heading], 1, 1)] + [Block([line], n + 2, n + 2) for n, line in enumerate(SOURCES)]
    assert reference_entries(blocks) == set()


# A call glued after a whole number that ends a sentence (`in the second 58.⁵ The tower`) reads
# as a decimal (`58.5`): the sequence of the other calls proves it (endnote_calls).
HOLES_BODY = ("The Keepers\n\n"
              "The rock was first surveyed in 1838 for the commissioners.1 The masons\n"
              "lived on a hulk in the lee of the rock and could work only at low\n"
              "water; in the first season they managed 31 working days, in the\n"
              "second 58.2 The tower was lit on 1 November 1851.3 The first keepers\n"
              "came from the mainland stations.4 Long service was usual: the average\n"
              "keeper spent 14.5 years in the service, and several spent more than\n"
              "30.5\n\n"
              "Their families lived at the shore station in six cottages.6 The\n"
              "children went to the school at Port Avie.7\n\n"
              "2\n")
HOLES_NOTES = ("Notes\n\n"
               "1. Commissioners' minutes, 1838.\n"
               "2. Ibid., pp. 23–24.\n"
               "3. Logbook, entry for 1 November 1851.\n"
               "4. Service registers, 1851–1870.\n"
               "5. Service registers, 1851–1939.\n"
               "6. Plans of the shore station, 1849.\n"
               "7. School log, 1880.\n\n"
               "3\n")


def test_a_call_glued_after_a_number_ending_a_sentence_is_read_between_its_neighbours(tmp_path):
    # `58.2 The` and `30.5` (the paragraph's end) are the calls of notes 2 and 5: each is the one
    # number the sequence lacks between the calls around it, a note of that number is listed,
    # and a sentence begins after it. `14.5 years` goes on in lower case: a decimal, kept.
    state = normalise(tmp_path, pages("Skerrow Light\n\n", HOLES_BODY, HOLES_NOTES))
    text = body(state)
    assert [n.text for n in state.notes.values()][1] == "Ibid., pp. 23–24."
    assert len(state.notes) == 7
    assert "in the second 58.[^2]" in text and "more than 30.[^5]" in text
    assert "spent 14.5 years" in text
    assert "Notes" not in text


def test_an_unreadable_endnote_call_loses_its_own_note_only(tmp_path):
    # Note 4's call is gone from the text (`stations. Long`): the other six are linked as the
    # sequence proves them, note 4 stays text under its heading, and a diagnostic names it.
    # No call is invented for it.
    text_body = HOLES_BODY.replace("stations.4", "stations.")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert len(state.notes) == 6
    assert "Service registers, 1851–1870." in text  # kept as text, not lost
    assert "mainland stations.\nLong service" in text  # no call made for it
    codes = [d.code for d in state.diagnostics.items]
    assert "endnote-call-unread" in codes


def test_a_decimal_going_on_in_lower_case_is_no_call_even_where_one_is_missing(tmp_path):
    # Note 5's call is gone; `14.5 years` is the one `5` between calls 4 and 6 but a decimal in
    # its sentence (lower case after it): it stays a number, and note 5 stays text.
    text_body = HOLES_BODY.replace("than\n30.5\n", "than\nthirty.\n")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert "spent 14.5 years" in text and "[^" not in text.split("spent 14.5")[1][:8]
    assert len(state.notes) == 6
    assert "Service registers, 1851–1939." in text


def test_a_decimal_before_a_capital_where_no_call_is_missing_stays_a_decimal(tmp_path):
    # Every note is called; `rose to 12.5 Most` (a figure ending a sentence, no call after it)
    # is left as written although a note 5 exists.
    text_body = HOLES_BODY.replace("58.2 The", "58.2 The").replace(
        "children went", "rate rose to 12.5 Most children went")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert len(state.notes) == 7
    assert "rose to 12.5 Most" in text


def test_too_few_endnote_calls_in_sequence_take_none(tmp_path):
    # Three of seven calls readable: no sequence, no note; every digit stays as written.
    text_body = (HOLES_BODY.replace("stations.4", "stations.").replace("1851.3", "1851.")
                 .replace("cottages.6", "cottages.").replace("Avie.7", "Avie."))
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    assert state.notes == {}
    assert "commissioners.1 The masons" in body(state)


def test_a_table_rows_number_is_no_endnote_call_where_one_is_missing(tmp_path):
    # Note 4's call is gone (`stations. Long`); the only `4` between the calls of notes 3 and 5 is
    # a cell of a table row read into one line (`Carpinus (hornbeam) 4 163 9`): another number
    # follows it, so it is the row's, not the call (a design standard, pdftotext: the cell was
    # removed as the call of the note).
    text_body = HOLES_BODY.replace("stations.4", "stations.").replace(
        "Long service", "Carpinus (hornbeam) 4 163 9\n\nLong service")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert len(state.notes) == 6
    assert "Carpinus (hornbeam) 4 163 9" in text
    assert "Service registers, 1851–1870." in text


def test_a_call_glued_after_a_short_year_range_is_an_endnote_call(tmp_path):
    # `audited in 2025/26.1`: a fiscal year ends the sentence and call 1 is glued after it; the
    # range is whole (its first year's four digits, the second two digits later), so `1` is
    # no decimal place but the call, and every note is linked.
    text_body = HOLES_BODY.replace("for the commissioners.1", "for the commissioners in 2025/26.1")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert len(state.notes) == 7
    assert "in 2025/26.[^1] The masons" in " ".join(text.split())


@pytest.mark.parametrize("words", ["from 1 August 1838", "on 1 Nov. 1838", "about 1 in 7 of them",
                                   "some 1 out of 5 stones"])
def test_a_days_number_or_a_proportions_term_is_no_endnote_call(tmp_path, words):
    # Call 1 is unreadable (`commissioners. The`); the only `1` before call 2 is a date's day
    # (a month's name after it) or a proportion's first term (`in`/`of` and a number after it):
    # a quantity, not a call. The other six notes are linked, note 1 stays text with a
    # diagnostic, and the number stays where it stands.
    text_body = HOLES_BODY.replace("for the commissioners.1 The masons",
                                   f"for the commissioners. The masons, {words},")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert len(state.notes) == 6
    assert words in " ".join(text.split())
    assert "Commissioners' minutes, 1838." in text or "Commissioners’ minutes, 1838." in text
    assert "endnote-call-unread" in [d.code for d in state.diagnostics.items]


LIST_BODY = ("The Keepers\n\n"
             "The rock was first surveyed in 1838 for the commissioners.1 The masons\n"
             "lived on a hulk in the lee of the rock and could work only at low\n"
             "water.2 The keepers were paid in three ways:\n\n"
             "1. a wage, set by the board each year and paid monthly;\n"
             "2. an allowance for coal and oil, at a price that may be above or\n"
             "below what the keeper paid;3\n"
             "3. a share of the salvage money, paid when a wreck was saved.\n\n"
             "The first keepers came from the mainland stations.4 Long service was\n"
             "usual, and several keepers spent more than thirty years there.5\n\n"
             "Their families lived at the shore station in six cottages.6 The\n"
             "children went to the school at Port Avie.7\n\n"
             "2\n")
LIST_NOTES = HOLES_NOTES.replace("3. Logbook, entry for 1 November 1851.",
                                 "3. The price was set each year by the board.")


def test_a_list_item_below_a_call_read_as_a_pages_note_cuts_no_endnote_off_its_call(tmp_path):
    # Item `3.` below `…paid;3` is read as a note at the page's foot (page_notes), numbered as
    # endnote 3 is: the definitions are no longer numbered once through, and no endnote found its
    # call. Every endnote's call is read in sequence, so each is linked, call 3 to endnote 3
    # (the call cannot be both); the item stays the list's.
    state = normalise(tmp_path, pages("Skerrow Light\n\n", LIST_BODY, LIST_NOTES))
    text = body(state)
    assert [n.text for n in state.notes.values()][2] == "The price was set each year by the board."
    assert len(state.notes) == 7
    assert "3.  a share of the salvage money, paid when a wreck was saved." in text
    assert "Notes" not in text


@pytest.mark.parametrize("words", ["as s. 2 of the Act allows", "see p. 2 of the log", "in No. 2 the keepers"])
def test_a_number_an_abbreviation_numbers_is_no_endnote_call(tmp_path, words):
    # Call 2 is unreadable (`second lot. The`); the only `2` before call 3 follows a section's, a
    # page's or a series' abbreviation and its stop, as a call printed apart after a sentence's
    # end would: it numbers the section, not a note. The other six are linked, note 2 stays text.
    text_body = HOLES_BODY.replace("second 58.2 The tower", f"second lot, {words}. The tower")
    state = normalise(tmp_path, pages("Skerrow Light\n\n", text_body, HOLES_NOTES))
    text = body(state)
    assert len(state.notes) == 6
    assert words in " ".join(text.split())
    assert "Ibid., pp. 23–24." in text


def test_margin_numbers_pdfminer_boxed_under_notes_below_a_section_of_text_open_the_notes(tmp_path):
    # The notes open on a page below an appendix of paragraphs (`Slate. A rock …`); pdfminer boxes
    # the run of margin numbers (`1.` `2.` `3.`) under the `Notes` heading, then each note's text
    # a box of its own. The heading runs on into nothing, as a finished sentence does: the boxes
    # after the run are the notes', and the appendix's paragraphs above the heading are no items
    # of it (they were numbered 1–3, and every note lost).
    chapter = ("The Quarry Line\n\n"
               "The company was formed in 1864.1 Its engineer surveyed the valley in the\n"
               "spring,2 and the carriers' accounts show the slate it would carry.3 The\n"
               "line opened in 1867,4 two years late, and its first dividend was paid\n"
               "in 1879.5 The last train ran in 1946, when the quarry closed.\n\n2\n")
    notes = ("Appendix: Terms\n\n"
             "Slate. A rock that splits into thin sheets, quarried in the valley\n"
             "since the eighteenth century and carried down to the harbour by the\n"
             "line, which was built for it.\n\n"
             "Incline. A steep section of line worked by a rope, the full wagons\n"
             "going down drawing the empty ones up; the line had three of them\n"
             "between the quarry and the valley floor.\n\n"
             "Carrier. A firm that carried the slate by road before the line was\n"
             "built, with carts and horses hired by the quarry.\n\n"
             "Notes\n\n1.\n\n2.\n\n3.\n\n"
             "The minute books are held in the county record office, with the\n"
             "letters of the first secretary.\n\n"
             "The survey was printed with the prospectus and sent to every\n"
             "shareholder of the company.\n\n"
             "Carriers' accounts for the Cwm Dulas quarry survive for most years\n"
             "from 1851.\n\n"
             "4. The Board of Trade inspector passed it in the autumn.\n\n"
             "5. Of 1 per cent, on the ordinary shares.\n\n3\n")
    state = normalise(tmp_path, pages("Quarry Review\n\n", chapter, notes))
    assert [n.text for n in state.notes.values()][:3] == [
        "The minute books are held in the county record office, with the letters of the first secretary.",
        "The survey was printed with the prospectus and sent to every shareholder of the company.",
        "Carriers’ accounts for the Cwm Dulas quarry survive for most years from 1851."]
    assert len(state.notes) == 5
    text = body(state)
    assert "1.  Slate" not in text and "Slate. A rock" in " ".join(text.split())
