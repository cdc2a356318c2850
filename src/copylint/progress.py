"""A one-line progress bar on stderr for long runs on a terminal.

Shown only when the stream is a terminal and no CI variable is set, so pipes,
redirects and CI logs never get carriage-return noise.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import TextIO

#: environment variables that mean "running in CI" when set to a non-false value
CI_VARS = ("CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "BUILD_NUMBER", "RUN_ID", "TF_BUILD")
#: fewer files than this finish too quickly for a bar to help
MIN_FILES = 20


def in_ci(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return any(env.get(v, "").strip().lower() not in ("", "0", "false", "no") for v in CI_VARS)


def should_show(stream: TextIO | None, total: int, env: Mapping[str, str] | None = None) -> bool:
    """True if a bar for ``total`` files belongs on ``stream``."""
    env = os.environ if env is None else env
    if stream is None or total < MIN_FILES:
        return False
    if in_ci(env) or env.get("TERM") == "dumb" or env.get("COPYLINT_NO_PROGRESS"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Progress:
    """``with Progress(total) as p: ... p.advance(findings=n)``.

    ``enabled=None`` decides with :func:`should_show`. Redraws at most every
    ``interval`` seconds and clears its line when done.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        env: Mapping[str, str] | None = None,
        width: int = 24,
        interval: float = 0.1,
    ):
        self.total = total
        self.stream = sys.stderr if stream is None else stream
        self.enabled = should_show(self.stream, total, env) if enabled is None else enabled
        self.width = width
        self.interval = interval
        self.done = 0
        self.findings = 0
        self._last = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        self.draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, files: int = 1, findings: int = 0) -> None:
        self.done += files
        self.findings += findings
        self.draw(force=self.done >= self.total)

    def render(self) -> str:
        total = max(self.total, 1)
        filled = min(self.width, self.width * self.done // total)
        bar = "#" * filled + "-" * (self.width - filled)
        noun = "finding" if self.findings == 1 else "findings"
        return f"[{bar}] {self.done}/{self.total} files, {self.findings} {noun}"

    def draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write("\r" + self.render() + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
