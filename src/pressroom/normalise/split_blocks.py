"""Split the text into blocks (runs of non-blank lines) with line spans; read Markdown-isms.

Exports are Markdown-ish: `**bold**`, `*italic*` and backslash escapes (`\\$`) are read here
into tokens and literal characters, so later passes see plain text.
"""

from __future__ import annotations

import re

from .model import EMPH_CLOSE, EMPH_OPEN, STRONG_CLOSE, STRONG_OPEN, Block, State
from .lazy_re import lazy_compile

_ESCAPE = lazy_compile(r"\\([!-/:-@\[-`{-~])")
_STRONG = lazy_compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_EMPH = lazy_compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])", re.S)
_ESC_TOKEN = "\ue020"  # stands for an escaped character while emphasis is read


def split_blocks(state: State) -> State:
    if state.blocks:  # a reader that sees structure (PDF) made the blocks already
        return state
    blocks: list[Block] = []
    current: list[str] = []
    start = last = 0
    page_break = quoted = False

    def close() -> None:
        nonlocal current, page_break
        if current:
            blocks.append(_block(current, start, last, page_break))
            blocks[-1].quote = quoted
            current, page_break = [], False

    lines = state.text.split("\n")
    for position, (number, line) in enumerate(zip(state.line_numbers or range(1, len(lines) + 1), lines)):
        in_quote = position in state.quote_lines
        # A form feed (pdftotext puts it before a page's first line) ends the block and the page;
        # the text on either side keeps this line's number.
        for index, segment in enumerate(line.split("\f") if "\f" in line else (line,)):
            if index:
                close()
                page_break = True
            if segment.strip():
                if current and in_quote != quoted:
                    close()  # a quotation's indented lines (quote_indents) are a block of their own
                if not current:
                    start, quoted = number, in_quote
                current.append(segment.lstrip().rstrip(" "))  # a trailing tab ends a contents entry
                last = number
        if not line.strip(" \t\f\v\r"):
            close()
    close()
    state.blocks = blocks
    return state


def _block(lines: list[str], start: int, end: int, page_break: bool) -> Block:
    text = read_inline("\n".join(lines))
    return Block(text.split("\n"), start, end, page_break_before=page_break)


def read_inline(text: str) -> str:
    """Turn `\\X`, `**x**` and `*x*` into literal characters and tokens."""
    escaped: list[str] = []

    def hide(match: re.Match) -> str:
        escaped.append(match.group(1))
        return _ESC_TOKEN

    text = _ESCAPE.sub(hide, text)
    text = _STRONG.sub(lambda m: f"{STRONG_OPEN}{m.group(1)}{STRONG_CLOSE}", text)
    text = _EMPH.sub(lambda m: f"{EMPH_OPEN}{m.group(1)}{EMPH_CLOSE}", text)
    parts = text.split(_ESC_TOKEN)
    return "".join(part + (escaped[i] if i < len(escaped) else "") for i, part in enumerate(parts))
