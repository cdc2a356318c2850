"""Benchmark the promo pack: article-grouped cross-validation over labelled copy.

Usage::

    python benchmarks/promo.py                 # the headline: 5-fold CV, all extractors
    python benchmarks/promo.py --model none    # today's pattern rules alone, no scorer
    python benchmarks/promo.py --model shipped # the shipped weights (tuned on all of it)
    python benchmarks/promo.py --sample        # a small built-in sample, no corpus

Data (``--labels``, ``--gold-promo``, ``--articles``): every ``extracted-<tool>.json``
of the corpus (thirteen extractors) and the human-cleaned gold bodies, each checked
as a plain-text document. What counts:

- **positives**: lines labelled ``promo``, and lines listed in ``gold_promo_dev.jsonl``
  (promo by the definitions, wherever they occur: in the gold body or an extractor's
  copy of it, also inside a longer line there);
- **negatives**: lines labelled ``body``; text that carries no label and is part of
  the gold body (it is the article); every other line of the gold bodies;
- **neither**: ``chrome`` and ``unsure`` lines; and, for the four whole-page extractors
  (html-text, inscriptis, html2text, beautifulsoup), whose candidate lines were only
  sampled for labelling, unlabelled text that is not in the gold body: it is unknown,
  not a negative.

A line counts as flagged when a promo finding overlaps it. Recall = flagged
positives / positives; precision = flagged positives / flagged (positives +
negatives). "Clean gold articles with a finding" counts gold bodies with any finding
that touches no gold-promo line, per 100.

**Cross-validation** (the headline): the article ids, sorted, are dealt into 5 folds;
for fold k the scorer (features and training as in ``scripts/train_promo.py``,
thresholds included) is trained on the blocks of the other folds' articles only
(every extractor's copy of them and their gold bodies), and fold k is measured with
it. The pattern rules themselves are fixed (not refitted per fold); they were
written on this data, which is why a rule must work across folds to stay.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from copylint.config import Config  # noqa: E402
from copylint.parsers import parse  # noqa: E402
from copylint.promo.scorer import Model, default_model, neighbour_features  # noqa: E402

TOOLS = (
    "newspaper",
    "goose3",
    "readability",
    "trafilatura",
    "justext",
    "news_please",
    "boilerpipe",
    "readability_js",
    "go_trafilatura",
    "html-text",
    "inscriptis",
    "html2text",
    "beautifulsoup",
)
#: extractors that keep the whole page; only a sample of their lines was labelled
WHOLE_PAGE = frozenset({"html-text", "inscriptis", "html2text", "beautifulsoup"})
FOLDS = 5
CORPUS = Path("/work/shared/corpus")


def norm(text: str) -> str:
    return " ".join(text.split())


def sha1(text: str) -> str:
    return hashlib.sha1(norm(text).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- rules
def load_rules() -> list:
    """The engine's promo rules (the shipped pack)."""
    from copylint.engine import Linter

    linter = Linter(Config(packs=("promo",)))
    return [r for r in linter.ruleset.rules if r.meta.id.startswith("promo.")]


# --------------------------------------------------------------------------- sample
SAMPLE_BODY = """The harbour board voted on Tuesday to close the east pier for repairs.

Engineers found cracks in three of the pier's supports during a routine survey in May.

>>> Sign up for the Harbour Herald's Morning Tide newsletter and we'll keep you posted <<<

Boat owners will be moved to the west basin until the work is finished.

"We will follow the case and read more widely before we decide," said one owner.

Advertisement

The board expects the pier to reopen next year.

Share this article

Next: Why the lighthouse keeper still climbs 120 steps every night
"""
SAMPLE_LABELS = [
    (
        ">>> Sign up for the Harbour Herald's Morning Tide newsletter and we'll keep you "
        "posted <<<",
        "promo",
    ),
    ("Advertisement", "promo"),
    ("Share this article", "promo"),
    ("Next: Why the lighthouse keeper still climbs 120 steps every night", "promo"),
]
SAMPLE_GOLD = [
    "The town's newsletter goes out on Fridays, and customers signed up for the free "
    "trial in May.\n\nShe will follow the case, she said.\n\nNext year the fair returns.\n",
    "Residents read more widely than they did a decade ago, the library said.\n\n"
    '"Sign up for the newsletter," the mayor joked, "and you will know everything."\n',
]


def sample_data():
    extracted = {"sample": {"s1": {"articleBody": SAMPLE_BODY}}}
    labels = [
        {"source": "sample", "doc": "s1", "text": t, "label": lab, "category": "sample"}
        for t, lab in SAMPLE_LABELS
    ]
    gold = {f"g{i}": {"articleBody": b} for i, b in enumerate(SAMPLE_GOLD)}
    return extracted, labels, gold, []


def corpus_data(labels_path: Path, gold_promo_path: Path, articles: Path):
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()]
    extracted = {}
    for tool in TOOLS:
        p = articles / f"extracted-{tool}.json"
        if p.exists():
            extracted[tool] = json.loads(p.read_text(encoding="utf-8"))
    gold = json.loads((articles / "gold.json").read_text(encoding="utf-8"))
    gold_promo = []
    if gold_promo_path.exists():
        gold_promo = [
            json.loads(line)
            for line in gold_promo_path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return extracted, labels, gold, gold_promo


# --------------------------------------------------------------------------- documents
@dataclass
class Span:
    start: int
    end: int
    label: str  # "pos" or "neg"
    category: str
    gold_promo: bool = False


@dataclass
class Doc:
    tool: str
    doc: str
    body: str
    spans: list[Span] = field(default_factory=list)
    #: candidate blocks: (rule id, start, end, features)
    cands: list[tuple[str, int, int, dict]] = field(default_factory=list)
    #: the unit range of each candidate (None for a cut inside a line)
    wholes: list[tuple[int, int] | None] = field(default_factory=list)


def _find_all(body: str, text: str) -> list[int]:
    out, pos = [], body.find(text)
    while pos >= 0:
        out.append(pos)
        pos = body.find(text, pos + 1)
    return out


def _carve(body: str, pieces: list[tuple[int, int]], promo: Sequence[str]):
    """The pieces, with every gold-promo line found inside a longer piece cut out as
    a piece of its own: an extractor that runs the page onto one line keeps the
    gold's promo line inside a longer line, where it is promo all the same."""
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        cuts = []
        for text in promo:
            pos = body.find(text, s, e)
            if pos >= 0 and (pos, pos + len(text)) != (s, e):
                cuts.append((pos, pos + len(text)))
        pos = s
        for a, b in sorted(cuts):
            if a < pos:
                continue
            if a > pos:
                out.append((pos, a))
            out.append((a, b))
            pos = b
        if pos < e:
            out.append((pos, e))
    return out


def build_docs(extracted, labels, gold, gold_promo) -> list[Doc]:
    by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lab in labels:
        by_doc[(lab["source"], lab["doc"])].append(lab)
    promo_sha: dict[str, dict[str, str]] = defaultdict(dict)
    for g in gold_promo:
        promo_sha[g["doc"]][g["sha1"]] = g.get("category", "other")
    promo_text: dict[str, list[str]] = defaultdict(list)
    for g in gold_promo:
        if g.get("text", "").strip():
            promo_text[g["doc"]].append(g["text"].strip())
    gold_norm = {d: norm(r.get("articleBody") or "") for d, r in gold.items()}
    gold_lines = {
        d: {norm(line) for line in (r.get("articleBody") or "").split("\n")}
        for d, r in gold.items()
    }

    def in_gold(doc_id: str, piece: str) -> bool:
        """A whole line of the gold body, or a long stretch of it (a short piece such
        as "United States" may be in the article and in the page's menus alike)."""
        text = norm(piece)
        return text in gold_lines.get(doc_id, ()) or (
            len(text) >= 60 and text in gold_norm.get(doc_id, "")
        )

    docs: list[Doc] = []
    for tool, table in extracted.items():
        for doc_id, rec in table.items():
            body = rec.get("articleBody") or ""
            if not body.strip():
                continue
            d = Doc(tool, doc_id, body)
            covered: list[tuple[int, int]] = []
            for lab in by_doc.get((tool, doc_id), []):
                text = lab["text"].strip()
                if not text:
                    continue
                kind = {"promo": "pos", "body": "neg"}.get(lab["label"], "none")
                for pos in _find_all(body, text):
                    if any(s <= pos < e for s, e in covered):
                        continue
                    covered.append((pos, pos + len(text)))
                    if kind != "none":
                        d.spans.append(Span(pos, pos + len(text), kind, lab.get("category") or "-"))
            covered.sort()
            # text without a label: the article (gold body), a gold-promo line, or unknown
            offset = 0
            for line in body.split("\n"):
                ls, le = offset, offset + len(line)
                offset = le + 1
                pos, pieces = ls, []
                for s, e in covered:
                    if e <= ls or s >= le:
                        continue
                    if s > pos:
                        pieces.append((pos, s))
                    pos = max(pos, e)
                if pos < le:
                    pieces.append((pos, le))
                for s, e in _carve(body, pieces, promo_text.get(doc_id, ())):
                    piece = body[s:e]
                    if sum(ch.isalpha() for ch in piece) < 12:
                        continue
                    cat = promo_sha[doc_id].get(sha1(piece))
                    if cat:
                        d.spans.append(Span(s, e, "pos", cat, gold_promo=True))
                    elif tool not in WHOLE_PAGE or in_gold(doc_id, piece):
                        d.spans.append(Span(s, e, "neg", "gold"))
            docs.append(d)
    for doc_id, rec in gold.items():
        body = rec.get("articleBody") or ""
        if not body.strip():
            continue
        d = Doc("gold", doc_id, body)
        offset = 0
        for line in body.split("\n"):
            ls, le = offset, offset + len(line)
            offset = le + 1
            if sum(ch.isalpha() for ch in line) < 12:
                continue
            cat = promo_sha[doc_id].get(sha1(line))
            if cat:
                d.spans.append(Span(ls, le, "pos", cat, gold_promo=True))
            else:
                d.spans.append(Span(ls, le, "neg", "gold"))
        docs.append(d)
    return docs


def add_candidates(docs: list[Doc], rules) -> None:
    """Every block the pattern rules propose in each document, with its features."""
    config = Config(packs=("promo",))
    for d in docs:
        doc = parse(d.body, "x.txt")
        for rule in rules:
            for hit, feats, whole in rule.candidates(doc, config):
                d.cands.append((rule.meta.id, hit.start, hit.end, feats))
                d.wholes.append(whole)


def block_lines(d: Doc, s: int, e: int) -> tuple[int, int]:
    """How many positive and negative lines the block touches."""
    pos = neg = 0
    for sp in d.spans:
        if sp.start < e and sp.end > s:
            if sp.label == "pos":
                pos += 1
            else:
                neg += 1
    return pos, neg


# --------------------------------------------------------------------------- training
#: a negative line costs this many positive ones when a bar is chosen (5-fold CV with
#: the second pass: 4 -> recall 0.771, precision 0.959; 3 -> 0.772, 0.959; with one
#: pass, 3 -> 0.768, 0.960)
COST = 3
LOOSE_FLOOR = 0.9
#: a piece of a whole page after its article (``promo/page.py``): weighed apart, its bar
#: chosen on the folds above this floor
PAGE_FLOOR = 0.6
#: a pattern block's bar goes no higher: above it, a few negatives of the inner folds
#: (a small category such as syndication has 17 promo lines) would switch the whole
#: category off (5-fold CV: recall 0.609 -> 0.616, precision 0.964 either way)
BLOCK_CEILING = 0.8
#: features of an older cache that the scorer no longer computes
DROPPED = frozenset({"price"})
#: the model: "trees" (gradient-boosted trees) or "linear" (logistic regression)
KIND = "linear"
#: two passes, the second with the first's view of each candidate's neighbours
STACK = True
C = 0.3
TREES, DEPTH, RATE = 80, 3, 0.1
GRID = [i / 100 for i in range(0, 100)]


#: article, threshold key, features, pos, neg, group (document and rule), unit range
Sample = tuple[str, str, dict, int, int, tuple, tuple[int, int] | None]


def _rows(samples: list[Sample]):
    rows, ys, ws = [], [], []
    for _, _, f, pos, neg, _, _ in samples:
        for y, n in ((1, pos), (0, neg)):
            if n:
                rows.append({k: v for k, v in f.items() if k not in DROPPED})
                ys.append(y)
                ws.append(min(n, 5))
    return rows, ys, ws


def _fit(samples: list[Sample], thresholds: dict | None = None) -> Model:
    """Two models in one: the pieces of whole pages after their article (``+page``
    keys, features of their own) are fitted apart from everything else, so neither
    moves the other's weights; the page model's intercept goes on its ``ev=page``
    feature (linear models only)."""
    page = [s for s in samples if s[1].endswith("+page")]
    rest = [s for s in samples if not s[1].endswith("+page")]
    main = _fit_one(rest, thresholds)
    if KIND != "linear" or not any(s[3] for s in page) or not any(s[4] for s in page):
        return main
    part = _fit_one(page)
    weights = {**main.weights, **part.weights}
    weights["ev=page"] = weights.get("ev=page", 0.0) + part.init - main.init
    return Model(weights, main.thresholds, main.default_threshold, init=main.init)


def _fit_one(samples: list[Sample], thresholds: dict | None = None) -> Model:
    """A block weighs as many lines as it touches (its positive and its negative
    lines are two weighted rows), as the benchmark counts lines."""
    from sklearn.feature_extraction import DictVectorizer

    rows, ys, ws = _rows(samples)
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    names = vec.feature_names_
    if KIND == "linear":
        from sklearn.linear_model import LogisticRegression

        clf = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
        clf.fit(x, ys, sample_weight=ws)
        weights = {n: float(w) for n, w in zip(names, clf.coef_[0], strict=True)}
        return Model(
            {k: v for k, v in weights.items() if abs(v) > 1e-6},
            thresholds or {},
            0.9,
            init=float(clf.intercept_[0]),
        )
    from sklearn.ensemble import GradientBoostingClassifier

    clf = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0
    )
    x = x.toarray()
    clf.fit(x, ys, sample_weight=ws)
    trees = []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            (
                tuple(names[f] if f >= 0 else "" for f in t.feature),
                tuple(float(c) for c in t.threshold),
                tuple(int(c) for c in t.children_left),
                tuple(int(c) for c in t.children_right),
                tuple(float(v[0][0]) for v in t.value),
            )
        )
    raw = clf.decision_function(x[:1])[0]
    tree_sum = sum(est.predict(x[:1])[0] for est in clf.estimators_[:, 0])
    init = float(raw - RATE * tree_sum)
    return Model({}, thresholds or {}, 0.9, tuple(trees), init, RATE)


def _groups(keys: list[str], k: int) -> dict[str, int]:
    return {key: i % k for i, key in enumerate(sorted(set(keys)))}


def fit(samples: list[Sample]) -> Model:
    """Weights from every sample; a threshold per category (and per kind of candidate:
    a pattern block, or a line only the scorer weighs) from out-of-fold scores (3
    folds by article inside the training set): the bar of :func:`_bar`.

    With ``STACK``, two passes: the first weighs each candidate on its own; the
    second adds what the first pass makes of its neighbours (the candidates of the
    same rule on the lines around it, ``scorer.neighbour_features``), computed from
    the first pass's out-of-fold scores, so that the second pass learns how far to
    trust a neighbour's score on articles the first pass has not seen."""
    fold_of = _groups([s[0] for s in samples], 3)
    first_scores = _oof(samples, fold_of)
    first_bars = _thresholds(samples, first_scores)
    first = _fit(samples, first_bars)
    if not STACK:
        return first
    stacked = _stacked(samples, first_scores, first_bars)
    second_bars = _thresholds(stacked, _oof(stacked, fold_of))
    return replace(_fit(stacked, second_bars), first=first)


def _oof(samples: list[Sample], fold_of: dict[str, int]) -> list[float | None]:
    """Each sample's score by a model fitted on the other inner folds' articles."""
    scores: list[float | None] = [None] * len(samples)
    for k in range(3):
        train = [s for s in samples if fold_of[s[0]] != k]
        test = [i for i, s in enumerate(samples) if fold_of[s[0]] == k]
        if not test or not any(s[3] for s in train) or not any(s[4] for s in train):
            continue
        m = _fit(train)
        for i in test:
            scores[i] = m.score(samples[i][2])
    return scores


def _thresholds(samples: list[Sample], scores: list[float | None]) -> dict[str, float]:
    # every kind of candidate the training copy has gets a bar: one with no labelled
    # line there keeps what its patterns propose (the floor of a line only the scorer
    # weighs), not the model's default
    rows: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
    for s, score in zip(samples, scores, strict=True):
        if score is not None:
            rows[s[1]]
            if s[3] or s[4]:
                rows[s[1]].append((score, s[3], s[4]))
    thresholds = {}
    for key in sorted(rows):
        # a line only the scorer proposes needs a high score whatever the folds say
        loose = key.endswith(("+loose", "+page"))
        floor = PAGE_FLOOR if key.endswith("+page") else LOOSE_FLOOR if loose else 0.0
        bar = _bar(rows[key], floor)
        thresholds[key] = bar if loose else min(bar, BLOCK_CEILING)
    return thresholds


def _stacked(
    samples: list[Sample], scores: list[float | None], bars: dict[str, float]
) -> list[Sample]:
    """The samples with the first pass's view of their neighbours added."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(samples):
        groups[s[5]].append(i)
    out = list(samples)
    for idx in groups.values():
        items = []
        for i in idx:
            f, score = samples[i][2], scores[i] or 0.0
            items.append((f, samples[i][6], score, score >= bars.get(samples[i][1], 0.9)))
        for i, extra in zip(idx, neighbour_features(items), strict=True):
            if extra:
                s = samples[i]
                out[i] = (s[0], s[1], {**s[2], **extra}, s[3], s[4], s[5], s[6])
    return out


def _bar(rows: list[tuple[float, int, int]], floor: float = 0.0) -> float:
    """The bar that keeps the most positive lines for the fewest negative ones, a
    negative line costing ``COST`` positive ones (precision first)."""
    best, best_t = None, 0.99
    for t in GRID:
        if t < floor:
            continue
        pos = sum(p for s, p, _ in rows if s >= t)
        neg = sum(n for s, _, n in rows if s >= t)
        gain = pos - COST * neg
        if best is None or gain > best:
            best, best_t = gain, t
    return best_t


def samples_of(docs: list[Doc]) -> list[Sample]:
    """Every candidate (those that touch no labelled line too: they are the
    neighbours of those that do)."""
    out = []
    for n, d in enumerate(docs):
        for (rule, s, e, feats), whole in zip(d.cands, d.wholes, strict=True):
            pos, neg = block_lines(d, s, e)
            out.append((d.doc, threshold_key(feats), feats, pos, neg, (n, rule), whole))
    return out


# --------------------------------------------------------------------------- scoring
def threshold_key(feats: dict) -> str:
    return Model.key(feats)


class Tally:
    def __init__(self) -> None:
        self.c: Counter = Counter()

    def add_doc(self, d: Doc, kept: list[tuple[str, int, int, dict]]) -> None:
        c = self.c
        for sp in d.spans:
            rules = [r for r, s, e, _ in kept if s < sp.end and e > sp.start]
            flagged = bool(rules)
            if sp.label == "pos":
                c["pos"] += 1
                c["tp"] += flagged
                c[("tool", d.tool, "pos")] += 1
                c[("tool", d.tool, "tp")] += flagged
                c[("cat", sp.category, "pos")] += 1
                c[("cat", sp.category, "tp")] += flagged
            else:
                c["neg"] += 1
                c["fp"] += flagged
                c[("tool", d.tool, "fp")] += flagged
            for r in set(rules):
                c[("rule", r, "flag")] += 1
                c[("rule", r, "tp")] += sp.label == "pos"
        if d.tool == "gold":
            c["gold_docs"] += 1
            promo = [sp for sp in d.spans if sp.gold_promo]
            outside = [
                r for r, s, e, _ in kept if not any(sp.start < e and sp.end > s for sp in promo)
            ]
            c["gold_docs_alarm"] += bool(outside)
            c["gold_alarms"] += len(outside)

    def summary(self) -> dict:
        c = self.c
        flagged = c["tp"] + c["fp"]
        return {
            "promo_lines": c["pos"],
            "recall": round(c["tp"] / c["pos"], 3) if c["pos"] else 1.0,
            "precision": round(c["tp"] / flagged, 3) if flagged else 1.0,
            "negative_lines": c["neg"],
            "flagged_negatives": c["fp"],
            "gold_articles": c["gold_docs"],
            "clean_gold_articles_with_finding_per_100": round(
                100 * c["gold_docs_alarm"] / c["gold_docs"], 2
            )
            if c["gold_docs"]
            else 0.0,
            "gold_findings_outside_gold_promo": c["gold_alarms"],
        }

    def report(self) -> None:
        c = self.c
        print(json.dumps(self.summary(), indent=2))
        print("by extractor:   recall          flagged negatives")
        for t in sorted({k[1] for k in c if isinstance(k, tuple) and k[0] == "tool"}):
            pos, tp, fp = c[("tool", t, "pos")], c[("tool", t, "tp")], c[("tool", t, "fp")]
            rec = f"{tp / pos:.2f}" if pos else "  - "
            print(f"  {t:15} {rec} {tp:4}/{pos:<4}   {fp:4}")
        print("recall by labelled category:")
        for cat in sorted({k[1] for k in c if isinstance(k, tuple) and k[0] == "cat"}):
            pos, tp = c[("cat", cat, "pos")], c[("cat", cat, "tp")]
            print(f"  {cat:15} {tp / pos:.2f} {tp:4}/{pos:<4}")
        print("precision by rule (lines flagged):")
        for r in sorted({k[1] for k in c if isinstance(k, tuple) and k[0] == "rule"}):
            n, tp = c[("rule", r, "flag")], c[("rule", r, "tp")]
            print(f"  {r:20} {tp / n:.2f} {tp:4}/{n:<4}")


def fold_of(docs: list[Doc]) -> dict[str, int]:
    return _groups([d.doc for d in docs], FOLDS)


def kept_by(model: Model | None, d: Doc, overrides: dict | None = None):
    if model is None:  # the pattern rules alone
        return [c for c in d.cands if not (c[3].get("ev=extra") or c[3].get("ev=page"))]
    return [
        c
        for c, score in zip(d.cands, scores_of(model, d), strict=True)
        if score >= model.threshold(threshold_key(c[3]), overrides)
    ]


def scores_of(model: Model, d: Doc) -> list[float]:
    """The score of each candidate of ``d``, weighed with the others of its rule (as
    the rule's check does)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(d.cands):
        groups[c[0]].append(i)
    out = [0.0] * len(d.cands)
    for idx in groups.values():
        scores = model.score_all([(d.cands[i][3], d.wholes[i]) for i in idx])
        for i, score in zip(idx, scores, strict=True):
            out[i] = score
    return out


def cross_validate(docs: list[Doc], show: int = 0) -> Tally:
    folds = fold_of(docs)
    total = Tally()
    for k in range(FOLDS):
        train = [d for d in docs if folds[d.doc] != k]
        test = [d for d in docs if folds[d.doc] == k]
        model = fit(samples_of(train))
        part = Tally()
        for d in test:
            kept = kept_by(model, d)
            part.add_doc(d, kept)
            total.add_doc(d, kept)
        s = part.summary()
        print(
            f"fold {k}: recall {s['recall']:.3f} precision {s['precision']:.3f} "
            f"gold alarms/100 {s['clean_gold_articles_with_finding_per_100']:.1f}"
        )
        if show:
            _show(test, model, show)
    return total


def _show(docs: list[Doc], model: Model | None, n: int) -> None:
    misses, fps = [], []
    for d in docs:
        kept = kept_by(model, d)
        for sp in d.spans:
            flagged = [r for r, s, e, _ in kept if s < sp.end and e > sp.start]
            if sp.label == "pos" and not flagged:
                misses.append((d.tool, d.doc[:6], sp.category, d.body[sp.start : sp.end]))
            elif sp.label == "neg" and flagged:
                fps.append((d.tool, d.doc[:6], flagged[0], d.body[sp.start : sp.end]))
    for title, rows in (("missed", misses), ("flagged negatives", fps)):
        print(f"  {title} ({len(rows)}, first {n}):")
        for row in rows[:n]:
            print("    ", *row[:3], "|", row[3][:110].replace("\n", " "))


def load(args) -> list[Doc]:
    if getattr(args, "cache", None) and args.cache.exists():
        import pickle

        rows = pickle.loads(args.cache.read_bytes())
        return [Doc(t, i, b, [Span(*sp) for sp in spans], c, w) for t, i, b, spans, c, w in rows]
    docs = _load(args)
    if getattr(args, "cache", None):
        import pickle

        rows = [
            (
                d.tool,
                d.doc,
                d.body,
                [(s.start, s.end, s.label, s.category, s.gold_promo) for s in d.spans],
                d.cands,
                d.wholes,
            )
            for d in docs
        ]
        args.cache.write_bytes(pickle.dumps(rows))
    return docs


def _load(args) -> list[Doc]:
    if args.sample or not (args.labels.exists() and args.articles.exists()):
        if not args.sample:
            print("corpus not found: using the built-in sample", file=sys.stderr)
        data = sample_data()
    else:
        data = corpus_data(args.labels, args.gold_promo, args.articles)
    docs = build_docs(*data)
    add_candidates(docs, load_rules())
    return docs


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=CORPUS / "promo" / "labels_dev.jsonl")
    ap.add_argument("--gold-promo", type=Path, default=CORPUS / "promo" / "gold_promo_dev.jsonl")
    ap.add_argument("--articles", type=Path, default=CORPUS / "articles")
    ap.add_argument("--sample", action="store_true", help="use the built-in sample")
    ap.add_argument(
        "--cache",
        type=Path,
        help="keep the documents and their candidate blocks in this file (delete it "
        "after changing the rules or the features)",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    ap.add_argument(
        "--model",
        choices=("cv", "none", "shipped"),
        default="cv",
        help="cv: 5-fold article-grouped cross-validation (the headline); none: the "
        "pattern rules' blocks, all kept; shipped: the shipped weights (in-sample)",
    )
    ap.add_argument("--show", type=int, default=0, help="print this many misses/false alarms")
    args = ap.parse_args(argv)
    docs = load(args)
    if args.sample and args.model == "cv":
        args.model = "none"  # nothing to train on
    if args.model == "cv":
        print(f"{FOLDS}-fold cross-validation, grouped by article:")
        total = cross_validate(docs, args.show)
    else:
        model = default_model() if args.model == "shipped" else None
        total = Tally()
        for d in docs:
            total.add_doc(d, kept_by(model, d))
        if args.show:
            _show(docs, model, args.show)
    print(f"model: {args.model}")
    total.report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
