"""Lines of one paragraph joined again: a line cut at an em dash set closed up keeps it closed up
(`visitors—who`, `summer—often`), in a document that closes its dashes up; a document that spaces
them (`summer — often`) keeps its spaces."""

from __future__ import annotations

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
