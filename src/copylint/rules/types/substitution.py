"""substitution: suggest a preferred form for each matched form (Vale's ``substitution``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ...findings import Edit
from ..model import Hit, Rule
from ._common import Exceptions, fix_mode, match_case, search, word_pattern


class SubstitutionRule(Rule):
    type_name = "substitution"
    keys = frozenset({"swap", "exceptions", "capitalize", "vocab", "fix"})
    required = ("swap",)

    def configure(self, spec: dict[str, Any]) -> None:
        swap = spec.get("swap")
        if not isinstance(swap, dict) or not swap:
            self.error("'swap' must be a mapping of pattern: replacement", "swap")
        self.pairs: list[tuple[regex.Pattern, str]] = []
        for key, value in swap.items():
            flags = regex.IGNORECASE if self.meta.ignorecase else 0
            self.pairs.append((self.compile(f"(?:{key})", "swap", flags), str(value)))
        self.pattern = self.compile(word_pattern([str(k) for k in swap], self.meta.nonword), "swap")
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)

    def check(self, doc, config) -> Iterator[Hit]:
        for m in search(self, doc, self.pattern):
            text = m.group()
            if text in self.exceptions:
                continue
            replacement = next((r for p, r in self.pairs if p.fullmatch(text)), None)
            if replacement is None:
                continue
            options = [match_case(text, r.strip()) for r in replacement.split("|")]
            if any(o == text for o in options):
                continue
            fix = None
            if len(options) == 1 and self.fix != "none":
                fix = Edit(m.start(), m.end(), options[0], safe=self.fix == "safe")
            shown = "' or '".join(options)
            yield Hit(
                m.start(),
                m.end(),
                self.format_message(shown, text),
                suggestions=tuple(options),
                fix=fix,
                match=text,
            )


RULE_TYPE = SubstitutionRule
