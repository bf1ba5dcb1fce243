"""Block quotes in text exports: a quotation set apart (indented in a layout export, set to a
narrower measure in a reading-order one) after a line that introduces it with a colon is a block
quote of its own (`> `), and nothing else is: a list, a reference or a body paragraph after a
colon stays as it was."""

from __future__ import annotations

import os
import textwrap

import exports
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pressroom.markdown import canonicalise, to_ast
from pressroom.normalise.block_quotes import MIN_QUOTE_LINES
from pressroom.normalise.markdown_writer import native_body, through_pandoc
from pressroom.normalise.model import Block, Note, NOTE_CLOSE, NOTE_OPEN, State
from pressroom.normalise.source import normalise_file

# Short words keep a wrapped line close to its measure, as a justified page's lines are.
BEFORE = ("The old canal served the mills of the lower town for more than a century and the "
          "trade it bore kept the locks busy from dawn to dusk in most years. By the end of the "
          "war the boats were few and the mills had begun to send their goods by road. In the "
          "spring of that year the man who kept the top lock wrote to the board:")
QUOTE = ("The water is low and the gates leak at every seam. I have not seen a boat this "
         "month and I do not think I will see one in the next. Send a man to look at the "
         "gates or let us close them for good.")
AFTER = ("The board did not reply for six weeks. When it did, it sent a clerk and not an "
         "engineer, and his note of the visit says only that the gates were in poor repair "
         "and that the keeper was a sober man who knew his work and kept his books well.")
MORE = ("The lock was closed in the autumn and the keeper moved to the town, where he ran a "
        "shop near the mill for the rest of his life. His son kept the letters and gave them "
        "to the county in the year his own son left to work on the new road to the coast. "
        "They are the best account we have of the last years of the trade on the canal.")
LAST = ("Some of the gates are still in place, and the walk along the old tow path from the "
        "town to the top lock is one of the most used in the county, by day and by night.")
BODY_WIDTH, QUOTE_WIDTH = 74, 64
EXAMPLES = int(os.environ.get("PRESSROOM_FUZZ_EXAMPLES", "15"))


def wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """The text's lines ending by column `width`, each behind `indent`."""
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)


def reading_order(quote_width: int = QUOTE_WIDTH) -> str:
    """One page as pdftotext writes it in reading order: no blank lines, no indentation."""
    lines = (["The Canal"] + wrapped(BEFORE, BODY_WIDTH) + wrapped(QUOTE, quote_width)
             + wrapped(AFTER, BODY_WIDTH) + wrapped(MORE, BODY_WIDTH) + wrapped(LAST, BODY_WIDTH))
    return "\n".join(lines) + "\n"


def body_blocks(state) -> list:
    return to_ast(state.text)["blocks"]


def plain(node) -> str:
    """The words of a pandoc AST node."""
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return node["c"]
        if node.get("t") in ("Space", "SoftBreak"):
            return " "
        return plain(node.get("c", []))
    if isinstance(node, list):
        return "".join(plain(item) for item in node)
    return ""


def shape(state) -> list[tuple[str, str]]:
    """(kind, first words) of each block of the output."""
    out = []
    for block in body_blocks(state):
        text = plain(block["c"])
        out.append((block["t"], " ".join(text.split()[:4])))
    return out


def test_a_quote_at_a_narrower_measure_is_a_block_quote(tmp_path):
    text = reading_order()
    assert any(line.endswith("board:") for line in text.splitlines())  # the intro ends a line
    state = exports.normalise(tmp_path, text)
    assert shape(state) == [("Header", "The Canal"), ("Para", "The old canal served"), ("BlockQuote", "The water is low"),
                            ("Para", "The board did not"), ("Para", "The lock was closed"),
                            ("Para", "Some of the gates")]
    [quote] = [block for block in body_blocks(state) if block["t"] == "BlockQuote"]
    assert " ".join(plain(quote["c"]).split()) == QUOTE  # word for word, nothing lost or added
    assert "> The water is low and the gates leak at every seam." in state.text


def test_lines_of_the_body_measure_after_a_colon_are_no_quote(tmp_path):
    """The same text with the 'quote' set to the body's measure: nothing says it is one."""
    state = exports.normalise(tmp_path, reading_order(quote_width=BODY_WIDTH))
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]
    assert ">" not in state.text


def test_a_sentence_going_on_after_its_colon_is_no_quote(tmp_path):
    """Lines at a narrower measure that open in lower case go on from the colon (or are a list
    item whose marker the export printed elsewhere): no quotation opens that way."""
    lines = (["The Canal"] + wrapped(BEFORE, BODY_WIDTH) + wrapped(QUOTE[0].lower() + QUOTE[1:], QUOTE_WIDTH)
             + wrapped(AFTER, BODY_WIDTH) + wrapped(MORE, BODY_WIDTH) + wrapped(LAST, BODY_WIDTH))
    state = exports.normalise(tmp_path, "\n".join(lines) + "\n")
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]


def test_short_lines_after_a_colon_are_no_quote(tmp_path):
    """A list printed without markers fills no measure: its lines stay as they were."""
    lines = (["The Canal"] + wrapped(BEFORE, BODY_WIDTH) + ["Abbot's Lock,", "Mill Lock and",
             "the Top Lock."] + wrapped(AFTER, BODY_WIDTH) + wrapped(MORE, BODY_WIDTH)
             + wrapped(LAST, BODY_WIDTH))
    state = exports.normalise(tmp_path, "\n".join(lines) + "\n")
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]


def test_a_reference_whose_title_ends_in_a_colon_is_no_quote(tmp_path):
    """A list item's own colon (a title and its subtitle) introduces nothing."""
    lines = (["The Canal"] + wrapped(BEFORE.replace("board:", "board."), BODY_WIDTH)
             + wrapped(AFTER, BODY_WIDTH) + wrapped(MORE, BODY_WIDTH)
             + ["1. County Record Office (2019). The Canal and Its Keepers:",
                "The Letters of the Top Lock, 1919 to 1931. Second edition.",
                "Market Town: County Press."] + wrapped(LAST, BODY_WIDTH))
    state = exports.normalise(tmp_path, "\n".join(lines) + "\n")
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]


# --- a layout export: the quote indented from the page's margin ----------------------------------

def layout_page(indent: str, intro_end: str = "board:") -> str:
    lines = (wrapped(MORE, BODY_WIDTH) + wrapped(BEFORE.replace("board:", intro_end), BODY_WIDTH)
             + wrapped(QUOTE, BODY_WIDTH, indent) + [""] + wrapped(AFTER, BODY_WIDTH)
             + wrapped(LAST, BODY_WIDTH))
    return "\n".join(lines) + "\n"


def test_an_indented_quote_in_a_layout_export_is_a_block_quote(tmp_path):
    text = exports.pages("The Canal\n\n" + layout_page("    "), layout_page("    "))
    source = tmp_path / "layout.txt"
    source.write_text(text, encoding="utf-8")
    indented = [index for index, line in enumerate(text.split("\n")) if line.startswith("    ")]
    assert len(indented) >= 2 * MIN_QUOTE_LINES
    assert normalise_file(source, stop_after="quote_indents").quote_lines == set(indented)
    state = exports.normalise(tmp_path, text)
    quotes = [block for block in body_blocks(state) if block["t"] == "BlockQuote"]
    assert len(quotes) == 2
    assert all(" ".join(plain(quote["c"]).split()) == QUOTE for quote in quotes)
    assert [kind for kind, words in shape(state) if words.startswith("The old canal")] == ["Para", "Para"]


def test_indented_lines_without_an_introduction_stay_as_they_are(tmp_path):
    """A hanging indent (a note's, an item's) is no quote: no line above introduces it."""
    text = exports.pages("The Canal\n\n" + layout_page("    ", intro_end="board."),
                         layout_page("    ", intro_end="board."))
    state = exports.normalise(tmp_path, text)
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]


def test_an_indent_as_deep_as_a_column_is_no_quote(tmp_path):
    """Lines far to the right (a centred block, a second column) are no quote's indentation."""
    deep = " " * 30
    text = exports.pages("The Canal\n\n" + layout_page(deep), layout_page(deep))
    state = exports.normalise(tmp_path, text)
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]


# --- the writer: a quote block as pandoc writes it ------------------------------------------------

sentence = st.lists(st.text(alphabet="abcXYZé", min_size=1, max_size=8), min_size=1, max_size=6).map(
    lambda w: " ".join(w) + ".")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.lists(sentence, min_size=1, max_size=3)), min_size=1, max_size=4),
       st.booleans())
def test_quotes_written_natively_are_what_pandoc_writes(blocks, note):
    """Quote blocks beside paragraphs, a note called in the first: the native writer gives
    pandoc's bytes, and they read back as block quotes."""
    state = State(path="test.txt", name="test")
    state.meta = {"title": "T", "lang": "en"}
    for index, (quoted, sentences) in enumerate(blocks):
        text = " ".join(sentences)
        if note and not index:
            state.notes[1] = Note(1, "A note.", 1, 9)
            text += f"{NOTE_OPEN}1{NOTE_CLOSE}"
        block = Block([text], index + 1, index + 1)
        block.quote = quoted
        state.blocks.append(block)
    native = native_body(state)
    expected = through_pandoc(state)
    if native is not None:  # (a paragraph opening like a list item goes to pandoc: `X. …`)
        assert expected.split("---\n", 2)[2] == "\n" + native
    assert canonicalise(expected) == expected
    kinds = [block["t"] for block in to_ast(expected)["blocks"]]
    assert kinds.count("BlockQuote") == sum(quoted for quoted, _ in blocks)  # each its own


# --- a PDF read with its geometry: the quote's lines at one indent --------------------------------

def _pdf_line(text: str, x0: float, x1: float, baseline: float):
    from pressroom.readers.pdf_extract import Line, Span

    return Line(page=1, spans=[Span(text, 10.0, False, False)], x0=x0, x1=x1, baseline=baseline, size=10.0)


def _pdf_page(intro_end: str = "board:", quote_x0: float = 65.0) -> list:
    """A justified page (50–545 pt): a paragraph whose last line ends `intro_end`, four lines set
    at `quote_x0` to 530 pt, the second closing a sentence at that edge and the last short, then
    the body again."""
    lines, y = [], 100.0
    for _ in range(12):
        lines.append(_pdf_line("the works on the canal went on through the season", 50, 545, y))
        y += 12
    lines.append(_pdf_line(f"and in the spring the keeper of the top lock wrote to the {intro_end}", 50, 545, y))
    y += 16
    for text, end in [("The water is low and the gates leak at every seam and the", 530),
                      ("boats are few. I have not seen one this month, not one.", 530.2),
                      ("Send a man to look at the gates or let us close them for", 529.8),
                      ("good.", 95)]:
        lines.append(_pdf_line(text, quote_x0, end, y))
        y += 12
    y += 4
    for _ in range(10):
        lines.append(_pdf_line("the board did not reply for six weeks and then sent a clerk", 50, 545, y))
        y += 12
    return lines


def _pdf_blocks(lines):
    from pressroom.readers import pdf_layout as layout
    from pressroom.readers.pdf import _body_blocks
    from pressroom.readers.pdf_extract import Page, PdfText

    pdf = PdfText([Page(1, 595, 842, lines)], [], [])
    return _body_blocks(lines, layout.measure(pdf), lambda line: int(line.baseline), pdf)


def test_a_pdf_quote_at_one_indent_after_a_colon_is_one_quote_block():
    """The quote's second line closes a sentence short of the column's edge but at the quote's
    own: the quote goes on there, one paragraph."""
    blocks = _pdf_blocks(_pdf_page())
    quotes = [block for block in blocks if block.quote]
    assert len(quotes) == 1 and quotes[0].lines[0].startswith("The water is low")
    assert len(quotes[0].lines) == 4 and quotes[0].lines[-1] == "good."
    assert not blocks[blocks.index(quotes[0]) - 1].quote and not blocks[blocks.index(quotes[0]) + 1].quote


def test_pdf_lines_at_an_indent_without_an_introduction_are_no_quote():
    assert not [block for block in _pdf_blocks(_pdf_page(intro_end="board.")) if block.quote]


# --- a property: prose whose sentences often end in colons, wrapped at any measure ---------------

PROSE_WORDS = ("the council met in spring to review a plan for its harbour and asked for an account "
               "of every cost so far with the work that remains for next year while engineers set "
               "out their order of works and months each would take").split()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(50, 100))
@example(17793, 61)  # a line wrapped early before a long word, then a sentence's short end
@example(121, 69)
@example(190, 87)
@example(50, 100)    # a sentence ending with room to spare inside the run: a paragraph's end
def test_wrapped_prose_with_colons_holds_no_quote(tmp_path_factory, seed, width):
    """Sentences ending in colons before a capital, at line ends too, in text wrapped ragged at one
    measure: no run is set narrower than the body, so no block quote is made."""
    import random

    rng = random.Random(seed)
    paragraphs = []
    for _ in range(8):
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = [rng.choice(PROSE_WORDS) for _ in range(rng.randint(5, 22))]
            sentences.append(" ".join(words).capitalize() + rng.choice([".", ":", ":"]))
        paragraphs.append(" ".join(sentences)[:-1] + ".")
    lines = ["The Harbour"] + [line for text in paragraphs for line in wrapped(text, width)]
    state = exports.normalise(tmp_path_factory.mktemp("prose"), "\n".join(lines) + "\n")
    assert not [block for block in body_blocks(state) if block["t"] == "BlockQuote"]
