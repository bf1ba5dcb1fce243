"""The title page: leading short blocks (title, subtitle, author) move into the metadata."""

from __future__ import annotations

import re
from collections import Counter

from .furniture import MIN_REPEATS, carries_folio, furniture_key, is_page_number
from .contents_header import CONTENTS_WORDS, split_off_contents_header
from .model import STRONG_CLOSE, STRONG_OPEN, Block, State, strip_tokens
from .unwrap_lines import CUT, document_vocabulary, join_lines
from .words import words
from .lazy_re import lazy_compile

MAX_TITLE_BLOCKS = 3
MAX_TITLE_CHARS = 250
MAX_AUTHOR_CHARS = 80


def title_page(state: State) -> State:
    if state.blocks and state.blocks[0].title_page:
        return _from_geometry(state)
    if _title_page_above_opening(state):
        return state
    if state.paged:
        if _paged_title_page(state):
            return state
        # Page ends inferred from folios: no folio ends a title page, so the first page may hold
        # the title page and the next one. Its start is read as in an export without page ends.
        if state.pages_inferred and (_unpaged_title_page(state) or _title_page_by_shape(state)):
            if state.blocks:  # the title page was a page: the text below it opens the next one
                state.blocks[0].page_break_before = True
        else:
            _title_from_head(state)
        return state
    if not _unpaged_title_page(state):
        _title_page_by_shape(state)
    return state


def _unpaged_title_page(state: State) -> bool:
    """The title page of a hard-wrapped export without page separators (pypdf): the lines above
    "Contents", above the next page's head, or leading short blocks the document repeats."""
    split_off_contents_header(state)
    above = next((i for i, b in enumerate(state.blocks[:MAX_TITLE_PAGE_LINES + 1])
                  if b.plain().strip().casefold() in CONTENTS_WORDS), None)
    # The next page's head, the title again with its folio (`2 Public Libraries in Small Towns`),
    # ends the title page where no form feed does.
    head = _first_head(state.blocks)
    if head is None:
        state.blocks, head = _head_inside(state.blocks)
    if head and (not above or head < above):
        above = head
    if above and (any(len(b.lines) > 1 for b in state.blocks[:above]) or above > MAX_TITLE_BLOCKS
                  or above == head) and _paged_title_page(state, state.blocks[:above]):
        return True
    blocks = state.blocks
    lead = []
    # (read on past MAX_TITLE_BLOCKS: see `capped` below)
    for index, block in enumerate(blocks[:MAX_TITLE_PAGE_LINES]):
        plain = block.plain().strip()
        if (plain.casefold() in CONTENTS_WORDS or len(plain) > MAX_TITLE_CHARS or plain.endswith(".")
                or is_page_number(plain) or carries_folio(plain)):  # a title page has no folio
            break
        if index and furniture_key(block.text) == furniture_key(blocks[0].text):  # the next head
            break
        # Below the title and one line, a short block right above running text is its heading
        # (`Overview`); the line after the title may be the author even so.
        if index > 1 and _opens_text(blocks, index):
            break
        lead.append(block)
    # More title-page lines than MAX_TITLE_BLOCKS run on before the text (a subtitle wrapped,
    # one author a line, a date: pypdf on troff's cover, which writes no blank line between
    # them): the lead's first blocks would take the subtitle's second line for the author, or
    # the subtitle, author and date for one subtitle, and leave the rest in the text. The lines
    # above the first heading are read by their shape instead, where they read so.
    capped = sum(len(block.lines) for block in lead) > MAX_TITLE_BLOCKS
    lead = lead[:MAX_TITLE_BLOCKS]
    if capped and _title_page_by_shape(state):
        return True
    if not lead or not _is_title_page(state, lead):
        return False
    # A block of several lines (pypdf and pdfminer set a title page's lines together) is read
    # line by line, as a page is: one field a line, a date apart (`Helen Achterberg` / `Daniel
    # Osei` / `2025-02-03` are no subtitle).
    if any(len(block.lines) > 1 for block in lead[1:]) and _lines_of_title_page(state, lead):
        return True
    title = re.sub(r"\s+", " ", lead[0].plain()).strip()
    main, _, subtitle = title.partition(": ")
    state.meta["title"] = main.strip()
    rest = [re.sub(r"\s+", " ", b.plain()).strip() for b in lead[1:]]
    authors = _authors(rest)
    between = rest[:len(rest) - len(authors)]  # lines between the title and the authors
    if len(between) == 1 and not subtitle:
        subtitle, between = between[0], []
    if between:  # lines the title page cannot account for: only the title moves
        authors, rest = [], []
    if subtitle.strip():
        state.meta["subtitle"] = subtitle.strip()
    if authors:
        state.meta["author"] = _author_value(authors)
    lead = lead[:1 + len(rest)]
    for block in lead:
        _moved(state, block.start, block.plain())
        state.audit.moved_words.update(words(block.plain()))
    state.blocks = blocks[len(lead):]
    return True


def _lines_of_title_page(state: State, lead: list) -> bool:
    """`_paged_title_page` on the leading blocks; the metadata as it was when they are no title
    page read so."""
    meta = dict(state.meta)
    if _paged_title_page(state, lead):
        return True
    state.meta.clear()
    state.meta.update(meta)
    return False


def _repeats(state: State, blocks: list, line: str) -> int:
    """How many times `line` recurs as a running head (as furniture is compared: case, spaces
    and folios aside): among the heads page_edges took off the pages' edges, and among the
    lines of `blocks`."""
    key = furniture_key(line)
    if not key:
        return 0
    return sum(furniture_key(head) == key for head in state.running_heads) + \
        sum(furniture_key(text) == key for block in blocks for text in block.lines)


def _recurring_keys(blocks: list) -> set[str]:
    """Keys of the lines standing at least MIN_REPEATS times at a block's edge (running heads
    that page_furniture has not yet removed)."""
    counts: Counter = Counter()
    for block in blocks:
        for line in {block.lines[0], block.lines[-1]}:
            if len(line) <= MAX_TITLE_CHARS:
                counts[furniture_key(line)] += 1
    return {key for key, n in counts.items() if key and n >= MIN_REPEATS}


def _first_head(blocks: list) -> int | None:
    """The index of the first block that opens with the first one's words and carries a folio
    (the second page's running head, repeating a title perhaps wrapped), within a title page's
    reach; else None."""
    key = furniture_key(blocks[0].text) if blocks else ""
    for index, block in enumerate(blocks[1:MAX_TITLE_PAGE_LINES + 1], start=1):
        if key and carries_folio(block.plain().strip()) and furniture_key(block.text).startswith(key):
            return index
    return None


def _head_inside(blocks: list) -> tuple[list, int | None]:
    """`_first_head` where pypdf set the next page's head (`2 How Long Does Stored Seed Live?`)
    as the last line of the title page's block, with no blank line or page end between: that
    block is parted before the head, which opens a block of its own (the head's index)."""
    key = furniture_key(blocks[0].lines[0]) if blocks and blocks[0].lines else ""
    seen = 0
    for index, block in enumerate(blocks[:MAX_TITLE_PAGE_LINES]):
        for offset, line in enumerate(block.lines):
            seen += 1
            if seen > MAX_TITLE_PAGE_LINES + 1:
                return blocks, None
            if offset and key and carries_folio(line.strip()) and furniture_key(line).startswith(key):
                above = Block(block.lines[:offset], block.start, block.start + offset - 1, block.kind,
                              block.level, block.page_break_before).carry(block)
                below = Block(block.lines[offset:], block.start + offset, block.end, block.kind, block.level)
                return blocks[:index] + [above, below] + blocks[index + 1:], index + 1
    return blocks, None


# A paragraph of running text opens with a line at least this long.
MIN_TEXT_CHARS = 60


def _opens_text(blocks: list, index: int) -> bool:
    """A short block right above running text is its heading (`Overview`), not a title page line."""
    following = blocks[index + 1].plain().strip() if index + 1 < len(blocks) else ""
    return len(following) >= MIN_TEXT_CHARS and bool(re.search(r"[.!?]", following))


# A printed date, as title pages set it (`January 3, 2024`, `3 January 2024`, `2024-01-03`):
# read into the `date` metadata (ISO), never taken for an author. Month names in English.
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")
# The shapes those formats can match at all: only a line of one of them is given to strptime,
# whose first call costs more than the whole pass (it builds its locale tables).
_DATE_SHAPE = lazy_compile(r"[^\W\d_]+ \d{1,2},? \d{4}|\d{1,2} [^\W\d_]+ \d{4}|\d{4}-\d{1,2}-\d{1,2}")


def printed_date(text: str) -> str | None:
    """The ISO form of a line that is a date and nothing else; else None."""
    import datetime as dt

    cleaned = re.sub(r"\s+", " ", re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)).strip()
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, form).date().isoformat()
        except ValueError:
            continue
    return None


def _looks_like_a_name(text: str) -> bool:
    """An author line is short and capitalised ("Xinhua Institute", "Jane Doe and Li Wei"); a
    paragraph fragment cut at a page end is not."""
    tokens = re.findall(r"[^\W\d_]+", text)
    capitalised = sum(1 for t in tokens if t[0].isupper())
    return 0 < len(text) <= MAX_AUTHOR_CHARS and len(tokens) <= 12 and capitalised >= 0.6 * len(tokens)


def _is_title_page(state: State, lead: list) -> bool:
    first = lead[0]
    text = first.text.strip()
    if text.startswith(STRONG_OPEN) and text.endswith(STRONG_CLOSE):
        return True
    following = state.blocks[len(lead):len(lead) + 2]
    if any(b.plain().strip().casefold() in CONTENTS_WORDS for b in following):
        return True
    key = furniture_key(first.text)
    return sum(1 for b in state.blocks if furniture_key(b.text) == key) >= MIN_REPEATS


# A printed title page holds a few short lines: title (perhaps wrapped), subtitle, author, date.
MAX_TITLE_PAGE_LINES = 12
# A title wrapped after one of these words continues on the next line.
_JOINING_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
                  "the", "to", "with", "&", "—", "–", "-"}
# A title page's line that ends a sentence: running text, not a title page. A title may ask a
# question (`Can Everyone Hear the Siren?`): a question mark ending a line is no such evidence.
_SENTENCE = lazy_compile(r"[.!]$")


# The words opening at least this share of the running heads are the title.
TITLE_HEAD_SHARE = 0.6


def _title_from_head(state: State) -> None:
    """Without a title page, the running head that most pages carry names the document."""
    heads = [re.sub(r"\s+", " ", text).strip().split(" ")
             for text in state.running_heads if not is_page_number(text)]
    if len(heads) < MIN_REPEATS:
        return
    # The words most heads open with: heads that pair the title with the chapter's (as pypdf
    # joins a page's two heads) share the title.
    prefix: list[str] = []
    for words_ in sorted(heads, key=len):
        for size in range(len(words_), 0, -1):
            if size > len(prefix) and sum(h[:size] == words_[:size] for h in heads) >= TITLE_HEAD_SHARE * len(heads):
                prefix = words_[:size]
                break
    text = " ".join(prefix).strip(" |·—–-")
    if text and len(text) <= MAX_TITLE_CHARS:
        state.meta["title"] = re.sub(r"\s+", " ", text).strip()
        state.diagnostics.notice("title-from-head", None, f"no title page: the title “{state.meta['title']}” "
                                 "is the running head that most pages carry")


# A title wrapped over lines may leave this many words on its last line.
MAX_WRAP_REST_WORDS = 2
# An author line (a person or a body) has at most this many words.
MAX_AUTHOR_WORDS = 8
_DIGIT = lazy_compile(r"\d")


def _authors(lines: list[str]) -> list[str]:
    """The author lines closing a title page: names (capitalised, no digits), one a line. A
    first line with function words ("An Evaluation of the First Two Years") is the subtitle
    when every line below it could be a name too."""
    names: list[str] = []
    for line in reversed(lines):
        # (a line opening in lower case goes on from the line above: `in Three Alpine Valleys`)
        if (_DIGIT.search(line) or len(line.split()) > MAX_AUTHOR_WORDS or line[:1].islower()
                or not _looks_like_a_name(line) or _NUMBERED_HEADING.match(line)
                or _SALUTATION.match(line) or _NO_NAME.search(line)):
            # (`Dear Ms Okafor,` opens a letter, `Present:` introduces what follows, `• Cllr
            # Ruth Mabey` is a list's item: no author line)
            break
        names.insert(0, line)
    if names and len(names) == len(lines) and len(names) > 1 and _has_function_words(names[0]):
        names = names[1:]
    # A line ending in a word that joins (`… the Presiding Justices of the`) goes on on the next
    # line: that line (`Northern Circuit`) ends the subtitle, it is no name.
    if names and len(names) < len(lines) and _ends_joining(lines[len(lines) - len(names) - 1]):
        names = names[1:]
    # A word alone below a line of the subtitle, above names of several words each, is what the
    # subtitle's wrap left over (`Valleys`), not a name.
    if 1 < len(names) < len(lines) and len(names[0].split()) == 1 \
            and all(len(name.split()) >= MIN_NAME_WORDS for name in names[1:]):
        names = names[1:]
    return names


# A line that is no author's: a label introducing what follows (`Present:`), a list's item.
_NO_NAME = lazy_compile(r"^[•▪◦‣*·-]\s|:$")


def _author_value(names: list[str], body: list[Block] | None = None) -> str | list[str]:
    """The author metadata of the author lines: a word alone below the one name above it is
    that name wrapped (a body's: `Kelsby Water Services, Network Engineering` / `Group`); so is
    a line that the text, below the title page (`body`), writes right after the last word of
    the line above, as one name (`Harwick Borough Council, Environmental` / `Health Service`:
    `the Environmental Health Service`)."""
    if body and len(names) > 1:
        text = " ".join(" ".join(block.plain().split()) for block in body)
        joined = [names[0]]
        for name in names[1:]:
            if re.search(rf"(?<!\w){re.escape(joined[-1].split()[-1] + ' ' + name)}(?!\w)", text):
                joined[-1] = f"{joined[-1]} {name}"
            else:
                joined.append(name)
        names = joined
    if len(names) == 2 and len(names[1].split()) == 1 and len(names[0].split()) >= MIN_NAME_WORDS:
        names = [f"{names[0]} {names[1]}"]
    return names if len(names) > 1 else names[0]


# A person's name has at least this many words (`Ruth Adeyemi`).
MIN_NAME_WORDS = 2


def _parted_names(rest: list[str], gaps: list[bool], authors: list[str]) -> list[str]:
    """The authors, where the export shows the space a title page sets between its parts (a
    blank line, `gaps`): a name-like line set right below the subtitle's line, with no space
    between, while space parts it from the names below, is the subtitle's wrapped last line
    (`Audibility Tests … in Three` / `Alpine Valleys`, then space, then the authors)."""
    first = len(rest) - len(authors)
    if not authors or not first or gaps[first]:
        return authors
    below = next((index for index in range(first + 1, len(rest)) if gaps[index]), None)
    return rest[below:] if below is not None else authors


def _common_words_above_names(rest: list[str], authors: list[str], body: list[Block]) -> list[str]:
    """The authors, where a name-like line stands right below the subtitle's line (which ends
    with no stop) and above names: when the text uses every word of it in lower case, as common
    words (`Alpine Valleys`: `steep alpine catchments`, `the three valleys`), and no word of the
    names below it, that line is the subtitle's wrapped last line, not a name: a person's name is
    no common words of the text. (Where the export shows no space between a title page's
    parts, as pypdf and pdftotext do: `_parted_names` reads the space where there is some.)"""
    first = len(rest) - len(authors)
    if not first or len(authors) < 2 or _NOT_A_HEADING_END.search(rest[first - 1]):
        return authors
    lower = {token for block in body for token in _WORD.findall(block.plain()) if token.islower()}

    def used(line: str) -> list[bool]:
        return [token.casefold() in lower for token in _WORD.findall(line)]

    if all(used(authors[0])) and not any(any(used(name)) for name in authors[1:]):
        return authors[1:]
    return authors


_WORD = lazy_compile(r"[^\W\d_]+")


def _subtitle_alone(state: State, rest: list[str], authors: list[str], end: int) -> bool:
    """The one line below the title, read as its author, has a subtitle's joining words and
    recurs nowhere as a running head (`An Evaluation of the First Two Years`): where the page
    end inferred from the folios fell below it, the author's line, which the head repeats,
    opens the next page."""
    return (len(rest) == 1 and authors == rest and _has_function_words(rest[0])
            and _repeats(state, state.blocks[end:], rest[0]) < MIN_REPEATS)


def _ends_joining(line: str) -> bool:
    """The line ends in a word that joins (`of the`, `and`) or in a possessive (`to the
    Council's`: the thing possessed is on the next line): its phrase goes on below."""
    last = re.sub(r"\s+", " ", strip_tokens(line)).strip().rsplit(" ", 1)[-1]
    return last.casefold() in _JOINING_WORDS or bool(_POSSESSIVE_END.search(last))


# A word in the possessive case (`Council's`, `Region’s`) needs the noun it qualifies after it.
_POSSESSIVE_END = lazy_compile(r"[^\W\d_]['’]s$")


def _has_function_words(line: str) -> bool:
    return any(word.casefold() in _JOINING_WORDS for word in line.split())


# A first page's last line at least this share of the text's long lines (its 90th percentile
# length) is a full line of running text, which may go on over the page; a title page's lines
# are short and centred.
MIN_RUN_ON_SHARE = 0.8


def _runs_on(state: State, line: str) -> bool:
    """The first page's last line can go on over the page: it ends in a hyphen, a comma or a
    word that joins, or is a full line. (A name or a title line followed by lower-case text is
    an extractor reading a second column first, not a sentence running on.)"""
    text = re.sub(r"\s+", " ", strip_tokens(line)).strip()
    if not text or text[-1] in "-,;" or text.rsplit(" ", 1)[-1].casefold() in _JOINING_WORDS:
        return True
    lengths = sorted(len(l.strip()) for block in state.blocks for l in block.lines)
    return len(text) >= MIN_RUN_ON_SHARE * lengths[int(0.9 * (len(lengths) - 1))]


def _paged_title_page(state: State, first_page: list | None = None, by_shape: bool = False) -> bool:
    """The first page of a paged export (or the lines above its contents list), when it is a
    title page: its lines become the title, subtitle and author. A title wrapped over lines is
    rejoined where a running head repeats it whole, or where a line ends in a word that cannot
    end a title or in a hyphen."""
    if first_page is None:
        first_page = []
        for block in state.blocks:
            if block.page_break_before and first_page:
                break
            first_page.append(block)
        if len(first_page) == len(state.blocks):
            return False
        following = state.blocks[len(first_page)].plain().lstrip()
        if following[:1].islower() and _runs_on(state, first_page[-1].lines[-1]):
            return False  # the first page's text goes on over the page: no title page
    lines = _uncut([(block, offset, re.sub(r"\s+", " ", line).strip())
                    for block in first_page for offset, line in enumerate(strip_tokens(l) for l in block.lines)])
    texts = [text for _, _, text in lines]
    # Whether a blank line parts each line from the one above (the space between a title page's parts)
    gaps = [bool(index) and not offset and block.start != lines[index - 1][0].end + 1
            for index, (block, offset, _) in enumerate(lines)]
    if not texts or len(texts) > MAX_TITLE_PAGE_LINES or any(
            _SENTENCE.search(t) or len(t) > MAX_TITLE_CHARS or t.casefold() in CONTENTS_WORDS
            # a number on its own is a folio, unless it ends a range wrapped after its dash
            or is_page_number(t) and not (i and texts[i - 1].endswith(_RANGE_DASHES) and t[:1].isdigit())
            for i, t in enumerate(texts)):
        return False
    date = printed_date(texts[-1]) if len(texts) > 1 else None
    if date:  # the date closing the page (below the authors): no part of title or names
        texts = texts[:-1]
    heads = {furniture_key(text) for text in state.running_heads}
    if not state.paged:  # the heads are still in the text: lines that recur, folios aside
        heads |= _recurring_keys(state.blocks[len(first_page):])
    take = 0
    for count in range(1, min(4, len(texts)) + 1):
        if furniture_key(_join_wrapped(texts[:count])) in heads:
            take = count
    if not take:
        take = 1
        while take < len(texts) and (_ends_joining(texts[take - 1])
                                     or texts[take][:1].islower()
                                     # a word or two left over by the wrap, with more lines below
                                     or len(texts[take].split()) <= MAX_WRAP_REST_WORDS
                                     and take + 1 < len(texts) and not _DIGIT.search(texts[take])):
            take += 1
        take = _wrapped_title_lines(texts, take)
    title = _join_wrapped(texts[:take])
    main, _, subtitle = title.partition(": ")
    rest = texts[take:]
    authors = _parted_names(rest, gaps[take:], _authors(rest))
    authors = _common_words_above_names(rest, authors, state.blocks[len(first_page):])
    # A running head that repeats the title page's author line (the author, an organisation),
    # where pypdf joined the pages with nothing between them: the next page's head can stand
    # right below that line (`Margaret Ellery` twice), the second one the head; or the page end
    # inferred from the folios falls above the author line, which the head repeats, so that the
    # title page seems to have no author. Either way the line is the author, once.
    doubled_head = None
    if len(state.blocks) > len(first_page) + 1:
        following = state.blocks[len(first_page)]
        if len(authors) > 1 and authors[-1] in (authors[-2], ", ".join(authors[:-1])) and not date \
                and len(first_page[-1].lines) == 1 \
                and _repeats(state, state.blocks[len(first_page):], authors[-1]) >= MIN_REPEATS:
            doubled_head = first_page[-1]
            authors, rest = authors[:-1], rest[:-1]
        elif (not authors or _subtitle_alone(state, rest, authors, len(first_page))) \
                and not by_shape and state.pages_inferred and len(following.lines) == 1 \
                and following.page_break_before and _authors([following.plain().strip()]) \
                and _repeats(state, state.blocks[len(first_page) + 1:], following.plain()) >= MIN_REPEATS:
            first_page = [*first_page, following]
            authors = [re.sub(r"\s+", " ", following.plain()).strip()]
            rest = [*rest, authors[0]]
            state.blocks[len(first_page)].page_break_before = True
    # Found by shape alone, a title page is all accounted for: the title, a subtitle line at
    # most, then its authors; a numbered first line is a heading (`Chapter 1`, `2. Methods`).
    between = rest[:len(rest) - len(authors)]
    if by_shape and (not authors or len(between) > (0 if subtitle else 1)
                     # (a subtitle wrapped over two lines is one subtitle)
                     and not (not subtitle and len(between) == 2 and _one_paragraph(between))
                     or _NUMBERED_HEADING.match(title)):
        return False
    state.meta["title"] = main.strip()
    if authors:
        state.meta["author"] = _author_value(authors, state.blocks[len(first_page):])
        rest = rest[:len(rest) - len(authors)]
    if rest and not subtitle:
        subtitle = _join_wrapped(rest)
        rest = []
    if subtitle.strip():
        state.meta["subtitle"] = subtitle.strip()
    if rest:  # lines left over stay in the text
        return False
    if date and "date" not in state.file_meta:
        state.meta.setdefault("date", date)
    for block in first_page:
        if block is doubled_head:  # furniture, as page_furniture would have removed it
            state.audit.remove("running_heads", block.start, block.plain())
            state.running_heads.append(block.plain())
            continue
        _moved(state, block.start, block.plain())
        state.audit.moved_words.update(words(block.plain()))
    state.blocks = state.blocks[len(first_page):]
    return True


_RANGE_DASHES = ("–", "-")

# A line breaks where the next word would not fit: a line followed by more of its paragraph is,
# with the next line's first word, longer than the paragraph's longest line. Characters measure
# proportional type roughly, so "longer" allows this share of slack.
WRAP_FIT_SLACK = 0.15


def _one_paragraph(lines: list[str]) -> bool:
    """The lines can be one paragraph broken where its words ran out of room (same type):
    no line could have taken the next line's first word."""
    measure = max(len(line) for line in lines)
    return all(len(line) + 1 + len(following.split(" ", 1)[0]) > (1 - WRAP_FIT_SLACK) * measure
               for line, following in zip(lines, lines[1:]))


def _wrapped_title_lines(texts: list[str], take: int) -> int:
    """How many title-page lines the title holds, where no running head says: the lines between
    the title and the authors would be one subtitle, but cannot be one paragraph (a short line
    above a longer one that could have taken its first word: `Masonry Arch Bridges` above
    `Principal Inspection Programme, 2019–2024`), while the title with the first of them can
    (`Condition of the County's` could not take `Masonry`): that line ends the wrapped title.
    A title wrapped over three lines or more (`The Narrow-Gauge` / `Railways of the Western` /
    `Valleys` above `A History, 1868–1934`) takes as many lines as leave one paragraph below it,
    each of them wrapped from the line above."""
    start = take
    while True:
        between = texts[take:len(texts) - len(_authors(texts[take:]))]
        if len(between) < 2 or _one_paragraph(between):
            return take
        if not _one_paragraph(texts[:take + 1]) or ": " in _join_wrapped(texts[:take]):
            return start
        take += 1


def _uncut(lines: list[tuple]) -> list[tuple]:
    """The title page's (block, offset, text) lines, a line ending in a word cut at its end
    (`Network Plan-` / `ning Team`, `Ma\u00ad` / `sonry`) joined with the line that ends the word:
    a line opening in lower case after a cut is no line of its own (no author `ning Team`)."""
    joined: list[tuple] = []
    for block, offset, text in lines:
        if joined and text[:1].islower() and (joined[-1][2].endswith("\u00ad")
                                             or joined[-1][2].endswith(CUT) and joined[-1][2][-2:-1].isalpha()):
            above = joined[-1]
            joined[-1] = (above[0], above[1], _join_wrapped([above[2], text]))
            continue
        joined.append((block, offset, text))
    return joined


def _join_wrapped(lines: list[str]) -> str:
    """Title-page lines wrapped from one: a word cut at a line end is one word (`Western Val-` /
    `leys`; `Ma\u00ad` / `sonry`, a soft hyphen, printed only where the line broke), a range cut
    after its dash one range (`2010–` / `2024`)."""
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("\u00ad"):
            text = text[:-1] + line
        elif text.endswith(CUT) and line[:1].islower():
            text = text[:-1] + line
        elif text.endswith(_RANGE_DASHES) and line[:1].isdigit():
            text += line
        else:
            text = f"{text} {line}"
    return text


# A heading's number or label opening a line: `Chapter 1`, `Part II`, `2.`, `2.1`, `IV.`.
_NUMBERED_HEADING = lazy_compile(r"^(?:(?:chapter|part|section|book|appendix)\s+\w+|[IVXLC]+\.|"
                               r"\d{1,3}(?:\.\d{1,3})*\.?)(?:\s|:|$)", re.I)


# Below a title page found by its shape, the first heading stands on a line of this many
# characters at most, and the running text under it opens with lines of MIN_TEXT_LINE_WORDS
# words at least, up to a sentence's end or for TEXT_SENTENCE_REACH lines (a title page's lines
# are fewer words, or stand above a short one).
MAX_HEADING_LINE_CHARS = 80
MIN_TEXT_LINE_WORDS = 6
TEXT_SENTENCE_REACH = 4
_SENTENCE_IN = lazy_compile(r"[.!?][”’\"')\]]*(?:\s|$)")
# Running text above a heading: a sentence ended, or a question asked with more text after it
# on its line (a title asking a question ends its line).
_TEXT_ABOVE = lazy_compile(r"[.!][”’\"')\]]*(?:\s|$)|\?[”’\"')\]]*\s+\S")
_NOT_A_HEADING_END = lazy_compile(r"[.!?;,:]$")


def _title_page_by_shape(state: State) -> bool:
    """A title page no page end, contents list or running head marks (pypdf, a design whose
    heads do not repeat the title): the leading lines above the first heading and its running
    text, when they read as title, subtitle and authors; reported, as the evidence is the lines'
    shape alone. A narrow column may hold the title page's lines in one block with the text
    below them: the block is split where the heading starts."""
    lines: list[tuple[int, int, str]] = []  # (block index, line offset, text)
    gaps = 0
    for index, block in enumerate(state.blocks):
        # Only lines running on without a page end or a blank line (which would part a title
        # page from the text in an export of another shape), but for one blank line: the space
        # a cover page leaves below its lines (pypdf on troff's cover).
        gaps += bool(index) and block.start != state.blocks[index - 1].end + 1
        if index and (block.page_break_before or gaps > 1) \
                or len(lines) > MAX_TITLE_PAGE_LINES + TEXT_SENTENCE_REACH:
            break
        lines += [(index, offset, re.sub(r"\s+", " ", strip_tokens(line)).strip())
                  for offset, line in enumerate(block.lines)]
    texts = [text for _, _, text in lines]
    for at in range(1, min(len(texts) - 1, MAX_TITLE_PAGE_LINES + 1)):
        if _TEXT_ABOVE.search(texts[at - 1]):
            return False  # running text before any heading: no title page above it
        heading = texts[at]
        # The heading opens running text; a chapter's head may stand above it, the same line
        # twice, running text below them (a line twice above another heading is the title page's
        # author line and the next page's head repeating it: `Institute for …` twice, `Key Findings`).
        if (not heading or len(heading) > MAX_HEADING_LINE_CHARS or _NOT_A_HEADING_END.search(heading)
                or not (heading[:1].isupper() or heading[:1].isdigit())
                or not (texts[at + 1] == heading and _opens_running_text(texts, at + 2)
                        or _opens_running_text(texts, at + 1))):
            continue
        first_line = state.blocks[0].start
        if _split_title_page(state, lines[at][0], lines[at][1]):
            state.diagnostics.notice("title-page-from-shape", first_line,
                                     f"no page end after the title page: its {at} lines above the first "
                                     f"heading (“{heading}”) were taken for title, subtitle and author by "
                                     "their shape")
            if texts[at + 1] == heading:
                _drop_doubled_head(state)
            return True
    return False


# A letter's salutation (`Dear Ms Okafor,`, `Dear Sir or Madam,`): a short line opening `Dear`.
_SALUTATION = lazy_compile(r"^Dear\s+(?:[^\W\d_][\w.'’-]*\s+)*?([^\W\d_][\w'’-]*)\s*[,:]?$")
MAX_SALUTATION_CHARS = 60
# The address block above a salutation holds at most this many lines (name, role, body, street,
# town, postcode).
MAX_ADDRESS_LINES = 6
# A title an address block opens with, where the salutation names nobody.
_HONORIFIC = lazy_compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr|Councillor|The Rt Hon)\.?\s",)


def _title_page_above_opening(state: State) -> bool:
    """A title page that runs, with no page end between, into the opening of a letter or a
    paper whose text does not open with a heading above running text (`_title_page_by_shape`):
    - a letter: the salutation (`Dear Ms Okafor,`) follows the address block, short lines that
      would read as more authors; the block opens on the line naming the salutation's addressee
      (`Ms Harriet Okafor`), or, where it names nobody, on the nearest line opening with a
      title (`Dr`, `Cllr`), and the title page ends above it;
    - a printed date closing the title page's lines, with a blank line below it (the space a
      title page leaves): an attendance list or a label may follow, no running text.
    The lines above must read as a title page by their shape alone; reported."""
    lines: list[tuple[int, int, str]] = []
    gaps: list[bool] = []
    for index, block in enumerate(state.blocks):
        if index and block.page_break_before and not state.pages_inferred:
            break
        for offset, line in enumerate(block.lines):
            lines.append((index, offset, re.sub(r"\s+", " ", strip_tokens(line)).strip()))
            gaps.append(bool(index) and not offset and block.start != state.blocks[index - 1].end + 1)
        if len(lines) > MAX_TITLE_PAGE_LINES + MAX_ADDRESS_LINES:
            break
    texts = [text for _, _, text in lines]
    end, evidence = None, ""
    for at, text in enumerate(texts[:MAX_TITLE_PAGE_LINES + MAX_ADDRESS_LINES + 1]):
        if _SENTENCE.search(text):
            break  # running text before any letter or date: not this shape
        if at >= 2 and len(text) <= MAX_SALUTATION_CHARS and (match := _SALUTATION.match(text)):
            name = match.group(1).casefold()
            reach = range(at - 1, max(0, at - MAX_ADDRESS_LINES - 1), -1)
            end = next((line for line in reach if name in {w.casefold() for w in _WORD.findall(texts[line])}),
                       None)
            if end is None:
                end = next((line for line in reach if _HONORIFIC.match(texts[line])), None)
            evidence = f"the address block above the salutation “{text}”"
            break
        if 0 < at < len(texts) - 1 and gaps[at + 1] and printed_date(text):
            end, evidence = at + 1, f"the date “{text}” and the space below it"
            break
    if not end or end < 2 or end > MAX_TITLE_PAGE_LINES:
        return False
    blocks = state.blocks
    if texts[end - 1] == texts[end - 2] and lines[end - 1][1]:
        # The title page's last line twice (`Kilbride … Association` twice): the second is the
        # next page's head repeating it, set apart as a block of its own (`_paged_title_page`
        # reads it so).
        _part(state, *lines[end - 1][:2])
        lines = [(i + (i > lines[end - 1][0] or i == lines[end - 1][0] and o >= lines[end - 1][1]),
                  o - (o >= lines[end - 1][1] and i == lines[end - 1][0]) * lines[end - 1][1], t)
                 for i, o, t in lines]
    index, offset, _ = lines[end]
    first_line = state.blocks[0].start
    if not _split_title_page(state, index, offset, heading=False):
        state.blocks = blocks
        return False
    if state.pages_inferred and state.blocks:  # the title page was a page: the text opens the next
        state.blocks[0].page_break_before = True
    state.diagnostics.notice("title-page-from-shape", first_line,
                             f"no page end after the title page: its {end} lines above {evidence} were "
                             "taken for title, subtitle and author by their shape")
    return True


def _part(state: State, index: int, offset: int) -> None:
    """Block `index` parted before its line `offset` (a new list of blocks)."""
    block = state.blocks[index]
    above = Block(block.lines[:offset], block.start, block.start + offset - 1, block.kind,
                  page_break_before=block.page_break_before).carry(block)
    below = Block(block.lines[offset:], block.start + offset, block.end, block.kind).carry(block)
    state.blocks = state.blocks[:index] + [above, below] + state.blocks[index + 1:]


def _drop_doubled_head(state: State) -> None:
    """The next page opens with its chapter's head above the chapter's heading, the same line
    twice: the outer one is the head, furniture (as page_edges reads a page's top)."""
    block = state.blocks[0]
    head = block.lines[0]
    state.audit.remove("running_heads", block.start, head)
    state.running_heads.append(head)
    state.diagnostics.info("furniture-heading", block.start, f"“{head[:60]}” heads the page that also "
                           "holds it as a heading: the head removed, the heading kept")
    if len(block.lines) > 1:
        block.lines, block.start = block.lines[1:], block.start + 1
    else:
        following = state.blocks[1] if len(state.blocks) > 1 else None
        if following is not None:
            following.page_break_before = following.page_break_before or block.page_break_before
        del state.blocks[0]


def _opens_running_text(texts: list[str], at: int) -> bool:
    """Lines of running text from `at` on: long lines until a sentence ends (or for as many as
    TEXT_SENTENCE_REACH lines, a sentence's start)."""
    for offset, text in enumerate(texts[at:at + TEXT_SENTENCE_REACH]):
        if offset and _SENTENCE_IN.search(text):
            return True
        if len(text.split()) < MIN_TEXT_LINE_WORDS:
            return False
        if _SENTENCE_IN.search(text):
            return True
    return len(texts) - at >= TEXT_SENTENCE_REACH


def _split_title_page(state: State, index: int, offset: int, heading: bool = True) -> bool:
    """The blocks above line `offset` of block `index` as a title page found by shape; the
    blocks stay as they were when they do not read as one. With `heading`, the line at the
    split is a heading, parted from the text run into its block."""
    blocks = state.blocks
    if offset:
        block = blocks[index]
        above = Block(block.lines[:offset], block.start, block.start + offset - 1, block.kind,
                      page_break_before=block.page_break_before).carry(block)
        below = Block(block.lines[offset:], block.start + offset, block.end, block.kind).carry(block)
        state.blocks = blocks[:index] + [above, below] + blocks[index + 1:]
        index += 1
    if _paged_title_page(state, state.blocks[:index], by_shape=True):
        heading_ = state.blocks[0]
        if heading and len(heading_.lines) > 1:  # the heading, run into its text's block, stands alone
            text = Block(heading_.lines[1:], heading_.start + 1, heading_.end, heading_.kind).carry(heading_)
            heading_.lines, heading_.end = heading_.lines[:1], heading_.start
            state.blocks.insert(1, text)
        return True
    state.blocks = blocks
    return False


def _from_geometry(state: State) -> State:
    """A title page a reader saw (a PDF's first page, large type, little text): the largest
    block is the title, one set between it and the rest the subtitle, then a name the author.
    Lines repeating a metadata value already known (a publisher) move too; the rest stay."""
    page = [b for b in state.blocks if b.title_page]
    sizes = [b.pdf.size for b in page]
    title_at = sizes.index(max(sizes))
    roles = {title_at: "title"}
    rest = list(range(title_at + 1, len(page)))
    bold = [b.pdf.bold for b in page]
    if len(rest) > 1 and all(sizes[rest[0]] > sizes[i] for i in rest[1:]) or \
            len(rest) == 1 and not _looks_like_a_name(page[rest[0]].plain()) or \
            len(rest) > 1 and bold[rest[0]] == bold[title_at] != bold[rest[1]]:
        # Set smaller than the title and larger than the rest; or in the title's weight where
        # what follows is not (troff's ms: a bold title and subtitle, the author in italic).
        roles[rest.pop(0)] = "subtitle"
    def name(index: int) -> bool:
        plain = page[index].plain()
        return _looks_like_a_name(plain) and not printed_date(plain)

    if rest and name(rest[0]):
        first = rest.pop(0)
        roles[first] = "author"
        # Several authors set one a block, in the first author's size: each a name, all authors.
        while rest and sizes[rest[0]] == sizes[first] and name(rest[0]):
            roles[rest.pop(0)] = "author"
    dates = [index for index in rest if printed_date(page[index].plain())]
    if dates and "date" not in state.file_meta and "date" not in state.meta:
        roles[dates[0]] = "date"
    authors: list[str] = []
    known = {str(v).strip().casefold() for v in [*state.meta.values(), *state.file_meta.values()]}
    vocabulary = document_vocabulary(state)
    kept = []
    for index, block in enumerate(page):
        if index not in roles and re.sub(r"\s+", " ", block.plain()).strip().casefold() not in known:
            kept.append(block)
            continue
        text = block.lines[0]
        for line in block.lines[1:]:  # a title wrapped (and hyphenated) over lines
            text = join_lines(text, line, vocabulary, state, block.start)
        text = re.sub(r"\s+", " ", strip_tokens(text)).strip()
        names = [text for _, _, text in _uncut([(block, offset, re.sub(r"\s+", " ", strip_tokens(line)).strip())
                                                for offset, line in enumerate(block.lines)])]
        if roles.get(index) == "author":  # one name a line, or a block: several authors
            dated = [name for name in names if printed_date(name)]  # `January 3, 2024` below
            if dated and len(dated) < len(names) and "date" not in state.file_meta:
                state.meta.setdefault("date", printed_date(dated[0]))
                names = [name for name in names if name not in dated]
                text = " ".join(names)
            authors += names if len(names) > 1 and all(map(_looks_like_a_name, names)) else [text]
            state.meta["author"] = _author_value(authors, [b for b in state.blocks if not b.title_page])
        elif roles.get(index) == "date":
            state.meta["date"] = printed_date(text)
        elif index in roles:
            state.meta[roles[index]] = text
        _moved(state, block.start, text)
        state.audit.moved_words.update(words(text))
    state.blocks = kept + state.blocks[len(page):]
    return state


def _moved(state: State, line: int, text: str) -> None:
    """A title-page line moved to the metadata: in the audit, and for page_furniture."""
    state.audit.change("title_page", line, text, "moved to metadata")
    state.title_lines.append(text)
