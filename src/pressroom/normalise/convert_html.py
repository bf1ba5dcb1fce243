"""HTML tags left by the export become tokens; anything else (script, iframe...) is dropped.

The fragment is parsed with lxml, never with regular expressions; autolinks such as
`<https://...>` are protected first because they are Markdown, not tags.
"""

from __future__ import annotations

import re

from ..errors import InputError
from .words import words
from .model import EMPH_CLOSE, EMPH_OPEN, STRONG_CLOSE, STRONG_OPEN, State
from .lazy_re import lazy_compile

# A quick look for something tag-like decides whether a block needs the HTML parser at all.
_TAGLIKE = lazy_compile(r"<(/?[A-Za-z][A-Za-z0-9]*)(\s|/?>)|<!--|&[A-Za-z#][A-Za-z0-9]*;")
_AUTOLINK = lazy_compile(r"<((?:https?|mailto|ftp|file|javascript|data):[^\s<>]*)>", re.I)
_LINK_TOKEN_OPEN, _LINK_TOKEN_CLOSE = "\ue014", "\ue015"
EMPH_TAGS = {"i", "em", "cite", "var", "dfn"}
STRONG_TAGS = {"b", "strong"}
DROP_TAGS = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
             "math", "head", "title", "link", "meta", "img", "video", "audio", "source", "form",
             "input", "button", "select", "textarea", "base", "frame", "frameset"}
# Where the words of two elements meet without a space in the markup, the element's end still
# parts them: a table cell by a space, a block (a row, a paragraph, an item) by a line end, so
# that `<td>cell A</td><td>cell B</td>` reads `cell A cell B`, never `cell Acell B`.
CELL_TAGS = {"td", "th"}
_BLOCK_END = "\ue016"  # a private-use mark for a block's end, made a line end once all is read
_BLOCK_ENDS = lazy_compile(r"[ \t]*\ue016[\s\ue016]*")
BLOCK_TAGS = {"p", "div", "tr", "li", "table", "thead", "tbody", "tfoot", "caption", "ul", "ol",
              "dl", "dt", "dd", "blockquote", "pre", "section", "article", "aside", "header",
              "footer", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}


def convert_html(state: State) -> State:
    for block in state.blocks:
        text = "\n".join(block.lines)
        if block.literal or not _TAGLIKE.search(text):  # a PDF shows no markup
            continue
        protected = _AUTOLINK.sub(lambda m: f"{_LINK_TOKEN_OPEN}{m.group(1)}{_LINK_TOKEN_CLOSE}", text)
        try:
            converted, dropped = html_to_tokens(protected)
        except NestingTooDeep as exc:
            raise InputError(str(exc), state.path, block.start) from None
        converted = converted.replace(_LINK_TOKEN_OPEN, "<").replace(_LINK_TOKEN_CLOSE, ">")
        for tag in dropped:
            state.diagnostics.warning("html-dropped", block.start,
                                      f"removed <{tag}> element from the export (not text)")
            state.audit.change("html", block.start, f"<{tag}>", "removed")
        if converted != text:
            state.audit.change("html", block.start, text, converted)
            # Tag names and dropped elements are markup, not text: account for their words.
            lost = words(text) - words(converted)
            state.audit.removed_words.update(lost)
            state.audit.joined.update(words(converted) - words(text))  # decoded entities
            if lost:
                state.audit.removed.setdefault("html_markup", []).append(
                    {"line": block.start, "text": " ".join(sorted(lost.elements()))})
        block.lines = [line for line in converted.split("\n")] or [""]
    state.blocks = [b for b in state.blocks if b.text.strip()]
    return state


class NestingTooDeep(ValueError):
    """Tags nested deeper than the HTML parser goes: the text inside would be lost."""


def html_to_tokens(text: str) -> tuple[str, list[str]]:
    """Return the fragment's text with emphasis as tokens, and the tags dropped whole."""
    import lxml.etree
    import lxml.html  # only documents with tags pay for the parser

    # libxml2 stops at a nesting depth of 256 (2048 with huge_tree) and drops the text inside:
    # parse with the higher limit, and refuse what is deeper still rather than lose its words.
    parser = lxml.html.HTMLParser(huge_tree=True)
    root = lxml.html.fragment_fromstring(text, create_parent="div", parser=parser)
    if any(e.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        raise NestingTooDeep("HTML tags nested deeper than the parser can read (about 2000 levels); "
                             "the text inside them would be lost")
    dropped: list[str] = []
    out: list[str] = []
    # Depth-first with an explicit stack (nesting may be deeper than Python's recursion limit):
    # an element, or the text to write once its children are done.
    stack: list = list(reversed(root))
    out.append(root.text or "")
    while stack:
        element = stack.pop()
        if isinstance(element, str):
            out.append(element)
            continue
        if not isinstance(element.tag, str):  # comments, processing instructions
            out.append(element.tail or "")
            continue
        tag = element.tag.lower()
        if tag in DROP_TAGS:
            dropped.append(tag)
            out.append(element.tail or "")
            continue
        opener, closer = "", ""
        if tag in EMPH_TAGS:
            opener, closer = EMPH_OPEN, EMPH_CLOSE
        elif tag in STRONG_TAGS:
            opener, closer = STRONG_OPEN, STRONG_CLOSE
        elif tag == "br":
            out.append("\n")
        parting = " " if tag in CELL_TAGS else _BLOCK_END if tag in BLOCK_TAGS else ""
        out.append(opener + (element.text or ""))
        stack.append(closer + parting + (element.tail or ""))
        stack.extend(reversed(element))
    converted = "".join(out)
    if _BLOCK_END in converted:  # one line end however many blocks end there; none at the ends
        converted = _BLOCK_ENDS.sub("\n", converted).strip("\n")
    return converted, dropped
