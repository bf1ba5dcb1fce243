"""`python -m pressroom.bench`: build the workloads, measure every stage, the floor and the whole
build several times, check `make`, print a table and write build/bench/results.json."""

from __future__ import annotations

import argparse
import compileall
import functools
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import floor, hyphenation, machine, makecheck, parallel, pdf_source, report, stages
from .probe import ChildFailed
from .workloads import COMMENTARY, ROOT, write_workloads

RESULTS = Path("build/bench/results.json")
LARGE_SCALE = 50  # from here on a run takes minutes: --large-runs applies


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pressroom.bench", description=__doc__)
    p.add_argument("--runs", type=int, default=3, help="runs per workload below 50× (default 3)")
    p.add_argument("--large-runs", type=int, default=1, help="runs at 50× and above (default 1)")
    p.add_argument("--scales", default="1,10,50", help="report sizes, comma-separated (default 1,10,50)")
    p.add_argument("--quick", action="store_true",
                   help="1× and the commentary, one run, no -j1/-j2 comparison (a minute or two)")
    p.add_argument("--no-make", action="store_true", help="skip the `make` checks")
    p.add_argument("--no-hyphenation", action="store_true",
                   help="skip laying the report out with hyphenation off (below 50×)")
    p.add_argument("--no-parallel", action="store_true",
                   help="skip the PDF in chunks against the single pass (bench/parallel.py)")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder and print its path")
    p.add_argument("-o", "--output", type=Path, default=RESULTS, help=f"JSON file (default {RESULTS})")
    return p


class Progress:
    """One line per step on stderr, with the time since the benchmark started."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"bench {time.perf_counter() - self.started:7.1f}s  {message}", file=sys.stderr, flush=True)


def _one_run(name: str, sources: Path, build: Path, scratch: Path, say: Progress,
             build_first: bool = False) -> dict:
    """The stages, then the floor and the whole build back to back: in the order given, so that
    alternate runs swap them and neither always meets the same state of a shared machine."""
    run: dict = {"stages": {}, "load_average": [os.getloadavg()[0]]}
    for stage in stages.stages():
        run["stages"][stage] = result = stages.measure(stage, name, sources, build, scratch)
        say(f"  {stage:<10} {result['seconds']:7.2f} s  {result['peak_mb']:6.0f} MiB")
    for part in (("build", "floor") if build_first else ("floor", "build")):
        measure = floor.measure if part == "floor" else functools.partial(stages.measure, "build")
        run[part] = result = measure(name, sources, build, scratch)
        say(f"  {part:<10} {result['seconds']:7.2f} s  {result['peak_mb']:6.0f} MiB")
    run["load_average"].append(os.getloadavg()[0])  # the machine's other users, before and after
    say(f"  {'ratio':<10} {run['build']['seconds'] / run['floor']['seconds']:7.2f}  "
        f"(load average {run['load_average'][0]:.1f} → {run['load_average'][1]:.1f})")
    return run


def _write(results: dict, path: Path) -> None:
    results["targets"] = report.targets(results)
    output = path if path.is_absolute() else ROOT / path
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",") if s.strip()]
    say = Progress()
    # Measured as installed: Pressroom's bytecode compiled, as `pip install` and `make` do (with
    # PYTHONDONTWRITEBYTECODE set, each fresh process would otherwise compile ~50 modules again).
    compileall.compile_dir(ROOT / "src" / "pressroom", quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="pressroom-bench-"))
    results: dict = {"machine": machine.describe(), "scales": scales, "workloads": {}}
    try:
        sources, build = scratch / "sources", scratch / "build"
        workloads = write_workloads(sources, scales)
        for workload in workloads:
            runs = 1 if args.quick else args.large_runs if workload.scale >= LARGE_SCALE else args.runs
            collected = []
            for number in range(1, runs + 1):
                say(f"{workload.name} run {number}/{runs}")
                collected.append(_one_run(workload.name, sources, build, scratch, say,
                                          build_first=number % 2 == 0))
            results["workloads"][workload.name] = {
                "kind": "commentary" if workload.name == COMMENTARY else "report",
                "scale": workload.scale, "runs": runs,
                "source_bytes": workload.txt.stat().st_size,
                **report.summarise(collected), "all_runs": collected}
            summary = results["workloads"][workload.name]
            summary["pdf_source"] = pdf_source.measure(workload.name, build, summary["build"]["seconds"])
            say(f"  pdf source {summary['pdf_source']['extraction_ms_per_page']:6.1f} ms/page extraction, "
                f"{100 * summary['pdf_source']['extraction_share_of_build']:.1f} % of the build")
            if workload.name != COMMENTARY and workload.scale < LARGE_SCALE and not args.no_hyphenation:
                say(f"{workload.name}: hyphenation on and off")
                results["workloads"][workload.name]["hyphenation"] = hyphenation.measure(
                    workload.name, sources, build, scratch, runs=3 if workload.scale == 1 else 1)
            if workload.name != COMMENTARY and not args.no_parallel:
                say(f"{workload.name}: PDF in chunks against the single pass")
                results["workloads"][workload.name]["parallel"] = found = parallel.measure(
                    workload.name, build, scratch, runs, say=say)
                print(parallel.table(workload.name, found), file=sys.stderr, flush=True)
            _write(results, args.output)  # partial results survive an interrupted long run
        if not args.no_make:
            say("make: full build, no-op and one-sentence edit in a copy of the project")
            results["make"] = makecheck.check(scratch, parallel=not args.quick)
    except (ChildFailed, RuntimeError, OSError) as exc:
        print(f"bench: failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"bench: scratch folder kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    results["load_average_after"] = machine.describe()["load_average"]
    results["code_changed_during_run"] = machine.code_digest() != results["machine"]["code_digest"]
    if results["code_changed_during_run"]:
        say("warning: Pressroom's code changed while it was measured; the figures mix versions")
    _write(results, args.output)
    print(report.table(results))
    say(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
