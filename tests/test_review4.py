"""Bugs found by a demanding first user of HTML drafts, the Python API and workflows."""

from __future__ import annotations

import json
from html.parser import HTMLParser

LONG_A = (
    "The council approved the harbour budget on Tuesday evening after a long debate "
    "that ran past midnight, with members split over the cost of new moorings."
)
LONG_B = (
    "The vote was close, with five members voting against the plan and two "
    "abstaining after a heated exchange about the ferry service."
)
LONG_C = (
    "Officials said the new moorings would be finished by the end of next year if the "
    "weather held and the contractors kept to their schedule."
)
SIGNUP = "Sign up for our morning newsletter to get the news delivered to your inbox."


class _Checker(HTMLParser):
    """Well-formedness as far as it matters here: every end tag closes an open element."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "hr", "meta", "link", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.stack:
            self.bad.append(tag)
            return
        while self.stack.pop() != tag:
            pass


def _html_page():
    return (
        "<html><body><article>\n"
        f"<p>{LONG_A}</p><p>{SIGNUP}</p>\n"
        f"<p>{LONG_B}\n"
        "<p>Sign up for our\nmorning newsletter to get the news\ndelivered to your inbox.\n"
        f"<p>{LONG_C}</p>\n"
        "<ul><li>The ferry timetable will change in spring for the first time in a decade."
        f"<li>{SIGNUP}<li>The harbour master will retire in June after thirty years.</ul>\n"
        "</article></body></html>\n"
    )


def test_html_promo_blocks_follow_elements_not_lines(run, write):
    """Promo detection cut HTML by lines: a <p> sharing a line with another, or one
    wrapped over three lines, was reported from the wrong line or with its neighbour."""
    write("copylint.toml", 'packs = ["promo"]\n')
    write("page.html", _html_page(), dedent=False)
    result = run("check", "-f", "json", "page.html")
    found = [
        (f["line"], f["end_line"], f["match"].strip())
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "promo.Newsletter"
    ]
    assert [(a, b) for a, b, _ in found] == [(2, 2), (4, 6), (8, 8)], found
    assert all(m.startswith("Sign up for our") and m.endswith("inbox.") for _, _, m in found)


def test_html_promo_removal_keeps_the_page_well_formed(run, write, tmp_path):
    """``fix --unsafe-fixes`` cut whole lines out of HTML: it left '<p>Sign up for our'
    behind and deleted the next list item with the prompt."""
    write("copylint.toml", 'packs = ["promo"]\n')
    write("page.html", _html_page(), dedent=False)
    result = run("fix", "--unsafe-fixes", "page.html")
    assert result.exit_code == 0, result.output
    out = (tmp_path / "page.html").read_text()
    assert "Sign up" not in out and "newsletter" not in out
    for kept in (LONG_A, LONG_B, LONG_C, "The ferry timetable", "The harbour master"):
        assert kept in out
    checker = _Checker()
    checker.feed(out)
    assert checker.bad == [] and checker.stack == [], out
    assert f"<p>{LONG_A}</p>\n" in out
    assert "decade.<li>The harbour master" in out


# --------------------------------------------------------------------------- Python API


def test_api_config_values_are_checked_and_normalised(tmp_path):
    """Config(dialect="en-gb") silently checked no dialect at all, Config(dialect="xx")
    was taken, a level or min_level given as a string raised a TypeError deep in the
    engine, and packs="spelling" looked for packs named 's', 'p'..."""
    import pytest

    import copylint
    from copylint.errors import ConfigError

    gb = copylint.Config(dialect="en-gb", root=tmp_path)
    assert gb.dialect == "en-GB"
    assert [f.rule for f in copylint.check_text("The color of it.", config=gb)] == [
        "spelling.Dialect"
    ]
    with pytest.raises(ConfigError, match="unknown dialect 'xx'"):
        copylint.Config(dialect="xx")
    cfg = copylint.Config(
        packs="spelling", levels={"spelling.Typos": "warning"}, min_level="warning"
    )
    assert cfg.packs == ("spelling",)
    found = copylint.check_text("Teh end.", config=cfg)
    assert [(f.rule, f.severity) for f in found] == [("spelling.Typos", copylint.Severity.WARNING)]
    with pytest.raises(ConfigError, match="spelling.Typos: unknown level 'loud'"):
        copylint.Config(levels={"spelling.Typos": "loud"})


def test_api_unknown_format_is_an_error_not_silence():
    import pytest

    import copylint
    from copylint.errors import InputError

    with pytest.raises(InputError, match="unknown format 'docx'"):
        copylint.check_text("Teh end.", format="docx")


def test_api_check_paths_takes_one_path_on_its_own(tmp_path, monkeypatch):
    """check_paths("drafts") iterated the string: 'd: no such file or folder'."""
    import copylint

    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("The mayr said it.\n")
    monkeypatch.chdir(tmp_path)
    for arg in ("drafts", tmp_path / "drafts"):
        results = copylint.check_paths(arg, copylint.Config(root=tmp_path))
        assert [len(r.findings) for r in results] == [1], results
        assert results[0].error is None
