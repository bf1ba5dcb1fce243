"""The normaliser's working model: blocks of text with their source line span, and the audit.

Inline markup inside a block is carried as private-use tokens, so that passes see plain text and
only `emit` knows Markdown syntax: EMPH/STRONG open and close, and NOTE_OPEN n NOTE_CLOSE.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics

EMPH_OPEN, EMPH_CLOSE = "\ue010", "\ue011"
STRONG_OPEN, STRONG_CLOSE = "\ue012", "\ue013"
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
# A flattened note call that `page_notes` found evidence for (CALL_OPEN digits CALL_CLOSE): the
# digits stay text until `footnotes` pairs the call with its definition.
CALL_OPEN, CALL_CLOSE = "\ue002", "\ue003"
# The footnote-marker alphabet, written once: the passes that find notes, keep definitions out of
# the furniture and start list items and definitions on their own line all read it here.
CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf"  # ①…⑳ and ㉑…㊿ (a character class range)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SYMBOLS = "*†‡§¶"
# A block whose text ends a sentence (its final stop, perhaps inside closing quotes or brackets).
COMPLETE = re.compile(r"[.!?:…][”’\"')\]]*\s*$")
# A line that ends a sentence (no colon: a line ending in one introduces what follows).
SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*$")
TOKENS = EMPH_OPEN + EMPH_CLOSE + STRONG_OPEN + STRONG_CLOSE


@dataclass
class Block:
    """A run of non-blank source lines (a paragraph, a heading, a definition, a head...)."""

    lines: list[str]
    start: int  # first source line, 1-based
    end: int  # last source line
    kind: str = "para"  # para, heading, footnote_def, caption, list_item
    level: int = 0  # heading level
    page_break_before: bool = False
    data: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def plain(self) -> str:
        """The text without inline tokens."""
        return strip_tokens(self.text)


@dataclass
class Note:
    number: int
    text: str  # inline text, tokens allowed
    marker_line: int
    definition_line: int


@dataclass
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


@dataclass
class State:
    """Everything the passes share: the blocks, the notes, metadata found in the text."""

    path: str
    text: str = ""
    name: str = ""  # the document's name (source file stem): its identity
    file_meta: dict = field(default_factory=dict)  # from sources/NAME.yaml; wins over the text
    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)  # from the text itself (title page)
    contents: list[dict] = field(default_factory=list)  # printed contents entries (evidence)
    audit: Audit = field(default_factory=Audit)
    # The source line of each line of `text`, where a pass reordered lines (columns); else None.
    line_numbers: list[int] | None = None
    paged: bool = False  # the export separates its pages (form feeds): page_edges found them
    vocabulary: Counter | None = None  # the document's own words, once measured (dehyphenation)
    diagnostics: Diagnostics = None  # type: ignore[assignment]
    # A PDF source (read with its geometry): the first source line of each page, so that a line
    # number is shown as `page N, line M`. Empty for text sources.
    pages: list[int] = field(default_factory=list)

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


_NOTE_CALL = re.compile(f"{NOTE_OPEN}\\d+{NOTE_CLOSE}")


_ANY_TOKEN = re.compile(f"[{NOTE_OPEN}{NOTE_CLOSE}{CALL_OPEN}{CALL_CLOSE}{TOKENS}]")


def strip_tokens(text: str) -> str:
    if not _ANY_TOKEN.search(text):  # most text has none
        return text
    if NOTE_OPEN in text:
        text = _NOTE_CALL.sub("", text)
    return _ANY_TOKEN.sub("", text)  # far faster than str.translate on long text
