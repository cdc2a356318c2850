"""Benchmark: what the HTML prose view (entities decoded, phrasing tags left out,
see src/copylint/view.py) costs on a page dense with entities and inline tags.

Usage:
    PYTHONPATH=src python benchmarks/htmlview.py [--off]

Builds a page of 1,500 paragraphs of 40 words (my own filler sentence) with an
``&rsquo;``, an ``&mdash;``, a ``<b>`` and an ``<a>`` in each, and checks it three
times with the built-in packs; prints the best CPU time and the findings.
``--off`` checks it without the view (entities masked, tags blanked as before),
for comparison. A file without entities or inline tags gets no view at all.
"""

from __future__ import annotations

import random
import sys
import time

import copylint.parsers.html as html_parser
from copylint.engine import Linter


def page(paragraphs: int = 1500, seed: int = 5) -> str:
    rnd = random.Random(seed)
    words = (
        "the council met on Tuesday to vote on the new harbor plan and the budget for roads"
    ).split()
    out = []
    for _ in range(paragraphs):
        w = [rnd.choice(words) for _ in range(40)]
        w[5] = "don&rsquo;t"
        w[9] = f"<b>{w[9]}</b>"
        w[20] = "late&mdash;again"
        w[30] = f"<a href='/x'>{w[30]}</a>"
        out.append("<p>" + " ".join(w) + ".</p>")
    return "<html><body>\n" + "\n".join(out) + "\n</body></html>\n"


def main(argv: list[str]) -> None:
    off = "--off" in argv
    if off:
        html_parser.build_view = lambda doc, replacements: None  # type: ignore[assignment]
    src = page()
    linter = Linter()
    linter.check_text("<p>warm up</p>", "w.html")
    best, found = float("inf"), 0
    for _ in range(3):
        t = time.process_time()
        _, findings = linter.check_text(src, "bench.html")
        best, found = min(best, time.process_time() - t), len(findings)
    label = "view off" if off else "view on"
    print(f"{label}: {len(src) / 1e6:.2f} MB, best of 3: {best:.2f} s CPU, {found} findings")


if __name__ == "__main__":
    main(sys.argv[1:])
