"""Chunks of the print HTML: slices of the body cut where the stylesheets force a new page, each
one a document of its own that WeasyPrint lays out apart (render/pdf_parallel.py), and the test
that tells whether the stylesheets allow it at all.

A chunk starts on a fresh page, so its layout depends on what came before only through what the
page carries: the page number (in the folio), the named strings (the running heads) and, in the
contents, the page numbers of other chunks' anchors. Those are given to it after the earlier
chunks are laid out (render/pdf_layout.py). A stylesheet that makes a page depend on anything
else (its parity, its index, a counter, the page total, a running element) is refused here, and
the document is laid out in one pass.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import tinycss2

# The page-break values that split a document exactly. left/right/recto/verso insert a blank page
# that depends on the parity of the page before, so they do not split.
SPLITTING_BREAKS = frozenset({"page"})
# The one target-counter a chunk can be given from outside (the contents' page numbers): the page
# number of the anchor its own href names. It becomes this attribute's value.
PAGE_ATTRIBUTE = "data-pressroom-page"
# Page selectors that see a page's index or parity: a chunk does not know them while laid out.
# `:nth(… of NAME)` counts pages within a page group, which an element of one chunk starts (an
# element with a page name starts one), so it is allowed (render/pdf_layout.py checks that the
# root and body, which would hold every chunk, start none).
PAGE_INDEX_SELECTORS = ("first", "nth", "blank", "left", "right", "recto", "verso")
PAGE_GROUP = re.compile(r":nth\([^)]*\bof\b[^)]*\)")
COUNTER_PROPERTIES = ("counter-reset", "counter-increment", "counter-set")
UNSUPPORTED_FUNCTIONS = {"target-counters", "target-text", "running", "element"}


@dataclass
class Chunk:
    """One slice of the body as a document of its own."""
    index: int
    html: str
    anchors: frozenset[str]          # ids defined in it
    targets: frozenset[str]          # internal link targets defined elsewhere
    deferred: bool = False           # laid out after the others: it shows their page numbers
    key: str = field(default="")     # hash of its HTML

    def __post_init__(self) -> None:
        self.key = hashlib.sha256(self.html.encode()).hexdigest()


def css_refusal(sheets: list[str]) -> str | None:
    """Why these stylesheets cannot be laid out in chunks, or None when they can."""
    for text in sheets:
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        for reason in _refusals(rules, in_page=False):
            return reason
    return None


def _refusals(rules, in_page: bool):
    for rule in rules:
        if rule.type == "at-rule":
            name = rule.lower_at_keyword
            page = name == "page"
            if page:
                prelude = tinycss2.serialize(rule.prelude or []).lower()
                for selector in PAGE_INDEX_SELECTORS:
                    if f":{selector}" in PAGE_GROUP.sub("", prelude):
                        yield f"a page selector sees the page's place (@page {prelude.strip()})"
            if rule.content is not None:
                inner = tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                       skip_whitespace=True)
                yield from _refusals(inner, in_page or page)  # margin boxes are in @page
        elif rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                          skip_whitespace=True)
            yield from _refusals(declarations, in_page)
        elif rule.type == "declaration":
            reason = _declaration_refusal(rule, in_page)
            if reason:
                yield reason


def _declaration_refusal(declaration, in_page: bool) -> str | None:
    name = declaration.lower_name
    value = tinycss2.serialize(declaration.value).strip().lower()
    if name in COUNTER_PROPERTIES and value not in ("none", ""):
        return f"a counter is kept across pages ({name}: {value})"
    if name in ("break-before", "break-after", "page-break-before", "page-break-after") and \
            value in ("left", "right", "recto", "verso"):
        return f"a page break depends on parity ({name}: {value})"
    for token in _functions(declaration.value):
        function = token.lower_name
        arguments = tinycss2.serialize(token.arguments).replace(" ", "").lower()
        if function in UNSUPPORTED_FUNCTIONS:
            return f"{function}() needs the whole document"
        if function in ("counter", "counters") and arguments.split(",")[0] in ("pages", "footnote"):
            return f"{function}({arguments}) needs the whole document"
        if function in ("counter", "counters") and arguments.startswith("page") and not in_page:
            return "a page number in the body's content needs the whole document"
        if function == "target-counter" and arguments != "attr(href),page":
            return f"target-counter({arguments}) needs the whole document"
    return None


def _functions(tokens):
    for token in tokens:
        if token.type == "function":
            yield token
            yield from _functions(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _functions(token.content)


def page_numbers_from_attribute(text: str) -> str:
    """The stylesheet with target-counter(attr(href), page) read from PAGE_ATTRIBUTE instead: a
    deferred chunk is given its targets' page numbers, since the targets are not in it."""
    rules = tinycss2.parse_stylesheet(text)
    changed = False

    def rewrite(tokens):
        nonlocal changed
        out = []
        for token in tokens:
            if token.type == "function" and token.lower_name == "target-counter" and \
                    tinycss2.serialize(token.arguments).replace(" ", "").lower() == "attr(href),page":
                out.extend(tinycss2.parse_component_value_list(f"attr({PAGE_ATTRIBUTE})"))
                changed = True
            elif token.type == "function":
                token.arguments = rewrite(token.arguments)
                out.append(token)
            elif token.type in ("() block", "[] block", "{} block"):
                token.content = rewrite(token.content)
                out.append(token)
            else:
                out.append(token)
        return out

    for rule in rules:
        if getattr(rule, "content", None) is not None:
            rule.content = rewrite(rule.content)
    return tinycss2.serialize(rules) if changed else text


def split(html: str, breaks: list[bool]) -> list[Chunk] | str:
    """The chunks of the print HTML, or why it cannot be split. `breaks[i]` tells whether a forced
    page break separates the body's child i from child i - 1 (render/pdf_layout.py reads it from
    the computed styles). A child must start a line of its own, as the print template writes
    them, so that a chunk is a verbatim slice of the page laid out in one pass."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    children = [child for child in body if isinstance(child.tag, str)] if body is not None else []
    if len(children) < 2:
        return "the body has fewer than two blocks"
    lines = html.splitlines(keepends=True)
    starts = [child.sourceline - 1 for child in children]
    for child, at in zip(children, starts):
        if not lines[at].startswith(f"<{child.tag}"):
            return f"<{child.tag}> on line {at + 1} does not start its line"
    end = _body_end(lines)
    if end is None or end <= starts[-1]:
        return "no </body> on a line of its own"
    if len(breaks) != len(children):
        return f"{len(children)} blocks in the body but {len(breaks)} styled"
    cuts = [i for i in range(1, len(children)) if breaks[i]]
    if not cuts:
        return "no forced page break between the body's blocks"
    head, tail = "".join(lines[:starts[0]]), "".join(lines[end:])
    bounds = [0, *cuts, len(children)]
    chunks = []
    for index, (first, last) in enumerate(zip(bounds, bounds[1:])):
        stop = starts[last] if last < len(children) else end
        part = children[first:last]
        anchors = frozenset(e.get("id") for c in part for e in c.iter() if e.get("id"))
        hrefs = {e.get("href")[1:] for c in part for e in c.iter("a")
                 if (e.get("href") or "").startswith("#")}
        chunks.append(Chunk(index, head + "".join(lines[starts[first]:stop]) + tail,
                            anchors, frozenset(hrefs - anchors)))
    return chunks


def _body_end(lines: list[str]) -> int | None:
    for at in range(len(lines) - 1, -1, -1):
        if lines[at].startswith("</body>"):
            return at
    return None


def skeleton(html: str) -> str:
    """The page with each of the body's blocks emptied: enough to compute their breaks."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    for child in body:
        if isinstance(child.tag, str):
            for inner in list(child):
                child.remove(inner)
            child.text = None
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def with_page_numbers(chunk_html: str, pages: dict[str, int]) -> str:
    """A deferred chunk's HTML with each internal link given its target's page number."""
    import lxml.html

    root = lxml.html.document_fromstring(chunk_html)
    for link in root.iter("a"):
        target = (link.get("href") or "")[1:]
        if (link.get("href") or "").startswith("#") and target in pages:
            link.set(PAGE_ATTRIBUTE, str(pages[target]))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
