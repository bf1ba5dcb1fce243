"""Runs reduced to medians, ratios taken within each run, the issue's targets checked, and the
results printed as a table (the JSON keeps every run)."""

from __future__ import annotations

import statistics

from .stages import stages

TARGET_RATIO = 1.10           # whole build ÷ floor, at 1× and 10×
TARGET_PDF_EXTRACTION_SHARE = 0.10  # reading the report's PDF as a source ÷ its build (issue 12)
TARGET_NORMALISER_SHARE = 0.02
TARGET_GROWTH = 55            # time at 50× ÷ time at 1×
TARGET_PEAK_MIB = 2048        # the 50× PDF
TARGET_NOOP_SECONDS = 0.2


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(runs: list[dict]) -> dict:
    """One workload's runs → medians (times), maxima (peaks) and per-run ratios' medians."""
    def med(path) -> float:
        return _median([path(run) for run in runs])

    stages = {}
    for stage in runs[0]["stages"]:
        keys = set().union(*(run["stages"][stage]["split"] for run in runs))
        stages[stage] = {
            "seconds": med(lambda r: r["stages"][stage]["seconds"]),
            "cpu": med(lambda r: r["stages"][stage]["cpu"]),
            "peak_mb": max(r["stages"][stage]["peak_mb"] for r in runs),
            "split": {k: med(lambda r: r["stages"][stage]["split"].get(k, 0.0)) for k in sorted(keys)},
            "calls": runs[-1]["stages"][stage].get("calls", {}),
        }
    whole = {}
    for part in ("build", "floor"):
        keys = set().union(*(run[part]["split"] for run in runs))
        whole[part] = {"seconds": med(lambda r: r[part]["seconds"]), "cpu": med(lambda r: r[part]["cpu"]),
                       "peak_mb": max(r[part]["peak_mb"] for r in runs),
                       "split": {k: med(lambda r: r[part]["split"].get(k, 0.0)) for k in sorted(keys)}}
    pdf = runs[-1]["stages"]["pdf"]
    laid = pdf.get("pdf_layout", {})
    if laid:  # the workers' own figures, medians like the rest
        laid = {**laid, **{key: med(lambda r: r["stages"]["pdf"]["pdf_layout"][key])
                           for key in ("worker_layout_seconds", "worker_finish_seconds")}}
    loads = [load for run in runs for load in run.get("load_average", ())]
    return {
        "stages": stages, **whole,
        "pages": runs[-1]["floor"].get("pages"),
        # Every layout: this process's (the single pass, or the contents of a chunked one) and
        # the workers'.
        "pdf_layouts": pdf["calls"].get("weasyprint layout", 0) + laid.get("worker_layouts", 0),
        "pdf_layout": laid,
        # CPU seconds (the process, its workers and pandoc) per second of wall time: about 2
        # when a chunked PDF had both cores of a 2-core machine, about 1 when other work took one.
        "pdf_cores_busy": med(lambda r: r["stages"]["pdf"]["cpu"] / r["stages"]["pdf"]["seconds"]),
        "build_cores_busy": med(lambda r: r["build"]["cpu"] / r["build"]["seconds"]),
        "load_average": [min(loads), max(loads)] if loads else None,
        "overhead_ratio": med(lambda r: r["build"]["seconds"] / r["floor"]["seconds"]),
        "overhead_ratio_cpu": med(lambda r: r["build"]["cpu"] / r["floor"]["cpu"]),
        "normaliser_share": med(lambda r: r["build"]["split"]["normalise"] / r["build"]["seconds"]),
        "normaliser_share_cpu": med(lambda r: r["stages"]["normalise"]["cpu"] / r["build"]["cpu"]),
    }


def targets(results: dict) -> dict:
    """The issue's targets, each with the measured value and whether it is met (None: not run)."""
    work = results["workloads"]

    def scale(n: int) -> dict | None:
        return next((v for v in work.values() if v["scale"] == n and v["kind"] == "report"), None)

    out: dict = {}
    for n in (1, 10):
        s = scale(n)
        out[f"overhead_ratio_{n}x"] = _check(s and s["overhead_ratio"], TARGET_RATIO)
    shares = {name: v["normaliser_share"] for name, v in work.items()}
    out["normaliser_share"] = {"value": shares,
                               "met": all(v < TARGET_NORMALISER_SHARE for v in shares.values()),
                               "target": TARGET_NORMALISER_SHARE}
    one, fifty = scale(1), scale(50)
    if one and "pdf_source" in one:  # reading the report's PDF as a source, against its build
        out["pdf_extraction_share_1x"] = _check(one["pdf_source"]["extraction_share_of_build"],
                                                TARGET_PDF_EXTRACTION_SHARE)
    if one and fifty:
        out["normaliser_growth_50x"] = _check(fifty["stages"]["normalise"]["seconds"]
                                              / one["stages"]["normalise"]["seconds"], TARGET_GROWTH)
        out["build_growth_50x"] = _check(fifty["build"]["seconds"] / one["build"]["seconds"], TARGET_GROWTH)
        out["peak_mib_50x_pdf"] = _check(max(fifty["stages"]["pdf"]["peak_mb"], fifty["build"]["peak_mb"]),
                                         TARGET_PEAK_MIB)
    make = results.get("make")
    if make:
        out["noop_make_seconds"] = _check(make["noop_make_seconds"], TARGET_NOOP_SECONDS)
        edit = make["edit_one_sentence"]
        out["edit_rebuilds_only_that_source"] = {"value": edit.get("would_rebuild"),
                                                 "met": edit.get("only_that_source")}
        if "speedup_j2" in make:
            out["make_j2_speedup"] = {"value": make["speedup_j2"], "met": make["speedup_j2"] > 1.3,
                                      "note": "informational: a busy shared machine caps it"}
    return out


def how_laid_out(laid: dict) -> str:
    """The pdf stage's layout in words: in chunks by how many workers, or in one pass and why."""
    if not laid:
        return "layout not recorded"
    if not laid["chunked"]:
        return "in one pass" + (f" ({laid['refused']})" if laid.get("refused") else
                                f" ({laid['jobs']} job)")
    return (f"in {laid['chunks']} chunks by {laid['jobs']} workers ({laid['laid_out']} laid out, "
            f"{laid['from_cache']} from the cache, {laid['rounds']} round(s))")


def _check(value: float | None, limit: float) -> dict:
    return {"value": value, "target": limit, "met": None if value is None else value <= limit}


def table(results: dict) -> str:
    """Medians in seconds (wall), peak memory in MiB, ratios within each run."""
    head = (f"{'workload':<22}{'pages':>6}{'runs':>5}" + "".join(f"{c:>10}" for c in stages())
            + f"{'layout':>9}{'write':>8}{'build':>9}{'floor':>9}{'ratio':>7}{'cpu×':>7}"
            + f"{'norm%':>7}{'peak':>7}")
    lines = [head, "-" * len(head)]
    for name, w in results["workloads"].items():
        pdf, laid = w["stages"]["pdf"], w.get("pdf_layout") or {}
        seconds = pdf["split"].get("weasyprint layout", 0) + laid.get("worker_layout_seconds", 0)
        layout = f"{seconds:.2f}×{w['pdf_layouts'] or 0}"
        write = pdf["split"].get("weasyprint write", 0) + laid.get("worker_finish_seconds", 0)
        lines.append(
            f"{name:<22}{w['pages'] or 0:>6}{w['runs']:>5}"
            + "".join(f"{w['stages'][c]['seconds']:>10.2f}" for c in stages())
            + f"{layout:>9}{write:>8.2f}"
            + f"{w['build']['seconds']:>9.2f}{w['floor']['seconds']:>9.2f}"
            + f"{w['overhead_ratio']:>7.2f}{w['overhead_ratio_cpu']:>7.2f}"
            + f"{100 * w['normaliser_share']:>6.1f}%{max(w['build']['peak_mb'], pdf['peak_mb']):>7.0f}")
    lines.append("")
    lines.append("seconds are medians of wall time; layout = total of the pdf stage's WeasyPrint "
                 "layouts (its workers' included, summed over them) × their number; write = its PDF "
                 "writing (a chunk's margin boxes with it); ratio = whole build ÷ floor (wall), cpu× "
                 "the same in CPU time; norm% = normaliser ÷ whole build; peak = MiB, the larger of "
                 "build and pdf stage")
    for name, w in results["workloads"].items():
        if "pdf_cores_busy" in w:
            lines.append(f"pdf stage, {name}: {how_laid_out(w.get('pdf_layout') or {})}; "
                         f"{w['pdf_cores_busy']:.2f} cores busy (CPU ÷ wall), the whole build "
                         f"{w['build_cores_busy']:.2f}" + (
                             "; load average {:.1f}–{:.1f}".format(*w["load_average"])
                             if w.get("load_average") else ""))
    for name, w in results["workloads"].items():
        p = w.get("pdf_source")
        if p:
            lines.append(f"pdf source, {name}: {p['pages']} pages, extraction {p['extraction_seconds']:.3f} s "
                         f"({p['extraction_ms_per_page']:.1f} ms/page, {p['extraction_share_of_build']:.1%} "
                         f"of the build), whole reader {p['reader_seconds']:.3f} s")
    for name, w in results["workloads"].items():
        h = w.get("hyphenation")
        if h:
            lines.append(
                f"hyphenation, {name}: layout {h['cost']:+.0%} ({h['auto']['layout_seconds']:.2f} s "
                f"against {h['off']['layout_seconds']:.2f} s off); loose lines "
                f"{h['auto']['loose_share']:.1%} against {h['off']['loose_share']:.1%} off; extra word "
                f"space p90 {h['auto']['p90_extra_em']:.2f} em against {h['off']['p90_extra_em']:.2f}; "
                f"{h['auto']['hyphenated_lines']} hyphenated lines; pages {h['auto']['pages']} against "
                f"{h['off']['pages']}")
    make = results.get("make")
    if make:
        edit = make["edit_one_sentence"]
        lines.append(f"make no-op: {make['noop_make_seconds']:.3f} s (make -q {make['noop_make_q_seconds']:.3f} s)"
                     f"; one sentence edited → rebuilds {len(edit.get('would_rebuild', []))} files, "
                     f"only that source: {edit.get('only_that_source')}")
        if "speedup_j2" in make:
            lines.append(f"full make -j1 {make['full_build_j1']['seconds']:.1f} s, -j2 "
                         f"{make['full_build_j2']['seconds']:.1f} s (speedup {make['speedup_j2']:.2f}, "
                         f"{make['full_build_j2']['cores_busy']:.2f} cores busy)")
    lines.append("")
    for key, target in results["targets"].items():
        value = target["value"]
        shown = (f"{value:.3f}" if isinstance(value, float) else
                 ", ".join(f"{k} {v:.1%}" for k, v in value.items()) if isinstance(value, dict) else value)
        verdict = {True: "met", False: "MISSED", None: "not run"}[target["met"]]
        lines.append(f"target {key:<32} {verdict:<8} {shown}")
    return "\n".join(lines)
