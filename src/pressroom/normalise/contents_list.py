"""The printed contents list: removed from the text, kept as evidence for the headings.

Entries end in a page number, often after dot leaders (`....`, `···`) or a tab; an entry may
wrap over two lines, even across a blank line.
"""

from __future__ import annotations

import itertools
import re

from .model import Block, State, strip_tokens
from .contents_header import split_off_contents_header
from .title_page import CONTENTS_WORDS
from .lazy_re import lazy_compile

# Leaders and the page number that closes an entry: "Title ....... 7", "Title\t7", "Title ··· 7".
# Leaders are dots (`....`, or spaced `. . . .` as typeset leaders come out of pdftotext), ellipses,
# middle dots or tabs.
_ENTRY_END = lazy_compile(r"(?:\s*(?:\.{2,}|(?:\.\s){2,}\.?|…+|·+|\t+|\s{2,}))?\s*(\d{1,4})\s*$")
_LEADERS = lazy_compile(r"(?:\.{3,}|(?:\.\s?){3,}|…+|·{2,}|\t+)\s*$")
# `I.`, `A.`, `3.`, `3)`, and dotted section numbers with or without a closing dot (`2.1`, `2.1.`).
_LEADERS_ONLY = lazy_compile(r"^\s*(?:\.\s?){3,}\s*$|^\s*[…·]{2,}\s*$")
# Leaders inside an entry's end (`_ENTRY_END`'s match): the entry's title ended before them.
_LEADERS_IN = lazy_compile(r"(?:\.\s?){2,}|…|·|\t")
_NUMBER_ONLY = lazy_compile(r"^\s*\d{1,4}\s*$")
# Leaders and a page number alone on a line: the end of an entry too long for its line, which the
# typesetter wrapped before its leaders (`Use of cards … procurement` / `.......... 7`).
_LEADERS_AND_PAGE = lazy_compile(r"^\s*(?:(?:\.\s?){3,}|[…·]{2,})\s*\d{1,4}\s*$")
_NUMBERING = lazy_compile(r"^\s*((?:[IVXLC]+|[A-Z]|\d+)[.)]|\d+(?:\.\d+)+\.?)\s+")
_ROMAN = lazy_compile(r"^[IVXLC]+[.)]$")
MIN_ENTRIES_WITHOUT_HEADER = 3
MAX_CONTENTS_BLOCKS = 400  # a contents list longer than this is not one
MAX_ENTRY_CHARS = 120


def contents_list(state: State) -> State:
    split_off_contents_header(state)
    blocks = state.blocks
    for index, block in enumerate(blocks[:12]):
        has_header = block.plain().strip().casefold() in CONTENTS_WORDS
        first = index + 1 if has_header else index
        entries, end, resume = _read_entries(blocks, first, strict=not has_header,
                                             last_page=_last_page(blocks))
        if has_header or len(entries) >= MIN_ENTRIES_WITHOUT_HEADER:
            if not entries or not has_header and not _found_later(entries, blocks[end:]):
                continue
            blocks, end = _split_at(blocks, end, resume)
            _record(state, blocks[index:end], entries)
            state.blocks = blocks[:index] + blocks[end:]
            return state
    return state


# Without a `Contents` header, lines ending in numbers are a contents list only when the body
# sets at least this share of their titles again as lines of their own (its headings): rows of
# a table (`Arizona  2,303  12,382`, `FY2013  7,723,293`) are not.
MIN_FOUND_SHARE = 0.5


def _found_later(entries: list[dict], body: list) -> bool:
    starts = {_key(line) for block in body for line in block.lines}
    starts.discard("")
    found = sum(1 for entry in entries if _key(entry["text"]) in starts)
    return found >= MIN_FOUND_SHARE * len(entries)


def _key(text: str) -> str:
    """A title as an entry and its heading both print it: numbering, case and spacing aside."""
    text = _NUMBERING.sub("", strip_tokens(text))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def _split_at(blocks: list, end: int, resume: int | None) -> tuple[list, int]:
    """The list ended inside block `end`, whose first lines were entries (an export with no blank
    line between the list and the body): those lines go with the list, the rest stays a block."""
    block = blocks[end] if resume is not None and end < len(blocks) else None
    cut = resume - block.start if block is not None else 0
    if block is None or not 0 < cut < len(block.lines):
        return blocks, end
    head = Block(block.lines[:cut], block.start, resume - 1, block.kind, block.level,
                 block.page_break_before).carry(block)
    tail = Block(block.lines[cut:], resume, block.end, block.kind, block.level)
    return blocks[:end] + [head, tail] + blocks[end + 1:], end + 1


def _last_page(blocks: list) -> int:
    """The highest page number an entry may give: the pages the export shows (form feeds), with
    room for front matter numbered apart; without page breaks, any."""
    breaks = sum(1 for block in blocks if block.page_break_before)
    return int(PAGE_MARGIN_SHARE * (breaks + 1)) + PAGE_MARGIN if breaks else 9999


# A contents list's page numbers stay within the document's pages (plus this share and margin:
# front matter numbered in roman, blank pages an extractor drops).
PAGE_MARGIN_SHARE = 1.5
PAGE_MARGIN = 10
# ... or, where the export shows fewer page breaks than it has pages, go on as the list went: a
# step from the last entry at most this many times the longest step between entries so far (a
# year ending a body line, `built in 1868` after entries at pages 3, 7 and 12, is no page).
PAGE_STEP_FACTOR = 3


def _is_page(number: int, entries: list[dict], last_page: int) -> bool:
    if entries and number < entries[-1]["page"]:
        return False
    if number <= last_page:
        return True
    pages = [entry["page"] for entry in entries if entry["page"]]
    steps = [b - a for a, b in itertools.pairwise(pages)]
    return len(steps) >= 2 and number - pages[-1] <= PAGE_STEP_FACTOR * max(steps)


def _read_entries(blocks: list, first: int, strict: bool = False,
                  last_page: int = 9999) -> tuple[list[dict], int, int | None]:
    """Read entry lines from block `first` on; return the entries, the first block after and the
    source line the text after them resumes at (inside that block, or its start).

    An entry without a page number is pending when it ends in a tab or leaders, or when the
    next line completes it ("1. A Long Chapter" / "Title Continued ....... 5")."""
    entries: list[dict] = []
    pending: tuple[str, int, bool, int] | None = None  # text, line, had leaders, block
    index = first
    lines = itertools.pairwise(itertools.chain(_lines(blocks, first), [("", "", 0, len(blocks), len(blocks))]))
    for (line, raw, number, index, opening), (following, _, _, _, _) in lines:
        match = _ENTRY_END.search(line)
        if entries and _key(_LEADERS.sub("", line[:match.start()] if match else line)) == _key(entries[0]["text"]):
            # the first entry's title again (with the folio an extractor set beside it, perhaps):
            # the body's first heading, the list has ended
            if pending is not None and pending[2]:
                entries.append(_entry(pending[0], 0, pending[1]))
            if pending is not None and not pending[2]:
                return entries, pending[3], pending[1]
            return entries, opening, number
        if strict and match and not (_LEADERS.search(line[:match.start()] + " ") or "\t" in raw):
            match = None  # no header: a line ending in a number is not enough evidence
        if match and line[:match.start()].strip() and pending is not None and pending[2] \
                and (_NUMBERING.match(line) or _LEADERS_IN.search(match.group(0))):
            # The pending entry had its leaders, and this line is an entry of its own: numbered,
            # or with leaders of its own before its number (pdfminer sets a run of entries' page
            # numbers apart, below the last of them: `Worth . . .` / `Fleet . . .` / `Town . . . 6`).
            entries.append(_entry(pending[0], 0, pending[1]))
            pending = None
        if match and not _is_page(int(match.group(1)), entries, last_page):
            match = None  # a year or a quantity ending a body line (`built in 1868`), not a page
        if match and line[:match.start()].strip():
            text = (pending[0] + " " if pending else "") + line[:match.start()]
            entries.append(_entry(text, int(match.group(1)), pending[1] if pending else number))
            pending = None
        elif entries and _NUMBER_ONLY.match(line):
            continue  # page numbers pdfminer set apart from their entries, several together
        elif pending is not None and _LEADERS.search(line) and _LEADERS.sub("", line).strip():
            if pending[2]:
                # An entry with its leaders but no number (it stands among the orphaned numbers):
                # the pending one is an entry too.
                entries.append(_entry(pending[0], 0, pending[1]))
                pending = (_LEADERS.sub("", line).strip(), number, True, index)
            else:  # the pending title's last line, with its leaders (`… gone through` / `procurement . . .`)
                pending = (f"{pending[0]} {_LEADERS.sub('', line).strip()}", pending[1], True, pending[3])
        elif pending is None and (raw.endswith("\t") or _LEADERS.search(line) or (
                len(line) <= MAX_ENTRY_CHARS and not line.endswith(".") and entries
                and (_ENTRY_END.search(following) or _LEADERS.search(following)))):
            pending = (_LEADERS.sub("", line).strip(), number, bool(_LEADERS.search(line)), index)
        elif pending is not None and pending[2] and len(line) <= MAX_ENTRY_CHARS and not line.endswith(".") \
                and not _LEADERS.search(line) and (_ENTRY_END.search(following) or _LEADERS.search(following)):
            # The entry before had its leaders, its number set apart (pdfminer); this line opens
            # the next entry, wrapped: the line below ends it with its leaders.
            entries.append(_entry(pending[0], 0, pending[1]))
            pending = (line.strip(), number, False, index)
        else:
            if pending is not None and pending[2]:  # it had its leaders: an entry
                entries.append(_entry(pending[0], 0, pending[1]))
            elif pending is not None:  # no entry after all (the body's first heading): it stays
                return entries, pending[3], pending[1]
            return entries, index, number
    return entries, index + 1, None


def _lines(blocks: list, first: int):
    """(text, raw line, source line, block index, index of the block it opens in) of the blocks
    from `first`, lazily. An entry
    that pdfminer cut into its title, its leaders and its page number, each a block of its own,
    is one line again."""
    held = None
    for index in range(first, min(len(blocks), first + MAX_CONTENTS_BLOCKS)):
        block = blocks[index]
        if index > first and block.page_break_before and block.kind == "heading":
            break  # a heading a reader saw (a PDF's type size) opening a page starts the body
        lines = block.lines
        if block.one_paragraph and len(lines) > 1 and _ENTRY_END.search(lines[-1]) \
                and not any(_ENTRY_END.search(line) for line in lines[:-1]):
            lines = [" ".join(line.strip() for line in lines)]  # a reader saw one wrapped entry
        for offset, raw in enumerate(lines):
            text = strip_tokens(raw).rstrip()
            if held is not None and ((_LEADERS_ONLY.match(text) or _LEADERS_AND_PAGE.match(text))
                                     and not _has_page(held[0])
                                     or _NUMBER_ONLY.match(text) and not _ENTRY_END.search(held[0])):
                held = (f"{held[0]} {text.strip()}", f"{held[1]} {raw.strip()}", held[2], index, held[4])
                continue
            if held is not None:
                yield held
            held = (text, raw, block.start + offset, index, index)
    if held is not None:
        yield held


def _has_page(text: str) -> bool:
    """A line that holds its page number: after leaders or a tab (`Title . . . 5`), or alone
    (`5`). A title's own closing number set after a single space (`Workload in 2023`) is no page
    when leaders follow it on the next line: leaders stand before the page, never after it."""
    end = _ENTRY_END.search(text)
    return end is not None and (bool(_LEADERS_IN.search(end.group(0))) or not text[:end.start()].strip())


def _entry(text: str, page: int, line: int) -> dict:
    text = re.sub(r"\s+", " ", _LEADERS.sub("", text)).strip()
    numbering = _NUMBERING.match(text)
    label = numbering.group(1) if numbering else ""
    return {"text": text, "page": page, "line": line, "label": label,
            "roman": bool(_ROMAN.match(label))}


# The values of the Roman figures a single capital letter may also be (`C.`: part 100 or the
# third lettered section).
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(figures: str) -> int:
    total = 0
    for figure, following in zip(figures, figures[1:] + " "):
        value = _ROMAN_VALUES[figure]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def roman_labels(labels: list[str]) -> list[bool]:
    """Which of a document's section labels, in their order (`I.`, `A.`, `B.`, `C.`, `II.`, `3.`,
    or none), are Roman numerals. A label of several Roman figures (`II`, `IV`) is one; a single
    capital that is a figure too (`I`, `V`, `X`, `L`, `C`) is where it continues the Roman
    sequence (`V` after `IV`) and not the lettered one (`C` after `B`: the third lettered
    section, not part 100); where it continues both or neither, the sequence seen last decides
    (no letter seen: Roman)."""
    flags: list[bool] = []
    last_roman, last_letter = 0, ""
    roman_at = letter_at = -1  # where each sequence was last seen
    for index, label in enumerate(labels):
        figures = label.rstrip(".)")
        if not figures.isalpha() or not figures.isupper() or len(figures) > 1 and not all(
                figure in _ROMAN_VALUES for figure in figures):
            flags.append(False)  # a number, or no label
            continue
        if len(figures) > 1 or figures not in _ROMAN_VALUES:
            roman = len(figures) > 1
        else:
            as_roman = _roman_value(figures) == last_roman + 1
            as_letter = bool(last_letter) and ord(figures) == ord(last_letter) + 1
            roman = as_roman if as_roman != as_letter else not letter_at > roman_at
        if roman:
            last_roman, roman_at = _roman_value(figures), index
        else:
            last_letter, letter_at = figures, index
        flags.append(roman)
    return flags


def _record(state: State, removed: list, entries: list[dict]) -> None:
    for entry, roman in zip(entries, roman_labels([e["label"] for e in entries])):
        entry["roman"] = roman
    has_roman = any(e["roman"] for e in entries)
    for entry in entries:
        if entry["roman"] or not entry["label"]:
            entry["level"] = 1
        elif "." in entry["label"].rstrip(".)"):
            entry["level"] = entry["label"].rstrip(".)").count(".") + 1
        else:
            entry["level"] = 2 if has_roman else 1
    _unnumbered_levels(state, entries)
    state.contents = entries
    for block in removed:
        for offset, line in enumerate(block.lines):
            state.audit.remove("contents", block.start + offset, strip_tokens(line))


# An entry naming itself a chapter (`Chapter 2: Three Companies`, `Chapter IV`), a top level.
CHAPTER = lazy_compile(r"^(?:chapter|chapitre|kapitel|cap[ií]tulo|capitolo|hoofdstuk)\s+(?:\d+|[IVXLC]+)\b", re.I)

# Indents (in columns of a layout-preserving export) closer than this are one level.
INDENT_STEP = 2


def _unnumbered_levels(state: State, entries: list[dict]) -> None:
    """Levels of entries without a number: from their indent where the export kept it (a
    layout-preserving export of an indented contents list), else inside the numbered chapters
    around them (an unnumbered entry between chapter 3 and chapter 4 is a section of 3)."""
    text_lines = state.text.split("\n")
    source: dict[int, str] = {}
    for number, line in zip(state.line_numbers or range(1, len(text_lines) + 1), text_lines):
        source.setdefault(number, line)
    for entry in entries:
        raw = source.get(entry["line"], "")
        entry["indent"] = len(raw) - len(raw.lstrip(" "))
    unnumbered = [e for e in entries if not e["label"]]
    if not unnumbered:
        return
    steps: list[int] = []
    for indent in sorted({e["indent"] for e in entries}):
        if not steps or indent - steps[-1] >= INDENT_STEP:
            steps.append(indent)
    if len(steps) > 1:
        for entry in unnumbered:
            entry["level"] = min(3, 1 + max(i for i, step in enumerate(steps) if entry["indent"] >= step))
            entry["level_evidence"] = "indent"
        return
    chapters = [i for i, e in enumerate(entries) if e["label"] and e["level"] == 1 and not e["roman"]
                or CHAPTER.match(e["text"])]
    for index in chapters:
        if CHAPTER.match(entries[index]["text"]):
            entries[index]["level_evidence"] = "chapter"  # `Chapter 2: …` says its level
    if len(chapters) >= 2:
        for index in range(chapters[0] + 1, chapters[-1]):
            if not entries[index]["label"] and index not in chapters:
                entries[index]["level"] = 2
                entries[index]["level_evidence"] = "chapters"
