"""Which lines changed since a git revision (for ``check --diff-base REF``).

The comparison is against the merge base of REF and HEAD (what a pull request
adds), and it includes changes not yet committed (staged, unstaged and untracked
files), so a local run before committing sees the same set as CI after pushing.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .errors import CopylintError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_OCTAL = re.compile(r"[0-7]{3}")
_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}


class GitError(CopylintError):
    """git is missing, the folder is not a repository, or a revision is unknown."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=on", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("--diff-base needs git, and git was not found on PATH") from None
    except NotADirectoryError:
        raise GitError(f"{cwd} is not a folder") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = err[-1] if err else f"exit code {proc.returncode}"
        raise GitError(f"git {args[0]} failed: {detail}")
    return proc.stdout.decode("utf-8", "surrogateescape")


def unquote_path(raw: str) -> str:
    """Undo git's C-style quoting of a path (``"caf\\303\\251.md"`` -> ``café.md``)."""
    if not (len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"'):
        return raw
    body = raw[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            if _OCTAL.fullmatch(body[i + 1 : i + 4]):
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.extend(_ESCAPES.get(body[i + 1], body[i + 1]).encode())
            i += 2
            continue
        out.extend(c.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Map each new-side path in a ``git diff --unified=0 --no-prefix`` output to the
    line numbers (1-based, new file) that were added or changed."""
    result: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            if target == "/dev/null":
                current = None
            else:
                current = result.setdefault(unquote_path(target), set())
            continue
        if line.startswith("diff --git "):
            current = None
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            start = int(m.group(1))
            count = int(m.group(2)) if m.group(2) is not None else 1
            current.update(range(start, start + count))
    return result


def _line_count(path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    if not data:
        return 0
    text = data.decode("utf-8", "replace")
    return len(text.splitlines()) or 1


def repo_root(cwd: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()


def merge_base(base: str, cwd: Path) -> str:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd)
    except GitError:
        raise GitError(
            f"--diff-base: unknown git revision {base!r} (in a shallow CI clone, fetch it "
            "first, e.g. actions/checkout with fetch-depth: 0)"
        ) from None
    try:
        return _git(["merge-base", base, "HEAD"], cwd).strip()
    except GitError:
        raise GitError(
            f"--diff-base: {base!r} and HEAD have no common ancestor (fetch more history?)"
        ) from None


def changed_lines(base: str, cwd: Path) -> dict[Path, set[int]]:
    """Lines added or changed since the merge base of ``base`` and HEAD.

    Keys are resolved absolute paths; values are 1-based line numbers in the file
    as it is now in the working tree. Committed, staged, unstaged and untracked
    (not ignored) changes all count; deleted files do not appear. Raises
    :class:`GitError` (a ``CopylintError``) when git fails.
    """
    cwd = Path(cwd)
    root = repo_root(cwd)
    mb = merge_base(base, root)
    diff = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-prefix",
            "--find-renames",
            "--diff-filter=ACMRT",
            mb,
            "--",
        ],
        root,
    )
    result: dict[Path, set[int]] = {}
    for rel, lines in parse_diff(diff).items():
        if lines:
            result[(root / rel).resolve()] = lines
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    for rel in filter(None, untracked.split("\0")):
        path = (root / rel).resolve()
        n = _line_count(path)
        if n:
            result[path] = set(range(1, n + 1))
    return result


def finding_changed(changed: dict[Path, set[int]], path: Path, line: int, end_line: int) -> bool:
    """True if any line from ``line`` to ``end_line`` of ``path`` is in ``changed``."""
    lines = changed.get(path)
    if not lines:
        return False
    last = max(line, end_line)
    return any(n in lines for n in range(line, last + 1))
