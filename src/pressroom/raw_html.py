"""Raw HTML in a Markdown source, made Pandoc AST nodes or dropped with a diagnostic, never glued.

Pandoc's Markdown reader keeps HTML tags as RawBlock/RawInline pieces around the Markdown it reads
between them (`<table>`, `<tr>`, `<td>`, Plain "cell A", `</td>`…). Each run of pieces that
balances its tags is put back together, the Markdown between them standing in as placeholders,
parsed with lxml's HTML parser (never with patterns), and converted: a table stays a table (rows,
header cells, caption), paragraphs, lists, quotations, rules, line breaks and inline styles keep
their meaning, links go through the same safety check as Markdown links when rendered; an
element that is not text (script, style, frame, form, embedded object, image) is removed, and
named in `dropped` with the raw text it came from. Other tags are unwrapped: their text stays.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

Node = dict[str, Any]
NO_ATTR = ["", [], []]
PLACEHOLDER = "pressroom-piece"
# A cell spans at most this many columns or rows (a larger or unreadable span counts as one).
MAX_SPAN = 1000
DROP = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
                  "math", "head", "title", "link", "meta", "img", "video", "audio", "source",
                  "form", "input", "button", "select", "textarea", "base", "frame", "frameset",
                  "canvas", "picture", "map", "area", "dialog"})
INLINE = {"b": "Strong", "strong": "Strong", "i": "Emph", "em": "Emph", "cite": "Emph",
          "var": "Emph", "dfn": "Emph", "sub": "Subscript", "sup": "Superscript",
          "s": "Strikeout", "del": "Strikeout", "strike": "Strikeout", "u": "Underline",
          "ins": "Underline"}
# Unwrapped inline elements whose text runs on with the words around it.
PHRASING = frozenset({"span", "a", "small", "big", "font", "abbr", "mark", "q", "kbd", "samp",
                      "time", "bdi", "bdo", "label", "tt", "nobr"})
# Pieces read between tags that may stand inside a paragraph (blocks of text, or inlines).
INLINE_PIECES = frozenset({"Plain", "Para", "Str", "Space", "SoftBreak", "LineBreak", "Emph",
                           "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps",
                           "Underline", "Quoted", "Cite", "Code", "Math", "Link", "Image",
                           "Note", "Span", "RawInline"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base",
                  "embed", "source", "param", "track"})


class _Depth(HTMLParser):
    """How deep a piece leaves the open elements (start tags minus end tags, void ones aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.depth -= 1


def _depth(raw: str) -> int:
    parser = _Depth()
    parser.feed(raw)
    parser.close()
    return parser.depth


def _is_raw(node: Any, kind: str) -> bool:
    return isinstance(node, dict) and node.get("t") == kind and \
        str(node["c"][0]).lower() == "html"


def convert(nodes: Any, dropped: list[tuple[str, str]]) -> None:
    """Convert raw HTML everywhere below `nodes` (the AST, changed in place)."""
    if isinstance(nodes, dict):
        for value in nodes.values():
            convert(value, dropped)
        return
    if not isinstance(nodes, list):
        return
    for item in nodes:
        convert(item, dropped)
    other = [n for n in nodes if isinstance(n, dict) and n.get("t") in ("RawBlock", "RawInline")
             and str(n["c"][0]).lower() != "html"]
    if other:  # raw LaTeX and the like: no edition can show it
        for node in other:
            dropped.append((node["c"][1], f"removed raw {node['c'][0]} (only raw HTML is read)"))
        nodes[:] = [n for n in nodes if not any(n is o for o in other)]
    if any(_is_raw(n, "RawBlock") for n in nodes):
        nodes[:] = _runs(nodes, "RawBlock", dropped)
    if any(_is_raw(n, "RawInline") for n in nodes):
        converted = _runs(nodes, "RawInline", dropped)
        # An element removed between two spaces leaves one.
        nodes[:] = [n for i, n in enumerate(converted)
                    if not (n.get("t") == "Space" and i and converted[i - 1].get("t") == "Space")]
    # A paragraph that held only tags (a lone <span> around a list) is left empty: removed.
    if any(isinstance(n, dict) and n.get("t") in ("Para", "Plain") and n.get("c") == []
           for n in nodes):
        nodes[:] = [n for n in nodes if not (isinstance(n, dict) and
                                             n.get("t") in ("Para", "Plain") and n.get("c") == [])]


def _runs(nodes: list, kind: str, dropped: list[tuple[str, str]]) -> list:
    """The list with each balanced run of raw pieces (and what lies between) converted."""
    out: list = []
    index = 0
    while index < len(nodes):
        if not _is_raw(nodes[index], kind):
            out.append(nodes[index])
            index += 1
            continue
        run, depth = [], 0
        while index < len(nodes):
            node = nodes[index]
            run.append(node)
            index += 1
            if _is_raw(node, kind):
                depth += _depth(node["c"][1])
            if depth <= 0:
                break
        out.extend(_convert_run(run, kind, dropped))
    return out


def _convert_run(run: list, kind: str, dropped: list[tuple[str, str]]) -> list:
    import lxml.html

    html, pieces = [], []
    for node in run:
        if _is_raw(node, kind):
            html.append(node["c"][1])
        else:
            html.append(f'<{PLACEHOLDER} n="{len(pieces)}"></{PLACEHOLDER}>')
            pieces.append(node)
    source = "".join(html)
    parser = lxml.html.HTMLParser(huge_tree=True)
    root = lxml.html.fragment_fromstring(source, create_parent="div", parser=parser)
    converter = _Converter(pieces, dropped)
    return converter.blocks(root) if kind == "RawBlock" else converter.inlines(root)


def _text_inlines(text: str | None) -> list[Node]:
    out: list[Node] = []
    for part in re.split(r"(\s+)", text or ""):
        if part.isspace():
            out.append({"t": "SoftBreak" if "\n" in part else "Space"})
        elif part:
            out.append({"t": "Str", "c": part})
    return out


def _squash(inlines: list[Node]) -> list[Node]:
    """No two spaces in a row, none at either end of the run."""
    out: list[Node] = []
    for node in inlines:
        spacing = node["t"] in ("Space", "SoftBreak")
        if spacing and (not out or out[-1]["t"] in ("Space", "SoftBreak")):
            continue
        out.append(node)
    while out and out[-1]["t"] in ("Space", "SoftBreak"):
        out.pop()
    return out


class _Converter:
    def __init__(self, pieces: list, dropped: list[tuple[str, str]]):
        self.pieces = pieces
        self.dropped = dropped

    def _tag(self, element) -> str:
        return element.tag.lower() if isinstance(element.tag, str) else ""

    def _drop(self, tag: str) -> None:
        # Found again in the Markdown by its opening tag (pandoc rewrites the attributes).
        self.dropped.append((f"<{tag}", f"removed raw HTML <{tag}> element (not text)"))

    # inline content ---------------------------------------------------------------------

    def inlines(self, element) -> list[Node]:
        out = _text_inlines(element.text)
        for child in element:
            out.extend(self._inline(child, self._tag(child)))
            out.extend(_text_inlines(child.tail))
        return _squash(out)

    def _inline(self, child, tag: str) -> list[Node]:
        """One element as inlines (its tail is the caller's)."""
        if tag == PLACEHOLDER:
            piece = self.pieces[int(child.get("n"))]
            return piece["c"] if piece["t"] in ("Plain", "Para") else [piece]
        if not tag:
            return []  # a comment or processing instruction
        if tag in DROP:
            self._drop(tag)
            return []
        if tag == "br":
            return [{"t": "LineBreak"}]
        if tag in INLINE:
            return [{"t": INLINE[tag], "c": self.inlines(child)}]
        if tag == "code":
            return [{"t": "Code", "c": [NO_ATTR, child.text_content()]}]
        if tag == "a" and child.get("href"):
            return [{"t": "Link", "c": [NO_ATTR, self.inlines(child),
                                        [child.get("href"), child.get("title") or ""]]}]
        content = self.inlines(child)  # unwrapped
        if tag in PHRASING or not content:
            return content
        return [{"t": "Space"}, *content, {"t": "Space"}]  # a block between words parts them

    # block content ----------------------------------------------------------------------

    def blocks(self, element) -> list[Node]:
        out: list[Node] = []
        run: list[Node] = []

        def flush() -> None:
            inlines = _squash(run)
            if inlines:
                out.append({"t": "Plain", "c": inlines})
            run.clear()

        run.extend(_text_inlines(element.text))
        for child in element:
            tag = self._tag(child)
            block = self._block(child, tag)
            if block is not None:
                flush()
                out.extend(block)
            elif tag == PLACEHOLDER:
                piece = self.pieces[int(child.get("n"))]
                flush()
                out.append(piece)
            elif tag in DROP:
                self._drop(tag)
            elif tag:
                run.extend(self._inline(child, tag))
            if child.tail:
                run.extend(_text_inlines(child.tail))
        flush()
        return out

    def _holds_blocks(self, element) -> bool:
        """Markdown blocks other than paragraphs read between the element's tags (a list inside
        a <span>): the element is then read as blocks, or they would be lost."""
        return any(self.pieces[int(p.get("n"))]["t"] not in INLINE_PIECES
                   for p in element.iter(PLACEHOLDER))

    def _block(self, element, tag: str) -> list[Node] | None:
        if tag in DROP or tag == PLACEHOLDER or not tag:
            return None
        if self._holds_blocks(element) and tag not in ("table", "ul", "ol", "blockquote"):
            return self.blocks(element)
        if tag == "table":
            return [self.table(element)]
        if tag == "p":
            inlines = self.inlines(element)
            return [{"t": "Para", "c": inlines}] if inlines else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            # A heading written in HTML is not one of the document's headings (it would change
            # the contents list silently): its text is kept as a strong paragraph.
            return [{"t": "Para", "c": [{"t": "Strong", "c": self.inlines(element)}]}]
        if tag == "blockquote":
            return [{"t": "BlockQuote", "c": self.blocks(element)}]
        if tag in ("ul", "ol"):
            items = [self.blocks(li) for li in element if self._tag(li) == "li"]
            if tag == "ul":
                return [{"t": "BulletList", "c": items}]
            start = element.get("start", "1")
            number = int(start) if start.isdigit() else 1
            return [{"t": "OrderedList", "c": [[number, {"t": "Decimal"}, {"t": "Period"}], items]}]
        if tag == "hr":
            return [{"t": "HorizontalRule"}]
        if tag == "pre":
            return [{"t": "CodeBlock", "c": [NO_ATTR, element.text_content()]}]
        if tag in ("div", "section", "article", "header", "footer", "main", "aside", "center",
                   "figure", "nav", "address", "details", "dl", "dd", "dt", "li", "tbody",
                   "thead", "tfoot", "tr", "td", "th", "caption", "figcaption", "summary"):
            return self.blocks(element)
        return None

    def table(self, element) -> Node:
        caption: list[Node] = []
        head_rows, body_rows, foot_rows = [], [], []
        for part in element:
            tag = self._tag(part)
            if tag == "caption":
                caption = self.blocks(part)
            elif tag in ("thead", "tbody", "tfoot"):
                target = {"thead": head_rows, "tbody": body_rows, "tfoot": foot_rows}[tag]
                target.extend(self._row(tr) for tr in part if self._tag(tr) == "tr")
            elif tag == "tr":
                body_rows.append(self._row(part))
        # A first body row of header cells only is the header (tables written without <thead>).
        if not head_rows and body_rows and all(c[0] for c in body_rows[0]):
            head_rows.append(body_rows.pop(0))
        columns = max((sum(span for _, span, _, _ in row) for row in
                       head_rows + body_rows + foot_rows), default=1)

        def rows(found):
            return [[NO_ATTR, [[NO_ATTR, {"t": "AlignDefault"}, row_span, span, blocks]
                               for _, span, blocks, row_span in row]] for row in found]

        specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(columns)]
        return {"t": "Table", "c": [NO_ATTR, [None, caption], specs, [NO_ATTR, rows(head_rows)],
                                    [[NO_ATTR, 0, [], rows(body_rows)]],
                                    [NO_ATTR, rows(foot_rows)]]}

    def _row(self, tr) -> list[tuple[bool, int, list[Node], int]]:
        """Each cell: (header?, columns spanned, blocks, rows spanned)."""
        def spanned(cell, attribute: str) -> int:
            value = cell.get(attribute, "1")
            return int(value) if value.isdigit() and 0 < int(value) < MAX_SPAN else 1

        return [(self._tag(cell) == "th", spanned(cell, "colspan"), self.blocks(cell),
                 spanned(cell, "rowspan")) for cell in tr if self._tag(cell) in ("td", "th")]
