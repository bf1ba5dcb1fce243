"""Pages of a reading-order export (pdftotext without -layout) whose two columns' blocks came out
interleaved: the reading order is recovered from the text's own evidence (sentence continuity,
the order of note calls, the contents list), and a page without such evidence keeps its order.

The exports are written here, in the shape pdftotext gives a two-column page: a running head, the
blocks of both columns merged by their height on the page, the notes set across the page, the
folio; form feeds between pages."""

from __future__ import annotations

import importlib

import pytest
from exports import assert_lines_kept, body, normalise

from pressroom.normalise.model import State

reading_order_module = importlib.import_module("pressroom.normalise.reading_order")

HEAD = "Harbour Works Review"
TITLE = "Harbour Works Review\nA Report on the East Quay\nPort Engineering Group\n"
CONTENTS = ("Contents\n"
            + "Origins " + ". " * 40 + "2\n"
            + "The old quay " + ". " * 38 + "2\n"
            + "The new quay " + ". " * 38 + "2\n"
            + "Costs " + ". " * 42 + "3\n"
            + "What was spent " + ". " * 37 + "3\n"
            + "What remains " + ". " * 38 + "3\n")

# Left column of page 2: a chapter heading, a section and a paragraph cut mid-sentence at the
# column's foot; its sentence goes on at the top of the right column.
LEFT_2 = [
    "Origins",
    "The old quay\nThe first quay at the mouth of the river was\nbuilt of timber by the town's "
    "merchants, who paid\nfor it from the dues on every cargo landed there. 1",
    "For two centuries the merchants kept it in repair\nthemselves, patching the piles each "
    "winter with\nwhat timber the estates would sell them, and",
]
RIGHT_2 = [
    "the council took it over only when the last of\nthe merchants' companies closed its "
    "books.",
    "The new quay",
    "The stone quay that replaced it was begun in the\nspring of the following year and "
    "finished within\nthree seasons, at a cost the council met from its\nreserves. 2",
]
NOTES_2 = ["1. The dues were set by a charter whose text survives only in a later copy kept in "
           "the town archive.",
           "2. The reserves had been built up over forty years from the rents of the harbour's "
           "warehouses and yards."]

LEFT_3 = [
    "Costs",
    "What was spent\nThe works cost more than the engineers had said\nthey would, for reasons "
    "the council set out in a\nreport to the members at the end of the year. 3",
    "The largest share went on the foundations, which\nhad to be carried deeper than planned "
    "once the\nfirst borings found soft clay below the old piles.",
]
RIGHT_3 = [
    "What remains",
    "Two tasks remain: the dredging of the berth along\nthe new face and the rebuilding of "
    "the slipway at\nthe north end, both planned for next summer. 4",
    "The council will report again when both are done\nand the accounts of the works are "
    "closed.",
]
NOTES_3 = ["3. The report was read at the members' meeting in December and printed in the "
           "council's yearbook.",
           "4. The slipway is used by the lifeboat and cannot be closed for more than six weeks at "
           "any one time."]


def _page(blocks: list[str], notes: list[str], folio: int) -> str:
    return "\n\n".join([HEAD, *blocks, "\n".join(notes), str(folio)]) + "\n\n"


def two_column_export(page_2: list[str], page_3: list[str]) -> str:
    return "\f".join([TITLE + "\n" + CONTENTS + "\n1\n\n", _page(page_2, NOTES_2, 2),
                      _page(page_3, NOTES_3, 3)])


# pdftotext's order: both columns merged by each block's top on the page. Page 2's right column
# starts with the end of the left column's last sentence; page 3's right column opens with a
# heading standing level with the left column's chapter heading.
INTERLEAVED_2 = [RIGHT_2[0], LEFT_2[0], RIGHT_2[1], LEFT_2[1], RIGHT_2[2], LEFT_2[2]]
INTERLEAVED_3 = [RIGHT_3[0], LEFT_3[0], RIGHT_3[1], LEFT_3[1], RIGHT_3[2], LEFT_3[2]]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def test_interleaved_columns_are_read_left_then_right(tmp_path):
    state = normalise(tmp_path, two_column_export(INTERLEAVED_2, INTERLEAVED_3))
    text = body(state)
    paragraphs = _paragraphs(text)
    headings = [p for p in paragraphs if p.startswith("#")]
    assert headings == ["# Origins", "## The old quay", "## The new quay", "# Costs",
                        "## What was spent", "## What remains"]
    # the sentence cut at the left column's foot is whole again, before the new quay's section
    joined = [p for p in paragraphs if "patching the piles" in p]
    assert len(joined) == 1 and "and the council took it over" in joined[0]
    assert text.index("patching the piles") < text.index("## The new quay")
    # the notes are the definitions of their page, each at its call
    assert [note.number for note in state.notes.values()] == [1, 2, 3, 4]
    assert text.index("The largest share") < text.index("## What remains")
    codes = {d.code for d in state.diagnostics.items}
    assert "columns-reading-order" in codes


def test_lines_keep_their_source_numbers(tmp_path):
    text = two_column_export(INTERLEAVED_2, INTERLEAVED_3)
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert_lines_kept(text, state)


def test_pages_in_reading_order_are_left_alone(tmp_path):
    text = two_column_export(LEFT_2 + RIGHT_2, LEFT_3 + RIGHT_3)
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text and state.line_numbers is None


def test_note_calls_alone_order_the_columns():
    """No sentence is cut and no contents list is printed: the calls 3 and 4 of the right
    column come before the left column's 1 and 2 in the export, the definitions say 1 to 4."""
    left = ["The quay was built of timber by the merchants,\nwho paid for it from the dues on "
            "every cargo. 1",
            "They kept it in repair themselves for two\ncenturies, patching the piles each "
            "winter. 2"]
    right = ["The stone quay that replaced it was begun in\nthe spring and finished within "
             "three seasons. 3",
             "It cost the council less than the engineers had\nfeared it would cost them. 4"]
    notes = ["1. The dues were set by a charter whose text survives only in a later copy kept in "
             "the town archive.",
             "2. The piles were of oak from the estates upstream, floated down the river each "
             "autumn to the yard.",
             "3. The stone came from the quarry at the head of the valley, brought down by the "
             "narrow-gauge railway.",
             "4. The engineers' estimate is printed in full in the council's yearbook for the "
             "year the works began."]
    page = "\n\n".join([HEAD, right[0], left[0], right[1], left[1], "\n".join(notes), "2"])
    text = "\f".join([TITLE + "\n1\n", page + "\n", page.replace("\n2", "\n3") + "\n"])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    pages = state.text.split("\f")
    assert pages[1].index("by the merchants") < pages[1].index("patching the piles") \
        < pages[1].index("The stone quay") < pages[1].index("less than the engineers")


def test_one_column_text_is_never_reordered(tmp_path):
    """Lines as wide as the widest line: one column. A block opening in lower case after a
    finished sentence (an extractor's stray line), with no sentence cut at the page's foot for it
    to go on from, is no evidence of columns there."""
    wide = ("The council met in the spring to review the harbour project and all of its many "
            "costs, and asked")
    page = "\n\n".join([HEAD, wide + "\nfor an account. 1", "and more text that opens in lower "
                        "case after a sentence that ended in the block above it.",
                        wide + "\nfor a plan. 2",
                        "1. A note.\n2. Another note.", "2"])
    text = "\f".join([TITLE + "\n1\n", page + "\n", page + "\n"])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text


def calls_going_back() -> str:
    """Calls that go back (2 before 1) inside one block of a narrow-column page."""
    narrow = "The quay was built of timber by the merchants"
    page = "\n\n".join([HEAD, narrow + ",\nwho paid for it from the dues. 2 Then the\n"
                        "council took it over. 1", narrow + "\nand kept in repair for years.",
                        "1. The dues were set by a charter whose text survives only in a later "
                        "copy kept in the archive.\n2. The council's minutes record the day it "
                        "took the quay over from the merchants.", "2"])
    return "\f".join([TITLE + "\n1\n", page + "\n", page + "\n"])


def test_evidence_no_split_mends_keeps_the_order():
    """No order of the blocks mends calls going back inside one block: the extractor's order is
    kept, and said."""
    text = calls_going_back()
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text
    assert "columns-order-kept" in {d.code for d in state.diagnostics.items}


def test_a_chapter_opens_its_page():
    """No sentence is cut, no note called, no contents printed: the right column's first heading
    stands level with the chapter's heading and comes first in the export. The chapter's
    heading, which the page's running head repeats, opens the page's text."""
    left = ["Costs",
            "The works cost more than the engineers had said\nthey would, for reasons the "
            "council set out in a\nreport to the members at the end of the year.",
            "The largest share went on the foundations, which\nhad to be carried deeper than "
            "planned once the\nfirst borings found soft clay below the old piles."]
    right = ["What remains",
             "Two tasks remain: the dredging of the berth along\nthe new face and the rebuilding "
             "of the slipway at\nthe north end, both planned for next summer.",
             "The council will report again when both are done\nand the accounts of the works "
             "are closed for good."]
    note = ("1. The yearbook prints the engineers' estimate in full, with the council's comments "
            "on each of its items.")
    page = "\n\n".join(["Costs", right[0], left[0], right[1], left[1], right[2], left[2], note, "3"])
    text = "\f".join([TITLE + "\n1\n", page + "\n"])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    body = state.text.split("\f")[1]
    assert body.index("Costs\n\nThe works cost") < body.index("The largest share") \
        < body.index("What remains") < body.index("Two tasks remain") < body.index("will report again")


def test_a_tables_cells_move_together():
    """pdftotext writes each cell of a table as a block: the cells of the right column's table,
    cut apart by the left column's last paragraph standing level with its last rows, are one
    table again below the text that introduces it, and the page is read as two columns."""
    left = ["Origins",
            "The old quay\nThe first quay at the mouth of the river was\nbuilt of timber by the "
            "town's merchants, who paid\nfor it from the dues on every cargo landed there,\n"
            "and mended by them each winter when the ice",
            "had gone, with what timber the estates would sell\nthem at a price they could pay, "
            "and"]
    rows = [("Year", "Cargoes")] + [(str(year), str(400 - 10 * n)) for n, year in
                                    enumerate(range(1850, 1920, 10))]
    cells = [cell for row in rows for cell in row]
    right = ["the council took it over only when the last of\nthe merchants' companies closed its "
             "books. The\ncargoes it handled are these:"]
    export = [right[0], left[0], left[1], *cells[:12], left[2], *cells[12:]]
    text = "\f".join([TITLE + "\n" + CONTENTS + "\n1\n\n", _page(export, NOTES_2, 2)])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    page = state.text.split("\f")[1]
    assert page.index("Origins") < page.index("The old quay") < page.index("had gone") \
        < page.index("the council took it over") < page.index("these:") < page.index("Year") \
        < page.index("1850") < page.index("1910")


def test_a_title_page_is_no_evidence_for_the_next():
    """A title page ends without a stop; the first page's text is not its sentence going on (nor
    the end of its last block's sentence, cut at the foot of the page)."""
    page = "\n\n".join([HEAD, "the council met in spring to review the harbour and its many\n"
                        "costs, and asked the engineers for a full account of the work.",
                        "The engineers answered in writing before the summer of that year,\n"
                        "and the council accepted their account of it at the meeting that",
                        "1. A note set across the whole width of the page, in a smaller size than "
                        "the text above it, and so holding many more words on its line.", "2"])
    text = "\f".join(["Harbour Works on the East Quay\nA Review of the First Year of the Works\n"
                      "Port Engineering Group\n", page + "\n",
                      page.replace("the council met", "The council met") + "\n"])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text


# A two-column page whose notes are set at the foot of its LEFT column (typst's two-column
# design), in pdftotext's order: the right column's text, level with the chapter's heading, is
# written before the left column; the left column's last paragraph, cut mid-word at the notes,
# and the notes below it are one block (no blank line where the notes stand right below the
# text). The left column holds two paragraphs in that block (the design parts them by no space):
# the first one's short last line is no sign that the block ends its sentence.
# pdftotext joins a hyphenated line's halves into one long line (`sea-\nwall` → `seawall`).
GLUED_LEFT = [
    "The works cost more than the engineers had said they would, for reasons the council set "
    "out in a seawall report to the members at the end of the year. 1",
    "The largest share went on the foundations, which\nhad to be carried deeper than planned "
    "once the\nfirst borings found soft clay below the old\npiles. 2\nThe rest went on the stone "
    "facing of the new\nquay wall, whose progress had always been de-",
]
GLUED_NOTES = ["1The report was printed in the council's yearbook.",
               "2The borings were made by a firm from the city, in",
               "the winter before the works began."]
GLUED_RIGHT = ("pended on the weather, since the masons could set\nstone only on the calmest days "
               "of the summer,\nso that the facing took two seasons, not one.")


def glued_notes_page(right: str = GLUED_RIGHT) -> str:
    left_foot = GLUED_LEFT[1] + "\n" + "\n".join(GLUED_NOTES)
    page = "\n\n".join(["Costs", "Costs", right, GLUED_LEFT[0], left_foot, "2"])
    return "\f".join([TITLE + "\n1\n", page + "\n"])


def test_notes_at_the_left_columns_foot_end_its_text(tmp_path):
    """The notes glued below the left column's last line are the page's foot: the right
    column's text, opening in lower case, goes on from the word cut above them."""
    text = glued_notes_page()
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    page = state.text.split("\f")[1]
    assert page.index("The works cost") < page.index("The largest share") \
        < page.index("been de-") < page.index("pended on the weather") \
        < page.index("1The report") < page.index("2The borings") < page.index("the winter before")
    assert "columns-reading-order" in {d.code for d in state.diagnostics.items}
    # nothing lost, nothing added: the same lines, reordered
    assert sorted(page.split("\n")) == sorted(text.split("\f")[1].split("\n"))

    normalised = normalise(tmp_path, text, "harbour")
    paragraphs = _paragraphs(body(normalised))
    cut = [p for p in paragraphs if "had always been" in p]
    assert len(cut) == 1 and "been depended on the weather" in cut[0]
    assert [note.number for note in normalised.notes.values()] == [1, 2]


def test_numbered_lines_ending_a_block_are_notes_only_when_called():
    """A numbered list ending a block, its numbers called nowhere above it, is the page's text:
    no foot is split off, and with nothing else broken the page keeps its order."""
    listed = GLUED_LEFT[1].replace(" 2\n", "\n") + "\n1. Dredge the berth.\n2. Rebuild the slipway."
    page = "\n\n".join(["Costs", "Costs", GLUED_LEFT[0].replace(" 1", ""), listed, "2"])
    text = "\f".join([TITLE + "\n1\n", page + "\n"])
    lines = text.split("\n")
    pages = reading_order_module._pages(lines, list(range(1, len(lines) + 1)))
    blocks = reading_order_module._blocks(pages[1])
    _, movable, foot, notes = reading_order_module._partition(blocks, set(), {})
    assert notes == set() and movable[-1].lines[-1] == "2. Rebuild the slipway."


# The same design as pdfminer writes it: a box for each paragraph (the chapter's heading in the
# box of the paragraph it opens), a note's last line boxed apart from its definition, and the
# right column's top, standing higher than the left column's heading, first. Every line, the
# notes' too, holds a column's measure: nothing in the widths says the page has two columns.
BOXED_BEFORE = ("Origins\n\nOrigins\nThe first quay at the mouth of the river was\nbuilt of "
                "timber by the town's merchants, who\npaid for it from the dues on each cargo.\n\n"
                "For two centuries the merchants kept it in\nrepair themselves, patching the piles "
                "each\nwinter with what timber they could buy.\n\n1\n")
BOXED_COSTS = [
    "Costs\nThe works cost more than the engineers had said\nthey would, for reasons the "
    "council set out in a\nreport to the members at the end of the year. 1",
    "The largest share went on the foundations, which\nhad to be carried deeper than planned "
    "once the\nfirst borings found soft clay below the old piles. 2",
    "The rest went on the stone facing of the new\nquay wall, whose progress had always been de-",
    "1The report was printed in the council's year-", "book.",
    "2The borings were made by a firm from the city.",
    "2",
]
BOXED_AFTER = ("What Remains\n\nWhat Remains\nTwo tasks remain: the dredging of the berth along\n"
               "the new face and the rebuilding of the slipway,\nboth planned for next summer.\n\n3\n")


def boxed_export(right: str = GLUED_RIGHT, after: str = BOXED_AFTER,
                 before: str = BOXED_BEFORE) -> str:
    return costs_export(["Costs", right, *BOXED_COSTS], after, before)


def costs_export(costs: list[str], after: str = BOXED_AFTER, before: str = BOXED_BEFORE) -> str:
    """The four-page export whose third page holds the `costs` blocks, in the order given."""
    return "\f".join(["Harbour Works Review\nA Report on the East Quay\n", before,
                      "\n\n".join(costs) + "\n", after])


def reordered_costs_page(text: str) -> str:
    """The third page (the costs') of `text` after the reading-order pass."""
    return reading_order_module.reading_order(State(path="x.txt", text=text)).text.split("\f")[2]


def test_column_top_written_first_goes_on_from_the_cut(tmp_path):
    """No line is wider than a column's, yet the evidence is plain at both ends of the page: its
    first block opens in lower case after a page that ended its sentence, its last block stops
    mid-word above the notes, and the next page opens a chapter. The first block goes on from the
    cut word; the chapter's heading opens the page."""
    text = boxed_export()
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    page = state.text.split("\f")[2]
    assert page.index("Costs\nThe works cost") < page.index("been de-") \
        < page.index("pended on the weather") < page.index("1The report") < page.index("book.")
    assert "columns-reading-order" in {d.code for d in state.diagnostics.items}

    normalised = normalise(tmp_path, text, "harbour")
    paragraphs = _paragraphs(body(normalised))
    assert paragraphs.index("# Costs") < [i for i, p in enumerate(paragraphs)
                                          if p.startswith("The works cost")][0]
    cut = [p for p in paragraphs if "had always been" in p]
    assert len(cut) == 1 and "been depended on the weather" in cut[0]
    # the top block is not joined to the end of the page before
    assert [p for p in paragraphs if "what timber they could buy" in p][0].endswith("buy.")
    assert [note.number for note in normalised.notes.values()] == [1, 2]


def test_a_column_top_first_without_plain_evidence_keeps_its_place():
    """The same page, where the page before stops mid-sentence (the lower-case block may go on
    from it) or the next page opens in lower case (the cut word may go on there): the order is
    kept."""
    open_before = BOXED_BEFORE.replace("what timber they could buy.", "what timber they could buy")
    open_after = ("Costs\n\nlayed by storms in the second winter, when the\nsea broke over the "
                  "unfinished wall twice.\n\n3\n")
    for text in (boxed_export(before=open_before), boxed_export(after=open_after)):
        state = reading_order_module.reading_order(State(path="x.txt", text=text))
        assert state.text == text


def test_two_columns_notes_side_by_side_and_a_run_of_right_column_blocks(tmp_path):
    """Both columns end in notes, their lines side by side as pdfminer writes them (`2…`, `3…`,
    then each one's end); the right column's top is two blocks, the first calling note 3; the
    left column's list has an item cut by a box (a break the export has whatever the order). The
    two blocks go on after the cut word, in their order, and the notes are the page's foot."""
    right = ["pended on the weather, since the masons could set\nstone only on the calmest days "
             "of the summer. 3",
             "The council has since asked for the facing of the\nnext wall to be cast in "
             "concrete, which can be\npoured in any weather at all."]
    costs = ["Costs",
             *right,
             BOXED_COSTS[0],
             "The works fell into three parts, in this order:",
             "• the foundations, carried deeper than planned, and",
             "found soft clay; 2",
             "• the facing of the new quay wall.",
             "The rest of the money went on the stone facing,\nwhose progress had always been de-",
             "1The report was printed in the council's year-", "book.",
             "2The borings were made by a firm from the city,",
             "3The weather records are kept at the harbour",
             "in the winter before the works began.", "office.",
             "2"]
    text = costs_export(costs)
    page = reordered_costs_page(text)
    assert page.index("Costs\nThe works cost") < page.index("been de-") \
        < page.index("pended on the weather") < page.index("The council has since") \
        < page.index("1The report") < page.index("office.")

    _assert_the_cut_word_is_mended(tmp_path, text)


def test_a_page_cut_at_both_ends_that_no_move_mends_keeps_its_order_and_says_so():
    """The top block opens in lower case after a finished page and the last one stops mid-word,
    but the top block calls the page's notes backwards (2, then 1): in no order do the calls go
    forward. The evidence conflicts: the order is kept, and a diagnostic says so."""
    right = GLUED_RIGHT.replace("weather,", "weather, 2").replace("not one.", "not one. 1")
    text = boxed_export(right=right)
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text
    assert "columns-order-kept" in {d.code for d in state.diagnostics.items}


def test_columns_merged_by_height_with_notes_as_wide_as_the_text(tmp_path):
    """pdftotext's merge of both columns' blocks by height on a page whose notes are as wide as
    the text (each column's, at its foot): no line is wider than a column's, but the page says
    it has two columns. Its chapter heading stands alone first, the right column's top (in lower
    case, after the heading) next, and the left column's last paragraph stops mid-word."""
    right = ["pended on the weather, since the masons could set\nstone only on the calmest days "
             "of the summer. 3",
             "The council has since asked for the facing of the\nnext wall to be cast in "
             "concrete, which can be\npoured in any weather at all."]
    left = [BOXED_COSTS[0].split("\n", 1)[1], BOXED_COSTS[1],
            "The rest went on the stone facing of the new\nquay wall, whose progress had always "
            "been de-"]
    notes = "\n".join(["1The report was printed in the council's yearbook.",
                       "2The borings were made by a firm from the city.",
                       "3The weather records are kept at the harbour office."])
    costs = ["Costs", "Costs", right[0], left[0], right[1], left[1], left[2], notes, "2"]
    text = costs_export(costs)
    page = reordered_costs_page(text)
    assert page.index("Costs\n\nThe works cost") < page.index("The largest share") \
        < page.index("been de-") < page.index("pended on the weather") \
        < page.index("The council has since") < page.index("1The report")

    _assert_the_cut_word_is_mended(tmp_path, text)


def _assert_the_cut_word_is_mended(tmp_path, text: str) -> None:
    """Normalised, the paragraph cut at `been de-` goes on with `pended on the weather` (one
    paragraph, the word whole) and the page's three notes are found in order."""
    normalised = normalise(tmp_path, text, "harbour")
    paragraphs = _paragraphs(body(normalised))
    cut = [p for p in paragraphs if "had always been" in p]
    assert len(cut) == 1 and "been depended on the weather" in cut[0]
    assert [note.number for note in normalised.notes.values()] == [1, 2, 3]


def test_a_one_column_page_under_a_folio_and_a_head_keeps_its_order(tmp_path):
    """An odd-even design read by pdftotext: each page opens with its folio, then the running
    head (the title on even pages, the author on odd), each a line of its own; where a raised
    call straddles two printed lines pdftotext joins them into one twice as long (troff's
    pages), so the widths do not say one column. The head standing second is furniture like
    the folio above it, not a block that breaks the sentence the page before left open: the
    page keeps its order (it was read as two columns, and the next section moved above the
    sentence's end)."""
    line = "the spinners of the east mill kept their own counts of the shifts they worked and"
    joined = f"{line} {line}"  # two printed lines that pdftotext wrote as one

    def page(folio: int, opening: str, heading: str, cut: str) -> str:
        head = "Voices from the Mills" if folio % 2 == 0 else "Zuzanna Krawczyk"
        top = f"{folio}\n\n{head}" if folio % 2 == 0 else f"{head}\n\n{folio}"
        return (f"{top}\n\n{opening}\n{line}\n{joined}\nthe mill was quiet.\n\n"
                f"{heading}\n{line}\n{joined}\n{line}\n{cut}\n\n")
    pages = ["Voices from the Mills\nAn Oral History\n\nZuzanna Krawczyk\n\n",
             page(2, "We found the speakers in the halls, and", "The Speakers",
                  "and the speakers told us that this method of finding them has obvious"),
             page(3, "weaknesses: it finds sociable people first, and", "The Interviews",
                  "and each of the interviews we recorded at home lasted between one and"),
             page(4, "three hours, as long as the speaker wished, and", "Silences",
                  "and some of the subjects that the speakers raised with us were hard"),
             page(5, "to raise, and the team left them to the last, and", "Archiving",
                  "and the recordings went to the city archive when the project closed.")]
    text = " ".join(body(normalise(tmp_path, "\f".join(pages), "mills")).split())
    for seam in ("obvious weaknesses", "one and three hours", "hard to raise"):
        assert seam in text, seam
    assert text.index("obvious weaknesses") < text.index("The Interviews") < text.index("one and three")
    assert text.index("three hours") < text.index("Silences") < text.index("hard to raise")


def test_a_paragraph_below_a_pages_notes_is_text_and_the_next_page_goes_on_with_it(tmp_path):
    """A one-column export that prints each paragraph on one line, its notes amid the page (a
    page holding the title and contents sets them above the first chapter): the paragraphs
    below the notes are no note's end boxed apart (their lines are far longer than the note's),
    so the page ends mid-sentence with them, and the next page opening in lower case goes on
    with that sentence in its own order. Notes may be written `^1 Text` (`make fuzz`, stop 25:
    the next page's blocks were swapped and a word glued to another, `organizabetween`)."""
    sentence = ("The harbour board met each spring to review the works and to agree what the "
                "council would pay for the next season of dredging and repair.")
    for marker, call in (("1.", "1"), ("^1", "^1")):
        pages = [
            f"Harbour Works\n\nContents\n\nOrigins\t2\nThe old quay\t2\nThe new quay\t3\n\n"
            f"{sentence} It paid.{call}\n\n"
            f"{marker} The board's minutes survive from 1890.\n\nOrigins\n\n{sentence}\n\n"
            f"{sentence} Members then asked for a full account of the works and",
            f"between them the engineers gave it. {sentence}\n\n"
            f"{sentence} The last of the works was the slip-\n\n"
            f"{marker.replace('1', '2')} The slipway was rebuilt in 1911.",
            f"way, which the fleet still uses.{call.replace('1', '2')} {sentence}",
        ]
        state = normalise(tmp_path, "\n\f".join(pages) + "\n")
        assert len(state.notes) == 2, marker
        text = " ".join(body(state).split())
        assert "works and between them the engineers" in text, marker
        assert "the slipway, which the fleet" in text, marker


# One column, as pdftotext reads troff's pages: where a raised call straddles two printed lines
# it writes them as one line twice as long, so the widths do not say one column and each page's
# order is weighed as two columns' would be.
_LINE = "the partners lent one another objects that had been in store for half a century, and"
_JOINED = f"{_LINE} {_LINE}"


def _one_column_export(page_blocks: list[str], notes: list[str]) -> str:
    page = "\n\n".join([HEAD, *page_blocks, "\n".join(notes), "2"])
    return "\f".join([TITLE + "\n1\n", page + "\n", page.replace("\n2", "\n3") + "\n"])


def _summary(markers: list[str]) -> list[str]:
    """A paragraph leading into a list whose first marker pdftotext wrote as the paragraph's last
    line, the items in lower case, each further marker a block of its own."""
    items = ["the exhibitions reached many visitors, about a third of whom had not visited any of\n"
             "the host museums before;",
             "the average cost of a loan was lower than expected, but the first loan between two\n"
             "museums cost nearly three times as much as later ones;",
             "small museums gained the most, and were also the most likely to drop out."]
    blocks = [f"Summary\nBetween 2019 and 2024 eleven museums organised exhibitions from\n{_JOINED}\n"
              f"their own stores. The main findings are:\n{markers[0]}"]
    for marker, item in zip([None, *markers[1:]], items):
        if marker:
            blocks.append(marker)
        blocks.append(item)
    blocks.append(f"We recommend that the network continue, with a shared registrar.\n{_JOINED}\nthe end.")
    return blocks


def test_a_list_marker_ending_a_block_leads_into_an_item_in_lower_case():
    """`…findings are:` / `•`, then `the exhibitions reached…`: the item goes on from its marker,
    no sentence is broken and the page keeps its order (the items were moved below the next
    paragraph as a right column's)."""
    for markers in (["•", "•", "•"], ["1.", "2.", "3."]):
        text = _one_column_export(_summary(markers), ["1. A note."])
        state = reading_order_module.reading_order(State(path="x.txt", text=text))
        assert state.text == text, markers


def test_a_list_marker_is_no_evidence_when_no_item_follows():
    """The negative case: a paragraph whose block ends in a marker, followed by a block opening
    in lower case, stays evidence of nothing more; a block opening in lower case after a finished
    sentence (no marker) still breaks the order and is read as a column's top."""
    blocks = _summary(["•", "•", "•"])
    blocks[0] = blocks[0].rsplit("\n", 1)[0].replace("findings are:", "findings follow.")
    text = _one_column_export(blocks, ["1. A note."])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text != text


def test_a_number_after_no_is_no_note_call():
    """`No. 2 in the network's numbering` below a paragraph calling notes 1 to 3: the number
    introduced by an abbreviation is no call going back, and the page keeps its order (the
    paragraph with `No. 2` was moved above the one calling notes 1 to 3)."""
    blocks = [f"A Short History\nA similar scheme ran on the Baltic coast until 1968,1 and a Dutch\n"
              f"{_JOINED}\nprovincial network ran in the 1980s.2 Both ended over costs.3",
              f"No. 2 in the network's numbering was the most visited, with 71,300 visitors at\n"
              f"{_JOINED}\nthree venues, and the most expensive."]
    notes = ["1. K. Lindqvist, Museer i samarbejde, pp. 112–140.",
             "2. The scheme is described in the consultants' annual reports.",
             "3. Lindqvist gives the network's accounts for its last six years."]
    text = _one_column_export(blocks, notes)
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text
    # the negative case: a call after a word's stop (`visited.2`) is a call going back
    moved = text.replace("No. 2 in the network's numbering was the most visited,",
                         "The second exhibition was the most visited.2 It had")
    state = reading_order_module.reading_order(State(path="x.txt", text=moved))
    assert state.text != moved


def test_a_list_whose_first_marker_ends_the_block_introducing_it_keeps_its_order(tmp_path):
    """A one-column page (troff's, read by pdftotext: lines joined where a call straddles two
    printed lines, so the widths do not say one column) with a bulleted list: pdftotext writes
    the list's first marker in the block of the line introducing it (`…before it is stored:` /
    `•`), then each item in lower case, a block of its own, the next marker between. The item
    after the introducing block goes on from its marker, not from a sentence cut elsewhere: the
    page keeps its order (corpus water-meters, groff pdftotext: the items moved below the page
    and the heading above them taken into the list)."""
    line = "the meters report their readings every fifteen minutes over the radio network and"
    joined = f"{line} {line}"  # two printed lines that pdftotext wrote as one

    def page(folio: int, blocks: list[str]) -> str:
        return "\n\n".join(["Smart Meter Pilot", *blocks, str(folio)]) + "\n\n"

    text = "\f".join([
        "Smart Meter Pilot\nAn Evaluation\n\nKelsby Water Services\n\n",
        page(2, [f"Overview\nThe trial fitted four thousand homes with new meters, and\n{line}\n{joined}\n"
                 "the company watched the results closely.",
                 f"Data Collected\nOver the two years the platform received many readings, and\n{line}\n"
                 "the readings were stored.\nQuality checks\n"
                 "Every reading passes through three automatic checks before it is stored:\n•",
                 "the volume must not go backwards, except when the reverse-flow flag is set;",
                 "•",
                 "the implied flow between two readings must not exceed the capacity of a\n"
                 "domestic supply pipe;",
                 "•",
                 "the time must fall within five minutes of the gateway's own clock.",
                 f"About one reading in a thousand failed one of the checks, and\n{line}\n{joined}\n"
                 "the engineers looked at each of them."]),
        page(3, [f"Results\nThe trial found leaks sooner than quarterly reading did, and\n{line}\n"
                 f"{joined}\nthe customers were told at once."])])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text


def test_a_numbered_heading_ending_a_page_is_its_text_not_its_notes(tmp_path):
    """A one-column page (pdftotext of troff's pages: joined lines twice the measure) ending with
    a numbered chapter heading and its first section, cut mid-word at the page's foot
    (`2. The Homes and the Installations` / `2.1 The homes` / `…11.4 kilo-`): the `2.` opens no
    note's definition, as nothing on the page calls a 2, and the block is the page's text, which
    the next page goes on with (`watts.`). The next page keeps its order (it was read as two
    columns, its next chapter, `3. Monitoring`, moved above `watts.`, corpus heat-pumps groff
    pdftotext); a definition the page calls stays its note."""
    line = "the homes were heated by the new pumps through the coldest weeks of the winter and"
    joined = f"{line} {line}"  # two printed lines that pdftotext wrote as one

    def page(folio: int, blocks: list[str]) -> str:
        return "\n\n".join([*blocks, str(folio)]) + "\n\n"

    text = "\f".join([
        "Heat Pumps in Terraced Housing\nMonitoring Results\n\nNorthern Housing Trust\n\n",
        page(2, [f"1. Introduction\nMost homes in the older towns were built before the war, and\n{line}\n{joined}\n"
                 "the trust set out to test them.",
                 f"The homes were chosen to be typical rather than favourable, and\n{line}\n"
                 "the fabric measures were kept to a few.",
                 f"2. The Homes and the Installations\n2.1 The homes\nThe homes are in three towns, and\n"
                 f"{line}\n{joined}\nthe heat loss ranged from 5.1 to 11.4 kilo-"]),
        page(3, ["Heat Pumps in Terraced Housing",
                 f"watts. The pumps were sized from a room by room calculation, and\n{line}\n{joined}\n"
                 "the radiators were enlarged.1",
                 f"3. Monitoring\nEach home was fitted with heat meters and sensors, and\n{line}\n{joined}\n"
                 "the residents kept a diary of the heating, which",
                 "1 The ratings of the pumps are given in the annex."]),
        page(4, ["Heat Pumps in Terraced Housing",
                 f"Readings were taken every two minutes, and\n{line}\n{joined}\nthe data were kept."])])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text
    lines = text.split("\n")
    pages = reading_order_module._pages(lines, list(range(1, len(lines) + 1)))
    assert [reading_order_module._partition(reading_order_module._blocks(page), set(), {})[3]
            for page in pages[1:3]] == [set(), {1}]


def test_a_notes_lines_written_apart_after_a_word_cut_stay_in_the_pages_foot(tmp_path):
    """pdftotext -layout of troff's one-column pages: the page's last line of text and its first
    note in one block (no space between them), the note's first line cut inside a word
    (`reformed sev-`), a blank line, then the note's next lines, more than a boxed tail holds.
    Those lines open with the word's rest: the note's, in the page's foot, so the page's text
    ends with its last line (`…then paid`), which the next page goes on with; no page is read as
    two columns (the next section was moved above that sentence's end)."""
    line = "the spinners of the east mill kept their own counts of the shifts they worked and"
    joined = f"{line} {line}"  # two printed lines that pdftotext wrote as one

    def page(folio: int, body: str, foot: str = "") -> str:
        head = "Voices from the Mills" if folio % 2 == 0 else "Zuzanna Krawczyk"
        top = f"{folio}{' ' * 40}{head}" if folio % 2 == 0 else f"{head}{' ' * 40}{folio}"
        return f"{top}\n\n{body}{foot}\n"
    foot = ("   1 The system of norms and bonuses in the textile industry was reformed sev-\n\n"
            "eral times between 1956 and 1989; the changes the speakers mention most are\n"
            "those of 1971 and 1980, both of which followed strikes and both of which were\n"
            "partly reversed within two years.\n"
            "   2 This is a familiar pattern in oral histories of the period; compare the\n\n"
            "interviews collected by the Karta Centre.\n")
    pages = ["Voices from the Mills\nAn Oral History\n\nZuzanna Krawczyk\n\n",
             page(2, f"The Norms\n{line}\n{joined}\nthe norms were raised again, as the speakers told us.1\n"
                     f"{line}\n{joined}\ncounted the norms too.2 For most of them the closures came\n"
                     "as a series of small shocks rather than one large one: wages paid late, then paid\n", foot),
             page(3, f"in cloth, then not paid at all, and\n{line}\n{joined}\nthe mills closed.\n\n"
                     f"Lessons\n\nConsent\n{line}\n{joined}\n{line}\n"),
             page(4, f"the recordings went to the archive.\n\nArchiving\n{line}\n{joined}\nthe archive keeps them.\n"),
             page(5, f"Exhibitions\n{line}\n{joined}\nthe museum showed them.\n")]
    state = normalise(tmp_path, "\f".join(pages), "mills")
    text = " ".join(body(state).split())
    assert "columns-reading-order" not in {d.code for d in state.diagnostics.items}
    assert "then paid in cloth, then not paid at all" in text, text
    assert text.index("the mills closed.") < text.index("Lessons") < text.index("Consent")
    assert len(state.notes) == 2


# A single column whose export lost a page break: the page's notes (one long line each, wider
# than the text's lines, so the widths say two columns) stand between the halves of a sentence
# the page end cut. The synthetic exports of `make fuzz` (stops 24-27) were reordered so.
_CUT_TEXT = ("The engineers then set out the works in the order they\nproposed to carry them out, "
             "with the cost of each and the\nmonths it would take, so that the council could")
_GOES_ON = ("compare them with the budget it had set for the year.\nThe council agreed to most of them, "
            "and asked the\nengineers to begin with the quay in the spring.")
_NOTE_DEFS = {
    "circled": ["① The estimate is printed in full in the council's yearbook for the year the works began.",
                "② The budget was set at the spring meeting and confirmed at the autumn one, as the charter asks."],
    "numbered": ["1. The estimate is printed in full in the council's yearbook for the year the works began.",
                 "2. The budget was set at the spring meeting and confirmed at the autumn one, as the charter asks."],
    "address": ["① https://www.example.org/archive/2023/yearbook/estimate-of-the-works-in-full.html",
                "② https://www.example.org/archive/2023/minutes/spring-meeting-and-autumn-meeting.html"],
}


def _page_with_notes_amid(notes: list[str], cut: str = _CUT_TEXT) -> str:
    calls = "①②" if notes[0].startswith("①") else ("1", "2")
    opening = (f"The council met in the spring to review the harbour{calls[0]} project and\n"
               f"its many costs. Members asked for a full account of the\nwork done so far.")
    cut = cut.replace("months it", f"months{calls[1]} it")
    page = "\n\n".join([opening, cut, *notes, _GOES_ON, "The quay was finished within three\n"
                        "seasons, and the harbour opened again in the spring\nof the year after, "
                        "to the merchants' relief."])
    return "\f".join([f"{TITLE}\n", page + "\n", page + "\n"])


@pytest.mark.parametrize("style", sorted(_NOTE_DEFS))
def test_a_sentence_going_on_below_notes_amid_a_single_column_keeps_its_order(style):
    """The sentence cut above the notes goes on below them: a note's definition stands aside from
    the sentence it interrupts, so the page breaks no evidence and keeps its order (a web address
    ends its note without a stop)."""
    text = _page_with_notes_amid(_NOTE_DEFS[style])
    state = reading_order_module.reading_order(State(path="x.txt", text=text))
    assert state.text == text, style


def test_a_lower_case_opening_below_notes_after_a_finished_sentence_still_breaks_the_order():
    """The negative case: the text above the notes ends its sentence, so the lower-case block
    below them goes on with nothing there: the notes hide no cut, the order is broken as before."""
    blocks = [reading_order_module._Block(lines, [n]) for n, lines in enumerate([
        ["The council met in the spring to review the harbour project and",
         "its many costs, and agreed to most of them in the end."],
        [_NOTE_DEFS["numbered"][0]],
        ["compare them with the budget it had set for the year, and", "then agreed to most of them."]])]
    for block in blocks:
        reading_order_module._read(block, {}, 64.0, {1})
    assert blocks[1].definition
    assert reading_order_module._evidence(blocks, None)[0] == 1
    blocks[0].lines[-1] = "its many costs, so that the members of the council could"
    reading_order_module._read(blocks[0], {}, 64.0, {1})
    assert reading_order_module._evidence(blocks, None)[0] == 0


@pytest.mark.parametrize("line, number", [("[1] See the record in the council archive.", 1),
                                          ("[12]See the record.", 12), ("1. A note.", 1),
                                          ("[3] 2024 and after", None), ("[3]", None)])
def test_a_bracketed_number_opening_a_line_of_words_defines_a_note(line, number):
    """`[1] Text` and `[1]Text` are definitions as `1. Text` is (`make fuzz`, stop 28: a page's
    bracketed notes read as text, its order broken and mended wrongly); a bracket holding no
    word after it defines nothing."""
    assert reading_order_module._note_number(line) == number
