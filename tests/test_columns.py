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
