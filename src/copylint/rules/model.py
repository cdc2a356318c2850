"""The shared rule model: metadata every rule type carries, and the type interface.

A rule *type* is a subclass of :class:`Rule` registered under its ``extends:`` name.
A rule *instance* is a YAML file in a pack; its id is ``Pack.FileStem``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import rx
from ..errors import RuleError
from ..findings import Edit, Severity
from .literals import LiteralSet
from .patterns import LazyPattern, anchors_of, compile_pattern, soften
from .scope import reads_source

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, NoReturn

    from ..config import Config
    from ..document import Document


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span of the source, a ready message, suggestions, a fix."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Edit | None = None
    match: str = ""
    #: how sure the rule is, 0..1, where it weighs evidence (promo blocks); else None
    confidence: float | None = None


@dataclass(frozen=True)
class Example:
    """One of a rule file's examples: a text and how to check it."""

    text: str
    format: str = "markdown"
    dialect: str | None = None
    #: vocabulary the example is checked with (rules of type ``vocab`` need one)
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


@dataclass(frozen=True)
class Examples:
    """A rule file's examples: those that fail, those that pass, the fixed texts."""

    fail: tuple[Example, ...] = ()
    passing: tuple[Example, ...] = ()
    fixed: tuple[str, ...] = ()


#: keys every rule may carry (Vale's Definition plus copylint's own)
COMMON_KEYS = frozenset(
    {
        "extends",
        "message",
        "level",
        "scope",
        "link",
        "description",
        "examples",
        "ignorecase",
        "nonword",
        "action",
        "limit",
        "vocab",
        "quotes",
        "dialects",
        "when",
    }
)

SCOPES = frozenset(
    {
        "text",
        "heading",
        "paragraph",
        "sentence",
        "list",
        "blockquote",
        "table",
        "raw",
        "quote",
        "frontmatter",
        "title",
        "code",
        "link",
        "strong",
        "emphasis",
        "alt",
    }
)


@dataclass
class RuleMeta:
    """What every rule carries, whatever its type: id, message, level, scope..."""

    id: str
    type: str
    path: str
    message: str = "%s"
    level: Severity = Severity.WARNING
    scope: tuple[str, ...] = ("text",)
    link: str = ""
    description: str = ""
    ignorecase: bool = False
    nonword: bool = False
    #: the project's accepted vocabulary is an exception list of this rule (Vale's
    #: ``vocab: true``, the default, for existence and substitution rules)
    vocab: bool = True
    #: the rule comes from a Vale style: Vale's word boundaries and vocabulary rules
    vale: bool = False
    action: dict[str, Any] = field(default_factory=dict)
    limit: int = 0
    examples: Examples = field(default_factory=Examples)
    #: in which dialects the rule runs; empty for all
    dialects: tuple[str, ...] = ()
    #: house options the rule needs to run, e.g. {"oxford_comma": True}
    when: dict[str, Any] = field(default_factory=dict)
    #: line numbers of keys in the rule file, for error messages
    lines: dict[str, int] = field(default_factory=dict)
    #: anchors of this file's patterns from an earlier validated load (see patterns.py)
    validated: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    _builtin: bool | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # the rule-set cache keeps the rule as loaded: the anchors it was loaded with
        # are needed no more
        return {**self.__dict__, "validated": None}

    @property
    def builtin(self) -> bool:
        """Whether the rule file ships with copylint (else its patterns run timed)."""
        if self._builtin is None:
            from .loader import builtin_packs_dir

            try:
                self._builtin = resolved(self.path).is_relative_to(builtin_packs_dir())
            except OSError:
                self._builtin = False
        return self._builtin

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def summary(self) -> str:
        text = (self.description or self.message.replace("%s", "…")).strip()
        return text.splitlines()[0] if text else ""


#: the folders of rule files, resolved (``resolved``): absolute path as written -> real
_FOLDERS: dict[str, str] = {}


def resolved(path: str) -> Path:
    """``Path(path).resolve()``, each folder resolved once: a rule file that is no link
    is its resolved folder joined with its name. (``resolve`` looks at each part of
    the path in turn: a system call a part, for each of a hundred rule files, about
    1 ms before the workers fork.) A relative path, or a file that is a link, is
    resolved whole. ``Linter.prepare`` forgets the folders before it resolves a rule
    set's files (a link to a folder may have moved since)."""
    folder, name = os.path.split(path)
    if not os.path.isabs(folder) or name in ("", ".", "..") or os.path.islink(path):
        return Path(path).resolve()
    real = _FOLDERS.get(folder)
    if real is None:
        real = _FOLDERS[folder] = str(Path(folder).resolve())
    return Path(os.path.join(real, name))


_V0 = int(rx.V0)
_IGNORECASE_V0 = int(rx.IGNORECASE | rx.V0)


class Rule:
    """Base of every rule type.

    Subclasses set ``type_name`` and ``keys`` (the type's own YAML keys), parse
    them in ``configure`` and report hits from ``check``. Rules never compute
    line numbers; the engine does, from the document's line index.
    """

    type_name: ClassVar[str] = ""
    keys: ClassVar[frozenset[str]] = frozenset()
    required: ClassVar[tuple[str, ...]] = ()
    #: rules of this type also fire inside quoted speech unless scope says otherwise
    checks_quotes: ClassVar[bool] = False
    #: hits are words or phrases: one running across inline code or a URL is dropped
    word_level: ClassVar[bool] = False
    #: house options (``[options]`` in the config) the type reads itself
    option_keys: ClassVar[frozenset[str]] = frozenset()

    #: a pattern every hit needs: the engine skips the rule when it cannot match
    trigger: LazyPattern | None = None
    #: the rule set's anchors, found in a document in one pass (see ``literals.py``);
    #: None for a rule outside a rule set (its anchors are then tested one by one)
    literals: LiteralSet | None = None
    #: files besides the rule file that it read (Vale's ``ignore`` word lists, and the
    #: places looked at before one was found): the results cache's key holds them
    word_files: tuple[str, ...] = ()

    def __init__(self, meta: RuleMeta, spec: dict[str, Any]):
        self.meta = meta
        #: anchors of patterns compiled (validated) in this load, for the cache
        self.new_patterns: dict[str, Any] = {}
        for key in self.required:
            if key not in spec:
                self.error(f"rule type {self.type_name!r} needs the key {key!r}")
        self.configure(spec)

    def __getstate__(self) -> dict[str, Any]:
        # kept by the rule-set cache (setcache): what this load added to the pattern
        # cache is its business alone
        return {**self.__dict__, "new_patterns": {}}

    # -- helpers for subclasses --------------------------------------------
    def error(self, message: str, key: str | None = None) -> NoReturn:
        line = self.meta.lines.get(key) if key else None
        raise RuleError(message, self.meta.path, line or self.meta.lines.get("extends"))

    def compile(self, pattern: str, key: str, flags: int = 0, soft: bool = False) -> LazyPattern:
        """Validate ``pattern`` (once per rule file content) and return it, compiled lazily.

        ``soft``: the pattern of a list of phrases (tokens, swap keys) in copylint's
        own rule format, whose spaces also match a line break inside a paragraph
        (``patterns.soften``); its anchors are the phrase's as written, looked for in
        the text with its line breaks joined. A Vale style's rule, or one reading the
        source, is never soft: Vale matches a typed line break only with ``\\s``.
        """
        # plain ints: an operator on the flag enums costs microseconds, and a load
        # makes a thousand of these (the cache key spells the same number either way)
        flags = int(flags) | (_IGNORECASE_V0 if self.meta.ignorecase else _V0)
        source = pattern
        if soft and not self.meta.vale and not reads_source(self.meta.scope):
            source = soften(pattern)
        cache_key = f"{flags}:{source}"
        known = self.meta.validated
        # a rule of the user's own runs under a time budget (see engine.run_rule)
        timed = not self.meta.builtin
        if known is not None and cache_key in known:
            anchors = known[cache_key]
            return LazyPattern(source, flags, tuple(anchors) if anchors else None, timed=timed)
        try:
            rx.compile(pattern, flags)  # validate in the dialect the rule format promises
        except (rx.error, TypeError, ValueError, OverflowError) as exc:
            self.error(f"bad regular expression in {key!r}: {exc}", key)
        if source is not pattern:
            try:
                rx.compile(source, flags)
            except (rx.error, TypeError, ValueError, OverflowError):
                source, cache_key = pattern, f"{flags}:{pattern}"  # keep it as written
        compiled = compile_pattern(source, flags, timed)
        anchors = anchors_of(pattern, flags)
        self.new_patterns[cache_key] = list(anchors) if anchors else None
        return LazyPattern(source, flags, anchors, compiled, timed=timed)

    def format_message(self, *args: str) -> str:
        msg = self.meta.message
        try:
            count = msg.count("%s")
            if count:
                return msg % tuple((list(args) + [""] * count)[:count])
        except (TypeError, ValueError):
            pass
        return msg

    def anchor_literals(self) -> set[str]:
        """The anchors this rule tests a document for (``present`` answers for them)."""
        trigger = self.trigger
        return set(trigger.anchors or ()) if trigger is not None else set()

    def present(self, doc: Document, raw: bool) -> frozenset[str] | None:
        """Which of the rule set's anchors occur in ``doc`` (its folded source when
        ``raw``, else its folded prose), or None when the rule has no such set."""
        literals = self.literals
        if literals is None:
            return None
        return doc.literals_in(literals, raw)

    # -- interface ---------------------------------------------------------
    def configure(self, spec: dict[str, Any]) -> None:
        """Read the type's own keys from ``spec``; raise through :meth:`error`."""

    def check(self, doc: Document, config: Config) -> Iterator[Hit]:
        raise NotImplementedError

    def prepare(self, config: Config, documents: int = 2) -> None:
        """Load what :meth:`check` will need for ``config`` (data, compiled patterns)
        to check about ``documents`` documents.

        Called before many files are checked in forked worker processes, so that the
        workers share one copy instead of each loading its own. Optional.
        """

    @classmethod
    def prepared(cls, config: Config) -> None:
        """Called once after :meth:`prepare` of every rule of this type that will run
        (``Linter.prepare``): what the type's rules share, made once for all of them.
        Optional."""
