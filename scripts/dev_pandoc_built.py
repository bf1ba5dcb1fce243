"""DEV AID ONLY -- not part of the test-suite.

A pytest plugin that provides a stand-in for the lead's session fixture
``built(name) -> {"md", "html", "epub", "pdf": Path}`` by rendering
build/NAME/NAME.md with pandoc (HTML5 + EPUB 3) and WeasyPrint (PDF) into
build/_dev-pandoc/NAME/. It exists so tests/test_outputs_valid.py can be
exercised before the real renderers land. Use it explicitly:

    PYTHONPATH=scripts .venv/bin/python -m pytest -p dev_pandoc_built tests/test_outputs_valid.py

A ``built`` fixture in tests/conftest.py takes precedence over this one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def render(name: str) -> dict[str, Path]:
    import pypandoc

    md = REPO / "build" / name / f"{name}.md"
    if not md.is_file():
        raise FileNotFoundError(f"{md} is missing: run the normaliser first")
    out = REPO / "build" / "_dev-pandoc" / name
    out.mkdir(parents=True, exist_ok=True)
    html, epub, pdf = (out / f"{name}.{ext}" for ext in ("html", "epub", "pdf"))
    common = ["--toc", "--section-divs", "--wrap=none"]
    pypandoc.convert_file(str(md), "html5", outputfile=str(html), extra_args=["--standalone", *common])
    pypandoc.convert_file(str(md), "epub3", outputfile=str(epub), extra_args=common)
    import weasyprint

    weasyprint.HTML(filename=str(html)).write_pdf(str(pdf))
    return {"md": md, "html": html, "epub": epub, "pdf": pdf}


@pytest.fixture(scope="session")
def built():
    cache: dict[str, dict[str, Path]] = {}

    def get(name: str) -> dict[str, Path]:
        if name not in cache:
            cache[name] = render(name)
        return cache[name]

    return get
