"""PDF pages compared by their text: which pages changed, which only shifted (their words are all
unchanged, the page breaks moved), and old | new | difference images of the changed pages only.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SetupError

# Running heads and folios sit in the page margins (24–26 mm on A4, 20–24 mm on Letter, paged.css
# and overlays/letter.css); body text never comes this close to the top or bottom edge.
FURNITURE_BAND = 16 / 25.4 * 72  # points
RASTER_SCALE = 1.25               # 90 dpi: legible side by side, small enough to embed
PROBE_SCALE = 0.5                 # for the pixel check when the texts show no difference
PIXEL_THRESHOLD = 40              # grey levels; below it a difference is antialiasing noise
# Line-end hyphens as pdfium reports them (U+FFFE, U+0002, soft hyphen): the word is rejoined.
_BREAK_HYPHEN = re.compile("[\ufffe\u0002\u00ad]\\s*(?=\\S)")
SMALL_TEXT = 0.85  # of the body size: footnotes and captions are set smaller than the body
_PAGE_END_HYPHEN = ("\ufffe", "\u0002", "\u00ad")


Pages = list[list[str]]  # the words of each page


@dataclass(frozen=True)
class PageChange:
    kind: str              # "changed", "added" or "removed"
    old: int | None        # 1-based page numbers
    new: int | None
    image: bytes | None = None  # PNG: old | new | difference


@dataclass
class PdfDiff:
    old_pages: int
    new_pages: int
    changes: list[PageChange] = field(default_factory=list)
    shifted: list[tuple[int, int]] = field(default_factory=list)   # (old, new) page numbers
    rasterised: int = 0     # pages rendered at full scale (old and new sides counted apiece)
    by_pixels: bool = False  # the texts were identical; pages were compared as images

    def __bool__(self) -> bool:
        return bool(self.changes or self.shifted or self.old_pages != self.new_pages)


def _pdfium():
    try:
        import pypdfium2
    except ImportError as exc:  # a test extra today; the diff needs it at run time
        raise SetupError("pressroom diff needs pypdfium2: pip install pypdfium2") from exc
    return pypdfium2


def _lines(page) -> list[tuple[float, str]]:
    """(font size, text) of every text line outside the margins, in content order."""
    raw = _pdfium().raw
    height = page.get_height()
    text_page = page.get_textpage()
    lines = []
    for k in range(text_page.count_rects()):
        left, bottom, right, top = text_page.get_rect(k)
        if bottom > FURNITURE_BAND and top < height - FURNITURE_BAND:
            # The largest of three samples: a note call's superscript never decides a line.
            samples = [raw.FPDFText_GetCharIndexAtPos(text_page.raw, left + f * (right - left),
                                                      (top + bottom) / 2, 2, 2)
                       for f in (0.25, 0.5, 0.75)]
            size = max([raw.FPDFText_GetFontSize(text_page.raw, c) for c in samples if c >= 0],
                       default=0.0)
            lines.append((round(size, 1), text_page.get_text_bounded(left, bottom, right, top)))
    text_page.close()
    return lines


def page_words(pdf) -> list[Pages]:
    """The words of every page, margins (running heads, folios) left out, as two streams: the
    text in the body size and larger, and the smaller text (footnotes, captions), so that a note
    keeps its place in its stream when a page break moves it to another page."""
    pages = [_lines(page) for page in pdf]
    sizes = Counter(size for lines in pages for size, _ in lines)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    main, small = [], []
    for lines in pages:
        main.append(_words([text for size, text in lines if size >= SMALL_TEXT * body]))
        small.append(_words([text for size, text in lines if size < SMALL_TEXT * body]))
    return [_rejoin_across_pages(main), _rejoin_across_pages(small)]


def _words(lines: list[str]) -> list[str]:
    return _BREAK_HYPHEN.sub("", "\n".join(lines) + "\n").split()


def _rejoin_across_pages(pages: Pages) -> Pages:
    """A word hyphenated at a page foot is whole on its first page, so that moving a page break
    never reads as an edit."""
    for number in range(len(pages) - 1):
        page, following = pages[number], pages[number + 1]
        if page and following and page[-1].endswith(_PAGE_END_HYPHEN):
            page[-1] = page[-1][:-1] + following.pop(0)
    return pages


def _flatten(pages: list[list[str]]) -> tuple[list[str], list[int]]:
    words, page_of = [], []
    for number, page in enumerate(pages):
        words += page
        page_of += [number] * len(page)
    return words, page_of


def _opcodes(old: list[str], new: list[str]):
    """difflib's opcodes, after trimming the common head and tail: a small edit in a long
    document then costs milliseconds instead of a second."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if head:
        yield "equal", 0, head, 0, head
    middle = difflib.SequenceMatcher(None, old[head:len(old) - tail], new[head:len(new) - tail],
                                     autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        yield tag, i1 + head, i2 + head, j1 + head, j2 + head
    if tail:
        yield "equal", len(old) - tail, len(old), len(new) - tail, len(new)


def classify(old_streams: list[Pages], new_streams: list[Pages]):
    """(changed, shifted, removed): changed = [(old or None, new)], shifted = [(old, new)],
    removed = old pages none of whose words survive; 0-based. Each stream (body text, notes)
    lists the words of every page; the streams are aligned one by one."""
    touched: set[int] = set()
    overlap: dict[int, Counter] = {}  # new page → old page → words matched
    survivors: set[int] = set()
    for old, new in zip(old_streams, new_streams):
        old_words, old_page = _flatten(old)
        new_words, new_page = _flatten(new)
        for tag, i1, i2, j1, j2 in _opcodes(old_words, new_words):
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    overlap.setdefault(new_page[j], Counter())[old_page[i]] += 1
                    survivors.add(old_page[i])
            elif j2 > j1:
                touched.update(new_page[j1:j2])
            elif new_words:  # a deletion: flag the page holding the word before it
                touched.add(new_page[max(j1 - 1, 0)])
    old_pages = [sum(pages, []) for pages in zip(*old_streams)]
    new_pages = [sum(pages, []) for pages in zip(*new_streams)]
    changed, shifted = [], []
    for j, words in enumerate(new_pages):
        counts = overlap.get(j, {})
        counterpart = max(counts, key=lambda i: (counts[i], -abs(i - j))) if counts else None
        if counterpart is None and not words:
            if j < len(old_pages) and not old_pages[j]:
                continue  # blank then, blank now
        if j in touched or counterpart is None:
            changed.append((counterpart, j))
        elif counterpart != j or [p[counterpart] for p in old_streams] != [p[j] for p in new_streams]:
            shifted.append((counterpart, j))
    removed = [i for i, words in enumerate(old_pages) if words and i not in survivors]
    return changed, shifted, removed


def _render(pdf, index: int, scale: float):
    page = pdf[index]
    image = page.render(scale=scale).to_pil().convert("RGB")
    page.close()
    return image


def compose(old_image, new_image) -> bytes:
    """old | new | difference (the new page faded, changed pixels in red) as one PNG."""
    from PIL import Image, ImageChops

    blank = Image.new("RGB", (new_image if new_image is not None else old_image).size, "white")
    old_image = old_image if old_image is not None else blank
    new_image = new_image if new_image is not None else blank
    width, height = max(old_image.width, new_image.width), max(old_image.height, new_image.height)
    old_full, new_full = (_pad(im, width, height) for im in (old_image, new_image))
    delta = ImageChops.difference(old_full.convert("L"), new_full.convert("L"))
    mask = delta.point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    faded = Image.blend(new_full, Image.new("RGB", (width, height), "white"), 0.75)
    highlight = Image.composite(Image.new("RGB", (width, height), (220, 30, 30)), faded, mask)
    gap = 12
    sheet = Image.new("RGB", (3 * width + 2 * gap, height), (200, 200, 200))
    for k, image in enumerate((old_full, new_full, highlight)):
        sheet.paste(image, (k * (width + gap), 0))
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _pad(image, width: int, height: int):
    from PIL import Image

    if image.size == (width, height):
        return image
    canvas = Image.new("RGB", (width, height), "white")
    canvas.paste(image, (0, 0))
    return canvas


def _differs_as_image(old_pdf, new_pdf, index: int) -> bool:
    from PIL import ImageChops

    a, b = _render(old_pdf, index, PROBE_SCALE), _render(new_pdf, index, PROBE_SCALE)
    return a.size != b.size or ImageChops.difference(a, b).getbbox() is not None


def diff_pdfs(old_path: Path, new_path: Path) -> PdfDiff:
    pdfium = _pdfium()
    old_pdf, new_pdf = pdfium.PdfDocument(str(old_path)), pdfium.PdfDocument(str(new_path))
    try:
        old, new = page_words(old_pdf), page_words(new_pdf)
        changed, shifted, removed = classify(old, new)
        result = PdfDiff(len(old[0]), len(new[0]), shifted=[(i + 1, j + 1) for i, j in shifted])
        if not changed and not shifted and not removed \
                and len(old[0]) == len(new[0]) and old_path.read_bytes() != new_path.read_bytes():
            # Same words on the same pages, different bytes: styling or images changed, which
            # only the pixels can show. Probe every page at a low scale.
            result.by_pixels = True
            changed = [(k, k) for k in range(len(new[0])) if _differs_as_image(old_pdf, new_pdf, k)]
        for i, j in changed:
            old_image = _render(old_pdf, i, RASTER_SCALE) if i is not None else None
            new_image = _render(new_pdf, j, RASTER_SCALE)
            result.rasterised += 1 + (i is not None)
            kind = "changed" if i is not None else "added"
            result.changes.append(PageChange(kind, None if i is None else i + 1, j + 1,
                                             compose(old_image, new_image)))
        for i in removed:
            result.changes.append(PageChange("removed", i + 1, None,
                                             compose(_render(old_pdf, i, RASTER_SCALE), None)))
            result.rasterised += 1
    finally:
        old_pdf.close()
        new_pdf.close()
    return result
