"""The native writer must produce exactly what pandoc's writer produces, or step aside."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.markdown import canonicalise
from pressroom.normalise.markdown_writer import escape, needs_pandoc
from pressroom.normalise.model import Block, EMPH_CLOSE, EMPH_OPEN, Note, State, STRONG_CLOSE, STRONG_OPEN

EXAMPLES = int(os.environ.get("PRESSROOM_FUZZ_EXAMPLES", "40"))
ALPHABET = "abcXYZ019.,;:!?'()-_*#@$^~|<>[]{}\\`&%+=/“”’é"
# Words without spaces: the writer receives text whose whitespace inline_cleanup collapsed.
words = st.text(alphabet=ALPHABET, min_size=1, max_size=12)
sentence = st.lists(words, min_size=1, max_size=8).map(" ".join)


def _state(paragraphs: list[str], note_text: str | None) -> State:
    from pressroom.normalise.emit import emit

    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    blocks = []
    for index, text in enumerate(paragraphs):
        if note_text is not None and index == 0:
            state.notes[1] = Note(1, note_text, 1, 2)
            text += "\ue0001\ue001"
        blocks.append(Block([text], index + 1, index + 1))
    state.blocks = blocks
    return emit(state)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sentence, min_size=1, max_size=3), st.one_of(st.none(), sentence))
def test_native_output_is_pandocs_own(paragraphs, note_text):
    state = _state(paragraphs, note_text)
    assert canonicalise(state.text) == state.text


@settings(max_examples=EXAMPLES, deadline=None)
@given(sentence, sentence)
def test_emphasis_and_links_round_trip(left, right):
    text = f"{left} {EMPH_OPEN}{right}{EMPH_CLOSE} see https://example.org/a_b?x=1 {STRONG_OPEN}x{STRONG_CLOSE}."
    state = _state([text], None)
    assert canonicalise(state.text) == state.text


def test_escape_matches_pandoc_on_known_cases():
    # Each case was checked against pandoc 3.9's writer (markdown-smart).
    assert escape("x # y") == "x \\# y"
    assert escape("x #y and a#b") == "x #y and a#b"
    assert escape("x ## y") == "x \\## y"
    assert escape("mail @foo and a@b.c, @ alone") == "mail \\@foo and a@b.c, @ alone"
    assert escape("snake_case _lead a__b") == "snake_case \\_lead a\\_\\_b"
    assert escape("$5 x^2 ~a |p <a> [b] `c` *d* \\") == "\\$5 x\\^2 \\~a \\|p \\<a\\> \\[b\\] \\`c\\` \\*d\\* \\\\"
    assert escape("{b} & ! + - = % : ;") == "{b} & ! + - = % : ;"


def test_risky_constructs_are_left_to_pandoc():
    assert needs_pandoc("see (@a) here")
    assert needs_pandoc("AT&amp;T")
    assert not needs_pandoc("plain text, with: punctuation.")


META_ALPHABET = "abcXYZ019 ,.()/:-–©’“é#@*_[]'\"!?&%|>{}"


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "subtitle", "author", "rights", "date", "keywords"]),
                       st.one_of(st.text(alphabet=META_ALPHABET, min_size=1, max_size=20),
                                 st.lists(st.text(alphabet=META_ALPHABET, min_size=1, max_size=10),
                                          min_size=1, max_size=3)),
                       min_size=1))
def test_native_metadata_block_is_pandocs_own_or_declined(meta):
    from pressroom.normalise.markdown_writer import front_matter_input as _front_matter
    from pressroom.normalise.markdown_writer import front_matter

    native = front_matter(meta)
    if native is not None:
        assert native == canonicalise(_front_matter(meta)).rstrip("\n") + "\n"


def test_native_metadata_block_covers_the_projects_own_metadata():
    from pathlib import Path

    from pressroom.metadata import load_metadata
    from pressroom.normalise.markdown_writer import front_matter

    for name in ("shared-future", "central-asia-spirit"):
        meta = load_metadata(Path(__file__).parent.parent / "sources" / f"{name}.yaml")
        assert front_matter(meta) is not None
