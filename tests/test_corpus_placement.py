"""The corpus designs' placements of the notes (corpus/placement.py): endnotes gathered from the
source, per-page numbers computed from where each note was printed, and the designs file's
`notes:` key."""

from __future__ import annotations

import pytest

from pressroom.corpus.documents import load_designs
from pressroom.corpus.placement import endnotes_markdown, numbers_on_pages, numbers_stylesheet
from pressroom.corpus.score import parse
from pressroom.errors import InputError

SOURCE = """---
title: Canal Review
---

# The company

The canal opened in 1794.[^a] Its tolls were cut in 1846,[^b] and the railway bought it.

| Year | Tonnage[^c] |
|------|-------------|
| 1846 | 120,000     |

# The railway

The line closed in 1931.[^d]

[^a]: The Act was passed in 1790.

[^b]: By a third.

    A second paragraph of the note.

[^c]: Coal and lime.

[^d]: The last train ran on 30 September.
"""


def test_endnotes_gather_every_note_under_a_notes_heading_in_call_order():
    gathered = parse(endnotes_markdown(SOURCE))
    original = parse(SOURCE)
    assert gathered.notes == []
    assert [h for _, h in gathered.headings] == ["The company", "The railway", "Notes"]
    # The calls are superscript numbers through the document, at the words that held the notes.
    assert "The canal opened in 1794.1 Its tolls were cut in 1846,2 and the railway bought it." \
        in gathered.blocks
    assert "Year Tonnage3" in gathered.blocks and "The line closed in 1931.4" in gathered.blocks
    # The list holds each note's text (every paragraph of it), in the order of the calls.
    notes = [n.text for n in original.notes]
    assert gathered.blocks[-5:] == [notes[0], "By a third.", "A second paragraph of the note.",
                                    notes[2], notes[3]]
    assert "\n1.  The Act was passed in 1790.\n" in endnotes_markdown(SOURCE)
    # Nothing else changed: the text outside the notes is the source's, word for word.
    assert gathered.meta == original.meta


def test_a_document_without_notes_is_left_as_it_is():
    plain = "---\ntitle: Canal Review\n---\n\n# The company\n\nThe canal opened in 1794.\n"
    assert parse(endnotes_markdown(plain)).blocks == parse(plain).blocks
    assert "Notes" not in endnotes_markdown(plain)


def test_notes_are_numbered_afresh_on_each_page_in_document_order():
    # Note 4 was printed on page 2 with note 1 (a note set late): it is page 2's second note.
    assert numbers_on_pages({1: 2, 2: 3, 3: 3, 4: 2, 5: 6}) == {1: 1, 2: 1, 3: 2, 4: 2, 5: 1}
    assert numbers_on_pages({}) == {}


def test_the_numbers_stylesheet_gives_each_note_its_call_and_marker():
    sheet = numbers_stylesheet({12: 3})
    # The word joiner's escape is closed by a space, so that the digit is not read into it.
    assert '#fn12::footnote-call { content: "\\2060 3"; }' in sheet
    assert '#fn12::footnote-marker { content: "3. "; }' in sheet


def test_a_design_names_where_its_notes_go(tmp_path):
    designs = {d.name: d.notes for d in load_designs()}
    assert designs["running-head"] == "foot" and designs["endnotes"] == "end"
    assert designs["page-notes"] == "page"
    folder = tmp_path / "designs"
    folder.mkdir()
    for name in ("a.css", "a.typst"):
        (folder / name).write_text("")
    spec = tmp_path / "designs.yaml"
    spec.write_text("designs:\n  a:\n    description: x\n    paper: A4\n    css: a.css\n"
                    "    typst: a.typst\n    notes: margin\n")
    with pytest.raises(InputError, match="notes must be one of foot, page, end"):
        load_designs(spec)
