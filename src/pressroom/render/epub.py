"""The EPUB 3 edition: one XHTML file per top-level section, packaged by ebooklib, re-zipped reproducibly.

Nothing is fetched: stylesheets and fonts come from templates/. ebooklib writes the OPF and the NCX;
the navigation document comes from the shared templates (so no page-list is ever added).
"""

from __future__ import annotations

import datetime
import io
import uuid
from pathlib import Path

from .. import fsio
from ..document import Document, Heading, walk
from . import Rendered, Renderer, scripts
from .editions import Edition
from .epub_zip import reproducible_zip
from .html_ast import Serialiser
from .notes import EpubNotes
from .templating import (base_context, font_files, render_template, section_views,
                         stylesheet_paths)

XHTML = "application/xhtml+xml"
COVER_IMAGE = "images/cover.png"
# The document's own images, numbered in reading order (names from the source never reach the
# package, whatever characters they have): assets/001.png, assets/002.svg…
ASSET_SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg"}
# Characters the templates may print besides the document's text: ASCII (labels, dates, the
# identifier), typographic quotes and dashes, the ellipsis and the no-break space.
TEMPLATE_CHARACTERS = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("\u00a0“”‘’–—…·©")
SCRIPTS_CSS = "css/scripts.css"  # the @font-face rules of a book's script faces (scripts.py)
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary",
     "Text-only publication with a navigable table of contents, headings for every section, "
     "and footnotes linked both ways."),
]
# A book with images is read visually too; every image has its alt text (or a warning said not).
ACCESSIBILITY_IMAGES = [
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary",
     "Publication with a navigable table of contents, headings for every section, footnotes "
     "linked both ways, and a text alternative for each image."),
]

ACCESSIBILITY_MATH = ("MathML", "describedMath")


def asset_file(index: int, media_type: str) -> str:
    return f"assets/{index:03d}{ASSET_SUFFIX[media_type]}"


def book_identifier(document: Document) -> str:
    """The document's own identifier (the normaliser gives every document one), else a UUID
    derived from its title: stable across builds, and the one the colophon prints."""
    if document.meta.identifier:
        return document.meta.identifier
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'pressroom:{document.meta.title}')}"


def section_file(index: int) -> str:
    return f"section-{index:02d}.xhtml"


def _metadata(book, document: Document, build_date: datetime.datetime) -> None:
    meta = document.meta
    book.set_identifier(book_identifier(document))
    book.set_title(meta.title)
    book.set_language(meta.lang)
    for i, author in enumerate(meta.authors):
        book.add_author(author, uid=f"creator{i + 1}")
    for name, value in (("publisher", meta.publisher), ("rights", meta.rights),
                        ("description", meta.description), ("date", meta.date)):
        if value:
            book.add_metadata("DC", name, value)
    for keyword in meta.keywords:
        book.add_metadata("DC", "subject", keyword)
    for prop, value in ACCESSIBILITY_IMAGES if document.assets else ACCESSIBILITY:
        book.add_metadata(None, "meta", value, {"property": prop})
    if any(node["t"] == "Math" for node in walk([s.blocks for s in document.sections]
                                                 + [n.blocks for n in document.notes])):
        # Formulas are MathML, each with its TeX as alttext.
        for feature in ACCESSIBILITY_MATH:
            book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})


def _document_item(uid: str, file_name: str, html: str, properties=()):
    from ebooklib import epub

    item = epub.EpubItem(uid=uid, file_name=file_name, media_type=XHTML,
                         content=html.encode("utf-8"))
    item.properties = list(properties)
    return item


def build_book(document: Document, edition: Edition, build_date: datetime.datetime,
               warnings: list[str] | None = None):
    """The recipe: metadata, styles and fonts, cover image and page, title page, sections,
    colophon, navigation, spine."""
    from ebooklib import epub  # imported here: listing the formats must not pay for it

    from .cover import cover_png  # Pillow, likewise

    book = epub.EpubBook()
    _metadata(book, document, build_date)

    def href_for(fragment: str) -> str | None:
        section = document.section_of(fragment)
        return None if section is None else f"{section_file(section.index)}#{fragment}"

    sheets = stylesheet_paths(EpubRenderer.stylesheets, edition.css)
    sheet_hrefs = [f"css/{name}" for name in (*EpubRenderer.stylesheets, *edition.css)]
    for path, href in zip(sheets, sheet_hrefs):
        book.add_item(epub.EpubItem(uid=f"css-{path.stem}", file_name=href, media_type="text/css",
                                    content=path.read_bytes()))
    # The book face, subset to the book's characters and those the templates print (labels,
    # dates, the contents' title): its full files carry all of Latin in small caps too.
    characters = "".join(sorted(set(scripts.document_characters(document)) | TEMPLATE_CHARACTERS))
    for font in font_files():
        book.add_item(epub.EpubItem(uid=f"font-{font.stem}", file_name=f"fonts/{font.name}",
                                    media_type="font/ttf",
                                    content=scripts.subset_font(font, 0, characters)))
    # The faces of the scripts EB Garamond does not draw, subset to the book's text, and their
    # @font-face rules in a stylesheet of their own (only a book that needs them has it).
    script_faces = scripts.faces(document)
    for face in script_faces:
        book.add_item(epub.EpubItem(uid=f"font-{Path(face.file_name).stem}",
                                    file_name=f"fonts/{face.file_name}", media_type="font/ttf",
                                    content=face.data))
    if script_faces:
        rules = scripts.font_face_css(
            script_faces, lambda face: f'url("../fonts/{face.file_name}") format("truetype")')
        book.add_item(epub.EpubItem(uid="css-scripts", file_name=SCRIPTS_CSS,
                                    media_type="text/css", content=rules.encode("utf-8")))
        sheet_hrefs = [SCRIPTS_CSS, *sheet_hrefs]

    meta = document.meta
    cover_image = epub.EpubItem(uid="cover-image", file_name=COVER_IMAGE, media_type="image/png",
                                content=cover_png(meta.title, meta.subtitle, meta.authors,
                                                  meta.publisher))
    cover_image.properties = ["cover-image"]
    book.add_item(cover_image)
    # EPUB 2 reading systems (and some shelves) find the cover through this meta only.
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})

    context = {**base_context(document, build_date), "xhtml": True, "stylesheets": sheet_hrefs,
               "href": href_for, "section": None, "landmarks": [], "cover_image": COVER_IMAGE,
               "identifier": book_identifier(document)}
    images = {asset.target: asset_file(index, asset.media_type)
              for index, asset in enumerate(document.assets.values(), start=1)}
    for asset in document.assets.values():
        book.add_item(epub.EpubItem(uid=f"asset-{Path(images[asset.target]).stem}",
                                    file_name=images[asset.target], media_type=asset.media_type,
                                    content=asset.data()))
    serialiser = Serialiser(document, EpubNotes(), heading_shift=0, href_for=href_for,
                            image_src=lambda asset: images[asset.target], xhtml=True)
    cover = _document_item("cover", "cover.xhtml",
                           render_template("epub.html.j2", page="cover", **context))
    title_page = _document_item("titlepage", "titlepage.xhtml",
                                render_template("epub.html.j2", page="titlepage", **context))
    sections = [_document_item(f"section-{view.index:02d}", section_file(view.index),
                               render_template("epub.html.j2", **{**context, "page": "section",
                                                                   "section": view}),
                               # EPUB 3 declares the documents that hold MathML.
                               properties=["mathml"] if "<math " in view.html else [])
                for view in section_views(document, serialiser)]
    if warnings is not None:
        warnings.extend(serialiser.warnings)
    colophon = _document_item("colophon", "colophon.xhtml",
                              render_template("epub.html.j2", page="colophon", **context))
    landmarks = [{"type": "cover", "href": "cover.xhtml", "title": "Cover"},
                 {"type": "toc", "href": "nav.xhtml#toc", "title": "Contents"},
                 {"type": "bodymatter", "href": section_file(0), "title": "Start of content"}]
    nav = _document_item("nav", "nav.xhtml", render_template(
        "epub.html.j2", **{**context, "page": "nav", "landmarks": landmarks,
                           "toc": document.toc if document.toc else _single_entry(document)}),
        properties=["nav"])
    for item in [cover, title_page, nav, *sections, colophon]:
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.toc = _ncx_toc(document) or [epub.Link(section_file(0), document.meta.title, "start")]
    book.spine = [cover, title_page, nav, *sections, colophon]
    return book


def _single_entry(document: Document) -> list[Heading]:
    """A document without headings still needs one contents entry: its title."""
    return [Heading(document.meta.title, document.sections[0].id, 1)]


def _ncx_toc(document: Document) -> list:
    from ebooklib import epub

    toc = []
    for heading in document.toc:
        href = f"{section_file(document.section_of(heading.id).index)}#{heading.id}"
        children = [epub.Link(f"{section_file(document.section_of(c.id).index)}#{c.id}",
                              c.title, f"toc-{c.id}") for c in heading.children]
        toc.append((epub.Section(heading.title, href), children) if children
                   else epub.Link(href, heading.title, f"toc-{heading.id}"))
    return toc


def epub_bytes(document: Document, edition: Edition, build_date: datetime.datetime,
               warnings: list[str] | None = None) -> bytes:
    from ebooklib import epub

    book = build_book(document, edition, build_date, warnings)
    raw = io.BytesIO()
    epub.write_epub(raw, book, {"epub3_pages": False, "epub3_landmark": False,
                                "epub2_guide": False, "mtime": build_date,
                                "raise_exceptions": True})
    return reproducible_zip(raw.getvalue(), build_date, lang=document.meta.lang)


class EpubRenderer(Renderer):
    name = "epub"
    suffix = ".epub"
    binary = True
    stylesheets = ("fonts.css", "base.css", "blocks.css", "epub.css")
    templates = ("base.html.j2", "epub.html.j2", "partials/*", "fonts/*.ttf", "fonts/scripts/*.ttf")
    bench_stage = "epub"

    @staticmethod
    def review_lines(path: Path) -> list[str]:
        from ..diff.text_extract import epub_lines
        return epub_lines(path)

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Rendered:
        warnings: list[str] = []
        fsio.write_bytes(out_path, epub_bytes(document, edition, build_date, warnings))
        return Rendered(Path(out_path), tuple(warnings))
