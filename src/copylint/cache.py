"""The results cache: the findings of files that have not changed, kept between runs.

As ruff and mypy do, ``check`` and ``fix`` keep each file's findings in
``.copylint_cache/`` (in the project root, git-ignored by a ``.gitignore`` written
inside it). An entry is found by a key made of everything the findings depend on:

- the file's bytes (their digest, BLAKE2b) and the format it is parsed as;
- the effective settings for that file (dialect, rule levels, house options,
  minimum level, accepted and rejected words), per-glob overrides applied;
- the rule files of the loaded packs (their paths and contents);
- the copylint version and its code and data (names, sizes and modification times
  of the package's files, so an edited or reinstalled copylint misses), the Python
  version, and the installs of ``regex``, markdown-it-py and PyYAML (the same way).

Beside the entries, the file keeps *notes*: the warnings a run gave about the config
against the loaded rules (a level for a rule that does not exist), under a key of
the rule files, the config and its file's bytes. With those, a run whose every file
the cache answers gives the same warnings without loading the rules at all.

All entries live in one JSON file, written atomically (a temporary file renamed
over it). It also keeps a *stat memo*, as git's index does: for each draft read,
its status (size, modification and change times, by its device and inode) and the
digest of its bytes, so that a later run finds the key of a draft whose status is
unchanged without reading it (a file moved or renamed keeps its inode; one written
anew gets new times). A status whose times are not older than the run by ``RACY_NS``
is not kept (a write in the same tick of the clock as the read could leave it
unchanged): such a draft is read and hashed again next time. The findings
themselves stay keyed by the bytes' hash. Beside the entries, the file keeps which entry was last written for each
file (its *slot*: its path, format and settings, and the copylint install and Python
that checked it), so that a file edited many times keeps one entry, not one for each
of its versions: an entry written for a slot replaces the one written for it before
(unless that one answered this run too, or another slot still names it). Two runs at
once merge their slots as they merge their entries.

An entry that is damaged, of another layout or of another key is ignored
and rebuilt, never trusted. A cache that cannot be read or written only costs time.

The file is trusted only when this user wrote it: it carries a MAC made with the
per-user key (``signing.cache_key_path``), as the pattern cache does. A results file
edited by anyone else (a CI cache restored from another job, another user) counts as
empty: its entries could hide findings, or make ``fix`` write any text into a draft.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from .findings import Edit, Finding, Severity
from .signing import new_hash

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: the folder, in the project root
CACHE_DIR = ".copylint_cache"
#: the layout of the results file; a file of another layout is ignored
FORMAT = 2
RESULTS = f"results-{FORMAT}.json"
#: past this many entries, a save keeps only the entries this run used
MAX_ENTRIES = 20000
#: past this many notes, a save keeps only the notes this run used
MAX_NOTES = 64
_GITIGNORE = "# Automatically created by copylint.\n*\n"
#: a draft whose modification or change time is not this much older than the run's
#: start is not put in the stat memo (see above): more than the coarsest timestamps
#: of the file systems drafts live on (2 s), and the kernel's clock ticks
RACY_NS = 3_000_000_000


def digest(data: bytes) -> str:
    """The digest of a file's bytes (``signing.new_hash``), the content part of its key."""
    return new_hash(data).hexdigest()  # type: ignore[no-any-return]


#: a rule file that names other files it reads (Vale's ``ignore`` word lists; not
#: ``ignorecase``): which ones is known only once the rules are loaded. (The word
#: boundary is looked behind: a pattern that starts with the literal is searched for
#: quickly, one that starts with ``\b`` is tried at every byte, 3 ms a run.)
_NAMES_WORD_FILES = rb"ignore(?<=\bignore)['\"]?\s*:"
#: the pattern compiled, when a rule file was first read (a run whose every rule file
#: the stat memo knows compiles none)
_names_word_files: re.Pattern[bytes] | None = None


def _names_files(data: bytes) -> bool:
    """Whether a rule file's bytes name word files of its own (``_NAMES_WORD_FILES``)."""
    global _names_word_files
    if _names_word_files is None:
        _names_word_files = re.compile(_NAMES_WORD_FILES)
    return _names_word_files.search(data) is not None


def rules_fingerprint(
    paths: list[Path],
    word_files: Callable[[], list[Path]] | None = None,
    memo: ResultCache | None = None,
) -> str:
    """The paths and contents (their digests) of the rule files (and pack files) a
    run loaded; when one of them names word files of its own, ``word_files()`` (which
    loads the rules to say which) and their contents too. With ``memo`` (a results
    cache), a rule file whose status its stat memo holds is not read; a file read is
    put in the memo unless it names word files (that it does is known only from its
    bytes)."""
    import time

    h = new_hash()
    names_files = False
    since = time.time_ns()
    for path in paths:
        h.update(f"{path}\0".encode())
        st = None
        if memo is not None:
            try:
                st = os.stat(path)
            except OSError:
                st = None
            sha = memo.known_digest(st, RULE_FILE) if st is not None else None
            if sha is not None:
                h.update(sha.encode())
                continue
        data = _read_rule_file(path)
        h.update(b"\0missing" if data is None else digest(data).encode())
        if data is None:
            continue
        names = word_files is not None and _names_files(data)
        names_files = names_files or names
        if st is not None and memo is not None and not names and len(data) == st.st_size:
            memo.note_digest(st, digest(data), since, RULE_FILE)
    if names_files and word_files is not None:
        h.update(b"\0word files\0")
        for path in word_files():
            _add_file(h, path)
    return h.hexdigest()


#: the stat memo's mark on the entries of rule files (see ``rules_fingerprint``),
#: which a draft's never answers for
RULE_FILE = "rule "


def _read_rule_file(path: Path) -> bytes | None:
    """A rule file's bytes; None when it is missing or no regular file."""
    from .files import read_regular  # a FIFO is passed over, as the load does
    from .signing import READ_LIMIT

    try:
        return read_regular(path, READ_LIMIT)
    except OSError:
        return None


def _add_file(h: Any, path: Path) -> bytes | None:
    """Add a file's path and bytes (or that it is missing) to ``h``; its bytes."""
    h.update(f"{path}\0".encode())
    data = _read_rule_file(path)
    _update(h, data)
    return data


def _update(h: Any, data: bytes | None) -> None:
    h.update(b"\0missing" if data is None else data)
    h.update(b"\0")


#: the libraries whose behaviour findings depend on (matching, Markdown parsing, rule
#: files' YAML): an upgrade or reinstall of one misses, as one of copylint does
_LIBRARIES = ("regex", "markdown_it", "yaml")


#: the code fingerprint this process worked out, by copylint version (see below)
_code: dict[str, str] = {}


def code_fingerprint() -> str:
    """The copylint version and the names, sizes and times of its code and data files,
    the Python version, and where the libraries findings depend on are installed (with
    their files' sizes and times). Worked out once a process (the results cache and
    the rule-set cache both ask): the code a process runs is what it imported."""
    from . import __version__

    known = _code.get(__version__)
    if known is None:
        known = _code[__version__] = _code_fingerprint(__version__)
    return known


def _code_fingerprint(__version__: str) -> str:
    here = Path(__file__).resolve().parent
    h = new_hash(f"{__version__}\0{sys.version}\0".encode())
    for folder, files in _code_files(str(here)):
        for name, entry in files:
            _stamp_entry(h, os.path.join(folder, name), entry)
    h.update(b"\0libraries\0")
    for name in _LIBRARIES:
        _stamp_library(h, name)
    return h.hexdigest()


def _code_files(top: str) -> list[tuple[str, list[tuple[str, os.DirEntry[str]]]]]:
    """The folders below ``top`` (itself included) and the files in each, as
    ``sorted(os.walk(top))`` gives them, less the folders whose path holds
    ``__pycache__`` and the ``.pyc`` and ``.pyo`` files; each file with its
    ``os.DirEntry`` (its ``stat`` is ``os.stat`` of its path, one system call).

    A ``__pycache__`` folder (and anything below one) is never listed: ``os.walk``
    listed each, every run, for its files to be passed over (about a third of the
    fingerprint's time). As ``os.walk`` does, a link to a folder is not followed and
    a folder that cannot be listed is left out."""
    if "__pycache__" in top:
        return []
    out = []
    stack = [top]
    while stack:
        folder = stack.pop()
        files = []
        below = []
        try:
            with os.scandir(folder) as it:
                for entry in it:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    name = entry.name
                    if is_dir:
                        if "__pycache__" not in name and not entry.is_symlink():
                            below.append(entry.path)
                    elif not name.endswith((".pyc", ".pyo")):
                        files.append((name, entry))
        except OSError:
            continue
        files.sort(key=_first)
        out.append((folder, files))
        stack.extend(below)
    out.sort(key=_first)
    return out


def _first(item: tuple[str, Any]) -> str:
    return item[0]


def _stamp_entry(h: Any, path: str, entry: os.DirEntry[str]) -> None:
    try:
        st = entry.stat()
    except OSError:
        return
    h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())


def _stamp(h: Any, path: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return
    h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())


def _stamp_library(h: Any, name: str) -> None:
    """A library's version, read without importing it: the files of its package folder
    (an upgrade writes them again: new times, often new sizes)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        h.update(f"{name}:none\n".encode())
        return
    folder = os.path.dirname(spec.origin)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        names = []
    for file in names:
        if file.endswith((".py", ".so", ".pyd")):
            _stamp(h, os.path.join(folder, file))


class ResultCache:
    """Findings by key, read from and written to ``folder / RESULTS``."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.file = folder / RESULTS
        #: what the findings depend on besides the file and its settings
        self.fingerprint = fingerprint
        self.entries: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.used: set[str] = set()
        #: the stat memo's entries that answered this run (kept when it is pruned)
        self.stats_used: set[str] = set()
        #: the keys of the entries that answered this run
        self.answered: set[str] = set()
        self.hits = 0
        self.misses = 0
        #: the hash of a key's head (see ``key``) by (fingerprint, format, settings)
        self._heads: dict[tuple[str, str, str], Any] = {}
        self.notes: dict[str, Any] = {}
        self.new_notes: dict[str, list[str]] = {}
        #: the slots as read (see ``slot``): JSON bytes, decoded only at a save that needs them
        self.slots: bytes | dict[str, Any] = b"{}"
        #: the entry this run wrote for each slot
        self.new_slots: dict[str, str] = {}
        #: the stat memo as read (JSON bytes, decoded on first use): "device:inode" ->
        #: [size, modification ns, change ns, digest]
        self.stats: bytes | dict[str, Any] = b"{}"
        #: the memo's entries this run made
        self.new_stats: dict[str, list[Any]] = {}
        #: the file as read (its status): unchanged at save, it need not be read again
        self._read_as: tuple[int, ...] | None = None
        seen: list[os.stat_result] = []
        #: where the entries as read stand in the file's bytes (see ``_body_parts``)
        self._spans: dict[str, tuple[memoryview, int, int]] = {}
        self.entries, self.notes, self.slots, self.stats = _read(self.file, seen, self._spans)
        if seen:
            self._read_as = _status(seen[0])

    # -- keys -------------------------------------------------------------
    def key(self, digest: str, fmt: str, settings: str) -> str:
        """The key of a file whose bytes have the digest ``digest`` (see ``digest``)."""
        # (the hash of what comes before the digest is taken once for each format and
        # settings, and copied: a warm run asks the key of every file, with a few)
        fingerprint = self.fingerprint
        head = self._heads.get((fingerprint, fmt, settings))
        if head is None:
            head = new_hash(f"{FORMAT}\0{fingerprint}\0{fmt}\0{settings}\0".encode())
            self._heads[(fingerprint, fmt, settings)] = head
        h = head.copy()
        h.update(digest.encode())
        return h.hexdigest()

    def slot(self, path: str | os.PathLike[str], fmt: str, settings: str) -> str:
        """What an entry is written for: the file at ``path`` (relative to the folder
        the cache folder is in, when it is inside it), as ``fmt``, with ``settings``,
        checked by this install of copylint on this Python (the code part of the
        fingerprint: a pre-commit hook's copylint and the project environment's, or two
        Pythons, sharing a project do not replace each other's entries; edited rule
        files do). The newest entry written for a slot is the only one kept."""
        where = os.path.abspath(path)
        root = os.path.join(os.path.abspath(self.folder.parent), "")
        if where.startswith(root):
            where = where[len(root) :]
        install = self.fingerprint.partition(":")[0]  # (see Linter.use_cache)
        h = new_hash(
            f"{sys.implementation.cache_tag}\0{install}\0{fmt}\0{settings}\0{where}".encode(
                "utf-8", "surrogateescape"
            )
        )
        return h.hexdigest()[:32]

    # -- the stat memo ------------------------------------------------------
    def known_digest(self, st: os.stat_result, mark: str = "") -> str | None:
        """The digest of the bytes of the draft whose status is ``st``, when the memo
        holds it for that very status; else None (read it). ``mark``: the kind of file
        (``RULE_FILE``; a draft's entry has none)."""
        stats = self.stats
        if isinstance(stats, bytes):
            stats = _stats_value(stats)
            self.stats = stats
        where = f"{mark}{st.st_dev}:{st.st_ino}"
        kept = stats.get(where)
        if (
            kept is not None
            and kept[1] == st.st_mtime_ns
            and kept[2] == st.st_ctime_ns
            and kept[0] == st.st_size
        ):
            self.stats_used.add(where)
            return kept[3]  # type: ignore[no-any-return]
        return None

    def note_digest(self, st: os.stat_result, sha: str, since_ns: int, mark: str = "") -> None:
        """Put in the memo that the draft of status ``st`` when its bytes were read
        hashes to ``sha``; not when its times are not older than ``since_ns`` (the
        run's start, before the status was taken) by ``RACY_NS``."""
        bar = since_ns - RACY_NS
        if st.st_mtime_ns < bar and st.st_ctime_ns < bar:
            where = f"{mark}{st.st_dev}:{st.st_ino}"
            self.new_stats[where] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, sha]

    # -- entries ------------------------------------------------------------
    def get(self, key: str, path: str, size: int) -> list[Finding] | None:
        """The findings kept under ``key``, reported for ``path`` (a file of ``size``
        bytes); None when there are none or the entry does not read as findings of
        such a file (it is rebuilt then)."""
        value = self.entries.get(key)
        if type(value) is memoryview:  # as read: its line of the file (see _lines)
            value = _loads(value)
        findings = _decode(value, path) if value is not None else None
        if findings is not None and any(f.end > size for f in findings):
            findings = None  # offsets count characters: never more than the bytes
        if findings is None:
            self.misses += 1
            return None
        self.used.add(key)
        self.answered.add(key)
        self.hits += 1
        return findings

    def _note_key(self, key: str) -> str:
        h = new_hash(f"{FORMAT}\0note\0{self.fingerprint}\0{key}".encode())
        return h.hexdigest()

    def get_note(self, key: str) -> list[str] | None:
        """The warnings kept under ``key`` (see ``put_note``), or None."""
        key = self._note_key(key)
        value = self.notes.get(key)
        if not isinstance(value, list) or not _strs(value):
            return None
        self.used.add(key)
        return list(value)

    def put_note(self, key: str, warnings: list[str]) -> None:
        """Keep ``warnings``, what a run said about its config and rules, under ``key``
        (made of the config; the rule files are in the fingerprint already)."""
        key = self._note_key(key)
        self.new_notes[key] = list(warnings)
        self.used.add(key)

    def put(self, key: str, findings: list[Finding], slot: str | None = None) -> None:
        """Keep ``findings`` under ``key``; with ``slot`` (see ``slot``), as the entry of
        that file, which replaces the one kept for it before."""
        value = [_encode(f) for f in findings]
        self.new[key] = value
        self.used.add(key)
        if slot is not None:
            self.new_slots[slot] = key

    def save(self) -> None:
        """Write the entries (with those another run wrote meanwhile) atomically.
        Nothing happens when this run added nothing; errors are ignored."""
        if not self.new and not self.new_notes and not self.new_stats:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                _write_atomic(ignore, _GITIGNORE)
            merged: dict[str, Any]
            notes: dict[str, Any]
            theirs: bytes | dict[str, Any]
            their_stats: bytes | dict[str, Any]
            if self._read_as is not None and self._read_as == _status_of(self.file):
                merged, notes, theirs, their_stats = {}, {}, b"{}", b"{}"  # nobody saved since
            else:
                # another run saved since we read
                merged, notes, theirs, their_stats = _read(self.file)
            merged.update(self.entries)
            merged.update(self.new)
            slots = self.slots
            if self.new_slots or theirs != b"{}":
                slots = _slots_value(slots)
                their_slots = _slots_value(theirs)
                mine = {**slots, **their_slots, **self.new_slots}
                # an entry a slot named, which no slot names now: an older version of
                # its file, unless it answered this run (for a copy of the file, say)
                named = set(mine.values())
                for old in {*slots.values(), *their_slots.values()}:
                    if old not in named and old not in self.answered:
                        merged.pop(old, None)
                slots = mine
            if len(merged) > MAX_ENTRIES:
                merged = {k: v for k, v in merged.items() if k in self.used}
                slots = _slots_value(slots)
            if not isinstance(slots, bytes):  # (as read, they name only entries kept)
                slots = {s: k for s, k in slots.items() if k in merged}
            notes.update(self.notes)
            notes.update(self.new_notes)
            if len(notes) > MAX_NOTES:
                notes = {k: v for k, v in notes.items() if k in self.used}
            stats = self.stats
            if self.new_stats or their_stats != b"{}":
                # (theirs were saved after ours were read: newer)
                stats = {**_stats_value(stats), **_stats_value(their_stats), **self.new_stats}
                if len(stats) > MAX_ENTRIES:  # those of this run (as entries are pruned)
                    used = self.stats_used
                    stats = {k: v for k, v in stats.items() if k in used}
                    stats.update(self.new_stats)
            from .signing import _secret, signed_parts

            key = _secret(create=True)
            if key is None:
                return  # no key of our own: a file nobody could trust is not written
            body = _body_parts(merged, notes, slots, stats, self._spans)
            _write_atomic(self.file, signed_parts(body, key))
        except OSError:
            return  # a read-only or full disk: the next run checks again
        self.entries, self.notes, self.slots, self.stats = merged, notes, slots, stats
        self.new, self.new_notes, self.new_slots, self.new_stats = {}, {}, {}, {}
        self._spans = {}  # (a later save of this process writes each line again)
        self._read_as = None  # another run may replace it next: read it again then


def clean(folder: Path) -> bool:
    """Remove the cache folder; False when there was none. A symbolic link there is
    removed itself, never what it points to (as ruff's ``clean`` does)."""
    import shutil

    if folder.is_symlink():
        folder.unlink()
        return True
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True


def _status(st: os.stat_result) -> tuple[int, ...]:
    """What tells one version of the results file from another: it is only ever
    replaced (a new file renamed over it), never written in place."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _status_of(file: Path) -> tuple[int, ...] | None:
    try:
        return _status(os.stat(file, follow_symlinks=False))
    except OSError:
        return None


#: how a results file's body starts and ends, as ``_body`` writes it (see ``_lines``)
_START = b'{"format": %d, "notes": ' % FORMAT
_ENTRIES = b', "entries": {'
_SLOTS = b'}, "slots": '
_STATS = b', "stats": '
_END = b"}"


def _table(value: bytes | dict[str, Any]) -> dict[str, Any]:
    """A table of the results file (the slots, the stat memo) of its JSON as read, or
    as it is; none when it is no JSON object."""
    if isinstance(value, bytes):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {}
    return value if isinstance(value, dict) else {}


def _slots_value(slots: bytes | dict[str, Any]) -> dict[str, str]:
    """The slots (slot: key) of their JSON as read, or as they are; none when damaged."""
    return {s: k for s, k in _table(slots).items() if isinstance(k, str)}


def _stats_value(stats: bytes | dict[str, Any]) -> dict[str, list[Any]]:
    """The stat memo of its JSON as read, or as it is: the entries that are four
    values of the types ``note_digest`` writes (none when damaged)."""
    stats = _table(stats)
    return {
        where: kept
        for where, kept in stats.items()
        if type(kept) is list
        and len(kept) == 4
        and type(kept[0]) is type(kept[1]) is type(kept[2]) is int
        and type(kept[3]) is str
    }


def _body(
    entries: dict[str, Any],
    notes: dict[str, Any],
    slots: bytes | dict[str, Any] = b"{}",
    stats: bytes | dict[str, Any] = b"{}",
) -> bytes:
    """A results file's body: a JSON object, written with each entry on a line of its
    own, so that a run reads the entries as lines and decodes only those it uses, and
    writes the entries it did not change back as it read them (``memoryview``: their
    lines' bytes) instead of encoding them all again; the slots last, on one line (read as
    bytes, decoded only by a save that needs them). (ASCII: ``json.dumps`` escapes
    the rest.) The stat memo follows the slots on their line."""
    lines = [_START + json.dumps(notes).encode("ascii") + _ENTRIES]
    dumps = json.dumps
    for key, value in entries.items():
        if type(value) is not memoryview:  # (as read: written back as it was)
            value = dumps(value).encode("ascii")
        if key.isascii() and key.isalnum():  # (a hex digest, as ours are: as dumps writes it)
            lines.append(b'"%s": %s,' % (key.encode("ascii"), value))
        else:
            lines.append(b"%s: %s," % (dumps(key).encode("ascii"), value))
    if len(lines) > 1:
        lines[-1] = lines[-1][:-1]  # no comma after the last entry
    if not isinstance(slots, bytes):
        slots = dumps(slots).encode("ascii")
    if not isinstance(stats, bytes):
        stats = dumps(stats, separators=(",", ":")).encode("ascii")
    lines.append(_SLOTS + slots + _STATS + stats + _END)
    return b"\n".join(lines)


def _body_parts(
    entries: dict[str, Any],
    notes: dict[str, Any],
    slots: bytes | dict[str, Any],
    stats: bytes | dict[str, Any],
    spans: dict[str, tuple[memoryview, int, int]],
) -> list[bytes | memoryview]:
    """``_body(entries, notes, slots, stats)``, the same bytes, in parts: the lines of
    entries kept as read (``spans``, see ``_lines``) that stood one after the other in
    the file read are one part, a view of its bytes, not copied (a run that changed
    one file of 300 writes 299 entries back as they were: formatting each line and
    joining them all copied the 448 KB twice)."""
    parts: list[bytes | memoryview] = [_START + json.dumps(notes).encode("ascii") + _ENTRIES]
    append = parts.append
    dumps = json.dumps
    sep = b"\n"  # (before the first entry's line; ",\n" before each later one)
    raw: Any = None  # the bytes of the run of lines kept as read, raw[run_at:run_to]
    run_at = run_to = 0
    for key, value in entries.items():
        span = spans.get(key)
        if span is not None and span[0] is value:
            line_at, value_to = span[1], span[2]
            if raw is not None and value.obj is raw and line_at == run_to + 2:
                run_to = value_to  # (the next line of the file: the run goes on)
                continue
            if raw is not None:
                append(memoryview(raw)[run_at:run_to])
            append(sep)
            sep = b",\n"
            raw, run_at, run_to = value.obj, line_at, value_to
            continue
        if raw is not None:
            append(memoryview(raw)[run_at:run_to])
            raw = None
        if type(value) is not memoryview:  # (as read: written back as it was)
            value = dumps(value).encode("ascii")
        if key.isascii() and key.isalnum():  # (as ``_body`` writes it)
            append(b'%s"%s": %s' % (sep, key.encode("ascii"), value))
        else:
            append(b"%s%s: %s" % (sep, dumps(key).encode("ascii"), value))
        sep = b",\n"
    if raw is not None:
        append(memoryview(raw)[run_at:run_to])
    if not isinstance(slots, bytes):
        slots = dumps(slots).encode("ascii")
    if not isinstance(stats, bytes):
        stats = dumps(stats, separators=(",", ":")).encode("ascii")
    append(b"\n" + _SLOTS + slots + _STATS + stats + _END)
    return parts


def _lines(
    raw: bytes, start: int, stop: int, spans: dict[str, tuple[memoryview, int, int]] | None = None
) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes] | None:
    """The entries (each a view of its line's bytes, decoded when used), the notes, the
    slots and the stat memo (their JSON) of a body ``_body`` wrote, ``raw[start:stop]``;
    None for any other (it is read as JSON then). (The lines are found where they
    stand, not split off: a copy of every entry cost more than reading them.) With
    ``spans``, each entry whose key ``_body`` writes as it stands (a hex digest, as
    ours are) gets there its view, and where its line starts and its value ends in
    ``raw`` (see ``_body_parts``)."""
    first = raw.find(b"\n", start, stop)
    if first < 0:
        return None
    last = raw.rfind(b"\n", start, stop)
    head = raw[start:first]
    end = raw[last + 1 : stop]
    if not head.startswith(_START):
        return None
    if end == b"}}":  # (written before slots were kept)
        end = _SLOTS + b"{}" + _END
    if not end.startswith(_SLOTS) or not end.endswith(_END):
        return None
    if not head.endswith(_ENTRIES):
        return None
    notes = json.loads(head[len(_START) : -len(_ENTRIES)])
    entries: dict[str, Any] = {}
    view = memoryview(raw)
    find = raw.find
    at = first + 1  # where the line starts
    while at <= last:
        nl = find(b"\n", at, last + 1)  # (the last entry's line ends at ``last``)
        split = find(b'": ', at, nl)
        if raw[at] != 0x22 or split < at + 1 or find(b"\\", at, split) >= 0:
            return None  # (a key with an escape: json.dumps wrote none of ours)
        value_end = nl
        if nl < last:
            if raw[nl - 1] != 0x2C:  # (a comma)
                return None
            value_end = nl - 1
        key = raw[at + 1 : split].decode("ascii")
        value = entries[key] = view[split + 3 : value_end]
        if spans is not None and key.isalnum():
            spans[key] = (value, at, value_end)
        at = nl + 1
    # (the slots, as written, hold no such text: keys and values are hex digits)
    slots, found, stats = end[len(_SLOTS) : -len(_END)].partition(_STATS)
    return entries, notes, slots, stats if found else b"{}"


def _loads(data: bytes | memoryview) -> Any:
    """The JSON value of an entry's line (as ``json.loads`` reads one), or None. (The
    decoder's scanner, called directly: ``json.loads`` costs twice as much a call, and
    a run the cache answers reads an entry a file.)"""
    try:
        text = str(data, "ascii")
        value, end = _SCAN(text, 0)
    except (ValueError, StopIteration, RecursionError):
        return None
    return value if end == len(text) else None


_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _read(
    file: Path,
    seen: list[os.stat_result] | None = None,
    spans: dict[str, tuple[memoryview, int, int]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any], bytes | dict[str, Any], bytes | dict[str, Any]]:
    """The entries, the notes, the slots and the stat memo of a results file (none
    when it is not one); the status of the file read is appended to ``seen`` when
    given, where its entries' lines are to ``spans`` (see ``_lines``)."""
    from .signing import BODY_AT, _secret, read_cache_file, signed, signed_json

    try:
        raw = read_cache_file(file, seen=seen)
        key = _secret(create=False)
        if not signed(raw, key):
            return {}, {}, b"{}", b"{}"  # none, damaged, or not written by this user
        found = _lines(raw, BODY_AT, len(raw) - 1, spans)
        if found is not None:
            lines, noted, kept, memo = found
            return lines, noted if isinstance(noted, dict) else {}, kept, memo
        data = signed_json(raw, key)  # written otherwise: read as JSON
    except (OSError, ValueError, RecursionError):
        return {}, {}, b"{}", b"{}"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, {}, b"{}", b"{}"
    entries = data.get("entries")
    notes = data.get("notes")
    slots = data.get("slots")
    stats = data.get("stats")
    return (
        entries if isinstance(entries, dict) else {},
        notes if isinstance(notes, dict) else {},
        _slots_value(slots) if isinstance(slots, dict) else b"{}",
        _stats_value(stats) if isinstance(stats, dict) else b"{}",
    )


def _write_atomic(path: Path, text: str | list[bytes | memoryview]) -> None:
    """Write ``text`` (or these bytes one after the other) to ``path`` at once: a
    temporary file renamed over it."""
    fd, tmp = temp_file(path.parent, f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(text, str):
                fh.write(text.encode("utf-8"))
            else:
                fh.writelines(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as a file written plainly (mkstemp makes it private)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def temp_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A new file of this user's only (mode 0600) in ``folder``, open for writing: its
    descriptor and path. As ``tempfile.mkstemp`` makes one, without importing
    ``tempfile`` (with ``shutil``, ``random`` and the compression modules it imports,
    a tenth of the time a run that changed one file spends importing)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue  # (one in 2**48)
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


def _encode(f: Finding) -> list[Any]:
    fix = [f.fix.start, f.fix.end, f.fix.text, f.fix.safe] if f.fix is not None else None
    return [
        f.rule,
        int(f.severity),
        f.message,
        f.start,
        f.end,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        list(f.suggestions),
        fix,
        f.link,
        f.match,
        [list(m) for m in f.meta],
        f.confidence,
    ]


#: the severities a finding may have, by number (``Severity(n)`` costs a call each)
_SEVERITY = {int(s): s for s in Severity if s is not Severity.OFF}


def _strs(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


#: whether a value is a string (``isinstance(v, str)``, called from C by ``map``)
_IS_STR = str.__instancecheck__


def _decode(value: Any, path: str) -> list[Finding] | None:
    """Findings from an entry, or None when anything in it is not as ``_encode`` wrote."""
    if not isinstance(value, list):
        return None
    out: list[Finding] = []
    append = out.append
    severities = _SEVERITY
    is_str = _IS_STR
    for item in value:
        if type(item) is not list or len(item) != 15:
            return None
        rule, sev, msg, start, end, line, col, eline, ecol, sugg, fix, link, match, meta, conf = (
            item
        )
        # (the fields' types compared in chains, the suggestions tested from C: a
        # warm run decodes every kept finding, and the tuple of nine types, the
        # slice and the generator cost a fifth of the decode)
        if not (
            type(rule) is type(msg) is type(link) is type(match) is str
            and type(sev) is type(start) is type(end) is int
            and type(line) is type(col) is type(eline) is type(ecol) is int
            and sev in severities
            and 0 <= start <= end
            and line >= 0
            and col >= 0
            and eline >= 0
            and ecol >= 0
            and type(sugg) is list
            and (not sugg or all(map(is_str, sugg)))
            and type(meta) is list
            and (not meta or all(_strs(m) and len(m) == 2 for m in meta))
            and (conf is None or (type(conf) is float and 0 <= conf <= 1))
        ):
            return None
        edit = None
        if fix is not None:
            if not (isinstance(fix, list) and len(fix) == 4):
                return None
            at, to, text, safe = fix
            if not (
                type(at) is int
                and type(to) is int
                and 0 <= at <= to
                and isinstance(text, str)
                and isinstance(safe, bool)
            ):
                return None
            edit = Edit(at, to, text, safe)
        append(
            Finding(
                rule,
                severities[sev],
                msg,
                start,
                end,
                line,
                col,
                eline,
                ecol,
                path,
                tuple(sugg),
                edit,
                link,
                match,
                tuple([(a, b) for a, b in meta]) if meta else (),
                conf,
            )
        )
    return out
