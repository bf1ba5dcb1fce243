"""Code blocks: `<pre><code>` with syntax highlighting by Pygments, one colour scheme everywhere.

Pygments, not pandoc's highlighter: Pressroom writes the HTML of every edition itself from the
AST, and pandoc's highlighting happens only inside pandoc's own writers (a second pandoc run per
document). Pygments tokenises in-process, is pure Python and deterministic. Its token types are
folded into a few kinds (HL_KINDS), each a class `hl-KIND` coloured by templates/css/blocks.css,
light and dark; the Word edition gets the same colours as a pandoc theme (docx_theme). A block
whose language Pygments does not know (or none) is plain monospace text.
"""

from __future__ import annotations

import functools

from markupsafe import Markup

from .markup import el, text

# Pygments token type (by its dotted name) → the kind a class colours; a token takes the kind of
# its nearest listed ancestor (Name.Function.Magic → nf), unlisted ones stay plain text.
HL_KINDS = {
    "Comment": "c", "Comment.Preproc": "cp",
    "Keyword": "k", "Keyword.Type": "kt", "Operator.Word": "k",
    "Name.Builtin": "nb", "Name.Function": "nf", "Name.Class": "nc", "Name.Decorator": "nd",
    "Name.Tag": "nt", "Name.Attribute": "na", "Name.Exception": "ne", "Name.Variable": "nv",
    "Literal.String": "s", "Literal.String.Escape": "se", "Literal.String.Doc": "c",
    "Literal.Number": "m", "Literal": "m",
    "Generic.Deleted": "gd", "Generic.Inserted": "gi", "Generic.Heading": "gh",
    "Generic.Subheading": "gh", "Generic.Emph": "ge", "Generic.Strong": "gs",
    "Error": "err",
}


def _kind(token_type) -> str | None:
    while token_type is not None:
        kind = HL_KINDS.get(".".join(token_type))
        if kind:
            return kind
        token_type = token_type.parent
    return None


@functools.lru_cache(maxsize=64)
def _lexer(name: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False, tabsize=0)
    except ClassNotFound:
        return None


def highlighted(code: str, classes: list[str]) -> tuple[Markup, str | None]:
    """(the code as escaped text with `span.hl-KIND` runs, the language used or None)."""
    for name in classes:
        lexer = _lexer(name.lower())
        if lexer is not None:
            break
    else:
        return text(code), None
    runs: list[tuple[str | None, str]] = []
    for token_type, value in lexer.get_tokens(code):
        kind = _kind(token_type)
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + value)
        else:
            runs.append((kind, value))
    return Markup("").join(el("span", {"class": f"hl-{kind}"}, value) if kind else text(value)
                           for kind, value in runs if value), name.lower()


def code_block(code: str, classes: list[str], id_: str | None) -> Markup:
    body, language = highlighted(code, classes)
    return el("pre", {"id": id_, "class": "code"},
              el("code", {"class": f"language-{language}" if language else None}, body))


# pandoc's highlighter (the Word edition) names its token kinds after skylighting's; each takes
# the colour and weight of the Pygments kind that marks the same thing.
SKYLIGHTING_KINDS = {
    "Alert": "err", "Annotation": "c", "Attribute": "na", "BaseN": "m", "BuiltIn": "nb",
    "Char": "s", "Comment": "c", "CommentVar": "c", "Constant": "k", "ControlFlow": "k",
    "DataType": "kt", "DecVal": "m", "Documentation": "c", "Error": "err", "Extension": None,
    "Float": "m", "Function": "nf", "Import": "k", "Information": "c", "Keyword": "k",
    "Operator": None, "Other": None, "Preprocessor": "cp", "SpecialChar": "se",
    "SpecialString": "s", "String": "s", "Variable": "nv", "VerbatimString": "s", "Warning": "c",
}


def pandoc_theme(rules: dict[str, dict[str, str]]) -> dict:
    """A pandoc highlighting theme with the colours of the stylesheets' `.hl-KIND` rules (light
    palette: print and Word are read on white), from `css_rules()` of those stylesheets."""
    variables = rules.get(":root", {})

    def colour(value: str | None) -> str | None:
        if value and value.startswith("var("):
            value = variables.get(value[4:].rstrip(")").strip())
        return value if value and value.startswith("#") else None

    styles = {}
    for name, kind in SKYLIGHTING_KINDS.items():
        props = rules.get(f".hl-{kind}", {}) if kind else {}
        styles[name] = {"text-color": colour(props.get("color")), "background-color": None,
                        "bold": props.get("font-weight") in ("700", "bold"),
                        "italic": props.get("font-style") == "italic", "underline": False}
    return {"text-color": None, "background-color": colour(variables.get("--code-bg")),
            "line-number-color": None, "line-number-background-color": None,
            "text-styles": styles}
