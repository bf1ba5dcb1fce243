"""Orchestration as a list of steps: find the sources, normalise, parse once, render editions."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from . import fsio
from .builddate import build_date
from .errors import UsageError

log = logging.getLogger("pressroom")

SOURCES = Path("sources")
BUILD = Path("build")


def source_names(sources: Path = SOURCES) -> list[str]:
    return sorted(p.stem for p in sources.glob("*.txt"))


def source_paths(name: str, sources: Path = SOURCES) -> list[Path]:
    """The files whose last commit dates a document: its text and its metadata."""
    return [sources / f"{name}.txt", sources / f"{name}.yaml"]


def normalise(source: Path, out: Path | None, *, audit: Path | None = None,
              dump_dir: Path | None = None, stop_after: str | None = None,
              max_bytes: int | None = None):
    """Normalise one source; write the Markdown and the audit atomically. Return the State."""
    from .normalise.source import MAX_SOURCE_BYTES, normalise_file

    started = time.perf_counter()
    state = normalise_file(source, dump_dir=dump_dir, stop_after=stop_after,
                           max_bytes=max_bytes or MAX_SOURCE_BYTES)
    if out is not None:
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
           date_paths: list[Path], out_path: Path | None = None) -> list[Path]:
    """Parse the Markdown once and render each requested edition from that one Document."""
    from .document import load
    from .render import get_renderer, render_document, select

    editions = select(edition_names)
    date = build_date(date_paths)
    started = time.perf_counter()
    document = load(md_path)
    log.debug("parsed %s in %.2f s", md_path, time.perf_counter() - started)
    if out_path is not None:
        if len(editions) != 1:
            raise UsageError("-o/--output needs exactly one edition")
        started = time.perf_counter()
        written = [get_renderer(editions[0].renderer).render(document, editions[0], out_path, date)]
        log.info("rendered %s (%s) in %.2f s", out_path, editions[0].name, time.perf_counter() - started)
        return written
    written = []
    for edition in editions:
        started = time.perf_counter()
        written += render_document(document, [edition], out_dir, name, date)
        log.info("rendered %s (%s) in %.2f s", written[-1], edition.name, time.perf_counter() - started)
    return written


def build(names: list[str], edition_names: list[str] | None, *, sources: Path = SOURCES,
          build_dir: Path = BUILD, report=None) -> list:
    """Everything for the named sources: Markdown, audit, then every edition."""
    known = source_names(sources)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"no source named {', '.join(unknown)} in {sources}/ "
                         f"(known: {', '.join(known) or 'none'})")
    states = []
    for name in names or known:
        out_dir = build_dir / name
        state = normalise(sources / f"{name}.txt", out_dir / f"{name}.md",
                          audit=out_dir / f"{name}.audit.json")
        states.append(state)
        if report is not None:
            report(state)  # prints diagnostics; raises under --strict before anything renders
        render(out_dir / f"{name}.md", edition_names, out_dir, name, source_paths(name, sources))
    return states
