"""Pages of a reading-order export whose two columns the extractor merged by height, notes and all.

A design that sets each column's notes at the foot of that column, and no line across the page,
gives an extractor nothing to tell the columns apart by: `pdftotext` (without `-layout`) writes
the page's blocks as they stand from top to bottom, the left column's and the right column's
taken in turn, down to the notes, whose lines alternate too (`5 The quarry…` / `13 The mail…` /
`workings.`). Its runs of lines (parted by blank lines) may even hold a block of each column.

Each column is a sequence of the export's pieces in the export's order, so the page is read again
by giving each piece a column, left or right (a beam search over the pieces in the export's
order), and writing the left column's text, the right column's, and then the notes of both, as
a page set in one column stands. The choice is made by the text's own evidence:

- note calls count up through the page, the left column's before the right's; a note is defined
  below the column that calls it, and the definitions count up; a line of the notes that opens
  none goes on with the note left unfinished in its column (even one the extractor wrote late);
- a piece opening in lower case goes on with the sentence its column's piece above it left open
  (the left column's last sentence may go on at the top of the right column);
- numbered headings (`2.2.1 Sizing`, `Chapter 3: …`, `IV. Method`) and the headings of a printed
  contents list come in their order; a heading or a list's marker never ends a column;
- and, only to choose between readings the evidence finds equally good, the merge itself: a
  piece's top is the height of the pieces above it in its column (the notes of both columns end
  level at the page's foot), and the export lists the pieces by their tops.

The export's own order is judged the same way, read as one column or as two cut at any piece
(an extractor that reads column by column). A document is read again only when most of its pages
break the evidence at least MIN_BREAKS times even so (MIN_MERGED_SHARE), and a page only when the
reading found leaves at most MAX_LEFT_SHARE of its breaks and adds no weak one; otherwise the
extractor's order is kept, and so is a page that reading_order (which runs first, and leaves a
page whose notes' definitions stand amid its blocks) read again. Nothing is dropped or repeated:
every line is written once, with the number of the source line it came from.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from .lazy_re import lazy_compile
from .model import SENTENCE_END, State
from .reflow import MIN_WRAPPED_SHARE
from .reading_order import _TRAILING_CALL, _furniture_key, _is_folio, _key, _note_number, paged_text

# The export's order must break the evidence at least this many times (note calls or numbered
# headings going back, a lower-case opening after a finished sentence): one break may be a
# misread number or a quotation; two say the page is out of order.
MIN_BREAKS = 2
# A document is read so only when at least this share of its pages (of three pieces or more)
# break the evidence so in the export's order.
MIN_MERGED_SHARE = 0.5
# A page of fewer pieces than this (a title page, a short last page) has too little to judge by.
MIN_PAGE_PIECES = 6
# The reading found must leave at most this share of the export's breaks (and add no weak ones),
# or the export's order is kept: a page merged by height breaks the evidence at every other
# piece, and reading it as two columns mends nearly all; a page in order breaks it only where a
# number was misread, which a reading as two columns cannot mend but only trade.
MAX_LEFT_SHARE = 0.2
# A page with more pieces than this is left as it is (the search grows with them).
MAX_PIECES = 80
# How many partial readings the search keeps at each piece (the best by cost).
BEAM = 96
# A page's edge holds at most this many lines of furniture (a head, a foot, a folio).
MAX_EDGE_LINES = 3
# A line of a heading is short: at most this many words, and this share of the column's measure.
MAX_HEADING_WORDS = 10
MAX_HEADING_SHARE = 0.8
# A paragraph's last line stops short of the measure; such a line ending a sentence, followed by
# one opening in upper case, ends a piece even without a blank line after it.
SHORT_LINE_SHARE = 0.8
# Heights, in lines of text: a heading stands with space above it; pieces are parted by a little.
HEADING_SPACE = 1.0
PIECE_SPACE = 0.4
# How many lines one piece's top may stand above the top of the piece the export wrote before it
# (in the other column) before the order of the export counts against the reading (lines of
# different sizes, and the estimate of each piece's height, drift).
TOP_TOLERANCE = 1.5
# A break of positive evidence weighs more than any amount of disorder; a weak one (a sentence left
# open before a piece that does not go on with it) less, but more than a page's disorder.
STRONG_WEIGHT = 10000.0
WEAK_WEIGHT = 300.0
# A line of difference between the columns' heights weighs this many lines of disorder.
BALANCE_WEIGHT = 0.1
# Pieces of one run of lines mostly stand in one column (the extractor joined them as one block);
# sometimes a run holds a block of each (a heading level with the other column's paragraph). Giving
# them different columns counts as this many lines of disorder.
RUN_SPLIT = 6.0
# A note's definition's lines that the export wrote apart, going on with it at the top of the next
# column's notes (troff carries a long note over), are few: a piece of more lines, without a call, is
# a column's text.
MAX_TAIL_LINES = 3

# A numbered heading: `2.2.1 Sizing`, `3. Monitoring`, `Chapter 4: Decline`, `IV. Method`.
_NUMBERED = lazy_compile(r"^(?:(?:Chapter|Part|Section|Appendix)\s+)?(\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5}(?=[.:]))\.?:?\s+[^\W\d_]")
_ROMAN = {"I": 1, "V": 5, "X": 10}
# A note call flattened to digits after a word's punctuation (`roads.3`, `newspaper."15`,
# `traffic. 14`) or a year's (`in 2019.1 It`), not a decimal's (`3.4 radiators`, `1.1 Questions`).
_CALL = lazy_compile(r"(?:(?<=[^\W\d_][.,;:!?])|(?<=[.,;:!?][”’\"')\]])|(?<=\d{4}[.,]))\s?(\d{1,3})(?=\s|$)")
_OPENS_LOWER = lazy_compile(r"^[“‘\"'(]?[a-z]")
# A short word in lower case with its stop ends a line without ending a sentence (`pp.`, `ed.`).
_ABBREVIATION = lazy_compile(r"(?:^|\s)[a-z]{1,3}\.$")


@dataclass
class _Piece:
    lines: list[str]
    numbers: list[int]
    run: int  # the run of lines (between blank lines) it comes from
    index: int  # its place in the export's order
    joined: bool = False  # the export wrote it in the run of lines of the piece before it
    head: bool = False  # the page's first line, which heads other pages too
    opens_lower: bool = False
    goes_on: bool = False  # may go on with a sentence (opens in lower case, with a figure, a mark)
    ends_open: bool = False  # stops mid-sentence
    calls: tuple[int, ...] = ()
    note: int | None = None  # the note whose definition it opens
    heading: bool = False
    numbering: tuple[int, ...] | None = None
    contents: int | None = None  # its place in the printed contents list
    height: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class _Column:
    pieces: tuple[int, ...] = ()
    height: float = 0.0  # of its text
    foot_height: float = 0.0  # of its notes
    top: float = -1.0  # the top of its last piece (in its text, or in its notes)
    last_call: int = 0
    last_note: int = 0
    numbering: tuple = (None, None)  # the last heading numbered in figures, and in Roman ones
    contents: int | None = None
    foot: bool = False  # its notes have begun
    open_: bool | None = None  # how its last piece ended (None: no piece yet)
    last_text: int | None = None  # its last piece above the notes
    calls: frozenset = frozenset()
    marker: bool = False  # its last piece is a list's marker printed apart (`•`, `1.`)
    waiting: int | None = None  # a note of its foot left unfinished, the line going on with it to come
    attached: tuple[tuple[int, int], ...] = ()  # (piece, the note it goes on with) out of the export's order


@dataclass
class _Reading:
    left: _Column
    right: _Column
    strong: int = 0
    weak: int = 0
    disorder: float = 0.0  # (while the search goes: the text's tops only)
    splits: int = 0  # pieces of one run of the export's lines given different columns

    @property
    def cost(self) -> float:
        return STRONG_WEIGHT * self.strong + WEAK_WEIGHT * self.weak + self.disorder


def merged_columns(state: State) -> State:
    paged = paged_text(state)
    if paged is None:
        return state
    lines, pages, contents, furniture = paged.lines, paged.pages, paged.contents, paged.furniture
    # the lines heading more than one page exactly as they stand
    firsts = Counter(next((line.replace("\f", "").strip() for line, _ in page if line.replace("\f", "").strip()), "")
                     for page in pages)
    heads = {line for line, count in firsts.items() if line and count >= 2}
    lengths = [len(line.replace("\f", "").strip()) for line in lines if line.replace("\f", "").strip()]
    measure = float(statistics.median(lengths)) if lengths else 0.0
    if not measure or not _hard_wrapped(lines):
        return state
    merged = _merged_document(pages, furniture, heads, contents, measure)
    out_lines: list[str] = []
    out_numbers: list[int] = []
    read_again: list[int] = []
    notes_moved: list[int] = []
    printed: set[str] = set()  # the keys of the lines of the pages before
    previous_open: bool | None = None
    for index, page in enumerate(pages):
        result = _read_page(page, furniture, heads, contents, measure, previous_open) if merged else None
        changed = False
        if result is not None:
            page, previous_open, changed = result
            if changed:
                read_again.append(page[0][1])
        if not changed:
            following = pages[index + 1] if index + 1 < len(pages) else None
            moved = _column_notes(page, following, furniture, heads, contents, measure, printed)
            if moved is not None:
                page = moved
                notes_moved.append(page[0][1])
        out_lines.extend(line for line, _ in page)
        out_numbers.extend(number for _, number in page)
        printed.update(_key(line) for line, _ in page)
    if not read_again and not notes_moved:
        return state
    # (a page that ended on the line the next one opens, `…Service\f1 Purpose…`, ends there again)
    for at in range(len(out_lines) - 1, 0, -1):
        if out_lines[at].startswith("\f") and out_numbers[at] == out_numbers[at - 1]:
            out_lines[at - 1] += out_lines.pop(at)
            out_numbers.pop(at)
    state.text = "\n".join(out_lines)
    state.line_numbers = out_numbers
    if read_again:
        state.diagnostics.info(
            "columns-merged", read_again[0],
            f"{len(read_again)} page(s) whose two columns (and their notes) the export merged line by "
            "line were read left column then right, by note calls, sentence continuity and headings")
    if notes_moved:
        state.diagnostics.info(
            "columns-notes-moved", notes_moved[0],
            f"{len(notes_moved)} page(s) read column by column, the left column's notes at its "
            "foot amid the page's text, had those notes moved below the right column's text, "
            "by note calls and sentence continuity")
    return state


def _column_notes(page, following, furniture, heads, contents, measure,
                  printed: set[str]) -> list[tuple[str, int]] | None:
    """The page with its left column's notes moved below the right column's text, when the export
    read it column by column, each column's notes at its foot (pdfminer, pypdfium2 and pypdf on
    troff's two-column pages): a run of definitions counting up, each called in the text above it,
    then text that plainly is the right column's (it calls the notes defined below it, counting on
    from the run, or it goes on with the sentence the left column's text left open where the run's
    last note is finished), then the right column's notes counting on. None when the evidence is
    not so plain: the page is left as it is."""
    lines, pieces = _page_pieces(page, furniture, heads, contents, measure, note_cuts=True)
    if len(pieces) < 3 or len(pieces) > MAX_PIECES:
        return None
    numbers = [number for _, number in page]
    if any(b < a for a, b in zip(numbers, numbers[1:])):
        return None  # a page an earlier pass read again is left as it stands
    start = next((i for i, p in enumerate(pieces) if p.note is not None), None)
    if not start:
        return None  # (no notes, or no text above them)
    above = {call for p in pieces[:start] for call in p.calls}
    # the left column's notes: definitions counting up from the first, each called above them,
    # with the lines of a note boxed apart from its definition (they go on with it)
    run: list[int] = []
    at = start
    while at < len(pieces):
        piece = pieces[at]
        if piece.note is not None:
            if piece.note not in above or (run and piece.note != run[-1] + 1):
                break
            run.append(piece.note)
        elif not _tail(piece, pieces[at - 1]):
            break
        at += 1
    cut = at
    if cut == len(pieces) or pieces[cut].note is not None:
        return None  # the notes end the page (or a note off the count follows): no text after them
    # The right column's notes count on from the left's (a page without them may be two pages
    # whose break the export left out: a later page's text, not the right column's, may follow)
    end = next((i for i in range(cut, len(pieces)) if pieces[i].note is not None), len(pieces))
    if end == len(pieces) or pieces[end].note != run[-1] + 1:
        return None
    left_end = pieces[start - 1]
    last_note = pieces[cut - 1]
    # (the page's folio written amid its text, pdfminer's `1` alone below the left column's
    # notes, goes to the page's foot)
    folios = [i for i in range(cut, end) if len(pieces[i].lines) == 1 and pieces[i].lines[0].strip().isdigit()]
    if folios:
        if folios != list(range(cut, cut + len(folios))) or cut + len(folios) == end:
            return None
        cut += len(folios)
    text = pieces[cut:end]
    # (a number after an abbreviation's stop reads as a call too: `No. 4 in the list`)
    calls = [call for p in text for call in p.calls if call > run[-1]]
    if len(calls) <= sum(1 for p in text for call in p.calls if call <= run[-1]):
        calls = []  # the left column's notes called below them as often: no column's text
    # the right column's text, plainly: its calls are of the notes below it, or it goes on with
    # the left column's last sentence where the left's last note is finished
    goes_on = left_end.ends_open and text[0].opens_lower and not last_note.ends_open
    if not calls and not goes_on:
        return None
    # A note the left column leaves unfinished goes on at the top of the right column's notes,
    # where the export may write its lines above the first definition (pdfminer boxes them apart):
    # the pieces going on there, no call in them, finish it, unless the right column's text is what
    # they go on with (its last sentence open, and the next page not going on with it).
    tail = end
    if last_note.ends_open:
        while tail - 1 > cut and _going_on(pieces[tail - 1], MAX_PIECES):
            tail -= 1
        if tail < end and pieces[tail - 1].ends_open \
                and not _next_goes_on(following, furniture, heads, contents, measure):
            tail = end
    # The right column's first line, standing higher than the heading opening the left column,
    # may come right after that heading (pdfminer: `Couriers` / `priorities.5` / the running head):
    # a piece going on with the left column's last sentence, calling a note of the right column's.
    lead = [i for i in range(1, min(start - 1, MAX_EDGE_LINES)) if pieces[i - 1].heading
            and pieces[i].opens_lower and pieces[i].calls and min(pieces[i].calls) > run[-1]]
    lead = lead[:1] if left_end.ends_open else []
    # ... and the running head may come after both (a line of words at the edge of other pages):
    # it heads the page again. (A chapter's head repeats the heading printed where it opens.)
    head = [i for i in range(1, min(start, MAX_EDGE_LINES + 1)) if lead and i > lead[0]
            and len(pieces[i].lines) == 1 and (pieces[i].lines[0].strip() in heads
                                               or _edge_furniture(pieces[i].lines[0], furniture)
                                               or pieces[i].heading and _key(pieces[i].lines[0]) in printed)][:1]
    order = head + [i for i in range(start) if i not in lead + head] + lead + list(range(cut, tail)) \
        + [i for i in range(start, cut) if i not in folios] + list(range(tail, len(pieces))) + folios
    # (the left column's last sentence going on at the top of the right one is one paragraph)
    joined = {tail} if tail < end else set()
    if left_end.ends_open and (lead or text[0].goes_on):
        joined.add(lead[0] if lead else cut)
    return _write_order(page, lines, pieces, order, joined)


def _tail(piece: _Piece, before: _Piece) -> bool:
    """Whether a piece may be the rest of a note boxed apart from it, right below it."""
    return before.ends_open and _going_on(piece)


def _going_on(piece: _Piece, most: int = MAX_TAIL_LINES) -> bool:
    """At most `most` lines going on with a sentence, no call, no heading: a note's rest, maybe."""
    return piece.goes_on and not piece.calls and not piece.heading and len(piece.lines) <= most


def _next_goes_on(following, furniture, heads, contents, measure) -> bool | None:
    """Whether the next page's text opens going on with a sentence (None: no text, no page)."""
    if following is None:
        return None
    _, after = _page_pieces(following, furniture, heads, contents, measure)
    text = [p for p in after if p.note is None and not p.head]
    return text[0].opens_lower if text else None


def _write_order(page, lines, pieces: list[_Piece], order: list[int], joined: set[int]) -> list[tuple[str, int]]:
    """The page with its pieces in `order`, a blank line between two pieces unless they were one
    run of the export's lines, or the later one goes on with the note before it (`joined`)."""
    feed = page and page[0][0].startswith("\f")
    body: list[tuple[str, int]] = []
    for at, index in enumerate(order):
        piece = pieces[index]
        if at and index not in joined and not (order[at - 1] == index - 1 and pieces[index - 1].run == piece.run):
            body.append(("", piece.numbers[0]))
        body.extend(zip(piece.lines, piece.numbers))
    # the lines before the first piece and after the last one stay where they are
    start = min(i for p in pieces for i in _spans(lines, p))
    end = max(i for p in pieces for i in _spans(lines, p)) + 1
    new_page = lines[:start] + body + lines[end:]
    if feed:
        new_page[0] = ("\f" + new_page[0][0], new_page[0][1])
    return new_page


def _kept(pieces: list[_Piece], previous_open: bool | None) -> _Reading:
    """The export's own order read as one column, or as two whose left one ends at some piece
    (an extractor that reads column by column): the reading of it that breaks least evidence."""
    whole = _follow(pieces, [False] * len(pieces), previous_open)
    if whole.strong < MIN_BREAKS:
        return whole
    return min([whole] + [_follow(pieces, [False] * k + [True] * (len(pieces) - k), previous_open)
                          for k in range(1, len(pieces))], key=lambda r: (r.strong, r.weak))


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether the export keeps its printed lines: at least reflow's MIN_WRAPPED_SHARE of its
    lines stand in runs of several. An export that writes each paragraph on one line (runs of
    one line, parted by blank lines) kept no printed line, so no column: its order is the text's."""
    in_runs = run = total = 0
    for line in lines:
        if line.replace("\f", "").strip():
            run += 1
            total += 1
            continue
        in_runs += run if run > 1 else 0
        run = 0
    in_runs += run if run > 1 else 0
    return in_runs >= MIN_WRAPPED_SHARE * total


def _merged_document(pages, furniture, heads, contents, measure) -> bool:
    """Whether the export merged the columns of most of its pages: a page in order may break the
    evidence where a number is misread, or where pages were inferred and notes stand amid one;
    a document merged by height breaks it on most pages (MIN_MERGED_SHARE)."""
    merged = text_pages = 0
    previous_open: bool | None = None
    for page in pages:
        _, pieces = _page_pieces(page, furniture, heads, contents, measure)
        if not pieces or len(pieces) > MAX_PIECES:
            continue
        kept = _kept(pieces, previous_open)
        previous_open = _text_end(kept, pieces)
        if len(pieces) >= MIN_PAGE_PIECES:
            text_pages += 1
            merged += kept.strong >= MIN_BREAKS
    return merged > 0 and merged >= MIN_MERGED_SHARE * text_pages


def _read_page(page, furniture, heads, contents, measure, previous_open):
    """(the page's lines in reading order, whether its text ends mid-sentence, whether the order
    changed), or None when the page has no text to read."""
    lines, pieces = _page_pieces(page, furniture, heads, contents, measure)
    if not pieces:
        return None
    numbers = [number for _, number in page]
    if any(b < a for a, b in zip(numbers, numbers[1:])):
        return page, None, False  # a page an earlier pass read again is left as it stands
    if len(pieces) > MAX_PIECES:
        return page, None, False
    kept = _kept(pieces, previous_open)
    ends_open = _text_end(kept, pieces)
    if len(pieces) < 3 or kept.strong < MIN_BREAKS:
        return page, ends_open, False
    best = _search(pieces, previous_open)
    if best is None or best.strong > MAX_LEFT_SHARE * kept.strong or best.weak > kept.weak:
        return page, ends_open, False
    new_page = _write(page, lines, pieces, best)
    if new_page is None:
        return page, ends_open, False
    return new_page, _text_end(best, pieces), True


def _write(page, lines, pieces: list[_Piece], best: _Reading) -> list[tuple[str, int]] | None:
    """The page as one column's would stand: the left column's text, the right one's, then the
    notes of both at the foot (the sentence the left column cuts goes on right after it); None
    when that is the export's order already."""
    foot = {i for column in (best.left, best.right) for i in column.pieces if _in_foot(column, i, pieces)}
    left, right = _in_order(best.left), _in_order(best.right)
    order = [i for i in left if i not in foot] + [i for i in right if i not in foot] \
        + [i for i in left if i in foot] + [i for i in right if i in foot]
    if order == list(range(len(pieces))):
        return None
    # (a line of the notes that opens none is written with the note it goes on with)
    goes_on = {index for at, index in enumerate(order)
               if at and index in foot and pieces[index].note is None and order[at - 1] in foot}
    return _write_order(page, lines, pieces, order, goes_on)


def _page_pieces(page, furniture, heads, contents, measure,
                 note_cuts: bool = False) -> tuple[list[tuple[str, int]], list[_Piece]]:
    """The page's lines (without form feeds) and the pieces of its text between its folios
    (`note_cuts`: see _pieces)."""
    lines = [(line.replace("\f", ""), number) for line, number in page]
    filled = [i for i, (line, _) in enumerate(lines) if line.strip()]
    if not filled:
        return lines, []
    first, last = filled[0], filled[-1]
    top_end, foot_start = first, last + 1
    # A folio heading the page stays there; a line that heads other pages too is a running head
    # there, or (heads that name the chapter) the chapter's heading where it opens, which may be
    # at the top of the right column: it moves only on the evidence of headings in order.
    head: bool | None = None  # (True: a head that names its chapter, the same on another page)
    # (a line at the page's edge that another line of the page prints again is a running head
    # that names the page's chapter or section)
    keys = Counter(key for key in (_key(lines[i][0]) for i in filled) if any(c.isalpha() for c in key))
    if _folio(lines[first][0]):
        top_end = first + 1
    elif _edge_furniture(lines[first][0], furniture) or keys[_key(lines[first][0])] > 1:
        head = lines[first][0].strip() in heads
    # the folio and running foot (or a head that an extractor wrote last) below the text
    ends = [i for i in filled if i >= top_end]
    while len(ends) > 1 and filled[-1] - ends[-1] < MAX_EDGE_LINES and (
            _folio(lines[ends[-1]][0]) or _edge_furniture(lines[ends[-1]][0], furniture)
            or keys[_key(lines[ends[-1]][0])] > 1):
        foot_start = ends.pop()
    return lines, _pieces(lines, top_end, foot_start, contents, measure, head, note_cuts)


def _edge_furniture(line: str, furniture: set[str]) -> bool:
    """A line of words that stands at the edge of other pages too (figures aside)."""
    key = _furniture_key(line)
    return bool(key) and key in furniture


def _folio(line: str) -> bool:
    """A short line with a number (`7`, `Page 7 of 30`), not a numbered heading (`Chapter 2: Costs`)."""
    return _is_folio(line.strip()) and not _NUMBERED.match(line.strip())


def _in_order(column: _Column) -> list[int]:
    """The column's pieces, each line of the notes written late back below the note it goes on with."""
    moved = dict(column.attached)
    order = [i for i in column.pieces if i not in moved]
    for piece, note in column.attached:
        at = order.index(note) + 1
        while at < len(order) and order[at] in moved:
            at += 1
        order.insert(at, piece)
    return order


def _spans(lines, piece: _Piece) -> list[int]:
    numbers = set(piece.numbers)
    return [i for i, (_, number) in enumerate(lines) if number in numbers]


def _strip_call(line: str) -> str:
    return _TRAILING_CALL.sub("", line.strip())


def _text_end(reading: _Reading, pieces: list[_Piece]) -> bool | None:
    """Whether the page's text (above its notes) ends mid-sentence, read so."""
    last = reading.right.last_text if reading.right.last_text is not None else reading.left.last_text
    return None if last is None else pieces[last].ends_open


def _heading_shaped(line: str, measure: float) -> bool:
    """Short, opening in upper case or with its number."""
    text = line.strip()
    if not text or len(text.split()) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_SHARE * measure:
        return False
    return text[0].isupper() or bool(_NUMBERED.match(text))


def _ends_punctuated(text: str) -> bool:
    return text.rstrip()[-1:] in ".,;:!?”’\"')]" if text.strip() else False


def _is_heading_line(lines: list[str], at: int, measure: float) -> bool:
    """A line alone in a heading's shape, not wrapped on into the next (which opens in lower case)."""
    text = lines[at].strip()
    if not text or _ends_punctuated(_strip_call(text)) or _strip_call(text) != text:
        return False
    if not _heading_shaped(text, measure):
        return False
    following = lines[at + 1].strip() if at + 1 < len(lines) else ""
    return not _OPENS_LOWER.match(following)


def _pieces(lines, top_end: int, foot_start: int, contents, measure: float, head: bool | None,
            note_cuts: bool = False) -> list[_Piece]:
    """The page's text between its furniture cut into pieces: its runs of lines, each cut again
    before a note's definition and around a heading, and after a paragraph's short last line;
    with `note_cuts`, also where a note's text plainly stops (a column read column by column)."""
    runs: list[list[int]] = []
    for index in range(top_end, foot_start):
        if lines[index][0].strip():
            if not runs or index - 1 < top_end or not lines[index - 1][0].strip():
                runs.append([])
            runs[-1].append(index)
    # the numbers called on the page so far (a note is defined below its call)
    pieces: list[_Piece] = []
    called: set[int] = set()
    # where each number opening a line stands: a note's text calls no note defined below it, so a
    # line calling one after a definition is the text going on (pypdfium2 writes the right
    # column's first line right below the left column's last note: `4 Lindqvist…` / `priorities.5`)
    openers: dict[int, int] = {}
    for index in range(top_end, foot_start):
        number = _note_number(lines[index][0])
        if number:
            openers[number] = index
    for run_index, run in enumerate(runs):
        run_texts = [lines[i][0].strip() for i in run]
        cuts = [0]
        note: int | None = None  # the note whose definition opens the piece being cut
        for at in range(1, len(run)):
            before, line = run_texts[at - 1], run_texts[at]
            if at - 1 == cuts[-1]:
                note = _note_number(before) or None
            number = _note_number(line)
            definition = number is not None and number > 0 and number in called \
                and not _is_heading_line(run_texts, at, measure)
            # (and a note's next sentence opens in upper case: `…twelve hours.` / `2023. Buffer…`;
            # an abbreviation's stop is none: `(Copenhagen, 1994), pp.` / `112–140.`)
            calling_below = note_cuts and note is not None and (any(
                note < call and openers.get(call, -1) > run[at] for call in
                (int(m.group(1)) for m in _CALL.finditer(line)))
                or bool(SENTENCE_END.search(_strip_call(before)) and not _ABBREVIATION.search(before)
                        and not line.lstrip("“‘\"'(")[:1].isupper()))
            if definition or calling_below or (head is not None and run_index == 0 and at == 1) \
                    or _is_heading_line(run_texts, at - 1, measure) \
                    or (_is_heading_line(run_texts, at, measure) and SENTENCE_END.search(_strip_call(before))) \
                    or (SENTENCE_END.search(_strip_call(before)) and len(before) < SHORT_LINE_SHARE * measure
                        and line[:1].isupper()):
                cuts.append(at)
            called.update(int(m.group(1)) for m in _CALL.finditer(before))
        called.update(int(m.group(1)) for m in _CALL.finditer(run_texts[-1]))
        cuts.append(len(run))
        for a, b in zip(cuts, cuts[1:]):
            pieces.append(_Piece([lines[i][0] for i in run[a:b]], [lines[i][1] for i in run[a:b]],
                                 run_index, len(pieces), joined=a > 0))
    defined: set[int] = set()
    seen: set[int] = set()
    for piece in pieces:
        _read_piece(piece, contents, measure, seen)
        for line in piece.lines:
            seen.update(int(m.group(1)) for m in _CALL.finditer(line))
        if piece.note is not None:
            defined.add(piece.note)
    if head is not None:
        # A running head naming the chapter stands above a page of that chapter: one numbered
        # after a heading of the page (not printed again below it) is that heading, which the
        # merge wrote first: the top of the right column. (A head whose number changes from page
        # to page carries the folio: its number is no heading's.)
        first = pieces[0]
        if not head:
            first.numbering = None
        later = [p.numbering for p in pieces[1:] if p.numbering is not None]
        displaced = first.numbering is not None \
            and any(n[0] == first.numbering[0] and n < first.numbering for n in later) \
            and first.numbering not in later
        first.head = not displaced
    for piece in pieces:  # a call is a number the page defines as a note
        piece.calls = tuple(c for c in piece.calls if c in defined)
    return pieces


def _read_piece(piece: _Piece, contents, measure: float, called: set[int]) -> None:
    lines = [line.strip() for line in piece.lines]
    first, last = lines[0], _strip_call(lines[-1])
    number = _note_number(first)
    if number is not None and number > 0 and number in called and not _is_heading_line(lines, 0, measure):
        piece.note = number
    piece.heading = piece.note is None and len(lines) == 1 and _is_heading_line(lines, 0, measure)
    if piece.heading:
        key = _key(first)
        piece.contents = contents.get(key)
        match = _NUMBERED.match(first)
        if match:
            piece.numbering = _numbering(match.group(1))
    elif piece.note is None and contents:
        for count in (1, 2):  # a heading of the contents list printed on its block's first line(s)
            if len(lines) > count and _key(" ".join(lines[:count])) in contents:
                piece.contents = contents[_key(" ".join(lines[:count]))]
                break
    piece.opens_lower = bool(_OPENS_LOWER.match(first))
    piece.goes_on = not first[:1].isupper() and piece.note is None
    piece.ends_open = not piece.heading and not SENTENCE_END.search(last) and not last.endswith(":")
    if piece.note is None and not piece.heading:
        piece.calls = tuple(int(m.group(1)) for line in lines for m in _CALL.finditer(line))
    piece.height = sum(max(1.0, round(len(line) / measure)) for line in lines) \
        + (HEADING_SPACE if piece.heading else 0.0) + PIECE_SPACE


def _numbering(label: str) -> tuple[int, ...]:
    """`2.2.1` → (0, 2, 2, 1); `IV` → (1, 4): the first number tells the two counts apart (a
    Roman one counts chapters whose sections may count in figures again from 1)."""
    if label[0].isdigit():
        return (0,) + tuple(int(part) for part in label.split("."))
    values = [_ROMAN[c] for c in label]
    return (1, sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))


def _count_on(last: tuple, numbering: tuple[int, ...]) -> tuple[int, tuple]:
    """(1 if the heading numbered so goes back, 0 if not; the counts after it): headings numbered
    in figures count on from the last (2.1, 2.2, 3.), Roman ones too, and a Roman one starts the
    figures afresh (a part's chapters may count from 1 again)."""
    figures, roman = last
    if numbering[0] == 1:
        return int(roman is not None and numbering < roman), (None, numbering)
    return int(figures is not None and numbering < figures), (numbering, roman)


def _numbering_breaks(numbered: list[tuple[int, ...]]) -> int:
    state: tuple = (None, None)
    breaks = 0
    for numbering in numbered:
        broken, state = _count_on(state, numbering)
        breaks += broken
    return breaks


def _place(reading: _Reading, piece: _Piece, right: bool, previous_open: bool | None) -> _Reading:
    """The reading with `piece` added to the foot of its left or right column."""
    left, rightc = _copy(reading.left), _copy(reading.right)
    column, other = (rightc, left) if right else (left, rightc)
    strong, weak, disorder, splits = reading.strong, reading.weak, reading.disorder, reading.splits
    before = column.open_ if column.pieces else (previous_open if not right else None)
    in_foot = column.foot or piece.note is not None
    if piece.head:
        if right:
            weak += 1  # a running head stays where it stands
        else:  # ... above the left column, which it neither opens nor numbers
            left.pieces = (piece.index,)
            return _Reading(left, rightc, strong, weak, disorder, splits)
    if column.foot and piece.note is None and before is False and column.waiting is not None \
            and piece.goes_on:
        # A line of the notes going on with a note left unfinished above a finished one (the
        # extractor wrote a short line of the foot late): it goes back to that note.
        column.attached = column.attached + ((piece.index, column.waiting),)
        column.waiting = None
        column.pieces = column.pieces + (piece.index,)
        return _Reading(left, rightc, strong, weak, disorder, splits)
    if piece.opens_lower and before is False:
        strong += 1
    if before and not piece.goes_on and not column.marker \
            and not (piece.note is not None and not column.foot):
        weak += 1  # (a column's text may stop mid-sentence above its notes: it goes on in the next)
        if column.foot:
            column.waiting = column.pieces[-1]
    if column.foot and piece.note is None and before is False:
        weak += 1  # a line among the notes that opens none goes on with an unfinished one
    if column.marker and not any(c.isalpha() for c in piece.text):
        weak += 1  # a list's marker printed apart is followed by its item
    if piece.joined and other.pieces and other.pieces[-1] == piece.index - 1:
        disorder += RUN_SPLIT  # the export wrote it right below the piece before, with no blank line
        splits += 1
    if piece.note is not None:
        if column.foot and piece.note <= column.last_note:
            strong += 1
        if piece.note in other.calls and piece.note not in column.calls:
            strong += 1  # defined in the column that does not call it
        column.foot, column.last_note = True, piece.note
    if piece.note is None and not column.foot:
        for call in piece.calls:
            if call < column.last_call:
                strong += 1
            column.last_call = max(column.last_call, call)
        column.calls = column.calls | frozenset(piece.calls)
        column.last_text = piece.index
    elif piece.note is None and column.foot and piece.heading:
        strong += 1  # a heading below the notes
    if piece.numbering is not None:
        broken, column.numbering = _count_on(column.numbering, piece.numbering)
        strong += broken
    if piece.contents is not None:
        if column.contents is not None and piece.contents < column.contents:
            strong += 1
        column.contents = piece.contents
    # (the notes stand at the page's foot, level at their last line: their tops are compared
    # once both columns' notes are known)
    top = column.foot_height if in_foot else column.height
    if not in_foot and other.pieces and not other.foot and other.top - top > TOP_TOLERANCE:
        disorder += other.top - top - TOP_TOLERANCE
    column.top = top
    if in_foot:
        column.foot_height += piece.height
    else:
        column.height += piece.height
    column.pieces = column.pieces + (piece.index,)
    column.marker = not any(c.isalpha() for c in piece.text)
    column.open_ = piece.ends_open or column.marker
    return _Reading(left, rightc, strong, weak, disorder, splits)


def _copy(column: _Column) -> _Column:
    return _Column(column.pieces, column.height, column.foot_height, column.top, column.last_call, column.last_note,
                   column.numbering, column.contents, column.foot, column.open_, column.last_text,
                   column.calls, column.marker, column.waiting, column.attached)


def _finish(reading: _Reading, pieces: list[_Piece]) -> _Reading:
    """The evidence between the two columns: the left column's last sentence goes on at the top of
    the right one; its calls, notes and headings all come before the right column's."""
    left, right = reading.left, reading.right
    strong, weak = reading.strong, reading.weak
    for column in (left, right):  # a heading is kept with the text it opens: it never ends a column
        if column.last_text is not None and (pieces[column.last_text].heading or not any(
                c.isalpha() for c in pieces[column.last_text].text)):  # (nor an item's marker)
            weak += 1
    if right.pieces:
        first = pieces[right.pieces[0]]
        ending = pieces[left.last_text].ends_open if left.last_text is not None else None
        if first.opens_lower and ending is False:
            strong += 1
        if ending and not first.opens_lower:
            weak += 1
        left_pieces = [pieces[i] for i in left.pieces]
        right_pieces = [pieces[i] for i in right.pieces]
        a = [c for p in left_pieces if p.note is None for c in p.calls]
        b = [c for p in right_pieces if p.note is None for c in p.calls]
        if a and b and max(a) > min(b):
            strong += 1
        a = [p.note for p in left_pieces if p.note is not None]
        b = [p.note for p in right_pieces if p.note is not None]
        if a and b and max(a) > min(b):
            strong += 1
        # (the headings' numbers go back where the right column's first ones meet the left's)
        a = [p.numbering for p in left_pieces if p.numbering is not None]
        b = [p.numbering for p in right_pieces if p.numbering is not None]
        strong += max(0, _numbering_breaks(a + b) - _numbering_breaks(a) - _numbering_breaks(b))
        a = [p.contents for p in left_pieces if p.contents is not None]
        b = [p.contents for p in right_pieces if p.contents is not None]
        if a and b and max(a) > min(b):
            strong += 1
        # Columns are filled to one height, text and notes (the right one may stop short on a
        # last page): what the evidence leaves undecided goes where it evens them
        balance = abs(left.height + left.foot_height - right.height - right.foot_height)
        disorder = RUN_SPLIT * reading.splits + BALANCE_WEIGHT * balance + _merge_disorder(reading, pieces)
    else:
        disorder = reading.disorder
    return _Reading(left, right, strong, weak, disorder, reading.splits)


def _merge_disorder(reading: _Reading, pieces: list[_Piece]) -> float:
    """How far the export's order strays from the pieces' tops on the page: each column's text
    from the top, its notes standing at the foot (both columns' notes end level, the column with
    more notes starts them higher). The export lists the pieces by their tops."""
    height = max(column.height + column.foot_height for column in (reading.left, reading.right))
    tops: dict[int, tuple[bool, float]] = {}
    for right, column in ((False, reading.left), (True, reading.right)):
        text_top, foot_top = 0.0, height - column.foot_height
        for index in _in_order(column):
            if _in_foot(column, index, pieces):
                tops[index] = (right, foot_top)
                foot_top += pieces[index].height
            else:
                tops[index] = (right, text_top)
                text_top += pieces[index].height
    disorder = 0.0
    order = sorted(tops)
    for a, b in zip(order, order[1:]):
        (side_a, top_a), (side_b, top_b) = tops[a], tops[b]
        if side_a != side_b and top_a - top_b > TOP_TOLERANCE:
            disorder += top_a - top_b - TOP_TOLERANCE
    return disorder


def _in_foot(column: _Column, index: int, pieces: list[_Piece]) -> bool:
    """Whether the piece `index` of the column stands among its notes (at or below its first)."""
    first = next((i for i in column.pieces if pieces[i].note is not None), None)
    return first is not None and index >= first


def _follow(pieces: list[_Piece], right: list[bool], previous_open: bool | None) -> _Reading:
    reading = _Reading(_Column(), _Column())
    for piece, side in zip(pieces, right):
        reading = _place(reading, piece, side, previous_open)
    return _finish(reading, pieces)


def _search(pieces: list[_Piece], previous_open: bool | None) -> _Reading | None:
    """The best reading of the page as two columns (a beam search over each piece's column)."""
    beam = [_Reading(_Column(), _Column())]
    for piece in pieces:
        grown = [_place(reading, piece, side, previous_open) for reading in beam for side in (False, True)]
        grown.sort(key=lambda r: (r.cost, r.left.pieces))
        beam = grown[:BEAM]
    finished = [_finish(reading, pieces) for reading in beam]
    finished = [r for r in finished if r.left.pieces and r.right.pieces]
    if not finished:
        return None
    return min(finished, key=lambda r: (r.cost, r.left.pieces))
