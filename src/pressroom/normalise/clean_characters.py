"""Character-level debris of PDF extraction: BOM, CRLF, ligatures, soft hyphens, odd spaces."""

from __future__ import annotations

import re

from .model import State
from .lazy_re import lazy_compile

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
# Spaces a PDF extractor emits that mean an ordinary space in running text.
SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
          "\u2002": " ", "\u2003": " ", "\u3000": " ", "\t": "\t"}
# U+FFFE: pypdfium2 marks a word it rejoined at a line-end hyphen with this noncharacter (decided
# by `_rejoined_at_hyphens` before the rest go).
INVISIBLE = {"\ufffe": "", "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": ""}
# Private-use characters carry the normaliser's own tokens; none may come from the source.
PRIVATE = {chr(c): "" for c in range(0xE000, 0xE020)}
# Control characters other than newline, tab and form feed carry no text.
# (C1 controls too: pandoc refuses them, and cp1252 input has already become real characters.)
CONTROLS = {chr(c): "" for c in [*range(0, 32), *range(127, 160)] if chr(c) not in "\n\t\f"}


_TABLE = {**LIGATURES, **{k: v for k, v in SPACES.items() if k != "\t"}, **INVISIBLE, **PRIVATE,
          **CONTROLS}
# A regular expression finds the few characters to replace far faster than str.translate.
_REPLACE = lazy_compile("[" + "".join(re.escape(c) for c in _TABLE) + "]")
# In blocks a reader made, private-use characters are its tokens (it dropped the source's own).
_REPLACE_IN_BLOCKS = lazy_compile("[" + "".join(re.escape(c) for c in _TABLE if c not in PRIVATE) + "]")


_LINE_END_HYPHEN = lazy_compile(r"([\u00ad\u2010])(?=[ \t]*[\n\f]|[ \t]*$)")
_KEEP_SOFT = "\ue021"  # a line-end soft hyphen while the invisible ones are removed
_NUMBER_FFFE = lazy_compile(r"(?<=\d)\ufffe(?=\w)")
# pypdfium2 joins a line ending in a hyphen to the next line it reads, with U+FFFE between. A
# word's second half never opens with a digit: before one, the join runs across two printed
# lines (the page's last line `de-` and the first note below it, `11A fourth line…`).
_FFFE_BEFORE_NUMBER = lazy_compile(r"(?<=[^\W\d_])\ufffe(?=\d)")


def clean_characters(state: State) -> State:
    if state.blocks:  # a reader that sees structure (PDF) made the blocks: clean their lines
        for block in state.blocks:
            block.lines = [_REPLACE_IN_BLOCKS.sub(lambda m: _TABLE[m.group()], line) for line in block.lines]
        return state
    text = state.text.replace("\r\n", "\n").replace("\r", "\n")
    # A form feed is an explicit page break; it stays where it is (split_blocks reads it), so
    # that line numbers remain the source's own.
    # A soft hyphen where a line ends is where the typesetter broke a word: it stays, for
    # unwrap_lines to join the halves (elsewhere it is invisible). A line-end U+2010 hyphen is a
    # hyphen like any other.
    # pypdfium2 marks a word it rejoined at a line-end hyphen with U+FFFE: a digit before it means
    # the hyphen was printed (numbers are never broken into syllables); else the document's
    # vocabulary decides, as for a hyphen at a line end.
    if "\ufffe" in text:
        state.joined_lines = _joined_lines(text)
        text = _NUMBER_FFFE.sub("-", text)
        text = _rejoined_at_hyphens(text, state)  # before the split: line numbers are the source's
        if _FFFE_BEFORE_NUMBER.search(text):
            text = _split_joined_lines(state, text)
    # Inside a line, a soft hyphen is a break the typesetter did not take (invisible), unless it
    # joins a number to a word (`44­tonne`: numbers are never broken into syllables) or two words
    # the document also prints on their own (`twenty­five`, `single­lane`): then some engines
    # (typst) wrote the compound's printed hyphen as a soft one. An export that writes no other
    # hyphen between letters writes them all so; then a line-end soft hyphen is a hyphen as
    # ambiguous as `-`, decided by the document's vocabulary.
    if "\u00ad" in text:
        text = _printed_soft_hyphens(text)
    text = _LINE_END_HYPHEN.sub(lambda m: _KEEP_SOFT if m.group(1) == "\u00ad" else "-", text)
    cleaned = _REPLACE.sub(lambda m: _TABLE[m.group()], text).replace(_KEEP_SOFT, "\u00ad")
    for name, chars in (("ligature", LIGATURES), ("soft hyphen or invisible", INVISIBLE)):
        count = sum(text.count(c) for c in chars)
        if count:
            state.audit.change("characters", 0, name, f"{count} replaced")
    state.text = cleaned
    return state


def _joined_lines(text: str) -> dict[int, tuple[str, str]]:
    """Source line number -> the text before the line's first U+FFFE and after its last (cleaned
    as the line will be): the printed line that ends in a hyphen and opens the line, and the one
    pypdfium2 joined last, which ends it."""
    def clean(part: str) -> str:
        return _REPLACE.sub(lambda m: _TABLE[m.group()], part.replace("\u00ad", "")).strip()

    return {number: (clean(line.split("\ufffe", 1)[0]), clean(line.rsplit("\ufffe", 1)[1]))
            for number, line in enumerate(text.split("\n"), start=1) if "\ufffe" in line}


def _split_joined_lines(state: State, text: str) -> str:
    """Two printed lines pypdfium2 joined at a hyphen before a digit are two lines again, the
    first ending in a soft hyphen (its word goes on elsewhere: unwrap_lines and heal_page_breaks
    join it), both keeping the source's line number (State.line_numbers). A blank line between
    them (of the same number) ends the block there, so that the lines of each block still
    count up from its first one, as the later passes count them."""
    numbers: list[int] = []
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        parts = _FFFE_BEFORE_NUMBER.split(line)
        for part in parts[:-1]:
            out.extend([part + "\u00ad", ""])
        out.append(parts[-1])
        numbers.extend([number] * (2 * len(parts) - 1))
    state.line_numbers = numbers
    state.audit.change("characters", 0, "line joined by pypdfium2 at a hyphen",
                       f"{(len(numbers) - text.count(chr(10)) - 1) // 2} split before a number")
    return "\n".join(out)


_INNER_SOFT = lazy_compile(r"(\w+)\u00ad(?=(\w+))")
_WORD = lazy_compile(r"\w+")
_COMPOUND = lazy_compile(r"\w+(?:\u00ad\w+)+")  # the halves of a hinted word are no words alone
_GLUED_NUMBER = lazy_compile(r"^\d{1,3}(?=[^\W\d_])")
# A word cut at a line end (`develop-` / `ment`): its halves are no words of the document either.
_CUT_AT_LINE_END = lazy_compile(r"[^\W\d_]+[-\u2010\u00ad][ \t]*\n[ \t]*[^\W\d_]+")
_LETTER_HYPHEN_LETTER = lazy_compile(r"[^\W\d_][-\u2010][^\W\d_]")
_LETTER_SOFT_LETTER = lazy_compile(r"[^\W\d_]\u00ad[^\W\d_]")
# An export writes the hyphen glyph as U+00AD when at least this share of its soft hyphens inside
# lines stand next to a word the document prints on its own (or after a number): half, as a
# hint's syllables (`con­struc­tion`) are seldom words, a compound's parts nearly always.
GLYPH_JOINING_SHARE = 0.5


def _printed_soft_hyphens(text: str) -> str:
    """Soft hyphens inside a line that stand for a printed hyphen, made hyphens (see above)."""
    alone = {word.casefold() for word in _WORD.findall(_COMPOUND.sub(" ", _CUT_AT_LINE_END.sub(" ", text)))}

    def is_printed(left: str, right: str) -> bool:
        # A note's number glued to the word it opens (`3First­time`) is no part of the word. Both
        # halves words of the document (`with`, `in`) make a compound, unless the document also
        # prints the two as one word (`within`): then the soft hyphen is a hint.
        word = _GLUED_NUMBER.sub("", left)
        return left[-1:].isdigit() or (word.casefold() in alone and right.casefold() in alone
                                       and (word + right).casefold() not in alone)

    inner = [(match.group(1), match.group(2)) for match in _INNER_SOFT.finditer(text)]
    if _hyphen_glyph_is_soft(text, inner, alone):
        return text.replace("\u00ad", "-")
    return _INNER_SOFT.sub(lambda m: m.group(1) + "-" if is_printed(m.group(1), m.group(2)) else m.group(0),
                           text)


def _hyphen_glyph_is_soft(text: str, inner: list[tuple[str, str]], alone: set[str]) -> bool:
    """Does the export write the hyphen glyph as U+00AD (typst's fonts map it so, and pypdf and
    pdfminer follow the map)? Then every soft hyphen is a printed one, at a line end too (where
    the vocabulary decides it as `-`). Its soft hyphens between letters outnumber the other
    hyphens there (a title set in another font may print `-`), and they join words, as a
    compound's hyphen does: a hint (`pro­gram­me`) cuts a word into syllables, which are no
    words of the document, or a word the document prints whole (`with­in`, `within`)."""
    letters = len(_LETTER_SOFT_LETTER.findall(text))
    if not letters or letters <= len(_LETTER_HYPHEN_LETTER.findall(text)):
        return False
    joining = sum(left[-1:].isdigit() or (_GLUED_NUMBER.sub("", left).casefold() in alone
                                          or right.casefold() in alone)
                  and (_GLUED_NUMBER.sub("", left) + right).casefold() not in alone  # `with­in`
                  for left, right in inner)
    return joining >= GLYPH_JOINING_SHARE * len(inner)


_FFFE_WORD = lazy_compile(r"([^\W\d_]+)\ufffe([^\W\d_]+)")


def _rejoined_at_hyphens(text: str, state: State) -> str:
    """Words pypdfium2 rejoined at a line-end hyphen (`standard`, U+FFFE, `gauge`), decided as
    unwrap_lines decides a hyphen at a line end: a compound (`standard-gauge`) keeps its hyphen,
    a word cut into syllables is joined."""
    from .unwrap_lines import DEFAULT_LANG, keep_hyphen, text_vocabulary

    # The rejoined words are no evidence of either reading: counted without them.
    vocabulary = text_vocabulary(_FFFE_WORD.sub(" ", text))
    lang = str(state.file_meta.get("lang") or DEFAULT_LANG)

    def decided(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        # another hyphen between letters next to the word: a chain (`state-of-the-art`)
        before, after = text[max(0, match.start() - 2):match.start()], text[match.end():match.end() + 2]
        chained = len(after) == 2 and after[0] == "-" and after[1].isalpha() \
            or len(before) == 2 and before[1] == "-" and before[0].isalpha()
        if keep_hyphen(first.casefold(), second if not second[:1].islower() else second.casefold(),
                       vocabulary, lang, chained):
            line = text.count("\n", 0, match.start()) + 1
            state.audit.change("hyphen_kept", line, f"{first}\ufffe{second}", f"{first}-{second}")
            return f"{first}-{second}"
        return first + second

    return _FFFE_WORD.sub(decided, text)
