"""Structural changes between two canonical Markdown files: headings added, removed or renamed,
footnotes added, removed or changed (matched by text, so renumbering alone is no change), metadata.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

from ..document import Document, from_markdown, stringify, walk


@dataclass(frozen=True)
class Change:
    kind: str          # "added", "removed", "renamed" (headings) or "changed"
    label: str         # what changed: "h1", "note 3 → 4", "title"
    old: str | None
    new: str | None

    def line(self) -> str:
        if self.kind == "added":
            return f"+ {self.label}: {self.new}"
        if self.kind == "removed":
            return f"- {self.label}: {self.old}"
        return f"~ {self.label}: {self.old!r} → {self.new!r}"


@dataclass
class StructureDiff:
    headings: list[Change]
    notes: list[Change]
    metadata: list[Change]

    def __bool__(self) -> bool:
        return bool(self.headings or self.notes or self.metadata)


def headings(document: Document) -> list[tuple[int, str]]:
    """Every heading in reading order as (level, text)."""
    return [(node["c"][0], stringify(node["c"][2]))
            for section in document.sections for node in walk(section.blocks)
            if node["t"] == "Header"]


def note_texts(document: Document) -> list[str]:
    return [" ".join(stringify(node["c"]) for node in walk(note.blocks)
                     if node["t"] in ("Para", "Plain"))
            for note in document.notes]


def metadata(document: Document) -> dict[str, str]:
    return {key: "; ".join(value) if isinstance(value, tuple) else value
            for key, value in dataclasses.asdict(document.meta).items()}


def _sequence_changes(old: list[str], new: list[str], label, changed_kind: str) -> list[Change]:
    """Added, removed and (paired inside a replaced block) changed items of two sequences."""
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            changes.append(Change(changed_kind, label(i1 + k, j1 + k), old[i1 + k], new[j1 + k]))
        changes += [Change("removed", label(i, None), old[i], None) for i in range(i1 + paired, i2)]
        changes += [Change("added", label(None, j), None, new[j]) for j in range(j1 + paired, j2)]
    return changes


def _heading_label(old: list[tuple[int, str]], new: list[tuple[int, str]]):
    def label(i: int | None, j: int | None) -> str:
        levels = [f"h{old[i][0]}" if i is not None else None, f"h{new[j][0]}" if j is not None else None]
        shown = [level for level in levels if level]
        return shown[0] if len(set(shown)) == 1 else " → ".join(shown)
    return label


def _note_label(i: int | None, j: int | None) -> str:
    if i is not None and j is not None:
        return f"note {i + 1}" if i == j else f"note {i + 1} → {j + 1}"
    return f"note {(i if i is not None else j) + 1}"


def diff_structure(old_text: str, new_text: str) -> StructureDiff:
    """Parse both Markdown files (one pandoc call each) and compare their structure."""
    old, new = from_markdown(old_text), from_markdown(new_text)
    old_h, new_h = headings(old), headings(new)
    heading_changes = _sequence_changes([f"{t}" for _, t in old_h], [f"{t}" for _, t in new_h],
                                        _heading_label(old_h, new_h), "renamed")
    # A heading whose text stayed but whose level changed is a rename too.
    for i, j in _equal_pairs(old_h, new_h):
        if old_h[i][0] != new_h[j][0]:
            heading_changes.append(Change("renamed", _heading_label(old_h, new_h)(i, j),
                                          old_h[i][1], new_h[j][1]))
    note_changes = _sequence_changes(note_texts(old), note_texts(new), _note_label, "changed")
    old_meta, new_meta = metadata(old), metadata(new)
    meta_changes = [Change("changed" if old_meta[k] and new_meta[k] else
                           "added" if new_meta[k] else "removed", k, old_meta[k] or None,
                           new_meta[k] or None)
                    for k in old_meta if old_meta[k] != new_meta[k]]
    return StructureDiff(heading_changes, note_changes, meta_changes)


def _equal_pairs(old: list[tuple[int, str]], new: list[tuple[int, str]]):
    matcher = difflib.SequenceMatcher(None, [t for _, t in old], [t for _, t in new], autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            yield from ((i1 + k, j1 + k) for k in range(i2 - i1))
