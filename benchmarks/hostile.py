"""Hostile inputs (issue 17, items 1-3): time and peak memory of one check each.

    python benchmarks/hostile.py [--case NAME ...] [--limit-gb 3] [--timeout 120]

Each case runs ``copylint.api.check_text`` (or the CLI, for a rule file) in a child
process under an address-space limit, so a blow-up is reported, not suffered. Peak
memory is the child's max RSS. Sizes are those of the issue where the machine can
take them; the 50 MB noisy text is scaled down (``--noisy-mb``).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _bomb(levels: int, width: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * width)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines)


def _noisy(mb: float) -> str:
    rng = random.Random(17)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-."
    out: list[str] = []
    size = 0
    target = int(mb * 1_000_000)
    while size < target:
        w = "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
        out.append(w)
        size += len(w) + 1
        if rng.random() < 0.08:
            out.append("\n\n" if rng.random() < 0.3 else "\n")
    return " ".join(out)


CASES = {
    "word-qzxw-1600": ("text", "The " + "qzxw" * 1600 + " story."),
    "word-tehx-100000": ("text", "tehx" * 100000),
    "apostrophes-400k": ("text", "The " + "don't'" * 66_667 + " story."),
    "yaml-alias-bomb": ("md", "---\n" + _bomb(9) + "\ntitle: A fine day\n---\n\nText here.\n"),
    "acronyms-80k": ("text", "Ax " * 26_667),
    "html-open-tags": ("html", "<x " * 26_667),
}

PEAK = """
import atexit, resource, sys
atexit.register(lambda: print(
    f"peak={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}MB", file=sys.stderr))
"""

CHILD = (
    PEAK
    + """
from copylint.api import check_text
text = open(sys.argv[1], encoding="utf-8").read()
print(f"{len(check_text(text, path='a.' + sys.argv[2]))} findings")
"""
)

RULE_BOMB_CHILD = (
    PEAK
    + """
from copylint.cli import main
print(f"exit={main(['--config', sys.argv[1], 'check', sys.argv[2]])}")
"""
)


def run(name: str, kind: str, text: str, limit_gb: float, timeout: float) -> str:
    def limit() -> None:
        size = int(limit_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "input")
        src.write_text(text, encoding="utf-8")
        if kind == "rules":
            pack = Path(tmp, "pack")
            pack.mkdir()
            (pack / "Bomb.yml").write_text(text, encoding="utf-8")
            cfg = Path(tmp, "copylint.toml")
            cfg.write_text(f'packs = ["{pack}"]\n', encoding="utf-8")
            draft = Path(tmp, "d.txt")
            draft.write_text("A line.\n", encoding="utf-8")
            argv = [sys.executable, "-c", RULE_BOMB_CHILD, str(cfg), str(draft)]
            env = dict(os.environ, COPYLINT_CACHE_DIR=str(Path(tmp, "cache")))
        else:
            argv = [sys.executable, "-c", CHILD, str(src), kind]
            env = dict(os.environ)
        t = time.perf_counter()
        peak = "?"
        try:
            p = subprocess.run(
                argv, capture_output=True, text=True, timeout=timeout, preexec_fn=limit, env=env
            )
            err = p.stderr.strip().splitlines()
            peak = next((ln[5:] for ln in err if ln.startswith("peak=")), "?")
            err = [ln for ln in err if not ln.startswith("peak=")]
            outcome = (p.stdout.strip() or (err[-1] if err else f"rc={p.returncode}"))[:60]
        except subprocess.TimeoutExpired:
            outcome = f"timed out after {timeout:.0f} s"
        wall = time.perf_counter() - t
    return f"{name:22} {len(text):>10,} chars {wall:7.2f} s  peak {peak:>7}  {outcome}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", action="append")
    ap.add_argument("--limit-gb", type=float, default=3.0)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--noisy-mb", type=float, default=5.0)
    args = ap.parse_args()
    cases = dict(CASES)
    cases[f"noisy-{args.noisy_mb:g}mb"] = ("text", _noisy(args.noisy_mb))
    cases["rule-file-alias-bomb"] = (
        "rules",
        _bomb(9).replace("a0: &a0", "x0: &a0")
        + "\nextends: existence\nmessage: m\nlevel: error\ntokens: [a]\n",
    )
    for name, (kind, text) in cases.items():
        if args.case and name not in args.case:
            continue
        print(run(name, kind, text, args.limit_gb, args.timeout), flush=True)


if __name__ == "__main__":
    main()
