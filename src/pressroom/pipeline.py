"""Orchestration as a list of steps: find the sources, normalise, parse once, render editions."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from . import fsio, progress
from .builddate import build_date
from .diagnostics import Diagnostics
from .errors import InputError, StrictError, UsageError

log = logging.getLogger("pressroom")

SOURCES = Path("sources")
# What a build's source check already reported, with the source's lines: loading the canonical
# Markdown finds it again (assets.py, links.py), and then shows it with -v only.
SOURCE_CHECKED = frozenset({"image-refused", "image-alt-missing", "link-unresolved", "unsafe-url"})
BUILD = Path("build")
# Rendering is what runs out of memory first: WeasyPrint needs about 0.4 GB per MB of Markdown
# (measured: 2.9 MB → 1.25 GB and 12 minutes), so larger documents are refused before parsing.
MAX_RENDER_BYTES = 16 * 1024 * 1024


# What a source may be called: a text export, a PDF or Markdown (the reader is chosen by the
# bytes; a text named .md is Markdown).
SOURCE_SUFFIXES = (".txt", ".pdf", ".md")


def source_names(sources: Path = SOURCES) -> list[str]:
    return sorted({p.stem for suffix in SOURCE_SUFFIXES for p in sources.glob(f"*{suffix}")})


def source_file(name: str, sources: Path = SOURCES) -> Path:
    """`sources/NAME.txt`, `.pdf` or `.md`; two at once is ambiguous and refused."""
    found = [sources / f"{name}{suffix}" for suffix in SOURCE_SUFFIXES
             if (sources / f"{name}{suffix}").exists()]
    if len(found) > 1:
        raise UsageError(f"two sources named {name}: {' and '.join(p.name for p in found)}; keep one")
    return found[0] if found else sources / f"{name}{SOURCE_SUFFIXES[0]}"


def source_paths(name: str, sources: Path = SOURCES) -> list[Path]:
    """The files whose last commit dates a document: its source, its metadata, its images."""
    return [source_file(name, sources), sources / f"{name}.yaml", sources / name]


def normalise(source: Path, out: Path | None, *, audit: Path | None = None,
              dump_dir: Path | None = None, stop_after: str | None = None,
              max_bytes: int | None = None):
    """Normalise one source; write the Markdown and the audit atomically. Return the State."""
    from .normalise.source import MAX_SOURCE_BYTES, normalise_file

    started = time.perf_counter()
    state = normalise_file(source, dump_dir=dump_dir, stop_after=stop_after,
                           max_bytes=max_bytes or MAX_SOURCE_BYTES)
    assets = state.assets  # a Markdown source's images (assets.py)
    if out is not None and assets and out.stem != source.stem:
        raise UsageError(f"the images of {source.name} are in {source.stem}/, which the output "
                         f"must stand beside: name it {source.stem}.md (in any folder)")
    if out is not None:
        if assets:
            from .assets import copy_assets  # (and the document model): only a source with images

            copy_assets(assets, out.parent / out.stem)  # before the Markdown that shows them
        fsio.write_text(out, state.text)
    if audit is not None:
        fsio.write_text(audit, json.dumps(audit_report(state), indent=1, ensure_ascii=False) + "\n")
    log.info("normalised %s in %.2f s", source, time.perf_counter() - started)
    return state


def audit_report(state) -> dict:
    audit = state.audit
    return {
        "source": state.path,
        "notes": len(state.notes),
        "accounting": getattr(state, "accounting", None),
        "removed": {cls: items for cls, items in sorted(audit.removed.items())},
        "changed": {cls: items for cls, items in sorted(audit.changed.items())},
        "diagnostics": [d.as_dict() for d in state.diagnostics.items],
    }


def render(md_path: Path, edition_names: list[str] | None, out_dir: Path, name: str,
           date_paths: list[Path], out_path: Path | None = None, strict: bool = False,
           max_bytes: int = MAX_RENDER_BYTES, sources: Path = SOURCES,
           checked: bool = False) -> list[Path]:
    """Parse the Markdown once (its bibliography looked up under `sources`) and render each
    requested edition from that one Document. The document's and the renderers' warnings are
    logged; under `strict` they fail the build (after writing). What loading finds about images
    and links was already reported by the source's own check in a build (`checked`, with the
    source's lines): it is then shown with -v only."""
    from .document import load
    from .render import get_renderer, select

    editions = select(edition_names)
    if out_path is not None and len(editions) != 1:
        raise UsageError("-o/--output needs exactly one edition")
    _refuse_above(md_path, max_bytes, "render")
    date = build_date(date_paths)
    started = time.perf_counter()
    _import_weasyprint_meanwhile(editions)
    document = load(md_path, sources)
    log.debug("parsed %s in %.2f s", md_path, time.perf_counter() - started)
    written, warnings = [], []
    for diagnostic in document.diagnostics:  # images, links, citations
        if checked and diagnostic.code in SOURCE_CHECKED:
            log.debug("%s", diagnostic)
        elif diagnostic.severity == "warning":
            warnings.append(diagnostic)
            log.warning("%s", diagnostic)
        else:
            log.info("%s", diagnostic)
    if strict and warnings:  # known before anything is written: nothing is
        raise StrictError(f"{len(warnings)} warning(s) and --strict", md_path)
    for edition in editions:
        started = time.perf_counter()
        renderer = get_renderer(edition.renderer)
        target = out_path if out_path is not None else out_dir / edition.file_name(name)
        with progress.reporting(f"{name} {edition.name}", verbose=log.isEnabledFor(logging.DEBUG),
                                quiet=not log.isEnabledFor(logging.INFO)):
            rendered = renderer.render(document, edition, target, date)
        written.append(rendered.path)
        diagnostics = Diagnostics(str(target))
        for message in rendered.warnings:
            diagnostics.warning("renderer-warning", None, f"{message} (edition {edition.name})")
        for diagnostic in diagnostics.items:
            warnings.append(diagnostic)
            log.warning("%s", diagnostic)
        log.info("rendered %s (%s) in %.2f s", target, edition.name, time.perf_counter() - started)
    if strict and warnings:
        raise StrictError(f"{len(warnings)} warning(s) rendering and --strict", md_path)
    return written


def _import_weasyprint_meanwhile(editions) -> None:
    """WeasyPrint's import (~1 s of Python) runs in a thread while pandoc parses the Markdown in
    its own process: the two overlap on two cores. A failed import is raised again, in the
    renderer, when the PDF needs it."""
    if not any(edition.renderer == "pdf" for edition in editions):
        return
    from .render import pdf

    def import_quietly() -> None:
        try:
            pdf.weasyprint()
        except BaseException:  # noqa: BLE001 - the renderer's own import reports it
            pass

    threading.Thread(target=import_quietly, name="import-weasyprint", daemon=True).start()


def build(names: list[str], edition_names: list[str] | None, *, sources: Path = SOURCES,
          build_dir: Path = BUILD, report=None, strict: bool = False,
          max_bytes: int = MAX_RENDER_BYTES) -> list:
    """Everything for the named sources: Markdown, audit, then every edition. A source above
    `max_bytes` is refused before it is normalised, since its editions could not be rendered."""
    known = source_names(sources)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"no source named {', '.join(unknown)} in {sources}/ "
                         f"(known: {', '.join(known) or 'none'})")
    states = []
    for name in names or known:
        out_dir = build_dir / name
        state = normalise(source_file(name, sources), out_dir / f"{name}.md",
                          audit=out_dir / f"{name}.audit.json", max_bytes=max_bytes)
        states.append(state)
        if report is not None:
            report(state)  # prints diagnostics; raises under --strict before anything renders
        render(out_dir / f"{name}.md", edition_names, out_dir, name, source_paths(name, sources),
               strict=strict, max_bytes=max_bytes, sources=sources, checked=True)
    return states


def _refuse_above(path: Path, max_bytes: int, what: str) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # a missing file is reported by the reader, with its own message
    if size > max_bytes:
        raise InputError(f"the file is {size / 2**20:.1f} MiB, above the limit of "
                         f"{max_bytes / 2**20:.0f} MiB to {what} (see --max-size)", path)
