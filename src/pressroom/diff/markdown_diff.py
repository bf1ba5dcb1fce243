"""Line diffs with word-level highlighting: the canonical Markdown (one sentence per line) and,
through the same `diff_lines`, the text extracted from the EPUB and HTML editions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

CONTEXT_LINES = 2
# Two lines of one replaced block are shown as one edited line when at least this similar;
# below it, they are a removal and an addition (a rewritten sentence is not an edit of the old).
PAIR_SIMILARITY = 0.5
# Pairing is quadratic in the block size; larger blocks are paired in order.
MAX_PAIRING = 60
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")

Segments = tuple[tuple[str, bool], ...]  # (text, changed) runs of one line


@dataclass(frozen=True)
class Row:
    """One row of a diff: kind is "context", "removed", "added" or "gap" (between hunks)."""

    kind: str
    old: int | None  # 1-based line numbers
    new: int | None
    segments: Segments

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass
class TextDiff:
    rows: list[Row] = field(default_factory=list)
    changed: int = 0   # lines edited in place
    added: int = 0
    removed: int = 0

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)

    def counts(self) -> str:
        return f"{self.changed} changed, {self.added} added, {self.removed} removed"

    edits: list[str] = field(default_factory=list)  # plain-text form, in order

    def unified(self) -> list[str]:
        """Each change as one plain line: `~ …[-old-]{+new+}…`, `+ added`, `- removed`."""
        return self.edits


def inline_edit(old: str, new: str, context: int = 40) -> str:
    """One line with git's word-diff marks, long unchanged stretches cut to `context` chars."""
    a, b = tokens(old), tokens(new)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            text = "".join(a[i1:i2])
            if len(text) > 2 * context:
                text = ((text[:context] + "…") if k else "") + \
                       (("…" + text[-context:]) if k < len(opcodes) - 1 else "")
            out.append(text)
            continue
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        out.append((f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else ""))
    return "".join(out)


def tokens(line: str) -> list[str]:
    return _TOKEN.findall(line)


def word_segments(old: str, new: str) -> tuple[Segments, Segments]:
    """Both lines cut into runs, the runs that differ marked True."""
    a, b = tokens(old), tokens(new)
    old_runs: list[tuple[str, bool]] = []
    new_runs: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        _append(old_runs, "".join(a[i1:i2]), tag != "equal")
        _append(new_runs, "".join(b[j1:j2]), tag != "equal")
    return tuple(old_runs), tuple(new_runs)


def _append(runs: list[tuple[str, bool]], text: str, changed: bool) -> None:
    if not text:
        return
    if runs and runs[-1][1] == changed:
        runs[-1] = (runs[-1][0] + text, changed)
    else:
        runs.append((text, changed))


def pair_lines(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Align a replaced block: (i, j) for an edited line, (i, None) removed, (None, j) added.

    A small dynamic programme maximises the total similarity of the pairs, in order."""
    if len(old) * len(new) > MAX_PAIRING * MAX_PAIRING:
        n = min(len(old), len(new))
        return ([(k, k) for k in range(n)] + [(k, None) for k in range(n, len(old))]
                + [(None, k) for k in range(n, len(new))])
    ratio = [[difflib.SequenceMatcher(None, o, n, autojunk=False).ratio() for n in new] for o in old]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            paired = ratio[i][j] + best[i + 1][j + 1] if ratio[i][j] >= PAIR_SIMILARITY else -1.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if ratio[i][j] >= PAIR_SIMILARITY and best[i][j] == ratio[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    return pairs + [(k, None) for k in range(i, len(old))] + [(None, k) for k in range(j, len(new))]


def diff_lines(old: list[str], new: list[str], context: int = CONTEXT_LINES) -> TextDiff:
    """Hunks of changed lines with `context` lines around them, words highlighted."""
    result = TextDiff()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for number, group in enumerate(matcher.get_grouped_opcodes(context)):
        if number:
            result.rows.append(Row("gap", None, None, (("…", False),)))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result.rows += [Row("context", i + 1, j1 + i - i1 + 1, ((old[i], False),))
                                for i in range(i1, i2)]
                continue
            _replaced(result, old, new, i1, i2, j1, j2)
    return result


def _replaced(result: TextDiff, old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int):
    removed: list[Row] = []
    added: list[Row] = []
    for i, j in pair_lines(old[i1:i2], new[j1:j2]):
        if i is not None and j is not None:
            old_runs, new_runs = word_segments(old[i1 + i], new[j1 + j])
            removed.append(Row("removed", i1 + i + 1, None, old_runs))
            added.append(Row("added", None, j1 + j + 1, new_runs))
            result.changed += 1
            result.edits.append(f"~ {inline_edit(old[i1 + i], new[j1 + j])}")
        elif i is not None:
            removed.append(Row("removed", i1 + i + 1, None, ((old[i1 + i], True),)))
            result.removed += 1
            result.edits.append(f"- {old[i1 + i]}")
        else:
            added.append(Row("added", None, j1 + j + 1, ((new[j1 + j], True),)))
            result.added += 1
            result.edits.append(f"+ {new[j1 + j]}")
    result.rows += removed + added


def diff_markdown(old_text: str, new_text: str) -> TextDiff:
    """The canonical Markdown, line by line: each line of a paragraph is one sentence."""
    return diff_lines(old_text.splitlines(), new_text.splitlines())
