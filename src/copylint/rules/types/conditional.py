"""conditional: ``second`` may only appear once ``first`` has (e.g. an acronym defined)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Hit, Rule
from ._common import Exceptions, search


class ConditionalRule(Rule):
    type_name = "conditional"
    keys = frozenset({"first", "second", "exceptions"})
    required = ("first", "second")

    def configure(self, spec: dict[str, Any]) -> None:
        self.first = self.compile(str(spec["first"]), "first")
        self.second = self.compile(str(spec["second"]), "second")
        self.exceptions = Exceptions(self, spec.get("exceptions"))

    def check(self, doc, config) -> Iterator[Hit]:
        defined: dict[str, int] = {}
        for m in search(self, doc, self.first):
            key = m.group(1) if self.first.groups else m.group()
            defined.setdefault(key, m.start())
        for m in search(self, doc, self.second):
            key = m.group(1) if self.second.groups else m.group()
            if key in self.exceptions:
                continue
            first_at = defined.get(key)
            # a definition after the use does not count; the definition's own text does
            if first_at is None or first_at > m.end():
                yield Hit(m.start(), m.end(), self.format_message(key), match=m.group())


RULE_TYPE = ConditionalRule
