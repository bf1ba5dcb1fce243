"""A readable rendering of the State after a pass, for `--dump-dir` (debugging the pipeline)."""

from __future__ import annotations

from pathlib import Path

from .model import State


def render_state(state: State) -> str:
    if not state.blocks and state.text:
        return state.text
    if state.text and state.text.startswith("---"):
        return state.text
    parts = []
    for block in state.blocks:
        flag = (" ¶break" if block.page_break_before else "") + (" table" if block.table else "") + (
            " quote" if block.quote else "")
        level = f" h{block.level}" if block.kind == "heading" else ""
        parts.append(f"[{block.start}-{block.end} {block.kind}{level}{flag}]\n" + "\n".join(block.lines))
    for note in state.notes.values():
        parts.append(f"[note {note.number}: marker line {note.marker_line}, "
                     f"definition line {note.definition_line}]\n{note.text}")
    return "\n\n".join(parts) + "\n"


def dump(state: State, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_state(state), encoding="utf-8")
