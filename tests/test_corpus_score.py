"""The corpus scorer: each kind of damage lowers exactly the component (or invariant) it should."""

from __future__ import annotations

import pytest

from pressroom.corpus.score import COMPONENTS, WEIGHTS, score

TRUTH = """\
---
title: Managing the Basin
subtitle: A Review, 2010–2024
author: The Partnership
---

# 1. Introduction

The basin drains 1,240 square kilometres of upland pasture.[^1]
It feeds three towns.

A second paragraph follows here, with a citation [4] and the year 2015.[^2]

## 1.1 Scope

> A quoted paragraph from a resident.

3. Convert the licences.
4. Build the store.

| Use | Volume |
|---|---|
| Supply | 31.5 |

[^1]: The area excludes the tidal reach.

[^2]: Published in 2015 and revised in 2019.
"""


def lowered(result) -> set[str]:
    return {name for name, value in result.components().items() if value < 100}


def test_identical_scores_100_everywhere():
    result = score(TRUTH, TRUTH, None)
    assert result.components() == {name: 100.0 for name in COMPONENTS}
    assert result.total == 100.0
    assert result.counts["numbers_changed"] == result.counts["notes_invented"] == 0
    assert result.counts["furniture_body_words"] == 0


def test_markdown_spelling_does_not_matter():
    # Same document, other Markdown: reference notes inline, one line per paragraph, `*` lists.
    other = TRUTH.replace("pasture.[^1]\nIt feeds", "pasture.^[The area excludes the tidal reach.] It feeds")
    other = other.replace("[^1]: The area excludes the tidal reach.\n", "")
    assert score(TRUTH, other, None).total == 100.0


def test_dropped_note_lowers_notes_and_words_only():
    output = TRUTH.replace("2015.[^2]", "2015.").replace("[^2]: Published in 2015 and revised in 2019.\n", "")
    result = score(TRUTH, output, None)
    assert lowered(result) == {"notes", "words"}
    assert result.notes == 50.0  # one of two notes found, its call at the right word
    assert result.counts["words_lost"] == 7 and result.counts["words_invented"] == 0


def test_merged_paragraph_lowers_paragraphs_only():
    output = TRUTH.replace("It feeds three towns.\n\nA second", "It feeds three towns.\nA second")
    result = score(TRUTH, output, None)
    assert lowered(result) == {"paragraphs"}
    assert result.counts["paragraphs_found"] == result.counts["truth_paragraphs"] - 2


def test_split_paragraph_lowers_paragraphs_only():
    output = TRUTH.replace("pasture.[^1]\nIt feeds", "pasture.[^1]\n\nIt feeds")
    assert lowered(score(TRUTH, output, None)) == {"paragraphs"}


def test_missing_heading_lowers_headings_only():
    output = TRUTH.replace("## 1.1 Scope", "1.1 Scope")
    result = score(TRUTH, output, None)
    assert lowered(result) == {"headings"}
    assert result.headings == 50.0


def test_wrong_level_heading_costs_half_a_heading():
    result = score(TRUTH, TRUTH.replace("## 1.1 Scope", "# 1.1 Scope"), None)
    assert lowered(result) == {"headings"}
    assert result.headings == 75.0


def test_extra_heading_costs():
    output = TRUTH.replace("It feeds three towns.\n", "It feeds three towns.\n\n## Towns\n")
    result = score(TRUTH, output, None)
    assert lowered(result) == {"headings", "words"}  # its word "Towns" is invented
    assert result.headings == pytest.approx(100 * 2 / 3, abs=0.01)


def test_changed_list_number_is_an_invariant_not_a_word():
    result = score(TRUTH, TRUTH.replace("3. Convert", "2. Convert").replace("4. Build", "3. Build"), None)
    assert lowered(result) == set()
    assert result.counts["numbers_changed"] == 2


def test_changed_number_in_text_costs_words_paragraph_and_invariant():
    result = score(TRUTH, TRUTH.replace("1,240", "1,420"), None)
    assert lowered(result) == {"words", "paragraphs"}
    assert result.counts["numbers_changed"] == 1
    assert result.examples["numbers_changed"] == ["1,240 → 1,420"]


def test_wrapped_number_taken_for_a_list_changes_a_number():
    truth = "---\ntitle: T\n---\n\nSee pages 291–300. ACM Press.\n"
    output = "---\ntitle: T\n---\n\nSee pages 291–\n\n300. ACM Press.\n"
    assert score(truth, output, None).counts["numbers_changed"] == 1


def test_invented_note_lowers_notes_and_counts():
    output = TRUTH.replace("It feeds three towns.", "It feeds three towns.[^9]") + \
        "\n[^9]: Smith, J. A history of something else entirely.\n"
    result = score(TRUTH, output, None)
    assert lowered(result) == {"notes", "words"}
    assert result.counts["notes_invented"] == 1
    assert result.notes == pytest.approx(100 * 2 / 3, abs=0.01)


def test_damaged_note_is_not_counted_as_invented():
    output = TRUTH.replace("Published in 2015 and revised in 2019.", "Published in 2015 and revised in")
    result = score(TRUTH, output, None)
    assert result.counts["notes_invented"] == 0
    assert result.counts["notes_unmatched_output"] == 1
    assert lowered(result) == {"notes", "words"}


def test_call_after_the_wrong_word_costs_half_a_note():
    output = TRUTH.replace("pasture.[^1]\nIt feeds three towns.", "pasture.\nIt feeds three towns.[^1]")
    result = score(TRUTH, output, None)
    assert lowered(result) == {"notes"}
    assert result.notes == 75.0
    assert result.counts["notes_call_right"] == 1


def test_missing_subtitle_lowers_metadata_only():
    result = score(TRUTH, TRUTH.replace("subtitle: A Review, 2010–2024\n", ""), None)
    assert lowered(result) == {"metadata"}
    assert result.metadata == pytest.approx(100 * 2 / 3, abs=0.01)


def test_body_words_removed_as_furniture_are_counted_from_the_audit():
    output = TRUTH.replace("It feeds three towns.\n", "")
    audit = {"removed": {"running-head": [{"line": 9, "text": "It feeds three towns."},
                                          {"line": 40, "text": "Managing the Basin"}]}}
    result = score(TRUTH, output, audit)
    # The running head's words are not lost (the title is metadata; "the" is still in the body).
    assert result.counts["furniture_body_words"] == 4
    assert score(TRUTH, TRUTH, audit).counts["furniture_body_words"] == 0


def test_typographic_quotes_are_folded():
    truth = "---\ntitle: T\n---\n\nThe valley's \"finest\" falls.\n"
    output = "---\ntitle: T\n---\n\nThe valley’s “finest” falls.\n"
    assert score(truth, output, None).total == 100.0


def test_an_ellipsis_is_three_stops():
    # The normaliser stores `...` as `…` (the canonical Markdown's typography); an engine may print either.
    truth = "---\ntitle: T\n---\n\nIt was an instant... and then gone.\n"
    output = "---\ntitle: T\n---\n\nIt was an instant… and then gone.\n"
    assert score(truth, output, None).total == 100.0


def test_total_is_the_documented_weighted_mean():
    output = TRUTH.replace("## 1.1 Scope", "1.1 Scope").replace("subtitle: A Review, 2010–2024\n", "")
    result = score(TRUTH, output, None)
    expected = sum(WEIGHTS[k] * getattr(result, k) for k in COMPONENTS) / 100
    assert result.total == pytest.approx(expected, abs=0.01)
    assert result.total < 100


def test_empty_output_scores_low_but_does_not_fail():
    result = score(TRUTH, "", None)
    assert result.total == 0.0


def test_numbers_read_in_another_order_change_no_number():
    # A table's cells read column by column instead of row by row: the numbers move, none changes.
    truth = "---\ntitle: T\n---\n\n| Use | Homes | Factor |\n|---|---|---|\n| Low | 7 | 3.5 |\n| High | 9 | 3.1 |\n"
    output = "---\ntitle: T\n---\n\nUse Homes Factor\n\nLow High 7 9 3.5 3.1\n"
    result = score(truth, output, None)
    assert result.counts["numbers_changed"] == 0
    assert lowered(result) == {"paragraphs"}


def test_a_lost_space_changes_no_number():
    truth = "---\ntitle: T\n---\n\nNine bridges, 2 % of them, are very poor.\n"
    result = score(truth, truth.replace("2 %", "2%"), None)
    assert result.counts["numbers_changed"] == 0
    assert score(truth, truth.replace("2 %", "3%"), None).counts["numbers_changed"] == 1


def test_a_lost_space_in_a_table_read_column_by_column_changes_no_number():
    # The same lost space in a table's last cell, the table read column by column: the alignment
    # puts the truth's `2` against another number, but the output holds it, glued (`2%`).
    truth = ("---\ntitle: T\n---\n\nOf the 412, 61 per cent were rated good, 27 per cent fair and "
             "2 per cent very poor.\n\n| Condition | Bridges | Share |\n|---|---|---|\n"
             "| Good | 251 | 61 % |\n| Fair | 111 | 27 % |\n| Poor | 41 | 10 % |\n"
             "| Very poor | 9 | 2 % |\n\nThe index is a guide, not a verdict.\n")
    output = ("---\ntitle: T\n---\n\nOf the 412, 61 per cent were rated good, 27 per cent fair and "
              "2 per cent very poor.\n\nCondition Good Fair Poor Very poor Bridges 251 111 41 9 "
              "Share 61 % 27 % 10 % 2% The index is a guide, not a verdict.\n")
    assert score(truth, output, None).counts["numbers_changed"] == 0
    assert score(truth, output.replace("2%", "3%"), None).counts["numbers_changed"] == 1


def test_a_removal_sharing_only_some_lost_words_is_not_counted():
    # The output lost "three"; a running head "The three towns of the valley" was removed, but its
    # other words are not lost: it is furniture, not the body's sentence.
    output = TRUTH.replace("It feeds three towns.", "It feeds towns.")
    audit = {"removed": {"running-head": [{"line": 3, "text": "The three towns of the valley"}]}}
    assert score(TRUTH, output, audit).counts["furniture_body_words"] == 0


def test_score_command_prints_the_case_as_json(tmp_path, capsys):
    import json

    from pressroom.corpus.__main__ import main

    truth, output = tmp_path / "truth.md", tmp_path / "out.md"
    truth.write_text(TRUTH, encoding="utf-8")
    output.write_text(TRUTH.replace("## 1.1 Scope", "1.1 Scope"), encoding="utf-8")
    assert main(["score", str(truth), str(output)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["headings"] == 50.0 and printed["paragraphs"] == 100.0
    assert main(["build", "--out", str(tmp_path / "b"), "--documents", "no-such-document"]) == 2
    assert "unknown document(s): no-such-document" in capsys.readouterr().err


def test_a_word_glued_to_its_neighbour_is_not_removed_as_furniture():
    # The folio `2` was removed; the body's `2 %` was read `2%`: the `2` is in the output, glued.
    truth = "---\ntitle: T\n---\n\nNine bridges, 2 % of them, are very poor.\n"
    audit = {"removed": {"page_numbers": [{"line": 30, "text": "2"}]}}
    assert score(truth, truth.replace("2 %", "2%"), audit).counts["furniture_body_words"] == 0
    assert score(truth, truth.replace("2 %", "%"), audit).counts["furniture_body_words"] == 1
