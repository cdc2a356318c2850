"""Find misspelt words in prose and suggest corrections.

The checker walks the word tokens of the regions it is given and decides for each:

- skip: numbers and words with digits (21st, 5km, COVID-19), handles (@name),
  hashtags, leftovers of URLs and e-mail addresses, dotted abbreviations (U.S.),
  ALL-CAPS acronyms, words with inner capitals (iPhone, McDonald), a word
  followed by ``[sic]``, accepted vocabulary;
- accept: dictionary words (in the document's dialect) and rare words spelt alike
  in every dialect, possessives and contractions of them, hyphenated compounds
  whose parts are words, a prefix joined by an en dash (neo–payday);
- names: a capitalised word the dictionary lacks is a name, unless it is a near
  miss of another name used more often in the same document (Kardashain beside
  Kardashian x5), or it opens a sentence, is used nowhere else and is a cheap
  typing error away from a common word;
- flag: any other unknown word, a word spelt in another dialect, a rejected word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass
from itertools import compress, filterfalse

from .. import rx
from ..regexcache import compile as compile_regex
from ..regexcache import compile_re
from .candidates import (
    MAX_SECOND,
    MAX_WORD,
    candidates,
    cheap_within,
    distance,
    edits1,
    error_cost,
    moves,
)
from .context import contraction_for, suggest
from .dictionary import DIALECT_NAMES, Lexicon, ShortWords, lexicon, one_letter_more
from .names import near_miss, opening_typo
from .vocab import Vocab, vocab

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: a region's tokens (a letter, mark, digit, _, @ or # and all that follows of those
#: and ' ’ - . /), all in one match: group 1's ``captures`` are the tokens ``findall``
#: of the token pattern gives and its ``starts`` their offsets, both made at C speed
#: (the text before a token holds no character a token starts with, and a token runs
#: to the end of its characters, as ``finditer`` scans)
_TOKENS = compile_regex(
    r"(?:[^\p{L}\p{M}\p{N}_@#]*+([\p{L}\p{M}\p{N}_@#][\p{L}\p{M}\p{N}_@#'’\-./]*+))*+"
)
#: the same tokens by the standard ``re``, where it reads the characters as ``regex``
#: does (``_re_reads_alike``): ``\w`` is ``str.isalnum`` and ``_``, which leaves out
#: marks and may differ from ``regex``'s newer Unicode tables elsewhere. Its
#: ``findall`` makes a region's tokens in less than half the instructions of the
#: capturing match above (whose starts are then found by ``_token_starts``)
_RE_TOKENS = compile_re(r"[\w@#][\w@#'’\-./]*")
#: where ``re`` and ``regex`` read every character alike as a token's first character
#: or not (``tests/test_spelling.py`` asks both of each code point): Basic Latin to
#: Spacing Modifier Letters, Greek and Cyrillic (their assigned code points, no
#: combining marks: ``\w`` leaves marks out), General Punctuation, Currency Symbols,
#: arrows, mathematical and technical signs, enclosed numbers, box drawing, dingbats,
#: Hangul syllables, pictographs and emoticons
ALIKE_RANGES = (
    (0x0000, 0x02FF),
    (0x0370, 0x0377),
    (0x037A, 0x037F),
    (0x0384, 0x038A),
    (0x038C, 0x038C),
    (0x038E, 0x03A1),
    (0x03A3, 0x0482),
    (0x048A, 0x052F),
    (0x2000, 0x2064),
    (0x20A0, 0x20BF),
    (0x2190, 0x23FF),
    (0x2460, 0x27FF),
    (0x2B00, 0x2B73),
    (0xAC00, 0xD7A3),
    (0x1F300, 0x1F64F),
)
#: a character outside ``ALIKE_RANGES``
_OUTSIDE_ALIKE = compile_re("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ALIKE_RANGES) + "]")


def _re_reads_alike(text: str) -> bool:
    """Do ``_RE_TOKENS`` and ``_TOKENS`` find the same tokens in any part of ``text``?

    The two patterns have the same shape: a token is a character of one class (the
    first), then characters of that class or of ``'’-./``. So they find the same
    tokens wherever every character is in both first classes or in neither, as in
    the blocks ``_OUTSIDE_ALIKE`` leaves out (a search for one of its characters is
    a scan at C speed: ``re`` tests each character against the class alone).
    """
    return _OUTSIDE_ALIKE.search(text) is None


#: the characters a token may hold but not start with (``_RE_TOKENS``'s second class
#: less its first)
_INNER = frozenset("'’-./")
#: the characters besides ``\w`` (``str.isalnum`` and ``_``) a token starts with
_FIRST_MORE = frozenset("_@#")


def _token_starts(
    prose: str, start: int, end: int, wanted: Iterable[str], counts: Counter[str]
) -> list[tuple[int, str]]:
    """The offsets of the uses of the tokens ``wanted`` in the region ``prose[start:end]``
    (tokenized by ``_RE_TOKENS``, which found ``counts[w]`` uses of each), with the
    tokens, in order of offset.

    Each use is found by ``str.find`` at C speed, not by walking the region's tokens
    in Python: an occurrence of ``w`` is a use where the token there is ``w``, that is
    where ``re``'s scan starts a token (no character of the token class lies just
    before it, past any run of the characters a token holds but does not start with)
    and ends it (no character of the token class follows). ``re``'s word class is
    ``str.isalnum`` or ``_``, character by character.
    """
    out: list[tuple[int, str]] = []
    find = prose.find
    inner = _INNER
    first_more = _FIRST_MORE
    for w in wanted:
        left = counts[w]
        n = len(w)
        pos = find(w, start, end)
        while pos >= 0:
            after = pos + n
            use = True
            if after < end:
                c = prose[after]
                use = not (c.isalnum() or c in first_more or c in inner)  # the token runs on
            if use:
                i = pos - 1
                while i >= start and prose[i] in inner:
                    i -= 1
                # a letter, digit, _, @ or # there: ``pos`` is inside a token
                use = i < start or not (prose[i].isalnum() or prose[i] in first_more)
            if use:
                out.append((pos, w))
                left -= 1
                if not left:
                    break
                pos = find(w, after, end)
            else:
                pos = find(w, pos + 1, end)
    out.sort()
    return out


_WORDISH = compile_regex(r"[\p{L}']+")
_SIC = compile_regex(r"\s*\[sic\]", rx.I)
_PREV_WORD = compile_regex(r"([\p{L}']+)[^\p{L}\p{N}.!?;:()\[\]\"“”]{0,3}$")
_NEXT_WORD = compile_regex(r"^[^\p{L}\p{N}.!?;:()\[\]\"“”]{0,3}([\p{L}']+)")

#: a real word one slip from a commoner one is accepted on the document's evidence
#: only when the commoner word is less common than this (tenths of Zipf: 100 times)
BACKED_GAP = 20

#: a comma, then an apposition closed by a comma: ", a teacher from Perth, said"
_APPOSITION = compile_regex(r", (?:a|an|the|who|whose|aged|from|of) [^,.;:!?\n]{1,60}, \p{Ll}")

#: punctuation a token may end with (the token pattern keeps it)
_TRAILING = "'’-./"
_AFTER_NUMBER = compile_regex(r"\d[\d,.]*\s?$")

#: second word -> first words of borrowed phrases
PHRASES = {
    "masse": {"en"},
    "se": {"per"},
    "vivre": {"de"},
    "passant": {"en"},
    "route": {"en"},
    "bloc": {"en"},
    "famille": {"en"},
    "naturel": {"au"},
    "courant": {"au"},
}

UNITS = frozenset(
    """hp km kg lb lbs ft mph kph kmh mm cm ml oz mi sq yd yds tsp tbsp kw kwh mw mwh gw gwh
    ghz mhz khz hz gb mb tb kb px pt am pm mg mcg nm bps mbps gbps ms sec secs hr hrs min
    mins yr yrs bn tn gal cal kcal ppm ppb psi rpm fps""".split()
)

CONTRACTIONS = frozenset(
    "can't won't shan't ain't y'all o'clock ma'am 'em 'tis 'twas ne'er e'er o'er".split()
)
_SUFFIXES = ("n't", "'re", "'ve", "'ll", "'d", "'m", "'s")
#: prefixes written solid onto a word (megabanks, hyperpersonalized)
WORD_PREFIXES = frozenset(
    """mega giga hyper under over non multi auto electro astro micro macro un re pre anti
    counter super sub inter intra out co de dis mis semi ultra neo pseudo post cyber bio eco
    geo tele nano robo cross self trans extra mid mini exo endo up down""".split()
)
#: prefixes written with a hyphen whose parts are not words on their own
PREFIXES = frozenset(
    """re co pre non anti ex self semi sub post multi mid bi tri pro inter intra
    counter over under out ultra mega mini micro macro neo quasi e t x u""".split()
)
#: dashes that join a prefix to its word when written without spaces (neo–payday)
JOINERS = frozenset("\u2010\u2011\u2013")


#: lower-case particles of names, accepted before a capitalised word (von der Leyen)
NAME_PARTICLES = frozenset("von vom zu zur ibn bint ould das dello".split())


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A word the spelling check reports: its range, suggestions and reason."""

    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    reason: str = "unknown"  # unknown | dialect | name | rejected


def _ascii_fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


#: suggestions scoring this much (log10) below the best are not offered
MARGIN = 3.0


def _plausible(scored: list[tuple[str, float]], limit: int = 4) -> list[str]:
    if not scored:
        return []
    best = scored[0][1]
    return [c for c, sc in scored[:limit] if sc >= best - MARGIN]


def match_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper() or model[:1].istitle():  # titlecase digraphs: ǅ, ǈ
        return word[:1].upper() + word[1:]
    return word


#: documents from which a run builds the word set at once (``Checker.warm_up``):
#: 32 drafts of 200 words look up about 2,000 distinct words
FOLDER = 32


class Checker:
    def __init__(
        self,
        dialect: str = "en-US",
        accept: tuple[str, ...] = (),
        reject: tuple[str, ...] = (),
        names: bool = True,
    ):
        self.lex: Lexicon = lexicon(dialect)
        self.accept: Vocab = vocab(tuple(accept))
        self.reject: Vocab = vocab(tuple(reject))
        #: leave capitalised words the dictionary lacks alone as names (Vale's
        #: spelling does not: it flags them unless the vocabulary accepts them)
        self.names = names
        #: ``is_word``'s answers so far in this process (for this lexicon and setting)
        self._words_seen = _WORDS_SEEN.setdefault((self.lex, names), {})

    def warm_up(self, documents: int = 1) -> None:
        """Load the word list and open the frequency data before the first check of
        about ``documents`` documents: for ``FOLDER`` or more, the word set is built
        now (such a run looks up more distinct words than a ``WordSet`` searches
        for), once, before any worker is forked, so the workers share it; unless the
        word list's trie answers every look-up (then nothing is built)."""
        if documents >= FOLDER:
            self.lex.words.warm()
        self.lex.count("the")
        self.lex.bigram("of", "the")
        self.lex.rare("the")
        self.lex.real("the")
        one_letter_more("the")

    # -- word level ----------------------------------------------------------
    def is_word(self, w: str) -> bool:
        """Is the lower-case-or-as-written word ``w`` acceptable in the dictionary?
        (The answer depends on the word, the lexicon and ``names`` alone: kept.)"""
        seen = self._words_seen
        hit = seen.get(w)
        if hit is None:
            hit = self._is_word(w)
            if len(seen) < KINDS_KEPT:
                seen[w] = hit
        return hit

    def _is_word(self, w: str) -> bool:
        words = self.lex.words
        if w in words:
            return True
        low = w.lower()
        if low in words:
            return True
        if low in CONTRACTIONS:
            return True
        if "'" in low:
            for suf in _SUFFIXES:
                if low.endswith(suf) and len(low) > len(suf):
                    stem = low[: -len(suf)]
                    if suf == "'s" and self.lex.rare(stem):
                        return True
                    return stem in words or (suf == "n't" and stem + "n" in words)
            if low.endswith("s'") and low[:-1] in words:
                return True
            if low.endswith("'") and low[:-1] in words:
                return True
        if not low.isascii():
            folded = _ascii_fold(low)
            return folded in words or not folded.isascii()
        if self.lex.rare(low):
            return True
        # wordfreq's list is lower case and holds surnames: with names off (Vale), a
        # capitalised word must be in the other lists
        return (self.names or w.islower()) and self.lex.real(low) == 0

    # -- document level ------------------------------------------------------
    def check(
        self,
        prose: str,
        regions: Iterable[tuple[int, int]],
        sentence_starts: Container[int] = frozenset(),
        headings: Iterable[tuple[int, int]] = (),
    ) -> list[Misspelling]:
        heads = list(headings)
        words = self.lex.words.current()
        missing = self.lex.words.missing
        common = self.lex.common
        foreign = self.lex.foreign
        flagged = self.lex.flagged
        dialect_names = DIALECT_NAMES.get(self.lex.dialect, frozenset())
        fast = not self.reject
        tokens: list[tuple[int, int, str]] = []
        names: Counter[str] = Counter()
        # Count each region's tokens at C speed, sort the distinct ones, and walk the
        # matches again only for the few that need a closer look.
        counted = []
        shares: list[tuple[Counter[str], list[str], bool]] = []
        by_re = _re_reads_alike(prose)
        found: Any  # (the region's start and end where ``re`` reads it, else the match)
        for rs, re_ in regions:
            if by_re:
                found = (rs, re_)
                found_words = _RE_TOKENS.findall(prose, rs, re_)
            else:
                found = _TOKENS.match(prose, rs, re_)
                found_words = found.captures(1)
            counts = Counter(found_words)
            # plain dictionary words, the vast majority, leave here (order kept; the
            # filter runs at C speed over a built set)
            unknown = missing(counts)
            lacked = True  # every token of ``unknown`` is one ``words`` lacks
            if flagged and not flagged.isdisjoint(counts):
                unknown = [w for w in counts if w not in words or w in flagged]
                lacked = False
            counted.append((found, found_words, counts, unknown))
            shares.append((counts, unknown, lacked))
        foreign_at = _foreign_regions(shares, words, self.lex.short)
        # what the first look makes of a token depends on the token alone: kept for
        # the run, so a token met before leaves at C speed or at one dict look-up
        kinds = _kinds(self.lex, self.names) if fast else None
        for i, (found, found_words, counts, unknown) in enumerate(counted):
            if i in foreign_at:
                continue  # a passage in another language: not ours to spell-check
            slow = set()
            if kinds is not None:
                kind = kinds.kind
                for w in filterfalse(kinds.passed.__contains__, unknown):
                    k = kind.get(w)
                    if k is None:
                        k = self._first_look(w, words, common, foreign)
                        kinds.keep(w, k)
                    if k == _NAME:
                        # a capitalised common word: for near misses (get: no __missing__)
                        names[w] = names.get(w, 0) + counts[w]
                    elif k == _SLOW:
                        slow.add(w)
            else:
                slow.update(filterfalse(_never_checked, counts))
            if slow:
                if by_re:  # the slow words' offsets, found in the region
                    at: Iterable[tuple[int, str]] = _token_starts(
                        prose, found[0], found[1], slow, counts
                    )
                else:  # picked from the region's tokens at C speed
                    at = compress(
                        zip(found.starts(1), found_words, strict=True),
                        map(slow.__contains__, found_words),
                    )
                for start, w in at:
                    tokens.extend(self._split(prose, start, w))

        # capitalised words of this document, to tell names and their near misses
        names.update(w for _s, _e, w in tokens if w[0].isupper())
        # whether every use of a capitalised word opens a sentence (worked out once per
        # word, when first asked: most documents never ask, and need no sentences)
        where = _Openers(tokens, sentence_starts)

        frequent = [(o, c) for o, c in names.most_common(50) if c >= 2]
        out: list[Misspelling] = []
        # the vocabularies' truth asked once (a method call), not at each token
        reject = self.reject if self.reject else None
        accept = self.accept if self.accept else None
        for s, e, w in tokens:
            if reject is not None and reject.matches(w):
                out.append(Misspelling(s, e, w, (), "rejected"))
                continue
            if accept is not None and (
                accept.matches(w)
                or (w.endswith("'s") and accept.matches(w[:-2]))
                or accept.matches(_compound(prose, s, e))
            ):
                continue
            if "[" in prose[e : e + 4] and _SIC.match(prose[e : e + 12]):
                continue
            low = w.lower()
            stem, apos, suffix = low.partition("'")
            if stem in foreign and suffix in ("s", ""):  # colour, colour's, neighbours'
                plain = w[: len(stem)]
                if plain in dialect_names:
                    continue  # Labor (the Australian party)
                if plain.islower() or (
                    plain[1:].islower()
                    and s in sentence_starts
                    # not a name the piece uses inside a sentence too (Labour ... the
                    # Labour Party)
                    and where.get(plain, True)
                ):
                    fix = match_case(foreign[stem], w) + apos + suffix
                    out.append(Misspelling(s, e, w, (fix,), "dialect"))
                    continue
                if not plain.isupper() and self.names:
                    continue  # capitalised inside a sentence: a name (Pearl Harbor, Labour)
            if self.is_word(w):
                continue
            if len(w) > MAX_WORD:
                # no word is this long: flag it as it is, with no suggestions (their
                # candidates, and the derived-word slicing, cost memory or time
                # quadratic in its length)
                out.append(Misspelling(s, e, w, ()))
                continue
            if w[0].isupper() and self.names:
                hit = self._check_name(
                    s, e, w, names, frequent, where, sentence_starts, heads, prose
                )
                if hit is not None:
                    out.append(hit)
                continue
            if self.is_derived(low) or self._phrase(prose, s, low):
                continue
            if low in NAME_PARTICLES and _before_name(prose, e):
                continue
            if low in PREFIXES and prose[e : e + 1] in JOINERS and prose[e + 1 : e + 2].isalpha():
                continue  # a prefix joined by an en dash: neo–payday
            if self._backed(low, tokens, counted):
                continue  # funders, with funding or a second funders in the piece
            if len(low) == 2:
                if prose[s - 1 : s] == "-" or prose[e : e + 1] == "-":
                    continue  # part of a compound (co-op, photo-op), not a slip
                if not self._short_slip_possible(low):
                    continue  # no suggestion would pass the test below: none ranked
            sugg = self._suggest(prose, s, e, w)
            if len(low) == 2:
                # two letters: flag only a clear slip of a common word (fo, ou, nt)
                best = sugg[0].lower() if sugg else ""
                if sugg and sugg[0] == contraction_for(low):
                    pass  # "im" for "I'm"
                elif not best or error_cost(low, best) > 1.0 or self.lex.count(best) < 1e8:
                    continue
                if len(best) != 3 and sorted(best) != sorted(low):
                    continue
            out.append(Misspelling(s, e, w, sugg))
        return out

    def _short_slip_possible(self, low: str) -> bool:
        """Could ``check`` report the two-letter token ``low`` (lower case)? Its best
        suggestion is one of its candidates (in the house dialect's spelling), and is
        reported only when it is a word of 1e8 uses or more within 1.0 of weighted
        cost, of three letters or of ``low``'s two: if no candidate is, the token is
        not reported, whichever would rank first, and nothing need be ranked. True
        where unsure: a contraction left without its apostrophe, an apostrophe, a
        letter outside ASCII (where a suggestion's case may not fold back)."""
        if contraction_for(low) is not None or "'" in low or not low.isascii():
            return True
        foreign = self.lex.foreign if self.lex.flagged else {}
        count = self.lex.count
        for c in candidates(low, self.lex.words, True):
            best = foreign.get(c, c)
            if not best.isascii():
                return True
            best = best.lower()
            if (
                (len(best) == 3 or sorted(best) == sorted(low))
                and count(best) >= 1e8
                and error_cost(low, best) <= 1.0
            ):
                return True
        return False

    def _first_look(self, w: str, words, common, foreign) -> int:
        """What the first look at the token ``w``, not a dictionary word, makes of it
        (with no reject list): ``_PASS`` (no finding, nothing to count), ``_NAME`` (a
        capitalised common word: counted for near misses) or ``_SLOW`` (look closer,
        at each use)."""
        if _never_checked(w):
            return _PASS
        if w not in foreign:
            if w[-1] in _TRAILING:
                v = w.rstrip(_TRAILING)  # a word ending a sentence: "closed."
                if v in words and v.lower() not in foreign:
                    return _PASS
            if w[0].isupper() and w[1:].islower():
                low = w.lower()
                if low in common and low not in foreign:
                    return _NAME
            elif w[0].islower() and self._all_words(w, foreign):
                return _PASS  # didn’t, far-flung: words only, as _split cuts it
        return _SLOW

    def _all_words(self, w: str, foreign) -> bool:
        """Is every word ``_split`` makes of the lower-case token ``w`` (with a curly
        apostrophe, hyphens or trailing punctuation) a word of this dialect that
        ``check`` accepts as it is? Then ``w`` has no finding and needs no closer look
        (a lower-case word is no name, nor counted as one). False when unsure."""
        v = w.rstrip(_TRAILING).replace("’", "'")
        if not v.islower():
            return False
        if "-" in v:
            if v in self.lex.words:
                return True  # a listed compound (_split drops it whole)
            parts = [p for p in v.split("-") if len(p) > 1 and p not in PREFIXES]
        else:
            parts = [v]
        for p in parts:
            if p.partition("'")[0] in foreign or not self.is_word(p):
                return False
        return True

    def _backed(self, low: str, tokens, counted) -> bool:
        """Does the document back a real word one slip from a commoner one (funders,
        beside founders)? Only when the commoner word is less than a hundred times as
        common (else it is more likely a misspelling: goverment, recieved); then when
        the word occurs twice or more, or when another dictionary word of the piece
        shares its stem and is no slip of it (funding; not funder, nor founders)."""
        gap = self.lex.real(low)
        if gap <= 0 or gap >= BACKED_GAP:
            return False
        if sum(1 for _s, _e, w in tokens if w.lower() == low) >= 2:
            return True
        stem = low[: max(4, len(low) - 3)]
        words = self.lex.words
        for _f, _w, counts, _u in counted:
            for w in counts:
                v = w.strip(_TRAILING).lower()
                if v.startswith(stem) and v in words and distance(v, low, 2) > 2:
                    return True
        return False

    def is_derived(self, low: str) -> bool:
        """A prefixed or suffixed form of a dictionary word (megabanks, reductively).

        Not when the word is also a cheap slip of a common word ("untill", "precent").
        None is longer than ``MAX_WORD``.
        """
        if len(low) > MAX_WORD:
            return False
        lex = self.lex
        words = _Known(lex.words, lex.rare)
        ok = False
        if low.endswith("s") and len(low) > 5:
            base = low[:-1]
            if base in words and not base.endswith(("o", "ed", "s", "x", "z", "ch", "sh", "y")):
                ok = True
            elif low.endswith(("ses", "xes", "zes", "ches", "shes")) and low[:-2] in words:
                ok = True
        if not ok:
            for suf in ("ly", "ness"):
                if low.endswith(suf) and len(low) - len(suf) >= 6 and low[: -len(suf)] in words:
                    ok = True
                    break
        common = lex.common
        if not ok:
            ok = _able(low, common, words)
        if not ok:
            for i in range(2, min(len(low) - 3, 8)):
                if low[:i] in WORD_PREFIXES and (i >= 4 or len(low) - i >= 5):
                    rest = low[i:]
                    if rest in words or (rest.endswith("s") and rest[:-1] in words):
                        ok = True
                        break
                    if _able(rest, common, words):
                        ok = True
                        break
        if not ok and len(low) >= 7:
            # two common words written solid (smallcaps, appleinsider, eartips); a
            # first part of three letters only if it is no top word ("thenews")
            plain = self.lex.words
            count = self.lex.count
            for i in range(3 if len(low) < 9 else 4, len(low) - 3):
                a, b = low[:i], low[i:]
                if i == 3 and a in self.lex.top:
                    continue
                if a in plain and b in plain and count(a) >= 1e7 and count(b) >= 1e7:
                    ok = True
                    break
        if not ok:
            return False
        return not self._common_slip(low)

    def _common_slip(self, low: str) -> bool:
        """Is ``low`` a cheap slip of a common word: a candidate (``candidates``, no
        ``deep`` search) of a million uses or more within 1.2 of weighted cost, a
        two-slip one costing 0.5 more?

        The two-slip candidates (``cheap_edits`` twice, ~10,000 strings) are made
        only when one within 0.7 can exist: ``cheap_within`` holds every string that
        could be one, and is a few hundred.
        """
        known = self.lex.words
        count = self.lex.count
        near = (edits1(low, known.prefix_bound(low)) & known) | (moves(low) & known)
        for c in near:
            if error_cost(low, c) <= 1.2 and count(c) >= 1e6:
                return True
        if len(low) > MAX_SECOND or any(error_cost(low, w) <= 0.45 for w in near):
            return False  # no two-slip candidates (as in ``candidates``)
        if not any(
            w not in near and w != low and count(w) >= 1e6 and error_cost(low, w) + 0.5 <= 1.2
            for w in cheap_within(low) & known
        ):
            return False
        for c, dist in candidates(low, known, deep=False).items():
            if " " in c:
                continue
            cost = error_cost(low, c) + (0.5 if dist > 1 else 0.0)
            if cost <= 1.2 and count(c) >= 1e6:
                return True  # a slip of a common word, not a new word
        return False

    def _phrase(self, prose: str, s: int, low: str) -> bool:
        """Part of a borrowed phrase whose words are not English on their own (en masse)."""
        firsts = PHRASES.get(low)
        if not firsts:
            return False
        m = _PREV_WORD.search(prose[max(0, s - 20) : s])
        return bool(m) and m.group(1).lower() in firsts

    def _split(self, prose: str, start: int, tok: str) -> list[tuple[int, int, str]]:
        """Clean one raw token into the words to check (with their offsets)."""
        if tok.isalpha():  # the common case: one plain word
            if len(tok) < 2 or tok.isupper() or not tok[1:].islower():
                return []  # single letters, acronyms, inner capitals
            if start > 0 and prose[start - 1] in "@#$/\\_&=~+%":
                return []
            if tok.lower() in UNITS and _AFTER_NUMBER.search(prose[max(0, start - 12) : start]):
                return []
            return [(start, start + len(tok), tok)]
        # trailing and leading punctuation
        lead = 0
        while lead < len(tok) and tok[lead] in "'’-./":
            lead += 1
        tok2 = tok.rstrip("'’-./")
        if lead:
            tok2 = tok2[lead:]
        start += lead
        if len(tok2) < 2:
            return []
        if start > 0 and prose[start - 1] in "@#$/\\_&=~+%":
            return []
        if any(ch.isdigit() or ch in "@#_/" for ch in tok2) or "." in tok2:
            return []
        if tok2.lower() in UNITS and _AFTER_NUMBER.search(prose[max(0, start - 12) : start]):
            return []  # a unit: 300 hp, 5 km, 12 lb
        tok2 = tok2.replace("’", "'")
        out = []
        pos = start
        for part in tok2.split("-"):
            if part:
                out.append((pos, pos + len(part), part))
            pos += len(part) + 1
        if len(out) > 1:
            whole = tok2.lower()
            if whole in self.lex.words:
                return []
            out = [p for p in out if p[2].lower() not in PREFIXES]
        # acronyms, inner capitals, single letters
        return [
            (s, e, w)
            for s, e, w in out
            if len(w) > 1
            and not (w.isupper())
            and not any(c.isupper() for c in w[1:])
            and _WORDISH.fullmatch(w)
        ]

    def _context(self, prose: str, s: int, e: int) -> tuple[str, str]:
        before = prose[max(0, s - 40) : s]
        after = prose[e : e + 40]
        m = _PREV_WORD.search(before)
        prev = m.group(1).lower() if m else ""
        n = _NEXT_WORD.search(after)
        nxt = n.group(1).lower() if n else ""
        return prev, nxt

    def _suggest(self, prose: str, s: int, e: int, w: str) -> tuple[str, ...]:
        low = w.lower()
        if "'" in low:
            stem, _, rest = low.partition("'")
            if stem and not self.is_word(stem):
                prev, nxt = self._context(prose, s, e)
                sugg = _plausible(suggest(self.lex, stem, prev, nxt))
                return tuple(match_case(c + "'" + rest, w) for c in sugg)
            return ()
        prev, nxt = self._context(prose, s, e)
        sugg = _plausible(suggest(self.lex, low, prev, nxt))
        if self.lex.flagged:  # the house dialect's form, not another's (gray, not grey)
            sugg = list(dict.fromkeys(self.lex.foreign.get(c, c) for c in sugg))
        return tuple(match_case(c, w) for c in sugg)

    @staticmethod
    def _before_surname(prose: str, end: int, names: Counter[str]) -> bool:
        """Is the word followed by a capitalised word the piece uses again (Ilan Cohen ...
        Cohen said)? Then it is a first name, not a slip."""
        m = _NEXT_WORD.search(prose[end : end + 40])
        if not m or prose[end : end + m.start(1)].strip():
            return False  # "Yael, Friedman": only a space may separate the two names
        nxt = m.group(1)
        if not (nxt[:1].isupper() and nxt[1:].islower() and names[nxt] >= 2):
            return False
        # the surname on its own elsewhere (second reference: "Cohen added"), not only
        # after another capitalised word ("Portion Fix Containers")
        alone = rx.compile(rf"(?<!\p{{Lu}}[\p{{L}}'’]*[ \t]+){rx.escape(nxt)}\b")
        return any(m2.start() != end + m.start(1) for m2 in alone.finditer(prose))

    def _name_follows(self, prose: str, end: int, top_slip: bool = False) -> bool:
        """Is the word ending at ``end`` a first name: followed, after one space, by a
        capitalised word the dictionary lacks (Elka Ferreira) or a common surname that
        is no top word (Elka Graham, Hetty Johnston), or by a comma and an apposition
        closed by another comma (Hetty, a teacher, said)? For a slip of a top word
        (``top_slip``: "Thhe Wild lost", "Teh Apple store") only the first holds."""
        after = prose[end : end + 80]
        m = _NEXT_WORD.search(after)
        if m and m.start(1) == 1 and after[0] == " ":
            nxt = m.group(1)
            if nxt[:1].isupper() and nxt[1:].islower():
                low = nxt.lower()
                if not self.is_word(nxt):
                    return True
                if not top_slip and self.lex.surname(low) and low not in self.lex.top:
                    return True
        return not top_slip and bool(_APPOSITION.match(after))

    def _check_name(self, s, e, w, names, frequent, where, sentence_starts, heads, prose=""):
        other = near_miss(self.lex, w, names[w], frequent)
        if other is not None:
            return Misspelling(s, e, w, (other,), "name")
        if s in sentence_starts and where.get(w, True) and not any(a <= s < b for a, b in heads):
            sugg = opening_typo(self.lex, w)
            if sugg and self._name_follows(prose, e, sugg[0].lower() in self.lex.top):
                return None  # Elka Graham won ..., Hetty, a teacher from Perth, said ...
            if (
                sugg
                and len(w) <= 6
                and sugg[0] not in self.lex.top
                and self._before_surname(prose, e, names)
            ):
                return None  # a short first name (Ilan Cohen), not a slip of a top word (Teh)
            if sugg:
                return Misspelling(s, e, w, tuple(match_case(c, w) for c in sugg))
        return None


def _never_checked(w: str) -> bool:
    """Numbers (21st, 5km), single letters, acronyms and inner capitals: tokens the
    checker never looks at (see ``Checker._split``)."""
    return w[0].isdigit() or (w.isalpha() and (len(w) < 2 or not w[1:].islower()))


#: what ``Checker._first_look`` makes of a token
_PASS, _NAME, _SLOW = 0, 1, 2

#: tokens whose first look a run keeps, at most (a few MB)
KINDS_KEPT = 100_000


class _Kinds:
    """The first looks at tokens of one lexicon (and names setting) made so far in
    this process: the passed tokens as a set (filtered out at C speed), the others
    by kind."""

    __slots__ = ("passed", "kind")

    def __init__(self) -> None:
        self.passed: set[str] = set()
        self.kind: dict[str, int] = {}

    def keep(self, token: str, kind: int) -> None:
        if len(self.passed) + len(self.kind) >= KINDS_KEPT:
            return  # full: a token not kept is looked at again, with the same answer
        if kind == _PASS:
            self.passed.add(token)
        else:
            self.kind[token] = kind


_KINDS: dict[tuple[Lexicon, bool], _Kinds] = {}

#: ``Checker.is_word``'s answers, per lexicon and names setting (at most
#: ``KINDS_KEPT`` each)
_WORDS_SEEN: dict[tuple[Lexicon, bool], dict[str, bool]] = {}


def _kinds(lex: Lexicon, names: bool) -> _Kinds:
    """The first looks kept for ``lex`` (one lives as long as the process) and the
    checker's ``names`` setting (``_all_words`` depends on it)."""
    key = (lex, names)
    found = _KINDS.get(key)
    if found is None:
        found = _KINDS[key] = _Kinds()
    return found


class _Openers:
    """Whether every use of a capitalised word of a document opens a sentence, for
    the words of ``tokens``: ``get(word, True)`` as a dict of the answers would, each
    answer worked out when first asked (the sentences are split only then; at once
    for every use, so not quadratic in a word's repeats)."""

    __slots__ = ("uses", "starts", "known")

    def __init__(self, tokens: list[tuple[int, int, str]], starts: Container[int]):
        uses: dict[str, list[int]] = {}
        for s, _e, w in tokens:
            if w[0].isupper():
                uses.setdefault(w, []).append(s)
        self.uses = uses
        self.starts = starts
        self.known: dict[str, bool] = {}

    def get(self, word: str, default: bool = True) -> bool:
        hit = self.known.get(word)
        if hit is None:
            at = self.uses.get(word)
            if at is None:
                return default
            starts = self.starts
            hit = self.known[word] = all(s in starts for s in at)
        return hit


def _compound(prose: str, s: int, e: int) -> str:
    """The hyphenated compound around ``prose[s:e]`` (an accepted "Okonkwo-Reyes"
    covers both its parts)."""
    while s > 1 and prose[s - 1] == "-" and prose[s - 2].isalnum():
        s -= 2
        while s > 0 and prose[s - 1].isalnum():
            s -= 1
    while e < len(prose) - 1 and prose[e] == "-" and prose[e + 1].isalnum():
        e += 2
        while e < len(prose) and prose[e].isalnum():
            e += 1
    return prose[s:e]


def _able(low: str, common, words) -> bool:
    """A common word of four letters or more with -able(s): blockable, (un)textables.

    Not a stem that keeps an "e" the suffix drops (decideable), nor one that drops an
    "e" it keeps (changable), nor a word spelt -ible (resistable)."""
    if low.endswith("ables"):
        low = low[:-1]
    if not low.endswith("able") or len(low) < 8:
        return False
    stem = low[:-4]
    if stem not in common or stem + "e" in words or stem + "ible" in words:
        return False
    return not stem.endswith("e") or stem.endswith(("ce", "ge", "ee"))


class _Known:
    """Membership in the word set, then in the rare words (for derived forms)."""

    __slots__ = ("words", "rare")

    def __init__(self, words, rare):
        self.words = words
        self.rare = rare

    def __contains__(self, word: str) -> bool:
        return word in self.words or self.rare(word)


_LINKS = NAME_PARTICLES | frozenset("van der den de la le del di du da al el bin y".split())


def _before_name(prose: str, end: int) -> bool:
    """Is the word ending at ``end`` followed by a name, maybe via particles (von der Leyen)?"""
    for _ in range(3):
        m = _NEXT_WORD.search(prose[end : end + 40])
        if not m:
            return False
        word = m.group(1)
        if word[:1].isupper():
            return True
        if word not in _LINKS:
            return False
        end += m.end()
    return False


#: a passage of at least this many lower-case words ...
FOREIGN_MIN_WORDS = 12
#: ... of which more than this share are unknown is taken to be in another language
FOREIGN_SHARE = 0.4


def _unknown_share(
    counts: Counter[str],
    unknown_tokens: list[str],
    words,
    short: ShortWords,
    lacked: bool = False,
) -> tuple[int, int]:
    """(lower-case words, of which unknown) of a region's token counts, given its
    tokens the dictionary lacks (with ``lacked``: none of them is in ``words``, so
    one that stripping leaves as it is is unknown without a second look-up; without
    it, ``unknown_tokens`` may hold some words, and each is looked up).

    Names, acronyms, numbers and words under three letters say little about the
    language and are left out; tokens keep their punctuation ("closed."), so a
    token the dictionary lacks is stripped before it counts as unknown. Dictionary
    words are all lower case, so those of three letters or more all count.
    """
    count = counts.__getitem__
    known = counts.total() - sum(map(count, unknown_tokens))
    total = known - sum(map(count, short.intersection(counts)))
    unknown = 0
    for w in unknown_tokens:
        if not w[0].islower():
            continue
        n = counts[w]
        v = w.strip(_TRAILING)
        if len(v) < 3 or not v.islower():
            continue
        total += n
        if (lacked and len(v) == len(w)) or v not in words:
            unknown += n
    return total, unknown


def _foreign_regions(
    counted: list[tuple[Counter[str], list[str], bool]], words, short: ShortWords
) -> set[int]:
    """Indexes of the regions in another language.

    All are when the document as a whole is (a page of short paragraphs). Else a
    region long enough to judge is foreign when most of its words are unknown, and
    a region too short to judge on its own (a caption, the tail of a paragraph) is
    foreign when most of its words are unknown and a region next to it is foreign.
    """
    shares = [_unknown_share(c, u, words, short, lacked) for c, u, lacked in counted]
    everything = sum(t for t, _u in shares)
    if (
        len(shares) > 1
        and everything >= FOREIGN_MIN_WORDS
        and sum(u for _t, u in shares) > (FOREIGN_SHARE * everything)
    ):
        return set(range(len(shares)))  # a page in another language, in short paragraphs
    out = {
        i
        for i, (total, unknown) in enumerate(shares)
        if total >= FOREIGN_MIN_WORDS and unknown > FOREIGN_SHARE * total
    }
    if not out:
        return out
    for i, (total, unknown) in enumerate(shares):
        if i not in out and 0 < total < FOREIGN_MIN_WORDS and unknown > 0.5 * total:
            if i - 1 in out or i + 1 in out:
                out.add(i)
    return out
