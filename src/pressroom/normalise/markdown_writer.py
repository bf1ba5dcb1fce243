"""The one Markdown writer: the canonical form of the normaliser's output (blocks, notes and
metadata) and its escaping. No other module writes Markdown syntax.

Blocks reach it as text with private-use tokens (model.py): emphasis, note calls, links. It writes them
in pandoc's own canonical form by one of two routes that give the same bytes:

- natively, byte-identical to pandoc's writer for the constructs the normaliser emits: pandoc's
  writer costs ~5 s per MB, far more than all the passes together. Lists included: items keep
  their printed numbers, and an item that does not follow on from the one before starts a list
  of its own after pandoc's separator. `needs_pandoc` names the constructs whose pandoc rendering
  depends on context (list-like paragraph starts, entities, unusual URLs...), and a note inside a
  list goes after the whole list; for those the whole document takes the second route.
- as pandoc input (every character Markdown might read as syntax escaped, notes inline) put in
  canonical form by pandoc's writer. Tests check both routes give the same bytes.

Only http, https and mailto URLs become links (a link token's `[text](url)`, a URL in the text's
`<url>`); any other scheme stays text with a diagnostic.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import (BULLETS, CALL_OPEN, EMPH_CLOSE, EMPH_OPEN, LINK_BASE, LINK_CLOSE, LINK_OPEN, LINK_START,
                    NOTE_CLOSE, NOTE_OPEN, SAFE_SCHEMES, STRONG_CLOSE, STRONG_OPEN, TOKENS)
from .model import strip_tokens
from .sentences import split_sentences
from .lazy_re import lazy_compile

if TYPE_CHECKING:
    from .model import Block, State

# --- escaping -----------------------------------------------------------------------------------
ALWAYS_ESCAPED = set("\\`*[]<>|^~$")
_SPECIAL = lazy_compile(r"[\\`*\[\]<>|^~$_@#]")


def escape(text: str) -> str:
    """pandoc's escaping of literal text (markdown-smart, pandoc's default extensions)."""
    if not _SPECIAL.search(text):
        return text
    out: list[str] = []
    length = len(text)
    for index, ch in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < length else " "
        if ch in ALWAYS_ESCAPED:
            out.append("\\" + ch)
        elif ch == "_":
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        elif ch == "@":
            word_start = before in " \n"
            out.append("\\@" if word_start and (after.isalnum() or after in "_{") else "@")
        elif ch == "#":
            end = index
            while end < length and text[end] == "#":
                end += 1
            alone = before in " \n" and (end == length or text[end] in " \n") and (
                index == 0 or text[index - 1] != "#")
            out.append("\\#" if alone else "#")
        else:
            out.append(ch)
    return "".join(out)


# Pandoc input: every ASCII punctuation character Markdown might read as syntax is escaped;
# pandoc's writer then drops the escapes it does not need, so the result is canonical either way.
_SPECIAL_INPUT = lazy_compile(r"([\\`*_\[\]{}<>#+!|~^$@&=])")


def escape_input(text: str) -> str:
    """Literal text as pandoc input (tokens stay bare for the caller to replace)."""
    return _SPECIAL_INPUT.sub(r"\\\1", text)


# --- what only pandoc can say -------------------------------------------------------------------
# Constructs whose pandoc rendering depends on context beyond a character and its neighbours.
_RISKY = lazy_compile(
    r"\(@"                                   # example-list references: pandoc escapes the parens
    r"|!\["                                  # image syntax: pandoc escapes the ! instead
    r"|[^\w\s]@[\w{]"                         # `-@key` and kin: citation forms
    r"|&[A-Za-z#][A-Za-z0-9]*;"              # entity-like text would be read back as a character
    r"|[\ue010\ue012]\s|\s[\ue011\ue013]"    # emphasis opening or closing on a space
    r"|[\ue010-\ue013][@#]|[@#][\ue010-\ue013]"
    r"|[\ue010\ue012][\ue011\ue013]"         # empty emphasis
    r"|[\ue010\ue012]{2}|[\ue011\ue013]{2}"   # nested emphasis
)
# Every _RISKY branch needs one of these characters; most text has none and is passed at once.
_RISKY_CHARS = lazy_compile(r"[(!@&#\ue010-\ue013]")
# A paragraph whose first line pandoc might read as a list item or a block.
# (an example list's marker too: `@)`, `(@)`, `@label.`)
_LISTLIKE_START = lazy_compile(r"^[\ue010-\ue013“‘(]*(?:\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|@[\w-]*)[.)](?:\s|$)"
                               r"|[-+*:=~%>|#])")
_SAFE_URL = lazy_compile(r"^(?:https?://)[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$")


def needs_pandoc(text: str) -> bool:
    return bool(_RISKY_CHARS.search(text) and _RISKY.search(text))


def listlike_start(text: str) -> bool:
    return bool(_LISTLIKE_START.match(text))


def safe_autolink(url: str) -> bool:
    return bool(_SAFE_URL.match(url))


# --- lines inside a paragraph -------------------------------------------------------------------
# A line inside a paragraph must never start with what Markdown reads as block syntax (a list
# marker, a heading's #, a quote's >, a table's |, a definition's : or ~...).
_BLOCK_START_AT = lazy_compile(
    rf"(?:[{EMPH_OPEN}{STRONG_OPEN}“‘\"'(\[]*)(?:\d+[.)]|[A-Za-z][.)]|[IVXLCivxlc]+[.)]|[-+*#>|:~%=<])(?:\s|$)")


def can_start_line(text: str, position: int) -> bool:
    """Whether a paragraph's text may go on a new line at `position` (no copy: paragraphs can be
    long): not before block syntax, not inside a link's text."""
    if _BLOCK_START_AT.match(text, position):
        return False
    return LINK_OPEN not in text or text.rfind(LINK_OPEN, 0, position) <= text.rfind(LINK_CLOSE, 0, position)


# --- the YAML metadata block ------------------------------------------------------------------
# pandoc writes metadata keys sorted, strings plain or double-quoted. Values made only of these
# characters are written here exactly as pandoc writes them; anything else goes to pandoc.
# (An apostrophe only after the first character: a value opening with one is a quoted scalar.)
_PLAIN_VALUE = lazy_compile(r"^[A-Za-z0-9À-ɏ©“”‘’][A-Za-z0-9À-ɏ©“”‘’' ,.()/–—-]*$")
_QUOTED_VALUE = lazy_compile(r"^[A-Za-z0-9À-ɏ©“”‘’][A-Za-z0-9À-ɏ©“”‘’' ,.()/:–—-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
# A value YAML may read as a number, which pandoc writes back its own way (`09` → `9`, `1e3` →
# `1000`): only pandoc can say.
_NUMBER_LIKE = lazy_compile(r"^[-+.]?\d[\d._]*(?:[eE][-+]?\d+)?$|^0[xXoObB]")


def front_matter(meta: dict) -> str | None:
    """The metadata block as pandoc writes it, or None when only pandoc can say."""
    lines = ["---"]
    for key in sorted(meta):
        value = meta[key]
        if isinstance(value, list):
            items = [_scalar(v) for v in value]
            if not items or None in items:
                return None
            lines.append(f"{key}:")
            lines += [f"- {item}" for item in items]
        else:
            scalar = _scalar(value)
            if scalar is None:
                return None
            lines.append(f"{key}: {scalar}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _scalar(value) -> str | None:
    text = str(value)
    if (text != text.strip() or "  " in text or text.casefold() in _YAML_WORDS
            or _NUMBER_LIKE.match(text)):
        return None
    if _PLAIN_VALUE.match(text):
        return text
    if _QUOTED_VALUE.match(text) and ":" in text:
        return f'"{text}"'
    return None


def front_matter_input(meta: dict) -> str:
    """The metadata block as pandoc input (values escaped; empty values left out)."""
    import yaml  # only the pandoc route needs it

    kept = {k: v for k, v in meta.items() if v not in (None, "", [])}
    escaped = {k: _meta_value(v) for k, v in kept.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def _meta_value(value):
    if isinstance(value, list):
        return [_meta_value(v) for v in value]
    return escape_input(str(value))


# --- the document -------------------------------------------------------------------------------
_URL = lazy_compile(r"(?:https?://|mailto:|ftp://|file:|javascript:|data:)[^\s<>“”\"]*[^\s<>“”\".,;:!?)\]’']", re.I)
_NOTE = lazy_compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
_URL_OR_NOTE = lazy_compile(f"{_URL.pattern}|{_NOTE.pattern}", re.I)  # group 1: a note's number
# pandoc's writer is not always stable in one round: at most this many more.
MAX_WRITER_ROUNDS = 3


def write_document(state: State) -> str:
    """The canonical Markdown of the state's metadata, blocks and notes."""
    from .. import markdown

    # pandoc's YAML rules: written natively for plain values, by pandoc (~35 ms) otherwise.
    front = front_matter(state.meta) or markdown.canonicalise(front_matter_input(state.meta))
    native = native_body(state)
    if native is not None:
        return f"{front.rstrip()}\n\n{native}"
    return through_pandoc(state)  # a construct only pandoc renders reliably: let it write everything


def through_pandoc(state: State) -> str:
    """The document written as pandoc input and put in canonical form by pandoc's writer."""
    from .. import markdown

    body = "\n\n".join(_with_list_breaks(state.blocks, [_block(block, state) for block in state.blocks]))
    text = markdown.canonicalise(f"{front_matter_input(state.meta)}\n{body}\n")
    for _ in range(MAX_WRITER_ROUNDS):
        again = markdown.canonicalise(text)
        if again == text:
            break
        text = again
    return text


def native_body(state: State) -> str | None:
    """The body as pandoc's writer would write it: blocks, then the notes each block cited; None
    when only pandoc can say how it writes it."""
    out: list[str] = []
    numbering: dict[int, int] = {}
    previous: tuple[str, int] | None = None  # the list item before: its delimiter and number
    for block in state.blocks:
        cited: list[int] = []
        if block.kind == "list_item":
            item = _list_item_native(block, state, numbering, cited, previous)
            if item is None or cited:  # a note in a list: pandoc sets it after the whole list
                return None
            text, previous = item
        else:
            text, previous = _block(block, state, native=(numbering, cited)), None
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


_BACKTICKS = lazy_compile(r"`+")


def _block(block: Block, state: State, native=None) -> str | None:
    """One block as Markdown: with `native` (numbering, cited notes), in pandoc's final form,
    or None when only pandoc can say how it writes it; without, as pandoc input."""
    def write(text: str) -> str | None:
        return _inline_input(text, state) if native is None else _inline_native(text, state, *native)

    parts: list[str | None]
    if block.kind == "heading":
        parts = ["#" * block.level + " ", write(_drop_unpaired(block.text))]
    elif block.kind == "list_item":
        return _list_item_input(block, state)
    elif block.kind == "code":  # command lines (code_blocks), fenced; pandoc says how it writes them
        if native is not None:
            return None
        lines = [strip_tokens(line) for line in block.lines]
        fence = "`" * max(3, 1 + max((len(run) for line in lines for run in _BACKTICKS.findall(line)), default=0))
        return "\n".join([fence, *lines, fence])
    elif block.kind == "caption":
        parts = ["::: caption\n", write(_drop_unpaired(block.text).strip()), " [", write(block.credit), "]{.credit}\n:::"]
    else:
        # (a span whose other end a pass set in another block, a heading or a page's head taken
        # off its text, is left out: pandoc would read its lone `**` as text, and escape it)
        sentences = split_sentences(_drop_unpaired(block.text), can_start_line)
        if native is not None and sentences and listlike_start(sentences[0]):
            return None
        parts = []
        if block.dateline is not None:
            parts += ["[", write(block.dateline), "]{.dateline} "]
        for index, sentence in enumerate(sentences):
            parts += ["\n" if index else "", write(sentence)]
    if any(part is None for part in parts):
        return None
    text = "".join(parts).rstrip()  # type: ignore[arg-type]
    if block.quote and block.kind == "para":  # a block quote: each of its lines behind `> `, as pandoc writes one
        return "\n".join(f"> {line}" for line in text.split("\n"))
    return text


def _inline_native(text: str, state: State, numbering: dict[int, int], cited: list[int]) -> str | None:
    """Inline text exactly as pandoc writes it; notes become [^n] in order of first call."""
    if LINK_OPEN in text or LINK_CLOSE in text:
        if needs_pandoc(LINK_START.sub("", text).replace(LINK_OPEN, "").replace(LINK_CLOSE, "")):
            return None
        return _with_links(text, state, lambda part: _inline_native(part, state, numbering, cited),
                           _link_native)
    if needs_pandoc(text):
        return None
    if NOTE_OPEN not in text and ":" not in text:  # no note call, no URL: most sentences
        return _emphasis(escape(text))
    out: list[str] = []
    position = 0
    for match in _URL_OR_NOTE.finditer(text):
        out.append(escape(text[position:match.start()]))
        if match.group(1):
            number = int(match.group(1))
            numbering.setdefault(number, len(numbering) + 1)
            cited.append(number)
            out.append(f"[^{numbering[number]}]")
        else:
            url = match.group(0)
            if not url.casefold().startswith(SAFE_SCHEMES):
                _refused(url, state)
                out.append(escape(url))
            elif not safe_autolink(url):
                return None
            else:
                out.append(f"<{url}>")
        position = match.end()
    out.append(escape(text[position:]))
    return _emphasis("".join(out))


def _inline_input(text: str, state: State, urls: bool = True) -> str:
    """Inline text as pandoc input: literal text escaped, notes inline (`^[...]`), URLs as
    autolinks unless `urls` is false (a link's own text)."""
    if LINK_OPEN in text or LINK_CLOSE in text:
        return _with_links(text, state, lambda part: _inline_input(part, state, urls),
                           lambda inner, url: _link_input(inner, url, state))  # type: ignore[return-value]
    out: list[str] = []
    position = 0
    for match in (_URL_OR_NOTE if urls else _NOTE).finditer(text):
        out.append(escape_input(text[position:match.start()]))
        if match.group(1):  # a note call
            note = state.notes[int(match.group(1))]
            out.append("^[" + _inline_input(note.text, state) + "]")
        else:
            url = match.group(0)
            if url.casefold().startswith(SAFE_SCHEMES):
                out.append(f"<{url}>")
            else:
                _refused(url, state)
                out.append(escape_input(url))
        position = match.end()
    out.append(escape_input(text[position:]))
    return _emphasis("".join(out))


# --- links -------------------------------------------------------------------------------------
# A destination pandoc writes as it stands (no parenthesis, space or quote to encode).
_PLAIN_DESTINATION = lazy_compile(r"^[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+$")
_MAILBOX = lazy_compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
# Characters a link destination never carries as they are (pandoc percent-encodes them itself).
_ENCODED = lazy_compile(r'[\s<>"\\^`{|}\x00-\x1f\x7f]')
_EMPHASIS_TOKENS = EMPH_OPEN + EMPH_CLOSE + STRONG_OPEN + STRONG_CLOSE


def _with_links(text: str, state: State, outside, link) -> str | None:
    """Text with link tokens: `outside(part)` writes what lies between links, `link(inner, url)`
    each link; None if either says only pandoc can write it. A close with no open is dropped; an
    open with no close runs to the end of the text."""
    out: list[str] = []
    position = 0
    while position <= len(text):
        start = text.find(LINK_OPEN, position)
        end_outside = len(text) if start < 0 else start
        part = text[position:end_outside].replace(LINK_CLOSE, "")
        if part:
            written = outside(part)
            if written is None:
                return None
            out.append(written)
        if start < 0:
            break
        index = ord(text[start + 1]) - LINK_BASE if start + 1 < len(text) else -1
        close = text.find(LINK_CLOSE, start + 1)
        close = len(text) if close < 0 else close
        inner = text[start + 2:close].replace(LINK_OPEN, "")
        if 0 <= index < len(state.links) and state.links[index] and inner.strip():
            written = link(inner, state.links[index])
        else:  # no link by that name: its text stays
            written = outside(inner) if inner else ""
        if written is None:
            return None
        out.append(written)
        position = close + 1
    return "".join(out)


def _link_native(inner: str, url: str) -> str | None:
    """A link exactly as pandoc writes it, or None."""
    if inner != inner.strip() or any(t in inner for t in (NOTE_OPEN, CALL_OPEN)) or needs_pandoc(inner) \
            or inner[0] in _EMPHASIS_TOKENS or inner[-1] in _EMPHASIS_TOKENS \
            or not url.casefold().startswith(SAFE_SCHEMES):
        return None
    if not any(t in inner for t in TOKENS):
        if inner == url:  # pandoc writes a link whose text is its URL as an autolink
            return f"<{url}>" if safe_autolink(url) else None
        if url.casefold().startswith("mailto:") and inner == url[len("mailto:"):]:
            return f"<{inner}>" if _MAILBOX.match(inner) else None
    if not _PLAIN_DESTINATION.match(url):
        return None
    return f"[{_emphasis(escape(inner))}]({url})"


def _link_input(inner: str, url: str, state: State) -> str:
    """A link as pandoc input: its text literal (a URL in it is text), its destination encoded."""
    if not url.casefold().startswith(SAFE_SCHEMES):
        _refused(url, state)
        return _inline_input(inner, state)
    if inner == url and safe_autolink(url):  # the text is the address: an autolink, as natively
        return f"<{url}>"
    if url.casefold().startswith("mailto:") and inner == url[len("mailto:"):] and _MAILBOX.match(inner):
        return f"<{inner}>"
    return f"[{_inline_input(inner, state, urls=False)}]({_destination(url)})"


def _destination(url: str) -> str:
    """The URL as a link destination: characters Markdown would misread percent-encoded, and
    parentheses too when they do not pair."""
    url = _ENCODED.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), url)
    if url.count("(") != url.count(")"):
        url = url.replace("(", "%28").replace(")", "%29")
    return url


def _refused(url: str, state: State) -> None:
    state.diagnostics.warning("unsafe-url", None, f"URL with a refused scheme kept as text: {url[:60]}")


_ITEM = lazy_compile(rf"^(\d{{1,3}}[.)]|[{BULLETS}])\s+")
# (a number with its delimiter alone, `5.`, is an item too to pandoc: an empty one)
_ORDERED = lazy_compile(r"^(\d{1,3})([.)])(?:\s|$)")
_BRACKETED = lazy_compile(r"^\((\d{1,3})\)\s")
# pandoc's own separator of two adjacent lists (an empty HTML comment, dropped when rendering).
LIST_BREAK = "<!-- -->"


def _list_item_native(block: Block, state: State, numbering: dict[int, int], cited: list[int],
                      previous: tuple[str, int] | None) -> tuple[str, tuple[str, int] | None] | None:
    """A list item as pandoc writes it (a loose list: one item a block, its text on one line),
    with pandoc's separator before it where it starts a list of its own; None when only pandoc
    can say. Items arrive with their numbers as printed: one that does not follow on from the
    item before, or changes the delimiter, starts a new list (see _with_list_breaks)."""
    text = _drop_unpaired(block.text)
    match = _ITEM.match(text)
    marker = match.group(1) if match else "-"
    rest = text[match.end():] if match else text
    if not rest or rest != rest.strip() or listlike_start(rest) \
            or rest.count(EMPH_OPEN) != rest.count(EMPH_CLOSE) or rest.count(STRONG_OPEN) != rest.count(STRONG_CLOSE):
        return None
    written = _inline_native(rest, state, numbering, cited)
    if written is None:
        return None
    if marker in BULLETS:
        return f"- {written}", None
    number, delimiter = marker[:-1], marker[-1]
    if str(int(number)) != number:  # pandoc reads `01.` as 1
        return None
    separate = previous is not None and (delimiter != previous[0] or int(number) != previous[1] + 1)
    text = f"{marker.ljust(3)} {written}"
    return (f"{LIST_BREAK}\n\n{text}" if separate else text), (delimiter, int(number))


def _list_item_input(block: Block, state: State) -> str:
    text = _drop_unpaired(block.text)
    match = _ITEM.match(text)
    marker = match.group(1) if match else "-"
    rest = text[match.end():] if match else text
    marker = "-" if marker in BULLETS else marker
    return f"{marker} {_inline_input(rest, state)}"


def _with_list_breaks(blocks: list[Block], written: list[str]) -> list[str]:
    """Keep every item's number as printed: pandoc numbers a list's items from its first, so an
    ordered item that does not follow on from the item before it (`1. … 2. …` then `3.` read as
    two items; `(1)` `(2)` then `(1)` again) starts a list of its own, whose start number pandoc
    keeps. A paragraph opening with a number in brackets (`(1) A person…`: legal subsections)
    or with a number and its delimiter (`5.` alone: a list's marker an extractor printed apart
    whose item was not found) is such an item to pandoc whatever the normaliser called it: after
    `1. …` it would read `5.` as the list's second item, `2.`."""
    out: list[str] = []
    previous: tuple[str, int] | None = None  # the item before: its delimiter and number
    for block, text in zip(blocks, written):
        here = _ordered(block)
        if here and previous and here[0] == previous[0] and here[1] != previous[1] + 1:
            out.append(LIST_BREAK)
        out.append(text)
        previous = here
    return out


def _ordered(block: Block) -> tuple[str, int] | None:
    """An ordered item's delimiter (`.`, `)`, `()`) and number, as pandoc reads the block."""
    if block.kind in ("list_item", "para") and (match := _ORDERED.match(block.text)):
        return match.group(2), int(match.group(1))
    if block.kind in ("list_item", "para") and (match := _BRACKETED.match(block.text)):
        return "()", int(match.group(1))
    return None


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
