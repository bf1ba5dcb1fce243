"""Links inside a document, checked once when it is read: a fragment must name a heading, span,
div or note of the document; a relative link to the document's own file (`NAME.md#part`) is a
link to that fragment and is rewritten so; any other relative link (another file, a folder) has
nothing to point to in an edition, and a link with a refused scheme (javascript:, file:, data:…)
is unsafe. Both are shown as text, and reported on their line: never dropped in silence.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from .diagnostics import Diagnostics
from .document import Document, walk
from .render.markup import link_target, safe_id
from .source_lines import SourceLines


def check_links(document: Document, text: str, md_path: Path | None,
                diagnostics: Diagnostics) -> None:
    """Rewrite the links to the document's own file as fragments and report the ones no edition
    can follow (the serialiser shows them as text, span.refused-link)."""
    lines = SourceLines(text)
    blocks = [section.blocks for section in document.sections] + [n.blocks for n in document.notes]
    for node in walk(blocks):
        if node.get("t") != "Link":
            continue
        url = node["c"][2][0]
        line = lines.of(url)
        target = link_target(url)
        if target is not None and target[0] == "external":
            continue
        if target is None and url.strip().startswith("#"):
            diagnostics.warning("link-unresolved", line, f"link {url[:200]!r} names no heading or "
                                "anchor of the document; its text is shown")
            continue
        if target is None:
            parts = _split(url)
            if parts is None or parts.scheme or parts.netloc:
                diagnostics.warning("unsafe-url", line, f"link to {url[:200]!r} refused (only http:, "
                                    "https:, mailto: and #fragment links are kept); its text is shown")
                continue
            fragment = _own_fragment(parts, md_path)
            if fragment is None:
                diagnostics.warning("link-unresolved", line, f"relative link {url[:200]!r} points "
                                    "outside the document; its text is shown (link a heading with "
                                    "#its-id, or give a full https: URL)")
                continue
            node["c"][2][0] = f"#{fragment}" if fragment else f"#{document.sections[0].id}"
            target = ("fragment", fragment) if fragment else None
            if target is None:
                continue
        if document.section_of(target[1]) is None:
            diagnostics.warning("link-unresolved", line, f"link {url[:200]!r} names no heading or "
                                "anchor of the document; its text is shown")


def _split(url: str):
    try:
        return urlsplit(url.strip())
    except ValueError:
        return None


def _own_fragment(parts, md_path: Path | None) -> str | None:
    """For a relative link to the document's own file (`doc.md#part`, `./doc.md`): the fragment
    ("" for the file itself), else None."""
    if md_path is None or parts.query:
        return None
    path = unquote(parts.path)
    if Path(path).name != Path(md_path).name or Path(path).parent not in (Path("."), Path("")):
        return None
    fragment = unquote(parts.fragment)
    if fragment and not safe_id(fragment):
        return None
    return fragment
