"""The minimal cases of issue 11, each in the style of the real document that failed: the
normaliser never deletes content as furniture, never invents a note, keeps numbers as printed,
and reports the source's own line numbers."""

from __future__ import annotations

import re

from pressroom.normalise.source import normalise_file


def normalise(tmp_path, text: str):
    source = tmp_path / "doc.txt"
    source.write_text(text, encoding="utf-8")
    state = normalise_file(source)
    assert state.accounting["balanced"], state.accounting
    return state


def source_line(text: str, needle: str) -> int:
    """The 1-based line of the source on which `needle` is printed."""
    return text[:text.index(needle)].count("\n") + 1


def removed(state, cls: str | None = None) -> list[dict]:
    return [entry for name, entries in state.audit.removed.items() if cls in (None, name)
            for entry in entries]


# --- 6. line numbers in diagnostics and the audit are the source's own ------------------------

WORDS = "harbour river garden bridge council treaty market village season harvest".split()
FORM_FEEDS = "".join(
    f"Annual Review\n\nThe {WORDS[page]} opens this page and the sentence\nwraps once.\n\n"
    f"The {WORDS[page + 1]} closes it.\n\n{page}\n\f"
    for page in range(1, 6)) + "A marker without a definition ① closes the document.\n"


def test_line_numbers_survive_form_feeds(tmp_path):
    state = normalise(tmp_path, FORM_FEEDS)
    lines = FORM_FEEDS.split("\n")
    heads = removed(state, "running_heads")
    assert len(heads) == 4  # the first page's head is the title
    for entry in heads + removed(state, "page_numbers"):
        assert lines[entry["line"] - 1].strip("\f") == entry["text"], entry
    [undefined] = [d for d in state.diagnostics.items if d.code == "footnote-undefined"]
    assert undefined.line == source_line(FORM_FEEDS, "A marker without")
