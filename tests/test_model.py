"""Passes exchange data through declared fields only: Block and State have slots (a field not
declared in model.py cannot be written), each field handed from pass to pass names the passes
that write and read it, and no pass reads the audit's entries back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pressroom.normalise import model
from pressroom.normalise.model import CARRIED, Audit, Block, Note, PdfEvidence, State

PACKAGE = Path(model.__file__).parents[1]
# Every module of the package by stem and by its path below the package (`readers/pdf`).
MODULES = {name for path in PACKAGE.rglob("*.py")
           for name in (path.stem, path.relative_to(PACKAGE).with_suffix("").as_posix())}
PASS_MODULES = sorted([*(PACKAGE / "normalise").glob("*.py"), *(PACKAGE / "readers").glob("*.py")])


def test_an_undeclared_field_cannot_be_written():
    block = Block(["text"], 1, 1)
    with pytest.raises(AttributeError):
        block.data = {"plain_note": 1}  # the ad-hoc dictionary passes once shared
    with pytest.raises(AttributeError):
        block.plain_notes = 1  # a slip of the pen is no new field either
    with pytest.raises(AttributeError):
        State(path="x.txt").running_head = []
    for cls in (Block, State, Note, Audit, PdfEvidence):
        assert "__slots__" in vars(cls) and "__dict__" not in dir(cls), cls


def _fields_with_comments(class_name: str) -> dict[str, tuple[int, str]]:
    """Each field of a model.py class: its line and the comments on it and just above it."""
    source = Path(model.__file__).read_text(encoding="utf-8")
    lines = source.splitlines()
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == class_name)
    out: dict[str, tuple[int, str]] = {}
    for item in node.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            at = item.lineno - 1
            comment = lines[at].split("  # ", 1)[1] if "  # " in lines[at] else ""
            above = at - 1
            while lines[above].strip().startswith("#"):
                comment = lines[above].strip().lstrip("# ") + " " + comment
                above -= 1
            out[item.target.id] = (item.lineno, comment)
    return out


def _handed_fields() -> dict[str, str]:
    source = Path(model.__file__).read_text(encoding="utf-8").splitlines()
    marker = next(i + 1 for i, line in enumerate(source) if "# -- handed from pass to pass --" in line)
    state = {f"State.{name}": comment for name, (line, comment) in _fields_with_comments("State").items()
             if line > marker}
    block = {f"Block.{name}": comment for name, (_, comment) in _fields_with_comments("Block").items()
             if name in CARRIED}
    assert len(state) >= 7 and len(block) >= 10  # the markers and CARRIED still select them
    return {**state, **block}


def _names(phrase: str) -> set[str]:
    return set(re.split(r",\s*|\s+and\s+|\s+or\s+|\s+", phrase.strip()))


@pytest.mark.parametrize("field", sorted(_handed_fields()))
def test_each_handed_field_names_its_writer_and_reader(field):
    comment = _handed_fields()[field]
    writers = re.search(r"([\w/, ]+?) writes?\b", comment)
    readers = re.search(r"([\w/, ]+?) reads?\b", comment)
    assert writers and _names(writers.group(1)) & MODULES, f"{field}: no writing module in {comment!r}"
    assert readers and _names(readers.group(1)) & MODULES, f"{field}: no reading module in {comment!r}"


# The audit is the report of what was removed and changed: a pass writes it, reading an entry
# back (audit.removed.get("running_heads")) would be data handed on through it.
_AUDIT_READ = re.compile(r"audit\.(?:removed|changed)\s*(?:\.get\(|\[|\.items\(|\.values\()")


@pytest.mark.parametrize("path", PASS_MODULES, ids=lambda p: p.stem)
def test_no_pass_reads_the_audit_back(path):
    text = path.read_text(encoding="utf-8")
    assert not _AUDIT_READ.search(text), f"{path.name} reads audit entries: {_AUDIT_READ.search(text).group(0)}"
