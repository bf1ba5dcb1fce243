"""Diagnostics with stable codes: `path:line: severity: message [code]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str  # "info" (shown with -v), "notice" (shown), "warning" (fails --strict), "error"
    path: str
    line: int | None
    message: str
    place: str = ""  # where the line is, when not simply its number (`page 3, line 12`)

    def __str__(self) -> str:
        where = f"{self.path}:{self.place or self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict:
        found = {"code": self.code, "severity": self.severity, "path": self.path,
                 "line": self.line, "message": self.message}
        if self.place:
            found["place"] = self.place
        return found


@dataclass
class Diagnostics:
    """Collects diagnostics for one document; passes add to it, the CLI prints it."""

    path: str
    items: list[Diagnostic] = field(default_factory=list)
    locate: Callable[[int], str] | None = None  # line → `page N, line M` (PDF sources)

    def add(self, code: str, severity: str, line: int | None, message: str) -> None:
        place = self.locate(line) if self.locate is not None and line else ""
        self.items.append(Diagnostic(code, severity, self.path, line, message, place))

    def info(self, code: str, line: int | None, message: str) -> None:
        self.add(code, "info", line, message)

    def notice(self, code: str, line: int | None, message: str) -> None:
        """Something the user should know (an assumption made), but not a fault."""
        self.add(code, "notice", line, message)

    def warning(self, code: str, line: int | None, message: str) -> None:
        self.add(code, "warning", line, message)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity in ("warning", "error")]
