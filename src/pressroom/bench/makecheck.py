"""`make` as a user runs it, in a scratch copy of the project: a full build with -j1 and -j2 (do
both cores work?), a no-op `make` and `make -q`, and what `make -n` would rebuild after one
sentence of one source is edited.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from .probe import child_env
from .workloads import ROOT

COPIED = ("Makefile", "editions.yaml", "pyproject.toml", "constraints.txt", "sources", "templates",
          "src")
NOOP_RUNS = 5
EDITED = "shared-future"
# The sentence edited, and its replacement: one word changed, as an author would.
SENTENCE = ("human society has given rise to diverse civilizations",
            "human society has given rise to many civilizations")
_ANNOUNCED = re.compile(r"printf '[^']*' \S+ (build/[^/\s]+/\S+)")


def _copy_project(into: Path) -> None:
    """Copy what the Makefile reads, keeping modification times (make compares them)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=ignore, copy_function=shutil.copy2)
        else:
            shutil.copy2(source, into / name)


def _make(folder: Path, stamp: Path, *args: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run make with the real virtualenv and a fresh set-up stamp (for the installation and the
    bytecode), so it never reinstalls or recompiles anything; return wall seconds, CPU seconds of make and everything it ran, and the result."""
    env = {k: v for k, v in child_env().items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    command = ["make", f"VENV={ROOT / '.venv'}", f"STAMP={stamp}", f"BYTECODE={stamp}", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    done = subprocess.CompletedProcess(command, process.returncode,
                                       output.decode("utf-8", "replace"), "")
    return wall, usage.ru_utime + usage.ru_stime, done


def _full_build(folder: Path, stamp: Path, jobs: int) -> dict:
    shutil.rmtree(folder / "build", ignore_errors=True)
    wall, cpu, done = _make(folder, stamp, f"-j{jobs}")
    if done.returncode != 0:
        raise RuntimeError(f"make -j{jobs} failed: {done.stdout.strip()[-300:]}")
    return {"seconds": wall, "cpu": cpu, "cores_busy": cpu / wall if wall else 0.0}


def check(scratch: Path, parallel: bool = True) -> dict:
    folder = scratch / "make-project"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _copy_project(folder)
    stamp = folder / ".bench-installed"
    stamp.touch()
    result: dict = {}
    if parallel:
        result["full_build_j1"] = _full_build(folder, stamp, 1)
    result["full_build_j2"] = _full_build(folder, stamp, 2)
    if parallel:
        result["speedup_j2"] = result["full_build_j1"]["seconds"] / result["full_build_j2"]["seconds"]
    noop = [_make(folder, stamp) for _ in range(NOOP_RUNS)]
    query = [_make(folder, stamp, "-q") for _ in range(NOOP_RUNS)]
    result["noop_make_seconds"] = statistics.median(w for w, _, _ in noop)
    result["noop_make_q_seconds"] = statistics.median(w for w, _, _ in query)
    result["noop_make_q_up_to_date"] = all(d.returncode == 0 for _, _, d in query)
    result["edit_one_sentence"] = _edit_one_sentence(folder, stamp)
    return result


def _edit_one_sentence(folder: Path, stamp: Path) -> dict:
    source = folder / "sources" / f"{EDITED}.txt"
    text = source.read_text(encoding="utf-8")
    if SENTENCE[0] not in text:
        return {"skipped": f"the sentence to edit is no longer in {EDITED}.txt"}
    source.write_text(text.replace(SENTENCE[0], SENTENCE[1], 1), encoding="utf-8")
    _, _, done = _make(folder, stamp, "-n")
    rebuilt = sorted(set(_ANNOUNCED.findall(done.stdout)))
    names = {path.split("/")[1] for path in rebuilt}
    return {"edited": f"sources/{EDITED}.txt", "would_rebuild": rebuilt,
            "only_that_source": names == {EDITED}}
