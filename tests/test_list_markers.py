"""List markers printed apart from their items (pdfminer.six puts them in a box before the items,
pypdf and pypdfium2 after the page's text), and pypdfium2's lines cut at a raised note call:
small exports in the shapes those extractors give, end to end."""

from __future__ import annotations

import pytest

from exports import MORE, OPENING, body, normalise, page_among_prose, pages

from pressroom.normalise import run_passes
from pressroom.normalise.model import State

# Hard-wrapped body text (about 60 characters a line), so that the document has a measure.
WRAPPED = OPENING + "engineers answered in writing before the summer of that year.\n"


def test_pdfminer_markers_in_a_box_before_their_items(tmp_path):
    # pdfminer: the markers' box, a blank line, then the items' box; one item wraps.
    page = (WRAPPED + "\nThe works proposed were these:\n\n1.\n\n2.\n3.\n\n"
            "dredging the outer channel to a depth of six metres at low\n"
            "water, which the larger ferries need;\n"
            "rebuilding the north quay wall;\n"
            "replacing the harbour lights.\n\n" + MORE)
    text = body(normalise(tmp_path, pages(page, WRAPPED + "\n" + MORE, MORE + "\n" + WRAPPED)))
    assert ("1.  dredging the outer channel to a depth of six metres at low water, which the larger "
            "ferries need;\n\n2.  rebuilding the north quay wall;\n\n3.  replacing the harbour lights.") in text
    assert "\n1.\n" not in text and "\n2.\n" not in text


def test_pypdfium2_markers_after_the_page_text_two_lists(tmp_path):
    # pypdfium2 and pypdf: the items with no markers, a paragraph, then the page's markers; the
    # numbering runs on over two lists (`1. 2.`, then after another introduction `3.`).
    page = ("The first two causes, which concern the numbers of meals, were:\n"
            "take-up was higher than the budget assumed;\n"
            "more meals were served in the summer term than expected.\n"
            "The third cause was much the largest:\n"
            "food prices rose by around seventeen per cent in two years.\n"
            + MORE + "1. \n2. \n3. \n")
    state = normalise(tmp_path, pages(WRAPPED, page, WRAPPED + MORE))
    text = body(state)
    assert ("1.  take-up was higher than the budget assumed;\n\n"
            "2.  more meals were served in the summer term than expected.") in text
    assert "3.  food prices rose by around seventeen per cent in two years." in text
    assert "The engineers then set out the works" in text  # the paragraph after stays one
    assert [c["before"] for c in state.audit.changed["list_markers"]] == ["1.", "2.", "3."]


def test_bullets_at_a_page_foot_are_no_folio(tmp_path):
    # The run of bullets stands at the page's foot, above the footer: markers, not page furniture.
    texts = []
    for number in range(1, 5):
        texts.append(WRAPPED + "Its main findings are these:\n"
                     "take-up of lunches rose within one term;\n"
                     "the rise was largest just above the old threshold.\n"
                     "• \n• \n" + f"Page {number} of 4\n")
    state = normalise(tmp_path, pages(*texts))
    text = body(state)
    assert text.count("- take-up of lunches rose within one term;\n\n"
                      "- the rise was largest just above the old threshold.") == 4
    assert "•" not in text


def test_a_wrapped_number_is_no_marker(tmp_path):
    # `Table` / `1.` and `pages 291–` / `300.`: numbers wrapped to a line start, not markers.
    page = (WRAPPED + "The county uses the index bands printed in the annex, Table\n1.\n"
            "Harvey and Smith set out the method in their paper, pages 291–\n300.\n" + MORE)
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    text = body(state)
    assert "in the annex, Table 1." in text
    assert "pages 291–300." in text
    assert "list_markers" not in state.audit.changed


def test_markers_without_their_items_stay_and_are_reported(tmp_path):
    # Bullets after a colon but nothing item-shaped after or before them on the page: kept.
    page = WRAPPED + "The works proposed were these:\n\n•\n•\n\n" + "Page 1\n"
    state = normalise(tmp_path, pages(page, MORE + WRAPPED, WRAPPED + MORE))
    assert any(d.code == "list-markers-apart" for d in state.diagnostics.items)
    assert body(state).count("•") + body(state).count("- ") >= 2


def test_pypdfium2_line_cut_at_a_raised_call_is_one_line(tmp_path):
    # pypdfium2 ends the line after a superscript call; the rest of the printed line follows on a
    # line opening with a space. Read as it stands, `qualified.1` would end the paragraph.
    page = ("Before the scheme, pupils received a free lunch only if their\n"
            "family received certain benefits. A few qualified.1\n"
            " The rest paid two pounds a day, or brought a packed lunch\n"
            "from home. Infant pupils already received free lunches.2\n"
            "The council's reasons were set out in the cabinet report that\n"
            "approved it, published in the spring.3\n"
            " It also noted evidence from other areas that universal\n"
            "free meals improve diets and may improve behaviour.\n"
            "1. Figure for January, from the school census.\n"
            "2. The national scheme covers the first three years.\n"
            "3. Cabinet report, 15 March, paragraphs 4 to 9.\n")
    state = normalise(tmp_path, pages(page, page, page))
    text = body(state)
    assert "A few qualified.[^1] The rest paid" in text.replace("\n", " ")
    assert "published in the spring.[^3] It also noted" in text.replace("\n", " ")
    assert "\n\nThe rest paid" not in text and "\n\nIt also noted" not in text


def test_pdfminer_item_cut_by_a_blank_line_is_one_item(tmp_path):
    # pdfminer ends a text box inside an item: `found` / blank line / `on 83 per cent…`.
    page = (WRAPPED + "The defects found most often were these:\n"
            "• loss of mortar from the joints of the masonry, found\n\n"
            "on 83 per cent of the bridges;\n\n"
            "• vegetation growing in the masonry, on 71 per cent.\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "- loss of mortar from the joints of the masonry, found on 83 per cent of the bridges;" in text
    assert "- vegetation growing in the masonry, on 71 per cent." in text


def test_table_rows_one_a_line_stay_rows(tmp_path):
    # pypdf and pypdfium2 print a simple table row by row among the wrapped lines.
    page = (WRAPPED + "Condition Index range Bridges Share\n"
            "Good 80–100 251 61 %\nFair 65–79 111 27 %\nPoor 40–64 41 10 %\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("\n\nCondition Index range Bridges Share\n\nGood 80–100 251 61 %\n\nFair 65–79 111 27 %\n\n"
            "Poor 40–64 41 10 %\n\nThe engineers then set out") in text


def test_a_subsection_the_contents_list_leaves_out_is_a_heading(tmp_path):
    # The contents list names two levels; the body numbers a third (`2.1.1 Sizing` under `2.1`),
    # set on a line of its own (pdfminer's box): a heading, not the start of the paragraph.
    contents = ("Contents\n\n1. Harbour . . . . . . 2\n\n2. Works . . . . . . 2\n\n"
                "2.1 The quay . . . . . . 2\n")
    page = ("1. Harbour\n\n" + WRAPPED + "\n2. Works\n\n2.1 The quay\n\n" + MORE
            + "\n2.1.1 Sizing\n\n" + WRAPPED)
    state = normalise(tmp_path, pages(contents, page, MORE + WRAPPED, WRAPPED + MORE))
    text = body(state)
    assert "\n### 2.1.1 Sizing\n\nThe council met" in text


def test_pypdf_first_marker_glued_to_the_page_text(tmp_path):
    # pypdf writes the page's first marker at the end of its last line of text (`…next year.• `,
    # `…pages 12–19.1. `), the others on lines of their own: the glued one is the first item's.
    page = (WRAPPED + "The works proposed were these:\n"
            "dredging the outer channel to a depth of six metres at low\n"
            "water, which the larger ferries need;\n"
            "rebuilding the north quay wall before the winter;\n"
            "replacing the harbour lights next year.• \n• \n• \n")
    sources = ("Sources\n"  # a page of its own, opened by its heading
               "Port Authority (2019). Annual Report and Accounts 2018–19.\n"
               "Lane, R. (2016). Silt in small harbours. Coastal Works, 8(2),\n"
               "pages 12–19.1. \n2. \n")
    state = normalise(tmp_path, pages(page, WRAPPED + MORE, sources))
    text = body(state)
    assert ("- dredging the outer channel to a depth of six metres at low water, which the larger "
            "ferries need;\n\n- rebuilding the north quay wall before the winter;\n\n"
            "- replacing the harbour lights next year.\n") in text
    assert ("1.  Port Authority (2019). Annual Report and Accounts 2018–19.\n\n"
            "2.  Lane, R. (2016). Silt in small harbours. Coastal Works, 8(2), pages 12–19.") in text
    assert "•" not in text and "12–19.1." not in text


def test_a_number_ending_a_sentence_is_no_glued_marker(tmp_path):
    # `…in figure 1.` then lone `2.`: the number is the sentence's, not a marker glued to it.
    page = (WRAPPED + "The soundings taken were these:\n"
            "the quay, deeper than the chart says;\n"
            "the outer channel, which is shallower than shown in figure 1.\n2. \n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "shown in figure 1." in text and "- the outer channel" not in text


def test_pdfminer_items_box_with_a_range_wrapped_to_a_line_start(tmp_path):
    # pdfminer: the markers' box, then the items' box, whose last item wraps a page range after
    # its dash (`pages 12–` / `19.`): the `19.` is the item's text, not a marker or an item.
    page = ("Sources\n\n1.\n2.\n\n"
            "Port Authority (2019). Annual Report and Accounts for the year.\n"
            "Lane, R. (2016). Silt in small harbours and what to do about\n"
            "it. Coastal Works, volume 8, number 2, pages 12–\n19.\n\n" + MORE)
    text = body(normalise(tmp_path, pages(WRAPPED + MORE, MORE + WRAPPED, page)))
    assert ("1.  Port Authority (2019). Annual Report and Accounts for the year.\n\n"
            "2.  Lane, R. (2016). Silt in small harbours and what to do about it. Coastal Works, "
            "volume 8, number 2, pages 12–19.") in text
    assert "\n3." not in text


def test_pdfminer_item_cut_by_a_blank_line_inside_a_range(tmp_path):
    # pdfminer ends a text box after a range's dash inside an item: `2018–` / blank line / `19.`.
    page = (WRAPPED + "Sources\n"
            "1. Port Authority (2019). Annual Report and Accounts 2018–\n\n19.\n\n"
            "2. Lane, R. (2016). Silt in small harbours. Coastal Works.\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "1.  Port Authority (2019). Annual Report and Accounts 2018–19.\n\n2.  Lane, R." in text


def test_markers_above_the_run_end_a_page_and_the_title_is_no_introduction(tmp_path):
    # Page ends inferred from folios miss one: two pages' text in one, the first page's marker
    # (`1. `) among it. The run `2. 3.` belongs below that marker and continues its list, so its
    # items open the page there; the document's first line (its title) introduces no list.
    page = ("Harbour Works at Kelsby\n"
            "Report of the Engineers\n" + WRAPPED +
            "The dredging was done in three phases over two years.\n"
            "From April to June the outer channel was dredged to a depth of six\n"
            "metres, which the larger ferries need at low water.\n"
            "1. \n"
            "From July to December the inner harbour was dredged and the silt\n"
            "taken out to sea in barges.\n"
            "From January to March the berths along the north quay were done.\n"
            + MORE + "2. \n3. \n")
    state = normalise(tmp_path, page_among_prose(page, WRAPPED))
    text = body(state)
    assert ("2.  From July to December the inner harbour was dredged and the silt taken out to sea "
            "in barges.\n\n3.  From January to March the berths along the north quay were done.") in text
    assert not any(line.startswith(("1. ", "2. ", "3. ")) and "Kelsby" in line or "Report of" in line
                   and line[:1].isdigit() for line in state.text.splitlines())


def test_a_justified_line_does_not_end_an_item(tmp_path):
    # pypdf prints a justified line's stretched word spaces as runs of spaces; such a line is
    # never an item's last, though it ends with a full stop (`Quality.`): the item runs on.
    sources = ("Sources\n"
               "Port Authority (2015). Five Years On: Silt in the Outer\n"
               "Harbour. Kelsby: KPA.\n"
               "Port  Authority  (2019).  Second  Review  of  Silt  and  Dredging.\n"
               "Kelsby: KPA.\n"
               "Lane, R. (2016). Silt in small harbours. Coastal Works, 8(2).\n"
               "1. \n2. \n3. \n")
    text = body(normalise(tmp_path, pages(WRAPPED + MORE, MORE + WRAPPED, sources)))
    assert "2.  Port Authority (2019). Second Review of Silt and Dredging. Kelsby: KPA.\n\n3.  Lane" in text


def test_pdfminer_items_box_whose_items_hold_a_colon_at_a_line_end(tmp_path):
    # pdfminer's items box: `Five Years On:` ends a line inside the first item; read as an
    # introduction it would make three items of two.
    page = ("Sources\n\n1.\n\n2.\n\n"
            "Port Authority (2015). Five Years On:\n"
            "Silt in the Outer Harbour. Kelsby:\n"
            "KPA.\n"
            "Port Authority (2019). Second Review\n"
            "of Silt and Dredging. Kelsby: KPA.\n\n" + MORE)
    text = body(normalise(tmp_path, pages(WRAPPED + MORE, MORE + WRAPPED, page)))
    assert ("1.  Port Authority (2015). Five Years On: Silt in the Outer Harbour. Kelsby: KPA.\n\n"
            "2.  Port Authority (2019). Second Review of Silt and Dredging. Kelsby: KPA.") in text


def test_pypdf_markers_far_below_their_items_where_no_page_ends_are_known(tmp_path):
    # pypdf, no page ends found: the list, then the rest of the page's text (a paragraph, a
    # heading, another paragraph), then the page's markers. The introduction nearest the run
    # opens the items.
    text_ = (WRAPPED + "The defects found most often were these, in order:\n"
             "loss of mortar from the joints of the masonry, found on most of\n"
             "the bridges;\n"
             "vegetation growing in the masonry;\n"
             "water seeping through the arch barrel.\n" + MORE + "Scour\n" + WRAPPED
             + "• \n• \n• \n" + MORE)
    text = body(normalise(tmp_path, text_))
    assert ("- loss of mortar from the joints of the masonry, found on most of the bridges;\n\n"
            "- vegetation growing in the masonry;\n\n- water seeping through the arch barrel.") in text
    assert "•" not in text


def test_pypdfium2_bullets_after_a_page_that_stops_in_mid_sentence(tmp_path):
    # The page's text stops in mid-sentence (`…we expect the number of`), its markers follow,
    # and the sentence goes on over the page: bullets are markers wherever the text stops.
    page = (WRAPPED + "Every reading passes two checks before it is stored:\n"
            "the volume must not go backwards;\n"
            "the time must fall within five minutes of the gateway's clock.\n"
            "About one reading in two thousand failed a check, and we expect the number of\n"
            "• \n• \n")
    text = body(normalise(tmp_path, pages(MORE + WRAPPED, page, "failures to fall as the faults are "
                                           "fixed.\n" + MORE, WRAPPED + MORE)))
    assert ("- the volume must not go backwards;\n\n"
            "- the time must fall within five minutes of the gateway’s clock.") in text
    assert "the number of failures to fall" in text and "•" not in text


def test_pdfminer_item_cut_by_a_blank_line_after_a_justified_line(tmp_path):
    # pdfminer ends a text box after a justified line inside an item (its word spaces stretched,
    # printed as runs of spaces): the item goes on below the blank line, capital or not.
    page = (WRAPPED + "Sources\n"
            "1. Lane,  R.  (2016).  Silt  in  small  harbours  and  what  to  do.  Proceedings  of  the\n\n"
            "Institution of Harbour Engineers, 8(2), pages 12–19.\n\n"
            "2. Port Authority (2019). Annual Report and Accounts.\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("1.  Lane, R. (2016). Silt in small harbours and what to do. Proceedings of the "
            "Institution of Harbour Engineers, 8(2), pages 12–19.\n\n2.  Port Authority") in text


# A list long enough to run on over a page end: its items, wrapped where they run out of room.
LONG_ITEMS = ["the outer channel was dredged to six metres", "the north quay wall was rebuilt",
              "the harbour lights were replaced", "the slipway was lengthened",
              "the fuel berth was moved", "the ferry ramp was strengthened"]


def test_pypdf_markers_of_a_list_that_runs_on_over_a_page_end(tmp_path):
    # pypdf and pypdfium2: each page's markers after its text; the second page opens with the
    # list's next items, no introduction above them, and its markers go on from the first's.
    first = ("The works of the year were these:\n"
             + "".join(f"{item.capitalize()}.\n" for item in LONG_ITEMS[:3])
             + "1. \n2. \n3. \n")
    second = ("".join(f"{item.capitalize()}.\n" for item in LONG_ITEMS[3:])
              + "4. \n5. \n6. \n" + MORE)
    text = body(normalise(tmp_path, pages(WRAPPED + MORE, first, second, WRAPPED + MORE)))
    for number, item in enumerate(LONG_ITEMS, start=1):
        assert f"{number}.{' ' * (2 if number < 10 else 1)}{item.capitalize()}." in text
    assert "\n4.\n" not in text


def test_pdfminer_markers_box_opening_a_page_is_no_folio(tmp_path):
    # pdfminer: the second page opens with its box of markers (`4.` over `5.`): the first line of
    # the page is a marker, not the page's folio.
    first = ("The works of the year were these:\n\n1.\n2.\n3.\n\n"
             + "".join(f"{item.capitalize()}.\n" for item in LONG_ITEMS[:3]) + "\n")
    second = ("4.\n5.\n6.\n\n" + "".join(f"{item.capitalize()}.\n" for item in LONG_ITEMS[3:])
              + "\n" + MORE)
    state = normalise(tmp_path, pages(WRAPPED + MORE, first, second, WRAPPED + MORE))
    text = body(state)
    assert "4.  The slipway was lengthened." in text
    assert all(entry["text"] != "4." for entry in state.audit.removed.get("page_numbers", []))


def test_pdfminer_markers_box_before_items_in_a_box_each(tmp_path):
    # groff sets each item apart, so pdfminer gives each item a box of its own after the box of
    # their markers: the markers go to the boxes that follow, one item (or more) each.
    page = (WRAPPED + "\nThe works proposed were these:\n\n1.\n\n2.\n\n3.\n\n"
            "dredging the outer channel to a depth of six metres at low\n"
            "water, which the larger ferries need;\n\n"
            "rebuilding the north quay wall;\n\n"
            "replacing the harbour lights.\n\n" + MORE)
    text = body(normalise(tmp_path, pages(page, WRAPPED + "\n" + MORE, MORE + "\n" + WRAPPED)))
    assert ("1.  dredging the outer channel to a depth of six metres at low water, which the larger "
            "ferries need;\n\n2.  rebuilding the north quay wall;\n\n3.  replacing the harbour lights.") in text


@pytest.mark.parametrize("markers", [("1.", "2.", "3."), ("(a)", "(b)", "(c)"), ("•", "•", "•")])
def test_pdfminer_items_in_a_box_each_one_cut_at_a_hyphen(tmp_path, markers):
    # The items' boxes after the markers' box, the second item wrapping at a word cut by a hyphen
    # whose line has room for the word's short rest (`sim-` / `ple precautions…`): the cut word
    # goes on, so the item does; the third marker goes to the third box, never amid the word.
    box = "\n\n".join(markers)
    page = (WRAPPED + f"\nThe assessment concludes that:\n\n{box}\n\n"
            "at seven of the nine sites no change to their usual way of gar-\n"
            "dening practice is needed;\n\n"
            "at Mill Race, plot holders should follow the sim-\n"
            "ple precautions set out in Section 6;\n\n"
            "at Foundry Lane, the plots nearest the wall should\n"
            "not be used to grow root vegetables.\n\n" + MORE)
    text = body(normalise(tmp_path, pages(page, WRAPPED + "\n" + MORE, MORE + "\n" + WRAPPED)))
    assert "the simple precautions set out in Section 6;\n" in text, text
    third = "-" if markers[2] == "•" else markers[2]
    assert f"{third} at Foundry Lane" in text or f"{third}  at Foundry Lane" in text, text


def test_pdfminer_markers_box_after_a_line_running_on_leaves_the_next_box_to_it(tmp_path):
    # A line that runs on into the markers' box (`…survive for` / `4.` `5.` / `1851 to 1866.`):
    # the box after the markers ends that line's text, and is no item.
    page = (WRAPPED + "\nThe works proposed were these:\n\n"
            "1. the accounts of the quarry survive for\n\n2.\n\n3.\n\n"
            "the years 1851 to 1866;\n\n"
            "rebuilding the north quay wall;\n\n"
            "replacing the harbour lights.\n\n" + MORE)
    text = body(normalise(tmp_path, pages(page, WRAPPED + "\n" + MORE, MORE + "\n" + WRAPPED)))
    assert "rebuilding the north quay wall;\n\n3.  replacing" not in text
    assert "2.  the years 1851 to 1866;" not in text


def test_pdftotext_tags_set_in_the_margin_beside_their_items(tmp_path):
    # troff's tagged paragraphs (`.IP 1.`, `.IP (a)`) read by pdftotext: each tag alone, closing
    # the block before it or standing apart, a blank line, then its item's text as a block; the
    # page's notes may follow an item's last line with no blank line between.
    page = (WRAPPED + "The harbour master proposed three steps:\n(a)\n\n"
            "close the outer berth to ships of more than\n"
            "four thousand tonnes;\n\n(b)\n\n"
            "survey the channel every spring;\n\n(c)\n\n"
            "report the depths to the council.\n\n"
            "The works were to be done in this order:\n1.\n\n"
            "dredge the outer channel;\n\n2.\n\n"
            "rebuild the north quay wall, which the storm\n"
            "of the previous winter had undermined.\n"
            + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("(a) close the outer berth to ships of more than four thousand tonnes;\n\n"
            "(b) survey the channel every spring;\n\n"
            "(c) report the depths to the council.") in text
    assert ("1.  dredge the outer channel;\n\n2.  rebuild the north quay wall, which the storm "
            "of the previous winter had undermined.\n\nThe engineers then set out") in text


def test_pdftotext_a_lists_first_tag_below_a_heading_opens_the_list(tmp_path):
    # pdftotext puts troff's first tag `1.` on the line below a heading (`Sources`), its item's
    # text after a blank line; the next items keep their numbers on their lines. The lone `1.`
    # is no number wrapped from the heading's line (which had room for it): the list opens there.
    page = (WRAPPED + MORE + "\nSources\n1.\n\n"
            "Harbour Board (2011). Dredging Records, volume 2.\n\n"
            "2. Port Survey Office (2015). Channel Depths, second edition.\n"
            "3. Marine Works Unit (2019). Quay Walls and their Repair.\n")
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert "1.  Harbour Board (2011). Dredging Records, volume 2." in text
    assert "\n1.\n" not in text and "2.  Port Survey Office" in text


def test_pypdf_markers_of_a_nested_list_in_the_items_order(tmp_path):
    # pypdf and pypdfium2 write a nested list's markers in the items' order after the page's
    # text: the inner list's bullets stand between the outer list's numbers (`2.` ◦ ◦ ◦ `3.`).
    page = ("We recommend that the partners:\n"
            "appoint a shared registrar, employed by the network rather than\n"
            "by any one museum;\n"
            "adopt the standard loan agreement, with its annexes on:\n"
            "condition reporting, with a common photographic standard;\n"
            "courier duties and allowances;\n"
            "insurance and indemnity, with agreed methods of valuation;\n"
            "set aside a pooled budget to meet the extra cost of the first\n"
            "exchange between two partners;\n"
            "review membership every two years.\n"
            + MORE + "1. \n2. \n◦ \n◦ \n◦ \n3. \n4. \n")
    state = normalise(tmp_path, pages(WRAPPED, page, WRAPPED + MORE))
    text = body(state)
    assert ("1.  appoint a shared registrar, employed by the network rather than by any one "
            "museum;") in text
    assert "2.  adopt the standard loan agreement, with its annexes on:" in text
    assert "- courier duties and allowances;" in text
    assert "- insurance and indemnity, with agreed methods of valuation;" in text
    assert "3.  set aside a pooled budget to meet the extra cost of the first exchange" in text
    assert "4.  review membership every two years." in text
    assert "◦" not in text
    assert [c["before"] for c in state.audit.changed["list_markers"]] == \
        ["1.", "2.", "◦", "◦", "◦", "3.", "4."]


def test_pypdf_nested_bullets_after_a_numbered_list_on_the_same_page(tmp_path):
    # Two lists on one page: the numbered one's markers, then the bulleted one's, whose inner
    # items' markers (◦) stand between its own (•): two runs, each given its own items.
    page = ("The first steps are these:\n"
            "install new sirens in the side-valleys;\n"
            "relocate the four sirens whose coverage is most reduced.\n"
            "For the rest we recommend a combination of measures:\n"
            "cell-broadcast warnings, which reach every phone on the network:\n"
            "for visitors, messages in four languages;\n"
            "for residents, a distinct alert tone;\n"
            "indoor warning receivers, offered free to the households;\n"
            "clearer public information on the flood signal.\n"
            + MORE + "1. \n2. \n• \n◦ \n◦ \n• \n• \n")
    text = body(normalise(tmp_path, pages(WRAPPED, page, WRAPPED + MORE)))
    assert "1.  install new sirens in the side-valleys;" in text
    assert "2.  relocate the four sirens whose coverage is most reduced." in text
    assert "- cell-broadcast warnings, which reach every phone on the network:" in text
    assert "- for visitors, messages in four languages;" in text
    assert "- for residents, a distinct alert tone;" in text
    assert "- clearer public information on the flood signal." in text
    assert "•" not in text and "◦" not in text


def test_pypdf_list_ending_its_page_without_an_introduction(tmp_path):
    # No line ending in a colon introduces the list, and the page opens with headings: the page's
    # text ends with the list (its markers follow its last item), so its items are the page's
    # last pieces, each ending with room to spare; the headings stay headings, no item.
    page = ("Equipment and Installation\n"
            "Meters\n"
            "The meters are ultrasonic devices with no moving parts. Each one\n"
            "measures flow by timing sound pulses sent up and down the pipe.\n"
            "Installation\n"
            "Installation took place in three phases.\n"
            "From April to June, 1,100 meters were fitted in the Northfield\n"
            "estate.\n"
            "From July to December, 2,300 meters were fitted in the old\n"
            "streets.\n"
            "From January to March, the remaining 800 meters were fitted in\n"
            "flats.\n"
            "1. \n2. \n3. \n")
    state = normalise(tmp_path, pages(WRAPPED + MORE, page, WRAPPED + MORE))
    text = body(state)
    assert "# Meters\n" in text and "# Installation\n" in text
    assert "1.  From April to June, 1,100 meters were fitted in the Northfield estate." in text
    assert "2.  From July to December, 2,300 meters were fitted in the old streets." in text
    assert "3.  From January to March, the remaining 800 meters were fitted in flats." in text
    assert "1.  Meters" not in text


def test_pypdf_bullets_of_a_list_running_on_over_a_page_end(tmp_path):
    # The list's first items and their markers end one page (• ◦ ◦: the last item holds a list
    # of its own); the next page opens with the rest of its items, then their bullets.
    first = (WRAPPED + "For these we recommend a combination of measures:\n"
             "cell-broadcast warnings, which reach every phone on the network:\n"
             "for visitors, messages in four languages;\n"
             "for residents, a distinct alert tone;\n"
             "• \n◦ \n◦ \n")
    second = ("indoor warning receivers, offered free to the households in\n"
              "the places the sirens do not reach;\n"
              "clearer public information on what the flood signal sounds like.\n"
              + MORE + "• \n• \n")
    text = body(normalise(tmp_path, pages(WRAPPED + MORE, first, second, WRAPPED + MORE)))
    assert "- cell-broadcast warnings, which reach every phone on the network:" in text
    assert "- for residents, a distinct alert tone;" in text
    assert ("- indoor warning receivers, offered free to the households in the places the "
            "sirens do not reach;") in text
    assert "- clearer public information on what the flood signal sounds like." in text
    assert "•" not in text and "◦" not in text
    assert "- The engineers" not in text



def test_pdftotext_bullets_under_their_introduction_then_the_items_box(tmp_path):
    # pdftotext: the introduction, the bullets run on from it, a blank line, then the items' box.
    page = (WRAPPED + "The groups named above were met as follows:\n•\n•\n•\n\n"
            "Sentiers Chelsea on 25 May;\nSAFE Chelsea on 27 May;\n"
            "the two councillors in charge of active transport on 28 May.\n\n" + MORE)
    text = body(normalise(tmp_path, page_among_prose(page, WRAPPED)))
    assert ("- Sentiers Chelsea on 25 May;\n\n- SAFE Chelsea on 27 May;\n\n"
            "- the two councillors in charge of active transport on 28 May.") in text
    assert "•" not in text


def _weasyprint_pypdf(pages: list[list[str]], head: str) -> str:
    """pypdf's shape of WeasyPrint's pages: no form feeds, each page after the first opening
    with its running head and folio on one line (`Lead in Allotment Soils 2`)."""
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        if number > 1:
            lines.append(f"{head} {number}")
        lines += page
    return "\n".join(lines) + "\n"


def _numbered_report(page_2: list[str]) -> str:
    """A report of numbered chapters and paragraphs, seven pages, its second page `page_2`."""
    import random
    import textwrap

    from test_headings_titles import paragraph

    rng = random.Random(81)

    def text(number: str) -> list[str]:
        return textwrap.wrap(number + " " + paragraph(rng), 78)

    chapters = ["Purpose of This Report", None, "Background", "Method", "Results", "Advice", "Next Steps"]
    pages = [page_2 if title is None else [f"{n} {title}", *text(f"{n}.1"), *text(f"{n}.2")]
             for n, title in enumerate(chapters, start=1)]
    return _weasyprint_pypdf(pages, "Lead in Allotment Soils")


ITEMS = ["at seven of the nine sites no change to normal gardening practice is", "needed;",
         "at Mill Race, plot holders should follow the simple precautions set out", "in Section 6;",
         "at Foundry Lane, the plots nearest the wall should not be used for root", "vegetables."]


def test_pypdf_lettered_markers_opening_the_page_above_their_items(tmp_path):
    """pypdf writes WeasyPrint's lettered markers (`(a)` `(b)` `(c)`) before the page's text: the
    run opens the page, above a chapter's heading, and its items follow the page's one
    introduction (`…concludes that:`). They go to those items, and the heading below the run
    is the chapter's (corpus allotment-soil, pressroom pypdf and pypdfium2: `(a) (b) (c) 2
    Summary of Findings`, the heading lost, the items without their markers)."""
    page = ["(a)", "(b)", "(c)", "2 Summary of Findings",
            "2.1 The screening level is not a safety limit, and a result above it means",
            "that the risk should be looked at more closely, not that the soil is harmful.",
            "2.2 The more detailed assessment described in Section 5 concludes that:", *ITEMS]
    state = normalise(tmp_path, _numbered_report(page))
    assert "2 Summary of Findings" in [b.plain() for b in state.blocks if b.kind == "heading"]
    text = body(state)
    assert ("(a) at seven of the nine sites no change to normal gardening practice is needed;"
            in text.replace("\\", ""))
    assert "(c) at Foundry Lane" in text.replace("\\", "")
    assert "list-markers-apart" not in {d.code for d in state.diagnostics.items}


def test_lettered_markers_whose_items_are_not_found_stay_apart_from_the_heading_below(tmp_path):
    """The same run where the page below it introduces two lists (no telling which is the run's):
    the markers stay where they are, reported, a block of their own, and the chapter's heading
    below them is still found (it ran on from them: `(a) (b) (c) 2 Summary of Findings`)."""
    page = ["(a)", "(b)", "(c)", "2 Summary of Findings",
            "2.1 The sampling was designed to answer two questions, which were these:",
            "whether any site had levels that called for further work, and where.",
            "2.2 The more detailed assessment described in Section 5 concludes that:", *ITEMS]
    state = normalise(tmp_path, _numbered_report(page))
    assert "2 Summary of Findings" in [b.plain() for b in state.blocks if b.kind == "heading"]
    assert "list-markers-apart" in {d.code for d in state.diagnostics.items}
    assert any(b.plain().split() == ["(a)", "(b)", "(c)"] for b in state.blocks)


def test_one_lone_dash_whose_item_is_not_found_keeps_its_block():
    """A rate sheet's table cell `–` (none) alone on a line opening a block reads as a lone
    bullet, but no item follows it: a single marker is no run to stand apart, and the label below
    it (`Loan Type`, which the sheet repeats on every page) stays inside its block, where no
    furniture pass can take it for a running head opening a page. (A run of two markers or more,
    `(a)` `(b)` `(c)`, does stand apart: test_lettered_markers_whose_items_are_not_found_stay_apart_from_the_heading_below.)"""
    text = ("Home Loan Rates\n\nThe rates below apply from 9 April 2019 to every new loan of the bank.\n\n"
            "Standard Variable Rate\n5.20%\n\n–\nLoan Type\n3 Year Special Rate Saver\nNo Fee\n\n"
            "The bank may change these rates at any time without notice to its customers.\n")
    state = run_passes(State(path="x.txt", text=text, name="x", file_meta={"title": "X"}),
                       stop_after="list_markers")
    assert ["–", "Loan Type", "3 Year Special Rate Saver", "No Fee"] in [b.lines for b in state.blocks]


def test_pdfminer_markers_box_under_a_bibliography_heading_then_its_entries_box(tmp_path):
    # pdfminer: `Bibliography`, the markers' box, then one box holding the entries, one of which
    # ends a line with its title's colon (`Measuring the Public Library:` / `Guidance for…`): a
    # section that is one list holds an entry each where a sentence closes a line and the next
    # opens one, the colon no end.
    page = ("Bibliography\n\n1.\n\n2.\n\n3.\n\n4.\n\n"
            "County Library Service (2023).  Annual Plan and Performance Report\n"
            "2022–23.\n"
            "Hart, L. and Osei, K. (2020). Who uses public libraries now? A national\n"
            "survey. Library and Information Research, 44(2), pages 101–131.\n"
            "Department for Culture (2021). Measuring the Public Library:\n"
            "Guidance for Library Authorities.\n"
            "Brennan, P. (2017). Hours or branches? Evidence from rural library\n"
            "services. Journal of Librarianship and Information Science, 49(3), pages\n"
            "291–300.\n\n")
    text = body(normalise(tmp_path, pages(WRAPPED + "\n" + MORE, page, MORE + "\n" + WRAPPED)))
    assert ("3.  Department for Culture (2021). Measuring the Public Library: Guidance for Library "
            "Authorities.") in text
    assert "2.  Hart, L. and Osei, K. (2020). Who uses public libraries now? A national survey. " \
           "Library and Information Research, 44(2), pages 101–131.\n" in text


def _numbered_paragraphs(headed: dict[int, str], count: int = 8) -> str:
    """troff's legal numbering as pdftotext gives it: each paragraph's number on a line of its
    own, a blank line, then the paragraph's text; a section's heading (`headed`: before which
    number) stands right above its first paragraph's number."""
    parts = []
    for number in range(1, count + 1):
        heading = f"{headed[number]}\n" if number in headed else ""
        parts.append(f"{heading}{number}.\n\nThe panel met the harbour master in spring and the engineers\n"
                     f"answered in writing, point {number} of the review, before the summer.\n")
    return "\n".join(parts)


@pytest.mark.parametrize("headed", [{1: "Introduction", 4: "How Berths Are Booked"},
                                    {1: "Introduction", 3: "Workload in 2023", 6: "Kinds of Error"}],
                         ids=["one-heading", "two-headings"])
def test_pdftotext_a_numbered_paragraph_s_number_below_a_heading_opens_the_paragraph(tmp_path, headed):
    # The document numbers its paragraphs through (`1.`–`8.`), troff setting each number apart;
    # below a heading the number stands on the heading's next line (`Workload in 2023` / `7.`).
    # It is the next number of the numbering, which the heading's line had room for: no number
    # wrapped from it, but the paragraph's, which keeps it (the heading was read as `Workload
    # in 2023 7.` and the paragraph lost its number: fresh court-interpreters, groff).
    page = _numbered_paragraphs(headed)
    text = body(normalise(tmp_path, pages(page, WRAPPED + MORE, MORE + WRAPPED)))
    for number in range(1, 9):
        assert f"\n{number}.  The panel met the harbour master" in "\n" + text, text
    for number, heading in headed.items():
        assert f"# {heading}\n" in text, text


def test_a_number_below_a_heading_that_breaks_the_numbering_stays_apart(tmp_path):
    # The same shape, but the number below the heading does not follow the paragraphs' (`7.`
    # after `3.`): nothing says it is the next paragraph's; kept where it is.
    page = _numbered_paragraphs({1: "Introduction"}, 3) + "\nHow Berths Are Booked\n7.\n\n" + MORE
    text = body(normalise(tmp_path, pages(page, WRAPPED + MORE, MORE + WRAPPED)))
    assert "7.  The engineers then set out" not in text


def test_a_dash_below_a_headings_short_line_is_no_list_number(tmp_path):
    # A lone dash (a table's `–` for none) right below a short line of a heading's shape: the
    # rule for a number set below its heading has no number to compare; the text stays whole
    # (pdfplumber's pr-138 rate sheet, pdftotext, raised a TypeError here).
    state = normalise(tmp_path, "Loan Summary\n–\nThe bank offers loans at a fixed rate for thirty "
                                "years, and at a variable rate.\n")
    assert "–" in body(state) and "The bank offers loans" in body(state)
