"""A list of patterns (swap keys, existence tokens) searched as one, or key by key.

The keys are joined in one alternation, each in a named group ``_k{i}``, so the key
that matched is known with its context. On a document where the literals of only a
few keys occur, those few are searched for one by one, which is much quicker for a
long list (hundreds of clichés) than one pass of the whole alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ... import rx
from ...regexcache import cached, compile_re
from ...regexcache import compile as compile_regex
from ..model import Rule
from ..patterns import LazyPattern, spaced
from ..scope import reads_source, regions
from ._common import search, word_pattern
from ._core import lead_scan

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


#: keys that read differently alone than among the others: numbered or named back
#: references, global inline flags (``regex`` applies a ``(?i)`` anywhere to the whole
#: pattern), branch reset
_NOT_ALONE = compile_re(r"\\[1-9]|\\g|\(\?P=|\(\?\||\(\?[a-zA-Z^-]*\)")
_RE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
#: up to this many keys that may match are searched one by one, however long the
#: list: a pass of the whole alternation tries every key at every position, and
#: keys opening on a lookbehind or ``\b`` lose the skip to their first literal
#: there (house.DashSpaced's three keys: 12.0 -> 5.2 ms over the 300 drafts,
#: SpaceAfterPunctuation 8.6 -> 5.5 ms); more than that, the third of the list as
#: before. Not where the whole pattern tests the keys' shared lookarounds once, nor
#: where it has no anchors (its core skips a document first): there one pass is
#: quicker (callgrind, one pass over the 300 drafts: the 21 rules of the first kind
#: 751 -> 322 M instructions; the 7 with shared lookarounds 119 -> 131 M and
#: USPeriods with CourtesyTitlesPeriod 66 -> 83 M had they been split)
_SPLIT_MAX = 8


class _EmptyMatch(Exception):
    """A key matched the empty string: the one-pattern search must decide."""


def can_split(keys: list[str]) -> bool:
    """True when every key reads the same alone as among the others."""
    return not any(_NOT_ALONE.search(k) for k in keys)


_LOOKAROUND = ("(?<!", "(?<=", "(?!", "(?=")


def _lookaround_end(source: str, i: int) -> int:
    """The end of the lookaround group opening at ``source[i]``, or -1 when it is not
    one (or is not closed)."""
    if not source.startswith(_LOOKAROUND, i):
        return -1
    return group_end(source, i)


def group_end(source: str, i: int) -> int:
    """The end of the group opening at ``source[i]`` (just after its ``)``), or -1
    when it is not closed (or holds what may be a nested set, not read here)."""
    depth, j, in_set = 0, i, False
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if in_set:
            if c == "[":
                return -1  # maybe a nested set (regex's V1): not read here
            if c == "]":
                in_set = False
        elif c == "[":
            in_set = True
            j += 1
            if source.startswith("^", j):
                j += 1
            if source.startswith("]", j):
                j += 1  # a literal "]" first in a set
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def shared_lookarounds(keys: list[str]) -> str:
    """The lookaround groups every key begins with (the longest such run), or "".

    Tested once before an alternation of the keys' rests, they give the same matches
    as tested in every branch (zero-width, at the same position), but the alternation
    no longer runs them once per key at every position of the text: with 42 keys
    opening on two lookbehinds (house.StateAbbreviations) that made one pass ~6 times
    slower than without them.
    """
    if len(keys) < 2:
        return ""
    first, end = keys[0], 0
    while True:
        nxt = _lookaround_end(first, end)
        if nxt < 0 or "#" in first[end:nxt]:  # "#" may open a comment (verbose, "(?#")
            break
        if not all(k.startswith(first[:nxt]) for k in keys[1:]):
            break
        end = nxt
    if end:
        try:
            rx.compile(first[:end])
        except rx.error:
            return ""
    return first[:end]


class KeyedPattern:
    """``keys`` (of the rule's spec key ``spec_key``) as one pattern, with the
    branches and anchors to search only the keys a document can match."""

    def __init__(self, rule: Rule, keys: list[str], spec_key: str):
        self.rule = rule
        self.count = len(keys)
        nonword = rule.meta.nonword
        wrapped = [f"(?P<_k{i}>{k})" for i, k in enumerate(keys)]
        shared = shared_lookarounds(keys) if can_split(keys) else ""
        #: the lookarounds every key opens with, tested once before the keys' rests
        self.shared = shared
        joined = wrapped
        if shared:
            # the keys' common lookarounds tested once per position, not once per key
            rests = "|".join(f"(?P<_k{i}>{k[len(shared) :]})" for i, k in enumerate(keys))
            joined = [f"{shared}(?:{rests})"]
        self.pattern = rule.compile(
            word_pattern(joined, nonword, rule.meta.vale), spec_key, soft=True
        )
        #: each key alone (same wrapping, same group name)
        self.branches: list[LazyPattern] | None = None
        #: the keys by the literals they need; keys needing none
        self._by_anchor: dict[str, list[int]] = {}
        self._always: list[int] = []
        if len(keys) > 2 and can_split(keys):
            self.branches = [
                rule.compile(word_pattern([w], nonword, rule.meta.vale), spec_key, soft=True)
                for w in wrapped
            ]
            for i, b in enumerate(self.branches):
                if b.anchors is None:
                    self._always.append(i)
                for a in b.anchors or ():
                    self._by_anchor.setdefault(a, []).append(i)
        self._alone: dict[int, Any] = {}
        self._engine = self._engine_of(self.pattern)
        #: whether a few keys that may match are searched alone (see _SPLIT_MAX)
        self._few_alone = not shared and self.pattern.anchors is not None

    def matches(self, doc) -> Iterator[tuple[int | None, Any]]:
        """(key index, match) for every match of the pattern, in order."""
        rule = self.rule
        live = None
        if self.branches is not None and not rule.meta.vale:
            raw = reads_source(rule.meta.scope)
            hit = set(self._always)
            present = rule.present(doc, raw)
            by_anchor = self._by_anchor
            if present is None:
                folded = doc.folded_source if raw else doc.folded_prose
                joined = doc.joined_source if raw else doc.joined_prose
                for a, keys in by_anchor.items():
                    if a in (folded if spaced(a) else joined):
                        hit.update(keys)
            else:  # the anchors found in one pass: the few there are
                for a in present:
                    ks = by_anchor.get(a)
                    if ks is not None:
                        hit.update(ks)
            live = sorted(hit)
            if not live:
                return
            if (
                len(live) > 1
                and len(live) * 3 > self.count
                and (len(live) > _SPLIT_MAX or not self._few_alone)
            ):
                live = None  # most keys may match: one pass of the whole pattern
        if live is None:
            for m in search(rule, doc, self.pattern):
                yield self._index(m), m
            return
        raw = reads_source(rule.meta.scope)
        text = doc.source if raw else doc.prose
        alone = [(i, self._compiled_alone(i)) for i in live]
        for start, end in regions(doc, rule.meta.scope, not rule.meta.vale):
            try:
                found = _leftmost_first(alone, text, start, end)
            except _EmptyMatch:
                found = [(self._index(m), m) for m in self.pattern.finditer(text, start, end)]
            yield from found

    def prepare(self) -> None:
        """Compile now the keys that ``regex`` compiles and whose programs the pattern
        cache lacks (before worker processes are forked): each worker would otherwise
        parse the keys its documents need (~0.5 ms each) and, as a worker's compiled
        programs are not saved, do so again on every run. A key whose program is
        kept is left to the workers that meet it (~25 us each from its program): most
        keys are never needed (of the default packs' 224, a worker checking half the
        benchmark's drafts used 84). Keys that ``re`` compiles are left to first use."""
        if self.branches is None or self.rule.meta.vale:
            return
        try:
            if self._engine is None:
                compiled = self.pattern.compiled
                self._engine = "regex" if rx.is_pattern(compiled) else "re"
            if self._engine == "regex":
                for i, b in enumerate(self.branches):
                    if cached(b.source, b.flags):
                        continue
                    p = self._compiled_alone(i)
                    if isinstance(p, LazyPattern):  # a timed key (a rule of the user's own)
                        p.compiled  # noqa: B018 - compiles it
        except Exception:  # noqa: BLE001 - first use reports it, naming the rule
            return

    def anchor_literals(self) -> set[str]:
        """The anchors ``matches`` tests a document for."""
        return set(self._by_anchor)

    def _index(self, m) -> int | None:
        return next((i for i in range(self.count) if m.group(f"_k{i}") is not None), None)

    def _engine_of(self, pattern: LazyPattern) -> str | None:
        """Which engine compiles ``pattern`` ("re" or "regex"), known without compiling
        it again: from this load's validation, or kept in the pattern cache beside it."""
        key = f"engine:{pattern.flags}:{pattern.source}"
        compiled = pattern.compiled_yet
        if compiled is not None:
            engine = "regex" if rx.is_pattern(compiled) else "re"
            self.rule.new_patterns[key] = engine
            return engine
        known = self.rule.meta.validated or {}
        cached = known.get(key)
        return cached if cached in ("re", "regex") else None

    def _compiled_alone(self, i: int):
        """Key ``i`` alone, compiled by the engine that compiles the whole pattern."""
        p = self._alone.get(i)
        if p is None:
            assert self.branches is not None
            b = self.branches[i]
            if b.timed:  # searched under the rule's time budget
                self._alone[i] = b
                return b
            if self._engine is None:
                self._engine = "regex" if rx.is_pattern(self.pattern.compiled) else "re"
            # (their programs kept between runs, as the whole pattern's are)
            if self._engine == "regex":
                p = compile_regex(b.source, b.flags)
            else:
                p = compile_re(b.source, b.flags & _RE_FLAGS)
                # (a key opening on \b or a lookbehind: searched by its core)
                p = lead_scan(p, b.source, b.flags) or p
            self._alone[i] = p
        return p


def _leftmost_first(alone: list[tuple[int, Any]], text: str, start: int, end: int) -> list:
    """The matches ``(?:k0|k1|...)`` would find from ``start`` to ``end``, from the keys'
    own patterns: the leftmost match of any key, the first key on a tie, then on from
    its end. A key's match at a position does not depend on where its search began
    (lookbehinds see before it), so each key's next match is searched for only when the
    last one was passed. Raises _EmptyMatch where the rules for empty matches apply."""
    nxt = [p.search(text, start, end) for _, p in alone]
    out: list[tuple[int, Any]] = []
    pos = start
    while True:
        best = -1
        for k, (_, p) in enumerate(alone):
            m = nxt[k]
            if m is not None and m.start() < pos:
                m = nxt[k] = p.search(text, pos, end)
            if m is None:
                continue
            if m.end() == m.start():
                raise _EmptyMatch
            if best < 0 or m.start() < nxt[best].start():
                best = k
        if best < 0:
            return out
        m = nxt[best]
        out.append((alone[best][0], m))
        pos = m.end()
