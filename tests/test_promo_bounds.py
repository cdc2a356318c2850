"""Promo detection does work in proportion to the text (issue 17, item 3).

Speed is measured in ``benchmarks/`` (``rules.py``, ``hostile.py``), not here: these
tests count work instead of timing it. The count is every function call (Python and
built-in) made while the promo pack checks a draft; a hostile draft twice as long
must cost at most a little more than twice as much. A quadratic step (a block that
grows one unit a pass, an HTML block re-checked from its start at each step) costs
four times as much.
"""

from __future__ import annotations

import random
import sys

import pytest

from copylint.config import Config
from copylint.engine import Linter
from copylint.parsers import parse
from copylint.promo.detect import HTML_BLOCK_UNITS, _chain
from copylint.promo.layout import _text_features, layout_of

PARAGRAPH = (
    "The county council met on Tuesday night to debate the plan for a new bus depot "
    "on the edge of town, and residents who live near the site said the traffic would "
    "be heavy in the mornings."
)


def _count_calls(run) -> int:
    """Function calls (Python and built-in) made while ``run()`` runs."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


def _calls(linter: Linter, text: str, path: str) -> int:
    """Function calls made while ``linter`` checks ``text``."""
    # every line's own features are worked out again (they are cached by text)
    _text_features.cache_clear()
    return _count_calls(lambda: linter.check_text(text, path, None))


def _name_chain(n: int) -> str:
    # a product's name on every line before a promo line that names it: each line
    # joins the block only after the one below it has (one unit a pass)
    lines = [f"The Harbour Herald Pro was cheaper in week {i}." for i in range(n)]
    return "\n\n".join([PARAGRAPH, *lines, "Sign up for the Harbour Herald Pro newsletter today."])


def _html_run(n: int) -> str:
    items = "".join(f"<p>Sign up for our newsletter, part {i}</p>\n" for i in range(n))
    return f"<html><body>\n<p>{PARAGRAPH}</p>\n{items}<p>{PARAGRAPH}</p>\n</body></html>\n"


def _noise(n: int) -> str:
    rng = random.Random(17)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-."
    lines = []
    for _ in range(n):
        words = ("".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(9))
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"


def _headlines(n: int) -> str:
    # short lines with no closing punctuation: every one is a candidate the scorer weighs
    rng = random.Random(3)
    words = "Council Depot Traffic Budget River Bridge School Market Harbour Festival".split()
    heads = [" ".join(rng.choice(words) for _ in range(6)) + f" {i}" for i in range(n)]
    return "\n\n".join([PARAGRAPH, *heads]) + "\n"


@pytest.mark.parametrize(
    ("shape", "path", "n"),
    [
        (_name_chain, "a.txt", 300),
        (_html_run, "a.html", 150),
        (_noise, "a.txt", 600),
        (_headlines, "a.txt", 150),
    ],
    ids=["name-chain", "html-run", "noise", "headlines"],
)
def test_twice_the_hostile_text_costs_about_twice_the_work(shape, path, n):
    linter = Linter(Config(packs=("promo",)))
    linter.check_text(shape(n), path, None)  # patterns compiled, modules imported
    small = _calls(linter, shape(n), path)
    large = _calls(linter, shape(2 * n), path)
    assert large < 2.3 * small, (small, large)


def test_an_html_run_of_promo_elements_is_cut_into_bounded_blocks_and_rejoined():
    """Each block the patterns propose grows by at most HTML_BLOCK_UNITS elements (a
    step costs the block's length); the kept blocks that follow each other are one
    finding again, with one removal of all the elements."""
    n = 3 * HTML_BLOCK_UNITS + 5
    text = _html_run(n)
    linter = Linter(Config(packs=("promo",)))
    cfg, levels = linter.settings_for("a.html")
    rule = next(r for r, _ in linter.plan(cfg, levels) if r.meta.id == "promo.Newsletter")
    spans = [w for _, _, w in rule.candidates(parse(text, "a.html"), cfg) if w is not None]
    assert len(spans) >= 4
    assert all(last - first + 1 <= HTML_BLOCK_UNITS for first, last in spans)
    _, findings = linter.check_text(text, "a.html", None)
    news = [f for f in findings if f.rule == "promo.Newsletter"]
    assert len(news) == 1
    assert news[0].match.startswith("Sign up for our newsletter, part 0")
    assert news[0].match.rstrip().endswith(f"part {n - 1}")


def test_a_chain_of_lines_naming_the_product_joins_in_linear_work():
    """Lines that name the product a promo line sells join its block along a chain,
    each after the one below it: whole passes until one added nothing cost the chain's
    length squared (a pass per two lines); now a line is looked at again only when a
    neighbour joins."""
    n = 2000
    doc = parse(_name_chain(n), "a.txt")
    units = layout_of(doc).units
    last = len(units) - 1
    rest = list(range(1, last))
    assert len(rest) == n
    added: set[int] = set()
    calls = _count_calls(lambda: added.update(_chain(units, {last}, rest)))
    assert added == set(rest)
    assert calls < 25 * n, calls
