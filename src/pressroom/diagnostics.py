"""Diagnostics with stable codes: `path:line: severity: message [code]`.

CODES is the one table of every code, its severity and what it means; a diagnostic with a code
missing from it, or with another severity, is refused (a programming error), and the README's
troubleshooting table is checked against it by the tests (`python -m pressroom.diagnostics`
prints it).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable

SEVERITIES = ("info", "notice", "warning")  # info: shown with -v; notice: shown; warning: fails --strict


@dataclass(frozen=True)
class Code:
    name: str
    severity: str
    meaning: str


def _table(*codes: Code) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for code in codes:
        if code.name in table:
            raise ValueError(f"diagnostic code {code.name!r} is listed twice")
        table[code.name] = code
    return table


CODES: dict[str, Code] = _table(
    # reading the source and its metadata
    Code("encoding", "notice", "the source is not UTF-8; the encoding it was read as is named"),
    Code("pdf-unmapped-glyphs", "warning",
         "glyphs of a PDF page have no Unicode mapping and were dropped (their text is lost)"),
    Code("pdf-page-without-text", "notice", "a PDF page has no text layer (an image?); OCR is not supported"),
    Code("pages-inferred", "info", "an export without page separators had its page ends found from "
         "running heads and folios"),
    Code("columns", "info", "pages of a layout-preserving export set in two columns were read column "
         "by column"),
    Code("columns-reading-order", "info", "pages of a reading-order export whose blocks came from two "
         "columns interleaved were read left column then right, by sentence continuity, note calls "
         "and the contents list"),
    Code("columns-order-kept", "info", "a page's blocks break sentence, note or heading order, but no "
         "reading of two columns mends it: the extractor's order was kept"),
    Code("columns-merged", "info", "pages of a reading-order export whose two columns, each with its "
         "notes at its foot, were merged line by line were read left column then right, by note "
         "calls, sentence continuity and headings"),
    Code("columns-notes-moved", "info", "pages of a reading-order export read column by column, the "
         "left column's notes at its foot amid the page's text, had those notes moved below the right "
         "column's text, by note calls and sentence continuity"),
    Code("table-cells", "info", "blocks of a reading-order export that read as the cells of a table, row by "
         "row or column by column, were made its rows, each a line of its own"),
    Code("table-columns", "info", "boxes of a reading-order export that read as a table's columns, one "
         "a box, their counts agreeing, were made its rows, each a line of its own"),
    Code("table-columns-unread", "notice", "boxes of a reading-order export holding columns of numbers "
         "read as no table (their counts agree no way): kept as printed"),
    Code("code-block", "info", "a run of command lines (a `$ ` prompt, lines continued by a backslash, what "
         "the command printed) was made a code block, its lines kept as lines"),
    Code("code-padding", "info", "spaces beside inline code (before a comma or a closing bracket, after an "
         "opening one) that the document sets beside no word were removed as the code's padding"),
    Code("table-rows", "info", "lines of a layout-preserving export whose cells line up were read as "
         "the rows of a table, each kept a line of its own"),
    Code("metadata-unknown-key", "warning",
         "the metadata file has a key Pressroom does not know; it is ignored (the closest known key is named)"),
    Code("metadata-override", "info", "a metadata file value replaces what the text's title page said"),
    Code("title-assumed", "warning", "no title in the text or a metadata file: one was made from the file name"),
    Code("title-from-head", "notice", "no title page: the title is the running head most pages carry"),
    Code("title-page-from-shape", "notice", "no page end after the title page: its leading short lines "
         "were taken for title, subtitle and author by their shape"),
    Code("lang-assumed", "notice", "no language given: en assumed"),
    # page furniture
    Code("furniture-unrepeated", "info",
         "a line between the halves of a word cut at a page end was removed as a running head"),
    Code("furniture-content", "warning",
         "a line recurs as page furniture does but reads as body text, so it was kept"),
    Code("furniture-heading", "info",
         "a chapter's running head was removed from its pages, its first occurrence kept as the heading"),
    Code("folio-beside-heading", "info", "a number standing alone beside a heading, the page the "
         "contents list gives that heading or the page it stands on, was removed as the page's folio"),
    # structure
    Code("contents-differs", "info", "a heading differs from the printed contents list; the body's wording wins"),
    Code("contents-unmatched", "warning", "a printed contents entry has no heading in the body"),
    Code("contents-run-in", "info", "a printed contents entry was found run into a paragraph's start "
         "(or right after a sentence in it) and parted from the text as its heading"),
    Code("heading-from-shape", "info",
         "without a contents list, a short line on its own was taken for a heading by its shape"),
    Code("paragraph-numbering", "info", "lines of a hard-wrapped export opening with numbers in "
         "sequence (`1.1`, `1.2`, `2.1`…, or `(1)`, `(2)`…) were read as the document's paragraph "
         "numbering: each starts a paragraph (or a numbered heading), whatever the line before holds"),
    Code("definition-list", "info", "a run of short lines each followed by one paragraph, below a "
         "heading naming a glossary, was read as a definition list's terms: kept as text, not taken "
         "for headings"),
    Code("label-not-heading", "info", "a line in capitals that its shape alone made a heading, among "
         "headings set in mixed case, was kept as text (a label)"),
    Code("heading-in-notes", "info", "a line shaped as a numbered heading (`9 Cultural Heritage`) "
         "whose number follows on from a note's definition just above it was kept as text: the "
         "notes' next definition, its words spread apart"),
    Code("heading-levels-from-pages", "info", "unnumbered headings that open a page were taken for "
         "chapters, the others for their sections"),
    Code("heading-levels-from-case", "info", "unnumbered headings in title case were taken for "
         "chapters, those in sentence case for their sections (chapters do not open pages)"),
    Code("heading-levels-from-spacing", "info", "unnumbered headings were given levels by the space "
         "the export keeps above them (blank lines): those with more space above for the higher level"),
    Code("heading-levels-from-stacks", "info", "unnumbered headings standing right below another "
         "heading, with no text between, were each taken for a level below the heading above them"),
    Code("structure-not-found", "notice", "no headings, notes, contents list or page furniture were "
         "found: the text is published as paragraphs only"),
    Code("list-markers-apart", "info", "list markers printed on lines of their own, apart from their "
         "items, whose items could not be found: the markers were kept where they are"),
    Code("note-lines-apart", "info", "lines among a page's notes, apart from them (a note's line the "
         "extractor wrote after the page's last note or its footer), that may be a note's text: kept "
         "where they stand as text, the evidence too weak"),
    Code("note-doubted", "info", "a line opening with a number below text that names the number, that "
         "might define a note, was kept as text: the note would skip ahead of the document's notes with no "
         "call glued to a word, or the line goes on with the count of a list just above it"),
    Code("footnote-undefined", "warning", "a footnote marker has no definition on its page; kept as text"),
    Code("footnote-duplicate", "warning",
         "a footnote marker's number is defined on its page but already used there; kept as text"),
    Code("footnote-unused", "warning", "a footnote definition has no marker pointing to it; kept as text"),
    Code("footnote-unfinished", "warning", "a footnote definition stops at a name's initial and its "
         "rest was not found; kept as text, its call too"),
    Code("endnote-call-unread", "warning", "numbered endnotes whose calls were read in sequence save "
         "a few: those few calls were not found between their neighbours; their notes kept as text"),
    Code("quotes-unbalanced", "info", "a quotation mark is not closed within its paragraph"),
    # safety and accounting
    Code("html-dropped", "warning", "raw HTML that cannot be shown safely (scripts, frames, forms…), or "
         "raw LaTeX no edition can show, was removed"),
    Code("unsafe-url", "warning", "a link with a refused scheme (javascript:, file:, data:…) was kept as text"),
    Code("link-unresolved", "warning", "a link names no heading or anchor of the document, or is relative "
         "to another file: its text is shown without the link"),
    Code("image-refused", "warning", "an image is not a PNG, JPEG or SVG file inside the document's own "
         "folder (a remote URL, a file: URL, an absolute path, a path or link leaving the folder, "
         "a missing file): its alt text is shown instead"),
    Code("image-alt-missing", "warning", "an image has no alt text for readers who cannot see it"),
    Code("words-unbalanced", "warning", "the word accounting does not balance: a word of the source is "
         "missing from the output (or one appeared); the audit lists them"),
    # rendering
    Code("citation-unknown", "warning", "a citation names a key the bibliography does not have; "
         "it is printed as the key and a question mark"),
    Code("renderer-warning", "warning", "a renderer (WeasyPrint) warned about an edition, e.g. a CSS "
         "declaration it ignores"),
)


def markdown_table() -> str:
    """The table the README's troubleshooting section carries."""
    rows = ["| code | severity | meaning |", "|---|---|---|"]
    rows += [f"| `{c.name}` | {c.severity} | {c.meaning} |" for c in CODES.values()]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str  # "info" (shown with -v), "notice" (shown), "warning" (fails --strict), "error"
    path: str
    line: int | None
    message: str
    place: str = ""  # where the line is, when not simply its number (`page 3, line 12`)

    def __str__(self) -> str:
        where = f"{self.path}:{self.place or self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict:
        found = {"code": self.code, "severity": self.severity, "path": self.path,
                 "line": self.line, "message": self.message}
        if self.place:
            found["place"] = self.place
        return found


@dataclass
class Diagnostics:
    """Collects diagnostics for one document; passes add to it, the CLI prints it."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)
    locate: Callable[[int], str] | None = None  # line → `page N, line M` (PDF sources)

    def add(self, code: str, severity: str, line: int | None, message: str) -> None:
        known = CODES.get(code)
        if known is None or known.severity != severity:
            raise ValueError(f"diagnostic {code!r} ({severity}) is not in the table of codes")
        place = self.locate(line) if self.locate is not None and line else ""
        self.items.append(Diagnostic(code, severity, self.path, line, message, place))

    def info(self, code: str, line: int | None, message: str) -> None:
        self.add(code, "info", line, message)

    def notice(self, code: str, line: int | None, message: str) -> None:
        """Something the user should know (an assumption made), but not a fault."""
        self.add(code, "notice", line, message)

    def warning(self, code: str, line: int | None, message: str) -> None:
        self.add(code, "warning", line, message)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity in ("warning", "error")]


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
