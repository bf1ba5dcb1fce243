"""Markdown sources (`sources/NAME.md`, canonical or any Pandoc Markdown): they skip the text
normaliser's passes, which repair what a PDF export broke, and go through the same checks:
metadata (NAME.yaml wins over the file's own YAML block or `%` title block), footnote integrity,
link and image safety, word accounting. The result is the canonical form.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .. import markdown
from ..assets import check_images
from ..diagnostics import Diagnostics
from ..document import from_ast, walk
from ..links import check_links
from ..metadata import validate_entries
from ..normalise.merge_metadata import merge_metadata
from ..normalise.model import State
from ..normalise.words import words
from . import YAML_BLOCK


# Footnotes as Pandoc Markdown writes them: a definition opens a line (up to three spaces in).
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")


def read_markdown(text: str, shown: str, path: Path, name: str, file_meta: dict,
                  metadata_diagnostics: Diagnostics) -> State:
    """The checks, in order, then the canonical form. Line numbers are the source's."""
    state = State(path=shown, name=name, file_meta=file_meta)
    state.diagnostics.items.extend(metadata_diagnostics.items)
    text = text.lstrip("\ufeff")
    leading = len(text) - len(text.lstrip("\n"))  # pandoc reads a title block on line 1 only
    body = _footnotes(text[leading:], leading, state.diagnostics)
    source = markdown.to_ast(body)
    state.meta = _own_meta(body, source, shown, leading, state.diagnostics)
    merge_metadata(state)  # the metadata file wins; title and language assumed, identifier given
    lines = "\n" * leading + body
    # Checked on copies: the canonical form keeps every image and link as written (a refused
    # image's path stays for the editor to fix; the editions show its alt text).
    state.assets = check_images(_copy(source), lines, path, state.diagnostics)
    check_links(from_ast(_copy(source), shown, require_title=False), lines, path, state.diagnostics)
    canonical = markdown.from_ast(_with_meta(source, state.meta, file_meta))
    state.text = markdown.canonicalise(canonical)
    state.accounting = _account(source, markdown.to_ast(state.text), state.diagnostics)
    return state


def _copy(ast: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(ast))


def _footnotes(text: str, offset: int, diagnostics: Diagnostics) -> str:
    """A call without a definition stays text, as pandoc leaves it (footnote-undefined); a
    definition nobody calls, or a second one of a label, is made text too, where pandoc would
    drop it (footnote-unused, footnote-duplicate)."""
    lines = text.split("\n")
    defined: dict[str, int] = {}
    called: dict[str, int] = {}
    escape: list[int] = []
    fence = ""
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        definition = _DEFINITION.match(line)
        if definition:
            label = definition.group(1)
            if label in defined:
                diagnostics.warning("footnote-duplicate", index + 1 + offset,
                                    f"footnote [^{label}] is defined again (first on line "
                                    f"{defined[label] + 1 + offset}); this one kept as text")
                escape.append(index)
            else:
                defined[label] = index
        for match in _REFERENCE.finditer(_CODE_SPAN.sub("", line)):
            called.setdefault(match.group(1), index)
    for label, index in called.items():
        if label not in defined:
            diagnostics.warning("footnote-undefined", index + 1 + offset,
                                f"footnote [^{label}] has no definition; kept as text")
    for label, index in defined.items():
        if label not in called:
            diagnostics.warning("footnote-unused", index + 1 + offset,
                                f"footnote definition [^{label}] has no call; kept as text")
            escape.append(index)
    for index in escape:
        lines[index] = re.sub(r"^( {0,3})\[", r"\1\\[", lines[index], count=1)
    return "\n".join(lines)


def _own_meta(text: str, ast: dict[str, Any], shown: str, offset: int,
              diagnostics: Diagnostics) -> dict:
    """The metadata the file gives itself, as plain values: its YAML block checked by the rules
    of NAME.yaml (a wrong type is an error on its line; keys Pressroom does not know are pandoc's
    and stay in the Markdown), or its `%` title block (title, authors, date)."""
    block = YAML_BLOCK.match(text)
    if block:
        return validate_entries(block.group(1), shown, diagnostics, line_offset=offset + 1,
                                required=(), keep_unknown=True)
    meta: dict = {}
    for key in ("title", "author", "date"):
        values = _meta_strings(ast.get("meta", {}).get(key))
        if values:
            meta[key] = values if key == "author" else values[0]
    return meta


def _meta_strings(value: dict | None) -> list[str]:
    from ..document import _meta_value

    return [v for v in _meta_value(value) if v.strip()]


def _with_meta(ast: dict[str, Any], meta: dict, file_meta: dict) -> dict[str, Any]:
    """The AST with the merged metadata: what the file gave itself stays as written (emphasis in
    a title), what NAME.yaml gives or was assumed is written as plain strings."""
    own = ast.get("meta", {})
    merged = dict(own)
    for key, value in meta.items():
        if key in own and key not in file_meta:
            continue
        merged[key] = ({"t": "MetaList", "c": [{"t": "MetaString", "c": v} for v in value]}
                       if isinstance(value, list) else {"t": "MetaString", "c": str(value)})
    return {**ast, "meta": merged}


def body_words(ast: dict[str, Any]) -> Counter:
    """The words of the body and notes (metadata apart: NAME.yaml may replace it)."""
    parts = []
    for node in walk(ast.get("blocks", [])):
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Code", "Math", "CodeBlock", "RawInline", "RawBlock"):
            parts.append(content[1])
        elif kind in ("Link", "Image"):
            parts.append(content[2][0])
        parts.append(" ")
    return words("".join(parts))


def _account(source: dict[str, Any], output: dict[str, Any], diagnostics: Diagnostics) -> dict:
    """Every word of the source's body is in the canonical form's, and no other."""
    found, expected = body_words(output), body_words(source)
    missing, unexpected = expected - found, found - expected
    if missing or unexpected:
        diagnostics.warning("words-unbalanced", None, f"{sum(missing.values())} source word(s) "
                            f"missing from the output, {sum(unexpected.values())} not in the "
                            "source (the audit's accounting lists them)")
    return {"source_words": sum(expected.values()), "output_words": sum(found.values()),
            "removed_as_furniture": 0, "moved_to_metadata": 0, "dehyphenation_joins": 0,
            "balanced": not missing and not unexpected,
            "missing": dict(sorted(missing.items())[:50]),
            "unexpected": dict(sorted(unexpected.items())[:50])}
