"""What a PDF says beyond its pictures, in a form two PDFs can be compared by (pikepdf): outline,
destinations, links, the tagged structure tree with its ParentTree, metadata and catalog flags.
Objects are named by what they are (page index, pre-order position in the tree), never by object
number, so that the same document written two ways compares equal."""

from __future__ import annotations

import io

import pikepdf


def structure(data: bytes) -> dict:
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    elements: dict[tuple, int] = {}
    annotations = {annot.objgen: (number, at) for number, page in enumerate(pdf.pages)
                   for at, annot in enumerate(page.obj.get("/Annots", []))}

    def where(value):
        return pages.get(value.objgen) if isinstance(value, pikepdf.Object) else None

    def dest(value):
        if isinstance(value, pikepdf.Array):
            return (where(value[0]), *[_plain(v) for v in list(value)[1:]])
        return _plain(value)

    def outline(item):
        found = []
        while item is not None:
            found.append((str(item.Title), dest(item.Dest), int(item.get("/Count", 0)),
                          outline(item.get("/First"))))
            item = item.get("/Next")
        return found

    def element(elem):
        elements[elem.objgen] = len(elements)
        kids = elem.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        shown = []
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                shown.append(("OBJR", annotations.get(kid.Obj.objgen), where(kid.get("/Pg"))))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                shown.append(("MCR", int(kid.MCID), where(kid.get("/Pg"))))
            elif isinstance(kid, pikepdf.Dictionary):
                shown.append(element(kid))
            else:
                shown.append(int(kid))
        parent = elem.get("/P")
        return (str(elem.get("/S")), where(elem.get("/Pg")),
                {k: _plain(v) for k, v in elem.items() if k not in ("/K", "/P", "/Pg", "/S")},
                parent is not None and parent.objgen in elements, shown)

    root = pdf.Root.StructTreeRoot
    tree = element(root.K[0] if isinstance(root.K, pikepdf.Array) else root.K)
    def path(elem, depth=0):
        """An element named by its ancestry: (tag, page, place among its parent's kids)…"""
        parent = elem.get("/P")
        if parent is None or depth > 64 or parent.get("/Type") != "/StructElem":
            return ()
        kids = parent.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        at = next((i for i, kid in enumerate(kids) if isinstance(kid, pikepdf.Dictionary)
                   and kid.is_indirect and kid.objgen == elem.objgen), None)
        return (*path(parent, depth + 1), (str(elem.get("/S")), where(elem.get("/Pg")), at))

    nums = list(root.ParentTree.Nums)
    parent_tree = {}
    for key, value in zip(nums[::2], nums[1::2]):
        parent_tree[int(key)] = ([path(v) for v in value] if isinstance(value, pikepdf.Array)
                                 else path(value))
    links = []
    for number, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            links.append((number, [round(float(v), 3) for v in annot.Rect],
                          _plain(annot.get("/Dest")), _plain(annot.get("/A", {}).get("/URI")),
                          int(annot.get("/StructParent", -1)), str(annot.get("/Contents", ""))))
    names = list(pdf.Root.Names.Dests.Names) if "/Names" in pdf.Root else []
    metadata = pdf.Root.get("/Metadata")
    return {
        "pages": [(number, [float(v) for v in page.obj.MediaBox], int(page.obj.StructParents),
                   str(page.obj.get("/Tabs"))) for number, page in enumerate(pdf.pages)],
        "outline": outline(pdf.Root.Outlines.get("/First")) if "/Outlines" in pdf.Root else [],
        "outline_count": int(pdf.Root.Outlines.Count) if "/Outlines" in pdf.Root else None,
        "dests": [(str(name), dest(value)) for name, value in zip(names[::2], names[1::2])],
        "links": links,
        "tree": tree,
        "parent_tree": parent_tree,
        "root_keys": sorted(k for k in root.keys()),
        "info": {k: str(v) for k, v in pdf.docinfo.items()},
        "catalog": {k: _plain(v) for k, v in pdf.Root.items()
                    if k in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/PageMode")},
        "xmp": metadata.read_bytes() if metadata is not None else None,
        "version": pdf.pdf_version,
        "file_id": bytes(pdf.trailer.ID[0]),  # derived from the document's identity
    }


def _plain(value):
    if isinstance(value, pikepdf.Dictionary) and value.is_indirect:  # named, not followed (cycles)
        return f"indirect {value.get('/Type')} {value.get('/S')}"
    if isinstance(value, pikepdf.Dictionary):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, pikepdf.Array):
        return [_plain(v) for v in value]
    if isinstance(value, (pikepdf.String, pikepdf.Name)):
        return str(value)
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return "indirect"
    try:
        return round(float(value), 3)
    except (TypeError, ValueError):
        return str(value)


def page_images(data: bytes, scale: float = 1.0) -> list[bytes]:
    """Each page rasterised (pypdfium2), as raw pixels."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [pdf[i].render(scale=scale).to_pil().tobytes() for i in range(len(pdf))]
    finally:
        pdf.close()


def font_programs(data: bytes) -> int:
    """How many embedded font programs the pages' fonts use."""
    pdf = pikepdf.open(io.BytesIO(data))
    found = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", []):
                program = descendant.FontDescriptor.get("/FontFile2")
                if program is not None:
                    found.add(program.objgen)
    return len(found)
