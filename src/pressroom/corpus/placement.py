"""Where a design prints the notes, where a stylesheet or a template cannot say it alone.

    foot  at the foot of the citing page, numbered through the document: the engines' own
          footnotes, typeset.py as it is.
    end   gathered at the end: each call becomes a superscript number (numbered through the
          document) and a level-1 heading `Notes` with a numbered list of the notes closes the
          document. Both engines typeset that Markdown (written beside the PDF as NAME.md).
    page  at the foot of the citing page, numbered afresh on each page. typst resets its footnote
          counter in the page header (the design's template does it). WeasyPrint 70 computes its
          footnote counter before layout, so `@page { counter-reset: footnote }` has no effect
          (Kozea/WeasyPrint issue 2553): the pressroom engine lays the document out, reads on
          which page each note was printed (the PDF's named destination `fnN`), and lays it out
          again with each note's call and marker given its number on that page by a generated
          stylesheet (NAME.numbers.css beside the PDF), until the numbers no longer change.

The truth stays the source Markdown and its notes: only the printed look changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import RenderError
from . import groff
from .documents import Design
from .typeset import BUILD_DATE, typeset

# A note's number depends on its page and a number's width can move a line, and so a note, to
# another page: the layouts are repeated until the numbers are stable, at most this many times
# (the corpus settles in two or three).
MAX_NUMBERING_PASSES = 5
# The heading of the gathered notes (as in the reports the team receives).
NOTES_HEADING = "Notes"


def typeset_placed(engine: str, truth_md: Path, design: Design, contents: bool,
                   out_pdf: Path) -> None:
    """typeset.typeset (groff.typeset for groff), with the design's placement of the notes."""
    if design.notes == "end":
        source = out_pdf.with_suffix(".md")
        source.write_text(endnotes_markdown(truth_md.read_text(encoding="utf-8")),
                          encoding="utf-8")
        _typeset(engine, source, design, contents, out_pdf)
    elif design.notes == "page" and engine == "pressroom":
        _pressroom_numbered_by_page(truth_md, design, contents, out_pdf)
    else:
        _typeset(engine, truth_md, design, contents, out_pdf)


def _typeset(engine: str, source: Path, design: Design, contents: bool, out_pdf: Path) -> None:
    if engine == groff.ENGINE:
        groff.typeset(source, design, contents, out_pdf)
    else:
        typeset(engine, source, design, contents, out_pdf)


# --- end: the notes gathered at the end ---------------------------------------------------------

def endnotes_markdown(markdown_text: str) -> str:
    """The document with every note replaced by a superscript number at its call and gathered,
    in call order, in a numbered list under a level-1 heading NOTES_HEADING at the end."""
    from .. import markdown

    ast = markdown.to_ast(markdown_text)
    notes: list[list] = []
    ast["blocks"] = _lift_notes(ast["blocks"], notes)
    if notes:
        items, done = [], 0
        while done < len(notes):  # a note inside a note is numbered after the ones before it
            blocks = notes[done]
            done += 1
            items.append(_lift_notes(blocks, notes))
        ast["blocks"] += [
            {"t": "Header", "c": [1, ["", [], []], [{"t": "Str", "c": NOTES_HEADING}]]},
            {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]}]
    return markdown.from_ast(ast)


def _lift_notes(node, notes: list[list]):
    """`node` with each Note replaced by its number as a superscript; the notes' blocks are
    appended to `notes` (their own notes are lifted when they are listed)."""
    if isinstance(node, list):
        return [_lift_notes(child, notes) for child in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Note":
        notes.append(node["c"])
        return {"t": "Superscript", "c": [{"t": "Str", "c": str(len(notes))}]}
    return {key: _lift_notes(value, notes) for key, value in node.items()}


# --- page: the notes numbered afresh on each page (the pressroom engine) ------------------------

def _pressroom_numbered_by_page(truth_md: Path, design: Design, contents: bool,
                                out_pdf: Path) -> None:
    numbers_css = out_pdf.with_suffix(".numbers.css").resolve()  # an overlay path is absolute
    numbers: dict[int, int] = {}
    for _ in range(MAX_NUMBERING_PASSES):
        numbers_css.write_text(numbers_stylesheet(numbers), encoding="utf-8")
        _pressroom(truth_md, design, contents, out_pdf, numbers_css)
        found = numbers_on_pages(note_pages(out_pdf))
        if found == numbers:
            return
        numbers = found
    raise RenderError(f"the notes' numbers by page did not settle in {MAX_NUMBERING_PASSES} "
                      f"layouts: {json.dumps(numbers)}", out_pdf)


def _pressroom(truth_md: Path, design: Design, contents: bool, out_pdf: Path,
               numbers_css: Path) -> None:
    """typeset.py's pressroom engine with one more overlay, the notes' numbers."""
    from ..document import load
    from ..render import get_renderer
    from ..render.editions import Edition

    folder = design.css.parent
    overlays = [folder / "corpus.css", design.css] + \
        ([] if contents else [folder / "no-contents.css"]) + [numbers_css]
    edition = Edition(f"corpus-{design.name}", "pdf", "{name}.pdf", design.paper,
                      tuple(str(p) for p in overlays))
    get_renderer("pdf").render(load(truth_md), edition, out_pdf, BUILD_DATE)


def note_pages(pdf: Path) -> dict[int, int]:
    """Note number (through the document) → the 0-based page its body is printed on, from the
    named destinations `fnN` Pressroom's renderer gives each note."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    pages = {}
    for name, destination in reader.named_destinations.items():
        if name.startswith("fn") and name[2:].isdigit():
            pages[int(name[2:])] = reader.get_destination_page_number(destination)
    return pages


def numbers_on_pages(pages: dict[int, int]) -> dict[int, int]:
    """Note number through the document → its number on its page (1 for a page's first note)."""
    numbers, count = {}, {}
    for note in sorted(pages):
        count[pages[note]] = count.get(pages[note], 0) + 1
        numbers[note] = count[pages[note]]
    return numbers


def numbers_stylesheet(numbers: dict[int, int]) -> str:
    """Each note's call and marker printing its number on its page (the design's stylesheet
    prints 1 for a note not yet placed, and hides the renderer's own numbers)."""
    rules = [f'#fn{note}::footnote-call {{ content: "\\2060 {number}"; }}\n'
             f'#fn{note}::footnote-marker {{ content: "{number}. "; }}\n'
             for note, number in sorted(numbers.items())]
    return "/* Generated (corpus/placement.py): each note's number on its page. */\n" + "".join(rules)
