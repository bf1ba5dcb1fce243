"""A printed line cut in two at a raised note call is one line again.

pypdfium2 ends a line after text set above the baseline (a superscript call) and writes the rest
of the printed line as a line of its own that opens with a space: `pupils qualified.1` /
` The rest paid 2.40 pounds a day, or`. Read as two lines, the first looks like a sentence that
ends with room to spare, and `reflow` would end the paragraph there.

The document's own lines decide whether it has this shape: lines that open with a single space
are (nearly) all preceded by a line ending in a call's digits. Then each such pair is one line,
and the second keeps its source line number in `State.line_numbers` (as `columns` does).

A call that closes a paragraph pypdfium2 sets on a line of its own (`kilowatts.` / `1`). Such a
bare number is the call only with evidence: it stands inside a page (a folio stands at its
edge, by a form feed), after a line that ends a sentence, and a line below it on the same page
opens with that number as a note's definition does (`1. Measured heat loss…`). It is then
glued to its sentence; where that line ended with room to spare, a blank line (the paragraph's
end) takes the number's place, so that the lines below keep their source numbers.

pypdfium2 may also set a call alone between the sentence it closes and the rest of its printed
line (`in 2017.` / `6` / ` Four of the partners…`): the line below opening with a space shows the
number was raised, and it is a call where it is the number of an endnote (a line below the
document's last `Notes` heading opens with it) or of a note defined below it on its page. It is
glued to the text before it, and the line below joins them as any line after a raised call.

A paragraph closing a page may end with its call on a line of its own right above the folio
(`…circulating pump.` / `2` / `6` / page end: pdftotext, pdfminer and pypdfium2 set a call
raised by a CSS `<sup>` at a page's last line apart). With the notes gathered at the end of the
document, the evidence is there: below a `Notes` heading a line opens with that number.
"""

from __future__ import annotations

import re

from .model import SENTENCE_END, State
from .note_definitions import DEFINITION_START
from .reflow import WIDTH_PERCENTILE
from .lazy_re import lazy_compile

# A line that continues the printed line before it: one space, then text.
_CONTINUATION = lazy_compile(r"^ (?=\S)")
# The end of a line cut after a raised call: a word or punctuation with digits glued to it.
_CALL_END = lazy_compile(r"[^\W\d_][.,;:!?)”’\"]*\d{1,3}$|[.,;:!?)”’\"]\d{1,3}$")
# The shape holds for the document when at least this share of its lines opening with a single
# space follow a call's digits (a layout-preserving export indents lines for other reasons)...
MIN_CALL_SHARE = 0.8
# ...and it is seen at least this often (one such pair could be chance).
MIN_PAIRS = 2
# A raised call alone on its line: one to three digits, as a note's number.
_LONE_CALL = lazy_compile(r"^\d{1,3}$")


def raised_lines(state: State) -> State:
    _opening_calls(state)
    _lone_calls(state)
    lines = state.text.split("\n")
    pairs = [i for i in range(1, len(lines)) if _CONTINUATION.match(lines[i])]
    after_call = [i for i in pairs if _CALL_END.search(lines[i - 1])
                  and "\f" not in lines[i - 1]]
    if len(after_call) < MIN_PAIRS or len(after_call) < MIN_CALL_SHARE * len(pairs):
        return state
    numbers = state.line_numbers or list(range(1, len(lines) + 1))
    joined = set(after_call)
    out_lines: list[str] = []
    out_numbers: list[int] = []
    for index, (line, number) in enumerate(zip(lines, numbers)):
        if index in joined and out_lines:
            out_lines[-1] = out_lines[-1] + line
            continue
        out_lines.append(line)
        out_numbers.append(number)
    state.text = "\n".join(out_lines)
    state.line_numbers = out_numbers
    return state


def _lone_calls(state: State) -> None:
    """Glue each bare number that is a paragraph's closing call to its sentence (see above)."""
    if "\f" not in state.text:  # without page ends a folio cannot be told from a call
        return
    lines = state.text.split("\n")
    candidates = [i for i in range(1, len(lines) - 1) if _LONE_CALL.match(lines[i].strip())
                  and _inside_page(lines, i) and SENTENCE_END.search(lines[i - 1].rstrip())]
    calls = {i for i in candidates if _defined_below(lines, i)} | _calls_above_folios(lines)
    raised = _raised_between(lines)
    calls |= raised
    if not calls:
        return
    numbers = state.line_numbers or list(range(1, len(lines) + 1))
    ordered = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = ordered[int(WIDTH_PERCENTILE * (len(ordered) - 1))]
    out_lines: list[str] = []
    out_numbers: list[int] = []
    for index, (line, number) in enumerate(zip(lines, numbers)):
        if index in raised:  # the line below, opening with a space, goes on after it
            out_lines[-1] = out_lines[-1].rstrip() + line.strip()
            continue
        if index in calls:
            above = out_lines[-1].rstrip()
            following = (lines[index + 1].split(maxsplit=1) or [""])[0]
            out_lines[-1] = above + line.strip()
            if len(above) + 1 + len(following) > width:
                continue  # a full line: the paragraph goes on below it
            line = ""  # the paragraph ended with room to spare
        out_lines.append(line)
        out_numbers.append(number)
    state.text = "\n".join(out_lines)
    state.line_numbers = out_numbers
    first = min(calls)
    state.audit.change("raised_calls", numbers[first], lines[first].strip(),
                       f"{len(calls)} call(s) alone on their line glued to the sentence before")


# The end of the text a raised call is glued to: a word, or a stop or mark after one.
_CALLED_END = lazy_compile(r"[^\W\d_][.,;:!?)”’\"]*$|\d[.,;:!?)”’\"]+$")


def _raised_between(lines: list[str]) -> set[int]:
    """Bare numbers set between the text a call closes and the rest of its printed line, which
    opens with one space (see above), each the number of a note defined below it."""
    heading, defined = _endnote_numbers(lines)
    found = set()
    for index in range(1, len(lines) - 1):
        text = lines[index].strip()
        if not _LONE_CALL.match(text) or not _CONTINUATION.match(lines[index + 1]) \
                or not _inside_page(lines, index) or not _CALLED_END.search(lines[index - 1].rstrip()):
            continue
        if (index < heading and int(text) in defined) or _defined_below(lines, index):
            found.add(index)
    return found


# How far below a page's closing call its page ends: the folio and the blank lines around it.
MAX_FOOT_LINES = 6
_NOTES_HEADING = lazy_compile(r"^\s*(?:notes|endnotes)\s*:?\s*$", re.I)


def _endnote_numbers(lines: list[str]) -> tuple[int, set[int]]:
    """(line of the document's last `Notes` heading, the numbers lines below it open with as a
    note's definition or a list's number alone), or (-1, empty) without such a heading. A line's
    text after a page end counts (pypdfium2 writes the folio, the form feed and the next page's
    first line on one line)."""
    heading = next((i for i in range(len(lines) - 1, -1, -1)
                    if _NOTES_HEADING.match(lines[i].rsplit("\f", 1)[-1])), None)
    if heading is None:
        return -1, set()
    defined = set()
    for line in lines[heading + 1:]:
        text = line.rsplit("\f", 1)[-1].strip()
        match = DEFINITION_START.match(text) or _LIST_NUMBER.match(text)
        if match:
            defined.add(int(match.group(1)))
    return heading, defined


# A call pypdfium2 carried to the start of the next line with the text after it: `…for more
# than fifty` / `years.` / `30 The Light Railway, richer…` (a CSS <sup> nearly the text's size
# sets the call on a baseline of its own).
_OPENING_CALL = lazy_compile(r"^(\d{1,3}) (?=[A-Z“\"‘(])")


def _opening_calls(state: State) -> None:
    """Give each call carried to a line's start back to the sentence it closes on the line above,
    where it is an endnote's number (see _endnote_numbers) and at least MIN_PAIRS lines of the
    document open so: the line keeps the rest, and its source number; where the line above and
    the rest fit in the document's wrap width (WIDTH_PERCENTILE of its lines), they were one
    printed line, and the rest opens with a space to go on after the call."""
    lines = state.text.split("\n")
    heading, defined = _endnote_numbers(lines)
    found = [i for i in range(1, max(heading, 0)) if "\f" not in lines[i]
             and (match := _OPENING_CALL.match(lines[i])) and int(match.group(1)) in defined
             and SENTENCE_END.search(lines[i - 1].rstrip())]
    if len(found) < MIN_PAIRS:
        return
    ordered = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = ordered[int(WIDTH_PERCENTILE * (len(ordered) - 1))]
    for index in found:
        match = _OPENING_CALL.match(lines[index])
        lines[index - 1] = lines[index - 1].rstrip() + match.group(1)
        rest = lines[index][match.end():]
        # The rest of the printed line, where the line above has room for it (`years.30 The
        # Light Railway, richer…` was one printed line): it opens with a space, as the text after a
        # raised call does, and goes on after the call (raised_lines); else (the typesetter
        # carried the call to the next printed line) it stays a line of its own.
        joined = len(lines[index - 1]) + 1 + len(rest.rstrip()) <= width
        lines[index] = f" {rest}" if joined else rest
    state.text = "\n".join(lines)
    state.audit.change("raised_calls", (state.line_numbers or list(range(1, len(lines) + 1)))[found[0]],
                       match.group(1), f"{len(found)} call(s) carried to a line's start given back "
                       "to the sentence above")


def _calls_above_folios(lines: list[str]) -> set[int]:
    """Bare numbers that close a page's last sentence right above its folio, each the number of
    an endnote: a line below the document's last `Notes` heading opens with it (see above)."""
    heading, defined = _endnote_numbers(lines)
    if heading < 0:
        return set()
    found = set()
    for index in range(1, heading):
        text = lines[index].strip()
        if not _LONE_CALL.match(text) or int(text) not in defined or "\f" in lines[index] \
                or not SENTENCE_END.search(lines[index - 1].rstrip()):
            continue
        foot = "\n".join(lines[index + 1:index + 1 + MAX_FOOT_LINES])
        if "\f" not in foot:
            continue
        below = [line.strip() for line in foot.split("\f", 1)[0].split("\n") if line.strip()]
        if len(below) == 1 and _FOLIO.match(below[0]):
            found.add(index)
    return found


_FOLIO = lazy_compile(r"^\d{1,4}$")
# A list's number alone on its line: an extractor wrote a list's numbers apart from its items
# (pypdfium2 and pypdf below a page's text, for WeasyPrint's outside markers).
_LIST_NUMBER = lazy_compile(r"^(\d{1,3})[.)]$")


def _inside_page(lines: list[str], index: int) -> bool:
    """Neither the line nor its neighbours hold a page end, and the neighbours hold text."""
    around = lines[index - 1:index + 2]
    return all("\f" not in line and line.strip() for line in around)


def _defined_below(lines: list[str], index: int) -> bool:
    """A line below `index`, before the page ends, opens with its number as a definition."""
    number = int(lines[index].strip())
    for line in lines[index + 1:]:
        if "\f" in line:
            return False
        match = DEFINITION_START.match(line.strip())
        if match and int(match.group(1)) == number:
            return True
    return False
