"""Compare two builds of the editions for review: `compare(old_dir, new_dir, out_dir)` diffs every
document's Markdown and structure, and each edition as its renderer says (PDF pages, the text of
the others), and writes out_dir/index.html.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import UsageError
from .markdown_diff import diff_lines, diff_markdown
from .pdf_pages import diff_pdfs
from .structure import diff_structure
from .summary import DocumentDiff, FileDiff, Summary


def kinds() -> dict[str, str]:
    """Suffix → kind of file: the canonical Markdown, then every registered renderer's output."""
    from ..render import registry

    return {".md": "markdown", **{cls.suffix: cls.name for cls in registry().classes()}}


def outputs(folder: Path, name: str) -> dict[str, Path]:
    """The reviewable files of one document: NAME.md, NAME.pdf, NAME.letter.pdf, NAME.epub…"""
    known = kinds()
    return {p.name: p for p in sorted(folder.glob(f"{name}.*"))
            if p.is_file() and p.suffix in known}


def documents(root: Path) -> dict[str, Path]:
    """name → folder: a build folder holds NAME/NAME.*; a document folder holds NAME.* itself."""
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}")
    found = {p.stem: root for p in root.glob("*.md")}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if outputs(folder, folder.name):
            found.setdefault(folder.name, folder)
    return dict(sorted(found.items()))


def compare_file(name: str, old: Path | None, new: Path | None) -> FileDiff:
    from ..render import registry

    kind = kinds()[(new or old).suffix]
    if old is None or new is None:
        return FileDiff(name, kind, "added" if old is None else "removed")
    old_bytes, new_bytes = old.read_bytes(), new.read_bytes()
    if old_bytes == new_bytes:
        return FileDiff(name, kind, "same")
    diff = FileDiff(name, kind, "changed")
    if kind == "markdown":
        old_text, new_text = old_bytes.decode("utf-8"), new_bytes.decode("utf-8")
        diff.text = diff_markdown(old_text, new_text)
        diff.structure = diff_structure(old_text, new_text)
        content_changed = bool(diff.text)
    elif registry().get(kind).review == "pages":
        diff.pdf = diff_pdfs(old, new)
        content_changed = bool(diff.pdf)
    else:
        review = registry().get(kind).review_lines
        diff.text = diff_lines(review(old), review(new))
        content_changed = bool(diff.text)
    if not content_changed:
        diff.note = "the bytes differ, but no text or page does (metadata or packaging only)"
    return diff


def compare_document(name: str, old: Path | None, new: Path | None) -> DocumentDiff:
    old_files = outputs(old, name) if old else {}
    new_files = outputs(new, name) if new else {}
    order = list(kinds().values())
    names = sorted(set(old_files) | set(new_files),
                   key=lambda f: (order.index(kinds()[Path(f).suffix]), f))
    files = [compare_file(f, old_files.get(f), new_files.get(f)) for f in names]
    if old is None or new is None:
        status = "added" if old is None else "removed"
    else:
        status = "changed" if any(f.status != "same" for f in files) else "same"
    return DocumentDiff(name, status, files)


def compare(old_dir: str | Path, new_dir: str | Path, out_dir: str | Path | None) -> Summary:
    """Compare two build folders; write the HTML report into out_dir (unless None)."""
    from .report import write_report

    started = time.perf_counter()
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    old_docs, new_docs = documents(old_dir), documents(new_dir)
    names = sorted(set(old_docs) | set(new_docs))
    summary = Summary(old_dir, new_dir, None,
                      [compare_document(n, old_docs.get(n), new_docs.get(n)) for n in names])
    if out_dir is not None:
        summary.report = Path(out_dir) / "index.html"
    summary.seconds = time.perf_counter() - started
    if summary.report is not None:
        write_report(summary, summary.report)
    return summary


__all__ = ["Summary", "compare"]
