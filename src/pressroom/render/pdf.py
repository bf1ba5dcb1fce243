"""The print edition: the shared HTML with paged-media CSS, laid out by WeasyPrint (PDF/UA-1).

WeasyPrint takes about a second to import, so it is imported lazily, once per process. Its
url_fetcher may read only templates/ and the build folder; the network is never reached.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

from .. import fsio
from ..document import Document
from ..errors import RenderError
from .editions import Edition
from .html_ast import Serialiser
from .notes import PdfNotes
from .templating import TEMPLATES, base_context, render_template, section_views, stylesheet_paths

PDF_VARIANT = "pdf/ua-1"


@functools.cache
def weasyprint() -> ModuleType:
    import weasyprint as module
    return module


def restricted_fetcher(roots: list[Path]):
    """A WeasyPrint URL fetcher that serves local files under `roots` and refuses everything else."""
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"refused to fetch {url[:80]!r}: only local files are allowed")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"refused to fetch {path}: outside templates/ and the build folder")
            return super().fetch(url, headers)

    return RestrictedFetcher(allowed_protocols=("file",), allow_redirects=False)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def print_html(document: Document, build_date: datetime.datetime) -> str:
    """The document as one HTML page for print: title page, contents, sections, colophon."""
    serialiser = Serialiser(document, PdfNotes(), heading_shift=1)
    return render_template("pdf.html.j2", xhtml=False, **base_context(document, build_date),
                           sections=section_views(document, serialiser),
                           href=lambda anchor: f"#{anchor}")


def pdf_bytes(document: Document, edition: Edition, build_date: datetime.datetime,
              build_dir: Path, warnings: list[str] | None = None) -> bytes:
    """Lay the document out; WeasyPrint warnings are appended to `warnings` (and still logged)."""
    wp = weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = restricted_fetcher([TEMPLATES, build_dir])
    fonts = FontConfiguration()
    sheets = [wp.CSS(filename=str(p), url_fetcher=fetcher, font_config=fonts)
              for p in stylesheet_paths("pdf", edition.css)]
    sheets.append(wp.CSS(string=f"@page {{ size: {edition.paper}; }}", font_config=fonts))
    identity = f"{document.meta.identifier or document.meta.title}|{edition.name}"
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        html = wp.HTML(string=print_html(document, build_date), url_fetcher=fetcher,
                       base_url=build_dir.resolve().as_uri() + "/")
        data = html.write_pdf(stylesheets=sheets, font_config=fonts, pdf_variant=PDF_VARIANT,
                              pdf_identifier=hashlib.md5(identity.encode()).hexdigest().encode(),
                              custom_metadata=False)
    except (OSError, ValueError) as exc:
        raise RenderError(f"WeasyPrint failed: {exc}") from exc
    finally:
        logger.removeHandler(collector)
    if warnings is not None:
        warnings.extend(collector.messages)
    return data


class PdfRenderer:
    name = "pdf"
    suffix = ".pdf"

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Path:
        out_path = Path(out_path)
        data = pdf_bytes(document, edition, build_date, out_path.parent, self.warnings)
        fsio.write_bytes(out_path, data)
        return out_path
