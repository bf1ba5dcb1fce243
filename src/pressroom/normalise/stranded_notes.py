"""A page's note lines that the extractor wrote apart from their notes (a helper of page_notes).

groff sets a sentence's end with a wider space; poppler's `pdftotext` (without -layout) may cut
a note's printed line there, and writes the rest of the line, and the note's next lines, as
blocks of their own anywhere in the page's foot: right below the note, below the page's last
note, after the footer (`Page 1 of 4`), even before the line they follow:

    2 The technical annex is published separately and runs to 180 pages.
    naires and the minutes of every public meeting.
    Page 1 of 4
    It contains the full gauging records, the survey question-

The foot zone of a page is the run of lines from the first definition of its last foot to the
page's end. Lines there that are neither a definition nor its own wrapped lines are pieces: a
piece between two notes is the note's above it (the notes of one foot are set together); pieces
below the page's last note are taken for its notes only with evidence that they are not the
page's text (see `_evidence`). Pieces are chained into runs of text (a hyphen join that makes a
word of the document or one the hyphenation patterns allow, a line that ends no sentence going
on in the next piece, a piece opening in lower case going on from the one run left open) and
each chain goes to a note: the note it stands below, else the notes left open (their line ends
no sentence), else the foot's last notes in order (the extractor writes the pieces in their
notes' order). Any doubt leaves the page as it is, with a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .furniture import carries_folio, is_page_number
from .model import CALL_CLOSE, CALL_OPEN, SENTENCE_END, Block, State, strip_tokens
from .lazy_re import lazy_compile

# A page's foot holds a note's pieces, its footer and folio: more lines of pieces than this below
# the page's last note are text of the page (a paragraph), not a note's lines.
MAX_STRANDED_LINES = 4
# Between two notes, a note's rest is a line or two (the rest of its first line, its last line);
# more is text of the page (the next column's, read between two columns' feet).
MAX_BETWEEN_LINES = 2
# A line that stops inside a word: a letter, then a hyphen (a soft one, U+2010).
# A word joined from two halves is known when the document writes it, or writes it without an
# ending of at most MAX_ENDING letters (`questionnaire` for `questionnaires`), a stem of at least
# MIN_STEM letters.
MAX_ENDING = 2
MIN_STEM = 5
_CUT_WORD = lazy_compile(r"([^\W\d_]+)[-\u00ad\u2010]$")
_FIRST_WORD = lazy_compile(r"^([^\W\d_]+)")
_LETTER = lazy_compile(r"[^\W\d_]")
_DIGIT = lazy_compile(r"\d")
_TRAILING_DIGITS = lazy_compile(r"\d+$")
# A numbered line heading a section (`2. The Basin Today`): it ends without a stop, yet ends.
_HEADING_LIKE = lazy_compile(r"^\d{1,3}(?:\.\d{1,3})*\.?\s+[A-Z][^.!?]{0,70}$")


@dataclass
class Plan:
    """What the page's foot zone becomes: new roles, the order the lines are rebuilt in (a note's
    pieces after all the page's other lines, chained), and whether the evidence is the page's
    own ("strong") or needs the document's (see page_notes: "weak")."""

    roles: list
    order: list[int]
    strength: str
    taken: list[tuple[int, int]] = field(default_factory=list)  # (note, first source line)


@dataclass
class _Piece:
    indices: list[int]
    anchor: int | None  # the note it stands below, between its definition and the next one
    role: str  # "body": the page's text so far; "cont": already a note's line


def stranded_lines(state: State, page: list[Block], lines: list[tuple[int, int, str]], roles: list,
                   next_page: list[Block], vocabulary) -> Plan | None:
    """The plan for the page's foot zone, or None where nothing is stranded or evidence lacks.
    `vocabulary()`: the document's vocabulary (read only when a hyphen join asks for it)."""
    notes = [(index, role[1]) for index, role in enumerate(roles)
             if isinstance(role, tuple) and role[0] == "note"]
    if not notes:
        return None
    # The page's last foot: its notes count up by one to the last note of the page.
    first = len(notes) - 1
    while first > 0 and notes[first - 1][1] == notes[first][1] - 1:
        first -= 1
    foot = notes[first:]
    zone_start = foot[0][0]
    numbers = [number for _, number in foot]
    if any(role == "heading" or isinstance(role, tuple) and role[0] == "tail"
           for role in roles[zone_start:]):
        return None  # a heading below the notes, or tails already read: not this shape
    new_roles = list(roles)
    heads = {_key(text) for text in state.running_heads}
    pieces: list[_Piece] = []
    footers: list[int] = []
    current_note: int | None = None
    own = False  # the line above is a definition's or its own wrapped line, in its block
    for index in range(zone_start, len(lines)):
        bi, _, text = lines[index]
        role = roles[index]
        same_block = index > 0 and lines[index - 1][0] == bi
        if isinstance(role, tuple):
            current_note, own = role[1], True
            continue
        if role == "folio":
            footers.append(index)
            own = False
            continue
        if role == "body" and _furniture_like(text, heads):
            own = False
            continue  # a head or footer left at the foot (pypdfium2 writes them last): kept
        if own and same_block and role == "cont":
            continue  # the note's own wrapped line
        own = False
        if pieces and same_block and pieces[-1].indices[-1] == index - 1 and pieces[-1].role == role:
            pieces[-1].indices.append(index)
            continue
        pieces.append(_Piece([index], current_note, role))
    # A body piece below the page's last note stands below no note of its own: it is anchored
    # only between two notes.
    last_note_line = foot[-1][0]
    for piece in pieces:
        if piece.role == "body" and piece.indices[0] > last_note_line:
            piece.anchor = None
    body = [piece for piece in pieces if piece.role == "body"]
    if not body:
        return None
    if any(CALL_OPEN in page[lines[index][0]].lines[lines[index][1]] for piece in body for index in piece.indices):
        return None  # text calling a note (the next column's, read below this one's notes)
    between: dict[int, int] = {}  # note → lines of text below it, above the next note
    for piece in body:
        if piece.anchor is not None:
            between[piece.anchor] = between.get(piece.anchor, 0) + len(piece.indices)
    if any(count > MAX_BETWEEN_LINES for count in between.values()) or sum(
            len(piece.indices) for piece in body if piece.anchor is None) > MAX_STRANDED_LINES:
        return None
    texts = {index: lines[index][2].strip() for index in range(zone_start, len(lines))}
    for piece in body:
        if piece.anchor is None and any(_LETTER.search(texts[i]) is None for i in piece.indices):
            return None  # a number or a mark alone: a folio, a table's cell, not a note's words
    chains = _chains(pieces, texts, vocabulary)
    if chains is None:
        _uncertain(state, page, lines, body, "the pieces do not join into runs of text")
        return None
    # Each chain's note.
    owner: dict[int, int] = {}  # chain index → note number
    free: list[int] = []
    for at, chain in enumerate(chains):
        anchors = {piece.anchor for piece in chain if piece.anchor is not None}
        if len(anchors) > 1:
            _uncertain(state, page, lines, body, "a run of text stands below two notes")
            return None
        if anchors:
            owner[at] = anchors.pop()
        else:
            free.append(at)
    if any(all(piece.role == "cont" for piece in chains[at]) for at in free):
        return None
    note_text = _note_texts(lines, roles, zone_start)
    waiting = [number for number in numbers if number not in owner.values()]
    open_notes = [number for number in waiting if not _ends(note_text.get(number, ""))]
    if free:
        if open_notes:
            if len(open_notes) != len(free):
                _uncertain(state, page, lines, body, "the pieces do not match the notes left open")
                return None
            targets = open_notes
        elif len(free) <= len(waiting):
            targets = waiting[len(waiting) - len(free):]
        else:
            _uncertain(state, page, lines, body, "more runs of text than notes")
            return None
        for at, number in zip(free, targets):
            owner[at] = number
    strength = _evidence(page, lines, roles, zone_start, chains, free, footers, next_page,
                         lambda text: _printed_elsewhere(state, text))
    if strength is None:
        _uncertain(state, page, lines, body, "they may be the page's text")
        return None
    # Rebuild order: every other line as it stands, then each chain's lines in chain order.
    moved = [index for chain in chains for piece in chain for index in piece.indices]
    moved_set = set(moved)
    order = [index for index in range(len(lines)) if index not in moved_set] + moved
    plan = Plan(new_roles, order, strength)
    for at, chain in enumerate(chains):
        for piece in chain:
            for index in piece.indices:
                new_roles[index] = ("tail", owner[at])
        if any(piece.role == "body" for piece in chain):
            plan.taken.append((owner[at], page[lines[chain[0].indices[0]][0]].start
                               + lines[chain[0].indices[0]][1]))
    return plan


def footers_in_foot(lines: list[tuple[int, int, str]], roles: list) -> None:
    """Mark as "folio" the footer the extractor wrote amid the page's foot zone (below its first
    note, a note's lines after it, where page_edges, which reads the page's edge, left it): a
    worded page number in figures (`Page 1 of 4`; a bare number there may be a note's, `3.`, and a
    lone letter a formula's, `x`, which reads as a Roman folio)."""
    first = next((index for index, role in enumerate(roles) if isinstance(role, tuple)), None)
    if first is None:
        return
    for index in range(first, len(lines)):
        text = lines[index][2].strip()
        if roles[index] in ("body", "cont") and is_page_number(text) and _LETTER.search(text) \
                and _DIGIT.search(text):
            roles[index] = "folio"


def _furniture_like(text: str, heads: set[str]) -> bool:
    """A line that is a running head or footer rather than a note's: one printed with a page
    number (`Porthallow Harbour Commissioners 9`), or repeating a head removed elsewhere."""
    text = text.strip()
    return carries_folio(text) and not SENTENCE_END.search(text) or _key(text) in heads


def _key(text: str) -> str:
    """A head's words, case and numbers aside."""
    return " ".join("#" if word.isdigit() else word for word in strip_tokens(text).casefold().split())


def _ends(text: str) -> bool:
    """Does a note's text as read end (a sentence's stop, not a word cut by a hyphen)?"""
    text = text.rstrip()
    return bool(SENTENCE_END.search(text))


def _note_texts(lines, roles, start: int) -> dict[int, str]:
    """Each note's text as read so far: its definition and its own lines ("cont")."""
    texts: dict[int, str] = {}
    current = None
    for index in range(start, len(lines)):
        role = roles[index]
        if isinstance(role, tuple) and role[0] == "note":
            current = role[1]
            texts[current] = lines[index][2].strip()
        elif role == "cont" and current is not None:
            texts[current] = f"{texts[current]} {lines[index][2].strip()}"
        elif role != "folio":
            current = None if role == "body" else current
    return texts


def _chains(pieces: list[_Piece], texts: dict[int, str], vocabulary) -> list[list[_Piece]] | None:
    """The pieces as runs of text, in the order the first piece of each stands; None when a
    piece could go on in more than one way."""
    count = len(pieces)
    above_text = [texts.get(piece.indices[0] - 1, "") for piece in pieces]
    first_text = [texts[piece.indices[0]] for piece in pieces]
    last_text = [texts[piece.indices[-1]] for piece in pieces]
    following: dict[int, int] = {}
    preceding: dict[int, int] = {}

    def link(a: int, b: int) -> None:
        following[a], preceding[b] = b, a

    def lower(at: int) -> bool:
        return first_text[at][:1].islower()

    def loose(at: int) -> bool:
        """Free to go on from another piece: below no note, or below a line that ended its
        sentence (a piece below `…Central Mu-` goes on with its own note)."""
        return pieces[at].anchor is None or bool(SENTENCE_END.search(above_text[at]))

    # 1. A word cut by a hyphen and its other half, wherever that stands: the joined word is one
    # the document writes (or a form of one, see _known), or, the one half there is, a break the
    # hyphenation patterns allow.
    for at in range(count):
        cut = _CUT_WORD.search(last_text[at])
        if cut is None:
            continue
        halves = [other for other in range(count) if other != at and other not in preceding
                  and lower(other) and loose(other) and _FIRST_WORD.match(first_text[other])]
        known = [other for other in halves
                 if _known(cut.group(1) + _FIRST_WORD.match(first_text[other]).group(1), vocabulary())]
        if len(known) == 1:
            link(at, known[0])
        elif known:
            return None
        elif len(halves) == 1 and _allowed(cut.group(1), _FIRST_WORD.match(first_text[halves[0]]).group(1)):
            link(at, halves[0])  # the one half there is, where the patterns allow the break
    # 2. A piece that ends no sentence goes on in the next piece, as read.
    for at in range(count - 1):
        if at in following or SENTENCE_END.search(last_text[at]) or _CUT_WORD.search(last_text[at]):
            continue
        if at + 1 not in preceding and not _HEADING_LIKE.match(last_text[at]):
            link(at, at + 1)
    # 3. A piece opening in lower case left alone goes on from the one run still open.
    for at in range(count):
        if at in preceding or not lower(at) or pieces[at].anchor is not None:
            continue
        ends = {_end_of(other, following) for other in range(count) if other not in preceding}
        open_ends = [end for end in ends if end != _end_of(at, following)
                     and not SENTENCE_END.search(last_text[end]) and end not in following]
        if len(open_ends) != 1:
            return None
        link(open_ends[0], at)
    chains = []
    seen: set[int] = set()
    for at in range(count):
        if at in preceding:
            continue
        chain, step = [], at
        while step is not None and step not in seen:
            seen.add(step)
            chain.append(pieces[step])
            step = following.get(step)
        chains.append(chain)
    if len(seen) != count:
        return None  # a loop: no run of text starts it
    return chains


def _end_of(at: int, following: dict[int, int]) -> int:
    seen = {at}
    while at in following and following[at] not in seen:
        at = following[at]
        seen.add(at)
    return at


def _known(word: str, vocabulary) -> bool:
    """Is `word` (two halves joined) a word of the document, or one of its words with a short
    ending added (`questionnaire` written, `question-` / `naires` joined)?"""
    word = word.casefold()
    if vocabulary[word]:
        return True
    return any(vocabulary[word[:cut]] for cut in range(len(word) - MAX_ENDING, len(word))
               if cut >= MIN_STEM)


def _allowed(first: str, second: str) -> bool:
    """Do the hyphenation patterns the project uses (unwrap_lines') allow `first`-`second`?"""
    from .unwrap_lines import DEFAULT_LANG, _pattern_allows
    return len(first) >= 2 and _pattern_allows(first.casefold(), second.casefold(), DEFAULT_LANG)


def _printed_elsewhere(state: State, text: str) -> bool:
    """Does the document print the line `text` elsewhere too: an entry of its contents list, a
    line or a block's lines (a chapter's heading, which pypdf writes again as the page's running
    head after its text)? (Asked only of a piece that would be taken by its open end alone: rare,
    so the document is read then.)"""
    key = _key(text)
    return any(_key(entry["text"]) == key for entry in state.contents) or sum(
        _key(" ".join(block.lines)) == key or any(_key(line) == key for line in block.lines)
        for block in state.blocks) > 1


def _evidence(page: list[Block], lines, roles, zone_start: int, chains, free: list[int],
              footers: list[int], next_page: list[Block], printed_elsewhere) -> str | None:
    """How strongly the page says its pieces are not its text: "strong", "weak" or None.
    Pieces between two notes are a note's (the notes of a foot are set together). Below the
    last note: the text above the foot goes on in lower case on the next page (nothing of it
    stands between); or the page's text above ended, and a run opens in lower case or stands on
    both sides of the footer (text of the page is not written around it), or ends no sentence
    while the next page opens otherwise. Runs that read as whole sentences are "weak"."""
    if not free:
        return "strong"
    at = next((i for i in range(zone_start - 1, -1, -1) if roles[i] == "body" and lines[i][2].strip()), None)
    above = lines[at][2].strip() if at is not None else ""
    if at is not None and page[lines[at][0]].lines[lines[at][1]].rstrip().endswith(CALL_CLOSE):
        # the sentence ends before the call marked after it (`…only four of twelve agreed.6`)
        above = _TRAILING_DIGITS.sub("", above)
    next_lines = [strip_tokens(line).strip() for block in next_page for line in block.lines]
    next_first = next((line for line in next_lines if line), "")
    body_open = bool(above) and not SENTENCE_END.search(above) and not _HEADING_LIKE.match(above)
    next_lower = next_first[:1].islower()
    if body_open:
        return "strong" if next_lower else None
    for at in free:
        chain = chains[at]
        indices = [index for piece in chain for index in piece.indices]
        opens_lower = strip_tokens(lines[indices[0]][2]).strip()[:1].islower()
        last = lines[chain[-1].indices[-1]][2].strip()
        around_footer = any(min(indices) < footer < max(indices) for footer in footers)
        reordered = indices != sorted(indices)
        # (a run ending no sentence, the next page opening anew, is a note's only where it is no
        # line the document prints elsewhere: `Chapter 1: Slate, Sheep and Distance` below the
        # page's last note is the chapter's head)
        if opens_lower or around_footer or reordered or not SENTENCE_END.search(last) and not next_lower \
                and not (len(indices) == 1 and printed_elsewhere(last)):
            return "strong"
    return "weak"


def _uncertain(state: State, page: list[Block], lines, body: list[_Piece], why: str) -> None:
    index = body[0].indices[0]
    line = page[lines[index][0]].start + lines[index][1]
    state.diagnostics.info("note-lines-apart", line,
                           f"“{lines[index][2].strip()[:60]}” stands among the page's notes, "
                           f"apart from them; kept as text: {why}")
