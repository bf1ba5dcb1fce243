"""Inline debris: hyphen-space artifacts, `--` dashes, quote spacing and style, ellipses."""

from __future__ import annotations

import re

from .model import NOTE_CLOSE, NOTE_OPEN, TOKENS, State

# "physical- and institutional": a suspended hyphen before these words is real and stays.
SUSPENSION_WORDS = {"and", "or", "nor", "to"}
_HYPHEN_SPACE = re.compile(r"(?<=[^\W\d_])- (?=([^\W\d_]+)(-?))")
_DASH = re.compile(r"\s*--+\s*")
_SPACES = re.compile(r"[ \t]+")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^\s<>]+)>", re.I)
_NOTE_THEN_WORD = re.compile(f"({NOTE_CLOSE})(?=[^\\W_])")
_OPENERS = set(" \t([{—–/\u2014") | set(TOKENS[::2])


def inline_cleanup(state: State) -> State:
    for block in state.blocks:
        block.lines = [clean_text(block.text, state, block.start)]
    for note in state.notes.values():
        note.text = clean_text(note.text, state, note.definition_line)
    return state


def clean_text(text: str, state: State, line: int) -> str:
    text = _SPACES.sub(" ", text).strip()
    text = _HYPHEN_SPACE.sub(lambda m: _hyphen(m, state, line), text)
    text = _DASH.sub("—", text)
    text = text.replace("...", "…")
    # `<https://…>`: the URL is linked again on output; a bracket glued to a word stays a
    # boundary, or the URL would swallow the word (`<https://x.org>ms` → `https://x.org ms`).
    text = _AUTOLINK.sub(lambda m: m.group(1) + (" " if _glued(text, m.end()) else ""), text)
    text = _quotes(text, state, line)
    text = _apostrophes(text)
    # `others."^①Fostering`: a note call glued to the next sentence gets its space back.
    return _NOTE_THEN_WORD.sub(r"\1 ", text)


def _glued(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] in ":/?#@%&=+~_-")


def _hyphen(match: re.Match, state: State, line: int) -> str:
    word, chained = match.group(1), match.group(2)
    if word.casefold() in SUSPENSION_WORDS and not chained:
        return "- "
    state.audit.change("hyphen_space", line, f"- {word}", f"-{word}")
    return "-"


def _quotes(text: str, state: State, line: int) -> str:
    """Straight double quotes become curly ones, with the spacing repaired on the way."""
    if '"' not in text:
        return text
    out: list[str] = []
    open_quote = False
    index = 0
    while index < len(text):
        ch = text[index]
        if ch != '"':
            out.append(ch)
            index += 1
            continue
        before = out[-1] if out else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if before in ".,;:!?…" and (after.isalnum() or after in _OPENERS):
            opening = False  # `destiny."Over`: a quote right after punctuation closes
        elif before in _OPENERS and after not in " .,;:!?)":
            opening = True if not (before == " " and after == " ") else not open_quote
        elif after in " .,;:!?)]—" or after == NOTE_OPEN or index + 1 == len(text):
            opening = False if not (before == " " and after == " ") else not open_quote
        else:
            opening = not open_quote
        if opening:
            if out and out[-1] not in _OPENERS:
                out.append(" ")
            out.append("“")
            index += 1
            while index < len(text) and text[index] == " ":
                index += 1
        else:
            while out and out[-1] == " ":
                out.pop()
            out.append("”")
            index += 1
            if index < len(text) and (text[index].isalnum()):
                out.append(" ")
        if before == " " and after == " ":
            state.audit.change("quote_spacing", line, '" ', "“" if opening else "”")
        open_quote = opening
    if open_quote:
        state.diagnostics.info("quotes-unbalanced", line, "a quotation mark is not closed in this paragraph")
    return "".join(out)


def _apostrophes(text: str) -> str:
    if "'" not in text:
        return text
    chars = list(text)
    for index, ch in enumerate(chars):
        if ch != "'":
            continue
        before = chars[index - 1] if index else " "
        after = chars[index + 1] if index + 1 < len(chars) else " "
        chars[index] = "‘" if before in _OPENERS and after.isalnum() else "’"
    return "".join(chars)
