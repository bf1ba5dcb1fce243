"""Markdown sources (`sources/NAME.md`): the kind read from the bytes, the same checks as a text
export (metadata, footnotes, links, images, words), the canonical form as a fixed point, a build
with its images; relative links resolved or reported; heading levels as written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from pressroom import document, markdown
from pressroom.normalise.source import normalise_file, source_kind

from conftest_render import FIXTURES
from test_bad_inputs import cli

BODY = "# Findings\n\nThe survey counted answers by region.\n"


def _write(folder: Path, name: str, text: str, meta: str | None = None) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        path.with_suffix(".yaml").write_text(meta, encoding="utf-8")
    return path


def _codes(state) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in state.diagnostics.items]


# --- the kind, from the bytes ---------------------------------------------------------------

@pytest.mark.parametrize("name, text, kind", [
    ("a.md", BODY, "markdown"),                                   # the name decides a bare text
    ("a.txt", "---\ntitle: T\n---\n\n" + BODY, "markdown"),       # a metadata block decides
    ("a.txt", "% The Title\n% An Author\n\n" + BODY, "markdown"),  # so does a % title block
    ("a.txt", "\n\n% The Title\n\n" + BODY, "markdown"),
    ("a.txt", "The Title\n\n" + BODY, "text"),
    ("a.txt", "100 % of the members\n\n" + BODY, "text"),          # % with no title block
    ("a.md", "%PDF-1.7\n", "pdf"),                                 # the bytes win over the name
])
def test_the_kind_is_read_from_the_bytes(tmp_path, name, text, kind):
    assert source_kind(tmp_path / name, text.encode()) == kind


# --- metadata ---------------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["% A Title Given So\n% Jane Doe; John Roe\n% 2024-05-01\n\n",
                                    "\n\n% A Title Given So\n% Jane Doe; John Roe\n% 2024-05-01\n\n"])
def test_a_percent_title_block_is_accepted_by_normalise_and_render(tmp_path, header):
    source = _write(tmp_path, "doc.md", header + BODY)
    state = normalise_file(source)
    assert "title: A Title Given So" in state.text and "- Jane Doe\n- John Roe" in state.text
    assert "title-assumed" not in {code for code, _ in _codes(state)}
    status, stderr = cli("render", str(source), "--to", "html", "-o", str(tmp_path / "o.html"))
    assert status == 0, stderr
    assert lxml.html.parse(str(tmp_path / "o.html")).find(".//title").text == "A Title Given So"


def test_render_without_any_title_names_the_file_and_line(tmp_path):
    source = _write(tmp_path, "doc.md", BODY)
    status, stderr = cli("render", str(source), "--to", "html", "-o", str(tmp_path / "o.html"))
    assert status == 3 and stderr.startswith(f"pressroom: error: {source}:1: no title"), stderr


def test_normalise_without_a_title_assumes_one_as_for_a_text(tmp_path):
    state = normalise_file(_write(tmp_path, "harbour-review.md", BODY))
    assert "title: Harbour review" in state.text
    assert ("title-assumed", None) in _codes(state) and ("lang-assumed", None) in _codes(state)


def test_the_metadata_file_wins_and_need_not_repeat_the_title(tmp_path):
    source = _write(tmp_path, "doc.md", "---\ntitle: Own *Title*\nlang: en\n---\n\n" + BODY,
                    meta="lang: fr\npublisher: The Board\n")
    text = normalise_file(source).text
    assert "title: Own *Title*" in text  # kept as written (its emphasis too)
    assert "lang: fr" in text and "publisher: The Board" in text
    source.with_suffix(".yaml").write_text("title: From the File\n")
    assert "title: From the File" in normalise_file(source).text


def test_the_metadata_block_is_checked_as_a_metadata_file_is(tmp_path):
    source = _write(tmp_path, "doc.md", "\n---\ntitle: T\nkeywords: 3\n---\n\n" + BODY)
    status, stderr = cli("normalise", str(source), "-o", str(tmp_path / "o.md"))
    assert status == 3, stderr
    assert stderr.startswith(f"pressroom: error: {source}:4: 'keywords' must be a list of strings")
    assert not (tmp_path / "o.md").exists()


def test_pandoc_keys_of_the_block_stay_in_the_markdown(tmp_path):
    source = _write(tmp_path, "doc.md", "---\ntitle: T\nabstract: A short summary.\n---\n\n" + BODY)
    state = normalise_file(source)
    assert "abstract: A short summary." in state.text
    assert not [c for c, _ in _codes(state) if c.startswith("metadata")]


# --- footnotes, words -------------------------------------------------------------------------

def test_footnote_faults_are_reported_on_their_lines_and_nothing_is_lost(tmp_path):
    source = _write(tmp_path, "doc.md", "---\ntitle: T\nlang: en\n---\n\n"
                    "A claim.[^1] Another claim.[^9]\n\n[^1]: The source.\n\n"
                    "[^2]: A definition nobody calls, with words.\n\n"
                    "```\n[^3]: inside code, not a definition\n```\n")
    state = normalise_file(source)
    assert _codes(state) == [("footnote-undefined", 6), ("footnote-unused", 10)]
    assert "\\[\\^9\\]" in state.text and "A definition nobody calls, with words." in state.text
    assert state.accounting["balanced"] and state.accounting["source_words"] == 20


def test_the_word_accounting_sees_a_word_lost_on_the_way(tmp_path, monkeypatch):
    """The check can fail: a writer that loses a word is caught."""
    source = _write(tmp_path, "doc.md", "---\ntitle: T\nlang: en\n---\n\n" + BODY)
    writer = markdown.from_ast
    monkeypatch.setattr(markdown, "from_ast", lambda ast: writer(ast).replace("region", ""))
    state = normalise_file(source)
    assert ("words-unbalanced", None) in _codes(state)
    assert state.accounting["missing"] == {"region": 1}


@pytest.mark.parametrize("fixture", ["figures.md", "sample.md", "captions.md", "render_hostile.md"])
def test_normalising_a_markdown_source_twice_changes_nothing(tmp_path, fixture):
    source = tmp_path / fixture
    shutil.copyfile(FIXTURES / fixture, source)
    if (FIXTURES / Path(fixture).stem).is_dir():
        shutil.copytree(FIXTURES / Path(fixture).stem, tmp_path / Path(fixture).stem)
    once = normalise_file(source)
    assert once.accounting["balanced"], once.accounting
    source.write_text(once.text, encoding="utf-8")
    assert normalise_file(source).text == once.text


# --- a build ----------------------------------------------------------------------------------

def test_build_takes_a_markdown_source_and_copies_its_images(tmp_path):
    sources = tmp_path / "sources"
    (sources / "rep").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "figures" / "chart.png", sources / "rep" / "chart.png")
    _write(sources, "rep.md", "---\ntitle: Rep\nlang: en\n---\n\n# A\n\n"
           "![Answers by region](rep/chart.png)\n\nSee [the part](rep.md#a).\n")
    status, stderr = cli("-q", "build", "rep", "--sources", str(sources),
                         "--build-dir", str(tmp_path / "build"))
    assert status == 0, stderr
    out = tmp_path / "build" / "rep"
    assert (out / "rep" / "chart.png").read_bytes() == (sources / "rep" / "chart.png").read_bytes()
    assert {p.suffix for p in out.iterdir() if p.is_file()} == {".md", ".json", ".pdf", ".epub",
                                                                ".html", ".docx"}
    page = lxml.html.parse(str(out / "rep.html")).getroot()
    assert page.xpath("//main//img/@alt") == ["Answers by region"]
    assert page.xpath("//main//a[normalize-space()='the part']/@href") == ["#a"]  # resolved
    assert json.loads((out / "rep.audit.json").read_text())["accounting"]["balanced"]


def test_normalise_refuses_an_output_name_its_images_would_not_follow(tmp_path):
    (tmp_path / "doc").mkdir()
    shutil.copyfile(FIXTURES / "figures" / "chart.png", tmp_path / "doc" / "chart.png")
    source = _write(tmp_path, "doc.md", "---\ntitle: T\n---\n\n![a chart](doc/chart.png)\n")
    status, stderr = cli("normalise", str(source), "-o", str(tmp_path / "out" / "other.md"))
    assert status == 2 and "name it doc.md" in stderr, stderr
    status, stderr = cli("normalise", str(source), "-o", str(tmp_path / "out" / "doc.md"))
    assert status == 0 and (tmp_path / "out" / "doc" / "chart.png").is_file(), stderr


# --- relative links ---------------------------------------------------------------------------

LINKS = """---
title: Links
---

# 1. Start {#1-start}

To [the method](#method), to [the start](#1-start), to [myself](doc.md#method),
to [nowhere](#nowhere), to [another file](other.md#x), to [a folder](../).

## Method

Done.
"""


def test_relative_links_are_resolved_or_reported_on_their_line(tmp_path):
    source = _write(tmp_path, "doc.md", LINKS)
    status, stderr = cli("render", str(source), "--to", "html", "-o", str(tmp_path / "o.html"))
    assert status == 0, stderr
    reported = [line for line in stderr.splitlines() if "[link-unresolved]" in line]
    assert [r.split(": warning")[0] for r in reported] == [f"pressroom: {source}:8"] * 3, stderr
    assert [r.split("'")[1] for r in reported] == ["#nowhere", "other.md#x", "../"]
    page = lxml.html.parse(str(tmp_path / "o.html")).getroot()
    hrefs = dict((a.text_content(), a.get("href")) for a in page.xpath("//main//a"))
    assert hrefs["the method"] == "#method" and hrefs["myself"] == "#method"
    assert hrefs["the start"] == "#h-1-start"  # the id made safe, the link following it
    assert page.xpath("//main//span[@class='refused-link']/text()") == ["nowhere", "another file",
                                                                         "a folder"]


# --- heading levels -----------------------------------------------------------------------------

def _levels(text: str, tmp_path: Path, to: str = "html") -> list[str]:
    source = _write(tmp_path, "doc.md", "---\ntitle: T\n---\n\n" + text)
    doc = document.load(source)
    from pressroom.render.html_ast import Serialiser
    from pressroom.render.notes import EpubNotes, HtmlNotes

    shift, notes = (1, HtmlNotes()) if to == "html" else (0, EpubNotes())
    html = Serialiser(doc, notes, heading_shift=shift).blocks(
        [b for s in doc.sections for b in s.blocks])
    return [f"{e.tag}{'/' + e.get('aria-level') if e.get('aria-level') else ''}"
            for e in lxml.html.fragment_fromstring(str(html), create_parent="div")]


def test_heading_levels_follow_the_document_as_written(tmp_path):
    # the canonical convention: `#` sections under the title's <h1>, as before
    assert _levels("# A\n\n## B\n\n### C\n", tmp_path) == ["h2", "h3", "h4"]
    # a document written from `##` keeps `##` as <h2>: nothing pushed down a level
    assert _levels("## A\n\n### B\n", tmp_path) == ["h2", "h3"]
    # six levels under the title: the sixth keeps its own level, not the fifth's
    six = "".join(f"{'#' * n} L{n}\n\n" for n in range(1, 7))
    assert _levels(six, tmp_path) == ["h2", "h3", "h4", "h5", "h6", "h6/7"]
    # an EPUB chapter file has no title above: `#` is <h1>, and `##` from a `##` document too
    assert _levels("## A\n\n### B\n", tmp_path, "epub") == ["h1", "h2"]
    assert _levels(six, tmp_path, "epub") == ["h1", "h2", "h3", "h4", "h5", "h6"]



def test_render_checked_shows_the_sources_image_and_link_warnings_only_with_v(tmp_path):
    """make renders with --checked: normalise printed them, with the source's lines, once."""
    source = _write(tmp_path, "doc.md", "---\ntitle: T\n---\n\nSee [nowhere](#nowhere) "
                    "and ![a chart](https://example.org/c.png).\n")
    out = str(tmp_path / "o.html")
    assert "[link-unresolved]" in cli("render", str(source), "--to", "html", "-o", out)[1]
    status, stderr = cli("render", "--checked", str(source), "--to", "html", "-o", out)
    assert status == 0 and "warning" not in stderr, stderr
    stderr = cli("-v", "render", "--checked", str(source), "--to", "html", "-o", out)[1]
    assert "[link-unresolved]" in stderr and "[image-refused]" in stderr
