"""The native writer must produce exactly what pandoc's writer produces, or step aside."""

from __future__ import annotations

import os

import pytest
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


def _state(paragraphs: list[str], note_text: str | None, links: list[str] | None = None) -> State:
    from pressroom.normalise.emit import emit

    state = State(path="test.txt", name="test", links=links or [])
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


# Values the native writer mostly takes (letters, apostrophes, a colon): its quoting tested.
PLAIN_META_ALPHABET = "abcX019 ,.()'’:–"
_META_TEXT = st.one_of(st.text(alphabet=META_ALPHABET, min_size=1, max_size=20),
                       st.text(alphabet=PLAIN_META_ALPHABET, min_size=1, max_size=20))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "subtitle", "author", "rights", "date", "keywords"]),
                       st.one_of(_META_TEXT, st.lists(_META_TEXT, min_size=1, max_size=3)),
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


LINK_URLS = ["https://example.org/a_b?x=1", "https://example.org/a(b)c", "https://example.org/a)b",
             "https://ex.org/a b", "mailto:ed@example.org", "http://example.org", "ftp://example.org/x"]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, min_size=1, max_size=6), st.integers(0, 5), st.integers(1, 3),
       st.sampled_from(LINK_URLS), st.sampled_from(["words", "url", "address", "emphasis"]),
       st.one_of(st.none(), sentence))
def test_links_are_written_as_pandoc_writes_them(words_, start, length, url, text_kind, note_text):
    """A link token's text and URL: the native writer and pandoc's give the same bytes, which are
    a fixed point of pandoc's writer; a refused scheme leaves the text alone."""
    from pressroom.normalise.markdown_writer import through_pandoc
    from pressroom.normalise.model import LINK_CLOSE, link_open

    start = min(start, len(words_) - 1)
    before, inner, after = words_[:start], words_[start:start + length], words_[start + length:]
    inner_text = {"words": " ".join(inner), "url": url, "address": url.split(":", 1)[1],
                  "emphasis": f"{EMPH_OPEN}{' '.join(inner)}{EMPH_CLOSE}"}[text_kind]
    text = " ".join([*before, f"{link_open(0)}{inner_text}{LINK_CLOSE}", *after])
    state = _state([text], note_text, links=[url])
    assert canonicalise(state.text) == state.text
    assert through_pandoc(state) == state.text
    if url.startswith("ftp:"):
        assert "](ftp:" not in state.text and "<ftp:" not in state.text
    else:
        assert f"]({url.split('(')[0].split(')')[0].split(' ')[0]}" in state.text or "<" in state.text


# Sentences the native writer always takes (punctuation only at the end): its list syntax tested.
PLAIN_SENTENCE = st.lists(st.text(alphabet="abcXYZé", min_size=1, max_size=8), min_size=1,
                          max_size=6).map(lambda w: " ".join(w) + ".")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["para", "1", "-", "•", "next", "skip"]), st.sampled_from(".)"),
                          st.one_of(sentence, PLAIN_SENTENCE)), min_size=1, max_size=7))
def test_lists_written_natively_are_what_pandoc_writes(blocks):
    """List items (numbered as printed, bullets, new lists where a number does not follow on or
    the delimiter changes) beside paragraphs: the native writer gives pandoc's bytes or steps
    aside."""
    from pressroom.normalise.markdown_writer import native_body, through_pandoc

    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    number = 0
    for index, (kind, delimiter, text) in enumerate(blocks):
        if kind == "para":
            state.blocks.append(Block([text], index + 1, index + 1))
            continue
        if kind in ("next", "skip", "1"):
            number = 1 if kind == "1" else number + (1 if kind == "next" else 2)
            marker = f"{number}{delimiter}"
        else:
            marker = kind
        state.blocks.append(Block([f"{marker} {text}"], index + 1, index + 1, "list_item"))
    native = native_body(state)
    expected = through_pandoc(state)
    if native is not None:
        assert expected.split("---\n", 2)[2] == "\n" + native
    assert canonicalise(expected) == expected


@pytest.mark.parametrize("items", [
    ["1. One.", "2) Two."],                       # the delimiter changes: a list of its own
    ["1. One.", "3. Three."],                     # a number skipped: a list of its own
    ["9. Nine.", "10. Ten.", "11. Eleven."],      # the marker's width
    ["1. One.", "- Dash.", "• Bullet.", "2. Two."],
    ["- Dash.", "para:Between.", "- Dash again."],
    ["7. Seven."],
])
def test_known_lists_are_written_natively_as_pandoc_writes_them(items):
    from pressroom.normalise.markdown_writer import native_body, through_pandoc

    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    for index, item in enumerate(items):
        para = item.startswith("para:")
        state.blocks.append(Block([item.removeprefix("para:")], index + 1, index + 1,
                                  "para" if para else "list_item"))
    native = native_body(state)
    assert native is not None
    assert through_pandoc(state).split("---\n", 2)[2] == "\n" + native


@pytest.mark.parametrize("value", ["09", "1e3", "0x1F", "12", "0.5", "2025-01-20", "Report 9"])
def test_a_value_yaml_may_read_as_a_number_is_left_to_pandoc(value):
    """`09` reads as the number 9 and pandoc writes `9`: the native block declines such values
    (found by the property test above, with `{'title': '09'}`)."""
    from pressroom.normalise.markdown_writer import front_matter, front_matter_input

    native = front_matter({"title": value})
    if native is not None:
        assert native == canonicalise(front_matter_input({"title": value})).rstrip("\n") + "\n"


@pytest.mark.parametrize("text", ["@)", "(@) An example.", "@good. A labelled example.", "@) and more"])
def test_a_paragraph_opening_like_an_example_lists_marker_is_written_as_pandoc_writes_it(text):
    # `@)`, `(@)`, `@label.` open pandoc's example lists: pandoc escapes them at a paragraph's
    # start, and the native writer steps aside for it (found by hypothesis: `@)` written bare).
    from pressroom.normalise.markdown_writer import native_body, through_pandoc

    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    state.blocks.append(Block([text], 1, 1))
    native = native_body(state)
    if native is not None:
        assert through_pandoc(state).split("---\n", 2)[2] == "\n" + native


def test_numbering_in_brackets_that_restarts_keeps_its_numbers():
    """Legal subsections numbered `(1)`, `(2)` in each section: pandoc reads them as one list and
    would number the second section's `(3)`, `(4)`; a list of their own keeps them as printed."""
    from pressroom.normalise.markdown_writer import write_document

    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    for index, text in enumerate(["(1) A person may apply.", "(2) The council decides.",
                                  "(1) An appeal lies.", "(2) The court hears it."]):
        state.blocks.append(Block([text], index + 1, index + 1))
    written = write_document(state)
    assert "(1) An appeal lies." in written and "(2) The court hears it." in written
    assert "(3)" not in written and "(4)" not in written


@pytest.mark.parametrize("lone", ["5.", "5)"])
def test_a_lone_number_paragraph_after_a_list_keeps_its_number(lone):
    """A list's marker printed apart whose item was not found stays a paragraph of its own (`5.`);
    pandoc reads it as an empty item of the list before it and would number it `2.` after
    `1. …`: a number changed. It starts a list of its own, keeping `5.`."""
    from pressroom.normalise.markdown_writer import write_document

    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    state.blocks.append(Block(["1. review the sites of the villages;"], 1, 1, kind="list_item"))
    state.blocks.append(Block([lone], 2, 2))
    state.blocks.append(Block(["side-valleys whose entrance is narrow;"], 3, 3))
    written = write_document(state)
    assert lone in written.split("---\n", 2)[2]
    assert "2." not in written and "2)" not in written
