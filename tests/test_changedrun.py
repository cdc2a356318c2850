"""The one-changed-file run's short cuts (issue 13): each compared with the slow way it
stands in for."""

from __future__ import annotations

import ast
import json
import math
import operator
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PYTHON, heavy_imports, subprocess_env
from copylint import config
from copylint.config import _T_ARRAY, _T_END, _T_KEY, _T_SCALAR
from copylint.rules.types import metric

# --------------------------------------------------------------------------- metric

#: the evaluation of a formula's ``ast`` nodes, as ``MetricRule._eval`` was written
_AST_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
}
_AST_MATH = {"sqrt": math.sqrt, "pow": math.pow, "abs": abs, "log": math.log, "log10": math.log10}


def _ast_eval(node, counts):
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Attribute)
        args = [_ast_eval(a, counts) for a in node.args]
        return float(_AST_MATH[node.func.attr](*args))
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(counts[node.id])
    if isinstance(node, ast.BinOp):
        return _AST_OPS[type(node.op)](_ast_eval(node.left, counts), _ast_eval(node.right, counts))
    if isinstance(node, ast.UnaryOp):
        return _AST_OPS[type(node.op)](_ast_eval(node.operand, counts))
    raise ValueError("unsupported formula")


def _formula(rng: random.Random, depth: int = 0) -> str:
    """A formula of what ``configure`` lets through, now and then with a node only the
    evaluation refuses (``//``, ``%``, unary ``+``, a text constant, an attribute)."""
    leaf = depth >= 4 or rng.random() < 0.3
    if leaf:
        return rng.choice(
            [
                str(rng.randint(0, 40)),
                f"{rng.uniform(-5, 5):.3f}",
                "0",
                "True",
                "10e400",
                "'text'",
                "words.real",
                *metric.VARIABLES,
            ]
        )
    kind = rng.random()
    if kind < 0.55:
        op = rng.choice(["+", "-", "*", "/", "**", "+", "-", "*", "/", "//", "%"])
        return f"({_formula(rng, depth + 1)} {op} {_formula(rng, depth + 1)})"
    if kind < 0.7:
        return f"{rng.choice(['-', '-', '+'])}{_formula(rng, depth + 1)}"
    fn = rng.choice(list(metric._MATH))
    args = [_formula(rng, depth + 1) for _ in range(2 if fn == "pow" else rng.choice([1, 1, 2]))]
    return f"math.{fn}({', '.join(args)})"


def _outcome(fn, *args):
    try:
        value = fn(*args)
    except Exception as exc:  # noqa: BLE001 - the kind and text of the failure compared
        return ("raised", type(exc).__name__, str(exc))
    return ("value", repr(value))


def test_a_formula_kept_as_tuples_evaluates_as_its_ast_nodes_did():
    rng = random.Random(13)
    seen = set()
    for _ in range(3000):
        text = _formula(rng)
        tree = ast.parse(text, mode="eval")
        kept = metric._compile(tree.body)
        counts = {name: float(rng.choice([0, 1, 2, 7, 120, 0.5])) for name in metric.VARIABLES}
        slow = _outcome(_ast_eval, tree.body, counts)
        fast = _outcome(metric._eval, kept, counts)
        assert fast == slow, text
        seen.add(slow[:2])
    # the generated formulas reach values and each way of failing
    kinds = {k for k, *_ in seen} | {n for _, n in seen}
    assert {"value", "ZeroDivisionError", "KeyError", "ValueError", "OverflowError"} <= kinds


def test_a_metric_rule_keeps_no_ast_nodes(tmp_path):
    from copylint.config import Config
    from copylint.engine import Linter

    pack = tmp_path / "desk"
    pack.mkdir()
    (pack / "Grade.yml").write_text(
        "extends: metric\nmessage: 'Grade %s.'\nscope: paragraph\n"
        "formula: math.sqrt(words) * -(1 - syllables / words) + heading.h2\n"
        "condition: '> -100'\n"
    )
    linter = Linter(Config(packs=(str(pack),)))
    (rule,) = linter.ruleset.rules
    assert not any(isinstance(v, ast.AST) for v in vars(rule).values())
    _, found = linter.check_text("One two three four.\n", "a.md")
    words, syllables = 4, 4
    value = math.sqrt(words) * -(1 - syllables / words) + 0
    assert [f.message for f in found] == [f"Grade {value:.1f}."]


# --------------------------------------------------------------------------- imports


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "copylint.toml").write_text('packs = ["spelling", "house", "promo"]\n')
    for i in range(3):
        (tmp_path / f"d{i}.md").write_text(
            f"Draft {i} was recieved well.\n\nIt ran to 12 pages and 2 charts, the mayor said.\n"
        )
    # the caches (rule set, patterns, programs, results) filled first
    heavy_imports(tmp_path, "--no-cache", "-j", "1", ".", heavy="ast")
    heavy_imports(tmp_path, ".", heavy="ast")
    return tmp_path


def test_a_check_imports_no_ast_nor_urllib(drafts):
    """A rule set read back holds a metric formula as tuples: ``ast`` (with ``_ast``,
    ~1.6 ms) is imported only when a rule file is loaded from its YAML. ``pathlib`` is
    imported without ``urllib.parse`` (and its ``ipaddress``), the program cache's lock
    without ``threading``, and the caches' digests and MACs without OpenSSL
    (``_hashlib``)."""
    (drafts / "d1.md").write_text("Draft 1 was changed, and recieved well.\n")  # one changed
    for args in (["."], ["--no-cache", "-j", "1", "."], ["--no-cache", "d0.md"]):
        r, heavy = heavy_imports(
            drafts, *args, heavy="ast,_ast,urllib.parse,ipaddress,threading,_hashlib"
        )
        assert r.returncode == 1, r.stderr
        assert json.loads(r.stdout)["summary"]["counts"]["error"] >= 1
        assert heavy == "", args


#: whether a check compiled the pattern of rule files naming word files
WORD_FILES_SCRIPT = (
    "import sys\n"
    "from copylint.cli_core import main\n"
    "code = main(sys.argv[1:])\n"
    "from copylint import cache\n"
    "sys.stderr.write(f'COMPILED {cache._names_word_files is not None}\\n')\n"
    "sys.exit(code)\n"
)


def test_rule_files_the_stat_memo_knows_are_not_searched_for_word_files(drafts):
    """The pattern that finds a rule file naming word files is compiled when a rule file
    is read; a run whose rule files the results cache's stat memo knows reads none."""

    def compiled(*args: str) -> str:
        r = subprocess.run(
            [PYTHON, "-c", WORD_FILES_SCRIPT, "check", "--format", "json", *args],
            cwd=drafts,
            env=subprocess_env(),
            capture_output=True,
            text=True,
        )
        assert r.returncode == 1, r.stderr
        return [x for x in r.stderr.splitlines() if x.startswith("COMPILED ")][-1]

    (drafts / "d1.md").write_text("Draft 1 was changed, and recieved well.\n")  # one changed
    assert compiled(".") == "COMPILED False"
    # a pack of the project's own, new: read (too new for the memo), so searched
    (drafts / "desk").mkdir()
    (drafts / "desk" / "Typos.yml").write_text(
        "extends: substitution\nmessage: x\nlevel: error\nswap:\n  recieved: received\n"
        "examples:\n  fail: ['It was recieved.']\n  pass: ['It was received.']\n"
    )
    (drafts / "copylint.toml").write_text('packs = ["spelling", "house", "promo", "desk"]\n')
    assert compiled(".") == "COMPILED True"


#: what ``pathlib`` and ``urllib.parse`` do after the command line's module is imported
URI_SCRIPT = """
import sys
import copylint.cli_core
from pathlib import PurePosixPath, PureWindowsPath
print("urllib.parse" in sys.modules)
print(PurePosixPath("/news/caf\u00e9 #1?.md").as_uri())
print(PureWindowsPath("c:/news/a b.md").as_uri())
import urllib.parse
print(type(urllib.parse).__name__, urllib.parse.quote("a b"), hasattr(urllib.parse, "urlsplit"))
print(sys.modules["pathlib"].urlquote_from_bytes(b"/x y", "/"))
"""


def test_pathlib_imported_without_urllib_makes_the_same_uris():
    r = subprocess.run(
        [PYTHON, "-c", URI_SCRIPT], env=subprocess_env(), capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    from pathlib import PurePosixPath, PureWindowsPath  # (here, with the real module)

    assert r.stdout.splitlines() == [
        "False",
        PurePosixPath("/news/caf\u00e9 #1?.md").as_uri(),
        PureWindowsPath("c:/news/a b.md").as_uri(),
        "module a%20b True",
        "/x%20y",
    ]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


# --------------------------------------------------------------------------- config

#: a simple config file's line and an array's item, as the patterns read them
_LINE = re.compile(
    rf"[ \t]*(?:(?P<key>{_T_KEY})[ \t]*=[ \t]*(?P<value>{_T_SCALAR}|{_T_ARRAY})"
    rf"|\[[ \t]*(?P<table>{_T_KEY}(?:[ \t]*\.[ \t]*{_T_KEY})*)[ \t]*\])?{_T_END}"
)
_ITEM = re.compile(_T_SCALAR)

#: pieces of lines: the corners of the grammar, and what breaks it
_PIECES = [
    "k", "a-b", "k_1", "1", "-", "é", "tool", "copylint", ".", " . ", "=", " = ", " ",
    "\t", "", "[", "]", "[ ", " ]", ",", ", ", '"', "'", '"x"', "'x'", '""', "''",
    '"a # b"', "'a \\ b'", '"a \\ b"', '"it\'s"', "'say \"so\"'", '"\u2028é"',
    '"\x7f"', "'\x01'", '"tab\there"', "0", "-0", "+0", "+1", "-17", "42", "01", "00",
    "1" * 18, "9" * 19, "+" + "1" * 18, "1_000", "1.5", "true", "false", "truefalse",
    "True", "#", "# note", "#\x01", "#\t", "\x0c", "\u00a0", "[a]", "[a.b]", "[a . b]",
    "[[a]]", "[a.]", "[1, 2]", "[1,2,]", "['a', \"b\" ,]", "[,]", "[ ]", "[]", "[1 2]",
]  # fmt: skip


def _regex_line(line):
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    value = m.group("value")
    items = _ITEM.findall(value) if value is not None and value.startswith("[") else []
    return m.group("key"), value, m.group("table"), items


def test_a_config_line_is_read_by_hand_as_the_patterns_read_it():
    rng = random.Random(13)
    lines = ["", "k = 1", "[a]", "a = [1, 'x', true]  # c", 'packs = ["spelling", "house"]']
    for _ in range(40000):
        lines.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 7))))
    # and lines of the right shape with their pieces swapped for others
    for _ in range(20000):
        key = rng.choice(["k", "a-b", "1", "é", "", "k k"])
        value = rng.choice(_PIECES) + rng.choice(["", "", rng.choice(_PIECES)])
        lines.append(f"{rng.choice(['', ' '])}{key}{rng.choice(['=', ' = '])}{value}")
        lines.append(f"[{rng.choice(_PIECES)}{rng.choice(['', '.', ' . '])}{rng.choice(_PIECES)}]")
    kinds = {"none": 0, "value": 0, "array": 0, "table": 0, "blank": 0}
    for line in lines:
        expected = _regex_line(line)
        assert config._t_line(line) == expected, repr(line)
        if expected is None:
            kinds["none"] += 1
        elif expected[0] is not None:
            kinds["array" if expected[1].startswith("[") else "value"] += 1
        else:
            kinds["table" if expected[2] is not None else "blank"] += 1
    assert min(kinds.values()) >= 500, kinds  # many lines of each kind
