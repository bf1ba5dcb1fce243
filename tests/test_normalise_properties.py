"""Properties of the normaliser on any input: it never crashes, is idempotent, loses no word,
and links every generated footnote to its own definition.

Examples are few by default (each normalise runs pandoc); a long fuzz run raises them:
    PRESSROOM_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_normalise_properties.py
(this loads the "fuzz" profile registered here: random examples, shrinking on. Pytest's
`--hypothesis-profile=fuzz` needs the registration in tests/conftest.py, which runs earlier.)
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from pressroom.errors import InputError
from pressroom.normalise.source import normalise_file
from pressroom.normalise.words import words

import synthetic
from test_normalise_synthetic import read_outcome

FUZZ_EXAMPLES = int(os.environ.get("PRESSROOM_FUZZ_EXAMPLES", "0"))
FUZZ_PROFILE_EXAMPLES = 1000
settings.register_profile("fuzz", max_examples=max(FUZZ_EXAMPLES, FUZZ_PROFILE_EXAMPLES),
                          deadline=None, suppress_health_check=list(HealthCheck))
if FUZZ_EXAMPLES:
    settings.load_profile("fuzz")


def examples(default: int) -> settings:
    """A small budget by default; PRESSROOM_FUZZ_EXAMPLES or `--hypothesis-profile=fuzz` raise it."""
    fuzzing = settings.default.max_examples >= FUZZ_PROFILE_EXAMPLES
    count = FUZZ_EXAMPLES or (settings.default.max_examples if fuzzing else default)
    # Outside a fuzz run: fixed examples (a failure reproduces) and no shrinking (it costs minutes).
    quick = dict(derandomize=True, phases=[Phase.explicit, Phase.generate]) if not (fuzzing or FUZZ_EXAMPLES) else {}
    return settings(max_examples=count, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], **quick)


# Text that looks like an export: words, markers, heads, numbers, quotes, breaks and debris.
_PIECES = st.sampled_from([
    "word", "Word", "develop-", "ment", "well-", "being", "I.", "1.", "①", "^①", "¹", "[1]", "*",
    "†", "**", "*", "Contents", "Notes", "....", "···", "\t", "7", "— 7 —", "Page 7 of 30", "\"",
    "'", "--", "- ", "\\$", "<i>", "</i>", "<b>x</b>", "https://example.org/a_b", "<https://x.org>",
    "ﬁ", "\u00ad", "\u00a0", "\f", "\r\n", "\n", "\n\n", " ", ".", ",", ":", "(Xinhua/A B)",
    "BEIJING, June 20 (Xinhua) --", "#", ">", "|", "`", "~~~", "[^1]", "::: x", "{.c}", "$x$",
    "\ue000", "\ufeff", "é", "中文",
])
export_like = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _normalise_text(text: str, directory: Path, suffix: str = ".txt", data: bytes | None = None):
    path = directory / f"doc{suffix}"
    path.write_bytes(text.encode("utf-8") if data is None else data)
    (directory / "doc.yaml").write_text("title: Property\nlang: en\n", encoding="utf-8")
    return normalise_file(path)


@examples(40)
@given(st.one_of(export_like, st.text(max_size=300)))
def test_never_crashes_on_text(text):
    with tempfile.TemporaryDirectory() as directory:
        try:
            state = _normalise_text(text, Path(directory))
        except InputError:
            assert not text.strip(" \t\r\n\f\ufeff\u00a0") or "\x00" in text or _mostly_controls(text)
            return
        assert isinstance(state.text, str) and state.text.strip()


@examples(20)
@given(st.binary(max_size=200))
def test_never_crashes_on_bytes(data):
    with tempfile.TemporaryDirectory() as directory:
        try:
            _normalise_text("", Path(directory), data=data)
        except InputError as error:
            assert str(error)  # one clear line for the user


def _mostly_controls(text: str) -> bool:
    return sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f") > 0.01 * len(text)


@examples(25)
@given(export_like)
def test_idempotent(text):
    assume(":::" not in text)  # a known bug, pinned by test_fenced_div_text_is_a_fixed_point
    with tempfile.TemporaryDirectory() as directory:
        try:
            first = _normalise_text(text, Path(directory))
        except InputError:
            assume(False)
        again = _normalise_text(first.text, Path(directory), suffix=".md")
        assert again.text == first.text


@examples(40)
@given(export_like)
def test_loses_no_word(text):
    with tempfile.TemporaryDirectory() as directory:
        try:
            state = _normalise_text(text, Path(directory))
        except InputError:
            assume(False)
    accounting = state.accounting
    assert accounting["balanced"], (accounting["missing"], accounting["unexpected"])


def test_fenced_div_text_is_a_fixed_point(tmp_path):
    first = _normalise_text("::: x", tmp_path)
    again = _normalise_text(first.text, tmp_path, suffix=".md")
    assert again.text == first.text


def _knobs():
    return st.builds(
        synthetic.Knobs,
        seed=st.integers(0, 10_000),
        title_page=st.booleans(),
        head=st.sampled_from(synthetic.HEAD_STYLES),
        numbers=st.sampled_from(synthetic.NUMBER_STYLES),
        breaks=st.sampled_from(synthetic.BREAK_STYLES),
        markers=st.sampled_from([m for m in synthetic.MARKER_STYLES]),
        continuous=st.booleans(),
        definitions=st.sampled_from(synthetic.DEFINITION_STYLES),
        url_notes=st.sampled_from([0.0, 0.5, 1.0]),
        continued_definition=st.booleans(),
        endnotes=st.booleans(),
        contents=st.sampled_from(synthetic.CONTENTS_STYLES),
        contents_wrap=st.sampled_from(["tab", "plain"]),
        roman_sections=st.booleans(),
        crlf=st.booleans(),
        encoding=st.sampled_from(synthetic.ENCODINGS),
        ligatures=st.booleans(),
        soft_hyphens=st.booleans(),
        nbsp=st.booleans(),
        hard_wrap=st.booleans(),
        page_words=st.integers(60, 160),
    ).filter(lambda k: not k.problems())


@examples(25)
@given(_knobs())
def test_generated_footnotes_link_to_their_own_definitions(knobs):
    raw, expected = synthetic.generate(knobs)
    # Furniture is known by repetition: a head printed on fewer than three pages is content.
    assume(all(n >= 3 for n in Counter(expected.furniture).values()))
    assume(len(expected.page_numbers) in (0,) or len(expected.page_numbers) >= 3)
    with tempfile.TemporaryDirectory() as directory:
        state = _normalise_text("", Path(directory), data=raw)
    result = read_outcome(expected, state)
    assert result.notes == [(n.paragraph, n.after, n.text) for n in expected.notes]
    assert state.accounting["balanced"]


def test_source_words_not_furniture_are_kept(tmp_path):
    """Every source word not classified as furniture (or moved to metadata) is in the output."""
    raw, _ = synthetic.generate(synthetic.Knobs(seed=3, head="plain1", numbers="page_of"))
    state = _normalise_text("", tmp_path, data=raw)
    source = words(raw.decode("utf-8"))
    removed = state.audit.removed_words + state.audit.moved_words + state.audit.joined_parts
    output = Counter()
    for block in state.blocks:
        output.update(words(block.plain()))
    for note in state.notes.values():
        output.update(words(note.text))
    kept = source - removed
    assert kept - output == Counter(), "a source word is missing from the output"
    assert output - kept - state.audit.joined == Counter(), "the output has a word the source lacks"
