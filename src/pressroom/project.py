"""`pressroom init DIR`: a new project that builds with the installed Pressroom.

The skeleton ships as package data: a sample source and its metadata, a Makefile that calls
`pressroom`, a .gitignore and a README; editions.yaml is a copy of Pressroom's default.
"""

from __future__ import annotations

from pathlib import Path

from . import fsio
from .errors import UsageError
from .render.editions import DEFAULT_EDITIONS_FILE

SKELETON = Path(__file__).resolve().parent / "skeleton"
# Package data cannot hold names starting with a dot reliably; these are renamed on the way out.
RENAMED = {"gitignore": ".gitignore"}


def skeleton_files() -> dict[str, bytes]:
    """Project path → contents, for every file of a new project."""
    files = {RENAMED.get(p.relative_to(SKELETON).as_posix(), p.relative_to(SKELETON).as_posix()):
             p.read_bytes() for p in sorted(SKELETON.rglob("*")) if p.is_file()}
    files["editions.yaml"] = DEFAULT_EDITIONS_FILE.read_bytes()
    return files


def init(folder: Path) -> list[Path]:
    """Write a new project into `folder` (which must be new or empty); return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} exists and is not an empty folder; `pressroom init` starts a "
                         "new project")
    written = []
    for name, data in skeleton_files().items():
        fsio.write_bytes(folder / name, data)
        written.append(folder / name)
    return written
