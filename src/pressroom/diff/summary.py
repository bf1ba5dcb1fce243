"""What a comparison found, per document and per output file, and its plain-text summary for
pasting into a review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .markdown_diff import TextDiff
from .pdf_pages import PdfDiff
from .structure import StructureDiff

MAX_SUMMARY_LINES = 12   # changed Markdown lines quoted per document in the text summary
MAX_LINE_CHARS = 160


@dataclass
class FileDiff:
    name: str
    kind: str          # "markdown" or a renderer's name ("pdf", "epub", "html", "docx")
    status: str        # "same", "changed", "added" or "removed"
    text: TextDiff | None = None
    structure: StructureDiff | None = None
    pdf: PdfDiff | None = None
    note: str = ""     # what the byte difference was, when no content difference explains it


@dataclass
class DocumentDiff:
    name: str
    status: str        # "same", "changed", "added" or "removed"
    files: list[FileDiff] = field(default_factory=list)

    def file(self, kind: str) -> FileDiff | None:
        return next((f for f in self.files if f.kind == kind), None)


@dataclass
class Summary:
    old_dir: Path
    new_dir: Path
    report: Path | None
    documents: list[DocumentDiff]
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(d.status != "same" for d in self.documents)

    @property
    def rasterised(self) -> int:
        return sum(f.pdf.rasterised for d in self.documents for f in d.files if f.pdf)

    def document(self, name: str) -> DocumentDiff:
        return next(d for d in self.documents if d.name == name)

    def text(self) -> str:
        lines = [f"pressroom diff: {self.old_dir} → {self.new_dir}"]
        for document in self.documents:
            lines.append(f"{document.name}: {_STATUS[document.status]}")
            for diff in document.files:
                if diff.status != "same":
                    lines += ["  " + line for line in file_lines(diff)]
        verdict = "changes found" if self.changed else "no changes"
        tail = f"{verdict}; {len(self.documents)} document(s) in {self.seconds:.1f} s"
        if self.rasterised:
            tail += f", {self.rasterised} PDF page image(s) rendered"
        if self.report is not None:
            tail += f"; report: {self.report}"
        return "\n".join(lines + [tail]) + "\n"


_STATUS = {"same": "no changes", "changed": "changed", "added": "added (new document)",
           "removed": "removed (document gone)"}


def file_lines(diff: FileDiff) -> list[str]:
    if diff.status in ("added", "removed"):
        return [f"{diff.name}: {diff.status}"]
    head = f"{diff.name}: "
    if diff.kind == "pdf" and diff.pdf is not None:
        lines = [head + pdf_line(diff.pdf)]
    elif diff.text is not None:
        label = "lines" if diff.kind == "markdown" else "text blocks"
        lines = [head + f"{label}: {diff.text.counts()}"]
    else:
        lines = [head + "changed"]
    if diff.note:
        lines.append(f"  {diff.note}")
    if diff.kind == "markdown" and diff.text is not None:
        quoted = diff.text.unified()
        lines += ["  " + _clip(line) for line in quoted[:MAX_SUMMARY_LINES]]
        if len(quoted) > MAX_SUMMARY_LINES:
            lines.append(f"  … {len(quoted) - MAX_SUMMARY_LINES} more changed line(s)")
    if diff.structure:
        for label, changes in (("heading", diff.structure.headings),
                               ("footnote", diff.structure.notes),
                               ("metadata", diff.structure.metadata)):
            lines += [f"  {label} {_clip(change.line())}" for change in changes]
    return lines


def pdf_line(pdf: PdfDiff) -> str:
    parts = [f"{pdf.old_pages} → {pdf.new_pages} pages" if pdf.old_pages != pdf.new_pages
             else f"{pdf.new_pages} pages"]
    changed = [c.new for c in pdf.changes if c.kind == "changed"]
    if changed:
        parts.append(f"changed p. {page_ranges(changed)}" + (" (by pixels)" if pdf.by_pixels else ""))
    added = [c.new for c in pdf.changes if c.kind == "added"]
    if added:
        parts.append(f"new p. {page_ranges(added)}")
    removed = [c.old for c in pdf.changes if c.kind == "removed"]
    if removed:
        parts.append(f"removed old p. {page_ranges(removed)}")
    if pdf.shifted:
        parts.append(f"shifted p. {page_ranges([new for _, new in pdf.shifted])}")
    return "; ".join(parts)


def page_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] → "3–5, 9"."""
    ranges: list[list[int]] = []
    for n in sorted(set(numbers)):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in ranges)


def _clip(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS - 1] + "…"
