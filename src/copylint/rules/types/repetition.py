"""repetition: the same token twice in a row ("the the")."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from typing import Any

from ...findings import Edit
from ..model import Hit, Rule
from ._common import Exceptions, as_list, fix_mode, region_texts, warm


class RepetitionRule(Rule):
    type_name = "repetition"
    word_level = True
    keys = frozenset({"tokens", "alpha", "exceptions", "fix"})
    required = ("tokens",)

    def configure(self, spec: dict[str, Any]) -> None:
        tokens = as_list(spec.get("tokens"))
        self.pattern = self.compile("|".join(f"(?:{t})" for t in tokens), "tokens")
        self.alpha = bool(spec.get("alpha", False))
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)

    def check(self, doc, config) -> Iterator[Hit]:
        for start, end, text in region_texts(self, doc):
            if not self._may_repeat(text, start, end):
                continue
            prev = None
            for m in self.pattern.finditer(text, start, end):
                word = m.group()
                if self.alpha and not word.isalpha():
                    prev = None
                    continue
                if (
                    prev is not None
                    and _same(prev.group(), word, self.meta.ignorecase)
                    and text[prev.end() : m.start()].strip() == ""
                    and _gap_ok(doc.source[prev.end() : m.start()])
                    and word.lower() + " " + word.lower() not in self.exceptions
                    and word not in self.exceptions
                ):
                    fix = None
                    # only where plain space separates the two: never cut into markup
                    if self.fix != "none" and not doc.source[prev.end() : m.start()].strip():
                        fix = Edit(prev.end(), m.end(), "", safe=self.fix == "safe")
                    yield Hit(
                        prev.start(),
                        m.end(),
                        self.format_message(word),
                        fix=fix,
                        match=doc.source[prev.start() : m.end()],
                    )
                    prev = None
                    continue
                prev = m

    def _may_repeat(self, text: str, start: int, end: int) -> bool:
        """False when no two matches in a row are the same word (a hit needs that):
        found at C speed, so that a region with no repeat is not walked match by
        match in Python."""
        if self.pattern.groups:
            return True  # findall would give the groups, not the matches
        words = self.pattern.findall(text, start, end)
        if self.meta.ignorecase:
            words = list(map(str.lower, words))
        return any(map(operator.eq, words, itertools.islice(words, 1, None)))


def _gap_ok(gap: str) -> bool:
    """Spaces, maybe emphasis marks (``**very very**``), or one plain line break (a wrap)."""
    if "\n" in gap:
        return gap.count("\n") == 1 and not gap.strip()
    return gap.strip(" \t*_~") == ""


def _same(a: str, b: str, ignorecase: bool) -> bool:
    return a.lower() == b.lower() if ignorecase else a == b


RULE_TYPE = RepetitionRule
