"""TeX math (`$…$`, `$$…$$`) → MathML for the HTML and EPUB editions, → SVG for the PDF.

latex2mathml turns the TeX into a MathML tree; the tree is written out through `el()` (every
name checked, every text escaped; `href` attributes are dropped: a formula links nowhere).
WeasyPrint does not lay out MathML, so the PDF draws the same tree with ziamath (pure Python, its
own STIX Two Math outlines: no system font involved, the same bytes on every machine) as an SVG
image. Every edition keeps the TeX as the text alternative. A formula the converter cannot read is
shown as its TeX, in code type, with a warning.
"""

from __future__ import annotations

import base64
import functools
import html
import xml.etree.ElementTree as ET

from markupsafe import Markup

from .markup import el

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# ziamath's size is that of the type it sets, in SVG user units; the image is then scaled in em,
# so the formula follows the size of the text around it (body or footnote).
SVG_SIZE = 12.0
# A formula links nowhere; the namespace is written by mathml(), not carried as an attribute.
DROPPED_ATTRIBUTES = frozenset({"href", "xlink:href", "xmlns"})


class MathError(ValueError):
    """TeX the converter could not read."""


@functools.lru_cache(maxsize=4096)
def mathml_tree(tex: str, display: bool) -> ET.Element:
    from latex2mathml.converter import convert_to_element

    try:
        root = convert_to_element(tex, display="block" if display else "inline")
    except Exception as exc:  # noqa: BLE001 - latex2mathml's errors share no base class
        raise MathError(f"cannot read the formula ${tex[:60]}$: {type(exc).__name__} {exc}") from exc
    for node in root.iter():
        # Plain MathML names (ziamath reads no namespaces; the writer adds xmlns to <math>), and
        # the character references latex2mathml leaves in its texts (&#x0222B;) as characters.
        node.tag = _local(node.tag)
        node.text = html.unescape(node.text) if node.text else node.text
        node.tail = html.unescape(node.tail) if node.tail else node.tail
        for name in [n for n in node.attrib if n in DROPPED_ATTRIBUTES]:
            del node.attrib[name]
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _write(node: ET.Element) -> Markup:
    children = [_write(child) for child in node]
    attrs = {name: value for name, value in node.attrib.items()}
    inner = [node.text or "", *(x for child, out in zip(node, children)
                                for x in (out, child.tail or ""))]
    return el(_local(node.tag), attrs, *inner)


def mathml(tex: str, display: bool) -> Markup:
    """A `<math>` element with the TeX as its alternative text (alttext)."""
    root = mathml_tree(tex, display)
    attrs = {"xmlns": MATHML_NS, "display": "block" if display else "inline", "alttext": tex}
    inner = [root.text or ""] + [x for child in root for x in (_write(child), child.tail or "")]
    return el("math", attrs, *inner)


@functools.lru_cache(maxsize=4096)
def svg(tex: str, display: bool) -> tuple[bytes, float, float, float]:
    """(SVG bytes, width, height, depth below the baseline), the sizes in em of the text."""
    import ziamath

    root = mathml_tree(tex, display)
    try:
        data = ziamath.Math(root, size=SVG_SIZE).svg().encode("utf-8")
    except Exception as exc:  # noqa: BLE001 - ziamath's errors share no base class
        raise MathError(f"cannot draw the formula ${tex[:60]}$: {type(exc).__name__} {exc}") from exc
    # The viewBox is in the units of the type size, the baseline at y = 0.
    left, top, width, height = (float(v) for v in ET.fromstring(data).get("viewBox").split())
    depth = top + height
    return data, width / SVG_SIZE, height / SVG_SIZE, depth / SVG_SIZE


def svg_image(tex: str, display: bool) -> Markup:
    """An `<img>` of the formula, sized in em and sitting on the baseline, alt = the TeX."""
    data, width, height, depth = svg(tex, display)
    uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    return el("img", {"class": "math-svg", "src": uri, "alt": tex,
                      "style": f"width: {width:.3f}em; height: {height:.3f}em; "
                               f"vertical-align: {-depth:.3f}em"})
