"""Inline debris: hyphen-space artifacts, `--` dashes, quote spacing and style, ellipses."""

from __future__ import annotations

import re

from .model import NOTE_CLOSE, NOTE_OPEN, TOKENS, State
from .lazy_re import lazy_compile

# "physical- and institutional": a suspended hyphen before these words is real and stays.
SUSPENSION_WORDS = {"and", "or", "nor", "to"}
_HYPHEN_SPACE = lazy_compile(r"(?<=[^\W\d_])- (?=([^\W\d_]+)(-?))")
_DASH = lazy_compile(r"\s*--+\s*")
# `--` opening a word after a space is a command's option (`--out`, `the --max-time option`),
# which the text writes as it must be typed: no dash.
_OPTION = lazy_compile(r"(?:(?<=\s)|^)--(?=[^\W\d_])")
_SPACES = lazy_compile(r"[ \t]{2,}|\t")  # a single space is left alone (most matches, no change)
_AUTOLINK = lazy_compile(r"<((?:https?|mailto|ftp):[^\s<>]+)>", re.I)
_NOTE_THEN_WORD = lazy_compile(f"({NOTE_CLOSE})(?=[^\\W_])")
_OPENERS = set(" \t([{—–/\u2014") | set(TOKENS[::2])
# A percentage standing as a word of its own (not a URL's `%20`): the number, then the sign glued
# to it or after a space.
_PERCENT_GLUED = lazy_compile(r"(?:(?<=\s)|^|(?<=\())(\d[\d.,]*)%(?=[\s.,;:)]|$)")
_PERCENT_SPACED = lazy_compile(r"(?:(?<=\s)|^|(?<=\())\d[\d.,]* %(?=[\s.,;:)]|$)")
# A document that sets a space between a number and its percent sign (`61 %`, as French and SI
# style do) at least this many times, and more than this many times as often as it glues them,
# sets them all so: an extractor drops the narrow space now and then (pdftotext's `2%` under
# `10 %` in one column), and the glued ones get it back.
MIN_SPACED_PERCENTS = 2
SPACED_PERCENT_RATIO = 2


def inline_cleanup(state: State) -> State:
    spaced = _percents_spaced(state)
    for block in state.blocks:
        if block.kind != "code":  # (a code block says what it says: `--out` is no dash)
            block.lines = [clean_text(block.text, state, block.start, spaced)]
    for note in state.notes.values():
        note.text = clean_text(note.text, state, note.definition_line, spaced)
    return state


def _percents_spaced(state: State) -> bool:
    """Does the document set a space between a number and its percent sign (see above)?"""
    texts = [block.text for block in state.blocks if "%" in block.text] \
        + [note.text for note in state.notes.values() if "%" in note.text]
    if not texts:
        return False
    text = "\n".join(" ".join(t.split()) for t in texts)
    spaced = len(_PERCENT_SPACED.findall(text))
    return spaced >= MIN_SPACED_PERCENTS and spaced > SPACED_PERCENT_RATIO * len(_PERCENT_GLUED.findall(text))


def clean_text(text: str, state: State, line: int, percents_spaced: bool = False) -> str:
    text = _SPACES.sub(" ", text).strip()
    if percents_spaced and "%" in text:
        text = _PERCENT_GLUED.sub(lambda m: _percent(m, state, line), text)
    # Each pattern runs only where its characters occur: most paragraphs have none of them.
    if "- " in text:
        text = _HYPHEN_SPACE.sub(lambda m: _hyphen(m, state, line), text)
    if "--" in text:
        options = {m.start() for m in _OPTION.finditer(text)}
        text = _DASH.sub(lambda m: m.group(0) if m.end() - 2 in options and m.group(0).lstrip() == "--"
                         else "—", text)
    text = text.replace("...", "…")
    # `<https://…>`: the URL is linked again on output; a bracket glued to a word stays a
    # boundary, or the URL would swallow the word (`<https://x.org>ms` → `https://x.org ms`);
    # so does one glued before it (`Notes<https://x.org>` → `Notes https://x.org`).
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: (" " if m.start() and text[m.start() - 1].isalnum() else "")
                             + m.group(1) + (" " if _glued(text, m.end()) else ""), text)
    text = _quotes(text, state, line)
    text = _apostrophes(text)
    # `others."^①Fostering`: a note call glued to the next sentence gets its space back.
    return _NOTE_THEN_WORD.sub(r"\1 ", text) if NOTE_CLOSE in text else text


def _glued(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] in ":/?#@%&=+~_-")


def _percent(match: re.Match, state: State, line: int) -> str:
    state.audit.change("percent_spacing", line, match.group(0), f"{match.group(1)} %")
    return f"{match.group(1)} %"


def _hyphen(match: re.Match, state: State, line: int) -> str:
    word, chained = match.group(1), match.group(2)
    if word.casefold() in SUSPENSION_WORDS and not chained:
        return "- "
    state.audit.change("hyphen_space", line, f"- {word}", f"-{word}")
    return "-"


def _quotes(text: str, state: State, line: int) -> str:
    """Straight double quotes become curly ones, with the spacing repaired on the way.

    Only the quote marks are visited; the text between them is copied in one piece."""
    if '"' not in text:
        return text
    out: list[str] = []  # pieces of the output
    open_quote = False
    position, length = 0, len(text)
    while (index := text.find('"', position)) >= 0:
        out.append(text[position:index])
        before = _last_char(out) or " "
        after = text[index + 1] if index + 1 < length else " "
        if before in ".,;:!?…" and (after.isalnum() or after in _OPENERS):
            opening = False  # `destiny."Over`: a quote right after punctuation closes
        elif before in _OPENERS and after not in " .,;:!?)":
            opening = True if not (before == " " and after == " ") else not open_quote
        elif after in " .,;:!?)]—" or after == NOTE_OPEN or index + 1 == length:
            opening = False if not (before == " " and after == " ") else not open_quote
        else:
            opening = not open_quote
        index += 1
        if opening:
            last = _last_char(out)
            if last is not None and last not in _OPENERS:
                out.append(" ")
            out.append("“")
            while index < length and text[index] == " ":
                index += 1
        else:
            _strip_trailing_spaces(out)
            out.append("”")
            if index < length and text[index].isalnum():
                out.append(" ")
        if before == " " and after == " ":
            state.audit.change("quote_spacing", line, '" ', "“" if opening else "”")
        open_quote = opening
        position = index
    out.append(text[position:])
    if open_quote:
        state.diagnostics.info("quotes-unbalanced", line, "a quotation mark is not closed in this paragraph")
    return "".join(out)


def _last_char(pieces: list[str]) -> str | None:
    for piece in reversed(pieces):
        if piece:
            return piece[-1]
    return None


def _strip_trailing_spaces(pieces: list[str]) -> None:
    while pieces:
        stripped = pieces[-1].rstrip(" ")
        if stripped:
            pieces[-1] = stripped
            return
        pieces.pop()


_APOSTROPHE = lazy_compile("'")


def _apostrophes(text: str) -> str:
    if "'" not in text:
        return text

    def curl(match: re.Match) -> str:
        index = match.start()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        return "‘" if before in _OPENERS and after.isalnum() else "’"

    return _APOSTROPHE.sub(curl, text)
