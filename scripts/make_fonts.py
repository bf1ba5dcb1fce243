"""Make the shipped EB Garamond faces (templates/fonts/) from the full-featured upstream fonts.

    .venv/bin/python scripts/make_fonts.py DIR [--out templates/fonts]

DIR holds the two variable fonts of Google Fonts' ofl/ebgaramond (Octavio Pardo's EB Garamond,
SIL OFL 1.1), `EBGaramond[wght].ttf` and `EBGaramond-Italic[wght].ttf`, for example the
`fontpkg_eb_garamond/files/` folder of the PyPI wheel fontpkg-eb-garamond 1.3 (unzip it;
installing is not needed). Each face is an instance of the weight axis (400 and 700), subset to
the characters a European-language report uses (CHARACTERS) with every OpenType layout feature
and the glyphs they reach (small caps, old-style and lining figures, ligatures, kerning), so the
files stay small (~100-150 kB each against 750-850 kB for the variable fonts). The same inputs
give the same bytes (no timestamps are recalculated).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

FACES = {  # output name: (variable font, weight)
    "EBGaramond-Regular.ttf": ("EBGaramond[wght].ttf", 400),
    "EBGaramond-Bold.ttf": ("EBGaramond[wght].ttf", 700),
    "EBGaramond-Italic.ttf": ("EBGaramond-Italic[wght].ttf", 400),
    "EBGaramond-BoldItalic.ttf": ("EBGaramond-Italic[wght].ttf", 700),
}
# Basic Latin, Latin-1, Latin Extended-A and -B (most of Europe), combining marks, general
# punctuation, super- and subscripts, currency, letterlike symbols (№ ™), number forms, arrows,
# mathematical operators in text (− ×), the f-ligatures, and U+FFFD.
CHARACTERS = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x2000, 0x206F),
              (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x215F), (0x2190, 0x21FF),
              (0x2200, 0x22FF), (0xFB00, 0xFB06), (0xFFFD, 0xFFFD)]
# The OpenType features kept (with the glyphs they reach): what CSS can ask for in running text
# (small caps, figures, fractions, ordinals, super- and subscripts, ligatures) and what shaping
# needs; the stylistic sets, swashes and historical forms are left out (a third of the glyphs).
FEATURES = ["kern", "liga", "clig", "calt", "ccmp", "locl", "mark", "mkmk", "rlig", "rvrn",
            "smcp", "c2sc", "pcap", "c2pc", "onum", "lnum", "pnum", "tnum", "case", "frac",
            "numr", "dnom", "ordn", "sups", "subs", "sinf", "dlig", "init", "fina"]


def make_face(source: Path, weight: int) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(source), recalcTimestamp=False)
    static = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=True)
    options = subset.Options()
    options.layout_features = FEATURES
    options.name_IDs = ["*"]          # the licence and the font's names stay
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in CHARACTERS for c in range(lo, hi + 1)])
    subsetter.subset(static)
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="folder of the two variable fonts")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "templates" / "fonts")
    args = parser.parse_args(argv)
    for name, (variable, weight) in FACES.items():
        data = make_face(args.source / variable, weight)
        (args.out / name).write_bytes(data)
        print(f"{name}: {len(data) // 1024} kB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
