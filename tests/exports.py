"""Normalising a small text export written by a test: the normaliser's state, with its
accounting balanced (nothing lost, nothing invented), and the Markdown body below the metadata."""

from __future__ import annotations

from pressroom.normalise.source import normalise_file


def normalise(tmp_path, text: str, name: str = "export"):
    """`text` written as NAME.txt (its name is the title a document without one is given)."""
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    state = normalise_file(source)
    assert state.accounting["balanced"], state.accounting
    return state


def body(state) -> str:
    return state.text.split("\n---\n", 1)[1].strip()


# The opening of a page's text and the text after a construct, shared by the tests that build
# small paged exports around a table or a list.
OPENING = ("The council met in the spring to review the harbour project and\n"
           "its many costs. Members asked for a full account of the work done\n"
           "so far, and for a plan of what remains to be done next year. The\n")
MORE = ("The engineers then set out the works in the order they proposed\n"
        "to carry them out, with the cost of each and the months it would\n"
        "take, so that the council could compare them with the budget.\n")


def pages(*texts: str) -> str:
    """An export's pages, parted by form feeds as pdftotext parts them."""
    return "\f".join(texts)


def page_among_prose(page: str, wrapped: str) -> str:
    """A three-page export whose first page is `page`; the other two are wrapped prose (`wrapped`,
    `MORE`), which gives the document its measure and its pages."""
    return pages(page, wrapped + MORE, MORE + wrapped)


def assert_lines_kept(text: str, state) -> None:
    """A column pass's output against its export `text`: every line keeps the number of the
    source line it came from, and the same lines come out, none lost, none added (reordered)."""
    source = text.split("\n")
    assert state.line_numbers is not None
    lines = state.text.split("\n")
    assert len(lines) == len(state.line_numbers)
    for line, number in zip(lines, state.line_numbers):
        if line.strip("\f"):
            assert source[number - 1].strip("\f") == line.strip("\f")
    assert sorted(l.strip("\f") for l in lines if l.strip("\f")) == \
        sorted(l.strip("\f") for l in source if l.strip("\f"))
