"""Markdown (CommonMark + GFM tables and strikethrough) with YAML/TOML front matter.

How offsets stay exact: markdown-it-py gives the block structure with line maps.
For each paragraph, heading and table cell, the inline content markdown-it built
is anchored to the END of its source lines (markdown-it only removes container
markers and indentation at the start of a line, and for the last line trailing
white space), and checked with ``endswith``; a line that does not check out is
masked rather than guessed. The inline parser then runs once per block with its
rules wrapped so that every construct it recognises (code span, link, image,
autolink, inline HTML, entity, escape, emphasis delimiter) is recorded with its
start and end position in the inline content, which maps back to source offsets.

Everything outside the prose ranges is masked: markers, code, HTML, reference
definitions, thematic breaks, front matter keys. Inside prose, code spans, link
and image destinations, autolinks, inline HTML, entities, backslashes of escapes,
emphasis/strikethrough delimiters, bare URLs and e-mail addresses are masked.
Link text and image alt text stay prose.

Block kinds: paragraph; heading (level 1-6); list (paragraphs inside list items,
level = list depth); blockquote (paragraphs inside a blockquote, also inside a list
within it: blockquote wins); table (one block per cell, meta "th" or "td"); code;
html; front matter values (see ``frontmatter.py``).

Directives: HTML comments ``<!-- copylint-disable RULE, RULE -->``,
``<!-- copylint-enable RULE -->``, ``<!-- copylint-disable-next-line RULE -->``,
``<!-- copylint-disable-line RULE -->`` (no RULE = all rules). ``line`` is the line
on which the comment ends.
"""

from __future__ import annotations

import bisect
import functools
import re

from .. import rx
from ..document import (
    Block,
    Directive,
    Document,
    LineIndex,
    may_hold_url,
    merge_ranges,
    url_ranges,
)
from ..regexcache import compile as compile_regex
from ..view import SEAMLESS, build_view
from .frontmatter import find_front_matter

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    import regex
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

DIRECTIVE = compile_regex(
    r"<!--\s*copylint-(?P<action>disable-next-line|disable-line|disable|enable)"
    r"(?![\w-])(?P<rules>.*?)-->",
    rx.S,
)

#: Vale's comment controls: ``vale off``, ``vale on``, ``vale Style.Rule = NO|YES``
VALE_DIRECTIVE = compile_regex(
    r"<!--\s*vale\s+(?P<body>off|on|[\w-]+(?:\.[\w-]+)?\s*=\s*(?:YES|NO)"
    r"(?:\s*,\s*[\w-]+(?:\.[\w-]+)?\s*=\s*(?:YES|NO))*)\s*-->",
    rx.S | rx.I,
)

#: the rule names of a directive: separated by spaces or commas
_RULES_SPLIT = compile_regex(r"[\s,]+")


def find_directives(src: str, start: int, end: int, index: LineIndex) -> list[Directive]:
    """copylint's and Vale's directives in the comment(s) in ``src[start:end]``."""
    out = []
    for m in DIRECTIVE.finditer(src, start, end):
        rules = tuple(r for r in _RULES_SPLIT.split(m.group("rules").strip()) if r)
        line, _ = index.position(m.end() - 1)
        out.append(Directive(m.group("action"), rules, line))
    for m in VALE_DIRECTIVE.finditer(src, start, end):
        line, _ = index.position(m.end() - 1)
        body = m.group("body").strip()
        if body.lower() in ("off", "on"):
            out.append(Directive("disable" if body.lower() == "off" else "enable", (), line))
            continue
        for part in body.split(","):
            name, value = (x.strip() for x in part.split("="))
            action = "disable" if value.upper() == "NO" else "enable"
            out.append(Directive(action, (name,), line))
    return out


_REC = "_copylint_recorder"
# what can start inline markup that leaves a mask: a backslash before anything, a code
# span, an autolink or inline HTML, an entity, a link or image with a destination or
# label, strikethrough; emphasis needs two delimiters (counted apart, see below)
_SPECIAL = compile_regex(
    r"\\[\s\S]|`|<[A-Za-z/!?]|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});"
    r"|\]\s*[(\[]|~~"
)
#: any character that can start inline markup (the test before the shortcuts)
#: an inline start or end tag of an element a browser renders with nothing in its
#: place (see parsers/html.py); left out of the prose view
_SEAMLESS_TAG = compile_regex(
    rf"</?(?:{'|'.join(sorted(SEAMLESS))})" r"(?:\s[^<>\n\r]*)?>",
    rx.I,
)
_ANY_MARKUP = compile_regex(r"[\\`*_~\[\]<&]")
_DELIMITER_RUN = compile_regex(r"\*+|_+")
#: what markdown-it counts as white space beside an emphasis delimiter (``isWhiteSpace``)
#: and what it trims from a paragraph (``mdTrim``: the same and U+2028, U+2029);
#: ``str.isspace`` also takes U+001C-U+001F and U+0085
_MD_WHITE = "\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_MD_SPACE = _MD_WHITE + "\u2028\u2029"


def _can_emphasise(content: str) -> bool:
    """Could two delimiter runs (``*`` or ``_``) pair up as emphasis? A run needs a
    non-space after it to open and a non-space before it to close; an underscore
    run inside a word (snake_case) does neither."""
    if content.count("*") < 2 and content.count("_") < 2:
        return False
    n = len(content)
    opened = False
    for m in _DELIMITER_RUN.finditer(content):
        s, e = m.span()
        before = content[s - 1] if s > 0 else " "
        after = content[e] if e < n else " "
        if content[s] == "_" and before.isalnum() and after.isalnum():
            continue
        if opened and before not in _MD_WHITE:
            return True  # a closer after an opener
        if after not in _MD_WHITE:
            opened = True
    return False


#: the characters that every alternative of ``_SPECIAL`` starts with
_SPECIAL_FIRST = "\\`<&]~"


def _plain_inline(content: str, env: dict) -> bool:
    """True when markdown-it's inline rules would record no mask in ``content``."""
    if any(c in content for c in _SPECIAL_FIRST) and _SPECIAL.search(content):
        return False
    if "[" in content and env.get("references"):
        return False  # a shortcut reference link: [label]
    return not _can_emphasise(content)


#: markdown-it's patterns for ``<...>`` (``common/html_re.py``'s ``HTML_TAG_RE``,
#: ``rules_inline/autolink.py``'s ``AUTOLINK_RE`` and ``EMAIL_RE``), copied so that a
#: draft whose only markup is inline HTML or an autolink needs no markdown-it;
#: ``test_docbuild`` checks that they are markdown-it's own
_ATTR_NAME = "[a-zA-Z_:][a-zA-Z0-9:._-]*"
_ATTR_VALUE = "(?:" + "[^\"'=<>`\\x00-\\x20]+" + "|" + "'[^']*'" + "|" + '"[^"]*"' + ")"
_ATTRIBUTE = "(?:\\s+" + _ATTR_NAME + "(?:\\s*=\\s*" + _ATTR_VALUE + ")?)"
HTML_TAG = (
    "(?:"
    + ("<[A-Za-z][A-Za-z0-9\\-]*" + _ATTRIBUTE + "*\\s*\\/?>")
    + "|"
    + "<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>"
    + "|"
    + "<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->"
    + "|"
    + "<[?][\\s\\S]*?[?]>"
    + "|"
    + "<![A-Za-z][^>]*>"
    + "|"
    + "<!\\[CDATA\\[[\\s\\S]*?\\]\\]>"
    + ")"
)
AUTOLINK = r"^([a-zA-Z][a-zA-Z0-9+.\-]{1,31}):([^<>\x00-\x20]*)$"
EMAIL = (
    r"^([a-zA-Z0-9.!#$%&\'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)$"
)


@functools.cache
def _angle_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """``HTML_TAG``, ``AUTOLINK`` and ``EMAIL`` compiled by the standard ``re``, as
    markdown-it compiles them (on the first ``<`` met)."""
    from ..regexcache import compile_re

    return compile_re(HTML_TAG), compile_re(AUTOLINK), compile_re(EMAIL)


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _light_inline(
    content: str, env: dict
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[str, int, int]]] | None:
    """What ``inline_masks`` records (masks, inline HTML, spans) for two kinds of
    content that ``_plain_inline`` leaves to markdown-it, worked out without it; None
    for anything else.

    - Its only markup starts at ``<`` (no other ``_SPECIAL`` match, no emphasis, no
      reference link): at each ``<``, markdown-it's ``autolink`` rule (the text up to
      the next ``<`` or ``>`` read by ``AUTOLINK`` or ``EMAIL``: masked), then its
      ``html_inline`` rule (a letter, ``!``, ``?`` or ``/`` next, ``HTML_TAG`` matched
      there: masked, kept as inline HTML, a seamless tag's span noted), else text.
    - One emphasis: no ``_SPECIAL`` match, no ``_``, and two ``*`` alone, the first
      before an ASCII letter or digit (it opens: left-flanking), the second after one
      (it closes: right-flanking), not side by side. markdown-it pairs them (their
      lengths, 1 and 1, do not meet the rule of three): both are masked and the text
      between is an ``emphasis`` span.
    """
    if "[" in content and env.get("references"):
        return None
    if "*" in content and "_" not in content and content.count("*") == 2 and "<" not in content:
        if any(c in content for c in _SPECIAL_FIRST) and _SPECIAL.search(content):
            return None
        i = content.find("*")
        j = content.find("*", i + 1)
        if (
            j > i + 1
            and i + 1 < len(content)
            and _ascii_word(content[i + 1])
            and _ascii_word(content[j - 1])
        ):
            return [(i, i + 1), (j, j + 1)], [], [("emphasis", i + 1, j)]
        return None
    if "<" not in content or _can_emphasise(content):
        return None
    for m in _SPECIAL.finditer(content):
        if content[m.start()] != "<":
            return None
    tag, autolink, email = _angle_patterns()
    masks: list[tuple[int, int]] = []
    html: list[tuple[int, int]] = []
    spans: list[tuple[str, int, int]] = []
    n = len(content)
    pos = content.find("<")
    while pos >= 0:
        close = pos + 1
        while close < n and content[close] not in "<>":
            close += 1
        if close < n and content[close] == ">":
            url = content[pos + 1 : close]
            if autolink.search(url) is not None or email.search(url) is not None:
                masks.append((pos, close + 1))
                pos = content.find("<", close + 1)
                continue
        ch = content[pos + 1] if pos + 1 < n else ""
        if pos + 2 < n and (ch in "!?/" or (ch.isascii() and ch.isalpha())):
            m = tag.match(content, pos)
            if m is not None:
                end = m.end()
                masks.append((pos, end))
                html.append((pos, end))
                if _SEAMLESS_TAG.fullmatch(content, pos, end):
                    spans.append(("tag", pos, end))
                pos = content.find("<", end)
                continue
        pos = content.find("<", pos + 1)
    return masks, html, spans


_QUOTE_PREFIX = compile_regex(r"[ \t]*(?:>[ \t]?)+")
# block quote marks and list markers in front of a table row that starts a list item
_CONTAINER_PREFIX = compile_regex(r"(?:[ \t]*(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+))+")


#: markdown-it's emphasis token names -> Vale's scope names
_EMPHASIS = {"strong": "strong", "em": "emphasis"}


class _Recorder:
    __slots__ = ("state", "masks", "delims", "html", "spans")

    def __init__(self) -> None:
        self.state: StateInline | None = None
        self.masks: list[tuple[int, int]] = []  # positions in the inline content
        self.delims: list[tuple[Token, int, int]] = []  # (token, start, length)
        self.html: list[tuple[int, int]] = []  # inline HTML (comments may be directives)
        #: Vale's inline scopes: (kind, start, end) of the text inside a code span,
        #: a link's label, an image's alt text, strong or emphasis
        self.spans: list[tuple[str, int, int]] = []


def _wrap(name: str, fn):
    def rule(state: StateInline, silent: bool) -> bool:
        rec = state.env.get(_REC) if not silent else None
        if rec is None or rec.state is not state:
            return fn(state, silent)
        start = state.pos
        ntok = len(state.tokens) + (1 if state.pending else 0)  # push() flushes pending
        ok = fn(state, silent)
        if not ok:
            return ok
        end = state.pos
        if name in ("backticks", "autolink", "html_inline", "entity"):
            rec.masks.append((start, end))
            if name == "backticks":
                ticks = len(state.src[start:end]) - len(state.src[start:end].lstrip("`"))
                rec.spans.append(("code", start + ticks, end - ticks))
            if name == "html_inline":
                rec.html.append((start, end))
                if _SEAMLESS_TAG.fullmatch(state.src, start, end):
                    rec.spans.append(("tag", start, end))
            elif name == "entity":
                rec.spans.append(("entity", start, end))
        elif name == "escape":
            rec.masks.append((start, start + 1))
        elif name in ("emphasis", "strikethrough"):
            pos = start
            for tok in state.tokens[ntok:]:
                n = len(tok.content)
                rec.delims.append((tok, pos, n))
                pos += n
        elif name in ("link", "image"):
            bracket = start if name == "link" else start + 1
            state.pos = start
            label_end = state.md.helpers.parseLinkLabel(state, bracket, name == "link")
            state.pos = end
            if bracket < label_end <= end:
                rec.spans.append(("link" if name == "link" else "alt", bracket + 1, label_end))
                rec.masks.append((start, bracket + 1))
                rec.masks.append((label_end, end))
            else:
                rec.masks.append((start, end))
        return ok

    return rule


@functools.cache
def _md() -> tuple[MarkdownIt, list]:
    """The configured markdown-it parser and its inline post-processing rules, made on
    first use (a draft of plain paragraphs never needs them)."""
    from .mdload import make_parser  # (imports markdown-it: see mdload.py)

    md = make_parser("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.disable("inline")  # core rule: we run the inline parser ourselves
    # nothing is rendered: keep every link destination as written (and masked)
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    for r in md.inline.ruler.__rules__:
        if r.name not in ("text", "newline", "linkify"):
            md.inline.ruler.at(r.name, _wrap(r.name, r.fn))
    # post-processing that pairs emphasis delimiters; fragments_join is left out
    # because it merges text tokens and would rewrite the delimiter tokens we look at
    post = [r.fn for r in md.inline.ruler2.__rules__ if r.enabled and r.name != "fragments_join"]
    return md, post


#: a line that may start something other than a paragraph (heading, quote, list,
#: thematic break, setext underline, fence, HTML, indented code, a table's delimiter
#: row: ``-``, or ``|`` or ``:`` and nothing but those, spaces and tabs, as GFM's
#: table rule wants it): text with none of these, and with
#: no reference definition (``_REFERENCE``), is plain paragraphs. An ordered list's
#: marker is followed by a space, a tab or the line's end ("8.6-inch" starts none)
_LINE_START = (
    r"(?:[ ]{0,3}(?:[#>\-*+=`~<_]|[|:][-|: \t]*(?![^\r\n])|\d{1,9}[.)](?![^ \t\r\n]))"
    r"|[ ]{4}|[ ]{0,3}\t)"
)
_NOT_PLAIN = compile_regex(rf"(?<![^\r\n]){_LINE_START}|\0")
#: the same at the text's start, and after a line feed (text without a CR: a search
#: for "\n" is a scan, a look-behind is tried at every character)
_NOT_PLAIN_FIRST = compile_regex(_LINE_START)
_NOT_PLAIN_AFTER_LF = compile_regex(rf"\n{_LINE_START}")
#: where a reference definition may start (``[label]: destination``: the label may
#: run over lines, but a ``]:`` must follow it somewhere)
_REFERENCE = compile_regex(r"(?<![^\r\n])[ ]{0,3}\[")


def _plain_paragraphs(text: str) -> bool:
    """Is ``text`` only paragraphs to markdown-it's block parser (see ``_NOT_PLAIN``)?"""
    if "\r" in text:
        if _NOT_PLAIN.search(text):
            return False
    elif (
        "\0" in text
        or _NOT_PLAIN_FIRST.match(text) is not None
        or _NOT_PLAIN_AFTER_LF.search(text) is not None
    ):
        return False
    return "]:" not in text or not _REFERENCE.search(text)


class _Builder:
    def __init__(self, source: str, shortcuts: bool = True):
        self.src = source
        #: take the plain-text shortcuts (same Document, without markdown-it's parsers)
        self.shortcuts = shortcuts
        self.index = LineIndex(source)
        self.prose: list[tuple[int, int]] = []  # source ranges that are prose
        self.inner_masks: list[tuple[int, int]] = []  # masks inside prose ranges
        self.blocks: list[Block] = []
        self.inline_spans: list[tuple[str, int, int]] = []
        #: (start, end, text) of entities and seamless inline tags (see view.py)
        self.replacements: list[tuple[int, int, str]] = []
        self.directives: list[Directive] = []
        self.env: dict = {}
        #: can a bare URL or e-mail address be masked anywhere (``url_ranges``)? Most
        #: drafts hold no "@", "://", "w." or "W.": one test of the source, not one
        #: a line (without shortcuts, every line is searched)
        self.urls = not shortcuts or may_hold_url(source)

    # -- lines -------------------------------------------------------------
    def bounds(self, line0: int) -> tuple[int, int]:
        return self.index.line_bounds(line0 + 1)

    def anchor(self, content: str, lines: range, tail_ok=None) -> list[tuple[int, int, int]]:
        """Map inline ``content`` (lines joined by \\n) to the source.

        Returns (content_pos, source_pos, length) segments; lines that do not
        check out are left out (so they stay masked).
        """
        segs: list[tuple[int, int, int]] = []
        parts = content.split("\n")
        if len(parts) != len(lines):
            return segs
        cpos = 0
        last = len(parts) - 1
        src = self.src
        starts = self.index.starts  # (``bounds`` inlined: ``LineIndex.line_bounds``)
        n_starts = len(starts)
        for i, (part, line0) in enumerate(zip(parts, lines, strict=True)):
            stripped = part.lstrip()
            lead = len(part) - len(stripped)
            ls = starts[line0]
            le = starts[line0 + 1] if line0 + 1 < n_starts else len(src)
            while le > ls and src[le - 1] in "\r\n":
                le -= 1
            if i == last:
                if tail_ok is not None:
                    le = tail_ok(ls, le)
                else:
                    while le > ls and src[le - 1] in _MD_SPACE:
                        le -= 1
            if stripped and src.endswith(stripped, ls, le):
                segs.append((cpos + lead, le - len(stripped), len(stripped)))
            cpos += len(part) + 1
        return segs

    # -- inline ------------------------------------------------------------
    def inline(self, content: str, segs, kind: str, level: int = 0, meta: str = "") -> None:
        if not segs:
            return
        html: list[tuple[int, int]] = []
        spans: list[tuple[str, int, int]] = []
        masks: list[tuple[int, int]]
        if self.shortcuts and _plain_inline(content, self.env):
            masks = []
        elif self.shortcuts and (light := _light_inline(content, self.env)) is not None:
            masks, html, spans = light
        elif self.shortcuts or _ANY_MARKUP.search(content):
            masks = self.inline_masks(content, html, spans)
        else:
            masks = []
        if masks or spans or html:
            mine = self.inline_marks(content, segs, masks, html, spans)
        else:  # (plain prose: nothing to map back)
            mine = []
        for _c, s, n in segs:
            self.prose.append((s, s + n))
            if self.urls:
                mine.extend(url_ranges(self.src, s, s + n))
        self.inner_masks.extend(mine)
        start, end = self.trim(segs[0][1], segs[-1][1] + segs[-1][2], merge_ranges(mine))
        if end > start:
            self.blocks.append(Block(kind, start, end, level, meta))

    def inline_marks(
        self,
        content: str,
        segs: list[tuple[int, int, int]],
        masks: list[tuple[int, int]],
        html: list[tuple[int, int]],
        spans: list[tuple[str, int, int]],
    ) -> list[tuple[int, int]]:
        """``inline``'s masks, spans, view replacements and directives of ``content``
        mapped to the source; returns the masks."""
        starts = [c for c, _, _ in segs]

        def to_src(cp: int, is_end: bool) -> int:
            i = bisect.bisect_right(starts, cp - 1 if is_end else cp) - 1
            i = max(i, 0)
            c, s, n = segs[i]
            return s + max(0, min(cp - c, n))

        mine = [(to_src(s, False), to_src(e, True)) for s, e in masks if e > s]
        for k, s, e in spans:
            if e <= s:
                continue
            ss, se = to_src(s, False), to_src(e, True)
            if k == "entity" or k == "tag":
                if se - ss == e - s and self.src[ss:se] == content[s:e]:
                    if k == "tag":
                        text = ""
                    else:  # (``html`` imported here: most drafts have no entity)
                        from html import unescape as html_unescape

                        text = html_unescape(content[s:e])
                    if text != content[s:e]:
                        self.replacements.append((ss, se, text))
            else:
                self.inline_spans.append((k, ss, se))
        for s, e in html:  # only real inline HTML comments can be directives
            self.directives_in(to_src(s, False), to_src(e, True))
        return mine

    def trim(self, start: int, end: int, masks: list[tuple[int, int]]) -> tuple[int, int]:
        """Shrink a block span so it starts and ends on prose, not on masked markup."""
        src = self.src
        moved = True
        while moved and start < end:
            moved = False
            for s, e in masks:
                if s <= start < e:
                    start, moved = e, True
            while start < end and src[start].isspace():
                start, moved = start + 1, True
        moved = True
        while moved and end > start:
            moved = False
            for s, e in masks:
                if s < end <= e:
                    end, moved = s, True
            while end > start and src[end - 1].isspace():
                end, moved = end - 1, True
        return start, end

    def inline_masks(
        self, content: str, html: list, spans: list | None = None
    ) -> list[tuple[int, int]]:
        """Positions (in ``content``) of inline markup, from markdown-it's own rules;
        ``spans`` gets the inline elements Vale's scopes name (see ``_Recorder``)."""
        spans = [] if spans is None else spans
        md, post_rules = _md()  # (first: it imports markdown-it)
        from markdown_it.rules_inline import StateInline

        rec = _Recorder()
        env = self.env
        env[_REC] = rec
        state = StateInline(content, md, env, [])
        rec.state = state
        try:
            md.inline.tokenize(state)
            for rule in post_rules:
                rule(state)
        finally:
            env.pop(_REC, None)
        masks = rec.masks
        html.extend(rec.html)
        opened: dict[str, list[int]] = {}
        for tok, pos, n in rec.delims:
            # matched delimiters become *_open/*_close; the inner half of a
            # strong pair stays a "text" token whose content is emptied
            if tok.type != "text" or tok.content == "":
                masks.append((pos, pos + n))
            kind = _EMPHASIS.get(tok.type.rsplit("_", 1)[0])
            if kind and tok.type.endswith("_open"):
                opened.setdefault(kind, []).append(pos + n)
            elif kind and tok.type.endswith("_close") and opened.get(kind):
                rec.spans.append((kind, opened[kind].pop(), pos))
        spans.extend(rec.spans)
        return masks

    # -- directives --------------------------------------------------------
    def directives_in(self, start: int, end: int) -> None:
        self.directives.extend(find_directives(self.src, start, end, self.index))

    # -- blocks ------------------------------------------------------------
    def line_span(self, m: list[int]) -> tuple[int, int]:
        s, _ = self.bounds(m[0])
        _, e = self.bounds(max(m[0], m[1] - 1))
        return s, e

    def run_plain(self, body_src: str) -> None:
        """Paragraphs split at blank lines: what markdown-it makes of text in which
        ``_plain_paragraphs`` holds plain, without its block parser.

        ``body_src`` has the same lines as the source (front matter blanked to empty
        lines), not the same offsets.
        """
        if "\r" in body_src:
            index = self.index if body_src is self.src else LineIndex(body_src)
            lines = [body_src[s:e] for s, e in map(index.line_bounds, range(1, len(index) + 1))]
        else:  # (line feeds only: the same lines)
            lines = body_src.split("\n")
        first = None
        for line0, text in enumerate([*lines, ""]):
            blank = not text.strip(" \t")
            if not blank and first is None:
                first = line0
            elif blank and first is not None:
                content = "\n".join(lines[first:line0]).strip(_MD_SPACE)
                self.inline(content, self.anchor(content, range(first, line0)), "paragraph", 0)
                first = None

    def run(self, body_src: str) -> None:
        if self.shortcuts and _plain_paragraphs(body_src):
            self.run_plain(body_src)
            return
        tokens = _md()[0].parse(body_src, self.env)
        stack: list[str] = []  # container token types
        heading = None
        i = 0
        n = len(tokens)
        while i < n:
            t = tokens[i]
            tt = t.type
            if tt in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
                stack.append(tt)
            elif tt in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
                stack.pop()
            elif tt == "heading_open":
                heading = t
            elif tt == "heading_close":
                heading = None
            elif tt in ("fence", "code_block") and t.map:
                s, e = self.line_span(t.map)
                self.blocks.append(Block("code", s, e, 0, t.info.strip().split(" ")[0]))
            elif tt == "html_block" and t.map:
                s, e = self.line_span(t.map)
                self.blocks.append(Block("html", s, e))
                self.directives_in(s, e)
            elif tt == "table_open":
                i = self.table(tokens, i)
                continue
            elif tt == "inline" and t.map:
                if heading is not None:
                    self.heading(t, heading)
                else:
                    kind, level = "paragraph", 0
                    if "blockquote_open" in stack:
                        kind = "blockquote"
                    elif stack:
                        kind = "list"
                        level = sum(1 for x in stack if x != "blockquote_open")
                    segs = self.anchor(t.content, range(t.map[0], t.map[1]))
                    self.inline(t.content, segs, kind, level)
            i += 1

    def heading(self, t, h) -> None:
        level = int(h.tag[1])
        if h.markup in ("=", "-"):  # setext: the inline map leaves out the underline
            segs = self.anchor(t.content, range(t.map[0], t.map[1]))
        else:
            segs = self.anchor(t.content, range(t.map[0], t.map[1]), self.atx_tail)
        self.inline(t.content, segs, "heading", level)

    def atx_tail(self, ls: int, le: int) -> int:
        """End of an ATX heading's text: drop the closing ``#`` run and white space."""
        src = self.src
        while le > ls and src[le - 1] in " \t":
            le -= 1
        e = le
        while e > ls and src[e - 1] == "#":
            e -= 1
        if e < le and e > ls and src[e - 1] in " \t":
            le = e
            while le > ls and src[le - 1] in " \t":
                le -= 1
        return le

    def table(self, tokens, i: int) -> int:
        n = len(tokens)
        cells: list = []
        row_line = None
        header = True
        while i < n and tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "tr_open":
                row_line = t.map[0] if t.map else None
                cells = []
            elif t.type == "tbody_open":
                header = False
            elif t.type == "inline":
                cells.append(t)
            elif t.type == "tr_close" and row_line is not None:
                self.row(row_line, cells, "th" if header else "td")
            i += 1
        return i + 1

    def row(self, line0: int, cells, meta: str) -> None:
        """One table row: split the source line on unescaped pipes (as markdown-it
        does) and keep each cell whose text equals markdown-it's cell content."""
        ls, le = self.bounds(line0)
        starts = [ls]
        for prefix in (_QUOTE_PREFIX, _CONTAINER_PREFIX):
            m = prefix.match(self.src, ls, le)
            if m and m.end() > ls and m.end() not in starts:
                starts.append(m.end())
        best: list[tuple[int, int]] = []
        for start in starts:
            good = self.split_row(start, le, cells)
            if len(good) > len(best):
                best = good
            if len(good) == len(cells):
                break
        for s, e in best:
            self.inline(self.src[s:e], [(0, s, e - s)], "table", 0, meta)

    def split_row(self, ls: int, le: int, cells) -> list[tuple[int, int]]:
        src = self.src
        while ls < le and src[ls] in " \t":
            ls += 1
        while le > ls and src[le - 1] in " \t":
            le -= 1
        spans = []
        pos = ls
        escaped = False
        for k in range(ls, le):
            ch = src[k]
            if ch == "|" and not escaped:
                spans.append((pos, k))
                pos = k + 1
            escaped = ch == "\\"
        spans.append((pos, le))
        if spans and spans[0][0] == spans[0][1]:
            spans.pop(0)
        if spans and spans[-1][0] == spans[-1][1]:
            spans.pop()
        good = []
        for tok, (s, e) in zip(cells, spans, strict=False):
            while s < e and src[s].isspace():
                s += 1
            while e > s and src[e - 1].isspace():
                e -= 1
            if e > s and src[s:e].replace("\\|", "|") == tok.content:
                good.append((s, e))
        return good


def parse_markdown(source: str, path: str = "<markdown>", shortcuts: bool = True) -> Document:
    """Parse Markdown. ``shortcuts=False`` runs markdown-it on everything (the tests
    check that both ways give the same Document)."""
    b = _Builder(source, shortcuts)
    body = source
    fm = find_front_matter(source)
    if fm is not None:
        for blk in fm.blocks:
            b.prose.append((blk.start, blk.end))
            b.blocks.append(blk)
            b.inner_masks.extend(url_ranges(source, blk.start, blk.end))
        b.inner_masks.extend(fm.escapes)
        # keep line numbers: blank the front matter (newlines kept) for markdown-it
        body = _blank(source[: fm.end]) + source[fm.end :]
    if path.lower().endswith(".mdx"):
        body = _blank_mdx(body)
    b.run(body)
    masks = _complement(b.prose, len(source)) + b.inner_masks
    blocks = sorted(b.blocks, key=lambda x: (x.start, x.end))
    doc = Document(
        path=path,
        source=source,
        format="markdown",
        mask_ranges=masks,
        blocks=blocks,
        directives=sorted(b.directives, key=lambda d: d.line),
        inline=sorted(b.inline_spans, key=lambda x: (x[1], x[2])),
    )
    doc.lines = b.index  # the source's line index, made once
    build_view(doc, sorted(b.replacements))
    return doc


#: an MDX block that is not Markdown: ESM (import/export) or a {expression}, up to a blank line
_MDX_BLOCK = compile_regex(
    r"(?m)(?:\A|(?<=\n[ \t]*\r?\n))(?:(?:import|export)\b|\{)[^\n]*(?:\n(?![ \t]*\r?$)[^\n]*)*"
)


def _blank_mdx(body: str) -> str:
    """Blank MDX's ESM blocks and expression blocks (newlines kept) before markdown-it."""

    def blank(m: regex.Match) -> str:
        text = m.group()
        if text.endswith("\r") and body.startswith("\n", m.end()):
            text = text[:-1]  # the CR of a CRLF that ends the block: the LF stays
        return _blank(text)

    return _MDX_BLOCK.sub(blank, body)


_LINE_BREAK = compile_regex(r"\r\n|\r|\n")


def _blank(text: str) -> str:
    """As many line breaks as ``text`` has, and nothing else. (Deleting all but the
    line break characters would join a lone CR and a later LF into one CRLF.)"""
    return "\n" * len(_LINE_BREAK.findall(text))


def _complement(ranges: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for s, e in sorted(ranges):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < length:
        out.append((pos, length))
    return out
