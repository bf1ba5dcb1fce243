"""The command line: help, exit codes, one-line errors, nothing written on failure."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pressroom", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [[], ["normalise"], ["render"], ["build"], ["editions"]])
def test_every_command_has_help(command):
    done = run(*command, "--help")
    assert done.returncode == 0 and "usage: pressroom" in done.stdout


@pytest.mark.parametrize("content, message, code", [
    (b"", "the file is empty", 3),
    (b"  \n\t\n", "only whitespace", 3),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL bytes", 3),
    ("caf\u00e9 ok\n".encode() + b"\xff\xfe broken", "undecodable byte 0xff", 3),
])
def test_bad_input_is_one_line_naming_the_file(tmp_path, content, message, code):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out.md"
    out.write_text("previous good build\n")
    done = run("normalise", str(source), "-o", str(out))
    assert done.returncode == code
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0] and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_text() == "previous good build\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dash_output_is_standard_output(tmp_path):
    """`-o -` writes the Markdown to standard output, as `-o` omitted does, and never a file
    named `-` (one had been committed from such a run)."""
    (tmp_path / "doc.txt").write_text("A paragraph of text.\n")
    (tmp_path / "doc.yaml").write_text("title: Fine\n")
    done = run("normalise", str(tmp_path / "doc.txt"), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "title: Fine" in done.stdout and "A paragraph of text." in done.stdout
    assert not (tmp_path / "-").exists()
    assert done.stdout == run("normalise", str(tmp_path / "doc.txt"), cwd=tmp_path).stdout


def test_bad_metadata_names_file_and_line(tmp_path):
    (tmp_path / "doc.txt").write_text("A paragraph of text.\n")
    (tmp_path / "doc.yaml").write_text("title: Fine\nauthor: 42\n")
    done = run("normalise", str(tmp_path / "doc.txt"))
    assert done.returncode == 3
    assert f"{tmp_path / 'doc.yaml'}:2: 'author' must be" in done.stderr


@pytest.mark.parametrize("yaml_text, message", [
    ("title: [unclosed\n", "invalid YAML"),
    ("title: x\n!!python/object/apply:os.system ['echo hi']: 1\n", "invalid YAML"),
    ("subtitle: no title here\n", "missing required key 'title'"),
    ("title: " + "x" * 5000 + "\n", "longer than"),
    ("- a\n- list\n", "must be a mapping"),
])
def test_metadata_is_validated(tmp_path, yaml_text, message):
    (tmp_path / "doc.txt").write_text("A paragraph of text.\n")
    (tmp_path / "doc.yaml").write_text(yaml_text)
    done = run("normalise", str(tmp_path / "doc.txt"))
    assert done.returncode == 3 and message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("yaml_text, said", [
    ("title: x\nlangauge: fr\n", "unknown metadata key 'langauge' ignored; did you mean 'lang'?"),
    ("title: x\nTitel: y\n", "unknown metadata key 'Titel' ignored; did you mean 'title'?"),
    ("title: x\ncover: a.png\n", "unknown metadata key 'cover' ignored; known: title, subtitle"),
])
def test_an_unknown_key_warns_with_the_closest_key_and_fails_only_strict(tmp_path, yaml_text, said):
    (tmp_path / "doc.txt").write_text("A paragraph of text.\n")
    (tmp_path / "doc.yaml").write_text(yaml_text)
    done = run("normalise", str(tmp_path / "doc.txt"))
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'doc.yaml'}:2: warning: {said}" in done.stderr
    assert "[metadata-unknown-key]" in done.stderr and "a.png" not in done.stdout
    assert run("normalise", "--strict", str(tmp_path / "doc.txt")).returncode == 6


def test_language_is_an_alias_of_lang(tmp_path):
    (tmp_path / "doc.txt").write_text("A paragraph of text.\n")
    (tmp_path / "doc.yaml").write_text("title: x\nlanguage: fr\ncreator: A. Writer\n")
    done = run("normalise", "--strict", str(tmp_path / "doc.txt"))
    assert done.returncode == 0, done.stderr
    assert "lang: fr" in done.stdout and "A. Writer" in done.stdout
    (tmp_path / "doc.yaml").write_text("title: x\nlang: fr\nlanguage: de\n")
    done = run("normalise", str(tmp_path / "doc.txt"))
    assert done.returncode == 3 and "doc.yaml:3: 'lang' is given twice (as 'language')" in done.stderr


def test_without_metadata_the_title_is_assumed_and_said(tmp_path):
    (tmp_path / "annual-report.txt").write_text("A paragraph of text.\n")
    done = run("normalise", str(tmp_path / "annual-report.txt"))
    assert done.returncode == 0
    assert "title: Annual report" in done.stdout
    assert "title-assumed" in done.stderr


def test_strict_turns_warnings_into_exit_6(tmp_path):
    (tmp_path / "doc.txt").write_text("A paragraph of text.\n")
    assert run("normalise", "--strict", str(tmp_path / "doc.txt")).returncode == 6


def test_unknown_document_and_edition_are_usage_errors():
    assert run("build", "no-such-document").returncode == 2
    assert run("render", "tests/fixtures/sample.md", "--edition", "nope", "-o", "/dev/null").returncode == 2


def test_dump_dir_writes_the_text_after_each_pass(tmp_path):
    from pressroom.normalise import PASS_NAMES

    done = run("normalise", "sources/central-asia-spirit.txt", "--dump-dir", str(tmp_path / "d"), "-o",
               str(tmp_path / "o.md"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        f"{i:02d}-{name}.txt" for i, name in enumerate(PASS_NAMES, start=1)]


def test_quiet_success_prints_nothing(tmp_path):
    done = run("-q", "normalise", "sources/central-asia-spirit.txt", "-o", str(tmp_path / "o.md"))
    assert done.returncode == 0 and done.stderr == "" and done.stdout == ""


def test_the_assumed_encoding_is_said_without_failing_strict(tmp_path):
    source = tmp_path / "latin.txt"
    source.write_bytes("Café crème.\n".encode("latin-1"))
    (tmp_path / "latin.yaml").write_text("title: T\nlang: fr\n")
    done = run("normalise", "--strict", str(source))
    assert done.returncode == 0, done.stderr
    assert "not UTF-8: read as cp1252 [encoding]" in done.stderr
    assert "Café crème." in done.stdout
