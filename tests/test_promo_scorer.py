"""The promo scorer: data lists left alone, teasers with no marker, new call-to-action
wordings and cut-off fragments found, the confidence in JSON output, the per-category
bar in config, and the shipped weights evaluated in plain Python."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from copylint import check_text
from copylint.cli import cli as main
from copylint.config import Config
from copylint.promo.scorer import WEIGHTS_FILE, Model, default_model

STORY = (
    "The harbour board voted on Tuesday to close the east pier for repairs after "
    "engineers found cracks in three of its concrete supports during a survey.\n\n"
    "Boat owners will be moved to the west basin until the work is finished next "
    "spring, and the board will pay for the extra moorings, the chairman said.\n\n"
    "The pier was built in 1926 and last repaired in the 1980s, when a storm tore "
    "away part of its railings and two of the lamps that line the walk.\n"
)


def promo(text: str, config: Config | None = None) -> list[tuple[str, str]]:
    found = check_text(text, config=config or Config(packs=("promo",)), path="draft.txt")
    return [(f.rule, f.match.strip()) for f in found if f.rule.startswith("promo.")]


# --------------------------------------------------------------------------- data lists
TOUR = (
    "The Lantern Keepers will play eleven shows on their spring tour, the band's "
    "first since the singer recovered from a throat operation last year.\n\n"
    "The dates are:\n\n"
    "May 4 – Bristol @ Harbour Hall\n"
    "May 6 – Leeds @ The Old Mill Rooms\n"
    "May 9 – Glasgow @ Riverside Ballroom\n"
    "May 11 – Dublin @ Quay Street Theatre\n\n"
    "Tickets go on sale on Friday morning through the venues.\n"
)
GROUPS = (
    "Sixteen teams have qualified for the rowing championship, which opens in "
    "Lucerne next month with the heats of the coxless fours.\n\n"
    "Norway (Group A): 9th appearance\n"
    "Chile (Group A): 2nd appearance\n"
    "Portugal (Group B): 6th appearance\n"
    "Kenya (Group B): 1st appearance\n\n"
    "The final will be rowed on the last Sunday of the month.\n"
)
UP_NEXT = (
    "The Gulls beat the Otters 4-2 on Saturday night, with two late goals from the "
    "captain sealing a third win in a row for the home side.\n\n"
    "The Otters had led 2-1 after the second period before the Gulls pulled level "
    "on a power play with six minutes left.\n\n"
    "UP NEXT\n\n"
    "Otters: Visit the Herons on Tuesday.\n\n"
    "Gulls: Host the Pelicans on Thursday.\n"
)
ELLIPSIS_ITEMS = (
    "The council listed the projects it will pay for next year in its budget "
    "papers, published on Monday after a long delay.\n\n"
    "- a new roof for the market hall, new lighting on the quay…\n"
    "- repairs to the sea wall at the north end, the slipway…\n"
    "- a footbridge over the canal near the school, and benches…\n\n"
    "The full list runs to forty items, the treasurer said.\n"
)


@pytest.mark.parametrize(
    "text",
    [TOUR, GROUPS, UP_NEXT, ELLIPSIS_ITEMS],
    ids=["tour dates", "group table", "up next schedule", "items ending with an ellipsis"],
)
def test_lists_of_data_are_not_teaser_lists(text):
    assert promo(text) == []


# --------------------------------------------------------------------------- teasers
def test_another_storys_headline_after_the_end_is_a_teaser_with_no_marker():
    teaser = "Why the city's bus drivers are learning to read sign language"
    found = promo(STORY + "\n" + teaser + "\n")
    assert found == [("promo.Teaser", teaser)]


def test_another_storys_headline_between_paragraphs_is_a_teaser():
    first, rest = STORY.split("\n\n", 1)
    teaser = "Ten mountain villages where the snow never melts before May"
    found = promo(first + "\n\n" + teaser + "\n\n" + rest)
    assert found == [("promo.Teaser", teaser)]


def test_a_subheading_on_the_storys_own_topic_is_not_a_teaser():
    first, rest = STORY.split("\n\n", 1)
    heading = "Repairs to the east pier supports"
    assert promo(first + "\n\n" + heading + "\n\n" + rest) == []


# --------------------------------------------------------------------------- wordings
@pytest.mark.parametrize(
    "line, rule",
    [
        ("On HarbourHerald.com: Ferry fares rise again", "promo.Teaser"),
        ("Make us your homepage", "promo.AppMedia"),
        ("Your email address will not be published. Required fields are marked *", "promo.Comment"),
        (
            "The Harbour Herald is a participant in an affiliate advertising program "
            "designed to let sites earn fees by linking to retailers.",
            "promo.Affiliate",
        ),
        ("Download our apps for iOS and Android", "promo.AppMedia"),
        ("Members, sign in to keep reading", "promo.Paywall"),
    ],
)
def test_calls_to_action_in_new_wordings_are_found(line, rule):
    first, rest = STORY.split("\n\n", 1)
    found = promo(first + "\n\n" + line + "\n\n" + rest)
    assert found == [(rule, line)]


def test_a_click_to_tweet_prompt_glued_to_a_pull_quote_is_cut_alone():
    quote = '"We built this pier to stand for another hundred years," the engineer said.'
    text = STORY + "\n" + quote + " Click to tweet\n"
    found = check_text(text, config=Config(packs=("promo",)), path="draft.txt")
    assert [(f.rule, f.match) for f in found] == [("promo.Social", "Click to tweet")]
    assert found[0].fix is not None
    fixed = text[: found[0].fix.start] + text[found[0].fix.end :]
    assert fixed.endswith(quote + "\n")


# --------------------------------------------------------------------------- fragments
def test_boilerplate_cut_off_mid_sentence_is_found():
    fragment = "…and tutorials straight to your inbox with the Weekly Quay newsletter."
    found = promo(STORY + "\n" + fragment + "\n")
    assert found == [("promo.Newsletter", fragment)]


def test_a_fragment_with_no_prompt_in_it_is_left_alone():
    fragment = "…and the lamps were replaced in the spring of the following year."
    assert promo(STORY + "\n" + fragment + "\n") == []


# --------------------------------------------------------------------------- the mission
def test_the_mission_example_still_works():
    text = (
        "The singer arrived at the premiere in a borrowed gown and left before the "
        "party, her publicist said on Sunday.\n\n"
        ">>> Sign up for our newsletter <<<\n\n"
        "She is due to start filming a new series in the autumn, the studio said.\n\n"
        "Next: Ten red-carpet looks that stole the show this year\n"
    )
    assert promo(text) == [
        ("promo.Newsletter", ">>> Sign up for our newsletter <<<"),
        ("promo.Teaser", "Next: Ten red-carpet looks that stole the show this year"),
    ]


# --------------------------------------------------------------------------- output, config
def test_json_output_gives_each_promo_finding_a_confidence(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(STORY + "\nShare this article\n", encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--config", str(tmp_path / "copylint.toml"), str(draft)]
    )
    data = json.loads(result.output)
    [item] = data["findings"]
    assert item["rule"] == "promo.Social"
    assert 0 < item["confidence"] <= 1


def test_the_confidence_survives_the_results_cache(tmp_path, run):
    (tmp_path / "draft.txt").write_text(STORY + "\nShare this article\n", encoding="utf-8")
    (tmp_path / "copylint.toml").write_text('packs = ["promo"]\n', encoding="utf-8")
    first = json.loads(run("check", "--format", "json", "draft.txt").stdout)["findings"]
    assert (tmp_path / ".copylint_cache").is_dir()
    second = json.loads(run("check", "--format", "json", "draft.txt").stdout)["findings"]
    assert [f["confidence"] for f in second] == [f["confidence"] for f in first]
    assert first[0]["confidence"] > 0


def test_a_house_can_raise_the_bar_of_one_category(tmp_path):
    text = STORY + "\nShare this article\n"
    assert promo(text) == [("promo.Social", "Share this article")]
    strict = Config(packs=("promo",), options={"promo_thresholds": {"social": 1.0}})
    assert promo(text, strict) == []
    # the other categories keep their bar
    assert promo(text + "\nAdvertisement\n", strict) == [("promo.Ad", "Advertisement")]


def test_a_bad_bar_in_config_is_a_clear_error(tmp_path):
    (tmp_path / "copylint.toml").write_text(
        'packs = ["promo"]\n[options]\npromo_thresholds = { social = "high" }\n',
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--config", str(tmp_path / "copylint.toml"), str(draft)]
    )
    assert result.exit_code == 2
    assert "promo_thresholds" in result.output
    assert "Traceback" not in result.output


def test_the_shipped_weights_load_and_score_in_plain_python():
    model = default_model()
    assert model is not None and WEIGHTS_FILE.is_file()
    assert 0 < model.score({"bias": 1.0}) < 1
    # the same file read twice gives the same model, and it survives a round trip
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    again = Model.from_json(Model.from_json(data).to_json())
    feats = {"bias": 1.0, "cat=teaser": 1.0, "ev=phrase": 1.0, "short": 1.0}
    assert again.score(feats) == pytest.approx(model.score(feats))


def test_a_tree_model_is_evaluated_node_by_node():
    # one stump: a block with a phrase goes right (+2), any other left (-2)
    stump = (("ev=phrase", "", ""), (0.5, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, -2.0, 2.0))
    model = Model({}, {"teaser": 0.5}, trees=(stump,), init=0.0, rate=1.0)
    assert model.score({"ev=phrase": 1.0}) > 0.8
    assert model.score({}) < 0.2
    assert model.threshold("teaser+loose") == 0.5
    assert model.threshold("teaser", {"teaser": 0.9}) == 0.9
