"""Scripts EB Garamond does not draw: Cyrillic, Greek, Arabic (right to left), Chinese, Japanese
and Korean each render with a face of their own in the PDF (embedded, no .notdef glyph), the
HTML and the EPUB (subset, declared), chosen by the characters and the `lang` of the document
and of its spans and divisions, with dir="rtl" for right-to-left text."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pypdf
import pytest

from pressroom import document
from pressroom.cli import main
from pressroom.render import get_renderer, scripts, select
from pressroom.render.html import page
from pressroom.render.pdf import pdf_bytes
from pressroom.render.templating import find_template

BUILD_DATE = datetime.datetime(2024, 6, 1, 12, 0, 0)
# lang → (a sentence in its script, a word of it set bold in a heading, the PDF font's family)
SAMPLES = {
    "ru": ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "Булки",
           "Pressroom-Noto-Serif"),
    "el": ("Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.", "Ψυχή", "Pressroom-Noto-Serif"),
    "ar": ("نص عربي قصير للاختبار مع كلمات.", "عنوان", "Pressroom-Noto-Naskh-Arabic"),
    "zh": ("中华人民共和国的经济发展。", "经济", "Pressroom-Noto-Serif-CJK-SC"),
    "ja": ("日本語のテキストです。", "日本", "Pressroom-Noto-Serif-CJK-JP"),
    "ko": ("한국어 문장입니다.", "한국", "Pressroom-Noto-Serif-CJK-KR"),
}
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def sample(lang: str, whole: bool = False) -> document.Document:
    """An English document with a heading and a span in the language, or (`whole`) a document
    in that language."""
    sentence, word, _ = SAMPLES[lang]
    if whole:
        text = f"---\ntitle: {word}\nlang: {lang}\n---\n\n# {word}\n\n{sentence}\n"
    else:
        text = (f"---\ntitle: Scripts\nlang: en\n---\n\n# A heading with [{word}]{{lang={lang}}}\n\n"
                f"An English sentence, then [{sentence}]{{lang={lang}}} and English again.\n")
    return document.from_markdown(text)


def notdef_fonts(reader: pypdf.PdfReader) -> list[str]:
    """Fonts whose widths (/W: the glyphs the page draws, CID = glyph id) include glyph 0,
    .notdef."""
    found = []
    for pdf_page in reader.pages:
        for font in (pdf_page["/Resources"].get("/Font") or {}).values():
            for part in font.get_object().get("/DescendantFonts", []):
                part = part.get_object()
                widths, used = list(part.get("/W", [])), set()
                while widths:
                    first = int(widths.pop(0))
                    if isinstance(widths[0], pypdf.generic.ArrayObject):
                        used.update(range(first, first + len(widths.pop(0))))
                    else:
                        used.update(range(first, int(widths.pop(0)) + 1))
                        widths.pop(0)
                if 0 in used:
                    found.append(str(part["/BaseFont"]))
    return found


def pdf_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """Each font's name (subset tag removed) → whether its program is embedded."""
    found = {}
    for pdf_page in reader.pages:
        for font in (pdf_page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    name = str(part["/BaseFont"]).lstrip("/").split("+", 1)[-1]
                    found[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def covered_by_the_book_face(text: str) -> bool:
    return all(c in scripts.book_face_characters() for c in text if c.isalpha())


def pdf_problems(lang: str, tmp_path: Path) -> list[str]:
    """What is wrong with the sample's PDF: a .notdef glyph (WeasyPrint says so), the script's
    face missing or not embedded, a bold face missing for a bold heading, text that does not
    map back to its characters."""
    sentence, word, family = SAMPLES[lang]
    if covered_by_the_book_face(sentence + word):  # a full EB Garamond draws Greek and Cyrillic
        family = "EB-Garamond"
    warnings: list[str] = []
    data = pdf_bytes(sample(lang), select(["pdf-a4"])[0], BUILD_DATE, tmp_path, warnings)
    problems = [w for w in warnings if "notdef" in w or "unsupported" in w]
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = pdf_fonts(reader)
    if family not in fonts:
        problems.append(f"no {family} in {sorted(fonts)}")
    problems += [f"{name} not embedded" for name, embedded in fonts.items() if not embedded]
    problems += [f"{name} draws .notdef" for name in notdef_fonts(reader)]
    problems += [f"{name} is a system font" for name in fonts  # (the running heads too)
                 if not name.startswith(("EB-Garamond", "Pressroom-"))]
    if lang in ("ru", "el") and f"{family}-Bold" not in fonts:  # the heading's word
        problems.append(f"no {family}-Bold in {sorted(fonts)}")
    # (A word the layout hyphenated at a line end is one word again.)
    text = re.sub(r"\s+", "", re.sub(r"-\s*\n", "", "".join(p.extract_text() for p in reader.pages)))
    for piece in re.findall(r"\w+", sentence):  # every character maps back to its text
        if piece not in text and piece[::-1] not in text:  # (Arabic may come out reversed)
            problems.append(f"{piece!r} not in the PDF's text")
    return problems


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_script_prints_in_its_own_embedded_face_without_notdef(tmp_path, lang):
    assert pdf_problems(lang, tmp_path) == []


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_a_document_in_the_language_prints_its_headings_and_running_heads_in_its_face(tmp_path, lang):
    warnings: list[str] = []
    data = pdf_bytes(sample(lang, whole=True), select(["pdf-a4"])[0], BUILD_DATE, tmp_path, warnings)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert warnings == [] and notdef_fonts(reader) == []  # the heading's id is its link target
    assert all(name.startswith(("EB-Garamond", "Pressroom-")) for name in pdf_fonts(reader))


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_without_the_script_faces_the_check_fails(tmp_path, monkeypatch, lang):
    """The test above can fail: without the faces, the text is .notdef boxes or another font."""
    monkeypatch.setattr(scripts, "faces", lambda doc: [])
    assert pdf_problems(lang, tmp_path) != []


def test_a_notdef_glyph_is_seen_in_the_pdf(tmp_path):
    """The .notdef check reads the PDF itself: a character no font draws (a private-use one) is
    glyph 0 of the font that was asked for it."""
    doc = document.from_markdown("---\ntitle: T\n---\n\nA private character \ue000 here.\n")
    data = pdf_bytes(doc, select(["pdf-a4"])[0], BUILD_DATE, tmp_path, [])
    assert notdef_fonts(pypdf.PdfReader(io.BytesIO(data)))


@pytest.mark.parametrize("lang", ["ru", "ar", "ja"])
def test_the_web_page_declares_lang_dir_and_the_subset_faces(lang):
    _, _, family = SAMPLES[lang]
    markup = page(sample(lang), select(["html"])[0], BUILD_DATE)
    root = lxml.html.fromstring(markup.encode("utf-8"))
    span = root.xpath(f"//p//span[@lang='{lang}']")[0]
    assert span.get("dir") == ("rtl" if lang == "ar" else None)
    assert root.xpath(f"//h2//span[@lang='{lang}']")
    css = "".join(root.xpath("//style/text()"))
    if covered_by_the_book_face(SAMPLES[lang][0] + SAMPLES[lang][1]):
        return  # EB Garamond draws it
    css_family = family.replace("-", " ")
    assert re.search(rf'@font-face {{ font-family: "{css_family}"; [^}}]*data:font/woff2', css), css[:500]


def test_a_right_to_left_document_is_rtl_in_every_edition(tmp_path):
    doc = sample("ar", whole=True)
    markup = page(doc, select(["html"])[0], BUILD_DATE)
    root = lxml.html.fromstring(markup.encode("utf-8"))
    assert root.get("lang") == "ar" and root.get("dir") == "rtl"
    out = tmp_path / "ar.epub"
    get_renderer("epub").render(doc, select(["epub"])[0], out, BUILD_DATE)
    with zipfile.ZipFile(out) as epub:
        pages = [lxml.etree.fromstring(epub.read(n)) for n in epub.namelist()
                 if n.endswith(".xhtml") and "section" in n]
        opf = epub.read("EPUB/content.opf").decode()
        css = epub.read("EPUB/css/scripts.css").decode()
    assert all(p.get("dir") == "rtl" and p.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
               for p in pages)
    assert re.search(r'href="fonts/arabic-normal-400.ttf"[^>]*media-type="font/ttf"', opf) or \
        re.search(r'media-type="font/ttf"[^>]*href="fonts/arabic-normal-400.ttf"', opf), opf
    assert '"Pressroom Noto Naskh Arabic"' in css and "arabic-normal-400.ttf" in css


def test_a_span_in_an_epub_carries_xml_lang_and_dir(tmp_path):
    out = tmp_path / "mixed.epub"
    text = ("---\ntitle: Mixed\nlang: en\n---\n\n# One\n\nEnglish, [Русский текст]{lang=ru}, "
            "[كلمات]{lang=ar}, [words]{lang=ar dir=ltr} and [x]{lang=\"en onclick\"}.\n")
    get_renderer("epub").render(document.from_markdown(text), select(["epub"])[0], out, BUILD_DATE)
    with zipfile.ZipFile(out) as epub:
        root = lxml.etree.fromstring(epub.read("EPUB/section-00.xhtml"))
    spans = root.xpath("//x:p/x:span", namespaces=XHTML)
    attrs = [(s.get("lang"), s.get("{http://www.w3.org/XML/1998/namespace}lang"), s.get("dir"))
             for s in spans]
    assert attrs == [("ru", "ru", None), ("ar", "ar", "rtl"), ("ar", "ar", "ltr"), (None, None, None)]


def test_a_document_in_latin_script_needs_no_face_and_pays_nothing(monkeypatch):
    calls = []
    monkeypatch.setattr(scripts, "subset_font", lambda *a: calls.append(a) or b"")
    doc = document.from_markdown("---\ntitle: Plain\n---\n\nCafé, naïve, “quoted” — 12 %.\n")
    assert scripts.needed(doc) == [] and scripts.faces(doc) == [] and calls == []


def test_only_the_faces_the_text_uses_are_made():
    if covered_by_the_book_face(SAMPLES["ru"][0]):
        assert scripts.needed(sample("ru")) == []  # EB Garamond draws it: no face is made
        return
    needed = dict((font.key, styles) for font, styles in scripts.needed(sample("ru")))
    assert set(needed) == {"greek-cyrillic"}
    assert set(needed["greek-cyrillic"]) == {"regular", "bold"}  # the heading's word is bold
    assert "С" in needed["greek-cyrillic"]["regular"] and "A" not in needed["greek-cyrillic"]["regular"]
    zh = dict((font.key, styles) for font, styles in scripts.needed(sample("zh", whole=True)))
    assert set(zh) == {"cjk-sc"}


@pytest.mark.parametrize("lang, variant", [("zh", "SC"), ("zh-CN", "SC"), ("zh-Hant", "TC"),
                                           ("zh-TW", "TC"), ("zh-HK", "HK"), ("ja", "JP"),
                                           ("ko-KR", "KR"), ("en", "SC")])
def test_the_cjk_face_follows_the_language(lang, variant):
    assert scripts.cjk_variant(lang) == variant


@pytest.mark.parametrize("lang, rtl", [("ar", True), ("fa-IR", True), ("he", True), ("ur", True),
                                       ("pa-Arab", True), ("en", False), ("ru", False),
                                       ("az-Latn", False), ("zh", False)])
def test_right_to_left_languages(lang, rtl):
    assert (scripts.direction(lang) == "rtl") is rtl


def test_subsets_are_deterministic_and_small():
    from pressroom.render.webfonts import subset_bytes

    path = find_template("fonts/scripts/NotoSerif-Regular.ttf")
    one = subset_bytes(path, "Съешь ещё")
    assert one == subset_bytes(path, "Съешь ещё") and len(one) < path.stat().st_size / 5


def test_a_missing_cjk_font_is_a_setup_error_naming_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(scripts, "CJK_FILES", {400: tmp_path / "none.ttc", 700: tmp_path / "none.ttc"})
    scripts.subset_font.cache_clear()
    doc = tmp_path / "zh.md"
    doc.write_text("---\ntitle: 中文\nlang: zh\n---\n\n中文的句子。\n", encoding="utf-8")
    status = main(["-q", "render", str(doc), "--to", "html", "-o", str(tmp_path / "zh.html")])
    assert status == 5 and not (tmp_path / "zh.html").exists()


def test_the_fonts_carry_their_licence():
    folder = Path(scripts.__file__).resolve().parents[1] / "templates" / "fonts" / "scripts"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (folder / "OFL.txt").read_text()
    for font in folder.glob("*.ttf"):
        from fontTools.ttLib import TTFont
        assert "Open Font License" in TTFont(str(font), lazy=True)["name"].getDebugName(13)


def test_a_document_with_a_script_gives_the_same_pdf_twice(tmp_path):
    edition = select(["pdf-a4"])[0]
    one = pdf_bytes(sample("el"), edition, BUILD_DATE, tmp_path)
    scripts.subset_font.cache_clear()
    assert pdf_bytes(sample("el"), edition, BUILD_DATE, tmp_path) == one


def test_a_latin_run_costs_one_search(monkeypatch):
    """Text without a letter of these scripts never reaches the per-font work (nor the book
    face's character table)."""
    monkeypatch.setattr(scripts, "book_face_characters", lambda: 1 / 0)
    doc = document.from_markdown("---\ntitle: T\n---\n\n" + "Plain words, “quotes” — and 12 %.\n\n" * 50)
    assert scripts.needed(doc) == []


def test_a_right_to_left_document_is_bidi_in_word(tmp_path):
    out = tmp_path / "ar.docx"
    get_renderer("docx").render(sample("ar", whole=True), select(["docx"])[0], out, BUILD_DATE)
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert body.count("<w:bidi />") >= 2 and "<w:rtl />" in body  # heading and paragraph
    out = tmp_path / "en.docx"
    get_renderer("docx").render(sample("ru"), select(["docx"])[0], out, BUILD_DATE)
    with zipfile.ZipFile(out) as docx:
        assert "<w:bidi" not in docx.read("word/document.xml").decode("utf-8")


def test_every_script_and_citations_validate_in_the_epub_and_the_web_page(tmp_path):
    """EPUBCheck, Ace and the Nu checker (warnings too) find nothing in a document with every
    script, a right-to-left division and citations."""
    import shutil

    import validators

    fixtures = Path(__file__).resolve().parent / "fixtures" / "citations"
    shutil.copyfile(fixtures / "refs.bib", tmp_path / "refs.bib")
    lines = [f"[{sentence}]{{lang={lang}}}" for lang, (sentence, _, _) in SAMPLES.items()
             if lang != "ar"]
    (tmp_path / "doc.md").write_text(
        "---\ntitle: Every script\nlang: en\nbibliography: refs.bib\n---\n\n# Scripts\n\n"
        + "\n\n".join(lines) + f"\n\n::: {{lang=ar}}\n{SAMPLES['ar'][0]}\n:::\n\n"
        "# Cited\n\nAs shown [@item1, p. 32] and by @item2.\n", encoding="utf-8")
    doc = document.load(tmp_path / "doc.md")
    epub, html = tmp_path / "doc.epub", tmp_path / "doc.html"
    get_renderer("epub").render(doc, select(["epub"])[0], epub, BUILD_DATE)
    get_renderer("html").render(doc, select(["html"])[0], html, BUILD_DATE)
    assert validators.epubcheck(epub) == []
    assert validators.ace(epub) == []
    assert validators.vnu(html, warnings=True) == []
