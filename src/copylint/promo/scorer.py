"""Score a promo block from several kinds of evidence, with weights learned offline.

The pattern rules (``detect.py``) propose blocks; this module describes each block
by a handful of features and weighs them with a small logistic model whose weights
ship as data (``data/promo_weights.json``, written by ``scripts/train_promo.py``).
The model is evaluated here in plain Python: no runtime dependency, a few
microseconds a block.

Features (all numbers; most are 0/1):

- the rule's evidence: its category, whether a strong phrase, a weak cue or a list
  header of the category matches the block, whether only part of a line is cut;
- layout: size, final punctuation, capitalisation, bullets, ellipsis, markers,
  position in the piece (before the first paragraph, after the last, between two);
- a second-person imperative opening the block ("get", "join", "follow", "shop");
- handles, URLs and site names;
- topic: the share of the block's content words the rest of the article uses;
- neighbours: whether the lines around it are body paragraphs or more short lines,
  and how many other blocks of the category the piece has (promo comes in runs; a
  piece full of one-line "blocks" is usually a list of data);
- copy wrapped at a fixed width: whether the line is a piece of a longer paragraph,
  and the words of the document's paragraphs read whole.

A model may weigh the candidates of a document in two passes (:meth:`Model.score_all`):
the second adds the first pass's scores and decisions on the candidates around each
one (:func:`neighbour_features`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import rx
from ..regexcache import compile as compile_regex
from ..regexcache import compile_re
from .layout import LATIN_LETTER, Layout, Unit, latin
from .page import Page, piece_features

WEIGHTS_FILE = Path(__file__).with_name("data") / "promo_weights.json"

_IMPERATIVES = frozenset(
    """get join sign subscribe download follow shop buy click tap read watch listen
    see find like share visit register log start try save order discover explore
    learn enter claim grab install upgrade support donate become make tell send
    leave add continue check call email text contact stay keep never don't""".split()
)
_HANDLE = compile_regex(r"(?<![\w.])@\w{2,}")
_URL = compile_regex(r"https?://|www\.|\b[\w-]+\.(?:com|co\.uk|org|net|io|tv|news)\b", rx.I)
_YOU = compile_regex(r"\b(?:you|your|you're|yours)\b", rx.I)
_WE = compile_regex(r"\b(?:we|our|us)\b", rx.I)


def _outlet_voice(text: str) -> bool:
    """``text`` speaks as "we": "we", "our" or "us" in any case, but "US" (the
    country) only on a line in capitals ("FOLLOW US")."""
    caps = not any(c.islower() for c in text)
    return any(m.group() != "US" or caps for m in _WE.finditer(text))


#: a number that is data (a date, a score, a time); a price is not counted
_DIGIT_TOKEN = compile_regex(r"(?<![$£€\d.,])\b\d[\d:.,/-]*\b")
_MONTH = compile_regex(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b", rx.I
)
_CONTENT = compile_regex(r"[^\W\d_]{4,}")
#: ``_CONTENT`` for the standard ``re`` on text that ``layout.latin`` passes
_CONTENT_LATIN = compile_re(rf"[{LATIN_LETTER}]{{4,}}")
_WORD = compile_regex(r"[^\W\d_]+")
_STOP = frozenset(
    """about after again also been before being could does doing down from have here
    into just like more most much only other over same some such than that their them
    then there these they this those through very what when where which while will
    with would your yours this that were what""".split()
)


#: what leftover promo talks about, by concept, written from the categories'
#: definitions (docs/promo.md, ``rules/promo/*.yml`` descriptions), not from dev lines:
#: a line only the scorer weighs is described by whether it names one of these in the
#: outlet's voice ("we", outside quotes) while the article's own paragraphs never do
#: (:func:`concept_features`)
CONCEPTS: dict[str, str] = {
    "reach": r"inbox|e-?mails?|(?:e-?mail )?address|phone|mobile|notifications?|alerts?|texts?",
    "product": r"newsletters?|digest|briefings?|bulletins?|app|channel|podcasts?|episodes?|show",
    "comment": r"comments?|(?:the )?box below|community|conversation|discussion|thoughts",
    "share": r"share|sharing|buttons?|friends",
    "support": r"support|donat\w+|contribut\w+|back us|chip in|journalism|reporting",
    "account": r"accounts?|sign(?:ing)? (?:in|up)|log ?in|subscri\w+|members?(?:hip)?|register",
    "consent": r"cookies?|consent|devices?|browsing|privacy|settings",
    "deals": r"deals?|partners?(?:ship)?|sponsored|commission|affiliate|offers?|discount",
}
_CONCEPT = compile_regex(r"\b(?:" + "|".join(CONCEPTS.values()) + r")\b", rx.I)
_WORDS = compile_regex(r"[^\W\d_]+")
#: quoted words inside a line (someone else's "we")
_QUOTED_PART = compile_regex(r"[\"“][^\"“”]*[\"”]")


def concept_features(layout: Layout, u: Unit, info: _DocInfo) -> dict[str, float]:
    """The concepts of leftover promo a line names (see :data:`CONCEPTS`), weighed
    only in the outlet's voice and off the article's topic: ``cx:off_we`` when the
    line speaks for the outlet ("we", "our", "us", outside quotes) of a concept none
    of whose words the article's other paragraphs use (a story about a newsletter
    business names its newsletter throughout). (A concept alone, with "you", or off
    topic without "we", and their count, lost dev lines in 5-fold CV; see
    docs/promo.md.)"""
    text = _QUOTED_PART.sub(" ", u.core)
    if not _outlet_voice(text):
        return {}
    words = {m.group().lower() for m in _CONCEPT.finditer(text)}
    if not words:
        return {}
    # the concept words the article's other paragraphs use (its topic)
    self_count = int(u.prose_like and not u.quoted)
    stems = {s for w in words for s in _stems(w)}
    if any(info.prose.get(s, 0) > self_count for s in stems):
        return {}
    # a word too short to be a content word ("app") is looked for as a word
    short = {w for w in words if not _stems(w)}
    if short and any(
        v.index != u.index
        and v.prose_like
        and not v.quoted
        and not short.isdisjoint(_WORDS.findall(v.text.lower()))
        for v in layout.units
    ):
        return {}
    return {"cx:off_we": 1.0}


def _stems(text: str) -> set[str]:
    low = text.lower()
    found = (_CONTENT_LATIN if latin(low) else _CONTENT).findall(low)
    return {w[:5] for w in found if w not in _STOP}


@dataclass
class _DocInfo:
    """What every block of one document is compared with (computed once)."""

    stems: list[set[str]]
    counts: dict[str, int]
    #: how many body paragraphs (prose-like units) use each stem
    prose: dict[str, int]
    #: the paragraph of each unit: a line that does not stand alone continues the
    #: paragraph of the line before it (copy wrapped at a fixed width)
    para: list[int]
    #: each paragraph's words, and whether it reads as body prose (18 words or more,
    #: ending a sentence)
    para_words: list[int]
    para_prose: list[bool]
    #: how many prose paragraphs use each stem
    para_stems: list[set[str]]
    wrapped_prose: dict[str, int]


def _doc_info(layout: Layout) -> _DocInfo:
    cached = layout.__dict__.get("_scorer_info")
    if cached is None:
        stems = [_stems(u.text) for u in layout.units]
        counts: dict[str, int] = {}
        for s in stems:
            for w in s:
                counts[w] = counts.get(w, 0) + 1
        prose: dict[str, int] = {}
        for u, own in zip(layout.units, stems, strict=True):
            if u.prose_like and not u.quoted:
                for w in own:
                    prose[w] = prose.get(w, 0) + 1
        para: list[int] = []
        para_words: list[int] = []
        para_last: list[Unit] = []
        para_stems: list[set[str]] = []
        quoted: list[bool] = []
        for u, own in zip(layout.units, stems, strict=True):
            if not para or u.standalone or u.inline:
                para_words.append(0)
                para_last.append(u)
                para_stems.append(set())
                quoted.append(False)
            g = len(para_words) - 1
            para.append(g)
            para_words[g] += u.words
            para_last[g] = u
            para_stems[g] |= own
            quoted[g] = quoted[g] or u.quoted
        para_prose = [
            w >= 18 and last.closing and not q
            for w, last, q in zip(para_words, para_last, quoted, strict=True)
        ]
        wrapped: dict[str, int] = {}
        for own, is_prose in zip(para_stems, para_prose, strict=True):
            if is_prose:
                for w in own:
                    wrapped[w] = wrapped.get(w, 0) + 1
        cached = _DocInfo(stems, counts, prose, para, para_words, para_prose, para_stems, wrapped)
        layout.__dict__["_scorer_info"] = cached
    return cached


def features(
    layout: Layout,
    category: str,
    first: Unit,
    last: Unit,
    span: tuple[int, int],
    evidence: Mapping[str, bool],
    n_blocks: int,
) -> dict[str, float]:
    """The features of one block (``first``..``last``; ``span`` is what is reported)."""
    units = layout.units
    block = units[first.index : last.index + 1]
    n = len(block)
    text = " ".join(u.text for u in block)
    words = sum(u.words for u in block)
    f: dict[str, float] = {"bias": 1.0, f"cat={category}": 1.0}
    for key, value in evidence.items():
        if value:
            f[f"ev={key}"] = 1.0
            f[f"ev={key}*{category}"] = 1.0
    partial = span[0] > first.start + 1 or span[1] < last.end - 1
    f["partial"] = float(partial)
    f["units"] = math.log1p(n)
    f["words"] = math.log1p(words)
    f["short"] = float(words <= 14)
    f["long"] = float(words > 40)
    f["closing"] = sum(u.closing for u in block) / n
    f["headline"] = sum(u.headline for u in block) / n
    f["bullet"] = sum(u.bullet for u in block) / n
    f["truncated"] = sum(u.truncated for u in block) / n
    f["markers"] = float(any(u.markers for u in block))
    f["table"] = sum(u.table for u in block) / n
    f["inline"] = float(first.inline)
    f["quoted"] = float(any(u.quoted for u in block))
    f["standalone"] = float(first.standalone)
    core = first.core.strip()
    head = _WORD.findall(core[:40].lower())
    f["imperative"] = float(bool(head) and head[0] in _IMPERATIVES)
    f["you"] = float(bool(_YOU.search(text)))
    f["we"] = float(bool(_WE.search(text)))
    f["handle"] = float(bool(_HANDLE.search(text)))
    f["url"] = float(bool(_URL.search(text)))
    tokens = max(1, len(text.split()))
    f["digits"] = min(1.0, len(_DIGIT_TOKEN.findall(text)) / tokens * 3)
    f["date"] = float(bool(_MONTH.search(text)))
    f["ellipsis_end"] = float(text.rstrip().endswith(("...", "…")))
    # position
    total = len(units)
    f["pos"] = first.index / max(1, total - 1)
    f["after_body"] = float(first.index > layout.last_body)
    f["before_body"] = float(layout.last_body >= 0 and layout.first_prose >= first.index)
    f["at_end"] = float(last.index == total - 1)
    prev = units[first.index - 1] if first.index > 0 else None
    nxt = units[last.index + 1] if last.index + 1 < total else None
    f["prev_prose"] = float(prev is not None and prev.prose_like)
    f["next_prose"] = float(nxt is not None and nxt.prose_like)
    f["between_prose"] = f["prev_prose"] * f["next_prose"]
    f["prev_short"] = float(prev is not None and prev.words <= 14 and not prev.closing)
    f["next_short"] = float(nxt is not None and nxt.words <= 14 and not nxt.closing)
    # topic
    info = _doc_info(layout)
    # how many of the block's units use each of its words (one pass: a long block
    # costs its length, not its length times its vocabulary)
    inside: dict[str, int] = {}
    for u in block:
        for w in info.stems[u.index]:
            inside[w] = inside.get(w, 0) + 1
    own = inside.keys()
    if own:
        counts = info.counts
        shared = sum(1 for w, k in inside.items() if counts.get(w, 0) > k)
        f["topic"] = shared / len(own)
        if evidence.get("extra"):
            # a line no pattern proposed: the words the article's own paragraphs use
            # (the page's menus and other stories' headlines left out); a list under
            # a "Related" header is on topic by design, so only these lines ask
            self_count = int(first.prose_like and not first.quoted)
            in_body = sum(1 for w in own if info.prose.get(w, 0) > self_count)
            f["body_topic"] = in_body / len(own)
        f["off_topic"] = float(len(own) >= 3 and shared == 0)
        if evidence.get("extra") and evidence.get("word"):
            # (a line the category's own vocabulary proposes: a teaser's loose line
            # naming a newsletter is the newsletter rule's to weigh)
            f.update(concept_features(layout, first, info))
        # the words the document's paragraphs use, with copy wrapped at a fixed width
        # read as paragraphs (its lines are never prose on their own)
        g_first, g_last = info.para[first.index], info.para[last.index]
        mine = set()
        for g in range(g_first, g_last + 1):
            if info.para_prose[g]:
                mine |= info.para_stems[g]
        wrapped = info.wrapped_prose
        f["para_topic"] = sum(1 for w in own if wrapped.get(w, 0) > (w in mine)) / len(own)
    else:
        f["no_content"] = 1.0
    # a piece of a wrapped paragraph: the line goes on into the next, or goes on
    # from the one before
    para = info.para
    f["wrapped"] = float(
        (first.index > 0 and para[first.index - 1] == para[first.index])
        or (nxt is not None and para[nxt.index] == para[last.index])
    )
    f["para_words"] = math.log1p(info.para_words[para[first.index]])
    f["lower_start"] = float(core[:1].islower())
    f["doc_blocks"] = math.log1p(n_blocks)
    f["many_blocks"] = float(n_blocks >= 5)
    return f


def page_features(
    layout: Layout, page: Page, u: Unit, feats: Mapping[str, float]
) -> dict[str, float]:
    """A piece of a whole-page copy after its article (see ``page.py``): its features
    under a name of their own (``pg:``), so its weights and its bar are learned apart
    from those of the copies that hold the article alone."""
    # (a line's concepts are weighed for lines only the scorer proposes, not pieces)
    feats = {k: v for k, v in feats.items() if not k.startswith("cx:")}
    feats.update(piece_features(layout, page, u))
    if page.before(u):
        # before the article (menus, the site's own links, other stories): weighed
        # apart from the pieces after it, by weights and a bar of their own
        f = {"pb:" + k: v for k, v in feats.items()}
        f["ev=page"] = 1.0
        f["pb:off"] = float(u.index in page.off)
        f["pb:dist"] = math.log1p(page.start - u.index)
        f["pb:head"] = u.index / max(1, page.start)
        return f
    f = {"pg:" + k: v for k, v in feats.items()}
    f["ev=page"] = 1.0
    f["pg:off"] = float(u.index in page.off)
    f["pg:dist"] = math.log1p(u.index - page.end)
    f["pg:tail"] = (u.index - page.end) / max(1, len(layout.units) - 1 - page.end)
    return f


def _kind(feats: Mapping[str, float]) -> int:
    """0: a pattern block; 1: a line only the scorer proposes; 2: a piece of a page."""
    return 2 if feats.get("ev=page") else 1 if feats.get("ev=extra") else 0


def neighbour_features(
    items: Sequence[tuple[Mapping[str, float], tuple[int, int] | None, float, bool]],
) -> list[dict[str, float] | None]:
    """What the candidates of one rule around each one look like after a first
    pass (promo comes in runs): ``items`` are the candidates of one document, each
    as (features, unit range or None for a cut inside a line, first-pass score,
    kept by the first pass). For each, the first-pass score of the candidates of
    its kind (pattern blocks, lines only the scorer proposes, pieces of a page) on
    the lines just before and after it and whether they are kept, the size of the
    run of consecutive candidate lines of its kind it belongs to and the share of
    that run kept, and how many other candidates the document keeps; for a pattern
    block or a piece of a page, also whether a candidate of another kind is kept on
    the line just before or after it, and the share of the six lines within three of
    it (either side) that kept candidates of any kind cover. A line only the scorer
    proposes is not lifted by a pattern block next to it (the block may be of
    another kind of promo, and would take the line into its finding). A
    piece of a whole page (``ev=page``) gets them under ``pg:`` (``pb:`` before the
    article), weighed by the page's own model."""
    best: tuple[dict[int, float], ...] = ({}, {}, {})
    kept_at: tuple[dict[int, bool], ...] = ({}, {}, {})
    kinds = []
    for feats, whole, s, k in items:
        kind = _kind(feats)
        kinds.append(kind)
        if whole is None:
            continue
        b_, k_ = best[kind], kept_at[kind]
        for i in range(whole[0], whole[1] + 1):
            if s > b_.get(i, -1.0):
                b_[i] = s
            k_[i] = k_.get(i, False) or k
    # runs of consecutive candidate lines: their extent and how many are kept
    run_of: tuple[dict[int, int], ...] = ({}, {}, {})
    runs: tuple[list[list[int]], ...] = ([], [], [])  # [first, last, kept]
    for kind in (0, 1, 2):
        r, k_ = runs[kind], kept_at[kind]
        for i in sorted(best[kind]):
            if r and r[-1][1] == i - 1:
                r[-1][1] = i
                r[-1][2] += k_[i]
            else:
                r.append([i, i, int(k_[i])])
            run_of[kind][i] = len(r) - 1
    n_kept = sum(k for _, _, _, k in items)
    out: list[dict[str, float] | None] = []
    for (feats, whole, _, k), kind in zip(items, kinds, strict=True):
        if whole is None:
            out.append(None)
            continue
        a, b = whole
        b_, k_ = best[kind], kept_at[kind]
        pre = ("pb:nb:" if feats.get("pb:bias") else "pg:nb:") if kind == 2 else "nb:"
        f: dict[str, float] = {}
        p = b_.get(a - 1)
        if p is not None:
            f[pre + "prev"] = p
            f[pre + "prev_kept"] = float(k_[a - 1])
        q = b_.get(b + 1)
        if q is not None:
            f[pre + "next"] = q
            f[pre + "next_kept"] = float(k_[b + 1])
        lo, hi, run_kept = runs[kind][run_of[kind][a]]
        others = (hi - lo + 1) - (b - a + 1)
        if others > 0:
            own = sum(k_[i] for i in range(a, b + 1))
            f[pre + "run"] = math.log1p(others)
            f[pre + "run_kept"] = max(0, run_kept - own) / others
        f[pre + "doc_kept"] = math.log1p(n_kept - k)
        if kind != 1:  # (a line only the scorer proposes: see above)
            # a candidate of another kind kept on the line just before or after
            for o_ in kept_at:
                if o_ is not k_:
                    if o_.get(a - 1):
                        f[pre + "x_prev_kept"] = 1.0
                    if o_.get(b + 1):
                        f[pre + "x_next_kept"] = 1.0
            # the share of the six lines within three of it, either side, that a
            # kept candidate of any kind covers (promo comes in runs, a line apart)
            near = [i for i in range(a - 3, b + 4) if not a <= i <= b]
            f[pre + "win_kept"] = sum(any(o.get(i) for o in kept_at) for i in near) / 6
        out.append(f)
    return out


@dataclass(frozen=True)
class Model:
    """A boosted sum of small decision trees (or a linear model: ``weights``) turned
    into a probability, with a threshold per category.

    A tree is ``[feature names, thresholds, left, right, values]`` by node: an inner
    node sends a block left when its feature (0 when absent) is <= the threshold; a
    leaf (left == -1) adds its value.

    With ``first``, the model is the second of two passes: ``first`` scores every
    candidate of a document on its own features, and this model weighs each again
    with the first pass's view of its neighbours added (:func:`neighbour_features`,
    see :meth:`score_all`).
    """

    weights: Mapping[str, float]
    thresholds: Mapping[str, float]
    default_threshold: float = 0.5
    trees: Sequence[Sequence[Sequence]] = ()
    init: float = 0.0
    rate: float = 1.0
    first: Model | None = None

    def score(self, feats: Mapping[str, float], extra: Mapping[str, float] | None = None) -> float:
        z = self.init
        w = self.weights
        for k, v in feats.items():
            c = w.get(k)
            if c is not None:
                z += c * v
        if extra:
            for k, v in extra.items():
                c = w.get(k)
                if c is not None:
                    z += c * v
        if self.trees:
            total = 0.0
            get = feats.get
            for names, cuts, left, right, values in self.trees:
                node = 0
                while left[node] >= 0:
                    node = left[node] if get(names[node], 0.0) <= cuts[node] else right[node]
                total += values[node]
            z += self.rate * total
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def score_all(
        self, cands: Sequence[tuple[Mapping[str, float], tuple[int, int] | None]]
    ) -> list[float]:
        """The scores of every candidate of one rule in one document (features and
        unit range, None for a cut inside a line)."""
        first = self.first
        if first is None:
            return [self.score(f) for f, _ in cands]
        items = []
        for f, whole in cands:
            s = first.score(f)
            items.append((f, whole, s, s >= first.threshold(Model.key(f))))
        return [
            self.score(f, extra)
            for (f, _), extra in zip(cands, neighbour_features(items), strict=True)
        ]

    @staticmethod
    def key(feats: Mapping[str, float]) -> str:
        """The threshold's key: the category, ``+loose`` for a line only the scorer
        proposes (not a pattern block)."""
        if feats.get("ev=page"):
            if feats.get("pb:bias"):
                cat = next((k[7:] for k in feats if k.startswith("pb:cat=")), "")
                return cat + "+before+page"
            return next((k[7:] for k in feats if k.startswith("pg:cat=")), "") + "+page"
        cat = next((k[4:] for k in feats if k.startswith("cat=")), "")
        return cat + "+loose" if feats.get("ev=extra") else cat

    def threshold(self, key: str, overrides: Mapping[str, float] | None = None) -> float:
        """The bar for ``key`` (see :meth:`key`); a user's override of the category
        applies to both kinds of candidate."""
        if overrides:
            cat = key.split("+", 1)[0]
            if cat in overrides:
                return float(overrides[cat])
        return float(self.thresholds.get(key, self.default_threshold))

    def to_json(self) -> dict:
        data = {
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
            "thresholds": {k: round(v, 4) for k, v in sorted(self.thresholds.items())},
            "default_threshold": self.default_threshold,
            "init": round(self.init, 6),
            "rate": self.rate,
            "trees": [
                [
                    list(names),
                    [round(c, 6) for c in cuts],
                    list(left),
                    list(right),
                    [round(v, 6) for v in values],
                ]
                for names, cuts, left, right, values in self.trees
            ],
        }
        if self.first is not None:
            data["first"] = self.first.to_json()
        return data

    @classmethod
    def from_json(cls, data: Mapping) -> Model:
        first = data.get("first")
        return cls(
            dict(data.get("weights", {})),
            dict(data.get("thresholds", {})),
            float(data.get("default_threshold", 0.5)),
            tuple(tuple(tuple(part) for part in tree) for tree in data.get("trees", ())),
            float(data.get("init", 0.0)),
            float(data.get("rate", 1.0)),
            cls.from_json(first) if first else None,
        )


@lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The shipped model, or None when the data file is missing (everything kept)."""
    try:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Model.from_json(data)


def block_evidence(live, first: Unit, last: Unit, units: Sequence[Unit]) -> dict[str, bool]:
    """Which kinds of pattern evidence (``live``: a detector's patterns that could
    match in the document) the block carries."""
    block = units[first.index : last.index + 1]
    core = first.core.strip()
    return {
        "phrase": any(live.search(live.phrases, u) for u in block),
        "cue": any(live.search(live.cues, u) for u in block),
        "header": any(p.match(core) for p in live.headers),
        "insert": False,
    }
