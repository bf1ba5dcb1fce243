"""Citations: the `bibliography:` and `csl:` files a document names, checked (a path under the
sources folder, a readable file of a known kind), and pandoc's citeproc run over the parsed AST,
so that `[@key, p. 3]` becomes text linked to its entry in a references section.

Pandoc is never let near a path of the document's choosing: the metadata it sees is rewritten
here to the checked absolute paths, and everything else that would make it read a file is removed.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics
from .errors import InputError, RenderError

# A bibliography's kind is told by its suffix, as pandoc does (CSL YAML: a `references:` list).
BIBLIOGRAPHY_SUFFIXES = {".bib": "BibTeX", ".bibtex": "BibTeX", ".json": "CSL JSON",
                         ".yaml": "CSL YAML", ".yml": "CSL YAML"}
STYLE_SUFFIXES = {".csl": "CSL style"}
# 10,000 BibTeX entries take about 3 MB; a bigger file is a mistake (a database dump, an archive)
# and citeproc's time and memory grow with it.
MAX_BIBLIOGRAPHY_BYTES = 4 * 2**20
# The largest styles of the official CSL repository are about 200 KB.
MAX_STYLE_BYTES = 1 * 2**20
CSL_NS = "http://purl.org/net/xbiblio/csl"
# Metadata that makes citeproc read a file or change what the references section is: every key
# not set here from checked values is removed before pandoc sees it.
FILE_KEYS = ("bibliography", "csl", "citation-abbreviations", "references")
REFS_ID = "refs"               # pandoc's id of the references division
HEADING_ID = "references"      # the heading added before it (made unique with the others)
DEFAULT_TITLE = "References"   # unless the metadata's `reference-section-title` says otherwise
_NOT_FOUND = re.compile(r"^\[WARNING\] Citeproc: citation (.+) not found$", re.M)
_LINE = re.compile(r"line (\d+)")


def check_path(value: str, base: Path, suffixes: dict[str, str], key: str, where: Path,
               line: int | None) -> Path:
    """The file `value` names, relative to `base` (the sources folder), refused (naming the
    metadata file `where` and its `line`) unless it is a file of a known kind inside `base`."""
    def refuse(why: str) -> InputError:
        return InputError(f"'{key}: {value}' {why}", where, line)

    by_kind: dict[str, list[str]] = {}
    for suffix, kind in suffixes.items():
        by_kind.setdefault(kind, []).append(suffix)
    named = [f"{kind} ({', '.join(found)})" for kind, found in by_kind.items()]
    kinds = ", ".join(named[:-1]) + " or " + named[-1] if len(named) > 1 else named[0]
    if not value.strip():
        raise refuse("is empty")
    if re.match(r"^[A-Za-z][\w+.-]*:", value) or "\\" in value or "\0" in value:
        raise refuse("must be a file path relative to the sources folder, not a URL")
    if Path(value).is_absolute():
        raise refuse("must be relative to the sources folder, not absolute")
    root = base.resolve()
    target = (root / value).resolve()
    if not target.is_relative_to(root):
        raise refuse("is outside the sources folder")
    if Path(value).suffix.lower() not in suffixes:
        raise refuse(f"is not a {kinds} file")
    if not target.is_file():
        raise refuse("does not exist in the sources folder" if not target.exists()
                     else "is not a file")
    return base / value  # as the user names it (messages); resolve() it for pandoc


def _read_text(path: Path, limit: int, what: str) -> str:
    """The file's text, refused in one line when it is too big, binary or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"the {what} is {size / 2**20:.1f} MiB, above the limit of "
                             f"{limit / 2**20:.0f} MiB", path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror}", path) from exc
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"the {what} is UTF-16 text: save it as UTF-8", path, 1)
    if b"\0" in data:
        raise InputError(f"the {what} is a binary file (it has NUL bytes)", path,
                         data[:data.index(b"\0")].count(b"\n") + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the {what} is not UTF-8 text (byte 0x{data[exc.start]:02x})", path,
                         data[:exc.start].count(b"\n") + 1) from None


def check_bibliography(path: Path) -> None:
    """Refuse a bibliography pandoc would choke on, where a clearer line can be said first."""
    text = _read_text(path, MAX_BIBLIOGRAPHY_BYTES, "bibliography")
    if path.suffix.lower() == ".json":
        try:
            entries = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"the bibliography is not JSON: {exc.msg}", path, exc.lineno) from None
        if isinstance(entries, dict):
            entries = entries.get("items")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise InputError("a CSL JSON bibliography must be a list of entries (objects)", path, 1)
    elif BIBLIOGRAPHY_SUFFIXES[path.suffix.lower()] == "CSL YAML":
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(f"the bibliography is not YAML: {getattr(exc, 'problem', None) or exc}",
                             path, mark.line + 1 if mark else None) from None
        entries = data.get("references") if isinstance(data, dict) else data
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise InputError("a CSL YAML bibliography must be a list of entries, or have one "
                             "under 'references:'", path, 1)


def check_style(path: Path) -> None:
    """A CSL style must be an independent CSL file: a dependent one names its parent by URL,
    which pandoc would fetch from the network."""
    from lxml import etree

    text = _read_text(path, MAX_STYLE_BYTES, "CSL style")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"the CSL style is not XML: {exc.msg}", path, exc.lineno) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise InputError("a CSL style must not declare a DTD (its entities are refused)", path,
                         text.count("\n", 0, max(text.find("<!DOCTYPE"), 0)) + 1)
    if root.tag != f"{{{CSL_NS}}}style":
        raise InputError("the file is not a CSL style (its root is not a CSL <style>)", path,
                         root.sourceline)
    parent = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']")
    if parent is not None:
        raise InputError("a dependent CSL style (its rules are in the parent style at "
                         f"{parent.get('href', '?')}) cannot be used: use the parent style's file",
                         path, parent.sourceline)


def meta_paths(ast: dict[str, Any], key: str) -> list[str]:
    """The path(s) the AST's metadata gives for `key` (a string or a list of strings)."""
    from .document import stringify

    value = ast.get("meta", {}).get(key)
    if value is None:
        return []
    items = value["c"] if value["t"] == "MetaList" else [value]
    paths = []
    for item in items:
        if item["t"] == "MetaString":
            paths.append(item["c"])
        elif item["t"] == "MetaInlines":
            paths.append(stringify(item["c"]))
        elif item["t"] == "MetaBlocks" and len(item["c"]) == 1 and item["c"][0]["t"] in ("Para", "Plain"):
            paths.append(stringify(item["c"][0]["c"]))
        else:
            paths.append("")  # refused by check_path as empty
    return paths


def metadata_line(markdown_text: str, key: str) -> int | None:
    """The line of the Markdown where the metadata key is given (its YAML block)."""
    match = re.search(rf"^{re.escape(key)}\s*:", markdown_text, re.M)
    return markdown_text.count("\n", 0, match.start()) + 1 if match else None


def citation_line(markdown_text: str, key: str) -> int | None:
    """The first line citing `key` (`@key` or `@{key}`, not inside a longer key or an address)."""
    pattern = re.compile(rf"(?<![\w@]){'@'}(?:\{{{re.escape(key)}\}}|{re.escape(key)}"
                         r"(?![\w#$%&+?<>~/-]|[.:]\w))")
    match = pattern.search(markdown_text)
    return markdown_text.count("\n", 0, match.start()) + 1 if match else None


def resolve(ast: dict[str, Any], md_path: Path, sources: Path,
            diagnostics: Diagnostics) -> dict[str, Any]:
    """The AST with its citations resolved by citeproc when the metadata names a bibliography
    (unchanged otherwise). Unknown keys are warnings naming their line."""
    bibliographies = meta_paths(ast, "bibliography")
    if not bibliographies:
        return ast
    text = md_path.read_text(encoding="utf-8")
    files = [check_path(value, sources, BIBLIOGRAPHY_SUFFIXES, "bibliography", md_path,
                        metadata_line(text, "bibliography")) for value in bibliographies]
    for file in files:
        check_bibliography(file)
    styles = [check_path(value, sources, STYLE_SUFFIXES, "csl", md_path,
                         metadata_line(text, "csl")) for value in meta_paths(ast, "csl")]
    if len(styles) > 1:
        raise InputError("'csl' names more than one style", md_path, metadata_line(text, "csl"))
    for style in styles:
        check_style(style)
    from .document import walk

    explicit_place = any(node.get("t") == "Div" and node["c"][0][0] == REFS_ID
                         for node in walk(ast["blocks"]))
    resolved, unknown = _citeproc(ast, files, styles[0] if styles else None, md_path)
    for key in unknown:
        diagnostics.warning("citation-unknown", citation_line(text, key),
                            f"no entry '{key}' in the bibliography: the citation is printed as "
                            f"“{key}?”")
    _unlink(resolved["blocks"], {f"#ref-{key}" for key in unknown})
    if not explicit_place:
        _title_references(resolved, ast)
    return resolved


def _citeproc(ast: dict[str, Any], files: list[Path], style: Path | None,
              md_path: Path) -> tuple[dict[str, Any], list[str]]:
    from .markdown import pandoc_run

    given = copy.copy(ast)
    meta = {k: v for k, v in ast.get("meta", {}).items() if k not in FILE_KEYS}
    meta["bibliography"] = {"t": "MetaList", "c": [{"t": "MetaString", "c": str(f.resolve())}
                                                   for f in files]}
    if style is not None:
        meta["csl"] = {"t": "MetaString", "c": str(style.resolve())}
    meta["link-citations"] = {"t": "MetaBool", "c": True}
    meta["link-bibliography"] = {"t": "MetaBool", "c": True}
    meta.pop("reference-section-title", None)  # the title is added here, at the right level
    given["meta"] = meta
    done = pandoc_run(["-f", "json", "-t", "json", "--citeproc"], json.dumps(given).encode())
    errors = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        raise _failure(errors, files, style, md_path)
    unknown = list(dict.fromkeys(_NOT_FOUND.findall(errors)))
    return json.loads(done.stdout), unknown


def _failure(errors: str, files: list[Path], style: Path | None, md_path: Path) -> Exception:
    """pandoc's error about a file, as one line naming that file and its line."""
    lines = [line.strip() for line in errors.strip().splitlines() if line.strip()
             and not line.startswith("[WARNING]")]
    message = lines[-1] if lines else "citeproc failed"
    culprit = next((f for f in [*files, style] if f is not None and f.name in errors), None)
    if culprit is None and "CSL" in errors and style is not None:
        culprit = style
    if culprit is None:
        return RenderError(f"citeproc failed: {message}", md_path)
    line = _LINE.search(errors)
    what = "CSL style" if culprit == style else "bibliography"
    return InputError(f"the {what} cannot be read: {message}", culprit,
                      int(line.group(1)) if line else None)


def _unlink(nodes: Any, targets: set[str]) -> None:
    """Links to entries that do not exist become their text (a citation of an unknown key)."""
    if not targets:
        return
    stack = [nodes]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for index, child in enumerate(node):
                if isinstance(child, dict) and child.get("t") == "Link" and child["c"][2][0] in targets:
                    node[index] = {"t": "Span", "c": [["", ["citation-unknown"], []], child["c"][1]]}
            stack.extend(node)
        elif isinstance(node, dict) and isinstance(node.get("c"), list):
            stack.append(node["c"])


def _title_references(resolved: dict[str, Any], original: dict[str, Any]) -> None:
    """A heading at the document's top level before the references pandoc appended, unless the
    document ends with an empty heading of its own for them (pandoc's `# References` habit)."""
    from .document import stringify

    blocks = resolved["blocks"]
    if not blocks or blocks[-1]["t"] != "Div" or blocks[-1]["c"][0][0] != REFS_ID:
        return
    if len(blocks) > 1 and blocks[-2]["t"] == "Header":
        return
    levels = [b["c"][0] for b in blocks if b["t"] == "Header"]
    title_meta = original.get("meta", {}).get("reference-section-title")
    title = stringify(title_meta["c"]) if title_meta and title_meta["t"] == "MetaInlines" else (
        title_meta["c"] if title_meta and title_meta["t"] == "MetaString" else DEFAULT_TITLE)
    words = [part for word in title.split() for part in ({"t": "Space"}, {"t": "Str", "c": word})]
    blocks.insert(len(blocks) - 1, {"t": "Header", "c": [min(levels, default=1),
                                                         [HEADING_ID, ["references-title"], []],
                                                         words[1:]]})
