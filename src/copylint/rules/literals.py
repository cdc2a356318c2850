"""Which of many literals occur in a text, found in one pass.

Every rule's patterns carry *anchors* (``patterns.anchors_of``): lower-case literals
one of which every match needs. Testing them one by one (``a in folded``) costs a
scan of the document per anchor; the default packs have about a thousand, and that
was a fifth of a check's time. A :class:`LiteralSet` holds all of a rule set's
anchors and answers, in one pass over a document's folded text, which of them occur.

Two engines give the same answer: an Aho-Corasick automaton (``pyahocorasick``,
where its wheel is installed) and, without it, one ``re`` pattern built as a trie of
the literals, tried at every position (``COPYLINT_PURE_PYTHON=1`` forces it).
"""

from __future__ import annotations

import operator
import os
import re
from collections.abc import Iterable

from .patterns import spaced

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

try:
    import ahocorasick
except ImportError:  # pragma: no cover - the wheel is a dependency, but may be missing
    ahocorasick = None


_SECOND = operator.itemgetter(1)


def pure_python() -> bool:
    """Whether to use the pure-Python engine even where pyahocorasick is installed."""
    return ahocorasick is None or os.environ.get("COPYLINT_PURE_PYTHON", "") not in ("", "0")


class LiteralSet:
    """A set of literals and the means to tell, in one pass, which occur in a text."""

    def __init__(self, literals: Iterable[str], engine: str | None = None):
        self.literals = frozenset(a for a in literals if a)
        #: "aho" (pyahocorasick) or "re" (one trie pattern)
        self.engine = engine or ("re" if pure_python() else "aho")
        if self.engine == "aho" and ahocorasick is None:
            raise ValueError("pyahocorasick is not installed")
        self._matcher: Any = None
        #: per literal, the shorter literals it begins with (the trie pattern reports
        #: only the longest literal starting at a position)
        self._prefixes: dict[str, tuple[str, ...]] = {}
        #: the literals looked for in the text as it is, never in its joined form,
        #: grouped by a gate: a part of each that the text must hold (``_gated``)
        self._spaced = tuple(sorted(a for a in self.literals if spaced(a)))
        self._gated = _gated(self._spaced)

    def _build(self) -> Any:
        if not self.literals:
            return False  # nothing to find
        if self.engine == "aho":
            automaton = ahocorasick.Automaton()
            for a in self.literals:
                automaton.add_word(a, a)
            automaton.make_automaton()
            return automaton
        lits = self.literals
        for a in lits:
            shorter = tuple(a[:k] for k in range(1, len(a)) if a[:k] in lits)
            if shorter:
                self._prefixes[a] = shorter
        # a lookahead, so that literals overlapping one another are all seen
        return re.compile(f"(?=({_trie(sorted(lits))}))", re.DOTALL)

    def prepare(self) -> None:
        """Build the matcher now (before worker processes are forked)."""
        if self._matcher is None:
            self._matcher = self._build()

    def present(self, text: str, joined: str | None = None) -> frozenset[str]:
        """The literals that occur in ``text``; with ``joined`` (``text`` with its line
        breaks joined, ``patterns.soft_joined``), the literals without line breaks or
        runs of blanks are looked for there instead (the one pass), the others in
        ``text``."""
        if self._matcher is None:
            self._matcher = self._build()
        if self._matcher is False:
            return frozenset()
        hay = text if joined is None else joined
        if self.engine == "aho":
            # (each hit is (end, literal); a document holds a few dozen, "the " many times)
            found = set(map(_SECOND, self._matcher.iter(hay)))
        else:
            found = {m.group(1) for m in self._matcher.finditer(hay)}
            prefixes = self._prefixes
            for a in [a for a in found if a in prefixes]:
                found.update(prefixes[a])
        if joined is not None and joined is not text:
            # a text without a group's gate (most have no tab) holds none of its
            # literals: one scan for the group instead of one a literal
            for gate, group in self._gated:
                if gate not in text:
                    found.difference_update(group)
                    continue
                for a in group:
                    if a in text:
                        found.add(a)
                    else:
                        found.discard(a)
        return frozenset(found)


#: what makes a literal ``spaced``, in the order a literal is put in a group: the
#: rarer a gate in prose, the more literals a text without it skips
_GATES = ("\t", "\r", "  ", "\n")


def _gated(literals: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``literals`` (each ``spaced``) grouped by the first of ``_GATES`` each holds:
    a text that does not hold a group's gate holds none of the group's literals."""
    groups: dict[str, list[str]] = {}
    for a in literals:
        gate = next((g for g in _GATES if g in a), a)  # (not spaced: its own gate)
        groups.setdefault(gate, []).append(a)
    return tuple((gate, tuple(group)) for gate, group in groups.items())


def _trie(words: list[str]) -> str:
    """One pattern matching any of ``words`` (sorted), as a trie: at each character
    one branch at most can go on, and the longest word matching at a position wins
    (an optional tail is greedy)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict[str, Any]) -> str:
    # iterative over runs of single children: a trie of long phrases stays shallow
    alts = []
    for c in sorted(k for k in node if k):
        run, child = [c], node[c]
        while len(child) == 1 and "" not in child:
            (c2,) = child
            run.append(c2)
            child = child[c2]
        alts.append(re.escape("".join(run)) + _node_pattern(child))
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body
