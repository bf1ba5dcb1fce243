"""The normaliser's working model: blocks of text with their source line span, and the audit.

Inline markup inside a block is carried as private-use tokens, so that passes see plain text and
only the Markdown writer knows Markdown syntax: EMPH/STRONG open and close, NOTE_OPEN n
NOTE_CLOSE, and links (LINK_OPEN, the link's name, the text, LINK_CLOSE).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from .lazy_re import lazy_compile

EMPH_OPEN, EMPH_CLOSE = "\ue010", "\ue011"
STRONG_OPEN, STRONG_CLOSE = "\ue012", "\ue013"
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
# A flattened note call that `page_notes` found evidence for (CALL_OPEN digits CALL_CLOSE): the
# digits stay text until `footnotes` pairs the call with its definition.
CALL_OPEN, CALL_CLOSE = "\ue002", "\ue003"
# A link over the text between LINK_OPEN and LINK_CLOSE. The character after LINK_OPEN names it:
# chr(LINK_BASE + i) for the URI State.links[i] (a plane-15 private-use character, no digit a
# pass could read as a number). strip_tokens removes the three.
LINK_OPEN, LINK_CLOSE = "\ue004", "\ue005"
LINK_BASE = 0xF0000
LINK_START = lazy_compile(f"{LINK_OPEN}([\U000F0000-\U000FFFFD])")
# The URL schemes that may become links; any other stays text (with a diagnostic).
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# The footnote-marker alphabet, written once: the passes that find notes, keep definitions out of
# the furniture and start list items and definitions on their own line all read it here.
CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"  # ①…⑳ and ㉑…㊿ (a character class range)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SYMBOLS = "*†‡§¶"
# The marks of a bulleted list's items: a hyphen, the bullet, an en dash (typst's third level), an
# asterisk, and the triangular and white bullets that typesetters give a nested list's items
# (typst: `‣`).
BULLETS = "-•–*‣◦"
# A list item lettered or numbered in Roman figures between brackets (`(a)`, `(iv)`): the item's
# text follows a space.
LETTERED = lazy_compile(r"\((?:[a-z]|[ivx]{1,4})\)\s+(?=\S)")
# A block whose text ends a sentence (its final stop, perhaps inside closing quotes or brackets).
COMPLETE = lazy_compile(r"[.!?:…][”’\"')\]]*\s*$")
# A line that ends a sentence (no colon: a line ending in one introduces what follows).
SENTENCE_END = lazy_compile(r"[.!?…][”’\"')\]]*$")
# A stop that may close an abbreviation rather than a sentence: an initial (`K.`) or a word with
# points inside it (`e.g.`, `i.e.`).
ABBREVIATION_END = lazy_compile(r"(?:^|\s)(?:[^\W\d_]|[^\W\d_]+\.[^\W\d_.]+)\.$")
# A short lower-case word and its stop, which in a note introduces a number (`pp.`, `p.`, `no.`,
# `vol.`, `ed.`), or a citation's locator in any case (`Vol.`, `paras.`): a line of a note ending
# so, with a number opening the next, has not ended.
NUMBERING_ABBREVIATION = lazy_compile(
    r"(?:^|[\s(])(?:[a-z]{1,3}|(?i:pp?|vols?|nos?|chs?|figs?|paras?|secs?|cols?))\.$")
# A line that stops inside a word: a letter, then a hyphen, a soft hyphen or U+2010.
CUT_WORD = lazy_compile(r"[^\W\d_][-\u00ad\u2010]$")
# A sentence's end followed by its note call flattened to digits, the notes unread (`…see
# another.16`, `…"severe".17`, `…not).7`): a word of letters before the stop (a number before it
# is a decimal, `58.5`), not an abbreviation that a number follows (`no.17`, `pp.12`).
CALLED_END = lazy_compile(r"(?<![^\W\d_])(?!(?i:no|nos|pp?|vol|figs?|ch|art|para|sec|eq|ed|cf|vs)[.])"
                          r"[^\W\d_]{2,}[”’\"')\]]*[.!?…][”’\"')\]]*\d{1,3}$")
# A figure's or a table's caption set as a line of its own: a label and its number, a colon or a
# stop, then the caption, opening with a capital or a figure (`Figure 1: Visits by site, 2019–20 to
# 2023–24`, `Table 3. Rates by district`). It ends no sentence, yet nothing runs on from it or into
# it: the figure or table it names stands between it and the text (a label opening a clause in lower
# case, `Figure 2: the`, or a cut word, is a sentence's line).
CAPTION = lazy_compile(r"^(?:Figure|Fig\.|FIGURE|Table|TABLE|Chart|Map|Plate|Exhibit|Graph|Diagram)\s+"
                       r"(?:\d{1,3}(?:\.\d{1,3})?|[A-Z]|[IVXLC]{1,5})[:.]\s+[“\"‘(]?[A-Z0-9]")
# A caption longer than this is a paragraph opening with a reference to a figure.
MAX_CAPTION_CHARS = 160
# A line ending in a word that leaves its phrase open (`…April 2019 to`) is a caption wrapped
# onto the next line (a narrow column's), not a whole one.
_OPEN_PHRASE = lazy_compile(r"\s(?i:a|an|and|as|at|between|by|for|from|in|into|of|on|or|per|than|the|to|with)$")
TOKENS = EMPH_OPEN + EMPH_CLOSE + STRONG_OPEN + STRONG_CLOSE


@dataclass(slots=True)
class PdfEvidence:
    """Where a block of a PDF source stands on its page (readers/pdf writes it)."""

    page: int
    line: int  # its first line's number on the page
    size: float  # its first line's font size: title_page ranks a title page's lines by it
    bold: bool = False  # all its lines bold: title_page tells a subtitle set in the title's weight
    note: str | None = None  # a footnote area's note: its marker (readers/pdf continues a note cut at a page end)


@dataclass(slots=True)
class Block:
    """A run of non-blank source lines (a paragraph, a heading, a definition, a head...).

    Everything one pass tells a later one about a block is a declared field below, with the
    pass that writes it and the passes that read it: Block has slots, so a field not declared
    here cannot be written (tests/test_model.py)."""

    lines: list[str]
    start: int  # first source line, 1-based
    end: int  # last source line
    # para (a block quote is a para marked `quote`), heading, footnote_def, caption, list_item,
    # table_row, code (code_blocks: command lines, left as they are and written fenced)
    kind: str = "para"
    level: int = 0  # heading level
    page_break_before: bool = False
    # -- evidence of the reader (PDF geometry) --
    pdf: PdfEvidence | None = None  # readers/pdf writes; title_page reads (size), readers/pdf (note)
    literal: bool = False  # readers/pdf writes (the text is what a page shows: no markup in it); convert_html reads
    one_paragraph: bool = False  # readers/pdf writes (its lines are one paragraph or heading); unwrap_lines, contents_list read
    # readers/pdf writes (a page's first paragraph continues the previous page's last one: True
    # or False by geometry, None without evidence), number_rows too (a row, and the text after a
    # table, continues nothing: False), headings too (the text below a label in capitals: False),
    # reflow too (a numbered paragraph, numbered_paragraphs: False); heal_page_breaks reads
    continues: bool | None = None
    title_page: bool = False  # readers/pdf writes (a line group of the title page); title_page reads
    # -- results of the passes --
    item: bool = False  # list_markers writes (a list item found by its marker printed apart); reflow reads
    # split_blocks, block_quotes write (a quotation set apart: lines quote_indents found
    # indented, or at a narrower measure than the body's); reflow, page_notes, markdown_writer
    # read (it stays one block, written as `> `)
    quote: bool = False
    # number_rows writes (a table's header or row printed among wrapped lines: a block of its own,
    # whole); page_notes keeps it, reflow, captions, heal_page_breaks read
    table: bool = False
    # page_notes writes (a definition found at a page's foot by position: its note's key); footnotes reads
    plain_note: int | None = None
    same_page: bool = False  # page_notes writes (below a column's notes, but on their page); footnotes reads
    note_page: int = -1  # footnotes writes and reads (the page a block is on, counted by page breaks; -1 before)
    level_unknown: bool = False  # headings writes and reads (a heading whose level the document decides last)
    credit: str | None = None  # captions writes (a caption's credit); markdown_writer, accounting read
    dateline: str | None = None  # captions writes (a story's dateline); heal_page_breaks, markdown_writer, accounting read

    def carry(self, source: Block) -> Block:
        """This block with the declared evidence and results of `source` (one of its pieces)."""
        for name in CARRIED:
            setattr(self, name, getattr(source, name))
        return self

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def plain(self) -> str:
        """The text without inline tokens."""
        return strip_tokens(self.text)


# The fields a piece of a block inherits from it: all but the text, its place and its kind.
CARRIED = tuple(name for name in Block.__dataclass_fields__ if name not in (
    "lines", "start", "end", "kind", "level", "page_break_before"))


@dataclass(slots=True)
class Note:
    number: int
    text: str  # inline text, tokens allowed
    marker_line: int
    definition_line: int


@dataclass(slots=True)
class Audit:
    """What the normaliser removed (by class) and changed, with source lines."""

    removed: dict[str, list[dict]] = field(default_factory=dict)
    changed: dict[str, list[dict]] = field(default_factory=dict)
    # words that left the text on purpose; the accounting balances against them
    removed_words: Counter = field(default_factory=Counter)
    moved_words: Counter = field(default_factory=Counter)  # into metadata
    joined: Counter = field(default_factory=Counter)  # words made by joining parts
    joined_parts: Counter = field(default_factory=Counter)

    def remove(self, cls: str, line: int, text: str) -> None:
        from .words import words

        self.removed.setdefault(cls, []).append({"line": line, "text": text})
        self.removed_words.update(words(text))

    def change(self, cls: str, line: int, before: str, after: str) -> None:
        self.changed.setdefault(cls, []).append({"line": line, "before": before, "after": after})


@dataclass(slots=True)
class State:
    """Everything the passes share: the blocks, the notes, metadata found in the text.

    Passes hand each other data through these declared fields only (slots: no other can be
    written), each below `-- handed from pass to pass --` with the passes that write and read
    it. The audit is what the normaliser reports: passes write it and never read its entries
    back (tests/test_model.py)."""

    path: str
    text: str = ""
    name: str = ""  # the document's name (source file stem): its identity
    file_meta: dict = field(default_factory=dict)  # from sources/NAME.yaml; wins over the text
    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)  # from the text itself (title page)
    audit: Audit = field(default_factory=Audit)
    diagnostics: Diagnostics = None  # type: ignore[assignment]
    # -- handed from pass to pass --
    # The printed contents entries (evidence): contents_list writes; headings reads.
    contents: list[dict] = field(default_factory=list)
    # The source line of each line of `text`, where a pass reordered lines: columns writes;
    # columns, split_blocks and contents_list read (None: the lines are in source order).
    line_numbers: list[int] | None = None
    # Pages set in two columns in a layout export, whose rows lose the blank line
    # between two paragraphs of a column where the other column's line stands in the gap:
    # columns writes; reflow reads (line lengths then find paragraph ends in every block).
    columns_read: bool = False
    # The export separates its pages: readers/pdf and page_edges write; page_furniture,
    # page_notes, headings and title_page read.
    paged: bool = False
    # The page ends were inferred from folios (an export without form feeds): the first page may
    # still hold the title page and the next one, as no folio ends a title page. infer_pages
    # writes; title_page reads.
    pages_inferred: bool = False
    # The lines (indices into `text`, which no pass changes between the two) of the quotations
    # a layout export indents from its page's margin: quote_indents writes; split_blocks reads.
    quote_lines: set[int] = field(default_factory=set)
    # The first and the last printed line of each line pypdfium2 joined at a line-end hyphen (the
    # text before its first U+FFFE and after its last, cleaned), by source line: clean_characters
    # writes; reflow reads (a joined line that ends a paragraph had the room its last printed line
    # left, not its whole length's).
    joined_lines: dict[int, tuple[str, str]] = field(default_factory=dict)
    # The document's own words (dehyphenation): readers/pdf or unwrap_lines writes, once;
    # unwrap_lines reads.
    vocabulary: Counter | None = None
    # A PDF source (read with its geometry): the first source line of each page, so that a line
    # number is shown as `page N, line M` (where()): readers/pdf writes; page_edges and reflow read.
    pages: list[int] = field(default_factory=list)
    # The text of each running head removed: readers/pdf, page_edges and page_furniture write;
    # title_page reads (the title a document without a title page repeats at its page tops).
    running_heads: list[str] = field(default_factory=list)
    # The text of each block moved to the metadata: title_page writes; page_furniture reads (a
    # title repeated as the first page's head).
    title_lines: list[str] = field(default_factory=list)
    # The URI of each link (index i: a LINK_OPEN followed by chr(LINK_BASE + i)): readers/pdf
    # writes (http, https and mailto only); markdown_writer reads.
    links: list[str] = field(default_factory=list)
    # The word accounting (accounting.account): source writes (normalise_file); pipeline reads
    # (the audit report).
    accounting: dict | None = None
    # A Markdown source's images, checked (assets.Asset by target as written): readers/markdown
    # writes; pipeline reads (it copies them beside the canonical Markdown).
    assets: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.diagnostics is None:
            self.diagnostics = Diagnostics(self.path)

    def where(self, line: int) -> str:
        """A source line as the user finds it: `412`, or `page 3, line 12` in a PDF."""
        if not self.pages or not line:
            return str(line)
        import bisect

        page = bisect.bisect_right(self.pages, line)
        return f"page {page}, line {line - self.pages[page - 1] + 1}" if page else str(line)


_NOTE_CALL = lazy_compile(f"{NOTE_OPEN}\\d+{NOTE_CLOSE}")


_ANY_TOKEN = lazy_compile(f"[{NOTE_OPEN}{NOTE_CLOSE}{CALL_OPEN}{CALL_CLOSE}{LINK_OPEN}{LINK_CLOSE}{TOKENS}]")


# Memoised: passes ask for the same blocks' plain text again and again (the headings pass alone
# about 40 times a block); the function is pure, and a string hashes once.
@functools.lru_cache(maxsize=1 << 14)
def strip_tokens(text: str) -> str:
    if not _ANY_TOKEN.search(text):  # most text has none
        return text
    if NOTE_OPEN in text:
        text = _NOTE_CALL.sub("", text)
    if LINK_OPEN in text:
        text = LINK_START.sub("", text)
    return _ANY_TOKEN.sub("", text)  # far faster than str.translate on long text


_REMOVED_BY_STRIP = lazy_compile(f"{_NOTE_CALL.pattern}|{LINK_START.pattern}|{_ANY_TOKEN.pattern}")


def plain_offsets(text: str) -> list[int]:
    """For each character of strip_tokens(text), its index in `text` (and, last, len(text)): a
    place found in the plain text, put back where the text is written with its tokens."""
    offsets: list[int] = []
    at = 0
    for match in _REMOVED_BY_STRIP.finditer(text):
        offsets.extend(range(at, match.start()))
        at = match.end()
    offsets.extend(range(at, len(text) + 1))
    return offsets


def link_open(index: int) -> str:
    """The token opening the link to State.links[index]."""
    return LINK_OPEN + chr(LINK_BASE + index)


def caption_line(block: Block) -> bool:
    """The block is a caption (CAPTION), whole: one printed line of its own, or a caption wrapped
    over lines that the blank lines (or reflow) set apart, no longer than a caption is."""
    text = block.plain().strip()
    return len(text) <= MAX_CAPTION_CHARS and whole_caption(text)


def whole_caption(line: str) -> bool:
    """The line is a caption (CAPTION) printed whole: not cut in a word or in a phrase."""
    return bool(CAPTION.match(line)) and not CUT_WORD.search(line) and not _OPEN_PHRASE.search(line)
