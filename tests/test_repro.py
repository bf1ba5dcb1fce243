"""Reproducible builds: the same source built twice, in separate processes with different time
zones, hash seeds and output folders, a few seconds apart, gives byte-identical editions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
OUTPUTS = ("tiny.md", "tiny.html", "tiny.epub", "tiny.pdf", "tiny.docx")


def _build(sources: Path, build_dir: Path, tz: str, seed: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # exercise the fallback
    env.update(TZ=tz, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-m", "pressroom", "-q", "build", "tiny", "--sources", str(sources),
                    "--build-dir", str(build_dir)], env=env, check=True, cwd=sources.parent)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("repro")  # not inside a git repository: the fixed fallback date
    sources = root / "sources"
    sources.mkdir()
    for name in ("tiny.txt", "tiny.yaml"):
        shutil.copy(FIXTURES / name, sources / name)
    _build(sources, root / "first", "UTC", "1")
    time.sleep(2.1)  # zip times have 2-second steps, PDF dates 1-second steps
    _build(sources, root / "second", "Pacific/Kiritimati", "2")
    return root / "first" / "tiny", root / "second" / "tiny"


@pytest.mark.slow
@pytest.mark.parametrize("name", OUTPUTS)
def test_outputs_are_byte_identical(two_builds, name):
    first, second = two_builds
    assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between builds"


@pytest.mark.slow
def test_epub_archive_is_canonical(two_builds):
    with zipfile.ZipFile(two_builds[0] / "tiny.epub") as archive:
        entries = archive.infolist()
    assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED
    assert len({e.date_time for e in entries}) == 1
    assert {e.external_attr >> 16 for e in entries} == {0o644}


@pytest.mark.slow
def test_docx_archive_is_canonical(two_builds):
    with zipfile.ZipFile(two_builds[0] / "tiny.docx") as archive:
        entries = archive.infolist()
        core = archive.read("docProps/core.xml").decode()
    assert entries[0].filename == "[Content_Types].xml"
    assert [e.filename for e in entries[2:]] == sorted(e.filename for e in entries[2:])
    assert len({e.date_time for e in entries}) == 1
    assert {e.external_attr >> 16 for e in entries} == {0o644}
    assert "2024-01-01T00:00:00Z" in core  # the fallback build date, never the clock


@pytest.mark.slow
def test_pdf_dates_are_the_build_date_not_the_clock(two_builds):
    from pypdf import PdfReader

    info = PdfReader(two_builds[0] / "tiny.pdf").metadata
    # No SOURCE_DATE_EPOCH and no git history: builddate.FALLBACK (2024-01-01).
    assert info["/CreationDate"].startswith("D:20240101")
    assert info["/ModDate"] == info["/CreationDate"]
