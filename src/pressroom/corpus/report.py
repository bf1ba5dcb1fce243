"""The corpus results: results.json (every case, the table, the invariants) and report.md."""

from __future__ import annotations

from statistics import mean

from .extract import SOURCES
from .score import COMPONENTS, INVARIANTS, WEIGHTS


# How many of the lowest cases report.md lists by name.
LOWEST = 10


def _column(case: dict) -> str:
    return f"{case['design']} / {case['engine']}"


def summarise(cases: list[dict]) -> dict:
    cases = sorted(cases, key=lambda c: (c["document"], c["design"], c["engine"], c["extractor"]))
    order = {name: i for i, name in enumerate(SOURCES)}
    extractors = sorted({c["extractor"] for c in cases}, key=lambda e: (order.get(e, len(order)), e))
    columns = list(dict.fromkeys(_column(c) for c in sorted(
        cases, key=lambda c: (c["engine"], c["design"]))))
    table = {}
    for extractor in extractors:
        row = {}
        for column in columns:
            totals = [c["score"]["total"] for c in cases
                      if c["extractor"] == extractor and _column(c) == column]
            if totals:
                row[column] = round(mean(totals), 1)
        table[extractor] = row
    totals = [c["score"]["total"] for c in cases]
    invariants = {name: sum(c["score"]["counts"].get(name, 0) for c in cases) for name in INVARIANTS}
    lowest = min(cases, key=lambda c: c["score"]["total"]) if cases else None
    return {
        "weights": WEIGHTS,
        "cases": cases,
        "table": {"rows": extractors, "columns": columns, "cells": table},
        "corpus_mean": round(mean(totals), 2) if totals else None,
        "components_mean": {k: round(mean(c["score"][k] for c in cases), 2) for k in COMPONENTS}
        if cases else {},
        "lowest_case": _label(lowest) if lowest else None,
        "lowest_total": lowest["score"]["total"] if lowest else None,
        "cases_below_90": sum(t < 90 for t in totals),
        "invariants": invariants,
        "by_document": {d: round(mean(c["score"]["total"] for c in cases if c["document"] == d), 1)
                        for d in sorted({c["document"] for c in cases})},
        "components_by_extractor": {
            e: {k: round(mean(c["score"][k] for c in cases if c["extractor"] == e), 1)
                for k in COMPONENTS} for e in extractors},
        "failures": [{"case": _label(c), "error": c["error"]} for c in cases if c.get("error")],
        "pages": {f"{c['document']} {c['design']} {c['engine']}": c["pages"] for c in cases},
    }


def _label(case: dict) -> str:
    return f"{case['document']} {case['design']} {case['engine']} {case['extractor']}"


def table_markdown(results: dict) -> str:
    table = results["table"]
    columns = table["columns"]
    lines = ["| extractor | " + " | ".join(columns) + " | mean |",
             "|---|" + "---:|" * (len(columns) + 1)]
    for extractor in table["rows"]:
        row = table["cells"][extractor]
        values = [row.get(c) for c in columns]
        present = [v for v in values if v is not None]
        tail = f" | {mean(present):.1f} |" if present else " |  |"
        lines.append(f"| {extractor} | " + " | ".join("" if v is None else f"{v:.1f}" for v in values)
                     + tail)
    column_means = []
    for column in columns:
        values = [table["cells"][r][column] for r in table["rows"] if column in table["cells"][r]]
        column_means.append(f"{mean(values):.1f}" if values else "")
    lines.append("| **mean** | " + " | ".join(column_means) +
                 f" | **{results['corpus_mean']:.1f}** |")
    return "\n".join(lines)


def report_markdown(results: dict) -> str:
    inv = results["invariants"]
    run = results.get("run", {})
    parts = [
        "# Corpus results",
        "",
        f"{len(results['cases'])} cases: {len({c['document'] for c in results['cases']})} documents × "
        f"{len(results['table']['columns'])} design/engine pairs × {len(results['table']['rows'])} "
        "extractors. Each cell is the mean total score (0–100) over the documents; the total is "
        "the weighted mean of the components (" +
        ", ".join(f"{k} {v}" for k, v in results["weights"].items()) + ").",
        "",
        table_markdown(results),
        "",
        f"Corpus mean **{results['corpus_mean']}**; lowest case {results['lowest_total']} "
        f"({results['lowest_case']}); {results['cases_below_90']} cases below 90.",
        "",
        "Component means: " + ", ".join(f"{k} {v}" for k, v in results["components_mean"].items()) + ".",
        "",
        "## Invariants (should all be 0)",
        "",
        "| invariant | count |",
        "|---|---:|",
        *[f"| {k.replace('_', ' ')} | {v} |" for k, v in inv.items()],
        "",
    ]
    parts += ["## Components by extractor (means over every design, engine and document)", "",
              "| extractor | " + " | ".join(COMPONENTS) + " |",
              "|---|" + "---:|" * len(COMPONENTS)]
    parts += [f"| {e} | " + " | ".join(f"{v[k]:.1f}" for k in COMPONENTS) + " |"
              for e, v in results["components_by_extractor"].items()] + [""]
    parts += ["## By document (mean total over every case)", "", "| document | mean |", "|---|---:|"]
    parts += [f"| {d} | {v:.1f} |" for d, v in results["by_document"].items()] + [""]
    worst = sorted(results["cases"], key=lambda c: c["score"]["total"])[:LOWEST]
    parts += [f"## The {len(worst)} lowest cases", ""]
    parts += [f"- {c['score']['total']:.1f} {_label(c)}: "
              + ", ".join(f"{k} {c['score'][k]:.0f}" for k in COMPONENTS) for c in worst] + [""]
    if results["failures"]:
        parts += ["## Normaliser failures", ""]
        parts += [f"- {f['case']}: {f['error']}" for f in results["failures"]] + [""]
    if run:
        parts += [f"Run: {run.get('seconds')} s with {run.get('jobs')} processes; redone: "
                  + ", ".join(f"{k} {v}" for k, v in run.get("redone", {}).items()) + ".", ""]
    parts += ["## Every case", "",
              "| document | design | engine | extractor | pages | meta | headings | notes | "
              "paragraphs | words | total | lost | invented | furniture | invented notes | numbers |",
              "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in results["cases"]:
        s, n = c["score"], c["score"]["counts"]
        parts.append(
            f"| {c['document']} | {c['design']} | {c['engine']} | {c['extractor']} | {c['pages']} | "
            + " | ".join(f"{s[k]:.0f}" for k in COMPONENTS)
            + f" | **{s['total']:.1f}** | {n['words_lost']} | {n['words_invented']} | "
              f"{n['furniture_body_words']} | {n['notes_invented']} | {n['numbers_changed']} |")
    return "\n".join(parts) + "\n"
