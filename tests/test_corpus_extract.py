"""A missing extractor is a clear setup error naming what installs it, never a silent skip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.corpus import extract
from pressroom.errors import SetupError


def test_missing_pdftotext_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for extractor in ("pdftotext", "pdftotext-layout"):
        with pytest.raises(SetupError, match="poppler-utils") as raised:
            extract.extract(extractor, Path("any.pdf"))
        assert raised.value.exit_code == 5


def test_unknown_extractor_is_refused():
    with pytest.raises(ValueError, match="unknown extractor"):
        extract.extract("ocr", Path("any.pdf"))
