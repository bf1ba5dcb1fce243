"""Renderers behind one interface, and the registry that maps an edition's renderer name to one.

A renderer has `name`, `suffix` and `render(document, edition, out_path, build_date)`; it writes
its output atomically (fsio), so the final path never holds a half-written file.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Protocol

from ..document import Document
from ..errors import UsageError
from .editions import Edition, load_editions, select


class Renderer(Protocol):
    name: str
    suffix: str

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Path: ...


def _registry() -> dict[str, type]:
    # Imported here so that importing pressroom.render stays cheap; pdf.py itself imports
    # WeasyPrint lazily, on its first render.
    from .epub import EpubRenderer
    from .html import HtmlRenderer
    from .pdf import PdfRenderer
    return {cls.name: cls for cls in (PdfRenderer, EpubRenderer, HtmlRenderer)}


def get_renderer(name: str) -> Renderer:
    registry = _registry()
    if name not in registry:
        raise UsageError(f"unknown renderer {name!r}; known: {', '.join(registry)}")
    return registry[name]()


def render_document(document: Document, editions: list[Edition], out_dir: str | Path, name: str,
                    build_date: datetime.datetime, warnings: list[str] | None = None) -> list[Path]:
    """Render the requested editions of one document into out_dir; return the written paths.

    Renderer warnings (WeasyPrint's log records) are appended to `warnings` as
    "edition: message", for the pipeline's diagnostics and --strict.
    """
    out_dir = Path(out_dir)
    written = []
    for edition in editions:
        renderer = get_renderer(edition.renderer)
        written.append(renderer.render(document, edition, out_dir / edition.file_name(name),
                                       build_date))
        if warnings is not None:
            warnings.extend(f"{edition.name}: {m}" for m in getattr(renderer, "warnings", []))
    return written


__all__ = ["Edition", "Renderer", "get_renderer", "load_editions", "render_document", "select"]
