"""substitution: suggest a preferred form for each matched form (Vale's ``substitution``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Edit
from ..model import Hit, Rule
from ._common import Exceptions, fix_mode, match_case, search, word_pattern


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
        self.pattern = self.compile(word_pattern(keys, self.meta.nonword), "swap")
        self.trigger = self.pattern
        #: None (default): match the case of the matched text; False: keep replacements as written
        self.capitalize = spec.get("capitalize")
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)

    def check(self, doc, config) -> Iterator[Hit]:
        for m in search(self, doc, self.pattern):
            text = m.group()
            if text in self.exceptions:
                continue
            index = next((i for i in range(len(self.pairs)) if m.group(f"_k{i}") is not None), None)
            if index is None:
                continue
            replacement = self.pairs[index][1]
            # a lone replacement keeps its spaces (" — "); alternatives are trimmed
            parts = (
                [r.strip() for r in replacement.split("|")] if "|" in replacement else [replacement]
            )
            if self.capitalize is not False:
                parts = [match_case(text, r) for r in parts]
            options = parts
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
