"""Paragraphs cut by a page break (and by the notes and head between the halves) become one.

A list item cut by a blank line (pdfminer.six ends a text box inside an item) is one again when
it ends with no closing punctuation and the rest opens in lower case, or when it ends in a range
cut after its dash and the rest opens with the range's end (`pages 291–` / `300.`, `2022–` / `23.`),
or in a justified line (its word spaces stretched: a full line, which no item ends with).

A paragraph that does not end a sentence continues in the next one; after a page break, a
paragraph that starts in lower case continues the previous one. Two complete paragraphs that
meet at a page break stay two. A caption's line of its own (`Figure 1: Visits by site`) ends no
sentence, but nothing runs on from it or into it; a sentence's stop followed by a note call the
notes pass left as digits (`…see another.16`) ends one.
"""

from __future__ import annotations


from .model import CALLED_END, COMPLETE, LETTERED, Block, State, caption_line, strip_tokens
from .unwrap_lines import document_vocabulary, join_lines
from .lazy_re import lazy_compile

# What may close a complete paragraph: sentence punctuation, possibly inside quotes/brackets.
# What closes a list item: sentence or clause punctuation (`;`, `,`), possibly inside quotes or
# brackets.
_ITEM_CLOSED = lazy_compile(r"[.!?:;,…][”’\"')\]]*$")
# A range of numbers cut after its dash at a line's end (`291–`): its end opens the next line.
_OPEN_RANGE = lazy_compile(r"\d[–-]$")
# A line set justified, its last word spaces stretched (extractors print the stretch as runs of
# spaces): never an item's last line, whatever the next one opens with.
_STRETCHED_END = lazy_compile(r"\S {2,}\S+ {2,}\S+$")


def heal_page_breaks(state: State) -> State:
    vocabulary = document_vocabulary(state)
    out: list[Block] = []
    pieces: dict[int, list[str]] = {}  # joined blocks' texts, concatenated once at the end
    for block in state.blocks:
        previous = out[-1] if out else None
        if previous is not None and block.kind == "para" and (
                previous.kind == "para" and _continues(previous, block)
                or previous.kind == "list_item" and _item_continues(previous, block)):
            parts = pieces.setdefault(id(previous), [previous.text])
            # Only the cut's neighbourhood decides the join: the tail of what came before.
            tail = parts[-1][-200:]
            joined = join_lines(tail, block.text, vocabulary, state, block.start)
            parts[-1] = parts[-1][:-len(tail)] + joined if tail else joined
            previous.lines = [parts[-1][-200:]]  # what _continues looks at next
            state.audit.change("page_joins", block.start, strip_tokens(tail)[-40:],
                               f"joined with line {block.start}")
            previous.end = block.end
            continue
        out.append(block)
    for block in out:
        if id(block) in pieces:
            block.lines = ["".join(pieces[id(block)])]
    state.blocks = out
    return state


def _item_continues(item: Block, block: Block) -> bool:
    """A list item cut by a blank line (pdfminer's text boxes end inside an item): the item ends
    with no closing punctuation and the rest opens in lower case (`found` / `on 83 per cent`), or
    with a range cut after its dash and the rest opens with a digit (`2022–` / `23.`), or with a
    justified line (`Proceedings  of  the` / `Institution of…`)."""
    if block.dateline is not None or block.continues is False:
        return False
    text = strip_tokens(item.text[-200:]).rstrip()
    first = strip_tokens(block.text).lstrip()[:1]
    return bool(text) and not _ITEM_CLOSED.search(text) \
        and (first.islower() or first.isdigit() and bool(_OPEN_RANGE.search(text))
             or bool(_STRETCHED_END.search(text)))


def _continues(previous: Block, block: Block) -> bool:
    if block.dateline is not None or previous.table:  # a dateline opens a story; a table's row is whole
        return False
    if block.continues is not None:  # the reader saw it on the page (PDF geometry)
        return block.continues
    if caption_line(block) or caption_line(previous):
        return False  # a caption's line ends no sentence, but the text does not run through it
    before = strip_tokens(previous.text[-200:])
    if LETTERED.match(strip_tokens(block.text).lstrip()) and _ITEM_CLOSED.search(before):
        return False  # an item lettered `(b)` after one closing its clause (`…this year;`)
    # (a note's call left as digits after the stop, `…see another.16`, ends the sentence too)
    if not COMPLETE.search(before) and not CALLED_END.search(before.rstrip()):
        return True
    first = strip_tokens(block.text).lstrip()[:1]
    return block.page_break_before and first.islower()
