"""Fuzzing the normaliser: generated messy exports through the pure-Python passes, many at a time.

A full normalise spends most of its time in pandoc, so the bulk of the examples stop after
`merge_metadata` and write the body with the native writer (markdown_writer, pandoc off); a small
share runs the whole pipeline, pandoc included, for idempotence. The budget is small by default
(CI); `make fuzz` (scripts/fuzz) raises it with PRESSROOM_FUZZ_EXAMPLES and records what ran in
PRESSROOM_FUZZ_LOG. A failure found here becomes a case in REGRESSIONS or an xfail test.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
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

from pressroom.normalise.markdown_writer import LIST_BREAK, native_body

TOTAL = int(os.environ.get("PRESSROOM_FUZZ_EXAMPLES", "0"))
LOG = os.environ.get("PRESSROOM_FUZZ_LOG")
# In a long run (scripts/fuzz) a failing example is recorded and the run goes on, so that one bug
# does not end it; the test still fails at its end, listing each distinct failure once.
COLLECT = bool(LOG) and TOTAL > 0
# Share of a fuzz run's examples per test (each pure test runs as two shards, for two workers).
SHARES = {"messy": 0.40, "synthetic": 0.095, "full": 0.01}
CI_EXAMPLES = {"messy": 150, "synthetic": 12, "full": 4}
_NOTE = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
# Page furniture of tests/synthetic.py glued to a word cut at a page end: `civiliza-**Velmora…`,
# `prosper-Page 1 of 2 Brossom…`.
_GLUED_HEAD = re.compile("-[\ue010-\ue013]?(?:Page \\d+ of \\d+|— \\d+ —|\\d+\\s|" + "|".join(
    w.split()[0] for pair in synthetic.HEAD_TEXTS for w in pair) + "|Brossom)")


def budget(kind: str) -> int:
    return max(1, int(TOTAL * SHARES[kind])) if TOTAL else CI_EXAMPLES[kind]


def sharded(test, shard: int):
    """Give each shard its own random stream in a long run (the shards would otherwise draw the
    same examples under one --hypothesis-seed)."""
    base = os.environ.get("PRESSROOM_FUZZ_SEED")
    return seed(int(base) * 2 + shard)(test) if base else test


def fuzz_settings(kind: str) -> settings:
    return settings(max_examples=budget(kind), deadline=None, database=None if not TOTAL else settings.default.database,
                    suppress_health_check=list(HealthCheck), derandomize=not TOTAL)


# --- a run: every example checked; what the generator cannot make is counted and set aside ---

class Run:
    """Counts the examples of one test and appends them to the fuzz log when the test ends."""

    def __init__(self, name: str):
        self.name, self.started, self.counts = name, time.monotonic(), Counter()
        self.findings: Counter = Counter()
        self.samples: dict[str, str] = {}

    def __enter__(self):
        return self

    def check(self, function, example) -> None:
        """Run one example; a known bug is counted, a new failure raised (or, in a long run,
        recorded under its exception type and the line that raised it)."""
        self.counts["examples"] += 1
        try:
            bug = function(example)
        except Exception as exc:
            if not COLLECT:
                raise
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            self.findings[key] += 1
            self.samples.setdefault(key, f"{example!r}"[:200_000] + " → " + str(exc)[:400])  # whole, to replay
            return
        if bug:
            self.counts[bug] += 1

    def __exit__(self, kind, exc, tb):
        if LOG:
            record = {"test": self.name, "examples": self.counts["examples"],
                      "known_bugs": dict((k, v) for k, v in self.counts.items() if k != "examples"),
                      "findings": dict(self.findings), "samples": self.samples,
                      "failed": exc is not None or bool(self.findings),
                      "error": repr(exc)[:2000] if exc else None,
                      "seconds": round(time.monotonic() - self.started, 1)}
            with open(LOG, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")
        if exc is None and self.findings:
            pytest.fail(f"{sum(self.findings.values())} failing examples: {dict(self.findings)}")
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
    """The properties that need no pandoc (a failure raises)."""
    try:
        decode(text.encode("utf-8"), "fuzz.txt")
        state = pure_normalise(text)
        body = native_body(state) if state.blocks else None
    except InputError:
        return None
    accounting = state.accounting
    assert accounting["balanced"], (accounting["missing"], accounting["unexpected"])
    cited = [int(n) for block in state.blocks for n in _NOTE.findall(block.text)]
    cited += [int(n) for note in state.notes.values() for n in _NOTE.findall(note.text)]
    assert sorted(cited) == sorted(state.notes), "every note is cited exactly once"
    if body is not None:
        # Nothing a browser could run survives: `<` is escaped unless it opens a safe autolink
        # (or is the empty comment that parts two lists of one numbering, pandoc's own way).
        for match in re.finditer(r"(?<!\\)<([^>\s]*)", body.replace(f"\n{LIST_BREAK}\n", "\n")):
            assert match.group(1).startswith(("https://", "http://", "mailto:")), body
    return None


@pytest.mark.parametrize("shard", [0, 1])
def test_messy_exports_never_crash_and_keep_every_word(shard):
    with Run(f"messy[{shard}]") as run:
        @fuzz_settings("messy")
        @given(st.one_of(messy_export(), st.text(max_size=200)))
        def check(text):
            run.check(check_pure, text)
        sharded(check, shard)()


# --- synthetic exports with known facts (tests/synthetic.py) ---------------------------------

def knobs():
    return st.builds(
        synthetic.Knobs,
        seed=st.integers(0, 2**31), title_page=st.booleans(),
        head=st.sampled_from(synthetic.HEAD_STYLES), numbers=st.sampled_from(synthetic.NUMBER_STYLES),
        breaks=st.sampled_from(synthetic.BREAK_STYLES), markers=st.sampled_from(synthetic.MARKER_STYLES),
        continuous=st.booleans(), definitions=st.sampled_from(synthetic.DEFINITION_STYLES),
        url_notes=st.sampled_from([0.0, 0.3, 0.6, 1.0]), continued_definition=st.booleans(),
        endnotes=st.booleans(),
        contents=st.sampled_from(synthetic.CONTENTS_STYLES), contents_wrap=st.sampled_from(["tab", "plain"]),
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
    try:
        raw, expected = synthetic.generate(knobs)
    except IndexError:  # the generator has 20 circled digits; continuous numbering can need more
        return "generator: more than 20 circled notes"
    text, _ = decode(raw, "fuzz.txt")
    state = pure_normalise(text)
    glued = [m.group(0) for block in state.blocks for m in [_GLUED_HEAD.search(block.text)] if m]
    assert not glued, f"page furniture glued to a word cut at a page end: {glued}"
    got = [(after, body) for _, after, body in linked_notes(state)]
    want = [(n.after, n.text) for n in expected.notes]
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
            run.check(check_synthetic, k)
        sharded(check, shard)()


# --- the whole pipeline, pandoc included (a small share) -------------------------------------

def test_full_normalise_is_idempotent():
    with Run("full") as run, tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        (folder / "doc.yaml").write_text("title: Fuzz\n")

        def idempotent(text):
            (folder / "doc.txt").write_text(text, encoding="utf-8")
            try:
                first = normalise_file(folder / "doc.txt")
            except InputError:
                return None
            (folder / "doc.md").write_text(first.text, encoding="utf-8")
            assert normalise_file(folder / "doc.md").text == first.text
            return None

        @fuzz_settings("full")
        @given(messy_export())
        def check(text):
            run.check(idempotent, text)
        check()


# --- failures the fuzzer found, kept as plain regression cases --------------------------------

REGRESSIONS = [
    ". Next word.\n",                                # a paragraph starting with a period: IndexError
    "&#x41;",                                         # decoded entities: accounting
    "A claim.\n\n①note\n\n:::\n\nlost words here\n",   # continuation of an unused definition dropped
    "develop-\n①",                                    # a marker after a line-end hyphen: accounting
    "BEIJING, June 20 (Xinhua) -- ",                  # a paragraph that is only a dateline: IndexError
    "market\n\nBEIJING, June 20 (Xinhua) -- ",        # a dateline swallowed by page-break healing
    "Notes<https://example.org/x> river\n",           # an autolink glued to the word before it
    "develop-\n<https://example.org/x>\n",            # ... after a line-end hyphen
    "①well-\n and Council\n",                       # a marker glued to a half of a split word
    "^1á\n①\\",                                     # a caret marker glued to the next word: accounting
    "p-\nt3",                                         # a split word whose half ends in a digit: accounting
]


CONTINUED_AFTER_ALTERNATING_HEAD = synthetic.Knobs(
    seed=92909, title_page=False, head="alternating", numbers="none", breaks="between", markers="circled",
    definitions="space", url_notes=0.3, continued_definition=True, ligatures=True, soft_hyphens=True,
    nbsp=True, hard_wrap=False, page_words=119, encoding="utf-8-sig")


def test_a_continued_definition_after_an_alternating_head_is_joined():
    raw, expected = synthetic.generate(CONTINUED_AFTER_ALTERNATING_HEAD)
    state = pure_normalise(decode(raw, "x")[0])
    assert [(a, t) for _, a, t in linked_notes(state)] == [(n.after, n.text) for n in expected.notes]


CONTINUED_SUPERSCRIPT_GLUED = synthetic.Knobs(
    seed=21349642, title_page=True, head="plain1", numbers="page_of", breaks="mixed", markers="superscript",
    definitions="glued", url_notes=0.3, continued_definition=True, contents="dots", roman_sections=False,
    crlf=True, encoding="utf-16-le", page_words=50)


def test_continued_superscript_definitions_are_all_linked():
    raw, expected = synthetic.generate(CONTINUED_SUPERSCRIPT_GLUED)
    state = pure_normalise(decode(raw, "x")[0])
    assert [(a, t) for _, a, t in linked_notes(state)] == [(n.after, n.text) for n in expected.notes]

# Found by the fuzzer: a definition continued on a page whose end was not recognised (its head
# seen only twice), so the continuation is not just above the page's definitions.
CONTINUED_ON_AN_UNRECOGNISED_PAGE = [
    synthetic.Knobs(seed=52, title_page=False, head="none", markers="circled", url_notes=0.6,
                    continued_definition=True, encoding="utf-16", ligatures=True, soft_hyphens=True,
                    nbsp=True, page_words=52),
    synthetic.Knobs(seed=196735, title_page=False, head="none", markers="circled", continuous=True,
                    definitions="glued", url_notes=0.0, continued_definition=True, contents="dots",
                    contents_wrap="plain", ligatures=True, nbsp=True, page_words=86),
    synthetic.Knobs(seed=3732, title_page=False, head="none", continuous=True, url_notes=0.0,
                    continued_definition=True, roman_sections=False, ligatures=True, soft_hyphens=True,
                    hard_wrap=False, page_words=50),
    # The next "page" is a lone page number not recognised as one (two pages, two numbers).
    synthetic.Knobs(seed=12501, numbers="page_of", breaks="between", markers="circled", continuous=True,
                    definitions="glued", url_notes=0.0, continued_definition=True, contents="dots",
                    contents_wrap="plain", roman_sections=False, crlf=True, encoding="utf-16",
                    soft_hyphens=True, nbsp=True, hard_wrap=False, page_words=160),
]


@pytest.mark.parametrize("knobs", CONTINUED_ON_AN_UNRECOGNISED_PAGE, ids=lambda k: f"seed{k.seed}")
def test_a_definition_continued_on_an_unrecognised_page_is_joined(knobs):
    assert check_synthetic(knobs) is None


def test_a_wrapped_sentence_tail_is_not_a_footer():
    """`the.` ending three hard-wrapped paragraphs is their text, not a footer glued to them."""
    text = "".join(f"The {word} report says\nthe.\n\nHead\n\n" for word in ("river", "market", "council", "treaty"))
    state = pure_normalise(text)
    assert sum(block.plain().endswith("says the.") for block in state.blocks) == 4



HEAD_AFTER_CUT_WORD = synthetic.Knobs(seed=1, title_page=False, head="bold2", numbers="plain",
                                      breaks="mid_word", markers="circled", url_notes=0.0,
                                      roman_sections=False, hard_wrap=False, page_words=71)


def test_a_head_after_a_word_cut_at_a_page_end_is_removed():
    raw, expected = synthetic.generate(HEAD_AFTER_CUT_WORD)
    state = pure_normalise(decode(raw, "x")[0])
    output = " ".join(block.plain() for block in state.blocks)
    assert "Velmora" not in output and "civilization" in output


# Found by the fuzzer: the first page's head taken for a title page (so one head fewer to repeat),
# and two-page documents whose only two page numbers or heads stand inside a cut word.
HEADS_IN_SHORT_DOCUMENTS = [
    synthetic.Knobs(seed=2148, title_page=False, head="bold2", roman_sections=False, breaks="mid_word"),
    synthetic.Knobs(seed=246, title_page=True, head="none", numbers="page_of", breaks="mixed",
                    markers="bracket", continuous=True, url_notes=1.0, contents="tab", roman_sections=False,
                    encoding="utf-16", ligatures=True, hard_wrap=False, page_words=106),
    synthetic.Knobs(seed=232281887, title_page=False, head="plain1", numbers="page_of", breaks="mid_word",
                    markers="bracket", continuous=True, definitions="angle", url_notes=0.6,
                    contents="middots", roman_sections=False, encoding="utf-8-sig", soft_hyphens=True,
                    hard_wrap=False, page_words=121),
    synthetic.Knobs(seed=1, title_page=False, head="alternating", numbers="none", breaks="mid_word",
                    markers="bracket", definitions="angle", url_notes=0.6, endnotes=True, contents="tab",
                    contents_wrap="plain", crlf=True, encoding="utf-16-be", page_words=72),
    # The only even-page head of a three-page document: seen once, between a cut word's halves.
    synthetic.Knobs(seed=141, head="alternating", numbers="plain", breaks="mid_word", markers="symbol",
                    definitions="glued", url_notes=0.3, contents="tab", crlf=True, ligatures=True,
                    soft_hyphens=True, page_words=141),
    synthetic.Knobs(seed=348606910, title_page=False, head="alternating", numbers="none", breaks="mid_word",
                    markers="circled_caret", definitions="glued", url_notes=0.6, contents="dots",
                    contents_wrap="plain", roman_sections=False, crlf=True, encoding="utf-8-sig",
                    ligatures=True, soft_hyphens=True, page_words=134),
    # ... with nothing else on the page to show its end: the cut word alone.
    synthetic.Knobs(seed=1854138, title_page=False, head="alternating", breaks="mid_word", markers="bracket",
                    definitions="angle", url_notes=0.0, contents="tab", roman_sections=False,
                    encoding="utf-8-sig", hard_wrap=False, page_words=102),
]


@pytest.mark.parametrize("knobs", HEADS_IN_SHORT_DOCUMENTS, ids=lambda k: f"seed{k.seed}")
def test_heads_and_numbers_of_short_documents_are_removed(knobs):
    assert check_synthetic(knobs) is None


# Found by `make fuzz` (stop 24), fixed: hints inside words printed as hyphens when the halves of
# words cut at line ends were counted as words (seeds 245, 0, 875), or between two words the
# document also prints as one (`With­in`, 412); a contents list whose last
# entries' pages passed the pages the export shows (10888); a single-column page reordered as two
# columns because a block ending in a word cut on a short line (`prosper-`) read as a finished
# sentence (50).
FOUND_IN_STOP_24 = [
    synthetic.Knobs(seed=245, title_page=False, head="plain1", numbers="plain", continuous=True,
                    definitions="caret", url_notes=0.3, contents="tab", contents_wrap="plain",
                    soft_hyphens=True, nbsp=True, page_words=80),
    synthetic.Knobs(seed=0, numbers="plain", breaks="mid_word", markers="superscript", continuous=True,
                    url_notes=1.0, contents="tab", contents_wrap="plain", encoding="utf-16-be",
                    soft_hyphens=True, nbsp=True, page_words=50),
    synthetic.Knobs(seed=875, title_page=False, head="alternating", numbers="dashes",
                    breaks="mid_paragraph", url_notes=0.3, continued_definition=True, contents="dots",
                    contents_wrap="plain", encoding="utf-16-le", ligatures=True, soft_hyphens=True,
                    page_words=143),
    synthetic.Knobs(seed=10888, head="none", markers="superscript", definitions="angle", contents="dots",
                    contents_wrap="plain", roman_sections=False, crlf=True, encoding="utf-16-be",
                    nbsp=True, hard_wrap=False, page_words=139),
    synthetic.Knobs(seed=50, head="none", breaks="mid_word", markers="caret", continuous=True,
                    url_notes=0.0, endnotes=True, contents_wrap="plain", roman_sections=False,
                    encoding="utf-16-be", ligatures=True, soft_hyphens=True, nbsp=True, page_words=50),
    synthetic.Knobs(seed=412, title_page=False, markers="bracket", continuous=True, definitions="angle",
                    url_notes=0.3, continued_definition=True, crlf=True, encoding="latin-1", soft_hyphens=True,
                    hard_wrap=False, page_words=157),
]


@pytest.mark.parametrize("knobs", FOUND_IN_STOP_24, ids=lambda k: f"seed{k.seed}")
def test_found_by_the_fuzzer_in_stop_24(knobs):
    assert check_synthetic(knobs) is None


# Found by `make fuzz` (stops 25, 26): a short report's folios were not found because its last
# page is short (the folios' spacing looked irregular), and its first folio stayed in a word cut
# at the page end (`settle- 1 ment`); and the two below.
FOUND_IN_STOP_25 = [
    synthetic.Knobs(seed=159, title_page=False, head="none", numbers="plain", breaks="mid_word",
                    markers="circled", definitions="space", url_notes=0.6, contents="tab",
                    contents_wrap="plain", crlf=True, encoding="utf-8-sig", ligatures=True,
                    soft_hyphens=True, nbsp=True, hard_wrap=False, page_words=159),
    # reading_order took a page's paragraphs below its notes for a note's tail boxed apart
    # (each paragraph printed on one line), and read `^17 Text` as no definition: the next
    # page's blocks were swapped (`organizabetween`; two notes linked to each other's calls)
    synthetic.Knobs(seed=1020, title_page=True, head="none", numbers="none", breaks="mixed",
                    markers="caret", continuous=True, definitions="angle", url_notes=1.0, contents="tab",
                    contents_wrap="tab", roman_sections=True, crlf=True, encoding="utf-16-be",
                    ligatures=True, nbsp=True, hard_wrap=False, page_words=50),
    synthetic.Knobs(seed=160, title_page=True, head="none", numbers="none", breaks="mid_word",
                    markers="caret", continuous=True, definitions="angle", url_notes=0.3,
                    continued_definition=True, contents="tab", contents_wrap="plain", roman_sections=True,
                    crlf=True, encoding="utf-16-be", ligatures=True, soft_hyphens=True, nbsp=True,
                    hard_wrap=True, page_words=160),
    synthetic.Knobs(seed=27, title_page=False, head="none", numbers="none", breaks="mid_paragraph",
                    markers="superscript", continuous=False, definitions="angle", url_notes=1.0,
                    endnotes=True, contents="dots", contents_wrap="tab", roman_sections=False,
                    encoding="utf-16", ligatures=False, soft_hyphens=True, nbsp=False, hard_wrap=False,
                    page_words=68),
]


@pytest.mark.parametrize("knobs", FOUND_IN_STOP_25, ids=lambda k: f"seed{k.seed}")
def test_found_by_the_fuzzer_in_stop_25(knobs):
    assert check_synthetic(knobs) is None


# Found by `make fuzz` (stop 24), fixed in stop 28: exports with page breaks but fewer form feeds
# than pages, no running heads and no folios, where a page's notes stand amid its text (a
# paragraph goes on below its page's notes, and no break says so). The column passes read such a
# stretch as two columns interleaved and reordered its blocks: reading_order took the sentence
# going on below the notes for a break of its order (a note's definition now stands aside from
# the sentence it interrupts), and merged_columns read exports that print each paragraph on one
# line, which keep no printed line and so no column (it now leaves them).
COLUMN_PASSES_ON_UNBROKEN_PAGES = [
    synthetic.Knobs(seed=50, title_page=False, head="none", markers="superscript", definitions="angle",
                    continued_definition=True, contents="dots", roman_sections=False, encoding="utf-16-be",
                    ligatures=True, soft_hyphens=True, nbsp=True, hard_wrap=False, page_words=50),
    synthetic.Knobs(seed=171035, title_page=False, head="none", breaks="mid_paragraph", markers="caret",
                    continuous=True, definitions="glued", url_notes=0.0, continued_definition=True,
                    encoding="utf-16-be", page_words=120),
    synthetic.Knobs(seed=137, title_page=False, head="none", breaks="mid_paragraph", markers="circled",
                    continuous=True, definitions="glued", url_notes=0.0, continued_definition=True,
                    contents="tab", contents_wrap="plain", encoding="utf-16-be", hard_wrap=False, page_words=137),
    # stop 25: section 5's heading and section 6's, each with its paragraphs, read as two columns
    synthetic.Knobs(seed=131006, title_page=False, head="none", numbers="none", breaks="mid_word",
                    markers="circled", continuous=True, definitions="glued", url_notes=0.3,
                    contents="middots", contents_wrap="tab", roman_sections=False, encoding="utf-16-be",
                    ligatures=True, soft_hyphens=True, hard_wrap=True, page_words=76),
    # stop 26 (older than it: fails at 39e84a8 too): a page's paragraph moved below the next
    # section's, its note then linked to the wrong call (form feeds on some pages only)
    synthetic.Knobs(seed=50, title_page=False, head="none", numbers="none", breaks="mid_paragraph",
                    markers="caret", continuous=True, definitions="angle", url_notes=0.6,
                    continued_definition=True, contents="dots", contents_wrap="tab", roman_sections=True,
                    encoding="utf-8", ligatures=False, soft_hyphens=False, nbsp=False, hard_wrap=True,
                    page_words=50),
    # stop 27: the same, the page's notes circled and restarting on each page
    synthetic.Knobs(seed=50, title_page=True, head="none", numbers="none", breaks="mid_paragraph",
                    markers="circled", continuous=False, definitions="angle", url_notes=0.0,
                    continued_definition=True, endnotes=False, contents="none", contents_wrap="tab",
                    roman_sections=True, section_intro=True, crlf=True, encoding="utf-8", ligatures=False,
                    soft_hyphens=True, nbsp=False, hard_wrap=True, page_words=50),
]


@pytest.mark.parametrize("knobs", COLUMN_PASSES_ON_UNBROKEN_PAGES, ids=lambda k: f"seed{k.seed}")
def test_column_passes_keep_a_single_columns_order_where_page_breaks_are_missing(knobs):
    assert check_synthetic(knobs) is None


# Not fixed: the same family where the evidence itself misleads. A paragraph cut at a page end
# whose last line the generator leaves short (a printed page's cut line is full), so the page
# reads as ending its sentence and the next page's lower-case opening as a column's top (8192);
# a paragraph's one-line cut read as a heading above the page's notes (479001601). Nothing in
# the text tells these from two columns interleaved.
COLUMN_PASSES_ON_MISLEADING_PAGES = [
    synthetic.Knobs(seed=8192, title_page=False, head="none", breaks="mid_paragraph",
                    markers="superscript", continuous=True, contents_wrap="plain", roman_sections=False,
                    encoding="utf-16-le", soft_hyphens=True, page_words=50),
    synthetic.Knobs(seed=479001601, title_page=False, head="none", breaks="mid_paragraph", markers="bracket",
                    definitions="glued", continued_definition=True, contents="tab", roman_sections=False,
                    crlf=True, encoding="latin-1", soft_hyphens=True, page_words=75),
]


@pytest.mark.xfail(strict=True, reason="a cut line left short, or a one-line cut read as a heading, "
                   "looks like a column's end: the column passes reorder a single column")
@pytest.mark.parametrize("knobs", COLUMN_PASSES_ON_MISLEADING_PAGES, ids=lambda k: f"seed{k.seed}")
def test_column_passes_on_pages_whose_evidence_misleads(knobs):
    assert check_synthetic(knobs) is None


# Found by `make fuzz` (stop 27), fixed: a two-page report whose two folios (`— 1 —`, `— 2 —`)
# were too few to make a chain, the first standing inside a word cut at the page end
# (`inter- — 1 — national`: the word lost).
FOUND_IN_STOP_27 = [
    synthetic.Knobs(seed=106, title_page=True, head="alternating", numbers="dashes", breaks="mid_word",
                    markers="circled_caret", continuous=False, definitions="glued", url_notes=0.3,
                    continued_definition=False, endnotes=False, contents="none", contents_wrap="tab",
                    roman_sections=False, section_intro=True, crlf=False, encoding="utf-16-le",
                    ligatures=False, soft_hyphens=True, nbsp=True, hard_wrap=False, page_words=106),
]


@pytest.mark.parametrize("knobs", FOUND_IN_STOP_27, ids=lambda k: f"seed{k.seed}")
def test_found_by_the_fuzzer_in_stop_27(knobs):
    assert check_synthetic(knobs) is None


# Found by `make fuzz` (stop 28), fixed: a page's notes in brackets (`[1] See…`) not read as
# definitions by reading_order, so a sentence going on below them looked like a right column's
# top; the page was reordered and five notes linked to the wrong calls.
FOUND_IN_STOP_28 = [
    synthetic.Knobs(seed=19558, title_page=False, head="none", numbers="none", breaks="mid_paragraph",
                    markers="bracket", continuous=False, definitions="space", url_notes=0.0,
                    continued_definition=False, endnotes=False, contents="middots", contents_wrap="tab",
                    roman_sections=True, section_intro=True, crlf=False, encoding="utf-16-be",
                    ligatures=False, soft_hyphens=False, nbsp=True, hard_wrap=False, page_words=50),
]


@pytest.mark.parametrize("knobs", FOUND_IN_STOP_28, ids=lambda k: f"seed{k.seed}")
def test_found_by_the_fuzzer_in_stop_28(knobs):
    assert check_synthetic(knobs) is None


# Found by `make fuzz` at the end of stop 28 and not yet fixed (it fails at the stop's start too):
# caret-marked notes numbered on across pages, words cut mid-word, a definition continued on the
# next page: a note is linked to the wrong call (`civilization` for `term`).
@pytest.mark.xfail(strict=True, reason="a caret-marked note continued on the next page is linked to the wrong call")
def test_found_by_the_fuzzer_at_the_end_of_stop_28():
    knobs = synthetic.Knobs(seed=1761, title_page=False, head="none", numbers="none", breaks="mid_word",
                            markers="circled_caret", continuous=True, definitions="caret", url_notes=0.6,
                            continued_definition=True, endnotes=False, contents="tab", contents_wrap="plain",
                            roman_sections=False, section_intro=True, crlf=False, encoding="utf-8",
                            ligatures=False, soft_hyphens=True, nbsp=False, hard_wrap=True, page_words=121)
    assert check_synthetic(knobs) is None


# Found by `make fuzz` at the end of stop 29 (12,000 examples, 10 failing, 2 distinct failures);
# each fails at the stop's start (51aadf4) too. Notes linked to the wrong call or a definition cut
# short where a definition goes on to the next page (continued_definition) or the notes are
# symbols numbered afresh on each page:
STOP_29_SYNTHETIC = [
    dict(seed=27996, title_page=True, head="none", numbers="none", breaks="mid_paragraph",
         markers="circled_caret", continuous=True, definitions="glued", url_notes=0.0,
         continued_definition=True, endnotes=False, contents="middots", contents_wrap="plain",
         roman_sections=True, section_intro=True, crlf=True, encoding="utf-16", ligatures=True,
         soft_hyphens=False, nbsp=False, hard_wrap=True, page_words=124),
    dict(seed=69377256, title_page=False, head="none", numbers="none", breaks="mid_paragraph",
         markers="superscript", continuous=False, definitions="glued", url_notes=0.6,
         continued_definition=True, endnotes=False, contents="none", contents_wrap="plain",
         roman_sections=True, section_intro=True, crlf=True, encoding="utf-16", ligatures=False,
         soft_hyphens=True, nbsp=False, hard_wrap=True, page_words=149),
    dict(seed=2694511, title_page=False, head="none", numbers="none", breaks="mixed",
         markers="symbol", continuous=False, definitions="glued", url_notes=0.0,
         continued_definition=False, endnotes=False, contents="dots", contents_wrap="plain",
         roman_sections=True, section_intro=True, crlf=True, encoding="cp1252", ligatures=False,
         soft_hyphens=True, nbsp=False, hard_wrap=True, page_words=154),
]


@pytest.mark.xfail(strict=True, reason="a definition going on to the next page, or symbol notes numbered "
                                       "afresh on each page, linked to the wrong call or cut short")
@pytest.mark.parametrize("knobs", STOP_29_SYNTHETIC, ids=lambda k: f"seed{k['seed']}")
def test_found_by_the_fuzzer_at_the_end_of_stop_29(knobs):
    assert check_synthetic(synthetic.Knobs(**knobs)) is None


# ... and a messy export whose Markdown normalises to other Markdown: a space doubled after an
# HTML tag the first pass dropped (`page <b> the`), a bracketed number opening an item (`* [1]`).
STOP_29_NOT_IDEMPOTENT = '**Quillmoor Review\nZanthic Affairs**\n\n# \nI. café Council\n\n①û¯¸ 9 !ß¹\x01 develop- º\U000ddb65p\U0004f66f \U00081ad8\U000b9767 ﬁnance being ?\n\n” develop- the ; <a onclick=x()> 2024 ¹\nBEIJING, June 20 (Xinhua) -- treaty \U00056559\x8f×\U000fa246  $ \U000ff8c6CbH\n† \n\n    ‡ Council \U000f7726K \\ Xinhua and 鶂 \xad ^① being  develop- &#x41;\n> \x9c\U00085337\U00048d19ô ; well-\n\x89w\U00107a1f\xa0 ﬁnance ä\U0005cd4d\U0005ed9eù àh the \U0003325eF 7 café ‡ \xa0\x89\U00083512\U00035e90 0 :  öQdT\n\n②page 中文 \x06\U00057e3a\x80m of ⑳ treaty page <b> the café Xinhua\n* [1]  BEIJING\n\n— 1 —'


@pytest.mark.xfail(strict=True, reason="a doubled space left where a tag was dropped; `[1]` escaped")
def test_not_idempotent_found_by_the_fuzzer_at_the_end_of_stop_29(tmp_path):
    (tmp_path / "doc.yaml").write_text("title: Fuzz\n")
    (tmp_path / "doc.txt").write_text(STOP_29_NOT_IDEMPOTENT, encoding="utf-8")
    first = normalise_file(tmp_path / "doc.txt")
    (tmp_path / "doc.md").write_text(first.text, encoding="utf-8")
    assert normalise_file(tmp_path / "doc.md").text == first.text


@pytest.mark.parametrize("text", REGRESSIONS)
def test_regression(text):
    state = pure_normalise(text)
    native_body(state)
    assert state.accounting["balanced"]


_PAGE_PART = "[1] <i> \xa0 (Xinhua/A B)\n* .... <https://example.org/x>  †  \U0002b920 ment <em>"
CAPTION_WITH_OPEN_EMPHASIS = (f"{_PAGE_PART}\n\n{_PAGE_PART}\n\n* .... <https://example.org/x>  †  "
                              "\U0002b920 ment <em>\n\nPage 1 of 1")  # verbatim, as found


# Found by `make fuzz` (stop 27), verbatim: a bold head over two lines (`**Quillmoor Review` /
# `Zanthic Affairs**`) parted into a heading and a paragraph; each kept a lone `**`, which pandoc
# read back as text and escaped (`# \*\*Quillmoor Review`) on the second round.
HEADING_WITH_HALF_A_BOLD_SPAN = (
    "**Quillmoor Review\nZanthic Affairs**\n\n* BEIJING \u4e2d\u6587 $ i\x84\U000394a3\u00f8 ' &#x41; "
    "file:///etc/passwd ~ \u00f8\u00fd\U0007dde1s \ufb01nance ment the being river\n[1] "
    "<img src=file:///etc/passwd> caf\u00e9\n\u2022 \n\n1\n\n**Quillmoor Review\nZanthic Affairs**\n\n::: "
    "\n[1]  </b>\n\u2460\U000d3c58\x89\u00c3\U000f102c data:text/html,x \U0007923dY_b page "
    "\x8c\U000a129f\x9a\x9f 4\u00ebQ\u00f6 \U0001dba6\u00f4\u00b9\x1e \u00b0 \u2473 river "
    "<https://example.org/x> |\n\n2")


@pytest.mark.parametrize("text", [CAPTION_WITH_OPEN_EMPHASIS, HEADING_WITH_HALF_A_BOLD_SPAN],
                         ids=["caption", "heading"])
def test_a_block_with_an_unclosed_emphasis_is_canonical(tmp_path, text):
    (tmp_path / "doc.yaml").write_text("title: Fuzz\n")
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    first = normalise_file(tmp_path / "doc.txt")
    (tmp_path / "doc.md").write_text(first.text, encoding="utf-8")
    assert normalise_file(tmp_path / "doc.md").text == first.text


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


def test_two_lists_of_one_numbering_stay_apart_and_pure():
    """A list that starts again at 1 right after another is parted by pandoc's empty comment,
    which the fuzz check accepts, and which is the only `<` left unescaped (found by the fuzzer:
    `market / 1. market / 1. market`)."""
    assert check_pure("market\n1. market\n1. market") is None
    body = native_body(pure_normalise("market\n1. market\n1. market"))
    assert LIST_BREAK in body


@pytest.mark.parametrize("text", ["I. \n\n\x0c\n\nI. \n\n\x0c\n\n①", "Overview\n\n②\n\nThe text goes on here."])
def test_a_circled_number_alone_is_no_folio(text):
    """A line holding only a circled digit is a digit to str.isdigit but no number int() reads:
    the folio checks beside headings failed on it (found by the fuzzer)."""
    assert check_pure(text) is None
