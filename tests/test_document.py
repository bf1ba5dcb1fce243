"""The Document model: meta, heading tree, sections, structured notes; and the editions loader."""

from __future__ import annotations

import re
import shutil

import pytest

from pressroom import document
from pressroom.errors import InputError, UsageError
from pressroom.render import editions

from conftest_render import FIXTURES


def test_meta_from_the_yaml_block():
    doc = document.load(FIXTURES / "sample.md")
    assert doc.meta.title == "Fostering a Global Community of Shared Future"
    assert doc.meta.subtitle.startswith("Contemporary Significance")
    assert doc.meta.authors == ("Xinhua Institute",)
    assert doc.meta.lang == "en" and doc.meta.identifier == "urn:pressroom:sample"
    assert doc.meta.rights.startswith("©")


def test_heading_tree_keeps_source_numbering():
    doc = document.load(FIXTURES / "sample.md")
    assert [h.title for h in doc.toc] == [
        "I. Improving Global Governance: A Chinese Initiative Responding to Common Challenges",
        "II. Standing for Mutual Appreciation: A Chinese Proposition Resonating Globally",
        "III. Lists, Rules and Quotations", "IV. Tables", "V. Code and Mathematics",
        "VI. Inline Styles", "VII. Citations and Scripts", "VIII. Notes with Blocks",
        "References"]  # citeproc's section
    assert [c.title[:2] for c in doc.toc[0].children] == ["1.", "2."]
    assert all(c.level == 2 for h in doc.toc for c in h.children)


def test_opening_matter_is_its_own_section():
    doc = document.load(FIXTURES / "sample.md")
    assert [s.id for s in doc.sections][0] == document.OPENING_ID
    assert doc.sections[0].heading is None
    assert [s.heading.id for s in doc.sections[1:]] == [h.id for h in doc.toc]


def test_notes_are_lifted_numbered_and_placed():
    doc = document.load(FIXTURES / "sample.md")
    assert [n.number for n in doc.notes] == [1, 2, 3, 4, 5, 6]
    assert [n.section for n in doc.notes] == [0, 0, 1, 2, 8, 8]
    assert document.stringify(doc.notes[0].blocks[0]["c"]).startswith("https://www.gov.cn/ldhd")
    refs = [n["c"] for n in document.walk([s.blocks for s in doc.sections]) if n["t"] == "NoteRef"]
    assert refs == [1, 2, 3, 4, 5, 6]
    assert not any(n["t"] == "Note" for n in document.walk([s.blocks for s in doc.sections]))


def test_notes_numbered_in_reading_order_even_when_nested():
    doc = document.from_markdown("---\ntitle: T\n---\n\n*a[^1]* b[^2]\n\n[^1]: one\n\n[^2]: two\n")
    assert [document.stringify(n.blocks[0]["c"]) for n in doc.notes] == ["one", "two"]


def test_document_without_headings_is_one_section():
    doc = document.load(FIXTURES / "captions.md")
    assert doc.toc == [] and len(doc.sections) == 1 and doc.notes == []


def test_heading_ids_are_unique_and_never_clash_with_notes():
    doc = document.from_markdown("---\ntitle: T\n---\n\n# A\n\n# A\n\n# fn1 {#fn1}\n")
    ids = [h.id for h in doc.toc]
    assert len(set(ids)) == 3 and "fn1" not in ids


def test_missing_title_is_an_input_error():
    with pytest.raises(InputError):
        document.from_markdown("no metadata at all\n")


def test_keywords_list_or_comma_string():
    doc = document.from_markdown("---\ntitle: T\nkeywords: a, b\n---\n\nx\n")
    assert doc.meta.keywords == ("a", "b")


def test_editions_file_declares_the_default_set():
    all_editions, default = editions.load_editions()
    assert default == ["pdf-a4", "epub", "html", "docx"]
    assert all_editions["pdf-letter"].file_name("x") == "x.letter.pdf"
    assert all_editions["pdf-a4"].file_name("x") == "x.pdf"
    assert [e.name for e in editions.select()] == default


@pytest.mark.parametrize("bad", [
    "editions: {x: {renderer: rtf, output: '{name}.rtf'}}",
    "editions: {x: {renderer: pdf, output: 'fixed.pdf'}}",
    "editions: {x: {renderer: pdf, output: '{name}.pdf', paper: napkin}}",
    "editions: {x: {renderer: pdf, output: '{name}.pdf', css: [missing.css]}}",
    "editions: {x: {renderer: pdf, output: '{name}.pdf', colour: red}}",
    "default: [y]\neditions: {x: {renderer: pdf, output: '{name}.pdf'}}",
])
def test_editions_loader_rejects_bad_data(tmp_path, bad):
    path = tmp_path / "editions.yaml"
    path.write_text(bad)
    with pytest.raises(InputError):
        editions.load_editions(path)


def test_unknown_edition_name_is_a_usage_error():
    with pytest.raises(UsageError):
        editions.select(["pdf-a0"])


def test_anchors_found_in_the_same_walk_as_the_notes():
    """Headings, spans and divs map to their section, inside notes too; notes to the citing one;
    the file path (pandoc reading the file) and the text path build the same model."""
    text = ("---\ntitle: T\n---\n\nOpening.\n\n# One\n\nA [span]{#s1} and a call.[^1]\n\n"
            "::: {#d1}\nIn a div.\n:::\n\n# Two\n\nSecond.[^2]\n\n"
            "[^1]: Note with [an anchor]{#in-note}.\n\n[^2]: Plain.\n")
    doc = document.from_markdown(text)
    section = {s.id: s.index for s in doc.sections}
    where = {a: doc.section_of(a).index for a in ("one", "s1", "d1", "in-note", "fn1", "fnref1",
                                                   "two", "fn2", "fnref2", document.OPENING_ID)}
    assert where == {"one": section["one"], "s1": section["one"], "d1": section["one"],
                     "in-note": section["one"], "fn1": section["one"], "fnref1": section["one"],
                     "two": section["two"], "fn2": section["two"], "fnref2": section["two"],
                     document.OPENING_ID: 0}
    assert [n.section for n in doc.notes] == [section["one"], section["two"]]
    assert doc.section_of("nowhere") is None


def test_loading_a_file_gives_the_model_of_its_text(tmp_path):
    path = tmp_path / "sample.md"  # with its image folder beside it, as in the fixtures
    # (without its bibliography: from_markdown reads text only, and resolves no citation)
    text = (FIXTURES / "sample.md").read_text(encoding="utf-8")
    path.write_text(re.sub(r"^bibliography: .*\n", "", text, flags=re.M), encoding="utf-8")
    shutil.copytree(FIXTURES / "sample", tmp_path / "sample")
    from_file, from_text = document.load(path), document.from_markdown(path.read_text(encoding="utf-8"))
    assert from_file.toc == from_text.toc and from_file.notes == from_text.notes
    assert [s.blocks for s in from_file.sections] == [s.blocks for s in from_text.sections]
