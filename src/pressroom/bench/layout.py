"""Figures of the print layout, measured on WeasyPrint's boxes after the whole PDF pipeline
(hyphen runs and note placement included):

    measure      characters per full line of body text (median; a paragraph's last line and
                 lines of headings, notes, contents and colophon are left out)
    body pages   lines of body text on each page of the text (headings included, notes not),
                 in page order; the emptiest is the smallest of them
    fill         the part of a page's text block its body and notes take (from its top to the
                 foot of its last body line, plus the note area); the emptiest running page is
                 the least filled body page whose chapter goes on on the next page (a chapter's
                 last page may be short)
    hyphens      the longest run of consecutive body lines ending in a hyphen
    late notes   notes printed on another page than their call

Run as `python -m pressroom.bench.layout build/NAME/NAME.md [--edition pdf-a4 ...]`; it prints
one JSON object per edition.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import tempfile
from pathlib import Path

BODY_SECTIONS = ("opening", "chapter")   # section classes of the text (render/pdf.py's template)
TEXT_TAGS = frozenset({"p", "li", "dd", "blockquote", "td", "th", "figcaption",
                       "h2", "h3", "h4", "h5", "h6"})


def _walk(box, section: str | None, out: list) -> None:
    """(section class, element, line text) for every line box under `box`, in reading order."""
    from weasyprint.formatting_structure import boxes

    element = getattr(box, "element", None)
    if element is not None and element.tag == "section" and element.get("class"):
        section = element.get("class").split()[0]
    if isinstance(box, boxes.LineBox):
        text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))
        out.append((section, box.element, text))
        return
    for child in getattr(box, "children", ()):
        _walk(child, section, out)


def page_lines(laid_out) -> list[list[tuple[str | None, object, str]]]:
    pages = []
    for page in laid_out.pages:
        lines: list = []
        _walk(page._page_box, None, lines)
        pages.append([(s, e, t) for s, e, t in lines
                      if e is not None and "footnote" not in (e.get("class") or "")
                      and e.tag in TEXT_TAGS and t.strip()])
    return pages


def page_fill(laid_out) -> list[float]:
    """For each page, the part of its text block's height that its body lines and its notes take
    (0 for a page without body lines)."""
    from weasyprint.formatting_structure import boxes

    fills = []
    for page in laid_out.pages:
        box = page._page_box
        top, bottom = box.content_box_y(), None
        for line in box.children[0].descendants():
            if isinstance(line, boxes.LineBox) and line.element is not None and \
                    "footnote" not in (line.element.get("class") or ""):
                bottom = max(bottom or top, line.position_y + line.height)
        notes = sum(area.margin_height() for area in box.children
                    if isinstance(area, boxes.FootnoteAreaBox))
        fills.append(0.0 if bottom is None else (bottom - top + notes) / box.height)
    return fills


def running_pages(pages: list) -> list[int]:
    """Body pages (0-based) whose chapter goes on on the next page: not a chapter's last page."""
    return [number for number, lines in enumerate(pages[:-1])
            if lines and lines[0][0] in BODY_SECTIONS and pages[number + 1]
            and pages[number + 1][0][0] in BODY_SECTIONS and pages[number + 1][0][1].tag != "h2"]


def figures(laid_out) -> dict:
    from ..render.pdf import note_pages

    pages = page_lines(laid_out)
    body = [[line for line in lines if line[0] in BODY_SECTIONS] for lines in pages]
    flat = [line for lines in body for line in lines]
    full = [len(text.strip()) for (_, element, text), following in zip(flat, flat[1:])
            if following[1] is element and element.tag not in ("h2", "h3", "h4", "h5", "h6")]
    run = longest = 0
    for _, element, text in flat:
        if element.tag.startswith("h"):
            continue
        run = run + 1 if text.rstrip().endswith("-") else 0
        longest = max(longest, run)
    counts = {number + 1: len(lines) for number, lines in enumerate(body) if lines}
    emptiest = min(counts, key=lambda page: (counts[page], page)) if counts else None
    late = [note for note, (call, where) in note_pages(laid_out).items() if call != where]
    fills = page_fill(laid_out)
    running = running_pages(pages)
    thinnest = min(running, key=lambda page: (fills[page], page)) if running else None
    return {"pages": len(pages), "measure_chars": statistics.median(full) if full else 0,
            "body_lines_per_page": counts, "emptiest_body_page": emptiest,
            "emptiest_body_lines": counts.get(emptiest), "hyphen_run_max": longest,
            "late_notes": sorted(late),
            "emptiest_running_page": None if thinnest is None else thinnest + 1,
            "emptiest_running_fill": None if thinnest is None else round(fills[thinnest], 3)}


def measure(markdown: Path, edition_name: str) -> dict:
    from ..document import load
    from ..render import pdf
    from ..render.editions import select

    edition = select([edition_name])[0]
    document = load(markdown)
    build_date = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    with tempfile.TemporaryDirectory() as scratch:
        wp = pdf.weasyprint()
        fetcher, fonts, options = pdf.weasyprint_setup(document.meta, edition, Path(scratch))
        html = wp.HTML(string=pdf.print_html(document, build_date), url_fetcher=fetcher,
                       base_url=Path(scratch).resolve().as_uri() + "/")
        laid_out = pdf.keep_notes_on_their_page(html, fonts, options)
    return {"document": markdown.stem, "edition": edition_name, **figures(laid_out)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pressroom.bench.layout", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("markdown", type=Path, nargs="+")
    parser.add_argument("--edition", action="append", help="PDF edition (default pdf-a4)")
    args = parser.parse_args(argv)
    for markdown in args.markdown:
        for edition in args.edition or ["pdf-a4"]:
            print(json.dumps(measure(markdown, edition)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
