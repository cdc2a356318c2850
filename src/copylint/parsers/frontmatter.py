"""Front matter at the very start of a Markdown file: YAML (``---``) or TOML (``+++``).

Everything inside the front matter is masked except the values of prose keys
(``PROSE_KEYS``). Those become blocks spanning exactly the value text (quotes and
block-scalar headers excluded):

- the top-level ``title`` and ``headline`` values are ``Block("heading", level=1,
  meta="frontmatter:title")`` (or ``"frontmatter:headline"``), so heading rules
  see them;
- every other prose value is ``Block("frontmatter", meta=<key>)`` (the leaf key,
  also for nested mappings such as ``image: {alt: ...}``).

A front matter block that does not parse, or is longer than ``MAX_FRONT_MATTER``, is
masked entirely. A ``---`` block whose
YAML is a bare scalar (plain prose between two rules) is not front matter.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import rx
from ..document import Block
from ..regexcache import compile as compile_regex

_LINE_END = compile_regex(r"\r\n|\r|\n")
#: an escape in a double-quoted YAML string, and in a basic TOML string
_YAML_ESCAPE = compile_regex(r"\\(?:x\h{2}|u\h{4}|U\h{8}|.)", rx.S)
_TOML_ESCAPE = compile_regex(r"\\(?:u\h{4}|U\h{8}|.)", rx.S)

PROSE_KEYS = frozenset(
    "title subtitle description summary excerpt dek headline caption alt standfirst "
    "teaser lede deck".split()
)
HEADING_KEYS = frozenset(("title", "headline"))

_OPEN = compile_regex(r"\A(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_LINE = compile_regex(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_STR_TAG = "tag:yaml.org,2002:str"
#: front matter longer than this (in characters) is masked whole, not parsed: real
#: front matter is a few lines, and parsing megabytes of YAML takes minutes
MAX_FRONT_MATTER = 200_000


@dataclass
class FrontMatter:
    """A draft's front matter: its range, kind and prose blocks."""

    start: int  # 0
    end: int  # end of the closing fence line (line ending included)
    kind: str  # yaml | toml
    blocks: list[Block]
    escapes: list[tuple[int, int]]  # backslash escapes inside prose values, to mask


def find_front_matter(source: str) -> FrontMatter | None:
    m = _OPEN.match(source)
    if not m:
        return None
    fence = m.group(1)
    closers = ("---", "...") if fence == "---" else ("+++",)
    body_start = pos = m.end()
    while pos < len(source):
        lm = _LINE.match(source, pos)
        line = lm.group().rstrip("\r\n")
        if line.rstrip(" \t") in closers:
            body_end = pos
            fm = FrontMatter(0, lm.end(), "yaml" if fence == "---" else "toml", [], [])
            body = source[body_start:body_end]
            if len(body) > MAX_FRONT_MATTER:
                return fm
            import tomllib  # only a draft with front matter needs the parsers

            import yaml

            try:
                if fm.kind == "yaml":
                    _yaml_values(body, body_start, fm)
                else:
                    _toml_values(body, body_start, fm)
            except _NotFrontMatter:
                return None
            except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
                fm.blocks, fm.escapes = [], []
            # a YAML alias points at its anchor's node: keep each span once
            unique = {(b.start, b.end): b for b in reversed(fm.blocks)}
            fm.blocks = [b for b in fm.blocks if unique.get((b.start, b.end)) is b]
            return fm
        if lm.end() == pos:
            break
        pos = lm.end()
    return None


def _block(key: str, start: int, end: int, top: bool) -> Block:
    if top and key.lower() in HEADING_KEYS:
        return Block("heading", start, end, 1, "frontmatter:" + key.lower())
    return Block("frontmatter", start, end, 0, key)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --------------------------------------------------------------------------- YAML


class _NotFrontMatter(Exception):
    pass


def _yaml_values(body: str, base: int, fm: FrontMatter) -> None:
    import yaml

    if not body.strip():
        return
    node = yaml.compose(body, Loader=yaml.SafeLoader)
    if isinstance(node, yaml.ScalarNode):
        # "---", a paragraph, "---": a thematic break and a setext heading, not metadata
        raise _NotFrontMatter
    if node is not None:
        _yaml_walk(node, body, base, fm, top=True, seen=set())


def _yaml_walk(node, body: str, base: int, fm: FrontMatter, top: bool, seen: set[int]) -> None:
    """Collect the prose values under ``node``. A node reached again through an alias
    is walked once (``seen``): its spans are already in, and nine levels of
    ``&a [*a, *a, ...]`` would otherwise take billions of steps."""
    import yaml

    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else ""
            if isinstance(key, str) and key.lower() in PROSE_KEYS:
                items = v.value if isinstance(v, yaml.SequenceNode) else [v]
                for item in items:
                    if isinstance(item, yaml.ScalarNode) and item.tag == _STR_TAG:
                        _yaml_scalar(item, key, body, base, fm, top)
                    elif isinstance(item, (yaml.MappingNode, yaml.SequenceNode)):
                        _yaml_walk(item, body, base, fm, False, seen)
            elif isinstance(v, (yaml.MappingNode, yaml.SequenceNode)):
                _yaml_walk(v, body, base, fm, False, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _yaml_walk(item, body, base, fm, False, seen)


def _yaml_scalar(node, key: str, body: str, base: int, fm: FrontMatter, top: bool) -> None:
    s, e = node.start_mark.index, node.end_mark.index
    style = node.style
    # the node's start mark includes a leading anchor (&name) or tag (!tag)
    while s < e and body[s] in "&!":
        while s < e and not body[s].isspace():
            s += 1
        while s < e and body[s] in " \t":
            s += 1
    if style in ('"', "'"):
        s, e = s + 1, e - 1
    elif style in ("|", ">"):
        nl = _LINE_END.search(body, s, e)
        if nl is None:
            return
        s = nl.end()
    s, e = _trim(body, s, e)
    if e <= s:
        return
    fm.blocks.append(_block(key, base + s, base + e, top))
    if style == '"':
        for m in _YAML_ESCAPE.finditer(body[s:e]):
            fm.escapes.append((base + s + m.start(), base + s + m.end()))


# --------------------------------------------------------------------------- TOML

_TOML_KEY = compile_regex(
    r"""[ \t]*(?P<key>(?:[A-Za-z0-9_-]+|"[^"\r\n]*"|'[^'\r\n]*')"""
    r"""(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\r\n]*"|'[^'\r\n]*'))*)[ \t]*=[ \t]*"""
)
_TOML_TABLE = compile_regex(r"[ \t]*\[")
_TOML_KEY_PART = compile_regex(r"""[A-Za-z0-9_-]+|"[^"\r\n]*"|'[^'\r\n]*'""")


def _toml_values(body: str, base: int, fm: FrontMatter) -> None:
    import tomllib

    tomllib.loads(body.replace("\r\n", "\n"))  # validate; raises on broken TOML
    top = True
    pos = 0
    n = len(body)
    while pos < n:
        lm = _LINE.match(body, pos)
        line_end = lm.end()
        if line_end == pos:
            break
        km = _TOML_KEY.match(body, pos)
        if km is None:
            if _TOML_TABLE.match(body, pos):
                top = False
            pos = line_end
            continue
        parts = _TOML_KEY_PART.findall(km.group("key"))
        key = parts[-1].strip("\"'") if parts else ""
        v = km.end()
        prose = key.lower() in PROSE_KEYS
        here_top = top and len(parts) == 1  # a dotted key is nested
        for delim in ('"""', "'''"):
            if body.startswith(delim, v):
                close = _find_close(body, v + 3, delim)
                if close < 0:
                    raise ValueError("unclosed string")
                if prose:
                    _toml_span(body, base, fm, key, v + 3, close, here_top, delim == '"""')
                pos = _LINE.match(body, close).end()
                break
        else:
            if prose and v < n and body[v] in "\"'":
                q = body[v]
                close = _find_close(body, v + 1, q, line_end)
                if close >= 0:
                    _toml_span(body, base, fm, key, v + 1, close, here_top, q == '"')
            pos = line_end
    return None


def _find_close(body: str, pos: int, delim: str, end: int | None = None) -> int:
    end = len(body) if end is None else end
    i = pos
    escapes = delim.startswith('"')
    while i < end:
        if escapes and body[i] == "\\":
            i += 2
            continue
        if body.startswith(delim, i):
            # a multi-line string may end with up to two extra quotes before the closer
            j = i
            while body.startswith(delim, j + 1) and len(delim) == 3 and j - i < 2:
                j += 1
            return j
        i += 1
    return -1


def _toml_span(body, base, fm, key, s, e, top, basic) -> None:
    s, e = _trim(body, s, e)
    if e <= s:
        return
    fm.blocks.append(_block(key, base + s, base + e, top))
    if basic:
        for m in _TOML_ESCAPE.finditer(body[s:e]):
            fm.escapes.append((base + s + m.start(), base + s + m.end()))
