"""The PDF reader: page geometry becomes the normaliser's model (blocks with evidence), so the
same passes run as for a text export.

What the geometry decides here: running heads, footers and folios (removed, in the audit), the
footnote area of each page (definitions written `¹ text`, calls raised as `¹`), headings (size,
weight, the PDF outline), paragraphs (gaps, indents, short last lines), emphasis (italic and
bold spans), a title page and a closing colophon of label/value pairs (both metadata). Blocks
carry the evidence as declared Block fields (`pdf`: page, first line, size; `continues`: whether a
page's first paragraph continues the previous page's last one; `one_paragraph`, `title_page`).
A URI link annotation becomes a link token around the words it covers (State.links holds its
URI); a scheme other than http, https or mailto leaves the words as text, with a diagnostic. The text written for `--dump-dir` and the word accounting is every
line as read, page by page; block line numbers point into it.
"""

from __future__ import annotations

import functools
import re

from ..normalise.model import (EMPH_CLOSE, EMPH_OPEN, LINK_CLOSE, LINK_OPEN, SAFE_SCHEMES, STRONG_CLOSE,
                               STRONG_OPEN, Block, PdfEvidence, State, link_open)
from ..normalise.block_quotes import INTRODUCES, MIN_QUOTE_LINES
from ..normalise.headings import ANSWERS, MAX_HEADING_CHARS, MAX_HEADING_LINES
from ..normalise.words import words
from . import pdf_layout as layout
from .pdf_extract import SUPERSCRIPT_DIGITS, Line, PdfText, extract
from .pdf_measure import FULL_LINE
from ..errors import InputError

# A document whose pages carry fewer characters than this on average has no text layer worth
# reading: a scan.
MIN_CHARS_PER_PAGE = 20
# More than this share of unmapped glyphs and the text cannot be read at all.
MAX_UNMAPPED_SHARE = 0.5
# A block is styled as a whole (a caption, an epigraph) when this share of it is italic or
# bold: that is the block's look, not emphasis within it.
WHOLE_BLOCK_STYLE = 0.8
# A block quote's lines start at one indent, within this many points (a line's position rounded).
QUOTE_X_TOLERANCE = 1.0
# Labels of a colophon ("About this edition"): label → metadata key.
COLOPHON_LABELS = {"title": "title", "author": "author", "authors": "author",
                   "publisher": "publisher", "published": "date", "date": "date",
                   "rights": "rights", "copyright": "rights", "identifier": "identifier",
                   "isbn": "identifier", "language": "lang"}
MIN_COLOPHON_LABELS = 3


def read_pdf(data: bytes, shown: str, name: str, file_meta: dict, max_pages: int | None = None) -> State:
    pdf = extract(data, shown, **({"max_pages": max_pages} if max_pages else {}))
    _refuse_unreadable(pdf, shown)
    m = layout.measure(pdf)
    pages = layout.assign_roles(pdf, m, str(file_meta.get("lang") or "") or None)
    state = State(path=shown, name=name, file_meta=file_meta)
    state.text, first_lines = _source_text(pdf, pages)
    state.pages = first_lines
    state.paged = True  # the pages are known, their edges already read by position
    state.diagnostics.locate = state.where
    _report_unmapped(pdf, state)
    state.links = _links(pdf, state)

    def at(line: Line) -> int:
        return first_lines[line.page - 1] + line.number - 1

    blocks: list[Block] = []
    previous_last: Line | None = None
    for roles in pages:
        for line in roles.furniture:
            cls = "page_numbers" if layout.is_page_number(line.text) else "running_heads"
            state.audit.remove(cls, at(line), line.text)
            if cls == "running_heads":
                state.running_heads.append(line.text)
        if roles.title_page:
            blocks += _title_blocks(roles.body, at, m)
            continue
        blocks += _title_blocks(roles.title_block, at, m)
        if _colophon(roles, state, at, last=roles is pages[-1]):
            continue
        page_blocks = _body_blocks(roles.body, m, at, pdf, previous_last)
        if page_blocks and roles.page.number > 1:
            page_blocks[0].page_break_before = True
            first = roles.body[0] if roles.body else None
            if previous_last is not None and first is not None and page_blocks[0].kind == "para":
                page_blocks[0].continues = _continues(previous_last, first, m)
        if roles.continued_note:
            _continue_note(blocks, roles.continued_note, at, state)
        page_blocks += [_note_block(note, at) for note in roles.notes]
        if not page_blocks and roles.page.number > 1:
            pass
        blocks += page_blocks
        body_lines = [line for line in roles.body]
        previous_last = body_lines[-1] if body_lines else previous_last
    if not blocks:
        raise InputError("no text left once page furniture is removed: nothing to publish", shown)
    state.blocks = blocks
    state.vocabulary = _vocabulary(state)
    return state


def _vocabulary(state: State):
    """The document's own words for deciding line-end hyphens, measured without the halves of
    the words cut at line ends (`frus-` / `trated` are no words of the document; PDFium marks
    every line-end hyphen alike, so only the vocabulary can tell `con-tinue` from `well-being`)."""
    from ..normalise.clean_characters import clean_characters
    from ..normalise.unwrap_lines import document_vocabulary, without_cut_halves

    kept = without_cut_halves(state.blocks)
    text = clean_characters(State(path=state.path, text="\n".join(kept))).text  # as the passes see it
    return document_vocabulary(State(path=state.path, blocks=[Block([text], 1, 1)]))


def _refuse_unreadable(pdf: PdfText, shown: str) -> None:
    chars = sum(page.chars for page in pdf.pages)
    unmapped = sum(page.unmapped for page in pdf.pages)
    if chars + unmapped < MIN_CHARS_PER_PAGE * len(pdf.pages) and unmapped <= chars:
        raise InputError("the PDF has no text layer (a scan or images of text?): OCR is not "
                         "supported", shown)
    if unmapped > MAX_UNMAPPED_SHARE * (chars + unmapped):
        worst = max(pdf.pages, key=lambda page: page.unmapped)
        raise InputError(f"{unmapped:,} of {chars + unmapped:,} glyphs have no usable Unicode mapping "
                         f"(private-use or unmapped font codes; {worst.unmapped:,} on page {worst.number}): "
                         "the text cannot be read", shown)


def _report_unmapped(pdf: PdfText, state: State) -> None:
    for page in pdf.pages:
        if page.unmapped:
            state.diagnostics.warning("pdf-unmapped-glyphs", state.pages[page.number - 1],
                                      f"{page.unmapped} glyph(s) without a Unicode mapping dropped "
                                      f"on page {page.number}")
        elif not page.chars and len(pdf.pages) > 1:
            state.diagnostics.notice("pdf-page-without-text", state.pages[page.number - 1],
                                     f"page {page.number} has no text (an image?): OCR is not supported")


def _source_text(pdf: PdfText, pages: list) -> tuple[str, list[int]]:
    """Every line as read, page after page (a form feed between pages), a note's marker written
    raised as in its block; the first text line of each page."""
    out: list[str] = []
    first_lines: list[int] = []
    for index, page in enumerate(pdf.pages):
        if index:
            out.append("\f")
        first_lines.append(len(out) + 1)
        starts = {id(note.lines[0]): note.marker for note in pages[index].notes}
        out.extend(_marked(line.text, starts[id(line)]) if id(line) in starts else line.text
                   for line in page.lines)
        if not page.lines:
            out.append("")
    return "\n".join(out) + "\n", first_lines


def _links(pdf: PdfText, state: State) -> list[str]:
    """State.links: each link annotation's URI by its index; one with a refused scheme is left
    out (its words stay text: their spans lose the link) and reported on the line it covers."""
    links = []
    seen: set[str] = set()
    for index, link in enumerate(pdf.links):
        if link.uri.casefold().startswith(SAFE_SCHEMES):
            links.append(link.uri)
            continue
        links.append("")
        if link.uri in seen:  # spans name the first link to a URI
            continue
        seen.add(link.uri)
        covered = [line for line in pdf.pages[link.page - 1].lines
                   if any(span.link == index for span in line.spans)]
        line = state.pages[link.page - 1] + (covered[0].number - 1 if covered else 0)
        words_ = " ".join(span.text for l in covered for span in l.spans if span.link == index).strip()
        state.diagnostics.warning("unsafe-url", line, f"link with a refused scheme ({link.uri[:60]}): "
                                  f"its text {words_[:40]!r} kept without it")
        for covered_line in covered:
            for span in covered_line.spans:
                if span.link == index:
                    span.link = None
    return links


# A word space set as the displacement closing a TJ array right before a font change (groff's
# gropdf writes `[(the) -369 ()] TJ`, then the italic font) is dropped by PDFium, which then draws
# the italic word against the last one: `the*Archiwum*`, `Łódź,*Akta*`. Text set in a new style
# straight after a word or a closing stop, bracket or quote, in the same size, opening on a letter
# (a capital after a small letter, so that `un*likely*` keeps its emphasis inside a word), had a
# space before it. A change of size is no word space: a word in small capitals (`A`, then `XES`
# smaller), a symbol's subscript (`id`, then `X`; `(Vi)`, then `i∈I`).
_CLOSING = ",.;:!?)]”\""


def _lost_space(before: str, first: str) -> bool:
    if not before or not first.isalpha():
        return False
    if before[-1].isalpha():
        return before[-1].islower() and first.isupper()
    return before[-1] in _CLOSING and len(before) > 1 and not before[-2].isspace()


def _inline(lines: list[Line], styled: bool) -> list[str]:
    """Each line's text with emphasis and link tokens; tokens closing one line and opening the
    next are one span (a link over a line end is one link)."""
    out: list[str] = []
    for line in lines:
        parts = []
        for index, span in enumerate(line.spans):
            text = span.text
            if (span.italic or span.bold) and not span.raised and parts \
                    and span.size == line.spans[index - 1].size and _lost_space(parts[-1], text[:1]):
                text = " " + text  # `the*Archiwum*`: see _lost_space
            if styled and text.strip() and not span.raised and (span.italic or span.bold):
                opener = (EMPH_OPEN if span.italic else "") + (STRONG_OPEN if span.bold else "")
                closer = (STRONG_CLOSE if span.bold else "") + (EMPH_CLOSE if span.italic else "")
                lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
                text = f"{lead}{opener}{core}{closer}{trail}"
            if span.link is not None and text.strip():
                lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()
                text = f"{lead}{link_open(span.link)}{core}{LINK_CLOSE}{trail}"
            parts.append(text)
        out.append(_merge_links("".join(parts).strip()))
    name = ""  # the token naming the link that closes the line, across lines merged
    for index in range(len(out) - 1):  # a link wrapped over a line end is one link
        opened = out[index].rfind(LINK_OPEN)
        name = out[index][opened:opened + 2] if opened >= 0 else name
        if out[index].endswith(LINK_CLOSE) and name and out[index + 1].startswith(name):
            out[index], out[index + 1] = out[index][:-1], out[index + 1][2:]
        else:
            name = ""
    for index in range(len(out) - 1):  # a span wrapped over a line end is one span
        for opener, closer in ((EMPH_OPEN, EMPH_CLOSE), (STRONG_OPEN, STRONG_CLOSE)):
            if out[index].endswith(closer) and out[index + 1].startswith(opener):
                out[index], out[index + 1] = out[index][:-1], out[index + 1][1:]
    return [re.sub(f"{EMPH_CLOSE}(\\s*){EMPH_OPEN}|{STRONG_CLOSE}(\\s*){STRONG_OPEN}",
                   lambda m_: m_.group(1) or m_.group(2) or "", line) for line in out]


# Two spans of one link side by side (a word in italics inside it) are one link: a close, then
# an open naming the link the close ended.
_SAME_LINK = re.compile(f"({LINK_OPEN}(.)[^{LINK_CLOSE}]*){LINK_CLOSE}(\\s*){LINK_OPEN}\\2", re.S)


def _merge_links(text: str) -> str:
    if LINK_OPEN not in text:
        return text
    merged = _SAME_LINK.sub(r"\1\3", text)
    while merged != text:
        text, merged = merged, _SAME_LINK.sub(r"\1\3", merged)
    return merged


def _styled_share(lines: list[Line]) -> float:
    total = styled = 0
    for line in lines:
        for span in line.spans:
            n = len(span.text.strip())
            total += n
            styled += n if (span.italic or span.bold) else 0
    return styled / total if total else 0.0


def _block(lines: list[Line], at, kind: str = "para", level: int = 0) -> Block:
    styled = kind == "para" and _styled_share(lines) < WHOLE_BLOCK_STYLE
    texts = _inline(lines, styled)
    block = Block(texts, at(lines[0]), at(lines[-1]), kind, level)
    block.pdf = PdfEvidence(lines[0].page, lines[0].number, lines[0].size,
                            bold=all(line.bold for line in lines))
    block.literal = True  # the text is what the page shows: no markup to read in it
    return block


def _body_blocks(lines: list[Line], m, at, pdf: PdfText, above: Line | None = None) -> list[Block]:
    """The page's body lines as blocks; `above` is the previous page's last body line."""
    groups: list[list[Line]] = []
    kinds: list[bool] = []  # heading or not
    rows, headers = layout.table_rows(lines)
    for line in lines:
        is_heading = id(line) not in rows | headers and (layout.is_heading_line(line, m)
                                                         or _outline_line(line, m, pdf))
        if groups and id(line) in headers and id(groups[-1][-1]) in headers:
            groups[-1].append(line)  # a table's header: its cells make one row
            continue
        if groups and not (is_heading != kinds[-1] or layout.starts_paragraph(groups[-1][-1], line, m)
                           or (is_heading and line.size != groups[-1][-1].size)
                           or id(line) in rows | headers or id(groups[-1][-1]) in rows | headers):
            groups[-1].append(line)
            continue
        groups.append([line])
        kinds.append(is_heading)
    quoted = _quotes(groups, kinds, m, above)
    blocks = [_make(group, heading, m, at, pdf) for group, heading in zip(groups, kinds)]
    for index in quoted:
        blocks[index].quote = True
    for index, group in enumerate(groups):
        if id(group[0]) in rows | headers:  # a table row, and what follows a table, continue nothing
            blocks[index].continues = False
            if index + 1 < len(blocks):
                blocks[index + 1].continues = False
    return blocks


def _outline_line(line: Line, m, pdf: PdfText) -> bool:
    """A bold line at the body's size that is, word for word, a title of the PDF's outline on
    its page or the next (`Limits were mostly appropriate, but some were far higher than use`):
    a heading, however near the column's edge it ends (the shortness `is_heading_line` asks of a
    bold line tells a heading from a bold run-in label where no outline says which it is)."""
    if not pdf.outline or not line.bold or m.bold_body:
        return False
    wanted = _normalised(line.text)
    return any(abs(page - line.page) <= 1 and _normalised_title(title) == wanted for _, title, page in pdf.outline)


@functools.lru_cache(maxsize=1 << 12)  # an outline's titles, asked again for each bold line
def _normalised_title(title: str) -> str:
    return _normalised(title)


def _quotes(groups: list[list[Line]], kinds: list[bool], m, above: Line | None) -> set[int]:
    """The indices of the groups that are block quotes; a quote's groups are one group again.

    A block quote is set apart from the body on a measure of its own: every line of it starts at
    one indent (within QUOTE_X_TOLERANCE) right of its column's left edge, after a paragraph
    whose last line (on the page before, for a page's first group: `above`), at the column's
    edge, ends with a colon (`…to his sister:`), and it holds
    at least MIN_QUOTE_LINES lines; the groups after it at that indent are the quote's too.
    `starts_paragraph` judges a line's end against the column's right edge, which a quote's
    justified lines never reach: a line of the quote that closes a sentence at the quote's own
    right edge (its longest line's end, within FULL_LINE) went on, and the group after it is
    the same paragraph; after a shorter line, the quote's next paragraph."""
    quoted: set[int] = set()
    index = 0 if above is not None else 1
    while index < len(groups):
        group = groups[index]
        intro = groups[index - 1][-1] if index else above
        x0 = group[0].x0
        if (kinds[index] or index and kinds[index - 1] or not _indented_alike(group, x0, m)
                or layout.is_indented(intro, m) or not INTRODUCES.search(intro.text.rstrip())):
            index += 1
            continue
        end = index + 1  # the quote's groups: index .. end - 1
        while end < len(groups) and not kinds[end] and _indented_alike(groups[end], x0, m):
            end += 1
        if sum(len(g) for g in groups[index:end]) < MIN_QUOTE_LINES:
            index += 1
            continue
        right = max(line.x1 for g in groups[index:end] for line in g)
        merged = [groups[index]]
        for g in groups[index + 1:end]:
            if merged[-1][-1].x1 >= right - FULL_LINE * m.body:
                merged[-1] = merged[-1] + g  # cut at a full line of the quote: one paragraph
            else:
                merged.append(g)  # after a short line: the quote's next paragraph
        groups[index:end] = merged
        kinds[index:end] = [False] * len(merged)
        quoted.update(range(index, index + len(merged)))
        index += len(merged)
    return quoted


def _indented_alike(group: list[Line], x0: float, m) -> bool:
    """Every line of the group starts at `x0`, right of its column's left edge."""
    return all(abs(line.x0 - x0) <= QUOTE_X_TOLERANCE and layout.is_indented(line, m)
               and not layout.starts_item(line.text) for line in group)


def _make(group: list[Line], heading: bool, m, at, pdf: PdfText) -> Block:
    text = " ".join(line.text.strip() for line in group)
    if heading and not _heading_text(text, group):
        heading = False
    if not heading:
        block = _block(group, at)
        block.one_paragraph = True  # its lines are one paragraph: geometry says so
        return block
    block = _block(group, at, "heading", _level(text, group[0], m, pdf))
    block.one_paragraph = True  # a heading wrapped over lines is one heading
    return block


# A heading set large or bold that closes a sentence has at most this many words (`Conclusions.`,
# `What the Survey Found.`); longer, it is a sentence set in a display type.
MAX_SENTENCE_HEADING_WORDS = 8
# A word in lower case opening the lines (not a lettered `a.`, `b)`): a paragraph's tail.
_LOWER_START = re.compile(r"[a-z\u00df-\u00ff][^\W\d_]")
_SENTENCE_CLOSE = re.compile(r"[.!;,][”’\"')\]]*$")


def _heading_text(text: str, group: list[Line]) -> bool:
    """Lines set large or bold read as a heading only if their text is a heading's: short, opening
    with no lower-case letter (the tail of a paragraph cut by a page), not a sentence of many
    words, not a form's answer (`N/A`, `None`): a form types its answers in a larger face than
    its labels, and a pull quote is set large."""
    words = text.split()
    return (len(text) <= MAX_HEADING_CHARS and len(group) <= MAX_HEADING_LINES
            and not _LOWER_START.match(text) and text.casefold() not in ANSWERS
            and not (_SENTENCE_CLOSE.search(text) and len(words) > MAX_SENTENCE_HEADING_WORDS))


# A section number opening a heading (`2.`, `2.2`, `2.2.1`): its depth is the heading's level.
_SECTION_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(?=[^\W\d_])")


def _level(text: str, line: Line, m, pdf: PdfText) -> int:
    """The outline's level for this title near this page; else the depth of its section
    number; else the rank of its size among the document's heading sizes."""
    wanted = _normalised(text)
    for level, title, page in pdf.outline:
        if abs(page - line.page) <= 1 and _normalised(title) == wanted:
            return level
    number = _SECTION_NUMBER.match(text.strip())
    if number:
        return min(number.group(1).count(".") + 1, 6)
    sizes = _heading_sizes(pdf, m)
    size = _size_step(line.size)
    if not sizes or size > sizes[0]:
        return 1  # the title page's sizes, above every heading's
    rank = sizes.index(size) + 1 if size in sizes else len(sizes) + 1
    return min(rank, 6)


def _size_step(size: float) -> float:
    """A size to the nearest half point: whole points would merge a 10.5 pt chapter heading with
    the 9.5 pt sections in bold below it."""
    return round(size * 2) / 2


def _heading_sizes(pdf: PdfText, m) -> list[float]:
    """The sizes the document's headings are set in, largest first. A size seen only on the
    first page and larger than every heading size after it is the title page's (the title, its
    subtitle), not a level of heading: ranked with them, it would put every chapter a level
    down."""
    pages_of: dict[float, set[int]] = {}
    body = _size_step(m.body)
    for page in pdf.pages:
        for line in page.lines:
            # Any size above the body's: troff sets its headings a point or two up (12 on 11).
            if layout.is_heading_line(line, m) and _size_step(line.size) > body:
                pages_of.setdefault(_size_step(line.size), set()).add(line.page)
    later = [size for size, pages in pages_of.items() if pages - {1}]
    if not later and len(pdf.pages) > 1:
        return []  # every size above the body is the title page's: headings are set at the body's
    return sorted((size for size in pages_of if not later or size <= max(later)), reverse=True)


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _continues(last: Line, first: Line, m) -> bool | None:
    """Does the page's first paragraph continue the previous page's last one? A sentence cut
    off and going on in lower case, or a full last line and a first line at the same indent, say
    yes; a list marker, a paragraph indent or a short last line closing a sentence say no."""
    if layout.starts_item(first.text):
        return False
    if not layout.ends_sentence(last) and first.text.lstrip()[:1].islower():
        return True
    if layout.is_indented(first, m) and first.x0 > last.x0 + layout.INDENT * m.body:
        return False
    if layout.closes_paragraph(last, first, m):
        return False
    if layout.is_full(last, m):
        return True
    return None  # no evidence either way: the text decides


def _marked(text: str, marker: str) -> str:
    """A note's first line with its marker raised (`1. Text` → `¹ Text`), as note calls are."""
    written = marker.translate(SUPERSCRIPT_DIGITS) if marker.isdigit() else marker
    return f"{written} {layout.strip_marker(text)}"


def _note_block(note, at) -> Block:
    block = _block(note.lines, at)
    block.lines[0] = _marked(block.lines[0], note.marker)
    block.one_paragraph = True
    block.pdf.note = note.marker
    return block


def _continue_note(blocks: list[Block], lines: list[Line], at, state: State) -> None:
    """A note cut at a page end goes on at the top of the next page's footnote area."""
    for block in reversed(blocks):
        if block.pdf is not None and block.pdf.note is not None:
            block.lines += _inline(lines, True)
            state.audit.change("footnote_continued", at(lines[0]), " ".join(l.text for l in lines),
                               f"joined to footnote {block.pdf.note} of line {block.start}")
            return
    block = _block(lines, at)  # no note to continue: the lines stay text
    blocks.append(block)


def _title_blocks(lines: list[Line], at, m) -> list[Block]:
    """Title-page lines grouped by size and by the gaps between paragraphs (an author, then the
    publisher); the title_page pass reads them by their sizes."""
    blocks: list[Block] = []
    group: list[Line] = []
    for line in lines:
        gap = line.baseline - group[-1].baseline if group else 0
        if group and (abs(line.size - group[-1].size) > 0.5 or
                      gap > layout.PARAGRAPH_GAP * m.leading * max(1.0, line.size / m.body)):
            blocks.append(_block(group, at, "para"))
            group = []
        group.append(line)
    if group:
        blocks.append(_block(group, at, "para"))
    for block in blocks:
        block.title_page = True
    return blocks


def _colophon(roles, state: State, at, last: bool = False) -> bool:
    """A page of bold labels each followed by its value ("Title" / "…", "Publisher" / "…"), with
    at least MIN_COLOPHON_LABELS metadata labels: the edition's colophon, read as metadata. On
    the document's last page the colophon may close the text (a short document's compact
    layout): the lines above it stay text, and only the colophon is read out of the page."""
    lines = roles.body
    labels = [i for i, line in enumerate(lines) if line.bold and line.text.strip().casefold() in COLOPHON_LABELS]
    if len(labels) < MIN_COLOPHON_LABELS or roles.notes:
        return False
    first = labels[0]
    start = first - 1 if first >= 1 and lines[first - 1].size > lines[first].size else first
    if start > 1 and not (last and _closes_page(lines, labels)):
        return False
    closing = start > 1  # the page's text above stays body
    if closing:
        roles.body = lines[:start]
        lines = lines[start:]
        start = 0
    pairs: list[tuple[str, list[Line]]] = []
    for line in lines[start + (1 if start < labels[0] else 0):]:
        if line.bold:
            pairs.append((line.text.strip(), []))
        elif pairs:
            pairs[-1][1].append(line)
        else:
            return False
    for label, values in pairs:
        value = " ".join(v.text.strip() for v in values)
        key = COLOPHON_LABELS.get(label.casefold())
        if key and value and key not in state.meta:
            state.meta[key] = value
    for line in lines:
        if line.bold or not COLOPHON_LABELS.get(_label_of(line, pairs) or ""):
            state.audit.remove("colophon", at(line), line.text)
        else:
            state.audit.change("colophon", at(line), line.text, "moved to metadata")
            state.audit.moved_words.update(words(line.text))
    return not closing


def _closes_page(lines: list[Line], labels: list[int]) -> bool:
    """From the first label to the page's end, each bold label is followed by its value: no two
    bold lines in a row, and the page ends on a value."""
    tail = lines[labels[0]:]
    return not tail[-1].bold and not any(a.bold and b.bold for a, b in zip(tail, tail[1:]))


def _label_of(line: Line, pairs) -> str | None:
    for label, values in pairs:
        if any(v is line for v in values):
            return label.casefold()
    return None
