"""The DOCX reference document, made from the shared typography: pandoc's own reference.docx with
its styles (fonts, sizes, colours, line spacing, headings, footnotes) set from the stylesheets
the print edition uses, so Word shows the same book as the PDF.

The stylesheets are read with tinycss2; only plain rules count (`html`, `h2`, `.footnote`…),
custom properties are resolved, and lengths are taken in points (em against the body size).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES = "word/styles.xml"
DEFAULT_BODY_PT = 12.0     # CSS's medium, when no stylesheet sets the root size
POINTS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0}
# Markdown level-1 headings are h2 in every edition (h1 is the book's title), so Word's
# Heading 1, 2, 3 take the sizes of h2, h3, h4.
HEADING_SELECTORS = ("h2", "h3", "h4")
# Where a child element goes inside w:rPr and w:pPr (the schema fixes the order; Word refuses
# a file that breaks it).
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
             "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
             "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang")
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
             "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
             "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
             "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
             "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr")


@dataclass(frozen=True)
class Typography:
    family: str
    body_pt: float
    line_height: float          # a multiple of the font size
    ink: str                    # RRGGBB
    headings_pt: tuple[float, ...]
    title_pt: float
    subtitle_pt: float
    note_pt: float
    note_line_height: float


def css_rules(paths: list[Path]) -> dict[str, dict[str, str]]:
    """selector → property → value over the stylesheets in cascade order (later wins)."""
    import tinycss2

    rules: dict[str, dict[str, str]] = {}
    for path in paths:
        sheet = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True,
                                          skip_whitespace=True)
        for rule in sheet:
            if rule.type != "qualified-rule":
                continue  # @page, @font-face, @media: not typography a Word style can hold
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            for declaration in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                               skip_whitespace=True):
                if declaration.type != "declaration":
                    continue
                value = tinycss2.serialize(declaration.value).strip()
                for selector in selectors:
                    rules.setdefault(selector, {})[declaration.lower_name] = value
    return rules


def typography(paths: list[Path]) -> Typography:
    rules = css_rules(paths)
    variables = {k: v for props in rules.values() for k, v in props.items() if k.startswith("--")}

    def value(selector: str, prop: str) -> str | None:
        raw = rules.get(selector, {}).get(prop)
        if raw is None:
            return None
        return re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), ""), raw)

    def points(raw: str | None, em: float) -> float | None:
        match = re.fullmatch(r"([\d.]+)(pt|px|in|cm|mm|pc|em|rem|%)", raw or "")
        if not match:
            return None
        number, unit = float(match.group(1)), match.group(2)
        if unit in ("em", "rem"):
            return number * em
        return number * em / 100 if unit == "%" else number * POINTS[unit]

    body = points(value("html", "font-size"), DEFAULT_BODY_PT) or DEFAULT_BODY_PT
    family = (value("html", "font-family") or "serif").split(",")[0].strip().strip("\"'")
    ink = (value(":root", "--ink") or value("html", "color") or "#000000").lstrip("#")
    if len(ink) == 3:
        ink = "".join(c * 2 for c in ink)
    note = points(value(".footnote", "font-size"), body) or body * 0.85
    return Typography(
        family=family, body_pt=body, line_height=_number(value("html", "line-height"), 1.2),
        ink=ink.upper(),
        headings_pt=tuple(points(value(s, "font-size"), body) or body for s in HEADING_SELECTORS),
        title_pt=points(value(".book-title", "font-size"), body) or body * 2,
        subtitle_pt=points(value(".book-subtitle", "font-size"), body) or body * 1.3,
        note_pt=note, note_line_height=_number(value(".footnote", "line-height"), 1.2))


def _number(raw: str | None, default: float) -> float:
    return float(raw) if raw and re.fullmatch(r"[\d.]+", raw) else default


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _child(parent, tag: str, order: tuple[str, ...]):
    """parent's w:tag, created in its schema position when missing."""
    found = parent.find(_w(tag))
    if found is not None:
        return found
    element = etree.Element(_w(tag))
    rank = order.index(tag)
    for index, existing in enumerate(parent):
        name = etree.QName(existing).localname
        if name in order and order.index(name) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _set(element, **attributes: str) -> None:
    for key in list(element.attrib):
        del element.attrib[key]
    for key, value in attributes.items():
        element.set(_w(key), value)


def _run(rpr, typo: Typography, size: float | None = None, bold: bool | None = None,
         italic: bool | None = None, colour: bool = True) -> None:
    _set(_child(rpr, "rFonts", RPR_ORDER), ascii=typo.family, hAnsi=typo.family, cs=typo.family,
         eastAsiaTheme="minorEastAsia")
    for tag, on in (("b", bold), ("i", italic)):
        if on is not None:
            _set(_child(rpr, tag, RPR_ORDER), val="1" if on else "0")
    if colour:
        _set(_child(rpr, "color", RPR_ORDER), val=typo.ink)
    if size is not None:
        half_points = str(round(size * 2))
        _set(_child(rpr, "sz", RPR_ORDER), val=half_points)
        _set(_child(rpr, "szCs", RPR_ORDER), val=half_points)


def _line(ppr, line_height: float) -> None:
    spacing = _child(ppr, "spacing", PPR_ORDER)
    spacing.set(_w("line"), str(round(240 * line_height)))  # 240 = single spacing
    spacing.set(_w("lineRule"), "auto")


def styled(styles_xml: bytes, typo: Typography) -> bytes:
    """pandoc's styles.xml with the typography applied."""
    root = etree.fromstring(styles_xml)
    by_id = {s.get(_w("styleId")): s for s in root.iter(_w("style"))}

    def props(style_id: str, tag: str):
        style = by_id[style_id]
        found = style.find(_w(tag))
        if found is None:
            found = etree.SubElement(style, _w(tag))
        return found

    defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    _run(defaults, typo, size=typo.body_pt, colour=True)
    _line(props("Normal", "pPr"), typo.line_height)
    for level, size in enumerate(typo.headings_pt, start=1):
        for style_id in (f"Heading{level}", f"Heading{level}Char"):
            _run(props(style_id, "rPr"), typo, size=size, bold=True)
    for level in range(len(typo.headings_pt) + 1, 10):
        for style_id in (f"Heading{level}", f"Heading{level}Char"):
            _run(props(style_id, "rPr"), typo, size=typo.body_pt, bold=True)
    for style_id in ("Title", "TitleChar"):
        _run(props(style_id, "rPr"), typo, size=typo.title_pt, bold=True)
    for style_id in ("Subtitle", "SubtitleChar"):
        _run(props(style_id, "rPr"), typo, size=typo.subtitle_pt, italic=True)
    for style_id in ("TOCHeading", "Author", "Date"):
        _run(props(style_id, "rPr"), typo)
    _run(props("FootnoteText", "rPr"), typo, size=typo.note_pt)
    _line(props("FootnoteText", "pPr"), typo.note_line_height)
    _run(props("Hyperlink", "rPr"), typo)  # links in the text's own colour, as in the editions
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@functools.cache
def _pandoc_reference() -> bytes:
    from ..markdown import pandoc_output

    return pandoc_output(["--print-default-data-file", "reference.docx"])


def reference_docx(stylesheets: list[Path]) -> bytes:
    """A reference.docx for pandoc: its default one, restyled from these stylesheets."""
    typo = typography(stylesheets)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_pandoc_reference())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, styled(data, typo) if info.filename == STYLES else data)
    return out.getvalue()
