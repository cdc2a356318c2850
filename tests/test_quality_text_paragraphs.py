"""Plain-text drafts with one paragraph per line and no blank lines: each line is a
paragraph; hard-wrapped text keeps its paragraphs."""

from __future__ import annotations

import json
import textwrap

import pytest

CONFIG = """\
[levels]
spelling = "off"
promo = "off"
house = "off"
"house.ParagraphLength" = "suggestion"
"house.UnbalancedQuotes" = "warning"
"""

SHORT = (
    "The library board met on Tuesday to talk about the roof, which has leaked since "
    "the spring storms. Members agreed to ask three firms for quotes before the next "
    "meeting, and the chair said repairs could start in the autumn."
)  # 40 words
LONG = " ".join(
    [
        "The parks committee spent most of the evening on the plan for the riverside path.",
        "Walkers want a wider path with benches every few hundred yards and better lights.",
        "Cyclists asked for a separate lane, because the path is busy on weekend mornings.",
        "Owners of the shops near the bridge said they worry about losing parking spaces.",
        "The engineer said a wider path would cost more than the town had set aside.",
        "She offered two cheaper designs, one of them without the new lights at all.",
        "Several members said they would rather wait a year than build half of the plan.",
        "The committee will hear from the county about grants before it votes in March.",
        "A public meeting on the path is planned for the last week of February.",
    ]
)  # 129 words


@pytest.fixture
def project(tmp_path):
    (tmp_path / "copylint.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def findings(run, name):
    r = run("check", "--format", "json", name)
    assert r.exit_code in (0, 1), r.output
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(r.stdout)["findings"]]


def test_one_paragraph_per_line_is_read_line_by_line(project, write, run):
    assert len(LONG.split()) > 120 >= 2 * len(SHORT.split())
    write("lines.txt", f"Board news\n{SHORT}\n{LONG}\n{SHORT}\n")
    # only the long paragraph (line 3) is too long, not the whole draft
    assert findings(run, "lines.txt") == [("house.ParagraphLength", 3, 1)]


def test_crlf_lines_too(project, tmp_path, run):
    text = f"{SHORT}\r\n{LONG}\r\n{SHORT}\r\n"
    (tmp_path / "crlf.txt").write_bytes(text.encode())
    assert findings(run, "crlf.txt") == [("house.ParagraphLength", 2, 1)]
    # a hard-wrapped CRLF paragraph is one paragraph (a lone CRLF was read as a blank line)
    wrapped = textwrap.fill(LONG, 72).replace("\n", "\r\n") + "\r\n"
    (tmp_path / "wrapped.txt").write_bytes(wrapped.encode())
    assert findings(run, "wrapped.txt") == [("house.ParagraphLength", 1, 1)]


def test_quotations_run_on_from_line_to_line(project, write, run):
    opened = SHORT.replace("Members agreed", "“Members agreed")
    write("q.txt", f"{opened}\n“{SHORT}”\n{opened}\n{SHORT}\n")
    # line 1 leaves a quotation open and line 2 continues it; line 3 does not get one
    assert findings(run, "q.txt") == [("house.UnbalancedQuotes", 4, 1)]


def test_hard_wrapped_text_keeps_its_paragraphs(project, write, run):
    for width in (72, 80):
        wrapped = textwrap.fill(LONG, width) + "\n\n" + textwrap.fill(SHORT, width) + "\n"
        write("wrapped.txt", wrapped)
        assert findings(run, "wrapped.txt") == [("house.ParagraphLength", 1, 1)]


def test_hard_wrapped_with_a_long_url_line_stays_one_paragraph(project, write, run):
    url = "https://example.org/" + "a-very-long-path-segment/" * 5
    before, after = textwrap.fill(SHORT + " " + SHORT, 72), textwrap.fill(SHORT + " " + SHORT, 72)
    body = f"{before}\n{url}\n{after}"
    assert len(body.split()) > 120
    write("url.txt", body + "\n")
    assert findings(run, "url.txt") == [("house.ParagraphLength", 1, 1)]


def test_a_page_in_another_language_with_short_lines_is_not_spell_checked(tmp_path, write, run):
    (tmp_path / "copylint.toml").write_text(
        '[levels]\npromo = "off"\nhouse = "off"\n', encoding="utf-8"
    )
    long = (
        "El consejo municipal se reunió el martes por la noche en la vieja biblioteca, "
        "porque la sala grande estaba cerrada por obras y no había otro lugar libre."
    )
    short = ["Tiempo de lectura: dos minutos", "Los vecinos quieren bancos nuevos.", "Gracias."]
    write("es.txt", "\n".join([long, short[0], long, short[1], long, short[2]]) + "\n")
    # read line by line, each short line alone is too short to tell its language
    assert findings(run, "es.txt") == []


def test_a_line_starting_in_lowercase_goes_on_the_paragraph_before(project, write, run):
    opened = SHORT.replace("Members agreed", "“Members agreed")
    write("cont.txt", f"{opened}\nand the chair closed the meeting.”\n{SHORT}\n")
    assert findings(run, "cont.txt") == []
