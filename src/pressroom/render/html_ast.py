"""Pandoc AST → HTML fragments, shared by the three formats.

Raw HTML was converted or removed when the Document was made (raw_html.py); an image is drawn
when assets.py accepted it (each format says where its file is: `image_src`), else only its alt
text is shown; links with
schemes other than http, https, mailto and `#fragment` become plain text. Notes are handed to a
per-format `NoteStyle` (see notes.py); tables, code and math have modules of their own. Problems
met on the way (a formula that cannot be read) are gathered in `warnings`.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Protocol

from markupsafe import Markup

from ..document import Document, Note, stringify
from . import math, tables
from .code import code_block
from .markup import el, join, link_target, safe_classes, safe_id, text
from .phrasing import phrasing, small_caps
from .scripts import LANG_TAG, direction

Node = dict[str, Any]

SIMPLE_INLINES = {"Emph": "em", "Strong": "strong", "Strikeout": "del", "Superscript": "sup",
                  "Subscript": "sub"}
_SPACES = frozenset({"Space", "SoftBreak"})
# Pandoc's list number styles as HTML's `type` (what a reading system without the stylesheet
# still shows) and as the class the stylesheet draws with its delimiter: `a)`, `(i)`.
LIST_TYPES = {"Decimal": "1", "LowerAlpha": "a", "UpperAlpha": "A", "LowerRoman": "i",
              "UpperRoman": "I", "Example": "1"}
LIST_CLASSES = {"Decimal": "decimal", "Example": "decimal", "LowerAlpha": "lower-alpha",
                "UpperAlpha": "upper-alpha", "LowerRoman": "lower-roman",
                "UpperRoman": "upper-roman"}
LIST_DELIMITERS = {"OneParen": "paren", "TwoParens": "parens"}  # Period: the style's own
TASK_MARKS = {"\u2610": False, "\u2612": True}  # pandoc's task_lists: ☐ to do, ☒ done
QUOTES = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}
# Where a printed URL may wrap (Chicago Manual of Style 6.17): after the scheme's "//", and before
# a single slash, a full stop and the other punctuation that separates its parts; never inside a
# word, and never after the punctuation, so a line never ends in a full stop that looks final.
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")  # letters joined by hyphens
_URL_BREAK = re.compile(r"(?<=//)(?=[^/])|(?<=[^/:])(?=[/.?#&=_~-])")
# An image's width or height attribute as pandoc's Markdown writes it ({width=50%}, {width=3in});
# a bare number is pixels, as in HTML. Anything else is ignored, never copied into a style.
_LENGTH = re.compile(r"^(\d{1,5}(?:\.\d{1,3})?)(%|px|em|rem|cm|mm|in|pt)?$")
FIGURE_LABEL = "Figure"


class NoteStyle(Protocol):
    def call(self, note: Note, ser: Serialiser) -> Markup: ...

    def after_block(self, notes: list[Note], ser: Serialiser) -> Markup: ...

    def after_section(self, notes: list[Note], ser: Serialiser) -> Markup: ...


class Serialiser:
    """Serialises blocks of one Document; `href_for` maps an internal fragment to an href, or to
    None when the fragment names nothing (the link is then shown as text)."""

    def __init__(self, document: Document, notes: NoteStyle, heading_shift: int = 1,
                 href_for: Callable[[str], str | None] | None = None, break_urls: bool = True,
                 compound_class: str | None = None, image_src: Callable[[Any], str] | None = None,
                 xhtml: bool = False, math_images: bool = False,
                 drawn_small_caps: bool = False):
        self.document = document
        self.image_src = image_src  # Asset → the src of its <img>; None: alt text only
        self.xhtml = xhtml  # lang is written as xml:lang too
        # Words already hyphenated (Anti-Fascist) wrapped in a span of this class (the PDF sets
        # it hyphens: manual, so the word breaks only at its own hyphen).
        self.compound_class = compound_class
        self.break_urls = break_urls  # <wbr> in shown URLs (the PDF: one link annotation each)
        self.notes = notes
        # `heading_shift` is where a format puts the document's highest headings: 1 → <h2> (the
        # title is the page's <h1>), 0 → <h1> (an EPUB chapter file). The others follow as
        # written below them, whatever level the document starts at (`##` → <h2> as `#` would).
        self.heading_shift = heading_shift - (document.top_level - 1)
        self.section_level = 1 + heading_shift  # the <hN> of the highest headings
        self.href_for = href_for or (lambda fragment: "#" + fragment)
        # Formulas as MathML (HTML, EPUB) or as SVG images (the PDF: WeasyPrint has no MathML).
        self.math_images = math_images
        # Small capitals drawn as smaller capitals (the PDF: the face has no smcp feature and
        # WeasyPrint does not synthesise them; browsers do).
        self.drawn_small_caps = drawn_small_caps
        self.tables = 0  # tables serialised so far (their default ids)
        self.warnings: list[str] = []
        self._pending: list[Note] = []

    # blocks ---------------------------------------------------------------------------------

    def section(self, blocks: list[Node]) -> Markup:
        """Top-level blocks; the note style places the notes cited in a block after that block
        (after_block), and may gather the section's notes at its end (after_section)."""
        out = []
        cited: list[Note] = []
        for block in blocks:
            out.append(self.block(block))
            if self._pending:
                pending, self._pending = self._pending, []
                cited.extend(pending)
                out.append(self.notes.after_block(pending, self))
        if cited:
            out.append(self.notes.after_section(cited, self))
        return join(out)

    def blocks(self, blocks: list[Node]) -> Markup:
        return join(self.block(b) for b in blocks)

    def block(self, node: Node) -> Markup:
        kind, c = node["t"], node.get("c")
        if kind == "Para":
            return el("p", {}, self.inlines(c))
        if kind == "Plain":
            return self.inlines(c)
        if kind == "Header":
            # HTML has six levels: a seventh keeps its place in the outline as aria-level.
            level = c[0] + self.heading_shift
            # `{short="…"}` on a heading: its short form, for a running head (render/pdf.py).
            return el(f"h{min(level, 6)}", {"id": safe_id(c[1][0]), "class": safe_classes(c[1][1]),
                                           "data-short": dict(c[1][2]).get("short"),
                                           "aria-level": str(level) if level > 6 else None},
                      self.inlines(c[2]))
        if kind == "BlockQuote":
            return el("blockquote", {}, self.blocks(c))
        if kind == "BulletList":
            return self.bullet_list(c)
        if kind == "OrderedList":
            (start, style, delimiter), items = c
            delimited = LIST_DELIMITERS.get(delimiter["t"])
            plain = style["t"] in ("Decimal", "DefaultStyle") and not delimited  # 1. 2. 3.
            classes = None if plain else " ".join(
                filter(None, [LIST_CLASSES.get(style["t"], "decimal"), delimited]))
            return el("ol", {"start": str(start) if start != 1 else None,
                             "type": None if plain else LIST_TYPES.get(style["t"], "1"),
                             "class": classes},
                      *(el("li", {}, self.blocks(item)) for item in items))
        if kind == "DefinitionList":
            items = []
            for term, definitions in c:
                items.append(el("dt", {}, self.inlines(term)))
                items.extend(el("dd", {}, self.blocks(d)) for d in definitions)
            return el("dl", {}, *items)
        if kind == "CodeBlock":
            return code_block(c[1], c[0][1], safe_id(c[0][0]))
        if kind == "LineBlock":
            lines = [self.inlines(line) for line in c]
            return el("p", {"class": "line-block"}, Markup(el("br")).join(lines))
        if kind == "HorizontalRule":
            return el("hr")
        if kind == "Div":
            return el("div", {"id": safe_id(c[0][0]), "class": safe_classes(c[0][1]),
                              **self.language(c[0])}, self.blocks(c[1]))
        if kind == "Figure":
            caption = self.blocks(c[1][1])
            number = self.document.figures.get(id(node))
            if caption and number:
                caption = join([el("span", {"class": "figure-label"}, f"{FIGURE_LABEL} {number}."),
                                " ", caption])
            return el("figure", {"id": safe_id(c[0][0])}, self.blocks(c[2]),
                      el("figcaption", {}, caption) if caption else Markup(""))
        if kind == "Table":
            return tables.table(self, c)
        return Markup("")  # RawBlock and unknown blocks: dropped

    def bullet_list(self, items: list) -> Markup:
        """A list; a task list (every item opening with ☐ or ☒) gets disabled check boxes, each
        labelled by its item's text."""
        marks = [_task_mark(item) for item in items]
        if not items or None in marks:
            return el("ul", {}, *(el("li", {}, self.blocks(item)) for item in items))
        out = []
        for item, done in zip(items, marks):
            first = item[0]
            box = el("input", {"type": "checkbox", "disabled": "disabled",
                               "checked": "checked" if done else None})
            label = el("label", {}, box, Markup(" "), self.inlines(first["c"][2:]))
            opening = el("p", {}, label) if first["t"] == "Para" else label
            out.append(el("li", {"class": "task done" if done else "task"},
                          opening, self.blocks(item[1:])))
        return el("ul", {"class": "task-list"}, *out)

    # inlines --------------------------------------------------------------------------------

    def inlines(self, nodes: list[Node]) -> Markup:
        """Runs of plain words and spaces (most of any text) are escaped once per run."""
        out: list[str] = []
        run: list[str] = []
        for node in nodes:
            kind = node["t"]
            if kind == "Str":
                run.append(node["c"])
            elif kind in _SPACES:
                run.append(" ")
            else:
                if run:
                    out.append(self._run("".join(run)))
                    run = []
                out.append(self.inline(node))
        if run:
            out.append(self._run("".join(run)))
        return Markup("".join(out))  # every part is Markup already

    def _run(self, words: str) -> Markup:
        if not self.compound_class or "-" not in words:
            return text(words)
        parts, last = [], 0
        for match in _COMPOUND.finditer(words):
            parts += [text(words[last:match.start()]),
                      el("span", {"class": self.compound_class}, match.group())]
            last = match.end()
        parts.append(text(words[last:]))
        return Markup("").join(parts)

    def inline(self, node: Node) -> Markup:
        kind, c = node["t"], node.get("c")
        if kind == "Str":
            return text(c)
        if kind in ("Space", "SoftBreak"):
            return Markup(" ")
        if kind == "LineBreak":
            return el("br")
        if kind in SIMPLE_INLINES:
            return el(SIMPLE_INLINES[kind], {}, self.inlines(c))
        if kind == "SmallCaps" and self.drawn_small_caps:
            return el("span", {"class": "smallcaps drawn"}, small_caps(self.inlines(c)))
        if kind in ("SmallCaps", "Underline"):
            return el("span", {"class": kind.lower()}, self.inlines(c))
        if kind == "Code":
            return el("code", {}, c[1])
        if kind == "Math":
            return self.math(c[1], c[0]["t"] == "DisplayMath")
        if kind == "Quoted":
            opening, closing = QUOTES.get(c[0]["t"], QUOTES["DoubleQuote"])
            return join([opening, self.inlines(c[1]), closing])
        if kind == "Cite":  # resolved by citeproc (citations.py), or the literal text without it
            keys = " ".join(dict.fromkeys(item["citationId"] for item in c[0]))
            return el("span", {"class": "citation", "data-cites": keys}, self.inlines(c[1]))
        if kind == "Span":
            return el("span", {"id": safe_id(c[0][0]), "class": safe_classes(c[0][1]),
                               **self.language(c[0])}, self.inlines(c[1]))
        if kind == "Link":
            return self.link(c)
        if kind == "Image":
            return self.image(c)
        if kind == "NoteRef":
            note = self.document.note(c)
            self._pending.append(note)
            return self.notes.call(note, self)
        return Markup("")  # RawInline, Note (already lifted) and unknown inlines: dropped

    def language(self, attr: list) -> dict[str, str | None]:
        """`lang` (and `xml:lang` in XHTML) and `dir` from a span's or div's attributes
        (`[текст]{lang=ru}`, `::: {lang=ar}`): a right-to-left language is given dir="rtl"
        unless `dir` says otherwise; a value that is not a language tag is dropped."""
        given = dict(attr[2])
        lang = given.get("lang", "")
        if not LANG_TAG.match(lang):
            lang = ""
        written = given.get("dir", "").lower()
        found = {"lang": lang or None, "xml:lang": lang or None if self.xhtml else None,
                 "dir": written if written in ("ltr", "rtl", "auto")
                 else direction(lang) if lang else None}
        return found

    def link(self, c: list) -> Markup:
        shown = "".join(n.get("c", "") for n in c[1] if n["t"] == "Str")
        content = (url_text(shown) if self.break_urls and len(c[1]) == 1 and shown == c[2][0]
                   else self.inlines(c[1]))
        target = link_target(c[2][0])
        if target is None:
            return el("span", {"class": "refused-link"}, content)
        kind, value = target
        href = self.href_for(value) if kind == "fragment" else value
        if href is None:
            return el("span", {"class": "refused-link"}, content)
        classes = safe_classes(c[0][1] + (["external"] if kind == "external" else []))
        return el("a", {"href": href, "class": classes}, content)

    def image(self, c: list) -> Markup:
        asset = self.document.assets.get(c[2][0])
        if asset is None or self.image_src is None:
            alt = self.inlines(c[1])
            return el("span", {"class": "image-alt"}, alt) if alt else Markup("")
        sizes = {key: value for key, value in c[0][2] if key in ("width", "height")}
        style = "; ".join(f"{key}: {_css_length(value)}" for key, value in sorted(sizes.items())
                          if _css_length(value))
        return el("img", {"src": self.image_src(asset), "alt": stringify(c[1]),
                          "id": safe_id(c[0][0]), "class": safe_classes(c[0][1]),
                          "style": style or None})

    def math(self, tex: str, display: bool) -> Markup:
        try:
            formula = math.svg_image(tex, display) if self.math_images else math.mathml(tex, display)
        except math.MathError as exc:
            self.warnings.append(str(exc))
            return el("code", {"class": "math-unread"}, tex)
        return el("span", {"class": "math display" if display else "math"}, formula)

    def note_blocks(self, note: Note, lead: Markup) -> Markup:
        """The note as flow content (an aside, a list of notes): its blocks as they are, `lead`
        (its number, linked back to the call) opening the first paragraph."""
        blocks = note.blocks
        if blocks and blocks[0]["t"] in ("Para", "Plain"):
            return el("p", {}, lead, Markup(" "), self.inlines(blocks[0]["c"])) + \
                self.blocks(blocks[1:])
        return el("p", {}, lead) + self.blocks(blocks)

    def note_phrasing(self, note: Note) -> Markup:
        """The note as phrasing content, for a note that sits inside its calling sentence (the
        PDF's footnote, the web page's sidenote): the first paragraph's text, then each further
        block as spans displayed as blocks (phrasing.py), paragraphs kept apart."""
        blocks = note.blocks
        head = Markup("")
        if blocks and blocks[0]["t"] in ("Para", "Plain"):
            head, blocks = self.inlines(blocks[0]["c"]), blocks[1:]
        return head + phrasing(self.blocks(blocks))


def _task_mark(item: list) -> bool | None:
    """True (done) or False (to do) for an item opening with ☐ or ☒ and a space, else None."""
    if not item or item[0]["t"] not in ("Plain", "Para"):
        return None
    inlines = item[0]["c"]
    if len(inlines) < 2 or inlines[0]["t"] != "Str" or inlines[1]["t"] != "Space":
        return None
    return TASK_MARKS.get(inlines[0]["c"])


def _css_length(value: str) -> str | None:
    match = _LENGTH.match(value.strip())
    return f"{match.group(1)}{match.group(2) or 'px'}" if match else None


def url_text(url: str) -> Markup:
    """A URL shown as text, with a line-break opportunity (<wbr>) at each of its part boundaries."""
    return Markup(el("wbr")).join(text(part) for part in _URL_BREAK.split(url))
