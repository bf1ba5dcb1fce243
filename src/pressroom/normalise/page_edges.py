"""Running heads, footers and folios of an export whose pages are known (form feeds).

`pdftotext`, pdfminer.six and pypdfium2 separate pages; there the furniture of a page is the run
of lines at its top or bottom edge that recur at the same edge of other pages (numbers aside),
and folios whose numbers advance with the pages. Each removal is booked in the audit; a
recurring edge line that reads as a sentence of the body is kept and reported instead.

Exports without page separators, and the blank-line style of export, are left to
`page_furniture`, which finds furniture by repetition alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .furniture import (MAX_FURNITURE_CHARS, carries_folio, drop_folio, folio_number,
                        is_page_number, reads_as_sentence)
from .contents_header import CONTENTS_WORDS
from .list_markers import continues_run, lone_marker
from .model import SENTENCE_END, Block, State, strip_tokens
from .lazy_re import lazy_compile

# Pages needed before edge statistics mean anything: with two, any shared line looks like a head.
MIN_PAGES = 3
# Only this many lines at each edge of a page can be furniture (a head, a sub-head line, a folio).
EDGE_BAND = 3
# A line recurring at one edge on at least this share of the pages is a running head or footer
# wherever it appears at that edge (odd/even heads each reach about half).
MIN_PAGE_SHARE = 0.3
# A line recurring at the top edge on fewer pages is furniture only with this many occurrences, at
# least two of them on consecutive pages (or consecutive odd or even pages): a chapter-specific
# head spans the chapter's pages.
MIN_LOCAL_REPEATS = 2
# A design that repeats each chapter's title as the running head of the chapter's first page,
# above the heading itself, shows it on every chapter's first page: the outermost line of a page
# repeated by the lines just below it is such a head, even on a chapter of one page, once at
# least this many pages show the pattern (one page alone may be a title said twice). The same holds
# where the heading stands elsewhere on the page (an extractor reading a second column first) or
# the head at the page's foot (pypdfium2 writes the margin boxes last): see `_echo_heads`.
MIN_ECHO_PAGES = 2
# A design that heads each page with the chapter under way at its top shows a chapter's title
# again on the pages after the one it opens on, where no heading stands beside it: the page's
# outermost top line repeating a line that stands once on an earlier page (the chapter's heading)
# is such a head once at least MIN_ECHO_PAGES pages show it, naming chapters in the order they
# opened (see `_continued_heads`).
# Page numbers standing right beside a running head (its own line above or below it) are its
# folios when at least this many pages show them advancing with the pages, however few pages
# carry heads at all (a design with heads only on pages that do not open a chapter).
MIN_HEAD_FOLIOS = 2
# A folio sequence: this share of the pages' numbers must advance with the pages.
MIN_FOLIO_SEQUENCE = 0.6
# A line at a page's outermost edge that carries a number on the same line (`Porthallow Harbour
# Commissioners   5`) is a running head or footer once this many pages show it at that edge with
# a number advancing exactly with the pages: a design that sets it only on some pages (odd pages
# that open no chapter) may show it too seldom to recur, but no body line ends two pages with the
# page's own number.
MIN_FOLIO_HEAD_PAGES = 2

# A two-column page read by height (pdftotext, pdfminer) writes the folio, centred below both
# columns, where its height falls among the columns' blocks: after the left column's last block,
# amid the right column's. On a page with no number at its edges, a block that is a number alone
# (digits only: a list's marker printed apart keeps its `.` or `)`), with no number-only block
# beside it (a table's column of figures), is its folio when its number advances with the pages
# as the other pages' folios do (the same sequence test as for edges, `_folio_pages`).
_DISPLACED_FOLIO = lazy_compile(r"\d{1,4}")
_FIGURES_ONLY = lazy_compile(r"[\d\s.,:;%()\u2013\u2014-]+")

# A recurring edge line as long as this share of the text's full lines is a wrapped line of a
# paragraph (boilerplate that opens every page), not a head: kept, and reported.
MIN_BODY_LINE_SHARE = 0.8

# A heading numbered as a section (`3. Monitoring`, `2.1 Sizing`, `Chapter 4: Decline`): its
# number names one section of the document, so its words standing twice are the heading and a
# running head repeating it, never two headings. Such a head at a page's top, repeating word for
# word (number and all) a line that stands once on an earlier page, is the chapter's running head
# even on one page alone (a short document shows the head of a chapter under way on too few
# pages for MIN_ECHO_PAGES).
_SECTION_NUMBERED = lazy_compile(
    r"^(?:(?:Chapter|Part|Section|Appendix)\s+)?\d{1,2}(?:\.\d{1,2})*\.?:?\s+[^\W\d_]")
_DIGITS = lazy_compile(r"\d+")
_SPACE = lazy_compile(r"\s+")


@dataclass
class _Edge:
    page: int
    block: int  # index into state.blocks
    offset: int  # line within the block
    side: str  # "top" or "bottom"
    rank: int  # 0 = the outermost line
    text: str
    key: str


def page_edges(state: State) -> State:
    if state.pages:  # a reader that saw the pages (PDF) removed their edges by position
        return state
    pages = _pages(state.blocks)
    if len(pages) < MIN_PAGES:
        return state
    state.paged = True
    edges = [edge for number, page in enumerate(pages) for edge in _edge_lines(state.blocks, number, page)]
    displaced = _displaced_folios(state.blocks, pages)
    numbered = {e.page for e in edges if len(e.text) <= MAX_FURNITURE_CHARS and folio_number(e.text) is not None}
    folios = _folio_pages(edges + [e for e in displaced if e.page not in numbered], len(pages))
    folios |= _displaced_in_sequence(edges + displaced, displaced, folios)
    body_ends: set[tuple[int, int]] = set()
    furniture = _furniture_keys(state, edges, len(pages), body_ends)
    outermost = Counter((e.side, e.key) for e in edges if e.rank == 0)  # pages whose edge a key opens
    folios |= _head_folios(edges, furniture, folios)
    continued = _continued_heads(state, pages, edges, folios)
    echoes = _echo_heads(state, pages, edges, folios, continued) | continued
    keep = _first_chapter_occurrences(state, edges, furniture, len(pages), echoes, folios) | body_ends
    doomed: set[tuple[int, int]] = set()
    edges_by_line = {(e.block, e.offset): e for e in edges}
    for number, page in enumerate(pages):
        page_edges_ = [e for e in edges if e.page == number]
        page_lines = [(index, offset) for index in page for offset in range(len(state.blocks[index].lines))]
        for side in ("top", "bottom"):
            for edge in sorted((e for e in page_edges_ if e.side == side), key=lambda e: e.rank):
                if (edge.block, edge.offset) in doomed:
                    continue
                if _list_marker(state, page_lines, edge):
                    break  # a list's marker printed after its page's text (`3.` under `2.`) is content
                is_folio = (edge.page, edge.side, edge.rank) in folios
                if (edge.block, edge.offset) in keep and not is_folio:
                    break
                if not is_folio and is_page_number(edge.text) \
                        and any(place[0] == edge.page for place in folios):
                    break  # a page has one folio, found: another number alone there is the text's
                # (a list's marker alone is the text's, however often a page's edge shows one: the
                # first line below a removed head may be the marker of an item going on from the
                # page before, `•` over `for residents, …`)
                if is_folio or not lone_marker(edge.text) and (
                        _is_head(edge, furniture, page_edges_) or (edge.block, edge.offset) in echoes):
                    doomed.add((edge.block, edge.offset))
                    head = not is_page_number(edge.text)
                    state.audit.remove("running_heads" if head else "page_numbers",
                                       state.blocks[edge.block].start + edge.offset, edge.text)
                    if head:
                        state.running_heads.append(edge.text)
                    continue
                if _heading_above_head(edge, page_edges_, furniture, outermost, len(pages)):
                    continue  # kept: the heading; the head below it is looked at next
                break  # furniture is the run at the edge: the first body line ends it
    # A page's folio found behind a line of its text (or beyond its edges), standing as a block
    # of its own: the folio a page read by height wrote amid its blocks.
    done = {edges_by_line[line].page for line in doomed
            if line in edges_by_line and is_page_number(edges_by_line[line].text)}
    for edge in edges + displaced:
        if (edge.page, edge.side, edge.rank) not in folios or edge.page in done:
            continue
        page = pages[edge.page]
        if _lone_number(state.blocks, page, page.index(edge.block)) and not _list_marker(
                state, [(index, offset) for index in page for offset in range(len(state.blocks[index].lines))], edge):
            doomed.add((edge.block, edge.offset))
            done.add(edge.page)
            state.audit.remove("page_numbers", state.blocks[edge.block].start + edge.offset, edge.text)
    _drop_lines(state, doomed)
    return state


def _list_marker(state: State, page_lines: list[tuple[int, int]], edge: _Edge) -> bool:
    """A lone list marker under another of its run (pypdf and pypdfium2 write a page's list
    markers after its text, so they can stand at its foot), or above the next of its run
    (pdfminer boxes a page's markers apart, and the box can open the page: `20.` over `21.`):
    `list_markers` places it."""
    where = page_lines.index((edge.block, edge.offset))
    line = state.blocks[edge.block].lines[edge.offset]
    if where > 0:
        above_block, above_offset = page_lines[where - 1]
        if continues_run(state.blocks[above_block].lines[above_offset], line):
            return True
    if where + 1 < len(page_lines):
        below_block, below_offset = page_lines[where + 1]
        return continues_run(line, state.blocks[below_block].lines[below_offset])
    return False


def _pages(blocks: list[Block]) -> list[list[int]]:
    """Block indexes per page; a page starts at each block after a form feed."""
    pages: list[list[int]] = [[]]
    for index, block in enumerate(blocks):
        if block.page_break_before and pages[-1]:
            pages.append([])
        pages[-1].append(index)
    return [page for page in pages if page]


def _edge_lines(blocks: list[Block], number: int, page: list[int]) -> list[_Edge]:
    lines = [(index, offset, line) for index in page for offset, line in enumerate(blocks[index].lines)]
    out = []
    for rank, (index, offset, line) in enumerate(lines[:EDGE_BAND]):
        out.append(_edge(number, index, offset, "top", rank, line))
    bottom = lines[-EDGE_BAND:]  # on a short page the bands overlap: a line is removed once
    for rank, (index, offset, line) in enumerate(reversed(bottom)):
        out.append(_edge(number, index, offset, "bottom", rank, line))
    return out


def _displaced_folios(blocks: list[Block], pages: list[list[int]]) -> list[_Edge]:
    """Candidates for the folio of each page set amid its blocks: its one block that is a
    number alone with no block of figures beside it (see _DISPLACED_FOLIO), as a bottom edge
    beyond the band (rank EDGE_BAND), so that an edge's number always comes first."""
    out = []
    for number, page in enumerate(pages):
        found = [index for at, index in enumerate(page) if _lone_number(blocks, page, at)]
        if len(found) == 1:
            out.append(_edge(number, found[0], 0, "bottom", EDGE_BAND, blocks[found[0]].lines[0]))
    return out


def _displaced_in_sequence(edges: list[_Edge], displaced: list[_Edge],
                           folios: set[tuple[int, str, int]]) -> set[tuple[int, str, int]]:
    """The candidates amid pages that have no folio yet whose number is the page's in the
    sequence the folios found follow (the printed number minus the page index)."""
    offsets = {folio_number(e.text) - e.page for e in edges if (e.page, e.side, e.rank) in folios}
    if len(offsets) != 1:
        return set()
    offset = offsets.pop()
    paged = {page for page, _, _ in folios}
    return {(e.page, e.side, e.rank) for e in displaced
            if e.page not in paged and folio_number(e.text) - e.page == offset}


def _lone_number(blocks: list[Block], page: list[int], at: int) -> bool:
    """Is the page's block `at` a number alone (a folio's shape), no block of figures beside it?"""
    block = blocks[page[at]]
    if len(block.lines) != 1 or not _DISPLACED_FOLIO.fullmatch(strip_tokens(block.lines[0]).strip()):
        return False
    beside = [blocks[page[j]] for j in (at - 1, at + 1) if 0 <= j < len(page)]
    return not any(_FIGURES_ONLY.fullmatch(strip_tokens(b.text).strip()) for b in beside)


def _edge(page: int, block: int, offset: int, side: str, rank: int, line: str) -> _Edge:
    text = _SPACE.sub(" ", strip_tokens(line)).strip()
    return _Edge(page, block, offset, side, rank, text, edge_key(text))


def edge_key(text: str) -> str:
    """What the occurrences of one head share: case, every number and spacing aside, and the
    folio printed before or after it (odd and even pages put it on opposite sides)."""
    key = _SPACE.sub(" ", _DIGITS.sub("#", text.casefold())).strip(" .·|—–-")
    return key if is_page_number(text) else drop_folio(key)


def _folio_pages(edges: list[_Edge], page_count: int) -> set[tuple[int, str, int]]:
    """(page, side, rank) of the lines that are folios: page-number shapes whose numbers advance
    with the pages (a table's numbers or a count at a page edge do not)."""
    found: set[tuple[int, str, int]] = set()
    for side in ("top", "bottom"):
        candidates = [e for e in edges if e.side == side and len(e.text) <= MAX_FURNITURE_CHARS
                      and folio_number(e.text) is not None]
        by_page: dict[int, _Edge] = {}
        for edge in sorted(candidates, key=lambda e: e.rank):
            by_page.setdefault(edge.page, edge)  # the outermost number-shaped line of the page
        # Pages whose folio this edge's outermost line carries beside a head's words (odd pages
        # `Harwick Borough Council   3` where even ones print `2` alone): they show the sequence.
        carried = {e.page: number for e in edges if e.side == side and e.rank == 0
                   and e.page not in by_page and (number := _carried_folio(e.text)) is not None}
        if len(by_page) < 2 or len(by_page) + len(carried) < MIN_FOLIO_SEQUENCE * (page_count - 2):
            continue  # title and contents pages often carry none
        # The printed number minus the page index is constant along a folio sequence.
        offsets = Counter([folio_number(e.text) - e.page for e in by_page.values()]
                          + [number - page for page, number in carried.items()])
        offset, agreeing = offsets.most_common(1)[0]
        if agreeing < MIN_FOLIO_SEQUENCE * (len(by_page) + len(carried)):
            continue
        found.update((e.page, e.side, e.rank) for e in by_page.values()
                     if folio_number(e.text) - e.page == offset)
    return found


def _carried_folio(text: str) -> int | None:
    """The page number a head prints on its own line (`Harwick Borough Council   3`), or None."""
    text = strip_tokens(text).strip()
    number = _EDGE_NUMBER.search(text)
    return int(number.group(1) or number.group(2)) if number and carries_folio(text) else None


def _head_folios(edges: list[_Edge], furniture: set[tuple[str, str]],
                 folios: set[tuple[int, str, int]]) -> set[tuple[int, str, int]]:
    """(page, side, rank) of page-number lines right beside a running head (`Team` over `5`),
    whose numbers advance with the pages on at least MIN_HEAD_FOLIOS pages."""
    by_place = {(e.page, e.side, e.rank): e for e in edges}
    beside: dict[tuple[int, str, int], _Edge] = {}
    for edge in edges:
        if (edge.side, edge.key) not in furniture or is_page_number(edge.text):
            continue
        for step in (-1, 1):
            place = (edge.page, edge.side, edge.rank + step)
            other = by_place.get(place)
            if other is not None and place not in folios and len(other.text) <= MAX_FURNITURE_CHARS \
                    and folio_number(other.text) is not None:
                beside[place] = other
    offsets = Counter(folio_number(e.text) - e.page for e in beside.values())
    if not offsets:
        return set()
    offset, agreeing = offsets.most_common(1)[0]
    if agreeing < MIN_HEAD_FOLIOS:
        return set()
    return {place for place, e in beside.items() if folio_number(e.text) - e.page == offset}


def _furniture_keys(state: State, edges: list[_Edge], page_count: int,
                    body_ends: set[tuple[int, int]]) -> set[tuple[str, str]]:
    """(side, key) of the lines that recur at a page edge often enough to be heads or footers;
    `body_ends` gets the (block, offset) of the occurrences that are a paragraph's last line
    (see `_sentence_ends`), which count for no repeat and are never removed."""
    pages_with: dict[tuple[str, str], set[int]] = {}
    # A contents page lists the headings: its lines below the outermost are entries, not heads
    # (`Preface` listed there and set at the top of the next page is no chapter's running head).
    contents_pages = {e.page for e in edges if e.text.casefold() in CONTENTS_WORDS}
    for edge in edges:
        if edge.page in contents_pages and edge.rank > 0:
            continue
        if edge.key and len(edge.text) <= MAX_FURNITURE_CHARS:
            pages_with.setdefault((edge.side, edge.key), set()).add(edge.page)
    width = _full_width(state)
    echoed = _echoed_heads(state, edges, width)
    opening = [e.text for e in sorted((e for e in edges if e.page == 0 and e.side == "top"),
                                      key=lambda e: e.rank)]
    titles = {edge_key(" ".join(opening[:n])) for n in range(1, len(opening) + 1)} - {""}
    keys: set[tuple[str, str]] = set()
    for (side, key), where in pages_with.items():
        ends = _sentence_ends(state, [e for e in edges if e.side == side and e.key == key])
        if ends:
            body_ends.update((e.block, e.offset) for e in ends)
            where = where - {e.page for e in ends}
        common = len(where) >= max(MIN_PAGES, MIN_PAGE_SHARE * page_count)
        # Chapter heads usually stand at the top, but some extractors (pypdfium2) write the
        # margin boxes after the page's text: either edge will do.
        local = len(where) >= MIN_LOCAL_REPEATS and any(
            p + 1 in where or p + 2 in where for p in where)  # p + 2: odd or even pages only
        found = [e for e in edges if e.side == side and e.key == key]
        # The document's title (the first page's opening lines, however wrapped) with a folio on
        # every later page it heads: a running head however few pages show it (odd/even designs
        # whose chapters open odd pages head only some even ones), and no note (`8 Title`).
        titled = key in titles and any(e.page > 0 for e in found) \
            and all(carries_folio(e.text) for e in found if e.page > 0)
        if not (common or local or titled or (side, key) in echoed or _with_advancing_folio(found)):
            continue
        sample = found[0].text
        if _is_note(found) and (side, key) not in echoed and not titled:
            continue  # the same note on every page (a page-local 1 citing one source): text
        # (the title's words with a folio: a title may be a question, `6 Can Everyone Hear the
        # Siren?`, and reads as a sentence.) A question reads as a sentence of the body; the
        # document's title asking one (`How Long Does Stored Seed Live?`), recurring on later
        # pages, is their running head all the same, folio or none: the first page opens with
        # it, as no paragraph of the body opens a page.
        asked_title = key in titles and sample.rstrip().endswith("?") and any(e.page > 0 for e in found)
        if (reads_as_sentence(sample) and not (titled or asked_title)
                or all(_runs_on(state, e, width) for e in found)
                or all(_closes_sentence_above(state, e) for e in found)
                or _numbers_of_the_text(found)):
            line = next(state.blocks[e.block].start + e.offset for e in edges if e.key == key)
            state.diagnostics.warning("furniture-content", line,
                                      f"“{sample[:60]}” recurs at the {side} of {len(where)} pages but "
                                      "reads as a line of the body; kept")
            continue
        keys.add((side, key))
    return keys


_EDGE_NUMBER = lazy_compile(r"^\s*(\d{1,5})\b|\b(\d{1,5})\s*$")
_LETTER = lazy_compile(r"[^\W\d_]")


def _numbers_of_the_text(found: list[_Edge]) -> bool:
    """Occurrences of a key that is numbers alone, no page number (`2022–23.`, `291–300.`: the
    last line of a wrapped reference, its year or its pages), sharing only their shape: the
    numbers differ and do not advance with the pages as a folio's do. Nothing of the page's
    furniture is numbers alone but a folio (found as such); these are the text's."""
    texts = [strip_tokens(e.text).strip() for e in found]
    if any(_LETTER.search(t) or is_page_number(t) for t in texts) or len(set(texts)) == 1:
        return False
    firsts = [int(_DIGITS.search(t).group(0)) if _DIGITS.search(t) else None for t in texts]
    return None in firsts or len({n - e.page for n, e in zip(firsts, found)}) > 1


def _with_advancing_folio(found: list[_Edge]) -> bool:
    """Do these occurrences of one key, each the outermost line of its page, carry on the same
    line a number that advances with the pages, on MIN_FOLIO_HEAD_PAGES pages or more?"""
    offsets = set()
    pages = set()
    for edge in found:
        text = strip_tokens(edge.text).strip()
        number = _EDGE_NUMBER.search(text)
        if edge.rank != 0 or not carries_folio(text) or not number:
            return False
        offsets.add(int(number.group(1) or number.group(2)) - edge.page)
        pages.add(edge.page)
    return len(pages) >= MIN_FOLIO_HEAD_PAGES and len(offsets) == 1


def _echoed_heads(state: State, edges: list[_Edge], width: int) -> set[tuple[str, str]]:
    """(side, key) of the outermost top lines (page numbers aside) that the lines just below
    them repeat (a chapter's title as its page's head above the heading), when at least
    MIN_ECHO_PAGES pages show it."""
    found: dict[tuple[str, str], set[int]] = {}
    by_page: dict[int, list[_Edge]] = {}
    for edge in edges:
        if edge.side == "top":
            by_page.setdefault(edge.page, []).append(edge)
    for page, tops in by_page.items():
        for edge in sorted(tops, key=lambda e: e.rank):
            if is_page_number(edge.text):
                continue  # a folio above the head
            if edge.key and len(edge.text) <= MAX_FURNITURE_CHARS and _repeated_below(state, edge, width):
                found.setdefault(("top", edge.key), set()).add(page)
            break
    pages = set().union(*found.values()) if found else set()
    return set(found) if len(pages) >= MIN_ECHO_PAGES else set()


def _first_chapter_occurrences(state: State, edges: list[_Edge], furniture: set[tuple[str, str]],
                               page_count: int, echoes: set[tuple[int, int]],
                               folios: set[tuple[int, str, int]]) -> set[tuple[int, int]]:
    """Lines to keep although their key is furniture: the first page of a key seen on few pages
    (a chapter's head) or on the first page (the title page) carries the heading or title itself,
    where it stands once. A head printed above its heading is told apart in `_is_head`, one
    echoing its heading elsewhere on the page in `_echo_heads` (then it is no heading)."""
    keep: set[tuple[int, int]] = set()
    width = _full_width(state)
    by_key: dict[tuple[str, str], list[_Edge]] = {}
    for edge in edges:
        if (edge.side, edge.key) in furniture:
            by_key.setdefault((edge.side, edge.key), []).append(edge)
    for (side, key), found in by_key.items():
        pages = {e.page for e in found}
        first = min(pages)
        local = len(pages) < max(MIN_PAGES, MIN_PAGE_SHARE * page_count)
        on_first = [e for e in found if e.page == first]
        # A chapter heading has no folio beside it; a title page's title may end in a year. On the
        # first page, a head's words printed without the folio every later page gives them are
        # the document's title, above its first text (no title page of its own).
        beside_folio = any((first, side, on_first[0].rank + step) in folios for step in (-1, 1))
        untitled_head = first == 0 and not carries_folio(on_first[0].text) and all(
            carries_folio(e.text) for e in found if e.page != first)
        # The last line of a page carrying a number is its footer, whatever the page.
        footer = on_first[0].side == "bottom" and on_first[0].rank == 0 and carries_folio(on_first[0].text)
        if (local and not carries_folio(on_first[0].text) and not beside_folio
                or first == 0 and _title_page(state) and not footer
                or untitled_head) and len(on_first) == 1 and not _repeated_below(state, on_first[0], width) \
                and (on_first[0].block, on_first[0].offset) not in echoes:
            keep.add((on_first[0].block, on_first[0].offset))
    return keep


def _echo_heads(state: State, pages: list[list[int]], edges: list[_Edge],
                folios: set[tuple[int, str, int]], settled: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """(block, offset) of the edge lines that repeat, word for word, another line of their own
    page: a chapter's head beside the chapter's heading. Of the two, the head is the outer one at
    one edge; of a line at the foot and its twin elsewhere, the one at the foot (a heading is set
    with the text that follows it, never last on its page). A head at the top may also repeat a
    line of the page before, its only twin there: the chapter's heading, set mid-page, whose
    chapter has one page more (groff's -ms heads the chapter's later pages only, so a chapter of
    two pages shows its head once); a line short of the text's measure (MIN_BODY_LINE_SHARE: a
    wrapped line of a paragraph is no head), not a contents page's (an entry, then its chapter
    at the next page's top). Kept unless MIN_ECHO_PAGES pages show the pattern at the same edge
    (and reported, unless `settled`: `_continued_heads` removes it as a chapter's head)."""
    found: dict[str, list[tuple[int, _Edge]]] = {}
    previous: dict[str, list[tuple[int, int]]] = {}  # the page before's lines (none for contents)
    width = _full_width(state)
    for number, page in enumerate(pages):
        lines: dict[str, list[tuple[int, int]]] = {}
        for index in page:
            for offset, line in enumerate(state.blocks[index].lines):
                text = _SPACE.sub(" ", strip_tokens(line)).strip().casefold()
                lines.setdefault(text, []).append((index, offset))
        on_page = [e for e in edges if e.page == number]
        for edge in on_page:
            key = edge.text.casefold()
            if edge.side == "top" and len(lines.get(key, [])) == 1 and len(previous.get(key, [])) == 1 \
                    and _heads_its_page(edge, on_page, folios) and len(edge.text) <= MAX_FURNITURE_CHARS \
                    and len(edge.text) < MIN_BODY_LINE_SHARE * width and any(c.isalpha() for c in edge.text) \
                    and not reads_as_sentence(edge.text):
                found.setdefault(edge.side, []).append((number, edge))
        previous = {} if any(text in CONTENTS_WORDS for text in lines) else lines
        place = {(e.block, e.offset): e for e in sorted(on_page, key=lambda e: e.rank, reverse=True)}
        for edge in on_page:
            if (edge.page, edge.side, edge.rank) in folios or len(edge.text) > MAX_FURNITURE_CHARS \
                    or any(edge is head for _, head in found.get(edge.side, [])) \
                    or not any(c.isalpha() for c in edge.text) or reads_as_sentence(edge.text):
                continue
            twins = [where for where in lines.get(edge.text.casefold(), [])
                     if where != (edge.block, edge.offset)]
            if len(twins) != 1:  # one head, one heading: more copies are a label or a refrain
                continue
            twin = place.get(twins[0])
            if twin is None:  # the twin stands inside the page
                outer = True
            elif twin.side == edge.side:
                outer = edge.rank < twin.rank
            else:
                outer = edge.side == "bottom"
            if outer:
                found.setdefault(edge.side, []).append((number, edge))
    echoes: set[tuple[int, int]] = set()
    for side, heads in found.items():
        if len({number for number, _ in heads}) >= MIN_ECHO_PAGES:
            for _number, edge in heads:
                echoes.add((edge.block, edge.offset))
                state.diagnostics.info("furniture-heading", state.blocks[edge.block].start + edge.offset,
                                       f"“{edge.text[:60]}” repeats the heading of its page at the "
                                       f"{side} edge, as the chapter's running head does; removed")
        else:
            for _number, edge in heads:
                if (edge.block, edge.offset) in settled:
                    continue
                state.diagnostics.warning("furniture-content", state.blocks[edge.block].start + edge.offset,
                                          f"“{edge.text[:60]}” at the {side} edge repeats a line of its "
                                          "page, as a chapter's head does, but no other page does so; kept")
    return echoes


def _continued_heads(state: State, pages: list[list[int]], edges: list[_Edge],
                     folios: set[tuple[int, str, int]]) -> set[tuple[int, int]]:
    """(block, offset) of the page heads that repeat, word for word, a line standing once on an
    earlier page: the running head of a chapter that opened on an earlier page (its heading).
    Kept unless MIN_ECHO_PAGES pages show the pattern and the lines they repeat come in the
    document's order (each page names the chapter under way: a later one, or the same), or the
    head stands inside a sentence: the line below it goes on in lower case with a sentence of the
    page before (a heading never interrupts a sentence; a two-page chapter shows its head once;
    the page's notes may stand between the sentence's halves, so its first half is not looked
    for), or on one page alone repeats a numbered heading number and all (_SECTION_NUMBERED)."""
    seen: dict[str, list[int]] = {}  # key → the places of its lines so far, these heads aside
    keys: list[str] = []  # the key of every line so far, by place
    texts: list[str] = []  # and its text
    found: list[tuple[_Edge, int]] = []
    inside: set[tuple[int, int]] = set()  # heads standing inside a sentence
    position = 0
    # A contents page lists the headings once each: an entry is no heading of an earlier page.
    contents_pages = {e.page for e in edges if e.text.casefold() in CONTENTS_WORDS}
    for number, page in enumerate(pages):
        if number in contents_pages:
            continue
        tops = sorted((e for e in edges if e.page == number and e.side == "top"), key=lambda e: e.rank)
        head = next((e for e in tops if (number, "top", e.rank) not in folios
                     and not is_page_number(e.text)), None)
        if head is not None and (len(head.text) > MAX_FURNITURE_CHARS or not head.key
                                 or not any(c.isalpha() for c in head.text)
                                 or reads_as_sentence(head.text) or len(seen.get(head.key, [])) != 1):
            head = None
        lines = [(index, offset, _SPACE.sub(" ", strip_tokens(line)).strip())
                 for index in page for offset, line in enumerate(state.blocks[index].lines)]
        if head is not None:
            at = lines.index((head.block, head.offset, head.text)) if (head.block, head.offset, head.text) \
                in lines else -1
            below = next((text for _, _, text in lines[at + 1:] if text), "")
            twin = seen[head.key][0]
            after_twin = next((key for key in keys[twin + 1:] if key), "")
            # (the page's own text below it: a page repeating an earlier one line for line, the
            # twin's next line too, has no head, only its text again)
            if at < 0 or edge_key(below) == after_twin:
                head = None
            else:
                found.append((head, seen[head.key][0]))
                if below[:1].islower():
                    inside.add((head.block, head.offset))
        for index, offset, text in lines:
            keys.append(edge_key(text))
            texts.append(text)
            if head is None or (index, offset) != (head.block, head.offset):
                seen.setdefault(keys[-1], []).append(position)
            position += 1
    twins = [twin for _, twin in found]
    numbered: set[tuple[int, int]] = set()  # a numbered heading's words, number and all, once more
    if len(found) < MIN_ECHO_PAGES or any(b < a for a, b in zip(twins, twins[1:])):
        for head, twin in found:
            if (head.block, head.offset) in inside:
                state.diagnostics.info("furniture-heading", state.blocks[head.block].start + head.offset,
                                       f"“{head.text[:60]}” heads its page inside a sentence, repeating "
                                       "a heading of an earlier page: the chapter's running head; removed")
                continue
            # (its number too, which the key leaves aside: `3. Monitoring`, not `4. Monitoring`)
            if len(found) == 1 and texts[twin] == head.text and _SECTION_NUMBERED.match(head.text):
                numbered.add((head.block, head.offset))
                state.diagnostics.info("furniture-heading", state.blocks[head.block].start + head.offset,
                                       f"“{head.text[:60]}” heads its page repeating a numbered heading "
                                       "of an earlier page, whose number names one section: the "
                                       "chapter's running head; removed")
                continue
            state.diagnostics.warning("furniture-content", state.blocks[head.block].start + head.offset,
                                      f"“{head.text[:60]}” at the top of its page repeats a line of an "
                                      "earlier page, as a chapter's running head does, but too few "
                                      "pages do so in the chapters' order; kept")
        return inside | numbered
    for head, _ in found:
        state.diagnostics.info("furniture-heading", state.blocks[head.block].start + head.offset,
                               f"“{head.text[:60]}” heads its page with the title of the chapter "
                               "under way, whose heading stands on an earlier page; removed")
    return {(head.block, head.offset) for head, _ in found}


def _title_page(state: State) -> bool:
    """The first page holds only lines that end no sentence (a title page): all of its lines,
    not only its edges (a page of text may have none at its edges: a list's markers, pypdf's).
    A title may ask a question (`Can Everyone Hear the Siren?`): a line ending in a question
    mark alone says nothing either way."""
    for index, block in enumerate(state.blocks):
        if index and block.page_break_before:
            return True
        if any(SENTENCE_END.search(text) and not _QUESTION_END.search(text)
               for text in (strip_tokens(line).strip() for line in block.lines)):
            return False
    return True


_QUESTION_END = lazy_compile(r"\?[”’\"')\]]*$")


def _heads_its_page(edge: _Edge, on_page: list[_Edge], folios: set[tuple[int, str, int]]) -> bool:
    """The page's outermost line at its edge, or the next one inwards below a folio."""
    return edge.rank == 0 or edge.rank == 1 and any(
        e.side == edge.side and e.rank == 0 and (e.page, e.side, e.rank) in folios for e in on_page)


def _full_width(state: State) -> int:
    """The length of the text's full lines: its 90th percentile line length."""
    lengths = sorted(len(line) for block in state.blocks for line in block.lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _repeated_below(state: State, edge: _Edge, width: int) -> bool:
    """The head's words open the lines just below it (the heading it names, wrapped). Where the
    lines run on past the head's words, they are a heading only while short and no sentence: a
    chapter's first sentence may open with its heading's words (`ENERGY` / `Energy is the
    Trust's second largest cost…`), and that heading is no running head."""
    block = state.blocks[edge.block]
    below: list[str] = list(block.lines[edge.offset + 1:])
    for following in state.blocks[edge.block + 1:edge.block + 1 + EDGE_BAND]:
        if following.page_break_before:
            break
        below.extend(following.lines)
    joined = ""
    for line in below[:EDGE_BAND]:
        joined = edge_key(f"{joined} {strip_tokens(line)}")
        if joined == edge.key:
            return True
        if joined.startswith(edge.key):
            return len(line) < MIN_BODY_LINE_SHARE * width \
                and not SENTENCE_END.search(strip_tokens(line).rstrip())
        if not edge.key.startswith(joined):
            return False
    return False


_NOTE_SHAPE = lazy_compile(r"^(\d{1,3})(?:[.)]\s*|\s+|(?=[^\W\d_]))(?=[^\W\d_])")


def _is_note(found: list[_Edge]) -> bool:
    """Lines opening with a number, then words, the number not advancing with the pages: note
    definitions (page-local `1` citing one source each time, or two notes citing one URL). A
    folio printed before a footer advances with the pages."""
    matches = [(_NOTE_SHAPE.match(e.text), e.page) for e in found]
    if not all(match for match, _ in matches):
        return False
    # Where the export's page ends were inferred from one side's heads only (every other page),
    # a folio advances by more than the page count does: still with every page, never back.
    numbered = sorted((page, int(match.group(1))) for match, page in matches)
    if len(numbered) >= MIN_PAGES and all(b[1] - a[1] >= b[0] - a[0] > 0
                                          for a, b in zip(numbered, numbered[1:])):
        return False
    offsets = {int(match.group(1)) - page for match, page in matches}
    return len(offsets) > 1 or len(found) == 1


def _runs_on(state: State, edge: _Edge, width: int) -> bool:
    """A full-length line whose sentence goes on in lower case on the next line: a wrapped line
    of a paragraph."""
    lines = state.blocks[edge.block].lines
    following = strip_tokens(lines[edge.offset + 1]).lstrip() if edge.offset + 1 < len(lines) else ""
    return len(edge.text) >= MIN_BODY_LINE_SHARE * width and following[:1].islower()


def _closes_sentence_above(state: State, edge: _Edge) -> bool:
    """The line ends the sentence that the line above it in its block leaves open: the last line
    of a paragraph (`…Journal of Librarianship, 49(3), pages` / `291–300.`), which a page's foot
    may hold as a footer's place does."""
    lines = state.blocks[edge.block].lines
    if edge.offset == 0 or not SENTENCE_END.search(edge.text):
        return False
    above = strip_tokens(lines[edge.offset - 1]).rstrip()
    return bool(above) and not SENTENCE_END.search(above) and not above.endswith(":")


def _sentence_ends(state: State, found: list[_Edge]) -> list[_Edge]:
    """The occurrences of one key that close the sentence the line above them leaves open
    (`… all reported as` / `complete.`) and are printed unlike every other occurrence (case,
    punctuation: a table's last cell `Complete` at another page's foot): a paragraph's last line
    that happens to read as another page's edge line. A head or footer is printed alike wherever
    it stands; where every occurrence closes a sentence the key is reported as content instead."""
    if len(found) < 2:
        return []
    shapes = Counter(_DIGITS.sub("#", e.text) for e in found)
    ends = [e for e in found if shapes[_DIGITS.sub("#", e.text)] == 1 and _closes_sentence_above(state, e)]
    return ends if len(ends) < len(found) else []


def _heading_above_head(edge: _Edge, page_edges_: list[_Edge], furniture: set[tuple[str, str]],
                        outermost: Counter, page_count: int) -> bool:
    """Is the page's top line a heading that the extractor wrote above the page's running head
    (pdfminer boxes a chapter's heading set high on the page before the head: `III. Who Uses
    the Library` over `Ruth Adeyemi, Tomas Varga`)? A line of a heading's shape (short, no
    sentence ended, not going on in lower case), right above a line of a running head's key
    that opens the top edge of MIN_PAGE_SHARE of the pages at least (a head of the whole
    document, not a chapter's, which may repeat its heading)."""
    if edge.side != "top" or edge.rank != 0 or len(edge.text) > MAX_FURNITURE_CHARS \
            or SENTENCE_END.search(edge.text) or not edge.text[:1].isupper():
        return False
    below = next((e for e in page_edges_ if e.side == "top" and e.rank == 1), None)
    return below is not None and below.key != edge.key and ("top", below.key) in furniture \
        and outermost[("top", below.key)] >= max(MIN_PAGES, MIN_PAGE_SHARE * page_count)


def _is_head(edge: _Edge, furniture: set[tuple[str, str]], page_edges_: list[_Edge]) -> bool:
    if (edge.side, edge.key) not in furniture:
        return False
    # A chapter's running head above the chapter's own heading: the same words twice at the top
    # of the page. The outer one is the head; the inner one, the heading, is kept (see below).
    return not any(other.side == edge.side and other.key == edge.key and other.rank < edge.rank
                   for other in page_edges_)


def _drop_lines(state: State, doomed: set[tuple[int, int]]) -> None:
    """Remove the furniture lines; a block losing its first line keeps its page break."""
    kept: list[Block] = []
    carry_break = False
    for index, block in enumerate(state.blocks):
        gone = sorted(offset for (b, offset) in doomed if b == index)
        if not gone:
            if carry_break:
                block.page_break_before = True
                carry_break = False
            kept.append(block)
            continue
        lines = [line for offset, line in enumerate(block.lines) if offset not in gone]
        if not lines:
            carry_break = carry_break or block.page_break_before
            continue
        first_kept = next(o for o in range(len(block.lines)) if o not in gone)
        last_kept = max(o for o in range(len(block.lines)) if o not in gone)
        block.page_break_before = block.page_break_before or carry_break
        carry_break = False
        block.start, block.end = block.start + first_kept, block.start + last_kept
        block.lines = lines
        kept.append(block)
    state.blocks = kept
