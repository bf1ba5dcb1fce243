"""Messy "PDF text exports" generated from a known clean document, with the facts to expect.

`generate(Knobs(...))` lays a random but reproducible document (sections, paragraphs of known
words, footnotes) out on pages and dresses it as an export would: running heads or footers, page
numbers, page breaks mid-paragraph or mid-word, page-local footnotes, a printed contents list,
hard-wrapped lines, character debris and a chosen encoding. It returns the raw bytes and the
`Expected` clean facts, so tests can check that the normaliser is not tuned to one document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

HEAD_STYLES = ("bold2", "plain1", "alternating", "footer", "none")
NUMBER_STYLES = ("plain", "dashes", "page_of", "none")
BREAK_STYLES = ("mid_paragraph", "mid_word", "between", "mixed")
MARKER_STYLES = ("circled", "circled_caret", "superscript", "bracket", "caret", "symbol")
DEFINITION_STYLES = ("space", "glued", "caret", "angle")
CONTENTS_STYLES = ("none", "dots", "middots", "tab")
ENCODINGS = ("utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be")

# Ordinary words of the body: lower-case letters only, so digits in the output can only be
# page numbers, and none is an abbreviation the sentence splitter knows.
VOCABULARY = """
people nation market river village garden bridge harbour council treaty culture language
history memory future present season harvest journey border region country city school
teacher student worker farmer engineer doctor science research method practice policy
program agreement network partner neighbour friend leader member village trade energy
climate water forest mountain valley island ocean railway highway port station tower
library museum theatre festival tradition heritage dialogue respect trust balance order
change growth progress effort purpose vision promise courage patience wisdom knowledge
build share open carry offer gather protect support improve extend connect welcome
strong steady bright careful honest gentle modern ancient common mutual shared lasting
green clean quiet rapid broad deep local global rural urban early later together across
among between within beyond toward around along during through
""".split()
# Words with fi/fl, which an export may print with ligatures.
LIGATURE_WORDS = ["financial", "influence", "conflict", "benefit", "flourish", "official",
                  "profile", "reflect", "field", "flow", "confident", "significant"]
# Words an export hyphenates at a line or page end: (head, tail), the tail a known suffix or
# the head no word of its own, so the document's vocabulary decides for joining.
SPLIT_WORDS = {"development": ("develop", "ment"), "civilization": ("civiliza", "tion"),
               "cooperation": ("coopera", "tion"), "governance": ("govern", "ance"),
               "prosperity": ("prosper", "ity"), "international": ("inter", "national"),
               "settlement": ("settle", "ment"), "organization": ("organiza", "tion"),
               "happiness": ("happi", "ness"), "movement": ("move", "ment")}
# Real compounds: a hyphen at their line end stays.
COMPOUNDS = ["well-being", "win-win", "long-term", "cross-border", "self-reliance",
             "high-quality"]
FUNCTION_WORDS = ["the", "a", "of", "and", "in", "for", "with", "to", "on", "by", "as"]
TITLE_WORDS = ["Steady", "Progress", "Shared", "Harbour", "Common", "Ground", "Open", "Roads",
               "Lasting", "Bridges", "Quiet", "Strength", "Green", "Valleys", "Modern", "Ways",
               "Ancient", "Roots", "Bright", "Horizons", "Careful", "Steps", "Global", "Voices"]
# Running heads use words that never occur in the body: any left in the output is furniture.
HEAD_TEXTS = [("Quillmoor Review", "Zanthic Affairs"), ("Velmora Institute", "Yearbook Xerion"),
              ("Okravel Papers", "Jindle Studies")]
ALTERNATE_HEAD = "Brossom Quarterly Kestrin"
TITLE_PAGE = ("Quillmoor Review Zanthic Affairs", "Trevolan Institute")
NOTE_WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
              "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
              "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
# ① to ⑳, then ㉑ to ㉟ and ㊱ to ㊿ (Unicode continues the circled numbers in two more runs).
CIRCLED = "".join(map(chr, [*range(0x2460, 0x2474), *range(0x3251, 0x3260), *range(0x32B1, 0x32C0)]))
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SYMBOLS = ["*", "†", "‡"]


@dataclass(frozen=True)
class Knobs:
    seed: int = 0
    title_page: bool = True
    head: str = "bold2"
    numbers: str = "none"
    breaks: str = "mixed"
    markers: str = "circled_caret"
    continuous: bool = False  # note numbering: continuous, or restarting on each page
    definitions: str = "space"
    url_notes: float = 0.6  # share of notes whose body is a URL
    continued_definition: bool = False
    endnotes: bool = False
    contents: str = "none"
    contents_wrap: str = "tab"  # how the long entry's first line ends: "tab" or "plain"
    roman_sections: bool = True
    section_intro: bool = True  # a paragraph between a section heading and its first subsection
    crlf: bool = False
    encoding: str = "utf-8"
    ligatures: bool = False
    soft_hyphens: bool = False
    nbsp: bool = False
    hard_wrap: bool = True
    page_words: int = 100

    def problems(self) -> list[str]:
        """Why these knobs cannot make a document ([] when they can)."""
        found = []
        narrow = self.encoding in ("latin-1", "cp1252")
        if narrow and (self.markers in ("circled", "circled_caret", "superscript") or self.ligatures):
            found.append("circled and superscript markers (beyond ³) and ligatures are not in Latin-1")
        if self.encoding == "latin-1" and (self.numbers == "dashes" or self.markers == "symbol"
                                           or self.contents == "middots"):
            found.append("dashes and daggers are not in Latin-1")
        if self.markers == "symbol" and (self.continuous or self.endnotes or self.continued_definition):
            found.append("symbol markers restart on every page")
        if self.endnotes and self.markers in ("circled", "circled_caret"):
            found.append("endnotes are numbered, not circled")
        if self.endnotes and self.continued_definition:
            found.append("endnotes are not cut by page ends")
        if self.definitions == "caret" and self.markers not in ("circled", "circled_caret"):
            found.append("only circled definitions carry a caret")
        if self.continued_definition and self.url_notes >= 1:
            found.append("a continued definition needs text notes")
        return found


@dataclass
class Note:
    paragraph: int  # index into Expected.paragraphs
    after: str  # the word the marker follows, case-folded
    text: str


@dataclass
class Expected:
    paragraphs: list[list[str]]  # words of each body paragraph, in order
    headings: list[tuple[int, str]]  # (level, title) in order
    notes: list[Note]  # in reading order
    furniture: list[str]  # running head and footer lines
    page_numbers: list[str]  # page number lines as printed
    title: str = ""
    cut_paragraphs: list[int] = field(default_factory=list)  # paragraphs a page break cut
    paragraph_breaks: int = 0  # page breaks that fall between two paragraphs


@dataclass
class _Token:
    word: str  # the bare word
    tail: str = ""  # punctuation after it
    note: int | None = None  # index into the note list
    compound_seen: bool = False

    def render(self, label: str = "") -> str:
        return self.word + self.tail + label


@dataclass
class _Para:
    tokens: list[_Token]
    index: int


@dataclass
class _Heading:
    level: int
    title: str


def generate(knobs: Knobs) -> tuple[bytes, Expected]:
    problems = knobs.problems()
    if problems:
        raise ValueError("; ".join(problems))
    rng = random.Random(knobs.seed)
    items, note_texts = _document(rng, knobs)
    text, expected = _layout(rng, knobs, items, note_texts)
    if knobs.crlf:
        text = text.replace("\n", "\r\n")
    return text.encode(knobs.encoding), expected


# --- the clean document ---------------------------------------------------------------------


def _sentence(rng: random.Random, knobs: Knobs, seen: set[str]) -> list[_Token]:
    words = []
    for _ in range(rng.randint(7, 15)):
        roll = rng.random()
        if roll < 0.3:
            words.append(rng.choice(FUNCTION_WORDS))
        elif roll < 0.4:
            words.append(rng.choice(list(SPLIT_WORDS)))
        elif roll < 0.47:
            words.append(rng.choice(COMPOUNDS))
        elif roll < 0.55:
            words.append(rng.choice(LIGATURE_WORDS))
        else:
            words.append(rng.choice(VOCABULARY))
    words[0] = words[0][0].upper() + words[0][1:]
    tokens = []
    for word in words:
        token = _Token(word, compound_seen=word in seen)
        if "-" in word:
            seen.add(word)
        tokens.append(token)
    if len(tokens) > 8 and rng.random() < 0.4:
        tokens[rng.randint(3, len(tokens) - 3)].tail = ","
    tokens[-1].tail = "."
    return tokens


def _document(rng: random.Random, knobs: Knobs) -> tuple[list, list[str]]:
    items: list = []
    note_texts: list[str] = []
    seen: set[str] = set()
    # The first paragraph uses every compound whole: the document's own evidence for them.
    intro = [_Token(w) for w in ["Readers", "of", "this", "report", "value"]]
    for word in COMPOUNDS:
        intro.append(_Token(word, ","))
        seen.add(word)
    intro.append(_Token("and", ""))
    intro.append(_Token("more", "."))
    paragraphs = [_Para(intro + _sentence(rng, knobs, seen), 0)]
    items.append(paragraphs[0])
    sections = rng.randint(2, 3)
    used_titles: set[str] = set()
    for section in range(sections):
        subsections = rng.randint(1, 3)
        if knobs.roman_sections:
            items.append(_Heading(1, f"{ROMAN[section]}. {_title(rng, used_titles)}"))
            if knobs.section_intro:
                para = _Para(_sentence(rng, knobs, seen) + _sentence(rng, knobs, seen), len(paragraphs))
                paragraphs.append(para)
                items.append(para)
        for sub in range(subsections):
            number = f"{sub + 1}." if knobs.roman_sections else f"{len([i for i in items if isinstance(i, _Heading)]) + 1}."
            level = 2 if knobs.roman_sections else 1
            items.append(_Heading(level, f"{number} {_title(rng, used_titles)}"))
            for _ in range(rng.randint(1, 3)):
                tokens = [t for _ in range(rng.randint(2, 5)) for t in _sentence(rng, knobs, seen)]
                para = _Para(tokens, len(paragraphs))
                paragraphs.append(para)
                items.append(para)
    # Notes: on about one paragraph in two, after a word or after a sentence's period.
    for para in paragraphs[1:]:
        if rng.random() < 0.55:
            for _ in range(rng.choice([1, 1, 2])):
                candidates = [i for i, t in enumerate(para.tokens[1:], 1) if t.note is None
                              and t.tail in ("", ".")]
                position = rng.choice(candidates)
                para.tokens[position].note = len(note_texts)
                note_texts.append(_note_text(rng, knobs, len(note_texts)))
    return items, note_texts


def _title(rng: random.Random, used: set[str]) -> str:
    while True:
        title = " ".join(rng.sample(TITLE_WORDS, rng.randint(2, 4)))
        if title not in used:
            used.add(title)
            return title


def _note_text(rng: random.Random, knobs: Knobs, number: int) -> str:
    tag = NOTE_WORDS[number % len(NOTE_WORDS)] + (str(number // len(NOTE_WORDS)) if number >= len(NOTE_WORDS) else "")
    if rng.random() < knobs.url_notes:
        return f"https://www.example.org/archive/2023/{tag}/item-{number + 1}.html"
    return _text_note(rng, number)


def _text_note(rng: random.Random, number: int) -> str:
    tag = NOTE_WORDS[number % len(NOTE_WORDS)] + (str(number // len(NOTE_WORDS)) if number >= len(NOTE_WORDS) else "")
    words = " ".join(rng.sample(VOCABULARY, rng.randint(4, 9)))
    return f"See the {tag} record on {words} in the council archive."


# --- pages ----------------------------------------------------------------------------------


@dataclass
class _Page:
    body: list = field(default_factory=list)  # lists of rendered tokens (fragments) and headings
    definitions: list[tuple[str, int]] = field(default_factory=list)  # (label, note index)
    carried: str = ""  # continuation of the previous page's last definition
    words: int = 0


def _layout(rng: random.Random, knobs: Knobs, items: list, note_texts: list[str]) -> tuple[str, Expected]:
    pages: list[_Page] = [_Page()]
    labels: dict[int, str] = {}
    expected_notes: list[Note] = []
    by_note: dict[int, Note] = {}
    cut: list[int] = []
    between = 0
    budget = knobs.page_words
    force_between = False  # the page after a continued definition ends at a paragraph end
    counter = 0  # continuous numbering

    def label_for(page: _Page, note: int) -> str:
        nonlocal counter
        counter += 1
        number = counter if knobs.continuous or knobs.endnotes else len(page.definitions) + 1
        return _marker(knobs, number)

    def new_page() -> _Page:
        nonlocal force_between
        page = _Page()
        pages.append(page)
        return page

    for position, item in enumerate(items):
        page = pages[-1]
        if isinstance(item, _Heading):
            if page.words >= budget * 0.8:
                between += _count_between(pages[-1], items, position)
                page = new_page()
            page.body.append(item)
            page.words += 3
            continue
        if page.words >= budget:
            between += _count_between(page, items, position)
            page = new_page()
        fragment: list[str] = []
        page.body.append(fragment)
        tokens = item.tokens
        index = 0
        was_cut = False
        while index < len(tokens):
            token = tokens[index]
            mode = knobs.breaks if knobs.breaks != "mixed" else rng.choice(["mid_paragraph", "mid_word", "between"])
            remaining = len(tokens) - index
            page_full = page.words >= budget and remaining > 3 and not force_between
            # Three symbols (*, †, ‡) are all a page has: a page with three notes ends early.
            symbol_full = knobs.markers == "symbol" and len(page.definitions) == 3 and any(
                t.note is not None for t in tokens[index:])
            if (symbol_full and _breakable(tokens, index, "mid_paragraph")) or (
                    page_full and mode != "between" and _breakable(tokens, index, mode)):
                if mode == "mid_word" and token.word in SPLIT_WORDS and token.note is None:
                    head, tail = SPLIT_WORDS[token.word]
                    fragment.append(head + "-")
                    page = new_page()
                    fragment = [tail + token.tail]
                else:
                    page = new_page()
                    fragment = []
                page.body.append(fragment)
                was_cut = True
                if fragment:
                    index += 1
                    page.words += 1
                    continue
            if token.note is not None and knobs.markers == "symbol" and len(page.definitions) == 3:
                token.note = None  # no break could come before it: the note is left out
            if token.note is not None:
                label = label_for(page, token.note)
                labels[token.note] = label
                if not knobs.endnotes:
                    page.definitions.append((label, token.note))
                by_note[token.note] = Note(item.index, _words(token.word)[-1], note_texts[token.note])
                expected_notes.append(by_note[token.note])
                fragment.append(token.render(label))
            else:
                fragment.append(token.render())
            page.words += 1
            index += 1
        if was_cut:
            cut.append(item.index)
        if force_between and page.words >= budget and position + 1 < len(items):
            force_between = False
        if knobs.continued_definition and not any(p.carried for p in pages) and page.definitions \
                and page.words >= budget * 0.6 and position + 2 < len(items):
            # The page's last definition runs on to the next page, printed there just above
            # that page's own definitions; the next page ends at a paragraph end.
            label, note = page.definitions[-1]
            note_texts[note] = _text_note(rng, note)
            by_note[note].text = note_texts[note]
            words = note_texts[note].split()
            page.carried = " ".join(words[:len(words) // 2])
            next_page = new_page()
            next_page.carried = "\x00" + " ".join(words[len(words) // 2:])
            force_between = True
    paragraphs = [[w for t in item.tokens for w in _words(t.word)] for item in items if isinstance(item, _Para)]
    headings = [(item.level, item.title) for item in items if isinstance(item, _Heading)]
    text, furniture, numbers = _render(rng, knobs, pages, note_texts)
    if knobs.endnotes:
        # Endnotes are numbered in the order their markers were labelled (reading order).
        text += "\n\nNotes\n\n" + "\n\n".join(
            f"{number}. {note_texts[note]}" for number, note in enumerate(labels, start=1)) + "\n"
    title = TITLE_PAGE[0] if knobs.title_page else ""
    expected = Expected(paragraphs, headings, expected_notes, furniture, numbers, title, cut, between)
    prefix = _front(knobs, headings)
    return prefix + text, expected


def _count_between(page: _Page, items: list, position: int) -> int:
    return 1 if page.body and isinstance(page.body[-1], list) and isinstance(items[position], _Para) else 0


def _breakable(tokens: list[_Token], index: int, mode: str) -> bool:
    """A page may end before token `index` only mid-sentence: a sentence end there would make
    two complete paragraphs, which no reader could tell from a paragraph break."""
    if index == 0 or tokens[index - 1].tail == "." or tokens[index - 1].note is not None:
        return False
    if mode == "mid_word":
        return tokens[index].word in SPLIT_WORDS and tokens[index].note is None
    return True


def _words(word: str) -> list[str]:
    return [w.casefold() for w in word.split("-") if w]


def _marker(knobs: Knobs, number: int) -> str:
    if knobs.markers == "circled":
        return CIRCLED[number - 1]
    if knobs.markers == "circled_caret":
        return "^" + CIRCLED[number - 1]
    if knobs.markers == "superscript":
        return str(number).translate(SUPERSCRIPT)
    if knobs.markers == "bracket":
        return f"[{number}]"
    if knobs.markers == "caret":
        return f"^{number}"
    return SYMBOLS[number - 1]


def _definition(knobs: Knobs, label: str, text: str) -> str:
    if knobs.markers == "caret":  # `^1 text`: the caret stays and a space must follow
        return f"{label} <{text}>" if knobs.definitions == "angle" and text.startswith("http") else f"{label} {text}"
    label = label.lstrip("^")
    if knobs.definitions == "glued":
        return f"{label}{text}"
    if knobs.definitions == "caret":
        return f"^{label} {text}"
    if knobs.definitions == "angle" and text.startswith("http"):
        return f"{label} <{text}>"
    return f"{label} {text}"


def _render(rng: random.Random, knobs: Knobs, pages: list[_Page], note_texts: list[str]) -> tuple[str, list[str], list[str]]:
    head_top, head_bottom = HEAD_TEXTS[knobs.seed % len(HEAD_TEXTS)]
    furniture: list[str] = []
    numbers: list[str] = []
    out: list[str] = []
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        blocks: list[str] = []
        head = _head(knobs, number, head_top, head_bottom)
        if head and knobs.head != "footer":
            blocks.append(head)
            furniture.append(head)
        for part in page.body:
            if isinstance(part, _Heading):
                blocks.append(part.title)
            elif part:
                blocks.append(_wrap(rng, knobs, [_noise(rng, knobs, w) for w in part]))
        if page.carried.startswith("\x00"):
            blocks.append(page.carried[1:])
        for label, note in page.definitions:
            text = note_texts[note]
            if page.carried and not page.carried.startswith("\x00") and note == page.definitions[-1][1]:
                text = page.carried
            blocks.append(_definition(knobs, label, text))
        if head and knobs.head == "footer":
            blocks.append(head)
            furniture.append(head)
        printed = _page_number(knobs, number, total)
        if printed:
            blocks.append(printed)
            numbers.append(printed)
        separator = "\n\n\f\n\n" if knobs.head == "none" and knobs.numbers == "none" and rng.random() < 0.5 else "\n\n"
        out.append("\n\n".join(blocks) + separator)
    return "".join(out).rstrip("\n\f") + "\n", furniture, numbers


def _head(knobs: Knobs, number: int, top: str, bottom: str) -> str:
    if knobs.head == "bold2":
        return f"**{top}\n{bottom}**"
    if knobs.head in ("plain1", "footer"):
        return f"{top} {bottom}"
    if knobs.head == "alternating":
        return f"{top} {bottom}" if number % 2 else ALTERNATE_HEAD
    return ""


def _page_number(knobs: Knobs, number: int, total: int) -> str:
    if knobs.numbers == "plain":
        return str(number)
    if knobs.numbers == "dashes":
        return f"— {number} —"
    if knobs.numbers == "page_of":
        return f"Page {number} of {total}"
    return ""


def _noise(rng: random.Random, knobs: Knobs, word: str) -> str:
    if knobs.ligatures and ("fi" in word or "fl" in word) and rng.random() < 0.7:
        word = word.replace("fi", "\ufb01").replace("fl", "\ufb02")
    if knobs.soft_hyphens and len(word) > 7 and "-" not in word and rng.random() < 0.3:
        cut = rng.randint(3, len(word) - 4)
        if word[cut - 1].isalpha() and word[cut].isalpha():
            word = word[:cut] + "\u00ad" + word[cut:]
    return word


def _wrap(rng: random.Random, knobs: Knobs, tokens: list[str]) -> str:
    """Lines of about the export's measure; ordinary words hyphenated at line ends."""
    if not knobs.hard_wrap:
        return _join(rng, knobs, tokens)
    width = rng.randint(55, 80)
    lines: list[list[str]] = [[]]
    length = 0
    for token in tokens:
        if length + len(token) > width and lines[-1]:
            bare = token.rstrip(".,")
            if bare in SPLIT_WORDS and rng.random() < 0.6:
                head, tail = SPLIT_WORDS[bare]
                lines[-1].append(head + "-")
                lines.append([tail + token[len(bare):]])
                length = len(lines[-1][0])
                continue
            if bare in COMPOUNDS and token == bare and rng.random() < 0.6:
                first, _, second = bare.partition("-")
                lines[-1].append(first + "-")
                lines.append([second + token[len(bare):]])
                length = len(lines[-1][0])
                continue
            lines.append([])
            length = 0
        lines[-1].append(token)
        length += len(token) + 1
    return "\n".join(_join(rng, knobs, line) for line in lines)


def _join(rng: random.Random, knobs: Knobs, tokens: list[str]) -> str:
    out = ""
    for index, token in enumerate(tokens):
        if index:
            out += "\u00a0" if knobs.nbsp and rng.random() < 0.1 else " "
        out += token
    return out


def _front(knobs: Knobs, headings: list[tuple[int, str]]) -> str:
    blocks = []
    if knobs.title_page:
        blocks.append(f"**{TITLE_PAGE[0]}**")
        blocks.append(TITLE_PAGE[1])
    if knobs.contents != "none":
        blocks.append("Contents")
        lines = []
        for index, (level, title) in enumerate(headings):
            page = 3 + 2 * index
            if index == 1:  # one entry wraps over two lines
                words = title.split()
                half = max(2, len(words) // 2)
                first, rest = " ".join(words[:half]), " ".join(words[half:]) or "More"
                end = "\t" if knobs.contents_wrap == "tab" else ""
                lines.append(f"{first}{end}")
                lines.append(_contents_line(knobs, rest, page))
                continue
            lines.append(_contents_line(knobs, title, page))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n\n" if blocks else "")


def _contents_line(knobs: Knobs, title: str, page: int) -> str:
    if knobs.contents == "dots":
        return f"{title} {'.' * 12} {page}"
    if knobs.contents == "middots":
        return f"{title} ······ {page}"
    return f"{title}\t{page}"
