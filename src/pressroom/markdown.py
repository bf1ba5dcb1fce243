"""The canonical Markdown dialect: the one place that names pandoc's formats and options.

Canonical files are Pandoc Markdown without the `smart` extension, so typographic characters
(curly quotes, dashes, ellipses) are stored as themselves and never as `--` or `'`.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .errors import RenderError

FORMAT = "markdown-smart"
# A canonical file is a fixed point of:  pandoc -f FORMAT -t FORMAT + WRITER_OPTIONS
WRITER_OPTIONS = ["--wrap=preserve", "--reference-location=block", "--standalone"]


@functools.cache
def pandoc_binary() -> str:
    """The pandoc carried by the pypandoc-binary wheel (never a system pandoc, if it has one)."""
    # Found without importing pypandoc, whose import alone costs ~0.1 s per process.
    spec = importlib.util.find_spec("pypandoc")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "files" / "pandoc"
        if bundled.is_file():
            return str(bundled)
    import pypandoc

    return pypandoc.get_pandoc_path() or shutil.which("pandoc") or "pandoc"


def run_pandoc(text: str, args: list[str]) -> str:
    """One pandoc process, text in and text out (pypandoc's wrapper costs extra processes)."""
    done = _pandoc(args, input=text.encode("utf-8"), stdout=subprocess.PIPE)
    return done.stdout.decode("utf-8")


def _pandoc(args: list[str], **streams) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run([pandoc_binary(), *args], stderr=subprocess.PIPE, timeout=600,
                              check=False, **streams)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"pandoc could not run: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"pandoc failed: {message[-1] if message else done.returncode}")
    return done


def pandoc_run(args: list[str], data: bytes) -> subprocess.CompletedProcess:
    """pandoc on these bytes, its exit status and stderr left for the caller to judge (a
    failure there may be the input's fault, not pandoc's). It runs in an empty folder, so
    that nothing relative to the working directory can be read."""
    with tempfile.TemporaryDirectory(prefix="pressroom-pandoc-") as scratch:
        try:
            return subprocess.run([pandoc_binary(), *args], input=data, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=600, check=False, cwd=scratch)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RenderError(f"pandoc could not run: {exc}") from exc


def pandoc_output(args: list[str]) -> bytes:
    """What pandoc writes to stdout for these arguments (e.g. one of its data files)."""
    return _pandoc(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE).stdout


def convert_file(source: Path, out: Path, args: list[str], source_date_epoch: int) -> None:
    """pandoc reading one file and writing another; SOURCE_DATE_EPOCH fixes the dates it stamps
    (zip entries, document properties), so the output is reproducible."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch)}
    _pandoc([*args, "-o", str(out), "--", str(source)], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, env=env)


def to_ast(markdown_text: str) -> dict[str, Any]:
    """Parse Markdown into pandoc's JSON AST (one pandoc call per document)."""
    return json.loads(run_pandoc(markdown_text, ["-f", FORMAT, "-t", "json"]))


def file_to_ast(path: Path) -> dict[str, Any]:
    """Parse a Markdown file into pandoc's JSON AST. pandoc reads and writes the files itself,
    so this thread only waits, without the interpreter lock: another thread (importing
    WeasyPrint) runs meanwhile, where a pipe would have needed this one for every chunk."""
    with tempfile.TemporaryDirectory(prefix="pressroom-ast-") as scratch:
        out = Path(scratch) / "ast.json"
        _pandoc(["-f", FORMAT, "-t", "json", "-o", str(out), "--", str(path)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        with open(out, "rb") as handle:
            return json.load(handle)


def from_ast(ast: dict[str, Any]) -> str:
    """Pandoc's Markdown for a JSON AST, written as the canonical form is."""
    return run_pandoc(json.dumps(ast, ensure_ascii=False), ["-f", "json", "-t", FORMAT, *WRITER_OPTIONS])


def canonicalise(markdown_text: str) -> str:
    """Return pandoc's own rendering of the text: the canonical form."""
    return run_pandoc(markdown_text, ["-f", FORMAT, "-t", FORMAT, *WRITER_OPTIONS])
