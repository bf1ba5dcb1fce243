"""python -m pressroom.corpus build | score | report   (see `--help` of each)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import PressroomError
from .build import JOBS, build
from .floors import case_label
from .report import report_markdown, table_markdown

DEFAULT_OUT = Path("build/corpus")


def _names(value: str | None) -> list[str] | None:
    return [v for v in value.split(",") if v] if value else None


def _write(out: Path, results: dict) -> None:
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    (out / "report.md").write_text(report_markdown(results), encoding="utf-8")


def _floors(out: Path, write: bool) -> int:
    from .floors import FLOORS, check, load, raised

    spec = load()
    out.mkdir(parents=True, exist_ok=True)
    results = build(out, jobs=JOBS, **spec["subset"])
    below = check(results, spec)
    for case in results["cases"]:
        label = case_label(case)
        print(f"{case['score']['total']:6.1f}  floor {spec['floors'].get(label, '—'):>5}  {label}")
    if write:
        FLOORS.write_text(json.dumps(raised(results, spec), indent=1) + "\n", encoding="utf-8")
        print(f"floors raised where the scores are higher: {FLOORS}")
        return 0
    for line in below:
        print(f"below floor: {line}", file=sys.stderr)
    return 1 if below else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pressroom.corpus",
                                     description="The normaliser's corpus with known truth.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="typeset, extract, normalise and score (cached); print the table")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (build/corpus)")
    b.add_argument("--jobs", type=int, default=JOBS, help=f"worker processes ({JOBS})")
    for what in ("documents", "designs", "engines", "extractors"):
        b.add_argument(f"--{what}", metavar="A,B", help=f"only these {what} (default: all)")
    s = sub.add_parser("score", help="score one normalised Markdown against its truth (JSON)")
    s.add_argument("truth", type=Path)
    s.add_argument("output", type=Path)
    s.add_argument("--audit", type=Path, help="the normaliser's audit of the output")
    f = sub.add_parser("floors", help="run the fast subset of tests/corpus/floors.json; with "
                       "--write raise its floors to today's scores (never lower them)")
    f.add_argument("--out", type=Path, default=Path("build/corpus-floors"))
    f.add_argument("--write", action="store_true")
    r = sub.add_parser("report", help="print the table of an earlier build")
    r.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            args.out.mkdir(parents=True, exist_ok=True)
            results = build(args.out, jobs=args.jobs, documents=_names(args.documents),
                            designs=_names(args.designs), engines=_names(args.engines),
                            extractors=_names(args.extractors))
            _write(args.out, results)
            print(table_markdown(results))
            print(f"\ncorpus mean {results['corpus_mean']}; invariants "
                  + ", ".join(f"{k} {v}" for k, v in results["invariants"].items())
                  + f"; {results['run']['seconds']} s; {args.out / 'report.md'}")
        elif args.command == "score":
            from .score import score
            audit = json.loads(args.audit.read_text(encoding="utf-8")) if args.audit else None
            result = score(args.truth.read_text(encoding="utf-8"),
                           args.output.read_text(encoding="utf-8"), audit)
            print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        elif args.command == "floors":
            return _floors(args.out, args.write)
        else:
            results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
            print(table_markdown(results))
    except PressroomError as exc:
        print(f"pressroom corpus: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(f"pressroom corpus: {exc}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
