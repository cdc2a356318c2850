"""Re-checking an edited draft (the editor server's case) reuses what the text of an
unchanged line decides; the findings must equal those of a check from scratch."""

from __future__ import annotations

import dataclasses
import random

from copylint.config import Config
from copylint.engine import Linter
from copylint.parsers import parse
from copylint.promo import layout

LINES = [
    "The council met on Monday to talk about the new library.",
    "Teh library would open in the spring, the mayor said.",
    "SIGN UP FOR OUR NEWSLETTER",
    "- Read more: Ten Things To Do This Weekend",
    '"It is a good day for the town," she said.',
    "Prices | Times | Places",
    "Advertisement",
    "He recieved 40 letters about it...",
    "> Follow us on social media for updates.",
    "## What Happens Next",
    "",
]
WORDS = ["library", "Teh", "recieved", "Subscribe", "the", "TODAY", "|", "...", '"', "now."]


def random_edits(seed: int, n: int):
    rng = random.Random(seed)
    lines = [rng.choice(LINES) for _ in range(60)]
    for _ in range(n):
        k = rng.randrange(len(lines))
        words = lines[k].split(" ")
        action = rng.random()
        if action < 0.6 and words:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            lines[k] = " ".join(words)
        elif action < 0.8:
            lines.insert(k, rng.choice(LINES))
        else:
            del lines[k]
        yield "\n".join(lines) + "\n"


def test_layout_of_an_edited_draft_equals_one_from_scratch():
    for text in random_edits(5, 100):
        doc = parse(text, "a.md", "markdown")
        warm = [dataclasses.asdict(u) for u in layout.analyse(doc).units]
        layout._text_features.cache_clear()
        cold = [dataclasses.asdict(u) for u in layout.analyse(doc).units]
        assert warm == cold


def test_findings_over_many_edits_equal_a_check_from_scratch():
    linter = Linter(Config())
    seen: set[str] = set()
    for text in random_edits(9, 40):
        warm = linter.check_text(text, "a.md", "markdown")[1]
        layout._text_features.cache_clear()
        cold = linter.check_text(text, "a.md", "markdown")[1]
        assert [dataclasses.astuple(f) for f in warm] == [dataclasses.astuple(f) for f in cold]
        seen.update(f.rule.split(".")[0] for f in warm)
    assert {"promo", "spelling"} <= seen  # the drafts exercise the layout
