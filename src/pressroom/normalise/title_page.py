"""The title page: leading short blocks (title, subtitle, author) move into the metadata."""

from __future__ import annotations

import re

from .furniture import MIN_REPEATS, carries_folio, furniture_key, is_page_number
from .model import STRONG_CLOSE, STRONG_OPEN, State
from .words import words

MAX_TITLE_BLOCKS = 3
MAX_TITLE_CHARS = 250
MAX_AUTHOR_CHARS = 80
CONTENTS_WORDS = {"contents", "table of contents"}


def title_page(state: State) -> State:
    blocks = state.blocks
    lead = []
    for block in blocks[:MAX_TITLE_BLOCKS]:
        plain = block.plain().strip()
        if (plain.casefold() in CONTENTS_WORDS or len(plain) > MAX_TITLE_CHARS or plain.endswith(".")
                or is_page_number(plain) or carries_folio(plain)):  # a title page has no folio
            break
        lead.append(block)
    if not lead or not _is_title_page(state, lead):
        return state
    title = re.sub(r"\s+", " ", lead[0].plain()).strip()
    main, _, subtitle = title.partition(": ")
    state.meta["title"] = main.strip()
    if subtitle.strip():
        state.meta["subtitle"] = subtitle.strip()
    if len(lead) > 1 and _looks_like_a_name(lead[1].plain()):
        state.meta["author"] = lead[1].plain().strip()
        lead = lead[:2]
    else:
        lead = lead[:1]
    for block in lead:
        state.audit.change("title_page", block.start, block.plain(), "moved to metadata")
        state.audit.moved_words.update(words(block.plain()))
    state.blocks = blocks[len(lead):]
    return state


def _looks_like_a_name(text: str) -> bool:
    """An author line is short and capitalised ("Xinhua Institute", "Jane Doe and Li Wei"); a
    paragraph fragment cut at a page end is not."""
    tokens = re.findall(r"[^\W\d_]+", text)
    capitalised = sum(1 for t in tokens if t[0].isupper())
    return 0 < len(text) <= MAX_AUTHOR_CHARS and len(tokens) <= 12 and capitalised >= 0.6 * len(tokens)


def _is_title_page(state: State, lead: list) -> bool:
    first = lead[0]
    text = first.text.strip()
    if text.startswith(STRONG_OPEN) and text.endswith(STRONG_CLOSE):
        return True
    following = state.blocks[len(lead):len(lead) + 2]
    if any(b.plain().strip().casefold() in CONTENTS_WORDS for b in following):
        return True
    key = furniture_key(first.text)
    return sum(1 for b in state.blocks if furniture_key(b.text) == key) >= MIN_REPEATS
