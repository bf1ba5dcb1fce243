"""Hard-wrapped lines inside a paragraph become one line; end-of-line hyphens are decided
from the document's own vocabulary (`develop-`/`ment` joins, `well-`/`being` keeps its hyphen).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from .model import BULLETS, CIRCLED, LETTERED, NUMBERING_ABBREVIATION, SUPERSCRIPTS, SYMBOLS, Block, State, strip_tokens
from .words import words, words_of_tokens
from .lazy_re import lazy_compile

# A line that opens a list item or a footnote definition starts a block of its own.
ITEM_START = lazy_compile(rf"^(?:[{BULLETS}]\s+|\d{{1,3}}[.)]\s+|\[\d{{1,3}}\]\s*|\^?[{CIRCLED}]|[{SUPERSCRIPTS}]+\s*\S"
                        rf"|[{SYMBOLS.replace('*', '')}]+\s*\S|{LETTERED.pattern})")  # `*` opens a bullet item above
_NUMBERED = lazy_compile(r"^(\d{1,3})[.)]\s|^\[(\d{1,3})\](?![.,;:])")
_CITATION = lazy_compile(r"^\[\d{1,3}(?:[,–-]\s*\d{1,3})*\][.,;:)]")
_CLAUSE_END = lazy_compile(r"[.!?:;…][”’\"')\]]*\s*$")


# How far back a numbered line looks for the item it follows on from (an item wraps over a few
# lines; the bound keeps long unbroken exports linear).
ITEM_LOOKBACK = 12


def starts_item(lines: list[str], index: int) -> bool:
    """Does `lines[index]` (plain text of one block) open a list item or a note definition?
    A number (`3.`, `[3]`) opens an item only as a list goes: 1, one more than a number opening an
    item just before it, or after a line that closes a sentence or clause; a wrapped number
    (`pages 291–` / `300. ACM`) or citation (`year` / `[4]. The`) does not."""
    line = lines[index]
    if not ITEM_START.match(line):
        return False
    if LETTERED.match(line):  # `(a)`, `(iv)`: only where the line above closes a clause
        return index == 0 or bool(_CLAUSE_END.search(lines[index - 1]))
    if _CITATION.match(line):  # `[4].` wrapped to a line start closes a sentence: a citation
        return False
    numbered = _NUMBERED.match(line)
    if not numbered or index == 0 or _CLAUSE_END.search(lines[index - 1]):
        return True
    number = int(numbered.group(1) or numbered.group(2))
    if number == 1:
        return True
    previous = re.compile(rf"(?:^|\s)(?:{number - 1}[.)]\s|\[{number - 1}\])")
    return any(previous.search(text) for text in lines[max(0, index - ITEM_LOOKBACK):index])


# Suffixes that only ever end a word: "develop-" + "ment" is one word, not a compound.
SUFFIXES = ("ment", "ments", "tion", "tions", "sion", "sions", "ing", "ings", "ness", "ity",
            "ities", "ance", "ances", "ence", "ences", "able", "ible", "ous", "ive", "ful",
            "less", "ly", "al", "ally", "ation", "ations", "ism", "ist", "ists", "ize", "ized",
            "ise", "ised", "ed", "er", "ers", "est", "ship", "hood", "ward", "wards", "ure", "ures")
_COMPOUND = lazy_compile(r"[^\W\d_]+-[^\W\d_]+")
_WORD_END = lazy_compile(r"([^\W\d_]+)-$")
_WORD_START = lazy_compile(r"^([^\W\d_]+)")
# The token cut at a line-end hyphen holds another hyphen between letters on either side of the
# cut: `nail-to-` / `nail`, `state-` / `of-the-art`.
_CHAIN_END = lazy_compile(r"[^\W\d_]-[^\W\d_]+-$")
_CHAIN_START = lazy_compile(r"^[^\W\d_]+-[^\W\d_]")
_RUN_END = lazy_compile(r"[^\W_]+$")      # letters and digits: what the accounting calls a word
_RUN_START = lazy_compile(r"^[^\W_]+")
# An em dash set closed up (`visitors—who`), cut at a line end: the line ends `word—` or the next
# opens `—word`. Joined without a space unless the document spaces its em dashes within lines
# more often than it closes them up (`summer — often`): the break was the typesetter's, not a
# space. With no other dash to say so, the dash's own side is the evidence: glued to its word
# there, it is set closed up (a spaced dash stands apart from the words on both sides).
EM_DASH = "\u2014"
_DASH_CLOSED_END = lazy_compile(r"[^\W_][’”'\")\]]?\u2014$")
_DASH_CLOSED_START = lazy_compile(r"^\u2014[^\W_]")
CLOSED_DASHES = "-em-dash:closed"  # the vocabulary's counts of the two styles
SPACED_DASHES = "-em-dash:spaced"
# A line ending inside a web address (its scheme or `www.` and no space since), and a line opening
# with the rest of one: lower case or digits, no space, a path's slash within (`wa.pl/konferencje/…`;
# a line opening with a word, `for details`, is the sentence going on).
_URL_END = lazy_compile(r"(?:https?://|www\.)\S*[\w.]$")  # (a hyphen ending it: decided as any)
_URL_REST = lazy_compile(r"^[a-z0-9][\w.\-~%]*/\S*")
# A line ending at a hyphen inside a web address (`https://www.example-` / `hb.nhs.uk/…`).
_URL_HYPHEN_END = lazy_compile(r"(?:https?://|www\.)\S*-$")
_VOWEL = lazy_compile(r"[aeiouyàáâäãåæèéêëìíîïòóôöõøœùúûüý]", re.I)
_EMPTY = re.match("", "")  # a match of nothing: `.group(0)` is ""
SOFT_HYPHEN = "\u00ad"
# Hyphenation patterns for the line-end hyphen test: the document's `lang`, else this; a bare
# language takes its commonest region's patterns (as the PDF renderer does).
DEFAULT_LANG = "en"
# A hyphenated compound elsewhere whose second part opens with this many letters of the line's
# second half is the same compound in another form.
STEM_CHARS = 6
MIN_PREFIX = 3
PATTERN_REGION = {"en": "en_US"}


def unwrap_lines(state: State) -> State:
    vocabulary = document_vocabulary(state)
    out: list[Block] = []
    for block in state.blocks:
        if len(block.lines) == 1 or block.kind == "code":  # (a code block's lines stay lines)
            out.append(block)
            continue
        for piece in _split_items(block):
            text = piece.lines[0]
            for line in piece.lines[1:]:
                text = join_lines(text, line, vocabulary, state, piece.start)
            piece.lines = [text]
            out.append(piece)
    state.blocks = out
    return state


# What a line (or a page's last paragraph) may end with when it cuts a word in two.
CUT = ("-", "\u2010", SOFT_HYPHEN)


def without_cut_halves(blocks: list[Block]) -> list[str]:
    """The blocks' texts without the halves of the words cut at a line end (`eigh-` / `teen`)
    or at a page end (a block ending `eigh-`, the next block opening with a letter opening
    `teen`). The halves are no words
    of the document: counted, every split would find both its halves in the vocabulary and
    read as a compound of two words."""
    texts, cut_before = [], False
    for block in blocks:
        lines = [line.split() for line in block.lines]
        opening = lines[0][0] if lines and lines[0] else ""
        if cut_before and opening[:1].isalpha():  # the next text block: notes (`1 Text`) between
            if opening[:1].islower():
                lines[0].pop(0)
            cut_before = False
        for index, tokens in enumerate(lines[:-1]):
            if tokens and tokens[-1].endswith(CUT) and lines[index + 1]:
                tokens.pop()
                lines[index + 1].pop(0)
        if lines and lines[-1] and lines[-1][-1].endswith(CUT):
            lines[-1].pop()
            cut_before = True
        texts.append("\n".join(" ".join(tokens) for tokens in lines))
    return texts


# The metadata whose words are the document's own too: its title and subtitle, which the title
# page and the running heads print (`Can Everyone Hear the Siren?` where the text cuts
# `every-` / `one`), taken out of the blocks before the lines are joined.
TITLE_FIELDS = ("title", "subtitle")


def document_vocabulary(state: State) -> Counter:
    """Words and hyphenated compounds of the whole document (its title's too), measured once
    per document."""
    if state.vocabulary is None:
        titles = [str(meta[field]) for meta in (state.meta, state.file_meta) for field in TITLE_FIELDS
                  if meta.get(field)]
        state.vocabulary = vocabulary_of(without_cut_halves(state.blocks) + titles)
    return state.vocabulary


def text_vocabulary(text: str) -> Counter:
    """The vocabulary of a text before it is cut into blocks (the lines of one block)."""
    return vocabulary_of(without_cut_halves([Block(text.split("\n"), 1, 1)]))


def vocabulary_of(texts: list[str]) -> Counter:
    tokens = Counter(strip_tokens("\n".join(texts)).split())
    vocabulary = words_of_tokens(tokens)
    # Hyphenated compounds seen whole ("well-being") vote for keeping a hyphen, and so do their
    # parts: a first part (`twenty-` of `twenty-five`) or a last (`-gauge` of `narrow-gauge`)
    # that the document prints in a compound elsewhere.
    for token, times in tokens.items():
        if EM_DASH in token:  # how the document sets its em dashes: closed up or spaced
            if token == EM_DASH:
                vocabulary[SPACED_DASHES] += times
            elif EM_DASH in token.strip(EM_DASH):
                vocabulary[CLOSED_DASHES] += times
        if "-" in token:  # the few hyphenated tokens; a regex over all the text costs more
            for compound in _COMPOUND.findall(token.casefold()):
                vocabulary["-" + compound] += times
                parts = compound.split("-")
                vocabulary["-prefix:" + parts[0]] += times
                vocabulary["-suffix:" + parts[-1]] += times
    return vocabulary


def join_lines(left: str, right: str, vocabulary: Counter, state: State, line: int) -> str:
    """Join two pieces of one paragraph cut at a line or page end, deciding a trailing hyphen."""
    left, right = left.rstrip(), right.lstrip()
    if left.endswith(("-", SOFT_HYPHEN)) and left[-2:-1].isdigit() and right[:1].isalnum():
        # Hyphenation never breaks a number: a hyphen (or a soft one, as typst writes a printed
        # hyphen it broke the line at) after a digit is the compound's own (`44-` / `tonne`).
        if left.endswith(SOFT_HYPHEN):
            state.audit.change("hyphen_kept", line, f"{left[:-1].rsplit(' ', 1)[-1]}\u00ad",
                               f"{left[:-1].rsplit(' ', 1)[-1]}-")
        return f"{left[:-1]}-{right}"
    # The typesetter's own break inside a word: joined, unless a number follows (no word goes on
    # with digits: the next cell of a table read out of order, `irriga­` / `9.8`).
    if left.endswith(SOFT_HYPHEN) and not right[:1].isdigit():
        whole_first = (_RUN_END.search(strip_tokens(left)[:-1]) or _EMPTY).group(0)
        whole_second = (_RUN_START.search(strip_tokens(right)) or _EMPTY).group(0)
        state.audit.change("dehyphenated", line, f"{whole_first}\u00ad {whole_second}", whole_first + whole_second)
        state.audit.joined.update(words(whole_first + whole_second))
        state.audit.joined_parts.update(words(whole_first) + words(whole_second))
        return f"{left[:-1]}{right}"
    head = _WORD_END.search(strip_tokens(left))
    tail = _WORD_START.search(strip_tokens(right))
    if left.endswith(("–", "‒")) and left[-2:-1].isdigit() and right[:1].isdigit():
        return f"{left}{right}"  # a number range wrapped at its dash: `291–` / `300`
    if left.endswith("/") and left[-2:-1].strip() and right[:1].isalnum():
        return f"{left}{right}"  # a line broken after a slash, as typesetters do: `(Mm³/` / `yr)`
    if _URL_END.search(strip_tokens(left)) and _URL_REST.match(strip_tokens(right)):
        # A web address broken inside a word, without a hyphen (typst breaks one anywhere):
        # `https://www.muzeumwlok` / `iennictwa.pl/konferencje/…`: one address again.
        whole_first = (_RUN_END.search(strip_tokens(left)) or _EMPTY).group(0)
        whole_second = (_RUN_START.search(strip_tokens(right)) or _EMPTY).group(0)
        state.audit.change("address_joined", line, f"{whole_first} {whole_second}", whole_first + whole_second)
        state.audit.joined.update(words(whole_first + whole_second))
        state.audit.joined_parts.update(words(whole_first) + words(whole_second))
        return f"{left}{right}"
    if not (head and tail and left.endswith("-")):
        if vocabulary[CLOSED_DASHES] >= vocabulary[SPACED_DASHES] and (
                _DASH_CLOSED_END.search(left) and right[:1].isalnum()
                or left[-1:].isalnum() and _DASH_CLOSED_START.match(right)):
            return f"{left}{right}"
        return f"{left} {right}"
    first, second = head.group(1), tail.group(1)
    lang = str(state.file_meta.get("lang") or state.meta.get("lang") or DEFAULT_LANG)
    chained = bool(_CHAIN_END.search(strip_tokens(left)) or _CHAIN_START.match(strip_tokens(right)))
    if _URL_HYPHEN_END.search(strip_tokens(left)) and address_hyphen(first.casefold(), second.casefold(),
                                                                     vocabulary) \
            or keep_hyphen(first.casefold(), second if not second[:1].islower() else second.casefold(),
                    vocabulary, lang, chained):
        state.audit.change("hyphen_kept", line, f"{first}- {second}", f"{first}-{second}")
        return f"{left}{right}"
    state.audit.change("dehyphenated", line, f"{first}- {second}", first + second)
    # Counted as the accounting counts words: whole runs of letters and digits (`p-`/`t3` makes
    # `pt3`), and a marker glued to a half (`①well-`) is no letter.
    whole_first = _RUN_END.search(strip_tokens(left)[:-1]).group(0)
    whole_second = _RUN_START.search(strip_tokens(right)).group(0)
    state.audit.joined.update(words(whole_first + whole_second))
    state.audit.joined_parts.update(words(whole_first) + words(whole_second))
    return f"{left[:-1]}{right}"


def keep_hyphen(first: str, second: str, vocabulary: Counter, lang: str = DEFAULT_LANG,
                chained: bool = False) -> bool:
    """Decide from the document's own usage, in order of the strength of the evidence.
    `chained`: the hyphen is one of several joining the token's parts (`state-` / `of-the-art`,
    `nail-to-` / `nail`)."""
    if not second[:1].islower():  # "China-" / "Africa", "develop-" / "Notes": not a split word
        return True
    if vocabulary[f"-{first}-{second}"]:  # the compound appears whole elsewhere
        return True
    stem = f"-{first}-{second[:STEM_CHARS]}"
    if len(second) >= STEM_CHARS and any(key.startswith(stem) for key in vocabulary if key[:1] == "-"):
        return True  # …or another form of it (`inter-civilization`, `inter-civilizational`)
    if vocabulary[first + second]:  # the joined word appears elsewhere
        return False
    if second in SUFFIXES:  # a bare suffix (`state-` / `ments`) is no word of its own
        return False
    if chained and (vocabulary[first] or vocabulary[second]):
        # A chain of words (`state-of-the-art`, `little-and-often`) cut at one of its hyphens
        # leaves a word of the document on one side (`of`, `and`); cut inside a part
        # (`traffic-calm-` / `ing`, `well-estab-` / `lished`), it leaves syllables.
        return True
    if vocabulary[f"-suffix:{second}"] and vocabulary[first]:
        return True  # `two-` / `storey` where the document prints `three-storey`: a compound's part
    # "inter-" used as a hyphenated prefix elsewhere, or joined to its word (`international`,
    # `interconnected`): a document writing it both ways is read the way it writes it more often.
    # (Words of two letters, `to`, `co`, open too many others to count as their joined uses.)
    hyphenated = vocabulary[f"-prefix:{first}"]
    joined = _joined_with(first, vocabulary) if len(first) >= MIN_PREFIX else 0
    if hyphenated or joined:
        return hyphenated >= joined
    if not _pattern_allows(first, second, lang):
        # The language's hyphenation patterns never break the joined word there (`profit-` /
        # `oriented`, `state-` / `owned`): a typesetter would not have, the hyphen is its own.
        return True
    # Two words of the document's own ("well" + "being") make a compound; else a split word. A
    # word of two letters (`of`, `be`, `in`) opens too many words (`of-` / `ten`, `be-` / `came`,
    # `in-` / `door`) for its standing as a word to say so: a compound opening with one is
    # printed whole or with its prefix elsewhere (above), or the patterns never break it there.
    return len(first) >= MIN_PREFIX and bool(vocabulary[first] and vocabulary[second])


def continues_address(line: str, following: str) -> bool:
    """Does `following` go on with the web address `line` ends inside (`…/www.example-assembly.` /
    `gov.uk/committees/…`: typst breaks an address anywhere, even after a dot)?"""
    return bool(_URL_END.search(strip_tokens(line).rstrip()) and _URL_REST.match(strip_tokens(following).lstrip()))


def address_hyphen(first: str, second: str, vocabulary: Counter) -> bool:
    """Is a hyphen ending a line inside a web address the address's own (`example-` / `hb.nhs.uk`,
    `seed-` / `longevity/`)? An address joins its words with hyphens (a slug, a host name), and
    the prose around it says nothing of its made-up words, so the document's vocabulary is read
    more loosely than for a word of the text (`keep_hyphen`): the hyphen stays where the part
    after it has no vowel (no syllable a hyphenation cuts off lacks one: `hb`, `lcrm`), or is a
    word of the document while the joined word is not and the part before it is no bare
    syllable (MIN_PREFIX letters: `de-` / `tail` is `detail` cut). Else `keep_hyphen` decides
    (`govern-` / `ment`, `skerrowhis-` / `tory`: joined)."""
    if not _VOWEL.search(second):
        return True
    return len(first) >= MIN_PREFIX and second not in SUFFIXES and bool(vocabulary[second]) \
        and not vocabulary[first + second]


def _joined_with(prefix: str, vocabulary: Counter) -> int:
    """How often the document writes `prefix` joined to a longer word."""
    size = len(prefix)
    return sum(times for word, times in vocabulary.items()
               if len(word) > size + 2 and word.startswith(prefix) and word[size].isalpha())


@functools.lru_cache(maxsize=16)
def _hyphenator(lang: str):
    import pyphen

    named = lang if "-" in lang else PATTERN_REGION.get(lang.casefold(), lang)
    for candidate in (named.replace("-", "_"), named.split("-")[0]):
        if candidate and candidate in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=candidate, left=1, right=1)
    return None


def _pattern_allows(first: str, second: str, lang: str) -> bool:
    """Do the language's hyphenation patterns (pyphen's, the ones the PDF renderer uses) allow a
    break between `first` and `second`? True when no patterns are known for the language."""
    hyphenator = _hyphenator(lang)
    if hyphenator is None:
        return True
    return len(first) in hyphenator.positions(first + second)


def _split_items(block: Block) -> list[Block]:
    if block.one_paragraph:  # the reader saw one paragraph (PDF geometry)
        return [block]
    pieces: list[Block] = []
    plain = [strip_tokens(line) for line in block.lines]
    for offset, line in enumerate(block.lines):
        # A note page_notes found goes on after an abbreviation that introduces a number (`Gow
        # letters, no.` / `17. The letters…`): that line opens no item of its own.
        if not pieces or starts_item(plain, offset) and not (
                block.plain_note is not None and NUMBERING_ABBREVIATION.search(plain[offset - 1].rstrip())):
            piece = Block([line], block.start + offset, block.start + offset, block.kind,
                          page_break_before=block.page_break_before and not pieces)
            pieces.append(piece if pieces else piece.carry(block))  # evidence stays with it
        else:
            pieces[-1].lines.append(line)
            pieces[-1].end = block.start + offset
    return pieces
