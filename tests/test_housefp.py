"""House pack false positives on real copy: names, places, markup, product numbers, ranges."""

from __future__ import annotations

from copylint.config import Config
from copylint.engine import Linter
from copylint.rules.loader import load_packs

HOUSE = load_packs(("house",))


def findings(text: str, rule: str, path: str = "draft.txt") -> list:
    linter = Linter(Config(packs=("house",), dialect="en-US"), HOUSE)
    return [f for f in linter.check_text(text, path)[1] if f.rule == f"house.{rule}"]


def test_state_abbreviation_suggestion_keeps_its_own_case():
    (f,) = findings("Fans gathered in Albany, N.Y. on a cold Monday.", "StateAbbreviations")
    assert f.suggestions == ("New York",)
    assert "'New York'" in f.message


def test_oxford_comma_after_place_and_state_but_not_in_a_list_of_places():
    text = "She taught in Dayton, Ohio, and in Gary, Indiana, for years."
    assert findings(text, "OxfordComma") == []
    (f,) = findings("The band toured Ohio, Texas, and Utah in May.", "OxfordComma")
    assert f.match == ","


def test_number_commas_long_id_and_product_number_but_not_a_count():
    text = "The Lakeside Kettle 48213 Deluxe, ref 20241130123456, drew 45000 buyers."
    assert [f.match for f in findings(text, "NumberCommas")] == ["45000"]


def test_entity_semicolon_in_plain_text_is_not_punctuation():
    text = "The feed showed &quot;Breaking&quot; and the crowd left;then it rained."
    assert [f.match for f in findings(text, "SpaceAfterPunctuation")] == [";"]


def test_day_range_with_en_dash_is_not_a_break():
    text = "Open Mon – Fri. The plan – if it passes – starts soon."
    assert len(findings(text, "EnDashAsDash")) == 2
