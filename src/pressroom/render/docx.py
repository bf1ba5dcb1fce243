"""The Word edition: the Document written back as pandoc's AST and converted by pandoc's DOCX
writer, with a reference document styled from the shared typography (docx_styles.py).

Notes become real Word footnotes, the contents list a TOC field (Word fills in the page numbers
when the file is opened), the metadata the package's core properties. Dates come from the build
date and the archive is re-zipped in a fixed order, so two builds give the same bytes.
"""

from __future__ import annotations

import calendar
import datetime
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from .. import fsio
from ..document import Document, Meta
from ..markdown import convert_file
from . import Rendered, Renderer
from .code import pandoc_theme
from .docx_styles import css_rules, reference_docx
from .editions import Edition
from .epub_zip import zip_entry
from .scripts import direction
from .templating import find_template, iso_date, stylesheet_paths, template_files

CORE = "docProps/core.xml"
FIRST = ("[Content_Types].xml", "_rels/.rels")
NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
# A project may hand Word a reference document of its own instead of the generated one.
REFERENCE_OVERRIDE = "docx/reference.docx"
CONTENTS_TITLE = "Contents"  # as the contents page of the other editions (partials/contents)
CONTENTS_DEPTH = 2           # the heading tree the other editions' contents lists show


def _restore_notes(node: Any, document: Document) -> Any:
    """A copy of the node with every NoteRef replaced by the pandoc Note it was lifted from."""
    if isinstance(node, list):
        return [_restore_notes(child, document) for child in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "NoteRef":
        return {"t": "Note", "c": _restore_notes(document.note(node["c"]).blocks, document)}
    if node.get("t") == "Image" and node["c"][2][0] in document.assets:  # pandoc embeds the file
        attr, alt, (target, title) = node["c"]
        return {"t": "Image", "c": [attr, _restore_notes(alt, document),
                                    [str(document.assets[target].path), title]]}
    return {key: _restore_notes(value, document) for key, value in node.items()}


def _meta(meta: Meta) -> dict[str, Any]:
    def text(value: str) -> dict:
        return {"t": "MetaString", "c": value}

    fields: dict[str, Any] = {"title": text(meta.title), "lang": text(meta.lang),
                              "toc-title": text(CONTENTS_TITLE)}
    for key, value in (("subtitle", meta.subtitle), ("date", meta.date)):
        if value:
            fields[key] = text(value)
    if meta.authors:
        fields["author"] = {"t": "MetaList", "c": [text(a) for a in meta.authors]}
    if direction(meta.lang) == "rtl":  # pandoc sets every paragraph right to left (w:bidi)
        fields["dir"] = text("rtl")
    return fields


def pandoc_ast(document: Document) -> dict[str, Any]:
    """The Document as pandoc's JSON AST again: its sections' blocks, notes back in place."""
    blocks = [block for section in document.sections for block in section.blocks]
    return {"pandoc-api-version": list(document.pandoc_api), "meta": _meta(document.meta),
            "blocks": _restore_notes(blocks, document)}


def _core_properties(core_xml: bytes, meta: Meta, build_date: datetime.datetime) -> bytes:
    """Title, authors, language, keywords, description and dates, set from the metadata (pandoc
    leaves some out and joins lists its own way)."""
    root = etree.fromstring(core_xml)
    values = {"dc:title": meta.title, "dc:creator": "; ".join(meta.authors),
              "dc:language": meta.lang, "cp:keywords": ", ".join(meta.keywords),
              "dc:description": meta.description, "dc:subject": meta.subtitle,
              "dcterms:created": iso_date(build_date), "dcterms:modified": iso_date(build_date)}
    for name, value in values.items():
        prefix, local = name.split(":")
        tag = f"{{{NS[prefix]}}}{local}"
        for old in root.findall(tag):
            root.remove(old)
        if value:
            element = etree.SubElement(root, tag)
            element.text = value
            if prefix == "dcterms":
                element.set(f"{{{NS['xsi']}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reproducible(archive: bytes, meta: Meta, build_date: datetime.datetime) -> bytes:
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    contents[CORE] = _core_properties(contents[CORE], meta, build_date)
    order = [n for n in FIRST if n in contents] + sorted(set(contents) - set(FIRST))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            target.writestr(zip_entry(name, build_date, stored=False), contents[name],
                            compresslevel=9)
    return out.getvalue()


def _epoch(build_date: datetime.datetime) -> int:
    if build_date.tzinfo is not None:
        build_date = build_date.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return calendar.timegm(build_date.timetuple())


def reference(edition: Edition) -> bytes:
    """The project's own templates/docx/reference.docx if it has one, else the generated one."""
    if template_files((REFERENCE_OVERRIDE,)):
        return find_template(REFERENCE_OVERRIDE).read_bytes()
    return reference_docx(stylesheet_paths(DocxRenderer.stylesheets, edition.css))


def docx_bytes(document: Document, edition: Edition, build_date: datetime.datetime) -> bytes:
    with tempfile.TemporaryDirectory(prefix="pressroom-docx-") as scratch:
        ast, ref, theme, out = (Path(scratch) / n for n in
                                ("doc.json", "reference.docx", "code.theme", "out.docx"))
        ast.write_text(json.dumps(pandoc_ast(document), ensure_ascii=False), encoding="utf-8")
        ref.write_bytes(reference(edition))
        # Code in the colours of the other editions (templates/css/blocks.css).
        sheets = stylesheet_paths(DocxRenderer.stylesheets, edition.css)
        theme.write_text(json.dumps(pandoc_theme(css_rules(sheets)), indent=1), encoding="utf-8")
        convert_file(ast, out, ["-f", "json", "-t", "docx", "--reference-doc", str(ref),
                                f"--syntax-highlighting={theme}",
                                "--toc", f"--toc-depth={CONTENTS_DEPTH}"], _epoch(build_date))
        return _reproducible(out.read_bytes(), document.meta, build_date)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORD_PARTS = ("word/document.xml", "word/footnotes.xml")


def _word_paragraphs(xml: bytes) -> list[str]:
    """One line per Word paragraph: [style] text, a footnote call shown as [^id]."""
    lines = []
    for paragraph in etree.fromstring(xml).iter(f"{{{W_NS}}}p"):
        parts = []
        for node in paragraph.iter(f"{{{W_NS}}}t", f"{{{W_NS}}}tab", f"{{{W_NS}}}footnoteReference"):
            name = etree.QName(node).localname
            parts.append(node.text or "" if name == "t" else "\t" if name == "tab"
                         else f"[^{node.get(f'{{{W_NS}}}id')}]")
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        style = paragraph.find(f"{{{W_NS}}}pPr/{{{W_NS}}}pStyle")
        if text:
            lines.append(f"[{style.get(f'{{{W_NS}}}val')}] {text}" if style is not None else text)
    return lines


def docx_lines(path: Path) -> list[str]:
    """For `pressroom diff`: the core properties, the body's paragraphs, the footnotes, then a
    fingerprint of every other part (styles, numbering…)."""
    from ..diff.text_extract import fingerprint

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        lines = [f"property {etree.QName(e).localname}: {(e.text or '').strip()}"
                 for e in etree.fromstring(archive.read(CORE))]
        for part in WORD_PARTS:
            if part in names:
                lines.append(f"== {part}")
                lines += _word_paragraphs(archive.read(part))
        for name in sorted(names - set(WORD_PARTS) - {CORE}):
            lines.append(fingerprint(name, archive.read(name)))
    return lines


class DocxRenderer(Renderer):
    name = "docx"
    suffix = ".docx"
    binary = True
    # Read for the reference document's styles (the print edition's typography).
    stylesheets = ("base.css", "blocks.css", "paged.css")
    templates = (REFERENCE_OVERRIDE,)
    bench_stage = "docx"

    review_lines = staticmethod(docx_lines)

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Rendered:
        fsio.write_bytes(out_path, docx_bytes(document, edition, build_date))
        return Rendered(Path(out_path))
