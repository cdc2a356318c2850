"""A pattern's *core*: the pattern with its zero-width assertions taken out.

Lookarounds, ``\\b``, ``^`` and ``$`` only ever turn a match down, so wherever the
pattern matches, its core matches the same text: a document with no match of the
core has none of the pattern. Some rules have no literal that every match needs
(no anchors, see ``patterns.anchors_of``) and so run on every document, and their
assertions make each position of the text costly to try (a lookbehind of varying
width, say). Their core, when it opens on a literal or a class (``12``, ``[A-Z]{3}``),
is searched at C speed, and on a document where it is missing the rule is not run.

A pattern is given no core (None) where taking out its assertions could turn a match
down too (back references, which may point into a lookaround; atomic groups and
possessive repeats, which commit to what the assertions let through; conditionals,
branch resets, backtracking verbs), where the core would not open on something
cheap to look for, and for patterns of the user's own (timed: their core is not).

A pattern that opens on a lookbehind (``(?<=\\b\\d{1,2})\\s?pm``, house.AmPm) has a
core that opens on what follows the lookbehind (an optional space): no cheaper to
look for than the pattern. There the lookbehind's own text is taken into
the core instead of out of it (``\\d{1,2}\\s?pm``): wherever the pattern matches,
that text ends where the match begins, so the core matches there too, a little
earlier.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

from ... import rx
from ...regexcache import compile as compile_regex
from ...regexcache import compile_re
from ..patterns import LazyPattern, class_end

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


#: syntax after which the core is not known to match wherever the pattern does
_UNSAFE = compile_re(
    r"\\[1-9]|\\g|\(\?P=|\(\?\(|\(\?\||\(\?>|[*+?}]\+|\(\*|\(\?#"
    r"|\(\?[a-zA-Z^-]*x|\\[mMGKX]|\{[^}]*[<=][^}]*\}|\[:|\(\?V|\(\?&|\(\?[+-]?\d|\(\?R"
)
_ASSERTIONS = ("\\b", "\\B", "\\A", "\\Z", "\\z")
_QUANTIFIER = "?*+{"
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE

#: a property escape (``\\p{L}``), or an escaped backslash (so that ``\\\\p{2}+`` is
#: read as a possessive repeat of "p")
_PROPERTY_OR_PAIR = compile_re(r"\\\\|\\[pPN]\{[^}]*\}")


def _one_class(m: re.Match) -> str:
    """A property escape read as one class, so that its braces are not taken for a
    repeat (``\\p{L}+`` is no possessive repeat, ``\\p{Script=Latin}`` no fuzzy one)."""
    return m.group() if m.group() == "\\\\" else "\\w"


#: (source, flags) -> the core compiled, or None (none)
_CORES: dict[tuple[str, int], Any] = {}


def strip_assertions(source: str) -> str | None:
    """``source`` without its lookarounds, ``\\b``, ``\\B``, ``\\A``, ``\\Z``, ``^``
    and ``$``; None when that might not match wherever ``source`` does, or when the
    pattern is not read with certainty here."""
    from ._keyed import _lookaround_end  # (which imports this module's importer)

    if _UNSAFE.search(_PROPERTY_OR_PAIR.sub(_one_class, source)):
        return None
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            two = source[i : i + 2]
            if two in _ASSERTIONS:
                i += 2
                if source[i : i + 1] and source[i] in _QUANTIFIER:
                    return None
                continue
            out.append(two)
            i += 2
            continue
        if c == "[":
            j = class_end(source, i, nested=False)
            if not 0 <= j < n:
                return None  # a nested set (not read here), or a class left open
            out.append(source[i : j + 1])
            i = j + 1
            continue
        if c == "(" and source.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            end = _lookaround_end(source, i)
            if end < 0 or (source[end : end + 1] and source[end] in _QUANTIFIER):
                return None
            i = end
            continue
        if c in "^$":
            if source[i + 1 : i + 2] and source[i + 1] in _QUANTIFIER:
                return None
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def behind_taken_in(source: str) -> str | None:
    """The core of ``source`` with its opening lookbehind's text matched as part of
    it (see the module's note), or None when ``source`` does not open on one.

    "Opens on" is read strictly: before the ``(?<=`` come only groups being opened
    (none of them repeated: ``(?:(?<=\\w)x){2}`` matches "xx" after "a", where
    ``(?:\\wx){2}`` does not) and assertions, so that nothing is matched before it
    on the path of the first branches; later branches are cores as usual."""
    from ._keyed import _lookaround_end, group_end

    opened: list[int] = []
    i, n = 0, len(source)
    while i < n and not source.startswith("(?<=", i):
        if source.startswith(("(?<!", "(?=", "(?!"), i):
            i = _lookaround_end(source, i)
            if i < 0:
                return None
        elif source.startswith(("\\b", "\\B", "\\A"), i):
            i += 2
        elif source[i] == "^":
            i += 1
        elif source.startswith("(?:", i):
            opened.append(i)
            i += 3
        elif source.startswith("(?P<", i) and source.find(">", i) > 0:
            opened.append(i)
            i = source.find(">", i) + 1
        elif source[i] == "(" and not source.startswith("(?", i):
            opened.append(i)
            i += 1
        else:
            return None
    if i >= n:
        return None
    end = group_end(source, i)
    if end < 0 or any(
        (e := group_end(source, at)) < 0 or source[e : e + 1] in tuple(_QUANTIFIER) for at in opened
    ):
        return None
    return strip_assertions(f"{source[:i]}(?:{source[i + 4 : end - 1]}){source[end:]}")


def uncaptured(core: str) -> str:
    """``core`` with its groups made non-capturing (a core is only ever searched for):
    the names on the branches of a keyed pattern (``(?P<_k0>12...)|(?P<_k1>12...)``)
    kept the standard engine from seeing what every branch opens on, so that it tried
    the core at every position instead of skipping to each ``12``."""
    out: list[str] = []
    i, n = 0, len(core)
    while i < n:
        c = core[i]
        step = 2 if c == "\\" else 1
        if c == "[":
            step = class_end(core, i, nested=False) + 1 - i
            if step <= 0:
                return core  # not read here: left as it is
        elif c == "(" and not core.startswith("(?", i):
            out.append("(?:")
            i += 1
            continue
        elif core.startswith(("(?P<", "(?<"), i) and not core.startswith(("(?<=", "(?<!"), i):
            out.append("(?:")
            i = core.index(">", i) + 1
            continue
        out.append(core[i : i + step])
        i += step
    return "".join(out)


#: a core that opens (inside the groups it opens) on a repeated literal character:
#: the groups, the character (or an escaped mark, ``\.``), then ``{m}``, ``{m,}``,
#: ``{m,n}`` or ``+`` (not lazy nor possessive)
_REPEATED_LEAD = compile_re(
    r"((?:\(\?:)*)([^\\\[\](){}|.^$*+?#\s]| |\\[^0-9A-Za-z\s])"
    r"(?:\{(\d+)(,?)(\d*)\}|(\+))(?![?+])"
)
#: at most this many copies of the character are spelled out
_MAX_SPELLED = 8


def spelled_out(core: str) -> str:
    """``core`` with the repeated literal it opens on spelled out as far as every
    match takes it (`` {2,3}`` as ``  (?: ){0,1}``, ``x+`` as ``xx*``): it matches
    the same text at the same places, but ``re`` skips through the text to a
    literal that the pattern opens on, at C speed, and tries every position for a
    pattern that opens on a repeat (house.DoubleSpaces' core: five times slower).
    Only a ``re`` core: it is searched for where it matches, never for its groups."""
    m = _REPEATED_LEAD.match(core)
    if m is None:
        return core
    groups, char, low, comma, high, plus = m.groups()
    if plus:
        least, most = 1, None
    else:
        least = int(low)
        most = least if not comma else (int(high) if high else None)
        if most is not None and most < least:
            return core  # not a repeat re reads (an error, or a literal brace)
    spelled = min(least, _MAX_SPELLED)
    if spelled < 1:
        return core
    rest_low = least - spelled
    if most is None:
        rest = f"(?:{char}){{{rest_low},}}"
    elif most == spelled:
        rest = ""
    else:
        rest = f"(?:{char}){{{rest_low},{most - spelled}}}"
    return f"{groups}{char * spelled}{rest}{core[m.end() :]}"


def opens_cheaply(core: str, flags: int) -> bool:
    """Whether every match of ``core`` opens on a literal or a class of characters
    (one literal for all the branches of an alternation), so that a search for it
    skips through the text instead of trying it at every position. Only a guess
    at its cost: it never changes what is found."""
    from ..patterns import _PROPERTY, sre_constants, sre_parse

    shape = _PROPERTY.sub(lambda m: "\\W" if m.group(1) == "P" else "\\w", core)
    try:
        items = list(sre_parse.parse(shape, flags & _RE_FLAGS))
    except Exception:  # noqa: BLE001 - a shape the standard parser cannot read
        return False
    return _first(items, sre_constants) is not None


def _first(items: list, k: Any) -> Any:
    """What every match of ``items`` opens on: a literal (its code), "class", or None
    (something else, or nothing certain)."""
    if not items:
        return None
    op, av = items[0]
    if op is k.LITERAL:
        return av
    if op is k.IN:
        return "class"
    if op in (k.MAX_REPEAT, k.MIN_REPEAT):
        low, _high, sub = av
        return _first(list(sub), k) if low >= 1 else None
    if op is k.SUBPATTERN:
        return _first(list(av[-1]), k)
    if op is k.BRANCH:
        firsts = {_first(list(b), k) for b in av[1]}
        if len(firsts) == 1:
            (only,) = firsts
            return only if isinstance(only, int) else None
    return None


def core_of(pattern: LazyPattern) -> Any:
    """``pattern``'s core, compiled by the engine that compiles the pattern (the two
    then read characters alike), or None when it has none worth searching for."""
    key = (pattern.source, pattern.flags)
    if key in _CORES:
        return _CORES[key]
    source = core_source(pattern)
    core = _compiled_like(pattern, source) if source is not None else None
    _CORES[key] = core
    return core


#: (source, flags) -> the source of the pattern's core, or None (none): what
#: ``core_source`` works out, and what the rule-set cache kept of it (``keep_sources``)
_SOURCES: dict[tuple[str, int], str | None] = {}


def core_source(pattern: LazyPattern) -> str | None:
    """The source of ``pattern``'s core (its groups still capturing), or None when it
    has none worth searching for (see ``core_of``).

    Reading a pattern for its core (``strip_assertions``, and ``opens_cheaply``: the
    standard parser) cost ~1 ms for the nine anchorless patterns of the default packs,
    in every run, before the workers fork: the answers are kept with the rule set
    (``sources_for``, ``rules.setcache``), which is keyed on the pack files and on the
    code (copylint's, ``regex``'s and Python's) that the answers are a function of."""
    if pattern.timed or pattern.flags & re.VERBOSE:
        return None
    key = (pattern.source, pattern.flags)
    try:
        return _SOURCES[key]
    except KeyError:
        pass
    found = _read_core(pattern.source, pattern.flags)
    _SOURCES[key] = found
    return found


def _read_core(pattern: str, flags: int) -> str | None:
    """``core_source``'s answer for the source ``pattern`` compiled with ``flags``,
    worked out (no memo)."""
    source = strip_assertions(pattern)
    if source and not opens_cheaply(source, flags):
        source = behind_taken_in(pattern)
    if source and source != pattern and opens_cheaply(source, flags):
        return source
    return None


def sources_for(rules: Iterable[Any]) -> dict[tuple[str, int], str | None]:
    """``core_source``'s answers for the patterns of ``rules`` that have no anchors
    (those whose core ``prepare`` and ``_common.search`` ask for), to be kept with the
    rule set."""
    out: dict[tuple[str, int], str | None] = {}
    for rule in rules:
        for value in vars(rule).values():
            for item in value if isinstance(value, list) else (value,):
                # (an Exceptions or a KeyedPattern holds its pattern as ``pattern``)
                p = item if isinstance(item, LazyPattern) else getattr(item, "pattern", None)
                if (
                    isinstance(p, LazyPattern)
                    and p.anchors is None
                    and not p.timed
                    and not p.flags & re.VERBOSE
                ):
                    key = (p.source, p.flags)
                    if key not in out:
                        out[key] = core_source(p)
    return out


def keep_sources(sources: dict[tuple[str, int], str | None]) -> None:
    """Take ``sources`` (``sources_for``'s answers, read back from the rule-set cache)
    as ``core_source``'s."""
    _SOURCES.update(sources)


def _compiled_like(pattern: LazyPattern, core: str) -> Any:
    """``core`` without its groups' captures, compiled by the engine that compiles
    ``pattern`` (the two then read characters alike); None where it fails."""
    try:
        core = uncaptured(core)
        if isinstance(pattern.compiled, re.Pattern):
            return compile_re(spelled_out(core), pattern.flags & _RE_FLAGS)
        return compile_regex(core, pattern.flags)
    except Exception:  # noqa: BLE001 - none: the pattern is always searched
        return None


# --------------------------------------------------------------------------- lead scans

#: (source, flags, regex_too) -> the pattern's LeadScan, or None (searched as it is)
_SCANS: dict[tuple[str, int, bool], Any] = {}
#: what a pattern opens on, after the groups it opens: an assertion
_LEAD_ASSERTION = ("\\b", "\\B", "(?<=", "(?<!", "(?=", "(?!")


class LeadScan:
    """A pattern that opens on an assertion, searched by its core (see
    :func:`lead_scan` for which).

    ``re`` looks for a pattern's first literal (or class) at C speed only when the
    pattern opens on it: one that opens on ``\\b`` or a lookbehind (``\\bMar\\.?``,
    ``(?<=[^\\s—])—``) is tried at every position of the text, several times slower.
    Its core (the pattern without its assertions, see the module's note) matches
    wherever the pattern does and opens on a literal, so the positions where the
    core matches are found at C speed, and the pattern is tried at those alone, in
    order: the first that it matches at is where a search of the whole pattern
    would have found it, and the match is the pattern's own (the same groups,
    ``re`` and ``lastgroup``). Used only for patterns that never match empty text,
    so that a run of matches goes on from each match's end, as ``finditer`` does.
    """

    __slots__ = ("pattern", "core")

    def __init__(self, pattern: Any, core: Any):
        self.pattern = pattern
        self.core = core

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        find, match = self.core.search, self.pattern.match
        while True:
            at = find(text, pos, endpos)
            if at is None:
                return None
            start = at.start()
            m = match(text, start, endpos)
            if m is not None:
                return m
            pos = start + 1

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        search = self.search
        while True:
            m = search(text, pos, endpos)
            if m is None:
                return
            yield m
            pos = m.end()


#: a ``regex`` pattern is searched by its core only where every match of the core
#: takes at least this many characters and the core opens on no one literal (see
#: ``lead_scan``)
_REGEX_SCAN_WIDTH = 3


def lead_scan(compiled: Any, source: str, flags: int, regex_too: bool = False) -> LeadScan | None:
    """The :class:`LeadScan` of ``compiled`` (``source`` compiled with ``flags``), or
    None where it is searched as it is: not opening on an assertion, a pattern that
    may match empty text, or a core that would not pay.

    For ``re`` the core must open on a literal. ``regex`` skips to a literal that
    follows a leading assertion itself (``\\bMar``: no quicker by its core), but not
    to a class or an alternation: a pattern such as house.Acronyms' ``first``
    (``(?<!\\b[A-Z]{2,}[ \\t])\\b([A-Z]{3,5})\\b...``) has its lookbehind tried at every
    position. With ``regex_too`` (a pattern searched in every document: reading it
    costs ~0.2 ms, a large alternation several, paid once a process), its core
    (``[A-Z]{3,5}``) is searched by ``regex`` too (the two then read characters
    alike), where every match of it takes at least ``_REGEX_SCAN_WIDTH`` characters,
    so that it is found at few places (a one-character core, ``[1-9]`` or
    ``\\p{L}+``, is found nearly everywhere and made searches slower)."""
    key = (source, flags, regex_too)
    if key in _SCANS:
        return _SCANS[key]
    scan = None
    if not flags & re.VERBOSE and _opens_on_assertion(source):
        if isinstance(compiled, re.Pattern):
            scan = _re_scan(compiled, source, flags)
        elif regex_too and rx.is_pattern(compiled):
            scan = _regex_scan(compiled, source, flags)
    _SCANS[key] = scan
    return scan


def _re_scan(compiled: re.Pattern, source: str, flags: int) -> LeadScan | None:
    lead = lead_of(source, flags)
    # (the core takes as few characters as the pattern: its assertions took none)
    if lead is None or not lead[1] or lead[2] == 0:
        return None
    try:
        return LeadScan(compiled, compile_re(spelled_out(uncaptured(lead[0])), flags & _RE_FLAGS))
    except Exception:  # noqa: BLE001 - searched as it is
        return None


#: ``regex`` flags under which a search is not a walk from left to right trying each
#: position in turn (reverse, leftmost-longest, fuzzy best match)
_NOT_IN_TURN = int(rx.REVERSE | rx.POSIX | rx.BESTMATCH | rx.ENHANCEMATCH)
_NOT_IN_TURN_INLINE = compile_re(r"\(\?[a-zA-Z^-]*[rpbe]")


def _regex_scan(compiled: Any, source: str, flags: int) -> LeadScan | None:
    if flags & _NOT_IN_TURN or _NOT_IN_TURN_INLINE.search(source):
        return None
    lead = lead_of(source, flags)
    # (a width of at least ``_REGEX_SCAN_WIDTH``: a core the standard parser read)
    if lead is None or lead[1] or lead[2] < _REGEX_SCAN_WIDTH:
        return None
    try:
        return LeadScan(compiled, compile_regex(uncaptured(lead[0]), flags))
    except Exception:  # noqa: BLE001 - searched as it is
        return None


#: (source, flags) -> what ``lead_scan`` reads of a pattern that opens on an
#: assertion (``_read_lead``): read back from the leads file (``_load_leads``), or
#: worked out in this process
_LEADS: dict[tuple[str, int], tuple[str, bool, int] | None] = {}
#: the answers this process worked out (``save_leads`` adds them to the file)
_LEARNED: dict[tuple[str, int], tuple[str, bool, int] | None] = {}
_leads_loaded = False
#: the leads file's layout version (a new one ignores files written by the old)
LEADS_FORMAT = 1
#: answers past which a save keeps only those this process worked out
MAX_LEADS = 3000


def lead_of(source: str, flags: int) -> tuple[str, bool, int] | None:
    """``_read_lead(source, flags)``, worked out once, by any process, then kept.

    A worker given half the benchmark's 300 drafts read ~100 patterns and keys this
    way on their first search (their assertions taken out, then the standard
    parser): 6 ms of its ~10 ms of lead scans, in each worker, every run. Working
    out all ~1,150 of the default packs (when the rule set is kept) took ~0.4 s and
    would have added ~470 KB to the rule-set entry, so the answers are learned
    instead: each process that works one out adds it to a file of the pattern cache
    folder when it is done (``save_leads``), and the next runs read them back. The
    file is trusted only as the pattern cache is (a MAC made with the per-user
    key), and only for the copylint code, libraries and Python that wrote it
    (``cache.code_fingerprint``, of which the answers are a function)."""
    key = (source, flags)
    try:
        return _LEADS[key]
    except KeyError:
        pass
    if not _leads_loaded:
        _load_leads()
        if key in _LEADS:
            return _LEADS[key]
    found = _LEADS[key] = _LEARNED[key] = _read_lead(source, flags)
    return found


def _read_lead(source: str, flags: int) -> tuple[str, bool, int] | None:
    """For ``source`` (compiled with ``flags``): its core (the source without its
    assertions, its groups still capturing), whether every match of the core opens on
    one literal (``_first``), and the fewest characters a match of the core takes (0
    where that is not known, or the standard parser cannot read the core); None where
    it has no core, or the core is the source (worked out, no memo)."""
    core = strip_assertions(source)
    if not core or core == source:
        return None
    opening, parsed = _shape(core, flags)
    return core, isinstance(opening, int), _least_width(parsed) if parsed is not None else 0


def _leads_path() -> Any:
    from ...signing import cache_dir, python_tag

    return cache_dir() / f"leads.{python_tag()}.bin"


def _leads_header() -> tuple:
    from ...cache import code_fingerprint

    return (LEADS_FORMAT, code_fingerprint(), sys.version)


def _is_lead(key: Any, value: Any) -> bool:
    """Whether ``key`` and ``value`` have the shape of a ``lead_of`` answer."""
    return (
        type(key) is tuple
        and len(key) == 2
        and type(key[0]) is str
        and type(key[1]) is int
        and (
            value is None
            or type(value) is tuple
            and len(value) == 3
            and type(value[0]) is str
            and type(value[1]) is bool
            and type(value[2]) is int
        )
    )


def _read_leads_file() -> dict[tuple[str, int], tuple[str, bool, int] | None]:
    """The answers of the leads file; nothing when it is missing, foreign (another
    key, code or Python), damaged, or holds an answer of another shape."""
    import marshal

    from ...signing import _secret, binary_body, read_cache_file

    try:
        data = read_cache_file(_leads_path())
    except OSError:
        return {}
    body = binary_body(data, _secret(create=False))
    if body is None:
        return {}
    try:
        header, table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    if header != _leads_header() or type(table) is not dict:
        return {}
    if not all(_is_lead(k, v) for k, v in table.items()):
        return {}
    return table


def _load_leads() -> None:
    """Read the leads file into ``lead_of``'s answers, once a process (a forked worker
    reads it itself: its parent never asks), and save what this process learns when
    it is done."""
    global _leads_loaded
    import atexit

    _leads_loaded = True
    atexit.register(save_leads)
    try:
        found = _read_leads_file()
    except Exception:  # noqa: BLE001 - a file that cannot be read only costs time
        return
    for key, value in found.items():
        _LEADS.setdefault(key, value)


def save_leads() -> None:
    """Add the answers this process worked out to the leads file (atomically; never
    raises). A forked worker, which leaves by ``os._exit``, calls it itself. Two
    processes saving at once may each leave out the other's: those are worked out
    again and saved by a later run."""
    if not _LEARNED:
        return
    learned = dict(_LEARNED)
    _LEARNED.clear()
    try:
        import marshal

        from ...signing import _secret, write_binary

        secret = _secret(create=True)
        if secret is None:
            return
        table = _read_leads_file()
        table.update(learned)
        if len(table) > MAX_LEADS:
            table = learned
        write_binary(_leads_path(), secret, marshal.dumps((_leads_header(), table)), ".leads-")
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        return


def _shape(core: str, flags: int) -> tuple[Any, Any]:
    """What every match of ``core`` opens on (``_first``), and ``core`` as the standard
    parser reads it with each property (``\\p{L}``) read as one character; (None,
    None) where it cannot read it."""
    from ..patterns import _PROPERTY, sre_constants, sre_parse

    shape = _PROPERTY.sub(lambda m: "\\W" if m.group(1) == "P" else "\\w", core)
    try:
        parsed = sre_parse.parse(shape, flags & _RE_FLAGS)
        return _first(list(parsed), sre_constants), parsed
    except Exception:  # noqa: BLE001 - a shape the standard parser cannot read
        return None, None


def _least_width(parsed: Any) -> int:
    """The fewest characters a match of ``parsed`` (from ``_shape``) takes; 0 where
    that is not known."""
    try:
        return int(parsed.getwidth()[0])
    except Exception:  # noqa: BLE001 - not known
        return 0


def _opens_on_assertion(source: str) -> bool:
    """Whether ``source``, after the groups it opens (``(?:``, ``(?P<name>``, ``(``),
    opens on an assertion."""
    i = 0
    while True:
        if source.startswith(_LEAD_ASSERTION, i):
            return True
        if source.startswith("(?:", i):
            i += 3
        elif source.startswith("(?P<", i) and source.find(">", i) > 0:
            i = source.find(">", i) + 1
        elif source.startswith("(", i) and not source.startswith("(?", i):
            i += 1
        else:
            return False


def _opening(core: str, flags: int) -> Any:
    """What every match of ``core`` opens on (``_first``): a literal's code, "class",
    or None."""
    from ..patterns import _PROPERTY, sre_constants, sre_parse

    shape = _PROPERTY.sub(lambda m: "\\W" if m.group(1) == "P" else "\\w", core)
    try:
        items = list(sre_parse.parse(shape, flags & _RE_FLAGS))
    except Exception:  # noqa: BLE001 - a shape the standard parser cannot read
        return None
    return _first(items, sre_constants)


# --------------------------------------------------------------------------- tails

#: (source, flags) -> the pattern's tail compiled, or None (none)
_TAILS: dict[tuple[str, int], Any] = {}
#: a repeat after an item: ``*``, ``+``, ``?``, ``{m,n}``, lazy or possessive
_REPEAT = compile_re(r"(?:[*+?]|\{\d*,?\d*\})[?+]?")
#: a flag set for the whole pattern (``(?i)``): its tail would lose it
_GLOBAL_FLAGS = compile_re(r"\(\?[a-zA-Z^]+\)")


def tail_of(pattern: LazyPattern) -> Any:
    """``pattern``'s tail, compiled by the engine that compiles the pattern: the part
    after its last repeated item (``\\(([A-Z]{3,5})\\)`` of
    ``(?:\\b[A-Z][a-z]+ ){1,8}\\(([A-Z]{3,5})\\)``), without its assertions. Every match
    of the pattern ends in a match of its tail, so a text without one has no match
    of the pattern either; where the pattern opens on a repeat, a search for its tail
    skips to the tail's first literal instead of trying the repeat at every
    position. None when the pattern has no such tail (an alternation at the top, no
    repeat at the top, a tail that does not open on a literal, syntax after which a
    core is not known to match: see ``strip_assertions``)."""
    key = (pattern.source, pattern.flags)
    if key in _TAILS:
        return _TAILS[key]
    tail = None
    source = pattern.source
    if not pattern.timed and not pattern.flags & re.VERBOSE and not _GLOBAL_FLAGS.search(source):
        cut = _after_last_repeat(source)
        core = strip_assertions(source[cut:]) if cut > 0 else None
        if core and isinstance(_opening(core, pattern.flags), int):
            tail = _compiled_like(pattern, core)
    _TAILS[key] = tail
    return tail


def _after_last_repeat(source: str) -> int:
    """Where the last repeat at the top of ``source`` ends (0: none, or the pattern
    is not read here: an alternation at the top, a group or class left open)."""
    from ._keyed import group_end

    i, n, cut = 0, len(source), 0
    while i < n:
        c = source[i]
        if c == "|":
            return 0
        if c == "\\":
            i += 2
        elif c == "[":
            j = class_end(source, i, nested=False)
            if not 0 <= j < n:
                return 0
            i = j + 1
        elif c == "(":
            i = group_end(source, i)
            if i < 0:
                return 0
        else:
            i += 1
        m = _REPEAT.match(source, i)
        if m is not None:
            i = cut = m.end()
    return cut
