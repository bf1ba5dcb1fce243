"""Source readers, one per kind, in one registry; the kind is decided from the bytes, never from
the file name (a PDF named `.txt` is read as a PDF, a text is never read as one).

A reader turns the bytes into the normaliser's model (a State); the same passes then run.
"""

from __future__ import annotations

import re
from typing import Callable

# Readers tolerate up to 1 KiB before a PDF's header (a tool's banner written into the file
# with it, as Ghostscript's is when its output goes to stdout). Whitespace before the header is
# enough; anything else only with the end-of-file marker closing the bytes too, so that a text
# mentioning `%PDF-` near its start stays a text.
PDF_HEADER_WINDOW = 1024
PDF_TRAILER_WINDOW = 1024  # where `%%EOF` must stand: the last KiB


def is_pdf(data: bytes) -> bool:
    head = data[:PDF_HEADER_WINDOW]
    if head.lstrip(b" \t\r\n\f\x00").startswith(b"%PDF-"):
        return True
    return (b"\n%PDF-" in head or b"\r%PDF-" in head) and b"%%EOF" in data[-PDF_TRAILER_WINDOW:]


# Markdown shows itself by a YAML metadata block or a `%` title block opening it; how much of the
# start is read for that (a metadata block is a few hundred bytes).
MARKDOWN_HEADER_WINDOW = 64 * 1024
# The names that make a text Markdown when its bytes cannot tell (no metadata block).
MARKDOWN_SUFFIXES = (".md", ".markdown")


# What makes a text Markdown by its bytes: a YAML metadata block or a `%` title block opening it
# (after blank lines). A headerless text is Markdown only when its name says so (.md). Tested
# here, not in readers/markdown.py, so that a text export is told apart without loading the
# Markdown reader (which loads the document model and the renderers' markup).
YAML_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_YAML_KEY = re.compile(r"^[A-Za-z][\w-]*[ \t]*:", re.M)
_TITLE_BLOCK = re.compile(r"\A%[ \t]*\S")


def opens_as_markdown(data: bytes) -> bool:
    """A YAML metadata block with at least one key, or a `%` title block, opens the text."""
    text = data[:MARKDOWN_HEADER_WINDOW].decode("utf-8", "replace").lstrip("\ufeff").lstrip("\n")
    block = YAML_BLOCK.match(text)
    return bool(block and _YAML_KEY.search(block.group(1))) or bool(_TITLE_BLOCK.match(text))


# (kind, test on the bytes), in the order they are tried; text takes whatever is left.
KINDS: list[tuple[str, Callable[[bytes], bool]]] = [
    ("pdf", is_pdf),
    ("markdown", opens_as_markdown),
    ("text", lambda data: True),
]


def kind_of(data: bytes) -> str:
    return next(kind for kind, test in KINDS if test(data))
