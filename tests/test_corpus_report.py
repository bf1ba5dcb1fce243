"""The corpus report: the table's cells are the means over documents, invariants are summed."""

from __future__ import annotations

from pressroom.corpus.report import report_markdown, summarise, table_markdown
from pressroom.corpus.score import score

TRUTH = "---\ntitle: T\n---\n\n# One\n\nA paragraph with 3 words.[^1]\n\n[^1]: A note.\n"


def case(document, extractor, output):
    return {"document": document, "design": "running-head", "engine": "typst",
            "extractor": extractor, "pages": 4, "error": None,
            "score": score(TRUTH, output, None).to_dict()}


def test_cells_are_means_and_invariants_sums():
    cases = [case("a", "pypdf", TRUTH), case("b", "pypdf", TRUTH.replace("# One", "One")),
             case("a", "pdftotext", TRUTH.replace("3 words", "4 words")),
             case("b", "pdftotext", TRUTH.replace("3 words", "4 words"))]
    results = summarise(cases)
    cells = results["table"]["cells"]
    expected = (cases[0]["score"]["total"] + cases[1]["score"]["total"]) / 2
    assert cells["pypdf"]["running-head / typst"] == round(expected, 1)
    assert results["table"]["rows"] == ["pdftotext", "pypdf"]  # the declared order
    assert results["invariants"]["numbers_changed"] == 2
    assert results["cases_below_90"] == 3 and results["lowest_total"] < 90
    text = report_markdown(results)
    assert table_markdown(results) in text
    assert "| numbers changed | 2 |" in text
    assert "## The 4 lowest cases" in text


def test_the_fast_subset_fails_when_an_invariant_rises_above_its_ceiling():
    from pressroom.corpus.floors import check, raised

    clean = summarise([case("a", "pypdf", TRUTH)])
    spec = {"subset": {}, "floors": {}}
    spec = raised(clean, spec)  # floors and ceilings of today: every invariant at 0
    assert spec["invariants"] == {"furniture_body_words": 0, "notes_invented": 0, "numbers_changed": 0}
    assert check(clean, spec) == []
    changed = summarise([case("a", "pypdf", TRUTH.replace("3 words", "4 words"))])
    problems = check(changed, spec)
    assert any(p.startswith("invariant numbers_changed: 1 over the subset, above its ceiling 0")
               and "a/running-head/typst/pypdf 1" in p for p in problems)
    assert raised(changed, spec)["invariants"]["numbers_changed"] == 0  # a ceiling never rises
