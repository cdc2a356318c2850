"""Layout analysis for promo detection, computed once per document and cached.

The document is cut into *units*: every non-blank line is one unit, except very
long lines (a whole page glued onto one line, as some extractors produce), which
are cut into sentences. Each unit carries the layout evidence the promo rules
weigh: is it a short standalone line, does it lack closing punctuation, does it
carry ``>>>``/``<<<`` or arrow markers, is it shaped like a headline, is it only a
link, is it quoted speech, where does it sit in the document.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from .. import rx
from ..document import Document, fold, split_sentences
from ..regexcache import compile as compile_regex
from ..regexcache import compile_re

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: a contact field's label, and the e-mail address after it in the source (see
#: ``Unit.contact``): bare, in angle brackets, or so after a name ("Jane Porter
#: <jane@...>", '"Porter, Jane" <jane@...>'), as a mail header gives it, or a Markdown
#: mailto link; the label or the value in emphasis ("**Email:** jane@...") as well
_LABEL = compile_regex(r"[^\W\d_][\w .'&/-]{0,30}:")
_MAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_ADDRESS = compile_regex(
    rf"[*_]{{0,2}}\s*[*_]{{0,2}}(?:{_MAIL}"
    rf"""|(?:[^\W\d_][\w .'-]{{0,40}}\s|"[^"\n]{{1,40}}"\s*)?<{_MAIL}>"""
    rf"|\[{_MAIL}\]\(mailto:{_MAIL}\))[*_]{{0,2}}\s*$"
)

#: lines longer than this are analysed sentence by sentence
LONG_LINE = 400
#: a "short" unit has at most this many words
SHORT_WORDS = 14

#: (possessive: a word's letters are never given back, as a joiner is not one; the
#: same words, in two thirds of the time)
_WORD = compile_regex(r"[\p{L}\p{N}]++(?:['’\-.&][\p{L}\p{N}]++)*+")
#: ``_WORD`` for the standard ``re``, which finds the words of a line in three fifths of
#: the time; used on text that ``_RE_DISAGREES`` finds nothing in: every character in
#: ranges (Latin, Greek, Cyrillic, general punctuation) where ``re``'s letters and
#: digits (``[^\W_]``) are ``regex``'s ``[\p{L}\p{N}]`` (a test checks each code point)
_WORD_RE = compile_re(r"[^\W_]++(?:['’\-.&][^\W_]++)*+")
_RE_DISAGREES = compile_re("[^\x00-\u052f\u2000-\u206f]")
#: ``_WORD_RE`` on text of ASCII and general punctuation alone (``_WIDE`` finds
#: nothing), where its letters and digits are these: a third less time
_WORD_ASCII = compile_re(r"[A-Za-z0-9]++(?:['’\-.&][A-Za-z0-9]++)*+")
_WIDE = compile_re("[^\x00-\x7f\u2000-\u206f]")

#: a character beyond Latin-1 and general punctuation: on text where this finds
#: nothing, ``regex``'s class below is this set of characters, which the standard
#: ``re`` finds at a fraction of the cost (a test checks each code point of the ranges)
BEYOND_LATIN = compile_re("[^\x00-\xff\u2000-\u206f]")
#: ``[^\W\d_]`` there (letters, and the joiners and connectors ``\w`` holds)
LATIN_LETTER = "A-Za-z\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\xff\u200c\u200d\u203f\u2040\u2054"


def latin(text: str) -> bool:
    """``text`` holds no character beyond Latin-1 and general punctuation (see
    ``BEYOND_LATIN``)."""
    return text.isascii() or BEYOND_LATIN.search(text) is None


def _words(text: str, pos: int = 0, endpos: int | None = None) -> list[str]:
    """``_WORD.findall(text, pos, endpos)``."""
    end = len(text) if endpos is None else endpos
    if _WIDE.search(text, pos, end) is None:
        return _WORD_ASCII.findall(text, pos, end)
    if _RE_DISAGREES.search(text, pos, end) is None:
        return _WORD_RE.findall(text, pos, end)
    return _WORD.findall(text, pos, end)


_LEAD = compile_regex(r"^(?:[\s*•·▪►▶→←»›>#|\[(\-–—=~+]+|\d{1,2}[.)]\s+)+", rx.V1)
_MARKERS = compile_regex(r">>>|<<<|>>|<<|[→←►▶»›⟶➜➡]|\[\s*[A-Z ]{3,}\s*\]\s*\|?$")
#: a character every match of ``_MARKERS`` starts with (found at C speed by ``re``)
_MARKER_START = compile_re("[<>→←►▶»›⟶➜➡\\[]")
#: ``[.!?…]["'”’)\]]*$`` on text with no trailing space: a stop before the closers
_CLOSERS = "\"'”’)]"
_STOPS = (".", "!", "?", "…")
_TRUNCATED = compile_regex(r"""[\p{L}\p{N},;]\s?(?:\.{3}|…)["'”’]?$""")
_SMALL_WORDS = frozenset(
    """a an the and or but nor for of on in at to by with from as is are was be vs
    via into over up off out per than that this its it""".split()
)
_QUOTE_PAIR = compile_regex(r"""["“][^"“”]*["”]""")
_SPEECH_START = compile_regex(r"""^\s*["“]""")
_ATTRIBUTION = compile_regex(
    r"""[,;]["'”’]?\s+(?:\S+\s+){0,5}(?:said|says|told|tells|urged|urges|asked|asks|added|"""
    r"""adds|warned|warns|wrote|writes|found|finds|reported|reports|noted|notes|explained|"""
    r"""claimed|claims|insisted|argued|say|advised|advises|joked|jokes|recommended|recommends|"""
    r"""suggested|suggests|announced|announces|confirmed|stated|according to\b.{1,40})(?:\s+\S+){0,4}\s*[.!?]["'”’]?\s*$""",
    # searched from the end, where it is anchored: a third of the time (whether it
    # matches is the same in either direction)
    rx.REVERSE,
)
#: two sentences glued without a space ("decisions.Get access"): the stop becomes a break
#: (the stop first, its letters looked behind from after it: tried at stops only)
_GLUED = compile_regex(r"[.!?](?<=\p{Ll}\p{Ll}.)(?=\p{Lu}\p{Ll})", rx.V1)
#: sentence ends inside a unit, replaced by newlines for matching (same length)
#: (matched from the stop, group 1, kept as it is: a search for a look-behind tries
#: it at every character)
_SENT_BREAK = compile_regex(r"""([.!?…:]["'”’)\]]?)[ \t]+(?=["“‘(\[]?[\p{Lu}\p{N}])""", rx.V1)
#: where a page run onto one line glues two pieces of text without a space: a word in
#: lower case or capitals straight into a capitalised word ("weighHong Kong", "CLICK
#: HEREHome"), or a closing stop straight into one ("hours.You may also like")
_GLUE = compile_regex(
    r"(?=\p{Lu}\p{Ll}{2})(?<=\p{Ll}{2}|\p{Lu}{3}|\p{Ll}{2}[.!?:]+|\p{Ll}…|\p{N}[.!?]+)", rx.V1
)
#: names and brands written in camel case, which are one word ("YouTube", "MacArthur")
_CAMEL_WORDS = frozenset(
    """youtube playstation wordpress paypal macbook linkedin javascript typescript whatsapp
    huffpost facetime facebook tiktok buzzfeed github gitlab doordash dropbox powerpoint
    sharepoint mailchimp soundcloud smartnews airpods airtag homepod fedex mastercard
    blackberry stubhub hubspot jetblue softbank exxonmobil glaxosmithkline blackrock
    dreamworks pepsico masterchef smackdown wrestlemania thinkpad deepmind postgres
    ticketmaster livenation playbook bitcoin coindesk techcrunch macarthur macdonald
    mackenzie mackay macintosh fitzgerald fitzpatrick indiewire grubhub""".split()
)
_CHUNK_BEFORE = compile_regex(r"\p{Lu}?\p{Ll}+$", rx.V1)
_CHUNK_AFTER = compile_regex(r"\p{Lu}\p{Ll}+", rx.V1)
_WORD_BEFORE = compile_regex(r"\p{L}+$", rx.V1)


@dataclass
class Unit:
    """One line (or one sentence of an over-long line) of the document."""

    index: int
    start: int  # offset of the first non-space char
    end: int  # offset after the last non-space char
    line: int  # 1-based line number of the start
    text: str  # source text of the unit
    core_start: int  # offset where the text proper starts (after bullets/markers)
    match_text: str  # text used for phrase matching (normalised, same length as text)
    words: int
    inline: bool  # a sentence of an over-long line
    standalone: bool  # a line of its own (not a wrapped piece of a paragraph)
    short: bool
    closing: bool  # ends with closing punctuation
    markers: bool  # >>> <<< arrows or [TAG] markers
    bullet: bool  # starts with a list marker
    headline: bool  # title-case or all-caps headline shape
    truncated: bool  # ends in a word followed by an ellipsis
    table: bool  # a table row (two or more pipes)
    link_only: bool  # no prose at all: a bare link or markup
    quoted: bool  # quoted speech (mostly inside paired quotes, or opens with one)
    blank_before: bool
    blank_after: bool
    flags: dict = field(default_factory=dict)
    #: a segment of a long line whose start / end is glued to the text next to it
    #: without a space (an element of the page of its own, like a line)
    glued_before: bool = False
    glued_after: bool = False
    #: a field of a contact block: a label ("Email:", "Press office:") whose value on
    #: the same line is an e-mail address, which the document masks as non-prose
    contact: bool = False

    @property
    def core(self) -> str:
        return self.match_text[self.core_start - self.start :]

    @property
    def prose_like(self) -> bool:
        """Looks like a paragraph of body text."""
        return self.words >= 18 and self.closing and not self.markers


@dataclass
class Layout:
    """A document's units and what their positions tell."""

    units: list[Unit]
    #: index of the last unit that looks like body prose (position evidence)
    last_body: int
    #: True when the document separates paragraphs by single newlines
    line_paragraphs: bool

    @cached_property
    def folded(self) -> str:
        """Every unit's match text, folded (one per line): a literal a pattern needs
        that is missing here is missing from every unit."""
        return fold("\n".join(u.match_text for u in self.units))

    @cached_property
    def unit_folded(self) -> list[str]:
        """Each unit's match text, folded: a literal a pattern needs that is missing
        there cannot match in that unit."""
        texts = [u.match_text for u in self.units]
        folded = self.folded
        if len(folded) != sum(map(len, texts)) + len(texts) - 1:
            # (a letter folded into two: ``folded``'s lines are not the units')
            return [fold(t) for t in texts]
        # the lines of ``folded``, cut by length (a unit's text may hold line breaks):
        # folding maps each character alone, but for a final sigma, and a line break
        # stops that rule's look on either side as the end of a string does
        out = []
        at = 0
        for t in texts:
            end = at + len(t)
            out.append(folded[at:end])
            at = end + 1
        return out

    @cached_property
    def first_prose(self) -> int:
        """Index of the first unit that looks like body prose; the number of units
        when none does."""
        return next((u.index for u in self.units if u.prose_like), len(self.units))

    def near_end(self, u: Unit) -> bool:
        return u.index > self.last_body

    def cuts_paragraphs(self, u: Unit, short: bool = False) -> bool:
        """The unit sits between two body paragraphs (with ``short``, short ones too)."""
        before = self.units[u.index - 1] if u.index > 0 else None
        after = self.units[u.index + 1] if u.index + 1 < len(self.units) else None
        para = _paragraph if short else _prose_like
        return bool(before and after and para(before) and para(after))


def _paragraph(u: Unit) -> bool:
    """A body paragraph (a short one too): a full sentence or more of prose."""
    return u.words >= 12 and u.closing and not u.markers


def _normalise(text: str, narrow: bool | None = None) -> str:
    """Same-length text for matching: straight quotes, sentence breaks as newlines.
    ``narrow``: whether ``_WIDE`` finds nothing in ``text`` (None: not known; the
    quotes and the no-break space are replaced by ASCII, so text that is narrow stays
    so)."""
    text = (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("“", '"')
        .replace("”", '"')
        .replace("\u00a0", " ")
    )
    if narrow or (narrow is None and _WIDE.search(text) is None):
        # (text of ASCII and general punctuation alone, where ``_GLUED_ASCII`` and
        # ``_SENT_BREAK_ASCII`` read letters and digits as ``regex`` does: an eighth
        # fewer instructions)
        return _SENT_BREAK_ASCII.sub(_break, _GLUED_ASCII.sub("\n", text))
    text = _GLUED.sub("\n", text)
    return _SENT_BREAK.sub(_break, text)


#: ``_GLUED`` and ``_SENT_BREAK`` for the standard ``re``, on text that ``_WIDE`` finds
#: nothing in (there ``\p{Lu}`` is ``[A-Z]``, ``\p{Ll}`` is ``[a-z]``, ``\p{N}`` is
#: ``[0-9]``: a test checks each code point)
_GLUED_ASCII = compile_re(r"[.!?](?<=[a-z][a-z].)(?=[A-Z][a-z])")
_SENT_BREAK_ASCII = compile_re(r"""([.!?…:]["'”’)\]]?)[ \t]+(?=["“‘(\[]?[A-Z0-9])""")


#: a run of blanks inside a sentence
_GAP = compile_regex(r" {2,}")


def _squeezed(match_text: str) -> str:
    """HTML: each run of blanks inside a sentence read as the one space a browser
    shows (the markup masked inside a sentence leaves such runs: "<a>Sign in</a> to
    save" is "Sign in     to save"), the blanks saved moved to the sentence's end:
    the same length, with its line breaks where they were."""
    out = []
    for seg in match_text.split("\n"):
        if "  " in seg:
            core = seg.rstrip(" ")
            squeezed = _GAP.sub(" ", core)
            seg = squeezed + " " * (len(seg) - len(squeezed))
        out.append(seg)
    return "\n".join(out)


def _break(m: Any) -> str:
    """A sentence break's stop (and closing mark) as it is, its blanks as newlines."""
    stop = m.end(1)
    return m.group(1) + "\n" * (m.end() - stop)


def _headline_shape(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    # set in capitals: the words with a letter in them are, and there is one (a word
    # at a time: no character's capital opens on the character itself, so one that
    # changes in ``upper()`` changes the words joined; a paragraph stops at its first)
    capitals = False
    for w in words:
        if w.upper() != w:
            if w.isalpha() or any(map(str.isalpha, w)):
                capitals = False
                break
        elif not capitals and (w.isalpha() or any(map(str.isalpha, w))):
            capitals = True
    if capitals:
        return True
    # three in four content words (a letter first, not a small word) capitalised:
    # caps / content >= 0.75, that is caps >= 3 * lower; read a word at a time, and
    # stopped once more than a quarter of all the words are content words in lower
    # case (then more than a quarter of the content words are: a paragraph, early)
    caps = lower = 0
    most = len(words)
    for w in words:
        first = w[:1]
        if not first.isalpha() or w.lower() in _SMALL_WORDS:
            continue
        if first.isupper():
            caps += 1
        else:
            lower += 1
            if 4 * lower > most:
                return False
    return caps + lower >= 2 and caps >= 3 * lower


def _quoted(text: str) -> bool:
    """Quoted or reported speech: the text opens with a quote mark, is mostly inside
    quotes, or ends with an attribution ("..., the police said.")."""
    # (an opening quote mark, which the first and last tests need, is in few lines)
    opens = '"' in text or "“" in text
    if opens and _SPEECH_START.match(text) and len(text) > 40:
        return True
    if _attributed(text):
        return True
    if not opens:
        return False
    inside = sum(m.end() - m.start() for m in _QUOTE_PAIR.finditer(text))
    return inside >= 0.6 * max(1, len(text.strip()))


def _attributed(text: str) -> bool:
    """``_ATTRIBUTION`` searched in ``text``; its regex runs only on text that ends as
    it needs (a stop, perhaps a quote mark, then blanks) and has a comma or a
    semicolon."""
    end = text.rstrip()
    last = end[-1:]
    if last and last in _QUOTE_MARKS:
        last = end[-2:-1]
    if not last or last not in ".!?" or ("," not in text and ";" not in text):
        return False
    return _ATTRIBUTION.search(text) is not None


_BULLET = compile_regex(r"\s*(?:[*•·▪\-–]\s|\d{1,2}[.)]\s)")
_QUOTE_MARKS = "\"'”’"


def _truncated(stripped: str) -> bool:
    """``_TRUNCATED`` searched in ``stripped`` (no trailing space); its regex runs only
    on text that ends in an ellipsis, or in one and a quote mark."""
    tail = stripped[:-1] if stripped[-1:] in _QUOTE_MARKS else stripped
    if not tail.endswith(("...", "…")):
        return False
    return _TRUNCATED.search(stripped) is not None


def _make_unit(doc: Document, index: int, s: int, e: int, inline: bool, ctx: dict) -> Unit:
    text = doc.prose[s:e]
    core_off, f = _text_features(text)
    if doc.format == "html" and "  " in f["match_text"]:
        f = {**f, "match_text": _squeezed(f["match_text"])}
    line, _ = doc.lines.position(s)
    return Unit(
        index=index,
        start=s,
        end=e,
        line=line,
        text=text,
        core_start=s + core_off,
        inline=inline,
        standalone=(not inline) and ctx["standalone"],
        blank_before=ctx["blank_before"],
        blank_after=ctx["blank_after"],
        **f,
    )


@functools.lru_cache(maxsize=8192)
def _text_features(text: str) -> tuple[int, dict[str, Any]]:
    """What a unit's text alone decides (its lead's length, then the fields): cached,
    so that re-checking an edited draft (the editor server) recomputes them only for
    the lines that changed. Treat the answer as read-only."""
    lead = _LEAD.match(text)
    core_off = lead.end() if lead else 0
    if core_off >= len(text):
        core_off = 0
    # (``_words``, with ``_WIDE``'s answer kept for the tests below that need it)
    narrow = _WIDE.search(text) is None
    words = _WORD_ASCII.findall(text) if narrow else _words(text)
    prose_words = len(words)
    stripped = text.rstrip()
    truncated = _truncated(stripped)
    return core_off, {
        # the lead (bullets, >>>, #, [) becomes line breaks so ^ matches after it
        "match_text": "\n" * core_off + _normalise(text, narrow)[core_off:],
        "words": prose_words,
        "short": prose_words <= SHORT_WORDS,
        # (a stop before the closing quote marks and brackets that end the text)
        "closing": stripped.rstrip(_CLOSERS)[-1:] in _STOPS and not truncated,
        "markers": _marker_start(text, narrow) and _MARKERS.search(text) is not None,
        "bullet": bool(lead) and bool(_BULLET.match(text)),
        "headline": _headline_shape(words),
        "truncated": truncated,
        "table": text.count("|") >= 2
        or "\t" in text.strip()
        or _digit_words(text, words, narrow) >= 3,
        "link_only": not text.strip(),
        "quoted": _quoted(text),
    }


def _digit_words(text: str, words: list[str], narrow: bool) -> int:
    """How many of ``words`` (the words of ``text``) open with a digit: none on text
    that ``_WIDE`` finds nothing in (``narrow``) with no ASCII digit, where no other
    character is a digit (a test checks each code point): most lines, told by
    substring tests, a tenth of the cost of a look at each word."""
    if narrow and not (
        "0" in text
        or "1" in text
        or "2" in text
        or "3" in text
        or "4" in text
        or "5" in text
        or "6" in text
        or "7" in text
        or "8" in text
        or "9" in text
    ):
        return 0
    return sum(1 for w in words if w[:1].isdigit())


def _marker_start(text: str, narrow: bool) -> bool:
    """``_MARKER_START`` searched in ``text``: on text that ``_WIDE`` finds nothing in
    (``narrow``), by substring tests for the only characters of it such text can hold
    (a test checks them)."""
    if narrow:
        return "<" in text or ">" in text or "[" in text or "›" in text
    return _MARKER_START.search(text) is not None


def _camel(text: str, at: int, s: int, e: int) -> bool:
    """The glue at ``at`` joins the two halves of one camel-case name: a known one
    ("YouTubers"), a short prefix ("Mc", "De"), or a pair the text uses more than once
    ("IndieWire ... IndieWire"), where glued pieces of a page seldom repeat."""
    before = _CHUNK_BEFORE.search(text, max(s, at - 40), at)
    if before is None:
        return False
    left = before.group()
    if not left[0].isupper():
        word = _WORD_BEFORE.search(text, max(s, at - 40), at)
        if word is None or word.group()[0].islower():
            return False  # "weighHong": a lower-case word runs into a capital
    after = _CHUNK_AFTER.match(text, at, e)
    pair = left + (after.group() if after else "")
    low = pair.lower()
    if len(left) < 3 or any(low.startswith(w) for w in _CAMEL_WORDS):
        return True
    return left[0].isupper() and _camel_pairs(text)[pair] > 1


_CAMEL_PAIR = compile_regex(r"\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+", rx.V1)


@functools.lru_cache(maxsize=2)
def _camel_pairs(text: str) -> Counter[str]:
    """How often each pair of capitalised pieces glued together occurs in ``text``:
    counted in one pass, so a page full of glued pieces costs linear time."""
    return Counter(m.group() for m in _CAMEL_PAIR.finditer(text, overlapped=True))


def _glue_points(text: str, s: int, e: int) -> list[int]:
    """Offsets in ``text[s:e]`` where two pieces of text are glued without a space."""
    return [
        m.start()
        for m in _GLUE.finditer(text, s, e)
        if not (text[m.start() - 1].islower() and _camel(text, m.start(), s, e))
    ]


#: a piece of a long line (one sentence: no full stop inside) with this many words...
RUN_WORDS = 25
#: ...this share of them capitalised is a menu or a list of headlines run together
RUN_CAPS = 0.4
#: a word in lower case followed by a capitalised one: where one headline or menu
#: entry of a run ends and the next begins ("...swim title Seymour sweeps...")
_RUN_BREAK = compile_regex(r"(?<=\p{Ll}{2})\s+(?=\p{Lu})", rx.V1)
#: words after which a capitalised word goes on the same phrase ("in Denver", "the Post")
_RUN_KEEP = _SMALL_WORDS | frozenset(
    """said says told with about after before against among between during under
    without within near across toward towards since until like including called named
    president minister senator governor coach chief mayor judge king queen prince
    st saint mr mrs ms dr de del la le van von da di du des los las""".split()
)


def _run_cuts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Where a piece with no full stop that is mostly capitalised words (a menu or a
    list of headlines run onto one line) goes from one entry to the next: at a
    capitalised word after a word in lower case, unless that word leads on to it."""
    if e - s < 2 * RUN_WORDS - 1:
        return []  # too short to hold that many words
    words = _words(text, s, e)
    if len(words) < RUN_WORDS:
        return []
    caps = sum(1 for w in words if w[:1].isupper())
    if caps < RUN_CAPS * len(words):
        return []
    cuts = []
    for m in _RUN_BREAK.finditer(text, s, e):
        before = _WORD_BEFORE.search(text, max(s, m.start() - 40), m.start())
        if before is None:
            continue
        word = before.group()
        if not word[0].islower() or word in _RUN_KEEP:
            continue
        start = before.start()
        if start > s and not text[start - 1].isspace():
            continue  # part of a longer token ("realtor.com", "e-mail")
        cuts.append((m.start(), m.end()))
    return cuts


#: a time stamp between other stories' headlines on a page run onto one line ("14H
#: ago", "3 hours ago"), followed by a capitalised word or nothing: it ends one entry
#: of the list and starts the next
_STAMP = compile_regex(
    r"(?<![\w.,$£€])(?:\d{1,2}\s?[HhMm]|\d{1,3}\s(?:hours?|hrs?|minutes?|mins?|days?))"
    r"\s+ago\b(?=\s+[\p{Lu}\p{N}]|\s*$)",
    rx.V1,
)


def _stamp_cuts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Where a piece of a long line is cut around the time stamps in it: (where one
    piece ends, where the next starts) pairs, the space between them left out."""
    if text.find("ago", s, e) < 0:
        return []
    cuts: list[tuple[int, int]] = []
    for m in _STAMP.finditer(text, s, e):
        for at in (m.start(), m.end()):
            end, nxt = at, at
            while end > s and text[end - 1].isspace():
                end -= 1
            while nxt < e and text[nxt].isspace():
                nxt += 1
            if s < end and nxt < e and (not cuts or cuts[-1][1] <= end):
                cuts.append((end, nxt))
    return cuts


def _recut(
    text: str,
    pieces: list[tuple[int, int]],
    cuts_of: Callable[[str, int, int], list[tuple[int, int]]],
    glued: set[int] | None,
) -> list[tuple[int, int]]:
    """``pieces`` cut again where ``cuts_of`` says (pairs of where one piece ends and
    the next starts); the starts are added to ``glued``."""
    out = []
    for a, b in pieces:
        for end, at in cuts_of(text, a, b):
            out.append((a, end))
            if glued is not None:
                glued.add(at)
            a = at
        out.append((a, b))
    return out


def segments(text: str, s: int, e: int, glued: set[int] | None = None) -> list[tuple[int, int]]:
    """A long line's sentences, each cut again where text is glued without a space,
    around the time stamps of a list of other stories, and where a menu or a list of
    headlines with no full stops goes from one entry to the next (trimmed of
    whitespace); these cuts are added to ``glued``."""
    out = []
    points = _glue_points(text, s, e)
    k = 0
    for sp in split_sentences(text, s, e):
        pos = sp.start
        while k < len(points) and points[k] <= pos:
            k += 1
        while k < len(points) and points[k] < sp.end:
            at = points[k]
            out.append((pos, at))
            if glued is not None:
                glued.add(at)
            pos = at
            k += 1
        out.append((pos, sp.end))
    runs = _recut(text, _recut(text, out, _stamp_cuts, glued), _run_cuts, glued)
    return [(a, b) for a, b in runs if text[a:b].strip()]


def analyse(doc: Document) -> Layout:
    """Cut ``doc`` into units with their layout evidence.

    Works on ``doc.prose`` (markup, URLs and other non-prose blanked out), so a line
    of markup alone is blank and reported spans start and end on prose.
    """
    src = doc.prose
    lines = doc.lines
    n = len(lines)
    raw: list[tuple[int, int, bool, dict]] = []
    glued: set[int] = set()
    blank_prev = True
    prev_end_char = ""
    prev_len = 0
    line_texts = [src.__getitem__(slice(*lines.line_bounds(i))) for i in range(1, n + 1)]
    # a line is blank when its source is; a line of markup or a bare link only has no prose
    blanks = [not lines.line_text(i).strip() for i in range(1, n + 1)]
    # front matter is the draft's metadata (its title, description, tags), never text a
    # CMS or scraper left in the copy: its lines are not units
    fm_end = max(
        (b.end for b in doc.blocks if b.kind == "frontmatter" or b.meta.startswith("frontmatter:")),
        default=-1,
    )
    for i in range(lines.position(fm_end)[0] if fm_end >= 0 else 0):
        blanks[i] = True
    nonblank = sum(1 for b in blanks if not b)
    line_paragraphs = nonblank > 1 and sum(blanks) < 0.2 * nonblank
    for i in range(1, n + 1):
        if blanks[i - 1]:
            blank_prev = True
            continue
        ls, le = lines.line_bounds(i)
        if not line_texts[i - 1].strip():
            ctx = {
                "standalone": True,
                "blank_before": blank_prev,
                "blank_after": i == n or blanks[i],
            }
            raw.append((ls, le, False, ctx))
            blank_prev = False
            prev_end_char, prev_len = "", 0
            continue
        s = ls + (len(line_texts[i - 1]) - len(line_texts[i - 1].lstrip()))
        e = le - (len(line_texts[i - 1]) - len(line_texts[i - 1].rstrip()))
        blank_next = i == n or blanks[i]
        text = src[s:e]
        # a line stands alone when it starts a paragraph, or the previous line ended
        # a sentence / the document puts one paragraph on each line
        standalone = (
            blank_prev
            or line_paragraphs
            or prev_end_char in ".!?:;…\"'”’)]|"
            or prev_len < 50  # a short line is not a wrapped piece of prose
            or bool(_LEAD.match(text))
        )
        ctx = {"standalone": standalone, "blank_before": blank_prev, "blank_after": blank_next}
        if e - s > LONG_LINE:
            for a, b in segments(src, s, e, glued):
                raw.append((a, b, True, ctx))
        else:
            raw.append((s, e, False, ctx))
        prev_end_char = text.rstrip()[-1:] if text.strip() else ""
        prev_len = len(text)
        blank_prev = False
    if doc.format == "html":
        glued.clear()
        raw = _html_units(doc, blanks, glued)
    units = [_make_unit(doc, k, s, e, inline, ctx) for k, (s, e, inline, ctx) in enumerate(raw)]
    if glued:
        for u, v in zip(units, units[1:], strict=False):
            if v.start in glued:
                # each piece is an element of the page of its own, like a line
                u.glued_after = v.glued_before = True
                u.standalone = v.standalone = True
    source = doc.source
    for u in units:
        # (the address is masked in the prose, its brackets only where they are
        # markup: the unit's text is the label, or the label and "<" ... ">")
        if not u.inline and u.words <= 5 and (label := _LABEL.match(u.text)) is not None:
            if _ADDRESS.match(source, u.start + label.end(), lines.line_bounds(u.line)[1]):
                u.contact = True
    last_body = -1
    for u in units:
        if u.prose_like and not u.quoted:
            last_body = u.index
    return Layout(units, last_body, line_paragraphs)


_BR = compile_regex(r"<br\b", rx.I)


def _html_units(
    doc: Document, blanks: list[bool], glued: set[int]
) -> list[tuple[int, int, bool, dict]]:
    """HTML: one unit per prose block (a ``<p>``, ``<li>``, heading...), cut at ``<br>``,
    not per line: several elements can share a line and one can span several."""
    src, prose, lines = doc.source, doc.prose, doc.lines
    n = len(lines)
    pieces: list[tuple[int, int]] = []
    for b in doc.prose_blocks:
        pos = b.start
        for m in _BR.finditer(src, b.start, b.end):
            if doc.is_masked(m.start()):
                pieces.append((pos, m.start()))
                pos = m.end()
        pieces.append((pos, b.end))
    raw: list[tuple[int, int, bool, dict]] = []
    prev_end = -1
    for s, e in pieces:
        while s < e and prose[s].isspace():
            s += 1
        while e > s and prose[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        first, _ = lines.position(s)
        last, _ = lines.position(e)
        ls, _ = lines.line_bounds(first)
        _, le = lines.line_bounds(last)
        # alone on its lines (markup aside), like a paragraph of its own
        alone_before = not prose[ls:s].strip() and prev_end < ls
        alone_after = not prose[e:le].strip()
        ctx = {
            "standalone": True,
            "blank_before": alone_before and (first == 1 or blanks[first - 2]),
            "blank_after": alone_after and (last == n or blanks[last]),
        }
        if e - s > LONG_LINE:
            for ps, pe in segments(prose, s, e, glued):
                raw.append((ps, pe, True, ctx))
        else:
            raw.append((s, e, False, ctx))
        prev_end = e
    return raw


def page_of(layout: Layout) -> Any:
    """The layout's :class:`~.page.Page` (None when the copy is not a whole page)."""
    from .page import page_of as _page_of

    return _page_of(layout)


def layout_of(doc: Document) -> Layout:
    """The cached layout of ``doc`` (computed on first use, shared by all promo rules)."""
    cached = doc.__dict__.get("_promo_layout")
    if cached is None:
        cached = analyse(doc)
        doc.__dict__["_promo_layout"] = cached
    return cached


def _prose_like(u: Unit) -> bool:
    return u.prose_like
