"""The web edition: one standalone, semantic, safe page (XPath on the parsed HTML)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from pressroom.render import get_renderer, select
from pressroom.render.html import page
from pressroom.render.html_ast import Serialiser
from pressroom.render.notes import EpubNotes, HtmlNotes, PdfNotes

from conftest_render import (BUILD_DATE, REAL_NAMES, docs, document_words,  # noqa: F401
                             missing_words, words)

NAMES = ["sample", "report", "captions", "hostile", *REAL_NAMES]


@pytest.fixture(scope="session")
def pages(docs) -> dict[str, str]:
    edition = select(["html"])[0]
    return {name: page(docs[name], edition, BUILD_DATE) for name in NAMES}


def tree(markup: str):
    return lxml_html.document_fromstring(markup)


def test_landmarks_lang_and_skip_link(pages):
    root = tree(pages["sample"])
    assert root.get("lang") == "en"
    assert len(root.xpath("//main")) == 1 and root.xpath("//header") and root.xpath("//footer")
    assert root.xpath("//nav[@aria-labelledby='contents-title']")
    skip = root.xpath("//a[@class='skip-link']/@href")
    assert skip == ["#main"] and root.xpath("//main[@id='main']")
    assert root.xpath("//meta[@name='viewport']")
    assert len(root.xpath("//h1")) == 1


def test_contents_nav_from_the_heading_tree(pages, docs):
    root = tree(pages["report"])
    top = root.xpath("//nav/details/ol/li")
    assert [li.xpath("string(a)") for li in top] == [h.title for h in docs["report"].toc]
    assert [li.xpath("a/@href")[0] for li in top] == [f"#{h.id}" for h in docs["report"].toc]


def test_no_contents_without_headings(pages):
    assert not tree(pages["captions"]).xpath("//nav")


def test_fetches_nothing(pages):
    from pressroom.render.html import SCRIPT
    for name, markup in pages.items():
        root = tree(markup)
        assert not root.xpath("//link | //iframe | //object")
        # Images are inlined (the sample's figure): a src is a data: URI, never a fetch.
        assert all(src.startswith("data:image/") for src in root.xpath("//@src"))
        # The one script is the contents script, inlined (pages with contents only).
        assert [s.text.strip() for s in root.xpath("//script")] in (
            [], [SCRIPT.read_text(encoding="utf-8").strip()])
        css = root.xpath("string(//style)")
        assert "data:font/woff2;base64," in css and "font/ttf" not in css


def test_fonts_are_woff2_subsets_of_the_faces_the_page_uses(pages):
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    from pressroom.render.templating import find_template
    from pressroom.render.webfonts import page_characters
    for name in ("report", "shared-future"):
        markup = pages[name]
        css = tree(markup).xpath("string(//style)")
        faces = re.findall(r"@font-face\s*\{[^}]*\}", css)
        # Regular, italic and bold; no bold italic: nothing emphasised inside a heading or a strong.
        assert sorted(re.search(r"font-style: (\w+); font-weight: (\d+)", f).groups()
                      for f in faces) == [("italic", "400"), ("normal", "400"), ("normal", "700")]
        characters = set(page_characters(markup)) - {" ", "\u00a0"}
        for face in faces:
            data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", face).group(1))
            font = TTFont(io.BytesIO(data))
            assert font.flavor == "woff2"
            cmap = font.getBestCmap()
            assert {chr(c) for c in cmap} >= characters - {"\u200b"}
            assert len(cmap) < 200  # a subset: the full Latin font maps several hundred
        # Subsets, not whole faces: the three whole faces in base64 would be about 870 kB alone.
        whole = sum(find_template(f"fonts/EBGaramond-{style}.ttf").stat().st_size
                    for style in ("Regular", "Italic", "Bold")) * 4 / 3
        assert len(markup) < whole / 2


def test_no_xml_slash_on_void_elements(pages):
    for markup in pages.values():
        assert " />" not in markup


@pytest.mark.parametrize("name", NAMES)
def test_internal_links_resolve(pages, name):
    root = tree(pages[name])
    ids = set(root.xpath("//@id"))
    for href in root.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_notes_linked_both_ways(pages, docs):
    root = tree(pages["report"])
    for note in docs["report"].notes:
        ref = root.xpath(f"//a[@id='{note.ref_id}']")[0]
        assert ref.get("href") == f"#{note.id}" and ref.get("role") == "doc-noteref"
        # The sidenote follows its call at once, inside the same paragraph.
        side = ref.getnext()
        assert side is not None and side.get("id") == note.id and side.get("class") == "sidenote"
        assert side.get("role") == "doc-footnote"
        assert side.xpath(".//a[@role='doc-backlink']/@href") == [f"#{note.ref_id}"]
        # And again in the section's notes, with a link back.
        end = root.xpath(f"//div[@class='section-notes']/div[@id='end-{note.id}']")[0]
        assert end.xpath(".//a[@role='doc-backlink']/@href") == [f"#{note.ref_id}"]


def test_one_notes_heading_per_section_with_notes(pages, docs):
    root = tree(pages["report"])
    for section in root.xpath("//main/*[contains(@class, 'body-section')]"):
        calls = section.xpath(".//a[@role='doc-noteref']/@href")
        blocks = section.xpath("./div[@class='section-notes']")
        assert len(blocks) == (1 if calls else 0)
        if calls:
            assert blocks[0].xpath("string(*[1])") == "Notes"
            assert blocks[0] is section[-1]
            assert [f"#{p.get('id')[4:]}" for p in blocks[0].xpath("div")] == calls


@pytest.mark.parametrize("name", NAMES)
def test_every_word_is_on_the_page(pages, docs, name):
    body = " ".join(tree(pages[name]).xpath("//body")[0].itertext())
    assert missing_words(document_words(docs[name]), words(body)) == {}


def test_captions_and_dateline_keep_their_classes(pages):
    root = tree(pages["captions"])
    assert root.xpath("//div[@class='caption']/p/span[@class='credit']")
    assert root.xpath("//span[@class='dateline']")


def test_hostile_source_cannot_inject(pages):
    root = tree(pages["hostile"])
    assert not root.xpath("//script[not(preceding::main)] | //iframe | //img | //@onclick | //@style")
    assert len(root.xpath("//script")) <= 1
    for href in root.xpath("//a/@href"):
        assert href.startswith(("#", "https:", "mailto:")), href
    refused = [" ".join(s.text_content().split()) for s in root.xpath("//span[@class='refused-link']")]
    assert {"javascript link", "file link", "data link", "relative link",
            "dangling fragment", "another bad link"} <= set(refused)
    assert root.xpath("//span[contains(@class, 'ok-class')]")
    assert "alert" not in root.xpath("string(//title)")


def test_same_input_same_bytes(docs, tmp_path):
    edition = select(["html"])[0]
    first = get_renderer("html").render(docs["sample"], edition, tmp_path / "a" / "s.html",
                                        BUILD_DATE).path
    second = get_renderer("html").render(docs["sample"], edition, tmp_path / "b" / "s.html",
                                         BUILD_DATE).path
    assert first.read_bytes() == second.read_bytes()
    assert not list((tmp_path / "a").glob(".*.part"))  # atomic write left no temporary file


@pytest.mark.parametrize("style", [PdfNotes, EpubNotes, HtmlNotes])
def test_note_styles_link_call_and_body(docs, style):
    out = Serialiser(docs["sample"], style()).section(docs["sample"].sections[0].blocks)
    assert 'href="#fn1"' in out and 'id="fnref1"' in out
    assert 'id="fn1"' in out and 'href="#fnref1"' in out
