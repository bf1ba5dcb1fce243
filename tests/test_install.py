"""Pressroom installed from its wheel, outside the repository: `pressroom init` makes a project
whose `make` builds every default edition, DOCX included, with the templates, fonts and default
editions the wheel carries as package data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

from pressroom.project import init, skeleton_files

EDITIONS = (".pdf", ".epub", ".html", ".docx")


def _run(cmd: list, cwd: Path, env: dict | None = None, timeout: int = 900) -> str:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"{cmd}: {done.stdout[-2000:]}{done.stderr[-3000:]}"
    return done.stdout


def test_init_writes_a_new_project_and_refuses_a_used_folder(tmp_path):
    written = init(tmp_path / "demo")
    names = sorted(p.relative_to(tmp_path / "demo").as_posix() for p in written)
    assert names == [".gitignore", "Makefile", "README.md", "editions.yaml", "sources/sample.txt",
                     "sources/sample.yaml"]
    assert "PRESSROOM ?= pressroom" in (tmp_path / "demo" / "Makefile").read_text()
    assert "build/" in (tmp_path / "demo" / ".gitignore").read_text()
    from pressroom.errors import UsageError
    with pytest.raises(UsageError, match="not an empty folder"):
        init(tmp_path / "demo")


def test_the_sample_normalises_without_a_warning(tmp_path):
    from pressroom.normalise.source import normalise_file

    for name, data in skeleton_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    state = normalise_file(tmp_path / "sources" / "sample.txt")
    assert state.diagnostics.warnings == [] and state.accounting["balanced"]
    assert state.meta["title"] == "The Harbour Commission" and len(state.notes) == 1


def _copy_of_the_repository(target: Path) -> Path:
    """The tracked files, links kept as links (setuptools builds in the source folder: its
    build/ must not be the checkout's)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if not name or not (source.exists() or source.is_symlink()):
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.mark.slow
def test_the_wheel_works_outside_the_repository(tmp_path):
    checkout = _copy_of_the_repository(tmp_path / "checkout")
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, checkout], tmp_path)
    wheel = next(dist.glob("pressroom-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for shipped in ("pressroom/templates/css/base.css", "pressroom/templates/fonts/EBGaramond-Regular.ttf",
                    "pressroom/templates/pdf.html.j2", "pressroom/templates/diff/report.html.j2",
                    "pressroom/editions.yaml", "pressroom/skeleton/Makefile",
                    "pressroom/skeleton/gitignore", "pressroom/skeleton/sources/sample.txt"):
        assert shipped in names, shipped

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path)
    _run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
          "-c", ROOT / "constraints.txt", wheel], tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    where = _run([venv / "bin" / "python", "-c", "import pressroom.render.templating as t; "
                  "print(t.TEMPLATES)"], tmp_path, env)
    assert Path(where.strip()).is_relative_to(venv) and not Path(where.strip()).is_relative_to(ROOT)

    _run(["pressroom", "init", "demo"], tmp_path, env)
    _run(["make", "--no-print-directory"], tmp_path / "demo", env)
    build = tmp_path / "demo" / "build" / "sample"
    for suffix in (".md", *EDITIONS):
        assert (build / f"sample{suffix}").stat().st_size > 0, suffix
    done = subprocess.run(["make", "--no-print-directory"], cwd=tmp_path / "demo", env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Nothing to be done" in done.stdout + done.stderr
