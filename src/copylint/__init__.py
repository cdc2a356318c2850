"""copylint: a typo and house-style linter for editorial copy.

The library surface: :func:`check_text`, :func:`check_paths`, :class:`Config`,
:func:`load_config`, :class:`Finding`, :class:`Edit`, :class:`Severity`, :class:`Linter`.
"""

from __future__ import annotations

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import check_paths, check_text
    from .config import Config, load_config
    from .engine import Linter
    from .findings import Edit, Finding, Severity

#: name -> the module that defines it; imported on first use (PEP 562), so that the
#: command line, which needs little of it for a run the results cache answers, does
#: not pay for all of it at start-up
_WHERE = {
    "check_paths": "api",
    "check_text": "api",
    "Config": "config",
    "load_config": "config",
    "Linter": "engine",
    "Edit": "findings",
    "Finding": "findings",
    "Severity": "findings",
}

__all__ = [
    "Config",
    "Edit",
    "Finding",
    "Linter",
    "Severity",
    "check_paths",
    "check_text",
    "load_config",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'copylint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
