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
    r"|!\["                                  # image syntax: pandoc escapes the ! instead
    r"|[^\w\s]@[\w{]"                         # `-@key` and kin: citation forms
    r"|&[A-Za-z#][A-Za-z0-9]*;"              # entity-like text would be read back as a character
    r"|[\ue010\ue012]\s|\s[\ue011\ue013]"    # emphasis opening or closing on a space
    r"|[\ue010-\ue013][@#]|[@#][\ue010-\ue013]"
    r"|[\ue010\ue012][\ue011\ue013]"         # empty emphasis
    r"|[\ue010\ue012]{2}|[\ue011\ue013]{2}"   # nested emphasis
)
# A paragraph whose first line pandoc might read as a list item or a block.
_LISTLIKE_START = re.compile(r"^[\ue010-\ue013“‘(]*(?:\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?:\s|$)|[-+*:=~%>|#])")
_SAFE_URL = re.compile(r"^(?:https?://)[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$")


_SPECIAL = re.compile(r"[\\`*\[\]<>|^~$_@#]")


def escape(text: str) -> str:
    """pandoc's escaping of literal text (markdown-smart, pandoc's default extensions)."""
    if not _SPECIAL.search(text):
        return text
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


# Every _RISKY branch needs one of these characters; most text has none and is passed at once.
_RISKY_CHARS = re.compile(r"[(!@&#\ue010-\ue013]")


def needs_pandoc(text: str) -> bool:
    return bool(_RISKY_CHARS.search(text) and _RISKY.search(text))


def listlike_start(text: str) -> bool:
    return bool(_LISTLIKE_START.match(text))


def safe_autolink(url: str) -> bool:
    return bool(_SAFE_URL.match(url))


# --- the YAML metadata block ------------------------------------------------------------------
# pandoc writes metadata keys sorted, strings plain or double-quoted. Values made only of these
# characters are written here exactly as pandoc writes them; anything else goes to pandoc.
_PLAIN_VALUE = re.compile(r"^[A-Za-z0-9À-ɏ©“”‘’][A-Za-z0-9À-ɏ©“”‘’ ,.()/–—-]*$")
_QUOTED_VALUE = re.compile(r"^[A-Za-z0-9À-ɏ©“”‘’][A-Za-z0-9À-ɏ©“”‘’ ,.()/:–—-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def front_matter(meta: dict) -> str | None:
    """The metadata block as pandoc writes it, or None when only pandoc can say."""
    lines = ["---"]
    for key in sorted(meta):
        value = meta[key]
        if isinstance(value, list):
            items = [_scalar(v) for v in value]
            if not items or None in items:
                return None
            lines.append(f"{key}:")
            lines += [f"- {item}" for item in items]
        else:
            scalar = _scalar(value)
            if scalar is None:
                return None
            lines.append(f"{key}: {scalar}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _scalar(value) -> str | None:
    text = str(value)
    if text != text.strip() or "  " in text or text.casefold() in _YAML_WORDS:
        return None
    if _PLAIN_VALUE.match(text):
        return text
    if _QUOTED_VALUE.match(text) and ":" in text:
        return f'"{text}"'
    return None
