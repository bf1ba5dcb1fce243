"""Numbered headings that wrap (issue 11; fresh28b family 1): a board paper's sentence-case
headings, set in a larger type than the text, wrap over two or three lines; an extractor
writes them with no blank line around them, right above their first paragraph. The heading is
one block, not glued to its paragraph nor split into two headings; a numbered paragraph, a
line going on in lower case or a continuation ending a sentence is no heading."""

from __future__ import annotations

import random
import textwrap

import pytest

from exports import normalise

VOCABULARY = ("the cemetery ground was drained after the winter and the council agreed to buy "
              "new land while families waited for a decision on the plots to be made").split()

# The text's measure, and the headings' (larger type: fewer letters to a line).
TEXT_MEASURE = 68
HEADING_MEASURE = 50


def paragraph(rng: random.Random, words: int = 40) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def export(rng: random.Random, sections: list[tuple[str, list[str]]]) -> str:
    """A hard-wrapped export with no blank lines: each numbered heading wrapped at the headings'
    measure, then two paragraphs of text at the text's."""
    lines = [TITLE, ""]
    for heading, _ in sections:
        lines += textwrap.wrap(heading, HEADING_MEASURE)
        for _ in range(2):
            lines += textwrap.wrap(paragraph(rng), TEXT_MEASURE)
    return "\n".join(lines) + "\n"


TITLE = "Burial Space at the Town Cemetery"


def headings(state) -> list[str]:
    """The body's headings (the title, which the export leaves without a title page, aside)."""
    return [b.plain() for b in state.blocks if b.kind == "heading" and b.plain() != TITLE]


OPTIONS = [
    "1.1 Option A: make more intensive use of the existing cemetery",
    "1.2 Option B: extend onto the glebe field to the north of the cemetery",
    "1.3 Option C: a new cemetery at Pell Lane, on land that the Council already owns and "
    "currently lets as grazing",
    "1.4 Option D: a joint cemetery with the neighbouring district",
    "1.5 The preferred way forward",
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_numbered_heading_wrapped_over_lines_is_one_heading_above_its_text(tmp_path, seed):
    """`1.3 Option C: a new cemetery at Pell Lane, on land` / `that the Council already owns
    and currently lets` / `as grazing` / `The Pell Lane site is …`: the lines going on in lower
    case, closing no sentence, the last with room to spare, then a sentence: one heading."""
    rng = random.Random(seed)
    state = normalise(tmp_path, export(rng, [(h, []) for h in OPTIONS]))
    assert headings(state) == OPTIONS
    for block in state.blocks:
        if block.kind == "para":
            assert not block.plain().startswith("1."), block.plain()


def test_a_wrapped_heading_going_on_in_capitals_is_one_heading_where_the_others_show_the_measure(tmp_path):
    """`1.4 Option D: a joint cemetery with Ashcombe` / `District Council`: the second line opens
    in capitals, as a heading of its own would; but the first line and `District` reach the
    measure the document's other headings wrap at (those going on in lower case): wrapped."""
    rng = random.Random(5)
    sections = [*OPTIONS[:3], "1.4 Option D: a joint cemetery with the Ashcombe District Council", OPTIONS[4]]
    text = export(rng, [(h, []) for h in sections])
    assert "Ashcombe\nDistrict Council\n" in text
    state = normalise(tmp_path, text)
    assert headings(state) == sections


def test_a_capitalised_line_below_a_short_numbered_heading_is_not_joined_to_it(tmp_path):
    """Where the numbered line is short of the headings' measure, the capitalised line below it
    was not carried over from it: the two are not made one heading."""
    rng = random.Random(6)
    sections = [*OPTIONS[:3], "1.4 Option D", OPTIONS[4]]
    text = export(rng, [(h, []) for h in sections]).replace("1.4 Option D\n", "1.4 Option D\nShared Burial Ground\n")
    state = normalise(tmp_path, text)
    assert "1.4 Option D Shared Burial Ground" not in headings(state)
    assert "1.4 Option D" in headings(state)


def test_numbered_paragraphs_are_not_made_headings(tmp_path):
    """A document numbering its paragraphs (`2.1 The survey covered …`): each paragraph's lines
    go on in lower case, but it ends with a stop: no heading, whatever the line after it."""
    rng = random.Random(7)
    lines = [TITLE, "", "2. Findings"]
    for number in range(1, 6):
        lines += textwrap.wrap(f"2.{number} " + paragraph(rng, 30), TEXT_MEASURE)
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert set(headings(state)) <= {"2. Findings"}
    assert sum(b.plain().startswith("2.") and b.kind == "para" for b in state.blocks) == 5


@pytest.mark.parametrize("continuation, below", [
    ("as grazing.", "The Pell Lane site is free of the ground-water problem and could be used."),  # a sentence ends
    ("as grazing", "and the council agreed to buy new land while families waited for it."),      # it goes on
    ("as grazing, as", "The Pell Lane site is free of the ground-water problem and could be used."),  # leads on
    ("as grazing", "R = 8 + 1.5 × (1 − T) where T is the lowest forecast temperature."),          # a formula
])
def test_a_numbered_line_whose_lines_end_a_sentence_or_run_on_is_no_heading(tmp_path, continuation, below):
    """The run of lines below the numbered one closes a sentence, or ends on a word leading on
    (`… per square metre, as`), or the line after it goes on in lower case or opens with no
    word (a formula, `R = 8 + …`): a numbered paragraph, not a heading wrapped."""
    rng = random.Random(8)
    text = export(rng, [(h, []) for h in OPTIONS])
    wrapped = "1.3 Option C: a new cemetery at Pell Lane, on land\nthat the Council already owns and currently lets\nas grazing\n"
    assert wrapped in text
    end = text.index("1.4 Option D")
    text = (text[:text.index(wrapped)]
            + wrapped.replace("as grazing\n", continuation + "\n") + below + "\n" + text[end:])
    state = normalise(tmp_path, text)
    assert not any(h.startswith("1.3") for h in headings(state))

