"""The `columns` pass on two-column pages as `pdftotext -layout` prints them: the gutter is found
from the right column's own left margin, the page's notes and folio set across it stay below
both columns, and a table's aligned cells are no columns."""

from __future__ import annotations

from pressroom.normalise.columns import columns
from pressroom.normalise.model import State

LEFT = ["Before the railways, slate from the quarries at", "Cwm Dulas travelled to the sea on the backs of",
        "horses and in carts that broke their axles on", "the mountain roads. A ton of roofing slate that",
        "sold for thirty shillings had cost nearly twelve", "shillings to carry there, and the owners knew it."]
RIGHT = ["The answer, as in other upland districts, was", "a narrow gauge. A line built to a gauge of two",
         "feet could follow the contours of the valley", "side, turn on curves of a few chains' radius and",
         "use light rails that cost a fraction of the price", "of standard-gauge track, as the promoters said."]
NOTES = ["1. Carriers' accounts for the Cwm Dulas quarry survive for the years 1851 to 1866, in the county office.",
         "2. The Festiniog Railway was the usual model cited in the prospectuses of the time."]


def _row(left: str, right: str, edge: int = 62) -> str:
    return (f"{left:<{edge}}{right}" if right else left).rstrip()


def _chapter_page() -> str:
    """A chapter's first page: its heading drops the left column below the right one's top, the
    two columns' lines fall between each other (rows with one side only), and the notes run
    across the page below both, then the folio."""
    rows = [" " * 50 + "Chapter 1: Slate and Distance", "", "", "",
            _row("", RIGHT[0]), _row("", RIGHT[1]), _row("Chapter 1: Slate and Distance", RIGHT[2]), ""]
    for n, line in enumerate(LEFT):
        rows.append(_row(line, RIGHT[3 + n] if n < 3 and n % 2 == 0 else ""))
        if n < 3 and n % 2 == 1:
            rows.append(_row("", RIGHT[3 + n]))
    rows += ["", "", "", ""] + NOTES + ["", "", " " * 60 + "3"]
    return "\n".join(rows) + "\n"


def _run(text: str) -> list[str]:
    state = State(path="export.txt", text=text)
    return [line for line in columns(state).text.split("\n") if line.strip()]


def test_a_chapter_page_reads_the_left_column_then_the_right_then_its_notes():
    lines = _run(_chapter_page())
    text = [line.strip() for line in lines]
    assert text[0] == "Chapter 1: Slate and Distance"  # the running head, above both columns
    assert text[1:8] == ["Chapter 1: Slate and Distance"] + LEFT
    assert [t for t in text[8:] if t in RIGHT] == RIGHT
    assert text[-3:] == NOTES + ["3"]  # across the page: below both columns, in place


def test_a_table_with_aligned_cells_is_not_two_columns():
    rows = ["Public supply is taken mostly at the Low Mill intake and from two boreholes in the chalk.", ""]
    rows += [f"   {use:<40}{a:>8}{b:>30}" for use, a, b in [("Use", "Licensed", "Actual"),
                                                              ("Public water supply", "31.5", "22.4"),
                                                              ("Spray irrigation", "9.8", "4.1"),
                                                              ("Industry and quarrying", "5.2", "2.6"),
                                                              ("Fish farms and other", "1.7", "0.5")]]
    rows += ["", "Irrigation is concentrated in a dozen farms growing potatoes on the lighter soils."]
    text = "\f".join(["\n".join(rows)] * 2) + "\n"
    assert _run(text) == [line for line in text.split("\n") if line.strip()]


def test_a_paragraph_end_inside_a_column_is_found_by_its_short_last_line(tmp_path):
    # Where one column's paragraph ends, the other column's line fills the row: no blank row
    # parts the two paragraphs, only the short last line shows where the first one ends.
    from pressroom.normalise.source import normalise_file

    left = ["The survey was available on paper at {town},", "and online for six weeks from the spring of that",
            "year, by many visitors.", "Because visitors who come often are more likely",
            "to be asked, the raw results overstate the habits", "of the most frequent users of every branch."]
    right = ["Most visitors come often. Weighted by {count}, the", "median visitor comes once a week; unweighted, the",
             "median respondent twice a week.", "Visits are spread unevenly across the week, and",
             "the door counters show that Saturday mornings are", "the busiest times at every branch in the county."]
    page = "\n".join(_row(a, b) for a, b in zip(left, right)) + "\n\n\n\n" + " " * 60 + "{n}\n"
    source = tmp_path / "export.txt"
    # Single-column pages before them, paragraphs parted by blank lines: the export's own style.
    plain = "\n\n".join(f"The branch at {town} opened in {1900 + n} and was rebuilt after the war,\n"
                          f"when the county bought the old school beside the market and moved\n"
                          f"the reading room into its hall, where it has stayed ever since.\n"
                          for n, town in enumerate(["Kelsby", "Thornton", "Ashford", "Greyside", "Low Mill"]))
    pages = [plain + "\n\n\n" + " " * 60 + "1\n", plain + "\n\n\n" + " " * 60 + "2\n"]
    source.write_text("\f".join(pages + [page.format(n=n, town=town, count=count) for n, town, count in
                                               [(3, "Kelsby", "visits"), (4, "the mill", "days"), (5, "Ashford", "hours")]]), encoding="utf-8")
    text = normalise_file(source).text
    for opening in ("The survey was", "Because visitors", "Most visitors", "Visits are spread"):
        assert f"\n\n{opening}" in text, text


def _list_page() -> str:
    """A last page: a reference list in two columns, its items' further lines indented under
    their text (more of them than items in the right column), under a running head set across
    the gutter; the folio below, also in the gutter."""
    left = ["Sources", " 1. Water Board (2015). Abstraction Licences in", "    the Upper Valley, volume 1, part 2.",
            " 2. Water Board (2018). Abstraction Licences in", "    the Upper Valley, volume 2, annex C."]
    right = ["3. Okafor, N. (2023). Attributing summer low-flow", "   decline in a mixed upland catchment. Journal",
             "   of Hydrology and Land Use, 44(3), pages", "   291–300.", "4. River Trust (2021). Flow Indicators: Method",
             "   Statement and Worked Examples for Rivers."]
    rows = [" " * 48 + "Sources", "", "", ""]
    rows += [_row("", right[0], 56), _row("", right[1], 56)]
    rows += [_row(a, b, 56) for a, b in zip(left, right[2:] + [""])]
    rows += ["", "", "", " " * 52 + "9"]
    return "\n".join(rows) + "\n"


def test_a_list_whose_numbers_hang_left_of_its_lines_is_read_column_by_column():
    text = [line.strip() for line in _run(_list_page() + "\f")]
    assert text[:2] == ["Sources", "Sources"]
    assert text[2:6] == ["1. Water Board (2015). Abstraction Licences in", "the Upper Valley, volume 1, part 2.",
                         "2. Water Board (2018). Abstraction Licences in", "the Upper Valley, volume 2, annex C."]
    assert text[6:10] == ["3. Okafor, N. (2023). Attributing summer low-flow", "decline in a mixed upland catchment. Journal",
                          "of Hydrology and Land Use, 44(3), pages", "291–300."]  # the range's two ends stay together
    assert text[-1] == "9"


def test_a_table_reaching_towards_the_gutter_stays_in_its_column():
    # The left column holds a table whose last cells start at one character column right of
    # the text's lines, a few rows: they are the table's, not the right column's margin.
    table = [f" {use:<24}{homes:>5}{median:>26}" for use, homes, median in
             [("Flow temperature", "Homes", "Median"), ("40 °C or lower", "7", "3.5"), ("41–45 °C", "9", "3.1"),
              ("46–50 °C", "6", "2.7")]]
    left = LEFT[:3] + [""] + table + [""] + LEFT[3:]
    right = RIGHT + ["", "Residents noticed the change less than we had", "expected, and none asked for a larger cylinder",
                     "in the whole of the first year of the trial."]
    rows = [" " * 50 + "Chapter 4: Results", "", "", ""]
    rows += [_row(a, b, 64) for a, b in zip(left, right + [""] * (len(left) - len(right)))]
    rows += ["", "", "", " " * 56 + "6"]
    text = [line.strip() for line in _run("\n".join(rows) + "\n\f")]
    assert text[1:4] == LEFT[:3]
    assert text[4:8] == [line.strip() for line in table]  # each row whole, its figures in it
    assert text[8:11] == LEFT[3:]
    assert text[11:17] == RIGHT


def test_a_folio_centred_in_the_gutter_ends_the_columns():
    # The left column runs to the foot of the page, one blank row above the folio, which is
    # centred on the page and so stands in the gutter: it is read after both columns.
    rows = [" " * 52 + "Chapter 2: Three Companies", "", "", ""]
    rows += [_row(a, b, 60) for a, b in zip(LEFT + LEFT[:3], RIGHT + [""] * 3)]
    rows += ["", " " * 55 + "5"]
    text = [line.strip() for line in _run("\n".join(rows) + "\n\f")]
    assert text[1:] == LEFT + LEFT[:3] + RIGHT + ["5"]


def test_a_wide_table_of_several_columns_a_side_is_not_two_columns():
    # Seven columns of two-word cells: the widest gap parts several of the table's columns on
    # each side, and each side's lines are cells parted by gaps again, not lines of text.
    cells = [["Tempora co", "Neque labo", "Aliquam qu", "Quaerat ip", "Quisquam t", "Sit dolore", "Quaerat do"],
             ["Voluptatem", "Etincidunt", "Quiquia do", "Amet est l", "Magnam vel", "Labore ali", "Est quaera"],
             ["Dolor ipsu", "Sit modi a", "Quiquia nu", "Magnam vol", "Dolorem ip", "Sed non ei", "Numquam qu"],
             ["Velit adip", "Modi aliqu", "Etincidunt", "Aliquam ip", "Eius dolor", "Velit numq", "Magnam ame"],
             ["Sit dolore", "Voluptatem", "Dolore ips", "Magnam ut", "Est porro", "Eius quaer", "Neque quis"],
             ["Sit etinci", "Quiquia do", "Sit ut mag", "Consectetu", "Eius numqu", "Voluptatem", "Modi porro"]]
    text = "\n".join(" " * 10 + "".join(f"{cell:<15}" for cell in row).rstrip() for row in cells) + "\n\f"
    assert _run(text) == [line for line in text.split("\n") if line.strip()]


def test_a_page_in_three_columns_is_read_column_by_column():
    third = ["The estimate proved optimistic. By the time the", "line opened to goods traffic in August 1872",
             "the company had spent far more than it had", "raised, and its shareholders had received no",
             "dividend for many years after the opening day.", "The first dividend was paid in 1879."]
    rows = [" " * 60 + "Federal Register", "", "", ""]
    rows += [f"{a:<52}{b:<52}{c}".rstrip() for a, b, c in zip(LEFT, RIGHT, third)]
    rows += ["", "", "", " " * 78 + "4"]
    text = [line.strip() for line in _run("\n".join(rows) + "\n\f")]
    assert text == ["Federal Register"] + LEFT + RIGHT + third + ["4"]


def test_a_gap_in_one_column_beside_the_others_lines_ends_a_paragraph():
    # The two columns' lines share the rows; the right column's blank line between two of its
    # paragraphs falls beside a line of the left column: that row holds a left line only.
    right = RIGHT[:3] + [""] + RIGHT[3:]
    left = LEFT + ["and so the first line was built in the valley."]
    rows = [" " * 50 + "Chapter 1: Slate and Distance", "", "", ""]
    rows += [_row(a, b) for a, b in zip(left, right)]
    rows += ["", "", "", " " * 60 + "3"]
    lines = _run("\n".join(rows) + "\n\f")
    state = State(path="export.txt", text="\n".join(rows) + "\n\f")
    text = columns(state).text.split("\n")
    assert text[text.index(RIGHT[2]) + 1] == ""  # the paragraph ends after the third line
    assert [line.strip() for line in lines][1:] == left + RIGHT + ["3"]


def test_a_table_across_the_page_below_the_columns_leaves_their_margin_alone():
    # Below both columns, after a wide gap, a table set across the page has cells that start a
    # little left of the right column's margin and run on across it.
    rows = [" " * 50 + "Chapter 5: Costs", "", "", ""]
    rows += [_row(a, b) for a, b in zip(LEFT, RIGHT)]
    rows += ["", "", "", ""]
    table = [f" {item:<54}{cost:<32}{total}" for item, cost, total in
             [("Software installation and verification", "1 work-hour × 85 pounds", "85 pounds"),
              ("Manual revisions", "1 work-hour × 85 pounds", "85 pounds"),
              ("Sensor test and flight", "3 work-hours × 85 pounds", "255 pounds")]]
    rows += table + ["", "", " " * 60 + "7"]
    text = [line.strip() for line in _run("\n".join(rows) + "\n\f")]
    assert text == ["Chapter 5: Costs"] + LEFT + RIGHT + [line.strip() for line in table] + ["7"]


def test_a_table_in_the_right_column_keeps_its_cells_in_place():
    # The right column's lines keep their indentation from its margin: a table's header line
    # whose first cell is blank still starts over the later columns, as later passes read it.
    table = [" " * 22 + "Licensed     Actual", " Use                 (Mm³/yr)    (Mm³/yr)",
             " Public supply           31.5        22.4", " Irrigation               9.8         4.1"]
    right = RIGHT[:3] + [""] + table + [""] + RIGHT[3:]
    left = LEFT + LEFT[:3] + [""] + LEFT[3:]
    rows = [" " * 50 + "Chapter 2: Water Use", "", "", ""]
    rows += [_row(a, b) for a, b in zip(left, right)]
    rows += ["", "", "", " " * 60 + "5"]
    lines = _run("\n".join(rows) + "\n\f")
    start = lines.index(RIGHT[2]) + 1
    assert lines[start:start + 4] == table


def test_a_page_opening_on_a_row_of_the_right_column_only_keeps_its_form_feed():
    """A two-column page whose first row holds the right column only (the left one opens lower,
    below a chapter's heading): the page still opens at its form feed, so the page before it (a
    cover) stays a page of its own (corpus chapter-heads groff pdftotext -layout: the cover's
    lines ran into the first page and the title page was not found)."""
    cover = "\n".join([" " * 13 + "The Narrow-Gauge Railways", "", " " * 20 + "Margaret Ellery", ""])
    rows = [_row("", RIGHT[0]), _row("Chapter 1: Slate and Distance", RIGHT[1])]
    rows += [_row(left, right) for left, right in zip(LEFT, RIGHT[2:])]
    text = cover + "\n\f" + "\n".join(rows) + "\n"
    out = columns(State(path="export.txt", text=text)).text
    assert out.count("\f") == 1
    page = out.split("\f", 1)[1].split("\n")
    assert page[0].strip() == "Chapter 1: Slate and Distance"
    assert [line.strip() for line in page if line.strip() in RIGHT] == RIGHT[:len(LEFT) + 2]


def test_a_running_head_centred_over_the_gutter_stays_above_both_columns():
    """A page's head centred on the page opens inside the gutter and reaches into the right
    column's band, two blank rows above the columns (fewer than end them): it is the page's
    head, read first, not the right column's first line (corpus chapter-heads groff pdftotext
    -layout: `How Loans Work` was read after the left column, amid its text). A right column's
    heading opening at its margin above the left one's first line stays the column's."""
    for head, indent in (("How the Loans Were Arranged", 54), ("Lending", 62)):
        rows = [" " * indent + head, "", ""] + [_row(a, b) for a, b in zip(LEFT, RIGHT)]
        text = [line.strip() for line in _run("\n".join(rows) + "\n\f")]
        if indent < 62:
            assert text == [head] + LEFT + RIGHT
        else:
            assert text == LEFT + [head] + RIGHT


def test_a_blank_row_that_both_columns_run_across_parts_no_paragraph():
    """A row blank on both sides where the two columns' lines do not share a height (one
    column's notes, set smaller, beside the other's text: pdftotext -layout writes a blank row
    now and then): a column whose line stops mid-sentence (or mid-word) above it and goes on in
    lower case below it runs across; a column whose sentence ended there gets its paragraph end
    (corpus museum-loans chapter-heads groff pdftotext -layout: `5 See the report … con-` /
    blank / `sultants for 1989, pp. 4–7.` split the note in two and ended the page's foot)."""
    left = LEFT[:3] + ["", "Because visitors who come often are more likely"] + LEFT[4:]
    right = RIGHT[:3] + [""] + RIGHT[3:]
    for lower in (True, False):
        rows = [_row(a, b) for a, b in zip(left, right)]
        if not lower:  # the right column's sentence ends above the blank row: a paragraph end
            rows[2] = _row(left[2], "feet could follow the contours of the valley.")
        rows += ["", "", "", " " * 60 + "3"]
        state = State(path="export.txt", text="\n".join(rows) + "\n\f")
        text = columns(state).text.split("\n")
        at = next(i for i, line in enumerate(text) if line.startswith(right[2].split()[0] + " could")
                  or line.startswith("feet could"))
        assert (text[at + 1] == "") is not lower, text
        assert text[text.index(LEFT[2]) + 1] == ""  # `on` / `Because`: the left column's paragraph ends
