"""Speed benchmark: words per second, cold start and peak memory, against peers.

    python benchmarks/speed.py [--gold PATH/gold.json] [--files 300] [--peers-bin DIR]
        [--only spelling,all,...]

Builds a folder of drafts (from the corpus's clean article bodies when given,
else from a small built-in sample), then times each tool over the whole folder
(median of --folder-runs runs, the tools taking turns) and on one short file
(cold start, median of several runs). copylint runs cold (``--no-cache``), then
with its results cache warm, and warm with one file of the folder changed before
each run. Peers (codespell,
typos, proselint, harper) are run when found on PATH or in --peers-bin; a peer
that is missing is reported as such. Peak memory is the child's max RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM = "copylint (cache, warm)"
CHANGED = "copylint (cache, 1 changed)"
SAMPLE = """\
The county council met on Tuesday night to debate the plan for a new bus depot on
the edge of town. Residents who live near the site said the traffic would be heavy
in the mornings, and several asked for a second public meeting before any vote.
The council's transport chair, Ines Marchetti, said the depot would replace two
older garages and cut the distance buses travel empty each day. She said a report
on noise and air quality would be published next month. The vote is now expected
in the spring, after the report has been read and discussed by the committee.
"""


def build_corpus(folder: Path, gold: Path | None, files: int, words_per_file: int) -> int:
    texts: list[str] = []
    if gold and gold.is_file():
        data = json.loads(gold.read_text(encoding="utf-8"))
        texts = [v["articleBody"] for v in data.values() if v.get("articleBody")]
    if not texts:
        texts = [SAMPLE]
    words = " ".join(texts).split()
    total = 0
    pos = 0
    for i in range(files):
        chunk = words[pos : pos + words_per_file]
        if len(chunk) < words_per_file:
            pos = 0
            chunk = words[:words_per_file]
        pos += words_per_file
        body = []
        for j in range(0, len(chunk), 60):  # paragraphs of 60 words
            body.append(" ".join(chunk[j : j + 60]))
        (folder / f"story{i:04d}.md").write_text("\n\n".join(body) + "\n", encoding="utf-8")
        total += len(chunk)
    return total


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, int, int, float]:
    """Wall seconds, peak RSS in MB, exit code and CPU seconds (user + system, the
    whole process tree) of ``cmd`` in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys, time, json;"
        "t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "t = time.perf_counter() - t;"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(json.dumps([t, u.ru_maxrss, p.returncode, u.ru_utime + u.ru_stime]))"
    )
    env = dict(os.environ)
    # as users run it: with the byte-code caches (a shell that sets this makes every
    # run of a fresh checkout compile all of copylint's modules again)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # run copylint from this checkout when it is not installed
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    t, rss_kb, code, cpu = json.loads(out.stdout)
    return t, rss_kb // 1024, code, cpu


def find(name: str, peers_bin: Path | None) -> str | None:
    if peers_bin and (peers_bin / name).exists():
        return str(peers_bin / name)
    return shutil.which(name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, help="gold.json of clean article bodies")
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--words", type=int, default=200, help="words per file")
    ap.add_argument("--runs", type=int, default=5, help="cold-start runs (median)")
    ap.add_argument(
        "--folder-runs",
        type=int,
        default=3,
        help="runs over the folder (median; tools take turns, so a slow spell of the "
        "machine hits all of them alike)",
    )
    ap.add_argument("--peers-bin", type=Path, help="folder holding peer executables")
    ap.add_argument(
        "--only",
        help="comma-separated rows to run: all, spelling, promo, warm, changed, codespell, "
        "typos, proselint, harper (codespell always runs: the ratios are to it)",
    )
    args = ap.parse_args()

    copylint = [sys.executable, "-m", "copylint", "check", "--format", "json"]
    cold = [*copylint, "--no-cache"]
    tools: dict[str, list[str] | None] = {
        "copylint (all packs)": cold,
        "copylint (spelling only)": cold[:3] + ["--config", "SPELLING"] + cold[3:],
        "copylint (promo only)": cold[:3] + ["--config", "PROMO"] + cold[3:],
        # with the results cache (.copylint_cache/), filled by a run before the timed ones
        WARM: copylint,
        CHANGED: copylint,
    }
    for name, cmd in (
        ("codespell", ["codespell"]),
        ("typos", ["typos"]),
        ("proselint", ["proselint", "check"]),
        ("harper", ["harper", "lint"]),
    ):
        exe = find(cmd[0], args.peers_bin)
        tools[name] = [exe, *cmd[1:]] if exe else None
    if args.only:
        rows = {
            "all": "copylint (all packs)",
            "spelling": "copylint (spelling only)",
            "promo": "copylint (promo only)",
            "warm": WARM,
            "changed": CHANGED,
        }
        wanted = {"codespell"}
        for key in filter(None, (k.strip() for k in args.only.split(","))):
            if key not in rows and key not in tools:
                ap.error(f"--only: unknown row {key!r}")
            wanted.add(rows.get(key, key))
        tools = {name: cmd for name, cmd in tools.items() if name in wanted}

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        # copylint's pattern cache of its own, so that other copylint runs on this
        # machine (tests writing rule packs of their own) cannot prune it mid-run
        os.environ["COPYLINT_CACHE_DIR"] = str(tmpdir / "pattern-cache")
        drafts = tmpdir / "drafts"
        drafts.mkdir()
        words = build_corpus(drafts, args.gold, args.files, args.words)
        spelling_cfg = tmpdir / "spelling.toml"
        spelling_cfg.write_text('packs = ["spelling"]\n', encoding="utf-8")
        promo_cfg = tmpdir / "promo.toml"
        promo_cfg.write_text('packs = ["promo"]\n', encoding="utf-8")
        (tmpdir / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
        short = tmpdir / "short.md"
        short.write_text("You can ead the statement on the council's website.\n")
        files = sorted(str(p) for p in drafts.iterdir())
        print(
            f"corpus: {len(files)} files, {words} words"
            f" ({'gold bodies' if args.gold else 'built-in sample'})"
        )
        print(f"{'tool':<26} {'words/s':>10} {'folder s':>9} {'cold s':>8} {'peak MB':>8}")
        results = {}
        plans: dict[str, tuple[list[str], list[str]]] = {}
        for name, cmd in tools.items():
            if cmd is None:
                print(f"{name:<26} {'not installed':>10}")
                continue
            named = {"SPELLING": str(spelling_cfg), "PROMO": str(promo_cfg)}
            cmd = [named.get(c, c) for c in cmd]
            # harper takes one file at a time; the others take a folder or many files
            if name == "harper":
                folder_cmd = [*cmd, *files]
            elif name.startswith("copylint") or name in ("codespell", "typos"):
                folder_cmd = [*cmd, str(drafts)]
            else:
                folder_cmd = [*cmd, *files]
            plans[name] = (cmd, folder_cmd)
        times: dict[str, list[float]] = {name: [] for name in plans}
        cpus: dict[str, list[float]] = {name: [] for name in plans}
        cold_cpus: dict[str, float] = {}
        peaks: dict[str, int] = {name: 0 for name in plans}
        failed: set[str] = set()
        if WARM in plans:
            run_measured(plans[WARM][1], tmpdir)  # fill the results cache
        else:  # (--only) fill the pattern cache, as that run does, before any timed run
            run_measured([*copylint, "--no-cache", str(drafts)], tmpdir)
        first = Path(files[0])
        original = first.read_text(encoding="utf-8")
        for run in range(max(1, args.folder_runs)):
            for name, (_cmd, folder_cmd) in plans.items():
                if name in failed:
                    continue
                if name == CHANGED:  # one file of the folder edited since the last run
                    first.write_text(f"{original}\nEdit number {run}.\n", encoding="utf-8")
                t, rss, code, cpu = run_measured(folder_cmd, tmpdir)
                cpus[name].append(cpu)
                if name.startswith("copylint") and code not in (0, 1):
                    failed.add(name)
                    continue
                times[name].append(t)
                peaks[name] = max(peaks[name], rss)
        for name, (cmd, _folder_cmd) in plans.items():
            if name in failed:
                print(f"{name:<26} failed")
                continue
            t = statistics.median(times[name])
            rss = peaks[name]
            if name in (WARM, CHANGED):  # the short file's cold start is no cache run
                results[name] = (words / t, t, float("nan"), rss)
                print(f"{name:<26} {words / t:>10.0f} {t:>9.2f} {'-':>8} {rss:>8d}")
                continue
            colds = [run_measured([*cmd, str(short)], tmpdir) for _ in range(args.runs)]
            cold = statistics.median(c[0] for c in colds)
            cold_cpus[name] = statistics.median(c[3] for c in colds)
            results[name] = (words / t, t, cold, rss)
            print(f"{name:<26} {words / t:>10.0f} {t:>9.2f} {cold:>8.3f} {rss:>8d}")
        print("one short file, CPU s: " + ", ".join(f"{k} {v:.3f}" for k, v in cold_cpus.items()))
        if "codespell" in results:
            # on a busy machine CPU time is the steadier measure: give both
            spell = results["codespell"][1]
            spell_cpu = statistics.median(cpus["codespell"])
            for name, (_wps, t, _cold, _rss) in results.items():
                if name.startswith("copylint"):
                    cpu = statistics.median(cpus[name])
                    print(
                        f"{name} / codespell folder time: {t / spell:.2f} wall, "
                        f"{cpu / spell_cpu:.2f} CPU ({cpu:.2f} s / {spell_cpu:.2f} s)"
                    )
        base = results.get("copylint (spelling only)")
        if base:
            for peer in ("codespell", "typos", "proselint", "harper"):
                if peer in results:
                    ratio = base[0] / results[peer][0]
                    print(f"copylint spelling / {peer} words-per-second ratio: {ratio:.2f}")
        full = results.get("copylint (all packs)")
        if full:
            for peer in ("proselint", "harper"):
                if peer in results:
                    print(
                        f"copylint all packs / {peer} words-per-second ratio: "
                        f"{full[0] / results[peer][0]:.2f}"
                    )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("COPYLINT_NO_PROGRESS", "1")
    sys.exit(main())
