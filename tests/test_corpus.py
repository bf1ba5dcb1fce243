"""The corpus pipeline on its fast subset (tests/corpus/floors.json): real PDFs from both engines,
real extractors, the normaliser as it is, scores at or above their floors; and the cache."""

from __future__ import annotations

import importlib.util
import re
import shutil

import pytest

from pressroom.corpus import build as corpus_build
from pressroom.corpus.documents import load_designs, load_documents
from pressroom.corpus.floors import case_label, check, load
from pressroom.corpus.score import parse, score

pytestmark = pytest.mark.slow


def _tools_present() -> None:
    """Fail (never skip) with the command that installs what is missing."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run scripts/setup-system build (Debian poppler-utils)")
    for module, package in (("typst", "typst"), ("pdfminer", "pdfminer.six"), ("pypdf", "pypdf")):
        if importlib.util.find_spec(module) is None:
            pytest.fail(f"{package} is missing: pip install -c constraints.txt -e '.[test,corpus]'")


def test_subset_scores_at_least_their_floors_and_is_cached(tmp_path, monkeypatch):
    """One test, one build: under xdist, separate tests would each build the subset."""
    _tools_present()
    spec = load()
    results = corpus_build.build(tmp_path, jobs=1, **spec["subset"])
    assert results["failures"] == []
    problems = check(results, spec)
    assert not problems, "\n".join(problems) + (
        "\nA case's misses: build/corpus-floors/scores/CASE.json after `python -m pressroom.corpus "
        "floors`. Floors are raised with --write; lower one only with the reason in the commit.")
    # Every case was scored against its own truth, which scores 100 against itself.
    for case in results["cases"]:
        assert case["score"]["counts"]["truth_headings"] > 5, case_label(case)
        assert case["score"]["counts"]["truth_notes"] >= 6, case_label(case)
    for name in spec["subset"]["documents"]:
        truth = (tmp_path / "truth" / f"{name}.md").read_text(encoding="utf-8")
        assert score(truth, truth).total == 100.0

    # A second build redoes nothing; a normaliser change redoes only the normalisation (the
    # scores too where an output changed: here none, the code itself is the same).
    again = corpus_build.build(tmp_path, jobs=1, **spec["subset"])
    assert set(again["run"]["redone"].values()) == {0}
    assert [c["score"] for c in again["cases"]] == [c["score"] for c in results["cases"]]
    digests = corpus_build.code_digests()
    monkeypatch.setattr(corpus_build, "code_digests", lambda: {**digests, "normaliser": "changed"})
    changed = corpus_build.build(tmp_path, jobs=1, **spec["subset"])
    n = len(results["cases"])
    assert changed["run"]["redone"] == {"pdf": 0, "text": 0, "normalised": n, "score": 0}


# Words each corpus document has at least and at most (prose for 4-15 printed pages).
MIN_WORDS, MAX_WORDS = 1500, 5000


def test_corpus_documents_cover_what_the_normaliser_must_handle():
    documents = load_documents()
    assert len(documents) >= 8 and len(load_designs()) >= 4
    headings, notes = [], []
    for document in documents:
        parsed = parse(document.source())
        words = sum(parsed.words.values())
        assert MIN_WORDS <= words <= MAX_WORDS, f"{document.name}: {words} words"
        assert parsed.meta["title"] and parsed.meta["author"], document.name
        headings += [text for _level, text in parsed.headings]
        notes.append(len(parsed.notes))
    assert min(notes) == 0 and max(notes) >= 30  # one without notes, one dense
    assert {d.contents for d in documents} == {True, False}
    styles = {"1.": r"^\d+\. ", "1.2": r"^\d+\.\d+ ", "1.2.3": r"^\d+\.\d+\.\d+ ",
              "Chapter 3:": r"^Chapter \d+: ", "I.": r"^[IVX]+\. ", "unnumbered": r"^[A-Z][a-z]"}
    for style, pattern in styles.items():
        assert any(re.match(pattern, h) for h in headings), f"no heading numbered like {style}"
    bodies = "\n".join(d.body for d in documents)
    for feature, pattern in {"a list starting at 3": r"\n\n3\. ", "a block quote": r"\n> ",
                             "a table": r"\n\|---|\n\|:---", "a bulleted list": r"\n- ",
                             "a citation number": r" \[\d+[],]", "a wrapped page range": r"pages 291–300\.",
                             "a reference list": r"\n# (\d+\. )?(References|Bibliography)\n"}.items():
        assert re.search(pattern, bodies), f"no document has {feature}"
