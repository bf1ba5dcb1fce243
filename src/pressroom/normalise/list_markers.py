"""List markers printed apart from their items go back to them.

Some extractors print a list's markers (`•`, `1.`) as lines of their own, away from the items'
text: pdfminer.six puts a page's markers in a box of their own before the items' box (`4.`,
`5.`, `6.`, then the three items); pypdf and pypdfium2 write them after the page's text when the
typesetter drew them last (WeasyPrint's markers), so a run of markers follows the page's body. The
items' own lines then carry nothing that says where one item ends and the next begins.

A run of such lone markers (one glyph repeated, or numbers that follow on) says how many items
there are; the items are found beside it on the same page:

- after the run (pdfminer): the next k items, each ending where a line has room to spare for the
  next line's first word (the document's own full-line length, as `reflow` measures it), the
  last ending where its box ends; where the box after the run holds fewer items than the run
  has markers, the fewest boxes after it that hold as many (groff sets each item apart: a box
  each), unless the text before the run runs on into it (its rest is the first box);
- before it (pypdf, pypdfium2): the k items that follow a line introducing a list (ending in a
  colon) on that page, an intervening introduction (`The third cause was:`) passed over; where
  no introduction is found, the page's last k items (the page's text ends with the list).

Under a heading that names a section holding one list (`Notes`, `References`), the k items are
all the lines between the heading and the run (pypdf) or the box after the run (pdfminer), each
ending where a sentence closes a line and the next line opens one (a full line's sentence, or an
initial's stop, is the first to end none where the count says so).

A nested list's markers come in the items' order, the inner list's (`◦`) between its outer
list's (`2.` `◦` `◦` `3.`): one run, whose item before the inner markers may end in a colon.
A heading over its paragraph (`Meters` / `The meters are…`) is never an item.

pypdf and pypdfium2 write the run's first marker at the end of the page's last line of text
(`…in 2022.• ` or `…pages 291–300.1. `, then `• ` or `2. ` on lines of their own): a marker at
the end of a line whose text closes a sentence, continued by the lone marker on the next line,
is the run's first marker, not part of that text.

Each marker is joined to the first line of its item. Without that evidence (a lone number may be
a folio, a year or a quantity) the markers stay where they are and a notice says so.
"""

from __future__ import annotations

import itertools
import re

from .footnotes import NOTES_HEADINGS
from .model import ABBREVIATION_END, CUT_WORD, Block, State, strip_tokens
from .reference_lists import REFERENCE_HEADINGS
from .reflow import JOINED_LINE_SHARE, MAX_HEADING_SHARE, fits, measure
from .lazy_re import lazy_compile

# A run of markers whose items were not found stands as a block of its own when it holds at least
# this many markers (`(a)` `(b)` `(c)`): one lone dash or number is as likely a table's cell (`–`
# for "none") or a figure as a list's marker, and the lines around it keep their blocks.
MIN_RUN_APART = 2
# A line that holds nothing but a list marker: a bullet glyph, or a number with its delimiter.
# troff sets a lettered item's tag, `(a)`, in the margin as it does a bullet (`.IP (a)`).
_LONE_MARKER = lazy_compile(r"^\s*(?:(?P<bullet>[•◦▪‣●○■□–])|(?P<number>\d{1,3})(?P<delim>[.)])"
                            r"|\((?P<letter>[a-z]|[ivx]{1,4})\))\s*$")
# A line whose text closes (`.;:!?…`) and then carries a list marker glued at its end.
_GLUED_MARKER = lazy_compile(r"^(?P<text>.*[.;:!?…][”’\"')\]]*)\s*"
                           r"(?P<marker>(?:(?P<bullet>[•◦▪‣●○■□–])|(?P<number>\d{1,3})(?P<delim>[.)])))\s*$")
# The glued marker at a line's end, as the raw line writes it.
_GLUED_END = lazy_compile(r"\s*(?:[•◦▪‣●○■□–]|\d{1,3}[.)])\s*$")
# A line that opens an item or a note definition of its own (its marker on the line).
_OPENS_ITEM = lazy_compile(r"^\s*(?:[•◦▪‣●○■□–]\s+\S|\d{1,3}[.)]\s+\S)")
# A line that introduces a list: it ends with a colon.
_INTRO = lazy_compile(r":[”’\"')\]]*\s*$")
# A line that closes a clause: where an item may end although the line is nearly full.
_CLAUSE_END = lazy_compile(r"[.;!?…][”’\"')\]]*\s*$")
# A line after which a list may start: it closes a sentence, a clause or an introduction (a
# flattened note call may follow: `0.7 million.14`).
_ENDS_TEXT = lazy_compile(r"[.;:!?…][”’\"')\]]*\d{0,3}\s*$")
# A line whose words are parted by runs of spaces: set justified, its word spaces stretched to
# the full measure (pypdf and pdfminer.six print the stretch as extra spaces). A paragraph's or
# an item's last line is set at its natural width, so such a line never ends one.
_STRETCHED = lazy_compile(r"\S {2,}\S")
# A line that closes a sentence: where an item of a notes or references section may end.
_CLOSES_SENTENCE = lazy_compile(r"[.!?…][”’\"')\]]*\s*$")
# A section heading's number (`7. References`, `VII. Notes`).
_HEADING_NUMBER = lazy_compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]+)[.)]?\s+", re.I)
_SPACES = lazy_compile(r"\s+")
# An item's text opens with a letter, a digit, a quote or a bracket (not with punctuation left
# over from another line).
_ITEM_TEXT = lazy_compile(r"^\s*[\w“\"‘'(\[]")
# A numbered item (or paragraph) printed with its marker on its line, opening a sentence: its
# number is the list's (or the document's numbering's) last so far, where it opens a block or
# follows a line that ends a sentence (a number a line's wrap put first follows none).
_NUMBERED_LINE = lazy_compile(r"^\s*(?P<number>\d{1,3})[.)]\s+[“\"‘(]?[A-Z]")


def list_markers(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) keeps markers with their items
        return state
    measured = measure(state.blocks)
    if measured is None:
        return state
    full = measured[1]
    lines = [(b, i) for b, block in enumerate(state.blocks) for i in range(len(block.lines))]
    text = [strip_tokens(state.blocks[b].lines[i]) for b, i in lines]
    page = _page_numbers(state.blocks, lines)
    used: set[int] = set()  # lines already given to an item
    markers: dict[int, list[int]] = {}  # marker line → its item's lines
    marks: dict[int, re.Match] = {}  # marker line → its marker
    glued: set[int] = set()  # lines of text whose end carried a run's first marker
    apart: list[list[int]] = []  # runs of markers whose items were not found
    previous_number: int | None = None
    previous_bullet: tuple[str, int] | None = None  # the last run's bullet and its page
    scanned = 0  # the lines read for numbered items printed with their markers (`5. The …`)
    for run in _runs(text, page):
        # The numbering goes on in items printed whole between lone markers (groff sets a
        # numbered paragraph's marker on a line of its own only below a heading: `4.` apart,
        # `5. The contract …`, `6. Requests …`, then `Workload in 2023` / `7.` apart).
        for index in range(scanned, run[0]):
            numbered = _NUMBERED_LINE.match(text[index])
            # (a line of text, longer than a heading's: `3. Monitoring` is a numbered heading)
            if numbered and len(text[index].strip()) > MAX_HEADING_SHARE * full \
                    and (index == 0 or lines[index - 1][0] != lines[index][0]
                         or _ENDS_TEXT.search(text[index - 1])):
                previous_number = int(numbered.group("number"))
        scanned = max(scanned, run[-1] + 1)
        lone = _LONE_MARKER.match(text[run[0]])
        before = run[0] - 1
        end = run[0]  # the items are sought among the lines above this one
        stuck = _glued(text, lines, page, before, lone)
        if stuck is not None:  # pypdf's order: the items, the first marker at their end, the rest
            text[before] = stuck.group("text")
            run = [before] + run
            glued.add(before)
            marks[before] = stuck
        marks.update((index, _LONE_MARKER.match(text[index])) for index in run if index not in glued)
        first = marks[run[0]]
        number = int(first.group("number")) if first.group("number") else None
        # The line before runs on into a lone number or dash: a number wrapped to a line start
        # (`Table` / `1.`). A run of them, or a bullet, is markers: pypdf writes a page's markers
        # after its text, which may stop in mid-sentence, the sentence going on over the page.
        wrapped = len(run) == 1 and number is not None or first.group("bullet") == "–"
        # (Not after a heading's short line, which the number would have fitted on: a list's
        # first marker set beside its item, `6. References` / `1.` / `Highways Board…`; or the
        # next of the document's numbered paragraphs, troff setting its number on a line of its
        # own below the heading, `Workload in 2023` / `7.` / `In the calendar year…`.)
        if stuck is None and wrapped and before >= 0 and page[before] == page[run[0]] \
                and lines[before][0] == lines[run[0]][0] and not _ENDS_TEXT.search(text[before]) \
                and not (number is not None and (number == 1 or previous_number == number - 1)
                         and _heading_shaped(text[before], full) and fits(text[before], text[run[0]], full)):
            continue
        beside = None
        if len(run) == 1 and number is not None and previous_number != number - 1 \
                and not (before >= 0 and _INTRO.search(text[before])):
            # A lone number with nothing saying it is a list's: a folio, a quantity; but a list's
            # first number set beside its item's text (`References` / `1.` / `Highways Board…`).
            if number != 1 or stuck is not None \
                    or (beside := _beside(run, text, lines, page, full, used)) is None:
                continue
        # The run goes on with the numbers of a run before it (`20.` after `19.`): the list runs
        # on over a page end, and where the run's page shows no introduction it opens with items.
        # So does a run of the glyph that the run on the page before opened with (`•` `◦` `◦`,
        # then `•` `•`).
        runs_on = (number is not None and previous_number == number - 1) or (
            first.group("bullet") is not None and previous_bullet == (first.group("bullet"),
                                                                     page[run[0]] - 1))
        starts = beside or (None if stuck else _after(run, text, lines, page, full, used)
                            or _beside(run, text, lines, page, full, used)) \
            or _before(len(run), end, first, text, lines, page, full, used, paged=page[-1] > 0,
                       runs_on=runs_on, parents=_parents(run, marks.get),
                       ends_page=run[-1] + 1 == len(text) or page[run[-1] + 1] != page[run[-1]]) \
            or (None if stuck else _below(run, text, lines, page, full, used))
        if number is not None:
            previous_number = int(marks[_outer_last(run, marks.get)].group("number"))
        previous_bullet = (first.group("bullet"), page[run[0]]) if first.group("bullet") else None
        if starts is None:
            if stuck is not None:  # the marker stays on its line
                text[before] = strip_tokens(state.blocks[lines[before][0]].lines[lines[before][1]])
                glued.discard(before)
            state.diagnostics.info("list-markers-apart", _source_line(state, lines[run[0]]),
                                   f"{len(run)} list marker(s) printed apart from their items, "
                                   f"whose items were not found: kept where they are")
            if len(run) >= MIN_RUN_APART:
                apart.append([index for index in run if _LONE_MARKER.match(text[index])])
            continue
        for marker, item in zip(run, starts):
            markers[marker] = item
    if markers or apart:
        _rebuild(state, lines, text, markers, marks, glued, apart)
    return state


def _glued(text: list[str], lines: list[tuple[int, int]], page: list[int], index: int,
           lone: re.Match) -> re.Match | None:
    """The marker glued at the end of line `index` that the lone marker `lone` on the next line
    continues (same page, same block), if any."""
    if index < 0 or page[index] != page[index + 1] or lines[index][0] != lines[index + 1][0]:
        return None
    match = _GLUED_MARKER.match(text[index])
    return match if match and _follows(match, lone) else None


def _page_numbers(blocks: list[Block], lines: list[tuple[int, int]]) -> list[int]:
    number, pages, last_block = 0, [], -1
    for b, _ in lines:
        if b != last_block and blocks[b].page_break_before:
            number += 1
        last_block = b
        pages.append(number)
    return pages


def _runs(text: list[str], page: list[int]) -> list[list[int]]:
    """Runs of lone markers on one page: one bullet glyph repeated, or numbers that follow on;
    and a nested list's run, whose inner markers stand between two parts of its outer run
    (`1.` `2.` `◦` `◦` `3.`, `•` `◦` `◦` `•`: the extractor writes the markers in the
    items' order, the inner items' after the item they belong to)."""
    runs: list[list[int]] = []
    for index, line in enumerate(text):
        match = _LONE_MARKER.match(line)
        if not match:
            continue
        if runs and runs[-1][-1] == index - 1 and page[index] == page[index - 1] \
                and _follows(_LONE_MARKER.match(text[index - 1]), match):
            runs[-1].append(index)
        else:
            runs.append([index])
    return _nested(runs, text, page)


def _nested(runs: list[list[int]], text: list[str], page: list[int]) -> list[list[int]]:
    """Runs joined where one stands between two parts of another that follow on, on consecutive
    lines of one page: the outer run resumes after the inner one (a list nested in an item)."""
    def marker(index: int) -> re.Match:
        return _LONE_MARKER.match(text[index])

    def adjacent(above: list[int], below: list[int]) -> bool:
        return below[0] == above[-1] + 1 and page[below[0]] == page[above[-1]]

    out: list[list[int]] = []
    i = 0
    while i < len(runs):
        run, j = list(runs[i]), i + 1
        while j + 1 < len(runs) and adjacent(run, runs[j]) and adjacent(runs[j], runs[j + 1]) \
                and _follows(marker(_outer_last(run, marker)), marker(runs[j + 1][0])):
            run += runs[j] + runs[j + 1]
            j += 2
        # A bulleted list's last item holding a list of another glyph (`•`, then `◦` `◦`): the
        # glyph of a nested level. (After numbers a run of bullets is a list of its own.)
        if j < len(runs) and adjacent(run, runs[j]) and marker(run[0]).group("bullet") \
                and marker(runs[j][0]).group("bullet") \
                and not any(_kind(marker(index)) == _kind(marker(runs[j][0])) for index in run):
            run += runs[j]
            j += 1
        out.append(run)
        i = j
    return out


def _outer_last(run: list[int], marker) -> int:
    """The last marker of a run's outer list (of the same kind as its first marker); `marker`
    gives a line's marker (a match of _LONE_MARKER or _GLUED_MARKER)."""
    kind = _kind(marker(run[0]))
    return next(index for index in reversed(run) if _kind(marker(index)) == kind)


def _parents(run: list[int], marker) -> set[int]:
    """The positions in a nested run of the items an inner list follows: such an item may end in
    a colon (`…with its annexes on:`), which elsewhere is an introduction, no item."""
    kinds = [_kind(marker(index)) for index in run]
    return {position for position in range(len(run) - 1)
            if kinds[position] == kinds[0] and kinds[position + 1] != kinds[0]}


def _kind(match: re.Match) -> str:
    if match.group("bullet"):
        return match.group("bullet")
    return "letter" if match.groupdict().get("letter") else match.group("delim")


def lone_marker(line: str) -> bool:
    """Is `line` a list's marker alone (`•`, `3.`, `(b)`), printed apart from its item?"""
    return bool(_LONE_MARKER.match(strip_tokens(line)))


def continues_run(above: str, line: str) -> bool:
    """Is `line` a lone list marker that continues the lone marker `above` it (`•` under `•`,
    `4.` under `3.`)? Such a line at a page's edge is a list's marker, not a folio."""
    before, after = _LONE_MARKER.match(strip_tokens(above)), _LONE_MARKER.match(strip_tokens(line))
    return bool(before and after and _follows(before, after))


def _follows(before: re.Match, after: re.Match) -> bool:
    if before.group("bullet"):
        return before.group("bullet") == after.group("bullet")
    letters = before.groupdict().get("letter"), after.groupdict().get("letter")  # (a glued marker has none)
    if any(letters):
        return all(letters) and _letter_follows(*letters)
    return bool(after.group("number")) and after.group("delim") == before.group("delim") \
        and int(after.group("number")) == int(before.group("number")) + 1


_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman(figures: str) -> int:
    value = 0
    for figure, following in zip(figures, figures[1:] + " "):
        worth = _ROMAN[figure]
        value += -worth if _ROMAN.get(following, 0) > worth else worth
    return value


def _letter_follows(before: str, after: str) -> bool:
    """`(b)` after `(a)`, `(iv)` after `(iii)` (`(i)` may be either: the letter after `(h)`, the
    first Roman figure)."""
    if len(before) == 1 and len(after) == 1 and ord(after) == ord(before) + 1:
        return True
    return set(before + after) <= set(_ROMAN) and _roman(after) == _roman(before) + 1


def _marker_text(match: re.Match) -> str:
    """The marker as printed, without the space around it."""
    if match.groupdict().get("letter"):  # (a glued marker is never lettered)
        return f"({match.group('letter')})"
    return match.group("bullet") or match.group("number") + match.group("delim")


# The ways an item's end is told, tried in this order: by a line that closes a clause (items
# set in a narrower measure than the body end their wrapped lines with room to spare, so line
# length alone would cut them), then also by a line with room to spare for the next line's first
# word (items without closing punctuation), then by that alone.
MODES = ("clause", "both", "spare")


def _boundaries(indices: list[int], text: list[str], lines: list[tuple[int, int]], full: int,
                mode: str, colons: bool = True) -> set[int]:
    """The lines among `indices` (consecutive lines of one page) after which an item may end:
    the last line of a box (a blank line follows), a line before a line that opens an item, an
    introduction (its colon; unless `colons` is false), and as `mode` says a line that closes a clause and/or a line with room
    to spare (not one whose last word, cut by a hyphen, goes on below), unless its word spaces
    are stretched (a justified line is never an item's last)."""
    ends = set()
    for here, after in zip(indices, indices[1:]):
        line, following = text[here], text[after]
        if lines[here][0] != lines[after][0] or _opens(line, following) \
                or colons and _INTRO.search(line) or not _STRETCHED.search(line.strip()) and (
                    (mode != "spare" and _CLAUSE_END.search(line))
                    or (mode != "clause" and fits(line, following, full)
                        # (a line ending in a word cut by a hyphen, `sim-` / `ple`, goes on, and
                        # so does its item, however much room it has for the next line's half word)
                        and not (CUT_WORD.search(line.rstrip()) and following.lstrip()[:1].islower()))):
            ends.add(here)
    if indices:
        ends.add(indices[-1])
    return ends


def _opens(line: str, following: str) -> bool:
    """Does `following` open an item of its own? A bullet does; a number only after a line that
    closes its text (`pages 291–` / `300.` is a number wrapped to the line start)."""
    if not (_OPENS_ITEM.match(following) or _LONE_MARKER.match(following)):
        return False
    return not following.lstrip()[:1].isdigit() or bool(_ENDS_TEXT.search(line))


def _items(indices: list[int], text: list[str], ends: set[int]) -> list[list[int]]:
    items, current = [], []
    for index in indices:
        current.append(index)
        if index in ends:
            items.append(current)
            current = []
    return items


def _after(run: list[int], text: list[str], lines: list[tuple[int, int]], page: list[int],
           full: int, used: set[int]) -> list[list[int]] | None:
    """pdfminer's order: the run in a box of its own (blank lines around it), then a box holding
    exactly its items."""
    k = len(run)
    # The markers run on from the text before them: not a box of their own (`…survive for` /
    # `4.` `5.` / `1851 to 1866.`); unless that text introduces several (pdftotext's order for
    # markers drawn apart from their items: `…comme suit :` / `•` `•` / the items' box; one
    # marker alone is a tag set in the margin beside its item, `_beside`).
    ran_on = run[0] > 0 and lines[run[0] - 1][0] == lines[run[0]][0]
    if ran_on and not (len(run) > 1 and _INTRO.search(text[run[0] - 1])):
        return None
    if run[-1] + 1 < len(text) and lines[run[-1] + 1][0] == lines[run[-1]][0]:
        return None
    following = []
    index = run[-1] + 1
    while index < len(text) and page[index] == page[run[-1]] and index not in used \
            and not (following and _opens(text[index - 1], text[index])) \
            and not (not following and (_LONE_MARKER.match(text[index]) or _OPENS_ITEM.match(text[index]))):
        # (a number after a line that runs on into it, `pages 291–` / `300.`, is the item's text)
        following.append(index)
        index += 1
    if not following or not _ITEM_TEXT.match(text[following[0]]):
        return None
    # The items' box, or where it holds fewer items than the run has markers, the boxes that
    # follow it, one item or more each (groff's items, each set apart, give pdfminer a box each):
    # the fewest boxes whose items come out as many as the markers.
    boxes: list[list[int]] = []
    for i in following:
        if boxes and lines[i][0] == lines[boxes[-1][-1]][0]:
            boxes[-1].append(i)
        else:
            boxes.append([i])
    # (Several boxes only after text that ends before the run: a line running on into the run,
    # `…survive for` / `4.` `5.` / `1851 to 1866.`, goes on in the first box, which is no item.)
    # A heading naming a list's section (`Notes`) runs on into nothing either.
    ended = run[0] == 0 or bool(_ENDS_TEXT.search(text[run[0] - 1])) or _names_list_section(text[run[0] - 1])
    # Under a heading naming a section that is one list (`Notes`, `Bibliography`), a box after
    # the run that holds all its items is read as that section (_section_items).
    if run[0] > 0 and _names_list_section(text[run[0] - 1]):
        found = _section_items(boxes[0], k, text, full)
        if found is not None:
            used.update(boxes[0])
            return found
    # (After an introduction the markers ran on from, the one box after them holds the items.)
    for count in range(1, (min(len(boxes), k) if ended and not ran_on else 1) + 1):
        box = [i for part in boxes[:count] for i in part]
        # The box holds the items and nothing else: where its count does not come out with each
        # line-end colon an introduction, the colons are the items' own (`Five Years On:` / `Water…`).
        for colons in (True, False):
            for mode in MODES:
                items = _items(box, text, _boundaries(box, text, lines, full, mode, colons))
                if len(items) == k and all(_ITEM_TEXT.match(text[item[0]]) for item in items):
                    used.update(box)
                    return items
    return None


def _beside(run: list[int], text: list[str], lines: list[tuple[int, int]], page: list[int],
            full: int, used: set[int]) -> list[list[int]] | None:
    """pdftotext's order for an item whose marker the typesetter set apart in the margin, on the
    item's first baseline (troff's `.IP`): the lone marker closes a block (the text before it
    runs on into it, or it stands alone) and the next block, on the same page, is the item's
    text, up to a line that opens another item."""
    if len(run) != 1:
        return None
    marker = run[0]
    start = marker + 1
    if start >= len(text) or lines[start][0] == lines[marker][0] or page[start] != page[marker] \
            or start in used:
        return None
    if not _ITEM_TEXT.match(text[start]) or _LONE_MARKER.match(text[start]) \
            or _OPENS_ITEM.match(text[start]):
        return None
    item = [start]
    index = start + 1
    # The item ends with its block, before a line opening another, or after a line closing a
    # clause with room to spare for the next word (what follows is the page's text: its notes).
    while index < len(text) and lines[index][0] == lines[start][0] and index not in used \
            and not _opens(text[index - 1], text[index]) \
            and not (_CLAUSE_END.search(text[index - 1]) and fits(text[index - 1], text[index], full)):
        item.append(index)
        index += 1
    used.update(item)
    return [item]


def _before(k: int, end: int, first: re.Match, text: list[str], lines: list[tuple[int, int]],
            page: list[int], full: int, used: set[int], paged: bool,
            runs_on: bool = False, parents: set[int] = frozenset(),
            ends_page: bool = False) -> list[list[int]] | None:
    """pypdf's and pypdfium2's order: the items after an introduction earlier on the page, then
    (perhaps after more text) the run. Where the pages are not known (no page breaks), only
    items that end right before the run, or that follow the introduction nearest the run: the
    page the run belongs to is not known. The `k` items
    are sought among the page's lines above line `end`, whose first marker is `first`.

    These extractors write all of a page's markers after its text, so a lone marker above the
    run ends an earlier page whose end was not found (page ends inferred from folios miss some):
    the items are sought below it. Where the run continues that marker's numbering (`1.`, then
    `2.` `3.`), the list runs on over the page end and the page opens with its items; so it
    does where the run continues the numbers of a run on an earlier page (`runs_on`: `20.` after
    `19.`, pypdf having written the earlier page's markers before this page's text)."""
    # The markers right above the run are another list's on this page (pypdf writes a page's
    # runs one after another), not an earlier page's end.
    top = end
    while top > 0 and page[top - 1] == page[end] and _LONE_MARKER.match(text[top - 1]):
        top -= 1
    page_lines = [i for i in range(top) if page[i] == page[end] and i not in used]
    ended = [i for i in page_lines if _LONE_MARKER.match(text[i])]
    if ended:  # an earlier page's markers: this page starts below them
        page_lines = [i for i in page_lines if i > ended[-1]]
    # (An introduction whose items went to another run on this page is that list's.)
    intros = [i for i in page_lines if _INTRO.search(text[i]) and not _LONE_MARKER.match(text[i])
              and i + 1 not in used]
    # A page that opens with a heading (`References`), then the list; not the document's first
    # line, its title (`title_page`, which runs later, reads it; a title page holds no list).
    if page_lines and page_lines[0] > 0 and _heading_shaped(text[page_lines[0]], full):
        intros.append(page_lines[0])
    if ended and _follows(_LONE_MARKER.match(text[ended[-1]]), first):
        intros.append(ended[-1])  # the list runs on from the page above: the page opens with items
    elif runs_on and paged and page_lines and page_lines[0] > 0:
        intros.append(page_lines[0] - 1)  # the line before the page: the page opens with items
    # A section that is one list (`Notes`, `References`) whose lines run from its heading to the
    # run: its items are all those lines, told apart by where their sentences end.
    section = next((i for i in reversed(page_lines) if _names_list_section(text[i])), None)
    if section is not None and page_lines[-1] == end - 1 and ends_page:
        found = _section_items([i for i in page_lines if i > section], k, text, full)
        if found is not None:
            used.update(i for item in found for i in item)
            return found
    # Where the pages are not known, the introduction nearest the run may stand apart from it:
    # the page's text after the list comes between.
    nearest = max((i for i in intros if _INTRO.search(text[i])), default=None)
    for mode in MODES:
        for intro in intros:
            span = [i for i in page_lines if i > intro]
            if not span:
                continue
            items = _items(span, text, _boundaries(span, text, lines, full, mode))
            # (an introduction of the list's next part is skipped, not an item a nested list follows)
            found, position = _leading_items(items, k, text, full, lambda found, item: bool(
                _INTRO.search(text[item[-1]])) and len(found) not in parents)
            # The list ends where its last item does: what follows opens a sentence of its own.
            if not paged and found and found[-1][-1] != end - 1 and intro != nearest:
                continue
            if _whole(found, k, items, position, text):
                used.update(i for item in found for i in item)
                return found
    if not ends_page:  # pypdf's and pypdfium2's markers close their page's text
        return None
    return _last_on_page(k, end, text, lines, page_lines, full, used, parents)


def _below(run: list[int], text: list[str], lines: list[tuple[int, int]], page: list[int],
           full: int, used: set[int]) -> list[list[int]] | None:
    """pypdf's and pypdfium2's order for markers the typesetter drew before the page's text
    (WeasyPrint's lettered markers, `(a)` `(b)` `(c)`): the run opens its page, and its items
    follow the one introduction further down that page (a line ending in a colon), their ends
    told as `_before` tells them. None where the run does not open its page, where the page
    below it has no introduction or several (no telling which list is the run's), or where the
    introduction is not followed by as many items."""
    if run[0] > 0 and page[run[0] - 1] == page[run[0]]:
        return None
    page_lines = list(itertools.takewhile(lambda i: page[i] == page[run[0]],
                                          range(run[-1] + 1, len(text))))  # (pages count up)
    intros = [i for i in page_lines if _INTRO.search(text[i]) and not _LONE_MARKER.match(text[i])]
    if len(intros) != 1 or any(i in used or _LONE_MARKER.match(text[i]) for i in page_lines):
        return None
    span = [i for i in page_lines if i > intros[0]]
    for mode in MODES:
        items = _items(span, text, _boundaries(span, text, lines, full, mode))
        found, position = _leading_items(items, len(run), text, full)
        if _whole(found, len(run), items, position, text):
            used.update(i for item in found for i in item)
            return found
    return None


def _leading_items(items: list[list[int]], k: int, text: list[str], full: int,
                   skip=lambda found, item: False) -> tuple[list[list[int]], int]:
    """The first k items of `items` that are item-shaped, stopping at the first that is not
    (`skip`: items passed over), and the position after the last one looked at."""
    found: list[list[int]] = []
    for position, item in enumerate(items):
        if len(found) == k:
            return found, position
        if skip(found, item):
            continue
        if not _item_shaped(item, items[position + 1] if position + 1 < len(items) else None, text, full):
            return found, position
        found.append(item)
    return found, len(items)


def _whole(found: list[list[int]], k: int, items: list[list[int]], position: int, text: list[str]) -> bool:
    """All k items were found, and what follows them (if anything) opens a sentence of its own."""
    return len(found) == k and (position >= len(items) or _opens_sentence(text[items[position][0]]))


def _last_on_page(k: int, end: int, text: list[str], lines: list[tuple[int, int]],
                  page_lines: list[int], full: int, used: set[int],
                  parents: set[int]) -> list[list[int]] | None:
    """No introduction shows where the list starts, and the run closes the page, as these
    extractors write a page's markers: the page's text ends with the list (the run follows its
    last item), so its items are the last k pieces of the page's text that end with
    room to spare for the next line's first word (an item's end; never a line cut short by the
    measure), after a line that closes a sentence or a heading (`Installation took place in three
    phases.`, then three items, then `1.` `2.` `3.`)."""
    span = [i for i in page_lines if i < end]
    if not span or span[-1] != end - 1:
        return None
    items = _items(span, text, _boundaries(span, text, lines, full, "spare", colons=False))
    if len(items) <= k:
        return None
    found, before = items[-k:], items[-k - 1]
    if not (_ENDS_TEXT.search(text[before[-1]]) or _heading_shaped(text[before[-1]], full)):
        return None
    for position, item in enumerate(found):
        if (_INTRO.search(text[item[-1]]) and position not in parents) \
                or not _item_shaped(item, found[position + 1] if position + 1 < k else None,
                                    text, full):
            return None
    used.update(i for item in found for i in item)
    return found


def _names_list_section(line: str) -> bool:
    """Is the line the heading of a section that holds one list and nothing else: the notes
    (`Notes`, `Endnotes`) or the references (`References`, `Bibliography`)?"""
    name = _HEADING_NUMBER.sub("", line.strip()).rstrip(":").strip().casefold()
    return name in NOTES_HEADINGS or name in REFERENCE_HEADINGS


def _section_items(span: list[int], k: int, text: list[str], full: int) -> list[list[int]] | None:
    """The k items of a list that fills `span` (a notes or references section, its markers
    written apart from it): each ends where a line closes a sentence and the next opens one.
    Where more lines end so than the items need, the doubtful ones end none: a line that had no
    room for the next line's first word (`…next to the basin.` / `Together they take…`, a note of
    two sentences), first one closing at an initial or an abbreviation (`See K.` / `Wójcik, …`),
    then the fullest; a line with room to spare always ends an item (`…volume 2, appendix B.`).
    None where the count does not come out so, or two lines are as doubtful as each other."""
    if len(span) < k:
        return None
    following = dict(zip(span, span[1:]))
    ends = [here for here in span[:-1]
            if _CLOSES_SENTENCE.search(text[here]) and _opens_sentence(text[following[here]])]
    extra = len(ends) + 1 - k
    if extra < 0:
        return None
    if extra:
        doubt = {here: (bool(ABBREVIATION_END.search(text[here].rstrip())),
                        _overrun(text[here], text[following[here]], full)) for here in ends}
        crowded = sorted((here for here in ends if doubt[here][1] > 0), key=doubt.get, reverse=True)
        if len(crowded) < extra or (len(crowded) > extra and doubt[crowded[extra - 1]] == doubt[crowded[extra]]):
            return None
        dropped = set(crowded[:extra])
        ends = [here for here in ends if here not in dropped]
    found = _items(span, text, set(ends) | {span[-1]})
    if len(found) != k or not all(_item_shaped(item, None, text, full) for item in found):
        return None
    return found


def _overrun(line: str, following: str, full: int) -> int:
    """By how many letters the line and the next line's first word overrun a full line (word
    spaces single; a line holding several printed lines measured by its last, as `fits` does)."""
    length = len(_SPACES.sub(" ", line.strip()))
    while length > JOINED_LINE_SHARE * full:
        length -= full
    word = following.split(None, 1)[0] if following.strip() else ""
    return length + 1 + len(word) - full


def _item_shaped(item: list[int], following: list[int] | None, text: list[str], full: int) -> bool:
    """Can these lines be a list's item: opening with its text (no marker of its own, no
    punctuation left over from another line), and no heading over its paragraph?"""
    first = text[item[0]]
    return not (_LONE_MARKER.match(first) or _OPENS_ITEM.match(first)) \
        and bool(_ITEM_TEXT.match(first)) and not _heads(item, following, text, full)


def _heads(item: list[int], following: list[int] | None, text: list[str], full: int) -> bool:
    """Is the item's first line a heading over a paragraph rather than an item: a heading-shaped
    line with room to spare for the next line's first word, which opens a sentence of several
    lines (`Meters` / `The meters are ultrasonic devices…`)? A list's short items stand among
    short items: a short item and then a paragraph-long one is a heading and its text."""
    head = text[item[0]]
    if not _heading_shaped(head, full):
        return False
    rest = item[1:] or (following or [])
    return len(rest) > 1 and _opens_sentence(text[rest[0]]) and fits(head, text[rest[0]], full) \
        and not _heading_shaped(text[rest[0]], full)


def _heading_shaped(line: str, full: int) -> bool:
    text = line.strip()
    return bool(text) and len(text) <= MAX_HEADING_SHARE * full and not _ENDS_TEXT.search(text) \
        and (text[:1].isupper() or text[:1].isdigit())


def _opens_sentence(line: str) -> bool:
    first = line.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in "“\"‘'(["


def _source_line(state: State, where: tuple[int, int]) -> int:
    block = state.blocks[where[0]]
    return block.start + where[1]


def _rebuild(state: State, lines: list[tuple[int, int]], text: list[str],
             markers: dict[int, list[int]], marks: dict[int, re.Match], glued: set[int],
             apart: list[list[int]] = ()) -> None:
    """Each marker joins its item's first line; each item becomes a block of its own, and the
    text after an item's last line opens a new block. A glued marker leaves its line's end. A
    run of markers whose items were not found (`apart`) stays where it is, a block of its own:
    the lines around it are no item of its, and a heading below it (`(a)` `(b)` `(c)` / `2
    Summary of Findings`, pypdf writing a page's lettered markers above its text) opens a block
    as a heading does, instead of running on from the markers."""
    prefix = {item[0]: marks[marker] for marker, item in markers.items()}
    lasts = {item[-1] for item in markers.values()}
    opens = {edge for run in apart if run for edge in (run[0], run[-1] + 1)}
    for marker, item in sorted(markers.items()):
        printed = marks[marker].group("marker") if marker in glued else text[marker].strip()
        state.audit.change("list_markers", _source_line(state, lines[marker]), printed,
                           f"joined to its item on line {_source_line(state, lines[item[0]])}")
    out: list[Block] = []
    position = 0
    page_break = False  # a page break whose first lines were markers moves to what follows
    after_item = False  # the line after an item's last (markers aside) opens a block
    for block in state.blocks:
        pieces: list[Block] = []
        page_break = page_break or block.page_break_before
        for offset, raw in enumerate(block.lines):
            index = position + offset
            if index in markers and index not in glued:
                continue
            if index in glued:
                raw = _GLUED_END.sub("", raw, count=1)
            if index in prefix:
                match = prefix[index]
                raw = f"{_marker_text(match)} {raw.lstrip()}"
            if not pieces or index in prefix or after_item or index in opens:
                piece = Block([raw], block.start + offset, block.start + offset, block.kind,
                              page_break_before=page_break)
                page_break = False
                pieces.append(piece.carry(block) if not pieces else piece)
                piece.item = index in prefix
            else:
                pieces[-1].lines.append(raw)
                pieces[-1].end = block.start + offset
            after_item = index in lasts
        position += len(block.lines)
        out.extend(pieces)
    state.blocks = out
