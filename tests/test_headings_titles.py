"""Headings and title pages in text exports, each from a small export written here in the shape
an extractor gives (issue 11): where the title page's lines end the title, which lines are
headings and at which level."""

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


def flowing(rng: random.Random, headings, stacked=()) -> list[str]:
    """The lines of a hard-wrapped export with no page ends: each heading, then a paragraph
    (none below a heading in `stacked`: the next heading stands right below it)."""
    lines: list[str] = []
    for heading in headings:
        lines += [heading] + ([] if heading in stacked else textwrap.wrap(paragraph(rng), 72))
    return lines


def paged(pages: list[list[str]]) -> str:
    """pdftotext's reading-order shape: hard-wrapped lines, a form feed after each page."""
    return "\f".join("\n".join(page) + "\n" for page in pages)


def test_a_wrapped_title_is_told_from_its_subtitle_by_where_its_lines_break(tmp_path):
    """No running head repeats the title (odd/even heads carry the author; chapters open on
    the even pages): a short second line under the title, above a longer line that could have
    taken its first word, cannot be the start of that line's paragraph, so it ends the title
    (corpus bridge-inspection, odd-even: the title cut after its first line)."""
    rng = random.Random(3)
    front = ["A Survey of the Region's", "Small Harbours and Slipways",
             "Findings of the Coastal Review, 2021 to 2023", "Coastal Works Office"]
    pages = [front]
    for number, heading in enumerate(["1. Summary", "2. Harbours", "3. Slipways", "4. Costs"], start=2):
        page = [heading] if number % 2 == 0 else ["Coastal Works Office", "", str(number), heading]
        for _ in range(3):
            page += textwrap.wrap(paragraph(rng), 72)
        if number % 2 == 0:
            page += ["", str(number)]
        pages.append(page)
    state = normalise(tmp_path, paged(pages))
    assert state.meta["title"] == "A Survey of the Region's Small Harbours and Slipways"
    assert state.meta["subtitle"] == "Findings of the Coastal Review, 2021 to 2023"
    assert state.meta["author"] == "Coastal Works Office"


def test_a_title_wrapped_over_three_lines_keeps_them_all(tmp_path):
    """A large title in a narrow measure wraps twice, its last line a word or two: each line is
    wrapped from the one above (none could have taken the next line's first word), and only the
    subtitle is left below it (the folio alone at the foot, no running head to say)."""
    rng = random.Random(5)
    front = ["The Narrow-Gauge", "Tramways of the Upper", "Dulas", "A Record, 1790–1890",
             "Coastal Works Office"]
    pages = [front]
    for number, heading in enumerate(["1. Summary", "2. Mills", "3. Harbours"], start=2):
        page = [heading]
        for _ in range(3):
            page += textwrap.wrap(paragraph(rng), 60)
        pages.append(page + ["", str(number)])
    state = normalise(tmp_path, paged(pages))
    assert state.meta["title"] == "The Narrow-Gauge Tramways of the Upper Dulas"
    assert state.meta["subtitle"] == "A Record, 1790–1890"


@pytest.mark.parametrize("title", ["Who Mends the Harbour Wall?", "How Long Does the Harbour Wall Last?",
                                   "Who Should Pay for the Repairs to the Old Harbour Wall?"])
@pytest.mark.parametrize("folio", ["foot", "head"])
def test_a_title_asking_a_question_is_the_title_and_the_running_head(tmp_path, title, folio):
    """The title asks a question and fits on one line, and every later page carries it as its
    running head: the title page is one all the same (a question mark ends no sentence of
    running text there), so its first line is the title, not a head to remove (corpus
    flood-sirens: the subtitle and two authors taken for the title). A question of six words or
    more reads as a sentence of the body, but recurring at the page tops as the title the first
    page opens with, it is their running head, removed (fresh seed-bank: `How Long Does Stored
    Seed Live?` kept and splitting paragraphs)."""
    rng = random.Random(13)
    pages = [[title, "Repairs after the Winter Storms", "Coastal Works Office"]]
    for number, heading in enumerate(["1. Summary", "2. Harbours", "3. Slipways", "4. Costs"], start=2):
        page = [title if folio == "foot" else f"{title}    {number}", "", heading]
        for _ in range(3):
            page += textwrap.wrap(paragraph(rng), 72)
        pages.append(page + (["", str(number)] if folio == "foot" else []))
    state = normalise(tmp_path, paged(pages))
    assert state.meta["title"] == title
    assert title not in state.text.split("\n---\n", 1)[1]
    assert state.meta["subtitle"] == "Repairs after the Winter Storms"
    assert state.meta["author"] == "Coastal Works Office"


def test_a_question_recurring_at_page_tops_that_is_not_the_title_is_kept(tmp_path):
    """A question of six words or more recurring at the top of the pages, where the first page
    opens with another title, reads as a sentence of the body: kept, and reported."""
    rng = random.Random(17)
    question = "How Long Does the Harbour Wall Last?"
    pages = [["Harbour Works", "Repairs after the Winter Storms", "Coastal Works Office"]]
    for number, heading in enumerate(["1. Summary", "2. Harbours", "3. Slipways", "4. Costs"], start=2):
        page = [question, "", heading]
        for _ in range(3):
            page += textwrap.wrap(paragraph(rng), 72)
        pages.append(page + ["", str(number)])
    state = normalise(tmp_path, paged(pages))
    assert question in state.text.split("\n---\n", 1)[1]
    assert "furniture-content" in [d.code for d in state.diagnostics.items]


def test_a_subtitle_wrapped_over_two_lines_stays_one_subtitle(tmp_path):
    """The opposite shape: a subtitle whose first line could not take the next line's first word
    is one subtitle wrapped, and the title stays its own line."""
    rng = random.Random(4)
    front = ["Small Harbours", "Findings of the coastal review of harbour walls and",
             "slipways, 2021 to 2023", "Coastal Works Office"]
    pages = [front]
    for number, heading in enumerate(["1. Summary", "2. Harbours", "3. Slipways"], start=2):
        page = ["Coastal Works Office", "", str(number), heading]
        for _ in range(3):
            page += textwrap.wrap(paragraph(rng), 72)
        pages.append(page)
    state = normalise(tmp_path, paged(pages))
    assert state.meta["title"] == "Small Harbours"
    assert state.meta["subtitle"] == "Findings of the coastal review of harbour walls and slipways, 2021 to 2023"


def test_contents_entries_whose_numbers_pdfminer_set_apart_stay_apart(tmp_path):
    """pdfminer writes a contents entry's title, its leaders and its page number as blocks of
    their own, and sets the numbers of a run of entries together below the last of them: each
    title with its own leaders is an entry, not the start of the next one (corpus
    harbour-dredging, pdfminer: `To the fishing fleet To the town` matched no heading)."""
    rng = random.Random(5)
    leaders = ". . . . . . . . . . . . . . . . . . ."
    contents = ["Contents", "Harbour Walls", leaders, "3", "Stone and mortar", leaders,
                "The outer quay", leaders, "The inner quay", leaders, "3", "3", "3",
                "Slipways", leaders, "4"]
    body = [[]]
    for heading in ["Harbour Walls", "Stone and mortar", "The outer quay", "The inner quay", "Slipways"]:
        body[-1] += [heading, *textwrap.wrap(paragraph(rng), 72)]
        if heading in ("The inner quay", "Slipways"):
            body.append([])
    text = "\n\n".join(contents) + "\n\f" + "\f".join("\n".join(page) + "\n" for page in body if page)
    state = normalise(tmp_path, text)
    assert [entry["text"] for entry in state.contents] == [
        "Harbour Walls", "Stone and mortar", "The outer quay", "The inner quay", "Slipways"]
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Harbour Walls", "Stone and mortar", "The outer quay", "The inner quay", "Slipways"]


@pytest.mark.parametrize("numbered", ["Workload in 2023", "Phase 2", "The Route 66 Corridor", "Annex 3"])
@pytest.mark.parametrize("run_apart", [False, True])
def test_a_contents_entry_whose_title_ends_in_a_number_keeps_its_leaders_and_page(tmp_path, numbered, run_apart):
    """pdfminer's contents shape again, one entry's title ending in a number of its own (a year,
    a phase): leaders never follow a page number, so the number is the title's and the leaders
    and page below are the entry's; the list goes on to its end (court interpreters, pdfminer:
    the list stopped at `Workload in 2023`, its later entries and ~560 leader dots stayed as text).
    The number may also be the page of a run set apart below the last entry."""
    rng = random.Random(6)
    leaders = ". . . . . . . . . . . . . . . . . . ."
    headings = ["Harbour Walls", numbered, "The outer quay", "The inner quay", "Slipways"]
    contents = ["Contents", "Harbour Walls", leaders, "3", numbered, leaders]
    contents += ["3"] if not run_apart else []
    contents += ["The outer quay", leaders, "The inner quay", leaders, *(["3"] if run_apart else []), "3", "3",
                 "Slipways", leaders, "4"]
    body = [[]]
    for heading in headings:
        body[-1] += [heading, *textwrap.wrap(paragraph(rng), 72)]
        if heading in ("The inner quay", "Slipways"):
            body.append([])
    text = "\n\n".join(contents) + "\n\f" + "\f".join("\n".join(page) + "\n" for page in body if page)
    state = normalise(tmp_path, text)
    assert [entry["text"] for entry in state.contents] == headings
    assert [b.plain() for b in state.blocks if b.kind == "heading"] == headings
    assert ". . ." not in state.text



LONG_ENTRY = "Use of the cards for purchases that should have gone through procurement"


@pytest.mark.parametrize("shape", ["pdftotext", "pypdf", "pdfminer", "pdfminer-wrapped"])
def test_a_contents_entry_too_long_for_its_line_keeps_its_wrapped_leaders_and_page(tmp_path, shape):
    """An entry too long for its line, its leaders and page number wrapped onto the next (and
    pdfminer's shape: title lines, leaders and numbers as blocks of their own, the numbers of a
    run set apart): the list goes on to its end (corpus purchase-card-audit running-head
    pressroom: the list ended at the long entry, its later entries and ~100 leader dots stayed
    as text before the first heading)."""
    rng = random.Random(7)
    headings = ["Summary", "Receipts and coding", LONG_ENTRY, "Other matters", "Action plan"]
    dots = ". " * 30
    if shape == "pdftotext":
        contents = ["Contents", f"Summary {dots}3", f"Receipts and coding {dots}3", LONG_ENTRY,
                    "." * 60 + " 4", f"Other matters {dots}4", f"Action plan {dots}5"]
    elif shape == "pypdf":  # the wrapped page number lost: leaders alone
        contents = ["Contents", f"Summary {dots}3", f"Receipts and coding {dots}3", LONG_ENTRY,
                    dots.strip(), f"Other matters {dots}4", f"Action plan {dots}5"]
    else:
        title = [LONG_ENTRY] if shape == "pdfminer" else [LONG_ENTRY.rsplit(" ", 1)[0] + "\n"
                                                          + LONG_ENTRY.rsplit(" ", 1)[1]]
        contents = ["Contents", "Summary", dots, "3", "Receipts and coding", dots, *title, dots,
                    "Other matters", dots, "3", "4", "4", "Action plan", dots, "5"]
    body = [[]]
    for heading in headings:
        body[-1] += [heading, *textwrap.wrap(paragraph(rng), 72)]
        if heading in ("Receipts and coding", "Other matters"):
            body.append([])
    separator = "\n\n" if shape.startswith("pdfminer") else "\n"
    text = separator.join(contents) + "\n\f" + "\f".join("\n".join(page) + "\n" for page in body if page)
    state = normalise(tmp_path, text)
    assert [entry["text"] for entry in state.contents] == headings
    assert ". . ." not in state.text and "....." not in state.text
    assert state.text.count("Other matters") == 1  # the body's heading; no entry left in the text


def test_a_title_line_without_leaders_after_the_contents_stays_text(tmp_path):
    """The list's end is unchanged by a wrapped entry's reading: a line without leaders after
    the last entry, followed by body text, is the body's."""
    rng = random.Random(8)
    dots = ". " * 30
    contents = ["Contents", f"Summary {dots}2", f"Receipts and coding {dots}2", f"Other matters {dots}3"]
    lead = "A note on the sources used in this review"
    body = [[lead, *textwrap.wrap(paragraph(rng), 72), "Summary", *textwrap.wrap(paragraph(rng), 72),
             "Receipts and coding", *textwrap.wrap(paragraph(rng), 72)],
            ["Other matters", *textwrap.wrap(paragraph(rng), 72)]]
    text = "\n".join(contents) + "\n\f" + "\f".join("\n".join(page) + "\n" for page in body)
    state = normalise(tmp_path, text)
    assert [entry["text"] for entry in state.contents] == ["Summary", "Receipts and coding", "Other matters"]
    assert lead in state.text


def folio_beside_heading_export(rng: random.Random) -> str:
    """pdfminer's shape, blocks between blank lines: a chapter's first page holds its folio
    (`4`) between the chapter's heading and its first section's, where pdfminer read it; a note's
    call (`1`) set apart stands above a later section's heading."""
    leaders = " . . . . . . . . . . . . . . . . "
    contents = ["Contents", f"1. Introduction{leaders}4", f"1.1 Purpose of the review{leaders}4",
                f"1.2 Sources{leaders}5", f"2. Findings{leaders}6", f"2.1 Stone walls{leaders}6"]
    pages = [["1. Introduction", "4", "1.1 Purpose of the review", *textwrap.wrap(paragraph(rng), 72)],
             [*textwrap.wrap(paragraph(rng), 72), "1", "1.2 Sources", *textwrap.wrap(paragraph(rng), 72)],
             ["2. Findings", "2.1 Stone walls", *textwrap.wrap(paragraph(rng), 72)]]
    return "\n\n".join(contents) + "\n\f" + "\f".join("\n\n".join(page) + "\n" for page in pages)


def test_a_number_beside_a_heading_is_its_folio_or_stays_apart(tmp_path):
    """A number standing alone beside a heading is not part of it (the joined line only looked
    like the entry: `4 1.1 Purpose` against `1.1 Purpose`). Where it is the page the contents
    list gives the heading it is that page's folio, removed and accounted for; another number
    stays in the text (corpus river-basin typst pdfminer, heat-pumps pypdfium2)."""
    state = normalise(tmp_path, folio_beside_heading_export(random.Random(6)))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["1. Introduction", "1.1 Purpose of the review", "1.2 Sources", "2. Findings",
                     "2.1 Stone walls"]
    assert [entry["text"] for entry in state.audit.removed["page_numbers"]] == ["4"]
    assert any(b.plain() == "1" for b in state.blocks)


def test_entries_named_chapters_are_chapters_and_the_others_between_them_sections(tmp_path):
    """An unnumbered contents list whose chapters name themselves (`Chapter 2: Growth`): those
    are the top level, an unnumbered entry between two of them one of its sections, front matter
    before the first a top level (corpus rail-history, pypdf: `Passengers` taken for a chapter,
    and pdfminer: `Chapter 2` taken for a section)."""
    rng = random.Random(7)
    titles = ["Preface", "Chapter 1: Origins", "Chapter 2: Growth", "Passengers", "Chapter 3: Decline"]
    lines = ["Contents", *(f"{title} . . . . . . . . . . . . . . . . {page}" for title, page in
                           zip(titles, [3, 4, 5, 5, 7]))]
    for title in titles:
        lines += [title, *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Preface"), (1, "Chapter 1: Origins"), (1, "Chapter 2: Growth"),
                     (2, "Passengers"), (1, "Chapter 3: Decline")]


def test_the_folio_below_a_heading_on_its_own_page_is_furniture(tmp_path):
    """No contents list: pdfminer set a chapter page's folio (`3`) between the chapter's heading
    and its first section's, where it stands level with them. The number of the page it stands
    on is that page's folio, and the heading above it is found; a number that is not its page's
    stays in the text (corpus school-meals typst pdfminer: `3. Take-up` lost as a heading)."""
    rng = random.Random(8)
    pages = [["1. Background", *textwrap.wrap(paragraph(rng), 72)],
             ["2. Method", *textwrap.wrap(paragraph(rng), 72), "", "Harbour walls", "7",
              *textwrap.wrap(paragraph(rng), 72)],
             ["3. Results", "", "3", "", "Stone walls", *textwrap.wrap(paragraph(rng), 72)]]
    state = normalise(tmp_path, "\f".join("\n".join(page) + "\n" for page in pages))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found[:2] == ["1. Background", "2. Method"] and found[-2:] == ["3. Results", "Stone walls"]
    assert [entry["text"] for entry in state.audit.removed.get("page_numbers", [])] == ["3"]
    assert "7" in state.text.split("---", 2)[2].split()


def test_subsections_from_stacked_headings_and_the_space_above_them(tmp_path):
    """No contents list, no numbers: chapters open their pages; a heading right below a
    chapter's or a section's (no text between) is one level below it, and of the others the
    export keeps the space above at two distances (two blank lines above a section, one above
    a subsection), the nearer ones subsections of the section above them (corpus water-meters:
    `How leaks are detected`, `What was found` and `Customer response` taken for sections)."""
    rng = random.Random(9)

    def text() -> list[str]:
        return textwrap.wrap(paragraph(rng), 72)

    pages = [["Meters on Trial", "An Evaluation of the Kelsby Pilot", "Kelsby Water Services"],
             ["Overview", *text()],
             ["Equipment and Installation", "", "Meters", *text(), "", "", "Radio network", *text()],
             ["Results", "", "Finding leaks sooner", "", "How leaks are detected", *text(), "",
              "What was found", *text(), "", "Customer response", *text(), "", "", "Water use", *text(),
              "", "", "Network reliability", *text()]]
    state = normalise(tmp_path, "\f".join("\n".join(page) + "\n" for page in pages))
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Overview"), (1, "Equipment and Installation"), (2, "Meters"), (2, "Radio network"),
                     (1, "Results"), (2, "Finding leaks sooner"), (3, "How leaks are detected"),
                     (3, "What was found"), (3, "Customer response"), (2, "Water use"),
                     (2, "Network reliability")]


def test_chapters_that_name_themselves_and_question_headings_without_a_contents_list(tmp_path):
    """No contents list: a line naming its rank and number (`Chapter 2: Method`, `Appendix A:
    Forms`) is a chapter's heading, and the unnumbered headings between chapters are sections,
    one stacked right below a section a subsection; a heading may ask a question in title case
    (`Who Pays the Toll?`), while a question in sentence case is a line of dialogue (corpus
    flood-sirens: every heading lost, merged into its first paragraph)."""
    rng = random.Random(12)

    def text() -> list[str]:
        return textwrap.wrap(paragraph(rng), 72)

    pages = [["Harbour Works", "A Report to the Council", "Port Office"],
             ["Chapter 1: Background", "Why Repair Now?", *text(), "Who Pays the Toll?", *text(),
              "Did you see the storm?", *text()],
             ["Chapter 2: Method", "Surveys", "Divers", *text(), "Chapter 3: Results", *text()],
             ["Appendix A: Forms", *text()]]
    state = normalise(tmp_path, "\f".join("\n".join(page) + "\n" for page in pages))
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Chapter 1: Background"), (2, "Why Repair Now?"), (2, "Who Pays the Toll?"),
                     (1, "Chapter 2: Method"), (2, "Surveys"), (3, "Divers"),
                     (1, "Chapter 3: Results"), (1, "Appendix A: Forms")]


def test_unnumbered_headings_below_a_two_level_contents_list_are_its_subsections(tmp_path):
    """The printed contents list stops at two levels (chapters and sections, unnumbered): a line
    of a heading's shape inside a section, between a finished sentence and running text, is that
    section's subsection; one inside a chapter's own text (a signature under a foreword) is not
    (corpus museum-loans: `Condition Reports`, `Couriers` lost in the text)."""
    rng = random.Random(14)

    def text() -> list[str]:
        return textwrap.wrap(paragraph(rng), 72)

    titles = [("Foreword", 0), ("Harbour Works", 0), ("Walls", 1), ("Costs", 0), ("Funding", 1)]
    lines = ["Contents", *(f"{'  ' * depth}{title} . . . . . . . . . . . . . . {page}"
                           for (title, depth), page in zip(titles, [3, 4, 4, 6, 6]))]
    lines += ["Foreword", *text(), "Mary Jones, Harbour Master", "Harbour Works", *text(), "Walls", *text(),
              "Stone Repairs", *text(), "Timber Fenders", *text(), "Costs", *text(), "Funding", *text()]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Foreword"), (1, "Harbour Works"), (2, "Walls"), (3, "Stone Repairs"),
                     (3, "Timber Fenders"), (1, "Costs"), (2, "Funding")], found


@pytest.mark.parametrize("line, iso", [
    ("January 3, 2024", "2024-01-03"), ("Jan 3, 2024", "2024-01-03"), ("3 January 2024", "2024-01-03"),
    ("3 Jan 2024", "2024-01-03"), ("2024-01-03", "2024-01-03"), ("January 3 2024", "2024-01-03"),
    ("3rd  January 2024", "2024-01-03"), ("march 21, 2023", "2023-03-21"), ("2024-1-3", "2024-01-03"),
])
def test_a_printed_date_of_each_format_is_read(line, iso):
    """The shape check in front of strptime lets every format's date through."""
    from pressroom.normalise.title_page import printed_date

    assert printed_date(line) == iso


@pytest.mark.parametrize("line", ["Results of the 2023 User Survey", "Spring 2024", "Chapter 3, 2024",
                                  "31 Smith Street 2024", "2024", "Ruth Adeyemi"])
def test_a_line_that_is_no_date_is_not_read_as_one(line):
    from pressroom.normalise.title_page import printed_date

    assert printed_date(line) is None


def test_a_table_column_of_numbers_before_a_sign_or_unit_is_no_heading(tmp_path):
    """A table's column read down, one cell a line (`61 %`, `27 kg`), between finished sentences,
    and a list item in lower case (`3. resurface the slipway`) are not numbered headings; the
    numbered headings around them are (corpus bridge-inspection, groff: `# 61 %`, `# 27 %`)."""
    rng = random.Random(11)
    lines = ["1. Condition", *textwrap.wrap(paragraph(rng), 72),
             "Share", "61 %", "27 %", "10 %", "Weight", "27 kg", "14 kg",
             *textwrap.wrap(paragraph(rng), 72),
             "2. Repairs", *textwrap.wrap(paragraph(rng), 72),
             "3. resurface the slipway before the winter storms arrive in the bay.",
             "2.1 Stone and Lime", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "1. Condition"), (1, "2. Repairs"), (2, "2.1 Stone and Lime")]
    for cell in ("61 %", "27 %", "10 %", "27 kg", "resurface the slipway"):
        assert cell in state.text  # (and none of them booked as a running head)
    assert "running_heads" not in state.audit.removed


def pypdf_pages(front: list[str], head: str, title: str, headings: list[str], rng) -> str:
    """pypdf's shape: pages joined with nothing between them, each after the title page opening
    with its running head and closing with the title and its folio on one line."""
    lines = list(front)
    for number, heading in enumerate(headings, start=2):
        lines += [head, heading]
        for _ in range(3):
            lines += textwrap.wrap(paragraph(rng), 72)
        lines.append(f"{title} {number}")
    return "\n".join(lines) + "\n"


def test_an_author_line_the_next_pages_head_repeats_is_one_author(tmp_path):
    """The running head repeats the title page's author line: where pypdf joins the pages, the
    second page's head stands right below that line. It is the head (furniture), not a second
    author."""
    front = ["The Tidal Mills of the Estuary", "A Record, 1790–1890", "Coastal Works Office"]
    text = pypdf_pages(front, "Coastal Works Office", "The Tidal Mills of the Estuary",
                       ["1. Summary", "2. Mills", "3. Harbours", "4. Costs"], random.Random(6))
    state = normalise(tmp_path, text)
    assert state.meta["title"] == "The Tidal Mills of the Estuary"
    assert state.meta["author"] == "Coastal Works Office"
    assert "Coastal Works Office" not in state.text.split("\n---\n", 1)[1]


def _tidal_mills(seed: int, subtitle: str, headings: list[str], head_above: bool = False) -> str:
    """A pypdf export of a report whose pages carry the author line and the title with its folio
    as margin boxes, written after each page's text (or the author line above its heading, with
    `head_above`, as typst's pages give it); the title page has none."""
    rng = random.Random(seed)
    lines = ["The Tidal Mills of the Estuary", subtitle, "Coastal Works Office"]
    for number, heading in enumerate(headings, start=2):
        lines += ["Coastal Works Office", heading] if head_above else [heading]
        for _ in range(3):
            lines += textwrap.wrap(paragraph(rng), 72)
        lines += [f"The Tidal Mills of the Estuary {number}"] if head_above else \
            ["Coastal Works Office", f"The Tidal Mills of the Estuary {number}"]
    return "\n".join(lines) + "\n"


def test_a_subtitle_above_the_author_line_the_heads_repeat_stays_the_subtitle(tmp_path):
    """pypdf writes WeasyPrint's margin boxes after a page's text (the author, then the title
    and its folio); the title page has none. The page end inferred from the folios falls below
    the subtitle, as the author line below it recurs at every page's foot: the subtitle is no
    author, and the author line is the author (corpus page-notes pressroom pypdf: school-meals,
    heat-pumps, allotment-soil: the subtitle came out the author, the author a heading)."""
    state = normalise(tmp_path, _tidal_mills(8, "A Record of the Surviving Buildings",
                                             ["1. Summary", "2. Mills", "3. Harbours", "4. Costs"]))
    assert state.meta["title"] == "The Tidal Mills of the Estuary"
    assert state.meta.get("subtitle") == "A Record of the Surviving Buildings"
    assert state.meta.get("author") == "Coastal Works Office"
    assert [b.plain() for b in state.blocks if b.kind == "heading"][0] == "1. Summary"


def test_an_author_line_twice_above_a_heading_is_the_author_and_the_next_pages_head(tmp_path):
    """pypdf on typst's pages: the title and its folio close a page, the author line opens the
    next as its head; the title page has none, so its author line stands twice, above the first
    heading. The line twice is no chapter's head above its heading (running text would follow
    them): the author, once, and the subtitle above it (corpus school-meals, page-notes typst
    pypdf: the subtitle came out the author, the author a heading)."""
    state = normalise(tmp_path, _tidal_mills(9, "A Record of the Surviving Buildings",
                                             ["Key Findings", "1. Mills", "2. Harbours", "3. Costs"],
                                             head_above=True))
    assert state.meta["title"] == "The Tidal Mills of the Estuary"
    assert state.meta.get("subtitle") == "A Record of the Surviving Buildings"
    assert state.meta.get("author") == "Coastal Works Office"
    assert [b.plain() for b in state.blocks if b.kind == "heading"][0] == "Key Findings"


def test_an_author_line_taken_for_the_next_pages_head_is_the_author(tmp_path):
    """pypdf writes WeasyPrint's margin boxes after a page's text, so a head that repeats the
    author line closes each page; the page ends inferred from the folios then put the title
    page's author line at the next page's top, as a head. It is the title page's author."""
    state = normalise(tmp_path, _tidal_mills(7, "A Record, 1790–1890",
                                             ["1. Summary", "2. Mills", "3. Harbours", "4. Costs"]))
    assert state.meta["title"] == "The Tidal Mills of the Estuary"
    assert state.meta.get("author") == "Coastal Works Office"
    assert "Coastal Works Office" not in state.text.split("\n---\n", 1)[1]


def test_levels_from_title_and_sentence_case_where_chapters_run_on(tmp_path):
    """No contents list, no numbers, chapters that do not open a page (troff): chapters in title
    case, sections in sentence case; a one-word heading right below a chapter's is its section,
    elsewhere a chapter (corpus harbour-dredging and water-meters, groff: levels by chance)."""
    rng = random.Random(12)
    headings = [(1, "How the Harbour Silts"), (2, "The river and the tide"), (2, "Measuring the problem"),
                (1, "What Dredging Costs"), (2, "Dredgers"), (2, "The harbour's income"),
                (1, "Results"), (1, "The Commissioners' Proposal")]
    # (`Dredgers` right below its chapter's heading)
    lines = flowing(rng, [heading for _, heading in headings], stacked={"What Dredging Costs"})
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(level, text.replace("'", "’")) for level, text in headings]
    assert "heading-levels-from-case" in {d.code for d in state.diagnostics.items}


def test_one_case_throughout_says_nothing_of_levels(tmp_path):
    rng = random.Random(13)
    lines = flowing(rng, ["How the Harbour Silts", "The River and the Tide", "What Dredging Costs"])
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert [b.level for b in state.blocks if b.kind == "heading"] == [1, 1, 1]


def test_chapters_named_so_are_headings_without_a_contents_list(tmp_path):
    """`Chapter 2: Three Companies`, no contents list (troff prints it at the end): a chapter,
    and an unnumbered heading between two of them its section (corpus rail-history, groff)."""
    rng = random.Random(14)
    lines = flowing(rng, ["Chapter 1: Slate, Sheep and Distance", "Chapter 2: Three Companies",
                          "Passengers", "Chapter 3: Decline"])
    lines += ["Chapter 3 of the survey describes the decline of the traffic after the war and",
              "the closure of the line."]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Chapter 1: Slate, Sheep and Distance"), (1, "Chapter 2: Three Companies"),
                     (2, "Passengers"), (1, "Chapter 3: Decline")]


def test_a_cover_page_above_one_blank_line_is_the_title_page(tmp_path):
    """pypdf on a troff cover page: the cover's lines, one blank line (the space below them),
    then the first chapter's heading and its text, no page separator: title, subtitle, author
    (corpus rail-history and bridge-inspection, groff, pypdf: the title assumed from the file
    name, the cover's lines a paragraph)."""
    rng = random.Random(15)
    lines = ["The Narrow-Gauge Railways of the Western Valleys", "A History, 1868-1934",
             "Valleys Heritage Society", "", *flowing(rng, ["1. Origins", "2. Decline"])]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert state.meta.get("title") == "The Narrow-Gauge Railways of the Western Valleys"
    assert state.meta.get("subtitle") == "A History, 1868-1934"
    assert [b.plain() for b in state.blocks if b.kind == "heading"] == ["1. Origins", "2. Decline"]


def test_a_flat_contents_list_leaves_the_levels_to_the_pages_and_then_finds_the_unlisted(tmp_path):
    """The contents list shows no levels (unnumbered, not indented, as pdftotext sets it): the
    chapters opening a page say which headings are chapters. A line of a heading's shape inside a
    section is then that section's subsection, and one inside a chapter's own text (a signature
    under a foreword) stays text; a heading the list names that the body sets out of the list's
    order (two columns read in another order) is one of the list's own, not a subsection
    (corpus museum-loans: `Condition Reports` a level too high, `Henrietta Vos, Chair…` a
    heading)."""
    rng = random.Random(23)

    def text() -> list[str]:
        return textwrap.wrap(paragraph(rng), 72)

    listed = [("Foreword", 3), ("Harbour Works", 4), ("Walls", 4), ("Docks", 5), ("Slipways", 5),
              ("Costs", 6), ("Funding", 6)]
    contents = ["Contents", *(f"{title} . . . . . . . . . . . . . . {page}" for title, page in listed)]
    pages = [["Keeping the Harbour", "Port Works Office"], contents,
             ["Foreword", *text(), "Mary Jones, Harbour Master", "", "3"],
             ["Harbour Works", *text(), "Walls", *text(), "Stone Repairs", *text(), "", "4"],
             ["Timber Fenders", *text(), "Slipways", *text(), "Docks", *text(), "", "5"],
             ["Costs", *text(), "Funding", *text(), "", "6"]]
    state = normalise(tmp_path, paged(pages))
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Foreword"), (1, "Harbour Works"), (2, "Walls"), (3, "Stone Repairs"),
                     (3, "Timber Fenders"), (2, "Slipways"), (2, "Docks"), (1, "Costs"),
                     (2, "Funding")], found


def test_the_last_chapters_sections_run_on_to_the_back_matter(tmp_path):
    """Without a contents list, `Chapter N:` headings are chapters and the unnumbered headings
    after one are its sections, after the last chapter as well (corpus flood-sirens: `Additional
    and Relocated Sirens` came out a chapter); the back matter after them (`References`) is a
    chapter of its own, as are the front matter's headings before the first chapter."""
    rng = random.Random(31)
    lines = flowing(rng, ["Summary", "Chapter 1: Background", "Old Walls", "New Walls",
                          "Chapter 2: Proposals", "Rebuilding the Quay", "Dredging the Basin",
                          "References"])
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(1, "Summary"), (1, "Chapter 1: Background"), (2, "Old Walls"), (2, "New Walls"),
                     (1, "Chapter 2: Proposals"), (2, "Rebuilding the Quay"), (2, "Dredging the Basin"),
                     (1, "References")], found


def test_a_heading_after_a_quotation_and_above_a_list_introduced_is_found(tmp_path):
    """A heading found by its shape (space above it, as pdftotext keeps it) follows a paragraph
    whose last sentence closes inside a quotation (`…she used."`), or stands above a sentence
    introducing a list (`We recommend that the council:`) rather than a paragraph (corpus museum-loans, groff: `What Went Wrong?`
    and `Recommendations` lost in the text)."""
    rng = random.Random(37)
    lines = ["Harbour Works", *textwrap.wrap(paragraph(rng), 72),
             'One of the divers told us: "I never thought the wall would stand."', "",
             "What Went Wrong?", *textwrap.wrap(paragraph(rng), 72), "",
             "Recommendations", "We recommend that the council:", "1. rebuild the wall;",
             "2. dredge the basin every spring.", "", "Costs", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Harbour Works", "What Went Wrong?", "Recommendations", "Costs"], found


def test_a_label_in_capitals_among_mixed_case_headings_is_text(tmp_path):
    """A line in capitals standing between a numbered heading and its text (`ADVICE FOR ALL
    SITES` under `6 Advice to Plot Holders`), in a document whose headings are in mixed case, is
    a label of the text, not a heading; where the document sets a level of headings in capitals
    (two or more), they stay headings (corpus allotment-soil: the label came out a heading)."""
    rng = random.Random(41)
    lines = flowing(rng, ["1 Purpose of This Report", "2 The Smelter", "3 Advice to Plot Holders",
                          "ADVICE FOR ALL PLOTS", "4 Next Steps"], stacked=("3 Advice to Plot Holders",))
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["1 Purpose of This Report", "2 The Smelter", "3 Advice to Plot Holders", "4 Next Steps"]
    assert "label-not-heading" in [d.code for d in state.diagnostics.items]
    assert "ADVICE FOR ALL PLOTS" in [b.plain() for b in state.blocks]  # a paragraph of its own
    lines = flowing(rng, ["SUMMARY", "Harbour Works", "Old Walls", "COSTS", "Funding the Works"])
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["SUMMARY", "Harbour Works", "Old Walls", "COSTS", "Funding the Works"], found


@pytest.mark.parametrize("cover", [
    # pdfminer's or pdftotext -layout's shape: a blank line parts the subtitle from the authors
    ["Audibility Tests of Church Bells in the Parishes of Three", "Lowland Valleys", "",
     "Anna Berg", "Tomas Lind", "Eva Holm"],
    # the wrap's last line opening in lower case, in any shape
    ["Audibility Tests of Church Bells in the Parishes", "of Three Lowland Valleys",
     "Anna Berg", "Tomas Lind", "Eva Holm"],
    # a word alone left over by the wrap, above names of two words each
    ["Audibility Tests of Church Bells in the Parishes of Three Lowland", "Valleys",
     "Anna Berg", "Tomas Lind", "Eva Holm"],
])
def test_a_subtitle_wrapped_over_two_lines_is_not_an_author(tmp_path, cover):
    """The subtitle wraps above the authors' names, one a line: its last line is no author when
    the export shows no space between it and the subtitle's first line but space above the
    names, when it opens in lower case, or when it is one word above names of two or more
    (corpus flood-sirens: `Alpine Valleys`, `in Three Alpine Valleys`, `Valleys` came out
    authors)."""
    rng = random.Random(43)
    pages = [["Can Everyone Hear the Bells?", *cover]]
    for number, heading in enumerate(["Summary", "Method", "Results"], start=2):
        pages.append(["Can Everyone Hear the Bells?", "", str(number), "", heading,
                      *textwrap.wrap(paragraph(rng), 72), *textwrap.wrap(paragraph(rng), 72)])
    state = normalise(tmp_path, paged(pages))
    assert state.meta["title"] == "Can Everyone Hear the Bells?"
    assert state.meta["subtitle"] == "Audibility Tests of Church Bells in the Parishes of Three Lowland Valleys"
    assert state.meta["author"] == ["Anna Berg", "Tomas Lind", "Eva Holm"]


@pytest.mark.parametrize("common", [True, False])
def test_a_subtitle_wrapped_above_names_with_no_space_is_told_by_the_texts_words(tmp_path, common):
    """pypdf's and pdftotext's shape: no space between the title page's parts, the subtitle's
    wrapped last line a name's shape (`Lowland Valleys`). Where the text uses its words in lower
    case (`the lowland valleys`) and none of the names' words, it is the subtitle's; where the
    text does not, nothing tells it from a name, and it stays the first author (corpus
    flood-sirens, typst and pressroom: `Alpine Valleys` came out an author)."""
    rng = random.Random(44)
    cover = ["Audibility Tests of Church Bells in the Parishes of Three", "Lowland Valleys",
             "Anna Berg", "Tomas Lind", "Eva Holm"]
    pages = [["Can Everyone Hear the Bells?", *cover]]
    for number, heading in enumerate(["Summary", "Method", "Results"], start=2):
        text = paragraph(rng) + (" The bells of the lowland valleys were rung." if common else "")
        pages.append(["Can Everyone Hear the Bells?", "", str(number), "", heading,
                      *textwrap.wrap(text, 72), *textwrap.wrap(paragraph(rng), 72)])
    state = normalise(tmp_path, paged(pages))
    if common:
        assert state.meta["subtitle"] == "Audibility Tests of Church Bells in the Parishes of Three Lowland Valleys"
        assert state.meta["author"] == ["Anna Berg", "Tomas Lind", "Eva Holm"]
    else:
        assert state.meta["author"] == ["Lowland Valleys", "Anna Berg", "Tomas Lind", "Eva Holm"]


def test_a_body_named_as_author_and_wrapped_is_one_author(tmp_path):
    """A body's long name wraps on the title page, a word alone on its second line: one author,
    not two (corpus water-meters: `Kelsby Water Services, Network Engineering` / `Group`)."""
    rng = random.Random(47)
    pages = [["Smart Meters in the Harbour Town", "Technical Evaluation of the 2021–2023 Trial",
              "Harbour Water Services, Network Engineering", "Group"]]
    for number, heading in enumerate(["Overview", "Equipment", "Results"], start=2):
        pages.append(["Smart Meters in the Harbour Town", "", str(number), "", heading,
                      *textwrap.wrap(paragraph(rng), 72), *textwrap.wrap(paragraph(rng), 72)])
    state = normalise(tmp_path, paged(pages))
    assert state.meta["subtitle"] == "Technical Evaluation of the 2021–2023 Trial"
    assert state.meta["author"] == "Harbour Water Services, Network Engineering Group"


@pytest.mark.parametrize("named", [True, False])
def test_a_body_named_as_author_wrapped_is_one_author_where_the_text_names_it(tmp_path, named):
    """A body's long name wraps on the title page, two words on its second line: one author
    where the text writes the second line right after the first line's last word (`the
    Environmental Health Service`); where it does not, two authors, as the lines show (corpus
    allotment-soil, pressroom: `Harwick Borough Council, Environmental` / `Health Service`)."""
    rng = random.Random(48)
    pages = [["Lead in the Harbour Gardens", "Results of Sampling at Four Sites",
              "Harbour Borough Council, Environmental", "Health Service"]]
    for number, heading in enumerate(["Overview", "Sampling", "Results"], start=2):
        text = paragraph(rng) + (" The samples went to the Environmental Health Service." if named else "")
        pages.append(["Lead in the Harbour Gardens", "", str(number), "", heading,
                      *textwrap.wrap(text, 72), *textwrap.wrap(paragraph(rng), 72)])
    state = normalise(tmp_path, paged(pages))
    assert state.meta["subtitle"] == "Results of Sampling at Four Sites"
    assert state.meta["author"] == ("Harbour Borough Council, Environmental Health Service" if named
                                    else ["Harbour Borough Council, Environmental", "Health Service"])


def test_a_signature_under_a_paragraph_is_no_heading_stacked_above_the_next(tmp_path):
    """pdftotext keeps the space above a heading as a blank line: a short line right below a
    paragraph (no space between), with space between it and the heading below, is the
    paragraph's signature, not a heading stacked above that heading (corpus museum-loans, groff:
    `Henrietta Vos, Chair of the Steering Group` a heading)."""
    rng = random.Random(53)
    lines = ["Foreword", *textwrap.wrap(paragraph(rng), 72), "We thank them all.", "Mary Jones, Harbour Master", "",
             "Harbour Works", *textwrap.wrap(paragraph(rng), 72), "",
             "Old Walls", *textwrap.wrap(paragraph(rng), 72), "",
             "Costs", "Funding the Works", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Foreword", "Harbour Works", "Old Walls", "Costs", "Funding the Works"], found
    assert any(b.plain().endswith("Mary Jones, Harbour Master") for b in state.blocks if b.kind == "para")


def _spaced(rng: random.Random, headings) -> list[str]:
    """troff's shape read by pdftotext: no blank line between paragraphs, one above a chapter's
    heading (set larger, with more space above), none above a section's; a heading with no
    text of its own stands right above the next one."""
    lines: list[str] = []
    for index, (level, heading, own_text) in enumerate(headings):
        if level == 1 and index:
            lines.append("")
        lines.append(heading)
        if own_text:
            lines += textwrap.wrap(paragraph(rng), 72) + textwrap.wrap(paragraph(rng), 72)
    return lines


SPACED = [(1, "Why Record Now", True), (1, "Finding the Speakers", True), (1, "The Interviews", False),
          (2, "How They Were Done", True), (2, "What They Said", True), (2, "Silences", True),
          (1, "What the Closures Meant", True), (1, "Lessons for Other Projects", False),
          (2, "Consent and Access", True), (2, "Archiving", True)]


def test_levels_from_the_space_above_where_chapters_run_on(tmp_path):
    """No contents list, no numbers, one case, chapters that do not open a page (troff's ms read
    by pdftotext): the headings below a blank line are the chapters (one of them heads a stack,
    `The Interviews` right above `How They Were Done`), those right below the text above their
    sections (corpus mill-voices, groff pdftotext: all level 1)."""
    state = normalise(tmp_path, "\n".join(_spaced(random.Random(14), SPACED)) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(level, text) for level, text, _ in SPACED]
    assert "heading-levels-from-spacing" in {d.code for d in state.diagnostics.items}


def test_the_space_above_says_nothing_without_a_stack_below_a_spaced_heading(tmp_path):
    """Two spacings and no chapter's heading right above its first section's: the space above
    alone (a heading after a list or a table) is no evidence of the levels."""
    headings = [(level, text, True) for level, text, _ in SPACED]
    state = normalise(tmp_path, "\n".join(_spaced(random.Random(15), headings)) + "\n")
    assert {b.level for b in state.blocks if b.kind == "heading"} == {1}


def test_a_signature_is_told_by_the_space_below_it_where_the_pages_were_reordered(tmp_path):
    """A short line closing the foreword (its signature), with space below it and the next
    heading there, is the paragraph's, also where a pass read the page's lines in another order
    and wrote its own blank lines (the space is measured in the export's own order, by the
    lines' source numbers); with no space below it, it may be a heading stacked above the next."""
    import sys

    from pressroom.normalise.model import Block, State
    module = sys.modules["pressroom.normalise.headings"]
    text = textwrap.wrap(paragraph(random.Random(16)), 72)
    lines = ["Foreword", *text, "Mary Jones, Harbour Master", "", "Acknowledgements", *text]
    signature = len(text) + 2  # its source line
    blocks = [Block(["Foreword"], 1, 1), Block(text, 2, signature - 1),
              Block(["Mary Jones, Harbour Master"], signature, signature),
              Block(["Acknowledgements"], signature + 2, signature + 2), Block(text, signature + 3, len(lines))]
    # the lines of text as a reordering pass writes them: in another order, its own blank lines
    order = [0, *range(signature + 1, len(lines)), *range(1, signature)]
    state = State(path="x.txt", text="\n\n".join(lines[i] for i in order))
    state.line_numbers = [n for i in order for n in ((i + 1, i + 1) if i != order[-1] else (i + 1,))]
    state.blocks = blocks
    assert module._parted_from_the_heading_below(state, 2, module._written_lines(state))
    # the same lines with no space below the signature: no evidence
    state.text, state.line_numbers = "\n".join(lines[:signature] + lines[signature + 1:]), None
    state.blocks = blocks[:3] + [Block(["Acknowledgements"], signature + 1, signature + 1)]
    state.blocks.append(Block(text, signature + 2, len(lines) - 1))
    assert not module._parted_from_the_heading_below(state, 2, module._written_lines(state))


def test_subsections_between_labelled_chapters_from_the_space_above(tmp_path):
    """Chapters labelled (`Chapter 2: Method`), no contents list: the unnumbered headings between
    them are sections; where the export keeps the space above them at two distances (pdftotext:
    a blank line above a section's heading, none above a subsection's), the nearer ones below a
    section are its subsections, and so is a heading right below a section's (the section opening
    with its first subsection: corpus flood-sirens, typst pdftotext: `Sound Levels`, `Weather`
    came out sections)."""
    rng = random.Random(18)
    headings = [(1, "Chapter 1: Introduction", True), (2, "The Sirens", True), (2, "Scope of the Study", True),
                (1, "Chapter 2: Method", True), (2, "Measurements", False), (3, "Sound Levels", True),
                (3, "Listener Panel", True), (2, "Mapping", True), (1, "Chapter 3: Results", True),
                (2, "Coverage", True), (3, "Night-Time Audibility", True), (2, "Where the Gaps Are", True)]
    lines: list[str] = []
    for level, heading, own_text in headings:
        if level < 3 and lines:
            lines.append("")
        lines.append(heading)
        if own_text:
            lines += textwrap.wrap(paragraph(rng), 72) + textwrap.wrap(paragraph(rng), 72)
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(level, text) for level, text, _ in headings]


def test_the_first_heading_opening_its_page_with_text_is_no_evidence_that_chapters_open_pages(tmp_path):
    """The body's first heading opens the page after the title page in any layout: followed by
    its text (not by its first section's heading), it shows nothing; with one more heading
    opening a page by chance (troff runs its chapters on), the page starts are no evidence of
    levels (corpus harbour-dredging, groff: `Sluicing`, a section, made a chapter and the
    chapters sections)."""
    rng = random.Random(17)
    body = flowing(rng, ["How the Harbour Silts", "The Tide and the River", "What Dredging Costs",
                         "Present Arrangements"])
    pages = [["The Harbour Report", "Porthallow Commissioners"],
             ["Foreword", *textwrap.wrap(paragraph(rng), 72), *body[:12], "", "2"],
             ["Porthallow Harbour", "", *body[12:20], "", "3"],
             ["Porthallow Harbour", "", "Sluicing", *textwrap.wrap(paragraph(rng), 72), *body[20:], "", "4"]]
    state = normalise(tmp_path, paged(pages))
    headings = [b for b in state.blocks if b.kind == "heading"]
    assert [b.plain() for b in headings][:2] == ["Foreword", "How the Harbour Silts"]
    assert "heading-levels-from-pages" not in {d.code for d in state.diagnostics.items}
    assert {b.level for b in headings} == {1}


def _pypdf_pages(pages: list[list[str]], head: str) -> str:
    """pypdf's shape of troff's pages: no form feeds, each page after the first opening with its
    running head and folio on one line (a blank line above it), the page's text right below."""
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            lines += ["", head + " " * 60 + str(number)]
        lines += page
    return "\n".join(lines) + "\n"


def test_headings_opening_a_page_below_its_head_and_folio_stand_alone(tmp_path):
    """pypdf runs a page's head (`Harbour Works in Porthallow   3`) into the page's text: a
    heading opening the page, and one stacked below it, stood below a line that reflow could
    not tell from text and were run into the first paragraph once the head was removed (corpus
    harbour-dredging, rail-history, water-meters, mill-voices groff pypdf: `Sluicing Many small
    harbours…`). The head gone, they part from the text as at any block's start; a page opening
    with the end of the paragraph cut at the page before keeps it as text."""
    rng = random.Random(61)

    def text() -> list[str]:
        return textwrap.wrap(paragraph(rng), 90)

    cut = text()
    cut[-1] = "Porthallow " + cut[-1]  # (a last line opening with a name)
    pages = [["Why Repair Now", *text(), *text(), "The Old Walls", *text(), *cut[:-1]],
             [cut[-1] + "4", *text(), "Costs", *text(), *text()],
             ["Sluicing", *text(), *text(), *text()],
             ["The Fleet", "Boats in Winter", *text(), *text(), *text()],
             [*text(), "Dredging", *text(), *text()]]
    state = normalise(tmp_path, _pypdf_pages(pages, "Harbour Works in Porthallow"))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Why Repair Now", "The Old Walls", "Costs", "Sluicing", "The Fleet",
                     "Boats in Winter", "Dredging"], found
    assert not any(b.plain().startswith(("Sluicing ", "The Fleet ", "Boats in Winter "))
                   for b in state.blocks)


CASED = [(1, "Overview", True), (1, "Equipment and Installation", False), (2, "Meters", True),
         (2, "Radio network", True), (2, "Installation", True), (1, "Data Collected", True),
         (2, "Completeness", True), (2, "Quality checks", True), (1, "Results", False),
         (2, "Finding leaks sooner", False), (3, "How leaks are detected", True),
         (1, "Costs", True), (2, "Staff time", True), (1, "Conclusions", True)]


def _cased(rng: random.Random, blank_above) -> list[str]:
    """troff's shape read by pdftotext (no contents list, no numbers, chapters running on): no
    blank line between paragraphs; `blank_above(level)` says whether one stands above a heading."""
    lines: list[str] = []
    for index, (level, heading, own_text) in enumerate(CASED):
        if index and blank_above(level) and lines[-1] != "":
            lines.append("")
        lines.append(heading)
        if own_text:
            lines += textwrap.wrap(paragraph(rng), 72) + textwrap.wrap(paragraph(rng), 72)
    return lines


def test_levels_from_case_with_the_space_above_one_word_headings_and_stacked_sections(tmp_path):
    """Chapters in title case, sections in sentence case (troff, chapters running on): a heading
    of one word shows no case. Where the export keeps a blank line above each chapter's heading
    and none above a section's (pdftotext), and so do all the headings whose case shows, the
    space says the level of the one-word ones (`Installation`, `Completeness` sections; `Costs`,
    `Conclusions` chapters); a section's heading right below another section's is its
    subsection (`How leaks are detected`; corpus water-meters, groff: all five level 1 or 2)."""
    state = normalise(tmp_path, "\n".join(_cased(random.Random(71), lambda level: level == 1)) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == [(level, text) for level, text, _ in CASED]


def test_the_space_above_that_does_not_follow_the_case_says_nothing_of_one_word_headings(tmp_path):
    """A blank line above every heading (pdfminer's boxes): the space does not tell chapters from
    sections, and a one-word heading after a section's text stays a chapter, as before; the
    stacked subsection is one all the same."""
    state = normalise(tmp_path, "\n".join(_cased(random.Random(72), lambda level: True)) + "\n")
    found = {text: level for level, text in
             ((b.level, b.plain()) for b in state.blocks if b.kind == "heading")}
    assert found["Installation"] == found["Completeness"] == found["Costs"] == 1
    assert found["How leaks are detected"] == 3 and found["Meters"] == 2


@pytest.mark.parametrize("ending", ["Library and", "Journal of", "papers of the", "a survey or"])
def test_a_numbered_line_stopping_on_a_conjunction_or_article_is_no_heading(tmp_path, ending):
    """pdfminer boxes a numbered reference's first line apart from its rest (`2. Hart, L. and
    Osei, K. (2020). Who uses public libraries now? A national survey. Library and` /
    `Information Research, 44(2)…`): a numbered line of a heading's length with no stop, but it
    ends on `and`, `or`, `of`, `the`, `a` or `an` in lower case, inside a clause: no heading
    (corpus library-survey page-notes typst pdfminer). `Appendix A` and the numbered chapters
    stay headings."""
    rng = random.Random(11)
    lines = flowing(rng, ["1. Introduction", "2. The Harbour Wall", "Appendix A"])
    lines += ["", "Bibliography", "", "1. Harbour Board (2020). Annual Report 2019.", "",
              f"2. Hart, L. and Osei, K. (2020). Who repairs harbour walls? A national survey. {ending}", "",
              "Coastal Research, 44(2), pages 101–131.", ""]
    text = normalise(tmp_path, "\n".join(lines) + "\n").text.split("---", 2)[2]
    assert "\n# 1. Introduction\n" in text and "\n# 2. The Harbour Wall\n" in text, text
    assert "# Appendix A" in text, text
    assert "# 2. Hart" not in text and "A national survey. " + ending in text, text


# A note's definition whose words a justified line spread apart, pdfminer boxing them one a line
# (`9 Cultural  Heritage` / `Partnership` / `Fund,`), has a numbered heading's shape; the note
# before it (`8 The crate…`, its last line boxed apart) says its number is the notes'.
_NOTES_APART = ("The steering group was formed the following year, with a grant covering three\n"
                "years of coordination,{c9} later extended to five after the crate.{c8}\n\n"
                "{n8} The crate was dropped from a tail-lift in Odense; the\n\n"
                "objects inside were undamaged.\n\n"
                "{n9} {title}\n\n"
                "Partnership Fund, grant CHPF/2019/044.\n")


@pytest.mark.parametrize("title", ["Cultural  Heritage", "Cultural Heritage Partnership", "Regional Archives"])
def test_a_notes_next_definition_shaped_as_a_numbered_heading_stays_text(tmp_path, title):
    from exports import body

    # (no calls in the text: the definitions stay text, as the export's interleaved pages leave them)
    state = normalise(tmp_path, _NOTES_APART.format(c9="", c8="", n8=8, n9=9, title=title))
    text = body(state)
    assert f"# 9 {title.replace('  ', ' ')}" not in text, text
    assert any(d.code == "heading-in-notes" for d in state.diagnostics.items)


def test_numbered_headings_in_sequence_and_after_a_page_of_notes_stay_headings(tmp_path):
    # `2 The Site`, then its paragraph, then `3 Background`: the block above numbered one less is
    # a heading, not a note. And a note ending its page (`2 The scheme…`), the next page opening
    # with `3 Background`: a chapter opens the page, whatever the page before ended with.
    from exports import body

    text = ("2 The Site\n\nThe allotments lie on the slope below the old smelter, where the soil\n"
            "was never tested before the council bought it.\n\n"
            "3 Background\n\nLead was smelted at Harwick from 1861 until 1958 and its smoke\n"
            "carried over the town to the north-east.\n")
    assert "# 3 Background" in body(normalise(tmp_path, text))
    lead = ("Harbour Review\n\nThe scheme ended for reasons that are familiar to anyone who has read\n"
            "so far: the cost of transport and the loss of its staff and its {w}.\n\n")
    pages = [lead.format(w="money") + "1 The scheme was run by the provincial museum consultants.\n\n1\n",
             lead.format(w="halls") + "2 The scheme was run by the provincial museum consultants.\n\n2\n",
             "Harbour Review\n\n3 Background\n\nLead was smelted at Harwick from 1861 until 1958 and its\n"
             "smoke carried over the town to the north-east of the works.\n\n3\n"]
    state = normalise(tmp_path, "\f".join(pages))
    assert "# 3 Background" in body(state), body(state)


def _unspaced(rng: random.Random, headings) -> list[str]:
    """The same report as pypdf, pypdfium2 or pdfminer give troff's pages: no blank line at all,
    so no space above a heading says its level."""
    return [line for line in _spaced(rng, headings) if line]


def test_levels_from_stacks_where_nothing_else_shows_them(tmp_path):
    """No contents list, no numbers, one case, no space to measure (troff's ms read by pypdf):
    the headings stacked right below another, with no text between, are a level below it (`The
    Interviews` / `How They Were Done`); the others, of unknown level, stay chapters (corpus
    mill-voices, groff pypdfium2: all level 1)."""
    state = normalise(tmp_path, "\n".join(_unspaced(random.Random(14), SPACED)) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    stacked = {"How They Were Done", "Consent and Access"}
    assert found == [(2 if text in stacked else 1, text) for _, text, _ in SPACED]
    assert "heading-levels-from-stacks" in {d.code for d in state.diagnostics.items}


def test_one_stack_alone_says_nothing_of_the_levels(tmp_path):
    """Negative: a single heading right below another (a heading whose text the export lost, a
    table dropped between them) is no evidence that the document's headings have levels."""
    headings = [(level, text, text != "The Interviews") for level, text, _ in SPACED]  # one stack
    state = normalise(tmp_path, "\n".join(_unspaced(random.Random(14), headings)) + "\n")
    assert {b.level for b in state.blocks if b.kind == "heading"} == {1}


def harbour_pages(rng: random.Random, front: list[str], blank_parts: bool = False) -> str:
    """A paged export: the title page `front` (its parts set apart by blank lines where
    `blank_parts`, as pdfminer and groff give them), then three numbered chapters."""
    front = [line for part in front for line in (part, "")][:-1] if blank_parts else front
    pages = [front]
    for number, heading in enumerate(["1. Summary", "2. Harbours", "3. Slipways"], start=2):
        page = [heading]
        for _ in range(3):
            page += textwrap.wrap(paragraph(rng), 72)
        pages.append(page + ["", str(number)])
    return paged(pages)


@pytest.mark.parametrize("blank_parts", [False, True])
@pytest.mark.parametrize("front, subtitle, author", [
    (["Small Harbours", "Findings of the Review for the Justices of the", "Northern Circuit",
      "Northern Circuit Review Panel"],
     "Findings of the Review for the Justices of the Northern Circuit", "Northern Circuit Review Panel"),
    (["Small Harbours", "A Review of the Walls, Their Owners and the", "Options for Change",
      "Coastal Works Office, Harbour Planning Team"],
     "A Review of the Walls, Their Owners and the Options for Change", "Coastal Works Office, Harbour Planning Team"),
    (["Small Harbours", "A Review of the Walls and the Slipways", "Ruth Adeyemi", "Tomas Varga"],
     "A Review of the Walls and the Slipways", ["Ruth Adeyemi", "Tomas Varga"]),
])
def test_a_subtitle_wrapped_after_a_joining_word_takes_its_last_line(tmp_path, blank_parts, front, subtitle, author):
    """A subtitle line ending in a word that joins (`of the`, `and the`) goes on on the next
    line, however much that line looks like a name (`Northern Circuit`, `Options for Change`):
    it is no author (court interpreters and night buses, pdftotext and pdfminer). Names below a
    subtitle that ends whole stay names."""
    state = normalise(tmp_path, harbour_pages(random.Random(21), front, blank_parts))
    assert state.meta["title"] == "Small Harbours"
    assert state.meta["subtitle"] == subtitle
    assert state.meta["author"] == author


@pytest.mark.parametrize("cut", [("Coastal Works Office, Harbour Plan-", "ning Team"),
                                 ("Coastal Works Office, Harbour Planning", "Team"),
                                 ("Coastal Works Of-", "fice, Harbour Planning Team")])
def test_an_author_cut_at_a_line_end_is_one_author(tmp_path, cut):
    """The author's line hyphenated where it wrapped (`Network Plan-` / `ning Team`): a line
    opening in lower case after a cut word is that line's end, not a line of its own, so the
    author is whole and no subtitle takes it (night buses, pdfminer)."""
    front = ["Small Harbours", "A Review of the Walls, Their Owners and the Options", "for Change", *cut]
    state = normalise(tmp_path, harbour_pages(random.Random(22), front))
    assert state.meta["subtitle"] == "A Review of the Walls, Their Owners and the Options for Change"
    assert state.meta["author"] == "Coastal Works Office, Harbour Planning Team"


def test_an_author_cut_inside_a_word_on_a_title_page_a_reader_saw_is_one_author():
    """A title page a PDF reader saw (sizes known): the author's line is cut inside a word
    (`Net-` / `work Planning Team`): a line opening in lower case after a cut word is no name of
    its own, so there is one author, whole (night buses, WeasyPrint through pressroom-pdf:
    `author: [Fenmouth Combined Transport Authority, Net-, work Planning Team]`)."""
    from pressroom.normalise.model import Block, PdfEvidence, State
    from pressroom.normalise.title_page import title_page

    def block(lines, start, size):
        b = Block(lines, start, start + len(lines) - 1)
        b.pdf, b.title_page = PdfEvidence(1, start, size), True
        return b

    page = [block(["Small Harbours"], 1, 24),
            block(["A Review of the Walls, Their Owners and the", "Options for Change"], 2, 16),
            block(["Coastal Works Office, Harbour Net-", "work Planning Team"], 4, 12)]
    text = Block(["The harbour walls were surveyed in the spring and the planning team reported."], 6, 6)
    state = title_page(State(path="export.pdf", blocks=[*page, text]))
    assert state.meta["subtitle"] == "A Review of the Walls, Their Owners and the Options for Change"
    assert state.meta["author"] == "Coastal Works Office, Harbour Network Planning Team"
    assert state.blocks == [text]


def _glossary(rng: random.Random, heading: str | None, terms, blank: bool = False) -> list[str]:
    """A report's sections in title case, then a glossary: each term on a line of its own, then
    the one paragraph defining it (a blank line between the entries where `blank`)."""
    lines = flowing(rng, ["Why the Harbour Silts", "What Dredging Costs"])
    lines += [""] + ([heading] if heading else [])
    for term in terms:
        lines += [term, *textwrap.wrap(paragraph(rng, 25), 72)] + ([""] if blank else [])
    return lines


GLOSSARY_TERMS = ["Berth", "Slipway", "Dredging season", "Tidal window", "Spoil ground", "Harbour dues"]


@pytest.mark.parametrize("heading", ["Glossary", "Terms Used in This Report", "Appendix B: Definitions",
                                     "Abbreviations and Terms"])
@pytest.mark.parametrize("blank", [False, True], ids=["run-on", "blank-lines"])
def test_a_glossary_s_terms_are_no_headings(tmp_path, heading, blank):
    """A glossary below a heading that names it: each short term on a line of its own above the
    one paragraph that defines it reads like a heading by its shape, and five or six were made
    headings (invented structure). They are a definition list's terms: kept as text, each a
    paragraph of its own above its definition (fresh night-buses: `## Boarding`, `### Trip`…)."""
    rng = random.Random(43)
    terms = GLOSSARY_TERMS[:3 + len(heading) % 3]
    state = normalise(tmp_path, "\n".join(_glossary(rng, heading, terms, blank)) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Why the Harbour Silts", "What Dredging Costs", heading], found
    texts = [b.plain() for b in state.blocks]
    for term in terms:  # each term a paragraph of its own, its definition one after it
        index = texts.index(term)
        assert state.blocks[index + 1].plain().endswith(".")
    assert "definition-list" in [d.code for d in state.diagnostics.items]


def test_a_run_of_terms_without_a_heading_naming_it_stays_headings(tmp_path):
    """No heading names the list: six short lines in sentence case, each above exactly one
    paragraph, are as likely a report's sections of one paragraph each (`What was found`,
    `Water use`): without the heading's evidence they stay headings."""
    rng = random.Random(47)
    state = normalise(tmp_path, "\n".join(_glossary(rng, None, GLOSSARY_TERMS)) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Why the Harbour Silts", "What Dredging Costs", *GLOSSARY_TERMS], found


@pytest.mark.parametrize("case", ["few-unheaded", "title-case", "two-paragraphs", "unrelated-heading"])
def test_sections_of_one_paragraph_stay_headings(tmp_path, case):
    """What a glossary is not: three short sections of one paragraph with no heading naming a
    glossary; five or more sections titled in title case; terms whose sections run to two
    paragraphs; a run below a heading that names no glossary. Their headings stay headings."""
    rng = random.Random(53)
    titles = {"few-unheaded": ["Berth", "Slipway", "Dredging season"],
              "title-case": ["Old Berths", "New Slipways", "The Dredging Season", "Tidal Windows",
                             "Spoil Grounds", "Harbour Dues"],
              "two-paragraphs": GLOSSARY_TERMS,
              "unrelated-heading": ["Berth", "Slipway", "Dredging season", "Tidal window"]}[case]
    lines = flowing(rng, ["Why the Harbour Silts", "What Dredging Costs"]) + [""]
    if case == "unrelated-heading":
        lines.append("Works in Hand")
    for title in titles:
        lines += [title, *textwrap.wrap(paragraph(rng, 25), 72)]
        if case == "two-paragraphs":
            lines += ["", *textwrap.wrap(paragraph(rng, 25), 72)]
        lines.append("")
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert set(titles) <= set(found), found
    assert "definition-list" not in [d.code for d in state.diagnostics.items]


# Parts numbered in Roman, each with sections lettered from `A.`: the lettered sequence reaches
# letters that are Roman figures too (`C.`, `I.`, `L.`, `V.`, `X.`).
def _parts(letters: int, parts: int = 3) -> list[tuple[str, int]]:
    romans = ["I", "II", "III", "IV", "V", "VI"]
    names = ["Old Walls", "New Stone", "The Tide", "Costs", "Boats", "Slipways", "Berths", "Dues",
             "Dredging", "Moorings", "Lights", "Cranes", "Sheds"]
    headings = []
    for part in range(parts):
        headings.append((f"{romans[part]}. {names[part]} of the Harbour", 1))
        if part != 1:  # a part without sections between two with them
            headings += [(f"{chr(ord('A') + n)}. {names[n]}", 2) for n in range(letters)]
    return headings


@pytest.mark.parametrize("letters", [3, 9, 12], ids=["to-C", "to-I", "to-L"])
@pytest.mark.parametrize("contents", [False, True], ids=["no-contents", "contents"])
def test_lettered_sections_are_not_read_as_roman_parts(tmp_path, letters, contents):
    """Sections lettered `A.`, `B.`, `C.` in parts numbered `I.`, `II.`: `C.` continues the
    lettered sequence (after `B.`), not the Roman one (part 100), and is a section like `A.` and
    `B.`, whether a contents list lists it or not; so `I.` after `H.`, `L.` after `K.` (fresh
    seed-bank: `# C. Dormancy` raised to a part)."""
    rng = random.Random(59)
    headings = _parts(letters)
    pages = []
    if contents:
        pages.append(["Contents", *(f"{text} {'.' * (60 - len(text))} {n + 2}"
                                    for n, (text, _level) in enumerate(headings))])
    body = []
    for text, _level in headings:
        body += [text, *textwrap.wrap(paragraph(rng), 72)]
    pages += [body[i:i + 40] for i in range(0, len(body), 40)]
    state = normalise(tmp_path, paged(pages))
    found = [(b.plain(), b.level) for b in state.blocks if b.kind == "heading"]
    assert found == headings, found


def test_a_roman_sequence_through_v_and_x_stays_roman(tmp_path):
    """Parts numbered `I.` to `X.`, with one lettered section under the fourth: `V.` follows
    `IV.`, `X.` follows `IX.`, however many letters stood between; they stay parts."""
    rng = random.Random(61)
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    headings = []
    for n, roman in enumerate(romans):
        headings.append((f"{roman}. The Harbour Part {'Abcdefghij'[n]}", 1))
        if roman == "IV":
            headings += [("A. Walls", 2), ("B. Stone", 2)]
    lines = []
    for text, _level in headings:
        lines += [text, *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.plain(), b.level) for b in state.blocks if b.kind == "heading"]
    assert found == headings, found


# What a page may end with that closes no sentence: a list's last item, a table's last row.
PAGE_ENDS = {
    "bullet-item": ["We propose three changes:", "", "• Run the late bus every half hour",
                    "• Extend the night route to the docks"],
    "numbered-item": ["We propose three changes:", "", "1. Run the late bus every half hour",
                      "2. Extend the night route to the docks"],
    "table-row": ["Table 2 lists the routes.", "", "Route      From          To",
                  "N1         City Centre   Harlow Park", "N2         Docks         Kingsmere"],
}


@pytest.mark.parametrize("end", sorted(PAGE_ENDS))
@pytest.mark.parametrize("heading", ["What Would a Better Network Cost?", "Costs of the Options",
                                     "B. The Options"])
def test_a_heading_opening_a_page_after_an_unfinished_block_is_a_heading(tmp_path, end, heading):
    """A heading at the top of a page whose last block ends no sentence (a list's last item, a
    table's last row) was no heading (it follows no finished sentence) and was then joined to
    that block across the page break (fresh night-buses: `…on alternate trips What Would a
    Better Network Cost?`, 85 of 102 cases)."""
    rng = random.Random(67)
    first = ["Harbour Routes", *textwrap.wrap(paragraph(rng), 72), "", *PAGE_ENDS[end]]
    second = [heading, *textwrap.wrap(paragraph(rng), 72), "", "Next Steps", *textwrap.wrap(paragraph(rng), 72)]
    third = ["Funding the Works", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([first, second, third]))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert heading in found, found
    assert not any(b.plain().endswith(heading) and b.plain() != heading for b in state.blocks)


@pytest.mark.parametrize("shape", ["cut-paragraph", "list-goes-on", "table-goes-on"])
def test_what_opens_a_page_after_an_unfinished_block_may_continue_it(tmp_path, shape):
    """What a page opens with after a block that ends no sentence and is no heading: a paragraph
    the break cut going on in full lines; the list's next item (`3.`); the table's next row."""
    rng = random.Random(71)
    text = paragraph(rng, 80)
    lines = textwrap.wrap(text, 72)
    first = ["Harbour Routes", *textwrap.wrap(paragraph(rng), 72), ""]
    if shape == "cut-paragraph":
        first += lines[:3]
        top = lines[3:]
    elif shape == "list-goes-on":
        first += PAGE_ENDS["numbered-item"]
        top = ["3. Open the Harbour Line at night"]
    else:
        first += PAGE_ENDS["table-row"]
        top = ["N3         Harlow Park   Fenmouth Docks"]
    second = [*top, "", *textwrap.wrap(paragraph(rng), 72), "", "Next Steps", *textwrap.wrap(paragraph(rng), 72)]
    third = ["Funding the Works", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, paged([first, second, third]))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Harbour Routes", "Next Steps", "Funding the Works"], found


def test_a_heading_ending_with_a_year_is_a_heading(tmp_path):
    """A heading found by its shape may end with a year (`Workload in 2023`, `The Floods of
    1953`); a line holding other numbers (a table's row, `Berths 14 and 9`) or opening with one
    is still none (fresh court-interpreters: `Workload in 2023` kept as text)."""
    rng = random.Random(73)
    lines = flowing(rng, ["Harbour Works", "Workload in 2023", "The Floods of 1953", "Berths 14 and 9",
                          "2023 in Review", "Costs"])
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["Harbour Works", "Workload in 2023", "The Floods of 1953", "Costs"], found


# A report's chapters in capitals and its sections in mixed case (corpus leisure-accounts).
CAPITALS = [(1, "EXECUTIVE SUMMARY"), (1, "THE YEAR IN BRIEF"), (2, "Visits"), (2, "Members"),
            (2, "Customers"), (1, "ENERGY"), (1, "FINANCIAL ANNEX"), (2, "Statement of Activities"),
            (2, "Reserves")]


def _capitals_pages(rng: random.Random, headings, by_chance: str) -> str:
    """pdftotext's pages: each chapter (level 1) opens a page, and the section `by_chance`
    opens one as well, the page before it being full."""
    pages: list[list[str]] = [["The Trust Report", "Board of Trustees"]]
    for level, heading in headings:
        if level == 1 or heading == by_chance:
            pages.append([])
        pages[-1] += [heading, *textwrap.wrap(paragraph(rng), 72)]
    return paged([page + ["", str(number)] if number else page for number, page in enumerate(pages)])


@pytest.mark.parametrize("layout", ["pages", "flowing"])
def test_levels_from_chapters_in_capitals_and_sections_in_mixed_case(tmp_path, layout):
    """No contents list, no numbers: the chapters' headings in capitals, the sections' in mixed
    case, the first heading in capitals. The capitals are chapters and the others sections,
    whether chapters open pages (a section opening one by chance, `Customers`, stays a section)
    or run on; a section's heading right below another's is its subsection (corpus
    leisure-accounts: `Customers`, `Reserves` came out chapters in 22-28 cases each)."""
    rng = random.Random(81)
    if layout == "pages":
        text = _capitals_pages(rng, CAPITALS, by_chance="Customers")
    else:
        text = "\n".join(flowing(rng, [heading for _, heading in CAPITALS], stacked={"THE YEAR IN BRIEF"})) + "\n"
    state = normalise(tmp_path, text)
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == CAPITALS, found
    assert "heading-levels-from-case" in {d.code for d in state.diagnostics.items}
    # a section stacked right below another section's heading is its subsection
    text = "\n".join(flowing(rng, [heading for _, heading in CAPITALS], stacked={"Visits"})) + "\n"
    state = normalise(tmp_path, text)
    found = dict((b.plain(), b.level) for b in state.blocks if b.kind == "heading")
    assert (found["Visits"], found["Members"], found["Customers"]) == (2, 3, 2), found


def test_capitals_after_a_first_heading_in_mixed_case_say_nothing_of_levels(tmp_path):
    """The first heading in mixed case, headings in capitals after it (`Foreword`, then `PART
    ONE`): which shape is the higher level, the order does not show; the pages decide as before
    (each heading opening a page: all level 1)."""
    rng = random.Random(82)
    headings = [(1, "Foreword"), (1, "WHAT WAS DONE"), (1, "Visits to the Sites"), (1, "WHAT IT COST"),
                (1, "Costs of the Works")]
    state = normalise(tmp_path, _capitals_pages(rng, headings, by_chance=""))
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]
    assert found == headings, found
    assert "heading-levels-from-case" not in {d.code for d in state.diagnostics.items}


def test_one_heading_in_capitals_is_no_level_of_its_own(tmp_path):
    """A single line in capitals opening the body (a label, `SUMMARY`) among mixed-case headings
    says nothing of levels: one of each shape at least twice is needed. And list items or a
    table's header in capitals are no headings at all, so they cannot make a level either."""
    rng = random.Random(83)
    lines = flowing(rng, ["SUMMARY", "Harbour Works", "Old Walls", "Funding the Works"])
    lines += ["The works were put in this order:", "• REPAIR THE WALLS", "• DREDGE THE BERTHS",
              *textwrap.wrap(paragraph(rng), 72), "", "SITE COST YEAR", "North 1,200 2023",
              "South 2,400 2024", "", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    headings = [b for b in state.blocks if b.kind == "heading"]
    assert "heading-levels-from-case" not in {d.code for d in state.diagnostics.items}
    assert "REPAIR THE WALLS" not in [b.plain() for b in headings]
    assert "SITE COST YEAR" not in [b.plain() for b in headings]


@pytest.mark.parametrize("end", ["to the ounce.24", "published in 1962.3", "as he put it).7",
                                 "the “last light.”12"])
def test_a_heading_after_a_sentence_whose_note_call_is_glued_to_its_stop_is_found(tmp_path, end):
    """A paragraph's last sentence with its note's call flattened onto its stop (troff's pages
    read by pdftotext or pypdf: `to the ounce.24`): the sentence is finished, and the short line
    below it, above running text, is a heading (corpus lighthouse-logs, groff: `The Keepers and
    Their Families` and `The Rock and the Tower` run into the paragraph above in 45 cases)."""
    rng = random.Random(91)
    lines = flowing(rng, ["The Rock and the Tower", "The Daily Round"])
    lines[-1] = lines[-1][:-1] + " " + end
    lines += ["The Keepers and Their Families", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["The Rock and the Tower", "The Daily Round", "The Keepers and Their Families"], found


@pytest.mark.parametrize("end", ["with a mean of 54.8", "in table 12", "the total was 1,962.3"])
def test_a_line_after_a_number_that_ends_no_sentence_stays_text(tmp_path, end):
    """A block ending on a decimal or a bare number (a table's last row, a clause cut at a page
    end) is no sentence with its call: the short line below it is no heading by that alone."""
    rng = random.Random(92)
    lines = flowing(rng, ["The Rock and the Tower"])
    lines[-1] = lines[-1][:-1] + " " + end
    lines += ["The Keepers and Their Families", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["The Rock and the Tower"], found


def _after_a_table(rng: random.Random, line: str, below: list[str]) -> str:
    """A page: text, a table whose last row ends no sentence, `line`, then `below`."""
    lines = flowing(rng, ["The Routes Today"])
    lines += ["", "Route From To Trips", "N1 City Centre Harlow Park", "N2 Fenmouth Docks Kingsmere",
              "Extend the N3 to Kingsmere", "on alternate trips", "", line, *below]
    return "\n".join(lines) + "\n"


def test_a_question_in_title_case_after_a_tables_last_row_is_a_heading(tmp_path):
    """A title-case question on a line of its own right after a table's last row (no page break
    between: troff runs on), above its first section's heading and running text, is a heading;
    it was joined to the table's row (fresh night-buses, groff: `What Would a Better Network
    Cost?` lost in 30 cases)."""
    rng = random.Random(93)
    text = _after_a_table(rng, "What Would a Better Network Cost?",
                          ["The Options", *textwrap.wrap(paragraph(rng), 72)])
    state = normalise(tmp_path, text)
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found == ["The Routes Today", "What Would a Better Network Cost?", "The Options"], found


# Running text below a line (two sentences).
TEXT_BELOW = ["Yes, every night after my shift ends at the warehouse. The bus is late on most",
              "nights, and in winter the stop has no shelter from the rain at all."]


@pytest.mark.parametrize("line, below", [
    ("Did you take the night bus?", TEXT_BELOW),  # dialogue: a question in sentence case
    ("Which Route Runs Later?", ["N4 City Centre Wexley", "N5 Fenmouth Docks Harlow"]),  # a cell above rows
    ("Extend the N4 to Wexley", TEXT_BELOW),  # no question: perhaps the table's next row
])
def test_a_line_after_a_tables_last_row_that_is_no_question_heading_stays_text(tmp_path, line, below):
    """After a table's last row, a question in sentence case is dialogue, a title-case question
    above no running text a table's cell, and a line that asks nothing may be the next row."""
    state = normalise(tmp_path, _after_a_table(random.Random(94), line, below))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert line not in found, found


@pytest.mark.parametrize("above, line, heading", [
    ("2022–", "23 Change", False),  # a table's header cell wrapped at a range's dash
    ("1990-", "95 Average", False),
    ("2022", "3 Results and Costs", True),  # a number alone (a folio left behind), then a section
])
def test_a_number_opening_a_line_after_a_range_cut_at_its_dash_is_no_section_number(tmp_path, above, line, heading):
    """pypdf and pdfminer print a table's header cells one a line; a cell wrapped at a range's
    dash (`2022–` / `23 Change`) leaves a line opening with a number right below a block of no
    words, which read as a numbered section `23` (fresh leisure-accounts: `# 23 Change` in 16
    cases). A number alone above a numbered line is still no sentence the line goes on from."""
    rng = random.Random(95)
    lines = ["1 Scope of the Review", *textwrap.wrap(paragraph(rng), 72), "",
             "Line", "2023–24", "", above, "", line, "", *textwrap.wrap(paragraph(rng), 72)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert (line in found) == heading, found
