"""Title pages run into what opens the text (issue 11): a subtitle wrapped after a possessive,
and exports with no page end after the title page (pypdf) whose text opens with short lines of
its own, which read as more title-page lines: a letter's address block above its salutation,
or an attendance list below a title page closed by its date."""

from __future__ import annotations

import random
import textwrap

import pytest

from exports import body, normalise

VOCABULARY = ("the ferry crossed the narrows every hour and the members asked the council to keep "
              "the service while the road round the loch added many miles to each journey").split()


def codes(state) -> set[str]:
    return {d.code for d in state.diagnostics.items}


def text_lines(rng: random.Random, sentences: int = 4, width: int = 72) -> list[str]:
    text = []
    for _ in range(sentences):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(10, 14))]
        text.append(" ".join(words).capitalize() + ".")
    return textwrap.wrap(" ".join(text), width)


TITLE = "The Narrows Ferry"
SUBTITLE = ["Response of the Ferry Users' Association to the Council's",
            "Consultation on Withdrawing the Service"]
AUTHOR = "Kilbride Ferry Users' Association"


def letter(rng: random.Random, address: list[str], salutation: str, subtitle=SUBTITLE) -> str:
    """pypdf's shape of a letter typeset with a title page: no page end, no blank line."""
    lines = [TITLE, *subtitle, AUTHOR, *address, salutation, *text_lines(rng)]
    for page in range(2, 6):
        lines += ["Summary of our position" if page == 2 else f"Question {page}", *text_lines(rng),
                  *text_lines(rng, 3), f"Page {page} of 5"]
    return "\n".join(lines) + "\n"


ADDRESS = ["Ms Harriet Okafor", "Head of Transport Policy", "Lochaber and Morvern Council",
           "Council Offices, Fort Brannock"]


@pytest.mark.parametrize("address, salutation", [
    (ADDRESS, "Dear Ms Okafor,"),                                   # the salutation names the addressee
    (["The Director of Transport", "Morvern Council", "Fort Brannock"], "Dear Director:"),
    (["Dr Ian Reid", "Transport Office", "Morvern Council"], "Dear Sir or Madam,"),  # a title opens it
])
def test_a_letters_address_block_is_no_author(tmp_path, address, salutation):
    state = normalise(tmp_path, letter(random.Random(1), address, salutation))
    assert state.meta["title"] == TITLE
    assert state.meta["subtitle"] == " ".join(SUBTITLE)
    assert state.meta["author"] == AUTHOR
    assert address[0] in body(state) and salutation in body(state)
    assert "title-page-from-shape" in codes(state)


def test_an_address_block_nothing_marks_is_not_guessed(tmp_path):
    # Negative: the salutation names nobody above it and no line opens with a title: where the
    # title page ends is not known, so this rule takes nothing (no address line becomes metadata
    # by it; the title page's own lines are read by the other rules or stay).
    address = ["Transport Office", "Morvern Council", "Fort Brannock"]
    state = normalise(tmp_path, letter(random.Random(2), address, "Dear Sir or Madam,"))
    author = state.meta.get("author")
    for line in address:
        assert line not in (author if isinstance(author, list) else [author])


def test_the_title_pages_last_line_twice_is_the_next_pages_head(tmp_path):
    # The running head repeats the author; pypdf sets page 2's head right below the title page's
    # author line, above the address block.
    rng = random.Random(3)
    lines = [TITLE, *SUBTITLE, AUTHOR, AUTHOR, *ADDRESS, "Dear Ms Okafor,", *text_lines(rng)]
    for page in range(2, 6):
        lines += [f"Question {page}", *text_lines(rng), *text_lines(rng, 3), AUTHOR]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert state.meta["author"] == AUTHOR
    assert state.meta["subtitle"] == " ".join(SUBTITLE)


MINUTES_TITLE = ["Winter Service Working Group", "Minutes of the Meeting Held on 14.11.2024",
                 "Vellmar District Council, Highway Operations", "2024-11-21"]
ATTENDANCE = ["Attendance", "Present:", "• Cllr Ruth Mabey, Cabinet Member for Highways (Chair)",
              "• Tobias Lindqvist, Head of Highway Operations", "• Priya Chandran, Winter Service Manager"]


def minutes(rng: random.Random, gap: bool = True, title_page=MINUTES_TITLE) -> str:
    lines = [*title_page, *([""] if gap else []), *ATTENDANCE]
    for item in range(1, 5):
        lines += [f"{item}. Item number {item}", *text_lines(rng), *text_lines(rng, 3)]
    return "\n".join(lines) + "\n"


def test_a_title_page_closed_by_its_date_above_an_attendance_list(tmp_path):
    state = normalise(tmp_path, minutes(random.Random(4)))
    assert state.meta["title"] == MINUTES_TITLE[0]
    assert state.meta["subtitle"] == MINUTES_TITLE[1]
    assert state.meta["author"] == MINUTES_TITLE[2]
    assert state.meta["date"] == "2024-11-21"
    assert "Present:" in body(state) and "Working Group" not in body(state)


def test_a_date_with_no_space_below_it_is_no_title_pages_end(tmp_path):
    # Negative: without the blank line a title page leaves, the date is no evidence of its end.
    # Nor is a label (`Present:`) or a list's item an author.
    state = normalise(tmp_path, minutes(random.Random(5), gap=False))
    assert "title-page-from-shape" not in codes(state)
    assert not any(name in str(state.meta.get("author")) for name in ("Present", "Tobias", "Attendance"))


def pdftotext_pages(pages: list[list[str]]) -> str:
    return "\f".join("\n".join(page) + "\n" for page in pages)


@pytest.mark.parametrize("possessive", ["the Council's", "the Region’s"])
def test_a_subtitle_wrapped_after_a_possessive_is_one_subtitle(tmp_path, possessive):
    # pdftotext, a page end after the title page: the subtitle's first line ends on a possessive,
    # whose noun opens the next line (`Consultation on Withdrawing the Service`), no author.
    rng = random.Random(6)
    subtitle = [f"Response of the Ferry Users' Association to {possessive}", "Consultation on Withdrawing the Service"]
    pages = [[TITLE, *subtitle, AUTHOR]]
    for page in range(2, 6):
        pages.append([f"Part {page}", *text_lines(rng), *text_lines(rng, 3), "", str(page)])
    state = normalise(tmp_path, pdftotext_pages(pages))
    assert state.meta["subtitle"] == " ".join(subtitle)
    assert state.meta["author"] == AUTHOR


def test_a_name_below_a_subtitle_with_no_possessive_stays_an_author(tmp_path):
    # Negative: the same shape whose subtitle ends on a complete phrase: the line below is a name.
    rng = random.Random(7)
    pages = [[TITLE, "Response of the Ferry Users' Association to the Council", "Margaret Ellery", AUTHOR]]
    for page in range(2, 6):
        pages.append([f"Part {page}", *text_lines(rng), *text_lines(rng, 3), "", str(page)])
    state = normalise(tmp_path, pdftotext_pages(pages))
    assert state.meta["author"] == ["Margaret Ellery", AUTHOR]
