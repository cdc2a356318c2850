"""``extends: promo``: leftover promotional blocks (newsletter prompts, teasers, ads...).

Keys of the type:

- ``category`` (required): the category name used in messages (newsletter, teaser...).
- ``phrases``: regexes that are strong evidence on their own.
- ``cues``: regexes that count only with layout evidence (short standalone line,
  no closing punctuation, ``>>>`` markers).
- ``headers``: regexes for a line that heads a list of promo lines; the
  headline-shaped lines that follow join the block.
- ``inserts``: regexes for text inserted into a sentence (a link's pop-up card of
  headlines), reported wherever it is, even inside a long paragraph; a named group
  ``promo`` narrows the report (and the fix) to that part of the match.
- ``markers``: regexes for a marker glued in front of body text ("Advertisement");
  only the marker is reported.
- ``truncated`` / ``headline_run`` / ``list_run`` / ``quoted_headline`` / ``tail_run``: layout-only
  teaser evidence; ``topic_tail``: other stories after the article, by change of
  topic; ``lone_bullet``: the document's only bulleted line, headline-shaped (see
  docs/promo.md).
- ``signoff``: a prompt closing a paragraph of the writer's own sentences that
  repeats one of their content words is the writer's sign-off, not reported.
- ``roundup``: when this many separate one-line blocks of the category appear in one
  document, it is a roundup (a shopping list): those per-item lines, and the rest of
  the category in that document, are content.

A publication adds its own phrases (its newsletter's name, say) either in a rule of
its own pack (``extends: promo`` with ``category:`` and ``phrases:``) or in the
config option ``promo_phrases = {newsletter = ["The Morning Memo"]}``; those are
matched as literal text, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import regex

from ...errors import ConfigError
from ...promo.detect import FLAGS, Detector
from ...promo.layout import layout_of
from ...promo.scorer import Model, block_evidence, default_model, features
from ..model import Hit, Rule
from ..patterns import LazyPattern, anchors_of

if TYPE_CHECKING:
    from ...config import Config
    from ...document import Document

_LIST_KEYS = ("phrases", "cues", "headers", "markers", "inserts")


class PromoRule(Rule):
    type_name = "promo"
    option_keys = frozenset({"promo_phrases", "promo_thresholds"})
    keys = frozenset(
        {
            "category",
            *_LIST_KEYS,
            "truncated",
            "headline_run",
            "list_run",
            "quoted_headline",
            "roundup",
            "tail_run",
            "topic_tail",
            "lone_bullet",
            "signoff",
        }
    )
    required = ("category",)
    #: the engine would drop blockquotes (">>> Sign up ..." in Markdown) as quoted speech;
    #: the detector skips quoted speech itself, line by line
    checks_quotes = True

    def configure(self, spec: dict[str, Any]) -> None:
        category = spec.get("category")
        if not isinstance(category, str) or not category.strip():
            self.error("'category' must be a non-empty string", "category")
        self.category = category.strip().lower()
        compiled: dict[str, list[Any]] = {}
        self._anchors: dict[str, tuple[str, ...] | None] = {}
        for key in _LIST_KEYS:
            value = spec.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.error(f"{key!r} must be a list of regular expressions", key)
            compiled[key] = [self._compile(v, key) for v in value]
        if not any(compiled.values()):
            self.error(
                "a promo rule needs at least one of phrases, cues, headers, markers, inserts"
            )
        runs = {}
        for key in ("headline_run", "list_run", "roundup", "tail_run", "topic_tail"):
            runs[key] = spec.get(key, 0)
            if not isinstance(runs[key], int) or isinstance(runs[key], bool) or runs[key] < 0:
                self.error(f"{key!r} must be a whole number", key)
        flags = {}
        for key in ("truncated", "quoted_headline", "lone_bullet", "signoff"):
            flags[key] = spec.get(key, False)
            if not isinstance(flags[key], bool):
                self.error(f"{key!r} must be true or false", key)
        self.detector = Detector(
            self.category,
            phrases=compiled["phrases"],
            cues=compiled["cues"],
            headers=compiled["headers"],
            markers=compiled["markers"],
            inserts=compiled["inserts"],
            **runs,
            **flags,
            anchors=self._anchors,
        )
        self._extra: tuple[str, ...] = ()

    def _compile(self, pattern: str, key: str) -> Any:
        """``pattern`` compiled by ``regex`` on first use; validated (compiled) now the
        first time this rule file is seen, as ``Rule.compile`` does."""
        # the literals a match needs, worked out once per rule file (patterns.py)
        cache_key = f"promo:{FLAGS}:{pattern}"
        known = self.meta.validated
        if known is not None and cache_key in known:
            anchors = known[cache_key]
            self._anchors[pattern] = tuple(anchors) if anchors else None
            return _LazyRegex(pattern, FLAGS, self._anchors[pattern])
        try:
            compiled = regex.compile(pattern, FLAGS)
        except (regex.error, TypeError, ValueError) as exc:
            self.error(f"bad regular expression in {key!r}: {exc}", key)
            raise  # unreachable
        found = anchors_of(pattern, FLAGS)
        self.new_patterns[cache_key] = list(found) if found else None
        self._anchors[pattern] = found
        return _LazyRegex(pattern, FLAGS, found, compiled)

    def _detector_for(self, config: Config) -> Detector:
        extra = ()
        options = getattr(config, "options", None) or {}
        table = options.get("promo_phrases") if isinstance(options, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(
                "option 'promo_phrases' must be a table of category = [phrases]", config.path
            )
        if table:
            words = table.get(self.category) or ()
            if isinstance(words, str):
                words = (words,)
            if not isinstance(words, list | tuple) or not all(isinstance(w, str) for w in words):
                raise ConfigError(
                    f"option 'promo_phrases.{self.category}' must be a list of phrases",
                    config.path,
                )
            extra = tuple(w for w in words if w.strip())
        if not extra:
            return self.detector
        if extra != self._extra:
            self._extra = extra
            pats = [regex.compile(regex.escape(w.strip()), FLAGS) for w in extra]
            base = self.detector
            self._extended = Detector(
                base.category,
                phrases=[*base.phrases, *pats],
                cues=base.cues,
                headers=base.headers,
                markers=base.markers,
                inserts=base.inserts,
                truncated=base.truncated,
                headline_run=base.headline_run,
                list_run=base.list_run,
                quoted_headline=base.quoted_headline,
                roundup=base.roundup,
                tail_run=base.tail_run,
                topic_tail=base.topic_tail,
                lone_bullet=base.lone_bullet,
                signoff=base.signoff,
                anchors=base.anchors,
            )
        return self._extended

    def candidates(self, doc: Document, config: Config) -> Iterator[tuple[Hit, dict[str, float]]]:
        """Every block the patterns propose, with its features (before scoring)."""
        detector = self._detector_for(config)
        blocks = list(detector.blocks(doc))
        if not blocks:
            return
        layout = layout_of(doc)
        for block in blocks:
            text = doc.source[block.start : block.end]
            evidence = block_evidence(detector, block.first, block.last, layout.units)
            feats = features(
                layout,
                self.category,
                block.first,
                block.last,
                (block.start, block.end),
                evidence,
                len(blocks),
            )
            hit = Hit(
                block.start,
                block.end,
                self.format_message(self.category, text.strip()[:60]),
                fix=block.fix,
                match=text,
            )
            yield hit, feats

    def check(self, doc: Document, config: Config) -> Iterator[Hit]:
        model = self.model if self.model is not None else default_model()
        if model is None:
            for hit, _ in self.candidates(doc, config):
                yield hit
            return
        bar = model.threshold(self.category, _thresholds(config))
        for hit, feats in self.candidates(doc, config):
            score = model.score(feats)
            if score >= bar:
                yield replace(hit, confidence=score)

    #: a model to use instead of the shipped one (benchmarks, tests)
    model: Model | None = None


def _thresholds(config: Config) -> dict[str, float] | None:
    """``promo_thresholds = {teaser = 0.7}``: the bar per category, 0..1."""
    options = getattr(config, "options", None) or {}
    table = options.get("promo_thresholds") if isinstance(options, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1
        for v in table.values()
    ):
        raise ConfigError(
            "option 'promo_thresholds' must be a table of category = number from 0 to 1",
            config.path,
        )
    return table


RULE_TYPE = PromoRule


class _LazyRegex(LazyPattern):
    """A promo pattern compiled on first use, always by ``regex`` (the detector's
    patterns are written for it)."""

    __slots__ = ()

    @property
    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self.source, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # groupindex, scanner...: the pattern's own
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled, name)
