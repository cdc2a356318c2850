"""Benchmark: time and peak memory of copylint on oversized input.

Usage:
    PYTHONPATH=src python benchmarks/badinput.py [--mb 50] [--line-mb 5] [--full]

Writes, in a temporary folder, a file of ``--mb`` megabytes of prose (lines of a
few sentences, with a typo now and then) and a file that is one line of
``--line-mb`` megabytes, and runs ``copylint check`` on each in a fresh process:

- the big file under the default size limit (``max_file_mb``): refused with a
  one-line message, having read no more than the limit;
- the single long line (under the limit): checked;
- with ``--full``, the big file again with the limit raised above its size:
  checked in full (this takes minutes).

For each run it prints the exit code, the wall and CPU time and the peak resident
memory of the child process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The council met on Tuesday to talk about the bridge.",
    "Residents said the new road would cut their trip to the hospitel by ten minutes.",
    "Work is due to start in March and finish before the winter.",
    "A spokesperson said the plan had been changed after the consultation.",
    "Teh mayor thanked the engineers for their work on the project.",
    "Shops on the high street will stay open during the works.",
]


def prose(size: int, newline_every: int | None) -> bytes:
    """About ``size`` bytes of sentences; a line break after every ``newline_every``
    sentences (never when None)."""
    out: list[str] = []
    total = n = 0
    while total < size:
        s = SENTENCES[n % len(SENTENCES)]
        n += 1
        sep = "\n" if newline_every and n % newline_every == 0 else " "
        out.append(s + sep)
        total += len(s) + 1
    return "".join(out).encode("utf-8")


def run(args: list[str], cwd: Path) -> tuple[int, float, float, float, str]:
    """(exit code, wall seconds, CPU seconds, peak MB, last stderr line) of
    ``copylint args`` (CPU time is the figure to compare on a shared machine)."""
    code = (
        "import json, resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "t = time.perf_counter() - t;"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "err = p.stderr.decode('utf-8', 'replace').strip().splitlines();"
        "print(json.dumps([p.returncode, t, u.ru_utime + u.ru_stime, u.ru_maxrss,"
        " err[-1] if err else '']))"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env["COPYLINT_JOBS"] = "1"
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "copylint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rc, secs, cpu, kb, err = json.loads(out)
    return rc, secs, cpu, kb / 1024, err


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50, help="size of the big file (MB)")
    ap.add_argument("--line-mb", type=float, default=5, help="size of the one-line file (MB)")
    ap.add_argument("--full", action="store_true", help="also check the big file in full")
    opts = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.txt"
        big.write_bytes(prose(int(opts.mb * 1_000_000), newline_every=3))
        line = folder / "line.txt"
        line.write_bytes(prose(int(opts.line_mb * 1_000_000), newline_every=None))
        cases = [
            (f"{opts.mb:g} MB file, default limit", ["check", "big.txt"], ""),
            (f"one line of {opts.line_mb:g} MB", ["check", "line.txt"], ""),
        ]
        if opts.full:
            limit = f"max_file_mb = {opts.mb * 1.5:g}\n"
            cases.append((f"{opts.mb:g} MB file, limit raised", ["check", "big.txt"], limit))
        print(f"{'case':34} {'exit':>4} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
        for label, args, config in cases:
            (folder / "copylint.toml").write_text(config, encoding="utf-8")
            rc, secs, cpu, peak, err = run(["--config", "copylint.toml", *args], folder)
            print(f"{label:34} {rc:>4} {secs:>8.1f} {cpu:>8.1f} {peak:>8.0f}")
            if rc == 2 and err:
                print(f"  stderr: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
