"""Numbered paragraphs: where a line opening with the next number of the document's own
paragraph numbering starts a paragraph (a helper reflow consults).

Official reports number their paragraphs by section: `1.1 This report sets out…`, `1.2 The
sampling…`, `2.1 Of the 214 samples…`, `A.1 Samples were…` in an appendix. In a hard-wrapped
export with nothing between paragraphs, the paragraph before such a line may end on a full line,
and then its length says nothing of the paragraph's end; the number does. The document's own
numbering is the evidence: a line opening with `S.K` is a paragraph start where the line before
closed a sentence, the text after the number opens a sentence, and the number goes on a sequence
the document shows (`S.K-1` opened a line before it; `S.1` follows the previous section's
numbers, or `S.2` opens a line after it). Legal texts number a section's subsections between
brackets, `(1) A person…`, `(2) The Secretary of State…`: one sequence, restarting at `(1)`.
Only where enough lines open so, and nearly all of them in sequence, does the numbering count
(else a decimal at a line's start, `4.1 per cent`, or a reference's volume and issue,
`43.2 Health and Soil…`, could pass for one).

A numbered heading (`2.1 Land and people`) is a line opening with such a number too: a break
before it is right as well, and the headings pass still finds it a heading (no break is ever
removed here).
"""

from __future__ import annotations

from .model import Block, strip_tokens
from .lazy_re import lazy_compile

# A line opening with a paragraph's number: a section (one or two digits, or an appendix's
# capital letter) and the paragraph's number within it, or a number between brackets (`(2) The
# Secretary of State may…`: legal texts number a section's subsections so), then the
# paragraph's text opening a sentence (a capital, a figure as in `3.2 1958 was also…` or
# `4.4 0.5 per cent…`, a quote or bracket). `4.1 per cent` (a decimal wrapped to a line's
# start) opens in lower case.
_NUMBERED = lazy_compile(r"^(?:(\d{1,2}|[A-Z])\.(\d{1,3})|\((\d{1,3})\))\s+(?=[A-Z\d“\"‘'(\[])")
BRACKETED = "()"  # the section of the numbers between brackets: one sequence, restarting at (1)
# A line closing a sentence or a clause (perhaps with a flattened note call after it,
# `smelter.1`): the paragraph before a numbered one ends so, or a heading does (a line no longer
# than a heading; a line wrapped before a decimal, `at` / `4.1 per cent`, ran to the measure).
_CLOSED = lazy_compile(r"[.!?:;…][”’\"')\]]*(?:\s*\d{1,3})?$")
# The numbering is the document's only when at least this many lines open with a number in
# sequence (two or three might be decimals or a reference's volume and issue by chance) ...
MIN_IN_SEQUENCE = 4
# ... and at least this share of the lines opening with such a number (after a closed line or
# at a block's start) go on a sequence: a document whose numbers at line starts are mostly out
# of order (figures in a table, a reference list's volumes) has no paragraph numbering.
MIN_SEQUENCE_SHARE = 0.75


def _previous_section(section: str) -> str | None:
    """The section numbered before this one (none before `1`, `A` or the bracketed numbers)."""
    if section == BRACKETED:
        return None
    if section.isalpha():
        return None if section == "A" else chr(ord(section) - 1)
    return str(int(section) - 1) if int(section) > 1 else None


def numbered_starts(blocks: list[Block], heading: int) -> dict[int, set[int]]:
    """Block index -> the indices of its lines that start a numbered paragraph (its first
    among them), in a document whose headings are at most `heading` letters long; empty unless
    the document numbers its paragraphs (MIN_IN_SEQUENCE, MIN_SEQUENCE_SHARE)."""
    # The candidates in document order: lines opening with a number where a paragraph may start.
    candidates: list[tuple[int, int, str, int]] = []
    for b, block in enumerate(blocks):
        if block.kind != "para" or block.table:  # a table's row of figures (number_rows)
            continue
        before = ""
        for i, raw in enumerate(block.lines):
            line = strip_tokens(raw)
            if i == 0 or _CLOSED.search(before) or len(before) <= heading:
                match = _NUMBERED.match(line)
                if match:
                    candidates.append((b, i, match.group(1) or BRACKETED,
                                       int(match.group(2) or match.group(3))))
            before = line.rstrip()
    if len(candidates) < MIN_IN_SEQUENCE:
        return {}
    # Where each number opens a line first and last, and which sections show any number.
    first: dict[tuple[str, int], int] = {}
    last: dict[tuple[str, int], int] = {}
    section_first: dict[str, int] = {}
    for order, (_, _, section, number) in enumerate(candidates):
        first.setdefault((section, number), order)
        last[(section, number)] = order
        section_first.setdefault(section, order)
    numeric_first = min((order for section, order in section_first.items() if section.isdigit()),
                        default=None)
    in_sequence: list[bool] = []
    for order, (_, _, section, number) in enumerate(candidates):
        if number > 1:
            ok = first.get((section, number - 1), order) < order
        else:
            previous = _previous_section(section)
            ok = (last.get((section, 2), -1) > order
                  or (previous is not None and section_first.get(previous, order) < order)
                  or (section == "A" and numeric_first is not None and numeric_first < order))
        in_sequence.append(ok)
    count = sum(in_sequence)
    if count < MIN_IN_SEQUENCE or count < MIN_SEQUENCE_SHARE * len(candidates):
        return {}
    starts: dict[int, set[int]] = {}
    for (b, i, _, _), ok in zip(candidates, in_sequence):
        if ok:
            starts.setdefault(b, set()).add(i)
    return starts
