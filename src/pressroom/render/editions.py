"""Editions as data: load and validate editions.yaml (renderer, output pattern, paper, CSS overlays).

A project's own editions.yaml (in the folder the command runs in) wins over the default one that
ships with Pressroom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, PressroomError, UsageError
from .templating import find_template

# Shipped with Pressroom (package data; in the repository, a link to its own editions.yaml).
DEFAULT_EDITIONS_FILE = Path(__file__).resolve().parents[1] / "editions.yaml"
PROJECT_EDITIONS_FILE = Path("editions.yaml")
KEYS = {"renderer", "output", "paper", "css"}
PAPER = re.compile(r"^(A[3-6]|B[4-5]|letter|legal|\d+(\.\d+)?(mm|cm|in) \d+(\.\d+)?(mm|cm|in))$")


@dataclass(frozen=True)
class Edition:
    name: str
    renderer: str
    output: str                     # pattern with {name}
    paper: str = "A4"
    css: tuple[str, ...] = field(default=())  # paths relative to templates/css/

    def file_name(self, name: str) -> str:
        return self.output.format(name=name)


def _edition(key: str, data: Any, path: Path) -> Edition:
    if not isinstance(data, dict):
        raise InputError(f"edition {key!r} must be a mapping", path)
    unknown = set(data) - KEYS
    if unknown:
        raise InputError(f"edition {key!r} has unknown keys: {', '.join(sorted(unknown))}", path)
    from . import registry

    renderer = data.get("renderer")
    if renderer not in registry().names():
        raise InputError(f"edition {key!r}: renderer must be one of "
                         f"{', '.join(registry().names())}", path)
    output = data.get("output")
    if not isinstance(output, str) or "{name}" not in output or "/" in output:
        raise InputError(f"edition {key!r}: output must be a file name containing {{name}}", path)
    if re.search(r"\{(?!name\})", output):
        raise InputError(f"edition {key!r}: output may use only {{name}}", path)
    paper = str(data.get("paper", "A4"))
    if not PAPER.match(paper):
        raise InputError(f"edition {key!r}: unknown paper size {paper!r}", path)
    css = data.get("css", [])
    if not isinstance(css, list) or not all(isinstance(c, str) for c in css):
        raise InputError(f"edition {key!r}: css must be a list of file names", path)
    for overlay in css:
        if ".." in Path(overlay).parts or Path(overlay).is_absolute():
            raise InputError(f"edition {key!r}: a CSS overlay is a path under templates/css/", path)
        try:
            find_template(f"css/{overlay}")
        except PressroomError:
            raise InputError(f"edition {key!r}: no CSS overlay templates/css/{overlay}", path) from None
    return Edition(key, renderer, output, paper, tuple(css))


def editions_file() -> Path:
    """The project's editions.yaml when there is one, else Pressroom's default."""
    return PROJECT_EDITIONS_FILE if PROJECT_EDITIONS_FILE.is_file() else DEFAULT_EDITIONS_FILE


def load_editions(path: str | Path | None = None) -> tuple[dict[str, Edition], list[str]]:
    """All editions by name, and the names of the default set, from editions.yaml."""
    path = Path(path) if path is not None else editions_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the editions: {exc}", path) from exc
    if not isinstance(data, dict) or not isinstance(data.get("editions"), dict):
        raise InputError("editions file needs an `editions:` mapping", path)
    editions = {key: _edition(key, value, path) for key, value in data["editions"].items()}
    default = data.get("default", list(editions))
    if not isinstance(default, list) or not all(d in editions for d in default):
        raise InputError("`default:` must list edition names declared below it", path)
    outputs = [e.output for e in editions.values()]
    if len(set(outputs)) != len(outputs):
        raise InputError("two editions write the same output file name", path)
    return editions, default


def select(names: list[str] | None = None, path: str | Path | None = None) -> list[Edition]:
    """The editions asked for by name (the default set when none are named)."""
    editions, default = load_editions(path)
    wanted = names or default
    unknown = [n for n in wanted if n not in editions]
    if unknown:
        raise UsageError(f"unknown edition(s): {', '.join(unknown)}; "
                         f"known: {', '.join(editions)}")
    return [editions[n] for n in wanted]
