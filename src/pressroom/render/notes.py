"""The three serialisations of one note model: PDF footnote spans, EPUB 3 noteref/aside, HTML sidenotes.

Every style links the call to the note and the note back to the call.
"""

from __future__ import annotations

from markupsafe import Markup

from ..document import Note
from .html_ast import Serialiser
from .markup import el


class PdfNotes:
    """An inline `span.footnote` at the call site, floated to the page foot by WeasyPrint.

    WeasyPrint's own ::footnote-call is switched off in CSS so that the call can be a real link.
    """

    def call(self, note: Note, ser: Serialiser) -> Markup:
        call = el("a", {"class": "noteref", "href": f"#{note.id}", "id": note.ref_id},
                  str(note.number))
        body = el("span", {"class": "footnote", "id": note.id},
                  el("a", {"class": "note-number", "href": f"#{note.ref_id}"}, f"{note.number}."),
                  Markup(" "), ser.note_body(note))
        return call + body

    def after_block(self, notes: list[Note], ser: Serialiser) -> Markup:
        return Markup("")

    def after_section(self, notes: list[Note], ser: Serialiser) -> Markup:
        return Markup("")


class EpubNotes:
    """EPUB 3: the call holds only the number; the section's asides follow it in one block at its
    end. Reading systems with pop-ups hide them; the others show number and text on one line,
    under one rule for the section (drawn by the first aside, so a hidden block draws none)."""

    def call(self, note: Note, ser: Serialiser) -> Markup:
        return el("a", {"epub:type": "noteref", "role": "doc-noteref", "class": "noteref",
                        "href": f"#{note.id}", "id": note.ref_id}, str(note.number))

    def after_block(self, notes: list[Note], ser: Serialiser) -> Markup:
        return Markup("")

    def after_section(self, notes: list[Note], ser: Serialiser) -> Markup:
        return el("div", {"class": "notes"}, *(
            el("aside", {"epub:type": "footnote", "role": "doc-footnote", "class": "footnote",
                         "id": note.id},
               el("p", {}, el("a", {"class": "note-number", "href": f"#{note.ref_id}",
                                    "role": "doc-backlink"}, f"{note.number}."),
                  Markup(" "), ser.note_body(note)))
            for note in notes))


class HtmlNotes:
    """Web page: notes after the citing block; CSS floats them into the margin on wide screens
    and moves them to the end of their section on narrow ones."""

    def call(self, note: Note, ser: Serialiser) -> Markup:
        return el("a", {"role": "doc-noteref", "class": "noteref", "href": f"#{note.id}",
                        "id": note.ref_id, "aria-label": f"Note {note.number}"}, str(note.number))

    def after_block(self, notes: list[Note], ser: Serialiser) -> Markup:
        return Markup("").join(
            el("aside", {"role": "doc-footnote", "class": "footnote", "id": note.id},
               el("p", {}, el("a", {"class": "note-number", "href": f"#{note.ref_id}",
                                    "role": "doc-backlink",
                                    "aria-label": f"Back to note {note.number} call"},
                              f"{note.number}."),
                  Markup(" "), ser.note_body(note)))
            for note in notes)

    def after_section(self, notes: list[Note], ser: Serialiser) -> Markup:
        return Markup("")
