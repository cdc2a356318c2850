"""``regex`` (and ``re``) patterns compiled from a cache of their programs.

``regex`` parses and optimises a pattern in Python, then hands the program (a list
of integers and the group tables) to its C engine. The parsing is most of the cost:
a one-file check compiles about a hundred patterns at import and on first use,
0.05-0.09 s. ``compile`` keeps each program in a file of the pattern cache folder
(``programs.<python>.bin``: a file for each Python, ``programs.cpython-311.bin``)
and, on later runs, hands it straight to the engine: the same call
``regex.compile`` makes, with the same arguments, so the pattern is the same.

Each program is kept in the file as its own ``marshal`` bytes, read into a program
only when its pattern is compiled: the file holds every pack's patterns (about 600),
and a run that compiles few of them (one short draft, the spelling pack alone) no
longer builds the integer lists of all (3.5 ms of a 5 ms read, now 0.6 ms).

The file is trusted only when this user wrote it, as the pattern cache is: its body
carries a MAC made with the per-user key (``signing.cache_key_path``). A
file with a wrong MAC, another ``regex`` build, or an entry of the wrong shape counts
as empty: the pattern is compiled the ordinary way. Patterns with named lists or
locale-dependent matching are never cached.

``compile_re`` does the same for the standard ``re``: its parser and code generator
are Python too (a rule set read back from the rule-set cache compiles its promo
rules' word lists, 2-3 ms); the program (``_sre.compile``'s arguments) is kept in
the same file, under the Python build that made it. A pattern ``re`` refuses (a
Unicode property such as ``\\p{L}``, a lookbehind of varying width: ``regex`` then
compiles it) is kept too, as the message of its ``re.error``; ``compile_re`` raises
that again at once instead of parsing the pattern to find the fault again (47 house
patterns, parsed on every run before).
"""

from __future__ import annotations

import _thread
import atexit
import marshal
import re
import sys
from collections.abc import Callable
from pathlib import Path

from . import rx

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import regex

#: the file's layout version (a new one ignores files written by the old)
FORMAT = 4
#: programs past which a save keeps only those this run used
MAX_ENTRIES = 1500

_lock = _thread.RLock()
#: the ``regex`` programs, by (pattern, flags): as read from the file (``marshal``
#: bytes, see ``_program``) until first used, or as compiled this run
_programs: dict[tuple[str, int], tuple | bytes] | None = None
#: the standard ``re``'s programs, by (pattern, flags), the same way
_re_programs: dict[tuple[str, int], tuple | bytes] = {}
_used: set[tuple[str, int]] = set()
_re_used: set[tuple[str, int]] = set()
_new = False
_saving = False
#: the standard ``re.compile`` (``routed_re_compile`` stands in for it meanwhile)
_RE_COMPILE = re.compile
#: how many ``routed_re_compile`` blocks are open (the last one out puts it back)
_routed = 0


def _header() -> tuple:
    # (``regex``'s version and default version read without importing it: ``rx``)
    engine = rx.engine
    return (
        FORMAT,
        rx.version(),
        engine.MAGIC,
        engine.CODE_SIZE,
        rx.default_version(),
        sys.version,
        _re_header(),
    )


def _re_header() -> tuple:
    try:
        import _sre

        return (_sre.MAGIC, _sre.CODESIZE, _sre.MAXGROUPS)
    except (ImportError, AttributeError):  # pragma: no cover - another Python
        return ()


def _path() -> Path:
    from .signing import cache_dir, python_tag

    return cache_dir() / f"programs.{python_tag()}.bin"


def _load() -> dict[tuple[str, int], tuple | bytes]:
    """The ``regex`` programs of the cache file, or nothing when it is missing,
    foreign or damaged."""
    return _load_both()[0]


def _load_both() -> tuple[
    dict[tuple[str, int], tuple | bytes], dict[tuple[str, int], tuple | bytes]
]:
    """The ``regex`` and the ``re`` programs of the cache file (nothing when it is
    missing, foreign or damaged), each still its ``marshal`` bytes (``_program``)."""
    from .signing import _secret, binary_body, read_cache_file

    try:
        data = read_cache_file(_path())
    except OSError:
        return {}, {}

    body = binary_body(data, _secret(create=False))
    if body is None:
        return {}, {}
    try:
        header, table, re_table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}, {}
    if header != _header() or not isinstance(table, dict) or not isinstance(re_table, dict):
        return {}, {}
    return table, re_table


def _program(args: tuple | bytes) -> Any:
    """An entry's program: as it is, or read from the ``marshal`` bytes the file keeps
    it as (None when they are damaged: the pattern is then compiled afresh)."""
    if type(args) is not bytes:
        return args
    try:
        return marshal.loads(args)
    except (EOFError, ValueError, TypeError):
        return None


def _entries(
    table: dict[tuple[str, int], tuple | bytes], valid: Callable[[Any, Any], bool]
) -> dict[tuple[str, int], bytes]:
    """The entries of ``table`` of the right shape (``valid``), as the file keeps them."""
    out: dict[tuple[str, int], bytes] = {}
    for key, args in table.items():
        program = _program(args)
        if valid(key, program):
            out[key] = args if type(args) is bytes else marshal.dumps(program)
    return out


def _valid_key(key: Any) -> bool:
    """Whether a cached entry's key is a (pattern, flags) pair."""
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], str)
        and isinstance(key[1], int)
    )


def _valid(key: Any, args: Any) -> bool:
    """Whether a cached entry has the shape of ``_regex.compile``'s arguments."""
    return (
        _valid_key(key)
        and isinstance(args, tuple)
        and len(args) == 10
        and isinstance(args[0], int)
        and isinstance(args[1], list)
        and all(isinstance(c, int) for c in args[1])
        and isinstance(args[2], dict)
        and isinstance(args[3], dict)
        and args[4] == {}
        and args[5] == []
        and all(isinstance(a, int) for a in (args[6], args[8], args[9]))
        and isinstance(args[7], tuple)
    )


def _valid_re(key: Any, args: Any) -> bool:
    """Whether a cached entry has the shape of ``_sre.compile``'s arguments (or of a
    refusal: the message of the ``re.error`` the pattern raised)."""
    if _valid_key(key) and isinstance(args, tuple) and len(args) == 1:
        return isinstance(args[0], str)
    return (
        _valid_key(key)
        and isinstance(args, tuple)
        and len(args) == 5
        and isinstance(args[0], int)
        and isinstance(args[1], list)
        and all(type(c) is int for c in args[1])
        and isinstance(args[2], int)
        and isinstance(args[3], dict)
        and all(isinstance(k, str) and isinstance(v, int) for k, v in args[3].items())
        and isinstance(args[4], tuple)
        and all(a is None or isinstance(a, str) for a in args[4])
    )


def _regex_args(args: tuple) -> tuple:
    """``_regex.compile``'s arguments after the pattern, as marshal writes them (flags
    come as RegexFlag members: kept as plain ints)."""
    return tuple(
        int(a) if isinstance(a, int) else [int(c) for c in a] if a is args[2] else a
        for a in args[1:]
    )


def _sre_args(args: tuple) -> tuple:
    """``_sre.compile``'s arguments after the pattern, as marshal writes them (opcodes
    come as named int constants: kept as plain ints)."""
    return (int(args[1]), [int(c) for c in args[2]], int(args[3]), dict(args[4]), tuple(args[5]))


class _Recorder:
    """Stands in for an engine module (``regex``'s C engine, ``_sre``) while a pattern
    compiles: keeps the arguments of the program it hands over (``keep`` puts them in
    the form the file holds)."""

    def __init__(self, engine: Any, pattern: str, keep: Callable[[tuple], tuple]):
        self.engine = engine
        self.pattern = pattern
        self.keep = keep
        self.thread = _thread.get_ident()
        self.args: tuple | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def compile(self, *args: Any) -> Any:
        # only this pattern's program, not one another thread compiles meanwhile
        if args[0] is self.pattern and _thread.get_ident() == self.thread:
            self.args = self.keep(args)
        return self.engine.compile(*args)


def _recorded(owner: Any, name: str, pattern: str, keep: Callable[[tuple], tuple], make):
    """``make()``, with ``owner.name`` (the engine module) replaced by a ``_Recorder``
    meanwhile; returns what ``make`` made and the program's arguments (or None)."""
    engine = getattr(owner, name)
    recorder = _Recorder(engine, pattern, keep)
    setattr(owner, name, recorder)
    try:
        compiled = make()
    finally:
        setattr(owner, name, engine)
    return compiled, recorder.args


def _programs_loaded() -> dict[tuple[str, int], tuple | bytes]:
    global _programs, _re_programs
    if _programs is None:
        _programs, _re_programs = _load_both()
        atexit.register(save)
    return _programs


def _from_programs(
    key: tuple[str, int],
    table: dict[tuple[str, int], tuple | bytes],
    used: set[tuple[str, int]],
    engine_compile: Callable[..., Any],
    fresh: Callable[[], tuple[Any, tuple | None]],
    keep: Callable[[tuple], bool],
) -> Any:
    """The pattern of ``key``: from its program in ``table`` through ``engine_compile``,
    else ``fresh()`` (compiled and recorded), its program kept when ``keep(args)``."""
    global _new
    found = table.get(key)
    if found is not None:
        args = _program(found)
        used.add(key)
        try:
            compiled = engine_compile(key[0], *args)
            table[key] = args  # read once
            return compiled
        except Exception:  # noqa: BLE001 - a bad entry: compile it afresh
            del table[key]
    compiled, args = fresh()
    if args is not None and keep(args):
        table[key] = args
        used.add(key)
        _new = True
    return compiled


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile(pattern, flags)``, from the cached program when there is one
    (handed to the C engine alone: ``regex`` itself is imported only to compile a
    pattern afresh)."""
    key = (pattern, int(flags))

    def fresh() -> tuple[Any, tuple | None]:
        regex = rx.whole()
        return _recorded(
            regex._main,
            "_regex",
            pattern,
            _regex_args,
            lambda: regex.compile(pattern, flags, cache_pattern=False),
        )

    def keep(args: tuple) -> bool:
        return (
            not args[4]  # named lists
            and not args[0] & rx.LOCALE
            and not rx.whole()._main._locale_sensitive.get((str, pattern), False)
            and _valid(key, args)
        )

    with _lock:
        programs = _programs_loaded()
        return _from_programs(key, programs, _used, rx.engine.compile, fresh, keep)


def cached(pattern: str, flags: int = 0) -> bool:
    """Whether ``compile(pattern, flags)`` would come from a program of the cache file,
    which a save then keeps as if this run had compiled the pattern.

    A process about to fork workers compiles only the patterns without one (so that
    their programs are saved for the next run: a worker's never are) and leaves the
    others to the workers that meet them, each from its program (~25 us): of the
    ~590 programs the default packs' ``prepare`` compiled, a worker given half the
    benchmark's 300 drafts used ~300."""
    key = (pattern, int(flags))
    with _lock:
        if key in _programs_loaded():
            _used.add(key)
            return True
    return False


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the cached program when there is one."""
    flags = int(flags)
    key = (pattern, flags)
    compiler = getattr(re, "_compiler", None)
    if flags & (re.DEBUG | re.LOCALE) or compiler is None or not isinstance(pattern, str):
        return _RE_COMPILE(pattern, flags)

    def fresh() -> tuple[Any, tuple | None]:
        return _recorded(
            compiler, "_sre", pattern, _sre_args, lambda: compiler.compile(pattern, flags)
        )

    global _new
    with _lock:
        _programs_loaded()
        known = _re_programs.get(key)
        if known is not None:
            known = _re_programs[key] = _program(known)
            if known is None:  # damaged: compiled afresh
                del _re_programs[key]
        if known is not None and len(known) == 1:
            # ``re`` refused this pattern on an earlier run: refuse it again without
            # parsing it (a rule's pattern with ``\p{L}`` or a lookbehind of varying
            # width, which ``patterns.compile_pattern`` then hands to ``regex``)
            _re_used.add(key)
            raise re.error(known[0])
        try:
            return _from_programs(
                key,
                _re_programs,
                _re_used,
                compiler._sre.compile,
                fresh,
                lambda a: _valid_re(key, a),
            )
        except re.error as exc:
            _re_programs[key] = (str(exc),)
            _re_used.add(key)
            _new = True
            raise


def _re_compile_routed(pattern: Any, flags: int = 0) -> re.Pattern:
    """``re.compile`` while ``routed_re_compile`` is open: ``compile_re``."""
    return compile_re(pattern, flags)


class routed_re_compile:  # noqa: N801 - used as a ``with`` block, like a function
    """``with routed_re_compile():`` -- every ``re.compile`` meanwhile, by any module,
    is ``compile_re``: a third-party module that compiles its patterns at import
    (markdown-it's ~70, 58 M instructions of its import, 42 %) gets them from the
    cached programs. The same patterns: ``compile_re`` hands ``_sre.compile`` the
    arguments ``re.compile`` would have handed it (or calls ``re.compile`` itself for
    what it does not cache). ``re.compile`` is the module's, so the block is for a
    process with one thread (``parsers.mdload`` opens it only then); blocks may nest,
    and the last one out puts ``re.compile`` back."""

    def __enter__(self) -> None:
        global _routed
        with _lock:
            _routed += 1
            re.compile = _re_compile_routed  # type: ignore[assignment]

    def __exit__(self, *exc: object) -> None:
        global _routed
        with _lock:
            _routed -= 1
            if _routed == 0:
                re.compile = _RE_COMPILE


def save() -> None:
    """Write the programs compiled afresh this run (atomically; never raises)."""
    global _new
    with _lock:
        if not _new or _programs is None:
            return
        _new = False
        table = dict(_programs)
        re_table = dict(_re_programs)
        used = set(_used)
        re_used = set(_re_used)
    try:
        from .signing import _secret

        key = _secret(create=True)
        if key is None:
            return
        on_disk, re_on_disk = _load_both()
        merged = _entries(on_disk, _valid)
        merged.update(_entries(table, _valid))
        if len(merged) > MAX_ENTRIES:
            merged = {k: v for k, v in merged.items() if k in used}
        re_merged = _entries(re_on_disk, _valid_re)
        re_merged.update(_entries(re_table, _valid_re))
        if len(re_merged) > MAX_ENTRIES:
            re_merged = {k: v for k, v in re_merged.items() if k in re_used}
        from .signing import write_binary

        write_binary(_path(), key, marshal.dumps((_header(), merged, re_merged)), ".programs-")
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        return
