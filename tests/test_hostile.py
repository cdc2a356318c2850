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


# --------------------------------------------------------------------------- 2. alias bombs


def _bomb(levels: int, width: int = 9, first: str = "a0") -> str:
    lines = [f"{first}: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_front_matter_aliases_are_walked_once(monkeypatch):
    import yaml

    from copylint.parsers import frontmatter

    visits = []
    walk = frontmatter._yaml_walk

    def counting(node, *args, **kwargs):
        if isinstance(node, yaml.SequenceNode):
            visits.append(node)
        return walk(node, *args, **kwargs)

    monkeypatch.setattr(frontmatter, "_yaml_walk", counting)
    text = "---\n" + _bomb(4) + "title: A fine dya\n---\n\nText here.\n"
    findings = check_text(text, path="a.md")
    assert [f.line for f in findings if f.rule == "spelling.Typos"] == [6]
    # each anchored list walked once (4 lists of at most 9 entries: 31 calls), not
    # once per path to it (1 + 9 + 81 + 729 + ... calls)
    assert len(visits) <= 4 * 9


def test_rule_file_alias_bomb_is_refused_with_its_line(run, write):
    write("pack/Bomb.yml", "extends: existence\nmessage: m\ntokens: [a]\n" + _bomb(7, first="x0"))
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "A line.\n")
    r = run("check", "d.txt")
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("copylint: error: ")
    assert lines[0].endswith(
        "pack/Bomb.yml:9: YAML aliases expand to more than 100,000 values (an alias bomb?)"
    )


def test_a_recursive_alias_in_a_rule_file_is_refused(run, write):
    write("pack/Loop.yml", "extends: existence\nmessage: m\ntokens: &t [a, *t]\n")
    write("copylint.toml", 'packs = ["pack"]\n')
    write("d.txt", "A line.\n")
    r = run("check", "d.txt")
    assert r.exit_code == 2
    assert "pack/Loop.yml:3: YAML aliases expand" in r.output
