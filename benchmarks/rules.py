"""Per-rule CPU time over a folder of drafts: where a check's time goes.

    python benchmarks/rules.py DRAFTS [--top 15] [--packs spelling,house,promo]

Each draft is parsed once, then every rule of the plan runs on it alone, timed with
the process clock. Prints the parse time, the time per pack and the costliest rules.
Compare two trees by running it with ``PYTHONPATH`` pointing at each one's ``src``.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from copylint.config import Config
from copylint.engine import Linter, run_rule


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("drafts", type=Path)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--packs", default="", help="comma-separated packs (default: the default)")
    args = ap.parse_args()
    config = Config(packs=tuple(args.packs.split(","))) if args.packs else None
    linter = Linter(config)
    per_rule: collections.Counter[str] = collections.Counter()
    parse = 0.0
    files = sorted(p for p in args.drafts.rglob("*") if p.is_file())
    for path in files:
        t = time.process_time()
        doc = linter._load(str(path), path, None)
        parse += time.process_time() - t
        cfg, levels = linter.settings_for(str(path))
        for rule, level in linter.plan(cfg, levels):
            t = time.process_time()
            run_rule(rule, level, doc, cfg, str(path))
            per_rule[rule.meta.id] += time.process_time() - t
    per_pack: collections.Counter[str] = collections.Counter()
    for rule_id, seconds in per_rule.items():
        per_pack[rule_id.split(".")[0]] += seconds
    print(f"{len(files)} drafts; parse {parse:.3f} s CPU; rules {sum(per_rule.values()):.3f} s")
    for pack, seconds in per_pack.most_common():
        print(f"  pack {pack:10s} {seconds:7.3f} s")
    for rule_id, seconds in per_rule.most_common(args.top):
        print(f"  {seconds:7.3f} s  {rule_id}")


if __name__ == "__main__":
    main()
