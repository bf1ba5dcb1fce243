"""Word accounting: source words = output words + furniture removed + words moved to metadata,
with dehyphenation joins (`develop` + `ment` → `development`) counted as such."""

from __future__ import annotations

from collections import Counter

from .model import TOKENS, State, strip_tokens
from .words import words


def output_words(state: State) -> Counter:
    """Every word of the output, counted in one go (a separator between parts keeps words apart)."""
    texts = [block.text for block in state.blocks] + [note.text for note in state.notes.values()]
    extras = [text or "" for block in state.blocks for text in (block.credit, block.dateline)]
    return words(_text("\n".join(texts)) + "\n" + "\n".join(extras))


def _text(text: str) -> str:
    """Emphasis tokens separate words as the tags they came from did in the source (`ﬁ<b>x</b>`)."""
    for token in TOKENS:  # str.replace: far faster than str.translate on long text
        text = text.replace(token, " ")
    return strip_tokens(text)


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
    if missing or unexpected:
        state.diagnostics.warning("words-unbalanced", None, f"{sum(missing.values())} source word(s) "
                                  f"missing from the output, {sum(unexpected.values())} not in the "
                                  "source (the audit's accounting lists them)")
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
