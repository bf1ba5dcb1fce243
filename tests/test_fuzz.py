"""Fuzzing the normaliser: generated messy exports through the pure-Python passes, many at a time.

A full normalise spends most of its time in pandoc, so the bulk of the examples stop after
`merge_metadata` and write the body with the native writer (emit's own, pandoc off); a small
share runs the whole pipeline, pandoc included, for idempotence. The budget is small by default
(CI); `make fuzz` (scripts/fuzz) raises it with PRESSROOM_FUZZ_EXAMPLES and records what ran in
PRESSROOM_FUZZ_LOG. A failure found here becomes a case in REGRESSIONS or an xfail test.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import synthetic
from pressroom.errors import InputError
from pressroom.normalise import run_passes
from pressroom.normalise.accounting import account
from pressroom.normalise.clean_characters import clean_characters
from pressroom.normalise.decode import decode
from pressroom.normalise.model import NOTE_CLOSE, NOTE_OPEN, State, strip_tokens
from pressroom.normalise.source import normalise_file
from pressroom.normalise.words import words

emit = importlib.import_module("pressroom.normalise.emit")

TOTAL = int(os.environ.get("PRESSROOM_FUZZ_EXAMPLES", "0"))
LOG = os.environ.get("PRESSROOM_FUZZ_LOG")
# Share of a fuzz run's examples per test (each pure test runs as two shards, for two workers).
SHARES = {"messy": 0.40, "synthetic": 0.095, "full": 0.01}
CI_EXAMPLES = {"messy": 150, "synthetic": 12, "full": 4}
_NOTE = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
_ENTITY = re.compile(r"&[A-Za-z#][A-Za-z0-9]*;")


def budget(kind: str) -> int:
    return max(1, int(TOTAL * SHARES[kind])) if TOTAL else CI_EXAMPLES[kind]


def fuzz_settings(kind: str) -> settings:
    return settings(max_examples=budget(kind), deadline=None, database=None if not TOTAL else settings.default.database,
                    suppress_health_check=list(HealthCheck), derandomize=not TOTAL)


# --- known bugs: examples that hit them are set aside (counted), so the run finds new ones ------

def known_bug(exc: BaseException | None = None, text: str = "") -> str | None:
    """The xfail test (tests/test_bad_inputs.py) that already holds this failure, or None."""
    if exc is not None:
        frames = [frame.name for frame in traceback.extract_tb(exc.__traceback__)]
        if isinstance(exc, IndexError) and "_is_abbreviation" in frames:
            return "test_paragraph_starting_with_a_period_builds"
        if isinstance(exc, IndexError) and "_block" in frames:
            return "test_a_dateline_alone_builds"
    if re.search("[\ue010\ue012]{4}|[\ue011\ue013]{4}", text):
        return "test_nested_emphasis_output_is_canonical"
    return None


class Run:
    """Counts the examples of one test and appends them to the fuzz log when the test ends."""

    def __init__(self, name: str):
        self.name, self.started, self.counts = name, time.monotonic(), Counter()

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if LOG:
            record = {"test": self.name, "examples": self.counts["examples"],
                      "known_bugs": dict((k, v) for k, v in self.counts.items() if k != "examples"),
                      "failed": exc is not None, "error": repr(exc)[:2000] if exc else None,
                      "seconds": round(time.monotonic() - self.started, 1)}
            with open(LOG, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")
        return False


# --- messy exports ---------------------------------------------------------------------------

_WORDS = st.sampled_from(["market", "river", "Council", "treaty", "develop-", "ment", "well-", "being",
                          "the", "of", "and", "BEIJING", "Xinhua", "page", "中文", "café", "ﬁnance"])
_INLINE = st.sampled_from([
    "①", "^①", "^②", "⑳", "¹", "²³", "[1]", "[12]", "^1", "^12", "*", "†", "‡", "§", ".", ",", ":",
    ";", "!", "?", "…", "—", "--", "\"", "'", "“", "”", "(", ")", "[", "]", "<i>", "</i>", "<b>",
    "</b>", "<em>", "<script>alert(1)</script>", "<img src=file:///etc/passwd>", "<a onclick=x()>",
    "https://example.org/a_b?c=1&d=2", "<https://example.org/x>", "javascript:alert(1)",
    "data:text/html,x", "file:///etc/passwd", "mailto:a@b.org", "&amp;", "&#x41;", "\\", "`", "$",
    "#", "_", "~", "|", "@", "\u00ad", "\u00a0", "\ufeff", "\t", "....", "···", "(Xinhua/A B)",
    "\ue000", "\ue001", "\ue010", "\ue011", "2024", "7",
])
_LINE_START = st.sampled_from(["", "", "", "I. ", "II. ", "1. ", "2. ", "- ", "• ", "* ", "> ", "# ",
                               "①", "^①", "②", "¹", "[1] ", "^1 ", "* ", "† ", "Notes", "Contents",
                               "BEIJING, June 20 (Xinhua) -- ", "::: ", "| ", "    "])
_LINE = st.tuples(_LINE_START, st.lists(st.one_of(_WORDS, _INLINE, st.text(max_size=4)), max_size=14)).map(
    lambda t: t[0] + " ".join(t[1]))
_PAGE = st.lists(st.lists(_LINE, min_size=1, max_size=4).map("\n".join), min_size=1, max_size=5).map("\n\n".join)


@st.composite
def messy_export(draw) -> str:
    """Pages of lines with optional running heads, page numbers and breaks at random points."""
    head = draw(st.sampled_from(["", "**Quillmoor Review\nZanthic Affairs**", "Quillmoor Review 2024",
                                 "REPORT ON THINGS"]))
    numbers = draw(st.sampled_from(["", "plain", "dashes", "page_of"]))
    separator = draw(st.sampled_from(["\n\n", "\n\n\f\n\n", "\n", "\r\n\r\n"]))
    pages = draw(st.lists(_PAGE, min_size=1, max_size=5))
    out = []
    for number, page in enumerate(pages, start=1):
        parts = [head] if head else []
        parts.append(page)
        parts.append({"": "", "plain": str(number), "dashes": f"— {number} —",
                      "page_of": f"Page {number} of {len(pages)}"}[numbers])
        out.append("\n\n".join(p for p in parts if p))
    return separator.join(out) + draw(st.sampled_from(["", "\n", "\n\n"]))


def pure_normalise(text: str) -> State:
    """Every pass but the final pandoc call, with the word accounting."""
    state = State(path="fuzz.txt", text=text, name="fuzz", file_meta={"title": "Fuzz"})
    source_words = words(clean_characters(State(path="fuzz.txt", text=text)).text)
    state = run_passes(state, stop_after="merge_metadata")
    state.accounting = account(state, source_words)  # type: ignore[attr-defined]
    return state


def check_pure(text: str) -> str | None:
    """The properties that need no pandoc; return the known bug the text hit, if any."""
    try:
        decode(text.encode("utf-8"), "fuzz.txt")
        state = pure_normalise(text)
        body = emit._native_body(state) if state.blocks else None
    except InputError:
        return None
    except Exception as exc:  # a known bug is set aside; anything else is a finding
        bug = known_bug(exc)
        if bug is None:
            raise
        return bug
    accounting = state.accounting
    if not accounting["balanced"] and _ENTITY.search(text) and not accounting["missing"]:
        return "test_html_entities_keep_the_accounting_balanced"
    if not accounting["balanced"] and "(Xinhua)" in text and set(accounting["missing"]) & {"xinhua", "beijing"}:
        return "test_a_dateline_after_an_unfinished_paragraph_is_kept"
    assert accounting["balanced"], (accounting["missing"], accounting["unexpected"])
    cited = [int(n) for block in state.blocks for n in _NOTE.findall(block.text)]
    cited += [int(n) for note in state.notes.values() for n in _NOTE.findall(note.text)]
    assert sorted(cited) == sorted(state.notes), "every note is cited exactly once"
    if body is not None:
        # Nothing a browser could run survives: `<` is escaped unless it opens a safe autolink.
        for match in re.finditer(r"(?<!\\)<([^>\s]*)", body):
            assert match.group(1).startswith(("https://", "http://", "mailto:")), body
    return known_bug(text=text)


@pytest.mark.parametrize("shard", [0, 1])
def test_messy_exports_never_crash_and_keep_every_word(shard):
    with Run(f"messy[{shard}]") as run:
        @fuzz_settings("messy")
        @given(st.one_of(messy_export(), st.text(max_size=200)))
        def check(text):
            run.counts["examples"] += 1
            bug = check_pure(text)
            if bug:
                run.counts[bug] += 1
        check()


# --- synthetic exports with known facts (tests/synthetic.py) ---------------------------------

def knobs():
    return st.builds(
        synthetic.Knobs,
        seed=st.integers(0, 2**31), title_page=st.booleans(),
        head=st.sampled_from(synthetic.HEAD_STYLES), numbers=st.sampled_from(synthetic.NUMBER_STYLES),
        breaks=st.sampled_from(synthetic.BREAK_STYLES), markers=st.sampled_from(synthetic.MARKER_STYLES),
        continuous=st.booleans(), definitions=st.sampled_from(synthetic.DEFINITION_STYLES),
        url_notes=st.sampled_from([0.0, 0.3, 0.6, 1.0]), continued_definition=st.booleans(),
        endnotes=st.just(False),          # known bugs: tests/test_normalise_synthetic.py KNOWN_BUGS
        contents=st.sampled_from(synthetic.CONTENTS_STYLES), contents_wrap=st.just("tab"),
        roman_sections=st.booleans(), section_intro=st.just(True),
        crlf=st.booleans(), encoding=st.sampled_from(synthetic.ENCODINGS), ligatures=st.booleans(),
        soft_hyphens=st.booleans(), nbsp=st.booleans(), hard_wrap=st.booleans(),
        page_words=st.integers(50, 160),
    ).filter(lambda k: not k.problems())


def linked_notes(state: State) -> list[tuple[int, str, str]]:
    """(paragraph index, word before the call, note text) in reading order, from the blocks."""
    found = []
    paragraphs = [b for b in state.blocks if b.kind == "para"]
    for index, block in enumerate(paragraphs):
        for match in _NOTE.finditer(block.text):
            before = re.findall(r"[^\W_]+", strip_tokens(block.text[:match.start()]))
            note = state.notes[int(match.group(1))]
            found.append((index, before[-1].casefold() if before else "", strip_tokens(note.text).strip("<> ")))
    return found


def check_synthetic(knobs: synthetic.Knobs) -> str | None:
    """Every note links to its own definition (the word before its call, its whole text); the
    accounting balances; every body word is kept. Return the known bug the example hit, if any."""
    raw, expected = synthetic.generate(knobs)
    text, _ = decode(raw, "fuzz.txt")
    state = pure_normalise(text)
    got = [(after, body) for _, after, body in linked_notes(state)]
    want = [(n.after, n.text) for n in expected.notes]
    if got != want and knobs.continued_definition and len(got) == len(want) and all(
            g == w or (g[0] == w[0] and w[1].startswith(g[1])) for g, w in zip(got, want)):
        return "test_a_continued_definition_after_an_alternating_head_is_joined"
    assert got == want
    assert state.accounting["balanced"], (state.accounting["missing"], state.accounting["unexpected"])
    kept = Counter()
    for block in state.blocks:  # a hyphen left at a line end (`inter-national`) is a judgement call
        kept.update(words(block.plain()) + words(block.plain().replace("-", "")))
    for paragraph in expected.paragraphs:
        assert not Counter(paragraph) - kept, Counter(paragraph) - kept
    return None


@pytest.mark.parametrize("shard", [0, 1])
def test_synthetic_exports_link_every_note_to_its_own_definition(shard):
    with Run(f"synthetic[{shard}]") as run:
        @fuzz_settings("synthetic")
        @given(knobs())
        def check(k):
            run.counts["examples"] += 1
            bug = check_synthetic(k)
            if bug:
                run.counts[bug] += 1
        check()


# --- the whole pipeline, pandoc included (a small share) -------------------------------------

def test_full_normalise_is_idempotent():
    with Run("full") as run, tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        (folder / "doc.yaml").write_text("title: Fuzz\n")

        @fuzz_settings("full")
        @given(messy_export())
        def check(text):
            run.counts["examples"] += 1
            (folder / "doc.txt").write_text(text, encoding="utf-8")
            try:
                first = normalise_file(folder / "doc.txt")
            except InputError:
                return
            except Exception as exc:
                bug = known_bug(exc)
                if bug is None:
                    raise
                run.counts[bug] += 1
                reject()
            if known_bug(text=text) or "****" in first.text:
                run.counts["test_nested_emphasis_output_is_canonical"] += 1
                reject()
            (folder / "doc.md").write_text(first.text, encoding="utf-8")
            assert normalise_file(folder / "doc.md").text == first.text
        check()


# --- failures the fuzzer found, kept as plain regression cases --------------------------------

REGRESSIONS = [
    # Found by the first fuzz run: a paragraph starting with a period (xfail in test_bad_inputs).
    pytest.param(". Next word.\n", marks=pytest.mark.xfail(strict=True, reason="sentences._is_abbreviation IndexError")),
    # Found by the second: an HTML entity in the export (xfail in test_bad_inputs).
    pytest.param("&#x41;", marks=pytest.mark.xfail(strict=True, reason="convert_html entity accounting")),
    # Found by the third: datelines (xfail in test_bad_inputs).
    pytest.param("BEIJING, June 20 (Xinhua) -- ", marks=pytest.mark.xfail(strict=True, reason="emit dateline alone")),
    pytest.param("market\n\nBEIJING, June 20 (Xinhua) -- ", marks=pytest.mark.xfail(strict=True, reason="heal_page_breaks drops the dateline")),
]


CONTINUED_AFTER_ALTERNATING_HEAD = synthetic.Knobs(
    seed=92909, title_page=False, head="alternating", numbers="none", breaks="between", markers="circled",
    definitions="space", url_notes=0.3, continued_definition=True, ligatures=True, soft_hyphens=True,
    nbsp=True, hard_wrap=False, page_words=119, encoding="utf-8-sig")


@pytest.mark.xfail(strict=True, reason="footnotes._attach_continuations: found by the fuzzer; with "
                   "these knobs the note cut at a page end keeps only its first half ('See the alpha "
                   "record on museum ancient council'); the rest stays in the body")
def test_a_continued_definition_after_an_alternating_head_is_joined():
    raw, expected = synthetic.generate(CONTINUED_AFTER_ALTERNATING_HEAD)
    state = pure_normalise(decode(raw, "x")[0])
    assert [(a, t) for _, a, t in linked_notes(state)] == [(n.after, n.text) for n in expected.notes]


@pytest.mark.parametrize("text", REGRESSIONS)
def test_regression(text):
    state = pure_normalise(text)
    emit._native_body(state)
    assert state.accounting["balanced"]


def test_the_checks_can_fail():
    """The properties catch what they claim to: a lost word, an uncited note, a raw tag."""
    state = pure_normalise("A paragraph with words.\n")
    state.blocks[0].lines = ["A paragraph with."]
    assert not account(state, words("A paragraph with words.")).get("balanced")
    with pytest.raises(AssertionError):
        check_synthetic_notes_mismatch()


def check_synthetic_notes_mismatch():
    raw, expected = synthetic.generate(synthetic.Knobs(seed=1))
    state = pure_normalise(decode(raw, "x")[0])
    first = min(state.notes)
    state.notes[first].text, state.notes[first + 1].text = state.notes[first + 1].text, state.notes[first].text
    assert linked_notes(state) == [(n.paragraph, n.after, n.text) for n in expected.notes]
