"""End to end: each source normalises to its reviewed golden Markdown, byte for byte.

Regenerate only on purpose, then read the diff before committing it:
    PRESSROOM_ACCEPT=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os

import pytest

from pressroom.markdown import canonicalise
from pressroom.normalise.source import normalise_file

from conftest import ROOT, SOURCE_NAMES

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module", params=SOURCE_NAMES)
def normalised(request):
    return request.param, normalise_file(ROOT / "sources" / f"{request.param}.txt",
                                         display_path=f"sources/{request.param}.txt")


def test_matches_golden(normalised):
    name, state = normalised
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("PRESSROOM_ACCEPT"):
        golden.write_text(state.text, encoding="utf-8")
    assert state.text == golden.read_text(encoding="utf-8")


def test_is_a_fixed_point_of_pandocs_writer(normalised):
    _, state = normalised
    assert canonicalise(state.text) == state.text


def test_normalising_the_output_again_changes_nothing(normalised, tmp_path):
    _, state = normalised
    again = tmp_path / "again.md"
    again.write_text(state.text, encoding="utf-8")
    assert normalise_file(again).text == state.text


def test_word_accounting_balances(normalised):
    _, state = normalised
    accounting = state.accounting
    assert accounting["balanced"], (accounting["missing"], accounting["unexpected"])
    assert accounting["output_words"] > 0.9 * (accounting["source_words"] - accounting["removed_as_furniture"])


def test_no_unexplained_warnings(normalised):
    _, state = normalised
    assert [str(d) for d in state.diagnostics.warnings] == []


def test_no_line_starts_with_block_syntax_inside_a_paragraph(normalised):
    _, state = normalised
    body = state.text.split("\n---\n", 1)[1]
    previous = ""
    for line in body.splitlines():
        if previous and line and not line.startswith(("[^", "    ", ":::")):
            assert not line[:3].rstrip().rstrip(".").isdigit() or not line.split(" ", 1)[0].endswith("."), line
            assert not line.startswith(("- ", "+ ", "* ", "# ", "> ")), line
        previous = line
