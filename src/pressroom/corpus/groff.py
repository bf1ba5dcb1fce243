"""The corpus's third typesetting engine: pandoc's ms writer with the design's template
(designs/*.ms, sharing common.ms), set by GNU troff with the ms macros and its PDF device
(`groff -ms -Tpdf`).

groff lays out, hyphenates and places notes its own way (Knuth-free line breaking, notes under a
short rule, headers from the ms macros' strings), so its PDFs read back unlike WeasyPrint's and
typst's. It prints no contents list: ms puts one at the end of the document, where no report has
it. A design may leave groff out (no `groff:` in designs.yaml).
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import subprocess
import tempfile
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
# pandoc's ms writer gives a table whose rows are wider than its 72 columns fixed widths in ens
# (`lw(14.4n) lw(28.8n)`: its share of a 70n line), whatever the design's line: in the narrow
# designs the table ran off the page and its last column was cut in the PDF itself (`31 March 2025`
# printed `31`). Each width becomes a register no wider than its share of the current line (a
# column's, on a two-column page) less tbl's gaps, so a table that fits is set as before.
_TABLE = re.compile(r"^(\.TS\n(?:[^\n]*;\n)?)((?:[lcrn]w\(\d+(?:\.\d+)?n\) ?)+\.)$(.*?^\.TE$)",
                    re.M | re.S)
_BLOCK_WIDTH = re.compile(r"^\.nr LL (\d+(?:\.\d+)?)n$", re.M)
_FIXED_WIDTH = re.compile(r"w\((\d+(?:\.\d+)?)n\)")
TBL_GAP_ENS = 3  # tbl's default space between columns

# groff's stock PDF fonts (font/devpdf) describe the base 35 fonts with Latin-1 glyphs only and
# leave them unembedded: `Łódź` came out `Łód` and `Ślady` `lady`, and a Helvetica `Ö` read back
# as `Ã–`. The engine describes afresh, with afmtodit, every glyph of the URW base 35 fonts the
# designs use (Debian fonts-urw-base35, which groff's ghostscript brings), and embeds them.
GROFF_FONTS = Path("/usr/share/groff/current/font/devpdf")
URW_FONTS = Path("/usr/share/fonts/type1/urw-base35")
# groff's family letter → the URW font of each style (R, I, B, BI), as fonts-urw-base35 names them.
FAMILIES = {
    "T": ("NimbusRoman-Regular", "NimbusRoman-Italic", "NimbusRoman-Bold", "NimbusRoman-BoldItalic"),
    "H": ("NimbusSans-Regular", "NimbusSans-Italic", "NimbusSans-Bold", "NimbusSans-BoldItalic"),
    "P": ("P052-Roman", "P052-Italic", "P052-Bold", "P052-BoldItalic"),
    "C": ("NimbusMonoPS-Regular", "NimbusMonoPS-Italic", "NimbusMonoPS-Bold",
          "NimbusMonoPS-BoldItalic"),
}
STYLES = ("R", "I", "B", "BI")


@functools.cache  # asked before each PDF: the machine does not change meanwhile
def available() -> bool:
    return shutil.which("groff") is not None and _has_pdf_device()


@functools.cache  # once per process: the fonts do not change meanwhile
def font_path() -> Path:
    """A groff font directory (its devpdf) describing the designs' fonts with all their glyphs:
    afmtodit's descriptions of the URW fonts, the stock DESC, and a download file naming the URW
    fonts (embedded) before the stock ones. Removed when the process ends."""
    missing = [path for path in (GROFF_FONTS / "DESC", URW_FONTS) if not path.exists()]
    if missing or shutil.which("afmtodit") is None:
        raise SetupError(f"the corpus's groff engine needs groff's afmtodit and the URW base 35 "
                         f"fonts (apt-get install groff fonts-urw-base35): {missing or 'afmtodit'} "
                         f"not found")
    root = Path(tempfile.mkdtemp(prefix="pressroom-groff-font-"))
    atexit.register(shutil.rmtree, root, True)
    devpdf = root / "devpdf"
    devpdf.mkdir()
    shutil.copyfile(GROFF_FONTS / "DESC", devpdf / "DESC")
    download = []
    for family, fonts in FAMILIES.items():
        for style, font in zip(STYLES, fonts, strict=True):
            command = ["afmtodit", "-e", str(GROFF_FONTS / "enc" / "text.enc"), "-i0", "-m",
                       str(URW_FONTS / f"{font}.afm"), str(GROFF_FONTS / "map" / "textmap"),
                       family + style]
            done = subprocess.run(command, cwd=devpdf, capture_output=True, text=True,
                                  timeout=SECONDS)
            if done.returncode != 0:
                raise RenderError(f"afmtodit failed on {font}: {done.stderr.strip()[-300:]}",
                                  URW_FONTS / f"{font}.afm")
            download.append(f"\t{font}\t{URW_FONTS / font}.t1")
    stock = (GROFF_FONTS / "download").read_text(encoding="utf-8").splitlines()
    (devpdf / "download").write_text("\n".join([*download, *stock]) + "\n", encoding="utf-8")
    return root


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
    source = fit_tables(with_chapter_calls(source))
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


def fit_tables(ms: str) -> str:
    """Each fixed column width of pandoc's tables (`lw(14.4n)`, and the `.nr LL 14.4n` of the
    column's text blocks) as a register set just before the table: the smaller of the width and its
    share of the line less the gaps (troff's `<?`)."""
    count = 0

    def fit(match: re.Match) -> str:
        nonlocal count
        widths = _FIXED_WIDTH.findall(match.group(2))
        tenths = round(sum(float(w) for w in widths) * 10)
        gaps = TBL_GAP_ENS * (len(widths) - 1)
        registers, named = [], {}
        for width in widths:
            if width not in named:
                count += 1
                named[width] = f"PRtw{count}"
                registers.append(f".nr {named[width]} (\\n[.l]-{gaps}n)*{round(float(width) * 10)}"
                                 f"/{tenths}<?{width}n\n")
        spec = _FIXED_WIDTH.sub(lambda w: f"w(\\n[{named[w.group(1)]}]u)", match.group(2))
        body = _BLOCK_WIDTH.sub(lambda w: f".nr LL \\n[{named[w.group(1)]}]u" if w.group(1) in named
                                else w.group(0), match.group(3))
        return "".join(registers) + match.group(1) + spec + body

    return _TABLE.sub(fit, ms)


def _groff(ms: Path, paper: str, pages: str) -> bytes:
    # -Kutf-8: the input is UTF-8 (preconv; -k guesses, and took a file with few non-ASCII letters
    # for Windows-1252: `Öberg` came out `Ã–berg`); -t: tables (tbl); -dpages: the page count.
    # -F: the engine's font descriptions first (font_path), groff's stock ones for the rest.
    command = ["groff", "-Kutf-8", "-t", "-ms", "-Tpdf", f"-F{font_path()}", f"-dpaper={paper}",
               f"-P-p{paper}", f"-dpages={pages}", str(ms)]
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
