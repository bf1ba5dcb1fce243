"""Screenshots of the outputs, for documentation and for looking at them.

    html_pages(html, out_dir, widths=(1440, 390), full_page=False, fragment=None) -> list[Path]
        PNGs of an HTML file in Chromium at each width: OUT/STEM-WIDTH.png
    pdf_pages(pdf, pages, out_dir, scale=1.5) -> list[Path]
        PNGs of the chosen 1-based PDF pages with pypdfium2: OUT/STEM-pN.png

Command line (scripts/screenshots wraps this):

    python tests/tools/screenshots.py html build/NAME/NAME.html --out DIR [--width 1440 --width 390] [--full-page] [--at ID]
    python tests/tools/screenshots.py pdf build/NAME/NAME.pdf --pages 1,2,5 --out DIR [--scale 1.5]
    python tests/tools/screenshots.py epub build/NAME/NAME.epub --members cover.xhtml,section-01.xhtml --out DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import validators  # noqa: E402  (the shared browser/server helpers)

# Heights that go with the usual widths; any other width gets a 16:10 height.
HEIGHTS = {1440: 900, 1280: 800, 390: 844, 768: 1024}


def html_pages(
    html: str | Path,
    out_dir: str | Path,
    widths=(1440, 390),
    *,
    full_page: bool = False,
    fragment: str | None = None,
    dark: bool = False,
    name: str | None = None,
) -> list[Path]:
    """Screenshot an HTML file at each width (in the dark colour scheme with `dark`); return the
    PNG paths, named NAME-WIDTH[-dark].png (NAME: the file's stem)."""
    html = Path(html).resolve()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    args: list[str] = []
    files = []
    suffix = f"-{fragment}" if fragment else ""
    for width in widths:
        height = HEIGHTS.get(int(width), round(int(width) * 10 / 16))
        out = (out_dir / f"{name or html.stem}{suffix}-{width}{'-dark' if dark else ''}.png").resolve()
        mode = "full" if full_page else "viewport"
        args += [str(out), str(width), str(height), f"{mode}-dark" if dark else mode]
        files.append(out)
    with validators.served(html) as url:
        if fragment:
            url += "#" + fragment
        validators._node_tool("screenshot.mjs", [url, *args], "Chromium screenshot")
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise AssertionError(f"Chromium wrote no screenshot to {missing}")
    return files


def pdf_pages(pdf: str | Path, pages, out_dir: str | Path, *, scale: float = 1.5) -> list[Path]:
    """Render the given 1-based page numbers of a PDF to PNGs; return their paths."""
    import pypdfium2 as pdfium

    pdf = Path(pdf)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        count = len(doc)
        files = []
        for n in pages:
            n = int(n)
            if not 1 <= n <= count:
                raise ValueError(f"{pdf.name} has {count} pages; there is no page {n}")
            page = doc[n - 1]
            try:
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            out = out_dir / f"{pdf.stem}-p{n}.png"
            image.save(out)
            files.append(out)
        return files
    finally:
        doc.close()


def epub_pages(epub: str | Path, members: list[str], out_dir: str | Path, width: int = 390) -> list[Path]:
    """Screenshots of content documents of an EPUB (e.g. cover.xhtml, section-01.xhtml) as a
    phone-sized reading system shows them: OUT/STEM-epub-MEMBER.png."""
    import tempfile
    import zipfile

    epub = Path(epub)
    files = []
    with tempfile.TemporaryDirectory(prefix="pressroom-epub-") as tmp:
        with zipfile.ZipFile(epub) as book:
            book.extractall(tmp)
        for member in members:
            page = Path(tmp) / "EPUB" / member
            files += html_pages(page, out_dir, (width,),
                                name=f"{epub.stem}-epub-{Path(member).stem}")
    return files


def _page_list(text: str) -> list[int]:
    """'1,3-5' -> [1, 3, 4, 5]"""
    pages: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-", 1)
            pages.extend(range(int(a), int(b) + 1))
        elif part:
            pages.append(int(part))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="screenshots", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="kind", required=True)
    h = sub.add_parser("html", help="PNGs of an HTML page in Chromium")
    h.add_argument("file", type=Path)
    h.add_argument("--out", type=Path, required=True, help="directory for the PNGs")
    h.add_argument("--width", type=int, action="append", help="viewport width (repeatable; default 1440 and 390)")
    h.add_argument("--full-page", action="store_true", help="the whole page, not just the first screen")
    h.add_argument("--at", metavar="ID", help="scroll to the element with this id first")
    h.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    e = sub.add_parser("epub", help="PNGs of EPUB content documents in Chromium, phone-sized")
    e.add_argument("file", type=Path)
    e.add_argument("--members", required=True, help="files under EPUB/, e.g. cover.xhtml,section-01.xhtml")
    e.add_argument("--out", type=Path, required=True, help="directory for the PNGs")
    p = sub.add_parser("pdf", help="PNGs of PDF pages with pypdfium2")
    p.add_argument("file", type=Path)
    p.add_argument("--pages", required=True, help="1-based pages, e.g. 1,2,5-7")
    p.add_argument("--out", type=Path, required=True, help="directory for the PNGs")
    p.add_argument("--scale", type=float, default=1.5, help="pixels per PDF point (default 1.5)")
    args = parser.parse_args(argv)
    if args.kind == "html":
        files = html_pages(args.file, args.out, args.width or (1440, 390), full_page=args.full_page,
                           fragment=args.at, dark=args.dark)
    elif args.kind == "epub":
        files = epub_pages(args.file, args.members.split(","), args.out)
    else:
        files = pdf_pages(args.file, _page_list(args.pages), args.out, scale=args.scale)
    for f in files:
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
