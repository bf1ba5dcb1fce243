"""PDF sources: read with their geometry, the same passes after; bad PDFs refused in one line."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pdf_maker import PageSpec, Run, line, make_pdf, report_pages
from test_bad_inputs import cli

from pressroom.normalise.words import words
from pressroom.readers import kind_of

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEEDS = sorted(p.stem for p in (ROOT / "sources").glob("*.txt"))
# Round trip: words lost or invented, as a share of the document's words. What is left is the
# dehyphenation of compounds a line end cut at their own hyphen (`hot-` / `button`), which the
# PDF cannot tell from a word the typesetter hyphenated.
MAX_WORD_ERROR = 0.001
# The bar for the round trip, on the corpus scorer's 0-100 scale.
MIN_ROUND_TRIP_SCORE = 99


def _body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown


def _structure(markdown: str) -> tuple[list[str], list[str], Counter]:
    body = _body(markdown)
    headings = re.findall(r"^#+ .*$", body, re.M)
    notes = re.findall(r"^\[\^\d+\]: (.*)$", body, re.M)
    return headings, notes, words(re.sub(r"\[\^\d+\]:?", " ", body))


def _normalise(tmp_path: Path, data: bytes, name: str = "doc.txt", meta: str | None = "title: Case\n"):
    source = tmp_path / name
    source.write_bytes(data)
    if meta is not None:
        source.with_suffix(".yaml").write_text(meta, encoding="utf-8")
    out, audit = tmp_path / "doc.md", tmp_path / "doc.audit.json"
    out.write_text("previous good build\n")
    status, stderr = cli("normalise", str(source), "-o", str(out), "--audit", str(audit), "-v")
    return source, out, audit, status, stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_round_trip_of_pressrooms_own_pdf(built, tmp_path, name):
    """Pressroom's A4 PDF of a seed, read back, gives the seed's canonical Markdown: the corpus
    scorer gives it at least MIN_ROUND_TRIP_SCORE, the headings and notes are the same exactly,
    the words the same but for MAX_WORD_ERROR."""
    from pressroom.corpus.score import score

    source = tmp_path / f"{name}.pdf"
    shutil.copyfile(built(name)["pdf"], source)
    shutil.copyfile(ROOT / "sources" / f"{name}.yaml", tmp_path / f"{name}.yaml")
    out, audit = tmp_path / f"{name}.md", tmp_path / f"{name}.audit.json"
    status, stderr = cli("normalise", str(source), "-o", str(out), "--audit", str(audit))
    assert status == 0, stderr
    truth = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    output = out.read_text(encoding="utf-8")
    scored = score(truth, output, json.loads(audit.read_text(encoding="utf-8"))).to_dict()
    assert scored["total"] >= MIN_ROUND_TRIP_SCORE, scored
    headings, notes, found = _structure(output)
    want_headings, want_notes, wanted = _structure(truth)
    assert headings == want_headings
    assert notes == want_notes
    errors = sum(((wanted - found) + (found - wanted)).values())
    assert errors <= MAX_WORD_ERROR * sum(wanted.values()), (wanted - found, found - wanted)


def test_kind_is_decided_by_the_bytes():
    assert kind_of(make_pdf(report_pages(1))) == "pdf"
    assert kind_of(b"   \n%PDF-1.4\n") == "pdf"  # the header may follow a few bytes
    assert kind_of(b"A text that mentions %PDF- late" + b" " * 2000 + b"%PDF-") == "text"
    # A tool's banner written into the file before the header (Ghostscript's, its output sent
    # to stdout): a PDF, which its end marker confirms; a text quoting a header is no PDF.
    banner = b"GPL Ghostscript 10.02.0 (2023-09-13)\nProcessing pages 1 through 1.\nPage 1\n"
    assert kind_of(banner + make_pdf(report_pages(1))) == "pdf"
    assert kind_of(b"How to spot a PDF: its first line reads\n%PDF-1.7\nand so on.\n") == "text"


def test_a_pdf_after_a_tools_banner_is_read(tmp_path):
    banner = b"GPL Ghostscript 10.02.0 (2023-09-13)\nProcessing pages 1 through 3.\nPage 1\n"
    source, out, audit, status, stderr = _normalise(tmp_path, banner + make_pdf(report_pages(3)))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "Page 2 opens a paragraph about the harbour" in text
    assert "Ghostscript" not in text and " Tj" not in text  # read as a PDF, not as its bytes


def test_a_small_report_becomes_structure(tmp_path):
    """Running head and folios go (into the audit), the heading is found by its size, each raised
    call is paired with the note at its page's foot, italics become emphasis; a PDF named .txt
    is read as a PDF."""
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf(report_pages(4)))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    body = _body(text)
    assert "Quarterly Review" not in body
    assert re.search(r"^# 1\. Dredging the Outer Channel$", body, re.M)
    for page in range(1, 5):
        assert f"[^{page}]: A note about page {page} and its sources." in body
        assert f"Page {page} opens a paragraph about the harbour and its works, which ran" in body
    assert body.count("the *engineers* had planned.[^") == 4
    report = json.loads(audit.read_text(encoding="utf-8"))
    assert report["accounting"]["balanced"], report["accounting"]
    assert len(report["removed"]["running_heads"]) == 4
    assert [item["text"] for item in report["removed"]["page_numbers"]] == ["1", "2", "3", "4"]


def test_provenance_names_page_and_line(tmp_path):
    """A diagnostic about a PDF says `file:page N, line M`."""
    pages = report_pages(3) + [PageSpec()]  # the last page has no text (an image)
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf(pages))
    assert status == 0, stderr
    assert f"{source}:page 4, line 1: notice: page 4 has no text" in stderr
    report = json.loads(audit.read_text(encoding="utf-8"))
    assert any(d.get("place") == "page 4, line 1" for d in report["diagnostics"])


def _encrypted() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(report_pages(2)))))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _with_script_and_attachment() -> bytes:
    from pypdf import PdfReader, PdfWriter

    script = "/OpenAction << /S /JavaScript /JS (app.alert\\('scripted words'\\);) >> "
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(report_pages(3), script))))
    writer.add_attachment("attached.txt", b"attached words that are not the report")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("data, message", [
    (_encrypted(), "the PDF is encrypted"),
    (make_pdf([PageSpec(), PageSpec()]), "no text layer (a scan or images of text?): OCR is not supported"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nxref\nbroken\n" * 20, "cannot read the PDF: damaged"),
    (make_pdf([PageSpec([line(700, "Text on a page too wide to be real.")], width=20_000)]),
     "page 1 is 20,000 × 842 pt, above the limit"),
    (make_pdf([PageSpec([line(700, "One line.")])] * 2001), "the PDF has 2,001 pages, above the limit of 2,000"),
    (make_pdf(report_pages(2), private_font=True), "glyphs have no usable Unicode mapping"),
], ids=["encrypted", "scan", "broken-xref", "huge-page", "too-many-pages", "private-use-font"])
def test_bad_pdfs_are_refused_in_one_line(tmp_path, data, message):
    source, out, audit, status, stderr = _normalise(tmp_path, data)
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert status == 3 and len(lines) == 1, stderr
    assert lines[0].startswith(f"pressroom: error: {source}: ") and message in lines[0], lines[0]
    assert out.read_text() == "previous good build\n"  # nothing previous destroyed
    assert not audit.exists()


def test_scripts_and_attachments_are_ignored(tmp_path):
    source, out, audit, status, stderr = _normalise(tmp_path, _with_script_and_attachment())
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "Page 3 opens a paragraph" in text
    assert "scripted" not in text and "attached" not in text


def test_bench_measures_extraction_per_page(tmp_path):
    """`make bench` reads each workload's own PDF back (a smoke test: no timing is asserted)."""
    from pressroom.bench import pdf_source

    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "doc.pdf").write_bytes(make_pdf(report_pages(4)))
    found = pdf_source.measure("doc", tmp_path, build_seconds=1.0, runs=1)
    assert found["pages"] == 4
    assert found["extraction_ms_per_page"] == pytest.approx(1000 * found["extraction_seconds"] / 4)


def test_a_few_unmapped_glyphs_are_dropped_and_reported(tmp_path):
    """Private-use glyphs (a symbol font) are never printed as boxes: dropped, with a warning
    naming the page; the rest of the text is read."""
    pages = report_pages(3)
    pages[1].lines.append(line(300, "Symbols", size=11))  # F1: mapped to the private use area
    for page in pages:
        for text_line in page.lines:
            for run in text_line.runs:
                run.font = "F2" if run.font == "F1" else run.font  # the text in a mapped font
    pages[1].lines[-1].runs[0].font = "F1"
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf(pages, private_font=True))
    assert status == 0, stderr
    assert "page 2, line 1: warning: 7 glyph(s) without a Unicode mapping dropped on page 2" in stderr
    text = out.read_text(encoding="utf-8")
    assert "Page 2 opens a paragraph" in text and not any(0xE000 <= ord(c) <= 0xF8FF for c in text)


def test_make_and_build_take_a_pdf_source(tmp_path):
    """`make` finds sources/NAME.pdf and normalises the PDF; `pressroom build` knows its name,
    and NAME.txt beside NAME.pdf is refused as ambiguous."""
    import os
    import subprocess

    from pressroom import pipeline
    from pressroom.errors import UsageError

    project = tmp_path / "project"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    for name in listed:
        if (ROOT / name).is_file() and not name.startswith("sources/"):
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    for name in ("pyproject.toml", "constraints.txt"):  # older than the venv: never reinstalled
        os.utime(project / name, (946684800, 946684800))
    sources = project / "sources"
    sources.mkdir()
    (sources / "harbour.pdf").write_bytes(make_pdf(report_pages(3)))
    (sources / "harbour.yaml").write_text("title: Harbour Works\n", encoding="utf-8")
    done = subprocess.run(["make", "--no-print-directory", "md"], cwd=project, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Page 3 opens a paragraph" in (project / "build" / "harbour" / "harbour.md").read_text()
    assert pipeline.source_names(sources) == ["harbour"]
    assert pipeline.source_file("harbour", sources) == sources / "harbour.pdf"
    (sources / "harbour.txt").write_text("A text.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="two sources named harbour"):
        pipeline.source_file("harbour", sources)


def test_a_heading_opening_the_page_after_the_contents_stays(tmp_path):
    """The contents list ends where a heading the page sets large opens the next page, even when
    the paragraph below it ends a line in a number (as an entry would)."""
    contents = PageSpec([line(760, "Contents", size=16, font="F2"),
                         line(730, "1. Dredging . . . . . . . . . . . . . . . 2"),
                         line(716, "2. Costs . . . . . . . . . . . . . . . . . 3")])
    body = [PageSpec([line(760, heading, size=16, font="F2"),
                      line(730, "The outer channel was dredged to a depth of 12"),
                      line(716, "metres in the spring of 1998, and again in 2005.")])
            for heading in ("1. Dredging", "2. Costs")]
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([contents, *body]))
    assert status == 0, stderr
    body_text = _body(out.read_text(encoding="utf-8"))
    assert re.search(r"^# 1\. Dredging$", body_text, re.M) and re.search(r"^# 2\. Costs$", body_text, re.M)
    assert "Contents" not in body_text


_FILLER = "<p>" + " ".join(["The works on the quay went on through the season, and the board met "
                            "each month to review them."] * 6) + "</p>"
LINKED_HTML = f"""<html><head><style>@page {{ size: A5; margin: 2cm }} body {{ font: 11pt serif }}</style>
</head><body><h1>Links of a report</h1>{_FILLER}
<p>The survey was published by <a href="https://example.org/survey?id=7">the harbour board</a> last
spring. Its authors also kept <a href="https://example.org/data/2023_tables.csv"><i>a table of the
works</i></a> that anyone may read.</p>
<p>Questions go to <a href="mailto:editor@example.org">the editor</a> or to
<a href="mailto:board@example.org">board@example.org</a> directly.</p>
<p><a href="https://example.org/s">https://example.org/s</a> is where the survey lives.</p>
<p>An old mirror at <a href="ftp://files.example.org/pub">the file server</a> is no longer kept. This
sentence carries a long link to <a href="https://example.org/reports/2023/harbour-works-and-channel">the
complete report on the harbour works and the outer channel dredging</a> which wraps.</p>
{_FILLER}<h2>Second part</h2>{_FILLER}{_FILLER}</body></html>"""


def test_link_annotations_become_markdown_links(tmp_path):
    """A URI link annotation (WeasyPrint draws one a line) becomes one link over the words it
    covers, in italics too; a link whose text is its address an autolink; ftp: stays text with a
    diagnostic naming page and line. Nothing lost or invented: the words are the page's words,
    the links the PDF's own."""
    import weasyprint

    from pressroom.markdown import FORMAT, canonicalise, run_pandoc
    from pressroom.readers.pdf_extract import extract

    data = weasyprint.HTML(string=LINKED_HTML).write_pdf()
    source, out, audit, status, stderr = _normalise(tmp_path, data, meta="title: Links\n")
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    body = _body(text)
    assert "published by [the harbour board](https://example.org/survey?id=7) last" in body
    assert "kept [*a table of the works*](https://example.org/data/2023_tables.csv) that" in body
    assert "Questions go to [the editor](mailto:editor@example.org) or to <board@example.org>" in body
    assert "<https://example.org/s> is where the survey lives." in body
    assert ("to [the complete report on the harbour works and the outer channel dredging]"
            "(https://example.org/reports/2023/harbour-works-and-channel) which wraps.") in body
    assert "An old mirror at the file server is no longer kept." in body and "ftp:" not in body
    report = json.loads(audit.read_text(encoding="utf-8"))
    refused = [d for d in report["diagnostics"] if d["code"] == "unsafe-url"]
    assert len(refused) == 1 and refused[0]["place"].startswith("page 1, line "), refused
    assert "ftp://files.example.org/pub" in refused[0]["message"]
    assert report["accounting"]["balanced"], report["accounting"]
    assert canonicalise(text) == text
    pdf = extract(data, "links.pdf")
    targets = set(re.findall(r"\]\(([^)\s]+)\)|<((?:https?|mailto):[^>]+|[^>@\s]+@[^>\s]+)>", body))
    found = {a or (b if ":" in b else f"mailto:{b}") for a, b in targets}
    assert found == {link.uri for link in pdf.links if not link.uri.startswith("ftp:")}
    plain = run_pandoc(text, ["-f", FORMAT, "-t", "plain", "--wrap=none"])
    page_words = words(" ".join(line.text for page in pdf.pages for line in page.lines))
    assert words(plain) == page_words


def test_authors_set_one_a_block_on_a_title_page_are_all_authors(tmp_path):
    title_page = PageSpec([line(600, "Harbour Works in Review", size=24, font="F2"),
                           line(560, "The Dredging Season of 2023", size=16),
                           line(480, "Ruth Adeyemi", size=12), line(440, "Tomas Varga", size=12)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([title_page] + report_pages(3)))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "author:\n- Ruth Adeyemi\n- Tomas Varga\n" in text, text[:400]
    assert "Tomas Varga" not in _body(text)


def test_a_head_repeating_the_wrapped_title_on_two_pages_is_furniture(tmp_path):
    """A design that sets its running head (folio and the document's title) only on the pages
    that continue a chapter: seen on two pages of eight, not consecutive, too few to recur by
    itself; it repeats the title page's title, wrapped there over two lines, so it is furniture.
    A body sentence quoting the title is not (it stands in no edge)."""
    title_page = PageSpec([line(620, "Free Meals in the Valley", size=26, font="F2"),
                           line(590, "Schools", size=26, font="F2"),
                           line(540, "An Evaluation", size=16)])
    pages = []
    for number in range(2, 9):
        lines = []
        if number in (4, 7):
            lines.append(line(800, f"{number}    Free Meals in the Valley Schools", size=9))
        else:
            lines.append(line(740, f"{number - 1}. Part {number - 1}", size=16, font="F2"))
        lines += [line(700, f"Page {number} opens a paragraph about the meals and their"),
                  line(686, "cost, which the council met from its budget without any"),
                  line(672, "delay at all, as it had planned from the start of the year.")]
        if number == 5:
            lines.append(line(640, "The study Free Meals in the Valley Schools was printed."))
        pages.append(PageSpec(lines))
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([title_page, *pages]))
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    assert body.count("Free Meals in the Valley Schools") == 1, body
    assert "The study Free Meals in the Valley Schools was printed." in body
    assert not re.search(r"^#+ \d+ Free Meals", body, re.M)


def test_a_font_scaled_by_its_text_matrix_reads_like_one_set_at_its_size(tmp_path):
    """A PDF drawing a 1-point font that the text matrix scales (Word's way; a French transport
    plan read as all body size 1.0 and broken at every line) gives the same Markdown as the
    same pages drawn with real font sizes: heads, heading, notes and paragraphs found alike."""
    outputs = []
    for scaled in (False, True):
        folder = tmp_path / str(scaled)
        folder.mkdir()
        source, out, audit, status, stderr = _normalise(folder, make_pdf(report_pages(4), scaled=scaled))
        assert status == 0, stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[1] == outputs[0]
    assert "[^1]:" in outputs[0] and "# 1. Dredging the Outer Channel" in outputs[0]


def test_a_single_page_is_no_title_page(tmp_path):
    """A one-page PDF opening with a large line and a few short ones (py-pdf's pdfkit.pdf) is a
    document, not a title page with nothing behind it: its text is published."""
    page = PageSpec([line(800, "Header", size=24), line(780, "Foo: bar", size=12),
                     line(766, "ABC: DEF", size=12)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([page]), meta=None)
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "Header" in text and "bar" in text and "DEF" in _body(text)


@pytest.mark.parametrize("printed", ["January 3, 2024", "3 January 2024", "2024-01-03"])
def test_a_date_under_the_author_is_the_date_not_an_author(tmp_path, printed):
    """LaTeX's \\maketitle sets the date in the author's size below the author (py-pdf's
    multicolumn.pdf: `author: [Your Name, January 3, 2024]`): it is the document's date."""
    title_page = PageSpec([line(600, "Harbour Works in Review", size=24, font="F2"),
                           line(480, "Ruth Adeyemi", size=12), line(460, printed, size=12)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([title_page] + report_pages(3)))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "author: Ruth Adeyemi\n" in text and "date: 2024-01-03\n" in text, text[:400]
    assert "2024" not in _body(text) and "January" not in _body(text)


def test_heading_levels_without_an_outline_rank_sizes_below_the_title_page(tmp_path):
    """No outline (troff's PDFs have none): the levels come from the headings' sizes, ranked
    without the title page's larger title and subtitle (ranked with them, every chapter was a
    level down), to the half point (a 10.5 pt chapter is not a 9.5 pt section); a section
    number's depth decides where there is one (corpus groff: every heading a level down)."""
    title_page = PageSpec([line(600, "Harbour Works in Review", size=22, font="F2"),
                           line(560, "The Dredging Season of 2023", size=15),
                           line(480, "Ruth Adeyemi", size=11)])
    text = ("The dredger worked the outer channel through the spring and the summer, and the "
            "pilots reported a deeper approach at every state of the tide.")
    pages = []
    for number, (chapter, section) in enumerate([("Why the Harbour Silts", "The river and tide"),
                                                 ("What Dredging Costs", "Present arrangements"),
                                                 ("3. The Options", "3.1 Buy a dredger")], start=1):
        y, lines = 760, []
        lines.append(line(y, chapter, size=10.5, font="F2"))
        for heading in (None, section):
            if heading:
                y -= 22
                lines.append(line(y, heading, size=9.5, font="F2"))
            for start in range(0, len(text), 80):
                y -= 13
                lines.append(line(y, text[start:start + 80], size=9.5))
        lines.append(line(40, str(number), x=290, size=9))
        pages.append(PageSpec(lines))
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([title_page] + pages))
    assert status == 0, stderr
    headings = re.findall(r"^(#+) (.+)$", _body(out.read_text(encoding="utf-8")), re.M)
    assert headings == [("#", "Why the Harbour Silts"), ("##", "The river and tide"),
                        ("#", "What Dredging Costs"), ("##", "Present arrangements"),
                        ("#", "3. The Options"), ("##", "3.1 Buy a dredger")]


def test_a_call_nearly_the_texts_size_raised_a_third_is_a_superscript():
    """A CSS `<sup>` is one keyword step smaller: in 13 pt text WeasyPrint sets a call at 12 pt,
    raised about a third. It stays on its line as a superscript; an unraised digit of the same
    size does not."""
    from pdf_maker import Run

    from pressroom.readers.pdf_extract import extract

    page = PageSpec([line(700, Run("About a quarter of pupils qualified.", size=13),
                          Run("1", size=12, rise=4.5), Run(" The rest paid for lunch.", size=13)),
                     line(680, Run("They paid 2", size=13), Run("40 pounds a day.", size=12))])
    lines = extract(make_pdf([page]), "sup.pdf").pages[0].lines
    assert len(lines) == 2
    texts = ["".join(span.text for span in found.spans) for found in lines]
    assert texts[0] == "About a quarter of pupils qualified.¹ The rest paid for lunch."
    assert [span.text for span in lines[0].spans if span.raised] == ["¹"]
    assert not any(span.raised for span in lines[1].spans)


def _troff_report(cover: list) -> bytes:
    """A report in troff's ms manner: a cover whose title is set only two points above the body,
    the body's pages headed by the author (odd) and the title (even), chapters a point up."""
    pages = []
    for number in range(1, 6):
        head = "Tomas Varga" if number % 2 else "Harbour Works in Review"
        lines = [line(800, head, size=10, font="F3")]
        y = 740
        if number in (1, 4):
            lines.append(line(y, f"Chapter {number}: The Season's Work", size=11, font="F2"))
            y -= 24
        for row in range(12):
            lines.append(line(y - 13 * row, f"Line {row} of page {number} tells of the dredging "
                                            "of the harbour and its costs,", size=10))
        lines.append(line(40, str(number), x=290, size=10))
        pages.append(PageSpec(lines))
    return make_pdf([PageSpec(cover), *pages])


def test_a_troff_cover_is_a_title_page_though_its_title_is_set_small(tmp_path):
    """troff's ms sets a cover's title two points above the body (no TITLE_SIZE), bold like the
    subtitle under it, the author in italic at the subtitle's size. The cover is the title page:
    the largest type of the document, centred, on a page of few lines. The author, whom the odd
    pages' running head repeats, is its author, not furniture removed from the cover."""
    from pressroom.readers.pdf_extract import extract
    from pressroom.readers.pdf_measure import measure

    texts = [("Harbour Works in Review", 12, "F2"), ("The Dredging Season of 2023", 10, "F2"),
             ("Tomas Varga", 10, "F3"), ("2024-03-01", 10, "F1")]
    draft = _troff_report([line(700 - 30 * i, text, size=size, font=font)
                           for i, (text, size, font) in enumerate(texts)])
    pdf = extract(draft, "draft.pdf")
    m = measure(pdf)
    middle = (m.left + m.right) / 2
    cover = [line(700 - 30 * i, text, size=size, font=font, x=72 + middle - (found.x0 + found.x1) / 2)
             for i, ((text, size, font), found) in enumerate(zip(texts, sorted(
                 pdf.pages[0].lines, key=lambda found: found.baseline)))]
    source, out, audit, status, stderr = _normalise(tmp_path, _troff_report(cover), meta=None)
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "title: Harbour Works in Review\n" in text, text[:400]
    assert "subtitle: The Dredging Season of 2023\n" in text, text[:400]
    assert "author: Tomas Varga\n" in text, text[:400]
    assert "Tomas Varga" not in _body(text) and "Harbour Works in Review" not in _body(text)


def test_headings_a_point_above_the_body_rank_below_no_title_page_size(tmp_path):
    """troff's ms sets chapters one point above an 11 pt body (12 pt: below HEADING_SIZE) and
    sections bold at the body's size. The chapters are level 1, the sections level 2: the
    cover's larger title is no level of heading (before, it stood alone in the ranking and every
    chapter came out a level down)."""
    cover = PageSpec([line(600, "Harbour Works in Review", size=20, font="F2"),
                      line(560, "Tomas Varga", size=11, font="F3")])
    pages = []
    for number in range(1, 5):
        lines = [line(800, "Harbour Works in Review", size=10, font="F3")]
        y = 740
        if number % 2:
            lines.append(line(y, ["The Outer Channel", "", "The Inner Basin"][number - 1],
                              size=12, font="F2"))
            y -= 18
        lines.append(line(y, f"Section {number} of the report", size=11, font="F2"))
        for row in range(10):
            lines.append(line(y - 16 - 14 * row, f"Line {row} of page {number} tells of the "
                                                  "dredging of the harbour and its costs,", size=11))
        lines.append(line(40, str(number), x=290, size=11))
        pages.append(PageSpec(lines))
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([cover, *pages]), meta=None)
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    assert "\n# The Inner Basin\n" in f"\n{body}", body[:600]
    assert "\n## Section 2 of the report\n" in body, body[:600]


def test_notes_at_each_columns_foot_are_read_whole(tmp_path):
    """Two columns, each closing with its own notes (typst, groff): the right column's notes stand
    higher than the left column's last line of text, and belong to the page's foot all the same;
    a note's second line, flush left under its indented first, may open with a number (`112
    (2011)`: no note 112); a note opening in italics loses its marker all the same."""
    def call(number):
        return Run(str(number), size=7, rise=4)

    left = [line(760 - 14 * row, f"Row {row} of the left column tells of the", size=11)
            for row in range(38)]
    left[5] = line(760 - 14 * 5, Run("harbour records, which survive", size=11), call(1))
    right = [line(760 - 14 * row, f"Row {row} on the right goes on with the", x=320, size=11)
             for row in range(8)]
    right[2] = line(760 - 14 * 2, Run("dredging of the channel.", size=11), call(2), x=320)
    right[6] = line(760 - 14 * 6, Run("as the newsletter said.", size=11), call(3), x=320)
    notes = [line(150, Run("1", size=6, rise=3), Run(" On the harbour's records see the board's", size=8), x=80),
             line(140, "112 (2011), pp. 4-9, and its minutes.", size=8),
             line(300, Run("2", size=6, rise=3), Run(" The channel was dredged in 1953 and", size=8), x=328),
             line(290, "again in 1961, by the same contractor.", size=8, x=320),
             line(150, Run("3", size=6, rise=3), Run("Harbour Notes", "F3", size=8),
                  Run(", the board's newsletter, 2021.", size=8), x=328)]
    page = PageSpec(left + right + notes + [line(40, "7", x=290, size=9)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([page, *report_pages(2)]))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "[^1]: On the harbour's records see the board's 112 (2011), pp. 4-9, and its minutes.\n" \
        in text.replace("’", "'"), text
    assert "[^2]: The channel was dredged in 1953 and again in 1961, by the same contractor.\n" in text
    assert "[^3]: *Harbour Notes*, the board's newsletter, 2021.\n" in text.replace("’", "'")


def test_headings_side_by_side_in_two_columns_stay_two_headings(tmp_path):
    """Two columns whose headings fall on one baseline (groff's two-column pages): two bold lines
    side by side, each opening a column at its left edge, are no table header: each opens its
    column's section (they were one heading, `2. … 3. …`)."""
    def column_lines(x, first, heading):
        lines = [line(760 - 14 * row, f"Row {row} of this column tells of the", x=x, size=11)
                 for row in range(20)]
        lines.append(line(460, heading, x=x, size=13, font="F2"))
        lines += [line(440 - 14 * row, f"Row {row} after the heading goes on with", x=x, size=11)
                  for row in range(first, first + 20)]
        return lines

    page = PageSpec(column_lines(72, 0, "2. How Bridges Are Rated")
                    + column_lines(320, 30, "3. What Was Found") + [line(40, "7", x=290, size=9)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([page, *report_pages(2)]))
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    assert "\n# 2. How Bridges Are Rated\n" in body and "\n# 3. What Was Found\n" in body, body[:900]


def test_small_lines_ending_a_column_high_on_the_page_are_no_foot(tmp_path):
    """A figure's small labels closing the right column halfway down the page (`0 1 2 3`) are
    text, not the notes of that column's foot: a foot ends near the page's lowest line."""
    left = [line(760 - 14 * row, f"Row {row} of the left column tells of the", size=11)
            for row in range(38)]
    left[5] = line(760 - 14 * 5, Run("harbour records, which survive", size=11),
                   Run("1", size=7, rise=4))
    right = [line(760 - 14 * row, f"Row {row} on the right goes on with the", x=320, size=11)
             for row in range(12)]
    labels = [line(560, "0 1 2 3 metres", x=330, size=7), line(550, "4 5 6 7 metres", x=330, size=7)]
    notes = [line(150, Run("1", size=6, rise=3), Run(" The records are kept at the harbour office.", size=8), x=80)]
    page = PageSpec(left + right + labels + notes + [line(40, "7", x=290, size=9)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([page, *report_pages(2)]))
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8")
    assert "[^1]: The records are kept at the harbour office.\n" in text, text
    body = _body(text)
    assert "0 1 2 3 metres" in body and "4 5 6 7 metres" in body and "[^0]" not in text


def test_a_word_space_set_as_a_displacement_before_italics_is_kept(tmp_path):
    """groff's gropdf sets the space before a change of font as the displacement closing a TJ
    array (`[(the) -369 ()] TJ`), which PDFium drops: the italic title came out against the word
    or stop before it (`the*Archiwum*`, `Łódź,*Akta*`). Emphasis opening inside a word on a small
    letter stays inside the word, and so does a symbol's index set smaller (`id*X*`)."""
    rows = [line(760 - 14 * row, f"Row {row} of the page tells of the harbour and its", size=11)
            for row in range(12)]
    rows[3] = line(718, Run("Row 3 is kept in the", space_after=333), Run("Harbour Archive", font="F3"),
                   Run(" and the survey,", space_after=333), Run("Dredging Works", font="F3"),
                   Run(" is un"), Run("likely", font="F3"), Run(" to go by the map id"),
                   Run("X", font="F3", size=8), Run("."))
    page = PageSpec(rows + [line(40, "7", x=290, size=9)])
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf([page, *report_pages(2)]))
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    assert ("kept in the *Harbour Archive* and the survey, *Dredging Works* is un*likely* to go by the "
            "map id*X*.") in body, body[:900]


def test_a_chapters_head_set_once_in_the_texts_size_is_furniture(tmp_path):
    """groff's -ms sets a chapter's title as the running head of its later pages, in the text's
    own size and italic: a chapter of two pages shows it once, too few to recur. It repeats the
    heading the chapter opened with (set larger, mid-page), so it is furniture; the heading stays."""
    titles = ["The Basin Today", "What We Measured", "Lessons", "Recommendations"]
    pages = [PageSpec([line(620, "The River Basin", size=26, font="F2"),
                       line(560, "Five Years of Measurement", size=16)])]
    for chapter, title in enumerate(titles, start=1):
        heading = f"{chapter}. {title}"
        for page in range(2):
            lines = ([line(780, "The chapter before ended on this page, its findings and its"),
                      line(766, "recommendations set out in full for the partners to read."),
                      line(740, heading, size=13, font="F2")] if page == 0 else
                     [line(800, heading, font="F3")])
            lines += [line(716, f"Page {page + 1} of chapter {chapter} opens a paragraph about the"),
                      line(702, "basin and its rivers, which the partnership measured for"),
                      line(688, "five years at every gauge on the main stem and its tributaries."),
                      line(60, f"{2 * chapter + page - 1}")]
            pages.append(PageSpec(lines))
    # A paragraph's last line, in the text's own style, ending with a heading's words at the top
    # of a page: no head.
    pages.append(PageSpec([line(800, "the basin today."),
                           line(760, "A last paragraph closes the report, with thanks to the"),
                           line(746, "partners and to the gauge readers of the whole basin."),
                           line(60, "10")]))
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf(pages))
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    assert "the basin today." in body
    for chapter, title in enumerate(titles, start=1):
        assert body.count(f"{chapter}. {title}") == 1, body
        assert re.search(rf"^#+ {chapter}\. {title}$", body, re.M), body
    report = json.loads(audit.read_text(encoding="utf-8"))
    assert [item["text"].strip() for item in report["removed"]["running_heads"]] == [
        f"{chapter}. {title}" for chapter, title in enumerate(titles, start=1)]


def test_a_forms_answers_typed_larger_than_its_labels_are_no_headings(tmp_path):
    """A form prints its questions at 9 pt and the answers typed into it at 11 pt: the answers'
    size is a heading's, but a run of sentences, a paragraph's tail cut by the page and a form's
    `N/A` are no headings. A short answer of a heading's shape still reads as one."""
    pages = []
    for number in range(1, 4):
        lines = [line(800, "Case Review Form", size=9, font="F2")]
        if number == 2:
            lines.append(line(770, "Findings of the Review", size=11))
        y = 750
        for row in range(8):
            lines.append(line(y, f"Question {row} of page {number}: describe what the agency did", size=9))
            y -= 12
        lines += [line(y - 4, "The agency met the family and assessed the home. It found the children"
                              " safe.", size=11),
                  line(y - 18, "The case was closed after the assessment was completed by the", size=11),
                  line(y - 32, "agency and its partners in the following weeks.", size=11)]
        y -= 56
        lines.append(line(y, "Were services provided at the time of the incident? Please describe", size=9))
        lines.append(line(y - 16, "N/A", size=11))
        lines.append(line(y - 32, "Any other comments on the case, its staff or its procedures here", size=9))
        lines.append(line(40, str(number), x=290, size=9))
        pages.append(PageSpec(lines))
    source, out, audit, status, stderr = _normalise(tmp_path, make_pdf(pages), meta=None)
    assert status == 0, stderr
    body = _body(out.read_text(encoding="utf-8"))
    headings = re.findall(r"^#+ (.*)$", body, re.M)
    assert "Findings of the Review" in headings, body[:600]
    assert not any(h in ("N/A",) or h.startswith(("The agency", "The case", "agency")) for h in headings), headings
    assert body.count("N/A") == 3 and body.count("It found the children safe.") == 3


def test_a_call_carried_to_a_line_of_its_own_goes_back_to_its_sentence():
    """WeasyPrint may break before a `<sup>` call closing a full line: the call (12 pt in 13 pt
    text) stands alone at the next line's start, its baseline raised above where that line's
    would sit (closer below the line above than the page's line pitch). It goes back to the end
    of the sentence it closes, raised. A page number of the same size below the text, or a
    figure set as the text is on a line of its own at the pitch, stays a line."""
    from pdf_maker import Run

    from pressroom.readers.pdf_extract import extract

    body = [line(700 - 19 * k, Run(text, size=13)) for k, text in enumerate([
        "The main measure of efficiency is the seasonal performance factor:",
        "the heat delivered over the year divided by the electricity used by",
        "the heat pump, including its backup heater and circulating pump."])]
    carried = line(700 - 19 * 2 - 16.5, Run("2", size=12))
    table = [line(560, Run("Homes in the trial", size=13)), line(541, Run("22", size=13))]
    folio = line(60, Run("6", size=10))
    lines = extract(make_pdf([PageSpec(body + [carried] + table + [folio])]), "call.pdf").pages[0].lines
    texts = ["".join(span.text for span in found.spans) for found in lines]
    assert texts[2] == "the heat pump, including its backup heater and circulating pump.²"
    assert [span.text for span in lines[2].spans if span.raised] == ["²"]
    assert texts[3:] == ["Homes in the trial", "22", "6"]


def test_a_subscript_right_after_its_word_is_no_carried_call():
    """Negative: a chemical formula's subscript (`PCO₂`) set smaller and a third of its size
    below the word it follows is written as a line of its own by the extractor, but it stands
    right after that word, not at the next line's start: it stays as it was, never a raised call."""
    from pdf_maker import Run

    from pressroom.readers.pdf_extract import extract

    body = [line(700 - 19 * k, Run(text, size=13)) for k, text in enumerate([
        "The acidity of the blood is governed by the ventilation, which sets",
        "the partial pressure of carbon dioxide in the arteries, the PCO",
        "and by the kidney, which sets the plasma concentration of the ions.",
        "A change in either is met by the other, so that the acidity of the",
        "blood stays within its narrow range for as long as both organs work."])]
    subscript = line(700 - 19 - 4.3, Run("2", size=7.5), x=72 + 0.52 * 13 * len(body[1].runs[0].text))
    lines = extract(make_pdf([PageSpec(body[:2] + [subscript] + body[2:])]), "sub.pdf").pages[0].lines
    texts = ["".join(span.text for span in found.spans) for found in lines]
    assert not any("²" in text for text in texts), texts
    assert "2" in "".join(texts)
