"""Load rule packs: folders of YAML rule files, plus an optional ``pack.yml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import DIALECTS
from ..errors import RuleError
from ..findings import Severity
from .literals import LiteralSet
from .model import COMMON_KEYS, SCOPES, Example, Examples, Rule, RuleMeta
from .packs import (  # noqa: F401 - where they were
    MAX_RULE_FILE,
    PACK_FILE,
    RULE_SUFFIXES,
    builtin_packs_dir,
    resolve_pack,
    rule_files,
)
from .patterns import PatternCache
from .scope import _HEADING_LEVEL
from .types import TYPES, get_type

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, NoReturn

    from ..cache import ResultCache


def _yaml_loader() -> Any:
    """PyYAML's safe loader, imported only when a file is not in the cache."""
    import yaml

    try:  # the C loader is several times faster where libyaml is present
        return yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on the platform build
        return yaml.SafeLoader


@dataclass
class Pack:
    """A rule pack: its name, folder, description and option defaults."""

    name: str
    path: Path
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    #: dialect -> the option defaults that differ in it (``dialect_options`` in pack.yml)
    dialect_options: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class RuleSet:
    """The loaded rules and the packs they came from."""

    rules: list[Rule]
    packs: dict[str, Pack]

    def __post_init__(self) -> None:
        self.by_id = {r.meta.id: r for r in self.rules}
        #: every rule's anchors, found in a document in one pass (built on first use)
        anchors: set[str] = set()
        for r in self.rules:
            anchors |= r.anchor_literals()
        self.literals = LiteralSet(anchors)
        for r in self.rules:
            r.literals = self.literals

    @property
    def options(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for pack in self.packs.values():
            out.update(pack.options)
        return out

    def options_for(self, dialect: str) -> dict[str, Any]:
        """The packs' option defaults for copy in ``dialect``."""
        out = self.options
        for pack in self.packs.values():
            out.update(pack.dialect_options.get(dialect, {}))
        return out


def load_packs(
    names: tuple[str, ...] | list[str],
    base: Path | None = None,
    origin: str | None = None,
    warnings: list[str] | None = None,
    memo: ResultCache | None = None,
) -> RuleSet:
    """Load the packs ``names``; with a ``warnings`` list (Vale styles), what copylint
    cannot honour in a rule file is a warning added to it instead of an error: an
    unknown key is dropped, a rule of an unknown type or scope is skipped.

    A rule set loaded before from the same files is read back from the rule-set
    cache (``setcache``) instead, with the warnings its load gave. (``memo``: the
    run's results cache, whose stat memo answers for the files it knows when the
    key is looked for; see ``setcache.key_for``.)"""
    from . import setcache

    key = setcache.key_for(names, base, warnings is not None, memo)
    if key is not None:
        kept = setcache.load(key)
        if kept is not None:
            if warnings is not None:
                warnings.extend(kept[1])
            return kept[0]
    given: list[str] | None = [] if warnings is not None else None
    ruleset = _load_packs(names, base, origin, given)
    if given is not None and warnings is not None:
        warnings.extend(given)
    # kept only when no file changed while it loaded (the rules would be the new
    # files', the key the old ones')
    if key is not None and setcache.key_for(names, base, warnings is not None) == key:
        setcache.store(key, ruleset, given or [])
    return ruleset


def _load_packs(
    names: tuple[str, ...] | list[str],
    base: Path | None,
    origin: str | None,
    warnings: list[str] | None,
) -> RuleSet:
    rules: list[Rule] = []
    packs: dict[str, Pack] = {}
    seen: dict[str, str] = {}
    cache = PatternCache()
    for name in names:
        if not str(name).strip():
            raise RuleError("a rule pack name is empty", origin)
        path = resolve_pack(name, base)
        if not path.is_dir():
            raise RuleError(f"rule pack {name!r} not found ({path})", origin)
        try:
            files = rule_files(path)
        except OSError as exc:
            raise RuleError(f"rule pack {name!r} cannot be read: {exc.strerror}", origin) from None
        if not files and warnings is not None:
            warnings.append(f"style {name!r} has no rule files ({path})")
        elif not files:
            # ".", "/" or a wrong folder: zero rules would report "no problems found"
            raise RuleError(
                f"rule pack {name!r} has no rule files ({path}; a pack is a folder of "
                f"{' or '.join(RULE_SUFFIXES)} rule files)",
                origin,
            )
        pack = load_pack_file(path, cache)
        if pack.name in packs:
            packs[pack.name].options.update(pack.options)
            for dialect, options in pack.dialect_options.items():
                packs[pack.name].dialect_options.setdefault(dialect, {}).update(options)
        else:
            packs[pack.name] = pack
        for file in files:
            if warnings is not None and not _is_builtin(path):
                try:
                    rule = load_rule_file(file, pack.name, cache, warnings)
                except RuleError as exc:
                    warnings.append(f"{exc.path}:{exc.line or 1}: {exc.message} (rule skipped)")
                    continue
            else:
                rule = load_rule_file(file, pack.name, cache)
            if rule.meta.id in seen:
                raise RuleError(
                    f"rule id {rule.meta.id} is defined twice (also in {seen[rule.meta.id]})",
                    str(file),
                    1,
                )
            seen[rule.meta.id] = str(file)
            rules.append(rule)
    cache.save()
    _check_dialect_options(packs, rules)
    return RuleSet(rules, packs)


def _check_dialect_options(packs: dict[str, Pack], rules: list[Rule]) -> None:
    """A dialect's default is one of the values the rules' ``when`` expect (or the
    option's default): another value would switch every rule of the option off in
    that dialect, silently."""
    for pack in packs.values():
        for dialect, values in pack.dialect_options.items():
            for key, value in values.items():
                choices = [pack.options[key]]
                choices += [r.meta.when[key] for r in rules if key in r.meta.when]
                if len(choices) > 1 and not any(
                    value == c and type(value) is type(c) for c in choices
                ):
                    expected = " or ".join(sorted({repr(c) for c in choices}))
                    msg = f"dialect_options: {dialect}: {key} {value!r} is not a choice (expected {expected})"
                    raise RuleError(msg, str(pack.path / PACK_FILE))


def _is_builtin(path: Path) -> bool:
    return path.resolve().parent == builtin_packs_dir().resolve()


def load_pack_file(path: Path, cache: PatternCache | None = None) -> Pack:
    pack = Pack(path.name, path)
    file = path / PACK_FILE
    if not file.is_file():
        return pack
    data, lines = read_yaml(file, cache)
    for key in data:
        if key not in ("description", "options", "dialect_options", "name"):
            raise RuleError(f"unknown key {key!r} in pack file", str(file), lines.get(key))
    pack.description = str(data.get("description", ""))
    options = data.get("options", {}) or {}
    if not isinstance(options, dict):
        raise RuleError("'options' must be a mapping", str(file), lines.get("options"))
    pack.options = dict(options)
    by_dialect = data.get("dialect_options", {}) or {}
    where = lines.get("dialect_options")
    if not isinstance(by_dialect, dict):
        raise RuleError(
            "'dialect_options' must be a mapping of dialect to options", str(file), where
        )
    for dialect, values in by_dialect.items():
        if dialect not in DIALECTS:
            msg = f"dialect_options: unknown dialect {dialect!r} (expected one of {', '.join(DIALECTS)})"
            raise RuleError(msg, str(file), where)
        if not isinstance(values, dict):
            raise RuleError(f"dialect_options: {dialect} must be a mapping", str(file), where)
        unknown = [k for k in values if k not in pack.options]
        if unknown:
            msg = f"dialect_options: {dialect}: {unknown[0]!r} has no default in 'options'"
            raise RuleError(msg, str(file), where)
        pack.dialect_options[dialect] = dict(values)
    return pack


def read_yaml(
    path: Path, cache: PatternCache | None = None
) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse a YAML mapping; return it and the line number of each top-level key.

    With a ``cache``, a file already parsed (same content) is taken from it.
    """
    from ..files import read_regular

    try:
        raw = read_regular(path, MAX_RULE_FILE)
        if raw is None:
            # a named pipe or a device: opening it would wait for a writer
            raise RuleError("cannot read rule file: not a regular file", str(path), 1)
        if len(raw) > MAX_RULE_FILE:
            raise RuleError(
                f"rule file too large (over {MAX_RULE_FILE // 1_000_000} MB): split it up",
                str(path),
                1,
            )
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", str(path)) from None
    key = ""
    if cache is not None:
        key = cache.key(text)
        hit = cache.get_parsed(key)
        if hit is not None:
            return hit
    data, lines = parse_yaml(text, path)
    if cache is not None:
        cache.put_parsed(key, data, lines)
    return data, lines


def parse_yaml(text: str, path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml

    try:
        loader = _yaml_loader()(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _refuse_alias_bomb(node, path)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"bad YAML: {problem}", str(path), line) from None
    except RecursionError:
        from ..config import deep_line

        raise RuleError("bad YAML: nested too deeply", str(path), deep_line(text)) from None
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a YAML mapping", str(path), 1)
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
    return data, lines


def _refuse_alias_bomb(node: Any, path: Path) -> None:
    """A rule file whose aliases expand past ``MAX_EXPANDED`` nodes is refused before
    anything expands it (the cache's JSON copy, validation, the rule type)."""
    from ..yamlnodes import MAX_EXPANDED, expansion_overflow

    bad = expansion_overflow(node)
    if bad is not None:
        raise RuleError(
            f"YAML aliases expand to more than {MAX_EXPANDED:,} values (an alias bomb?)",
            str(path),
            bad.start_mark.line + 1,
        )


def load_rule_file(
    path: Path, pack: str, cache: PatternCache | None = None, lenient: list[str] | None = None
) -> Rule:
    data, lines = read_yaml(path, cache)
    if lenient is not None:
        data = _vale_rule(data, lines, str(path), lenient)
    rule_id = f"{pack}.{path.stem}"
    file = str(path)

    def fail(msg: str, key: str | None = None) -> NoReturn:
        raise RuleError(msg, file, lines.get(key, 1) if key else 1)

    extends = data.get("extends")
    if not extends:
        fail("missing required key 'extends' (the rule type)")
    rule_type = get_type(str(extends))
    if rule_type is None:
        fail(f"unknown rule type {extends!r} (known: {', '.join(sorted(TYPES))})", "extends")
    if "message" not in data and str(extends) not in ("spelling", "promo"):
        fail("missing required key 'message'")
    allowed = COMMON_KEYS | rule_type.keys
    for key in data:
        if key not in allowed:
            fail(f"unknown key {key!r} for a rule of type {extends!r}", key)
    meta = RuleMeta(id=rule_id, type=str(extends), path=file, lines=lines)
    meta.vale = lenient is not None or pack == "Vale"  # a Vale style, or Vale's own
    meta.message = str(data.get("message", "%s"))
    try:
        meta.level = Severity.parse(str(data.get("level", "warning")))
    except ValueError as exc:
        fail(str(exc), "level")
    if meta.level is Severity.OFF:
        fail("a rule's own level must be suggestion, warning or error", "level")
    scope = data.get("scope", "text")
    scopes = [scope] if isinstance(scope, str) else scope
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        fail("'scope' must be a name or a list of names", "scope")
    for s in scopes:
        if s.lstrip("~") not in SCOPES and not _HEADING_LEVEL.fullmatch(s.lstrip("~")):
            fail(f"unknown scope {s!r} (known: {', '.join(sorted(SCOPES))})", "scope")
    meta.scope = tuple(scopes)
    meta.link = str(data.get("link", "") or "")
    meta.description = str(data.get("description", "") or "").strip()
    meta.ignorecase = bool(data.get("ignorecase", False))
    meta.nonword = bool(data.get("nonword", False))
    meta.vocab = bool(data.get("vocab", True))
    action = data.get("action") or {}
    if not isinstance(action, dict):
        fail("'action' must be a mapping with 'name' and 'params'", "action")
    meta.action = action
    dialects = data.get("dialects", [])
    meta.dialects = tuple([dialects] if isinstance(dialects, str) else dialects)
    when = data.get("when", {}) or {}
    if not isinstance(when, dict):
        fail("'when' must be a mapping of option: value", "when")
    meta.when = when
    try:
        meta.limit = int(data.get("limit", 0) or 0)
    except (TypeError, ValueError):
        fail("'limit' must be a whole number", "limit")
    meta.examples = parse_examples(data.get("examples"), fail)
    spec = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    key = ""
    if cache is not None:
        key = cache.key(f"{rule_id}\n{path.read_text(encoding='utf-8-sig')}")
        meta.validated = cache.get(key)
    rule = rule_type(meta, spec)
    if cache is not None and (meta.validated is None or rule.new_patterns):
        # (an entry written by a version that worked out less gets the rest)
        cache.put(key, {**(meta.validated or {}), **rule.new_patterns})
    return rule


def parse_examples(value: Any, fail) -> Examples:
    if value is None:
        return Examples()
    if not isinstance(value, dict):
        fail("'examples' must be a mapping with 'fail', 'pass' and optionally 'fixed'", "examples")
    for key in value:
        if key not in ("fail", "pass", "fixed"):
            fail(f"unknown key {key!r} in examples", "examples")

    def items(key: str) -> tuple[Example, ...]:
        raw = value.get(key) or []
        if not isinstance(raw, list):
            fail(f"examples '{key}' must be a list", "examples")
        out = []
        for item in raw:
            if isinstance(item, str):
                out.append(Example(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                vocab = {}
                for name in ("accept", "reject"):
                    words = item.get(name) or []
                    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                        fail(f"example '{name}' must be a list of strings", "examples")
                    vocab[name] = tuple(words)
                out.append(
                    Example(
                        item["text"],
                        str(item.get("format", "markdown")),
                        item.get("dialect"),
                        **vocab,
                    )
                )
            else:
                fail(f"each '{key}' example must be a string or a mapping with 'text'", "examples")
        return tuple(out)

    fixed = value.get("fixed") or []
    if not isinstance(fixed, list) or not all(isinstance(f, str) for f in fixed):
        fail("examples 'fixed' must be a list of strings", "examples")
    return Examples(items("fail"), items("pass"), tuple(fixed))


def _conjunctions(scopes: list[Any]) -> list[str]:
    """Vale's ``a & ~b`` (every part must hold) as copylint's list of scopes, where
    ``~`` names are taken away from the positive one: exact when at most one part
    is positive. Two positive parts are left joined (the loader refuses them)."""
    out: list[str] = []
    for s in map(str, scopes):
        parts = [p.strip() for p in s.split("&")]
        if len(parts) > 1 and sum(not p.startswith("~") for p in parts) <= 1 and all(parts):
            out.extend(parts)
        else:
            out.append(s)
    return out


#: keys of Vale rule files that change nothing in copylint (Vale's own bookkeeping)
_VALE_QUIET = frozenset(
    {"code", "name", "custom", "dicpath", "dictionaries", "filters", "aff", "dic"}
)


def _vale_rule(
    data: dict[str, Any], lines: dict[str, int], file: str, warnings: list[str]
) -> dict[str, Any]:
    """A Vale rule's data as copylint reads it: Vale's sub-scopes (``heading.h2``,
    ``table.cell``) widened to their scope, keys copylint does not know dropped with a
    warning. An unknown type or scope is left for the loader to refuse."""
    rule_type = get_type(str(data.get("extends", "")))
    if rule_type is None:
        return data
    out = dict(data)
    out.setdefault("level", "suggestion")  # Vale's default level for a rule
    scope = out.get("scope")
    if isinstance(scope, str | list):
        scopes = [scope] if isinstance(scope, str) else list(scope)
        widened = []
        for s in _conjunctions(scopes):
            if s.lstrip("~") == "summary" or out.get("extends") == "metric":
                s = "text"  # Vale's summary: the document's text (metric rules use it)
            base = s.lstrip("~").split(".", 1)[0]
            if "." in s and base in SCOPES and not _HEADING_LEVEL.fullmatch(s.lstrip("~")):
                s = ("~" if s.startswith("~") else "") + base
            widened.append(s)
        out["scope"] = widened
    allowed = COMMON_KEYS | rule_type.keys
    for key in list(out):
        if key not in allowed:
            del out[key]
            if key not in _VALE_QUIET:
                warnings.append(
                    f"{file}:{lines.get(key, 1)}: key {key!r} is not supported for "
                    f"{data.get('extends')!r} rules (ignored)"
                )
    return out
