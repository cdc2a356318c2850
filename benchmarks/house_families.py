"""Benchmark: how many of the house families' bad sentences the default packs catch.

Usage:
    PYTHONPATH=src python benchmarks/house_families.py [--holdout] [--show]

Reads ``tests/data/house_families.yml`` (sentences written for copylint before the
rules, one fault in each "bad" one), or with ``--holdout``
``tests/data/house_families_holdout.yml`` (written after the rules, not tuned on) and runs the default packs over each sentence at suggestion
level. A bad sentence is caught when anything is reported; a good sentence is
falsely flagged when anything is reported. Prints the rates per family and in all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from copylint.config import Config
from copylint.engine import Linter
from copylint.findings import Severity

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "house_families.yml"
HOLDOUT = DATA.with_name("house_families_holdout.yml")


def load(path: Path = DATA) -> dict[str, dict[str, list[str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {k: {"bad": v.get("bad") or [], "good": v.get("good") or []} for k, v in data.items()}


def flagged(linter: Linter, sentence: str) -> list:
    return linter.check_text(sentence, "sentence.txt")[1]


def rates(linter: Linter | None = None, families=None) -> dict[str, tuple[int, int, int, int]]:
    """family -> (bad caught, bad, good flagged, good)."""
    linter = linter or Linter(Config(min_level=Severity.SUGGESTION))
    out = {}
    for name, fam in (families or load()).items():
        caught = sum(bool(flagged(linter, s)) for s in fam["bad"])
        false = sum(bool(flagged(linter, s)) for s in fam["good"])
        out[name] = (caught, len(fam["bad"]), false, len(fam["good"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", action="store_true", help="use the held-out set")
    ap.add_argument("--data", type=Path, help="another evaluation set of the same format")
    ap.add_argument(
        "--show", action="store_true", help="print missed and falsely flagged sentences"
    )
    args = ap.parse_args(argv)
    linter = Linter(Config(min_level=Severity.SUGGESTION))
    families = load(args.data or (HOLDOUT if args.holdout else DATA))
    table = rates(linter, families)
    tb = tc = tg = tf = 0
    print(f"{'family':<14} {'caught':>9} {'false flags':>12}")
    for name, (c, b, f, g) in table.items():
        tc, tb, tf, tg = tc + c, tb + b, tf + f, tg + g
        caught = f"{c}/{b}" if b else "-"
        print(f"{name:<14} {caught:>9} {f'{f}/{g}':>12}")
        if args.show:
            for s in families[name]["bad"]:
                if not flagged(linter, s):
                    print(f"    missed: {s!r}")
            for s in families[name]["good"]:
                for x in flagged(linter, s):
                    print(f"    flagged: {s!r}: {x.rule} {x.match!r}")
    print(
        f"all: caught {tc}/{tb} = {tc / max(tb, 1):.0%}; false flags {tf}/{tg} = {tf / max(tg, 1):.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
