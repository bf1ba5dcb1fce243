"""Typeset a truth Markdown file to PDF in one design with one engine.

    pressroom  Pressroom's own PDF renderer (WeasyPrint) through an edition whose CSS overlays are
               the corpus's (no colophon), the design's, and, for a document without a contents
               list, no-contents.css. The product's editions and default look are untouched.
    typst      pandoc's typst writer with the design's template, compiled by the typst package.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from ..errors import RenderError, SetupError
from .documents import Design

ENGINES = ("pressroom", "typst")
# A fixed build date: the PDFs are byte-identical from run to run (their bytes are cache keys).
BUILD_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def typeset(engine: str, truth_md: Path, design: Design, contents: bool, out_pdf: Path) -> None:
    if engine == "pressroom":
        _pressroom(truth_md, design, contents, out_pdf)
    elif engine == "typst":
        _typst(truth_md, design, contents, out_pdf)
    else:
        raise ValueError(f"unknown engine {engine!r}")


def _pressroom(truth_md: Path, design: Design, contents: bool, out_pdf: Path) -> None:
    from ..document import load
    from ..render import get_renderer
    from ..render.editions import Edition

    folder = design.css.parent
    overlays = [folder / "corpus.css", design.css] + ([] if contents else [folder / "no-contents.css"])
    edition = Edition(f"corpus-{design.name}", "pdf", "{name}.pdf", design.paper,
                      tuple(str(p) for p in overlays))
    get_renderer("pdf").render(load(truth_md), edition, out_pdf, BUILD_DATE)


def _typst(truth_md: Path, design: Design, contents: bool, out_pdf: Path) -> None:
    import pypandoc
    try:
        import typst
    except ImportError as exc:
        raise SetupError("the corpus needs the typst package: pip install -e '.[corpus]'") from exc

    args = ["--template", str(design.typst), "--standalone", "--wrap=preserve"]
    if contents:
        args += ["-V", "contents=true"]
    try:
        source = pypandoc.convert_file(str(truth_md), "typst", format="markdown-smart",
                                       extra_args=args)
    except RuntimeError as exc:
        raise RenderError(f"pandoc -t typst failed: {exc}", truth_md) from exc
    typ = out_pdf.with_suffix(".typ")
    typ.write_text(source, encoding="utf-8")
    try:
        typst.compile(str(typ), output=str(out_pdf))
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        raise RenderError(f"typst failed: {exc}", typ) from exc
    except Exception as exc:  # typst's own TypstError is not a subclass of the above
        raise RenderError(f"typst failed: {exc}", typ) from exc


def engine_versions() -> dict[str, str]:
    """What the PDFs depend on besides the files: the engines' versions."""
    from importlib.metadata import version

    return {"pressroom": f"weasyprint {version('weasyprint')}",
            "typst": f"typst {_version('typst')}, pypandoc-binary {version('pypandoc-binary')}"}


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version(package)
    except PackageNotFoundError:
        return "missing"
