"""``check -j N``: the files checked by this process and N - 1 forked children.

The pieces of work (``engine._chunks``) are numbered, and their numbers written (4
bytes each) to one pipe before the children are forked; every process, the parent
too, takes the next number from it when it is ready for more, so that all finish
within a file of each other, and the pipe, empty and without a writer, tells each
that the work is done. A child writes back on a pipe of its own the number of each
piece it takes, then the piece's answers (a pickle). The parent reads them between
its own files and yields the results in the order of the files.

Why not ``concurrent.futures``: importing it and ``multiprocessing`` (with
``logging``, ``socket``, ``subprocess`` ...) took ~18 ms of the parent's CPU before
any worker started, and its pool kept the parent idle (two threads passing the
answers along) while one more process paid for the pages it copied after the fork.

A child ignores Ctrl-C (the parent stops it) and dies with the parent, even one
killed with ``kill -9`` (``PR_SET_PDEATHSIG``: see ``engine._worker_start``). A
child that ends without answering a piece it took is an error naming that piece.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: a message's header: the piece (4 bytes), then the size of the pickle after it (4
#: bytes; 0: the child has just taken the piece)
_HEADER = 8
#: the size asked for a child's result pipe (a piece of 16 files of the dev corpus
#: has ~65 KB of answers; the parent reads them only between its own files)
RESULT_PIPE_SIZE = 1 << 20


class WorkerDied(Exception):
    """A child ended with a piece it took and did not answer: ``args`` are the
    piece and the child's ``os.waitpid`` status."""


class _Child:
    __slots__ = ("pid", "results", "buffer", "pieces")

    def __init__(self, pid: int, results: int) -> None:
        self.pid = pid
        #: the read end of its result pipe (-1 once closed)
        self.results = results
        self.buffer = bytearray()
        #: the pieces it took and has not answered yet
        self.pieces: set[int] = set()


#: what a worker saves before it exits (each a module's save function, which the
#: parent runs at exit): the ``regex`` and ``re`` programs it compiled afresh, and the
#: lead scans it read; each merges with the file on disk and replaces it atomically
_SAVES = (
    ("copylint.regexcache", "save"),
    ("copylint.rules.types._core", "save_leads"),
)


class Pool:
    """Check ``pieces`` pieces of work with this process and ``children`` children.

    ``check(i, between)`` checks piece ``i`` here and gives its results, calling
    ``between()`` after each file (the children's answers are read there);
    ``answer(i)`` checks it in a child and gives what goes back through the pipe (it
    must pickle), which ``receive(i, answers)`` turns into results in the parent;
    ``start()`` runs first in each child. An exception ``check`` or ``answer``
    raises (an ``Exception``) is raised by ``results`` when the results reach its
    piece."""

    def __init__(
        self,
        pieces: int,
        children: int,
        check: Callable[[int, Callable[[], None]], list[Any]],
        answer: Callable[[int], Any],
        receive: Callable[[int, Any], list[Any]],
        start: Callable[[], None],
    ) -> None:
        self.pieces = pieces
        self.wanted = min(children, max(0, pieces - 1))
        self.check = check
        self.answer = answer
        self.receive = receive
        self.start = start
        self.children: list[_Child] = []
        #: the read end of the pipe of piece numbers
        self._tasks = -1
        #: how many pieces a number in it stands for (1, unless the pipe cannot hold
        #: a number a piece: then ``n`` stands for pieces ``n`` to ``n + _per - 1``)
        self._per = 1
        self._poll: Any = None
        self._by_fd: dict[int, _Child] = {}
        #: results of pieces not yet given out, by piece (an exception: raised then)
        self._done: dict[int, Any] = {}

    # -- the parent --------------------------------------------------------
    def results(self) -> Iterator[Any]:
        """Fork the children, then the results of every piece, in order. Leaving
        early (an error, Ctrl-C, the caller closing the iterator) kills the children."""
        # (the C module: ``signal`` makes three enums at import, ~0.6 ms before the
        # fork; ``_signal``'s masks are sets of plain numbers, which it takes back)
        import _signal as signal
        import select

        try:
            self._tasks, write = os.pipe()
            try:
                # (a number a piece: 16,384 pieces in 64 KB, a check of ~260,000 files)
                self._per = per = max(1, -(-4 * self.pieces // _room(write)))
                data = b"".join(i.to_bytes(4, "little") for i in range(0, self.pieces, per))
                os.write(write, data)  # (at once: the pipe is empty, and holds that much)
            finally:
                os.close(write)
            # Ctrl-C waits while the children are forked
            masked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                self._poll = select.poll()
                for _ in range(self.wanted):
                    if not self._fork():
                        break  # (no more processes to be had: fewer children do it)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, masked)
            done = self._done
            emit = 0
            more = True
            while emit < self.pieces:
                found = done.pop(emit, None)
                if found is not None:
                    emit += 1
                    if isinstance(found, BaseException):
                        raise found
                    yield from found
                    continue
                self._collect(wait=False)
                if emit in done:
                    continue
                first = _take(self._tasks) if more else None
                if first is not None:
                    for piece in range(first, min(first + self._per, self.pieces)):
                        done[piece] = self._check_here(piece)
                elif not self._by_fd:
                    # every child has ended, and none answered this piece: one died
                    # after taking its number, before it said so; checked here
                    done[emit] = self._check_here(emit)
                else:
                    more = False
                    self._collect(wait=True)
            self._finish()
        except BaseException:
            self._kill()
            raise

    def _check_here(self, piece: int) -> Any:
        try:
            return self.check(piece, self._between)
        except WorkerDied:
            raise
        except Exception as exc:  # raised in its turn, as a child's is
            return exc

    def _between(self) -> None:
        if self._by_fd:
            self._collect(wait=False)

    def _fork(self) -> bool:
        """Fork a child; False when the system gives no process (or pipe) for one."""
        try:
            result_read, result_write = os.pipe()
        except OSError:  # too many open files
            return False
        try:  # room for a piece's answers, so that a child seldom waits for the parent
            import fcntl

            fcntl.fcntl(result_write, fcntl.F_SETPIPE_SZ, RESULT_PIPE_SIZE)
        except (ImportError, AttributeError, OSError):  # pragma: no cover - not Linux
            pass
        # (a child would write again what the parent had buffered and not yet written)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        try:
            pid = os.fork()
        except OSError:  # EAGAIN (a limit on processes), ENOMEM
            os.close(result_read)
            os.close(result_write)
            return False
        if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
            code = 1
            try:
                os.close(result_read)
                for other in self.children:  # the pipes of the children forked before
                    if other.results >= 0:
                        os.close(other.results)
                self.start()
                self._serve(result_write)
                code = 0
                # ``os._exit`` runs no ``atexit``: what this worker learned is kept here
                # (programs it compiled, lead scans it read), as the parent keeps its own
                for module, save in _SAVES:
                    learned = sys.modules.get(module)
                    if learned is not None:
                        getattr(learned, save)()
            except BaseException:  # noqa: BLE001, S110 - the parent reports the piece
                pass
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException:  # noqa: BLE001, S110
                        pass
                os._exit(code)
        os.close(result_write)
        os.set_blocking(result_read, False)
        child = _Child(pid, result_read)
        self.children.append(child)
        self._by_fd[result_read] = child
        self._poll.register(result_read)
        return True

    def _collect(self, wait: bool) -> None:
        """Read what the children have written (waiting for something when ``wait``)
        and put each piece's results in ``done``."""
        pickle = _pickle_module()

        done = self._done
        for fd, _event in self._poll.poll(None if wait else 0):
            child = self._by_fd[fd]
            ended = False
            while True:
                try:
                    data = os.read(fd, 1 << 20)
                except BlockingIOError:
                    break
                if not data:
                    ended = True
                    break
                child.buffer += data
            buffer = child.buffer
            at = 0
            while len(buffer) - at >= _HEADER:
                piece = int.from_bytes(buffer[at : at + 4], "little")
                size = int.from_bytes(buffer[at + 4 : at + 8], "little")
                if size == 0:
                    child.pieces.add(piece)
                    at += _HEADER
                    continue
                if len(buffer) - at - _HEADER < size:
                    break
                answers, error = pickle.loads(buffer[at + _HEADER : at + _HEADER + size])
                at += _HEADER + size
                child.pieces.discard(piece)
                done[piece] = error if error is not None else self.receive(piece, answers)
            if at:
                del buffer[:at]
            if ended:
                self._poll.unregister(fd)
                del self._by_fd[fd]
                os.close(fd)
                child.results = -1
                status = self._reap(child)
                if child.pieces:
                    raise WorkerDied(min(child.pieces), status)

    def _reap(self, child: _Child) -> int:
        """Wait for ``child`` to end: its exit status (``os.waitpid``'s)."""
        status = 0
        if child.pid > 0:
            try:
                _pid, status = os.waitpid(child.pid, 0)
            except ChildProcessError:  # pragma: no cover - reaped by someone else
                pass
            child.pid = -1
        return status

    def _finish(self) -> None:
        """All pieces answered: the children end (they find the pipe empty); reap them."""
        os.close(self._tasks)
        self._tasks = -1
        for child in self.children:
            if child.results >= 0:
                self._poll.unregister(child.results)
                os.close(child.results)
                child.results = -1
            self._reap(child)
        self._by_fd.clear()

    def _kill(self) -> None:
        import _signal as signal  # (see ``results``)

        for child in self.children:
            if child.pid > 0:
                try:
                    os.kill(child.pid, signal.SIGKILL)
                except ProcessLookupError:  # pragma: no cover - gone already
                    pass
        for child in self.children:
            if child.results >= 0:
                os.close(child.results)
                child.results = -1
            self._reap(child)
        self._by_fd.clear()
        if self._tasks >= 0:
            os.close(self._tasks)
            self._tasks = -1

    # -- a child -----------------------------------------------------------
    def _serve(self, results: int) -> None:  # pragma: no cover - in a child
        pickle = _pickle_module()

        while True:
            first = _take(self._tasks)
            if first is None:
                return
            for piece in range(first, min(first + self._per, self.pieces)):
                head = piece.to_bytes(4, "little")
                _write(results, head + bytes(4))  # taken (the piece named if the child dies)
                try:
                    message = pickle.dumps((self.answer(piece), None), _PROTOCOL)
                except Exception as exc:  # noqa: BLE001 - the parent raises it in its turn
                    message = pickle.dumps((None, _portable(exc)), _PROTOCOL)
                _write(results, head + len(message).to_bytes(4, "little") + message)


#: the protocol of the answers' pickles (``pickle.HIGHEST_PROTOCOL`` of Python 3.8 to 3.13)
_PROTOCOL = 5


def _pickle_module() -> Any:
    """The C pickler, which ``pickle`` re-exports (its module, with ``struct`` and a
    look for Jython's classes, was ~0.9 ms of imports in every process); ``pickle``
    where it is missing."""
    try:
        import _pickle
    except ImportError:  # pragma: no cover - a Python without it
        import pickle

        return pickle
    return _pickle


def _room(fd: int) -> int:
    """How many bytes the pipe ``fd`` holds (64 KB by default; 4 KB for a user with
    many pipes open)."""
    try:
        import fcntl

        return int(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError):  # pragma: no cover - not Linux
        return 512  # (POSIX's least PIPE_BUF)


def _take(tasks: int) -> int | None:
    """The next piece from the pipe of piece numbers; None when it is empty. (Every
    number was written before anyone read: a read of 4 bytes gets a whole one.)"""
    data = os.read(tasks, 4)
    return int.from_bytes(data, "little") if len(data) == 4 else None


def _portable(exc: Exception) -> Exception:  # pragma: no cover - in a child
    """``exc``, or when it does not come through a pickle whole, a ``CopylintError``
    with its text."""
    pickle = _pickle_module()

    try:
        back = pickle.loads(pickle.dumps(exc, _PROTOCOL))
        if type(back) is type(exc) and str(back) == str(exc):
            return exc
    except Exception:  # noqa: BLE001, S110 - replaced below
        pass
    from .errors import CopylintError

    return CopylintError(f"{type(exc).__name__}: {exc}")


def _write(fd: int, data: bytes) -> None:  # pragma: no cover - in a child
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def died(status: int) -> str:
    """How a child with ``os.waitpid`` status ``status`` ended, in words."""
    if os.WIFSIGNALED(status):
        import signal

        try:
            name = signal.Signals(os.WTERMSIG(status)).name
        except ValueError:  # pragma: no cover - a signal Python does not name
            name = f"signal {os.WTERMSIG(status)}"
        return f"killed by {name}"
    if os.WIFEXITED(status):
        return f"exited with code {os.WEXITSTATUS(status)}"
    return "stopped"  # pragma: no cover
