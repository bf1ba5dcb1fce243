"""The Document model: canonical Markdown parsed once into meta, heading tree, sections and notes.

Renderers read only this model. Footnotes stay structured: each pandoc `Note` inline is replaced by
a `NoteRef` node pointing at a `Note` of `Document.notes`, which every format serialises its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import markdown, raw_html
from .errors import InputError

Block = dict[str, Any]
OPENING_ID = "opening"
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n)+")


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    lang: str = "en"
    date: str = ""
    identifier: str = ""
    rights: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass
class Heading:
    title: str
    id: str
    level: int
    children: list[Heading] = field(default_factory=list)


@dataclass
class Section:
    """A top-level division: the untitled opening matter, or one top-level heading and its blocks."""

    index: int
    id: str
    heading: Heading | None
    blocks: list[Block]


@dataclass
class Note:
    number: int
    id: str          # id of the note body
    ref_id: str      # id of the call in the text
    blocks: list[Block]
    section: int     # index of the citing section


@dataclass
class Document:
    meta: Meta
    toc: list[Heading]
    sections: list[Section]
    notes: list[Note]
    anchors: dict[str, Section] = field(default_factory=dict)  # id → section holding it
    pandoc_api: tuple[int, ...] = ()  # the AST version it was parsed from (for writing it back)
    # The images it shows, by target as written (assets.py checked them; a refused one is a
    # span of its alt text in the blocks), and the folder they live in.
    assets: dict[str, Any] = field(default_factory=dict)
    asset_folder: Path | None = None
    figures: dict[int, int] = field(default_factory=dict)  # id() of a captioned Figure → its number
    diagnostics: list[Any] = field(default_factory=list)  # what loading found (images, links, citations)
    top_level: int = 1  # the level of its highest headings as written (`#` is 1)
    # Raw HTML removed as not text (raw_html.py): (line in the Markdown or None, message).
    dropped: list[tuple[int | None, str]] = field(default_factory=list)

    def note(self, number: int) -> Note:
        return self.notes[number - 1]

    def section_of(self, anchor: str) -> Section | None:
        """The section holding the element with this id (heading, span, div, note or note call)."""
        return self.anchors.get(anchor)


def stringify(inlines: list[Block]) -> str:
    """Plain text of a list of inlines (notes left out)."""
    out: list[str] = []
    for node in inlines:
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Code", "Math", "RawInline"):
            out.append(content[1] if kind != "RawInline" else "")
        elif kind == "Quoted":
            out.append("“" + stringify(content[1]) + "”")
        elif kind in ("Link", "Image", "Span"):
            out.append(stringify(content[1] if kind != "Span" else content[1]))
        elif kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps",
                      "Underline"):
            out.append(stringify(content))
        elif kind == "Cite":
            out.append(stringify(content[1]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def walk(blocks: list[Any]):
    """Yield every AST node (dict with a "t") below these blocks, depth first in document order."""
    stack = list(reversed(blocks))
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "t" in node:
                yield node
            children = node.get("c")
            if isinstance(children, list):
                stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def _meta_value(value: dict | None) -> list[str]:
    if value is None:
        return []
    kind, content = value["t"], value.get("c")
    if kind == "MetaList":
        return [text for item in content for text in _meta_value(item)]
    if kind == "MetaInlines":
        return [stringify(content)]
    if kind == "MetaBlocks":
        return [" ".join(stringify(b["c"]) for b in content if b["t"] in ("Para", "Plain"))]
    if kind == "MetaString":
        return [content]
    if kind == "MetaBool":
        return [str(content).lower()]
    return []


def _meta(raw: dict[str, Any], path: Path, require_title: bool = True) -> Meta:
    def one(key: str, default: str = "") -> str:
        values = _meta_value(raw.get(key))
        return values[0] if values else default

    title = one("title")
    if not title and require_title:
        raise InputError("no title: give one in a YAML metadata block (title: …) or a % title "
                         "block opening the file", path, line=1)
    keywords = _meta_value(raw.get("keywords"))
    if len(keywords) == 1 and "," in keywords[0]:
        keywords = [k.strip() for k in keywords[0].split(",") if k.strip()]
    return Meta(title=title, subtitle=one("subtitle"), authors=tuple(_meta_value(raw.get("author"))),
                publisher=one("publisher"), lang=one("lang", "en"), date=one("date"),
                identifier=one("identifier"), rights=one("rights"),
                description=one("description"), keywords=tuple(keywords))


# Nodes with nothing below them that matters here (no blocks, notes or anchored elements).
_LEAVES = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "Code", "Math", "RawInline",
                     "CodeBlock", "RawBlock", "HorizontalRule"})


class _Scan:
    """One walk over the AST, in place: Note inlines become NoteRef nodes (notes numbered in
    reading order, their blocks lifted out), and headers and anchored elements are collected."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self.headers: list[Block] = []
        self.anchored: list[Block] = []  # Header, Div and Span nodes, in document order

    def nodes(self, nodes: list[Any]) -> None:
        for index, node in enumerate(nodes):
            if isinstance(node, list):
                self.nodes(node)
                continue
            if not isinstance(node, dict):
                continue
            kind = node.get("t")
            if kind in _LEAVES:
                continue
            if kind == "Note":
                number = len(self.notes) + 1
                note = Note(number, f"fn{number}", f"fnref{number}", node["c"], 0)
                self.notes.append(note)
                nodes[index] = {"t": "NoteRef", "c": number}
                self.nodes(note.blocks)
                continue
            if kind == "Header":
                self.headers.append(node)
            if kind in ("Header", "Div", "Span"):
                self.anchored.append(node)
            children = node.get("c")
            if isinstance(children, list):
                self.nodes(children)


def _unique_ids(headers: list[Block]) -> dict[str, str]:
    """Headers get ids safe in HTML and XHTML alike, unique and distinct from note ids; returns
    the ids changed, old → new (so that links written to the old one still arrive)."""
    renamed: dict[str, str] = {}
    seen: set[str] = {OPENING_ID}
    for node in headers:
        attr = node["c"][1]
        base = re.sub(r"[^\w.-]+", "-", attr[0]).strip("-") or "section"
        if not base[0].isalpha() or re.fullmatch(r"fn(ref)?\d+", base):
            base = "h-" + base
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        if candidate != attr[0]:
            renamed.setdefault(attr[0], candidate)
        attr[0] = candidate
    return renamed


def _follow_renamed(blocks: list[Any], renamed: dict[str, str]) -> None:
    """A link to a heading id that _unique_ids changed points to the new one."""
    for node in walk(blocks):
        if node.get("t") == "Link" and node["c"][2][0].startswith("#"):
            new = renamed.get(node["c"][2][0][1:])
            if new is not None:
                node["c"][2][0] = f"#{new}"


def _split(blocks: list[Block]) -> tuple[list[Section], list[Heading]]:
    levels = [b["c"][0] for b in blocks if b["t"] == "Header"]
    top = min(levels, default=1)
    sections: list[Section] = []
    toc: list[Heading] = []
    current: Heading | None = None
    for block in blocks:
        if block["t"] == "Header" and block["c"][0] == top:
            current = Heading(stringify(block["c"][2]), block["c"][1][0], 1)
            toc.append(current)
            sections.append(Section(len(sections), current.id, current, [block]))
            continue
        if not sections:
            sections.append(Section(0, OPENING_ID, None, []))
        sections[-1].blocks.append(block)
        if block["t"] == "Header" and block["c"][0] == top + 1 and current is not None:
            current.children.append(Heading(stringify(block["c"][2]), block["c"][1][0], 2))
    return sections, toc


def from_markdown(text: str, path: str | Path = "<string>") -> Document:
    """Parse canonical Markdown text into a Document."""
    return from_ast(markdown.to_ast(text), path, text=text)


def from_ast(ast: dict[str, Any], path: str | Path = "<string>", require_title: bool = True,
             text: str = "") -> Document:
    """A Document from pandoc's JSON AST of canonical Markdown (the AST is changed in place);
    `text`, the Markdown itself, lets a message about raw HTML name its line."""
    blocks = ast["blocks"]
    removed: list[tuple[str, str]] = []
    raw_html.convert(blocks, removed)
    scan = _Scan()
    notes_before = []  # per top-level block: how many notes precede it
    anchored_before = []
    for block in blocks:
        notes_before.append(len(scan.notes))
        anchored_before.append(len(scan.anchored))
        scan.nodes([block])
    renamed = _unique_ids(scan.headers)
    if renamed:
        _follow_renamed([blocks, [note.blocks for note in scan.notes]], renamed)
    sections, toc = _split(blocks)
    anchors: dict[str, Section] = {}
    position = {id(block): index for index, block in enumerate(blocks)}
    for section in sections:
        anchors[section.id] = section
        if not section.blocks:
            continue
        first = position[id(section.blocks[0])]
        last = position[id(section.blocks[-1])] + 1
        note_end = notes_before[last] if last < len(blocks) else len(scan.notes)
        for note in scan.notes[notes_before[first]:note_end]:
            note.section = section.index
        anchored_end = anchored_before[last] if last < len(blocks) else len(scan.anchored)
        for node in scan.anchored[anchored_before[first]:anchored_end]:
            attr = node["c"][1] if node["t"] == "Header" else node["c"][0]
            if attr[0]:
                anchors[attr[0]] = section
    for note in scan.notes:
        anchors[note.id] = anchors[note.ref_id] = sections[note.section]
    return Document(_meta(ast.get("meta", {}), Path(path), require_title), toc, sections,
                    scan.notes, anchors, tuple(ast.get("pandoc-api-version", ())),
                    figures=_number_figures(blocks, scan),
                    top_level=min((b["c"][0] for b in blocks if b["t"] == "Header"), default=1),
                    dropped=_lines_of(removed, text))


def _number_figures(blocks: list[Block], scan: _Scan) -> dict[int, int]:
    """Figures with a caption numbered in reading order (those in notes after the body's)."""
    numbered: dict[int, int] = {}
    for node in walk([blocks, [note.blocks for note in scan.notes]]):
        if node.get("t") == "Figure" and node["c"][1][1]:
            numbered[id(node)] = len(numbered) + 1
    return numbered


def _lines_of(removed: list[tuple[str, str]], text: str) -> list[tuple[int | None, str]]:
    """Each removal with the line of the Markdown where its raw text appears (a text removed
    twice: its next appearance)."""
    out, after = [], {}
    folded = text.lower()
    for raw, message in removed:
        found = folded.find(raw.lower(), after.get(raw, 0)) if raw and text else -1
        if found >= 0:
            after[raw] = found + 1
        out.append((text.count("\n", 0, found) + 1 if found >= 0 else None, message))
    return sorted(out, key=lambda item: (item[0] is None, item[0] or 0))


def load(md_path: str | Path, sources: str | Path | None = None) -> Document:
    """Read one Markdown file into a Document (the only I/O here): its citations resolved
    against the bibliography its metadata names under `sources` (citations.py; the pipeline
    gives the sources folder, and without one the Markdown's own folder is taken), the images
    of its folder checked (assets.py), its links resolved or reported (links.py)."""
    from .assets import check_images, folder_of
    from .citations import resolve
    from .diagnostics import Diagnostics
    from .links import check_links

    path = Path(md_path)
    try:
        text = path.read_bytes().decode("utf-8")  # a clear message before pandoc sees it
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the Markdown: {exc}", path) from exc
    # pandoc reads a `%` title block on the first line only: blank lines above it are skipped
    # (rare, so the common case keeps pandoc reading the file itself).
    leading = _LEADING_BLANK_LINES.match(text.lstrip("\ufeff"))
    ast = (markdown.to_ast(text.lstrip("\ufeff")[leading.end():]) if leading
           else markdown.file_to_ast(path))
    diagnostics = Diagnostics(str(path))
    ast = resolve(ast, path, Path(sources) if sources else path.parent, diagnostics)
    assets = check_images(ast, text, path, diagnostics)
    document = from_ast(ast, path, text=text)
    document.assets, document.asset_folder = assets, folder_of(path)
    check_links(document, text, path, diagnostics)
    for line, message in document.dropped:  # raw HTML that is not text (raw_html.py)
        diagnostics.warning("html-dropped", line, message)
    document.diagnostics = diagnostics.items
    return document
