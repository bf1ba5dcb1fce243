"""Regular expressions compiled on first use.

The normaliser's passes hold about 170 module-level patterns, most of them for one shape of
export (a `-layout` page, a contents list, an endnote section, a URL in a note). Compiling all of
them when the package is imported cost ~15 ms of CPU, more than normalising a three-page source
takes; a document pays only for the patterns its shapes reach.

`lazy_compile(pattern, flags)` stands where `re.compile` would, at module level. It compiles on
the first attribute asked of it, then keeps the compiled pattern's methods as its own attributes,
so every later call reaches the compiled method directly, with no lookup of its own in between.
"""

from __future__ import annotations

import re

# What a pass asks of a pattern: once any is asked for, all are attributes of the instance.
_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
            "scanner", "groups", "groupindex")


class LazyPattern:
    """A `re.Pattern` that is compiled when first used. `pattern` is known without compiling,
    so another pattern can be built from it."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):
        # Reached only for attributes the instance does not have yet: the first use.
        if name.startswith("__") or name not in (*_METHODS, "flags"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.flags = compiled.flags
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags!r})"


def lazy_compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:
    """`re.compile`, deferred to the pattern's first use (the module's docstring says why)."""
    return LazyPattern(pattern, flags)
