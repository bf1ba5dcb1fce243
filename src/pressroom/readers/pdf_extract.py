"""Characters of a PDF with their geometry (pypdfium2): lines of styled spans, links, outline.

Each line carries its page, baseline, left and right edges and spans of one style (font, size,
bold, italic, raised, and the URI link annotation whose area holds the glyphs). A raised smaller glyph after text on the same line is a superscript
(a note call); its digits are written as superscript digits. Refusals (encrypted, damaged, too
large, no text layer) raise InputError with one line naming the file and page.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

from ..errors import InputError

# Limits: a larger document or page is refused rather than read for minutes (PDF 1.7 itself
# caps a page at 14,400 pt, 200 inches, without UserUnit).
MAX_PAGES = 2000
MAX_PAGE_POINTS = 14_400
MAX_CHARS_PER_PAGE = 200_000
# Two glyphs belong to one line when their baselines differ by less than this share of the
# larger font size (italic and mixed fonts wobble by a few hundredths).
SAME_LINE = 0.25
# A glyph at most this share of the line's font size, raised by up to RAISE_MAX of it, is a
# superscript (note calls are typically 60-75 % of the body size, raised by a third).
SUPERSCRIPT_SIZE = 0.85
RAISE_MIN, RAISE_MAX = 0.12, 0.8
# A digit or note symbol raised as much and set at up to this share of the line's size is a
# superscript too: a CSS `<sup>` is `font-size: smaller`, one step of the keyword table, so in
# 13 pt text WeasyPrint sets it at 16 px, 92 % (a call of the text's own size is no smaller).
RAISED_CALL_SIZE = 1.0
# A digit or note symbol whose glyph itself stands this share of the font size above the
# baseline is a superscript glyph (OpenType `sups`, as typst sets calls): same size, same origin.
RAISED_GLYPH = 0.2
CALL_CHARACTERS = frozenset("0123456789*†‡§¶")
# A call carried to a line of its own holds at most this many digits (see _carried_calls), and a
# page's line pitch is measured on this many line gaps at least.
CARRIED_CALL_DIGITS = 3
CARRIED_CALL_PITCHES = 3
# A carried call stands at the next line's start (within this many of the text's size of where the
# line above starts) and its baseline lies at least this share of the line pitch below the line
# above: a subscript (`PCO₂`, `HCO₃`) sits right after its word, a third of the size lower.
CARRIED_CALL_INDENT = 1.0
CARRIED_CALL_DROP = 0.5
# A space is at least this share of the font size wide (a thin space is about 0.17 em).
MIN_WORD_GAP = 0.1
# A horizontal gap wider than this many font sizes inside one line is a tab stop (contents
# page numbers, table cells), written as a tab.
TAB_GAP = 1.5
# A font weight at or above this is bold (CSS/OpenType: 600 is semibold).
BOLD_WEIGHT = 600
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# pdfium marks a hyphen it found at a line end with U+FFFE; it is a hyphen to decide later.
PDFIUM_LINE_HYPHEN = "\ufffe"
# A glyph belongs to a link when its origin lies inside the link's area, with this margin in
# points (an area drawn exactly around the text; the next glyph starts where the area ends).
LINK_MARGIN = 1.0


@dataclass
class Span:
    text: str
    size: float
    bold: bool
    italic: bool
    raised: bool = False
    # The link annotation it lies in: the index in PdfText.links of the first one to its URI
    # (a link drawn as one annotation a line, or nested boxes, is one link).
    link: int | None = None


@dataclass
class Line:
    page: int  # 1-based
    spans: list[Span]
    x0: float
    x1: float
    baseline: float  # y of the baseline, from the page top (grows downwards)
    size: float  # the font size of its unraised text
    number: int = 0  # line within the page, 1-based, top to bottom as read
    # Where each cell after the first starts (x of its first glyph), for a line the extractor
    # cut at tab-wide gaps (a table's row); in the order of the tabs in its text.
    cells: list[float] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.spans if s.text.strip() and not s.raised)

    @property
    def italic(self) -> bool:
        return all(s.italic for s in self.spans if s.text.strip() and not s.raised)


@dataclass
class Link:
    page: int
    rect: tuple[float, float, float, float]  # x0, top, x1, bottom (from the page top)
    uri: str
    # The areas it covers (its quadrilaterals' boxes: one a line for a link over a line end),
    # else its rectangle.
    areas: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    unmapped: int = 0  # glyphs without a Unicode mapping (dropped)
    chars: int = 0


@dataclass
class PdfText:
    pages: list[Page]
    outline: list[tuple[int, str, int]]  # (level from 1, title, page)
    links: list[Link]


def extract(data: bytes, shown: str, max_pages: int = MAX_PAGES) -> PdfText:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.casefold():
            raise InputError("the PDF is encrypted (a password is needed to read it)", shown) from None
        raise InputError(f"cannot read the PDF: damaged or not a PDF ({_pdfium_reason(reason)})",
                         shown) from None
    try:
        count = len(document)
        if count == 0:
            raise InputError("the PDF has no pages", shown)
        if count > max_pages:
            raise InputError(f"the PDF has {count:,} pages, above the limit of {max_pages:,}", shown)
        links: list[Link] = []
        first_to: dict[str, int] = {}  # URI → index of its first link
        pages = [_page(document, index, shown, links, first_to) for index in range(count)]
        return PdfText(pages, _outline(document), links)
    finally:
        document.close()


def _pdfium_reason(reason: str) -> str:
    return reason.split("(PDFium:", 1)[-1].strip().rstrip(".)").strip() or reason


def _page(document, index: int, shown: str, links: list[Link], first_to: dict[str, int]) -> Page:
    """The page's lines; its URI links are added to `links` (spans name a link by the index of
    the first one to its URI)."""
    import pypdfium2.raw as raw

    page = document[index]
    try:
        width, height = page.get_size()
        if not (0 < width <= MAX_PAGE_POINTS and 0 < height <= MAX_PAGE_POINTS):
            raise InputError(f"page {index + 1} is {width:,.0f} × {height:,.0f} pt, above the limit "
                             f"of {MAX_PAGE_POINTS:,} pt a side", shown)
        textpage = page.get_textpage()
        try:
            handle = textpage.raw
            count = raw.FPDFText_CountChars(handle)
            if count > MAX_CHARS_PER_PAGE:
                raise InputError(f"page {index + 1} has {count:,} characters, above the limit of "
                                 f"{MAX_CHARS_PER_PAGE:,}", shown)
            result = Page(index + 1, width, height)
            first = len(links)
            links += _page_links(document, page, index + 1, height)
            for at, link in enumerate(links[first:], start=first):
                first_to.setdefault(link.uri, at)
            result.lines = _lines(handle, count, height, index + 1, result,
                                  [(first_to[link.uri], link) for link in links[first:]])
            return result
        finally:
            textpage.close()
    finally:
        page.close()


@dataclass
class _Font:
    bold: bool
    italic: bool


def _font(text_object: int, cache: dict) -> _Font:
    import pypdfium2.raw as raw

    font = raw.FPDFTextObj_GetFont(ctypes.cast(text_object, raw.FPDF_PAGEOBJECT)) if text_object else None
    key = ctypes.cast(font, ctypes.c_void_p).value if font else 0
    if key in cache:
        return cache[key]
    bold = italic = False
    if font:
        size = raw.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(size + 1)
        raw.FPDFFont_GetBaseFontName(font, buffer, size)
        name = buffer.value.decode("latin-1").casefold()
        angle = ctypes.c_int(0)
        raw.FPDFFont_GetItalicAngle(font, ctypes.byref(angle))
        weight = raw.FPDFFont_GetWeight(font)
        bold = weight >= BOLD_WEIGHT or any(w in name for w in ("bold", "black", "heavy", "semibold"))
        italic = angle.value != 0 or "italic" in name or "oblique" in name
    cache[key] = _Font(bold, italic)
    return cache[key]


def _text_object_getter():
    """pdfium's FPDFText_GetTextObject returning a plain address: glyphs of one text object share
    font and size, so those are read once per object (a cast per glyph costs more than the call)."""
    import pypdfium2.raw as raw

    address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


def _lines(handle, count: int, height: float, page_number: int, page: Page,
           links: list[tuple[int, Link]]) -> list[Line]:
    """Glyphs in content order, grouped into lines by baseline; spans by style.

    One pdfium call per glyph (its origin) in the common case: font and size are read once per
    text object, a glyph's box only where a line ends (its right edge)."""
    import pypdfium2.raw as raw

    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(buffer)[:count * 2].decode("utf-16-le", errors="replace")
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    get_origin, get_box = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetCharBox
    get_object = _text_object_getter()
    address = ctypes.cast(handle, ctypes.c_void_p).value
    fonts: dict = {}
    matrix = raw.FS_MATRIX()
    builder = _LineBuilder(page_number, handle, height, links)
    current, size, font, unmapped_run = None, 0.0, _Font(False, False), False
    for index, char in enumerate(text[:count]):
        if char in "\r\n":
            continue
        if char == " " and raw.FPDFText_IsGenerated(handle, index):
            # PDFium also guesses a space inside letter-spaced words (`Retrof it`): a gap
            # narrower than MIN_WORD_GAP of the font size is none.
            if 0 < index < count - 1:
                get_box(handle, index - 1, left, right, bottom, top)
                before = right.value
                get_box(handle, index + 1, left, right, bottom, top)
                if left.value - before < MIN_WORD_GAP * (size or 1.0):
                    continue
            builder.pending_space = True
            continue
        text_object = get_object(address, index)
        if text_object != current:  # a new run: its font, size and Unicode mapping
            current = text_object
            size = (raw.FPDFText_GetFontSize(handle, index) or 1.0) * _scale(text_object, matrix)
            font = _font(text_object, fonts)
            unmapped_run = bool(raw.FPDFText_HasUnicodeMapError(handle, index))
        if char == PDFIUM_LINE_HYPHEN:
            char = "-"
        elif unmapped_run or _unmapped(char):
            page.unmapped += 1
            continue
        page.chars += 1
        get_origin(handle, index, x, y)
        raised = False
        if char in CALL_CHARACTERS:  # a superscript glyph sits above its own baseline
            get_box(handle, index, left, right, bottom, top)
            raised = bottom.value - y.value > RAISED_GLYPH * size
        builder.add(index, char, x.value, height - y.value, size, font, raised)
    builder.finish()
    lines = _carried_calls(builder.lines)
    for number, line in enumerate(lines, start=1):
        line.number = number
    return lines


def _carried_calls(lines: list[Line]) -> list[Line]:
    """A note call the typesetter carried to a line of its own, after the sentence it closes at a
    full line's end (WeasyPrint may break before a `<sup>`: `…circulating pump.` / `2`), goes back
    to the end of that line, raised. The evidence: a line of one to three digits only, set smaller
    than the line above, at that line's start (CARRIED_CALL_INDENT), whose baseline lies closer
    below it than the page's line pitch by at least RAISE_MIN of the text's size (it sits raised
    above where a next line's baseline would) but at least CARRIED_CALL_DROP of the pitch (no
    subscript right below its word); the
    line above ends in a word or a mark, not a hyphen. The pitch is the median gap on the page
    between consecutive lines of one size (CARRIED_CALL_PITCHES of them at least)."""
    gaps = sorted(round(b.baseline - a.baseline, 1) for a, b in zip(lines, lines[1:])
                  if a.size == b.size and b.baseline > a.baseline)
    if len(gaps) < CARRIED_CALL_PITCHES:
        return lines
    pitch = gaps[len(gaps) // 2]
    out: list[Line] = []
    for line in lines:
        above = out[-1] if out else None
        digits = line.text.strip()
        if above is not None and digits.isascii() and digits.isdigit() and len(digits) <= CARRIED_CALL_DIGITS \
                and above.text.rstrip()[-1:] not in ("-", "") \
                and all(span.size < above.size for span in line.spans if span.text.strip()) \
                and CARRIED_CALL_DROP * pitch <= line.baseline - above.baseline <= pitch - RAISE_MIN * above.size \
                and line.x0 <= above.x0 + CARRIED_CALL_INDENT * above.size:
            for span in line.spans:
                if span.text.strip():
                    above.spans.append(Span(span.text.strip().translate(SUPERSCRIPT_DIGITS), span.size,
                                            span.bold, span.italic, True, span.link))
            above.x1 = max(above.x1, line.x1)
            continue
        out.append(line)
    return out


def _scale(text_object: int, matrix) -> float:
    """How much the text object's matrix scales its font vertically: a PDF may set a 1-point font
    and draw it 9 times larger (as Word's and some printers' PDFs do), which PDFium's font size
    does not include."""
    import pypdfium2.raw as raw

    if not text_object or not raw.FPDFPageObj_GetMatrix(ctypes.cast(text_object, raw.FPDF_PAGEOBJECT),
                                                      ctypes.byref(matrix)):
        return 1.0
    return math.hypot(matrix.c, matrix.d) or 1.0


def _unmapped(char: str) -> bool:
    """A glyph the PDF gives no real character for: private use, or the replacement character."""
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or char == "\ufffd" or code < 0x20


class _LineBuilder:
    """Accumulates glyphs into lines. The common case (same baseline, style and run as the glyph
    before) is one comparison and an append."""

    def __init__(self, page: int, handle, height: float, links: list[tuple[int, Link]]) -> None:
        self.page, self.handle, self.height = page, handle, height
        self.areas = [(index, area) for index, link in links for area in link.areas]
        self.lines: list[Line] = []
        self.line: Line | None = None
        self.chars: list[str] = []  # the current span's characters
        self.style: tuple = ()
        self.pending_space = False
        self.last_x = 0.0
        self.last_index = -1
        self.box = [ctypes.c_double() for _ in range(4)]

    def add(self, index: int, char: str, x: float, baseline: float, size: float, font: _Font,
            raised_glyph: bool = False) -> None:
        line = self.line
        link = self._link_at(x, baseline) if self.areas else None
        if line is not None and baseline == line.baseline and x >= self.last_x and not raised_glyph and \
                self.style == (size, font.bold, font.italic, False, link) and not self.pending_space:
            self.chars.append(char)  # the common case
            self.last_x, self.last_index = x, index
            return
        if char == " ":
            self.pending_space = line is not None
            return
        raised = False
        if line is not None:
            rise = line.baseline - baseline
            backwards = x < self.last_x - line.size  # a new column or a line read again
            # A raised small glyph is tested first: a call is raised by less than SAME_LINE.
            small = size <= (RAISED_CALL_SIZE if char in CALL_CHARACTERS else SUPERSCRIPT_SIZE) * line.size
            if not backwards and small and RAISE_MIN * line.size <= rise <= RAISE_MAX * line.size:
                raised = True
            elif raised_glyph and not backwards and abs(rise) <= SAME_LINE * max(size, line.size):
                raised = True
            elif not backwards and line.size <= SUPERSCRIPT_SIZE * size and \
                    RAISE_MIN * size <= -rise <= RAISE_MAX * size and all(
                        s.size <= SUPERSCRIPT_SIZE * size for s in line.spans):
                self._close_span()
                _lower_to(line, baseline, size)  # what came first was a raised marker
                self.style = ()
            elif abs(rise) <= SAME_LINE * max(size, line.size) and not backwards:
                pass
            else:
                self._close_line()
                line = None
        if line is None:
            line = self.line = Line(self.page, [], x, x, baseline, size)
            self.pending_space = False
            separator = ""
            raised = raised_glyph  # a note's marker opening its line
        elif x - self.last_x > (TAB_GAP + 1) * line.size:  # the last glyph's advance included
            separator = "\t"
            line.cells.append(x)
        else:
            separator = " " if self.pending_space else ""
        self.pending_space = False
        if raised:
            char = char.translate(SUPERSCRIPT_DIGITS)
        elif line.spans or self.chars:
            line.size = max(line.size, size)
        style = (size, font.bold, font.italic, raised, link)
        if style != self.style:
            self._close_span()
            if separator and not raised and self.style and not self.style[3]:
                line.spans[-1].text += separator
            elif separator:
                line.spans.append(Span(separator, line.size, False, False))
            self.style = style
            self.chars = [char]
        else:
            self.chars.append(separator + char)
        self.last_x, self.last_index = x, index

    def _close_span(self) -> None:
        if self.chars and self.line is not None:
            size, bold, italic, raised, link = self.style
            self.line.spans.append(Span("".join(self.chars), size, bold, italic, raised, link))
        self.chars = []

    def _link_at(self, x: float, baseline: float) -> int | None:
        for index, (x0, top, x1, bottom) in self.areas:
            if x0 - LINK_MARGIN <= x < x1 - LINK_MARGIN and top - LINK_MARGIN <= baseline <= bottom + LINK_MARGIN:
                return index
        return None

    def _close_line(self) -> None:
        self._close_span()
        line = self.line
        if line is not None and line.spans:
            import pypdfium2.raw as raw

            left, right, bottom, top = self.box
            raw.FPDFText_GetCharBox(self.handle, self.last_index, left, right, bottom, top)
            line.x1 = max(right.value, self.last_x)
            self.lines.append(line)
        self.line, self.style = None, ()

    def finish(self) -> None:
        self._close_line()


def _lower_to(line: Line, baseline: float, size: float) -> None:
    """The line's first glyphs were raised above the baseline that follows: a marker."""
    for span in line.spans:
        span.raised = True
        span.text = span.text.translate(SUPERSCRIPT_DIGITS)
    line.baseline, line.size = baseline, size


def _outline(document) -> list[tuple[int, str, int]]:
    entries = []
    try:
        for item in document.get_toc(max_depth=8):
            dest = item.get_dest()
            page = dest.get_index() if dest is not None else None
            if page is not None:
                entries.append((item.level + 1, item.get_title(), page + 1))
    except Exception:  # noqa: BLE001 - pdfium raises its own error types; an outline is optional evidence
        return []
    return entries


def _page_links(document, page, number: int, height: float) -> list[Link]:
    """The page's URI link annotations, their areas measured from the page top."""
    import pypdfium2.raw as raw

    links: list[Link] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(document.raw, action, None, 0)
        buffer = ctypes.create_string_buffer(size + 1)
        raw.FPDFAction_GetURIPath(document.raw, action, buffer, size)
        uri = buffer.value.decode("latin-1", errors="replace")
        rect = raw.FS_RECTF()
        if not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        # (pdfium gives a link's rectangle with top and bottom either way round)
        box = (min(rect.left, rect.right), height - max(rect.top, rect.bottom),
               max(rect.left, rect.right), height - min(rect.top, rect.bottom))
        areas = []
        quad = raw.FS_QUADPOINTSF()
        for at in range(max(0, raw.FPDFLink_CountQuadPoints(link))):
            if raw.FPDFLink_GetQuadPoints(link, at, ctypes.byref(quad)):
                xs, ys = (quad.x1, quad.x2, quad.x3, quad.x4), (quad.y1, quad.y2, quad.y3, quad.y4)
                areas.append((min(xs), height - max(ys), max(xs), height - min(ys)))
        links.append(Link(number, box, uri, areas or [box]))
    return links
