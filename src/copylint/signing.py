"""The per-user key that signs copylint's caches, and the signed file layout.

A cache file is trusted only when this user wrote it: it carries a MAC made with
a key kept in the state folder (``cache_key_path``, mode 0600), not in the cache
folder, so that a shared cache folder (a CI cache, another user's checkout) does not
share the key. Used by the pattern cache (``rules.patterns``), the ``regex`` program
cache (``regexcache``) and the results cache (``cache``). Imports nothing heavy: a
run the results cache answers whole reads its key too.

The MAC is keyed BLAKE2b (256 bits), and the digests of drafts, rule files and keys
(``new_hash``) are BLAKE2b too: Python's own module, where SHA-256 and HMAC come from
OpenSSL, whose library and digest table cost ~3 ms to load in every run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

try:
    from _blake2 import blake2b as _blake2b  # Python's own: no OpenSSL loaded
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b as _blake2b
try:
    from _operator import _compare_digest as compare_digest  # (hmac's, without OpenSSL)
except ImportError:  # pragma: no cover - another Python: the public one
    from hmac import compare_digest  # type: ignore[no-redef]

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


def cache_key_path() -> Path:
    """The per-user key that signs the cache: in the state folder, not the cache
    folder, so that sharing a cache folder (a CI cache) does not share the key."""
    env = os.environ.get("COPYLINT_CACHE_KEY")
    if env:
        return Path(env)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(base) / "copylint" / "cache-key"


def cache_dir() -> Path:
    """The folder of copylint's own caches (patterns, programs, rule sets, classes)."""
    env = os.environ.get("COPYLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "copylint"


def python_tag() -> str:
    """The running Python's implementation and version, as its compiled modules are
    named (``cpython-311``): caches only it can read (code objects, ``re``'s programs)
    carry it in their file names, so that two Pythons sharing the cache folder keep
    a file each instead of writing one over the other on every run."""
    tag = sys.implementation.cache_tag
    if not tag:  # (an implementation that compiles no modules)
        tag = f"{sys.implementation.name}-{sys.version_info[0]}{sys.version_info[1]}"
    return tag


def _secret(create: bool) -> bytes | None:
    """This user's cache key (made on first use when ``create``); None when there is
    none, or it is not this user's own private file (then nothing is trusted)."""
    path = cache_key_path()
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            if not create:
                return None
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue  # another process made it first: read that one
            except OSError:
                return None
            import secrets

            try:
                os.write(fd, secrets.token_hex(32).encode())
            finally:
                os.close(fd)
            continue
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            data = os.read(fd, 256)
        except OSError:
            return None
        finally:
            os.close(fd)
        mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        if not mine or st.st_mode & 0o077 or len(data) < 32:
            return None
        return data
    return None


#: the signed cache file: ``{"mac":"<64 hex digits>","data":<body>}``
_HEAD = '{"mac":"'
_MID = '","data":'
_BODY_AT = len(_HEAD) + 64 + len(_MID)
#: where the body of a cache file's bytes starts (see ``signed``)
BODY_AT = _BODY_AT


def new_hash(data: bytes | memoryview = b"", size: int = 32) -> Any:
    """A hash object of ``data`` (``update`` adds more): BLAKE2b of ``size`` bytes, 32
    (64 hex digits) unless said. The content part of the results cache's keys, the
    rule files' digests and the keys of the caches."""
    return _blake2b(data, digest_size=size)


def new_mac(key: bytes, data: bytes | memoryview = b"") -> Any:
    """A MAC object of ``data`` under ``key`` (``update`` adds more): keyed BLAKE2b of
    32 bytes (a key longer than BLAKE2b takes, 64 bytes, is hashed to 64 first)."""
    if len(key) > 64:
        key = _blake2b(key, digest_size=64).digest()
    return _blake2b(data, digest_size=32, key=key)


def _mac(key: bytes, body: str) -> str:
    return new_mac(key, body.encode("utf-8")).hexdigest()  # type: ignore[no-any-return]


def signed_text(body: str, key: bytes) -> str:
    """A cache file's text: ``body`` with its MAC under ``key`` (read by ``_signed_body``)."""
    return f"{_HEAD}{_mac(key, body)}{_MID}{body}}}"


def signed_parts(body: bytes | list[bytes | memoryview], key: bytes) -> list[bytes | memoryview]:
    """The bytes of ``signed_text(body.decode(), key)``, in parts (a big body is not
    copied to be written). ``body`` may be given in parts itself (their bytes one
    after the other): they are hashed and written as they are, never joined."""
    if isinstance(body, list):
        mac = new_mac(key)
        for part in body:
            mac.update(part)
        return [f"{_HEAD}{mac.hexdigest()}{_MID}".encode(), *body, b"}"]
    return [f"{_HEAD}{new_mac(key, body).hexdigest()}{_MID}".encode(), body, b"}"]


def _signed_body(text: str, key: bytes | None) -> str | None:
    """The body of a cache file if its MAC is right for ``key``, else None."""
    if key is None or not text.startswith(_HEAD) or not text.endswith("}"):
        return None
    mac = text[len(_HEAD) : len(_HEAD) + 64]
    if text[len(_HEAD) + 64 : _BODY_AT] != _MID:
        return None
    body = text[_BODY_AT:-1]
    return body if compare_digest(mac, _mac(key, body)) else None


#: a binary cache file (programs, classes, rule sets): the body's MAC, then the body
MAC_SIZE = 32


def mac_bytes(key: bytes, body: bytes) -> bytes:
    """The binary MAC that goes before ``body`` in a binary cache file."""
    return new_mac(key, body).digest()  # type: ignore[no-any-return]


def write_binary(path: Path, key: bytes, body: bytes, prefix: str) -> None:
    """Write a binary cache file, its MAC then ``body``, to ``path`` at once: a file of
    this user's only (``cache.temp_file``, named ``prefix``...) renamed over it, and
    removed when the write fails (the error is raised)."""
    from .cache import temp_file

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent, prefix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(mac_bytes(key, body) + body)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def binary_body(data: bytes, key: bytes | None) -> bytes | None:
    """The body of a binary cache file (``mac_bytes(key, body) + body``) when its MAC
    is right for ``key``, else None."""
    if key is None or len(data) <= MAC_SIZE:
        return None
    body = data[MAC_SIZE:]
    return body if compare_digest(data[:MAC_SIZE], mac_bytes(key, body)) else None


def signed(data: bytes, key: bytes | None) -> bool:
    """Whether ``data`` is a cache file (``signed_text``) whose MAC is right for
    ``key``; its body is then ``data[BODY_AT:-1]``. The MAC is taken over the bytes
    where they stand: a big results file is not copied to be checked."""
    if key is None or not data.startswith(_HEAD_BYTES) or not data.endswith(b"}"):
        return False
    mac = data[len(_HEAD_BYTES) : len(_HEAD_BYTES) + 64]
    if not mac.isascii() or data[len(_HEAD_BYTES) + 64 : _BODY_AT] != _MID_BYTES:
        return False
    with memoryview(data) as view:
        mine = new_mac(key, view[_BODY_AT:-1]).hexdigest()
    return compare_digest(mac.decode("ascii"), mine)  # type: ignore[no-any-return]


def signed_json(data: bytes, key: bytes | None) -> Any:
    """The JSON body of a cache file's bytes (as ``_signed_body`` finds it), parsed,
    if its MAC is right for ``key``; else None. ``ValueError`` when the body is no
    JSON. The MAC is taken over the bytes and the body parsed where it stands: a big
    results file is not copied three more times to be read."""
    if not signed(data, key):
        return None
    # the header is ASCII, so its offsets in the text are those in the bytes
    text = data.decode("utf-8")
    from json.decoder import JSONDecodeError, JSONDecoder

    # as json.loads(body) reads it: white space around the value, nothing else
    value, end = JSONDecoder().raw_decode(text, _skip_space(text, _BODY_AT))
    if _skip_space(text, end) != len(text) - 1:
        raise JSONDecodeError("Extra data", text, end)
    return value


def _skip_space(text: str, at: int) -> int:
    """Where the JSON white space starting at ``at`` ends."""
    while at < len(text) and text[at] in " \t\n\r":
        at += 1
    return at


_HEAD_BYTES = _HEAD.encode()
_MID_BYTES = _MID.encode()

#: the largest cache file read (a results file of the most entries kept is far smaller)
READ_LIMIT = 512 * 1024 * 1024


def read_cache_file(
    path: Path | str, limit: int = READ_LIMIT, *, seen: list[os.stat_result] | None = None
) -> bytes:
    """A cache file's bytes. ``OSError`` (a miss) when it is not a regular file of at
    most ``limit`` bytes: a symlink (not followed), a FIFO (would block for ever) or a
    device such as /dev/zero (would fill the memory) found where a cache file goes,
    say in a project's committed ``.copylint_cache/``, is never read. The status of
    the file read is appended to ``seen`` when given."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            raise OSError(f"{path}: not a cache file")
        # its size and one more byte (a file that grew since is read to the limit)
        data = fh.read(st.st_size + 1)
        if len(data) > st.st_size:
            data += fh.read(limit + 1 - len(data))
        if seen is not None:
            seen.append(st)
    if len(data) > limit:
        raise OSError(f"{path}: not a cache file")
    return data
