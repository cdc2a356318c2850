"""Configuration: copylint.toml or [tool.copylint] in pyproject.toml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import Severity

DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA")


@dataclass
class Override:
    """Settings that apply to files matching ``globs``."""

    globs: tuple[str, ...]
    levels: dict[str, Severity] = field(default_factory=dict)
    dialect: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    packs: tuple[str, ...] = ("spelling", "house", "promo")
    levels: dict[str, Severity] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    dialect: str = "en-US"
    min_level: Severity = Severity.SUGGESTION
    fail_on: Severity = Severity.WARNING
    #: accepted words (exact) and patterns (compiled lazily by the user of it)
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    #: the files the accept list came from; ``vocab add`` appends to the first
    accept_files: tuple[str, ...] = ()
    #: house-style choices (oxford_comma, percent, dash, headline_case, ...)
    options: dict[str, Any] = field(default_factory=dict)
