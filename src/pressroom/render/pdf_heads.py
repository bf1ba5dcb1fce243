"""Running heads on one line: a head that wraps is set in a shorter form, decided on the pages as
they are finally laid out (render/pdf_layout.py makes the margin boxes after the body, so a
shorter head costs no new layout of the body).

The book's title stands top left, the chapter's top right, each on one line. A page whose two
heads are too long for the line makes WeasyPrint wrap them; then the chapter that page belongs to
(the last level-1 heading with an id on it or before it) is set in its next shorter form
(short_heads), and when the chapter has none left, the book's title. One step per element a
round, then the margin boxes are made again, until no page wraps or nothing is left to shorten.

A chunk (render/pdf_parallel.py) runs the same rounds on its own pages, with the strings the
chunks before it left set. It can decide alone as long as every step falls on a chapter that
starts in it; a step on the book's title or on an earlier chunk's chapter would change other
chunks' pages, so the chunk says why it cannot, and the document is laid out in one pass.
"""

from __future__ import annotations

HEAD_BOXES = frozenset({"@top-left", "@top-right"})
HEAD_WORDS = 5  # a head with no short form and no colon keeps its first words
CHAPTER, TITLE = "section-title", "book-title"  # the named strings of paged.css's heads
FOREIGN_STEP = "a running head wraps on a page whose chapter or title another chunk sets"


def short_heads(text: str, given: str | None = None) -> list[str]:
    """Shorter forms of a running head, longest first: the one the source gives (`{short="…"}`),
    the part before the title's colon, its first HEAD_WORDS words."""
    words = text.split()
    candidates = [given, text.split(": ", 1)[0] if ": " in text else None,
                  " ".join(words[:HEAD_WORDS]) + "…" if len(words) > HEAD_WORDS else None]
    found: list[str] = []
    for candidate in candidates:
        if candidate and len(candidate) < len(found[-1] if found else text):
            found.append(candidate)
    return found


def visible_text(element) -> str:
    """An element's text as printed in its running head: its notes left out."""
    parts = [element.text or ""]
    for child in element:
        if "footnote" not in (child.get("class") or ""):
            parts.append(visible_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def wrapping(pages) -> list[int]:
    """Pages (0-based, WeasyPrint page boxes) whose running heads wrap."""
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(pages):
        for box in page.children:
            if getattr(box, "at_keyword", None) in HEAD_BOXES and \
                    sum(isinstance(b, boxes.LineBox) for b in box.descendants()) > 1:
                found.append(number)
                break
    return found


class Shortening:
    """The short forms chosen so far: element → (named string, text), as if the element's style
    said `string-set: NAME "TEXT"`. `alone`: the pages are the whole document (one pass), so the
    book's title may be shortened too; else only chapters starting on these pages."""

    def __init__(self, alone: bool):
        self.alone = alone
        self.steps: dict[object, int] = {}
        self.overrides: dict[object, tuple[str, str]] = {}

    def step(self, pages, wrapped: list[int]) -> bool | str:
        """One round over `pages` whose `wrapped` heads wrap: True when a head was shortened,
        False when none is left to shorten, or why a chunk cannot decide (FOREIGN_STEP)."""
        wrapped = set(wrapped)
        title = chapter = None
        changed, stepped = False, set()
        for number, page in enumerate(pages):
            for box in page.descendants():
                element = getattr(box, "element", None)
                if element is not None and element.tag == "h1" and title is None:
                    title = element
                elif element is not None and element.tag == "h2" and element.get("id"):
                    chapter = element
            if number not in wrapped:
                continue
            if not self.alone and chapter is None:
                return FOREIGN_STEP  # the chapter of this page starts in an earlier chunk
            # The chapter's head gets shorter first, step by step; the book's title only after.
            for element, name in ((chapter, CHAPTER), (title, TITLE)):
                if name == TITLE and not self.alone:
                    return FOREIGN_STEP  # the title is set (and shown) in other chunks too
                if element is None:
                    continue
                if element in stepped:
                    break  # one step a round: the next margin boxes show whether it was enough
                forms = short_heads(visible_text(element), element.get("data-short"))
                done = self.steps.get(element, 0)
                if done < len(forms):
                    self.steps[element] = done + 1
                    self.overrides[element] = (name, forms[done])
                    stepped.add(element)
                    changed = True
                    break
        return changed
