"""Promo detection: phrase evidence of one category weighed with shared layout evidence.

A :class:`Detector` holds one category's compiled patterns (from a rule file):

- ``phrases``: strong evidence. A unit (line) with a match is promo unless it is
  quoted speech or a long body paragraph.
- ``cues``: weak evidence. A match counts only together with layout evidence: the
  unit is a short standalone line or carries ``>>>``/arrow markers, and the cue
  opens the line (or a sentence of it) or the line has no closing punctuation.
- ``headers``: a short standalone line that announces a list of promo lines
  ("Related", "More from ...", "You may also like"); the headline-shaped lines that
  follow it join the block.
- ``markers``: a marker such as "Advertisement" glued in front of body text on the
  same line; only the marker is reported.

Patterns are case-insensitive regular expressions matched against each unit with
``^``/``$`` anchoring at the start/end of the line and of each sentence in it.
Curly quotes and apostrophes are matched as straight ones.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from itertools import accumulate

from .. import rx
from ..document import Document
from ..findings import Edit
from ..regexcache import compile as compile_regex
from ..regexcache import compile_re
from ..rules.literals import LiteralSet
from ..rules.patterns import _required, could_match, read_pattern, sre_constants
from .layout import LATIN_LETTER, Layout, Unit, latin, layout_of, page_of

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    import regex

FLAGS = rx.IGNORECASE | rx.MULTILINE | rx.V0

#: a body paragraph this long is not promo even if it contains a promo phrase
MAX_WORDS = 70
#: a phrase that does not open a unit this long counts only if the unit is shorter
PARAGRAPH_WORDS = 45
#: how many lines after a header may join its block
FOLLOW_LIMIT = 15
#: followers of a header are at most this long
FOLLOW_WORDS = 32
#: HTML: a block grows by at most this many units (each step checks that the block can
#: still be cut out as whole elements, which costs the block's length): a longer run
#: of promo elements is reported as several blocks (rejoined where the scorer keeps
#: them all), so a page of thousands of them costs its length, not its length squared
HTML_BLOCK_UNITS = 64
_SMALL_END = compile_regex(
    r"(?:,|\b(?:the|a|an|and|or|of|to|in|on|for|with|at|by|from|that|his|her|their))"
    r"\s?(?:\.{3}|…)$",
    rx.I,
)


def _small_end(text: str) -> bool:
    """``_SMALL_END`` searched in ``text`` (no trailing space); only text ending in an
    ellipsis can match, so the regex runs on that alone."""
    return text.endswith(("...", "…")) and _SMALL_END.search(text) is not None


#: "BUFFALO, N.Y. — " or "LONDON (Reuters) - ": a story's dateline
_DATELINE = compile_regex(
    r"\s*(?-i:\p{Lu}[\p{Lu}\p{M} .'-]{2,30})(?:, [\p{L}.' ]{2,20})?(?: \([^)]{2,30}\))?"
    r" ?(?:—|–|--|-) \S",
    rx.V1,
)
_LOWER = compile_regex(r"\p{Ll}", rx.V1)
_NUMBERED = compile_regex(r"\s*\(?\d{1,3}[.)]\s")
#: a credit line ("- Additional reporting by ...")
_CREDIT = compile_regex(
    r"\W*(?:additional |extra )?(?:reporting|writing|editing|research|photos?|pictures?|"
    r"images?|illustrations?|graphics?|video|words|interviews?|translation)\b",
    rx.I,
)
#: the article's own end matter: credits, copyright, a disclaimer (a run of other
#: stories does not start there)
_END_MATTER = compile_regex(
    r"\W*(?:(?:additional |extra )?(?:reporting|writing|editing|research) by|edited by|"
    r"written by|©|\(c\)|copyright|all rights reserved|(?:main |top |header )?"
    r"(?:image|photo|picture|video) (?:credit|courtesy|source)|the views (?:and opinions )?"
    r"expressed|disclaimer|correction|clarification|editor'?s note)\b",
    rx.I,
)
_PRICE = compile_regex(r"[$£€]\s?\d|\d\s?(?:%|percent) off\b", rx.I)
_SYMBOL_BULLET = compile_regex(r"\s*[•·▪*\-–]\s+\S")
#: a product's name: two to four capitalised words ("Harbour Herald Pro")
_PRODUCT = compile_regex(
    r"(?-i:\b\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){1,3})\b", rx.V1
)
#: a sentence that reports (the article citing a paper or a service it names)
_REPORTING = compile_regex(
    r"\b(?:said|says|told|tells|reported|reports|according to|wrote|writes|announced|"
    r"confirmed|published|revealed|showed|found)\b",
    rx.I,
)
#: first or second person: the site speaking to its reader
_PERSON = compile_regex(r"\b(?:we|our|us|you|your|you're|yours)\b", rx.I)
#: the outlet speaking for itself (a sign-up line may speak to the reader in any copy)
_OUTLET = compile_regex(
    r"\b(?:we|our|us|we're|we've|we'll|ours)\b|\bthis (?:site|website|page|article|story)\b"
    r"|\bthe (?:site|website)\b|@\w|https?://|www\.|\b[\w-]+\.(?:com|co\.uk|org|net|io|tv|news)\b"
    r"|[$£€¥₹]\s?\d|\bRs\.? ?\d",
    rx.I,
)
#: a site's notice speaks of its users in the third person
_USERS = compile_regex(r"\b(?:users?|visitors?|commenters?)\b", rx.I)
#: where a sentence starts (after a closing stop and a space, or a line break)
_SENTENCE_END = compile_regex(r"[.!?…][\"'”’)]*\s+|\n")
#: a sentence ends inside the text and another starts
_INNER_STOP = compile_regex(r"\p{Ll}[.!?][\"'”’)]?\s+[\"'“‘]?\p{Lu}", rx.V1)
#: a bare link prompt ("Click here for details.", "Please click the link below")
_CLICK = compile_regex(
    r"\W*(?:please )?click(?:ing)? (?:here|on (?:this|the) link|(?:this|the) link(?: below)?)\b"
    r"[^.!?\n]{0,60}[.!]?\W*$",
    rx.I,
)
#: a body paragraph has this many words at least
REPORT_WORDS = 20
#: the article's own advice (``Detector._own_advice``): its length, the content words
#: it shares with the article's other paragraphs, how many paragraphs those are
ADVICE_WORDS = 18
ADVICE_SHARED = 2
ADVICE_PARAGRAPHS = 3
ADVICE_CAPS = 0.15
#: a line only the scorer weighs is told by a shorter sentence (a feature, not a veto)
ADVICE_LOOSE_WORDS = 12
#: a sentence this much capitalised is a menu or headlines run together
CAPS_SHARE = 0.4


def _body_neighbour(v: Unit) -> bool:
    """A paragraph of the article's: it closes, and is no marker, quote or table row
    (a paragraph of prose that cites three numbers, "9,000 ... £1,300", is no table
    row for all its digits: only pipes or tabs make it one)."""
    if not v.closing or v.markers or v.quoted:
        return False
    if v.table and v.prose_like:
        return "|" not in v.text and "\t" not in v.text.strip()
    return not v.table


def _reported(layout: Layout, u: Unit, at: int) -> bool:
    """The phrase at ``at`` sits inside a sentence of a body paragraph (a unit of
    several sentences' length that closes) that reports on it ("..., the council
    said"), or that talks of others (no "we", "our", "you") amid the article's own
    paragraphs: the article's subject ("The paper closed its comment section"), not
    the site speaking to its reader; the story's opening paragraph counts when the
    sentence reports. A site's notice in the third person ("The site
    may earn a commission ...") sits apart from the body (or outside the article of a
    whole-page copy), and stays promo."""
    if u.words < REPORT_WORDS or not u.closing or u.markers:
        return False
    text = u.match_text
    start = u.core_start - u.start
    for m in _SENTENCE_END.finditer(text, start, at):
        start = m.end()
    if len(text[start:at].split()) < 2:
        return False  # the phrase opens its sentence
    stop = _SENTENCE_END.search(text, at)
    sentence = text[start : stop.start() if stop else len(text)]
    if _USERS.search(sentence) or (_PERSON.search(sentence) and not _REPORTING.search(sentence)):
        return False
    words = sentence.split()
    if sum(1 for w in words if w[:1].isupper()) >= CAPS_SHARE * len(words):
        return False  # a menu or headlines run together, not a sentence of prose
    units = layout.units
    if len(units) < 2:
        return False
    page = page_of(layout)
    if page is not None and page.outside(u):
        return False
    if u.index == 0:
        # the story's opening paragraph, reporting ("The paper's owners said ..."),
        # a body paragraph after it; a notice opening the piece ("The site may earn a
        # commission ...") reports nothing and stays promo
        nxt = units[1]
        return _REPORTING.search(sentence) is not None and _body_neighbour(nxt) and nxt.prose_like
    if u.index == len(units) - 1:
        return False
    prev, nxt = units[u.index - 1], units[u.index + 1]
    return _body_neighbour(prev) and _body_neighbour(nxt) and (prev.prose_like or nxt.prose_like)


_NAME_SKIP = frozenset("the a an our your this that get sign join start".split())


def _product_key(name: str) -> str | None:
    """The name without a leading article or verb; None when one word is left."""
    words = name.split()
    while words and words[0].lower() in _NAME_SKIP:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


#: topic tail: how many of the last units may start a run, how long a unit may be,
#: how many content words a unit needs to be judged, the share it may have in common
TOPIC_WINDOW = 30
TOPIC_WORDS = 60
TOPIC_MIN_WORDS = 4
TOPIC_OVERLAP = 0.2
TOPIC_RUN_OVERLAP = 0.12
#: the article's most frequent content words (each in two units or more) are its keys
TOPIC_KEYS = 5
#: an article needs this many different content words to have a topic
TOPIC_VOCAB = 60
#: an article needs this many to judge a single line off topic
OFF_TOPIC_VOCAB = 30
#: the longest line judged another story's headline by its words alone
OFF_TOPIC_WORDS = 24
_CONTENT = compile_regex(r"[^\W\d_]{4,}(?:'[^\W\d_]+)?")
#: ``_CONTENT`` for the standard ``re`` on text that ``layout.latin`` passes
_CONTENT_LATIN = compile_re(rf"[{LATIN_LETTER}]{{4,}}(?:'[{LATIN_LETTER}]+)?")
_STOP = frozenset(
    """about above across after again against also although always among another anyone
    anything around away back because been before being below best better between both came
    come comes could days does doing done down during each either else even ever every first
    found from gets getting give given goes going good great have having here however into
    just keep know known last least less like little long look made make makes making many
    more most much must need never next none only other others ours over part people place
    really right same says said seen should show since some something still such take takes
    taken than that their them then there these they thing things think this those though
    three through time times today told took toward under until upon used using very want
    wants well went were what when where whether which while whom whose will with within
    without would year years your yours four five week weeks month months percent million
    tells""".split()
)


_LOWER_WORD = compile_regex(r"\b\p{Ll}[\p{L}'’-]+", rx.V1)
_CALENDAR = frozenset(
    w[:5]
    for w in """monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december""".split()
)
_CAPS = compile_regex(r"\b\p{Lu}[\p{L}'’-]+", rx.V1)
#: an interview's question or answer ("Q: ...", "A: ...")
_QA = compile_regex(r"\s*(?:Q|A)\s*[:.]\s")


def _stems(text: str) -> set[str]:
    """Lower-case content words of ``text``, cut to five letters (a crude stem)."""
    low = text.lower()
    findall = (_CONTENT_LATIN if latin(low) else _CONTENT).findall
    if "'" not in low and "’" not in low:
        # (no possessive to cut; a word found has four letters or more)
        return {w[:5] for w in findall(low) if w not in _STOP}
    out = set()
    for w in findall(low.replace("’", "'")):
        if w.endswith("'s"):
            w = w[:-2]
        if w not in _STOP and len(w) >= 4:
            out.add(w[:5])
    return out


def _unit_stems(layout: Layout) -> list[set[str]]:
    """``_stems`` of every unit's text, worked out once a document and shared by the
    rules that judge topic (read-only)."""
    cached = layout.__dict__.get("_unit_stems")
    if cached is None:
        cached = layout.__dict__["_unit_stems"] = [_stems(u.text) for u in layout.units]
    return cached


#: a title shares this many content words with the article's paragraphs
TITLE_SHARED = 2


def title_on_topic(layout: Layout, u: Unit) -> bool:
    """``u`` is the article's title: the document's first line, a headline's length
    with no closing stop, that shares ``TITLE_SHARED`` content words or more with the
    paragraphs of the article (a story about newsletters or apps is titled with the
    words of its subject; a sign-up line at the top names nothing of the article)."""
    if u.index != 0 or u.closing or u.quoted or u.inline or not 3 <= u.words <= 24:
        return False
    stems = _unit_stems(layout)
    body: set[str] = set()
    for v in layout.units[1:]:
        if v.prose_like and not v.quoted:
            body |= stems[v.index]
    return len(stems[0] & body) >= TITLE_SHARED


#: a Markdown heading ("## Share your views") at the start of its source line
_ATX = compile_regex(r"[ \t]{0,3}#{1,6}[ \t]+$")


def own_subhead(doc: Document, layout: Layout, u: Unit) -> bool:
    """``u`` is a Markdown heading of the article's own, set between its paragraphs:
    a ``#`` heading line with a paragraph of report right after it (20 words or more,
    not quoted, and speaking neither to the reader nor for the outlet: no "you", no
    "we"). An imperative subhead of a report ("## Share your views", "## Download the
    map") heads that report's section; a prompt heads a prompt ("## Share your views"
    then "Tell us what you think below")."""
    if u.inline or u.quoted or u.words > 10 or u.index + 1 >= len(layout.units):
        return False
    src = doc.source
    if _ATX.match(src, src.rfind("\n", 0, u.start) + 1, u.start) is None:
        return False
    nxt = layout.units[u.index + 1]
    return (
        nxt.prose_like and not nxt.quoted and nxt.words >= 20 and _PERSON.search(nxt.text) is None
    )


def own_advice(layout: Layout, u: Unit, words: str | None = None, least: int | None = None) -> bool:
    """``u`` is a paragraph of the article's own advice to its reader: a line of body
    prose (``ADVICE_WORDS`` words or more, closing) among the article's paragraphs that
    does not speak for the outlet (no "we", "our", "this site", handle, link or price,
    nor of its "users"), names no brand (few capitals), and whose ``words`` (the line's, or those
    outside a promo phrase) repeat ``ADVICE_SHARED`` content words of the article's
    other paragraphs ("Sign up for flood alerts if you live near the river ..." in a
    story on the river's floods; "Block third-party cookies in the browser's settings
    ..." in a how-to on privacy settings). A site's prompt names the site's things
    (its newsletter, its app, its offer), not the story's."""
    if (
        u.words < (ADVICE_WORDS if least is None else least)
        or not u.closing
        or u.markers
        or u.bullet
        or u.quoted
    ):
        return False
    if not layout.first_prose <= u.index <= layout.last_body + 1:
        return False  # among the article's paragraphs (or closing them), not around them
    text = u.match_text
    if _OUTLET.search(text) or _USERS.search(text):
        return False
    tokens = text.split()
    if sum(1 for w in tokens if w[:1].isupper()) >= ADVICE_CAPS * len(tokens):
        return False  # names a product, a brand, a menu: not plain advice
    page = page_of(layout)
    if page is not None and page.outside(u):
        return False
    own = _stems(text if words is None else words)
    if len(own) < ADVICE_SHARED:
        return False
    stems = _unit_stems(layout)
    body: set[str] = set()
    paragraphs = 0
    for v in layout.units:
        if v.index != u.index and v.prose_like and not v.quoted and not v.markers:
            body |= stems[v.index]
            paragraphs += 1
    return paragraphs >= ADVICE_PARAGRAPHS and len(own & body) >= ADVICE_SHARED


_SINGLE_QUOTED = compile_regex(r"(?<![\w'])'[^'\n]{2,40}'(?![\w'])")

#: a run of words in capitals (two or more, or one of six letters or more) that
#: starts a unit or a sentence, glued to mixed-case text after it or ended by the
#: unit: where an extractor ran a page's own line ("CLICK HERE TO GET THE APP") into
#: the paragraphs around it ("... on Tuesday.CLICK HERE TO GET THE APP"Can I ...")
_CAPS_RUN = compile_regex(
    r"(?:(?<=^|\n|[.!?…][\"')\]]{0,2}\s?)|(?<=\p{Ll}[.!?][\"')]?))"
    r"(?P<run>\p{Lu}[\p{Lu}\d'&/-]*\p{Lu}(?:[ ,:]{1,2}[\p{Lu}\d][\p{Lu}\d'&/-]*){1,15}"
    r"|\p{Lu}{6,})"
    r"(?=\p{Lu}\p{Ll}|\s?[\"'(]?\p{Lu}\p{Ll}|\s*$)",
    rx.V1,
)


def glued_caps(layout: Layout) -> list[tuple[int, int, int, str]]:
    """The runs in capitals of ``_CAPS_RUN`` glued to body text in a unit that reads
    on in mixed case (a page's own line run into a paragraph): (unit index, start,
    end in the unit's text, the run's match text). Worked out once a layout."""
    found = layout.__dict__.get("_glued_caps")
    if found is not None:
        return found
    found = []
    # (``_TWO_CAPS`` never matches across a line break, and what it looks ahead for is
    # no line break: one pass over the units joined by them finds those that have one,
    # each holding the start of a match)
    units = [u for u in layout.units if not u.quoted and u.words >= 6]
    joined = "\n".join([u.text for u in units])
    first = _TWO_CAPS.search(joined)
    if first is None:  # (most documents)
        layout.__dict__["_glued_caps"] = found
        return found
    starts = list(accumulate((len(u.text) + 1 for u in units[:-1]), initial=0))
    having = sorted(
        {bisect_right(starts, m.start()) - 1 for m in _TWO_CAPS.finditer(joined, first.start())}
    )
    for k in having:
        u = units[k]
        text = u.match_text
        for m in _CAPS_RUN.finditer(text, u.core_start - u.start):
            a, b = m.span("run")
            rest = text[:a] + text[b:]
            # the text it is glued to is prose (lower-case words), not another run
            if len(_LOWER_WORD.findall(rest)) >= 4:
                found.append((u.index, a, b, text[a:b]))
    layout.__dict__["_glued_caps"] = found
    return found


_LOWER_WORD = compile_regex(r"\b\p{Ll}{2,}\b", rx.V1)
#: what every run of ``_CAPS_RUN`` has: two words in capitals in a row, or one long
_TWO_CAPS = compile_regex(
    r"\p{Lu}{2}[\p{Lu}\d'&/-]*[ ,:]{1,2}[\p{Lu}\d][\p{Lu}\d'&/-]*(?!\p{Ll})|\p{Lu}{6}", rx.V1
)


@dataclass(slots=True)
class _Live:
    """A detector's patterns that could match in one document."""

    phrases: Sequence[regex.Pattern]
    cues: Sequence[regex.Pattern]
    headers: Sequence[regex.Pattern]
    markers: Sequence[regex.Pattern]
    #: the literals one of which every match needs, by ``id`` of a pattern that has them
    need: dict[int, tuple[str, ...]]
    #: the document's layout (its units' folded match texts, ``Layout.unit_folded``,
    #: are worked out on the first ``could`` that needs them)
    layout: Layout

    def could(self, p: regex.Pattern, u: Unit) -> bool:
        """False when ``p`` cannot match in unit ``u``'s match text (nor in any part of
        it): a literal every match needs is missing from the unit. The search it saves
        costs far more than the test."""
        need = self.need.get(id(p))
        return need is None or could_match(need, self.layout.unit_folded[u.index])

    def search(self, pats: Sequence[regex.Pattern], u: Unit) -> bool:
        """Some pattern of ``pats`` matches somewhere in ``u``'s match text."""
        text = u.match_text
        return any(self.could(p, u) and p.search(text) is not None for p in pats)


#: the anchors of every detector met so far, found in a document's units in one pass
_ANCHORS: LiteralSet | None = None


#: each detector's anchors (``Detector._literals``), with the shared set found to hold
#: them: a detector asks once a document, and the set seldom grows
_HELD: dict[frozenset[str], LiteralSet] = {}


def _anchor_set(wanted: frozenset[str]) -> LiteralSet:
    """The shared set of anchors, grown to hold ``wanted``."""
    global _ANCHORS
    literals = _ANCHORS
    if literals is not None and _HELD.get(wanted) is literals:
        return literals
    if literals is None or not wanted <= literals.literals:
        literals = _ANCHORS = LiteralSet((wanted | literals.literals) if literals else wanted)
    _HELD[wanted] = literals
    return literals


def share_anchors(
    detector: Detector, more: frozenset[str] = frozenset(), build: bool = True
) -> None:
    """Add ``detector``'s anchors (and ``more``: its rule's words') to the shared set
    and, with ``build``, build its matcher now (before worker processes are forked, so
    that they share it). Without, ``build_shared`` builds it once every detector has
    joined: the set grows as each joins, and building it each time built the matcher
    ten times over for the default packs (3,858 literals added, not 739)."""
    literals = _anchor_set(detector._literals() | more)
    if build:
        literals.prepare()


def build_shared() -> None:
    """Build the matcher of the shared set of anchors (``share_anchors``) now."""
    if _ANCHORS is not None:
        _ANCHORS.prepare()


def anchors_present(layout: Layout, wanted: frozenset[str]) -> frozenset[str]:
    """The anchors of the shared set that occur in ``layout.folded`` (``_present``):
    all of ``wanted`` that do, and perhaps others."""
    return _present(layout, wanted)


#: each detector's own anchors, for a run whose rules were not prepared (one document)
_OWN: dict[frozenset[str], LiteralSet] = {}


def _present(layout: Layout, wanted: frozenset[str]) -> frozenset[str]:
    """Which anchors occur in ``layout.folded``: all that ``wanted`` holds among
    them. Where the rules were prepared (``share_anchors``), one pass over the text
    answers for every detector. Otherwise (a run of one document, which prepares
    nothing) each detector's anchors are a set of their own: growing the shared set
    as detectors are met built its matcher again for each, ~5 ms a run."""
    literals = _ANCHORS
    if literals is not None and _HELD.get(wanted) is not literals:
        if wanted <= literals.literals:
            _HELD[wanted] = literals
        else:
            literals = None
    if literals is None:
        literals = _OWN.get(wanted)
        if literals is None:
            literals = _OWN[wanted] = LiteralSet(wanted)
    cached = layout.__dict__.get("_present")
    if cached is None:
        cached = layout.__dict__["_present"] = {}
    found = cached.get(literals)
    if found is None:
        found = cached[literals] = literals.present(layout.folded)
    return found


#: what in a pattern can look past the text it matches (lookarounds, conditionals,
#: the string's own start or end, inline flags but ``i``), or run on past a unit's end
#: without giving it back (an atomic group, a possessive repeat: ``^ad[^a-z]*+$``
#: takes the line break after "Ad" and the next line's ``$`` fails): such a
#: pattern's matches in one unit are not always matches in the units joined by
#: line breaks
_SEES_PAST = re.compile(r"\(\?(?!:|P<|P=|-?i[:)])|\\[AZzGK]|[*+?}]\+")


def _joined(layout: Layout) -> str:
    """Every unit's match text, one per line, after a line break, and then every run in
    capitals glued into a unit (``glued_caps``), which ``Detector._glued_caps``
    searches on its own: its edges are a string's ends there, not a line's in its
    unit ("...margin.SPONSORED CONTENTShares..."). Worked out once a document."""
    found = layout.__dict__.get("_joined")
    if found is None:
        parts = ["\n" + u.match_text for u in layout.units]
        parts += ["\n" + run for _i, _a, _b, run in glued_caps(layout)]
        found = layout.__dict__["_joined"] = "".join(parts)
    return found


def _proof(p: regex.Pattern) -> regex.Pattern | None:
    """The pattern that ``_matches_somewhere`` searches for ``p`` in ``_joined``, or
    None when there is no such proof: ``p`` sees past its match (lookarounds,
    conditionals, the string's own start or end, inline flags but ``i``), or its
    ``^``, ``$`` and ``\\b`` do not answer at a line break as at a string's ends (not
    ``MULTILINE``, or Unicode word and line rules). A pattern that opens with ``^``
    becomes one that opens with a line break (every place ``^`` matches in a unit
    follows one in ``_joined``), which ``regex`` looks for as a literal: ten times
    faster than trying ``^`` at every character."""
    # (a pattern compiled on first use is not compiled for this: its flags are those
    # it will be compiled with, and inline flags but ``i`` leave it without a proof)
    key = (p.pattern, int(p.flags))
    if key in _PROOFS:
        return _PROOFS[key]
    source, flags = key
    proof = None
    if (
        _SEES_PAST.search(source) is None
        and flags & rx.MULTILINE
        and not flags & (rx.WORD | rx.VERBOSE)
    ):
        proof = p
        if source.startswith("^"):
            try:
                proof = compile_regex("\\n" + source[1:], flags)
            except (rx.error, ValueError, TypeError):
                proof = p
    _PROOFS[key] = proof
    return proof


#: how many sets of present anchors a detector keeps its patterns for (``_compute_live``)
_KEPT_SETS = 256

#: by pattern source and flags: ``_proof``'s answer
_PROOFS: dict[tuple[str, int], regex.Pattern | None] = {}


def _matches_somewhere(layout: Layout, p: regex.Pattern) -> bool:
    """False only when ``p`` matches in no unit's match text: its ``_proof`` finds
    nothing in them all joined by line breaks (``^``, ``$`` and ``\\b`` at a unit's
    edges answer there as at the ends of a string)."""
    proof = _proof(p)
    return proof is None or proof.search(_joined(layout)) is not None


#: the fields of a Detector that flag nothing where none of its patterns matches: the
#: patterns, and what acts only on the units they flagged (``inserts`` are found apart)
_PATTERN_ONLY = frozenset(
    ("category", "phrases", "cues", "headers", "markers", "inserts", "roundup")
    + ("signoff", "data_lists", "anchors")
)

#: a detector's phrases, cues, headers and markers (a name for the type checker only:
#: ``regex`` is not imported at run time)
if TYPE_CHECKING:  # pragma: no cover
    _Lists = tuple[
        Sequence[regex.Pattern],
        Sequence[regex.Pattern],
        Sequence[regex.Pattern],
        Sequence[regex.Pattern],
    ]


@dataclass(frozen=True)
class Block:
    """Consecutive promo units of one category."""

    first: Unit
    last: Unit
    start: int  # report span (masked edges trimmed)
    end: int
    fix: Edit | None


@dataclass
class Detector:
    """One promo category's patterns and how they score."""

    category: str
    phrases: Sequence[regex.Pattern] = ()
    cues: Sequence[regex.Pattern] = ()
    headers: Sequence[regex.Pattern] = ()
    markers: Sequence[regex.Pattern] = ()
    #: text inserted into a sentence (a link's pop-up card); reported wherever it is
    inserts: Sequence[regex.Pattern] = ()
    #: teaser only: standalone lines cut off with an ellipsis after a comma or small word
    truncated: bool = False
    #: teaser only: this many headline-shaped lines in a row after the body's end
    headline_run: int = 0
    #: teaser only: this many bulleted headlines in a row after the body's end
    list_run: int = 0
    #: teaser only: a standalone headline with 'single-quoted' words between paragraphs
    quoted_headline: bool = False
    #: a document with this many separate one-line blocks of the category is a roundup
    #: (a shopping list, say): the lines between its blocks are its items, never joined
    roundup: int = 0
    #: teaser only: the document ends in a run of short lines (headlines, each perhaps
    #: with a one-sentence blurb) after its last body paragraph, this many headlines long
    tail_run: int = 0
    #: teaser only: the document's one bulleted line, a headline between paragraphs or
    #: at the end (a list of one: a link to another story)
    lone_bullet: bool = False
    #: teaser only: a headline of another story with no marker: a short line with no
    #: closing punctuation after a paragraph, that shares no content word with the article
    off_topic_line: bool = False
    #: teaser only: a run of lines that carry data (dates, venues, a table's rows, a
    #: schedule, list items cut off with an ellipsis) is the article's list, not teasers
    data_lists: bool = False
    #: teaser only: the document ends in this many sentences or lines that share (almost)
    #: no content words with the article before them: other stories, by change of topic
    topic_tail: int = 0
    #: a prompt that closes a paragraph of the writer's own sentences and repeats one
    #: of their content words is the writer's sign-off, not boilerplate: not reported
    signoff: bool = False
    #: literals one of which every match of a pattern needs, by pattern source (see
    #: ``rules.patterns.anchors_of``); a pattern not listed is always tried
    anchors: dict[str, tuple[str, ...] | None] = field(default_factory=dict, repr=False)

    def _live(self, layout: Layout) -> _Live:
        """The patterns that could match somewhere in ``layout``'s units: a pattern
        whose every anchor is missing from the whole document cannot match any unit
        (nor any part of one), so it is not tried unit by unit."""
        cache = layout.__dict__.setdefault("_live", {})
        live = cache.get(id(self))
        if live is None:
            live = cache[id(self)] = self._compute_live(layout)
        return live

    def _compute_live(self, layout: Layout) -> _Live:
        # (what it reads of the detector, worked out once: a lookup a document, where
        # four calls were)
        consts = self.__dict__.get("_live_consts") or self._live_consts()
        need, literals, unanchored, anchored, kept = consts
        present = _present(layout, literals)
        # most documents: none of the detector's anchors, only the unanchored patterns
        mine = None if present.isdisjoint(literals) else present & literals
        # an unanchored pattern is tried on every unit: one search of the whole
        # document shows most never match (a header is matched on a unit's text
        # stripped, where that proof does not hold: always kept); so is a pattern
        # whose anchors are present, on the units that hold one: a common word ("like",
        # "get ", "log") is in most drafts, the line it opens in few
        proofs = unanchored
        if mine is not None and anchored:
            proofs += tuple((key, proof) for key, proof, a in anchored if not mine.isdisjoint(a))
        if proofs:
            joined = _joined(layout)
            dead = frozenset(key for key, proof in proofs if proof.search(joined) is None)
        else:
            dead = frozenset()
        # (what is kept depends only on which of the detector's anchors are present
        # and which of its proofs fail: worked out once for each such pair met)
        lists = kept.get((mine, dead))
        if lists is None:
            lists = self._kept_lists(mine, dead)
            if len(kept) >= _KEPT_SETS:
                kept.clear()
            kept[(mine, dead)] = lists
        phrases, cues, headers, markers = lists
        return _Live(phrases, cues, headers, markers, need, layout)

    def _live_consts(self) -> tuple:
        """What ``_compute_live`` reads of the detector (``_need``, ``_literals``,
        ``_proofs``, ``_anchored_proofs``, and its lists kept by anchors present and
        proofs failing), kept together on first use."""
        consts: tuple = (
            self._need(),
            self._literals(),
            self._proofs(),
            self._anchored_proofs(),
            {},
        )
        self.__dict__["_live_consts"] = consts
        return consts

    def _kept_lists(self, mine: frozenset[str] | None, dead: frozenset[int]) -> _Lists:
        """The phrases, cues, headers and markers ``_compute_live`` keeps where ``mine``
        are the detector's anchors present (None: none is) and the patterns of
        ``dead`` (by ``id``) were proved to match nowhere (a list that keeps all its
        patterns is the detector's own)."""
        if mine is None:
            phrases, cues, headers, markers = self._unanchored()
        else:
            need = self._need()

            def keep(pats: Sequence[regex.Pattern]) -> Sequence[regex.Pattern]:
                out = [p for p in pats if (a := need.get(id(p))) is None or not mine.isdisjoint(a)]
                return pats if len(out) == len(pats) else out

            phrases, cues, headers, markers = (
                keep(self.phrases),
                keep(self.cues),
                keep(self.headers),
                keep(self.markers),
            )
        if dead:

            def matching(pats: Sequence[regex.Pattern]) -> Sequence[regex.Pattern]:
                out = [p for p in pats if id(p) not in dead]
                return pats if len(out) == len(pats) else out

            phrases, cues, markers = matching(phrases), matching(cues), matching(markers)
        return phrases, cues, headers, markers

    def _proofs(self) -> tuple[tuple[int, regex.Pattern], ...]:
        """The unanchored phrases, cues and markers that have a ``_proof``, by ``id``,
        with it (worked out once a detector): ``_compute_live`` searches the whole
        document for each."""
        found = self.__dict__.get("_proof_list")
        if found is None:
            phrases, cues, _headers, markers = self._unanchored()
            pairs = [(id(p), _proof(p)) for p in (*phrases, *cues, *markers)]
            found = tuple((k, proof) for k, proof in pairs if proof is not None)
            self.__dict__["_proof_list"] = found
        return found

    def _anchored_proofs(self) -> tuple[tuple[int, regex.Pattern, tuple[str, ...]], ...]:
        """The anchored phrases, cues and markers that open on ``^`` and have a
        ``_proof``, by ``id``, with it and their anchors (worked out once a detector):
        ``_compute_live`` searches the whole document for those whose anchors it holds.
        (Such a proof opens on a line break, which ``regex`` skips to; the proof of a
        pattern that opens otherwise searched the whole document where the units that
        hold an anchor were searched before: more instructions, not fewer.)"""
        found = self.__dict__.get("_anchored_proof_list")
        if found is None:
            need = self._need()
            triples = [
                (id(p), _proof(p), need[id(p)])
                for p in (*self.phrases, *self.cues, *self.markers)
                if id(p) in need and p.pattern.startswith("^")
            ]
            found = tuple((k, proof, a) for k, proof, a in triples if proof is not None)
            self.__dict__["_anchored_proof_list"] = found
        return found

    def _by_layout(self) -> bool:
        """Some field of ``_LAYOUT_KEYS`` is set: layout alone can flag a unit (worked
        out once a detector)."""
        found = self.__dict__.get("_by_layout_keys")
        if found is None:
            found = self.__dict__["_by_layout_keys"] = any(
                getattr(self, name) for name in _LAYOUT_KEYS
            )
        return found

    def _need(self) -> dict[int, tuple[str, ...]]:
        """``anchors`` by ``id`` of the pattern (worked out once a detector)."""
        need = self.__dict__.get("_need_by_id")
        if need is None:
            need = {}
            for p in (*self.phrases, *self.cues, *self.headers, *self.markers):
                found = self.anchors.get(p.pattern)
                # (an empty anchor is in every text: such a pattern is always tried)
                if found is not None and "" not in found:
                    need[id(p)] = found
            self.__dict__["_need_by_id"] = need
        return need

    def _unanchored(self) -> _Lists:
        """The phrases, cues, headers and markers that have no anchors (worked out
        once a detector): those ``_compute_live`` keeps where none of the detector's
        anchors occurs."""
        found = self.__dict__.get("_unanchored_lists")
        if found is None:
            need = self._need()

            def free(pats: Sequence[regex.Pattern]) -> Sequence[regex.Pattern]:
                out = [p for p in pats if id(p) not in need]
                return pats if len(out) == len(pats) else out

            found = (free(self.phrases), free(self.cues), free(self.headers), free(self.markers))
            self.__dict__["_unanchored_lists"] = found
        return found

    def _literals(self) -> frozenset[str]:
        """Every anchor of ``_need`` (worked out once a detector)."""
        found = self.__dict__.get("_need_literals")
        if found is None:
            found = frozenset(a for need in self._need().values() for a in need)
            self.__dict__["_need_literals"] = found
        return found

    # ------------------------------------------------------------------ units
    def _phrase(
        self, layout: Layout, u: Unit, phrases: Sequence[regex.Pattern], live: _Live
    ) -> int | None:
        """Offset (in the unit) of the earliest strong phrase, or None."""
        if u.words > MAX_WORDS:
            return None
        core = u.core_start - u.start
        best = None
        could = live.could
        for p in phrases:
            if not could(p, u):
                continue
            m = p.search(u.match_text)
            if m is None:
                continue
            # a phrase deep inside a long paragraph is the writer's own sentence
            if u.words > PARAGRAPH_WORDS and m.start() > core:
                continue
            if _reported(layout, u, m.start()):
                continue
            best = m.start() if best is None else min(best, m.start())
        return best

    def _tail(self, u: Unit, at: int) -> tuple[int, int] | None:
        """When the phrase sits in a later sentence after body text, the span from
        that sentence to the end of the line (so the fix keeps the body sentences),
        or to the first sentence after it that is the body's again: 8 words or more
        that speak neither to the reader nor for the outlet (no "you", no "we") and
        hold no phrase ("... late into the evening. Follow us on Twitter. The vote was
        delayed until March because ..." keeps the vote)."""
        text = u.match_text
        cut = text.rfind("\n", 0, at) + 1
        if cut <= u.core_start - u.start:
            return None
        before = u.text[:cut]
        if len(before.split()) < 8 or not before.rstrip().endswith((".", "!", "?", '"', "”")):
            return None
        pos = text.find("\n", at)
        while pos >= 0:
            nxt = text.find("\n", pos + 1)
            sentence = text[pos + 1 : nxt if nxt >= 0 else len(text)]
            if (
                len(sentence.split()) >= 8
                and _PERSON.search(sentence) is None
                and not any(p.match(sentence) for p in self.phrases)
            ):
                return u.start + cut, u.start + len(text[:pos].rstrip())
            pos = nxt
        return u.start + cut, u.end

    def _signoff(self, units: list[Unit], u: Unit, at: int, tail: tuple[int, int] | None) -> bool:
        """The prompt at ``at`` closes a paragraph of the writer's own sentences (on the
        same line, before it) and its words outside the phrase repeat a content word of
        those sentences ("... we left out some of your favourite gadgets. Leave a comment
        and tell us your favourite gadget."): the writer's sign-off. Boilerplate
        ("... on Tuesday. Leave a comment below.") names nothing of the paragraph."""
        if tail is not None:
            before = u.text[: tail[0] - u.start]
        elif u.inline and at <= u.core_start - u.start:
            # a sentence of an over-long line: the sentences before it on that line
            prev = [
                v for v in units[max(0, u.index - 2) : u.index] if v.inline and v.line == u.line
            ]
            before = " ".join(v.text for v in prev)
            if len(before.split()) < 8 or not prev[-1].closing:
                return False
        else:
            return False
        end = u.match_text.find("\n", at)
        prompt = u.match_text[at : end if end >= 0 else len(u.match_text)]
        words = set()
        for p in self.phrases:
            m = p.match(prompt)
            if m is not None:
                words = _stems(prompt[m.end() :])
                break
        return bool(words & _stems(before))

    def _own_advice(self, layout: Layout, u: Unit, at: int, live: _Live) -> bool:
        """The phrase at ``at`` sits in a paragraph of the article's own advice to its
        reader (:func:`own_advice`, on the words outside the phrase)."""
        end = at
        text = u.match_text
        for p in live.phrases:
            if live.could(p, u):
                m = p.match(text, at)
                if m is not None:
                    end = max(end, m.end())
        return own_advice(layout, u, text[:at] + " " + text[end:])

    def _cue(self, u: Unit, cues: Sequence[regex.Pattern], live: _Live) -> bool:
        if not (u.standalone and u.short) and not u.markers:
            return False
        text = u.match_text
        core = u.core_start - u.start
        for p in cues:
            if not live.could(p, u):
                continue
            m = p.search(text)
            if m is None:
                continue
            at_start = m.start() <= core or text[m.start() - 1] == "\n"
            if at_start or not u.closing or u.markers:
                return True
        return False

    def _header(self, u: Unit, headers: Sequence[regex.Pattern]) -> bool:
        if not u.standalone or u.words > 10 or (u.inline and not u.glued_after):
            return False
        core = u.core.strip()
        for p in headers:
            m = p.match(core)
            if m is not None and not core[m.end() :].strip():
                return True
        return False

    def _inline_list(self, units: list[Unit], u: Unit, live: _Live) -> int:
        """A list header that is a sentence of a long line ("... on May 2. You may also
        like... Who will ...?"), where an extractor ran the page's paragraphs onto one
        line: when only short sentences (its headlines) follow it to the end of the
        line, the index after the last of them; else 0."""
        if not u.inline or u.words > 10 or u.quoted:
            return 0
        core = u.core.strip()
        if not any(
            live.could(p, u) and (m := p.match(core)) is not None and not core[m.end() :].strip()
            for p in live.headers
        ):
            return 0
        j = u.index + 1
        while j < len(units) and units[j].inline and units[j].line == u.line:
            v = units[j]
            if j - u.index > FOLLOW_LIMIT or v.quoted or v.words > FOLLOW_WORDS:
                return 0
            j += 1
        # a list of headlines runs to the end of the line; a sentence of the article
        # ending it (a full stop) means the article goes on after the "header"
        last = units[j - 1].text.rstrip()
        if j > u.index + 1 and last.endswith(".") and not last.endswith("..."):
            return 0
        return j

    def _marker(self, u: Unit, markers: Sequence[regex.Pattern], live: _Live) -> regex.Match | None:
        """A marker at the start of the unit or of one of its sentences."""
        core = u.core_start - u.start
        text = u.match_text
        starts = None
        for p in markers:
            if not live.could(p, u):
                continue
            if _tried_alike(p):
                # (a match ``finditer`` yields at one of these places is the pattern's
                # match there: where it has none, there is nothing to look for; most
                # units hold a marker's literal ("more ") only in the course of a
                # sentence, and the scan of the whole unit cost more than the rest)
                if starts is None:
                    starts = _starts(text, core)
                if not any(p.match(text, at) is not None for at in starts):
                    continue
            for m in p.finditer(text, core):
                if m.start() == core or text[m.start() - 1] == "\n":
                    return m
        return None

    @staticmethod
    def _glued_caps(
        layout: Layout, live: _Live, hits: set[int], marks: dict[int, tuple[int, int]]
    ) -> None:
        """A run in capitals glued into body text (``glued_caps``) that holds a phrase or
        a cue of the category (as a short line of its own with no closing stop would):
        it is cut out alone ("... respectively.GET THE NEWS APP BY CLICKING HEREShares rose
        ..." keeps both sentences)."""
        if not (live.phrases or live.cues):
            return
        units = layout.units
        for i, a, b, run in glued_caps(layout):
            if i in hits or i in marks:
                continue
            if any(p.search(run) is not None for p in (*live.phrases, *live.cues)):
                marks[i] = (units[i].start + a, units[i].start + b)

    def _is_follower(self, u: Unit, prev: Unit, nxt: Unit | None) -> bool:
        """A headline-shaped line after a header (or a short blurb between headlines).
        Under a header, a line that opens with a capital after a headline with no
        closing stop is a headline of its own, not that one wrapped (a list of
        headlines of 50-odd characters each reads like wrapped copy)."""
        if not self._headline_like(u) and not (
            not u.standalone
            and not u.inline
            and not prev.closing
            and not prev.inline
            and u.text[:1].isupper()
            and not (u.quoted or u.table)
            and 0 < u.words <= FOLLOW_WORDS
        ):
            return False
        if u.text.rstrip().endswith(":"):
            return False  # a lead-in to what follows ("Here are the highlights:")
        if not u.closing or u.headline or u.bullet or u.markers or u.truncated:
            return True
        # a one-sentence blurb between two headlines of the list
        return (
            u.words <= 22
            and not prev.closing
            and nxt is not None
            and self._headline_like(nxt)
            and not nxt.closing
        )

    @staticmethod
    def _headline_like(u: Unit) -> bool:
        return (
            u.standalone
            and not (u.quoted or (u.inline and not u.glued_before) or u.table)
            and 0 < u.words <= FOLLOW_WORDS
        )

    # ------------------------------------------------------------------ document
    def flagged(self, doc: Document) -> tuple[set[int], dict[int, tuple[int, int]]]:
        """Indices of promo units, and marker-only spans by unit index."""
        hits, marks, _ = self._flagged(doc)
        return hits, marks

    def _flagged(
        self, doc: Document
    ) -> tuple[set[int], dict[int, tuple[int, int]], list[tuple[int, int, int]]]:
        """``flagged``, with the matches of ``inserts`` (see ``_inserted``)."""
        layout = layout_of(doc)
        units = layout.units
        live = self._live(layout)
        hits: set[int] = set()
        marks: dict[int, tuple[int, int]] = {}
        inserted = list(self._inserted(doc, units)) if self.inserts else []
        if (
            not (live.phrases or live.cues or live.headers or live.markers)
            and not self._by_layout()
        ):
            return hits, marks, inserted  # no pattern could match, and layout alone flags nothing
        i = 0
        while i < len(units):
            u = units[i]
            if u.quoted:
                m = self._marker(u, live.markers, live) if live.markers else None
                if m is not None and u.text[m.end() :].strip():
                    marks[i] = (u.start + m.start(), u.start + m.end())
                i += 1
                continue
            end = self._inline_list(units, u, live) if live.headers else 0
            if end:
                hits.update(range(i, end))
                i = end
                continue
            if live.headers and self._header(u, live.headers):
                hits.add(i)
                j = i + 1
                while (
                    j < len(units)
                    and j - i <= FOLLOW_LIMIT
                    and self._is_follower(
                        units[j], units[j - 1], units[j + 1] if j + 1 < len(units) else None
                    )
                ):
                    # a tight list (no blank lines inside) ends at the next blank line
                    if j - i >= 2 and units[j].blank_before and not units[j - 1].blank_before:
                        break
                    hits.add(j)
                    j += 1
                i = j
                continue
            at = self._phrase(layout, u, live.phrases, live) if live.phrases else None
            if (
                at is not None
                and own_subhead(doc, layout, u)
                and not live.search((*live.phrases, *live.cues), units[i + 1])
            ):
                # "## Download the app" over a report on the app: the article's section
                i += 1
                continue
            if at is not None and live.markers:
                m = self._marker(u, live.markers, live)
                if (
                    m is not None
                    and m.start() <= at < m.end()
                    and u.text[m.end() :].strip()
                    and not any(p.search(u.match_text, m.end()) for p in live.phrases)
                ):
                    # the phrase is the marker glued in front of body text: cut it alone
                    marks[i] = (u.start + m.start(), u.start + m.end())
                    i += 1
                    continue
            tail = self._tail(u, at) if at is not None else None
            if at is not None and tail is None and self._own_advice(layout, u, at, live):
                i += 1
                continue
            if at is not None and self.signoff and self._signoff(units, u, at, tail):
                i += 1
                continue
            if tail is not None:
                marks[i] = tail
            elif at is not None or (
                live.cues and self._cue(u, live.cues, live) and not title_on_topic(layout, u)
            ):
                hits.add(i)
                if self.headers:
                    # a list of headlines right under a teaser line joins it
                    j = i + 1
                    while j < len(units) and j - i <= FOLLOW_LIMIT:
                        v = units[j]
                        if not (v.bullet and not v.closing and v.standalone and v.words <= 20):
                            break
                        hits.add(j)
                        j += 1
                    if j > i + 1:
                        i = j
                        continue
            elif (
                self.quoted_headline
                and u.standalone
                and not u.closing
                and not u.table
                and 4 <= u.words <= 20
                and u.headline
                and _SINGLE_QUOTED.search(u.match_text)
                # set in capitals it is a headline beyond doubt: short paragraphs will do
                and layout.cuts_paragraphs(u, short=not _LOWER.search(u.text))
            ):
                hits.add(i)
            elif live.markers:
                m = self._marker(u, live.markers, live)
                if m is not None:
                    rest = u.text[m.end() :].strip()
                    if rest:
                        marks[i] = (u.start + m.start(), u.start + m.end())
                    else:
                        hits.add(i)
            if (
                self.truncated
                and i not in hits
                and (u.standalone or u.inline)
                and _small_end(u.text.rstrip())
                and u.words >= 1
            ):
                hits.add(i)
            i += 1
        self._glued_caps(layout, live, hits, marks)
        if self.truncated:
            self._truncated_chain(units, hits)
        # a shopping guide: a buy link under every product; the links are reported one
        # by one, and the product lines between them are its content, never joined
        roundup = bool(self.roundup) and self._is_roundup(units, hits, self.roundup)
        if not roundup:
            self._fill_gaps(units, hits)
        self._extend(units, hits, live.cues)
        # a promo sentence cut off a body line (a mark) counts as part of the block
        # for names and gaps; the units that join it then extend the mark
        tails = {i for i, (a, b) in marks.items() if b == units[i].end} - hits
        joined = hits | tails
        self._name_join(units, joined, {i: marks[i][0] for i in tails})
        if not roundup:
            # an insert that is a whole line of its own ("Save my name, email, and
            # website ...") holds a gap like a flagged line: a comment form's field
            # labels between it and the form's prompt join the block
            whole = {
                i for i, a, b in inserted if a <= units[i].core_start and b >= units[i].end - 1
            } - joined
            joined |= whole
            self._fill_gaps(units, joined)
            joined -= whole
        hits.update(joined - tails)
        for i in sorted(tails):
            j = i
            while j + 1 in hits and units[j + 1].inline and units[i].inline:
                j += 1
            if j > i:
                marks[i] = (marks[i][0], units[j].end)
                hits.difference_update(range(i + 1, j + 1))
        if self.headline_run:
            self._runs(layout, hits, self.headline_run, bullets=False)
        if self.list_run:
            self._runs(layout, hits, self.list_run, bullets=True)
        if self.tail_run:
            self._tail_run(layout, hits, self.tail_run)
        if self.topic_tail:
            self._topic_tail(layout, hits, self.topic_tail)
        if self.lone_bullet:
            self._lone_bullet(layout, hits)
        if self.off_topic_line:
            self._off_topic_lines(layout, hits)
        if self.data_lists:
            self._drop_data_lists(layout, hits, live.phrases)
        # a contact block's field ("Email: press@..."): the press office's address,
        # not a share button or a sign-up form
        hits.difference_update([i for i in hits if units[i].contact])
        return hits, marks, inserted

    @staticmethod
    def _off_topic_lines(layout: Layout, hits: set[int]) -> None:
        """Another story's headline with no marker: a paragraph of its own (a line, or
        lines of copy wrapped at a fixed width), 5-24 words, no closing punctuation,
        right after a body paragraph (and before another or at the end), whose
        content words (three or more) the article never uses, or uses one of (of four
        or more; a sentence-case line only: a title-case one that shares a word is
        the article's crosshead as often as not). Two such paragraphs in a row count
        alike (the second may follow the first with no blank line: see
        ``_paragraphs``). The document's first line is its title, whatever words it
        uses (a feature's title may share none with its story)."""
        units = layout.units
        paras = _paragraphs(units)

        def words(g: list[Unit]) -> int:
            return sum(u.words for u in g)

        def shape(g: list[Unit]) -> bool:
            first, last = g[0], g[-1]
            if (
                first.index == 0
                or not first.standalone
                and len(g) == 1
                and first.index - 1 in hits
                or any(u.index in hits or u.inline or u.quoted or u.table for u in g)
                or last.closing
                or first.bullet
                or any(u.truncated for u in g)
                or not 5 <= words(g) <= OFF_TOPIC_WORDS
            ):
                return False
            # (the text only for the few paragraphs of a headline's layout)
            text = " ".join(u.text.strip() for u in g)
            return not (
                # a credit or an embed's attribution ("— Ann Lee (@annlee) May 3",
                # "Photos by ...")
                text[:1] in "—–-("
                or "@" in text
                or _CREDIT.match(text) is not None
                # a sentence and a lead-in to what follows ("... on Friday. Here are
                # the highlights:"), not a headline
                or text.endswith(":")
                or _INNER_STOP.search(text) is not None
                # a piece of a wrapped paragraph, stopping where no headline does
                or _DANGLING.search(text) is not None
                or any(_data_line(u) for u in g)
            )

        def body(g: list[Unit]) -> bool:
            return g[-1].closing and words(g) >= 12 and not any(u.quoted for u in g)

        picked: list[list[list[Unit]]] = []
        k = 1
        while k < len(paras):
            if not shape(paras[k]):
                k += 1
                continue
            m = k + 1 if k + 1 < len(paras) and shape(paras[k + 1]) else k
            nxt = paras[m + 1] if m + 1 < len(paras) else None
            if body(paras[k - 1]) and (nxt is None or (nxt[-1].closing and words(nxt) >= 12)):
                picked.append(paras[k : m + 1])
            k = m + 1
        if not picked:
            return
        stems = _unit_stems(layout)
        vocab: Counter = Counter()
        for s in stems:
            vocab.update(s)
        if len(vocab) < OFF_TOPIC_VOCAB:
            return
        for run in picked:
            mine: Counter = Counter()
            for g in run:
                for u in g:
                    mine.update(stems[u.index])
            if all(_off_topic(g, stems, vocab, mine) for g in run):
                hits.update(u.index for g in run for u in g)

    @staticmethod
    def _drop_data_lists(layout: Layout, hits: set[int], phrases: Sequence[regex.Pattern]) -> None:
        """Runs of flagged lines most of which carry data are the article's own lists."""
        units = layout.units
        order = sorted(hits)
        k = 0
        while k < len(order):
            j = k
            while j + 1 < len(order) and order[j + 1] == order[j] + 1:
                j += 1
            run = [units[i] for i in order[k : j + 1]]
            k = j + 1
            # a label over the list ("UP NEXT") does not make its rows teasers
            if len(run) < 2 or any(
                p.search(u.match_text) for u in run if u.words > 3 for p in phrases
            ):
                continue
            if sum(_data_line(u) for u in run) * 5 >= len(run) * 3:
                hits.difference_update(u.index for u in run)

    @staticmethod
    def _truncated_chain(units: list[Unit], hits: set[int]) -> None:
        """Other stories' opening lines, each cut off with an ellipsis, glued after the
        article: three or more cut-off units close together that run to the document's
        end. Everything between them joins (a teaser's sentences before its cut), and a
        dateline ("CITY, Region — ...") a few units before the first starts the block."""
        cut = [u.index for u in units if u.truncated and u.words <= 40]
        if len(cut) < 3 or len(units) - 1 - cut[-1] > 2:
            return
        k = len(cut) - 1
        while k > 0 and cut[k] - cut[k - 1] <= 7:
            k -= 1
        chain = cut[k:]
        if len(chain) < 3:
            return
        first = chain[0]
        for j in range(first - 1, max(-1, first - 6), -1):
            if _DATELINE.match(units[j].core):
                first = j
                break
        hits.update(range(first, len(units)))

    @staticmethod
    def _is_roundup(units: list[Unit], hits: set[int], size: int) -> bool:
        """Short one-line blocks that repeat through the body: a roundup's items."""
        singles = [
            i for i in hits if i - 1 not in hits and i + 1 not in hits and units[i].words <= 8
        ]
        return len(singles) >= size

    @staticmethod
    def _runs(layout: Layout, hits: set[int], size: int, bullets: bool) -> None:
        """Runs of headline-shaped lines after the last body paragraph."""
        run: list[int] = []
        # bulleted headline lists count anywhere once they are three long
        start = 0 if bullets and size >= 3 else layout.last_body + 1
        for u in [*layout.units[start:], None]:
            if (
                u is not None
                and u.standalone
                and u.headline
                and (u.bullet or not bullets)
                and not (u.closing or u.table or u.quoted)
                and (4 if bullets else 5) <= u.words <= 20
            ):
                run.append(u.index)
                continue
            if len(run) >= size:
                hits.update(run)
            run = []

    @staticmethod
    def _tail_run(layout: Layout, hits: set[int], size: int) -> None:
        """Short lines that end the document after its last body paragraph, in a
        repeated shape: a headline (no closing punctuation, not a numbered item) with a
        one-sentence blurb under it or a bare separator line after it, ``size`` times."""
        units = layout.units
        if layout.last_body < 0:
            return

        def line(u: Unit) -> bool:
            # (numbers are fine here: "table" shape is only a row of cells)
            return (
                u.standalone
                and not (u.quoted or u.inline)
                and u.text.count("|") < 2
                and u.words <= 20
            )

        def heading(u: Unit) -> bool:
            return (
                line(u)
                and u.words >= 3
                and not (u.closing or u.truncated)
                and not _NUMBERED.match(u.text)
            )

        k = len(units)
        while (
            k - 1 > layout.last_body
            and line(units[k - 1])
            and not _NUMBERED.match(units[k - 1].text)
        ):
            k -= 1
        tail = units[k:]
        if len(tail) < 2 * size:
            return
        if sum(1 for u in tail if u.words == 0) >= size - 1:
            # separated items: each is a headline, perhaps with a blurb under it
            items: list[list[Unit]] = [[]]
            for u in tail:
                if u.words == 0:
                    items.append([])
                else:
                    items[-1].append(u)
            # separators go between items: the first item is the line (or headline and
            # blurb) right before the first separator, whatever comes above it
            first = items[0]
            if len(first) > 2:
                if heading(first[-1]):
                    items[0] = first[-1:]
                elif heading(first[-2]) and first[-1].closing:
                    items[0] = first[-2:]
            good = [it for it in items if 1 <= len(it) <= 2 and heading(it[0])]
        else:
            # headline + closing blurb pairs
            good = [
                [a, b]
                for a, b in zip(tail, tail[1:], strict=False)
                if heading(a) and b.closing and b.words >= 5
            ]
        if len(good) >= size:
            hits.update(range(good[0][0].index, len(units)))

    @staticmethod
    def _topic_tail(layout: Layout, hits: set[int], size: int) -> None:
        """Units that end the document and change the topic: other stories' openings
        glued after the article.

        A run ``units[k:]`` (among the last units) changes the topic when each of its
        units that says enough (``TOPIC_MIN_WORDS`` content words) names none of the
        article's key words or names and shares at most ``TOPIC_OVERLAP`` of its content
        words with the article ``units[:k]``; ``size`` units must say enough, the first
        of them opens the run, and the article's last such unit before the run must be
        on its topic (so the run starts where the topic changes). Units of the run may
        share words with each other (two sentences of one other story). The longest
        such run is reported."""
        units = layout.units
        n = len(units)
        if n < size + 8 or any(_QA.match(u.text) for u in units):
            return
        # a shopping roundup (short lines with prices, one per product) differs in
        # topic item by item, like a list
        priced = [u for u in units if not u.inline and u.words <= 20 and _PRICE.search(u.text)]
        if len(priced) >= 3:
            return
        # (a unit that is only a link has no text, so no words)
        sets = _unit_stems(layout)
        vocab: Counter = Counter()
        for st in sets:
            vocab.update(st)
        distinct = len(vocab)
        # names: capitalised words never written in lower case in the document
        # (worked out only when a run is a candidate)
        caps: list[set[str]] = []

        def names_before(k: int) -> set[str]:
            if not caps:
                text = " ".join(u.text for u in units)
                lower = _stems(" ".join(_LOWER_WORD.findall(text)))
                caps.extend(
                    _stems(" ".join(_CAPS.findall(u.text))) - _CALENDAR - lower for u in units
                )
            return set().union(*caps[:k])

        def on_topic(j: int, keys: set[str], names: set[str]) -> bool:
            st = sets[j]
            common = sum(1 for w in st if vocab[w] > 1)
            return bool(st & keys or common >= max(1, TOPIC_OVERLAP * len(st)) or caps[j] & names)

        best = None
        lo = max(8, n - TOPIC_WINDOW)
        for k in range(n - 1, lo - 1, -1):
            for w in sets[k]:
                vocab[w] -= 1
                distinct -= vocab[w] == 0
            u = units[k]
            # a list's items (numbered or bulleted) differ in topic by nature
            if (
                u.words > TOPIC_WORDS
                or distinct < TOPIC_VOCAB
                or u.bullet
                or _NUMBERED.match(u.text)
            ):
                break
            if (
                len(sets[k]) < TOPIC_MIN_WORDS
                or not units[k - 1].closing
                or _END_MATTER.match(u.core)
                # the run opens with a clean break: no word in common with the article
                or any(vocab[w] > 1 for w in sets[k])
            ):
                continue
            judged = [j for j in range(k, n) if len(sets[j]) >= TOPIC_MIN_WORDS]
            if len(judged) < size or any(units[j].quoted for j in judged):
                continue
            # ties broken by the word, not by set order (which changes with the hash seed)
            ranked = sorted(vocab.items(), key=lambda wc: (-wc[1], wc[0]))[:TOPIC_KEYS]
            keys = {w for w, c in ranked if c > 1}
            # the article's last unit that says enough (end matter aside) is on topic
            # (with itself taken out of the counts)
            p = k - 1
            while p > 0 and (len(sets[p]) < TOPIC_MIN_WORDS or _END_MATTER.match(units[p].core)):
                p -= 1
            names = names_before(k)
            if any(on_topic(j, keys, names) for j in judged):
                continue
            vocab.subtract(sets[p])
            on = on_topic(p, keys, names_before(p))
            vocab.update(sets[p])
            if on:
                best = k
        if best is not None:
            hits.update(range(best, n))

    @staticmethod
    def _lone_bullet(layout: Layout, hits: set[int]) -> None:
        """The only bulleted line of the document, shaped like a headline (4-20 words,
        no closing punctuation), between two paragraphs or ending the document after
        one: a list of one item is a link to another story, not the article's list."""
        units = layout.units
        # (a line that opens so has a lead and a bullet: ``Unit.bullet``)
        bullets = [u for u in units if u.bullet and _SYMBOL_BULLET.match(u.text)]
        if len(bullets) != 1:
            return
        u = bullets[0]
        if (
            not u.standalone
            or u.closing
            or u.quoted
            or u.table
            or u.inline
            or not 4 <= u.words <= 20
            or u.index == 0
            or _CREDIT.match(u.core)
        ):
            return
        prev = units[u.index - 1]
        last = u.index == len(units) - 1
        if (last and prev.closing and prev.words >= 12) or layout.cuts_paragraphs(u, short=True):
            hits.add(u.index)

    @staticmethod
    def _name_join(units: list[Unit], hits: set[int], cut: dict[int, int] | None = None) -> None:
        """Sentences about the product a promo block sells join the block: a name of
        two or more capitalised words ("the Harbour Herald Pro") that a promo sentence
        of the block names, when every other sentence naming it sits next to the block
        (at most one unit away, chaining) and is short and not quoted speech. A name
        the article itself uses away from the block is the article's. ``cut`` maps a
        unit whose promo part starts mid-line to that offset (only that part counts)."""
        if not hits:
            return
        cut = cut or {}
        found: dict[str | None, set[int]] = {}
        for u in units:
            skip = cut.get(u.index, u.start) - u.start
            for m in _PRODUCT.finditer(u.text):
                # a name in the body part of a cut unit: the article's (never joins)
                at = u.index if m.start() >= skip else -1
                found.setdefault(_product_key(m.group()), set()).add(at)
        for name, where in found.items():
            if name is None or not any(
                i in hits and units[i].closing and not units[i].headline for i in where
            ):
                continue
            rest = sorted(where - hits)
            if (
                not rest
                or rest[0] < 0
                or any(
                    units[i].quoted
                    or units[i].words > 40
                    or units[i].headline
                    or _REPORTING.search(units[i].text)
                    for i in rest
                )
            ):
                continue
            added = _chain(units, hits, rest)
            if len(added) == len(rest):
                hits.update(added)

    @staticmethod
    def _fill_gaps(units: list[Unit], hits: set[int]) -> None:
        """A line or two sandwiched between promo lines of one category joins them."""
        order = sorted(hits)
        for a, b in zip(order, order[1:], strict=False):
            gap = units[a + 1 : b]
            if not 1 <= len(gap) <= 2:
                continue
            if any(
                u.quoted or u.words > 30 or not (u.inline or not u.closing or u.words <= 12)
                for u in gap
            ):
                continue
            if units[a].inline != units[b].inline:
                continue
            hits.update(u.index for u in gap)

    def _extend(self, units: list[Unit], hits: set[int], cues: Sequence[regex.Pattern]) -> None:
        """Grow blocks: a neighbour with a cue of the category, or a broken-off line.

        One pass forwards and one backwards, so a block grows along a chain of such
        neighbours in linear time.
        """

        def joins(v: Unit, u: Unit, after: bool) -> bool:
            if v.quoted or v.link_only or v.inline != u.inline or v.words > 30:
                return False
            if any(p.search(v.match_text) for p in cues):
                return True
            # a bare "Click here ..." next to a block is its link, whatever the category
            if v.words <= 12 and _CLICK.match(v.text):
                return True
            # a line the block's last line breaks off into ("Subscribe / to WIRED ...");
            # across a blank line only when the break is plain: the line goes on in
            # lower case, or a word or two that the next line goes on from in lower case
            if not after or u.inline or u.closing or v.words > 12:
                return False
            if not v.blank_before:
                return v.text[:1].islower() or v.words <= 2
            if v.text[:1].islower():
                return True
            nxt = units[v.index + 1] if v.index + 1 < len(units) else None
            return (
                v.words <= 2
                and not v.closing
                and nxt is not None
                and not nxt.inline
                and nxt.words <= 12
                and nxt.text[:1].islower()
            )

        for i in range(len(units) - 1):
            if i in hits and i + 1 not in hits and joins(units[i + 1], units[i], True):
                hits.add(i + 1)
        for i in range(len(units) - 1, 0, -1):
            if i in hits and i - 1 not in hits and joins(units[i - 1], units[i], False):
                hits.add(i - 1)

    def may_find(self, doc: Document, live: _Live) -> bool:
        """Whether ``blocks(doc)`` could find anything (``live``: ``_live`` of the
        document's layout): a pattern that could match, an insert whose literals are
        in the prose, or a field by which layout alone flags a line. False for most
        documents, for most categories, which then skip ``blocks``."""
        return bool(
            live.phrases
            or live.cues
            or live.headers
            or live.markers
            or (self.inserts and self._may_insert(doc))
            or self._by_layout()
        )

    def _may_insert(self, doc: Document) -> bool:
        """Some insert has a literal every match needs in ``doc``'s folded prose, or none:
        else ``_inserted`` finds nothing."""
        folded = doc.folded_prose
        return any(could_match(self.anchors.get(p.pattern), folded) for p in self.inserts)

    def _inserted(self, doc: Document, units: list[Unit]) -> Iterator[tuple[int, int, int]]:
        """Matches of ``inserts`` anywhere in the text (even inside a long paragraph,
        across its sentences): the ``promo`` group of each, or the whole match; not in
        quoted speech."""
        if not self.inserts or not units:
            return
        starts = [u.start for u in units]
        folded = doc.folded_prose
        for p in self.inserts:
            if not could_match(self.anchors.get(p.pattern), folded):
                continue  # a literal every match needs is not in the text
            exact = _case_anchors(p)
            if exact is not None and not any(a in doc.prose for a in exact):
                continue  # (nor in its case: " MORE" where the prose has " more")
            group = "promo" if "promo" in p.groupindex else 0
            for m in p.finditer(doc.prose):
                s, e = m.span(group)
                if e <= s or doc.in_quote(s, e):
                    continue
                idx = max(0, bisect_right(starts, s) - 1)
                yield idx, s, e

    def blocks(self, doc: Document) -> Iterator[Block]:
        layout = layout_of(doc)
        units = layout.units
        hits, marks, inserted = self._flagged(doc)
        if not (hits or marks or inserted):
            return  # (most documents, for most categories)
        order = sorted(hits)
        html = doc.format == "html"
        k = 0
        while k < len(order):
            first = order[k]
            last = first
            while (
                k + 1 < len(order)
                and order[k + 1] == last + 1
                and _adjacent(units[last], units[last + 1])
                and (
                    # HTML: one block only as far as it can be cut out as whole elements
                    not html
                    or (
                        last - first < HTML_BLOCK_UNITS - 1
                        and (
                            html_removal(doc, units[first].start, units[last + 1].end) is not None
                            or html_removal(doc, units[first].start, units[last].end) is None
                        )
                    )
                )
            ):
                k += 1
                last = order[k]
            k += 1
            yield _block(doc, layout, units[first], units[last])
        spans = [(s, e, idx) for idx, (s, e) in marks.items()]
        spans += [(s, e, idx) for idx, s, e in inserted]
        for s, e, idx in sorted(spans):
            src = doc.source
            a, b = s, e
            while b < len(src) and src[b] in " \t":
                b += 1
            if b >= len(src) or src[b] in "\r\n":
                # at the end of its line: take the space before it instead
                b = e
                while a > 0 and src[a - 1] in " \t":
                    a -= 1
            yield Block(units[idx], units[idx], s, e, Edit(a, b, "", safe=False))


def _starts(text: str, core: int) -> list[int]:
    """``core`` and every place in ``text`` after a line break from there on: where
    ``Detector._marker`` takes a match."""
    out = [core]
    at = text.find("\n", core)
    while at >= 0:
        out.append(at + 1)
        at = text.find("\n", at + 1)
    return out


#: by pattern: ``_tried_alike``'s answer
_ALIKE: dict[regex.Pattern, bool] = {}


def _tried_alike(p: regex.Pattern) -> bool:
    """``p``'s ``finditer`` tries it at each place it comes to as its ``match`` there
    would: so unless the pattern searches backwards (``REVERSE``) or asks where the
    search began (``\\G``, which ``match`` answers at every place)."""
    found = _ALIKE.get(p)
    if found is None:
        flags = getattr(p, "compiled", p).flags
        found = _ALIKE[p] = not flags & rx.REVERSE and "\\G" not in p.pattern
    return found


#: by pattern source and flags: ``_case_anchors``' answer
_CASE: dict[tuple[str, int], tuple[str, ...] | None] = {}
#: an inline flag group inside that may turn case-insensitive matching back on
_CASE_BACK = re.compile(r"\(\?[aiLmsux-]*i")


def _case_anchors(p: regex.Pattern) -> tuple[str, ...] | None:
    """For a pattern that is one case-sensitive group from end to end
    (``(?-i:...)``), the literals, in their case, one of which every match holds as
    it stands in the text; else None. The anchors of ``Detector.anchors`` are tested
    on folded text, where a case-sensitive literal is found in any case: the
    teaser's link card needs " MORE", and " more" is in a third of the drafts."""
    source = p.pattern
    flags = int(getattr(p, "flags", FLAGS))
    key = (source, flags)
    if key in _CASE:
        return _CASE[key]
    found = None
    if source.startswith("(?-i:") and _CASE_BACK.search(source, 5) is None:
        # (parsed without IGNORECASE: only the group's own flags count here)
        items = read_pattern(source, flags & ~re.IGNORECASE) or []
        if (
            len(items) == 1
            and items[0][0] is sre_constants.SUBPATTERN
            and items[0][1][2] & re.IGNORECASE  # (its flags turned off: ``-i``)
        ):
            required = _required(items)
            found = tuple(sorted(required)) if required else None
    _CASE[key] = found
    return found


#: the fields that may flag a unit where no pattern matches: all but ``_PATTERN_ONLY``
#: (so that a field added later counts as one until it is listed there)
_LAYOUT_KEYS = tuple(f.name for f in fields(Detector) if f.name not in _PATTERN_ONLY)


def _chain(units: list[Unit], hits: set[int], rest: list[int]) -> set[int]:
    """The units of ``rest`` (sorted) that join a block along a chain: a unit joins
    when a unit at most two away is in ``hits`` or has joined, and all such units are
    of its kind (sentences of a line, or lines).

    The answer is that of passes over ``rest`` in order, each seeing what joined before
    it, until a pass adds nothing (the order decides which neighbour a unit sees
    first). A unit is looked at again only once a neighbour has joined (nothing else
    changes its answer), at the point of the pass where it would be: linear in
    ``rest``, where whole passes cost its length squared on a long chain that grows
    one unit a pass."""
    todo = [(0, i) for i in rest]  # (pass, unit): sorted, so already a heap
    waiting = set(rest)
    added: set[int] = set()
    while todo:
        step, i = heapq.heappop(todo)
        if i in added:
            continue
        near = [j for j in (i - 2, i - 1, i + 1, i + 2) if j in hits or j in added]
        if near and all(units[j].inline == units[i].inline for j in near):
            added.add(i)
            for k in (i - 2, i - 1, i + 1, i + 2):
                if k in waiting and k not in added:
                    # after ``i`` in this pass, or before it: in the next one
                    heapq.heappush(todo, (step if k > i else step + 1, k))
    return added


def _paragraphs(units: list[Unit]) -> list[list[Unit]]:
    """The units by paragraph: a line that does not stand alone continues the one
    before (copy wrapped at a fixed width), unless it opens with a capital after a
    line that closes no sentence and is far shorter than the lines before it (the
    article's paragraphs are long lines, not wrapped copy: a headline, then another
    on the next line)."""
    paras: list[list[Unit]] = []
    for u in units:
        if paras and not (u.standalone or u.inline or paras[-1][-1].inline):
            p = paras[-1][-1]
            before = units[max(0, p.index - 3) : p.index]
            if not (
                u.text[:1].isupper()
                and not p.closing
                and before
                and max(len(w.text) for w in before) > 1.5 * len(p.text)
            ):
                paras[-1].append(u)
                continue
        paras.append([u])
    return paras


def _off_topic(g: list[Unit], stems: list[set[str]], vocab: Counter, mine: Counter) -> bool:
    """Paragraph ``g`` has three content words or more, none of which the rest of the
    article (``vocab`` less the run's own, ``mine``) uses, or one of four or more in
    sentence case."""
    own: set[str] = set()
    for u in g:
        own |= stems[u.index]
    shared = sum(1 for w in own if vocab[w] > mine[w])
    title_case = all(u.headline for u in g)
    return len(own) >= 3 and shared <= (1 if len(own) >= 4 and not title_case else 0)


#: a line that stops where no headline does (a comma, an article, a conjunction, a
#: preposition, a lower-case letter alone): a piece of a paragraph wrapped at a width
_DANGLING = compile_regex(
    r"(?:,|\b(?:the|a|an|and|or|but|of|to|in|on|for|with|at|by|from|that|as|is|are|was|"
    r"were|his|her|their|its|our|your|this|these|which|who)|(?-i:\b\p{Ll}))$",
    rx.I | rx.V1,
)
#: a line of data: a date or a venue, a table row, a score, a fixture (a dash that goes
#: on in lower case is a headline's: "a 900-year-old oak – and the fight to save it")
_DATA = compile_regex(
    r"\d.{0,40}(?:\s@\s|\s[–—-]\s(?!(?-i:\p{Ll})))|(?:\s@\s|\s[–—-]\s(?!(?-i:\p{Ll}))).{0,40}\d|"
    r"\(\s*group\b|"
    r"\b\d{1,3}(?:st|nd|rd|th)\b(?!-\p{L})|\b\d{1,3}-\d{1,3}\b|\b\d{1,2}:\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b",
    rx.I,
)
#: a schedule line: "Gulls: Host the Pelicans on Thursday."
_FIXTURE = compile_regex(
    r"\s*[\p{Lu}][\w .'&-]{0,30}:\s+(?i:hosts?|at|visits?|vs\.?|plays?|faces?|travels? to|"
    r"off|bye|idle)\b",
    rx.V1,
)


def _data_line(u: Unit) -> bool:
    """A line that carries data rather than a headline."""
    core = u.core.strip()
    if _FIXTURE.match(core) or (u.words <= 14 and _DATA.search(core)):
        return True
    # a list item cut off with an ellipsis that goes on in lower case (a phrase, not
    # a headline)
    return u.truncated and core[:1].islower()


def _adjacent(a: Unit, b: Unit) -> bool:
    """Two units belong to one block: consecutive lines, or sentences of one line."""
    return a.inline == b.inline


def _trim(doc: Document, s: int, e: int) -> tuple[int, int]:
    src = doc.source
    a, b = s, e
    while a < b and (src[a].isspace() or doc.is_masked(a)):
        a += 1
    while b > a and (src[b - 1].isspace() or doc.is_masked(b - 1)):
        b -= 1
    return (a, b) if b > a else (s, e)


def _block(doc: Document, layout: Layout, first: Unit, last: Unit) -> Block:
    """The block from ``first`` to ``last``: its reported span and its removal."""
    start, end = _trim(doc, first.start, last.end)
    if doc.format == "html":
        return Block(first, last, start, end, html_removal(doc, first.start, last.end))
    return Block(first, last, start, end, removal(doc, first, last))


_TAG = compile_regex(r"<(/?)([A-Za-z][\w:-]*)[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: elements whose end tag may be left out
_IMPLIED = frozenset("p li dt dd td th tr option".split())


def _balanced(doc: Document, s: int, e: int) -> bool:
    """The tags in ``source[s:e]`` close what they open and nothing opened outside
    (an element whose end tag may be left out, such as ``<p>``, may stay open)."""
    stack: list[str] = []
    for m in _TAG.finditer(doc.source, s, e):
        if not doc.is_masked(m.start()):
            continue
        name = m.group(2).lower()
        if m.group(3) or name in _VOID:
            continue
        if not m.group(1):
            stack.append(name)
        elif name not in stack:
            return False
        else:
            while stack and stack[-1] != name:
                if stack.pop() not in _IMPLIED:
                    return False
            stack.pop()
    return all(t in _IMPLIED for t in stack)


def html_removal(doc: Document, start: int, end: int) -> Edit | None:
    """The edit that deletes promo text in HTML with its elements (``<p>...</p>``), so
    the page stays well formed; the whole lines when nothing else is on them. None
    when no such cut exists (the text is not a run of whole elements)."""
    src = doc.source
    # the opening tags right before the text, and the closing tags right after it
    opens = [start]
    a = start
    while True:
        j = a
        while j > 0 and src[j - 1] in " \t\r\n":
            j -= 1
        if j == 0 or src[j - 1] != ">" or not doc.is_masked(j - 1):
            break
        k = src.rfind("<", 0, j - 1)
        m = _TAG.fullmatch(src, k, j) if k >= 0 else None
        if m is None or m.group(1) or m.group(3) or m.group(2).lower() in _VOID:
            break
        a = k
        opens.append(a)
    closes = [end]
    b = end
    while True:
        j = b
        while j < len(src) and src[j] in " \t\r\n":
            j += 1
        m = _TAG.match(src, j)
        if m is None or not m.group(1) or not doc.is_masked(j):
            break
        b = m.end()
        closes.append(b)
    for s in reversed(opens):  # the widest cut first
        for e in reversed(closes):
            if _balanced(doc, s, e) and not any(
                not doc.is_masked(i) and not src[i].isspace()
                for i in (*range(s, start), *range(end, e))
            ):
                ls = src.rfind("\n", 0, s) + 1
                le = src.find("\n", e)
                le = len(src) if le < 0 else le + 1
                if not src[ls:s].strip() and not src[e:le].strip():
                    return Edit(ls, le, "", safe=False)
                return Edit(s, e, "", safe=False)
    return None


def removal(doc: Document, first: Unit, last: Unit) -> Edit:
    """The edit that deletes a block and the blank lines around it, leaving one gap."""
    src = doc.source
    n = len(src)
    if first.inline or last.inline:
        s, e = first.start, last.end
        while e < n and src[e] in " \t":
            e += 1
        if e < n and src[e] not in "\r\n":
            return Edit(s, e, "", safe=False)
        while s > 0 and src[s - 1] in " \t":
            s -= 1
        return Edit(s, last.end, "", safe=False)
    lines = doc.lines
    starts = lines.starts
    total = len(starts)

    def blank(ln: int) -> bool:
        return not lines.line_text(ln).strip()

    def line_start(ln: int) -> int:
        return starts[ln - 1] if ln <= total else n

    first_line = first.line
    last_line, _ = lines.position(last.end)
    # the block owns its lines and the blank lines before it; so two blocks in a
    # row never touch the same gap, and one at the end leaves no trailing gap
    k = first_line
    while k > 1 and blank(k - 1):
        k -= 1
    if last_line < total and not blank(last_line + 1):
        # text follows on the next line (the rest of its paragraph): keep the gap
        # before, or that text would join the paragraph above
        return Edit(line_start(first_line), line_start(last_line + 1), "", safe=False)
    if k > 1 and k < first_line:
        return Edit(line_start(k), line_start(last_line + 1), "", safe=False)
    if k == 1:
        # at the start of the document: take the blank lines after it instead
        m = last_line + 1
        while m <= total and blank(m):
            m += 1
        return Edit(0, line_start(m), "", safe=False)
    return Edit(line_start(first_line), line_start(last_line + 1), "", safe=False)


block_of = _block
