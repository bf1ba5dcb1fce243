"""Word accounting: source words = output words + furniture removed + words moved to metadata,
with dehyphenation joins (`develop` + `ment` → `development`) counted as such."""

from __future__ import annotations

from collections import Counter

from .model import State
from .words import words


def output_words(state: State) -> Counter:
    counted: Counter = Counter()
    for block in state.blocks:
        extra = " ".join(block.data.get(key, "") for key in ("credit", "dateline"))
        counted.update(words(f"{block.plain()} {extra}"))
    for note in state.notes.values():
        counted.update(words(note.text))
    return counted


def account(state: State, source_words: Counter) -> dict:
    audit = state.audit
    out = output_words(state)
    expected = source_words.copy()
    expected.subtract(audit.removed_words)
    expected.subtract(audit.moved_words)
    expected.subtract(audit.joined_parts)
    expected.update(audit.joined)
    expected = +expected
    missing = expected - out
    unexpected = out - expected
    return {
        "source_words": sum(source_words.values()),
        "output_words": sum(out.values()),
        "removed_as_furniture": sum(audit.removed_words.values()),
        "moved_to_metadata": sum(audit.moved_words.values()),
        "dehyphenation_joins": sum(audit.joined.values()),
        "balanced": not missing and not unexpected,
        "missing": dict(sorted(missing.items())[:50]),
        "unexpected": dict(sorted(unexpected.items())[:50]),
    }
