"""Paragraph ends in hard-wrapped reading-order exports without blank lines (reflow): a line
that ends a sentence ends its paragraph when the next line's first word would have fitted on it,
measured in the document's own letters; a line the extractor shows stretched never does."""

from __future__ import annotations

import random
import sys

import pytest

import exports

# Widths of letters in a proportional face, in average letters: a line of narrow letters holds
# more of them than a line of wide ones, as in print.
NARROW, WIDE = set("fijlrt.,;:'"), set("mwMW")
SPACE = 0.5
MEASURE = 62  # the printed line, in average letters

# Words with many narrow letters and words with wide ones, so that the letters on a full line vary.
VOCABULARY = ("little still filled fit lift till trial list style title rift built split "
              "museum women whom swimming summer common moment window meadow mammoth "
              "harbour river garden council market village season harvest bridge region").split()


def printed(text: str) -> float:
    return sum(SPACE if c == " " else 0.55 if c in NARROW else 1.5 if c in WIDE
               else 1.3 if c.isupper() else 1.0 for c in text)


def sentence(rng: random.Random) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(7, 14)))
    return text[0].upper() + text[1:] + "."


def set_lines(text: str) -> list[str]:
    """Greedy line breaking by printed width, as a typesetter breaks a ragged or justified line."""
    lines, line = [], ""
    for word in text.split():
        if line and printed(f"{line} {word}") > MEASURE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def paragraphs(seed: int, count: int = 24) -> list[str]:
    """Paragraphs whose last line had room in print for any word opening the next one (else the
    break is not there to see): the typesetter's own evidence of a paragraph end."""
    rng = random.Random(seed)
    widest = max(printed(" " + word.capitalize()) for word in VOCABULARY)
    out: list[str] = []
    while len(out) < count:
        text = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        if printed(set_lines(text)[-1]) + widest <= MEASURE:
            out.append(text)
    return out


def export(texts: list[str]) -> str:
    return "\n".join(line for text in texts for line in set_lines(text)) + "\n"


def found(tmp_path, text: str) -> list[str]:
    state = exports.normalise(tmp_path, text)
    return [block.replace("\n", " ") for block in exports.body(state).split("\n\n")]


def test_a_last_line_full_of_narrow_letters_ends_its_paragraph(tmp_path):
    """Lines of narrow letters hold more letters than a typical full line; a paragraph's last
    line of them may count as many letters as a full line and still have had room."""
    texts = paragraphs(seed=3)
    lines = export(texts).splitlines()
    lengths = sorted(len(line) for line in lines)
    # the premise: some paragraph's last line is longer in letters than a fifth of the lines
    last_lines = [set_lines(text)[-1] for text in texts[:-1]]
    assert any(len(line) > lengths[len(lengths) // 5] for line in last_lines)
    assert found(tmp_path, export(texts)) == texts


def test_a_note_call_after_the_full_stop_is_no_letter_of_the_line(tmp_path):
    """`…in 1998.1`: the call is printed as a small superscript; the line had room as without it."""
    texts = paragraphs(seed=5, count=18)
    with_calls = [text + (str(n // 2 + 1) if n % 2 else "") for n, text in enumerate(texts)]
    notes = ["Notes"] + [f"{n} The council minutes of the year, page {n * 7}." for n in range(1, 10)]
    state = exports.normalise(tmp_path, export(with_calls) + "\n".join(notes) + "\n")
    result = [block.replace("\n", " ") for block in exports.body(state).split("\n\n")
              if not block.startswith("[^")]  # the definitions, placed after their paragraphs
    assert [" ".join(block.split()[:3]) for block in result] == [
        " ".join(text.split()[:3]) for text in texts]
    assert len(state.notes) == 9


def test_a_line_with_stretched_word_spaces_runs_on(tmp_path):
    """pdfminer and pypdf show a justified line's widened spaces as runs of spaces: such a line
    was stretched to the measure, so it is no paragraph's last line even when it ends a sentence
    with few letters on it (a loose line: the long word after it was carried over)."""
    texts = paragraphs(seed=7, count=12)
    loose = ["The harbour was filled with little boats in the summer, and the",
             "title  was  still  common.",
             "Afterwards the council built a bridge over the river."]
    lines = export(texts[:6]).splitlines() + loose + export(texts[6:]).splitlines()
    result = found(tmp_path, "\n".join(lines) + "\n")
    assert " ".join(" ".join(loose).split()) in result
    assert len(result) == len(texts) + 1


def test_the_word_space_kept_at_a_break_marks_the_lines_that_run_on(tmp_path):
    """pypdf, pypdfium2 and pdfminer write a typst PDF's line with the word space it was broken
    at: every line that runs on ends with a space, a paragraph's last line has none. The mark
    decides where the length cannot: a paragraph whose last line is full ends there, and a short
    line ending a sentence with the space after it runs on."""
    rng = random.Random(11)
    texts = paragraphs(seed=11, count=16)
    while True:  # a paragraph whose last line is as full as a wrapped one
        full = " ".join(sentence(rng) for _ in range(3))
        last = set_lines(full)[-1]
        if printed(last) > MEASURE - 4 and len(last) > 50:
            break
    texts.insert(8, full)
    lines = [line + (" " if n < len(set_lines(text)) - 1 else "")
             for text in texts for n, line in enumerate(set_lines(text))]
    short = lines.index(set_lines(texts[3])[0] + " ")
    lines[short:short] = ["The harbour was still common. "]  # a loose line that runs on
    result = found(tmp_path, "\n".join(lines) + "\n")
    texts[3] = "The harbour was still common. " + texts[3]
    assert result == texts


def test_list_items_whose_markers_the_export_lost_end_at_their_clause(tmp_path):
    """pypdfium2 does not write the markers WeasyPrint draws for a list's items: the items are
    lines opening in lower case, each closing its clause with `;`. A line ending a clause with
    room to spare for the next word ends its item, as a sentence's end does a paragraph, and the
    text after it does not go on that item (however it opens)."""
    texts = paragraphs(seed=13, count=10)
    items = ["The council took four steps in the summer:",
             "mark the little trial plots on the village map;",
             "take the samples from every garden, avoiding the paths, the mill walls and the "
             "raised beds;",
             "dry and sieve the samples;",
             "weigh them in the council laboratory."]
    widest = max(printed(" " + word) for word in VOCABULARY)
    assert all(printed(set_lines(item)[-1]) + widest <= MEASURE for item in items)  # the premise
    assert len(set_lines(items[2])) > 1
    texts[5:5] = items
    assert found(tmp_path, export(texts)) == texts


def test_a_clause_ending_a_full_line_runs_on(tmp_path):
    """A line that ends a clause with no room left for the next word was wrapped: the sentence
    goes on after the `;`."""
    texts = paragraphs(seed=17, count=10)
    lengths = sorted(len(line) for line in export(texts).splitlines())
    for seed in range(500):  # a sentence whose first line is full and ends at its `;`
        rng = random.Random(seed)
        text = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 12)))
        text = f"{text.capitalize()}; {sentence(rng)[:-1].lower()}."
        first = set_lines(text)[0]
        if (first.endswith(";") and len(first) >= lengths[len(lengths) // 2]
                and len(set_lines(text)[-1]) < lengths[len(lengths) // 10]):
            break
    else:
        raise AssertionError("no sentence found for the premise")
    texts.insert(4, text)
    assert found(tmp_path, export(texts)) == texts


def test_a_blank_line_the_export_left_out_is_found_by_a_short_line(tmp_path):
    """In an export whose blank lines mark the paragraphs (pdftotext's), a block may hold two
    paragraphs when the extractor left one out: the first one's last line ends a sentence well
    short of the measure. A sentence ending nearer the measure stays inside its block (the
    evidence is weak where lengths are all the document says)."""
    texts = paragraphs(seed=19, count=12)
    lengths = sorted(len(line) for line in export(texts).splitlines())
    short = next(n for n, text in enumerate(texts[:-1])
                 if len(set_lines(text)[-1]) < 0.5 * lengths[len(lengths) // 2])
    blocks = ["\n".join(set_lines(text)) for text in texts]
    blocks[short:short + 2] = [blocks[short] + "\n" + blocks[short + 1]]  # the blank line left out
    assert found(tmp_path, "\n\n".join(blocks) + "\n") == texts


def test_a_sentence_ending_near_the_measure_inside_a_blank_line_paragraph_runs_on(tmp_path):
    texts = paragraphs(seed=23, count=12)
    lengths = sorted(len(line) for line in export(texts).splitlines())
    rng = random.Random(23)
    for _ in range(500):  # a paragraph with a sentence ending on a line nearly full in letters
        text = " ".join(sentence(rng) for _ in range(3))
        lines = set_lines(text)
        if any(line.endswith(".") and lengths[len(lengths) // 2] * 0.8 < len(line) < lengths[len(lengths) // 2]
               for line in lines[:-1]):
            break
    else:
        raise AssertionError("no paragraph found for the premise")
    texts[4] = text
    blocks = ["\n".join(set_lines(text)) for text in texts]
    assert found(tmp_path, "\n\n".join(blocks) + "\n") == texts


# Headings of a sectioned report: short lines opening with a capital and closing with no stop.
HEADINGS = ["The harbour and the river", "Village gardens", "Summer trials", "The council market",
            "Common meadows", "Bridge and mill", "Season of harvest", "Windows of the museum"]


def sections(seed: int, twice: set[int]) -> tuple[list[str], list[list[str]]]:
    """Each heading with one paragraph, or two for the sections numbered in `twice`."""
    texts = paragraphs(seed, count=len(HEADINGS) + len(twice))
    it = iter(texts)
    return texts, [[next(it)] + ([next(it)] if n in twice else []) for n in range(len(HEADINGS))]


def _text_blocks(result: list[str]) -> list[str]:
    return [block for block in result if block.lstrip("# ") not in HEADINGS]


@pytest.mark.parametrize("seed, twice", [(29, {1, 4, 6}), (41, {1, 4, 6}), (46, {0, 3, 5}), (47, {1, 4, 6})])
def test_paragraphs_run_together_where_blank_lines_stand_before_headings_only(tmp_path, seed, twice):
    """pdftotext -layout of a page whose paragraphs have no space between them writes a blank line
    before each heading only, the heading runs into its text, and the paragraphs run together.
    Sections of one or two paragraphs hold fewer ends than blocks; no blank line ever parts two
    paragraphs, so the lengths decide where the paragraphs end."""
    texts, parts = sections(seed, twice)
    export_text = "\n\n".join(heading + "\n" + export(part).rstrip("\n")
                              for heading, part in zip(HEADINGS, parts)) + "\n"
    assert _text_blocks(found(tmp_path, export_text)) == texts


WIDE_WORDS = "Mammoth women whom museum welcomed swimming summer windows meadow moment common".split()


def wide_lines(seed: int, count: int, letters: int) -> list[str]:
    """Sentences that fill a printed line with wide letters (the next word `Its` did not fit)
    and hold fewer than `letters` letters: in letters they look as if they ended with room."""
    rng, out = random.Random(seed), []
    while len(out) < count:
        text = " ".join(rng.choice(WIDE_WORDS) for _ in range(rng.randint(6, 10))).capitalize() + "."
        if printed(text + " Its") > MEASURE >= printed(text) and len(text) < letters and text not in out:
            out.append(text)
    return out


def test_paragraphs_parted_by_blank_lines_stay_whole_beside_headings_run_into_them(tmp_path):
    """The blank-line style with its headings run into their first paragraph (pdftotext -layout of
    a page with space between paragraphs): each block is one paragraph, however many lines in it
    end a sentence short in letters (full in print: wide letters). Blank lines part paragraphs
    often, so those lines are no evidence that the paragraphs run together."""
    texts, parts = sections(seed=31, twice=set(range(len(HEADINGS))))
    running_on = sorted(len(line) + 1 + len(following.split()[0])
                        for text in texts for line, following in zip(set_lines(text), set_lines(text)[1:]))
    blocks = [["\n".join(set_lines(text)) for text in part] for part in parts]
    for n, wide in enumerate(wide_lines(31, 4, running_on[len(running_on) // 10] - len(" Its"))):
        rest = "Its " + parts[2 * n][0][0].lower() + parts[2 * n][0][1:]
        parts[2 * n][0] = f"{wide} {rest}"
        blocks[2 * n][0] = "\n".join([wide, *set_lines(rest)])  # the wide sentence fills a line
    export_text = "\n\n".join(heading + "\n" + "\n\n".join(part)
                               for heading, part in zip(HEADINGS, blocks)) + "\n"
    assert _text_blocks(found(tmp_path, export_text)) == [text for part in parts for text in part]


# Words pypdfium2 may have rejoined at a line-end hyphen, at a break no vocabulary reads as a
# compound's (`har` and `bour` are no words).
SYLLABLES = {"harbour": "har", "council": "coun", "village": "vil", "museum": "mu", "meadow": "mea",
             "mammoth": "mam", "summer": "sum", "window": "win", "harvest": "har", "region": "re"}


@pytest.mark.parametrize("seed", [3, 47])
def test_a_line_joined_at_a_hyphen_ends_its_paragraph_by_its_last_printed_line(tmp_path, seed):
    """pypdfium2 joins a printed line ending in a hyphen to the next one, U+FFFE between the
    word's halves: the line holds two printed lines, and where it ends a paragraph, the room left
    is the room its last printed line (the text after the join) left, however long the whole."""
    texts = paragraphs(seed, count=24)
    lines: list[str] = []
    joined = 0
    for text in texts:
        printed_lines = set_lines(text)
        *words, last_word = printed_lines[-2].split() if len(printed_lines) > 1 else [""]
        if last_word in SYLLABLES and len(printed_lines[-1]) < 0.4 * MEASURE:
            half = SYLLABLES[last_word]
            rejoined = " ".join(words + [half]) + "\ufffe" + last_word[len(half):] + " " + printed_lines[-1]
            printed_lines[-2:] = [rejoined]
            joined += 1
        lines.extend(printed_lines)
    assert joined  # the premise: some paragraph ends on a joined line
    assert found(tmp_path, "\n".join(lines) + "\n") == texts


def test_a_joined_line_the_export_broke_inside_a_printed_line_runs_on(tmp_path):
    """pypdfium2 also breaks a printed line after a raised note call: the text after the join
    (`bour was filled in the summer.`) and the next line (`Women whom…`) were one printed line, as
    the next line, short of a full line by most of the other, shows. The sentence's end there is
    no paragraph's end, though the text after the join is short."""
    texts = paragraphs(seed=3, count=24)
    lines = export(texts).splitlines()
    first = lines.index(set_lines(texts[6])[0])
    inside = ["The council market filled the little village meadow in the har\ufffebour was filled "
              "in the summer.",
              "Women whom the village council",
              "welcomed built a bridge over the river."]
    lines[first:first] = inside
    texts.insert(6, "The council market filled the little village meadow in the harbour was filled in "
                    "the summer. Women whom the village council welcomed built a bridge over the river.")
    assert found(tmp_path, "\n".join(lines) + "\n") == texts


# pdftotext (without -layout) writes a printed line ending in a hyphen and the next printed line
# as one line: a line holding two or three printed lines, a full one or two and what followed.
# Its printed lines are justified to a wide measure in words of ordinary letters, so that their
# lengths in letters differ by a few only, as a typeset page's do.
WIDE_MEASURE = 100  # in average letters, as groff's body text has it
JOINED_LINE_SHARE = 1.5  # reflow's: a line this much longer than a full one holds two
MIN_TOLD_SHARE = 0.25  # a last printed line this share of the measure is told from a full one
ORDINARY_WORDS = ("harbour garden market season bridge region harvest council village meadow "
                  "river window common summer museum moment").split()


@pytest.fixture
def wide_page(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "MEASURE", WIDE_MEASURE)
    monkeypatch.setattr(sys.modules[__name__], "VOCABULARY", ORDINARY_WORDS)


def _joined_export(texts: list[str], every: int) -> tuple[list[str], int]:
    """The lines as pdftotext writes them where every `every`-th paragraph's last two printed
    lines (and every other paragraph's first two, where it has three or more left) were parted
    at a hyphen: joined. Not where the last printed line is a word or two: that is within the printed
    lines' own spread of lengths (left to tell: the fence's margin)."""
    lines: list[str] = []
    joined = 0
    for number, text in enumerate(texts):
        printed_lines = set_lines(text)
        if (number % every == 0 and len(printed_lines) > 1
                and len(printed_lines[-1]) > MIN_TOLD_SHARE * WIDE_MEASURE):
            printed_lines[-2:] = [" ".join(printed_lines[-2:])]
            joined += 1
        if number % 2 and len(printed_lines) > 2:  # a line inside: most hyphens end no paragraph
            printed_lines[:2] = [" ".join(printed_lines[:2])]
        lines.extend(printed_lines)
    return lines, joined


@pytest.mark.parametrize("seed", [2, 7, 15])
def test_a_line_pdftotext_joined_ends_its_paragraph_by_its_last_printed_line(tmp_path, wide_page,
                                                                              seed):
    """A joined line is longer than any printed line by more than printed lines differ among
    themselves (the document's own spread of full lines' lengths): it ends its paragraph when its
    last printed line, what is left after the full ones, had room for the next word, though the
    whole is shorter than a full line and a half."""
    texts = paragraphs(seed, count=40)
    (tmp_path / "whole").mkdir()
    assert found(tmp_path / "whole", export(texts)) == texts  # the premise: no line joined
    lines, joined = _joined_export(texts, every=3)
    assert joined > 5
    assert found(tmp_path, "\n".join(lines) + "\n") == texts


def test_a_joined_line_whose_last_printed_line_is_full_runs_on(tmp_path, wide_page):
    """The negative: a joined line ending a sentence whose last printed line is full (no room for
    the next word) runs on into the next line."""
    texts = paragraphs(2, count=40)
    lines, _ = _joined_export(texts, every=3)
    typical = sorted(map(len, lines))[len(lines) // 2]
    # a paragraph whose inner printed line, full, ends a sentence; its first two lines joined
    number = next(number for number, text in enumerate(texts) if number % 3
                  and (inner := set_lines(text)[1:-1]) and inner[0].endswith(".")
                  and len(inner[0]) >= typical)
    printed_lines = set_lines(texts[number])
    start = next(index for index, line in enumerate(lines) if line.startswith(printed_lines[0]))
    lines[start:start + 2] = [" ".join(printed_lines[:2])]
    assert len(lines[start]) > JOINED_LINE_SHARE * typical  # the premise: a line evidently joined
    assert found(tmp_path, "\n".join(lines) + "\n") == texts


def test_an_export_that_keeps_its_line_end_hyphens_joined_no_line(tmp_path, wide_page):
    """pdftotext -layout, pypdf and pdfminer keep the hyphen a printed line was broken at: a line
    there longer than the printed lines (a side note or a second column printed beside it) holds
    no printed lines joined, and a sentence ending it ends no paragraph by the length of its end."""
    texts = paragraphs(1, count=40)
    beside = "   Harbour garden market season bridge"
    lines: list[str] = []
    besides = 0
    for number, text in enumerate(texts):
        printed_lines = set_lines(text)
        for i in range(0, len(printed_lines) - 1, 3):  # a line in three broken at a hyphen
            word = printed_lines[i + 1].split()[0]
            if word[0].islower():
                printed_lines[i] += f" {word[:3]}-"
                printed_lines[i + 1] = printed_lines[i + 1][3:]
        if number % 3 == 0 and len(printed_lines) > 2:  # the other column's line beside it
            printed_lines[0] += beside + ("." if number % 2 else "")  # (a sentence ends there)
            besides += 1
        lines.extend(printed_lines)
    assert besides > 5  # the premise: long lines enough to look joined
    result = found(tmp_path, "\n".join(lines) + "\n")
    assert sum(beside.strip() in block and not block.startswith(beside.strip())
               and not block.endswith(beside.strip() + ".") for block in result) == besides
