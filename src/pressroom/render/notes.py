"""The three serialisations of one note model: PDF footnote spans, EPUB 3 noteref/aside, HTML sidenotes.

Every style links the call to the note and the note back to the call. A note may hold any block
(paragraphs, code, a list, a quote): where it stands apart (an aside, a list of notes) its blocks
are written as they are; where it sits inside its calling sentence (a footnote float, a sidenote)
they are phrasing spans shown as blocks (Serialiser.note_phrasing), so no block is ever inside a
`<p>`.
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
                  Markup(" "), ser.note_phrasing(note))
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
               ser.note_blocks(note, el("a", {"class": "note-number", "href": f"#{note.ref_id}",
                                              "role": "doc-backlink"}, f"{note.number}.")))
            for note in notes))


class HtmlNotes:
    """Web page, both ways at once, CSS choosing by width:

    - a sidenote right after the call, inside the sentence (`span.sidenote`, the call's target):
      floated into the margin on wide screens, its first line on the call's line (Tufte's
      placement; floats stack, so two notes never overlap); on narrow screens hidden until the
      call is tapped (:target), then shown under the line;
    - the section's notes again at its end under a "Notes" heading, with links back to the calls:
      shown on narrow screens and in print, hidden on wide screens (where the sidenotes show).

    At any one width exactly one of the two is displayed, so a screen reader meets each note once.
    """

    def __init__(self) -> None:
        self._sections = 0

    def call(self, note: Note, ser: Serialiser) -> Markup:
        call = el("a", {"role": "doc-noteref", "class": "noteref", "href": f"#{note.id}",
                        "id": note.ref_id, "aria-label": f"Note {note.number}"}, str(note.number))
        side = el("span", {"class": "sidenote", "id": note.id, "role": "doc-footnote"},
                  self._back_link(note, "note-number"), Markup(" "), ser.note_phrasing(note))
        return call + side

    def after_block(self, notes: list[Note], ser: Serialiser) -> Markup:
        return Markup("")

    def after_section(self, notes: list[Note], ser: Serialiser) -> Markup:
        self._sections += 1
        heading = f"notes-{self._sections}"
        level = min(ser.section_level + 1, 6)
        # A div, not a landmark: one "Notes" region per section would give the page landmarks
        # of the same name.
        return el("div", {"class": "section-notes"},
                  el(f"h{level}", {"id": heading, "class": "notes-title"}, "Notes"),
                  *(el("div", {"class": "endnote", "id": f"end-{note.id}"},
                       ser.note_blocks(note, self._back_link(note, "note-number")))
                    for note in notes))

    @staticmethod
    def _back_link(note: Note, css_class: str) -> Markup:
        return el("a", {"class": css_class, "href": f"#{note.ref_id}", "role": "doc-backlink",
                        "aria-label": f"Back to note {note.number} call"}, f"{note.number}.")
