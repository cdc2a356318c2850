"""copylint: a typo and house-style linter for editorial copy.

The library surface: :func:`check_text`, :func:`check_paths`, :class:`Config`,
:func:`load_config`, :class:`Finding`, :class:`Edit`, :class:`Severity`, :class:`Linter`.
"""

__version__ = "0.1.0"

from .api import check_paths, check_text  # noqa: E402
from .config import Config, load_config  # noqa: E402
from .engine import Linter  # noqa: E402
from .findings import Edit, Finding, Severity  # noqa: E402

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
