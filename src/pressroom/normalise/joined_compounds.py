"""pdftotext joins a printed line that ends in a hyphen to the next one and drops the hyphen,
whether it cut a word into syllables or ended the first part of a compound: the joined line is
longer than a full one, and `three-storey` reads `threestorey`. The compound's hyphen is put back
where the document's own evidence says the joined token was one: it is at the end of the first
printed line, and the document prints the compound (or a number joined to a word, which
hyphenation never breaks) with its hyphen, never joined, elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import Block, State
from .unwrap_lines import document_vocabulary
from .words import words
from .lazy_re import lazy_compile

# The hyphen that ended the first printed line stands at a full line's end: at least this share
# of a full line's length (justified lines vary by a few characters, ragged ones more) and at
# most this share (the longest lines of a justified page, with their hyphen).
CUT_MIN_SHARE = 0.8
CUT_MAX_SHARE = 1.25
# Each part of a compound put back has at least this many characters: a token ending in a
# single letter after a number or word (`1960s`, `rooms`) is a word of its own.
MIN_PART = 2
# A joined line whose second printed line is short (`boughtin soil.`, a URL's last part `risk-
# management-lcrm.` in a note's smaller type) is no longer than JOINED_LINE_SHARE of a full line,
# but it runs past a full line: a line longer than this share of one may hold a cut too. Such a
# line may also be a printed line of its own (a note's line in smaller type, a justified line a
# few letters long), so its cut is put back only on the document's own word for it: the compound
# printed whole elsewhere, or a chain whose both sides of the cut are words of the document.
SHORT_JOIN_SHARE = 1.0

_TOKEN = lazy_compile(r"[^\W_]+")


def joined_compounds(state: State) -> State:
    from .reflow import JOINED_LINE_SHARE, measure  # reflow reads unwrap_lines' item test

    measured = measure(state.blocks)
    if measured is None:
        return state
    full = measured[1]
    joined = [(block, index) for block in state.blocks if block.kind != "code"
              for index, line in enumerate(block.lines) if len(line) > SHORT_JOIN_SHARE * full]
    if not joined:
        return state
    vocabulary = document_vocabulary(state)
    # How often each token stands on the joined lines: the rest are printed joined.
    on_joined = Counter(token.casefold() for block, index in joined
                        for token in _TOKEN.findall(block.lines[index]))
    changed = False
    for block, index in joined:
        line = block.lines[index]
        evident = len(line) > JOINED_LINE_SHARE * full  # several printed lines, beyond doubt
        found = [(token, size) for token in _TOKEN.finditer(line)
                 if (size := _compound_cut(token, full, vocabulary, on_joined, _chained(line, token),
                                           evident))]
        if len(found) != 1:  # one printed line ended at one hyphen; two candidates: unsure
            continue
        token, size = found[0]
        text, cut = token.group(0), token.start() + size
        block.lines[index] = f"{line[:cut]}-{line[cut:]}"
        state.audit.change("hyphen_restored", block.start + index, text, f"{text[:size]}-{text[size:]}")
        state.audit.joined_parts.update(words(text))
        state.audit.joined.update(words(f"{text[:size]} {text[size:]}"))
        changed = True
    if changed:
        state.vocabulary = None  # measured again with the compounds
    return state


def _chained(line: str, token: re.Match) -> bool:
    """The token is a part of a chain of hyphenated words (`nail-to` + `nail` read
    `nail-tonail`, `stateof` + `-the-art`): a hyphen between letters stands next to it."""
    before, after = line[max(0, token.start() - 2):token.start()], line[token.end():token.end() + 2]
    return len(after) == 2 and after[0] == "-" and after[1].isalpha() \
        or len(before) == 2 and before[1] == "-" and before[0].isalpha()


def _compound_cut(token: re.Match, full: int, vocabulary: Counter, on_joined: Counter,
                  chained: bool = False, evident: bool = True) -> int:
    """Where the token was cut at a compound's hyphen (the first part's length), if the
    document's evidence says so; else 0. On a line that may be no joined one (not `evident`:
    SHORT_JOIN_SHARE) only the compound printed whole elsewhere or a chain of the document's
    words say so."""
    text = token.group(0)
    folded = text.casefold()
    if vocabulary[folded] > on_joined[folded]:  # the document prints it joined on a line of its own
        return 0
    for size in range(MIN_PART, len(text) - MIN_PART + 1):
        if not CUT_MIN_SHARE * full <= token.start() + size + 1 <= CUT_MAX_SHARE * full:
            continue
        first, second = folded[:size], folded[size:]
        if evident and first.isdigit() and second.isalpha():  # hyphenation never breaks a number
            return size
        if vocabulary[f"-{first}-{second}"]:  # the compound printed whole elsewhere
            return size
        # a chain of words (`little-and-often`) cut at one of its hyphens: words of the
        # document on both sides of the cut (`and` | `often`, never `an` | `doften`), where the
        # token is printed nowhere else (`often` is a word: `little-and-` + `often`, no cut)
        if chained and vocabulary[folded] <= 1 and vocabulary[first] and vocabulary[second]:
            return size
        # or a part of it printed in another compound (`twenty-five`, then `twenty|six`), the
        # other a word of the document
        if evident and ((vocabulary[f"-prefix:{first}"] and vocabulary[second]) or (
                vocabulary[f"-suffix:{second}"] and vocabulary[first])):
            return size
    return 0
