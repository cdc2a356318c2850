"""Rank correction candidates by the typing error and the surrounding words.

score(c) = -WEIGHT * error_cost(typo, c) + log P(c | previous word) + log P(next word | c)

with bigram counts and a stupid-backoff to unigram counts when a bigram is unseen.
"""

from __future__ import annotations

from .candidates import candidates, error_cost
from .dictionary import Lexicon, log10

#: how many orders of magnitude of frequency one unit of error cost is worth
#: (WEIGHT, BACKOFF and SECOND_SLIP were fitted on half of a news corpus with typos
#: put in, and checked on the other half)
WEIGHT = 3.0
BACKOFF = 1.0


#: extra cost of a candidate two slips away
SECOND_SLIP = 0.8


def score(lex: Lexicon, typo: str, cand: str, prev: str, nxt: str, dist: int = 1) -> float:
    total = lex.total
    parts = cand.split(" ")
    first, last = parts[0], parts[-1]
    s = -WEIGHT * (error_cost(typo, cand) + (SECOND_SLIP if dist > 1 else 0.0))
    # P(cand | prev)
    c_first = lex.count(first)
    pc = lex.bigram(prev, first) if prev else 0
    cp = lex.count(prev) if prev else 0
    if pc and cp:
        s += log10(pc / cp)
    else:
        s += log10(BACKOFF * max(c_first, 1) / total)
    for a, b in zip(parts, parts[1:], strict=False):  # inside a split pair
        ab = lex.bigram(a, b)
        s += log10(ab / max(lex.count(a), 1)) if ab else log10(BACKOFF * lex.count(b) / total)
    # P(next | cand)
    if nxt:
        cn = lex.bigram(last, nxt)
        c_last = lex.count(last)
        if cn and c_last:
            s += log10(cn / c_last)
        else:
            s += log10(BACKOFF * max(lex.count(nxt), 1) / total)
    return s


def _fair_split(lex: Lexicon, pair: str) -> bool:
    parts = pair.split()
    return all(p in lex.common for p in parts) and any(p in lex.top for p in parts)


#: common contractions: written without the apostrophe ("dont", "isnt", "youre"),
#: the contraction is what was meant (the word-pair counts have no apostrophes, so
#: the language model alone would rank "font" above "don't")
CONTRACTIONS = frozenset(
    """don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't can't
    couldn't won't wouldn't shouldn't mustn't needn't mightn't shan't ain't I'm I've
    I'll I'd you're you've you'll you'd we're we've we'll we'd they're they've they'll
    they'd he's he'll he'd she's she'll she'd it's it'll that's that'll there's
    there'll here's what's who's who'll where's let's could've would've should've
    might've must've y'all""".split()
)
_BARE = {c.replace("'", "").lower(): c for c in CONTRACTIONS}


def contraction_for(typo: str) -> str | None:
    """The contraction ``typo`` (lower case) is when its apostrophe is put back."""
    return _BARE.get(typo)


def suggest(
    lex: Lexicon, typo: str, prev: str = "", nxt: str = "", limit: int = 5, far: bool = True
) -> list[tuple[str, float]]:
    """Best corrections of lower-case ``typo`` with their scores, best first."""
    contraction = contraction_for(typo)
    if contraction is not None:
        rest = [(c, sc) for c, sc in _ranked(lex, typo, prev, nxt, far) if c.lower() != typo]
        rest = [(c, sc) for c, sc in rest if c.lower() != contraction.lower()]
        best = rest[0][1] if rest else 0.0
        return [(contraction, best + 1.0), *rest][:limit]
    return _ranked(lex, typo, prev, nxt, far)[:limit]


def _ranked(lex: Lexicon, typo: str, prev: str, nxt: str, far: bool) -> list[tuple[str, float]]:
    cands = candidates(typo, lex.words, far)
    # a split into two words only when both are common and one very common
    # ("aboutthe", not "conflict ion")
    cands = {c: d for c, d in cands.items() if " " not in c or _fair_split(lex, c)}
    if not cands:
        return []
    scored = [(c, score(lex, typo, c, prev, nxt, d)) for c, d in cands.items()]
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored
