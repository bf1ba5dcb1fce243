"""Inputs that once broke the normaliser, found by property tests and fuzzing; each stays fixed."""

from __future__ import annotations

import pytest

from pressroom.markdown import canonicalise
from pressroom.normalise.source import normalise_file


@pytest.mark.parametrize("text", [
    "<https://x.org>ms:ﬁ<b>x</b>$x$¿ù\x98è¶\t",  # autolink glued to a word swallowed it
    "①\n[1] <i>",                               # a definition of nothing but tags lost its marker's word
    "::: x",                                      # fenced-div lookalike: written as a fixed point
    "Text.[1] More.\n\nNotes\n\n1. First endnote.\n",  # endnotes called by bracketed markers
    "0¹0\n¹market",                              # a marker between two words separates them
    "# Ò\n1. Z\x9a Ð , \x89 well\n",               # C1 controls: pandoc refuses them
])
def test_balanced_and_a_fixed_point(tmp_path, text):
    source = tmp_path / "doc.txt"
    source.write_text(text, encoding="utf-8")
    state = normalise_file(source)
    assert state.accounting["balanced"], state.accounting
    assert canonicalise(state.text) == state.text
    again = tmp_path / "again.md"
    again.write_text(state.text, encoding="utf-8")
    assert normalise_file(again).text == state.text
