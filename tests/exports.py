"""Normalising a small text export written by a test: the normaliser's state, with its
accounting balanced (nothing lost, nothing invented), and the Markdown body below the metadata."""

from __future__ import annotations

from pressroom.normalise.source import normalise_file


def normalise(tmp_path, text: str):
    source = tmp_path / "export.txt"
    source.write_text(text, encoding="utf-8")
    state = normalise_file(source)
    assert state.accounting["balanced"], state.accounting
    return state


def body(state) -> str:
    return state.text.split("\n---\n", 1)[1].strip()
