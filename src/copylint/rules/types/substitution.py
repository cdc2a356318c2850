"""substitution: suggest a preferred form for each matched form (Vale's ``substitution``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import regex

from ...findings import Edit
from ..model import Hit, Rule
from ..patterns import LazyPattern
from ..scope import reads_source, regions
from ._common import Exceptions, fix_mode, match_case, search, word_pattern

#: keys that read differently alone than among the others: numbered or named back
#: references, global inline flags (``regex`` applies a ``(?i)`` anywhere to the whole
#: pattern), branch reset
_NOT_ALONE = re.compile(r"\\[1-9]|\\g|\(\?P=|\(\?\||\(\?[a-zA-Z^-]*\)")
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE


class _EmptyMatch(Exception):
    """A key matched the empty string: the one-pattern search must decide."""


class SubstitutionRule(Rule):
    type_name = "substitution"
    word_level = True
    keys = frozenset({"swap", "exceptions", "capitalize", "vocab", "fix"})
    required = ("swap",)

    def configure(self, spec: dict[str, Any]) -> None:
        swap = spec.get("swap")
        if not isinstance(swap, dict) or not swap:
            self.error("'swap' must be a mapping of pattern: replacement", "swap")
        self.pairs: list[tuple[str, str]] = [(str(k), str(v)) for k, v in swap.items()]
        # one named group per key, so the key that matched is known with its context
        # (a key may use lookarounds, which a fullmatch of the bare match text would lose)
        keys = [f"(?P<_k{i}>{k})" for i, k in enumerate(swap)]
        self.pattern = self.compile(word_pattern(keys, self.meta.nonword, self.meta.vale), "swap")
        self.trigger = self.pattern
        #: each key alone (same wrapping, same group name): on a document where the
        #: literals of only a few keys occur, those few are searched for one by one
        self.branches: list[LazyPattern] | None = None
        #: the keys by the literals they need; keys needing none
        self._by_anchor: dict[str, list[int]] = {}
        self._always: list[int] = []
        if len(self.pairs) > 2 and not any(_NOT_ALONE.search(k) for k, _ in self.pairs):
            self.branches = [
                self.compile(
                    word_pattern([f"(?P<_k{i}>{k})"], self.meta.nonword, self.meta.vale), "swap"
                )
                for i, (k, _) in enumerate(self.pairs)
            ]
            for i, b in enumerate(self.branches):
                if b.anchors is None:
                    self._always.append(i)
                for a in b.anchors or ():
                    self._by_anchor.setdefault(a, []).append(i)
        self._alone: dict[int, Any] = {}
        self._engine = self._engine_of(self.pattern)
        #: None (default): match the case of the matched text; False: keep replacements as written
        self.capitalize = spec.get("capitalize")
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)

    def _matches(self, doc) -> Iterator[tuple[int | None, Any]]:
        """(key index, match) for every match of the swap pattern, in order."""
        live = None
        if self.branches is not None and not self.meta.vale:
            folded = doc.folded_source if reads_source(self.meta.scope) else doc.folded_prose
            hit = set(self._always)
            for a, keys in self._by_anchor.items():
                if a in folded:
                    hit.update(keys)
            live = sorted(hit)
            if not live:
                return
            if len(live) > 1 and len(live) * 3 > len(self.pairs):
                live = None  # most keys may match: one pass of the whole pattern is quicker
        if live is None:
            n = len(self.pairs)
            for m in search(self, doc, self.pattern):
                yield next((i for i in range(n) if m.group(f"_k{i}") is not None), None), m
            return
        raw = reads_source(self.meta.scope)
        text = doc.source if raw else doc.prose
        alone = [(i, self._compiled_alone(i)) for i in live]
        for start, end in regions(doc, self.meta.scope, not self.meta.vale):
            try:
                found = _leftmost_first(alone, text, start, end)
            except _EmptyMatch:
                pattern = self.pattern.compiled
                n = len(self.pairs)
                found = [
                    (next((i for i in range(n) if m.group(f"_k{i}") is not None), None), m)
                    for m in pattern.finditer(text, start, end)
                ]
            yield from found

    def _engine_of(self, pattern: LazyPattern) -> str | None:
        """Which engine compiles ``pattern`` ("re" or "regex"), known without compiling
        it again: from this load's validation, or kept in the pattern cache beside it."""
        key = f"engine:{pattern.flags}:{pattern.source}"
        compiled = pattern.compiled_yet
        if compiled is not None:
            engine = "regex" if isinstance(compiled, regex.Pattern) else "re"
            self.new_patterns[key] = engine
            return engine
        known = self.meta.validated or {}
        cached = known.get(key)
        return cached if cached in ("re", "regex") else None

    def _compiled_alone(self, i: int):
        """Key ``i`` alone, compiled by the engine that compiles the whole pattern."""
        p = self._alone.get(i)
        if p is None:
            assert self.branches is not None
            b = self.branches[i]
            if self._engine is None:
                self._engine = "regex" if isinstance(self.pattern.compiled, regex.Pattern) else "re"
            if self._engine == "regex":
                p = regex.compile(b.source, b.flags)
            else:
                p = re.compile(b.source, b.flags & _RE_FLAGS)
            self._alone[i] = p
        return p

    def check(self, doc, config) -> Iterator[Hit]:
        for index, m in self._matches(doc):
            text = m.group()
            if text in self.exceptions:
                continue
            if index is None:
                continue
            replacement = self.pairs[index][1]
            if "$" in replacement:
                replacement = self._captures(self.pairs[index][0], text, replacement)
            # a lone replacement keeps its spaces (" — "); alternatives are trimmed
            parts = (
                [r.strip() for r in replacement.split("|")] if "|" in replacement else [replacement]
            )
            # copylint's own rules follow the match's case unless told not to; a Vale
            # rule only with ``capitalize: true`` (the first letter), and otherwise
            # reports any match not written exactly as a replacement ("IOS" -> "iOS")
            if self.capitalize is True or (self.capitalize is None and not self.meta.vale):
                parts = [
                    match_case(text, r) if not self.meta.vale else _cap_first(text, r)
                    for r in parts
                ]
            options = parts
            if any(o == text for o in options):
                continue
            fix = None
            if len(options) == 1 and self.fix != "none":
                fix = Edit(m.start(), m.end(), options[0], safe=self.fix == "safe")
            # Vale shows the replacement as written ("carry out|do")
            # (with ``capitalize``, as cased for this match: 'Human kind')
            if self.meta.vale:
                shown = "|".join(options) if self.capitalize is True else replacement
            else:
                shown = "' or '".join(options)
            yield Hit(
                m.start(),
                m.end(),
                self.format_message(shown, text),
                suggestions=tuple(options),
                fix=fix,
                match=text,
            )

    def _captures(self, key: str, text: str, replacement: str) -> str:
        """``$1``...``$9`` in a replacement: the key's own groups in this match
        (``change in(?: )?to the (.*) directory: change to the $1 directory``)."""
        flags = regex.V0 | (regex.IGNORECASE if self.meta.ignorecase else 0)
        try:
            m = regex.fullmatch(key, text, flags)
        except regex.error:
            return replacement
        if m is None:
            return replacement

        def group(ref: regex.Match) -> str:
            n = int(ref.group(1))
            return (m.group(n) or "") if n <= len(m.groups()) else ref.group()

        return _CAPTURE_REF.sub(group, replacement)


_CAPTURE_REF = regex.compile(r"\$(\d)")

RULE_TYPE = SubstitutionRule


def _cap_first(observed: str, replacement: str) -> str:
    """Vale's ``capitalize``: a replacement for a match that starts with a capital
    starts with one too."""
    if observed[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


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
