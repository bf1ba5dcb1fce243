"""Paragraph ends in hard-wrapped text that has no blank line between paragraphs.

Reading-order extractors (`pdftotext`, pypdf, pdfminer.six, pypdfium2) write each printed line
as a line and put nothing between paragraphs. As calibre's unwrap does, the document's own line
lengths decide: a line is wrapped when the next line's first word would not have fitted on it,
so a line that ends a sentence with room to spare ends its paragraph. What a line holds is
measured on the wrapped lines (each one's length plus the word carried over overran it), in
letters without a trailing note call (a superscript); a line whose word spaces the extractor
shows stretched was justified to the measure and runs on. Where the export keeps the word
space each line that runs on was broken at (pypdf, pypdfium2, pdfminer on typst's PDFs), that
mark decides instead of the length. A line pypdfium2 joined at a hyphen (two printed lines in
one) is measured by the printed line it ends with, the text after the join. A line closing a
clause (`;`) ends its block as well when it is shorter, with the next word, than a full line
(stricter than for a sentence: a clause ends a paragraph only as a list's item does), and the
text after it goes on no earlier block: an item whose marker the export lost (pypdfium2 does
not write the markers WeasyPrint draws). Short lines with no closing punctuation between
paragraphs (headings) stand alone; an indented line opens a paragraph, and so does a line
opening with the next number of the document's own paragraph numbering (`1.2 The sampling…`:
numbered_paragraphs), whatever the line before holds.

Only blocks of several lines are split, and only in documents that are hard-wrapped; the
blank-line style of export (one paragraph per line) passes through untouched. Where blank lines
mark the paragraphs, a block is split only where a line ends a sentence well short of the
measure (SHORT_LINE_SHARE): the blank line the extractor left out there. Blank lines that (almost)
never part two paragraphs mark none (pdftotext -layout of groff writes one before each heading
only): the lengths decide there.
"""

from __future__ import annotations

import re

from .model import BULLETS, CAPTION, MAX_CAPTION_CHARS, Block, State, strip_tokens, whole_caption
from .numbered_paragraphs import numbered_starts
from .unwrap_lines import CUT, starts_item
from .lazy_re import lazy_compile

# A document is hard-wrapped when at least this share of its lines sit in blocks of several
# lines (the blank-line style has one line per paragraph).
MIN_WRAPPED_SHARE = 0.5
# The wrap width is this percentile of the line lengths: nearly all full lines reach it.
WIDTH_PERCENTILE = 0.9
# A full (wrapped) line is at least this percentile of the lengths of lines that run on into the
# next: justified lines vary a little, ragged ones more; a line with room to spare beyond it
# for the next word was not wrapped.
FULL_LINE_PERCENTILE = 0.2
# Fewer running-on lines than this measure no line's capacity (`full` stands in).
MIN_ROOM_SAMPLE = 20
# A line longer than this share of a full line holds several printed lines (see `fits`).
JOINED_LINE_SHARE = 1.5
# pdftotext writes a printed line ending in a hyphen and the next one as one line (calibre
# meets the same): where it does, the lines that run on fall in two groups, the printed lines
# (their lengths within a few letters of each other) and the joined ones, a full line longer at
# least. A line is joined when it is longer than the printed lines' upper quartile by more than
# this many times their interquartile range (Tukey's far-out fence: a justified or ragged line
# stays far inside it) -- and than JOINED_LINE_SHARE of a full line, the test this one tightens.
# A joined line's last printed line is what is left after the full printed lines before it,
# each as long as the median printed line; a remainder within the fence's margin of a full line
# (shorter than the spread of the printed lines' lengths) is no printed line of its own.
JOINED_FENCE_IQRS = 3
# An export that keeps the hyphen a printed line was broken at (pdftotext -layout, pypdf,
# pdfminer: a hyphenating typesetter's every tenth or twentieth line) joined no line there: its
# long lines are rows of a table or of two columns side by side, no printed lines joined. Where
# more than this share of the lines that run on end with a hyphen, the fence is not drawn (a
# line longer than JOINED_LINE_SHARE of a full line is still measured as several).
MAX_KEPT_CUT_SHARE = 0.02
# The joined lines are evident where at least this share of the lines that run on lie beyond
# the fence (pdftotext joins at every hyphen a typesetter breaks at: one line in ten or so, in
# this corpus never fewer than one in fifteen); fewer are stray long lines (a line of narrow
# letters, a row), and no line is measured as joined.
MIN_JOINED_SHARE = 0.05
# Lines shorter than this share of the width never count as full when measuring (headings).
MIN_FULL_SHARE = 0.5
# A heading line is at most this share of the wrap width.
MAX_HEADING_SHARE = 0.75
# Blank lines already separate paragraphs when the blocks hold fewer candidate paragraph ends
# (sentence ends with room to spare) than this on average: a page-long block of an extractor
# holds several, a paragraph block at most a stray one. Then only list items are split off.
MIN_ENDS_PER_BLOCK = 0.5
# A wrapped line plus the next line's first word overran the line (that is why the word was
# carried over): the lengths of those sums on the lines that run on into the next measure what
# a line holds, in the document's own letters (a proportional face holds more narrow letters
# than wide ones, so one length is no line's measure). A line that ends a sentence and whose sum
# with the next word is shorter than this percentile of them had room for the word: nearly every
# wrapped line would have overrun with it.
ROOM_PERCENTILE = 0.1
# Some exports keep the word space a printed line was broken at (pypdf, pypdfium2 and pdfminer
# on a PDF whose text holds it, as typst's does): every line that runs on ends with a space, a
# paragraph's last line has none. Where at least this share of the lines that run on (measured as for ROOM_PERCENTILE)
# end so, the mark decides whether a line ending a sentence ends its paragraph, whatever its
# length.
MIN_MARKED_SHARE = 0.9
# Blank lines are no paragraph separators, however few paragraph ends the blocks hold, where the
# export parts two paragraphs by a blank line at most this often for each paragraph end found by
# length inside a block (pdftotext -layout of a page whose paragraphs have no space between them
# writes a blank line before each heading only: its blocks are sections of one or two paragraphs,
# too few ends a block for MIN_ENDS_PER_BLOCK) ...
MAX_BLANKS_PER_END = 0.25
# ... and the blocks hold at least this many such ends (fewer are no evidence either way).
MIN_ENDS_WITHOUT_BLANKS = 3
# A block this long is a page or a column run together (a two-column page read column by
# column), never one paragraph: its paragraph ends are found by line length whatever the rest of
# the document does.
MIN_PAGE_BLOCK_LINES = 25

# A line pypdfium2 joined at a hyphen is measured by its last printed line (State.joined_lines),
# unless the next line's first printed line is shorter than a full line by more than this share
# of that last one: the two were one printed line that the export broke (after a raised note
# call), as a paragraph's first line is full. (Letters measure a line only roughly: half.)
SHARED_LINE_SHARE = 0.5

# Where blank lines mark the paragraphs, a line that ends a sentence well short of the measure
# (with the next word, under this share of a full line) inside a block ends a paragraph the
# export ran into the next one without its blank line.
SHORT_LINE_SHARE = 0.75

_SENTENCE_END = lazy_compile(r"[.!?…:][”’\"')\]]*(?:\s*\d{1,3})?$")  # `achieved. 2`: a flattened call
# A clause's end: ends a list's item (`…on the site plan;`) where the line plus the next word is
# shorter than a full line (`full`; stricter than `room`, the test for a sentence's end).
_CLAUSE_END = lazy_compile(r";[”’\"')\]]*$")
_CLOSING = lazy_compile(r"[.!?;,:…]$")
# An item of a list that is one sentence: its text opens in lower case after the marker and
# (all but the last) closes with a semicolon (`1. the CHP unit … was repaired;`). The item that
# closes with a full stop ends the list, and the sentence: a line opening in capitals after it
# is the text below the list, not more of the item.
_CLAUSE_ITEM = lazy_compile(rf"^(?:[{BULLETS}]|\d{{1,3}}[.)]|\((?:[a-z]|[ivx]{{1,4}})\))\s+[a-z]")
_CLAUSE_CLOSE = lazy_compile(r";(?:\s*(?:and|or))?[”’\"')\]]*$")
# The full stop that closes such a list (not a colon: an item may introduce a list of its own).
_LIST_CLOSE = lazy_compile(r"[.!?…][”’\"')\]]*(?:\d{1,3})?$")
_FIRST_WORD = lazy_compile(r"^\S+")
_SPACES = lazy_compile(r"\s+")
# A table's row ends in at least this many figures (`… 58 11 88 61 27 49`, `… 483 5.1%`).
MIN_ROW_FIGURES = 2
# A line of one word below a table's last row is a row's label the extractor set apart (`Land`,
# the table read column by column) or the table's key (`Key`, `Notes`) as often as a heading: a
# heading there has at least this many words.
MIN_WORDS_BELOW_A_ROW = 2
ROW_END = lazy_compile(rf"(?:\s[(£$€]?[−–-]?\d[\d,.]*\)?%?){{{MIN_ROW_FIGURES},}}$")
# A line of running text holds figures among its words now and then, not as many as this share.
MAX_TEXT_FIGURES_SHARE = 0.2
# A note call printed after a sentence's closing punctuation (`1998.1`, `returned.”12`): a
# superscript, far narrower than its digits' count in letters.
_TRAILING_CALL = lazy_compile(r"(?<=[.!?:;,”’\"')\]])\d{1,3}$")
# Runs of spaces after a word (not after a sentence's end, where some texts put two): an
# extractor's mark (pypdf, pdfminer) of a justified line's stretched word spaces. A line holding
# at least this many was stretched to the measure, so it runs on: a paragraph's last line is set
# with its natural spaces.
_STRETCHED = lazy_compile(r"[\w,;] {2,}(?=\S)")
MIN_STRETCHED_GAPS = 2


def reflow(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) found the paragraphs by their geometry
        return state
    measured = measure(state.blocks)
    if measured is None:
        return state
    width, full = measured
    printed_lines = printed_measure(state.blocks, width, full)
    room = capacity(state.blocks, width, full)
    marks = break_spaces(state, width, full)
    joined = state.joined_lines
    # The blocks that may hold paragraphs run together: an item found by its marker is one block
    # already (list_markers), and a list of many (forty endnotes) would outvote the text.
    multi = [block for block in state.blocks if len(block.lines) > 1 and block.kind == "para"
             and not block.item]
    ends = sum(_ends_here(a, strip_tokens(b), full, room, mark, printed_lines)
               and bool(_SENTENCE_END.search(a))
               for block in multi
               for a, b, mark in zip(_printed_last(block, joined, full), block.lines[1:],
                                      _marks_of(block, marks)))
    # Where blank lines are the paragraph ends, only headings run into their paragraph are split.
    by_length = (ends >= MIN_ENDS_PER_BLOCK * len(multi) or state.columns_read
                 or (ends >= MIN_ENDS_WITHOUT_BLANKS
                     and paragraph_blanks(state.blocks, width, full) <= MAX_BLANKS_PER_END * ends))
    # Lines opening with the next number of the document's paragraph numbering (`1.2 The…`)
    # start a paragraph whatever the length of the line before.
    # Such a paragraph continues none before it (heal_page_breaks would join it to a heading or
    # a paragraph cut at a page end before it).
    numbered = numbered_starts(state.blocks, int(MAX_HEADING_SHARE * width))
    if numbered:
        first = min(numbered)
        state.diagnostics.info("paragraph-numbering", state.blocks[first].start + min(numbered[first]),
                               f"{sum(map(len, numbered.values()))} lines open with numbers in "
                               "sequence: each starts a paragraph (or a numbered heading)")
    runs = wrapped_numbered_headings(state.blocks, numbered, full)
    out: list[Block] = []
    for index, block in enumerate(state.blocks):
        if 0 in numbered.get(index, ()) and block.continues is None:
            block.continues = False
        # an item found by its marker; a table's header or row (number_rows); a quote (its lines
        # are set to a narrower measure than the body's: block_quotes) is one block
        if len(block.lines) == 1 or block.kind != "para" or block.item or block.table or block.quote:
            out.append(block)
            continue
        by_block = by_length or len(block.lines) >= MIN_PAGE_BLOCK_LINES
        above = strip_tokens(out[-1].text).rstrip() if out else ""
        out.extend(_split(block, full, width, by_block, room, marks, joined,
                          numbered.get(index, set()), printed_lines, runs.get(index, {}),
                          clause_list=bool(_CLAUSE_ITEM.match(above) and _CLAUSE_CLOSE.search(above))))
    state.blocks = out
    return state


def measure(blocks: list[Block]) -> tuple[int, int] | None:
    """The wrap width and the length of a full line, from the document's own lines; None when
    the document is not hard-wrapped."""
    lengths = [len(line) for block in blocks if len(block.lines) > 1 for line in block.lines]
    all_lines = sum(len(block.lines) for block in blocks)
    if not all_lines or len(lengths) < MIN_WRAPPED_SHARE * all_lines:
        return None
    width = _percentile(lengths, WIDTH_PERCENTILE)
    running_on = [len(line) for block in blocks for line in block.lines[:-1]
                  if len(line) >= MIN_FULL_SHARE * width and not _SENTENCE_END.search(strip_tokens(line))]
    return width, (_percentile(running_on, FULL_LINE_PERCENTILE) if running_on else width)


def printed_measure(blocks: list[Block], width: int, full: int) -> tuple[int, int] | None:
    """The length of a printed line (the median of the lines that run on) and the length beyond
    which a line holds several printed lines (pdftotext's joined lines: JOINED_FENCE_IQRS); None
    where too few lines run on, the export keeps its line-end hyphens (MAX_KEPT_CUT_SHARE) or
    too few lines lie beyond the fence (MIN_JOINED_SHARE)."""
    running_on = [strip_tokens(line).rstrip() for block in blocks for line in block.lines[:-1]]
    running_on = [text for text in running_on
                  if len(text) >= MIN_FULL_SHARE * width and not _SENTENCE_END.search(text)]
    if (len(running_on) < MIN_ROOM_SAMPLE
            or sum(text.endswith(CUT) for text in running_on) > MAX_KEPT_CUT_SHARE * len(running_on)):
        return None
    lengths = sorted(map(_length, running_on))
    lower, typical, upper = (_percentile(lengths, share) for share in (0.25, 0.5, 0.75))
    fence = min(int(JOINED_LINE_SHARE * full), upper + JOINED_FENCE_IQRS * max(upper - lower, 1))
    if sum(length > fence for length in lengths) < MIN_JOINED_SHARE * len(lengths):
        return None
    return typical, fence


def _last_printed(length: int, printed_lines: tuple[int, int] | None, full: int) -> int:
    """The length of a (joined) line's last printed line: see JOINED_FENCE_IQRS."""
    if printed_lines is None:  # the measure before the fence: whole full lines off
        while length > JOINED_LINE_SHARE * full:
            length -= full
        return length
    typical, fence = printed_lines
    if length <= fence:
        return length
    return length - (length - (fence - typical)) // typical * typical


def capacity(blocks: list[Block], width: int, full: int) -> int:
    """What a line holds, in letters: the ROOM_PERCENTILE of a wrapped line's length plus one space
    plus the word carried over to the next line, over the lines that run on (not ending a
    sentence, nor cut at a hyphen, at least MIN_FULL_SHARE of the width); `full` when too few."""
    sums = []
    for block in blocks:
        lines = [strip_tokens(line) for line in block.lines]
        for line, following in zip(lines, lines[1:]):
            text = line.rstrip()
            word = _FIRST_WORD.match(following.lstrip())
            if (word and len(text) >= MIN_FULL_SHARE * width and not text.endswith(CUT)
                    and not _SENTENCE_END.search(text) and len(text) <= JOINED_LINE_SHARE * full):
                sums.append(_length(text) + 1 + len(word.group(0)))
    return _percentile(sums, ROOM_PERCENTILE) if len(sums) >= MIN_ROOM_SAMPLE else full


def break_spaces(state: State, width: int, full: int) -> dict[int, bool]:
    """Source line number -> does the export show the word space the line was broken at? Empty
    unless the export marks nearly every line that runs on so (MIN_MARKED_SHARE). Only lines in
    source order and still as the source has them (a block's lines on consecutive source lines)
    are looked up."""
    if state.line_numbers is not None:  # lines read in another order (columns) or joined
        return {}
    source = state.text.split("\n")
    marks: dict[int, bool] = {}
    running_on = marked = 0
    for block in state.blocks:
        if len(block.lines) < 2 or block.end - block.start + 1 != len(block.lines):
            continue
        for offset, line in enumerate(block.lines):
            raw = source[block.start + offset - 1] if block.start + offset <= len(source) else ""
            text = strip_tokens(line).rstrip()
            if "\f" in raw or not text or not raw.rstrip().endswith(text[-2:]):
                continue
            if _TRAILING_CALL.search(text):  # a superscript call: pypdfium2 drops the space after it
                continue
            mark = raw.endswith(" ")
            marks[block.start + offset] = mark
            if (offset < len(block.lines) - 1 and len(text) >= MIN_FULL_SHARE * width
                    and not text.endswith(CUT) and not _SENTENCE_END.search(text)
                    and len(text) <= JOINED_LINE_SHARE * full):
                running_on += 1
                marked += mark
    if running_on < MIN_ROOM_SAMPLE or marked < MIN_MARKED_SHARE * running_on:
        return {}
    return marks


def paragraph_blanks(blocks: list[Block], width: int, full: int) -> int:
    """How many blank lines part two paragraphs: a block of several lines whose last line ends a
    sentence, then one of several lines opening with a capital and no heading. Not at a page break
    (an extractor parts the pages whatever the text), nor around an item, a quote or a table."""
    count = 0
    for before, block in zip(blocks, blocks[1:]):
        if (block.page_break_before or len(before.lines) < 2 or len(block.lines) < 2
                or any(b.kind != "para" or b.item or b.quote or b.table for b in (before, block))):
            continue
        last, first, second = (strip_tokens(line) for line in (before.lines[-1], *block.lines[:2]))
        if (_SENTENCE_END.search(last) and first.lstrip()[:1].isupper()
                and not _heading_shaped(first, second, width, full)):
            count += 1
    return count


def _marks_of(block: Block, marks: dict[int, bool]) -> list[bool | None]:
    """The marks of a block's lines; none known for a block whose lines are not the source's
    consecutive lines."""
    if block.end - block.start + 1 != len(block.lines):
        return [None] * len(block.lines)
    return [marks.get(block.start + offset) for offset in range(len(block.lines))]


def _printed_last(block: Block, joined: dict[int, tuple[str, str]], full: int) -> list[str]:
    """A block's lines as their paragraph ends are measured: a line pypdfium2 joined at a
    line-end hyphen (State.joined_lines) by the printed line it ends with, the text after the
    join; other lines whole. Only where the block's lines are the source's consecutive lines and
    the line still ends with that text; and not where that printed line and the next one (the
    next line's first printed line) were one printed line, the next one short of a full line by
    most of this one (SHARED_LINE_SHARE): the export broke the printed line there (pypdfium2
    breaks it after a raised note call), not the typesetter."""
    lines = [strip_tokens(line) for line in block.lines]
    if not joined or block.end - block.start + 1 != len(lines):
        return lines
    out = []
    for offset, line in enumerate(lines):
        tail = joined.get(block.start + offset, ("", ""))[1]
        following = (joined.get(block.start + offset + 1, (lines[offset + 1],))[0]
                     if offset + 1 < len(lines) else "")
        whole = line.rstrip()
        shared = _length(following) + SHARED_LINE_SHARE * _length(tail) < full
        out.append(tail if tail and len(tail) < len(whole) and whole.endswith(tail) and not shared
                   else line)
    return out


def _wrapped_caption(lines: list[str]) -> bool:
    """The lines, from a paragraph's first, are a caption wrapped over more than one line
    (CAPTION; no longer than a caption is: MAX_CAPTION_CHARS)."""
    return (len(lines) > 1 and bool(CAPTION.match(lines[0]))
            and sum(len(line) + 1 for line in lines) <= MAX_CAPTION_CHARS)


def _ends_here(line: str, following: str, full: int, room: int, mark: bool | None,
               printed_lines: tuple[int, int] | None = None) -> bool:
    """Had the line (ending a sentence) room left for the next word: the export's mark of a
    line that runs on where it has one, else the line's length."""
    return not mark if mark is not None else has_room(line, following, full, room, printed_lines)


def _length(line: str) -> int:
    """A line's length in letters as printed: its word spaces single (an extractor writes a
    justified line's wide spaces as runs) and without a trailing note call (a superscript)."""
    return len(_TRAILING_CALL.sub("", _SPACES.sub(" ", line.strip())))


def has_room(line: str, following: str, full: int, room: int,
             printed_lines: tuple[int, int] | None = None) -> bool:
    """Did the line end with room for the next line's first word? Not when its word spaces were
    stretched to the measure (a justified line runs on). A line holding several printed lines
    is measured by its last (printed_lines: the printed line's length and the joined lines'
    fence, from printed_measure)."""
    if len(_STRETCHED.findall(line)) >= MIN_STRETCHED_GAPS:
        return False
    word = _FIRST_WORD.match(following.lstrip())
    length = _last_printed(_length(line), printed_lines, full)
    return bool(word) and length + 1 + len(word.group(0)) < room


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _split(block: Block, full: int, width: int, by_length: bool, room: int,
           marks: dict[int, bool], joined: dict[int, tuple[str, str]],
           numbered: set[int] = frozenset(),
           printed_lines: tuple[int, int] | None = None, runs: dict[int, int] | None = None,
           clause_list: bool = False) -> list[Block]:
    """The block's paragraphs; `numbered`: indices of its lines that open a numbered paragraph
    (numbered_paragraphs); `runs`: a numbered heading's first line -> its last line, wrapped
    (wrapped_numbered_headings); `clause_list`: the block above is an item of a list of clauses
    (_CLAUSE_ITEM, closing with a semicolon)."""
    # the lines inside a wrapped numbered heading (no break) -> and the line after its last (a break)
    inside = {i for first, last in (runs or {}).items() for i in range(first + 1, last + 1)}
    after = {last + 1 for last in (runs or {}).values()}
    lines = [strip_tokens(line) for line in block.lines]
    printed = _printed_last(block, joined, full)  # what is measured for room: see _printed_last
    marked = _marks_of(block, marks)
    breaks = [False] * len(lines)  # breaks[i]: a new block starts at line i
    closed = [False] * len(lines)  # closed[i]: the line before ended a clause (or a caption) with room to spare
    # In a list of clauses, the item being read (since the line before it closed a clause).
    clause_item = clause_list and bool(_CLAUSE_ITEM.match(lines[0]))
    for i in range(1, len(lines)):
        before, line = lines[i - 1], lines[i]
        if i in inside or i in after:  # a numbered heading's wrapped lines, then its text
            breaks[i] = i in after
            continue
        if starts_item(lines, i):
            clause_item = bool(_CLAUSE_ITEM.match(line) and _CLAUSE_CLOSE.search(before))
        elif clause_item and _LIST_CLOSE.search(before):
            clause_item = False  # the list's last item closed the sentence
            if line[:1].isupper():
                breaks[i] = True  # the text goes on below the list
                continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        # A caption's line opening a block (`Figure 1: Visits by site, 2019–20 to 2023–24`) ends
        # as a sentence does where it had room for the next word: the figure stands below it.
        stop = bool(_SENTENCE_END.search(before))
        whole = not stop and (i == 1 or breaks[i - 1]) and whole_caption(before)
        # A caption wrapped over lines (`Figure 1: Causes of failure … did not work` / `well`)
        # ends, stop or none, where its last line had room for the next word and a sentence
        # starts there: the figure stands between it and the text below. Nothing runs on from
        # it either (heal_page_breaks joins a block that ends no sentence).
        opened = next((j for j in range(i - 1, 0, -1) if breaks[j]), 0)
        caption = not stop and not whole and line[:1].isupper() and _wrapped_caption(lines[opened:i])
        sentence = stop or whole or caption
        clause = not sentence and bool(_CLAUSE_END.search(before))
        ends = sentence or clause
        if starts_item(lines, i):
            breaks[i] = by_length or breaks[i]
        elif ends and by_length and _ends_here(printed[i - 1], line, full,
                                               min(room, full) if clause else room, marked[i - 1],
                                               printed_lines):
            breaks[i] = True
            closed[i] = clause or caption
        elif sentence and not by_length and _ends_here(printed[i - 1], line, full,
                                                       int(SHORT_LINE_SHARE * full), marked[i - 1],
                                                       printed_lines):
            breaks[i] = True
            closed[i] = caption
        elif _heading_shaped(before, line, width, full) and (i == 1 or breaks[i - 1]
                                                             or _SENTENCE_END.search(lines[i - 2])
                                                             or _after_a_row(lines, i, width)):
            breaks[i - 1] = breaks[i - 1] or i - 1 > 0
            breaks[i] = True
        # (a caption's line that had no room and runs on below in lower case or with a figure,
        # `…April` / `2019 to March 2024`, goes on: its last words are no heading)
        elif by_length and (stop or clause or whole and (line[:1].isupper() or _ends_here(
                printed[i - 1], line, full, room, marked[i - 1], printed_lines))) \
                and _heading_shaped(line, following, width, full):
            breaks[i] = True
        if i in numbered:
            breaks[i] = True
    pieces: list[Block] = []
    for offset, raw in enumerate(block.lines):
        if not pieces or breaks[offset]:
            piece = Block([raw], block.start + offset, block.start + offset, block.kind,
                          page_break_before=block.page_break_before and not pieces)
            pieces.append(piece if pieces else piece.carry(block))  # evidence stays with its start
            if closed[offset] or offset in numbered:  # the text before ended where it had room to
                piece.continues = False               # go on, or this opens a numbered paragraph
        else:
            pieces[-1].lines.append(raw)
            pieces[-1].end = block.start + offset
    return pieces


# A numbered heading (`4.3 Option C: a new cemetery at Pell Lane, on land` / `that the Council
# already owns and currently lets` / `as grazing`) wraps over at most this many lines.
MAX_WRAPPED_HEADING_LINES = 3
# A line closing a sentence or a clause: no heading's line ends so (a comma may end one's line).
_HEADING_CLOSED = lazy_compile(r"[.!?;…][”’\"')\]]*(?:\d{1,3})?$")
# A line ending on a word that leads on (`… per square metre, as` above a formula `R = 8 + …`):
# a clause going on, never a heading's last line.
_LEADS_ON = lazy_compile(r"\b(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|with|that|which|"
                         r"is|are|was|were|be)$", re.IGNORECASE)
# The text below a heading opens a sentence: a word in capitals (not a symbol, `R = 8 + …`).
_OPENS_SENTENCE = lazy_compile(r"^[“\"‘(]?(?:[A-Z][a-z’'-]+|A|I)\b")


def wrapped_numbered_headings(blocks: list[Block], numbered: dict[int, set[int]],
                              full: int) -> dict[int, dict[int, int]]:
    """Block index -> {first line: last line} of the numbered headings that wrap inside it: a
    line opening with a number of the document's own sequence (numbered_paragraphs), its
    continuation lines (at most MAX_WRAPPED_HEADING_LINES in all) closing no sentence or clause,
    the last of them ending with room for the next word (`fits`), and the line after it opening
    a sentence, in capitals. A continuation opening in lower case is surely the line above
    wrapped; one opening in capitals (`4.4 Option D: a joint cemetery with Ashcombe` /
    `District Council`) is where the line above and the continuation's first word together reach
    the shortest of the headings' lines wrapped so in the document (the headings' own measure, in
    their larger type); without such a wrap, a capitalised line below a numbered one stays a
    heading of its own, as `_split` makes it. A numbered paragraph (`3.1 The survey covered…`)
    ends with a stop: never one of these."""
    found: dict[int, dict[int, int]] = {}
    wraps: list[int] = []  # a heading's line + its continuation's first word, wrapped in lower case
    for capitals in (False, True):
        room = min(wraps) if capitals and wraps else None
        if capitals and room is None:
            break
        for index, starts in numbered.items():
            block = blocks[index]
            lines = [strip_tokens(line).strip() for line in block.lines]
            for first in sorted(starts):
                if first in found.get(index, {}):
                    continue
                reach: list[int] = []  # each wrapped line's length with the word carried over
                for last in range(first + 1, min(first + MAX_WRAPPED_HEADING_LINES, len(lines) - 1)):
                    above, line, below = lines[last - 1], lines[last], lines[last + 1]
                    word = _FIRST_WORD.match(line)
                    if (last in starts or not line or not word or _HEADING_CLOSED.search(above)
                            or _HEADING_CLOSED.search(line)):
                        break
                    reach.append(_length(above) + 1 + len(word.group(0)))
                    if not (line[:1].islower() or capitals and line[:1].isupper() and reach[-1] >= room):
                        break
                    if _OPENS_SENTENCE.match(below) and not _LEADS_ON.search(line) and fits(line, below, full):
                        found.setdefault(index, {})[first] = last
                        if not capitals:
                            wraps.extend(reach)
                        break
    return found


def _after_a_row(lines: list[str], i: int, width: int) -> bool:
    """A heading's line (`lines[i - 1]`) below a table's last row (`Orchidaceae 58 11 88 61 27
    49`, which ends no sentence) and above running text: the row ends in figures
    (MIN_ROW_FIGURES of them), the heading holds none (a row's wrapped cell, `Centre Park`, is
    words only too, but the next row follows it, not a line of text: one at least
    MIN_FULL_SHARE of the width with hardly a figure in it)."""
    row, heading, text = lines[i - 2], lines[i - 1], lines[i]
    words = text.split()
    return (bool(ROW_END.search(row)) and not any(c.isdigit() for c in heading)
            and len(heading.split()) >= MIN_WORDS_BELOW_A_ROW and len(text) >= MIN_FULL_SHARE * width
            and sum(any(c.isdigit() for c in w) for w in words) <= MAX_TEXT_FIGURES_SHARE * len(words))


def fits(line: str, following: str, full: int) -> bool:
    """Would the next line's first word have fitted at the end of this line?

    pdftotext joins a printed line ending in a hyphen to the next one: such a line holds two
    or more printed lines, the last of which is what was left after the full ones."""
    word = _FIRST_WORD.match(following.lstrip())
    length = len(line.rstrip())
    while length > JOINED_LINE_SHARE * full:
        length -= full
    return bool(word) and length + 1 + len(word.group(0)) < full


def opening_headings(lines: list[str], width: int, full: int) -> int:
    """How many of a block's first lines are headings standing alone above its text, as `_split`
    parts them at a block's start: each a short line with no closing punctuation above a line
    opening a sentence, or above another such line (a chapter's heading and its first
    section's). The text below them is never a heading: the block's last line stays."""
    count = 0
    while count + 1 < len(lines) and _heading_shaped(strip_tokens(lines[count]),
                                                     strip_tokens(lines[count + 1]), width, full):
        count += 1
    return count


def _heading_shaped(line: str, following: str | None, width: int, full: int) -> bool:
    """A short line with no closing punctuation, followed by a line that opens a sentence."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_SHARE * width or _CLOSING.search(text):
        return False
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if following is None:
        return True
    nxt = following.lstrip()
    return (nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "“\"‘(") and fits(text, nxt, full)
