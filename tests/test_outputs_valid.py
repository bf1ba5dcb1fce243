"""Validate the real outputs of every document in sources/*.txt.

Relies on the session fixture ``built(name) -> dict`` from tests/conftest.py,
mapping "md", "html", "epub" and "pdf" to the built files' Paths.

    EPUB  EPUBCheck: no errors and no warnings
          Ace by DAISY: no accessibility failures of any impact (moderate and minor included)
    HTML  Nu Html Checker: no errors and no warnings
          axe-core (WCAG 2.2 AA and best practice, target-size included): no violations at 390,
          768, 1024 and 1440 px, light and dark
          layout: the measure, sidenotes beside their calls and never overlapping, no sideways
          scrolling, from 320 to 2560 px
          the report: contents link and footnote round trip work in Chromium
"""

from __future__ import annotations

from pathlib import Path

import pytest

import validators as v

REPO = Path(__file__).resolve().parents[1]
NAMES = sorted(p.stem for p in (REPO / "sources").glob("*.txt"))
# The long document with a contents list and footnotes.
REPORT = "shared-future"

WIDE = (1440, 900)
NARROW = (390, 844)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_VIEWPORTS = [(390, 844), (768, 1024), (1024, 768), (1440, 900)]
LAYOUT_WIDTHS = [320, 390, 600, 768, 1024, 1280, 1440, 1920, 2560]
# The measure, in characters per line, wherever the window has room for it; a narrower window is
# filled by the text at the body size (a phone shows 40-55 characters at a readable size).
MEASURE = (60, 75)
PADDING_PX = 2 * 18         # the page's side padding (1rem each side at the 18 px body size)
# A sidenote's top is within this many px of its call's top (the call is raised; the note has a
# small top margin)...
ALIGNED_PX = 10
# ...unless the note above it reaches past the call: then it starts below that note, at most one
# text line (Chromium moves a float that must clear another to the next line) and a margin lower.
STACKED_PX = 45

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _report(problems: list[str], what: str, path: Path) -> str:
    shown = "\n  ".join(problems[:60])
    more = f"\n  … and {len(problems) - 60} more" if len(problems) > 60 else ""
    return f"{what} found {len(problems)} problem(s) in {path}:\n  {shown}{more}"


def _output(built, name: str, kind: str) -> Path:
    path = Path(built(name)[kind])
    assert path.is_file(), f"{kind} output for {name} was not built: {path}"
    return path


def test_sources_found():
    assert NAMES, "no sources/*.txt found"
    assert REPORT in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_clean(built, name):
    epub = _output(built, name, "epub")
    problems = v.epubcheck(epub)
    assert problems == [], _report(problems, "EPUBCheck", epub)


@pytest.mark.parametrize("name", NAMES)
def test_epub_accessibility_ace(built, name):
    epub = _output(built, name, "epub")
    problems = v.ace(epub)
    assert problems == [], _report(problems, "Ace by DAISY", epub)


@pytest.mark.parametrize("name", NAMES)
def test_html_nu_checker_clean(built, name):
    html = _output(built, name, "html")
    problems = v.vnu(html, warnings=True)
    assert problems == [], _report(problems, "Nu Html Checker", html)


@pytest.mark.parametrize("name", NAMES)
def test_html_axe_clean(built, name):
    html = _output(built, name, "html")
    problems = v.axe(html, tags=AXE_TAGS, viewports=AXE_VIEWPORTS, schemes=("light", "dark"))
    assert problems == [], _report(problems, "axe-core", html)


@pytest.mark.parametrize("name", NAMES)
def test_html_layout_at_every_width(built, name):
    html = _output(built, name, "html")
    with v.served(html) as url:
        report = v._node_tool("layout.mjs", [url, ",".join(map(str, LAYOUT_WIDTHS))], "layout")
    problems = []
    for r in report["results"]:
        width, measure = r["width"], r["measure"]
        if r["overflow"]:
            problems.append(f"{width}px: the page scrolls sideways by {r['overflow']}px")
        if measure:
            px_per_char = measure["column"] / measure["median"]
            if (width - PADDING_PX) / px_per_char >= MEASURE[0]:
                if not (MEASURE[0] <= measure["min"] and measure["max"] <= MEASURE[1]):
                    problems.append(f"{width}px: {measure} characters per line, want {MEASURE}")
            elif measure["column"] < width - PADDING_PX - 2:
                problems.append(f"{width}px: the text is {measure['column']}px wide in a window "
                                f"too narrow for {MEASURE[0]} characters: it should fill it")
        for note in r["sidenotes"]:
            if note["overlapsAbove"] or note["overlapsText"] or note["offScreen"]:
                problems.append(f"{width}px: sidenote {note}")
            aligned = abs(note["offset"]) <= ALIGNED_PX
            stacked = note["belowAbove"] is not None and 0 <= note["belowAbove"] <= STACKED_PX
            if not (aligned or stacked):
                problems.append(f"{width}px: sidenote {note['id']} is {note['offset']}px from its call")
    assert problems == [], _report(problems, "layout", html)


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_report_navigation_in_browser(built, viewport):
    html = _output(built, REPORT, "html")
    v.browser_navigation(html, width=viewport[0], height=viewport[1])
