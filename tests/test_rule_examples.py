"""Every rule in every shipped pack runs its own examples.

A rule without at least one ``fail`` and one ``pass`` example fails the suite;
``fixed`` examples are checked by applying the rule's fixes to the fail text.
"""

from __future__ import annotations

import pytest

from copylint.config import Config
from copylint.engine import Linter
from copylint.findings import Severity
from copylint.fixer import apply_edits, select_edits
from copylint.rules.loader import RuleSet, builtin_packs_dir, load_packs

PACKS = tuple(sorted(p.name for p in builtin_packs_dir().iterdir() if p.is_dir()))
RULESET = load_packs(PACKS)
RULES = sorted(RULESET.rules, key=lambda r: r.meta.id)


def linter_for(rule, example) -> Linter:
    options = {**RULESET.options, **rule.meta.when}
    dialect = example.dialect or (rule.meta.dialects[0] if rule.meta.dialects else "en-US")
    cfg = Config(
        packs=(),
        dialect=dialect,
        options=options,
        min_level=Severity.SUGGESTION,
        accept=example.accept,
        reject=example.reject,
    )
    return Linter(cfg, RuleSet([rule], RULESET.packs))


def findings(rule, example):
    _, found = linter_for(rule, example).check_text(
        example.text, f"example.{_ext(example.format)}", example.format
    )
    return [f for f in found if f.rule == rule.meta.id]


def _ext(fmt: str) -> str:
    return {"markdown": "md", "html": "html"}.get(fmt, "txt")


def cases(kind: str):
    out = []
    for rule in RULES:
        examples = rule.meta.examples.fail if kind == "fail" else rule.meta.examples.passing
        for i, ex in enumerate(examples):
            out.append(pytest.param(rule, ex, i, id=f"{rule.meta.id}-{kind}{i}"))
    return out


def test_packs_are_found():
    assert {"house", "spelling", "promo"} <= set(PACKS)
    assert RULES, "no rules loaded"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.id)
def test_rule_has_examples(rule):
    ex = rule.meta.examples
    assert ex.fail, f"{rule.meta.path}: no 'fail' examples"
    assert ex.passing, f"{rule.meta.path}: no 'pass' examples"
    assert rule.meta.description, f"{rule.meta.path}: no description"
    if ex.fixed:
        assert len(ex.fixed) == len(ex.fail), f"{rule.meta.path}: 'fixed' must parallel 'fail'"


@pytest.mark.parametrize("rule, example, i", cases("fail"))
def test_fail_example(rule, example, i):
    found = findings(rule, example)
    assert found, f"{rule.meta.path}: fail example {i} raised nothing: {example.text!r}"


@pytest.mark.parametrize("rule, example, i", cases("pass"))
def test_pass_example(rule, example, i):
    found = findings(rule, example)
    assert not found, (
        f"{rule.meta.path}: pass example {i} raised "
        f"{[(f.match, f.message) for f in found]}: {example.text!r}"
    )


FIXED = [
    pytest.param(rule, ex, fixed, id=f"{rule.meta.id}-fixed{i}")
    for rule in RULES
    for i, (ex, fixed) in enumerate(
        zip(rule.meta.examples.fail, rule.meta.examples.fixed, strict=False)
    )
]


@pytest.mark.parametrize("rule, example, fixed", FIXED)
def test_fixed_example(rule, example, fixed):
    found = findings(rule, example)
    edits = select_edits(found, unsafe=True)
    assert edits, f"{rule.meta.path}: a 'fixed' example but no fix offered"
    assert apply_edits(example.text, edits) == fixed


def test_rule_ids_are_pack_and_file_stem():
    for rule in RULES:
        pack, name = rule.meta.id.split(".", 1)
        assert rule.meta.path.endswith(f"{pack}/{name}.yml") or rule.meta.path.endswith(
            f"{pack}/{name}.yaml"
        )
