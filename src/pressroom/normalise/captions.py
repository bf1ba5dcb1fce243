"""News conventions: photo captions ending in a credit, and the dateline that opens a story."""

from __future__ import annotations


from .model import STRONG_CLOSE, STRONG_OPEN, State
from .lazy_re import lazy_compile

# "(Xinhua/Bi Xiaoyang)", "(Photo by Jane Doe)", "(Photo: Reuters)" closing a paragraph: names on
# both sides of the slash (a unit such as `(Mm³/yr)` or `(km/h)` credits no one).
_CREDIT = lazy_compile(r"\s(\((?:[A-Z][\w.&'’ -]*/[A-Z][\w.'’ -]*|Photo(?: by|:)[^()]+)\))\s*$")
# "BEIJING, June 20 (Xinhua) --" / "WASHINGTON, May 3 (AP) —"
_DATELINE = lazy_compile(r"^([A-Z][A-Z .'’-]+, [A-Z][a-z]+\.? \d{1,2} \([^()]{1,40}\))\s*(--|—|–)\s*")


def captions(state: State) -> State:
    for block in state.blocks:
        if block.kind != "para" or block.table:  # a table's header (`(Mm³/yr)`) credits no one
            continue
        text = block.text
        credit = _CREDIT.search(text)
        if credit:
            block.kind = "caption"
            block.credit = credit.group(1)
            block.lines = [text[:credit.start()].rstrip()]
            continue
        if text.startswith(STRONG_OPEN) and STRONG_CLOSE in text:  # set in bold (a PDF)
            lead = text[1:].replace(STRONG_CLOSE, "", 1)
            match = _DATELINE.match(lead)
            if match and match.end() >= text.index(STRONG_CLOSE) - 1:
                text = lead
        dateline = _DATELINE.match(text)
        if dateline:
            block.dateline = f"{dateline.group(1)} —"
            block.lines = [text[dateline.end():]]
            state.audit.change("dateline", block.start, dateline.group(0).strip(), block.dateline)
    return state
