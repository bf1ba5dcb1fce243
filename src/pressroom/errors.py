"""Exception hierarchy with fixed exit codes: library code raises, only the CLI prints and exits."""

from __future__ import annotations

from pathlib import Path


class PressroomError(Exception):
    """Base class: a failure the user can act on, reported as one line, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class UsageError(PressroomError):
    """Wrong command-line use (unknown document, edition or option)."""

    exit_code = 2


class InputError(PressroomError):
    """A source text or metadata file that cannot be used as it is."""

    exit_code = 3


class RenderError(PressroomError):
    """A renderer (template, pandoc, WeasyPrint, packaging) failed on valid input."""

    exit_code = 4


class SetupError(PressroomError):
    """Something the build needs is missing from this machine."""

    exit_code = 5


class StrictError(PressroomError):
    """Warnings were reported and --strict turns them into a failure."""

    exit_code = 6


EXIT_INTERRUPTED = 130
