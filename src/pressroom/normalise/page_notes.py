"""Footnotes whose markers an extractor flattened into plain digits.

A PDF's raised note calls come out of `pdftotext` and its kin as ordinary digits glued to the
word or punctuation before them (`grow.1`, `2018,5`, `future. 1 As`), and the notes at the foot
of the page as lines opening with the same number (`1 Text`, `1. Text`, `1Text`). A digit is a
call only with evidence: the page ends with a run of lines numbered in sequence, each number
called in that page's text above it, in the same order. Those lines become the page's note
definitions (style "plain"); the `footnotes` pass then pairs calls and definitions as for any
other style. A year, a quantity or a list at the foot of a page has no such matching calls.
"""

from __future__ import annotations

import re

from .model import CALL_CLOSE, CALL_OPEN, Block, State, strip_tokens

# A definition line: the number, then `.`/`)` or a space, or the text glued to it (`1Text`).
DEFINITION_START = re.compile(r"^(\d{1,3})(?:[.)]\s*|\s+|(?=[^\W\d_]|[<(“\"]))(?=\S)")
# A flattened call: digits glued to a lower-case word or closing punctuation (`grow.1`,
# `2018,5`, `end”3`), or set off by a space after sentence punctuation (`future. 1 As`, as
# pdftotext writes a raised number). Capitals and digits before are excluded: `G20`, `A4`,
# `COVID-19` are names, not calls.
CALL = re.compile(r"(?:(?<=[a-zà-ÿ.,;:!?”’\")\]])|(?<=[.,;:!?”’\")\]])\s)(\d{1,3})(?=[\s.,;:!?)\]”’\"]|$)")
# Weaker: a number set off by spaces after a word (`budget 10 and`). Only ever taken for a note
# number that has no call of the strong shape on the page.
LOOSE_CALL = re.compile(r"(?<=[a-zà-ÿ])\s(\d{1,3})(?=\s|$)")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*$")
# The notes of a page are its last lines; more than this many lines of notes is not a foot.
MAX_NOTE_LINES = 40


def page_notes(state: State) -> State:
    pages = _pages(state.blocks)
    if len(pages) < 2 and not state.paged:
        return state
    out: list[Block] = []
    for page in pages:
        out.extend(_page(state, page))
    state.blocks = out
    return state


def _pages(blocks: list[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    for block in blocks:
        if block.page_break_before and pages[-1]:
            pages.append([])
        pages[-1].append(block)
    return [page for page in pages if page]


def _page(state: State, page: list[Block]) -> list[Block]:
    """The page's blocks, its foot's numbered lines split into definition blocks."""
    lines = [(bi, offset, strip_tokens(line)) for bi, block in enumerate(page) if block.kind == "para"
             for offset, line in enumerate(block.lines)]
    if not lines:
        return page
    foot = _foot(page, lines)
    if foot is None:
        return page
    start, numbers = foot
    _mark_calls(page, lines[:start], numbers)
    first_block, first_offset = lines[start][0], lines[start][1]
    out = list(page[:first_block])
    body = page[first_block]
    if first_offset:
        out.append(Block(body.lines[:first_offset], body.start, body.start + first_offset - 1, body.kind,
                         body.page_break_before, dict(body.data)))
    # Rebuild the foot: one block per definition, continuation lines with their definition.
    current: Block | None = None
    expected = iter(numbers)
    wanted = next(expected)
    for bi, offset, text in lines[start:]:
        block = page[bi]
        raw = block.lines[offset]
        match = DEFINITION_START.match(text)
        if match and int(match.group(1)) == wanted:
            current = Block([raw], block.start + offset, block.start + offset, "para",
                            page_break_before=not out and body.page_break_before)
            current.data["plain_note"] = wanted
            out.append(current)
            wanted = next(expected, -1)
        elif _SENTENCE_END.search(strip_tokens(" ".join(current.lines))) and not text[:1].islower():
            # A note that ended its sentence is not continued by a new sentence: that line is
            # text of the page standing below its notes (kept as a paragraph).
            current = Block([raw], block.start + offset, block.start + offset, "para")
            out.append(current)
        else:
            current.lines.append(raw)
            current.end = block.start + offset
    # Blocks after the foot's lines that are not paragraphs (none expected) keep their place.
    out.extend(b for b in page[first_block + 1:] if b.kind != "para")
    return out


def _foot(page: list[Block], lines: list[tuple[int, int, str]]) -> tuple[int, list[int]] | None:
    """(index of the foot's first line, its note numbers) or None: the last run of lines whose
    numbered lines count up by one, every number called in order in the text above."""
    earliest = max(0, len(lines) - MAX_NOTE_LINES)
    best: tuple[int, list[int]] | None = None
    for start in range(len(lines) - 1, earliest - 1, -1):
        match = DEFINITION_START.match(lines[start][2])
        if not match:
            continue
        # The foot opens a block or follows a line that ends a sentence, a URL or a note.
        first_number = int(match.group(1))
        numbers = _numbers_from(lines[start:], first_number)
        if numbers is None:
            continue
        # The foot with the most notes wins; of equals, the latest (a body line that happens to
        # open with a number comes earlier).
        if _calls(lines[:start], numbers) is not None and (best is None or len(numbers) > len(best[1])):
            best = (start, numbers)
    return best


def _numbers_from(lines: list[tuple[int, int, str]], first: int) -> list[int] | None:
    """The definition numbers of a foot starting at `first`: each numbered line continues the
    count; lines between are continuations (they must not start with a number out of order)."""
    numbers = [first]
    for _, _, text in lines[1:]:
        match = DEFINITION_START.match(text)
        if match and int(match.group(1)) == numbers[-1] + 1:
            numbers.append(numbers[-1] + 1)
    return numbers


def _calls(lines: list[tuple[int, int, str]], numbers: list[int]) -> list[tuple[int, int, int]] | None:
    """(line, start, end) of each note number's call, in order, or None when one is missing.
    Each number takes its first strong call after the previous one; failing that, a loose one."""
    found: list[tuple[int, int, int]] = []
    position = (0, 0)
    for number in numbers:
        call = None
        for pattern in (CALL, LOOSE_CALL):
            call = _first_call(lines, pattern, number, position)
            if call is not None:
                break
        if call is None:
            return None
        found.append(call)
        position = (call[0], call[2])
    return found


def _first_call(lines: list[tuple[int, int, str]], pattern: re.Pattern, number: int,
                position: tuple[int, int]) -> tuple[int, int, int] | None:
    line_index, column = position
    for index in range(line_index, len(lines)):
        for match in pattern.finditer(lines[index][2], column if index == line_index else 0):
            if int(match.group(1)) == number:
                return index, match.start(), match.end()
    return None


def _mark_calls(page: list[Block], lines: list[tuple[int, int, str]], numbers: list[int]) -> None:
    """Wrap each call found in CALL_OPEN/CLOSE (with the space before it, which the call
    replaces), from the end of each line so that earlier columns stay valid."""
    for index, begin, end in sorted(_calls(lines, numbers) or [], reverse=True):
        block_index, offset, _ = lines[index]
        block = page[block_index]
        line = block.lines[offset]
        if strip_tokens(line[:end]) != line[:end]:  # tokens before the call shift the columns
            continue
        block.lines[offset] = f"{line[:begin]}{CALL_OPEN}{line[begin:end]}{CALL_CLOSE}{line[end:]}"
