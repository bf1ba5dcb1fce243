"""Small PDFs written byte by byte for the PDF reader's tests: text in the standard fonts at given
positions and sizes, raised runs (note calls), many or huge pages, no text at all."""

from __future__ import annotations

from dataclasses import dataclass, field

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Helvetica-Oblique"}


@dataclass
class Run:
    text: str
    font: str = "F1"  # F1 regular, F2 bold, F3 italic
    size: float = 11
    rise: float = 0  # points above the baseline (a raised call)
    # A word space set as the displacement closing the run's TJ array, in thousandths of the
    # font size (groff's gropdf writes `[(the) -369 ()] TJ` before a change of font).
    space_after: float = 0


@dataclass
class TextLine:
    y: float  # baseline, from the page bottom
    runs: list[Run]
    x: float = 72


@dataclass
class PageSpec:
    lines: list[TextLine] = field(default_factory=list)
    width: float = 595
    height: float = 842


def line(y: float, *runs, x: float = 72, size: float = 11, font: str = "F1") -> TextLine:
    return TextLine(y, [r if isinstance(r, Run) else Run(r, font, size) for r in runs], x)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(page: PageSpec, scaled: bool = False) -> bytes:
    """With `scaled`, each line draws a font of about 1 point that its text matrix scales to the
    size wanted (as Word's and some printers' PDFs do): the same page, drawn another way."""
    out = []
    for text_line in page.lines:
        scale = text_line.runs[0].size if scaled else 1.0
        if scaled:
            out.append(f"BT {scale:g} 0 0 {scale:g} {text_line.x:.2f} {text_line.y:.2f} Tm")
        else:
            out.append(f"BT {text_line.x:.2f} {text_line.y:.2f} Td")
        for run in text_line.runs:
            shown = f"[({_escape(run.text)}) {-run.space_after:g} ()] TJ" if run.space_after \
                else f"({_escape(run.text)}) Tj"
            out.append(f"/{run.font} {run.size / scale:g} Tf {run.rise / scale:g} Ts {shown}")
        out.append("ET")
    return "\n".join(out).encode("latin-1")


# A ToUnicode map sending every printable code to the private use area: glyphs a PDF gives no
# real character for (a symbol font, a broken subset).
_PRIVATE_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                 b"/CMapName /Private def 1 begincodespacerange <00> <FF> endcodespacerange\n"
                 b"1 beginbfrange <20> <7E> <E020> endbfrange\nendcmap CMapName currentdict /CMap "
                 b"defineresource pop end end")


def make_pdf(pages: list[PageSpec], extra_catalog: str = "", private_font: bool = False,
             scaled: bool = False) -> bytes:
    """A valid PDF: catalog, page tree, the three fonts, one content stream per page. With
    `private_font`, the regular font (F1) maps its glyphs to private-use characters."""
    objects: list[bytes] = []
    font_ids = {}
    if private_font:
        objects.append(b"<< /Length %d >>\nstream\n" % len(_PRIVATE_CMAP) + _PRIVATE_CMAP + b"\nendstream")
    for name, base in FONTS.items():
        to_unicode = f" /ToUnicode {len(objects)} 0 R" if private_font and name == "F1" else ""
        objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding{to_unicode} >>".encode())
        font_ids[name] = len(objects)
    first_page = len(objects) + 3  # after catalog and pages
    kids = []
    page_objects: list[bytes] = []
    for index, page in enumerate(pages):
        page_id = first_page + 2 * index
        kids.append(f"{page_id} 0 R")
        fonts = " ".join(f"/{name} {font_ids[name]} 0 R" for name in FONTS)
        page_objects.append(f"<< /Type /Page /Parent {len(objects) + 2} 0 R /MediaBox [0 0 {page.width:g} "
                            f"{page.height:g}] /Resources << /Font << {fonts} >> >> /Contents {page_id + 1} 0 R >>".encode())
        stream = _content(page, scaled)
        page_objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(f"<< /Type /Catalog /Pages {len(objects) + 2} 0 R {extra_catalog}>>".encode())
    catalog = len(objects)
    objects.append(f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode())
    objects.extend(page_objects)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def report_pages(count: int = 4) -> list[PageSpec]:
    """A small report: a running head and a folio on every page, a heading, paragraphs, a raised
    note call with its note at the page foot, an italic phrase."""
    pages = []
    for number in range(1, count + 1):
        lines = [line(800, "Quarterly Review of Harbour Works", size=9, font="F3")]
        y = 740
        if number == 1:
            lines.append(line(y, "1. Dredging the Outer Channel", size=16, font="F2"))
            y -= 30
        lines.append(line(y, Run(f"Page {number} opens a paragraph about the harbour and its"), ))
        lines.append(line(y - 14, "works, which ran through the season without any delay at",
                          ))
        lines.append(line(y - 28, Run("all, as the "), Run("engineers", "F3"), Run(" had planned."),
                          Run(str(number), size=7, rise=4)))
        lines.append(line(y - 50, f"A second paragraph of page {number} ends here quickly."))
        lines.append(line(90, f"{number} A note about page {number} and its sources.", size=8))
        lines.append(line(40, str(number), x=290, size=9))
        pages.append(PageSpec(lines))
    return pages
