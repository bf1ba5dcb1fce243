"""Renderers behind one interface, and the one registry of formats.

A renderer class declares everything about its format once: its name (the `renderer:` of an
edition, `--to` of the CLI), output suffix, whether the output is binary, the stylesheets and
templates it reads (the generated Makefile fragment depends on them), how `pressroom diff` reviews
it and its bench stage. The CLI choices, the Makefile fragment, the diff and the bench all read
this registry; adding a format is one module, one line in `_load` and its templates.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..document import Document
from ..errors import UsageError
from .editions import Edition, load_editions, select


@dataclass(frozen=True)
class Rendered:
    """What a render produced: the file written, and the renderer's warnings (which fail --strict)."""

    path: Path
    warnings: tuple[str, ...] = ()


class Renderer:
    """The interface: subclasses set the declarations and implement `render`."""

    name: ClassVar[str]
    suffix: ClassVar[str]                 # of the output file, e.g. ".pdf"
    binary: ClassVar[bool]
    stylesheets: ClassVar[tuple[str, ...]]  # under templates/css/, in cascade order
    templates: ClassVar[tuple[str, ...]]  # files or globs under templates/ it reads
    review: ClassVar[str] = "text"        # how `pressroom diff` compares it: "text" or "pages"
    bench_stage: ClassVar[str]            # the `make bench` stage that times it alone

    def render(self, document: Document, edition: Edition, out_path: Path,
               build_date: datetime.datetime) -> Rendered:
        raise NotImplementedError

    @staticmethod
    def review_lines(path: Path) -> list[str]:
        """The output's reviewable text, one line per block (for review == "text")."""
        raise NotImplementedError


class Registry:
    """Renderer classes by name; a second class with a taken name or suffix is refused."""

    def __init__(self) -> None:
        self._by_name: dict[str, type[Renderer]] = {}

    def add(self, cls: type[Renderer]) -> None:
        if cls.name in self._by_name:
            raise ValueError(f"two renderers are named {cls.name!r}")
        taken = {c.suffix: c.name for c in self._by_name.values()}
        if cls.suffix in taken:
            raise ValueError(f"renderers {taken[cls.suffix]!r} and {cls.name!r} both write "
                             f"{cls.suffix}")
        if cls.review not in ("text", "pages"):
            raise ValueError(f"renderer {cls.name!r}: review must be 'text' or 'pages'")
        self._by_name[cls.name] = cls

    def names(self) -> list[str]:
        return list(self._by_name)

    def classes(self) -> list[type[Renderer]]:
        return list(self._by_name.values())

    def get(self, name: str) -> type[Renderer]:
        if name not in self._by_name:
            raise UsageError(f"unknown renderer {name!r}; known: {', '.join(self._by_name)}")
        return self._by_name[name]

    def by_suffix(self, suffix: str) -> type[Renderer] | None:
        return next((c for c in self._by_name.values() if c.suffix == suffix), None)


@functools.cache
def registry() -> Registry:
    """Loaded on first use, so that importing pressroom.render stays cheap (the renderer modules
    import their heavy libraries, WeasyPrint, ebooklib, python-docx, lazily too)."""
    from .docx import DocxRenderer
    from .epub import EpubRenderer
    from .html import HtmlRenderer
    from .pdf import PdfRenderer

    formats = Registry()
    for cls in (PdfRenderer, EpubRenderer, HtmlRenderer, DocxRenderer):  # one line per format
        formats.add(cls)
    return formats


def get_renderer(name: str) -> Renderer:
    return registry().get(name)()


def edition_for_format(name: str, path: Path | None = None) -> str:
    """`--to FORMAT` means that format's first default edition, else its first edition."""
    registry().get(name)
    editions, default = load_editions(path)
    matching = [key for key in [*default, *editions] if editions[key].renderer == name]
    if not matching:
        raise UsageError(f"no edition in editions.yaml uses the {name} renderer")
    return matching[0]


def make_fragment(path: Path | None = None) -> str:
    """The editions as Makefile variables: every edition's output pattern, renderer and the
    template files its output depends on (the renderer's declarations plus the edition's CSS)."""
    from .templating import template_files

    editions, default = load_editions(path)
    here = Path.cwd()

    def shown(file: Path) -> str:  # relative inside the project, so the fragment moves with it
        return file.relative_to(here).as_posix() if file.is_relative_to(here) else str(file)

    lines = ["# Generated from editions.yaml by `pressroom editions --make`; do not edit.",
             f"ALL_EDITIONS := {' '.join(editions)}", f"DEFAULT_EDITIONS := {' '.join(default)}",
             f"FORMATS := {' '.join(registry().names())}"]
    for key, edition in editions.items():
        cls = registry().get(edition.renderer)
        patterns = (*cls.templates, *(f"css/{n}" for n in (*cls.stylesheets, *edition.css)))
        files = [shown(f.resolve()) for f in template_files(patterns)]
        lines += [f"OUTPUT_{key} := {edition.output}", f"RENDERER_{key} := {edition.renderer}",
                  f"TEMPLATES_{key} := {' '.join(files)}"]
    return "\n".join(lines) + "\n"


__all__ = ["Edition", "edition_for_format", "make_fragment", "Registry", "Rendered", "Renderer", "get_renderer",
           "load_editions", "registry", "select"]
