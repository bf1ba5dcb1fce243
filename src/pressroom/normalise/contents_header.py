"""Where a printed contents list begins: its "Contents" header, as a block of its own."""

from __future__ import annotations

from .model import Block, State, strip_tokens

# The header of a printed contents list, in the languages reports commonly come in.
CONTENTS_WORDS = {"contents", "table of contents", "table des matières", "sommaire",
                  "inhalt", "inhaltsverzeichnis", "índice", "indice", "contenido", "sommario",
                  "inhoud", "inhoudsopgave", "innehåll", "sisällys", "spis treści", "obsah",
                  "оглавление", "содержание", "目录", "目次", "목차"}


def split_off_contents_header(state: State) -> None:
    """A "Contents" line with its entries right below it (no blank line between), or with the
    title page's lines above it, heads a block of its own, as it does between blank lines."""
    for index, block in enumerate(state.blocks[:12]):
        at = next((i for i, line in enumerate(block.lines)
                   if strip_tokens(line).strip().casefold() in CONTENTS_WORDS), None)
        if at is None or len(block.lines) == 1:
            continue
        # Lines above the header (a title page run into it, as pypdf joins pages) stay a block.
        pieces = [(block.lines[:at], block.start), (block.lines[at:at + 1], block.start + at),
                  (block.lines[at + 1:], block.start + at + 1)]
        made = [Block(lines, start, start + len(lines) - 1, block.kind) for lines, start in pieces if lines]
        made[0].page_break_before = block.page_break_before
        state.blocks[index:index + 1] = made
        return
