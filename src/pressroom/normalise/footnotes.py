"""Footnote markers become real notes, each attached to the definition from its own page.

Supported styles: circled digits (`^①`, `①`), superscript digits (`¹`), bracketed (`[1]`),
caret digits (`^1`), symbols (`*`, `†`, `‡`, `§`, `¶`); numbering per page or continuous;
definitions at page bottoms (a page ends after its definitions), a definition continued on the
next page, and endnotes under a "Notes" heading. Problems become diagnostics, never guesses.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .endnote_calls import proven_calls
from .page_notes import DEFINITION_START, calls
from .model import (CALL_CLOSE, CALL_OPEN, CIRCLED, NOTE_CLOSE, NOTE_OPEN, SENTENCE_END, SUPERSCRIPTS,
                    SYMBOLS, Block, Note, State, plain_offsets, strip_tokens)
from .words import words
from .reference_lists import code_like, reference_entries
from .unwrap_lines import document_vocabulary, join_lines
from .lazy_re import lazy_compile

NOTES_HEADINGS = {"notes", "endnotes", "footnotes"}

_DEFINITION = [
    ("circled", lazy_compile(rf"^\^?([{CIRCLED}])\s*(\S.*)$", re.S)),
    ("superscript", lazy_compile(rf"^([{SUPERSCRIPTS}]+)\s*(\S.*)$", re.S)),
    ("bracket", lazy_compile(r"^\[(\d{1,3})\]\s*(\S.*)$", re.S)),
    ("caret", lazy_compile(r"^\^(\d{1,3})\s+(\S.*)$", re.S)),
    ("symbol", lazy_compile(rf"^([{SYMBOLS}]{{1,3}})\s*(\S.*)$", re.S)),
]
_ENDNOTE = lazy_compile(r"^(\d{1,3})[.)]?\s+(\S.*)$", re.S)
_MARKER = {
    "circled": lazy_compile(rf"\^?([{CIRCLED}])"),
    "superscript": lazy_compile(rf"(?<=[^\s{SUPERSCRIPTS}])\^?([{SUPERSCRIPTS}]+)"),
    "bracket": lazy_compile(r"(?<=\S)\s?\[(\d{1,3})\](?!\()"),
    "caret": lazy_compile(r"\^(\d{1,3})(?!\d)"),
    "symbol": lazy_compile(rf"(?<=[^\s{SYMBOLS}])([{SYMBOLS}]{{1,3}})(?=[\s.,;:!?)\]”’\"']|$)"),
    "plain": lazy_compile(f"{CALL_OPEN}(\\s?\\d{{1,3}}){CALL_CLOSE}"),
}
# Calls whose characters are raised or drawn apart from the text: a heading may carry one.
RAISED = {"superscript", "circled", "caret", "symbol"}
# A unit's exponent (`m²`, `m³`) raised like a call: a run of raised digits after a letter that
# names no note, opening with one of these, is the exponent and a call when the rest names one.
UNIT_EXPONENTS = "²³"
# Plain digits are calls only where `page_notes` found their definitions at the foot of the page.
# Styles that are markers whatever the definitions say: nothing else uses these characters.
UNAMBIGUOUS = {"circled", "caret"}
# Every _MARKER pattern needs one of these characters (a new style must add its own here).
_ANY_MARKER_CHAR = lazy_compile(rf"[{CIRCLED}{SUPERSCRIPTS}{SYMBOLS}\[\^{CALL_OPEN}]")
assert set(_MARKER) == {"circled", "superscript", "bracket", "caret", "symbol", "plain"}, "see _ANY_MARKER_CHAR"
_TERMINAL = lazy_compile(r"[.!?:;)\]>”\"']\s*$")
# Markers closing a paragraph (`along.②`): the sentence before them is what ends it.
_MARKER_TAIL = lazy_compile(rf"(?:\^?[{CIRCLED}]|\^?[{SUPERSCRIPTS}]+|\[\d{{1,3}}\]|\^\d{{1,3}}|[{SYMBOLS}]{{1,3}})+\s*$")
# A paragraph that stops short of a sentence's end: a colon, a comma, a dash, or a word without
# its stop (a note's address, `…/item-4.html`, ends its note unpunctuated: not so).
_STOPS_SHORT = lazy_compile(r"(?:[:;,\u2013\u2014-]|(?<![/.\w])[^\W\d_]+)\s*$")
_URL_ONLY = lazy_compile(r"^<?\S+://\S+>?$")


@dataclass
class Definition:
    key: str
    style: str
    text: str
    block: Block
    page: int
    marker: str
    used: bool = False
    unfinished: bool = False  # cut at a name's initial, its rest not found: no note to make
    continuations: list[Block] = field(default_factory=list)
    # the words each join to a continuation booked as joined, and as parts joined (the audit's
    # accounting): taken back if the definition is no note after all and its parts stay apart
    booked: list[tuple[Counter, Counter]] = field(default_factory=list)


def footnotes(state: State) -> State:
    _join_lone_endnote_numbers(state)
    endnotes_at = _endnotes_heading(state.blocks)
    definitions = _collect_definitions(state, endnotes_at)
    if not definitions and not _has_unambiguous_markers(state):
        for block in state.blocks:
            _drop_call_marks(block)
        _settle_notes_heading(state, endnotes_at, definitions)
        return state
    styles = {d.style for d in definitions} | UNAMBIGUOUS
    proven: list[Definition] = []  # endnotes whose plain calls the body's sequence proves
    if "endnote" in styles:
        if _mark_plain_endnote_calls(state, definitions, endnotes_at):
            styles.add("plain")  # the calls are found: a bracketed number is a citation
            proven = [d for d in definitions if d.style == "endnote"]
        else:  # numbered endnotes are called by any numeric marker style the body uses for them
            styles |= _endnote_call_styles(state, definitions, endnotes_at)
    by_page: dict[int, list[Definition]] = {}
    for definition in definitions:
        by_page.setdefault(definition.page, []).append(definition)
    continuous = _continuous(definitions)
    for block in state.blocks:
        if block.kind == "para" or block.kind == "heading" and styles & RAISED:
            # A heading a reader found by its type may carry a raised call (`Root barriers⁶`).
            _link_block(state, block, styles if block.kind == "para" else styles & RAISED,
                        by_page.get(block.note_page, []), continuous, proven)
    for block in state.blocks:  # marks in blocks no pairing visited (a definition, a list item)
        _drop_call_marks(block)
    for definition in definitions:
        if not definition.used:
            state.diagnostics.warning("footnote-unused", definition.block.start,
                                      f"footnote definition {definition.key} has no marker; "
                                      "kept as a paragraph")
            definition.block.kind = "para"
            for continuation in definition.continuations:  # its continuations are text again too
                continuation.kind = "para"
            for joined, parts in definition.booked:
                state.audit.joined.subtract(joined)
                state.audit.joined_parts.subtract(parts)
    _settle_notes_heading(state, endnotes_at, definitions)
    state.blocks = [b for b in state.blocks if b.kind != "footnote_def_used"]
    return state


def _continuous(definitions: list[Definition]) -> list[Definition]:
    """The definitions a call finds on any page: all of them when numbered on through the
    document (no number twice), else the endnotes alone when theirs are (a list under `Notes`
    is on no page of its calls; a number another definition also has, a page's note read where
    there is none, must not cut every endnote off from its call)."""
    keys = [d.key for d in definitions]
    if len(keys) == len(set(keys)):
        return definitions
    endnotes = [d for d in definitions if d.style == "endnote"]
    return endnotes if len({d.key for d in endnotes}) == len(endnotes) else []


def _settle_notes_heading(state: State, endnotes_at: int | None, definitions: list[Definition]) -> None:
    """The endnotes' heading goes with its notes: removed (and accounted for) when a note under
    it was called, else kept as the text it is (a list under `Notes` that nothing calls)."""
    if endnotes_at is None:
        return
    heading = state.blocks[endnotes_at]
    under = {id(block) for block in state.blocks[endnotes_at + 1:]}
    if any(d.used and id(d.block) in under for d in definitions):
        state.audit.remove("notes_heading", heading.start, heading.plain())
        heading.kind = "footnote_def_used"
    else:
        heading.kind = "para"


# A note's number alone on its line (`1.`): troff's indented paragraph sets it in the margin, and
# pdftotext writes it as a line of its own, a blank line, then the note.
_LONE_NUMBER = lazy_compile(r"^(\d{1,3})[.)]?$")
# The same number written right below the previous note's last line, no blank line between, and
# joined to it as a paragraph's next line (`…stan zachowania, 2004. 2.`): after the note's
# closing stop, a space, the number alone.
_TRAILING_NUMBER = lazy_compile(r"(?<=[.!?)\]”\"'])\s+(\d{1,3})[.)]?\s*$")


def _join_lone_endnote_numbers(state: State) -> None:
    """Under the document's last notes heading, numbers alone on their line that count up from 1,
    each followed by a block of text, open that text: `1.` / `The talk was given…` is the note
    `1. The talk was given…`. pdfminer boxes a run of such numbers before their texts (`1.`,
    `2.`, then the two notes' texts): a run of k numbers followed by exactly k blocks of text
    before the next numbered block (or the end) gives them one each, in order (the tail of an
    unfinished note above the run may come first); another count leaves the notes as they are,
    all of them. A number of the count may also close the block above its text, after
    that block's closing stop (the previous note's last line and the number joined as one
    paragraph): it is taken from there. A note written whole (`3. Cabinet report…`) goes on
    with the count. Without a count of two notes at least nothing changes."""
    blocks = state.blocks
    heading = next((i for i in range(len(blocks) - 1, -1, -1)
                    if strip_tokens(blocks[i].text).strip().rstrip(":").casefold() in NOTES_HEADINGS), None)
    if heading is None:
        return

    def lone(index: int) -> int | None:
        match = _LONE_NUMBER.match(strip_tokens(blocks[index].text).strip())
        return int(match.group(1)) if match and len(blocks[index].lines) == 1 else None

    def text_at(index: int, following: int) -> bool:
        """A block of a note's text, not the note numbered `following` written whole."""
        if index >= len(blocks) or blocks[index].kind != "para" or lone(index) is not None:
            return False
        whole = _ENDNOTE.match(strip_tokens(blocks[index].text).strip())
        return whole is None or int(whole.group(1)) != following

    pairs: list[tuple[Block, Block, bool]] = []  # (number's block, text's block, number trailing)
    expected, index = 1, heading + 1
    open_note = False  # the last note met has not ended its sentence
    while index < len(blocks):
        text = strip_tokens(blocks[index].text).strip()
        whole = _ENDNOTE.match(text)
        trailing = _TRAILING_NUMBER.search(text)
        if lone(index) == expected:
            run = []
            while index < len(blocks) and lone(index) == expected:
                run.append(blocks[index])
                expected, index = expected + 1, index + 1
            texts = []  # the blocks of text below the run, up to the next numbered block
            while len(texts) <= len(run) and text_at(index + len(texts), expected):
                texts.append(blocks[index + len(texts)])
            if len(run) == 1:  # a number and the block right below it
                texts = texts[:1]
            elif len(texts) > len(run) and open_note and not text_at(index + len(texts), expected):
                index += 1  # the tail of the note above the run comes first (joined to it later)
                texts = texts[1:]
            if not texts:
                break  # a number with no text below it (a folio): the notes have ended
            if len(texts) != len(run):
                return  # numbers and texts do not pair off: which text is whose is not known
            index += len(texts)
            pairs.extend((number, note, False) for number, note in zip(run, texts))
            open_note = not _TERMINAL.search(strip_tokens(texts[-1].text))
            continue
        if whole is not None and lone(index) is None and int(whole.group(1)) == expected:
            expected += 1
            open_note = not _TERMINAL.search(text)
        elif pairs and trailing is not None and int(trailing.group(1)) == expected \
                and text_at(index + 1, expected + 1):
            pairs.append((blocks[index], blocks[index + 1], True))
            expected += 1
            index += 2
            continue
        index += 1
    if not pairs or expected <= 2:  # one number alone is no count
        return
    for number, text, trailing in pairs:
        if trailing:  # the number leaves the end of the note above it
            raw = _TRAILING_NUMBER.search(number.lines[-1])
            if raw is None:  # tokens in the way: left as it is
                continue
            number.lines[-1] = number.lines[-1][:raw.start()]
            text.lines = [f"{raw.group(0).strip()} {text.lines[0].lstrip()}"] + text.lines[1:]
            text.start = number.end
            continue
        text.lines = [f"{number.lines[0].strip()} {text.lines[0].lstrip()}"] + text.lines[1:]
        text.start = number.start
        text.page_break_before = text.page_break_before or number.page_break_before
    gone = {id(number) for number, _, trailing in pairs if not trailing}
    state.blocks = [block for block in blocks if id(block) not in gone]


def _endnotes_heading(blocks: list[Block]) -> int | None:
    for index in range(len(blocks) - 1, -1, -1):
        if strip_tokens(blocks[index].text).strip().rstrip(":").casefold() in NOTES_HEADINGS:
            following = blocks[index + 1:index + 2]
            if following and _ENDNOTE.match(strip_tokens(following[0].text)) or following and any(
                    p.match(strip_tokens(following[0].text)) for _, p in _DEFINITION):
                return index
    return None


def _collect_definitions(state: State, endnotes_at: int | None) -> list[Definition]:
    definitions: list[Definition] = []
    page, in_run, at_initial = 0, False, False
    references = reference_entries(state.blocks, endnotes_at)
    for index, block in enumerate(state.blocks):
        if endnotes_at is not None and index == endnotes_at:
            block.kind = "notes_heading"  # removed with its notes (_settle_notes_heading)
            page += 1
            continue
        if index in references:  # a bibliography stays a list, whatever its numbers look like
            parsed, block.kind = None, "list_item"
        else:
            parsed = (_plain_definition(block) if block.plain_note is not None else
                      _parse_definition(block.text, endnotes=endnotes_at is not None and index > endnotes_at))
        if in_run and not parsed and not block.same_page \
                and not (at_initial and _SURNAME.match(strip_tokens(block.text))):
            block.page_break_before = True  # definitions close their page (save a name's rest)
        if block.page_break_before:
            page += 1
        block.note_page = page
        in_run = bool(parsed)
        at_initial = bool(parsed) and _AT_INITIAL.search(parsed[2]) is not None
        if parsed:
            style, key, text, marker = parsed
            block.kind = "footnote_def"
            definitions.append(Definition(key, style, text, block, page, marker))
    definitions = _out_of_sequence_endnotes_as_text(definitions)
    _attach_endnote_parts(state, definitions)
    _attach_continuations(state, definitions)
    for definition in definitions:
        if definition.unfinished:  # a note of `J.` would be a note invented: text, as printed
            state.diagnostics.warning("footnote-unfinished", definition.block.start,
                                      f"footnote definition {definition.key} stops at a name's "
                                      "initial and its rest was not found; kept as text, its call too")
            definition.block.kind = "para"
    return [d for d in definitions if not d.unfinished]


def _out_of_sequence_endnotes_as_text(definitions: list[Definition]) -> list[Definition]:
    """Under the notes heading the notes count up by one. A block opening with a number that
    does not go on with the count (`112 (2011), pp. 291–300…` below note 1) is no note when
    the note above it has not ended its sentence (`…Archeion` cut at a page's end, the volume
    number opening the next page) or the next note goes on with the count from the one above
    (`2.` follows): it is the note's text, cut by the page or boxed apart by the extractor, and
    is joined to it (_attach_endnote_parts) or stays a paragraph."""
    endnotes = [d for d in definitions if d.style == "endnote"]
    dropped: set[int] = set()
    last: Definition | None = None
    for at, definition in enumerate(endnotes):
        if last is None or int(definition.key) == int(last.key) + 1:
            last = definition
            continue
        following = next((d for d in endnotes[at + 1:] if id(d) not in dropped), None)
        if not _TERMINAL.search(last.text) or (
                following is not None and int(following.key) == int(last.key) + 1):
            dropped.add(id(definition))
            definition.block.kind = "para"
        else:
            last = definition
    return [d for d in definitions if id(d) not in dropped]


def _parse_definition(text: str, endnotes: bool) -> tuple[str, str, str, str] | None:
    """(style, key, text, marker as written) of a definition block, or None."""
    plain = text.strip()
    patterns = _DEFINITION + ([("endnote", _ENDNOTE)] if endnotes else [])
    for style, pattern in patterns:
        match = pattern.match(plain)
        if match:
            return style, _key(match.group(1)), match.group(2).strip(), plain[:match.start(2)]
    return None


def _plain_definition(block: Block) -> tuple[str, str, str, str] | None:
    """A definition `page_notes` found at a page's foot; None if a later pass took its marker
    from it (the text then stays as it is)."""
    text = block.text.strip()
    match = DEFINITION_START.match(strip_tokens(text))
    if match is None:
        return None
    marker = match.group(0)
    return "plain", str(block.plain_note), text[len(marker):].strip(), marker


def _key(marker: str) -> str:
    if marker[0] in SYMBOLS:
        return marker
    return str(int("".join(str(int(unicodedata.numeric(ch))) for ch in marker)))


# A numbered note under the notes heading holds at most this many blocks after its first (its
# further paragraphs, or lines an extractor boxed apart); more is text that follows the notes.
MAX_ENDNOTE_PARTS = 4


def _attach_endnote_parts(state: State, definitions: list[Definition]) -> None:
    """The blocks between two endnotes numbered in sequence are the first one's: pdfminer boxes
    a numbered note's first line apart from the rest under a hanging indent (`1. A further 58
    bridges in the county belong to the` / `railway and canal authorities…`), and a note may
    have paragraphs of its own. After the last note, only a block in lower case below a note
    that has not ended its sentence goes on it."""
    endnotes = [d for d in definitions if d.style == "endnote"]
    place = {id(block): index for index, block in enumerate(state.blocks)}
    for definition, following in zip(endnotes, endnotes[1:] + [None]):
        start = place[id(definition.block)] + 1
        if following is not None and int(following.key) == int(definition.key) + 1:
            parts = state.blocks[start:place[id(following.block)]]
        else:
            parts = state.blocks[start:start + 1]
            if not parts or _TERMINAL.search(definition.text) or not parts[0].plain()[:1].islower():
                continue
        if not parts or len(parts) > MAX_ENDNOTE_PARTS or any(b.kind != "para" for b in parts):
            continue
        for part in parts:  # a word cut at the note's line end is decided as any (join_lines)
            definition.text = join_lines(definition.text, part.text, document_vocabulary(state),
                                         state, part.start)
            definition.continuations.append(part)
            part.kind = "footnote_def_used"
            state.audit.change("footnote_continued", part.start, part.text,
                               f"joined to endnote {definition.key} of line {definition.block.start}")


def _attach_continuations(state: State, definitions: list[Definition]) -> None:
    """A definition cut at a page end continues just above the next page's definitions; one
    cut at a column's foot, just above the next column's (on the same page); one cut at a
    name's initial, in the block right below it."""
    blocks = state.blocks
    for definition in definitions:
        initial = _AT_INITIAL.search(definition.text) is not None
        if not initial and (_TERMINAL.search(definition.text) or _URL_ONLY.match(definition.text)):
            continue
        at = blocks.index(definition.block)
        candidate = ((_surname_below(blocks, at, definition.page) if initial else None)
                     or _next_column_tail(blocks, at, definition.page)
                     or _next_page_tail(blocks, at, definition.page))
        if candidate is None:
            definition.unfinished = initial
            continue
        joined, parts = Counter(state.audit.joined), Counter(state.audit.joined_parts)
        definition.text = join_lines(definition.text, candidate.text, document_vocabulary(state),
                                     state, candidate.start)
        definition.booked.append((state.audit.joined - joined, state.audit.joined_parts - parts))
        definition.continuations.append(candidate)
        candidate.kind = "footnote_def_used"
        state.audit.change("footnote_continued", candidate.start, candidate.text,
                           f"joined to footnote {definition.key} of line {definition.block.start}")


# A note's text stopping at a name's initial (`3 J.`, its `Macrae, Forty Years…` boxed apart
# below it by an extractor reading a two-column foot): a note never ends so.
_AT_INITIAL = lazy_compile(r"(?:^|\s)[A-Z]\.$")
# The surname that goes on from the initial: a capitalised word, then a comma or a space.
_SURNAME = lazy_compile(r"^[A-Z][^\W\d_]+[,\s]")


def _surname_below(blocks: list[Block], at: int, page: int) -> Block | None:
    """The block right below a note cut at an initial, on its page, opening with a surname (and
    no note's number): the note's rest."""
    if at + 1 >= len(blocks):
        return None
    candidate = blocks[at + 1]
    text = strip_tokens(candidate.text)
    if candidate.kind != "para" or candidate.note_page != page or not _SURNAME.match(text):
        return None
    return candidate


def _next_column_tail(blocks: list[Block], at: int, page: int) -> Block | None:
    """A page of two columns with a foot under each (typst) sets the rest of a note cut at the
    first column's foot at the top of the second column's foot, above that foot's own notes;
    an extractor reading the columns one after the other writes the page's text between (the
    second column's, at least one block of it). The block right above the page's next
    definitions, below a finished sentence of that text, is the note's rest when it opens as a
    note's next line does (_goes_on) and ends a sentence (a note ends so)."""
    after = [b for b in blocks[at + 1:] if b.note_page == page]
    following = next((i for i, b in enumerate(after) if b.kind == "footnote_def"), None)
    if following is None or following < 2:  # no text of the page between the two feet
        return None
    candidate, text = after[following - 1], after[following - 2]
    before = _MARKER_TAIL.sub("", strip_tokens(text.text))
    if candidate.kind != "para" or text.kind != "para" or not _goes_on(candidate, amid=False) \
            or not SENTENCE_END.search(before.rstrip()) \
            or not _TERMINAL.search(strip_tokens(candidate.text)):
        return None
    return candidate


def _next_page_tail(blocks: list[Block], at: int, page: int) -> Block | None:
    """The rest of a note cut at its page's end, on the next page (see below), or None."""
    later = [b for b in blocks[at + 1:] if b.note_page > page]
    if not later:
        return None
    next_page = later[0].note_page
    same = [b for b in later if b.note_page == next_page]
    if len(same) < 2 and len(later) > len(same):  # a lone block (a page number not recognised
        next_page = later[len(same)].note_page  # as one) is no page of its own
        same = [b for b in later if b.note_page == next_page]
    first_definition = next((i for i, b in enumerate(same) if b.kind == "footnote_def"), len(same))
    # Just above the page's definitions; failing that (a page end not recognised, so that
    # "the page" runs on), any paragraph of it that starts in lower case after a complete one.
    # The page's first block continues the body text, not the note. A paragraph taken from
    # amid the page must end the note's sentence (a note ends so): one that stops short of
    # it (`…told us:`) is the page's text going on (a column's, on a two-column page read by
    # height), which would leave the note unfinished all the same; and it follows a finished
    # sentence, not a list's item ending in `;` or a lead-in ending in `:` (a list's next
    # item, its marker printed apart or lost).
    for candidate_index in [first_definition - 1, *range(1, first_definition - 1)]:
        if candidate_index < 1:
            continue
        candidate = same[candidate_index]
        before = _MARKER_TAIL.sub("", strip_tokens(same[candidate_index - 1].text))
        amid = candidate_index != first_definition - 1
        if candidate.kind == "para" and _goes_on(candidate, amid) and _TERMINAL.search(before) \
                and not (amid and (_STOPS_SHORT.search(strip_tokens(candidate.text))
                                   or not SENTENCE_END.search(before.rstrip()))):
            return candidate
    return None


def _goes_on(candidate: Block, amid: bool) -> bool:
    """Does the block open as a note's next line would: in lower case, or, right above the
    page's definitions, with a number that cannot open a note (`1989; the changes…` going on
    from `…between 1956 and`: a year, four digits)? A number that may be a note's is none."""
    text = strip_tokens(candidate.text)
    if text[:1].islower():
        return True
    return not amid and text[:1].isdigit() and DEFINITION_START.match(text) is None


def _mark_plain_endnote_calls(state: State, definitions: list[Definition], endnotes_at: int) -> bool:
    """Endnotes whose raised calls an extractor flattened into plain digits (`qualified.1 The
    rest`). A digit is a call only with evidence, as at a page's foot (page_notes): the notes
    under the heading are numbered 1, 2, 3… with none missing, and every one of those numbers is
    called in the paragraphs above the heading, in the same order (page_notes.calls: glued to a
    word or stop, or after a stop and a space). Those calls are marked (CALL_OPEN digits
    CALL_CLOSE, the space before one included) and the `plain` style pairs them with the notes.
    Where some calls cannot be read, those the sequence still proves (endnote_calls). False,
    nothing marked, without that evidence."""
    notes = [d for d in definitions if d.style == "endnote"]
    keys = [int(d.key) for d in notes if d.key.isdigit()]
    if not keys or keys != list(range(1, len(notes) + 1)):
        return False
    body = [(index, offset, strip_tokens(line)) for index, block in enumerate(state.blocks[:endnotes_at])
            if block.kind == "para" for offset, line in enumerate(block.lines)]
    found = calls(body, keys)
    if found is None:  # some call unread: the calls the sequence proves, the rest left as text
        found = proven_calls(state, body, keys, state.blocks[endnotes_at].start)
    if found is None:
        return False
    for line_index, begin, end in sorted(found, reverse=True):  # from the end: columns stay valid
        block_index, offset, _ = body[line_index]
        block = state.blocks[block_index]
        line = block.lines[offset]
        at = plain_offsets(line)  # the call's place in the line as written (tokens and all)
        start, stop = at[begin], at[end - 1] + 1
        block.lines[offset] = f"{line[:start]}{CALL_OPEN}{line[start:stop]}{CALL_CLOSE}{line[stop:]}"
    return True


def _endnote_call_styles(state: State, definitions: list[Definition], endnotes_at: int) -> set[str]:
    """A document calls its notes in one style. Where raised digits (`1998.¹`) and bracketed
    numbers (`a fifth [1]`) both stand in the body, the style that calls more of the notes' numbers
    calls them, and the other is something else (bracketed citations, a unit's `m²`); both remain
    candidates when they call as many."""
    keys = {d.key for d in definitions if d.style == "endnote"}
    called = {style: set() for style in ("superscript", "bracket")}
    for block in state.blocks[:endnotes_at]:
        if block.kind == "para":
            for style, found in called.items():
                found.update(k for m in _MARKER[style].finditer(block.text)
                             if (k := _key(re.sub(r"[\s\[\]^]", "", m.group(1)))) in keys)
    most = max(len(found) for found in called.values())
    return {style for style, found in called.items() if len(found) == most}


def _has_unambiguous_markers(state: State) -> bool:
    return any(_MARKER[s].search(b.text) for b in state.blocks for s in UNAMBIGUOUS)


def _link_block(state: State, block: Block, styles: set[str], page_defs: list[Definition],
                continuous: list[Definition], proven: list[Definition] = ()) -> None:
    """Each call of the block's marked styles linked to its definition: the page's, else one
    numbered on through the document. A plain call of an endnote whose calls the body's
    sequence proves (`proven`) is that endnote's, before a page's note of the same number (a
    list's item below the call read as one: the call cannot be both)."""
    if not _ANY_MARKER_CHAR.search(block.text) or code_like(block.text):  # code cites nothing
        return
    pattern = re.compile("|".join(f"(?P<{s}>{_MARKER[s].pattern})" for s in sorted(styles)
                                  if s in _MARKER))
    if not pattern.pattern:
        return

    def replace(match: re.Match) -> str:
        style = match.lastgroup
        key = _key(re.sub(rf"[\s\[\]^{CALL_OPEN}{CALL_CLOSE}]", "", match.group(style)))
        definition = ((style == "plain" and _find(proven, key, style)) or _find(page_defs, key, style)
                      or _find(continuous, key, style))
        exponent = ""
        raised = match.group(style)
        if definition is None and style == "superscript" and len(raised) > 1 and raised[0] in UNIT_EXPONENTS \
                and block.text[max(0, match.start() - 1):match.start()].isalpha():
            # `24 m³⁵`: a unit's exponent, then the call (no note 35; note 5 is there).
            rest = _key(raised[1:])
            definition = _find(page_defs, rest, style) or _find(continuous, rest, style)
            if definition is not None:
                exponent = raised[0]
        if definition is None and style == "plain":  # evidence found, pairing failed: plain text
            return match.group(style)
        if definition is None:
            if style in UNAMBIGUOUS or any(d.key == key for d in page_defs):
                code = "footnote-duplicate" if any(d.key == key for d in page_defs) else "footnote-undefined"
                state.diagnostics.warning(code, block.start, f"footnote marker {match.group(0).strip()} "
                                          "has no unused definition on its page; kept as text")
            return match.group(0)
        definition.used = True
        definition.block.kind = "footnote_def_used"
        number = len(state.notes) + 1
        text = definition.text.replace(CALL_OPEN, "").replace(CALL_CLOSE, "")  # a note cites no note
        state.notes[number] = Note(number, text, block.start, definition.block.start)
        if style == "plain":
            _book_glued_call(state, block.text[:match.start()], strip_tokens(match.group(0)))
        state.audit.remove("markers", block.start, strip_tokens(match.group(0))[len(exponent):])
        if definition.style == "plain" and definition.marker[-1:].isdigit():  # `1Text`, `1http`
            _book_glued_call(state, definition.marker, definition.text.split(" ", 1)[0], after=True)
        state.audit.remove("markers", definition.block.start, definition.marker)
        state.audit.change("footnote_links", block.start, match.group(0).strip(),
                           f"note {number} ← definition at line {definition.block.start}")
        return f"{exponent}{NOTE_OPEN}{number}{NOTE_CLOSE}"

    block.lines = [pattern.sub(replace, block.text)]
    _drop_call_marks(block)


def _drop_call_marks(block: Block) -> None:
    """A call mark that found no note is plain text again."""
    if any(CALL_OPEN in line for line in block.lines):
        block.lines = [line.replace(CALL_OPEN, "").replace(CALL_CLOSE, "") for line in block.lines]


_RUN_END = lazy_compile(r"[^\W_]+$")
_RUN_START = lazy_compile(r"^[^\W_]+")


def _book_glued_call(state: State, before: str, call: str, after: bool = False) -> None:
    """A call glued to its word (`budget10`), or a definition's number glued to its first word
    (`1http`), was one word of the source: it is booked as the word and the number it separates
    into, so the accounting still balances."""
    if after:  # `before` is the number, `call` the text that follows it
        word = _RUN_START.search(strip_tokens(call))
        if word:
            state.audit.joined_parts.update(words(before + word.group(0)))
            state.audit.joined.update(words(before + " " + word.group(0)))
        return
    if call[:1].isspace():
        return
    word = _RUN_END.search(strip_tokens(before))
    if word:
        state.audit.joined_parts.update(words(word.group(0) + call))
        state.audit.joined.update(words(word.group(0) + " " + call))


def _find(definitions: list[Definition], key: str, style: str) -> Definition | None:
    for definition in definitions:
        if not definition.used and definition.key == key and (
                definition.style == style
                or {definition.style, style} <= {"circled", "caret", "endnote", "bracket", "superscript"}
                or (style, definition.style) == ("plain", "endnote")):
            return definition
    return None
