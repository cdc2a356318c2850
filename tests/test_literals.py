"""The one-pass anchor matcher (rules/literals.py): both engines, and the rule set's
use of it, give exactly what testing each literal with ``in`` gives."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from conftest import ROOT, subprocess_env
from copylint.rules.literals import LiteralSet, ahocorasick
from copylint.rules.loader import load_packs

ENGINES = [
    "re",
    pytest.param("aho", marks=pytest.mark.skipif(ahocorasick is None, reason="no wheel")),
]

LITERALS = [
    "very",
    "very unique",
    "unique",
    "ery u",  # inside another literal, starting elsewhere
    "a.m.",
    "(tm)",
    "$",
    " ,",
    "!!",
    "—",
    "naïve",
    "ab",
    "abab",
]


def brute(literals, text):
    return frozenset(a for a in literals if a in text)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "text",
    [
        "",
        "a very unique idea",
        "very, very",
        "it was unique at 9 a.m. sharp",
        "brand(tm) costs $5 , really!!",
        "a naïve dash — here",
        "ababab",
        "nothing of the sort",
        "ververy uniqu",
    ],
)
def test_each_engine_finds_exactly_the_literals_that_occur(engine, text):
    found = LiteralSet(LITERALS, engine).present(text)
    assert found == brute(LITERALS, text)


@pytest.mark.parametrize("engine", ENGINES)
def test_random_literals_and_texts_agree_with_substring_tests(engine):
    rng = random.Random(1234)
    alphabet = "ab .c"
    for _ in range(200):
        literals = {
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
            for _ in range(rng.randint(1, 12))
        }
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert LiteralSet(literals, engine).present(text) == brute(literals, text), (
            literals,
            text,
        )


@pytest.mark.parametrize("engine", ENGINES)
def test_an_empty_set_finds_nothing(engine):
    assert LiteralSet([], engine).present("any text at all") == frozenset()
    assert LiteralSet([""], engine).present("empty literals are dropped") == frozenset()


def test_the_environment_can_force_the_pure_python_engine(monkeypatch):
    monkeypatch.setenv("COPYLINT_PURE_PYTHON", "1")
    assert LiteralSet(["x"]).engine == "re"
    ruleset = load_packs(["house"])
    assert ruleset.literals.engine == "re"
    monkeypatch.delenv("COPYLINT_PURE_PYTHON")
    if ahocorasick is not None:
        assert load_packs(["house"]).literals.engine == "aho"


def test_the_rule_set_holds_every_anchor_its_rules_test():
    ruleset = load_packs(["house", "spelling"])
    cliches = ruleset.by_id["house.Cliches"]
    assert cliches.literals is ruleset.literals
    # the trigger's anchors and each key's anchors
    assert set(cliches.trigger.anchors) <= ruleset.literals.literals
    assert cliches.keyed.anchor_literals() <= ruleset.literals.literals
    assert len(cliches.keyed.anchor_literals()) > 100


DRAFT = """\
# A test draft

At the end of the day, the council said the plan was very unique and
the most unique in the region. It was, in the nick of time, a paradigm shift.

She said it will "think outside the box" at 12 pm on monday, and we utilize it.
The 1990's were a perfect storm, she added, and the final outcome was unknown.
"""


def _check(path, env_extra):
    env = subprocess_env()
    env.update(env_extra)
    out = subprocess.run(
        [sys.executable, "-m", "copylint", "check", "--no-cache", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["findings"]


def test_the_cli_reports_the_same_findings_with_either_engine(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    cache = {"COPYLINT_CACHE_DIR": str(tmp_path / "patterns")}
    fast = _check(draft, {**cache, "COPYLINT_PURE_PYTHON": "0"})
    pure = _check(draft, {**cache, "COPYLINT_PURE_PYTHON": "1"})
    assert fast == pure
    rules = {f["rule"] for f in fast}
    # phrase-list rules the one-pass anchors let through, and a quoted phrase left out
    assert {"house.Cliches", "house.PlainWords", "house.WeekdayMonthCase"} <= rules
    assert not any(f["match"] == "think outside the box" for f in fast)
    assert sum(f["rule"] == "house.Cliches" for f in fast) == 4
