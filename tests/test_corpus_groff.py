"""The corpus's groff engine (corpus/groff.py): each design's pages as the design says, the same
bytes every time, and a design may leave groff out."""

from __future__ import annotations

import subprocess

import pytest

from pressroom.corpus import build as corpus_build
from pressroom.corpus import groff
from pressroom.corpus.documents import load_designs

pytestmark = pytest.mark.slow

TRUTH = """---
title: Canal Towpaths
subtitle: A Survey of Surfaces
author: Towpath Trust
date: 2025-03-01
---

# 1. Surfaces

{body}

# 2. Repairs

{body}
"""
PARAGRAPH = ("The towpath was surveyed in short lengths, each walked twice, and every defect was "
             "measured and photographed before it was given a grade.[^{n}] ")
NOTE = "[^{n}]: Note {n} on the survey's method."


def _truth(tmp_path):
    paragraphs = "\n\n".join(PARAGRAPH.format(n=n) * 6 for n in range(1, 9))
    notes = "\n".join(NOTE.format(n=n) for n in range(1, 9))
    path = tmp_path / "canal.md"
    path.write_text(TRUTH.format(body=paragraphs) + "\n" + notes + "\n", encoding="utf-8")
    return path


def _pages(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


@pytest.fixture(scope="module")
def typeset_designs(tmp_path_factory):
    if not groff.available():
        pytest.fail("groff with its PDF device is missing: run scripts/setup-system corpus")
    folder = tmp_path_factory.mktemp("groff")
    truth = _truth(folder)
    pdfs = {}
    for design in load_designs():
        if design.groff is not None:
            pdfs[design.name] = folder / f"{design.name}.pdf"
            groff.typeset(truth, design, False, pdfs[design.name])
    return truth, pdfs


def test_each_design_prints_its_own_heads_and_feet(typeset_designs):
    _, pdfs = typeset_designs
    pages = {name: _pages(pdf) for name, pdf in pdfs.items()}
    assert {"running-head", "page-of", "odd-even", "chapter-heads"} <= set(pages)
    for name, design_pages in pages.items():
        assert len(design_pages) > 3, name
        assert "Canal Towpaths" in design_pages[0], name  # the cover page
    # pages[0] is the cover, pages[1] the first text page (ms prints no head on it), pages[2]
    # page 2
    running = pages["running-head"][2].splitlines()
    assert running[0].strip().startswith("Canal Towpaths") and running[0].strip().endswith("2")
    numbered = len([p for p in pages["page-of"] if p.strip()]) - 1  # not the cover
    assert f"Page 2 of {numbered}" in pages["page-of"][2]  # the first pass counted the pages
    assert f"Page {numbered} of {numbered}" in pages["page-of"][numbered]
    odd_even = pages["odd-even"]
    even, odd = odd_even[2].splitlines()[0].split(), odd_even[3].splitlines()[0].split()
    assert even[0] == "2" and " ".join(even[1:]) == "Canal Towpaths"  # the folio outside: left
    assert " ".join(odd[:-1]) == "Towpath Trust" and odd[-1] == "3"   # and right
    chapter = [p.splitlines()[0] for p in pages["chapter-heads"][2:] if p.strip()]
    assert "1. Surfaces" in chapter[0] and "2. Repairs" in chapter[-1]


def test_the_same_truth_gives_the_same_bytes(typeset_designs, tmp_path):
    truth, pdfs = typeset_designs
    design = next(d for d in load_designs() if d.name == "page-of")
    again = tmp_path / "again.pdf"
    groff.typeset(truth, design, False, again)
    assert again.read_bytes() == pdfs["page-of"].read_bytes()


LETTERS = """---
title: Łódź and Öland
author: Jonas Öberg
---

# Ślady

Zażółć gęślą jaźń: the *Źródła* of Łódź, Ørsted's Öland and Ćwikła, set in every font's **styles**.
"""


def test_every_letter_of_the_truth_is_set_in_every_design(tmp_path):
    # groff's stock fonts have Latin-1 glyphs only (`Łód`, `lady`), and preconv's guess read a
    # mostly-ASCII file as Windows-1252 (`Ã–berg`): the engine's own fonts and -Kutf-8 set them all.
    words = set(LETTERS.replace("*", "").split()) - {"---", "#", "title:", "author:"}
    for design, printed in _printed_words(LETTERS, tmp_path):
        assert words <= printed, (design, sorted(words - printed))


def _printed_words(truth_text: str, tmp_path):
    """(design, the words pdftotext reads in groff's PDF of the truth) for each groff design."""
    truth = tmp_path / "truth.md"
    truth.write_text(truth_text, encoding="utf-8")
    for design in load_designs():
        if design.groff is None:
            continue
        pdf = tmp_path / f"{design.name}.pdf"
        groff.typeset(truth, design, False, pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        yield design.name, set(text.replace("-\n", "").split())


def test_chapter_calls_follow_only_chapter_headings():
    ms = ".SH 1\n1. Surfaces\n.LP\nText.\n.SH 2\n1.1 Grit\n.LP\nMore.\n.NH 1\nRepairs\nof Banks\n.PP\nEnd.\n"
    assert groff.with_chapter_calls(ms) == (
        ".SH 1\n1. Surfaces\n.CHAPTER 1. Surfaces\n.LP\nText.\n.SH 2\n1.1 Grit\n.LP\nMore.\n"
        ".NH 1\nRepairs\nof Banks\n.CHAPTER Repairs of Banks\n.PP\nEnd.\n")


def test_a_design_without_a_groff_template_is_left_out_of_the_groff_chains(tmp_path):
    designs = tmp_path / "designs"
    designs.mkdir()
    for name in ("a.css", "a.typst", "b.css", "b.typst", "b.ms"):
        (designs / name).write_text("", encoding="utf-8")
    spec = tmp_path / "designs.yaml"
    spec.write_text("designs:\n"
                    "  a: {description: one, paper: A4, css: a.css, typst: a.typst}\n"
                    "  b: {description: two, paper: A4, css: b.css, typst: b.typst, groff: b.ms}\n",
                    encoding="utf-8")
    loaded = {d.name: d for d in load_designs(spec)}
    assert loaded["a"].groff is None and loaded["b"].groff == designs / "b.ms"
    assert corpus_build._design_files(loaded["b"], "groff") == [designs / "b.ms",
                                                                  designs / "common.ms"]
    spec.write_text("designs:\n  a: {description: one, paper: A4, css: a.css, typst: a.typst, "
                    "troff: a.ms}\n", encoding="utf-8")
    with pytest.raises(Exception, match="may have groff"):
        load_designs(spec)


WIDE_TABLE = """---
title: Action Plan
author: Audit Team
---

# Actions

The actions agreed with management are set out below, each with its owner and its date.

| Priority | Action agreed with management | Owner of the action | Due date | Status | Cost £ | Risk |
|---|---|---|---|---|---|---|
| High | Remind cardholders of the receipt rule | Card administrator | 31 March 2025 | Open | 1,250 | Lowered |
| Medium | Review every monthly limit against use | Finance Systems Manager | 30 June 2025 | Complete | 3,400 | Removed |
"""


def test_a_table_wider_than_the_line_keeps_its_last_column_in_every_design(tmp_path):
    # pandoc's ms writer gives such a table widths in ens for a 70n line: in the narrow designs its
    # last column ran off the page and was cut in the PDF (`31 March 2025` printed `31`).
    words = set(WIDE_TABLE.split("\n| High", 1)[1].replace("|", " ").split())
    for design, printed in _printed_words(WIDE_TABLE, tmp_path):
        assert words <= printed, (design, sorted(words - printed))


def test_fitted_widths_are_never_wider_than_pandocs():
    ms = (".TS\ndelim(@@) tab(\t);\nlw(20.0n) rw(50.0n).\nT{\n.nr LL 20.0n\nCell\nT}\tT{\n"
          ".nr LL 50.0n\n42\nT}\n.TE\n.LP\n.nr LL 6i\n")
    assert groff.fit_tables(ms) == (
        ".nr PRtw1 (\\n[.l]-3n)*200/700<?20.0n\n.nr PRtw2 (\\n[.l]-3n)*500/700<?50.0n\n"
        ".TS\ndelim(@@) tab(\t);\nlw(\\n[PRtw1]u) rw(\\n[PRtw2]u).\nT{\n.nr LL \\n[PRtw1]u\nCell\n"
        "T}\tT{\n.nr LL \\n[PRtw2]u\n42\nT}\n.TE\n.LP\n.nr LL 6i\n")  # the text's own LL kept
