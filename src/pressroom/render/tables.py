"""Pandoc tables → HTML: caption, column widths and alignment, header rows and row headers,
spanning cells; wrapped in a region that scrolls sideways on a narrow screen.

The header rows are a `<thead>`, which paged media repeats at the top of every page the table
runs onto (paged.css keeps it a table-header-group).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .markup import el, safe_classes, safe_id

if TYPE_CHECKING:
    from .html_ast import Serialiser

Node = dict[str, Any]
# Pandoc's alignments as the class a cell carries (AlignDefault: none, the stylesheet decides).
ALIGN = {"AlignLeft": "align-left", "AlignRight": "align-right", "AlignCenter": "align-center"}


def _cells(ser: Serialiser, row: list, aligns: list[str | None], tag: str, head_columns: int,
           scope: str | None) -> Markup:
    """One row's cells; a cell's own alignment wins over its column's. `head_columns` cells
    opening a body row are row headers."""
    out, column = [], 0
    for cell in row[1]:
        _attr, align, row_span, col_span, blocks = cell
        cls = ALIGN.get(align["t"]) or (aligns[column] if column < len(aligns) else None)
        is_head = tag == "th" or column < head_columns
        out.append(el("th" if is_head else "td", {
            "class": cls,
            "scope": scope if tag == "th" else ("row" if is_head else None),
            "rowspan": str(row_span) if row_span > 1 else None,
            "colspan": str(col_span) if col_span > 1 else None}, ser.blocks(blocks)))
        column += col_span
    return el("tr", {"class": safe_classes(row[0][1])}, *out)


def table(ser: Serialiser, c: list) -> Markup:
    attr, caption_node, specs, head, bodies, foot = c
    ser.tables += 1
    table_id = safe_id(attr[0]) or f"table-{ser.tables}"
    aligns = [ALIGN.get(spec[0]["t"]) for spec in specs]
    widths = [spec[1]["c"] if spec[1]["t"] == "ColWidth" else None for spec in specs]
    parts = []
    caption = ser.blocks(caption_node[1])
    caption_id = f"{table_id}-caption"
    if caption:
        parts.append(el("caption", {"id": caption_id}, caption))
    if any(widths):
        parts.append(el("colgroup", {}, *(
            el("col", {"style": f"width: {w * 100:.1f}%" if w else None}) for w in widths)))
    if head[1]:
        parts.append(el("thead", {}, *(_cells(ser, r, aligns, "th", 0, "col") for r in head[1])))
    for body in bodies:
        body_attr, head_columns, intermediate, rows = body
        parts.append(el("tbody", {"class": safe_classes(body_attr[1])},
                        *(_cells(ser, r, aligns, "th", 0, "col") for r in intermediate),
                        *(_cells(ser, r, aligns, "td", head_columns, None) for r in rows)))
    if foot[1]:
        parts.append(el("tfoot", {}, *(_cells(ser, r, aligns, "td", 0, None) for r in foot[1])))
    # Relative widths are shares of the text's width (pandoc: the table spans the measure).
    classes = safe_classes(attr[1] + (["widths"] if any(widths) else []))
    # A region a keyboard can scroll (axe: scrollable-region-focusable), named by the caption.
    return el("div", {"class": "table-wrap", "role": "region", "tabindex": "0",
                      "aria-labelledby": caption_id if caption else None,
                      "aria-label": None if caption else f"Table {ser.tables}"},
              el("table", {"id": table_id, "class": classes}, *parts))
