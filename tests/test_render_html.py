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
    top = root.xpath("//nav/ol/li")
    assert [li.xpath("string(a)") for li in top] == [h.title for h in docs["report"].toc]
    assert [li.xpath("a/@href")[0] for li in top] == [f"#{h.id}" for h in docs["report"].toc]


def test_no_contents_without_headings(pages):
    assert not tree(pages["captions"]).xpath("//nav")


def test_fetches_nothing(pages):
    for name, markup in pages.items():
        root = tree(markup)
        assert not root.xpath("//script | //link | //img | //iframe | //object | //@src")
        assert "data:font/ttf;base64," in root.xpath("string(//style)")


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
        aside = root.xpath(f"//aside[@id='{note.id}']")[0]
        assert aside.get("role") == "doc-footnote"
        assert aside.xpath(".//a[@role='doc-backlink']/@href") == [f"#{note.ref_id}"]


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
    assert not root.xpath("//script | //iframe | //img | //@onclick | //@style")
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
