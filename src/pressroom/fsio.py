"""Atomic output: write beside the target, fsync, rename; a failure leaves the old file intact."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import RenderError


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target.

    The temporary name is unique per process, so concurrent builds into the same folder never
    write into each other's files, and the rename is atomic on POSIX filesystems. It carries the
    writer's process id, so that a later write removes what a killed process (SIGKILL, power
    loss) left behind. A write that fails (disk full, permissions) is one error line, exit 4.
    """
    target = Path(target)
    if target.exists() and not target.is_file():
        # A device or a pipe (`-o /dev/null`, `-o /dev/stdout`): written into, never replaced by a
        # renamed file (which would turn /dev/null into a regular file for every other program).
        try:
            yield target
        except OSError as exc:
            raise RenderError(f"cannot write: {exc.strerror or exc}", target) from exc
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_orphans(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part",
                                   dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise RenderError(f"cannot write: {exc.strerror or exc}", target) from exc
    tmp_path = Path(tmp)
    try:
        try:
            yield tmp_path
            with open(tmp_path, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, target)
        except OSError as exc:
            raise RenderError(f"cannot write: {exc.strerror or exc}", target) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def _remove_orphans(target: Path) -> None:
    """Remove temporary files of this target whose writer process no longer exists."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\..*\.part$")
    for path in target.parent.glob(f".{glob_escape(target.name)}.*.part"):
        match = pattern.match(path.name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))
