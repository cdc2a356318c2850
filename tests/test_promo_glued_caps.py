"""A page's own line in capitals ("CLICK HERE TO GET THE APP") that an extractor ran
into the paragraphs around it, with or without a space, is cut out alone when it holds
a promo phrase or cue; a subhead in capitals glued the same way is the article's own.
Through the real CLI, with drafts written for these tests."""

from __future__ import annotations

import json

import pytest

#: one paragraph's two sentences; a line in capitals is glued between them
BEFORE, AFTER = (
    "The harbour reopened to fishing boats on Monday after six weeks of repairs to the "
    "sea wall, and the first catch was landed before dawn.",
    "The harbour master said the new wall should stand for fifty years if the winter "
    "storms are no worse than last year's.",
)


@pytest.fixture
def check(tmp_path, run):
    """The promo findings on a draft (a .txt file, the promo pack alone)."""
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")

    def _check(text: str) -> list[dict]:
        (tmp_path / "draft.txt").write_text(text, encoding="utf-8")
        out = json.loads(run("check", "--format", "json", "draft.txt").output)
        return [f for f in out["findings"] if f["rule"].startswith("promo.")]

    return _check


@pytest.mark.parametrize(
    ("glue_before", "run_text", "glue_after", "rule"),
    [
        ("", "CLICK HERE TO GET THE HARBOUR HERALD APP", "", "promo.AppMedia"),
        (" ", "GET THE HERALD ON THE GO BY CLICKING HERE", " ", "promo.AppMedia"),
        ("", "READ MORE ON THE HERALD BY CLICKING HERE", "", None),
        (" ", "SIGN UP FOR OUR FREE MORNING NEWSLETTER", "", "promo.Newsletter"),
    ],
)
def test_a_prompt_in_capitals_glued_into_a_paragraph_is_cut_alone(
    check, glue_before, run_text, glue_after, rule
):
    text = f"{BEFORE}{glue_before}{run_text}{glue_after}{AFTER}\n"
    [item] = check(text)
    if rule is not None:
        assert item["rule"] == rule
    assert item["match"].strip() == run_text
    kept = text[: item["fix"]["start"]] + text[item["fix"]["end"] :]
    assert BEFORE in kept
    assert AFTER in kept
    assert "HERE" not in kept and "NEWSLETTER" not in kept


def test_a_prompt_in_capitals_glued_after_the_last_sentence_is_cut(check):
    text = f"{BEFORE} {AFTER}READ MORE ON THE HERALD BY CLICKING HERE\n"
    [item] = check(text)
    assert item["match"].strip() == "READ MORE ON THE HERALD BY CLICKING HERE"


@pytest.mark.parametrize(
    "run_text",
    [
        # the article's own subheads, glued the same way: no promo phrase or cue
        "HOW THE NEW SEA WALL WAS BUILT",
        "WHAT THE STORMS LEFT BEHIND",
        "FISHERMEN COUNT THE COST",
    ],
)
def test_a_subhead_in_capitals_glued_into_a_paragraph_is_left_alone(check, run_text):
    assert check(f"{BEFORE}{run_text}{AFTER}\n") == []
    assert check(f"{BEFORE} {run_text} {AFTER}\n") == []


def test_a_cue_word_in_capitals_inside_a_sentence_is_left_alone(check):
    # capitals in the middle of a sentence (an acronym, a shouted word) are no glued line
    text = (
        "The council said the HARBOUR APP would be replaced next spring, and that "
        "fishermen who CLICK HERE on the old map will be sent to the new one.\n"
    )
    assert check(text) == []


@pytest.mark.parametrize(
    ("run_text", "rule"),
    [
        # an unanchored cue whose ``^`` and ``$`` answer at the run's own edges: in the
        # paragraph the run is glued into, neither is a line's edge, yet the run is
        # searched on its own (the whole-draft proof must not drop the cue)
        ("SPONSORED CONTENT", "promo.Ad"),
        ("ADVERTISEMENT", "promo.Ad"),
    ],
)
def test_a_run_matched_only_at_its_own_edges_is_cut(check, run_text, rule):
    text = f"{BEFORE}{run_text}{AFTER}\n"
    [item] = check(text)
    assert item["rule"] == rule
    assert item["match"].strip() == run_text
