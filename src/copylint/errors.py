"""One error family. The CLI turns any of these into one line and exit code 2."""

from __future__ import annotations


class CopylintError(Exception):
    """Base class: carries the file and, where it applies, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        #: the config key the error is about, when a caller may know the file
        self.key: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(CopylintError):
    """A config file is wrong."""


class RuleError(CopylintError):
    """A rule file is wrong."""


class InputError(CopylintError):
    """A draft cannot be read (missing, binary, undecodable)."""
