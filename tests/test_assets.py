"""Images beside a document (`NAME.md` → `NAME/…`): drawn in every edition, checked by structure;
the hostile image paths are in test_bad_inputs.py."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pypdf
import pytest
from lxml import etree

from pressroom import document
from pressroom.assets import media_type
from pressroom.render import select
from pressroom.render.epub import epub_bytes
from pressroom.render.html import page
from pressroom.render.pdf import pdf_bytes, restricted_fetcher

from conftest_render import BUILD_DATE, FIXTURES
from test_bad_inputs import cli

FIGURES = FIXTURES / "figures.md"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def figures() -> document.Document:
    return document.load(FIGURES)


def test_the_fixture_images_are_accepted_without_warnings(figures):
    assert [a.media_type for a in figures.assets.values()] == ["image/png", "image/svg+xml",
                                                               "image/jpeg"]
    assert figures.diagnostics == []


def test_html_inlines_each_image_with_its_alt_and_numbers_the_figures(figures):
    root = lxml.html.fromstring(page(figures, select(["html"])[0], BUILD_DATE))
    images = root.xpath("//main//img")
    assert [i.get("alt") for i in images] == [
        "Answers by region, in hundreds",
        "two boxes joined by a line: the intake, then the review",
        "A round yellow sun over a green field"]
    assert [i.get("src").split(";")[0] for i in images] == [
        "data:image/png", "data:image/svg+xml", "data:image/jpeg"]
    assert images[0].get("style") == "width: 60%" and images[1].get("style") == "width: 120px"
    captions = [" ".join(c.text_content().split()) for c in root.xpath("//figure/figcaption")]
    assert captions == ["Figure 1. Answers by region, in hundreds", "Figure 2. The site in spring"]


def test_epub_manifest_carries_the_images_with_their_media_types(figures):
    data = epub_bytes(figures, select(["epub"])[0], BUILD_DATE)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        opf = etree.fromstring(book.read("EPUB/content.opf"))
        items = {i.get("href"): i.get("media-type") for i in opf.xpath("//opf:item", namespaces=OPF)
                 if i.get("href").startswith("assets/")}
        assert items == {"assets/001.png": "image/png", "assets/002.svg": "image/svg+xml",
                         "assets/003.jpg": "image/jpeg"}
        for href in items:  # the bytes packaged are the source's
            assert book.read(f"EPUB/{href}") in {p.read_bytes() for p in (FIXTURES / "figures").iterdir()}
        sources = set()
        for name in book.namelist():
            if name.endswith(".xhtml") and name.startswith("EPUB/section"):
                sources |= {i.get("src") for i in etree.fromstring(book.read(name)).xpath(
                    "//x:img", namespaces=XHTML)}
        assert sources == set(items)
        modes = opf.xpath("//opf:meta[@property='schema:accessMode']/text()", namespaces=OPF)
        assert modes == ["textual", "visual"]


def test_pdf_draws_the_bitmaps_as_image_objects(figures, tmp_path):
    data = pdf_bytes(figures, select(["pdf-a4"])[0], BUILD_DATE, tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(data))
    sizes = set()
    for pdf_page in reader.pages:
        xobjects = pdf_page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Image":
                sizes.add((int(obj["/Width"]), int(obj["/Height"])))
    assert sizes == {(160, 100), (90, 60)}  # the PNG and the JPEG (the SVG is drawn as paths)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Figure 1. Answers by region" in " ".join(text.split())


def test_the_pdf_fetcher_serves_the_image_folder_and_nothing_beside_it(figures, tmp_path):
    fetcher = restricted_fetcher([figures.asset_folder])
    assert fetcher.fetch((FIXTURES / "figures" / "chart.png").as_uri())
    with pytest.raises(ValueError):
        fetcher.fetch(FIGURES.as_uri())  # the Markdown beside the folder


def test_media_type_is_read_from_the_bytes():
    folder = FIXTURES / "figures"
    assert media_type((folder / "chart.png").read_bytes()) == "image/png"
    assert media_type((folder / "photo.jpg").read_bytes()) == "image/jpeg"
    assert media_type((folder / "diagram.svg").read_bytes()) == "image/svg+xml"
    assert media_type(b"\x89PNG\r\n\x1a\n" + b"not really") is None  # a truncated PNG
    assert media_type(b"<html><script>alert(1)</script></html>") is None
    assert media_type(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') is None
    assert media_type(b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>') is None
    assert media_type(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') is None
    assert media_type(b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>') is None


def test_an_image_without_alt_text_is_drawn_with_a_warning(tmp_path):
    (tmp_path / "doc").mkdir()
    shutil.copyfile(FIXTURES / "figures" / "chart.png", tmp_path / "doc" / "good.png")
    doc = tmp_path / "doc.md"
    doc.write_text("---\ntitle: T\n---\n\nA line.\n\n![](doc/good.png)\n", encoding="utf-8")
    status, stderr = cli("render", str(doc), "--to", "html", "-o", str(tmp_path / "o.html"))
    assert status == 0 and f"{doc}:7: warning: image 'doc/good.png' has no alt text" in stderr
    assert "[image-alt-missing]" in stderr
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="">', (tmp_path / "o.html").read_text())


def test_a_folder_that_is_a_link_elsewhere_holds_nothing_usable(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(FIXTURES / "figures" / "chart.png", elsewhere / "chart.png")
    (tmp_path / "project").mkdir()
    os.symlink(elsewhere, tmp_path / "project" / "doc")
    doc = tmp_path / "project" / "doc.md"
    doc.write_text("---\ntitle: T\n---\n\n![a chart](doc/chart.png)\n", encoding="utf-8")
    loaded = document.load(doc)
    assert loaded.assets == {} and [d.code for d in loaded.diagnostics] == ["image-refused"]


# --- validators on the editions with images ----------------------------------------------------

@pytest.fixture(scope="module")
def figure_editions(figures, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("figures")
    (out / "figures.epub").write_bytes(epub_bytes(figures, select(["epub"])[0], BUILD_DATE))
    (out / "figures.html").write_text(page(figures, select(["html"])[0], BUILD_DATE), encoding="utf-8")
    return {"epub": out / "figures.epub", "html": out / "figures.html"}


@pytest.mark.slow
@pytest.mark.browser
def test_the_editions_with_images_validate(figure_editions):
    import validators as v

    assert v.epubcheck(figure_editions["epub"]) == []
    assert v.ace(figure_editions["epub"]) == []
    assert v.vnu(figure_editions["html"], warnings=True) == []
    assert v.axe(figure_editions["html"], tags=["wcag2a", "wcag2aa", "wcag21aa", "best-practice"],
                 viewports=[(390, 844), (1440, 900)]) == []
