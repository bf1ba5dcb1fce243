"""A printed line cut in two at a raised note call is one line again.

pypdfium2 ends a line after text set above the baseline (a superscript call) and writes the rest
of the printed line as a line of its own that opens with a space: `pupils qualified.1` /
` The rest paid 2.40 pounds a day, or`. Read as two lines, the first looks like a sentence that
ends with room to spare, and `reflow` would end the paragraph there.

The document's own lines decide whether it has this shape: lines that open with a single space
are (nearly) all preceded by a line ending in a call's digits. Then each such pair is one line,
and the second keeps its source line number in `State.line_numbers` (as `columns` does).
"""

from __future__ import annotations

import re

from .model import State

# A line that continues the printed line before it: one space, then text.
_CONTINUATION = re.compile(r"^ (?=\S)")
# The end of a line cut after a raised call: a word or punctuation with digits glued to it.
_CALL_END = re.compile(r"[^\W\d_][.,;:!?)”’\"]*\d{1,3}$|[.,;:!?)”’\"]\d{1,3}$")
# The shape holds for the document when at least this share of its lines opening with a single
# space follow a call's digits (a layout-preserving export indents lines for other reasons)...
MIN_CALL_SHARE = 0.8
# ...and it is seen at least this often (one such pair could be chance).
MIN_PAIRS = 2


def raised_lines(state: State) -> State:
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
