"""The shapes real PDF extractors give a report, end to end: each case is what pdftotext,
pypdf, pdfminer.six or pypdfium2 print for an ordinary page design, small enough to read here.
The corpus (`make corpus`) measures the same on whole documents."""

from __future__ import annotations

import pytest

from exports import body, normalise, pages


def test_headings_and_paragraphs_without_blank_lines(tmp_path):
    # The minimal case: nothing but line shapes tells headings from paragraphs.
    state = normalise(tmp_path, "Introduction\nShift work is common. It affects families.\n"
                                "Method\nWe surveyed three sites.\n")
    assert body(state) == ("# Introduction\n\nShift work is common.\nIt affects families.\n\n"
                           "# Method\n\nWe surveyed three sites.")
    assert any(d.code == "heading-from-shape" for d in state.diagnostics.items)


PAGE = ("Harbour Review\n"
        "The council met in {season} to review the harbour project and its many\n"
        "costs. Members asked for a full account of the work done so far, and for a\n"
        "plan.{a} The engineers answered in writing before the summer of that year,\n"
        "and the council accepted their answer in {year}.{b}\n"
        "{a} Minutes of the council, 12 March.\n"
        "{b}. Letter from the engineers.\n"
        "{folio}\n")


def _pages(count: int) -> str:
    seasons = ["spring", "summer", "autumn", "winter", "the new year"]
    return "\f".join(PAGE.format(a=1, b=2, year=2000 + n, folio=n + 1, season=seasons[n % 5])
                     for n in range(count))


def test_a_pdftotext_export_loses_its_furniture_and_keeps_its_notes(tmp_path):
    state = normalise(tmp_path, _pages(4))
    text = body(state)
    assert "Harbour Review" not in text  # the running head, on every page
    assert state.audit.removed["page_numbers"] and len(state.audit.removed["page_numbers"]) == 4
    # Two notes a page, numbered afresh on each, every call paired with its own page's note.
    assert len(state.notes) == 8
    assert text.count("a plan.[^") == 4 and "in 2003.[^8]" in text
    assert [n.text for n in state.notes.values()][:2] == ["Minutes of the council, 12 March.",
                                                          "Letter from the engineers."]
    # A page's paragraphs are one paragraph each; the year 2003 is no note call.
    assert "2003" in text


def test_digits_without_a_matching_foot_are_not_notes(tmp_path):
    # Numbers glued to words but no numbered lines at the foot: no evidence, no notes.
    page = ("Harbour Review\nThe {} basin is 12 metres deep.3 The quay is 400 metres long,\n"
            "and 2 cranes serve it.\n{}\n")
    state = normalise(tmp_path, "\f".join(page.format(w, n) for n, w in enumerate(["inner", "outer", "old"], 1)))
    assert not state.notes
    assert "deep.3" in body(state)


def test_a_recurring_sentence_at_the_foot_is_content(tmp_path):
    # Removing a repeated sentence would delete body text: it stays, with a warning.
    page = ("Harbour Review\nThe council met again and approved the plan for the new quay.\n"
            "See the notes at the end of this report for every source.\n")
    state = normalise(tmp_path, "\f".join([page] * 4))
    assert body(state).count("See the notes at the end of this report for every source.") == 4
    assert any(d.code == "furniture-content" for d in state.diagnostics.items)


def test_a_chapter_head_is_removed_and_its_heading_kept(tmp_path):
    chapter = ["Chapter 2: Methods\nChapter 2: Methods\nWe surveyed three sites in the north.\n",
               "Chapter 2: Methods\nThe sites were chosen for their size and for their age.\n",
               "Chapter 2: Methods\nEach site was visited twice in the course of the year.\n"]
    state = normalise(tmp_path, "\f".join(chapter))
    assert body(state).count("Chapter 2: Methods") == 1


def test_pypdf_pages_without_separators_are_found_from_head_and_counting_folio(tmp_path):
    # pypdf writes a page's margin boxes after its text and joins pages with nothing: the head,
    # then the folio glued to the next page's first word.
    texts = ["The council met in spring to review the harbour project and its many costs.",
             "Members asked for a full account of the work done so far, and for a plan.",
             "The engineers answered in writing before the summer of that year came.",
             "The quay was rebuilt on the old foundations at a cost of twelve million."]
    filler = ("The work went on through the year.\nThe board met each month to hear how it went.\n"
              "Every meeting ended with a vote on the next step.\n")
    pages = [f"{text}\n{filler}Harbour Review\n{n + 2}" for n, text in enumerate(texts)]
    state = normalise(tmp_path, "".join(pages) + "\n")
    text = body(state)
    assert "Harbour Review" not in text and not any(f"{n}The" in text or f"{n}Members" in text
                                                    for n in range(2, 7))
    assert [item["text"] for item in state.audit.removed["page_numbers"]] == ["2", "3", "4", "5"]
    assert any(d.code == "pages-inferred" for d in state.diagnostics.items)
    assert state.meta["title"] == "Harbour Review"


def test_two_columns_each_with_its_own_foot_and_soft_hyphens(tmp_path):
    # typst's two-column page through pdftotext: the left column, its notes (glued `1Text`), the
    # folio, then the right column and its notes; words broken with a soft hyphen at line ends.
    page = ("Harbour Review {n}\n"
            "The council met in spring to review the har\u00ad\n"
            "bour project and its costs.1 The engineers an\u00ad\n"
            "swered in writing before the summer came.\n"
            "1Minutes of the council.\n"
            "\n{n}\n\n"
            "The quay was rebuilt on the old foundations at a\n"
            "cost of twelve million, paid from reserves.2\n"
            "2Report of the harbour master.\n")
    state = normalise(tmp_path, "\f".join(page.format(n=n) for n in range(1, 5)))
    text = body(state)
    assert len(state.notes) == 8 and "costs.[^1]" in text and "reserves.[^2]" in text
    assert "harbour project" in text and "answered" in text and "\u00ad" not in text
    assert [n.text for n in state.notes.values()][:2] == ["Minutes of the council.",
                                                          "Report of the harbour master."]


def test_decimals_and_section_numbers_are_not_calls(tmp_path):
    # `2.1` and `20.4` end in digits after a point, like `grow.1`; only the real call pairs.
    page = ("Harbour Review\n2.{n} The {w} homes\nThe median was 20.4 degrees in every home of the\n"
            "{w} survey, as the engineers had hoped.1\n1 Survey of {w} homes.\n{n}\n")
    state = normalise(tmp_path, "\f".join(page.format(w=w, n=n) for n, w in
                                          enumerate(["first", "second", "third"], 1)))
    assert len(state.notes) == 3 and all(n.text.startswith("Survey of") for n in state.notes.values())
    assert "2.1 The first homes" in body(state) and "20.4 degrees" in body(state)


def test_the_contents_list_keeps_its_hands_off_the_first_heading(tmp_path):
    # pdfminer cuts each entry into title, leaders and number; the first page of the body opens
    # with the heading the contents list names, then a line ending in a year (no page number),
    # and `Preface` at the top of two pages running (contents, body) is no running head.
    pages = ["The Narrow Railways\nA History\nMargaret Ellery\n",
             "Contents\n\nPreface\n\n. . . . . . . . . . . .\n\n3\n\nChapter 1: Slate\n\n. . . . . . .\n\n4\n",
             "Preface\nThis short history began as a talk about lines that were built in 1868\n"
             "and closed long ago, given to a local society in the autumn of that year.\n",
             "Chapter 1: Slate\nSlate travelled to the sea on the backs of horses and in carts, slowly\n"
             "and at great cost, until the first railway opened in the valley.\n"]
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert text.startswith("# Preface\n\nThis short history began") and "# Chapter 1: Slate" in text
    assert "built in 1868" in text
    assert [e["text"] for e in state.contents] == ["Preface", "Chapter 1: Slate"]


CONTENTS = ["1. Harbour Walls ........ 3", "2. The Dredging ........ 6", "3. Channel Depths ........ 9",
            "4. Costs ........ 12", "5. Findings ........ 15"]


def _chapters(count: int) -> list[str]:
    return [f"{n}. {title}\nThe work on this part of the harbour went on through the year and was\n"
            f"finished in the spring, at a cost close to the estimate the council had made.\n"
            for n, title in zip(range(1, count + 1), ["Harbour Walls", "The Dredging", "Channel Depths",
                                                       "Costs", "Findings"])]


def test_contents_pages_beyond_the_pages_an_export_shows_go_on_as_the_list_goes(tmp_path):
    # An export that shows fewer page breaks than its pages (two form feeds for a report printed
    # on fifteen): the entries' pages climb past the count by the list's own steps, and are pages.
    pages = ["Harbour Report\n\nContents\n\n" + "\n".join(CONTENTS) + "\n",
             "\n".join(_chapters(3)), "\n".join(_chapters(5)[3:])]
    state = normalise(tmp_path, "\f".join(pages))
    assert [e["page"] for e in state.contents] == [3, 6, 9, 12, 15]
    assert "........" not in body(state) and "# 5. Findings" in body(state)


def test_a_contents_list_ending_inside_its_block_leaves_the_rest_of_the_block(tmp_path):
    # Blank lines part the paragraphs, none parts the list from a printer's line under it: the
    # year ending that line is no page number, the list ends there and its lines go with it; the
    # printer's line stays, and nothing of the list is read as a note or a heading.
    chapters = [f"{title}\n\nThe work on this part of the harbour went on through the year and was "
                "finished in the spring, at a cost close to the estimate the council had made.\n"
                for title in ("1. Harbour Walls", "2. The Dredging", "3. Channel Depths")]
    pages = ["Harbour Report\n\nContents\n\n" + "\n".join(CONTENTS[:3])
             + "\nPrinted for the harbour board in 1998\n\n" + chapters[0], chapters[1], chapters[2]]
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert [e["text"] for e in state.contents] == ["1. Harbour Walls", "2. The Dredging", "3. Channel Depths"]
    assert "Printed for the harbour board in 1998\n\n# 1. Harbour Walls\n" in text, text[:300]
    assert not state.notes and "........" not in text


def test_a_chapter_title_set_as_the_head_of_its_one_page_is_no_second_heading(tmp_path):
    # A design that repeats each chapter's title as its first page's running head, above the
    # heading: chapters of one page each, so no head recurs; the pattern itself is the evidence.
    chapters = [("Preface", "This history began as a talk given to the Society in 2019."),
                ("Chapter 1: Slate and Distance", "Before the railways, slate went to the sea by cart."),
                ("Chapter 2: Three Companies", "Within a decade two more lines were built nearby."),
                ("Chapter 3: Decline", "The slate trade peaked in the 1890s and then declined.")]
    contents = "The Narrow Railways\n\nContents\n" + "".join(f"{title} . . . . {n + 3}\n"
                                                          for n, (title, _) in enumerate(chapters))
    pages = [f"{title}\n\n{title}\n{text} It ran for {n + 2} decades, and the valleys\n"
             f"changed around it in ways nobody had planned in {1870 + n}.\n\n{n + 3}\n"
             for n, (title, text) in enumerate(chapters)]
    state = normalise(tmp_path, "\f".join([contents] + pages))
    text = body(state)
    for title, opening in chapters:
        assert text.count(title) == 1, text
        assert f"# {title}\n\n{opening}" in text
    assert len(state.audit.removed["running_heads"]) == 4


# A chapter that fills one page carries its running head once, beside its own heading: above it
# (pdftotext, pdfminer) or at the page's foot above the folio (pypdfium2 writes the margin boxes
# last). Nothing repeats across pages; the pattern repeats across chapters.
CHAPTERS = [("1. Background", "The council paid for a free lunch for every pupil from 2021."),
            ("2. Method", "We used four sources of evidence, the first being the meal records."),
            ("3. Take-up", "Take-up rose from 52 to 87 per cent within one term of the start.")]


def _chapter_pages(head_at_foot: bool) -> str:
    pages = ["Free School Meals\nAn Evaluation of the First Two Years\nInstitute for Local Policy Studies\n"]
    for number, (heading, sentence) in enumerate(CHAPTERS, start=2):
        body = f"{heading}\n{sentence}\nThe schools reported on it in the summer term.\n"
        pages.append(f"{body}{heading}\n{number}\n" if head_at_foot else f"{heading}\n{body}{number}\n")
    return "\f".join(pages)


def test_a_one_page_chapter_loses_the_head_that_echoes_its_heading(tmp_path):
    for head_at_foot in (False, True):
        state = normalise(tmp_path, _chapter_pages(head_at_foot))
        text = body(state)
        for heading, sentence in CHAPTERS:
            assert text.count(heading) == 1 and f"# {heading}\n\n{sentence}" in text, text
        heads = [item["text"] for item in state.audit.removed["running_heads"]]
        assert heads == [heading for heading, _ in CHAPTERS]
        assert state.meta["title"] == "Free School Meals"


def test_a_single_line_echoed_at_a_page_edge_is_kept_and_reported(tmp_path):
    # One page only repeats a line of its own at its edge: no pattern, no head; kept.
    pages = _chapter_pages(False).split("\f")
    pages[2] = pages[2].split("\n", 1)[1]  # the second chapter's page has no head
    pages[3] = pages[3].split("\n", 1)[1]
    state = normalise(tmp_path, "\f".join(pages))
    assert body(state).count("1. Background") == 2
    assert any(d.code == "furniture-content" and "1. Background" in d.message
               for d in state.diagnostics.items)


def test_a_title_page_before_a_second_column_read_first_is_still_a_title_page(tmp_path):
    # pdftotext may read a page's second column first: the text under the removed head starts in
    # lower case, yet the first page's last line (a name) cannot run on into it.
    pages = _chapter_pages(False).split("\f")
    pages[1] = pages[1].replace("1. Background\n1. Background\n",
                                "1. Background\nand for what, had not been asked since 1998.\n"
                                "1. Background\n")
    state = normalise(tmp_path, "\f".join(pages))
    assert state.meta["title"] == "Free School Meals"
    assert state.meta["author"] == "Institute for Local Policy Studies"


def test_a_note_cut_by_a_blank_line_does_not_end_the_pages_foot(tmp_path):
    # pdfminer boxes a note's last line apart (`website.` below `1The engineers' …`): the next
    # note (`2The sluice …`) still belongs to the same foot, and its call after a year
    # (`until 1931.2`) is a call, not a decimal (corpus harbour-dredging typst pdfminer).
    page = ("Options\n\nThe commissioners have costed five options with the help of the\n"
            "engineers, over twenty-five years, borrowing included.1\n\n"
            "Sluicing\nMany small harbours were once kept open by sluicing, and Porthallow\n"
            "had a sluice until 1931.2 Restoring it would cost about 2.3 million pounds and\n"
            "would need dredging only every four or five years at most.\n\n"
            "1The engineers' report is available from the harbour office and on the commissioners'\n\n"
            "website.\n\n"
            "2The sluice gates were removed after they were damaged in a storm, and the sluice basin\n\n"
            "was later filled to make the car park.\n\n{folio}\n\n")
    filler = ("Harbour Review\n\nThe harbour was dredged every two years, and the work was paid for "
              "from dues.\n\n{folio}\n\n")
    pages = [filler.format(folio=2), page.format(folio=3), filler.format(folio=4)]
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert [n.text for n in state.notes.values()] == [
        "The engineers’ report is available from the harbour office and on the commissioners’ website.",
        "The sluice gates were removed after they were damaged in a storm, and the sluice basin was "
        "later filled to make the car park."]
    assert "until 1931.[^2]" in text and "1931.2" not in text


def test_calls_read_out_of_order_prefer_a_glued_number_to_one_after_a_comma(tmp_path):
    # An extractor that reads a page's second column first puts note 12's call before note 11's:
    # each call is then looked for anywhere on the page, and `lorries.12` is the call, not the
    # quantity in `found, 12 needed` (a number of the body removed as a marker).
    page = ("Scour\nOf the 37 bridges where scour was found, 12 needed urgent work at once.\n"
            "Of the 412 bridges, 358 allow the full weight of modern\n"
            "lorries.12 Of the rest, 39 have a lower limit, typically 18 tonnes.\n"
            "The urgent work was carried out within the year.11 The storms of 2020 did more.\n"
            "11The work used rock armour at ten bridges.\n"
            "12Assessments are reviewed whenever a bridge changes.\n"
            "{folio}\n")
    pages = ["Bridges\nThe county has 412 bridges.\n2\n", page.format(folio=3),
             "Bridges\nThe end of the report.\n4\n"]
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert "found, 12 needed" in text
    assert "lorries.[^1]" in text and "[^1]: Assessments are reviewed" in text
    assert "year.[^2]" in text and "[^2]: The work used rock armour" in text


def test_a_numbered_chapter_head_above_its_wrapped_heading_is_no_note(tmp_path):
    # `2. How Bridges Are Inspected and Rated` as the page's head, the heading below it wrapped
    # over two lines: the head opens with a number as a note does, but the heading below repeats
    # it, which no note's text does (corpus bridge-inspection chapter-heads typst pdftotext).
    chapters = [("1. Summary of the Findings", "Summary of the Findings"),
                ("2. How Bridges Are Inspected and Rated", "How Bridges Are Inspected and\nRated"),
                ("3. What the Inspections Found", "What the Inspections Found")]
    pages = [f"{title}\n\n{title.split(' ', 1)[0]} {wrapped}\nEvery bridge receives a general "
             f"inspection every two years,\nand a principal one every six years at most.\n\n{n + 2}\n"
             for n, (title, wrapped) in enumerate(chapters)]
    state = normalise(tmp_path, "\f".join(["Bridges of the County\n\nA Report\n"] + pages))
    text = " ".join(body(state).split())
    for title, _ in chapters:
        assert text.count(title.split(" ", 1)[1]) == 1, text
    assert [item["text"] for item in state.audit.removed["running_heads"]] == [t for t, _ in chapters]


def _pypdf_chapters(contents: bool) -> str:
    # pypdf joins pages with nothing and writes a page's margin boxes after its text: each
    # chapter's page ends with its head (the chapter's numbered heading again) and its folio.
    lines = ["Free School Meals in the Valley Schools", "An Evaluation of the First Two Years",
             "Institute for Local Policy Studies"]
    if contents:
        lines += ["Contents"] + [f"{heading} . . . . . {n + 3}" for n, (heading, _) in enumerate(CHAPTERS)]
        lines += ["2"]
    for n, (heading, sentence) in enumerate(CHAPTERS):
        lines += [heading, sentence, "The schools reported on it in the summer term of that year.",
                  f"{n + 1}. A note on the figures for the year {2021 + n}.", heading, str(n + 3)]
    return "\n".join(lines) + "\n"


def test_pypdf_pages_are_found_from_numbered_chapter_heads_and_bare_folios(tmp_path):
    for contents in (False, True):
        state = normalise(tmp_path, _pypdf_chapters(contents))
        text = body(state)
        assert any(d.code == "pages-inferred" for d in state.diagnostics.items)
        assert state.meta["title"] == "Free School Meals in the Valley Schools"
        assert state.meta["author"] == "Institute for Local Policy Studies"
        for heading, sentence in CHAPTERS:
            assert text.count(heading) == 1, text
        assert [item["text"] for item in state.audit.removed["page_numbers"]] == (
            ["2", "3", "4", "5"] if contents else ["3", "4", "5"])


def test_a_head_and_its_folio_on_two_pages_only_are_furniture(tmp_path):
    # Odd/even heads only on the pages that do not open a chapter: the head, then its folio on a
    # line of its own, on two pages out of six. Neither is a heading or body text.
    opener = "{n}. {title}\nThe {title} were inspected in {year} by the county's team of engineers,\n" \
             "who wrote down what they found.\n"
    following = "Harbour Works Team\n\n{page}\n\nThe {title} were inspected again in {year}, and the\n" \
                "engineers found the same defects as before.\n"
    pages = ["Condition of the Harbour\nA Survey\nHarbour Works Team\n"]
    for n, (title, year) in enumerate([("quays", 2019), ("slipways", 2020)], start=1):
        pages.append(opener.format(n=n, title=title, year=year))
        pages.append(following.format(page=len(pages) + 1, title=title, year=year + 2))
    pages.append(opener.format(n=3, title="gates", year=2021))
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert "Harbour Works Team" not in text and "\n3\n" not in text and "\n5\n" not in text, text
    assert [item["text"] for item in state.audit.removed["page_numbers"]] == ["3", "5"]


def test_a_numbered_line_a_running_head_repeats_is_a_heading_after_any_block(tmp_path):
    # The block above the chapter's heading ends in debris (list markers pypdf printed apart),
    # not a sentence; the running head that repeated the heading, removed, still names it.
    pages = _chapter_pages(True).split("\f")
    pages[1] = pages[1].replace("summer term.\n", "summer term.\n• •\n", 1)
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert "# 2. Method\n\nWe used four sources" in text, text


# An odd/even design may set its footer (`Name   7`) only on pages that open no chapter: seen on
# two pages far apart, it never recurs often enough, but its number is each page's own.
def _footer_pages(numbers: list[int]) -> str:
    sentences = ["The harbour silts a little more every winter, and the channel grows shallow.",
                 "Dredging keeps it open, at a cost that the dues no longer cover in full.",
                 "The town depends on the fleet, and the fleet depends on the channel.",
                 "The commissioners asked what each of the options would cost over ten years.",
                 "Grants have paid for the last two campaigns, but they are harder to get now.",
                 "The options are set out below, with what each would mean for the fleet."]
    pages = ["Keeping the Harbour Open\nA Report to the Town\nHarbour Commissioners\n"]
    for page, sentence in enumerate(sentences, start=1):
        foot = f"Port Review{' ' * 40}{numbers[page - 1]}\n" if page in (2, 5) else ""
        pages.append(f"{sentence}\nIt was measured again in the spring of {2010 + page}.\n\n{foot}")
    return "\f".join(pages)


def test_a_footer_carrying_each_page_number_on_two_pages_is_furniture(tmp_path):
    state = normalise(tmp_path, _footer_pages(list(range(1, 7))))
    assert "Port Review" not in body(state)
    assert [item["text"].split() for item in state.audit.removed["running_heads"]] == \
        [["Port", "Review", "2"], ["Port", "Review", "5"]]


def test_a_line_ending_two_pages_with_numbers_that_do_not_follow_the_pages_stays(tmp_path):
    # 2 and 9 on the second and fifth pages: not the pages' own numbers, so no evidence of a footer.
    state = normalise(tmp_path, _footer_pages([1, 2, 3, 4, 9, 6]))
    assert body(state).count("Port Review") == 2


def test_the_wrapped_title_with_its_folio_at_one_pages_foot_is_its_head(tmp_path):
    # pypdfium2 writes the margin boxes after a page's text: the one even page that does not open
    # a chapter ends with `4 Condition of the Harbour Walls`, the title the title page wraps over
    # two lines, with its folio. Shaped as a note (`4 Text`), it is the head; no heading either.
    opener = "{n}. {title}\nThe {title} were inspected in {year} by the county's team of engineers,\n" \
             "who wrote down what they found.\n"
    pages = ["Condition of the\nHarbour Walls\nA Survey\nHarbour Works Team\n"]
    for n, (title, year) in enumerate([("quays", 2019), ("slipways", 2020), ("gates", 2021)], start=1):
        pages.append(opener.format(n=n, title=title, year=year))
        if n == 2:
            pages.append("The slipways were inspected again in 2022, and the engineers found the\n"
                         "same defects as before.\n4 Condition of the Harbour Walls\n")
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert "Condition of the Harbour Walls" not in text, text
    assert [item["text"] for item in state.audit.removed["running_heads"]] == ["4 Condition of the Harbour Walls"]


def test_numbers_alone_closing_pages_are_the_texts_not_a_footer(tmp_path):
    # A wrapped reference's last line is a range alone (`291–300.`, `2022–23.`): at the foot of
    # two pages running, the lines share a shape (`#–#.`) but not their numbers, which do not
    # advance with the pages as a folio's do. pdfminer boxes a reference's lines out of order, so
    # the line above may end a sentence (`…rural library ser-` / `…pages` / `vices.` / `291–300.`).
    # They are the text's, kept.
    ends = ["2022–23.", "291–300.", "45–61."]
    page = ("Harbour Review {folio}\n"
            "The council met again and approved the plan for the new quay.\n"
            "{n}. Harbour Board (2020). Annual accounts of the harbour, pages\n"
            "services.\n"
            "{end}\n")
    state = normalise(tmp_path, "\f".join(page.format(folio=n + 1, n=n, end=end)
                                           for n, end in enumerate(ends, start=1)))
    text = body(state)
    assert all(end in text for end in ends)
    assert "Harbour Review" not in text


def test_bare_folios_of_even_pages_count_with_the_folios_odd_pages_heads_carry(tmp_path):
    # An odd/even design: even pages print their folio alone at the top, odd pages a head with
    # the folio on its line. The bare folios alone are too few to make a sequence; with the
    # folios the heads carry they advance with the pages, and are removed, each one.
    sections = ["Background", "Method", "Results", "Costs", "Advice", "Summary"]
    pages = []
    for number, section in enumerate(sections):
        top = ("Harbour Review" if number == 0 else f"Harwick Harbour Board, Annual Report {number}"
               if number % 2 else f"{number}")
        pages.append(f"{top}\n\n{number + 1} {section}\n\n"
                     f"The council met in the spring to review the {section.lower()} of the harbour\n"
                     "project and its many costs, and asked for a full account of the work.\n")
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert not any(line.strip() in {"2", "4"} for line in text.split("\n")), text
    assert [entry["text"] for entry in state.audit.removed["page_numbers"]] == ["2", "4"]


def test_a_chapters_head_opening_its_second_page_repeats_its_heading_on_the_page_before(tmp_path):
    # groff's -ms heads a chapter's later pages with its title: a chapter of two pages shows the
    # head once, at the top of its second page, its twin the heading set mid-page on the page
    # before. Seen on two pages or more, these are heads, removed; the chapter opening the page
    # after the contents is no head of the contents' entry.
    titles = ["1. The Basin Today", "2. What We Measured", "3. Recommendations"]

    def text(what: str) -> str:
        return (f"The partnership measured the {what} at every gauge on the main stem\n"
                f"and its tributaries for five years, and the {what} results are set\n"
                "out here with the methods used to collect them and their limits.\n")

    pages = ["The River Basin\n\nContents\n\n"
             + "\n".join(f"{title} . . . . . {2 * n + 2}" for n, title in enumerate(titles)) + "\n\n1\n",
             f"{titles[0]}\n\n{text('flow')}\n2\n"]
    for n, (title, following) in enumerate(zip(titles, titles[1:] + [None])):
        rest = f"\n{following}\n\n{text('rain')}" if following else ""
        pages.append(f"{title}\n\n{text(['depth', 'width', 'speed'][n])}{rest}\n{n + 3}\n")
    state = normalise(tmp_path, "\f".join(pages))
    text_ = body(state)
    for title in titles:
        assert text_.count(title) == 1 and f"# {title}\n" in text_, text_
    assert [entry["text"] for entry in state.audit.removed["running_heads"]] == titles


# A design that heads each page with the chapter under way at its top (groff's ms with the
# chapter as its centre head): the page a chapter opens on shows no head of its own, and the
# pages after it repeat a heading that stands once on an earlier page; no head recurs often.
RUNNING = [("1. Background", "The council paid for a free lunch for every pupil from 2021."),
           ("2. Method", "We used four sources of evidence, the first being the meal records."),
           ("3. Take-up", "Take-up rose from 52 to 87 per cent within one term of the start."),
           ("4. Costs", "The scheme cost the council 4.2 million pounds in its first year.")]


def _chapters_under_way(heads: list[str | None], deeper: bool = False) -> str:
    """Title page, then one page per chapter opening below the last paragraph of the chapter
    before, headed by `heads[n]` (None: no head). `deeper`: the heading stands below the lines
    a page's edge may hold (a longer paragraph above it)."""
    pages = ["Free School Meals\nAn Evaluation of the First Two Years\nInstitute for Local Policy Studies\n"]
    for number, (heading, sentence) in enumerate(RUNNING, start=2):
        head = "" if heads[number - 2] is None else f"{heads[number - 2]}\n"
        season = ["spring", "summer", "autumn", "winter"][number - 2]
        pages.append(f"{head}The schools reported on it in the {season} term, and the\n"
                     f"governors read their reports at the autumn meeting.\n"
                     + ("They asked for the figures of each school, and the heads sent\n"
                        "them within the month, with a note on the kitchens.\n" if deeper else "")
                     + f"{heading}\n{sentence}\nThe schools reported on it in the summer term.\n{number}\n")
    return "\f".join(pages)


def test_the_head_of_a_chapter_under_way_is_removed_where_its_heading_stood_on_an_earlier_page(tmp_path):
    state = normalise(tmp_path, _chapters_under_way([None] + [h for h, _ in RUNNING[:-1]]))
    text = body(state)
    for heading, sentence in RUNNING:
        assert text.count(heading) == 1 and f"# {heading}\n\n{sentence}" in text, text
    heads = [item["text"] for item in state.audit.removed["running_heads"]]
    assert heads == [heading for heading, _ in RUNNING[:-1]]


def test_a_head_standing_inside_a_sentence_is_removed_on_one_page_alone(tmp_path):
    # A chapter of two pages shows its head once: where it stands between the halves of a
    # sentence cut at the page's end (the line below goes on in lower case), it is no heading.
    pages = _chapters_under_way([None, None, RUNNING[1][0], None]).split("\f")
    pages[2] = pages[2].replace("The schools reported on it in the summer term.\n3\n",
                                "The schools reported on it to the governors, who read\n3\n")
    pages[3] = pages[3].replace(f"{RUNNING[1][0]}\n", f"{RUNNING[1][0]}\ntheir reports at the autumn meeting.\n")
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert [item["text"] for item in state.audit.removed["running_heads"]] == [RUNNING[1][0]]
    assert text.count(RUNNING[1][0]) == 1 and "who read their reports" in text, text


def test_a_line_repeating_an_earlier_heading_at_one_page_top_only_is_kept_and_reported(tmp_path):
    # One page alone (its heading unnumbered), or heads naming the chapters out of their order: no
    # design, no head.
    unnumbered = _chapters_under_way([None, None, RUNNING[1][0], None], deeper=True).replace(RUNNING[1][0], "Method")
    for export in (unnumbered, _chapters_under_way([None, None, RUNNING[1][0], RUNNING[0][0]])):
        state = normalise(tmp_path, export)
        assert not state.audit.removed.get("running_heads")
        assert any(d.code == "furniture-content" and "earlier page" in d.message
                   for d in state.diagnostics.items)


@pytest.mark.parametrize("heading, head, removed", [
    ("2. Method", "2. Method", True), ("2.1 Method", "2.1 Method", True),
    ("Chapter 2: Method", "Chapter 2: Method", True),
    ("II. Method", "II. Method", False),  # no section number in figures: no evidence
    ("2. Method", "3. Method", False),  # another number: no heading repeated
])
def test_a_numbered_heading_repeated_at_one_page_top_is_its_chapters_head(tmp_path, heading, head, removed):
    # A numbered heading names one section: its words standing again, number and all, at the top
    # of a later page are the running head of the chapter under way, even on one page alone (a
    # short document, groff's chapter-heads design: heat-pumps' `3. Monitoring` came out twice,
    # the second one amid chapter 4's text).
    export = _chapters_under_way([None, None, "@HEAD@", None], deeper=True)
    export = export.replace("2. Method", heading).replace("@HEAD@", head)
    state = normalise(tmp_path, export)
    text = body(state)
    heads = [item["text"] for item in state.audit.removed.get("running_heads", [])]
    if removed:
        assert heads == [head] and text.count(heading) == 1, text
        # (and no warning says it was kept: the rule for heads beside their page's heading, which
        # sees one page alone too, leaves its report to the rule that removes it)
        assert not any(d.code == "furniture-content" and head in d.message for d in state.diagnostics.items)
    else:
        assert heads == [] and head in text.replace(heading, "", 1), text


@pytest.mark.parametrize("marker", ["•", "▪", "–"])
def test_a_list_marker_opening_every_page_is_no_running_head(tmp_path, marker):
    # A list going on from page to page, each page opening with an item's marker printed apart
    # (pdftotext on groff's lists): the marker recurs at the top of every page, as a head does, but
    # a list's marker alone is the text's; removed, its item was glued to the paragraph before.
    places = ["Foundry Lane", "Mill Race", "Station Road", "Church Fields"]
    seasons = ["spring", "summer", "autumn", "winter"]
    pages = [f"{marker}\n\nfor the residents of {place}, a distinct alert tone reserved for\n"
             f"floods and nothing else;\n\nThe council met in the {season} to review the sirens of the\n"
             "valley and the cost of each one since the last survey was made. It asked for these:\n\n"
             f"{marker}\n\nindoor warning receivers, offered free to the households of\n{place};\n\n{n}\n"
             for n, (place, season) in enumerate(zip(places, seasons), start=1)]
    state = normalise(tmp_path, "\f".join(pages))
    text = body(state)
    assert not state.audit.removed.get("running_heads"), state.audit.removed
    assert text.count(marker) + text.count("- ") >= 6, text  # (the writer's own `-` for a bullet)
    if marker == "•":
        assert "else; The council" not in text, text


# A two-column page read by height (pdftotext, pdfminer): the folio, centred below both columns,
# comes out where its height falls among the columns' blocks, after the left column's last block
# and amid the right column's (here before the right column's last paragraph or list item).
_LEFT = ("The harbour board met in the {season} to review the dredging of the\n"
         "channel and the cost of each campaign since the last survey was made.\n")
_RIGHT = ("The engineers set out the works in the order they proposed to carry\n"
          "them out, with the cost of each and the months each would take.\n")
_LAST = ("•\n\nwould the board agree to a second campaign of dredging in the\n"
         "autumn, before the storms of the winter close the channel again?\n")


_NUMBERED_LAST = ("{n}.\n\nWould the board agree to a second campaign of dredging in the\n"
                  "autumn, before the storms of the winter close the channel again?\n")


def _two_column_pages(folios: list[str], amid: set[int], last: str = _LAST) -> str:
    seasons = ["spring", "summer", "autumn", "winter", "new year"]
    pages = []
    for index, folio in enumerate(folios):
        text = _LEFT.format(season=seasons[index % 5]) + "\n" + _RIGHT + "\n"
        end = last.format(n=index + 3, page=index + 1)
        pages.append(text + (f"{folio}\n\n{end}" if index in amid else f"{end}\n{folio}\n"))
    return "\f".join(pages)


def test_a_folio_a_two_column_page_writes_amid_its_blocks_is_removed(tmp_path):
    # Page 1 ends with its folio; pages 2 to 4 have it amid their blocks. Its number advances
    # with the pages as the first page's does: each is the page's folio, removed, and no list
    # item or paragraph opens with it.
    state = normalise(tmp_path, _two_column_pages(["1", "2", "3", "4"], amid={1, 2, 3}))
    text = body(state)
    assert [entry["text"] for entry in state.audit.removed["page_numbers"]] == ["1", "2", "3", "4"]
    assert not any(line.strip() in {"2", "3", "4"} or "- 2" in line or "- 3" in line or "- 4" in line
                   for line in text.split("\n")), text
    assert text.count("would the board agree") == 4


def test_every_folio_amid_its_page_still_counts_with_the_pages(tmp_path):
    # No page shows its folio at an edge: the numbers alone amid the pages advance with them all
    # the same.
    state = normalise(tmp_path, _two_column_pages(["1", "2", "3", "4"], amid={0, 1, 2, 3}))
    assert [entry["text"] for entry in state.audit.removed["page_numbers"]] == ["1", "2", "3", "4"]


def test_numbers_alone_amid_pages_that_do_not_follow_the_pages_stay(tmp_path):
    # A count or a figure alone amid each page whose numbers do not advance with the pages (`12`,
    # `7`, `30`, `2`) is the text's: kept, every one.
    state = normalise(tmp_path, _two_column_pages(["12", "7", "30", "2"], amid={0, 1, 2, 3}))
    text = body(state)
    assert "page_numbers" not in state.audit.removed or not state.audit.removed["page_numbers"]
    assert all(f"\n{number}\n" in f"\n{text}\n" or f"{number} " in text for number in ("12", "7", "30"))


def test_a_table_column_amid_a_page_is_no_folio(tmp_path):
    # A table printed a column a block (pdftotext): a figure alone beside other figures (`3`,
    # then `15`) is a cell, even where its number is the page's; the page's own folio, a number
    # alone amid prose, is removed.
    table = "Boats\n\n15\n\n3\n\n40\n\n"
    pages = []
    for index in range(4):
        page = _LEFT.format(season="spring") + "\n" + (table if index == 2 else "") + _RIGHT + "\n"
        pages.append(page + f"{index + 1}\n\n" + _LAST if index else page + _LAST + f"\n{index + 1}\n")
    state = normalise(tmp_path, "\f".join(pages))
    assert sorted(entry["text"] for entry in state.audit.removed["page_numbers"]) == ["1", "2", "3", "4"]
    assert "15 3 40" in body(state).replace("\n", " ")


def test_a_list_marker_printed_apart_amid_a_page_is_no_folio(tmp_path):
    # `2.` printed apart from its item amid page 2 keeps its point: a list's marker, never the
    # page's folio, though its number is the page's; the folios at the pages' feet are removed.
    state = normalise(tmp_path, _two_column_pages(["1", "2", "3", "4"], amid=set(),
                                                  last=_NUMBERED_LAST.replace("{n}", "{page}")))
    text = body(state)
    assert text.count("Would the board agree") == 4
    assert all(f"{page}." in text for page in range(1, 5)), text
    assert [entry["text"] for entry in state.audit.removed["page_numbers"]] == ["1", "2", "3", "4"]


def test_a_forms_answers_are_no_headings(tmp_path):
    # A form exported by pdftotext: each check box's answer on a line of its own, between the
    # questions, where a short line of a heading's shape would otherwise read as a heading.
    state = normalise(tmp_path, "Case Review\n"
                      "The agency completed its assessment of the family and closed the case.\n"
                      "Yes\n"
                      "Criminal investigation pending or completed? The police were told.\n"
                      "Not Applicable\n"
                      "Statement of Services: were services being provided to the child at the time?\n"
                      "Findings\n"
                      "The review found that the agency followed its procedures in this case.\n")
    text = body(state)
    assert "# Yes" not in text and "# Not Applicable" not in text
    assert "Yes" in text and "Not Applicable" in text
    assert "# Findings" in text  # a heading of the same shape, not an answer


FIRST_WORDS_CHAPTERS = [
    ("ENERGY", "Energy is the trust's second largest cost after its staff, and the year began with gas"),
    ("THE RIVERSIDE POOL", "The Riverside pool was built in 1936 and rebuilt after the war, when the old"),
    ("Reserves", "Reserves at the end of the year stood at a little over four months of spending on"),
    ("STAFF AND VOLUNTEERS", "Staff and volunteers ran the centres for 61,000 hours in the year, a tenth more"),
]


def test_a_chapters_first_sentence_opening_with_its_headings_words_keeps_the_heading(tmp_path):
    # Each chapter opens a page, its heading (often in capitals) above a first sentence that
    # begins with the same words: the lines below repeat the heading's words only as the start
    # of running text, so the heading is no running head that its heading echoes. Every page
    # ends with its folio, and a page of prose runs between the chapters.
    pages = ["Leisure Trust Accounts\nAnnual Report 2024\n"]
    for heading, opening in FIRST_WORDS_CHAPTERS:
        pages.append(f"{heading}\n{opening}\nbought at fixed prices that were set before the winter began, which the\n"
                     "board agreed to review in the spring.\nThe centres opened every day of the year.\n")
        pages.append("The centres opened every day of the year, and the board met once a month\n"
                     "to hear how the work went and what it had cost so far.\n")
    state = normalise(tmp_path, "\f".join(f"{page}{n}\n" if n else page for n, page in enumerate(pages)))
    text = body(state)
    for heading, opening in FIRST_WORDS_CHAPTERS:
        assert f"# {heading}\n\n{opening.split(',')[0]}" in text.replace('’', "'"), text
    assert not state.audit.removed.get("running_heads"), state.audit.removed["running_heads"]


_SURVEY_TEXT = ("Users of small-town libraries are older than the towns they serve, but not as much older\n"
                "as is often assumed by the service, and many of them come with children.\n\n"
                "Borrowing books remains the most common reason for a visit, given by most of the users\n"
                "who answered, and the share of them who borrow has hardly changed since the last survey.\n")


def _survey_pages(heads: list[str], opening: dict[int, str], count: int = 8) -> str:
    """A pdfminer export (form feeds): each page headed by `heads[page % len(heads)]` and its
    folio at the foot; a page opening a chapter (`opening`) has its heading written above the
    head, as pdfminer boxes a heading set high on the page before the margin box."""
    pages = []
    for page in range(1, count + 1):
        head = heads[page % len(heads)]
        top = [opening[page], head] if page in opening else [head]
        pages.append("\n\n".join(top + [_SURVEY_TEXT, str(page)]))
    return "\n\f".join(pages) + "\n"


def test_a_chapters_heading_pdfminer_wrote_above_the_running_head_leaves_it_furniture(tmp_path):
    # pdfminer writes a chapter's heading set high on its page before the page's running head
    # (`III. Who Uses the Library` over `Ruth Adeyemi, Tomas Varga`): the head below a heading
    # is furniture as on every other page, and the heading stays a heading (before, the head
    # stayed as a heading of its own between the chapter and its sections; corpus
    # library-survey page-notes typst pdfminer).
    opening = {2: "I. Introduction", 4: "II. Who Uses the Library", 6: "III. What It Is For"}
    state = normalise(tmp_path, _survey_pages(["Ruth Adeyemi, Tomas Varga"], opening))
    text = body(state)
    assert "Ruth Adeyemi" not in text, text
    for heading in opening.values():
        assert f"# {heading}\n" in text, text


def test_a_line_below_a_heading_recurring_on_few_pages_is_no_head_stepped_over(tmp_path):
    # The negative: the line below a heading at a page's top recurs, but no running head opens
    # the pages' tops (a chapter's recurring first sub-heading, `What We Asked`): it is text, kept.
    pages = []
    for page in range(1, 9):
        top = ["I. Introduction" if page == 2 else "II. Who Uses the Library", "What We Asked"] \
            if page in (2, 4) else []
        pages.append("\n\n".join(top + [_SURVEY_TEXT, str(page)]))
    state = normalise(tmp_path, "\n\f".join(pages) + "\n")
    assert body(state).count("What We Asked") == 2, body(state)


# A one-word line at a page's foot that another page's foot seems to repeat: a paragraph's last
# word (`… all reported as` / `complete.`) and a table's last cell (`Complete`) at the same edge of
# two pages are no running footer (corpus purchase-card-audit endnotes pressroom pdftotext).
_FOOT_PROSE = ("The council met in the spring to review the harbour project and\n"
               "its many costs. Members asked for a full account of the work done\n"
               "so far, and for a plan of what remains to be done next year.\n")


def _feet(first_foot: str, second_foot: str, folios: bool = True) -> str:
    folio = (lambda n: f"\n{n}\n") if folios else (lambda n: "\n")
    return pages(
        _FOOT_PROSE + "\nAction Owner Status\n\nRepair the quay wall\n\nHarbour master\n\n"
        + first_foot + "\n" + folio(2),
        _FOOT_PROSE + folio(3),
        _FOOT_PROSE + "\nAn earlier audit raised four actions, which were all reported as\n"
        + second_foot + "\n" + folio(4),
        _FOOT_PROSE + folio(5))


@pytest.mark.parametrize("first_foot, second_foot", [
    ("Complete", "complete."), ("Open", "open."), ("Complete", "Complete."), ("Pending", "pending!")])
def test_a_paragraphs_last_word_is_no_footer_for_a_cell_alike_on_another_page(tmp_path, first_foot,
                                                                               second_foot):
    state = normalise(tmp_path, _feet(first_foot, second_foot))
    text = body(state)
    assert f"reported as {second_foot}" in text, text
    assert f"Harbour master {first_foot} " in text, text  # the table's last cell, in its row
    removed = [item["text"] for item in state.audit.removed.get("running_heads", [])]
    assert first_foot not in removed and second_foot not in removed


def test_a_footer_printed_alike_on_its_pages_is_still_removed(tmp_path):
    # The same words printed alike at each page's foot stay furniture.
    foot = "Harbour Review"
    text = pages(*(_FOOT_PROSE + f"\n{foot}\n{n}\n" for n in range(2, 6)))
    state = normalise(tmp_path, text)
    assert foot not in body(state)
    assert [item["text"] for item in state.audit.removed["running_heads"]] == [foot] * 4
