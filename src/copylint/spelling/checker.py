"""Find misspelt words in prose and suggest corrections.

The checker walks the word tokens of the regions it is given and decides for each:

- skip: numbers and words with digits (21st, 5km, COVID-19), handles (@name),
  hashtags, leftovers of URLs and e-mail addresses, dotted abbreviations (U.S.),
  ALL-CAPS acronyms, words with inner capitals (iPhone, McDonald), a word
  followed by ``[sic]``, accepted vocabulary;
- accept: dictionary words (in the document's dialect), possessives and
  contractions of them, hyphenated compounds whose parts are words;
- names: a capitalised word the dictionary lacks is a name, unless it is a near
  miss of another name used more often in the same document (Kardashain beside
  Kardashian x5), or it opens a sentence, is used nowhere else and is a cheap
  typing error away from a common word;
- flag: any other unknown word, a word spelt in another dialect, a rejected word.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from .candidates import distance, error_cost
from .context import suggest
from .dictionary import Lexicon, lexicon
from .vocab import Vocab, vocab

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}_@#][\p{L}\p{M}\p{N}_@#'’\-./]*")
_WORDISH = regex.compile(r"[\p{L}']+")
_SIC = regex.compile(r"\s*\[sic\]", regex.I)
_PREV_WORD = regex.compile(r"([\p{L}']+)[^\p{L}\p{N}.!?;:()\[\]\"“”]{0,3}$")
_NEXT_WORD = regex.compile(r"^[^\p{L}\p{N}.!?;:()\[\]\"“”]{0,3}([\p{L}']+)")

CONTRACTIONS = frozenset(
    "can't won't shan't ain't y'all o'clock ma'am 'em 'tis 'twas ne'er e'er o'er".split()
)
_SUFFIXES = ("n't", "'re", "'ve", "'ll", "'d", "'m", "'s")
#: prefixes written with a hyphen whose parts are not words on their own
PREFIXES = frozenset(
    """re co pre non anti ex self semi sub post multi mid bi tri pro inter intra
    counter over under out ultra mega mini micro macro neo quasi e t x u""".split()
)


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    reason: str = "unknown"  # unknown | dialect | name | rejected


def _ascii_fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )


def match_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Checker:
    def __init__(
        self,
        dialect: str = "en-US",
        accept: tuple[str, ...] = (),
        reject: tuple[str, ...] = (),
    ):
        self.lex: Lexicon = lexicon(dialect)
        self.accept: Vocab = vocab(tuple(accept))
        self.reject: Vocab = vocab(tuple(reject))

    # -- word level ----------------------------------------------------------
    def is_word(self, w: str) -> bool:
        """Is the lower-case-or-as-written word ``w`` acceptable in the dictionary?"""
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
                    return stem in words or (suf == "n't" and stem + "n" in words)
            if low.endswith("s'") and low[:-1] in words:
                return True
            if low.endswith("'") and low[:-1] in words:
                return True
        if not low.isascii():
            folded = _ascii_fold(low)
            return folded in words or not folded.isascii()
        return False

    # -- document level ------------------------------------------------------
    def check(
        self,
        prose: str,
        regions: Iterable[tuple[int, int]],
        sentence_starts: frozenset[int] = frozenset(),
        headings: Iterable[tuple[int, int]] = (),
    ) -> list[Misspelling]:
        heads = list(headings)
        tokens: list[tuple[int, int, str]] = []
        for rs, re_ in regions:
            for m in _TOKEN.finditer(prose, rs, re_):
                tokens.extend(self._split(prose, m.start(), m.group()))

        # names used in this document: capitalised words the dictionary lacks
        names: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        for s, _e, w in tokens:
            seen[w] += 1
            if w[:1].isupper() and not self.is_word(w):
                names[w] += 1

        out: list[Misspelling] = []
        for s, e, w in tokens:
            if self.reject and (self.reject.matches(w)):
                out.append(Misspelling(s, e, w, (), "rejected"))
                continue
            if self.accept and self.accept.matches(w):
                continue
            if _SIC.match(prose, e):
                continue
            low = w.lower()
            if low in self.lex.foreign and (w.islower() or w[1:].islower()):
                out.append(Misspelling(s, e, w, (match_case(self.lex.foreign[low], w),), "dialect"))
                continue
            if self.is_word(w):
                continue
            if w[:1].isupper():
                hit = self._check_name(prose, s, e, w, names, seen, sentence_starts, heads)
                if hit is not None:
                    out.append(hit)
                continue
            out.append(Misspelling(s, e, w, self._suggest(prose, s, e, w)))
        return out

    def _split(self, prose: str, start: int, tok: str) -> list[tuple[int, int, str]]:
        """Clean one raw token into the words to check (with their offsets)."""
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
                sugg = suggest(self.lex, stem, prev, nxt)
                return tuple(match_case(c + "'" + rest, w) for c, _ in sugg)
            return ()
        prev, nxt = self._context(prose, s, e)
        return tuple(match_case(c, w) for c, _ in suggest(self.lex, low, prev, nxt))

    def _check_name(self, prose, s, e, w, names, seen, sentence_starts, heads):
        # a near miss of a name used more often in this document
        n = names[w]
        base = w.split("'")[0]
        for other, count in names.most_common(50):
            if count < 2 or count <= n or other == w:
                continue
            o_base = other.split("'")[0]
            if o_base == base or abs(len(o_base) - len(base)) > 1 or len(base) < 4:
                continue
            if base[0] != o_base[0] and len(base) < 8:
                continue
            if distance(base.lower(), o_base.lower(), 1) <= 1:
                return Misspelling(s, e, w, (other,), "name")
        # a sentence-opening word used nowhere else may be a typo of a common word
        if s in sentence_starts and seen[w] == 1 and not any(a <= s < b for a, b in heads):
            low = w.lower()
            if "'" in low or len(low) < 4:
                return None
            sugg = suggest(self.lex, low)
            if sugg:
                best = sugg[0][0]
                if (
                    " " not in best
                    and error_cost(low, best) <= 0.6
                    and self.lex.count(best) >= 5_000_000
                ):
                    return Misspelling(s, e, w, tuple(match_case(c, w) for c, _ in sugg))
        return None
