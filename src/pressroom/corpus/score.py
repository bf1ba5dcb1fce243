"""Score a normaliser output against the Markdown it was typeset from (the truth).

    score(truth_md, output_md, audit) -> CaseScore

Both texts are parsed by pandoc (Markdown without `smart`, pandoc's JSON AST), so the comparison is
of structure and words, never of Markdown spelling. Each component is 0–100:

- metadata    title found, and subtitle / author when the truth has them (exact text);
- headings    the two heading sequences aligned by text; a truth heading found at its level counts 1,
              at another level 1/2; score = credit / (truth headings + output headings left over);
- notes       the two note sequences aligned by text (whole note, whitespace collapsed); a truth note
              found counts 1/2, and 1/2 more when its call follows the same word as in the truth;
              score = credit / (truth notes + output notes left over);
- paragraphs  fraction of the truth's text blocks (paragraphs, list items, table rows, block-quote
              paragraphs) reproduced word for word as one block of the output; a block split in two
              or merged with its neighbour is not reproduced;
- words       1 - (words lost + words invented) / truth words, the multiset difference of every word
              (body, headings and notes) of truth and output; 0 at worst.

total = the weighted mean of the components with WEIGHTS (structure and reading text weigh most).

Invariants (counts, summed over a corpus; each should be 0):

- furniture_body_words  words of the audit's removals (furniture, contents lists...) whose every
                        word the output lost: a removal is counted whole when all its words are
                        among the words lost (and they are then no longer lost for the next one);
                        a running head repeating a kept heading, or a title, counts nothing;
                        nor does a word the output holds glued to its neighbour (`2 %` read
                        `2%`: the extractor lost the space, nothing was removed);
- notes_invented        output notes sharing fewer than INVENTED_NOTE_OVERLAP of their words with
                        any truth note;
- numbers_changed       numeric tokens (any token with a digit, list numbers included) that differ
                        from the truth's token at the aligned position of the two word sequences,
                        where the truth's number is missing from the output or the output's is not
                        in the truth (counted as multisets): table cells read in another order move
                        numbers without changing any; nor does a space an extractor lost (`2 %` read `2%`).

Words are whitespace-separated tokens of the text (punctuation stays attached) after Unicode NFC and
folding typographic quotes and ellipses to ASCII ones (engines differ in the quotes they print; the
words do not).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

# Weights of the total (sum 100). Paragraphs weigh most: reading text that is cut or merged is the
# commonest failure a reader sees; metadata least: three fields.
WEIGHTS = {"metadata": 10, "headings": 20, "notes": 20, "paragraphs": 30, "words": 20}
COMPONENTS = tuple(WEIGHTS)
# An output note is "invented" when fewer than this share of its words occur in some truth note:
# a note with a word or two wrong is a damaged note, not an invented one.
INVENTED_NOTE_OVERLAP = 0.5
# How many examples of each kind of miss a CaseScore keeps for a reader (lost words, changes...).
EXAMPLES = 8

# Typographic quotes fold to ASCII ones, and an ellipsis to three stops: engines print either for
# the same Markdown, and the normaliser stores the typographic form (see README, canonical Markdown).
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                         "\u2026": "..."})
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")
_DIGIT = re.compile(r"\d")
_CONTAINERS = {"Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"}
_LIST_DELIMS = {"Period": "{}.", "OneParen": "{})", "TwoParens": "({})", "DefaultDelim": "{}."}


class ScoreError(ValueError):
    """A text the scorer cannot read (pandoc refused it)."""


@dataclass
class CaseScore:
    metadata: float
    headings: float
    notes: float
    paragraphs: float
    words: float
    total: float
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list] = field(default_factory=dict)

    def components(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in COMPONENTS}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- reading a text into what is scored ---------------------------------------------------------

def fold(text: str) -> str:
    """The form in which texts are compared: NFC, ASCII quotes and ellipses, whitespace runs as one
    space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


def tokens(text: str) -> list[str]:
    return fold(text).split()


def bare(word: str) -> str:
    """A word without the punctuation around it (`grow.` → `grow`), for where a call sits."""
    return _EDGE_PUNCT.sub("", word)


@dataclass
class Note:
    text: str          # folded text of the whole note
    after: str         # the bare word its call follows ("" at the start of a block)


@dataclass
class Parsed:
    meta: dict[str, list[str]]           # title/subtitle/author → folded values
    headings: list[tuple[int, str]]      # (level, folded text) in order
    blocks: list[str]                    # folded text of every text block outside notes
    notes: list[Note]                    # in call order
    sequence: list[str]                  # every token in reading order, list numbers included
    words: Counter                       # every word (body, headings, notes), no list numbers


class _Walker:
    """One walk over pandoc's AST that collects headings, text blocks, notes and tokens."""

    def __init__(self) -> None:
        self.headings: list[tuple[int, str]] = []
        self.blocks: list[str] = []
        self.notes: list[Note] = []
        self.sequence: list[str] = []
        self.note_sequence: list[str] = []
        self.words: Counter = Counter()
        self._run: list[str] = []  # the text of the current block so far (for a call's word)

    def block_text(self, inlines: list) -> str:
        """The text of one block's inlines; notes met on the way are recorded."""
        self._run = []
        self.inlines(inlines)
        return "".join(self._run)

    def inlines(self, inlines: list) -> None:
        run = self._run
        for node in inlines:
            kind, content = node["t"], node.get("c")
            if kind == "Str":
                run.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                run.append(" ")
            elif kind in _CONTAINERS:
                self.inlines(content)
            elif kind == "Quoted":
                mark = '"' if content[0]["t"] == "DoubleQuote" else "'"
                run.append(mark)
                self.inlines(content[1])
                run.append(mark)
            elif kind in ("Cite", "Span", "Link", "Image"):
                self.inlines(content[1])
            elif kind in ("Code", "Math", "RawInline"):
                run.append(content[1])
            elif kind == "Note":
                before = tokens("".join(run))
                self.note(content, bare(before[-1]) if before else "")

    def note(self, blocks: list, after: str) -> None:
        inner = _Walker()
        inner.walk(blocks)
        text = " ".join(inner.blocks)
        self.notes.append(Note(fold(text), after))
        self.note_sequence.extend(inner.sequence)
        self.words.update(inner.words)
        self.notes.extend(inner.notes)  # a note inside a note (pandoc allows it): kept in order
        self.note_sequence.extend(inner.note_sequence)

    def text_block(self, text: str) -> None:
        folded = fold(text)
        if folded:
            self.blocks.append(folded)
            self.sequence.extend(folded.split())
            self.words.update(folded.split())

    def walk(self, blocks: list) -> None:
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind in ("Para", "Plain"):
                self.text_block(self.block_text(content))
            elif kind == "LineBlock":
                self.text_block(" ".join(self.block_text(line) for line in content))
            elif kind == "CodeBlock":
                self.text_block(content[1])
            elif kind == "Header":
                text = fold(self.block_text(content[2]))
                self.headings.append((content[0], text))
                self.sequence.extend(text.split())
                self.words.update(text.split())
            elif kind == "BlockQuote":
                self.walk(content)
            elif kind == "Div":
                self.walk(content[1])
            elif kind == "Figure":
                self.walk(content[1][1])
                self.walk(content[2])
            elif kind == "BulletList":
                for item in content:
                    self.walk(item)
            elif kind == "OrderedList":
                (start, _style, delim), items = content[0], content[1]
                pattern = _LIST_DELIMS.get(delim["t"], "{}.")
                for number, item in enumerate(items, start):
                    self.sequence.append(pattern.format(number))
                    self.walk(item)
            elif kind == "DefinitionList":
                for term, definitions in content:
                    self.text_block(self.block_text(term))
                    for definition in definitions:
                        self.walk(definition)
            elif kind == "Table":
                self.table(content)

    def table(self, content: list) -> None:
        """A table is read row by row: each row's cells joined by spaces make one text block."""
        _attr, caption, _specs, head, bodies, foot = content
        self.walk(caption[1])
        rows = list(head[1])
        for body in bodies:
            rows.extend(body[2])
            rows.extend(body[3])
        rows.extend(foot[1])
        for row in rows:
            cells = []
            for cell in row[1]:
                inner = _Walker()
                inner.walk(cell[4])
                cells.append(" ".join(inner.blocks))
                self.notes.extend(inner.notes)
                self.note_sequence.extend(inner.note_sequence)
                self.words.update(inner.words - Counter(" ".join(inner.blocks).split()))
            self.text_block(" ".join(cells))


def _meta_values(value: dict) -> list[str]:
    kind, content = value["t"], value.get("c")
    if kind == "MetaList":
        return [v for item in content for v in _meta_values(item)]
    if kind == "MetaString":
        return [fold(content)]
    if kind == "MetaInlines":
        return [fold(_Walker().block_text(content))]
    if kind == "MetaBlocks":
        walker = _Walker()
        walker.walk(content)
        return [fold(" ".join(walker.blocks))]
    if kind == "MetaMap":  # author: {name: …}
        name = content.get("name")
        return _meta_values(name) if name else []
    return []


@functools.lru_cache(maxsize=64)
def parse(markdown: str) -> Parsed:
    """The scored view of a Markdown text (cached: a truth is scored against many outputs)."""
    import pypandoc

    try:
        ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown-smart",
                                                     extra_args=["--quiet"]))
    except (RuntimeError, OSError, ValueError) as exc:
        raise ScoreError(f"pandoc cannot read the text: {exc}") from exc
    walker = _Walker()
    walker.walk(ast["blocks"])
    meta = {key: _meta_values(ast["meta"][key]) for key in ("title", "subtitle", "author")
            if key in ast["meta"]}
    return Parsed(meta={k: [v for v in vs if v] for k, vs in meta.items()},
                  headings=walker.headings, blocks=walker.blocks, notes=walker.notes,
                  sequence=walker.sequence + walker.note_sequence, words=walker.words)


# --- the components -----------------------------------------------------------------------------

def _metadata(truth: Parsed, output: Parsed, counts: dict, examples: dict) -> float:
    expected = found = 0
    for key in ("title", "subtitle", "author"):
        want = truth.meta.get(key)
        if not want:
            continue
        expected += 1
        got = output.meta.get(key, [])
        if sorted(got) == sorted(want):
            found += 1
        else:
            examples.setdefault("metadata", []).append({"field": key, "truth": want, "output": got})
    counts.update(metadata_expected=expected, metadata_found=found)
    return 100.0 * found / expected if expected else 100.0


def _aligned(truth: list, output: list) -> list[tuple[int, int]]:
    """Index pairs (truth, output) of equal items, in order (difflib's longest common blocks)."""
    matcher = difflib.SequenceMatcher(None, truth, output, autojunk=False)
    return [(block.a + k, block.b + k) for block in matcher.get_matching_blocks()
            for k in range(block.size)]


def _headings(truth: Parsed, output: Parsed, counts: dict, examples: dict) -> float:
    pairs = _aligned([t for _, t in truth.headings], [t for _, t in output.headings])
    credit = 0.0
    for i, j in pairs:
        if truth.headings[i][0] == output.headings[j][0]:
            credit += 1
        else:
            credit += 0.5
            examples.setdefault("heading_level", []).append(
                {"text": truth.headings[i][1], "truth": truth.headings[i][0],
                 "output": output.headings[j][0]})
    matched_t = {i for i, _ in pairs}
    matched_o = {j for _, j in pairs}
    missing = [truth.headings[i] for i in range(len(truth.headings)) if i not in matched_t]
    extra = [output.headings[j] for j in range(len(output.headings)) if j not in matched_o]
    examples["headings_missing"] = [f"{'#' * lv} {t}" for lv, t in missing[:EXAMPLES]]
    examples["headings_extra"] = [f"{'#' * lv} {t}" for lv, t in extra[:EXAMPLES]]
    counts.update(truth_headings=len(truth.headings), output_headings=len(output.headings),
                  headings_found=len(pairs),
                  headings_level_right=sum(truth.headings[i][0] == output.headings[j][0]
                                           for i, j in pairs),
                  headings_extra=len(extra))
    denominator = len(truth.headings) + len(extra)
    return 100.0 * credit / denominator if denominator else 100.0


def _notes(truth: Parsed, output: Parsed, counts: dict, examples: dict) -> float:
    pairs = _aligned([n.text for n in truth.notes], [n.text for n in output.notes])
    at_word = sum(truth.notes[i].after == output.notes[j].after for i, j in pairs)
    for i, j in pairs:
        if truth.notes[i].after != output.notes[j].after:
            examples.setdefault("note_call_moved", []).append(
                {"note": truth.notes[i].text[:60], "truth_after": truth.notes[i].after,
                 "output_after": output.notes[j].after})
    matched_o = {j for _, j in pairs}
    leftover = [output.notes[j] for j in range(len(output.notes)) if j not in matched_o]
    truth_bags = [Counter(n.text.split()) for n in truth.notes]
    invented = []
    for note in leftover:
        bag = Counter(note.text.split())
        size = sum(bag.values()) or 1
        if not any(sum((bag & t).values()) / size >= INVENTED_NOTE_OVERLAP for t in truth_bags):
            invented.append(note.text)
    matched_t = {i for i, _ in pairs}
    examples["notes_missing"] = [truth.notes[i].text[:80] for i in range(len(truth.notes))
                                 if i not in matched_t][:EXAMPLES]
    examples["notes_invented"] = [t[:80] for t in invented[:EXAMPLES]]
    counts.update(truth_notes=len(truth.notes), output_notes=len(output.notes),
                  notes_text_found=len(pairs), notes_call_right=at_word,
                  notes_unmatched_output=len(leftover), notes_invented=len(invented))
    denominator = len(truth.notes) + len(leftover)
    return 100.0 * (0.5 * len(pairs) + 0.5 * at_word) / denominator if denominator else 100.0


def _paragraphs(truth: Parsed, output: Parsed, counts: dict, examples: dict) -> float:
    available = Counter(output.blocks)
    found = 0
    for block in truth.blocks:
        if available[block] > 0:
            available[block] -= 1
            found += 1
        elif len(examples.setdefault("paragraphs_missing", [])) < EXAMPLES:
            examples["paragraphs_missing"].append(block[:100])
    counts.update(truth_paragraphs=len(truth.blocks), output_paragraphs=len(output.blocks),
                  paragraphs_found=found)
    return 100.0 * found / len(truth.blocks) if truth.blocks else 100.0


def _words(truth: Parsed, output: Parsed, counts: dict, examples: dict) -> tuple[float, Counter]:
    lost = truth.words - output.words
    invented = output.words - truth.words
    n_truth = sum(truth.words.values())
    counts.update(truth_words=n_truth, output_words=sum(output.words.values()),
                  words_lost=sum(lost.values()), words_invented=sum(invented.values()))
    examples["words_lost"] = [w for w, _ in lost.most_common(EXAMPLES)]
    examples["words_invented"] = [w for w, _ in invented.most_common(EXAMPLES)]
    if not n_truth:
        return (100.0 if not invented else 0.0), lost
    return 100.0 * max(0.0, 1 - (sum(lost.values()) + sum(invented.values())) / n_truth), lost


def numbers_changed(truth_sequence: list[str], output_sequence: list[str]) -> list[tuple[str, str]]:
    """(truth, output) numeric tokens that differ at aligned positions of the two sequences, where
    the truth's number went missing or the output's number is new.

    The sequences are aligned with every numeric token replaced by one placeholder, so that the
    words around a number place it (a list `3. 4.` printed `2. 3.` aligns item by item)."""
    def key(token: str) -> str:
        return "#" if _DIGIT.search(token) else token

    in_truth, in_output = Counter(truth_sequence), Counter(output_sequence)
    # `2 %` read `2%` (an extractor lost a space): the glued token counts as the truth's number,
    # wherever the alignment places it (a table read column by column moves it).
    for word, following in zip(truth_sequence, truth_sequence[1:]):
        glued = word + following
        if _DIGIT.search(word) and in_output[glued] > in_truth[glued] and in_output[word] < in_truth[word]:
            in_output[glued] -= 1
            in_output[word] += 1
    changed = []
    matcher = difflib.SequenceMatcher(None, [key(t) for t in truth_sequence],
                                      [key(t) for t in output_sequence], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op not in ("equal", "replace"):
            continue
        for i, j in zip(range(a0, a1), range(b0, b1)):
            t, o = truth_sequence[i], output_sequence[j]
            if t != o and _DIGIT.search(t) and _DIGIT.search(o) and (
                    in_output[t] < in_truth[t] or in_truth[o] < in_output[o]) and not \
                    _spacing_only(t, truth_sequence[i + 1:i + 2], o):
                changed.append((t, o))
    return changed


def _spacing_only(token: str, following: list[str], other: str) -> bool:
    """`2 %` read as `2%` (an extractor lost a space): the same characters, no number changed.
    Only a join: a number split in two (`291–300.` → `291–` and a list item `300.`) is a change."""
    return bool(following) and token + following[0] == other


def removals(audit: dict | None) -> list[str]:
    """The text of every removal in the audit (all classes), in order."""
    return [str(item.get("text", "")) for items in ((audit or {}).get("removed") or {}).values()
            for item in items]


def joined_by_extractor(truth_sequence: list[str], lost: Counter, invented: Counter) -> Counter:
    """Lost words that the output holds glued to the truth's next word (`2 %` read `2%`): an
    extractor lost the space between them, the normaliser removed neither."""
    joined: Counter = Counter()
    lost, invented = lost.copy(), invented.copy()
    for word, following in zip(truth_sequence, truth_sequence[1:]):
        glued = word + following
        if invented[glued] and lost[word] and lost[following] and (word != following or lost[word] > 1):
            invented[glued] -= 1
            lost[word] -= 1
            lost[following] -= 1
            joined.update((word, following))
    return joined


def furniture_body_words(audit: dict | None, lost: Counter) -> Counter:
    """Words of the removals whose every word is among the words the output lost."""
    remaining, counted = lost.copy(), Counter()
    for text in removals(audit):
        words = Counter(tokens(text))
        if words and not words - remaining:
            counted += words
            remaining -= words
    return counted


def score(truth_md: str, output_md: str, audit: dict | None = None) -> CaseScore:
    """Score one output against its truth; `audit` is the normaliser's audit (for the invariant
    of body words removed as furniture), or None."""
    truth, output = parse(truth_md), parse(output_md)
    counts: dict[str, int] = {}
    examples: dict[str, list] = {}
    parts = {"metadata": _metadata(truth, output, counts, examples),
             "headings": _headings(truth, output, counts, examples),
             "notes": _notes(truth, output, counts, examples),
             "paragraphs": _paragraphs(truth, output, counts, examples)}
    parts["words"], lost = _words(truth, output, counts, examples)
    changed = numbers_changed(truth.sequence, output.sequence)
    furniture = furniture_body_words(audit, lost - joined_by_extractor(
        truth.sequence, lost, output.words - truth.words))
    counts.update(numbers_changed=len(changed), furniture_body_words=sum(furniture.values()))
    examples["numbers_changed"] = [f"{t} → {o}" for t, o in changed[:EXAMPLES]]
    examples["furniture_body_words"] = [w for w, _ in furniture.most_common(EXAMPLES)]
    total = sum(WEIGHTS[k] * v for k, v in parts.items()) / sum(WEIGHTS.values())
    rounded = {k: round(v, 2) for k, v in parts.items()}
    return CaseScore(**rounded, total=round(total, 2), counts=counts,
                     examples={k: v for k, v in examples.items() if v})


INVARIANTS = ("furniture_body_words", "notes_invented", "numbers_changed")
