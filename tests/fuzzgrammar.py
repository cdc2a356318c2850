"""Hypothesis strategies that build plain text, Markdown and HTML drafts from small
grammars (tests/test_fuzz.py uses them).

Random characters alone rarely reach a parser's corners; these grammars put the
awkward pieces where parsers look for them: front matter at the top, fences and
tables at the start of a line, entities and tags inside words. Every piece is our
own invented copy.
"""

from __future__ import annotations

from hypothesis import strategies as st

# --------------------------------------------------------------------------- words

WORDS = (
    "the council said it would review the plan on Tuesday and report back "
    "residents were told that 3 roads would close for 12 days "
    "Mayor Oyelaran-Fisk visited Wexcombe hospital in March "
    "hospitel goverment recieve teh definately occured seperate "
    "their there its it's could of alot "
    "e-mail web site 5 percent 10% 1990s 9 a.m. ten o'clock "
    "very unique at this point in time "
    "Sign up for our newsletter Read more Advertisement Share this story "
    "Follow us on Twitter Click here to subscribe "
    "café naïve coöperate Zoë façade"
).split()

ODD = [
    "e\u0301",  # e + combining acute
    "a\u0308\u0323",  # two combining marks
    "\u0301",  # a combining mark with nothing before it
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200d",  # zero-width joiner
    "\u200b",  # zero-width space
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",  # family emoji sequence
    "\U0001f1ec\U0001f1e7",  # flag
    "\U0001f44d\U0001f3fd",  # skin tone
    "\u0000",  # NUL
    "\f",  # form feed
    "\v",
    "\x85",  # next line
    "\u2028",  # line separator
    "\ufeff",  # a BOM in the middle
    "\t",
    "\u00a0",  # no-break space
    "\u2019",
    "\u201c",
    "\u201d",
    "\u2014",
    "\u2013",
    "...",
    "\u2026",
    "'",
    '"',
    "--",
    "  ",
    "\ud7ff",
    "\U0010fffd",
    "ǅ",
    "ﬁ",
    "İ",
    "ß",
]

PUNCT = [".", ",", ";", ":", "!", "?", " -", "(", ")", "[", "]", "*", "_", "`", "#", "&", "<", ">"]


@st.composite
def word(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 5:
        return draw(st.sampled_from(WORDS))
    if kind == 6:
        return draw(st.sampled_from(ODD))
    if kind == 7:
        # a word with an odd piece inside it
        w = draw(st.sampled_from(WORDS))
        i = draw(st.integers(0, len(w)))
        return w[:i] + draw(st.sampled_from(ODD)) + w[i:]
    if kind == 8:
        return draw(st.text(min_size=1, max_size=6))
    return draw(st.sampled_from(PUNCT))


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(word(), min_size=1, max_size=14))
    seps = [draw(st.sampled_from([" ", " ", " ", "", "  ", "\u00a0"])) for _ in words]
    body = "".join(w + s for w, s in zip(words, seps, strict=True)).strip(" ")
    return body + draw(st.sampled_from([".", ".", "!", "?", "", ":", "\u2026"]))


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))


def join_lines(draw, lines: list[str]) -> str:
    """Lines joined by one kind of line end, or by a mix of them."""
    mode = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if mode != "mixed":
        return mode.join(lines)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i < len(lines) - 1:
            out.append(draw(st.sampled_from(["\n", "\r\n", "\r", "\n\r"])))
    return "".join(out)


@st.composite
def finish(draw, lines: list[str]) -> str:
    """Join lines, perhaps end with a line break, perhaps start with a BOM."""
    text = join_lines(draw, lines)
    if draw(st.booleans()):
        text += draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    if draw(st.integers(0, 7)) == 0:
        text = "\ufeff" + text
    return text


# --------------------------------------------------------------------------- plain text


@st.composite
def plain_text(draw) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.integers(0, 6))
        if kind == 0:
            lines.append("")
        elif kind == 1:
            lines.append(draw(sentence()).upper())  # a headline or a shouted line
        elif kind == 2:
            lines.append("copylint: ignore " + draw(st.sampled_from(["spelling", "house", "x.Y"])))
        else:
            lines.append(draw(paragraph()))
    return draw(finish(lines))


# --------------------------------------------------------------------------- Markdown

FRONT_MATTER = [
    "---\ntitle: A plan for the bridge\nauthor: Zoë Hart\ntags: [roads, council]\n---",
    "---\ntitle: [unclosed\n---",  # broken YAML
    "---\ntitle: no end of front matter",  # unterminated
    "---\n---",
    "---\n: : :\n\t- x\n---",
    "---\ntitle: &a hello\nsub: *a\n---",
    '+++\ntitle = "Bridge"\n+++',
    '+++\ntitle = "unterminated',
    "---\nsummary: Teh council met.\ndescription: >\n  Folded text with a typo, recieve.\n---",
]


@st.composite
def md_inline(draw) -> str:
    words = draw(st.lists(word(), min_size=1, max_size=8))
    out = []
    for w in words:
        kind = draw(st.integers(0, 12))
        if kind == 0:
            out.append(f"*{w}*")
        elif kind == 1:
            out.append(f"**{w}")  # unclosed emphasis
        elif kind == 2:
            out.append(f"`{w}`")
        elif kind == 3:
            out.append(f"[{w}](https://example.com/{w})")
        elif kind == 4:
            out.append(f"[{w}][ref{draw(st.integers(0, 3))}]")
        elif kind == 5:
            out.append(f"<b>{w}</b>")
        elif kind == 6:
            out.append(f"![{w}](img.png")  # unclosed image
        elif kind == 7:
            out.append(draw(st.sampled_from(["&nbsp;", "&mdash;", "&#8217;", "&bogus;", "&amp"])))
        elif kind == 8:
            out.append(f"<https://example.com/{w}>")
        else:
            out.append(w)
    return " ".join(out)


@st.composite
def md_block(draw, depth: int = 0) -> str:
    kind = draw(st.integers(0, 14 if depth < 3 else 9))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + " " + draw(md_inline())
    if kind == 1:
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        body = draw(paragraph())
        closed = draw(st.booleans())
        return f"{fence}python\n{body}" + (f"\n{fence}" if closed else "")
    if kind == 2:
        cols = draw(st.integers(1, 4))
        rows = [
            "| " + " | ".join(draw(md_inline()) for _ in range(cols)) + " |"
            for _ in range(draw(st.integers(1, 3)))
        ]
        sep = "|" + "---|" * draw(st.integers(1, 5))  # may not match the columns
        return "\n".join([rows[0], sep, *rows[1:]])
    if kind == 3:
        n = draw(st.integers(0, 3))
        return f"[ref{n}]: https://example.com/{n} " + draw(st.sampled_from(['"Title"', "", "'x"]))
    if kind == 4:
        tag = draw(st.sampled_from(["div", "section", "p", "table", "script", "style", "pre"]))
        body = draw(md_inline())
        closed = draw(st.booleans())
        return f"<{tag}>\n{body}\n" + (f"</{tag}>" if closed else "")
    if kind == 5:
        return "<!-- " + draw(md_inline()) + draw(st.sampled_from([" -->", ""]))
    if kind == 6:
        return "    " + draw(paragraph())  # indented code
    if kind == 7:
        return draw(st.sampled_from(["---", "***", "___", "* * *", "===", "- - -"]))
    if kind == 8:
        return draw(paragraph()) + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == 9:
        return draw(md_inline())
    if kind in (10, 11):
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "2) ", "- [ ] "]))
        items = draw(st.lists(md_block(depth + 1), min_size=1, max_size=3))
        pad = " " * len(marker)
        return "\n".join(
            marker + item.replace("\n", "\n" + pad) for item in items
        )  # nested blocks inside list items
    inner = draw(md_block(depth + 1))
    return "> " + inner.replace("\n", "\n> ")


@st.composite
def markdown(draw) -> str:
    parts: list[str] = []
    if draw(st.integers(0, 2)) == 0:
        parts.append(draw(st.sampled_from(FRONT_MATTER)))
    parts.extend(draw(st.lists(md_block(), min_size=0, max_size=7)))
    sep = draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))
    return draw(finish(sep.join(parts).split("\n")))


# --------------------------------------------------------------------------- HTML

TAGS = ["p", "div", "span", "b", "i", "em", "a", "li", "ul", "h1", "h2", "td", "tr", "table"]
ENTITIES = [
    "&nbsp;",
    "&mdash;",
    "&ndash;",
    "&ldquo;",
    "&rdquo;",
    "&lsquo;",
    "&rsquo;",
    "&hellip;",
    "&#8217;",
    "&#x201C;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&#99999999999;",
    "&amp;",
    "&amp",
    "&bogus;",
    "&",
    "&#;",
    "&#x;",
]


@st.composite
def html_node(draw, depth: int = 0) -> str:
    kind = draw(st.integers(0, 12 if depth < 4 else 4))
    if kind <= 1:
        return draw(sentence())
    if kind == 2:
        return draw(st.sampled_from(ENTITIES))
    if kind == 3:
        # a word split by inline markup
        w = draw(st.sampled_from(WORDS))
        i = draw(st.integers(0, len(w)))
        tag = draw(st.sampled_from(["b", "i", "span", "em"]))
        return f"<{tag}>{w[:i]}</{tag}>{w[i:]}"
    if kind == 4:
        return draw(st.sampled_from(["<br>", "<br/>", "<hr>", "<img src=x alt='teh'>", "</p>"]))
    if kind == 5:
        return "<!-- " + draw(sentence()) + draw(st.sampled_from([" -->", "", " --!>"]))
    if kind == 6:
        return "<![CDATA[" + draw(sentence()) + draw(st.sampled_from(["]]>", ""]))
    if kind == 7:
        tag = draw(st.sampled_from(["script", "style", "textarea", "title"]))
        body = draw(st.sampled_from(["var x = '<p>teh</p>';", "p { color: red }", "</scr", ""]))
        return f"<{tag}>{body}" + draw(st.sampled_from([f"</{tag}>", ""]))
    if kind == 8:
        return draw(st.sampled_from(["<!DOCTYPE html>", "<?xml version='1.0'?>", "<x ", "<", "</"]))
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.sampled_from(["", ' class="x"', " title='teh story'", " href=a>b", ' x="']))
    children = draw(st.lists(html_node(depth + 1), min_size=0, max_size=4))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</other>"]))
    return f"<{tag}{attrs}>" + "".join(children) + close


@st.composite
def html(draw) -> str:
    nodes = draw(st.lists(html_node(), min_size=0, max_size=8))
    lines = []
    for n in nodes:
        lines.extend(n.split("\n"))
    if draw(st.booleans()):
        lines = ["<html><body>", *lines, "</body></html>"]
    return draw(finish(lines))


# --------------------------------------------------------------------------- any draft


@st.composite
def draft(draw) -> tuple[str, str]:
    """(text, file name): mostly the grammar of the file's format, sometimes another
    format's text under this name."""
    grammar = draw(st.sampled_from(["text", "markdown", "html"]))
    text = draw({"text": plain_text(), "markdown": markdown(), "html": html()}[grammar])
    if draw(st.integers(0, 4)) == 0:
        grammar = draw(st.sampled_from(["text", "markdown", "html"]))
    name = {"text": "story.txt", "markdown": "story.md", "html": "story.html"}[grammar]
    return text, name
