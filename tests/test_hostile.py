"""Hostile inputs and the defects they found (issue 17): each is bounded, refused
with one line, or handled, never a traceback, a hang or a blow-up.

Sizes are small enough to run in a second: each test shows the bound or the check
that was missing, not the blow-up itself (``benchmarks/hostile.py`` has the figures).
"""

from __future__ import annotations

import tracemalloc

from copylint.api import check_text
from copylint.spelling.candidates import candidates

# --------------------------------------------------------------------------- 1. long words


def test_a_word_longer_than_any_word_gets_no_candidates_and_is_flagged_bare():
    word = "tehx" * 250  # 1,000 letters: its one-edit strings alone took ~100 MB
    check_text("A line.", path="a.txt")  # word lists loaded before measuring
    tracemalloc.start()
    try:
        findings = check_text(f"The {word} story.", path="a.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    typos = [f for f in findings if f.rule == "spelling.Typos"]
    assert len(typos) == 1 and typos[0].fix is None
    assert "Did you mean" not in typos[0].message
    assert peak < 20_000_000  # memory in proportion to the text, not its square
    assert candidates(word, frozenset({"the"})) == {}
