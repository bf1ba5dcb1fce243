"""Source readers, one per kind, in one registry; the kind is decided from the bytes, never from
the file name (a PDF named `.txt` is read as a PDF, a text is never read as one).

A reader turns the bytes into the normaliser's model (a State); the same passes then run.
"""

from __future__ import annotations

from typing import Callable

# Readers tolerate up to 1 KiB before a PDF's header; only whitespace is taken here, so that
# a text mentioning `%PDF-` near its start stays a text.
PDF_HEADER_WINDOW = 1024


def is_pdf(data: bytes) -> bool:
    return data[:PDF_HEADER_WINDOW].lstrip(b" \t\r\n\f\x00").startswith(b"%PDF-")


# Markdown shows itself by a YAML metadata block or a `%` title block opening it; how much of the
# start is read for that (a metadata block is a few hundred bytes).
MARKDOWN_HEADER_WINDOW = 64 * 1024
# The names that make a text Markdown when its bytes cannot tell (no metadata block).
MARKDOWN_SUFFIXES = (".md", ".markdown")


def opens_as_markdown(data: bytes) -> bool:
    from .markdown import opens_as_markdown as text_opens

    return text_opens(data[:MARKDOWN_HEADER_WINDOW].decode("utf-8", "replace"))


# (kind, test on the bytes), in the order they are tried; text takes whatever is left.
KINDS: list[tuple[str, Callable[[bytes], bool]]] = [
    ("pdf", is_pdf),
    ("markdown", opens_as_markdown),
    ("text", lambda data: True),
]


def kind_of(data: bytes) -> str:
    return next(kind for kind, test in KINDS if test(data))
