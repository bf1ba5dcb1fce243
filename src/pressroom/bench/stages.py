"""One build stage per fresh process (normalise, parse, each renderer, the whole build), timed
from inside with sub-timings, so each stage's peak memory is its own.

Run as `python -m pressroom.bench.stages STAGE NAME SOURCES_DIR BUILD_DIR RESULT.json`.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from .probe import Split, children_peak_mb, peak_mb, reset_peak, run_worker, write_result



def renderer_stages() -> dict[str, str]:
    """bench stage → renderer name, as each renderer declares it."""
    from ..render import registry

    return {cls.bench_stage: cls.name for cls in registry().classes()}


def stages() -> tuple[str, ...]:
    return ("normalise", "parse", *renderer_stages())


def print_html_path(build_dir: Path, name: str) -> Path:
    """Where the pdf stage leaves the exact print HTML it gave WeasyPrint (the floor reads it)."""
    return build_dir / name / f"{name}.print.html"


def _normalise(name: str, sources: Path, build: Path, split: Split) -> dict:
    from .. import markdown, normalise, pipeline

    for index, (pass_name, function) in enumerate(normalise.PASSES):
        holder = type("Pass", (), {"run": staticmethod(function)})
        split.wrap(holder, "run", f"pass:{pass_name}")
        normalise.PASSES[index] = (pass_name, holder.run)
    split.wrap(markdown, "canonicalise", "pandoc canonicalise")
    out = build / name
    with split.step("stage"):
        state = pipeline.normalise(sources / f"{name}.txt", out / f"{name}.md",
                                   audit=out / f"{name}.audit.json")
    return {"notes": len(state.notes), "md_bytes": (out / f"{name}.md").stat().st_size}


def _parse(name: str, sources: Path, build: Path, split: Split) -> dict:
    from .. import document, markdown

    split.wrap(markdown, "run_pandoc", "pandoc")
    with split.step("stage"):
        doc = document.load(build / name / f"{name}.md")
    return {"sections": len(doc.sections), "notes": len(doc.notes)}


def _render(renderer: str, name: str, sources: Path, build: Path, split: Split) -> dict:
    """Render one default edition from the parsed Document (parsing is setup, not timed)."""
    from .. import pipeline
    from ..builddate import build_date
    from ..document import load
    from ..render import edition_for_format, get_renderer, select

    edition = select([edition_for_format(renderer)])[0]
    doc = load(build / name / f"{name}.md")
    date = build_date(pipeline.source_paths(name, sources))
    out = build / name / edition.file_name(name)
    laid = _instrument_pdf(split, print_html_path(build, name)) if renderer == "pdf" else None
    reset_peak()
    with split.step("stage"):
        get_renderer(renderer).render(doc, edition, out, date)
    return {"edition": edition.name, "bytes": out.stat().st_size,
            **({"pdf_layout": laid} if laid is not None else {})}


def _instrument_pdf(split: Split, keep_html: Path) -> dict:
    """Time WeasyPrint's import, its CSS parsing, the print HTML, each layout and the PDF writing
    separately, and the merge of a chunked PDF; keep the print HTML on disk for the floor. The
    timings are this process's: a chunked layout's workers are other processes, so what they did
    is returned apart (filled in once the PDF is laid out: `laid_out_by`)."""
    from ..render import pdf, pdf_parallel

    original_import, original_html, patched = pdf.weasyprint, pdf.print_html, []
    lock = threading.Lock()  # the build imports WeasyPrint in a thread while pandoc parses
    # Whether the timed import is the real one: WeasyPrint imported by another way first would
    # make its import cost show under another step and this one read ~0 s.
    found = {"weasyprint_imported_untimed": "weasyprint" in sys.modules}

    def import_weasyprint():
        with lock:
            if patched:
                return patched[0]
            found["weasyprint_imported_untimed"] |= "weasyprint" in sys.modules
            with split.step("weasyprint import"):
                wp = original_import()
            split.wrap(wp.CSS, "__init__", "weasyprint css")
            split.wrap(wp.HTML, "render", "weasyprint layout", peak=True)
            split.wrap(wp.document.Document, "write_pdf", "weasyprint write", peak=True)
            patched.append(wp)
            return wp

    def print_html(*args, **kwargs):
        with split.step("print html"):
            html = original_html(*args, **kwargs)
        keep_html.write_text(html, encoding="utf-8")
        return html

    pdf.weasyprint, pdf.print_html = import_weasyprint, print_html
    split.wrap(pdf_parallel, "merge", "merge chunks")
    split.wrap(pdf, "tag_notes", "tag notes")
    return laid_out_by(pdf_parallel, found)


def laid_out_by(pdf_parallel, found: dict) -> dict:
    """How the PDF is laid out, filled in as it is: in one pass (`jobs` 1, or the reason the
    chunks were refused), or in chunks by `jobs` worker processes, with what the chunked layout
    reports (chunks, laid out or from the cache, rounds, the workers' layouts and their summed
    seconds). Without it a stage's timings show only the parent process's share of the work."""
    found.update(chunked=False, jobs=1)
    original = pdf_parallel.chunked_pdf

    def chunked_pdf(document, edition, build_date, build_dir, jobs, warnings, report=None,
                    cache=None):
        report = report if report is not None else pdf_parallel.Report()
        data = original(document, edition, build_date, build_dir, jobs, warnings, report, cache)
        # One job lays the chunks out in this process, whose own timings count them already.
        workers = jobs > 1
        found.update(
            chunked=data is not None, jobs=jobs, refused=report.refused, chunks=report.chunks,
            laid_out=report.laid_out, from_cache=report.from_cache, rounds=report.rounds,
            cache=cache is not None,
            worker_layouts=sum(report.passes.values()) if workers else 0,
            worker_layout_seconds=sum(report.seconds) if workers else 0.0,
            worker_finish_seconds=sum(report.finish_seconds) if workers else 0.0,
            worker_peak_mb=max(report.peak_rss_mb, default=0.0) if workers else 0.0)
        return data

    pdf_parallel.chunked_pdf = chunked_pdf
    return found


def _build(name: str, sources: Path, build: Path, split: Split) -> dict:
    """The whole build as `pressroom build NAME` does it: normalise, parse once, every edition."""
    from .. import document, pipeline
    from ..render import registry

    split.wrap(pipeline, "normalise", "normalise")
    split.wrap(document, "load", "parse")
    for cls in registry().classes():
        split.wrap(cls, "render", f"render {cls.name}")
    laid = _instrument_pdf(split, print_html_path(build, name))
    with split.step("stage"):
        pipeline.build([name], None, sources=sources, build_dir=build)
    return {"pdf_layout": laid}


def run(stage: str, name: str, sources: Path, build: Path) -> dict:
    split = Split()
    reset_peak()
    if stage in renderer_stages():
        extra = _render(renderer_stages()[stage], name, sources, build, split)
    else:
        extra = {"normalise": _normalise, "parse": _parse, "build": _build}[stage](
            name, sources, build, split)
    seconds, cpu = split.seconds.pop("stage"), split.cpu.pop("stage")
    split.calls.pop("stage")
    # pandoc runs only inside the normalise, parse and build stages (renderers parse in set-up)
    children = children_peak_mb() if stage in ("normalise", "parse", "build") else 0.0
    return {"stage": stage, "name": name, "seconds": seconds, "cpu": cpu,
            "peak_mb": max(peak_mb(), children), "python_peak_mb": peak_mb(),
            "pandoc_peak_mb": children,
            "split": split.seconds, "calls": split.calls, "peaks": split.peaks, **extra}


def measure(stage: str, name: str, sources: Path, build: Path, scratch: Path) -> dict:
    """Run one stage in a fresh process (parent side)."""
    return run_worker("pressroom.bench.stages", [stage, name, str(sources.resolve()),
                                                 str(build.resolve())],
                      scratch / f"{name}.{stage}.json", scratch / f"{name}.{stage}.log", scratch)


def main(argv: list[str]) -> int:
    stage, name, sources, build, result = argv
    started = time.perf_counter()
    data = run(stage, name, Path(sources), Path(build))
    data["worker_seconds"] = time.perf_counter() - started
    write_result(result, data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
