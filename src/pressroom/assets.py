"""The images a document shows: they live in the document's own folder (`NAME.md` → `NAME/…`),
are checked here once, and are handed to the renderers as Assets. Anything else (a remote URL, a
`file:` URL, an absolute path, a path leaving the folder, a symbolic link pointing out of it, a
file that is not a PNG, JPEG or SVG image) is refused with a diagnostic naming its line, and the
image's alt text is shown in its place.
"""

from __future__ import annotations

import base64
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .diagnostics import Diagnostics
from .document import stringify, walk
from .source_lines import SourceLines

# One image may not be larger than this: the EPUB and the HTML carry every image whole (the HTML
# as base64), and a photograph for a report is a few MiB at most.
MAX_IMAGE_BYTES = 16 * 2**20
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".svg": "image/svg+xml"}
_SVG = "{http://www.w3.org/2000/svg}svg"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# An SVG is drawn by WeasyPrint itself and shipped in the EPUB: nothing in it may run or fetch.
_SVG_ACTIVE = frozenset({"script", "foreignObject", "iframe", "handler", "listener"})
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
REFUSED_CLASS = "image-refused"


@dataclass(frozen=True)
class Asset:
    """One image, checked: `target` as the Markdown writes it, `name` its path inside the folder."""

    target: str
    path: Path
    name: str
    media_type: str

    def data(self) -> bytes:
        return self.path.read_bytes()

    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data()).decode('ascii')}"


def folder_of(md_path: Path) -> Path:
    """The folder a document's images live in: beside it, named as it is (`a/NAME.md` →
    `a/NAME/`). The folder's parent is resolved, the folder itself not, so that a folder that is
    a symbolic link to somewhere else holds nothing usable."""
    md_path = Path(md_path)
    return md_path.parent.resolve() / md_path.stem


def media_type(data: bytes) -> str | None:
    """The image type the bytes are (never the name): PNG, JPEG or a safe SVG; None otherwise."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png" if _pillow_reads(data, "PNG") else None
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg" if _pillow_reads(data, "JPEG") else None
    return "image/svg+xml" if _safe_svg(data) else None


def _pillow_reads(data: bytes, kind: str) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return image.format == kind
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False


def _safe_svg(data: bytes) -> bool:
    """An SVG document with nothing that runs or fetches: no DTD (entity expansion), no script,
    event handler or foreign object, no link or style URL leaving the file."""
    from lxml import etree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return False
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return False
    if root.tag != _SVG:
        return False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if etree.QName(element).localname in _SVG_ACTIVE:
            return False
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            if local.lower().startswith("on") or _CSS_URL.search(value):
                return False
            if (name == _XLINK_HREF or local == "href") and not value.strip().startswith("#"):
                return False
        if etree.QName(element).localname == "style" and _CSS_URL.search(element.text or ""):
            return False
    return True


def resolve(target: str, folder: Path | None) -> tuple[Path | None, str]:
    """(the file inside `folder` the target names, "") or (None, why it is refused)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        scheme = parts.scheme.lower() or "network"
        return None, ("remote images are not fetched" if scheme in ("http", "https", "network")
                      else f"a {scheme}: URL is not an image of the document")
    relative = unquote(parts.path)
    if not relative or parts.query or parts.fragment:
        return None, "not a path to an image file"
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        return None, "absolute paths are refused; put the image in the document's folder"
    if folder is None:
        return None, "the document has no folder for images"
    shown = f"{folder.name}/"
    candidate = folder.parent / relative
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError):
        return None, "the path cannot be resolved"
    if not real.is_relative_to(folder) or real == folder:
        return None, f"images must be inside {shown} beside the document"
    if not real.is_file():
        return None, f"no such file in {shown}"
    return real, ""


def check_images(ast: dict[str, Any], text: str, md_path: Path | None,
                 diagnostics: Diagnostics) -> dict[str, Asset]:
    """Every image of the AST checked in reading order: the usable ones returned by target; a
    refused one becomes a span of its alt text (class image-refused) in the AST, with a warning
    on its line. An image without alt text is kept, with a warning."""
    folder = folder_of(md_path) if md_path is not None else None
    lines = SourceLines(text)
    assets: dict[str, Asset] = {}
    refused: set[str] = set()
    for node in walk([ast.get("blocks", [])]):
        if node.get("t") != "Image":
            continue
        attr, alt, (target, _title) = node["c"]
        line = lines.of(target)
        if target in refused:
            _refuse(node)
            continue
        if target not in assets:
            asset, why = _asset(target, folder)
            if asset is None:
                diagnostics.warning("image-refused", line, f"image {target[:200]!r} refused: {why}; "
                                    "its alt text is shown instead")
                refused.add(target)
                _refuse(node)
                continue
            assets[target] = asset
        if not stringify(alt).strip():
            diagnostics.warning("image-alt-missing", line, f"image {target[:200]!r} has no alt text: "
                                "describe it, ![what it shows](…), for readers who cannot see it")
    return assets


def _asset(target: str, folder: Path | None) -> tuple[Asset | None, str]:
    path, why = resolve(target, folder)
    if path is None:
        return None, why
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return None, f"larger than {MAX_IMAGE_BYTES // 2**20} MiB"
    found = media_type(path.read_bytes())
    if found is None:
        return None, "not a PNG, JPEG or SVG image (an SVG may not hold scripts or links)"
    assert folder is not None
    return Asset(target, path, path.relative_to(folder).as_posix(), found), ""


def _refuse(node: dict[str, Any]) -> None:
    """The Image becomes a Span of its alt text, in place."""
    alt = node["c"][1]
    node["t"] = "Span"
    node["c"] = [["", [REFUSED_CLASS], []], alt]


def copy_assets(assets: dict[str, Asset], folder: Path) -> None:
    """The images into `folder` (the build's copy of the document's folder), each written beside
    its place and renamed into it. Nothing else there is touched: an image no longer shown stays
    until `make clean`, and no edition reads it."""
    for name, asset in sorted({asset.name: asset for asset in assets.values()}.items()):
        target = folder / name
        data = asset.data()
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
