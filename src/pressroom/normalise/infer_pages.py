"""Page breaks of an export that has none (pypdf's `extract_text()` pages joined as they come).

The running head still marks every page: a short line that recurs through the document. Where
the folio follows it, glued to the next page's first word (`2Throughout`, as pypdf writes the
margin boxes of a page after its text), the numbers count up with the pages; that sequence is
the evidence. A form feed is then put where the page ends (after the folio), so that the paged
passes read the document as they read pdftotext's, and the glued word is split and booked.
Without a head that recurs with a counting folio, nothing is changed.
"""

from __future__ import annotations

import re
from collections import Counter

from .contents_header import CONTENTS_WORDS
from .furniture import is_page_number
from .model import SENTENCE_END, State
from .words import words

# pypdf writes no blank line at all; an export with more blank lines than this share has its
# furniture found by page_furniture between its blocks.
MAX_BLANK_SHARE = 0.05
# Pages needed: fewer folios in sequence are no evidence.
MIN_PAGES = 3
# Heads are short lines (two heads on one line: the title and the chapter, as pypdf joins them).
MAX_HEAD_CHARS = 200  # a title and a chapter title side by side
# A title page holds at most this many lines (title, subtitle, authors, date...).
MAX_TITLE_PAGE_LINES = 12
# A numbered line (`1. Background`) printed this often word for word is a heading and its running
# head, not a note definition (a note's text is printed once).
MIN_HEAD_COPIES = 2

_DIGITS = re.compile(r"\d+")
# A folio glued to the next page's first word, or standing alone on its line.
# A footer that is a folio in words (`Page 3 of 8`, `3 / 8`), alone on its line.
_FOOTER_FOLIO = re.compile(r"^(?:page\s+)?\d{1,4}\s*(?:of|/)\s*\d{1,4}$|^page\s+\d{1,4}$", re.I)
_NOTE_SHAPE = re.compile(r"^\d{1,3}[.)]?\s")
_GLUED_FOLIO = re.compile(r"^(\d{1,4})(?=[^\d\s.,)]|$)")


def infer_pages(state: State) -> State:
    if "\f" in state.text:
        return state
    lines = state.text.split("\n")
    if sum(1 for line in lines if not line.strip()) > MAX_BLANK_SHARE * len(lines):
        return state  # blank lines between blocks: page_furniture reads this shape of export
    chain = _folio_chain(lines)
    if len(chain) < MIN_PAGES:
        return state
    for line_index, number in chain:
        line = lines[line_index]
        if is_page_number(line) and _DIGITS.search(line):  # `Page 3 of 8`: the page ends after it
            lines[line_index] = line + "\f"
            continue
        stripped = line.lstrip()
        digits = str(number)
        rest = stripped[len(digits):]
        lines[line_index] = line[:len(line) - len(stripped)] + digits + "\f" + rest
        if rest[:1].strip():  # a glued word: the source's one token is two words now
            glued = stripped.split(None, 1)[0]
            state.audit.joined_parts.update(words(glued))
            state.audit.joined.update(words(digits + " " + glued[len(digits):]))
            state.audit.change("page_inferred", line_index + 1, glued, f"{digits} | {glued[len(digits):]}")
    opening = _chapter_opening(lines, chain[0][0])
    if opening is not None:  # the title page ends above the first chapter's heading
        lines[opening - 1] += "\f"
    state.text = "\n".join(lines)
    state.diagnostics.info("pages-inferred", None, f"no page separators: {len(chain)} page ends found "
                           "where a folio counting up follows a running head")
    return state


def _chapter_opening(lines: list[str], first_folio: int) -> int | None:
    """The line opening the page after a title page (which has no folio of its own): the
    chapter's heading that the first folio's running head, right above it, repeats, or a
    contents list's title, with only lines ending no sentence above it (at most
    MAX_TITLE_PAGE_LINES of them)."""
    head = lines[first_folio - 1].strip()
    for index in range(1, min(first_folio - 1, MAX_TITLE_PAGE_LINES + 1)):
        if lines[index].strip() == head or lines[index].strip().casefold() in CONTENTS_WORDS:
            above = [line.strip() for line in lines[:index] if line.strip()]
            if above and not any(SENTENCE_END.search(line) for line in above):
                return index
            return None
    return None


def _folio_chain(lines: list[str]) -> list[tuple[int, int]]:
    """(line, number) of the folios: a number opening a line right after a head-shaped line,
    the longest run of them counting up by one through the document."""
    candidates = []
    seen = Counter(line.strip() for line in lines)
    for index in range(1, len(lines)):
        if _FOOTER_FOLIO.match(lines[index].strip()) and is_page_number(lines[index]):
            candidates.append((index, int(_DIGITS.search(lines[index]).group(0))))
            continue
        match = _GLUED_FOLIO.match(lines[index].lstrip())
        # A bare number on its own line is a folio by its place in the counting sequence; one
        # glued to the next page's first word needs a head above it that is no note.
        bare = lines[index].strip() == match.group(1) if match else False
        if match and _is_head_shaped(lines[index - 1], MIN_HEAD_COPIES if bare else seen[lines[index - 1].strip()]):
            candidates.append((index, int(match.group(1))))
    best: list[tuple[int, int]] = []
    for start, (index, number) in enumerate(candidates):
        chain = [(index, number)]
        for later in candidates[start + 1:]:
            if later[1] == chain[-1][1] + 1:
                chain.append(later)
        if len(chain) > len(best):
            best = chain
    return best


def _is_head_shaped(line: str, seen: int = 1) -> bool:
    """A short line ending no sentence, not in lower case; one opening with a number is a note's
    first line unless the document prints it again word for word (a chapter's numbered heading
    and the chapter's running head: `1. Background`), as no note is."""
    text = line.strip()
    return (0 < len(text) <= MAX_HEAD_CHARS and not SENTENCE_END.search(text) and not text[:1].islower()
            and (not _NOTE_SHAPE.match(text) or seen >= MIN_HEAD_COPIES))
