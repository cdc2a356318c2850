"""conditional: every match of ``first`` needs a match of ``second`` (Vale's ``conditional``).

As in Vale, ``first`` is the antecedent (say, an acronym in use) and ``second`` the
consequent that licenses it (the acronym's definition). The captured group (or
the whole match) of each ``second`` match is registered for the document; a
``first`` match whose capture is not registered, and is no exception, is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Hit, Rule
from ..scope import reads_source
from ._common import Exceptions, search, warm
from ._core import core_of, tail_of

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


class ConditionalRule(Rule):
    type_name = "conditional"
    word_level = True
    keys = frozenset({"first", "second", "exceptions"})
    required = ("first", "second")

    def configure(self, spec: dict[str, Any]) -> None:
        self.first = self.compile(str(spec["first"]), "first")
        self.second = self.compile(str(spec["second"]), "second")
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.trigger = self.first

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)
        for pattern in (self.first, self.second):
            if pattern.anchors is None:
                core_of(pattern)
        tail_of(self.second)

    def anchor_literals(self) -> set[str]:
        return super().anchor_literals() | set(self.second.anchors or ())

    def check(self, doc, config) -> Iterator[Hit]:
        # (a literal every match of ``second`` needs is missing: nothing is defined)
        defined = self._defined(doc) if self._second_could_match(doc) else set()
        for m in search(self, doc, self.first):
            key = m.group(1) if self.first.groups and m.group(1) else m.group()
            if key in defined or key in self.exceptions:
                continue
            yield Hit(m.start(), m.end(), self.format_message(key), match=m.group())

    def _second_could_match(self, doc) -> bool:
        raw = reads_source(self.meta.scope)
        anchors = self.second.anchors
        if anchors is not None:
            present = self.present(doc, raw)
            if present is not None:  # the rule set's anchors, found once a document
                if present.isdisjoint(anchors):
                    return False
            elif raw:
                if not self.second.could_match(doc.folded_source, doc.joined_source):
                    return False
            elif not self.second.could_match(doc.folded_prose, doc.joined_prose):
                return False
        # every match ends in one of the pattern's tail ("(MTA)" of a definition)
        tail = tail_of(self.second)
        return tail is None or tail.search(doc.source if raw else doc.prose) is not None

    def _defined(self, doc) -> set[str]:
        """The captures (or whole matches) of ``second`` in the document."""
        defined: set[str] = set()
        for m in search(self, doc, self.second):
            groups = [g for g in m.groups() if g] if self.second.groups else []
            defined.update(groups or [m.group()])
        return defined


RULE_TYPE = ConditionalRule
