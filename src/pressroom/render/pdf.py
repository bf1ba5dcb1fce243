"""The print edition: the shared HTML with paged-media CSS, laid out by WeasyPrint (PDF/UA-1).

WeasyPrint takes about a second to import, so it is imported lazily, once per process. Its
url_fetcher may read only templates/ and the document's own image folder (assets.py); the
network is never reached.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import logging
import re
import tempfile
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

from .. import fsio
from ..document import Document
from ..errors import RenderError
from . import Rendered, Renderer, scripts
from .editions import Edition
from .html_ast import Serialiser
from .notes import PdfNotes
from .pdf_tags import tag_notes
from .templating import (base_context, local_links, render_template, section_views,
                         stylesheet_paths, template_roots)

PDF_VARIANT = "pdf/ua-1"
# WeasyPrint 70 moves a page's notes to the next page to squeeze in the line of a block that
# starts at the page foot which reaches the block's orphans (its first lines there may not be
# fewer). A pass settles each such block one step (keep NOTE_ORPHANS lines at the foot, then
# move the block, with the headings leading into it, to the next page); a few passes suffice.
MAX_NOTE_PASSES = 6
NOTE_ORPHANS = 2  # lines a block may leave at a page foot to keep a note on its page: never one
NOTE_STEP = "data-note-step"
# No more than two lines in a row end in a hyphen (a third one's word is kept whole: it goes to
# the next line). Each pass fixes every run it finds; a fix can start a new run further on.
MAX_HYPHENATED_LINES = 2
MAX_HYPHEN_PASSES = 4
PROTECTED = "hyphens: manual"
TEXT_BLOCKS = frozenset({"p", "li", "dd", "blockquote", "td", "th", "figcaption"})  # hyphenated


@functools.cache
def weasyprint() -> ModuleType:
    import weasyprint as module
    return module


SVG_DATA = "data:image/svg+xml;base64,"


def restricted_fetcher(roots: list[Path]):
    """A WeasyPrint URL fetcher that serves local files under `roots` and refuses everything else."""
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if url.startswith(SVG_DATA):  # no I/O: the formulas' images (render/math.py)
                return super().fetch(url, headers)
            if parts.scheme != "file":
                raise ValueError(f"refused to fetch {url[:80]!r}: only local files are allowed")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"refused to fetch {path}: outside templates/ and the document's image folder")
            return super().fetch(url, headers)

    return RestrictedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# Hyphenation patterns are chosen by the language's region, and pyphen's plain "en" is British
# (act-ively, signific-ance). A document whose `lang` names no region is hyphenated with these
# (README: "en" is taken as American English); en-GB, en-AU… keep their own.
DEFAULT_REGION = {"en": "en-US"}
def hyphenation_lang(lang: str) -> str:
    return lang if "-" in lang else DEFAULT_REGION.get(lang.lower(), lang)


# A document of fewer words than this (about three printed pages at 75 characters a line) is set
# compact: its title block (and contents list, if any) opens the first text page and its colophon
# closes the last one; a longer one gets a title page, a contents page and a colophon page.
COMPACT_MAX_WORDS = 1000


def word_count(document: Document) -> int:
    """The words of the text and its notes: how long the document is."""
    def count(node) -> int:
        if isinstance(node, dict):
            return (node.get("t") == "Str") + count(node.get("c"))
        if isinstance(node, list):
            return sum(count(item) for item in node)
        return 0
    return sum(count(section.blocks) for section in document.sections)


def is_compact(document: Document) -> bool:
    return word_count(document) < COMPACT_MAX_WORDS


# The face whose OpenType features decide whether small capitals are real (its smcp feature)
# or must be drawn as smaller capitals (WeasyPrint does not synthesise them).
BOOK_FACE = "fonts/EBGaramond-Regular.ttf"


@functools.cache
def face_has_small_caps(face: str = BOOK_FACE) -> bool:
    """True when the book face (a project's own, else the shipped one) has the `smcp` feature."""
    from fontTools.ttLib import TTFont

    from .templating import find_template

    font = TTFont(find_template(face), lazy=True)
    gsub = font["GSUB"].table if "GSUB" in font else None
    return bool(gsub and gsub.FeatureList and any(
        record.FeatureTag == "smcp" for record in gsub.FeatureList.FeatureRecord))


def print_html(document: Document, build_date: datetime.datetime,
               warnings: list[str] | None = None) -> str:
    """The document as one HTML page for print: title page, contents, sections, colophon (or,
    for a short document, the compact layout)."""
    # WeasyPrint writes one link annotation per line fragment, and <wbr> makes fragments.
    serialiser = Serialiser(document, PdfNotes(), heading_shift=1,
                            href_for=local_links(document), break_urls=False,
                            compound_class="compound", image_src=lambda asset: asset.path.as_uri(),
                            math_images=True, drawn_small_caps=not face_has_small_caps())
    html = render_template("pdf.html.j2", xhtml=False, **base_context(document, build_date),
                           sections=section_views(document, serialiser),
                           href=lambda anchor: f"#{anchor}",
                           hyphenation_lang=hyphenation_lang(document.meta.lang),
                           compact=is_compact(document))
    if warnings is not None:
        warnings.extend(serialiser.warnings)
    return html


def weasyprint_setup(meta, edition: Edition, asset_folder: Path | None = None,
                     font_dir: Path | None = None, font_css: str = "", margin_css: str = ""):
    """(url_fetcher, font configuration, write/render options) for one edition: the stylesheets,
    the paper size, the PDF variant and a fixed /ID derived from the document's identity; with
    the document's script faces (`font_css`, their files in `font_dir`, and the page margins'
    stack, `margin_css`) when it has any."""
    wp = weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = restricted_fetcher([*template_roots(), *([asset_folder] if asset_folder else []),
                                  *([font_dir] if font_dir else [])])
    fonts = FontConfiguration()
    sheets = [wp.CSS(filename=str(p), url_fetcher=fetcher, font_config=fonts)
              for p in stylesheet_paths(PdfRenderer.stylesheets, edition.css)]
    if font_css:
        sheets.insert(0, wp.CSS(string=font_css, url_fetcher=fetcher, font_config=fonts))
        sheets.append(wp.CSS(string=margin_css, font_config=fonts))
    sheets.append(wp.CSS(string=f"@page {{ size: {edition.paper}; }}", font_config=fonts))
    identity = f"{meta.identifier or meta.title}|{edition.name}"
    # Presentational hints: WeasyPrint honours `<ol start="3">` only with them (a list printed
    # from 3 came out numbered from 1); `start` is the only such attribute our HTML carries.
    options = {"stylesheets": sheets, "pdf_variant": PDF_VARIANT, "custom_metadata": False,
               "presentational_hints": True,
               "pdf_identifier": hashlib.md5(identity.encode()).hexdigest().encode()}
    return fetcher, fonts, options


@contextlib.contextmanager
def script_fonts(document: Document):
    """(folder, @font-face CSS, faces) of the document's script faces (render/scripts.py), written
    to a temporary folder that lives while the layout uses it."""
    with tempfile.TemporaryDirectory(prefix="pressroom-fonts-") as scratch:
        font_dir = Path(scratch)
        found = scripts.faces(document)
        for face in found:
            (font_dir / face.file_name).write_bytes(face.data)
        yield font_dir, scripts.font_face_css(found, lambda face: (
            f'url("{(font_dir / face.file_name).resolve().as_uri()}") format("truetype")'),
            upright_as_italic=True), found


def pdf_bytes(document: Document, edition: Edition, build_date: datetime.datetime,
              build_dir: Path, warnings: list[str] | None = None, jobs: int | None = None) -> bytes:
    """Lay the document out; WeasyPrint warnings are appended to `warnings` (and still logged).
    With more than one job (`jobs`, else PRESSROOM_JOBS) it is laid out in chunks by worker
    processes when its stylesheets allow (render/pdf_parallel.py), else in one pass here."""
    from .pdf_layout import LaidChunk
    from .pdf_parallel import chunked_or_none

    data = chunked_or_none(document, edition, build_date, build_dir, jobs, warnings)
    if data is not None:
        return data

    # Listen before the stylesheets are parsed: an ignored CSS declaration is a warning too.
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        with script_fonts(document) as (font_dir, font_css, found):
            fetcher, fonts, options = weasyprint_setup(document.meta, edition,
                                                       document.asset_folder, font_dir, font_css,
                                                       scripts.margin_box_css(found))
            # Laid out as one chunk: the body, then its margin boxes, whose running heads are
            # shortened where they wrap (render/pdf_layout.py, render/pdf_heads.py).
            laid = LaidChunk(print_html(document, build_date, warnings), (fetcher, fonts, options),
                             build_dir.resolve().as_uri() + "/", frozenset())
            laid.heads(1, {}, alone=True)
            data = tag_notes(laid.write())
    except (OSError, ValueError) as exc:
        raise RenderError(f"WeasyPrint failed: {exc}") from exc
    finally:
        logger.removeHandler(collector)
    if warnings is not None:
        warnings.extend(collector.messages)
    return data


def note_pages(laid_out) -> dict[str, tuple[int, int]]:
    """For each note id: (page of its call, page of its body), 0-based, from the layout."""
    where: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages):
        for anchor in page.anchors:
            where.setdefault(anchor, number)
    return {a: (where[a.replace("fn", "fnref", 1)], where[a]) for a in where
            if a.startswith("fn") and a[2:].isdigit() and a.replace("fn", "fnref", 1) in where}


def _body_lines(laid_out):
    """(block element, line text) of every body line in reading order, notes left out."""
    from weasyprint.formatting_structure import boxes

    for page in laid_out.pages:
        for box in page._page_box.descendants():
            if not isinstance(box, boxes.LineBox) or box.element is None:
                continue
            if "footnote" in (box.element.get("class") or "") or box.element.tag not in TEXT_BLOCKS:
                continue
            text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))
            yield box.element, text


def hyphen_faults(laid_out) -> list[tuple[object, str]]:
    """(block, word) for each word broken by hyphenation at the end of a line that is the third
    or later in a row ending in a hyphen (a compound broken at its own hyphen counts in the row
    but cannot be moved), or whose tail alone would be its paragraph's last line."""
    lines = list(_body_lines(laid_out))
    found, run, softs = [], 0, []
    ends = [element is not after for (element, _), (after, _) in
            zip(lines, lines[1:] + [(None, "")])]  # the block's last line
    for index, ((element, text), following) in enumerate(zip(lines, lines[1:] + [(None, "")])):
        words, next_words = text.split(), following[1].split()
        broken = (bool(words) and words[-1].endswith("-") and following[0] is element
                  and bool(next_words))
        # The word's second half is the next line's letters up to its punctuation or note call.
        tail = re.match(r"[^\W\d_]*", next_words[0]).group() if broken else ""
        word = words[-1][:-1] + tail if broken else ""
        soft = broken and word.strip(".,;:!?”’)") and not words[-1][:-1].endswith("-") and \
            f"{words[-1]}{next_words[0]}" not in _element_text(element)
        run = run + 1 if broken else 0
        softs = (softs if run > 1 else []) + ([(element, word)] if soft else [])
        # A paragraph never ends on the tail of a hyphenated word alone ("trated.").
        stub = soft and ends[index + 1] and len(next_words) == 1
        if (run > MAX_HYPHENATED_LINES and softs) or stub:
            # The run's last word the typesetter broke (a compound's own hyphen cannot move).
            at, fault = (element, word) if stub else softs[-1]
            found.append((at, re.sub(r"^\W+", "", fault)))
            run, softs = 0, []  # the line moves its word down; the run starts again after it
    return found


def _element_text(element) -> str:
    return "".join(element.itertext())


def _protect_word(element, word: str) -> bool:
    """Wrap every occurrence of `word` in the block's own text (not in its notes) in a span that
    is not hyphenated; True when one was found."""
    from xml.etree import ElementTree

    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")

    def spans(text: str | None):
        parts = pattern.split(text or "")
        made = []
        for tail in parts[1:]:
            span = ElementTree.Element("span", {"style": PROTECTED})
            span.text, span.tail = word, tail
            made.append(span)
        return parts[0], made

    found = False
    head, made = spans(element.text)
    if made:
        element.text = head
        for offset, span in enumerate(made):
            element.insert(offset, span)
        found = True
    for child in list(element):
        # A note's text and a word already kept whole are left alone; the text after them is
        # the block's own.
        if "footnote" not in (child.get("class") or "") and child.get("style") != PROTECTED:
            found = _protect_word(child, word) or found
        head, made = spans(child.tail)
        if made:
            child.tail = head
            at = list(element).index(child) + 1
            for offset, span in enumerate(made):
                element.insert(at + offset, span)
            found = True
    return found


def limit_hyphen_runs(html, fonts, options):
    """Lay out; while more than MAX_HYPHENATED_LINES lines in a row end in a word broken by
    hyphenation, keep the word of the line that makes the run too long whole, and lay out again.
    (Running heads that wrap are shortened once the pages are laid out: render/pdf_heads.py.)"""
    laid_out = html.render(font_config=fonts, **options)
    for _ in range(MAX_HYPHEN_PASSES):
        runs = hyphen_faults(laid_out)
        if not any([_protect_word(element, word) for element, word in runs]):
            break
        laid_out = html.render(font_config=fonts, **options)
    return laid_out


def keep_notes_on_their_page(html, fonts, options):
    """Lay out; while a note sits on a later page than its call, settle the block that displaced
    it (the page's last block, which took the note's room to set its first lines: see
    MAX_NOTE_PASSES) one step gentler than pushing it whole (`_settle`), and lay out again."""
    laid_out = limit_hyphen_runs(html, fonts, options)
    parents = {child: parent for parent in html.etree_element.iter() for child in parent}
    for _ in range(MAX_NOTE_PASSES):
        late = sorted({call for call, body in note_pages(laid_out).values() if body != call})
        settled = [_settle(laid_out, number, parents) for number in late]
        if not any(settled):
            break
        laid_out = html.render(font_config=fonts, **options)
    return laid_out


def _add_style(element, declaration: str) -> None:
    style = (element.get("style") or "").strip().rstrip(";")
    element.set("style", f"{style}; {declaration}" if style else declaration)


def _page_blocks(page):
    """(element, block box) of each body line's block on a page, in reading order (notes, which
    WeasyPrint sets in their own area, are not among them)."""
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(box, block):
        if isinstance(box, boxes.LineBox):
            if box.element is not None and block is not None and (
                    not found or found[-1][0] is not box.element):
                found.append((box.element, block))
            return
        if isinstance(box, boxes.BlockBox):
            block = box
        for child in getattr(box, "children", ()):
            walk(child, block)

    walk(page._page_box.children[0], None)
    return found


def _settle(laid_out, number: int, parents: dict) -> bool:
    """One step for the page `number` (0-based) whose note went to the next page: the block of
    the page's last line keeps NOTE_ORPHANS lines at the foot instead of its usual orphans (the
    page stays full); if it still displaces the note, it goes to the next page, with the headings
    that lead into it. False when nothing is left to try."""
    blocks = _page_blocks(laid_out.pages[number])
    if not blocks:
        return False
    element, box = blocks[-1]
    step = int(element.get(NOTE_STEP) or 0)
    if step == 0 and box.style["orphans"] > NOTE_ORPHANS:
        _add_style(element, f"orphans: {NOTE_ORPHANS}")
        element.set(NOTE_STEP, "1")
        return True
    if step > 1:
        return False
    element.set(NOTE_STEP, "2")
    earlier = {id(e) for page in laid_out.pages[:number] for e, _ in _page_blocks(page)}
    if id(element) in earlier:
        return False  # the block goes on from the page before: pushing it empties this page
    target = _leading_headings(element, parents)
    if target is blocks[0][0] or _first_on(target, blocks[0][0], parents):
        return False  # nothing above it on the page: a break would leave the page empty
    _add_style(target, "break-before: page")
    return True


HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _leading_headings(element, parents: dict):
    """The element a page break goes before to move `element`: the first of the headings right
    above it (a heading is kept with what follows it), else the element itself; an element that
    opens its parent (a list item's paragraph, an item opening its list) counts as the parent."""
    target = element
    while True:
        parent = parents.get(target)
        if parent is None or parent.tag in ("section", "body") or list(parent)[0] is not target:
            break
        target = parent
    while True:
        parent = parents.get(target)
        if parent is None:
            return target
        siblings = list(parent)
        at = siblings.index(target)
        if at == 0 or siblings[at - 1].tag not in HEADINGS:
            return target
        target = siblings[at - 1]


def _first_on(target, first, parents: dict) -> bool:
    """Whether `target` holds the page's first line's block `first` (it opens the page)."""
    while first is not None:
        if first is target:
            return True
        first = parents.get(first)
    return False


class PdfRenderer(Renderer):
    name = "pdf"
    suffix = ".pdf"
    binary = True
    stylesheets = ("fonts.css", "base.css", "blocks.css", "mono.css", "paged.css")
    templates = ("base.html.j2", "pdf.html.j2", "partials/*", "fonts/*.ttf", "fonts/scripts/*.ttf",
                 "fonts/mono/*.ttf")
    review = "pages"  # rasterised and compared page by page (diff/pdf_pages.py)
    bench_stage = "pdf"

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Rendered:
        out_path = Path(out_path)
        warnings: list[str] = []
        data = pdf_bytes(document, edition, build_date, out_path.parent, warnings)
        fsio.write_bytes(out_path, data)
        return Rendered(out_path, tuple(warnings))
