"""Names: a capitalised word the dictionary lacks is a name, with two exceptions.

- a near miss of a name used more often in the same document ("Kardashain" beside
  "Kardashian" five times) is a typo of that name;
- a word that opens a sentence, never appears inside one (as a name would) and is
  one cheap slip from a common word ("Teh") is a typo of that word.
"""

from __future__ import annotations

from functools import lru_cache

from .candidates import MAX_WORD, distance, error_cost
from .context import contraction_for, suggest
from .dictionary import Lexicon

#: how cheap a slip, and how common the word, for a sentence-opening word to be a typo
OPENING_COST = 0.65
OPENING_COUNT = 1_000_000
OPENING_COST_LONG = 1.0  # words of six letters or more


def near_miss(lex: Lexicon, word: str, uses: int, frequent: list[tuple[str, int]]) -> str | None:
    """The name of ``frequent`` (name, uses) that ``word`` (used ``uses`` times) misspells."""
    base = word.split("'")[0]
    if not 5 <= len(base) <= MAX_WORD:
        return None
    for other, count in frequent:
        if count <= uses or other == word:
            continue
        o_base = other.split("'")[0]
        if o_base == base or abs(len(o_base) - len(base)) > 1:
            continue
        if o_base.rstrip("s") == base.rstrip("s") or o_base.lower() in lex.top:
            continue  # a plural, or a common word written with a capital (Groups)
        if base[0] != o_base[0] and len(base) < 8:
            continue
        if distance(base.lower(), o_base.lower(), 1) <= 1:
            return other
    return None


def opening_typo(lex: Lexicon, word: str) -> list[str]:
    """Corrections (best first) if sentence-opening ``word`` is a slip of a common word."""
    low = word.lower()
    if "'" in low or len(low) > MAX_WORD or (len(low) < 3 and contraction_for(low) is None):
        return []
    sugg = _near(lex, low)
    if not sugg:
        return []
    best = sugg[0][0]
    if best == contraction_for(low):
        return [c for c, _ in sugg]  # "Youre", "Dont": an apostrophe left out
    if len(low) <= 3:  # short names (Tur, Dia) sit one slip from many words
        if error_cost(low, best) > OPENING_COST or best not in lex.top or len(best) < 3:
            return []
    elif (
        " " in best
        or error_cost(low, best) > (OPENING_COST_LONG if len(low) >= 6 else OPENING_COST)
        or lex.count(best) < OPENING_COUNT
    ):
        return []
    return [c for c, _ in sugg]


@lru_cache(maxsize=4096)
def _near(lex: Lexicon, low: str) -> list[tuple[str, float]]:
    return suggest(lex, low, far=False)
