"""One font program per face in the merged PDF, as one layout embeds it.

Each chunk's PDF embeds its own subset of every face it uses, under the same resource name (a
hash of the face's description). WeasyPrint subsets TrueType faces keeping glyph ids, so the
subsets of one face differ only in which glyph ids have outlines: their union is one program
that draws every chunk's text, and every chunk's font points to it. The fonts themselves stay
the chunk's: their widths (/W) are the advances WeasyPrint measured in that chunk, which its
text positions were computed from (a glyph's measured advance can differ in its last digits from
one chunk to another, so one /W for all would move glyphs by a fraction of a pixel). A face
embedded any other way (its own encoding, a bitmap or CFF font) is left as each chunk has it.
"""

from __future__ import annotations

import io
import struct


def share_fonts(out) -> int:
    """Point each face's per-chunk fonts to one program; returns how many programs it saves."""
    faces: dict[str, list] = {}
    resources = []
    for page in out.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font")
        if fonts is None:
            continue
        if not any(fonts.objgen == seen.objgen for seen in resources if fonts.is_indirect):
            resources.append(fonts)
    for fonts in resources:
        for name, font in fonts.items():
            if all(font.objgen != other.objgen for other in faces.setdefault(name, [])):
                faces[name].append(font)
    removed = 0
    for name, fonts in faces.items():
        if len(fonts) < 2 or not all(_shareable(font) for font in fonts):
            continue
        program = _united_program([font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                                   for font in fonts], [_highest_used(font) for font in fonts])
        shared = out.make_stream(program, Length1=len(program))
        for font in fonts:
            font.DescendantFonts[0].FontDescriptor.FontFile2 = shared
        removed += len(fonts) - 1
    return removed


def _shareable(font) -> bool:
    descendants = font.get("/DescendantFonts")
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H" or \
            descendants is None or len(descendants) != 1:
        return False
    cid = descendants[0]
    return cid.get("/Subtype") == "/CIDFontType2" and cid.get("/CIDToGIDMap") == "/Identity" \
        and "/FontFile2" in cid.FontDescriptor


def _highest_used(font) -> int:
    """The highest glyph id the chunk's text draws: its widths (/W) list exactly those."""
    items = list(font.DescendantFonts[0].W)
    return max(int(start) + len(run) - 1 for start, run in zip(items[::2], items[1::2]))


def _united_program(programs: list[bytes], highest: list[int]) -> bytes:
    """One TrueType program that draws every chunk's text.

    WeasyPrint subsets twice: keeping glyph ids for the glyphs a chunk uses, then keeping ids
    0…(the highest used) and appending what composite glyphs need beyond it under new ids. So a
    glyph id up to a subset's highest used one means the same glyph in every subset, and the
    union takes those by id (from the subset with the highest of all, then any other that has an
    outline where it has none); a component beyond is appended once by its content, and the
    composites that use it point to it."""
    from fontTools.ttLib import TTFont

    # The subsets keep the face's own header (its bounding box, flags): renderers scale and hint
    # by it, so it is kept, not recomputed from the glyphs kept.
    fonts = [TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
             for data in programs]
    top = max(highest)
    base = fonts[highest.index(top)]
    order = list(base.getGlyphOrder())
    glyf, hmtx = base["glyf"], base["hmtx"]
    appended: dict[bytes, str] = {}
    for gid in range(top + 1, len(order)):  # the base's own components beyond its used range
        appended.setdefault(_outline(base, order[gid]), order[gid])

    mapped: dict[tuple[int, str], str] = {}  # (subset, its glyph name) → the union's

    def component(font, font_order, font_top, name) -> str:
        gid = font.getGlyphID(name)
        if gid <= font_top:
            return order[gid]
        if (id(font), name) in mapped:
            return mapped[id(font), name]
        glyph = _remapped(font, font_order, font_top, name)
        data = glyph.compile(glyf) if not glyph.isComposite() else _outline(font, name)
        if data not in appended:
            new = f"pressroom.component{len(appended)}"
            order.append(new)
            base.setGlyphOrder(order)
            glyf.glyphs[new] = glyph
            hmtx[new] = font["hmtx"][name]
            appended[data] = new
        mapped[id(font), name] = appended[data]
        return appended[data]

    remapped: set[int] = set()

    def _remapped(font, font_order, font_top, name):
        glyph = font["glyf"][name]
        if glyph.isComposite() and id(glyph) not in remapped:
            remapped.add(id(glyph))
            for part in glyph.components:
                part.glyphName = component(font, font_order, font_top, part.glyphName)
        return glyph

    for font, font_top in zip(fonts, highest):
        if font is base:
            continue
        font_order = font.getGlyphOrder()
        for gid in range(min(font_top, top) + 1):
            name = font_order[gid]
            if _contours(font["glyf"], name) == 0 or _contours(glyf, order[gid]) != 0:
                continue
            glyf.glyphs[order[gid]] = _remapped(font, font_order, font_top, name)
            hmtx[order[gid]] = font["hmtx"][name]
        # The character map too: a renderer that hints by itself (FreeType's autohinter, in
        # pdfium) measures the face on its standard letters, found through it.
        for table in (base["cmap"].tables if "cmap" in base and "cmap" in font else []):
            theirs = font["cmap"].getcmap(table.platformID, table.platEncID)
            if theirs is None:
                continue
            for code, name in theirs.cmap.items():
                gid = font.getGlyphID(name)
                if code not in table.cmap and gid <= font_top:
                    table.cmap[code] = order[gid]
    head = {key: getattr(base["head"], key) for key in ("xMin", "yMin", "xMax", "yMax", "flags")}
    base["maxp"].recalc(base)
    for key, value in head.items():
        setattr(base["head"], key, value)
    buffer = io.BytesIO()
    base.save(buffer, reorderTables=False)
    return buffer.getvalue()


def _contours(table, name) -> int:
    """A glyph's number of contours (-1: a composite) read from its header, without decoding
    its outline: most glyph ids of a subset that keeps ids are empty, and decoding every one of
    every chunk's subsets was most of the merge's time."""
    glyph = table.glyphs[name]
    data = getattr(glyph, "data", None)
    if data is None:  # decoded already
        return glyph.numberOfContours
    return struct.unpack(">h", data[:2])[0] if data else 0


def _outline(font, name) -> bytes:
    """A glyph's data as a key (a composite by its components' own outlines and placement)."""
    glyph = font["glyf"][name]
    if not glyph.isComposite():
        return glyph.compile(font["glyf"])
    return repr([(_outline(font, part.glyphName), part.x, part.y, part.flags,
                  getattr(part, "transform", None)) for part in glyph.components]).encode()
