"""The print edition's structure tree, finished after WeasyPrint: footnotes become `Note`
structure elements (PDF/UA-1, ISO 14289-1 7.9), each with a unique /ID listed in the tree's
/IDTree, and the call that cites a note refers to it (/Ref on the call's `Link` element).

WeasyPrint 70 tags a page's footnote area as a `NonStruct` holding one `Span` per note; the span
holds the note's back link (a `Link` whose annotation goes to `fnrefN`), so the note is known by
that link. A call is a `Link` whose annotation goes to `fnN`. Post-processed with pikepdf; the
file's /ID and every other object stay as WeasyPrint wrote them.
"""

from __future__ import annotations

import io
import re

BACK_LINK = re.compile(r"fnref(\d+)")
CALL = re.compile(r"fn(\d+)")


def _kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    if getattr(kids, "_type_code", None) == pikepdf.ObjectType.array:
        return list(kids)
    return [kids]


def _is_element(obj) -> bool:
    import pikepdf

    return getattr(obj, "_type_code", None) == pikepdf.ObjectType.dictionary and "/S" in obj


def _link_target(element) -> str | None:
    """The named destination a `Link` element's annotation goes to."""
    for kid in _kids(element):
        if not _is_element(kid) and getattr(kid, "get", None) and kid.get("/Type") == "/OBJR":
            dest = kid.Obj.get("/Dest")
            if dest is not None:
                return str(dest)
    return None


def _walk(element):
    yield element
    for kid in _kids(element):
        if _is_element(kid):
            yield from _walk(kid)


def tag_notes(data: bytes) -> bytes:
    """The PDF with its footnotes tagged as `Note` elements linked from their calls; unchanged
    when it has no structure tree or no notes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        notes: dict[str, object] = {}
        calls: list[tuple[object, str]] = []
        for top in _kids(root):
            if not _is_element(top):
                continue
            for element in _walk(top):
                if element.S != "/Link":
                    continue
                target = _link_target(element) or ""
                back, call = BACK_LINK.fullmatch(target), CALL.fullmatch(target)
                parent = element.get("/P")
                if back and parent is not None and _is_element(parent) and parent.S == "/Span":
                    notes[f"fn{back.group(1)}"] = parent
                elif call:
                    calls.append((element, target))
        if not notes:
            return data
        for note_id, note in notes.items():
            note.S = pikepdf.Name("/Note")
            note.ID = pikepdf.String(note_id)
        for element, target in calls:
            if target in notes:
                element.Ref = pikepdf.Array([notes[target]])
        names = pikepdf.Array()
        for note_id in sorted(notes):  # a name tree's keys in byte order
            names.append(pikepdf.String(note_id))
            names.append(notes[note_id])
        root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
        out = io.BytesIO()
        # The /ID's first part, derived from the document's identity, stays; its second part is
        # derived from the content (qpdf's deterministic ID): the same input, the same bytes.
        pdf.save(out, deterministic_id=True, preserve_pdfa=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
