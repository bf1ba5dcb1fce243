"""The web edition: one standalone HTML5 page that fetches nothing (CSS and fonts inlined)."""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import fsio
from ..document import Document
from . import Rendered, Renderer
from .editions import Edition
from .html_ast import Serialiser
from .notes import HtmlNotes
from .templating import (base_context, inline_css, local_links, render_template, section_views,
                         stylesheet_paths)


def page(document: Document, edition: Edition, build_date: datetime.datetime) -> str:
    """The page's markup: title page header, contents sidebar, sections with sidenotes, colophon."""
    serialiser = Serialiser(document, HtmlNotes(), heading_shift=1,
                            href_for=local_links(document))
    return render_template(
        "html.html.j2", xhtml=False, **base_context(document, build_date),
        sections=section_views(document, serialiser), href=lambda anchor: f"#{anchor}",
        css=inline_css(stylesheet_paths(HtmlRenderer.stylesheets, edition.css)))


class HtmlRenderer(Renderer):
    name = "html"
    suffix = ".html"
    binary = False
    stylesheets = ("fonts.css", "base.css", "screen.css")
    templates = ("base.html.j2", "html.html.j2", "partials/*", "fonts/*.ttf")
    bench_stage = "html"

    @staticmethod
    def review_lines(path: Path) -> list[str]:
        from ..diff.text_extract import html_lines
        return html_lines(path)

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Rendered:
        fsio.write_text(out_path, page(document, edition, build_date))
        return Rendered(Path(out_path))
