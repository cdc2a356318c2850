"""Reading drafts, finding them in folders, and writing them back safely."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from .errors import ConfigError, InputError

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from pathspec import GitIgnoreSpec

DRAFT_EXTENSIONS = frozenset((".md", ".markdown", ".mdx", ".txt", ".text", ".html", ".htm"))

# checked in this order: the UTF-32 LE mark starts with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FOR = {enc: bom for bom, enc in _BOMS}

#: drafts larger than this many megabytes are refused unless the config raises the
#: limit (``max_file_mb``): a draft's text is held in memory several times over
MAX_FILE_MB = 10.0


# --------------------------------------------------------------------------- reading


def read_source(path: Path, max_mb: float | None = None) -> tuple[str, bool, str]:
    """Return (text, had_bom, encoding) of a draft.

    The BOM is removed; line endings are kept exactly (no newline translation).
    UTF-8 with or without BOM, and UTF-16/UTF-32 with BOM, are understood.
    Raises InputError for missing, unreadable, binary or undecodable files, and for
    files larger than ``max_mb`` megabytes (of which no more than the limit is read).
    """
    return decode_bytes(read_draft_bytes(path, max_mb), str(path))


def read_draft_bytes(path: Path, max_mb: float | None = None) -> bytes:
    """The bytes of a draft; InputError (naming the file) when it cannot be read, or
    when it is larger than ``max_mb`` megabytes (no more than the limit is read)."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            if max_mb is None:
                data = fh.read()
            else:
                limit = size_limit(max_mb)
                data = read_limited(fh, limit)
                if len(data) > limit:
                    size = os.fstat(fh.fileno()).st_size
                    raise InputError(too_big(max(size, len(data)), max_mb), path=name)
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=name) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path=name) from None
    return data


def read_limited(fh: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the open file ``fh`` (one more than the limit
    tells a file over it). Asked for ``limit + 1`` bytes at once, Python sets aside
    that much memory (10 MB for a draft of 2 KB), and the system maps it and gives
    it back for every file: read what the file's size says, then the rest if it grew
    (or has no size: a pipe)."""
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError):
        size = limit
    want = min(size, limit) + 1
    data = fh.read(want)
    if len(data) == want and want <= limit:
        data += fh.read(limit + 1 - want)
    return data


def read_regular(path: Path | str, limit: int) -> bytes | None:
    """At most ``limit + 1`` bytes of ``path``; None when it is not a regular file
    (a named pipe is not opened: that waits for a writer, and its bytes can be read
    only once). With the system's calls alone: no buffer around them, no question
    whether the file is a terminal. ``OSError`` when it cannot be read."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        return None
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        want = min(st.st_size, limit) + 1
        data = os.read(fd, want)
        if len(data) < want - 1 or len(data) == want <= limit:
            # fewer bytes than its size (a short read), or more (it grew): read on
            # to the end, or to one byte over the limit
            parts = [data]
            total = len(data)
            while total <= limit:
                more = os.read(fd, limit + 1 - total)
                if not more:
                    break
                parts.append(more)
                total += len(more)
            data = b"".join(parts)
    finally:
        os.close(fd)
    return data


def size_limit(max_mb: float) -> int:
    """``max_mb`` megabytes in bytes."""
    return int(max_mb * 1_000_000)


def too_big(size: int, max_mb: float) -> str:
    """The message for a draft of ``size`` bytes over the limit of ``max_mb`` MB."""
    return (
        f"too large ({size / 1_000_000:.1f} MB; the limit is {max_mb:g} MB: "
        "raise max_file_mb in the config to check it)"
    )


def decode_bytes(data: bytes, name: str = "<stdin>") -> tuple[str, bool, str]:
    """Decode a draft's bytes as ``read_source`` does (also used for stdin)."""
    encoding, bom = "utf-8", False
    for mark, enc in _BOMS:
        if data.startswith(mark):
            encoding, bom = enc, True
            data = data[len(mark) :]
            break
    if encoding == "utf-8" and b"\x00" in data:
        raise InputError("not a text file (binary)", path=name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(
            f"cannot decode as {_label(encoding)}: invalid byte 0x{data[e.start]:02x} "
            f"at byte {e.start + (len(_BOM_FOR[encoding]) if bom else 0)}",
            path=name,
            line=line if encoding == "utf-8" else None,
        ) from None
    if "\x00" in text:
        raise InputError("not a text file (binary)", path=name)
    return text, bom, encoding


def _label(encoding: str) -> str:
    return {"utf-8": "UTF-8"}.get(encoding, encoding.upper())


# --------------------------------------------------------------------------- discovery


def discover(
    paths: list[str],
    *,
    include: tuple[str, ...] | list[str] = (),
    exclude: tuple[str, ...] | list[str] = (),
    root: Path,
    force_exclude: bool = False,
    extensions: tuple[str, ...] = (),
    unreadable: list[tuple[str, str]] | None = None,
) -> list[tuple[str, Path]]:
    """Expand file and folder arguments into (display path, real path) pairs.

    - a file argument is always included, whatever its extension or the filters,
      unless ``force_exclude`` is set: then the ``exclude`` globs and ``.gitignore``
      apply to it too (for pre-commit, which names every staged file);
    - a folder is walked recursively for files with a draft extension
      (``DRAFT_EXTENSIONS``), skipping hidden folders (``.git`` ...), paths ignored
      by ``.gitignore`` files (from ``root`` down), paths matching an ``exclude``
      glob and, when ``include`` globs are given, paths matching none of them.
      Globs are gitignore-style, relative to ``root``;
    - the display path is the argument as given, joined with the path below it;
    - a missing path raises InputError naming it; a named pipe (FIFO, ``<(cmd)``) is
      read like a file, other special files are refused;
    - ``extensions`` (".mdx") are walked for too (a .vale.ini's ``[formats]``);
    - a folder that cannot be read is added to ``unreadable`` as (display path,
      reason) when a list is given (else it raises InputError): its drafts are
      unknown, which is an error, not an empty folder.

    The result is sorted by display path, each real file once. A display path
    that is not valid UTF-8 (a file name of other bytes) shows those bytes as
    ``\\xff`` escapes, so every report can be written as UTF-8.
    """
    root = Path(root).resolve()
    inc = _spec(include, "include")
    exc = _spec(exclude, "exclude")
    ignores = _Ignores(root)
    wanted = DRAFT_EXTENSIONS | {e.lower() for e in extensions}
    #: by the resolved path (its text: a path object hashes slowly)
    found: dict[str, tuple[str, Path]] = {}
    problems: list[tuple[str, str]] = [] if unreadable is None else unreadable
    for arg in paths:
        p = Path(arg)
        if p.is_file() or _is_fifo(p):
            if force_exclude and _excluded(p, root, exc, ignores):
                continue
            found.setdefault(str(p.resolve()), (arg, p))
            continue
        if not p.is_dir():
            if os.path.lexists(p):
                try:
                    os.stat(p)
                except OSError as e:  # a link to nothing, or a loop of links
                    reason = f"cannot follow the link: {e.strerror or e}"
                    raise InputError(reason, path=arg) from None
                raise InputError("not a file or folder (a device or socket)", path=arg)
            raise InputError("no such file or folder", path=arg)
        for display, path, real in _walk(arg, p, root, inc, exc, ignores, wanted, problems):
            found.setdefault(real, (display, path))
    if unreadable is None and problems:
        raise InputError(problems[0][1], path=problems[0][0])
    return sorted(((printable(d), p) for d, p in found.values()), key=lambda x: x[0])


def printable(name: str) -> str:
    """``name`` with the bytes that are not UTF-8 (kept by Python as lone
    surrogates) written as ``\\xNN`` escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace")
    return name


def _is_fifo(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def _excluded(path: Path, root: Path, exc, ignores: _Ignores) -> bool:
    """Whether an explicitly named file falls under ``exclude`` or a .gitignore."""
    full = path.resolve()
    rel = _rel(full, root)
    match_path = rel if rel is not None else full.as_posix()
    if exc is not None and exc.match_file(match_path):
        return True
    return ignores.ignored(full, False, full.parent)


def _spec(patterns, what: str) -> GitIgnoreSpec | None:
    if not patterns:
        return None
    from pathspec import GitIgnoreSpec

    for pattern in patterns:
        try:
            GitIgnoreSpec.from_lines([pattern])
        except Exception as e:  # pathspec raises its own error types
            err = ConfigError(f"invalid {what} pattern {pattern!r}: {e}")
            err.key = what  # the config key, so the caller can name its line
            raise err from None
    return GitIgnoreSpec.from_lines(patterns)


def _valid(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True


def _rel(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


class _Spec:
    """One .gitignore file: its patterns for files, and for folders. (A plain class:
    a ``NamedTuple`` compiles each field's annotation, a tenth of a millisecond a
    field on every start.)"""

    __slots__ = ("files", "dirs")

    def __init__(self, files: GitIgnoreSpec, dirs: GitIgnoreSpec) -> None:
        self.files = files
        self.dirs = dirs


def _gitignore(lines: list[str]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines)
    except Exception:  # drop the lines git would not understand either
        return GitIgnoreSpec.from_lines([ln for ln in lines if _valid(ln)])


def _dir_line(line: str) -> str:
    """A .gitignore line as it applies to a folder. ``d/**`` ignores what is inside
    ``d``, not ``d`` itself (so a negation can bring files in ``d`` back), but
    pathspec matches ``d/`` with it; ``d/*`` matches the same folders below ``d``."""
    text = line.rstrip(" ")
    if text.endswith("/**") and not text.endswith("\\/**"):
        return text[:-1]
    return line


class _Ignores:
    """The .gitignore files between ``root`` and a folder, cached per folder."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[Path, _Spec | None] = {}
        self.chains: dict[tuple[Path, Path], list[tuple[Path, _Spec]]] = {}

    def spec(self, folder: Path) -> _Spec | None:
        if folder not in self.cache:
            f = folder / ".gitignore"
            spec = None
            try:
                present = f.is_file()
            except OSError:  # e.g. a path longer than the system takes
                present = False
            if present:
                try:
                    lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    lines = []
                spec = _Spec(_gitignore(lines), _gitignore([_dir_line(ln) for ln in lines]))
            self.cache[folder] = spec
        return self.cache[folder]

    def chain(self, folder: Path, top: Path) -> list[tuple[Path, _Spec]]:
        """The .gitignore specs that apply to entries of the (resolved) ``folder``:
        those from ``root`` down (or from the resolved walked ``top`` when the folder
        lies outside root), shallowest first."""
        key = (folder, top)
        hit = self.chains.get(key)
        if hit is None:
            base = self.root if (folder == self.root or self.root in folder.parents) else top
            folders = [
                f for f in reversed((folder, *folder.parents)) if f == base or base in f.parents
            ]
            hit = [(f, spec) for f in folders if (spec := self.spec(f)) is not None]
            self.chains[key] = hit
        return hit

    def ignored(self, path: Path, is_dir: bool, top: Path) -> bool:
        """Whether .gitignore files from ``root`` (or the walked ``top`` when the
        path lies outside root) down to the path's folder ignore it; deeper files
        and later lines win, as in git. A path in an ignored folder is ignored
        whatever a negation says about the path itself (git cannot re-include it,
        and a walk never enters the folder)."""
        path = path.resolve()
        top = top.resolve()
        folder = path.parent
        base = self.root if (folder == self.root or self.root in folder.parents) else top
        for d in reversed((folder, *folder.parents)):
            if base in d.parents and _ignored_by(d, True, self.chain(d.parent, top)):
                return True
        return _ignored_by(path, is_dir, self.chain(folder, top))


def _ignored_by(path: Path, is_dir: bool, chain: list[tuple[Path, _Spec]]) -> bool:
    result = False
    for folder, spec in chain:
        rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
        verdict = _last_match(spec.dirs if is_dir else spec.files, rel)
        if verdict is not None:
            result = verdict
    return result


def _last_match(spec: GitIgnoreSpec, rel: str) -> bool | None:
    """Whether the last line of ``spec`` that names ``rel`` itself ignores it (None:
    no line does). As in git, the last matching line wins, and a line matches a
    path only by the path's own name: pathspec also counts a match on a parent
    folder (``!notes/`` for ``notes/deep/``) and gives folder matches priority, but
    the walk already handles parents (it never enters an ignored folder), and with
    those rules ``*``, ``!*/``, ``!*.md`` found no files at all.
    """
    result = None
    for pattern in spec.patterns:
        include = pattern.include
        regex = getattr(pattern, "regex", None)
        if include is None or regex is None:
            continue
        if "ps_d" not in regex.groupindex:
            if regex.search(rel) is not None:
                result = include
            continue
        for m in regex.finditer(rel):
            # a match whose folder slash is not rel's own names a folder above rel
            if m.start("ps_d") < 0 or m.end("ps_d") == len(rel):
                result = include
                break
    return result


def _walk(
    arg: str,
    top: Path,
    root: Path,
    inc,
    exc,
    ignores: _Ignores,
    wanted: frozenset[str] = DRAFT_EXTENSIONS,
    problems: list | None = None,
):
    """Yield (display, path, resolved path as text) of the drafts below ``top``.

    Each folder is resolved once and its files placed from it (a file that is a
    symbolic link is resolved on its own), so a big folder costs no system call per
    file beyond the one that tells files from folders; and no path object but the
    one returned is made for a file that is no link (a few microseconds each).
    """
    top_real = top.resolve()

    def cannot_read(err: OSError) -> None:
        folder = err.filename if isinstance(err.filename, str) else str(top)
        below = os.path.relpath(folder, top)
        display = arg if below == "." else os.path.join(arg, below)
        if problems is not None:
            problems.append((display, f"cannot read folder: {err.strerror or err}"))

    for dirpath, dirnames, filenames in os.walk(top, onerror=cannot_read):
        here = Path(dirpath).resolve()
        rel_dir = _rel(here, root)
        chain = ignores.chain(here, top_real)
        below = os.path.relpath(dirpath, top)
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if rel_dir is not None and exc is not None and exc.match_file(_join(rel_dir, d) + "/"):
                continue
            if chain and _ignored_by(here / d, True, chain):
                continue
            keep.append(d)
        dirnames[:] = keep
        base = Path(dirpath)
        child = getattr(base, "_make_child_relpath", base.joinpath)  # (no parsing: a name)
        here_text = str(here)
        kinds: dict[str, os.DirEntry[str]] | None = None
        for f in sorted(filenames):
            if os.path.splitext(f)[1].lower() not in wanted:
                continue
            if kinds is None:
                kinds = _entries(dirpath)
            full = child(f)
            entry = kinds.get(f)
            if entry is None:  # (made since os.walk listed the folder)
                if not full.is_file():
                    continue
                link = os.path.islink(here / f)
            else:
                if not _is_file(entry):
                    continue
                link = entry.is_symlink()
            real: Path | None
            if link:
                resolved = (here / f).resolve()
                real, real_text, rel = resolved, str(resolved), _rel(resolved, root)
            else:
                real = None  # here / f, made only when a .gitignore asks
                real_text = os.path.join(here_text, f)
                rel = None if rel_dir is None else _join(rel_dir, f)
            if rel is not None:
                match_path = rel
            else:
                match_path = real_text if os.sep == "/" else Path(real_text).as_posix()
            if exc is not None and exc.match_file(match_path):
                continue
            if inc is not None and not inc.match_file(match_path):
                continue
            if real is None or real.parent == here:
                if chain and _ignored_by(real or here / f, False, chain):
                    continue
            elif ignores.ignored(real, False, top_real):
                continue
            display = os.path.join(arg, f) if below == "." else os.path.join(arg, below, f)
            yield display, full, real_text


def _entries(folder: str) -> dict[str, os.DirEntry[str]]:
    """The entries of ``folder`` by name: what each is comes with the listing, where a
    test of each file's path (is it a file, a link?) cost two system calls a file."""
    try:
        with os.scandir(folder) as it:
            return {e.name: e for e in it}
    except OSError:
        return {}


def _is_file(entry: os.DirEntry[str]) -> bool:
    """``Path.is_file()`` of an entry: a regular file, or a link to one."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _join(rel_dir: str, name: str) -> str:
    return f"{rel_dir}/{name}" if rel_dir not in ("", ".") else name


# --------------------------------------------------------------------------- writing


def encode_source(text: str, *, bom: bool = False, encoding: str = "utf-8") -> bytes:
    """``text`` as bytes in ``encoding``, with its byte-order mark when ``bom``."""
    data = text.encode(encoding)
    if bom:
        data = _BOM_FOR.get(encoding.lower(), b"") + data
    return data


class ChangedError(OSError):
    """The file changed on disk after it was read: a fix would overwrite that edit."""

    def __init__(self, path: Path):
        super().__init__(errno.EAGAIN, "it changed since copylint read it; run again", str(path))


def write_atomic(
    path: Path,
    text: str,
    *,
    bom: bool = False,
    encoding: str = "utf-8",
    expect: bytes | None = None,
) -> None:
    """Replace ``path`` with ``text`` atomically, keeping its mode, owner and group
    (and BOM/encoding).

    Writes a temporary file in the same folder, fsyncs it and ``os.replace``s it
    over the original. A symlink is followed: its target is rewritten. With
    ``expect`` (the bytes the file held when it was read), raises ``ChangedError``
    instead when the file no longer holds them, checked just before the replace.

    A file with other hard links, or whose owner or group the temporary file cannot
    be given (another user's file in a folder we may write), is written in place
    instead: every link keeps seeing it and its owner stays, at the cost of
    atomicity.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    data = encode_source(text, bom=bom, encoding=encoding)
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    if st is not None and st.st_nlink > 1:
        _write_in_place(path, data, expect)
        return
    import tempfile  # only a fix writes a file

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if st is not None and not _same_owner(tmp, st):
            os.unlink(tmp)
            _write_in_place(path, data, expect)
            return
        if expect is not None and _current(path) != expect:
            raise ChangedError(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(path.parent)


def _same_owner(tmp: str, st: os.stat_result) -> bool:
    """Give ``tmp`` the owner and group of ``st``; False when that is not allowed."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except (OSError, AttributeError):
        return False
    return True


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_in_place(path: Path, data: bytes, expect: bytes | None) -> None:
    with open(path, "r+b") as fh:
        if expect is not None and fh.read() != expect:
            raise ChangedError(path)
        fh.seek(0)
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
