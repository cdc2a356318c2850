"""Rule patterns that cost nothing until a document could match them.

Compiling several hundred patterns with ``regex`` takes longer than checking a
short draft, so patterns are compiled on first use, and a rule whose pattern
needs a literal that the document does not contain is skipped without compiling.

The first time a rule file is seen, every pattern in it is compiled (that is the
validation that turns a bad regex into ``path:line: bad regular expression``) and
its *anchors* are worked out: literal strings, one of which every match must
contain. Both facts are kept in a small cache keyed by the file's content, so
later runs skip the compile until a pattern is really needed.

The cache is trusted only when this user wrote it: the file carries a MAC made
with a per-user key kept outside the cache folder (``signing.cache_key_path``, mode 0600).
An entry edited by anyone else (another user, a CI job sharing the cache folder)
fails the check, and the whole file counts as a miss: a forged entry could change a
rule's contents (its fix text) or switch it off with anchors no text contains.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from .. import rx
from ..regexcache import compile_re
from ..signing import _secret, _signed_body, cache_dir, read_cache_file, signed_text

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import regex

try:  # Python 3.11+ keeps the parser here
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

CACHE_VERSION = 10  # 10: alternatives of short runs ("1[6-9]|20") lengthen an anchor
#: syntax the standard parser reads differently from ``regex`` (POSIX classes, fuzzy
#: matching, branch reset, version flags): such patterns get no anchors
_REGEX_ONLY = compile_re(r"\[:|\{[^}]*[<=][^}]*\}|\(\?\||\(\?V|\\[mMGKX]")
_MIN_ANCHOR = 3
#: a class of at most this many literals is followed as alternatives
_MAX_CLASS = 4
#: at most this many strings stand for one run of literals
_MAX_RUN_SET = 16
#: a repeated literal counts at most this many times in a row
_MAX_REPEAT_RUN = 8


#: while a rule runs under a time budget: the ``time.monotonic()`` by which its
#: matching must be done (see ``time_budget``)
_deadline: float | None = None


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Give the matching of *timed* patterns (``LazyPattern.timed``) ``seconds`` in
    all while the block runs: past it, a match raises ``TimeoutError`` (the
    ``regex`` module's own timeout, so a pattern that backtracks without end is
    stopped inside the match)."""
    global _deadline
    previous = _deadline
    _deadline = None if seconds is None else time.monotonic() + seconds
    try:
        yield
    finally:
        _deadline = previous


def budget_running() -> bool:
    """Whether a ``time_budget`` with a limit is in force."""
    return _deadline is not None


def _remaining() -> float:
    assert _deadline is not None
    return max(0.001, _deadline - time.monotonic())


class LazyPattern:
    """A ``regex`` pattern compiled on first use, with the anchors a match needs.

    A *timed* pattern (from a rule file that does not ship with copylint) is always
    compiled by ``regex`` and matched under the running rule's time budget.
    """

    __slots__ = ("source", "flags", "anchors", "timed", "_compiled", "plan")

    def __init__(
        self,
        source: str,
        flags: int,
        anchors: tuple[str, ...] | None,
        compiled: regex.Pattern | None = None,
        timed: bool = False,
    ):
        self.source = source
        self.flags = flags
        self.anchors = anchors
        self.timed = timed
        self._compiled = compiled
        #: how ``_common.search`` searches it (its core, and what it searches the
        #: regions with), worked out on its first search
        self.plan: tuple[Any, Any] | None = None

    def __reduce__(self) -> tuple:
        # kept (the rule-set cache) as a pattern not compiled yet, as after a load
        return (type(self), (self.source, self.flags, self.anchors, None, self.timed))

    @property
    def compiled_yet(self) -> regex.Pattern | None:
        """The compiled pattern if it has been compiled already, else None."""
        return self._compiled

    @property
    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = compile_pattern(self.source, self.flags, self.timed, cached=True)
        return self._compiled

    def _budget(self, kwargs: dict) -> dict:
        if self.timed and _deadline is not None:
            kwargs["timeout"] = _remaining()
        return kwargs

    def could_match(self, folded: str, joined: str | None = None) -> bool:
        """False only when no match is possible in text whose folded form
        (``document.fold``) is ``folded`` (and its ``soft_joined`` form ``joined``)."""
        return could_match(self.anchors, folded, joined)

    # the Pattern methods the rule types use
    def finditer(self, *args, **kwargs):
        return self.compiled.finditer(*args, **self._budget(kwargs))

    def search(self, *args, **kwargs):
        return self.compiled.search(*args, **self._budget(kwargs))

    def match(self, *args, **kwargs):
        return self.compiled.match(*args, **self._budget(kwargs))

    def fullmatch(self, *args, **kwargs):
        return self.compiled.fullmatch(*args, **self._budget(kwargs))

    def findall(self, *args, **kwargs):
        return self.compiled.findall(*args, **self._budget(kwargs))

    def sub(self, *args, **kwargs):
        return self.compiled.sub(*args, **self._budget(kwargs))

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def pattern(self) -> str:
        return self.source


def could_match(anchors: tuple[str, ...] | None, folded: str, joined: str | None = None) -> bool:
    """False only when a pattern with ``anchors`` cannot match in text whose folded
    form (``document.fold``) is ``folded``; no anchors: it could. With ``joined``
    (``soft_joined(folded)``), an anchor without line breaks or runs of blanks is
    looked for there, so a soft pattern's phrase wrapped over two lines is seen."""
    if anchors is None:
        return True
    for a in anchors:
        if a in (folded if joined is None or spaced(a) else joined):
            return True
    return False


def compile_pattern(source: str, flags: int, timed: bool = False, cached: bool = False):
    """Compile with the standard ``re`` where it reads the pattern the same way, else ``regex``.

    ``re`` compiles several times faster. A pattern goes to ``regex`` when it uses
    syntax only ``regex`` has (``re`` then fails to compile it) or syntax the two
    read differently (POSIX classes, fuzzy matching, version flags), and when it is
    ``timed`` (only ``regex`` can stop a match that runs too long). ``cached``: a
    ``regex`` pattern's program comes from, and goes to, ``regexcache`` (first use;
    the validation of a new rule file compiles every pattern and keeps none).
    """
    if not timed and not (flags & _V1) and not _REGEX_ONLY.search(source):
        try:
            if cached:
                from ..regexcache import compile_re

                return compile_re(source, flags & _RE_FLAGS)
            return re.compile(source, flags & _RE_FLAGS)
        except (re.error, OverflowError, ValueError):
            pass
    if cached:
        from ..regexcache import compile as compile_regex

        return compile_regex(source, flags)
    return rx.compile(source, flags)


_PROPERTY = compile_re(r"\\([pP])\{[^}]*\}")
# plain ints: an operator between an int and a flag enum runs the enum's Python code
_RE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
_V1 = int(rx.V1)

# --------------------------------------------------------------------------- anchors


def read_pattern(pattern: str, flags: int = 0) -> list | None:
    """``pattern``'s items as the standard parser reads them, its Unicode properties
    read as ``\\w`` / ``\\W`` (classes, never literals); None where that parser cannot
    read it (``regex``-only syntax, ``V1``, a parse error)."""
    if flags & rx.V1 or _REGEX_ONLY.search(pattern):
        return None
    if "\\\\" not in pattern:
        pattern = _PROPERTY.sub(lambda m: "\\W" if m.group(1) == "P" else "\\w", pattern)
    try:
        return list(
            sre_parse.parse(
                pattern, flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
            )
        )
    except Exception:  # noqa: BLE001 - any parse failure: not read
        return None


def anchors_of(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case literals one of which every match of ``pattern`` contains, or None.

    Conservative: None whenever the pattern cannot be read by the standard parser
    or has no literal run on every branch of at least three characters, or a
    shorter one with a mark in it.
    """
    parsed = read_pattern(pattern, flags)
    if parsed is None:
        return None
    found = _required(parsed)
    if not found:
        return None
    folded = {a.lower() for a in found}
    # an anchor holding another is found only where that one is: the shorter will do
    kept = [a for a in folded if not any(b != a and b in a for b in folded)]
    return tuple(sorted(kept))


def _qualifies(literal: str) -> bool:
    """A literal worth testing for: three characters or more, or a shorter one with
    a mark in it ("!!", " ,", "—"), which plain prose often lacks."""
    return len(literal) >= _MIN_ANCHOR or any(not (c.isalnum() or c.isspace()) for c in literal)


def _char_set(op, av) -> set[str] | None:
    """The characters a single parsed item matches when it is a literal or a small
    class of literals (``[ \t]``, ``[?!]``); None otherwise."""
    if op is sre_constants.LITERAL:
        return {chr(av)}
    if op is sre_constants.IN and len(av) <= _MAX_CLASS:
        chars: set[str] = set()
        for o, v in av:
            if o is sre_constants.LITERAL:
                chars.add(chr(v))
            elif o is sre_constants.RANGE and v[1] - v[0] < _MAX_CLASS:
                chars.update(map(chr, range(v[0], v[1] + 1)))  # a short range: [6-9]
            else:
                return None
        return chars if len(chars) <= _MAX_CLASS else None
    return None


def _alternatives(op, av, classes: bool = False) -> set[str] | None:
    """The strings a group of a few literal alternatives matches (``(?:very|most)``,
    ``(a|the)``, ``(?:1[6-9]|20)``), followed in a run like a class of literals, so
    that the run's literal reads "very unique", "most unique" rather than " unique"
    ("from 16" ... "between 20" rather than "from "); None otherwise. Branches with
    classes in them (``1[6-9]``) only with ``classes``: where they lengthen a run
    that is an anchor already (" 16" ... " 20" is in more drafts than "may")."""
    if op is sre_constants.SUBPATTERN:
        inner = list(av[-1])
        if len(inner) != 1:
            return None
        op, av = inner[0]
    if op is not sre_constants.BRANCH or len(av[1]) > _MAX_RUN_SET:
        return None
    out: set[str] = set()
    for branch in av[1]:
        items = list(branch)
        if not items:
            return None
        # a branch of literals and small classes of literals (``1[6-9]|20``): the
        # strings it stands for
        strings = {""}
        for o, v in items:
            chars = _char_set(o, v)
            if (
                chars is None
                or (o is not sre_constants.LITERAL and not classes)
                or len(strings) * len(chars) > _MAX_RUN_SET
            ):
                return None
            strings = {a + c for a in strings for c in chars}
        out |= strings
        if len(out) > _MAX_RUN_SET:
            return None
    return out


def _worth(literals: set[str]) -> tuple[int, bool]:
    """How much a set of literals tells (the larger, the better an anchor): the
    length of the shortest, then, between sets as long, whether each has a figure or
    a mark in it ("10's" is seldom in prose where "the " always is)."""
    return min(map(len, literals)), all(
        any(not (c.isalpha() or c.isspace()) for c in a) for a in literals
    )


def _required(items: list) -> set[str] | None:
    """The best literal set for a sequence of parsed items (None: nothing required).

    A run of literals and small classes of literals is followed as the set of the
    strings it can stand for (``[ \t]+,`` needs " ," or "\t,"); a literal repeated
    at least n times stands n times in a row (``!{2,}`` needs "!!").
    """
    best: set[str] | None = None
    run: set[str] = {""}

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if not candidate:
            return
        if best is None or _worth(candidate) > _worth(best):
            best = candidate

    def close_run() -> None:
        nonlocal run
        if all(r and _qualifies(r) for r in run):
            consider(set(run))
        run = {""}

    def extend(chars: set[str], times: int) -> None:
        nonlocal run
        for _ in range(times):
            if len(run) * len(chars) > _MAX_RUN_SET:
                close_run()
                run = set(chars)
            else:
                run = {r + c for r in run for c in chars}

    for op, av in items:
        chars = _char_set(op, av) or _alternatives(op, av, all(len(r) >= _MIN_ANCHOR for r in run))
        if chars is not None:
            extend(chars, 1)
            continue
        if op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            getattr(sre_constants, "POSSESSIVE_REPEAT", None),
        ):
            low, high, sub = av
            sub = list(sub)
            chars = _char_set(*sub[0]) if len(sub) == 1 else None
            if chars is not None and low >= 1:
                extend(chars, min(low, _MAX_REPEAT_RUN))
                if high != low or low > _MAX_REPEAT_RUN:
                    # more may follow: only the last of them touches what comes next
                    close_run()
                    run = set(chars)
                continue
            close_run()
            if low >= 1:
                consider(_required(sub))
            continue
        close_run()
        if op is sre_constants.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is sre_constants.BRANCH:
            branches = [_required(list(b)) for b in av[1]]
            if all(branches):
                union: set[str] = set()
                for b in branches:
                    union |= b  # type: ignore[arg-type]
                consider(union)
        elif op is sre_constants.ASSERT:
            # a positive lookaround's text must stand in the document too
            consider(_required(list(av[1])))
        elif op is sre_constants.ATOMIC_GROUP if hasattr(sre_constants, "ATOMIC_GROUP") else False:
            consider(_required(list(av)))
        # AT, ASSERT_NOT, IN, ANY, NOT_LITERAL, GROUPREF...: no literal required
    close_run()
    return best


# --------------------------------------------------------------------------- soft breaks

#: what a space between two words of a phrase stands for once soft: the space, or
#: one line break inside a paragraph with the blanks around it (a wrapped line and
#: its indentation), never a blank line. The blanks are bounded: ``regex`` then still
#: finds the phrase's words by a fast search for them (``[ \t]*`` made one rule of
#: long keys, house.Absolutes, 40 times slower on a key alone)
SOFT_SPACE = r"(?: |[ \t]{0,40}\r?\n[ \t]{0,40})"
#: patterns whose spaces are not plain literals: verbose mode, comments, named
#: characters ("\N{NO-BREAK SPACE}")
_NO_SOFT = compile_re(r"\(\?[a-zA-Z]*x|\(\?#|\\N\{")


def class_end(pattern: str, i: int, nested: bool = True) -> int:
    """Where the character class that opens at ``pattern[i]`` (a ``[``) closes: the
    index of its ``]``, or the pattern's length when nothing closes it; -1 when
    ``nested`` is False and the class holds an unescaped ``[`` (maybe a nested set)."""
    n = len(pattern)
    j = i + 1
    if pattern.startswith("^", j):
        j += 1
    if pattern.startswith("]", j):
        j += 1
    while j < n and pattern[j] != "]":
        if not nested and pattern[j] == "[":
            return -1
        j += 2 if pattern[j] == "\\" else 1
    return j


def soften(pattern: str) -> str:
    """``pattern`` with each lone literal space (between two words of a phrase,
    ``uphill battle``) also matching a single line break with the blanks around it,
    so a phrase a hard-wrapped paragraph splits over two lines is still found.

    Left alone: spaces in a character class, escaped, inside a lookbehind (it must
    keep its width), next to another space, or repeated by ``*``, ``+`` or ``{n,m}``
    (a run of them could cross a blank line); and every space of a verbose pattern.
    A space made optional by ``?`` becomes an optional soft space.
    """
    if " " not in pattern or _NO_SOFT.search(pattern):
        return pattern
    out: list[str] = []
    groups: list[bool] = []  # per open group: is it a lookbehind
    behind = 0  # lookbehinds open
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            j = class_end(pattern, i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if c == "(":
            lb = pattern.startswith(("(?<=", "(?<!"), i)
            groups.append(lb)
            behind += lb
        elif c == ")" and groups:
            behind -= groups.pop()
        elif (
            c == " "
            and not behind
            and i > 0
            and pattern[i - 1] != " "
            and not pattern.startswith(" ", i + 1)
            and (i + 1 >= n or pattern[i + 1] not in "*+{")
        ):
            out.append(SOFT_SPACE)
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def soft_joined(folded: str) -> str:
    """``folded`` with every line break (and the blanks around it) made one space: the
    text a soft pattern's anchors (worked out from the phrase as written, with plain
    spaces) are looked for in. It holds every anchor ``folded`` holds that has no
    line break, tab or double space in it (``spaced``), and the phrases wrapped over
    two lines besides."""
    if "\n" not in folded:
        return folded
    # split and strip: ten times quicker than a regex substitution of the breaks
    first, *rest = folded.split("\n")
    last = rest.pop()
    return " ".join(
        [first.rstrip(" \t\r"), *[line.strip(" \t\r") for line in rest], last.lstrip(" \t")]
    )


def spaced(anchor: str) -> bool:
    """Whether ``anchor`` must be looked for in the folded text as it is, not in
    ``soft_joined`` (which changes line breaks and the blanks beside them)."""
    return "\n" in anchor or "\t" in anchor or "\r" in anchor or "  " in anchor


# --------------------------------------------------------------------------- cache


def _anchor_map(value: Any) -> bool:
    """Whether a cached entry is what ``Rule.compile`` expects: pattern key -> anchors
    (a list of strings) or None, and ``engine:`` keys -> "re" or "regex" (the engine
    that compiles a substitution's whole pattern)."""
    return isinstance(value, dict) and all(
        v is None
        or (isinstance(v, list) and all(isinstance(a, str) for a in v))
        or (isinstance(k, str) and k.startswith("engine:") and v in ("re", "regex"))
        for k, v in value.items()
    )


#: entries (parsed rule files and their pattern anchors) past which the cache keeps
#: only what one load used
MAX_ENTRIES = 4000


class PatternCache:
    """What loading a rule file worked out, keyed by the file's content: its parsed
    YAML (so PyYAML is not even imported when nothing changed) and the anchors of
    its validated patterns."""

    def __init__(self, path: Path | None = None):
        self.path = path or cache_dir() / "patterns.json"
        self.data: dict[str, dict[str, Any]] = {}
        self.parsed: dict[str, list[Any]] = {}
        self.dirty = False
        #: keys read or written by this load: kept when the cache is pruned
        self.used: set[str] = set()
        try:
            text = read_cache_file(self.path).decode("utf-8")
            body = _signed_body(text, _secret(create=False))
            if body is None:
                return  # none, or not written by this user: a miss
            loaded = json.loads(body)
            if loaded.get("version") == [CACHE_VERSION, rx.version()]:
                files, parsed = loaded.get("files"), loaded.get("parsed")
                # a damaged cache (edited, or written by a broken tool) only costs time
                if isinstance(files, dict):
                    self.data = files
                if isinstance(parsed, dict):
                    self.parsed = parsed
        except (OSError, ValueError, AttributeError, RecursionError):
            pass

    def get_parsed(self, key: str) -> tuple[dict[str, Any], dict[str, int]] | None:
        self.used.add(key)
        hit = self.parsed.get(key)
        if (
            isinstance(hit, list)
            and len(hit) == 2
            and isinstance(hit[0], dict)
            and isinstance(hit[1], dict)
            and all(isinstance(v, int) for v in hit[1].values())
        ):
            return hit[0], hit[1]
        return None

    def put_parsed(self, key: str, data: dict[str, Any], lines: dict[str, int]) -> None:
        """Keep a parsed file unless JSON would not give it back as it is (a YAML date)."""
        try:
            same = json.loads(json.dumps([data, lines])) == [data, lines]
        except (TypeError, ValueError, RecursionError):
            same = False
        self.used.add(key)
        if same:
            self.parsed[key] = [data, lines]
            self.dirty = True

    @staticmethod
    def key(text: str) -> str:
        from ..signing import new_hash

        return new_hash(text.encode("utf-8"), 20).hexdigest()  # type: ignore[no-any-return]

    def get(self, key: str) -> dict[str, Any] | None:
        self.used.add(key)
        hit = self.data.get(key)
        return hit if _anchor_map(hit) else None

    def put(self, key: str, patterns: dict[str, Any]) -> None:
        self.used.add(key)
        self.data[key] = patterns
        self.dirty = True

    def save(self) -> None:
        if len(self.data) + len(self.parsed) > MAX_ENTRIES:
            # every edit of a rule file adds entries: past the cap, keep what this
            # load used (other projects' entries are only rebuilt, at a cost in time)
            self.data = {k: v for k, v in self.data.items() if k in self.used}
            self.parsed = {k: v for k, v in self.parsed.items() if k in self.used}
            self.dirty = True
        if not self.dirty:
            return
        key = _secret(create=True)
        if key is None:
            return  # no key of our own: a cache nobody could trust is not written
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            body = json.dumps(
                {
                    "version": [CACHE_VERSION, rx.version()],
                    "files": self.data,
                    "parsed": self.parsed,
                }
            )
            body = signed_text(body, key)
            import tempfile

            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
        except OSError:
            return  # a cache that cannot be written only costs time
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:
            try:  # e.g. the cache path is a folder: leave no temporary file behind
                os.unlink(tmp)
            except OSError:
                pass
