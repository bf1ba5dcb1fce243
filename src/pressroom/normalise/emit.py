"""The blocks, notes and metadata written as Pandoc Markdown, then put in canonical form.

This is the one pass that knows Markdown syntax: literal text is escaped, tokens become
emphasis and inline notes, URLs become autolinks (http, https and mailto only), and pandoc's
own writer produces the canonical file (notes after their paragraph, numbered in order).
"""

from __future__ import annotations

import re

import yaml

from .. import markdown
from ..errors import InputError
from .model import (EMPH_CLOSE, EMPH_OPEN, NOTE_CLOSE, NOTE_OPEN, STRONG_CLOSE, STRONG_OPEN,
                    Block, State)
from .sentences import split_sentences

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_URL = re.compile(r"(?:https?://|mailto:|ftp://|file:|javascript:|data:)[^\s<>“”\"]*[^\s<>“”\".,;:!?)\]’']", re.I)
_NOTE = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
# Every ASCII punctuation character Markdown might read as syntax is escaped; pandoc's writer
# then drops the escapes it does not need, so the result is canonical either way.
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#+!|~^$@&=])")
META_ORDER = ("title", "subtitle", "author", "publisher", "date", "lang", "identifier", "rights",
              "description", "keywords")


def emit(state: State) -> State:
    if not state.blocks:
        raise InputError("no paragraphs left once page furniture is removed: nothing to publish",
                         state.path)
    body = "\n\n".join(_block(block, state) for block in state.blocks)
    front = _front_matter(state.meta)
    state.text = markdown.canonicalise(f"{front}\n{body}\n")
    return state


def _front_matter(meta: dict) -> str:
    ordered = {key: meta[key] for key in META_ORDER if meta.get(key) not in (None, "", [])}
    ordered.update({k: v for k, v in meta.items() if k not in ordered and v not in (None, "", [])})
    escaped = {k: _meta_value(v) for k, v in ordered.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def _meta_value(value):
    if isinstance(value, list):
        return [_meta_value(v) for v in value]
    return escape(str(value))


def _block(block: Block, state: State) -> str:
    if block.kind == "heading":
        return "#" * block.level + " " + inline(block.text, state)
    if block.kind == "list_item":
        return escape_list_item(block, state)
    if block.kind == "caption":
        credit = f" [{inline(block.data['credit'], state)}]{{.credit}}"
        return f"::: caption\n{inline(block.text, state)}{credit}\n:::"
    text = "\n".join(inline(s, state) for s in split_sentences(block.text))
    if "dateline" in block.data:
        text = f"[{inline(block.data['dateline'], state)}]{{.dateline}} {text}"
    return text


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
    for match in re.finditer(f"{_URL.pattern}|{_NOTE.pattern}", text, re.I):
        out.append(escape(text[position:match.start()]))
        if match.group(1):  # a note call
            note = state.notes[int(match.group(1))]
            out.append("^[" + inline(note.text, state) + "]")
        else:
            out.append(_link(match.group(0), state))
        position = match.end()
    out.append(escape(text[position:]))
    result = "".join(out)
    for token, syntax in ((EMPH_OPEN, "*"), (EMPH_CLOSE, "*"), (STRONG_OPEN, "**"), (STRONG_CLOSE, "**")):
        result = result.replace(token, syntax)
    return result


def _link(url: str, state: State) -> str:
    if url.casefold().startswith(SAFE_SCHEMES):
        return f"<{url}>"
    state.diagnostics.warning("unsafe-url", None, f"URL with a refused scheme kept as text: {url[:60]}")
    return escape(url)


def escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    # An escaped token would be read as text: tokens stay bare for the caller to replace.
    return text
