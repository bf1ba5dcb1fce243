"""Faults during a build: a renderer failing halfway, a full disk, a signal mid-write, two builds
at once. The previous good outputs stay, no partial file reaches a final path, temporary files go,
the exit status says what failed, and the next build (or `make`) recovers without `make clean`.

Faults are injected into real subprocesses by a `sitecustomize` module put on PYTHONPATH, driven
by PRESSROOM_FAULT; nothing in the package knows about it.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES

NAME = "central-asia-spirit"  # the small document: a full build takes a few seconds
SUFFIXES = (".md", ".audit.json", ".pdf", ".epub", ".html")

SITECUSTOMIZE = r'''
"""Fault injection for tests/test_faults.py, active only when PRESSROOM_FAULT is set."""
import errno, os, pathlib, time

FAULT = os.environ.get("PRESSROOM_FAULT", "")
kind, _, arg = FAULT.partition(":")

if kind == "template":
    import jinja2
    import pressroom.render.templating as templating
    real = templating.environment()

    class Failing:
        def get_template(self, name):
            if name == arg:
                raise jinja2.TemplateSyntaxError("injected fault", 1, name)
            return real.get_template(name)

    templating.environment = lambda: Failing()

elif kind == "weasyprint":
    import pressroom.render.pdf as pdf

    def fail(*args, **kwargs):
        raise (ValueError if arg == "ValueError" else RuntimeError)("injected WeasyPrint failure")

    pdf.keep_notes_on_their_page = fail

elif kind in ("enospc", "stall"):
    real_write_bytes = pathlib.Path.write_bytes

    def write_bytes(self, data):
        if not (self.name.startswith("." + arg + ".") and self.name.endswith(".part")):
            return real_write_bytes(self, data)
        with open(self, "wb") as fh:  # half the file reaches the disk, then the fault
            fh.write(data[: len(data) // 2])
            fh.flush()
            if kind == "enospc":
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            time.sleep(120)
        return real_write_bytes(self, data)

    pathlib.Path.write_bytes = write_bytes
'''


@pytest.fixture
def project(tmp_path):
    """A scratch sources/ + build/ holding the small document, with a previous good build whose
    outputs are marked, and the fault-injection module."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for suffix in (".txt", ".yaml"):
        shutil.copyfile(SOURCES / f"{NAME}{suffix}", sources / f"{NAME}{suffix}")
    out = tmp_path / "build" / NAME
    out.mkdir(parents=True)
    for suffix in SUFFIXES:
        (out / f"{NAME}{suffix}").write_bytes(f"previous good {suffix}\n".encode())
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(SITECUSTOMIZE)
    return tmp_path


def env(project: Path, fault: str = "") -> dict:
    return {**os.environ, "PYTHONPATH": str(project / "inject"), "PRESSROOM_FAULT": fault,
            "SOURCE_DATE_EPOCH": "1717200000"}


def build_command(project: Path, *editions: str) -> list[str]:
    args = [a for e in editions for a in ("--edition", e)]
    return [sys.executable, "-m", "pressroom", "-q", "build", NAME, *args,
            "--sources", str(project / "sources"), "--build-dir", str(project / "build")]


def build(project: Path, fault: str = "", *editions: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(build_command(project, *editions), env=env(project, fault), capture_output=True,
                          text=True, timeout=300, **kwargs)


def outputs(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "build" / NAME).iterdir()}


def previous(project: Path, suffix: str) -> bool:
    return (project / "build" / NAME / f"{NAME}{suffix}").read_bytes() == f"previous good {suffix}\n".encode()


def temporaries(project: Path) -> list[str]:
    """Temporary files left in build/ (the compiled-template cache, build/.cache, is no output)."""
    return sorted(p.name for p in (project / "build").rglob("*")
                  if (p.name.startswith(".") or ".part" in p.name)
                  and not p.relative_to(project / "build").parts[0] == ".cache")


def assert_complete(project: Path, suffix: str) -> None:
    """The output at the final path is a whole, valid file of its kind."""
    path = project / "build" / NAME / f"{NAME}{suffix}"
    data = path.read_bytes()
    if suffix == ".pdf":
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    elif suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            assert book.testzip() is None and book.read("mimetype") == b"application/epub+zip"
    elif suffix == ".html":
        assert data.rstrip().endswith(b"</html>")
    elif suffix == ".audit.json":
        json.loads(data)
    else:
        assert data.startswith(b"---\n")


def one_error_line(stderr: str, *words: str) -> None:
    lines = [line for line in stderr.strip().splitlines() if line.startswith("pressroom: error:")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert all(word in lines[0] for word in words), lines[0]


@pytest.mark.slow
def test_a_failing_template_keeps_the_previous_output(project):
    done = build(project, "template:epub.html.j2", "epub")
    assert done.returncode == 4
    one_error_line(done.stderr, "template epub.html.j2 failed", "injected fault")
    assert previous(project, ".epub")
    assert temporaries(project) == []


@pytest.mark.slow
def test_weasyprint_raising_is_a_render_failure(project):
    done = build(project, "weasyprint:ValueError", "pdf-a4")
    assert done.returncode == 4
    one_error_line(done.stderr, "WeasyPrint failed", "injected WeasyPrint failure")
    assert previous(project, ".pdf") and temporaries(project) == []


@pytest.mark.slow
def test_weasyprint_crashing_is_an_unexpected_failure_that_keeps_outputs(project):
    done = build(project, "weasyprint:RuntimeError", "pdf-a4")
    assert done.returncode == 1 and "injected WeasyPrint failure" in done.stderr
    assert previous(project, ".pdf") and temporaries(project) == []


@pytest.mark.slow
def test_disk_full_mid_write_is_one_line_and_leaves_nothing_partial(project):
    done = build(project, f"enospc:{NAME}.epub", "html", "epub")
    assert done.returncode == 4
    one_error_line(done.stderr, f"{NAME}.epub", "No space left on device")
    assert previous(project, ".epub") and temporaries(project) == []
    assert_complete(project, ".html")  # written before the fault: the new, whole file


@pytest.mark.slow
def test_a_real_file_size_limit_fails_cleanly(project):
    """RLIMIT_FSIZE makes the kernel refuse the write (EFBIG) as a full disk would."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        # Above the Markdown and its audit (about 10 kB), below the page (60 kB with its fonts).
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, resource.RLIM_INFINITY))

    done = build(project, "", "html", preexec_fn=limit)
    assert done.returncode == 4
    one_error_line(done.stderr, f"{NAME}.html", "File too large")
    assert previous(project, ".html") and temporaries(project) == []
    assert_complete(project, ".md")


def _wait_for_partial(project: Path, suffix: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        parts = list((project / "build" / NAME).glob(f".{NAME}{suffix}.*.part"))
        if parts and parts[0].stat().st_size > 0:
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    pytest.fail("the build never reached the write")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_mid_write_keeps_the_previous_output(project, signum):
    # A test-suite started in the background (`make test &`) runs with SIGINT ignored, and Python
    # keeps an inherited SIG_IGN: give the build the default disposition, as a terminal would.
    process = subprocess.Popen(build_command(project, "html", "epub"), env=env(project, f"stall:{NAME}.epub"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_partial(project, ".epub", process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert previous(project, ".epub") and temporaries(project) == []
    assert_complete(project, ".html")


@pytest.mark.slow
def test_after_sigkill_the_next_build_recovers_and_sweeps_the_leftover(project):
    process = subprocess.Popen(build_command(project, "epub"), env=env(project, f"stall:{NAME}.epub"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_partial(project, ".epub", process)
    process.kill()
    process.communicate(timeout=60)
    assert previous(project, ".epub")
    assert len(temporaries(project)) == 1  # a killed process cannot clean up...
    done = build(project, "", "epub")
    assert done.returncode == 0, done.stderr
    assert_complete(project, ".epub")
    assert temporaries(project) == []  # ...but the next write of that output does


def test_a_live_writers_temporary_file_is_not_swept(tmp_path):
    from pressroom import fsio

    live = tmp_path / f".out.txt.{os.getpid()}.abc.part"
    live.write_text("another build is writing this")
    dead = tmp_path / ".out.txt.999999999.abc.part"  # above any pid_max
    dead.write_text("left by a killed build")
    fsio.write_text(tmp_path / "out.txt", "new\n")
    assert live.exists() and not dead.exists()
    assert (tmp_path / "out.txt").read_text() == "new\n"


# --- make: recovery and concurrency ------------------------------------------------------------

@pytest.fixture
def make_project(project):
    """A scratch copy of the project for `make`: its own sources/ and build/, the real code."""
    for name in ("Makefile", "editions.yaml", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("src", "templates", "scripts", ".venv"):
        (project / name).symlink_to(ROOT / name)
    shutil.rmtree(project / "build")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return project


def make(project: Path, fault: str = "", *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env(project, fault),
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_make_recovers_after_a_failed_render_without_clean(make_project):
    assert make(make_project).returncode == 0
    good = outputs(make_project)
    time.sleep(1.1)  # a newer source, even on filesystems with 1 s timestamps
    source = make_project / "sources" / f"{NAME}.txt"
    source.write_text(source.read_text() + "\nOne more closing paragraph for this build.\n")
    failed = make(make_project, "weasyprint:ValueError")
    assert failed.returncode != 0 and "WeasyPrint failed" in failed.stderr
    assert outputs(make_project)[f"{NAME}.pdf"] == good[f"{NAME}.pdf"]  # the old one, whole
    assert temporaries(make_project) == []
    again = make(make_project)
    assert again.returncode == 0, again.stderr
    assert "pdf-a4" in again.stderr and "markdown" not in again.stderr  # only what failed is redone
    assert outputs(make_project)[f"{NAME}.pdf"] != good[f"{NAME}.pdf"]
    assert "closing paragraph" in (make_project / "build" / NAME / f"{NAME}.md").read_text()
    assert make(make_project, "", "-q").returncode == 0  # and now everything is up to date


@pytest.mark.slow
def test_make_j2_and_a_concurrent_build_do_not_corrupt_each_other(make_project):
    runs = [subprocess.Popen(["make", "-j2", "--no-print-directory"], cwd=make_project, env=env(make_project),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
            subprocess.Popen(build_command(make_project), cwd=make_project, env=env(make_project),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    for suffix in SUFFIXES:
        assert_complete(make_project, suffix)
    assert temporaries(make_project) == []
    # Both wrote the same bytes (a fixed build date), so whichever rename came last is right.
    again = make_project / "again"
    done = subprocess.run(build_command(make_project)[:-1] + [str(again)], env=env(make_project),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for suffix in (".md", ".epub", ".html", ".pdf"):
        assert (again / NAME / f"{NAME}{suffix}").read_bytes() == (
            make_project / "build" / NAME / f"{NAME}{suffix}").read_bytes(), suffix


def test_an_output_that_is_a_device_or_a_pipe_is_written_into_not_replaced(tmp_path):
    """`-o /dev/null` must not rename a regular file over the device (every program on the
    machine then writes into a file, and the next rename deletes it): a target that exists and is
    not a regular file is written into. A pipe stands in for the device here."""
    import stat
    import threading

    from pressroom import fsio

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    fsio.write_text(pipe, "the edition\n")
    reader.join(timeout=30)
    assert received == [b"the edition\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
