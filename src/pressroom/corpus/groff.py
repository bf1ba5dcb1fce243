"""The corpus's third typesetting engine: pandoc's ms writer with the design's template
(designs/*.ms, sharing common.ms), set by GNU troff with the ms macros and its PDF device
(`groff -ms -Tpdf`).

groff lays out, hyphenates and places notes its own way (Knuth-free line breaking, notes under a
short rule, headers from the ms macros' strings), so its PDFs read back unlike WeasyPrint's and
typst's. It prints no contents list: ms puts one at the end of the document, where no report has
it. A design may leave groff out (no `groff:` in designs.yaml).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

from ..errors import RenderError, SetupError
from .documents import Design

ENGINE = "groff"
# The paper of each design, as groff's -dpaper and gropdf's -p name it.
PAPER = {"a4": "a4", "a5": "a5", "letter": "letter"}
# A fixed date for gropdf's /CreationDate (SOURCE_DATE_EPOCH): byte-identical PDFs. 2024-01-01.
SOURCE_DATE_EPOCH = "1704067200"
# A chapter heading in pandoc's ms: `.SH 1` (or `.NH 1`), then its text up to the next request.
_CHAPTER = re.compile(r"^(\.[SN]H 1\n)((?:[^.\n][^\n]*\n)+)", re.M)
SECONDS = 120
# common.ms sets the title on a cover page of its own (ms's `.RP`), which ms does not number: the
# first text page is page 1, and `Page N of M` counts the pages after the cover.
COVER_PAGES = 1


@functools.cache  # asked before each PDF: the machine does not change meanwhile
def available() -> bool:
    return shutil.which("groff") is not None and _has_pdf_device()


def _has_pdf_device() -> bool:
    try:
        done = subprocess.run(["groff", "-Tpdf", "-Z"], input="", capture_output=True, text=True,
                              timeout=SECONDS)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def typeset(truth_md: Path, design: Design, contents: bool, out_pdf: Path) -> None:
    import pypandoc

    if design.groff is None:
        raise ValueError(f"design {design.name!r} has no groff template")
    if not available():
        raise SetupError("the corpus's groff engine needs GNU groff with its PDF device "
                         "(apt-get install groff), or leave it out: --engines pressroom,typst")
    args = ["--template", str(design.groff), "--standalone", "--wrap=preserve"]
    try:
        source = pypandoc.convert_file(str(truth_md), "ms", format="markdown-smart",
                                       extra_args=args)
    except RuntimeError as exc:
        raise RenderError(f"pandoc -t ms failed: {exc}", truth_md) from exc
    source = with_chapter_calls(source)
    ms = out_pdf.with_suffix(".ms")
    ms.write_text(source, encoding="utf-8")
    paper = PAPER[design.paper.lower()]
    pdf = _groff(ms, paper, pages="0")
    pdf = _groff(ms, paper, pages=str(_count_pages(pdf, ms) - COVER_PAGES))  # `Page N of M`
    out_pdf.write_bytes(pdf)


def with_chapter_calls(ms: str) -> str:
    """`.CHAPTER text` after each chapter heading: common.ms defines it to do nothing, and a
    design that sets the chapter as its running head redefines it."""
    def call(match: re.Match) -> str:
        text = " ".join(match.group(2).split())
        return f"{match.group(1)}{match.group(2)}.CHAPTER {text}\n"

    return _CHAPTER.sub(call, ms)


def _groff(ms: Path, paper: str, pages: str) -> bytes:
    # -k: the input is UTF-8 (preconv); -t: tables (tbl); -dpages: the page count for footers.
    command = ["groff", "-k", "-t", "-ms", "-Tpdf", f"-dpaper={paper}", f"-P-p{paper}",
               f"-dpages={pages}", str(ms)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    try:
        done = subprocess.run(command, capture_output=True, timeout=SECONDS, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"groff failed: {exc}", ms) from exc
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        raise RenderError(f"groff failed: {done.stderr.decode(errors='replace')[-500:]}", ms)
    return done.stdout


def _count_pages(pdf: bytes, ms: Path) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise RenderError(f"groff wrote an unreadable PDF: {exc}", ms) from exc
    try:
        return len(document)
    finally:
        document.close()


def version() -> str:
    try:
        done = subprocess.run(["groff", "--version"], capture_output=True, text=True,
                              timeout=SECONDS)
    except (OSError, subprocess.SubprocessError):
        return "missing"
    first = done.stdout.splitlines()[:1]
    return first[0].strip() if first else "missing"
