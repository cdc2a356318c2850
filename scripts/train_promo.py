"""Retrain the promo scorer and write its weights (``src/copylint/promo/data/``).

    pip install -e ".[train]"
    python scripts/train_promo.py [--labels ...] [--gold-promo ...] [--articles ...]

It collects every block the promo rules propose in the labelled corpus (all
thirteen extractors' copies and the gold bodies; see ``benchmarks/promo.py`` for
what counts as promo and what as body), fits the model on all of them, picks each
category's threshold on out-of-fold scores, and writes the weights as JSON. The
output is deterministic: the same data and code give the same file. Measure a
change with ``python benchmarks/promo.py`` (cross-validated by article) first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import promo as bench  # noqa: E402

from copylint.promo.scorer import WEIGHTS_FILE  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = bench.parser()
    ap.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = ap.parse_args(argv)
    if not (args.labels.exists() and args.articles.exists()) and not args.sample:
        print(f"corpus not found: {args.labels}, {args.articles}", file=sys.stderr)
        return 2
    docs = bench.load(args)
    samples = bench.samples_of(docs)
    model = bench.fit(samples)
    data = model.to_json()
    data["trained_on"] = {
        "documents": len(docs),
        "articles": len({d.doc for d in docs}),
        "blocks": len(samples),
        "model": bench.KIND,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(samples)} blocks, {len(data['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
