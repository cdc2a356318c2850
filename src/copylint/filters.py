"""The filter stage: inline directives, [sic], and the minimum level."""

from __future__ import annotations

from . import rx
from .document import Document
from .findings import Finding, Severity
from .regexcache import compile as compile_regex

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    import regex

_SIC = compile_regex(r"\s*\[sic\]", rx.I)


def _matches(rules: tuple[str, ...], rule: str) -> bool:
    if not rules:
        return True
    pack = rule.split(".", 1)[0]
    return rule in rules or pack in rules


def suppressed_by_directives(doc: Document, finding: Finding) -> bool:
    """Apply disable/enable ranges and the line forms to one finding."""
    if not doc.directives:
        return False
    line = finding.line
    disabled = False
    for d in doc.directives:  # in source order
        if d.line > line:
            break
        if not _matches(d.rules, finding.rule):
            continue
        if d.action == "disable":
            disabled = True
        elif d.action == "enable":
            disabled = False
        elif d.action == "disable-line" and d.line == line:
            return True
        elif d.action == "disable-next-line" and d.line == line - 1:
            return True
    if disabled:
        return True
    # a disable-line directive can sit after the finding on the same line
    return any(
        d.action == "disable-line" and d.line == line and _matches(d.rules, finding.rule)
        for d in doc.directives
    )


def followed_by_sic(doc: Document, end: int) -> bool:
    # match on a short slice: a positional match on a long string is slow in ``regex``
    return _SIC.match(doc.source[end : end + 16]) is not None


def keep(doc: Document, finding: Finding, min_level: Severity) -> bool:
    if finding.severity < min_level or finding.severity is Severity.OFF:
        return False
    if followed_by_sic(doc, finding.end):
        return False
    return not suppressed_by_directives(doc, finding)


#: names ``IgnoredScopes`` may give an inline element -> ``Document.inline`` kinds
_INLINE_NAMES = {
    "code": "code",
    "tt": "code",
    "link": "link",
    "a": "link",
    "strong": "strong",
    "b": "strong",
    "emphasis": "emphasis",
    "em": "emphasis",
    "i": "emphasis",
}


def drop_ignored(
    doc: Document,
    findings: list[Finding],
    patterns: tuple[str, ...],
    elements: tuple[str, ...] = (),
) -> list[Finding]:
    """Drop findings that touch a match of an ignore pattern (a .vale.ini's
    ``TokenIgnores`` and ``BlockIgnores``) or the content of an ignored HTML element
    (``IgnoredScopes``, ``SkippedScopes``: tag names; ``IgnoredClasses``: ``.name``)."""
    spans = ignored_spans(doc.source, patterns, elements)
    # Vale's inline scopes in Markdown (``IgnoredScopes = link``); code spans are not
    # prose anyway, and a rule scoped to ``code`` is still to look inside them
    inline = {_INLINE_NAMES.get(e) for e in elements} - {None, "code"}
    if inline:
        spans.extend((s, e) for kind, s, e in doc.inline if kind in inline)
    if not spans:
        return findings
    return [f for f in findings if not any(s < f.end and f.start < e for s, e in spans)]


def ignored_spans(
    source: str, patterns: tuple[str, ...], elements: tuple[str, ...] = ()
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        compiled = _compiled(pattern)
        if compiled is not None:
            spans.extend(m.span() for m in compiled.finditer(source) if m.end() > m.start())
    if elements and "<" in source:
        tags = [rx.escape(e) for e in elements if not e.startswith(".")]
        classes = [rx.escape(e[1:]) for e in elements if e.startswith(".")]
        if tags:
            element = _compiled(rf"(?is)<(?P<tag>{'|'.join(tags)})\b[^>]*>.*?</(?P=tag)\s*>")
            if element is not None:
                spans.extend(m.span() for m in element.finditer(source))
        if classes:
            names = "|".join(classes)
            element = _compiled(
                rf"""(?is)<(?P<tag>[a-z][\w-]*)\b[^>]*\bclass\s*=\s*["'][^"']*?"""
                rf"""(?<![\w-])(?:{names})(?![\w-])[^"']*["'][^>]*>.*?</(?P=tag)\s*>"""
            )
            if element is not None:
                spans.extend(m.span() for m in element.finditer(source))
    return spans


_CACHE: dict[str, regex.Pattern | None] = {}


def _compiled(pattern: str) -> regex.Pattern | None:
    if pattern not in _CACHE:
        try:
            _CACHE[pattern] = rx.compile(pattern, rx.V0)
        except rx.error:
            _CACHE[pattern] = None  # the config reader has reported it
    return _CACHE[pattern]
