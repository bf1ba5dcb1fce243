"""The build's fixed date: SOURCE_DATE_EPOCH, else the last commit of the source, else a constant.

Never the clock: the same commit must build the same bytes at any time, in any time zone.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from .errors import UsageError

FALLBACK = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def build_date(paths: list[Path]) -> dt.datetime:
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env:
        try:
            return dt.datetime.fromtimestamp(int(env), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be an integer (seconds), not {env!r}") from None
    existing = [p for p in paths if p.exists()]
    if existing:
        stamp = _last_commit(existing)
        if stamp is not None:
            return dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc)
    return FALLBACK


def _last_commit(paths: list[Path]) -> int | None:
    folder = paths[0].resolve().parent
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *[str(p.resolve()) for p in paths]],
                             cwd=folder, capture_output=True, text=True, timeout=10,
                             env={**os.environ, "TZ": "UTC"}, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = out.stdout.strip()
    return int(value) if out.returncode == 0 and value.isdigit() else None
