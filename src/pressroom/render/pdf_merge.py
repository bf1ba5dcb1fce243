"""The chunks' PDFs made one, as WeasyPrint would have written the whole document (pikepdf).

Each chunk's PDF is a complete tagged PDF/UA file. The merge takes their pages in order and
rebuilds what spans them as one layout writes it: one structure tree (a Document element holding
every chunk's elements, the ParentTree numbered page by page and then link by link, each page's
/StructParents and each link's /StructParent renumbered), one sorted name tree of destinations
(each anchor from the chunk that lays it out; the stand-ins of render/pdf_layout.py are left
out), one outline nested by the bookmark levels, and the first chunk's metadata (the same in
every chunk: it comes from the page's head). Internal links name their destination, so a link
from one chunk to an anchor of another resolves in the merged file.
"""

from __future__ import annotations

import io

from .pdf_fonts import share_fonts

# Catalog entries rebuilt here; every other entry is the first chunk's.
REBUILT = frozenset({"/Type", "/Pages", "/Names", "/Outlines", "/StructTreeRoot"})


def merge(parts: list[bytes], bookmarks: list[list[tuple[int, str]]],
          anchors: list[set[str]]) -> bytes:
    """One PDF from the chunks' PDFs in order; `bookmarks` are each chunk's (level, state) in
    order, `anchors` the names each chunk owns."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    out = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(data)) for data in parts]
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    page_entries, link_entries, names, outline = [], [], [], []
    for source, levels, owned in zip(sources, bookmarks, anchors):
        offset = len(out.pages)
        tree = source.Root.StructTreeRoot
        source_document = tree.K[0] if isinstance(tree.K, Array) else tree.K
        kids = list(source_document.K)
        for kid in kids:  # copied without their parent, which is the merged Document
            del kid["/P"]
        for page in source.pages:
            out.pages.append(page)
        for page in out.pages[offset:]:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for kid in kids:
            copied = _copy(out, kid)
            copied.P = document
            document.K.append(copied)
        nums = list(tree.ParentTree.Nums)
        chunk_pages = len(source.pages)
        for key, value in zip(nums[::2], nums[1::2]):
            if int(key) < chunk_pages:
                page_entries.append((int(key) + offset, _copy(out, value)))
            else:
                link_entries.append(_copy(out, value))
        names.extend(_destinations(out, source, owned))
        items = _outline_items(source)
        if len(items) != len(levels):
            raise ValueError(f"chunk outline has {len(items)} entries, layout {len(levels)}")
        outline.extend((level, state, _copy(out, title), _copy(out, dest))
                       for (level, state), (title, dest) in zip(levels, items))

    # Links are numbered after every page, in page order, as one layout numbers them.
    total = len(out.pages)
    link_parents = {}
    for number, element in enumerate(link_entries, start=total):
        link_parents[number] = element
    _renumber_links(out, total)
    parent_tree = out.make_indirect(Dictionary(Nums=Array()))
    for key, value in page_entries:
        parent_tree.Nums.extend([key, value])
    for key, value in link_parents.items():
        parent_tree.Nums.extend([key, value])
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, ParentTree=parent_tree,
                                        K=Array([document])))
    document.P = root

    first = sources[0]
    for key, value in first.Root.items():
        if key not in REBUILT:
            out.Root[key] = _copy(out, value)
    out.Root.StructTreeRoot = root
    if names:
        names.sort(key=lambda pair: str(pair[0]))
        flat = Array()
        for name, dest in names:
            flat.extend([name, dest])
        out.Root.Names = Dictionary(Dests=Dictionary(Names=flat))
    if outline:
        _write_outline(out, outline)
    out.docinfo = _copy(out, first.docinfo)
    # The /ID's first part as one pass writes it, derived from the document's identity (every
    # chunk has it); qpdf derives the second from the content.
    if "/ID" in first.trailer:
        out.trailer.ID = Array([first.trailer.ID[0], first.trailer.ID[0]])
    share_fonts(out)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, min_version=first.pdf_version,
             fix_metadata_version=False, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)  # as WeasyPrint writes them
    return buffer.getvalue()


def _copy(out, value):
    """A foreign object in `out`: indirect ones through pikepdf's copier (which maps each source
    object once, pages included), direct arrays and dictionaries member by member."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(out, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(out, item) for key, item in value.items()})
    return value


def _renumber_links(out, total: int) -> None:
    """Each link annotation's /StructParent in page order from `total` on (the chunks numbered
    theirs after their own pages, in the same order)."""
    number = total
    for page in out.pages:
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = number
                number += 1


def _destinations(out, source, owned: set[str]):
    names = source.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return []
    flat = list(dests.Names)
    return [(_copy(out, name), _copy(out, dest))
            for name, dest in zip(flat[::2], flat[1::2]) if str(name) in owned]


def _outline_items(source) -> list:
    """(title, destination) of each outline entry in reading order."""
    found = []

    def walk(item):
        while item is not None:
            found.append((item.Title, item.Dest))
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = source.Root.get("/Outlines")
    if outlines is not None:
        walk(outlines.get("/First"))
    return found


def _write_outline(out, entries) -> None:
    """The outline tree as WeasyPrint builds it (weasyprint.anchors.make_page_bookmark_tree and
    pdf.anchors.add_outlines): depth from the levels, a skipped level counted once; an entry's
    /Count is its open descendants, negative when closed."""
    from pikepdf import Array, Dictionary

    root: list = []
    skipped: list[int] = []
    last_by_depth = [root]
    previous = 0
    for level, state, title, dest in entries:
        if level > previous:
            skipped.append(level - previous - 1)
        else:
            depth = level
            while depth < previous:
                depth += 1 + skipped.pop()
            if depth > previous:
                skipped.append(depth - previous - 1)
        previous = level
        depth = level - sum(skipped)
        children: list = []
        last_by_depth[depth - 1].append((title, dest, children, state))
        del last_by_depth[depth:]
        last_by_depth.append(children)

    def add(items, parent):
        count = len(items)
        made = []
        for title, dest, children, state in items:
            item = out.make_indirect(Dictionary(Title=title, Dest=dest))
            kids, kids_count = add(children, item)
            item.Count = -kids_count if state == "closed" else kids_count
            if state != "closed":
                count += kids_count
            if made:
                item.Prev = made[-1]
                made[-1].Next = item
            if kids:
                item.First, item.Last = kids[0], kids[-1]
            if parent is not None:
                item.Parent = parent
            made.append(item)
        return made, count

    made, count = add(root, None)
    outlines = out.make_indirect(Dictionary(Count=count, First=made[0], Last=made[-1]))
    for item in made:
        item.Parent = outlines
    out.Root.Outlines = outlines
