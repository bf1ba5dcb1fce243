"""A native writer of the canonical Markdown, byte-identical to pandoc's own writer for the
constructs the normaliser emits; anything outside that safe set is left to pandoc.

pandoc's Markdown writer costs ~5 s per MB, far more than all the passes together, so the body
is written here; `needs_pandoc` names the constructs whose pandoc rendering is context-dependent
(list renumbering, list-like paragraph starts, entities, unusual URLs...), and for those the
whole document goes through pandoc instead. Tests check both paths give the same bytes.
"""

from __future__ import annotations

import re

ALWAYS_ESCAPED = set("\\`*[]<>|^~$")
# Constructs whose pandoc rendering depends on context beyond a character and its neighbours.
_RISKY = re.compile(
    r"\(@"                                   # example-list references: pandoc escapes the parens
    r"|&[A-Za-z#][A-Za-z0-9]*;"              # entity-like text would be read back as a character
    r"|[\ue010\ue012]\s|\s[\ue011\ue013]"    # emphasis opening or closing on a space
    r"|[\ue010-\ue013][@#]|[@#][\ue010-\ue013]"
    r"|[\ue010\ue012][\ue011\ue013]"         # empty emphasis
)
# A paragraph whose first line pandoc might read as a list item or a block.
_LISTLIKE_START = re.compile(r"^[\ue010-\ue013“‘(]*(?:\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)]|[-+*:=~%>|])(?:\s|$)")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:)[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$")


def escape(text: str) -> str:
    """pandoc's escaping of literal text (markdown-smart, pandoc's default extensions)."""
    out: list[str] = []
    length = len(text)
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < length else " "
        if ch in ALWAYS_ESCAPED:
            out.append("\\" + ch)
        elif ch == "_":
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        elif ch == "@":
            word_start = before in " \n"
            out.append("\\@" if word_start and (after.isalnum() or after in "_{") else "@")
        elif ch == "#":
            end = index
            while end < length and text[end] == "#":
                end += 1
            alone = before in " \n" and (end == length or text[end] in " \n") and (
                index == 0 or text[index - 1] != "#")
            out.append("\\#" if alone else "#")
        else:
            out.append(ch)
    return "".join(out)


def needs_pandoc(text: str) -> bool:
    return bool(_RISKY.search(text))


def listlike_start(text: str) -> bool:
    return bool(_LISTLIKE_START.match(text))


def safe_autolink(url: str) -> bool:
    return bool(_SAFE_URL.match(url))
