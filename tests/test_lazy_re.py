"""The normaliser's patterns are compiled on first use (normalise/lazy_re.py): they must behave
as `re.compile`'s, and every one of them must compile, since a broken pattern no longer fails
at import."""

import importlib
import pkgutil
import re

import pytest

import pressroom.normalise
from pressroom.normalise.lazy_re import LazyPattern, lazy_compile


def _patterns(value, seen):
    """The lazy patterns in a module-level value, through lists, tuples and dicts."""
    if isinstance(value, LazyPattern):
        if id(value) not in seen:
            seen.add(id(value))
            yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _patterns(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns(item, seen)


def all_lazy_patterns():
    seen: set[int] = set()
    found = []
    for module_info in pkgutil.iter_modules(pressroom.normalise.__path__):
        module = importlib.import_module(f"pressroom.normalise.{module_info.name}")
        for name, value in vars(module).items():
            found.extend((f"{module_info.name}.{name}", p) for p in _patterns(value, seen))
    return found


def test_every_pattern_of_the_normaliser_compiles():
    found = all_lazy_patterns()
    assert len(found) > 150  # the conversion reached the passes (about 180 patterns)
    for label, pattern in found:
        try:
            pattern.search(pattern.pattern[:0])  # an empty str, or bytes for a bytes pattern
        except re.error as exc:  # pragma: no cover - the assertion's message
            pytest.fail(f"{label}: {exc}")


def test_a_lazy_pattern_is_not_compiled_until_used():
    pattern = lazy_compile(r"(\d+)-(\d+)")
    assert pattern.pattern == r"(\d+)-(\d+)"  # known without compiling: patterns are built from it
    assert "search" not in vars(pattern)
    assert pattern.search("pp. 291-300").groups() == ("291", "300")
    assert "search" in vars(pattern)  # kept: later calls reach the compiled method directly


def test_a_lazy_pattern_answers_as_the_compiled_one():
    text = "One. Two, three; four: 12 and 300."
    for source, flags in ((r"\b\w+\b", 0), (r"[.;:]\s*", 0), (r"^one", re.I), (r"(?P<n>\d+)", 0)):
        lazy, eager = lazy_compile(source, flags), re.compile(source, flags)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
        assert lazy.sub("_", text) == eager.sub("_", text)
        assert lazy.split(text) == eager.split(text)
        assert lazy.findall(text) == eager.findall(text)
        assert bool(lazy.match(text)) == bool(eager.match(text))
        assert lazy.groups == eager.groups and lazy.groupindex == eager.groupindex
        assert lazy.flags == eager.flags


def test_a_broken_pattern_fails_on_first_use_and_unknown_attributes_are_errors():
    broken = lazy_compile(r"(unclosed")
    with pytest.raises(re.error):
        broken.search("text")
    with pytest.raises(AttributeError):
        lazy_compile("x").no_such_method


def test_no_pass_compiles_a_pattern_when_imported():
    """A module-level `re.compile` would bring the import's cost back: write `lazy_compile`."""
    import ast
    from pathlib import Path

    eager = []
    for path in sorted(Path(pressroom.normalise.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_functions = {id(node) for top in ast.walk(tree)
                            if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                            for node in ast.walk(top)}
        eager += [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and id(node) not in inside_functions
                  and ast.unparse(node.func) == "re.compile" and path.name != "lazy_re.py"]
    assert eager == []
