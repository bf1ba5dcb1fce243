"""One module per format: the registry refuses clashes, and the CLI, the Makefile fragment, the diff
and the bench all derive from it."""

from __future__ import annotations

import pytest

from pressroom import cli
from pressroom.bench.stages import stages
from pressroom.diff import kinds
from pressroom.errors import UsageError
from pressroom.render import Registry, Renderer, edition_for_format, make_fragment, registry


def _renderer(name: str, suffix: str, review: str = "text") -> type[Renderer]:
    return type(f"R{name}", (Renderer,), {"name": name, "suffix": suffix, "binary": False,
                                          "stylesheets": (), "templates": (), "review": review,
                                          "bench_stage": name})


def test_registry_refuses_a_second_name_or_suffix():
    formats = Registry()
    formats.add(_renderer("a", ".a"))
    with pytest.raises(ValueError, match="two renderers are named 'a'"):
        formats.add(_renderer("a", ".b"))
    with pytest.raises(ValueError, match="both write .a"):
        formats.add(_renderer("b", ".a"))
    with pytest.raises(ValueError, match="review"):
        formats.add(_renderer("c", ".c", review="pixels"))
    assert formats.names() == ["a"]


def test_every_registered_renderer_declares_itself():
    for cls in registry().classes():
        assert cls.suffix.startswith(".") and cls.bench_stage and cls.review in ("text", "pages")
        assert isinstance(cls.binary, bool) and isinstance(cls.templates, tuple)
        assert cls.render is not Renderer.render
        if cls.review == "text":
            assert cls.review_lines is not Renderer.review_lines
    assert registry().names() == ["pdf", "epub", "html", "docx"]


def test_to_means_the_formats_first_default_edition(tmp_path):
    assert edition_for_format("pdf") == "pdf-a4" and edition_for_format("docx") == "docx"
    editions = tmp_path / "editions.yaml"
    editions.write_text("default: [letter]\neditions:\n  a4: {renderer: pdf, output: '{name}.pdf'}\n"
                        "  letter: {renderer: pdf, output: '{name}.l.pdf', paper: letter}\n")
    assert edition_for_format("pdf", editions) == "letter"
    with pytest.raises(UsageError, match="no edition .* uses the epub renderer"):
        edition_for_format("epub", editions)


def test_cli_choices_come_from_the_registry(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["render", "x.md", "--to", "rtf"])
    assert exit_.value.code == 2
    assert "choose from pdf, epub, html, docx" in capsys.readouterr().err.replace("'", "")


def test_make_fragment_lists_what_each_edition_reads():
    fragment = dict(line.split(" := ", 1) for line in make_fragment().splitlines()
                    if " := " in line)
    assert fragment["FORMATS"].split() == registry().names()
    docx = fragment["TEMPLATES_docx"].split()
    assert docx == ["templates/css/base.css", "templates/css/blocks.css", "templates/css/paged.css"]
    assert "templates/fonts/mono/DejaVuSansMono.ttf" in fragment["TEMPLATES_pdf-a4"].split()
    assert "templates/css/overlays/letter.css" in fragment["TEMPLATES_pdf-letter"].split()
    assert "templates/css/overlays/letter.css" not in fragment["TEMPLATES_pdf-a4"].split()
    assert "templates/epub.html.j2" in fragment["TEMPLATES_epub"].split()
    assert "templates/epub.html.j2" not in fragment["TEMPLATES_html"].split()


def test_diff_and_bench_know_every_format():
    assert set(kinds()) == {".md", *(c.suffix for c in registry().classes())}
    assert set(stages()) == {"normalise", "parse", *(c.bench_stage for c in registry().classes())}



@pytest.mark.slow
def test_renderer_warnings_fail_strict(tmp_path, monkeypatch, capsys):
    """A WeasyPrint warning travels back in the Rendered result: printed, and exit 6 under
    --strict. The overlay is the project's own (templates/css/ of the folder it runs in)."""
    (tmp_path / "templates" / "css").mkdir(parents=True)
    (tmp_path / "templates" / "css" / "odd.css").write_text("p { colour: red; }\n")
    (tmp_path / "editions.yaml").write_text(
        "editions:\n  odd: {renderer: pdf, output: '{name}.pdf', css: [odd.css]}\n")
    (tmp_path / "doc.md").write_text("---\ntitle: T\n---\n\nA paragraph.\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["render", "doc.md"]) == 0
    assert "colour" in capsys.readouterr().err
    assert cli.main(["render", "--strict", "doc.md"]) == 6
