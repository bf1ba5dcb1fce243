"""tests/corpus/floors.json: the fast subset that `make test` runs, and a floor for each of its
cases' total score. A ratchet: floors only go up (`python -m pressroom.corpus floors --write`),
as the normaliser improves; a case scoring below its floor fails the test-suite."""

from __future__ import annotations

import json
import math

from .documents import CORPUS

FLOORS = CORPUS / "floors.json"


def case_label(case: dict) -> str:
    return f"{case['document']}/{case['design']}/{case['engine']}/{case['extractor']}"


def load() -> dict:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def check(results: dict, spec: dict) -> list[str]:
    """One line per case below its floor, or without a floor, or a floor without its case."""
    problems = []
    seen = set()
    for case in results["cases"]:
        label = case_label(case)
        seen.add(label)
        floor = spec["floors"].get(label)
        total = case["score"]["total"]
        if floor is None:
            problems.append(f"{label}: scored {total} but has no floor in {FLOORS.name}")
        elif total < floor:
            problems.append(f"{label}: scored {total}, below its floor {floor}"
                            + (f" ({case['error']})" if case.get("error") else ""))
    problems += [f"{label}: has a floor but the subset did not produce it"
                 for label in sorted(set(spec["floors"]) - seen)]
    return problems


def raised(results: dict, spec: dict) -> dict:
    """The spec with each floor raised to the case's score rounded down (never lowered)."""
    floors = dict(spec["floors"])
    for case in results["cases"]:
        label = case_label(case)
        floors[label] = max(floors.get(label, 0), math.floor(case["score"]["total"]))
    return {**spec, "floors": dict(sorted(floors.items()))}
