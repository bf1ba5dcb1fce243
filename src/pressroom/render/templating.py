"""Templates and stylesheets: the Jinja environment, per-format CSS lists and the section views.

Templates get data (meta, toc, sections, notes) and never settings; autoescape and StrictUndefined
are always on.
"""

from __future__ import annotations

import base64
import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..document import Document, Heading
from ..errors import RenderError
from .html_ast import Serialiser

# The templates shipped with Pressroom (package data; in the repository, a link to templates/).
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
CSS_DIR = TEMPLATES / "css"
FONTS_DIR = TEMPLATES / "fonts"
# A project's own templates/ folder overrides any shipped template, stylesheet or font by name
# (as mkdocs' custom_dir does); it is looked up in the folder the command runs in.
PROJECT_TEMPLATES = Path("templates")
_FONT_URL = re.compile(r'url\("\.\./fonts/([\w.-]+\.ttf)"\)')


def template_roots() -> list[Path]:
    """Where templates are looked up, first match wins: the project's folder, then Pressroom's."""
    project = PROJECT_TEMPLATES.resolve()
    return [project, TEMPLATES] if project.is_dir() and project != TEMPLATES else [TEMPLATES]


def find_template(relative: str) -> Path:
    """The file that `relative` (e.g. "css/base.css") names: the project's, else the shipped one."""
    for root in template_roots():
        candidate = root / relative
        if candidate.is_file():
            return candidate
    raise RenderError(f"no template {relative} in {' or '.join(map(str, template_roots()))}")


def template_files(patterns: tuple[str, ...]) -> list[Path]:
    """Every file the glob patterns match, a project's file hiding the shipped one of its name."""
    found: dict[str, Path] = {}
    for root in reversed(template_roots()):
        for pattern in patterns:
            for path in root.glob(pattern):
                if path.is_file():
                    found[path.relative_to(root).as_posix()] = path
    return [found[key] for key in sorted(found)]


# Compiled templates are kept between processes (make runs one per output) in the project's
# build folder, when it has one; an entry is keyed by the template's path and checked against its
# source's checksum. Nothing is written outside the project.
BYTECODE_CACHE = Path("build") / ".cache" / "jinja"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    if not BYTECODE_CACHE.parent.parent.is_dir():
        return None  # no build folder here: compile every time rather than litter
    try:
        BYTECODE_CACHE.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only project compiles every time
    return jinja2.FileSystemBytecodeCache(str(BYTECODE_CACHE.resolve()))


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader([str(r) for r in template_roots()]),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True, bytecode_cache=_bytecode_cache())


def render_template(name: str, **context: Any) -> str:
    try:
        return environment().get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {name} failed: {exc}") from exc


def stylesheet_paths(stylesheets: tuple[str, ...], overlays: tuple[str, ...] = ()) -> list[Path]:
    """A renderer's stylesheets then the edition's overlays, each found by name under css/ (an
    absolute path, which only code can give, e.g. the corpus' designs, is taken as it is)."""
    return [Path(name) if Path(name).is_absolute() else find_template(f"css/{name}")
            for name in (*stylesheets, *overlays)]


def font_files() -> list[Path]:
    return template_files(("fonts/*.ttf",))


def inline_css(paths: list[Path], fonts: bool = True) -> Markup:
    """Stylesheets joined into one, fonts as data: URIs (a page that fetches nothing); with
    fonts=False the font URLs are left for the caller (the web edition subsets them)."""
    def data_uri(match: re.Match) -> str:
        font = find_template(f"fonts/{match.group(1)}").read_bytes()
        return f'url("data:font/ttf;base64,{base64.b64encode(font).decode("ascii")}")'
    css = "\n".join(_FONT_URL.sub(data_uri, p.read_text(encoding="utf-8")) if fonts
                    else p.read_text(encoding="utf-8") for p in paths)
    if "</" in css:
        raise RenderError("a stylesheet contains '</', which cannot be inlined in <style>")
    return Markup(css)


def iso_date(build_date: datetime.datetime) -> str:
    """The build date in UTC as YYYY-MM-DDThh:mm:ssZ (naive dates are taken as UTC)."""
    if build_date.tzinfo is not None:
        build_date = build_date.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return build_date.replace(microsecond=0).isoformat() + "Z"


@dataclass(frozen=True)
class SectionView:
    """What a template sees of one section: its heading, kind and serialised body."""

    index: int
    id: str
    heading: Heading | None
    kind: str        # "opening" or "chapter"
    html: Markup


def section_views(document: Document, serialiser: Serialiser) -> list[SectionView]:
    return [SectionView(s.index, s.id, s.heading, "chapter" if s.heading else "opening",
                        serialiser.section(s.blocks))
            for s in document.sections]


def local_links(document: Document):
    """href_for for single-file formats: a fragment that names nothing is refused (None)."""
    return lambda fragment: f"#{fragment}" if document.section_of(fragment) else None


def base_context(document: Document, build_date: datetime.datetime) -> dict[str, Any]:
    from .scripts import direction

    return {"meta": document.meta, "toc": document.toc, "notes": document.notes,
            "build_date": iso_date(build_date), "dir": direction(document.meta.lang)}
