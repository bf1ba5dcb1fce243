"""The `pressroom` command: subcommands, logging, and errors mapped to exit codes; no logic."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from . import __version__, pipeline
from .errors import EXIT_INTERRUPTED, PressroomError, StrictError

EPILOG = """exit status: 0 success; 1 unexpected failure; 2 usage error; 3 bad input (source text or
metadata); 4 render failure; 5 missing system dependency; 6 warnings under --strict;
130 interrupted."""

DIFF_EPILOG = """exit status: 0 no changes; 1 something changed (or an unexpected failure); 2 usage
error; 4 the report could not be written; 5 missing system dependency."""

log = logging.getLogger("pressroom")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _logging(args.verbose, args.quiet)
    if getattr(args, "jobs", None):  # the renderer reads it where it lays out (render/pdf_parallel.py)
        os.environ["PRESSROOM_JOBS"] = args.jobs
    signal.signal(signal.SIGTERM, _terminate)
    try:
        status = args.func(args)
    except PressroomError as exc:
        print(f"pressroom: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("pressroom: interrupted; outputs already written are intact", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 1
    return status or 0


def _terminate(signum, frame):  # SIGTERM unwinds like Ctrl-C, so temporary files are removed
    raise KeyboardInterrupt


def _logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("pressroom: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def _report(args):
    def report(state) -> None:
        # -v shows everything; -q only what can fail the build (warnings); notices otherwise too
        shown = {"info", "notice", "warning"} if args.verbose else {"warning"} if args.quiet \
            else {"notice", "warning"}
        for diagnostic in state.diagnostics.items:
            if diagnostic.severity in shown:
                print(diagnostic, file=sys.stderr)
        if args.strict and state.diagnostics.warnings:
            raise StrictError(f"{len(state.diagnostics.warnings)} warning(s) and --strict", state.path)
    return report


def _normalise(args) -> None:
    to_stdout = args.output in (None, "-")  # `-o -`: standard output, as the convention has it
    state = pipeline.normalise(Path(args.source), None if to_stdout else Path(args.output),
                               audit=Path(args.audit) if args.audit else None,
                               dump_dir=Path(args.dump_dir) if args.dump_dir else None,
                               stop_after=args.stop_after, max_bytes=args.max_size * 2**20)
    _report(args)(state)
    if to_stdout and args.stop_after is None:
        sys.stdout.write(state.text)


def _render(args) -> None:
    md = Path(args.document)
    name = md.stem
    sources = Path(args.sources)
    date_paths = pipeline.source_paths(name, sources) + [md]
    from .render import edition_for_format

    editions = list(args.edition or []) + [edition_for_format(f) for f in args.to or []]
    out = Path(args.output) if args.output else None
    pipeline.render(md, editions or None, out.parent if out else md.parent, name, date_paths, out,
                    strict=args.strict, max_bytes=args.max_size * 2**20, sources=sources,
                    checked=args.checked)


def _build(args) -> None:
    pipeline.build(args.names, args.edition, sources=Path(args.sources), build_dir=Path(args.build_dir),
                   report=_report(args), strict=args.strict, max_bytes=args.max_size * 2**20)


def _diff(args) -> int:
    from . import diff

    summary = diff.compare(Path(args.old), Path(args.new), Path(args.output))
    sys.stdout.write(summary.text())
    return 1 if summary.changed else 0


def _init(args) -> None:
    from .project import init

    folder = Path(args.folder)
    init(folder)
    print(f"pressroom: a new project in {folder}/: `cd {folder} && make` builds its editions",
          file=sys.stderr)


def _serve(args) -> None:
    from .render import edition_for_format
    from .serve import serve

    serve(Path(args.source), args.edition or edition_for_format("html"), args.port,
          Path(args.build_dir))


def _editions(args) -> None:
    from .render import load_editions, make_fragment, registry

    if args.make:
        sys.stdout.write(make_fragment())
        return
    editions, default = load_editions()
    for key, edition in editions.items():
        mark = "*" if key in default else " "
        print(f"{mark} {key:<12} {edition.renderer:<5} {edition.output}")
    print(f"formats: {', '.join(registry().names())}")


class _FormatNames:
    """The registered renderer names for `--to`, looked up only when argparse checks or lists them
    (so that `pressroom normalise` never imports the renderers)."""

    def __contains__(self, name: object) -> bool:
        from .render import registry
        return name in registry().names()

    def __iter__(self):
        from .render import registry
        return iter(registry().names())


def _common_options(default) -> argparse.ArgumentParser:
    """-q, -v and --strict, accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=default or False,
                        help="print only warnings and errors")
    common.add_argument("-v", "--verbose", action="count", default=default or 0,
                        help="more detail: timings of every step, info diagnostics")
    common.add_argument("--strict", action="store_true", default=default or False,
                        help="fail (exit 6) on any warning")
    return common


def _jobs_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", metavar="N",
                   help="PDF layout workers: a number or 'auto' (the cores); 1 lays out in one pass "
                        "(default: $PRESSROOM_JOBS, else the cores)")


def _parser() -> argparse.ArgumentParser:
    common = _common_options(argparse.SUPPRESS)  # after the subcommand; never resets a default

    parser = argparse.ArgumentParser(prog="pressroom", epilog=EPILOG, parents=[_common_options(None)],
                                     description="Publish messy PDF text exports as canonical "
                                                 "Markdown, PDF, EPUB 3 and HTML.")
    parser.add_argument("--version", action="version", version=f"pressroom {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from .normalise import PASS_NAMES

    p = sub.add_parser("normalise", parents=[common], epilog=EPILOG,
                       help="raw text export, PDF or Markdown → canonical Markdown",
                       description="Normalise a raw text export, a PDF or a Markdown source into "
                                   "canonical Markdown (a Markdown source's images, in the folder "
                                   "named as it beside it, are copied beside the output). "
                                   "Metadata comes from SOURCE.yaml beside it when present.")
    p.add_argument("source", metavar="SOURCE",
                   help="a text export, a PDF or Markdown (told apart by content)")
    p.add_argument("-o", "--output", metavar="OUT.md", help="write here (default, or -: stdout)")
    p.add_argument("--audit", metavar="AUDIT.json", help="write what was removed and changed")
    p.add_argument("--dump-dir", metavar="DIR", help="write the text after each pass into DIR")
    p.add_argument("--stop-after", choices=PASS_NAMES, metavar="PASS",
                   help=f"stop after this pass (one of: {', '.join(PASS_NAMES)})")
    p.add_argument("--max-size", type=int, default=64, metavar="MiB",
                   help="refuse sources larger than this (default: 64)")
    p.set_defaults(func=_normalise)

    p = sub.add_parser("render", parents=[common], epilog=EPILOG,
                       help="canonical Markdown → HTML, EPUB or PDF",
                       description="Render a canonical Markdown file into editions.")
    p.add_argument("document", metavar="DOC.md")
    p.add_argument("--to", action="append", choices=_FormatNames(), metavar="FORMAT",
                   help="a format's first default edition (%(choices)s); "
                        "repeatable")
    p.add_argument("--edition", action="append", metavar="NAME",
                   help="edition from editions.yaml (see `pressroom editions`); repeatable")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (one edition only)")
    p.add_argument("--sources", default="sources", metavar="DIR",
                   help="where the document's source lives, for the build date (default: sources)")
    p.add_argument("--max-size", type=int, default=pipeline.MAX_RENDER_BYTES // 2**20, metavar="MiB",
                   help="refuse Markdown larger than this (default: %(default)s)")
    p.add_argument("--checked", action="store_true",
                   help="`pressroom normalise` already reported the source's images and links: "
                        "show those warnings again only with -v (make passes it, so that each "
                        "is printed once, not once per edition)")
    _jobs_option(p)
    p.set_defaults(func=_render)

    p = sub.add_parser("build", parents=[common], epilog=EPILOG,
                       help="normalise and render the named sources (default: all)",
                       description="Build every edition of the named sources (default: all).")
    p.add_argument("names", nargs="*", metavar="NAME")
    p.add_argument("--edition", action="append", metavar="NAME",
                   help="edition(s) to build (default: the default set of editions.yaml)")
    p.add_argument("--sources", default="sources", metavar="DIR")
    p.add_argument("--build-dir", default="build", metavar="DIR")
    p.add_argument("--max-size", type=int, default=pipeline.MAX_RENDER_BYTES // 2**20, metavar="MiB",
                   help="refuse sources larger than this (default: %(default)s)")
    _jobs_option(p)
    p.set_defaults(func=_build)

    p = sub.add_parser("diff", parents=[common], epilog=DIFF_EPILOG,
                       help="compare two build folders for review (exit 1 when they differ)",
                       description="Compare the editions in OLD_DIR and NEW_DIR (build folders or "
                                   "one document's folder): Markdown, structure, PDF pages, EPUB "
                                   "and HTML text. Prints a summary; writes OUT/index.html.")
    p.add_argument("old", metavar="OLD_DIR")
    p.add_argument("new", metavar="NEW_DIR")
    p.add_argument("-o", "--output", default="build/diff", metavar="OUT",
                   help="folder for the HTML report (default: build/diff)")
    p.set_defaults(func=_diff)

    p = sub.add_parser("init", parents=[common], epilog=EPILOG,
                       help="start a new project in DIR (sources, editions, Makefile)",
                       description="Create DIR with sources/ (a sample document and its metadata), "
                                   "editions.yaml, a Makefile that calls the installed pressroom, "
                                   ".gitignore and a README. DIR must be new or empty.")
    p.add_argument("folder", metavar="DIR")
    p.set_defaults(func=_init)

    p = sub.add_parser("serve", parents=[common], epilog=EPILOG,
                       help="live preview of a source's HTML edition on localhost",
                       description="Build the HTML edition of SOURCE and serve it on 127.0.0.1; "
                                   "rebuild it when the source, its metadata, editions.yaml or a "
                                   "file of templates/ changes, and reload the page. Errors are "
                                   "shown in the page. Ctrl-C stops.")
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("--port", type=int, default=8000,
                   help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    p.add_argument("--edition", metavar="NAME",
                   help="an HTML edition of editions.yaml (default: the first html one)")
    p.add_argument("--build-dir", default="build", metavar="DIR",
                   help="the preview is built into DIR/serve/NAME/ (default: build)")
    p.set_defaults(func=_serve)

    p = sub.add_parser("editions", parents=[common], help="list the editions (default ones starred)",
                       description="List the editions declared in editions.yaml.")
    p.add_argument("--make", action="store_true", help="print them as Makefile variables")
    p.set_defaults(func=_editions)
    return parser


if __name__ == "__main__":
    sys.exit(main())
