"""The corpus pipeline on its fast subset (tests/corpus/floors.json): real PDFs from both engines,
real extractors, the normaliser as it is, scores at or above their floors; and the cache."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from pressroom.corpus import build as corpus_build
from pressroom.corpus.floors import case_label, check, load
from pressroom.corpus.score import score

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
    assert not problems, "\n".join(problems)
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
