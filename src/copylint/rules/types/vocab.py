"""vocab: rules driven by the project's vocabulary (Vale's ``Vale.Terms`` and ``Vale.Avoid``).

Keys of its own:

- ``use``: ``accept`` (default) or ``reject``, the list the rule reads.

With ``use: accept`` every accepted entry (a word or a regex, matched case-sensitively
as written, ``(?i)`` allowed) is also looked for without regard to case; a match whose
case differs from the entry's is reported, ``%s`` being the preferred form then the
match, as Vale's ``Vale.Terms`` does. With ``use: reject`` every match of a rejected
entry is reported (``Vale.Avoid``). The lists are ``config.accept`` and
``config.reject``: ``[vocab]`` in copylint.toml, or ``Vocab`` in a ``.vale.ini``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ... import rx
from ...findings import Edit
from ..model import Hit, Rule
from ._common import search

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    import regex


@functools.lru_cache(maxsize=64)
def _pattern(entries: tuple[str, ...], ignorecase: bool) -> regex.Pattern | None:
    parts = []
    for entry in entries:
        try:
            rx.compile(entry)
        except rx.error:
            entry = rx.escape(entry)
        parts.append(f"(?:{entry})")
    if not parts:
        return None
    flags = rx.V0 | (rx.IGNORECASE if ignorecase else 0)
    return rx.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", flags)


@functools.lru_cache(maxsize=1024)
def _exact(entry: str) -> regex.Pattern:
    try:
        return rx.compile(entry, rx.V0)
    except rx.error:
        return rx.compile(rx.escape(entry))


class VocabRule(Rule):
    type_name = "vocab"
    word_level = True
    checks_quotes = False
    keys = frozenset({"use"})

    def configure(self, spec: dict[str, Any]) -> None:
        use = str(spec.get("use", "accept"))
        if use not in ("accept", "reject"):
            self.error("'use' must be accept or reject", "use")
        self.use = use

    def check(self, doc, config) -> Iterator[Hit]:
        entries = tuple(getattr(config, self.use, ()) or ())
        if not entries:
            return
        if self.use == "reject":
            pattern = _pattern(entries, False)
            if pattern is None:
                return
            for m in search(self, doc, pattern):
                yield Hit(m.start(), m.end(), self.format_message(m.group()), match=m.group())
            return
        entries = _preferred(entries)
        loose = _pattern(entries, True)
        if loose is None:
            return
        exact = [_exact(e) for e in entries]
        for m in search(self, doc, loose):
            text = m.group()
            if any(p.fullmatch(text) for p in exact):
                continue  # written as accepted
            preferred = next((e for e in entries if _loose(e).fullmatch(text)), text)
            plain = _plain(preferred)
            yield Hit(
                m.start(),
                m.end(),
                self.format_message(preferred, text),
                (preferred,) if plain else (),
                Edit(m.start(), m.end(), preferred, safe=False) if plain else None,
                text,
            )


@functools.lru_cache(maxsize=64)
def _preferred(entries: tuple[str, ...]) -> tuple[str, ...]:
    """Accepted entries as Vale.Terms reads them: one form per word in any case (the
    last listed wins: a later vocabulary's "Definately" over an earlier "definately"),
    longest first, so "MyProduct Enterprise" is matched before "MyProduct"."""
    last: dict[str, str] = {}
    for e in entries:
        e = e.strip()
        if e and not e.startswith("#"):
            last.pop(e.lower() if _plain(e) else e, None)
            last[e.lower() if _plain(e) else e] = e
    return tuple(sorted(last.values(), key=len, reverse=True))


@functools.lru_cache(maxsize=1024)
def _loose(entry: str) -> regex.Pattern:
    try:
        return rx.compile(entry, rx.V0 | rx.IGNORECASE)
    except rx.error:
        return rx.compile(rx.escape(entry), rx.IGNORECASE)


def _plain(entry: str) -> bool:
    return rx.escape(entry, special_only=True, literal_spaces=True) == entry


RULE_TYPE = VocabRule
