"""Configuration: copylint.toml or [tool.copylint] in pyproject.toml."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .errors import ConfigError
from .findings import _REQUIRED, Severity, _Factory, _Fields, _replace, _repr, _Signature

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, ClassVar

# ``regex`` is imported where it is used (finding a key's line, checking a pattern):
# a run the results cache answers reads its config without it

DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA")


#: Config's fields in order, with their defaults (``_Factory``: made for each)
_CONFIG_SPEC: tuple[tuple[str, Any], ...] = (
    ("path", None),
    ("root", _Factory(Path.cwd)),
    ("packs", ("spelling", "house", "promo")),
    ("levels", _Factory(dict)),
    ("overrides", _Factory(list)),
    ("include", ()),
    ("exclude", ()),
    ("dialect", "en-US"),
    ("min_level", Severity.SUGGESTION),
    ("fail_on", Severity.WARNING),
    ("accept", ()),
    ("reject", ()),
    ("accept_files", ()),
    ("reject_files", ()),
    ("force_exclude", False),
    ("options", _Factory(dict)),
    ("ignores", ()),
    ("ignored_elements", ()),
    ("formats", _Factory(dict)),
    ("kind", "copylint"),
    ("max_file_mb", 10.0),
    ("rule_timeout", 10.0),
)
#: Override's fields, as ``_CONFIG_SPEC``
_OVERRIDE_SPEC: tuple[tuple[str, Any], ...] = (
    ("globs", _REQUIRED),
    ("levels", _Factory(dict)),
    ("dialect", None),
    ("options", _Factory(dict)),
    ("ignores", ()),
)


class _Fielded:
    """What a (not frozen) dataclass has, for the fields of ``_spec``: an ``__init__``
    taking them in order, by position or by name (with the same errors for wrong
    arguments), then ``__post_init__``; equality of the fields' tuples; the ``repr``."""

    _spec: ClassVar[tuple[tuple[str, Any], ...]] = ()
    __hash__ = None  # type: ignore[assignment]
    if TYPE_CHECKING:  # pragma: no cover
        __dataclass_fields__: ClassVar[dict[str, Any]]
    else:
        __dataclass_fields__ = _Fields(None, frozen=False)  # of each class's _spec
        __signature__ = _Signature()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        spec = self._spec
        cls = type(self).__name__
        if len(args) > len(spec):
            raise TypeError(
                f"{cls}.__init__() takes from 1 to {len(spec) + 1} positional "
                f"arguments but {len(args) + 1} were given"
            )
        for (name, _default), value in zip(spec, args, strict=False):
            if name in kwargs:
                raise TypeError(f"{cls}.__init__() got multiple values for argument {name!r}")
            kwargs[name] = value
        unknown = kwargs.keys() - {name for name, _ in spec}
        if unknown:
            raise TypeError(
                f"{cls}.__init__() got an unexpected keyword argument {sorted(unknown)[0]!r}"
            )
        fields = self.__dict__
        for name, default in spec:
            if name in kwargs:
                fields[name] = kwargs[name]
            elif isinstance(default, _Factory):
                fields[name] = default.make()
            elif default is _REQUIRED:
                raise TypeError(
                    f"{cls}.__init__() missing 1 required positional argument: {name!r}"
                )
            else:
                fields[name] = default
        self.__post_init__()

    def __post_init__(self) -> None:
        pass

    def __replace__(self, /, **changes: Any) -> Any:
        return _replace(self, **changes)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = [name for name, _ in self._spec]
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    def __repr__(self) -> str:
        return _repr(self, (name for name, _ in self._spec))


class Override(_Fielded):
    """Settings that apply to files matching ``globs``.

    (Written out as the dataclass it was, as ``Config`` is: see ``findings``.)"""

    _spec = _OVERRIDE_SPEC
    __match_args__ = tuple(name for name, _ in _OVERRIDE_SPEC)  # as a dataclass has

    globs: tuple[str, ...]
    levels: dict[str, Severity | None]
    dialect: str | None
    options: dict[str, Any]
    #: regexes whose matches no finding may touch (.vale.ini TokenIgnores, BlockIgnores)
    ignores: tuple[str, ...]


class Config(_Fielded):
    """The settings of a run (written out as the dataclass it was: see ``findings``;
    ``dataclasses.replace`` and ``fields`` take it as before)."""

    _spec = _CONFIG_SPEC
    __match_args__ = tuple(name for name, _ in _CONFIG_SPEC)

    path: str | None
    root: Path
    packs: tuple[str, ...]
    #: rule id or pack -> level; None: the rule's own level
    levels: dict[str, Severity | None]
    overrides: list[Override]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    dialect: str
    min_level: Severity
    fail_on: Severity
    #: accepted words (exact) and patterns (compiled lazily by the user of it)
    accept: tuple[str, ...]
    reject: tuple[str, ...]
    #: the files the accept list came from; ``vocab add`` appends to the first
    accept_files: tuple[str, ...]
    #: the files the reject list came from (the editor server rereads on their change)
    reject_files: tuple[str, ...]
    #: apply exclude globs and .gitignore to files named on the command line too
    force_exclude: bool
    #: house-style choices (oxford_comma, percent, dash, headline_case, ...)
    options: dict[str, Any]
    #: regexes whose matches no finding may touch (.vale.ini TokenIgnores, BlockIgnores)
    ignores: tuple[str, ...]
    #: HTML elements (tag names, or ``.class``) whose content no finding may touch
    #: (.vale.ini IgnoredScopes, SkippedScopes, IgnoredClasses)
    ignored_elements: tuple[str, ...]
    #: file extension (no dot) -> format, for files the extension alone does not place
    formats: dict[str, str]
    #: "vale": rule files of the packs that are not copylint's are read as Vale reads
    #: them (a key copylint does not know is a warning); a .vale.ini, or
    #: ``vale_styles = true`` in copylint.toml
    kind: str
    #: drafts larger than this (in megabytes) are refused, not read
    max_file_mb: float
    #: seconds the patterns of one of the user's own rules may spend on one document
    rule_timeout: float

    def __post_init__(self) -> None:
        """Check and normalise what a caller of the Python API passes (the config
        file reader has checked its own values): a ConfigError, never a TypeError
        later or a setting silently ignored."""
        where = self.path
        if isinstance(self.packs, str):
            self.packs = (self.packs,)
        if not isinstance(self.packs, tuple | list) or not all(
            isinstance(p, str) for p in self.packs
        ):
            raise ConfigError("'packs' must be a string or a list of strings", where)
        self.packs = tuple(self.packs)
        for name in ("accept", "reject", "include", "exclude"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, tuple | list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"'{name}' must be a string or a list of strings", where)
            setattr(self, name, tuple(value))
        for d in DIALECTS:
            if str(self.dialect).lower().replace("_", "-") == d.lower():
                self.dialect = d
                break
        else:
            raise ConfigError(
                f"unknown dialect {self.dialect!r} (expected one of {', '.join(DIALECTS)})", where
            )
        self.min_level = _severity(self.min_level, "min_level", where)
        self.fail_on = _severity(self.fail_on, "fail_on", where)
        if not isinstance(self.levels, dict):
            raise ConfigError("'levels' must be a mapping of rule id to level", where)
        self.levels = {
            str(k): None if v is None else _severity(v, str(k), where)
            for k, v in self.levels.items()
        }
        if not isinstance(self.options, dict):
            raise ConfigError("'options' must be a mapping of option to value", where)
        for key, what in _NUMBERS.items():
            value = getattr(self, key)
            if not _positive_number(value):
                raise ConfigError(f"'{key}' must be a number of {what} above 0", where)
            setattr(self, key, float(value))


#: the config keys that take a positive number, and its unit
_NUMBERS = {"max_file_mb": "megabytes", "rule_timeout": "seconds"}


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1e9


def rule_level(levels: dict[str, Severity | None], rule_id: str, own: Severity) -> Severity:
    """A rule's level under ``levels``: its id, else its pack, else its own level.

    ``None`` stands for "the rule's own level" (a .vale.ini's ``Style.Rule = YES``, or
    a style turned on for some files only)."""
    level = levels[rule_id] if rule_id in levels else levels.get(rule_id.split(".", 1)[0], own)
    return own if level is None else level


def _severity(value: Any, key: str, where: str | None) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}", where) from None


# --------------------------------------------------------------------------- loading

CONFIG_NAMES = ("copylint.toml", ".copylint.toml")
#: a Vale project's config file names, in Vale's order (read by vale.py, which is
#: imported only when one applies: the plain CLI path stays light)
VALE_NAMES = (".vale.ini", "_vale.ini", "vale.ini")
#: the environment variable naming a Vale config file (as Vale's ``--config``)
VALE_ENV_CONFIG = "VALE_CONFIG_PATH"
KNOWN_KEYS = {
    "packs",
    "levels",
    "overrides",
    "include",
    "exclude",
    "dialect",
    "min_level",
    "fail_on",
    "vocab",
    "options",
    "ignores",
    "ignored_elements",
    "formats",
    "vale_styles",
    *_NUMBERS,
}
OVERRIDE_KEYS = {"files", "levels", "dialect", "options", "ignores"}


#: folders the search for a config does not walk up into, separated by ``os.pathsep``
#: (as git's ``GIT_CEILING_DIRECTORIES``): a config in or above one is not found
#: from below it, nor one above it from it (test suites and CI jobs in a shared
#: temporary folder set it)
CEILING_ENV = "COPYLINT_CEILING_DIRECTORIES"


def _ceilings() -> set[Path]:
    import os

    out = set()
    for part in os.environ.get(CEILING_ENV, "").split(os.pathsep):
        if part.strip():
            try:
                out.add(Path(part).resolve())
            except (OSError, RuntimeError, ValueError):  # a loop of links; a NUL
                continue
    return out


def find_config(start: Path | None = None, also: tuple[str, ...] = ()) -> Path | None:
    """Walk up from ``start`` to the first copylint.toml or pyproject with [tool.copylint]
    (or, in the same walk, a file named in ``also``: a Vale project's .vale.ini),
    stopping below a folder named in ``COPYLINT_CEILING_DIRECTORIES``.

    The nearest wins; in one folder, copylint's own config comes first."""
    here = (start or Path.cwd()).resolve()
    ceilings = _ceilings()
    for folder in (here, *here.parents):
        if folder in ceilings and folder != here:
            break  # a ceiling above the start: neither it nor what is above it
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            import tomllib

            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, ValueError, tomllib.TOMLDecodeError, RecursionError):
                data = {}
            if "copylint" in data.get("tool", {}):
                return pyproject
        for name in also:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        if folder in ceilings:
            break  # started at a ceiling: it is searched, nothing above it
    return None


@cache
def _headers() -> tuple[Any, Any]:
    """The patterns of an [[overrides]] header and of a [tool.copylint] header."""
    from .rx import whole

    regex = whole()  # (its package bound to the engine rx loaded)

    return (
        regex.compile(
            r"(?m)^[ \t]*\[\[[ \t]*(?:tool[ \t]*\.[ \t]*copylint[ \t]*\.[ \t]*)?overrides[ \t]*\]\]"
        ),
        regex.compile(r"(?m)^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*copylint\b"),
    )


def _key_line(text: str, key: str, override: int | None = None) -> int | None:
    """The line of ``key`` in a config's text: in the ``override``-th [[overrides]]
    table when given, and in pyproject.toml only from [tool.copylint] on."""
    from .rx import whole

    regex = whole()  # (its package bound to the engine rx loaded)

    override_header, tool_header = _headers()
    start, end = 0, len(text)
    tool = tool_header.search(text)
    if tool:
        start = tool.start()
    if override is not None:
        headers = list(override_header.finditer(text, start))
        if override < len(headers):
            start = headers[override].start()
            if override + 1 < len(headers):
                end = headers[override + 1].start()
    # [ \t], not \s: a blank line before the key must not count as its line
    pattern = rf'(?m)^[ \t]*(?:\[+[^\]\n]*\b)?"?{regex.escape(key)}"?[ \t]*[=\]]'
    m = regex.compile(pattern).search(text, start, end)
    if m is None and override is not None:  # an inline table: {"house.X" = "loud"}
        m = regex.compile(rf'(?m)^.*[{{,]\s*"?{regex.escape(key)}"?\s*=').search(text, start, end)
    if m is None and override is None:
        m = regex.compile(rf'(?m)^.*[{{,]\s*"?{regex.escape(key)}"?\s*=').search(text, start)
    if m is None:
        return None
    return text.count("\n", 0, m.start()) + 1


def config_line(cfg: Config, key: str) -> int | None:
    """The line of a top-level ``key`` in the file ``cfg`` was read from."""
    if not cfg.path:
        return None
    try:
        text = Path(cfg.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _key_line(text, key)


def load_config(
    path: Path | None = None, *, start: Path | None = None, warnings: list[str] | None = None
) -> Config:
    """Load ``path`` or discover a config; no config gives the defaults.

    Without a copylint config upwards of ``start``, a Vale project's config is read:
    the file named by ``VALE_CONFIG_PATH``, else the nearest ``.vale.ini`` (see vale.py).
    """
    import os

    if path is None:
        path = find_config(start, VALE_NAMES)
        # no copylint config applies: Vale's variable comes before its search
        if (path is None or path.name in VALE_NAMES) and os.environ.get(VALE_ENV_CONFIG):
            path = Path(os.environ[VALE_ENV_CONFIG])
        if path is None:
            return Config(root=(start or Path.cwd()).resolve())
    path = Path(path)
    if path.suffix == ".ini" or path.name in VALE_NAMES:
        from . import vale

        return vale.load_vale_config(path, warnings)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError("config file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", str(path)) from None
    data = read_simple_toml(text)
    if data is None:
        data = _read_toml(text, path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("copylint", {})
    return build_config(data, path, text, warnings)


def _read_toml(text: str, path: Path) -> dict[str, Any]:
    """``text`` read by ``tomllib``; a ConfigError naming the line when it is no TOML."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else max(1, text.count("\n"))
        raise ConfigError(f"bad TOML: {exc}", str(path), line) from None
    except RecursionError:
        raise ConfigError("bad TOML: nested too deeply", str(path), deep_line(text)) from None
    except ValueError as exc:  # a whole number of more digits than int() takes
        digits = max(re.finditer(r"[0-9_]+", text), key=lambda m: m.end() - m.start(), default=None)
        line = text.count("\n", 0, digits.start()) + 1 if digits else 1  # (the longest run)
        raise ConfigError(f"bad TOML: {exc}", str(path), line) from None


# A config file as most are written (``key = value`` lines, the values strings, whole
# numbers, booleans or one-line arrays of those, under ``[table]`` headers) is read
# here, as ``tomllib`` reads it: ``tomllib`` (with ``typing``, ``datetime`` and
# ``string``, which it imports) took a tenth of a run the results cache answers.
# Anything else (escapes, floats, dates, inline tables, arrays of tables, quoted or
# dotted keys, a key or table given twice) goes to ``tomllib``. The grammar of a line,
# as patterns (``_T_LINE``: a line matched whole), read by hand by ``_t_line``:
# ``[ \t]*(?:(?P<key>KEY)[ \t]*=[ \t]*(?P<value>SCALAR|ARRAY)|\[[ \t]*(?P<table>KEY(?:[ \t]*\.
# [ \t]*KEY)*)[ \t]*\])?END``, and an array's items are its SCALARs.
_T_STR = r""""[^"\\\x00-\x08\x0a-\x1f\x7f]*"|'[^'\x00-\x08\x0a-\x1f\x7f]*'"""
#: (at most 18 digits: tomllib raises ValueError for more than ``int()`` takes)
_T_SCALAR = rf"(?:{_T_STR}|true|false|[+-]?(?:0|[1-9][0-9]{{0,17}}))"
_T_ARRAY = rf"\[[ \t]*(?:{_T_SCALAR}[ \t]*(?:,[ \t]*{_T_SCALAR}[ \t]*)*(?:,[ \t]*)?)?\]"
_T_END = r"[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_T_KEY = r"[A-Za-z0-9_-]+"


#: what a key or a table's part is made of (``_T_KEY``)
_T_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
#: what no string or comment holds (``_T_STR``, ``_T_END``): control characters but tab
_T_CONTROL = frozenset(map(chr, (*range(0x09), *range(0x0A, 0x20), 0x7F)))
_T_DIGITS = frozenset("0123456789")


def _t_space(line: str, at: int) -> int:
    """Where the spaces and tabs from ``at`` end."""
    n = len(line)
    while at < n and line[at] in " \t":
        at += 1
    return at


def _t_key(line: str, at: int) -> int:
    """Where the key from ``at`` ends (``at``: none)."""
    n = len(line)
    keys = _T_KEY_CHARS
    while at < n and line[at] in keys:
        at += 1
    return at


def _t_scalar(line: str, at: int) -> int:
    """Where the scalar (``_T_SCALAR``) from ``at`` ends; -1: none there."""
    n = len(line)
    if at >= n:
        return -1
    c = line[at]
    if c == '"' or c == "'":
        bad = _T_CONTROL
        i = at + 1
        while i < n:
            d = line[i]
            if d == c:
                return i + 1
            if d in bad or (c == '"' and d == "\\"):
                return -1
            i += 1
        return -1
    if line.startswith("true", at):
        return at + 4
    if line.startswith("false", at):
        return at + 5
    i = at + 1 if c in "+-" else at
    if i >= n or line[i] not in _T_DIGITS:
        return -1
    if line[i] == "0":
        return i + 1
    end = min(n, i + 18)  # (at most 18 digits)
    i += 1
    while i < end and line[i] in _T_DIGITS:
        i += 1
    return i


def _t_array(line: str, at: int, items: list[str]) -> int:
    """Where the one-line array (``_T_ARRAY``) from ``at`` (its ``[``) ends, its items'
    texts added to ``items``; -1: none there."""
    i = _t_space(line, at + 1)
    if line.startswith("]", i):
        return i + 1
    while True:
        end = _t_scalar(line, i)
        if end < 0:
            return -1
        items.append(line[i:end])
        i = _t_space(line, end)
        if line.startswith(",", i):
            i = _t_space(line, i + 1)
            if line.startswith("]", i):
                return i + 1
            continue
        return i + 1 if line.startswith("]", i) else -1


def _t_line(line: str) -> tuple[str | None, str | None, str | None, list[str]] | None:
    """A line of a simple config file read as ``_T_LINE`` (``[ \\t]*(key = value |
    [table])? [ \\t]*(#comment)?``) would match it whole: its key, its value's text, its
    table header's text (None for what it lacks) and the texts of an array value's
    items; None when it is no such line. (Read by hand: compiling the pattern took
    ~1 ms of every run that reads a config file.)"""
    key = value = table = None
    items: list[str] = []
    i = _t_space(line, 0)
    if i < len(line) and line[i] in _T_KEY_CHARS:
        end = _t_key(line, i)
        key = line[i:end]
        j = _t_space(line, end)
        if not line.startswith("=", j):
            return None
        j = _t_space(line, j + 1)
        if line.startswith("[", j):
            end = _t_array(line, j, items)
        else:
            end = _t_scalar(line, j)
        if end < 0:
            return None
        value = line[j:end]
        i = end
    elif line.startswith("[", i):
        j = _t_space(line, i + 1)
        first = end = j
        while True:
            end = _t_key(line, j)
            if end == j:
                return None
            j = _t_space(line, end)
            if line.startswith(".", j):
                j = _t_space(line, j + 1)
                continue
            break
        if not line.startswith("]", j):
            return None
        table = line[first:end]
        i = j + 1
    i = _t_space(line, i)
    if line.startswith("#", i):
        if not _T_CONTROL.isdisjoint(line[i + 1 :]):
            return None
    elif i != len(line):
        return None
    return key, value, table, items


def read_simple_toml(text: str) -> dict[str, Any] | None:
    """What ``tomllib.loads(text)`` gives, for a file made only of what the module's
    comment above lists; None for any other file (``tomllib`` reads it then)."""
    if "\r" in text:
        return None
    data: dict[str, Any] = {}
    table = data
    tables: set[tuple[str, ...]] = set()  # defined by a header
    for line in text.split("\n"):
        m = _t_line(line)
        if m is None:
            return None
        key, value, header, items = m
        if key is not None:
            if key in table:
                return None  # given twice
            assert value is not None
            if value.startswith("["):
                table[key] = [_toml_scalar(v) for v in items]
            else:
                table[key] = _toml_scalar(value)
            continue
        if header is None:
            continue  # blank, or a comment
        path = tuple(part.strip(" \t") for part in header.split("."))
        if path in tables:
            return None  # defined twice
        tables.add(path)
        table = data
        for part in path:
            inner = table.setdefault(part, {})
            if not isinstance(inner, dict):
                return None  # a value of that name
            table = inner
        if table and any(not isinstance(v, dict) for v in table.values()):
            return None  # a table given keys before, under another header (tomllib says)
    return data


def _toml_scalar(value: str) -> Any:
    if value[0] in "\"'":
        return value[1:-1]
    if value == "true":
        return True
    if value == "false":
        return False
    return int(value)


def resolve_config(
    path: str | Path, explicit: str | Path | None = None, warnings: list[str] | None = None
) -> Config:
    """The config that applies to the draft (or folder) ``path``, found as the CLI
    finds it: ``explicit`` (``--config``) if given, else copylint.toml,
    .copylint.toml or [tool.copylint] upwards, else a Vale project's .vale.ini."""
    if explicit is not None:
        return load_config(Path(explicit), warnings=warnings)
    here = Path(path)
    start = here if here.is_dir() else here.parent
    return load_config(None, start=start, warnings=warnings)


def deep_line(text: str, limit: int = 200) -> int:
    """The line where brackets and braces first nest ``limit`` deep (strings are not
    told apart: this only names the line of a file too deep to parse)."""
    depth = 0
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch in "[{":
            depth += 1
            if depth >= limit:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
    return 1


def build_config(
    data: dict[str, Any], path: Path, text: str = "", warnings: list[str] | None = None
) -> Config:
    file = str(path)
    root = path.resolve().parent
    cfg = Config(path=file, root=root)

    where: dict[str, int | None] = {"override": None}  # the [[overrides]] being read

    def fail(msg: str, key: str):
        raise ConfigError(msg, file, _key_line(text, key, where["override"]))

    def level(value: Any, key: str) -> Severity:
        try:
            return Severity.parse(str(value))
        except ValueError as exc:
            fail(f"{key}: {exc}", key)
            raise  # unreachable

    def strings(value: Any, key: str) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(f"'{key}' must be a string or a list of strings", key)
        return tuple(value)

    def dialect(value: Any, key: str) -> str:
        for d in DIALECTS:
            if str(value).lower().replace("_", "-") == d.lower():
                return d
        fail(f"unknown dialect {value!r} (expected one of {', '.join(DIALECTS)})", key)
        raise AssertionError

    def patterns(value: Any, key: str) -> tuple[str, ...]:
        out = strings(value, key)
        if out:
            from .rx import whole

            regex = whole()  # (its package bound to the engine rx loaded)
        for p in out:
            try:
                regex.compile(p, regex.V0)
            except regex.error as exc:
                fail(f"{key}: bad regex {p!r}: {exc}", key)
        return out

    def levels(value: Any, key: str) -> dict[str, Severity | None]:
        if not isinstance(value, dict):
            fail(f"'{key}' must be a table of rule = level", key)
        return {str(k): level(v, str(k)) for k, v in value.items()}

    for key in data:
        if key not in KNOWN_KEYS and warnings is not None:
            line = _key_line(text, key)
            warnings.append(f"{file}:{line or 1}: unknown config key {key!r} (ignored)")
    if "packs" in data:
        cfg.packs = strings(data["packs"], "packs")
    if "levels" in data:
        cfg.levels = levels(data["levels"], "levels")
    if "include" in data:
        cfg.include = strings(data["include"], "include")
    if "exclude" in data:
        cfg.exclude = strings(data["exclude"], "exclude")
    if "dialect" in data:
        cfg.dialect = dialect(data["dialect"], "dialect")
    if "min_level" in data:
        cfg.min_level = level(data["min_level"], "min_level")
    if "fail_on" in data:
        cfg.fail_on = level(data["fail_on"], "fail_on")
    if "options" in data:
        if not isinstance(data["options"], dict):
            fail("'options' must be a table", "options")
        cfg.options = dict(data["options"])
    if "vale_styles" in data:
        if not isinstance(data["vale_styles"], bool):
            fail("'vale_styles' must be true or false", "vale_styles")
        cfg.kind = "vale" if data["vale_styles"] else "copylint"
    if "ignores" in data:
        cfg.ignores = patterns(data["ignores"], "ignores")
    if "ignored_elements" in data:
        cfg.ignored_elements = strings(data["ignored_elements"], "ignored_elements")
    if "formats" in data:
        formats = data["formats"]
        if not isinstance(formats, dict) or not all(
            v in ("text", "markdown", "html") for v in formats.values()
        ):
            fail("'formats' must be a table of extension = text, markdown or html", "formats")
        cfg.formats = {str(k).lower().lstrip("."): v for k, v in formats.items()}
    for key, what in _NUMBERS.items():
        if key in data:
            if not _positive_number(data[key]):
                fail(f"'{key}' must be a number of {what} above 0", key)
            setattr(cfg, key, float(data[key]))
    vocab = data.get("vocab", {})
    if not isinstance(vocab, dict):
        fail("'vocab' must be a table with 'accept' and 'reject' file lists", "vocab")
    for key in vocab:
        if key not in ("accept", "reject") and warnings is not None:
            warnings.append(f"{file}:{_key_line(text, key) or 1}: unknown vocab key {key!r}")
    accept_files = strings(vocab.get("accept", []), "accept")
    reject_files = strings(vocab.get("reject", []), "reject")
    cfg.accept_files = tuple(str(root / f) for f in accept_files)
    cfg.reject_files = tuple(str(root / f) for f in reject_files)
    accept_line = _key_line(text, "accept") if accept_files else None
    reject_line = _key_line(text, "reject") if reject_files else None
    cfg.accept = tuple(w for f in accept_files for w in read_vocab(root / f, file, accept_line))
    cfg.reject = tuple(w for f in reject_files for w in read_vocab(root / f, file, reject_line))
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list):
        fail("'overrides' must be an array of tables ([[overrides]])", "overrides")
    for n, item in enumerate(overrides):
        where["override"] = n
        if not isinstance(item, dict) or "files" not in item:
            fail("each [[overrides]] needs 'files' (a list of globs)", "overrides")
        for key in item:
            if key not in OVERRIDE_KEYS and warnings is not None:
                line = _key_line(text, key, n) or 1
                warnings.append(f"{file}:{line}: unknown override key {key!r}")
        ov = Override(globs=strings(item["files"], "files"))
        if "levels" in item:
            ov.levels = levels(item["levels"], "levels")
        if "dialect" in item:
            ov.dialect = dialect(item["dialect"], "dialect")
        if "ignores" in item:
            ov.ignores = patterns(item["ignores"], "ignores")
        if "options" in item:
            if not isinstance(item["options"], dict):
                fail("'options' must be a table", "options")
            ov.options = dict(item["options"])
        cfg.overrides.append(ov)
    # validate option values against nothing but type: they are pack-defined
    return cfg


#: rules that were folded into others: old id -> new id
RENAMED = {
    "house.AmericanSpelling": "spelling.Dialect",
    "house.BritishSpelling": "spelling.Dialect",
}


def check_against_rules(cfg: Config, ruleset: Any, warnings: list[str] | None = None) -> None:
    """Check ``[levels]`` and ``[options]`` (also in overrides) against the loaded rules.

    A level for an unknown rule or pack, or an unknown option, is a warning; an option
    value no rule expects (``oxford_comma = "yes"``) is an error: it would silently
    switch off every rule that depends on the option.
    """
    if cfg.path is None:
        return
    try:
        text = Path(cfg.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    known_ids = {r.meta.id for r in ruleset.rules} | set(ruleset.packs)
    defaults = ruleset.options
    read_by_types = {k for r in ruleset.rules for k in getattr(r, "option_keys", ())}
    choices: dict[str, list[Any]] = {}
    for rule in ruleset.rules:
        for key, value in rule.meta.when.items():
            values = choices.setdefault(key, [defaults[key]] if key in defaults else [])
            if value not in values:
                values.append(value)

    where: dict[str, int | None] = {"override": None}

    def line(key: str) -> int:
        return _key_line(text, key, where["override"]) or 1

    def check_options(options: dict[str, Any]) -> None:
        for key, value in options.items():
            if key in choices and key in defaults:  # a pack declares it: one of its choices
                ok = any(value == v and type(value) is type(v) for v in choices[key])
                if not ok:
                    expected = " or ".join(
                        str(v).lower() if isinstance(v, bool) else f'"{v}"' for v in choices[key]
                    )
                    msg = f"option {key}: {value!r} is not a choice (expected {expected})"
                    raise ConfigError(msg, cfg.path, line(key))
            elif key in defaults or key in choices:
                model = defaults[key] if key in defaults else choices[key][0]
                if isinstance(model, bool) and not isinstance(value, bool):
                    msg = f"option {key}: expected true or false, not {value!r}"
                    raise ConfigError(msg, cfg.path, line(key))
            elif key not in read_by_types and warnings is not None:
                warnings.append(f"{cfg.path}:{line(key)}: unknown option {key!r} (ignored)")

    def check_levels(levels: dict[str, Severity | None]) -> None:
        for key in levels:
            if key not in known_ids and warnings is not None:
                msg = f"unknown rule or pack {key!r} (ignored)"
                if key in RENAMED:
                    msg = f"rule {key!r} is now {RENAMED[key]!r} (ignored)"
                warnings.append(f"{cfg.path}:{line(key)}: {msg}")

    check_options(cfg.options)
    check_levels(cfg.levels)
    for n, ov in enumerate(cfg.overrides):
        where["override"] = n
        check_options(ov.options)
        check_levels(ov.levels)


#: a vocabulary file is read up to this size
VOCAB_LIMIT = 64_000_000


def read_vocab(path: Path, origin: str, line: int | None = None) -> list[str]:
    """A vocabulary file: one word or regex per line; blank lines and # comments skipped.

    ``origin`` (and ``line``) name the config that lists it, for the error message."""
    from .files import read_regular

    try:
        raw = read_regular(path, VOCAB_LIMIT)
        if raw is None:
            # a named pipe or a device: opening it would wait for a writer
            msg = f"cannot read vocabulary file {path}: not a regular file"
            raise ConfigError(msg, origin, line)
        if len(raw) > VOCAB_LIMIT:
            msg = f"vocabulary file {path} is too large (over {VOCAB_LIMIT // 1_000_000} MB)"
            raise ConfigError(msg, origin, line)
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        msg = f"cannot read vocabulary file {path}: {exc.strerror}"
        raise ConfigError(msg, origin, line) from None
    except UnicodeDecodeError:
        raise ConfigError(f"vocabulary file {path} is not UTF-8 text", origin, line) from None
    out = []
    for text_line in text.splitlines():
        entry = text_line.strip()
        if entry and not entry.startswith("#"):
            out.append(entry)
    return out


STARTER = """\
# copylint configuration. Every key is optional; the values shown are the defaults.

# Rule packs to use: built-in names (spelling, house, promo) or folders of your own.
packs = ["spelling", "house", "promo"]

# en-US, en-GB, en-AU or en-CA
dialect = "en-US"

# Report findings at or above this level: suggestion, warning or error.
min_level = "suggestion"
# Exit with 1 when a finding at or above this level is reported ("off": never).
fail_on = "warning"

# Which files to check (gitignore-style globs); .gitignore is respected.
# include = ["**/*.md", "**/*.txt", "**/*.html"]
# exclude = ["archive/**"]

# Drafts larger than this many megabytes are refused (memory use grows with size).
# max_file_mb = 10

# Seconds one of your own rules may spend matching in one draft; past it the rule
# is skipped for that draft, named on stderr, and the run exits with 2.
# rule_timeout = 10

# Vocabulary: files with one word or regex per line.
# [vocab]
# accept = ["vocab/accept.txt"]
# reject = ["vocab/reject.txt"]

# Change a rule's level, or switch it (or a whole pack) off.
[levels]
# "house.Cliches" = "off"
# "promo" = "error"

# House-style choices where stylebooks disagree.
[options]
# oxford_comma = false
# percent = "%"
# accept a piece written throughout in another dialect (wire copy)
# accept_consistent_dialect = false

# Settings for some files only.
# [[overrides]]
# files = ["opinion/**"]
# dialect = "en-GB"
# levels = { "house.SentenceLength" = "off" }
"""
