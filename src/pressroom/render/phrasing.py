"""Block markup made phrasing content, for a note that sits inside a sentence (the PDF's footnote
float, the web page's sidenote): HTML allows no `<p>`, `<pre>`, list or table inside a `<p>`, and
an HTML parser would close the paragraph at the first one.

Each block element becomes a `span` of class `nb-TAG` (the stylesheet shows it as a block, a list
item, a table row…) with the ARIA role of the element it stands for, so that a list is still
announced as a list. The markup is parsed (it is our own well-formed output), never pattern-matched.
"""

from __future__ import annotations

import re

from lxml import etree
from markupsafe import Markup

from .markup import el, text

EPUB_NS = "http://www.idpf.org/2007/ops"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Block element → the role its span takes (None: a generic block).
ROLES = {
    "p": None, "pre": None, "blockquote": None, "div": None, "aside": None, "section": None,
    "figcaption": None, "caption": None, "dl": None,
    "ul": "list", "ol": "list", "li": "listitem", "dt": "term", "dd": "definition",
    "figure": "figure", "table": "table", "thead": "rowgroup", "tbody": "rowgroup",
    "tfoot": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell", "hr": "separator",
    **{f"h{n}": "heading" for n in range(1, 7)},
}
DROPPED = frozenset({"colgroup", "col"})  # widths only: meaningless in a note's few lines
# Attributes a span keeps (the others belong to the block element: start, type, colspan…).
KEPT = frozenset({"id", "class", "lang", "dir", "title"})


def phrasing(markup: Markup) -> Markup:
    """The same content with every block element turned into a span."""
    if not markup:
        return markup
    root = etree.fromstring(f'<r xmlns:epub="{EPUB_NS}">{markup}</r>',
                            etree.XMLParser(resolve_entities=False, no_network=True))
    return Markup(_text(root.text) + "".join(_node(child) for child in root))


def _text(value: str | None) -> str:
    return str(text(value or ""))


def _name(qualified: str) -> str:
    q = etree.QName(qualified)
    if q.namespace == EPUB_NS:
        return f"epub:{q.localname}"
    if q.namespace == XML_NS:
        return f"xml:{q.localname}"
    return q.localname


def _node(node) -> str:
    tag = etree.QName(node).localname
    tail = _text(node.tail)
    if tag in DROPPED:
        return tail
    children = Markup(_text(node.text) + "".join(_node(child) for child in node))
    attrs = {_name(k): v for k, v in node.attrib.items()}
    if etree.QName(node).namespace == MATHML_NS and tag == "math":
        attrs = {"xmlns": MATHML_NS, **attrs}
    if tag in ROLES:
        classes = " ".join(filter(None, [f"nb-{tag}", attrs.get("class")]))
        kept = {k: v for k, v in attrs.items() if k in KEPT}
        role = ROLES[tag]
        extra = {"aria-level": tag[1]} if role == "heading" else {}
        return str(el("span", {**kept, "class": classes, "role": role, **extra}, children)) + tail
    return str(el(tag, attrs, children) if children else el(tag, attrs)) + tail


_LOWER = re.compile(r"([^\W\d_A-Z]+)")  # runs of letters with no capital


def small_caps(markup: Markup) -> Markup:
    """Small capitals drawn by hand, for a face without the `smcp` feature (WeasyPrint does not
    synthesise them): each run of lower-case letters as capitals in a `span.sc`, set smaller by
    the stylesheet; the capitals of the text stay full size."""
    root = etree.fromstring(f'<r xmlns:epub="{EPUB_NS}">{markup}</r>',
                            etree.XMLParser(resolve_entities=False, no_network=True))

    def runs(value: str | None) -> str:
        return "".join(str(el("span", {"class": "sc"}, part.upper())) if _LOWER.fullmatch(part)
                       and part != part.upper() else str(text(part))
                       for part in _LOWER.split(value or "") if part)

    def node(element) -> str:
        tag = etree.QName(element).localname
        inner = Markup(runs(element.text) + "".join(node(child) + runs(child.tail)
                                                    for child in element))
        attrs = {_name(k): v for k, v in element.attrib.items()}
        return str(el(tag, attrs, inner) if inner else el(tag, attrs))

    return Markup(runs(root.text) + "".join(node(child) + runs(child.tail) for child in root))
