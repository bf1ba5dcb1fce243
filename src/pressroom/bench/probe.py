"""Measuring instruments: a process's peak resident memory (resettable, since WeasyPrint allocates
in C where tracemalloc cannot see), timers wrapped around named functions, and child processes
run with their own resource usage.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..render.pdf_cache import CACHE_VARIABLE

_HWM = re.compile(r"VmHWM:\s+(\d+) kB")
# A fixed build date: the build never asks git (builddate.py) and outputs are reproducible.
SOURCE_DATE_EPOCH = "1717200000"


def reset_peak() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux ≥ 4.0); False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    """This process's peak RSS since start or since the last reset_peak(), in MiB."""
    try:
        with open("/proc/self/status") as handle:
            match = _HWM.search(handle.read())
        if match:
            return int(match.group(1)) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Split:
    """Named sub-timings of one stage, collected by wrapping the functions that do the work."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.peaks: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + 1

    def wrap(self, owner, attribute: str, name: str | None = None, *, peak: bool = False) -> None:
        """Replace owner.attribute by a timed version (for this process only).

        With peak=True the process peak is reset before each call and read after it, so the
        figure is this step's own high-water mark (it includes what was resident before it)."""
        original = getattr(owner, attribute)
        label = name or attribute

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if peak:
                reset_peak()
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(label, time.perf_counter() - started)
                if peak:
                    self.peaks[label] = max(self.peaks.get(label, 0.0), peak_mb())

        setattr(owner, attribute, timed)

    @contextlib.contextmanager
    def step(self, name: str, *, peak: bool = False):
        if peak:
            reset_peak()
        started, cpu = time.perf_counter(), cpu_seconds()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu_seconds() - cpu
            if peak:
                self.peaks[name] = max(self.peaks.get(name, 0.0), peak_mb())


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pandoc): on a shared machine a
    steadier figure than wall time, which includes waiting for the other users' processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def children_peak_mb() -> float:
    """Peak RSS of the largest finished child so far (pandoc allocates outside this process)."""
    import resource
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def child_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}


class ChildFailed(RuntimeError):
    pass


def run_worker(module: str, args: list[str], result: Path, log: Path, cwd: Path) -> dict:
    """Run `python -m module args` in a fresh process; return the JSON it wrote to `result`,
    plus the process's wall time and its own peak RSS (wait4: this child only, not the max over
    every child so far as RUSAGE_CHILDREN would give). Each child gets an empty PDF chunk cache
    of its own, as a first build has: a build measured after the pdf stage would otherwise take
    every chunk from the cache that stage filled, and look faster than any build a user waits for.
    (bench/parallel.py measures warm and edited builds with caches it names itself.)"""
    result.unlink(missing_ok=True)
    cache = Path(tempfile.mkdtemp(prefix="pdf-cache-", dir=cwd))
    started = time.perf_counter()
    try:
        with open(log, "wb") as errors:
            process = subprocess.Popen([sys.executable, "-m", module, *args, str(result)], cwd=cwd,
                                       stdin=subprocess.DEVNULL, stdout=errors, stderr=errors,
                                       env={**child_env(), CACHE_VARIABLE: str(cache)})
            _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not result.exists():
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise ChildFailed(f"{module} {' '.join(args)} exited {process.returncode}: " + " | ".join(tail))
    data = json.loads(result.read_text(encoding="utf-8"))
    data["process_wall"] = wall
    data["process_peak_mb"] = usage.ru_maxrss / 1024
    data["process_cpu"] = usage.ru_utime + usage.ru_stime
    return data


def write_result(path: str, data: dict) -> None:
    Path(path).write_text(json.dumps(data, indent=1), encoding="utf-8")
