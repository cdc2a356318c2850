"""Concurrency and interruption: two ``fix`` runs on one tree, ``kill -9`` in the
middle of ``fix``, and runs sharing one pattern cache. Real processes, real files.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import CLASSES, PROGRAMS, PYTHON, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals and fork")

BODY = (
    "Send an e-mail to the council before Friday. The plan was discussed at length.\n\n"
    "Residents can e-mail the office or call. The road will close for ten days.\n\n"
)

RULE = """\
extends: substitution
message: "Use '%s' instead of '%s'."
level: warning
swap:
  north ward: Northgate Ward
examples:
  fail: ["Voters in north ward turned out."]
  pass: ["Voters in Northgate Ward turned out."]
  fixed: ["Voters in Northgate Ward turned out."]
"""


def env(cache, jobs: int = 1) -> dict[str, str]:
    e = subprocess_env()
    e["COPYLINT_JOBS"] = str(jobs)
    e["COPYLINT_CACHE_DIR"] = str(cache)
    return e


def make_tree(root, files: int, paragraphs: int = 3) -> dict[str, bytes]:
    root.mkdir(parents=True)
    # the house pack alone: its safe fixes are what these tests need, quickly
    (root / "copylint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    out = {}
    for i in range(files):
        path = root / f"d{i % 10}" / f"story-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (f"# Story {i}\n\n" + BODY * paragraphs).encode()
        path.write_bytes(data)
        out[str(path.relative_to(root))] = data
    out["copylint.toml"] = (root / "copylint.toml").read_bytes()
    return out


def contents(root) -> dict[str, bytes]:
    """Every file below ``root`` but the results cache's."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".copylint_cache"]
        for f in files:
            p = os.path.join(dirpath, f)
            out[os.path.relpath(p, root)] = open(p, "rb").read()
    return out


def fixed_versions(tmp_path, original: dict[str, bytes], root) -> dict[str, bytes]:
    """What one undisturbed ``fix`` makes of the tree (run on a copy)."""
    copy = tmp_path / "expected"
    shutil.copytree(root, copy)
    p = subprocess.run(
        [PYTHON, "-m", "copylint", "fix", "."],
        cwd=copy,
        env=env(tmp_path / "cache"),
        capture_output=True,
        timeout=300,
    )
    assert b"Traceback" not in p.stderr
    fixed = contents(copy)
    assert set(fixed) == set(original)
    # every draft has a fix
    assert all(fixed[k] != original[k] for k in original if k.endswith(".md"))
    return fixed


def test_two_fix_runs_at_once(tmp_path):
    root = tmp_path / "tree"
    original = make_tree(root, 60)
    expected = fixed_versions(tmp_path, original, root)
    runs = [
        subprocess.Popen(
            [PYTHON, "-m", "copylint", "fix", "."],
            cwd=root,
            env=env(tmp_path / "cache", jobs=jobs),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for jobs in (1, 2)
    ]
    for r in runs:
        _, err = r.communicate(timeout=300)
        assert b"Traceback" not in err, err
    now = contents(root)
    assert set(now) == set(original), "a temporary file was left behind"
    # every file fully fixed (each run fixes every file; neither mixes nor truncates)
    mixed = [k for k in original if now[k] != expected[k]]
    assert not mixed, mixed[:5]
    # the results cache both runs wrote is whole, with no temporary file beside it
    for f in (root / ".copylint_cache").iterdir():
        assert not f.name.endswith(".tmp"), f
        if f.suffix == ".json":
            json.loads(f.read_text(encoding="utf-8"))


def test_kill_9_in_the_middle_of_fix(tmp_path):
    root = tmp_path / "tree"
    original = make_tree(root, 200)
    expected = fixed_versions(tmp_path, original, root)
    first_key = sorted(k for k in original if k.endswith(".md"))[0]
    first = root / first_key
    proc = subprocess.Popen(
        [PYTHON, "-m", "copylint", "fix", "."],
        cwd=root,
        env=env(tmp_path / "cache"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while first.read_bytes() == original[first_key]:
            assert proc.poll() is None, "fix ended before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.005)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    now = contents(root)
    drafts = {k: v for k, v in now.items() if k in original}
    strays = sorted(set(now) - set(original))
    assert set(drafts) == set(original)
    # no half-written file: each draft is as it was or fully fixed
    bad = [k for k in original if drafts[k] not in (original[k], expected[k])]
    assert not bad, bad[:5]
    md = [k for k in original if k.endswith(".md")]
    assert any(drafts[k] == expected[k] for k in md)
    assert any(drafts[k] == original[k] for k in md), "kill came too late to test"
    # a temporary file the kill may leave is hidden and not a draft: a later run
    # does not trip over it, and finishes the job
    assert all(os.path.basename(s).startswith(".") and s.endswith(".tmp") for s in strays)
    p = subprocess.run(
        [PYTHON, "-m", "copylint", "fix", "."],
        cwd=root,
        env=env(tmp_path / "cache"),
        capture_output=True,
        timeout=300,
    )
    assert b"Traceback" not in p.stderr and b".tmp" not in p.stderr + p.stdout
    again = contents(root)
    assert all(again[k] == expected[k] for k in original)


def test_runs_sharing_a_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    projects = []
    for n in range(3):
        proj = tmp_path / f"p{n}"
        rules = proj / "styles" / f"Pack{n}"
        rules.mkdir(parents=True)
        for k in range(10):  # rule files of their own: each run writes cache entries
            (rules / f"Ward{k}.yml").write_text(RULE.replace("north ward", f"ward {n} {k}"))
        (proj / "copylint.toml").write_text(f'packs = ["styles/Pack{n}"]\n')
        (proj / "a.md").write_text(f"Voters in ward {n} 3 turned out.\n")
        projects.append(proj)
    for _round in range(2):
        runs = [
            subprocess.Popen(
                [PYTHON, "-m", "copylint", "check", "--format", "json", "a.md"],
                cwd=proj,
                env=env(cache),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for proj in projects
        ]
        for n, r in enumerate(runs):
            out, err = r.communicate(timeout=300)
            assert b"Traceback" not in err, err
            rules = [f["rule"] for f in json.loads(out)["findings"]]
            assert f"Pack{n}.Ward3" in rules
    # the cache is whole JSON, holds no temporary files, and a later run uses it
    files = sorted(os.listdir(cache))
    assert files == [CLASSES, "patterns.json", PROGRAMS, "rulesets"], files
    # one whole rule set per project (each run loaded its own packs twice)
    kept = sorted(os.listdir(cache / "rulesets"))
    assert len(kept) == 3 and all(k.endswith(".bin") for k in kept), kept
    text = (cache / "patterns.json").read_text(encoding="utf-8")
    json.loads(text)
    from copylint import regexcache

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(cache))
    assert regexcache._load()  # the programs file is whole and signed by this user
    # whole, not merged: the last run to save wins (the others' entries only cost
    # time to rebuild)
    assert any(f"ward {n} 3" in text for n in range(3))


#: the command line run by another Python (another version's tag and build): what
#: copylint reads of the interpreter, changed before it is imported
ANOTHER_PYTHON = """
import runpy, sys
sys.implementation.cache_tag = "cpython-399"
sys.version = "3.99.0 (another build)"
sys.argv = ["copylint", *sys.argv[1:]]
runpy.run_module("copylint", run_name="__main__", alter_sys=True)
"""


def test_two_pythons_sharing_a_cache_folder_keep_a_file_each(tmp_path):
    """Code objects and ``re`` programs are kept for the Python that made them: two
    Pythons sharing the cache folder wrote their file over each other's on every run."""
    cache = tmp_path / "cache"
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "copylint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    (proj / "a.md").write_text("# Story\n\n" + BODY, encoding="utf-8")
    e = env(cache)
    e["PYTHONDONTWRITEBYTECODE"] = "1"  # (no .pyc files under the made-up tag)
    # (--no-cache: the rules are loaded, their patterns compiled, on every run)
    args = ["check", "--no-cache", "--format", "json", "a.md"]
    this = [PYTHON, "-m", "copylint", *args]
    another = [PYTHON, "-c", ANOTHER_PYTHON, *args]
    outs = []
    for cmd in (this, another, this, another):  # (the second run of each adds the
        # programs of a rule set read back from the rule-set cache)
        r = subprocess.run(cmd, cwd=proj, env=e, capture_output=True, text=True, timeout=300)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        outs.append(json.loads(r.stdout)["findings"])
    assert outs[0] and all(out == outs[0] for out in outs)
    names = [CLASSES, PROGRAMS, "classes.cpython-399.bin", "programs.cpython-399.bin"]
    assert set(names) <= set(os.listdir(cache)), os.listdir(cache)

    def versions() -> list[tuple[int, int]]:
        return [(st.st_ino, st.st_mtime_ns) for st in (os.stat(cache / n) for n in names)]

    before = versions()
    for cmd in (this, another, this):  # each finds its own file as it left it
        r = subprocess.run(cmd, cwd=proj, env=e, capture_output=True, text=True, timeout=300)
        assert r.returncode == 1 and json.loads(r.stdout)["findings"] == outs[0]
    assert versions() == before


def test_file_changed_between_worker_check_and_fix(tmp_path):
    """A file checked in a worker process is read again when its document is needed
    (to fix it): if it changed in between, its findings are worked out again, not
    applied at offsets into text that is gone."""
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.fixer import apply_edits, select_edits

    linter = Linter(Config(packs=("house",), root=tmp_path))
    linter.jobs = 2
    paths = []
    for i in range(4):
        p = tmp_path / f"s{i}.md"
        p.write_text("Send an e-mail to the council.\n", encoding="utf-8")
        paths.append((str(p), p))
    results = list(linter.check_files(paths))
    assert all(len(r.findings) == 1 for r in results)
    # another run fixes s0.md (and adds a line above) before this one reads it again
    paths[0][1].write_text("A new first line.\nSend an email to the council.\n", encoding="utf-8")
    r = results[0]
    text = r.doc.source
    assert r.findings == []
    assert apply_edits(text, select_edits(r.findings, unsafe=False)) == text
    # an unchanged file keeps the worker's findings
    assert len(results[1].findings) == 1 and results[1].doc is not None


def test_file_changed_after_a_results_cache_hit(tmp_path):
    """The same for findings the results cache answered for: a file fixed by another
    run after the look-up is checked again when its document is read."""
    from copylint.config import Config
    from copylint.engine import Linter
    from copylint.fixer import apply_edits, select_edits

    draft = tmp_path / "s0.md"
    draft.write_text("Send an e-mail to the council.\n", encoding="utf-8")
    items = [(str(draft), draft)]
    first = Linter(Config(packs=("house",), root=tmp_path))
    first.use_cache()
    assert len(list(first.check_files(items))[0].findings) == 1  # now in the cache
    linter = Linter(Config(packs=("house",), root=tmp_path))
    linter.use_cache()
    (r,) = linter.check_files(items)
    assert linter._hit_digests  # answered by the cache
    assert len(r.findings) == 1  # the cache's answer
    draft.write_text("A new first line.\nSend an email to the council.\n", encoding="utf-8")
    text = r.doc.source
    assert r.findings == []
    assert apply_edits(text, select_edits(r.findings, unsafe=False)) == text
