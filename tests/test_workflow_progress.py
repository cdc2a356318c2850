"""progress.py: a bar on a real terminal (pty), never in pipes or CI."""

from __future__ import annotations

import io
import os
import select
import time

from copylint.progress import Progress, in_ci, should_show


def read_all(fd: int, until: str, timeout: float = 5.0) -> str:
    """Read a pty master until ``until`` has arrived (pty output arrives asynchronously)."""
    data = b""
    deadline = time.monotonic() + timeout
    while until.encode() not in data and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            data += os.read(fd, 65536)
    return data.decode()


def test_bar_on_a_real_terminal():
    master, slave = os.openpty()
    try:
        with open(slave, "w", closefd=False) as tty:
            assert should_show(tty, 50, env={"TERM": "xterm"})
            with Progress(50, tty, env={}, interval=0) as p:
                for _ in range(50):
                    p.advance(findings=2)
        out = read_all(master, "100 findings\x1b[K\r\x1b[K")
    finally:
        os.close(master)
        os.close(slave)
    assert "\r[" in out
    assert "50/50 files, 100 findings" in out
    assert out.endswith("\r\x1b[K")  # line cleared at the end


def test_no_bar_in_pipes_ci_or_small_runs():
    master, slave = os.openpty()
    try:
        with open(slave, "w", closefd=False) as tty:
            assert not should_show(tty, 50, env={"CI": "true"})
            assert not should_show(tty, 50, env={"GITHUB_ACTIONS": "true"})
            assert not should_show(tty, 50, env={"TERM": "dumb"})
            assert not should_show(tty, 3, env={})
            assert should_show(tty, 50, env={"CI": "false"})
    finally:
        os.close(master)
        os.close(slave)
    pipe = io.StringIO()
    assert not should_show(pipe, 500, env={})
    with Progress(500, pipe, env={}) as p:
        p.advance(500, 7)
    assert pipe.getvalue() == ""
    assert in_ci({"CI": "1"}) and not in_ci({}) and not in_ci({"CI": "0"})


def test_render():
    p = Progress(4, io.StringIO(), enabled=True, width=8)
    p.advance(findings=1)
    assert p.render() == "[##------] 1/4 files, 1 finding"
