"""The reviewable text of the EPUB and HTML editions, parsed with lxml: one line per block element,
the EPUB's package metadata, and a fingerprint of every stylesheet and resource (so a CSS or font
change shows up even though it changes no text).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree, html

BLOCKS = {"address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "title", "tr",
          "ul"}
SKIPPED = {"script", "style", "template", "head"}
OPF_NS = "http://www.idpf.org/2007/opf"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def block_lines(root) -> list[str]:
    """Text of a parsed (X)HTML tree, one line per innermost block, whitespace collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def visit(element) -> None:
        name = _local(element.tag)
        if name in SKIPPED:
            return
        block = name in BLOCKS
        if block:
            flush()
        if name and element.text:
            current.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    body = root.find(".//{*}body")
    if body is None:
        body = root.find(".//body")
    title = root.find(".//{*}title")
    if title is None:
        title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        lines.append(f"title: {title.text.strip()}")
    visit(body if body is not None else root)
    flush()
    return lines


def fingerprint(name: str, data: bytes) -> str:
    return f"resource {name} sha256:{hashlib.sha256(data).hexdigest()[:16]}"


def html_lines(path: Path) -> list[str]:
    """The standalone page: its text, then a fingerprint of each inline stylesheet."""
    root = html.parse(str(path)).getroot()
    lines = block_lines(root)
    for number, style in enumerate(root.iter("style")):
        lines.append(fingerprint(f"<style> {number + 1}", (style.text or "").encode("utf-8")))
    return lines


def epub_lines(path: Path) -> list[str]:
    """Package metadata, then every spine document's text in reading order, then resources."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(f".//{{{CONTAINER_NS}}}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        base = posixpath.dirname(opf_path)
        lines = [f"package: {line}" for line in _opf_metadata(opf)]
        manifest = {item.get("id"): posixpath.join(base, item.get("href"))
                    for item in opf.iter(f"{{{OPF_NS}}}item")}
        spine = [manifest[ref.get("idref")] for ref in opf.iter(f"{{{OPF_NS}}}itemref")
                 if ref.get("idref") in manifest]
        for name in spine:
            lines.append(f"== {posixpath.relpath(name, base)}")
            lines += block_lines(etree.fromstring(archive.read(name)))
        for name in sorted(set(archive.namelist()) - set(spine)):
            lines.append(fingerprint(name, archive.read(name)))
    return lines


def _opf_metadata(opf) -> list[str]:
    metadata = opf.find(f"{{{OPF_NS}}}metadata")
    lines = []
    for element in (metadata if metadata is not None else []):
        name = _local(element.tag)
        if not name:
            continue
        label = element.get("property") or element.get("name") or name
        value = (element.text or element.get("content") or "").strip()
        lines.append(f"{name} {label}: {value}" if label != name else f"{name}: {value}")
    return lines

