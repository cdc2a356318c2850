"""Real-word errors: a correctly spelt word in a place where another one belongs.

Each pattern flags the word in the named group ``w`` and proposes ``fix`` (case
matched). The patterns only fire where the surrounding words leave no doubt; a
confusable in an ambiguous place is left alone (precision first).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import rx
from ..document import fold
from ..regexcache import compile as compile_regex

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    import regex

_COMPARATIVES = (
    r"more|less|fewer|rather|other|better|worse|greater|higher|lower|larger|smaller|bigger|"
    r"older|younger|faster|slower|longer|shorter|stronger|weaker|cheaper|richer|poorer|"
    r"easier|harder|further|farther|earlier|heavier|lighter|wider|deeper|taller|bigger|"
    r"worse|louder|quieter|safer|riskier|busier|happier|sooner|cleaner|warmer|colder|hotter"
)
_DETS = r"a|an|the|his|her|their|our|my|your|its|this|that|these|those|some|any|no|every"
_BE = r"is|are|was|were|isn't|aren't|wasn't|weren't|has\s+been|have\s+been|will\s+be|would\s+be"
_ARTICLE_NEXT = r"a|an|the|not|been|going|time|about|just|also|still|now|never|always|only"


class Pattern:
    """A confusable pattern, compiled on first use; ``words`` are the literal forms
    its ``w`` group can take, so text holding none of them is skipped uncompiled.
    ``needs``, when given, are words of which a match holds one as well (outside any
    look-behind: in the text the match spans), so a paragraph with none is skipped."""

    __slots__ = ("source", "fix", "words", "needs", "_regex")

    def __init__(
        self,
        source: str,
        fix: str,
        words: tuple[str, ...] | None,
        needs: tuple[str, ...] | None = None,
    ):
        self.source, self.fix, self.words, self.needs = source, fix, words, needs
        self._regex: regex.Pattern | None = None

    @property
    def regex(self) -> regex.Pattern:
        if self._regex is None:
            self._regex = compile_regex(self.source, rx.I)
        return self._regex


_W_GROUP = compile_regex(r"\(\?P<w>([^()]*)\)")
_WORDS = compile_regex(r"[\w'’|]+")


def _p(pattern: str, fix: str, needs: str | None = None) -> Pattern:
    m = _W_GROUP.search(pattern)
    words = None
    if m and _WORDS.fullmatch(m.group(1)):
        words = tuple(w.lower() for w in m.group(1).split("|"))
    return Pattern(pattern, fix, words, tuple(needs.split("|")) if needs else None)


PATTERNS: tuple[Pattern, ...] = (
    # could of -> could have (but "could, of course" / "could of course")
    _p(
        r"\b(?:could|would|should|must|might|(?-i:may))(?:n't|\s+not)?\s+(?P<w>of)\b(?!\s+course)",
        "have",
        "could|would|should|must|might|may",
    ),
    # their/there/they're
    _p(
        rf"(?<!\b(?:is|was|are|were|will|would|could|should|can|did)\s)\b(?P<w>their)\s+(?:{_BE})\b",
        "there",
    ),
    _p(r"\b(?P<w>there|they're|they’re)\s+own\b", "their", "own"),
    _p(
        r"(?:^|(?<=[.!?;:]\s+|,\s+|\b(?:and|but|so|because|if|when|since|that|think|said|says)\s+))"
        r"(?P<w>there|their)\s+(?:going|coming|not|being|trying|doing|saying|making|getting|taking|looking|planning|working)\b(?!\s+(?:on|in|to\s+be)\b)",
        "they're",
    ),
    # its/it's
    _p(r"\b(?P<w>it's|it’s)\s+own\b", "its", "own"),
    _p(
        rf"(?<!\b(?:of|in|on|at|by|for|with|from|to|and|or)\s)(?<=^|[.!?]\s+|,\s+|\b(?:but|and|so|because|if|that|when|says|said|think|thinks)\s)(?P<w>its)\s+(?:{_ARTICLE_NEXT})\b",
        "it's",
    ),
    # your/you're
    _p(
        r"\b(?P<w>your)\s+(?:welcome|a|an|the|not|going|being|so|very|right|wrong|probably|definitely|gonna)\b(?!\s+(?:mat|page|gift|message|note|home)\b)",
        "you're",
    ),
    _p(r"\b(?P<w>you're|you’re)\s+own\b", "your", "own"),
    # then/than
    _p(rf"\b(?:{_COMPARATIVES})\s+(?P<w>then)\b(?!\s*,)", "than"),
    _p(
        r"(?:\band|\bsince|\buntil|\bjust|\bby|\bback|\bonly|\bwho|\bwhat|,)\s+(?P<w>than)\b(?=\s+(?:the|he|she|they|we|I|it|you|there|a|an)\b)",
        "then",
    ),
    # lose/loose
    _p(
        r"\b(?:to|will|would|could|might|may|can|cannot|can't|don't|didn't|won't|not|never)\s+(?P<w>loose)\s+(?:the|a|an|his|her|their|our|my|your|its|weight|money|sight|track|control|faith|hope|touch|interest|power|ground|everything|it|them|him|me|us)\b",
        "lose",
    ),
    _p(
        r"\b(?P<w>loosing)\s+(?:the|a|an|his|her|their|our|my|your|its|weight|money|sight|track|control|faith|hope|touch|interest|power|ground|everything)\b",
        "losing",
    ),
    _p(
        r"\b(?:on\s+the|a|cut|set|break|broke|broken|turned|let)\s+(?P<w>lose)\b(?!\s+(?:the|a|an|his|her|their|our|my|your|its|weight|money|sight|track|control)\b)",
        "loose",
    ),
    _p(r"\b(?P<w>lose)\s+(?:ends|change|fit|cannon|leaf)\b", "loose"),
    # affect/effect
    _p(
        r"\b(?:an|the|no|any|little|positive|negative|significant|major|side|lasting|adverse)\s+(?P<w>affect)\b(?=\s+(?:on|of|that)\b)",
        "effect",
    ),
    _p(r"\bside\s+(?P<w>affects)\b", "effects", "side"),
    _p(
        r"\b(?:will|would|could|might|may|can|cannot|can't|won't|didn't|doesn't|don't|not|negatively|adversely|directly|seriously|greatly)\s+(?P<w>effect)\s+(?:the|a|an|his|her|their|our|my|your|its|how|them|him|me|us|people|millions|thousands)\b",
        "affect",
    ),
    _p(r"\b(?P<w>effected)\s+by\b", "affected"),
)


@dataclass(frozen=True, slots=True)
class Confusion:
    """A word that is likely another, and the fix."""

    start: int
    end: int
    word: str
    fix: str


def _match_case(fix: str, model: str) -> str:
    if model[:1].isupper():
        return fix[:1].upper() + fix[1:]
    return fix


def possible(folded: str) -> list[Pattern]:
    """The patterns that can match somewhere in ``folded`` (lower-cased text)."""
    return [p for p in PATTERNS if _holds(folded, p.words)]


def _holds(folded: str, words: tuple[str, ...] | None) -> bool:
    """Does ``folded`` hold one of ``words`` (None: no words to look for)?"""
    if words is None:
        return True
    for w in words:
        if w in folded:
            return True
    return False


def find(
    text: str,
    start: int = 0,
    end: int | None = None,
    patterns: list[Pattern] | None = None,
    folded_text: str | None = None,
) -> Iterator[Confusion]:
    """Confusions in ``text[start:end]``; ``patterns`` narrows the search to those
    ``possible`` for a larger text holding this one (one test per document);
    ``folded_text`` is ``fold(text)`` where it folds alike in every part
    (``folds_alike``), so that the span's fold is a slice of it."""
    end = len(text) if end is None else end
    seen: set[int] = set()
    # the words of a match lie inside the span searched: a pattern whose words are
    # not all there (the document's test, ``possible``, is done again for the span,
    # with ``needs``) cannot match in it
    if folded_text is not None:
        folded = folded_text[start:end]
    else:
        folded = fold(text[start:end])
    for p in possible(folded) if patterns is None else patterns:
        if not (_holds(folded, p.words) and _holds(folded, p.needs)):
            continue
        for m in p.regex.finditer(text, start, end):
            s, e = m.span("w")
            if s in seen:
                continue
            seen.add(s)
            word = m.group("w")
            yield Confusion(s, e, word, _match_case(p.fix, word))


def folds_alike(text: str, folded: str) -> bool:
    """Is ``fold`` of every part of ``text`` the same part of ``folded`` (``fold(text)``)?

    So it is where ``str.lower`` gave one character for each (the two are as long)
    and no capital sigma is there, the one character it lowers by its neighbours
    (as a word's last letter, a final sigma); ``fold``'s own changes are one
    character for one."""
    return len(folded) == len(text) and "\u03a3" not in text
