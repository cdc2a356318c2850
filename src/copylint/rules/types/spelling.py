"""spelling: misspelt words (``check: typos``), spellings of another dialect (``check:
dialect``) and real-word errors (``check: confusables``).

Keys of its own:

- ``check``: ``typos`` (default), ``dialect`` or ``confusables``.
- ``nosuggestion``: the message when no correction is found (``%s`` is the word).
- ``rejected``: the message for a word on the user's reject list.
- ``ignore``: Vale's files of words to accept (one a line, any case), beside the
  rule, in the styles folder or in its ``config/ignore``.
- ``vale``: ``true`` for Vale's ``Vale.Spelling``: ``%s`` in the message is the word
  as written, rejected words are left to ``Vale.Avoid``, and a capitalised word the
  dictionary lacks is flagged (Vale has no notion of names: accept them in the vocab).

The rule's ``message`` gets the best suggestion for ``%s`` (``dialect``: the
dialect's name, then its spelling); all suggestions go into ``Hit.suggestions``,
best first. The dictionary is ``config.dialect``'s; ``config.accept`` and
``config.reject`` are the user's vocabulary. ``typos`` and ``dialect`` share one
pass of the checker over a document.

Option (``[options]`` of the config): ``accept_consistent_dialect`` (default false):
a document whose dialect words are all another dialect's (wire copy, a syndicated
piece) and none of the house dialect's gets no ``dialect`` findings; a document that
mixes the two still gets one finding per other-dialect word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ...document import _STOPS
from ...findings import Edit
from ...regexcache import compile as compile_regex
from ..model import Hit, Rule
from ..scope import regions

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

_CHECKS = ("typos", "dialect", "confusables")
_WORDS = compile_regex(r"[\p{L}]+")

#: an HTML entity or character reference (masked by the parsers), at a word's either end
_REF = r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});"
_REF_AFTER = compile_regex(_REF)
_REF_BEFORE = compile_regex(_REF + r"$")


class SpellingRule(Rule):
    type_name = "spelling"
    keys = frozenset({"check", "nosuggestion", "rejected", "vale", "ignore"})
    option_keys = frozenset({"accept_consistent_dialect"})
    checks_quotes = True

    def configure(self, spec: dict[str, Any]) -> None:
        check = spec.get("check", "typos")
        if check not in _CHECKS:
            self.error(f"'check' must be one of {', '.join(_CHECKS)}, not {check!r}", "check")
        self.mode = check
        self.nosuggestion = str(spec.get("nosuggestion") or "'%s' is not in the dictionary.")
        self.rejected = str(spec.get("rejected") or "'%s' is on the reject list.")
        self.vale = bool(spec.get("vale", False)) or self.meta.vale
        self.ignored = tuple(self._ignore_files(spec.get("ignore")))

    def _ignore_files(self, value: Any) -> list[str]:
        """Vale's ``ignore``: files of words to accept (one a line, any case), found
        beside the rule, in the styles folder or in its ``config/ignore``."""
        if not value:
            return []
        from pathlib import Path

        names = [value] if isinstance(value, str) else [str(v) for v in value]
        here = Path(self.meta.path).parent
        words: list[str] = []
        looked: list[str] = []
        for name in names:
            for folder in (here, here.parent, here.parent / "config" / "ignore"):
                file = folder / name
                looked.append(str(file))
                if file.is_file():
                    text = file.read_text(encoding="utf-8-sig", errors="replace")
                    for line in text.splitlines():
                        word = line.strip()
                        if word and not word.startswith("#"):
                            low = word.lower()
                            words += [word, low, low.capitalize(), low.upper()]
                    break
            else:
                self.error(f"ignore file {name!r} not found", "ignore")
        self.word_files = tuple(looked)
        return list(dict.fromkeys(words))

    def prepare(self, config, documents: int = 2) -> None:
        if self.mode == "confusables":
            from ...spelling.confusables import PATTERNS

            for p in PATTERNS:
                p.regex  # noqa: B018 - compiles it
            return
        from ...spelling.checker import Checker

        Checker(getattr(config, "dialect", "en-US")).warm_up(documents)

    def check(self, doc, config) -> Iterator[Hit]:
        spans = regions(doc, self.meta.scope, not self.meta.vale)
        if self.mode == "confusables":
            yield from self._confusables(doc, spans)
            return
        dialect = getattr(config, "dialect", "en-US")
        accept = tuple(getattr(config, "accept", ()) or ())
        if self.vale:
            # Vale.Spelling takes the accepted vocabulary in any case (Vale.Terms
            # is the rule that minds the capitals)
            accept += tuple(f"(?i){e.strip()}" for e in accept if e.strip()[:1] not in ("", "#"))
        found = _misspellings(doc, spans, dialect, config, accept + self.ignored, not self.vale)
        if self.mode == "dialect":
            yield from self._dialect(doc, found, dialect, config)
            return
        for m in found:
            if self.vale:
                # Vale.Spelling has no dialect rule of its own: another dialect's
                # word is one of its misspellings
                if m.reason == "rejected" or _vale_filtered(doc.prose, m.start, m.end):
                    continue
                msg = self.format_message(m.word)
            elif m.reason == "dialect":
                continue  # spelling.Dialect's
            elif m.reason == "rejected":
                msg = self.rejected.replace("%s", m.word)
            elif m.suggestions:
                msg = self.format_message(m.suggestions[0])
            else:
                msg = self.nosuggestion.replace("%s", m.word)
            fix = None
            if m.suggestions and (len(m.suggestions) == 1 or m.reason == "name"):
                fix = narrow_edit(doc.source, m.start, m.end, m.suggestions[0])
            yield Hit(m.start, m.end, msg, m.suggestions, fix, m.word)

    def _dialect(self, doc, found, dialect: str, config) -> Iterator[Hit]:
        hits = [m for m in found if m.reason == "dialect"]
        if not hits:
            return
        options = getattr(config, "options", None) or {}
        if options.get("accept_consistent_dialect") is True and not _house_forms(doc, dialect):
            return  # the whole piece is in another dialect, and that is accepted
        for m in hits:
            msg = self.format_message(dialect, m.suggestions[0])
            fix = Edit(m.start, m.end, m.suggestions[0], safe=True)
            yield Hit(m.start, m.end, msg, m.suggestions, fix, m.word)

    def _confusables(self, doc, spans) -> Iterator[Hit]:
        find, folds_alike, possible = _CONFUSABLES or _confusables()
        folded = doc.folded_prose
        patterns = possible(folded)
        if not patterns:
            return
        prose = doc.prose
        whole = folded if folds_alike(prose, folded) else None
        for rs, re_ in spans:
            for c in find(prose, rs, re_, patterns, whole):
                yield Hit(
                    c.start,
                    c.end,
                    self.format_message(c.fix, c.word),
                    (c.fix,),
                    Edit(c.start, c.end, c.fix, safe=False),
                    c.word,
                )


#: Vale's default spelling filters, tried on the whole token (as its tokenizer cuts
#: text: at white space, outer punctuation stripped): a token with anything but
#: ASCII letters, ``_`` and ``'`` (remark-gfm, v2, naïve), camel case (GitHub),
#: or ending in capitals (API, iOS) is not spell-checked
_VALE_FILTERS = compile_regex(r"[^a-zA-Z_']|[A-Z][a-z]+[A-Z]+\w+|[A-Z]+$")
_TOKEN_EDGE = compile_regex(r"^[^\w]+|[^\w]+$")


def _vale_filtered(prose: str, start: int, end: int) -> bool:
    while start > 0 and not prose[start - 1].isspace():
        start -= 1
    while end < len(prose) and not prose[end].isspace():
        end += 1
    token = _TOKEN_EDGE.sub("", prose[start:end]).replace("\u2019", "'")
    return bool(token) and _VALE_FILTERS.search(token) is not None


#: ``spelling.confusables``' ``find``, ``folds_alike`` and ``possible``, and
#: ``spelling.checker.Checker``, imported on first use (an import statement in a
#: function costs ~12 k instructions a call, and these run once or twice a document)
_CONFUSABLES: tuple[Any, Any, Any] | None = None
_CHECKER: Any = None


def _confusables() -> tuple[Any, Any, Any]:
    global _CONFUSABLES
    from ...spelling.confusables import find, folds_alike, possible

    _CONFUSABLES = (find, folds_alike, possible)
    return _CONFUSABLES


def _checker() -> Any:
    global _CHECKER
    from ...spelling.checker import Checker

    _CHECKER = Checker
    return Checker


def _misspellings(doc, spans, dialect: str, config, accept, names: bool) -> list:
    """The checker's findings in ``spans`` of ``doc``, computed once for the typos and
    dialect rules (kept on the document for as long as it lives)."""
    reject = tuple(getattr(config, "reject", ()) or ())
    key = (dialect, accept, reject, names, tuple(spans))
    memo = doc.__dict__.setdefault("_spelling_memo", {})
    found = memo.get(key)
    if found is None:
        checker = (_CHECKER or _checker())(dialect, accept, reject, names=names)
        starts = _SentenceStarts(doc)
        heads = [(b.start, b.end) for b in doc.blocks if b.kind == "heading"]
        found = [
            m
            for m in checker.check(doc.prose, spans, starts, heads)
            # part of a word written with an entity: didn&rsquo;t, caf&eacute;
            if not _glued_to_reference(doc, m.start, m.end)
        ]
        memo.clear()  # one configuration at a time
        memo[key] = found
    return found


def _house_forms(doc, dialect: str) -> bool:
    """Does ``doc`` use a spelling of ``dialect`` that another dialect writes otherwise
    (color in en-US copy, colour in en-GB copy)?"""
    from ...spelling.dictionary import lexicon

    own = frozenset(lexicon(dialect).foreign.values())
    return any(w.lower() in own for w in _WORDS.findall(doc.prose))


_APOSTROPHES = "'’ʼ"


def narrow_edit(source: str, start: int, end: int, text: str) -> Edit:
    """An edit of the word ``source[start:end]`` to ``text`` in which what the two
    share at either end keeps the source's own characters, so only the typo
    changes (a curly apostrophe stays curly: ``hospitel’s`` -> ``hospital’s``)."""
    old = source[start:end]

    def same(a: str, b: str) -> bool:
        return a == b or (a in _APOSTROPHES and b in _APOSTROPHES)

    p = 0
    while p < len(old) and p < len(text) and same(old[p], text[p]):
        p += 1
    q = 0
    while q < len(old) - p and q < len(text) - p and same(old[-1 - q], text[-1 - q]):
        q += 1
    return Edit(start, end, old[:p] + text[p : len(text) - q] + old[len(old) - q :], safe=False)


def _glued_to_reference(doc, start: int, end: int) -> bool:
    """Does a masked entity reference touch the word (``didn&rsquo;t``, ``caf&eacute;``)?"""
    src = doc.source
    if end < len(src) and src[end] == "&" and doc.is_masked(end):
        m = _REF_AFTER.match(src, end)
        if m and _word_char(m.group()):
            return True
    if start > 0 and src[start - 1] == ";" and doc.is_masked(start - 1):
        m = _REF_BEFORE.search(src[max(0, start - 40) : start])
        if m and _word_char(m.group()):
            return True
    return False


def _word_char(ref: str) -> bool:
    """Does the reference stand for a letter, an apostrophe or an invisible joiner?"""
    import html  # (here: most drafts have no reference)

    text = html.unescape(ref)
    if len(text) != 1 or text == ref:
        return False
    return text in "'’ʼ\u00ad\u200b\u200c\u200d" or unicodedata.category(text)[0] in "LM"


class _SentenceStarts:
    """Offsets of sentences' first words, computed on first use (names need them).

    Until then, an offset that cannot open a sentence is answered without splitting
    the document's sentences (``could_open``): most capitalised words the checker
    asks about follow another word in the same sentence ("said Okonkwo")."""

    def __init__(self, doc):
        self.doc = doc
        self.starts: frozenset[int] | None = None

    def __contains__(self, offset: object) -> bool:
        if self.starts is None:
            if isinstance(offset, int) and not could_open(self.doc, offset):
                return False
            prose = self.doc.prose
            self.starts = frozenset(_first_word(prose, s.start) for s in self.doc.sentences)
        return offset in self.starts


#: the characters a sentence's stop is
_STOP_CHARS = frozenset(_STOPS)


def could_open(doc, offset: int) -> bool:
    """Could ``offset`` be the first word of one of ``doc``'s sentences? False only
    where it cannot, else True.

    A sentence starts at a block's start or at a cut after a stop (one of ``.!?…``
    and the closing quotes and brackets after it), and its first word is the first
    letter or digit from there (``_first_word``). So between the last letter or
    digit before a first word and the word itself lies a stop or a block's start.
    """
    prose = doc.prose
    if not 0 <= offset < len(prose) or not prose[offset].isalnum():
        return True  # (not a word's first letter: not worked out here)
    i = offset - 1
    while i >= 0 and not prose[i].isalnum():
        i -= 1
    if not _STOP_CHARS.isdisjoint(prose[i + 1 : offset]):
        return True
    return any(i < b.start <= offset for b in doc.blocks)


def _first_word(text: str, start: int) -> int:
    i = start
    n = len(text)
    while i < n and not (text[i].isalnum()):
        i += 1
    return i


RULE_TYPE = SpellingRule
