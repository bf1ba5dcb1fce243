"""Progress on stderr: a live line on a terminal, stage lines under -v, silence otherwise."""

from __future__ import annotations

import io
import logging

from pressroom import progress

LOG = logging.getLogger("weasyprint.progress")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(stream, verbose=False, quiet=False):
    with progress.reporting("doc pdf-a4", verbose=verbose, quiet=quiet, stream=stream):
        for page in (1, 2, 3):
            LOG.info("Step 5 - Creating layout - Page %d", page)
        LOG.info("Step 6 - Creating PDF")
    return stream.getvalue()


def test_terminal_shows_a_live_line_with_pages_and_clears_it():
    out = _run(Terminal())
    assert "doc pdf-a4: Step 5 - Creating layout - Page 3" in out
    assert out.endswith("\r\033[K")


def test_not_a_terminal_is_silent_unless_verbose():
    assert _run(io.StringIO()) == ""
    lines = _run(io.StringIO(), verbose=True).splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "pressroom: doc pdf-a4: Step 5 - Creating layout", "pressroom: doc pdf-a4: Step 6 - Creating PDF"]


def test_quiet_terminal_is_silent():
    assert _run(Terminal(), quiet=True) == ""
