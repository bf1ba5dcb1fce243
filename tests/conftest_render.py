"""Shared fixtures for the renderer tests: each PDF is rendered once per session (seconds each).

The render test modules import these fixtures directly.
"""

from __future__ import annotations

import atexit
import collections
import datetime
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from pressroom import document
from pressroom.render import select
from pressroom.render.pdf import pdf_bytes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILD_DATE = datetime.datetime(2024, 6, 1, 12, 0, 0)
SAMPLES = {
    "sample": FIXTURES / "sample.md",
    "captions": FIXTURES / "captions.md",
    "report": FIXTURES / "render_report.md",
    "hostile": FIXTURES / "render_hostile.md",
}


def _real_markdown() -> Path:
    """The normaliser's real output for the report, made here (a fresh clone has no build/), in a
    folder of this process that is removed when it exits."""
    from pressroom.normalise.source import normalise_file

    folder = Path(tempfile.mkdtemp(prefix="pressroom-real-"))
    atexit.register(shutil.rmtree, folder, True)
    out = folder / "shared-future.md"
    out.write_text(normalise_file(ROOT / "sources" / "shared-future.txt").text, encoding="utf-8")
    return out


REAL = _real_markdown()
REAL_NAMES = ["shared-future"]
SAMPLES["shared-future"] = REAL

WORD = re.compile(r"[^\W\d_]+|\d+")  # letters and digits apart: note calls touch words


def words(text: str) -> collections.Counter:
    return collections.Counter(w.lower() for w in WORD.findall(text))


def document_words(doc: document.Document) -> collections.Counter:
    """Every word of the document's body and notes (raw HTML, alt texts and TeX excluded)."""
    texts = []
    for node in document.walk([s.blocks for s in doc.sections] + [n.blocks for n in doc.notes]):
        if node["t"] in ("Para", "Plain", "Header"):
            inlines = node["c"][2] if node["t"] == "Header" else node["c"]
            texts.append(document.stringify(_shown(inlines)))
    return words(" ".join(texts))


def _shown(inlines: list) -> list:
    """The inlines as the page's text shows them: an image's alt text and a formula's TeX are
    attributes (a figure's caption, counted on its own, shows the words), and a raised or
    lowered part is an element of its own (2<sup>10</sup> reads 2 and 10)."""
    out = []
    for node in inlines:
        if node["t"] in ("Image", "Math"):
            continue
        if node["t"] in ("Superscript", "Subscript"):
            out += [{"t": "Space"}, *_shown(node["c"]), {"t": "Space"}]
        else:
            out.append(node)
    return out


def missing_words(expected: collections.Counter, found: collections.Counter) -> dict:
    return {w: n - found[w] for w, n in expected.items() if found[w] < n}


def printed_words(text: str, vocabulary: collections.Counter | None = None) -> collections.Counter:
    """Words of PDF text, with words hyphenated at a line end joined (hard hyphens kept too).

    With the document's `vocabulary`, each line-end hyphen is decided on its own: the halves are
    joined where that makes one of the document's words (con-|flict), else kept apart
    (no-|conflict); a page with both then counts both."""
    if vocabulary is not None:
        text = re.sub(r"(\w+)-\n(\w+)", lambda m: m[1] + m[2] if (m[1] + m[2]).lower() in vocabulary
                      else f"{m[1]} {m[2]}", text)
    return words(text.replace("-\n", "")) | words(text.replace("-\n", " "))


def split_across_pages(word: str, text: str) -> bool:
    """A word hyphenated at the foot of a page: `pre-` ends a line, `fix` starts a later one."""
    lines = [line.strip() for line in text.lower().splitlines()]
    ends = {line[:-1].rsplit(" ", 1)[-1] for line in lines if line.endswith("-")}
    starts = {line.split(" ", 1)[0].rstrip(".,;:!?”’\")") for line in lines if line}
    return any(word[:i] in ends and word[i:] in starts for i in range(1, len(word)))


@pytest.fixture(scope="session")
def docs() -> dict[str, document.Document]:
    return {name: document.load(path) for name, path in SAMPLES.items()}


@pytest.fixture(scope="session")
def pdfs(docs, tmp_path_factory) -> dict[str, dict]:
    """name -> {"data": bytes, "warnings": [...]} for the default A4 edition of every sample."""
    out = tmp_path_factory.mktemp("pdf")
    edition = select(["pdf-a4"])[0]
    rendered = {}
    for name, doc in docs.items():
        warnings: list[str] = []
        rendered[name] = {"data": pdf_bytes(doc, edition, BUILD_DATE, out, warnings),
                          "warnings": warnings}
    return rendered
