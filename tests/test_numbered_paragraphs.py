"""Numbered paragraphs (`1.1 This report…`, `1.2 The sampling…`, `A.1 Samples were…`) in
hard-wrapped exports without blank lines: a line opening with the next number of the document's
own paragraph numbering starts a paragraph even where the line before is full (reflow consults
numbered_paragraphs); numbered headings stay headings, and a decimal wrapped to a line's start,
a reference's volume and issue, or a document with only a couple of such lines change nothing."""

from __future__ import annotations

import random

import exports
from test_reflow import MEASURE, VOCABULARY, printed, sentence, set_lines

from pressroom.normalise import run_passes
from pressroom.normalise.model import State

TITLES = ["Purpose of this report", "Summary of findings", "Background", "How the work was done",
          "Results and assessment", "Advice to members", "Next steps"]
# The widest word that could open the next line: a last line this close to the measure had no
# room for it, so its length says nothing of the paragraph's end.
WIDEST = max(printed(" " + word.capitalize()) for word in VOCABULARY) + printed(" 9.9")


def body(rng: random.Random, full: bool, opening: str = "") -> str:
    """A paragraph's text (after its number) whose last line is full (no room for the next
    line's first word) or has room to spare, and whose other lines end no sentence (a line of
    wide letters ending one is a question for the lengths, not this test's)."""
    while True:
        text = opening + " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        lines = set_lines("9.9 " + text)
        last = printed(lines[-1])
        if ((last + WIDEST > MEASURE) == full and (not full or last > MEASURE - 6)
                and not any(line.endswith(".") for line in lines[:-1])):
            return text


def report(seed: int, sections: int = 4, per_section: int = 3, headings: bool = True,
           appendix: bool = True, openings: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """A report whose paragraphs are numbered by section (`2.3 …`), every other one ending on a
    full line; `openings`: the text some paragraphs open with after their number (`3.2 1958 was…`).
    Its printed lines (headings `2 Summary of findings` when `headings`, an appendix's `A.1`
    paragraphs when `appendix`) and its paragraphs."""
    rng = random.Random(seed)
    openings = openings or {}
    lines: list[str] = []
    paragraphs: list[str] = []
    labels = [(str(s), TITLES[s - 1]) for s in range(1, sections + 1)]
    if appendix:
        labels.append(("A", "Appendix A: Laboratory method"))
    for section, title in labels:
        if headings or section == "A":
            lines.append(title if section == "A" else f"{section} {title}")
        for k in range(1, (2 if section == "A" else per_section) + 1):
            label = f"{section}.{k}"
            text = f"{label} " + body(rng, full=len(paragraphs) % 2 == 0, opening=openings.get(label, ""))
            lines.extend(set_lines(text))
            paragraphs.append(text)
    return lines, paragraphs


def found(tmp_path, text: str) -> tuple[list[str], list[str]]:
    """The paragraphs and the headings of the normalised export."""
    state = exports.normalise(tmp_path, text)
    blocks = [block.replace("\n", " ") for block in exports.body(state).split("\n\n")]
    return ([block for block in blocks if not block.startswith("#")],
            [block for block in blocks if block.startswith("#")])


def paged(lines: list[str], every: int = 17) -> str:
    """pdftotext's export: a form feed opens each page of `every` lines."""
    return "\n".join(("\f" if n and n % every == 0 else "") + line for n, line in enumerate(lines)) + "\n"


def test_numbered_paragraphs_after_full_lines_start_paragraphs(tmp_path):
    """pdftotext: pages parted by form feeds, numbered section headings, an appendix."""
    lines, paragraphs = report(seed=1)
    assert sum(printed(line) + WIDEST > MEASURE for line in lines  # the premise: full last lines
               if line.endswith(".")) >= 4
    result, headings = found(tmp_path, paged(lines))
    assert result == paragraphs
    assert headings[:2] == ["# 1 Purpose of this report", "# 2 Summary of findings"]


def test_numbered_paragraphs_without_pages_or_headings(tmp_path):
    """pypdf: no form feeds; the sections have no headings, only the numbers say where they
    start (`2.1` after `1.3`)."""
    lines, paragraphs = report(seed=2, sections=5, per_section=2, headings=False, appendix=False)
    result, _ = found(tmp_path, "\n".join(lines) + "\n")
    assert result == paragraphs


def test_a_number_followed_by_figures_opens_its_paragraph(tmp_path):
    """`3.2 1958 was also the year…`, `2.2 0.5 per cent of…`: the paragraph's text may open with
    a figure."""
    lines, paragraphs = report(seed=3, openings={"2.2": "0.5 per cent of them were ", "3.2": "1958 was "})
    result, _ = found(tmp_path, paged(lines, every=23))
    assert result == paragraphs


def test_many_paragraphs_in_a_section(tmp_path):
    """Sections of a dozen paragraphs (`1.10` after `1.9`)."""
    lines, paragraphs = report(seed=4, sections=2, per_section=12, appendix=False)
    result, _ = found(tmp_path, "\n".join(lines) + "\n")
    assert result == paragraphs


def test_a_numbered_paragraph_continues_nothing_before_it(tmp_path):
    """A block opening with a numbered paragraph continues no block before it, whatever that one
    ends with (heal_page_breaks would join it to a heading the headings pass did not find)."""
    lines, _ = report(seed=5)
    source = tmp_path / "export.txt"
    source.write_text(paged(lines), encoding="utf-8")
    state = run_passes(State(str(source), text=source.read_text()), stop_after="reflow")
    opening = [block for block in state.blocks if block.lines[0].startswith(("1.2 ", "2.1 ", "A.2 "))]
    assert len(opening) == 3
    assert all(block.continues is False for block in opening)


# -- what is no paragraph numbering --

def test_numbered_headings_stay_headings(tmp_path):
    """`2.1 Land and people`: a short line without closing punctuation, numbered as paragraphs
    are, is a heading; the paragraphs under it are not numbered."""
    rng = random.Random(6)
    lines, paragraphs, titles = [], [], []
    for section in (1, 2, 3):
        lines.append(f"{section} {TITLES[section - 1]}")
        for k in (1, 2):
            title = f"{section}.{k} {TITLES[(section + k) % len(TITLES)]}"
            titles.append(title)
            lines.append(title)
            for _ in range(2):
                text = body(rng, full=len(paragraphs) % 2 == 0)
                lines.extend(set_lines(text))
                paragraphs.append(text)
    result, headings = found(tmp_path, "\n".join(lines) + "\n")
    assert [heading.lstrip("# ") for heading in headings if "." in heading.split()[1]] == titles
    assert len(result) >= len(paragraphs) - 6  # the unnumbered ones, as the lengths find them
    assert not any(title in paragraph for title in titles for paragraph in result)


def test_a_decimal_wrapped_to_a_line_start_is_no_paragraph_start(tmp_path):
    """`…rose approx.` / `4.1 per cent…` in a numbered report: a decimal at a line's start, even
    the next number of the sequence after a line ending with a stop, opens no paragraph: no
    sentence opens in lower case."""
    lines, paragraphs = report(seed=7, appendix=False)
    wrapped = ["3.4 The harbour council found that the summer trial of the market rose approx.",
               "4.1 per cent in the village, and the region built a little bridge over the",
               "2.4 per cent of the river."]
    at = lines.index(next(line for line in lines if line.startswith("4 ")))
    lines[at:at] = wrapped
    paragraphs.insert(paragraphs.index(next(p for p in paragraphs if p.startswith("4.1 "))),
                      " ".join(wrapped))
    result, _ = found(tmp_path, "\n".join(lines) + "\n")
    assert result == paragraphs


def test_a_reference_list_s_volumes_are_no_numbering(tmp_path):
    """References whose volume and issue open a line after one ending a sentence (`Env. Geochem.`
    / `43.2 Health…`), mostly out of any order (four of eleven go on from one another by
    chance): no paragraph numbering, the entries stay whole."""
    rng = random.Random(8)
    prose = [body(rng, full=False) for _ in range(10)]
    volumes = ("4.1", "9.3", "4.2", "17.2", "6.1", "3.8", "4.3", "22.5", "11.2", "4.4", "5.6")
    entries = [f"Okafor, J. and Brennan, L. The {VOCABULARY[n]} survey of the harbour. Env. Geochem.\n"
               f"{volume} Health and Soil, pp. {volume.split('.')[0]}1–{volume.split('.')[1]}9."
               for n, volume in enumerate(volumes)]
    lines = [line for text in prose for line in set_lines(text)] + ["References"] + entries
    result, _ = found(tmp_path, "\n".join(lines) + "\n")
    for entry in entries:
        second = entry.split("\n")[1]
        assert not any(p.startswith(second) for p in result)


def test_two_numbered_lines_are_too_few_to_count(tmp_path):
    """Only two lines open with numbers in sequence (`1.1`, `1.2`): too little evidence of a
    numbering, and the length of the line before decides as elsewhere (the full line runs on)."""
    rng = random.Random(9)
    texts = [body(rng, full=False) for _ in range(8)]
    first, second = "1.1 " + body(rng, full=True), "1.2 " + body(rng, full=False)
    texts[3:3] = [first + " " + second]  # one paragraph, as far as the lengths can tell
    lines = [line for text in texts[:3] for line in set_lines(text)] + set_lines(first) + \
        set_lines(second) + [line for text in texts[4:] for line in set_lines(text)]
    result, _ = found(tmp_path, "\n".join(lines) + "\n")
    assert not any(p.startswith("1.2 ") for p in result)


def legal_text(seed: int, sections: int = 3, per_section: int = 3) -> tuple[list[str], list[str]]:
    """A legal text's sections: an unnumbered opening, then subsections numbered between
    brackets, `(1)`, `(2)`…, restarting in each section; every other one but the last ends on a
    full line (nothing but its length says where the last one ends)."""
    rng = random.Random(seed)
    lines: list[str] = []
    paragraphs: list[str] = []
    for _ in range(sections):
        texts = [body(rng, full=False)]  # the section's opening words, unnumbered
        texts += [f"({k}) " + body(rng, full=k % 2 == 1 and k < per_section)  # the last: room
                  for k in range(1, per_section + 1)]
        lines.extend(line for text in texts for line in set_lines(text))
        paragraphs.extend(texts)
    return lines, paragraphs


def test_subsections_numbered_between_brackets(tmp_path):
    """`(1) A person…`, `(2) The council…`: a numbering between brackets, restarting in each
    section, starts paragraphs as a section's does (written as the items of a list numbered
    between brackets, as Pandoc reads such a paragraph)."""
    lines, paragraphs = legal_text(seed=10)
    result, _ = found(tmp_path, paged(lines, every=19))
    assert [" ".join(p.split()) for p in result] == paragraphs
