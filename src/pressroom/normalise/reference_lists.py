"""Reference lists and code lines: bracketed numbers there are entries and indices, not notes.

A bibliography's `[8] C. Wimmer …` looks like a bracketed footnote definition, and a code line's
`sp[8]` like its call; taken as such they invent notes and empty the References. The footnotes
pass asks these two questions before it reads a block as a definition or a call.
"""

from __future__ import annotations

import re

from .model import Block, strip_tokens
from .lazy_re import lazy_compile

# Headings that open a list of references, in the languages of the documents seen so far; a
# numbered heading (`7. References`, `VII. BIBLIOGRAPHY`) is read without its number.
REFERENCE_HEADINGS = {
    "references", "reference list", "bibliography", "works cited", "literature cited",
    "cited literature", "literature", "sources", "literatur", "literaturverzeichnis", "quellen",
    "références", "références bibliographiques", "bibliographie", "referencias", "bibliografía",
    "bibliografia", "riferimenti bibliografici"}
# Without a heading we know, a bibliography is a run of bracketed entries numbered in sequence
# that open with authors' names (`[8] C. Wimmer and M. Franz.`, `[2] Briggs, P.`): at least this
# many in a row (a page's notes rarely run so long), and this share of them author-shaped (page
# notes are sentences: `[4] See the record…`).
MIN_REFERENCE_RUN = 5
MIN_AUTHOR_SHARE = 0.8
# A line whose words are mostly code tokens (`sp[8],`, `v1`, `x = y;`) is code, not prose.
MIN_CODE_TOKEN_SHARE = 0.5
MIN_CODE_TOKENS = 2

_ENTRY = lazy_compile(r"^\s*\[(\d{1,3})\]")
_AUTHOR = lazy_compile(r"^\s*\[\d{1,3}\]\s*(?:(?:[A-Z]\.[\s-]?){1,3}[A-Z][\w'’-]+"  # C. Wimmer, J.-P. Serre
                     r"|[A-Z][\w'’-]+,\s+(?:[A-Z]\.|[A-Z][\w'’-]+))")  # Wimmer, C.  Wimmer, Christian
_HEADING_NUMBER = lazy_compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]+)[.)]?\s+", re.I)
# A division's label before the heading's name (`Appendix: Sources`, `Appendix B — References`,
# `Annex 2. Bibliography`, `Part IV: Works Cited`): the name after it says what the division holds.
_DIVISION_LABEL = lazy_compile(
    r"^(?:appendix|annex|annexe|anhang|anexo|ap[ée]ndice|appendice|allegato|part|chapter|section)"
    r"(?:\s+(?:[A-Z]|\d{1,3}|[IVXLC]+))?\s*(?::|\.|\s[–—-])\s*", re.I)
_CODE_TOKEN = lazy_compile(
    r"^[\W]*(?:[A-Za-z_]\w*\[[^\]\s]*\]"       # an indexed name: sp[8], v0[4]
    r"|[A-Za-z_]+\d+\w*"                        # a register or variable: v1, r12, x0
    r"|\w*(?:==|!=|<=|>=|->|::|\+\+|&&|\|\|)\w*"  # operators
    r"|\w*[;{}=]\w*"                            # statement punctuation, assignment
    r"|\w+\([^)\s]*\))[\W]*$")                  # a call: f(x), f()


def reference_entries(blocks: list[Block], notes_at: int | None = None) -> set[int]:
    """Indices of blocks that are entries of a reference list. After a notes heading (at
    `notes_at`) a run of numbered entries is the endnotes, unless a reference heading opens it."""
    entries: set[int] = set()
    for index, block in enumerate(blocks):
        if _is_reference_heading(block):
            entries.update(_entries_from(blocks, index + 1))
    run: list[int] = []
    end = len(blocks) if notes_at is None else notes_at
    for index, block in enumerate(blocks[:end] + [Block([""], 0, 0)]):
        number = _entry_number(block)
        if number is not None and (not run or number == _entry_number(blocks[run[-1]]) + 1):
            run.append(index)
            continue
        authors = sum(1 for i in run if _AUTHOR.match(strip_tokens(blocks[i].text)))
        if len(run) >= MIN_REFERENCE_RUN and authors >= MIN_AUTHOR_SHARE * len(run):
            entries.update(run)
        run = [index] if number is not None else []
    return entries


def _is_reference_heading(block: Block) -> bool:
    text = _HEADING_NUMBER.sub("", strip_tokens(block.text).strip()).rstrip(":").strip()
    return text.casefold() in REFERENCE_HEADINGS or _DIVISION_LABEL.sub("", text).casefold() in REFERENCE_HEADINGS


def _entry_number(block: Block) -> int | None:
    match = _ENTRY.match(strip_tokens(block.text))
    return int(match.group(1)) if match else None


def _entries_from(blocks: list[Block], start: int) -> list[int]:
    """The bracketed entries after a reference heading; a block between two entries (an entry
    continued after a page break) does not end the list."""
    found: list[int] = []
    index = start
    while index < len(blocks):
        if _entry_number(blocks[index]) is not None:
            found.append(index)
        elif not (found and index + 1 < len(blocks) and _entry_number(blocks[index + 1]) is not None):
            break
        index += 1
    return found


def code_like(text: str) -> bool:
    """A line of code: most of its tokens are indexed names, registers, operators or calls."""
    tokens = strip_tokens(text).split()
    code = sum(1 for token in tokens if _CODE_TOKEN.match(token))
    return code >= MIN_CODE_TOKENS and code >= MIN_CODE_TOKEN_SHARE * len(tokens)
