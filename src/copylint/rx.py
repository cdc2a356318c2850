"""What a check needs of ``regex`` when its patterns come from the program cache.

``import regex`` runs ``regex._main`` and ``regex._regex_core``: the module's parser
and compiler, in Python (about 8 ms and 45 M instructions of every start, ahead of
the fork of a ``-j`` run). A check whose patterns all come from the program cache
(``regexcache``) needs none of it: only the C engine, ``regex._regex``, which takes
a compiled program. This module loads that engine alone, by its spec and under its
own name (a later ``import regex`` finds it in ``sys.modules`` and uses the same
module: the same ``Pattern`` type), and holds the flags as plain ints (their values
in ``regex.RegexFlag``; tests/test_rx.py checks them).

Anything else of ``regex`` (``compile``, ``escape``, ``error``, ``sub``...) is the
``regex`` module's own, imported on first use: ``rx.error`` in an ``except`` clause
is looked up only when an exception is raised, and ``rx.compile`` only where a
pattern must really be compiled (a cache miss, a rule of the user's).
"""

from __future__ import annotations

import sys

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

# the flags, as ``regex.RegexFlag`` has them
A = ASCII = 0x80
B = BESTMATCH = 0x1000
D = DEBUG = 0x200
E = ENHANCEMATCH = 0x8000
F = FULLCASE = 0x4000
I = IGNORECASE = 0x2  # noqa: E741 - regex's own name
L = LOCALE = 0x4
M = MULTILINE = 0x8
P = POSIX = 0x10000
R = REVERSE = 0x400
S = DOTALL = 0x10
U = UNICODE = 0x20
V0 = VERSION0 = 0x2000
V1 = VERSION1 = 0x100
W = WORD = 0x800
X = VERBOSE = 0x40
T = TEMPLATE = 0x1

#: the flags' names, for the test that they are regex's
FLAGS = (
    "A ASCII B BESTMATCH D DEBUG E ENHANCEMATCH F FULLCASE I IGNORECASE L LOCALE "
    "M MULTILINE P POSIX R REVERSE S DOTALL U UNICODE V0 VERSION0 V1 VERSION1 "
    "W WORD X VERBOSE T TEMPLATE"
).split()


def _load_engine() -> Any:
    """``regex._regex``, loaded as ``import regex._regex`` would load it but without
    running the package's ``__init__`` (which imports ``regex._main``)."""
    module = sys.modules.get("regex._regex")
    if module is not None:
        return module
    from importlib.machinery import PathFinder
    from importlib.util import find_spec, module_from_spec

    package = find_spec("regex")  # a top-level name: found, not imported
    where = None if package is None else package.submodule_search_locations
    spec = None if not where else PathFinder.find_spec("regex._regex", where)
    if spec is None or spec.loader is None:  # pragma: no cover - an unusual install
        import regex._main

        return regex._main._regex
    module = module_from_spec(spec)
    sys.modules["regex._regex"] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:  # pragma: no cover - a broken install: as import would
        del sys.modules["regex._regex"]
        raise
    return module


#: the C engine: ``engine.compile(pattern, *program)`` is what ``regex.compile``
#: ends with
engine = _load_engine()

_version: str | None = None


def version() -> str:
    """``regex.__version__``, read from ``regex/_main.py`` (where it is set) while
    ``regex`` is not imported."""
    global _version
    if _version is None:
        main = sys.modules.get("regex._main")
        if main is not None:
            _version = str(main.__version__)
        else:
            _version = _read_version()
    return _version


def _read_version() -> str:
    import os

    path = os.path.join(os.path.dirname(engine.__file__), "_main.py")
    try:
        with open(path, "rb") as fh:
            text = fh.read()
        start = text.index(b'\n__version__ = "') + 16
        return text[start : text.index(b'"', start)].decode("ascii")
    except (OSError, ValueError, UnicodeDecodeError):  # pragma: no cover - as imported
        import regex

        return str(regex.__version__)


def default_version() -> int:
    """``regex.DEFAULT_VERSION`` as an int: ``VERSION0`` unless ``regex`` is imported
    and a caller changed it."""
    module = sys.modules.get("regex")
    if module is None:
        return V0
    return int(getattr(module, "DEFAULT_VERSION", V0))


def is_pattern(obj: object) -> bool:
    """``isinstance(obj, regex.Pattern)``, without importing ``regex`` for its type
    (the engine's type, which ``regex.Pattern`` is)."""
    kind = type(obj)
    return kind.__name__ == "Pattern" and kind.__module__ == "_regex"


def whole() -> Any:
    """The ``regex`` module, imported if it is not yet. Its package is then given the
    engine as ``regex._regex``, the attribute an import of the package binds (the
    engine loaded alone is in ``sys.modules`` but bound to no package: ``regex._main``
    finds it there, an ``import regex`` elsewhere leaves the attribute unset)."""
    import regex
    import regex._main

    if getattr(regex, "_regex", None) is None:
        regex._regex = engine
    return regex


def __getattr__(name: str) -> Any:
    """The rest of ``regex`` (``compile``, ``escape``, ``error``...): its module's."""
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(whole(), name)
