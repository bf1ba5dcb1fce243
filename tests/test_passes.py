"""Each normaliser pass alone on its fixtures: tests/fixtures/passes/PASS/CASE.txt → CASE.expected.

The State is built by the passes before PASS, then PASS runs alone and the result is rendered
with `render_state` (the `--dump-dir` form). Regenerate an expected file only on purpose:
    PRESSROOM_ACCEPT=1 .venv/bin/python -m pytest tests/test_passes.py   (then read the diff)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pressroom.errors import InputError
from pressroom.normalise import PASS_NAMES, PASSES, run_passes
from pressroom.normalise.decode import decode
from pressroom.normalise.dump import render_state
from pressroom.normalise.inline_cleanup import clean_text
from pressroom.normalise.model import State

FIXTURES = Path(__file__).parent / "fixtures" / "passes"
CASES = sorted(FIXTURES.glob("*/*.txt"))
ACCEPT = os.environ.get("PRESSROOM_ACCEPT") == "1"


def run_alone(pass_name: str, text: str) -> State:
    state = State(path="fixture.txt", text=text)
    index = PASS_NAMES.index(pass_name)
    if index:
        state = run_passes(state, stop_after=PASS_NAMES[index - 1])
    return PASSES[index][1](state)


def rendered(pass_name: str, state: State) -> str:
    text = render_state(state)
    if state.contents:
        text += "".join(f"[contents h{e['level']} p{e['page']}] {e['text']}\n" for e in state.contents)
    return text


KNOWN_BUGS: dict[str, str] = {}  # pass fixture -> the bug that makes it fail today


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.stem}"


@pytest.mark.parametrize("case", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[_case_id(c)]))
    if _case_id(c) in KNOWN_BUGS else c for c in CASES], ids=[_case_id(c) for c in CASES])
def test_pass_fixture(case: Path):
    pass_name = case.parent.name
    state = run_alone(pass_name, case.read_text(encoding="utf-8"))
    got = rendered(pass_name, state)
    expected_path = case.with_suffix(".expected")
    if ACCEPT:  # regenerate only on purpose, then read the diff
        expected_path.write_text(got, encoding="utf-8")
    assert expected_path.exists(), f"{expected_path.name} is missing: write it with PRESSROOM_ACCEPT=1"
    assert got == expected_path.read_text(encoding="utf-8")


def test_every_listed_pass_has_fixtures():
    wanted = {"page_furniture", "contents_list", "unwrap_lines", "footnotes", "headings", "captions",
              "heal_page_breaks", "inline_cleanup"}
    assert wanted <= {c.parent.name for c in CASES}
    assert {c.parent.name for c in CASES} <= set(PASS_NAMES)


# --- inline_cleanup, phrase by phrase ---------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ('our destiny."Over time', "our destiny.” Over time"),
    ("win- win cooperation", "win-win cooperation"),
    ("state- to- state relations", "state-to-state relations"),
    ("physical- and institutional links", "physical- and institutional links"),
    ("short- or long-term aims", "short- or long-term aims"),
    ("the Great Way-- living in harmony-- and", "the Great Way—living in harmony—and"),
    ("the Great Way -- living in harmony -- and", "the Great Way—living in harmony—and"),
    # A command's option is typed as written (`--` opening a word after a space), not a dash.
    ("run vroute-convert network.csv --out network.gpkg --max-time 180", "run vroute-convert network.csv --out network.gpkg --max-time 180"),
    ("whatever the --width-scale option says", "whatever the --width-scale option says"),
    ("--out opens the line", "--out opens the line"),
    ('principle of " a crucial step" today', "principle of “a crucial step” today"),
    ('a "real community" (die)', "a “real community” (die)"),
    ("reached $19.1 trillion", "reached $19.1 trillion"),
    ("wait...", "wait…"),
    ("the world's people", "the world’s people"),
])
def test_inline_cleanup_phrases(before: str, after: str):
    state = State(path="x")
    assert clean_text(before, state, 1) == after


def test_escaped_dollar_stays_a_dollar_through_the_pipeline():
    state = run_passes(State(path="x", text="Trade reached \\$19.1 trillion.\n"))
    assert "$19.1 trillion" in state.text.replace("\\$", "$")
    assert "\\\\" not in state.text


# --- decode --------------------------------------------------------------------------------------

TEXT = "Café — “quoted” ① text\n"


@pytest.mark.parametrize("text, data, encoding", [
    (TEXT, TEXT.encode("utf-8"), "utf-8"),
    (TEXT, b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT, TEXT.encode("utf-16"), "utf-16"),
    ("Plain text export\n", "Plain text export\n".encode("utf-16-le"), "utf-16-le"),
    ("Plain text export\n", "Plain text export\n".encode("utf-16-be"), "utf-16-be"),
    ("Café naïve text\n", "Café naïve text\n".encode("latin-1"), "cp1252"),
    ("Quotes “a” — dash\n", "Quotes “a” — dash\n".encode("cp1252"), "cp1252"),
])
def test_decode_encodings(text: str, data: bytes, encoding: str):
    decoded, found = decode(data, "x.txt")
    assert found == encoding
    assert decoded.lstrip("\ufeff") == text  # the text that was encoded, each input its own


def test_decode_latin1_control_range_is_refused_or_read():
    """Bytes 0x81/0x8d/0x8f/0x90/0x9d are undefined in cp1252: Latin-1 would make C1 controls."""
    with pytest.raises(InputError):
        decode(b"Text with \x81 byte\n", "x.txt")


@pytest.mark.parametrize("data, line", [
    ("Good line é\nsecond line\n".encode("utf-8").replace(b"second", b"sec\xffond"), 2),
    (b"first\nsecond\nthird \xc3\xa9 and \xe9 broken\n", 3),
])
def test_decode_damaged_utf8_names_the_line(data: bytes, line: int):
    with pytest.raises(InputError) as error:
        decode(data, "x.txt")
    assert error.value.line == line
    assert "x.txt:" in str(error.value)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t", b"\xef\xbb\xbf\n", "\u00a0\n".encode("utf-8")])
def test_decode_empty_is_refused(data: bytes):
    with pytest.raises(InputError, match="empty|whitespace"):
        decode(data, "x.txt")


def test_decode_nul_is_refused_with_line():
    with pytest.raises(InputError, match="NUL") as error:
        decode(b"one\ntwo\x00three\n", "x.txt")
    assert error.value.line == 2


def test_decode_binary_is_refused():
    with pytest.raises(InputError):
        decode(bytes(range(1, 32)) * 10, "x.txt")


def test_first_running_head_does_not_turn_body_text_into_the_author():
    text = ("Running Head\n\nA paragraph cut in the middle of its\n\nRunning Head\n\n"
            "sentence by the page break.\n\nRunning Head\n\nMore text.\n")
    state = run_passes(State(path="x", text=text), stop_after="title_page")
    assert "author" not in state.meta


def test_a_page_note_set_in_columns_stays_a_note_and_never_crashes_the_notes_pass():
    """A page's note whose lines a -layout export sets beside another column's (runs of spaces,
    like a table's cells) is still the note `page_notes` found: `table_rows` never takes it for
    rows, and `footnotes` keeps a note block that lost its marker as text instead of failing
    (two real -layout exports, a three-column notice and lecture notes, ended in a traceback)."""
    from pressroom.normalise.footnotes import footnotes
    from pressroom.normalise.model import Block
    from pressroom.normalise.table_rows import table_rows

    state = State(path="notes.txt", text="")
    state.blocks = [
        Block(lines=["The board met twice that year.3 Its minutes survive."], start=1, end=1),
        Block(lines=["3 Minutes of the board, 1884.       Rates were cut again",
                     "Held at the record office.         in the spring of 1885,",
                     "Copied in 1902.                    and once more in 1886."],
              start=2, end=4, plain_note=3),
    ]
    state = table_rows(state)
    assert [b.kind for b in state.blocks] == ["para", "para"]
    state.blocks[1].lines = ["Held at the record office."]  # its marker gone, as a later pass may
    state = footnotes(state)
    assert "Held at the record office." in state.text or any(
        "Held at the record office." in b.text for b in state.blocks)


# --- inline_cleanup: a document's percent signs, spaced or glued ---------------------------------

def _percents(*paragraphs: str):
    from pressroom.normalise.inline_cleanup import inline_cleanup
    from pressroom.normalise.model import Block

    state = State(path="x")
    state.blocks = [Block([text], index + 1, index + 1) for index, text in enumerate(paragraphs)]
    return [block.text for block in inline_cleanup(state).blocks]


def test_a_percent_glued_in_a_document_that_spaces_them_gets_its_space():
    # A table's column `61 %`, `27 %`, `10 %`, then `2%`: the extractor dropped the narrow space.
    rows = ["Good 80–100 251 61 %", "Fair 65–79 111 27 %", "Poor 40–64 41 10 %", "Very poor below 40 9 2%"]
    assert _percents(*rows)[-1] == "Very poor below 40 9 2 %"
    assert _percents("A share of 12.5%, then", "61 % and 27 % and 3 %")[0] == "A share of 12.5 %, then"


def test_percents_glued_in_a_document_that_glues_them_stay_glued():
    # The negative cases: a document that glues its signs as often (or nearly), or spaces one
    # alone, keeps them as printed; a URL's `%20` is no percentage.
    assert _percents("61% and 27% rose", "to 10 % and 2 %")[0] == "61% and 27% rose"
    assert _percents("61% rose", "to 10 %")[0] == "61% rose"
    assert _percents("see https://x.org/a%20b and 2%", "10 % and 20 % and 30 %")[0] == \
        "see https://x.org/a%20b and 2 %"
