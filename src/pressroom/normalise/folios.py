"""Folios of an export without page separators: number-shaped lines (`7`, `— 7 —`, `Page 7 of
30`, `vii`) whose numbers advance as the pages do, with body text between each two. A table's
numbers, a count or a year standing alone do not advance so, and stay in the text."""

from __future__ import annotations


from .furniture import MAX_FURNITURE_CHARS, MIN_REPEATS, folio_number
from .model import Block, strip_tokens
from .lazy_re import lazy_compile

# Consecutive folios differ by one; a page printed without one (a chapter opening, a blank page,
# a full-page figure) makes a step of two or three.
MAX_FOLIO_STEP = 3
# Pages hold similar amounts of text, so folios come at regular intervals: the spread of the
# gaps (coefficient of variation) stays below this (page_furniture's measure for heads).
MAX_FOLIO_GAP_VARIATION = 0.8

_SENTENCE_END = lazy_compile(r"[^\W\d_][.!?…][”’\"')\]]*$")


def folio_lines(blocks: list[Block], cut_inside: frozenset[int] | set[int] = frozenset()
                ) -> set[tuple[int, int]]:
    """(block index, line offset) of every folio: a block of its own, or the first or last line
    of a block it is glued to. Folios form chains of numbers advancing by 1..MAX_FOLIO_STEP, each
    two apart by a paragraph or sentence at least, regularly spaced; front matter in roman numerals and the
    body in arabic make two chains. `cut_inside`: blocks standing between the halves of a word
    cut at a page end, where a page break is certain; a chain holding one of them needs one
    folio fewer (a two-page document shows two folios)."""
    found: list[tuple[int, int, int, int, int]] = []  # (block, offset, value, paragraphs, position)
    paragraphs = position = 0
    for index, block in enumerate(blocks):
        lines = block.lines
        ends = [(0, lines[0])] if len(lines) == 1 else [(0, lines[0]), (len(lines) - 1, lines[-1])]
        for offset, line in ends:
            value = folio_number(line) if len(line) <= MAX_FURNITURE_CHARS else None
            if value is not None:
                after = offset and len(lines) > 1  # a footer glued below the block's own text
                found.append((index, offset, value, paragraphs + bool(after and _is_body(block)),
                              position))
        paragraphs += _is_body(block)
        position += len(block.text)
    folios: set[tuple[int, int]] = set()
    while True:
        chain = _longest_chain(found)
        # A folio with no body text after it closes the export: its page is the last, and short.
        closes = bool(chain) and found[chain[-1]][3] == paragraphs
        # A short document has fewer pages: two folios make a chain when one stands inside a
        # word cut at a page end (as page_furniture takes a head seen twice there).
        least = MIN_REPEATS - 1 if any(found[k][0] in cut_inside for k in chain) else MIN_REPEATS
        if len(chain) < least or not _regular([found[k][4] for k in chain], closes):
            return folios
        folios.update((found[k][0], found[k][1]) for k in chain)
        taken = set(chain)
        found = [f for k, f in enumerate(found) if k not in taken]


def _is_body(block: Block) -> bool:
    """Text of a page's body: a paragraph, or at least a sentence (a table's cells are not)."""
    text = strip_tokens(block.text).rstrip()
    return len(text) > MAX_FURNITURE_CHARS or bool(_SENTENCE_END.search(text))


def _longest_chain(found: list[tuple[int, int, int, int, int]]) -> list[int]:
    """Indexes into `found` of the longest advancing chain of folios, each on a later paragraph."""
    return longest_advancing_chain([f[2] for f in found], MAX_FOLIO_STEP,
                                   lambda j, k: found[j][3] < found[k][3])


def longest_advancing_chain(values: list[int], max_step: int, may_follow) -> list[int]:
    """Indexes of the longest chain of `values` each 1..max_step above the one before, where
    `may_follow(j, k)` allows item k after item j, in one pass (the best chain ending at each
    value so far; of two chains as long, the one with the smaller step)."""
    best_at: dict[int, int] = {}  # value -> index of the occurrence ending the longest chain
    length: list[int] = []
    before: list[int | None] = []
    for k, value in enumerate(values):
        previous = None
        for step in range(1, max_step + 1):
            candidate = best_at.get(value - step)
            if candidate is not None and may_follow(candidate, k) and (
                    previous is None or length[candidate] > length[previous]):
                previous = candidate
        length.append(1 + (length[previous] if previous is not None else 0))
        before.append(previous)
        if value not in best_at or length[k] > length[best_at[value]]:
            best_at[value] = k
    if not length:
        return []
    end: int | None = max(range(len(length)), key=lambda k: (length[k], -k))
    chain = []
    while end is not None:
        chain.append(end)
        end = before[end]
    return chain[::-1]


def _regular(positions: list[int], last_page_short: bool = False) -> bool:
    """Folios come at regular intervals. The export's last page may hold any part of a page:
    when the last folio closes the export, a gap shorter than the others' mean is not measured."""
    gaps = [b - a for a, b in zip(positions, positions[1:])]
    if last_page_short and len(gaps) > 1 and gaps[-1] < sum(gaps[:-1]) / len(gaps[:-1]):
        gaps.pop()
    mean = sum(gaps) / len(gaps)
    spread = (sum((g - mean) ** 2 for g in gaps) / len(gaps)) ** 0.5
    return mean > 0 and spread / mean <= MAX_FOLIO_GAP_VARIATION
