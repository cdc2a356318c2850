"""The English word list, its dialect variants and frequency data.

Everything loads lazily from the compact files in ``data/`` (built by
``scripts/build_spelling_data.py``) and is cached for the life of the process:
the word set on first use, counts and bigrams only when a suggestion is needed.
Rare words (``rare.txt``: accepted, never suggested) are searched in the file's
bytes by bisection, so they cost no start-up time.

The word list itself is answered from ``words.trie`` (a marisa-trie of ``words.txt``
with the ranks of its common and top words, see ``read_trie``), memory-mapped: no
180,000-word set is built per process. Where the ``marisa-trie`` wheel is missing,
``COPYLINT_PURE_PYTHON=1`` is set, or the file is missing, damaged or stale, the
words are searched and built from ``words.txt`` as before, with identical answers.
"""

from __future__ import annotations

import bisect
import itertools
import math
import mmap
import os
import sys
import zlib
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import cache
from pathlib import Path

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

DATA = Path(__file__).resolve().parent / "data"

DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA")

#: American spellings that are also ordinary British usage, or too often names or
#: fixed senses to flag in British copy (a computer program, a tire iron ...). The
#: second half comes from an audit of the variant table (``docs/spelling.md``): pairs
#: whose American form British dictionaries and style guides give as standard too
#: (licensed: the verb is "license"; practice: the noun; fetus: The Guardian's and
#: the BMJ's spelling; siphon, misspelled, gluing, balk).
_US_FORMS_OK_IN_GB = frozenset(
    """program programs programed tire tires check checks checked checking curb
    curbs draft drafts drafted story stories meter meters jail jails ax analog install
    installs enroll enrolls distill distills instill instills disk disks dialog dialogs
    sulfur airplane airplanes donut donuts whiskey whiskeys cozy math ton tons inquiry
    inquiries inquire license licensed licensing practice practiced practicing yogurt
    vial vials percent toward towards artifact artifacts
    practices licensed licensing fetus fetuses fetal siphon siphons siphoned siphoning
    misspelled gluing balk balked balking groin griffin""".split()
)

#: British or Australian forms of the variant table that are not current usage
#: (no current British or Australian dictionary or news style guide gives them as
#: the standard form), and pairs that are not variants of one word at all
#: (tranquilly/tranquility, bevvy/bevy). Their pairs are dropped: the American form
#: is then standard in every dialect and the archaic form is never suggested.
#: Found by ranking every pair by how much rarer its British form is (wordfreq) and
#: reviewing the ones that are not regular -our/-re/-ise/-ll/-ae/-oe pairs.
ARCHAIC_GB = frozenset(
    """connexion connexions inflexion inflexions gramme grammes kilogramme
    kilogrammes milligramme milligrammes gaol gaols gaoled gaoling gaoler gaolers
    gaolbreak gaolbreaks gaolbird gaolbirds philtre philtres yoghourt yoghourts edoema
    primaeval mediaeval biassed biassing pzazz bougainvillaea almanack almanacks waggon
    waggons gipsies chimaera praesidium instal instals syphon syphons syphoned syphoning
    tranquilly gryphon groyne bevvy licenced licencing homoeopath homoeopaths
    homoeopathy homoeopathic""".split()
)

#: British forms that en-US house style (AP) changes although American dictionaries
#: list them as variants (grey, judgement, theatre outside names): dialect findings in
#: en-US copy, never typos. Together with the variant table's British forms they make
#: the en-US side of ``spelling.Dialect`` (formerly ``house.AmericanSpelling``).
US_HOUSE = {
    "grey": "gray",
    "greys": "grays",
    "theatre": "theater",
    "theatres": "theaters",
    "judgement": "judgment",
    "judgements": "judgments",
    "ageing": "aging",
    "cheque": "check",
    "cheques": "checks",
    "kerb": "curb",
    "storey": "story",
    "storeys": "stories",
    "tyre": "tire",
    "tyres": "tires",
    "plough": "plow",
    "moustache": "mustache",
    "licence": "license",
    "licences": "licenses",
    "practise": "practice",
    "practised": "practiced",
    "catalogue": "catalog",
    "fulfil": "fulfill",
    "enrolment": "enrollment",
    "coloured": "colored",
    "travelled": "traveled",
    "travelling": "traveling",
    "traveller": "traveler",
    "travellers": "travelers",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "modelling": "modeling",
    "labelled": "labeled",
    "fuelled": "fueled",
}

#: American forms that en-GB and en-AU house style changes although the British form
#: is also listed as American (grey, theatre, ageing): the British side of
#: ``spelling.Dialect`` (formerly ``house.BritishSpelling``) beside the variant table
GB_HOUSE = {
    "aging": "ageing",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "catalog": "catalogue",
    "colored": "coloured",
    "enrollment": "enrolment",
    "fueled": "fuelled",
    "fulfill": "fulfil",
    "gray": "grey",
    "labeled": "labelled",
    "modeling": "modelling",
    "mustache": "moustache",
    "plow": "plough",
    "theater": "theatre",
    "theaters": "theatres",
    "traveled": "travelled",
    "traveler": "traveller",
    "travelers": "travellers",
    "traveling": "travelling",
}

#: capitalised words that are names in one dialect though their lower-case form is
#: another dialect's spelling: the Australian Labor Party
DIALECT_NAMES = {"en-AU": frozenset({"Labor", "Labor's"})}


class Lexicon:
    """The accepted words of one dialect and the data to rank corrections."""

    def __init__(self, dialect: str = "en-US"):
        self.dialect = dialect if dialect in DIALECTS else "en-US"
        #: words of ``words`` that are another dialect's all the same (grey in en-US)
        self.flagged: frozenset[str] = frozenset()
        base = _base()
        self.common = base.common
        self.top = base.top
        self.short = base.short
        gb_us = _variants()
        if self.dialect == "en-US":
            #: spelling of another dialect -> this dialect's spelling
            # (the table less the forms in every dialect's list, in the table's order:
            # set operations and deletions at C speed, not a test a form)
            self.foreign: dict[str, str] = dict(gb_us)
            for g in gb_us.keys() & (_variants_listed() | CURRENT_WORDS):
                del self.foreign[g]
            self.foreign.update(US_HOUSE)
            # words of the list the checker must look at all the same (a second
            # 180,000-word set without them would cost 8 MB)
            self.flagged = _with_possessives(US_HOUSE)
            self.words = WordSet()
        elif self.dialect == "en-CA":
            self.words = WordSet(frozenset(gb_us))
            self.foreign = {}
        else:  # en-GB, en-AU (with its own words: rort, bogan, doona)
            extra = itertools.chain(_australian(), AU_CURRENT) if self.dialect == "en-AU" else ()
            us_gb: dict[str, str] = {}
            for g, u in gb_us.items():
                if _in_base(g) or u in _US_FORMS_OK_IN_GB:
                    continue
                if "is" in g and "iz" in u:  # Oxford spelling: -ize is British too
                    continue
                us_gb.setdefault(u, g)
            us_gb.update(GB_HOUSE)
            self.foreign = us_gb
            self.words = WordSet(frozenset(itertools.chain(gb_us, extra)), _with_possessives(us_gb))

    def known(self, word: str) -> bool:
        return word in self.words and word not in self.flagged

    def rare(self, word: str) -> bool:
        """Is lower-case ``word`` a rare word spelt alike in every dialect (pneumonitis)?

        Rare words are accepted but never offered as corrections."""
        return _rare().get(word, -1) >= 0

    def real(self, word: str) -> int:
        """Lower-case ``word`` in wordfreq's list of words with real frequency in edited
        text that the other lists lack: -1 if it is not there, 0 if it is no cheap slip
        of a much more common word (anonymized: accepted), else how much more common
        that word is, in tenths of Zipf (funders/founders: 11, ten times as common;
        accepted only when the document backs it)."""
        return _real().get(word, -1)

    def surname(self, word: str) -> bool:
        """Is lower-case ``word`` one of the common surnames that are also words
        (graham, johnston; 1990 US Census)?"""
        return _surnames().get(word, -1) >= 0

    # -- frequencies (loaded on demand) ------------------------------------
    def count(self, word: str) -> int:
        return _counts().get(word, 0)

    @property
    def total(self) -> int:
        return _counts().get("#total", 1)

    def bigram(self, a: str, b: str) -> int:
        return _bigrams().get(f"{a} {b}", 0)


COMMON = 20_000

#: current words of news copy that the built word list lacks, mostly because they are
#: one letter from a more common word (influencer/influence) and the build leaves such
#: words out; without them they were flagged, some with a wrong unsafe fix
CURRENT_WORDS = frozenset(
    """influencer deepfake deepfakes livestreamed pickleball doomscrolling upskilling
    greenwashing vlogger vloggers esports doxxing doxxed semaglutide docuseries""".split()
)


#: current Australian words of news copy that SCOWL's 2020 Australian list lacks
AU_CURRENT = frozenset("tradie tradies firie firies roos".split())


#: the most frequent words of ``words.txt`` that are its "top" words
TOP = 1000


class _Base:
    """The frequency-ordered word list's head: the common words, the top words and
    the words of one or two letters (the whole list is read only to build a
    ``WordSet``'s set). With the trie, the first two are its rank bits (nothing read)."""

    def __init__(self) -> None:
        lexicon_trie = _trie()
        self.common: AbstractSet[str] | _Ranked
        self.top: AbstractSet[str] | _Ranked
        if lexicon_trie is not None:
            self.common = _Ranked(lexicon_trie, 0)
            self.top = _Ranked(lexicon_trie, 1)
        else:
            head = _head(DATA / "words.txt", COMMON)
            #: the most frequent words (the list is in frequency order)
            self.common = frozenset(head)
            self.top = frozenset(head[:TOP])
        #: the words of one or two letters
        self.short = ShortWords()


def _head(path: Path, n: int) -> list[str]:
    """The first ``n`` lines of ``path`` (read in growing chunks: the list's head is
    a tenth of the file)."""
    size = 1 << 18
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(size)
            lines = chunk.split(b"\n", n)
            if len(lines) > n or len(chunk) < size:
                # decoded at once, not line by line (20,000 calls)
                return [w for w in b"\n".join(lines[:n]).decode("utf-8").split("\n") if w]
            fh.seek(0)
            size *= 2


@cache
def _base() -> _Base:
    return _Base()


def _listed(word: str) -> bool:
    """Is ``word`` in ``words.txt``? Searched in ``counts.txt``, which holds exactly
    its words (sorted, with their counts) and a ``#total`` line."""
    if not word or word == "#total" or "\t" in word or "\n" in word:
        return False
    return _counts().raw(word) is not None


#: look-ups a ``WordSet`` answers by bisection before it builds its set: a search
#: costs about 15 us, building the 180,000-word set about 0.075 s (reading and
#: splitting the list, then hashing every word), so a short document (a few hundred
#: distinct words) never builds it and a folder builds it once
LOOKUPS = 4000


class WordSet:
    """The accepted words of a dialect: ``words.txt`` plus ``extra`` less ``removed``.

    Answers ``in`` and ``&`` as the frozenset of those words would, with identical
    results. With the trie (``words.trie``) every look-up asks it, and no set is ever
    built. Without it, the first ``LOOKUPS`` distinct look-ups search ``counts.txt``
    by bisection (memory-mapped); past that, or for one ``&`` bigger than what is
    left, the frozenset is built once and used from then on."""

    __slots__ = (
        "extra",
        "removed",
        "_set",
        "_seen",
        "_left",
        "_trie",
        "_hits",
        "_misses",
        "_extra_sorted",
    )

    def __init__(
        self,
        extra: frozenset[str] = frozenset(),
        removed: frozenset[str] = frozenset(),
        pure: bool = False,
    ):
        self.extra = CURRENT_WORDS | extra
        self.removed = removed
        self._set: set[str] | None = None
        self._seen: dict[str, bool] = {}
        self._left = LOOKUPS
        #: the word list's trie, or None (``pure``, or no trie: searched and built)
        self._trie: _Trie | None = None if pure else _trie()
        #: tokens ``missing`` found in the trie and not (asked again at set speed)
        self._hits: set[str] = set()
        self._misses: set[str] = set()
        #: ``extra`` sorted (``prefix_bound``'s search), made on first use
        self._extra_sorted: list[str] | None = None

    def __contains__(self, word: object) -> bool:
        found = self._set
        if found is not None:
            return word in found
        if not isinstance(word, str):
            return False
        lexicon_trie = self._trie
        if lexicon_trie is not None:
            if word in self.extra:
                return word not in self.removed
            try:
                return word in lexicon_trie.words and word not in self.removed
            except UnicodeEncodeError:  # a lone surrogate (an editor's text): no word
                return False
        hit = self._seen.get(word)
        if hit is None:
            self._left -= 1
            if self._left < 0:
                return word in self.frozen()
            hit = (word in self.extra or _listed(word)) and word not in self.removed
            self._seen[word] = hit
        return hit

    def __rand__(self, other: AbstractSet[str]) -> set[str]:
        """``other & words``: the members of ``other``, in the order a set gives."""
        if self._trie is None and self._set is None and len(other) > self._left:
            self.frozen()
        if self._set is not None:
            return set(other & self._set)
        lexicon_trie = self._trie
        if lexicon_trie is not None and self.extra.isdisjoint(other):
            if self.removed.isdisjoint(other):
                try:  # the trie's look-ups at C speed, inserted in the same order
                    return set(filter(lexicon_trie.words.__contains__, other))
                except (UnicodeEncodeError, AttributeError):  # a lone surrogate; no string
                    pass
        return set(filter(self.__contains__, other))

    __and__ = __rand__

    def missing(self, words: AbstractSet[str] | dict[str, int]) -> list[str]:
        """The members of ``words`` not in this set, in their order (as
        ``filterfalse(self.__contains__, words)``; with the trie, its look-ups are made
        at C speed and only the few words left are looked at again)."""
        found = self._set
        if found is not None:
            return list(itertools.filterfalse(found.__contains__, words))
        lexicon_trie = self._trie
        if lexicon_trie is None or not self.removed.isdisjoint(words):
            return list(itertools.filterfalse(self.__contains__, words))
        # the tokens met before leave at set speed (most tokens of a folder are the
        # same few thousand words and names); the trie is asked about the others
        hits, misses = self._hits, self._misses
        left = list(itertools.filterfalse(hits.__contains__, words))
        new = list(itertools.filterfalse(misses.__contains__, left))
        if new:
            try:
                found = set(filter(lexicon_trie.words.__contains__, new))
            except (UnicodeEncodeError, AttributeError):  # a lone surrogate; no string
                return list(itertools.filterfalse(self.__contains__, words))
            if found:
                hits |= found
                left = list(itertools.filterfalse(found.__contains__, left))
            misses.update(itertools.filterfalse(found.__contains__, new))
        return list(itertools.filterfalse(self.extra.__contains__, left))

    def prefix_bound(self, text: str) -> int:
        """A length ``n`` such that no word of this set begins with ``text[: n + 1]``
        (the length of the longest prefix of ``text`` that begins a word, or
        ``len(text)`` where only the built set could tell): a string made from
        ``text`` by changing it at ``n + 1`` or later, its first ``n + 1`` characters
        kept, is no word. Asked of the trie and the added words (a superset of the
        words: the removed ones are not taken out)."""
        lexicon_trie = self._trie
        if lexicon_trie is None or self._set is not None:
            return len(text)
        extra = self._extra_sorted
        if extra is None:
            extra = self._extra_sorted = sorted(self.extra)
        keys = lexicon_trie.words.iterkeys
        lo, hi = 0, len(text)  # text[:lo] begins a word (the empty prefix begins all)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            head = text[:mid]
            try:
                begins = next(keys(head), None) is not None
            except UnicodeEncodeError:  # a lone surrogate: no bound
                return len(text)
            if not begins:
                i = bisect.bisect_left(extra, head)
                begins = i < len(extra) and extra[i].startswith(head)
            if begins:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def current(self) -> AbstractSet[str] | WordSet:
        """The built frozenset where it is built (``in`` at C speed), else this set:
        either answers alike."""
        return self if self._set is None else self._set

    def frozen(self) -> set[str]:
        """The words as a set, never changed once built (built on first call)."""
        if self._set is None:
            # from the list at once (faster than through a chain), then the few
            # words added and removed in place (a union or a difference would build
            # the 180,000-word set twice)
            found = set((DATA / "words.txt").read_text(encoding="utf-8").split())
            found.update(self.extra)
            found.difference_update(self.removed)
            self._set = found
            self._seen = {}
        return self._set

    def warm(self) -> None:
        """Ready for many look-ups: the set built, unless the trie answers them."""
        if self._trie is None:
            self.frozen()


class ShortWords:
    """The words of ``words.txt`` of one or two letters: ``short.txt`` (269 words,
    read on first use), so that a region's short tokens are found by one set
    intersection at C speed instead of a loop over its tokens."""

    __slots__ = ("_set",)

    def __init__(self) -> None:
        self._set: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        found = self._set
        if found is None:
            found = self._set = _short()
        return found

    def __contains__(self, word: object) -> bool:
        return word in self.words()

    def intersection(self, words: Iterable[str]) -> frozenset[str]:
        return self.words().intersection(words)


@cache
def _short() -> frozenset[str]:
    return frozenset((DATA / "short.txt").read_text(encoding="utf-8").split())


def _with_possessives(words) -> frozenset[str]:
    """``words`` and their possessives (the word list has some: color's)."""
    return frozenset(itertools.chain(words, (w + "'s" for w in words)))


@cache
def _australian() -> list[str]:
    """Australian words beyond British spelling (rort, bogan, doona): ``en-AU.txt``."""
    return (DATA / "en-AU.txt").read_text(encoding="utf-8").split()


@cache
def _variants_listed() -> frozenset[str]:
    """British forms of ``variants.tsv`` in ``words.txt``: ``variants-listed.txt``."""
    return frozenset((DATA / "variants-listed.txt").read_text(encoding="utf-8").split())


def _in_base(word: str) -> bool:
    """Is the British form ``word`` of ``variants.tsv`` in every dialect's word list?"""
    return word in _variants_listed() or word in CURRENT_WORDS


@cache
def _variants() -> dict[str, str]:
    """British form -> American form, less the archaic British forms."""
    return _read_variants((DATA / "variants.tsv").read_text(encoding="utf-8"))


def _read_variants(text: str) -> dict[str, str]:
    """``variants.tsv``'s ``british<TAB>american`` lines as a dict, in the file's order,
    less the archaic British forms (a line without both forms is passed over)."""
    lines = text.splitlines()
    try:  # every line two forms split at one tab: the dict made at C speed
        out = dict(map(str.split, lines, itertools.repeat("\t")))
    except ValueError:  # a line of one field or three: read line by line
        out = None
    if out is None or "" in out or "" in out.values():
        out = {}
        for line in lines:
            g, _, u = line.partition("\t")
            if g and u:
                out[g] = u
    for g in ARCHAIC_GB.intersection(out):
        del out[g]
    return out


#: ``words.trie``: this magic, the size in bytes of the ``words.txt`` it was built from,
#: its number of words and the CRC-32 of the rest (little-endian uint32 each); then
#: two bit sets over the trie's key ids (the ``COMMON`` most frequent words, then the
#: ``TOP`` most frequent), each of ``(words + 7) // 8`` bytes; then the marisa-trie
TRIE_MAGIC = b"CLW1"
TRIE_HEADER = 16

try:  # the wheel is a dependency on CPython; without it the list is searched and built
    import marisa_trie
except ImportError:  # pragma: no cover - the wheel is a dependency, but may be missing
    marisa_trie = None


class _Trie:
    """The word list's trie (``words``) and its two rank bit sets."""

    __slots__ = ("words", "ranks", "data")

    def __init__(self, words: Any, ranks: tuple[bytes | memoryview, ...], data: Any) -> None:
        self.words = words
        self.ranks = ranks
        #: the mapped file, kept open while the trie reads it
        self.data = data


class _Ranked:
    """The words of the trie whose bit is set in one rank set (the common words, the
    top words): answers ``in`` as the frozenset of the list's head would."""

    __slots__ = ("_get", "_bits")

    def __init__(self, lexicon_trie: _Trie, which: int) -> None:
        self._get = lexicon_trie.words.get
        self._bits = lexicon_trie.ranks[which]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        try:
            i = self._get(word)
        except UnicodeEncodeError:  # a lone surrogate: in no list
            return False
        return i is not None and bool(self._bits[i >> 3] >> (i & 7) & 1)


def build_trie(words_txt: bytes) -> bytes:
    """The bytes of ``words.trie`` for the bytes of ``words.txt`` (one word a line,
    most frequent first). Needs the ``marisa-trie`` wheel (data-build time only)."""
    import marisa_trie as marisa  # noqa: PLC0415 - only when building the data

    ranked = words_txt.decode("utf-8").split()
    built = marisa.Trie(ranked)
    size = (len(ranked) + 7) // 8
    ranks = []
    for n in (COMMON, TOP):
        bits = bytearray(size)
        for w in ranked[:n]:
            i = built[w]
            bits[i >> 3] |= 1 << (i & 7)
        ranks.append(bytes(bits))
    body = b"".join(ranks) + built.tobytes()
    head = [len(words_txt), len(ranked), zlib.crc32(body)]
    return TRIE_MAGIC + b"".join(n.to_bytes(4, "little") for n in head) + body


def read_trie(path: Path, words_txt: Path) -> _Trie | None:
    """The trie at ``path`` if it is whole and was built for ``words_txt`` (its size),
    else None (then the list is searched and built instead: the same answers)."""
    if marisa_trie is None:
        return None  # pragma: no cover - the wheel is a dependency
    try:
        data = _mapped(path)
        size = os.stat(words_txt).st_size
    except OSError:
        return None
    if len(data) < TRIE_HEADER or data[:4] != TRIE_MAGIC:
        return None
    built_for, count, crc = (int.from_bytes(data[k : k + 4], "little") for k in (4, 8, 12))
    view = memoryview(data)
    # the whole file is checked before the trie reads it: a damaged trie can crash
    # the process, where a damaged file must only be left unused
    if built_for != size or zlib.crc32(view[TRIE_HEADER:]) != crc:
        return None
    bits = (count + 7) // 8
    start = TRIE_HEADER + 2 * bits
    if len(data) <= start:
        return None
    try:
        words = marisa_trie.Trie().map(view[start:])
    except Exception:  # noqa: BLE001 - what the checks above let through: unused
        return None
    if len(words) != count:
        return None
    ranks = (view[TRIE_HEADER : TRIE_HEADER + bits], view[TRIE_HEADER + bits : start])
    return _Trie(words, ranks, data)


@cache
def _trie() -> _Trie | None:
    """The shipped word list's trie, or None where it is not to be used."""
    if os.environ.get("COPYLINT_PURE_PYTHON", "") not in ("", "0"):
        return None
    return read_trie(DATA / "words.trie", DATA / "words.txt")


#: parts of a sorted file whose first lines ``_Sorted`` keeps, to start a search in one
SAMPLES = 256

#: a sorted file's hash index (``<name>.idx``, written by ``build_index``): this
#: magic, the file's size in bytes and the table's slot count (little-endian uint32
#: each, with one spare), then the slots: the offset of a line whose key hashes
#: (``zlib.crc32``) to the slot or, on a collision, to one of the slots before it
#: (linear probing); ``EMPTY`` where no line is
INDEX_MAGIC = b"CLX1"
#: the sorted files, with what ends each line's key (all have an index)
SORTED_FILES = (
    ("counts.txt", b"\t"),
    ("bigrams.txt", b"\t"),
    ("deletes.txt", b"\t"),
    ("real.txt", b"\t"),
    ("rare.txt", b"\n"),
    ("surnames.txt", b"\n"),
)
INDEX_HEADER = 16
EMPTY = 0xFFFFFFFF


def build_index(data: bytes, sep: bytes = b"\t") -> bytes:
    """The hash index of the sorted ``key<sep>...`` lines of ``data`` (at most three
    quarters of its slots used). A key's first line is the one indexed."""
    starts = [0]
    find = data.find
    pos = find(b"\n")
    while pos >= 0 and pos + 1 < len(data):
        starts.append(pos + 1)
        pos = find(b"\n", pos + 1)
    slots = 1
    while slots * 3 < len(starts) * 4:
        slots *= 2
    mask = slots - 1
    table = [EMPTY] * slots
    seen: set[bytes] = set()
    for start in starts:
        end = find(b"\n", start)
        line = data[start : end if end >= 0 else len(data)]
        key = line.partition(sep)[0] if sep != b"\n" else line
        if key in seen:
            continue
        seen.add(key)
        h = zlib.crc32(key) & mask
        while table[h] != EMPTY:
            h = (h + 1) & mask
        table[h] = start
    head = INDEX_MAGIC + b"".join(n.to_bytes(4, "little") for n in (len(data), slots, 0))
    return head + b"".join(n.to_bytes(4, "little") for n in table)


def _index(path: Path, data: bytes | mmap.mmap) -> memoryview | None:
    """The slots of the hash index at ``path``, memory-mapped, if it is there and was
    built for ``data`` (else None: the file is searched by bisection)."""
    if sys.byteorder != "little":
        return None  # pragma: no cover - the slots are read as native uint32
    try:
        raw = _mapped(path)
    except OSError:  # not built: search by bisection
        return None
    if len(raw) < INDEX_HEADER or raw[:4] != INDEX_MAGIC:
        return None
    size = int.from_bytes(raw[4:8], "little")
    slots = int.from_bytes(raw[8:12], "little")
    if size != len(data) or slots & (slots - 1) or len(raw) != INDEX_HEADER + 4 * slots:
        return None
    table = memoryview(raw)[INDEX_HEADER:].cast("I")
    return table if table.itemsize == 4 else None


class _Sorted:
    """A sorted ``key<TAB>count`` file searched by bisection, never parsed whole.

    With ``sep`` ``"\\n"`` the file is a sorted list of keys, each counting as 0.
    The file is memory-mapped: opening it reads nothing (the five of them hold 16 MB,
    of which a check touches a few pages), and forked workers share its pages."""

    def __init__(self, name: str, sep: bytes = b"\t", folder: Path = DATA) -> None:
        self.data = _mapped(folder / name)
        self.sep = sep
        #: the file's hash index (``build_index``): a key is then found in a probe or
        #: two of its slots instead of a bisection of the file
        self.index = _index(folder / f"{name}.idx", self.data)
        self.cache: dict[str, int] = {}
        #: every ``SAMPLES``-th part of the file: the first whole line in it and where
        #: that line starts (made on first search: a search then bisects a part)
        self._lines: list[bytes] | None = None
        self._starts: list[int] = []

    def _sample(self) -> list[bytes]:
        data = self.data
        size = len(data)
        lines: list[bytes] = []
        for k in range(1, SAMPLES):
            start = data.find(b"\n", k * size // SAMPLES) + 1
            if start <= 0 or (self._starts and start <= self._starts[-1]):
                continue
            end = data.find(b"\n", start)
            if end < 0:
                break
            lines.append(data[start:end])
            self._starts.append(start)
        self._lines = lines
        return lines

    def get(self, key: str, default: int = 0) -> int:
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        raw = self.raw(key)
        value = default if raw is None else int(raw or 0)
        self.cache[key] = value
        return value

    def raw(self, key: str) -> bytes | None:
        """The text after ``key`` and the separator on its line, or None."""
        try:
            target = key.encode("utf-8") + self.sep
        except UnicodeEncodeError:  # a lone surrogate (an editor's text): in no list
            return None
        probe = target if self.sep != b"\n" else target[:-1]  # lines are cut before "\n"
        data = self.data
        index = self.index
        hashed = target[:-1]
        if index is not None and hashed and b"\n" not in hashed and b"\t" not in hashed:
            mask = len(index) - 1
            h = zlib.crc32(hashed) & mask
            n = len(target)
            for _ in range(mask + 1):  # a damaged index with no empty slot ends too
                start = index[h]
                if start == EMPTY:
                    return None
                if data[start : start + n] == target:
                    return data[start + n : data.find(b"\n", start)]
                h = (h + 1) & mask
        lines = self._lines
        if lines is None:
            lines = self._sample()
        # the sampled lines before ``i`` sort before the probe, line ``i`` does not:
        # the first line that does not lies between the two
        i = bisect.bisect_left(lines, probe)
        lo = self._starts[i - 1] if i else 0
        hi = self._starts[i] if i < len(self._starts) else len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", 0, mid) + 1
            end = data.find(b"\n", start)
            line = data[start:end]
            if line < probe:
                lo = end + 1
            else:
                hi = start
        if data[lo : lo + len(target)] == target:
            end = data.find(b"\n", lo)
            return data[lo + len(target) : end]
        return None


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The bytes of ``path``, memory-mapped (read whole where mapping fails)."""
    try:
        with open(path, "rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # an empty file, or a file system that cannot map
        return path.read_bytes()


@cache
def _bigrams() -> _Sorted:
    return _Sorted("bigrams.txt")


@cache
def _rare() -> _Sorted:
    return _Sorted("rare.txt", b"\n")


@cache
def _surnames() -> _Sorted:
    return _Sorted("surnames.txt", b"\n")


@cache
def _real() -> _Sorted:
    return _Sorted("real.txt")


@cache
def _deletes() -> _Sorted:
    return _Sorted("deletes.txt")


def one_letter_more(text: str) -> list[str]:
    """Common words that are ``text`` with one letter added (``enviroment`` ->
    ``environment``), from the deletion index of the most frequent words."""
    raw = _deletes().raw(text)
    return raw.decode("utf-8").split(" ") if raw else []


@cache
def _counts() -> _Sorted:
    return _Sorted("counts.txt")


@cache
def lexicon(dialect: str = "en-US") -> Lexicon:
    return Lexicon(dialect)


def log10(x: float) -> float:
    return math.log10(x) if x > 0 else -99.0
