"""The normaliser on generated exports: not tuned to one document.

Each variant dresses a known clean document (tests/synthetic.py) in a different export's habits;
the canonical Markdown must give back its words, headings, paragraphs and notes, and nothing of
the page furniture.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from pressroom import markdown
from pressroom.normalise.source import normalise_file

from synthetic import Expected, Knobs, generate

VARIANTS: dict[str, Knobs] = {
    # The report's own habits: bold two-line head, ^① page-local notes, no page numbers.
    "report-like": Knobs(seed=1),
    "report-glued-definitions": Knobs(seed=2, definitions="glued"),
    "report-caret-definitions": Knobs(seed=3, markers="circled", definitions="caret"),
    "report-angle-urls": Knobs(seed=4, definitions="angle", url_notes=1.0),
    "plain-head-numbers-superscript": Knobs(seed=5, head="plain1", numbers="plain",
                                            markers="superscript"),
    "superscript-continuous": Knobs(seed=6, head="plain1", numbers="dashes",
                                    markers="superscript", continuous=True),
    "alternating-heads-brackets": Knobs(seed=7, head="alternating", numbers="dashes", page_words=60,
                                        markers="bracket"),
    "brackets-continuous": Knobs(seed=8, head="bold2", numbers="page_of", markers="bracket",
                                 continuous=True),
    "footers-symbols": Knobs(seed=9, head="footer", numbers="page_of", markers="symbol"),
    "circled-continuous": Knobs(seed=10, head="plain1", markers="circled", continuous=True),
    "numbers-only": Knobs(seed=11, head="none", numbers="plain", markers="circled"),
    "no-furniture": Knobs(seed=12, head="none", numbers="none", markers="circled_caret"),
    "endnotes-superscript": Knobs(seed=13, endnotes=True, markers="superscript", numbers="plain"),
    "endnotes-caret": Knobs(seed=33, endnotes=True, markers="caret", head="plain1", numbers="page_of"),
    "caret-per-page": Knobs(seed=34, markers="caret", head="bold2", numbers="plain"),
    "endnotes-brackets": Knobs(seed=14, endnotes=True, markers="bracket", head="plain1"),
    "contents-dots": Knobs(seed=15, contents="dots"),
    "contents-middots": Knobs(seed=16, contents="middots", numbers="dashes"),
    "contents-tabs": Knobs(seed=17, contents="tab", head="plain1", markers="superscript"),
    "continued-definition": Knobs(seed=18, continued_definition=True, url_notes=0.3),
    "continued-definition-superscript": Knobs(seed=19, continued_definition=True, url_notes=0.3,
                                              markers="superscript", head="plain1", numbers="plain"),
    "crlf-bom": Knobs(seed=20, crlf=True, encoding="utf-8-sig"),
    "latin-1": Knobs(seed=21, encoding="latin-1", markers="bracket", numbers="plain",
                     nbsp=True, soft_hyphens=True),
    "cp1252": Knobs(seed=22, encoding="cp1252", markers="symbol", numbers="dashes", crlf=True),
    "utf-16-bom": Knobs(seed=23, encoding="utf-16"),
    "utf-16-le-no-bom": Knobs(seed=24, encoding="utf-16-le", markers="bracket", numbers="plain"),
    "utf-16-be-no-bom": Knobs(seed=25, encoding="utf-16-be", head="plain1"),
    "ligatures-soft-hyphens-nbsp": Knobs(seed=26, ligatures=True, soft_hyphens=True, nbsp=True),
    "unwrapped-lines": Knobs(seed=27, hard_wrap=False, numbers="plain"),
    "arabic-sections": Knobs(seed=28, roman_sections=False, head="plain1", numbers="plain"),
    "breaks-mid-word": Knobs(seed=29, breaks="mid_word", page_words=70),
    "breaks-mid-paragraph": Knobs(seed=30, breaks="mid_paragraph", page_words=70),
    "breaks-between": Knobs(seed=31, breaks="between", page_words=70),
    "no-title-page": Knobs(seed=32, title_page=False, head="plain1", numbers="plain"),
    "contents-plain-wrap": Knobs(seed=36, contents="dots", contents_wrap="plain", head="plain1"),
    "sections-without-intro": Knobs(seed=35, section_intro=False, head="plain1", numbers="plain"),
}
_WORD = re.compile(r"[^\W_]+")
_OTHER_NUMBERS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079\u2460-\u2473]")

ENDNOTES_UNLINKED = ("footnotes(): endnotes under a 'Notes' heading are only linked from `^1` "
                     "markers; `¹` and `[1]` markers are never searched because the definitions' "
                     "style is 'endnote', which has no marker pattern")
SECTION_THEN_SUBSECTION = ("headings._from_numbering: a heading followed directly by a numbered "
                           "heading (`I. Part` then `1. Chapter`) is not a heading, because the "
                           "next block must start with an upper-case letter and '1' is not one; "
                           "the subsection then fails too (previous block not terminal) and becomes "
                           "a list item")
CONTENTS_PLAIN_WRAP = ("contents_list._read_entries: an entry wrapped over two lines whose first "
                      "line ends without a tab or leaders (`1. Lasting` / `Shared Harbour .... 5`) "
                      "ends the list; the rest of the printed contents stays in the body, where "
                      "its entries become headings, list items and paragraph text")
# (variant, test) -> the normaliser bug that makes the test fail today.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Outcome:
    expected: Expected
    markdown: str
    state: object
    paragraphs: list[str]  # text of each top-level Para, notes left out
    headings: list[tuple[int, str]]
    notes: list[tuple[int, str, str]]  # (paragraph index, word before the call, note text)


def normalise_bytes(raw: bytes, directory: Path, name: str = "doc"):
    """Normalise raw export bytes as sources/NAME.txt with a minimal NAME.yaml beside them."""
    source = directory / f"{name}.txt"
    source.write_bytes(raw)
    (directory / f"{name}.yaml").write_text("title: Synthetic Document\nlang: en\n", encoding="utf-8")
    return normalise_file(source)


@functools.cache
def outcome(name: str) -> Outcome:
    raw, expected = generate(VARIANTS[name])
    with tempfile.TemporaryDirectory() as directory:
        state = normalise_bytes(raw, Path(directory))
    return read_outcome(expected, state)


def read_outcome(expected: Expected, state) -> Outcome:
    ast = markdown.to_ast(state.text)
    paragraphs, headings, notes = [], [], []
    for block in ast["blocks"]:
        if block["t"] == "Header":
            headings.append((block["c"][0], stringify(block["c"][2])))
        elif block["t"] == "Para":
            index = len(paragraphs)
            paragraphs.append(stringify(block["c"], notes=notes, index=index))
    return Outcome(expected, state.text, state, paragraphs, headings, notes)


def stringify(inlines: list, notes: list | None = None, index: int = 0, before: list | None = None) -> str:
    """Plain text of pandoc inlines; Note elements are left out and recorded in `notes`."""
    out: list[str] = [] if before is None else before
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Note":
            if notes is not None:
                words = _WORD.findall("".join(out))
                text = " ".join(stringify(b["c"]) for b in content if b["t"] in ("Para", "Plain"))
                notes.append((index, words[-1].casefold() if words else "", text))
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            stringify(content, notes, index, out)
        elif kind in ("Link", "Span", "Quoted", "Cite"):
            stringify(content[-2] if kind == "Link" else content[-1], notes, index, out)
        elif kind in ("Code", "Math", "RawInline"):
            out.append(content[-1])
    return "".join(out)


def words(text: str) -> Counter:
    """Words as a reader counts them: note calls (`¹`, `①`) are not part of the word."""
    return Counter(w.casefold() for w in _WORD.findall(_OTHER_NUMBERS.sub(" ", text)))


@pytest.fixture(params=list(VARIANTS))
def result(request) -> Outcome:
    bug = KNOWN_BUGS.get((request.param, request.node.originalname))
    if bug:
        request.applymarker(pytest.mark.xfail(strict=True, reason=bug))
    return outcome(request.param)


def test_no_furniture_remains(result: Outcome):
    head_words = set()
    for line in result.expected.furniture:
        head_words |= set(words(line))
    everything = " ".join(result.paragraphs + [h for _, h in result.headings] + [n[2] for n in result.notes])
    assert not head_words & set(words(everything)), "running head or footer words in the output"
    body = " ".join(result.paragraphs)
    numbers = re.findall(r".{0,20}\d+.{0,5}", body)
    assert not numbers, f"page numbers in the body: {numbers[:3]}"
    if result.expected.page_numbers:
        assert "page" not in words(body)


def test_every_paragraph_word_is_present(result: Outcome):
    expected = Counter(w for paragraph in result.expected.paragraphs for w in paragraph)
    missing = expected - words(" ".join(result.paragraphs))
    assert not missing, f"words lost: {dict(missing)}"


def test_paragraphs_keep_their_bounds(result: Outcome):
    """Paragraphs cut by a page break are one paragraph; complete ones at a break stay two."""
    got = [list(words(p).elements()) for p in result.paragraphs]
    expected = [sorted(p) for p in result.expected.paragraphs]
    assert [sorted(p) for p in got] == expected


def test_cut_paragraphs_are_whole(result: Outcome):
    for index in result.expected.cut_paragraphs:
        assert index < len(result.paragraphs)
        assert sorted(words(result.paragraphs[index]).elements()) == sorted(result.expected.paragraphs[index])


def test_headings_and_levels(result: Outcome):
    assert result.headings == result.expected.headings


def test_each_note_is_linked_to_its_own_definition(result: Outcome):
    expected = [(n.paragraph, n.after, n.text) for n in result.expected.notes]
    assert result.notes == expected


def test_canonical_markdown_is_a_fixed_point(result: Outcome):
    assert markdown.canonicalise(result.markdown) == result.markdown


def test_accounting_balances(result: Outcome):
    accounting = result.state.accounting
    assert accounting["balanced"], (accounting["missing"], accounting["unexpected"])


def test_no_warnings_for_clean_variants(result: Outcome):
    assert [str(d) for d in result.state.diagnostics.warnings] == []


def test_variants_exercise_what_they_claim():
    """The generator really produces the cases the tests rely on."""
    cut = sum(len(generate(k)[1].cut_paragraphs) for k in VARIANTS.values())
    assert cut >= 10
    raw, _ = generate(VARIANTS["breaks-mid-word"])
    assert re.search(rb"[a-z]-\n\n", raw.replace(b"\r", b""))
    raw, expected = generate(VARIANTS["continued-definition"])
    assert any(n.text.startswith("See") for n in expected.notes)
    raw, _ = generate(VARIANTS["utf-16-le-no-bom"])
    assert raw[1:2] == b"\x00" and not raw.startswith(b"\xff\xfe")
    raw, _ = generate(VARIANTS["crlf-bom"])
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw


def test_the_checks_can_fail():
    """Each check rejects a deliberately broken outcome of a passing variant."""
    import copy

    good = outcome("plain-head-numbers-superscript")
    checks = {
        test_no_furniture_remains: lambda o: o.paragraphs.__setitem__(1, o.paragraphs[1] + " Quillmoor 7"),
        test_every_paragraph_word_is_present: lambda o: o.paragraphs.__setitem__(2, "Shortened."),
        test_paragraphs_keep_their_bounds: lambda o: o.paragraphs.__setitem__(
            slice(1, 3), [o.paragraphs[1] + " " + o.paragraphs[2]]),
        test_headings_and_levels: lambda o: o.headings.__setitem__(0, (2, o.headings[0][1])),
        test_each_note_is_linked_to_its_own_definition: lambda o: o.notes.reverse(),
        test_canonical_markdown_is_a_fixed_point: lambda o: setattr(o, "markdown", o.markdown + "\n\n\n* x"),
    }
    for check, damage in checks.items():
        broken = copy.deepcopy(good)
        damage(broken)
        with pytest.raises(AssertionError):
            check(broken)
