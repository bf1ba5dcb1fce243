"""Two-column pages whose columns each carry their notes at their foot, exported in reading order
by an extractor that merges both columns by height, notes and all (pdftotext on troff's
two-column pages): each page is read again left column then right, on the text's own evidence
(note calls and definitions in sequence, a sentence cut at the left column's foot going on at the
top of the right one, numbered headings in order), and a page without such evidence keeps the
extractor's order.

The exports are built here: each column is a list of blocks standing one below the other, its
notes standing level with the other column's at the foot of the page; the page is written as the
blocks of both columns merged by their tops, the way pdftotext writes them."""

from __future__ import annotations

import importlib

from exports import assert_lines_kept, body, normalise

from pressroom.normalise.model import State

merged_module = importlib.import_module("pressroom.normalise.merged_columns")

HEAD = "Harbour Works Review"
TITLE = "Harbour Works Review\nA Report on the East Quay\nPort Engineering Group\n\n2024-05-01\n"
# The height of a page's columns, in lines: the notes of both stand level at its foot.
PAGE_LINES = 40

LEFT_2 = [
    "1. Origins",
    "The first quay at the mouth of the river was\nbuilt of timber by the town's merchants, who paid\n"
    "for it from the dues on every cargo landed.1 It\nserved the town for two whole centuries.",
    "1.1 The old quay",
    "The merchants kept it in repair themselves and\npatched the piles each winter with what timber\n"
    "the estates would sell them.2 They rebuilt the\nlanding stage twice over, and in the end",
]
RIGHT_2 = [
    "the council took it over when the last of the\nmerchants' companies closed its books.3",
    "The council kept the timber quay for ten more\nyears and then resolved to build in stone.",
    "1.2 The new quay",
    "The stone quay that replaced it was begun in the\nspring of the following year and finished within\n"
    "three seasons, at a cost met from reserves.4",
]
NOTES_LEFT_2 = ["1 The dues were set by a charter whose text survives\nonly in a later copy.",
                "2 The timber accounts of the estates are kept in the\ncounty record office."]
NOTES_RIGHT_2 = ["3 The last ledger of the company ends in the spring of\nthat year.",
                 "4 The reserves came from the rents of the harbour's\nwarehouses."]

LEFT_3 = [
    "2. Costs",
    "The works cost more than the engineers had said\nthey would, for reasons the council set out in a\n"
    "report to its members at the end of the year.5",
    "2.1 What was spent",
    "The largest share went on the foundations, which\nhad to be carried deeper than planned once the\n"
    "first borings found soft clay below the piles.6",
]
RIGHT_3 = [
    "2.2 What remains",
    "Two tasks remain: the dredging of the berth along\nthe new face and the rebuilding of the slipway\n"
    "at the north end, both planned for next summer.7",
    "The council will report again when both are done\nand the accounts of the works are closed.",
]
NOTES_LEFT_3 = ["5 The report was read at the members' meeting in\nDecember.",
                "6 The borings were made by the county surveyor."]
NOTES_RIGHT_3 = ["7 The slipway is used by the lifeboat and cannot be\nclosed for long."]


def _tops(blocks: list[str], start: float) -> list[tuple[float, str]]:
    """Each block with its top: blocks stand one below the other, a line apart (a heading with
    space above it)."""
    out, top = [], start
    for block in blocks:
        out.append((top, block))
        top += block.count("\n") + 1 + 1
    return out


def _foot(notes: list[str]) -> list[tuple[float, str]]:
    """A column's notes standing at the page's foot, each of their lines a block of its own (as
    pdftotext writes a foot set in a smaller size)."""
    lines = [line for note in notes for line in note.split("\n")]
    top = PAGE_LINES - len(lines)
    return [(top + i, line) for i, line in enumerate(lines)]


def merged_page(left: list[str], right: list[str], notes_left: list[str], notes_right: list[str],
                folio: int) -> str:
    """The page as pdftotext writes it: the blocks of both columns (text and notes) by their
    tops, the left column's first where they stand level."""
    blocks = [(top, 0, block) for top, block in _tops(left, 0) + _foot(notes_left)] \
        + [(top, 1, block) for top, block in _tops(right, 0) + _foot(notes_right)]
    ordered = [block for _, _, block in sorted(blocks, key=lambda b: (b[0], b[1]))]
    return "\n\n".join([HEAD, *ordered, str(folio)]) + "\n\n"


def read_page(left: list[str], right: list[str], notes_left: list[str], notes_right: list[str],
              folio: int) -> str:
    """The page in reading order: the left column and its notes, then the right column."""
    return "\n\n".join([HEAD, *left, *notes_left, *right, *notes_right, str(folio)]) + "\n\n"


def export(page, page_2=(LEFT_2, RIGHT_2, NOTES_LEFT_2, NOTES_RIGHT_2),
           page_3=(LEFT_3, RIGHT_3, NOTES_LEFT_3, NOTES_RIGHT_3)) -> str:
    return "\f".join([TITLE + "\n", page(*page_2, 2), page(*page_3, 3)])


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def test_columns_merged_with_their_notes_are_read_left_then_right(tmp_path):
    state = normalise(tmp_path, export(merged_page))
    text = body(state)
    paragraphs = _paragraphs(text)
    headings = [p for p in paragraphs if p.startswith("#")]
    assert headings == ["# 1. Origins", "## 1.1 The old quay", "## 1.2 The new quay", "# 2. Costs",
                        "## 2.1 What was spent", "## 2.2 What remains"]
    # the sentence cut at the foot of the left column is whole again
    joined = [p for p in paragraphs if "landing stage twice over" in p]
    assert len(joined) == 1 and "and in the end the council took it over" in joined[0]
    # every note is its own page's, whole, each at its call
    assert [note.number for note in state.notes.values()] == [1, 2, 3, 4, 5, 6, 7]
    assert text.index("The largest share") < text.index("## 2.2 What remains")
    assert "columns-merged" in {d.code for d in state.diagnostics.items}


def test_notes_lines_go_back_to_their_notes(tmp_path):
    state = normalise(tmp_path, export(merged_page))
    notes = {note.number: " ".join(note.text.split()) for note in state.notes.values()}
    assert notes[1].endswith("survives only in a later copy.")
    assert notes[3].endswith("in the spring of that year.")
    assert notes[5].endswith("meeting in December.")


def test_lines_keep_their_numbers_and_none_is_lost():
    text = export(merged_page)
    state = merged_module.merged_columns(State(path="x.txt", text=text))
    assert_lines_kept(text, state)
    # the left column's text, the right column's, then the notes of both
    page = state.text.split("\f")[1]
    order = [page.index(s) for s in ("1. Origins", "and in the end", "the council took it over",
                                     "1.2 The new quay", "1 The dues", "2 The timber", "3 The last")]
    assert order == sorted(order)


def test_pages_in_reading_order_are_not_read_again_as_merged():
    """An export that read each column whole, its notes at its foot (pdfminer, pypdfium2), breaks
    the evidence only where the left column's notes stand amid the text: those notes are moved
    below the right column's text, and nothing else changes place."""
    text = export(read_page)
    state = merged_module.merged_columns(State(path="x.txt", text=text))
    codes = {d.code for d in state.diagnostics.items}
    assert "columns-merged" not in codes and "columns-notes-moved" in codes
    page = state.text.split("\f")[1]
    order = [page.index(s) for s in ("1. Origins", "and in the end", "the council took it over",
                                     "1.2 The new quay", "1 The dues", "2 The timber", "3 The last")]
    assert order == sorted(order)
    # the left column's last sentence goes on at the top of the right one, in one paragraph
    assert "and in the end\nthe council took it over" in page
    assert sorted(l.strip("\f") for l in state.text.split("\n") if l.strip("\f")) == \
        sorted(l.strip("\f") for l in text.split("\n") if l.strip("\f"))
    assert len(state.text.split("\n")) == len(state.line_numbers)


def test_notes_amid_a_page_read_column_by_column_are_each_at_its_call(tmp_path):
    state = normalise(tmp_path, export(read_page))
    paragraphs = _paragraphs(body(state))
    joined = [p for p in paragraphs if "landing stage twice over" in p]
    assert len(joined) == 1 and "and in the end the council took it over" in joined[0]
    notes = {note.number: " ".join(note.text.split()) for note in state.notes.values()}
    assert sorted(notes) == [1, 2, 3, 4, 5, 6, 7]
    assert notes[2] == "The timber accounts of the estates are kept in the county record office."
    assert notes[3].endswith("in the spring of that year.")


def test_a_note_the_left_column_leaves_unfinished_goes_on_in_the_right_ones_notes(tmp_path):
    """troff carries a long note over to the foot of the next column: its rest is written at the
    top of the right column's notes, above their first definition."""
    notes_left = ["1 The dues were set by a charter whose text survives\nonly in a later copy.",
                  "2 The timber accounts of the estates are kept in the"]
    notes_right = ["county record office at Westgate.",
                   "3 The last ledger of the company ends in the spring of\nthat year.",
                   "4 The reserves came from the rents of the harbour's\nwarehouses."]
    text = export(read_page, page_2=(LEFT_2, RIGHT_2, notes_left, notes_right))
    state = normalise(tmp_path, text)
    notes = {note.number: " ".join(note.text.split()) for note in state.notes.values()}
    assert notes[2] == "The timber accounts of the estates are kept in the county record office at Westgate."
    assert "Westgate" not in body(state).split("[^1]:")[0]


def test_notes_amid_a_page_without_the_right_columns_notes_stay():
    """Text after a foot of notes, with no notes below it counting on, may be the next page's,
    whose page break the export left out: nothing says it is the right column."""
    right = [block.replace(".3", ".").replace(".4", ".") for block in RIGHT_2]
    text = export(read_page, page_2=(LEFT_2, right, NOTES_LEFT_2, []), page_3=(LEFT_2, right, NOTES_LEFT_2, []))
    state = merged_module.merged_columns(State(path="x.txt", text=text))
    assert state.text == text


def test_a_page_without_evidence_keeps_its_order():
    """No calls, no numbered headings, no sentence cut: nothing says which column a block is in."""
    left = ["The first quay was built of timber by the merchants\nof the town.",
            "They kept it in repair for two centuries."]
    right = ["The stone quay was begun in the spring of the\nfollowing year.",
             "It was finished within three seasons."]
    text = export(merged_page, page_2=(left, right, [], []), page_3=(left, right, [], []))
    state = merged_module.merged_columns(State(path="x.txt", text=text))
    assert state.text == text


def test_numbered_headings_count_on_and_roman_chapters_start_sections_afresh():
    numbering = merged_module._numbering
    breaks = merged_module._numbering_breaks
    assert breaks([numbering("2.2"), numbering("2.1")]) == 1
    assert breaks([numbering("2.2.1"), numbering("2.2.2"), numbering("3")]) == 0
    # a part's sections count from 1 again: no break
    assert breaks([numbering("I"), numbering("1"), numbering("2"), numbering("II"), numbering("1")]) == 0
    assert breaks([numbering("IV"), numbering("II")]) == 1


def _one_line_a_run(text: str) -> str:
    """The export with each run of lines written as one line (an export that prints each
    paragraph on one line, parted by blank lines), its form feeds kept."""
    return "\n\n".join(" ".join(run.split("\n")) for run in text.split("\n\n"))


def test_an_export_that_prints_each_paragraph_on_one_line_has_no_columns():
    """Lines that hold whole paragraphs were never printed lines, so no column's: the pages keep
    the export's order however their evidence reads (`make fuzz`, stops 24-27: a single column
    whose notes stand amid its pages, read as merged columns and reordered). The same pages hard
    wrapped are read again (the test above)."""
    wrapped = export(merged_page)
    assert merged_module.merged_columns(State(path="x.txt", text=wrapped)).text != wrapped
    text = _one_line_a_run(wrapped)
    state = merged_module.merged_columns(State(path="x.txt", text=text))
    assert state.text == text

