"""``cli_core.leave``: the command line ends without the interpreter's teardown (issue
13), and only when that changes nothing but the time. Each case runs in a process of
its own (a wrong short cut would end the test process itself)."""

from __future__ import annotations

import subprocess

from conftest import PYTHON, subprocess_env

#: a command line run as ``python -m copylint`` runs it, with marks of what happened
#: at the end: an ``atexit`` function's line on stdout (after the report) and, from an
#: audit hook, a line on stderr when the interpreter is torn down
RUN = """
import atexit, os, runpy, sys, threading

def torn_down(event, args, write=os.write):  # (raised as the interpreter is cleared)
    if event == "cpython.PyInterpreterState_Clear":
        write(2, b"torn down\\n")

sys.addaudithook(torn_down)
atexit.register(lambda: print("atexit ran"))
if "thread" in os.environ.get("LEAVE_CASE", ""):  # another thread runs at the end
    threading.Thread(target=threading.Event().wait, args=(60,), daemon=True).start()
sys.argv = ["copylint", *sys.argv[1:]]
runpy.run_module("copylint", run_name="__main__")
"""


def _run(tmp_path, case: str, *args: str) -> subprocess.CompletedProcess:
    env = subprocess_env()
    env["COPYLINT_CACHE_DIR"] = str(tmp_path / "pc")
    env["LEAVE_CASE"] = case
    env.pop("PYTHONUNBUFFERED", None)  # (a pipe's stream is then buffered: the flush matters)
    return subprocess.run(
        [PYTHON, "-c", RUN, *args], cwd=tmp_path, env=env, capture_output=True, timeout=120
    )


def test_a_check_ends_without_teardown_and_says_what_it_would_have(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("# Title\n\nThe the council met on Tuesday and and voted.\n" * 40)
    for fmt in ("json", "text"):
        args = ("check", "--no-cache", "--format", fmt, "a.md")
        fast = _run(tmp_path, "", *args)
        slow = _run(tmp_path, "thread", *args)  # (the teardown: another thread runs)
        assert fast.returncode == slow.returncode == 1, (fast.stderr, slow.stderr)
        # the report whole, then what the atexit function printed
        assert fast.stdout == slow.stdout
        assert fast.stdout.endswith(b"\natexit ran\n") and fast.stdout.count(b"atexit ran") == 1
        assert len(fast.stdout) > 8192
        assert b"torn down" in slow.stderr
        assert b"torn down" not in fast.stderr  # the short cut was taken
        assert fast.stderr == slow.stderr.replace(b"torn down\n", b"")


def test_a_clean_run_and_a_usage_error_keep_their_status(tmp_path):
    (tmp_path / "ok.txt").write_text("A plain sentence.\n")
    clean = _run(tmp_path, "", "check", "--no-cache", "ok.txt")
    assert clean.returncode == 0 and b"torn down" not in clean.stderr, clean.stderr
    missing = _run(tmp_path, "", "check", "--no-cache", "missing.txt")
    assert missing.returncode == 2 and b"torn down" not in missing.stderr, missing.stderr


#: ``leave`` called with a standard output that cannot be written (a reader gone)
FAILING = """
import io, os, sys
from copylint.cli_core import leave

class Gone(io.RawIOBase):
    def writable(self):
        return True
    def write(self, b):
        raise BrokenPipeError(32, "Broken pipe")

def torn_down(event, args, write=os.write):  # (raised as the interpreter is cleared)
    if event == "cpython.PyInterpreterState_Clear":
        write(2, b"torn down\\n")

sys.addaudithook(torn_down)
sys.stdout = io.TextIOWrapper(io.BufferedWriter(Gone()))
print("a report")
leave(0) if sys.argv[1] == "leave" else sys.exit(0)
"""


def test_a_failing_flush_is_left_to_python(tmp_path):
    """Python reports a standard output it cannot flush at exit and exits with 120:
    ``leave`` does the same (the ordinary exit, not its own)."""
    outs = [
        subprocess.run(
            [PYTHON, "-c", FAILING, how], env=subprocess_env(), capture_output=True, timeout=60
        )
        for how in ("leave", "exit")
    ]
    for out in outs:
        assert out.returncode == 120, out.stderr
        assert b"BrokenPipeError" in out.stderr and b"torn down" in out.stderr


def test_a_profiled_run_keeps_the_profile(tmp_path):
    """``python -m cProfile -o F -m copylint ...`` writes ``F`` as the interpreter
    ends: ``leave`` takes the ordinary exit when a profiler watches, so the profile is
    written. (cProfile itself swallows the ``SystemExit`` of the status: it exits 0.)"""
    (tmp_path / "a.txt").write_text("The council met on Tuesday and and voted.\n")
    env = subprocess_env()
    env["COPYLINT_CACHE_DIR"] = str(tmp_path / "pc")
    profile = tmp_path / "run.prof"
    args = ["-m", "copylint", "check", "--no-cache", "a.txt"]
    out = subprocess.run(
        [PYTHON, "-m", "cProfile", "-o", str(profile), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert b"house.RepeatedWords" in out.stdout, (out.stdout, out.stderr)
    assert profile.exists(), "the profile was not written: the teardown was skipped"
    import pstats

    stats = pstats.Stats(str(profile))
    assert any(name == "main" for _file, _line, name in stats.stats), "no copylint frames"
