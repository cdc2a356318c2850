"""Scopes: which parts of a document a rule looks at."""

from __future__ import annotations

import re

from ..document import Document

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

_BLOCK_SCOPES = {
    "heading": {"heading"},
    "paragraph": {"paragraph"},
    "list": {"list"},
    "blockquote": {"blockquote"},
    "table": {"table"},
    "frontmatter": {"frontmatter"},
}
#: Vale's inline scopes: the text of these elements (``Document.inline``)
INLINE_SCOPES = frozenset(("code", "link", "strong", "emphasis", "alt"))


def reads_source(scope: tuple[str, ...]) -> bool:
    """Does a rule with ``scope`` match the source rather than the prose? ``raw``
    does, and so does ``code``: a code span's text is masked out of the prose."""
    return "raw" in scope or "code" in scope


def regions(
    doc: Document, scope: tuple[str, ...], front_matter: bool = True
) -> list[tuple[int, int]]:
    """``_regions``, worked out once per document and scope (most rules share one);
    callers must not change the list."""
    memo = doc._regions
    key = (scope, front_matter)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _regions(doc, scope, front_matter)
    return found


def _regions(
    doc: Document, scope: tuple[str, ...], front_matter: bool = True
) -> list[tuple[int, int]]:
    """Spans of ``doc.prose`` a rule with ``scope`` searches.

    Positive names are united; names with ``~`` are taken away. ``text`` is all
    prose blocks, ``sentence`` yields each sentence separately, ``raw`` the whole
    source. ``quote`` is not a region: it only opts a rule into quoted speech.
    ``code``, ``link``, ``strong``, ``emphasis`` and ``alt`` (an image's alt text)
    are the text of those inline elements (Vale's inline scopes).
    Without ``front_matter`` (Vale's rules), front matter values are left out, and
    ``sentence`` is the sentences of blocks other than headings, as in Vale.
    """
    if not front_matter:
        if "sentence" in scope and "heading" not in scope:
            scope = (*scope, "~heading")  # Vale: a heading is not a sentence
        spans = regions(doc, scope)
        if "raw" in scope or not any(
            b.kind == "frontmatter" or b.meta.startswith("frontmatter") for b in doc.blocks
        ):
            return spans
        fm = [
            (b.start, b.end)
            for b in doc.blocks
            if b.kind == "frontmatter" or b.meta.startswith("frontmatter")
        ]
        return [(s, e) for s, e in spans if not any(fs <= s < fe for fs, fe in fm)]
    inline, spec = _spec(scope)
    if inline:
        return [(s, e) for kind, s, e in doc.inline if kind in inline]
    if spec is None:  # raw
        return [(0, len(doc.source))]
    how, kinds, levels, drop = spec
    if how == "sentence":
        if not kinds:
            return [(s.start, s.end) for s in doc.sentences]
        return [(s.start, s.end) for s in doc.sentences if _block_kind(doc, s.start) not in kinds]
    if not levels and not drop:
        if how == "text":  # every prose block but those of the kinds taken away
            return [(b.start, b.end) for b in doc.prose_blocks if b.kind not in kinds]
        return [(b.start, b.end) for b in doc.prose_blocks if b.kind in kinds]
    if how == "text":
        kinds = {b.kind for b in doc.prose_blocks} - kinds
    return [
        (b.start, b.end)
        for b in doc.prose_blocks
        if (b.kind in kinds or (levels and b.kind == "heading" and b.level in levels))
        and not (b.kind == "heading" and b.level in drop)
    ]


#: scope -> (inline scopes, spec): what ``_regions`` reads of a scope, worked out once
#: a process (a rule set has a dozen scopes; ``_regions`` runs for each per document)
_SPECS: dict[tuple[str, ...], tuple[frozenset[str], Any]] = {}


def _spec(scope: tuple[str, ...]) -> tuple[frozenset[str], Any]:
    """The inline scopes of ``scope`` (Vale's, see ``_regions``) and, when there are
    none, how its regions are found: None for the whole source (``raw``), else
    ("sentence", block kinds whose sentences are left out, ...), ("text", block kinds
    left out, heading levels added, heading levels left out) or ("blocks", the block
    kinds, levels added, levels left out)."""
    found = _SPECS.get(scope)
    if found is not None:
        return found
    inline = frozenset(INLINE_SCOPES.intersection(scope))
    spec: Any = None
    positive = [s for s in scope if not s.startswith("~") and s != "quote"] or ["text"]
    negative = {s[1:] for s in scope if s.startswith("~")}
    if inline or "raw" in positive:
        pass
    elif "sentence" in positive:
        spec = ("sentence", frozenset(_kinds(negative)) if negative else frozenset(), None, None)
    else:
        levels = frozenset(int(n[-1]) for n in positive if _HEADING_LEVEL.fullmatch(n))
        drop = frozenset(int(n[-1]) for n in negative if _HEADING_LEVEL.fullmatch(n))
        if "text" in positive:
            spec = ("text", frozenset(_kinds(negative)), levels, drop)
        else:
            kinds: set[str] = set()
            for name in positive:
                kinds |= _BLOCK_SCOPES.get(name, set())
            if "title" in positive:
                kinds |= {"heading"}
            spec = ("blocks", frozenset(kinds - _kinds(negative)), levels, drop)
    found = _SPECS[scope] = (inline, spec)
    return found


#: Vale's scope for one heading level: heading.h1 ... heading.h6
_HEADING_LEVEL = re.compile(r"heading\.h[1-6]")


def _kinds(names: set[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        out |= _BLOCK_SCOPES.get(n, set())
    return out


def _block_kind(doc: Document, offset: int) -> str:
    b = doc.block_at(offset)
    return b.kind if b else ""
