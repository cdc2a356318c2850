"""Benchmark the promo pack on labelled extractor output.

Usage::

    PYTHONPATH=src python benchmarks/promo.py \
        --labels /work/shared/corpus/promo/labels_dev.jsonl \
        --articles /work/shared/corpus/articles

Each ``extracted-<tool>.json`` article body is checked as a plain-text document
(so layout and position evidence are real). Every labelled line is located in its
body; it counts as flagged when a promo finding overlaps it. promo lines give the
recall; body lines, and body text that carries no label (lines that match the gold
body), count against precision; chrome and unsure lines count neither way. The gold
bodies give false alarms per 100 clean articles.

Without the corpus (or with ``--sample``) it runs on a small built-in sample
written for this benchmark. ``--split tune|holdout`` keeps only documents whose id
falls in one half (by the id's first hex digit), to compare a tuning half with a
held-out half.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from copylint.config import Config  # noqa: E402
from copylint.findings import Severity  # noqa: E402
from copylint.parsers import parse  # noqa: E402
from copylint.rules.model import RuleMeta  # noqa: E402

TOOLS = ("newspaper", "goose3", "readability", "trafilatura", "justext")


# --------------------------------------------------------------------------- rules
def load_rules(folder: Path) -> list:
    """Load every promo rule of ``folder`` (uses the engine's loader when present)."""
    from copylint.rules.types.promo import PromoRule

    rules = []
    for path in sorted(folder.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = RuleMeta(
            id=f"promo.{path.stem}",
            type="promo",
            path=str(path),
            message=spec.get("message", "%s"),
            level=Severity.parse(spec.get("level", "warning")),
        )
        type_spec = {k: v for k, v in spec.items() if k in PromoRule.keys}
        rules.append(PromoRule(meta, type_spec))
    return rules


def phrase_table(folder: Path = ROOT / "rules" / "promo") -> dict[str, list]:
    """Each pack rule's strong phrases, to tell which gold alarms are promo phrases."""
    return {r.meta.id: list(r.detector.phrases) for r in load_rules(folder)}


def make_checker(rules_dir: Path, use_engine: bool):
    """A function text -> [(rule id, start, end)]: the real engine, or the rules alone."""
    if use_engine:
        try:
            from copylint.engine import Linter
        except ImportError:
            use_engine = False
    if use_engine:
        linter = Linter(Config(packs=("promo",)))

        def check(text: str) -> list[tuple[str, int, int]]:
            _, found = linter.check_text(text, "x.txt", "text")
            return [(f.rule, f.start, f.end) for f in found if f.rule.startswith("promo.")]

        return check
    rules = load_rules(rules_dir)
    config = Config()

    def check(text: str) -> list[tuple[str, int, int]]:
        doc = parse(text, "x.txt")
        return [(r.meta.id, h.start, h.end) for r in rules for h in r.check(doc, config)]

    return check


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
        {"source": "sample", "doc": "s1", "text": t, "label": lab} for t, lab in SAMPLE_LABELS
    ]
    gold = {f"g{i}": {"articleBody": b} for i, b in enumerate(SAMPLE_GOLD)}
    return extracted, labels, gold


def corpus_data(labels_path: Path, articles: Path):
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines()]
    extracted = {}
    for tool in TOOLS:
        p = articles / f"extracted-{tool}.json"
        if p.exists():
            extracted[tool] = json.loads(p.read_text(encoding="utf-8"))
    gold = json.loads((articles / "gold.json").read_text(encoding="utf-8"))
    return extracted, labels, gold


# --------------------------------------------------------------------------- scoring
def in_split(doc_id: str, split: str) -> bool:
    if split == "all":
        return True
    even = int(doc_id[0], 16) % 2 == 0 if doc_id[:1].isalnum() else True
    return even if split == "tune" else not even


def segments(body: str, labels: list[dict]) -> tuple[list[tuple[int, int, str, dict]], int]:
    """Labelled spans located in ``body`` plus unlabelled body pieces; and misses."""
    seen: Counter = Counter()
    spans: list[tuple[int, int, str, dict]] = []
    missing = 0
    for lab in labels:
        text = lab["text"].strip()
        if not text:
            continue
        pos = -1
        for _ in range(seen[text] + 1):
            pos = body.find(text, pos + 1)
            if pos < 0:
                break
        if pos < 0:
            pos = body.find(text)
        if pos < 0:
            missing += 1
            continue
        seen[text] += 1
        spans.append((pos, pos + len(text), lab["label"], lab))
    # further copies of a labelled line carry the same label
    for text in list(seen):
        lab = next(lb for lb in labels if lb["text"].strip() == text)
        pos = -1
        while True:
            pos = body.find(text, pos + 1)
            if pos < 0:
                break
            if not any(s <= pos < e for s, e, _, _ in spans):
                spans.append((pos, pos + len(text), lab["label"], lab))
    covered = sorted((s, e) for s, e, _, _ in spans)
    # unlabelled pieces of lines: gold body text
    offset = 0
    for line in body.split("\n"):
        ls, le = offset, offset + len(line)
        offset = le + 1
        pos = ls
        pieces = []
        for s, e in covered:
            if e <= ls or s >= le:
                continue
            if s > pos:
                pieces.append((pos, s))
            pos = max(pos, e)
        if pos < le:
            pieces.append((pos, le))
        for s, e in pieces:
            if sum(ch.isalpha() for ch in body[s:e]) >= 12:
                spans.append((s, e, "gold", {"text": body[s:e]}))
    return spans, missing


def overlaps(s: int, e: int, hits: list[tuple[str, int, int]]) -> list[str]:
    return [r for r, hs, he in hits if hs < e and he > s]


def run(extracted, labels, gold, find_spans, split: str, show: int) -> dict:
    by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for lab in labels:
        by_doc[(lab["source"], lab["doc"])].append(lab)
    counts: Counter = Counter()
    cat_counts: Counter = Counter()
    tool_counts: Counter = Counter()
    misses, false_pos = [], []
    for tool, docs in extracted.items():
        for doc_id, rec in docs.items():
            if not in_split(doc_id, split):
                continue
            body = rec.get("articleBody") or ""
            if not body.strip():
                continue
            hits = find_spans(body)
            spans, missing = segments(body, by_doc.get((tool, doc_id), []))
            counts["unlocated"] += missing
            for s, e, label, lab in spans:
                flagged = overlaps(s, e, hits)
                if label == "promo":
                    counts["promo"] += 1
                    cat_counts[(lab.get("category"), bool(flagged))] += 1
                    tool_counts[(tool, bool(flagged))] += 1
                    if flagged:
                        counts["tp"] += 1
                    else:
                        misses.append((tool, doc_id[:6], lab.get("category"), lab["text"]))
                elif label in ("body", "gold"):
                    counts[label] += 1
                    if flagged:
                        counts["fp_" + label] += 1
                        false_pos.append((tool, doc_id[:6], label, flagged, body[s:e]))
    n_gold = fa = fa_docs = fa_phrase = 0
    fa_list = []
    phrases = phrase_table()
    for doc_id, rec in gold.items():
        if not in_split(doc_id, split):
            continue
        body = rec.get("articleBody") or ""
        n_gold += 1
        hits = find_spans(body)
        fa += len(hits)
        fa_docs += bool(hits)
        for r, s, e in hits:
            kept = any(p.search(body[s:e]) for p in phrases.get(r, ()))
            fa_phrase += kept
            fa_list.append((doc_id[:6], r, "promo phrase" if kept else "layout", body[s:e]))
    tp = counts["tp"]
    fp = counts["fp_body"] + counts["fp_gold"]
    result = {
        "split": split,
        "promo_lines": counts["promo"],
        "recall": tp / counts["promo"] if counts["promo"] else 1.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "flagged_body_labels": f"{counts['fp_body']}/{counts['body']}",
        "flagged_unlabelled_gold_lines": f"{counts['fp_gold']}/{counts['gold']}",
        "unlocated_labels": counts["unlocated"],
        "gold_articles": n_gold,
        "false_alarms_per_100_gold": 100 * fa / n_gold if n_gold else 0.0,
        # the same findings split by their evidence: a strong promo phrase that the
        # human-cleaned gold body kept (listed with --show), or layout/shape evidence
        "gold_alarms_on_promo_phrases": fa_phrase,
        "gold_alarms_on_layout_only": fa - fa_phrase,
        "gold_articles_with_alarm": fa_docs,
    }
    print(json.dumps(result, indent=2))
    cats = sorted({c for c, _ in cat_counts})
    print("recall by category:")
    for c in cats:
        hit, miss = cat_counts[(c, True)], cat_counts[(c, False)]
        print(f"  {c or '-':12} {hit:4}/{hit + miss:<4}")
    print("recall by extractor:")
    for t in sorted({t for t, _ in tool_counts}):
        hit, miss = tool_counts[(t, True)], tool_counts[(t, False)]
        print(f"  {t:12} {hit:4}/{hit + miss:<4}")
    if show:
        print(f"\nmissed promo lines (first {show}):")
        for m in misses[:show]:
            print("  ", m[0], m[1], m[2], "|", m[3][:110].replace("\n", " "))
        print(f"\nflagged body lines (first {show}):")
        for f in false_pos[:show]:
            print("  ", f[0], f[1], f[2], f[3], "|", f[4][:110].replace("\n", " "))
        print("\nfalse alarms on gold (all of them, with their evidence):")
        for f in fa_list:
            print("  ", f[0], f[1], f"[{f[2]}]", "|", f[3][:110].replace("\n", " "))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--labels", type=Path, default=Path("/work/shared/corpus/promo/labels_dev.jsonl")
    )
    ap.add_argument("--articles", type=Path, default=Path("/work/shared/corpus/articles"))
    ap.add_argument(
        "--rules",
        type=Path,
        default=None,
        help="check with the rule files of this folder alone (default: the engine's promo pack)",
    )
    ap.add_argument("--split", choices=("all", "tune", "holdout"), default="all")
    ap.add_argument("--sample", action="store_true", help="use the built-in sample")
    ap.add_argument("--show", type=int, default=0, help="print this many misses/false alarms")
    args = ap.parse_args(argv)
    checker = make_checker(args.rules or ROOT / "rules" / "promo", use_engine=args.rules is None)
    if args.sample or not (args.labels.exists() and args.articles.exists()):
        if not args.sample:
            print("corpus not found: using the built-in sample", file=sys.stderr)
        extracted, labels, gold = sample_data()
    else:
        extracted, labels, gold = corpus_data(args.labels, args.articles)
    run(extracted, labels, gold, checker, args.split, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
