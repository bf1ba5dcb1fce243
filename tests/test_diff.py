"""`pressroom diff`: small documents rendered twice, with one kind of change between them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom import cli, pipeline
from pressroom.diff import compare
from pressroom.diff.markdown_diff import diff_markdown
from pressroom.diff.pdf_pages import classify

WORDS = ("harbour lantern meadow copper violet orchard granite willow ember saffron thistle "
         "marble cinder juniper falcon quartz walnut heron amber cobalt").split()
EDITED_SENTENCE = "Paragraph 4 of the second part opens with a sentence about the harbour."


def sentence(part: int, paragraph: int, k: int) -> str:
    chosen = " ".join(WORDS[(part * 7 + paragraph * 3 + k + n) % len(WORDS)] for n in range(9))
    return f"Sentence {k} of paragraph {paragraph} in part {part} mentions {chosen}."


def markdown(*, title="Diff Sample", second_heading="Second Part", note=False, early="") -> str:
    """About four A4 pages: two parts of six paragraphs, one footnote, optional extras."""
    lines = ["---", f"title: {title}", "author: Pressroom Tests", "lang: en", "---", ""]
    for part, heading in ((1, "First Part"), (2, second_heading)):
        lines += [f"# {heading}", ""]
        for paragraph in range(1, 7):
            body = [sentence(part, paragraph, k) for k in range(1, 8)]
            if part == 2 and paragraph == 4:
                body[0] = EDITED_SENTENCE
            if part == 1 and paragraph == 1:
                body[0] += "[^1]"
            if part == 1 and paragraph == 2 and note:
                body[1] += "[^2]"
            lines += body + [""]
            if part == 1 and paragraph == 1:
                lines += ["[^1]: The first note.", ""]
            if part == 1 and paragraph == 2 and note:
                lines += ["[^2]: A note added in review.", ""]
            if part == 1 and paragraph == 1 and early:
                lines += [early, ""]
    return "\n".join(lines)


def build(root: Path, text: str) -> Path:
    """Render the Markdown into root/doc/ (all default editions); return root."""
    folder = root / "doc"
    folder.mkdir(parents=True)
    (folder / "doc.md").write_text(text, encoding="utf-8")
    pipeline.render(folder / "doc.md", None, folder, "doc", [])
    return root


@pytest.fixture(scope="module")
def old(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("old"), markdown())


@pytest.fixture
def new(tmp_path):
    return lambda text: build(tmp_path / "new", text)


def test_identical_builds_report_no_changes(old, tmp_path, capsys):
    shutil.copytree(old, tmp_path / "copy")
    status = cli.main(["-q", "diff", str(old), str(tmp_path / "copy"), "-o", str(tmp_path / "report")])
    out = capsys.readouterr().out
    assert status == 0
    assert "doc: no changes" in out and "changes found" not in out
    assert (tmp_path / "report" / "index.html").is_file()


@pytest.mark.slow
def test_one_edited_sentence(old, new, tmp_path, capsys):
    edited = markdown().replace(EDITED_SENTENCE, EDITED_SENTENCE.replace("harbour", "lighthouse"))
    new_dir = new(edited)
    status = cli.main(["-q", "diff", str(old), str(new_dir), "-o", str(tmp_path / "report")])
    summary = compare(old, new_dir, None)
    doc = summary.document("doc")
    md = doc.file("markdown").text
    assert (md.changed, md.added, md.removed) == (1, 0, 0)
    pdf = doc.file("pdf").pdf
    page = _page_holding(new_dir / "doc" / "doc.pdf", "lighthouse")
    assert [(c.kind, c.new) for c in pdf.changes] == [("changed", page)]
    assert pdf.shifted == [] and pdf.rasterised == 2
    assert doc.file("epub").text.changed == 1 and doc.file("html").text.changed == 1
    assert doc.file("docx").text.changed == 1  # read as the DOCX renderer declares
    assert status == 1
    out = capsys.readouterr().out
    assert f"changed p. {page}" in out and "[-harbour-]{+lighthouse+}" in out
    report = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in report and "<ins>lighthouse</ins>" in report
    assert "http://" not in report and "https://" not in report  # self-contained


@pytest.mark.slow
def test_added_footnote(old, new):
    doc = compare(old, new(markdown(note=True)), None).document("doc")
    notes = doc.file("markdown").structure.notes
    assert [(c.kind, c.label, c.new) for c in notes] == [("added", "note 2", "A note added in review.")]


@pytest.mark.slow
def test_renamed_heading(old, new):
    doc = compare(old, new(markdown(second_heading="Second Part, Revised")), None).document("doc")
    structure = doc.file("markdown").structure
    assert [(c.kind, c.old, c.new) for c in structure.headings] == [
        ("renamed", "Second Part", "Second Part, Revised")]
    assert not structure.notes and not structure.metadata


@pytest.mark.slow
def test_metadata_change(old, new):
    doc = compare(old, new(markdown(title="Diff Sample, Second Edition")), None).document("doc")
    changes = doc.file("markdown").structure.metadata
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("title", "Diff Sample", "Diff Sample, Second Edition")]
    assert doc.file("markdown").text.changed == 1


@pytest.mark.slow
def test_inserted_paragraph_shifts_later_pages(old, new):
    early = " ".join(f"Inserted sentence {k} pushes every later line further down the page."
                     for k in range(12))
    new_dir = new(markdown(early=early))
    pdf = compare(old, new_dir, None).document("doc").file("pdf").pdf
    first = _page_holding(new_dir / "doc" / "doc.pdf", "Inserted")
    changed = {c.new for c in pdf.changes}
    shifted = {n for _, n in pdf.shifted}
    assert first in changed
    assert shifted and not shifted & changed
    assert max(shifted) > first
    assert pdf.rasterised == 2 * len([c for c in pdf.changes if c.old]) + len(
        [c for c in pdf.changes if not c.old])


def test_moved_page_break_is_shifted_not_changed():
    old = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]]
    new = [["a", "b"], ["c", "d", "e", "f"], ["g", "h"]]
    assert classify([old], [new]) == ([], [(0, 0), (1, 1)], [])


def test_changed_word_flags_its_page_and_shifts_the_next():
    old = [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]]
    new = [["a", "B", "c"], ["long", "d", "e"], ["f", "g", "h"]]
    changed, shifted, removed = classify([old], [new])
    assert changed == [(0, 0), (1, 1)] and shifted == [(2, 2)] and removed == []


def test_markdown_diff_is_per_sentence_with_word_highlights():
    diff = diff_markdown("One.\nTwo words here.\nThree.\n", "One.\nTwo new words here.\nThree.\n")
    assert (diff.changed, diff.added, diff.removed) == (1, 0, 0)
    added = [row for row in diff.rows if row.kind == "added"][0]
    assert [text for text, changed in added.segments if changed] == [" new"]


def _page_holding(pdf: Path, word: str) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document, start=1):
            if word in page.get_textpage().get_text_range():
                return number
    finally:
        document.close()
    raise AssertionError(f"{word!r} is on no page of {pdf}")
