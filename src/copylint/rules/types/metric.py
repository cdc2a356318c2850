"""metric: a readability-style formula over counts in each region of the scope."""

from __future__ import annotations

import ast
import operator
from collections.abc import Iterator
from typing import Any

import regex

from ...document import split_sentences
from ..model import Hit, Rule
from ._common import region_texts

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_VOWELS = regex.compile(r"[aeiouy]+", regex.I)
_OPS: dict[type, Any] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
}
_COND = regex.compile(r"^\s*(<=|>=|==|!=|<|>)\s*(-?[\d.]+)\s*$")
_CMP = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


_COUNTERS = {
    "words": lambda words, text, s, e: len(words),
    "sentences": lambda words, text, s, e: max(1, len(split_sentences(text, s, e))),
    "characters": lambda words, text, s, e: sum(len(w) for w in words),
    "syllables": lambda words, text, s, e: sum(syllables(w) for w in words),
    "paragraphs": lambda words, text, s, e: 1,
    "long_words": lambda words, text, s, e: sum(1 for w in words if len(w) > 6),
    "complex_words": lambda words, text, s, e: sum(1 for w in words if syllables(w) >= 3),
}


#: the variables a formula may use
VARIABLES = tuple(_COUNTERS)


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
        try:
            self.tree = ast.parse(str(spec["formula"]), mode="eval")
        except SyntaxError as exc:
            self.error(f"bad formula: {exc.msg}", "formula")
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and node.id not in VARIABLES:
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
                | ast.unaryop,
            ):
                self.error("formula may use numbers, variables and + - * / ** only", "formula")
        self.needs = {n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name)}
        m = _COND.match(str(spec["condition"]))
        if not m:
            self.error("condition must look like '> 25'", "condition")
        self.cmp, self.limit = _CMP[m.group(1)], float(m.group(2))

    def check(self, doc, config) -> Iterator[Hit]:
        for start, end, text in region_texts(self, doc):
            segment = text[start:end]
            words = _WORD.findall(segment)
            if not words:
                continue
            counts = {name: _COUNTERS[name](words, text, start, end) for name in self.needs}
            try:
                value = self._eval(self.tree.body, counts)
            except ZeroDivisionError:
                continue
            if self.cmp(value, self.limit):
                yield Hit(
                    start, end, self.format_message(f"{value:.1f}"), match=segment.strip()[:80]
                )

    def _eval(self, node: ast.AST, counts: dict[str, int]) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(counts[node.id])
        if isinstance(node, ast.BinOp):
            return _OPS[type(node.op)](
                self._eval(node.left, counts), self._eval(node.right, counts)
            )
        if isinstance(node, ast.UnaryOp):
            return _OPS[type(node.op)](self._eval(node.operand, counts))
        raise ValueError("unsupported formula")


RULE_TYPE = MetricRule
