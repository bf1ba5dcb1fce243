"""Safe markup building: every text and attribute value is escaped, names come only from code.

The output is both HTML5 and well-formed XHTML, so one serialiser serves the three formats.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

VOID = frozenset({"br", "col", "hr", "img", "input", "meta", "link", "wbr"})
_NAME = re.compile(r"^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$")
# Characters XML 1.0 forbids; hostile input must not make an XHTML file ill-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# A letter (of any script: headings in Russian or Chinese get ids of their words), then letters,
# digits, `_`, `.` and `-`: an id in HTML and an XML name in XHTML alike.
_SAFE_TOKEN = re.compile(r"^[^\W\d_][\w.-]*$")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def text(value: str) -> Markup:
    """Escape text for HTML and XML alike."""
    return escape(_NOT_XML.sub("", value))


_CHECKED_NAMES: set[str] = set()


def _check_name(name: str, what: str) -> str:
    if name not in _CHECKED_NAMES:
        if not _NAME.match(name):
            raise ValueError(f"bad {what} name {name!r}")
        _CHECKED_NAMES.add(name)
    return name


def el(tag: str, attrs: dict[str, str | None] | None = None, *children: str | Markup) -> Markup:
    """One element; `attrs` values and string children are escaped, Markup children kept."""
    parts = ["<", _check_name(tag, "tag")]
    for name, value in (attrs or {}).items():
        if value is not None:
            parts.append(f' {_check_name(name, "attribute")}="{text(value)}"')
    if tag in VOID:
        if children:
            raise ValueError(f"<{tag}> takes no content")
        parts.append(" />")
        return Markup("".join(parts))
    parts.append(">")
    parts.extend(c if isinstance(c, Markup) else text(c) for c in children)
    parts.append(f"</{tag}>")
    return Markup("".join(parts))


def join(items) -> Markup:
    return Markup("").join(i if isinstance(i, Markup) else text(i) for i in items)


def safe_id(value: str) -> str | None:
    """An id or class token from the source, or None when it is not a plain token."""
    return value if value and _SAFE_TOKEN.match(value) else None


def safe_classes(classes: list[str]) -> str | None:
    kept = [c for c in classes if safe_id(c)]
    return " ".join(kept) or None


def link_target(url: str) -> tuple[str, str] | None:
    """Classify a link target: ("fragment", id), ("external", url) or None when refused."""
    url = url.strip()
    if url.startswith("#"):
        fragment = url[1:]
        return ("fragment", fragment) if safe_id(fragment) else None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or _NOT_XML.search(url) or re.search(r"\s", url):
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return ("external", url)
