"""The web edition: one standalone HTML5 page that fetches nothing (CSS and fonts inlined)."""

from __future__ import annotations

import datetime
from pathlib import Path

from .. import fsio
from ..document import Document
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
        css=inline_css(stylesheet_paths("html", edition.css)))


class HtmlRenderer:
    name = "html"
    suffix = ".html"

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Path:
        fsio.write_text(out_path, page(document, edition, build_date))
        return Path(out_path)
