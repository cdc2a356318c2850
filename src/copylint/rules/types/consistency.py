"""consistency: one form per document where either of two is allowed."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Hit, Rule
from ..patterns import LazyPattern
from ..scope import reads_source
from ._common import search, warm, word_pattern

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


class ConsistencyRule(Rule):
    type_name = "consistency"
    word_level = True
    keys = frozenset({"either"})
    required = ("either",)

    def configure(self, spec: dict[str, Any]) -> None:
        either = spec.get("either")
        if not isinstance(either, dict) or not either:
            self.error("'either' must be a mapping of form: other form", "either")
        self.pairs: list[tuple[LazyPattern, LazyPattern]] = []
        for a, b in either.items():
            pa = self.compile(word_pattern([str(a)], self.meta.nonword, self.meta.vale), "either")
            pb = self.compile(word_pattern([str(b)], self.meta.nonword, self.meta.vale), "either")
            self.pairs.append((pa, pb))

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)

    def anchor_literals(self) -> set[str]:
        found = super().anchor_literals()
        for pa, pb in self.pairs:
            found.update(pa.anchors or ())
            found.update(pb.anchors or ())
        return found

    def check(self, doc, config) -> Iterator[Hit]:
        raw = reads_source(self.meta.scope)
        # the pairs' anchors are the rule set's: found in the one pass (a few dozen
        # pairs tested one substring scan each, in every document, cost more)
        present = self.present(doc, raw)
        folded = doc.folded_source if raw else doc.folded_prose
        for pa, pb in self.pairs:
            if present is not None:
                if not (_may(pa, present) and _may(pb, present)):
                    continue  # (found where they are not wrapped over lines too: no matter)
            elif not (pa.could_match(folded) and pb.could_match(folded)):
                continue  # both forms must occur: skip pairs whose literals are absent
            ma = [m for m in search(self, doc, pa) if self._counts(doc, m)]
            mb = [m for m in search(self, doc, pb) if self._counts(doc, m)]
            if not ma or not mb:
                continue
            if len(ma) > len(mb) or (len(ma) == len(mb) and ma[0].start() < mb[0].start()):
                minority, used_other = mb, ma[0].group()
            else:
                minority, used_other = ma, mb[0].group()
            for m in minority:
                yield Hit(
                    m.start(),
                    m.end(),
                    self.format_message(m.group(), used_other),
                    suggestions=(used_other,),
                    match=m.group(),
                )

    def _counts(self, doc, m) -> bool:
        """Forms inside quoted speech count only when the scope opts into quotes."""
        return "quote" in self.meta.scope or not doc.in_quote(m.start(), m.end())


def _may(pattern: LazyPattern, present: frozenset[str]) -> bool:
    """Whether ``pattern`` may match where the anchors ``present`` occur."""
    anchors = pattern.anchors
    return anchors is None or not present.isdisjoint(anchors)


RULE_TYPE = ConsistencyRule
