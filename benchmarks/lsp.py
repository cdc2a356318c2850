"""Editor server benchmark: latency after an edit, time to first diagnostics, memory.

    python benchmarks/lsp.py [--edits 200] [--docs 50] [--doc-edits 1000] [--starts 3]

Drives the real ``copylint lsp`` process over stdio with pygls's client (the one
the tests use), on Markdown articles generated here with a fixed seed:

- first diagnostics: from starting the server process to the first diagnostics
  of a 2,000-word article (start-up, rule loading and the first check included);
  median of --starts runs;
- latency: one-word edits (a word replaced somewhere in the 2,000-word article),
  each timed from sending didChange to receiving the diagnostics of that version
  (the server's debounce included); median and 95th percentile, after 10 warm-up
  edits;
- memory: the server's resident set (VmRSS) with --docs articles of 400 words
  open, after 0, half and all of --doc-edits edits spread over them.

Needs the ``lsp`` extra (pygls). Runs on Linux (memory from /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from lsprotocol import types  # noqa: E402

from lsp_client import change, diagnostics, open_doc, session  # noqa: E402

# sentences written for this benchmark (not corpus text), a few with slips in them
SENTENCES = """\
The county council met on Tuesday to debate the plan for a new bus depot.
Residents near the site said the traffic would be heavy in the mornings.
Several of them asked for a second public meeting before any vote was taken.
The transport chair said the depot would replace two older garages.
A report on noise and air quality will be published next month.
The vote is now expected in the spring, after the committee has read the report.
Shop owners on the high street said they welcomed the extra buses.
One trader said footfall had fallen by a third since the old route was cut.
The council's own figures show that journeys have dropped since 2019.
Campaigners want the money spent on cycle lanes instead of a depot.
The leader of the opposition called the plan rushed and expensive.
Officers said the site was the only one large enough for the fleet.
Work could start next year if the plan is approved and funding is found.
The depot would employ about 120 people, most of them drivers.
A spokesman for the bus company said it had not been consulted.
Teh plan also includes a small park and a new footpath to the station.
Neighbours fear the park will be dropped to save money later on.
The council said it recieved more than 400 letters about the scheme.
Most of the letters opposed the depot but supported the new routes.
A final decision is due at the full council meeting in April.""".splitlines()
WORDS = "council plan depot route report street station budget meeting park".split()


def article(words: int, seed: int) -> str:
    rng = random.Random(seed)
    out = [f"# Depot plan {seed}", ""]
    count = 0
    while count < words:
        if rng.random() < 0.1:
            out += [f"## Part {len(out)}", ""]
        para = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 6)))
        count += len(para.split())
        out += [para, ""]
    return "\n".join(out)


def one_word_edit(text: str, rng: random.Random) -> types.TextEdit:
    """Replace one word (ASCII text: characters are code units) with another."""
    lines = text.split("\n")
    while True:
        n = rng.randrange(len(lines))
        line = lines[n]
        if line and not line.startswith("#"):
            break
    starts = [i for i in range(len(line)) if (i == 0 or line[i - 1] == " ") and line[i].isalpha()]
    s = rng.choice(starts)
    e = s
    while e < len(line) and line[e].isalpha():
        e += 1
    return types.TextEdit(
        range=types.Range(
            start=types.Position(line=n, character=s), end=types.Position(line=n, character=e)
        ),
        new_text=rng.choice(WORDS),
    )


def cpu_s(pid: int) -> float:
    """CPU time (user + system) the process has used so far: on a machine shared
    with other work, what a run costs, apart from the time spent waiting for a core."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def first_diagnostics(root: Path, text: str) -> tuple[float, float]:
    t0 = time.perf_counter()
    async with session(root) as c:
        uri = open_doc(c, root / "article.md", text)
        await diagnostics(c, uri, 1, timeout=120)
        assert c._server is not None
        return time.perf_counter() - t0, cpu_s(c._server.pid)


async def latency(
    root: Path, text: str, edits: int, options: dict | None
) -> tuple[list[float], float]:
    rng = random.Random(7)
    times = []
    async with session(root, options=options) as c:
        assert c._server is not None
        uri = open_doc(c, root / "article.md", text)
        await diagnostics(c, uri, 1, timeout=120)
        for i in range(edits + 10):
            if i == 10:
                cpu = cpu_s(c._server.pid)
            edit = one_word_edit(c.texts[uri], rng)
            t0 = time.perf_counter()
            v = change(c, uri, [edit])
            await diagnostics(c, uri, v, timeout=60)
            if i >= 10:
                times.append(time.perf_counter() - t0)
        cpu = (cpu_s(c._server.pid) - cpu) / edits
    return times, cpu


async def memory(root: Path, docs: int, doc_edits: int, options: dict | None) -> list[float]:
    rng = random.Random(11)
    async with session(root, options=options) as c:
        assert c._server is not None
        pid = c._server.pid
        uris = [open_doc(c, root / f"doc{i}.md", article(400, 100 + i)) for i in range(docs)]
        for uri in uris:
            await diagnostics(c, uri, 1, timeout=120)
        marks = [rss_mb(pid)]
        for i in range(doc_edits):
            uri = uris[i % docs]
            v = change(c, uri, [one_word_edit(c.texts[uri], rng)])
            await diagnostics(c, uri, v, timeout=60)
            if i + 1 in (doc_edits // 2, doc_edits):
                marks.append(rss_mb(pid))
        return marks


STARTUP = """
import time
t0 = time.process_time()
import lsprotocol.types, pygls.lsp.server
t1 = time.process_time()
from copylint import Config, Linter
linter = Linter(Config())
t2 = time.process_time()
import sys
linter.check_text(sys.stdin.read(), "article.md", "markdown")
t3 = time.process_time()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def breakdown(text: str) -> tuple[list[float], float]:
    """Where the time goes (CPU time, which waiting for a busy core does not
    inflate), in a fresh process: importing pygls and lsprotocol, loading the
    rules, the first check; then in this one the engine alone on one-word edits
    (median), the floor of the edit latency."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", STARTUP], input=text, capture_output=True, text=True, check=True
    ).stdout
    parts = [float(x) for x in out.split()]
    from copylint import Config, Linter

    linter = Linter(Config())
    linter.check_text(text, "article.md", "markdown")
    rng = random.Random(3)
    lines = text.split("\n")
    times = []
    for _ in range(30):
        edit = one_word_edit(text, rng)
        n, s, e = edit.range.start.line, edit.range.start.character, edit.range.end.character
        edited = "\n".join(
            lines[:n] + [lines[n][:s] + edit.new_text + lines[n][e:]] + lines[n + 1 :]
        )
        t0 = time.process_time()
        linter.check_text(edited, "article.md", "markdown")
        times.append(time.process_time() - t0)
    return parts, statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--doc-edits", type=int, default=1000)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--debounce-ms", type=float, help="the server's debounce (default its own)")
    args = ap.parse_args()
    options = {"debounceMs": args.debounce_ms} if args.debounce_ms is not None else None
    text = article(2000, 1)
    print(f"article: {len(text.split())} words, {len(text)} characters")
    parts, engine = breakdown(text)
    print(
        f"start-up parts (CPU): import pygls+lsprotocol {parts[0] * 1000:.0f} ms, load rules "
        f"{parts[1] * 1000:.0f} ms, first check {parts[2] * 1000:.0f} ms; the engine alone "
        f"on an edited article: median {engine * 1000:.1f} ms CPU"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        runs = [asyncio.run(first_diagnostics(root, text)) for _ in range(args.starts)]
        starts = [r[0] for r in runs]
        print(
            f"first diagnostics after start: median {statistics.median(starts) * 1000:.0f} ms "
            f"(runs: {', '.join(f'{s * 1000:.0f}' for s in starts)} ms); the server's CPU "
            f"time by then: median {statistics.median(r[1] for r in runs) * 1000:.0f} ms"
        )
        times, cpu = asyncio.run(latency(root, text, args.edits, options))
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        print(
            f"after a one-word edit ({len(times)} edits): median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms; the server's CPU time "
            f"per edit: {cpu * 1000:.1f} ms"
        )
        marks = asyncio.run(memory(root, args.docs, args.doc_edits, options))
        print(
            f"server RSS with {args.docs} documents open: {marks[0]:.0f} MB; after "
            f"{args.doc_edits // 2} edits {marks[1]:.0f} MB; after {args.doc_edits} edits "
            f"{marks[2]:.0f} MB"
        )


if __name__ == "__main__":
    main()
