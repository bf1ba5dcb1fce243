"""Code blocks: a run of command lines in a report's technical note (`$ vroute-convert in.csv \\` /
`--out out.gpkg \\` / `converted 8,214 links`) is a block of its own, its lines kept as lines.

Exports give such a run as lines among the text's, often in one block with the list item above
it and the paragraph below. Read as text, its lines would be joined to both, its options'
dashes turned into typographic ones. The evidence is the lines' own shape:

- a command opens with a shell prompt, `$ `, then a command's name in lower case, and shows it
  is one: it goes on over a line (its line ends in ` \\`), or carries an option (`-x`, `--x`) or
  a file's or a key's token (`network.gpkg`, `a_b`, `x=1`);
- a line ending in ` \\` goes on on the next line (the shell's continuation), whatever it holds;
- what the command printed may follow it: up to MAX_OUTPUT_LINES short lines opening in lower
  case with no sentence's punctuation at their end (`converted 8,214 links, 0 rejected`), where
  the text then stops or opens anew (a capital, a list's marker, another prompt).

The block (kind `code`) is left alone by the passes that join, reflow or rewrite text, and
written as a fenced code block."""

from __future__ import annotations

from .lazy_re import lazy_compile
from .model import Block, State

# A shell prompt and a command's name (`$ vroute-convert`, `$ python3`).
_COMMAND = lazy_compile(r"^\$ [a-z][\w.+-]*(?:\s|$)")
# A token that shows a command: an option, a file's name or path, a key or an assignment.
_COMMAND_TOKEN = lazy_compile(r"\s(?:--?[A-Za-z]|\S*[./_=]\S)")
# A line the shell continues on the next.
_CONTINUED = lazy_compile(r"\s\\$")
# Output a command printed: lower case first, no sentence's (or a clause's) end, nor a word
# that joins what follows (a sentence's line wrapped: `and is checked by hand every`).
_OUTPUT = lazy_compile(r"^[a-z0-9][^\n]*[^.!?:;,\s]$")
_JOINING_END = lazy_compile(r"\s(?:a|an|and|as|at|by|every|for|from|in|into|is|of|on|or|the|to|with)$")
# A command's printed output is at most this many lines long, each this many characters.
MAX_OUTPUT_LINES = 3
MAX_OUTPUT_CHARS = 72
# What opens text anew after a code block: a capital, a list's marker, a prompt.
_OPENS_ANEW = lazy_compile(r"^(?:[A-Z\"“‘(]|\d+[.)]\s|[-•*–]\s|\$ )")


def code_blocks(state: State) -> State:
    if not any(line.lstrip().startswith("$ ") for block in state.blocks for line in block.lines):
        return state  # (most documents: no prompt at all)
    lines = [(index, offset, line.strip()) for index, block in enumerate(state.blocks)
             if block.kind == "para" for offset, line in enumerate(block.lines)]
    runs = _runs(lines)
    if not runs:
        return state
    code = {(lines[at][0], lines[at][1]): run for run, (first, last) in enumerate(runs)
            for at in range(first, last + 1)}
    out: list[Block] = []
    open_code: dict[int, Block] = {}
    for index, block in enumerate(state.blocks):
        if not any((index, offset) in code for offset in range(len(block.lines))):
            out.append(block)
            continue
        piece: Block | None = None
        for offset, line in enumerate(block.lines):
            run = code.get((index, offset))
            if run is not None:
                if run in open_code:  # the run goes on from a block above (pdfminer's blank lines)
                    target = open_code[run]
                    target.lines.append(line.strip())
                    target.end = block.start + offset
                    piece = target
                    continue
                piece = Block([line.strip()], block.start + offset, block.start + offset, "code",
                              page_break_before=block.page_break_before and offset == 0).carry(block)
                piece.quote = piece.item = piece.table = False
                piece.continues = None
                open_code[run] = piece
                out.append(piece)
                state.diagnostics.info("code-block", block.start + offset,
                                       f"“{line.strip()[:60]}” opens a run of command lines: a code block")
                continue
            if piece is None or piece.kind == "code":
                piece = Block([line], block.start + offset, block.start + offset, block.kind, block.level,
                              page_break_before=block.page_break_before and offset == 0).carry(block)
                out.append(piece)
            else:
                piece.lines.append(line)
                piece.end = block.start + offset
    state.blocks = out
    return state


def _runs(lines: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The (first, last) positions in `lines` of each run of command lines and their output."""
    runs: list[tuple[int, int]] = []
    at = 0
    while at < len(lines):
        text = lines[at][2]
        if not _COMMAND.match(text):
            at += 1
            continue
        last = at
        while _CONTINUED.search(lines[last][2]) and last + 1 < len(lines):
            last += 1
        if last == at and not _COMMAND_TOKEN.search(text):
            at += 1
            continue  # `$ make` alone, or a sum of money: no evidence of a command
        last = _output(lines, last)
        if runs and runs[-1][1] == at - 1 and lines[at - 1][0] == lines[at][0]:
            runs[-1] = (runs[-1][0], last)  # a command right below another: one block
        else:
            runs.append((at, last))
        at = last + 1
    return runs


def _output(lines: list[tuple[int, int, str]], last: int) -> int:
    """The last line of a command ending at `last` with what it printed below it."""
    for size in range(MAX_OUTPUT_LINES, 0, -1):
        end = last + size
        if end >= len(lines) or not all(_OUTPUT.match(lines[k][2]) and len(lines[k][2]) <= MAX_OUTPUT_CHARS
                                        and not _COMMAND.match(lines[k][2]) and not _JOINING_END.search(lines[k][2])
                                        for k in range(last + 1, end + 1)):
            continue
        following = lines[end + 1] if end + 1 < len(lines) else None
        if following is None or following[0] != lines[end][0] or _OPENS_ANEW.match(following[2]):
            return end
    return last
