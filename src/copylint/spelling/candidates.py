"""Correction candidates for an unknown word, and the cost of each typing error.

Candidates are the dictionary words within one edit of the typo (two when one
finds nothing, and for longer words). Each is costed by a weighted
Damerau-Levenshtein distance whose weights follow how people mistype: a dropped
first letter, a transposition, a neighbouring key, a doubled or missing double
letter are cheap; an arbitrary substitution is dear.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

LETTERS = "abcdefghijklmnopqrstuvwxyz'"
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
VOWELS = frozenset("aeiouy")
#: letters people swap when spelling by ear
_SOUND_ALIKE = {
    frozenset(p)
    for p in ("cs", "ck", "sz", "gj", "fv", "ph", "mn", "td", "ei", "ae", "ao", "eu", "ai")
}


def _neighbours() -> dict[str, frozenset[str]]:
    pos = {}
    for r, row in enumerate(_ROWS):
        for c, ch in enumerate(row):
            pos[ch] = (r, c + 0.5 * r)
    out = {}
    for a, (ra, ca) in pos.items():
        out[a] = frozenset(
            b for b, (rb, cb) in pos.items() if b != a and abs(ra - rb) <= 1 and abs(ca - cb) <= 1
        )
    return out


NEIGHBOURS = _neighbours()


def adjacent(a: str, b: str) -> bool:
    return b in NEIGHBOURS.get(a, ())


def edits1(word: str, last: int | None = None) -> set[str]:
    """The strings one edit from ``word``; with ``last``, only the edits at
    ``word[last]`` or before (those that keep ``word[: last + 1]`` are left out)."""
    n = len(word)
    splits = [(word[:i], word[i:]) for i in range(n + 1 if last is None or last >= n else last + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


#: longest word that gets suggestions or derived-word checks at all: the longest
#: English dictionary words have about 45 letters, and the candidates of an n-letter
#: word take memory quadratic in n (a 6,400-letter "word" took 2.4 GB)
MAX_WORD = 45
#: longest word for which two-slip candidates are looked for
MAX_SECOND = 14
#: shortest word whose two-slip candidates are made only where the word list has
#: words beginning alike (``WordSet.prefix_bound``: for a shorter word, the search
#: costs about what it saves)
PRUNED_SECOND = 7
#: longest word for which a wrong letter plus a common slip is looked for
MAX_WRONG_LETTER = 10


def moves(word: str) -> set[str]:
    """One letter moved two places (``vyer`` -> ``very``, ``tath`` -> ``that``)."""
    out = set()
    n = len(word)
    for i in range(n):
        rest = word[:i] + word[i + 1 :]
        for j in (i - 2, i + 2):
            if 0 <= j <= n - 1:
                out.add(rest[:j] + word[i] + rest[j:])
    return out


def cheap_edits(word: str) -> set[str]:
    """The common second slips: a deletion, transposition, doubled or vowel change."""
    out: set[str] = set()
    _add_cheap_edits(word, out.add)
    return out


def _add_cheap_edits(word: str, add: Callable[[str], None], last: int | None = None) -> None:
    """``add`` each of ``cheap_edits(word)`` (one loop over the splits, adding as it
    goes: two-slip candidates call this a hundred times a word, into one set); with
    ``last``, only the edits at ``word[last]`` or before (those that keep
    ``word[: last + 1]`` are left out)."""
    n = len(word)
    for i in range(n + 1 if last is None or last >= n else last + 1):
        a, b = word[:i], word[i:]
        for v in "aeiou":
            add(a + v + b)  # a vowel put in
        if b:
            first, rest = b[0], b[1:]
            add(a + rest)  # a letter dropped
            add(a + first + b)  # a letter doubled
            if rest:
                add(a + rest[0] + first + rest[1:])  # two letters swapped
            if first in VOWELS:
                for v in "aeiou":
                    add(a + v + rest)  # a vowel for a vowel


def _bound(word: str, known: object) -> int | None:
    """``known.prefix_bound(word)`` where the word set has one (``WordSet``), else
    None: the edits of ``word`` past it are no words."""
    bound = getattr(known, "prefix_bound", None)
    return None if bound is None else bound(word)


def _doubled(word: str) -> list[str]:
    """``word`` with one of its letters doubled, each way."""
    return [word[:i] + word[i] + word[i:] for i in range(len(word))]


def cheap_within(word: str) -> set[str]:
    """Every string ``error_cost`` puts within 0.7 of ``word`` by a path that
    ``edits1`` cannot take, among those two common slips (``cheap_edits`` twice) can
    reach: a superset, so that a two-slip candidate within 0.7 is found without
    generating the two slips' ~10,000 strings (``is_derived`` needs only those).

    The proof. Every step of the weighted distance costs at least 0.35 (a
    deletion of a letter next to the same letter, or an insertion of one, not first),
    a transposition 0.4, an insertion first 0.45, a substitution 0.55, anything
    else more. So a path of 0.7 or less takes one step, or exactly two of 0.35
    each (0.35 + 0.4 > 0.7). One step of 0.7 or less is a deletion, a
    transposition or a neighbouring key, all in ``edits1``, or an insertion first
    or doubling a neighbour (a letter outside ``LETTERS`` is not in ``edits1``).
    Two steps of 0.35: two deletions of letters each beside the same letter in
    ``word``; one such deletion and a letter of the rest doubled; or two
    insertions, each beside the same letter in the result: two letters doubled, or
    one new pair of a letter put in. The two slips put in only vowels (aeiou) and
    letters of ``word``, so that pair's letter is one of those.
    """
    n = len(word)
    letters = set(word).union("aeiou")
    out = set(_doubled(word))
    out.update(x + word for x in letters)
    undoubled = [
        i
        for i in range(n)
        if (i > 0 and word[i - 1] == word[i]) or (i + 1 < n and word[i + 1] == word[i])
    ]
    for k, i in enumerate(undoubled):
        rest = word[:i] + word[i + 1 :]
        out.update(_doubled(rest))
        for j in undoubled[k + 1 :]:
            out.add(rest[: j - 1] + rest[j:])
    for d in _doubled(word):
        out.update(_doubled(d))
    for i in range(n + 1):
        a, b = word[:i], word[i:]
        out.update(a + x + x + b for x in letters)
    return out


@lru_cache(maxsize=2048)
def candidates(
    word: str, known: frozenset[str] | set[str], far: bool = True, deep: bool = True
) -> dict[str, int]:
    """Known words near ``word`` (lower case) with their plain edit distance.

    With ``far``, words two common slips away are looked for too, unless a cheap
    one-slip candidate exists; when that finds nothing and ``deep``, a missing or
    wrong letter plus a common slip, through the deletion index (``one_letter_more``).
    A word longer than ``MAX_WORD`` has none.
    """
    if len(word) > MAX_WORD:
        return {}
    e1 = edits1(word, _bound(word, known))
    out = dict.fromkeys(e1 & known, 1)
    for w in moves(word) & known:
        out.setdefault(w, 1)  # one slip of the hand, though two edits
    if far and len(word) <= MAX_SECOND and not any(error_cost(word, w) <= 0.45 for w in out):
        # two common slips; for a longer word, a first slip's second slips only
        # where the word list has words beginning as it does up to there (a
        # string that keeps a prefix no word begins with is no word)
        second: set[str] = set()
        add = second.add
        bound = getattr(known, "prefix_bound", None) if len(word) >= PRUNED_SECOND else None
        if bound is None:
            for e in cheap_edits(word):
                _add_cheap_edits(e, add)
        else:
            # a first slip that keeps the word's first k + 1 letters, where no word
            # begins as its first k + 1 do but one begins as its first k, has k too
            k = bound(word)
            head = word[: k + 1] if k < len(word) else None
            for e in cheap_edits(word):
                _add_cheap_edits(e, add, k if head and e.startswith(head) else bound(e))
        for w in second & known:
            if w != word:
                out.setdefault(w, 2)
    if far and deep and not out and 4 <= len(word) <= MAX_SECOND:
        # nothing near: a letter missing anywhere plus a common slip ("enviorment"),
        # then (short words) a wrong letter plus a common slip, looked up in the
        # deletion index of the common words instead of generating every string
        from .dictionary import one_letter_more

        near = cheap_edits(word) | {word}
        for e in near:
            for w in one_letter_more(e):
                if w in known and w != word:
                    out.setdefault(w, 2)
        if not out and len(word) <= MAX_WRONG_LETTER:
            shorter = {e[:i] + e[i + 1 :] for e in near for i in range(len(e))}
            for e in shorter:
                for w in one_letter_more(e):
                    if w in known and w != word and len(w) == len(word):
                        out.setdefault(w, 2)
    # a run-together pair of words ("aboutthe" -> "about the")
    if len(word) >= 4:
        for i in range(1, len(word) - 1):
            a, b = word[:i], word[i:]
            if a in known and b in known and (len(a) > 1 or a in "ai"):
                out.setdefault(f"{a} {b}", 1)
    return out


def _del_cost(t: str, i: int) -> float:
    """The typo has an extra letter ``t[i]``."""
    ch = t[i]
    prev = t[i - 1] if i > 0 else ""
    nxt = t[i + 1] if i + 1 < len(t) else ""
    if ch == prev or ch == nxt:
        return 0.35
    if adjacent(ch, prev) or adjacent(ch, nxt):
        return 0.6
    return 1.2


def _ins_cost(c: str, j: int) -> float:
    """The typo lacks the letter ``c[j]`` of the candidate."""
    ch = c[j]
    if j == 0:
        return 0.45
    if ch == c[j - 1] or (j + 1 < len(c) and ch == c[j + 1]):
        return 0.35
    if ch in VOWELS:
        return 0.8
    return 1.0


#: letter pair (typo's, candidate's) -> ``_sub_cost``, filled as pairs are met (up to
#: ``SUB_COSTS_KEPT`` of them: a text in many scripts cannot grow it without end)
_SUB_COSTS: dict[str, float] = {}
SUB_COSTS_KEPT = 20_000


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if adjacent(a, b):
        return 0.55
    if frozenset((a, b)) in _SOUND_ALIKE:
        return 0.75
    if a in VOWELS and b in VOWELS:
        return 0.8
    return 1.5


@cache
def error_cost(typo: str, cand: str) -> float:
    """Weighted Damerau-Levenshtein distance from ``typo`` to ``cand``."""
    cost = _dl_cost(typo, cand)
    if cost > 0.7 and len(typo) == len(cand) and sorted(typo) == sorted(cand):
        if cand in moves(typo):
            return 0.7
    return cost


def _dl_cost(typo: str, cand: str) -> float:
    if " " in cand:
        return (
            1.0 + error_cost(typo, cand.replace(" ", "")) if cand.replace(" ", "") != typo else 1.0
        )
    n, m = len(typo), len(cand)
    # a deletion's cost depends on the typo's letter only, an insertion's on the
    # candidate's: worked out once each, not at every cell
    dels = [_del_cost(typo, i) for i in range(n)]
    ins = [_ins_cost(cand, j) for j in range(m)]
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + dels[i - 1]
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + ins[j - 1]
    for i in range(1, n + 1):
        ti = typo[i - 1]
        del_i = dels[i - 1]
        row, above = d[i], d[i - 1]
        for j in range(1, m + 1):
            cj = cand[j - 1]
            sub = _SUB_COSTS.get(ti + cj)
            if sub is None:
                sub = _sub_cost(ti, cj)
                if len(_SUB_COSTS) < SUB_COSTS_KEPT:
                    _SUB_COSTS[ti + cj] = sub
            best = above[j - 1] + sub
            x = above[j] + del_i
            if x < best:
                best = x
            x = row[j - 1] + ins[j - 1]
            if x < best:
                best = x
            if i > 1 and j > 1 and ti == cand[j - 2] and typo[i - 2] == cj and ti != cj:
                x = d[i - 2][j - 2] + 0.4
                if x < best:
                    best = x
            row[j] = best
    return d[n][m]


def distance(a: str, b: str, limit: int = 2) -> int:
    """Plain optimal-string-alignment distance, cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    n, m = len(a), len(b)
    prev2: list[int] = []
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        for j in range(1, m + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[m]
