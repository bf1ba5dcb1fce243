"""The feature-complete sample (tests/fixtures/sample.md) rendered in every edition and validated
as the real documents are (test_outputs_valid.py): EPUBCheck and Ace with no finding, the Nu
checker with no error or warning, axe with no violation at a phone's and a desktop's width, light
and dark, and a PDF laid out without a WeasyPrint warning."""

from __future__ import annotations

from pathlib import Path

import pytest

import validators as v
from pressroom import pipeline

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "fixtures" / "sample.md"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_VIEWPORTS = [(390, 844), (1440, 900)]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("sample")
    written = pipeline.render(SAMPLE, ["pdf-a4", "epub", "html", "docx"], out, "sample", [SAMPLE],
                              strict=True,  # a warning of the document or a renderer fails
                              sources=SAMPLE.parent)  # its bibliography lies beside it
    return {path.suffix[1:]: path for path in written}


def test_every_edition_is_written(sample):
    assert sorted(sample) == ["docx", "epub", "html", "pdf"]
    assert all(path.stat().st_size > 0 for path in sample.values())


def test_epubcheck_clean(sample):
    assert v.epubcheck(sample["epub"]) == []


def test_ace_clean(sample):
    assert v.ace(sample["epub"]) == []


def test_nu_checker_clean(sample):
    assert v.vnu(sample["html"], warnings=True) == []


def test_axe_clean(sample):
    assert v.axe(sample["html"], tags=AXE_TAGS, viewports=AXE_VIEWPORTS,
                 schemes=("light", "dark")) == []
