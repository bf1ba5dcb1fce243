"""Where paragraphs begin and end around lines that end no sentence: a figure's or a table's
caption line, which nothing runs on from or into; a paragraph cut by a page break, which is
still one."""

from __future__ import annotations

import random
import textwrap

import pytest

from exports import normalise

VOCABULARY = ("the harbour wall was repaired after the storm and the council agreed to pay for "
              "new stone while boats waited outside in the bay for the tide to turn").split()


def paragraph(rng: random.Random, words: int = 45) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paged(pages: list[list[str]]) -> str:
    """pdftotext's reading-order shape: hard-wrapped lines, a form feed after each page."""
    return "\f".join("\n".join(page) + "\n" for page in pages)


CAPTIONS = ["Figure 1: Visits by site and activity, 2019–20 to 2023–24",
            "Figure 12. Causes of failure among the loops that did not work",
            "Table 3: Boats waiting outside the harbour by month",
            "Fig. 4: The harbour wall after the storm of 1953",
            "Chart 2: Monthly gas and electricity costs, April 2019 to March 2024"]


@pytest.mark.parametrize("blank", [False, True], ids=["no-blank", "blank-lines"])
@pytest.mark.parametrize("caption", CAPTIONS)
def test_a_caption_line_is_a_paragraph_of_its_own(tmp_path, caption, blank):
    """A caption set as a line of its own between paragraphs ends no sentence; it was joined to
    the paragraph below it as if a sentence ran on (fresh leisure-accounts and hearing-loops:
    `Figure 1: Visits by site … 2023–24 Growth was uneven.`, 95 % of captions)."""
    rng = random.Random(83)
    above, below = paragraph(rng), paragraph(rng)
    gap = [""] if blank else []
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), *gap, *textwrap.wrap(above, 72), *gap,
            caption, *gap, *textwrap.wrap(below, 72), *gap, *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 200), 72)]))
    texts = [b.plain() for b in state.blocks]
    assert caption in texts, texts
    assert below in texts, texts


WRAPPED_CAPTIONS = [
    "Figure 1: Causes of failure among the 69 loops in the harbour buildings that did not work as well",
    "Table 3: Boats waiting outside the harbour by month and by the state of the tide, 2019 to 2024",
    "Chart 2: Monthly gas and electricity costs at the harbour office, April 2019 to March 2024, in "
    "pounds"]


@pytest.mark.parametrize("blank", [False, True], ids=["no-blank", "blank-lines"])
@pytest.mark.parametrize("caption", WRAPPED_CAPTIONS)
def test_a_caption_wrapped_over_two_lines_is_a_paragraph_of_its_own(tmp_path, caption, blank):
    """A caption too long for its line wraps, its last words alone on the next line (`…that did
    not work` / `well`): that line had room for the next word, and the text below starts a
    sentence; it was joined to the paragraph below (fresh hearing-loops, leisure-accounts:
    `Figure 1: Causes of failure … did not work well This pattern matters…`)."""
    rng = random.Random(79)
    above, below = paragraph(rng), paragraph(rng)
    gap = [""] if blank else []
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), *gap, *textwrap.wrap(above, 72), *gap,
            *textwrap.wrap(caption, 72), *gap, *textwrap.wrap(below, 72), *gap,
            *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 200), 72)]))
    texts = [b.plain() for b in state.blocks]
    assert caption in texts, texts
    assert below in texts, texts


def test_a_paragraph_opening_with_a_figure_label_runs_on_past_a_short_line(tmp_path):
    """The negative case: a paragraph opening like a caption (`Figure 2: The wall …`) whose second
    line is short goes on in lower case: one sentence, one paragraph."""
    rng = random.Random(103)
    text = "Figure 2: The " + paragraph(rng, 40)[0].lower() + paragraph(rng, 40)[1:]
    lines = textwrap.wrap(text, 72)
    words = lines[1].split()
    lines[1:2] = [" ".join(words[:2]), " ".join(words[2:])]
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), "", *lines, "",
            *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 200), 72)]))
    assert text in [b.plain() for b in state.blocks]


@pytest.mark.parametrize("caption", CAPTIONS[:3])
def test_a_heading_after_a_caption_line_is_a_heading(tmp_path, caption):
    """A heading right below a caption (a table's, at a section's end) follows a block that ends
    no sentence, and was refused, then joined to the caption (fresh leisure-accounts: `Figure 3:
    Income and costs against budget, 2023–24 Notes to the Statement Memberships include …`)."""
    rng = random.Random(89)
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), "", caption, "",
            "Notes to the Statement", *textwrap.wrap(paragraph(rng), 72), "",
            "Funding the Works", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 200), 72)]))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Harbour Works", "Notes to the Statement", "Funding the Works"], found
    assert caption in [b.plain() for b in state.blocks]


def test_a_paragraph_cut_by_a_page_break_is_still_one(tmp_path):
    """The negative case: a paragraph the page break cut mid-sentence goes on in the next page's
    first block, and is healed into one."""
    rng = random.Random(97)
    text = paragraph(rng, 90)
    lines = textwrap.wrap(text, 72)
    first = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), "", *lines[:4]]
    second = [*lines[4:], "", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([first, second, textwrap.wrap(paragraph(rng, 200), 72)]))
    assert text in [b.plain() for b in state.blocks]


@pytest.mark.parametrize("shape", ["lower-case", "cut-word", "long-paragraph"])
def test_a_caption_like_line_inside_a_sentence_stays_in_it(tmp_path, shape):
    """Negative cases: a line opening with a figure's label is no caption when the label opens a
    clause in lower case (`Figure 2: the wall …`, a sentence the page break cut), when it ends in
    a cut word, or when it is one line of a paragraph that opens with the label."""
    rng = random.Random(101)
    if shape == "long-paragraph":
        text = "Figure 2: The " + paragraph(rng, 60)[0].lower() + paragraph(rng, 60)[1:]
        lines = textwrap.wrap(text, 72)
        first = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), "", *lines]
        second = textwrap.wrap(paragraph(rng), 72)
    else:
        head = paragraph(rng, 30)[:-1] + " as set out in"
        tail = ("Figure 2: the wall " if shape == "lower-case" else "Figure 2: The wall was re-")
        rest = paragraph(rng, 30)
        text = f"{head} {tail}{'' if tail.endswith('-') else ''}{rest[0].lower() + rest[1:]}"
        first = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72), "", *textwrap.wrap(head, 72)]
        second = [tail.rstrip(), *textwrap.wrap(rest[0].lower() + rest[1:], 72), "",
                  *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([first, second, textwrap.wrap(paragraph(rng, 200), 72)]))
    texts = [b.plain() for b in state.blocks]
    if shape == "long-paragraph":
        assert text in texts, texts
    else:
        assert any(b.startswith(head) and "Figure 2:" in b for b in texts), texts


def _wrap_to(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width)


@pytest.mark.parametrize("call", ["16", "", "7"])
def test_a_block_quote_ends_at_its_sentence_before_a_flattened_note_call(tmp_path, call):
    """A block quote set narrower whose last sentence carries a note call the notes pass could not
    read (`…do not wish to see another.16`): the call's digits after the stop ended no sentence,
    and the paragraphs and the heading below ran on into the quote (fresh lighthouse-logs × groff:
    `> … another.16 The inspectors took a cooler view. … made to sign.17 The Fog Signal …`)."""
    rng = random.Random(103)
    quote = paragraph(rng, 60)[:-1] + " and do not wish to see another." + call
    after = paragraph(rng, 40)[:-1] + " made to sign." + call
    page = ["Storm, Fog and Wreck", *_wrap_to(paragraph(rng, 60), 96),
            *_wrap_to(paragraph(rng, 30)[:-1] + " runs over two pages:", 96),
            *_wrap_to(quote, 84), *_wrap_to(after, 96), "The Fog Signal",
            *_wrap_to(paragraph(rng, 60), 96), *_wrap_to(paragraph(rng, 50), 96)]
    state = normalise(tmp_path, paged([page, _wrap_to(paragraph(rng, 300), 96)]))
    quoted = [b.plain() for b in state.blocks if b.quote]
    assert quoted == [quote], quoted
    assert after in [b.plain() for b in state.blocks]
    assert "The Fog Signal" in [b.plain() for b in state.blocks if b.kind == "heading"]


@pytest.mark.parametrize("ending", ["the bay.12 Then", "see no.12", "in 1851.3"])
def test_digits_after_a_stop_that_are_no_call_leave_the_sentence_open(tmp_path, ending):
    """Negative cases: digits after a stop that follow a number (`1851.3`, a decimal) or an
    abbreviation (`no.12`) close no sentence: a paragraph that the page break cut there is healed."""
    rng = random.Random(107)
    head = paragraph(rng, 40)[:-1] + " " + ending
    rest = "and " + paragraph(rng, 40)
    lines = _wrap_to(head, 72)
    first = ["Harbour Works", *_wrap_to(paragraph(rng), 72), "", *lines]
    second = [*_wrap_to(rest, 72), "", *_wrap_to(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([first, second, _wrap_to(paragraph(rng, 200), 72)]))
    assert f"{head} {rest}" in [b.plain() for b in state.blocks]


def test_a_numbered_paragraph_whose_marker_stands_below_its_heading(tmp_path):
    """groff sets a numbered paragraph's marker on a line of its own below a heading (`Workload in
    2023` / `7.` / blank / `In the calendar year…`), the paragraphs between printed whole (`5. The
    contract…`): the marker followed on from the last of those, but only lone markers counted, so
    it was taken for a stray number and joined to the heading (fresh court-interpreters × groff:
    `Workload in 2023 7.`, the heading lost)."""
    rng = random.Random(109)
    lines: list[str] = []
    headings = ["Introduction", "How Interpreters Are Booked", "Workload in 2023", "Recommendations"]
    number = 1
    expected_items = []
    for heading in headings:
        lines += [heading, f"{number}.", ""]
        text = paragraph(rng, 50)
        expected_items.append(f"{number}. {text}")
        lines += [*_wrap_to(text, 96), ""]
        number += 1
        for _ in range(2):
            text = paragraph(rng, 40)
            expected_items.append(f"{number}. {text}")
            lines += _wrap_to(f"{number}. {text}", 96)
            number += 1
        lines.append("")
    state = normalise(tmp_path, paged([lines[:len(lines) // 2], lines[len(lines) // 2:],
                                       _wrap_to(paragraph(rng, 300), 96)]))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == headings, found
    texts = [b.plain() for b in state.blocks]
    assert all(item in texts for item in expected_items), [i[:20] for i in expected_items if i not in texts]


CLAUSES = ["the unit at the harbour was repaired in June and ran for 5,900 hours, against 2,100 the",
           "the covers at both sites were replaced, and are now drawn every night",
           "the array on the roof of the harbour hall, 96 panels, was commissioned in late February 2024"]


@pytest.mark.parametrize("marker", ["1.", "•"])
def test_the_text_after_a_list_of_clauses_is_no_part_of_its_last_item(tmp_path, marker):
    """A list that is one sentence (items opening in lower case, closing with semicolons) ends
    with the item that closes with a full stop: the line after it that opens a sentence is the
    text below the list, even where that item's last line is full (fresh leisure-accounts: `3. the
    PV array … was commissioned in February. Together these cut gas use …`, 24 cases)."""
    rng = random.Random(113)
    items = [f"{marker if marker == '•' else f'{n}.'} {text}{';' if n < 3 else '.'}"
             for n, text in enumerate(CLAUSES, start=1)]
    after = "Together these cut gas use by an estimated 11%. " + paragraph(rng, 40)
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng, 60), 96), "Three measures reduced use during the year:",
            *[line for item in items for line in textwrap.wrap(item, 96)], *textwrap.wrap(after, 96),
            *textwrap.wrap(paragraph(rng, 60), 96)]
    assert 94 <= len(items[-1]) <= 96  # a full line: its length says nothing
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 300), 96)]))
    texts = [b.plain() for b in state.blocks]
    assert after in texts, texts
    assert items[-1] in texts, texts


def test_an_item_of_several_sentences_is_one_item(tmp_path):
    """Negative case: items that are sentences (opening in capitals) may hold several; a line
    opening one inside an item, after a full line closing the one before, is still the item's."""
    rng = random.Random(127)
    first = "2. The covers at both sites were replaced, and are now drawn every night by the staff on duty."
    second = "The pool hall loses far less heat overnight as a result, as the meters show."
    assert len(first) >= 94
    lines = ["1. The unit at the harbour was repaired in June and ran for 5,900 hours in all;", first, second]
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng, 60), 96), "Two measures reduced use:", *lines,
            *textwrap.wrap(paragraph(rng, 60), 96)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 300), 96)]))
    assert f"{first} {second}" in [b.plain() for b in state.blocks]


ROWS = ["Family Collections Median years stored First test (%) Latest test (%)",
        "Fabaceae 142 14 93 92", "Poaceae 231 13 94 91", "Asteraceae 198 15 92 88",
        "Orchidaceae 58 11 88 61"]


@pytest.mark.parametrize("wrapped", [False, True], ids=["rows", "a-cell-wrapped"])
@pytest.mark.parametrize("heading", ["B. The Short-Lived Families", "Notes to the Statement"])
def test_a_heading_below_a_tables_last_row_stands_alone(tmp_path, heading, wrapped):
    """A heading right below a table's last row (figures, no closing punctuation), with no blank
    line between (pypdf): the row ends no sentence, so the heading's line was no paragraph's
    start and ran into the table's block, then into the text below it (fresh seed-bank: `…
    Orchidaceae 58 11 88 61 27 49 B. The Short-Lived Families The Apiaceae…`, 39 cases). Where
    the rows were read as rows (number_rows), the headings pass refused the heading after one;
    where cells wrapped (`Harbour Collec-` / `tions`, `Fisher-` / `gate` / `87 16 96 91 5 12`) they stay text, and the heading
    ran into their block (reflow)."""
    rng = random.Random(131)
    text = paragraph(rng, 60)
    rows = (["Harbour Collec-", "tions", "Median years", "stored", "First test (%) Latest test", "(%)", "Median",
             "fall", "Below", "85%", "Northgate 142 14 93 92 1 9", "Southgate 231 13 94 91 3 27",
             "Eastgate 198 15 92 88 4 41", "Fisher-", "gate", "87 16 96 91 5 12", "Westgate 74 12 95 89 6 15",
             "Mill Quay 93 14 90 81 9 52", "Ropewalk 58 11 88 61 27 49"] if wrapped else ROWS)
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng, 60), 96), "The table sets out the results.", *rows,
            heading, *textwrap.wrap(text, 96), *textwrap.wrap(paragraph(rng, 60), 96)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 300), 96)]))
    assert heading in [b.plain() for b in state.blocks if b.kind == "heading"]
    assert text in [b.plain() for b in state.blocks]


def test_a_rows_wrapped_cell_is_no_heading(tmp_path):
    """Negative case: a row's cell wrapped onto a line of its own (`Centre Park`, words only,
    below a row ending in figures) is followed by the next row, not by running text: no heading."""
    rng = random.Random(137)
    rows = ["Route From To First bus Last bus Every (min) Weekly trips",
            "N1 City Harlow 23:40 04:40 30 4,210", "Centre Park", "N2 City Saltings 23:55 04:25 30 3,640",
            "Centre", "N3 Kingsmere Airport 23:45 05:45 45 1,530"]
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng, 60), 96), "The table sets out the routes.", *rows,
            *textwrap.wrap(paragraph(rng, 60), 96)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 300), 96)]))
    assert [b.plain() for b in state.blocks if b.kind == "heading"] == ["Harbour Works"]


@pytest.mark.parametrize("label", ["Land", "Key"])
def test_one_word_below_a_tables_last_row_is_no_heading(tmp_path, label):
    """Negative case: one word right below a table's last row is a row's label the extractor set
    apart (`Land`, a table read column by column, below `Total 350 1,900 3,400 1,600`) or the
    table's key (`Key`), as often as a heading: no heading made of it (a board paper, pdftotext;
    an airline's traffic tables, pypdf)."""
    rng = random.Random(139)
    page = ["Harbour Works", *textwrap.wrap(paragraph(rng, 60), 96), "The table sets out the results.", *ROWS,
            "Total 629 53 367 332", label, *textwrap.wrap(paragraph(rng, 60), 96)]
    state = normalise(tmp_path, paged([page, textwrap.wrap(paragraph(rng, 300), 96)]))
    assert label not in [b.plain() for b in state.blocks if b.kind == "heading"]
