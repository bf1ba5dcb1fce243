"""The Word edition, opened with python-docx: headings, real footnotes, core metadata, the contents
field, the typography of the reference document, and the same bytes from the same input."""

from __future__ import annotations

import dataclasses
import zipfile

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from pressroom.render.docx import docx_lines
from pressroom.render import get_renderer, select
from pressroom.render.docx import pandoc_ast
from pressroom.render.docx_styles import css_rules, typography
from pressroom.render.templating import stylesheet_paths

from conftest_render import BUILD_DATE, REAL_NAMES, docs  # noqa: F401

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = ["report", "sample", *REAL_NAMES]


@pytest.fixture(scope="module")
def outputs(docs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    edition = select(["docx"])[0]
    return {name: get_renderer("docx").render(docs[name], edition, folder / f"{name}.docx",
                                              BUILD_DATE).path for name in NAMES}


def _part(path, name: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


@pytest.mark.parametrize("name", NAMES)
def test_headings_are_word_headings_of_the_heading_tree(outputs, docs, name):
    word = docx.Document(str(outputs[name]))
    level1 = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    level2 = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert level1 == [h.title for h in docs[name].toc]
    assert level2 == [c.title for h in docs[name].toc for c in h.children]


@pytest.mark.parametrize("name", NAMES)
def test_notes_are_real_word_footnotes(outputs, docs, name):
    notes = docs[name].notes
    body = _part(outputs[name], "word/document.xml")
    calls = body.findall(f".//{W}footnoteReference")
    assert len(calls) == len(notes) > 0
    footnotes = _part(outputs[name], "word/footnotes.xml")
    bodies = {f.get(f"{W}id"): f for f in footnotes.findall(f"{W}footnote")}
    for call, note in zip(calls, notes):
        text = "".join(t.text or "" for t in bodies[call.get(f"{W}id")].iter(f"{W}t"))
        first_words = docx_text_of(note.blocks).split()[:4]
        assert first_words and " ".join(first_words) in " ".join(text.split())


def docx_text_of(blocks) -> str:
    from pressroom.document import stringify, walk

    return " ".join(stringify(n["c"]) for n in walk(blocks) if n["t"] in ("Para", "Plain"))


def test_core_properties_from_the_metadata(outputs, docs):
    meta = docs["report"].meta
    props = docx.Document(str(outputs["report"])).core_properties
    assert props.title == meta.title
    assert props.author == "; ".join(meta.authors) and meta.authors
    assert props.language == meta.lang
    assert props.keywords == ", ".join(meta.keywords) and meta.keywords
    assert props.created.replace(tzinfo=None) == BUILD_DATE
    assert props.modified.replace(tzinfo=None) == BUILD_DATE


def test_a_contents_field_word_fills_in(outputs):
    body = _part(outputs["report"], "word/document.xml")
    instructions = [i.text for i in body.iter(f"{W}instrText")]
    assert any(i.strip().startswith("TOC") for i in instructions)
    gallery = body.find(f".//{W}docPartGallery")
    assert gallery is not None and gallery.get(f"{W}val") == "Table of Contents"


def test_styles_take_the_print_typography(outputs):
    typo = typography(stylesheet_paths(get_renderer("docx").stylesheets))
    assert typo.family == "EB Garamond" and typo.body_pt == 12.0  # html in base.css, paged.css
    styles = docx.Document(str(outputs["report"])).styles
    heading = styles["Heading 1"].font
    assert heading.name == "EB Garamond"
    assert heading.size.pt == round(typo.headings_pt[0] * 2) / 2  # Word sizes in half points
    assert typo.headings_pt[0] == pytest.approx(12 * 1.5)  # h2 { font-size: 1.5em }
    assert styles["Footnote Text"].font.size == Pt(8.5)     # .footnote in paged.css
    assert str(heading.color.rgb) == typo.ink == "1A1A1A"     # --ink, not pandoc's blue
    defaults = _part(outputs["report"], "word/styles.xml").find(f"{W}docDefaults//{W}rFonts")
    assert defaults.get(f"{W}ascii") == "EB Garamond" and defaults.get(f"{W}asciiTheme") is None


def test_css_reader_resolves_custom_properties_and_em(tmp_path):
    sheet = tmp_path / "t.css"
    sheet.write_text(":root { --ink: #123; }\nhtml { font-size: 10pt; font-family: 'Foo', serif;"
                     " color: var(--ink); line-height: 1.6 }\n@page { size: A4; }\n"
                     "h2, h3 { font-size: 2em; }\n.footnote { font-size: 0.5em; }\n")
    assert css_rules([sheet])["h3"] == {"font-size": "2em"}
    typo = typography([sheet])
    assert (typo.family, typo.body_pt, typo.line_height, typo.ink) == ("Foo", 10, 1.6, "112233")
    assert typo.headings_pt[:2] == (20, 20) and typo.note_pt == 5


def test_same_input_same_bytes(docs, tmp_path):
    edition = select(["docx"])[0]
    renderer = get_renderer("docx")
    first = renderer.render(docs["report"], edition, tmp_path / "a" / "r.docx", BUILD_DATE).path
    second = renderer.render(docs["report"], edition, tmp_path / "b" / "r.docx", BUILD_DATE).path
    assert first.read_bytes() == second.read_bytes()


def test_the_ast_written_back_keeps_every_note_in_place(docs):
    ast = pandoc_ast(docs["report"])
    text = str(ast["blocks"])
    assert "NoteRef" not in text and text.count("'Note'") == len(docs["report"].notes)


def test_a_project_reference_document_wins(docs, tmp_path, monkeypatch):
    """templates/docx/reference.docx in the project is handed to pandoc instead of ours."""
    import io

    ours = docx.Document(str(_render(docs, tmp_path / "ours.docx")))
    assert ours.styles["Normal"].font.name is None  # inherits EB Garamond from the defaults
    custom = docx.Document()
    custom.styles["Normal"].font.name = "Courier New"
    (tmp_path / "project" / "templates" / "docx").mkdir(parents=True)
    buffer = io.BytesIO()
    custom.save(buffer)
    (tmp_path / "project" / "templates" / "docx" / "reference.docx").write_bytes(buffer.getvalue())
    monkeypatch.chdir(tmp_path / "project")
    theirs = docx.Document(str(_render(docs, tmp_path / "theirs.docx")))
    assert theirs.styles["Normal"].font.name == "Courier New"


def _render(docs, out):
    edition = dataclasses.replace(select(["docx"])[0])
    return get_renderer("docx").render(docs["sample"], edition, out, BUILD_DATE).path


def test_review_lines_show_text_notes_and_properties(outputs, docs):
    lines = docx_lines(outputs["report"])
    assert f"property title: {docs['report'].meta.title}" in lines
    assert any(line.startswith("[Heading1] ") for line in lines)
    assert "== word/footnotes.xml" in lines
    assert any(line.startswith("resource word/styles.xml sha256:") for line in lines)
