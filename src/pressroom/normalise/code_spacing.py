"""Inline code set with padding: `( P1 , P2 , P3 )`, `network_2024-11.csv ,`.

An engine that sets inline code in a box with padding (a monospaced font, a tinted ground) leaves
a gap each side of it, which an extractor writes as a space: before the comma or the closing
bracket that follows the code, after the opening bracket before it. Prose sets no space there.
Where the document sets such a space only beside code-shaped tokens (a name with `_` or `=`, a
file's name, letters with digits: `P1`, `cway_width_mm`, `routes.csv`) and never beside a word,
the space is the padding, and goes; a document that spaces its punctuation everywhere (an
extractor's habit) is left as it is. Never inside a URL or a code block."""

from __future__ import annotations

from .lazy_re import lazy_compile
from .model import State

# A token in the shape of code: an identifier with `_` or `=`, a file's name (`x.csv`), or
# letters run into digits (`P1`, `v2`); no URL.
_CODE_TOKEN = r"(?:[\w.-]*[_=][\w.=-]*|[\w-]+\.[a-z]{2,4}|[A-Za-z]+\d+[A-Za-z\d]*)"
# A space before a comma, semicolon or closing bracket, after the token before it; and a
# space after an opening bracket, before the token after it.
_SPACE_BEFORE = lazy_compile(r"(?<=\S) (?=[,;)](?:\s|$))")
_SPACE_AFTER = lazy_compile(r"(?<=\() (?=\S)")
_CODE_END = lazy_compile(rf"(?:^|[\s(]){_CODE_TOKEN}$")
_CODE_START = lazy_compile(rf"^{_CODE_TOKEN}(?:[\s,;)]|$)")
_URL = lazy_compile(r"://|www\.")


def code_spacing(state: State) -> State:
    blocks = [block for block in state.blocks if block.kind != "code"
              and any(" ," in line or " )" in line or "( " in line or " ;" in line for line in block.lines)]
    if not blocks:
        return state
    padded, spaced = 0, 0
    for block in blocks:
        for line in block.lines:
            for match in _SPACE_BEFORE.finditer(line):
                if _is_code(_CODE_END, line[:match.start()].rsplit(" ", 1)[-1]):
                    padded += 1
                else:
                    spaced += 1
            for match in _SPACE_AFTER.finditer(line):
                if _is_code(_CODE_START, line[match.end():].split(" ", 1)[0] + " "):
                    padded += 1
                else:
                    spaced += 1
    if not padded or spaced:
        return state  # no padding, or a space the document sets beside words too: its habit
    for block in blocks:
        block.lines = [_unpadded(line) for line in block.lines]
    state.diagnostics.info("code-padding", blocks[0].start,
                           f"{padded} spaces beside inline code (before `,` `)` `;`, after `(`) that the "
                           "document sets beside no word: the code's padding, removed")
    return state


def _is_code(pattern, token: str) -> bool:
    return bool(pattern.search(token)) and not _URL.search(token)


def _unpadded(line: str) -> str:
    def before(match):
        token = line[:match.start()].rsplit(" ", 1)[-1]
        return "" if _is_code(_CODE_END, token) else match.group(0)

    def after(match):
        token = line[match.end():].split(" ", 1)[0] + " "
        return "" if _is_code(_CODE_START, token) else match.group(0)

    line = _SPACE_BEFORE.sub(before, line)
    return _SPACE_AFTER.sub(after, line)
