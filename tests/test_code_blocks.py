"""Code in a report's technical note (issue 11): a run of command lines is a code block of its
own, its lines kept as lines; inline code an engine set with padding loses the padding's spaces.
Each case is the shape an extractor gives, small enough to read here."""

from __future__ import annotations

import pytest

from exports import body, normalise

INTRO = ("The conversion of the network for the route planner is done in three steps, and each\n"
         "of them is described below so that the steps can be repeated when the network changes.\n")
STEP = "2. Convert it with the script supplied by the vendor, giving our own names and units:\n"
COMMAND = ["$ vroute-convert network.csv \\", "--out network.gpkg \\", "--priority-map P1=1,P2=2 \\",
           "--width-scale 0.001"]
OUTPUT = "converted 8,214 links, 0 rejected"
AFTER = ("The check lists every link of the present routes that the converted network does not\n"
         "hold, and every link whose length differs by more than one per cent from the old one.\n")


def fenced(state) -> list[list[str]]:
    """The code blocks of the output, each its lines."""
    blocks, current = [], None
    for line in body(state).splitlines():
        if current is None and line.startswith("    $ "):
            current = [line[4:]]
        elif current is not None and line.startswith("    "):
            current.append(line[4:])
        elif current is not None:
            blocks.append(current)
            current = None
    return blocks + ([current] if current else [])


@pytest.mark.parametrize("shape", ["one block", "blank lines", "next line a capital"])
def test_a_run_of_command_lines_is_a_code_block(tmp_path, shape):
    if shape == "one block":  # pdftotext: the item, the command and its output one block
        text = INTRO + "\n" + STEP + "\n".join(COMMAND) + "\n" + OUTPUT + "\n\n" + AFTER
    elif shape == "blank lines":  # pdfminer: a blank line after every line
        text = INTRO + "\n" + STEP + "\n" + "\n\n".join(COMMAND) + "\n\n" + OUTPUT + "\n\n" + AFTER
    else:  # pypdf: no blank line at all, the text goes on with a capital
        text = INTRO + STEP + "\n".join(COMMAND) + "\n" + OUTPUT + "\n" + AFTER
    state = normalise(tmp_path, text)
    assert fenced(state) == [[*COMMAND, OUTPUT]]
    assert "—" not in body(state)  # an option's dashes are no dash
    assert "units:" in body(state) and "units: $" not in body(state)
    assert "code-block" in {d.code for d in state.diagnostics.items}


@pytest.mark.parametrize("below", ["which writes the file in place.\n\n",
                                   "and the file it writes is checked by hand every\nMonday morning.\n\n"])
def test_a_sentence_below_a_command_is_not_its_output(tmp_path, below):
    # A lower-case line ending a sentence, or wrapped after a word that joins, is the text's,
    # not what the command printed.
    text = INTRO + "\n" + STEP + "\n".join(COMMAND) + "\n" + below + AFTER
    state = normalise(tmp_path, text)
    assert fenced(state) == [COMMAND]
    assert below.split()[0] + " " + below.split()[1] in body(state)


@pytest.mark.parametrize("line", ["$ 5 million was spent on the works in the first year of the plan.",
                                  "$ make"])
def test_a_dollar_opening_a_line_with_no_command_shape_is_text(tmp_path, line):
    text = INTRO + line + "\n\n" + AFTER
    state = normalise(tmp_path, text)
    assert not fenced(state)
    assert "code-block" not in {d.code for d in state.diagnostics.items}


PADDED = ("The priority is held as a letter ( P1 , P2 , P3 ) and the width in millimetres, as the\n"
          "export network_2024-11.csv , which the asset system writes every night, shows it.\n")


def test_the_padding_beside_inline_code_goes(tmp_path):
    state = normalise(tmp_path, INTRO + "\n" + PADDED)
    assert "(P1, P2, P3)" in body(state) and "network_2024-11.csv," in body(state)
    assert "code-padding" in {d.code for d in state.diagnostics.items}


def test_a_document_spacing_its_punctuation_everywhere_is_left_alone(tmp_path):
    # Negative: a space before a comma beside a word too: the extractor's habit, not padding.
    spaced = PADDED + "\nThe council , which met in May , agreed the plan for the year.\n"
    state = normalise(tmp_path, INTRO + "\n" + spaced)
    assert "( P1 , P2 , P3 )" in body(state)
    assert "code-padding" not in {d.code for d in state.diagnostics.items}


def test_no_padding_is_read_inside_a_url(tmp_path):
    text = INTRO + "\nThe data ( see https://example.org/a_b ) is held in P1 , as agreed.\n"
    state = normalise(tmp_path, text)
    assert "https://example.org/a_b" in body(state)
    assert "( see" in body(state)  # a word after the bracket: no code, the space stays
