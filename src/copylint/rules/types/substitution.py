"""substitution: suggest a preferred form for each matched form (Vale's ``substitution``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ...findings import Edit
from ..model import Hit, Rule
from ._common import Exceptions, fix_mode, match_case
from ._keyed import KeyedPattern


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
        self.keyed = KeyedPattern(self, [k for k, _ in self.pairs], "swap")
        self.pattern = self.keyed.pattern
        self.trigger = self.pattern
        #: None (default): match the case of the matched text; False: keep replacements as written
        self.capitalize = spec.get("capitalize")
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)

    def check(self, doc, config) -> Iterator[Hit]:
        for index, m in self.keyed.matches(doc):
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
