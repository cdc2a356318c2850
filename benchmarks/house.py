"""Benchmark: house findings at warning level or above per 1,000 words of clean copy.

Usage:
    PYTHONPATH=src python benchmarks/house.py [GOLD_JSON] [--all] [--show RULE] [--dialect en-US]

GOLD_JSON is a JSON object whose values carry an ``articleBody`` (or a list of such
objects, or of strings). Without it, a small built-in sample of clean copy is used.
Bodies that are not English (the house pack is for English copy) are skipped
unless ``--all`` is given; the number skipped is printed. The target on clean news
copy is at most 2 findings at warning level or above per 1,000 words.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import regex

from copylint.config import Config
from copylint.engine import Linter
from copylint.findings import Severity

TARGET = 2.0

SAMPLE = [
    """The city council voted 7-2 on Monday to raise parking fees near the river, a
move that will bring in about $1.2 million a year, officials said.

The new rates take effect Jan. 1. Drivers will pay $3 an hour, up from $2, and the
first 15 minutes will stay free. Mayor Ana Ruiz said the money would pay for new
lights, benches and a bus shelter.

"We heard from people who do not feel safe walking here at night," Ruiz said. "This
fixes that."

Shop owners were split. Three of the five who spoke at the meeting said the fees
would keep customers away; the other two said more lights would bring them back.""",
    """Crews worked through the night to restore power after a storm brought down trees
and lines across the county on Tuesday.

By 6 a.m. Wednesday, about 60% of the 12,000 homes that lost power had it back,
the utility said. The rest may wait until the weekend, because many of the lines run
through woods that trucks cannot reach.

Schools in three towns stayed closed. The county opened two shelters, one at the
high school and one at the fairgrounds.""",
    """The museum will reopen in March after a two-year renovation that cost
$48 million, its director said Thursday.

The work added a second floor of galleries, a cafe and a children's room. Tickets
go on sale Feb. 10 and will cost $15 for adults; children under 12 get in free.

"It is a different building," the director, Samuel Bell, told reporters during a
tour. "But the old favorites are all back on the walls.\"""",
]

_STOPWORDS = frozenset("the and of to a in is that for it was on with as at by".split())


def is_english(text: str) -> bool:
    words = regex.findall(r"[A-Za-z]+", text)
    if len(words) < 20:
        return bool(words)
    return sum(w.lower() in _STOPWORDS for w in words) / len(words) >= 0.15


def load_bodies(path: str | None) -> list[str]:
    if not path:
        return list(SAMPLE)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = data.values() if isinstance(data, dict) else data
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("articleBody"), str):
            out.append(item["articleBody"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", help="JSON file of article bodies (gold.json)")
    ap.add_argument("--all", action="store_true", help="also check bodies that are not English")
    ap.add_argument(
        "--show",
        metavar="RULE",
        action="append",
        default=[],
        help="print the hits of this rule (e.g. house.NumbersSpellOut)",
    )
    ap.add_argument("--dialect", default="en-US")
    args = ap.parse_args(argv)

    try:
        bodies = load_bodies(args.gold)
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {args.gold}: {exc}", file=sys.stderr)
        return 2
    config = Config(packs=("house",), dialect=args.dialect, min_level=Severity.SUGGESTION)
    # what copylint.check_text(body, path="x.txt", config=config) does, with the rules
    # loaded once instead of once per body
    linter = Linter(config)
    words = 0
    skipped = 0
    counts: Counter[str] = Counter()
    suggestions = 0
    low: Counter[str] = Counter()
    show = {r if "." in r else f"house.{r}" for r in args.show}
    for i, body in enumerate(bodies):
        if not args.all and not is_english(body):
            skipped += 1
            continue
        words += len(body.split())
        for f in linter.check_text(body, "x.txt")[1]:
            if f.severity >= Severity.WARNING:
                counts[f.rule] += 1
            else:
                suggestions += 1
                low[f.rule] += 1
            if f.rule in show:
                ctx = body[max(0, f.start - 60) : f.end + 40].replace("\n", " ⏎ ")
                print(f"[{i}] {f.rule} {f.severity}: {f.message}\n      …{ctx}…")
    total = sum(counts.values())
    rate = total * 1000 / words if words else 0.0
    source = args.gold or "built-in sample"
    print(
        f"source: {source}; bodies checked: {len(bodies) - skipped}, "
        f"skipped (not English): {skipped}; words: {words}"
    )
    print(
        f"house findings at warning or above: {total} = {rate:.2f} per 1,000 words "
        f"(target <= {TARGET:g}); suggestions: {suggestions}"
    )
    print("top rules (warning or above):")
    for rule, n in counts.most_common(10):
        print(f"  {n:5d}  {rule}")
    print("top suggestion rules:")
    for rule, n in low.most_common(5):
        print(f"  {n:5d}  {rule}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head`
        sys.stderr.close()
        sys.exit(0)
