"""Where a construct stands in the Markdown text: pandoc's AST carries no line numbers, so a
diagnostic about an image or a link finds its target in the text, in reading order."""

from __future__ import annotations


class SourceLines:
    """Line numbers of targets in the text, found in order: each search starts after the last
    find (the same URL twice is two lines), and falls back to the whole text (a note's
    definition, written after the paragraph that calls it)."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def of(self, target: str) -> int | None:
        if not self.text or not target:
            return None
        for needle in (target, target.replace(" ", "%20"), target.replace("_", "\\_")):
            found = self.text.find(needle, self.at)
            if found < 0:
                found = self.text.find(needle)
            if found >= 0:
                self.at = found + len(needle)
                return self.text.count("\n", 0, found) + 1
        return None
