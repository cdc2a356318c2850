"""Loaded rule sets kept between runs, so that a run does not load its packs again.

Loading the default packs (parsing about a hundred rule files, validating their
fields, softening and joining a thousand patterns into the rule types' structures)
took about 0.1 s of a 0.2 s check of one short draft. What ``load_packs`` makes of a
set of packs is a function of their files: it is kept here, in a file of the pattern
cache folder (``rulesets/<key>.bin``), and read back (about a tenth of the time) on
the next run that loads the same packs.

The key holds everything a load depends on: the packs asked for and where they
were found, the path and bytes of every file a load reads (each pack's
``pack.yml`` and rule files), whether the load is lenient (a Vale style), the
copylint code and its libraries (``cache.code_fingerprint``: version, names, sizes
and times of its files, the Python version) and the literal-matching engine. The
files some rules read besides their own (Vale's ``ignore`` word lists) are known only
once the rules are loaded: the entry lists them with their digests, and a file that
changed (or appeared) since makes the entry a miss.

What is kept is the rule objects as loaded, before any document was checked: no
compiled pattern (``LazyPattern`` compiles on first use, as after a load). Patterns
are validated when a rule file is first loaded, so a rule set whose load failed is
never kept. With the rules, the cores of their anchorless patterns (``_core.sources_for``:
a reading of each pattern by the standard parser, a function of the pattern and the
code the key holds), so that a run reads none of them again.

The file is trusted only when this user wrote it: it starts with a MAC of the rest
made with the per-user key (``signing.cache_key_path``), checked before anything in
it is read. It is a pickle, so the check matters: a file with a wrong MAC (damaged,
written by someone else, or by another copylint whose classes may differ) is a miss,
rebuilt and written again; and even a signed one is read by an unpickler that makes
only the objects a rule set is built of (copylint's classes, paths, enum members,
``re`` patterns, the nodes of a metric formula), nothing else. A standard ``re``
pattern a rule compiled (a promo rule's word list) is kept as its source and
compiled again from the program cache (``regexcache.compile_re``).
"""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

from ..signing import new_hash

try:  # the C pickler, which ``pickle`` re-exports: its module (``struct``, a look for
    # Jython's classes) is ~0.9 ms of imports before the workers fork
    import _pickle as pickle
except ImportError:  # pragma: no cover - a Python without it
    import pickle  # type: ignore[no-redef]

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..cache import ResultCache
    from .loader import RuleSet

#: the layout of an entry (a new one ignores entries written by the old)
FORMAT = 2
#: the pickle protocol of an entry (``PROTOCOL`` of Python 3.8 to 3.13)
PROTOCOL = 5
#: entries past which a save removes the least recently used
MAX_FILES = 24
#: the folder in the pattern cache folder
FOLDER = "rulesets"

_code: str | None = None
#: what this process's loads did: read back, built afresh, written (for tests and
#: benchmarks)
stats = {"hits": 0, "misses": 0, "stored": 0}


def _code_fingerprint() -> str:
    global _code
    if _code is None:
        from ..cache import code_fingerprint

        _code = code_fingerprint()
    return _code


def key_for(
    names: tuple[str, ...] | list[str],
    base: Path | None,
    lenient: bool,
    memo: ResultCache | None = None,
) -> str | None:
    """The key of loading ``names`` (looked for in ``base``) as things are now; None
    when a pack is not a readable folder (the load then says why, and nothing is kept).
    With ``memo`` (the results cache of the run), a file whose status its stat memo
    holds (``rules_fingerprint`` put it there) is not read again: the digest of its
    bytes is the memo's. (Only for a file no larger than the load reads: the memo
    holds the digest of a whole file.)"""
    from ..files import read_regular
    from .literals import pure_python
    from .packs import MAX_RULE_FILE, builtin_packs_dir, pack_files, resolve_pack

    files = pack_files(names, base)
    if files is None:
        return None
    h = new_hash()
    head = (FORMAT, _code_fingerprint(), lenient, str(builtin_packs_dir()), pure_python())
    h.update(repr(head).encode())
    try:
        # each pack as named (its rules' paths are written so) and where it really
        # is (a pack reached through a symbolic link is built in, its patterns run
        # untimed, or not by where the link points); the folder it was looked for
        # in matters no further: the default packs of every project share an entry
        for name in names:
            path = resolve_pack(str(name), base)
            h.update(f"\0pack\0{name}\0{path}\0{path.resolve()}".encode())
    except (OSError, RuntimeError):
        return None
    for path in files:
        h.update(f"\0file\0{path}\0".encode())
        if memo is not None:
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if st is not None and st.st_size <= MAX_RULE_FILE:
                from ..cache import RULE_FILE

                sha = memo.known_digest(st, RULE_FILE)
                if sha is not None:
                    h.update(bytes.fromhex(sha))
                    continue
        try:  # no FIFO opened (the load passes over a pack.yml that is no file)
            data = read_regular(path, MAX_RULE_FILE)  # a larger one is refused by the load
        except FileNotFoundError:
            data = None
        except OSError:
            return None  # a rule file that cannot be read: the load says why
        h.update(b"\0missing" if data is None else new_hash(data).digest())
    return h.hexdigest()


def _path(key: str) -> Path:
    from ..signing import cache_dir

    return cache_dir() / FOLDER / f"{key}.bin"


def _word_states(paths: list[str]) -> list[tuple[str, str | None]]:
    """Each file's digest, or None when it is not a readable regular file (a FIFO is
    not opened: the load passes over it)."""
    from ..files import read_regular
    from ..signing import READ_LIMIT

    out: list[tuple[str, str | None]] = []
    for p in paths:
        try:
            data = read_regular(p, READ_LIMIT)
        except OSError:
            data = None
        out.append((p, None if data is None else new_hash(data).hexdigest()))
    return out


#: what a rule set may be built of besides the classes of ``copylint.rules`` and
#: ``copylint.findings`` (see ``_Unpickler``): paths, the flag
#: enums, ``re`` patterns (as ``re._compile`` rebuilds them), sets, and the operators
#: and ``ast`` nodes of a metric rule's formula
_NAMES = frozenset(
    {
        *(("pathlib", n) for n in ("Path", "PosixPath", "WindowsPath", "PurePath")),
        *(("pathlib", n) for n in ("PurePosixPath", "PureWindowsPath")),
        ("re", "_compile"),
        ("re", "RegexFlag"),
        ("regex._regex_core", "RegexFlag"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        *(
            (m, n)
            for m in ("_operator", "operator")
            for n in ("lt", "le", "eq", "ne", "ge", "gt", "add", "sub", "mul", "truediv")
            + ("floordiv", "mod", "pow", "neg", "pos", "not_", "and_", "or_")
        ),
    }
)


class _Pickler(pickle.Pickler):
    """Keeps a standard ``re`` pattern (a promo rule's word list) as one compiled
    again from the program cache (``regexcache.compile_re``) when read back."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            from ..regexcache import compile_re

            return compile_re, (obj.pattern, obj.flags)
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Makes only what a rule set is built of (see the module's docstring)."""

    def find_class(self, module: str, name: str) -> Any:
        if "." in name:  # an attribute of a name ("os.system" of a module that imports os)
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed")
        if (module, name) == ("copylint.regexcache", "compile_re"):
            return super().find_class(module, name)  # the one function of ours called
        if module == "copylint.findings" or module.startswith("copylint.rules."):
            # a class defined in a module rules are made of; no other module is
            # imported (``copylint.__main__`` runs the command line), and no class a
            # module imported from elsewhere
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed")
        if (module, name) in _NAMES or (module == "ast" and name[:1].isupper()):
            found = super().find_class(module, name)
            if module == "ast" and not (isinstance(found, type) and _is_ast(found)):
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed")
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def _is_ast(cls: type) -> bool:
    import ast

    return issubclass(cls, ast.AST)


def load(key: str) -> tuple[RuleSet, list[str]] | None:
    """The rule set kept under ``key`` and the warnings its load gave, or None (a miss:
    none kept, not signed by this user, damaged, or a word file it read has changed)."""
    found = _load(key)
    stats["hits" if found is not None else "misses"] += 1
    return found


def _load(key: str) -> tuple[RuleSet, list[str]] | None:
    from ..signing import _secret, binary_body, read_cache_file

    path = _path(key)
    try:
        data = read_cache_file(path)
    except OSError:
        return None
    body = binary_body(data, _secret(create=False))
    if body is None:
        return None
    try:
        entry = _Unpickler(io.BytesIO(body)).load()
    except Exception:  # noqa: BLE001 - any failure to read it back is a miss
        return None
    from .loader import RuleSet

    if not (
        isinstance(entry, tuple)
        and len(entry) == 6
        and entry[0] == FORMAT
        and entry[1] == key
        and isinstance(entry[2], list)
        and all(isinstance(w, str) for w in entry[2])
        and isinstance(entry[3], list)
        and all(_is_word_state(s) for s in entry[3])
        and isinstance(entry[4], RuleSet)
        and _are_core_sources(entry[5])
    ):
        return None
    _format, _key, warnings, states, ruleset, cores = entry
    if states and _word_states([p for p, _ in states]) != states:
        return None
    from .types._core import keep_sources

    keep_sources(cores)
    try:  # most recently used: kept longest when the folder is pruned
        os.utime(path)
    except OSError:
        pass
    return ruleset, warnings


def _are_core_sources(cores: Any) -> bool:
    """Whether ``cores`` is what ``_core.sources_for`` gives: {(source, flags): the
    core's source or None}."""
    return isinstance(cores, dict) and all(
        type(k) is tuple
        and len(k) == 2
        and type(k[0]) is str
        and type(k[1]) is int
        and (v is None or type(v) is str)
        for k, v in cores.items()
    )


def _is_word_state(state: Any) -> bool:
    """Whether ``state`` is what ``_word_states`` gives for a file: (path, digest or None)."""
    return (
        isinstance(state, tuple)
        and len(state) == 2
        and isinstance(state[0], str)
        and (state[1] is None or isinstance(state[1], str))
    )


def store(key: str, ruleset: RuleSet, warnings: list[str]) -> None:
    """Keep ``ruleset`` (just loaded, nothing checked with it yet) under ``key``
    (atomically; a cache that cannot be written only costs time)."""
    from ..signing import _secret, mac_bytes

    secret = _secret(create=True)
    if secret is None:
        return  # no key of our own: a file nobody could trust is not written
    states = _word_states(sorted({f for r in ruleset.rules for f in r.word_files}))
    from .types._core import sources_for

    # the cores of the anchorless patterns, read here once (the standard parser:
    # ~1 ms a run before the workers fork), trusted as the rule set is
    cores = sources_for(ruleset.rules)
    out = io.BytesIO()
    try:
        _Pickler(out, protocol=PROTOCOL).dump((FORMAT, key, list(warnings), states, ruleset, cores))
    except Exception:  # noqa: BLE001 - a rule holding what cannot be kept: not kept
        return
    body = out.getvalue()
    mac = mac_bytes(secret, body)
    path = _path(key)
    from ..cache import temp_file

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = temp_file(path.parent, ".ruleset-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(mac + body)
        os.replace(tmp, path)
    except BaseException as exc:  # a full disk, or Ctrl-C: no half-written file left
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            return
        raise
    stats["stored"] += 1
    _prune(path.parent)


#: seconds after which a temporary file is taken for one a killed run left
STALE_TEMP = 3600


def _prune(folder: Path) -> None:
    """Past ``MAX_FILES`` entries, remove the least recently used; and the temporary
    files of runs killed while writing one (none another run may be writing now)."""
    try:
        found = list(os.scandir(folder))
    except OSError:
        return
    entries: list[tuple[int, str]] = []
    stale = time.time_ns() - STALE_TEMP * 10**9
    for e in found:
        try:  # another run may have removed it meanwhile
            mtime = e.stat(follow_symlinks=False).st_mtime_ns
            if e.name.endswith(".bin"):
                entries.append((mtime, e.path))
            elif e.name.startswith(".ruleset-") and mtime < stale:
                os.unlink(e.path)
        except OSError:
            continue
    entries.sort()
    for _mtime, path in entries[: max(0, len(entries) - MAX_FILES)]:
        try:
            os.unlink(path)
        except OSError:
            pass
