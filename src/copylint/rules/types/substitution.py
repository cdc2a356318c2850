"""substitution: suggest a preferred form for each matched form (Vale's ``substitution``)."""

from __future__ import annotations

from collections.abc import Iterator

from ... import rx
from ...findings import Edit
from ...regexcache import compile as compile_regex
from ..model import Hit, Rule
from ._common import Exceptions, fix_mode, match_case, one_line, warm
from ._core import core_of
from ._keyed import KeyedPattern

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import regex


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
        #: capture groups of the shared lookarounds, and of each key (read on first use)
        self._group_counts: tuple[int, list[int]] | None = None

    def anchor_literals(self) -> set[str]:
        return super().anchor_literals() | self.keyed.anchor_literals()

    def prepare(self, config, documents: int = 2) -> None:
        warm(self)
        self.keyed.prepare()
        if self.pattern.anchors is None:
            core_of(self.pattern)

    def check(self, doc, config) -> Iterator[Hit]:
        for index, m in self.keyed.matches(doc):
            # a phrase wrapped over two lines reads, and is replaced, as one line
            text = one_line(m.group())
            if text in self.exceptions:
                continue
            if index is None:
                continue
            replacement = self.pairs[index][1]
            if "$" in replacement:
                replacement = self._captures(index, m, replacement)
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

    def _captures(self, index: int, m: Any, replacement: str) -> str:
        """``$1``...``$9`` in a replacement: the key's own groups in this match
        (``change in(?: )?to the (.*) directory: change to the $1 directory``); ``$0``
        is the whole match, as in Vale (Go's expansion).

        Read from the match in the document, so a key's lookarounds see the text
        around it; where the keys' shared lookarounds hold groups of their own (or
        the match is a Vale rule's, in a slice), from the key matched alone against
        the matched text."""
        key = self.pairs[index][0]
        found = self._groups_in_place(index, m)
        if found is None:
            flags = rx.V0 | (rx.IGNORECASE if self.meta.ignorecase else 0)
            try:
                alone = rx.fullmatch(key, m.group(), flags)
            except rx.error:
                return replacement
            if alone is None:
                return replacement
            found = alone.groups()

        def group(ref: regex.Match) -> str:
            n = int(ref.group(1))
            if n == 0:
                return m.group()
            return (found[n - 1] or "") if n <= len(found) else ref.group()

        return _CAPTURE_REF.sub(group, replacement)

    def _groups_in_place(self, index: int, m: Any) -> tuple | None:
        """The groups of key ``index`` in ``m``, a match of the keyed pattern (or of
        the key's own branch), or None when they cannot be told apart there."""
        pattern = getattr(m, "re", None)
        if pattern is None:
            return None
        counts = self._group_counts
        if counts is None:
            shared = self.keyed.shared
            try:
                counts = (
                    rx.compile(shared).groups if shared else 0,
                    [rx.compile(k[len(shared) :]).groups for k, _ in self.pairs],
                )
            except rx.error:
                counts = (1, [])
            self._group_counts = counts
        if counts[0]:
            return None
        base = pattern.groupindex.get(f"_k{index}")
        if base is None:
            return None
        return tuple(m.group(base + n) for n in range(1, counts[1][index] + 1))


_CAPTURE_REF = compile_regex(r"\$(\d)")

RULE_TYPE = SubstitutionRule


def _cap_first(observed: str, replacement: str) -> str:
    """Vale's ``capitalize``: a replacement for a match that starts with a capital
    starts with one too."""
    if observed[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
