"""What hyphenation costs and what it buys in the print PDF: the exact print HTML the build
produced, laid out with the edition's stylesheets as they are ("auto": `hyphens: auto` in
paragraphs) and again with hyphenation switched off ("off"), alternately, several times.

Reported for each: layout time (median), pages, and how loose the justified lines are: the
extra space WeasyPrint adds to each word space to justify a line, in em of the line's font
(median, 90th percentile, and the share of lines above LOOSE_EM: the white "rivers" of a badly
set page). Hyphenation is worth its time when it makes lines clearly tighter.

Run as `python -m pressroom.bench.hyphenation NAME SOURCES_DIR BUILD_DIR RESULT.json`, after the
pdf stage (which leaves the print HTML).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from .probe import run_worker, write_result
from .stages import print_html_path

LOOSE_EM = 0.25     # extra space per word space above this (beside ~0.25 em of its own) is loose
NO_HYPHENATION = "* { hyphens: manual !important; }"


def line_spacing(laid_out) -> list[float]:
    """The justification spacing of every justified line, in em of its text."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    spacing = []
    for page in laid_out.pages:
        for box in page._page_box.descendants():
            if not isinstance(box, LineBox):
                continue
            texts = [child for child in box.descendants() if isinstance(child, TextBox)]
            extra = max((t.justification_spacing for t in texts), default=0)
            if extra > 0:
                spacing.append(extra / texts[0].style["font_size"])
    return spacing


def hyphenated_lines(laid_out) -> int:
    """Lines that end in a hyphen WeasyPrint inserted (the text itself has no soft hyphens)."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    count = 0
    for page in laid_out.pages:
        for box in page._page_box.descendants():
            if isinstance(box, LineBox):
                texts = [c for c in box.descendants() if isinstance(c, TextBox)]
                if texts and texts[-1].text.endswith("-") and not texts[-1].text.endswith(" -"):
                    count += 1
    return count


def run(name: str, build: Path, runs: int) -> dict:
    from ..document import load
    from ..render import select
    from ..render.pdf import weasyprint, weasyprint_setup

    wp = weasyprint()
    edition = next(e for e in select(None) if e.renderer == "pdf")
    meta = load(build / name / f"{name}.md").meta
    html_text = print_html_path(build, name).read_text(encoding="utf-8")
    out_dir = build / name
    fetcher, fonts, options = weasyprint_setup(meta, edition, out_dir)
    plain = dict(options, stylesheets=[*options["stylesheets"],
                                       wp.CSS(string=NO_HYPHENATION, font_config=fonts)])
    results: dict[str, dict] = {"auto": {"seconds": []}, "off": {"seconds": []}}
    modes = [("auto", options), ("off", plain)]

    def layout(opts):
        html = wp.HTML(string=html_text, url_fetcher=fetcher, base_url=out_dir.resolve().as_uri() + "/")
        return html.render(font_config=fonts, **opts)

    for _, opts in modes:  # the first layouts of a process fill caches (fonts, dictionaries)
        layout(opts)
    for number in range(runs):  # alternate the order, so that neither always goes first
        for mode, opts in (modes if number % 2 == 0 else modes[::-1]):
            started = time.perf_counter()
            laid_out = layout(opts)
            results[mode]["seconds"].append(time.perf_counter() - started)
            spacing = sorted(line_spacing(laid_out))
            results[mode].update(
                pages=len(laid_out.pages), justified_lines=len(spacing),
                hyphenated_lines=hyphenated_lines(laid_out),
                median_extra_em=statistics.median(spacing) if spacing else 0.0,
                p90_extra_em=spacing[int(0.9 * (len(spacing) - 1))] if spacing else 0.0,
                loose_share=sum(s > LOOSE_EM for s in spacing) / len(spacing) if spacing else 0.0)
    for mode in results.values():
        mode["layout_seconds"] = statistics.median(mode.pop("seconds"))
    results["cost"] = results["auto"]["layout_seconds"] / results["off"]["layout_seconds"] - 1
    return results


def measure(name: str, sources: Path, build: Path, scratch: Path, runs: int = 3) -> dict:
    """The comparison in a fresh process (parent side); the pdf stage must have run first."""
    return run_worker("pressroom.bench.hyphenation",
                      [name, str(sources.resolve()), str(build.resolve()), str(runs)],
                      scratch / f"{name}.hyphenation.json", scratch / f"{name}.hyphenation.log", scratch)


def main(argv: list[str]) -> int:
    name, _sources, build, runs, result = argv
    write_result(result, run(name, Path(build), int(runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
