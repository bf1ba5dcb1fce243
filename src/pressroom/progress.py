"""Progress of long steps on stderr: document, edition, WeasyPrint's stage and page, elapsed.

On a terminal one line is rewritten in place; elsewhere nothing is shown unless -v, and then
each WeasyPrint stage is one line (not each page, which would flood a CI log).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from typing import Iterator

_WEASYPRINT_PROGRESS = logging.getLogger("weasyprint.progress")


class _Progress(logging.Handler):
    def __init__(self, label: str, live: bool, stream) -> None:
        super().__init__(logging.INFO)
        self.label, self.live, self.stream = label, live, stream
        self.started = time.perf_counter()
        self.last_stage = ""
        self.shown = False

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        stage = message.split(" - Page ")[0]
        elapsed = time.perf_counter() - self.started
        if self.live:
            self.stream.write(f"\r\033[Kpressroom: {self.label}: {message} ({elapsed:.1f} s)")
            self.stream.flush()
            self.shown = True
        elif stage != self.last_stage:
            self.stream.write(f"pressroom: {self.label}: {stage} ({elapsed:.1f} s)\n")
        self.last_stage = stage

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


@contextlib.contextmanager
def reporting(label: str, verbose: bool, quiet: bool, stream=None) -> Iterator[None]:
    """Show WeasyPrint's progress for `label` while the block runs (see the module docstring)."""
    stream = stream or sys.stderr
    live = not quiet and stream.isatty()
    if not (live or verbose):
        yield
        return
    handler = _Progress(label, live, stream)
    previous = _WEASYPRINT_PROGRESS.level
    _WEASYPRINT_PROGRESS.setLevel(logging.INFO)
    _WEASYPRINT_PROGRESS.addHandler(handler)
    try:
        yield
    finally:
        _WEASYPRINT_PROGRESS.removeHandler(handler)
        _WEASYPRINT_PROGRESS.setLevel(previous)
        handler.finish()
