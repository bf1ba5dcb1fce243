"""The PDF laid out in chunks by workers and merged is the PDF laid out in one pass: every page's
pixels, and its outline, destinations, links, structure tree, metadata (render/pdf_parallel.py)."""

from __future__ import annotations

import hashlib
import logging

import pytest

from pressroom import document
from pressroom.render import select
from pressroom.render.pdf import pdf_bytes
from pressroom.render.pdf_chunks import css_refusal, split
from pressroom.render.pdf_parallel import Report, chunked_pdf, chunked_or_none

from conftest_render import BUILD_DATE, FIXTURES, docs  # noqa: F401
from pdf_structure import font_programs, page_images, structure

pytestmark = pytest.mark.slow
EDITION = "pdf-a4"


def notes_at_edges() -> str:
    """Chapters of uneven length whose first and last paragraphs call long notes, so that notes
    sit at the foot of a chunk's last page and the head of the next one's first."""
    sentence = ("The delegations met again in the spring to weigh the proposals, the costs and "
                "the timetable that each of them had brought from home. ")
    lines = ["---", "title: Notes at the Edges", "lang: en", "identifier: urn:test:edges", "---", ""]
    number = 0
    for chapter in range(1, 7):
        lines += [f"# Chapter {chapter}", ""]
        paragraphs = 3 + (chapter * 5) % 7
        for paragraph in range(paragraphs):
            number += 1
            length = 2 + (paragraph * 3 + chapter) % 6
            lines += [sentence * length + f"It was agreed.[^{number}]", ""]
            lines += [f"[^{number}]: " + "A note long enough to take several lines at the foot "
                      "of the page, " * (1 + number % 3) + "as notes in reports do.", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def edges():
    return document.from_markdown(notes_at_edges())


def _chunked(doc, tmp_path, jobs):
    report, warnings = Report(), []
    data = chunked_pdf(doc, select([EDITION])[0], BUILD_DATE, tmp_path, jobs, warnings, report)
    assert data is not None, report.refused
    return data, report, warnings


def _assert_same(single: bytes, chunked: bytes) -> None:
    ours, theirs = page_images(single), page_images(chunked)
    assert len(ours) == len(theirs)
    differing = [n + 1 for n, (a, b) in enumerate(zip(ours, theirs)) if a != b]
    assert not differing, f"pages {differing} differ from the single-pass layout"
    one, merged = structure(single), structure(chunked)
    for key in one:
        assert one[key] == merged[key], key


def test_the_report_in_chunks_is_the_report_in_one_pass(docs, tmp_path):
    # The report's running heads wrap at its measure: each chunk shortens its own chapters' heads
    # (render/pdf_heads.py) exactly as the single pass does over every page.
    one = pdf_bytes(docs["shared-future"], select([EDITION])[0], BUILD_DATE, tmp_path, jobs=1)
    chunked, report, warnings = _chunked(docs["shared-future"], tmp_path, jobs=2)
    assert report.chunks > 3 and report.laid_out == report.chunks and warnings == []
    _assert_same(one, chunked)
    # One font program per face, as in one pass (each chunk embedded its own subset).
    assert font_programs(chunked) == font_programs(one)


def test_notes_at_chunk_edges_and_reproducible_bytes(edges, tmp_path):
    edition = select([EDITION])[0]
    single = pdf_bytes(edges, edition, BUILD_DATE, tmp_path, jobs=1)
    workers, report, _ = _chunked(edges, tmp_path, jobs=2)
    assert report.chunks == 9  # title, contents, six chapters, colophon
    _assert_same(single, workers)
    inline, _, _ = _chunked(edges, tmp_path, jobs=1)
    assert hashlib.sha256(inline).digest() == hashlib.sha256(workers).digest()


def test_the_defaults_lay_out_in_chunks_with_the_same_bytes_for_any_workers(edges, tmp_path,
                                                                             monkeypatch):
    from pressroom.render import pdf_workers

    edition = select([EDITION])[0]
    monkeypatch.delenv("PRESSROOM_JOBS", raising=False)
    monkeypatch.setattr(pdf_workers, "cores", lambda: 3)
    assert pdf_workers.jobs_from_environment() == 3
    default = pdf_bytes(edges, edition, BUILD_DATE, tmp_path)  # three workers, no -j given
    two, report, _ = _chunked(edges, tmp_path, jobs=2)
    assert hashlib.sha256(default).digest() == hashlib.sha256(two).digest()
    monkeypatch.setenv("PRESSROOM_JOBS", "1")  # -j 1: the single pass, as before
    single = pdf_bytes(edges, edition, BUILD_DATE, tmp_path)
    assert single == pdf_bytes(edges, edition, BUILD_DATE, tmp_path, jobs=1) != default


def test_a_note_pushed_to_its_page_lays_out_only_its_chunk_again(edges, tmp_path):
    # In the first chapter (chunk 3) a note falls on the page after its call: the note pass lays
    # that chunk out a second time, and no other chunk.
    _, report, _ = _chunked(edges, tmp_path, jobs=2)
    assert report.passes == {index: 2 if index == 2 else 1
                             for index in range(report.chunks) if index != 1}  # 1: contents


def test_the_contents_two_layouts_share_one_setup(edges, tmp_path, monkeypatch):
    # The contents are laid out twice by the building process (with stand-in page numbers, then
    # the real ones): the stylesheets are parsed and the fonts loaded once for both, as a
    # worker's chunks share one setup.
    from pressroom.render import pdf_layout

    made, original = [], pdf_layout.setup_for
    monkeypatch.setattr(pdf_layout, "setup_for",
                        lambda context, deferred: made.append(deferred) or original(context, deferred))
    _chunked(edges, tmp_path, jobs=2)
    assert made.count(True) == 1


def test_a_block_not_displayed_makes_no_chunk_of_its_own(edges, tmp_path):
    # A design that hides the colophon (the corpus's do): one pass makes no page of it, and
    # laid out alone it would make a blank one, so it stays in the chunk before it.
    from pressroom.render.editions import Edition

    overlay = tmp_path / "hidden.css"
    overlay.write_text(".colophon { display: none; }\n", encoding="utf-8")
    edition = Edition("hidden-colophon", "pdf", "{name}.pdf", "A4", (str(overlay),))
    single = pdf_bytes(edges, edition, BUILD_DATE, tmp_path, jobs=1)
    report = Report()
    chunked = chunked_pdf(edges, edition, BUILD_DATE, tmp_path, 2, [], report)
    assert chunked is not None and report.chunks == 8, report.refused
    _assert_same(single, chunked)


def long_heads(title: str) -> str:
    """Chapters whose running heads wrap beside the book's title: one shortened at its colon, one
    to the short form its source gives, one to its first words, one short enough already."""
    sentence = ("The commission met twice a year to weigh the plans that each basin authority "
                "had drawn up, and the costs of each. ")
    chapters = ["Regional Cooperation on Water and Energy: Lessons Drawn from Two Decades of "
                "Joint Commissions, Shared Budgets and Common Rules Along the Whole River",
                "Financing the Shared Infrastructure of the Basin, its Dams, Canals, Locks and "
                'Gauges, and of Every Tributary That Feeds It {short="Financing"}',
                "How the Member States Learned to Share the Data of Every Gauge Along the River "
                "and Each of its Tributaries, Year After Year",
                "Outlook"]
    lines = ["---", f"title: {title}", "lang: en", "identifier: urn:test:heads", "---", ""]
    for chapter in chapters:
        lines += [f"# {chapter}", "", *[sentence * 6 + "\n" for _ in range(14)]]
    return "\n".join(lines)


def test_running_heads_that_wrap_are_shortened_in_their_chunk(tmp_path):
    import io

    import pypdf

    doc = document.from_markdown(long_heads("Shared Waters"))
    single = pdf_bytes(doc, select([EDITION])[0], BUILD_DATE, tmp_path, jobs=1)
    chunked, report, _ = _chunked(doc, tmp_path, jobs=2)
    _assert_same(single, chunked)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(chunked)).pages)
    for head in ("Shared Waters Regional Cooperation on Water and Energy\n",
                 "Shared Waters Financing\n", "Shared Waters How the Member States Learned…\n",
                 "Shared Waters Outlook\n"):
        assert head in text, head


def test_a_book_title_too_long_for_its_heads_is_shortened_in_one_pass(tmp_path, caplog):
    # Shortening the book's title changes the heads of every chunk: none can decide it alone.
    from pressroom.render.pdf_heads import FOREIGN_STEP

    title = ("Shared Waters of the Great Basin and of Every Tributary Flowing Into It From the "
             "Mountains")
    doc = document.from_markdown(long_heads(title))
    report = Report()
    assert chunked_pdf(doc, select([EDITION])[0], BUILD_DATE, tmp_path, 2, [], report) is None
    assert report.refused == FOREIGN_STEP
    with caplog.at_level(logging.DEBUG, logger="pressroom.render.pdf_parallel"):
        data = pdf_bytes(doc, select([EDITION])[0], BUILD_DATE, tmp_path, jobs=2)
    assert FOREIGN_STEP in caplog.text
    import io

    import pypdf

    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Shared Waters of the Great…" in text


def with_images_and_scripts():
    """The figures fixture (images from its folder) and a Greek and an Arabic span, in
    chapters."""
    return [document.load(FIXTURES / "figures.md"), document.from_markdown(
        "---\ntitle: Scripts\nlang: en\n---\n\n# Greek\n\nAn English sentence, then "
        "[Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.]{lang=el} and English.\n\n# Two\n\n"
        "[نص عربي قصير للاختبار مع كلمات.]{lang=ar} Then English.\n")]


def test_images_and_script_faces_in_chunks(tmp_path):
    edition = select([EDITION])[0]
    for doc in with_images_and_scripts():
        single = pdf_bytes(doc, edition, BUILD_DATE, tmp_path, jobs=1)
        chunked, report, warnings = _chunked(doc, tmp_path, jobs=2)
        assert report.chunks >= 2 and not warnings  # short documents are set compact
        _assert_same(single, chunked)


@pytest.mark.parametrize("css", [
    "@page :left { margin-left: 30mm }",
    "@page :first { margin-top: 0 }",
    "h2 { counter-increment: chapter }",
    "@page { @bottom-right { content: counter(pages) } }",
    "h2::before { content: target-text(attr(href)) }",
    "section { break-before: right }",
    "p::after { content: counter(page) }",
    ".x { position: running(head) }",
])
def test_stylesheets_that_need_the_whole_document_are_refused(css):
    assert css_refusal(["p { margin: 0 }", css])


def test_a_page_group_counts_within_its_chunk():
    assert css_refusal(["@page text:nth(1 of text) { @top-left { content: none } }"]) is None
    assert css_refusal(["@page text:nth(2) { margin: 0 }"])


def test_the_shipped_stylesheets_are_chunked():
    from pressroom.render.pdf_layout import sheet_texts

    assert css_refusal(sheet_texts(select([EDITION])[0])) is None


def test_a_body_without_forced_breaks_is_one_chunk():
    html = "<!DOCTYPE html>\n<html>\n<body>\n<p>a</p>\n<p>b</p>\n</body>\n</html>\n"
    assert isinstance(split(html, [False, False]), str)
    assert isinstance(split(html, [False, True, True]), str)  # not the blocks it was told of
    chunks = split(html, [False, True])
    assert [c.html.count("<p>") for c in chunks] == [1, 1]


def test_one_pass_when_refused_and_verbose_says_why(edges, tmp_path, caplog, monkeypatch):
    from pressroom.render import pdf_layout

    monkeypatch.setattr(pdf_layout, "sheet_texts", lambda edition: ["@page :left { margin: 0 }"])
    with caplog.at_level(logging.DEBUG, logger="pressroom.render.pdf_parallel"):
        assert chunked_or_none(edges, select([EDITION])[0], BUILD_DATE, tmp_path, 2, []) is None
    assert "one pass" in caplog.text and ":left" in caplog.text
    assert chunked_or_none(edges, select([EDITION])[0], BUILD_DATE, tmp_path, 1, []) is None


def _cached(doc, tmp_path, cache, jobs=2):
    report = Report()
    data = chunked_pdf(doc, select([EDITION])[0], BUILD_DATE, tmp_path, jobs, [], report, cache)
    assert data is not None, report.refused
    return data, report


def _cache(folder, limit=2**30):
    from pressroom.render.pdf_cache import Cache, code_salt
    from pressroom.render.pdf_layout import sheet_texts

    edition = select([EDITION])[0]
    return Cache(folder, limit, code_salt(edition, sheet_texts(edition)))


def test_a_warm_build_lays_out_nothing_and_an_edit_only_its_chunk(edges, tmp_path):
    folder = tmp_path / "cache"
    cold, report = _cached(edges, tmp_path, _cache(folder))
    assert report.laid_out == report.chunks and report.from_cache == 0
    warm, report = _cached(edges, tmp_path, _cache(folder), jobs=1)
    assert report.laid_out == 0 and report.from_cache == report.chunks
    assert warm == cold
    # One word of the fourth chapter's first paragraph: that chunk alone is laid out again (its
    # page count holds, so the chunks after it keep their first page numbers).
    text = notes_at_edges()
    at = text.index("# Chapter 4")
    at = text.index("the timetable", at)
    edited = document.from_markdown(text[:at] + "our timetable" + text[at + 13:])
    incremental, report = _cached(edited, tmp_path, _cache(folder))
    assert report.laid_out == 1 and report.from_cache == report.chunks - 1
    fresh, _ = _cached(edited, tmp_path, None)
    assert incremental == fresh


def test_a_corrupt_cache_entry_is_ignored_and_replaced(edges, tmp_path):
    folder = tmp_path / "cache"
    cold, _ = _cached(edges, tmp_path, _cache(folder), jobs=1)
    entries = sorted(folder.glob("*/*.pdf"))
    victim = entries[len(entries) // 2]
    blob = bytearray(victim.read_bytes())
    blob[-100] ^= 0xFF  # a flipped byte in the PDF: its checksum no longer matches
    victim.write_bytes(bytes(blob))
    (folder / "zz").mkdir(exist_ok=True)
    again, report = _cached(edges, tmp_path, _cache(folder), jobs=1)
    assert again == cold
    assert report.laid_out == 1 and report.from_cache == report.chunks - 1
    assert victim.read_bytes() != bytes(blob)  # written again, whole


def test_the_cache_keeps_to_its_size_least_recently_used_first(tmp_path):
    import os

    cache = _cache(tmp_path, limit=2500)
    for number in range(5):
        cache.put(cache.key(str(number)), "pdf", bytes(1000))
        os.utime(cache._path(cache.key(str(number)), "pdf"), (number, number))
    assert cache.get(cache.key("0"), "pdf") == bytes(1000)  # used now: kept
    cache.trim()
    kept = [n for n in range(5) if cache._path(cache.key(str(n)), "pdf").exists()]
    assert kept == [0, 4]
    assert cache.get(cache.key("1"), "pdf") is None
