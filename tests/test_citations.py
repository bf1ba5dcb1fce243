"""Citations: `[@key, p. 3]`, `@key` and `[-@key]` resolved by citeproc against the bibliography
the metadata names (BibTeX, CSL JSON, CSL YAML; an optional CSL style), into linked text and a
references section in every edition; unknown keys warned about on their line; paths outside the
sources folder refused on the metadata line."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pypdf
import pytest

from pressroom import citations, document
from pressroom.cli import main
from pressroom.diagnostics import Diagnostics
from pressroom.errors import InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "citations"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(list(args))
    return status, err.getvalue()


def project(tmp_path: Path, markdown: str | None = None, **meta: str) -> tuple[Path, Path]:
    """A sources folder with the fixture bibliographies and style, and the cited document (its
    metadata lines replaced by `meta`, `None` removing one) beside it; (document, sources)."""
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    for name in ("refs.bib", "refs.json", "refs.yaml", "numeric.csl"):
        shutil.copyfile(FIXTURES / name, sources / name)
    text = markdown if markdown is not None else (FIXTURES / "cited.md").read_text(encoding="utf-8")
    for key, value in meta.items():
        key = key.replace("_", "-")
        line = f"{key}: {value}\n" if value is not None else ""
        if re.search(rf"^{key}:", text, re.M):
            text = re.sub(rf"^{key}: .*\n", line, text, count=1, flags=re.M)
        else:
            text = text.replace("---\n", f"---\n{line}", 1)
    doc = tmp_path / "cited.md"
    doc.write_text(text, encoding="utf-8")
    return doc, sources


def render(doc: Path, sources: Path, fmt: str, *extra: str) -> tuple[int, str, Path]:
    out = doc.parent / "out" / f"{doc.stem}.{fmt}"
    status, stderr = cli("render", str(doc), "--to", fmt, "-o", str(out), "--sources",
                         str(sources), *extra)
    return status, stderr, out


@pytest.fixture(scope="module")
def html_page(tmp_path_factory):
    doc, sources = project(tmp_path_factory.mktemp("cite-html"))
    status, stderr, out = render(doc, sources, "html")
    assert status == 0, stderr
    return lxml.html.fromstring(out.read_bytes()), stderr, doc


def test_citations_become_text_linked_to_their_entries(html_page):
    page, _, _ = html_page
    text = page.text_content()
    assert "[@item1" not in text and "@item2" not in text
    assert "(Doe 2005, 32)" in text and "Roe and Poe (2010)" in text and "also (2005)" in text
    links = page.xpath("//span[@class='citation']//a/@href")
    assert links == ["#ref-item1", "#ref-item2", "#ref-item1"]
    for href in links:  # every link lands on an entry of the references section
        entry = page.get_element_by_id(href[1:])
        assert "csl-entry" in entry.get("class") and entry.getparent().get("id") == "refs"
    assert page.xpath("//span[@class='citation']/@data-cites")[:3] == ["item1", "item2", "item1"]


def test_the_references_are_a_section_of_their_own_in_the_contents(html_page):
    page, _, _ = html_page
    heading = page.get_element_by_id("references")
    assert heading.tag == "h2" and heading.text_content() == "References"
    assert page.xpath("//nav//a[@href='#references']")
    entries = [e.text_content() for e in page.xpath("//div[@id='refs']/div")]
    assert entries == ["Doe, John. 2005. First Book. Cambridge University Press.",
                       "Roe, Jane, and Max Poe. 2010. “An Article on Things.” Journal of Things 3: 33–44."]


def test_an_unknown_key_is_a_warning_on_its_line_and_printed_unlinked(html_page):
    page, stderr, doc = html_page
    assert f"{doc}:11: warning: no entry 'missing2020' in the bibliography" in stderr
    assert stderr.count("[citation-unknown]") == 1
    assert "(missing2020?)" in page.text_content()
    # a link to nothing is no link (nor a refused one)
    assert page.xpath("//span[@class='citation-unknown']")[0].text_content() == "missing2020?"
    assert not page.xpath("//a[@href='#ref-missing2020']") and not page.xpath("//*[@class='refused-link']")


def test_an_unknown_key_fails_strict(tmp_path):
    doc, sources = project(tmp_path)
    status, stderr, out = render(doc, sources, "html", "--strict")
    assert status == 6 and "[citation-unknown]" in stderr


def test_a_fully_resolved_document_warns_nothing(tmp_path):
    text = (FIXTURES / "cited.md").read_text(encoding="utf-8").replace(" [@missing2020]", "")
    doc, sources = project(tmp_path, text)
    status, stderr, out = render(doc, sources, "html", "--strict")
    assert status == 0 and "warning" not in stderr, stderr


@pytest.mark.parametrize("bibliography", ["refs.json", "refs.yaml"])
def test_csl_json_and_yaml_give_the_same_references_as_bibtex(tmp_path, html_page, bibliography):
    doc, sources = project(tmp_path, bibliography=bibliography)
    status, stderr, out = render(doc, sources, "html")
    assert status == 0, stderr
    page = lxml.html.fromstring(out.read_bytes())

    def entries(root):
        return [e.text_content() for e in root.xpath("//div[@id='refs']/div")]
    assert entries(page) == entries(html_page[0])


def test_a_csl_style_decides_the_form(tmp_path):
    doc, sources = project(tmp_path, csl="numeric.csl")
    status, stderr, out = render(doc, sources, "html")
    assert status == 0, stderr
    page = lxml.html.fromstring(out.read_bytes())
    citations_shown = [c.text_content() for c in page.xpath("//span[@class='citation']")]
    assert citations_shown[:3] == ["[1, p. 32]", "[2]", "[1]"], citations_shown
    first = page.xpath("//div[@id='refs']/div")[0]
    assert first.xpath(".//*[@class='csl-left-margin']")[0].text_content().strip() == "[1]"
    assert "J. Doe. First book. 2005." in first.text_content()


def test_a_refs_div_places_the_references_and_no_heading_is_added(tmp_path):
    text = (FIXTURES / "cited.md").read_text(encoding="utf-8").replace(
        "# Discussion", "# Works cited\n\n::: {#refs}\n:::\n\n# Discussion")
    doc, sources = project(tmp_path, text)
    status, stderr, out = render(doc, sources, "html")
    assert status == 0, stderr
    page = lxml.html.fromstring(out.read_bytes())
    assert not page.xpath("//*[@id='references']")
    refs = page.get_element_by_id("refs")
    assert refs.getparent().xpath("h2")[0].text_content() == "Works cited"
    assert len(refs.xpath("div")) == 2


def test_an_empty_closing_heading_is_the_references_heading(tmp_path):
    text = (FIXTURES / "cited.md").read_text(encoding="utf-8") + "\n# Bibliography\n"
    doc, sources = project(tmp_path, text)
    status, stderr, out = render(doc, sources, "html")
    page = lxml.html.fromstring(out.read_bytes())
    assert not page.xpath("//*[@id='references']")
    assert page.get_element_by_id("refs").getparent().xpath("h2")[0].text_content() == "Bibliography"


def test_the_references_heading_takes_the_documents_top_level(tmp_path):
    text = (FIXTURES / "cited.md").read_text(encoding="utf-8").replace("# ", "## ")
    doc, sources = project(tmp_path, text, reference_section_title="Sources")
    status, stderr, out = render(doc, sources, "html")
    page = lxml.html.fromstring(out.read_bytes())
    heading = page.get_element_by_id("references")
    assert heading.text_content() == "Sources"
    assert heading.tag == page.xpath("//*[@id='findings']")[0].tag


def test_every_edition_has_linked_citations_and_the_references(tmp_path):
    doc, sources = project(tmp_path)
    for fmt in ("epub", "pdf", "docx"):
        status, stderr, out = render(doc, sources, fmt)
        assert status == 0, (fmt, stderr)
    with zipfile.ZipFile(doc.parent / "out" / "cited.epub") as epub:
        files = {n: lxml.etree.fromstring(epub.read(n)) for n in epub.namelist()
                 if n.endswith(".xhtml")}
    ids = {(name.rsplit("/", 1)[-1], i) for name, root in files.items() for i in root.xpath("//@id")}
    hrefs = [h for root in files.values()
             for h in root.xpath("//x:span[@class='citation']//x:a/@href", namespaces=XHTML)]
    assert len(hrefs) == 3 and all(tuple(h.split("#")) in ids for h in hrefs), hrefs
    assert any("Doe, John. 2005." in "".join(root.itertext()) for root in files.values())

    reader = pypdf.PdfReader(doc.parent / "out" / "cited.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "(Doe 2005, 32)" in text and "Doe, John. 2005. First Book." in text
    destinations = [str(a.get_object().get("/Dest")) for page in reader.pages
                    for a in page.get("/Annots") or []]
    assert {"ref-item1", "ref-item2"} <= set(destinations), destinations
    named = reader.named_destinations
    assert "ref-item1" in named and "ref-item2" in named

    with zipfile.ZipFile(doc.parent / "out" / "cited.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert re.findall(r'<w:hyperlink w:anchor="(ref-item\d)"', body) == ["ref-item1", "ref-item2",
                                                                         "ref-item1"]
    assert 'w:name="ref-item1"' in body and "First Book" in body


def test_a_document_without_a_bibliography_is_parsed_as_before(tmp_path):
    text = (FIXTURES / "cited.md").read_text(encoding="utf-8")
    doc, sources = project(tmp_path, text, bibliography=None)
    loaded = document.load(doc, sources)
    assert loaded.diagnostics == [] and "refs" not in loaded.anchors
    assert document.load(doc, sources).sections[1].blocks[1] == \
        document.from_markdown(text.replace("bibliography: refs.bib\n", "")).sections[1].blocks[1]


@pytest.mark.parametrize("value, message", [
    ("/etc/passwd.bib", "must be relative to the sources folder, not absolute"),
    ("../outside.bib", "is outside the sources folder"),
    ("https://example.org/refs.bib", "must be a file path relative to the sources folder, not a URL"),
    ("file:///etc/refs.bib", "must be a file path relative to the sources folder, not a URL"),
    ("missing.bib", "does not exist in the sources folder"),
    ("numeric.csl", "is not a BibTeX (.bib, .bibtex), CSL JSON (.json) or CSL YAML (.yaml, .yml) file"),
    ("link.bib", "is outside the sources folder"),
])
def test_a_bibliography_path_outside_the_sources_is_refused_on_its_line(tmp_path, value, message):
    (tmp_path / "outside.bib").write_text((FIXTURES / "refs.bib").read_text())
    doc, sources = project(tmp_path, bibliography=value)
    (sources / "link.bib").symlink_to(tmp_path / "outside.bib")
    status, stderr, out = render(doc, sources, "html")
    assert status == 3 and len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"pressroom: error: {doc}:4: 'bibliography: {value}' {message}"), stderr
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_a_style_path_is_checked_as_the_bibliography_is(tmp_path):
    doc, sources = project(tmp_path, csl="../style.csl")
    status, stderr, out = render(doc, sources, "html")
    assert status == 3 and f"{doc}:2: 'csl: ../style.csl' is outside the sources folder" in stderr


def test_pandoc_never_sees_the_documents_own_file_keys(tmp_path):
    """citation-abbreviations names a file pandoc would read: it is removed, as is any path
    pandoc could resolve itself."""
    (tmp_path / "secret.json").write_text('{"default": {}}')
    doc, sources = project(tmp_path, citation_abbreviations="../secret.json")
    status, stderr, out = render(doc, sources, "html")
    assert status == 0, stderr
    ast = {"meta": {"bibliography": {"t": "MetaString", "c": "refs.bib"},
                    "citation-abbreviations": {"t": "MetaString", "c": "/etc/passwd"}},
           "blocks": [], "pandoc-api-version": [1, 23, 1]}
    seen = {}

    def spy(args, data):
        import json
        seen.update(json.loads(data)["meta"])
        raise RuntimeError("stop")
    import pressroom.markdown as md
    original, md.pandoc_run = md.pandoc_run, spy
    try:
        with pytest.raises(RuntimeError):
            citations.resolve(ast, doc, sources, Diagnostics(str(doc)))
    finally:
        md.pandoc_run = original
    assert "citation-abbreviations" not in seen
    assert seen["bibliography"]["c"][0]["c"] == str((sources / "refs.bib").resolve())


def test_the_metadata_file_refuses_a_path_outside_on_its_line(tmp_path):
    (tmp_path / "doc.txt").write_text("A paragraph of ordinary text.\n")
    (tmp_path / "doc.yaml").write_text("title: T\nbibliography: ../refs.bib\n")
    status, stderr = cli("normalise", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "doc.md"))
    assert status == 3
    assert f"{tmp_path / 'doc.yaml'}:2: 'bibliography: ../refs.bib' is outside the sources folder" in stderr
    (tmp_path / "refs.bib").write_text((FIXTURES / "refs.bib").read_text())
    (tmp_path / "doc.yaml").write_text("title: T\nbibliography: refs.bib\n")
    status, stderr = cli("normalise", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "doc.md"))
    assert status == 0, stderr
    assert "bibliography: refs.bib\n" in (tmp_path / "doc.md").read_text()


@pytest.mark.parametrize("text, line", [
    ("Cited [@item1, p. 3].", 1), ("Mail me@item1.org, then\n@item1 says.", 2),
    ("See [@{item1}].", 1), ("Not @item10 but\n[-@item1].", 2), ("Ends in @item1.", 1),
])
def test_the_line_of_a_citation(text, line):
    assert citations.citation_line(text, "item1") == line


def test_a_note_style_makes_the_citations_footnotes_linked_to_their_entries(tmp_path):
    doc, sources = project(tmp_path, csl="note.csl")
    style = (FIXTURES / "numeric.csl").read_text().replace('class="in-text"', 'class="note"')
    (sources / "note.csl").write_text(style)
    loaded = document.load(doc, sources)
    assert len(loaded.notes) == 4  # each of the four citations (the unknown key's too) is a note
    links = [n["c"][2][0] for note in loaded.notes for n in document.walk(note.blocks)
             if n["t"] == "Link"]
    assert links == ["#ref-item1", "#ref-item2", "#ref-item1"]


def test_without_a_sources_folder_the_bibliography_is_looked_for_beside_the_markdown(tmp_path):
    """document.load without the pipeline's sources folder (a test fixture, a library user)."""
    shutil.copyfile(FIXTURES / "refs.bib", tmp_path / "refs.bib")
    doc = tmp_path / "cited.md"
    shutil.copyfile(FIXTURES / "cited.md", doc)
    loaded = document.load(doc)
    assert "ref-item1" in loaded.anchors and loaded.anchors["ref-item1"].id == "references"
    (tmp_path / "refs.bib").unlink()
    with pytest.raises(InputError, match="does not exist in the sources folder"):
        document.load(doc)
