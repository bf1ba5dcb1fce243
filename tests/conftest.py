"""Shared fixtures: the project's real sources built once per test session (shared by xdist workers)."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SOURCE_NAMES = sorted(p.stem for p in SOURCES.glob("*.txt"))
# A fixed build date, so that outputs built by different workers are byte-identical.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1717200000")


def _shared_dir(tmp_path_factory, worker_id: str) -> Path:
    base = tmp_path_factory.getbasetemp()
    return (base.parent if worker_id != "master" else base) / "pressroom-built"


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id):
    """built(name) -> {"md", "audit", "html", "epub", "pdf": Path}: the default editions of a
    source, built once per session by whichever worker asks first (a file lock guards it)."""
    root = _shared_dir(tmp_path_factory, worker_id)
    root.mkdir(parents=True, exist_ok=True)

    def build(name: str) -> dict[str, Path]:
        from pressroom import pipeline

        out = root / name
        done = root / f"{name}.done"
        with open(root / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not done.exists():
                pipeline.build([name], None, sources=SOURCES, build_dir=root)
                done.write_text(json.dumps(sorted(p.name for p in out.iterdir())))
        return {"md": out / f"{name}.md", "audit": out / f"{name}.audit.json",
                "html": out / f"{name}.html", "epub": out / f"{name}.epub", "pdf": out / f"{name}.pdf"}

    return build


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT
