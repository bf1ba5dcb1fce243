"""A cover image drawn from the title page's design, for shelves and store thumbnails (EPUB).

The same elements as the title page (title, subtitle, authors, publisher) in the book face, centred,
on the page colour of the web edition, with the accent colour for a rule. Pillow's PNG writer puts
no time or machine in the file, so the same metadata gives the same bytes.
"""

from __future__ import annotations

import io
from PIL import Image, ImageDraw, ImageFont

from .templating import find_template

# 1600 × 2400 px: the 2:3 portrait most stores ask for, sharp on a tablet's library page.
SIZE = (1600, 2400)
MARGIN = 160                      # px left and right of every line
PAPER = (253, 252, 248)          # the web edition's page colour (screen.css)
INK = (26, 26, 26)
MUTED = (85, 85, 85)
ACCENT = (122, 31, 31)
# The title is set as large as fits in at most this many lines, from TITLE_MAX down to TITLE_MIN.
TITLE_MAX_LINES = 5
TITLE_MAX, TITLE_MIN, TITLE_STEP = 150, 80, 6
SUBTITLE_SIZE = 68
AUTHOR_SIZE = 60
LEADING = 1.18                    # line height as a multiple of the type size


def _font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(find_template(f"fonts/EBGaramond-{style}.ttf")), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at spaces; a word longer than the line stands alone."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _balanced(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """As few lines as greedy breaking needs, but as even as possible (no word alone at the end):
    the narrowest width that still gives the same number of lines."""
    lines = _wrap(text, font, width)
    low, high = width // 3, width
    while high - low > 4:
        middle = (low + high) // 2
        if len(_wrap(text, font, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return _wrap(text, font, high)


def _block(draw: ImageDraw.ImageDraw, lines: list[str], font, size: int, top: float, fill) -> float:
    """Draw centred lines from `top`; return the y below the last."""
    for line in lines:
        draw.text((SIZE[0] / 2, top), line, font=font, fill=fill, anchor="ma")
        top += size * LEADING
    return top


def cover_png(title: str, subtitle: str | None, authors: list[str], publisher: str | None) -> bytes:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN

    size = TITLE_MAX
    while True:
        title_font = _font("Bold", size)
        title_lines = _balanced(title, title_font, width)
        if len(title_lines) <= TITLE_MAX_LINES or size - TITLE_STEP < TITLE_MIN:
            break
        size -= TITLE_STEP
    y = _block(draw, title_lines, title_font, size, SIZE[1] * 0.22, INK)

    y += 60
    draw.line([(SIZE[0] / 2 - 120, y), (SIZE[0] / 2 + 120, y)], fill=ACCENT, width=6)
    y += 80
    if subtitle:
        font = _font("Italic", SUBTITLE_SIZE)
        y = _block(draw, _balanced(subtitle, font, width), font, SUBTITLE_SIZE, y, INK)

    # Authors and publisher at the foot, in capitals (the title page sets them in small caps).
    foot = [a.upper() for a in authors]
    if publisher and publisher not in authors:
        foot.append(publisher.upper())
    font = _font("Regular", AUTHOR_SIZE)
    lines = [line for name in foot for line in _balanced(name, font, width)]
    top = SIZE[1] - MARGIN - len(lines) * AUTHOR_SIZE * LEADING
    for line in lines:
        draw.text((SIZE[0] / 2, top), line, font=font, fill=MUTED, anchor="ma")
        top += AUTHOR_SIZE * LEADING

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
