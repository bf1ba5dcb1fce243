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

from dataclasses import dataclass

from .reflow import WIDTH_PERCENTILE
from .model import (ABBREVIATION_END, CUT_WORD, NUMBERING_ABBREVIATION, SENTENCE_END,
                    Block, State, strip_tokens)
# Finding a page's note area and its definitions here; reading the lines that may define a note
# (note_definitions) and pairing the definitions with their calls (note_calls) in those two.
# (`calls` and DEFINITION_START are read from here by footnotes too.)
from .note_calls import (CALL, GLUED_CALL, _CallFinder, _calls, _glued_calls, _line_calls,  # noqa: F401
                         _mark_calls, _spilled_calls, calls)
from .note_definitions import (DEFINITION_START, MAX_ITEM_LINES, _HEADING_LIKE, _continues_a_list,
                               _defined_again, _definition, _entry_key, _heads_a_section, _in_sequence,
                               _item_above_its_number, _list_goes_on, _notes_run_above)
from .stranded_notes import MAX_BETWEEN_LINES, Plan, footers_in_foot, stranded_lines
from .unwrap_lines import continues_address, vocabulary_of, without_cut_halves
from .words import words
from .lazy_re import lazy_compile

_BARE_NUMBER = lazy_compile(r"^\d{1,4}$")
# A page's last line of text with its first note glued on (`…for almost every11. A fourth line…`):
# pdftotext joins a line that ends in a hyphen to the next line it reads, and removes the hyphen;
# below the page's last line of text that next line is the first note. The word's first half
# (lower case), then the note's number opening a definition.
_GLUED_FOOT = lazy_compile(r"(?<=[a-zà-ÿ])(\d{1,3})(?:[.)]\s*|\s+)(?=[A-Z“\"(])")
# A numbered line amid a page shorter than this share of the page's measure, not going on in
# lower case, is a heading rather than a column's first note (a note's first line, wrapped,
# comes within a word or two of the measure: 0.84 and 0.92 of it in a three-column notice).
MAX_HEADING_SHARE = 0.8
# The notes of a page are its last lines; more than this many lines of notes is not a foot.
MAX_NOTE_LINES = 40
# Where no page ends are known, a foot's calls stand at most this many lines above it (a page of
# two columns read one after the other holds about a hundred); this keeps the search linear.
MAX_UNPAGED_REACH = 150
# The tail of a note that pdfminer boxed apart below a blank line is its last line or two: a
# longer block there is text of the page.
MAX_CUT_LINES = 2
# A typesetter that places a note when it reads the note's text (troff's -ms, whose trap sets
# the foot as soon as `.FS` is read) may set the note on a page whose last line of text then
# has no room for the word calling it: that line opens the next page, the call with it. The
# foot's last notes may be called there, in the next page's first line of text only.
NEXT_PAGE_CALL_LINES = 1


def page_notes(state: State) -> State:
    _split_boxed_endnotes(state)
    pages = _pages(state.blocks)
    # An export whose page ends nothing shows (no form feed, no head or folio left to find them
    # by) is one long page: its feet are looked for all the same, each with its calls in the
    # lines just above it.
    reach = MAX_UNPAGED_REACH if len(pages) < 2 and not state.paged else None
    numbering = [0]  # the last note number found so far in the document
    entries = frozenset(_entry_key(entry["text"]) for entry in state.contents)
    vocabulary = _Vocabulary(state)
    results: list[list[Block] | _Foot] = []
    for index, page in enumerate(pages):
        following = pages[index + 1] if index + 1 < len(pages) else []
        results.append(_page(state, page, numbering, entries, reach, following, vocabulary))
    # A note's lines written apart from it that only read as whole sentences (see
    # stranded_notes) are taken where the document shows the extractor's habit: a page whose own
    # evidence was strong.
    habit = any(isinstance(result, _Foot) and result.plan is not None and result.plan.strength == "strong"
                for result in results)
    out: list[Block] = []
    for result in results:
        if not isinstance(result, _Foot):
            out.extend(result)
            continue
        plan = result.plan
        if plan is not None and plan.strength == "weak" and not habit:
            for number, line in plan.taken:
                state.diagnostics.info("note-lines-apart", line, f"a line below note {number} may be "
                                       "its text, written apart from it; kept as text: nothing else "
                                       "in the document shows its extractor doing so")
            plan = None
        if plan is not None:
            for number, line in plan.taken:
                state.audit.change("note_lines_joined", line, f"a line apart from note {number}",
                                   f"joined to note {number}")
        out.extend(_rebuild(state, result.page, result.lines, plan.roles if plan else result.roles,
                            plan.order if plan else None))
    state.blocks = out
    return state


class _Vocabulary:
    """The document's vocabulary, read once and only when a hyphen join asks for it (computed
    here, not cached on the state: the blocks change before unwrap_lines reads its own)."""

    def __init__(self, state: State) -> None:
        self.state, self.words = state, None

    def __call__(self):
        if self.words is None:
            self.words = vocabulary_of(without_cut_halves(self.state.blocks))
        return self.words


@dataclass
class _Foot:
    """A page whose feet were found: its lines and their roles, rebuilt once the whole document
    is read (see `habit` above)."""

    page: list[Block]
    lines: list[tuple[int, int, str]]
    roles: list
    plan: Plan | None


# The headings an endnotes section goes under.
NOTES_HEADINGS = {"notes", "endnotes", "footnotes"}
# A note's number alone on its line (`1.`), boxed apart from its text.
_LONE_NUMBER = lazy_compile(r"^(\d{1,3})[.)]?$")


def _split_boxed_endnotes(state: State) -> None:
    """Endnotes whose numbers an extractor boxed apart from their texts, all the numbers first
    (`1.` … `10.`, then the texts as one or a few boxes: pdfminer on an ordered list whose
    markers the typesetter sets outside the text, WeasyPrint's): under the document's last notes
    heading, the text blocks right after a run of k numbers counting up from 1 are cut where a
    note ends, so that `footnotes` pairs each number with its text. A note ends at a line that
    ends a sentence and had room left for the next line's first word (or ends its box), the next
    line not going on in lower case. Taken only where that makes exactly k notes, and the text
    blocks end the document or stand before a number alone (a folio): any other count leaves
    the blocks as they are (which text is whose is not known). Before unwrapping: the line ends
    are the evidence."""
    blocks = state.blocks
    heading = next((i for i in range(len(blocks) - 1, -1, -1)
                    if strip_tokens(blocks[i].text).strip().rstrip(":").casefold() in NOTES_HEADINGS), None)
    if heading is None:
        return

    def lone(index: int) -> list[int] | None:
        """The numbers alone on the lines of a block (one a line), or None."""
        matches = [_LONE_NUMBER.match(strip_tokens(line).strip()) for line in blocks[index].lines]
        return [int(match.group(1)) for match in matches] if all(matches) else None

    index, count = heading + 1, 0
    while index < len(blocks) and blocks[index].kind == "para" \
            and lone(index) == list(range(count + 1, count + 1 + len(blocks[index].lines))):
        index, count = index + 1, count + len(blocks[index].lines)
    first = index
    while index < len(blocks) and blocks[index].kind == "para" and lone(index) is None \
            and not DEFINITION_START.match(strip_tokens(blocks[index].lines[0])):
        index += 1
    texts = blocks[first:index]
    if count < 2 or not texts or (index < len(blocks) and lone(index) is None):
        return
    if len(texts) == count and all(SENTENCE_END.search(strip_tokens(block.lines[-1]).rstrip())
                                   for block in texts):
        return  # a box a note: footnotes pairs them as they are
    lines = [(block, line) for block in texts for line in block.lines]
    plain = [" ".join(strip_tokens(line).split()) for _, line in lines]
    width = _width(plain)
    ends = []  # (room left, line index) of each line where a note may end
    for at in range(len(lines) - 1):
        text, following = plain[at], plain[at + 1]
        if not SENTENCE_END.search(text) or following[:1].islower():
            continue
        word = following.split(maxsplit=1)[0] if following else ""
        boxed = lines[at + 1][0] is not lines[at][0]  # its box ends there too
        ends.append((float("inf") if boxed else width - len(text) - 1 - len(word), at))
    ends.sort(key=lambda end: -end[0])
    if len(ends) < count - 1 or len(ends) >= count and ends[count - 1][0] == ends[count - 2][0]:
        return  # too few ends, or no telling which of two is a note's
    cuts = sorted(at for _, at in ends[:count - 1]) + [len(lines) - 1]
    notes, begin = [], 0
    for cut in cuts:
        part = lines[begin:cut + 1]
        notes.append(Block([line for _, line in part], _line_number(part[0]), _line_number(part[-1]),
                           "para", page_break_before=begin == 0 and texts[0].page_break_before))
        begin = cut + 1
    numbers = [Block([line], _line_number((block, line)), _line_number((block, line)), "para",
                     page_break_before=block.page_break_before and at == 0)
               for block in blocks[heading + 1:first] for at, line in enumerate(block.lines)]
    blocks[heading + 1:index] = numbers + notes  # a number a block, a note a block


def _line_number(part: tuple[Block, str]) -> int:
    """The source line of one line of a block (its offset counted from the block's start)."""
    block, line = part
    offset = next(i for i, own in enumerate(block.lines) if own is line)
    return min(block.end, block.start + offset)


def _pages(blocks: list[Block]) -> list[list[Block]]:
    pages: list[list[Block]] = [[]]
    for block in blocks:
        if block.page_break_before and pages[-1]:
            pages.append([])
        pages[-1].append(block)
    return [page for page in pages if page]


def _page(state: State, page: list[Block], numbering: list[int], entries: frozenset[str],
          reach: int | None = None, following: list[Block] | None = None,
          vocabulary=None) -> list[Block] | _Foot:
    """The page's blocks, the numbered lines of its foot (or of each column's foot) split into
    definition blocks (as a _Foot, rebuilt later); first with each note number the extractor
    wrote alone on its line put back before its text (see _lone_numbers_joined), kept only where
    the foot found then defines that note there."""
    if any(block.kind != "para" for block in page):
        return page
    joined = _lone_numbers_joined(page, numbering)
    if joined is not None:
        joined_page, at, number = joined
        saved = [list(block.lines) for block in page + (following or [])]
        tried = list(numbering)
        result = _page_once(state, joined_page, tried, entries, reach, following, vocabulary)
        if isinstance(result, _Foot) and any(
                result.page[bi] is at and offset == 0 and role == ("note", number)
                for (bi, offset, _), role in zip(result.lines, result.plan.roles if result.plan else result.roles)):
            numbering[0] = tried[0]
            state.audit.change("note_number_joined", at.start - 1, str(number),
                               f"{number} {strip_tokens(at.lines[0])[len(str(number)) + 1:][:40]}")
            return result
        for block, kept in zip(page + (following or []), saved):  # calls marked there: undone
            block.lines = list(kept)
    return _page_once(state, page, numbering, entries, reach, following, vocabulary)


# A note's number alone on its line (pypdfium2 on groff's foot writes the page's first note's
# number so, its text on the next line: `1` / `Interregional Civil Protection Authority…`).
_ALONE_NUMBER = lazy_compile(r"^(\d{1,3})$")


def _lone_numbers_joined(page: list[Block], numbering: list[int]) -> tuple[list[Block], Block, int] | None:
    """The page with the last number written alone on its line that may open the next note (1,
    or the one after the last note found) joined to the line below it, a line opening with a
    letter or a quote (`1` / `Interregional…` → `1 Interregional…`), in its block or opening the
    next one (the number a block of its own); the block that now opens with it and the number;
    or None. The caller keeps it only where the foot found is then that note's definition
    there, called in the text above."""
    for bi in range(len(page) - 1, -1, -1):
        block = page[bi]
        for offset in range(len(block.lines) - 1, -1, -1):
            match = _ALONE_NUMBER.match(strip_tokens(block.lines[offset]).strip())
            if match is None or int(match.group(1)) not in (1, numbering[0] + 1):
                continue
            apart = offset == len(block.lines) - 1  # the number ends its block: its text opens the next
            if apart and (len(block.lines) > 1 or bi + 1 >= len(page)):
                continue
            text_block, first = (page[bi + 1], 0) if apart else (block, offset + 1)
            below = strip_tokens(text_block.lines[first]).lstrip()
            if not (below[:1].isalpha() or below[:1] in "“\"("):
                continue
            above = Block(block.lines[:offset], block.start, block.start + offset - 1, "para",
                          page_break_before=block.page_break_before).carry(block) if offset else None
            note = Block([f"{match.group(1)} {text_block.lines[first].lstrip()}"] + text_block.lines[first + 1:],
                         text_block.start + first, text_block.end, "para",
                         page_break_before=block.page_break_before and not offset)
            if apart or not offset:
                note = note.carry(text_block if apart else block)
            end = bi + 2 if apart else bi + 1
            return page[:bi] + ([above] if above else []) + [note] + page[end:], note, int(match.group(1))
    return None


def _page_once(state: State, page: list[Block], numbering: list[int], entries: frozenset[str],
               reach: int | None = None, following: list[Block] | None = None,
               vocabulary=None) -> list[Block] | _Foot:
    """The page's blocks, the numbered lines of its foot (or of each column's foot) split into
    definition blocks (as a _Foot, rebuilt later). `following`: the next page's blocks, whose
    first line may hold the calls of this page's last notes (NEXT_PAGE_CALL_LINES); those calls
    are marked there."""
    following = following or []
    if any(block.kind != "para" for block in following):
        following = []
    split = _split_glued_foot(page, entries)
    if split is not None:  # taken only where the foot it makes is found, its calls with it
        split_page, at, half, digits = split
        lines = _lines(split_page)
        tried = list(numbering)
        roles = _roles(split_page, lines, tried, entries, reach, following)
        if roles is not None and roles[at] == ("note", int(digits)):
            numbering[0] = tried[0]
            state.audit.joined_parts.update(words(half + digits))  # one word of the source is two
            state.audit.joined.update(words(f"{half} {digits}"))
            state.audit.change("note_split", split_page[lines[at][0]].start, half + digits,
                               "a line of text and the first note glued to it, split")
            return _Foot(split_page, lines, roles, None)
    lines = _lines(page)
    if not lines:
        return page
    groups = _pieces_between_notes(lines, entries) if reach is None else []
    # Calls are marked in place (on this page, and the next page's first line): kept to undo.
    saved = [list(block.lines) for block in page + following] if groups else []
    tried = list(numbering)
    doubts: dict[int, str] = {}  # lines read as text that might have been a note (see _roles)
    roles = _roles(page, lines, tried, entries, reach, following, doubts)
    if groups and not _holds(roles, groups):
        # Lines between two notes that the feet found do not place: the feet are looked for
        # again as if those lines were not there (see _roles_around_pieces).
        for block, kept_lines in zip(page + following, saved):
            block.lines = list(kept_lines)
        around = _roles_around_pieces(page, lines, groups, numbering, entries, reach, following, saved)
        if around is not None:
            roles, tried = around, list(numbering)
        else:
            tried = list(numbering)
            roles = _roles(page, lines, tried, entries, reach, following)
    numbering[0] = tried[0]
    for index, doubt in doubts.items():
        if roles is None or roles[index] == "body":
            bi, offset, text = lines[index]
            state.diagnostics.info("note-doubted", page[bi].start + offset,
                                   f"`{text[:40]}` may define a note; kept as text: {doubt}")
    if roles is None:
        return page
    plan = None
    if reach is None and vocabulary is not None:
        footers_in_foot(lines, roles)
        plan = stranded_lines(state, page, lines, roles, following, vocabulary)
    return _Foot(page, lines, roles, plan)


def _roles_around_pieces(page: list[Block], lines: list[tuple[int, int, str]],
                         groups: list[tuple[list[int], int]], numbering: list[int],
                         entries: frozenset[str], reach: int | None, following: list[Block],
                         saved: list[list[str]]) -> list | None:
    """The roles of a page whose foot holds, between two notes' definitions (`1 …` above, `2 …`
    below), a block or two of a few lines that define nothing (`groups`: a note's line the
    extractor wrote apart): the feet are found as if those lines were not there, and they are
    left as text ("body", for stranded_notes to place). None where the feet found so do not
    hold both notes around each of them (the page's blocks are then as they were, `saved`)."""
    inside = {index for group, _ in groups for index in group}
    kept = [index for index in range(len(lines)) if index not in inside]
    tried = list(numbering)
    roles = _roles(page, [lines[index] for index in kept], tried, entries, reach, following)
    full = ["body"] * len(lines)
    if roles is not None:
        for index, role in zip(kept, roles):
            full[index] = role
    if roles is None or not _holds(full, groups, between=True):
        for block, kept_lines in zip(page + following, saved):
            block.lines = list(kept_lines)
        return None
    numbering[0] = tried[0]
    return full


def _holds(roles: list | None, groups: list[tuple[list[int], int]], between: bool = False) -> bool:
    """Do the roles place each group between its two notes: note n's lines above it (its
    definition or its next lines), note n + 1's definition below; the group itself note n's
    next lines (or, `between`, left as text for stranded_notes)?"""
    if roles is None:
        return False
    for group, number in groups:
        if not _cont_of(roles, group[0] - 1, number) or roles[group[-1] + 1] != ("note", number + 1):
            return False
        if not between and any(roles[index] != "cont" for index in group):
            return False
    return True


def _cont_of(roles: list, index: int, number: int) -> bool:
    """Is line `index` note `number`'s (its definition or one of its next lines)?"""
    while index >= 0 and roles[index] == "cont":
        index -= 1
    return index >= 0 and roles[index] == ("note", number)


def _pieces_between_notes(lines: list[tuple[int, int, str]],
                          entries: frozenset[str]) -> list[tuple[list[int], int]]:
    """(line indices, note number) of each block between a block whose last numbered line
    defines note n and a block opening with note n + 1's definition, that may be the end of
    note n written apart from it: a block or a few, at most MAX_BETWEEN_LINES lines, none numbered,
    the last ending a sentence (a heading, `3.2 Scour`, or a column's paragraph going on, is
    none)."""
    starts = [index for index in range(len(lines)) if index == 0 or lines[index - 1][0] != lines[index][0]]
    bounds = list(zip(starts, starts[1:] + [len(lines)]))
    groups = []
    for at in range(1, len(bounds) - 1):
        begin = bounds[at][0]
        above = next((match for i in range(begin - 1, bounds[at - 1][0] - 1, -1)
                      if (match := _definition(lines[i][2], entries))), None)
        if above is None:
            continue
        last = at  # the group's blocks: this one and the next ones, MAX_BETWEEN_LINES lines at most
        while last < len(bounds) - 1 and bounds[last][1] - begin <= MAX_BETWEEN_LINES \
                and not any(_definition(lines[i][2], entries) for i in range(*bounds[last])):
            end = bounds[last][1]
            below = _definition(lines[end][2], entries)
            if below is not None:
                if int(below.group(1)) == int(above.group(1)) + 1 \
                        and SENTENCE_END.search(lines[end - 1][2].rstrip()):
                    groups.append((list(range(begin, end)), int(above.group(1))))
                break
            last += 1
    return groups


def _lines(page: list[Block]) -> list[tuple[int, int, str]]:
    """(block index, line offset, text without tokens) of each line of the page's paragraphs."""
    return [(bi, offset, strip_tokens(line)) for bi, block in enumerate(page) if block.kind == "para"
            for offset, line in enumerate(block.lines)]


def _split_glued_foot(page: list[Block], entries: frozenset[str]) -> tuple | None:
    """The page with its first note split from the line of text it was glued to (see
    _GLUED_FOOT), the index of the note's line among the page's lines, the word's half and the
    note's number that were one word of the source; or None. Evidence here: the next line of the page defines
    the next note (a foot of one note has none, and is left as it is); the caller takes the split
    only where the foot is then found with its calls. The line's first half ends its block with
    a soft hyphen (the hyphen the extractor removed: heal_page_breaks joins the word on the next
    page); the note opens a block that starts on the same source line."""
    lines = [(bi, offset, line) for bi, block in enumerate(page) for offset, line in enumerate(block.lines)]
    for index in range(len(lines) - 2, -1, -1):
        bi, offset, line = lines[index]
        glued = list(_GLUED_FOOT.finditer(line))
        following = _definition(strip_tokens(lines[index + 1][2]), entries)
        if len(glued) != 1 or following is None or int(following.group(1)) != int(glued[0].group(1)) + 1:
            continue
        block, cut = page[bi], glued[0].start(1)
        if strip_tokens(line[:cut]) != line[:cut]:  # tokens before the number: leave it
            return None
        first = Block(block.lines[:offset] + [line[:cut] + "\u00ad"], block.start,
                      block.start + offset, "para", page_break_before=block.page_break_before).carry(block)
        second = Block([line[cut:]] + block.lines[offset + 1:], block.start + offset, block.end, "para")
        return page[:bi] + [first, second] + page[bi + 1:], index + 1, line[:cut].split()[-1], glued[0].group(1)
    return None


def _roles(page: list[Block], lines: list[tuple[int, int, str]], numbering: list[int],
           entries: frozenset[str], reach: int | None = None,
           next_page: list[Block] | None = None, doubts: dict[int, str] | None = None) -> list | None:
    """What each line of the page is: "body", ("note", n), "cont" (a note's next line),
    "heading" (a contents entry below a note: text of the page, a block of its own) or "folio". A page may have a foot per column: pdftotext reads a two-column page column by
    column, each column's notes below it (typst), a bare folio or a block break after them. So
    feet are looked for from the top, each ending at a block break, a folio or the page end, and
    called in the text between it and the foot before. Failing that, one foot whose calls may
    stand anywhere on the page (notes across the foot of both columns). The foot at the page's
    end may have its last notes called in the next page's first line (see _spilled_calls).
    `doubts` (if given) gets the lines left as text for want of evidence only, by line index,
    with the reason (a note skipping ahead of the document's sequence that a number set off by
    a space calls; a list's next item whose number is not the document's next note)."""
    # The next page's first line, its block indices counted on from this page's (see _mark_calls).
    after = [(len(page) + bi, offset, text) for bi, offset, text in _lines(next_page or [])
             ][:NEXT_PAGE_CALL_LINES] if reach is None else []
    # ... and its first lines, where a list cut by the page's end goes on (see _list_goes_on).
    top = [(len(page) + bi, offset, text) for bi, offset, text in _lines(next_page or [])
           ][:MAX_ITEM_LINES] if reach is None else []
    # a table's cell (`111`, rebuilt into its row by table_cells or table_columns) is no folio
    folios = {i for i in range(1, len(lines) - 1)
              if _BARE_NUMBER.match(lines[i][2]) and not page[lines[i][0]].table}
    block_ends = {i + 1 for i in range(len(lines) - 1) if lines[i][0] != lines[i + 1][0]}
    roles: list = ["body"] * len(lines)
    width = _width([text for _, _, text in lines])
    found = False
    region = 0
    for end in sorted(folios | block_ends | {len(lines)}):
        if end <= region:
            continue
        base = region if reach is None else max(region, end - reach)  # a page's worth above
        segment = lines[base:end]
        last = end == len(lines) or end in folios and end + 1 == len(lines)
        foot = _foot(segment, segment, entries, after=after if last else None)
        if foot is None:
            continue
        start, numbers = foot
        at_foot = end == len(lines) or end in folios
        first = base + start
        if page[lines[first][0]].item and lines[first][1] == 0:
            continue  # a list's item whose marker was printed apart (list_markers), no note
        if page[lines[first][0]].table:
            continue  # a table's row (`61 %`) opens no foot
        if not at_foot and _HEADING_LIKE.match(lines[first][2]) and (
                first + 1 == len(lines) or not lines[first + 1][2][:1].islower()
                and len(lines[first][2].rstrip()) < MAX_HEADING_SHARE * width):
            # A numbered line amid the page with no stop, well short of the measure, and no
            # lower-case line going on with it: a heading (`1. Introduction`, then `1.1 Purpose
            # of this report`), not a column's foot, whose first note ends a sentence, runs on
            # (`…from a co-heating` / `test in four homes…`) or nearly fills its line (`7
            # Ethiopian Aircraft Accident Investigation` / `Preliminary Report…`, `6 Flight data
            # recorder (FDR) data from the Lion` / `Air Flight 610…`).
            continue
        if at_foot and _heads_a_section(lines, first, end, entries):
            continue
        # The next page's first line calls the foot's last notes only where the page's own text
        # does not call them all, in order (as _foot reads it): a call glued to its word above the
        # foot (`replaced.1`) is that note's, the next page's (`buildings).1`) its own note's.
        spilled = last and _spilled_calls(segment[:start], after, numbers) is not None \
            and _calls(segment[:start], numbers) is None
        glued = spilled or _glued_calls(segment[:start], numbers)
        if not _in_sequence(numbers, numbering, segment[start][2], glued, at_foot):
            if doubts is not None and _in_sequence(numbers, numbering, segment[start][2], True, at_foot):
                doubts[first] = (f"note {numbers[0]} would skip ahead of the notes found "
                                 f"(the last {numbering[0]}), and no call glued to a word names it")
            continue
        continued = _continues_a_list(lines, base, base + start, numbers[0], entries)
        if continued and _defined_again(lines, base + start + 1, numbers[0], entries, reach):
            continue  # a numbered list's next items (`1. mark out…` above `2. take and label…`)
        if not at_foot and _item_above_its_number(lines, base + start, end, entries):
            continue  # a list's first item right above the page's note of its number
        if not at_foot and _defined_again(lines, end, numbers[0], entries, reach) \
                and _list_goes_on(lines[:end] + top, base + start, end, numbers[-1], entries):
            continue  # a list's item amid the page, its count going on at the next page's top
        end = _cut_note_end(lines, base + start, end, folios, numbers[-1], entries, width)
        if continued and numbers[0] != numbering[0] + 1 \
                and not _notes_run_above(lines, base, base + start, numbers[0], numbering[0], entries):
            # The list's next item, not the document's next note.
            if doubts is not None:
                doubts[first] = (f"it goes on with the count of the list above it, and note "
                                 f"{numbers[0]} is not the next of the notes found (the last {numbering[0]})")
            continue
        # (the next page's top only where the foot ends the page cut inside a sentence: a note
        # that ended its sentence there is whole, whatever list the next page opens with)
        cut = (end == len(lines) or end in folios and end + 1 == len(lines)) \
            and not SENTENCE_END.search(lines[end - 1][2])
        if _list_goes_on(lines + (top if cut else []), base + start, end, numbers[-1], entries):
            continue  # a numbered list's first items (`1. install…`, `2. relocate…`, then `3.`)
        following = _definition(lines[end][2], entries) if end < len(lines) else None
        if following and int(following.group(1)) == numbers[-1] + 1:
            continue  # the foot goes on in the next block (below the note's last line)
        if _foot_goes_on(lines, end, numbers[-1], folios, entries) \
                and _calls(segment[:start], numbers + [numbers[-1] + 1]) is not None:
            continue  # ... below a piece of a note the extractor boxed apart
        found = True
        numbering[0] = numbers[-1]
        if spilled:
            resumed = _mark(page + (next_page or []), roles, lines, base + start, end, numbers,
                            segment[:start] + after, entries, _spilled_calls(segment[:start], after, numbers))
        else:
            resumed = _mark(page, roles, lines, base + start, end, numbers, segment[:start], entries)
        if end in folios:
            roles[end] = "folio"
            region = end + 1
        else:
            region = end
        if resumed is not None:  # the next column's text below the notes calls the next foot
            region = resumed
    if not found and reach is None:  # one foot called from anywhere on a page (not a document)
        for folio in [len(lines), *sorted(folios)]:  # the page's foot, perhaps before the next column
            rest = lines[folio + 1:] if folio < len(lines) else []
            foot = _foot(lines[:folio], lines[:folio] + rest, entries, len(lines[:folio]))
            if foot is None:
                continue
            start, numbers = foot
            if page[lines[start][0]].item and lines[start][1] == 0 or page[lines[start][0]].table \
                    or _heads_a_section(lines, start, folio, entries) \
                    or _list_goes_on(lines + (top if folio + 1 >= len(lines)
                                              and not SENTENCE_END.search(lines[folio - 1][2]) else []),
                                     start, folio, numbers[-1], entries) \
                    or _continues_a_list(lines, 0, start, numbers[0], entries) \
                    and (_defined_again(lines, start + 1, numbers[0], entries, None)
                         or numbers[0] != numbering[0] + 1
                         and not _notes_run_above(lines, 0, start, numbers[0], numbering[0], entries)):
                continue
            glued = _glued_calls(lines[:start] + rest, numbers)
            if not _in_sequence(numbers, numbering, lines[start][2], glued, True):
                continue
            numbering[0] = numbers[-1]
            _mark(page, roles, lines, start, folio, numbers, lines[:start] + rest, entries)
            if folio < len(lines):
                roles[folio] = "folio"
            found = True
            break
    return roles if found else None


def _foot_goes_on(lines: list[tuple[int, int, str]], end: int, last: int, folios: set[int],
                  entries: frozenset[str]) -> bool:
    """Does the foot go on below a block of at most MAX_CUT_LINES lines that opens no note (a
    note's sentence an extractor boxed apart, `The sharpest curve…` below `7 A chain is 22
    yards.`), with the definition of the next note (`8 Prospectus…`)? (Taken only where the text
    above calls that note too: then the foot ends below it.)"""
    block_end = next((i for i in range(end + 1, len(lines)) if lines[i][0] != lines[end][0]), len(lines))
    if end >= len(lines) or end in folios or block_end - end > MAX_CUT_LINES or block_end >= len(lines):
        return False
    if any(_definition(lines[i][2], entries) for i in range(end, block_end)):
        return False
    following = _definition(lines[block_end][2], entries)
    return following is not None and int(following.group(1)) == last + 1


def _cut_note_end(lines: list[tuple[int, int, str]], start: int, end: int, folios: set[int],
                  last: int, entries: frozenset[str], width: int) -> int:
    """Where a foot ending at `end` (a block break) really ends: pdfminer boxes the last line of
    a wrapped note apart, a blank line above it. The note's line stops short of a sentence's
    end; its next line goes on in lower case (`platelayer.`). One that opens otherwise (a year,
    `1913.`; a name, `Society's Transactions for 2020.`) is the note's only when its block ends
    the sentence and the page's foot plainly goes on or ends there: the next note's definition,
    a folio or the page's end follows it. A line of the page's text below its notes has none of
    these. A note's line that ends a sentence but is full (`…relocation of 2014.` reaching the
    page's `width`) may go on in the same way, and so may one ending in an abbreviation that
    introduces a number (`…collection no.`) above a line opening with one (`2871, Głosy…`: a
    break pdftotext makes within the printed line); one with room to spare ended the note. Notes set
    side by side (a foot per column) and read row by row leave more than one note waiting for
    its tail (see _waiting): a line in lower case goes on while one waits."""
    while end < len(lines) and end not in folios:
        above = lines[end - 1][2]
        lower = lines[end][2][:1].islower()
        ended = bool(SENTENCE_END.search(above))
        waiting = lower and ended and bool(_waiting(lines, start, end, entries, width))
        # `…collection no.` / `2871, Głosy z fabryk…`: the stop closes an abbreviation that
        # the number below goes on with, not the note (then decided as a tail that opens otherwise).
        numbered = _number_goes_on(above, lines[end][2])
        if ended and _had_room(above, lines[end][2], width) and not waiting and not numbered:
            break
        # (a line calling the next note, glued, is the text that calls it: the page's next
        # column going on with the sentence above the foot, `priorities.5`, not the note's tail)
        if (not ended or waiting) and lower and not any(
                int(m.group(1)) == last + 1 for m in GLUED_CALL.finditer(lines[end][2])):
            end += 1
            continue
        block_end = next((i for i in range(end + 1, len(lines)) if lines[i][0] != lines[end][0]),
                         len(lines))
        # The piece may share its block with the notes after it (pdftotext writes the rest of
        # a groff foot as one block below a blank line it put inside a note, `…pp.` / blank /
        # `291–300, gives…` / `4 Lindqvist…`): it then ends above the next note's definition.
        block_end = next((i for i in range(end + 1, min(block_end, end + MAX_CUT_LINES + 1))
                          if (match := _definition(lines[i][2], entries)) is not None
                          and int(match.group(1)) == last + 1), block_end)
        # ... or go on in the next block, in lower case, where pdftotext put a blank line inside
        # it too (`17. The letters are held … /gow-` / blank / `letters.`), within MAX_CUT_LINES.
        while block_end < len(lines) and block_end - end < MAX_CUT_LINES \
                and not SENTENCE_END.search(lines[block_end - 1][2]) and lines[block_end][2][:1].islower():
            block_end = next((i for i in range(block_end + 1, len(lines))
                              if lines[i][0] != lines[block_end][0]
                              or (match := _definition(lines[i][2], entries)) is not None
                              and int(match.group(1)) == last + 1), len(lines))
        if block_end - end > MAX_CUT_LINES or not SENTENCE_END.search(lines[block_end - 1][2]):
            break
        numbered_lines = [match for i in range(end, block_end) if (match := _definition(lines[i][2], entries))]
        # A numbered line is no note's tail, but for one opening the tail of a note cut amid its
        # sentence with a number that defines no next note (`…Archeion` / `112 (2011), pp. 291–300`:
        # a volume, a year, a page), or after an abbreviation that introduces one (`…no.` / `17.
        # The letters…`).
        if numbered_lines and (ended and not numbered or len(numbered_lines) > 1
                               or _definition(lines[end][2], entries) is None
                               or int(numbered_lines[0].group(1)) == last + 1):
            break
        following = _definition(lines[block_end][2], entries) if block_end < len(lines) else None
        if (block_end == len(lines) or block_end in folios
                or (following is not None and int(following.group(1)) == last + 1)):
            end = block_end
        break
    return end


def _number_goes_on(above: str, text: str) -> bool:
    """A note's line ending in an abbreviation that introduces a number (`…collection no.`),
    and the next line opening with a number (`2871, Głosy…`): the note goes on."""
    return bool(NUMBERING_ABBREVIATION.search(above.rstrip())) and text[:1].isdigit()


def _waiting(lines: list[tuple[int, int, str]], start: int, end: int, entries: frozenset[str],
             width: int) -> list[int]:
    """The notes of the foot `start`-`end` still waiting for their tail, in the order they
    began: a note's line cut at the measure (full, no sentence ended) with the next note's
    definition right below it. pdfminer reads a foot set in two columns row by row (`12Assess-
    ments … of a bridge`, `13The planning … state-`, `changes significantly.`, `ment that …`):
    the tails then come in the order their notes began. A note's last line with room to spare
    ended it, whatever its punctuation."""
    waiting: list[int] = []
    for index in range(start, end):
        text = lines[index][2]
        below = lines[index + 1][2] if index + 1 < len(lines) else ""
        if _definition(text, entries):
            if not SENTENCE_END.search(text) and not _had_room(text, below, width):
                waiting.append(int(_definition(text, entries).group(1)))
        elif waiting and SENTENCE_END.search(text):  # a tail that ends its note's sentence
            waiting.pop(0)
    return waiting


def _mark(page, roles, lines, start, end, numbers, called, entries, found=None) -> int | None:
    """Roles of a foot's lines (`start` to `end`) and the call marks in the text it serves
    (`found`: those calls, if already read). Returns the line where the next column's text
    resumes inside the foot's lines, if one does (else None)."""
    resumed: int | None = None
    _mark_calls(page, called, numbers, found)
    expected = iter(numbers)
    wanted = next(expected)
    previous_note = ""
    # The text above the foot stops inside a word (`de-`): its other half is the first line in
    # lower case below a note that has ended its sentence (the page's next column), not the note's.
    # So does text above the foot that stops inside a sentence (`…returned by 1,340 families, a`,
    # a column's foot read before the next column, which goes on `response rate of 41 per
    # cent.`): below a note that has ended its sentence (not at an initial or an abbreviation
    # with points inside, `K.`, `e.g.`, after which a note goes on), a line in lower case opens
    # no new sentence of the note: it is that text's.
    above = lines[start - 1][2].rstrip() if start > 0 else ""
    cut_above = bool(CUT_WORD.search(above)) or bool(above) and not SENTENCE_END.search(above) \
        and not _HEADING_LIKE.match(above)
    # Notes are set in their own (smaller) type: their longest line shows their measure.
    width = max(_width([text for _, _, text in lines]),
                max((len(lines[i][2].rstrip()) for i in range(start, end)), default=0))
    waiting: list[int] = []  # notes cut at the measure, waiting for their tails (see _waiting)
    for index in range(start, end):
        text = lines[index][2]
        match = _definition(text, entries)
        if match and int(match.group(1)) == wanted:
            roles[index] = ("note", wanted)
            below = lines[index + 1][2] if index + 1 < len(lines) else ""
            if not SENTENCE_END.search(text) and not _had_room(text, below, width):
                waiting.append(wanted)
            previous_note = text
            wanted = next(expected, -1)
        elif previous_note and continues_address(lines[index - 1][2], text):
            # The rest of a web address the line above ends inside, whatever the dot before
            # it looks like (`…/www.example-assembly.` / `gov.uk/…`): the note goes on.
            roles[index] = "cont"
            previous_note = f"{previous_note} {text}"
            if waiting and SENTENCE_END.search(text):
                waiting.pop(0)
        elif previous_note and len(waiting) > 1 and text[:1].islower():
            # Two notes side by side, read row by row: the tail is the first waiting note's.
            roles[index] = ("tail", waiting[0])
            if SENTENCE_END.search(text):
                waiting.pop(0)
        elif cut_above and SENTENCE_END.search(previous_note) and not ABBREVIATION_END.search(previous_note) \
                and text[:1].islower():
            roles[index] = "body"
            previous_note = ""
            cut_above = False
        elif (SENTENCE_END.search(previous_note) and not text[:1].islower()
              and _had_room(lines[index - 1][2], text, width)
              and not _number_goes_on(lines[index - 1][2], text)):
            # A note that ended its sentence is not continued by a new sentence: that line is
            # text of the page standing below its notes (kept as a paragraph).
            roles[index] = "body"
            previous_note = ""
        elif (SENTENCE_END.search(previous_note) and not text[:1].islower()
              and any(found == numbers[-1] + 1 for found, _, _ in _line_calls(CALL, text))):
            # A new sentence below a finished note that calls the note after the foot's last
            # (`Motor buses reached the valleys in 1921. 35 Within five`): the next column's text,
            # which an extractor wrote right below this column's notes. A note calls no note.
            # The next foot's calls are looked for from there.
            roles[index] = "body"
            previous_note = ""
            resumed = index if resumed is None else resumed
        elif previous_note and entries and _entry_key(text) in entries:
            # A line repeating an entry of the printed contents is that heading, never a note's
            # text: the note cut at the page's end (`…between 1956 and`, its rest on the next
            # page) does not go on into the next section (`Silences` / `Some subjects…`). The
            # heading is a block of its own (role "heading"; text of the page). The page's text
            # resumes there (the next column, on a page whose feet stand one a column): the next
            # foot's calls are looked for from there.
            roles[index] = "heading"
            previous_note = ""
            resumed = index if resumed is None else resumed
        elif previous_note:
            roles[index] = "cont"
            previous_note = f"{previous_note} {text}"
            if waiting and SENTENCE_END.search(text):
                waiting.pop(0)
    return resumed


def _width(texts: list[str]) -> int:
    """The page's wrap width: the length that nearly all full lines reach."""
    ordered = sorted(len(text.rstrip()) for text in texts)
    return ordered[min(len(ordered) - 1, int(WIDTH_PERCENTILE * len(ordered)))] if ordered else 0


def _had_room(line: str, following: str, width: int) -> bool:
    """Would the next line's first word have fitted at the end of this one? A note's line that
    ends a sentence but is full (`…next to the basin.` / `Together they…`) was wrapped there: the
    note goes on; one with room to spare ended the note."""
    word = following.split(maxsplit=1)[0] if following.strip() else ""
    return len(line.rstrip()) + 1 + len(word) <= width


def _rebuild(state: State, page: list[Block], lines, roles, order: list[int] | None = None) -> list[Block]:
    """The page's blocks from its lines' roles, the lines taken in `order` (their indices; as
    they stand if None)."""
    out: list[Block] = []
    current: Block | None = None
    current_source = None
    seen_foot = False
    note_blocks: dict[int, Block] = {}
    for index in (range(len(lines)) if order is None else order):
        (bi, offset, text), role = lines[index], roles[index]
        block = page[bi]
        raw, number = block.lines[offset], block.start + offset
        if block.table:  # a table's row (`Good 80–100 251 61 %`) holds no note, folio or note's text
            role = "body"
        if isinstance(role, tuple) and role[0] == "tail":  # an earlier note's tail (see _waiting)
            note_blocks[role[1]].lines.append(raw)
            note_blocks[role[1]].end = max(note_blocks[role[1]].end, number)
            continue
        if role == "folio":
            state.audit.remove("page_numbers", number, text)
            current = None
            continue
        if role == "cont" and current is not None:
            current.lines.append(raw)
            current.end = number
            continue
        if role == "body" and current is not None and current_source == ("body", bi):
            current.lines.append(raw)
            current.end = number
            continue
        current = Block([raw], number, number, "para", page_break_before=not out and page[0].page_break_before)
        if isinstance(role, tuple):
            current.plain_note = role[1]
            note_blocks[role[1]] = current
            seen_foot = True
            current_source = ("note", role[1])
        else:
            if seen_foot:
                current.same_page = True  # below a column's notes, but on their page
            if offset == 0:  # a block's own start: what a pass said about it stays (a table row, a quote)
                current.continues, current.table, current.quote = block.continues, block.table, block.quote
                current.item = block.item
            current_source = ("heading" if role == "heading" else "body", bi)
        out.append(current)
    return out


def _foot(lines: list[tuple[int, int, str]], called: list[tuple[int, int, str]],
          entries: frozenset[str], limit: int | None = None,
          after: list[tuple[int, int, str]] | None = None) -> tuple[int, list[int]] | None:
    """(first line, note numbers) of the foot ending `lines`, or None: a run of lines whose
    numbered lines count up by one, every number called in order in `called` (the text before
    it, and the next column's), or its last ones in `after` (see _spilled_calls)."""
    end = len(lines) if limit is None else limit
    best: tuple[int, list[int]] | None = None
    finder: _CallFinder | None = None  # the calls of the lines, read once for every start
    for start in range(end - 1, max(0, end - MAX_NOTE_LINES) - 1, -1):
        match = _definition(lines[start][2], entries)
        if not match:
            continue
        numbers = _numbers_from(lines[start:end], int(match.group(1)), entries)
        if numbers is None:
            continue
        # The foot with the most notes wins; of equals, the latest (a body line that happens
        # to open with a number comes earlier).
        if best is not None and len(numbers) <= len(best[1]):
            continue
        if called is lines and end == len(lines):  # the text above the foot: the lines' head
            finder = finder or _CallFinder(lines)
            calls = _calls(lines[:start], numbers, finder.up_to(start))
            if calls is None and after:
                calls = _spilled_calls(lines[:start], after, numbers)
        else:
            inside = set(lines[start:end])
            calls = _calls([line for line in called if line not in inside], numbers)
        if calls is not None:
            best = (start, numbers)
    return best


def _numbers_from(lines: list[tuple[int, int, str]], first: int, entries: frozenset[str]) -> list[int] | None:
    """The definition numbers of a foot starting at `first`: each numbered line continues the
    count; lines between are continuations (they must not start with a number out of order)."""
    numbers = [first]
    for _, _, text in lines[1:]:
        match = _definition(text, entries)
        if match and int(match.group(1)) == numbers[-1] + 1:
            numbers.append(numbers[-1] + 1)
    return numbers
