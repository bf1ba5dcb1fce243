"""A justified line's last words that pdfminer.six boxed apart (an italic title closing a note's
or a reference's line, ` Ecological   Flow   Indicators:`) go back to the end of their line:
small exports in pdfminer's shape, the piece's box before its line's box or after it."""

from __future__ import annotations

import textwrap

from exports import body, normalise, pages

from pressroom.normalise.boxed_line_ends import boxed_line_ends
from pressroom.normalise.model import State

WORDS = ("the council met in the spring to review the harbour project and its many costs and "
         "members asked for a full account of the work done so far and for a plan of what "
         "remains to be done next year before the winter storms return to the coast").split()


def justified(paragraph: str, width: int = 62) -> str:
    """The paragraph wrapped at `width`, each line but the last stretched to it as pdfminer
    writes a justified line (its word spaces widened into runs)."""
    lines = textwrap.wrap(paragraph, width)
    out = []
    for line in lines[:-1]:
        words, gaps = line.split(), line.count(" ")
        extra = width - len(line)
        spaced = words[0]
        for at, word in enumerate(words[1:]):
            spaced += " " * (1 + extra // gaps + (at < extra % gaps)) + word
        out.append(spaced)
    return "\n".join(out + lines[-1:])


def prose(seed: int, sentences: int = 4) -> str:
    text = []
    for k in range(sentences):
        chosen = [WORDS[(seed * 7 + k * 5 + i * 3) % len(WORDS)] for i in range(14)]
        text.append(" ".join(chosen).capitalize() + ".")
    return justified(" ".join(text))


CHAPTER = ("The Siren Network\n\n" + prose(1) + "\n\n" + prose(2) + " The survey was\n"
           "commissioned in 2022.1 The sirens were measured twice.2\n\n2\n")


def test_a_pieces_box_before_its_lines_box_goes_to_that_lines_end(tmp_path):
    # pdfminer: the notes' markers box, the italic title's box (` Ereignisanalyse`), then the
    # notes' box whose first line was justified around the piece and so stands short and stretched.
    notes = ("Notes\n\n1.\n\n2.\n\n Ereignisanalyse\n\n"
             "Interregional   Civil   Protection   Authority,\n"
             "Hochwasser August 2005, 2006, pp. 17–23.\n"
             "The measurements were taken with calibrated class 1 meters.\n\n3\n")
    state = normalise(tmp_path, pages("Siren Review\n\n", CHAPTER, notes))
    assert [n.text for n in state.notes.values()] == [
        "Interregional Civil Protection Authority, Ereignisanalyse Hochwasser August 2005, 2006, "
        "pp. 17–23.",
        "The measurements were taken with calibrated class 1 meters."]
    assert [c["before"] for c in state.audit.changed["boxed_line_ends"]] == ["Ereignisanalyse"]


def test_a_pieces_box_after_its_lines_box_goes_to_that_lines_end(tmp_path):
    # The piece written after the box it was cut from, a reference's title: it ends the entry's
    # short stretched line, not the box's last line.
    references = ("References\n\n1.\n\n2.\n\n"
                  "Okafor,  N.  and  Lindqvist,  M.  (2023).  Attributing  summer  low\n"
                  "flows in a mixed upland catchment. Journal of Hydrology, 44(3).\n"
                  "Environment   Agency   (2021).\n"
                  "Method Statement. Bristol.\n\n"
                  " Ecological   Flow   Indicators:\n\n3\n")
    chapter = CHAPTER.replace("2022.1", "2022.").replace("twice.2", "twice.")
    text = body(normalise(tmp_path, pages("Siren Review\n\n", chapter, references)))
    assert "2.  Environment Agency (2021). Ecological Flow Indicators: Method Statement. Bristol." in text


def _run(text: str) -> State:
    return boxed_line_ends(State(path="x.txt", text=text))


BODY = prose(3) + "\n\n" + prose(4) + "\n\n"


def test_a_piece_with_two_lines_it_may_end_stays_where_it_is():
    # Two short stretched lines beside the piece (the box before it and the box after it): which
    # one it was cut from is not known.
    text = BODY + "Environment   Agency   (2021).\nMethod Statement.\n\n Ecological   Flow\n\n" \
                  "Highways   Board   (2017).\nBridge inspections.\n"
    assert _run(text).text == text


def test_a_line_opening_with_a_space_beside_no_short_stretched_line_stays_where_it_is():
    # A line opening with a space (a layout's indentation, a centred line), its neighbours full
    # or unstretched: no line was cut short.
    text = BODY + " Table 3\n\nThe rates below apply from April to every new loan of the bank.\n"
    assert _run(text).text == text


def test_an_export_without_justified_lines_is_left_as_it_is():
    text = ("Environment   Agency   (2021).\nMethod Statement.\n\n Ecological   Flow\n\n"
            "A short text of three lines\nwith no stretched spaces\nat all.\n")
    assert _run(text).text == text


def test_a_piece_across_a_page_end_stays_where_it_is():
    # The piece's neighbour box is on another page: no line of it was cut by this piece.
    text = BODY + "Environment   Agency   (2021).\nMethod Statement.\n\n3\n\f Ecological   Flow\n\nMore text.\n"
    assert _run(text).text == text
