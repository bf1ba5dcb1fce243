"""Page breaks of an export that has none (pypdf's `extract_text()` pages joined as they come).

Every page still carries its folio, and the folios count up with the pages: that sequence is the
evidence. A folio comes in one of these shapes:

- a line of its own: `7`, `— 7 —`, `Page 7 of 30`, `7 / 30`;
- on the running head's line, before or after it (`4 Smart Water Meter Pilot`, `Kelsby Water
  Services 5`), the head's words recurring on other pages;
- glued to the next page's first word after a head-shaped line (`2Throughout`, as pypdf writes the
  margin boxes of a page after its text and joins the pages with nothing).

The longest chain of folios advancing page by page (a page printed without one, a chapter's
opening, makes a step of two or three) at regular intervals gives the page ends. Whether a
document's folios stand at the top of their pages or at the bottom, its last page tells: a folio
at the bottom is the last thing the export holds. A form feed is then put where each page ends,
so that the paged passes read the document as they read pdftotext's, and a glued word is split
and booked. Without such a chain nothing is changed.
"""

from __future__ import annotations

import re
from collections import Counter

from .contents_header import CONTENTS_WORDS
from .folios import longest_advancing_chain
from .furniture import MAX_FURNITURE_CHARS, carries_folio, drop_folio
from .model import SENTENCE_END, State
from .words import words
from .lazy_re import lazy_compile

# pypdf writes no blank line at all; an export with more blank lines than this share has its
# furniture found by page_furniture between its blocks.
MAX_BLANK_SHARE = 0.05
# Pages needed: fewer folios in sequence are no evidence.
MIN_PAGES = 3
# Heads are short lines (two heads on one line: the title and the chapter, as pypdf joins them).
MAX_HEAD_CHARS = 200  # a title and a chapter title side by side
# A title page holds at most this many lines (title, subtitle, authors, date...).
MAX_TITLE_PAGE_LINES = 12
# A document's title opens its export on at most this many lines (wrapped on its title page).
TITLE_LINES = 3
# Consecutive folios differ by one; a page printed without one (a chapter's opening page, a
# blank page, the other side's head not recognised) makes a step of two or three.
MAX_FOLIO_STEP = 3
# A page holds at least this many lines besides its folio: numbers closer together are a
# table's column or a list's markers, not folios.
MIN_PAGE_LINES = 3
# Pages hold similar amounts of text: the lines per page between two folios vary by at most this
# (coefficient of variation; the short last page of a chapter included), as folios.py measures.
MAX_PAGE_LINES_VARIATION = 0.8
# A head carrying its folio (`4 Smart Water Meter Pilot`) is evidence only when its words recur
# on this many pages at least.
MIN_HEAD_REPEATS = 3
# Folios at the bottom of their pages leave at most this many lines after the last one (list
# markers pypdf writes after a page's text); folios at the top have the last page's text below.
MAX_LINES_AFTER_LAST_FOOT = 0

_DIGITS = lazy_compile(r"\d+")
# A footer that is a folio in words (`Page 3 of 8`, `3 / 8`), alone on its line.
_FOOTER_FOLIO = lazy_compile(r"^(?:page\s+)?\d{1,4}\s*(?:of|/)\s*\d{1,4}$|^page\s+\d{1,4}$", re.I)
# A bare folio alone on its line, perhaps set between dashes or bars (`7`, `— 7 —`); a list's
# marker (`3.`, `(3)`) is not one.
_BARE_FOLIO = lazy_compile(r"^[—–\-|·\s]*(\d{1,4})[—–\-|·\s]*$")
_NOTE_SHAPE = lazy_compile(r"^\d{1,3}[.)]?\s")
# A folio glued to the next page's first word (after a head-shaped line). A folio opens with no
# zero, and digits followed by a separator and more digits are one number of the text, never a
# folio and a word: a time (`03:15`, `13:40`), a ratio (`2:1`), a fraction (`3/4`), a range (`3–4`).
_GLUED_FOLIO = lazy_compile(r"^([1-9]\d{0,3})(?=[^\d\s.,)])(?![:/–—\-]\d)")
# A head with its folio before or after it.
_LEADING_NUMBER = lazy_compile(r"^(\d{1,4})\s+\S")
_TRAILING_NUMBER = lazy_compile(r"\S\s+(\d{1,4})$")

# How a folio ends its page: "line" (the page ends after the line or begins with it), "glued"
# (the page ends after the digits), "footer" (a `Page N of M` footer: after the line).
_Folio = tuple[int, int, str]  # (line index, number, shape)


def infer_pages(state: State) -> State:
    if "\f" in state.text:
        return state
    lines = state.text.split("\n")
    if sum(1 for line in lines if not line.strip()) > MAX_BLANK_SHARE * len(lines):
        return state  # blank lines between blocks: page_furniture reads this shape of export
    chain = _folio_chain(lines)
    if len(chain) < MIN_PAGES:
        return state
    at_top = _folios_at_top(lines, chain)
    opening = _chapter_opening(lines, chain[0][0])
    if opening is not None:  # the title page ends above the first chapter's heading
        lines[opening - 1] += "\f"
    for line_index, number, shape in chain:
        line = lines[line_index]
        if shape == "footer" or shape == "line" and not at_top:
            lines[line_index] = line + "\f"
            continue
        if shape == "line":  # a head at the page's top: its page begins with it
            lines[line_index] = "\f" + line
            continue
        stripped = line.lstrip()
        digits = str(number)
        rest = stripped[len(digits):]
        lines[line_index] = line[:len(line) - len(stripped)] + digits + "\f" + rest
        glued = stripped.split(None, 1)[0]  # the source's one token is two words now
        state.audit.joined_parts.update(words(glued))
        state.audit.joined.update(words(digits + " " + glued[len(digits):]))
        state.audit.change("page_inferred", line_index + 1, glued, f"{digits} | {glued[len(digits):]}")
    state.text = "\n".join(lines)
    state.pages_inferred = True
    where = "top" if at_top else "foot"
    state.diagnostics.info("pages-inferred", None, f"no page separators: {len(chain)} page ends found "
                           f"from folios counting up with the pages (at the {where} of each page)")
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


def _folio_chain(lines: list[str]) -> list[_Folio]:
    """The folios: the longest chain of candidates advancing by 1..MAX_FOLIO_STEP, each two at
    least MIN_PAGE_LINES apart, at regular intervals."""
    candidates = _candidates(lines)
    indexes = longest_advancing_chain([c[1] for c in candidates], MAX_FOLIO_STEP,
                                      lambda j, k: candidates[k][0] - candidates[j][0] >= MIN_PAGE_LINES)
    chain = [candidates[k] for k in indexes]
    return chain if len(chain) >= MIN_PAGES and _regular(chain) else []


def _candidates(lines: list[str]) -> list[_Folio]:
    titles = _title_keys(lines)
    heads = Counter(_head_key(line, titles) for line in lines)
    candidates: list[_Folio] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if not text or len(text) > MAX_HEAD_CHARS:
            continue
        if _FOOTER_FOLIO.match(text):
            candidates.append((index, int(_DIGITS.search(text).group(0)), "footer"))
        elif bare := _BARE_FOLIO.match(text):
            candidates.append((index, int(bare.group(1)), "line"))
        elif (key := _head_key(text, titles)) and heads[key] >= MIN_HEAD_REPEATS:
            number = _LEADING_NUMBER.match(text) or _TRAILING_NUMBER.search(text)
            if number:  # (a longer number, `85517 Tag#:…` in a listing, is no folio)
                candidates.append((index, int(number.group(1)), "line"))
        elif index and (glued := _GLUED_FOLIO.match(text)) and _is_head_shaped(lines[index - 1]):
            candidates.append((index, int(glued.group(1)), "glued"))
    return candidates


def _head_key(line: str, titles: frozenset[str] = frozenset()) -> str:
    """The words of a running head printed with its folio (`4 Smart Water Meter Pilot`), the
    folio aside; "" for any other line. A line ending a sentence is none (a sentence of the
    text that happens to open with a number), unless its words are the document's title
    (`titles`): a title may be a question (`6 Can Everyone Hear the Siren?`)."""
    text = line.strip()
    if not text or len(text) > MAX_FURNITURE_CHARS or not carries_folio(text):
        return ""
    key = _folio_free_key(text)
    return "" if SENTENCE_END.search(text) and key not in titles else key


def _folio_free_key(text: str) -> str:
    return drop_folio(_DIGITS.sub("#", re.sub(r"\s+", " ", text.strip().casefold())))


def _title_keys(lines: list[str]) -> frozenset[str]:
    """The keys the document's title may have as a head: its first line, or its first lines
    joined (a title wrapped on its title page), up to TITLE_LINES of them."""
    opening = [line.strip() for line in lines[:MAX_TITLE_PAGE_LINES] if line.strip()][:TITLE_LINES]
    return frozenset(key for n in range(1, len(opening) + 1)
                     if (key := _folio_free_key(" ".join(opening[:n]))))


def _regular(chain: list[_Folio]) -> bool:
    """Lines per page between consecutive folios vary moderately."""
    sizes = [(b[0] - a[0]) / (b[1] - a[1]) for a, b in zip(chain, chain[1:])]
    mean = sum(sizes) / len(sizes)
    spread = (sum((s - mean) ** 2 for s in sizes) / len(sizes)) ** 0.5
    return mean > 0 and spread / mean <= MAX_PAGE_LINES_VARIATION


def _folios_at_top(lines: list[str], chain: list[_Folio]) -> bool:
    """Folios (and the heads they stand in) open their pages when the last page's text follows
    the last one; at the foot, the last folio closes the export."""
    after = [line for line in lines[chain[-1][0] + 1:] if line.strip()]
    return len(after) > MAX_LINES_AFTER_LAST_FOOT


def _is_head_shaped(line: str) -> bool:
    text = line.strip()
    return (0 < len(text) <= MAX_HEAD_CHARS and not SENTENCE_END.search(text) and not text[:1].islower()
            and not _NOTE_SHAPE.match(text))
