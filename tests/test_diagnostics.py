"""The table of diagnostic codes: every code is triggered here by a small input, the README's
table is the table, a code outside it is refused, and lost words fail --strict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from pdf_maker import PageSpec, line, make_pdf, report_pages
from test_bad_inputs import cli
from test_normalise_minimal_cases import chapter_heads
from test_merged_columns import export as merged_columns_export_of, merged_page, read_page
from test_stranded_notes import weak_foot_export
from test_reading_order import INTERLEAVED_2, INTERLEAVED_3, calls_going_back, two_column_export

from pressroom import diagnostics
from pressroom.diagnostics import CODES, Diagnostics, markdown_table
from pressroom.normalise import source
from pressroom.normalise.source import normalise_file

BODY = "A paragraph of ordinary text that runs on for a while and ends here.\n"
TITLED = "title: T\nlang: en\n"


def _codes(tmp_path: Path, text: str | bytes, meta: str | None = TITLED, name: str = "doc.txt"):
    """The codes of the diagnostics normalising this source (with this metadata file) reports."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if meta is not None:
        path.with_suffix(".yaml").write_text(meta, encoding="utf-8")
    return {d.code for d in normalise_file(path).diagnostics.items}


# Hard-wrapped text (a measure for the document) before a table printed a box a column.
WRAPPED_FEES = ("The council met in the spring to review the harbour project and\n"
                "its many costs. Members asked for a full account of the work done\n"
                "so far, and the harbour master set out the fees as follows.\n\n")

PARAGRAPH = ("The council met in spring to review the harbour project and all of its costs, "
             "and the members asked for a full account of the work.\n")


def _chapters_on_new_pages() -> str:
    """Unnumbered headings: the chapters open a page, their sections stand mid-page."""
    pages = [f"{chapter}\n\n{PARAGRAPH}\n{section}\n\n{PARAGRAPH}"
             for chapter, section in [("Origins", "Early years"), ("Families", "At night"),
                                      ("Employers", "What they can do")]]
    return "\f".join(pages)


def _spaced_export() -> str:
    import random

    from test_headings_titles import SPACED, _spaced
    return "\n".join(_spaced(random.Random(1), SPACED)) + "\n"


def _unspaced_export() -> str:
    import random

    from test_headings_titles import SPACED, _unspaced
    return "\n".join(_unspaced(random.Random(1), SPACED)) + "\n"


def _numbered_report() -> str:
    from test_numbered_paragraphs import paged, report
    return paged(report(seed=1)[0])


def _chapter_heads() -> str:
    return chapter_heads(paged=False)


def _folio_beside_heading() -> str:
    import random

    from test_headings_titles import folio_beside_heading_export
    return folio_beside_heading_export(random.Random(1))


def _two_columns() -> str:
    """Two pages of a two-column page design as `pdftotext -layout` prints them: side by side."""
    left = ["The council met in spring to review", "the harbour project and its many",
            "costs, and asked the engineers for", "a full account of the work so far.",
            "The engineers answered in writing", "before the summer of that year."]
    right = ["The quay was rebuilt on the old", "foundations at a cost of twelve",
             "million, paid from the reserves", "that the harbour had kept for it.",
             "The work went on through the year", "and ended in the following spring."]
    page = "\n".join(f"{a:<40}      {b}" for a, b in zip(left, right))
    return "\f".join([page, page]) + "\n"


def _interleaved_columns() -> str:
    """Two-column pages as pdftotext writes them without -layout: both columns' blocks merged by
    height, the right column's top (the end of the left column's sentence) first."""
    return two_column_export(INTERLEAVED_2, INTERLEAVED_3)


def _pypdf_pages() -> str:
    texts = ["The council met in spring to review the harbour project and its many costs.",
             "Members asked for a full account of the work done so far, and for a plan.",
             "The engineers answered in writing before the summer of that year came.",
             "The quay was rebuilt on the old foundations at a cost of twelve million."]
    filler = ("The work went on through the year.\nThe board met each month to hear how it went.\n"
              "Every meeting ended with a vote on the next step.\n")
    return "".join(f"{text}\n{filler}Harbour Review\n{n + 2}" for n, text in enumerate(texts)) + "\n"


def _pypdf_title_block() -> str:
    """Title, subtitle and author running into the first heading and its text (pypdf)."""
    return ("Harbour Works on the East Quay\nA Review of the First Year\nPort Engineering Group\n"
            "Overview\nThe council met in spring to review the harbour project and its many\n"
            "costs. Members asked for a full account of the work done so far.\n")


def _pdf(unmapped: bool = False, blank_page: bool = False) -> bytes:
    pages = report_pages(3)
    if unmapped:
        pages[1].lines.append(line(100, "Some text with glyphs \x01\x02\x03 of no character."))
    return make_pdf(pages + ([PageSpec()] if blank_page else []))


def _markers_apart() -> str:
    """Bullets printed on lines of their own after an introduction, with no items beside them."""
    wrapped = ("The council met in the spring to review the harbour project and\n"
               "its many costs. Members asked for a full account of the work done\n"
               "so far, and for a plan of what remains to be done next year.\n")
    return "\f".join([wrapped + "The works proposed were these:\n\n•\n•\n\nPage 1\n", wrapped, wrapped])


REPEATED_SENTENCE = ("Harbour Review\nThe council met again and approved the plan for the new quay.\n"
                     "See the notes at the end of this report for every source.\n")
CONTENTS = ("Contents\nIntroduction .......... 1\nMethods .......... 2\nResults .......... 3\n\f\n"
            "Introduction\n\nSome text here for the introduction.\n\nMethod\n\nWe did things.\n")

# A contents entry too long to stand apart from its text in the export: run into its paragraph.
RUN_IN_CONTENTS = ("Contents\nIntroduction .......... 1\nLimits were mostly appropriate, but some were high "
                   ".......... 2\n\f\nIntroduction\n\nSome text here for the introduction.\n\n"
                   "Limits were mostly appropriate, but some were high Every card has a limit.\n")

# code → what triggers it (tmp_path → the codes reported); new with the table: the last three.
TRIGGERS = {
    "encoding": lambda t: _codes(t, "Café au lait is a paragraph.\n".encode("latin-1")),
    "pdf-unmapped-glyphs": lambda t: _codes(t, _pdf(unmapped=True), name="doc.pdf"),
    "pdf-page-without-text": lambda t: _codes(t, _pdf(blank_page=True), name="doc.pdf"),
    "pages-inferred": lambda t: _codes(t, _pypdf_pages()),
    "metadata-unknown-key": lambda t: _codes(t, BODY, TITLED + "langauge: fr\n"),
    "metadata-override": lambda t: _codes(t, "**The Title of It**\n\n" + BODY * 3, "title: Other\n"),
    "title-assumed": lambda t: _codes(t, BODY, None),
    "title-from-head": lambda t: _codes(t, "\f".join([REPEATED_SENTENCE] * 4), None),
    "title-page-from-shape": lambda t: _codes(t, _pypdf_title_block(), None),
    "code-block": lambda t: _codes(t, BODY + "\n$ convert in.csv \\\n--out out.gpkg\n\n" + BODY),
    "code-padding": lambda t: _codes(t, BODY + "\nThe codes ( P1 , P2 ) are read from in_file.csv , as set.\n"),
    "lang-assumed": lambda t: _codes(t, BODY, "title: T\n"),
    "furniture-unrepeated": lambda t: _codes(t, "The council met and talked about the develop-\n\n"
                                                "Harbour Revue\n\nment of the quay and more.\n"),
    "furniture-content": lambda t: _codes(t, "\f".join([REPEATED_SENTENCE] * 4)),
    "furniture-heading": lambda t: _codes(t, _chapter_heads()),
    "folio-beside-heading": lambda t: _codes(t, _folio_beside_heading()),
    "columns": lambda t: _codes(t, _two_columns()),
    "columns-reading-order": lambda t: _codes(t, _interleaved_columns()),
    "columns-order-kept": lambda t: _codes(t, calls_going_back()),
    "columns-merged": lambda t: _codes(t, merged_columns_export_of(merged_page)),
    "columns-notes-moved": lambda t: _codes(t, merged_columns_export_of(read_page)),
    "table-rows": lambda t: _codes(t, "Table 1 shows the uses.\n\n" + "".join(
        f"   {use:<26}{a:>10}{b:>12}\n" for use, a, b in [("Use", "Licensed", "Actual"),
                                                       ("Public water supply", "31.5", "22.4"),
                                                       ("Spray irrigation", "9.8", "4.1")])),
    "table-cells": lambda t: _codes(t, "The harbour master set out the fees as follows.\n\n" + "\n\n".join(
        ["Vessel", "Berths", "Fee", "Small", "14", "62.50", "Medium", "9", "71.00", "Large", "5", "88.25"])
        + "\n\nThe council agreed to them.\n"),
    "table-columns": lambda t: _codes(t, WRAPPED_FEES + "\n\n".join(
        ["Vessel\nSmall\nMedium\nLarge", "Berths\n14\n9\n5", "Fee\n62.50\n71.00\n88.25"])
        + "\n\nThe council agreed to them.\n"),
    "table-columns-unread": lambda t: _codes(t, WRAPPED_FEES + "\n\n".join(
        ["Vessel\nSmall\nMedium\nLarge", "Berths\n14\n9\n5", "Fee\n62.50\n71.00\n88.25\n90.00"])
        + "\n\nThe council agreed to them.\n"),
    "contents-differs": lambda t: _codes(t, CONTENTS),
    "contents-unmatched": lambda t: _codes(t, CONTENTS),
    "contents-run-in": lambda t: _codes(t, RUN_IN_CONTENTS),
    "paragraph-numbering": lambda t: _codes(t, _numbered_report()),
    "heading-from-shape": lambda t: _codes(t, "Introduction\nShift work is common. It affects "
                                              "families.\nMethod\nWe surveyed three sites.\n"),
    "definition-list": lambda t: _codes(t, "Harbour Works\n" + PARAGRAPH + "\nGlossary\n" + "".join(
        f"{term}\nThe word as this report uses it, for the harbour and its works.\n"
        for term in ("Berth", "Slipway", "Tidal window"))),
    "label-not-heading": lambda t: _codes(t, "".join(
        f"{heading}\n{PARAGRAPH}\n" for heading in ("1. Harbour Works", "2. Walls", "SAFETY FIRST",
                                                     "3. Slipways", "4. Costs"))),
    "heading-levels-from-pages": lambda t: _codes(t, _chapters_on_new_pages()),
    "heading-levels-from-spacing": lambda t: _codes(t, _spaced_export()),
    "heading-levels-from-stacks": lambda t: _codes(t, _unspaced_export()),
    "heading-levels-from-case": lambda t: _codes(t, "".join(
        f"{heading}\n\n{PARAGRAPH}\n" for heading in ("Why the Harbour Silts", "The river and the tide",
                                                        "What Dredging Costs", "Present arrangements"))),
    "structure-not-found": lambda t: _codes(t, "\n\n".join([PARAGRAPH.strip()] * 12)),
    "list-markers-apart": lambda t: _codes(t, _markers_apart()),
    "note-lines-apart": lambda t: _codes(t, weak_foot_export(), meta=None),
    "note-doubted": lambda t: _codes(t, (
        "The board wrote to all of the families, 45 of whom replied in time. The\n"
        "replies were read by the clerk, who reported the views of\n"
        "45 households to the board at its meeting in the following spring.\n\n3\n\f"
        "The board met again in the autumn of that year.\n\n4\n")),
    "footnote-undefined": lambda t: _codes(t, "Text with a marker ② here.\n\nMore text.\n"),
    "footnote-duplicate": lambda t: _codes(t, "Text with a marker ①.\n\nMore text with marker ① "
                                              "again.\n\n① The one definition.\n"),
    "heading-in-notes": lambda t: _codes(t, "The grant ran for three years of coordination.\n\n"
                                           "8 The crate was dropped from a tail-lift in Odense; the\n\n"
                                           "objects inside were undamaged.\n\n9 Cultural Heritage\n\n"
                                           "Partnership Fund, grant 44.\n"),
    "footnote-unused": lambda t: _codes(t, "Text without markers.\n\n① A definition nobody calls.\n"),
    "footnote-unfinished": lambda t: _codes(t, (
        "The harbour wall was begun in 1838.1 The masons worked at low water only.2\n\n"
        "1 J.\n\n2 Minutes of the trustees, book 2.\n\n")),
    "endnote-call-unread": lambda t: _codes(t, (
        "The harbour wall was begun in 1838.1 The masons worked at low water only.2 The wall\n"
        "was finished by the spring of 1841. Its cost was never published.3 The trustees\n"
        "borrowed the money in London.4 The loan was repaid in 1880.5\n\n"
        "Notes\n\n" + "".join(f"{n}. Minutes of the trustees, book {n}.\n" for n in range(1, 7)))),
    "quotes-unbalanced": lambda t: _codes(t, 'He said "this is open and never closed.\n\nMore.\n'),
    "html-dropped": lambda t: _codes(t, "A paragraph <script>alert(1)</script> with a script.\n"),
    "unsafe-url": lambda t: _codes(t, "See <javascript:alert(1)> for more.\n"),
    "link-unresolved": lambda t: _codes(t, "---\ntitle: T\n---\n\nSee [the end](#nowhere).\n",
                                        name="doc.md"),
    "image-refused": lambda t: _render_codes(t, "![a chart](https://example.org/chart.png)\n"),
    "image-alt-missing": lambda t: _render_codes(t, "![](doc/chart.png)\n"),
    "words-unbalanced": lambda t: _lost_word_codes(t),
    "citation-unknown": lambda t: _citation_codes(t),
    "renderer-warning": lambda t: _renderer_warning_codes(t),
}


def _losing_a_word(monkeypatch) -> None:
    """The passes, then one word dropped from the last block: a bug the accounting must catch."""
    run_passes = source.run_passes

    def losing(state, **kwargs):
        state = run_passes(state, **kwargs)
        state.blocks[-1].lines = [t.replace("ordinary ", "", 1) for t in state.blocks[-1].lines]
        return state

    monkeypatch.setattr(source, "run_passes", losing)


def _lost_word_codes(tmp_path: Path) -> set[str]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _losing_a_word(monkeypatch)
        return _codes(tmp_path, BODY)


def _citation_codes(tmp_path: Path) -> set[str]:
    """A citation of a key the bibliography lacks (rendered: citations are resolved there)."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "refs.bib").write_text("@book{known, title = {Known}, year = {2001}}\n")
    (tmp_path / "doc.md").write_text("---\ntitle: T\nbibliography: refs.bib\n---\n\n"
                                     "As [@known] and [@unknown] say.\n")
    status, stderr = cli("render", str(tmp_path / "doc.md"), "--to", "html", "--sources",
                         str(tmp_path / "sources"), "-o", str(tmp_path / "doc.html"))
    assert status == 0, stderr
    return set(re.findall(r"\[([a-z-]+)\]$", stderr, re.M))


def _render_codes(tmp_path: Path, body: str) -> set[str]:
    """The codes rendering doc.md (its image folder doc/ holding chart.png) reports."""
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "chart.png").write_bytes((ROOT / "tests/fixtures/figures/chart.png").read_bytes())
    (tmp_path / "doc.md").write_text("---\ntitle: T\n---\n\n" + body)
    status, stderr = cli("render", str(tmp_path / "doc.md"), "--to", "html", "-o", str(tmp_path / "o.html"))
    assert status == 0, stderr
    return set(re.findall(r"\[([a-z-]+)\]$", stderr, re.M))


def _renderer_warning_codes(tmp_path: Path) -> set[str]:
    """A CSS overlay WeasyPrint ignores (the project's own, in templates/css/)."""
    (tmp_path / "templates" / "css").mkdir(parents=True)
    (tmp_path / "templates" / "css" / "odd.css").write_text("p { colour: red; }\n")
    (tmp_path / "editions.yaml").write_text(
        "editions:\n  odd: {renderer: pdf, output: '{name}.pdf', css: [odd.css]}\n")
    (tmp_path / "doc.md").write_text("---\ntitle: T\n---\n\nA paragraph.\n")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(tmp_path)
        status, stderr = cli("render", "doc.md")
    assert status == 0, stderr
    return set(re.findall(r"\[([a-z-]+)\]$", stderr, re.M))


def test_every_code_has_a_trigger():
    assert set(TRIGGERS) == set(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_code_is_triggered(tmp_path, code):
    assert code in TRIGGERS[code](tmp_path)


def test_the_readme_carries_the_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme
    listed = re.findall(r"^\| `([a-z-]+)` \|", readme, re.M)
    assert listed == list(CODES)


def test_codes_outside_the_table_or_with_another_severity_are_refused():
    notes = Diagnostics("doc.txt")
    with pytest.raises(ValueError, match="not in the table"):
        notes.warning("no-such-code", 1, "message")
    with pytest.raises(ValueError, match="not in the table"):
        notes.info("footnote-unused", 1, "a warning is not an info")
    assert all(c.severity in diagnostics.SEVERITIES for c in CODES.values())
    assert all(c.meaning and "\n" not in c.meaning for c in CODES.values())


def test_a_lost_word_is_a_warning_and_fails_strict(tmp_path, monkeypatch):
    (tmp_path / "doc.txt").write_text(BODY)
    (tmp_path / "doc.yaml").write_text(TITLED)
    _losing_a_word(monkeypatch)
    status, stderr = cli("normalise", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "doc.md"))
    assert status == 0 and "1 source word(s) missing from the output" in stderr
    assert "[words-unbalanced]" in stderr
    status, stderr = cli("normalise", "--strict", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "doc.md"))
    assert status == 6
