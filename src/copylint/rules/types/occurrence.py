"""occurrence: too many (or too few) matches of a token in one scope region."""

from __future__ import annotations

from collections.abc import Iterator

from ... import rx
from ..model import Hit, Rule
from ._common import RunBound, most_by_length, pattern_run_bound, region_texts, warm

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


class OccurrenceRule(Rule):
    type_name = "occurrence"
    keys = frozenset({"token", "max", "min"})
    required = ("token",)

    def configure(self, spec: dict[str, Any]) -> None:
        self.pattern = self.compile(str(spec["token"]), "token")
        try:
            self.max = int(spec.get("max", 0))
            self.min = int(spec.get("min", 0))
        except (TypeError, ValueError):
            self.error("'max' and 'min' must be whole numbers", "max")
        if not self.max and not self.min:
            self.error("occurrence rule needs 'max' or 'min'", "extends")
        #: the token's RunBound (False: none; None: not worked out yet)
        self._bound: RunBound | bool | None = None

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)

    def check(self, doc, config) -> Iterator[Hit]:
        # with only a 'max', a region that cannot hold more tokens than that is passed
        # over without finding them (a sentence of 20 words, where the limit is 35)
        bound = self._run_bound() if self.max and not self.min else None
        most = self.max
        for start, end, text in region_texts(self, doc):
            if bound is not None and (
                most_by_length(start, end) <= most or bound.most(text, start, end, most) <= most
            ):
                continue
            if self.meta.vale:
                found = list(self.pattern.finditer(text, start, end))
                count = len(found)
            else:
                count = self._count(text, start, end)
            if (self.max and count > self.max) or (self.min and count < self.min):
                if self.meta.vale:
                    # Vale reports the first match of the token, not the whole region;
                    # with none (too few), the document at line 1, column 1
                    s, e = found[0].span() if found else (0, min(1, len(doc.source)))
                    yield Hit(s, e, self.format_message(str(count)), match=doc.source[s:e])
                    continue
                yield Hit(start, end, self.format_message(str(count)), match=text[start:end])

    def _count(self, text: str, start: int, end: int) -> int:
        """How many matches of the token ``text[start:end]`` holds: as many as
        ``finditer`` gives, by ``findall`` (no match objects), and for a ``regex``
        pattern of copylint's own with ``concurrent=False``: ``regex`` otherwise takes
        the interpreter's lock back for every match (a third of the count's cost for
        house.SentenceLength's ~14,000 words). A pattern of the user's own is counted
        under its time budget, as before."""
        pattern = self.pattern
        if pattern.timed:
            return len(pattern.findall(text, start, end))
        compiled = pattern.compiled
        if rx.is_pattern(compiled):
            return len(compiled.findall(text, start, end, concurrent=False))
        return len(compiled.findall(text, start, end))

    def _run_bound(self) -> RunBound | None:
        if self._bound is None:
            self._bound = pattern_run_bound(self.pattern) or False
        return self._bound if isinstance(self._bound, RunBound) else None


RULE_TYPE = OccurrenceRule
