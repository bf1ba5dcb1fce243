"""The last pass: the blocks, notes and metadata written as canonical Markdown.

The writing itself is the one Markdown writer's (markdown_writer.py); this pass only refuses a
document with nothing left to publish.
"""

from __future__ import annotations

from ..errors import InputError
from .markdown_writer import write_document
from .model import State


def emit(state: State) -> State:
    if not state.blocks:
        raise InputError("no paragraphs left once page furniture is removed: nothing to publish",
                         state.path)
    state.text = write_document(state)
    return state
