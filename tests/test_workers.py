"""The ``-j`` pool (copylint/workers.py): the parent and its forked children share
the pieces of work; results come back in order, errors in their turn."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from copylint.workers import Pool, WorkerDied, died

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="workers are forked on Linux only"
)


def _pool(pieces: int, children: int, fail_at: int | None = None, pause: float = 0.005) -> Pool:
    """Each piece's result says which process made it; piece ``fail_at`` raises.
    A piece takes ``pause`` seconds, so that each process gets some whatever the load."""

    def answer(piece: int) -> list:
        time.sleep(pause)
        if piece == fail_at:
            raise ValueError(f"piece {piece} went wrong")
        return [(piece, os.getpid())]

    def check(piece: int, between) -> list:
        between()
        return answer(piece)

    return Pool(
        pieces,
        children,
        check=check,
        answer=answer,
        receive=lambda piece, answers: answers,
        start=lambda: None,
    )


def test_every_piece_comes_back_once_in_order_and_the_children_are_reaped():
    pool = _pool(200, 2)
    got = list(pool.results())
    assert [piece for piece, _pid in got] == list(range(200))
    assert len(pool.children) == 2
    assert all(child.pid == -1 for child in pool.children)  # waited for
    makers = {pid for _piece, pid in got}
    assert os.getpid() in makers and len(makers) == 3  # each process took pieces


def test_an_error_comes_in_its_turn_after_the_pieces_before_it():
    got = []
    pool = _pool(30, 1, fail_at=7)  # whichever process checks piece 7 fails alike
    with pytest.raises(ValueError, match="piece 7 went wrong"):
        for piece, _pid in pool.results():
            got.append(piece)
    assert got == list(range(7))
    assert all(child.pid == -1 for child in pool.children)  # stopped and reaped


def test_leaving_early_stops_the_children():
    pool = _pool(50, 2)
    results = pool.results()
    assert next(results)[0] == 0
    results.close()
    assert all(child.pid == -1 for child in pool.children)


def test_a_child_that_dies_names_the_piece_it_had():
    import signal

    def answer(piece: int) -> list:
        if piece >= 3:  # (only a child answers: the parent checks)
            os.kill(os.getpid(), signal.SIGKILL)
        return [piece]

    def check(piece: int, between) -> list:
        time.sleep(0.02)
        between()
        return [piece]

    pool = Pool(40, 1, check=check, answer=answer, receive=lambda p, a: a, start=lambda: None)
    with pytest.raises(WorkerDied) as caught:
        list(pool.results())
    piece, status = caught.value.args
    assert piece >= 3
    assert died(status) == "killed by SIGKILL"
    assert all(child.pid == -1 for child in pool.children)


def test_fewer_children_than_asked_when_there_is_little_work():
    pool = _pool(2, 4)
    assert [piece for piece, _ in pool.results()] == [0, 1]
    assert len(pool.children) == 1


def test_more_pieces_than_a_pipe_holds_numbers_for():
    # 20,000 numbers of 4 bytes: over the pipe's 64 KB (a number stands for two
    # pieces then)
    pool = _pool(20_000, 1, pause=0)
    assert [piece for piece, _ in pool.results()] == list(range(20_000))
    assert pool._per == 2


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_fork_the_system_refuses_leaves_the_work_to_fewer_processes(monkeypatch):
    import errno

    real_fork = os.fork
    forks = []

    def fork() -> int:
        forks.append(1)
        if len(forks) >= 2:  # a limit on processes: the second child cannot be made
            raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    before = _open_fds()
    pool = _pool(60, 3)
    got = list(pool.results())
    assert [piece for piece, _pid in got] == list(range(60))
    assert len(forks) == 2 and len(pool.children) == 1  # no third try after a refusal
    assert all(child.pid == -1 for child in pool.children)
    assert _open_fds() == before  # the refused child's pipe was closed


def test_a_child_that_dies_before_saying_which_piece_it_took_loses_nothing(monkeypatch):
    import signal

    from copylint import workers

    parent = os.getpid()
    take = workers._take

    def take_and_die(tasks: int):
        piece = take(tasks)
        if os.getpid() != parent and piece is not None:
            os.kill(os.getpid(), signal.SIGKILL)  # took a number, said nothing
        return piece

    monkeypatch.setattr(workers, "_take", take_and_die)
    pool = _pool(40, 2, pause=0.01)
    got = list(pool.results())
    # the pieces the children took died with them: the parent checked them
    assert [piece for piece, _pid in got] == list(range(40))
    assert {pid for _piece, pid in got} == {parent}
    assert all(child.pid == -1 for child in pool.children)


@pytest.mark.skipif(sys.platform != "linux", reason="prctl is Linux's")
def test_a_worker_start_asks_to_die_with_its_parent_without_importing_ctypes():
    import subprocess
    import textwrap

    # in a process of its own (a worker's start changes how the process dies); the
    # death signal read back from the kernel (PR_GET_PDEATHSIG), through ``ctypes``
    # only once the start is done, as ``ctypes.CDLL(None).prctl`` would have set it
    script = textwrap.dedent(
        """
        import os, signal, sys
        from copylint import engine
        engine._worker_start(os.getppid())
        assert "ctypes" not in sys.modules, "ctypes imported"
        assert engine._LIBC.prctl(1, signal.SIGKILL) == 0  # the result is a C int
        import ctypes
        got = ctypes.c_int(-1)
        assert ctypes.CDLL(None).prctl(2, ctypes.byref(got)) == 0
        print(got.value)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == str(int(signal.SIGKILL))


#: a pool whose parent and child each compile a pattern of their own for every piece
#: they check (the parent slowly, so that the child takes pieces too), then the results
SAVING = """
import json, sys, time
from copylint import regexcache, workers
if sys.argv[1] == "no-saves":
    workers._SAVES = ()
def check(i, between):
    regexcache.compile(f"parent{i}x[a-z]+")
    time.sleep(0.5)  # (the child has seconds to start and take pieces)
    between()
    return [["parent", i]]
def answer(i):
    regexcache.compile(f"child{i}y[a-z]+")
    return ["child", i]
pool = workers.Pool(6, 1, check, answer, lambda i, a: [a], lambda: None)
print(json.dumps([r for r in pool.results()]))
"""

KEPT = """
import json
from copylint import regexcache
table, _ = regexcache._load_both()
print(json.dumps(sorted(p for p, _flags in table if p.startswith(("child", "parent")))))
"""


@pytest.mark.parametrize("saves", ["saves", "no-saves"])
def test_a_worker_keeps_the_programs_it_compiled(tmp_path, saves):
    """A forked worker ends with ``os._exit``, which runs no ``atexit``: it saves the
    programs it compiled itself (``workers._SAVES``), so that the next run's processes
    find them, as they find the parent's. Without the saves the child's are lost."""
    import json
    import subprocess

    from conftest import PYTHON, subprocess_env

    env = {**subprocess_env(), "COPYLINT_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run(
        [PYTHON, "-c", SAVING, saves], env=env, capture_output=True, text=True, check=True
    )
    results = json.loads(run.stdout)
    by_child = [f"child{i}y[a-z]+" for who, i in results if who == "child"]
    by_parent = [f"parent{i}x[a-z]+" for who, i in results if who == "parent"]
    assert sorted(i for _, i in results) == list(range(6))
    assert by_child and by_parent  # both took pieces
    kept = subprocess.run([PYTHON, "-c", KEPT], env=env, capture_output=True, text=True, check=True)
    expected = by_parent + (by_child if saves == "saves" else [])
    assert json.loads(kept.stdout) == sorted(expected)
