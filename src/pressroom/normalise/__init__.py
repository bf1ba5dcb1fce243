"""The normaliser: an ordered list of small named passes, raw export → canonical Markdown.

Each pass takes the shared State and returns it; `--dump-dir` writes the text after each one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .block_quotes import block_quotes
from .boxed_line_ends import boxed_line_ends
from .captions import captions
from .clean_characters import clean_characters
from .code_blocks import code_blocks
from .code_spacing import code_spacing
from .columns import columns
from .contents_list import contents_list
from .convert_html import convert_html
from .emit import emit
from .footnotes import footnotes
from .infer_pages import infer_pages
from .list_markers import list_markers
from .heal_page_breaks import heal_page_breaks
from .headings import headings
from .inline_cleanup import inline_cleanup
from .joined_compounds import joined_compounds
from .merge_metadata import merge_metadata
from .merged_columns import merged_columns
from .model import State
from .page_edges import page_edges
from .page_furniture import page_furniture
from .number_rows import number_rows
from .page_notes import page_notes
from .quote_indents import quote_indents
from .raised_lines import raised_lines
from .reading_order import reading_order
from .reflow import reflow
from .split_blocks import split_blocks
from .table_cells import table_cells
from .table_columns import table_columns
from .table_rows import table_rows
from .title_page import title_page
from .unwrap_lines import unwrap_lines

Pass = Callable[[State], State]

PASSES: list[tuple[str, Pass]] = [
    ("clean_characters", clean_characters),  # before anything compares text
    ("infer_pages", infer_pages),            # puts form feeds where pages end, before blocks form
    ("columns", columns),                    # a two-column page read column by column
    ("reading_order", reading_order),        # a reading-order page's two columns' blocks, unmerged
    ("merged_columns", merged_columns),      # the pages it left: two columns merged, notes and all
    ("raised_lines", raised_lines),          # before blocks form: the space opening a line is evidence
    ("boxed_line_ends", boxed_line_ends),    # before blocks form: a piece's box and opening space are evidence
    ("quote_indents", quote_indents),        # before blocks form: split_blocks strips the indentation
    ("split_blocks", split_blocks),
    ("convert_html", convert_html),          # <i> in contents entries must be text first
    ("page_edges", page_edges),              # before the title: a title page's lines stand at its edges
    ("code_blocks", code_blocks),            # before list items and reflow: command lines stay lines
    ("list_markers", list_markers),          # before reflow: items found by their markers are blocks
    ("number_rows", number_rows),            # before reflow: rows are short lines it would join
    ("table_cells", table_cells),            # before reflow; after number_rows: its rows are no cells
    ("table_columns", table_columns),        # after table_cells: a box a column, not a cell a block
    ("block_quotes", block_quotes),          # before reflow: a quote's short lines would read as paragraph ends
    ("reflow", reflow),                      # after the edges: heads would read as short lines
    ("title_page", title_page),              # before furniture: the title repeats as the head
    ("contents_list", contents_list),
    ("page_furniture", page_furniture),      # marks the page breaks the later passes rely on
    ("page_notes", page_notes),              # before unwrapping: a page's foot is read line by line
    ("table_rows", table_rows),              # after the page's notes are read; before lines are joined
    ("joined_compounds", joined_compounds),  # before unwrapping: the lines pdftotext joined are still lines
    ("unwrap_lines", unwrap_lines),
    ("footnotes", footnotes),                # pages end after their definitions
    ("headings", headings),                  # before healing: headings end without a period
    ("captions", captions),
    ("heal_page_breaks", heal_page_breaks),  # once notes, heads and headings are out of the way
    ("code_spacing", code_spacing),          # before inline_cleanup: its tokens are as printed
    ("inline_cleanup", inline_cleanup),
    ("merge_metadata", merge_metadata),
    ("emit", emit),
]
PASS_NAMES = [name for name, _ in PASSES]


def run_passes(state: State, dump_dir: Path | None = None, stop_after: str | None = None) -> State:
    from .dump import dump

    for index, (name, function) in enumerate(PASSES, start=1):
        state = function(state)
        if dump_dir is not None:
            dump(state, dump_dir / f"{index:02d}-{name}.txt")
        if name == stop_after:
            break
    return state
