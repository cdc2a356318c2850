"""Findings, severities and typed edits: the one currency every stage trades in.

``Edit`` and ``Finding`` behave as the frozen, slotted dataclasses they were (the
same constructor, ``repr``, equality, hash, pickles, and ``dataclasses.replace``,
``fields``, ``asdict`` and ``astuple``), but are written out: ``dataclasses`` (with
``inspect``, ``ast``, ``dis`` and ``tokenize``, which it imports) took about a tenth
of a run the results cache answers, which makes findings and nothing else. Their
``__dataclass_fields__`` are made on first use (see ``_Fields``).
"""

from __future__ import annotations

from enum import IntEnum

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Iterable
    from typing import Any, ClassVar

#: what ``_Fields`` takes for a field without a default
_REQUIRED = object()


class _Factory:
    """What ``_Fields`` takes for a field whose default ``make()`` makes."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class Severity(IntEnum):
    """Ordered levels; ``OFF`` switches a rule off."""

    OFF = 0
    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown level {value!r} (expected off, suggestion, warning or error)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


class _Fields:
    """A class's ``__dataclass_fields__`` (and ``__dataclass_params__``), made on
    first use from a dataclass of the same fields, so that the ``dataclasses``
    functions take its instances as they took the dataclass's. ``spec``: (name,
    default, ``_Factory`` or ``_REQUIRED``, compared) for each field, in order; None:
    the class's ``_spec`` of (name, default), every field compared."""

    def __init__(self, spec: tuple[tuple[str, Any, bool], ...] | None, frozen: bool) -> None:
        self.spec = spec
        self.frozen = frozen

    def __get__(self, obj: object, owner: type) -> object:
        import dataclasses

        spec = self.spec
        if spec is None:
            spec = tuple((name, default, True) for name, default in owner._spec)  # type: ignore[attr-defined]
        fields = []
        for name, default, compare in spec:
            if default is _REQUIRED:
                made = dataclasses.field(compare=compare)
            elif isinstance(default, _Factory):
                made = dataclasses.field(default_factory=default.make, compare=compare)
            else:
                made = dataclasses.field(default=default, compare=compare)
            fields.append((name, owner.__annotations__[name], made))
        # (a ``__doc__`` of its own: ``dataclass`` would otherwise write one from
        # ``inspect.signature``, and a run that only replaces a field of a ``Config``
        # need not import ``inspect``)
        namespace = {"__doc__": f"The fields of {owner.__qualname__}."}
        twin = dataclasses.make_dataclass(
            owner.__name__, fields, frozen=self.frozen, namespace=namespace
        )
        made_fields = getattr(twin, "__dataclass_fields__")  # noqa: B009
        # set on the class, over this descriptor: made once
        _TWINS[owner] = twin
        type.__setattr__(owner, "__dataclass_fields__", made_fields)
        type.__setattr__(owner, "__dataclass_params__", getattr(twin, "__dataclass_params__"))  # noqa: B009
        # the twin's signature, made when asked for (``inspect``)
        type.__setattr__(owner, "__signature__", _Signature())
        return made_fields


#: each class's dataclass twin (``_Fields``), for its ``__signature__``
_TWINS: dict[type, type] = {}


class _Signature:
    """A class's ``__signature__`` (what ``inspect``, ``help`` and editors show of its
    constructor): its dataclass twin's, made with its ``__dataclass_fields__``."""

    def __get__(self, obj: object, owner: type) -> object:
        made = owner.__dict__.get("__signature__")
        if made is None or isinstance(made, _Signature):
            getattr(owner, "__dataclass_fields__")  # noqa: B009 (makes the twin)
            import inspect

            twin = next(_TWINS[c] for c in owner.__mro__ if c in _TWINS)
            made = inspect.signature(twin)
            # set on the class, over this descriptor: made once
            type.__setattr__(owner, "__signature__", made)
        return made


def _frozen(name: str, what: str = "assign to") -> Exception:
    """The error a frozen dataclass raises on an assignment (or deletion)."""
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(f"cannot {what} field {name!r}")


def _repr(obj: object, names: Iterable[str]) -> str:
    """A dataclass's ``repr``: the class name and each field's value."""
    inner = ", ".join(f"{name}={getattr(obj, name)!r}" for name in names)
    return f"{type(obj).__qualname__}({inner})"


def _replace(obj: Any, /, **changes: Any) -> Any:
    """What ``copy.replace`` calls (Python 3.13), as a dataclass has it."""
    from dataclasses import replace

    return replace(obj, **changes)


class _Frozen:
    """What a frozen, slotted dataclass has: no assignment, equality and a hash over
    ``_key()`` (the compared fields), its ``repr``, and pickles holding the fields'
    values in order (as the dataclass's did, so that either reads the other's)."""

    __slots__: tuple[str, ...] = ()

    def _key(self) -> tuple:
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        raise _frozen(name)

    def __delattr__(self, name: str) -> None:
        raise _frozen(name, "delete")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key() == other._key()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return _repr(self, self.__slots__)

    def __replace__(self, /, **changes: Any) -> Any:
        return _replace(self, **changes)

    def __getstate__(self) -> list:
        return [getattr(self, name) for name in self.__slots__]

    def __setstate__(self, state: list) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)


class Edit(_Frozen):
    """Replace ``source[start:end]`` with ``text``.

    An insert has ``start == end``; a removal has ``text == ""``.
    ``safe`` edits are applied by ``copylint fix``; unsafe ones (they change
    meaning, such as removing a promo block) only with ``--unsafe-fixes``.
    """

    __slots__ = ("start", "end", "text", "safe")
    __match_args__ = ("start", "end", "text", "safe")
    if TYPE_CHECKING:  # pragma: no cover
        __dataclass_fields__: ClassVar[dict[str, Any]]
    else:
        __dataclass_fields__ = _Fields(
            (("start", _REQUIRED, True), ("end", _REQUIRED, True), ("text", _REQUIRED, True))
            + (("safe", True, True),),
            frozen=True,
        )

    start: int
    end: int
    text: str
    safe: bool

    def __init__(self, start: int, end: int, text: str, safe: bool = True) -> None:
        # (each slot's own setter: a third cheaper than ``object.__setattr__``, which
        # looks the name up first; a warm run makes every cached finding this way)
        _E_START(self, start)
        _E_END(self, end)
        _E_TEXT(self, text)
        _E_SAFE(self, safe)

    def _key(self) -> tuple:
        return (self.start, self.end, self.text, self.safe)

    @property
    def kind(self) -> str:
        if self.start == self.end:
            return "insert"
        return "remove" if self.text == "" else "replace"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "safe": self.safe,
        }


#: the setters of Edit's slots (their member descriptors' ``__set__``, each by its
#: name), for ``__init__``
_E_START = Edit.__dict__["start"].__set__
_E_END = Edit.__dict__["end"].__set__
_E_TEXT = Edit.__dict__["text"].__set__
_E_SAFE = Edit.__dict__["safe"].__set__


class Finding(_Frozen):
    """One problem in one file. ``start``/``end`` are offsets into the source text.

    ``line``/``column``/``end_line``/``end_column`` are 1-based, counted in
    characters, end exclusive; they come from the document's line index.
    ``meta`` and ``confidence`` (the rule's confidence, 0..1, where it has one:
    promo blocks) take no part in equality.
    """

    __slots__ = (
        "rule",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "path",
        "suggestions",
        "fix",
        "link",
        "match",
        "meta",
        "confidence",
    )
    __match_args__ = __slots__
    if TYPE_CHECKING:  # pragma: no cover
        __dataclass_fields__: ClassVar[dict[str, Any]]
    else:
        __dataclass_fields__ = _Fields(
            tuple((name, _REQUIRED, True) for name in __slots__[:5])
            + tuple((name, 0, True) for name in __slots__[5:9])
            + (("path", "<text>", True), ("suggestions", (), True), ("fix", None, True))
            + (("link", "", True), ("match", "", True), ("meta", (), False))
            + (("confidence", None, False),),
            frozen=True,
        )

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    path: str
    suggestions: tuple[str, ...]
    fix: Edit | None
    link: str
    match: str
    meta: tuple[tuple[str, str], ...]
    confidence: float | None

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        line: int = 0,
        column: int = 0,
        end_line: int = 0,
        end_column: int = 0,
        path: str = "<text>",
        suggestions: tuple[str, ...] = (),
        fix: Edit | None = None,
        link: str = "",
        match: str = "",
        meta: tuple[tuple[str, str], ...] = (),
        confidence: float | None = None,
    ) -> None:
        # (see Edit.__init__)
        _F_RULE(self, rule)
        _F_SEVERITY(self, severity)
        _F_MESSAGE(self, message)
        _F_START(self, start)
        _F_END(self, end)
        _F_LINE(self, line)
        _F_COLUMN(self, column)
        _F_END_LINE(self, end_line)
        _F_END_COLUMN(self, end_column)
        _F_PATH(self, path)
        _F_SUGGESTIONS(self, suggestions)
        _F_FIX(self, fix)
        _F_LINK(self, link)
        _F_MATCH(self, match)
        _F_META(self, meta)
        _F_CONFIDENCE(self, confidence)

    def _key(self) -> tuple:
        """The fields equality and the hash are made of (not meta, not confidence)."""
        return (
            self.rule,
            self.severity,
            self.message,
            self.start,
            self.end,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.path,
            self.suggestions,
            self.fix,
            self.link,
            self.match,
        )

    def to_dict(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "link": self.link,
        }
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        return out


#: the setters of Finding's slots, for ``__init__`` (see Edit's; each by its name)
_F_RULE = Finding.__dict__["rule"].__set__
_F_SEVERITY = Finding.__dict__["severity"].__set__
_F_MESSAGE = Finding.__dict__["message"].__set__
_F_START = Finding.__dict__["start"].__set__
_F_END = Finding.__dict__["end"].__set__
_F_LINE = Finding.__dict__["line"].__set__
_F_COLUMN = Finding.__dict__["column"].__set__
_F_END_LINE = Finding.__dict__["end_line"].__set__
_F_END_COLUMN = Finding.__dict__["end_column"].__set__
_F_PATH = Finding.__dict__["path"].__set__
_F_SUGGESTIONS = Finding.__dict__["suggestions"].__set__
_F_FIX = Finding.__dict__["fix"].__set__
_F_LINK = Finding.__dict__["link"].__set__
_F_MATCH = Finding.__dict__["match"].__set__
_F_META = Finding.__dict__["meta"].__set__
_F_CONFIDENCE = Finding.__dict__["confidence"].__set__
