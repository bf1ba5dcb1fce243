"""pypdf's `extract_text()`: pages joined with no separator and no blank line, so the page ends,
the title page and the headings must be read from the text itself (issue 11; corpus pypdf cases
water-meters, school-meals, library-survey, river-basin, bridge-inspection). Each case is the
shape one page design gives through pypdf, small enough to read here."""

from __future__ import annotations

import random
import textwrap

import pytest

from exports import body, normalise

VOCABULARY = ("the council reviewed every meter in the town and found that most households used less "
              "water after the trial began while the network carried nearly all readings on time "
              "engineers checked pipes gateways batteries and valves across three districts").split()


def codes(state) -> set[str]:
    return {d.code for d in state.diagnostics.items}


def heads_removed(state) -> list[str]:
    return [entry["text"] for entry in state.audit.removed.get("running_heads", [])]


def text_lines(rng: random.Random, sentences: int = 4, width: int = 70) -> list[str]:
    """A paragraph of sentences of ten to fourteen words, wrapped as a page sets it."""
    text = []
    for _ in range(sentences):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(10, 14))]
        text.append(" ".join(words).capitalize() + ".")
    return textwrap.wrap(" ".join(text), width)


TITLE_PAGE = ["Smart Water Meter Pilot in Kelsby", "Technical Evaluation of the 2021–2023 Trial",
              "Kelsby Water Services"]
META = {"title": "Smart Water Meter Pilot in Kelsby", "subtitle": "Technical Evaluation of the 2021–2023 Trial",
        "author": "Kelsby Water Services"}
SECTIONS = ["Overview", "Meters", "Radio Network", "Installation", "Completeness", "Quality Checks",
            "Leaks Found", "Customer Response", "Water Use", "Costs"]


def meta(state) -> dict:
    return {key: state.meta.get(key) for key in META}


def test_heads_with_their_folio_on_even_pages_only_give_the_page_ends(tmp_path):
    # WeasyPrint's odd/even design through pypdf: an even page's head and folio on one line after
    # the page's text (`4 Smart Water…`), odd pages opening chapters with no head: folios count
    # up by two. The heads are furniture, the title page is found above the first heading.
    rng = random.Random(1)
    lines = list(TITLE_PAGE)
    for page in range(2, 10):
        lines += [SECTIONS[page - 2], *text_lines(rng), *text_lines(rng, 3)]
        if page % 2 == 0:
            lines.append(f"{page} Smart Water Meter Pilot in Kelsby")
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "pages-inferred" in codes(state)
    assert heads_removed(state) == [f"{n} Smart Water Meter Pilot in Kelsby" for n in (2, 4, 6, 8)]
    assert "Smart Water" not in body(state)
    assert meta(state) == META
    assert "title-page-from-shape" in codes(state)


def test_a_head_with_its_folio_at_each_page_top_ends_the_title_page(tmp_path):
    # typst's running head through pypdf: `Title 2` opens page 2, right below the title page.
    rng = random.Random(2)
    lines = list(TITLE_PAGE)
    for page in range(2, 7):
        lines += [f"Smart Water Meter Pilot in Kelsby {page}", SECTIONS[page - 2], *text_lines(rng)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "pages-inferred" in codes(state)
    assert len(heads_removed(state)) == 5 and "Smart Water" not in body(state)
    assert meta(state) == META
    assert "title-page-from-shape" not in codes(state)  # the page end showed it


def test_footers_page_n_of_m_and_a_title_page_without_one(tmp_path):
    # `Page N of M` closes pages 2 to 6; the title page has none, so its end is unknown: its
    # lines are told from the first heading and its text by their shape, and reported.
    rng = random.Random(3)
    lines = list(TITLE_PAGE)
    for page in range(2, 7):
        lines += [SECTIONS[page - 2], *text_lines(rng), *text_lines(rng, 2), f"Page {page} of 6"]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert meta(state) == META
    assert "title-page-from-shape" in codes(state)
    assert [e["text"] for e in state.audit.removed["page_numbers"]] == [f"Page {n} of 6" for n in range(2, 7)]
    assert "# Overview" in body(state)


def test_a_bare_folio_below_a_pages_last_sentence_ends_the_page(tmp_path):
    # typst's chapter-heads design: the folio alone at the foot, after a finished sentence.
    rng = random.Random(4)
    lines = list(TITLE_PAGE)
    for page in range(2, 7):
        lines += [SECTIONS[page - 2], *text_lines(rng), str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "pages-inferred" in codes(state)
    assert [e["text"] for e in state.audit.removed["page_numbers"]] == [str(n) for n in range(2, 7)]
    # Each section opens a page: the headings are found, none holds a folio.
    assert all(f"# {name}\n" in body(state) for name in SECTIONS[:5])


def test_a_title_page_as_wide_as_a_narrow_column_is_split_from_the_text(tmp_path):
    # A two-column page: the author's line is as long as the column's lines, so the title page,
    # the first heading and its text come as one block; the heading parts them.
    rng = random.Random(5)
    lines = ["Smart Water Meter Pilot in Kelsby", "Technical Evaluation of the 2021–2023 Trial",
             "Kelsby Water Services, Network Engineering Group"]
    for page in range(2, 7):
        lines += [SECTIONS[page - 2], *text_lines(rng, 5, 55), str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert meta(state) == {**META, "author": "Kelsby Water Services, Network Engineering Group"}
    assert body(state).lstrip().startswith("# Overview")


def test_a_chapter_head_doubling_the_first_heading_is_no_author(tmp_path):
    # typst's chapter-heads design: page 2 opens with its head, the chapter's own heading, and
    # that heading again; neither is an author.
    rng = random.Random(6)
    lines = ["Public Libraries in Small Towns", "Results of the 2023 User Survey", "Ruth Adeyemi",
             "Tomas Varga", "I. Introduction", "I. Introduction"]
    for page in range(2, 7):
        lines += [*text_lines(rng), str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert state.meta.get("author") == ["Ruth Adeyemi", "Tomas Varga"]
    assert state.meta.get("title") == "Public Libraries in Small Towns"


def test_a_subtitle_wrapped_inside_its_year_range_and_a_title_at_a_soft_hyphen(tmp_path):
    # `2010–` / `2024` is one range, no folio; `Ma\u00ad` / `sonry` one word.
    rng = random.Random(7)
    lines = ["Managing the Upper Ashford Ma\u00ad", "sonry", "Water Allocation and Farm Practice, 2010–",
             "2024", "Ashford Catchment Partnership"]
    for page in range(2, 7):
        lines += [f"{page} Managing the Upper Ashford Masonry", SECTIONS[page - 2], *text_lines(rng)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert state.meta.get("title") == "Managing the Upper Ashford Masonry"
    assert state.meta.get("subtitle") == "Water Allocation and Farm Practice, 2010–2024"
    assert state.meta.get("author") == "Ashford Catchment Partnership"


def test_no_title_is_made_from_a_documents_opening_headings(tmp_path):
    # A document with no title page: its first page opens with a chapter's label and heading,
    # or a heading alone. Nothing there reads as title and author: no title is invented.
    rng = random.Random(8)
    for front in (["Chapter 1", "The Beginning", "Introduction"], ["Introduction"],
                  ["2. Methods", "Sampling Frame"]):
        lines = list(front)
        for page in range(1, 6):
            lines += [*text_lines(rng), *text_lines(rng, 2), f"Page {page} of 5"]
        state = normalise(tmp_path, "\n".join(lines) + "\n")
        assert state.meta.get("title") == "Export", front  # assumed from the file name
        assert not state.meta.get("author") and not state.meta.get("subtitle")
        assert "title-page-from-shape" not in codes(state)


def test_list_markers_alone_before_a_numbered_heading_let_it_be_one(tmp_path):
    # pypdf writes a page's list markers after its text: `•` lines, then the next page's
    # numbered heading, which is a heading still, its number kept.
    rng = random.Random(9)
    lines = list(TITLE_PAGE) + ["Key Findings", "Its main findings are these:"]
    for _ in range(3):
        lines += text_lines(rng, 1)
    lines += ["• ", "• ", "• ", "Smart Water Meter Pilot in Kelsby 2", "1. Background", *text_lines(rng)]
    for page in range(3, 6):
        lines += [*text_lines(rng), *text_lines(rng), f"Smart Water Meter Pilot in Kelsby {page}"]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "# 1. Background" in body(state)


def test_list_markers_glued_to_the_last_line_before_a_numbered_heading(tmp_path):
    # pypdfium2 and pypdf may glue the first marker to the page's last line (`in 2022.•`).
    rng = random.Random(10)
    lines = list(TITLE_PAGE) + ["Key Findings", "Its main findings are these:"]
    for _ in range(3):
        lines += text_lines(rng, 1)
    lines[-1] += "• "
    lines += ["• ", "• ", "Smart Water Meter Pilot in Kelsby 2", "1. Background", *text_lines(rng)]
    for page in range(3, 6):
        lines += [*text_lines(rng), *text_lines(rng), f"Smart Water Meter Pilot in Kelsby {page}"]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "# 1. Background" in body(state)


CHAPTERS = ["I. Introduction", "II. Method", "III. Who Uses the Library", "IV. What the Library Is For",
            "V. Implications"]


def test_a_one_page_chapters_head_beside_its_folio_is_furniture(tmp_path):
    # WeasyPrint's chapter-heads design through pypdf: each chapter fills one page, whose head
    # (the chapter's title again) and folio come after its text. The head seen once is still a
    # head: the page holds the heading too, the head at its foot beside the folio.
    rng = random.Random(11)
    lines = ["Public Libraries in Small Towns", "Results of the 2023 User Survey", "Ruth Adeyemi"]
    for page, chapter in enumerate(CHAPTERS, start=2):
        lines += [chapter, *text_lines(rng), *text_lines(rng, 2), chapter, str(page)]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert all(body(state).count(chapter) == 1 and f"# {chapter}\n" in body(state) for chapter in CHAPTERS)
    assert heads_removed(state) == CHAPTERS
    assert "furniture-heading" in codes(state)


def test_unnumbered_headings_between_roman_numbered_chapters_are_their_sections(tmp_path):
    rng = random.Random(12)
    blocks = []
    for chapter, section in zip(CHAPTERS, ["Age and Circumstance", None, "Borrowing", None, None]):
        blocks += [chapter, " ".join(text_lines(rng))]
        if section:
            blocks += [section, " ".join(text_lines(rng))]
    blocks += ["Bibliography", "Adeyemi, R. (2023). Annual Plan."]
    state = normalise(tmp_path, "\n\n".join(blocks) + "\n")
    levels = {b.plain(): b.level for b in state.blocks if b.kind == "heading"}
    assert levels["Age and Circumstance"] == levels["Borrowing"] == 2
    assert all(levels[chapter] == 1 for chapter in CHAPTERS) and levels["Bibliography"] == 1


def test_numbered_subsections_below_a_two_level_contents_list_are_headings(tmp_path):
    # The contents list names `2.2 The heat pumps`, not `2.2.1 Sizing`: the numbering still
    # says what `2.2.1` is (corpus heat-pumps: `### 2.2.1 Sizing` read as a paragraph's start).
    rng = random.Random(13)
    contents = ["Contents", "1. Introduction . . . . . . 2", "2. The Homes . . . . . . 3",
                "2.1 The houses . . . . . . 3", "2.2 The heat pumps . . . . . . 4"]
    pages = [["Heat Pumps in Older Housing", "Monitoring Results", "Northern Housing Trust"], contents,
             ["1. Introduction", " ".join(text_lines(rng))],
             ["2. The Homes", " ".join(text_lines(rng)), "2.1 The houses", " ".join(text_lines(rng))],
             ["2.2 The heat pumps", "2.2.1 Sizing", " ".join(text_lines(rng)), "2.2.2 Radiators and pipework",
              " ".join(text_lines(rng)), "2.2.3 Hot water", " ".join(text_lines(rng))]]
    state = normalise(tmp_path, "\n\f".join("\n\n".join(page) for page in pages) + "\n")
    levels = {b.plain(): b.level for b in state.blocks if b.kind == "heading"}
    assert levels == {"1. Introduction": 1, "2. The Homes": 1, "2.1 The houses": 2, "2.2 The heat pumps": 2,
                      "2.2.1 Sizing": 3, "2.2.2 Radiators and pipework": 3, "2.2.3 Hot water": 3}


def test_a_wrapped_titles_head_on_two_pages_only_is_furniture(tmp_path):
    # The title wraps on the title page (`Smart Water Meter Pilot in` / `Kelsby`); chapters open
    # odd pages with no head and fill them, so only two even pages show the head with its folio
    # (`6 Smart Water…`, `8 …`). The whole title with a folio is the head, however rare.
    rng = random.Random(12)
    lines = ["Smart Water Meter Pilot in", "Kelsby", *TITLE_PAGE[1:]]
    for page in range(2, 10):
        lines += [SECTIONS[page - 2], *text_lines(rng), *text_lines(rng, 3)]
        if page in (6, 8):
            lines.append(f"{page} Smart Water Meter Pilot in Kelsby")
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert heads_removed(state) == [f"{n} Smart Water Meter Pilot in Kelsby" for n in (6, 8)]
    assert "Smart Water" not in body(state)
    assert meta(state) == META


QUESTION_TITLES = ["Can Everyone Hear the Siren?", "Who Pays for the Water?", "Is the Old Harbour Worth Saving?"]


@pytest.mark.parametrize("title", QUESTION_TITLES)
@pytest.mark.parametrize("shape", ["pypdf", "form-feeds"])
def test_a_question_for_a_title_with_its_folio_is_a_running_head(tmp_path, title, shape):
    # A title that is a question (`Can Everyone Hear the Siren?`) heads the even pages with its
    # folio (`6 Can Everyone Hear the Siren?`), the odd pages carrying the authors and theirs.
    # The head ends with a question mark, yet it is the title's words: a head, not a sentence of
    # the text, both where the pages are inferred from the folios (pypdf: no page separator) and
    # where form feeds mark them (pdftotext, pypdfium2). Before, the even heads stayed amid the
    # text (`…broadly 6 Can Everyone Hear the Siren?`), and a note cut at the page end ran into one.
    rng = random.Random(7)
    pages = [[title, "A Report on the Valleys", "Anna Berg"]]
    for page in range(2, 10):
        head = f"{page} {title}" if page % 2 == 0 else f"Anna Berg {page}"
        pages.append([head, SECTIONS[page - 2], *text_lines(rng), *text_lines(rng, 3)])
    joiner = "\n" if shape == "pypdf" else "\n\f"
    state = normalise(tmp_path, joiner.join("\n".join(page) for page in pages) + "\n")
    text = body(state)
    assert title not in text and "Anna Berg" not in text, text
    assert sorted(heads_removed(state)) == sorted(
        [f"{n} {title}" for n in (2, 4, 6, 8)] + [f"Anna Berg {n}" for n in (3, 5, 7, 9)])


def test_a_question_with_a_number_that_is_not_the_title_stays_text(tmp_path):
    # The negative: the title is a statement; a question recurring with a number at the same
    # place of the pages (`4 Is the Meter Read on Time?`) ends a sentence and is not the title's
    # words: no head (infer_pages and page_edges keep it, and report it).
    rng = random.Random(7)
    pages = [["Smart Water Meter Pilot in Kelsby", "A Report on the Valleys", "Anna Berg"]]
    for page in range(2, 10):
        head = f"{page} Is the Meter Read on Time?" if page % 2 == 0 else f"Anna Berg {page}"
        pages.append([head, SECTIONS[page - 2], *text_lines(rng), *text_lines(rng, 3)])
    state = normalise(tmp_path, "\n\f".join("\n".join(page) for page in pages) + "\n")
    assert body(state).count("Is the Meter Read on Time?") == 4


GROFF_TITLE_PAGE = ["Who Reads the Water Meters?", "Household Meters and Radio Gateways in the Three",
                    "Town Districts", "Ruth Adeyemi", "Tomas Varga", "Ines Brandt", "2024-05-21"]
GROFF_META = {"title": "Who Reads the Water Meters?",
              "subtitle": "Household Meters and Radio Gateways in the Three Town Districts",
              "author": ["Ruth Adeyemi", "Tomas Varga", "Ines Brandt"], "date": "2024-05-21"}


def groff_odd_even(rng: random.Random, authors_head: str, pages: int = 6,
                   title_page: list[str] = GROFF_TITLE_PAGE) -> str:
    """groff's odd/even design through pypdf: the title page's lines one a line (a subtitle
    wrapped, one author a line, a date), no blank line between them; each later page opens with
    its head, the title with its folio before it on even pages (`2 Who Reads…?`), the authors
    with their folio after them on odd ones; a note below a blank line holding a space at some
    pages' feet (the blank lines keep infer_pages away: page_furniture reads the heads)."""
    lines = list(title_page) + ["", SECTIONS[0], *text_lines(rng)]
    for page in range(2, pages + 2):
        lines += ["", f"{page} {title_page[0]}" if page % 2 == 0 else f"{authors_head} {page}"]
        lines += [SECTIONS[page - 1], *text_lines(rng), *text_lines(rng, 3)]
        if page % 2:  # the page's last sentence calls its note (`…on time.2`)
            lines[-1] += str(page // 2)
            lines += [" ", f"{page // 2} The survey of the meters was made in the spring of {2015 + page}."]
    return "\n".join(lines) + "\n"


def test_a_title_asking_a_question_with_its_folio_is_the_even_pages_head(tmp_path):
    # The title ends with a question mark, so it reads as a sentence; printed with its folio on
    # every even page it is the head all the same (no line of the body is the title and a page
    # number). The head naming every author, the title page having set them one a line, is the
    # odd pages' head. Both are furniture, and the page ends they mark keep each note with its page.
    state = normalise(tmp_path, groff_odd_even(random.Random(3), "Ruth Adeyemi, Tomas Varga and Ines Brandt"))
    text = body(state)
    assert "Water Meters?" not in text and "Ruth Adeyemi" not in text, text
    assert {key: state.meta.get(key) for key in GROFF_META} == GROFF_META
    assert sorted(heads_removed(state)) == sorted(
        [f"{n} Who Reads the Water Meters?" for n in (2, 4, 6)]
        + [f"Ruth Adeyemi, Tomas Varga and Ines Brandt {n}" for n in (3, 5, 7)])
    assert [note.text for note in state.notes.values()] == [
        f"The survey of the meters was made in the spring of {2015 + page}." for page in (3, 5, 7)]


def test_a_head_naming_only_some_of_the_authors_twice_is_kept(tmp_path):
    # Negative: a line naming two of the three authors, twice, is no title-page line: too few
    # occurrences to be a head by repetition alone, it stays text (reported), as it was.
    state = normalise(tmp_path, groff_odd_even(random.Random(3), "Ruth Adeyemi and Tomas Varga", pages=4))
    assert "Ruth Adeyemi and Tomas Varga 3" in body(state)


def test_a_subtitle_author_and_date_run_together_below_the_title_are_each_read(tmp_path):
    # The subtitle is too long to stand alone as a heading, so the subtitle, the author and the
    # date below it stay one block: more title-page lines than a title page's first blocks hold.
    # The lines above the first heading are read by their shape, one a line.
    title_page = ["Smart Water Meter Pilot in Kelsby", "Household Meters, Radio Gateways and Leak Alarms, 2021–2023",
                  "Kelsby Water Services", "2024-09-12"]
    state = normalise(tmp_path, groff_odd_even(random.Random(5), "Kelsby Water Services", title_page=title_page))
    assert {key: state.meta.get(key) for key in ("title", "subtitle", "author", "date")} == {
        "title": "Smart Water Meter Pilot in Kelsby",
        "subtitle": "Household Meters, Radio Gateways and Leak Alarms, 2021–2023",
        "author": "Kelsby Water Services", "date": "2024-09-12"}
    assert "Kelsby Water Services" not in body(state)


def test_a_time_or_ratio_opening_a_line_is_no_folio_glued_to_a_word(tmp_path):
    # A timetable's note, a mix or a share wraps so that a line opens with a number in two
    # parts (`03:15 on the N5`, `13:40`, `2:1`, `3/4`, `3–4`) after a line with no full stop: the
    # shape of a folio glued to a page's first word (`2Throughout`), but one number of the text.
    # No page end is inferred from them, and not one digit is changed (night buses, pypdf: `05:15,`
    # came out `5 5:15,`).
    rng = random.Random(14)
    openings = [("The first bus leaves the depot", "02:10 on weekdays and later at weekends."),
                ("No service after", "03:15 on the N5, which then returns to the garage."),
                ("Drivers change over at", "04:20 at the interchange beside the station."),
                ("The mortar is mixed in the ratio", "2:1 with sharp sand for the kerbs."),
                ("The tanks were filled to", "3/4 of their capacity through the winter."),
                ("The crossing takes", "3–4 minutes on foot at the busiest hours."),
                ("The last trip reaches Wexley at", "05:30 with the early shift workers.")]
    lines = list(TITLE_PAGE)
    for head, line in openings:
        lines += [*text_lines(rng, 2), head, line]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "pages-inferred" not in codes(state)
    text = " ".join(body(state).split())
    for head, line in openings:
        assert f"{head} {line}" in text


def test_a_folio_glued_to_the_next_pages_first_word_ends_the_page(tmp_path):
    # pypdf writes a page's head after its text and its folio glued to the next page's first
    # word (`Smart Water Meter Pilot in Kelsby` / `3Throughout the trial`): the digits are the
    # folio, the word is the text's; a page opening with a time is no glued folio.
    rng = random.Random(15)
    lines = list(TITLE_PAGE)
    for page in range(2, 8):
        first, *rest = text_lines(rng)
        lines += [f"{page}{first}" if page > 2 else first, *rest, *text_lines(rng, 2),
                  "No service after", "03:15 on the N5 or the N7.", "Smart Water Meter Pilot in Kelsby"]
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert "pages-inferred" in codes(state)
    assert [e["text"] for e in state.audit.removed["page_numbers"]][:5] == [str(n) for n in range(3, 8)]
    assert body(state).count("No service after 03:15 on the N5 or the N7.") == 6



AUTHORS = ["Ruth Adeyemi", "Tomas Varga"]


def test_the_next_pages_head_right_below_the_title_page_ends_it(tmp_path):
    # typst's odd/even design through pypdf: the title page's lines, then page 2's head with its
    # folio (`2 Who Mends…`) and the contents list, all in one run of lines: the head ends the
    # title page, whose lines are one field each (the names no part of the subtitle).
    rng = random.Random(16)
    contents = ["Contents", *(f"{name} . . . . . . . . . . . . {page}" for page, name in enumerate(SECTIONS[:4], 3))]
    lines = ["Who Mends the Harbour Wall?", "Technical Evaluation of the Trial,", "2021–2023", *AUTHORS,
             "2 Who Mends the Harbour Wall?", *contents]
    for page, section in enumerate(SECTIONS[:4], start=3):
        lines += [section, *text_lines(rng), *text_lines(rng, 3)]
        if page % 2 == 0:
            lines.append(f"{page} Who Mends the Harbour Wall?")
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert meta(state) == {"title": "Who Mends the Harbour Wall?",
                           "subtitle": "Technical Evaluation of the Trial, 2021–2023", "author": AUTHORS}
    assert not body(state).startswith(("Technical", "Ruth", "Tomas"))


def test_a_title_pages_lines_set_together_are_read_one_field_a_line(tmp_path):
    # groff through pypdf: the title page's lines below the title come as one block, its date
    # last, a blank line before the first heading and no page end: each line is one field.
    rng = random.Random(17)
    lines = ["Who Mends the Harbour Wall?", "Technical Evaluation of the Trial,", "2021–2023", *AUTHORS,
             "2023-05-04", ""]
    for section in SECTIONS[:4]:
        lines += [section, *text_lines(rng), *text_lines(rng, 3), ""]
    lines += [f"Who Mends the Harbour Wall? {n}" for n in range(2, 5)]  # (the head recurs: the title is evidence)
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    assert meta(state) == {"title": "Who Mends the Harbour Wall?",
                           "subtitle": "Technical Evaluation of the Trial, 2021–2023", "author": AUTHORS}
    assert state.meta.get("date") == "2023-05-04"
