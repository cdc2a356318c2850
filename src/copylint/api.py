"""The library surface for CMS plugins and batch jobs.

>>> from copylint import check_text
>>> [f.rule for f in check_text("He said said it twice.")]  # doctest: +SKIP
['house.Repetition']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache

from .config import Config
from .engine import FileResult, Linter
from .findings import Finding


@lru_cache(maxsize=4)
def _default_linter() -> Linter:
    return Linter(Config())


def _linter(config: Config | None) -> Linter:
    return _default_linter() if config is None else Linter(config)


def check_text(
    text: str, *, path: str | None = None, config: Config | None = None, format: str | None = None
) -> list[Finding]:
    """Check ``text`` and return its findings (format guessed from ``path``; text by default)."""
    _, findings = _linter(config).check_text(text, path or "<text>", format)
    return findings


def check_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], config: Config | None = None
) -> list[FileResult]:
    """Check files and folders; one FileResult (path, doc, findings, error) per file.
    One path on its own (a string) is a list of one, not a list of characters."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return _linter(config).check_paths([os.fspath(p) for p in paths])
