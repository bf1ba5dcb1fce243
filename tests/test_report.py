"""The report's facts, checked against the source: its sections, its notes, its furniture."""

from __future__ import annotations

import json
import re

import pytest

from pressroom.markdown import to_ast
from pressroom.normalise.source import normalise_file

from conftest import ROOT

SOURCE = ROOT / "sources" / "shared-future.txt"

HEADINGS = [
    (1, "I. Improving Global Governance: A Chinese Initiative Responding to Common Challenges"),
    (2, "1. A Resounding Call to Address Global Challenges"),
    (2, "2. A Global Aspiration for a Brighter Future"),
    (2, "3. An Intrinsic Requirement of Chinese Modernization"),
    (1, "II. Standing for Mutual Appreciation: A Chinese Proposition Resonating Globally"),
    (2, "1. The Essence of a Global Community of Shared Future"),
    (2, "2. The Cultural Origins of a Global Community of Shared Future"),
    (2, "3. The Contemporary Significance of a Global Community of Shared Future"),
    (1, "III. Benefiting the World: A Chinese Practice Serving the Well-being of All Humanity"),
    (2, "1. Steady Progress in Building a Global Community of Shared Future at Various Levels and in Multiple Areas"),
    (2, "2. The Belt and Road Initiative (BRI) as a Platform for Implementing the Global Community of Shared Future"),
    (2, "3. Three Global Initiatives As Strategic Guidance for a Global Community of Shared Future"),
]


@pytest.fixture(scope="module")
def state():
    return normalise_file(SOURCE, display_path="sources/shared-future.txt")


@pytest.fixture(scope="module")
def ast(state):
    return to_ast(state.text)


def _text(inlines) -> str:
    out = []
    for node in inlines:
        kind = node["t"]
        if kind == "Str":
            out.append(node["c"])
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Span", "Quoted"):
            out.append(_text(node["c"][-1]))
        elif kind == "Link":
            out.append(_text(node["c"][1]))
    return "".join(out)


def _notes(blocks):
    """(paragraph text before the note, note text) in reading order."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if value.get("t") == "Note":
                found.append(" ".join(_text(b["c"]) for b in value["c"] if b["t"] in ("Para", "Plain")))
                return
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(blocks)
    return found


def test_headings_are_exactly_the_sections_and_subsections(ast):
    headings = [(b["c"][0], _text(b["c"][2])) for b in ast["blocks"] if b["t"] == "Header"]
    assert headings == HEADINGS


def test_the_body_wording_wins_over_the_contents_list_and_the_difference_is_reported(state):
    differs = [d for d in state.diagnostics.items if d.code == "contents-differs"]
    assert len(differs) == 1 and "(BRI)" in differs[0].message and differs[0].line == 391


def _source_notes():
    """From the raw source: each marker's page-local definition URL, in reading order."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    definition = re.compile(r"^\^?([①-⑳])\s*<?(\S+?)>?$")
    urls = []
    pending: list[str] = []  # markers of the current page, waiting for its definitions
    page_defs: dict[str, str] = {}
    for line in lines + ["**END**"]:
        if not line.strip():
            continue
        match = definition.match(line.strip())
        if match:
            page_defs[match.group(1)] = match.group(2)
            continue
        if page_defs:  # the definitions closed the page
            urls.extend(page_defs[m] for m in pending)
            pending, page_defs = [], {}
        pending.extend(re.findall(r"\^([①-⑳])", line))
    return urls


def test_every_footnote_is_a_real_note_with_its_own_pages_url(ast):
    notes = _notes(ast["blocks"])
    expected = _source_notes()
    assert len(expected) == 26
    assert notes == expected


def test_notes_are_links(state):
    definitions = re.findall(r"^\[\^(\d+)\]: (.*)$", state.text, re.M)
    assert len(definitions) == 26
    assert all(re.fullmatch(r"<https?://\S+>", body) for _, body in definitions)


def test_no_furniture_or_debris_remains(state):
    body = state.text.split("\n---\n", 1)[1]
    for debris in ("①", "②", "③", "^", "<i>", "--", "**", "Contents\n", "···", "\t"):
        assert debris not in body.replace("[^", "["), debris
    assert "Contemporary Significance and Tangible Achievements" not in body


def test_audit_accounts_for_every_removal(state):
    removed = state.audit.removed
    # Counted in the source with grep: 30 bold two-line heads and 2 plain one-line heads (the
    # title page is moved to the metadata, not removed); 14 lines of contents (header included).
    assert len(removed["running_heads"]) == 32
    assert len(removed["contents"]) == 14
    assert sum(1 for item in removed["markers"]) == 52  # 26 calls + 26 definitions


def test_title_page_goes_to_metadata_not_body(state):
    head, body = state.text.split("\n---\n", 1)
    assert "title: Fostering a Global Community of Shared Future" in head
    assert "subtitle: Contemporary Significance and Tangible Achievements" in head
    assert "author: Xinhua Institute" in head
    assert "Xinhua Institute" not in body


def test_audit_file_written_by_the_cli(tmp_path):
    from pressroom import pipeline

    pipeline.normalise(SOURCE, tmp_path / "x.md", audit=tmp_path / "x.audit.json")
    audit = json.loads((tmp_path / "x.audit.json").read_text())
    assert audit["accounting"]["balanced"] and audit["notes"] == 26
    assert {"running_heads", "contents", "markers"} <= set(audit["removed"])
    assert audit["changed"]["page_joins"]
