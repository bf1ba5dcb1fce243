"""The PDF laid out in chunks against the single pass, on the same Markdown in the same run: cold
builds with 1 and 2 workers (and the machine's cores when more), a warm build (every chunk in
the cache), one edited sentence rebuilt with the warm cache, cache hit rates, peak memory per
worker, and a model of more cores from the measured per-chunk times.

Each build runs in a fresh process (`python -m pressroom.bench.parallel MODE …`), the modes in
an order that turns with each run, so that no mode always meets the same state of a shared
machine. Ratios are taken within a run, then the median over runs.

Standalone: `python -m pressroom.bench.parallel --scales 1,10 --runs 3` (`make bench-parallel`);
`make bench` runs it for each report workload too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .probe import run_worker, write_result

# Cores the paper model predicts for, beyond the ones measured.
MODEL_CORES = (1, 2, 4, 8, 16)
EDIT_FROM, EDIT_TO = " the ", " our "  # the edited sentence: one word, about as wide


def edit_one_sentence(text: str) -> str:
    """The Markdown with one word changed in the paragraph at the middle of the body."""
    middle = len(text) // 2
    start = text.index("\n\n", middle) + 2
    at = text.index(EDIT_FROM, start)
    return text[:at] + EDIT_TO + text[at + len(EDIT_FROM):]


# --- child side ------------------------------------------------------------------------------

def run(mode: str, md: Path, build_dir: Path, jobs: int, cache_dir: str) -> dict:
    import datetime
    import io

    import pikepdf

    from ..document import load
    from ..render import select
    from ..render import pdf as single
    from ..render import pdf_cache, pdf_layout, pdf_parallel

    started = time.perf_counter()
    doc = load(md)
    edition = next(e for e in select(None) if e.renderer == "pdf")
    date = datetime.datetime(2024, 6, 1, 12, 0, 0)
    single.weasyprint()  # imported before the clock starts in every mode alike
    begun = time.perf_counter()
    result: dict = {"mode": mode, "jobs": jobs, "setup_seconds": begun - started}
    if mode == "single":
        data = single.pdf_bytes(doc, edition, date, build_dir, [], jobs=1)
    elif mode == "weasyprint":  # one layout of the print HTML, no note or hyphenation pass
        fetcher, fonts, options = single.weasyprint_setup(doc.meta, edition, doc.asset_folder)
        html = single.weasyprint().HTML(string=single.print_html(doc, date), url_fetcher=fetcher,
                                        base_url=build_dir.resolve().as_uri() + "/")
        data = html.render(font_config=fonts, **options).write_pdf(**options)
    else:
        cache = None if cache_dir == "off" else pdf_cache.Cache(
            Path(cache_dir), pdf_cache.DEFAULT_LIMIT_MB * 2**20,
            pdf_cache.code_salt(edition, pdf_layout.sheet_texts(edition)))
        report = pdf_parallel.Report()
        data = pdf_parallel.chunked_pdf(doc, edition, date, build_dir, jobs, [], report, cache)
        if data is None:
            raise RuntimeError(f"not chunked: {report.refused}")
        result.update(chunks=report.chunks, laid_out=report.laid_out,
                      from_cache=report.from_cache, rounds=report.rounds,
                      chunk_seconds=report.seconds, finish_seconds=report.finish_seconds,
                      worker_peak_mb=report.peak_rss_mb, cache_hits=report.cache_hits,
                      cache_misses=report.cache_misses)
    result["seconds"] = time.perf_counter() - begun
    result["bytes"] = len(data)
    result["pages"] = len(pikepdf.open(io.BytesIO(data)).pages)
    return result


def main_child(argv: list[str]) -> int:
    mode, md, build_dir, jobs, cache_dir, result = argv
    write_result(result, run(mode, Path(md), Path(build_dir), int(jobs), cache_dir))
    return 0


# --- parent side -----------------------------------------------------------------------------

def _child(mode: str, md: Path, scratch: Path, jobs: int = 1, cache: Path | str = "off") -> dict:
    return run_worker("pressroom.bench.parallel",
                      ["child", mode, str(md.resolve()), str(md.parent.resolve()), str(jobs),
                       str(cache)],
                      scratch / f"parallel-{mode}.json", scratch / f"parallel-{mode}.log", scratch)


def measure(name: str, build: Path, scratch: Path, runs: int, say=print,
            modes: list[str] | None = None) -> dict:
    """Every mode on build/NAME/NAME.md (or `modes`, in their order: single, weasyprint, cold-N,
    warm, edit), `runs` times; medians and ratios."""
    md = build / name / f"{name}.md"
    edited = md.with_name(f"{name}-edited.md")
    edited.write_text(edit_one_sentence(md.read_text(encoding="utf-8")), encoding="utf-8")
    from ..render.pdf_workers import cores

    worker_counts = sorted({1, 2, cores()}) if not modes else \
        sorted(int(mode[5:]) for mode in modes if mode.startswith("cold-"))
    collected = []
    for number in range(runs):
        caches = {jobs: scratch / f"cache-{name}-{number}-{jobs}" for jobs in worker_counts}
        for folder in caches.values():
            shutil.rmtree(folder, ignore_errors=True)
        one = {}
        order = ["single", "weasyprint", *[f"cold-{j}" for j in worker_counts]]
        if number % 2:
            order.reverse()
        if modes:
            order = [mode for mode in modes if mode not in ("warm", "edit")]
        for mode in order:
            if mode.startswith("cold-"):
                jobs = int(mode[5:])
                one[mode] = _child("chunked", md, scratch, jobs, caches[jobs])
            else:
                one[mode] = _child(mode, md, scratch)
            say(f"  {name} {mode:<12} {one[mode]['seconds']:7.2f} s")
        top = max(worker_counts)
        if not modes or "warm" in modes:
            one["warm"] = _child("chunked", md, scratch, top, caches[top])
            say(f"  {name} {'warm':<12} {one['warm']['seconds']:7.2f} s")
        if not modes or "edit" in modes:
            one["edit"] = _child("chunked", edited, scratch, top, caches[top])
            say(f"  {name} {'edit':<12} {one['edit']['seconds']:7.2f} s "
                f"({one['edit']['laid_out']} of {one['edit']['chunks']} chunks laid out)")
        one["load_average"] = os.getloadavg()  # the machine's other users, after the run
        say(f"  {name} load average {one['load_average'][0]:.1f}")
        collected.append(one)
        for folder in caches.values():
            shutil.rmtree(folder, ignore_errors=True)
    return summarise(collected, worker_counts)


def summarise(runs: list[dict], worker_counts: list[int]) -> dict:
    def med(value) -> float:
        return statistics.median(value(run) for run in runs)

    single = lambda r: r["single"]["seconds"]  # noqa: E731
    plain = "weasyprint" in runs[-1]
    out = {"runs": runs, "single_seconds": med(single),
           "pages": runs[-1]["single"]["pages"],
           "single_bytes": runs[-1]["single"]["bytes"],
           "chunked_bytes": runs[-1][f"cold-{worker_counts[-1]}"]["bytes"],
           "chunks": runs[-1][f"cold-{worker_counts[-1]}"]["chunks"],
           "load_average": [r["load_average"][0] for r in runs]}
    if plain:
        out["weasyprint_seconds"] = med(lambda r: r["weasyprint"]["seconds"])
    for jobs in worker_counts:
        key = f"cold-{jobs}"
        out[f"cold_{jobs}_seconds"] = med(lambda r: r[key]["seconds"])
        out[f"cold_{jobs}_ratio"] = med(lambda r: r[key]["seconds"] / single(r))
        if plain:
            out[f"cold_{jobs}_to_weasyprint"] = med(
                lambda r: r[key]["seconds"] / r["weasyprint"]["seconds"])
        out[f"cold_{jobs}_worker_peak_mb"] = max(max(r[key]["worker_peak_mb"] or [0]) for r in runs)
    if "warm" in runs[-1]:
        out["warm_ratio"] = med(lambda r: r["warm"]["seconds"] / single(r))
    if "edit" in runs[-1]:
        out["edit_ratio"] = med(lambda r: r["edit"]["seconds"] / single(r))
        if plain:
            out["edit_to_weasyprint"] = med(
                lambda r: r["edit"]["seconds"] / r["weasyprint"]["seconds"])
        out["edit_laid_out"] = runs[-1]["edit"]["laid_out"]
    for mode in ("warm", "edit"):
        if mode in runs[-1]:
            hits = sum(r[mode]["cache_hits"] for r in runs)
            looked = hits + sum(r[mode]["cache_misses"] for r in runs)
            out[f"{mode}_hit_rate"] = hits / looked if looked else 0.0
    # The model from the fewest workers measured (one: its chunk times met no other worker).
    out["model"] = model(runs[-1][f"cold-{worker_counts[0]}"])
    return out


def model(one_worker: dict) -> dict:
    """The time with n cores, from one worker's run: the part no worker does (split, the
    contents, the merge: the run's time less its chunks' times) plus the chunks dealt in reading
    order to whichever worker is free first (each chunk's layout and PDF writing as measured).
    It leaves out the waits for earlier chunks' page counts and the machine's other users."""
    chunks = [a + b for a, b in zip(one_worker["chunk_seconds"], one_worker["finish_seconds"])]
    serial = max(0.0, one_worker["seconds"] - sum(chunks))
    predicted = {}
    for cores in MODEL_CORES:
        free = [0.0] * cores
        for seconds in chunks:
            at = free.index(min(free))
            free[at] += seconds
        predicted[str(cores)] = serial + max(free)
    return {"serial_seconds": serial, "chunk_seconds": chunks, "largest_chunk": max(chunks),
            "predicted_seconds": predicted,
            "predicted_ratio_to_one_worker": {k: v / predicted["1"] for k, v in predicted.items()}}


def table(name: str, result: dict, worker_counts=(1, 2)) -> str:
    plain = result.get("weasyprint_seconds")
    lines = [f"{name}: {result['pages']} pages, {result['chunks']} chunks; single pass "
             f"{result['single_seconds']:.2f} s" +
             (f" (one WeasyPrint layout {plain:.2f} s)" if plain else "") +
             "; load average " + ", ".join(f"{load:.1f}" for load in result["load_average"])]
    for jobs in worker_counts:
        if f"cold_{jobs}_ratio" in result:
            lines.append(f"  cold, {jobs} worker(s): {result[f'cold_{jobs}_seconds']:.2f} s = "
                         f"{result[f'cold_{jobs}_ratio']:.2f}× single" +
                         (f", {result[f'cold_{jobs}_to_weasyprint']:.2f}× one WeasyPrint layout"
                          if plain else "") +
                         f"; peak per worker {result[f'cold_{jobs}_worker_peak_mb']:.0f} MiB")
    if "warm_ratio" in result:
        lines.append(f"  warm: {result['warm_ratio']:.2f}× (hit rate "
                     f"{result['warm_hit_rate']:.0%})")
    if "edit_ratio" in result:
        lines.append(f"  one sentence edited: {result['edit_ratio']:.2f}× single" +
                     (f", {result['edit_to_weasyprint']:.2f}× WeasyPrint" if plain else "") +
                     f" ({result['edit_laid_out']} chunks laid out, hit rate "
                     f"{result['edit_hit_rate']:.0%})")
    predicted = result["model"]["predicted_ratio_to_one_worker"]
    lines.append("  model (÷ 1 worker): " + ", ".join(f"{k} cores {v:.2f}" for k, v in
                                                       predicted.items()) +
                 f"; serial {result['model']['serial_seconds']:.2f} s, largest chunk "
                 f"{result['model']['largest_chunk']:.2f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child":
        return main_child(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m pressroom.bench.parallel", description=__doc__)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=None,
                        help="runs at the scales above 1× (default: --runs); a 50× run takes an "
                             "hour on a busy 2-core machine")
    parser.add_argument("--large-modes", default=None,
                        help="the modes at the scales above 1×, in this order (e.g. "
                             "cold-2,single,weasyprint; default: all, in turned order)")
    parser.add_argument("-o", "--output", type=Path, default=Path("build/bench/parallel.json"))
    args = parser.parse_args(argv)
    from ..normalise.source import normalise_file
    from .workloads import write_workloads

    scratch = Path(tempfile.mkdtemp(prefix="pressroom-bench-parallel-"))
    results: dict = {"load_average_before": os.getloadavg()}
    try:
        scales = [int(s) for s in args.scales.split(",") if s.strip()]
        for workload in write_workloads(scratch / "sources", scales):
            if workload.scale not in scales or "central" in workload.name:
                continue
            folder = scratch / "build" / workload.name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{workload.name}.md").write_text(normalise_file(workload.txt).text,
                                                        encoding="utf-8")
            print(f"bench parallel: {workload.name}", file=sys.stderr, flush=True)
            runs = args.runs if workload.scale == 1 or args.large_runs is None else args.large_runs
            modes = None if workload.scale == 1 or not args.large_modes else \
                [mode.strip() for mode in args.large_modes.split(",") if mode.strip()]
            results[workload.name] = measure(workload.name, scratch / "build", scratch, runs,
                                             say=lambda m: print(m, file=sys.stderr, flush=True),
                                             modes=modes)
            print(table(workload.name, results[workload.name]), flush=True)
            _write(args.output, results)  # what is measured so far survives a stopped run
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results["load_average_after"] = os.getloadavg()
    _write(args.output, results)
    return 0


def _write(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
