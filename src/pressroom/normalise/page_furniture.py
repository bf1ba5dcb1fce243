"""Running heads, footers and page numbers: found by repetition in the document itself.

A short line repeated at least MIN_REPEATS times (case, digits and spacing aside) is page
furniture, whether it stands alone or is glued to the first or last line of a paragraph. Each
removal marks a page break, which later passes use to heal paragraphs and to page footnotes.
"""

from __future__ import annotations

from collections import Counter

import re

from .furniture import (MAX_FURNITURE_CHARS, MIN_REPEATS, NOTE_START, furniture_key,
                        is_page_number)
from .model import State, strip_tokens

# Most occurrences of a running head stand at a page edge; a repeated heading or refrain does
# not, and is content. Half leaves room for heads between two complete paragraphs.
MIN_EDGE_SHARE = 0.5
# Furniture recurs on (nearly) every page: a key seen far less often than the commonest one is
# repeated content (a document that quotes itself), not a head. Odd/even heads each keep ~1/2.
MIN_SHARE_OF_MOST = 0.2
# Pages hold similar amounts of text, so the gaps between running heads vary moderately
# (measured on the report: 0.67, its short section-end pages included); a heading repeated per
# chapter comes at irregular intervals.
MAX_GAP_VARIATION = 0.8
_COMPLETE = re.compile(r"[.!?:…][”’\"')\]]*\s*$")


def page_furniture(state: State) -> State:
    furniture = _furniture_keys(state)
    if not furniture:
        return state
    kept = []
    break_next = False
    for block in state.blocks:
        if _is_furniture(block.text, furniture):
            _remove(state, block.start, block.text)
            break_next = True
            continue
        # Heads glued to the first line and footers glued to the last line of a paragraph.
        while len(block.lines) > 1 and _is_furniture(block.lines[0], furniture):
            _remove(state, block.start, block.lines.pop(0))
            block.start += 1
            break_next = True
        glued_footer = False
        while len(block.lines) > 1 and _is_furniture(block.lines[-1], furniture):
            _remove(state, block.end, block.lines.pop())
            block.end -= 1
            glued_footer = True
        if break_next:
            block.page_break_before = True
        kept.append(block)
        break_next = glued_footer
    state.blocks = kept
    return state


def _furniture_keys(state: State) -> set[str]:
    """Keys repeated often enough, most of whose occurrences stand at a page edge."""
    counts: Counter = Counter()
    at_edge: Counter = Counter()
    blocks = state.blocks
    for index, block in enumerate(blocks):
        candidates = {block.text}
        if len(block.lines) > 1:
            candidates.update((block.lines[0], block.lines[-1]))
        for text in candidates:
            if len(text) <= MAX_FURNITURE_CHARS:
                key = furniture_key(text)
                counts[key] += 1
                at_edge[key] += text != block.text or _at_page_edge(blocks, index)
    regular = _regularly_spaced(blocks, {k for k, n in counts.items() if n >= MIN_REPEATS})
    edged = {key: n for key, n in counts.items()
             if key and n >= MIN_REPEATS and (at_edge[key] >= MIN_EDGE_SHARE * n or key in regular
                                              or is_page_number(key.replace("#", "1")))}
    most = max(edged.values(), default=0)
    return {key for key, n in edged.items() if n >= MIN_SHARE_OF_MOST * most}


def _regularly_spaced(blocks: list, keys: set[str]) -> set[str]:
    """Keys whose occurrences come at regular intervals of text, as pages do: the spread of the
    gaps between them (coefficient of variation) is at most MAX_GAP_VARIATION."""
    offsets: dict[str, list[int]] = {}
    position = 0
    for block in blocks:
        key = furniture_key(block.text) if len(block.text) <= MAX_FURNITURE_CHARS else ""
        if key in keys:
            offsets.setdefault(key, []).append(position)
        position += len(block.text)
    regular = set()
    for key, where in offsets.items():
        gaps = [b - a for a, b in zip(where, where[1:])]
        if len(gaps) < 2:
            continue
        mean = sum(gaps) / len(gaps)
        spread = (sum((g - mean) ** 2 for g in gaps) / len(gaps)) ** 0.5
        if mean and spread / mean <= MAX_GAP_VARIATION:
            regular.add(key)
    return regular


def _at_page_edge(blocks: list, index: int) -> bool:
    """Evidence of a page boundary next to a block: a paragraph cut mid-sentence before it, a
    footnote definition (they sit at page bottoms) before it, a lower-case continuation after
    it, a page number beside it, or the start or end of the document."""
    if index == 0 or index == len(blocks) - 1:
        return True
    before, after = strip_tokens(blocks[index - 1].text), strip_tokens(blocks[index + 1].text)
    return (not _COMPLETE.search(before) or bool(NOTE_START.match(before))
            or after[:1].islower() or is_page_number(before) or is_page_number(after))


def _is_furniture(text: str, keys: set[str]) -> bool:
    return len(text) <= MAX_FURNITURE_CHARS and furniture_key(text) in keys


def _remove(state: State, line: int, text: str) -> None:
    cls = "page_numbers" if is_page_number(text) else "running_heads"
    state.audit.remove(cls, line, strip_tokens(text))
