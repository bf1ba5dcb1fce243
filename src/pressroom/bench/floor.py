"""The floor no build can beat: pandoc parsing the Markdown (and writing the DOCX), WeasyPrint
laying out (once) and writing the exact print HTML the build produced, and writing every output's
bytes.

Run as `python -m pressroom.bench.floor NAME SOURCES_DIR BUILD_DIR RESULT.json`, after the stages.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .probe import Split, children_peak_mb, peak_mb, reset_peak, run_worker, write_result
from .stages import print_html_path

# What makes up the floor, in the order it runs; their sum is the floor.
PARTS = ("pandoc parse", "pandoc docx", "weasyprint import", "weasyprint css", "weasyprint layout",
         "weasyprint write", "write files")


def _pandoc(md: Path, split: Split) -> float:
    """pandoc parsing the Markdown, then (when a default edition is DOCX) its DOCX writer on that
    AST with its own reference document; returns pandoc's peak memory."""
    from ..markdown import FORMAT, pandoc_binary
    from ..render import select

    with tempfile.TemporaryDirectory(prefix="pressroom-floor-") as scratch:
        ast = Path(scratch) / "ast.json"
        with split.step("pandoc parse"):
            subprocess.run([pandoc_binary(), "-f", FORMAT, "-t", "json", str(md), "-o", str(ast)],
                           check=True, stdin=subprocess.DEVNULL)
        if any(e.renderer == "docx" for e in select(None)):
            with split.step("pandoc docx"):
                subprocess.run([pandoc_binary(), "-f", "json", "-t", "docx", "--toc", str(ast),
                                "-o", str(Path(scratch) / "out.docx")],
                               check=True, stdin=subprocess.DEVNULL)
    return children_peak_mb()


def _weasyprint(name: str, build: Path, split: Split) -> bytes:
    """The same stylesheets, fetcher, base URL and options as render.pdf.pdf_bytes, one layout."""
    from ..document import load
    from ..render import select
    from ..render.pdf import weasyprint, weasyprint_setup

    edition = next(e for e in select(None) if e.renderer == "pdf")
    meta = load(build / name / f"{name}.md").meta
    html_text = print_html_path(build, name).read_text(encoding="utf-8")
    out_dir = build / name
    reset_peak()
    with split.step("weasyprint import"):
        wp = weasyprint()
    with split.step("weasyprint css"):
        fetcher, fonts, options = weasyprint_setup(meta, edition, out_dir)
    with split.step("weasyprint layout", peak=True):
        html = wp.HTML(string=html_text, url_fetcher=fetcher,
                       base_url=out_dir.resolve().as_uri() + "/")
        laid_out = html.render(font_config=fonts, **options)
    with split.step("weasyprint write", peak=True):
        data = laid_out.write_pdf(**options)
    split.pages = len(laid_out.pages)  # type: ignore[attr-defined]
    return data


def _write_files(name: str, build: Path, pdf: bytes, split: Split) -> None:
    """Writing the outputs: bytes to disk, flushed as fsio does (the PDF's from this layout, the
    other formats' as their stages left them)."""
    from ..render import registry

    others = {cls.suffix for cls in registry().classes() if cls.review != "pages"}
    outputs = [pdf] + [p.read_bytes() for p in sorted((build / name).iterdir())
                       if p.suffix in others and not p.name.endswith(".print.html")]
    with tempfile.TemporaryDirectory(dir=build) as scratch, split.step("write files"):
        for index, data in enumerate(outputs):
            with open(Path(scratch) / f"out{index}", "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())


def run(name: str, build: Path) -> dict:
    split = Split()
    pandoc_peak = _pandoc(build / name / f"{name}.md", split)
    pdf = _weasyprint(name, build, split)
    _write_files(name, build, pdf, split)
    seconds = {part: split.seconds.get(part, 0.0) for part in PARTS}
    return {"seconds": sum(seconds.values()), "cpu": sum(split.cpu.values()), "split": seconds,
            "peaks": split.peaks, "pandoc_peak_mb": pandoc_peak,
            "peak_mb": max(pandoc_peak, peak_mb()), "pages": split.pages}  # type: ignore[attr-defined]


def measure(name: str, sources: Path, build: Path, scratch: Path) -> dict:
    """The floor in a fresh process (parent side); the stages must have run first."""
    return run_worker("pressroom.bench.floor", [name, str(sources.resolve()), str(build.resolve())],
                      scratch / f"{name}.floor.json", scratch / f"{name}.floor.log", scratch)


def main(argv: list[str]) -> int:
    name, _sources, build, result = argv
    started = time.perf_counter()
    data = run(name, Path(build))
    data["worker_seconds"] = time.perf_counter() - started
    write_result(result, data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
