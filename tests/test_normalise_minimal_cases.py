"""The minimal cases of issue 11, each in the style of the real document that failed: the
normaliser never deletes content as furniture, never invents a note, keeps numbers as printed,
and reports the source's own line numbers."""

from __future__ import annotations

import random
import textwrap

import exports
import pytest

from pressroom.cli import main
from pressroom.markdown import to_ast


def normalise(tmp_path, text: str):
    return exports.normalise(tmp_path, text, "doc")


def source_line(text: str, needle: str) -> int:
    """The 1-based line of the source on which `needle` is printed."""
    return text[:text.index(needle)].count("\n") + 1


def removed(state, cls: str | None = None) -> list[dict]:
    return [entry for name, entries in state.audit.removed.items() if cls in (None, name)
            for entry in entries]


# --- 6. line numbers in diagnostics and the audit are the source's own ------------------------

WORDS = "harbour river garden bridge council treaty market village season harvest".split()
FORM_FEEDS = "".join(
    f"Annual Review\n\nThe {WORDS[page]} opens this page and the sentence\nwraps once.\n\n"
    f"The {WORDS[page + 1]} closes it.\n\n{page}\n\f"
    for page in range(1, 6)) + "A marker without a definition ① closes the document.\n"


def test_line_numbers_survive_form_feeds(tmp_path):
    state = normalise(tmp_path, FORM_FEEDS)
    lines = FORM_FEEDS.split("\n")
    heads = removed(state, "running_heads")
    assert len(heads) >= 4  # the first page's head may be read as the title instead
    for entry in heads + removed(state, "page_numbers"):
        assert lines[entry["line"] - 1].strip("\f") == entry["text"], entry
    [undefined] = [d for d in state.diagnostics.items if d.code == "footnote-undefined"]
    assert undefined.line == source_line(FORM_FEEDS, "A marker without")


# --- 4. a running head carrying a five-digit folio, odd and even ------------------------------

FEDERAL_REGISTER_BODY = [
    "The FAA is adopting a new airworthiness directive (AD) for certain airplanes.\n"
    "This AD was prompted by reports of incorrect trim settings.",
    "This AD requires revising the airplane flight manual to provide the\n"
    "flightcrew with procedures for the takeoff configuration.",
    "We are issuing this AD to address the unsafe condition on these products.",
    "The FAA has reviewed the relevant data, considered the comments received,\n"
    "and determined that air safety requires adopting this AD as proposed.",
    "Costs of compliance are estimated below for the affected operators.",
]
HEAD = "Federal Register / Vol. 85 / No. 152 / Friday, August 7, 2020 / Rules and Regulations"
# Even pages print the folio before the head, odd pages after it, with justified spacing.
FEDERAL_REGISTER = "\f".join(
    (f"{47698 + page}   {HEAD}" if page % 2 == 0 else f"{HEAD}      {47698 + page}") + f"\n\n{body}\n"
    for page, body in enumerate(FEDERAL_REGISTER_BODY))


def test_head_with_a_five_digit_folio_is_furniture_not_a_heading(tmp_path):
    state = normalise(tmp_path, FEDERAL_REGISTER)
    assert "Federal Register" not in state.text
    assert not [b for b in state.blocks if b.kind == "heading"]
    heads = removed(state, "running_heads")
    assert sorted(entry["line"] for entry in heads) == [
        source_line(FEDERAL_REGISTER, str(47698 + page)) for page in range(len(FEDERAL_REGISTER_BODY))]
    for body in FEDERAL_REGISTER_BODY:
        assert " ".join(body.split("\n")) in state.text.replace("\n", " ")
    assert state.meta["title"] == "Doc"  # from the file name: a head with its folio is no title


def test_a_five_digit_number_opening_a_line_is_no_section_number(tmp_path):
    two_pages = "\f".join(FEDERAL_REGISTER.split("\f")[:2])  # too few pages to show a head
    state = normalise(tmp_path, two_pages)
    assert not [b for b in state.blocks if b.kind == "heading"]
    assert "47698" in state.text


# --- 3. a bracketed number is a call only with evidence ---------------------------------------

REFERENCES = """Register Allocation in Practice

The spill code is short. The compiler stores both values before the call:

st sp[8], v1 then v0[4]

and reloads them afterwards, as earlier work describes [4] and [8].

References

[1] A. Aho, R. Sethi and J. Ullman. Compilers. Addison-Wesley, 1986.

[2] P. Briggs. Register allocation via graph coloring. PhD thesis, Rice University, 1992.

[3] G. Chaitin. Register allocation and spilling via graph coloring. SIGPLAN Notices, 1982.

[4] L. George and A. Appel. Iterated register coalescing. TOPLAS, 1996.

[5] M. Poletto and V. Sarkar. Linear scan register allocation. TOPLAS, 1999.

[6] F. Pereira and J. Palsberg. Register allocation via coloring of chordal graphs. APLAS, 2005.

[7] S. Hack. Register allocation for programs in SSA form. PhD thesis, Karlsruhe, 2007.

[8] C. Wimmer and M. Franz. Linear scan register allocation on SSA form. CGO, 2010.
"""


def test_a_bibliography_stays_a_list_and_code_cites_nothing(tmp_path):
    state = normalise(tmp_path, REFERENCES)
    assert not state.notes
    assert r"st sp\[8\], v1 then v0\[4\]" in state.text
    entries = [b.plain() for b in state.blocks if b.kind == "list_item"]
    assert [entry.split("]")[0] for entry in entries] == [f"[{n}" for n in range(1, 9)]
    assert "Wimmer" in entries[-1] and "George" in entries[3]


@pytest.mark.parametrize("heading", [None, "References", "7. Bibliography", "Literaturverzeichnis"])
def test_a_reference_list_is_found_by_its_heading_or_its_run(tmp_path, heading):
    entries = REFERENCES.split("References\n\n")[1].split("\n\n")
    # Under a heading even two entries are a list; without one, a run of five or more is.
    kept = entries[:2] if heading else entries[:5]
    text = ("Body text cites [1] and [2].\n\n" + (f"{heading}\n\n" if heading else "")
            + "\n\n".join(kept) + "\n")
    state = normalise(tmp_path, text)
    assert not state.notes
    assert [b.plain() for b in state.blocks if b.kind == "list_item" and b.plain()[:1] == "["] == kept


CODE_AND_NOTE = """Loads and Stores

The reload is one instruction:

ld r1, sp[1]

which the scheduler may move, as the loop keeps its counter in a register.[1]

[1] The counter is spilled only under pressure.
"""


def test_an_index_in_a_code_line_is_no_note_call(tmp_path):
    state = normalise(tmp_path, CODE_AND_NOTE)
    assert [note.text for note in state.notes.values()] == ["The counter is spilled only under pressure."]
    assert r"ld r1, sp\[1\]" in state.text
    assert state.text.count("[^1]") == 2  # the call after "register." and its definition
    assert "register.[^1]" in state.text


def test_bracketed_endnotes_under_a_notes_heading_stay_notes(tmp_path):
    calls = " ".join(f"The {WORDS[n]} is named here.[{n}]" for n in range(1, 7))
    endnotes = "\n\n".join(f"[{n}] On the {WORDS[n]}." for n in range(1, 7))
    state = normalise(tmp_path, f"Endnotes in Brackets\n\n{calls}\n\nNotes\n\n{endnotes}\n")
    assert [note.text for note in state.notes.values()] == [f"On the {WORDS[n]}." for n in range(1, 7)]


def test_a_long_run_of_page_notes_is_no_bibliography(tmp_path):
    calls = " ".join(f"The {WORDS[n]} is named here.[{n}]" for n in range(1, 7))
    notes = "\n\n".join(f"[{n}] See the {WORDS[n]} record in the archive." for n in range(1, 7))
    state = normalise(tmp_path, f"Six Notes on One Page\n\n{calls}\n\n{notes}\n")
    assert len(state.notes) == 6


# --- 5. numbers kept exactly as printed -------------------------------------------------------

def printed_item_numbers(markdown_text: str) -> list[int]:
    """The number of every ordered-list item as pandoc reads (and every edition renders) it."""
    numbers: list[int] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("t") == "OrderedList":
                start = node["c"][0][0]
                numbers.extend(range(start, start + len(node["c"][1])))
            walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(to_ast(markdown_text)["blocks"])
    return numbers


LISTS = """Three Pressures

The review names three pressures:

1. Economic change moves work to new places. 2. Social change alters families.
3. Technological change alters how work is done.

The steps are:

1. Count the sites.

2. Survey the staff.

3. Report the results.

The list below starts at three because the earlier items were on the previous page.

3. Compare the regions.

4. Publish the summary.

Their study appeared in Proceedings of the Workshop on Shift Work, pages 291–
300. ACM, New York, 2019.
"""


def test_list_numbers_are_kept_as_printed(tmp_path):
    state = normalise(tmp_path, LISTS)
    assert printed_item_numbers(state.text) == [1, 3, 1, 2, 3, 3, 4]
    assert "pages 291–300. ACM, New York" in state.text.replace("\n", " ")


# --- 1, 2, 7. furniture by evidence, with a veto for content ----------------------------------
# Each case is laid out on pages in two shapes: the blank-line style (pages known only by what
# recurs) and pdftotext's (a form feed between pages).

VOCABULARY = ("people nation market river village garden bridge harbour council treaty culture "
              "language history memory future season harvest journey border region country city "
              "school teacher student worker farmer engineer doctor science research method "
              "practice policy program").split()


def paragraph(rng: random.Random, words: int = 45) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def laid_out(pages: list[list[str]], paged: bool) -> str:
    return ("\n\n\f" if paged else "\n\n").join("\n\n".join(page) for page in pages) + "\n"


SHAPES = pytest.mark.parametrize("paged", [False, True], ids=["blank-lines", "form-feeds"])
AD_SENTENCE = ("({n}) In the Operating Procedures chapter, add the information in figure {n} to "
               "paragraph (h)({n}) of this AD.")


@SHAPES
def test_a_sentence_recurring_at_every_page_end_is_kept(tmp_path, paged):
    rng = random.Random(1)
    pages = [[f"Federal Register / Vol. 85 / No. 152 / Rules and Regulations      {47697 + n}",
              paragraph(rng), paragraph(rng, 30), AD_SENTENCE.format(n=n)] for n in range(1, 7)]
    text = laid_out(pages, paged)
    state = normalise(tmp_path, text)
    for n in range(1, 7):
        assert AD_SENTENCE.format(n=n) in state.text.replace("\n", " ")
    assert "Federal Register" not in state.text.split("---", 2)[2]  # (the title may be the head)
    [warning] = [d for d in state.diagnostics.items if d.code == "furniture-content"]
    assert warning.severity == "warning" and warning.line == source_line(text, "(1) In the")
    # --strict fails on it (exit 6); the same pages without the sentence pass
    (tmp_path / "doc.yaml").write_text("title: Airworthiness Directives\nlang: en\n")
    strict = ["normalise", "--strict", "-q", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out.md")]
    assert main(strict) == 6
    (tmp_path / "doc.txt").write_text(laid_out([page[:-1] for page in pages], paged))
    assert main(strict) == 0


TABLE = ["Table 2. Night shifts by site", "Site", "Staff", "Shifts", "North", "12", "40",
         "South", "7", "33", "East", "5", "18"]


@SHAPES
def test_table_numbers_are_no_page_numbers(tmp_path, paged):
    rng = random.Random(2)
    pages = [["Shift Work Review", paragraph(rng), *(TABLE if n == 3 else []), paragraph(rng, 30),
              str(n)] for n in range(1, 7)]
    state = normalise(tmp_path, laid_out(pages, paged))
    assert "North 12 40 South 7 33 East 5 18" in " ".join(state.text.split())
    # the cells, one a block, are the table's rows again (table_cells), under its caption
    assert "by site\n\nSite Staff Shifts\n\nNorth 12 40\n\nSouth 7 33\n\nEast 5 18\n\n" in state.text
    assert sorted(int(e["text"]) for e in removed(state, "page_numbers")) == list(range(1, 7))


ROWS_OF_NUMBERS = ["Use Licensed Actual", "Public water", "supply", "31.5 22.4", "Spray irriga-", "tion",
                   "9.8 4.1", "Industry and", "quarrying", "5.2 2.6", "Fish farms and", "other", "1.7 0.5"]


def test_a_tables_rows_of_numbers_are_no_running_heads(tmp_path):
    """pypdf's shape (no form feed, no blank line, folios at the page ends): a table's rows of
    numbers share one key (`#.# #.#`) and recur; they stand four times on one page, which a
    running head never does (corpus river-basin, chapter-heads, typst, pypdf)."""
    rng = random.Random(5)
    lines: list[str] = []
    for n in range(1, 7):
        lines.append("Water in the Basin")
        for _ in range(3):
            lines += textwrap.wrap(paragraph(rng, 60), 55)
        if n == 3:
            lines += ROWS_OF_NUMBERS + textwrap.wrap(paragraph(rng, 40), 55)
        lines.append(str(n))
    text = "\n".join(lines) + "\n"
    state = normalise(tmp_path, text)
    flat = state.text.replace("\n", " ")
    for row in ("31.5 22.4", "9.8 4.1", "5.2 2.6", "1.7 0.5"):
        assert row in flat
    # The folios (1 to 6, one a page) give the page ends: the head stands at the top of every
    # page, the first included, and names the document; the rows, inside a page, are never
    # taken for furniture (a warning, if any, names them as content kept).
    assert [e["text"] for e in removed(state, "running_heads")] == ["Water in the Basin"] * 6
    assert state.meta["title"] == "Water in the Basin"
    assert all(d.line == source_line(text, "31.5 22.4")
               for d in state.diagnostics.items if d.code == "furniture-content")


YEARLY_ROWS = ["Season Visits Loans Members", "2015 4 212 1,480", "2016 9 305 2,710",
               "2017 7 298 2,655", "2018 5 260 1,990"]


def test_rows_standing_next_to_each_other_are_no_running_heads(tmp_path):
    """pypdf's shape with few heads, carrying their folio (`6 Town Archive Review`), and no folio
    of their own: a table's rows of numbers share one key (`# # # #,#`) and, one after another,
    are as regularly spaced as can be, but stand closer than a page's text apart
    (MIN_PAGE_CHARS): a table's rows, never the heads of pages (corpus museum-loans, odd-even,
    pressroom, pypdf)."""
    rng = random.Random(11)
    lines: list[str] = ["Town Archive Review"]
    for n in range(2, 8):
        if n in (3, 6):  # the design heads only even pages that open no chapter
            lines.append(f"{n * 2} Town Archive Review")
        for _ in range(3):
            lines += textwrap.wrap(paragraph(rng, 60), 70)
        if n == 4:
            lines += ["The table gives the figures by season:"] + YEARLY_ROWS
            lines += textwrap.wrap(paragraph(rng, 40), 70)
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    flat = state.text.replace("\n", " ")
    for row in YEARLY_ROWS[1:]:
        assert row in flat
    assert not any("4 212" in e["text"] or "9 305" in e["text"] for e in removed(state))


def test_a_chapters_head_at_the_page_foot_is_no_note_definition(tmp_path):
    """pypdf prints a chapter's own head (`1. Introduction`) at the foot of its page, where the
    notes stand: a line that repeats an entry of the printed contents is that heading, never a
    note, and the page's real note keeps its call (corpus heat-pumps, chapter-heads, pypdf)."""
    rng = random.Random(6)
    lines = ["Heat Pumps in Terraced Homes", "A Year of Monitoring", "Contents",
             "1. Introduction . . . . . . . . 2", "2. The Homes . . . . . . . . 3",
             "3. Results . . . . . . . . 4", "1"]
    for page, chapter in enumerate(["1. Introduction", "2. The Homes", "3. Results"], start=2):
        lines.append(chapter)
        for k in range(3):
            text = paragraph(rng, 50)
            if page == 3 and k == 1:
                text = text[:-1] + " at minus 2 degrees ranged from 5.1 to 11.4 kilowatts.1"
            lines += textwrap.wrap(text, 55)
        if page == 3:
            lines.append("1 Measured by the trust's own surveyors in the winter of 2022.")
        lines += [chapter, str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert {n: note.text for n, note in state.notes.items()} == {
        1: "Measured by the trust’s own surveyors in the winter of 2022."}
    assert "kilowatts.[^1]" in state.text


def test_a_word_cut_above_the_notes_goes_on_below_them_not_in_a_note(tmp_path):
    """A two-column page read by pypdf: the left column stops inside a word (`de-`), the notes
    follow, then the right column goes on with the word's other half (`pended on …`). A note that
    has ended its sentence is not continued in lower case (corpus rail-history, chapter-heads,
    typst, pypdf)."""
    rng = random.Random(7)
    lines: list[str] = []
    for page in range(1, 5):
        lines.append("Railways of the Western Valleys")
        body = textwrap.wrap(paragraph(rng, 40)[:-1] + " was built in 1880.1 " + paragraph(rng, 30)[:-1]
                             + " and the waterfall.2 " + paragraph(rng, 12)[:-1] + " the shopkeepers", 55)
        lines += body[:-1] + [body[-1] + " de-"]
        lines += ["1 A fourth line was proposed in 1880 but never built.",
                  "2 At least four waterfalls can be seen from the line.",
                  "pended on the railway for almost everything they sold, and when",
                  "a landslip closed the line the price of coal doubled.", str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert {note.text for note in state.notes.values()} == {
        "A fourth line was proposed in 1880 but never built.",
        "At least four waterfalls can be seen from the line."}
    assert len(state.notes) == 8
    assert state.text.count("pended on the railway") == 4


def test_a_note_line_full_at_a_sentence_end_goes_on_in_the_next_sentence(tmp_path):
    """A note of two sentences whose first ends a full line (`…next to the basin.` /
    `Together they take…`): the line had no room for the next word, so the note goes on; a note
    line with room to spare ends the note (corpus river-basin, chapter-heads, typst, pypdf)."""
    rng = random.Random(12)
    lines: list[str] = []
    for page in range(1, 5):
        lines.append("Managing the River Basin")
        lines += textwrap.wrap(paragraph(rng, 60)[:-1] + " for the digesters.1 " + paragraph(rng, 40), 55)
        lines += ["1 Four digesters now operate within or next to the river basin.",
                  "Together they take the maize grown on 2,300 hectares.", str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert {note.text for note in state.notes.values()} == {
        "Four digesters now operate within or next to the river basin. Together they take the maize "
        "grown on 2,300 hectares."}


def test_a_head_with_its_folio_inside_a_block_ends_the_note_above_it(tmp_path):
    """pypdf runs a page's last note (a full line), the next page's head with its folio and
    that page's first line into one block: the head is removed there and the note ends above it
    (corpus bridge-inspection, running-head, typst, pypdf)."""
    rng = random.Random(13)
    lines = ["Condition of the County's Bridges", "County Highways Structures Team"]
    notes = ["A short note.", "See the annex.",
             "The planning authority agreed one method statement for repairs.",
             "Measured in May.", "From the survey."]
    for page in range(1, 6):
        if page > 1:
            lines.append(f"Condition of the County's Bridges {page}")
        if page == 4:
            lines += textwrap.wrap("found during the programme showed that the bridges are older. "
                                   + paragraph(rng, 30), 60)
        lines += textwrap.wrap(paragraph(rng, 60)[:-1] + f" of the works.{page} " + paragraph(rng, 30), 60)
        if page == 3:
            lines += textwrap.wrap(paragraph(rng, 20)[:-1] + " and the date stones", 60)
        lines.append(f"{page} {notes[page - 1]}")
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert notes[2] in {note.text for note in state.notes.values()}
    heads = [e["text"] for e in removed(state, "running_heads")]
    assert "Condition of the County's Bridges 4" in heads
    assert "found during the programme" in state.text
    assert not any("found during" in note.text for note in state.notes.values())


def test_a_head_carrying_its_folio_is_furniture_when_pages_differ_in_length(tmp_path):
    """pypdf, no form feeds: a head printed with its folio (`Smart Water Meters 2`) counts up
    with the pages; sections opening new pages leave some pages short, so its spacing is
    irregular, but the folio it carries shows the page edge (corpus water-meters, pypdf)."""
    rng = random.Random(8)
    lines = ["Smart Water Meters", "Technical Evaluation of the 2021–2023 Trial",
             "Kelsby Water Services", "Overview"]
    for page, words in enumerate([120, 150, 320, 35, 40, 50, 60], start=1):
        if page > 1:
            lines += [f"Smart Water Meters {page}", f"Section {WORDS[page].title()}"]
        lines += textwrap.wrap(paragraph(rng, words), 70)
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "Smart Water Meters" not in state.text.split("---", 2)[2]
    assert len(removed(state, "running_heads")) == 6


def test_headings_stacked_above_their_text_are_found_by_shape(tmp_path):
    """No contents list, no numbering: a chapter's heading stands right above its first
    section's (`Equipment and Installation`, `Meters`); both are headings (corpus water-meters)."""
    rng = random.Random(9)
    text = "\n\n".join(["Overview", paragraph(rng), "Equipment and Installation", "Meters", paragraph(rng),
                        "Radio network", paragraph(rng), "Results", "Finding leaks sooner",
                        "How leaks are detected", paragraph(rng)]) + "\n"
    state = normalise(tmp_path, text)
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Overview", "Equipment and Installation", "Meters", "Radio network", "Results",
                     "Finding leaks sooner", "How leaks are detected"]


def pypdf_pages(rng: random.Random, front: list[str], head: str, pages: int = 5) -> str:
    """pypdf's shape: no form feed, no blank line; each page after the first opens with its head
    and folio (`2 Public Libraries in Small Towns`)."""
    lines = list(front)
    for page in range(2, pages + 2):
        lines.append(f"{page} {head}" if page % 2 == 0 else f"{head} {page}")
        for _ in range(3):
            lines += textwrap.wrap(paragraph(rng, 50), 70)
    return "\n".join(lines) + "\n"


TITLE_PAGES = {
    # the title page ends where page 2's head repeats the title (corpus library-survey, pypdf)
    "run-into-page-2": (["Public Libraries in Small Towns", "Results of the 2023 User Survey",
                         "Ruth Adeyemi", "Tomas Varga"], "Public Libraries in Small Towns",
                        {"title": "Public Libraries in Small Towns",
                         "subtitle": "Results of the 2023 User Survey", "author": ["Ruth Adeyemi", "Tomas Varga"]}),
    # the same with the title wrapped: the head opens with its first line (harbour-dredging, typst)
    "wrapped-run-into-page-2": (["Keeping Porthallow Harbour", "Open",
                                 "Dredging, Silt and the Future of a Working Port",
                                 "Porthallow Harbour Commissioners"], "Keeping Porthallow Harbour Open",
                                {"title": "Keeping Porthallow Harbour Open",
                                 "subtitle": "Dredging, Silt and the Future of a Working Port",
                                 "author": "Porthallow Harbour Commissioners"}),
    # a title wrapped over two lines above the contents; the heads repeat it whole (bridge-inspection)
    "wrapped-above-contents": (["Condition of the County's", "Masonry Arch Bridges",
                                "Principal Inspection Programme, 2019–2024", "County Highways Structures Team",
                                "Contents", "1. Summary . . . . . . . . 2", "2. Findings . . . . . . . . 4"],
                               "Condition of the County's Masonry Arch Bridges",
                               {"title": "Condition of the County's Masonry Arch Bridges",
                                "subtitle": "Principal Inspection Programme, 2019–2024",
                                "author": "County Highways Structures Team"}),
    # title, subtitle and author above the first heading and its text (water-meters)
    "above-the-first-heading": (["Smart Water Meter Pilot in Kelsby", "Technical Evaluation of the 2021–2023 Trial",
                                 "Kelsby Water Services, Network Engineering Group", "Overview",
                                 *textwrap.wrap(paragraph(random.Random(10), 60), 70)],
                                "Smart Water Meter Pilot in Kelsby",
                                {"title": "Smart Water Meter Pilot in Kelsby",
                                 "subtitle": "Technical Evaluation of the 2021–2023 Trial",
                                 "author": "Kelsby Water Services, Network Engineering Group"}),
}


@pytest.mark.parametrize("shape", TITLE_PAGES)
def test_a_title_page_without_form_feeds_gives_title_subtitle_and_authors(tmp_path, shape):
    front, head, meta = TITLE_PAGES[shape]
    state = normalise(tmp_path, pypdf_pages(random.Random(11), front, head))
    assert {key: state.meta.get(key) for key in meta} == meta


def test_a_compounds_hyphen_written_as_a_soft_one_is_printed(tmp_path):
    """typst writes the printed hyphen of a compound as U+00AD, and pypdf and pdfminer keep it
    inside the line: after a number (`44­tonne`) or between words the document prints on their
    own (`twenty­five`) it is a hyphen; a hint inside one word (`pro­gramme`) stays invisible
    in a text whose soft hyphens are mostly such hints (corpus bridge-inspection,
    typst, pypdf: `44-tonne` read `44tonne`, a number changed)."""
    text = ("Loads\n\nThe full 44\u00adtonne weight of twenty\u00adfive modern lorries.\n\n"
            "Twenty bridges and five culverts carry the pro\u00adgramme's lorries on a well-known route "
            "after in\u00adspec\u00adtions of their con\u00adstruc\u00adtion.\n")
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    assert "44-tonne" in body and "twenty-five" in body and "programme’s" in body
    assert "inspections of their construction" in body


def test_an_export_writing_every_hyphen_as_a_soft_one_has_them_all_printed(tmp_path):
    """An export with soft hyphens between letters and no other hyphen there writes the hyphen
    glyph as U+00AD (typst's fonts, read by pypdf and pdfminer): every one was printed. Inside a
    line it is a hyphen even between words never printed alone (`narrow­gauge`); at a line end
    it is decided as `-` is: a compound printed elsewhere keeps it (`standard­` / `gauge`), a
    word cut in two is joined (`devel­` / `opment`) (corpus rail-history, chapter-heads, typst,
    pypdf: `standard-gauge` read `standardgauge`). The words joined are words the document prints
    on their own (`gauge`, `standard`), not halves of a word cut at a line end, which are none."""
    text = ("Lines\n\nThe first line was laid to a narrow\u00adgauge plan, at a fraction of the\n"
            "cost of a standard\u00adgauge line. Its devel\u00ad\nopment took ten years, and by then the\n"
            "company had bought 44\u00adtonne wagons for a line built to the standard\u00ad\n"
            "gauge as well. A gauge is narrow when it is less than the standard one.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "a narrow-gauge plan" in body and "a standard-gauge line" in body, body
    assert "Its development took" in body and "the standard-gauge as well" in body, body
    assert "\u00ad" not in body


def test_soft_hyphens_that_join_words_are_printed_whatever_a_title_font_writes(tmp_path):
    """The body's font writes the hyphen glyph as U+00AD while the title's writes `-`
    (`Narrow-Gauge`): the soft hyphens between letters outnumber the others and join words of
    the document (`gauge`, `seven`), so every one is printed, even where the document prints
    neither half alone on its own (`Eighty­seven` beside `seven`) (corpus rail-history,
    chapter-heads, typst, pypdf: `standardgauge`; bridge-inspection, odd-even: `Eightyseven`)."""
    text = ("Narrow-Gauge Lines\n\nA line built to a gauge of two feet cost a third of a standard\u00adgauge\n"
            "line. Eighty\u00adseven men built it in seven months, and its devel\u00ad\nopment "
            "went on for years on the narrow\u00adgauge plan.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "a standard-gauge line" in body and "Eighty-seven men" in body, body
    assert "narrow-gauge plan" in body and "its development went" in body, body


def test_a_hint_between_two_words_the_document_also_prints_as_one_stays_invisible(tmp_path):
    """A hint inside `With\u00adin`, whose halves are words of the document (`with`, `in`), is
    no compound's hyphen where the document prints `within` whole; `twenty\u00adfive`, never
    printed whole, is (found by make fuzz: `With-in`)."""
    text = ("Works\n\nWith\u00adin a year the quay was rebuilt with twenty\u00adfive new piles, and the work\n"
            "in the channel was done within the budget set for its con\u00adstruc\u00adtion. Twenty and\n"
            "five more came later.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "Within a year" in body and "twenty-five new piles" in body and "its construction" in body, body


def test_the_halves_of_words_cut_at_line_ends_do_not_make_hints_printed_hyphens(tmp_path):
    """Hints inside words (`move\u00adment`, `settle\u00adment`) are invisible, although lines
    cut the same words at their ends (`move-` / `ment`): the halves of a cut word are no words of
    the document, and do not make the hints look like compounds' printed hyphens (`move-ment`;
    found by the fuzzer, tests/synthetic.py)."""
    text = ("Trade\n\nThe move\u00adment of goods along the coast grew with each settle\u00adment that\n"
            "was founded there. A slow move-\nment of people followed, and every settle-\nment "
            "had a market within ten years of its move\u00adment inland.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "The movement of goods" in body and "each settlement that" in body, body
    assert "A slow movement of people" in body and "its movement inland" in body, body


@pytest.mark.parametrize("cut", ["-\n", "\ufffe"])
def test_a_compound_cut_at_its_hyphen_is_decided_by_the_documents_compounds(tmp_path, cut):
    """A line cut at a hyphen (`-` ending the line, or the U+FFFE pypdfium2 leaves where it
    rejoined the line) is the compound's own hyphen when the document prints the compound
    (`standard-gauge`) or its last part in another compound (`three-storey`, then `two-` /
    `storey`); a word cut into syllables is joined (`devel` / `opment`) (corpus rail-history and
    heat-pumps, pypdfium2: `standardgauge`, `twostorey`)."""
    text = ("Lines\n\nThe first line cost a third of a standard-gauge line, and its station was\n"
            f"a three-storey house. Its devel{cut}opment took two years, and the second line\n"
            f"was as cheap as a standard{cut}gauge one would have been, its station a two{cut}storey\n"
            "house by the river.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "Its development took" in body and "a standard-gauge one" in body, body
    assert "a two-storey house" in body, body


def test_a_compound_pdftotext_joined_at_its_hyphen_gets_it_back(tmp_path):
    """pdftotext joins a printed line ending in a hyphen to the next and drops the hyphen, so a
    line twice as long as the others holds `threestorey` where the first printed line ended. The
    hyphen comes back when the document prints the compound whole elsewhere (`three-storey`), or
    a number joined to a word (`44tonne`: hyphenation never breaks a number); a token the
    document also prints joined on a line of its own (`greenhouse`) stays (corpus heat-pumps,
    pdftotext: `threestorey`)."""
    lines = [
        "Homes",
        "",
        "The twenty homes in the trial were built between 1880 and",
        "1912. Twenty are two-bedroom terraces; four are larger",
        "three-storey end terraces with a cellar and an attic room.",
        "Floor areas range from 62 to 118 square metres, and all of",
        "them had gas boilers. The exception is a threestorey end terrace whose loft was converted",
        "in the 1960s. The county's new lorries of the full 44tonne weight cannot reach the house, and",
        "a greenhouse stands where its yard was; the owner set up",
        "another green-house of the same kind, in 1960s style, and",
        "it runs the heat pump. The owner's neighbour keeps a greenhouse of that kind in the garden, on",
        "a plot where a pump stood in the years before the work, and",
        "it was running well enough to be left alone for a winter.",
    ]
    body = normalise(tmp_path, "\n".join(lines) + "\n").text.split("---", 2)[2]
    assert "a three-storey end terrace whose" in body and "the full 44-tonne weight" in body, body
    assert "in the 1960s." in body and "keeps a greenhouse of" in body, body


@pytest.mark.parametrize("cut", ["44-\ntonne", "44\u00ad\ntonne", "44\ufffetonne"])
def test_a_compound_cut_after_a_number_keeps_its_hyphen(tmp_path, cut):
    """Hyphenation never breaks a number, so a line cut after `44-` (WeasyPrint), `44` and a soft
    hyphen (typst) or a U+FFFE pypdfium2 left where it rejoined the line, is the compound's own
    printed hyphen: `44-tonne`, not `44- tonne` nor `44tonne` (corpus bridge-inspection, 12
    numbers changed). A word pypdfium2 rejoined stays one word (`with￾out`)."""
    text = (f"Loads\n\nOf the bridges, 358 allow the full {cut} weight of modern lorries, and\n"
            "the rest a lower limit, though few do with\ufffeout one.\n")
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    assert "full 44-tonne weight" in body and "without one" in body


def test_a_web_address_broken_inside_a_word_is_one_address_again(tmp_path):
    """typst breaks a long web address anywhere, without a hyphen: the line ends inside the
    address (`https://www.harbourwal`) and the next opens with its rest (`lsurvey.org/2019/…`, a
    path's slash within): one address again, its digits unchanged; an address that ends its line
    before a word (`for details`) stays apart from it (corpus museum-loans, odd-even, typst: the
    address split in two, a number changed)."""
    text = ("Sources\n\nThe survey is published by the trust at https://www.harbourwal\n"
            "lsurvey.org/2019/report-final.pdf (accessed in May), and a summary at www.wall.org\n"
            "for details of the method and the sites that were visited in the spring.\n")
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    assert "https://www.harbourwallsurvey.org/2019/report-final.pdf" in body, body
    assert "www.wall.org for details" in body, body


def test_lettered_items_and_a_nested_lists_triangular_bullets_are_items(tmp_path):
    """Items lettered between brackets (`(a)`, `(b)`) after a line closing a clause open items of
    their own, as numbered ones do; a letter in brackets that a sentence wrapped to a line start
    (`paragraph` / `(b) of the rules`) does not. typst marks a nested list's items with `‣`: they
    are items too (corpus allotment-soil `(a)`…`(c)` and flood-sirens `‣ for visitors` merged
    into one paragraph)."""
    page = (exports.OPENING +
            "inspectors concluded that:\n"
            "(a) the west pier needs no work this year;\n"
            "(b) the east pier needs new fenders before the winter storms;\n"
            "(c) the slipway should be closed until it is relaid with stone.\n\n"
            "The harbour master may close a berth under the paragraph\n"
            "(b) of the rules when a storm is due, and has done so twice.\n"
            "The board agreed three measures for the coming summer season:\n"
            "• new warning signs at the pier head, of two kinds:\n"
            "‣ in English and in Welsh;\n"
            "‣ lit at night;\n"
            "• a rota of wardens in the summer months.\n" + exports.MORE)
    text = exports.page_among_prose(page, exports.OPENING)
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    blocks = [b.plain() for b in state.blocks]
    assert "(a) the west pier needs no work this year;" in blocks, blocks
    assert "(b) the east pier needs new fenders before the winter storms;" in blocks, blocks
    assert "under the paragraph (b) of the rules" in body
    assert "- in English and in Welsh;" in body and "- lit at night;" in body, body


def test_notes_are_found_where_no_page_end_shows(tmp_path):
    """pypdf on a design whose heads and folios it does not extract: no form feed, no head, no
    folio, so no page end is known; each page's foot (`1. Figure for January 2021…`) is still
    found below the text that calls it (`qualified.1`), and a list without calls stays a list
    (corpus school-meals, odd-even, pressroom, pypdf: 0 of 10 notes)."""
    rng = random.Random(16)
    lines: list[str] = ["Free School Meals", "An Evaluation of the First Two Years", "Key Findings"]
    number = 0
    for page in range(3):
        calls = []
        text = paragraph(rng, 50)
        for _ in range(2):
            number += 1
            text = text[:-1] + f" and the pupils qualified.{number} " + paragraph(rng, 30)
            calls.append(number)
        lines += textwrap.wrap(text, 70)
        if page == 1:
            lines += ["The findings were these:", "1. take-up rose;", "2. costs rose."]
        lines += [f"{n}. Figure {WORDS[n]} for January, from the school census." for n in calls]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert sorted(state.notes) == list(range(1, 7))
    assert all(note.text.startswith("Figure ") for note in state.notes.values())
    assert printed_item_numbers(state.text) == [1, 2]


LABELS = ["Definition {n}", "Proof.", "Beweis:", "Example {n}"]


@SHAPES
@pytest.mark.parametrize("folios", [True, False], ids=["folios", "no-folios"])
@pytest.mark.parametrize("label", LABELS)
def test_labels_followed_by_their_content_are_content(tmp_path, paged, folios, label):
    rng = random.Random(3)
    pages, number = [], 0
    for page in range(1, 7):
        blocks = ["Lineare Algebra I", paragraph(rng, 40), paragraph(rng, 30)]
        for _ in range(2 if page % 2 else 1):  # lecture notes: a label or two on a page
            number += 1
            blocks += [label.format(n=number), paragraph(rng, 25)]
        pages.append(blocks + [paragraph(rng, 40)] + ([str(page)] if folios else []))
    text = laid_out(pages, paged)
    state = normalise(tmp_path, text)
    labels = [b.plain() for b in state.blocks if b.plain().startswith(label.format(n="").strip())]
    assert len(labels) == number, labels
    assert "Lineare Algebra" not in state.text.split("---", 2)[2]


FOLIO_SHAPES = {"dashes": "— {n} —", "page-of": "Page {n} of 6", "roman": "{roman}",
                "bar-before": "{n} | {head}", "bar-after": "{head} | {n}", "spaced": "{head}     {n}"}
ROMAN = ["i", "ii", "iii", "iv", "v", "vi"]


@SHAPES
@pytest.mark.parametrize("shape", FOLIO_SHAPES)
def test_folios_of_any_shape_with_odd_and_even_heads(tmp_path, paged, shape):
    rng = random.Random(4)
    pages = []
    for n in range(1, 7):
        head = "Shift Work in Europe" if n % 2 else "Families and Night Work"  # verso / recto
        folio = FOLIO_SHAPES[shape].format(n=n, roman=ROMAN[n - 1], head=head)
        top = [folio] if "{head}" in FOLIO_SHAPES[shape] else [head]  # a head carrying its folio
        pages.append(top + [paragraph(rng), paragraph(rng, 30)] + ([] if top == [folio] else [folio]))
    state = normalise(tmp_path, laid_out(pages, paged))
    body = state.text.split("---", 2)[2]
    assert "Shift Work" not in body and "Families" not in body and " of 6" not in body
    per_page = 1 if "{head}" in FOLIO_SHAPES[shape] else 2
    assert len(removed(state)) >= len(pages) * per_page - 1  # the first head may be the title


CHAPTERS = ["Chapter 1: Origins of Shift Work", "Chapter 2: Families at Night",
            "Chapter 3: What Employers Can Do"]


def chapter_heads(paged: bool) -> str:
    """Four pages a chapter; the chapter's title heads its first page and the odd pages after,
    the book's title the even ones; a folio at each foot."""
    rng = random.Random(5)
    pages, n = [], 0
    for chapter in CHAPTERS:
        for page in range(4):
            n += 1
            top = [chapter] if page == 0 else ["Shift Work in Europe" if n % 2 else chapter]
            pages.append(top + [paragraph(rng), paragraph(rng, 30), str(n)])
    return "Shift Work in Europe\n\nA Report\n\n" + laid_out(pages, paged)


@SHAPES
def test_a_head_that_changes_by_chapter_is_furniture_and_its_heading_stays(tmp_path, paged):
    text = chapter_heads(paged)
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    for chapter in CHAPTERS:
        assert body.count(chapter) == 1, (chapter, body)
    assert "Shift Work in Europe" not in body
    if not paged:
        kept = [d for d in state.diagnostics.items if d.code == "furniture-heading"]
        assert [d.line for d in kept] == [source_line(text, chapter) for chapter in CHAPTERS]


# --- 3 (continued). citations are printed numbers, not flattened note calls -------------------

CITED_PAGE = """The basin was surveyed twice in the period.{a} Earlier reviews dealt mainly with
water quality [1, 2]. The technical annex runs to many pages and holds the records.{b}
Of the bridges where scour was found, twelve needed urgent work, carried out within the year
[4]. The storms of that winter caused more damage than the rest put together.
{a} Surveys were made in {year} and again five years later.
{b} The annex is published separately from this report.
"""


def test_numbers_in_a_citation_are_no_note_calls(tmp_path):
    pages = [CITED_PAGE.format(a=1, b=2, year=2013 + n) for n in range(3)]
    state = normalise(tmp_path, "\f".join(pages))
    assert "\ue002" not in state.text and "\ue003" not in state.text  # no call mark left behind
    assert state.text.count(r"quality \[1, 2\].") == 3
    assert state.text.replace("\n", " ").count(r"within the year \[4\]. The storms") == 3
    assert state.text.count("records.[^") == 3 and state.text.count("period.[^") == 3
    assert sorted(note.text for note in state.notes.values()) == sorted(
        [f"Surveys were made in {2013 + n} and again five years later." for n in range(3)]
        + ["The annex is published separately from this report."] * 3)


def test_a_citation_wrapped_to_a_line_start_is_no_definition(tmp_path):
    text = ("Scour was found at twelve bridges, and the work was carried out within the year\n"
            "[4]. The storms of that winter caused more damage than the rest put together.\n")
    state = normalise(tmp_path, text)
    assert not [d for d in state.diagnostics.items if d.code.startswith("footnote")]
    assert len(state.blocks) == 1 and r"the year \[4\]. The storms" in state.text.replace("\n", " ")


def test_a_call_mark_without_a_note_never_reaches_the_output():
    from pressroom.normalise.footnotes import footnotes
    from pressroom.normalise.model import CALL_CLOSE, CALL_OPEN, Block, State

    marked = f"A list item whose call lost its note.{CALL_OPEN}3{CALL_CLOSE}"
    state = State(path="x.txt", blocks=[Block([marked], 1, 1, kind="list_item", note_page=0),
                                        Block(["[1] A definition nothing calls."], 2, 2)])
    state = footnotes(state)
    assert all(CALL_OPEN not in b.text and CALL_CLOSE not in b.text for b in state.blocks)


def test_html_cells_and_blocks_in_an_export_are_never_glued(tmp_path):
    state = normalise(tmp_path, "A Report\n\nSome text here.\n\n"
                      "<table><tr><td>cell A</td><td>cell B</td></tr>"
                      "<tr><th>cell C</th><td>cell D</td></tr></table>\n\n"
                      "<ul><li>first</li><li>second</li></ul>\n")
    assert "cell A cell B" in state.text and "cell C cell D" in state.text
    assert "first" in state.text and "firstsecond" not in state.text
    assert "Acell" not in state.text and state.accounting["balanced"]


def test_a_words_own_halves_are_no_evidence_for_a_compound(tmp_path):
    """A word the typesetter cut at a line end (`eigh-` / `teen`) or at a page end, with the
    page's note between the halves, is one word: the halves are not words of the document, so
    they cannot vote for a compound of two words (corpus heat-pumps read directly: `eigh-teen`,
    `with-out`). A compound the document also prints whole keeps its hyphen."""
    text = ("Sizing\n\nThe installed units were rated at five kilowatts. In eigh-\n"
            "teen homes the calculation showed a low flow temperature was enough, and the\n"
            "well-being of tenants held. Heat pumps work in older homes with-\n"
            "out wall insulation, as the monitoring shows across the whole year, and the well-\n"
            "being of the tenants improved through the winter months in every one of the\n"
            "homes. The radiators were sized room by room,1 so that in the coldest week a sev-\n"
            "1 Measured over the winter of 2022.\n\f"
            "enteen per cent margin remained above the heat loss measured in each home.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "In eighteen homes" in body and "homes without wall" in body, body
    assert "the well-being of the tenants" in body and "seventeen per cent" in body, body


@pytest.mark.parametrize("cut", ["-", "\u2010", "\u00ad"])
def test_a_title_cut_at_its_line_end_by_any_hyphen_is_one_word(tmp_path, cut):
    """typst sets the title page's line-end hyphen as a soft hyphen, which pdftotext keeps:
    `Western Val­` / `leys` is `Valleys` whatever hyphen cut it (corpus rail-history,
    chapter-heads, typst, pdftotext -layout: the title read `Val­ leys`)."""
    text = (f"The Narrow-Gauge Railways of the Western Val{cut}\n                   leys\n"
            "                A History, 1868–1934\n\n                   Margaret Ellery\n\f"
            "Preface\n\nThis short history began as a talk given to a society in the autumn of 2019.\n"
            "It draws on minute books.\n\n2\n\fChapter One\n\nThe railway opened in 1868 and closed "
            "in 1934, after a long decline.\n\n3\n")
    state = normalise(tmp_path, text)
    assert state.meta["title"] == "The Narrow-Gauge Railways of the Western Valleys"


def test_table_rows_ending_in_numbers_are_no_contents_list(tmp_path):
    """Rows of a table (cells apart by tabs, the last a number that happens to grow) read like
    a contents list without its header; none of them is set again in the body as a heading, so
    they are the body's own table and stay (pdfplumber's nics-background-checks: 5 rows of
    figures removed as `contents`)."""
    rows = ["Alabama\t1,210\t2,303\t5", "Alaska\t3,298\t6,359\t11", "Arizona\t2,303\t12,382\t12",
            "Arkansas\t98\t452\t41", "Colorado\t4,144\t19,784\t932"]
    text = ("Background Checks, November 2015\n\n" + "\n".join(rows) +
            "\n\nNotes\n\nThe figures are counts of checks, not of firearms sold.\n")
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    assert "Arizona" in body and "Colorado" in body, body
    assert not removed(state, "contents")


@pytest.mark.parametrize("header", ["Table des matières", "Inhaltsverzeichnis", "Índice"])
def test_a_contents_list_under_its_header_in_another_language_is_removed(tmp_path, header):
    text = (f"{header}\n\n1. Mise en contexte ........ 4\n2. Méthodologie ........ 6\n"
            "3. Diagnostic ........ 9\n\n1. Mise en contexte\n\nLe plan date de 2014 et il a porté fruit.\n\n"
            "2. Méthodologie\n\nNous avons consulté les groupes.\n\n3. Diagnostic\n\nLe réseau est incomplet.\n")
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    assert header not in body and "........" not in body, body
    assert body.count("Mise en contexte") == 1


def test_a_date_closing_a_title_page_is_the_date(tmp_path):
    text = ("Harbour Works in Review\n\nRuth Adeyemi\n\nMarch 14, 2023\n\fContents\n\n1. Dredging ........ 2\n"
            "2. Costs ........ 3\n\f1. Dredging\n\nThe channel was dredged in the spring and again in the\n"
            "autumn, when the silt had settled.\n\n2\n\f2. Costs\n\nThe works cost the board more than planned.\n\n3\n")
    state = normalise(tmp_path, text)
    assert state.meta.get("date") == "2023-03-14" and state.meta.get("author") == "Ruth Adeyemi", state.meta
    assert "March" not in state.text.split("---", 2)[2]


def test_a_listing_whose_repeated_lines_open_with_long_numbers_has_no_folios():
    """A police property listing read by our PDF reader repeats lines shaped like a head with its
    folio, but the number opening them has five or six digits (`85517 Tag#:SJ3686-1 …`): no
    folio, and no traceback (infer_pages raised AttributeError on a real PDF)."""
    import importlib

    infer_pages = importlib.import_module("pressroom.normalise.infer_pages")
    lines = [f"{number} Tag#:SJ{number % 9000}-1 GO SJ 2012-12{number} WA-GR/GUN DESTRUCTION"
             for number in (85517, 982982, 279861, 63723, 832229, 71345)]
    assert infer_pages._candidates(lines) == []


@SHAPES
@pytest.mark.parametrize("pages_count", [3, 5])
def test_bare_folios_are_found_when_the_last_page_is_short(tmp_path, paged, pages_count):
    """A short report's last page holds a sentence or two: its folio comes soon after the one
    before, and the folios are no less regular for that. A word cut at a page end (`settle-` /
    `ment`) is joined over the folio (`make fuzz`, stop 25: `settle- 1 ment`)."""
    rng = random.Random(5)
    pages = [[paragraph(rng, 60), paragraph(rng, 50)[:-1] + " by a new settle-", "1"]]
    pages += [[paragraph(rng, 60), paragraph(rng, 50), str(n)] for n in range(2, pages_count)]
    pages[1].insert(0, "ment on the ridge above the river.")
    pages.append(["The town kept its market for the winter.", str(pages_count)])  # the short last page
    text = laid_out(pages, paged)
    state = normalise(tmp_path, text)
    body = state.text.split("---", 2)[2]
    assert "settlement on the ridge" in body
    lines = [line.strip() for line in body.splitlines()]
    assert not any(line.isdigit() for line in lines), [line for line in lines if line.isdigit()]
    assert len(removed(state)) == pages_count


@SHAPES
@pytest.mark.parametrize("shape", ["{}", "— {} —", "Page {} of 2"])
def test_the_two_folios_of_a_two_page_report_are_found_by_a_word_cut_at_its_page_end(tmp_path, paged, shape):
    """Two folios are too few to make a chain (MIN_REPEATS) unless one stands between the halves
    of a word cut at a page end, where a page break is certain (`make fuzz`, stop 27: `inter- —
    1 — national`, the word lost)."""
    rng = random.Random(7)
    pages = [[paragraph(rng, 60), paragraph(rng, 50)[:-1] + " by an inter-", shape.format(1)],
             ["national agreement on the river.", paragraph(rng, 40), shape.format(2)]]
    state = normalise(tmp_path, laid_out(pages, paged))
    body = state.text.split("---", 2)[2]
    assert "international agreement" in body
    assert shape.format(1) not in body and shape.format(2) not in body


@SHAPES
def test_two_numbers_without_a_cut_word_between_them_are_no_folios(tmp_path, paged):
    """The negative case: two pages whose numbers stand after finished paragraphs, no word cut
    around either: two numbers are no chain, and stay in the text."""
    rng = random.Random(7)
    pages = [[paragraph(rng, 60), paragraph(rng, 50), "1"], [paragraph(rng, 40), paragraph(rng, 40), "2"]]
    state = normalise(tmp_path, laid_out(pages, paged))
    words = state.text.split("---", 2)[2].split()
    assert "1" in words and "2" in words and not removed(state)


@pytest.mark.parametrize("cut", ["-\n", "\ufffe"])
def test_a_chain_of_words_cut_at_one_of_its_hyphens_keeps_it(tmp_path, cut):
    """A chain of hyphenated words cut at one of its hyphens (`state-` / `of-the-art`,
    `nail-to-` / `nail`) leaves a word of the document on a side of the cut (`of`, `nail`): the
    hyphen is the chain's. A chain cut inside one of its parts (`traffic-calm-` / `ing`,
    `well-estab-` / `lished`) leaves syllables, and is joined (corpus flood-sirens and
    museum-loans: `stateof-the-art`, `nail-tonail`)."""
    text = ("Sirens\n\nThe valley's sirens are modern only in part, as the council says. Of the sirens in the\n"
            f"valley, the state{cut}of-the-art ones were installed under a nail-to{cut}nail contract, and\n"
            f"the others under the traffic-calm{cut}ing scheme, with well-estab{cut}lished suppliers\n"
            "who hold the nail and the art of it.\n")
    body = normalise(tmp_path, text).text.split("---", 2)[2]
    assert "the state-of-the-art ones" in body and "a nail-to-nail contract" in body, body
    assert "the traffic-calming scheme" in body and "well-established suppliers" in body, body


def test_a_chain_pdftotext_joined_at_one_of_its_hyphens_gets_it_back(tmp_path):
    """pdftotext drops the hyphen ending a printed line inside a chain too (`little-and` +
    `often` read `little-andoften`): the hyphen comes back where both sides of the cut are words
    of the document (`and` | `often`, never `an` | `doften`) (corpus harbour-dredging and
    museum-loans, pdftotext)."""
    lines = [
        "Dredging",
        "",
        "The harbour has been dredged often and in small amounts, and",
        "the commissioners want the work to go on in the same way as",
        "before. A shared dredger would allow little-andoften dredging at a cost the harbour can afford, and",
        "the sluice would reduce the amount of dredging needed in the",
        "long term, as the engineers said when they reported on it.",
        "The harbour would keep the dredger for ten days each year.",
    ]
    body = normalise(tmp_path, "\n".join(lines) + "\n").text.split("---", 2)[2]
    assert "allow little-and-often dredging" in body, body
    # The negative case: the chain printed whole on a joined line, `often` a word of the
    # document elsewhere (on another joined line): no cut to mend (`of` | `ten` are words too,
    # `little-and-of-ten`).
    lines[2] = "The harbour has been dredged in small amounts, and"
    lines[4] = ("before. A shared dredger would allow little-and-often dredging at a cost the harbour "
                "can afford, and")
    lines[6] = ("long term, as the engineers said when they reported on it, and often it "
                "would not be needed at all.")
    body = normalise(tmp_path, "\n".join(lines) + "\n").text.split("---", 2)[2]
    assert "allow little-and-often dredging" in body, body


def test_a_recurring_label_amid_a_page_is_kept_where_form_feeds_mark_the_pages(tmp_path):
    """A rate sheet of two pages (too few for page_edges' statistics) repeats its table's header
    `Loan Type` at each page's top and amid the page. Where form feeds mark the pages, furniture
    stands among a page's first or last blocks: the label amid a page is the table's, kept, and
    reported (`furniture-content`); before, every occurrence went as a running head (a real
    rate sheet from pdfplumber's test files, read by pdftotext)."""
    def page(title: str) -> str:
        return (f"{title}\nLoan Type\n\nPrincipal and Interest\nReference Rate\n\n"
                "Effective as at 9 April 2019\n\n5.20%\n5.35%\n\nLoan Type\n3 Year Special Rate Saver\n"
                "No Fee\n\nThe rates apply to new loans.\n\nLoan Type\nExtra Variable Rate\n\n"
                "First Bank of Anywhere\n")
    text = "\f".join(page(title) for title in ("Home Loan Rates", "Investment Loan Rates"))
    state = normalise(tmp_path, text)
    amid = [source_line(text, "Loan Type\n3 Year"), text.count("\n", 0, text.rindex("Loan Type\n3 Year")) + 1]
    removed_lines = [entry["line"] for entry in removed(state)]
    assert not set(amid) & set(removed_lines), (amid, removed_lines)
    assert "furniture-content" in [d.code for d in state.diagnostics.items]


def _pdftotext_joined(rng: random.Random, ending: str, width: int = 72) -> list[str]:
    """A paragraph of ordinary words ending with `ending`, wrapped so that a line ends at the
    hyphen marked `|` (`bought-|in`), then joined there as pdftotext joins a line ending in a
    hyphen (hyphen dropped): the joined line's second printed line is short."""
    head, tail = ending.split("|")
    for _ in range(2000):
        words = paragraph(rng, rng.randrange(30, 60))[:-1].split() + head.split()
        lines, line = [], ""
        for word in words:  # filled to `width`, the last line ending at the cut
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        if 0.95 * width <= len(line) <= width and len(line) + len(tail) < 1.4 * width:
            return lines + [line[:-1] + tail]
    raise AssertionError("no layout found")


@pytest.mark.parametrize("ending, elsewhere, restored", [
    ("filled with bought-|in soil.", "Compost was bought-in too.", "with bought-in soil."),
    ("at https://example.org/land-contamination-|risk-assessment.",
     "The contamination was a risk.", "land-contamination-risk-assessment"),
    ("work of the state-|of-the-art type.", "The state of the art.", "state-of-the-art type."),
])
def test_a_compound_pdftotext_joined_before_a_short_last_line_gets_its_hyphen(
        tmp_path, ending, elsewhere, restored):
    """pdftotext joins a printed line ending in a hyphen to the next; when that next line is a
    paragraph's short last one (`boughtin soil.`, a note's URL `land-contaminationrisk-…lcrm.`),
    the joined line is hardly longer than a full one, and was not looked at. The hyphen comes
    back on the document's own word only: the compound printed whole elsewhere, or a chain whose
    both sides are words of the document (corpus allotment-soil, typst pdftotext)."""
    rng = random.Random(3)
    paragraphs = ["\n".join(textwrap.wrap(paragraph(rng, 60), 72)) for _ in range(4)]
    paragraphs.append("\n".join(_pdftotext_joined(rng, ending)))
    paragraphs.append("\n".join(textwrap.wrap(paragraph(rng, 40)[:-1] + ". " + elsewhere, 72)))
    body = normalise(tmp_path, "Report\n\n" + "\n\n".join(paragraphs) + "\n").text.split("---", 2)[2]
    assert restored in body.replace("\n", " "), body


def test_a_word_joined_before_a_short_last_line_is_left_without_evidence(tmp_path):
    """The negative: a compound the document prints nowhere else (`northeast`) and a
    hyphenated word whose parts are not both words of the document stay as pdftotext wrote
    them: a hyphen is never invented."""
    rng = random.Random(3)
    paragraphs = ["\n".join(textwrap.wrap(paragraph(rng, 60), 72)) for _ in range(4)]
    paragraphs.append("\n".join(_pdftotext_joined(rng, "carried to the north-|east.")))
    paragraphs.append("\n".join(_pdftotext_joined(rng, "came from a far-away-|land.")))
    body = normalise(tmp_path, "Report\n\n" + "\n\n".join(paragraphs) + "\n").text.split("---", 2)[2]
    flat = body.replace("\n", " ")
    assert "to the northeast." in flat and "a far-awayland." in flat, body
