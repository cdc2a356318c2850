"""existence: report every match of a list of tokens (Vale's ``existence``)."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Edit
from ..model import Hit, Rule
from ._common import (
    Exceptions,
    as_list,
    fix_mode,
    one_line,
    removal,
    search,
    warm,
    word_pattern,
)
from ._core import core_of
from ._keyed import KeyedPattern, can_split

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


class ExistenceRule(Rule):
    type_name = "existence"
    word_level = True
    keys = frozenset({"tokens", "raw", "exceptions", "append", "fix"})

    def configure(self, spec: dict[str, Any]) -> None:
        tokens = as_list(spec.get("tokens"))
        raw = as_list(spec.get("raw"))
        if not tokens and not raw:
            self.error("existence rule needs 'tokens' or 'raw'", "extends")
        #: a long token list (hundreds of clichés) is searched token by token on a
        #: document where only a few tokens' literals occur
        self.keyed: KeyedPattern | None = None
        if raw:
            self.pattern = self.compile("".join(raw), "raw")
        elif len(tokens) > 2 and can_split(tokens) and not self.meta.vale:
            self.keyed = KeyedPattern(self, tokens, "tokens")
            self.pattern = self.keyed.pattern
        else:
            pattern = word_pattern(tokens, self.meta.nonword, self.meta.vale)
            self.pattern = self.compile(pattern, "tokens", soft=True)
        self.trigger = self.pattern
        self.exceptions = Exceptions(self, spec.get("exceptions"))
        self.fix = fix_mode(self, spec)
        action = self.meta.action or {}
        self.action = str(action.get("name", "")) if isinstance(action, dict) else ""
        params = action.get("params", []) if isinstance(action, dict) else []
        self.params = [str(p) for p in params] if isinstance(params, list) else []

    def anchor_literals(self) -> set[str]:
        found = super().anchor_literals()
        return found | self.keyed.anchor_literals() if self.keyed is not None else found

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)
        if self.keyed is not None:
            self.keyed.prepare()
        if self.pattern.anchors is None:
            core_of(self.pattern)

    def check(self, doc, config) -> Iterator[Hit]:
        found: Iterator[Any]
        if self.keyed is not None:
            found = (m for _, m in self.keyed.matches(doc))
        else:
            found = search(self, doc, self.pattern)
        for m in found:
            text = one_line(m.group())
            if not text.strip() or text in self.exceptions:
                continue
            yield Hit(
                m.start(),
                m.end(),
                self.format_message(text.strip()),
                match=text,
                fix=self._fix(doc, m.start(), m.end()),
                suggestions=tuple(self.params) if self.action == "replace" else (),
            )

    def _fix(self, doc, start: int, end: int) -> Edit | None:
        if self.fix == "none":
            return None
        safe = self.fix == "safe"
        if self.action == "remove":
            return removal(doc, start, end, safe)
        if self.action == "replace" and len(self.params) == 1:
            return Edit(start, end, self.params[0], safe=safe)
        return None


RULE_TYPE = ExistenceRule
