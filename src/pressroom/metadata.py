"""Document metadata from `sources/NAME.yaml`: loaded safely, validated, one clear error line.

An unknown key is not fatal: it is ignored with a warning that names the closest known key
("did you mean 'lang'?"), so `--strict` fails on it and a plain build goes on.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from .diagnostics import Diagnostics
from .errors import InputError

# key -> (accepted types, description for messages)
FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "title": ((str,), "a string"),
    "subtitle": ((str,), "a string"),
    "author": ((str, list), "a string or a list of strings"),
    "publisher": ((str,), "a string"),
    "lang": ((str,), "a language tag such as en or en-GB"),
    "date": ((str, dt.date), "a date (YYYY-MM-DD)"),
    "identifier": ((str,), "a string"),
    "rights": ((str,), "a string"),
    "description": ((str,), "a string"),
    "keywords": ((list,), "a list of strings"),
    "bibliography": ((str, list), "a path (or a list of paths) to a BibTeX, CSL JSON or CSL YAML "
                                  "file in the sources folder"),
    "csl": ((str,), "a path to a CSL style file in the sources folder"),
    "reference-section-title": ((str,), "a string"),
}
# Keys naming files: each must be a file of its kind inside the metadata file's folder (sources/).
FILE_KEYS = {"bibliography": "BIBLIOGRAPHY_SUFFIXES", "csl": "STYLE_SUFFIXES"}
# Other names accepted for a key: the Dublin Core element names people write from habit.
ALIASES = {"language": "lang", "creator": "author"}
# How alike an unknown key and a known one must be (difflib's ratio) for "did you mean".
SUGGESTION_CUTOFF = 0.6
REQUIRED = ("title",)
MAX_VALUE_CHARS = 2000  # a metadata value longer than this is a mistake, not a description
MAX_FILE_BYTES = 64 * 1024


def closest_key(key: str) -> str | None:
    """The known key (or alias, given as the key it stands for) most like `key`, if any is close."""
    match = difflib.get_close_matches(key.lower(), [*FIELDS, *ALIASES], n=1,
                                      cutoff=SUGGESTION_CUTOFF)
    return ALIASES.get(match[0], match[0]) if match else None


def load_metadata(path: Path, diagnostics: Diagnostics | None = None,
                  required: tuple[str, ...] = REQUIRED) -> dict:
    """Read and validate a metadata file; raise InputError naming the file and line.

    An unknown key is reported to `diagnostics` (whose path is this file's) as a warning and
    ignored; without diagnostics to report to, it is an error. A Markdown source may give its
    title itself: then `required` is empty."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read metadata: {exc.strerror}", path) from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"metadata file is larger than {MAX_FILE_BYTES // 1024} KiB", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("metadata is not UTF-8 text", path) from exc
    return validate_entries(text, path, diagnostics, required=required)


def validate_entries(text: str, path: str | Path, diagnostics: Diagnostics | None = None, *,
                     line_offset: int = 0, required: tuple[str, ...] = REQUIRED,
                     keep_unknown: bool = False) -> dict:
    """The known keys of a YAML mapping, checked; `line_offset` places its lines in a larger
    file (a Markdown source's metadata block). With `keep_unknown`, keys Pressroom does not know
    pass in silence (in a Markdown source they are pandoc's and stay there)."""
    meta: dict = {}
    lines: dict[str, int] = {}
    for given, value, line in _entries(text, path, line_offset):
        key = ALIASES.get(given, given)
        if key in lines:
            also = "" if given == key else f" (as '{given}')"
            raise InputError(f"'{key}' is given twice{also}", path, line)
        if key not in FIELDS and keep_unknown:
            continue
        if key not in FIELDS:
            suggestion = closest_key(given)
            hint = (f"did you mean '{suggestion}'?" if suggestion
                    else f"known: {', '.join(FIELDS)}")
            if diagnostics is None:
                raise InputError(f"unknown metadata key '{given}' ({hint})", path, line)
            diagnostics.warning("metadata-unknown-key", line,
                                f"unknown metadata key '{given}' ignored; {hint}")
            continue
        types, description = FIELDS[key]
        if not isinstance(value, types) or isinstance(value, bool):
            raise InputError(f"'{key}' must be {description}", path, line)
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise InputError(f"'{key}' must be {description}", path, line)
        if isinstance(value, dt.date):
            value = value.isoformat()
        size = sum(len(v) for v in value) if isinstance(value, list) else len(value)
        if size > MAX_VALUE_CHARS:
            raise InputError(f"'{key}' is longer than {MAX_VALUE_CHARS} characters", path, line)
        if isinstance(value, str) and not value.strip():
            raise InputError(f"'{key}' is empty", path, line)
        meta[key] = value.strip() if isinstance(value, str) else value
        lines[key] = line
        if key in FILE_KEYS:
            from . import citations

            for item in value if isinstance(value, list) else [value]:
                citations.check_path(item, Path(path).parent, getattr(citations, FILE_KEYS[key]), key,
                                     path, line)
    for key in required:
        if key not in meta:
            raise InputError(f"missing required key '{key}'", path, 1 + line_offset)
    if "date" in meta:
        try:
            dt.date.fromisoformat(meta["date"][:10])
        except ValueError:
            raise InputError("'date' must be a date (YYYY-MM-DD)", path, lines["date"]) from None
    return meta


def _entries(text: str, path: str | Path, offset: int = 0) -> list[tuple[str, object, int]]:
    """(key, value, line) of each top-level entry, in file order, duplicates included.

    The file is composed into nodes first and each value constructed on its own, so that a
    duplicate key or a value the safe constructors reject (`2024-13-45`, `!!int abc`) is
    reported with its line instead of escaping as a traceback.
    """
    import yaml  # imported here: a document without metadata never pays for it

    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise InputError(f"invalid YAML: {problem}", path,
                             mark.line + 1 + offset if mark else None) from None
        if root is None:
            return []
        if not isinstance(root, yaml.MappingNode):
            raise InputError("metadata must be a mapping of keys to values", path,
                             root.start_mark.line + 1 + offset)
        entries = []
        for key_node, value_node in root.value:
            line = key_node.start_mark.line + 1 + offset
            try:
                key = loader.construct_object(key_node, deep=True)
                value = loader.construct_object(value_node, deep=True)
            except yaml.YAMLError as exc:
                problem = getattr(exc, "problem", None) or "invalid YAML"
                raise InputError(f"invalid YAML: {problem}", path, line) from None
            except (ValueError, TypeError, AttributeError):  # the safe constructors' own checks
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a key"
                raise InputError(f"'{name}' has a value YAML cannot read", path, line) from None
            if not isinstance(key, str):
                raise InputError("metadata keys must be plain names", path, line)
            entries.append((key, value, line))
        return entries
    finally:
        loader.dispose()
