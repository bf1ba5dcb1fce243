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
_CUT_WORD = re.compile(r"[^\W\d_]-$")
# At most this many blocks (a page's note definitions, footer, number and the next head) stand
# between the halves of a word cut at a page end.
MAX_CUT_RUN = 12


def page_furniture(state: State) -> State:
    if state.paged:  # page_edges has read the furniture off the pages themselves
        return state
    cut_runs = _inside_cut_words(state.blocks)
    furniture = _furniture_keys(state, cut_runs)
    strays = _strays(state.blocks, furniture, cut_runs)
    if not furniture and not strays:
        return state
    kept = []
    break_next = False
    for index, block in enumerate(state.blocks):
        if _is_furniture(block.text, furniture) or index in strays:
            if index in strays:
                state.diagnostics.info("furniture-unrepeated", block.start, f"“{block.plain()[:60]}”, "
                                       "between the halves of a word cut at a page end, removed as a "
                                       "running head")
            _remove(state, block.start, block.text)
            break_next = True
            continue
        # Heads glued to the first line and footers glued to the last line of a paragraph.
        while len(block.lines) > 1 and _is_glued_furniture(block.lines[0], furniture):
            _remove(state, block.start, block.lines.pop(0))
            block.start += 1
            break_next = True
        glued_footer = False
        while len(block.lines) > 1 and _is_glued_furniture(block.lines[-1], furniture):
            _remove(state, block.end, block.lines.pop())
            block.end -= 1
            glued_footer = True
        if break_next:
            block.page_break_before = True
        kept.append(block)
        break_next = glued_footer
    state.blocks = kept
    return state


def _furniture_keys(state: State, cut_runs: list[list[int]]) -> set[str]:
    """Keys repeated often enough, most of whose occurrences stand at a page edge."""
    counts: Counter = Counter()
    at_edge: Counter = Counter()
    in_cut: Counter = Counter()
    blocks = state.blocks
    inside = {index for run in cut_runs for index in run}
    for index, block in enumerate(blocks):
        candidates = {block.text}
        if len(block.lines) > 1:
            candidates.update(line for line in (block.lines[0], block.lines[-1]) if _may_be_glued(line))
        for text in candidates:
            if len(text) <= MAX_FURNITURE_CHARS:
                key = furniture_key(text)
                counts[key] += 1
                at_edge[key] += text != block.text or _at_page_edge(blocks, index)
                in_cut[key] += text == block.text and index in inside
    # The title page (already moved to the metadata) may be the first page's running head: without
    # a title page of its own, a document's first block is its head. It counts as an occurrence,
    # at the document's start.
    for moved in state.audit.changed.get("title_page", []):
        key = furniture_key(moved["before"])
        if key and key in counts:
            counts[key] += 1
            at_edge[key] += 1
    regular = _regularly_spaced(blocks, {k for k, n in counts.items() if n >= MIN_REPEATS})
    edged = {key: n for key, n in counts.items()
             if key and n >= MIN_REPEATS and (at_edge[key] >= MIN_EDGE_SHARE * n or key in regular
                                              or is_page_number(key.replace("#", "1")))
             # A short document has fewer pages: a line seen twice is furniture when one of its
             # occurrences stands inside a word cut at a page end, where nothing else can.
             or key and n >= MIN_REPEATS - 1 and in_cut[key] and at_edge[key] >= MIN_EDGE_SHARE * n}
    most = max(edged.values(), default=0)
    return {key for key, n in edged.items() if n >= MIN_SHARE_OF_MOST * most}


def _strays(blocks: list, furniture: set[str], cut_runs: list[list[int]]) -> set[int]:
    """Lines seen once (the only even-page head of a short document) where a page break is
    certain: between the halves of a word cut at a page end (a block ends in a word's first half
    only there). A head starts with a capital and ends no sentence; a note definition does not."""
    strays: set[int] = set()
    for run in cut_runs:
        if run:
            strays.update(i for i in run if not _is_furniture(blocks[i].text, furniture)
                          and blocks[i].plain().lstrip()[:1].isupper()
                          and not _COMPLETE.search(blocks[i].plain()))
    return strays


def _inside_cut_words(blocks: list) -> list[list[int]]:
    """Runs of blocks standing between the halves of a word cut at a page end
    (`civiliza-` … `tion`): only the page's note definitions and its furniture sit there."""
    inside: list[list[int]] = []
    for index, block in enumerate(blocks):
        text = strip_tokens(block.text)
        if not _CUT_WORD.search(text, max(0, len(text) - 3)):  # the pattern ends the text
            continue
        run: list[int] = []
        for following in range(index + 1, min(len(blocks), index + 1 + MAX_CUT_RUN)):
            text = strip_tokens(blocks[following].text).lstrip()
            if text[:1].islower():
                inside.append(run)
                break
            if len(text) > MAX_FURNITURE_CHARS and not NOTE_START.match(text):
                break
            run.append(following)
    return inside


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


def _may_be_glued(line: str) -> bool:
    """A paragraph's first or last line that could be a head or footer glued to it: not one
    starting in lower case, the tail of a sentence wrapped there (`the.`, however often seen)."""
    return not strip_tokens(line).lstrip()[:1].islower()


def _is_glued_furniture(line: str, keys: set[str]) -> bool:
    return _may_be_glued(line) and _is_furniture(line, keys)


def _remove(state: State, line: int, text: str) -> None:
    cls = "page_numbers" if is_page_number(text) else "running_heads"
    state.audit.remove(cls, line, strip_tokens(text))
