"""Every construct of the feature-complete sample (tests/fixtures/sample.md) in every edition,
checked by structure, and its HTML fragment against a reviewed golden file.

Regenerate the golden fragment only on purpose, then read the diff before committing it:
    PRESSROOM_ACCEPT=1 .venv/bin/python -m pytest tests/test_rich_content.py -k golden
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
import tinycss2
from lxml import etree
from lxml import html as lxml_html

from pressroom import document, markdown
from pressroom.render import get_renderer, select
from pressroom.render.epub import epub_bytes
from pressroom.render.html import page
from pressroom.render.html_ast import Serialiser
from pressroom.render.notes import EpubNotes, HtmlNotes, PdfNotes
from pressroom.render import pdf as pdf_module
from pressroom.render.pdf import face_has_small_caps, print_html

from conftest_render import BUILD_DATE, ROOT, docs, pdfs  # noqa: F401

GOLDEN = ROOT / "tests" / "golden" / "sample.html"
CSS = ROOT / "templates" / "css"
XHTML = {"x": "http://www.w3.org/1999/xhtml", "m": "http://www.w3.org/1998/Math/MathML",
         "opf": "http://www.idpf.org/2007/opf"}
# Elements HTML forbids inside a <p> (an HTML parser closes the paragraph before them).
BLOCKS = ("address", "aside", "blockquote", "div", "dl", "figure", "hr", "ol", "p", "pre",
          "section", "table", "ul", "h1", "h2", "h3", "h4", "h5", "h6")
MIN_CONTRAST = 4.5  # WCAG 2 AA for text (axe's color-contrast rule)


@pytest.fixture(scope="module")
def ast_nodes(docs):
    doc = docs["sample"]
    return list(document.walk([s.blocks for s in doc.sections] + [n.blocks for n in doc.notes]))


def count(nodes, kind: str) -> int:
    return sum(1 for n in nodes if n["t"] == kind)


@pytest.fixture(scope="module")
def html_page(docs) -> str:
    return page(docs["sample"], select(["html"])[0], BUILD_DATE)


@pytest.fixture(scope="module")
def html_root(html_page):
    return lxml_html.document_fromstring(html_page)


@pytest.fixture(scope="module")
def epub(docs) -> dict[str, bytes]:
    data = epub_bytes(docs["sample"], select(["epub"])[0], BUILD_DATE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


# lists, rules, quotations ---------------------------------------------------------------------

def test_lists_keep_their_number_style_delimiter_and_start(html_root):
    styled = [(ol.get("type"), ol.get("class"), ol.get("start"))
              for ol in html_root.xpath("//main//ol[@type or @start]")]
    assert styled == [("A", "upper-alpha", None), ("i", "lower-roman", None),
                      ("I", "upper-roman", None), ("a", "lower-alpha paren", None),
                      ("i", "lower-roman parens", None), (None, None, "7")]
    assert html_root.xpath("//main//ol[@start='7']/li[1]")[0].text_content().startswith("the seventh")
    # A plain 1. 2. list stays without type or class (the report's lists are unchanged).
    assert html_root.xpath("//main//ul/li/ol[not(@type) and not(@class)]")


def test_task_list_has_disabled_labelled_check_boxes(html_root):
    items = html_root.xpath("//ul[@class='task-list']/li")
    assert len(items) == 3
    boxes = [li.xpath("./label/input[@type='checkbox'][@disabled]") for li in items]
    assert all(len(b) == 1 for b in boxes)
    assert [b[0].get("checked") is not None for b in boxes] == [True, False, False]
    assert items[0].xpath("string(label)").strip() == "draft the report"
    assert "☐" not in html_root.text_content() and "☒" not in html_root.text_content()


def test_rules_quotes_definitions_and_line_blocks(html_root, ast_nodes):
    assert len(html_root.xpath("//main//hr")) == count(ast_nodes, "HorizontalRule") >= 1
    assert html_root.xpath("//main//blockquote/blockquote/p")
    assert html_root.xpath("//main//blockquote/ul/li")
    assert [dt.text_content() for dt in html_root.xpath("//main//dl/dt")] == ["Term one", "Term two"]
    assert len(html_root.xpath("//main//dl/dd")) == 3
    line_block = html_root.xpath("//p[@class='line-block']")[0]
    assert len(line_block.xpath("br")) == 2


def test_inline_styles(html_root):
    main = html_root.xpath("//main")[0]
    assert main.xpath(".//del[.='struck out']") and main.xpath(".//sub[.='2']")
    assert main.xpath(".//sup[.='10']") and main.xpath(".//span[@class='smallcaps']")
    assert main.xpath(".//span[@class='underline']") and main.xpath(".//code[.='print(\"hello\")']")


# tables -----------------------------------------------------------------------------------------

def test_tables_keep_cells_alignment_captions_and_widths(html_root, ast_nodes):
    tables = html_root.xpath("//main//div[@class='table-wrap']/table")
    assert len(tables) == count(ast_nodes, "Table") == 5  # one written in raw HTML
    cells = sum(1 for n in ast_nodes if n["t"] == "Table" for _ in _cells(n))
    assert len(html_root.xpath("//main//table//td | //main//table//th")) == cells
    first = tables[0]
    assert first.xpath("string(caption)").startswith("Trade by region")
    assert [th.get("class") for th in first.xpath("thead/tr/th")] == [
        "align-left", "align-right", "align-center", None]
    assert [td.get("class") for td in first.xpath("tbody/tr[1]/td")] == [
        "align-left", "align-right", "align-center", None]
    assert all(th.get("scope") == "col" for th in first.xpath("thead//th"))
    grid = tables[1]
    widths = grid.xpath("colgroup/col/@style")
    assert len(widths) == 2 and all(re.fullmatch(r"width: \d+\.\d%", w) for w in widths)
    assert len(grid.xpath("tbody/tr[1]/td[2]/p")) == 2  # a cell of two paragraphs
    # Each table is a region a keyboard can scroll, named by its caption.
    for wrap in html_root.xpath("//div[@class='table-wrap']"):
        caption = wrap.xpath("table/caption/@id")
        assert wrap.get("tabindex") == "0" and wrap.get("role") == "region"
        assert caption and wrap.get("aria-labelledby") == caption[0]


def _cells(table):
    _, _, _, head, bodies, foot = table["c"]
    for row in head[1] + [r for b in bodies for r in b[2] + b[3]] + foot[1]:
        yield from row[1]


def test_long_table_repeats_its_header_on_each_printed_page(pdfs):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdfs["sample"]["data"]))
    pages = [p.extract_text() for p in reader.pages]
    spread = [i for i, text in enumerate(pages) if "n squared" in text]
    assert len(spread) >= 2, "the long table should run onto a second page with its header"
    assert any(re.search(r"\b91,125\b", pages[i]) for i in spread)  # 45 cubed, the last row


# code -------------------------------------------------------------------------------------------

def test_code_is_highlighted_in_one_scheme(html_root, epub, docs):
    python = html_root.xpath("//main//pre[@class='code']/code[@class='language-python']")[0]
    kinds = {s.get("class") for s in python.xpath(".//span")}
    assert {"hl-k", "hl-nf", "hl-c", "hl-m", "hl-nb"} <= kinds, kinds
    json_kinds = {s.get("class") for s in html_root.xpath(
        "//main//code[@class='language-json']//span")}
    assert {"hl-nt", "hl-s", "hl-m", "hl-k"} <= json_kinds, json_kinds
    assert python.text_content().startswith("def shared_future(")
    plain = html_root.xpath("//main//pre[@class='code']/code[not(@class)]")
    assert plain and not plain[0].xpath(".//span")
    # the same spans in the EPUB and the PDF's HTML
    section = next(v for k, v in epub.items() if b"language-python" in v)
    assert b'<span class="hl-k">def</span>' in section
    assert '<span class="hl-k">def</span>' in print_html(docs["sample"], BUILD_DATE)


def _palette(text: str) -> dict[str, str]:
    """Custom properties (--name: #rrggbb) declared in :root rules of a stylesheet's text."""
    found = {}
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.content:
            found.update(_palette(tinycss2.serialize(rule.content)))
        elif rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                        skip_whitespace=True):
                if decl.type == "declaration" and decl.name.startswith("--"):
                    found[decl.name] = tinycss2.serialize(decl.value).strip()
    return found


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_is_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_code_colours_keep_aa_contrast(mode):
    light = _palette((CSS / "blocks.css").read_text(encoding="utf-8"))
    screen = (CSS / "screen.css").read_text(encoding="utf-8")
    dark_block = screen[screen.index("The code colours of blocks.css"):]
    palette = light if mode == "light" else {**light, **_palette("@media x {:root {"
                                                                 + dark_block.split("{", 1)[1])}
    colours = {k: v for k, v in palette.items() if k.startswith("--hl-")}
    assert len(colours) >= 15
    grounds = [palette["--code-bg"]] + (["#ffffff"] if mode == "light" else [])  # PDF: paper
    low = {(k, g): round(contrast(v, g), 2) for k, v in colours.items() for g in grounds
           if contrast(v, g) < MIN_CONTRAST}
    assert low == {}, low
    if mode == "dark":
        assert palette["--code-bg"] != light["--code-bg"] and colours != {
            k: v for k, v in light.items() if k.startswith("--hl-")}


# math -------------------------------------------------------------------------------------------

def test_math_is_mathml_with_the_tex_as_alternative(html_root, ast_nodes):
    formulas = [n for n in ast_nodes if n["t"] == "Math"]
    maths = html_root.xpath("//main//*[local-name()='math']")
    assert len(maths) == len(formulas) >= 5
    assert [m.get("alttext") for m in maths] == [f["c"][1] for f in formulas]
    displays = [m.get("display") for m in maths]
    assert displays.count("block") == sum(f["c"][0]["t"] == "DisplayMath" for f in formulas) >= 2
    assert html_root.xpath("//*[local-name()='math']//*[local-name()='mfrac']")
    assert html_root.xpath("//*[local-name()='math']//*[local-name()='mtable']")  # the matrix


def test_epub_declares_mathml_where_it_is(epub):
    opf = etree.fromstring(epub["EPUB/content.opf"])
    for item in opf.xpath("//opf:item[@media-type='application/xhtml+xml']", namespaces=XHTML):
        content = etree.fromstring(epub["EPUB/" + item.get("href")])
        has_math = bool(content.xpath("//m:math", namespaces=XHTML))
        assert ("mathml" in (item.get("properties") or "").split()) == has_math, item.get("href")
    assert any("mathml" in (i.get("properties") or "") for i in opf.xpath("//opf:item",
                                                                          namespaces=XHTML))


def test_pdf_draws_math_as_svg_with_the_tex_as_alt(docs, ast_nodes, pdfs):
    markup = print_html(docs["sample"], BUILD_DATE)
    root = lxml_html.document_fromstring(markup)
    images = root.xpath("//img[@class='math-svg']")
    formulas = [n["c"][1] for n in ast_nodes if n["t"] == "Math"]
    assert [i.get("alt") for i in images] == formulas
    assert all(i.get("src").startswith("data:image/svg+xml;base64,") for i in images)
    assert not root.xpath("//*[local-name()='math']")
    assert pdfs["sample"]["warnings"] == []
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdfs["sample"]["data"]))
    struct = reader.trailer["/Root"]["/StructTreeRoot"]
    found: list[str] = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
                walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(struct)
    assert set(formulas) <= set(found), set(formulas) - set(found)


def test_svg_bytes_are_deterministic():
    from pressroom.render import math as render_math

    first = render_math.svg.__wrapped__(r"\frac{a}{b}", True)
    assert render_math.svg.__wrapped__(r"\frac{a}{b}", True) == first
    assert first[0].startswith(b"<svg")


def test_unreadable_math_is_shown_as_tex_with_a_warning():
    doc = document.from_markdown("---\ntitle: T\n---\n\nA $\\frac{$ formula.\n")
    ser = Serialiser(doc, HtmlNotes())
    out = ser.section(doc.sections[0].blocks)
    assert '<code class="math-unread">\\frac{</code>' in out
    assert len(ser.warnings) == 1 and "\\frac{" in ser.warnings[0]


def test_formula_markup_is_escaped_and_links_nowhere():
    doc = document.from_markdown("---\ntitle: T\n---\n\n$\\text{<b>x</b>} \\href{javascript:alert(1)}{y}$\n")
    out = Serialiser(doc, HtmlNotes()).section(doc.sections[0].blocks)
    assert "<b>" not in out and "&lt;b&gt;" in out and "javascript" not in out.split("alttext")[0]
    assert "href" not in re.sub(r'alttext="[^"]*"', "", out)


# notes with blocks ------------------------------------------------------------------------------

def _blocks_inside_paragraphs(root) -> list[str]:
    inside = " | ".join(f".//*[local-name()='{t}']" for t in BLOCKS)
    return [f"<p> holds <{etree.QName(b).localname}>" for p in root.xpath("//*[local-name()='p']")
            for b in p.xpath(inside)]


def test_notes_with_blocks_are_valid_in_every_format(html_page, epub, docs):
    # HTML: parsed as a browser does (a block inside <p> would close it: the sidenote would no
    # longer follow its call), then as XML to see the nesting as written.
    root = lxml_html.document_fromstring(html_page)
    side = root.xpath("//span[@id='fn5']")[0]
    assert side.getparent().tag == "p" and side.get("class") == "sidenote"
    assert side.xpath(".//span[@role='list']/span[@role='listitem']")
    assert side.xpath(".//span[contains(@class,'nb-pre')]/code[@class='language-python']")
    assert side.xpath(".//span[@class='nb-blockquote']")
    end = root.xpath("//div[@id='end-fn5']")[0]
    assert [c.tag for c in end] == ["p", "pre", "ul", "blockquote"]
    two = root.xpath("//div[@id='end-fn6']/p")
    assert [re.sub(r"^\d+\.\s*", "", p.text_content()) for p in two] == [
        "The first paragraph of the note.", "The second paragraph of the same note."]
    assert len(root.xpath("//span[@id='fn6']/span[@class='nb-p']")) == 1  # its second paragraph
    # EPUB: the asides hold the blocks themselves; no block is inside a <p> anywhere.
    for name, data in epub.items():
        if name.endswith(".xhtml"):
            assert _blocks_inside_paragraphs(etree.fromstring(data)) == [], name
    chapter = next(etree.fromstring(v) for k, v in epub.items() if b'id="fn5"' in v)
    aside = chapter.xpath("//x:aside[@id='fn5']", namespaces=XHTML)[0]
    assert [etree.QName(c).localname for c in aside] == ["p", "pre", "ul", "blockquote"]
    # PDF: the footnote is one span inside its paragraph, its blocks spans shown as blocks.
    pdf_root = lxml_html.document_fromstring(print_html(docs["sample"], BUILD_DATE))
    note = pdf_root.xpath("//span[@class='footnote'][@id='fn5']")[0]
    assert note.getparent().tag == "p" and note.xpath(".//span[@role='list']")
    assert _blocks_inside_paragraphs(pdf_root) == []


@pytest.mark.parametrize("style", [PdfNotes, EpubNotes, HtmlNotes])
def test_a_note_of_blocks_only_gets_its_number_first(style):
    doc = document.from_markdown("---\ntitle: T\n---\n\nText.[^1]\n\n[^1]:\n    - a\n    - b\n")
    out = Serialiser(doc, style()).section(doc.sections[0].blocks)
    assert "1." in out and ("<li>a</li>" in out or 'role="listitem">a</span>' in out)


# DOCX -------------------------------------------------------------------------------------------

def test_docx_keeps_tables_math_lists_and_notes(docs, tmp_path, ast_nodes):
    out = get_renderer("docx").render(docs["sample"], select(["docx"])[0], tmp_path / "s.docx",
                                      BUILD_DATE).path
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/footnotes.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert body.count("<w:tbl>") == count(ast_nodes, "Table")
    assert body.count("<m:oMath>") + body.count("<m:oMathPara>") >= 5
    assert "KeywordTok" in body  # pandoc's highlighting of the Python block
    assert "code inside a note" in notes and "The second paragraph of the same note." in notes
    # in the colours of the other editions
    palette = _palette((CSS / "blocks.css").read_text(encoding="utf-8"))
    keyword = re.search(r'w:styleId="KeywordTok">.*?<w:color w:val="(\w+)"', styles).group(1)
    comment = re.search(r'w:styleId="CommentTok">.*?<w:color w:val="(\w+)"', styles).group(1)
    assert (f"#{keyword}", f"#{comment}") == (palette["--hl-k"], palette["--hl-c"])


# golden -----------------------------------------------------------------------------------------

def test_sample_html_matches_golden(html_page):
    """The page's <main>, one element per line: a change to any construct shows in review."""
    main = html_page[html_page.index("<main"):html_page.index("</main>") + len("</main>")]
    fragment = re.sub(r"(</(?:p|li|tr|table|div|pre|ul|ol|dl|dd|dt|h\d|blockquote|section|"
                      r"caption|thead|tbody)>)", r"\1\n", main)
    if os.environ.get("PRESSROOM_ACCEPT"):
        GOLDEN.write_text(fragment, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file {GOLDEN}: run with PRESSROOM_ACCEPT=1 and review it"
    assert fragment == GOLDEN.read_text(encoding="utf-8")


# raw HTML ---------------------------------------------------------------------------------------

def test_raw_html_table_stays_a_table_never_glued(html_root, docs):
    table = html_root.xpath("//table[caption='Written in HTML']")[0]
    assert [th.text_content() for th in table.xpath("thead/tr/th")] == ["Cell", "Value"]
    assert [[td.text_content() for td in tr.xpath("td")] for tr in table.xpath("tbody/tr")] == [
        ["cell A", "cell B"], ["cell C", "cell D"]]
    assert table.xpath("tbody/tr[2]/td[2]/em")
    assert html_root.xpath("//main//sub[.='2']") and html_root.xpath("//main//strong[.='bold']")
    assert docs["sample"].dropped == []


def test_raw_html_table_keeps_its_row_and_column_spans():
    text = ("---\ntitle: T\n---\n\n<table><tr><th>Region</th><th>Year</th></tr>"
            "<tr><td rowspan=\"2\">North</td><td>2020</td></tr><tr><td>2021</td></tr>"
            "<tr><td colspan=\"2\">Total</td></tr></table>\n")
    doc = document.from_ast(markdown.to_ast(text), "doc.md", text=text)
    table = lxml_html.fragment_fromstring(
        str(Serialiser(doc, HtmlNotes()).section(doc.sections[0].blocks)), create_parent="div")
    assert [(td.text_content(), td.get("rowspan"), td.get("colspan"))
            for td in table.xpath(".//tbody//td")] == [
        ("North", "2", None), ("2020", None, None), ("2021", None, None), ("Total", None, "2")]


def test_raw_html_that_is_not_text_is_dropped_with_its_line():
    text = ("---\ntitle: T\n---\n\nIntro <b>bold</b> text.\n\n<script>alert(1)</script>\n\n"
            "A <img src=\"file:///etc/passwd\"> and \\newpage here.\n\n<div><iframe src=x></iframe>"
            "<p>kept <i>words</i></p></div>\n")
    doc = document.from_ast(markdown.to_ast(text), "doc.md", text=text)
    assert [line for line, _ in doc.dropped] == [7, 9, 9, 11]
    assert ["<script>" in m or "<img>" in m or "tex" in m or "<iframe>" in m
            for _, m in doc.dropped] == [True] * 4
    out = Serialiser(doc, HtmlNotes()).section(doc.sections[0].blocks)
    assert "<strong>bold</strong>" in out and "<em>words</em>" in out and "kept" in out
    assert "alert" not in out and "passwd" not in out and "newpage" not in out


def test_dropped_html_is_a_diagnostic_of_the_render(tmp_path, caplog):
    from pressroom import pipeline
    from pressroom.errors import StrictError

    source = tmp_path / "doc.md"
    source.write_text("---\ntitle: T\n---\n\nText.\n\n<script>alert(1)</script>\n", encoding="utf-8")
    with pytest.raises(StrictError):
        pipeline.render(source, ["html"], tmp_path, "doc", [source], strict=True)
    assert "doc.md:7: warning: removed raw HTML <script> element (not text) [html-dropped]" in \
        caplog.text


# image ------------------------------------------------------------------------------------------

def test_the_image_is_in_every_edition(html_root, epub, pdfs):
    figure = html_root.xpath("//main//figure[.//img]")[0]
    assert figure.xpath(".//img/@alt")[0].startswith("Trade by region")
    assert figure.xpath("string(figcaption)")
    opf = etree.fromstring(epub["EPUB/content.opf"])
    pngs = [i.get("href") for i in opf.xpath("//opf:item[@media-type='image/png']", namespaces=XHTML)
            if "cover" not in i.get("id")]
    assert len(pngs) == 1 and f"EPUB/{pngs[0]}" in epub
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdfs["sample"]["data"]))
    rasters = [name for p in reader.pages for name, obj in
               (p.get("/Resources", {}).get("/XObject", {}) or {}).items()
               if obj.get_object().get("/Subtype") == "/Image"]
    assert rasters, "the PNG should be an image object of the PDF"


def test_pdf_sets_small_caps_with_the_faces_own_feature(docs):
    assert face_has_small_caps()  # the shipped EB Garamond has smcp
    root = lxml_html.document_fromstring(print_html(docs["sample"], BUILD_DATE))
    assert not root.xpath("//span[contains(@class, 'drawn')]")
    assert root.xpath("//span[@class='smallcaps']")[0].text_content() == "small capitals"


def test_pdf_draws_small_caps_a_face_lacks(docs, monkeypatch):
    monkeypatch.setattr(pdf_module, "face_has_small_caps", lambda: False)
    root = lxml_html.document_fromstring(print_html(docs["sample"], BUILD_DATE))
    drawn = root.xpath("//span[@class='smallcaps drawn']")[0]
    assert [s.text for s in drawn.xpath("span[@class='sc']")] == ["SMALL", "CAPITALS"]
    assert drawn.text_content() == "SMALL CAPITALS"


def test_epub_says_its_math_is_mathml_with_descriptions(epub):
    opf = etree.fromstring(epub["EPUB/content.opf"])
    features = opf.xpath("//opf:meta[@property='schema:accessibilityFeature']/text()",
                         namespaces=XHTML)
    assert {"MathML", "describedMath"} <= set(features)


# citations and scripts --------------------------------------------------------------------------

def test_citations_link_to_the_references(html_root, epub):
    refs = html_root.xpath("//div[@id='refs']/div[@class='csl-entry']/@id")
    assert refs == ["ref-garamond2020", "ref-tufte2019"]
    assert sorted(set(html_root.xpath("//main//a[starts-with(@href, '#ref-')]/@href"))) == [
        "#ref-garamond2020", "#ref-tufte2019"]
    chapter = next(v for k, v in epub.items() if b'id="refs"' in v)
    assert b'href="#ref-garamond2020"' in chapter or b'#ref-garamond2020"' in b"".join(epub.values())


def test_scripts_carry_their_language_and_direction(html_root):
    spans = {s.get("lang"): s.get("dir") for s in html_root.xpath("//main//span[@lang]")}
    assert spans == {"el": None, "ru": None, "ar": "rtl", "zh": None}
