"""The reviewer's page: one self-contained HTML file (styles inline, page images as data: URIs)
rendered from templates/diff/report.html.j2 with autoescape on.
"""

from __future__ import annotations

import base64
import functools
from pathlib import Path

import jinja2

from .. import fsio
from ..errors import RenderError
from .summary import Summary, file_lines, page_ranges, pdf_line

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "diff"  # shipped with Pressroom


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["data_uri"] = lambda png: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    env.filters["pages"] = page_ranges
    return env


def render_report(summary: Summary) -> str:
    try:
        return environment().get_template("report.html.j2").render(
            summary=summary, plain=summary.text(), pdf_line=pdf_line, file_lines=file_lines)
    except jinja2.TemplateError as exc:
        raise RenderError(f"the diff report template failed: {exc}") from exc


def write_report(summary: Summary, path: Path) -> Path:
    fsio.write_text(path, render_report(summary))
    return path
