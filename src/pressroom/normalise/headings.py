"""Headings and their levels, with the printed contents list as evidence where there is one.

With a contents list, a body line matching an entry becomes a heading of the entry's level; the
body's wording wins and differences are reported. Without one, numbered short lines (`I. …`,
`1. …`) are headings. Numbered lines that are not headings stay list items.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re

from .contents_list import CHAPTER, roman_labels
from .footnotes import NOTES_HEADINGS
from .reference_lists import REFERENCE_HEADINGS
from .reflow import MIN_WORDS_BELOW_A_ROW, ROW_END
from .model import BULLETS, CALLED_END, Block, State, caption_line
from .lazy_re import lazy_compile

# A heading line is short; anything longer is a paragraph that happens to start with a number.
MAX_HEADING_CHARS = 160
# How alike a body line and a contents entry must be (difflib ratio on normalised words).
MIN_ENTRY_SIMILARITY = 0.85
_ROMAN = lazy_compile(r"^[IVXLC]+\.\s+\S")
# A section lettered `A.`, `B.`, `C.` or numbered in Roman (`I.`, `IV.`): which one, the sequence
# of such labels in the document says (`roman_labels`).
_LETTERED_OR_ROMAN = lazy_compile(r"^([IVXLC]+|[A-Z])\.\s+\S")
# Section numbers are short (`12.3`); a longer number opening a line is a folio or a quantity.
# The heading's text opens with a word that is not in lower case (`2.1 Land and people`), perhaps
# after an opening quote or bracket: a number before a sign or a unit (`61 %`, `27 kg`, a table's
# column read down) or a lower-case clause (`3. repointing the arches`, a list item) is no heading.
_ARABIC = lazy_compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+[“\"‘(\[]?(?=[^\W\d_])(?![a-z\u00df-\u00ff])")
_LIST_ITEM = lazy_compile(rf"^(?:(\d{{1,3}})[.)]|[{BULLETS}])\s+\S")
# A heading that names its own rank and number (`Chapter 3: Results`, `Part II`, `Appendix A:
# Laboratory Method`): a top level, whether or not a contents list confirms it.
_LABELLED = lazy_compile(r"^(?:Chapter|CHAPTER|Part|PART|Appendix|APPENDIX|Annex|ANNEX)\s+"
                         r"(?:\d{1,3}|[IVXLC]+|[A-Z])(?=[.:]?(?:\s|$))")
# A line ending a sentence or a clause, perhaps inside a quotation or brackets (`…she used."`).
_TERMINAL = lazy_compile(r"[.!?;,][”’\"')\]]*$")
# ... or a sentence whose note call the extractor glued to its stop, flat (`to the ounce.24`, `it).7`,
# `published in 1962.3`): a stop after a word, a closing quote or bracket, or a year, then the
# call's digits. (Not after any number: `54.8` ending a table's row is a decimal.)
_CALLED_END = lazy_compile(r"(?:[^\W\d_]|[”’\"')\]]|(?<!\d)(?:1[5-9]|20)\d\d)[.!?][”’\"')\]]*\d{1,3}$")


def _ends_sentence(text: str) -> bool:
    """Whether `text` (a block's last words) ends a sentence or a clause, perhaps with a note's
    call glued to its stop."""
    return bool(_TERMINAL.search(text) or _CALLED_END.search(text))


# A number cut after the dash of a range (`2022–`, a table's header cell wrapped): the number
# opening the next line is the range's other end, not a section's (`23 Change`).
_OPEN_RANGE = lazy_compile(r"\d[–-]$")
_TRAILING_MARKERS = lazy_compile(r"(?:\s*[•◦▪‣∙])+\s*$")
# A block of nothing but list markers, lettered ones too (`(a) (b) (c)`: a run list_markers kept
# apart, its items not found), which no text runs on from.
_MARKERS_ONLY = lazy_compile(r"^(?:\s*(?:[•◦▪‣●○■□–∙]|\d{1,3}[.)]|\((?:[a-z]|[ivx]{1,4})\)))+\s*$")


def headings(state: State) -> State:
    if state.paged:
        _folios_on_their_page(state)
    listed: list[Block] = []
    terms = _definition_terms(state)
    if state.contents:
        listed = _from_contents(state)
        _below_the_contents(state)
    else:
        _from_numbering(state, terms)
    unknown = [b for b in state.blocks if b.kind == "heading" and b.level_unknown]
    if _levels_from_capitals(state, unknown):
        pass  # the headings' own type says their levels: stronger than where pages happen to start
    elif state.paged and _levels_from_page_starts(state, unknown):
        pass
    elif state.contents:
        # a flat contents list (no indentation) names the headings but not their levels: their
        # case may (`Findings` over `Issue and control of cards`)
        _levels_from_case(state, unknown)
    elif not _levels_from_case(state, unknown) and not _levels_from_spacing(state, unknown):
        _levels_from_stacks(state, unknown)
    if state.contents:  # once the listed headings have their levels (a list without any: pages)
        _unlisted_below_the_contents(state, listed, terms)
    _report_no_structure(state)
    for block in state.blocks:
        if block.kind == "para" and _LIST_ITEM.match(block.plain()):
            block.kind = "list_item"
    return state


@functools.lru_cache(maxsize=1 << 14)  # pure; asked again for the same blocks by each test
def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _from_contents(state: State) -> list[Block]:
    """The body's headings the contents list names (returned, in order)."""
    _join_wrapped_headings(state)
    listed: list[Block] = []
    # Headings a reader found (a PDF's type sizes) are matched too, keeping their level.
    candidates = [b for b in state.blocks if b.kind in ("para", "heading")
                  and len(b.plain()) <= MAX_HEADING_CHARS]
    position = 0
    pages: dict[int, int] = {}  # id of a heading's block -> the page its contents entry gives
    for number, entry in enumerate(state.contents):
        wanted = _normalised(entry["text"])
        for index in range(position, len(candidates)):
            block = candidates[index]
            body = _normalised(block.plain())
            if body == wanted or _similar(body, wanted):
                if block.kind != "heading":
                    block.kind, block.level = "heading", entry["level"]
                    if not entry["label"] and not entry.get("level_evidence"):
                        block.level_unknown = True
                if body != wanted:
                    state.diagnostics.info("contents-differs", block.start,
                                           f"heading differs from the contents list (line {entry['line']}): "
                                           f"body “{block.plain().strip()}” kept over “{entry['text']}”")
                position = index + 1
                listed.append(block)
                if entry["page"]:
                    pages[id(block)] = entry["page"]
                break
        else:
            after = candidates[position - 1] if position else None
            later = {_normalised(e["text"]) for e in state.contents[number + 1:]}
            block = _glued_heading(state, entry, after, later)
            if block is None:
                state.diagnostics.warning("contents-unmatched", entry["line"],
                                          f"contents entry “{entry['text']}” has no heading in the body")
                continue
            block.kind, block.level = "heading", entry["level"]
            if not entry["label"] and not entry.get("level_evidence"):
                block.level_unknown = True
            listed.append(block)
            if entry["page"]:
                pages[id(block)] = entry["page"]
            candidates = [b for b in state.blocks if b.kind in ("para", "heading")
                          and len(b.plain()) <= MAX_HEADING_CHARS]
            position = next(i for i, b in enumerate(candidates) if b is block) + 1
    _folios_beside_headings(state, pages)
    _deeper_than_contents(state)
    return listed


# A contents entry is looked for inside a paragraph (a heading run into its text) only when it
# has at least this many words: a short one (`Findings`, `Travel Times`) opens a sentence of the
# text now and then (`Travel Times Survey data show …`), and a short heading stands on a line of
# its own anyway.
MIN_GLUED_ENTRY_WORDS = 4


def _glued_heading(state: State, entry: dict, after: Block | None, later: set[str]) -> Block | None:
    """A heading the contents list names that no block is, run into a paragraph: a heading too
    long for `reflow` to part from the text (`Limits were mostly appropriate, but some were far
    higher than use` / `Every card has …`, set at body size in a wide measure). Found, below the
    last heading matched, as the entry's words verbatim opening a paragraph or right after a
    sentence's end in it, and followed by a word in capitals (the text's first sentence), before
    the next heading (a block already one, or a later entry's line: `later`): the paragraph is
    parted there, the heading a block of its own (returned), nothing lost."""
    words = entry["text"].split()
    while words and not re.search(r"\w", words[-1]):
        words.pop()  # a leader's dot the entry kept (`… through procurement .`)
    if len(words) < MIN_GLUED_ENTRY_WORDS:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)) + r"\s+(?=[“\"‘(]?[A-Z])")
    blocks = state.blocks
    start = next((i + 1 for i, b in enumerate(blocks) if b is after), 0) if after is not None else 0
    for index in range(start, len(blocks)):
        block = blocks[index]
        if block.kind == "heading" or _normalised(block.plain()) in later:
            return None  # the next heading: the entry is not run in before it
        if block.kind != "para" or block.table or block.quote or len(block.lines) != 1:
            continue
        text = block.lines[0]
        for match in pattern.finditer(text):
            before = text[:match.start()].rstrip()
            if before and not _SENTENCE_IN_TEXT.search(before[-3:] + " "):
                continue  # inside a sentence: the words are the text's own
            heading = Block([text[match.start():match.end()].strip()], block.start, block.end).carry(block)
            rest = Block([text[match.end():]], block.start, block.end).carry(block)
            heading.plain_note = rest.plain_note = None
            pieces = [heading, rest]
            if before:
                block.lines = [before]
                pieces.insert(0, block)
            else:
                heading.page_break_before = block.page_break_before
            rest.continues = False
            blocks[index:index + 1] = pieces
            state.diagnostics.info("contents-run-in", heading.start,
                                   f"contents entry “{entry['text']}” found run into a paragraph: parted "
                                   "from its text as a heading")
            return heading
    return None


def _folios_beside_headings(state: State, pages: dict[int, int]) -> None:
    """A number standing alone right above or below a heading, the very page number the contents
    list gives that heading, is the page's folio, which an extractor reading by position set
    beside the heading it stands level with (pdfminer, a chapter's first page: `1. Introduction`,
    `4`, `1.1 Purpose`): page furniture, removed and accounted for."""
    blocks = state.blocks
    kept = []
    for index, block in enumerate(blocks):
        text = block.plain().strip()
        if block.kind == "para" and len(block.lines) == 1 and text.isdecimal() and any(
                pages.get(id(blocks[near])) == int(text)
                for near in (index - 1, index + 1) if 0 <= near < len(blocks)):
            state.audit.remove("page_numbers", block.start, text)
            state.diagnostics.info("folio-beside-heading", block.start,
                                   f"“{text}” beside the heading the contents list puts on page {text}: "
                                   "taken for the page's folio")
            if block.page_break_before and index + 1 < len(blocks):
                blocks[index + 1].page_break_before = True
            continue
        kept.append(block)
    state.blocks = kept


# A folio is a short number (a page's); a longer one is a year or a quantity.
MAX_FOLIO_DIGITS = 4


def _folios_on_their_page(state: State) -> None:
    """A number standing alone right below a line of a heading's shape, and that is the number
    of the page it stands on (counted from the first page), is the page's folio, which an
    extractor reading by position set beside the heading it stands level with (pdfminer:
    `3. Take-up`, `5`, `Who started…`); removed and accounted for, it no longer parts the
    heading from its text."""
    blocks = state.blocks
    kept: list[Block] = []
    page = 1
    for index, block in enumerate(blocks):
        page += block.page_break_before
        text = block.plain().strip()
        if (block.kind == "para" and len(block.lines) == 1 and text.isdecimal()
                and len(text) <= MAX_FOLIO_DIGITS and int(text) == page and kept
                and _heading_candidate(kept[-1]) and index + 1 < len(blocks)):
            state.audit.remove("page_numbers", block.start, text)
            state.diagnostics.info("folio-beside-heading", block.start,
                                   f"“{text}” below the heading “{kept[-1].plain().strip()[:60]}” is the "
                                   "number of the page it stands on: taken for the page's folio")
            blocks[index + 1].page_break_before |= block.page_break_before
            continue
        kept.append(block)
    state.blocks = kept


def _heading_candidate(block: Block) -> bool:
    return block.kind == "heading" or _heading_shaped(block) or _is_heading_line(block, _ARABIC) \
        or _is_heading_line(block, _ROMAN)


# A subsection the contents list leaves out (it lists two levels, the body numbers three) is a
# line on its own numbered one level below a heading found (`2.2.1 Sizing` under `2.2`): short,
# without closing punctuation.
MAX_SUBHEADING_CHARS = 80
_SECTION_NUMBER = lazy_compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s")
_SUBSECTION = lazy_compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?\s+[^\W\d_]")


def _deeper_than_contents(state: State) -> None:
    listed = [_SECTION_NUMBER.match(entry["text"].strip()) for entry in state.contents]
    deepest = max((m.group(1).count(".") for m in listed if m), default=None)
    if deepest is None:
        return  # a contents list without numbers says nothing of the numbering's depth
    levels: dict[str, int] = {}
    for block in state.blocks:
        match = _ARABIC.match(block.plain()) if block.kind == "heading" else None
        if match:
            levels[match.group(1)] = block.level
    for block in state.blocks:
        text = block.plain().strip()
        match = _SUBSECTION.match(text) if block.kind == "para" else None
        if not match or len(text) > MAX_SUBHEADING_CHARS or _TERMINAL.search(text) \
                or match.group(1).count(".") <= deepest or match.group(1) in levels:
            continue  # only numbers deeper than any the contents list prints
        parent = match.group(1).rsplit(".", 1)[0]
        if parent in levels:
            block.kind, block.level = "heading", levels[parent] + 1
            state.diagnostics.info("heading-from-shape", block.start,
                                   f"“{text}” is numbered below the heading {parent}, which the "
                                   "contents list lists without it: taken for a heading")


def _below_the_contents(state: State) -> None:
    """A contents list that stops at one level (`2.2 The heat pumps`) leaves the numbered
    subsections below it (`2.2.1 Sizing`) unlisted: a short numbered line whose number extends a
    heading's number, on a line of its own above text, is that heading's subsection."""
    blocks = state.blocks
    numbers: dict[str, int] = {}  # the number of each heading so far -> its level
    for index, block in enumerate(blocks):
        match = _ARABIC.match(block.plain().strip())
        if block.kind == "heading":
            if match:
                numbers[match.group(1)] = block.level
            continue
        if not match or "." not in match.group(1) or not _is_heading_line(block, _ARABIC):
            continue
        parent = numbers.get(match.group(1).rsplit(".", 1)[0])
        previous = blocks[index - 1] if index else None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (parent is None or previous is None or following is None or not _is_text(following)
                or not (previous.kind == "heading" or _ends_sentence(
                    _TRAILING_MARKERS.sub("", previous.plain()).rstrip()))):
            continue
        block.kind, block.level = "heading", parent + 1
        numbers[match.group(1)] = block.level


def _unlisted_below_the_contents(state: State, listed: list[Block], terms: frozenset[int] = frozenset()) -> None:
    """A contents list that stops at a level (a book's lists two) leaves the unnumbered headings
    below it unlisted (`Condition Reports` under `Agreements`): inside a section of the list's
    deepest level, a line of a heading's shape between a finished sentence (or a heading) and
    running text is that section's subsection. Only there: in a section of a higher level, a
    short line in title case may be a signature or a label. The list's levels are those its
    headings have in the end: a list that shows none (flat, unnumbered) leaves them to the
    pages the headings open (`_levels_from_page_starts`), which run first."""
    levels = [block.level for block in listed if block.kind == "heading" and block.level] or \
        [entry["level"] for entry in state.contents if entry.get("level")]
    if not levels:
        return
    deepest = max(levels)
    blocks = state.blocks
    # The title and the running heads, which an extractor may leave in the text, head no section.
    title = state.meta.get("title") if isinstance(state.meta.get("title"), str) else ""
    furniture = {_normalised(text) for text in [title, *state.running_heads]}
    # (an entry may have taken in the line below it, the page's head: `Archiving Voices from the Mills`)
    entries = {_normalised(entry["text"]) for entry in state.contents}
    entries |= {entry[:-len(head) - 1] for entry in entries for head in furniture
                if head and entry.endswith(" " + head)}
    section = None  # the level of the heading above
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            section = block.level
            continue
        if section != deepest or not _heading_shaped(block) or index + 1 >= len(blocks) \
                or _normalised(block.plain()) in furniture or id(block) in terms:
            continue
        previous, following = blocks[index - 1], blocks[index + 1].plain().lstrip()
        # (the text below is sentences, opening in upper case: a line whose paragraph goes on
        # with `1.9 per cent` or in lower case is that paragraph's, cut; a table's head cell
        # stands above its rows, `Licensed (Mm³/yr) Actual…`, which end no sentence)
        if not (previous.kind == "heading" or _ends_sentence(
                _TRAILING_MARKERS.sub("", previous.plain()).rstrip())) \
                or not _SENTENCE_IN_TEXT.search(following) or not following.lstrip("“\"‘'(")[:1].isupper():
            continue
        if _normalised(block.plain()) in entries:
            # a heading the list names, which the extractor's reading order set out of the list's
            # (two columns read in another order): one of the section's own level, no deeper
            block.kind, block.level = "heading", deepest
            state.diagnostics.info("heading-from-shape", block.start,
                                   f"“{block.plain().strip()}” is named by the contents list, whose entry "
                                   "matched no heading in order: taken for one of its deepest level")
            continue
        block.kind, block.level = "heading", min(MAX_LEVEL, deepest + 1)
        state.diagnostics.info("heading-from-shape", block.start,
                               f"“{block.plain().strip()}” stands as a heading below a section of the "
                               "contents list's deepest level, which lists none below it: taken for "
                               "its subsection")


# A sentence ended somewhere in a block (its end, or a stop before a space): running text. (A
# page break may still cut the block's last sentence.)
_SENTENCE_IN_TEXT = lazy_compile(r"[.!?][”’\")]*(?:\s|$)")
# Markdown's deepest heading level.
MAX_LEVEL = 6
# A heading wrapped over this many lines at most is rejoined from its pieces.
MAX_HEADING_LINES = 3


def _join_wrapped_headings(state: State) -> None:
    """A heading wrapped over lines, which `reflow` left as short blocks one after another, is
    one block again where the pieces together (and not the first alone) match a contents entry."""
    entries = {_normalised(entry["text"]) for entry in state.contents}
    # By length, so that only the entries `_similar` could accept are compared (linear in size).
    by_length = sorted((len(entry), entry) for entry in entries)
    blocks = state.blocks
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        joined = None
        # (a block far longer than a heading is none of its pieces: not normalised at all)
        if block.kind == "para" and len(block.plain()) <= 2 * MAX_HEADING_CHARS \
                and _normalised(block.plain()) not in entries:
            pieces = [block]
            for following in blocks[index + 1:index + MAX_HEADING_LINES]:
                if following.kind != "para" or following.page_break_before:
                    break
                pieces.append(following)
                text = _normalised(" ".join(p.plain() for p in pieces))
                if len(text) > MAX_HEADING_CHARS:
                    break
                low = bisect.bisect_left(by_length, (int(MIN_ENTRY_SIMILARITY * len(text)), ""))
                high = bisect.bisect_right(by_length, (int(len(text) / MIN_ENTRY_SIMILARITY) + 1, ""))
                if text in entries or any(_similar(text, e) for _, e in by_length[low:high]):
                    # unless the pieces after the first match an entry as well alone: the first
                    # is a stray line above the heading (a folio or a note's call set apart)
                    rest = _normalised(" ".join(p.plain() for p in pieces[1:]))
                    if _best_ratio(rest, entries) < _best_ratio(text, entries):
                        joined = pieces
                    break
        if joined:
            block.lines = [" ".join(p.text for p in joined)]
            block.end = joined[-1].end
            out.append(block)
            index += len(joined)
            continue
        out.append(block)
        index += 1
    state.blocks = out


def _best_ratio(text: str, entries: set[str]) -> float:
    return max((1.0 if text == e else difflib.SequenceMatcher(None, text, e).ratio() for e in entries),
               default=0.0)


def _similar(body: str, wanted: str) -> bool:
    shorter, longer = sorted((len(body), len(wanted)))
    if shorter < MIN_ENTRY_SIMILARITY * longer:  # cheap bound before difflib's real ratio
        return False
    matcher = difflib.SequenceMatcher(None, body, wanted)
    return matcher.quick_ratio() >= MIN_ENTRY_SIMILARITY and matcher.ratio() >= MIN_ENTRY_SIMILARITY


def _roman_headings(blocks: list[Block]) -> set[int]:
    """The blocks (ids) of a heading's line numbered in Roman (`IV. Results`), told from lettered
    ones (`C. Dormancy` after `B.`) by the sequence of their labels."""
    lines = [b for b in blocks if (b.kind == "heading" or _is_heading_line(b, _LETTERED_OR_ROMAN))
             and _LETTERED_OR_ROMAN.match(b.plain().strip())]
    flags = roman_labels([_LETTERED_OR_ROMAN.match(b.plain().strip()).group(1) for b in lines])
    return {id(b) for b, roman in zip(lines, flags) if roman}


def _from_numbering(state: State, terms: frozenset[int] = frozenset()) -> None:
    romans = _roman_headings(state.blocks)
    _numbered_and_shaped(state, terms, romans)
    # An unnumbered heading between two numbered chapters (`3.`, `III.`) is a section of the one
    # before it.
    blocks = state.blocks
    chapters = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1
                and (id(b) in romans or CHAPTER.match(b.plain()) or _LABELLED.match(b.plain())
                     or _ARABIC.match(b.plain())
                     and "." not in _ARABIC.match(b.plain()).group(1))]
    if len(chapters) >= 2:
        # After the last chapter, its sections run on to the back matter (`References`, `Notes`),
        # which a report sets as chapters do: from there on, nothing is the last chapter's.
        end = next((index for index in range(chapters[-1] + 1, len(blocks))
                    if blocks[index].kind == "heading"
                    and (_normalised(blocks[index].plain()) in BACK_MATTER
                         or _BACK_MATTER_LABEL.match(blocks[index].plain().strip()))), len(blocks))
        sections = set()
        for block in blocks[chapters[0] + 1:end]:
            # (a heading a reader found by its type size keeps the level its size gives)
            if block.kind == "heading" and block.level_unknown and not _ARABIC.match(block.plain()) \
                    and id(block) not in romans and not CHAPTER.match(block.plain()) \
                    and not _LABELLED.match(block.plain()):
                block.level, block.level_unknown = 2, False
                sections.add(id(block))
        # (a section opening with its first subsection; subsections by the space above them,
        # only whether a blank line stands above: the number of blank lines between two columns'
        # text (pdftotext -layout) is the other column's)
        _subsections(state, sections, lines_apart=False)


# A heading naming an appendix without a number or letter (`Appendix: How the projection was
# made`, after numbered chapters `1.`–`7.`): the back matter, a chapter of its own too.
_BACK_MATTER_LABEL = lazy_compile(r"^(?:Appendix|Appendices|Annex|Annexe|Annexes|APPENDIX|ANNEX)(?::|$)")
# Headings of the back matter, which follows the last chapter as a chapter of its own.
BACK_MATTER = REFERENCE_HEADINGS | NOTES_HEADINGS | {
    "glossary", "index", "abbreviations", "acknowledgements", "acknowledgments", "further reading",
    "about the authors", "about the author", "appendix", "appendices", "annex", "annexes"}


def _numbered_and_shaped(state: State, terms: frozenset[int] = frozenset(),
                         romans: frozenset[int] | set[int] = frozenset()) -> None:
    blocks = state.blocks
    has_roman = any(_is_heading_line(b, _ROMAN) and id(b) in romans for b in blocks)
    # A line a removed running head repeated names a chapter: the head is evidence enough that
    # it is a heading, whatever the block before it ends with (stray markers, a page's debris).
    named = {_normalised(head) for head in state.running_heads}
    signatures: set[int] = set()  # short lines closing the paragraph above them
    written = _written_lines(state)
    for index, block in enumerate(blocks):
        # (list markers that pypdf and pdfium write after a page's text aside: `… in 2022. • •`)
        previous = _TRAILING_MARKERS.sub("", blocks[index - 1].plain()).rstrip() if index else "."
        following = blocks[index + 1].plain().lstrip() if index + 1 < len(blocks) else "A"
        # A heading follows a finished sentence or another heading, or list markers standing
        # alone (pypdf writes a page's markers after its text: `•`, `1.`), which no text runs on from.
        after_a_sentence = (_ends_sentence(previous) or blocks[index - 1].kind == "heading" or not index
                            or CALLED_END.search(previous[-TAIL_CHARS:])  # `…made to sign.17`: a call the notes left
                            or not re.search(r"[^\W\d_]", previous) and not _OPEN_RANGE.search(previous)
                            or _MARKERS_ONLY.match(previous)
                            or _normalised(block.plain()) in named
                            or id(blocks[index - 1]) in signatures
                            # a caption's line (`Figure 3: Costs, 2023–24`): the figure ends the text above
                            or index and caption_line(blocks[index - 1])
                            # a table's last row, ending in figures (`… Orchidaceae 58 11 88 61 27
                            # 49`), with text (no row) below
                            or index and bool(ROW_END.search(previous[-TAIL_CHARS:]))
                            and len(block.plain().split()) >= MIN_WORDS_BELOW_A_ROW
                            and not (index + 1 < len(blocks) and blocks[index + 1].table)
                            and _plain_text_follows(blocks, index))
        # Or it opens a page, after a block that ends no sentence: a table's last row, a list's
        # last item (`Extend the N3 to Kingsmere`). A paragraph the break cut goes on there in
        # a block of full lines, or ends its sentence; a single short line of a heading's shape
        # above running text is the heading (by shape only: a numbered line there may be the
        # next item of the list the page before ends with).
        page_top = not after_a_sentence and block.page_break_before and _heading_shaped(block)
        # Or it asks a question in title case on a line of its own (`What Would a Better Network
        # Cost?`), after a table's last row: no paragraph goes on with such a line (a line of
        # dialogue is in sentence case), which is a heading above running text wherever it stands.
        question = not after_a_sentence and block.plain().rstrip()[-1:] == "?" and _heading_shaped(block)
        if not (after_a_sentence or page_top or question):
            continue
        # (or by a bulleted list of sentences, right below a line in title case: `Key Points`)
        if not (following[:1].isupper() or _ROMAN.match(following) or _ARABIC.match(following)
                or _BULLETED_SENTENCE.match(following) and _title_case_label(block)):
            continue  # a heading is followed by a sentence or by another heading
        if id(block) in terms:
            continue  # a term of a definition list, not a heading
        if page_top or question:
            if _leads_to_text(blocks, index + 1):
                block.kind, block.level, block.level_unknown = "heading", 1, True
                where = "opening a page" if page_top else "asking a question in title case"
                state.diagnostics.info("heading-from-shape", block.start,
                                       f"“{block.plain().strip()}” taken for a heading by its shape (a short "
                                       f"line of its own {where}, above running text, after a block "
                                       "that ends no sentence); no contents list to confirm it")
            continue
        if _is_heading_line(block, _ROMAN) and id(block) in romans \
                or _is_heading_line(block, CHAPTER):  # `Chapter 3: Decline`
            block.kind, block.level = "heading", 1
        elif _is_heading_line(block, _ARABIC) and _next_note(blocks, index):
            state.diagnostics.info("heading-in-notes", block.start,
                                   f"“{block.plain().strip()[:60]}” is shaped as a numbered heading, but its "
                                   "number follows on from a note's definition just above it: kept as text")
        elif _is_heading_line(block, _ARABIC):
            number = _ARABIC.match(block.plain()).group(1)
            block.kind = "heading"
            block.level = number.count(".") + (2 if has_roman else 1)
        elif _is_heading_line(block, _LABELLED) and len(block.plain().strip()) <= MAX_SHAPE_HEADING_CHARS \
                and _leads_to_text(blocks, index + 1):
            block.kind, block.level = "heading", 1
        elif _heading_shaped(block) and _leads_to_text(blocks, index + 1) \
                and _parted_from_the_heading_below(state, index, written):
            signatures.add(id(block))  # it closes the paragraph above: the heading below may follow it
        elif _heading_shaped(block) and _leads_to_text(blocks, index + 1):
            block.kind, block.level = "heading", 1
            block.level_unknown = True
            state.diagnostics.info("heading-from-shape", block.start,
                                   f"“{block.plain().strip()}” taken for a heading by its shape (a short "
                                   "line of its own between paragraphs); no contents list to confirm it")
    _labels_in_capitals(state)


# A document sets a level of its headings in capitals when at least this many of them are; fewer,
# among headings in mixed case, are labels set in capitals (`ADVICE FOR ALL SITES`).
MIN_CAPITALS_HEADINGS = 2
# ... and the headings in mixed case that show the document's style are at least this many.
MIN_MIXED_CASE_HEADINGS = 3


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _labels_in_capitals(state: State) -> None:
    """A line in capitals that only its shape made a heading, where the document sets its other
    headings in mixed case and no level of them in capitals, is a label of the text (a run-in
    head, a box's caption), not a heading: kept as text and reported."""
    headings = [b for b in state.blocks if b.kind == "heading"]
    capitals = {id(b) for b in headings if _in_capitals(b.plain())}
    if len(capitals) >= MIN_CAPITALS_HEADINGS or len(headings) - len(capitals) < MIN_MIXED_CASE_HEADINGS:
        return
    for index, block in enumerate(state.blocks):
        if id(block) in capitals and block.level_unknown:  # found by its shape alone (not numbered, not labelled)
            block.kind, block.level, block.level_unknown = "para", 0, False
            following = state.blocks[index + 1] if index + 1 < len(state.blocks) else None
            if following is not None and following.continues is None:
                following.continues = False  # the label stands alone: its text is a paragraph of its own
            state.diagnostics.info("label-not-heading", block.start,
                                   f"“{block.plain().strip()}” is set in capitals where the document's "
                                   "other headings are not: kept as text (a label), not taken for a heading")


# A definition list (a glossary): short term lines, each followed by the one paragraph that
# defines it, at least MIN_DEFINITION_TERMS of them, below a heading that names it (`Glossary`,
# `Terms Used in This Report`). Without such a heading, a run of short sections of one paragraph
# each is as likely a report's (sentence-case headings, `What was found`, `Water use`): headings.
MIN_DEFINITION_TERMS = 3
# A term is a word or a short phrase; a longer line is a heading, whatever follows it.
MAX_TERM_WORDS = 4
# Words of a heading that names a definition list.
GLOSSARY_WORDS = {"glossary", "glossaries", "terms", "definitions", "terminology", "abbreviations",
                  "acronyms", "vocabulary"}


def _definition_terms(state: State) -> frozenset[int]:
    """The terms (ids of their blocks) of the definition lists among the blocks: a run of short
    lines of a heading's shape, each followed by exactly one paragraph of text (its definition),
    below a heading naming a glossary. Each would otherwise read as the heading of a section of
    one paragraph: headings invented. They stay text, each term a paragraph of its own above its
    definition (which does not run on from it); a term a reader took for a heading by its type
    is text again. A line the contents list names is a heading, never a term."""
    blocks = state.blocks
    entries = {_normalised(entry["text"]) for entry in state.contents}

    def term(block: Block) -> bool:
        text = block.plain().strip()
        if block.kind == "heading":  # found by a reader's type size: unnumbered, one short line
            if _ARABIC.match(text) or _ROMAN.match(text) or _LABELLED.match(text) or CHAPTER.match(text):
                return False
            block = Block(lines=[text], start=block.start, end=block.start)
        return (_heading_shaped(block) and text[-1:] != "?" and len(text.split()) <= MAX_TERM_WORDS
                and _normalised(text) not in entries and _normalised(text) not in BACK_MATTER)

    def definition(block: Block) -> bool:
        return block.kind == "para" and _is_text(block) and not _heading_shaped(block)

    found: set[int] = set()
    index = 0
    while index < len(blocks):
        run = []  # indices of the run's terms
        at = index
        while at + 1 < len(blocks) and term(blocks[at]) and definition(blocks[at + 1]):
            run.append(at)
            at += 2
            # (one paragraph per term: a second paragraph makes the line a section's heading)
            if at < len(blocks) and definition(blocks[at]):
                run.pop()
                break
        if not run:
            index += 1
            continue
        above = blocks[run[0] - 1].plain() if run[0] else ""
        headed = bool(GLOSSARY_WORDS & set(_normalised(above).split()))
        if headed and len(run) >= MIN_DEFINITION_TERMS:
            _keep_terms(state, run, found, f"below “{above.strip()[:60]}”")
        index = max(at, index + 1)
    return frozenset(found)


def _keep_terms(state: State, run: list[int], found: set[int], evidence: str) -> None:
    """The terms at `run` (indices) are text: a term a reader took for a heading is a paragraph
    again, and its definition does not run on from it."""
    blocks = state.blocks
    for i in run:
        if blocks[i].kind == "heading":
            blocks[i].kind, blocks[i].level, blocks[i].level_unknown = "para", 0, False
        blocks[i + 1].continues = False
        found.add(id(blocks[i]))
    state.diagnostics.info("definition-list", blocks[run[0]].start,
                           f"{len(run)} short lines (“{blocks[run[0]].plain().strip()}” …) each followed "
                           f"by one paragraph {evidence}: read as a definition list's terms, kept as "
                           "text, not headings")


# An unnumbered heading found by shape alone: one short line of a few words.
MAX_SHAPE_HEADING_WORDS = 10
MAX_SHAPE_HEADING_CHARS = 80
# Of its words that are not function words, at least this share are capitalised (title or
# sentence case: "Results", "Results of the Survey"; a sentence fragment has mostly lower case).
MIN_CAPITALISED_SHARE = 0.5
# A heading asking a question is set in title case, with at least this many words that are not
# function words (`Why Lend?`); a short question in sentence case, or one word (`Really?`), is a
# line of dialogue.
MIN_QUESTION_WORDS = 2
# A sentence-case heading has at most this many words.
MAX_SENTENCE_CASE_WORDS = 6
# Headings found by shape may stand this many in a row above their text (chapter, section,
# subsection): more short lines in a row are a list or a table's column.
MAX_STACKED_HEADINGS = 3
# What follows a heading found by shape is running text of at least this many characters.
MIN_TEXT_AFTER_HEADING = 60
_SENTENCE_TEXT = lazy_compile(r"^[A-Z“\"(].*\s.*[.!?][”’\")]*$")
# A sentence introducing a list (`We recommend that the partners:`): a clause of a few words or
# more, ending in a colon.
_LIST_INTRODUCTION = lazy_compile(r"^[A-Z“\"(]\S*(?:\s+\S+){2,}:$")
# Levels from page starts need this many headings opening a page.
MIN_PAGE_START_HEADINGS = 2
# A form's answers, printed on lines of their own beside its questions (`Yes`, `No`, `Not
# Applicable`): they have a heading's shape but name no section.
ANSWERS = {"yes", "no", "n/a", "na", "none", "not applicable", "true", "false", "unknown",
            "oui", "non", "ja", "nein", "sí"}
_FUNCTION_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
                   "the", "to", "with", "vs", "via"}


# A year closing a heading after its words (`Workload in 2023`, `The Floods of 1953`): the one
# number a heading found by shape may hold; a table's row or a figure holds others, or opens with one.
_TRAILING_YEAR = lazy_compile(r"(?<=[^\W\d_])\s+(?:1[5-9]|20)\d\d$")


def _heading_shaped(block: Block) -> bool:
    text = block.plain().strip()
    question = text[-1:] == "?"
    if (block.kind != "para" or len(block.lines) > 1 and block.start != block.end or not text
            or len(text) > MAX_SHAPE_HEADING_CHARS or _TERMINAL.search(text) and not question
            or text[-1:] == ":" or not text[:1].isupper() or _LIST_ITEM.match(text)
            or text.casefold() in ANSWERS or caption_line(block)
            or "\t" in text):  # a tab: cells apart (a table's header row)
        return False
    tokens = re.findall(r"[^\W\d_][\w’'-]*", text)
    content = [t for t in tokens if t.casefold() not in _FUNCTION_WORDS]
    if not content or len(tokens) > MAX_SHAPE_HEADING_WORDS or re.search(r"\d", _TRAILING_YEAR.sub("", text)):
        return False  # a table row or a figure is no heading (a year may end one: `Workload in 2023`)
    title_case = sum(t[0].isupper() for t in content) >= MIN_CAPITALISED_SHARE * len(content)
    if question:  # `Who Pays for Insurance?` is a heading; `Did you go on strike?` is dialogue
        return title_case and len(content) >= MIN_QUESTION_WORDS
    # Title case, or sentence case ("Who started eating school lunches") when short.
    return title_case or len(tokens) <= MAX_SENTENCE_CASE_WORDS


# A list's item of a bullet and a sentence (`• Between March 2017 and March 2024 the number …`).
_BULLETED_SENTENCE = lazy_compile(rf"^[{BULLETS}]\s+[“\"‘(]?[A-Z]")
# A line in title case above a bulleted list is its heading (`Key Points`, `Main Findings`) when
# it has at least this many words that are not function words; one word (`Notes`, `Present`)
# labels a list as often as it heads a section.
MIN_LIST_HEADING_WORDS = 2


def _title_case_label(block: Block) -> bool:
    """A short unnumbered line of a heading's shape with every word that is not a function word
    capitalised, MIN_LIST_HEADING_WORDS of them at least: how a heading above a list is set (a
    line of the text introducing a list is in sentence case and ends with a colon)."""
    text = block.plain().strip()
    if not _heading_shaped(block) or _LIST_ITEM.match(text):
        return False
    content = [t for t in re.findall(r"[^\W\d_][\w’'-]*", text) if t.casefold() not in _FUNCTION_WORDS]
    return len(content) >= MIN_LIST_HEADING_WORDS and all(t[0].isupper() for t in content)


def _parted_from_the_heading_below(state: State, index: int, written: set[int]) -> bool:
    """A short line set right below a paragraph, with no space between, and with space between
    it and a line of a heading's shape below it, is the paragraph's last line (a signature: `Mary
    Jones, Harbour Master` under a foreword), not a heading stacked above another: a typesetter
    sets space above a group of headings, not inside it. (Only where the export keeps the space,
    as blank lines, measured in the source's own order: `written`, the source lines of text.)"""
    blocks = state.blocks
    if not 0 < index < len(blocks) - 1:
        return False
    block, above, below = blocks[index], blocks[index - 1], blocks[index + 1]
    return (not block.page_break_before and not below.page_break_before and above.kind == "para"
            and block.start == above.end + 1 and block.start - 1 in written
            and below.start > block.end + 1 and below.start - 1 not in written and _heading_shaped(below))


# How much of a block's end the tests of its last words read (a row's figures, a call): a
# long block (a table run together) is not searched whole.
TAIL_CHARS = 200
# A paragraph's opening words hold a figure now and then, not as many as this share (a table's
# next row, `N5 City Centre Wexley 00:15 03:15 …`, or a row's wrapped cell does).
MAX_OPENING_FIGURES_SHARE = 0.2
OPENING_WORDS = 8


def _plain_text_follows(blocks: list[Block], index: int) -> bool:
    """After a table's last row, a heading is followed by words, not by the table's next row:
    the next block's opening words hold few figures."""
    if index + 1 >= len(blocks):
        return False
    words = blocks[index + 1].plain().split()[:OPENING_WORDS]
    return bool(words) and sum(any(c.isdigit() for c in w) for w in words) <= MAX_OPENING_FIGURES_SHARE * len(words)


def _written_lines(state: State) -> set[int]:
    """The source numbers of the text's lines that are not blank. A pass that read the lines in
    another order moved runs of lines whole and wrote its own blank lines between them: a line
    stands right below text in the export when the source line above it is among these."""
    lines = state.text.split("\n")
    return {number for number, line in zip(state.line_numbers or range(1, len(lines) + 1), lines)
            if line.strip()}


def _leads_to_text(blocks: list[Block], index: int) -> bool:
    """Running text follows, right after or below at most MAX_STACKED_HEADINGS - 1 more lines of
    a heading's shape (a chapter's heading and its first section's: `Equipment`, `Meters`)."""
    for following in blocks[index:index + MAX_STACKED_HEADINGS]:
        if _is_text(following):
            return True
        if not _heading_shaped(following):
            return False
    return False


def _is_text(block: Block) -> bool:
    """A paragraph of running text follows a heading (not a table row, not another stray line):
    sentences, or a long enough run of words."""
    text = block.plain().strip()
    return block.kind == "para" and (len(text) >= MIN_TEXT_AFTER_HEADING or bool(_SENTENCE_TEXT.search(text))
                                     or bool(_LIST_INTRODUCTION.match(text)))


def _levels_from_page_starts(state: State, unknown: list[Block]) -> bool:
    """Headings whose level nothing else shows (unnumbered, no indented contents list): where
    some of them open a page and others do not, and chapters start on a new page, as books and
    reports set them, the ones opening a page are chapters and the others sections. Whether
    this was found."""
    tops = [b for b in unknown if b.page_break_before]
    rest = [b for b in unknown if not b.page_break_before]
    # The body's first heading opens its page in any layout (below the title page or the
    # contents): it shows a chapter opening its page only with its first section's heading
    # right below it, as a chapter's heading stands (not with text, as any heading may).
    blocks = state.blocks
    first = next((i for i, b in enumerate(blocks) if b.kind == "heading"), None)
    evidence = [b for b in tops if first is None or b is not blocks[first]
                or first + 1 < len(blocks) and blocks[first + 1].kind == "heading"]
    # Where chapters run on (troff), a heading opens a page by chance: a section's, in sentence
    # case, while a chapter's, in title case, stands mid-page. The case then says the levels.
    by_chance = (any(_case_of(b.plain().strip()) == "sentence" for b in tops)
                 and any(_case_of(b.plain().strip()) == "title" for b in rest))
    if len(evidence) >= MIN_PAGE_START_HEADINGS and rest and not by_chance:
        # Where the chapters opening their pages are in title case and every other heading in
        # sentence case, a heading in sentence case opening a page is a section the page break
        # fell before by chance (`Coding and VAT errors were common but small`), not a chapter;
        # only where a contents list names them all (its order shows no heading is missing: a
        # report may set a chapter in sentence case too, `Water use`, where the shapes alone
        # found its headings).
        rest_cases = {_case_of(b.plain().strip()) for b in rest}
        if state.contents and "sentence" in rest_cases and "title" not in rest_cases and sum(
                _case_of(b.plain().strip()) == "title" for b in tops) >= MIN_HEADINGS_PER_CASE:
            rest = rest + [b for b in tops if _case_of(b.plain().strip()) == "sentence"]
            tops = [b for b in tops if _case_of(b.plain().strip()) != "sentence"]
        for block in rest:
            block.level = 2
        state.diagnostics.info("heading-levels-from-pages", tops[0].start,
                               f"{len(tops)} unnumbered headings open a page and {len(rest)} do not: "
                               "the first taken for chapters, the others for their sections")
        _subsections(state, set(map(id, rest)))
        return True
    return False


# Levels from capitalisation need at least this many headings in each case.
MIN_HEADINGS_PER_CASE = 2


def _levels_from_capitals(state: State, unknown: list[Block]) -> bool:
    """Headings whose level nothing else shows (unnumbered, no contents list giving levels):
    where some are set in capitals and others in mixed case, at least MIN_HEADINGS_PER_CASE of
    each, and the first of them is in capitals (the document opens with a heading of that shape,
    the others coming below it), the capitals are the chapters and the mixed-case ones their
    sections, as a report sets `ENERGY` above `Reserves`; a section's heading stacked right below
    another section's, with no text between, is its subsection. The type of the headings
    themselves says this wherever chapters fall on the pages: it is asked before the pages
    (a section opening a page by chance). Whether this was found."""
    lettered = [b for b in unknown if re.search(r"[^\W\d_]", b.plain())]
    capitals = {id(b) for b in lettered if _in_capitals(b.plain())}
    mixed = [b for b in lettered if id(b) not in capitals]
    if not lettered or id(lettered[0]) not in capitals or len(capitals) < MIN_HEADINGS_PER_CASE \
            or len(mixed) < MIN_HEADINGS_PER_CASE:
        return False
    candidates = {id(b) for b in lettered}
    # (the title page's lines and the running heads, which an extractor may leave in the text
    # above a heading, head no section: a heading below one is no subsection)
    title = state.meta.get("title") if isinstance(state.meta.get("title"), str) else ""
    furniture = {_normalised(text) for text in [title, *state.title_lines, *state.running_heads]}
    blocks = state.blocks
    for index, block in enumerate(blocks):
        if id(block) not in candidates:
            continue
        above = blocks[index - 1] if index else None
        if id(block) in capitals:
            block.level = 1
        elif above is not None and id(above) in candidates and id(above) not in capitals \
                and _normalised(above.plain()) not in furniture:
            block.level = min(SUBSECTION_LEVEL, above.level + 1)
        else:
            block.level = 2
        block.level_unknown = False
    state.diagnostics.info("heading-levels-from-case", lettered[0].start,
                           f"{len(capitals)} unnumbered headings are set in capitals and {len(mixed)} in "
                           "mixed case, the first in capitals: the first taken for chapters, the others "
                           "for their sections")
    return True


def _case_of(text: str) -> str | None:
    """"title" (`How the Harbour Silts`: every word but function words capitalised), "sentence"
    (`The river and the tide`), or None for a heading of one such word (`Results`)."""
    # (an acronym in capitals, `VAT`, `NHS`, shows no case: it is so in any heading)
    content = [t for t in re.findall(r"[^\W\d_][\w’'-]*", text)[1:] if t.casefold() not in _FUNCTION_WORDS
               and not (len(t) > 1 and t.isupper())]
    if not content:
        return None
    return "title" if all(t[0].isupper() for t in content) else (
        "sentence" if all(t[0].islower() for t in content) else None)


def _levels_from_case(state: State, unknown: list[Block]) -> bool:
    """Headings whose level nothing else shows, in a layout where chapters run on: where some
    are set in title case and others in sentence case, as many reports set their chapters and
    their sections, the first are chapters and the others sections; a section's heading stacked
    right below another section's, with no text between, is its subsection (`How leaks are
    detected` under `Finding leaks sooner`). A heading of one word (`Results`, `Meters`) shows
    no case: it is a section right below a chapter's heading; elsewhere the space above it says
    its level where the space above the others agrees with their case (`_spacing_by_case`), and
    else it is a chapter (`Meters` under `Equipment and Installation`; `Results` after a
    section's text)."""
    cases = {id(b): _case_of(b.plain().strip()) for b in unknown}
    titles = [b for b in unknown if cases[id(b)] == "title"]
    sentences = [b for b in unknown if cases[id(b)] == "sentence"]
    if len(titles) < MIN_HEADINGS_PER_CASE or len(sentences) < MIN_HEADINGS_PER_CASE:
        return False
    blocks = state.blocks
    spaced = _spacing_by_case(state, cases)
    for index, block in enumerate(blocks):
        if id(block) not in cases:
            continue
        above = blocks[index - 1] if index else None
        stacked = above is not None and cases.get(id(above)) == "title"
        if cases[id(block)] == "sentence" and above is not None and cases.get(id(above)) == "sentence":
            block.level = SUBSECTION_LEVEL
        elif cases[id(block)] == "sentence" or cases[id(block)] is None and stacked:
            block.level = 2
        elif cases[id(block)] is None and spaced.get(id(block)) is False:
            block.level = 2
            state.diagnostics.info("heading-levels-from-spacing", block.start,
                                   f"“{block.plain().strip()}” shows no case; it stands right below the "
                                   "text above, as the sections' headings do and the chapters' do not: "
                                   "taken for a section")
    state.diagnostics.info("heading-levels-from-case", titles[0].start,
                           f"{len(titles)} unnumbered headings are in title case and {len(sentences)} "
                           "in sentence case: the first taken for chapters, the others for their sections")
    return True


def _spacing_by_case(state: State, cases: dict[int, str | None]) -> dict[int, bool]:
    """Heading (by id) -> whether a blank line stands above it in the export, for the headings
    of `cases` measured as `_levels_from_spacing` measures them (not opening a page, not right
    below a heading); empty unless the space agrees with the case: every heading in title case
    measured stands below a blank line and every one in sentence case right below the text
    above, at least MIN_HEADINGS_PER_SPACING of each (pdftotext of troff's pages, which sets
    more space above a chapter's heading than above a section's)."""
    blocks = state.blocks
    written = _written_lines(state)
    spaced: dict[int, bool] = {}
    for index, block in enumerate(blocks):
        if id(block) in cases and index and not block.page_break_before \
                and blocks[index - 1].kind != "heading":
            spaced[id(block)] = block.start - 1 not in written
    by_case = {case: [spaced[key] for key, c in cases.items() if c == case and key in spaced]
               for case in ("title", "sentence")}
    if len(by_case["title"]) < MIN_HEADINGS_PER_SPACING or len(by_case["sentence"]) < MIN_HEADINGS_PER_SPACING \
            or not all(by_case["title"]) or any(by_case["sentence"]):
        return {}
    return spaced


def _levels_from_spacing(state: State, unknown: list[Block]) -> bool:
    """Headings whose level nothing else shows (unnumbered, no contents list, chapters running
    on, one case), in an export that keeps the source's order and writes a blank line where the
    space between two lines is wide (pdftotext): where some of them stand below a blank line and
    others right below the text above, the typesetter set more space above the first (a higher
    level, set larger: troff's ms) and they are the chapters, the others their sections, when a
    heading of the first kind heads a stack (a chapter's heading right above its first section's,
    with no text between). A heading stacked right below another is one level below it. Headings
    opening a page, where the space above is the page's, are not measured and keep their level.
    (Where a pass read the lines in another order, the space is measured in the export's own
    order: `_written_lines`.) Whether this was found."""
    if state.contents or not unknown:
        return False
    blocks = state.blocks
    written = _written_lines(state)
    candidates = {id(b) for b in unknown}
    spaced: dict[int, bool] = {}  # a measured heading -> whether a blank line stands above it
    for index, block in enumerate(blocks):
        if id(block) in candidates and index and not block.page_break_before \
                and blocks[index - 1].kind != "heading":
            spaced[id(block)] = block.start - 1 not in written
    far = sum(spaced.values())
    if far < MIN_HEADINGS_PER_SPACING or len(spaced) - far < MIN_HEADINGS_PER_SPACING:
        return False
    stacks = [index for index, block in enumerate(blocks[:-1])
              if spaced.get(id(block)) and id(blocks[index + 1]) in candidates]
    if not stacks:
        return False
    for index, block in enumerate(blocks):
        if id(block) in spaced:
            block.level = 1 if spaced[id(block)] else 2
        elif id(block) in candidates and index and blocks[index - 1].kind == "heading":
            block.level = min(SUBSECTION_LEVEL, blocks[index - 1].level + 1)
    for block in unknown:
        block.level_unknown = False
    first = next(b for b in blocks if spaced.get(id(b)) is False)
    state.diagnostics.info("heading-levels-from-spacing", first.start,
                           f"{far} unnumbered headings stand below a blank line and {len(spaced) - far} "
                           "right below the text above, and one of the first heads a stack of headings: "
                           "the first taken for chapters, the others for their sections")
    return True


# A document shows that its headings have levels by headings stacked right below another, with no
# text between (a chapter's heading above its first section's): at least this many such stacks.
MIN_STACKS = 2


def _levels_from_stacks(state: State, unknown: list[Block]) -> bool:
    """Headings whose level nothing else shows (unnumbered, no contents list, pages not opened
    by chapters, one case, no space to measure: pypdf, pypdfium2 and pdfminer on troff's
    pages): where the document stacks a heading right below another, with no text between, at
    least MIN_STACKS times, each stacked heading is one level below the heading above it (`The
    Interviews` / `How They Were Done`; `How Loans Work` / `Agreements` / `Condition Reports`).
    The others keep their level: nothing says it. Whether this was found."""
    if state.contents or len(unknown) < 2:
        return False
    candidates = {id(b) for b in unknown}
    blocks = state.blocks
    stacked = [index for index in range(1, len(blocks))
               if id(blocks[index]) in candidates and id(blocks[index - 1]) in candidates]
    if len(stacked) < MIN_STACKS:
        return False
    for index in stacked:
        blocks[index].level = min(SUBSECTION_LEVEL, blocks[index - 1].level + 1)
    state.diagnostics.info("heading-levels-from-stacks", blocks[stacked[0]].start,
                           f"{len(stacked)} unnumbered headings stand right below another heading, "
                           "no text between: each taken for a level below the one above it; the "
                           "other headings' levels are not known")
    return True


# Of the sections' headings measured by the space above them, at least this many stand at each
# of the two distances before the nearer ones are taken for subsections.
MIN_HEADINGS_PER_SPACING = 2
SUBSECTION_LEVEL = 3


def _subsections(state: State, rest: set[int], lines_apart: bool = True) -> None:
    """Among the sections' headings (the unnumbered headings not opening a page), subsections:
    a heading right below another one, with no text between, is one level below it (a section
    opening with its first subsection: `Finding leaks sooner`, `How leaks are detected`); and
    where the export keeps the space above the others (blank lines) at two distances, the
    nearer ones are subsections, as a typesetter sets more space above a higher level, each
    below a section above it in its chapter. (`lines_apart`: measured in blank lines; else
    only whether there is one, and only where a section's heading stands right above another
    heading, evidence that the sections have subsections, on pages not read as two columns,
    whose rows lose the blank lines of one column.)"""
    if state.contents:
        return  # the headings are the contents list's entries: its levels, not their spacing
    blocks = state.blocks
    _stacked_subsections(blocks, rest)
    if not lines_apart and (state.columns_read or not any(
            id(block) in rest and id(below) in rest for block, below in zip(blocks, blocks[1:]))):
        return
    spacing: dict[int, int] = {}
    lines = state.text.split("\n")
    # (lines read in another order keep whether a blank line stood above them in the export, not
    # how many: `_written_lines`)
    written = _written_lines(state) if state.line_numbers is not None or not lines_apart else None
    for index, block in enumerate(blocks):
        if id(block) in rest and index and blocks[index - 1].kind != "heading":
            spacing[id(block)] = _blank_lines_above(lines, block.start) if written is None \
                else int(block.start - 1 not in written)
    distances = sorted(set(spacing.values()))
    if len(distances) == 2 and all(
            sum(1 for d in spacing.values() if d == distance) >= MIN_HEADINGS_PER_SPACING
            for distance in distances):
        nearer = [b for b in blocks if spacing.get(id(b)) == distances[0]]
        state.diagnostics.info("heading-levels-from-spacing", nearer[0].start,
                               f"{len(nearer)} sections' headings stand nearer the text above than "
                               f"{len(spacing) - len(nearer)} others: those below a section taken for "
                               "its subsections")
        section = False  # a section's heading seen since the last chapter's
        for index, block in enumerate(blocks):
            if block.kind != "heading":
                continue
            above = blocks[index - 1] if index else None
            if block.level == 1:
                section = False
            elif spacing.get(id(block)) == distances[0]:
                if section:
                    block.level = SUBSECTION_LEVEL
            elif id(block) in rest and id(block) not in spacing and above is not None \
                    and above.kind == "heading" and above.level == 2 and id(above) in spacing:
                # right below a section's heading set with a section's space above: the section
                # opening with its first subsection (`Measurements`, `Sound Levels`)
                block.level = SUBSECTION_LEVEL
            elif block.level == 2:
                section = True


def _stacked_subsections(blocks: list[Block], rest: set[int]) -> None:
    """A heading of `rest` right below a chapter's heading opening its page, or below one such
    stacked heading, with no text between, is one level below it. (Stacks below a chapter's
    heading opening its page only: a stack elsewhere may be an extractor's reordering, headings
    of one level brought together.)"""
    stacked = {id(b) for b in blocks if b.kind == "heading" and b.level == 1 and b.page_break_before}
    for index, block in enumerate(blocks):
        above = blocks[index - 1] if index else None
        if id(block) in rest and above is not None and id(above) in stacked:
            block.level = min(SUBSECTION_LEVEL, max(block.level, above.level + 1))
            stacked.add(id(block))


def _blank_lines_above(lines: list[str], start: int) -> int:
    count = 0
    while start - 2 - count >= 0 and not lines[start - 2 - count].strip():
        count += 1
    return count


# The words a line that stops inside a clause ends on (`…A national survey. Library and`, a
# numbered reference's first line that pdfminer boxed apart from the rest): in lower case, a
# heading never ends on one (`Appendix A` ends on a capital).
_OPEN_ENDING = lazy_compile(r"\s(?:and|or|of|the|a|an)$")


# A note's definition opens with its bare number (`8 The crate was dropped…`), and the next note's
# opens with the next number: `9 Cultural  Heritage`, the first line of a note whose words a
# justified line spread apart (pdfminer boxes them one a line), has a numbered heading's shape.
# Where the nearest block above it opening with a bare number, at most NOTE_REACH blocks up (a
# definition's last lines may be boxed apart from it), is a definition (text, no heading)
# numbered one less, the line goes on with the notes: its number is no section's.
NOTE_REACH = 3
_BARE_NUMBER = lazy_compile(r"^(\d{1,3})\s+\S")


def _next_note(blocks: list[Block], index: int) -> bool:
    match = _BARE_NUMBER.match(blocks[index].plain().strip())
    if not match:
        return False  # (`3. Results`, `2.1 Sizing`: a section's number, never a note's)
    for at in range(index - 1, max(-1, index - NOTE_REACH - 1), -1):
        if blocks[at + 1].page_break_before:
            return False  # a page's notes end with it: a chapter may open the next one (`3 Background`)
        above = blocks[at]
        before = _BARE_NUMBER.match(above.plain().strip())
        if before:
            # (a numbered heading above was taken as one already: the loop reads in order)
            return above.kind == "para" and int(before.group(1)) + 1 == int(match.group(1))
    return False


def _is_heading_line(block: Block, pattern: re.Pattern) -> bool:
    text = block.plain().strip()
    return (block.kind == "para" and len(text) <= MAX_HEADING_CHARS and bool(pattern.match(text))
            and not _TERMINAL.search(text) and text[-1:] != ":" and not _OPEN_ENDING.search(text))


# A text this long with no structure at all is worth a notice (a note or two would not be).
MIN_WORDS_FOR_STRUCTURE_NOTICE = 200


def _report_no_structure(state: State) -> None:
    """Nothing but paragraphs was found: say so, naming what was looked for."""
    if any(b.kind != "para" for b in state.blocks) or state.notes or state.contents or state.audit.removed:
        return
    if sum(len(b.plain().split()) for b in state.blocks) >= MIN_WORDS_FOR_STRUCTURE_NOTICE:
        state.diagnostics.notice("structure-not-found", None, "no headings, notes, contents list or "
                                 "page furniture found: published as paragraphs only")
