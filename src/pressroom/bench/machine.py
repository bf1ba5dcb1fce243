"""What the figures were measured on: CPU model, cores, memory, load, and the tool versions."""

from __future__ import annotations

import datetime
import hashlib
import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            match = re.search(r"^model name\s*:\s*(.+)$", handle.read(), re.M)
        return match.group(1).strip() if match else platform.processor() or "unknown"
    except OSError:
        return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            match = re.search(r"^MemTotal:\s+(\d+) kB", handle.read(), re.M)
        return round(int(match.group(1)) / 2**20, 1) if match else None
    except OSError:
        return None


def _pandoc_version() -> str:
    from ..markdown import pandoc_binary

    try:
        out = subprocess.run([pandoc_binary(), "--version"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.splitlines()[0].split()[-1] if out else "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def code_digest() -> str:
    """A digest of Pressroom's sources and templates: equal at the start and the end of a run
    means no one edited the code while it was being measured."""
    root = Path(__file__).resolve().parents[3]
    digest = hashlib.sha256()
    for path in sorted([*root.glob("src/pressroom/**/*.py"), *root.glob("templates/**/*")]):
        if path.is_file() and "bench" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def describe() -> dict:
    """Machine and versions; the load average says how busy the (shared) machine was."""
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pandoc": _pandoc_version(),
        "weasyprint": _version("weasyprint"),
        "pressroom": _version("pressroom"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "code_digest": code_digest(),
    }
