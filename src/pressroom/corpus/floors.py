"""tests/corpus/floors.json: the fast subset that `make test` runs, a floor for each of its
cases' total score, and a ceiling for each invariant summed over the subset (body words removed as
furniture, notes invented, numbers changed: each should be 0). A ratchet: floors only go up and
ceilings only down (`python -m pressroom.corpus floors --write`), as the normaliser improves; a
case scoring below its floor, or an invariant above its ceiling, fails the test-suite."""

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
    for name, ceiling in spec.get("invariants", {}).items():
        found = results["invariants"].get(name, 0)
        if found > ceiling:
            cases = [f"{case_label(c)} {c['score']['counts'].get(name, 0)}" for c in results["cases"]
                     if c["score"]["counts"].get(name, 0)]
            problems.append(f"invariant {name}: {found} over the subset, above its ceiling {ceiling} "
                            f"({'; '.join(cases)})")
    return problems


def raised(results: dict, spec: dict) -> dict:
    """The spec with each floor raised to the case's score rounded down (never lowered), and each
    invariant's ceiling lowered to the subset's count (never raised)."""
    floors = dict(spec["floors"])
    for case in results["cases"]:
        label = case_label(case)
        floors[label] = max(floors.get(label, 0), math.floor(case["score"]["total"]))
    ceilings = {name: min(spec.get("invariants", {}).get(name, found), found)
                for name, found in results["invariants"].items()}
    return {**spec, "invariants": ceilings, "floors": dict(sorted(floors.items()))}
