"""Documents whose notes WeasyPrint 70 sets on a later page than their calls, for the
note-placement step of render/pdf.py (keep_notes_on_their_page).

A note goes late when a block starting at a page foot takes the note's room to set the first
lines its orphans ask for. Where that happens depends on where each page ends, so each family
slides its text by a leading paragraph of `lead` words: `document(kind, lead)` is reproducible
(a seeded generator of ordinary words), and tests/test_note_placement.py names the leads that
were measured to make notes late.
"""

from __future__ import annotations

import random

KINDS = ("long-notes", "several-notes", "chapter-end", "before-heading", "list-notes")
WORDS = """the of and to in a is that for it as with was on be by this are from at or an which
have not has but they their were all its one been can more other also into only these two
first new some time would could most after made over many such where through years between
both under while same each those very still public early region market council treaty policy
agreement cooperation development research practice community national international economic
government programme investment infrastructure partnership environmental industrial agricultural
commission settlement negotiation representative administration responsibility organisation
""".split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = min(words, rng.randint(12, 24))
        sentences.append(_sentence(rng, length))
        words -= length
    return " ".join(sentences)


def document(kind: str, lead: int) -> str:
    """Pandoc Markdown of one family: `kind` (one of KINDS) after a first paragraph of `lead`
    words.

    long-notes      paragraphs with one long note each (50-110 words)
    several-notes   paragraphs with two to four notes each
    chapter-end     chapters whose last sentence carries a note
    before-heading  sections ending on a paragraph with a note, then a heading
    list-notes      paragraphs with a note, then lists with notes in every other item
    """
    rng = random.Random(kind)
    notes: list[str] = []

    def note(words: int) -> str:
        notes.append(_paragraph(rng, words))
        return f"[^{len(notes)}]"

    out = ["---", f"title: Notes, {kind}, {lead}", "lang: en-US",
           f"identifier: urn:pressroom:test:{kind}:{lead}", "---", "", "# One", "",
           _paragraph(rng, lead), ""]
    if kind == "long-notes":
        for _ in range(14):
            out += [_paragraph(rng, rng.randint(60, 140)) + note(rng.randint(50, 110)) + " "
                    + _paragraph(rng, rng.randint(5, 40)), ""]
    elif kind == "several-notes":
        for _ in range(10):
            out += [" ".join(_paragraph(rng, rng.randint(25, 60)) + note(rng.randint(15, 45))
                             for _ in range(rng.randint(2, 4))), ""]
    elif kind == "chapter-end":
        for chapter in range(4):
            out += [_paragraph(rng, rng.randint(70, 160)) + "\n" for _ in range(rng.randint(2, 4))]
            out += [_paragraph(rng, rng.randint(60, 120)) + " " + _sentence(rng, 10)
                    + note(rng.randint(30, 90)), "", f"# Chapter {chapter + 2}", "",
                    _paragraph(rng, lead + 20 * chapter), ""]
    elif kind == "before-heading":
        for part in range(8):
            out += [_paragraph(rng, rng.randint(40, 110)) + note(rng.randint(20, 70)) + " "
                    + _sentence(rng, 9), "", _paragraph(rng, rng.randint(30, 70)), "",
                    f"## Part {part + 1}", ""]
        out += [_paragraph(rng, 80), ""]
    elif kind == "list-notes":
        for _ in range(6):
            out += [_paragraph(rng, rng.randint(60, 120)) + note(rng.randint(20, 60)), ""]
            out += ["- " + _paragraph(rng, rng.randint(15, 40))
                    + (note(rng.randint(15, 40)) if item % 2 else "")
                    for item in range(rng.randint(3, 6))]
            out.append("")
    else:
        raise ValueError(f"unknown kind {kind!r}")
    out += [f"[^{number}]: {text}\n" for number, text in enumerate(notes, 1)]
    return "\n".join(out)
