"""Whole-page copy: where the article sits on the page, and what around it is off topic.

Some extractors keep the whole page: menus, the cookie banner, the article, then
other stories' headlines and teasers, comments and the footer (often run onto one
line). On such a copy the article is the longest stretch of prose units that talk
about the article's subject; the pieces after it that share (almost) no content
words with that stretch are other stories.

The *core* is found in one pass (the best-scoring stretch of units, as in the
maximum-subarray problem): a prose unit that uses the document's key words counts
for the stretch, a unit of several content words that uses none of them counts
against it, anything else is neutral. A document whose core leaves little outside it
(an article on its own, as a writer submits it) is not a page, and none of this
applies to it.

Everything here is linear in the number of units, computed once per document and
cached on its layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..regexcache import compile as compile_regex
from .layout import _STAMP, _WORD, Layout, Unit

#: a unit says enough to be judged on topic or off when it has this many content words
JUDGE_STEMS = 3
#: how many of the document's most frequent content words (in its prose) are its keys
KEYS = 25
#: a key word is used by this many prose units at least (a short article's on a page
#: run onto one line: this many)
KEY_UNITS = 3
SHORT_KEY_UNITS = 2
#: a page has at least this many units outside its core, this many of them off topic
OUTSIDE_UNITS = 3
OUTSIDE_OFF = 2
#: a page has this many scraps (menu items, labels: a few words, no closing stop)
SCRAPS = 12
SCRAP_WORDS = 4
#: a page run onto one line: a line cut into this many units
ONE_LINE_UNITS = 25
#: a line wrapped at a fixed width is at least this long (the next line goes on from it)
WRAP_CHARS = 60
#: a run of this many lines, each opening with a capital and none closing with a stop,
#: is a list (headlines, links) even when its lines read on from one to the next
LIST_LINES = 2
#: a piece with this many dates, scores or fixtures in it is a list of data
DATA_ITEMS = 3
#: the core holds at least this many prose units on topic
CORE_PROSE = 6
#: ...or, for a short article, this many, when it also holds this share of the prose
#: paragraphs on topic of the whole page (a brief of four paragraphs on a page full
#: of menus is a page all the same; a long piece whose best stretch is short is not)
SHORT_CORE = 4
SHORT_SHARE = 0.7
#: a piece of the page around the article is weighed when it has this many words
PIECE_WORDS = (3, 250)
#: how many units on either side of a piece count as its neighbours
NEAR = 2
#: a unit off topic shares at most this share of its content words with the core
OFF_SHARE = 0.2
#: a piece before the article that shares this share of its content words with the
#: article's prose (a standfirst, a live blog's key events) is the article's own
OWN_SHARE = 0.5


@dataclass(frozen=True)
class Page:
    """The article's place on a whole-page copy (``None`` when the copy is not one)."""

    start: int  # index of the core's first unit
    end: int  # index of the core's last unit
    #: units outside the core that share (almost) no content words with it
    off: frozenset[int]
    #: units before the core that tell of the article's own subject, in the words of
    #: its prose (a standfirst, a caption, the key events of a live blog)
    own: frozenset[int] = frozenset()
    #: the article is short (``SHORT_CORE``): what precedes it (its title, byline and
    #: standfirst among the page's menus) is not told apart from it well enough to weigh
    short: bool = False

    def after(self, u: Unit) -> bool:
        return u.index > self.end

    def before(self, u: Unit) -> bool:
        return u.index < self.start

    def outside(self, u: Unit) -> bool:
        return not self.start <= u.index <= self.end

    def weighs(self, layout: Layout, u: Unit) -> bool:
        """The scorer weighs ``u`` as a piece of the page around its article: a piece
        outside the core that says something (not quoted speech, not a row of data, not
        a line of a paragraph wrapped over several lines before the article)."""
        if self.start <= u.index <= self.end or u.quoted:
            return False
        if not PIECE_WORDS[0] <= u.words <= PIECE_WORDS[1]:
            return False
        if _STAMP.fullmatch(u.text.strip()):
            return False  # a time stamp cut from its entry says nothing of its own
        if u.index < self.start and (self.short or u.index in self.own or wrapped(layout, u)):
            return False
        # a line of data (a date and a venue, a fixture): the article's list
        return not data_piece(u)


@dataclass
class _Para:
    """A paragraph: a unit, or the lines of one wrapped over several lines."""

    first: int
    last: int
    words: int
    closing: bool
    headline: bool
    plain: bool  # no markers, not a table row
    stems: set[str]

    #: a run of a page's menu items that happens to end with a stop ("... Jobs Home.")
    menu: bool = False

    @property
    def prose(self) -> bool:
        return self.words >= 12 and self.closing and self.plain and not self.menu


def _paragraphs(units: list[Unit], stems: list[set[str]]) -> list[_Para]:
    """The units grouped into paragraphs: a line that goes on from the line before
    (a paragraph wrapped at a fixed width) joins it."""
    out: list[_Para] = []
    for u, st in zip(units, stems, strict=True):
        prev = out[-1] if out else None
        last = units[prev.last] if prev is not None else None
        if (
            prev is not None
            and last is not None
            and not (u.standalone or u.inline or last.inline)
            # (lines wrapped at a fixed width are long; a short one ends its paragraph)
            and last.end - last.start >= WRAP_CHARS
        ):
            prev.last = u.index
            prev.words += u.words
            prev.closing = u.closing
            prev.headline = prev.headline and u.headline
            prev.plain = prev.plain and not (u.markers or u.table)
            prev.stems = prev.stems | st
            prev.menu = prev.menu and _menu_unit(u)
        else:
            out.append(
                _Para(
                    u.index,
                    u.index,
                    u.words,
                    u.closing,
                    u.headline,
                    not (u.markers or u.table),
                    st,
                    _menu_unit(u),
                )
            )
    return out


def _menu_unit(u: Unit) -> bool:
    """A unit long enough to pass for prose that reads as a menu run together (only
    asked of those: the others are not prose anyway)."""
    return u.words >= 12 and u.closing and menu_shape(u.text)


def _value(p: _Para, keys: set[str]) -> float:
    """What a paragraph counts for the core: prose that uses the key words for it (a
    full point with two of them), prose that uses none a little against it; a piece
    of several content words with no closing stop (a menu item, another story's
    headline) that uses no key word against it; anything else nothing."""
    if p.menu:
        return 0.0  # a menu run together, closed by a stop: neither the article nor off it
    k = len(p.stems & keys)
    if p.prose:
        return 1.0 if k >= 2 else 0.5 if k else -0.5
    if len(p.stems) >= JUDGE_STEMS and not k and (not p.closing or p.headline):
        return -1.0
    return 0.0


def piece_features(layout: Layout, page: Page, u: Unit) -> dict[str, float]:
    """What the page says about a piece around its article: whether its neighbours
    are off the article's topic too (a page's menus and other stories come in runs),
    whether the page repeats it (menus and teasers often stand twice on a page), and
    whether it is glued to the text next to it without a space."""
    units = layout.units
    near = [k for k in range(u.index - NEAR, u.index + NEAR + 1) if k != u.index]
    near = [k for k in near if 0 <= k < len(units)]
    return {
        "near_off": sum(k in page.off for k in near) / max(1, len(near)),
        "repeat": float(_texts(layout)[" ".join(u.text.split()).lower()] > 1),
        "glued": float(u.glued_before or u.glued_after),
        **soup_features(u.text),
    }


#: the words that hold a sentence together: a menu or a list of names has few of them
_FUNCTION = frozenset(
    """a an the and or but of on in at to by with from as is are was were be been has
    have had will would can could should may might that this these those it its he she
    they we you i his her their our your not for who which what when how said says""".split()
)
#: a form's label ("E-mail:", "Password:", "Screen Name:"): a word or two and a colon
_LABEL = compile_regex(r"(?<![\w:/])\p{Lu}[\p{L}\-]*(?:\s\p{Lu}?[\p{L}\-]+)?:(?=\s|$)")
#: a full stop after a word: a sentence ends (a menu has none)
_STOPS = compile_regex(r"\p{Ll}[.!?](?=\s|$)")


#: a menu run together: this many words at least, this share of them capitalised at
#: least, this share of them function words at most
MENU_WORDS = 8
MENU_CAPS = 0.7
MENU_FUNCTION = 0.1
#: a list of names has a comma every few words; a menu one every this many words at most
MENU_COMMAS = 10


def _shares(words: list[str], lower: list[str]) -> tuple[float, float]:
    """The share of ``words`` that are capitalised and the share that are function words."""
    n = len(words)
    caps = sum(1 for w in words if w[:1].isupper()) / n
    return caps, sum(1 for w in lower if w in _FUNCTION) / n


def _menu(n: int, caps: float, function: float, commas: int) -> bool:
    return (
        n >= MENU_WORDS
        and caps >= MENU_CAPS
        and function <= MENU_FUNCTION
        and commas * MENU_COMMAS <= n
    )


def menu_shape(text: str) -> bool:
    """``text`` reads as a page's menu run together: many words, nearly all of them
    capitalised, almost none of them the words that hold a sentence together, and few
    commas (a list of names in a sentence, a cast or a team sheet, has them)."""
    words = _WORD.findall(text)
    if len(words) < MENU_WORDS:
        return False
    caps, function = _shares(words, [w.lower() for w in words])
    return _menu(len(words), caps, function, text.count(","))


def soup_features(text: str) -> dict[str, float]:
    """How much a piece reads like a page's furniture glued into one run (a menu, a
    share bar, a sign-in form) rather than sentences: the share of its words that are
    capitalised, the share that are function words, the share that repeat a word of
    the piece ("LinkedIn LinkedIn"), form labels and sentence stops per word, and
    whether it is long (a run of a page's pieces is)."""
    words = _WORD.findall(text)
    n = len(words)
    if not n:
        return {}
    lower = [w.lower() for w in words]
    caps, function = _shares(words, lower)
    return {
        "soup_caps": caps,
        "soup_function": function,
        "soup_menu": float(_menu(n, caps, function, text.count(","))),
        "soup_repeat": 1.0 - len(set(lower)) / n,
        "soup_labels": min(1.0, 4 * len(_LABEL.findall(text)) / n),
        "soup_stops": min(1.0, 8 * len(_STOPS.findall(text)) / n),
        "soup_long": float(n > 40),
    }


def _texts(layout: Layout) -> Counter[str]:
    """How often each unit's text (spaces and case aside) stands in the document."""
    if "_page_texts" not in layout.__dict__:
        layout.__dict__["_page_texts"] = Counter(
            " ".join(u.text.split()).lower() for u in layout.units
        )
    return layout.__dict__["_page_texts"]


def wrapped(layout: Layout, u: Unit) -> bool:
    """A line of a paragraph wrapped over several lines (it goes on from the line
    before, or the next line goes on from it): the writer's prose, not a page's
    element of its own."""
    if u.inline or u.standalone and u.closing:
        return False
    units = layout.units
    nxt = units[u.index + 1] if u.index + 1 < len(units) else None
    if u.standalone and (nxt is None or nxt.standalone or nxt.inline):
        return False
    return not _listed(layout)[u.index]


def _opens_item(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isupper() or first.isdigit()


def _listed(layout: Layout) -> list[bool]:
    """For each unit, whether it is a line of a list that reads on from line to line
    (no blank line between them, a line or two of it long enough to pass for prose
    wrapped at a fixed width): a run of lines each opening with a capital or a digit,
    none of them closing with a stop, is a list of headlines or links, not a paragraph
    (whose last line at least ends a sentence)."""
    if "_page_listed" not in layout.__dict__:
        units = layout.units
        out = [False] * len(units)
        k = 0
        while k < len(units):
            # the run of lines that go on from ``units[k]`` (each not a line of its own)
            end = k + 1
            while end < len(units) and not (units[end].standalone or units[end].inline):
                end += 1
            run = units[k:end]
            if len(run) >= LIST_LINES and all(
                not (v.inline or v.closing) and _opens_item(v.text) for v in run
            ):
                for v in run:
                    out[v.index] = True
            k = end
        layout.__dict__["_page_listed"] = out
    return layout.__dict__["_page_listed"]


def data_piece(u: Unit) -> bool:
    """A piece that carries data (dates and venues, fixtures, a table's rows), a list
    of the article's own rather than another story, also run onto one line."""
    from .detect import _DATA, _data_line

    return _data_line(u) or len(_DATA.findall(u.text)) >= DATA_ITEMS


#: a quantity ("2 cups", "½ tsp", "100g"): a line of a recipe or a table, not a menu
_QUANTITY = compile_regex(r"[\d¼½¾⅓⅔⅛]")


def _scraps(units: list[Unit]) -> Iterator[Unit]:
    """The units that look like scraps of a page's menus: a few words, no closing
    stop, no quantity, not an item of a list under a header ("Ingredients:")."""
    header = -1  # the latest header whose list goes on
    for u in units:
        if u.text.rstrip().endswith(":") and u.words <= SCRAP_WORDS:
            header = u.index
            continue
        if header >= 0 and (
            u.closing
            or u.words > 2 * SCRAP_WORDS
            # (a tight list ends at its first blank line)
            or (u.blank_before and u.index > header + 1)
        ):
            header = -1
        if header >= 0:
            continue
        if 0 < u.words <= SCRAP_WORDS and not u.closing and not _QUANTITY.search(u.text):
            yield u


def page_of(layout: Layout) -> Page | None:
    """The cached :class:`Page` of ``layout``, or None when the copy is not a page."""
    if "_page" not in layout.__dict__:
        layout.__dict__["_page"] = _page(layout)
    return layout.__dict__["_page"]


def _page(layout: Layout) -> Page | None:
    from .detect import _QA, _unit_stems

    units = layout.units
    n = len(units)
    if n < CORE_PROSE + OUTSIDE_UNITS:
        return None
    # a page's menus: many scraps of a few words with no closing punctuation, or (run
    # onto one line) many pieces glued to each other without a space
    scraps = sum(1 for u in _scraps(units))
    if scraps < SCRAPS and sum(u.glued_before for u in units) < SCRAPS:
        # or the whole page run onto one line: a line of very many sentences
        lines = Counter(u.line for u in units if u.inline)
        if not lines or max(lines.values()) < ONE_LINE_UNITS:
            return None
    paras = _paragraphs(units, _unit_stems(layout))
    counts: Counter[str] = Counter()
    for p in paras:
        if p.prose:
            counts.update(p.stems)
    # ties broken by the word (set order changes with the hash seed)
    ranked = sorted(counts.items(), key=lambda wc: (-wc[1], wc[0]))[:KEYS]
    keys = {w for w, c in ranked if c >= KEY_UNITS}
    relaxed = False
    if len(keys) < 3:
        # a short article on a page run onto one line (no menus in lines of their
        # own, but pieces glued together or very many sentences on one line): its
        # words may come back in two of its paragraphs only
        if scraps >= SCRAPS:
            return None
        keys = {w for w, c in ranked if c >= SHORT_KEY_UNITS}
        relaxed = True
        if len(keys) < 3:
            return None
    # the best stretch of paragraphs (see the module's note)
    best = cur = 0.0
    best_span = (0, -1)
    start = 0
    for k, p in enumerate(paras):
        value = _value(p, keys)
        if cur <= 0:
            cur, start = 0, k
        cur += value
        # (a tie keeps the longer stretch: a list inside the article that changes the
        # subject item by item, then more of the article, stays in)
        if cur > best or (cur == best and start == best_span[0] and value > 0):
            best, best_span = cur, (start, k)
    pa, pb = best_span
    short = best < CORE_PROSE or relaxed
    if short:
        if best < SHORT_CORE:
            return None
        on_topic = [k for k, p in enumerate(paras) if p.prose and p.stems & keys]
        if sum(1 for k in on_topic if pa <= k <= pb) < SHORT_SHARE * len(on_topic):
            return None
    a, b = paras[pa].first, paras[pb].last
    if sum(1 for u in units[b + 1 :] if _QA.match(u.text)) >= 2:
        return None  # an interview goes on question by question, each on a new subject
    # the core's vocabulary: what a paragraph outside it would share with the article
    core: Counter[str] = Counter()
    for p in paras[pa : pb + 1]:
        core.update(p.stems)
    off: set[int] = set()
    for p in (*paras[:pa], *paras[pb + 1 :]):
        st = p.stems
        if len(st) >= JUDGE_STEMS and sum(1 for w in st if core[w] > 1) <= OFF_SHARE * len(st):
            off.update(range(p.first, p.last + 1))
    if n - (b - a + 1) < OUTSIDE_UNITS or len(off) < OUTSIDE_OFF:
        return None
    return Page(a, b, frozenset(off), _own(paras[:pa], paras, keys), short)


def _own(before: list[_Para], paras: list[_Para], keys: set[str]) -> frozenset[int]:
    """The units of the paragraphs ``before`` the core that use the words of the
    article's prose (the prose paragraphs that use its key words, the core's and those
    the core's stretch left out, such as a live blog's latest entries): most of their
    content words stand in such a paragraph other than their own."""
    prose = [p for p in paras if p.prose and p.stems & keys]
    vocab: Counter[str] = Counter()
    for p in prose:
        vocab.update(p.stems)
    mine = {id(p) for p in prose}
    own: set[int] = set()
    for p in before:
        st = p.stems
        if len(st) < JUDGE_STEMS:
            continue
        self_count = int(id(p) in mine)
        if sum(1 for w in st if vocab[w] > self_count) >= OWN_SHARE * len(st):
            own.update(range(p.first, p.last + 1))
    return frozenset(own)
