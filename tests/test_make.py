"""Make's dependency graph, checked with `make -n` in a scratch copy of the project.

The outputs there are stand-ins written after a real `make md`, so no PDF is rendered: what is
tested is which targets make would rebuild, which is what these rules are for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from conftest import ROOT

OLD = 946684800  # 2000-01-01: set-up files older than the venv stamp, so make never reinstalls


def _make(project, *args):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    for name in listed:
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    for name in ("pyproject.toml", "constraints.txt"):
        os.utime(project / name, (OLD, OLD))
    done = _make(project, "md")
    assert done.returncode == 0, done.stderr
    time.sleep(1.1)  # the stand-ins must be visibly newer than the Markdown
    for output in _outputs(project):
        output.write_text("stand-in\n")
    return project


def _outputs(project):
    names = [p.stem for p in (project / "sources").glob("*.txt")]
    return [project / "build" / n / f"{n}{suffix}" for n in names for suffix in (".pdf", ".epub", ".html", ".docx")]


def _rebuilt(project) -> list[str]:
    """The outputs make would rebuild now, as 'edition:path' and 'md:path' entries."""
    lines = _make(project, "-n").stdout.splitlines()
    found = []
    for line in lines:
        if " render " in line:
            parts = line.split()
            found.append(f"{parts[parts.index('--edition') + 1]}:{parts[parts.index('-o') + 1]}")
        elif " normalise " in line:
            found.append(f"md:{line.split(' -o ')[1].split()[0]}")
    return sorted(found)


def _touch(path):
    time.sleep(1.1)
    path.touch()


def test_second_make_does_nothing_and_says_so(project):
    done = _make(project)
    assert done.returncode == 0 and "Nothing to be done" in done.stdout + done.stderr
    assert _rebuilt(project) == []


@pytest.mark.parametrize("template, editions", [
    ("templates/pdf.html.j2", {"pdf-a4": ".pdf"}),
    ("templates/epub.html.j2", {"epub": ".epub"}),
    # the DOCX reference document is styled from the print stylesheet
    ("templates/css/paged.css", {"docx": ".docx", "pdf-a4": ".pdf"}),
])
def test_touching_a_formats_template_rebuilds_only_that_format(project, template, editions):
    _touch(project / template)
    assert _rebuilt(project) == sorted(f"{edition}:build/{n}/{n}{suffix}"
                                       for n in ("central-asia-spirit", "shared-future")
                                       for edition, suffix in editions.items())
    for output in _outputs(project):
        output.write_text("stand-in\n")


def test_touching_one_source_rebuilds_only_that_document(project):
    _touch(project / "sources" / "central-asia-spirit.txt")
    assert _rebuilt(project) == [
        "docx:build/central-asia-spirit/central-asia-spirit.docx",
        "epub:build/central-asia-spirit/central-asia-spirit.epub",
        "html:build/central-asia-spirit/central-asia-spirit.html",
        "md:build/central-asia-spirit/central-asia-spirit.md",
        "pdf-a4:build/central-asia-spirit/central-asia-spirit.pdf"]


def test_other_editions_are_named_on_the_command_line(project):
    lines = _make(project, "-n", "EDITIONS=pdf-letter").stdout
    assert "--edition pdf-letter -o build/shared-future/shared-future.letter.pdf" in lines
    assert "--edition pdf-a4" not in lines


def test_help_lists_every_target_with_a_line(project):
    out = _make(project, "help").stdout
    for target in ("all", "md", "html", "epub", "pdf", "docx", "test", "clean", "help", "diff", "repro", "bench", "docs"):
        assert any(line.split()[0] == target for line in out.splitlines() if line.strip()), target


def test_a_markdown_source_is_built_and_its_images_are_dependencies(project):
    """sources/NAME.md with sources/NAME/… : `make md` writes the Markdown and copies the
    images; changing an image, or adding one to the folder, rebuilds that document only."""
    sources = project / "sources"
    (sources / "figs" / "more").mkdir(parents=True)
    shutil.copyfile(ROOT / "tests/fixtures/figures/chart.png", sources / "figs" / "more" / "chart.png")
    (sources / "figs.md").write_text("---\ntitle: Figs\nlang: en\n---\n\n# One\n\n"
                                     "![A chart](figs/more/chart.png)\n")
    outputs = [project / "build" / "figs" / f"figs{s}" for s in (".pdf", ".epub", ".html", ".docx")]
    try:
        done = _make(project, "md")
        assert done.returncode == 0, done.stderr
        assert (project / "build/figs/figs/more/chart.png").read_bytes() == \
            (sources / "figs/more/chart.png").read_bytes()
        time.sleep(1.1)
        for output in outputs:
            output.write_text("stand-in\n")
        figs = lambda: [entry for entry in _rebuilt(project) if "/figs/" in entry]  # noqa: E731
        assert figs() == []
        every = sorted([f"{e}:build/figs/figs{s}" for e, s in (("docx", ".docx"), ("epub", ".epub"),
                        ("html", ".html"), ("pdf-a4", ".pdf"))] + ["md:build/figs/figs.md"])
        _touch(sources / "figs" / "more" / "chart.png")
        assert figs() == every
        assert _make(project, "md").returncode == 0
        time.sleep(1.1)
        for output in outputs:
            output.write_text("stand-in\n")
        time.sleep(1.1)
        (sources / "figs" / "new.png").write_bytes((sources / "figs/more/chart.png").read_bytes())
        assert figs() == every
    finally:
        shutil.rmtree(sources / "figs")
        (sources / "figs.md").unlink()
        shutil.rmtree(project / "build" / "figs", ignore_errors=True)
