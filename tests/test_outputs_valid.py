"""Validate the real outputs of every document in sources/*.txt.

Relies on the session fixture ``built(name) -> dict`` from tests/conftest.py,
mapping "md", "html", "epub" and "pdf" to the built files' Paths.

    EPUB  EPUBCheck: no errors and no warnings
          Ace by DAISY: no accessibility failures of any impact (moderate and minor included)
    HTML  Nu Html Checker: no errors
          axe-core: no violations, at a wide and a narrow viewport
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
    problems = v.vnu(html)
    assert problems == [], _report(problems, "Nu Html Checker", html)


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
@pytest.mark.parametrize("name", NAMES)
def test_html_axe_clean(built, name, viewport):
    html = _output(built, name, "html")
    problems = v.axe(html, width=viewport[0], height=viewport[1])
    assert problems == [], _report(problems, f"axe-core at {viewport[0]}px", html)


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_report_navigation_in_browser(built, viewport):
    html = _output(built, REPORT, "html")
    v.browser_navigation(html, width=viewport[0], height=viewport[1])
