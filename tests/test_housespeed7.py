"""The house pack's seventh round (docs/housespeed.md): the shortcut in
``LiteralSet.present`` that tests the ``spaced`` literals (those with a tab, a
carriage return, a double space or a line break) group by group, skipping a group
whose gate the text does not hold, gives exactly what testing each one gives."""

from __future__ import annotations

import random

import pytest

from copylint.rules.literals import LiteralSet, _gated, ahocorasick
from copylint.rules.patterns import soft_joined, spaced

ENGINES = [
    "re",
    pytest.param("aho", marks=pytest.mark.skipif(ahocorasick is None, reason="no wheel")),
]

ALPHABET = ["a", "b", " ", "\t", "\n", "\r", ",", "—"]


def reference(literals, text, joined):
    """``present`` as it was: every literal without spacing looked for in ``joined``,
    every ``spaced`` one in ``text``, one by one."""
    return frozenset(a for a in literals if (a in text if spaced(a) else a in joined))


def _random(rng, lo, hi):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(lo, hi)))


@pytest.mark.parametrize("engine", ENGINES)
def test_spaced_literals_by_gate_agree_with_one_by_one(engine):
    rng = random.Random(7)
    spaced_seen = 0
    for _ in range(600):
        literals = {_random(rng, 1, 4) for _ in range(rng.randint(1, 14))}
        literals.discard("")
        spaced_seen += sum(map(spaced, literals))
        matcher = LiteralSet(literals, engine)
        for _ in range(4):
            # texts with and without each gate (most drafts hold no tab)
            text = _random(rng, 0, 40)
            for gate in ("\t", "\r", "  "):
                if rng.random() < 0.5:
                    text = text.replace(gate, " ")
            text = text.replace("  ", " ") if rng.random() < 0.3 else text
            joined = soft_joined(text)
            assert matcher.present(text, joined) == reference(literals, text, joined), (
                literals,
                text,
            )
    assert spaced_seen > 1000  # the shortcut was exercised


def test_every_spaced_literal_holds_its_gate():
    rng = random.Random(8)
    literals = {_random(rng, 1, 5) for _ in range(3000)}
    literals = [a for a in literals if spaced(a)]
    groups = _gated(literals)
    assert sorted(a for _, group in groups for a in group) == sorted(literals)
    for gate, group in groups:
        assert all(gate in a for a in group)


def test_a_draft_without_tabs_skips_the_tab_literals_and_keeps_the_answer():
    literals = ["\t,", " \t-", "a  b", "x\ny", "plain"]
    matcher = LiteralSet(literals)
    text = "a  b and plain\nx\ny"
    assert matcher.present(text, soft_joined(text)) == {"a  b", "x\ny", "plain"}
    assert matcher.present("a\t, b", "a\t, b") == {"\t,"}  # (joined is text: automaton)
    assert matcher.present("a\t, b\nc", soft_joined("a\t, b\nc")) == {"\t,"}
