"""conditional: every match of ``first`` needs a match of ``second`` (Vale's ``conditional``).

As in Vale, ``first`` is the antecedent (say, an acronym in use) and ``second`` the
consequent that licenses it (the acronym's definition). The captured group (or
the whole match) of each ``second`` match is registered for the document; a
``first`` match whose capture is not registered, and is no exception, is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Hit, Rule
from ._common import Exceptions, search


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

    def check(self, doc, config) -> Iterator[Hit]:
        defined: set[str] = set()
        for m in search(self, doc, self.second):
            groups = [g for g in m.groups() if g] if self.second.groups else []
            defined.update(groups or [m.group()])
        for m in search(self, doc, self.first):
            key = m.group(1) if self.first.groups and m.group(1) else m.group()
            if key in defined or key in self.exceptions:
                continue
            yield Hit(m.start(), m.end(), self.format_message(key), match=m.group())


RULE_TYPE = ConditionalRule
