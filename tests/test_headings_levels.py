"""An internal audit report's headings (issue 11; fresh28b families 1 and 11): a flat contents
list (pdftotext drops its indentation) names three levels of unnumbered headings, chapters in
title case opening their pages, sections and subsections in sentence case, the subsections'
headings whole statements (`Limits were mostly appropriate, but some were far higher than
use`) too long for the export to set apart from their text."""

from __future__ import annotations

import random
import textwrap

import pytest

from exports import normalise

VOCABULARY = ("the cards were issued and the limits were set while the department waited for the "
              "statement to be approved by a budget holder in time for the audit").split()
MEASURE = 78


def paragraph(rng: random.Random, words: int = 45) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


# (heading, level, opens a page, text below it)
OUTLINE = [
    ("Executive Summary", 1, True, True),
    ("Why we did this audit", 2, False, True),
    ("Overall opinion", 2, False, True),
    ("Scope and Approach", 1, True, True),
    ("Findings", 1, True, False),
    ("Issue and control of cards", 2, False, False),
    ("Cards were issued and cancelled correctly", 2, False, True),  # (a stack says no level: see below)
    ("Receipts, coding and approval", 2, False, True),
    ("Coding and VAT errors were common but small", 2, True, True),  # opens a page by chance
    ("Other matters", 2, False, True),
    ("Agreed Action Plan", 1, True, True),
]
RUN_IN = "Limits were mostly appropriate, but some were far higher than use"


def audit_export(rng: random.Random, outline, run_in: str | None = None) -> str:
    """pdftotext's pages: a title page, a flat contents list with leaders, then the body; the
    `run_in` heading (a section after `Cards were issued…`) printed on the line above its text
    and as long as a line of text, which `reflow` cannot tell from the text's first line."""
    entries = [h for h, *_ in outline]
    if run_in:
        entries.insert(entries.index("Cards were issued and cancelled correctly") + 1, run_in)
    pages = [["Purchasing Cards", "Internal Audit Report 2024/25-07", "Priyanka Desai"],
             ["Contents", *(f"{e} {'. ' * max(3, (MEASURE - 4 - len(e)) // 2)}{n + 3}" for n, e in enumerate(entries))]]
    page: list[str] = []
    for heading, _, new_page, text in outline:
        if new_page and page:
            pages.append(page)
            page = []
        page.append(heading)
        if text:
            page += textwrap.wrap(paragraph(rng), MEASURE)
        if run_in and heading == "Cards were issued and cancelled correctly":
            page.append(run_in)
            page += textwrap.wrap(paragraph(rng), MEASURE)
    pages.append(page)
    return "\f".join("\n".join(p) + "\n" for p in pages)


def found(state) -> list[tuple[int, str]]:
    return [(b.level, b.plain()) for b in state.blocks if b.kind == "heading"]


@pytest.mark.parametrize("seed", [1, 2])
def test_a_flat_contents_lists_levels_come_from_case_pages_and_stacks(tmp_path, seed):
    """Chapters in title case open their pages; a section in sentence case opening a page by
    chance (`Coding and VAT errors…`: an acronym shows no case) stays a section. (A heading right
    below a section's with no text between, `Cards were issued…` under `Issue and control of
    cards`, is its subsection in the document, but an extractor reading by position, pdfminer,
    stacks headings of one level too: no level is taken from it.)"""
    state = normalise(tmp_path, audit_export(random.Random(seed), OUTLINE))
    assert found(state) == [(level, heading) for heading, level, *_ in OUTLINE]


def test_a_contents_entry_run_into_its_text_is_parted_as_its_heading(tmp_path):
    """`Limits were mostly appropriate, but some were far higher than use` / `Every card …`: the
    entry's words verbatim at a paragraph's start, a sentence in capitals after them: a heading,
    its text a paragraph of its own, every word kept."""
    text = audit_export(random.Random(3), OUTLINE, run_in=RUN_IN)
    state = normalise(tmp_path, text)
    headings = [h for _, h in found(state)]
    assert RUN_IN in headings
    assert headings.index(RUN_IN) == headings.index("Cards were issued and cancelled correctly") + 1
    assert any(d.code == "contents-run-in" for d in state.diagnostics.items)
    below = state.blocks[[b.plain() for b in state.blocks].index(RUN_IN) + 1]
    assert below.kind == "para" and below.plain()[:1].isupper()


def test_a_contents_entry_inside_a_sentence_is_not_parted(tmp_path):
    """The entry's words inside a sentence of the text (not after a sentence's end, nor at a
    paragraph's start) are the text's own: no heading is made of them."""
    sentence = ("Our view is that limits were mostly appropriate, but some were far higher than use "
                "Among the cards tested none was misused.")
    text = audit_export(random.Random(4), OUTLINE, run_in=None)
    text = text.replace("Receipts, coding and approval\n", "Receipts, coding and approval\n" + sentence + "\n", 1)
    contents = "Cards were issued and cancelled correctly " + ". " * 30
    text = text.replace(contents, contents.rstrip() + " 5\n" + RUN_IN + " " + ". " * 10, 1)
    state = normalise(tmp_path, text)
    assert RUN_IN not in [h for _, h in found(state)]
    assert "limits were mostly appropriate" in state.text


BRIEFING_TITLE = "Burial Space at the Town Cemetery"


@pytest.mark.parametrize("appendix", ["Appendix: How the projection was made", "Annex: Sites visited"])
def test_an_unnumbered_appendix_after_numbered_chapters_is_a_chapter(tmp_path, appendix):
    """`Appendix: How the projection was made` after chapters numbered `1.`–`3.`: the back
    matter, a chapter of its own (level 1), not a section of chapter 3 as an unnumbered heading
    between two numbered chapters is (`Background` under `2.`, level 2)."""
    rng = random.Random(9)
    sections = ["1. Purpose of this paper", "2. Background", "Earlier Decisions", "2.1 The cemetery today",
                "3. Costs", appendix]
    lines = [BRIEFING_TITLE, "", *textwrap.wrap(paragraph(rng), MEASURE)]
    for heading in sections:
        lines += [heading]
        for _ in range(2):
            lines += textwrap.wrap(paragraph(rng), MEASURE)
    state = normalise(tmp_path, "\n".join(lines) + "\n")
    found = [(b.level, b.plain()) for b in state.blocks if b.kind == "heading" and b.plain() != BRIEFING_TITLE]
    assert found == [(1, "1. Purpose of this paper"), (1, "2. Background"), (2, "Earlier Decisions"),
                     (2, "2.1 The cemetery today"), (1, "3. Costs"), (1, appendix)]


def bulleted_export(rng: random.Random, label: str) -> str:
    """groff's export of a briefing with no contents list: the title page, then `label` right
    above a bulleted list of sentences (no paragraph between), then numbered-free sections."""
    lines = ["Community Pharmacies in Rural Areas", "A Research Briefing on Closures", "",
             "Eleri Vaughan-Price", "", "2024-11-05", "", label]
    for _ in range(3):
        lines += ["•", "", *textwrap.wrap(paragraph(rng, 25), MEASURE), ""]
    for heading in ["Introduction", "How Pharmacies Are Paid", "Closures Since 2017"]:
        lines += [heading, *textwrap.wrap(paragraph(rng), MEASURE), ""]
    return "\n".join(lines) + "\n"


def test_a_heading_in_title_case_right_above_a_bulleted_list_is_a_heading(tmp_path):
    """`Key Points` with the list's first bullet right below it (groff, pdftotext): a heading,
    as the sections' headings below it are, not a paragraph of two words."""
    state = normalise(tmp_path, bulleted_export(random.Random(10), "Key Points"))
    found = [b.plain() for b in state.blocks if b.kind == "heading"]
    assert found[:2] == ["Key Points", "Introduction"]


@pytest.mark.parametrize("label", ["Present", "Key points we found", "The committee agreed the following:"])
def test_a_one_word_or_sentence_case_line_above_a_bulleted_list_is_no_heading(tmp_path, label):
    """One word (`Present`) labels a list as often as it heads a section; a line in sentence
    case or ending with a colon introduces the list: kept as text."""
    state = normalise(tmp_path, bulleted_export(random.Random(10), label))
    assert label not in [b.plain() for b in state.blocks if b.kind == "heading"]
    assert any(b.plain() == label for b in state.blocks)
