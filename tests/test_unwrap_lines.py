"""Lines of one paragraph joined again: a line cut at an em dash set closed up keeps it closed up
(`visitors—who`, `summer—often`), in a document that closes its dashes up; a document that spaces
them (`summer — often`) keeps its spaces."""

from __future__ import annotations

import pytest

import exports


CLOSED = ("The valley's sirens were tested in the spring—every one of them—and the results\n"
          "were mapped for the council. Visitors—who fill the hotels in the\n"
          "summer—often miss the phone alerts, and walkers in the side-valleys\n"
          "hear nothing at all when the wind blows from the north—\n"
          "the panel said so plainly.\n")
SPACED = ("The valley's sirens were tested in the spring — every one of them — and the\n"
          "results were mapped for the council. Visitors — who fill the hotels in\n"
          "the summer —\n"
          "often miss the phone alerts, and walkers in the side-valleys hear nothing\n"
          "at all when the wind blows from the north — the panel said so plainly.\n")


def test_a_closed_up_em_dash_cut_at_a_line_end_stays_closed_up(tmp_path):
    body = exports.body(exports.normalise(tmp_path, CLOSED, "sirens"))
    assert "Visitors—who fill the hotels in the summer—often miss" in body
    assert "from the north—the panel" in body


def test_a_spaced_em_dash_cut_at_a_line_end_keeps_its_space(tmp_path):
    body = exports.body(exports.normalise(tmp_path, SPACED, "sirens"))
    assert "in the summer — often miss" in body


def test_a_word_cut_after_two_letters_is_joined_a_compound_of_two_words_keeps_its_hyphen():
    # Without other evidence (the word printed whole, its prefix used), two words of the
    # document make a compound: `wind-` / `mill` where `wind` and `mill` stand alone. A first
    # part of two letters does not: `of` and `ten` are words, `of-` / `ten` is `often` cut.
    from collections import Counter

    from pressroom.normalise.unwrap_lines import keep_hyphen

    vocabulary = Counter({"of": 40, "ten": 2, "wind": 3, "mill": 4, "be": 9, "came": 2})
    assert keep_hyphen("wind", "mill", vocabulary)
    assert not keep_hyphen("of", "ten", vocabulary)
    assert not keep_hyphen("be", "came", vocabulary)


def test_an_em_dash_cut_at_a_line_end_in_a_document_with_no_other_dash_stays_closed_up(tmp_path):
    # No dash within a line says how the document sets them: the dash glued to its word on its
    # side of the break (`directly` / `—on`, `directly—` / `on`) is set closed up.
    for cut in ("directly\n—on", "directly—\non"):
        text = ("Most of the lead that gardeners eat comes from soil clinging to vegetables, and\n"
                f"from soil swallowed {cut} unwashed hands, or by small children playing on\n"
                "the plot. Washing and peeling remove most of it.\n")
        body = exports.body(exports.normalise(tmp_path, text, "soil"))
        assert "swallowed directly—on unwashed" in body, cut


def test_an_em_dash_cut_at_a_line_end_in_a_document_spacing_its_dashes_keeps_a_space(tmp_path):
    # The negative case: one dash within a line spaced, the cut one glued to its word: the
    # document's own setting decides (spaced), as for the lines above.
    text = ("Most of the lead that gardeners eat comes from soil — on vegetables — and from\n"
            "soil swallowed directly\n—on unwashed hands, or by small children playing on\n"
            "the plot. Washing and peeling remove most of it.\n")
    body = exports.body(exports.normalise(tmp_path, text, "soil"))
    assert "swallowed directly —on unwashed" in body


# `every-` / `one` where the document prints `twenty-one` and `every`: a compound's part, read
# alone; the title printing `Everyone` says it is one word.
EVERYONE = ("Coverage\n\nA siren that can be heard reaches every-\none within range, twenty-one "
            "sirens in all, and every\nvalley has its own, whatever the weather is doing.\n")


def test_a_word_the_title_prints_whole_is_joined_where_a_line_cuts_it(tmp_path):
    # The title (a title page, or the metadata's) is taken out of the text before the lines are
    # joined; its words are still the document's (corpus flood-sirens: `every-one`).
    (tmp_path / "sirens.yaml").write_text('title: "Can Everyone Hear the Siren?"\n', encoding="utf-8")
    body = exports.body(exports.normalise(tmp_path, EVERYONE, "sirens"))
    assert "reaches everyone within range" in body


def test_a_word_no_title_prints_whole_keeps_the_hyphen_its_compounds_vote_for(tmp_path):
    # The negative case: no title printing the word whole, the document's compounds decide.
    (tmp_path / "sirens.yaml").write_text('title: "Can the Siren Be Heard?"\n', encoding="utf-8")
    body = exports.body(exports.normalise(tmp_path, EVERYONE, "sirens"))
    assert "reaches every-one within range" in body


# A web address cut at a line-end hyphen: the address's own hyphen (a host name's, a slug's)
# stays; a hyphenation's is joined (corpus rural-pharmacies groff: `example-` / `hb.nhs.uk`
# read `examplehb.nhs.uk`; seed-bank `seed-` / `longevity`).
ADDRESS = ("Sources\n\nThe board published its assessment of pharmacy need in the spring, and\n"
           "the figures on longevity used here come from it, available at https://www.{first}-\n"
           "{second}/pna-2022 (accessed 14 October 2024), with the tables in full.\n")


@pytest.mark.parametrize("first, second, joined", [
    ("example", "hb.nhs.uk", False),          # no vowel after the cut: no syllable
    ("kew.org/projects/seed", "longevity", False),  # a word of the document after a word
    ("skerrowhis", "tory.org", True),          # a syllable: the word cut
    ("gov.uk/govern", "ment", True),           # a suffix
    ("fao.org/de", "tail", True),              # a bare syllable before the cut
])
def test_a_hyphen_ending_a_line_inside_a_web_address(tmp_path, first, second, joined):
    body = exports.body(exports.normalise(tmp_path, ADDRESS.format(first=first, second=second), "board"))
    whole = f"https://www.{first}{second}/pna-2022" if joined else f"https://www.{first}-{second}/pna-2022"
    assert whole in body, body


def test_a_line_going_on_with_a_web_address_cut_after_a_dot_stays_in_its_note(tmp_path):
    """typst breaks an address anywhere, after a dot too (`…/www.example-assembly.` /
    `gov.uk/…`): the line after goes on with the address in its note, not as the page's text."""
    page = ("Closures\n\nThe network lost pharmacies in every year after the contract changed, most\n"
            "of them in rural areas where the next one is far away.1 The chair wrote to the\n"
            "committee about it in the spring.2\n"
            "1 Community Pharmacy Regional Committee (2023), p. 3.\n"
            "2 Letter from the negotiating body to the Committee Chair, available at https://www.example-assembly.\n"
            "gov.uk/committees/health/evidence/{topic}.pdf.\n")
    topics = ("Closures", "Openings", "Access")
    state = exports.normalise(tmp_path, "\f".join(page.replace("Closures", topic).format(topic=topic.lower())
                                                  for topic in topics), "network")
    notes = [note.text for note in state.notes.values()]
    for topic in topics:
        address = f"https://www.example-assembly.gov.uk/committees/health/evidence/{topic.lower()}.pdf."
        assert any(text.endswith(address) for text in notes), notes
    assert "\ngov.uk" not in exports.body(state)
