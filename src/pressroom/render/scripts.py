"""Fonts for the scripts EB Garamond does not draw: Greek and Cyrillic (Noto Serif), Arabic (Noto
Naskh Arabic), Chinese, Japanese and Korean (Noto Serif CJK, read from the system), chosen by the
characters of the document and the `lang` of the elements holding them, each subset to those
characters; and the writing direction of a language. A document without such text pays nothing.

The font stacks are static CSS (base.css: EB Garamond first, then these families; `:lang()` rules
put Arabic or CJK first for text in those languages); only the @font-face rules that give the
families their (subset) files are made here, per document.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .. import fsio
from ..document import Document
from ..errors import PressroomError, SetupError

Range = tuple[int, int]
GREEK_CYRILLIC: tuple[Range, ...] = ((0x0370, 0x03FF), (0x1F00, 0x1FFF), (0x0400, 0x052F),
                                     (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))
ARABIC: tuple[Range, ...] = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                             (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
CJK: tuple[Range, ...] = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF),
                          (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
                          (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3134F))
# Languages written right to left (primary subtags), and scripts that are (BCP 47 script subtags).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug",
                           "ur", "yi"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"})
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Where Debian's fonts-noto-cjk puts the CJK collections (regular and bold; no italics exist).
CJK_FILES = {400: Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
             700: Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")}
CJK_PACKAGE = "fonts-noto-cjk"


@dataclass(frozen=True)
class ScriptFont:
    """One family of faces for a script; `first_for` are the languages it is set first for."""

    key: str
    family: str
    ranges: tuple[Range, ...]
    files: dict[tuple[str, int], str]   # (font-style, font-weight) → file under templates/fonts
    first_for: tuple[str, ...] = ()


SHIPPED = (
    ScriptFont("greek-cyrillic", "Pressroom Noto Serif", GREEK_CYRILLIC,
               {("normal", 400): "NotoSerif-Regular.ttf", ("italic", 400): "NotoSerif-Italic.ttf",
                ("normal", 700): "NotoSerif-Bold.ttf", ("italic", 700): "NotoSerif-BoldItalic.ttf"}),
    ScriptFont("arabic", "Pressroom Noto Naskh Arabic", ARABIC,
               {("normal", 400): "NotoNaskhArabic-Regular.ttf",
                ("normal", 700): "NotoNaskhArabic-Bold.ttf"},
               first_for=("ar", "fa", "ur", "ps", "sd", "ckb", "ug", "ks")),
)
SHIPPED_KEYS = frozenset(font.key for font in SHIPPED)
# The CJK collection's faces by the language of the text: its glyph forms differ (写 in Chinese
# and Japanese). Text in no CJK language gets Simplified Chinese forms.
CJK_VARIANTS = ("SC", "TC", "HK", "JP", "KR")


def cjk_variant(lang: str) -> str:
    parts = [p.lower() for p in lang.split("-")]
    if parts[0] == "ja":
        return "JP"
    if parts[0] == "ko":
        return "KR"
    if parts[0] in ("zh", "yue", "cmn"):
        if "hk" in parts[1:]:
            return "HK"
        if "hant" in parts[1:] or "tw" in parts[1:] or "mo" in parts[1:]:
            return "TC"
    return "SC"


CJK_LANGUAGES = ("zh", "ja", "ko", "yue", "cmn")


def cjk_font(variant: str) -> ScriptFont:
    """The CJK family of one variant; text in any CJK language is set first in the variant its
    language chose (cjk_variant)."""
    return ScriptFont(f"cjk-{variant.lower()}", f"Pressroom Noto Serif CJK {variant}", CJK,
                      {("normal", 400): f"cjk:{variant}:400", ("normal", 700): f"cjk:{variant}:700"},
                      first_for=CJK_LANGUAGES)


def direction(lang: str) -> str | None:
    """"rtl" for a language written right to left, else None (the default, left to right)."""
    parts = [p.lower() for p in lang.split("-")]
    if parts[0] in RTL_LANGUAGES and not any(p in ("latn", "cyrl") for p in parts[1:]):
        return "rtl"
    return "rtl" if any(p in RTL_SCRIPTS for p in parts[1:]) else None


@dataclass(frozen=True)
class Face:
    """One subset face a document needs: its family, style, weight, file name and bytes (TTF)."""

    family: str
    style: str
    weight: int
    file_name: str
    data: bytes


_BOLD = frozenset({"Strong", "Header"})
_ITALIC = frozenset({"Emph"})


def _texts(document: Document):
    """(text, lang, bold, italic) of every run of the document: metadata, body and notes."""
    meta = document.meta
    lang = meta.lang
    yield meta.title, lang, True, False
    yield meta.subtitle, lang, False, True
    for value in (*meta.authors, meta.publisher, meta.rights, meta.description, *meta.keywords):
        yield value, lang, False, False
    # The contents list repeats the headings as plain text, in the document's language (a
    # heading's Japanese word needs the face of an English document's CJK text there too).
    headings = list(document.toc)
    while headings:
        heading = headings.pop()
        headings.extend(heading.children)
        yield heading.title, lang, True, False
    stack: list[tuple[Any, str, bool, bool]] = [
        (section.blocks, lang, False, False) for section in document.sections]
    stack += [(note.blocks, lang, False, False) for note in document.notes]
    while stack:
        node, here, bold, italic = stack.pop()
        if isinstance(node, list):
            stack.extend((child, here, bold, italic) for child in node)
            continue
        if not isinstance(node, dict):
            continue
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            yield content, here, bold, italic
        elif kind in ("Code", "CodeBlock", "Math"):
            yield content[1], here, bold, italic
        elif isinstance(content, list):
            if kind in ("Span", "Div"):
                given = dict(content[0][2]).get("lang", "")
                here = given if LANG_TAG.match(given) else here
            stack.append((content, here, bold or kind in _BOLD, italic or kind in _ITALIC))


def document_characters(document: Document) -> str:
    """Every character of the document's text (metadata, body, notes), sorted."""
    return "".join(sorted({ch for text, *_ in _texts(document) if text for ch in text}))


@functools.cache
def book_face_characters() -> frozenset[str]:
    """The characters every face of the book face (templates/fonts/*.ttf, EB Garamond) draws: a
    script it covers needs no face of its own (it comes first in the font stacks)."""
    from fontTools.ttLib import TTFont

    from .templating import font_files

    covered: frozenset[str] | None = None
    for path in font_files():
        cmap = frozenset(chr(code) for code in TTFont(str(path), lazy=True).getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return covered or frozenset()


def _letters(ranges: tuple[Range, ...]) -> re.Pattern:
    return re.compile("[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}"
                                    for low, high in ranges) + "]")


# Any character of the scripts these faces draw: a run of text without one (and in no language
# set first in one of them, as nearly all text is) costs one search.
_ANY_SCRIPT = _letters(GREEK_CYRILLIC + ARABIC + CJK)


@functools.cache
def _fonts_for(lang: str) -> tuple[tuple[ScriptFont, bool, re.Pattern], ...]:
    """The script fonts text in this language may need: (font, set first, its letters)."""
    primary = lang.split("-")[0].lower()
    return tuple((font, primary in font.first_for, _letters(font.ranges))
                 for font in (*SHIPPED, cjk_font(cjk_variant(lang))))


def needed(document: Document) -> list[tuple[ScriptFont, dict[str, set[str]]]]:
    """Each script font the document needs, with its characters by the style they are set in
    ("regular", "bold", "italic"): the letters of its script the book face lacks, with the
    spaces and punctuation of their runs (the shaper keeps those in the same face), and every
    character of text in a language it is set first for (Arabic, CJK)."""
    fonts: dict[str, ScriptFont] = {}
    chars: dict[str, dict[str, set[str]]] = {}
    for text, lang, bold, italic in _texts(document):
        candidates = _fonts_for(lang)
        if not text or not (_ANY_SCRIPT.search(text) or any(first for _, first, _ in candidates)):
            continue
        style = "bold" if bold else "italic" if italic else "regular"
        for font, first, letters in candidates:
            if first:
                used = set(text)
            else:
                own = set(letters.findall(text)) - book_face_characters()
                if not own:
                    continue  # drawn by the book face, spaces and punctuation with them
                used = own | {c for c in text if not c.isalpha()}
            fonts.setdefault(font.key, font)
            chars.setdefault(font.key, {}).setdefault(style, set()).update(used)
    return [(fonts[key], chars[key]) for key in sorted(chars)]


def faces(document: Document) -> list[Face]:
    """The subset faces the document needs (none for a document EB Garamond draws alone)."""
    from .templating import find_template

    out = []
    for font, by_style in needed(document):
        text = "".join(sorted(set().union(*by_style.values()) | {" ", "\u00a0"}))
        # A shipped family is small: all its faces (a heading's words come back in the italic
        # running head). A CJK bold face costs seconds: only for text set in bold.
        wanted = set(font.files) if font.key in SHIPPED_KEYS else {("normal", 400)}
        if "bold" in by_style:
            wanted.add(("normal", 700))
        for style, weight in sorted(wanted):
            source = font.files[(style, weight)]
            if source.startswith("cjk:"):
                _, variant, size = source.split(":")
                data = _subset_cjk(variant, int(size), text)
            else:
                data = subset_font(find_template(f"fonts/scripts/{source}"), 0, text)
            name = f"{font.key}-{style}-{weight}.ttf"
            out.append(Face(font.family, style, weight, name, data))
    return out


def _subset_cjk(variant: str, weight: int, text: str) -> bytes:
    path = CJK_FILES[weight]
    if not path.is_file():
        raise SetupError(f"the document has Chinese, Japanese or Korean text, which needs the "
                         f"Noto Serif CJK fonts: apt-get install {CJK_PACKAGE} ({path} is missing)")
    return subset_font(path, _collection_index(path, f"Noto Serif CJK {variant}"), text)


@functools.cache
def _collection_index(path: Path, family: str) -> int:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    raise SetupError(f"{path} has no face {family!r}")


# Subsets are kept between processes (make renders each edition in its own) in the project's
# build folder, when it has one, keyed by the font file, the face and the characters.
SUBSET_CACHE = Path("build") / ".cache" / "fonts"


@functools.lru_cache(maxsize=32)
def subset_font(path: Path, number: int, text: str) -> bytes:
    """The font (face `number` of a collection) cut down to `text`, as TrueType/OpenType bytes;
    the same input gives the same bytes."""
    stat = path.stat()
    key = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{number}|{text}"
                         .encode("utf-8")).hexdigest()
    cached = SUBSET_CACHE / f"{key}.ttf"
    if cached.is_file():
        return cached.read_bytes()
    from .webfonts import subset_bytes  # webfonts imports the templating this module serves

    data = subset_bytes(path, text, number=number)
    if SUBSET_CACHE.parent.parent.is_dir():  # no build folder here: nothing is left behind
        try:
            SUBSET_CACHE.mkdir(parents=True, exist_ok=True)
            fsio.write_bytes(cached, data)
        except (OSError, PressroomError):
            pass  # a read-only project subsets every time
    return data


def font_face_css(found: list[Face], url_for: Callable[[Face], str],
                  upright_as_italic: bool = False) -> str:
    """@font-face rules giving each face its file (`url_for` says where the format put it).
    With `upright_as_italic` a family without italics (Arabic, CJK) declares its upright faces
    as its italic ones too: WeasyPrint would otherwise take another family's italic from the
    system for an italic line (a running head) rather than slant this one."""
    rules = [(face, face.style) for face in found]
    if upright_as_italic:
        italic = {(face.family, face.weight) for face in found if face.style == "italic"}
        rules += [(face, "italic") for face in found
                  if face.style == "normal" and (face.family, face.weight) not in italic]
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; font-style: {style}; '
        f'font-weight: {face.weight}; src: {url_for(face)}; }}\n' for face, style in rules)


MARGIN_BOXES = ("top-left", "top-center", "top-right", "bottom-left", "bottom-center",
                "bottom-right")


def margin_box_css(found: list[Face]) -> str:
    """The page margins (running heads, folios) name their font themselves (paged.css) and
    inherit nothing: with script faces, they get the same stack as the text, so a heading in
    Russian or Chinese repeated at the page top is drawn in the same faces."""
    if not found:
        return ""
    families = ", ".join(f'"{family}"' for family in dict.fromkeys(face.family for face in found))
    rules = " ".join(f"@{box} {{ font-family: \"EB Garamond\", {families}, serif; }}"
                     for box in MARGIN_BOXES)
    return f"@page {{ {rules} }}\n"


def woff2(face: Face) -> bytes:
    """The face compressed as WOFF2, for the web page."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(face.data))
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()
