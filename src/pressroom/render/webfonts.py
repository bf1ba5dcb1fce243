"""The web edition's fonts: each face the page can use, subset to the page's characters and
compressed as WOFF2 (fontTools), inlined as data: URIs; faces the page cannot use are left out.

The shipped TrueType files stay the one source (the PDF and the EPUB embed them); the subsets keep
every OpenType layout feature, so ligatures, kerning and small caps still work.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from pathlib import Path

from lxml import html as lxml_html

from ..errors import RenderError
from .templating import find_template

_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_URL = re.compile(r'url\("\.\./fonts/([\w.-]+\.ttf)"\)\s*format\("truetype"\)')
_STYLE = re.compile(r"font-style:\s*(\w+)")
_WEIGHT = re.compile(r"font-weight:\s*(\d+)")
# Elements the stylesheets set in bold or in italic; a bold italic face is needed only where one
# sits inside the other (an emphasis in a heading, a strong word in a caption).
BOLD = "h1|h2|h3|h4|h5|h6|strong|b|dt"
ITALIC = "em|i"
BOLD_CLASSES = ("dateline",)
ITALIC_CLASSES = ("book-subtitle", "caption")


def _xpath_any(tags: str, classes: tuple[str, ...]) -> str:
    parts = [f"self::{t}" for t in tags.split("|")]
    parts += [f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in classes]
    return " or ".join(parts)


def faces_used(page_html: str) -> set[tuple[str, int]]:
    """(font-style, font-weight) pairs the page can show."""
    root = lxml_html.document_fromstring(page_html)
    bold, italic = _xpath_any(BOLD, BOLD_CLASSES), _xpath_any(ITALIC, ITALIC_CLASSES)
    faces = {("normal", 400), ("normal", 700), ("italic", 400)}
    if root.xpath(f"//*[{bold}]//*[{italic}] | //*[{italic}]//*[{bold}]"):
        faces.add(("italic", 700))
    return faces


def page_characters(page_html: str) -> str:
    """Every character of the page's text (what the fonts must draw), sorted."""
    root = lxml_html.document_fromstring(page_html)
    body = root.find("body")
    text = "".join(body.itertext()) if body is not None else ""
    return "".join(sorted(set(text + " \u00a0") - {"\n", "\r", "\t"}))


def subset_bytes(font: Path, characters: str, *, flavor: str | None = None, number: int = 0) -> bytes:
    """The font cut down to `characters`, every OpenType feature, name and the .notdef outline
    kept (kerning, ligatures, small caps, old-style figures, Arabic joining forms); `number`
    picks a face of a collection, `flavor` "woff2" compresses. Same input, same bytes."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = flavor
    options.font_number = number
    options.layout_features = ["*"]
    options.name_IDs = ["*"]             # the licence and the font's names stay
    options.notdef_outline = True
    options.recalc_timestamp = False     # the same input gives the same bytes
    try:
        font_file = subset.load_font(str(font), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font_file)
        out = io.BytesIO()
        subset.save_font(font_file, out, options)
    except Exception as exc:  # fontTools raises many kinds; each means an unusable font file
        raise RenderError(f"cannot subset the font {font.name}: {exc}") from exc
    return out.getvalue()


@functools.lru_cache(maxsize=16)
def woff2_subset(font: Path, characters: str) -> bytes:
    return subset_bytes(font, characters, flavor="woff2")


def inline_web_fonts(css: str, page_html: str) -> str:
    """The stylesheet with each @font-face the page uses pointing at an inlined WOFF2 subset,
    and the others removed."""
    faces = faces_used(page_html)
    characters = page_characters(page_html)

    def face(match: re.Match) -> str:
        rule = match.group(0)
        style = _STYLE.search(rule)
        weight = _WEIGHT.search(rule)
        key = (style.group(1) if style else "normal", int(weight.group(1)) if weight else 400)
        if key not in faces:
            return ""
        def data_uri(url: re.Match) -> str:
            data = woff2_subset(find_template(f"fonts/{url.group(1)}"), characters)
            return (f'url("data:font/woff2;base64,{base64.b64encode(data).decode("ascii")}")'
                    ' format("woff2")')
        return _URL.sub(data_uri, rule)

    return _FACE.sub(face, css)
