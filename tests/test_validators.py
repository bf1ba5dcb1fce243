"""Tests of the validation tooling itself (tests/validators.py) on small
hand-written fixtures in tests/fixtures/validators/.

Each validator must pass a good input and must report a bad one, so that a
clean result on the real outputs means something.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest

import validators as v

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validators"
EPUB_SRC = FIXTURES / "epub"


# --------------------------------------------------------------------------
# helpers


def make_epub(src: Path, out: Path) -> Path:
    """Zip an unpacked EPUB directory: mimetype first and stored, the rest deflated."""
    with zipfile.ZipFile(out, "w") as zf:
        zf.write(src / "mimetype", "mimetype", compress_type=zipfile.ZIP_STORED)
        for f in sorted(p for p in src.rglob("*") if p.is_file() and p.name != "mimetype"):
            zf.write(f, f.relative_to(src).as_posix(), compress_type=zipfile.ZIP_DEFLATED)
    return out


def timed(label: str, fn, *args, **kw):
    """Call fn and print how long it took (shown with pytest -s or in -rA)."""
    t0 = time.perf_counter()
    try:
        return fn(*args, **kw)
    finally:
        print(f"[timing] {label}: {time.perf_counter() - t0:.2f}s")


@pytest.fixture
def good_epub(tmp_path: Path) -> Path:
    return make_epub(EPUB_SRC, tmp_path / "good.epub")


@pytest.fixture
def broken_epub(tmp_path: Path) -> Path:
    """The good EPUB with: a manifest entry for a file that is not there, no
    dcterms:modified, and a chapter that is not well-formed XML."""
    src = tmp_path / "broken-src"
    shutil.copytree(EPUB_SRC, src)
    opf = src / "EPUB" / "package.opf"
    text = opf.read_text(encoding="utf-8")
    text = text.replace(
        '<item id="chapter" ',
        '<item id="missing" href="missing.xhtml" media-type="application/xhtml+xml"/>\n    <item id="chapter" ',
    )
    text = text.replace('<meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>', "")
    opf.write_text(text, encoding="utf-8")
    chapter = src / "EPUB" / "chapter.xhtml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("</section>", ""), encoding="utf-8")
    return make_epub(src, tmp_path / "broken.epub")


# --------------------------------------------------------------------------
# failing loudly when a tool is missing (no Java or browser needed)


def test_missing_input_file_is_an_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        v.vnu(tmp_path / "nope.html")
    with pytest.raises(FileNotFoundError):
        v.epubcheck(tmp_path / "nope.epub")


def test_missing_npm_tools_fail_loudly(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(v, "NODE_MODULES", tmp_path / "node_modules")
    monkeypatch.setattr(v, "VNU_JAR", tmp_path / "node_modules" / "vnu.jar")
    page = FIXTURES / "good.html"
    with pytest.raises(v.ToolMissing, match="setup-node"):
        v.vnu(page)
    with pytest.raises(v.ToolMissing, match="setup-node"):
        v.axe(page)
    with pytest.raises(v.ToolMissing, match="setup-node"):
        v.browser_navigation(page)


def test_missing_chromium_fails_loudly(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("PRESSROOM_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(v.shutil, "which", lambda name: None)
    monkeypatch.setattr(v.os, "access", lambda p, mode: False)
    with pytest.raises(v.ToolMissing, match="chromium"):
        v.chromium()


def test_missing_java_fails_loudly(monkeypatch):
    monkeypatch.setattr(v.shutil, "which", lambda name: None)
    with pytest.raises(v.ToolMissing, match="java"):
        v.java()


def test_local_server_serves_the_file_and_stops():
    import urllib.request

    page = FIXTURES / "good.html"
    with v.served(page) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200
            assert resp.read() == page.read_bytes()
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


# --------------------------------------------------------------------------
# EPUBCheck


@pytest.mark.browser
def test_epubcheck_passes_valid_epub(good_epub: Path):
    assert timed("epubcheck(valid)", v.epubcheck, good_epub) == []


@pytest.mark.browser
def test_epubcheck_reports_broken_epub(broken_epub: Path):
    problems = timed("epubcheck(broken)", v.epubcheck, broken_epub)
    print("\n".join(problems))
    text = "\n".join(problems)
    assert problems, "EPUBCheck found nothing wrong with a broken EPUB"
    assert all(line.split()[0] in {"FATAL", "ERROR", "WARNING"} for line in problems)
    assert "RSC-001" in text, text  # manifest entry for a missing file
    assert "missing.xhtml" in text, text
    assert "dcterms:modified" in text, text
    assert "chapter.xhtml" in text, text  # not well-formed


# --------------------------------------------------------------------------
# Nu Html Checker


@pytest.mark.browser
def test_vnu_passes_valid_html():
    assert timed("vnu(valid)", v.vnu, FIXTURES / "good.html") == []


@pytest.mark.browser
def test_vnu_reports_invalid_html():
    errors = timed("vnu(invalid)", v.vnu, FIXTURES / "invalid.html")
    text = "\n".join(errors)
    assert len(errors) >= 3, text
    assert "frobnicate" in text
    assert "Duplicate ID" in text
    assert all(line.startswith("error invalid.html:") for line in errors), text


@pytest.mark.browser
def test_vnu_reports_missing_alt():
    errors = v.vnu(FIXTURES / "bad-a11y.html")
    assert any("alt" in e for e in errors), errors


# --------------------------------------------------------------------------
# axe-core


@pytest.mark.browser
def test_axe_passes_accessible_page():
    assert timed("axe(valid)", v.axe, FIXTURES / "good.html") == []


@pytest.mark.browser
def test_axe_reports_accessibility_problems():
    violations = timed("axe(bad)", v.axe, FIXTURES / "bad-a11y.html")
    rules = {line.split()[1].rstrip(":") for line in violations}
    assert {"image-alt", "color-contrast", "html-has-lang"} <= rules, violations


@pytest.mark.browser
def test_axe_passes_at_narrow_width():
    assert v.axe(FIXTURES / "good.html", width=390, height=844) == []


# --------------------------------------------------------------------------
# navigation in a real browser


@pytest.mark.browser
def test_browser_navigation_passes_good_page():
    timed("browser_navigation(good)", v.browser_navigation, FIXTURES / "good.html")


@pytest.mark.browser
def test_browser_navigation_passes_good_page_narrow():
    v.browser_navigation(FIXTURES / "good.html", width=390, height=844)


@pytest.mark.browser
def test_browser_navigation_fails_links_to_nowhere():
    with pytest.raises(AssertionError) as info:
        timed("browser_navigation(broken)", v.browser_navigation, FIXTURES / "broken-links.html")
    assert not isinstance(info.value, v.ToolMissing)
    msg = str(info.value)
    assert "#no-such-section does not exist" in msg, msg
    assert "#no-such-note does not exist" in msg, msg


@pytest.mark.browser
def test_browser_navigation_fails_page_without_nav_or_notes():
    with pytest.raises(AssertionError, match="no <nav> element"):
        v.browser_navigation(FIXTURES / "invalid.html")


@pytest.mark.browser
def test_browser_navigation_fails_broken_backlink(tmp_path: Path):
    page = tmp_path / "bad-back.html"
    text = (FIXTURES / "good.html").read_text(encoding="utf-8")
    page.write_text(text.replace('href="#fnref1"', 'href="#first-section"'), encoding="utf-8")
    with pytest.raises(AssertionError, match="back-link: points to #first-section"):
        v.browser_navigation(page)


@pytest.mark.browser
def test_browser_navigation_fails_target_under_sticky_header(tmp_path: Path):
    """A fixed header that hides the heading after the jump is a failure."""
    page = tmp_path / "sticky.html"
    text = (FIXTURES / "good.html").read_text(encoding="utf-8")
    css = "header { position: fixed; top: 0; left: 0; right: 0; height: 6rem; background: #fff; }"
    page.write_text(text.replace("</style>", css + "\n  </style>"), encoding="utf-8")
    with pytest.raises(AssertionError, match="covered by"):
        v.browser_navigation(page)


# --------------------------------------------------------------------------
# Ace by DAISY (optional tool: skipped, loudly, only if not installed)


@pytest.mark.browser
def test_ace_passes_epub_with_accessibility_metadata(good_epub: Path):
    assert timed("ace(valid)", v.ace, good_epub) == []


@pytest.mark.browser
def test_ace_reports_missing_accessibility_metadata(tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(EPUB_SRC, src)
    opf = src / "EPUB" / "package.opf"
    lines = opf.read_text(encoding="utf-8").splitlines(keepends=True)
    opf.write_text("".join(l for l in lines if "schema:" not in l), encoding="utf-8")
    problems = timed("ace(no metadata)", v.ace, make_epub(src, tmp_path / "no-meta.epub"))
    text = "\n".join(problems)
    assert "metadata-accessmode" in text, text
    assert v.ace(tmp_path / "no-meta.epub", impacts=frozenset({"critical"})) == []


# --------------------------------------------------------------------------
# screenshots (tests/tools/screenshots.py, wrapped by scripts/screenshots)


def _screenshots_module():
    import importlib.util

    path = Path(__file__).resolve().parent / "tools" / "screenshots.py"
    spec = importlib.util.spec_from_file_location("pressroom_screenshots", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.browser
def test_html_screenshots_wide_and_narrow(tmp_path: Path):
    from PIL import Image

    shots = _screenshots_module()
    files = timed("html_pages(2 widths)", shots.html_pages, FIXTURES / "good.html", tmp_path)
    assert [f.name for f in files] == ["good-1440.png", "good-390.png"]
    assert [Image.open(f).size for f in files] == [(1440, 900), (390, 844)]
    # not a blank image
    assert len(Image.open(files[0]).convert("L").getcolors(maxcolors=100000) or []) > 2


def test_pdf_page_screenshots(tmp_path: Path):
    from PIL import Image
    from pypdf import PdfWriter

    pdf = tmp_path / "three.pdf"
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=100)
    with pdf.open("wb") as fh:
        writer.write(fh)
    shots = _screenshots_module()
    files = shots.pdf_pages(pdf, [1, 3], tmp_path / "out", scale=2)
    assert [f.name for f in files] == ["three-p1.png", "three-p3.png"]
    assert Image.open(files[0]).size == (400, 200)
    with pytest.raises(ValueError, match="no page 4"):
        shots.pdf_pages(pdf, [4], tmp_path / "out")
    assert shots._page_list("1,3-5") == [1, 3, 4, 5]
