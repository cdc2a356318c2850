"""Benchmark: how many of the alerts Vale expects copylint reproduces in Vale projects.

Usage:
    PYTHONPATH=src python benchmarks/vale.py [CASES_DIR ...] [--show]

Each CASES_DIR holds one folder per case: a Vale project (``.vale.ini``, its styles,
its drafts) with ``expected.alerts``, one ``file:line:column:Rule`` line per alert
Vale raises there (Vale's test fixtures list them the same way; a line may carry a
message after a fourth colon, which is ignored). Each case is checked as a Vale
user would run it, ``copylint check .`` in the case folder with nothing but its
``.vale.ini``. Without arguments, the cases in ``tests/vale_cases`` are used.

Prints, per case and in total: the expected alerts reproduced at the same line,
column and rule id (recall), and the extra alerts copylint raised (as a share of
the expected ones). The targets are at least 95 % and at most 5 %.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from click.testing import CliRunner

from copylint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def expected_alerts(case: Path) -> set[str]:
    out = set()
    for line in (case / "expected.alerts").read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(":")
        if len(parts) >= 4:
            out.add(":".join(parts[:4]))
    return out


def copylint_alerts(case: Path) -> tuple[set[str], str]:
    here = Path.cwd()
    os.chdir(case)
    try:
        result = CliRunner().invoke(cli, ["check", "--format", "vale-json", "."])
    finally:
        os.chdir(here)
    if result.exit_code == 2:
        return set(), result.stderr.strip().splitlines()[-1] if result.stderr else "error"
    out = set()
    for path, items in json.loads(result.stdout or "{}").items():
        path = path[2:] if path.startswith("./") else path
        out.update(f"{path}:{a['Line']}:{a['Span'][0]}:{a['Check']}" for a in items)
    return out, ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--show", action="store_true", help="list missed and extra alerts")
    args = ap.parse_args(argv)
    dirs = args.dirs or [ROOT / "tests" / "vale_cases"]
    cases = sorted(
        case for d in dirs for case in d.iterdir() if (case / "expected.alerts").is_file()
    )
    total_expected = total_found = total_extra = 0
    for case in cases:
        want = expected_alerts(case)
        got, error = copylint_alerts(case)
        found = len(want & got)
        extra = got - want
        total_expected += len(want)
        total_found += found
        total_extra += len(extra)
        note = f"  ERROR: {error}" if error else ""
        print(f"{case.name:24} {found:4}/{len(want):<4} extra {len(extra):3}{note}")
        if args.show:
            for a in sorted(want - got):
                print(f"    missed {a}")
            for a in sorted(extra):
                print(f"    extra  {a}")
    if not total_expected:
        print("no cases found", file=sys.stderr)
        return 2
    recall = 100 * total_found / total_expected
    extra_share = 100 * total_extra / total_expected
    print(
        f"\n{len(cases)} cases: {total_found}/{total_expected} expected alerts reproduced "
        f"({recall:.1f} %), {total_extra} extra ({extra_share:.1f} % of expected)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
