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
  document, it is a roundup (a shopping list): its blocks are reported one by one and
  the lines between them (its items) never join them.

A publication adds its own phrases (its newsletter's name, say) either in a rule of
its own pack (``extends: promo`` with ``category:`` and ``phrases:``) or in the
config option ``promo_phrases = {newsletter = ["The Morning Memo"]}``; those are
matched as literal text, case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ... import rx
from ...errors import ConfigError
from ..model import Hit, Rule
from ..patterns import LazyPattern, anchors_of, could_match

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import regex

    from ...config import Config
    from ...document import Document
    from ...promo.detect import Block, Detector
    from ...promo.scorer import Model

#: ``promo.detect.FLAGS`` (a test checks they agree): the detector, its layout and its
#: scorer are imported on first check, so a run answered by the results cache never
#: imports them (~0.1 s of start-up)
FLAGS = rx.IGNORECASE | rx.MULTILINE | rx.V0

#: a category's ``words`` are compiled with these flags (``re``); the pattern cache
#: keeps the literals each needs under this prefix
_WORD_FLAGS = int(re.I | re.M)
_WORD_KEY = f"promo-words:{_WORD_FLAGS}:"

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
            "words",
            "loose_lines",
            "off_topic_line",
            "data_lists",
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
        for key in (
            "truncated",
            "quoted_headline",
            "lone_bullet",
            "signoff",
            "off_topic_line",
            "data_lists",
        ):
            flags[key] = spec.get(key, False)
            if not isinstance(flags[key], bool):
                self.error(f"{key!r} must be true or false", key)
        self._detector_args: dict[str, Any] = {
            "phrases": compiled["phrases"],
            "cues": compiled["cues"],
            "headers": compiled["headers"],
            "markers": compiled["markers"],
            "inserts": compiled["inserts"],
            **runs,
            **flags,
            "anchors": self._anchors,
        }
        self._detector: Detector | None = None
        self._extra: tuple[str, ...] = ()
        words = spec.get("words", [])
        if isinstance(words, str):
            words = [words]
        if not isinstance(words, list) or not all(isinstance(v, str) for v in words):
            self.error("'words' must be a list of regular expressions", "words")
        #: broad vocabulary of the category: a short line using it is a candidate the
        #: scorer weighs (never promo on this evidence alone)
        #: one pattern for all of them, compiled once with the standard library (a
        #: ``regex`` pattern each would double the pack's start-up time); plain syntax
        self.words = words
        self._words_any = None
        self._words_split: tuple[tuple[str, ...], Any, Any] | None = None
        self._word_anchors: list[tuple[str, ...] | None] = []
        if words:
            try:
                self._words_any = re.compile("|".join(f"(?:{w})" for w in words), re.I | re.M)
            except (re.error, TypeError, ValueError):
                for w in words:  # name the bad one
                    try:
                        re.compile(w, re.I | re.M)
                    except (re.error, TypeError, ValueError) as exc:
                        self.error(f"bad regular expression in 'words': {exc}", "words")
                self.error("bad regular expressions in 'words'", "words")
            self._word_anchors = [self._anchors_of_word(w) for w in words]
        self.loose_lines = spec.get("loose_lines", False)
        if not isinstance(self.loose_lines, bool):
            self.error("'loose_lines' must be true or false", "loose_lines")

    @property
    def detector(self) -> Detector:
        """The rule's detector, built on first use."""
        if self._detector is None:
            from ...promo.detect import Detector

            self._detector = Detector(self.category, **self._detector_args)
        return self._detector

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
            compiled = rx.compile(pattern, FLAGS)
        except (rx.error, TypeError, ValueError) as exc:
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
            pats = [rx.compile(rx.escape(w.strip()), FLAGS) for w in extra]
            from ...promo.detect import Detector

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
                off_topic_line=base.off_topic_line,
                data_lists=base.data_lists,
                anchors=base.anchors,
            )
        return self._extended

    def candidates(
        self, doc: Document, config: Config
    ) -> Iterator[tuple[Hit, dict[str, float], tuple[int, int] | None]]:
        """Every block the patterns propose, then every short line the scorer should
        weigh (one using the category's ``words``; with ``loose_lines``, any short
        standalone line without closing punctuation), each with its features and the
        unit range it covers (None for a cut inside a line)."""
        detect, layouts, scorer = _MODULES or _promo()
        block_evidence, features = scorer.block_evidence, scorer.features

        detector = self._detector_for(config)
        layout = layouts.layout_of(doc)
        live = detector._live(layout)
        blocks = list(detector.blocks(doc)) if detector.may_find(doc, live) else []
        if not blocks and not self.words and not self.loose_lines:
            return
        units = layout.units
        covered: set[int] = set()
        for block in blocks:
            covered.update(range(block.first.index, block.last.index + 1))
        for block in blocks:
            evidence = block_evidence(live, block.first, block.last, units)
            span = (block.start, block.end)
            feats = features(
                layout, self.category, block.first, block.last, span, evidence, len(blocks)
            )
            whole = None if feats.get("partial") else (block.first.index, block.last.index)
            yield self._hit(doc, block), feats, whole
        if not (self.words or self.loose_lines):
            return
        words = self._words_any
        need, anchored, free = self._word_parts() if words is not None else ((), None, None)
        # (a literal missing from the whole document is missing from each of its units:
        # found with the detectors' anchors, in the one pass over the document)
        if need:
            # (those of ``need`` present, in its order: an empty literal is in every text)
            present = detect.anchors_present(layout, self._word_literals) & self._word_literals
            if "" in self._word_literals:
                present |= {""}
            need = tuple(sorted(present)) if present else ()
            if not need:
                anchored = None
        if anchored is None and free is None and not self.loose_lines:
            return  # (no page without ``loose_lines``: no line left to weigh)
        # on a whole-page copy (``promo/page.py``), every piece around the article is
        # weighed as well, by a model of its own (also a piece of a line run together)
        page = layouts.page_of(layout) if self.loose_lines else None
        # (with no page, only the lines ``_weighable`` keeps can be weighed)
        for u in units if page is not None else _weighable(layout):
            after = page is not None and u.index not in covered and page.weighs(layout, u)
            # a sentence of a long paragraph is the writer's
            if (
                u.index in covered
                or u.quoted
                or u.inline
                or u.contact
                or not 1 <= u.words <= LOOSE_WORDS
            ) and not after:
                continue
            # (a headline opens with a capital or a number)
            loose = (
                self.loose_lines
                and u.standalone
                and not (u.closing or u.table or u.inline)
                and 2 <= u.words <= 24
                and not u.core.lstrip()[:1].islower()
            )
            # (``words`` matches: one of its words with a literal that the line has
            # matches, or one with none)
            word = not u.inline and (
                (
                    anchored is not None
                    and could_match(need, layout.unit_folded[u.index])
                    and anchored.search(u.match_text) is not None
                )
                or (free is not None and free.search(u.match_text) is not None)
            )
            # a line with a strong phrase that the patterns passed over was judged
            # already (a sign-off)
            if not (word or loose or after) or live.search(live.phrases, u):
                continue
            if (word or loose) and not after and detect.title_on_topic(layout, u):
                continue  # the article's own title, in the words of its subject
            if (word or loose) and not after and detect.own_subhead(doc, layout, u):
                continue  # a Markdown subhead of the article's, a report under it
            evidence = block_evidence(live, u, u, units)
            evidence.update(word=word, loose=loose, extra=True)
            feats = features(layout, self.category, u, u, (u.start, u.end), evidence, len(blocks))
            near = (u.index - 1 in covered) + (u.index + 1 in covered)
            if near:
                feats["near_block"] = float(near)
            if detect.own_advice(layout, u, least=detect.ADVICE_LOOSE_WORDS):
                # the article's own advice to its reader, on its subject
                feats["own_advice"] = 1.0
            hit = self._hit(doc, detect.block_of(doc, layout, u, u))
            if word or loose:
                yield hit, feats, (u.index, u.index)
            if after:
                # (the check keeps one finding a span)
                yield hit, scorer.page_features(layout, page, u, feats), (u.index, u.index)

    def _anchors_of_word(self, word: str) -> tuple[str, ...] | None:
        """The literals one of which every match of ``word`` needs (worked out once
        per rule file, then read from the pattern cache like the patterns' own)."""
        cache_key = _WORD_KEY + word
        known = self.meta.validated
        if known is not None and cache_key in known:
            return tuple(known[cache_key]) if known[cache_key] else None
        found = anchors_of(word, _WORD_FLAGS)
        self.new_patterns[cache_key] = list(found) if found else None
        return found

    def _word_parts(self) -> tuple[tuple[str, ...], Any, Any]:
        """``words`` cut in two for a cheap test, on first use: the literals one of
        which every match of the words that have one needs, a pattern of those words
        (tried only on a line that has such a literal), and a pattern of the others
        (always tried, None when there are none)."""
        if self._words_split is None:
            need: set[str] = set()
            anchored: list[str] = []
            free: list[str] = []
            for w, found in zip(self.words, self._word_anchors, strict=True):
                if found:
                    need.update(found)
                    anchored.append(w)
                else:
                    free.append(w)

            def join(ws: list[str]) -> Any:
                if not ws:
                    return None
                if len(ws) == len(self.words):
                    return self._words_any
                return re.compile("|".join(f"(?:{w})" for w in ws), re.I | re.M)

            self._words_split = (tuple(sorted(need)), join(anchored), join(free))
            self._word_literals = frozenset(need)
        return self._words_split

    #: the literals of ``_word_parts``, as a set (found with the detectors' anchors)
    _word_literals: frozenset[str] = frozenset()

    def _hit(self, doc: Document, block: Block) -> Hit:
        text = doc.source[block.start : block.end]
        return Hit(
            block.start,
            block.end,
            self.format_message(self.category, text.strip()[:60]),
            fix=block.fix,
            match=text,
        )

    def prepare(self, config: Config, documents: int = 2) -> None:
        """Import the detector, load the scorer's model, and build the detector and
        the matcher of its anchors now: before worker processes are forked, so that
        they share them instead of each doing so on its first document."""
        from ...regexcache import cached

        detect, _layouts, scorer = _promo()
        try:
            if self.model is None:
                scorer.default_model()
            detector = self._detector_for(config)
            if self._words_any is not None:
                self._word_parts()
            # (the matcher built once, for all of them: ``prepared``)
            detect.share_anchors(detector, self._word_literals, build=False)
            # the patterns whose programs the pattern cache lacks (a worker's own
            # compiles are never saved: it would parse them again on every run); the
            # others are compiled from their programs by the workers that meet them
            # (of the 195 of the default packs, half the benchmark's drafts met 57)
            for key in _LIST_KEYS:
                for p in getattr(detector, key):
                    if isinstance(p, LazyPattern) and not cached(p.source, p.flags):
                        p.compiled  # noqa: B018 - compiles it
        except Exception:  # noqa: BLE001 - first use reports it, naming the rule
            return

    @classmethod
    def prepared(cls, config: Config) -> None:
        """The matcher of the anchors every promo rule's ``prepare`` added to the
        shared set, built once."""
        if _MODULES is not None:  # (a promo rule was prepared)
            try:
                _MODULES[0].build_shared()
            except Exception:  # noqa: BLE001 - first use reports it, as prepare's do
                return

    def check(self, doc: Document, config: Config) -> Iterator[Hit]:
        scorer = (_MODULES or _promo())[2]
        model = self.model if self.model is not None else scorer.default_model()
        if model is None:
            for hit, feats, _ in self.candidates(doc, config):
                if not (feats.get("ev=extra") or feats.get("ev=page")):
                    yield hit
            return
        overrides = _thresholds(config)
        kept = []
        seen: set[tuple[int, int]] = set()
        cands = list(self.candidates(doc, config))
        if not cands:
            return  # (most documents, for most categories: nothing to weigh)
        # (each weighed with the others of the rule around it: promo comes in runs)
        scores = model.score_all([(feats, whole) for _, feats, whole in cands])
        for (hit, feats, whole), score in zip(cands, scores, strict=True):
            if (hit.start, hit.end) not in seen and score >= model.threshold(
                scorer.Model.key(feats), overrides
            ):
                # (a piece of a whole page may be weighed twice: once is enough)
                seen.add((hit.start, hit.end))
                kept.append((hit, score, whole))
        yield from _merge(doc, kept, self)

    #: a model to use instead of the shipped one (benchmarks, tests)
    model: Model | None = None


_MODULES: tuple[Any, Any, Any] | None = None


def _promo() -> tuple[Any, Any, Any]:
    """The ``promo`` package's ``detect``, ``layout`` and ``scorer`` modules, imported
    on first use (see ``FLAGS``) and then kept here: an import statement in a function
    costs a few microseconds each time it runs, and the rule runs once a category a
    document."""
    global _MODULES
    if _MODULES is None:
        from ...promo import detect, layout, scorer

        _MODULES = (detect, layout, scorer)
    return _MODULES


#: a line longer than this is not weighed by the scorer unless the patterns propose it
LOOSE_WORDS = 40


def _weighable(layout: Any) -> list[Any]:
    """The units ``candidates`` may weigh on a copy that is no whole page: lines of
    their own (not quoted speech, not a contact field) of 1 to ``LOOSE_WORDS`` words.
    Worked out once a document, for all the rules."""
    found = layout.__dict__.get("_promo_weighable")
    if found is None:
        found = layout.__dict__["_promo_weighable"] = [
            u
            for u in layout.units
            if not (u.quoted or u.inline or u.contact) and 1 <= u.words <= LOOSE_WORDS
        ]
    return found


def _merge(doc: Document, kept: list, rule: PromoRule) -> Iterator[Hit]:
    """Kept blocks of whole lines that follow each other become one block (promo
    comes in runs: a prompt and the line it breaks into are one finding)."""
    detect, layouts, _ = _promo()
    kept.sort(key=lambda k: (k[0].start, k[0].end))
    layout = None
    i = 0
    while i < len(kept):
        hit, score, whole = kept[i]
        j = i
        if whole is not None:
            while (
                j + 1 < len(kept)
                and kept[j + 1][2] is not None
                and kept[j + 1][2][0] == kept[j][2][1] + 1
                and kept[j][2] is not None
            ):
                j += 1
        if j == i:
            yield replace(hit, confidence=score)
        else:
            layout = layout or layouts.layout_of(doc)
            first, last = layout.units[whole[0]], layout.units[kept[j][2][1]]
            if first.inline != last.inline:
                for hit, score, _ in kept[i : j + 1]:
                    yield replace(hit, confidence=score)
            else:
                block = detect.block_of(doc, layout, first, last)
                yield replace(rule._hit(doc, block), confidence=min(k[1] for k in kept[i : j + 1]))
        i = j + 1


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
            from ...regexcache import compile as compile_regex

            self._compiled = compile_regex(self.source, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # groupindex, scanner...: the pattern's own
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled, name)
