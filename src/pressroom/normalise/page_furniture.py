"""Running heads, footers and page numbers: found by repetition in the document itself.

A short line repeated at least MIN_REPEATS times (case, digits and spacing aside) is page
furniture, whether it stands alone or is glued to the first or last line of a paragraph. Each
removal marks a page break, which later passes use to heal paragraphs and to page footnotes.
"""

from __future__ import annotations

from collections import Counter

from .furniture import MAX_FURNITURE_CHARS, MIN_REPEATS, furniture_key, is_page_number
from .model import State, strip_tokens


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
    counts: Counter = Counter()
    for block in state.blocks:
        candidates = {block.text}
        if len(block.lines) > 1:
            candidates.update((block.lines[0], block.lines[-1]))
        for text in candidates:
            if len(text) <= MAX_FURNITURE_CHARS:
                counts[furniture_key(text)] += 1
    return {key for key, n in counts.items() if n >= MIN_REPEATS and key}


def _is_furniture(text: str, keys: set[str]) -> bool:
    return len(text) <= MAX_FURNITURE_CHARS and furniture_key(text) in keys


def _remove(state: State, line: int, text: str) -> None:
    cls = "page_numbers" if is_page_number(text) else "running_heads"
    state.audit.remove(cls, line, strip_tokens(text))
