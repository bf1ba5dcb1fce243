"""One chunk laid out by WeasyPrint without knowing where it starts, then finished once it does.

WeasyPrint lays out a page's body first and its margin boxes (running heads, folio) last, from the
page counter and the named strings; the body never reads them. So a chunk's body is laid out (with
the note and hyphenation passes of render/pdf.py) while the margin boxes are held back; when the
chunks before it have been laid out, its first page number and the strings they leave set are
known, and its margin boxes are made as the one-pass layout would have made them.

This reaches into WeasyPrint 70's layout (make_margin_boxes, the page state, the layout context's
named strings); pyproject.toml pins WeasyPrint below 71, and the page-equality tests check it.
"""

from __future__ import annotations

import collections
import copy
import functools
from dataclasses import dataclass

from . import pdf as single
from . import pdf_heads
from .pdf_chunks import SPLITTING_BREAKS, page_numbers_from_attribute

_original_margin_boxes = None
_held: list | None = None  # (context, page box, page state) of each page while margins wait


def _install() -> None:
    """Route WeasyPrint's margin boxes through _margin_boxes (once per process)."""
    global _original_margin_boxes
    if _original_margin_boxes is not None:
        return
    import weasyprint.layout as layout

    _original_margin_boxes = layout.make_margin_boxes

    def _margin_boxes(context, page, state):
        if _held is None:
            return _original_margin_boxes(context, page, state)
        _held.append((context, page, state))
        return ()

    layout.make_margin_boxes = _margin_boxes


@dataclass
class Facts:
    """What the chunks after a chunk need from it, known once its body is laid out."""
    pages: int
    anchors: dict[str, int]                  # anchor → page index in the chunk
    bookmarks: list[tuple[int, str]]         # (bookmark level, state) in order
    strings: dict[str, str]                  # named strings as the chunk leaves them (last set)
    late_notes: int = 0                      # notes still on a later page than their call
    passes: int = 1                          # layouts the note and hyphen passes took
    seconds: float = 0.0


class LaidChunk:
    """A chunk's body laid out; `finish` makes its margin boxes and writes its PDF."""

    def __init__(self, html_text: str, setup, base_url: str, targets: frozenset[str]):
        import time

        from weasyprint import HTML

        _install()
        global _held
        fetcher, fonts, options = setup
        self.options, self.targets = options, targets
        started = time.perf_counter()
        html = HTML(string=html_text, url_fetcher=fetcher, base_url=base_url)
        renders = []
        original_render = html.render

        def counted_render(*args, **kwargs):
            renders.append(1)
            return original_render(*args, **kwargs)

        html.render = counted_render
        _held = []
        try:
            self.document = single.keep_notes_on_their_page(html, fonts, options)
        finally:
            held, _held = _held, None
        contexts = [context for context, _, _ in held]
        self.held = [entry for entry in held if entry[0] is contexts[-1]] if held else []
        assert len(self.held) == len(self.document.pages), "a page without its margin state"
        self.facts = Facts(len(self.document.pages), self._anchors(), self._bookmarks(),
                           self._strings({}), self._late_notes(), len(renders),
                           time.perf_counter() - started)

    def _anchors(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for number, page in enumerate(self.document.pages):
            for name in page.anchors:
                found.setdefault(name, number)
        return found

    def _bookmarks(self) -> list[tuple[int, str]]:
        return [(level, state) for page in self.document.pages
                for level, _, _, state in page.bookmarks]

    def _late_notes(self) -> int:
        return sum(1 for call, body in single.note_pages(self.document).values() if body != call)

    def _strings(self, carried: dict[str, str]) -> dict[str, str]:
        """The named strings in force after the chunk's last page."""
        if not self.held:
            return dict(carried)
        store = self.held[-1][0].string_set
        left = dict(carried)
        for name, pages in store.items():
            set_on = [page for page, values in pages.items() if values]
            if set_on:
                left[name] = pages[max(set_on)][-1]
        return left

    def heads(self, first_page: int, carried: dict[str, str], alone: bool = False
              ) -> dict[str, str] | str:
        """Make the margin boxes of pages numbered from `first_page`, with the strings `carried`
        in from the chunks before, and set running heads that wrap in a shorter form
        (render/pdf_heads.py; `alone`: these pages are the whole document). The strings the
        chunk leaves set for the next one, or why it cannot decide its heads alone."""
        self.first_page, self.carried = first_page, carried
        self.bodies = [tuple(page.children) for _, page, _ in self.held]
        self.collected = None
        shortening = pdf_heads.Shortening(alone)
        pages = [page for _, page, _ in self.held]
        self._margins()
        while wrapped := pdf_heads.wrapping(pages):
            step = shortening.step(pages, wrapped)
            if isinstance(step, str):
                return step
            if not step or not self._shorten(shortening.overrides):
                break  # nothing left to shorten: the heads wrap, as in one pass
            self._margins()
        return self._strings(carried)

    def _margins(self) -> None:
        from weasyprint.layout.background import layout_box_backgrounds

        for number, ((context, page, state), body) in enumerate(zip(self.held, self.bodies),
                                                                 start=1):
            context.current_page = number
            context.get_string_set_for = functools.partial(_string_or_carried, context,
                                                           self.carried)
            state = copy.deepcopy(state)
            counters = state[1]
            counters["page"] = [value + self.first_page - 1 for value in counters["page"]]
            margins = list(_original_margin_boxes(context, page, state))
            for box in margins:
                layout_box_backgrounds(page, box, context.get_image_from_uri)
            page.children = (*body, *margins)

    def _shorten(self, overrides: dict) -> bool:
        """The named strings collected again from the pages, each element in `overrides` setting
        its short form instead (as `string-set` in its style would); False when the pages do not
        give back the strings WeasyPrint collected (they cannot be replaced exactly)."""
        def collect(replace):
            store = collections.defaultdict(lambda: collections.defaultdict(list))
            for number, body in enumerate(self.bodies, start=1):
                for part in body:
                    for box in part.descendants():
                        sets = box.string_set
                        if sets and sets != "none":
                            if box.element in replace:
                                sets = [replace[box.element]]
                            for name, text in sets:
                                store[name][number].append(text)
            return store

        context = self.held[-1][0]
        if self.collected is None:  # WeasyPrint's own, kept for the next rounds
            self.collected = _plain(context.string_set)
        if _plain(collect({})) != self.collected:
            return False
        context.string_set = collect(overrides)
        return True

    def write(self) -> bytes:
        """The chunk's PDF, once `heads` made its margin boxes."""
        # Links to anchors of other chunks are kept: WeasyPrint drops a link to an anchor it has
        # not laid out, so each gets a stand-in on the first page, which the merge leaves out.
        if self.document.pages:
            stand_ins = self.document.pages[0].anchors
            for name in sorted(self.targets):
                stand_ins.setdefault(name, (0, 0, 0, 0))
        return self.document.write_pdf(**self.options)


def _plain(store) -> dict:
    return {name: {page: list(values) for page, values in pages.items() if values}
            for name, pages in store.items() if any(pages.values())}


def _string_or_carried(context, carried: dict[str, str], page, name: str, keyword: str = "first"):
    """WeasyPrint's string() lookup, falling back on the value the earlier chunks left where the
    one-pass layout would have searched their pages."""
    from weasyprint.layout import LayoutContext

    found = LayoutContext.get_string_set_for(context, page, name, keyword)
    if found or keyword == "all-once" or name not in carried:
        return found
    if keyword in ("first", "last", "first-except") and context.string_set[name].get(
            context.current_page):
        return found  # decided on this page
    return (carried[name],)


def sheet_texts(edition) -> list[str]:
    from .pdf import PdfRenderer
    from .templating import stylesheet_paths

    return [path.read_text(encoding="utf-8")
            for path in stylesheet_paths(PdfRenderer.stylesheets, edition.css)]


def setup_for(context, deferred: bool):
    """WeasyPrint's setup as render/pdf.py makes it for the document (`context`: its metadata,
    edition, image folder and script faces); for a deferred chunk, the stylesheets read its
    links' page numbers from PAGE_ATTRIBUTE."""
    from weasyprint import CSS

    from .pdf import PdfRenderer
    from .templating import stylesheet_paths

    fetcher, fonts, options = single.weasyprint_setup(
        context.meta, context.edition, context.asset_folder, context.font_dir, context.font_css,
        context.margin_css)
    if deferred:
        rewritten = {}
        for path in stylesheet_paths(PdfRenderer.stylesheets, context.edition.css):
            text = path.read_text(encoding="utf-8")
            if page_numbers_from_attribute(text) != text:
                rewritten[path.as_uri()] = CSS(string=page_numbers_from_attribute(text),
                                               base_url=path.as_uri(), url_fetcher=fetcher,
                                               font_config=fonts)
        options = {**options, "stylesheets": [rewritten.get(getattr(sheet, "base_url", None), sheet)
                                              for sheet in options["stylesheets"]]}
    return fetcher, fonts, options


def forced_breaks(html_text: str, setup, base_url: str) -> list[bool] | str:
    """For each of the body's blocks, whether the computed styles force a page break before it
    and after the block before (read on a copy of the page whose blocks are emptied, so that it
    costs no layout); for render/pdf_chunks.split. Or why it cannot be split: a page name on the
    root or the body would make one page group of every chunk."""
    from weasyprint import HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document

    from .pdf_chunks import skeleton

    fetcher, fonts, options = setup
    html = HTML(string=skeleton(html_text), url_fetcher=fetcher, base_url=base_url)
    context = Document._build_layout_context(html, fonts, CounterStyle(), {},
                                             {**_render_defaults(), **options})
    body = next(child for child in html.etree_element if child.tag.endswith("body"))
    for element in (html.etree_element, body):
        if context.style_for(element)["page"] not in ("auto", ""):
            return f"the {element.tag.split('}')[-1]} element has a page name"
    styles = [context.style_for(block) for block in body if isinstance(block.tag, str)]
    # A block that is not displayed makes no box, so no break (laid out alone it would make a
    # blank page): it stays with the block before it, and the next one breaks after that block.
    breaks, before = [], None
    for style in styles:
        if style["display"] == ("none",) or before is None:
            breaks.append(False)
            before = before if style["display"] == ("none",) else style
            continue
        values = {before["break_after"], style["break_before"]}
        breaks.append(bool(values & SPLITTING_BREAKS) and values <= {*SPLITTING_BREAKS, "auto"})
        before = style
    return breaks


def _render_defaults() -> dict:
    from weasyprint import DEFAULT_OPTIONS

    return dict(DEFAULT_OPTIONS)
