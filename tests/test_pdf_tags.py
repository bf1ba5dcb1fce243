"""The PDF's structure tree, read with pikepdf: every footnote is a `Note` element with a unique
/ID (in the /IDTree), holding the note's text, and the `Link` of its call refers to it."""

from __future__ import annotations

import hashlib
import io
import re

import pikepdf
import pytest

from pressroom.render.pdf_tags import tag_notes

from conftest_render import docs, pdfs  # noqa: F401

pytestmark = pytest.mark.slow


def _elements(pdf):
    def walk(element):
        yield element
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield from walk(kid)
    for top in pdf.Root.StructTreeRoot.K:
        yield from walk(top)


def _text(element, pdf) -> str:
    """The text of a structure element's marked content, from its pages' content streams."""
    mcids: dict = {}

    def collect(node):
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            if isinstance(kid, int):
                mcids.setdefault(node.get("/Pg").objgen, set()).add(kid)
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                collect(kid)
    collect(element)
    out = []
    for page in pdf.pages:
        wanted = mcids.get(page.obj.objgen)
        if not wanted:
            continue
        depth, inside = 0, []
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name == "BDC":
                props = operands[1] if len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                inside.append(mcid in wanted if mcid is not None else bool(inside and inside[-1]))
            elif name == "BMC":
                inside.append(bool(inside and inside[-1]))
            elif name == "EMC" and inside:
                inside.pop()
            elif name in ("Tj", "TJ") and inside and inside[-1]:
                out.append("*")  # glyph codes, not text: that the element marks some is enough
    return "".join(out)


@pytest.mark.parametrize("name", ["report", "shared-future"])
def test_every_note_is_a_note_element_linked_from_its_call(pdfs, docs, name):
    pdf = pikepdf.open(io.BytesIO(pdfs[name]["data"]))
    elements = list(_elements(pdf))
    notes = [e for e in elements if e.S == "/Note"]
    ids = [str(note.ID) for note in notes]
    assert sorted(ids) == sorted(note.id for note in docs[name].notes)
    assert len(set(ids)) == len(ids)
    tree = pdf.Root.StructTreeRoot.IDTree.Names
    assert [str(tree[i]) for i in range(0, len(tree), 2)] == sorted(ids)
    for index in range(0, len(tree), 2):
        assert tree[index + 1].objgen == next(n for n in notes if str(n.ID) == str(tree[index])).objgen
    for note in notes:
        assert _text(note, pdf), str(note.ID)  # the note's text is inside it
    calls = [e for e in elements if e.S == "/Link" and "/Ref" in e]
    assert {str(call.Ref[0].ID) for call in calls} == set(ids)  # (a call may be two Link elements)
    for call in calls:  # the call's annotation goes to the note it refers to
        annotation = next(k.Obj for k in call.K if isinstance(k, pikepdf.Dictionary)
                          and k.get("/Type") == "/OBJR")
        assert str(annotation.Dest) == str(call.Ref[0].ID)


def test_a_pdf_without_notes_is_left_as_it_is(pdfs):
    data = pdfs["captions"]["data"]
    assert not re.search(rb"/Note\b", tag_notes(data))
    assert tag_notes(data) == data


def test_tagging_keeps_the_file_id(pdfs, docs):
    """The /ID's first part is still the one derived from the document's identity (render/pdf.py)."""
    meta = docs["report"].meta
    identity = f"{meta.identifier or meta.title}|pdf-a4"
    after = pikepdf.open(io.BytesIO(pdfs["report"]["data"])).trailer.ID
    assert bytes(after[0]) == hashlib.md5(identity.encode()).hexdigest().encode()
