"""Where the wall time of one ``copylint check`` goes: the parent's stages, then each
worker's share of the files.

    python benchmarks/timeline.py [check options] PATHS...   (e.g. --no-cache -j 2 DRAFTS)

Runs the check in this process, as ``copylint check`` would, with the report sent to
/dev/null, and prints to stderr, for the parent: the wall and CPU seconds since start
at each stage (rules loaded, files found, prepared, workers started, first and last
result, report written); for each process that checked files (the parent is one of
the ``-j`` workers, see copylint/workers.py): how many files it checked, their CPU time,
when it started its first and ended its last (the gap between the workers' last ends
is time one worker went on alone), and its first files' CPU time (a forked worker's
first file pays for the pages it copies). On a loaded machine read the CPU columns.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

T0 = time.perf_counter()
C0 = time.process_time()
MARKS: list[tuple[str, float, float]] = []


def mark(name: str) -> None:
    MARKS.append((name, time.perf_counter() - T0, time.process_time() - C0))


def timed(owner: Any, attr: str, label: str) -> None:
    inner: Callable[..., Any] = getattr(owner, attr)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(f"{label} start")
        try:
            return inner(*args, **kwargs)
        finally:
            mark(f"{label} end")

    setattr(owner, attr, wrapper)


def main() -> int:
    from copylint import cli_core, engine, workers

    mark("imported")
    log = Path(tempfile.mkdtemp(prefix="copylint-timeline-"))
    parent = os.getpid()
    timed(engine.Linter, "_load_rules", "load rules")
    timed(engine.Linter, "discover", "discover")
    timed(engine.Linter, "prepare", "prepare")
    timed(cli_core, "report", "report")
    timed(workers.Pool, "_fork", "fork")

    check_file = engine.Linter.check_file

    def logged(self: Any, display: str, real: Path, fmt: str | None = None) -> Any:
        t, c = time.perf_counter(), time.process_time()
        result = check_file(self, display, real, fmt)
        row = [t - T0, time.perf_counter() - T0, time.process_time() - c]
        with open(log / f"w{os.getpid()}", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")
        return result

    engine.Linter.check_file = logged  # type: ignore[method-assign]
    files = engine.Linter._check_files

    def results(self: Any, items: Any, fmt: Any = None) -> Any:
        for n, result in enumerate(files(self, items, fmt)):
            if n == 0:
                mark("first result")
            yield result
        mark("last result")

    engine.Linter._check_files = results  # type: ignore[method-assign]
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stdout = null
        try:
            code = cli_core.main(["check", *sys.argv[1:]])
        finally:
            sys.stdout = sys.__stdout__
    mark("end")
    out = sys.stderr
    out.write(f"{'wall s':>8} {'CPU s':>7}  parent\n")
    for name, wall, cpu in MARKS:
        out.write(f"{wall:8.3f} {cpu:7.3f}  {name}\n")
    times = os.times()
    out.write(
        f"workers' CPU (all, as reaped): {times.children_user + times.children_system:.3f} s\n"
    )
    ends = []
    for path in sorted(log.iterdir()):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        path.unlink()
        cpu = [r[2] for r in rows]
        ends.append(rows[-1][1])
        first = " ".join(f"{c * 1000:.1f}" for c in cpu[:3])
        who = "parent" if int(path.name[1:]) == parent else "child"
        out.write(
            f"{who} {path.name[1:]}: {len(rows)} files, CPU {sum(cpu):.3f} s (median "
            f"{sorted(cpu)[len(cpu) // 2] * 1000:.2f} ms; first {first} ms), "
            f"from {rows[0][0]:.3f} to {rows[-1][1]:.3f} s\n"
        )
    log.rmdir()
    if len(ends) > 1:
        out.write(f"last worker alone at the end: {max(ends) - sorted(ends)[-2]:.3f} s\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
