"""Where Pressroom's own time goes (WeasyPrint's layout excluded): cProfile over normalise, parse,
the HTML and EPUB renderers and the print HTML, at one scale of the report.

Run as `python -m pressroom.bench.hotspots [--scale N] [--top N]`.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from .probe import SOURCE_DATE_EPOCH
from .workloads import write_workloads


def _steps(name: str, sources: Path, build: Path):
    from .. import pipeline
    from ..builddate import build_date
    from ..document import load
    from ..render import get_renderer, select
    from ..render.pdf import print_html

    md = build / name / f"{name}.md"
    date = build_date(pipeline.source_paths(name, sources))
    editions = {e.renderer: e for e in select(None)}
    holder: dict = {}
    yield "normalise", lambda: pipeline.normalise(sources / f"{name}.txt", md)
    yield "parse", lambda: holder.update(doc=load(md))
    for renderer in (n for n in editions if n != "pdf"):  # the PDF's own steps follow
        edition = editions[renderer]
        yield renderer, lambda e=edition: get_renderer(e.renderer).render(
            holder["doc"], e, build / name / e.file_name(name), date)
    yield "print html", lambda: print_html(holder["doc"], date)


def profile(scale: int, top: int) -> str:
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    lines = []
    with tempfile.TemporaryDirectory(prefix="pressroom-hotspots-") as scratch:
        sources, build = Path(scratch) / "sources", Path(scratch) / "build"
        name = write_workloads(sources, [scale])[0].name
        for step, function in _steps(name, sources, build):
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.runcall(function)
            elapsed = time.perf_counter() - started
            stats = pstats.Stats(profiler)
            lines.append(f"== {step}: {elapsed:.2f} s at {scale}×; top functions by own time")
            rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
            for (path, line, function_name), (_, calls, own, cumulative, _) in rows:
                where = _short(path)
                lines.append(f"  {own:7.3f} s own {cumulative:7.3f} s cum {calls:>8} calls  "
                             f"{where}:{line} {function_name}")
    return "\n".join(lines)


def _short(path: str) -> str:
    for marker in ("/pressroom/", "/site-packages/", "/lib/python"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pressroom.bench.hotspots", description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args(argv)
    print(profile(args.scale, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
