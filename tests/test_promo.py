"""The promo rule type and the promo pack, tested on drafts written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from copylint.config import Config
from copylint.errors import RuleError
from copylint.parsers import parse
from copylint.promo.layout import layout_of
from copylint.rules.model import RuleMeta
from copylint.rules.types.promo import RULE_TYPE, PromoRule

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "rules" / "promo"
RULE_FILES = sorted(PACK.glob("*.yml"))


def load(name: str) -> PromoRule:
    path = PACK / f"{name}.yml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = RuleMeta(
        id=f"promo.{name}", type="promo", path=str(path), message=spec.get("message", "%s")
    )
    return PromoRule(meta, {k: v for k, v in spec.items() if k in PromoRule.keys})


ALL = {p.stem: load(p.stem) for p in RULE_FILES}


def hits(text: str, name: str | None = None, config: Config | None = None):
    doc = parse(text, "draft.txt")
    config = config or Config()
    out = []
    for rule_name, rule in ALL.items():
        if name is None or rule_name == name:
            out.extend((rule_name, h) for h in rule.check(doc, config))
    return doc, out


def apply(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.text + text[e.end :]
    return text


STORY = """\
The harbour board voted on Tuesday to close the east pier for repairs after \
engineers found cracks in three of its supports.

"We will follow the case and read more widely before we decide," said Nadia \
Okafor, who keeps two boats at the pier and signed up for the board's newsletter in May.

>>> Sign up for the Harbour Herald's Morning Tide newsletter and we'll keep you posted <<<

Boat owners will be moved to the west basin until the work is finished next year, \
the board's chairman, Tomas Wieczorek, told the meeting.

Customers signed up for the free trial of the new mooring app in their hundreds.

Next: Why the lighthouse keeper still climbs 120 steps every night
"""


def test_rule_type_is_registered_under_its_name():
    assert RULE_TYPE is PromoRule
    assert PromoRule.type_name == "promo"


def test_both_shapes_in_a_story_are_found_and_nothing_else():
    doc, found = hits(STORY)
    got = sorted((name, doc.source[h.start : h.end]) for name, h in found)
    assert got == [
        (
            "Newsletter",
            ">>> Sign up for the Harbour Herald's Morning Tide newsletter "
            "and we'll keep you posted <<<",
        ),
        ("Teaser", "Next: Why the lighthouse keeper still climbs 120 steps every night"),
    ]
    for name, h in found:
        assert name.lower() in h.message.lower() or "teaser" in h.message


@pytest.mark.parametrize(
    "sentence",
    [
        "Customers signed up for the free trial, the company said.",
        "She will follow the case closely.",
        "Next year the council will review the toll.",
        "Students should read more widely, the report said.",
        "Read more widely",
        "Follow the money",
        "The bakery sold more cookies than ever this winter.",
        "He earned a commission on every sale he made.",
        "Subscribers to the water service will pay more from April.",
        "Related charges were dropped on Monday.",
        "Share prices fell 3%.",
        "Advertisement revenue fell by a fifth.",
        "Download the app, the police urged drivers.",
        "The site uses cookies, the regulator found.",
        "Subscribe to the theory and you will be disappointed.",
        "Cookies",
        "Comments from the minister were not available.",
        "More than 200 people attended.",
        "Get breaking news alerts on your phone, the agency advised residents.",
        "Stay informed about road closures by checking the council website.",
        "Buy now, pay later schemes face new rules",
        "By continuing to use the bridge, drivers agree to pay the toll.",
        "Join the conversation on climate change at the town hall on Friday.",
        "The company said it would stop using your data if asked.",
        "Get the best stories of the year in our annual review.",
        "Start your day with a glass of water, doctors say.",
        "The lamp sold for $40 at Harbour Antiques last week.",
        "Get it at the library, where loans are free.",
        "Save $20 on Ferry Passes was the slogan the council chose.",
        "See our report on the harbour from last spring.",
    ],
)
def test_hard_negatives_raise_nothing(sentence):
    text = (
        "The council met on Monday evening to discuss the budget for next year.\n\n"
        f"{sentence}\n\nThe meeting ended shortly after nine, a spokesperson said.\n"
    )
    assert hits(text)[1] == []


@pytest.mark.parametrize(
    "line",
    [
        '"Sign up for our newsletter and you will never miss a meeting," she said.',
        "“Follow us on Instagram,” the band told the crowd.",
        '"Advertisement"',
    ],
)
def test_quoted_speech_is_never_promo(line):
    text = f"The mayor spoke for an hour.\n\n{line}\n\nThen the vote was taken.\n"
    assert hits(text)[1] == []


def test_consecutive_promo_lines_become_one_finding_spanning_the_block():
    text = (
        "The bridge opened on Saturday to a crowd of several hundred people and a brass band.\n"
        "\n"
        "Related\n"
        "Bridge repairs to close the ring road for a month\n"
        "Why the river crossing took nine years to build\n"
        "\n"
        "Officials expect the crossing to cut commuting times by a third, the mayor said.\n"
    )
    doc, found = hits(text, "Teaser")
    assert len(found) == 1
    h = found[0][1]
    assert doc.source[h.start : h.end] == (
        "Related\nBridge repairs to close the ring road for a month\n"
        "Why the river crossing took nine years to build"
    )
    assert doc.lines.position(h.start) == (3, 1)
    assert doc.lines.position(h.end)[0] == 5
    assert "teaser" in h.message


def test_separate_blocks_stay_separate():
    text = (
        "The bridge opened on Saturday to a crowd of several hundred people and a band.\n\n"
        "Advertisement\n\n"
        "Officials expect the crossing to cut commuting times by a third, the mayor said.\n\n"
        "Advertisement\n\n"
        "The toll will be reviewed next spring, according to the transport committee.\n"
    )
    doc, found = hits(text, "Ad")
    assert [doc.lines.position(h.start)[0] for _, h in found] == [3, 7]


def test_fix_removes_block_and_one_gap_in_the_middle():
    doc, found = hits(STORY, "Newsletter")
    ((_, h),) = found
    assert h.fix is not None and h.fix.safe is False and h.fix.text == ""
    fixed = apply(STORY, [h.fix])
    assert ">>>" not in fixed
    assert "in May.\n\nBoat owners will be moved" in fixed
    assert "\n\n\n" not in fixed


def test_fix_at_the_end_leaves_no_trailing_gap():
    doc, found = hits(STORY, "Teaser")
    ((_, h),) = found
    fixed = apply(STORY, [h.fix])
    assert fixed.endswith("new mooring app in their hundreds.\n")


def test_fix_exact_text_single_newline_paragraphs():
    text = (
        "The plant will employ 300 people when it opens.\n"
        "Subscribe\n"
        "Construction starts next month, the firm said.\n"
    )
    doc, found = hits(text, "Paywall")
    assert len(found) == 1
    assert apply(text, [found[0][1].fix]) == (
        "The plant will employ 300 people when it opens.\n"
        "Construction starts next month, the firm said.\n"
    )


def test_marker_glued_to_body_text_reports_only_the_marker():
    body = " ".join(["The committee heard evidence from residents about the flooding."] * 8)
    text = body + " Advertisement The chairman said the report would be published in May. " + body
    doc, found = hits(text, "Ad")
    assert len(found) == 1
    h = found[0][1]
    assert doc.source[h.start : h.end] == "Advertisement"
    assert apply(text, [h.fix]).count("flooding. The chairman said") == 1


def test_layout_is_computed_once_per_document_and_shared():
    doc = parse(STORY, "draft.txt")
    for rule in ALL.values():
        list(rule.check(doc, Config()))
    first = layout_of(doc)
    assert doc.__dict__["_promo_layout"] is first
    list(ALL["Social"].check(doc, Config()))
    assert layout_of(doc) is first


def test_house_phrases_from_config_extend_a_category():
    text = (
        "The ferry timetable changes on Monday, the operator said in a statement.\n\n"
        "The Quayside Bulletin lands every Friday morning\n\n"
        "Fares will rise by five per cent from the start of the summer season.\n"
    )
    assert hits(text, "Newsletter")[1] == []
    config = Config(options={"promo_phrases": {"newsletter": ["Quayside Bulletin"]}})
    doc, found = hits(text, "Newsletter", config)
    assert [doc.lines.position(h.start)[0] for _, h in found] == [3]


def test_project_rule_with_its_own_phrases():
    meta = RuleMeta(id="house.OurNewsletter", type="promo", path="x", message="%s")
    rule = PromoRule(meta, {"category": "newsletter", "phrases": [r"\bthe wharf weekly\b"]})
    doc = parse("News.\n\nGet The Wharf Weekly free\n", "x.txt")
    assert len(list(rule.check(doc, Config()))) == 1


@pytest.mark.parametrize(
    "spec, key",
    [
        ({"phrases": ["x"]}, "category"),
        ({"category": "ad", "phrases": ["(unclosed"]}, "phrases"),
        ({"category": "ad", "cues": "fine", "headline_run": "three"}, "headline_run"),
        ({"category": "ad"}, "phrases"),
        ({"category": "ad", "phrases": ["x"], "roundup": -1}, "roundup"),
        ({"category": "ad", "phrases": ["x"], "tail_run": True}, "tail_run"),
        ({"category": "ad", "inserts": ["(?P<promo>"]}, "inserts"),
    ],
)
def test_bad_rule_files_are_reported_with_the_file(spec, key):
    meta = RuleMeta(id="promo.Bad", type="promo", path="rules/promo/Bad.yml")
    with pytest.raises(RuleError) as err:
        PromoRule(meta, spec)
    assert "rules/promo/Bad.yml" in str(err.value)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_file_examples(path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["extends"] == "promo" and spec["category"]
    ex = spec["examples"]
    assert len(ex["fail"]) >= 2 and len(ex["pass"]) >= 2
    for i, case in enumerate(ex["fail"]):
        doc, found = hits(case["text"], path.stem)
        assert found, f"fail example {i} of {path.stem} raised nothing"
        if "fixed" in ex:
            edits = [h.fix for _, h in found]
            assert apply(case["text"], edits) == ex["fixed"][i]
    for case in ex["pass"]:
        assert hits(case["text"], path.stem)[1] == []


def test_benchmark_runs_without_the_corpus(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "promo.py"), "--sample"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    head = out.stdout[out.stdout.index("{") : out.stdout.index("}") + 1]
    result = json.loads(head)
    assert result["recall"] == 1.0
    assert result["precision"] == 1.0
    assert result["clean_gold_articles_with_finding_per_100"] == 0.0


def test_engine_reports_block_lines_and_a_house_can_turn_one_category_off():
    from copylint import check_text
    from copylint.findings import Severity

    text = (
        "The bridge opened on Saturday to a crowd of several hundred people and a band.\n\n"
        "Related\nBridge repairs to close the ring road for a month\n"
        "Why the river crossing took nine years to build\n\n"
        "Officials expect the crossing to cut commuting times by a third, the mayor said.\n\n"
        "Follow us on Instagram for more pictures of the bridge\n"
    )
    found = check_text(text, path="draft.txt", config=Config(packs=("promo",)))
    got = sorted((f.rule, f.line, f.end_line) for f in found)
    assert got == [("promo.Social", 9, 9), ("promo.Teaser", 3, 5)]
    assert all(f.fix is not None and not f.fix.safe for f in found)
    off = Config(packs=("promo",), levels={"promo.Teaser": Severity.OFF})
    assert [f.rule for f in check_text(text, path="draft.txt", config=off)] == ["promo.Social"]


def test_crlf_and_markdown_link_lines():
    from copylint import check_text

    cfg = Config(packs=("promo",))
    text = (
        "The council met on Monday evening to discuss the budget.\r\n\r\n"
        "Advertisement\r\n\r\n"
        "The meeting ended shortly after nine, a spokesperson said.\r\n"
    )
    (f,) = check_text(text, path="a.txt", config=cfg)
    assert (f.rule, f.line, f.column, f.end_column) == ("promo.Ad", 3, 1, 14)
    assert apply(text, [f.fix]) == (
        "The council met on Monday evening to discuss the budget.\r\n\r\n"
        "The meeting ended shortly after nine, a spokesperson said.\r\n"
    )
    text = (
        "The council met on Monday evening to discuss the budget.\n\n"
        "Read more: [The budget explained](https://example.com/budget)\n\n"
        "Advertisement\n"
    )
    got = sorted((f.rule, f.line, f.end_line) for f in check_text(text, path="a.txt", config=cfg))
    assert got == [("promo.Ad", 5, 5), ("promo.Teaser", 3, 3)]


def test_house_phrases_from_a_real_config_file(tmp_path):
    from copylint.config import load_config
    from copylint.engine import Linter

    (tmp_path / "copylint.toml").write_text(
        'packs = ["promo"]\n\n[options]\n'
        'promo_phrases = { newsletter = ["Quayside Bulletin"], app_media = ["Ferry Finder"] }\n',
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The ferry timetable changes on Monday, the operator said in a statement.\n\n"
        "The Quayside Bulletin lands every Friday morning\n\n"
        "Fares will rise by five per cent from the start of the summer season.\n\n"
        "Plan your crossing with Ferry Finder\n",
        encoding="utf-8",
    )
    cfg = load_config(tmp_path / "copylint.toml")
    _, found = Linter(cfg).check_text(draft.read_text(encoding="utf-8"), str(draft), None)
    assert sorted((f.rule, f.line) for f in found) == [
        ("promo.AppMedia", 7),
        ("promo.Newsletter", 3),
    ]
    assert "app or media" in next(f.message for f in found if f.rule == "promo.AppMedia")


def test_prompt_at_the_end_of_a_body_paragraph_is_cut_off_alone():
    text = (
        "The shortlist was hard to draw up, and some favourites had to be left off. "
        "Leave a comment and tell us which gadget you would have picked.\n\n"
        "The full list follows below, in no particular order.\n"
    )
    doc, found = hits(text, "Comment")
    ((_, h),) = found
    assert doc.source[h.start : h.end] == (
        "Leave a comment and tell us which gadget you would have picked."
    )
    assert apply(text, [h.fix]) == (
        "The shortlist was hard to draw up, and some favourites had to be left off.\n\n"
        "The full list follows below, in no particular order.\n"
    )


BODY = (
    "The county opened its new library on Saturday after three years of building work "
    "and a long fight over the cost of the roof.\n\n"
    "Librarians said more than 2,000 people came through the doors on the first day, "
    "and the children's room had to close twice to let the crowds thin out.\n\n"
)


def test_headline_list_after_the_last_paragraph_is_a_teaser():
    text = BODY + (
        "Seven Villages Where the Bus Still Stops Twice a Day\n\n"
        "How One Baker Kept the Lights On Through the Floods\n\n"
        "The Quiet Return of the Travelling Cinema Van\n"
    )
    doc, found = hits(text, "Teaser")
    ((_, h),) = found
    assert doc.lines.position(h.start)[0] == 5
    assert doc.lines.position(h.end)[0] == 9
    assert apply(text, [h.fix]) == BODY.rstrip("\n") + "\n"


def test_two_headlines_or_subheads_in_the_body_are_not_a_teaser_list():
    text = (
        BODY + "What the Council Decided\n\n" + BODY + "Opening Hours Over the Holidays\n\n" + BODY
    )
    assert hits(text, "Teaser")[1] == []


def test_bulleted_headline_list_is_a_teaser_anywhere():
    text = (
        BODY
        + (
            "- Seven Villages Where the Bus Still Stops Twice a Day\n"
            "- How One Baker Kept the Lights On Through the Floods\n"
            "- The Quiet Return of the Travelling Cinema Van\n\n"
        )
        + BODY
    )
    doc, found = hits(text, "Teaser")
    ((_, h),) = found
    assert (doc.lines.position(h.start)[0], doc.lines.position(h.end)[0]) == (5, 7)


def test_cli_fix_removes_promo_only_with_unsafe_fixes(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from copylint.cli import cli

    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    draft = tmp_path / "story.txt"
    draft.write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["fix", "story.txt"])
    assert draft.read_text(encoding="utf-8") == STORY
    result = runner.invoke(cli, ["fix", "--unsafe-fixes", "story.txt"])
    assert result.exit_code == 0, result.output
    fixed = draft.read_text(encoding="utf-8")
    assert ">>>" not in fixed and "Next:" not in fixed
    assert fixed.endswith("new mooring app in their hundreds.\n")
    assert "\n\n\n" not in fixed
    assert '"We will follow the case and read more widely' in fixed


def test_blocks_of_two_categories_in_a_row_have_fixes_that_do_not_overlap():
    from copylint import check_text
    from copylint.fixer import apply_edits

    cfg = Config(packs=("promo",))
    text = (
        BODY + "Share this article\n\nNext: Seven villages where the bus still stops twice a day\n"
    )
    found = check_text(text, path="a.txt", config=cfg)
    assert sorted(f.rule for f in found) == ["promo.Social", "promo.Teaser"]
    assert apply_edits(text, [f.fix for f in found]) == BODY.rstrip("\n") + "\n"
    html = (
        "<article>\n<p>" + BODY.split("\n\n")[0] + "</p>\n"
        '<div class="share">Share this article</div>\n'
        '<p>Next: <a href="/x">Seven villages where the bus still stops</a></p>\n'
        "</article>\n"
    )
    found = check_text(html, path="a.html", config=cfg)
    assert sorted(f.rule for f in found) == ["promo.Social", "promo.Teaser"]
    fixed = apply_edits(html, [f.fix for f in found])
    assert fixed == "<article>\n<p>" + BODY.split("\n\n")[0] + "</p>\n</article>\n"


def test_markdown_story_with_a_blockquoted_prompt_and_a_real_quote():
    from copylint import check_text
    from copylint.fixer import apply_edits

    cfg = Config(packs=("promo",))
    found = check_text(STORY, path="story.md", config=cfg)
    assert sorted((f.rule, f.line) for f in found) == [
        ("promo.Newsletter", 5),
        ("promo.Teaser", 11),
    ]
    fixed = apply_edits(STORY, [f.fix for f in found])
    assert ">>>" not in fixed and "Next:" not in fixed and "\n\n\n" not in fixed
    md = (
        "The mayor spoke for an hour.\n\n"
        '> "Sign up for our newsletter and you will never miss a meeting," she said.\n\n'
        "Then the vote was taken.\n"
    )
    assert check_text(md, path="a.md", config=cfg) == []


@pytest.mark.parametrize("value", ["Quayside", {"newsletter": 5}, {"newsletter": [1, 2]}])
def test_bad_promo_phrases_option_is_a_config_error(value):
    from copylint.errors import ConfigError

    config = Config(path="copylint.toml", options={"promo_phrases": value})
    doc = parse("Some text here.\n", "x.txt")
    with pytest.raises(ConfigError) as err:
        list(ALL["Newsletter"].check(doc, config))
    assert "copylint.toml" in str(err.value) and "promo_phrases" in str(err.value)


PRODUCT = (
    "The Quayside kettle boils a litre in under two minutes and switches itself off "
    "when the water is ready, which our testers liked.\n\n"
)


@pytest.mark.parametrize(
    "rule, line",
    [
        ("Affiliate", "See it now: Harbour Outfitters"),
        ("Affiliate", "Buy it at Quayside Stores"),
        ("Affiliate", "Quayside Kettle: $49 at Harbour Outfitters"),
        ("Affiliate", "$49.99 at Quayside Stores"),
        ("Affiliate", "Get it for 30 percent off now at just $34."),
        ("Affiliate", "Price: $45 (was $60)"),
        # member sign-in prompts
        ("Paywall", "Already a member? Sign in to keep reading"),
        ("Paywall", "Sign in to continue reading"),
        ("Paywall", "Log in with Google"),
        ("Paywall", "Sign In / Sign Up"),
    ],
)
def test_shopping_links_and_sign_in_prompts_between_paragraphs(rule, line):
    text = PRODUCT + line + "\n\nIt comes in three colours and a matching toaster.\n"
    doc, found = hits(text)
    assert [(n, doc.source[h.start : h.end]) for n, h in found] == [(rule, line)]


def test_a_roundup_reports_each_buy_link_but_not_the_products_between_them():
    # a buy link is promo by the definitions, in a shopping guide too; the product
    # lines between the links are the guide's content and never join a block
    items = "".join(
        f"{name} for ${price}\n\nSee it now: Harbour Outfitters\n\n"
        f"The {name} is light, sturdy and easy to clean, and it comes in four colours "
        "that our testers all liked.\n\n"
        for name, price in [("Kettle", 49), ("Toaster", 39), ("Lamp", 25), ("Radio", 60)]
    )
    disclosure = "Disclosure: we may earn a commission from the products on this page."
    text = f"Our favourite kitchen gadgets of the year.\n\n{disclosure}\n\n" + items
    doc, found = hits(text, "Affiliate")
    reported = [doc.source[h.start : h.end] for _, h in found]
    assert reported == [disclosure] + ["See it now: Harbour Outfitters"] * 4
    # a disclosure left in an ordinary story is reported as well
    doc, found = hits(PRODUCT + disclosure + "\n\n", "Affiliate")
    assert [doc.source[h.start : h.end] for _, h in found] == [disclosure]


TAIL_STORY = (
    "The harbour board voted on Tuesday to close the east pier for repairs after "
    "engineers found cracks in three of its supports during a survey.\n"
    "Boat owners will be moved to the west basin until the work is finished next "
    "year, the chairman told the meeting.\n"
)


def test_headline_items_ending_the_document_are_one_teaser_block():
    items = [
        ("Ferry fares to rise in spring", "Commuters face a second rise this year"),
        ("Lighthouse reopens to visitors", "The keeper will lead tours on Sundays."),
        ("Market hall gets a new roof", "Work starts after the summer fair"),
        ("Rowing club wins regional cup", "A late surge sealed the title for the crew."),
    ]
    tail = "".join(f"-\n{head}\n{blurb}\n" for head, blurb in items)
    doc, found = hits(TAIL_STORY + tail, "Teaser")
    assert len(found) == 1
    h = found[0][1]
    assert doc.source[h.start : h.end] == tail.strip()[2:]


@pytest.mark.parametrize(
    "tail",
    [
        # practical information: no blurbs, no separators
        "Open Tuesday to Saturday from 4pm\nTickets from the harbour office\n"
        "Suitable for ages four and up\nFree parking on the quay\n",
        # a numbered list is the article's content
        "".join(f"-\n{k}) Harbour item number {k}\nA short note on it.\n" for k in range(1, 6)),
    ],
)
def test_practical_lines_or_a_numbered_list_ending_the_document_pass(tail):
    assert hits(TAIL_STORY + tail, "Teaser")[1] == []


def test_a_chain_of_cut_off_story_openings_after_the_article_is_a_teaser():
    body = (
        "The harbour board voted on Tuesday to close the east pier for repairs. "
        "Engineers found cracks in three of the supports during a survey in May. "
        "Boat owners will be moved to the west basin until the work is finished. "
        "The board expects the pier to reopen next year, its chairman said. "
    )
    teasers = (
        "PORTSEA, Hants — The ferry company has ordered two new boats for the "
        "crossing, and the first is due in the spring with... "
        "Rowers from the harbour club won the regional cup on Sunday after a late "
        "surge in the final race of the... "
        "The lighthouse keeper will lead tours of the tower on Sundays, the trust "
        "said in a statement on..."
    )
    text = body * 2 + teasers + "\n"
    doc, found = hits(text, "Teaser")
    assert len(found) == 1
    h = found[0][1]
    assert doc.source[h.start : h.end] == teasers
    assert apply(text, [h.fix]) == (body * 2).rstrip() + "\n"


def test_an_ellipsis_or_two_in_body_text_is_not_a_chain():
    text = (
        "The keeper paused and said the tower was older than the town... "
        "Then she climbed the 120 steps again, slowly, as she did every night of the year. "
        "Nobody else in the village had ever been to the top of the... "
        "The trust will open it to visitors next year.\n"
    )
    assert hits(text, "Teaser")[1] == []


def test_previous_and_next_story_links_are_teasers():
    text = (
        TAIL_STORY + "\n← Previous Story\n\nLighthouse reopens to visitors on Sunday\n\n"
        "Newer Story →\n\nFerry fares to rise in the spring\n"
    )
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end].splitlines()[0] for _, h in found] == ["← Previous Story"]
    assert doc.source[found[0][1].end - 10 : found[0][1].end] == "the spring"


def test_a_link_card_glued_into_a_sentence_is_cut_out_alone():
    text = (
        "The council met on Monday to discuss the harbour budget for next year.\n\n"
        "Rep. Dana Whitfield Dana WhitfieldWhitfield backs harbour bill | Ferry fares to "
        "rise in spring | Port strike ends MORE (D-Maine) said the plan was sound.\n"
    )
    doc, found = hits(text, "Teaser")
    assert len(found) == 1
    h = found[0][1]
    assert doc.source[h.start : h.end].startswith("Dana WhitfieldWhitfield backs")
    assert doc.source[h.start : h.end].endswith("Port strike ends MORE")
    assert apply(text, [h.fix]).endswith("Rep. Dana Whitfield (D-Maine) said the plan was sound.\n")


def test_a_name_said_twice_in_body_text_is_no_link_card():
    text = (
        "The council met on Monday to discuss the harbour budget for next year.\n\n"
        "Dana Whitfield, Dana Whitfield! the crowd chanted, and MORE followed.\n"
    )
    assert hits(text, "Teaser")[1] == []


def test_a_subscribe_prompt_broken_across_blank_lines_is_one_block():
    text = (
        TAIL_STORY + "\nSubscribe\n\nto the Harbour Herald and stay informed with more of our\n\n"
        "Local\n\nreporters.\n\nThe pier will reopen next year, the board said in a "
        "statement on Friday evening.\n"
    )
    doc, found = hits(text, "Paywall")
    assert len(found) == 1
    h = found[0][1]
    assert doc.source[h.start : h.end].startswith("Subscribe")
    assert doc.source[h.start : h.end].endswith("reporters.")


def test_the_closing_terms_line_of_a_comment_policy_joins_it():
    text = (
        TAIL_STORY + "\nWe reserve the right to remove any comment that is abusive or off-topic.\n"
        "Read our full commenting terms here.\n"
    )
    doc, found = hits(text, "Comment")
    assert len(found) == 1
    assert doc.source[found[0][1].start : found[0][1].end].endswith("terms here.")


def test_a_link_card_may_give_the_name_with_a_middle_name():
    text = (
        "The council met on Monday to discuss the harbour budget for next year.\n\n"
        "Mayor Dana WhitfieldDana Ruth WhitfieldWhitfield backs harbour bill | Port "
        "strike ends MORE said the plan was sound.\n"
    )
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [
        "Dana Ruth WhitfieldWhitfield backs harbour bill | Port strike ends MORE"
    ]


def test_a_quoted_headline_in_capitals_between_short_paragraphs_is_a_teaser():
    text = (
        "The harbour board voted on Tuesday to close the east pier for repairs after "
        "engineers found cracks in three of its supports.\n\n"
        "'HARBOUR NIGHTS' STAR SAYS THE SHOW SAVED HER CAREER\n\n"
        "Boat owners will move to the west basin until the work ends next year.\n"
    )
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [
        "'HARBOUR NIGHTS' STAR SAYS THE SHOW SAVED HER CAREER"
    ]
    # in sentence case, between two short paragraphs, it may be a subhead: it passes
    lower = text.replace(
        "'HARBOUR NIGHTS' STAR SAYS THE SHOW SAVED HER CAREER",
        "'Harbour Nights' Star Says the Show Saved Her Career",
    )
    assert hits(lower, "Teaser")[1] == []


PIER_STORY = [
    "The harbour board voted on Tuesday to close the east pier of Porthmoor for repairs.",
    "Engineers found deep cracks in three of the pier's timber supports during a survey.",
    "The pier was built in 1886 and carried a railway line to the steamer berth until 1931.",
    "Boat owners with moorings along the pier will move to the west basin this month.",
    "The harbour master, Ruth Penrose, said the basin could hold forty boats at most.",
    "Fishing crews worry that the basin is too shallow for their boats at low tide.",
    "The board has asked the county for a grant to cover half of the repair bill.",
    "Divers will inspect the pier's foundations once the winter storms have passed.",
    "Penrose said the harbour board would publish the engineers' survey next week.",
    "Shops on the quay fear that summer visitors will stay away while the pier is shut.",
    "The harbour board expects the repaired pier to reopen to boats and walkers in spring.",
]
OTHER_STORIES = [
    "Astronomers in Chile have spotted a comet heading towards the inner solar system.",
    "The comet could become visible to the naked eye by the middle of January.",
    "A violinist from Lyon won the international competition in Brussels on Saturday.",
    "Judges praised her performance of a rarely heard concerto by a Finnish composer.",
]


@pytest.mark.parametrize("sep", [" ", "\n\n"])
def test_other_stories_after_the_article_are_found_by_the_change_of_topic(sep):
    body = sep.join(PIER_STORY)
    tail = sep.join(OTHER_STORIES)
    text = body + sep + tail + "\n"
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [tail]
    assert apply(text, [found[0][1].fix]).rstrip() == body


@pytest.mark.parametrize(
    "ending",
    [
        # the article's own closing lines: they name its places, people and key words
        [
            "Penrose said the board would meet the fishing crews on Friday.",
            "A public meeting about the pier will be held in the harbour office.",
            "Walkers can still use the coastal path that runs behind the quay.",
        ],
        # an interview's questions change the topic at every turn
        [
            "Q: What do you do when you are not at the harbour?",
            "A: I sing in a choir and grow tomatoes in a small greenhouse.",
            "Q: Which book would you take to a desert island with you?",
            "A: An atlas of old railway maps, because I never tire of them.",
        ],
        # too little of it: two sentences on something else
        OTHER_STORIES[2:],
    ],
)
def test_the_articles_own_ending_is_no_change_of_topic(ending):
    text = "\n\n".join(PIER_STORY + ending) + "\n"
    assert hits(text, "Teaser")[1] == []


NAMED_PLUG = (
    "The harbour board voted on Tuesday to close the east pier for repairs, after "
    "engineers found cracks in three of its supports during a survey in May. "
    "Boat owners will be moved to the west basin until the work is finished next spring. "
    "Start your mornings with the Quay Bulletin Daily. "
    "The Quay Bulletin Daily is the favourite breakfast read of harbour watchers. "
    "Sign up for the Quay Bulletin Daily today and get it free in your inbox. "
)


def test_sentences_about_the_product_a_plug_sells_join_its_block():
    text = NAMED_PLUG + "\n"
    doc, found = hits(text, "Newsletter")
    assert [doc.source[h.start : h.end] for _, h in found] == [
        "Start your mornings with the Quay Bulletin Daily. "
        "The Quay Bulletin Daily is the favourite breakfast read of harbour watchers. "
        "Sign up for the Quay Bulletin Daily today and get it free in your inbox."
    ]


def test_a_name_the_article_uses_or_reports_on_is_not_the_plugs():
    # the article names the service in its own sentences: the body keeps them
    body = NAMED_PLUG.replace(
        "Boat owners",
        "The Quay Bulletin Daily said boat owners were angry. Boat owners",
    )
    doc, found = hits(body + "\n", "Newsletter")
    assert [doc.source[h.start : h.end] for _, h in found] == [
        "Sign up for the Quay Bulletin Daily today and get it free in your inbox."
    ]
    reported = NAMED_PLUG.replace(
        "The Quay Bulletin Daily is the favourite breakfast read of harbour watchers.",
        "The Quay Bulletin Daily first reported the cracks in May.",
    ).replace("Start your mornings with the Quay Bulletin Daily. ", "")
    reported = "Divers will inspect the foundations once the winter storms have passed. " + reported
    doc, found = hits(reported + "\n", "Newsletter")
    assert [doc.source[h.start : h.end] for _, h in found] == [
        "Sign up for the Quay Bulletin Daily today and get it free in your inbox."
    ]


@pytest.mark.parametrize(
    "line, rule",
    [
        ("Send us your photos of the flood", "Comment"),
        ('[button link="x" size="big"] Send us YOUR bike review[/button]', "Comment"),
        (
            "Welcome to Ann's Deal Desk, your daily source for the best deals on kettles.",
            "Affiliate",
        ),
    ],
)
def test_reader_calls_and_deal_column_intros_are_promo(line, rule):
    text = f"The pier will reopen in spring, the harbour board said.\n\n{line}\n"
    doc, found = hits(text, rule)
    assert len(found) == 1
    assert "pier" not in doc.source[found[0][1].start : found[0][1].end]


@pytest.mark.parametrize(
    "line",
    [
        "The museum asked readers to send us their photos of the old pier.",
        '"Send us your photos," the curator told the crowd at the pier.',
        "Welcome to the valley, a sign at the pass tells drivers.",
    ],
)
def test_the_same_words_in_body_text_pass(line):
    text = f"The pier will reopen in spring, the harbour board said.\n\n{line}\n"
    assert hits(text, "Comment")[1] == [] and hits(text, "Affiliate")[1] == []


LONE = (
    "The harbour board voted on Tuesday to close the east pier for repairs this winter.\n\n"
    "{line}\n\n"
    "Boat owners will be moved to the west basin until the work is finished in spring.\n"
)


def test_a_lone_bulleted_headline_between_paragraphs_is_a_teaser():
    line = "• Lighthouse keeper climbs the tower for the last time"
    doc, found = hits(LONE.format(line=line), "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [line]
    # at the end of the story too
    text = LONE.format(line="Divers will inspect the pier's foundations in March.") + line + "\n"
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [line]


@pytest.mark.parametrize(
    "line",
    [
        # a real list has two items or more
        "• Moorings on the east side\n• Moorings on the north wall",
        # a credit line
        "- Additional reporting by Ann Lee and Tom Moss",
        # a full sentence
        "• Boat owners should move their boats before the end of the month.",
    ],
)
def test_lists_credits_and_bulleted_sentences_are_no_lone_teaser(line):
    assert hits(LONE.format(line=line), "Teaser")[1] == []


def test_a_plug_glued_to_a_body_sentence_takes_the_sentences_about_its_product():
    body = (
        "The harbour board voted on Tuesday to close the east pier for repairs, after "
        "engineers found cracks in three of its supports during a survey in May. "
        "Boat owners will be moved to the west basin until the work is finished next spring, "
        "and the board expects the pier to reopen to walkers by the summer holidays."
    )
    plug = (
        "Get access to Quay Bulletin Plus for as little as $5 a month. "
        'Use the code "PIER". '
        "Quay Bulletin Plus offers you tide tables, harbour news and weekly market prices."
    )
    text = body + plug + "\n"
    doc, found = hits(text, "Paywall")
    assert [doc.source[h.start : h.end] for _, h in found] == [plug]
    assert apply(text, [found[0][1].fix]) == body + "\n"


def test_a_comment_policy_giving_the_site_the_right_to_block_users_is_promo():
    line = "The editors have the right to block a user's access without notice."
    text = f"The pier will reopen in spring, the harbour board said.\n\n{line}\n"
    doc, found = hits(text, "Comment")
    assert [doc.source[h.start : h.end] for _, h in found] == [line]
    body = "The court ruled that the council has the right to block the sale of the pier.\n"
    assert hits(body, "Comment")[1] == []


def test_a_change_of_topic_run_does_not_take_the_articles_credit_line():
    credit = "Additional reporting by Ann Lee and Tom Moss; editing by Jo Hart."
    tail = "\n\n".join(OTHER_STORIES)
    text = "\n\n".join(PIER_STORY) + "\n\n" + credit + "\n\n" + tail + "\n"
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [tail]


def test_the_items_of_a_list_ending_the_article_are_no_change_of_topic():
    items = [
        "1. A brass telescope that folds neatly into a leather case.",
        "2. Woollen socks knitted by a cooperative of alpaca farmers in Peru.",
        "3. A card game about ancient Egyptian pyramids and their tombs.",
        "4. A cookbook of soups from the kitchens of northern Scotland.",
    ]
    text = "\n\n".join(PIER_STORY + items) + "\n"
    assert hits(text, "Teaser")[1] == []


def test_the_last_products_of_a_shopping_roundup_are_no_change_of_topic():
    products = [
        "A brass telescope that folds neatly into a leather case.",
        "Get it at Harbour Goods for $45",
        "Woollen socks knitted by alpaca farmers in the mountains of Peru.",
        "Get it at Harbour Goods for $12",
        "A card game in which players race to finish ancient Egyptian tombs.",
        "Get it at Harbour Goods for $20",
        "Soup recipes gathered from crofters' kitchens across the northern isles.",
    ]
    text = "\n\n".join(PIER_STORY + products) + "\n"
    assert hits(text, "Teaser")[1] == []


@pytest.mark.parametrize(
    "header",
    ["Related news", "Next up in Sport", "Most popular articles", "Trending now on Quaynews.com"],
)
def test_more_wordings_of_a_headline_list_header_head_a_teaser_block(header):
    text = (
        "The bridge opened on Saturday to a crowd of several hundred people and a brass band.\n"
        "\n"
        f"{header}\n"
        "Lighthouse keeper marks forty years on the rocks\n"
        "Why the ferry fares went up again this spring\n"
        "\n"
        "Officials expect the crossing to cut commuting times by a third, the mayor said.\n"
    )
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end] for _, h in found] == [
        f"{header}\nLighthouse keeper marks forty years on the rocks\n"
        "Why the ferry fares went up again this spring"
    ]


def test_a_line_that_only_names_popular_things_is_no_header():
    text = (
        "The bridge opened on Saturday to a crowd of several hundred people and a brass band.\n"
        "\n"
        "Most popular among the crowd were the fireworks over the river, the organisers said.\n"
    )
    assert hits(text, "Teaser")[1] == []


def test_signing_in_as_part_of_the_story_is_not_a_prompt():
    text = (
        "Staff log in with their cards at the gate, and sign in to the visitors' book "
        "when they bring a guest, the harbour master said.\n"
    )
    assert hits(text, "Paywall")[1] == []


ONE_LINE_PAGE = (
    "The harbour board voted on Tuesday to close the east pier for repairs after engineers "
    "found cracks in three of its supports during a routine survey in May. Boat owners will "
    "be moved to the west basin until the work is finished next year, the chairman told the "
    "meeting. The board expects the pier to reopen in the spring, once the new supports have "
    "set and the deck has been relaid by the contractors from the mainland. "
)


@pytest.mark.parametrize(
    "header", ["More Great Harbour Stories", "You may also like:", "DON'T MISS", "Read more:"]
)
def test_a_list_header_glued_in_front_of_a_headline_on_a_one_line_page(header):
    # an extractor ran the page together: the header is cut out, the text kept
    text = ONE_LINE_PAGE + f"{header} Lighthouse keeper marks forty years on the rocks\n"
    doc, found = hits(text, "Teaser")
    assert [doc.source[h.start : h.end].strip() for _, h in found] == [header]


def test_the_same_words_opening_a_sentence_of_the_story_pass():
    text = ONE_LINE_PAGE + (
        "Read more widely about the pier, the librarian urged. Don't miss the open day, "
        "she added, as the crowd drifted off.\n"
    )
    assert hits(text, "Teaser")[1] == []
