"""Benchmark workloads made from the project's own sources: the report repeated N times, and the
commentary as it is, written as NAME.txt + NAME.yaml into a scratch sources folder.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "sources"
REPORT = "shared-future"
COMMENTARY = "central-asia-spirit"

_TOP = re.compile(r"^(<i>)?([IVXLC]+)\.(\s)")        # "I. Title", "<i>I. Title</i>\t6"
_SUB = re.compile(r"^(<i>)?(\d{1,2})\.(\s)")           # "1. Title"
_HEADING_MAX_CHARS = 200                               # a longer line is a paragraph, not a heading
_ENTRY_END = re.compile(r"(</i>)?((?:\s*(?:\.{2,}|·+|…+))?\t+\d*)$")  # leaders, tab, page number
_DEFINITION = re.compile(r"^(\^?[\u2460-\u2473]\s*)(<?)(https?://[^\s>]+)(>?)$")
_NOTE_START = re.compile(r"^\^?[\u2460-\u2473]")       # definitions close their page
_PAGE = re.compile(r"(\t)(\d{1,4})$")


@dataclass(frozen=True)
class Workload:
    name: str
    txt: Path
    scale: int


class WorkloadError(ValueError):
    """The report no longer has the shape the generator relies on."""


def roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def suffix(copy: int) -> str:
    """What makes each copy's headings distinct (copy 1 is the original and has none)."""
    return "" if copy == 1 else f" (copy {copy})"


def _blocks(text: str) -> list[str]:
    return text.split("\n\n")


def _is_heading(block: str) -> bool:
    return ("\n" not in block and len(block) <= _HEADING_MAX_CHARS and not block.endswith(".")
            and bool(_TOP.match(block) or _SUB.match(block)))


def _rename(line: str, copy: int, first_top: int, with_suffix: bool = True) -> str:
    """Renumber a top-level heading (or contents entry) and append the copy's suffix."""
    top = _TOP.match(line)
    if top:
        number = first_top + _roman_value(top.group(2))
        line = f"{top.group(1) or ''}{roman(number)}.{top.group(3)}{line[top.end():]}"
    if not with_suffix:
        return line
    tail = _ENTRY_END.search(line)
    cut = tail.start() if tail else len(line)
    return line[:cut] + suffix(copy) + line[cut:]


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for here, after in zip(numeral, numeral[1:] + " "):
        total += -values[here] if values.get(after, 0) > values[here] else values[here]
    return total


def _copy_body(body: list[str], copy: int, sections: int) -> list[str]:
    first_top = (copy - 1) * sections
    out = []
    for block in body:
        if _is_heading(block):
            block = _rename(block, copy, first_top)
        else:
            block = "\n".join(_note_url(line, copy) for line in block.split("\n"))
        out.append(block)
    return out


def _note_url(line: str, copy: int) -> str:
    """A copy's note definitions point somewhere slightly different, so notes stay distinct."""
    match = _DEFINITION.match(line)
    if not match:
        return line
    url = match.group(3) + ("&" if "?" in match.group(3) else "?") + f"copy={copy}"
    return f"{match.group(1)}{match.group(2)}{url}{match.group(4)}"


def _copy_contents(entries: list[str], copy: int, sections: int, pages: int) -> list[str]:
    """The printed contents entries of one copy: renumbered, suffixed, on later pages."""
    first_top = (copy - 1) * sections
    out = []
    for block in entries:
        lines = []
        for line in block.split("\n"):
            page = _PAGE.search(line)
            if page:  # the line that closes an entry carries its page number
                shifted = line[:page.start(2)] + str(int(page.group(2)) + (copy - 1) * pages)
                line = _rename(shifted, copy, first_top)
            elif _TOP.match(line):  # an entry wrapped over lines: its suffix goes on the last one
                line = _rename(line, copy, first_top, with_suffix=False)
            lines.append(line)
        out.append("\n".join(lines))
    return out


def repeat_report(text: str, copies: int) -> str:
    """The report with its body (from the page holding section I to the end) repeated."""
    if copies == 1:
        return text
    blocks = _blocks(text)
    counts = Counter(b for b in blocks if b.startswith("**"))
    head = max(counts, key=counts.get, default=None)
    if head is None or counts[head] < 3:
        raise WorkloadError("no running head found")
    first = next((i for i, b in enumerate(blocks) if _is_heading(b) and _TOP.match(b)), None)
    if first is None:
        raise WorkloadError("no top-level section heading found")
    start = first
    while start > 0 and blocks[start - 1] != head and not _NOTE_START.match(blocks[start - 1]):
        start -= 1
    contents_at = next((i for i, b in enumerate(blocks) if b.strip() == "Contents"), None)
    if contents_at is None:
        raise WorkloadError("no printed contents list found")
    contents_end = next(i for i in range(contents_at + 1, len(blocks)) if blocks[i].startswith("**"))
    entries = blocks[contents_at + 1:contents_end]
    body = blocks[start:]
    sections = sum(1 for b in body if _is_heading(b) and _TOP.match(b))
    listed = sum(1 for b in entries for line in b.split("\n") if _PAGE.search(line))
    if listed != sum(1 for b in body if _is_heading(b)):
        raise WorkloadError(f"{listed} contents entries but a different number of body headings")
    pages = max(int(m.group(2)) for b in entries for m in _PAGE.finditer(b)) + 1
    new_entries, new_body = list(entries), list(body)
    for copy in range(2, copies + 1):
        new_entries += _copy_contents(entries, copy, sections, pages)
        new_body += [head] + _copy_body(body, copy, sections)
    return "\n\n".join(blocks[:contents_at + 1] + new_entries + blocks[contents_end:start] + new_body)


def write_workloads(out_dir: Path, scales: list[int], sources: Path = SOURCES) -> list[Workload]:
    """Write REPORT at each scale and the commentary into out_dir; return them in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = (sources / f"{REPORT}.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load((sources / f"{REPORT}.yaml").read_text(encoding="utf-8"))
    workloads = []
    for scale in scales:
        name = f"{REPORT}-x{scale}"
        (out_dir / f"{name}.txt").write_text(repeat_report(text, scale), encoding="utf-8")
        scaled = {**meta, "title": meta["title"] + ("" if scale == 1 else f" ({scale}×)")}
        (out_dir / f"{name}.yaml").write_text(yaml.safe_dump(scaled, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")
        workloads.append(Workload(name, out_dir / f"{name}.txt", scale))
    for suffix_ in (".txt", ".yaml"):
        shutil.copyfile(sources / f"{COMMENTARY}{suffix_}", out_dir / f"{COMMENTARY}{suffix_}")
    workloads.append(Workload(COMMENTARY, out_dir / f"{COMMENTARY}.txt", 1))
    return workloads
