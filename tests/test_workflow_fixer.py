"""fixer.py: choosing, applying and asking about edits (pure text in, text out)."""

from __future__ import annotations

import io

import pytest

from copylint.findings import Edit, Finding, Severity
from copylint.fixer import (
    apply_edits,
    interactive_select,
    line_ending,
    select_edits,
    unified_diff,
)
from copylint.parsers import parse

SOURCE = "Teh mayor said teh plan was recieved well.\nSubscribe now!\n"


def finding(source: str, word: str, text: str, rule: str = "spelling.Typos", *, safe=True, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = source.index(word, start + 1)
    end = start + len(word)
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        message=f"'{word}' looks like a typo",
        start=start,
        end=end,
        line=source.count("\n", 0, start) + 1,
        column=start - (source.rfind("\n", 0, start) + 1) + 1,
        path="draft.txt",
        fix=Edit(start, end, text, safe),
    )


def test_select_edits_sorted_safe_only():
    fs = [
        finding(SOURCE, "recieved", "received"),
        finding(SOURCE, "Teh", "The"),
        finding(SOURCE, "Subscribe now!\n", "", "promo.Newsletter", safe=False),
    ]
    edits = select_edits(fs, unsafe=False)
    assert [e.text for e in edits] == ["The", "received"]
    assert [e.start for e in edits] == sorted(e.start for e in edits)
    assert len(select_edits(fs, unsafe=True)) == 3


def test_overlapping_edits_keep_first():
    a = Edit(0, 10, "x")
    b = Edit(5, 15, "y")  # overlaps a
    c = Edit(10, 12, "z")  # touches a's end: fine
    d = Edit(12, 12, "!")  # insert at c's end: fine
    e = Edit(12, 12, "?")  # a second insert at the same place is ambiguous: the one given
    # first (e, in the list below) is kept
    fs = [Finding("r.B", Severity.ERROR, "m", x.start, x.end, fix=x) for x in (b, e, c, a, d)]
    assert select_edits(fs, unsafe=False) == [a, c, e]


def test_identical_edits_from_two_rules_apply_once():
    a = Edit(0, 3, "The")
    fs = [
        Finding("r.A", Severity.ERROR, "m", 0, 3, fix=a),
        Finding("r.B", Severity.ERROR, "m", 0, 3, fix=a),
    ]
    edits = select_edits(fs, unsafe=False)
    assert edits == [a]
    assert apply_edits("Teh end", edits) == "The end"


def test_apply_edits_exact_and_bytes_outside_unchanged():
    fs = [
        finding(SOURCE, "Teh", "The"),
        finding(SOURCE, "teh", "the"),
        finding(SOURCE, "recieved", "received"),
    ]
    fixed = apply_edits(SOURCE, select_edits(fs, unsafe=False))
    assert fixed == "The mayor said the plan was received well.\nSubscribe now!\n"
    promo = finding(SOURCE, "Subscribe now!\n", "", "promo.Newsletter", safe=False)
    assert apply_edits(SOURCE, [promo.fix]) == "Teh mayor said teh plan was recieved well.\n"


def test_apply_edits_rejects_overlap_and_out_of_range():
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(2, 9, "x")])


def test_newlines_in_edit_text_follow_the_file():
    src = "one\r\ntwo\r\n"
    assert line_ending(src) == "\r\n"
    assert line_ending("a\nb\n") == "\n"
    assert line_ending("no newline") == "\n"
    out = apply_edits(src, [Edit(3, 3, "\nand a half")])
    assert out == "one\r\nand a half\r\ntwo\r\n"


def test_unified_diff():
    after = SOURCE.replace("Teh", "The")
    diff = unified_diff(SOURCE, after, "news/draft.txt")
    assert diff.splitlines() == [
        "--- a/news/draft.txt",
        "+++ b/news/draft.txt",
        "@@ -1,2 +1,2 @@",
        "-Teh mayor said teh plan was recieved well.",
        "+The mayor said teh plan was recieved well.",
        " Subscribe now!",
    ]
    assert unified_diff(SOURCE, SOURCE, "x") == ""
    assert "\\ No newline at end of file" in unified_diff("a", "b", "x")


def _interactive(answers: str, fs, source=SOURCE, **kw):
    doc = parse(source, "draft.txt", "text")
    out = io.StringIO()
    edits = interactive_select(fs, doc, io.StringIO(answers), out, **kw)
    return apply_edits(source, edits), out.getvalue()


def _typos():
    return [
        finding(SOURCE, "Teh", "The"),
        finding(SOURCE, "teh", "the"),
        finding(SOURCE, "recieved", "received", "spelling.Other"),
    ]


def test_interactive_accept_skip_edit():
    fixed, out = _interactive("a\ns\ne\nwelcomed\n", _typos())
    assert fixed == "The mayor said teh plan was welcomed well.\nSubscribe now!\n"
    assert out.count("[a]ccept") == 3
    assert "- Teh mayor said" in out and "+ The mayor said" in out
    assert "draft.txt:1:1: spelling.Typos" in out


def test_interactive_accept_all_of_rule_then_quit():
    # 'A' accepts both spelling.Typos fixes without asking again; 'q' then stops
    fixed, out = _interactive("A\nq\n", _typos())
    assert fixed == "The mayor said the plan was recieved well.\nSubscribe now!\n"
    assert out.count("[a]ccept") == 2


def test_interactive_end_of_input_is_quit_and_unknown_answer_reasks():
    fixed, out = _interactive("x\na\n", _typos())
    assert "Unknown answer 'x'" in out
    assert fixed == "The mayor said teh plan was recieved well.\nSubscribe now!\n"


def test_interactive_offers_unsafe_only_when_asked():
    promo = finding(SOURCE, "Subscribe now!\n", "", "promo.Newsletter", safe=False)
    fixed, out = _interactive("a\n", [promo])
    assert fixed == SOURCE and out == ""
    fixed, out = _interactive("a\n", [promo], unsafe=True)
    assert fixed == "Teh mayor said teh plan was recieved well.\n"
    assert "(unsafe fix)" in out
