"""The web edition: one standalone HTML5 page that fetches nothing (CSS, WOFF2 font subsets and
the contents script inlined)."""

from __future__ import annotations

import base64
import datetime
import re
from pathlib import Path

from markupsafe import Markup

from .. import fsio
from ..document import Document
from ..errors import RenderError
from . import Rendered, Renderer, scripts
from .editions import Edition
from .html_ast import Serialiser
from .notes import HtmlNotes
from .templating import (TEMPLATES, base_context, find_template, inline_css, local_links,
                         render_template, section_views, stylesheet_paths)
from .webfonts import inline_web_fonts

SCRIPT = TEMPLATES / "js" / "contents.js"
# HTML5 void elements are written without the XML slash (the shared fragments are also XHTML).
_VOID_SLASH = re.compile(r"<(meta|link|br|col|hr|img|input|wbr)((?:\s[^<>]*?)?) />")


def page(document: Document, edition: Edition, build_date: datetime.datetime,
         warnings: list[str] | None = None) -> str:
    """The page's markup: title page header, contents, sections with sidenotes and per-section
    notes, colophon; then the fonts the page uses, subset to its characters."""
    # Images are inlined as data: URIs, so the page still fetches nothing.
    serialiser = Serialiser(document, HtmlNotes(), heading_shift=1,
                            href_for=local_links(document), image_src=lambda asset: asset.data_uri())
    placeholder = "/* pressroom: fonts */"
    script = find_template("js/contents.js").read_text(encoding="utf-8")
    if "</" in script:
        raise RenderError(f"{SCRIPT.name} contains '</', which cannot be inlined in <script>")
    markup = render_template(
        "html.html.j2", xhtml=False, **base_context(document, build_date),
        sections=section_views(document, serialiser), href=lambda anchor: f"#{anchor}",
        css=Markup(placeholder), script=Markup(script))
    if warnings is not None:
        warnings.extend(serialiser.warnings)
    markup = _VOID_SLASH.sub(r"<\1\2>", markup)
    css = inline_web_fonts(str(inline_css(stylesheet_paths(HtmlRenderer.stylesheets, edition.css), fonts=False)),
                           markup)
    # The faces of the scripts EB Garamond does not draw, subset to the document's text.
    css = scripts.font_face_css(scripts.faces(document), lambda face: (
        f'url("data:font/woff2;base64,{base64.b64encode(scripts.woff2(face)).decode("ascii")}")'
        ' format("woff2")')) + css
    return markup.replace(placeholder, css, 1)


class HtmlRenderer(Renderer):
    name = "html"
    suffix = ".html"
    binary = False
    stylesheets = ("fonts.css", "base.css", "blocks.css", "screen.css")
    templates = ("base.html.j2", "html.html.j2", "partials/*", "fonts/*.ttf", "fonts/scripts/*.ttf",
                 "js/contents.js")
    bench_stage = "html"

    @staticmethod
    def review_lines(path: Path) -> list[str]:
        from ..diff.text_extract import html_lines
        return html_lines(path)

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Rendered:
        warnings: list[str] = []
        fsio.write_text(out_path, page(document, edition, build_date, warnings))
        return Rendered(Path(out_path), tuple(warnings))
