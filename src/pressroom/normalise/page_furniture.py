"""Running heads, footers and page numbers: found by repetition in the document itself.

A short line repeated at least MIN_REPEATS times (case, digits and spacing aside) is page
furniture, whether it stands alone or is glued to the first or last line of a paragraph, unless
it reads as content (a sentence of the body, or a label seen twice on one page): then it is
kept and reported. Folios are the numbers that advance with the pages (`folios`). Each removal
marks a page break, which later passes use to heal paragraphs and to page footnotes.
"""

from __future__ import annotations

import bisect
from collections import Counter

from .folios import MAX_FOLIO_STEP, folio_lines
from .furniture import (MAX_FURNITURE_CHARS, MIN_REPEATS, NOTE_START, carries_folio, furniture_key,
                        is_page_number, reads_as_sentence)
from .model import COMPLETE, Block, State, strip_tokens
from .reflow import measure, opening_headings
from .lazy_re import lazy_compile

# Most occurrences of a running head stand at a page edge; a repeated heading or refrain does
# not, and is content. Half leaves room for heads between two complete paragraphs.
MIN_EDGE_SHARE = 0.5
# A title-page line other than the title (an author) carrying a folio is a running head when at
# least this many lines show it with advancing folios (`Kelsby Water Services 3`, `… 5`).
MIN_FOLIO_HEADS = 2
# Furniture recurs on (nearly) every page: a key seen far less often than the commonest one is
# repeated content (a document that quotes itself), not a head. Odd/even heads each keep ~1/2.
MIN_SHARE_OF_MOST = 0.2
# Pages hold similar amounts of text, so the gaps between running heads vary moderately
# (measured on the report: 0.67, its short section-end pages included); a heading repeated per
# chapter comes at irregular intervals.
MAX_GAP_VARIATION = 0.8
# A head seen on fewer pages than MIN_SHARE_OF_MOST allows is still furniture when it keeps the
# page's rhythm: a chapter's own head, on each of its pages. Its gaps must be regular and their
# median within these factors of the commonest head's (odd/even heads recur every other page).
PAGE_RHYTHM_FACTORS = (0.4, 2.5)
# A page holds one running head: two occurrences closer than this share of the key's median gap
# stand on one page, as labels do (`Proof.`, `Definition 3`). A short page (a section's end, the
# last page) brings two heads that close once or twice; labels are close again and again: at
# least MIN_CROWDED_GAPS such gaps, a third of them or more, make the key content.
MIN_GAP_SHARE = 0.3
MIN_CROWDED_GAPS = 2
MIN_CROWDED_SHARE = 1 / 3
# Where folios are found, they mark the page ends: a footer stands right above one, the next
# page's head just below it (its two lines may be two blocks); a line standing elsewhere in the
# page, however regularly, is content (a label closing a page's last paragraph but one).
FOLIO_REACH_ABOVE, FOLIO_REACH_BELOW = 1, 2
# Where folios show the pages, a page holds one running head, or two of the same words (a
# chapter's head above the chapter's own heading, a head and a footer): a key standing more
# often than this on one page is content (a table's rows of numbers, `31.5 22.4`, `9.8 4.1`).
MAX_ON_ONE_PAGE = 2

# The least text between two running heads: a page holds a line or two of text at the very
# least, even one that a figure fills. Lines of one shape recurring closer than this, as their
# median, stand several to a page: a table's column read down (`61 %`, `27 %`, `10 %`: a few
# characters apart).
MIN_PAGE_CHARS = 60
# A head's own folio, before or after its words (`7 | Title`, `Title   8`).
_CARRIED_FOLIO = lazy_compile(r"^(\d{1,5})(?:\s*[|·•—–-])?\s+\D|\D\s+(?:[|·•—–-]\s*)?(\d{1,5})$")
_CUT_WORD = lazy_compile(r"[^\W\d_]-$")
_LETTER = lazy_compile(r"[^\W\d_]")
# At most this many blocks (a page's note definitions, footer, number and the next head) stand
# between the halves of a word cut at a page end.
MAX_CUT_RUN = 12
# Where form feeds mark the pages, a page's furniture is among its first or last blocks: a head,
# a folio and a subtitle above the text, a footer and a folio below it (a recurring label amid a
# page, a table's header repeated, is content).
EDGE_BLOCKS = 3


def page_furniture(state: State) -> State:
    if state.paged:  # page_edges has read the furniture off the pages themselves
        return state
    cut_runs = _inside_cut_words(state.blocks)
    folios = folio_lines(state.blocks, {index for run in cut_runs for index in run})
    furniture = _furniture_keys(state, cut_runs, folios)
    if furniture and _split_at_heads(state, furniture):  # the blocks changed: measure them again
        cut_runs = _inside_cut_words(state.blocks)
        folios = folio_lines(state.blocks, {index for run in cut_runs for index in run})
    strays = _strays(state.blocks, furniture, cut_runs)
    if not furniture and not strays and not folios:
        return state
    titles = {furniture_key(text) for text in state.title_lines}
    headings = _chapter_headings(state.blocks, furniture, titles)
    measured = measure(state.blocks)
    edges = _page_edge_blocks(state.blocks)
    kept = []
    break_next = False
    for index, block in enumerate(state.blocks):
        if index in headings:
            state.diagnostics.info("furniture-heading", block.start, f"“{block.plain()[:60]}” heads the "
                                   "pages of one chapter; its first occurrence is kept as the heading")
            block.page_break_before = block.page_break_before or break_next
            kept.append(block)
            break_next = False
            continue
        whole_folio = len(block.lines) == 1 and (index, 0) in folios
        mid_page = edges is not None and index not in edges
        if mid_page and _is_furniture(block.text, furniture) and index not in strays and not whole_folio:
            state.diagnostics.warning("furniture-content", block.start, f"“{block.plain()[:60]}” recurs "
                                      "as a running head does but stands amid its page: kept")
            kept.append(block)
            break_next = False
            continue
        if _is_furniture(block.text, furniture) or index in strays or whole_folio:
            if index in strays:
                state.diagnostics.info("furniture-unrepeated", block.start, f"“{block.plain()[:60]}”, "
                                       "between the halves of a word cut at a page end, removed as a "
                                       "running head")
            _remove(state, block.start, block.text)
            break_next = True
            continue
        # Heads glued to the first line and footers glued to the last line of a paragraph.
        first, last = 0, len(block.lines) - 1  # offsets in the block as it came
        while len(block.lines) > 1 and (_is_glued_furniture(block.lines[0], furniture) and not mid_page
                                        or (index, first) in folios):
            _remove(state, block.start, block.lines.pop(0))
            block.start += 1
            first += 1
            break_next = True
        glued_footer = False
        while len(block.lines) > 1 and (_is_glued_furniture(block.lines[-1], furniture) and not mid_page
                                        or (index, last) in folios):
            _remove(state, block.end, block.lines.pop())
            block.end -= 1
            last -= 1
            glued_footer = True
        if break_next:
            block.page_break_before = True
        if first and block.kind == "para":
            # the head gone, the block opens as any page does: headings standing alone at its
            # top (`Sluicing` below `Keeping the Harbour Open   3`, which pypdf runs into the
            # page's text) part from the text below them, as `reflow` parts them at a block's start
            kept.extend(_headings_apart(block, measured))
        else:
            kept.append(block)
        break_next = glued_footer
    state.blocks = kept
    return state


def _headings_apart(block: Block, measured: tuple[int, int] | None) -> list[Block]:
    """The block whose head was removed from its top: the headings now opening it (reflow's
    `opening_headings`, by the document's own measure) each a block of its own, then its text."""
    count = opening_headings(block.lines, *measured) if measured and len(block.lines) > 1 else 0
    if not count:
        return [block]
    pieces = [Block([line], block.start + offset, block.start + offset, block.kind,
                    page_break_before=block.page_break_before and not offset).carry(block)
              for offset, line in enumerate(block.lines[:count])]
    rest = Block(block.lines[count:], block.start + count, block.end, block.kind).carry(block)
    rest.continues = None  # (the evidence that the page's text goes on stays with the page's top)
    return [*pieces, rest]


def _split_at_heads(state: State, furniture: set[str]) -> bool:
    """A head printed with its folio inside a block (pypdf runs the last note of a page, the
    next page's head and its first line into one) splits the block there: the head stands
    alone, to be removed, and the text below it starts a page. Only a head carrying its folio:
    a bare key inside a paragraph may be a sentence's words."""
    out: list[Block] = []
    split = False
    for block in state.blocks:
        cuts = [offset for offset in range(1, len(block.lines) - 1)
                if _is_glued_furniture(block.lines[offset], furniture)
                and carries_folio(strip_tokens(block.lines[offset]).strip())]
        if not cuts or block.kind != "para":
            out.append(block)
            continue
        split = True
        bounds = [0] + [edge for cut in cuts for edge in (cut, cut + 1)] + [len(block.lines)]
        for low, high in zip(bounds, bounds[1:]):
            if low < high:
                out.append(Block(block.lines[low:high], block.start + low, block.start + high - 1,
                                 block.kind, page_break_before=block.page_break_before and not low
                                 ).carry(block))
    state.blocks = out
    return split


def _furniture_keys(state: State, cut_runs: list[list[int]], folios: set[tuple[int, int]]) -> set[str]:
    """Keys repeated often enough, most of whose occurrences stand at a page edge, that do not
    read as content. Folio shapes are left to `folio_lines`: numbers that do not advance with
    the pages (a table's) are content."""
    counts: Counter = Counter()
    at_edge: Counter = Counter()
    in_cut: Counter = Counter()
    sample: dict[str, str] = {}
    on_page: dict[str, Counter] = {}  # key → occurrences on each page (where folios show them)
    carried: dict[str, list[int]] = {}  # key → the folio each occurrence carries, in order
    blocks = state.blocks
    folio_blocks = {index for index, _ in folios}
    folio_starts = sorted(folio_blocks)

    def near_folio(index: int) -> bool:
        return any(index + step in folio_blocks for step in range(-FOLIO_REACH_BELOW, FOLIO_REACH_ABOVE + 1))

    inside = {index for run in cut_runs for index in run}
    for index, block in enumerate(blocks):
        candidates = {block.text}
        if len(block.lines) > 1:
            candidates.update(line for line in (block.lines[0], block.lines[-1]) if _may_be_glued(line))
        for text in candidates:
            if len(text) <= MAX_FURNITURE_CHARS:
                key = furniture_key(text)
                counts[key] += 1
                at_edge[key] += (text != block.text or near_folio(index) if folio_blocks
                                 else _at_page_edge(blocks, index))
                in_cut[key] += text == block.text and index in inside
                sample.setdefault(key, strip_tokens(text).strip())
                folio = _CARRIED_FOLIO.search(strip_tokens(text).strip())
                if folio and not folio_blocks:
                    carried.setdefault(key, []).append(int(folio.group(1) or folio.group(2)))
                if folio_blocks:
                    on_page.setdefault(key, Counter())[bisect.bisect_left(folio_starts, index)] += 1
    # The title page (already moved to the metadata) may be the first page's running head: without
    # a title page of its own, a document's first block is its head. It counts as an occurrence,
    # at the document's start.
    # A title wrapped over lines on the title page is one title in the heads (`6 Title`).
    title = state.meta.get("title") if isinstance(state.meta.get("title"), str) else None
    title_keys = {furniture_key(text) for text in state.title_lines + ([title] if title else [])}
    # A head naming all the document's authors (`Lukas Brunner, Chiara Moretti, Jonas Öberg 3`)
    # is a title-page line too, though the title page set each name on a line of its own.
    authors = _names(state.meta.get("author"))
    if len(authors) > 1:
        title_keys |= {key for key in carried if _names([key]) == authors}
    for key in title_keys:
        if key and key in counts:
            counts[key] += 1
            at_edge[key] += 1
    offsets = _offsets(blocks, {k for k, n in counts.items() if n >= MIN_REPEATS})
    # Regular spacing stands in for page edges the text does not show; folios show them, and so
    # does a head that carries its own folio, counting up with the pages (`Title 2`, `Title 3`;
    # sections that open new pages make its spacing irregular).
    regular = set() if folio_blocks else {
        key for key, where in offsets.items() if _variation(where) <= MAX_GAP_VARIATION}
    regular |= {key for key, found in carried.items() if _counts_up(found)}
    # The document's whole title on a line of its own with a folio (`8 Heat Pumps in Older
    # Terraced Housing`) is its running head however few pages show one (a design that heads
    # only even pages, chapters opening on odd ones): no body line is the title with a page
    # number. Every occurrence carries its folio, past the title page's and advancing; another
    # title-page line (an author) with a folio needs MIN_FOLIO_HEADS occurrences to say so.
    titled = {key for key in title_keys if key in carried and len(carried[key]) == counts[key] - 1
              and (key == furniture_key(title or "") or len(carried[key]) >= MIN_FOLIO_HEADS)
              and all(a < b for a, b in zip(carried[key], carried[key][1:]))
              and all(a > 1 for a in carried[key])}
    edged = {key: n for key, n in counts.items()
             if key and not is_page_number(key.replace("#", "1"))
             and not _closer_than_pages(offsets.get(key, []))
             and _LETTER.search(key)  # figures alone are a folio (above) or a table's row
             and (key in titled or n >= MIN_REPEATS and (at_edge[key] >= MIN_EDGE_SHARE * n or key in regular)
                  # A short document has fewer pages: a line seen twice is furniture when one of
                  # its occurrences stands inside a word cut at a page end, where nothing else can.
                  or n >= MIN_REPEATS - 1 and in_cut[key] and at_edge[key] >= MIN_EDGE_SHARE * n)}
    most = max(edged, key=lambda k: (edged[k], k), default=None)
    page = _median_gap(offsets.get(most, [])) if most else 0
    keys = set()
    for key, n in edged.items():
        if n < MIN_SHARE_OF_MOST * edged[most] and not _keeps_page_rhythm(offsets.get(key, []), page):
            continue
        # A title that reads as a sentence (`Can Everyone Hear the Siren?`) is still the title:
        # with its folio on every page but the title page's it is the head (`titled`), not a
        # sentence of the body.
        reason = _reads_as_content(sample[key], offsets.get(key, []),
                                   by_edges=at_edge[key] >= MIN_EDGE_SHARE * n, titled=key in titled)
        if not reason and key in on_page and max(on_page[key].values()) > MAX_ON_ONE_PAGE:
            reason = f"stands {max(on_page[key].values())} times on one page (a table's rows or a label)"
        if reason:
            line = next(b.start if furniture_key(b.text) == key or furniture_key(b.lines[0]) == key
                        else b.end for b in blocks if key in (furniture_key(b.text), furniture_key(
                            b.lines[0]), furniture_key(b.lines[-1])))
            state.diagnostics.warning("furniture-content", line,
                                      f"“{sample[key][:60]}” recurs {n} times as page furniture does, but "
                                      f"{reason}; kept")
            continue
        keys.add(key)
    return keys


# The words joining names in a list of authors (`A, B and C`), no part of any name.
_NAME_JOINERS = frozenset({"and", "&", "und", "et"})
_NAME_WORD = lazy_compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


def _names(value) -> list[str]:
    """The words of an author metadata value (a name, or a list of names), in order, case aside,
    without the words joining them (`and`)."""
    names = [value] if isinstance(value, str) else list(value or [])
    return [word for name in names if isinstance(name, str)
            for word in _NAME_WORD.findall(name.casefold()) if word not in _NAME_JOINERS]


def _chapter_headings(blocks: list, furniture: set[str], titles: set[str]) -> set[int]:
    """Blocks to keep although their key is furniture: the heading of a chapter whose own head
    runs over its pages. Chapter heads follow one another: a key whose stretch of the document
    does not overlap another key's is a chapter's, and its first occurrence opens the chapter
    (a book's own head, or odd and even heads, overlap every other). A head printed above the
    heading on the chapter's first page makes the two adjacent: the second is the heading. A key
    whose first occurrence became the title (in `titles`) has no heading left in the body."""
    where: dict[str, list[tuple[int, int]]] = {}
    position = 0
    for index, block in enumerate(blocks):
        if _is_furniture(block.text, furniture):
            where.setdefault(furniture_key(block.text), []).append((index, position))
        position += len(block.text)
    spans = {key: (found[0][1], found[-1][1]) for key, found in where.items()}
    keep = set()
    for key, found in where.items():
        start, end = spans[key]
        if key in titles or len(found) < 2 or not any(other_end < start or other_start > end
                                     for other, (other_start, other_end) in spans.items() if other != key):
            continue
        first = found[1] if found[1][0] == found[0][0] + 1 else found[0]
        keep.add(first[0])
    return keep


def _reads_as_content(text: str, where: list[int], by_edges: bool, titled: bool = False) -> str | None:
    """Why a recurring line is content and not a head, or None: a sentence of the body (not the
    document's title with its folio, `titled`), or two occurrences on one page (a label:
    `Proof.`, `Definition 3`). The second contradicts only regular spacing, the weaker evidence:
    a short page makes two heads seen at page edges close."""
    if reads_as_sentence(text) and not titled:
        return "reads as a sentence of the body"
    gaps = [b - a for a, b in zip(where, where[1:])]
    crowded = sum(1 for gap in gaps if gap < MIN_GAP_SHARE * _median_gap(where))
    if not by_edges and crowded >= max(MIN_CROWDED_GAPS, MIN_CROWDED_SHARE * len(gaps)):
        return "stands twice on one page again and again (a label)"
    return None


def _counts_up(numbers: list[int]) -> bool:
    """Folios carried by a head's occurrences: MIN_REPEATS or more, each one to MAX_FOLIO_STEP
    more than the one before (a page without a head, a chapter opening, skips one)."""
    return len(numbers) >= MIN_REPEATS and all(
        1 <= b - a <= MAX_FOLIO_STEP for a, b in zip(numbers, numbers[1:]))


def _keeps_page_rhythm(where: list[int], page: float) -> bool:
    low, high = PAGE_RHYTHM_FACTORS
    return (len(where) >= MIN_REPEATS and page > 0 and _variation(where) <= MAX_GAP_VARIATION
            and low * page <= _median_gap(where) <= high * page)


def _strays(blocks: list, furniture: set[str], cut_runs: list[list[int]]) -> set[int]:
    """Lines seen once (the only even-page head of a short document) where a page break is
    certain: between the halves of a word cut at a page end (a block ends in a word's first half
    only there). A head starts with a capital and ends no sentence; a note definition does not."""
    strays: set[int] = set()
    for run in cut_runs:
        if run:
            strays.update(i for i in run if not _is_furniture(blocks[i].text, furniture)
                          and blocks[i].plain().lstrip()[:1].isupper()
                          and not COMPLETE.search(blocks[i].plain()))
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


def _offsets(blocks: list, keys: set[str]) -> dict[str, list[int]]:
    """Where each key stands as a block of its own, in characters of text from the start."""
    offsets: dict[str, list[int]] = {}
    position = 0
    for block in blocks:
        key = furniture_key(block.text) if len(block.text) <= MAX_FURNITURE_CHARS else ""
        if key in keys:
            offsets.setdefault(key, []).append(position)
        position += len(block.text)
    return offsets


def _variation(where: list[int]) -> float:
    """The spread of the gaps between occurrences (coefficient of variation); infinite with
    fewer than two gaps."""
    gaps = [b - a for a, b in zip(where, where[1:])]
    if len(gaps) < 2:
        return float("inf")
    mean = sum(gaps) / len(gaps)
    spread = (sum((g - mean) ** 2 for g in gaps) / len(gaps)) ** 0.5
    return spread / mean if mean else float("inf")


def _closer_than_pages(where: list[int]) -> bool:
    """Lines of one key standing, as their median, closer than a page's text apart: several to
    a page, as no running head stands."""
    return len(where) >= 2 and _median_gap(where) < MIN_PAGE_CHARS


def _median_gap(where: list[int]) -> float:
    gaps = sorted(b - a for a, b in zip(where, where[1:]))
    return gaps[len(gaps) // 2] if gaps else 0


def _page_edge_blocks(blocks: list) -> set[int] | None:
    """Where the export marks its page breaks (form feeds), the blocks within EDGE_BLOCKS of one
    (a page's first blocks and the last before the next page, the document's first and last):
    furniture stands only there. None where no break is marked (the edges are unknown)."""
    starts = [index for index, block in enumerate(blocks) if block.page_break_before and index]
    if not starts:
        return None
    edges: set[int] = set(range(min(EDGE_BLOCKS, len(blocks))))
    edges.update(range(max(0, len(blocks) - EDGE_BLOCKS), len(blocks)))
    for start in starts:
        edges.update(range(max(0, start - EDGE_BLOCKS), min(len(blocks), start + EDGE_BLOCKS)))
    return edges


def _at_page_edge(blocks: list, index: int) -> bool:
    """Evidence of a page boundary next to a block, where no folio shows one: a paragraph cut
    mid-sentence before it, a footnote definition (they sit at page bottoms) before it, a
    lower-case continuation after it, or the start or end of the document."""
    if index == 0 or index == len(blocks) - 1:
        return True
    before, after = strip_tokens(blocks[index - 1].text), strip_tokens(blocks[index + 1].text)
    return (not COMPLETE.search(before) or bool(NOTE_START.match(before))
            or after[:1].islower())


def _is_furniture(text: str, keys: set[str]) -> bool:
    return len(text) <= MAX_FURNITURE_CHARS and furniture_key(text) in keys


def _may_be_glued(line: str) -> bool:
    """A paragraph's first or last line that could be a head or footer glued to it: not one
    starting in lower case, the tail of a sentence wrapped there (`the.`, however often seen)."""
    return not strip_tokens(line).lstrip()[:1].islower()


def _is_glued_furniture(line: str, keys: set[str]) -> bool:
    return _may_be_glued(line) and _is_furniture(line, keys)


def _remove(state: State, line: int, text: str) -> None:
    head = not is_page_number(text)
    state.audit.remove("running_heads" if head else "page_numbers", line, strip_tokens(text))
    if head:
        state.running_heads.append(strip_tokens(text))
