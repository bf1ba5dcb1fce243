"""The blocks, notes and metadata written as Pandoc Markdown, then put in canonical form.

This is the one pass that knows Markdown syntax: literal text is escaped, tokens become
emphasis and inline notes, URLs become autolinks (http, https and mailto only), and pandoc's
own writer produces the canonical file (notes after their paragraph, numbered in order).
"""

from __future__ import annotations

import re

from .. import markdown
from ..errors import InputError
from .model import (EMPH_CLOSE, EMPH_OPEN, NOTE_CLOSE, NOTE_OPEN, STRONG_CLOSE, STRONG_OPEN,
                    Block, State)
from .markdown_writer import escape as native_escape
from .markdown_writer import front_matter, listlike_start, needs_pandoc, safe_autolink
from .sentences import split_sentences

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_URL = re.compile(r"(?:https?://|mailto:|ftp://|file:|javascript:|data:)[^\s<>“”\"]*[^\s<>“”\".,;:!?)\]’']", re.I)
_NOTE = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
_URL_OR_NOTE = re.compile(f"{_URL.pattern}|{_NOTE.pattern}", re.I)  # group 1: a note's number
# Every ASCII punctuation character Markdown might read as syntax is escaped; pandoc's writer
# then drops the escapes it does not need, so the result is canonical either way.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#+!|~^$@&=])")
MAX_WRITER_ROUNDS = 3
META_ORDER = ("title", "subtitle", "author", "publisher", "date", "lang", "identifier", "rights",
              "description", "keywords")


def emit(state: State) -> State:
    if not state.blocks:
        raise InputError("no paragraphs left once page furniture is removed: nothing to publish",
                         state.path)
    # pandoc's YAML rules: written natively for plain values, by pandoc (~35 ms) otherwise.
    front = front_matter(state.meta) or markdown.canonicalise(_front_matter(state.meta))
    native = _native_body(state)
    if native is None:  # a construct only pandoc renders reliably: let it write everything
        body = "\n\n".join(_with_list_breaks(state.blocks, [_block(block, state) for block in state.blocks]))
        text = markdown.canonicalise(f"{_front_matter(state.meta)}\n{body}\n")
        for _ in range(MAX_WRITER_ROUNDS):  # pandoc's writer is not always stable in one round
            again = markdown.canonicalise(text)
            if again == text:
                break
            text = again
        state.text = text
    else:
        state.text = f"{front.rstrip()}\n\n{native}"
    return state


def _native_body(state: State) -> str | None:
    """The body as pandoc's writer would write it: blocks, then the notes each block cited."""
    if any(block.kind == "list_item" for block in state.blocks):
        return None  # pandoc renumbers lists and decides tight or loose: leave it to pandoc
    out: list[str] = []
    numbering: dict[int, int] = {}
    for block in state.blocks:
        cited: list[int] = []
        text = _block(block, state, native=(numbering, cited))
        if text is None:
            return None
        out.append(text)
        for number in cited:
            note = state.notes[number]
            body = _inline_native(note.text, state, numbering, [])
            if body is None or listlike_start(note.text):
                return None
            out.append(f"[^{numbering[number]}]: {body}")
    return "\n\n".join(out) + "\n"


def _front_matter(meta: dict) -> str:
    import yaml  # only the pandoc fallback needs it


    ordered = {key: meta[key] for key in META_ORDER if meta.get(key) not in (None, "", [])}
    ordered.update({k: v for k, v in meta.items() if k not in ordered and v not in (None, "", [])})
    escaped = {k: _meta_value(v) for k, v in ordered.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def _meta_value(value):
    if isinstance(value, list):
        return [_meta_value(v) for v in value]
    return escape(str(value))


def _block(block: Block, state: State, native=None) -> str | None:
    """One block as Markdown: with `native` (numbering, cited notes), in pandoc's final form,
    or None when only pandoc can say how it writes it; without, as pandoc input."""
    def write(text: str) -> str | None:
        return inline(text, state) if native is None else _inline_native(text, state, *native)

    parts: list[str | None]
    if block.kind == "heading":
        parts = ["#" * block.level + " ", write(block.text)]
    elif block.kind == "list_item":
        return escape_list_item(block, state)
    elif block.kind == "caption":
        parts = ["::: caption\n", write(_drop_unpaired(block.text).strip()), " [", write(block.data["credit"]), "]{.credit}\n:::"]
    else:
        sentences = split_sentences(block.text)
        if native is not None and sentences and listlike_start(sentences[0]):
            return None
        parts = []
        if "dateline" in block.data:
            parts += ["[", write(block.data["dateline"]), "]{.dateline} "]
        for index, sentence in enumerate(sentences):
            parts += ["\n" if index else "", write(sentence)]
    if any(part is None for part in parts):
        return None
    return "".join(parts).rstrip()  # type: ignore[arg-type]


def _inline_native(text: str, state: State, numbering: dict[int, int], cited: list[int]) -> str | None:
    """Inline text exactly as pandoc writes it; notes become [^n] in order of first call."""
    if needs_pandoc(text):
        return None
    if NOTE_OPEN not in text and ":" not in text:  # no note call, no URL: most sentences
        return _emphasis(native_escape(text))
    out: list[str] = []
    position = 0
    for match in _URL_OR_NOTE.finditer(text):
        out.append(native_escape(text[position:match.start()]))
        if match.group(1):
            number = int(match.group(1))
            numbering.setdefault(number, len(numbering) + 1)
            cited.append(number)
            out.append(f"[^{numbering[number]}]")
        else:
            url = match.group(0)
            if not url.casefold().startswith(SAFE_SCHEMES):
                state.diagnostics.warning("unsafe-url", None, f"URL with a refused scheme kept as text: {url[:60]}")
                out.append(native_escape(url))
            elif not safe_autolink(url):
                return None
            else:
                out.append(f"<{url}>")
        position = match.end()
    out.append(native_escape(text[position:]))
    return _emphasis("".join(out))


_ORDERED = re.compile(r"^(\d{1,3})([.)])\s")
# pandoc's own separator of two adjacent lists (an empty HTML comment, dropped when rendering).
LIST_BREAK = "<!-- -->"


def _with_list_breaks(blocks: list[Block], written: list[str]) -> list[str]:
    """Keep every item's number as printed: pandoc numbers a list's items from its first, so an
    ordered item that does not follow on from the item before it (`1. … 2. …` then `3.` read as
    two items) starts a list of its own, whose start number pandoc keeps."""
    out: list[str] = []
    previous: re.Match | None = None
    for block, text in zip(blocks, written):
        match = _ORDERED.match(block.text) if block.kind == "list_item" else None
        if match and previous and match.group(2) == previous.group(2) \
                and int(match.group(1)) != int(previous.group(1)) + 1:
            out.append(LIST_BREAK)
        out.append(text)
        previous = match
    return out


def escape_list_item(block: Block, state: State) -> str:
    match = re.match(r"^(\d{1,3}[.)]|[-•–*])\s+", block.text)
    marker = match.group(1) if match else "-"
    rest = block.text[match.end():] if match else block.text
    marker = "-" if marker in "-•–*" else marker
    return f"{marker} {inline(rest, state)}"


def inline(text: str, state: State) -> str:
    """Tokens and literal text to Markdown inline syntax."""
    out: list[str] = []
    position = 0
    for match in _URL_OR_NOTE.finditer(text):
        out.append(escape(text[position:match.start()]))
        if match.group(1):  # a note call
            note = state.notes[int(match.group(1))]
            out.append("^[" + inline(note.text, state) + "]")
        else:
            out.append(_link(match.group(0), state))
        position = match.end()
    out.append(escape(text[position:]))
    return _emphasis("".join(out))


def _emphasis(text: str) -> str:
    """Emphasis tokens as Markdown syntax."""
    for token, syntax in ((EMPH_OPEN, "*"), (EMPH_CLOSE, "*"), (STRONG_OPEN, "**"), (STRONG_CLOSE, "**")):
        text = text.replace(token, syntax)
    return text


def _drop_unpaired(text: str) -> str:
    """Drop an emphasis token whose partner went elsewhere (a caption's credit or a list item cut
    the span): a lone `*` is literal text to pandoc, which would escape it on the next round."""
    if EMPH_OPEN not in text and EMPH_CLOSE not in text and STRONG_OPEN not in text and STRONG_CLOSE not in text:
        return text
    unpaired: set[int] = set()
    for opener, closer in ((EMPH_OPEN, EMPH_CLOSE), (STRONG_OPEN, STRONG_CLOSE)):
        opened: list[int] = []
        for index, ch in enumerate(text):
            if ch == opener:
                opened.append(index)
            elif ch == closer:
                if opened:
                    opened.pop()
                else:
                    unpaired.add(index)
        unpaired.update(opened)
    return "".join(ch for index, ch in enumerate(text) if index not in unpaired) if unpaired else text


def _link(url: str, state: State) -> str:
    if url.casefold().startswith(SAFE_SCHEMES):
        return f"<{url}>"
    state.diagnostics.warning("unsafe-url", None, f"URL with a refused scheme kept as text: {url[:60]}")
    return escape(url)


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    # An escaped token would be read as text: tokens stay bare for the caller to replace.
    return text
