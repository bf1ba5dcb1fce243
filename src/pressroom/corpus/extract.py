"""The five text extractors a user might run on a PDF, each used as its documentation shows.

    pdftotext         poppler `pdftotext -enc UTF-8` (reading order; pages end with \\f)
    pdftotext-layout  poppler `pdftotext -layout -enc UTF-8` (layout kept with spaces; \\f)
    pypdf             pypdf `page.extract_text()` of every page, joined with "\\n"
    pdfminer          pdfminer.six `extract_text()` (pages end with \\f, as it gives them)
    pypdfium2         pypdfium2 `page.get_textpage().get_text_range()` of every page, joined with
                      "\\f" (pdfium gives no page separator; its line ends are \\r\\n, kept)

and, as a sixth way in, no extractor at all:

    pressroom-pdf     no text export: `pressroom normalise NAME.pdf` reads the PDF itself (readers/)
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import SetupError

EXTRACTORS = ("pdftotext", "pdftotext-layout", "pypdf", "pdfminer", "pypdfium2")
# Not an extractor: the case normalises the PDF itself with Pressroom's PDF reader (issue 12),
# scored in the same table as the text extractors.
PDF_READER = "pressroom-pdf"
SOURCES = EXTRACTORS + (PDF_READER,)
INSTALL_HINT = {
    "pdftotext": "the Debian package poppler-utils (scripts/setup-system build)",
    "pypdf": "pip install -e '.[corpus]'",
    "pdfminer": "pip install -e '.[corpus]' (pdfminer.six)",
    "pypdfium2": "pip install -e . (pypdfium2)",
}


def _missing(extractor: str) -> SetupError:
    key = "pdftotext" if extractor.startswith("pdftotext") else extractor
    return SetupError(f"extractor {extractor} is not installed: needs {INSTALL_HINT[key]}")


def extract(extractor: str, pdf: Path) -> str:
    if extractor in ("pdftotext", "pdftotext-layout"):
        if shutil.which("pdftotext") is None:
            raise _missing(extractor)
        layout = ["-layout"] if extractor == "pdftotext-layout" else []
        done = subprocess.run(["pdftotext", *layout, "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    if extractor == "pypdf":
        try:
            from pypdf import PdfReader
        except ImportError:
            raise _missing(extractor) from None
        return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    if extractor == "pdfminer":
        try:
            from pdfminer.high_level import extract_text
        except ImportError:
            raise _missing(extractor) from None
        return extract_text(str(pdf))
    if extractor == "pypdfium2":
        try:
            import pypdfium2
        except ImportError:
            raise _missing(extractor) from None
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            return "\f".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()
    raise ValueError(f"unknown extractor {extractor!r}")


def extractor_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    def v(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "missing"

    poppler = "missing"
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
        poppler = (done.stderr or done.stdout).splitlines()[0] if (done.stderr or done.stdout) else "?"
    return {"pdftotext": poppler, "pdftotext-layout": poppler, "pypdf": v("pypdf"),
            "pdfminer": v("pdfminer.six"), "pypdfium2": v("pypdfium2"),
            PDF_READER: f"pressroom reader, pypdfium2 {v('pypdfium2')}"}
