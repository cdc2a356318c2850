"""metric: a readability-style formula over counts in each region of the scope."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator

from ... import rx
from ...document import split_sentences
from ...regexcache import compile as compile_regex
from ..model import Hit, Rule
from ._common import RunBound, most_by_length, region_texts, run_bound

#: (``typing`` is not imported at run time; the type checker takes this as true)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

_WORD = compile_regex(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
#: at most how many words a span holds (see ``RunBound``)
_WORD_BOUND = run_bound(_WORD.pattern, 0, compile_regex)
_VOWELS = compile_regex(r"[aeiouy]+", rx.I)
#: the operators a formula is evaluated with, by the name of their ``ast`` class (a
#: formula is kept as nested tuples, not ``ast`` nodes: see ``_compile``)
_OPS: dict[str, Any] = {
    "Add": operator.add,
    "Sub": operator.sub,
    "Mult": operator.mul,
    "Div": operator.truediv,
    "Pow": operator.pow,
    "USub": operator.neg,
}
_COND = compile_regex(r"^\s*(<=|>=|==|!=|<|>)\s*(-?[\d.]+)\s*$")
_CMP = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _complex(word: str) -> bool:
    """Gunning Fog's complex word: three syllables or more, not a name, not hyphenated,
    and not three syllables only by an -es, -ed or -ing ending."""
    if word[:1].isupper() or "-" in word or syllables(word) < 3:
        return False
    low = word.lower()
    for suffix in ("es", "ed", "ing"):
        if low.endswith(suffix) and syllables(low[: -len(suffix)]) < 3:
            return False
    return True


_COUNTERS = {
    "words": lambda words, text, s, e: len(words),
    "sentences": lambda words, text, s, e: max(1, len(split_sentences(text, s, e))),
    "characters": lambda words, text, s, e: sum(len(w) for w in words),
    "syllables": lambda words, text, s, e: sum(syllables(w) for w in words),
    "paragraphs": lambda words, text, s, e: 1,
    "long_words": lambda words, text, s, e: sum(1 for w in words if len(w) > 6),
    "complex_words": lambda words, text, s, e: sum(1 for w in words if syllables(w) >= 3),
    "polysyllabic_words": lambda words, text, s, e: sum(1 for w in words if syllables(w) >= 3),
}
#: Vale's block counts (a formula may use them; 0 when the document has none)
_BLOCK_VARIABLES = (
    "pre",
    "list",
    "blockquote",
    *(f"heading_h{n}" for n in range(1, 7)),
)
#: functions of Tengo's math module a Vale formula may call
_MATH: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "pow": math.pow,
    "abs": abs,
    "log": math.log,
    "log10": math.log10,
}


#: the variables a formula may use
VARIABLES = tuple(_COUNTERS) + _BLOCK_VARIABLES


def syllables(word: str) -> int:
    word = word.lower()
    n = len(_VOWELS.findall(word))
    if word.endswith("e") and n > 1 and not word.endswith("le"):
        n -= 1
    return max(1, n)


class MetricRule(Rule):
    type_name = "metric"
    keys = frozenset({"formula", "condition"})
    required = ("formula", "condition")

    def configure(self, spec: dict[str, Any]) -> None:
        import ast  # (only to read the formula: a rule set read back needs no ``ast``)

        formula = rx.sub(r"heading\.(h[1-6])", r"heading_\1", str(spec["formula"]))
        try:
            tree = ast.parse(formula.strip(), mode="eval")
        except SyntaxError as exc:
            self.error(f"bad formula: {exc.msg}", "formula")
        calls = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                if not (
                    isinstance(f, ast.Attribute)
                    and isinstance(f.value, ast.Name)
                    and f.value.id == "math"
                    and f.attr in _MATH
                    and not node.keywords
                ):
                    self.error(
                        f"a formula may call only {', '.join(f'math.{n}' for n in _MATH)}",
                        "formula",
                    )
                calls.add(id(f.value))
                continue
            if isinstance(node, ast.Name) and id(node) not in calls and node.id not in VARIABLES:
                self.error(f"unknown variable {node.id!r} in formula", "formula")
            if not isinstance(
                node,
                ast.Expression
                | ast.BinOp
                | ast.UnaryOp
                | ast.Name
                | ast.Constant
                | ast.Load
                | ast.operator
                | ast.unaryop
                | ast.Attribute,
            ):
                self.error(
                    "formula may use numbers, variables, + - * / ** and math functions only",
                    "formula",
                )
        self.needs = {
            n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in calls
        }
        m = _COND.match(str(spec["condition"]))
        if not m:
            self.error("condition must look like '> 25'", "condition")
        self.cmp, self.limit = _CMP[m.group(1)], float(m.group(2))
        #: a formula of the word count alone, true above a limit ("words", "> 120"):
        #: a region that cannot hold enough words is passed over without counting them
        body = tree.body
        self._words_only = (
            isinstance(body, ast.Name)
            and body.id == "words"
            and self.cmp in (operator.gt, operator.ge)
        )
        #: the formula as ``_compile`` keeps it (what ``_eval`` reads): a kept rule set
        #: holds no ``ast`` nodes, so reading it back imports no ``ast``
        self.formula: tuple[Any, ...]
        try:
            self.formula = _compile(body)
        except RecursionError:  # (too deep to evaluate: it fails when it is, as before)
            self.formula = ("deep",)

    def check(self, doc, config) -> Iterator[Hit]:
        if self.meta.vale:
            yield from self._whole_document(doc)
            return
        few: RunBound | None = _WORD_BOUND if self._words_only else None
        cmp, limit = self.cmp, self.limit
        for start, end, text in region_texts(self, doc):
            if few is not None and (
                not cmp(most_by_length(start, end), limit)
                or not cmp(few.most(text, start, end, limit), limit)
            ):
                continue  # fewer words than the limit fit in the region
            segment = text[start:end]
            words = _WORD.findall(segment)
            if not words:
                continue
            counts: dict[str, float] = {
                name: _COUNTERS[name](words, text, start, end)
                if name in _COUNTERS
                else float(_block_count(doc, name))
                for name in self.needs
            }
            try:
                value = _eval(self.formula, counts)
            except ZeroDivisionError:
                continue
            if self.cmp(value, self.limit):
                yield Hit(
                    start, end, self.format_message(f"{value:.1f}"), match=segment.strip()[:80]
                )

    def _whole_document(self, doc) -> Iterator[Hit]:
        """Vale's way: one value for the whole document's prose, reported at line 1,
        column 1, with the value to two decimals."""
        words: list[str] = []
        sentences = 0
        for block in doc.blocks:
            if block.kind not in ("paragraph", "heading", "list", "blockquote", "table"):
                continue
            if block.meta.startswith("frontmatter"):
                continue
            words += _WORD.findall(doc.prose, block.start, block.end)
            sentences += len(split_sentences(doc.prose, block.start, block.end))
        if not words or not doc.source:
            return
        counts: dict[str, float] = {}
        for name in self.needs:
            if name in _COUNTERS:
                counts[name] = _COUNTERS[name](words, doc.prose, 0, 0)
            else:
                counts[name] = float(_block_count(doc, name))
        if "sentences" in counts:
            counts["sentences"] = max(1, sentences)
        if "paragraphs" in counts:
            counts["paragraphs"] = sum(1 for b in doc.blocks if b.kind == "paragraph")
        if "complex_words" in counts:
            counts["complex_words"] = sum(1 for w in words if _complex(w))
        try:
            value = _eval(self.formula, counts)
        except (ZeroDivisionError, ValueError, OverflowError):
            return
        if self.cmp(value, self.limit):
            yield Hit(0, 1, self.format_message(f"{value:.2f}"), match=doc.source[:1])


def _compile(node: Any) -> tuple[Any, ...]:
    """A formula's ``ast`` node (checked by ``configure``) as nested tuples of names and
    numbers, which ``_eval`` reads as the node would be evaluated: ``("num", value)``,
    ``("var", name)``, ``("call", math function, args)``, ``("bin", operator, left,
    right)``, ``("unary", operator, operand)`` (an operator by its ``ast`` class's name,
    one ``_OPS`` lacks failing as it did with the node), ``("bad",)`` for a node no
    formula is evaluated with (a text constant, an attribute)."""
    import ast

    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Attribute)  # (``configure`` checked it)
        return ("call", node.func.attr, tuple(_compile(a) for a in node.args))
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return ("num", node.value)
    if isinstance(node, ast.Name):
        return ("var", node.id)
    if isinstance(node, ast.BinOp):
        return ("bin", type(node.op).__name__, _compile(node.left), _compile(node.right))
    if isinstance(node, ast.UnaryOp):
        return ("unary", type(node.op).__name__, _compile(node.operand))
    return ("bad",)


def _op(name: str) -> Any:
    """The operator of a formula's node (a ``KeyError`` naming its ``ast`` class, as the
    look-up of the node's class raised, for one no formula is evaluated with)."""
    found = _OPS.get(name)
    if found is None:
        import ast

        raise KeyError(getattr(ast, name, name))
    return found


def _eval(node: tuple[Any, ...], counts: dict[str, float]) -> float:
    """The value of a formula kept by ``_compile``, with the counts of ``counts``."""
    kind = node[0]
    if kind == "call":
        args = [_eval(a, counts) for a in node[2]]
        return float(_MATH[node[1]](*args))
    if kind == "num":
        return float(node[1])
    if kind == "var":
        return float(counts[node[1]])
    if kind == "bin":
        return _op(node[1])(_eval(node[2], counts), _eval(node[3], counts))  # type: ignore[no-any-return]
    if kind == "unary":
        return _op(node[1])(_eval(node[2], counts))  # type: ignore[no-any-return]
    if kind == "deep":
        raise RecursionError("maximum recursion depth exceeded")
    raise ValueError("unsupported formula")


def _block_count(doc, name: str) -> int:
    if name == "pre":
        return sum(1 for b in doc.blocks if b.kind == "code")
    if name.startswith("heading_h"):
        level = int(name[-1])
        return sum(1 for b in doc.blocks if b.kind == "heading" and b.level == level)
    return sum(1 for b in doc.blocks if b.kind == name)


RULE_TYPE = MetricRule
