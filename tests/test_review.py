"""Bugs found by trying the real CLI on drafts, as a first user would."""

from __future__ import annotations

import json


def _rules(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.output)["findings"]]


def test_co_op_and_photo_op_are_not_typos(run, write):
    write(
        "story.txt",
        """\
        The building was once a co-op grocery store.
        The mayor staged a photo-op at the new pre-op clinic.
        """,
    )
    result = run("check", "--format", "json", "story.txt")
    assert "spelling.Typos" not in _rules(result), result.output
    assert result.exit_code == 0


def test_two_letter_slip_still_flagged(run, write):
    write("story.txt", "He went to the store fo milk.\n")
    result = run("check", "--format", "json", "story.txt")
    assert "spelling.Typos" in _rules(result)


def test_words_written_with_html_entities_are_not_split_into_typos(run, write):
    write(
        "page.html",
        "<p>She didn&rsquo;t know. They weren&#8217;t there. The caf&eacute; and the\n"
        "pi&ntilde;ata were fine.</p>\n",
    )
    write("story.md", "She didn&rsquo;t know, and the caf&eacute; was shut.\n")
    result = run("check", "--format", "json", "page.html", "story.md")
    assert _rules(result) == [], result.output
    assert result.exit_code == 0


def test_typo_before_a_space_entity_is_still_found(run, write):
    write("page.html", "<p>He said teh&nbsp;end was near&mdash;recieved wisdom.</p>\n")
    result = run("check", "--format", "json", "page.html")
    findings = json.loads(result.output)["findings"]
    found = [f["match"] for f in findings if f["rule"].startswith("spelling.")]
    assert found == ["teh", "recieved"], result.output


def test_typo_in_a_paragraph_of_short_sentences_is_found(run, write):
    # words before a full stop once counted as unknown, so the paragraph looked foreign
    write(
        "story.md",
        """\
        The rain fell hard. Winds rose fast. Many roads closed. Power failed. Crews
        came at dawn. The storm passd quickly. Schools shut early. Buses stopped.

        - Police said the man was arrested.
        - He was charged.
        - Bail was denied.
        - The trial is set.
        - His lawer declined to comment.
        """,
    )
    result = run("check", "--format", "json", "story.md")
    found = [f["match"] for f in json.loads(result.output)["findings"]]
    assert found == ["passd", "lawer"], result.output


def test_a_passage_in_another_language_is_still_left_alone(run, write):
    write(
        "story.md",
        "The sign read: Nous sommes arrivés hier soir dans une petite ville, et les\n"
        "habitants nous ont accueillis avec beaucoup de gentillesse et de patience.\n",
    )
    result = run("check", "--format", "json", "story.md")
    assert "spelling.Typos" not in _rules(result), result.output


def test_bad_house_option_value_stops_the_run(run, write):
    # "oxford_comma = 'yes'" matched neither OxfordComma nor OxfordCommaMissing: both
    # rules silently stopped running
    write("copylint.toml", '[options]\noxford_comma = "yes"\n')
    write("story.md", "They bought apples, pears, and plums.\n")
    result = run("check", "story.md")
    assert result.exit_code == 2
    assert "copylint.toml:2:" in result.stderr
    assert "oxford_comma" in result.stderr and "Traceback" not in result.output


def test_bad_option_value_in_an_override_stops_the_run(run, write):
    write("copylint.toml", '[[overrides]]\nfiles = ["*.md"]\noptions = { percent = "pc" }\n')
    write("story.md", "It rose 5 percent.\n")
    result = run("check", "story.md")
    assert result.exit_code == 2
    assert "percent" in result.stderr and "copylint.toml" in result.stderr


def test_good_options_are_accepted(run, write):
    write("copylint.toml", '[options]\noxford_comma = true\npercent = "percent"\n')
    write("story.md", "They bought apples, pears and plums.\n")
    result = run("check", "--format", "json", "story.md")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_unknown_option_and_unknown_rule_in_levels_warn(run, write):
    write(
        "copylint.toml",
        '[levels]\n"house.Clichés" = "off"\n"spelling" = "warning"\n'
        "[options]\noxford_commas = true\n",
    )
    write("story.md", "A clean line.\n")
    result = run("check", "story.md")
    assert result.exit_code == 0
    assert "copylint.toml:2: unknown rule or pack 'house.Clichés'" in result.stderr
    assert "copylint.toml:5: unknown option 'oxford_commas'" in result.stderr
    assert "'spelling'" not in result.stderr


def test_output_cut_short_by_a_closed_pipe_is_silent(tmp_path):
    # `copylint rules | head -1` printed "copylint: error: Broken pipe"
    import subprocess

    from conftest import PYTHON, subprocess_env

    proc = subprocess.Popen(
        [PYTHON, "-m", "copylint", "rules"],
        cwd=tmp_path,
        env=subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # before anything is written: every write meets a closed pipe
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""


def test_explain_names_the_dialect_of_an_example(run):
    # "The walls were painted a pale colour." showed under both Fails and Passes
    result = run("explain", "spelling.Dialect")
    assert result.exit_code == 0
    assert "  - The mural adds colour to the neighbourhood.  (en-US)" in result.output
    assert "  - The mural adds color to the neighborhood.  (en-GB)" in result.output


def test_config_option_after_the_subcommand(run, write, tmp_path):
    # `copylint check --config x.toml` failed: "No such option '--config'"
    write("house/ours.toml", '[levels]\n"house.RepeatedWords" = "off"\n')
    write("story.md", "The the council met.\n")
    assert run("check", "story.md").exit_code == 1
    for cmd in (["check"], ["fix", "--diff"], ["baseline", "b.json"]):
        result = run(*cmd, "--config", "house/ours.toml", "story.md")
        assert result.exit_code == 0, (cmd, result.output, result.stderr)
    result = run("rules", "--config", "house/ours.toml")
    line = next(ln for ln in result.output.splitlines() if ln.startswith("house.RepeatedWords "))
    assert " off " in line
    assert run("explain", "--config", "house/ours.toml", "house.RepeatedWords").exit_code == 0
    # before the subcommand, as before
    assert run("--config", "house/ours.toml", "check", "story.md").exit_code == 0
    write("house/words.toml", '[vocab]\naccept = ["words.txt"]\n')
    write("house/words.txt", "")
    assert run("vocab", "add", "--config", "house/words.toml", "Zorbalu").exit_code == 0
    assert (tmp_path / "house" / "words.txt").read_text().split() == ["Zorbalu"]


def test_current_news_words_are_not_typos(run, write):
    # "influencer" got an unsafe fix to "influence"; "deepfake" to "deepak"
    write(
        "story.md",
        """\
        The influencer said a deepfake of her voice was livestreamed to fans. Critics
        called the ad greenwashing. A vlogger who covers esports was doxxed. Pickleball
        courts opened. Doctors prescribed semaglutide. Workers need upskilling.
        """,
    )
    result = run("check", "--format", "json", "story.md")
    assert "spelling.Typos" not in _rules(result), result.output


def test_vocab_add_after_init_makes_the_word_pass(run, write, tmp_path):
    # the starter config has [vocab] commented out: the word went to a list nobody read
    write("story.md", "The Wexcombe hospitel reopened.\n")
    assert run("init").exit_code == 0
    assert run("check", "story.md").exit_code == 1
    result = run("vocab", "add", "hospitel")
    assert result.exit_code == 0
    after = run("check", "--format", "json", "story.md")
    assert after.exit_code == 0, after.output
    assert after.stderr == ""
    # a second word goes to the same list; the config gets one [vocab] table only
    assert run("vocab", "add", "Wexcombe").exit_code == 0
    config = (tmp_path / "copylint.toml").read_text(encoding="utf-8")
    assert config.count("\n[vocab]") == 1
    assert (tmp_path / "vocab" / "accept.txt").read_text().split() == ["hospitel", "Wexcombe"]


def test_mdx_import_export_and_expressions_are_not_prose(run, write):
    write(
        "story.mdx",
        """\
        import Chart from "../components/Chart"
        export const meta = { title: "Budget" }

        # Budget story

        The council approved the budget on Tuesday. It was recieved well.

        <Chart data={budgetData} showLegend />

        {/* a note for editors: chekc the figures */}
        """,
    )
    result = run("check", "--format", "json", "story.mdx")
    found = [(f["line"], f["match"]) for f in json.loads(result.output)["findings"]]
    assert found == [(6, "recieved")], result.output


def test_import_line_in_plain_markdown_is_still_prose(run, write):
    write("story.md", "import duties rose, and teh council met.\n")
    result = run("check", "--format", "json", "story.md")
    assert [f["match"] for f in json.loads(result.output)["findings"]] == ["teh"]


def test_a_name_starting_with_a_figure_may_open_a_sentence(run, write):
    write("story.md", "The shop closed. 7-Eleven bought the site. 40 people applied for jobs.\n")
    result = run("check", "--format", "json", "story.md")
    found = [f["match"] for f in json.loads(result.output)["findings"]]
    assert found == ["40"], result.output


def test_lowercase_name_particles_are_not_typos(run, write):
    write(
        "story.md",
        """\
        Ursula von der Leyen met Ahmed ibn Rashid and Karl zu Guttenberg. Later Hans vom
        Bruch and Marta das Neves joined them.

        He was out of the van on Monday, and the vom was not a word.
        """,
    )
    result = run("check", "--format", "json", "story.md")
    found = [(f["line"], f["match"]) for f in json.loads(result.output)["findings"]]
    assert found == [(4, "vom")], result.output


def test_sentence_case_headline_with_names_from_the_story(run, write):
    write(
        "story.md",
        """\
        # What the Supreme Court ruling means for New York renters

        The Supreme Court ruled on Monday that landlords in New York must give tenants
        more notice.

        ## How the Federal Reserve decision affects Main Street

        The Federal Reserve held rates steady, and shops on Main Street felt it.

        ## Shops On Main Street Stay Open Late

        Owners said the late hours were popular.
        """,
    )
    result = run("check", "--format", "json", "story.md")
    found = [(f["line"], f["rule"]) for f in json.loads(result.output)["findings"]]
    assert found == [(10, "house.HeadlineSentence")], result.output


def test_one_finding_per_british_spelling_in_en_us_copy(run, write):
    # "colour" was reported twice: by spelling.Typos and by house.AmericanSpelling
    write("story.md", "The colour of the harbour changed. The theatre was grey.\n")
    result = run("check", "--format", "json", "story.md")
    found = [(f["match"], f["rule"]) for f in json.loads(result.output)["findings"]]
    matches = [m for m, _ in found]
    assert matches == ["colour", "harbour", "theatre", "grey"], found
    assert result.exit_code == 1


def test_repeated_word_before_punctuation_is_found_and_fixed(run, write, tmp_path):
    # tokens were runs of non-space, so "the the." compared "the" with "the."
    write(
        "story.txt",
        "The fire spread to the the.\nIt was very very, very hot.\nCrews came came!\n",
    )
    result = run("check", "--format", "json", "story.txt")
    found = [
        (f["line"], f["match"])
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "house.RepeatedWords"
    ]
    assert found == [(1, "the the"), (2, "very very"), (3, "came came")], result.output
    assert run("fix", "story.txt").exit_code in (0, 1)
    assert (tmp_path / "story.txt").read_text() == (
        "The fire spread to the.\nIt was very, very hot.\nCrews came!\n"
    )


def test_doubled_place_names_are_not_repeated_words(run, write):
    write("story.md", "He grew up in Walla Walla and retired to Bora Bora. The the end.\n")
    result = run("check", "--format", "json", "story.md")
    found = [
        f["match"]
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "house.RepeatedWords"
    ]
    assert found == ["The the"], result.output


def test_repeated_word_across_a_wrapped_line(run, write, tmp_path):
    write(
        "story.md",
        """\
        The council met on the
        the first day of the month.

        It ends with the

        the next paragraph, which is fine.

        - Vote for the
        - the list item is fine too.

        * Vote for the
        * the list item is fine too.
        """,
    )
    result = run("check", "--format", "json", "story.md")
    found = [
        (f["line"], f["match"])
        for f in json.loads(result.output)["findings"]
        if f["rule"] == "house.RepeatedWords"
    ]
    assert found == [(1, "the\nthe")], result.output
    run("fix", "story.md")
    assert (
        (tmp_path / "story.md")
        .read_text()
        .startswith("The council met on the first day of the month.\n\nIt ends with the\n")
    )


def test_promo_phrases_option_is_known(run, write):
    write("copylint.toml", '[options]\npromo_phrases = { newsletter = ["The Morning Memo"] }\n')
    write("story.md", "The storm closed schools.\n\nGet The Morning Memo every day.\n")
    result = run("check", "--format", "json", "story.md")
    assert "unknown option" not in result.stderr
    assert "promo.Newsletter" in _rules(result)


def test_own_rule_option_without_a_pack_default_may_take_another_value(run, write):
    write(
        "styles/Ours/Strict.yml",
        'extends: existence\nmessage: "Avoid %s."\nwhen: {strict: true}\ntokens: [whilst]\n',
    )
    write("copylint.toml", 'packs = ["styles/Ours"]\n[options]\nstrict = false\n')
    write("story.md", "He waited whilst it rained.\n")
    result = run("check", "story.md")
    assert result.exit_code == 0, result.stderr
    write("copylint.toml", 'packs = ["styles/Ours"]\n[options]\nstrict = "no"\n')
    result = run("check", "story.md")
    assert result.exit_code == 2 and "strict" in result.stderr


def test_first_name_opening_a_sentence_before_a_surname_is_not_a_typo(run, write):
    write(
        "story.md",
        """\
        Ilan Cohen, a teacher, said the plan was good. Cohen added that it was late.

        Yael Friedman said she agreed. Friedman lives nearby.

        Hana Kim runs a shop. Kim said sales were up.

        Teh council met on Monday. Teh Council voted.
        """,
    )
    result = run("check", "--format", "json", "story.md")
    found = [(f["line"], f["match"]) for f in json.loads(result.output)["findings"]]
    assert found == [(7, "Teh"), (7, "Teh")], result.output
