"""The canonical Markdown dialect: the one place that names pandoc's formats and options.

Canonical files are Pandoc Markdown without the `smart` extension, so typographic characters
(curly quotes, dashes, ellipses) are stored as themselves and never as `--` or `'`.
"""

from __future__ import annotations

import json
from typing import Any

import pypandoc

from .errors import RenderError

FORMAT = "markdown-smart"
# A canonical file is a fixed point of:  pandoc -f FORMAT -t FORMAT + WRITER_OPTIONS
WRITER_OPTIONS = ["--wrap=preserve", "--reference-location=block", "--standalone"]


def to_ast(markdown_text: str) -> dict[str, Any]:
    """Parse Markdown into pandoc's JSON AST (one pandoc call per document)."""
    try:
        out = pypandoc.convert_text(markdown_text, "json", format=FORMAT)
    except RuntimeError as exc:  # pypandoc reports pandoc failures as RuntimeError
        raise RenderError(f"pandoc could not parse the Markdown: {exc}") from exc
    return json.loads(out)


def canonicalise(markdown_text: str) -> str:
    """Return pandoc's own rendering of the text: the canonical form."""
    try:
        return pypandoc.convert_text(markdown_text, FORMAT, format=FORMAT,
                                     extra_args=WRITER_OPTIONS)
    except RuntimeError as exc:
        raise RenderError(f"pandoc could not write the Markdown: {exc}") from exc
